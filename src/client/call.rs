//! The one pipeline every call takes: build the request → sign it when the
//! API model says so → send it (again, as the handle's
//! [`RetryPolicy`](crate::RetryPolicy) allows) → parse the reply.
//! [`Cognito::call`] enters it with a JSON value, [`Cognito::send`] with a
//! typed request; both only serialize their input first.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::Cognito;
use crate::error::scrub::request_secrets;
use crate::error::Error;
use crate::http::retry::{retry_after, RetryPolicy};
use crate::protocol::checks;
use crate::protocol::operations;
use crate::protocol::signing::sign_request;
use crate::protocol::wire;
use crate::types::Operation;

impl Cognito {
    /// Calls any operation with a JSON input and returns the JSON reply: the
    /// escape hatch for operations this crate has no method for (creating
    /// pools in a test, a newer operation). Signed with SigV4 unless the API
    /// model marks the operation unsigned; an operation the model does not
    /// know is signed.
    ///
    /// ```
    /// use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
    /// use serde_json::json;
    ///
    /// let fake = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
    ///     assert!(req.header("authorization").is_none(), "SignUp goes unsigned");
    ///     Ok(HttpResponse::new(200, br#"{"UserConfirmed":false,"UserSub":"1234"}"#.to_vec()))
    /// };
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .client_id("client")
    ///     .transport(fake)
    ///     .build()?;
    /// let reply = cognito.call("SignUp", &json!({"ClientId": "client", "Username": "alice", "Password": "Passw0rd!"}))?;
    /// assert_eq!(reply["UserSub"], "1234");
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a malformed operation name or an input
    /// that is not a JSON object; otherwise as [`Cognito::send`].
    pub fn call(&self, operation: &str, input: &Value) -> Result<Value, Error> {
        self.call_with_body(operation, json_body(operation, input)?)
    }

    /// Sends a typed request and returns its typed reply.
    ///
    /// # Errors
    ///
    /// * [`Error::Service`] when Cognito answers with an error;
    /// * [`Error::Http`] for an error status whose body is not a Cognito
    ///   error (a proxy's HTML page, say);
    /// * [`Error::Parse`] for a reply that is not the JSON the operation
    ///   returns, [`Error::Protocol`] for one without a member the API model
    ///   marks required;
    /// * [`Error::Transport`] when no reply came;
    /// * [`Error::Credentials`] when a signed operation finds no AWS
    ///   credentials, [`Error::Signing`] when it cannot be signed;
    /// * [`Error::InvalidArgument`] when the request cannot be serialized,
    ///   or a username, password, code, pool id or client id in it is
    ///   beyond the API model's limits (checked before anything is sent).
    ///
    /// With a [`RetryPolicy`](crate::RetryPolicy) that retries, the error is
    /// the last attempt's.
    pub fn send<O: Operation>(&self, request: &O) -> Result<O::Output, Error> {
        self.call_with_body(O::NAME, typed_body(request)?)
    }

    /// The pipeline: builds, signs when needed, sends and parses one call,
    /// retrying as the handle's policy and retry quota allow, within the
    /// call's deadline, signing each attempt afresh.
    fn call_with_body<T: DeserializeOwned>(
        &self,
        operation: &str,
        body: Vec<u8>,
    ) -> Result<T, Error> {
        checks::check_request_body(operation, &body)?;
        // The body may hold a password or token: wiped when this returns.
        // The copies handed to the transport are the transport's.
        let body = zeroize::Zeroizing::new(body);
        let options = &self.config().options;
        let policy = options.retry;
        let timer = &options.timer;
        let quota = &self.config().retry_quota;
        // A timeout too long to add to "now" is no deadline.
        let deadline = options
            .call_timeout
            .and_then(|t| timer.now().checked_add(t));
        let mut attempt = 1;
        let mut last_cost = None;
        let reply = loop {
            // Bodies are small (a few KiB at most); a copy per attempt keeps this simple.
            let mut request = wire::build_request(self.endpoint_url(), operation, body.to_vec());
            if let Some(deadline) = deadline {
                request.timeout = Some(deadline.saturating_duration_since(timer.now()));
            }
            if !operations::is_unsigned(operation) {
                let credentials = self.credentials()?;
                sign_request(&mut request, &credentials, self.region(), self.now())?;
            }
            // A transport error names where the request went.
            let outcome = self
                .config()
                .transport
                .send(request)
                .map_err(|e| e.at_url(self.endpoint_url()));
            let retry = if attempt < policy.attempts() {
                RetryPolicy::classify(operation, &outcome)
            } else {
                None
            };
            let Some(kind) = retry else {
                break outcome?;
            };
            let delay = policy.delay(attempt, kind, self.jitter(), retry_after(&outcome));
            if deadline.is_some_and(|d| timer.now().checked_add(delay).is_none_or(|end| end >= d)) {
                break outcome?;
            }
            let Some(cost) = quota.acquire(kind) else {
                break outcome?;
            };
            last_cost = Some(cost);
            timer.sleep(delay);
            attempt += 1;
        };
        if (200..300).contains(&reply.status) {
            quota.release(last_cost);
        }
        // An error's excerpt or message never quotes this request's values.
        wire::parse_reply_scrubbed(operation, &reply, &|| request_secrets(&body))
    }

    /// A fraction in [0, 1) from the random source (0.5 if it fails).
    fn jitter(&self) -> f64 {
        let mut bytes = [0u8; 4];
        match self.fill_random(&mut bytes) {
            Ok(()) => f64::from(u32::from_be_bytes(bytes)) / (f64::from(u32::MAX) + 1.0),
            Err(_) => 0.5,
        }
    }
}

/// The body of a raw call: `input` as JSON, after checking that `operation`
/// is a name and `input` an object (`null` sends `{}`).
fn json_body(operation: &str, input: &Value) -> Result<Vec<u8>, Error> {
    if operation.is_empty() || !operation.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::InvalidArgument(format!(
            "{operation:?} is not an operation name"
        )));
    }
    match input {
        Value::Null => Ok(b"{}".to_vec()),
        Value::Object(_) => serde_json::to_vec(input)
            .map_err(|e| Error::InvalidArgument(format!("the input could not be serialized: {e}"))),
        _ => Err(Error::InvalidArgument(format!(
            "the input of {operation} must be a JSON object"
        ))),
    }
}

/// The body of a typed call.
fn typed_body<O: Operation>(request: &O) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(request).map_err(|e| {
        Error::InvalidArgument(format!(
            "the {} request could not be serialized: {e}",
            O::NAME
        ))
    })
}
