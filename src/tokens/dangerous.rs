//! **Dangerous:** reading a JWT without verifying it.
//!
//! Everything this module returns may have been written by anyone. A token's
//! signature is what ties its claims to Cognito; without checking it, `sub`,
//! `username`, `cognito:groups`, `exp` and the rest are just text a client
//! sent you. **Never** use these claims to decide who a caller is or what they
//! may do; verify the token instead.
//!
//! What it is for: a client reading its *own* tokens, which it received from
//! Cognito over TLS, to learn when they expire or which user they belong to
//! (the handle does this to decide when to refresh), and debugging.

use std::fmt;

use crate::tokens::jwt::{self, Claims, Header, JwtError, Segment};

/// A token's parts, decoded but **not verified**. See the [module
/// docs](self) before using any of it.
///
/// `Debug` shows the header and claims but never the signing input or the
/// signature, which together are the token, a bearer credential.
#[derive(Clone)]
pub struct UnverifiedToken {
    header: Header,
    claims: Claims,
    signing_input: String,
    signature: Vec<u8>,
}

impl UnverifiedToken {
    /// The header. Its `alg` and `kid` are unverified too.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The claims, **unverified**.
    pub fn claims(&self) -> &Claims {
        &self.claims
    }

    /// The bytes the signature covers: `header.payload`, as sent.
    pub fn signing_input(&self) -> &str {
        &self.signing_input
    }

    /// The decoded signature.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// Takes the header and claims, dropping the rest.
    pub fn into_parts(self) -> (Header, Claims) {
        (self.header, self.claims)
    }
}

impl fmt::Debug for UnverifiedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnverifiedToken")
            .field("header", &self.header)
            .field("claims", &self.claims)
            .field("signing_input", &"[redacted]")
            .field(
                "signature",
                &format_args!("[{} bytes]", self.signature.len()),
            )
            .finish()
    }
}

/// Decodes a compact JWT's header, claims and signature **without verifying
/// the signature or any claim**.
///
/// The token is bounded before decoding (at most [`jwt::MAX_TOKEN_LEN`]
/// bytes), must have three segments, each strict base64url without padding,
/// and a header and payload that are JSON objects with well-typed claims.
///
/// ```
/// use cognito::dangerous::decode_without_verification;
///
/// // {"alg":"RS256","kid":"k1"} . {"username":"alice","exp":1700000000} . "sig"
/// let token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.\
///              eyJ1c2VybmFtZSI6ImFsaWNlIiwiZXhwIjoxNzAwMDAwMDAwfQ.c2ln";
/// let unverified = decode_without_verification(token)?;
/// assert_eq!(unverified.claims().user_name(), Some("alice"));
/// assert_eq!(unverified.claims().exp, Some(1_700_000_000));
/// # Ok::<(), cognito::jwt::JwtError>(())
/// ```
///
/// # Errors
///
/// [`JwtError::TooLarge`], [`JwtError::SegmentCount`], [`JwtError::Base64`],
/// [`JwtError::NotJsonObject`], [`JwtError::MissingAlg`],
/// [`JwtError::InvalidHeader`] or [`JwtError::InvalidClaim`].
pub fn decode_without_verification(token: &str) -> Result<UnverifiedToken, JwtError> {
    let parts = jwt::split(token)?;
    let header = Header::from_segment(parts.header)?;
    let claims = Claims::from_segment(parts.payload)?;
    let signature = jwt::decode_segment(parts.signature, Segment::Signature)?;
    Ok(UnverifiedToken {
        header,
        claims,
        signing_input: parts.signing_input.to_owned(),
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;

    fn token(header: &str, payload: &str, signature: &[u8]) -> String {
        format!(
            "{}.{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(signature)
        )
    }

    #[test]
    fn decodes_every_part() {
        let t = token(
            r#"{"alg":"RS256","kid":"k"}"#,
            r#"{"username":"u","exp":5}"#,
            b"SIGNATURE",
        );
        let u = decode_without_verification(&t).unwrap();
        assert_eq!(u.header().kid.as_deref(), Some("k"), "kid");
        assert_eq!(u.claims().exp, Some(5), "exp");
        assert_eq!(u.signature(), b"SIGNATURE", "signature");
        let dot = t.rfind('.').unwrap();
        assert_eq!(u.signing_input(), &t[..dot], "signing input");
    }

    #[test]
    fn structural_failures_have_their_own_kind() {
        let good = token(r#"{"alg":"RS256"}"#, r#"{}"#, b"s");
        let (h, rest) = good.split_once('.').unwrap();
        let cases = [
            (format!("{good}.extra"), JwtError::SegmentCount),
            (
                format!("{h}.{}", rest.split_once('.').unwrap().0),
                JwtError::SegmentCount,
            ),
            (format!("{h}.!!.c2ln"), JwtError::Base64(Segment::Payload)),
            (
                format!("{h}.e30.c2ln="),
                JwtError::Base64(Segment::Signature),
            ),
            ("e30.e30.c2ln".to_owned(), JwtError::MissingAlg),
            (
                token(r#"{"alg":"RS256"}"#, "[]", b"s"),
                JwtError::NotJsonObject(Segment::Payload),
            ),
            (
                token(r#"{"alg":"RS256"}"#, r#"{"exp":"x"}"#, b"s"),
                JwtError::InvalidClaim { name: "exp" },
            ),
            (
                "x".repeat(jwt::MAX_TOKEN_LEN + 1),
                JwtError::TooLarge {
                    len: jwt::MAX_TOKEN_LEN + 1,
                },
            ),
        ];
        for (t, want) in cases {
            assert_eq!(
                decode_without_verification(&t).err(),
                Some(want.clone()),
                "{want:?}"
            );
        }
    }

    #[test]
    fn debug_never_shows_the_token() {
        let t = token(
            r#"{"alg":"RS256"}"#,
            r#"{"email":"a@example.com"}"#,
            b"TOPSECRETSIG",
        );
        let u = decode_without_verification(&t).unwrap();
        let debug = format!("{u:?}");
        let (h, rest) = t.split_once('.').unwrap();
        let (p, s) = rest.split_once('.').unwrap();
        for secret in [h, p, s, "TOPSECRETSIG"] {
            assert!(!debug.contains(secret), "debug leaks {secret:?}: {debug}");
        }
        assert!(
            debug.contains("a@example.com") && debug.contains("[12 bytes]"),
            "debug shows claims: {debug}"
        );
    }
}
