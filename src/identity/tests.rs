use super::*;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Value};

use crate::http::{HttpResponse, TransportError};

const POOL: &str = "eu-west-1:0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
const IDENTITY: &str = "eu-west-1:11111111-2222-4333-8444-555555555555";
const USER_POOL: &str = "eu-west-1_AbC123xyz";
const ISSUER_KEY: &str = "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz";
/// 2023-11-14T22:13:20Z, the tests' "now".
const NOW: u64 = 1_700_000_000;

/// An unsigned JWT with `sub` and `exp` (synthetic, never valid anywhere).
fn jwt(sub: &str, exp: u64, tag: &str) -> String {
    let part = |v: Value| URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.{}",
        part(json!({"alg": "none"})),
        part(json!({"sub": sub, "exp": exp, "token_use": "id", "tag": tag})),
        URL_SAFE_NO_PAD.encode("sig")
    )
}

fn body(req: &HttpRequest) -> Value {
    serde_json::from_slice(&req.body).unwrap()
}

fn target(req: &HttpRequest) -> &str {
    let t = req.header("x-amz-target").unwrap();
    t.rsplit('.').next().unwrap_or(t)
}

/// A fake identity pool: answers GetId and GetCredentialsForIdentity with
/// credentials expiring `lifetime` s after the shared clock, and records every request.
struct Fake {
    requests: Mutex<Vec<HttpRequest>>,
    now: AtomicU64,
    lifetime: u64,
    gets: AtomicUsize,
    /// Milliseconds each reply takes, so threads overlap.
    delay_ms: AtomicU64,
}

impl Fake {
    fn new(lifetime: u64) -> Arc<Self> {
        Arc::new(Self {
            requests: Mutex::new(Vec::new()),
            now: AtomicU64::new(NOW),
            lifetime,
            gets: AtomicUsize::new(0),
            delay_ms: AtomicU64::new(0),
        })
    }

    fn targets(&self) -> Vec<String> {
        lock(&self.requests)
            .iter()
            .map(|r| r.header("x-amz-target").unwrap_or("?").to_owned())
            .map(|t| t.rsplit('.').next().unwrap_or_default().to_owned())
            .collect()
    }

    fn reply(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        lock(&self.requests).push(req.clone());
        std::thread::sleep(Duration::from_millis(self.delay_ms.load(Ordering::SeqCst)));
        let reply = match target(&req) {
            "GetId" => json!({ "IdentityId": IDENTITY }),
            "GetCredentialsForIdentity" => {
                let n = self.gets.fetch_add(1, Ordering::SeqCst) + 1;
                let exp = self.now.load(Ordering::SeqCst) + self.lifetime;
                json!({"IdentityId": IDENTITY, "Credentials": {
                    "AccessKeyId": format!("ASIA{n}"), "SecretKey": format!("secret-{n}"),
                    "SessionToken": format!("session-{n}"), "Expiration": exp as f64 + 0.25}})
            }
            "InitiateAuth" => {
                json!({"AuthenticationResult": {"IdToken": jwt("sub-alice", self.now.load(Ordering::SeqCst) + 3600, "renewed"),
                    "AccessToken": jwt("sub-alice", self.now.load(Ordering::SeqCst) + 3600, "access"), "ExpiresIn": 3600, "TokenType": "Bearer"}})
            }
            other => panic!("unexpected {other}"),
        };
        Ok(HttpResponse::new(200, reply.to_string().into_bytes()))
    }

    fn transport(self: &Arc<Self>) -> impl Transport + 'static {
        let fake = Arc::clone(self);
        move |req: HttpRequest| fake.reply(req)
    }

    fn clock(self: &Arc<Self>) -> impl Clock + 'static {
        let fake = Arc::clone(self);
        move || UNIX_EPOCH + Duration::from_secs(fake.now.load(Ordering::SeqCst))
    }
}

fn no_env(_: &str) -> Option<String> {
    None
}

fn user_handle(fake: &Arc<Fake>, id_token: &str, refresh: Option<&str>) -> Cognito {
    let mut b = Cognito::builder()
        .user_pool_id(USER_POOL)
        .client_id("client123")
        .id_token(id_token)
        .transport(fake.transport())
        .clock(fake.clock())
        .verify_renewed_tokens(false)
        .environment(no_env);
    if let Some(r) = refresh {
        b = b.refresh_token(r);
    }
    b.build().unwrap()
}

#[test]
fn pool_ids_are_checked() {
    assert_eq!(region_of_pool_id(POOL).unwrap(), "eu-west-1");
    for bad in [
        "",
        "eu-west-1",
        ":abc",
        "eu-west-1:",
        "eu-west-1:ABC",
        "eu west:abc",
        &format!("eu-west-1:{}", "a".repeat(50)),
    ] {
        let e = region_of_pool_id(bad).unwrap_err();
        assert!(matches!(e, Error::Config(_)), "{bad:?}: {e:?}");
    }
}

#[test]
fn guest_requests_have_no_logins_and_are_unsigned() {
    let fake = Fake::new(3600);
    let aws = IdentityCredentials::guest(POOL)
        .transport(fake.transport())
        .clock(fake.clock())
        .environment(no_env)
        .build()
        .unwrap();
    assert_eq!(
        aws.endpoint().url,
        "https://cognito-identity.eu-west-1.amazonaws.com"
    );
    assert_eq!(aws.logins_key(), None);
    let creds = aws.credentials().unwrap();
    assert_eq!(creds.access_key_id(), "ASIA1");
    assert_eq!(creds.secret_access_key().expose_secret(), "secret-1");
    assert_eq!(creds.session_token().unwrap().expose_secret(), "session-1");
    assert_eq!(
        creds.expires_at(),
        Some(UNIX_EPOCH + Duration::from_millis((NOW + 3600) * 1000 + 250)),
        "the fraction is kept to the millisecond"
    );
    let reqs = lock(&fake.requests).clone();
    assert_eq!(fake.targets(), ["GetId", "GetCredentialsForIdentity"]);
    assert_eq!(body(&reqs[0]), json!({ "IdentityPoolId": POOL }));
    assert_eq!(body(&reqs[1]), json!({ "IdentityId": IDENTITY }));
    for r in &reqs {
        assert_eq!(r.url, "https://cognito-identity.eu-west-1.amazonaws.com/");
        assert_eq!(r.header("content-type"), Some("application/x-amz-json-1.1"));
        assert!(r.header("authorization").is_none(), "unsigned");
    }
    assert_eq!(aws.identity_id().as_deref(), Some(IDENTITY));
}

#[test]
fn credentials_are_cached_until_the_margin_then_renewed_without_get_id() {
    let fake = Fake::new(3600);
    let aws = IdentityCredentials::guest(POOL)
        .transport(fake.transport())
        .clock(fake.clock())
        .refresh_margin(Duration::from_secs(600))
        .environment(no_env)
        .build()
        .unwrap();
    let first = aws.credentials().unwrap();
    fake.now.store(NOW + 2999, Ordering::SeqCst);
    assert_eq!(
        aws.credentials().unwrap(),
        first,
        "3000.25 s left > 600 s margin"
    );
    assert_eq!(fake.targets().len(), 2, "{:?}", fake.targets());
    fake.now.store(NOW + 3001, Ordering::SeqCst);
    let second = aws.credentials().unwrap();
    assert_eq!(second.access_key_id(), "ASIA2");
    assert_eq!(
        fake.targets(),
        [
            "GetId",
            "GetCredentialsForIdentity",
            "GetCredentialsForIdentity"
        ],
        "the identity id is kept"
    );
}

#[test]
fn one_fetch_for_many_threads() {
    let fake = Fake::new(3600);
    let aws = IdentityCredentials::guest(POOL)
        .transport(fake.transport())
        .clock(fake.clock())
        .environment(no_env)
        .build()
        .unwrap();
    let keys: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| aws.credentials().unwrap().access_key_id().to_owned()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(keys.iter().all(|k| k == "ASIA1"), "{keys:?}");
    assert_eq!(fake.targets(), ["GetId", "GetCredentialsForIdentity"]);
}

#[test]
fn waiters_take_short_lived_credentials_one_fetch_brought() {
    // 100 s credentials against a 600 s margin: never "fresh".
    let fake = Fake::new(100);
    fake.delay_ms.store(200, Ordering::SeqCst);
    let aws = IdentityCredentials::guest(POOL)
        .transport(fake.transport())
        .clock(fake.clock())
        .refresh_margin(Duration::from_secs(600))
        .environment(no_env)
        .build()
        .unwrap();
    let barrier = std::sync::Barrier::new(8);
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                barrier.wait();
                aws.credentials().unwrap();
            });
        }
    });
    assert_eq!(
        fake.targets(),
        ["GetId", "GetCredentialsForIdentity"],
        "threads that waited took the fetched credentials"
    );
    let before = fake.targets().len();
    aws.credentials().unwrap();
    assert_eq!(
        fake.targets().len(),
        before + 1,
        "a later call fetches anew"
    );
}

#[test]
fn user_logins_key_is_the_pool_issuer_and_custom_role_is_sent() {
    let fake = Fake::new(3600);
    let token = jwt("sub-alice", NOW + 3600, "first");
    let cognito = user_handle(&fake, &token, None);
    let aws = IdentityCredentials::for_user(POOL, &cognito)
        .custom_role_arn("arn:aws:iam::123456789012:role/uploader")
        .environment(no_env)
        .build()
        .unwrap();
    assert_eq!(aws.logins_key(), Some(ISSUER_KEY));
    aws.credentials().unwrap();
    let reqs = lock(&fake.requests).clone();
    assert_eq!(
        body(&reqs[0]),
        json!({"IdentityPoolId": POOL, "Logins": {ISSUER_KEY: token}})
    );
    assert_eq!(
        body(&reqs[1]),
        json!({"IdentityId": IDENTITY, "Logins": {ISSUER_KEY: token},
               "CustomRoleArn": "arn:aws:iam::123456789012:role/uploader"})
    );
}

#[test]
fn an_expired_id_token_is_renewed_first() {
    let fake = Fake::new(3600);
    let expired = jwt("sub-alice", NOW - 1, "old");
    let cognito = user_handle(&fake, &expired, Some("refresh-token-1"));
    let aws = IdentityCredentials::for_user(POOL, &cognito)
        .environment(no_env)
        .build()
        .unwrap();
    aws.credentials().unwrap();
    let reqs = lock(&fake.requests).clone();
    assert_eq!(
        reqs[0].header("x-amz-target"),
        Some("AWSCognitoIdentityProviderService.InitiateAuth")
    );
    assert_eq!(
        body(&reqs[0])["AuthParameters"]["REFRESH_TOKEN"],
        "refresh-token-1"
    );
    let renewed = cognito.id_token().unwrap();
    assert_ne!(renewed.expose_secret(), expired);
    for r in &reqs[1..] {
        assert_eq!(body(r)["Logins"][ISSUER_KEY], renewed.expose_secret());
    }
    assert_eq!(fake.targets().len(), 3);
}

#[test]
fn an_expired_id_token_without_refresh_token_is_a_config_error() {
    let fake = Fake::new(3600);
    let cognito = user_handle(&fake, &jwt("sub-alice", NOW - 1, "old"), None);
    let aws = IdentityCredentials::for_user(POOL, &cognito)
        .environment(no_env)
        .build()
        .unwrap();
    let e = aws.credentials().unwrap_err();
    assert!(matches!(e, Error::Config(_)), "{e:?}");
    assert!(fake.targets().is_empty());
    let none = Cognito::builder()
        .user_pool_id(USER_POOL)
        .environment(no_env)
        .build()
        .unwrap();
    let e = IdentityCredentials::for_user(POOL, &none)
        .transport(fake.transport())
        .environment(no_env)
        .build()
        .unwrap()
        .credentials()
        .unwrap_err();
    assert!(e.to_string().contains("sign in first"), "{e}");
}

#[test]
fn another_user_gets_another_identity() {
    let fake = Fake::new(3600);
    let cognito = user_handle(&fake, &jwt("sub-alice", NOW + 3600, "a"), None);
    let aws = IdentityCredentials::for_user(POOL, &cognito)
        .environment(no_env)
        .build()
        .unwrap();
    aws.credentials().unwrap();
    aws.credentials().unwrap();
    assert_eq!(fake.targets().len(), 2, "cached for alice");
    cognito.set_tokens(crate::Tokens {
        id_token: Some(jwt("sub-bob", NOW + 3600, "b").into()),
        ..Default::default()
    });
    let bob = aws.credentials().unwrap();
    assert_eq!(bob.access_key_id(), "ASIA2");
    assert_eq!(
        fake.targets(),
        [
            "GetId",
            "GetCredentialsForIdentity",
            "GetId",
            "GetCredentialsForIdentity"
        ]
    );
}

#[test]
fn a_forgotten_identity_is_fetched_again_once() {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    let transport = move |req: HttpRequest| -> Result<HttpResponse, TransportError> {
        let n = seen.fetch_add(1, Ordering::SeqCst);
        let (status, reply) = match (n, target(&req)) {
            (0, "GetId") => (200, json!({"IdentityId": "eu-west-1:aaaa"})),
            (1 | 4, "GetCredentialsForIdentity") => (
                200,
                json!({"Credentials": {
                "AccessKeyId": "A", "SecretKey": "S", "SessionToken": "T", "Expiration": NOW + 1}}),
            ),
            (2, "GetCredentialsForIdentity") => {
                assert_eq!(body(&req)["IdentityId"], "eu-west-1:aaaa");
                (
                    400,
                    json!({"__type": "ResourceNotFoundException", "message": "Identity 'eu-west-1:aaaa' not found."}),
                )
            }
            (3, "GetId") => (200, json!({"IdentityId": "eu-west-1:bbbb"})),
            other => panic!("unexpected {other:?}"),
        };
        Ok(HttpResponse::new(status, reply.to_string().into_bytes()))
    };
    let aws = IdentityCredentials::guest(POOL)
        .transport(transport)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .environment(no_env)
        .build()
        .unwrap();
    aws.credentials().unwrap();
    assert_eq!(aws.identity_id().as_deref(), Some("eu-west-1:aaaa"));
    aws.credentials().unwrap();
    assert_eq!(aws.identity_id().as_deref(), Some("eu-west-1:bbbb"));
    assert_eq!(calls.load(Ordering::SeqCst), 5);
}

#[test]
fn malformed_credentials_are_protocol_errors_without_secrets() {
    for (reply, field) in [
        (json!({"IdentityId": IDENTITY}), "Credentials"),
        (
            json!({"Credentials": {"AccessKeyId": "A", "SecretKey": "very-secret", "SessionToken": "T"}}),
            "Expiration",
        ),
        (
            json!({"Credentials": {"AccessKeyId": "A", "SecretKey": "very-secret", "SessionToken": "T", "Expiration": "soon"}}),
            "Expiration",
        ),
        (
            json!({"Credentials": {"AccessKeyId": "A", "SessionToken": "T", "Expiration": 1}}),
            "SecretKey",
        ),
    ] {
        let e = wire::parse_credentials(&HttpResponse::new(200, reply.to_string().into_bytes()))
            .unwrap_err();
        assert!(matches!(e, Error::Protocol(_)), "{e:?}");
        assert!(e.to_string().contains(field), "{e}");
        assert!(!format!("{e} {e:?}").contains("very-secret"), "{e:?}");
    }
    let cut = HttpResponse::new(
        200,
        br#"{"Credentials":{"SecretKey":"very-secret""#.to_vec(),
    );
    let e = wire::parse_credentials(&cut).unwrap_err();
    assert!(matches!(e, Error::Parse(_)), "{e:?}");
    let chain = std::iter::successors(Some(&e as &dyn std::error::Error), |e| e.source())
        .map(|e| format!("{e} {e:?}"))
        .collect::<String>();
    assert!(!chain.contains("very-secret"), "{chain}");
}

#[test]
fn debug_shows_no_credentials_or_tokens() {
    let fake = Fake::new(3600);
    let token = jwt("sub-alice", NOW + 3600, "debug");
    let cognito = user_handle(&fake, &token, None);
    let aws = IdentityCredentials::for_user(POOL, &cognito)
        .environment(no_env)
        .build()
        .unwrap();
    let creds = aws.credentials().unwrap();
    let text = format!("{aws:?} {creds:?}");
    for secret in [token.as_str(), "secret-1", "session-1"] {
        assert!(!text.contains(secret), "{text}");
    }
    assert!(text.contains(IDENTITY), "{text}");
}

#[test]
fn endpoint_overrides() {
    let env = |name: &str| match name {
        "AWS_ENDPOINT_URL" => Some("http://127.0.0.1:5000".to_owned()),
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER" => Some("http://127.0.0.1:9".to_owned()),
        _ => None,
    };
    let aws = IdentityCredentials::guest(POOL)
        .environment(env)
        .build()
        .unwrap();
    assert_eq!(
        aws.endpoint().url,
        "http://127.0.0.1:5000",
        "the idp variable does not apply"
    );
    let env2 = move |name: &str| match name {
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY" => Some("http://127.0.0.1:7000/".to_owned()),
        other => env(other),
    };
    let aws = IdentityCredentials::guest(POOL)
        .environment(env2)
        .build()
        .unwrap();
    assert_eq!(aws.endpoint().url, "http://127.0.0.1:7000");
    let aws = IdentityCredentials::guest(POOL)
        .endpoint("http://localhost:1/")
        .environment(env2)
        .build()
        .unwrap();
    assert_eq!(aws.endpoint().url, "http://localhost:1");
    let bad =
        |name: &str| (name == "AWS_ENDPOINT_URL_COGNITO_IDENTITY").then(|| "ftp://x".to_owned());
    let e = IdentityCredentials::guest(POOL)
        .environment(bad)
        .build()
        .unwrap_err();
    let cause = std::error::Error::source(&e)
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        cause.contains("AWS_ENDPOINT_URL_COGNITO_IDENTITY"),
        "{cause}"
    );
    let cn = IdentityCredentials::guest("cn-north-1:0a1b")
        .environment(no_env)
        .build()
        .unwrap();
    assert_eq!(
        cn.endpoint().url,
        "https://cognito-identity.cn-north-1.amazonaws.com.cn"
    );
    let fips = Cognito::builder()
        .user_pool_id(USER_POOL)
        .fips(true)
        .environment(no_env)
        .build()
        .unwrap();
    let aws = IdentityCredentials::for_user(POOL, &fips)
        .environment(no_env)
        .build()
        .unwrap();
    assert_eq!(
        aws.endpoint().url,
        "https://cognito-identity-fips.eu-west-1.amazonaws.com"
    );
}

#[test]
fn signing_uses_the_credentials_and_clock() {
    let fake = Fake::new(3600);
    let aws = IdentityCredentials::guest(POOL)
        .transport(fake.transport())
        .clock(fake.clock())
        .environment(no_env)
        .build()
        .unwrap();
    let signed = aws
        .sign(
            HttpRequest::get("https://abc.execute-api.eu-west-1.amazonaws.com/prod/items"),
            "execute-api",
            "eu-west-1",
        )
        .unwrap();
    assert!(signed.header("authorization").unwrap().starts_with(
        "AWS4-HMAC-SHA256 Credential=ASIA1/20231114/eu-west-1/execute-api/aws4_request"
    ));
    assert_eq!(signed.header("x-amz-date"), Some("20231114T221320Z"));
    assert_eq!(signed.header("x-amz-security-token"), Some("session-1"));
    let provided = ProvideCredentials::provide(&aws).unwrap();
    assert_eq!(provided.access_key_id(), "ASIA1", "cached");
}

/// The basic (classic) flow: GetId, GetOpenIdToken with the same Logins,
/// then STS AssumeRoleWithWebIdentity (unsigned) with the OpenID token and
/// the role, at `AWS_ENDPOINT_URL_STS`; cached like the enhanced flow; a pool
/// without the classic flow refuses at GetOpenIdToken. Constructed replies
/// in the documented shapes (the Cognito Identity and STS API references).
#[test]
fn basic_flow_assumes_the_role_with_the_open_id_token() {
    const ROLE: &str = "arn:aws:iam::123456789012:role/Cognito_Basic";
    const STS: &str = "http://127.0.0.1:4599/sts/";
    let seen: Arc<Mutex<Vec<HttpRequest>>> = Arc::default();
    let refuse = Arc::new(AtomicUsize::new(0));
    let transport = {
        let seen = Arc::clone(&seen);
        let refuse = Arc::clone(&refuse);
        move |req: HttpRequest| -> Result<HttpResponse, TransportError> {
            seen.lock().unwrap().push(req.clone());
            let json = |v: Value| Ok(HttpResponse::new(200, v.to_string().into_bytes()));
            if req.url.starts_with(STS) {
                let xml = r#"<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <Credentials>
      <AccessKeyId>ASIABASICFLOW</AccessKeyId>
      <SecretAccessKey>basic-secret</SecretAccessKey>
      <SessionToken>basic-session</SessionToken>
      <Expiration>2023-11-14T23:13:20Z</Expiration>
    </Credentials>
  </AssumeRoleWithWebIdentityResult>
</AssumeRoleWithWebIdentityResponse>"#;
                return Ok(HttpResponse::new(200, xml.as_bytes().to_vec()));
            }
            match target(&req) {
                "GetId" => json(json!({"IdentityId": IDENTITY})),
                "GetOpenIdToken" if refuse.load(Ordering::SeqCst) > 0 => Ok(HttpResponse::new(
                    400,
                    json!({"__type": "InvalidParameterException",
                           "message": "Basic (classic) flow is not enabled, please use enhanced flow."})
                    .to_string()
                    .into_bytes(),
                )),
                "GetOpenIdToken" => json(json!({"IdentityId": IDENTITY, "Token": "oidc-token-value"})),
                other => panic!("unexpected {other}"),
            }
        }
    };
    let env = |name: &str| (name == "AWS_ENDPOINT_URL_STS").then(|| STS.to_owned());
    let aws = IdentityCredentials::guest(POOL)
        .basic_flow(ROLE)
        .transport(transport.clone())
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .environment(env)
        .build()
        .unwrap();
    let creds = aws.credentials().unwrap();
    assert_eq!(creds.access_key_id(), "ASIABASICFLOW");
    assert_eq!(creds.secret_access_key().expose_secret(), "basic-secret");
    // Cached: a second call sends nothing.
    aws.credentials().unwrap();
    let requests = seen.lock().unwrap().clone();
    assert_eq!(requests.len(), 3, "GetId, GetOpenIdToken, STS once");
    assert_eq!(target(&requests[0]), "GetId");
    assert_eq!(target(&requests[1]), "GetOpenIdToken");
    assert_eq!(body(&requests[1]), json!({"IdentityId": IDENTITY}));
    let form = String::from_utf8(requests[2].body.clone()).unwrap();
    assert!(form.contains("Action=AssumeRoleWithWebIdentity"), "{form}");
    assert!(form.contains("WebIdentityToken=oidc-token-value"), "{form}");
    assert!(
        form.contains(&format!(
            "RoleArn={}",
            crate::credentials::sts::encode(ROLE)
        )),
        "{form}"
    );
    assert!(requests[2].header("authorization").is_none(), "unsigned");

    // A pool without the classic flow: the service's refusal, typed.
    refuse.store(1, Ordering::SeqCst);
    let aws = IdentityCredentials::guest(POOL)
        .basic_flow(ROLE)
        .transport(transport)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .environment(env)
        .build()
        .unwrap();
    let err = aws.credentials().unwrap_err();
    assert_eq!(
        err.service_code(),
        Some(&ErrorCode::InvalidParameterException),
        "{err:?}"
    );
}
