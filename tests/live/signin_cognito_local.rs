//! MFA choice (SELECT_MFA_TYPE) live against cognito-local 5.3.0, through the typed challenges.
//!
//! `scripts/test` (stage `live`) starts cognito-local with a fixed `CODE` (every SMS code equals
//! it) and its database seeded from `fixtures/cognito-local/sms-mfa-seed.json`, and sets
//! `COGNITO_TEST_LOCAL_ENDPOINT` and `COGNITO_TEST_LOCAL_CODE`.
//!
//! Why a seed: cognito-local sends an SMS_MFA code only to a user with a legacy SMS `MFAOptions`
//! entry, and it implements neither AdminSetUserSettings nor SetUserSettings (nor
//! AdminSetUserMFAPreference), so no API call can give a user one; without it, answering
//! SELECT_MFA_TYPE with SMS_MFA is `CognitoLocal#Unsupported` (pinned below). The seeded user has
//! that entry and nothing else; TOTP and the SMS preference are then set through the API:
//! AssociateSoftwareToken and VerifySoftwareToken with the access token and a real TOTP code
//! (cognito-local makes a per-user secret and checks codes, ±30 s), then SetUserMFAPreference.
//! No SRP here (cognito-local has none): USER_PASSWORD_AUTH.
// Tests say what broke by panicking.

use crate::support as live_support;

use cognito::{AuthResult, Challenge, Cognito, Error, ErrorCode, MfaPreference};
use live_support::{
    authenticated, challenge, local_code as code, local_endpoint as endpoint, public_pool, totp,
    Pool, Spy, LOCAL_REGION,
};
use serde_json::{json, Value};

const PASSWORD: &str = "Passw0rd!";
const SEED: &str = include_str!("../../fixtures/cognito-local/sms-mfa-seed.json");

// ---- pools, users, handles -----------------------------------------------------------------

/// The seeded pool, its client, and its user's name and password, from the fixture.
fn seeded() -> (Pool, String, String) {
    let doc: Value = serde_json::from_str(SEED).expect("the seed is JSON");
    let (file, pool) = doc
        .as_object()
        .unwrap()
        .iter()
        .find(|(k, _)| k.starts_with("local_"))
        .expect("the seed has a pool file");
    let id = file.trim_end_matches(".json").to_owned();
    let client_id = doc["clients.json"]["Clients"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .expect("the seed has a client")
        .clone();
    let (username, user) = pool["Users"]
        .as_object()
        .unwrap()
        .iter()
        .next()
        .expect("the seed has a user");
    assert_eq!(
        user["MFAOptions"],
        json!([{ "DeliveryMedium": "SMS", "AttributeName": "phone_number" }]),
        "the seeded user has the SMS MFAOption"
    );
    let password = user["Password"].as_str().unwrap().to_owned();
    (Pool { id, client_id }, username.clone(), password)
}

/// An admin handle (cognito-local ignores signatures; region `local`).
fn admin() -> Cognito {
    live_support::admin(LOCAL_REGION, &endpoint())
}

/// A fresh pool with optional MFA and a public client.
fn mfa_pool(admin: &Cognito, name: &str) -> Pool {
    public_pool(
        admin,
        &json!({ "PoolName": name, "MfaConfiguration": "OPTIONAL" }),
        &[],
    )
}

/// A CONFIRMED user with a phone number.
fn confirmed_user(admin: &Cognito, pool: &Pool, username: &str) {
    admin
        .call(
            "AdminCreateUser",
            &json!({
                "UserPoolId": pool.id, "Username": username, "TemporaryPassword": PASSWORD,
                "MessageAction": "SUPPRESS",
                "UserAttributes": [{ "Name": "phone_number", "Value": "+15555550142" }],
            }),
        )
        .expect("AdminCreateUser");
    admin
        .call(
            "AdminSetUserPassword",
            &json!({ "UserPoolId": pool.id, "Username": username, "Password": PASSWORD, "Permanent": true }),
        )
        .expect("AdminSetUserPassword");
}

fn user(pool: &Pool, username: &str, spy: &Spy) -> Cognito {
    Cognito::builder()
        .user_pool_id(&pool.id)
        .client_id(&pool.client_id)
        .username(username)
        .endpoint(endpoint())
        .environment(|_| None)
        .transport(spy.transport())
        .build()
        .expect("the user-side handle builds")
}

/// cognito-local sends neither ExpiresIn nor TokenType: the handle fills both in.
fn assert_signed_in(cognito: &Cognito, what: &str) {
    let tokens = cognito.tokens();
    assert!(tokens.access_token.is_some(), "{what}: an access token");
    assert!(tokens.id_token.is_some(), "{what}: an id token");
    assert!(tokens.refresh_token.is_some(), "{what}: a refresh token");
    assert_eq!(
        tokens.token_type.as_deref(),
        Some("Bearer"),
        "{what}: Bearer by default"
    );
    assert!(
        tokens.expires_at.is_some(),
        "{what}: the expiry, from the token's exp"
    );
}

/// Enrols the signed-in `cognito` in TOTP (a real code for cognito-local's per-user secret),
/// then enables both SMS and TOTP.
fn enable_sms_and_totp(cognito: &Cognito) -> String {
    let secret = cognito
        .associate_software_token()
        .expect("AssociateSoftwareToken with the access token");
    let secret = secret.secret.expose_secret().to_owned();
    assert_eq!(
        secret.len(),
        32,
        "cognito-local's per-user secret: 32 base32 characters"
    );
    let wrong = cognito.verify_software_token(&totp::wrong_code(&secret), None);
    assert!(
        matches!(&wrong, Err(Error::Service(e)) if e.code() == &ErrorCode::CodeMismatchException),
        "a wrong code is refused: {wrong:?}"
    );
    let verified = cognito
        .verify_software_token(&totp::code_now(&secret), Some("phone"))
        .expect("VerifySoftwareToken with the real code");
    assert!(verified, "VerifySoftwareToken says SUCCESS");
    cognito
        .set_user_mfa_preference(MfaPreference {
            sms: Some(true),
            totp: Some(true),
            ..Default::default()
        })
        .expect("SetUserMFAPreference enables SMS and TOTP");
    secret
}

/// SELECT_MFA_TYPE, with MFAS_CAN_CHOOSE checked as cognito-local (and Cognito) send it.
fn select_mfa_type(
    result: Result<AuthResult, Error>,
    spy: &Spy,
    what: &str,
) -> cognito::challenge::SelectMfaType {
    let step = challenge(result, what);
    assert_eq!(step.name(), "SELECT_MFA_TYPE", "{what}: challenge name");
    let raw = step.parameters().get("MFAS_CAN_CHOOSE").cloned();
    assert_eq!(
        raw,
        Some(Value::String(r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#.into())),
        "{what}: MFAS_CAN_CHOOSE is a JSON array encoded as a string"
    );
    let initiate = spy.sent("InitiateAuth");
    assert_eq!(
        initiate.last().unwrap().reply["ChallengeParameters"]["MFAS_CAN_CHOOSE"],
        r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#,
        "{what}: on the wire, a string"
    );
    let Challenge::SelectMfaType(select) = step else {
        panic!("{what}: a typed SelectMfaType");
    };
    assert_eq!(
        select.options(),
        ["SMS_MFA", "SOFTWARE_TOKEN_MFA"],
        "{what}: options"
    );
    select
}

#[test]
fn select_mfa_type_then_sms_mfa_answered_with_the_fixed_code() {
    let (pool, username, password) = seeded();
    let code = code();

    // Before TOTP: the legacy SMS option alone gives SMS_MFA straight away.
    let first = user(&pool, &username, &Spy::default());
    let step = challenge(
        first.authenticate_user_password(&password),
        "the seeded user (is the database seeded? run scripts/test live)",
    );
    let Challenge::SmsMfa(sms) = step else {
        panic!("SMS_MFA for a user with only the SMS option, got {step:?}");
    };
    assert_eq!(sms.delivery_medium(), Some("SMS"), "delivery medium");
    assert_eq!(
        sms.destination(),
        Some("+15555550123"),
        "cognito-local does not mask it"
    );
    authenticated(sms.respond(&code), "SMS_MFA with CODE");
    enable_sms_and_totp(&first);

    // Both enabled: cognito-local asks which one; choose SMS and answer with CODE.
    let spy = Spy::default();
    let cognito = user(&pool, &username, &spy);
    let select = select_mfa_type(
        cognito.authenticate_user_password(&password),
        &spy,
        "SMS and TOTP enabled",
    );
    let step = challenge(select.choose("SMS_MFA"), "after choosing SMS_MFA");
    assert_eq!(step.name(), "SMS_MFA", "the chosen challenge");
    assert_eq!(step.username(), username, "the answer's USERNAME");
    let Challenge::SmsMfa(sms) = step else {
        panic!("a typed SmsMfa");
    };
    authenticated(sms.respond(&code), "SMS_MFA with the fixed CODE");
    assert_signed_in(&cognito, "after SELECT_MFA_TYPE and SMS_MFA");

    let answers = spy.sent("RespondToAuthChallenge");
    assert_eq!(answers.len(), 2, "SELECT_MFA_TYPE, then SMS_MFA");
    let (choice, sms) = (&answers[0], &answers[1]);
    assert_eq!(
        choice.body["ChallengeName"], "SELECT_MFA_TYPE",
        "first answer"
    );
    assert_eq!(
        choice.body["ChallengeResponses"]["ANSWER"], "SMS_MFA",
        "ANSWER"
    );
    assert_eq!(
        choice.body["ChallengeResponses"]["USERNAME"],
        username.as_str(),
        "USERNAME"
    );
    assert_eq!(
        choice.body["Session"],
        spy.sent("InitiateAuth")[0].reply["Session"],
        "the SELECT_MFA_TYPE Session"
    );
    assert_eq!(sms.body["ChallengeName"], "SMS_MFA", "second answer");
    assert_eq!(
        sms.body["ChallengeResponses"]["SMS_MFA_CODE"],
        code.as_str(),
        "SMS_MFA_CODE"
    );
    assert_eq!(
        sms.body["Session"], choice.reply["Session"],
        "the SMS_MFA Session"
    );

    // cognito-local checks the SMS code.
    let spy = Spy::default();
    let again = user(&pool, &username, &spy);
    let select = select_mfa_type(again.authenticate_user_password(&password), &spy, "again");
    let Challenge::SmsMfa(sms) = challenge(select.choose("SMS_MFA"), "SMS again") else {
        panic!("SMS_MFA again");
    };
    let wrong = if code == "000000" { "111111" } else { "000000" };
    match sms.respond(wrong) {
        Err(Error::Service(e)) => {
            assert_eq!(
                e.code(),
                &ErrorCode::CodeMismatchException,
                "a wrong SMS code"
            )
        }
        other => panic!("a wrong SMS code must be refused, got {other:?}"),
    }
    assert!(
        again.tokens().access_token.is_none(),
        "no tokens after a wrong code"
    );
}

#[test]
fn select_mfa_type_through_the_api_alone_then_software_token_mfa() {
    let admin = admin();
    let pool = mfa_pool(&admin, "signin-select-totp");
    confirmed_user(&admin, &pool, "select-kim");
    let first = user(&pool, "select-kim", &Spy::default());
    authenticated(
        first.authenticate_user_password(PASSWORD),
        "sign-in before MFA",
    );
    let secret = enable_sms_and_totp(&first);

    let spy = Spy::default();
    let cognito = user(&pool, "select-kim", &spy);
    let select = select_mfa_type(
        cognito.authenticate_user_password(PASSWORD),
        &spy,
        "both on",
    );
    let step = challenge(select.choose("SOFTWARE_TOKEN_MFA"), "after choosing TOTP");
    let Challenge::SoftwareTokenMfa(totp_step) = step else {
        panic!("a typed SoftwareTokenMfa, got {step:?}");
    };
    authenticated(
        totp_step.respond(&totp::code_now(&secret)),
        "SOFTWARE_TOKEN_MFA with a real code",
    );
    assert_signed_in(&cognito, "after SELECT_MFA_TYPE and SOFTWARE_TOKEN_MFA");

    // Pins the peer's gap that the seeded test works around: without an SMS MFAOption,
    // choosing SMS_MFA is unsupported (HTTP 500, CognitoLocal#Unsupported).
    let spy = Spy::default();
    let again = user(&pool, "select-kim", &spy);
    let select = select_mfa_type(again.authenticate_user_password(PASSWORD), &spy, "again");
    match select.choose("SMS_MFA") {
        Err(Error::Service(e)) => {
            assert_eq!(
                e.status(),
                500,
                "cognito-local's unsupported-feature status"
            );
            assert!(
                e.message()
                    .is_some_and(|m| m.contains("SMS_MFA without SMS MFAOption")),
                "cognito-local's reason: {e:?}"
            );
        }
        other => {
            panic!("cognito-local 5.3.0 cannot send SMS_MFA without an MFAOption, got {other:?}")
        }
    }
}

/// The shared TOTP code maker on a 32-character secret, as cognito-local makes them.
#[test]
fn rfc_6238_vector() {
    // base32("12345678901234567890") and RFC 6238's SHA1 T=59 code, last 6 digits.
    assert_eq!(
        totp::code_at("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59),
        "287082"
    );
}
