//! The `cognito-identity` JSON wire format, as pure functions.
//!
//! Every operation is `POST /` with `Content-Type: application/x-amz-json-1.1`
//! and `X-Amz-Target: AWSCognitoIdentityService.<Operation>`; `GetId` and
//! `GetCredentialsForIdentity` are unsigned. Error replies have the shape of
//! cognito-idp's and are mapped by the same code
//! ([`wire::parse_error`](crate::wire::parse_error)).
//!
//! | step | request | reply |
//! |---|---|---|
//! | 1 | `GetId {IdentityPoolId, Logins?}` | `{IdentityId}` |
//! | 2 | `GetCredentialsForIdentity {IdentityId, Logins?, CustomRoleArn?}` | `{IdentityId, Credentials {AccessKeyId, SecretKey, SessionToken, Expiration}}` |
//! | 2 (basic flow) | `GetOpenIdToken {IdentityId, Logins?}` | `{IdentityId, Token}`, then STS `AssumeRoleWithWebIdentity` with `Token` |
//!
//! `Logins` maps a provider name to its token; for a user pool the name is
//! the pool's issuer without `https://`, and the token is the user's id
//! token. A guest (unauthenticated identity) sends no `Logins`.
//! `Expiration` is seconds since the Unix epoch, a JSON number that may
//! have a fraction.

use std::collections::BTreeMap;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::credentials::AwsCredentials;
use crate::error::{Error, ProtocolError};
use crate::http::{HttpRequest, HttpResponse};
use crate::protocol::wire::{parse_reply, CONTENT_TYPE};
use crate::secret::SecretString;

/// The prefix of the `X-Amz-Target` header of identity-pool operations.
pub(crate) const TARGET_PREFIX: &str = "AWSCognitoIdentityService";

/// Provider name → token, as `Logins` is sent.
pub(crate) type Logins = BTreeMap<String, SecretString>;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetIdInput<'a> {
    identity_pool_id: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    logins: &'a Logins,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetCredentialsInput<'a> {
    identity_id: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    logins: &'a Logins,
    #[serde(skip_serializing_if = "Option::is_none")]
    custom_role_arn: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetOpenIdTokenInput<'a> {
    identity_id: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    logins: &'a Logins,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetOpenIdTokenOutput {
    identity_id: Option<String>,
    token: Option<SecretString>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetIdOutput {
    identity_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetCredentialsOutput {
    identity_id: Option<String>,
    credentials: Option<WireCredentials>,
}

/// `Expiration` is read as any JSON value and checked by hand, so a serde
/// message never quotes a value from the reply.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireCredentials {
    access_key_id: Option<String>,
    secret_key: Option<SecretString>,
    session_token: Option<SecretString>,
    expiration: Option<Value>,
}

/// A request for `operation` with `body` to the base URL `endpoint`.
fn request(endpoint: &str, operation: &str, body: Vec<u8>) -> HttpRequest {
    let url = if endpoint.ends_with('/') {
        endpoint.to_owned()
    } else {
        format!("{endpoint}/")
    };
    HttpRequest::post(url, body)
        .with_header("content-type", CONTENT_TYPE)
        .with_header("x-amz-target", format!("{TARGET_PREFIX}.{operation}"))
}

fn to_body(operation: &str, input: &impl Serialize) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(input).map_err(|e| {
        Error::InvalidArgument(format!(
            "the {operation} request could not be serialized: {e}"
        ))
    })
}

/// The `GetId` request.
///
/// # Errors
///
/// [`Error::InvalidArgument`] if the input cannot be serialized.
pub(crate) fn get_id_request(
    endpoint: &str,
    identity_pool_id: &str,
    logins: &Logins,
) -> Result<HttpRequest, Error> {
    let input = GetIdInput {
        identity_pool_id,
        logins,
    };
    Ok(request(endpoint, "GetId", to_body("GetId", &input)?))
}

/// The `GetCredentialsForIdentity` request.
///
/// # Errors
///
/// [`Error::InvalidArgument`] if the input cannot be serialized.
pub(crate) fn get_credentials_request(
    endpoint: &str,
    identity_id: &str,
    logins: &Logins,
    custom_role_arn: Option<&str>,
) -> Result<HttpRequest, Error> {
    let input = GetCredentialsInput {
        identity_id,
        logins,
        custom_role_arn,
    };
    let operation = "GetCredentialsForIdentity";
    Ok(request(endpoint, operation, to_body(operation, &input)?))
}

/// The `GetOpenIdToken` request (the basic flow's second step).
///
/// # Errors
///
/// [`Error::InvalidArgument`] if the input cannot be serialized.
pub(crate) fn get_open_id_token_request(
    endpoint: &str,
    identity_id: &str,
    logins: &Logins,
) -> Result<HttpRequest, Error> {
    let input = GetOpenIdTokenInput {
        identity_id,
        logins,
    };
    let operation = "GetOpenIdToken";
    Ok(request(endpoint, operation, to_body(operation, &input)?))
}

/// The identity id (when the reply names one) and the OpenID token of a
/// `GetOpenIdToken` reply.
///
/// # Errors
///
/// The service's error reply as [`Error::Service`]; [`Error::Parse`] or
/// [`Error::Protocol`] for a reply without a `Token`.
pub(crate) fn parse_open_id_token(
    reply: &HttpResponse,
) -> Result<(Option<String>, SecretString), Error> {
    let out: GetOpenIdTokenOutput = parse_reply("GetOpenIdToken", reply)?;
    let token = out
        .token
        .filter(|t| !t.expose_secret().is_empty())
        .ok_or_else(|| missing("GetOpenIdToken", "Token"))?;
    Ok((out.identity_id.filter(|id| !id.is_empty()), token))
}

fn missing(operation: &str, field: &str) -> Error {
    ProtocolError::MissingField {
        operation: operation.to_owned(),
        field: field.to_owned(),
    }
    .into()
}

/// The identity id of a `GetId` reply.
///
/// # Errors
///
/// The service's error reply as [`Error::Service`]; [`Error::Parse`] or
/// [`Error::Protocol`] for a reply without an `IdentityId`.
pub(crate) fn parse_get_id(reply: &HttpResponse) -> Result<String, Error> {
    let out: GetIdOutput = parse_reply("GetId", reply)?;
    out.identity_id
        .filter(|id| !id.is_empty())
        .ok_or_else(|| missing("GetId", "IdentityId"))
}

/// The identity id (when the reply names one) and the credentials of a
/// `GetCredentialsForIdentity` reply.
///
/// # Errors
///
/// The service's error reply as [`Error::Service`]; [`Error::Parse`] or
/// [`Error::Protocol`] for a reply without one of the four credential
/// members, or with an `Expiration` that is not a time.
pub(crate) fn parse_credentials(
    reply: &HttpResponse,
) -> Result<(Option<String>, AwsCredentials), Error> {
    let operation = "GetCredentialsForIdentity";
    let out: GetCredentialsOutput = parse_reply(operation, reply)?;
    let creds = out
        .credentials
        .ok_or_else(|| missing(operation, "Credentials"))?;
    let access_key_id = creds
        .access_key_id
        .filter(|k| !k.is_empty())
        .ok_or_else(|| missing(operation, "Credentials.AccessKeyId"))?;
    let secret_key = creds
        .secret_key
        .filter(|k| !k.is_empty())
        .ok_or_else(|| missing(operation, "Credentials.SecretKey"))?;
    let session_token = creds
        .session_token
        .filter(|k| !k.is_empty())
        .ok_or_else(|| missing(operation, "Credentials.SessionToken"))?;
    let expiration = creds
        .expiration
        .as_ref()
        .and_then(Value::as_f64)
        .and_then(epoch_seconds)
        .ok_or_else(|| {
            missing(
                operation,
                "Credentials.Expiration (seconds since the epoch)",
            )
        })?;
    let credentials =
        AwsCredentials::new(access_key_id, secret_key, Some(session_token)).with_expiry(expiration);
    Ok((out.identity_id.filter(|id| !id.is_empty()), credentials))
}

/// Seconds since the Unix epoch (with a fraction, to the millisecond) as a time.
fn epoch_seconds(seconds: f64) -> Option<SystemTime> {
    if !seconds.is_finite() || !(0.0..=1e12).contains(&seconds) {
        return None;
    }
    // In range by the check above: at most 1e15 milliseconds.
    let millis = (seconds * 1000.0).round() as i128;
    crate::clock::from_unix_nanos(millis * 1_000_000)
}
