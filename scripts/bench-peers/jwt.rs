//! jsonwebtoken on one Cognito-shaped access token, as scripts/bench's peer:
//! `bench-jwt DIR SECONDS NAME` reads DIR/token.txt, jwks.json and config.json, checks the token
//! once (RS256, iss, exp, token_use, client_id) and prints `check SUB USERNAME CLIENT_ID EXP`,
//! then verifies it for SECONDS and prints `NAME per_second`.
use std::time::{Duration, Instant};

use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use serde_json::Value;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (dir, secs, name) = (&args[1], args[2].parse::<f64>().expect("seconds"), &args[3]);
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).expect(f);
    let token = read("token.txt").trim().to_owned();
    let jwks: Value = serde_json::from_str(&read("jwks.json")).expect("jwks");
    let config: Value = serde_json::from_str(&read("config.json")).expect("config");
    let jwk = &jwks["keys"][0];
    let key =
        DecodingKey::from_rsa_components(jwk["n"].as_str().unwrap(), jwk["e"].as_str().unwrap())
            .expect("key");
    let client_id = config["client_id"].as_str().unwrap().to_owned();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&[config["issuers"][0].as_str().unwrap()]);
    validation.set_required_spec_claims(&["exp", "iss"]);
    validation.validate_aud = false;
    let check = || -> Value {
        let claims = decode::<Value>(&token, &key, &validation)
            .expect("verifies")
            .claims;
        assert!(claims["token_use"] == "access" && claims["client_id"] == client_id.as_str());
        claims
    };
    let c = check();
    println!(
        "check {} {} {} {}",
        c["sub"].as_str().unwrap(),
        c["username"].as_str().unwrap(),
        c["client_id"].as_str().unwrap(),
        c["exp"]
    );
    for _ in 0..200 {
        std::hint::black_box(check());
    }
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs_f64(secs) {
        for _ in 0..100 {
            std::hint::black_box(check());
        }
        n += 100;
    }
    println!("{name} {:.0}", n as f64 / start.elapsed().as_secs_f64());
}
