//! A misbehaving HTTP server on loopback, std only: each accepted
//! connection is handed to the test's behaviour on its own thread, with
//! counters of connections and requests the tests assert on.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cognito::{Cognito, CognitoBuilder, RetryPolicy, UreqTransport, UreqTransportBuilder};

/// What the server saw.
#[derive(Default)]
pub(crate) struct Counters {
    /// Connections accepted.
    pub(crate) connections: AtomicUsize,
    /// Request heads read.
    pub(crate) requests: AtomicUsize,
    /// Set when the test is over: stalling behaviours return.
    pub(crate) stop: AtomicBool,
}

impl Counters {
    pub(crate) fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    pub(crate) fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// Sleeps up to `limit`, or less once the test has stopped the server.
    pub(crate) fn stall(&self, limit: Duration) {
        let end = Instant::now() + limit;
        while Instant::now() < end && !self.stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// A running server; dropping it releases stalled behaviours.
pub(crate) struct FaultServer {
    pub(crate) addr: SocketAddr,
    pub(crate) counters: Arc<Counters>,
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.counters.stop.store(true, Ordering::SeqCst);
    }
}

/// One connection, as a behaviour sees it.
pub(crate) struct Conn {
    pub(crate) stream: TcpStream,
    reader: BufReader<TcpStream>,
    pub(crate) counters: Arc<Counters>,
}

impl Conn {
    /// Reads one request head and its body; `None` when the client closed.
    pub(crate) fn read_request(&mut self) -> Option<Vec<u8>> {
        let length = self.read_head()?;
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).ok()?;
        Some(body)
    }

    /// Reads one request head only, leaving the body unread (closing then
    /// makes the kernel answer with a reset); returns the body's length.
    pub(crate) fn read_head(&mut self) -> Option<usize> {
        let mut length = 0;
        let mut first = true;
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).ok()? == 0 {
                return None;
            }
            if first {
                self.counters.requests.fetch_add(1, Ordering::SeqCst);
                first = false;
            }
            let lower = line.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse().ok()?;
            }
            if line == "\r\n" {
                return Some(length);
            }
        }
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) -> bool {
        self.stream
            .write_all(bytes)
            .and_then(|()| self.stream.flush())
            .is_ok()
    }

    /// Writes a complete response with `status`, `content_type` and `body`,
    /// keeping the connection open.
    pub(crate) fn respond(&mut self, status: &str, content_type: &str, body: &[u8]) -> bool {
        let mut reply = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nx-amzn-RequestId: fault-1\r\n\r\n",
            body.len()
        )
        .into_bytes();
        // One write: a second small one would wait for a delayed ACK.
        reply.extend_from_slice(body);
        self.write(&reply)
    }

    /// A Cognito JSON reply.
    pub(crate) fn json(&mut self, status: &str, body: &str) -> bool {
        self.respond(status, "application/x-amz-json-1.1", body.as_bytes())
    }
}

/// Starts a server whose every connection runs `behaviour`.
pub(crate) fn start(behaviour: impl Fn(Conn) + Send + Sync + 'static) -> FaultServer {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    let counters = Arc::new(Counters::default());
    let shared = Arc::clone(&counters);
    let behaviour = Arc::new(behaviour);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let _ = stream.set_nodelay(true);
            if shared.stop.load(Ordering::SeqCst) {
                return;
            }
            shared.connections.fetch_add(1, Ordering::SeqCst);
            let Ok(read_half) = stream.try_clone() else {
                continue;
            };
            let conn = Conn {
                stream,
                reader: BufReader::new(read_half),
                counters: Arc::clone(&shared),
            };
            let behaviour = Arc::clone(&behaviour);
            std::thread::spawn(move || behaviour(conn));
        }
    });
    FaultServer { addr, counters }
}

/// A port nothing listens on.
pub(crate) fn refused_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    listener.local_addr().expect("local addr").port()
}

/// Short timeouts, so that every fault ends in well under a second.
pub(crate) fn fast_transport() -> UreqTransportBuilder {
    UreqTransport::builder()
        .proxy_from_env(false)
        .resolve_timeout(Duration::from_millis(300))
        .connect_timeout(Duration::from_millis(300))
        .send_timeout(Duration::from_millis(300))
        .receive_timeout(Duration::from_millis(300))
}

/// Fast backoff: botocore's shape, 1 ms bases.
pub(crate) fn fast_policy() -> RetryPolicy {
    RetryPolicy::standard().base_delay(Duration::from_millis(1))
}

/// A handle for `endpoint` over `transport` with `policy`, counting the
/// attempts it makes.
pub(crate) fn handle(
    endpoint: &str,
    transport: UreqTransport,
    policy: RetryPolicy,
) -> (Cognito, Arc<AtomicUsize>) {
    let attempts = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&attempts);
    let counting = move |req: cognito::HttpRequest| {
        counted.fetch_add(1, Ordering::SeqCst);
        cognito::Transport::send(&transport, req)
    };
    let cognito = builder(endpoint)
        .transport(counting)
        .retry(policy)
        .build()
        .expect("handle");
    (cognito, attempts)
}

/// A builder for a pool behind `endpoint`, with static credentials.
pub(crate) fn builder(endpoint: &str) -> CognitoBuilder {
    Cognito::builder()
        .user_pool_id("us-east-1_Fault1234")
        .client_id("faultclient")
        .endpoint(endpoint)
        // The DNS tests use names such as http://cognito-idp.fault.test.
        .allow_insecure_http(true)
        .environment(|_| None)
        .credentials(cognito::credentials::AwsCredentials::new(
            "AKIDFAULT",
            "secret",
            None,
        ))
}

/// A `SignUp` input (a write).
pub(crate) fn sign_up() -> serde_json::Value {
    serde_json::json!({"ClientId": "faultclient", "Username": "alice", "Password": "Passw0rd!"})
}

/// A `ListUsers` input (a read).
pub(crate) fn list_users() -> serde_json::Value {
    serde_json::json!({"UserPoolId": "us-east-1_Fault1234"})
}

pub(crate) const SIGN_UP_OK: &str = r#"{"UserConfirmed":false,"UserSub":"sub-1"}"#;
