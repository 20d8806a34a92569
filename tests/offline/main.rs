//! The offline suite: everything that runs without a network or an emulator.
//! Fixtures replayed through the transport, known-answer vectors from
//! independent implementations, and the model conformance checks.
//!
//! Topics: `auth` (sign-in flows, SRP vectors, the verifying SRP server, the
//! call sites of `AuthResult`/`AwsSrp`/handle views), `tokens` (JWT fixtures,
//! the verifier, Wycheproof RS256, refresh), `wire` (error replies, SigV4
//! against botocore, endpoint resolution, the API model), `faults` (a
//! misbehaving loopback server and resolver: retries, timeouts, deadlines,
//! the retry quota), and the handle, credentials, identity-pool credentials
//! (`identity`), the warrant surface and the server side (`server`).

#[path = "../common/mod.rs"]
mod common;
mod constructed;

mod auth {
    mod call_sites;
    mod flows;
    mod srp_server;
    mod srp_vectors;
}
mod admin_ops;
mod credentials_chain;
mod faults {
    mod connection;
    mod dns;
    mod server;
    mod storm;
}

mod credentials_sources;
mod handle;
mod hardening;
mod identity;
mod oauth {
    mod client_credentials;
    mod code_flow;
}
mod redirects;
mod replies_checked;
mod secrets;
mod server;
mod surface_replay;
mod types_grow;
mod tokens {
    mod jwt_fixtures;
    mod key_set_sharing;
    mod refresh;
    mod refresh_sharing;
    mod verifier;
    mod wycheproof_rs256;
}
mod wire {
    mod endpoint_resolution;
    mod model_conformance;
    mod replay_errors;
    mod sigv4_botocore;
}
