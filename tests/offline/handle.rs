//! The handle's one path: build → sign when the model says so → send → parse,
//! through fake transports (no network).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cognito::credentials::{AwsCredentials, CredentialsError, ProvideCredentials};
use cognito::{
    Cognito, Error, ErrorCode, HttpRequest, HttpResponse, TransportError, TransportErrorKind,
};
use serde_json::{json, Value};

const POOL: &str = "eu-west-1_AbC123xyz";
const AT: u64 = 1_700_000_000; // 2023-11-14T22:13:20Z

/// A transport that records requests and answers a reply with the members
/// the API model requires of the operations called here (`SignUp`,
/// `AdminGetUser`, `GetUser`); other members are ignored by every reply type.
#[derive(Clone, Default)]
struct Spy {
    seen: Arc<Mutex<Vec<HttpRequest>>>,
}

impl Spy {
    fn transport(
        &self,
    ) -> impl Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync {
        let seen = Arc::clone(&self.seen);
        move |req: HttpRequest| {
            seen.lock().unwrap().push(req);
            Ok(HttpResponse::new(
                200,
                br#"{"UserConfirmed":false,"UserSub":"sub","Username":"alice","UserAttributes":[]}"#
                    .to_vec(),
            ))
        }
    }

    fn last(&self) -> HttpRequest {
        self.seen.lock().unwrap().last().cloned().unwrap()
    }
}

/// A provider that counts how often it is asked.
#[derive(Debug, Default, Clone)]
struct Counting {
    calls: Arc<AtomicUsize>,
}

impl ProvideCredentials for Counting {
    fn provide(&self) -> Result<AwsCredentials, CredentialsError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Ok(AwsCredentials::new("AKIDEXAMPLE", "SECRETEXAMPLE", None))
    }
}

fn handle(spy: &Spy, provider: Counting) -> Cognito {
    Cognito::builder()
        .user_pool_id(POOL)
        .client_id("client123")
        .transport(spy.transport())
        .credentials_provider(provider)
        .clock(|| UNIX_EPOCH + Duration::from_secs(AT))
        .environment(|_| None)
        .build()
        .unwrap()
}

#[test]
fn handle_is_clone_send_sync() {
    fn assert_traits<T: Clone + Send + Sync + 'static>() {}
    assert_traits::<Cognito>();
}

#[test]
fn unsigned_operations_never_look_for_credentials() {
    let spy = Spy::default();
    let provider = Counting::default();
    let cognito = handle(&spy, provider.clone());
    for op in [
        "SignUp",
        "InitiateAuth",
        "RespondToAuthChallenge",
        "GetUser",
        "ConfirmForgotPassword",
        "GlobalSignOut",
    ] {
        cognito.call(op, &json!({})).unwrap();
        let req = spy.last();
        assert!(req.header("authorization").is_none(), "{op} was signed");
        assert!(req.header("x-amz-date").is_none(), "{op} has x-amz-date");
        assert!(
            req.header("x-amz-security-token").is_none(),
            "{op} has a session token"
        );
        assert_eq!(
            req.header("x-amz-target"),
            Some(format!("AWSCognitoIdentityProviderService.{op}").as_str())
        );
    }
    assert_eq!(
        provider.calls.load(Ordering::SeqCst),
        0,
        "an unsigned call asked for credentials"
    );
}

#[test]
fn unsigned_calls_work_without_any_credentials() {
    let spy = Spy::default();
    let cognito = Cognito::builder()
        .user_pool_id(POOL)
        .transport(spy.transport())
        // No credentials anywhere; instance metadata off so a cloud machine
        // running the test has none either.
        .environment(|name| (name == "AWS_EC2_METADATA_DISABLED").then(|| "true".to_owned()))
        .build()
        .unwrap();
    cognito
        .call("SignUp", &json!({"ClientId": "c", "Username": "u"}))
        .unwrap();
    let err = cognito.call("AdminGetUser", &json!({})).unwrap_err();
    match &err {
        Error::Credentials(e) => assert!(e.to_string().contains("AWS_ACCESS_KEY_ID"), "{e}"),
        other => panic!("expected a credentials error, got {other:?}"),
    }
    assert_eq!(
        spy.seen.lock().unwrap().len(),
        1,
        "the unsigned admin call must not be sent"
    );
}

#[test]
fn signed_operations_carry_sigv4_with_the_pool_region() {
    let spy = Spy::default();
    let provider = Counting::default();
    let cognito = handle(&spy, provider.clone());
    cognito
        .call(
            "AdminGetUser",
            &json!({"UserPoolId": POOL, "Username": "alice"}),
        )
        .unwrap();
    let req = spy.last();
    let auth = req.header("authorization").unwrap();
    assert!(
        auth.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/eu-west-1/cognito-idp/aws4_request, SignedHeaders="
        ),
        "{auth}"
    );
    for signed in ["content-type", "host", "x-amz-date", "x-amz-target"] {
        assert!(auth.contains(signed), "{signed} not signed: {auth}");
    }
    assert_eq!(req.header("x-amz-date"), Some("20231114T221320Z"));
    assert_eq!(req.url, "https://cognito-idp.eu-west-1.amazonaws.com/");
    // A second signed call reuses the cached credentials; an unknown operation is signed.
    cognito.call("SomeFutureOperation", &json!({})).unwrap();
    assert!(spy.last().header("authorization").is_some());
    assert_eq!(provider.calls.load(Ordering::SeqCst), 1);
}

#[test]
fn credentials_resolve_once_across_threads() {
    let spy = Spy::default();
    let provider = Counting::default();
    let cognito = handle(&spy, provider.clone());
    std::thread::scope(|s| {
        for _ in 0..16 {
            let c = cognito.clone();
            s.spawn(move || c.call("ListUsers", &json!({"UserPoolId": POOL})).unwrap());
        }
    });
    assert_eq!(provider.calls.load(Ordering::SeqCst), 1);
    assert_eq!(spy.seen.lock().unwrap().len(), 16);
}

#[test]
fn expired_credentials_are_fetched_again() {
    #[derive(Debug, Clone, Default)]
    struct Expiring(Arc<AtomicUsize>);
    impl ProvideCredentials for Expiring {
        fn provide(&self) -> Result<AwsCredentials, CredentialsError> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok(AwsCredentials::new("AKID", "S", Some("T".into()))
                .with_expiry(UNIX_EPOCH + Duration::from_secs(AT + 30)))
        }
    }
    let spy = Spy::default();
    let provider = Expiring::default();
    let cognito = Cognito::builder()
        .user_pool_id(POOL)
        .transport(spy.transport())
        .credentials_provider(provider.clone())
        .clock(|| UNIX_EPOCH + Duration::from_secs(AT))
        .build()
        .unwrap();
    cognito.call("ListUsers", &json!({})).unwrap();
    cognito.call("ListUsers", &json!({})).unwrap();
    // 30 s left is inside the 60 s margin: each call refreshes.
    assert_eq!(provider.0.load(Ordering::SeqCst), 2);
    assert_eq!(spy.last().header("x-amz-security-token"), Some("T"));
}

#[test]
fn service_errors_come_back_typed() {
    let cognito = Cognito::builder()
        .user_pool_id(POOL)
        .transport(|_req: HttpRequest| {
            Ok(HttpResponse::new(
                400,
                br#"{"__type":"UsernameExistsException","message":"User already exists"}"#.to_vec(),
            )
            .with_header("x-amzn-RequestId", "11111111-2222"))
        })
        .build()
        .unwrap();
    let err = cognito.call("SignUp", &json!({})).unwrap_err();
    assert_eq!(
        err.service_code(),
        Some(&ErrorCode::UsernameExistsException)
    );
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.request_id(), Some("11111111-2222"));
    assert_eq!(
        err.to_string(),
        "UsernameExistsException: User already exists"
    );
}

#[test]
fn transport_errors_keep_their_source() {
    let cognito = Cognito::builder()
        .user_pool_id(POOL)
        .transport(|_req: HttpRequest| {
            Err(TransportError::new(
                TransportErrorKind::Timeout,
                "timed out reading the response",
            )
            .with_source(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "read timed out",
            )))
        })
        .build()
        .unwrap();
    let err = cognito.call("GetUser", &json!({})).unwrap_err();
    let Error::Transport(inner) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(inner.kind(), TransportErrorKind::Timeout);
    let chain: Vec<String> =
        std::iter::successors(Some(&err as &dyn std::error::Error), |e| e.source())
            .map(ToString::to_string)
            .collect();
    // `Error::Transport` is transparent: it shows the transport's message
    // (with the URL the handle sent to) and continues with the transport's
    // cause, so nothing reads twice.
    assert_eq!(
        chain,
        [
            "timed out reading the response (https://cognito-idp.eu-west-1.amazonaws.com)",
            "read timed out"
        ],
        "{chain:?}"
    );
}

#[test]
fn bad_arguments_to_call() {
    let spy = Spy::default();
    let cognito = handle(&spy, Counting::default());
    for (op, input) in [
        ("", json!({})),
        ("Get User", json!({})),
        ("X\r\nInjected: 1", json!({})),
        ("SignUp", json!([1])),
        ("SignUp", json!("s")),
    ] {
        let err = cognito.call(op, &input).unwrap_err();
        assert!(
            matches!(err, Error::InvalidArgument(_)),
            "{op:?} {input}: {err:?}"
        );
    }
    cognito.call("SignUp", &Value::Null).unwrap();
    assert_eq!(spy.last().body, b"{}");
    assert_eq!(spy.seen.lock().unwrap().len(), 1);
}

#[test]
fn debug_never_shows_secrets() {
    let cognito = Cognito::builder()
        .user_pool_id(POOL)
        .client_id("client123")
        .client_secret("CLIENT-SECRET-VALUE")
        .access_token("ACCESS-TOKEN-VALUE")
        .id_token("ID-TOKEN-VALUE")
        .refresh_token("REFRESH-TOKEN-VALUE")
        .credentials(AwsCredentials::new(
            "AKID",
            "AWS-SECRET-VALUE",
            Some("AWS-SESSION-VALUE".into()),
        ))
        .build()
        .unwrap();
    cognito.credentials().unwrap();
    let text = format!(
        "{cognito:?} {:?} {:?}",
        cognito.tokens(),
        cognito.credentials().unwrap()
    );
    for secret in [
        "CLIENT-SECRET-VALUE",
        "ACCESS-TOKEN-VALUE",
        "ID-TOKEN-VALUE",
        "REFRESH-TOKEN-VALUE",
        "AWS-SECRET-VALUE",
        "AWS-SESSION-VALUE",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    assert!(text.contains("client123"));
}

#[test]
fn tokens_are_shared_between_clones() {
    let a = Cognito::builder().user_pool_id(POOL).build().unwrap();
    let b = a.clone();
    let mut tokens = a.tokens();
    tokens.access_token = Some("t".into());
    tokens.expires_at = Some(SystemTime::UNIX_EPOCH);
    a.set_tokens(tokens);
    assert_eq!(
        b.tokens()
            .access_token
            .map(|t| t.expose_secret().to_owned()),
        Some("t".into())
    );
    b.set_username("alice");
    assert_eq!(a.username().as_deref(), Some("alice"));
}

#[test]
fn missing_client_id_is_a_config_error() {
    let cognito = Cognito::builder().region("us-east-1").build().unwrap();
    let no_client = cognito
        .register("alice", "Passw0rd!", &cognito::Attributes::new())
        .unwrap_err();
    assert!(matches!(no_client, Error::Config(_)), "{no_client:?}");
    assert!(no_client.to_string().contains(".client_id("), "{no_client}");
    let no_pool = cognito.get_users(None).unwrap_err();
    assert!(matches!(no_pool, Error::Config(_)), "{no_pool:?}");
    assert!(no_pool.to_string().contains(".user_pool_id("), "{no_pool}");
}

#[test]
fn endpoint_settings_surface_when_building() {
    let env = |name: &str| match name {
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER" => Some("http://127.0.0.1:9229/".to_string()),
        "AWS_ENDPOINT_URL" => Some("http://127.0.0.1:1".to_string()),
        _ => None,
    };
    let c = Cognito::builder()
        .user_pool_id("local_4YzBvdOp")
        .environment(env)
        .build()
        .unwrap();
    assert_eq!(
        (c.endpoint_url(), c.region()),
        ("http://127.0.0.1:9229", "local")
    );
    let c = Cognito::builder()
        .user_pool_id("local_4YzBvdOp")
        .endpoint("http://127.0.0.1:5000")
        .environment(env)
        .build()
        .unwrap();
    assert_eq!(
        c.endpoint_url(),
        "http://127.0.0.1:5000",
        "the builder's endpoint wins"
    );
    let global =
        |name: &str| (name == "AWS_ENDPOINT_URL").then(|| "http://127.0.0.1:1".to_string());
    let c = Cognito::builder()
        .region("us-east-1")
        .environment(global)
        .build()
        .unwrap();
    assert_eq!(c.endpoint_url(), "http://127.0.0.1:1");

    for (builder, what) in [
        (Cognito::builder().user_pool_id("no-underscore"), "pool id"),
        (Cognito::builder().user_pool_id("us-east-1_"), "pool id"),
        (Cognito::builder().environment(|_| None), "no region"),
        (
            Cognito::builder()
                .region("us-east-1")
                .endpoint("http://127.0.0.1:1")
                .fips(true),
            "override with fips",
        ),
        (
            Cognito::builder().region("us east").environment(|_| None),
            "bad region",
        ),
        (
            Cognito::builder().region("us-east-1").endpoint("ftp://x"),
            "bad scheme",
        ),
    ] {
        let err = builder.build().unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{what}: {err:?}");
        assert!(
            std::error::Error::source(&err).is_some(),
            "{what}: the endpoint error is the source"
        );
    }
}

#[test]
fn every_pool_id_form_builds() {
    for (pool, region) in [
        ("us-east-1_AbC123xyz", "us-east-1"),
        ("cn-north-1_AbC123xyz", "cn-north-1"),
        ("us-gov-west-1_AbC123xyz", "us-gov-west-1"),
        ("eusc-de-east-1_AbC123xyz", "eusc-de-east-1"),
        ("us-east-1_0812d89139ba4de68426562837a45a41", "us-east-1"),
    ] {
        let c = Cognito::builder()
            .user_pool_id(pool)
            .environment(|_| None)
            .build()
            .unwrap();
        assert_eq!(c.region(), region, "{pool}");
    }
    let c = Cognito::builder()
        .user_pool_id("local_4YzBvdOp")
        .endpoint("http://127.0.0.1:9229")
        .environment(|_| None)
        .build()
        .unwrap();
    assert_eq!(c.region(), "local");
    assert_eq!(
        Cognito::builder()
            .user_pool_id("cn-north-1_X1")
            .environment(|_| None)
            .build()
            .unwrap()
            .endpoint_url(),
        "https://cognito-idp.cn-north-1.amazonaws.com.cn"
    );
}

#[test]
fn retries_follow_the_policy() {
    use cognito::RetryPolicy;
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let throttled_twice = move |_req: HttpRequest| {
        let n = counted.fetch_add(1, Ordering::SeqCst);
        Ok(if n < 2 {
            HttpResponse::new(
                400,
                br#"{"__type":"TooManyRequestsException","message":"Rate exceeded"}"#.to_vec(),
            )
        } else {
            HttpResponse::new(200, br#"{"UserConfirmed":true,"UserSub":"s"}"#.to_vec())
        })
    };
    let fast = RetryPolicy::standard().base_delay(Duration::from_millis(1));
    let c = Cognito::builder()
        .user_pool_id(POOL)
        .transport(throttled_twice.clone())
        .retry(fast)
        .build()
        .unwrap();
    c.call("SignUp", &json!({})).unwrap();
    assert_eq!(
        calls.load(Ordering::SeqCst),
        3,
        "two throttled attempts, then success"
    );

    // On by default (botocore's standard mode): the throttling backoff is
    // asked of the handle's timer, which here only records it.
    struct NoWait(std::sync::Mutex<Vec<Duration>>, std::time::Instant);
    impl cognito::Timer for NoWait {
        fn now(&self) -> std::time::Instant {
            self.1
        }
        fn sleep(&self, d: Duration) {
            self.0.lock().unwrap().push(d);
        }
    }
    let timer = Arc::new(NoWait(Default::default(), std::time::Instant::now()));
    calls.store(0, Ordering::SeqCst);
    let c = Cognito::builder()
        .user_pool_id(POOL)
        .transport(throttled_twice.clone())
        .timer(timer.clone())
        .build()
        .unwrap();
    c.call("SignUp", &json!({})).unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 3, "retried by default");
    let slept = timer.0.lock().unwrap().clone();
    assert_eq!(slept.len(), 2);
    assert!(
        slept[0] <= Duration::from_secs(1) && slept[1] <= Duration::from_secs(2),
        "{slept:?}"
    );

    // Off with `RetryPolicy::none()`: the throttling error comes back at once.
    calls.store(0, Ordering::SeqCst);
    let c = Cognito::builder()
        .user_pool_id(POOL)
        .transport(throttled_twice)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(c.call("SignUp", &json!({})).unwrap_err().is_throttling());
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    // A server fault is retried for a read and for a write (issue 12: the AWS
    // SDKs retry 500/502/503/504 for every operation); attempts are capped.
    let faults = Arc::new(AtomicUsize::new(0));
    let counted = faults.clone();
    let always_500 = move |_req: HttpRequest| {
        counted.fetch_add(1, Ordering::SeqCst);
        Ok(HttpResponse::new(
            500,
            br#"{"__type":"InternalErrorException"}"#.to_vec(),
        ))
    };
    let c = Cognito::builder()
        .user_pool_id(POOL)
        .transport(always_500)
        .credentials(AwsCredentials::new("AKID", "S", None))
        .retry(fast.max_attempts(4))
        .build()
        .unwrap();
    assert!(c.call("AdminGetUser", &json!({})).is_err());
    assert_eq!(
        faults.load(Ordering::SeqCst),
        4,
        "a read is retried up to the cap"
    );
    faults.store(0, Ordering::SeqCst);
    assert!(c.call("AdminCreateUser", &json!({})).is_err());
    assert_eq!(
        faults.load(Ordering::SeqCst),
        4,
        "a write is retried after a server fault too"
    );
}
