//! Scrubbing secrets out of text that goes into errors: the excerpt of a
//! non-Cognito error body and serde's message about a reply that did not
//! parse. Both quote what came back, and what came back can echo what was
//! sent (a firewall page showing the request) or hold tokens.
//!
//! Two passes, on the whole text before it is cut short:
//!
//! 1. each of the request's own secret values ([`request_secrets`]: every
//!    string in the request body except a few public members) becomes
//!    `<redacted>`;
//! 2. anything shaped like a token becomes `<redacted>`: a run of at least
//!    [`LONG_RUN`] base64, base64url or hex characters holding both a letter
//!    and a digit (key material, session, refresh token), or any run
//!    starting with `eyJ` (base64 of `{"`, how every JWT starts) together
//!    with the dots and segments that follow it.

use std::error::Error as StdError;
use std::fmt;

use serde_json::Value;

/// What a scrubbed value is replaced with.
pub(crate) const REDACTED: &str = "<redacted>";

/// The shortest run of base64-ish characters treated as a token.
pub(crate) const LONG_RUN: usize = 32;

/// Request members whose values are public and stay in error text.
const PUBLIC_MEMBERS: &[&str] = &[
    "ClientId",
    "UserPoolId",
    "AuthFlow",
    "ChallengeName",
    "Username",
    "USERNAME",
    "AttributeName",
    "GroupName",
];

/// Values shorter than this are not scrubbed: they would match ordinary
/// words (Cognito passwords are at least 6 characters, codes 6 digits).
const MIN_SECRET_CHARS: usize = 4;

/// The request's own values to scrub: every string in the JSON `body`,
/// at any depth, except under [`PUBLIC_MEMBERS`], of at least 4 characters.
pub(crate) fn request_secrets(body: &[u8]) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) if s.chars().count() >= MIN_SECRET_CHARS => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            Value::Object(map) => map
                .iter()
                .filter(|(k, _)| !PUBLIC_MEMBERS.contains(&k.as_str()))
                .for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        walk(&value, &mut out);
    }
    // Longest first, so a secret containing another is replaced whole.
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '_' | '-')
}

/// `text` with `secrets` and token-shaped runs replaced by `<redacted>`.
pub(crate) fn scrub(text: &str, secrets: &[String]) -> String {
    let mut text = text.to_owned();
    for secret in secrets {
        if text.contains(secret.as_str()) {
            text = text.replace(secret.as_str(), REDACTED);
        }
        // JSON and HTML echoes escape quotes and slashes; catch those too.
        let escaped = serde_json::to_string(secret).unwrap_or_default();
        let escaped = escaped.trim_matches('"');
        if escaped != secret && text.contains(escaped) {
            text = text.replace(escaped, REDACTED);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let tokenish = run.starts_with("eyJ")
            || (run.len() >= LONG_RUN
                && run.chars().any(|c| c.is_ascii_digit())
                && run.chars().any(|c| c.is_ascii_alphabetic()));
        out.push_str(if tokenish { REDACTED } else { run.as_str() });
        run.clear();
    };
    for c in text.chars() {
        // A JWT's dots keep its three segments one run.
        if is_token_char(c) || (c == '.' && run.starts_with("eyJ")) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// serde's error about a reply, with its message scrubbed; the position
/// stays. Stands in for `serde_json::Error` as a [`ParseError`]'s source.
///
/// [`ParseError`]: crate::ParseError
#[derive(Debug)]
pub(crate) struct JsonError {
    message: String,
}

impl JsonError {
    /// `error`'s message with `secrets` and tokens scrubbed.
    pub(crate) fn new(error: &serde_json::Error, secrets: &[String]) -> Self {
        Self {
            message: scrub(&error.to_string(), secrets),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for JsonError {}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    #[test]
    fn tokens_and_long_keys_are_scrubbed() {
        let text = format!(
            "<p>token {JWT} key wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY at cognito-idp.us-east-1.amazonaws.com</p>"
        );
        assert_eq!(
            scrub(&text, &[]),
            "<p>token <redacted> key <redacted> at cognito-idp.us-east-1.amazonaws.com</p>"
        );
        // Words, paths and short ids stay.
        let plain = "Service Unavailable: /static/stylesheets/application-bootstrap-theme id 1234";
        assert_eq!(scrub(plain, &[]), plain);
    }

    #[test]
    fn request_values_are_scrubbed_except_public_members() {
        let body = r#"{"ClientId":"client123","AuthParameters":{"USERNAME":"alice","PASSWORD":"pa\"ss wörd"},"Code":"123456","Short":"abc"}"#;
        let secrets = request_secrets(body.as_bytes());
        assert_eq!(secrets, ["pa\"ss wörd", "123456"]);
        let echo =
            r#"you sent {"PASSWORD":"pa\"ss wörd","Code":"123456"} for alice with client123"#;
        assert_eq!(
            scrub(echo, &secrets),
            r#"you sent {"PASSWORD":"<redacted>","Code":"<redacted>"} for alice with client123"#
        );
        assert_eq!(scrub("raw pa\"ss wörd", &secrets), "raw <redacted>");
    }
}
