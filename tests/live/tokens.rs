//! Live token verification: tokens minted by moto verified against moto's key
//! set with the AWS-form issuer (moto issues AWS issuers but serves its keys on
//! loopback), and tokens minted by cognito-local verified with its loopback
//! issuer set explicitly. Env: COGNITO_TEST_MOTO_ENDPOINT, COGNITO_TEST_LOCAL_ENDPOINT
//! (scripts/test sets both).

use crate::support as live_support;

use cognito::jwt::TokenUse;
use cognito::verify::VerifyError;
use cognito::{Attributes, AuthResult, Cognito, CreateUserOptions, Error, TokenVerifier};
use live_support::{admin, local_endpoint, moto_endpoint, pool_admin, public_pool};
use serde_json::json;

const PASSWORD: &str = "Test-Passw0rd!";

/// Creates a pool, a public client and a confirmed user; returns (pool, client, a signed-in handle).
fn signed_in(endpoint: &str, region: &str, pool_name: &str) -> (String, String, Cognito) {
    let pool = public_pool(
        &admin(region, endpoint),
        &json!({"PoolName": pool_name}),
        &["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    );
    let (pool_id, client_id) = (pool.id, pool.client_id);
    let admin = pool_admin(region, endpoint, &pool_id);
    admin
        .admin_create_user(
            "tokens-user",
            &Attributes::new().with("email", "tokens-user@example.com"),
            &CreateUserOptions {
                message_action: Some(cognito::types::MessageActionType::Suppress),
                ..Default::default()
            },
        )
        .unwrap();
    admin
        .admin_set_user_password("tokens-user", PASSWORD, true)
        .unwrap();
    let user = Cognito::builder()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .region(region)
        .endpoint(endpoint)
        .username("tokens-user")
        .build()
        .unwrap();
    assert!(matches!(
        user.authenticate_user_password(PASSWORD).unwrap(),
        AuthResult::Authenticated
    ));
    (pool_id, client_id, user)
}

#[test]
fn moto_tokens_verify_against_moto_keys_with_the_aws_issuer() {
    let endpoint = moto_endpoint();
    let (pool_id, client_id, user) = signed_in(&endpoint, "us-east-1", "tokens-moto");
    let verified = user.verify_tokens().unwrap();
    let access = verified.access.unwrap();
    assert_eq!(
        access.iss.as_deref(),
        Some(format!("https://cognito-idp.us-east-1.amazonaws.com/{pool_id}").as_str())
    );
    assert_eq!(access.client_id.as_deref(), Some(client_id.as_str()));
    assert_eq!(
        verified.id.unwrap().cognito_username.as_deref(),
        Some("tokens-user")
    );

    // A server-side verifier: the same keys, fetched from the emulator.
    let verifier = TokenVerifier::builder(&pool_id)
        .client_id(&client_id)
        .endpoint(&endpoint)
        .build()
        .unwrap();
    let tokens = user.tokens();
    verifier
        .verify(tokens.access_token.as_ref().unwrap().expose_secret())
        .unwrap();
    verifier
        .verify_as(
            tokens.id_token.as_ref().unwrap().expose_secret(),
            TokenUse::Id,
        )
        .unwrap();
    let other_client = TokenVerifier::builder(&pool_id)
        .client_id("someoneelse")
        .endpoint(&endpoint)
        .build()
        .unwrap();
    assert!(matches!(
        other_client.verify(tokens.access_token.as_ref().unwrap().expose_secret()),
        Err(Error::Token(VerifyError::WrongClientId))
    ));
}

#[test]
fn cognito_local_tokens_verify_with_its_issuer_set() {
    let endpoint = local_endpoint();
    let (pool_id, client_id, user) = signed_in(&endpoint, "local", "tokens-local");
    let token = user.tokens().access_token.unwrap();
    let issuer = format!("{}/{pool_id}", endpoint.trim_end_matches('/'));
    let verifier = TokenVerifier::builder(&pool_id)
        .client_id(&client_id)
        .region("local")
        .issuer(&issuer)
        .endpoint(&endpoint)
        .build()
        .unwrap();
    let claims = verifier.verify(token.expose_secret()).unwrap();
    assert_eq!(claims.iss.as_deref(), Some(issuer.as_str()));
    let id = user.tokens().id_token.unwrap();
    verifier
        .verify_as(id.expose_secret(), TokenUse::Id)
        .unwrap();

    // Without the explicit issuer the AWS forms are expected, and refused.
    let aws_form = TokenVerifier::builder(&pool_id)
        .client_id(&client_id)
        .region("local")
        .endpoint(&endpoint)
        .build()
        .unwrap();
    assert!(matches!(
        aws_form.verify(token.expose_secret()),
        Err(Error::Token(VerifyError::WrongIssuer))
    ));
}
