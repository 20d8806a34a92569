//! The crate's one error type.
//!
//! [`Error::Service`] is Cognito saying no, with its [`ErrorCode`]; the other
//! variants say why no answer could be had or read. No variant ever holds a
//! password, token, secret or AWS key in its `Debug` or `Display`.
//!
//! Messages are short and lowercase, and each says only what its own layer
//! knows ("cannot fetch the key set from …"); the cause comes through
//! `source()` and is never pasted into the message too, so printing the chain
//! reads each thing once:
//!
//! ```text
//! cannot fetch the key set from https://…/jwks.json
//!   caused by: cannot send the request
//!   caused by: io: Connection refused (os error 111)
//! ```
//!
//! A wrapper is either *transparent* (its `Display` is the inner error's and
//! `source()` continues with the inner error's cause) or *contextual* (its own
//! message, `source()` is the inner error), never both. [`Error`]'s variants
//! are transparent, except [`Error::Srp`], which says
//! `srp computation failed` before the SRP maths' own reason.

pub(crate) mod code;
mod key_set;
pub(crate) mod scrub;
mod shared;
#[cfg(test)]
mod tests;

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use crate::credentials::CredentialsError;
use crate::error::code::ErrorCode;
use crate::http::TransportError;
use crate::protocol::signing::SigningError;
use crate::protocol::srp::SrpError;
use crate::tokens::verify::VerifyError;

pub use self::key_set::KeySetError;

/// Everything that can go wrong in this crate.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Cognito answered with an error: a code, a message, the HTTP status.
    Service(ServiceError),
    /// An HTTP error status whose body is not a Cognito error (an HTML 500
    /// page from a proxy or an emulator, a JSON body without `__type`).
    Http(HttpError),
    /// A reply that could not be read: malformed or truncated JSON, or a
    /// shape that does not match the operation.
    Parse(ParseError),
    /// No reply at all: connection refused, timeout, TLS, body too large.
    Transport(TransportError),
    /// The handle's settings are invalid (pool id, region, endpoint, …), or
    /// a call needs a setting the handle does not have: no pool id, client
    /// id or tokens, or no username for a call that takes it from the handle
    /// (sign-in, a secret-hash refresh).
    Config(ConfigError),
    /// A signed operation found no AWS credentials.
    Credentials(CredentialsError),
    /// A signed operation could not be signed.
    Signing(SigningError),
    /// The SRP maths refused a challenge (malformed or hostile values).
    Srp(SrpError),
    /// A reply that fits no step of the flow: no tokens and no challenge, an
    /// unknown challenge, a challenge without a parameter it needs.
    Protocol(ProtocolError),
    /// A token was refused: the reason, one kind per check.
    Token(VerifyError),
    /// No key set could be had to verify tokens with.
    KeySet(KeySetError),
    /// An argument the caller passed is unusable: an operation name that is
    /// not one, an input that is not a JSON object or cannot be serialized.
    /// (A username the handle lacks is [`Error::Config`].)
    InvalidArgument(String),
    /// A sign-in stopped at a challenge the caller chose not to answer (see
    /// [`AuthResult::signed_in`](crate::AuthResult::signed_in)): answer it
    /// through [`AuthResult::Challenge`](crate::AuthResult::Challenge) instead.
    ChallengeRequired {
        /// The challenge's wire name, e.g. `SOFTWARE_TOKEN_MFA`.
        name: String,
    },
    /// An OAuth 2.0 endpoint of the pool's domain answered with an error
    /// (`invalid_grant`, `invalid_client`, …), or a redirect carried one or
    /// a `state` that was not sent.
    OAuth(crate::oauth::OAuthError),
}

impl Error {
    /// Cognito's error code, when Cognito answered with an error.
    pub fn service_code(&self) -> Option<&ErrorCode> {
        match self {
            Error::Service(e) => Some(e.code()),
            _ => None,
        }
    }

    /// The HTTP status of the reply, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Service(e) => Some(e.status()),
            Error::Http(e) => Some(e.status()),
            Error::Parse(e) => e.status(),
            Error::OAuth(e) => e.status(),
            _ => None,
        }
    }

    /// The OAuth 2.0 error code (`invalid_grant`, …), when an OAuth
    /// endpoint answered with one.
    pub fn oauth_code(&self) -> Option<&crate::oauth::OAuthErrorCode> {
        match self {
            Error::OAuth(e) => Some(e.code()),
            _ => None,
        }
    }

    /// The `x-amzn-requestid` of the reply, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.request_id(),
            Error::Http(e) => e.request_id(),
            _ => None,
        }
    }

    fn has_code(&self, code: &ErrorCode) -> bool {
        self.service_code() == Some(code)
    }

    /// Cognito said `NotAuthorizedException`: wrong password, bad or revoked
    /// token, wrong secret hash, a disabled user.
    pub fn is_not_authorized(&self) -> bool {
        self.has_code(&ErrorCode::NotAuthorizedException)
    }

    /// Cognito said `UserNotFoundException`.
    pub fn is_user_not_found(&self) -> bool {
        self.has_code(&ErrorCode::UserNotFoundException)
    }

    /// Cognito said `UserNotConfirmedException`.
    pub fn is_user_not_confirmed(&self) -> bool {
        self.has_code(&ErrorCode::UserNotConfirmedException)
    }

    /// Cognito said `CodeMismatchException` or `ExpiredCodeException`.
    pub fn is_bad_code(&self) -> bool {
        self.has_code(&ErrorCode::CodeMismatchException)
            || self.has_code(&ErrorCode::ExpiredCodeException)
    }

    /// Cognito said `ResourceNotFoundException`.
    pub fn is_resource_not_found(&self) -> bool {
        self.has_code(&ErrorCode::ResourceNotFoundException)
    }

    /// The request was throttled: HTTP 429, or one of botocore's throttling
    /// codes (`TooManyRequestsException`, `ThrottlingException`,
    /// `Throttling`, `RequestLimitExceeded`, `SlowDown`, …), the ones the
    /// [`RetryPolicy`](crate::RetryPolicy) backs off from. Not
    /// `LimitExceededException`, Cognito's per-user attempt limit.
    pub fn is_throttling(&self) -> bool {
        self.service_code()
            .is_some_and(|c| crate::http::retry::is_throttling_code(c.as_str()))
            || self.status() == Some(429)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Transparent: the inner error says what its layer knows.
            Error::Service(e) => e.fmt(f),
            Error::Http(e) => e.fmt(f),
            Error::Parse(e) => e.fmt(f),
            Error::Transport(e) => e.fmt(f),
            Error::Config(e) => e.fmt(f),
            Error::Credentials(e) => e.fmt(f),
            Error::Signing(e) => e.fmt(f),
            Error::Protocol(e) => e.fmt(f),
            Error::Token(e) => e.fmt(f),
            Error::KeySet(e) => e.fmt(f),
            // Contextual: the SRP maths' messages do not say they are SRP.
            Error::Srp(_) => f.write_str("srp computation failed"),
            // A leaf.
            Error::InvalidArgument(m) => write!(f, "invalid argument: {m}"),
            Error::ChallengeRequired { name } => {
                write!(f, "sign-in stopped at challenge {name}")
            }
            Error::OAuth(e) => e.fmt(f),
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Error::Service(_) | Error::Http(_) | Error::Protocol(_) | Error::InvalidArgument(_) => {
                None
            }
            // A transparent variant skips its inner error, whose text it
            // already shows, and continues with that error's cause.
            Error::Parse(e) => e.source(),
            Error::Transport(e) => e.source(),
            Error::Config(e) => e.source(),
            Error::Credentials(e) => e.source(),
            Error::Signing(e) => e.source(),
            Error::Token(e) => e.source(),
            Error::KeySet(e) => e.source(),
            Error::Srp(e) => Some(e),
            Error::ChallengeRequired { .. } | Error::OAuth(_) => None,
        }
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Error::Transport(e)
    }
}

impl From<CredentialsError> for Error {
    fn from(e: CredentialsError) -> Self {
        Error::Credentials(e)
    }
}

impl From<SigningError> for Error {
    fn from(e: SigningError) -> Self {
        Error::Signing(e)
    }
}

impl From<SrpError> for Error {
    fn from(e: SrpError) -> Self {
        Error::Srp(e)
    }
}

impl From<ProtocolError> for Error {
    fn from(e: ProtocolError) -> Self {
        Error::Protocol(e)
    }
}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Self {
        Error::Config(e)
    }
}

impl From<VerifyError> for Error {
    fn from(e: VerifyError) -> Self {
        Error::Token(e)
    }
}

impl From<crate::oauth::OAuthError> for Error {
    fn from(e: crate::oauth::OAuthError) -> Self {
        Error::OAuth(e)
    }
}

impl From<KeySetError> for Error {
    fn from(e: KeySetError) -> Self {
        Error::KeySet(e)
    }
}

/// Cognito's own error reply.
///
/// `Display` is `Code: message`, e.g.
/// `NotAuthorizedException: Incorrect username or password.`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    /// Boxed: the code and three strings would make every `Result<_, Error>`
    /// over 100 bytes.
    inner: Box<ServiceReply>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ServiceReply {
    code: ErrorCode,
    message: Option<String>,
    reason_code: Option<String>,
    status: u16,
    request_id: Option<String>,
}

impl ServiceError {
    /// The error Cognito answered with `status`.
    pub(crate) fn new(
        code: ErrorCode,
        message: Option<String>,
        reason_code: Option<String>,
        status: u16,
        request_id: Option<String>,
    ) -> Self {
        Self {
            inner: Box::new(ServiceReply {
                code,
                message,
                reason_code,
                status,
                request_id,
            }),
        }
    }

    /// The error code.
    pub fn code(&self) -> &ErrorCode {
        &self.inner.code
    }

    /// The message (`message`, or `Message`), if any.
    pub fn message(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }

    /// `reasonCode`, which `InvalidParameterException` may carry.
    pub fn reason_code(&self) -> Option<&str> {
        self.inner.reason_code.as_deref()
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.inner.status
    }

    /// The `x-amzn-requestid` header, if any.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.message() {
            Some(m) if !m.is_empty() => write!(f, "{}: {m}", self.code()),
            _ => write!(f, "{}", self.code()),
        }
    }
}

impl StdError for ServiceError {}

/// An HTTP error status with a body that is not a Cognito error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpError {
    pub(crate) status: u16,
    pub(crate) excerpt: String,
    pub(crate) request_id: Option<String>,
}

impl HttpError {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The start of the body (at most 200 characters, whitespace
    /// collapsed), with anything shaped like a token (a JWT, a long base64
    /// or hex run) and, for the handle's calls, the request's own secret
    /// values replaced by `<redacted>`.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }

    /// The `x-amzn-requestid` header, if any.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.excerpt.is_empty() {
            write!(f, "http status {} with an empty body", self.status)
        } else {
            write!(f, "http status {}: {}", self.status, self.excerpt)
        }
    }
}

impl StdError for HttpError {}

/// A reply that could not be parsed. Keeps the body, which `Debug` and
/// `Display` never print (a truncated success reply may hold tokens).
///
/// `Display` names the operation; the JSON error comes through `source()`,
/// its message scrubbed as [`HttpError::excerpt`] is (serde quotes the value
/// it choked on, which may be a token).
#[derive(Clone)]
pub struct ParseError {
    pub(crate) operation: String,
    pub(crate) status: Option<u16>,
    pub(crate) body: Vec<u8>,
    pub(crate) source: Arc<scrub::JsonError>,
}

impl ParseError {
    /// The operation whose reply this was.
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// The HTTP status of the reply.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The raw body, as received. It may contain tokens: handle with care.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Debug for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not parse the {} reply ({} bytes)",
            self.operation,
            self.body.len()
        )
    }
}

impl StdError for ParseError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}

/// An invalid or missing setting.
///
/// A missing setting is a leaf whose message names the setting and how to
/// set it. When another error is the cause (an [`EndpointError`] for a
/// malformed pool id), the message says what was being done and the cause
/// comes through `source()`, never pasted into the message.
///
/// [`EndpointError`]: crate::endpoint::EndpointError
#[derive(Debug)]
pub struct ConfigError {
    message: String,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl ConfigError {
    /// A configuration error with a message naming the setting.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    /// A configuration error caused by `source`: `message` says what was
    /// being done ("cannot resolve the endpoint"), not what `source` says.
    pub fn with_source(
        message: impl Into<String>,
        source: impl StdError + Send + Sync + 'static,
    ) -> Self {
        Self {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for ConfigError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// A reply that fits no step of the flow.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProtocolError {
    /// A sign-in reply with neither `AuthenticationResult` nor `ChallengeName`
    /// (moto answers some flows with `{}`).
    NoResultNoChallenge,
    /// A challenge name the API model does not know.
    UnknownChallenge(String),
    /// A challenge this sign-in cannot answer (e.g. `PASSWORD_VERIFIER`
    /// without a password, `DEVICE_SRP_AUTH` without a remembered device).
    UnexpectedChallenge(String),
    /// A challenge without a parameter it needs.
    MissingParameter {
        /// The challenge.
        challenge: String,
        /// The missing parameter.
        parameter: String,
    },
    /// A reply without a member it needs.
    MissingField {
        /// The operation.
        operation: String,
        /// The missing member.
        field: String,
    },
    /// VerifySoftwareToken answered `ERROR`.
    SoftwareTokenNotVerified,
    /// A listing got back a pagination token it had already sent: paging
    /// on would loop for ever (botocore raises `PaginationError`).
    RepeatedPaginationToken,
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtocolError::NoResultNoChallenge => {
                f.write_str("the sign-in reply has neither tokens nor a challenge")
            }
            ProtocolError::UnknownChallenge(name) => write!(f, "unknown challenge {name:?}"),
            ProtocolError::UnexpectedChallenge(name) => {
                write!(f, "challenge {name} cannot be answered in this sign-in")
            }
            ProtocolError::MissingParameter {
                challenge,
                parameter,
            } => write!(f, "challenge {challenge} has no {parameter} parameter"),
            ProtocolError::MissingField { operation, field } => {
                write!(f, "the {operation} reply has no {field}")
            }
            ProtocolError::SoftwareTokenNotVerified => {
                f.write_str("the authenticator code was not verified")
            }
            ProtocolError::RepeatedPaginationToken => {
                f.write_str("the service sent a pagination token it had sent before")
            }
        }
    }
}

impl StdError for ProtocolError {}
