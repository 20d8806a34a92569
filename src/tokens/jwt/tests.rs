//! Unit tests of `src/tokens/jwt/mod.rs`: JWT decoding.

use super::*;
use serde_json::json;
use std::time::{Duration, UNIX_EPOCH};

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(v.to_string())
}

fn claims(v: Value) -> Result<Claims, JwtError> {
    match v {
        Value::Object(map) => Claims::from_map(map),
        _ => panic!("test claims must be an object"),
    }
}

#[test]
fn split_bounds_and_counts_segments() {
    assert_eq!(
        split(&"a".repeat(MAX_TOKEN_LEN + 1)).err(),
        Some(JwtError::TooLarge {
            len: MAX_TOKEN_LEN + 1
        }),
        "oversized"
    );
    for bad in ["", "a", "a.b", "a.b.c.d", "a.b.c.", "...."] {
        assert_eq!(
            split(bad).err(),
            Some(JwtError::SegmentCount),
            "segments of {bad:?}"
        );
    }
    let parts = split("h.p.s").unwrap();
    assert_eq!(
        (
            parts.signing_input,
            parts.header,
            parts.payload,
            parts.signature
        ),
        ("h.p", "h", "p", "s"),
        "parts"
    );
    assert!(
        split("..").is_ok(),
        "empty segments split; decoding rejects them later"
    );
}

#[test]
fn base64url_is_strict() {
    assert_eq!(
        decode_segment("eyJ9", Segment::Header).map(|v| v.len()),
        Ok(3),
        "plain"
    );
    for bad in ["eyJ9=", "eyJ+", "eyJ/", "ey J9", "eyJ9\n", "e", "eyJ9eR"] {
        assert_eq!(
            decode_segment(bad, Segment::Payload),
            Err(JwtError::Base64(Segment::Payload)),
            "{bad:?}"
        );
    }
    assert_eq!(
        decode_segment("-_8", Segment::Signature),
        Ok(vec![0xfb, 0xff]),
        "url alphabet"
    );
}

#[test]
fn header_is_read() {
    let h = Header::from_segment(&b64(
        &json!({"alg": "RS256", "kid": "k1", "typ": "JWT", "x": 1}),
    ))
    .unwrap();
    assert_eq!(
        (h.alg.as_str(), h.kid.as_deref(), h.typ.as_deref()),
        ("RS256", Some("k1"), Some("JWT")),
        "fields"
    );
    assert_eq!(h.raw.get("x"), Some(&json!(1)), "raw map");
    assert_eq!(
        Header::from_segment(&b64(&json!({"kid": "k"}))).err(),
        Some(JwtError::MissingAlg),
        "no alg"
    );
    assert_eq!(
        Header::from_segment(&b64(&json!({"alg": 1}))).err(),
        Some(JwtError::MissingAlg),
        "alg number"
    );
    assert_eq!(
        Header::from_segment(&b64(&json!({"alg": "RS256", "kid": 7}))).err(),
        Some(JwtError::InvalidHeader { name: "kid" }),
        "kid number"
    );
    for not_object in [json!([1]), json!("x"), json!(null)] {
        assert_eq!(
            Header::from_segment(&b64(&not_object)).err(),
            Some(JwtError::NotJsonObject(Segment::Header)),
            "{not_object}"
        );
    }
    assert_eq!(
        Header::from_segment(&URL_SAFE_NO_PAD.encode("{\"alg\":")).err(),
        Some(JwtError::NotJsonObject(Segment::Header)),
        "truncated json"
    );
}

#[test]
fn cognito_access_token_claims() {
    let c = claims(json!({
        "sub": "aaaa-bbbb", "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X",
        "client_id": "abc", "origin_jti": "o", "event_id": "e", "token_use": "access",
        "scope": "aws.cognito.signin.user.admin  openid", "auth_time": 1700000000,
        "exp": 1700003600, "iat": 1700000000, "jti": "j", "username": "alice",
        "cognito:groups": ["admins", "users"], "version": 2
    }))
    .unwrap();
    assert_eq!(c.token_use, Some(TokenUse::Access), "token_use");
    assert_eq!(c.user_name(), Some("alice"), "username");
    assert_eq!(
        c.scopes().collect::<Vec<_>>(),
        ["aws.cognito.signin.user.admin", "openid"],
        "scopes"
    );
    assert_eq!(c.cognito_groups, ["admins", "users"], "groups");
    assert_eq!(
        (c.exp, c.iat, c.auth_time, c.nbf),
        (Some(1700003600), Some(1700000000), Some(1700000000), None),
        "times"
    );
    let at = |seconds| Some(UNIX_EPOCH + Duration::from_secs(seconds));
    assert_eq!(
        (
            c.expires_at(),
            c.issued_at(),
            c.authenticated_at(),
            c.not_before()
        ),
        (at(1700003600), at(1700000000), at(1700000000), None),
        "times as SystemTime"
    );
    assert_eq!(c.raw.get("version"), Some(&json!(2)), "raw keeps the rest");
    assert!(c.aud.is_empty(), "no aud");
}

#[test]
fn cognito_id_token_claims() {
    let c = claims(json!({
        "aud": "client1", "cognito:username": "bob", "token_use": "id", "email": "b@example.com",
        "email_verified": "true", "phone_number_verified": false, "exp": 1.7e9 + 0.9,
        "custom:tenant": "t1"
    }))
    .unwrap();
    assert_eq!(c.aud, ["client1"], "aud string");
    assert!(
        c.has_audience("client1") && !c.has_audience("client2"),
        "has_audience"
    );
    assert_eq!(c.user_name(), Some("bob"), "cognito:username");
    assert_eq!(
        (c.email_verified, c.phone_number_verified),
        (Some(true), Some(false)),
        "booleans"
    );
    assert_eq!(c.exp, Some(1_700_000_000), "fraction rounded down");
    assert_eq!(c.token_use, Some(TokenUse::Id), "token_use");
    let c = claims(json!({"aud": ["a", "b"], "token_use": "refresh"})).unwrap();
    assert_eq!(c.aud, ["a", "b"], "aud array");
    assert_eq!(
        c.token_use,
        Some(TokenUse::Unknown("refresh".into())),
        "unknown use"
    );
}

#[test]
fn wrong_types_are_errors() {
    let cases = [
        (json!({"exp": "tomorrow"}), "exp"),
        (json!({"exp": 1e300}), "exp"),
        (json!({"nbf": true}), "nbf"),
        (json!({"iat": [1]}), "iat"),
        (json!({"aud": 5}), "aud"),
        (json!({"aud": ["a", 5]}), "aud"),
        (json!({"cognito:groups": "admins"}), "cognito:groups"),
        (json!({"email_verified": "yes"}), "email_verified"),
        (json!({"email_verified": 1}), "email_verified"),
        (json!({"token_use": 1}), "token_use"),
        (json!({"sub": {}}), "sub"),
    ];
    for (value, name) in cases {
        assert_eq!(
            claims(value.clone()).err(),
            Some(JwtError::InvalidClaim { name }),
            "{value}"
        );
    }
    let c = claims(
        json!({"exp": null, "email": null, "exp2": "x", "iat": -5, "nbf": 9007199254740993u64}),
    )
    .unwrap();
    assert_eq!(
        (c.exp, c.email, c.iat, c.nbf),
        (None, None, Some(-5), Some(9007199254740993)),
        "nulls and ranges"
    );
    assert_eq!(
        claims(json!({"exp": u64::MAX})).err(),
        Some(JwtError::InvalidClaim { name: "exp" }),
        "u64 max"
    );
}

#[test]
fn errors_display_short_lowercase() {
    let all = [
        JwtError::TooLarge { len: 20000 },
        JwtError::SegmentCount,
        JwtError::Base64(Segment::Signature),
        JwtError::NotJsonObject(Segment::Payload),
        JwtError::MissingAlg,
        JwtError::InvalidHeader { name: "kid" },
        JwtError::InvalidClaim { name: "exp" },
    ];
    for e in all {
        let text = e.to_string();
        assert!(
            text.len() < 60 && text == text.to_lowercase(),
            "display {text:?}"
        );
    }
}

#[test]
fn claim_times_before_the_epoch() {
    let mut c = Claims::default();
    assert_eq!(c.expires_at(), None, "absent");
    c.exp = Some(-5);
    c.nbf = Some(0);
    assert_eq!(
        c.expires_at(),
        Some(UNIX_EPOCH - Duration::from_secs(5)),
        "negative exp"
    );
    assert_eq!(c.not_before(), Some(UNIX_EPOCH), "the epoch itself");
}
