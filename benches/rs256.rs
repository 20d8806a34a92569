//! Verifications per second on one core with one warm key (release build):
//!
//! * `verify`: the whole [`cognito::verify::verify`] of a Cognito-shaped
//!   access token (split, header, key lookup, RS256, claims, validation);
//! * `rs256`: the signature check alone ([`Rs256PublicKey::verify`]);
//! * `modpow`: the same signature check done with `BigUint::modpow`, for scale.
//!
//! `cargo bench --bench rs256 [-- SECONDS]` uses `fixtures/jwt/` and its
//! clock. `scripts/bench` passes a fresh token instead through
//! `BENCH_JWT_DIR` (holding `token.txt`, `jwks.json`, `config.json`), with
//! the real clock, and compares with its peers on that token. Output lines
//! are `check SUB USERNAME CLIENT_ID EXP`, then `name per_second`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use cognito::jwks::KeySet;
use cognito::jwt::TokenUse;
use cognito::rs256::Rs256PublicKey;
use cognito::verify::{verify, Validation};
use num_bigint::BigUint;
use serde_json::Value;

struct Input {
    token: String,
    jwks: Value,
    validation: Validation,
    now: SystemTime,
}

fn read_json(path: &PathBuf) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("json")
}

fn input() -> Input {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|s| s.as_str().expect("string").to_owned())
            .collect()
    };
    if let Some(dir) = std::env::var_os("BENCH_JWT_DIR").map(PathBuf::from) {
        let config = read_json(&dir.join("config.json"));
        let token = std::fs::read_to_string(dir.join("token.txt"))
            .expect("token.txt")
            .trim()
            .to_owned();
        let client = config["client_id"].as_str().expect("client_id");
        let now = SystemTime::now();
        let validation = Validation::new(strings(&config["issuers"]), [client], TokenUse::Access);
        return Input {
            token,
            jwks: read_json(&dir.join("jwks.json")),
            validation,
            now,
        };
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/jwt");
    let doc = read_json(&dir.join("tokens.json"));
    let config = &doc["config"];
    let good = doc["tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .find(|t| t["name"] == "good_access")
        .expect("good");
    let client = config["client_id"].as_str().expect("client_id");
    Input {
        token: good["token"].as_str().expect("token").to_owned(),
        jwks: read_json(&dir.join("jwks.json")),
        validation: Validation::new(strings(&config["issuers"]), [client], TokenUse::Access),
        now: UNIX_EPOCH + Duration::from_secs(config["now"].as_u64().expect("now")),
    }
}

/// Calls `f` in batches for `secs` and returns calls per second: of wall-clock
/// time, or with `BENCH_CLOCK=cpu` (Linux) of this thread's CPU time, which
/// leaves out other programs' time slices on a shared machine.
fn rate(secs: f64, mut f: impl FnMut()) -> f64 {
    for _ in 0..200 {
        f(); // warm up
    }
    let cpu = std::env::var_os("BENCH_CLOCK").is_some_and(|c| c == "cpu");
    let cpu_start = thread_cpu();
    let start = Instant::now();
    let mut calls = 0u64;
    while start.elapsed() < Duration::from_secs_f64(secs) {
        for _ in 0..100 {
            f();
        }
        calls += 100;
    }
    match (cpu, thread_cpu(), cpu_start) {
        (true, Some(end), Some(begin)) => calls as f64 / (end - begin).as_secs_f64(),
        _ => calls as f64 / start.elapsed().as_secs_f64(),
    }
}

/// This thread's CPU time so far, from `/proc/thread-self/schedstat`.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn main() {
    // `cargo bench` passes `--bench`; the first number given is the duration.
    let secs = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<f64>().ok())
        .unwrap_or(2.0);
    let only_verify = std::env::args().any(|a| a == "--only-verify");
    let input = input();
    let keys = KeySet::from_json(input.jwks.to_string().as_bytes()).expect("key set");
    let claims = verify(&input.token, &keys, &input.validation, input.now)
        .expect("the bench token verifies");
    // The claims every peer of scripts/bench must read from the same token.
    println!(
        "check {} {} {} {}",
        claims.sub.as_deref().unwrap_or("-"),
        claims.username.as_deref().unwrap_or("-"),
        claims.client_id.as_deref().unwrap_or("-"),
        claims.exp.unwrap_or(0)
    );

    let per_sec = rate(secs, || {
        black_box(verify(black_box(&input.token), &keys, &input.validation, input.now).is_ok());
    });
    println!("verify {per_sec:.0}");
    if only_verify {
        return;
    }

    let (signing_input, signature) = input.token.rsplit_once('.').expect("three segments");
    let signature = URL_SAFE_NO_PAD.decode(signature).expect("signature");
    let kid = input
        .token
        .split('.')
        .next()
        .and_then(|h| URL_SAFE_NO_PAD.decode(h).ok());
    let kid: Value = serde_json::from_slice(&kid.expect("header")).expect("header json");
    let key: &Rs256PublicKey = keys.find(kid["kid"].as_str().expect("kid")).expect("key");
    let per_sec = rate(secs, || {
        black_box(
            key.verify(black_box(signing_input.as_bytes()), black_box(&signature))
                .is_ok(),
        );
    });
    println!("rs256 {per_sec:.0}");

    let jwk = input.jwks["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .find(|k| k["kid"] == kid["kid"])
        .expect("jwk")
        .clone();
    let n = BigUint::from_bytes_be(
        &URL_SAFE_NO_PAD
            .decode(jwk["n"].as_str().expect("n"))
            .expect("n b64"),
    );
    let e = BigUint::from(65537u32);
    let s = BigUint::from_bytes_be(&signature);
    let per_sec = rate(secs.min(1.0), || {
        black_box(s.modpow(&e, &n));
    });
    println!("modpow {per_sec:.0}");
}
