//! check_token / renew_access_token: expiry from the token's `exp` at the
//! handle's clock, SECRET_HASH over the token's username, and single-flight
//! renewal across threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use cognito::{secret_hash, Cognito, Error, HttpRequest, HttpResponse, TransportError};
use serde_json::{json, Value};

const NOW: u64 = 1_700_000_000;

/// A synthetic unsigned JWT with the given claims (signature segment is a label).
fn jwt(claims: Value) -> String {
    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.UkVEQUNURUQ",
        b64(&json!({"alg": "RS256", "kid": "test"})),
        b64(&claims)
    )
}

fn refreshing_transport(
    calls: Arc<AtomicUsize>,
    bodies: Arc<Mutex<Vec<Value>>>,
) -> impl Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync {
    move |req: HttpRequest| {
        calls.fetch_add(1, Ordering::SeqCst);
        bodies
            .lock()
            .unwrap()
            .push(serde_json::from_slice(&req.body).unwrap());
        // Slow enough that every thread finds the old token expired first.
        std::thread::sleep(Duration::from_millis(50));
        let access =
            jwt(json!({"exp": NOW + 3600, "username": "alice-internal", "token_use": "access"}));
        Ok(HttpResponse::new(
            200,
            json!({"AuthenticationResult": {"AccessToken": access, "IdToken": "id.new.sig", "ExpiresIn": 3600, "TokenType": "Bearer"}})
                .to_string()
                .into_bytes(),
        ))
    }
}

fn handle(transport: impl cognito::Transport + 'static, margin: Duration) -> Cognito {
    Cognito::builder()
        .user_pool_id("us-east-1_AbC123xyz")
        .client_id("client123")
        .client_secret("test-client-secret-not-real")
        .username("alice@example.com")
        .access_token(jwt(
            json!({"exp": NOW - 10, "username": "alice-internal", "token_use": "access"}),
        ))
        .refresh_token("refresh-token-synthetic")
        .refresh_margin(margin)
        .verify_renewed_tokens(false)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .transport(transport)
        .build()
        .unwrap()
}

#[test]
fn thirty_two_threads_one_refresh() {
    let calls = Arc::new(AtomicUsize::new(0));
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let cognito = handle(
        refreshing_transport(calls.clone(), bodies.clone()),
        Duration::ZERO,
    );
    let expired: Vec<bool> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..32)
            .map(|_| {
                let c = cognito.clone();
                s.spawn(move || c.check_token().unwrap())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        calls.load(Ordering::SeqCst),
        1,
        "exactly one refresh reaches the transport"
    );
    assert!(
        expired.iter().all(|e| *e),
        "every thread saw the token expired"
    );
    let tokens = cognito.tokens();
    assert_eq!(
        tokens.refresh_token.unwrap().expose_secret(),
        "refresh-token-synthetic",
        "the refresh token is kept"
    );
    assert_eq!(
        tokens.expires_at,
        Some(UNIX_EPOCH + Duration::from_secs(NOW + 3600))
    );
    assert!(!cognito.check_token().unwrap(), "fresh now");

    let body = &bodies.lock().unwrap()[0];
    assert_eq!(body["AuthFlow"], "REFRESH_TOKEN_AUTH");
    assert_eq!(
        body["AuthParameters"]["REFRESH_TOKEN"],
        "refresh-token-synthetic"
    );
    assert_eq!(
        body["AuthParameters"]["SECRET_HASH"],
        secret_hash("test-client-secret-not-real", "alice-internal", "client123"),
        "SECRET_HASH over the token's username, not the alias the user typed"
    );
}

#[test]
fn margin_renews_early_and_no_renew_only_reports() {
    let calls = Arc::new(AtomicUsize::new(0));
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let cognito = handle(
        refreshing_transport(calls.clone(), bodies.clone()),
        Duration::from_secs(4000),
    );
    assert!(cognito.access_token_expired().unwrap());
    assert_eq!(
        calls.load(Ordering::SeqCst),
        0,
        "renew=false never calls Cognito"
    );
    // After a renewal the new token (exp = NOW + 3600) is still inside a 4000 s margin.
    assert!(cognito.check_token().unwrap());
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[test]
fn check_token_needs_a_readable_access_token() {
    let c = Cognito::builder()
        .user_pool_id("us-east-1_AbC123xyz")
        .build()
        .unwrap();
    assert!(matches!(c.check_token(), Err(Error::Config(_))));
    let c = Cognito::builder()
        .user_pool_id("us-east-1_AbC123xyz")
        .access_token("not-a-jwt")
        .build()
        .unwrap();
    // A token error that reads once, not "the access token reply has no a
    // readable JWT".
    let err = c.check_token().unwrap_err();
    assert!(matches!(err, Error::Token(_)), "{err:?}");
    assert_eq!(err.to_string(), "malformed token");
    let cause = std::error::Error::source(&err).map(ToString::to_string);
    assert!(cause.is_some_and(|c| c.contains("segments")), "{err:?}");
    // A JWT without `exp` is a protocol error naming the claim.
    let c = Cognito::builder()
        .user_pool_id("us-east-1_AbC123xyz")
        .access_token(jwt(json!({"username": "alice"})))
        .build()
        .unwrap();
    let err = c.check_token().unwrap_err();
    assert!(matches!(err, Error::Protocol(_)), "{err:?}");
    assert!(err.to_string().contains("exp"), "{err}");
}

#[test]
fn rotation_uses_get_tokens_from_refresh_token_with_the_raw_secret() {
    let seen = Arc::new(Mutex::new(Vec::<HttpRequest>::new()));
    let s = seen.clone();
    let transport = move |req: HttpRequest| {
        s.lock().unwrap().push(req);
        Ok(HttpResponse::new(200, json!({"AuthenticationResult": {"AccessToken": jwt(json!({"exp": NOW + 60})), "RefreshToken": "rotated"}}).to_string().into_bytes()))
    };
    let cognito = Cognito::builder()
        .user_pool_id("us-east-1_AbC123xyz")
        .client_id("client123")
        .client_secret("test-client-secret-not-real")
        .refresh_token("old")
        .refresh_token_rotation(true)
        .verify_renewed_tokens(false)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .transport(transport)
        .build()
        .unwrap();
    cognito.renew_access_token().unwrap();
    let req = seen.lock().unwrap()[0].clone();
    assert_eq!(
        req.header("x-amz-target"),
        Some("AWSCognitoIdentityProviderService.GetTokensFromRefreshToken")
    );
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    assert_eq!(
        body,
        json!({"RefreshToken": "old", "ClientId": "client123", "ClientSecret": "test-client-secret-not-real"})
    );
    let tokens = cognito.tokens();
    assert_eq!(tokens.refresh_token.unwrap().expose_secret(), "rotated");
    assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
    assert_eq!(
        tokens.expires_in,
        Some(60),
        "from exp when ExpiresIn is absent"
    );
}
