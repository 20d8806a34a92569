//! The token table of `fixtures/jwt/` (made by `scripts/gen/test-tokens`):
//! every good token verifies, every hostile one is refused with its own
//! failure kind, and the unverified reader rejects the structurally broken
//! ones before any key is involved.

use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use cognito::dangerous::decode_without_verification;
use cognito::jwks::KeySet;
use cognito::jwt::TokenUse;
use cognito::verify::{verify, Validation};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/jwt")
        .join(name);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("fixture is JSON")
}

struct Case {
    name: String,
    token_use: TokenUse,
    expect: String,
    token: String,
}

fn cases() -> (KeySet, Value, Vec<Case>) {
    let jwks = fixture("jwks.json");
    assert!(
        jwks["source"].is_string(),
        "jwks.json says where it came from"
    );
    let keys = KeySet::from_json(jwks.to_string().as_bytes()).expect("fixture key set");
    let doc = fixture("tokens.json");
    assert!(
        doc["source"].is_string(),
        "tokens.json says where it came from"
    );
    let cases = doc["tokens"]
        .as_array()
        .expect("tokens array")
        .iter()
        .map(|t| Case {
            name: t["name"].as_str().expect("name").to_owned(),
            token_use: if t["token_use"] == "id" {
                TokenUse::Id
            } else {
                TokenUse::Access
            },
            expect: t["expect"].as_str().expect("expect").to_owned(),
            token: t["token"].as_str().expect("token").to_owned(),
        })
        .collect();
    (keys, doc["config"].clone(), cases)
}

fn validation(config: &Value, token_use: TokenUse) -> Validation {
    let issuers: Vec<String> = config["issuers"]
        .as_array()
        .expect("issuers")
        .iter()
        .map(|i| i.as_str().expect("issuer").to_owned())
        .collect();
    let mut v = Validation::new(
        issuers,
        [config["client_id"].as_str().expect("client_id")],
        token_use,
    );
    v.leeway = config["leeway"].as_u64().expect("leeway");
    v
}

#[test]
fn fixture_key_set_has_two_usable_keys() {
    let (keys, _, _) = cases();
    assert_eq!(
        keys.kids().collect::<Vec<_>>(),
        ["k1", "k2"],
        "usable keys (1024-bit and EC keys set aside)"
    );
}

#[test]
fn every_token_gets_its_expected_outcome() {
    let (keys, config, cases) = cases();
    let now = UNIX_EPOCH + Duration::from_secs(config["now"].as_u64().expect("now"));
    let mut kinds = std::collections::BTreeSet::new();
    for case in &cases {
        let outcome = verify(
            &case.token,
            &keys,
            &validation(&config, case.token_use.clone()),
            now,
        );
        let got = match &outcome {
            Ok(_) => "ok",
            Err(e) => e.kind(),
        };
        assert_eq!(got, case.expect, "{}: {outcome:?}", case.name);
        kinds.insert(got);
    }
    for required in [
        "ok",
        "algorithm",
        "unknown_kid",
        "missing_kid",
        "signature_mismatch",
        "signature_length",
        "segment_count",
        "base64",
        "key_too_small",
        "too_large",
        "expired",
        "not_yet_valid",
        "issued_in_future",
        "wrong_issuer",
        "wrong_token_use",
        "wrong_audience",
        "wrong_client_id",
        "missing_exp",
    ] {
        assert!(kinds.contains(required), "the table covers {required}");
    }
}

#[test]
fn good_tokens_yield_typed_claims() {
    let (keys, config, cases) = cases();
    let now = UNIX_EPOCH + Duration::from_secs(config["now"].as_u64().expect("now"));
    let find = |name: &str| cases.iter().find(|c| c.name == name).expect("case");
    let access = verify(
        &find("good_access").token,
        &keys,
        &validation(&config, TokenUse::Access),
        now,
    )
    .expect("access");
    assert_eq!(access.username.as_deref(), Some("alice"), "username");
    assert_eq!(access.cognito_groups, ["admins", "users"], "groups");
    assert_eq!(
        access.scopes().collect::<Vec<_>>(),
        ["aws.cognito.signin.user.admin"],
        "scope"
    );
    let id = verify(
        &find("good_id").token,
        &keys,
        &validation(&config, TokenUse::Id),
        now,
    )
    .expect("id");
    assert_eq!(id.email.as_deref(), Some("alice@example.com"), "email");
    assert_eq!(id.email_verified, Some(true), "email_verified");
}

#[test]
fn unverified_reader_rejects_the_structural_cases() {
    let (_, _, cases) = cases();
    for case in &cases {
        let decoded = decode_without_verification(&case.token);
        match case.expect.as_str() {
            "too_large" | "segment_count" | "base64" => {
                assert!(
                    decoded.is_err(),
                    "{}: structurally broken, must not decode",
                    case.name
                )
            }
            // alg none has an empty signature segment, which decodes to no bytes.
            _ => assert!(
                decoded.is_ok(),
                "{}: decodes without verification: {decoded:?}",
                case.name
            ),
        }
    }
}

#[test]
fn errors_never_contain_the_token() {
    let (keys, config, cases) = cases();
    let now = UNIX_EPOCH + Duration::from_secs(config["now"].as_u64().expect("now"));
    for case in &cases {
        if let Err(e) = verify(
            &case.token,
            &keys,
            &validation(&config, case.token_use.clone()),
            now,
        ) {
            let shown = format!("{e} {e:?}");
            for segment in case.token.split('.').filter(|s| s.len() > 8) {
                assert!(
                    !shown.contains(segment),
                    "{}: error shows a token segment",
                    case.name
                );
            }
        }
    }
}
