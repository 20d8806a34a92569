//! Machine-to-machine tokens, replayed from fixtures/oauth/client_credentials.json
//! (constructed from Cognito's documented shapes; see its `source`): one
//! request for sixteen threads, one renewal after expiry, verification of
//! `client_id` and `scope`, and `invalid_scope`.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use cognito::oauth::{ClientCredentials, Domain, OAuthErrorCode};
use cognito::test_util::{Fixture, ReplayTransport};
use cognito::{HttpRequest, TokenVerifier, Transport};

const SECRET: &str = "synthetic-client-secret-not-real";

/// Counts the token requests that reach the replay, slowly enough that
/// every thread asks before the first answer is back.
#[derive(Clone)]
struct Counting {
    replay: ReplayTransport,
    token_requests: Arc<AtomicUsize>,
}

impl Transport for Counting {
    fn send(&self, request: HttpRequest) -> Result<cognito::HttpResponse, cognito::TransportError> {
        if request.url.ends_with("/oauth2/token") {
            self.token_requests.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(50));
        }
        self.replay.send(request)
    }
}

#[test]
fn sixteen_threads_one_request_then_one_renewal() {
    let fixture = Fixture::from_file(format!(
        "{}/fixtures/oauth/client_credentials.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let ctx = |k: &str| fixture.context[k].clone();
    let now: u64 = ctx("now").parse().unwrap();
    let clock = Arc::new(AtomicU64::new(now + 100));
    let replay = ReplayTransport::new(fixture.clone());
    let transport = Counting {
        replay: replay.clone(),
        token_requests: Arc::new(AtomicUsize::new(0)),
    };
    let at = Arc::clone(&clock);
    let now_fn = move || UNIX_EPOCH + Duration::from_secs(at.load(Ordering::SeqCst));
    let verifier = TokenVerifier::builder(&ctx("user_pool_id"))
        .client_id(ctx("m2m_client_id"))
        .transport(transport.clone())
        .clock(now_fn.clone())
        .build()
        .unwrap();
    let domain = Domain::parse(&ctx("domain")).unwrap();
    let source = ClientCredentials::builder(domain.clone(), ctx("m2m_client_id"), SECRET)
        .scopes(["orders/read", "orders/write"])
        .transport(transport.clone())
        .clock(now_fn.clone())
        .verify_with(verifier.clone())
        .build();

    let tokens: Vec<String> = std::thread::scope(|s| {
        (0..16)
            .map(|_| s.spawn(|| source.token().unwrap().expose_secret().to_owned()))
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(transport.token_requests.load(Ordering::SeqCst), 1);
    assert!(tokens.windows(2).all(|w| w[0] == w[1]));
    let first = source.token().unwrap();
    assert_eq!(first.expires_in(), 3600);
    assert_eq!(first.token_type(), "Bearer");
    assert!(!format!("{first:?} {source:?}").contains(&tokens[0][..20]));
    assert!(!format!("{source:?}").contains(SECRET));

    // Within a minute of expiry: renewed, once, for all threads.
    clock.fetch_add(3600 - 30, Ordering::SeqCst);
    std::thread::scope(|s| {
        for _ in 0..16 {
            s.spawn(|| source.token().unwrap());
        }
    });
    assert_eq!(transport.token_requests.load(Ordering::SeqCst), 2);
    assert_ne!(source.token().unwrap(), first);

    // A scope the client may not have: Cognito answers invalid_scope.
    let wrong = ClientCredentials::builder(domain, ctx("m2m_client_id"), SECRET)
        .scope("orders/delete")
        .transport(transport.clone())
        .clock(now_fn)
        .build();
    let err = wrong.token().unwrap_err();
    assert_eq!(err.oauth_code(), Some(&OAuthErrorCode::InvalidScope));
    assert_eq!(err.to_string(), "invalid_scope");
    replay.finish().unwrap();
}

#[test]
fn request_shape_cache_and_clear() {
    use base64::Engine as _;
    let b64 = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let token = format!(
        "{}.{}.c2ln",
        b64(serde_json::json!({"alg": "none"})),
        b64(
            serde_json::json!({"exp": 4_000_000_000u64, "client_id": "m2m", "scope": "orders/read"})
        )
    );
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    let endpoint = move |req: HttpRequest| {
        seen.fetch_add(1, Ordering::SeqCst);
        assert_eq!(req.url, "https://auth.example.com/oauth2/token");
        assert_eq!(
            req.header("authorization"),
            Some("Basic bTJtOnN5bnRoZXRpYy1jbGllbnQtc2VjcmV0LW5vdC1yZWFs")
        );
        assert_eq!(
            String::from_utf8_lossy(&req.body),
            "grant_type=client_credentials&scope=orders%2Fread%20orders%2Fwrite"
        );
        Ok(cognito::HttpResponse::new(
            200,
            serde_json::json!({"access_token": token, "token_type": "Bearer"})
                .to_string()
                .into_bytes(),
        ))
    };
    let source =
        ClientCredentials::builder(Domain::custom("auth.example.com").unwrap(), "m2m", SECRET)
            .scopes(["orders/read", "orders/write"])
            .transport(endpoint)
            .build();
    let token = source.token().unwrap();
    // No expires_in: the lifetime comes from the token's exp.
    assert_eq!(
        token.expires_at(),
        UNIX_EPOCH + Duration::from_secs(4_000_000_000)
    );
    source.token().unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 1, "cached");
    source.clear();
    source.token().unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2, "fetched again after clear");
}
