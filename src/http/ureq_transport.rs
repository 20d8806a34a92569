//! The default [`Transport`]: one shared ureq `Agent` with keep-alive, rustls
//! and the webpki roots (or `SSL_CERT_FILE`, the system's or your own; see
//! `roots.rs`), per-phase timeouts and an overall one per attempt, a name
//! lookup with a deadline (`resolve.rs`), a proxy per scheme from the
//! environment (see `proxy.rs`) and a capped response body.
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

use crate::error::{ConfigError, Error};
use crate::http::probe::{self, Probe, Tracker};
use crate::http::proxy::EnvProxies;
use crate::http::resolve::{self, BoundedResolver, Resolve};
use crate::http::roots;
use crate::http::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};

/// Reads an environment variable.
type EnvFn = dyn Fn(&str) -> Option<String> + Send + Sync;

/// Where the builder reads `HTTPS_PROXY`, `SSL_CERT_FILE` and the rest.
#[derive(Clone)]
struct EnvLookup(Arc<EnvFn>);

impl fmt::Debug for EnvLookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<environment>")
    }
}

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
    proxies: EnvProxies,
    /// Why the trust store could not be set up; every request fails with it.
    tls_setup_error: Option<Arc<str>>,
}

impl fmt::Debug for UreqTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UreqTransport")
            .field("max_body", &self.max_body)
            .field("proxies", &self.proxies)
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
    env: Option<EnvLookup>,
    extra_roots: Vec<ureq::tls::Certificate<'static>>,
    system_roots: bool,
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
            .field("extra_roots", &self.extra_roots.len())
            .field("system_roots", &self.system_roots)
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
            env: None,
            extra_roots: Vec::new(),
            system_roots: false,
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

    /// Whether to use a proxy from the environment. Defaults to `true`.
    ///
    /// `https://` requests use `HTTPS_PROXY` (or `https_proxy`), else
    /// `ALL_PROXY` (or `all_proxy`), never `HTTP_PROXY`; `http://` requests
    /// use `http_proxy`, else `HTTP_PROXY` unless `REQUEST_METHOD` is set
    /// (in a CGI program `HTTP_PROXY` can come from a client's `Proxy:`
    /// header), else `ALL_PROXY`. Hosts in `NO_PROXY` go direct.
    pub fn proxy_from_env(mut self, enabled: bool) -> Self {
        self.proxy_from_env = enabled;
        self
    }

    /// The `User-Agent` header. Defaults to `cognito-rs/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Where the proxy variables and `SSL_CERT_FILE` are read from, when
    /// the transport is built. Defaults to the process environment; tests
    /// pass a closure.
    pub fn environment(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.env = Some(EnvLookup(Arc::new(lookup)));
        self
    }

    /// Also trust the certificates in `pem` (one or more `CERTIFICATE`
    /// blocks), e.g. a company's TLS-inspecting proxy or a private CA.
    /// Defaults to none.
    ///
    /// They are added to the roots from `SSL_CERT_FILE` or
    /// [`system_trust_store`](Self::system_trust_store). With neither, they
    /// replace the compiled-in Mozilla roots (ureq 3.5 cannot add to those),
    /// which suits a TLS-inspecting proxy that signs every connection; turn
    /// on the system trust store to keep the public CAs as well.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when `pem` is not PEM or holds no certificate.
    pub fn add_root_certificates_pem(mut self, pem: &[u8]) -> Result<Self, Error> {
        let certs = roots::parse_certificates(pem).map_err(|e| {
            ConfigError::new(format!("cannot use the given root certificates: {e}"))
        })?;
        self.extra_roots.extend(certs);
        Ok(self)
    }

    /// Trust the system's CA bundle instead of the compiled-in Mozilla
    /// roots: the first file that exists of
    /// `/etc/ssl/certs/ca-certificates.crt` (Debian, Ubuntu),
    /// `/etc/pki/tls/certs/ca-bundle.crt` (Fedora, RHEL),
    /// `/etc/ssl/ca-bundle.pem` (openSUSE),
    /// `/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem` and
    /// `/etc/ssl/cert.pem` (Alpine, macOS, the BSDs). On Windows, and for
    /// certificates only in the macOS keychain, set `SSL_CERT_FILE` or use
    /// [`add_root_certificates_pem`](Self::add_root_certificates_pem). Defaults to
    /// `false`. `SSL_CERT_FILE`, when set, wins over both. Without a bundle
    /// file every request fails with a [`TransportErrorKind::Tls`] error.
    pub fn system_trust_store(mut self, enabled: bool) -> Self {
        self.system_roots = enabled;
        self
    }

    /// Builds the transport, reading the proxy variables and
    /// `SSL_CERT_FILE` now. A trust store that cannot be loaded is not
    /// silently replaced: every request then fails with a
    /// [`TransportErrorKind::Tls`] error saying why.
    pub fn build(self) -> UreqTransport {
        let env: Arc<EnvFn> = match &self.env {
            Some(EnvLookup(lookup)) => Arc::clone(lookup),
            None => Arc::new(|name: &str| std::env::var(name).ok()),
        };
        let proxies = if self.proxy_from_env {
            EnvProxies::from_env(&*env)
        } else {
            EnvProxies::default()
        };
        let (root_certs, tls_setup_error) =
            match roots::root_certs(&self.extra_roots, self.system_roots, &*env) {
                Ok(roots) => (roots, None),
                Err(e) => (
                    ureq::tls::RootCerts::new_with_certs(&[]),
                    Some(Arc::from(e.as_str())),
                ),
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
                // Proxies are chosen per request, by scheme (`proxy.rs`).
                .proxy(None)
                .tls_config(
                    ureq::tls::TlsConfig::builder()
                        .root_certs(root_certs.clone())
                        .build(),
                );
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
            proxies,
            tls_setup_error,
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
        let mut http_request = builder.body(request.body.clone()).map_err(|e| {
            let error = TransportError::new(TransportErrorKind::InvalidUrl, "invalid request")
                .with_source(e);
            (error, Probe::default())
        })?;
        if let Some(why) = &self.tls_setup_error {
            let error = TransportError::new(
                TransportErrorKind::Tls,
                format!("cannot load the trusted root certificates: {why}"),
            );
            return Err((error, Probe::default()));
        }
        let uri = http_request.uri();
        let proxy = self
            .proxies
            .for_target(uri.scheme_str().unwrap_or(""), uri.host().unwrap_or(""))
            .cloned();
        if proxy.is_some() || request.timeout.is_some() {
            let mut configured = agent.configure_request(http_request);
            if let Some(proxy) = proxy {
                configured = configured.proxy(Some(proxy));
            }
            if let Some(timeout) = request.timeout {
                configured = configured.timeout_global(Some(timeout.min(self.attempt)));
            }
            http_request = configured.build();
        }
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
