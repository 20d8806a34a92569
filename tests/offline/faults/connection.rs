//! Connection faults against the misbehaving loopback server: each test
//! asserts the error kind, the time taken and the number of attempts.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use cognito::{Error, RetryPolicy, TransportErrorKind};

use super::server::{
    fast_policy, fast_transport, handle, list_users, refused_port, sign_up, start, Conn, SIGN_UP_OK,
};

fn transport_kind(err: &Error) -> Option<TransportErrorKind> {
    match err {
        Error::Transport(t) => Some(t.kind()),
        _ => None,
    }
}

/// Runs `operation` once and returns its error and how long it took.
fn fail(
    cognito: &cognito::Cognito,
    operation: &str,
    input: &serde_json::Value,
) -> (Error, Duration) {
    let start = Instant::now();
    let err = cognito
        .call(operation, input)
        .expect_err("the fault must fail the call");
    (err, start.elapsed())
}

#[test]
fn refused_connection_is_retried_even_for_a_write() {
    // Nothing was sent, so even SignUp may be retried.
    let endpoint = format!("http://127.0.0.1:{}", refused_port());
    let (cognito, attempts) = handle(&endpoint, fast_transport().build(), fast_policy());
    let (err, took) = fail(&cognito, "SignUp", &sign_up());
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Connect),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    assert!(took < Duration::from_secs(2), "{took:?}");
}

/// Reads the head and closes with the body unread: the kernel resets.
fn reset_before_reply(mut conn: Conn) {
    let _ = conn.read_head();
}

#[test]
fn reset_before_the_reply_is_retried_for_reads_only() {
    let server = start(reset_before_reply);
    let endpoint = format!("http://{}", server.addr);
    let (cognito, attempts) = handle(&endpoint, fast_transport().build(), fast_policy());

    let (err, took) = fail(&cognito, "ListUsers", &list_users());
    assert!(
        matches!(
            transport_kind(&err),
            Some(TransportErrorKind::Io | TransportErrorKind::Protocol)
        ),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 3, "a read is retried");
    assert_eq!(server.counters.requests(), 3);
    assert!(took < Duration::from_secs(2), "{took:?}");

    attempts.store(0, Ordering::SeqCst);
    let (err, _) = fail(&cognito, "SignUp", &sign_up());
    assert!(transport_kind(&err).is_some(), "{err:?}");
    assert_eq!(
        attempts.load(Ordering::SeqCst),
        1,
        "a write that reached the server is not retried"
    );
}

#[test]
fn reset_mid_body_is_an_io_error() {
    let server = start(|mut conn: Conn| {
        let _ = conn.read_head();
        conn.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"Users\":[");
        std::thread::sleep(Duration::from_millis(50));
        // Dropped with the request body unread: a reset mid-body.
    });
    let endpoint = format!("http://{}", server.addr);
    let (cognito, attempts) = handle(&endpoint, fast_transport().build(), fast_policy());
    let (err, took) = fail(&cognito, "ListUsers", &list_users());
    assert!(
        matches!(
            transport_kind(&err),
            Some(TransportErrorKind::Io | TransportErrorKind::Protocol)
        ),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    assert!(took < Duration::from_secs(2), "{took:?}");
    attempts.store(0, Ordering::SeqCst);
    let _ = fail(&cognito, "SignUp", &sign_up());
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
}

#[test]
fn truncated_and_empty_replies() {
    // Truncated: the length says 100, 10 bytes come, then the server closes.
    let truncated = start(|mut conn: Conn| {
        if conn.read_request().is_some() {
            conn.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Users\":");
        }
    });
    let (cognito, attempts) = handle(
        &format!("http://{}", truncated.addr),
        fast_transport().build(),
        fast_policy(),
    );
    let (err, took) = fail(&cognito, "ListUsers", &list_users());
    assert!(
        matches!(
            transport_kind(&err),
            Some(TransportErrorKind::Io | TransportErrorKind::Protocol)
        ),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    assert!(took < Duration::from_secs(2), "{took:?}");

    // Empty: the server reads the request and closes without a byte.
    let empty = start(|mut conn: Conn| {
        let _ = conn.read_request();
    });
    let (cognito, attempts) = handle(
        &format!("http://{}", empty.addr),
        fast_transport().build(),
        fast_policy(),
    );
    let (err, took) = fail(&cognito, "SignUp", &sign_up());
    assert!(
        matches!(
            transport_kind(&err),
            Some(TransportErrorKind::Io | TransportErrorKind::Protocol)
        ),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 1, "a write that was sent");
    assert_eq!(empty.counters.requests(), 1);
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn stalled_server_times_out_per_attempt() {
    let server = start(|mut conn: Conn| {
        let _ = conn.read_request();
        conn.counters.stall(Duration::from_secs(10));
    });
    let endpoint = format!("http://{}", server.addr);
    let (cognito, attempts) = handle(&endpoint, fast_transport().build(), fast_policy());

    let (err, took) = fail(&cognito, "ListUsers", &list_users());
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert_eq!(
        attempts.load(Ordering::SeqCst),
        3,
        "a read is retried after a timeout"
    );
    assert!(
        took >= Duration::from_millis(900),
        "three 300 ms waits: {took:?}"
    );
    assert!(took < Duration::from_secs(3), "{took:?}");

    attempts.store(0, Ordering::SeqCst);
    let (err, took) = fail(&cognito, "InitiateAuth", &serde_json::json!({}));
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert_eq!(
        attempts.load(Ordering::SeqCst),
        1,
        "a sent sign-in is not retried after a timeout"
    );
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn dripping_body_hits_the_receive_timeout() {
    let server = start(|mut conn: Conn| {
        if conn.read_request().is_none() {
            return;
        }
        if !conn.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n") {
            return;
        }
        for _ in 0..1000 {
            if conn.counters.stop.load(Ordering::SeqCst) || !conn.write(b"x") {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    let endpoint = format!("http://{}", server.addr);
    let (cognito, attempts) = handle(&endpoint, fast_transport().build(), RetryPolicy::none());
    let (err, took) = fail(&cognito, "ListUsers", &list_users());
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn huge_body_stops_at_the_limit_and_is_not_retried() {
    let server = start(|mut conn: Conn| {
        if conn.read_request().is_none() {
            return;
        }
        conn.write(b"HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\n\r\n");
        let chunk = vec![b' '; 64 * 1024];
        for _ in 0..1600 {
            if !conn.write(&chunk) {
                return;
            }
        }
    });
    let endpoint = format!("http://{}", server.addr);
    let (cognito, attempts) = handle(&endpoint, fast_transport().build(), fast_policy());
    let (err, took) = fail(&cognito, "ListUsers", &list_users());
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::BodyTooLarge),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn html_error_pages() {
    // A 502 from a proxy: retried for every operation, then an Http error.
    let bad_gateway = start(|mut conn: Conn| {
        while conn.read_request().is_some() {
            conn.respond(
                "502 Bad Gateway",
                "text/html",
                b"<html><body>502 Bad Gateway</body></html>",
            );
        }
    });
    let (cognito, attempts) = handle(
        &format!("http://{}", bad_gateway.addr),
        fast_transport().build(),
        fast_policy(),
    );
    let (err, took) = fail(&cognito, "SignUp", &sign_up());
    assert!(
        matches!(&err, Error::Http(h) if h.status() == 502),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
    assert_eq!(bad_gateway.counters.requests(), 3);
    assert!(took < Duration::from_secs(1), "{took:?}");

    // A 403 page (a WAF): a refusal, never retried.
    let forbidden = start(|mut conn: Conn| {
        while conn.read_request().is_some() {
            conn.respond("403 Forbidden", "text/html", b"<html>Forbidden</html>");
        }
    });
    let (cognito, attempts) = handle(
        &format!("http://{}", forbidden.addr),
        fast_transport().build(),
        fast_policy(),
    );
    let (err, took) = fail(&cognito, "ListUsers", &list_users());
    assert!(
        matches!(&err, Error::Http(h) if h.status() == 403),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn redirects_are_never_followed() {
    let elsewhere = start(|mut conn: Conn| {
        while conn.read_request().is_some() {
            conn.json("200 OK", SIGN_UP_OK);
        }
    });
    let target = format!("http://{}/", elsewhere.addr);
    let server = start(move |mut conn: Conn| {
        while conn.read_request().is_some() {
            let head = format!(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n"
            );
            conn.write(head.as_bytes());
        }
    });
    let (cognito, attempts) = handle(
        &format!("http://{}", server.addr),
        fast_transport().build(),
        fast_policy(),
    );
    let (err, took) = fail(&cognito, "SignUp", &sign_up());
    assert_eq!(err.status(), Some(307), "{err:?}");
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_eq!(
        elsewhere.counters.connections(),
        0,
        "the redirect was followed"
    );
}

/// Each connection answers its first request, then reads the next one and
/// closes without a reply: a keep-alive connection the server dropped.
fn answers_once_per_connection(mut conn: Conn) {
    if conn.read_request().is_some() {
        conn.json("200 OK", SIGN_UP_OK);
    }
    let _ = conn.read_request();
}

#[test]
fn stale_keep_alive_connection_is_re_sent_on_a_fresh_one() {
    // Defect: 20/20 writes failed on a dropped keep-alive connection, even
    // with retries on. The re-send is the transport's, so it works with
    // retries off too.
    let server = start(answers_once_per_connection);
    let endpoint = format!("http://{}", server.addr);
    let (cognito, attempts) = handle(&endpoint, fast_transport().build(), RetryPolicy::none());
    let start = Instant::now();
    for i in 0..20 {
        cognito
            .call("SignUp", &sign_up())
            .unwrap_or_else(|e| panic!("call {i}: {e:?}"));
    }
    assert_eq!(attempts.load(Ordering::SeqCst), 20, "one attempt per call");
    // Odd calls open a connection; even ones meet it dropped and re-send once.
    assert_eq!(server.counters.requests(), 30);
    assert_eq!(server.counters.connections(), 20);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );

    // Switched off, every call that meets a dropped connection fails.
    let server = super::server::start(answers_once_per_connection);
    let endpoint = format!("http://{}", server.addr);
    let transport = fast_transport().resend_on_stale_connection(false).build();
    let (cognito, _) = handle(&endpoint, transport, RetryPolicy::none());
    let failed: Vec<_> = (0..20)
        .filter_map(|_| cognito.call("SignUp", &sign_up()).err())
        .collect();
    assert_eq!(failed.len(), 10, "{failed:?}");
    assert!(failed.iter().all(|e| matches!(
        transport_kind(e),
        Some(TransportErrorKind::Io | TransportErrorKind::Protocol)
    )));
}

#[test]
fn the_attempt_timeout_bounds_a_request_with_a_longer_deadline() {
    let server = start(|mut conn: Conn| {
        let _ = conn.read_request();
        conn.counters.stall(Duration::from_secs(10));
    });
    let transport = fast_transport()
        .receive_timeout(Duration::from_secs(10))
        .attempt_timeout(Duration::from_millis(300))
        .build();
    let cognito = super::server::builder(&format!("http://{}", server.addr))
        .transport(transport)
        .retry(RetryPolicy::none())
        .call_timeout(Some(Duration::from_secs(20)))
        .build()
        .unwrap();
    let (err, took) = fail(&cognito, "SignUp", &sign_up());
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert!(took >= Duration::from_millis(250), "{took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn the_call_deadline_bounds_retries_and_backoff() {
    let server = start(|mut conn: Conn| {
        let _ = conn.read_request();
        conn.counters.stall(Duration::from_secs(10));
    });
    // Reads are retried after a timeout and each attempt may take 300 ms;
    // the call gets 500 ms in all: the second attempt is cut short, no third.
    let transport = fast_transport().build();
    let attempts = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = attempts.clone();
    let counting = move |req: cognito::HttpRequest| {
        counted.fetch_add(1, Ordering::SeqCst);
        cognito::Transport::send(&transport, req)
    };
    let cognito = super::server::builder(&format!("http://{}", server.addr))
        .transport(counting)
        .retry(fast_policy())
        .call_timeout(Some(Duration::from_millis(500)))
        .build()
        .unwrap();
    let (err, took) = fail(&cognito, "ListUsers", &list_users());
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 2);
    assert!(took >= Duration::from_millis(450), "{took:?}");
    assert!(took < Duration::from_millis(900), "{took:?}");
}

#[test]
fn a_tls_failure_is_typed_and_not_retried() {
    // A plain-HTTP server behind an https URL: the handshake fails.
    let server = start(|mut conn: Conn| {
        conn.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    });
    let endpoint = format!("https://{}", server.addr);
    let (cognito, attempts) = handle(&endpoint, fast_transport().build(), fast_policy());
    let (err, took) = fail(&cognito, "ListUsers", &list_users());
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Tls),
        "{err:?}"
    );
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    assert!(took < Duration::from_secs(1), "{took:?}");
}
