//! Live tests against cognito-local 5.3.0 on loopback.
//!
//! `scripts/test` starts cognito-local on a free port, in a fresh directory whose
//! `.cognito/config.json` turns off the default email usernames, with a fixed `CODE`, and sets
//! `COGNITO_TEST_LOCAL_ENDPOINT` and `COGNITO_TEST_LOCAL_CODE`. By hand:
//! `eval "$(scripts/emulators/start-cognito-local)"`;
//! `cargo test --features live --test live_cognito_local; scripts/emulators/stop-cognito-local`.
//!
//! Every test makes its own pool. What cognito-local does (team notes on the peers, pinned
//! version): pool ids are `local_XXXXXXXX`, so the region is passed explicitly as `local`; it
//! checks confirmation codes (they all equal `CODE`); a wrong password is
//! `InvalidPasswordException` (real Cognito says `NotAuthorizedException`); operations it lacks
//! answer HTTP 500 with `__type` `CognitoLocal#Unsupported`; it ignores SigV4.
// Tests say what broke by panicking.

use crate::support as live_support;

use cognito::{Cognito, Error, ErrorCode};
use live_support::{
    credentials, is_jwt, local_code as code, local_endpoint as endpoint, public_pool, str_at, Pool,
    Spy, LOCAL_REGION as REGION,
};
use serde_json::{json, Value};

const PASSWORD: &str = "Passw0rd!";

/// A handle for the admin side. cognito-local ignores signatures, but the calls are signed
/// as the model says, for region `local`.
fn admin() -> Cognito {
    live_support::admin(REGION, &endpoint())
}

fn create_pool(admin: &Cognito, name: &str) -> Pool {
    public_pool(admin, &json!({ "PoolName": name }), &[])
}

/// A handle for the user side: pool id and client id only (the region `local` comes from the
/// pool id), no credentials and no environment. Its requests are noted.
fn user_side(pool: &Pool) -> (Cognito, Spy) {
    let spy = Spy::default();
    let handle = Cognito::builder()
        .user_pool_id(&pool.id)
        .client_id(&pool.client_id)
        .endpoint(endpoint())
        .environment(|_| None)
        .transport(spy.transport())
        .build()
        .expect("the user-side handle builds");
    (handle, spy)
}

fn sign_up(user: &Cognito, pool: &Pool, username: &str) -> Value {
    user.call(
        "SignUp",
        &json!({ "ClientId": pool.client_id, "Username": username, "Password": PASSWORD }),
    )
    .expect("SignUp succeeds without credentials")
}

fn confirm(user: &Cognito, pool: &Pool, username: &str, code: &str) -> Result<Value, Error> {
    user.call(
        "ConfirmSignUp",
        &json!({ "ClientId": pool.client_id, "Username": username, "ConfirmationCode": code }),
    )
}

fn password_auth(
    user: &Cognito,
    pool: &Pool,
    username: &str,
    password: &str,
) -> Result<Value, Error> {
    user.call(
        "InitiateAuth",
        &json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": pool.client_id,
            "AuthParameters": { "USERNAME": username, "PASSWORD": password },
        }),
    )
}

fn service_error(err: &Error) -> &cognito::ServiceError {
    match err {
        Error::Service(e) => e,
        other => panic!("expected a service error, got {other:?}"),
    }
}

#[test]
fn pools_and_clients_are_created_in_region_local() {
    let admin = admin();
    let reply = admin
        .call("CreateUserPool", &json!({ "PoolName": "live-local-pool" }))
        .expect("CreateUserPool succeeds");
    let pool_id = str_at(&reply, "/UserPool/Id", "CreateUserPool");
    let suffix = pool_id
        .strip_prefix("local_")
        .unwrap_or_else(|| panic!("cognito-local pool ids start with local_: {pool_id}"));
    assert!(
        !suffix.is_empty() && suffix.bytes().all(|b| b.is_ascii_alphanumeric()),
        "pool id suffix is alphanumeric: {pool_id}"
    );
    let username_attributes = reply.pointer("/UserPool/UsernameAttributes");
    assert!(
        username_attributes.is_none() || username_attributes == Some(&json!([])),
        "the config file turned off email usernames: {reply}"
    );

    let client = admin
        .call(
            "CreateUserPoolClient",
            &json!({ "UserPoolId": pool_id, "ClientName": "public" }),
        )
        .expect("CreateUserPoolClient succeeds");
    let client_id = str_at(&client, "/UserPoolClient/ClientId", "CreateUserPoolClient");
    assert!(!client_id.is_empty(), "a client id came back");

    // The pool id alone gives the region `local`, which an endpoint override allows.
    let handle = Cognito::builder()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .endpoint(endpoint())
        .credentials(credentials())
        .build()
        .expect("a handle with a local_ pool id builds");
    assert_eq!(handle.region(), REGION, "region from the pool id");
    let described = handle
        .call("DescribeUserPool", &json!({ "UserPoolId": pool_id }))
        .expect("DescribeUserPool succeeds");
    assert_eq!(
        str_at(&described, "/UserPool/Id", "DescribeUserPool"),
        pool_id,
        "the pool reads back"
    );
}

#[test]
fn confirm_sign_up_checks_the_code() {
    let admin = admin();
    let pool = create_pool(&admin, "live-local-confirm");
    let (user, seen) = user_side(&pool);
    assert!(
        matches!(user.credentials(), Err(Error::Credentials(_))),
        "the user-side handle has no AWS credentials at all"
    );

    let signed_up = sign_up(&user, &pool, "alice");
    assert_eq!(
        signed_up["UserConfirmed"],
        json!(false),
        "UserConfirmed: {signed_up}"
    );

    let right = code();
    // Every digit moved by one: a code of the same shape that is certainly different.
    let wrong: String = right
        .bytes()
        .map(|b| char::from(b'0' + (b - b'0' + 1) % 10))
        .collect();
    let err = confirm(&user, &pool, "alice", &wrong).expect_err("a wrong code is refused");
    let e = service_error(&err);
    assert_eq!(e.code(), &ErrorCode::CodeMismatchException, "code: {err:?}");
    assert_eq!(e.status(), 400, "status");
    assert!(err.is_bad_code(), "is_bad_code");

    confirm(&user, &pool, "alice", &right).expect("the right code confirms the user");
    let got = admin
        .call(
            "AdminGetUser",
            &json!({ "UserPoolId": pool.id, "Username": "alice" }),
        )
        .expect("AdminGetUser succeeds");
    assert_eq!(got["UserStatus"], json!("CONFIRMED"), "UserStatus: {got}");

    let seen: Vec<Option<String>> = seen.all().into_iter().map(|s| s.authorization).collect();
    assert_eq!(seen.len(), 3, "SignUp and two ConfirmSignUp calls");
    assert!(
        seen.iter().all(Option::is_none),
        "user-side calls carry no Authorization header: {seen:?}"
    );
}

#[test]
fn user_password_auth_refuses_a_wrong_password_then_gives_tokens() {
    let admin = admin();
    let pool = create_pool(&admin, "live-local-password-auth");
    let (user, _) = user_side(&pool);
    sign_up(&user, &pool, "bob");
    confirm(&user, &pool, "bob", &code()).expect("ConfirmSignUp succeeds");

    let err = password_auth(&user, &pool, "bob", "Wr0ng-password")
        .expect_err("a wrong password is refused");
    let e = service_error(&err);
    // cognito-local's deviation: real Cognito says NotAuthorizedException.
    assert_eq!(
        e.code(),
        &ErrorCode::InvalidPasswordException,
        "code: {err:?}"
    );
    assert_eq!(e.status(), 400, "status");
    assert!(
        !format!("{err} {err:?}").contains("Wr0ng-password"),
        "the password appears nowhere in the error"
    );

    let reply = password_auth(&user, &pool, "bob", PASSWORD).expect("the right password signs in");
    let access = str_at(&reply, "/AuthenticationResult/AccessToken", "InitiateAuth");
    let id = str_at(&reply, "/AuthenticationResult/IdToken", "InitiateAuth");
    let refresh = str_at(&reply, "/AuthenticationResult/RefreshToken", "InitiateAuth");
    assert!(is_jwt(&access), "the access token is a JWT");
    assert!(is_jwt(&id), "the id token is a JWT");
    assert!(
        is_jwt(&refresh),
        "cognito-local's refresh token is a JWT too"
    );

    let me = user
        .call("GetUser", &json!({ "AccessToken": access }))
        .expect("GetUser accepts the access token");
    assert_eq!(me["Username"], json!("bob"), "GetUser's Username");
}

#[test]
fn an_unsupported_operation_maps_to_an_unknown_code() {
    let admin = admin();
    let pool = create_pool(&admin, "live-local-unsupported");
    let (user, _) = user_side(&pool);
    sign_up(&user, &pool, "carol");

    // cognito-local 5.3.0 has no ResendConfirmationCode: HTTP 500,
    // {"__type":"CognitoLocal#Unsupported","message":"Cognito Local unsupported feature: …"}.
    let err = user
        .call(
            "ResendConfirmationCode",
            &json!({ "ClientId": pool.client_id, "Username": "carol" }),
        )
        .expect_err("cognito-local does not implement ResendConfirmationCode");
    let e = service_error(&err);
    assert_eq!(
        e.code(),
        &ErrorCode::Unknown("Unsupported".into()),
        "code: {err:?}"
    );
    assert_eq!(e.status(), 500, "status");
    assert!(
        e.message().unwrap_or_default().contains("unsupported"),
        "the message says why: {err:?}"
    );
}
