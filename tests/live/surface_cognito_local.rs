//! The code-checking flows against cognito-local 5.3.0, which really checks
//! confirmation, recovery and verification codes (all equal to the `CODE` it
//! was started with): confirm sign-up, forgot password, attribute
//! verification, delete user and revoke. Env: COGNITO_TEST_LOCAL_ENDPOINT,
//! COGNITO_TEST_LOCAL_CODE (scripts/test sets both).

use crate::support as live_support;

use cognito::{Attributes, AuthResult, Cognito, ErrorCode};
use live_support::{
    admin, create_client, create_pool, local_code, local_endpoint, pool_admin, LOCAL_REGION,
};
use serde_json::json;

const PASSWORD: &str = "Test-Passw0rd!";
const NEW_PASSWORD: &str = "Test-N3w-Passw0rd!";

struct Setup {
    endpoint: String,
    code: String,
    pool_id: String,
    client_id: String,
}

impl Setup {
    /// A pool that auto-verifies email, and a public client.
    fn new(name: &str) -> Self {
        let endpoint = local_endpoint();
        let admin = admin(LOCAL_REGION, &endpoint);
        let pool_id = create_pool(
            &admin,
            &json!({"PoolName": name, "AutoVerifiedAttributes": ["email"]}),
        );
        let client_id =
            create_client(&admin, &json!({"UserPoolId": pool_id, "ClientName": "app"})).id;
        Setup {
            endpoint,
            code: local_code(),
            pool_id,
            client_id,
        }
    }

    fn user(&self, username: &str) -> Cognito {
        Cognito::builder()
            .user_pool_id(&self.pool_id)
            .client_id(&self.client_id)
            .region("local")
            .endpoint(&self.endpoint)
            .username(username)
            // cognito-local issues loopback issuers; renewals here are verified
            // against its keys with that issuer.
            .issuer(format!(
                "{}/{}",
                self.endpoint.trim_end_matches('/'),
                self.pool_id
            ))
            .build()
            .unwrap()
    }

    fn admin(&self) -> Cognito {
        pool_admin(LOCAL_REGION, &self.endpoint, &self.pool_id)
    }

    /// A confirmed, signed-in user.
    fn signed_in(&self, username: &str) -> Cognito {
        let user = self.user(username);
        user.register(
            username,
            PASSWORD,
            &Attributes::new().with("email", format!("{username}@example.com")),
        )
        .unwrap();
        user.confirm_sign_up(&self.code).unwrap();
        assert!(matches!(
            user.authenticate_user_password(PASSWORD).unwrap(),
            AuthResult::Authenticated
        ));
        user
    }
}

#[test]
fn confirm_sign_up_checks_the_code() {
    let s = Setup::new("codes-signup");
    let user = s.user("carol");
    let reply = user
        .register(
            "carol",
            PASSWORD,
            &Attributes::new().with("email", "carol@example.com"),
        )
        .unwrap();
    assert!(!reply.user_confirmed);
    let wrong = user.confirm_sign_up("000000").unwrap_err();
    assert_eq!(
        wrong.service_code(),
        Some(&ErrorCode::CodeMismatchException),
        "{wrong}"
    );
    user.confirm_sign_up(&s.code).unwrap();
    let status = s.admin().admin_get_user("carol").unwrap().metadata.status;
    assert_eq!(
        status.map(|s| s.as_str().to_owned()).as_deref(),
        Some("CONFIRMED")
    );
}

#[test]
fn forgot_password_with_the_real_code() {
    let s = Setup::new("codes-forgot");
    let user = s.signed_in("dave");
    let delivery = user.initiate_forgot_password().unwrap();
    assert!(delivery.is_some(), "cognito-local says where the code went");
    assert!(user
        .confirm_forgot_password("000000", NEW_PASSWORD)
        .unwrap_err()
        .is_bad_code());
    user.confirm_forgot_password(&s.code, NEW_PASSWORD).unwrap();
    let fresh = s.user("dave");
    assert!(matches!(
        fresh.authenticate_user_password(NEW_PASSWORD).unwrap(),
        AuthResult::Authenticated
    ));
}

#[test]
fn attribute_verification_checks_the_code() {
    let s = Setup::new("codes-verify");
    let user = s.signed_in("erin");
    user.update_profile(&Attributes::new().with("email", "erin2@example.com"))
        .unwrap();
    let me = user.get_user().unwrap();
    assert_eq!(
        me.email_verified,
        Some(false),
        "changing the email unverifies it"
    );
    user.send_verification("email").unwrap();
    let wrong = user.validate_verification("000000", "email").unwrap_err();
    assert_eq!(
        wrong.service_code(),
        Some(&ErrorCode::CodeMismatchException),
        "{wrong}"
    );
    user.validate_verification(&s.code, "email").unwrap();
    assert_eq!(user.get_user().unwrap().email_verified, Some(true));
}

#[test]
fn delete_user_removes_the_user() {
    let s = Setup::new("codes-delete");
    let user = s.signed_in("frank");
    user.delete_user().unwrap();
    assert!(user.tokens().access_token.is_none(), "tokens are dropped");
    let gone = s.admin().admin_get_user("frank").unwrap_err();
    assert!(gone.is_user_not_found(), "{gone}");
}

#[test]
fn revoked_refresh_tokens_are_refused_and_renewal_is_verified() {
    let s = Setup::new("codes-revoke");
    let user = s.signed_in("grace");
    // Renewal works first (and the renewed tokens verify against cognito-local's keys).
    user.renew_access_token().unwrap();
    let refresh = user.tokens().refresh_token.unwrap();
    user.revoke_token().unwrap();
    assert!(user.tokens().refresh_token.is_none());
    let stale = Cognito::builder()
        .user_pool_id(&s.pool_id)
        .client_id(&s.client_id)
        .region("local")
        .endpoint(&s.endpoint)
        .refresh_token(refresh)
        .build()
        .unwrap();
    let refused = stale.renew_access_token().unwrap_err();
    assert!(refused.is_not_authorized(), "{refused:?}");
}
