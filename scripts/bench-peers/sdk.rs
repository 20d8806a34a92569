//! The official AWS SDK for Rust as scripts/bench's GetUser peer:
//! `bench-sdk URL TOKEN_FILE CALLS` calls GetUser against the canned server at URL once and
//! prints `check USERNAME`, warms up, then times CALLS calls and prints
//! `sdk WALL_US_PER_CALL CPU_US_PER_CALL`. One current-thread tokio runtime: all of the
//! client's work runs on this thread, so the thread's CPU time is the client's.
use std::time::Instant;

use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Region};
use aws_sdk_cognitoidentityprovider::{Client, Config};

fn thread_cpu_ns() -> u64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    s.split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = args[1].clone();
    let token = std::fs::read_to_string(&args[2])
        .expect("token")
        .trim()
        .to_owned();
    let calls: u32 = args[3].parse().expect("calls");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let config = Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(url)
            .build();
        let client = Client::from_conf(config);
        let call = || async {
            client
                .get_user()
                .access_token(token.clone())
                .send()
                .await
                .expect("GetUser")
        };
        let first = call().await;
        println!("check {}", first.username());
        for _ in 0..200 {
            std::hint::black_box(call().await);
        }
        let (t0, c0) = (Instant::now(), thread_cpu_ns());
        for _ in 0..calls {
            std::hint::black_box(call().await);
        }
        let wall = t0.elapsed().as_secs_f64() * 1e6 / f64::from(calls);
        let cpu = (thread_cpu_ns() - c0) as f64 / 1e3 / f64::from(calls);
        println!("sdk {wall:.2} {cpu:.2}");
    });
}
