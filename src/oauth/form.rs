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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let text = "a b&c=d/é~";
        assert_eq!(encode(text), "a%20b%26c%3Dd%2F%C3%A9~");
        assert_eq!(decode(&encode(text)).as_deref(), Some(text));
        assert_eq!(decode("a+b%2b").as_deref(), Some("a b+"));
        assert_eq!(decode("%zz"), None);
        assert_eq!(decode("%4"), None);
    }

    #[test]
    fn pairs() {
        let body = encode_pairs([("grant_type", "authorization_code"), ("x", "a b")]);
        assert_eq!(body, "grant_type=authorization_code&x=a%20b");
        assert_eq!(
            parse_pairs("code=abc&state=x%2Fy&empty=&bad=%zz&flag"),
            vec![
                ("code".into(), "abc".into()),
                ("state".into(), "x/y".into()),
                ("empty".into(), String::new()),
                ("flag".into(), String::new()),
            ]
        );
    }

    #[test]
    fn basic() {
        // RFC 7617's example pair.
        assert_eq!(
            basic_auth("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuJTIwc2VzYW1l"
        );
        assert_eq!(basic_auth("client", "secret"), "Basic Y2xpZW50OnNlY3JldA==");
    }
}
