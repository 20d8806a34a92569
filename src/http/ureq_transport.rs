//! The default [`Transport`]: one shared ureq `Agent` with keep-alive, rustls
//! and the webpki roots, per-phase timeouts and an overall one per attempt,
//! a name lookup with a deadline (`resolve.rs`), a proxy from the
//! environment and a capped response body.
//!
//! Every request is watched (`probe.rs`), so that a failure says what it
//! can about what reached the server: a failure before any byte of the
//! request was sent is marked [`TransportError::nothing_sent`] (the
//! [`RetryPolicy`](crate::RetryPolicy) retries those for every operation),
//! and a request that went out on a reused keep-alive connection which broke
//! before any byte of the reply came (the server had dropped the idle
//! connection without the pool noticing) is sent once more on a fresh
//! connection, whatever the operation: the server never answered, and a
//! connection it had already closed is the common cause.
//!
//! ureq resolves the host name on every request, even over a pooled
//! connection; the resolver caches results for 30 s and runs a lookup on a
//! helper thread only on a miss.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use ureq::http;
use ureq::unversioned::transport::{Connector, DefaultConnector};

use crate::http::probe::{self, Probe, Tracker};
use crate::http::resolve::{self, BoundedResolver, Resolve};
use crate::http::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};

/// The default response body limit: 1 MiB. Cognito's largest replies (a page
/// of 60 users with all attributes) are far below it.
pub(crate) const DEFAULT_MAX_BODY: u64 = 1024 * 1024;

/// The default [`Transport`], over one shared ureq agent.
///
/// `Clone` is cheap and clones share the connection pool.
///
/// ```
/// use std::time::Duration;
/// use cognito::UreqTransport;
///
/// let transport = UreqTransport::builder()
///     .connect_timeout(Duration::from_secs(5))
///     .max_body_bytes(256 * 1024)
///     .build();
/// # drop(transport);
/// ```
#[derive(Clone)]
pub struct UreqTransport {
    agent: ureq::Agent,
    /// The same settings without a pool: where a request that met a stale
    /// pooled connection is sent again.
    fresh: ureq::Agent,
    /// Whether a request that met a stale pooled connection is re-sent.
    resend_stale: bool,
    /// The most one request may take.
    attempt: Duration,
    max_body: u64,
}

impl fmt::Debug for UreqTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UreqTransport")
            .field("max_body", &self.max_body)
            .finish_non_exhaustive()
    }
}

impl Default for UreqTransport {
    fn default() -> Self {
        Self::builder().build()
    }
}

impl UreqTransport {
    /// A transport with the defaults listed on [`UreqTransportBuilder`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts configuring a transport.
    pub fn builder() -> UreqTransportBuilder {
        UreqTransportBuilder::default()
    }
}

/// Configures a [`UreqTransport`].
///
/// The defaults keep one attempt under 30 s, and a call of three attempts
/// under the handle's 30 s deadline
/// ([`CognitoBuilder::call_timeout`](crate::CognitoBuilder::call_timeout)),
/// which is handed to the transport as each request's
/// [`timeout`](HttpRequest::timeout).
#[derive(Clone)]
pub struct UreqTransportBuilder {
    resolve: Duration,
    connect: Duration,
    send: Duration,
    receive: Duration,
    attempt: Duration,
    max_body: u64,
    proxy_from_env: bool,
    user_agent: String,
    resolver: Arc<dyn Resolve>,
    resend_stale: bool,
}

impl fmt::Debug for UreqTransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UreqTransportBuilder")
            .field("resolve", &self.resolve)
            .field("connect", &self.connect)
            .field("send", &self.send)
            .field("receive", &self.receive)
            .field("attempt", &self.attempt)
            .field("max_body", &self.max_body)
            .field("proxy_from_env", &self.proxy_from_env)
            .field("user_agent", &self.user_agent)
            .field("resend_stale", &self.resend_stale)
            .finish_non_exhaustive()
    }
}

impl Default for UreqTransportBuilder {
    fn default() -> Self {
        Self {
            resolve: Duration::from_secs(5),
            connect: Duration::from_secs(5),
            send: Duration::from_secs(10),
            receive: Duration::from_secs(10),
            attempt: Duration::from_secs(30),
            max_body: DEFAULT_MAX_BODY,
            proxy_from_env: true,
            user_agent: concat!("cognito-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
            resolver: Arc::new(resolve::system_resolve),
            resend_stale: true,
        }
    }
}

impl UreqTransportBuilder {
    /// Time allowed to look up the host name; a longer lookup is a
    /// [`TransportErrorKind::Timeout`] error (nothing was sent). Defaults
    /// to 5 s.
    pub fn resolve_timeout(mut self, timeout: Duration) -> Self {
        self.resolve = timeout;
        self
    }

    /// Where host names are looked up. Defaults to the system's resolver
    /// (`getaddrinfo`); tests pass a closure (see [`Resolve`](crate::Resolve)).
    pub fn resolver(mut self, resolver: impl Resolve + 'static) -> Self {
        self.resolver = Arc::new(resolver);
        self
    }

    /// Time allowed to open the TCP connection (and TLS handshake). Defaults to 5 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect = timeout;
        self
    }

    /// Time allowed to send the request head and body. Defaults to 10 s.
    pub fn send_timeout(mut self, timeout: Duration) -> Self {
        self.send = timeout;
        self
    }

    /// Time allowed to receive the response head, and again its body. Defaults to 10 s.
    pub fn receive_timeout(mut self, timeout: Duration) -> Self {
        self.receive = timeout;
        self
    }

    /// The most one request may take, all phases included, when the
    /// request carries no shorter [`timeout`](HttpRequest::timeout) of its
    /// own. Defaults to 30 s.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt = timeout;
        self
    }

    /// Whether a request that went out on a reused keep-alive connection
    /// which broke before any byte of the reply came is sent once more on a
    /// fresh connection, whatever the operation. Defaults to `true`: the
    /// common cause is a connection the server closed while it sat idle in
    /// the pool. Turn it off for strictly at-most-once sending (together with
    /// [`RetryPolicy::none`](crate::RetryPolicy::none)).
    pub fn resend_on_stale_connection(mut self, enabled: bool) -> Self {
        self.resend_stale = enabled;
        self
    }

    /// Largest response body read; a larger one is a
    /// [`TransportErrorKind::BodyTooLarge`] error. Defaults to 1 MiB.
    pub fn max_body_bytes(mut self, limit: u64) -> Self {
        self.max_body = limit;
        self
    }

    /// Whether to use a proxy from `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`
    /// (honouring `NO_PROXY`). Defaults to `true`.
    pub fn proxy_from_env(mut self, enabled: bool) -> Self {
        self.proxy_from_env = enabled;
        self
    }

    /// The `User-Agent` header. Defaults to `cognito-rs/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Builds the transport.
    pub fn build(self) -> UreqTransport {
        let proxy = if self.proxy_from_env {
            ureq::Proxy::try_from_env()
        } else {
            None
        };
        let config = |pooled: bool| {
            let builder = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_global(Some(self.attempt))
                .timeout_resolve(Some(self.resolve))
                .timeout_connect(Some(self.connect))
                .timeout_send_request(Some(self.send))
                .timeout_send_body(Some(self.send))
                .timeout_recv_response(Some(self.receive))
                .timeout_recv_body(Some(self.receive))
                .user_agent(self.user_agent.as_str())
                .proxy(proxy.clone());
            if pooled {
                builder.build()
            } else {
                builder.max_idle_connections(0).build()
            }
        };
        let resolver = BoundedResolver::new(Arc::clone(&self.resolver), self.resolve);
        let agent = ureq::Agent::with_parts(
            config(true),
            DefaultConnector::default().chain(Tracker),
            resolver.clone(),
        );
        let fresh = ureq::Agent::with_parts(
            config(false),
            DefaultConnector::default().chain(Tracker),
            resolver,
        );
        UreqTransport {
            agent,
            fresh,
            resend_stale: self.resend_stale,
            attempt: self.attempt,
            max_body: self.max_body,
        }
    }
}

impl Transport for UreqTransport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        match self.exchange(&self.agent, &request) {
            Err((error, seen)) if self.resend_stale && is_stale(&error, seen) => self
                .exchange(&self.fresh, &request)
                .map_err(|(error, _)| error),
            outcome => outcome.map_err(|(error, _)| error),
        }
    }
}

impl UreqTransport {
    /// One exchange over `agent`, and what the probe saw when it failed.
    fn exchange(
        &self,
        agent: &ureq::Agent,
        request: &HttpRequest,
    ) -> Result<HttpResponse, (TransportError, Probe)> {
        let mut builder = http::Request::builder()
            .method(request.method.as_str())
            .uri(request.url.as_str());
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let http_request = builder.body(request.body.clone()).map_err(|e| {
            let error = TransportError::new(TransportErrorKind::InvalidUrl, "invalid request")
                .with_source(e);
            (error, Probe::default())
        })?;
        let http_request = match request.timeout {
            Some(timeout) => agent
                .configure_request(http_request)
                .timeout_global(Some(timeout.min(self.attempt)))
                .build(),
            None => http_request,
        };
        probe::begin();
        let mut response = agent.run(http_request).map_err(|e| {
            let seen = probe::take();
            (map_error(e, "cannot send the request", seen), seen)
        })?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(self.max_body)
            .read_to_vec()
            .map_err(|e| {
                let seen = probe::take();
                (map_error(e, "cannot read the response body", seen), seen)
            })?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// Whether a failure is a stale keep-alive connection: the request went out
/// on a reused connection that broke (not timed out) before any byte of the
/// reply came.
fn is_stale(error: &TransportError, seen: Probe) -> bool {
    seen.sent
        && seen.reused
        && !seen.received
        && matches!(
            error.kind(),
            TransportErrorKind::Io | TransportErrorKind::Protocol
        )
}

/// A ureq error as a [`TransportError`]: `doing` says what failed, ureq's
/// error (which has no source of its own) is the cause; `seen` tells a
/// failed lookup from other I/O errors, and whether anything was sent.
fn map_error(error: ureq::Error, doing: &'static str, seen: Probe) -> TransportError {
    let kind = match &error {
        _ if seen.lookup_failed => TransportErrorKind::HostNotFound,
        ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::RequireHttpsOnly(_) => {
            TransportErrorKind::InvalidUrl
        }
        ureq::Error::HostNotFound => TransportErrorKind::HostNotFound,
        ureq::Error::ConnectionFailed => TransportErrorKind::Connect,
        ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::TlsRequired => {
            TransportErrorKind::Tls
        }
        ureq::Error::BodyExceedsLimit(_) => TransportErrorKind::BodyTooLarge,
        ureq::Error::InvalidProxyUrl | ureq::Error::ConnectProxyFailed(_) => {
            TransportErrorKind::Proxy
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            TransportErrorKind::Connect
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            TransportErrorKind::Timeout
        }
        // rustls reports a refused certificate, a TLS alert or a malformed
        // handshake as `InvalidData` from the connection step, before any
        // byte of the request; plain TCP never does.
        ureq::Error::Io(e) if !seen.sent && e.kind() == std::io::ErrorKind::InvalidData => {
            TransportErrorKind::Tls
        }
        ureq::Error::Io(_) | ureq::Error::BodyStalled => TransportErrorKind::Io,
        ureq::Error::Protocol(_) | ureq::Error::LargeResponseHeader(_, _) => {
            TransportErrorKind::Protocol
        }
        _ => TransportErrorKind::Other,
    };
    let mapped = TransportError::new(kind, doing).with_source(error);
    if seen.sent {
        mapped
    } else {
        mapped.with_nothing_sent()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    /// A one-shot HTTP server on loopback answering `reply` to one request.
    fn serve_once(reply: &'static [u8]) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let _ = stream.write_all(reply);
            }
        });
        format!("http://{addr}/")
    }

    #[test]
    fn reads_status_headers_and_body() {
        let url = serve_once(
            b"HTTP/1.1 400 Bad Request\r\nX-Amzn-RequestId: r-1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        );
        let resp = UreqTransport::new()
            .send(HttpRequest::post(url, b"{}".to_vec()))
            .unwrap();
        assert_eq!(resp.status, 400);
        assert_eq!(resp.header("x-amzn-requestid"), Some("r-1"));
        assert_eq!(resp.body, b"{}");
    }

    #[test]
    fn body_over_the_limit_is_an_error() {
        let url = serve_once(
            b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123456789",
        );
        let err = UreqTransport::builder()
            .max_body_bytes(4)
            .build()
            .send(HttpRequest::post(url, Vec::new()))
            .unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge, "{err}");
        // The transport's own step; ureq's reason only through source().
        assert_eq!(err.to_string(), "cannot read the response body");
        let cause = std::error::Error::source(&err).and_then(|c| c.downcast_ref::<ureq::Error>());
        assert!(
            matches!(cause, Some(ureq::Error::BodyExceedsLimit(4))),
            "{cause:?}"
        );
    }

    #[test]
    fn refused_connection_is_a_connect_error() {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let err = UreqTransport::new()
            .send(HttpRequest::post(
                format!("http://127.0.0.1:{port}/"),
                Vec::new(),
            ))
            .unwrap_err();
        assert!(
            matches!(
                err.kind(),
                TransportErrorKind::Connect | TransportErrorKind::Io
            ),
            "{err:?}"
        );
        assert_eq!(err.to_string(), "cannot send the request");
        let cause = std::error::Error::source(&err).and_then(|c| c.downcast_ref::<ureq::Error>());
        assert!(cause.is_some(), "ureq's error is the source: {err:?}");
    }

    #[test]
    fn truncated_body_is_an_error() {
        let url = serve_once(
            b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"Users\":",
        );
        let result = UreqTransport::new().send(HttpRequest::post(url, Vec::new()));
        assert!(result.is_err(), "{result:?}");
    }
}
