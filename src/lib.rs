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

mod auth;
mod client;
mod clock;
mod credentials;
mod error;
mod http;
mod protocol;
mod secret;
mod test_util;
mod tokens;

pub mod types;
pub use crate::protocol::{endpoint, secret_hash, srp};
pub use crate::tokens::{dangerous, jwks, jwt, rs256, verify};

pub use crate::auth::aws_srp::AwsSrp;
pub use crate::auth::challenge::{
    Challenge, CodeChallenge, CustomChallenge, MfaSetup, NewPasswordRequired, OtherChallenge,
    SelectChallenge, SelectMfaType, TotpSecret,
};
pub use crate::auth::{AuthResult, FirstFactor};
pub use crate::client::admin::{CreateUserOptions, Pages};
pub use crate::client::attributes::{AttrMap, Attributes};
pub use crate::client::self_service::{MfaMethod, MfaPreference};
pub use crate::client::user::{Group, User, UserMetadata};
pub use crate::client::{Cognito, CognitoBuilder, RememberedDevice, Tokens, VerifiedTokens};
pub use crate::clock::{Clock, SystemClock};
pub use crate::credentials::{
    AwsCredentials, CredentialsError, DefaultCredentials, EnvCredentials, ProvideCredentials,
};
pub use crate::error::code::ErrorCode;
pub use crate::error::{ConfigError, Error, HttpError, ParseError, ProtocolError, ServiceError};
pub use crate::http::retry::RetryPolicy;
pub use crate::http::ureq_transport::{UreqTransport, UreqTransportBuilder};
pub use crate::http::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};
pub use crate::protocol::endpoint::{EndpointError, ResolvedEndpoint};
pub use crate::protocol::secret_hash::secret_hash;
pub use crate::protocol::signing::{sign_request, SigningError, SIGNING_NAME};
pub use crate::protocol::wire::{
    build_request, normalize_code, parse_error, parse_reply, CONTENT_TYPE, TARGET_PREFIX,
};
pub use crate::secret::SecretString;
pub use crate::test_util::redact::{REDACTED, REDACTED_SIGNATURE};
pub use crate::test_util::{
    Exchange, Fixture, FixtureError, RecordedRequest, RecordedResponse, RecordingTransport,
    ReplayTransport,
};
pub use crate::tokens::jwt::{Claims, TokenUse};
pub use crate::tokens::verifier::{
    KeySetError, KeySource, TokenVerifier, TokenVerifierBuilder, DEFAULT_REFETCH_INTERVAL,
};
pub use crate::tokens::verify::{Validation, VerifyError};

/// The README's examples, compiled as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
