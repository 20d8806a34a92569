//! A renewal in flight is shared, failure included (issue 12, "Failures
//! repeated per caller"): callers that arrive while one is in flight get its
//! result instead of repeating it, and coalescing is by renewal generation,
//! not by re-checking expiry, so a refresh margin longer than the token's
//! lifetime cannot cause a storm.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant, UNIX_EPOCH};

use base64::Engine as _;
use cognito::{Cognito, Error, HttpRequest, HttpResponse, TransportError, TransportErrorKind};
use serde_json::{json, Value};

const NOW: u64 = 1_700_000_000;

fn jwt(claims: Value) -> String {
    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.UkVEQUNURUQ",
        b64(&json!({"alg": "RS256", "kid": "test"})),
        b64(&claims)
    )
}

/// What the fake refresh endpoint does.
#[derive(Clone, Copy)]
enum Endpoint {
    /// Answers new tokens valid for an hour, after `delay`.
    Renews,
    /// Answers `NotAuthorizedException`, after `delay`.
    Refuses,
    /// Hangs for `delay`, then times out.
    Hangs,
}

fn transport(
    calls: Arc<AtomicUsize>,
    endpoint: Endpoint,
    delay: Duration,
) -> impl Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync {
    move |_req: HttpRequest| {
        let n = calls.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(delay);
        match endpoint {
            Endpoint::Renews => {
                let access = jwt(json!({"exp": NOW + 3600, "n": n, "token_use": "access"}));
                Ok(HttpResponse::new(
                    200,
                    json!({"AuthenticationResult": {"AccessToken": access, "ExpiresIn": 3600, "TokenType": "Bearer"}})
                        .to_string()
                        .into_bytes(),
                ))
            }
            Endpoint::Refuses => Ok(HttpResponse::new(
                400,
                br#"{"__type":"NotAuthorizedException","message":"Refresh Token has expired"}"#
                    .to_vec(),
            )),
            Endpoint::Hangs => Err(TransportError::new(
                TransportErrorKind::Timeout,
                "timed out reading the response",
            )),
        }
    }
}

fn handle(calls: &Arc<AtomicUsize>, endpoint: Endpoint, delay: Duration, margin: u64) -> Cognito {
    Cognito::builder()
        .user_pool_id("us-east-1_AbC123xyz")
        .client_id("client123")
        .access_token(jwt(json!({"exp": NOW - 10, "token_use": "access"})))
        .refresh_token("refresh-token-synthetic")
        .refresh_margin(Duration::from_secs(margin))
        .verify_renewed_tokens(false)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .transport(transport(calls.clone(), endpoint, delay))
        .build()
        .unwrap()
}

/// Runs `f` on `n` threads released together; returns their results.
fn together<T: Send>(n: usize, cognito: &Cognito, f: fn(&Cognito) -> T) -> Vec<T> {
    let gate = Barrier::new(n);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|_| {
                let (c, gate) = (cognito.clone(), &gate);
                s.spawn(move || {
                    gate.wait();
                    f(&c)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn a_margin_longer_than_the_lifetime_cannot_cause_a_storm() {
    let calls = Arc::new(AtomicUsize::new(0));
    // Every renewed token (an hour) already looks expired with a 4000 s margin.
    let cognito = handle(&calls, Endpoint::Renews, Duration::from_millis(100), 4000);
    let results = together(4, &cognito, |c| c.check_token().map_err(|e| e.to_string()));
    assert_eq!(results, vec![Ok(true); 4]);
    assert_eq!(calls.load(Ordering::SeqCst), 1, "one refresh for 4 threads");
}

#[test]
fn concurrent_renewals_are_one_call() {
    let calls = Arc::new(AtomicUsize::new(0));
    let cognito = handle(&calls, Endpoint::Renews, Duration::from_millis(100), 0);
    let results = together(4, &cognito, |c| {
        c.renew_access_token().map_err(|e| e.to_string())
    });
    assert_eq!(results, vec![Ok(()); 4]);
    assert_eq!(calls.load(Ordering::SeqCst), 1, "one renewal for 4 threads");
    cognito.renew_access_token().unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2, "a later renewal goes out");
}

#[test]
fn a_refused_renewal_is_shared_by_its_waiters() {
    let calls = Arc::new(AtomicUsize::new(0));
    let cognito = handle(&calls, Endpoint::Refuses, Duration::from_millis(100), 0);
    let results = together(16, &cognito, |c| c.check_token());
    assert_eq!(calls.load(Ordering::SeqCst), 1, "16 threads, one call");
    for r in &results {
        let err = r.as_ref().unwrap_err();
        assert!(err.is_not_authorized(), "{err:?}");
        assert_eq!(
            err.to_string(),
            "NotAuthorizedException: Refresh Token has expired"
        );
    }
    assert!(cognito.check_token().unwrap_err().is_not_authorized());
    assert_eq!(calls.load(Ordering::SeqCst), 2, "a later check tries again");
}

#[test]
fn a_hanging_renewal_is_waited_for_once() {
    let calls = Arc::new(AtomicUsize::new(0));
    let cognito = handle(&calls, Endpoint::Hangs, Duration::from_millis(300), 0);
    let started = Instant::now();
    let results = together(16, &cognito, |c| c.check_token());
    let took = started.elapsed();
    assert_eq!(calls.load(Ordering::SeqCst), 1, "16 threads, one call");
    for r in &results {
        match r {
            Err(Error::Transport(e)) => {
                assert_eq!(e.kind(), TransportErrorKind::Timeout);
                assert_eq!(
                    e.to_string(),
                    "timed out reading the response (https://cognito-idp.us-east-1.amazonaws.com)"
                );
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(
        took < Duration::from_millis(1500),
        "{took:?}: the waiters did not queue for a timeout each"
    );
}
