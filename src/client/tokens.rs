//! [`Tokens`]: what a sign-in leaves on the handle, and the one JSON shape
//! they are written and read in (by the library's serde and by the `cognito`
//! command line).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::secret::SecretString;

/// The tokens a handle holds after sign-in.
///
/// `Debug` redacts the three tokens; read one with
/// [`Cognito::access_token`](crate::Cognito::access_token),
/// [`id_token`](crate::Cognito::id_token) or
/// [`refresh_token`](crate::Cognito::refresh_token).
///
/// # The token JSON
///
/// `Tokens` serializes to, and deserializes from, one JSON object: the one
/// `cognito login` and `cognito refresh` print and the command line reads
/// back on standard input. Its members are Cognito's `AuthenticationResult`
/// names plus two of ours:
///
/// | member | type | what |
/// |---|---|---|
/// | `IdToken` | string | the id token (a JWT) |
/// | `AccessToken` | string | the access token (a JWT) |
/// | `RefreshToken` | string | the refresh token (opaque) |
/// | `ExpiresIn` | integer | the lifetime in seconds Cognito announced |
/// | `TokenType` | string | normally `Bearer` |
/// | `ExpiresAt` | string | when the access token expires: RFC 3339, UTC, whole seconds (rounded down) |
/// | `Username` | string | the username the handle acted for |
///
/// Members the value lacks are left out, never `null`. Reading is lenient:
/// any member may be missing (or `null`), unknown members are ignored, and
/// `ExpiresAt` takes any RFC 3339 offset.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use cognito::Tokens;
///
/// let json = r#"{
///   "IdToken": "eyJraWQiOiJpZCJ9.eyJ0b2tlbl91c2UiOiJpZCJ9.c2ln",
///   "AccessToken": "eyJraWQiOiJhYyJ9.eyJ0b2tlbl91c2UiOiJhY2Nlc3MifQ.c2ln",
///   "RefreshToken": "opaque-refresh-token",
///   "ExpiresIn": 3600,
///   "TokenType": "Bearer",
///   "ExpiresAt": "2026-01-01T00:00:00Z",
///   "Username": "alice"
/// }"#;
/// let tokens: Tokens = serde_json::from_str(json)?;
/// assert_eq!(tokens.expires_at, Some(UNIX_EPOCH + Duration::from_secs(1_767_225_600)));
/// assert_eq!(tokens.username.as_deref(), Some("alice"));
/// assert_eq!(serde_json::to_string_pretty(&tokens)?, json);
///
/// // Only an access token: the other members are left out.
/// let bare = Tokens { access_token: Some("eyJ.e30.c2ln".into()), ..Tokens::default() };
/// assert_eq!(serde_json::to_string(&bare)?, r#"{"AccessToken":"eyJ.e30.c2ln"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tokens {
    /// The id token (a JWT with the user's attributes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<SecretString>,
    /// The access token (a JWT for the user's own operations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<SecretString>,
    /// The refresh token (opaque).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<SecretString>,
    /// The lifetime Cognito announced, in seconds; when the reply has none
    /// (cognito-local), the seconds left until the access token's `exp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<u64>,
    /// The token type, normally `Bearer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    /// When the access token expires.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "expires_at::serialize",
        deserialize_with = "expires_at::deserialize"
    )]
    pub expires_at: Option<SystemTime>,
    /// The username the handle acted for when it stored the tokens (else the
    /// access token's `username` claim); `None` when neither was known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// `ExpiresAt` as RFC 3339 text in UTC, whole seconds.
mod expires_at {
    use super::*;
    use serde::de::Error as _;
    use serde::ser::Error as _;
    use time::format_description::well_known::Rfc3339;
    use time::OffsetDateTime;

    /// Seconds since the epoch, rounded down (also before the epoch).
    fn unix_seconds(at: SystemTime) -> i64 {
        match at.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            Err(before) => {
                let d = before.duration();
                let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
                i64::try_from(secs).map_or(i64::MIN, |s| -s)
            }
        }
    }

    pub(super) fn format(at: SystemTime) -> Option<String> {
        OffsetDateTime::from_unix_timestamp(unix_seconds(at))
            .ok()?
            .format(&Rfc3339)
            .ok()
    }

    pub(super) fn parse(text: &str) -> Option<SystemTime> {
        let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
        let secs = at.unix_timestamp();
        let whole = Duration::from_secs(secs.unsigned_abs());
        let nanos = Duration::from_nanos(u64::from(at.nanosecond()));
        if secs >= 0 {
            UNIX_EPOCH.checked_add(whole)?.checked_add(nanos)
        } else {
            UNIX_EPOCH.checked_sub(whole)?.checked_add(nanos)
        }
    }

    pub(super) fn serialize<S: Serializer>(
        at: &Option<SystemTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => {
                let text = format(*at).ok_or_else(|| {
                    S::Error::custom("ExpiresAt is outside the years RFC 3339 can write")
                })?;
                serializer.serialize_str(&text)
            }
            None => serializer.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<SystemTime>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| {
                parse(&text).ok_or_else(|| {
                    D::Error::custom(format!("ExpiresAt {text:?} is not an RFC 3339 time"))
                })
            })
            .transpose()
    }
}

impl crate::client::Cognito {
    /// The `Username` stored with `tokens`: the handle's username, else the
    /// access token's `username` claim (read without verification).
    pub(crate) fn username_for_tokens(&self, tokens: &Tokens) -> Option<String> {
        self.username().or_else(|| {
            let token = tokens.access_token.as_ref()?;
            let decoded =
                crate::tokens::dangerous::decode_without_verification(token.expose_secret())
                    .ok()?;
            decoded.claims().username.clone()
        })
    }
}
