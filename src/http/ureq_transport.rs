//! The default [`Transport`]: one shared ureq `Agent` with keep-alive, rustls
//! and the webpki roots (or `SSL_CERT_FILE`, the system's or your own; see
//! `roots.rs`), per-phase timeouts, a proxy per scheme from the environment
//! (see `proxy.rs`), a capped response body and a small DNS cache.
//!
//! Why per-phase timeouts and not a global one: ureq runs the host-name lookup
//! on a new thread whenever a resolve, per-call or global timeout is set
//! (measured with ureq 3.5: 131 µs a call on loopback instead of 36 µs). The
//! connect, send and receive timeouts below bound every phase that can hang on
//! the network without that cost. ureq also resolves the host name on every
//! request, even over a pooled connection, so lookups are cached for
//! [`DNS_TTL`].

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ureq::http;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use crate::error::{ConfigError, Error};
use crate::http::proxy::EnvProxies;
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

/// How long a resolved address list is reused.
pub(crate) const DNS_TTL: Duration = Duration::from_secs(30);

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
#[derive(Debug, Clone)]
pub struct UreqTransportBuilder {
    connect: Duration,
    send: Duration,
    receive: Duration,
    max_body: u64,
    proxy_from_env: bool,
    user_agent: String,
    env: Option<EnvLookup>,
    extra_roots: Vec<ureq::tls::Certificate<'static>>,
    system_roots: bool,
}

impl Default for UreqTransportBuilder {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            send: Duration::from_secs(30),
            receive: Duration::from_secs(30),
            max_body: DEFAULT_MAX_BODY,
            proxy_from_env: true,
            user_agent: concat!("cognito-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
            env: None,
            extra_roots: Vec::new(),
            system_roots: false,
        }
    }
}

impl UreqTransportBuilder {
    /// Time allowed to open the TCP connection (and TLS handshake). Defaults to 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect = timeout;
        self
    }

    /// Time allowed to send the request head and body. Defaults to 30 s.
    pub fn send_timeout(mut self, timeout: Duration) -> Self {
        self.send = timeout;
        self
    }

    /// Time allowed to receive the response head, and again its body. Defaults to 30 s.
    pub fn receive_timeout(mut self, timeout: Duration) -> Self {
        self.receive = timeout;
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
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(self.connect))
            .timeout_send_request(Some(self.send))
            .timeout_send_body(Some(self.send))
            .timeout_recv_response(Some(self.receive))
            .timeout_recv_body(Some(self.receive))
            .user_agent(self.user_agent.as_str())
            .proxy(None)
            .tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(root_certs)
                    .build(),
            )
            .build();
        let agent = ureq::Agent::with_parts(
            config,
            DefaultConnector::default(),
            CachingResolver::default(),
        );
        UreqTransport {
            agent,
            max_body: self.max_body,
            proxies,
            tls_setup_error,
        }
    }
}

impl Transport for UreqTransport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = http::Request::builder()
            .method(request.method.as_str())
            .uri(request.url.as_str());
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let mut http_request = builder.body(request.body).map_err(|e| {
            TransportError::new(TransportErrorKind::InvalidUrl, "invalid request").with_source(e)
        })?;
        if let Some(why) = &self.tls_setup_error {
            return Err(TransportError::new(
                TransportErrorKind::Tls,
                format!("cannot load the trusted root certificates: {why}"),
            ));
        }
        let uri = http_request.uri();
        if let Some(proxy) = self
            .proxies
            .for_target(uri.scheme_str().unwrap_or(""), uri.host().unwrap_or(""))
        {
            let proxy = proxy.clone();
            http_request = self
                .agent
                .configure_request(http_request)
                .proxy(Some(proxy))
                .build();
        }
        let mut response = self
            .agent
            .run(http_request)
            .map_err(|e| map_error(e, "cannot send the request"))?;
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
            .map_err(|e| map_error(e, "cannot read the response body"))?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// A ureq error as a [`TransportError`]: `doing` says what failed, ureq's
/// error (which has no source of its own) is the cause.
fn map_error(error: ureq::Error, doing: &'static str) -> TransportError {
    let kind = match &error {
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
        ureq::Error::Io(_) | ureq::Error::BodyStalled => TransportErrorKind::Io,
        ureq::Error::Protocol(_) | ureq::Error::LargeResponseHeader(_, _) => {
            TransportErrorKind::Protocol
        }
        _ => TransportErrorKind::Other,
    };
    TransportError::new(kind, doing).with_source(error)
}

/// Caches ureq's own lookups for [`DNS_TTL`], keyed by host and port.
#[derive(Default)]
struct CachingResolver {
    inner: DefaultResolver,
    cache: Arc<Mutex<HashMap<String, (Instant, ResolvedSocketAddrs)>>>,
}

impl fmt::Debug for CachingResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CachingResolver")
    }
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let key = match uri.authority() {
            Some(authority) => format!("{}|{authority}", uri.scheme_str().unwrap_or("")),
            None => return self.inner.resolve(uri, config, timeout),
        };
        if let Ok(cache) = self.cache.lock() {
            if let Some((at, addrs)) = cache.get(&key) {
                if at.elapsed() < DNS_TTL {
                    return Ok(addrs.clone());
                }
            }
        }
        let addrs = self.inner.resolve(uri, config, timeout)?;
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() > 64 {
                cache.clear();
            }
            cache.insert(key, (Instant::now(), addrs.clone()));
        }
        Ok(addrs)
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
