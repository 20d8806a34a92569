//! The token, revocation and userInfo endpoints on the wire: each request
//! built by a pure function, each answer read by one. Sending is the
//! caller's one line between them.

use std::sync::Arc;

use serde::Deserialize;

use crate::error::{Error, HttpError, ParseError};
use crate::http::{HttpRequest, HttpResponse};
use crate::oauth::authorize::{AuthorizationCode, PkceVerifier};
use crate::oauth::domain::Domain;
use crate::oauth::error::{OAuthError, OAuthErrorCode};
use crate::oauth::form;
use crate::protocol::wire::excerpt;
use crate::secret::SecretString;
use crate::types::AuthenticationResultType;

const FORM: &str = "application/x-www-form-urlencoded";

/// The app client that authenticates to the token endpoint.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientAuth<'a> {
    pub(crate) client_id: &'a str,
    pub(crate) client_secret: Option<&'a SecretString>,
}

impl<'a> ClientAuth<'a> {
    /// A form POST to `url` with `pairs`: a public client sends `client_id`
    /// in the body; a client with a secret authenticates with HTTP Basic
    /// (as Cognito requires) and sends no id in the body.
    fn post(&self, url: String, mut pairs: Vec<(&'a str, &'a str)>) -> HttpRequest {
        let mut request = HttpRequest::post(url, Vec::new()).with_header("content-type", FORM);
        match self.client_secret {
            Some(secret) => {
                request = request.with_header(
                    "authorization",
                    form::basic_auth(self.client_id, secret.expose_secret()),
                );
            }
            None => pairs.push(("client_id", self.client_id)),
        }
        request.body = form::encode_pairs(pairs).into_bytes();
        request.with_header("accept", "application/json")
    }
}

/// The grants this crate asks the token endpoint for.
#[derive(Debug)]
pub(crate) enum Grant<'a> {
    /// `authorization_code`, with the PKCE verifier and the redirect URI.
    Code {
        code: &'a AuthorizationCode,
        verifier: &'a PkceVerifier,
        redirect_uri: &'a str,
    },
    /// `refresh_token`.
    Refresh { refresh_token: &'a SecretString },
    /// `client_credentials`, for these scopes (none: all the client may have).
    ClientCredentials { scopes: &'a [String] },
}

/// The token request for `grant`.
pub(crate) fn token_request<'a>(
    domain: &Domain,
    client: ClientAuth<'a>,
    grant: &'a Grant<'a>,
) -> HttpRequest {
    let scope;
    let pairs = match grant {
        Grant::Code {
            code,
            verifier,
            redirect_uri,
        } => vec![
            ("grant_type", "authorization_code"),
            ("code", code.expose_secret()),
            ("redirect_uri", *redirect_uri),
            ("code_verifier", verifier.expose_secret()),
        ],
        Grant::Refresh { refresh_token } => vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose_secret()),
        ],
        Grant::ClientCredentials { scopes } => {
            scope = scopes.join(" ");
            let mut pairs = vec![("grant_type", "client_credentials")];
            if !scope.is_empty() {
                pairs.push(("scope", scope.as_str()));
            }
            pairs
        }
    };
    client.post(domain.token_endpoint(), pairs)
}

/// The revocation request for a refresh token.
pub(crate) fn revoke_request<'a>(
    domain: &Domain,
    client: ClientAuth<'a>,
    token: &'a SecretString,
) -> HttpRequest {
    client.post(
        domain.revoke_endpoint(),
        vec![("token", token.expose_secret())],
    )
}

/// The userInfo request with an access token.
pub(crate) fn user_info_request(domain: &Domain, access_token: &SecretString) -> HttpRequest {
    HttpRequest::get(domain.user_info_endpoint())
        .with_header(
            "authorization",
            format!("Bearer {}", access_token.expose_secret()),
        )
        .with_header("accept", "application/json")
}

/// A successful token answer (RFC 6749 §5.1). `Debug` redacts the tokens.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TokenResponse {
    pub(crate) access_token: SecretString,
    #[serde(default)]
    pub(crate) id_token: Option<SecretString>,
    #[serde(default)]
    pub(crate) refresh_token: Option<SecretString>,
    #[serde(default)]
    pub(crate) expires_in: Option<u64>,
    #[serde(default)]
    pub(crate) token_type: Option<String>,
    #[serde(default)]
    pub(crate) scope: Option<String>,
}

impl TokenResponse {
    /// The same tokens in the shape the handle stores.
    pub(crate) fn into_authentication_result(self) -> AuthenticationResultType {
        AuthenticationResultType {
            access_token: Some(self.access_token),
            id_token: self.id_token,
            refresh_token: self.refresh_token,
            expires_in: self
                .expires_in
                .map(|s| i32::try_from(s).unwrap_or(i32::MAX)),
            token_type: self.token_type,
            ..AuthenticationResultType::default()
        }
    }
}

/// Reads a token endpoint answer.
///
/// # Errors
///
/// [`Error::OAuth`] for an OAuth error body; [`Error::Http`] for another
/// error status; [`Error::Parse`] for a 200 whose body is not a token
/// answer.
pub(crate) fn parse_token_response(reply: HttpResponse) -> Result<TokenResponse, Error> {
    if reply.status != 200 {
        return Err(error_reply(&reply));
    }
    parse_json(reply, "token")
}

/// Reads a revocation answer: 200 is success.
///
/// # Errors
///
/// As [`parse_token_response`] for an error status.
pub(crate) fn parse_revoke_response(reply: &HttpResponse) -> Result<(), Error> {
    if reply.status == 200 {
        Ok(())
    } else {
        Err(error_reply(reply))
    }
}

/// Reads a userInfo answer: the JSON object of claims.
///
/// # Errors
///
/// [`Error::OAuth`] (`invalid_token`, …) from the body or the
/// `WWW-Authenticate` header; [`Error::Http`]; [`Error::Parse`].
pub(crate) fn parse_user_info_response(
    reply: HttpResponse,
) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
    if reply.status != 200 {
        return Err(error_reply(&reply));
    }
    parse_json(reply, "userInfo")
}

fn parse_json<T: for<'de> Deserialize<'de>>(
    reply: HttpResponse,
    operation: &str,
) -> Result<T, Error> {
    serde_json::from_slice(&reply.body).map_err(|e| {
        Error::Parse(ParseError {
            operation: operation.to_owned(),
            status: Some(reply.status),
            body: reply.body,
            // serde's message can quote the body (a token): scrubbed.
            source: Arc::new(crate::error::scrub::JsonError::new(&e, &[])),
        })
    })
}

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// The error an error status carries: the body's OAuth `error`, else the
/// `WWW-Authenticate` header's, else an [`HttpError`].
pub(crate) fn error_reply(reply: &HttpResponse) -> Error {
    if let Ok(body) = serde_json::from_slice::<ErrorBody>(&reply.body) {
        return OAuthError::new(
            OAuthErrorCode::parse(&body.error),
            body.error_description,
            Some(reply.status),
        )
        .into();
    }
    if let Some(code) = reply
        .header("www-authenticate")
        .and_then(|h| auth_param(h, "error"))
    {
        let description = reply
            .header("www-authenticate")
            .and_then(|h| auth_param(h, "error_description"));
        return OAuthError::new(
            OAuthErrorCode::parse(&code),
            description,
            Some(reply.status),
        )
        .into();
    }
    Error::Http(HttpError {
        status: reply.status,
        excerpt: excerpt(&reply.body, &[]),
        request_id: reply.header("x-amzn-requestid").map(str::to_owned),
    })
}

/// `name="value"` (or unquoted) from a `WWW-Authenticate: Bearer …` header.
fn auth_param(header: &str, name: &str) -> Option<String> {
    let rest = header.trim_start();
    let rest = rest.strip_prefix("Bearer").unwrap_or(rest);
    rest.split(',').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        (k.trim() == name).then(|| v.trim().trim_matches('"').to_owned())
    })
}
