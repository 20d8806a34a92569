use super::*;

fn reply(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse::new(status, body.as_bytes().to_vec()))
}

fn code(code: &str) -> Result<HttpResponse, TransportError> {
    reply(400, &format!(r#"{{"__type":"{code}","message":"m"}}"#))
}

fn retried(operation: &str, outcome: &Result<HttpResponse, TransportError>) -> Option<RetryKind> {
    RetryPolicy::classify(operation, outcome)
}

#[test]
fn throttling_is_botocores_code_list_and_429() {
    // Defect: only TooManyRequestsException and 429 were recognised.
    for c in [
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
    ] {
        assert_eq!(
            retried("SignUp", &code(c)),
            Some(RetryKind::Throttling),
            "{c}"
        );
    }
    assert_eq!(
        retried("RespondToAuthChallenge", &reply(429, "")),
        Some(RetryKind::Throttling)
    );
    // Cognito's per-user attempt limit: retrying extends the lockout.
    assert_eq!(
        retried("ConfirmSignUp", &code("LimitExceededException")),
        None
    );
}

#[test]
fn server_faults_are_retried_for_every_operation() {
    // Defect: 5xx was retried for reads only.
    let fault = reply(500, r#"{"__type":"InternalErrorException"}"#);
    for op in ["GetUser", "SignUp", "InitiateAuth", "AdminCreateUser"] {
        assert_eq!(retried(op, &fault), Some(RetryKind::Transient), "{op}");
    }
    for status in [500, 502, 503, 504] {
        assert_eq!(
            retried("AdminCreateUser", &reply(status, "<html>")),
            Some(RetryKind::Transient),
            "{status}"
        );
    }
    assert_eq!(retried("SignUp", &reply(501, "<html>")), None);
    assert_eq!(
        retried("SignUp", &code("RequestTimeoutException")),
        Some(RetryKind::Transient)
    );
}

#[test]
fn refusals_are_never_retried() {
    for c in [
        "NotAuthorizedException",
        "CodeMismatchException",
        "ExpiredCodeException",
        "UsernameExistsException",
        "InvalidParameterException",
        "TooManyFailedAttemptsException",
    ] {
        assert_eq!(retried("GetUser", &code(c)), None, "{c}");
    }
    assert_eq!(retried("GetUser", &reply(200, "{}")), None);
    assert_eq!(retried("GetUser", &reply(404, "<html>")), None);
}

#[test]
fn transport_errors_by_what_was_sent() {
    let err = |kind| Err(TransportError::new(kind, "x"));
    // Nothing sent: safe for a write.
    for kind in [
        TransportErrorKind::Connect,
        TransportErrorKind::HostNotFound,
    ] {
        assert_eq!(
            retried("SignUp", &err(kind)),
            Some(RetryKind::Transient),
            "{kind:?}"
        );
    }
    let unsent_timeout =
        Err(TransportError::new(TransportErrorKind::Timeout, "dns").with_nothing_sent());
    assert_eq!(
        retried("InitiateAuth", &unsent_timeout),
        Some(RetryKind::Transient)
    );
    // Sent, then lost: reads only.
    for kind in [
        TransportErrorKind::Timeout,
        TransportErrorKind::Io,
        TransportErrorKind::Protocol,
    ] {
        assert_eq!(
            retried("ListGroups", &err(kind)),
            Some(RetryKind::Transient),
            "{kind:?}"
        );
        assert_eq!(retried("InitiateAuth", &err(kind)), None, "{kind:?}");
    }
    // Reads by name, but they act.
    assert_eq!(
        retried(
            "GetTokensFromRefreshToken",
            &err(TransportErrorKind::Timeout)
        ),
        None
    );
    assert_eq!(
        retried(
            "GetUserAttributeVerificationCode",
            &err(TransportErrorKind::Timeout)
        ),
        None
    );
    // Never: certificates, size limit, bad URL, even before sending.
    for kind in [
        TransportErrorKind::Tls,
        TransportErrorKind::BodyTooLarge,
        TransportErrorKind::InvalidUrl,
    ] {
        let e = Err(TransportError::new(kind, "x").with_nothing_sent());
        assert_eq!(retried("GetUser", &e), None, "{kind:?}");
    }
}

#[test]
fn backoff_is_botocores() {
    // Defect: the ceilings were 100/200 ms and one base for everything.
    let p = RetryPolicy::standard();
    assert_eq!(
        p.delay(1, RetryKind::Throttling, 1.0, None),
        Duration::from_secs(1)
    );
    assert_eq!(
        p.delay(2, RetryKind::Throttling, 1.0, None),
        Duration::from_secs(2)
    );
    assert_eq!(
        p.delay(6, RetryKind::Throttling, 1.0, None),
        Duration::from_secs(20)
    );
    assert_eq!(
        p.delay(40, RetryKind::Throttling, 1.0, None),
        Duration::from_secs(20)
    );
    assert_eq!(
        p.delay(1, RetryKind::Transient, 1.0, None),
        Duration::from_millis(50)
    );
    assert_eq!(
        p.delay(2, RetryKind::Transient, 1.0, None),
        Duration::from_millis(100)
    );
    assert_eq!(
        p.delay(10, RetryKind::Transient, 1.0, None),
        Duration::from_secs(20)
    );
    assert_eq!(
        p.delay(2, RetryKind::Throttling, 0.25, None),
        Duration::from_millis(500)
    );
    assert_eq!(p.delay(1, RetryKind::Transient, 0.0, None), Duration::ZERO);
    // x-amz-retry-after: at least the jittered value, at most 5 s beyond it.
    let after = |ms| Some(Duration::from_millis(ms));
    assert_eq!(
        p.delay(1, RetryKind::Transient, 1.0, after(300)),
        Duration::from_millis(300)
    );
    assert_eq!(
        p.delay(1, RetryKind::Transient, 1.0, after(60_000)),
        Duration::from_millis(5050)
    );
    assert_eq!(
        p.delay(1, RetryKind::Throttling, 1.0, after(10)),
        Duration::from_secs(1)
    );
    assert_eq!(RetryPolicy::none().max_attempts(0).attempts(), 1);
    let huge = RetryPolicy::standard()
        .base_delay(Duration::MAX)
        .max_delay(Duration::MAX);
    assert_eq!(
        huge.delay(64, RetryKind::Transient, 1.0, None),
        Duration::MAX
    );
    assert_eq!(RetryPolicy::default(), RetryPolicy::standard());
    assert_eq!(RetryPolicy::standard().attempts(), 3);
}

#[test]
fn retry_after_header_is_read() {
    let r = Ok(HttpResponse::new(503, Vec::new()).with_header("X-Amz-Retry-After", "1500"));
    assert_eq!(retry_after(&r), Some(Duration::from_millis(1500)));
    let bad = Ok(HttpResponse::new(503, Vec::new()).with_header("x-amz-retry-after", "soon"));
    assert_eq!(retry_after(&bad), None);
}

#[test]
fn the_quota_pays_for_retries_and_refills_on_success() {
    // Defect: there was no quota.
    let q = RetryQuota::new(500);
    // 100 throttling retries at 5 empty it.
    for _ in 0..100 {
        assert_eq!(q.acquire(RetryKind::Throttling), Some(5));
    }
    assert_eq!(q.acquire(RetryKind::Throttling), None);
    assert_eq!(q.available(), 0);
    q.release(None);
    assert_eq!(q.available(), 1);
    q.release(Some(14));
    assert_eq!(q.available(), 15);
    assert_eq!(q.acquire(RetryKind::Transient), Some(14));
    assert_eq!(
        q.acquire(RetryKind::Transient),
        None,
        "1 left, a retry costs 14"
    );
    // Never above the capacity.
    let full = RetryQuota::new(500);
    full.release(Some(14));
    assert_eq!(full.available(), 500);
}

#[test]
fn error_is_throttling_follows_the_same_list() {
    let parsed = |status: u16, body: &str| {
        crate::protocol::wire::parse_error(
            "SignUp",
            &HttpResponse::new(status, body.as_bytes().to_vec()),
        )
    };
    assert!(parsed(400, r#"{"__type":"ThrottlingException"}"#).is_throttling());
    assert!(parsed(400, r#"{"__type":"SlowDown"}"#).is_throttling());
    assert!(parsed(400, r#"{"__type":"TooManyRequestsException"}"#).is_throttling());
    assert!(parsed(429, "<html>").is_throttling());
    assert!(!parsed(400, r#"{"__type":"LimitExceededException"}"#).is_throttling());
    assert!(!parsed(500, r#"{"__type":"InternalErrorException"}"#).is_throttling());
}
