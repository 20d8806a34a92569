//! Retrying throttled and failed calls, opt-in.
//!
//! Off by default: the emulators answer unimplemented operations with HTTP
//! 500, and a retried sign-in step can consume a session. With
//! [`RetryPolicy::standard`] a call is retried, with exponential backoff and
//! full jitter, when:
//!
//! | reply | retried for |
//! |---|---|
//! | HTTP 429, or `TooManyRequestsException` (Cognito refused before doing anything) | every operation |
//! | the connection could not be made (nothing was sent) | every operation |
//! | HTTP 5xx, `InternalErrorException`/`InternalServerException`, a timeout or a broken connection | read-only operations only (`Get…`, `List…`, `Describe…`, `AdminGet…`, `AdminList…`) |
//!
//! `LimitExceededException` is never retried: Cognito also uses it for
//! per-user attempt limits, where retrying only extends the lockout; nor are
//! `CodeMismatchException`, `NotAuthorizedException` or any other refusal.

use std::time::Duration;

use crate::error::code::ErrorCode;
use crate::http::{HttpResponse, TransportError, TransportErrorKind};

/// When and how often a call is retried. Defaults to [`RetryPolicy::none`].
///
/// ```
/// use std::time::Duration;
/// use cognito::RetryPolicy;
///
/// let policy = RetryPolicy::standard().max_attempts(5).base_delay(Duration::from_millis(50));
/// assert_eq!(policy.attempts(), 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::none()
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub const fn none() -> Self {
        Self {
            max_attempts: 1,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
        }
    }

    /// Three attempts, backoff from 100 ms up to 5 s (botocore's standard mode).
    pub const fn standard() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
        }
    }

    /// Attempts in all, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first backoff ceiling; it doubles with each retry.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The largest backoff ceiling.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Attempts in all.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff before retry number `retry` (1 for the first retry), with
    /// full jitter: a fraction `jitter` (0.0–1.0) of the capped exponential.
    pub(crate) fn delay(&self, retry: u32, jitter: f64) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
        exp.min(self.max_delay).mul_f64(jitter.clamp(0.0, 1.0))
    }

    /// Whether `outcome` of `operation` is worth another attempt.
    pub(crate) fn should_retry(
        operation: &str,
        outcome: &Result<HttpResponse, TransportError>,
    ) -> bool {
        let read_only = is_read_only(operation);
        match outcome {
            Err(e) => match e.kind() {
                TransportErrorKind::Connect | TransportErrorKind::HostNotFound => true,
                TransportErrorKind::Timeout | TransportErrorKind::Io => read_only,
                _ => false,
            },
            Ok(reply) if reply.status == 429 => true,
            Ok(reply) if reply.status < 400 => false,
            Ok(reply) => {
                match crate::protocol::wire::parse_error(operation, reply).service_code() {
                    Some(ErrorCode::TooManyRequestsException) => true,
                    Some(
                        ErrorCode::InternalErrorException | ErrorCode::InternalServerException,
                    ) => read_only,
                    Some(_) => false,
                    None => reply.status >= 500 && read_only,
                }
            }
        }
    }
}

fn is_read_only(operation: &str) -> bool {
    ["Get", "List", "Describe", "AdminGet", "AdminList"]
        .iter()
        .any(|prefix| operation.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
        Ok(HttpResponse::new(status, body.as_bytes().to_vec()))
    }

    #[test]
    fn what_is_retried() {
        let throttled = reply(400, r#"{"__type":"TooManyRequestsException"}"#);
        assert!(RetryPolicy::should_retry("SignUp", &throttled));
        assert!(RetryPolicy::should_retry(
            "RespondToAuthChallenge",
            &reply(429, "")
        ));
        let fault = reply(500, r#"{"__type":"InternalErrorException"}"#);
        assert!(RetryPolicy::should_retry("GetUser", &fault));
        assert!(
            !RetryPolicy::should_retry("SignUp", &fault),
            "a write may have happened"
        );
        assert!(RetryPolicy::should_retry(
            "ListUsers",
            &reply(503, "<html>")
        ));
        assert!(!RetryPolicy::should_retry(
            "AdminCreateUser",
            &reply(503, "<html>")
        ));
        for no in [
            r#"{"__type":"LimitExceededException"}"#,
            r#"{"__type":"NotAuthorizedException"}"#,
            r#"{"__type":"CodeMismatchException"}"#,
        ] {
            assert!(
                !RetryPolicy::should_retry("GetUser", &reply(400, no)),
                "{no}"
            );
        }
        assert!(!RetryPolicy::should_retry("GetUser", &reply(200, "{}")));
        let refused = Err(TransportError::new(TransportErrorKind::Connect, "refused"));
        assert!(
            RetryPolicy::should_retry("SignUp", &refused),
            "nothing was sent"
        );
        let timeout = Err(TransportError::new(TransportErrorKind::Timeout, "slow"));
        assert!(RetryPolicy::should_retry("ListGroups", &timeout));
        assert!(!RetryPolicy::should_retry("InitiateAuth", &timeout));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy::standard()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(350));
        assert_eq!(p.delay(1, 1.0), Duration::from_millis(100));
        assert_eq!(p.delay(2, 1.0), Duration::from_millis(200));
        assert_eq!(p.delay(3, 1.0), Duration::from_millis(350));
        assert_eq!(p.delay(40, 1.0), Duration::from_millis(350));
        assert_eq!(p.delay(2, 0.5), Duration::from_millis(100));
        assert_eq!(RetryPolicy::none().max_attempts(0).attempts(), 1);
    }
}
