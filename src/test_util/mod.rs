//! Recorded exchanges with Cognito, and the transports that replay and record them.
//!
//! A fixture is a JSON file with a `source` line saying where it was recorded
//! or how it was made, and an ordered list of exchanges:
//!
//! ```json
//! {
//!   "source": "moto 5.2.5 on loopback",
//!   "exchanges": [{
//!     "operation": "GetUser",
//!     "request": {"method": "POST", "path": "/",
//!                 "headers": {"x-amz-target": "AWSCognitoIdentityProviderService.GetUser"},
//!                 "body": {"AccessToken": "<redacted>"}},
//!     "response": {"status": 200, "headers": {}, "body": {"Username": "alice", "UserAttributes": []}}
//!   }]
//! }
//! ```
//!
//! [`ReplayTransport`] checks each request against the next exchange (method,
//! path, the headers the fixture lists, and the body as JSON) and answers with
//! its response. In a recorded request the string `"<redacted>"` matches any
//! value. [`RecordingTransport`] wraps a real transport and writes fixtures,
//! redacting passwords, codes, secret hashes, tokens, sessions, client
//! secrets and AWS keys on the way. In `AuthParameters` and
//! `ChallengeResponses` every value is redacted except `USERNAME`, `SRP_A`,
//! `DEVICE_KEY`, `TIMESTAMP` and `PREFERRED_CHALLENGE`; the server's SRP_B,
//! SALT and SECRET_BLOCK in replies are public protocol values and stay.

pub(crate) mod redact;

pub use self::redact::{REDACTED, REDACTED_SIGNATURE};

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::http::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};
use crate::test_util::redact::{
    is_secret_in, redact_request_body, redact_request_value, redact_response_body,
};

/// Request headers a fixture records; others vary from run to run or are
/// secret.
const RECORDED_HEADERS: &[&str] = &["content-type", "x-amz-target"];

/// A recorded conversation with Cognito.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fixture {
    /// Where it was recorded ("moto 5.2.5 on loopback") or how it was made
    /// ("constructed from the Cognito API reference, SignUp").
    pub source: String,
    /// Free text: what the fixture exercises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Values a replay needs to rebuild the handle that recorded it (pool
    /// id, client id, username…); never secrets.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, String>,
    /// The exchanges, in order.
    pub exchanges: Vec<Exchange>,
}

/// One request and its response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    /// The Cognito operation, when the request is one (a key-set GET is not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// The request as recorded.
    pub request: RecordedRequest,
    /// The response to give back.
    pub response: RecordedResponse,
}

/// A request in a fixture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedRequest {
    /// The method.
    pub method: String,
    /// Path and query of the URL (the host varies between runs).
    pub path: String,
    /// The headers that must match, lowercase names.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The body: a JSON value, or a string for a non-JSON body, or null for none.
    #[serde(default)]
    pub body: Value,
}

/// A response in a fixture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedResponse {
    /// The status code.
    pub status: u16,
    /// Headers to return.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The body: a JSON value is sent serialized, a string is sent as is
    /// (an HTML error page, a truncated reply), null as an empty body.
    #[serde(default)]
    pub body: Value,
}

/// A fixture file could not be read, parsed or written.
///
/// The message names the file or the step; an I/O or JSON error comes
/// through `source()`.
#[derive(Debug)]
pub struct FixtureError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl FixtureError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    fn caused(
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }
}

impl fmt::Display for FixtureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FixtureError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl Fixture {
    /// Reads a fixture from a JSON file.
    ///
    /// # Errors
    ///
    /// A [`FixtureError`] naming the file when it cannot be read or parsed,
    /// or has an empty `source`.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, FixtureError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| {
            FixtureError::caused(format!("cannot read fixture {}", path.display()), e)
        })?;
        Self::from_json(&text)
            .map_err(|e| FixtureError::caused(format!("cannot load fixture {}", path.display()), e))
    }

    /// Parses a fixture from JSON text.
    ///
    /// # Errors
    ///
    /// A [`FixtureError`] when the text is not a fixture or has no `source`.
    pub fn from_json(text: &str) -> Result<Self, FixtureError> {
        let fixture: Fixture =
            serde_json::from_str(text).map_err(|e| FixtureError::caused("not a fixture", e))?;
        if fixture.source.trim().is_empty() {
            return Err(FixtureError::new(
                "a fixture must say where it came from in `source`",
            ));
        }
        Ok(fixture)
    }

    /// Writes the fixture as pretty JSON.
    ///
    /// # Errors
    ///
    /// A [`FixtureError`] when the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), FixtureError> {
        let path = path.as_ref();
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|e| FixtureError::caused("cannot serialize fixture", e))?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| {
            FixtureError::caused(format!("cannot write fixture {}", path.display()), e)
        })
    }
}

/// Replays a [`Fixture`]: checks each request against the next exchange and
/// returns its response. Clones share the position, so keep one to call
/// [`finish`](Self::finish) after handing another to a handle.
///
/// ```
/// use cognito::Cognito;
/// use cognito::test_util::{Fixture, ReplayTransport};
///
/// let fixture = Fixture::from_json(r#"{
///   "source": "constructed from the Cognito API reference, GlobalSignOut",
///   "exchanges": [{"operation": "GlobalSignOut",
///     "request": {"method": "POST", "path": "/",
///                 "headers": {"x-amz-target": "AWSCognitoIdentityProviderService.GlobalSignOut"},
///                 "body": {"AccessToken": "<redacted>"}},
///     "response": {"status": 200, "body": {}}}]
/// }"#)?;
/// let replay = ReplayTransport::new(fixture);
/// let cognito = Cognito::builder()
///     .user_pool_id("us-east-1_AbC123xyz")
///     .transport(replay.clone())
///     .build()?;
/// cognito.call("GlobalSignOut", &serde_json::json!({"AccessToken": "any token"}))?;
/// replay.finish().unwrap();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ReplayTransport {
    inner: Arc<ReplayState>,
}

struct ReplayState {
    name: String,
    exchanges: Vec<Exchange>,
    next: Mutex<usize>,
}

impl fmt::Debug for ReplayTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReplayTransport")
            .field("fixture", &self.inner.name)
            .field("exchanges", &self.inner.exchanges.len())
            .field("next", &*self.position())
            .finish()
    }
}

impl ReplayTransport {
    /// Replays `fixture`.
    pub fn new(fixture: Fixture) -> Self {
        Self::named("fixture", fixture)
    }

    /// Replays the fixture file at `path`; mismatch reports name the file.
    ///
    /// # Errors
    ///
    /// A [`FixtureError`] when the file cannot be read or parsed.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, FixtureError> {
        let path = path.as_ref();
        Ok(Self::named(
            &path.display().to_string(),
            Fixture::from_file(path)?,
        ))
    }

    fn named(name: &str, fixture: Fixture) -> Self {
        Self {
            inner: Arc::new(ReplayState {
                name: name.to_owned(),
                exchanges: fixture.exchanges,
                next: Mutex::new(0),
            }),
        }
    }

    fn position(&self) -> std::sync::MutexGuard<'_, usize> {
        self.inner
            .next
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many exchanges have not been used yet.
    pub fn remaining(&self) -> usize {
        self.inner.exchanges.len().saturating_sub(*self.position())
    }

    /// Checks that every exchange was used.
    ///
    /// # Errors
    ///
    /// A message naming the first exchange that was never requested.
    pub fn finish(&self) -> Result<(), String> {
        let next = *self.position();
        match self.inner.exchanges.get(next) {
            None => Ok(()),
            Some(exchange) => Err(format!(
                "{}: exchange {} of {} ({}) was never requested",
                self.inner.name,
                next + 1,
                self.inner.exchanges.len(),
                exchange
                    .operation
                    .as_deref()
                    .unwrap_or(&exchange.request.path)
            )),
        }
    }
}

impl Transport for ReplayTransport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut next = self.position();
        let index = *next;
        let mismatch = |what: String| {
            TransportError::new(
                TransportErrorKind::ReplayMismatch,
                format!(
                    "{}: exchange {} of {}: {what}",
                    self.inner.name,
                    index + 1,
                    self.inner.exchanges.len()
                ),
            )
        };
        let exchange = self.inner.exchanges.get(index).ok_or_else(|| {
            mismatch(format!(
                "unexpected extra request {} {} ({})",
                request.method,
                path_of(&request.url),
                request.header("x-amz-target").unwrap_or("no target")
            ))
        })?;
        check_request(&exchange.request, &request).map_err(mismatch)?;
        *next += 1;
        Ok(to_response(&exchange.response))
    }
}

/// Compares a live request with a recorded one; the error says what differs.
fn check_request(recorded: &RecordedRequest, actual: &HttpRequest) -> Result<(), String> {
    if !recorded.method.eq_ignore_ascii_case(&actual.method) {
        return Err(format!(
            "method: expected {}, got {}",
            recorded.method, actual.method
        ));
    }
    let path = path_of(&actual.url);
    if recorded.path != path {
        return Err(format!("path: expected {}, got {path}", recorded.path));
    }
    for (name, want) in &recorded.headers {
        match actual.header(name) {
            Some(_) if want == REDACTED => {}
            Some(got) if got == want => {}
            Some(got) => {
                return Err(format!("header {name}: expected {want:?}, got {got:?}"));
            }
            None => return Err(format!("header {name}: expected {want:?}, got none")),
        }
    }
    let body = body_value(&actual.body);
    match_value("body", &recorded.body, &body, false)
}

/// Structural JSON comparison where a recorded `"<redacted>"` matches anything.
/// Values under a secret key are never printed in the report.
fn match_value(at: &str, want: &Value, got: &Value, secret: bool) -> Result<(), String> {
    match (want, got) {
        (Value::String(w), _) if w == REDACTED => Ok(()),
        (Value::Object(w), Value::Object(g)) => {
            for (key, wv) in w {
                let here = format!("{at}.{key}");
                let parent = at.rsplit('.').next().unwrap_or(at);
                match g.get(key) {
                    Some(gv) => match_value(&here, wv, gv, secret || is_secret_in(parent, key))?,
                    None => return Err(format!("{here}: missing from the request")),
                }
            }
            match g.keys().find(|k| !w.contains_key(*k)) {
                Some(extra) => Err(format!("{at}.{extra}: not in the recorded request")),
                None => Ok(()),
            }
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .try_for_each(|(i, (wv, gv))| match_value(&format!("{at}[{i}]"), wv, gv, secret)),
        _ if want == got => Ok(()),
        _ if secret => Err(format!(
            "{at}: differs from the recorded value (a secret, not shown)"
        )),
        _ => Err(format!(
            "{at}: expected {}, got {}",
            short(want),
            short(&redact_request_value(
                at.rsplit('.').next().unwrap_or(at),
                got.clone()
            ))
        )),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(120) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// The path and query of a URL (`/` when there is none).
fn path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_owned(),
        None => "/".to_owned(),
    }
}

fn body_value(body: &[u8]) -> Value {
    if body.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
}

fn to_response(recorded: &RecordedResponse) -> HttpResponse {
    let body = match &recorded.body {
        Value::Null => Vec::new(),
        Value::String(text) => text.as_bytes().to_vec(),
        other => other.to_string().into_bytes(),
    };
    HttpResponse {
        status: recorded.status,
        headers: recorded
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        body,
    }
}

/// Wraps a transport and records every exchange, redacted, for a fixture.
///
/// ```no_run
/// use cognito::{Cognito, UreqTransport};
/// use cognito::test_util::RecordingTransport;
///
/// let recorder = RecordingTransport::new(UreqTransport::new());
/// let cognito = Cognito::builder()
///     .user_pool_id("us-east-1_AbC123xyz")
///     .endpoint("http://127.0.0.1:5000")
///     .transport(recorder.clone())
///     .build()?;
/// cognito.call("ListUsers", &serde_json::json!({"UserPoolId": "us-east-1_AbC123xyz"}))?;
/// recorder.fixture("moto 5.2.5 on loopback").save("fixtures/list_users.json")?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct RecordingTransport {
    inner: Arc<dyn Transport>,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
}

impl fmt::Debug for RecordingTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordingTransport")
            .field("exchanges", &self.recorded().len())
            .finish_non_exhaustive()
    }
}

impl RecordingTransport {
    /// Records what passes through `inner`.
    pub fn new(inner: impl Transport + 'static) -> Self {
        Self {
            inner: Arc::new(inner),
            exchanges: Arc::new(Mutex::new(Vec::new())),
        }
    }

    fn recorded(&self) -> std::sync::MutexGuard<'_, Vec<Exchange>> {
        self.exchanges
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The exchanges so far as a fixture with the given `source`.
    pub fn fixture(&self, source: &str) -> Fixture {
        Fixture {
            source: source.to_owned(),
            description: None,
            context: BTreeMap::new(),
            exchanges: self.recorded().clone(),
        }
    }
}

impl Transport for RecordingTransport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let recorded_request = RecordedRequest {
            method: request.method.clone(),
            path: path_of(&request.url),
            headers: request
                .headers
                .iter()
                .filter(|(name, _)| {
                    RECORDED_HEADERS
                        .iter()
                        .any(|h| h.eq_ignore_ascii_case(name))
                })
                .map(|(name, value)| (name.to_ascii_lowercase(), value.clone()))
                .collect(),
            body: redact_request_body(body_value(&request.body)),
        };
        let operation = request
            .header("x-amz-target")
            .and_then(|t| t.rsplit('.').next())
            .map(str::to_owned);
        let response = self.inner.send(request)?;
        let recorded_response = RecordedResponse {
            status: response.status,
            headers: response
                .headers
                .iter()
                .filter(|(name, _)| {
                    ["content-type", "x-amzn-requestid", "x-amzn-errortype"]
                        .iter()
                        .any(|h| h.eq_ignore_ascii_case(name))
                })
                .map(|(name, value)| (name.to_ascii_lowercase(), value.clone()))
                .collect(),
            body: redact_response_body(body_value(&response.body)),
        };
        self.recorded().push(Exchange {
            operation,
            request: recorded_request,
            response: recorded_response,
        });
        Ok(response)
    }
}

#[cfg(test)]
mod tests;
