//! A blocking, thread-safe client for Amazon Cognito user pools.
//!
//! `cognito` is a Rust port of Python's `warrant` (and what `pycognito` and
//! AWS's `amazon-cognito-identity-js` added), without an async runtime: for
//! scripts, command-line tools, build tools, sync web servers and agents.
//!
//! * One [`Cognito`] handle, `Clone + Send + Sync`, holds the pool id, client
//!   id, optional client secret, username and tokens.
//! * Plain blocking HTTPS to the cognito-idp JSON endpoint ([`wire`](crate::build_request)),
//!   user-side calls unsigned and needing no AWS credentials, admin calls
//!   signed with SigV4 ([`sign_request`]).
//! * An injectable [`Transport`]: tests replay recorded fixtures through a
//!   [`ReplayTransport`], so nothing needs the network.
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
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod admin;
mod attributes;
mod auth;
mod aws_srp;
mod builder;
mod challenge;
mod clock;
mod cognito;
mod credentials;
mod error;
mod error_code;
mod fixture;
mod montgomery;
mod operations;
mod profile;
mod redact;
mod refresh;
mod retry;
mod secret;
mod self_service;

mod signing;
mod transport;
mod ureq_transport;
mod user;
mod verifier;
mod wire;

pub mod dangerous;
pub mod endpoint;
pub mod jwks;
pub mod jwt;
pub mod rs256;
pub mod secret_hash;
pub mod srp;
pub mod types;
pub mod verify;

pub use crate::admin::{CreateUserOptions, Pages};
pub use crate::attributes::{AttrMap, AttrValue, Attributes};
pub use crate::auth::{AuthResult, FirstFactor};
pub use crate::aws_srp::AwsSrp;
pub use crate::challenge::{
    Challenge, CodeChallenge, CustomChallenge, MfaSetup, NewPasswordRequired, OtherChallenge,
    SelectChallenge, SelectMfaType, TotpSecret,
};
pub use crate::clock::{Clock, SystemClock};
pub use crate::cognito::{Cognito, CognitoBuilder, RememberedDevice, Tokens, VerifiedTokens};
pub use crate::credentials::{
    AwsCredentials, CredentialsError, DefaultCredentials, EnvCredentials, ProvideCredentials,
};
pub use crate::endpoint::{EndpointError, ResolvedEndpoint};
pub use crate::error::{ConfigError, Error, HttpError, ParseError, ProtocolError, ServiceError};
pub use crate::error_code::ErrorCode;
pub use crate::fixture::{
    Exchange, Fixture, FixtureError, RecordedRequest, RecordedResponse, RecordingTransport,
    ReplayTransport,
};
pub use crate::jwt::{Claims, TokenUse};
pub use crate::redact::{REDACTED, REDACTED_SIGNATURE};
pub use crate::retry::RetryPolicy;
pub use crate::secret::SecretString;
pub use crate::secret_hash::secret_hash;
pub use crate::self_service::{MfaMethod, MfaPreference};
pub use crate::signing::{sign_request, SigningError, SIGNING_NAME};
pub use crate::transport::{
    HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};
pub use crate::ureq_transport::{UreqTransport, UreqTransportBuilder};
pub use crate::user::{Group, User, UserMetadata};
pub use crate::verifier::{
    KeySetError, KeySource, TokenVerifier, TokenVerifierBuilder, DEFAULT_REFETCH_INTERVAL,
};
pub use crate::verify::{Validation, VerifyError};
pub use crate::wire::{
    build_request, normalize_code, parse_error, parse_reply, CONTENT_TYPE, TARGET_PREFIX,
};

/// The README's examples, compiled as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
