//! Redaction of secrets from recorded bodies (see [`RecordingTransport`](crate::test_util::RecordingTransport)).
//!
//! Keys are matched by exact name at any depth. JWTs in replies keep their
//! header and claims (which tests read) but lose their signature, so a
//! recorded token can never be presented to a server again.

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
    // AWS keys, should they ever appear in a body
    "AccessKeyId",
    "SecretAccessKey",
    "SessionToken",
    // identity pools: the id tokens in Logins, the secret key in Credentials
    "Logins",
    "SecretKey",
];

/// Keys in replies whose JWT values keep their claims.
const JWT_KEYS: &[&str] = &["AccessToken", "IdToken"];

/// Whether values under `key` are secrets.
pub(crate) fn is_secret_key(key: &str) -> bool {
    SECRET_KEYS.contains(&key)
}

/// Redacts the secrets in a request body.
pub(crate) fn redact_request_body(body: Value) -> Value {
    redact(body, false)
}

/// Redacts the secrets in a reply body; JWTs keep header and claims.
pub(crate) fn redact_response_body(body: Value) -> Value {
    redact(body, true)
}

fn redact(value: Value, keep_claims: bool) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, v)| {
                    let v = if SECRET_KEYS.contains(&key.as_str()) {
                        match v {
                            Value::String(s) if keep_claims && JWT_KEYS.contains(&key.as_str()) => {
                                Value::String(strip_signature(&s))
                            }
                            Value::Null => Value::Null,
                            _ => Value::String(REDACTED.to_owned()),
                        }
                    } else {
                        redact(v, keep_claims)
                    };
                    (key, v)
                })
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| redact(v, keep_claims)).collect())
        }
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
        assert_eq!(
            out["ChallengeResponses"]["PASSWORD_CLAIM_SECRET_BLOCK"],
            "blk"
        );
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
