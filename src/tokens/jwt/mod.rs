//! JSON Web Tokens as Cognito issues them: the [`Header`], the typed
//! [`Claims`], and the bounded, strict reading of the compact form
//! `base64url(header) . base64url(payload) . base64url(signature)`.
//!
//! Reading is bounded before any decoding: a token longer than
//! [`MAX_TOKEN_LEN`] bytes is refused outright, then it must have exactly
//! three segments, each strict base64url (RFC 7515 §2: URL alphabet, no
//! padding, no stray bits, no whitespace). Header and payload must be JSON
//! objects.
//!
//! Nothing here checks a signature. To verify a token use the verifier; to
//! read one you cannot verify, see [`crate::tokens::dangerous`].
//!
//! Time claims (`exp`, `iat`, `nbf`, `auth_time`) are kept as whole seconds
//! since the Unix epoch in an `i64`. JSON allows fractions: those are rounded
//! down, so a fractional `exp` ends its token up to a second early and a
//! fractional `nbf`/`iat` starts it up to a second early; a validation
//! leeway absorbs both. Values outside the `i64` range are an error.

use std::fmt;
use std::time::SystemTime;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{Map, Value};

use crate::clock::from_unix_seconds;

/// Longest token read, in bytes. Cognito's tokens are 1–2 KiB, and a few KiB
/// more with many groups or custom claims.
pub const MAX_TOKEN_LEN: usize = 16 * 1024;

/// One of the three parts of a compact JWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// The first part, the JOSE header.
    Header,
    /// The second part, the claims.
    Payload,
    /// The third part, the signature.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

/// Why a token could not be read. No variant holds any part of the token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwtError {
    /// The token is longer than [`MAX_TOKEN_LEN`]; nothing was decoded.
    TooLarge {
        /// The token's length in bytes.
        len: usize,
    },
    /// The token does not have exactly three dot-separated segments.
    SegmentCount,
    /// A segment is not strict base64url without padding.
    Base64(Segment),
    /// The header or payload is not a JSON object.
    NotJsonObject(Segment),
    /// The header has no `alg`, or it is not a string.
    MissingAlg,
    /// A header member other than `alg` has the wrong JSON type.
    InvalidHeader {
        /// The member's name.
        name: &'static str,
    },
    /// A registered or Cognito claim has the wrong JSON type or range.
    InvalidClaim {
        /// The claim's name.
        name: &'static str,
    },
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { len } => write!(f, "token too large ({len} bytes)"),
            Self::SegmentCount => f.write_str("token must have three segments"),
            Self::Base64(segment) => write!(f, "token {segment} is not base64url"),
            Self::NotJsonObject(segment) => write!(f, "token {segment} is not a json object"),
            Self::MissingAlg => f.write_str("token header has no alg"),
            Self::InvalidHeader { name } => {
                write!(f, "token header member {name} has the wrong type")
            }
            Self::InvalidClaim { name } => write!(f, "claim {name} has the wrong type"),
        }
    }
}

impl std::error::Error for JwtError {}

/// The compact form split into its segments, nothing decoded yet.
pub(crate) struct Parts<'a> {
    /// `header.payload`, the bytes the signature covers.
    pub(crate) signing_input: &'a str,
    pub(crate) header: &'a str,
    pub(crate) payload: &'a str,
    pub(crate) signature: &'a str,
}

/// Splits a compact JWT after checking its size.
pub(crate) fn split(token: &str) -> Result<Parts<'_>, JwtError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(JwtError::TooLarge { len: token.len() });
    }
    let mut it = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (it.next(), it.next(), it.next(), it.next())
    else {
        return Err(JwtError::SegmentCount);
    };
    let signing_input = token
        .get(..header.len() + 1 + payload.len())
        .ok_or(JwtError::SegmentCount)?;
    Ok(Parts {
        signing_input,
        header,
        payload,
        signature,
    })
}

/// Strict base64url (no padding, canonical trailing bits) of one segment.
pub(crate) fn decode_segment(text: &str, segment: Segment) -> Result<Vec<u8>, JwtError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| JwtError::Base64(segment))
}

fn decode_object(text: &str, segment: Segment) -> Result<Map<String, Value>, JwtError> {
    let bytes = decode_segment(text, segment)?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(JwtError::NotJsonObject(segment)),
    }
}

/// A JWT's JOSE header.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Header {
    /// The signature algorithm, e.g. `RS256`. Not checked here.
    pub alg: String,
    /// The key id, naming a key in the issuer's key set.
    pub kid: Option<String>,
    /// The media type, usually `JWT` when present.
    pub typ: Option<String>,
    /// Every header member, as sent.
    pub raw: Map<String, Value>,
}

impl Header {
    /// Reads a header from its base64url segment.
    ///
    /// # Errors
    ///
    /// [`JwtError::Base64`], [`JwtError::NotJsonObject`],
    /// [`JwtError::MissingAlg`], or [`JwtError::InvalidHeader`] when `kid` or
    /// `typ` is present but not a string.
    pub(crate) fn from_segment(text: &str) -> Result<Self, JwtError> {
        let raw = decode_object(text, Segment::Header)?;
        let alg = match raw.get("alg") {
            Some(Value::String(alg)) => alg.clone(),
            _ => return Err(JwtError::MissingAlg),
        };
        let member = |name: &'static str| match raw.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(JwtError::InvalidHeader { name }),
        };
        Ok(Self {
            kid: member("kid")?,
            typ: member("typ")?,
            alg,
            raw,
        })
    }
}

/// What a Cognito token is for: its `token_use` claim.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TokenUse {
    /// `id`: an OpenID Connect ID token, about the user; `aud` is the client id.
    Id,
    /// `access`: an OAuth access token, for calling APIs; `client_id` is the client.
    Access,
    /// Any other value.
    Unknown(String),
}

impl TokenUse {
    /// The claim's text: `id`, `access`, or the unknown value.
    pub fn as_str(&self) -> &str {
        match self {
            TokenUse::Id => "id",
            TokenUse::Access => "access",
            TokenUse::Unknown(s) => s,
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "id" => TokenUse::Id,
            "access" => TokenUse::Access,
            other => TokenUse::Unknown(other.to_owned()),
        }
    }
}

impl fmt::Display for TokenUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The claims of a Cognito id or access token, typed, with every claim also
/// kept in [`Claims::raw`] (custom attributes such as `custom:tenant` live
/// only there).
///
/// Absent claims are `None` (or empty). A claim that is present with the
/// wrong type makes reading fail, so a malformed `exp` can never pass for a
/// missing one. Claims are not secret and `Debug` prints them, emails
/// included; the token itself is never held here.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Claims {
    /// `sub`: the user's stable id (a UUID in Cognito).
    pub sub: Option<String>,
    /// `iss`: the issuer, `https://cognito-idp.{region}.amazonaws.com/{poolId}`.
    pub iss: Option<String>,
    /// `token_use`: `id` or `access`.
    pub token_use: Option<TokenUse>,
    /// `client_id`: the app client (access tokens).
    pub client_id: Option<String>,
    /// `aud`: the audiences (id tokens: the app client id). A single string
    /// becomes one element; empty when absent.
    pub aud: Vec<String>,
    /// `username`: the user name (access tokens).
    pub username: Option<String>,
    /// `cognito:username`: the user name (id tokens).
    pub cognito_username: Option<String>,
    /// `cognito:groups`: the user's groups; empty when absent.
    pub cognito_groups: Vec<String>,
    /// `scope`: space-separated OAuth scopes (access tokens); see [`Claims::scopes`].
    pub scope: Option<String>,
    /// `exp`: expiry, seconds since the Unix epoch (fractions rounded down),
    /// as the token carries it; [`Claims::expires_at`] gives a `SystemTime`.
    pub exp: Option<i64>,
    /// `iat`: issued at, seconds since the Unix epoch (fractions rounded
    /// down); [`Claims::issued_at`] gives a `SystemTime`.
    pub iat: Option<i64>,
    /// `nbf`: not before, seconds since the Unix epoch (fractions rounded
    /// down); [`Claims::not_before`] gives a `SystemTime`.
    pub nbf: Option<i64>,
    /// `auth_time`: when the user authenticated, seconds since the Unix
    /// epoch; [`Claims::authenticated_at`] gives a `SystemTime`.
    pub auth_time: Option<i64>,
    /// `jti`: the token's unique id.
    pub jti: Option<String>,
    /// `origin_jti`: the id of the authentication event the token descends from.
    pub origin_jti: Option<String>,
    /// `event_id`: the authentication event's id.
    pub event_id: Option<String>,
    /// `email` (id tokens).
    pub email: Option<String>,
    /// `email_verified`: a boolean, or the strings `"true"`/`"false"`.
    pub email_verified: Option<bool>,
    /// `phone_number` (id tokens).
    pub phone_number: Option<String>,
    /// `phone_number_verified`: a boolean, or the strings `"true"`/`"false"`.
    pub phone_number_verified: Option<bool>,
    /// Every claim, as sent.
    pub raw: Map<String, Value>,
}

impl Claims {
    /// The user name, from `username` (access tokens) or `cognito:username`
    /// (id tokens).
    pub fn user_name(&self) -> Option<&str> {
        self.username
            .as_deref()
            .or(self.cognito_username.as_deref())
    }

    /// The scopes in `scope`, split on spaces (empty when absent).
    pub fn scopes(&self) -> impl Iterator<Item = &str> {
        self.scope
            .as_deref()
            .unwrap_or("")
            .split(' ')
            .filter(|s| !s.is_empty())
    }

    /// `exp` as a time; `None` when absent or beyond what `SystemTime` holds.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.exp.and_then(from_unix_seconds)
    }

    /// `iat` as a time; `None` when absent or beyond what `SystemTime` holds.
    pub fn issued_at(&self) -> Option<SystemTime> {
        self.iat.and_then(from_unix_seconds)
    }

    /// `nbf` as a time; `None` when absent or beyond what `SystemTime` holds.
    pub fn not_before(&self) -> Option<SystemTime> {
        self.nbf.and_then(from_unix_seconds)
    }

    /// `auth_time` as a time; `None` when absent or beyond what `SystemTime`
    /// holds.
    pub fn authenticated_at(&self) -> Option<SystemTime> {
        self.auth_time.and_then(from_unix_seconds)
    }

    /// Whether `aud` contains `client_id`.
    pub fn has_audience(&self, client_id: &str) -> bool {
        self.aud.iter().any(|a| a == client_id)
    }

    /// Reads the claims from a JSON object.
    ///
    /// # Errors
    ///
    /// [`JwtError::InvalidClaim`] naming the first claim with the wrong type.
    pub fn from_map(raw: Map<String, Value>) -> Result<Self, JwtError> {
        Ok(Self {
            sub: string(&raw, "sub")?,
            iss: string(&raw, "iss")?,
            token_use: string(&raw, "token_use")?.map(|s| TokenUse::parse(&s)),
            client_id: string(&raw, "client_id")?,
            aud: audience(&raw)?,
            username: string(&raw, "username")?,
            cognito_username: string(&raw, "cognito:username")?,
            cognito_groups: strings(&raw, "cognito:groups")?,
            scope: string(&raw, "scope")?,
            exp: numeric_date(&raw, "exp")?,
            iat: numeric_date(&raw, "iat")?,
            nbf: numeric_date(&raw, "nbf")?,
            auth_time: numeric_date(&raw, "auth_time")?,
            jti: string(&raw, "jti")?,
            origin_jti: string(&raw, "origin_jti")?,
            event_id: string(&raw, "event_id")?,
            email: string(&raw, "email")?,
            email_verified: boolish(&raw, "email_verified")?,
            phone_number: string(&raw, "phone_number")?,
            phone_number_verified: boolish(&raw, "phone_number_verified")?,
            raw,
        })
    }

    /// Reads the claims from the payload's base64url segment.
    pub(crate) fn from_segment(text: &str) -> Result<Self, JwtError> {
        Self::from_map(decode_object(text, Segment::Payload)?)
    }
}

/// A claim that is absent or `null` reads as `None`.
fn present<'a>(raw: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    raw.get(name).filter(|v| !v.is_null())
}

fn string(raw: &Map<String, Value>, name: &'static str) -> Result<Option<String>, JwtError> {
    match present(raw, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(JwtError::InvalidClaim { name }),
    }
}

fn strings(raw: &Map<String, Value>, name: &'static str) -> Result<Vec<String>, JwtError> {
    match present(raw, name) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or(JwtError::InvalidClaim { name })
            })
            .collect(),
        Some(_) => Err(JwtError::InvalidClaim { name }),
    }
}

fn audience(raw: &Map<String, Value>) -> Result<Vec<String>, JwtError> {
    match present(raw, "aud") {
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        _ => strings(raw, "aud"),
    }
}

fn numeric_date(raw: &Map<String, Value>, name: &'static str) -> Result<Option<i64>, JwtError> {
    let Some(value) = present(raw, name) else {
        return Ok(None);
    };
    if let Some(i) = value.as_i64() {
        return Ok(Some(i));
    }
    // 2^63 as f64; every finite f64 in [-2^63, 2^63) floors into an i64.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    match value.as_f64() {
        Some(f) if f.is_finite() && (-LIMIT..LIMIT).contains(&f) => Ok(Some(f.floor() as i64)),
        _ => Err(JwtError::InvalidClaim { name }),
    }
}

fn boolish(raw: &Map<String, Value>, name: &'static str) -> Result<Option<bool>, JwtError> {
    match present(raw, name) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if s == "true" => Ok(Some(true)),
        Some(Value::String(s)) if s == "false" => Ok(Some(false)),
        Some(_) => Err(JwtError::InvalidClaim { name }),
    }
}

#[cfg(test)]
mod tests;
