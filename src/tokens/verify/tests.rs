//! Unit tests of `src/tokens/verify/mod.rs`: token verification.

use super::*;
use serde_json::json;

fn claims(v: serde_json::Value) -> Claims {
    match v {
        serde_json::Value::Object(map) => Claims::from_map(map).unwrap(),
        _ => panic!("object"),
    }
}

const ISS: &str = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X";

fn access(now: i64) -> serde_json::Value {
    json!({"iss": ISS, "token_use": "access", "client_id": "c1", "exp": now + 600, "iat": now,
               "cognito:groups": ["admins"], "scope": "openid profile"})
}

fn validation() -> Validation {
    Validation::new([ISS], ["c1"], TokenUse::Access)
}

#[test]
fn defaults_are_documented_values() {
    let v = validation();
    assert_eq!(v.leeway, 60, "leeway");
    assert!(
        v.required_groups.is_empty() && v.required_scopes.is_empty(),
        "no requirements"
    );
}

#[test]
fn time_checks_use_the_leeway_at_the_edges() {
    let now = 1_000_000;
    let v = validation();
    let mut c = claims(access(now));
    c.exp = Some(now - 59);
    assert_eq!(
        validate(&c, &v, now),
        Ok(()),
        "expired 59 s ago, within leeway"
    );
    c.exp = Some(now - 60);
    assert_eq!(
        validate(&c, &v, now),
        Err(VerifyError::Expired),
        "expired 60 s ago"
    );
    c.exp = Some(now + 600);
    c.nbf = Some(now + 60);
    assert_eq!(validate(&c, &v, now), Ok(()), "nbf at the leeway edge");
    c.nbf = Some(now + 61);
    assert_eq!(
        validate(&c, &v, now),
        Err(VerifyError::NotYetValid),
        "nbf beyond leeway"
    );
    c.nbf = None;
    c.iat = Some(now + 61);
    assert_eq!(
        validate(&c, &v, now),
        Err(VerifyError::IssuedInFuture),
        "iat beyond leeway"
    );
    c.iat = Some(i64::MAX);
    assert_eq!(
        validate(&c, &v, i64::MAX),
        Err(VerifyError::Expired),
        "no overflow at the extremes"
    );
    let v0 = Validation {
        leeway: 0,
        ..validation()
    };
    c.iat = Some(now);
    c.exp = Some(now);
    assert_eq!(
        validate(&c, &v0, now),
        Err(VerifyError::Expired),
        "exp == now is expired"
    );
    let huge = Validation {
        leeway: u64::MAX,
        ..validation()
    };
    c.exp = Some(-1_000_000_000);
    assert_eq!(validate(&c, &huge, now), Ok(()), "huge leeway saturates");
}

#[test]
fn groups_and_scopes() {
    let now = 5;
    let c = claims(access(now));
    let mut v = validation();
    v.required_groups = vec!["admins".into()];
    v.required_scopes = vec!["profile".into()];
    assert_eq!(validate(&c, &v, now), Ok(()), "present");
    v.required_groups.push("root".into());
    assert_eq!(
        validate(&c, &v, now),
        Err(VerifyError::MissingGroup {
            group: "root".into()
        }),
        "group"
    );
    v.required_groups.pop();
    v.required_scopes.push("open".into());
    assert_eq!(
        validate(&c, &v, now),
        Err(VerifyError::MissingScope {
            scope: "open".into()
        }),
        "prefix is not a scope"
    );
}

#[test]
fn empty_lists_accept_nothing() {
    let now = 5;
    let c = claims(access(now));
    let v = Validation::new(Vec::<String>::new(), ["c1"], TokenUse::Access);
    assert_eq!(
        validate(&c, &v, now),
        Err(VerifyError::WrongIssuer),
        "no issuers"
    );
    let v = Validation::new([ISS], Vec::<String>::new(), TokenUse::Access);
    assert_eq!(
        validate(&c, &v, now),
        Err(VerifyError::WrongClientId),
        "no clients"
    );
}

#[test]
fn unknown_token_use_needs_aud_or_client_id() {
    let now = 5;
    let mut c = claims(json!({"iss": ISS, "token_use": "custom", "exp": 100}));
    let v = Validation::new([ISS], ["c1"], TokenUse::Unknown("custom".into()));
    assert_eq!(
        validate(&c, &v, now),
        Err(VerifyError::WrongAudience),
        "neither"
    );
    c.aud = vec!["c1".into()];
    assert_eq!(validate(&c, &v, now), Ok(()), "aud");
}

#[test]
fn issuers_for_partitions() {
    let [original, updated] = cognito_issuers("cn-north-1", "amazonaws.com.cn", "cn-north-1_Abc");
    assert_eq!(
        original, "https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Abc",
        "original"
    );
    assert_eq!(
        updated, "https://issuer-cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Abc",
        "updated"
    );
}

#[test]
fn display_is_short_and_lowercase_and_omits_attacker_text() {
    let e = VerifyError::AlgorithmNotAllowed {
        alg: "EVIL".repeat(100),
    };
    assert!(!e.to_string().contains("EVIL"), "alg not echoed");
    for e in [
        VerifyError::Expired,
        VerifyError::UnknownKid,
        VerifyError::Signature(Rs256Error::Mismatch),
    ] {
        let s = e.to_string();
        assert!(s.len() < 80 && s == s.to_lowercase(), "{s}");
    }
}
