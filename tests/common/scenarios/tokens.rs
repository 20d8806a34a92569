//! Keeping tokens fresh, recorded against moto with a client that has a secret (moto checks
//! SECRET_HASH on USER_SRP_AUTH and REFRESH_TOKEN_AUTH).

use cognito::secret_hash;
use serde_json::{json, Value};

use super::setup::{with, Prepared, Setup};
use super::{sign_in, sign_in_srp};
use crate::common::rig::{access_claim, Rig, NEW_PASSWORD, PASSWORD, T0};

/// renew_access_token with SECRET_HASH over the token's username; check_token at the handle's
/// clock, with and without renewing; change_password renewing an expired token first.
pub(crate) fn refresh_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-refresh", true, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(&pool, "mia", &[("email", "mia@example.com")]);
    with(prepared, &[("username", "mia")])
}

pub(crate) fn refresh(rig: &Rig) {
    let mia = rig.secret_user(rig.ctx("username"));
    let client_id = rig.ctx("secret_client_id");
    let expected_hash = secret_hash(rig.client_secret(), "mia", client_id);

    sign_in_srp(&mia, PASSWORD);
    let body = rig.last_body("InitiateAuth");
    assert_eq!(body["AuthFlow"], "USER_SRP_AUTH", "AuthFlow");
    assert_eq!(
        body["AuthParameters"]["SECRET_HASH"], expected_hash,
        "USER_SRP_AUTH SECRET_HASH over the username"
    );
    sign_in(&mia, PASSWORD);
    let signed_in = mia.tokens();
    let first_jti = access_claim(&mia, "jti");

    let mark = rig.mark();
    mia.renew_access_token()
        .expect("renew_access_token succeeds");
    assert_eq!(rig.operations_since(mark), ["InitiateAuth"], "one refresh");
    let body = rig.last_body("InitiateAuth");
    assert_eq!(body["AuthFlow"], "REFRESH_TOKEN_AUTH", "AuthFlow");
    assert_eq!(
        body["AuthParameters"]["SECRET_HASH"], expected_hash,
        "REFRESH_TOKEN_AUTH SECRET_HASH over the token's username"
    );
    assert_eq!(
        access_claim(&mia, "username"),
        "mia",
        "the token's username"
    );
    let renewed = mia.tokens();
    assert_ne!(access_claim(&mia, "jti"), first_jti, "a new access token");
    assert_eq!(
        renewed.refresh_token, signed_in.refresh_token,
        "the refresh token is kept when none comes back"
    );

    let mark = rig.mark();
    assert!(
        !mia.access_token_expired().expect("check_token"),
        "fresh at T0"
    );
    let exp = access_claim(&mia, "exp").as_u64().expect("exp is a number");
    rig.set_clock(exp);
    assert!(
        mia.access_token_expired().expect("check_token"),
        "expired at exp"
    );
    assert!(
        rig.operations_since(mark).is_empty(),
        "checking sends nothing"
    );
    let before = access_claim(&mia, "jti");
    assert!(
        mia.check_token().expect("check_token(renew)"),
        "was expired"
    );
    assert_eq!(rig.operations_since(mark), ["InitiateAuth"], "one refresh");
    assert_ne!(access_claim(&mia, "jti"), before, "renewed");

    rig.set_clock(T0);
    let mark = rig.mark();
    mia.change_password(PASSWORD, NEW_PASSWORD)
        .expect("change_password succeeds");
    assert_eq!(
        rig.operations_since(mark),
        ["ChangePassword"],
        "fresh: no refresh"
    );

    rig.set_clock(exp + 86_400);
    let mark = rig.mark();
    mia.change_password(NEW_PASSWORD, PASSWORD)
        .expect("change_password succeeds");
    assert_eq!(
        rig.operations_since(mark),
        ["InitiateAuth", "ChangePassword"],
        "an expired token is renewed before ChangePassword"
    );
    let sent = rig.sent();
    assert_eq!(
        sent[mark].body["AuthFlow"],
        Value::from("REFRESH_TOKEN_AUTH"),
        "the renewal"
    );
    rig.set_clock(T0);
    sign_in(&mia, PASSWORD);
}
