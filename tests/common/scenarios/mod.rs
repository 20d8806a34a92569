//! The scenarios recorded against moto: each has a live-only set-up (through a handle that
//! records nothing) and a run that calls the library's methods and asserts on their requests
//! and results. `tests/live/surface_moto.rs` runs them against moto (and records
//! `fixtures/moto/<name>.json`); `tests/offline/surface_replay.rs` replays them offline.

pub(crate) mod admin;
pub(crate) mod groups;
pub(crate) mod self_service;
pub(crate) mod setup;
pub(crate) mod tokens;

use cognito::{AuthResult, Cognito, User};

use crate::common::rig::Rig;
use setup::{Prepared, Setup};

/// A scenario: a name (the fixture's file stem), what it covers, its set-up and its run.
#[allow(dead_code)] // `description` and `setup` are read by the live target only, which records
pub(crate) struct Scenario {
    /// The fixture's file stem under `fixtures/moto/`.
    pub name: &'static str,
    /// What the scenario exercises (saved as the fixture's description).
    pub description: &'static str,
    /// Makes the pool, clients and users on moto (live only).
    pub setup: fn(&Setup) -> Prepared,
    /// Calls the methods and asserts.
    pub run: fn(&Rig),
}

/// Every moto scenario.
pub(crate) const MOTO: &[Scenario] = &[
    Scenario {
        name: "sign_up",
        description: "register with attributes (custom: prefix), UserNotConfirmed, confirm_sign_up, SRP sign-in, get_user with an attr_map",
        setup: self_service::sign_up_setup,
        run: self_service::sign_up,
    },
    Scenario {
        name: "forgot_password",
        description: "initiate_forgot_password, confirm_forgot_password; the old password refused, the new one accepted",
        setup: self_service::forgot_password_setup,
        run: self_service::forgot_password,
    },
    Scenario {
        name: "change_password",
        description: "change_password (wrong previous refused); the old password refused through USER_PASSWORD_AUTH, the new one accepted",
        setup: self_service::change_password_setup,
        run: self_service::change_password,
    },
    Scenario {
        name: "profile",
        description: "get_user conversion, update_profile, User::save as user and admin, admin_update_profile, admin_delete_user_attributes, admin_get_user metadata",
        setup: self_service::profile_setup,
        run: self_service::profile,
    },
    Scenario {
        name: "logout",
        description: "logout drops the tokens and keeps the username; GetUser and refresh then refused",
        setup: self_service::logout_setup,
        run: self_service::logout,
    },
    Scenario {
        name: "mfa_settings",
        description: "associate_software_token, verify_software_token, set_user_mfa_preference (sign-in then asks SOFTWARE_TOKEN_MFA), admin_set_user_mfa_preference",
        setup: self_service::mfa_settings_setup,
        run: self_service::mfa_settings,
    },
    Scenario {
        name: "admin_create",
        description: "admin_create_user with and without options; SRP sign-in stops at NEW_PASSWORD_REQUIRED; respond; CONFIRMED",
        setup: admin::admin_create_setup,
        run: admin::admin_create,
    },
    Scenario {
        name: "admin_disable",
        description: "admin_disable_user: sign-in refused with NotAuthorizedException; admin_enable_user: sign-in works",
        setup: admin::admin_disable_setup,
        run: admin::admin_disable,
    },
    Scenario {
        name: "admin_passwords",
        description: "admin_confirm_sign_up, admin_set_user_password temporary and permanent, admin_reset_password, admin_delete_user, User::delete(admin)",
        setup: admin::admin_passwords_setup,
        run: admin::admin_passwords,
    },
    Scenario {
        name: "admin_sign_out",
        description: "admin_user_global_sign_out: access token refused, refresh token revoked",
        setup: admin::admin_sign_out_setup,
        run: admin::admin_sign_out,
    },
    Scenario {
        name: "list_users",
        description: "get_users over two ListUsers pages (65 users, Limit 60), filtered by prefix and by email; the lazy users iterator stops after one page",
        setup: admin::list_users_setup,
        run: admin::list_users,
    },
    Scenario {
        name: "groups",
        description: "create_group, get_group, update_group, admin_add_user_to_group, admin_list_groups_for_user, list_users_in_group, cognito:groups claim, admin_remove_user_from_group, delete_group",
        setup: groups::groups_setup,
        run: groups::groups,
    },
    Scenario {
        name: "groups_paging",
        description: "get_groups, admin_list_groups_for_user and list_users_in_group over two pages each (62 items, Limit 60)",
        setup: groups::groups_paging_setup,
        run: groups::groups_paging,
    },
    Scenario {
        name: "refresh",
        description: "secret client: SECRET_HASH on USER_SRP_AUTH and REFRESH_TOKEN_AUTH, renew_access_token keeps the refresh token, check_token at the handle's clock, change_password renews an expired token first",
        setup: tokens::refresh_setup,
        run: tokens::refresh,
    },
];

/// The moto scenario called `name`.
pub(crate) fn moto(name: &str) -> &'static Scenario {
    MOTO.iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no moto scenario called {name:?}"))
}

/// Signs in with USER_PASSWORD_AUTH and asserts that tokens came back.
pub(crate) fn sign_in(cognito: &Cognito, password: &str) {
    match cognito.authenticate_user_password(password) {
        Ok(AuthResult::Authenticated) => {}
        other => panic!("expected USER_PASSWORD_AUTH to sign in, got {other:?}"),
    }
    assert!(cognito.tokens().access_token.is_some(), "an access token");
}

/// Signs in with USER_SRP_AUTH (the SRP_A and TIMESTAMP come from the rig's seeded random
/// source and clock) and asserts that tokens came back.
pub(crate) fn sign_in_srp(cognito: &Cognito, password: &str) {
    match cognito.authenticate(password) {
        Ok(AuthResult::Authenticated) => {}
        other => panic!("expected USER_SRP_AUTH to sign in, got {other:?}"),
    }
    assert!(cognito.tokens().access_token.is_some(), "an access token");
}

/// A user's status as on the wire (`""` when absent).
pub(crate) fn status(user: &User) -> &str {
    user.metadata.status.as_ref().map_or("", |s| s.as_str())
}
