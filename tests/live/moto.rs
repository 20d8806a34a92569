//! Live tests against moto 5.2.5 (`moto_server` on loopback).
//!
//! `scripts/test` starts moto on a free port and sets `COGNITO_TEST_MOTO_ENDPOINT`. By hand:
//! `eval "$(scripts/emulators/start-moto)"; cargo test --features live --test live_moto;
//! scripts/emulators/stop-moto`.
//!
//! Every test makes its own pool, so they run in parallel and in any order. What moto checks and
//! what it does not (team notes on the peers, pinned version): it ignores SigV4 signatures but
//! picks its backend from the credential scope's region, accepts any sign-up confirmation code,
//! answers a wrong password with a JSON `NotAuthorizedException` (HTTP 400, `x-amzn-requestid`),
//! and answers operations it does not implement with an HTML page and HTTP 500.
// Tests say what broke by panicking.

use crate::support as live_support;

use cognito::{Cognito, Error, ErrorCode, Transport, UreqTransport};
use live_support::{
    credentials, is_jwt, moto_endpoint as endpoint, public_pool, str_at, Pool, Spy, MOTO_REGION,
};
use serde_json::json;

const REGION: &str = MOTO_REGION;
/// Meets moto's default password policy (upper, lower, digit, symbol, at least 8).
const PASSWORD: &str = "Passw0rd!";
const FLOWS: [&str; 3] = [
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
];

/// A handle for the admin side: static keys, region us-east-1, no pool.
fn admin() -> Cognito {
    live_support::admin(REGION, &endpoint())
}

fn create_pool(admin: &Cognito, name: &str) -> Pool {
    public_pool(admin, &json!({ "PoolName": name }), &FLOWS)
}

/// A handle for the user side: pool and client only. No credentials are configured and the
/// handle sees no environment at all, so a call that tried to sign would fail.
fn user_side(pool: &Pool, transport: impl Transport + 'static) -> Cognito {
    Cognito::builder()
        .user_pool_id(&pool.id)
        .client_id(&pool.client_id)
        .endpoint(endpoint())
        .environment(|_| None)
        .transport(transport)
        .build()
        .expect("the user-side handle builds")
}

/// Signs `username` up through the user side and confirms them through the admin side.
fn confirmed_user(admin: &Cognito, pool: &Pool, username: &str) {
    let user = user_side(pool, UreqTransport::new());
    user.call(
        "SignUp",
        &json!({
            "ClientId": pool.client_id,
            "Username": username,
            "Password": PASSWORD,
            "UserAttributes": [{ "Name": "email", "Value": format!("{username}@example.com") }],
        }),
    )
    .expect("SignUp succeeds");
    admin
        .call(
            "AdminConfirmSignUp",
            &json!({ "UserPoolId": pool.id, "Username": username }),
        )
        .expect("AdminConfirmSignUp succeeds");
}

#[test]
fn signed_raw_calls_create_a_pool_and_both_kinds_of_client() {
    let spy = Spy::default();
    let admin = Cognito::builder()
        .region(REGION)
        .endpoint(endpoint())
        .credentials(credentials())
        .transport(spy.transport())
        .build()
        .expect("the admin handle builds");

    let pool = admin
        .call(
            "CreateUserPool",
            &json!({ "PoolName": "live-moto-clients" }),
        )
        .expect("CreateUserPool succeeds");
    let pool_id = str_at(&pool, "/UserPool/Id", "CreateUserPool");
    let public = admin
        .call(
            "CreateUserPoolClient",
            &json!({ "UserPoolId": pool_id, "ClientName": "public", "GenerateSecret": false }),
        )
        .expect("CreateUserPoolClient (public) succeeds");
    let secret = admin
        .call(
            "CreateUserPoolClient",
            &json!({ "UserPoolId": pool_id, "ClientName": "confidential", "GenerateSecret": true }),
        )
        .expect("CreateUserPoolClient (with secret) succeeds");

    let public_id = str_at(&public, "/UserPoolClient/ClientId", "public client");
    assert_eq!(
        public_id.len(),
        26,
        "moto client ids are 26 characters: {public_id}"
    );
    assert!(
        public.pointer("/UserPoolClient/ClientSecret").is_none(),
        "a public client has no secret: {public}"
    );
    let secret_id = str_at(&secret, "/UserPoolClient/ClientId", "secret client");
    let client_secret = str_at(&secret, "/UserPoolClient/ClientSecret", "secret client");
    assert!(
        !client_secret.is_empty(),
        "the confidential client has a secret"
    );

    let described = admin
        .call(
            "DescribeUserPoolClient",
            &json!({ "UserPoolId": pool_id, "ClientId": secret_id }),
        )
        .expect("DescribeUserPoolClient succeeds");
    assert_eq!(
        str_at(
            &described,
            "/UserPoolClient/ClientSecret",
            "DescribeUserPoolClient"
        ),
        client_secret,
        "the secret reads back"
    );

    let seen = spy.all();
    let operations: Vec<&str> = seen.iter().map(|s| s.operation.as_str()).collect();
    assert_eq!(
        operations,
        [
            "CreateUserPool",
            "CreateUserPoolClient",
            "CreateUserPoolClient",
            "DescribeUserPoolClient"
        ],
        "operations sent"
    );
    for s in &seen {
        let auth = s
            .authorization
            .as_deref()
            .unwrap_or_else(|| panic!("{} went unsigned", s.operation));
        assert!(
            auth.starts_with("AWS4-HMAC-SHA256 Credential=testing/")
                && auth.contains("/us-east-1/cognito-idp/aws4_request"),
            "{} is signed with the key and scope us-east-1/cognito-idp: {auth}",
            s.operation
        );
    }
}

#[test]
fn a_moto_pool_id_builds_and_gives_the_region() {
    let admin = admin();
    let pool = create_pool(&admin, "live-moto-pool-id");
    let (prefix, suffix) = pool.id.split_once('_').expect("pool id has an underscore");
    assert_eq!(prefix, REGION, "pool id prefix: {}", pool.id);
    assert!(
        suffix.len() == 32 && suffix.bytes().all(|b| b.is_ascii_hexdigit()),
        "moto pool ids end in 32 hex digits: {}",
        pool.id
    );

    // No region set: it comes from the pool id, and admin calls are signed for it (moto would
    // look in another region's backend otherwise and say ResourceNotFoundException).
    let handle = Cognito::builder()
        .user_pool_id(&pool.id)
        .client_id(&pool.client_id)
        .endpoint(endpoint())
        .credentials(credentials())
        .build()
        .expect("a handle with a moto pool id builds");
    assert_eq!(handle.region(), REGION, "region from the pool id");
    assert_eq!(
        handle.user_pool_id(),
        Some(pool.id.as_str()),
        "pool id kept"
    );
    let described = handle
        .call("DescribeUserPool", &json!({ "UserPoolId": pool.id }))
        .expect("DescribeUserPool succeeds with the region from the pool id");
    assert_eq!(
        str_at(&described, "/UserPool/Id", "DescribeUserPool"),
        pool.id,
        "the pool reads back"
    );
}

#[test]
fn sign_up_goes_unsigned_with_no_credentials_anywhere_and_admin_calls_read_it_back() {
    let admin = admin();
    let pool = create_pool(&admin, "live-moto-sign-up");
    let spy = Spy::default();
    let user = user_side(&pool, spy.transport());
    assert!(
        matches!(user.credentials(), Err(Error::Credentials(_))),
        "the user-side handle has no AWS credentials at all"
    );

    let signed_up = user
        .call(
            "SignUp",
            &json!({
                "ClientId": pool.client_id,
                "Username": "alice",
                "Password": PASSWORD,
                "UserAttributes": [{ "Name": "email", "Value": "alice@example.com" }],
            }),
        )
        .expect("SignUp succeeds without credentials");
    assert_eq!(
        signed_up["UserConfirmed"],
        json!(false),
        "UserConfirmed: {signed_up}"
    );
    let sub = str_at(&signed_up, "/UserSub", "SignUp");
    {
        let seen = spy.all();
        assert_eq!(seen.len(), 1, "one request: {seen:?}");
        assert_eq!(seen[0].operation, "SignUp", "operation");
        assert_eq!(
            seen[0].authorization, None,
            "SignUp carries no Authorization header"
        );
    }

    admin
        .call(
            "AdminConfirmSignUp",
            &json!({ "UserPoolId": pool.id, "Username": "alice" }),
        )
        .expect("AdminConfirmSignUp succeeds");
    let user = admin
        .call(
            "AdminGetUser",
            &json!({ "UserPoolId": pool.id, "Username": "alice" }),
        )
        .expect("AdminGetUser succeeds");
    assert_eq!(user["Username"], json!("alice"), "Username: {user}");
    assert_eq!(user["UserStatus"], json!("CONFIRMED"), "UserStatus: {user}");
    let attributes = user["UserAttributes"]
        .as_array()
        .expect("UserAttributes is a list");
    let attribute = |name: &str| {
        attributes
            .iter()
            .find(|a| a["Name"] == name)
            .and_then(|a| a["Value"].as_str())
            .map(str::to_owned)
    };
    assert_eq!(
        attribute("email").as_deref(),
        Some("alice@example.com"),
        "email"
    );
    assert_eq!(attribute("sub"), Some(sub), "sub matches SignUp's UserSub");
}

#[test]
fn user_password_auth_gives_tokens_that_get_user_accepts() {
    let admin = admin();
    let pool = create_pool(&admin, "live-moto-password-auth");
    confirmed_user(&admin, &pool, "bob");
    let user = user_side(&pool, UreqTransport::new());

    let reply = user
        .call(
            "InitiateAuth",
            &json!({
                "AuthFlow": "USER_PASSWORD_AUTH",
                "ClientId": pool.client_id,
                "AuthParameters": { "USERNAME": "bob", "PASSWORD": PASSWORD },
            }),
        )
        .expect("InitiateAuth USER_PASSWORD_AUTH succeeds");
    let access = str_at(&reply, "/AuthenticationResult/AccessToken", "InitiateAuth");
    let id = str_at(&reply, "/AuthenticationResult/IdToken", "InitiateAuth");
    let refresh = str_at(&reply, "/AuthenticationResult/RefreshToken", "InitiateAuth");
    assert!(is_jwt(&access), "the access token is a JWT");
    assert!(is_jwt(&id), "the id token is a JWT");
    assert!(!refresh.is_empty(), "a refresh token came back");
    assert_eq!(
        reply.pointer("/AuthenticationResult/TokenType"),
        Some(&json!("Bearer")),
        "TokenType"
    );

    let me = user
        .call("GetUser", &json!({ "AccessToken": access }))
        .expect("GetUser accepts the access token");
    assert_eq!(me["Username"], json!("bob"), "GetUser's Username");
}

#[test]
fn a_wrong_password_is_not_authorized_with_status_and_request_id() {
    let admin = admin();
    let pool = create_pool(&admin, "live-moto-wrong-password");
    confirmed_user(&admin, &pool, "carol");
    let user = user_side(&pool, UreqTransport::new());

    let err = user
        .call(
            "InitiateAuth",
            &json!({
                "AuthFlow": "USER_PASSWORD_AUTH",
                "ClientId": pool.client_id,
                "AuthParameters": { "USERNAME": "carol", "PASSWORD": "Wr0ng-password" },
            }),
        )
        .expect_err("a wrong password is refused");
    assert!(err.is_not_authorized(), "is_not_authorized: {err:?}");
    assert_eq!(
        err.service_code(),
        Some(&ErrorCode::NotAuthorizedException),
        "service_code"
    );
    match &err {
        Error::Service(e) => {
            assert_eq!(e.code(), &ErrorCode::NotAuthorizedException, "code");
            assert_eq!(e.status(), 400, "status");
            assert_eq!(
                e.message(),
                Some("Incorrect username or password."),
                "message"
            );
            let request_id = e.request_id().expect("moto sends x-amzn-requestid");
            assert!(!request_id.is_empty(), "request id is not empty");
        }
        other => panic!("expected a service error, got {other:?}"),
    }
    assert!(
        !format!("{err} {err:?}").contains("Wr0ng-password"),
        "the password appears nowhere in the error"
    );
}

#[test]
fn an_unimplemented_operation_gives_an_html_500_as_an_http_error() {
    let admin = admin();
    let pool = create_pool(&admin, "live-moto-unimplemented");
    let user = user_side(&pool, UreqTransport::new());

    // moto 5.2.5 has no ResendConfirmationCode: Werkzeug answers 500 with an HTML page.
    let err = user
        .call(
            "ResendConfirmationCode",
            &json!({ "ClientId": pool.client_id, "Username": "nobody" }),
        )
        .expect_err("moto does not implement ResendConfirmationCode");
    assert_eq!(err.status(), Some(500), "status: {err:?}");
    assert_eq!(
        err.service_code(),
        None,
        "an HTML body has no service code: {err:?}"
    );
    match &err {
        Error::Http(e) => {
            assert_eq!(e.status(), 500, "status");
            assert!(
                !e.excerpt().is_empty(),
                "the excerpt shows the body's start"
            );
        }
        other => panic!("expected an HTTP (non-JSON) error, got {other:?}"),
    }
}

#[test]
fn list_users_pages_with_limit_and_pagination_token() {
    let admin = admin();
    let pool = create_pool(&admin, "live-moto-paging");
    let mut expected: Vec<String> = (1..=7).map(|i| format!("user{i}")).collect();
    for name in &expected {
        admin
            .call(
                "AdminCreateUser",
                &json!({ "UserPoolId": pool.id, "Username": name, "MessageAction": "SUPPRESS" }),
            )
            .expect("AdminCreateUser succeeds");
    }

    let mut names = Vec::new();
    let mut page_sizes = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut input = json!({ "UserPoolId": pool.id, "Limit": 3 });
        if let Some(t) = &token {
            input["PaginationToken"] = json!(t);
        }
        let page = admin.call("ListUsers", &input).expect("ListUsers succeeds");
        let users = page["Users"].as_array().expect("Users is a list");
        page_sizes.push(users.len());
        names.extend(users.iter().map(|u| str_at(u, "/Username", "ListUsers")));
        token = page["PaginationToken"].as_str().map(str::to_owned);
        if token.is_none() {
            break;
        }
        assert!(
            page_sizes.len() < 10,
            "paging ends: sizes so far {page_sizes:?}"
        );
    }

    assert_eq!(
        page_sizes,
        [3, 3, 1],
        "page sizes with Limit 3 over 7 users"
    );
    names.sort();
    expected.sort();
    assert_eq!(names, expected, "every user exactly once");
}
