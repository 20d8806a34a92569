//! The HTTP seam: the crate's own request and response values and the one-method
//! [`Transport`] trait that carries them.
//!
//! Everything above this module builds an [`HttpRequest`] and reads an
//! [`HttpResponse`]; nothing else knows which HTTP library is underneath. The
//! default [`UreqTransport`](crate::UreqTransport) lives in `ureq_transport.rs`;
//! tests swap in a closure or a replay transport (`test_util`, feature `test-util`).
//!
//! ```
//! use cognito::{HttpRequest, HttpResponse, Transport, TransportError};
//!
//! // A fake Cognito that answers every call with `{}`.
//! let fake = |_req: HttpRequest| -> Result<HttpResponse, TransportError> {
//!     Ok(HttpResponse::new(200, b"{}".to_vec()))
//! };
//! let reply = fake.send(HttpRequest::post("http://127.0.0.1:1/", Vec::new())).unwrap();
//! assert_eq!(reply.status, 200);
//! ```

pub(crate) mod probe;
pub(crate) mod proxy;
pub(crate) mod resolve;
pub(crate) mod retry;
pub(crate) mod roots;
pub(crate) mod timer;
pub(crate) mod ureq_transport;

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

/// Headers that are shown in `Debug` output; the values of all others are
/// redacted (they may carry a signature or a session token).
const SHOWN_HEADERS: &[&str] = &[
    "content-type",
    "content-length",
    "host",
    "x-amz-target",
    "x-amz-date",
    "x-amzn-requestid",
    "x-amzn-errortype",
    "user-agent",
];

/// An HTTP request as the crate hands it to a [`Transport`].
///
/// `Debug` shows the method, URL, allow-listed headers and the body's length,
/// never the body (it holds passwords and tokens) nor `Authorization`.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method, e.g. `"POST"`.
    pub method: String,
    /// The absolute URL.
    pub url: String,
    /// Header names and values, in order; names are lowercase.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The most this attempt may take, all phases included (name lookup,
    /// connection, sending, the reply): what is left of the call's deadline
    /// (see [`CognitoBuilder::call_timeout`](crate::CognitoBuilder::call_timeout)).
    /// A transport should give up with a [`TransportErrorKind::Timeout`]
    /// error when it has passed; `None` leaves the transport's own timeouts.
    pub timeout: Option<Duration>,
}

impl HttpRequest {
    /// A `POST` to `url` with `body`, no headers and no timeout.
    pub fn post(url: impl Into<String>, body: Vec<u8>) -> Self {
        Self {
            method: "POST".to_owned(),
            url: url.into(),
            headers: Vec::new(),
            body,
            timeout: None,
        }
    }

    /// A `GET` of `url` with no headers and no timeout.
    pub fn get(url: impl Into<String>) -> Self {
        Self {
            method: "GET".to_owned(),
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
            timeout: None,
        }
    }

    /// Sets the most this attempt may take (see [`HttpRequest::timeout`]).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Adds a header (the name is stored lowercase).
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &DebugHeaders(&self.headers))
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// An HTTP response as a [`Transport`] returns it.
///
/// `Debug` shows the status, allow-listed headers and the body's length only.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// Header names and values, in order; lookups are case-insensitive.
    pub headers: Vec<(String, String)>,
    /// The body, as read (a transport may cap its size).
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with `status`, `body` and no headers.
    pub fn new(status: u16, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &DebugHeaders(&self.headers))
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

struct DebugHeaders<'a>(&'a [(String, String)]);

impl fmt::Debug for DebugHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        let mut redacted = 0;
        for (name, value) in self.0 {
            if SHOWN_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(name)) {
                list.entry(&(name, value));
            } else {
                redacted += 1;
            }
        }
        if redacted > 0 {
            list.entry(&format_args!("<{redacted} redacted>"));
        }
        list.finish()
    }
}

/// Carries one request to Cognito and brings back its response.
///
/// Implemented for any `Fn(HttpRequest) -> Result<HttpResponse, TransportError>`
/// that is `Send + Sync`, so a test's fake transport is a closure. An HTTP
/// error status is a response, not a transport error: the crate maps it.
pub trait Transport: Send + Sync {
    /// Sends `request` and returns the response.
    ///
    /// # Errors
    ///
    /// A [`TransportError`] when no response could be obtained: connection
    /// refused, timeout, TLS failure, a body over the size limit.
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

impl<F> Transport for F
where
    F: Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync,
{
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self(request)
    }
}

/// What kind of failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The URL could not be used (bad scheme, host or port).
    InvalidUrl,
    /// The host name did not resolve: no such name, or the lookup failed
    /// (a temporary DNS failure); the source says which. (A lookup that
    /// took too long is a [`Timeout`](Self::Timeout).)
    HostNotFound,
    /// The connection could not be made or was refused.
    Connect,
    /// A timeout elapsed.
    Timeout,
    /// TLS negotiation or certificate verification failed (never retried:
    /// a certificate that is refused now is refused again).
    Tls,
    /// The response body was larger than the configured limit.
    BodyTooLarge,
    /// A proxy failed or could not be reached.
    Proxy,
    /// The connection broke while sending or receiving.
    Io,
    /// The response did not follow HTTP.
    Protocol,
    /// A replay transport received a request it did not expect.
    ReplayMismatch,
    /// Anything else.
    Other,
}

/// No response could be obtained from the endpoint.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    nothing_sent: bool,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl TransportError {
    /// A transport error of `kind` with a message.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            nothing_sent: false,
            source: None,
        }
    }

    /// Marks the error as one that happened before any byte of the request
    /// was sent (while looking up the name, connecting or negotiating TLS),
    /// so that retrying cannot repeat an action: the
    /// [`RetryPolicy`](crate::RetryPolicy) then retries it for every
    /// operation, a write included.
    pub fn with_nothing_sent(mut self) -> Self {
        self.nothing_sent = true;
        self
    }

    /// Whether the request certainly never left this machine: the error was
    /// marked so by the transport, or its kind is
    /// [`HostNotFound`](TransportErrorKind::HostNotFound) or
    /// [`Connect`](TransportErrorKind::Connect).
    pub fn nothing_sent(&self) -> bool {
        self.nothing_sent
            || matches!(
                self.kind,
                TransportErrorKind::HostNotFound | TransportErrorKind::Connect
            )
    }

    /// Names the URL the request went to in the message (`cannot send the
    /// request (https://…/)`): the handle adds it to every call's error.
    /// Only the scheme, host, port and path are shown.
    pub(crate) fn at_url(mut self, url: &str) -> Self {
        let shown = url.split(['?', '#']).next().unwrap_or_default();
        // No user:password@ part, should a URL ever carry one.
        let shown = match shown.split_once("://") {
            Some((scheme, rest)) => match rest.split_once('/') {
                Some((authority, path)) => format!(
                    "{scheme}://{}/{path}",
                    authority.rsplit('@').next().unwrap_or_default()
                ),
                None => format!("{scheme}://{}", rest.rsplit('@').next().unwrap_or_default()),
            },
            None => shown.to_owned(),
        };
        self.message = format!("{} ({shown})", self.message);
        self
    }

    /// Attaches the underlying error, returned by `source()`.
    pub fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The message, without the source's.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_body_and_authorization() {
        let req = HttpRequest::post("https://x/", b"{\"PASSWORD\":\"hunter2\"}".to_vec())
            .with_header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/…")
            .with_header("X-Amz-Security-Token", "session-token-value")
            .with_header("X-Amz-Target", "AWSCognitoIdentityProviderService.GetUser");
        let text = format!("{req:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(!text.contains("AKIDEXAMPLE"), "{text}");
        assert!(!text.contains("session-token-value"), "{text}");
        assert!(text.contains("GetUser"), "{text}");
        assert!(text.contains("<2 redacted>"), "{text}");
    }

    #[test]
    fn closures_are_transports() {
        let t = |req: HttpRequest| Ok(HttpResponse::new(200, req.body));
        let resp = t.send(HttpRequest::post("http://h/", b"x".to_vec()));
        assert_eq!(resp.map(|r| r.body).ok(), Some(b"x".to_vec()));
    }

    #[test]
    fn headers_are_case_insensitive() {
        let resp = HttpResponse::new(400, Vec::new()).with_header("X-Amzn-RequestId", "abc");
        assert_eq!(resp.header("x-amzn-requestid"), Some("abc"));
    }
}
