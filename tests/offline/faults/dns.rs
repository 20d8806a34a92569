//! Name-lookup faults through the injectable resolver: no such name, a
//! temporary failure, a resolver that stalls.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cognito::{Error, RetryPolicy, TransportErrorKind};

use super::server::{fast_policy, fast_transport, handle, sign_up, start, Conn, SIGN_UP_OK};

const HOST: &str = "cognito-idp.fault.test";

fn kind(err: &Error) -> Option<TransportErrorKind> {
    match err {
        Error::Transport(t) => Some(t.kind()),
        _ => None,
    }
}

#[test]
fn no_such_name_is_host_not_found() {
    // Defect: DNS failures came back as `Io`, never `HostNotFound`.
    let lookups = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&lookups);
    let transport = fast_transport()
        .resolver(
            move |host: &str, _port: u16| -> io::Result<Vec<SocketAddr>> {
                counted.fetch_add(1, Ordering::SeqCst);
                Err(io::Error::other(format!(
                    "{host}: Name or service not known"
                )))
            },
        )
        .build();
    let (cognito, attempts) = handle(&format!("http://{HOST}:9"), transport, fast_policy());
    let start = Instant::now();
    let err = cognito.call("SignUp", &sign_up()).unwrap_err();
    assert_eq!(
        kind(&err),
        Some(TransportErrorKind::HostNotFound),
        "{err:?}"
    );
    let Error::Transport(t) = &err else {
        unreachable!()
    };
    assert!(t.nothing_sent());
    // The resolver's reason stays in the chain.
    let chain = format!("{:?}", std::error::Error::source(t));
    assert!(chain.contains("Name or service not known"), "{chain}");
    // Nothing was sent: retried as botocore retries connection errors.
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    assert_eq!(lookups.load(Ordering::SeqCst), 3, "failures are not cached");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_temporary_failure_is_retried_for_a_write() {
    // Defect: sign-up failed on a temporary DNS failure.
    let server = start(|mut conn: Conn| {
        while conn.read_request().is_some() {
            conn.json("200 OK", SIGN_UP_OK);
        }
    });
    let addr = server.addr;
    let lookups = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&lookups);
    let transport = fast_transport()
        .resolver(
            move |_host: &str, _port: u16| -> io::Result<Vec<SocketAddr>> {
                if counted.fetch_add(1, Ordering::SeqCst) == 0 {
                    Err(io::Error::other("Temporary failure in name resolution"))
                } else {
                    Ok(vec![addr])
                }
            },
        )
        .build();
    let (cognito, attempts) = handle(
        &format!("http://{HOST}:{}", addr.port()),
        transport,
        fast_policy(),
    );
    let reply = cognito
        .call("SignUp", &sign_up())
        .expect("retried after the lookup failed");
    assert_eq!(reply["UserSub"], "sub-1");
    assert_eq!(attempts.load(Ordering::SeqCst), 2);
    assert_eq!(lookups.load(Ordering::SeqCst), 2);
    assert_eq!(server.counters.requests(), 1, "sent once");
    // The lookup is cached now.
    cognito.call("SignUp", &sign_up()).unwrap();
    assert_eq!(lookups.load(Ordering::SeqCst), 2);
}

#[test]
fn a_stalled_resolver_is_bounded_and_shared() {
    // Defect: the lookup had no timeout.
    let lookups = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&lookups);
    let transport = fast_transport()
        .resolve_timeout(Duration::from_millis(150))
        .resolver(
            move |_host: &str, _port: u16| -> io::Result<Vec<SocketAddr>> {
                counted.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_secs(3));
                Err(io::Error::other("stalled"))
            },
        )
        .build();
    let (cognito, attempts) = handle(&format!("https://{HOST}"), transport, fast_policy());
    let start = Instant::now();
    let err = cognito
        .call("InitiateAuth", &serde_json::json!({}))
        .unwrap_err();
    let took = start.elapsed();
    assert_eq!(kind(&err), Some(TransportErrorKind::Timeout), "{err:?}");
    let Error::Transport(t) = &err else {
        unreachable!()
    };
    assert!(t.nothing_sent(), "a lookup timeout sends nothing");
    assert_eq!(
        attempts.load(Ordering::SeqCst),
        3,
        "retried: nothing was sent"
    );
    assert!(took >= Duration::from_millis(450), "{took:?}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    // The three attempts waited for one lookup, not three.
    assert_eq!(lookups.load(Ordering::SeqCst), 1);
}

#[test]
fn the_call_deadline_bounds_a_stalled_lookup() {
    let transport = fast_transport()
        .resolve_timeout(Duration::from_secs(20))
        .resolver(|_host: &str, _port: u16| -> io::Result<Vec<SocketAddr>> {
            std::thread::sleep(Duration::from_secs(3));
            Err(io::Error::other("stalled"))
        })
        .build();
    let cognito = super::server::builder(&format!("https://{HOST}"))
        .transport(transport)
        .retry(RetryPolicy::standard())
        .call_timeout(Some(Duration::from_millis(400)))
        .build()
        .unwrap();
    let start = Instant::now();
    let err = cognito
        .call("GetUser", &serde_json::json!({"AccessToken": "t"}))
        .unwrap_err();
    let took = start.elapsed();
    assert_eq!(kind(&err), Some(TransportErrorKind::Timeout), "{err:?}");
    assert!(took >= Duration::from_millis(350), "{took:?}");
    assert!(took < Duration::from_millis(1500), "{took:?}");
}

#[test]
fn a_panicking_resolver_is_a_lookup_failure() {
    // Were the waiters left stuck, each call would take the 5 s lookup timeout.
    let transport = fast_transport()
        .resolve_timeout(Duration::from_secs(5))
        .resolver(|_host: &str, _port: u16| -> io::Result<Vec<SocketAddr>> {
            panic!("resolver bug")
        })
        .build();
    let (cognito, attempts) = handle(&format!("https://{HOST}"), transport, RetryPolicy::none());
    for _ in 0..2 {
        let start = Instant::now();
        let err = cognito.call("GetUser", &serde_json::json!({})).unwrap_err();
        assert_eq!(
            kind(&err),
            Some(TransportErrorKind::HostNotFound),
            "{err:?}"
        );
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }
    assert_eq!(attempts.load(Ordering::SeqCst), 2);
}
