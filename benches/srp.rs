//! Client SRP compute time: everything the client computes for one
//! `USER_SRP_AUTH` sign-in (draw a, A = g^a, then u, x, S, the key and the
//! PASSWORD_CLAIM_SIGNATURE), on real-Cognito-sized inputs.
//!
//! `cargo bench --bench srp` prints the median, minimum and maximum in
//! milliseconds; `scripts/srp/bench` runs it beside pycognito.

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

    let mut times: Vec<Duration> = Vec::with_capacity(ROUNDS);
    let cpu_start = thread_cpu();
    for _ in 0..ROUNDS {
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
    let cpu = thread_cpu().zip(cpu_start).map(|(end, start)| end - start);
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let cpu = cpu.map_or_else(
        || "n/a".to_owned(),
        |d| format!("{:.2} ms", ms(d) / ROUNDS as f64),
    );
    println!(
        "srp client sign-in compute (rust, cognito::srp): median {:.2} ms, min {:.2} ms, max {:.2} ms, cpu mean {cpu} over {ROUNDS} rounds",
        ms(times[ROUNDS / 2]),
        ms(times[0]),
        ms(times[ROUNDS - 1])
    );
}

/// This thread's CPU time so far, from Linux's `/proc/thread-self/schedstat`
/// (`None` elsewhere): on a shared machine the wall clock also counts other
/// programs' time slices, the CPU time does not.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}
