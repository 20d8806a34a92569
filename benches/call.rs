//! Per-call CPU time of the handle's own work, with an in-process transport
//! that answers at once (no network, no JSON server): `GetUser` (unsigned,
//! with a refresh token held, so the access token's expiry is checked on
//! every call) and `AdminGetUser` (signed with SigV4).
//!
//! `cargo bench --bench call [-- ROUNDS]` prints `name microseconds_per_call`
//! from this thread's CPU time (Linux; wall-clock time elsewhere).

use std::hint::black_box;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use cognito::credentials::AwsCredentials;
use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};

const GET_USER: &[u8] = br#"{"Username":"alice","UserAttributes":[{"Name":"sub","Value":"5f2c6e1a-8b3d-4c7e-9a10-2b4d6f8a0c1e"},{"Name":"email","Value":"alice@example.com"},{"Name":"email_verified","Value":"true"}]}"#;
const ADMIN_GET_USER: &[u8] = br#"{"Username":"alice","UserAttributes":[{"Name":"sub","Value":"5f2c6e1a-8b3d-4c7e-9a10-2b4d6f8a0c1e"}],"Enabled":true,"UserStatus":"CONFIRMED","UserCreateDate":1.7E9,"UserLastModifiedDate":1.7E9}"#;

fn main() {
    let rounds: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20_000);
    // A JWT-shaped access token expiring in 2100 (never verified here) and a
    // refresh token of Cognito's usual length.
    let payload = URL_SAFE_NO_PAD.encode(
        br#"{"sub":"5f2c6e1a-8b3d-4c7e-9a10-2b4d6f8a0c1e","token_use":"access","exp":4102444800,"username":"alice","client_id":"client"}"#,
    );
    let access = format!("eyJhbGciOiJub25lIn0.{payload}.{}", "s".repeat(342));
    let refresh = "r".repeat(1780);
    let transport = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
        let admin = req
            .header("x-amz-target")
            .is_some_and(|t| t.ends_with("AdminGetUser"));
        Ok(HttpResponse::new(
            200,
            if admin { ADMIN_GET_USER } else { GET_USER }.to_vec(),
        ))
    };
    let cognito = Cognito::builder()
        .user_pool_id("us-east-1_AbC123xyz")
        .client_id("client")
        .access_token(access)
        .refresh_token(refresh)
        .credentials(AwsCredentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
        ))
        .transport(transport)
        .build()
        .expect("handle");
    let per_call = |f: &dyn Fn()| {
        for _ in 0..200 {
            f();
        }
        let (cpu, wall) = (thread_cpu(), Instant::now());
        for _ in 0..rounds {
            f();
        }
        let spent = match (thread_cpu(), cpu) {
            (Some(end), Some(start)) => end - start,
            _ => wall.elapsed(),
        };
        spent.as_secs_f64() * 1e6 / f64::from(rounds)
    };
    let get_user = per_call(&|| {
        black_box(cognito.get_user().expect("get_user"));
    });
    println!("get_user {get_user:.2}");
    let admin = per_call(&|| {
        black_box(cognito.admin_get_user("alice").expect("admin_get_user"));
    });
    println!("admin_get_user {admin:.2}");
}

/// This thread's CPU time so far, from `/proc/thread-self/schedstat`.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}
