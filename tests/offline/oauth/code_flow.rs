//! The authorization-code grant with PKCE, replayed from fixtures/oauth/
//! (constructed from Cognito's documented request and response shapes, and
//! signed with a synthetic key; see each fixture's `source`): the request
//! bytes, the id token's verification and nonce, the tokens on the handle
//! (GetUser, renewal through the token endpoint), userInfo, revocation and
//! the OAuth errors.

use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use cognito::oauth::{Domain, OAuth, OAuthErrorCode};
use cognito::test_util::{Fixture, ReplayTransport};
use cognito::{Cognito, Error};

fn fixture(name: &str) -> Fixture {
    Fixture::from_file(format!(
        "{}/fixtures/oauth/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

struct Rig {
    cognito: Cognito,
    oauth: OAuth,
    replay: ReplayTransport,
    clock: Arc<AtomicU64>,
    fixture: Fixture,
}

/// A handle on `client` (with `secret`), its random source giving 0, 1, 2, …
/// and its clock at the fixture's `now` + 100 s.
fn rig(name: &str, client: &str, secret: Option<&str>) -> Rig {
    let fixture = fixture(name);
    let ctx = |k: &str| fixture.context[k].clone();
    let replay = ReplayTransport::new(fixture.clone());
    let now: u64 = ctx("now").parse().unwrap();
    let clock = Arc::new(AtomicU64::new(now + 100));
    let counter = Arc::new(AtomicU8::new(0));
    let mut builder = Cognito::builder()
        .user_pool_id(ctx("user_pool_id"))
        .client_id(ctx(client))
        .transport(replay.clone())
        .random(move |buf: &mut [u8]| {
            buf.iter_mut()
                .for_each(|b| *b = counter.fetch_add(1, Ordering::SeqCst));
            Ok(())
        });
    let at = Arc::clone(&clock);
    builder = builder.clock(move || UNIX_EPOCH + Duration::from_secs(at.load(Ordering::SeqCst)));
    if let Some(secret) = secret {
        builder = builder.client_secret(secret);
    }
    let cognito = builder.build().unwrap();
    let oauth = OAuth::new(&cognito, Domain::parse(&ctx("domain")).unwrap());
    Rig {
        cognito,
        oauth,
        replay,
        clock,
        fixture,
    }
}

fn oauth_code(e: &Error) -> Option<&str> {
    e.oauth_code().map(OAuthErrorCode::as_str)
}

#[test]
fn public_client_whole_life() {
    let r = rig("code_flow_public.json", "public_client_id", None);
    let ctx = |k: &str| r.fixture.context[k].clone();
    let pending = r
        .oauth
        .start(r.oauth.authorize(ctx("redirect_uri")).unwrap().scopes([
            "openid",
            "email",
            "aws.cognito.signin.user.admin",
        ]))
        .unwrap();
    assert_eq!(pending.state(), ctx("state"));
    assert_eq!(pending.nonce(), ctx("nonce"));
    assert_eq!(
        pending.url(),
        format!(
            "https://my-app.auth.us-east-1.amazoncognito.com/oauth2/authorize?response_type=code\
             &client_id=4publicclient00000000000aa&redirect_uri=http%3A%2F%2Flocalhost%3A8400%2Fcallback\
             &scope=openid%20email%20aws.cognito.signin.user.admin&state={}&nonce={}\
             &code_challenge={}&code_challenge_method=S256",
            ctx("state"),
            ctx("nonce"),
            pending.verifier().challenge()
        )
    );
    // A forged redirect is refused before anything is sent.
    let forged = r
        .oauth
        .complete(
            &pending,
            "http://localhost:8400/callback?code=x&state=forged",
        )
        .unwrap_err();
    assert_eq!(oauth_code(&forged), Some("state_mismatch"));
    assert_eq!(r.replay.remaining(), r.fixture.exchanges.len());

    let redirect = format!(
        "http://localhost:8400/callback?code=code-public-1&state={}",
        ctx("state")
    );
    let tokens = r.oauth.complete(&pending, &redirect).unwrap();
    assert_eq!(tokens.username.as_deref(), Some("alice"));
    assert_eq!(tokens.expires_in, Some(3600));
    assert!(tokens.id_token.is_some() && tokens.refresh_token.is_some());
    assert_eq!(r.cognito.tokens(), tokens, "stored on the handle");

    // The handle's own calls work on them.
    let user = r.cognito.get_user().unwrap();
    assert_eq!(user.username, "alice");
    assert!(!r.cognito.check_token().unwrap(), "fresh");

    // Expired: check_token renews at the token endpoint, keeping the refresh token.
    r.clock.fetch_add(4000, Ordering::SeqCst);
    assert!(r.cognito.check_token().unwrap());
    assert_ne!(r.cognito.access_token(), tokens.access_token);
    assert_eq!(r.cognito.refresh_token(), tokens.refresh_token);

    let info = r.oauth.user_info().unwrap();
    assert_eq!(info["email"], "alice@example.com");

    r.oauth.revoke().unwrap();
    let refused = r.oauth.refresh().unwrap_err();
    assert_eq!(oauth_code(&refused), Some("invalid_grant"));
    assert_eq!(refused.to_string(), "invalid_grant");
    assert_eq!(refused.status(), Some(400));
    r.replay.finish().unwrap();
}

#[test]
fn secret_client_basic_auth_and_nonce() {
    let r = rig(
        "code_flow_secret.json",
        "secret_client_id",
        Some("wrong-secret-not-real"),
    );
    let ctx = |k: &str| r.fixture.context[k].clone();
    let pending = r
        .oauth
        .start(r.oauth.authorize(ctx("redirect_uri")).unwrap())
        .unwrap();
    let redirect = format!("/callback?code=code-secret-1&state={}", ctx("state"));
    let err = r.oauth.complete(&pending, &redirect).unwrap_err();
    assert_eq!(oauth_code(&err), Some("invalid_client"));
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains("wrong-secret") && !shown.contains("code-secret-1"),
        "{shown}"
    );
    assert!(r.cognito.tokens().access_token.is_none(), "nothing stored");

    // The same replay, now with the right secret (a second handle, same random sequence).
    let good = Cognito::builder()
        .user_pool_id(ctx("user_pool_id"))
        .client_id(ctx("secret_client_id"))
        .client_secret("synthetic-client-secret-not-real")
        .transport(r.replay.clone())
        .random({
            let counter = AtomicU8::new(0);
            move |buf: &mut [u8]| {
                buf.iter_mut()
                    .for_each(|b| *b = counter.fetch_add(1, Ordering::SeqCst));
                Ok(())
            }
        })
        .clock(|| UNIX_EPOCH + Duration::from_secs(1_700_000_100))
        .build()
        .unwrap();
    let oauth = OAuth::new(&good, Domain::parse(&ctx("domain")).unwrap());
    let pending = oauth
        .start(oauth.authorize(ctx("redirect_uri")).unwrap())
        .unwrap();
    oauth.complete(&pending, &redirect).unwrap();
    assert!(good.id_token().is_some());

    // An id token carrying another sign-in's nonce is refused and not stored.
    let before = good.tokens();
    let again = format!("/callback?code=code-secret-2&state={}", ctx("state"));
    let replayed = oauth.complete(&pending, &again).unwrap_err();
    assert_eq!(oauth_code(&replayed), Some("nonce_mismatch"));
    assert_eq!(good.tokens(), before);
    r.replay.finish().unwrap();
}

#[test]
fn reused_code_narrow_scope_and_redirect_errors() {
    let r = rig("code_flow_refused.json", "public_client_id", None);
    let ctx = |k: &str| r.fixture.context[k].clone();
    let pending = r
        .oauth
        .start(r.oauth.authorize(ctx("redirect_uri")).unwrap())
        .unwrap();
    let state = ctx("state");
    let reused = r
        .oauth
        .complete(&pending, &format!("?code=code-used-once&state={state}"))
        .unwrap_err();
    assert_eq!(oauth_code(&reused), Some("invalid_grant"));
    // Tokens without aws.cognito.signin.user.admin: stored, but GetUser is refused.
    r.oauth
        .complete(&pending, &format!("?code=code-openid-only&state={state}"))
        .unwrap();
    let refused = r.cognito.get_user().unwrap_err();
    assert!(refused.is_not_authorized(), "{refused:?}");
    assert_eq!(
        refused.to_string(),
        "NotAuthorizedException: Access Token does not have required scopes"
    );
    // A redirect carrying the user's refusal: the error and its description.
    let denied = pending
        .parse_redirect(&format!(
            "http://localhost:8400/callback?error=access_denied&error_description=User+cancelled&state={state}"
        ))
        .unwrap_err();
    assert_eq!(denied.to_string(), "access_denied: User cancelled");
    assert_eq!(denied.status(), None);
    // No state at all is a mismatch too; no code is invalid_request.
    let stateless = pending.parse_redirect("?error=access_denied").unwrap_err();
    assert_eq!(oauth_code(&stateless), Some("state_mismatch"));
    let codeless = pending
        .parse_redirect(&format!("?state={state}"))
        .unwrap_err();
    assert_eq!(oauth_code(&codeless), Some("invalid_request"));
    r.replay.finish().unwrap();
}

#[test]
fn domains_and_urls() {
    let gov = Domain::prefix("my-app", "us-gov-west-1").unwrap();
    assert_eq!(
        gov.base_url(),
        "https://my-app.auth-fips.us-gov-west-1.amazoncognito.com"
    );
    let cn = Domain::prefix("my-app", "cn-north-1").unwrap();
    assert_eq!(
        cn.base_url(),
        "https://my-app.auth.cn-north-1.amazoncognito.com.cn"
    );
    assert!(Domain::prefix("My_App", "us-east-1").is_err());
    assert!(Domain::prefix("-app", "us-east-1").is_err());
    assert!(Domain::prefix("app", "us-iso-east-1").is_err());
    assert!(Domain::parse("ftp://x").is_err());
    assert!(Domain::parse("https://x/?a=b").is_err());
    let custom = Domain::parse("auth.example.com").unwrap();
    assert_eq!(
        custom.revoke_endpoint(),
        "https://auth.example.com/oauth2/revoke"
    );
    assert_eq!(
        custom.user_info_endpoint(),
        "https://auth.example.com/oauth2/userInfo"
    );

    let cognito = Cognito::new("us-east-1_OAuthPool1", "4publicclient00000000000aa").unwrap();
    let oauth = OAuth::new(&cognito, custom);
    assert_eq!(
        oauth.logout_url("https://app.example.com/bye").unwrap(),
        "https://auth.example.com/logout?client_id=4publicclient00000000000aa\
         &logout_uri=https%3A%2F%2Fapp.example.com%2Fbye"
    );
    assert_eq!(
        cognito::oauth::discovery_url("us-gov-west-1_AbC").unwrap(),
        "https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_AbC/.well-known/openid-configuration"
    );
}
