//! The soak (stage `soak` of scripts/test, which starts moto and sets
//! `COGNITO_TEST_MOTO_ENDPOINT`; the `live` stage skips this module): 16
//! threads × 500 operations share one handle against moto, through a
//! proxying transport that wraps the real one and injects a fault into 10% of
//! the requests. The access token is made to expire every couple of seconds
//! with a refresh margin just short of its lifetime, so the threads meet
//! several expiries together.
//!
//! Checked: no thread panics; all finish (a watchdog fails the soak on a
//! deadlock); every error is one of the injected faults (or a renewal or
//! key-set fetch that failed because of one), never a mixed-up or unreadable
//! reply; at most one renewal is in flight at a time, and a renewal is sent
//! only once the token it replaces has expired (one refresh per expiry);
//! several expiries were crossed; at the end, with the faults off, every
//! thread's handle holds tokens that verify and `GetUser` answers for the
//! right user.
// Tests say what broke by panicking.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::support as live_support;

use cognito::dangerous::decode_without_verification;
use cognito::{
    Cognito, Error, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
    UreqTransport,
};
use live_support::{admin, moto_endpoint, public_pool, MOTO_REGION};
use serde_json::{json, Value};

const THREADS: usize = 16;
const OPERATIONS: usize = 500;
/// One request in this many gets a fault.
const FAULT_EVERY: u64 = 10;
/// How long a token stays fresh under the margin.
const FRESH_FOR: u64 = 2;
/// The whole soak's bound: past it, a thread is taken to be deadlocked.
const DEADLINE: Duration = Duration::from_secs(420);
const PASSWORD: &str = "Passw0rd!";

/// What the proxy injects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fault {
    /// Refused before anything is sent: the server never sees the request.
    Refused,
    /// Sent, then the connection breaks before the reply is read.
    LostReply,
    /// Sent, and a proxy answers with an HTML 502 page instead.
    BadGateway,
}

/// One renewal that came back: when it was sent, and its new token's `exp`.
#[derive(Debug, Clone, Copy)]
struct Renewal {
    sent: SystemTime,
    exp: SystemTime,
}

/// The proxying transport: the real one inside, faults injected by a
/// deterministic hash of the request's sequence number.
#[derive(Clone)]
struct FaultyProxy {
    inner: Arc<UreqTransport>,
    faults_on: Arc<AtomicBool>,
    sequence: Arc<AtomicU64>,
    injected: Arc<Mutex<BTreeMap<Fault, usize>>>,
    requests: Arc<AtomicUsize>,
    refreshes_in_flight: Arc<AtomicUsize>,
    most_refreshes_in_flight: Arc<AtomicUsize>,
    refresh_attempts: Arc<AtomicUsize>,
    /// Renewals that failed without an injected fault (moto refusing one).
    refresh_failures: Arc<Mutex<Vec<String>>>,
    renewals: Arc<Mutex<Vec<Renewal>>>,
}

impl FaultyProxy {
    fn new() -> Self {
        Self {
            inner: Arc::new(UreqTransport::new()),
            faults_on: Arc::default(),
            sequence: Arc::default(),
            injected: Arc::default(),
            requests: Arc::default(),
            refreshes_in_flight: Arc::default(),
            most_refreshes_in_flight: Arc::default(),
            refresh_attempts: Arc::default(),
            refresh_failures: Arc::default(),
            renewals: Arc::default(),
        }
    }

    /// The fault for request `n`, if it gets one (splitmix64 of `n`).
    fn fault_for(n: u64) -> Option<Fault> {
        let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        z.is_multiple_of(FAULT_EVERY)
            .then_some(match (z / FAULT_EVERY) % 3 {
                0 => Fault::Refused,
                1 => Fault::LostReply,
                _ => Fault::BadGateway,
            })
    }

    fn note(&self, fault: Fault) {
        *self.injected.lock().unwrap().entry(fault).or_default() += 1;
    }

    fn forward(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let fault = if self.faults_on.load(Ordering::SeqCst) {
            Self::fault_for(self.sequence.fetch_add(1, Ordering::SeqCst))
        } else {
            None
        };
        if fault == Some(Fault::Refused) {
            self.note(Fault::Refused);
            return Err(TransportError::new(
                TransportErrorKind::Connect,
                "injected: connection refused",
            ));
        }
        let reply = self.inner.send(request)?;
        match fault {
            Some(Fault::LostReply) => {
                self.note(Fault::LostReply);
                Err(TransportError::new(
                    TransportErrorKind::Io,
                    "injected: connection reset before the reply",
                ))
            }
            Some(Fault::BadGateway) => {
                self.note(Fault::BadGateway);
                Ok(HttpResponse::new(
                    502,
                    b"<html><body>502 Bad Gateway (injected)</body></html>".to_vec(),
                ))
            }
            _ => Ok(reply),
        }
    }
}

fn is_refresh(request: &HttpRequest) -> bool {
    request.header("x-amz-target") == Some("AWSCognitoIdentityProviderService.InitiateAuth")
        && serde_json::from_slice::<Value>(&request.body)
            .is_ok_and(|b| b["AuthFlow"] == "REFRESH_TOKEN_AUTH")
}

fn exp_of(token: &str) -> SystemTime {
    let exp = decode_without_verification(token)
        .expect("a JWT")
        .claims()
        .exp
        .expect("an exp");
    UNIX_EPOCH + Duration::from_secs(u64::try_from(exp).expect("exp after 1970"))
}

impl Transport for FaultyProxy {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        if !is_refresh(&request) {
            return self.forward(request);
        }
        self.refresh_attempts.fetch_add(1, Ordering::SeqCst);
        let now = self.refreshes_in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_refreshes_in_flight
            .fetch_max(now, Ordering::SeqCst);
        let sent = SystemTime::now();
        let outcome = self.forward(request);
        self.refreshes_in_flight.fetch_sub(1, Ordering::SeqCst);
        match &outcome {
            Err(e) if e.to_string().starts_with("injected: ") => {}
            Ok(reply)
                if reply.status == 502 && reply.body.ends_with(b"(injected)</body></html>") => {}
            Ok(reply) if reply.status == 200 => {
                let body: Value = serde_json::from_slice(&reply.body).expect("a JSON reply");
                let token = body["AuthenticationResult"]["AccessToken"]
                    .as_str()
                    .expect("a renewed access token");
                self.renewals.lock().unwrap().push(Renewal {
                    sent,
                    exp: exp_of(token),
                });
            }
            Ok(reply) => self.refresh_failures.lock().unwrap().push(format!(
                "HTTP {}: {}",
                reply.status,
                String::from_utf8_lossy(&reply.body)
            )),
            Err(e) => self.refresh_failures.lock().unwrap().push(e.to_string()),
        }
        outcome
    }
}

/// Whether `error` is an injected fault, or a renewal or key-set fetch that
/// one of them made fail.
fn injected(error: &Error) -> bool {
    match error {
        Error::Transport(e) => {
            matches!(
                e.kind(),
                TransportErrorKind::Connect | TransportErrorKind::Io
            ) && e.to_string().starts_with("injected: ")
        }
        Error::Http(e) => e.status() == 502,
        Error::KeySet(e) => {
            let mut at: Option<&dyn std::error::Error> = std::error::Error::source(e);
            let mut ok = e.to_string().contains("answered http status 502");
            while let Some(cause) = at {
                ok |= cause.to_string().starts_with("injected: ");
                at = cause.source();
            }
            ok
        }
        _ => false,
    }
}

/// What one thread did.
#[derive(Debug, Default)]
struct Tally {
    ok: usize,
    faults: usize,
}

fn worker(cognito: &Cognito, username: &str) -> Tally {
    let mut tally = Tally::default();
    for i in 0..OPERATIONS {
        let outcome = match i % 10 {
            0..=6 => cognito.get_user().map(|user| {
                assert_eq!(user.username, username, "GetUser answered for someone else");
            }),
            7 | 8 => cognito.check_token().map(|_| ()),
            _ => cognito.verify_tokens().map(|v| {
                assert!(v.access.is_some() && v.id.is_some(), "both tokens verified");
            }),
        };
        match outcome {
            Ok(()) => tally.ok += 1,
            Err(e) if injected(&e) => tally.faults += 1,
            Err(e) => panic!("operation {i}: an error no fault explains: {e:?}"),
        }
    }
    tally
}

#[test]
fn sixteen_threads_share_one_handle_through_faults_and_expiries() {
    let endpoint = moto_endpoint();
    let admin = admin(MOTO_REGION, &endpoint);
    let pool = public_pool(
        &admin,
        &json!({ "PoolName": "soak" }),
        &["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    );
    let username = "soak-user";
    admin
        .call(
            "AdminCreateUser",
            &json!({"UserPoolId": pool.id, "Username": username, "MessageAction": "SUPPRESS"}),
        )
        .expect("AdminCreateUser");
    admin
        .call(
            "AdminSetUserPassword",
            &json!({"UserPoolId": pool.id, "Username": username, "Password": PASSWORD, "Permanent": true}),
        )
        .expect("AdminSetUserPassword");

    let proxy = FaultyProxy::new();
    let handle = |margin: Duration| {
        Cognito::builder()
            .user_pool_id(&pool.id)
            .client_id(&pool.client_id)
            .username(username)
            .endpoint(&endpoint)
            .environment(|_| None)
            .refresh_margin(margin)
            .auto_refresh(true)
            .transport(proxy.clone())
            .build()
            .expect("the handle builds")
    };
    // Sign in (faults off) to learn the token's lifetime, then share a handle
    // whose margin leaves each token FRESH_FOR seconds.
    let probe = handle(Duration::ZERO);
    probe
        .authenticate_user_password(PASSWORD)
        .expect("sign-in")
        .signed_in()
        .expect("tokens");
    let issued = SystemTime::now();
    let exp = exp_of(probe.access_token().expect("a token").expose_secret());
    let lifetime = exp.duration_since(issued).expect("exp ahead").as_secs();
    assert!(
        lifetime > FRESH_FOR + 60,
        "moto's token lifetime {lifetime} s"
    );
    let margin = Duration::from_secs(lifetime - FRESH_FOR);
    let cognito = handle(margin);
    cognito.set_tokens(probe.tokens());
    cognito
        .verify_tokens()
        .expect("the key set, fetched before the faults");

    proxy.faults_on.store(true, Ordering::SeqCst);
    let started = Instant::now();
    let (done, finished) = mpsc::channel();
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let (cognito, done) = (cognito.clone(), done.clone());
            std::thread::spawn(move || {
                let tally = worker(&cognito, username);
                let _ = done.send(());
                tally
            })
        })
        .collect();
    drop(done);
    for n in 0..THREADS {
        let left = DEADLINE.saturating_sub(started.elapsed());
        if finished.recv_timeout(left).is_err() {
            // A panicked thread drops its sender without sending: join says why.
            if threads.iter().all(|t| t.is_finished()) {
                break;
            }
            panic!(
                "deadlock? {} of {THREADS} threads still running after {:?}",
                THREADS - n,
                started.elapsed()
            );
        }
    }
    let tallies: Vec<Tally> = threads
        .into_iter()
        .map(|t| t.join().expect("no thread panics"))
        .collect();
    let took = started.elapsed();
    proxy.faults_on.store(false, Ordering::SeqCst);

    let injected = proxy.injected.lock().unwrap().clone();
    let renewals = proxy.renewals.lock().unwrap().clone();
    let (ok, faults) = tallies
        .iter()
        .fold((0, 0), |(o, f), t| (o + t.ok, f + t.faults));
    eprintln!(
        "soak: {THREADS}×{OPERATIONS} operations in {took:?}: {ok} ok, {faults} failed by a fault; \
         {} requests, faults injected {injected:?}; {} renewals sent, {} came back",
        proxy.requests.load(Ordering::SeqCst),
        proxy.refresh_attempts.load(Ordering::SeqCst),
        renewals.len()
    );

    assert_eq!(
        ok + faults,
        THREADS * OPERATIONS,
        "every operation accounted for"
    );
    assert!(
        injected.len() == 3 && injected.values().all(|n| *n > 0),
        "every kind of fault was injected: {injected:?}"
    );
    assert!(
        ok > faults,
        "most operations succeed: {ok} ok, {faults} faulted"
    );
    assert_eq!(
        proxy.most_refreshes_in_flight.load(Ordering::SeqCst),
        1,
        "one renewal in flight at a time"
    );
    let refused = proxy.refresh_failures.lock().unwrap().clone();
    assert!(
        refused.is_empty(),
        "renewals failed without a fault: {refused:?}"
    );
    let expiries = took.as_secs() / FRESH_FOR;
    assert!(
        renewals.len() >= 3,
        "several expiries crossed: {} renewals in {took:?}",
        renewals.len()
    );
    assert!(
        renewals.len() as u64 <= expiries + 1,
        "{} renewals came back in {took:?}: at most one per expiry ({expiries})",
        renewals.len()
    );
    for pair in renewals.windows(2) {
        assert!(
            pair[1].sent + margin >= pair[0].exp,
            "a renewal was sent while the previous token was still fresh: {pair:?}"
        );
    }

    // The end: faults off, every thread's view holds good tokens.
    std::thread::scope(|s| {
        for _ in 0..THREADS {
            let cognito = cognito.clone();
            s.spawn(move || {
                cognito.check_token().expect("renewed when due");
                let verified = cognito.verify_tokens().expect("the tokens verify");
                let access = verified.access.expect("an access token");
                assert!(
                    access.expires_at().expect("exp") > SystemTime::now(),
                    "not expired"
                );
                assert_eq!(cognito.get_user().expect("GetUser").username, username);
            });
        }
    });
}
