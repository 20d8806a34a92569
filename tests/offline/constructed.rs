//! Scenarios for what moto 5.2.5 does not implement (ResendConfirmationCode,
//! GetUserAttributeVerificationCode, VerifyUserAttribute, DeleteUserAttributes, DeleteUser,
//! RevokeToken, GetTokensFromRefreshToken, the device operations), replayed from
//! `fixtures/constructed/`, which `scripts/gen/surface_fixtures.py` constructs from
//! the Cognito API reference. The constants mirror that script's; its requests carry exact
//! SECRET_HASH, token and device values, so the replay checks them.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use cognito::{Attributes, Cognito, CognitoBuilder, RememberedDevice, SecretString};

use crate::common::rig::{access_claim, service_code, Rig, PASSWORD};

/// Mirrors of `scripts/gen/surface_fixtures.py`.
const JWT_HEADER: &str = r#"{"alg":"RS256","kid":"synthetic-key-not-real","typ":"JWT"}"#;
const JWT_SIGNATURE: &str = "UkVEQUNURUQ";
const ACCESS_FRESH: &str = r#"{"sub":"synthetic-sub-olga","username":"olga-internal","token_use":"access","exp":1700003600}"#;
const ACCESS_EXPIRED: &str = r#"{"sub":"synthetic-sub-olga","username":"olga-internal","token_use":"access","exp":1699999940}"#;
const REFRESH_1: &str = "synthetic-refresh-token-1-not-real";
const DEVICE_1: &str = "us-east-1_synthetic-device-key-1";
const DEVICE_2: &str = "us-east-1_synthetic-device-key-2";

/// A constructed scenario: the fixture's file stem and the run that replays it.
pub(crate) struct Constructed {
    /// The file stem under `fixtures/constructed/`.
    pub name: &'static str,
    /// Calls the methods and asserts.
    pub run: fn(&Rig),
}

/// Every constructed scenario.
pub(crate) const CONSTRUCTED: &[Constructed] = &[
    Constructed {
        name: "resend_confirmation_code",
        run: resend_confirmation_code,
    },
    Constructed {
        name: "attribute_verification",
        run: attribute_verification,
    },
    Constructed {
        name: "verification_renews_token",
        run: verification_renews_token,
    },
    Constructed {
        name: "delete_user_attributes",
        run: delete_user_attributes,
    },
    Constructed {
        name: "delete_user",
        run: delete_user,
    },
    Constructed {
        name: "revoke_token",
        run: revoke_token,
    },
    Constructed {
        name: "refresh_token_rotation",
        run: refresh_token_rotation,
    },
    Constructed {
        name: "devices",
        run: devices,
    },
];

/// The constructed scenario called `name`.
pub(crate) fn constructed(name: &str) -> &'static Constructed {
    CONSTRUCTED
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no constructed scenario called {name:?}"))
}

/// An unsigned synthetic JWT over exactly `claims`.
fn jwt(claims: &str) -> String {
    format!(
        "{}.{}.{JWT_SIGNATURE}",
        URL_SAFE_NO_PAD.encode(JWT_HEADER),
        URL_SAFE_NO_PAD.encode(claims)
    )
}

/// The user on the public client, holding `access` claims and the refresh token.
fn signed_in(rig: &Rig, access: &str) -> CognitoBuilder {
    rig.builder()
        .client_id(rig.ctx("client_id"))
        .username(rig.ctx("username"))
        .access_token(jwt(access))
        .refresh_token(REFRESH_1)
}

/// The user on the secret client.
fn secret_client(rig: &Rig) -> CognitoBuilder {
    rig.builder()
        .client_id(rig.ctx("secret_client_id"))
        .client_secret(rig.client_secret())
        .username(rig.ctx("username"))
}

fn device(key: &str) -> RememberedDevice {
    RememberedDevice {
        device_key: key.to_owned(),
        device_group_key: "-SyntheticGroupKey".to_owned(),
        device_password: SecretString::new("synthetic-device-password-not-real"),
    }
}

fn resend_confirmation_code(rig: &Rig) {
    let olga = secret_client(rig).build().unwrap();
    let reply = olga
        .register(
            rig.ctx("username"),
            PASSWORD,
            &Attributes::new().with("email", "olga@example.com"),
        )
        .expect("register succeeds");
    assert!(!reply.user_confirmed, "unconfirmed");
    let details = olga
        .resend_confirmation_code()
        .expect("resend_confirmation_code succeeds")
        .expect("CodeDeliveryDetails");
    assert_eq!(
        details.destination.as_deref(),
        Some("o***@e***"),
        "Destination"
    );
    assert_eq!(
        details.delivery_medium.as_ref().map(|m| m.as_str()),
        Some("EMAIL"),
        "DeliveryMedium"
    );
    assert_eq!(
        details.attribute_name.as_deref(),
        Some("email"),
        "AttributeName"
    );
    let code = service_code(
        olga.resend_confirmation_code_for("olga.alias"),
        "resend for another name",
    );
    assert_eq!(code, "UserNotFoundException", "the given username is used");
    olga.confirm_sign_up("123456")
        .expect("confirm_sign_up succeeds");
}

fn attribute_verification(rig: &Rig) {
    let olga = signed_in(rig, ACCESS_FRESH).build().unwrap();
    let details = olga
        .send_verification("email")
        .expect("send_verification succeeds")
        .expect("CodeDeliveryDetails");
    assert_eq!(
        details.attribute_name.as_deref(),
        Some("email"),
        "AttributeName"
    );
    let err = olga.validate_verification("000000", "email").unwrap_err();
    assert!(err.is_bad_code(), "a wrong code: {err}");
    olga.validate_verification("123456", "email")
        .expect("validate_verification succeeds");
    assert_eq!(
        rig.operations_since(0),
        [
            "GetUserAttributeVerificationCode",
            "VerifyUserAttribute",
            "VerifyUserAttribute"
        ],
        "a fresh token is not renewed"
    );
}

fn verification_renews_token(rig: &Rig) {
    let olga = rig
        .builder()
        .client_id(rig.ctx("secret_client_id"))
        .client_secret(rig.client_secret())
        .username(rig.ctx("username"))
        .access_token(jwt(ACCESS_EXPIRED))
        .refresh_token(REFRESH_1)
        .remembered_device(device(DEVICE_1))
        .build()
        .unwrap();
    let details = olga
        .send_verification("phone_number")
        .expect("send_verification succeeds")
        .expect("CodeDeliveryDetails");
    assert_eq!(
        details.delivery_medium.as_ref().map(|m| m.as_str()),
        Some("SMS"),
        "DeliveryMedium"
    );
    assert_eq!(
        rig.operations_since(0),
        ["InitiateAuth", "GetUserAttributeVerificationCode"],
        "renewed first"
    );
    assert_eq!(
        access_claim(&olga, "jti"),
        "synthetic-jti-2",
        "the renewed token is held"
    );
    assert_eq!(
        olga.tokens()
            .refresh_token
            .map(|t| t.expose_secret().to_owned())
            .as_deref(),
        Some(REFRESH_1),
        "the refresh token is kept"
    );
    olga.validate_verification("123456", "phone_number")
        .expect("validate_verification succeeds");
}

fn delete_user_attributes(rig: &Rig) {
    let olga = signed_in(rig, ACCESS_FRESH).build().unwrap();
    olga.delete_user_attributes(&["family_name", "custom:team"])
        .expect("delete_user_attributes succeeds");
}

fn delete_user(rig: &Rig) {
    let olga = signed_in(rig, ACCESS_FRESH).build().unwrap();
    let me = olga.get_user().expect("get_user succeeds");
    assert_eq!(me.username, "olga-internal", "the Cognito username");
    assert_eq!(me.sub.as_deref(), Some("synthetic-sub-olga"), "sub");
    assert_eq!(me.email_verified, Some(true), "email_verified");
    assert_eq!(
        me.phone_number_verified,
        Some(false),
        "phone_number_verified"
    );
    assert_eq!(
        me.attributes.len(),
        1,
        "only email is left: {:?}",
        me.attributes
    );
    me.delete(false).expect("User::delete as the user succeeds");
    let tokens = olga.tokens();
    assert!(
        tokens.access_token.is_none() && tokens.refresh_token.is_none(),
        "tokens dropped"
    );
    assert_eq!(
        olga.username().as_deref(),
        Some(rig.ctx("username")),
        "username kept"
    );
    let err = olga.delete_user().unwrap_err();
    assert!(err.service_code().is_none(), "no token, no request: {err}");
}

fn revoke_token(rig: &Rig) {
    let confidential = secret_client(rig).refresh_token(REFRESH_1).build().unwrap();
    confidential.revoke_token().expect("revoke_token succeeds");
    assert!(
        confidential.tokens().refresh_token.is_none(),
        "tokens dropped"
    );
    let err = confidential.revoke_token().unwrap_err();
    assert!(
        err.service_code().is_none(),
        "nothing left to revoke: {err}"
    );

    let public = signed_in(rig, ACCESS_FRESH).build().unwrap();
    public.revoke_token().expect("revoke_token succeeds");
    assert!(public.tokens().access_token.is_none(), "tokens dropped");
}

fn refresh_token_rotation(rig: &Rig) {
    let olga: Cognito = secret_client(rig)
        .access_token(jwt(ACCESS_EXPIRED))
        .refresh_token(REFRESH_1)
        .remembered_device(device(DEVICE_1))
        .refresh_token_rotation(true)
        .build()
        .unwrap();
    olga.renew_access_token()
        .expect("renew_access_token succeeds");
    assert_eq!(access_claim(&olga, "jti"), "synthetic-jti-3", "renewed");
    assert_eq!(
        olga.tokens()
            .refresh_token
            .map(|t| t.expose_secret().to_owned())
            .as_deref(),
        Some("synthetic-refresh-token-3-not-real"),
        "the rotated refresh token is stored"
    );
    olga.revoke_token().expect("revoke_token succeeds");
}

fn devices(rig: &Rig) {
    let olga = signed_in(rig, ACCESS_FRESH)
        .remembered_device(device(DEVICE_1))
        .build()
        .unwrap();
    let devices = olga.list_devices().expect("list_devices succeeds");
    let keys: Vec<&str> = devices
        .iter()
        .filter_map(|d| d.device_key.as_deref())
        .collect();
    assert_eq!(keys, [DEVICE_1, DEVICE_2], "both pages");
    assert!(devices[0].device_create_date.is_some(), "dates parsed");

    let second = olga.get_device(DEVICE_2).expect("get_device succeeds");
    assert_eq!(second.device_key.as_deref(), Some(DEVICE_2), "DeviceKey");
    let name = second
        .device_attributes
        .as_deref()
        .unwrap_or_default()
        .iter()
        .find(|a| a.name == "device_name")
        .and_then(|a| a.value.clone());
    assert_eq!(
        name.as_deref(),
        Some("second synthetic device"),
        "device_name"
    );

    olga.update_device_status(DEVICE_2, true)
        .expect("update_device_status(remembered) succeeds");
    olga.update_device_status(DEVICE_2, false)
        .expect("update_device_status(not remembered) succeeds");

    olga.forget_device(DEVICE_2)
        .expect("forget_device succeeds");
    assert!(
        olga.remembered_device().is_some(),
        "another device's key keeps ours"
    );
    olga.forget_device(DEVICE_1)
        .expect("forget_device succeeds");
    assert!(
        olga.remembered_device().is_none(),
        "our device is forgotten here too"
    );
}
