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
//! ```
//! use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
//!
//! // A stand-in for Cognito; real code leaves the transport at its default.
//! let fake = |_req: HttpRequest| -> Result<HttpResponse, TransportError> {
//!     Ok(HttpResponse::new(400, br#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#.to_vec()))
//! };
//! let cognito = Cognito::builder()
//!     .user_pool_id("us-east-1_AbC123xyz")
//!     .client_id("1example23456789")
//!     .transport(fake)
//!     .build()?;
//! let err = cognito
//!     .call("InitiateAuth", &serde_json::json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "1example23456789"}))
//!     .unwrap_err();
//! assert!(err.is_not_authorized());
//! # Ok::<(), cognito::Error>(())
//! ```
//!
//! The root holds what a program using the handle needs. Everything else
//! lives in a named module: [`types`] (the model's requests and replies),
//! [`challenge`] (the values a sign-in stops at), [`credentials`],
//! [`endpoint`], [`jwt`], [`jwks`], [`verify`], [`dangerous`], [`rs256`],
//! [`srp`], [`signing`] and [`wire`]; the server side (a sign-in backend,
//! resumable challenges, session state, request helpers) is [`server`].
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

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
pub use crate::http::retry::RetryPolicy;
pub use crate::http::ureq_transport::{UreqTransport, UreqTransportBuilder};
pub use crate::http::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};
pub use crate::protocol::secret_hash::secret_hash;
pub use crate::secret::SecretString;
pub use crate::tokens::verifier::{KeySource, TokenVerifier, TokenVerifierBuilder};

/// The README's examples, compiled as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
