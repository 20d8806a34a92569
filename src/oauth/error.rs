//! [`OAuthError`]: an OAuth 2.0 error answer (RFC 6749 §5.2 and §4.1.2.1),
//! from the token, revocation or userInfo endpoint, or in a redirect.

use std::fmt;

/// The `error` of an OAuth 2.0 error answer.
///
/// Cognito's token endpoint answers `invalid_request`, `invalid_client`,
/// `invalid_grant`, `unauthorized_client`, `unsupported_grant_type` and
/// `invalid_scope`; its authorize endpoint redirects with `access_denied`,
/// `invalid_request`, `unauthorized_client`, `invalid_scope` or
/// `server_error`; its revoke endpoint answers `unsupported_token_type`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OAuthErrorCode {
    /// `invalid_request`: a parameter is missing, repeated or malformed.
    InvalidRequest,
    /// `invalid_client`: the client id or secret is wrong, or a secret is
    /// missing for a client that has one.
    InvalidClient,
    /// `invalid_grant`: the code, refresh token or PKCE verifier is wrong,
    /// expired, already used or revoked.
    InvalidGrant,
    /// `unauthorized_client`: the client may not use this grant or flow.
    UnauthorizedClient,
    /// `unsupported_grant_type`.
    UnsupportedGrantType,
    /// `invalid_scope`: a scope is unknown or not allowed for the client.
    InvalidScope,
    /// `access_denied`: the user or the server refused.
    AccessDenied,
    /// `unsupported_response_type`.
    UnsupportedResponseType,
    /// `server_error`.
    ServerError,
    /// `temporarily_unavailable`.
    TemporarilyUnavailable,
    /// `unsupported_token_type` (revocation).
    UnsupportedTokenType,
    /// `invalid_token` (userInfo: the access token was refused).
    InvalidToken,
    /// Ours: the redirect's `state` is not the one sent (a forged or stale
    /// redirect); nothing was exchanged.
    StateMismatch,
    /// Ours: the id token's `nonce` is not the one sent (a replayed token);
    /// nothing was stored.
    NonceMismatch,
    /// Any other code.
    Unknown(String),
}

impl OAuthErrorCode {
    /// Reads a wire code.
    pub fn parse(code: &str) -> Self {
        match code {
            "invalid_request" => Self::InvalidRequest,
            "invalid_client" => Self::InvalidClient,
            "invalid_grant" => Self::InvalidGrant,
            "unauthorized_client" => Self::UnauthorizedClient,
            "unsupported_grant_type" => Self::UnsupportedGrantType,
            "invalid_scope" => Self::InvalidScope,
            "access_denied" => Self::AccessDenied,
            "unsupported_response_type" => Self::UnsupportedResponseType,
            "server_error" => Self::ServerError,
            "temporarily_unavailable" => Self::TemporarilyUnavailable,
            "unsupported_token_type" => Self::UnsupportedTokenType,
            "invalid_token" => Self::InvalidToken,
            "state_mismatch" => Self::StateMismatch,
            "nonce_mismatch" => Self::NonceMismatch,
            other => Self::Unknown(other.to_owned()),
        }
    }

    /// The wire code, e.g. `invalid_grant`.
    pub fn as_str(&self) -> &str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::InvalidClient => "invalid_client",
            Self::InvalidGrant => "invalid_grant",
            Self::UnauthorizedClient => "unauthorized_client",
            Self::UnsupportedGrantType => "unsupported_grant_type",
            Self::InvalidScope => "invalid_scope",
            Self::AccessDenied => "access_denied",
            Self::UnsupportedResponseType => "unsupported_response_type",
            Self::ServerError => "server_error",
            Self::TemporarilyUnavailable => "temporarily_unavailable",
            Self::UnsupportedTokenType => "unsupported_token_type",
            Self::InvalidToken => "invalid_token",
            Self::StateMismatch => "state_mismatch",
            Self::NonceMismatch => "nonce_mismatch",
            Self::Unknown(code) => code,
        }
    }
}

impl fmt::Display for OAuthErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An OAuth 2.0 error: the code, the server's description, the HTTP status
/// (none for one that came in a redirect).
///
/// `Display` is `code: description` (or the code alone), e.g.
/// `invalid_grant: invalid_grant`. Neither it nor `Debug` ever holds a
/// code, token, verifier or secret: only what the server said about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    code: OAuthErrorCode,
    description: Option<String>,
    status: Option<u16>,
}

impl OAuthError {
    /// An error with `code`, an optional description and HTTP status.
    pub fn new(code: OAuthErrorCode, description: Option<String>, status: Option<u16>) -> Self {
        Self {
            code,
            description: description.filter(|d| !d.is_empty()),
            status,
        }
    }

    /// The code.
    pub fn code(&self) -> &OAuthErrorCode {
        &self.code
    }

    /// `error_description`, if the server sent one.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The HTTP status of the answer; `None` for an error in a redirect.
    pub fn status(&self) -> Option<u16> {
        self.status
    }
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.description {
            Some(d) => write!(f, "{}: {d}", self.code),
            None => write!(f, "{}", self.code),
        }
    }
}

impl std::error::Error for OAuthError {}
