//! A throttling storm: the retry quota stops it; backoff is botocore's,
//! measured with a recording timer instead of sleeping.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cognito::{RetryPolicy, Timer};

use super::server::{fast_transport, sign_up, start, Conn, SIGN_UP_OK};

/// A handle over the fast transport, with the default retry policy.
fn builder(endpoint: &str) -> cognito::CognitoBuilder {
    super::server::builder(endpoint).transport(fast_transport().build())
}

/// A timer that records each backoff and advances a fake clock instead of
/// sleeping.
#[derive(Clone)]
struct Recorder {
    start: Instant,
    slept: Arc<Mutex<Vec<Duration>>>,
}

impl Recorder {
    fn new() -> Self {
        Self {
            start: Instant::now(),
            slept: Arc::default(),
        }
    }

    fn slept(&self) -> Vec<Duration> {
        self.slept.lock().unwrap().clone()
    }
}

impl Timer for Recorder {
    fn now(&self) -> Instant {
        self.start + self.slept.lock().unwrap().iter().sum::<Duration>()
    }

    fn sleep(&self, duration: Duration) {
        self.slept.lock().unwrap().push(duration);
    }
}

fn throttling(code: &'static str) -> impl Fn(Conn) + Send + Sync + 'static {
    move |mut conn: Conn| {
        while conn.read_request().is_some() {
            conn.json(
                "400 Bad Request",
                &format!(r#"{{"__type":"{code}","message":"Rate exceeded"}}"#),
            );
        }
    }
}

#[test]
fn the_retry_quota_stops_a_throttling_storm() {
    // Defect: no quota; 800 throttled sign-ups made 2,400 requests.
    let server = start(throttling("TooManyRequestsException"));
    let timer = Recorder::new();
    let cognito = builder(&format!("http://{}", server.addr))
        .timer(timer.clone())
        .build()
        .unwrap();
    let clone = cognito.clone();
    for i in 0..150 {
        // Half through a clone: clones share the quota.
        let handle = if i % 2 == 0 { &cognito } else { &clone };
        let err = handle.call("SignUp", &sign_up()).unwrap_err();
        assert!(err.is_throttling(), "{err:?}");
    }
    // 500 / 5 = 100 retries, then every call gets one attempt.
    assert_eq!(server.counters.requests(), 150 + 100);
    let slept = timer.slept();
    assert_eq!(slept.len(), 100);
    // Throttling backoff: full jitter below 1 s, then below 2 s.
    for (i, d) in slept.iter().enumerate() {
        let ceiling = if i % 2 == 0 { 1 } else { 2 };
        assert!(*d <= Duration::from_secs(ceiling), "retry {i}: {d:?}");
    }
    assert!(
        slept.iter().any(|d| *d > Duration::from_millis(50)),
        "{slept:?}"
    );
}

#[test]
fn botocore_throttling_codes_are_retried_and_success_refills() {
    // Defect: `ThrottlingException`, `Throttling`, `RequestLimitExceeded`,
    // `SlowDown` were not recognised.
    for code in [
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "SlowDown",
    ] {
        let server = start(move |mut conn: Conn| {
            let mut n = 0;
            while conn.read_request().is_some() {
                n += 1;
                if n < 3 {
                    conn.json("400 Bad Request", &format!(r#"{{"__type":"{code}"}}"#));
                } else {
                    conn.json("200 OK", SIGN_UP_OK);
                }
            }
        });
        let timer = Recorder::new();
        let cognito = builder(&format!("http://{}", server.addr))
            .timer(timer.clone())
            .build()
            .unwrap();
        cognito
            .call("SignUp", &sign_up())
            .unwrap_or_else(|e| panic!("{code}: {e:?}"));
        assert_eq!(server.counters.requests(), 3, "{code}");
        assert_eq!(timer.slept().len(), 2, "{code}");
    }
}

#[test]
fn limit_exceeded_is_never_retried() {
    let server = start(throttling("LimitExceededException"));
    let cognito = builder(&format!("http://{}", server.addr))
        .timer(Recorder::new())
        .build()
        .unwrap();
    let err = cognito
        .call("ConfirmSignUp", &serde_json::json!({}))
        .unwrap_err();
    assert_eq!(
        err.service_code().map(|c| c.as_str().to_owned()).as_deref(),
        Some("LimitExceededException")
    );
    assert_eq!(server.counters.requests(), 1);
}

#[test]
fn retries_are_off_with_the_none_policy() {
    let server = start(throttling("TooManyRequestsException"));
    let cognito = builder(&format!("http://{}", server.addr))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(cognito
        .call("SignUp", &sign_up())
        .unwrap_err()
        .is_throttling());
    assert_eq!(server.counters.requests(), 1);
}

#[test]
fn enormous_timeouts_and_delays_do_not_overflow() {
    let server = start(throttling("TooManyRequestsException"));
    let cognito = builder(&format!("http://{}", server.addr))
        .retry(
            RetryPolicy::standard()
                .base_delay(Duration::MAX)
                .max_delay(Duration::MAX),
        )
        .call_timeout(Some(Duration::MAX))
        .timer(Recorder::new())
        .build()
        .unwrap();
    assert!(cognito
        .call("SignUp", &sign_up())
        .unwrap_err()
        .is_throttling());
    // No deadline (too far to add to now): the backoff is asked for as is.
    assert_eq!(server.counters.requests(), 3);
}
