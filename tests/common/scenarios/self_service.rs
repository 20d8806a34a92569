//! The user's own operations, recorded against moto: sign-up, password recovery and change,
//! profile and the user object, sign-out, MFA settings.

use cognito::{AttrMap, Attributes, AuthResult, Challenge, MfaMethod, MfaPreference};
use serde_json::json;

use super::setup::{with, Prepared, Setup};
use super::{sign_in, sign_in_srp, status};
use crate::common::rig::{access_claim, service_code, Rig, NEW_PASSWORD, PASSWORD};

/// register (attributes, `custom:` prefix) → confirm_sign_up → SRP sign-in → get_user.
pub(crate) fn sign_up_setup(setup: &Setup) -> Prepared {
    with(
        setup.pool("surface-sign-up", false, json!({})),
        &[("username", "alice")],
    )
}

pub(crate) fn sign_up(rig: &Rig) {
    let alice = rig
        .builder()
        .client_id(rig.ctx("client_id"))
        .username(rig.ctx("username"))
        .attr_map(AttrMap::new().map("given_name", "first_name"))
        .build()
        .expect("the user handle builds");
    let attributes = Attributes::new()
        .with("email", "alice@example.com")
        .with("first_name", "Alice")
        .with_custom("team", "blue");
    let reply = alice
        .register("alice", PASSWORD, &attributes)
        .expect("register succeeds");
    assert!(!reply.user_confirmed, "a new sign-up is unconfirmed");
    assert!(!reply.user_sub.is_empty(), "SignUp returns the sub");
    let body = rig.last_body("SignUp");
    assert_eq!(body["Username"], "alice", "SignUp Username");
    assert_eq!(
        body["UserAttributes"],
        json!([{"Name": "custom:team", "Value": "blue"},
               {"Name": "email", "Value": "alice@example.com"},
               {"Name": "given_name", "Value": "Alice"}]),
        "SignUp UserAttributes, custom one prefixed, first_name renamed back"
    );
    assert!(
        body.get("SecretHash").is_none(),
        "no SecretHash without a secret"
    );

    let code = service_code(alice.authenticate(PASSWORD), "sign-in before confirmation");
    assert_eq!(code, "UserNotConfirmedException", "unconfirmed sign-in");

    alice
        .confirm_sign_up("123456")
        .expect("confirm_sign_up succeeds");
    let body = rig.last_body("ConfirmSignUp");
    assert_eq!(
        body["Username"], "alice",
        "ConfirmSignUp Username (the handle's)"
    );
    assert_eq!(body["ConfirmationCode"], "123456", "ConfirmSignUp code");

    let admin = rig.admin();
    let stored = admin
        .admin_get_user("alice")
        .expect("admin_get_user succeeds");
    assert_eq!(status(&stored), "CONFIRMED", "status after confirmation");
    assert_eq!(
        stored.attributes.get("custom:team"),
        Some("blue"),
        "custom attribute stored with its prefix"
    );
    assert_eq!(stored.sub.as_deref(), Some(reply.user_sub.as_str()), "sub");

    sign_in_srp(&alice, PASSWORD);
    let me = alice.get_user().expect("get_user succeeds");
    assert_eq!(me.username, "alice", "get_user username");
    assert_eq!(
        me.attributes.get("first_name"),
        Some("Alice"),
        "renamed attribute"
    );
    assert!(me.attributes.get("given_name").is_none(), "old name gone");
    assert_eq!(
        me.sub.as_deref(),
        Some(reply.user_sub.as_str()),
        "sub lifted"
    );
    assert!(
        me.attributes.get("sub").is_none(),
        "sub not among the attributes"
    );
}

/// initiate_forgot_password → confirm_forgot_password → new password works, old refused.
pub(crate) fn forgot_password_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-forgot", false, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(
        &pool,
        "bob",
        &[("email", "bob@example.com"), ("email_verified", "true")],
    );
    with(prepared, &[("username", "bob")])
}

pub(crate) fn forgot_password(rig: &Rig) {
    let bob = rig.user(rig.ctx("username"));
    let details = bob
        .initiate_forgot_password()
        .expect("initiate_forgot_password succeeds");
    let details = details.expect("ForgotPassword says where the code went");
    assert!(details.destination.is_some(), "a destination: {details:?}");
    assert_eq!(
        rig.last_body("ForgotPassword")["Username"],
        "bob",
        "ForgotPassword Username"
    );

    bob.confirm_forgot_password("123456", NEW_PASSWORD)
        .expect("confirm_forgot_password succeeds");
    let body = rig.last_body("ConfirmForgotPassword");
    assert_eq!(
        body["ConfirmationCode"], "123456",
        "ConfirmForgotPassword code"
    );
    assert_eq!(body["Username"], "bob", "ConfirmForgotPassword Username");

    let code = service_code(bob.authenticate_user_password(PASSWORD), "old password");
    assert_eq!(
        code, "NotAuthorizedException",
        "the old password is refused"
    );
    sign_in(&bob, NEW_PASSWORD);
}

/// change_password → the old password refused through USER_PASSWORD_AUTH, the new one works.
pub(crate) fn change_password_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-change-password", false, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(&pool, "carol", &[("email", "carol@example.com")]);
    with(prepared, &[("username", "carol")])
}

pub(crate) fn change_password(rig: &Rig) {
    let carol = rig.user(rig.ctx("username"));
    sign_in(&carol, PASSWORD);
    let code = service_code(
        carol.change_password("Wrong-Passw0rd!", NEW_PASSWORD),
        "change_password with a wrong previous password",
    );
    assert_eq!(code, "NotAuthorizedException", "wrong previous password");
    let mark = rig.mark();
    carol
        .change_password(PASSWORD, NEW_PASSWORD)
        .expect("change_password succeeds");
    assert_eq!(
        rig.operations_since(mark),
        ["ChangePassword"],
        "a fresh token is not renewed first"
    );
    let code = service_code(carol.authenticate_user_password(PASSWORD), "old password");
    assert_eq!(
        code, "NotAuthorizedException",
        "the old password is refused"
    );
    sign_in(&carol, NEW_PASSWORD);
}

/// get_user's conversion (renames, booleans, lifted sub and email_verified), update_profile,
/// User::save as the user and as an administrator, admin_update_profile,
/// admin_delete_user_attributes, admin_get_user's metadata.
pub(crate) fn profile_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-profile", false, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(
        &pool,
        "dave",
        &[
            ("email", "dave@example.com"),
            ("email_verified", "true"),
            ("given_name", "Dave"),
            ("custom:team", "red"),
        ],
    );
    with(prepared, &[("username", "dave")])
}

pub(crate) fn profile(rig: &Rig) {
    let map = AttrMap::new()
        .map("given_name", "first_name")
        .map("custom:team", "team");
    let dave = rig
        .builder()
        .client_id(rig.ctx("client_id"))
        .username(rig.ctx("username"))
        .attr_map(map.clone())
        .build()
        .expect("the user handle builds");
    sign_in(&dave, PASSWORD);
    let me = dave.get_user().expect("get_user succeeds");
    assert_eq!(me.username, "dave", "username");
    assert_eq!(
        me.email_verified,
        Some(true),
        "email_verified lifted as a boolean"
    );
    assert!(me.attributes.get("email_verified").is_none(), "lifted out");
    assert!(
        me.sub.as_deref().is_some_and(|s| !s.is_empty()),
        "sub lifted"
    );
    assert_eq!(me.attributes.get("first_name"), Some("Dave"), "renamed");
    assert_eq!(me.attributes.get("team"), Some("red"), "custom renamed");
    assert_eq!(me.phone_number_verified, None, "no phone");

    let codes = dave
        .update_profile(&Attributes::new().with("first_name", "David"))
        .expect("update_profile succeeds");
    assert!(
        codes.is_empty(),
        "no verification needed for a name: {codes:?}"
    );
    assert_eq!(
        rig.last_body("UpdateUserAttributes")["UserAttributes"],
        json!([{"Name": "given_name", "Value": "David"}]),
        "update_profile maps names back"
    );

    let mut me = dave.get_user().expect("get_user succeeds");
    assert_eq!(me.attributes.get("first_name"), Some("David"), "updated");
    me.attributes.insert("family_name", "Jones");
    me.attributes.insert("team", "green");
    me.save(false).expect("User::save as the user succeeds");
    let body = rig.last_body("UpdateUserAttributes");
    let sent = &body["UserAttributes"];
    assert!(
        sent.as_array()
            .unwrap()
            .contains(&json!({"Name": "email_verified", "Value": "true"})),
        "the lifted boolean goes back as \"true\": {sent}"
    );
    assert!(
        sent.as_array()
            .unwrap()
            .contains(&json!({"Name": "custom:team", "Value": "green"})),
        "renamed back: {sent}"
    );
    assert!(
        !sent.to_string().contains("\"sub\""),
        "sub is never written back: {sent}"
    );

    let admin = rig
        .builder()
        .attr_map(map)
        .build()
        .expect("the admin handle builds");
    let mut stored = admin
        .admin_get_user("dave")
        .expect("admin_get_user succeeds");
    assert_eq!(stored.attributes.get("family_name"), Some("Jones"), "saved");
    assert_eq!(stored.attributes.get("team"), Some("green"), "saved");
    assert_eq!(status(&stored), "CONFIRMED", "status");
    assert_eq!(stored.metadata.enabled, Some(true), "enabled");
    assert!(stored.metadata.created.is_some(), "created date");
    assert!(stored.metadata.modified.is_some(), "modified date");

    stored.attributes.insert("family_name", "Smith");
    stored.email_verified = Some(false);
    stored
        .save(true)
        .expect("User::save as an administrator succeeds");
    let body = rig.last_body("AdminUpdateUserAttributes");
    assert_eq!(
        body["Username"], "dave",
        "AdminUpdateUserAttributes Username"
    );
    assert!(
        body["UserAttributes"]
            .as_array()
            .unwrap()
            .contains(&json!({"Name": "email_verified", "Value": "false"})),
        "false goes back as \"false\": {body}"
    );

    admin
        .admin_update_profile("dave", &Attributes::new().with("first_name", "D."))
        .expect("admin_update_profile succeeds");
    assert_eq!(
        rig.last_body("AdminUpdateUserAttributes")["UserAttributes"],
        json!([{"Name": "given_name", "Value": "D."}]),
        "admin_update_profile maps names back"
    );
    admin
        .admin_delete_user_attributes("dave", &["family_name"])
        .expect("admin_delete_user_attributes succeeds");
    let stored = admin
        .admin_get_user("dave")
        .expect("admin_get_user succeeds");
    assert!(stored.attributes.get("family_name").is_none(), "deleted");
    assert_eq!(stored.attributes.get("first_name"), Some("D."), "updated");
    assert_eq!(stored.email_verified, Some(false), "saved as false");
    assert_eq!(stored.attributes.get("team"), Some("green"), "kept");
}

/// logout → tokens dropped, username kept, the old access token refused by GetUser and the
/// refresh token revoked.
pub(crate) fn logout_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-logout", false, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(&pool, "erin", &[("email", "erin@example.com")]);
    with(prepared, &[("username", "erin")])
}

pub(crate) fn logout(rig: &Rig) {
    let erin = rig.user(rig.ctx("username"));
    sign_in(&erin, PASSWORD);
    erin.get_user().expect("get_user before logout");
    let held = erin.tokens();
    erin.logout().expect("logout succeeds");
    let after = erin.tokens();
    assert!(after.access_token.is_none(), "access token dropped");
    assert!(after.refresh_token.is_none(), "refresh token dropped");
    assert_eq!(erin.username().as_deref(), Some("erin"), "username kept");

    erin.set_tokens(held);
    let code = service_code(erin.get_user(), "GetUser after logout");
    assert_eq!(
        code, "NotAuthorizedException",
        "the old access token is refused"
    );
    let code = service_code(erin.renew_access_token(), "refresh after logout");
    assert_eq!(
        code, "NotAuthorizedException",
        "the refresh token is revoked"
    );
}

/// associate_software_token → verify_software_token → set_user_mfa_preference (sign-in then
/// asks for SOFTWARE_TOKEN_MFA) → admin_set_user_mfa_preference turns it off again.
pub(crate) fn mfa_settings_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool(
        "surface-mfa",
        false,
        json!({"MfaConfiguration": "OPTIONAL"}),
    );
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(&pool, "jack", &[("email", "jack@example.com")]);
    with(prepared, &[("username", "jack")])
}

pub(crate) fn mfa_settings(rig: &Rig) {
    let jack = rig.user(rig.ctx("username"));
    sign_in(&jack, PASSWORD);
    let secret = jack
        .associate_software_token()
        .expect("associate_software_token succeeds");
    let uri = secret.otpauth_uri("surface-tests", "jack");
    assert!(uri.starts_with("otpauth://totp/"), "an otpauth URI: {uri}");
    assert!(
        rig.last_body("AssociateSoftwareToken")
            .get("Session")
            .is_none(),
        "the access token, not a session"
    );
    let verified = jack
        .verify_software_token("123456", Some("test phone"))
        .expect("verify_software_token succeeds");
    assert!(verified, "moto accepts any code without its TOTP switch");
    let body = rig.last_body("VerifySoftwareToken");
    assert_eq!(body["UserCode"], "123456", "UserCode");
    assert_eq!(
        body["FriendlyDeviceName"], "test phone",
        "FriendlyDeviceName"
    );

    jack.set_user_mfa_preference(MfaPreference {
        totp: Some(true),
        preferred: Some(MfaMethod::Totp),
        ..Default::default()
    })
    .expect("set_user_mfa_preference succeeds");
    let body = rig.last_body("SetUserMFAPreference");
    assert_eq!(
        body["SoftwareTokenMfaSettings"],
        json!({"Enabled": true, "PreferredMfa": true}),
        "TOTP enabled and preferred"
    );
    assert!(body.get("SMSMfaSettings").is_none(), "SMS left alone");

    match jack.authenticate_user_password(PASSWORD).expect("sign-in") {
        AuthResult::Challenge(Challenge::SoftwareTokenMfa(_)) => {}
        other => panic!("expected SOFTWARE_TOKEN_MFA, got {other:?}"),
    }

    rig.admin()
        .admin_set_user_mfa_preference(
            "jack",
            MfaPreference {
                totp: Some(false),
                ..Default::default()
            },
        )
        .expect("admin_set_user_mfa_preference succeeds");
    let body = rig.last_body("AdminSetUserMFAPreference");
    assert_eq!(body["Username"], "jack", "Username");
    assert_eq!(
        body["SoftwareTokenMfaSettings"],
        json!({"Enabled": false}),
        "TOTP disabled, no preference"
    );
    sign_in(&jack, PASSWORD);
    assert_eq!(access_claim(&jack, "username"), "jack", "signed in as jack");
}
