//! `cognito verify` with the committed JWT fixtures (fixtures/jwt, made by
//! scripts/gen/test_tokens.py): good tokens print their claims, hostile ones
//! exit 1 with their failure kind first.
//!
//! The fixtures were signed for a clock at 1700000100 (November 2023) and
//! the command line has no clock to set, so the checks that are not about
//! time run with a leeway wide enough to cover the years since.

use crate::support as cli_support;

use cli_support::{Cli, Stub};
use serde_json::Value;

/// Enough seconds of leeway to make the 2023 fixtures current (about 32 years).
const WIDE_LEEWAY: &str = "1000000000";

struct Fixtures {
    jwks_path: String,
    jwks: String,
    pool: String,
    client: String,
    /// Name, token, the use to verify it as, and the expected kind ("ok" or a failure kind).
    tokens: Vec<(String, String, String, String)>,
}

fn fixtures() -> Fixtures {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/jwt");
    let jwks_path = dir.join("jwks.json");
    let jwks = std::fs::read_to_string(&jwks_path).unwrap();
    let tokens: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("tokens.json")).unwrap()).unwrap();
    let config = &tokens["config"];
    Fixtures {
        jwks_path: jwks_path.to_string_lossy().into_owned(),
        jwks,
        pool: config["pool_id"].as_str().unwrap().to_owned(),
        client: config["client_id"].as_str().unwrap().to_owned(),
        tokens: tokens["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["name"].as_str().unwrap().to_owned(),
                    t["token"].as_str().unwrap().to_owned(),
                    t["token_use"].as_str().unwrap().to_owned(),
                    t["expect"].as_str().unwrap().to_owned(),
                )
            })
            .collect(),
    }
}

impl Fixtures {
    fn token(&self, name: &str) -> &str {
        &self.tokens.iter().find(|(n, ..)| n == name).unwrap().1
    }

    fn cli(&self) -> Cli {
        Cli::bare()
            .args(&["--pool-id", &self.pool, "--client-id", &self.client])
            .args(&["verify", "--jwks", &self.jwks_path])
    }
}

#[test]
fn a_good_access_token_on_stdin() {
    let f = fixtures();
    let run = f
        .cli()
        .args(&["--leeway", WIDE_LEEWAY])
        .stdin(&format!("{}\n", f.token("good_access")))
        .run()
        .ok();
    let claims = run.json();
    assert_eq!(claims["token_use"], "access", "claims: {claims}");
    assert_eq!(claims["client_id"], f.client.as_str(), "client");
    assert_eq!(claims["username"], "alice", "username");
}

#[test]
fn an_id_token_from_login_json_on_stdin() {
    let f = fixtures();
    let piped = serde_json::json!({
        "IdToken": f.token("good_id"),
        "AccessToken": f.token("good_access"),
    });
    let run = f
        .cli()
        .args(&["-", "--token-use", "id", "--leeway", WIDE_LEEWAY])
        .stdin(&serde_json::to_string_pretty(&piped).unwrap())
        .run()
        .ok();
    assert_eq!(run.json()["token_use"], "id", "the IdToken member");
}

#[test]
fn every_fixture_token_gets_its_verdict() {
    let f = fixtures();
    let mut checked = 0;
    for (name, token, token_use, expect) in &f.tokens {
        // Time checks need the fixtures' clock; "expired" is checked below.
        if ["expired", "not_yet_valid", "issued_in_future"].contains(&expect.as_str()) {
            continue;
        }
        let run = f
            .cli()
            .args(&["--leeway", WIDE_LEEWAY, "--token-use", token_use])
            .stdin(&format!("{token}\n"))
            .run();
        if expect == "ok" {
            assert_eq!(run.code, 0, "{name}: {run:?}");
            assert_eq!(run.json()["token_use"], token_use.as_str(), "{name}");
        } else {
            assert_eq!(run.code, 1, "{name}: {run:?}");
            assert!(
                run.stderr.starts_with(&format!("{expect}: ")),
                "{name} should say {expect}: {run:?}"
            );
            assert!(run.stdout.is_empty(), "{name}: no claims printed");
        }
        checked += 1;
    }
    assert!(checked >= 20, "most fixtures checked ({checked})");
}

#[test]
fn an_expired_token_with_the_default_leeway() {
    let f = fixtures();
    let run = f.cli().stdin(f.token("good_access")).run();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.starts_with("expired: "), "{run:?}");
}

#[test]
fn keys_from_the_endpoint_and_a_key_set_that_cannot_be_had() {
    let f = fixtures();
    let path = format!("/{}/.well-known/jwks.json", f.pool);
    let stub = Stub::start_with_paths(&[], &[(path.as_str(), f.jwks.as_str())]);
    Cli::bare()
        .args(&[
            "--pool-id",
            &f.pool,
            "--client-id",
            &f.client,
            "--endpoint",
            &stub.url,
        ])
        .args(&["verify", "--leeway", WIDE_LEEWAY])
        .stdin(f.token("good_access"))
        .run()
        .ok();
    assert_eq!(
        stub.ops(),
        [format!("GET {path}")],
        "keys fetched from the endpoint"
    );
    let empty = Stub::start(&[]);
    let run = Cli::bare()
        .args(&[
            "--pool-id",
            &f.pool,
            "--client-id",
            &f.client,
            "--endpoint",
            &empty.url,
        ])
        .args(&["verify"])
        .stdin(f.token("good_access"))
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains(&empty.url), "names the URL: {run:?}");
}

#[test]
fn verify_needs_a_client_and_a_token() {
    let f = fixtures();
    let run = Cli::bare()
        .args(&["--pool-id", &f.pool, "verify"])
        .stdin("x")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("COGNITO_CLIENT_ID"), "{run:?}");
    let run = f.cli().run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no token"), "{run:?}");
}
