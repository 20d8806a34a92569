//! Administrator operations, recorded against moto: create → NEW_PASSWORD_REQUIRED, disable
//! and enable, passwords and confirmation, global sign-out, and listing users page by page.

use std::collections::BTreeSet;

use cognito::types::{DeliveryMediumType, MessageActionType};
use cognito::{AttrMap, Attributes, AuthResult, Challenge, CreateUserOptions, Error, User};
use serde_json::json;

use super::setup::{with, Prepared, Setup};
use super::{sign_in, sign_in_srp, status};
use crate::common::rig::{service_code, Rig, NEW_PASSWORD, PASSWORD, TEMPORARY_PASSWORD};

/// admin_create_user (with and without a temporary password) → SRP sign-in stops at
/// NEW_PASSWORD_REQUIRED → respond → signed in and CONFIRMED.
pub(crate) fn admin_create_setup(setup: &Setup) -> Prepared {
    with(
        setup.pool("surface-admin-create", false, json!({})),
        &[("username", "frank")],
    )
}

pub(crate) fn admin_create(rig: &Rig) {
    let admin = rig.admin();
    let created = admin
        .admin_create_user(
            "frank",
            &Attributes::new()
                .with("email", "frank@example.com")
                .with("email_verified", true),
            &CreateUserOptions {
                temporary_password: Some(TEMPORARY_PASSWORD),
                message_action: Some(MessageActionType::from("SUPPRESS")),
                delivery_mediums: vec![DeliveryMediumType::from("EMAIL")],
                force_alias_creation: None,
            },
        )
        .expect("admin_create_user succeeds");
    assert_eq!(created.username, "frank", "username");
    assert_eq!(status(&created), "FORCE_CHANGE_PASSWORD", "status");
    assert_eq!(created.metadata.enabled, Some(true), "enabled");
    assert_eq!(created.email_verified, Some(true), "email_verified lifted");
    assert!(created.sub.is_some(), "sub lifted");
    let body = rig.last_body("AdminCreateUser");
    assert!(
        body.get("TemporaryPassword").is_some(),
        "temporary password sent"
    );
    assert_eq!(body["MessageAction"], "SUPPRESS", "MessageAction");
    assert_eq!(
        body["DesiredDeliveryMediums"],
        json!(["EMAIL"]),
        "delivery mediums"
    );
    assert_eq!(
        body["UserAttributes"],
        json!([{"Name": "email", "Value": "frank@example.com"},
               {"Name": "email_verified", "Value": "true"}]),
        "attributes with the boolean as \"true\""
    );

    let grace = admin
        .admin_create_user("grace", &Attributes::new(), &CreateUserOptions::default())
        .expect("admin_create_user without options succeeds");
    assert_eq!(grace.username, "grace", "username");
    let body = rig.last_body("AdminCreateUser");
    assert_eq!(
        body,
        json!({"UserPoolId": rig.ctx("user_pool_id"), "Username": "grace"}),
        "nothing but the pool and username without options"
    );

    let frank = rig.user(rig.ctx("username"));
    let challenge = match frank.authenticate(TEMPORARY_PASSWORD).expect("SRP sign-in") {
        AuthResult::Challenge(Challenge::NewPasswordRequired(c)) => c,
        other => panic!("expected NEW_PASSWORD_REQUIRED, got {other:?}"),
    };
    let result = challenge
        .respond(NEW_PASSWORD, &[])
        .expect("the new password is accepted");
    assert!(
        result.is_authenticated(),
        "signed in after the new password"
    );
    assert!(frank.tokens().access_token.is_some(), "tokens held");
    let body = rig.last_body("RespondToAuthChallenge");
    assert_eq!(
        body["ChallengeName"], "NEW_PASSWORD_REQUIRED",
        "ChallengeName"
    );
    assert_eq!(body["ChallengeResponses"]["USERNAME"], "frank", "USERNAME");

    let stored = admin
        .admin_get_user("frank")
        .expect("admin_get_user succeeds");
    assert_eq!(
        status(&stored),
        "CONFIRMED",
        "confirmed by the new password"
    );
    sign_in(&frank, NEW_PASSWORD);
}

/// admin_disable_user → sign-in refused (NotAuthorizedException) → admin_enable_user → works.
pub(crate) fn admin_disable_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-admin-disable", false, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(&pool, "kate", &[("email", "kate@example.com")]);
    with(prepared, &[("username", "kate")])
}

pub(crate) fn admin_disable(rig: &Rig) {
    let admin = rig.admin();
    let kate = rig.user(rig.ctx("username"));
    admin
        .admin_disable_user("kate")
        .expect("admin_disable_user succeeds");
    let err = kate.authenticate_user_password(PASSWORD).unwrap_err();
    assert!(err.is_not_authorized(), "a disabled user is refused: {err}");
    let stored = admin
        .admin_get_user("kate")
        .expect("admin_get_user succeeds");
    assert_eq!(stored.metadata.enabled, Some(false), "disabled");
    admin
        .admin_enable_user("kate")
        .expect("admin_enable_user succeeds");
    assert_eq!(
        rig.last_body("AdminEnableUser")["Username"],
        "kate",
        "Username"
    );
    sign_in(&kate, PASSWORD);
}

/// admin_confirm_sign_up, admin_set_user_password (temporary, then permanent),
/// admin_reset_password, admin_delete_user and User::delete as an administrator.
pub(crate) fn admin_passwords_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-admin-passwords", false, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(
        &pool,
        "helen",
        &[("email", "helen@example.com"), ("email_verified", "true")],
    );
    setup.unconfirmed(&prepared.context["client_id"], "ivan");
    with(prepared, &[("username", "helen")])
}

pub(crate) fn admin_passwords(rig: &Rig) {
    let admin = rig.admin();
    let stored = |name: &str| -> User { admin.admin_get_user(name).expect("admin_get_user") };
    assert_eq!(status(&stored("ivan")), "UNCONFIRMED", "ivan before");
    admin
        .admin_confirm_sign_up("ivan")
        .expect("admin_confirm_sign_up succeeds");
    assert_eq!(status(&stored("ivan")), "CONFIRMED", "ivan after");

    let helen = rig.user(rig.ctx("username"));
    admin
        .admin_set_user_password("helen", NEW_PASSWORD, false)
        .expect("admin_set_user_password (temporary) succeeds");
    assert_eq!(
        rig.last_body("AdminSetUserPassword")["Permanent"],
        false,
        "Permanent"
    );
    assert_eq!(
        status(&stored("helen")),
        "FORCE_CHANGE_PASSWORD",
        "temporary"
    );
    match helen
        .authenticate_user_password(NEW_PASSWORD)
        .expect("sign-in")
    {
        AuthResult::Challenge(Challenge::NewPasswordRequired(_)) => {}
        other => panic!("expected NEW_PASSWORD_REQUIRED, got {other:?}"),
    }
    admin
        .admin_set_user_password("helen", NEW_PASSWORD, true)
        .expect("admin_set_user_password (permanent) succeeds");
    assert_eq!(
        rig.last_body("AdminSetUserPassword")["Permanent"],
        true,
        "Permanent"
    );
    assert_eq!(status(&stored("helen")), "CONFIRMED", "permanent");
    sign_in_srp(&helen, NEW_PASSWORD);

    admin
        .admin_reset_password("helen")
        .expect("admin_reset_password succeeds");
    assert_eq!(status(&stored("helen")), "RESET_REQUIRED", "reset");

    admin
        .admin_delete_user("ivan")
        .expect("admin_delete_user succeeds");
    let err: Error = admin.admin_get_user("ivan").unwrap_err();
    assert!(err.is_user_not_found(), "ivan is gone: {err}");
    stored("helen")
        .delete(true)
        .expect("User::delete(admin) succeeds");
    assert_eq!(
        rig.last_body("AdminDeleteUser")["Username"],
        "helen",
        "Username"
    );
    let code = service_code(admin.admin_get_user("helen"), "deleted helen");
    assert_eq!(code, "UserNotFoundException", "helen is gone");
}

/// admin_user_global_sign_out → the access token refused, the refresh token revoked.
pub(crate) fn admin_sign_out_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-admin-sign-out", false, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    setup.user(&pool, "liam", &[("email", "liam@example.com")]);
    with(prepared, &[("username", "liam")])
}

pub(crate) fn admin_sign_out(rig: &Rig) {
    let liam = rig.user(rig.ctx("username"));
    sign_in(&liam, PASSWORD);
    rig.admin()
        .admin_user_global_sign_out("liam")
        .expect("admin_user_global_sign_out succeeds");
    let code = service_code(liam.get_user(), "GetUser after sign-out");
    assert_eq!(code, "NotAuthorizedException", "access token refused");
    let code = service_code(liam.renew_access_token(), "refresh after sign-out");
    assert_eq!(code, "NotAuthorizedException", "refresh token revoked");
}

/// How many users the paging pool holds: more than one ListUsers page of 60.
pub(crate) const PAGED_USERS: usize = 65;

/// get_users over every page, filtered, and the lazy `users` iterator stopping early.
pub(crate) fn list_users_setup(setup: &Setup) -> Prepared {
    let prepared = setup.pool("surface-list-users", false, json!({}));
    let pool = prepared.context["user_pool_id"].clone();
    for i in 0..PAGED_USERS {
        let name = format!("user-{i:03}");
        let email = format!("{name}@example.com");
        let verified = if i % 2 == 0 { "true" } else { "false" };
        setup.created(
            &pool,
            &name,
            &[("email", &email), ("email_verified", verified)],
        );
    }
    prepared
}

pub(crate) fn list_users(rig: &Rig) {
    let map = AttrMap::new().map("email", "mail");
    let admin = rig
        .builder()
        .attr_map(map)
        .build()
        .expect("the admin handle builds");

    let mark = rig.mark();
    let users = admin.get_users(None).expect("get_users succeeds");
    assert_eq!(
        rig.operations_since(mark),
        ["ListUsers", "ListUsers"],
        "two pages of at most 60"
    );
    let sent = rig.sent();
    let (first, second) = (&sent[mark].body, &sent[mark + 1].body);
    assert_eq!(first["Limit"], 60, "Limit");
    assert!(
        first.get("PaginationToken").is_none(),
        "no token on the first page"
    );
    assert!(
        second["PaginationToken"].is_string(),
        "the second page's token"
    );
    assert_eq!(users.len(), PAGED_USERS, "every user");
    let names: BTreeSet<&str> = users.iter().map(|u| u.username.as_str()).collect();
    let expected: BTreeSet<String> = (0..PAGED_USERS).map(|i| format!("user-{i:03}")).collect();
    assert_eq!(
        names,
        expected.iter().map(String::as_str).collect(),
        "each user once"
    );
    let user = users.iter().find(|u| u.username == "user-004").unwrap();
    assert_eq!(
        user.attributes.get("mail"),
        Some("user-004@example.com"),
        "renamed"
    );
    assert_eq!(user.email_verified, Some(true), "email_verified lifted");
    assert!(user.sub.is_some(), "sub lifted");
    assert_eq!(status(user), "FORCE_CHANGE_PASSWORD", "status");
    assert_eq!(user.metadata.enabled, Some(true), "enabled");
    assert!(user.metadata.created.is_some(), "created");
    let odd = users.iter().find(|u| u.username == "user-005").unwrap();
    assert_eq!(
        odd.email_verified,
        Some(false),
        "\"false\" is a boolean too"
    );

    let mark = rig.mark();
    let filtered = admin
        .get_users(Some("username ^= \"user-00\""))
        .expect("filtered get_users succeeds");
    assert_eq!(rig.operations_since(mark), ["ListUsers"], "one page");
    assert_eq!(
        rig.last_body("ListUsers")["Filter"],
        "username ^= \"user-00\"",
        "Filter"
    );
    assert_eq!(filtered.len(), 10, "user-000 … user-009");

    let exact = admin
        .get_users(Some("email = \"user-042@example.com\""))
        .expect("get_users by email succeeds");
    assert_eq!(exact.len(), 1, "one match");
    assert_eq!(exact[0].username, "user-042", "the match");

    let mark = rig.mark();
    let first_three: Vec<User> = admin
        .users(None)
        .take(3)
        .collect::<Result<_, _>>()
        .expect("the lazy iterator yields users");
    assert_eq!(first_three.len(), 3, "three users");
    assert_eq!(
        rig.operations_since(mark),
        ["ListUsers"],
        "stopping early fetches no further page"
    );
}
