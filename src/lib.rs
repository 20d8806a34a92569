//! A blocking, thread-safe client for Amazon Cognito user pools.
//!
//! `cognito` is a Rust port of Python's `warrant` (and what `pycognito` and
//! AWS's `amazon-cognito-identity-js` added), without an async runtime: for
//! scripts, command-line tools, build tools, sync web servers and agents.
//!
//! * One [`Cognito`] handle, `Clone + Send + Sync`, holds the pool id, client
//!   id, optional client secret, username and tokens.
//! * Plain blocking HTTPS to the cognito-idp JSON endpoint ([`wire`]),
//!   user-side calls unsigned and needing no AWS credentials, admin calls
//!   signed with SigV4 ([`signing`]) with keys from [`credentials`].
//! * An injectable [`Transport`]: tests replay recorded fixtures through a
//!   replay transport (the `test_util` module, feature `test-util`), so
//!   nothing needs the network.
//! * One [`Error`] enum carrying Cognito's [`ErrorCode`].
//! * [`Cognito::call`] reaches any operation with a JSON value;
//!   [`Cognito::send`] any typed request from [`types`].
//!
//! # A user journey
//!
//! Sign in, read the user, keep the tokens fresh, as with warrant's
//! `Cognito(pool_id, client_id, username=…)`. Real code leaves the transport
//! at its default (blocking HTTPS to `cognito-idp.<region>.amazonaws.com`);
//! this example answers from a closure so that it runs offline.
//!
//! ```
//! use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
//! # use base64::Engine as _;
//! # let b64 = |v: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
//! # let exp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 3600;
//! # let access = format!("{}.{}.c2ln", b64(serde_json::json!({"alg": "RS256", "kid": "k"})),
//! #     b64(serde_json::json!({"exp": exp, "username": "alice", "token_use": "access"})));
//! # let cognito_stand_in = move |req: HttpRequest| -> Result<HttpResponse, TransportError> {
//! #     let body = match req.header("x-amz-target").unwrap_or_default() {
//! #         "AWSCognitoIdentityProviderService.InitiateAuth" => serde_json::json!({"AuthenticationResult": {
//! #             "AccessToken": access, "RefreshToken": "r", "ExpiresIn": 3600, "TokenType": "Bearer"}}),
//! #         _ => serde_json::json!({"Username": "alice", "UserAttributes": [{"Name": "email", "Value": "alice@example.com"}]}),
//! #     };
//! #     Ok(HttpResponse::new(200, body.to_string().into_bytes()))
//! # };
//! let cognito = Cognito::builder()
//!     .user_pool_id("eu-west-1_AbC123xyz")
//!     .client_id("1example23456789")
//!     .username("alice")
//! #   .transport(cognito_stand_in)
//!     .build()?;
//! // SRP is `authenticate`; this is USER_PASSWORD_AUTH. A challenge (MFA, a
//! // new password) comes back as a value to answer, never as an error.
//! cognito.authenticate_user_password("correct horse battery staple")?;
//! let user = cognito.get_user()?;
//! assert_eq!(user.attributes.get("email"), Some("alice@example.com"));
//! // Renews with the refresh token when the access token is within the
//! // refresh margin of its expiry (keep the margin below the tokens'
//! // lifetime: a margin longer than it renews on every check).
//! let renewed = cognito.check_token()?;
//! assert!(!renewed);
//! # Ok::<(), cognito::Error>(())
//! ```
//!
//! # Emulators and endpoints
//!
//! `.endpoint("http://127.0.0.1:PORT")` (or `AWS_ENDPOINT_URL`) points the
//! handle at a local emulator such as moto or cognito-local; plain `http://`
//! is accepted only for loopback unless `.allow_insecure_http(true)`.
//! `scripts/emulator up` in the repository starts moto with a pool, an app
//! client and a user. [`examples/demo.rs`] is a whole journey against it
//! (sign-up, confirmation, SRP sign-in, profile, token checks, password
//! change, admin calls, logout) and `examples/web_demo` a web app with
//! sessions in SQLite.
//!
//! [`examples/demo.rs`]: https://docs.rs/crate/cognito/latest/source/examples/demo.rs
//!
//! # What the crate holds
//!
//!
//! The root holds what a program using the handle needs. Everything else
//! lives in a named module: [`types`] (the model's requests and replies),
//! [`challenge`] (the values a sign-in stops at), [`credentials`],
//! [`endpoint`], [`jwt`], [`jwks`], [`verify`], [`dangerous`], [`rs256`],
//! [`srp`], [`signing`] and [`wire`]; AWS credentials for users from an
//! identity pool are [`identity`]; the server side (a sign-in backend,
//! resumable challenges, session state, request helpers) is [`server`];
//! OAuth 2.0 on the pool's domain (browser sign-in with PKCE,
//! machine-to-machine tokens) is [`oauth`].
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The fuzz targets' way in (fuzz/): hidden, not part of the API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod __fuzz;
mod auth;
mod client;
mod clock;
pub mod credentials;
mod error;
mod http;
pub mod identity;
pub mod oauth;
mod protocol;
mod secret;
pub mod server;
#[cfg(any(test, feature = "test-util"))]
pub mod test_util;
mod tokens;

pub mod types;
pub use crate::protocol::{endpoint, signing, srp, wire};
pub use crate::tokens::{dangerous, jwks, jwt, rs256, verify};

/// The challenges a sign-in can stop at, each with the method that answers
/// it; [`Challenge`] names which one came.
pub mod challenge {
    pub use crate::auth::challenge::{
        CodeChallenge, CustomChallenge, MfaSetup, NewPasswordRequired, OtherChallenge,
        SelectChallenge, SelectMfaType, TotpSecret,
    };
}

pub use crate::auth::aws_srp::{AwsSrp, AwsSrpBuilder};
pub use crate::auth::challenge::Challenge;
pub use crate::auth::{AuthResult, FirstFactor};
pub use crate::client::admin::{CreateUserOptions, Pages};
pub use crate::client::attributes::{AttrMap, Attributes};
pub use crate::client::self_service::{MfaMethod, MfaPreference};
pub use crate::client::user::{Group, User, UserMetadata};
pub use crate::client::{Cognito, CognitoBuilder, RememberedDevice, Tokens, VerifiedTokens};
pub use crate::clock::{Clock, SystemClock};
pub use crate::error::code::ErrorCode;
pub use crate::error::{
    ConfigError, Error, HttpError, KeySetError, ParseError, ProtocolError, ServiceError,
};
pub use crate::http::resolve::Resolve;
pub use crate::http::retry::RetryPolicy;
pub use crate::http::timer::{SystemTimer, Timer};
pub use crate::http::ureq_transport::{UreqTransport, UreqTransportBuilder};
pub use crate::http::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};
pub use crate::protocol::secret_hash::secret_hash;
pub use crate::secret::SecretString;
pub use crate::tokens::verifier::{KeySource, TokenVerifier, TokenVerifierBuilder};

/// The README's examples, compiled as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
