//! Retrying throttled and failed calls as the AWS SDKs' *standard* retry
//! mode does, on by default: the [`RetryPolicy`] (what is retried, and why
//! that is safe per operation family, is in its docs) and the retry quota.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::http::{HttpResponse, TransportError, TransportErrorKind};

/// botocore's throttling codes (`ThrottledRetryableChecker`), without
/// `LimitExceededException` (see [`RetryPolicy`]).
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// botocore's transient codes and statuses (`TransientRetryableChecker`).
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// The quota's capacity (`RetryQuota.INITIAL_CAPACITY`).
pub(crate) const QUOTA_CAPACITY: u32 = 500;
/// What a retry after throttling takes from the quota.
const THROTTLING_RETRY_COST: u32 = 5;
/// What any other retry takes from the quota.
const RETRY_COST: u32 = 14;
/// What a call that succeeded without a retry gives back.
const NO_RETRY_INCREMENT: u32 = 1;
/// The most an `x-amz-retry-after` header adds to the jittered backoff.
const RETRY_AFTER_MAX_ADDITIONAL: Duration = Duration::from_secs(5);

/// When and how often a call is retried. Defaults to
/// [`RetryPolicy::standard`].
///
/// The AWS SDKs' *standard* retry mode, taken from botocore's
/// `retries/standard.py` (`StandardRetryConditions`, `ExponentialBackoff`,
/// `RetryQuotaChecker`) and `retries/quota.py` (`RetryQuota`) as of botocore
/// 1.43.67, in their 2026 form (the behaviour botocore switches on with
/// `AWS_NEW_RETRIES_2026`: separate throttling and transient backoff scales
/// and quota costs; without it botocore still backs off from 1 s for every
/// error and charges 5 a retry, 10 after a timeout):
///
/// * **3 attempts** in all (`DEFAULT_MAX_ATTEMPTS`).
/// * **Backoff** with full jitter: `rand(0, 1) × min(base × 2^(attempt − 1), 20 s)`,
///   where `base` is **1 s after throttling** and **50 ms after a transient
///   error** (`throttling_base_scale`, `non_throttling_base_scale`,
///   `_MAX_BACKOFF`). An `x-amz-retry-after` header (milliseconds) raises the
///   wait to at most 5 s beyond the jittered value.
/// * **A retry quota** (token bucket) of **500**, shared by the handle and its
///   clones: a retry after throttling costs **5**, any other retry **14**
///   (`_THROTTLING_RETRY_COST`, `_RETRY_COST_V2`); when the quota cannot pay,
///   the error comes back at once. A call that succeeds (2xx) without a retry
///   gives **1** back (`_NO_RETRY_INCREMENT`), one that succeeds after retries
///   gives back what its last retry cost; never above the initial 500.
///   A throttling storm therefore stops: 800 throttled calls make about 900
///   requests, not 2,400.
///
/// What is retried:
///
/// | outcome | retried for |
/// |---|---|
/// | throttling: HTTP 429, or a throttling code (`Throttling`, `ThrottlingException`, `ThrottledException`, `RequestThrottledException`, `TooManyRequestsException`, `ProvisionedThroughputExceededException`, `TransactionInProgressException`, `RequestLimitExceeded`, `BandwidthLimitExceeded`, `RequestThrottled`, `SlowDown`, `PriorRequestNotComplete`, `EC2ThrottledException`) | every operation |
/// | HTTP 500, 502, 503, 504, or the transient codes `RequestTimeout`, `RequestTimeoutException` | every operation |
/// | nothing was sent: the name did not resolve (or its lookup timed out), the connection could not be made or broke off during the TLS handshake (see [`TransportError::nothing_sent`]) | every operation |
/// | a timeout or a broken connection after the request was sent, a reply that is not HTTP | read-only operations only (`Get…`, `List…`, `Describe…`, `AdminGet…`, `AdminList…`, except `GetTokensFromRefreshToken` and `GetUserAttributeVerificationCode`) |
///
/// Never retried: `LimitExceededException`, which botocore counts as
/// throttling but Cognito also uses for per-user attempt limits (retrying
/// only extends the lockout); code mismatches, refusals and every other
/// 4xx error; certificate and other TLS failures
/// ([`TransportErrorKind::Tls`]); a body over the size limit. Retries stop at
/// the per-call deadline
/// ([`CognitoBuilder::call_timeout`](crate::CognitoBuilder::call_timeout)):
/// no backoff is slept that would end past it.
///
/// Besides these, the default [`UreqTransport`](crate::UreqTransport) re-sends a request
/// once, on a fresh connection, when it went out on a reused keep-alive
/// connection that broke before any byte of the reply came (the server had
/// dropped the idle connection), for every operation; a timeout is not such
/// a break.
///
/// # Why retrying is safe, operation by operation
///
/// A transient error (5xx, a broken reused connection) can come after Cognito
/// acted on the request, so a retry may meet the effect of the first
/// attempt. What that does, by family:
///
/// * **Reads** (`Get…`, `List…`, `Describe…`): no effect to repeat.
/// * **Sign-in** (`InitiateAuth`, `AdminInitiateAuth`): each attempt starts
///   a new sign-in; one that reached Cognito is abandoned (its session
///   expires). With `USER_PASSWORD_AUTH` and a wrong password, an attempt
///   that reached Cognito counts towards the user's failed-attempt limit.
/// * **Challenge answers** (`RespondToAuthChallenge`,
///   `AdminRespondToAuthChallenge`): a session is used once. If the first
///   attempt was processed, the retry is refused (`NotAuthorizedException`,
///   invalid session, or `CodeMismatchException` for a spent MFA code): no
///   double effect, but the sign-in must start again.
/// * **Token refresh** (`REFRESH_TOKEN_AUTH`): issues new access and id
///   tokens, the refresh token stays valid, so a repeat is harmless.
///   `GetTokensFromRefreshToken` with rotation invalidates the old refresh
///   token unless the app client's `RetryGracePeriodSeconds` (up to 60 s)
///   allows its reuse; with a grace period of 0 a retry after a processed
///   first attempt is refused (`RefreshTokenReuseException`/`NotAuthorizedException`).
/// * **Sign-up** (`SignUp`, `AdminCreateUser`): if the first attempt created
///   the user, the retry answers **`UsernameExistsException`**, and that is
///   the error the call returns (the crate does not hide or rewrite it),
///   although the user that exists is the one this call created
///   (unconfirmed, with the password given; for `SignUp` the confirmation
///   message went out once, from the first attempt). The crate cannot tell
///   this apart from a name taken by someone else, and neither can the
///   caller from the error alone. A caller that must know can sign in with
///   the password it just sent: a user it created answers
///   `UserNotConfirmedException` (or signs in, if the pool confirms users
///   automatically), someone else's `NotAuthorizedException`; the
///   confirmation code is in the mailbox the sign-up gave.
///   `AdminCreateUser` behaves alike (its invitation went out once).
/// * **Confirmations** (`ConfirmSignUp`, `ConfirmForgotPassword`,
///   `VerifyUserAttribute`, `VerifySoftwareToken`, `ChangePassword`): a
///   repeat after success is refused (the code is spent, the old password no
///   longer matches), leaving the state the first attempt made.
/// * **Code senders** (`ForgotPassword`, `ResendConfirmationCode`,
///   `AdminResetUserPassword`): a repeat may send a second message; the last
///   code sent is the one that works.
/// * **Updates and deletes** (`Update…`, `Set…`, `Admin…`, `Delete…`,
///   `GlobalSignOut`, `RevokeToken`): setting the same values twice leaves the
///   same state; a repeated delete answers that the thing does not exist.
///
/// ```
/// use std::time::Duration;
/// use cognito::RetryPolicy;
///
/// let policy = RetryPolicy::standard().max_attempts(5).max_delay(Duration::from_secs(2));
/// assert_eq!(policy.attempts(), 5);
/// assert_eq!(RetryPolicy::default(), RetryPolicy::standard());
/// assert_eq!(RetryPolicy::none().attempts(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    throttling_base: Duration,
    transient_base: Duration,
    max_delay: Duration,
    quota: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryPolicy {
    /// One attempt, no retries.
    pub const fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::standard()
        }
    }

    /// botocore's standard mode: 3 attempts; backoff with full jitter from
    /// 1 s after throttling and from 50 ms after other transient errors,
    /// doubling, capped at 20 s; a retry quota of 500 shared by the handle's
    /// clones.
    pub const fn standard() -> Self {
        Self {
            max_attempts: 3,
            throttling_base: Duration::from_secs(1),
            transient_base: Duration::from_millis(50),
            max_delay: Duration::from_secs(20),
            quota: QUOTA_CAPACITY,
        }
    }

    /// Attempts in all, the first included (at least 1). Defaults to 3.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets both backoff bases (after throttling and after other errors) to
    /// `delay`: a test's way to make retries fast.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.throttling_base = delay;
        self.transient_base = delay;
        self
    }

    /// The first backoff ceiling after throttling; it doubles with each
    /// retry. Defaults to 1 s.
    pub fn throttling_base_delay(mut self, delay: Duration) -> Self {
        self.throttling_base = delay;
        self
    }

    /// The first backoff ceiling after a transient error (5xx, a connection
    /// failure, a timeout); it doubles with each retry. Defaults to 50 ms.
    pub fn transient_base_delay(mut self, delay: Duration) -> Self {
        self.transient_base = delay;
        self
    }

    /// The largest backoff ceiling. Defaults to 20 s.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The retry quota's capacity, shared by a handle and its clones.
    /// Defaults to 500 (a throttling retry costs 5, another retry 14).
    pub fn quota(mut self, capacity: u32) -> Self {
        self.quota = capacity;
        self
    }

    /// Attempts in all.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The retry quota's capacity.
    pub fn quota_capacity(&self) -> u32 {
        self.quota
    }

    /// The backoff before retry number `retry` (1 for the first retry) after
    /// an error of `kind`: a fraction `jitter` (0.0–1.0) of the capped
    /// exponential, raised towards `retry_after` by at most 5 s.
    pub(crate) fn delay(
        &self,
        retry: u32,
        kind: RetryKind,
        jitter: f64,
        retry_after: Option<Duration>,
    ) -> Duration {
        let base = match kind {
            RetryKind::Throttling => self.throttling_base,
            RetryKind::Transient => self.transient_base,
        };
        let exp = base.saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
        let capped = exp.min(self.max_delay);
        // Through f64 without a panic: rounding can overshoot `Duration::MAX`.
        let jittered = Duration::try_from_secs_f64(capped.as_secs_f64() * jitter.clamp(0.0, 1.0))
            .unwrap_or(capped)
            .min(capped);
        match retry_after {
            Some(after) => {
                jittered.max(after.min(jittered.saturating_add(RETRY_AFTER_MAX_ADDITIONAL)))
            }
            None => jittered,
        }
    }

    /// Whether `outcome` of `operation` is worth another attempt, and as
    /// what kind of error.
    pub(crate) fn classify(
        operation: &str,
        outcome: &Result<HttpResponse, TransportError>,
    ) -> Option<RetryKind> {
        match outcome {
            Err(e) => match e.kind() {
                TransportErrorKind::Tls
                | TransportErrorKind::BodyTooLarge
                | TransportErrorKind::InvalidUrl
                | TransportErrorKind::ReplayMismatch => None,
                _ if e.nothing_sent() => Some(RetryKind::Transient),
                TransportErrorKind::Timeout
                | TransportErrorKind::Io
                | TransportErrorKind::Protocol
                    if is_read_only(operation) =>
                {
                    Some(RetryKind::Transient)
                }
                _ => None,
            },
            Ok(reply) if (200..300).contains(&reply.status) => None,
            Ok(reply) => {
                let code = crate::protocol::wire::parse_error(operation, reply)
                    .service_code()
                    .map(|c| c.as_str().to_owned());
                let code = code.as_deref();
                if reply.status == 429 || code.is_some_and(is_throttling_code) {
                    Some(RetryKind::Throttling)
                } else if code == Some("LimitExceededException") {
                    None
                } else if TRANSIENT_STATUSES.contains(&reply.status)
                    || code.is_some_and(|c| TRANSIENT_CODES.contains(&c))
                {
                    Some(RetryKind::Transient)
                } else {
                    None
                }
            }
        }
    }
}

/// Whether `code` is one of botocore's throttling codes (without
/// `LimitExceededException`).
pub(crate) fn is_throttling_code(code: &str) -> bool {
    THROTTLING_CODES.contains(&code)
}

/// The value of an `x-amz-retry-after` header, in milliseconds.
pub(crate) fn retry_after(outcome: &Result<HttpResponse, TransportError>) -> Option<Duration> {
    let reply = outcome.as_ref().ok()?;
    let millis: u64 = reply.header("x-amz-retry-after")?.trim().parse().ok()?;
    Some(Duration::from_millis(millis))
}

/// What kind of retryable error an outcome was: it picks the backoff base
/// and the quota cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryKind {
    /// Throttled: HTTP 429 or a throttling code.
    Throttling,
    /// Anything else worth retrying.
    Transient,
}

/// Operations without side effects: retried after any transient failure.
fn is_read_only(operation: &str) -> bool {
    // They start with `Get` but act: rotation spends the refresh token, the
    // other sends a message.
    const ACTING: &[&str] = &[
        "GetTokensFromRefreshToken",
        "GetUserAttributeVerificationCode",
    ];
    !ACTING.contains(&operation)
        && ["Get", "List", "Describe", "AdminGet", "AdminList"]
            .iter()
            .any(|prefix| operation.starts_with(prefix))
}

/// The retry quota: a token bucket shared by a handle and its clones
/// (botocore's `RetryQuota`).
#[derive(Debug)]
pub(crate) struct RetryQuota {
    capacity: u32,
    available: Mutex<u32>,
}

impl RetryQuota {
    /// A full quota of `capacity`.
    pub(crate) fn new(capacity: u32) -> Self {
        Self {
            capacity,
            available: Mutex::new(capacity),
        }
    }

    /// Takes the cost of a retry after an error of `kind`; `None` when the
    /// quota cannot pay it (no retry then).
    pub(crate) fn acquire(&self, kind: RetryKind) -> Option<u32> {
        let cost = match kind {
            RetryKind::Throttling => THROTTLING_RETRY_COST,
            RetryKind::Transient => RETRY_COST,
        };
        let mut available = self
            .available
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if cost > *available {
            return None;
        }
        *available -= cost;
        Some(cost)
    }

    /// Gives back what a successful call earns: `last_cost` (what its last
    /// retry took) or, without a retry, 1; never above the capacity.
    pub(crate) fn release(&self, last_cost: Option<u32>) {
        let amount = last_cost.unwrap_or(NO_RETRY_INCREMENT);
        let mut available = self
            .available
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *available = available.saturating_add(amount).min(self.capacity);
    }

    /// What is left.
    #[cfg(test)]
    pub(crate) fn available(&self) -> u32 {
        *self
            .available
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests;
