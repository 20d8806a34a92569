//! The verifier's key-set fetches are shared between callers, failures
//! included (issue 12, "Failures repeated per caller"): a malformed token is
//! refused before any key is fetched, a failed fetch is remembered for a
//! penalty period, concurrent callers wait for one fetch instead of queueing
//! behind one another, and an unknown `kid` is fetched on first sight (a
//! rotated key is accepted at once) but then rate-limited.
//! Keys and tokens: fixtures/jwt (scripts/gen/test_tokens.py, synthetic).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant, UNIX_EPOCH};

use base64::Engine as _;
use cognito::verify::VerifyError;
use cognito::{
    Error, HttpRequest, HttpResponse, TokenVerifier, TransportError, TransportErrorKind,
};
use serde_json::{json, Value};

const NOW: u64 = 1_700_000_100;
const POOL: &str = "us-east-1_TestPool1";
const CLIENT: &str = "1example23456789abcdefghi0";

fn token(name: &str) -> String {
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string("fixtures/jwt/tokens.json").unwrap())
            .unwrap();
    fixture["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no token {name}"))["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The fixture key set, keeping only the keys whose kid `keep` accepts.
fn jwks_with(keep: impl Fn(&str) -> bool) -> Vec<u8> {
    let mut set: Value =
        serde_json::from_slice(&std::fs::read("fixtures/jwt/jwks.json").unwrap()).unwrap();
    set["keys"]
        .as_array_mut()
        .unwrap()
        .retain(|k| keep(k["kid"].as_str().unwrap_or_default()));
    set.to_string().into_bytes()
}

/// A token-shaped string naming `kid`: the lookup fails before the
/// signature is looked at.
fn token_with_kid(kid: &str) -> String {
    let b64 = |v: Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.c2ln",
        b64(json!({"alg": "RS256", "kid": kid})),
        b64(json!({"sub": "x"}))
    )
}

/// A key-set server: counts fetches; can be down (after `delay`), and can
/// serve a different set.
#[derive(Clone)]
struct KeyServer {
    fetches: Arc<AtomicUsize>,
    down: Arc<AtomicBool>,
    delay: Duration,
    set: Arc<Mutex<Vec<u8>>>,
}

impl KeyServer {
    fn new() -> Self {
        Self {
            fetches: Arc::default(),
            down: Arc::default(),
            delay: Duration::ZERO,
            set: Arc::new(Mutex::new(jwks_with(|_| true))),
        }
    }

    fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    fn transport(
        &self,
    ) -> impl Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync {
        let me = self.clone();
        move |_req: HttpRequest| {
            me.fetches.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(me.delay);
            if me.down.load(Ordering::SeqCst) {
                return Err(TransportError::new(
                    TransportErrorKind::Timeout,
                    "timed out",
                ));
            }
            Ok(HttpResponse::new(200, me.set.lock().unwrap().clone()))
        }
    }

    fn verifier(&self) -> TokenVerifier {
        TokenVerifier::builder(POOL)
            .client_id(CLIENT)
            .transport(self.transport())
            .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
            .build()
            .unwrap()
    }
}

#[test]
fn malformed_tokens_are_refused_before_any_key_is_fetched() {
    let server = KeyServer::new();
    let v = server.verifier();
    for _ in 0..1_000 {
        assert!(matches!(
            v.verify("garbage"),
            Err(Error::Token(VerifyError::Malformed(_)))
        ));
    }
    for (name, kind) in [
        ("alg_none", "algorithm"),
        ("hs256_public_key", "algorithm"),
        ("missing_kid", "missing_kid"),
        ("extra_segment", "segment_count"),
        ("bad_base64url", "base64"),
        ("oversized", "too_large"),
    ] {
        match v.verify(&token(name)) {
            Err(Error::Token(e)) => assert_eq!(e.kind(), kind, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!(server.fetches(), 0, "no key set is fetched for them");
}

#[test]
fn a_failed_first_fetch_is_remembered_for_all_callers() {
    let server = KeyServer::new();
    server.down.store(true, Ordering::SeqCst);
    let v = server.verifier();
    let good = token("good_access");
    for _ in 0..1_000 {
        let err = v.verify(&good).unwrap_err();
        assert!(matches!(err, Error::KeySet(_)), "{err:?}");
    }
    let clone = v.clone();
    assert!(matches!(clone.verify(&good), Err(Error::KeySet(_))));
    assert_eq!(server.fetches(), 1, "one fetch, its failure shared");
}

#[test]
fn concurrent_callers_share_one_failing_fetch_instead_of_queueing() {
    let mut server = KeyServer::new();
    server.down.store(true, Ordering::SeqCst);
    server.delay = Duration::from_millis(300);
    let v = server.verifier();
    let good = token("good_access");
    let gate = Barrier::new(8);
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..8 {
            let (v, good, gate) = (v.clone(), good.clone(), &gate);
            s.spawn(move || {
                gate.wait();
                let err = v.verify(&good).unwrap_err();
                assert!(matches!(err, Error::KeySet(_)), "{err:?}");
                assert!(
                    err.to_string().contains("cannot fetch the key set"),
                    "{err}"
                );
            });
        }
    });
    let took = started.elapsed();
    assert_eq!(
        server.fetches(),
        1,
        "the waiters got the one fetch's result"
    );
    assert!(
        took < Duration::from_millis(900),
        "the 8th caller waited {took:?}, not 8 timeouts"
    );
}

#[test]
fn a_rotated_key_is_fetched_on_first_sight() {
    let server = KeyServer::new();
    *server.set.lock().unwrap() = jwks_with(|kid| kid == "k1");
    let v = server.verifier();
    v.verify(&token("good_access")).unwrap();
    assert_eq!(server.fetches(), 1);
    // The pool rotates: k2 appears, and a token signed with it arrives at once.
    *server.set.lock().unwrap() = jwks_with(|_| true);
    let claims = v
        .verify(&token("good_access_k2"))
        .expect("the new key is fetched, not refused for a minute");
    assert_eq!(claims.username.as_deref(), Some("alice"));
    assert_eq!(server.fetches(), 2);
    v.verify(&token("good_access_k2")).unwrap();
    assert_eq!(server.fetches(), 2, "then cached");
}

#[test]
fn a_flood_of_random_kids_cannot_make_a_fetch_each() {
    let server = KeyServer::new();
    let v = server.verifier();
    v.verify(&token("good_access")).unwrap();
    for i in 0..1_000 {
        assert!(matches!(
            v.verify(&token_with_kid(&format!("forged-{i}"))),
            Err(Error::Token(VerifyError::UnknownKid))
        ));
    }
    let after_flood = server.fetches();
    assert!(
        after_flood <= 6,
        "{after_flood} fetches for 1,000 random kids"
    );
    for _ in 0..100 {
        assert!(v.verify(&token("unknown_kid")).is_err());
    }
    assert!(
        server.fetches() <= after_flood + 1,
        "a kid already looked for is not fetched again"
    );
    v.verify(&token("good_access"))
        .expect("the cached set still verifies");
}

#[test]
fn the_failure_penalty_ends() {
    let server = KeyServer::new();
    server.down.store(true, Ordering::SeqCst);
    let v = TokenVerifier::builder(POOL)
        .client_id(CLIENT)
        .transport(server.transport())
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .fetch_failure_penalty(Duration::from_millis(100))
        .build()
        .unwrap();
    let good = token("good_access");
    assert!(matches!(v.verify(&good), Err(Error::KeySet(_))));
    server.down.store(false, Ordering::SeqCst);
    assert!(
        matches!(v.verify(&good), Err(Error::KeySet(_))),
        "within the penalty the failure is answered without a fetch"
    );
    assert_eq!(server.fetches(), 1);
    std::thread::sleep(Duration::from_millis(150));
    v.verify(&good).expect("fetched again after the penalty");
    assert_eq!(server.fetches(), 2);
}

#[test]
fn a_fetch_that_panics_does_not_strand_the_others() {
    let fetches = Arc::new(AtomicUsize::new(0));
    let f = fetches.clone();
    let v = TokenVerifier::builder(POOL)
        .client_id(CLIENT)
        .transport(move |_req: HttpRequest| {
            if f.fetch_add(1, Ordering::SeqCst) == 0 {
                panic!("a transport bug");
            }
            Ok(HttpResponse::new(200, jwks_with(|_| true)))
        })
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .build()
        .unwrap();
    let good = token("good_access");
    let (v2, good2) = (v.clone(), good.clone());
    assert!(std::thread::spawn(move || v2.verify(&good2))
        .join()
        .is_err());
    v.verify(&good).expect("the next caller fetches");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}
