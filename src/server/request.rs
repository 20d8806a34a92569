//! Request helpers: the API key header (warrant's `APIKeyMiddleware`) and a
//! bearer access token, read from any web server's headers.

use std::fmt;

use crate::error::Error;
use crate::jwt::{Claims, TokenUse};
use crate::tokens::verifier::TokenVerifier;

/// The header warrant's `APIKeyMiddleware` reads the API key from.
pub const API_KEY_HEADER: &str = "Authorization-ID";

/// The first value of header `name` (compared without regard to case) among
/// `headers`, `(name, value)` pairs as any web server gives them.
///
/// ```
/// let headers = [("Content-Type", "text/html"), ("authorization-id", "key-1")];
/// assert_eq!(cognito::server::header(headers, "Authorization-ID"), Some("key-1".to_owned()));
/// ```
pub fn header<I, N, V>(headers: I, name: &str) -> Option<String>
where
    I: IntoIterator<Item = (N, V)>,
    N: AsRef<str>,
    V: AsRef<str>,
{
    headers
        .into_iter()
        .find(|(n, _)| n.as_ref().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_ref().to_owned())
}

/// The API key from the `Authorization-ID` header (warrant's
/// `APIKeyMiddleware` puts it on `request.api_key`); `None` when the header
/// is missing. The key is not checked here: look it up as your app does.
///
/// ```
/// use cognito::server::api_key;
///
/// assert_eq!(api_key([("AUTHORIZATION-ID", "key-1")]), Some("key-1".to_owned()));
/// assert_eq!(api_key([("Authorization", "Bearer x")]), None);
/// ```
pub fn api_key<I, N, V>(headers: I) -> Option<String>
where
    I: IntoIterator<Item = (N, V)>,
    N: AsRef<str>,
    V: AsRef<str>,
{
    header(headers, API_KEY_HEADER)
}

/// The token of an `Authorization: Bearer <token>` value (the scheme
/// compared without regard to case); `None` for another scheme or an empty
/// token.
///
/// ```
/// use cognito::server::bearer_token;
///
/// assert_eq!(bearer_token("Bearer eyJ.e30.c2ln"), Some("eyJ.e30.c2ln"));
/// assert_eq!(bearer_token("Basic YWxpY2U6cHc="), None);
/// ```
pub fn bearer_token(authorization: &str) -> Option<&str> {
    let (scheme, token) = authorization.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Why a request's bearer token was refused: answer 401.
#[derive(Debug)]
#[non_exhaustive]
pub enum BearerError {
    /// No `Authorization` header.
    Missing,
    /// An `Authorization` header without a `Bearer` token.
    NotBearer,
    /// The token did not verify (an id token, tampered, expired, another
    /// client's, …), or the key set could not be had; the cause says which.
    Refused(Error),
}

impl fmt::Display for BearerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BearerError::Missing => f.write_str("no authorization header"),
            BearerError::NotBearer => f.write_str("the authorization header is not a bearer token"),
            BearerError::Refused(_) => f.write_str("the bearer token was refused"),
        }
    }
}

impl std::error::Error for BearerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BearerError::Refused(e) => Some(e),
            _ => None,
        }
    }
}

/// Verifies the request's `Authorization: Bearer <access token>` with a
/// shared `verifier` (built once, e.g. with
/// [`Cognito::token_verifier`](crate::Cognito::token_verifier) or
/// [`TokenVerifier::builder`]`(pool).client_id(…)`): signature, issuer,
/// expiry, `token_use` access and `client_id`. Returns the claims (the
/// username is `claims.username`).
///
/// ```
/// use cognito::server::{bearer_claims, BearerError};
/// use cognito::TokenVerifier;
///
/// let verifier = TokenVerifier::builder("us-east-1_AbC123xyz")
///     .client_id("1example23456789")
///     .key_set_json(r#"{"keys":[]}"#)
///     .build()?;
/// let no_header: [(&str, &str); 0] = [];
/// assert!(matches!(bearer_claims(&verifier, no_header), Err(BearerError::Missing)));
/// assert!(matches!(bearer_claims(&verifier, [("Authorization", "Basic eA==")]), Err(BearerError::NotBearer)));
/// # Ok::<(), cognito::Error>(())
/// ```
///
/// # Errors
///
/// [`BearerError::Missing`] without the header, [`BearerError::NotBearer`]
/// for another scheme, [`BearerError::Refused`] when the token does not
/// verify (a [`TokenVerifier`] always checks a client id: its builder
/// requires one).
pub fn bearer_claims<I, N, V>(verifier: &TokenVerifier, headers: I) -> Result<Claims, BearerError>
where
    I: IntoIterator<Item = (N, V)>,
    N: AsRef<str>,
    V: AsRef<str>,
{
    let value = header(headers, "Authorization").ok_or(BearerError::Missing)?;
    let token = bearer_token(&value).ok_or(BearerError::NotBearer)?;
    verifier
        .verify_as(token, TokenUse::Access)
        .map_err(BearerError::Refused)
}
