//! Identity-pool credentials (`cognito::identity`) replayed from
//! `fixtures/constructed/identity/`, which `scripts/gen/identity_fixtures.py`
//! constructs from the Cognito Identity API reference: moto 5.2.5 checks
//! neither the `Logins` map nor whether a pool allows guests, so its refusals
//! can only be tested this way. The replay checks every request body.

use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use cognito::identity::IdentityCredentials;
use cognito::test_util::{Fixture, ReplayTransport};
use cognito::{Cognito, Error, ErrorCode};

fn fixture(name: &str) -> (Fixture, ReplayTransport) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/constructed/identity")
        .join(format!("{name}.json"));
    let fixture = Fixture::from_file(&path).unwrap();
    assert!(
        fixture.source.starts_with("constructed") && fixture.source.contains("not a recording"),
        "{name}: the fixture says it is constructed"
    );
    (fixture, ReplayTransport::from_file(&path).unwrap())
}

fn clock() -> std::time::SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

fn no_env(_: &str) -> Option<String> {
    None
}

fn user(fixture: &Fixture) -> Cognito {
    Cognito::builder()
        .user_pool_id("eu-west-1_AbC123xyz")
        .client_id("synthetic-client")
        .id_token(fixture.context["id_token"].as_str())
        .clock(clock)
        .environment(no_env)
        .build()
        .unwrap()
}

/// The error's whole chain, `Display` and `Debug`, for secret checks.
fn chain(e: &Error) -> String {
    std::iter::successors(Some(e as &dyn std::error::Error), |e| e.source())
        .map(|e| format!("{e} / {e:?}\n"))
        .collect()
}

#[test]
fn guest_access_off_is_not_authorized() {
    let (fixture, replay) = fixture("guest_refused");
    let aws = IdentityCredentials::guest(&fixture.context["identity_pool_id"])
        .transport(replay.clone())
        .clock(clock)
        .environment(no_env)
        .build()
        .unwrap();
    let e = aws.credentials().unwrap_err();
    assert!(e.is_not_authorized(), "{e:?}");
    assert_eq!(
        e.to_string(),
        "NotAuthorizedException: Unauthenticated access is not supported for this identity pool."
    );
    assert_eq!(e.request_id(), Some("synthetic-request-1"));
    assert_eq!(aws.identity_id(), None);
    replay.finish().unwrap();
}

#[test]
fn a_wrong_logins_key_is_not_authorized_and_the_token_stays_out_of_the_error() {
    let (fixture, replay) = fixture("wrong_logins_key");
    let token = fixture.context["id_token"].clone();
    let aws = IdentityCredentials::for_user(&fixture.context["identity_pool_id"], &user(&fixture))
        .logins_key(&fixture.context["logins_key"])
        .transport(replay.clone())
        .environment(no_env)
        .build()
        .unwrap();
    let e = aws.credentials().unwrap_err();
    assert!(e.is_not_authorized(), "{e:?}");
    assert_eq!(
        e.to_string(),
        "NotAuthorizedException: Token is not from a supported provider of this identity pool."
    );
    assert!(!chain(&e).contains(&token), "{}", chain(&e));
    replay.finish().unwrap();
}

#[test]
fn a_user_gets_credentials_for_a_chosen_role_once() {
    let (fixture, replay) = fixture("user_credentials");
    let aws = IdentityCredentials::for_user(&fixture.context["identity_pool_id"], &user(&fixture))
        .custom_role_arn("arn:aws:iam::123456789012:role/synthetic-uploader")
        .refresh_margin(Duration::from_secs(60))
        .transport(replay.clone())
        .environment(no_env)
        .build()
        .unwrap();
    let creds = aws.credentials().unwrap();
    assert_eq!(creds.access_key_id(), "ASIASYNTHETICEXAMPLE");
    assert_eq!(
        creds.secret_access_key().expose_secret(),
        "synthetic-secret-key-not-real"
    );
    assert_eq!(
        creds.session_token().map(|t| t.expose_secret()),
        Some("synthetic-session-token-not-real")
    );
    assert_eq!(
        creds.expires_at(),
        Some(UNIX_EPOCH + Duration::from_millis(1_700_003_600_500))
    );
    // Served from the cache: the replay has no third exchange.
    assert_eq!(aws.credentials().unwrap(), creds);
    assert_eq!(
        aws.identity_id().as_deref(),
        Some("eu-west-1:11111111-2222-4333-8444-555555555555")
    );
    replay.finish().unwrap();
}

#[test]
fn a_role_the_pool_cannot_assume_is_named() {
    let (fixture, replay) = fixture("role_not_assumable");
    let aws = IdentityCredentials::guest(&fixture.context["identity_pool_id"])
        .transport(replay.clone())
        .clock(clock)
        .environment(no_env)
        .build()
        .unwrap();
    let e = aws.credentials().unwrap_err();
    assert_eq!(
        e.service_code(),
        Some(&ErrorCode::Unknown(
            "InvalidIdentityPoolConfigurationException".into()
        ))
    );
    assert_eq!(e.status(), Some(400));
    replay.finish().unwrap();
}
