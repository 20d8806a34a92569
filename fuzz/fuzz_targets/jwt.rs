//! JWT decoding and verification: the token from the fuzzer, the key set from
//! fixtures/jwt/jwks.json, the validation from fixtures/jwt/tokens.json.
//!
//! Input: one mode byte, then the rest. Mode bit 0 clear: the rest is a
//! compact token, decoded without verification and verified (whole, and the
//! signature half alone). Set: the rest is a claims object, validated (the
//! claims half alone) at a time taken from the mode byte. Bit 1 picks the
//! `token_use` required (access or id).
//!
//! Checks: no panic; a token that verifies also decodes, to the same claims,
//! and passes the signature half; no error shows the token's signature.
#![no_main]

use std::sync::LazyLock;

use cognito::__fuzz;
use cognito::dangerous::decode_without_verification;
use cognito::jwks::KeySet;
use cognito::jwt::{Claims, TokenUse};
use cognito::verify::{self, Validation};
use libfuzzer_sys::fuzz_target;

/// The fixtures' `now` (tokens.json `config.now`).
const NOW: i64 = 1_700_000_100;

static KEYS: LazyLock<KeySet> = LazyLock::new(|| {
    KeySet::from_json(include_bytes!("../../fixtures/jwt/jwks.json")).expect("the fixture key set")
});

fn validation(token_use: TokenUse) -> Validation {
    let issuers = verify::cognito_issuers("us-east-1", "amazonaws.com", "us-east-1_TestPool1");
    Validation::new(issuers, ["1example23456789abcdefghi0"], token_use)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let token_use = if mode & 2 == 0 {
        TokenUse::Access
    } else {
        TokenUse::Id
    };
    let validation = validation(token_use);
    if mode & 1 == 0 {
        let Ok(token) = std::str::from_utf8(rest) else {
            return;
        };
        let unverified = decode_without_verification(token);
        let signed = __fuzz::verify_signature(token, &KEYS);
        let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(NOW as u64);
        let verified = verify::verify(token, &KEYS, &validation, now);
        match &verified {
            Ok(claims) => {
                let decoded = unverified.as_ref().expect("a verified token decodes");
                assert_eq!(decoded.claims(), claims, "verify and decode disagree");
                assert_eq!(
                    signed.as_ref().ok(),
                    Some(claims),
                    "the signature half disagrees"
                );
            }
            Err(e) => {
                // No error holds the token: its signature segment never shows (unless the
                // header or claims, which errors may quote, hold the same base64url text).
                let parts: Vec<&str> = token.split('.').collect();
                let quoted = match &unverified {
                    Ok(t) => format!("{:?} {:?}", t.header(), t.claims()),
                    Err(_) => String::new(),
                };
                if let [_, _, signature] = parts[..] {
                    let base64url = signature
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                    if base64url && signature.len() >= 16 && !quoted.contains(signature) {
                        let shown = format!("{e} {e:?}");
                        assert!(
                            !shown.contains(signature),
                            "a verify error shows the signature: {shown}"
                        );
                    }
                }
            }
        }
        if let Ok(t) = &unverified {
            let _ = format!("{t:?}");
            let claims = t.claims();
            let _ = (claims.expires_at(), claims.issued_at(), claims.not_before());
            let _ = (
                claims.authenticated_at(),
                claims.user_name(),
                claims.scopes().count(),
            );
        }
    } else {
        let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(rest) else {
            return;
        };
        let Ok(claims) = Claims::from_map(map) else {
            return;
        };
        // Around the fixtures' now, and the far ends of the clock.
        let now = match mode >> 2 {
            0 => i64::MIN,
            1 => i64::MAX,
            2 => 0,
            k => NOW + (i64::from(k) - 32) * 30,
        };
        let _ = __fuzz::validate(&claims, &validation, now);
        let _ = (
            claims.expires_at(),
            claims.not_before(),
            claims.has_audience("x"),
        );
    }
});
