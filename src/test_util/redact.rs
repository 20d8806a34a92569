//! Redaction of secrets from recorded bodies (see [`RecordingTransport`](crate::test_util::RecordingTransport)).
//!
//! Keys are matched by exact name at any depth. JWTs in replies keep their
//! header and claims (which tests read) but lose their signature, so a
//! recorded token can never be presented to a server again.
//!
//! `AuthParameters` and `ChallengeResponses` are redacted by allow-list:
//! every value in them is redacted except those under the few keys known to
//! be public ([`PUBLIC_PARAMETERS`]), so a challenge answer, code or proof
//! this list has never heard of is redacted too. Codes elsewhere
//! (`ConfirmationCode`, `Code`, `UserCode`, …) are in [`SECRET_KEYS`].

use serde_json::Value;

/// The placeholder written in place of a secret; in a recorded request it
/// matches any value.
pub const REDACTED: &str = "<redacted>";

/// The signature segment written into redacted JWTs (base64url of `REDACTED`).
pub const REDACTED_SIGNATURE: &str = "UkVEQUNURUQ";

/// Keys whose values are secrets wherever they appear.
const SECRET_KEYS: &[&str] = &[
    // top-level members of the requests and replies
    "Password",
    "PreviousPassword",
    "ProposedPassword",
    "TemporaryPassword",
    "SecretHash",
    "ClientSecret",
    "Secret",
    "AccessToken",
    "IdToken",
    "RefreshToken",
    "Token",
    "Session",
    "SecretCode",
    "SubjectToken",
    // AuthParameters and ChallengeResponses keys
    "PASSWORD",
    "NEW_PASSWORD",
    "SECRET_HASH",
    "REFRESH_TOKEN",
    "ACCESS_TOKEN",
    "PASSWORD_CLAIM_SIGNATURE",
    // codes and verifiers outside the parameter maps
    "ConfirmationCode",
    "Code",
    "UserCode",
    "PasswordVerifier",
    "ClientSecretValue",
    "FeedbackToken",
    "ActorToken",
    "IssuedToken",
    // AWS keys, should they ever appear in a body
    "AccessKeyId",
    "SecretAccessKey",
    "SessionToken",
    // identity pools: the id tokens in Logins, the secret key in Credentials
    "Logins",
    "SecretKey",
];

/// The maps whose values are redacted unless their key is public.
const PARAMETER_MAPS: &[&str] = &["AuthParameters", "ChallengeResponses"];

/// The keys of [`PARAMETER_MAPS`] whose values are public: the username,
/// SRP's public `A` (`g^a`), the device key (an identifier), the client's
/// timestamp and the first factor asked for. Everything else in those maps
/// (`PASSWORD`, `ANSWER`, `SMS_MFA_CODE`, `SOFTWARE_TOKEN_MFA_CODE`,
/// `EMAIL_OTP_CODE`, `SMS_OTP_CODE`, `NEW_PASSWORD`,
/// `PASSWORD_CLAIM_SIGNATURE`, `PASSWORD_CLAIM_SECRET_BLOCK`,
/// `SECRET_HASH`, `REFRESH_TOKEN`, `CREDENTIAL`, any other) is redacted.
const PUBLIC_PARAMETERS: &[&str] = &[
    "USERNAME",
    "SRP_A",
    "DEVICE_KEY",
    "TIMESTAMP",
    "PREFERRED_CHALLENGE",
];

/// Keys in replies whose JWT values keep their claims.
const JWT_KEYS: &[&str] = &["AccessToken", "IdToken"];

/// Whether values under `key` are secrets.
pub(crate) fn is_secret_key(key: &str) -> bool {
    SECRET_KEYS.contains(&key)
}

/// Whether the value under `key` in an object that sits under `parent` is
/// a secret: a secret key anywhere, or any non-public key of
/// `AuthParameters` and `ChallengeResponses`.
pub(crate) fn is_secret_in(parent: &str, key: &str) -> bool {
    is_secret_key(key) || (PARAMETER_MAPS.contains(&parent) && !PUBLIC_PARAMETERS.contains(&key))
}

/// Redacts the secrets in a request body.
pub(crate) fn redact_request_body(body: Value) -> Value {
    redact(body, false)
}

/// Redacts the secrets in `value`, found in a request under key `key`.
pub(crate) fn redact_request_value(key: &str, value: Value) -> Value {
    redact_under(key, value, false)
}

/// Redacts the secrets in a reply body; JWTs keep header and claims.
pub(crate) fn redact_response_body(body: Value) -> Value {
    redact(body, true)
}

fn redact(value: Value, keep_claims: bool) -> Value {
    redact_under("", value, keep_claims)
}

/// Redacts `value`, an entry of an object under key `parent`.
fn redact_under(parent: &str, value: Value, keep_claims: bool) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, v)| {
                    let v = if is_secret_in(parent, &key) {
                        match v {
                            Value::String(s) if keep_claims && JWT_KEYS.contains(&key.as_str()) => {
                                Value::String(strip_signature(&s))
                            }
                            Value::Null => Value::Null,
                            _ => Value::String(REDACTED.to_owned()),
                        }
                    } else {
                        redact_under(&key, v, keep_claims)
                    };
                    (key, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| redact_under(parent, v, keep_claims))
                .collect(),
        ),
        other => other,
    }
}

/// `header.payload.signature` → `header.payload.<REDACTED_SIGNATURE>`; any
/// other shape becomes [`REDACTED`].
fn strip_signature(token: &str) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    match parts.as_slice() {
        [header, payload, _] => format!("{header}.{payload}.{REDACTED_SIGNATURE}"),
        _ => REDACTED.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn request_secrets_at_any_depth() {
        let body = json!({
            "ClientId": "c", "SecretHash": "h", "Password": "p",
            "AuthParameters": {"USERNAME": "alice", "PASSWORD": "p", "SRP_A": "abc", "SECRET_HASH": "h"},
            "ChallengeResponses": {"PASSWORD_CLAIM_SIGNATURE": "sig", "PASSWORD_CLAIM_SECRET_BLOCK": "blk", "TIMESTAMP": "t"}
        });
        let out = redact_request_body(body);
        assert_eq!(out["ClientId"], "c");
        assert_eq!(out["SecretHash"], REDACTED);
        assert_eq!(out["AuthParameters"]["USERNAME"], "alice");
        assert_eq!(out["AuthParameters"]["SRP_A"], "abc");
        assert_eq!(out["AuthParameters"]["PASSWORD"], REDACTED);
        // The secret block is Cognito's opaque session state: redacted too.
        assert_eq!(
            out["ChallengeResponses"]["PASSWORD_CLAIM_SECRET_BLOCK"],
            REDACTED
        );
        assert_eq!(out["ChallengeResponses"]["TIMESTAMP"], "t");
        assert_eq!(
            out["ChallengeResponses"]["PASSWORD_CLAIM_SIGNATURE"],
            REDACTED
        );
    }

    #[test]
    fn reply_jwts_keep_claims_and_lose_signatures() {
        let out = redact_response_body(json!({"AuthenticationResult": {
            "AccessToken": "h.p.s", "IdToken": "notajwt", "RefreshToken": "r"}, "Session": "s"}));
        assert_eq!(
            out["AuthenticationResult"]["AccessToken"],
            format!("h.p.{REDACTED_SIGNATURE}")
        );
        assert_eq!(out["AuthenticationResult"]["IdToken"], REDACTED);
        assert_eq!(out["AuthenticationResult"]["RefreshToken"], REDACTED);
        assert_eq!(out["Session"], REDACTED);
    }
}
