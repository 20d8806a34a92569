//! The default transport never follows a redirect: a `307` to another server
//! would carry the request body (a password, a refresh token) there. The
//! reply comes back as it is, and the handle reads it as an error.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use cognito::{Cognito, HttpRequest, Transport, UreqTransport};

/// A loopback server answering one request with `reply`; the flag says
/// whether a request came.
fn serve_once(reply: String) -> (String, Arc<AtomicBool>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let hit = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&hit);
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            flag.store(true, Ordering::SeqCst);
            let mut buf = [0u8; 8192];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    (format!("http://{addr}/"), hit)
}

fn redirect_to(location: &str, status: &str) -> String {
    format!("HTTP/1.1 {status}\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
}

#[test]
fn a_redirect_is_returned_not_followed() {
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let (elsewhere, elsewhere_hit) = serve_once(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".into(),
        );
        let (url, _) = serve_once(redirect_to(&elsewhere, status));
        let reply = UreqTransport::new()
            .send(HttpRequest::post(
                url,
                br#"{"AuthParameters":{"PASSWORD":"p"}}"#.to_vec(),
            ))
            .unwrap();
        assert_eq!(reply.status.to_string(), status[..3], "{status}");
        assert_eq!(
            reply.header("location"),
            Some(elsewhere.as_str()),
            "{status}"
        );
        // Give a followed request time to arrive before looking.
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(
            !elsewhere_hit.load(Ordering::SeqCst),
            "{status}: the redirect was followed"
        );
    }
}

#[test]
fn the_handle_reads_a_redirect_as_an_error() {
    let (elsewhere, elsewhere_hit) =
        serve_once("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".into());
    let (url, _) = serve_once(redirect_to(&elsewhere, "307 Temporary Redirect"));
    let cognito = Cognito::builder()
        .user_pool_id("us-east-1_Redirect1")
        .client_id("redirect0client0id000001")
        .username("alice")
        .endpoint(url.trim_end_matches('/'))
        .build()
        .unwrap();
    let e = cognito
        .authenticate_user_password("Passw0rd!-not-real")
        .unwrap_err();
    assert_eq!(e.status(), Some(307), "{e:?}");
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert!(
        !elsewhere_hit.load(Ordering::SeqCst),
        "the redirect was followed"
    );
}
