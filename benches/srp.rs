//! Client SRP compute time: everything the client computes for one
//! `USER_SRP_AUTH` sign-in (draw a, A = g^a, then u, x, S, the key and the
//! PASSWORD_CLAIM_SIGNATURE), on real-Cognito-sized inputs.
//!
//! `cargo bench --bench srp` first prints `check KEY_HEX SIGNATURE` for the
//! fixed vector of `scripts/bench` (a = bytes 1..=128, the challenge below,
//! the time below), then `srp MEDIAN_MS MIN_MS MAX_MS` over the rounds;
//! `scripts/bench` runs it beside pycognito and GMP (gmpy2).

use std::hint::black_box;
use std::time::{Duration, Instant, UNIX_EPOCH};

use cognito::srp::{PasswordVerifierChallenge, SrpClient, SrpIdentity};

const ROUNDS: usize = 101;

fn main() {
    // A 3072-bit B below N, a 16-byte salt and a 1 KiB-ish SECRET_BLOCK, as real Cognito sends.
    let srp_b = "c1a2e3d4".repeat(96);
    let secret_block = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3".repeat(28);
    let challenge = PasswordVerifierChallenge {
        salt: "8f1e2d3c4b5a69788796a5b4c3d2e1f0",
        srp_b: &srp_b,
        secret_block: &secret_block,
    };
    let who = match SrpIdentity::user("us-east-1_AbCdEfGhI", "alice") {
        Ok(who) => who,
        Err(e) => panic!("pool id: {e}"),
    };
    let now = UNIX_EPOCH + Duration::from_secs(1_491_432_154); // 2017-04-05 22:42:34 UTC

    // The fixed vector every peer must reproduce before its time counts.
    let a: Vec<u8> = (1..=128u8).collect();
    let derivation = SrpClient::from_private_value(&a)
        .and_then(|client| client.derive(&who, "Passw0rd!", challenge.salt, challenge.srp_b));
    let derivation = match derivation {
        Ok(d) => d,
        Err(e) => panic!("srp: {e}"),
    };
    let claim = match derivation.password_claim(challenge.secret_block, now) {
        Ok(claim) => claim,
        Err(e) => panic!("srp: {e}"),
    };
    let key: String = derivation
        .expose_key()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    println!("check {key} {}", claim.signature);

    let rounds = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(ROUNDS);
    let mut times: Vec<Duration> = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        let claim = SrpClient::generate().and_then(|client| {
            black_box(client.srp_a());
            client.password_claim(&who, "Passw0rd!", &challenge, now)
        });
        times.push(start.elapsed());
        if let Err(e) = black_box(claim) {
            panic!("srp: {e}");
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "srp {:.3} {:.3} {:.3}",
        ms(times[rounds / 2]),
        ms(times[0]),
        ms(times[rounds - 1])
    );
}
