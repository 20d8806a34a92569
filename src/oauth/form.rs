//! `application/x-www-form-urlencoded` and URL query text, both ways, and
//! the HTTP Basic header of a client with a secret. Pure.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

/// Percent-encodes everything but RFC 3986's unreserved characters
/// (so a space is `%20`, which forms and queries both accept).
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` and `+` (a space); `None` for a bad escape or text that is
/// not UTF-8 once decoded.
pub(crate) fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// `k1=v1&k2=v2`, each part percent-encoded.
pub(crate) fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The pairs of `a=b&c=d` (a query or a form body), decoded; a part that
/// does not decode is skipped.
pub(crate) fn parse_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|part| !part.is_empty())
        .filter_map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            Some((decode(k)?, decode(v)?))
        })
        .collect()
}

/// `Basic base64(urlencode(id):urlencode(secret))`, as RFC 6749 §2.3.1 says
/// (Cognito's ids and secrets are alphanumeric, so encoding changes nothing
/// for them).
pub(crate) fn basic_auth(client_id: &str, client_secret: &str) -> String {
    let pair = format!("{}:{}", encode(client_id), encode(client_secret));
    format!("Basic {}", STANDARD.encode(pair))
}
