//! No secret leaves its wrapper by accident: every public type that can hold
//! a password, a code, a token, a session, a client secret, an SRP value or an
//! AWS secret key is built here with a known value, then its `Debug` (and
//! `Display`, where it has one), the errors reachable offline and the
//! `RecordingTransport`'s recordings are searched for that value.
//!
//! Each secret below is distinct text that appears nowhere else, so a hit is
//! a leak. SECURITY.md names this file as the test of its "no secrets in
//! Debug, Display, errors or recordings" promise.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use cognito::challenge::TotpSecret;
use cognito::credentials::{AwsCredentials, DefaultCredentials, EnvCredentials};
use cognito::server::{PendingSignIn, SessionState};
use cognito::srp::{DeviceVerifier, SrpClient, SrpIdentity};
use cognito::test_util::RecordingTransport;
use cognito::types::*;
use cognito::{
    AuthResult, AwsSrp, Challenge, Cognito, Error, FirstFactor, HttpRequest, HttpResponse,
    RememberedDevice, SecretString, Tokens, TransportError,
};
use serde_json::{json, Value};

const PASSWORD: &str = "Pw-5ecret-Alpha-1!";
const NEW_PASSWORD: &str = "Pw-5ecret-Bravo-2!";
const CODE: &str = "730461";
const CLIENT_SECRET: &str = "cs-5ecret-charlie-3-client-secret";
const SESSION: &str = "Se5sion-5ecret-Delta-4-AYABeEXAMPLE";
/// A JWT-shaped access token; its signature segment is a secret on its own.
const ACCESS_TOKEN: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1LTEiLCJ0b2tlbl91c2UiOiJhY2Nlc3MiLCJ1c2VybmFtZSI6ImFsaWNlIiwiZXhwIjoxOTAwMDAwMDAwfQ.QWNjZXNzLTVlY3JldC1TaWduYXR1cmUtRWNobw";
const ACCESS_SIGNATURE: &str = "QWNjZXNzLTVlY3JldC1TaWduYXR1cmUtRWNobw";
const ID_TOKEN: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1LTEiLCJ0b2tlbl91c2UiOiJpZCIsImNvZ25pdG86dXNlcm5hbWUiOiJhbGljZSJ9.SWQtNWVjcmV0LVNpZ25hdHVyZS1Gb3h0cm90";
const ID_SIGNATURE: &str = "SWQtNWVjcmV0LVNpZ25hdHVyZS1Gb3h0cm90";
const REFRESH_TOKEN: &str = "rt-5ecret-Golf-7-opaque-refresh-token";
const AWS_SECRET_KEY: &str = "aws5ecretHotel8wJalrXUtnFEMIK7MDENGbPxRfiCY";
const AWS_SESSION_TOKEN: &str = "aws5essionIndia9FwoGZXIvYXdzEXAMPLE";
const DEVICE_PASSWORD: &str = "dev-5ecret-Juliet-10-device-password";
const TOTP_SECRET: &str = "TOTP5ECRETKILO11ABCDEFGHIJKLMNOP";
const SECRET_HASH: &str = "SecretHash5ecretLima12+abc=";
const VERIFIER: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0verifier5ecretmike13";
/// SRP private values from the handle's random source: every byte 0x42.
const SRP_PRIVATE_HEX: &str = "42424242424242424242424242424242";

const POOL_ID: &str = "us-east-1_Secrets01";
const CLIENT_ID: &str = "secrets0client0id00000001";

/// Every secret, with a name for the failure message.
const ALL: &[(&str, &str)] = &[
    ("password", PASSWORD),
    ("new password", NEW_PASSWORD),
    ("code", CODE),
    ("client secret", CLIENT_SECRET),
    ("session", SESSION),
    ("access token signature", ACCESS_SIGNATURE),
    ("id token signature", ID_SIGNATURE),
    ("refresh token", REFRESH_TOKEN),
    ("AWS secret key", AWS_SECRET_KEY),
    ("AWS session token", AWS_SESSION_TOKEN),
    ("device password", DEVICE_PASSWORD),
    ("TOTP secret", TOTP_SECRET),
    ("secret hash", SECRET_HASH),
    ("device password verifier", VERIFIER),
    ("SRP private value", SRP_PRIVATE_HEX),
];

/// Fails naming every secret `text` shows.
#[track_caller]
fn assert_hides(what: &str, text: &str) {
    let leaked: Vec<&str> = ALL
        .iter()
        .filter(|(_, secret)| text.contains(secret))
        .map(|(name, _)| *name)
        .collect();
    assert!(leaked.is_empty(), "{what} shows the {leaked:?}: {text}");
}

/// `Debug` (and the alternate `Debug`) of `value`.
#[track_caller]
fn assert_debug_hides(what: &str, value: &impl std::fmt::Debug) {
    assert_hides(what, &format!("{value:?}"));
    assert_hides(what, &format!("{value:#?}"));
}

/// `Display`, `Debug` and every `source()` of an error.
#[track_caller]
fn assert_error_hides(what: &str, e: &(dyn std::error::Error + 'static)) {
    assert_hides(what, &format!("{e} / {e:?}"));
    let mut source = e.source();
    while let Some(s) = source {
        assert_hides(what, &format!("{s} / {s:?}"));
        source = s.source();
    }
}

/// The replies still to give, per operation: status and body, in order.
type Queues = Vec<(String, VecDeque<(u16, Value)>)>;

/// A transport answering each operation from a script (in order, per
/// operation).
#[derive(Clone, Default)]
struct Script {
    replies: Arc<Mutex<Queues>>,
}

impl Script {
    fn reply(self, operation: &str, status: u16, body: Value) -> Self {
        {
            let mut replies = self.replies.lock().unwrap();
            match replies.iter_mut().find(|(op, _)| op == operation) {
                Some((_, queue)) => queue.push_back((status, body)),
                None => replies.push((operation.into(), VecDeque::from([(status, body)]))),
            }
        }
        self
    }

    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let target = req.header("x-amz-target").unwrap_or_default();
        let operation = target.rsplit('.').next().unwrap_or_default().to_owned();
        let mut replies = self.replies.lock().unwrap();
        let (status, body) = replies
            .iter_mut()
            .find(|(op, _)| *op == operation)
            .and_then(|(_, queue)| queue.pop_front())
            .unwrap_or_else(|| panic!("no scripted reply for {operation}"));
        let body = match body {
            Value::String(text) => text.into_bytes(),
            other => other.to_string().into_bytes(),
        };
        Ok(HttpResponse::new(status, body)
            .with_header("content-type", "application/x-amz-json-1.1")
            .with_header("x-amzn-requestid", "secrets-request-id"))
    }
}

fn tokens_reply() -> Value {
    json!({"ChallengeParameters": {}, "AuthenticationResult": {
        "AccessToken": ACCESS_TOKEN, "IdToken": ID_TOKEN, "RefreshToken": REFRESH_TOKEN,
        "ExpiresIn": 3600, "TokenType": "Bearer"}})
}

fn challenge_reply(name: &str, parameters: Value) -> Value {
    json!({"ChallengeName": name, "Session": SESSION, "ChallengeParameters": parameters})
}

fn device() -> RememberedDevice {
    RememberedDevice {
        device_key: "us-east-1_5ecrets-device-key".into(),
        device_group_key: "-SecretsGroupKey".into(),
        device_password: DEVICE_PASSWORD.into(),
    }
}

fn tokens() -> Tokens {
    Tokens {
        id_token: Some(ID_TOKEN.into()),
        access_token: Some(ACCESS_TOKEN.into()),
        refresh_token: Some(REFRESH_TOKEN.into()),
        ..Tokens::default()
    }
}

fn credentials() -> AwsCredentials {
    AwsCredentials::new(
        "AKIDSECRETSTEST00001",
        AWS_SECRET_KEY,
        Some(AWS_SESSION_TOKEN.into()),
    )
}

/// A handle with every secret it can hold, answering from `script`.
fn handle(script: &Script) -> Cognito {
    let script = script.clone();
    Cognito::builder()
        .user_pool_id(POOL_ID)
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .username("alice")
        .credentials(credentials())
        .clock(|| UNIX_EPOCH + Duration::from_secs(1_700_000_000))
        .random(|buf: &mut [u8]| {
            buf.fill(0x42);
            Ok(())
        })
        .transport(move |req| script.send(req))
        // One scripted reply per call: no retries of a scripted 5xx.
        .retry(cognito::RetryPolicy::none())
        .build()
        .unwrap()
}

// ---- Debug of the values that hold secrets ---------------------------------------------------

#[test]
fn the_handle_its_builder_and_its_tokens_hide_their_secrets() {
    let builder = Cognito::builder()
        .user_pool_id(POOL_ID)
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .username("alice")
        .id_token(ID_TOKEN)
        .access_token(ACCESS_TOKEN)
        .refresh_token(REFRESH_TOKEN)
        .remembered_device(device())
        .credentials(credentials());
    assert_debug_hides("CognitoBuilder", &builder);
    let cognito = builder.build().unwrap();
    assert_debug_hides("Cognito", &cognito);
    assert_debug_hides("Tokens", &cognito.tokens());
    assert_debug_hides("Cognito::client_secret", &cognito.client_secret());
    assert_debug_hides("Cognito::access_token", &cognito.access_token());
    assert_debug_hides("RememberedDevice", &cognito.remembered_device());
    assert_debug_hides("AwsCredentials", &credentials());
    assert_debug_hides("SecretString", &SecretString::new(PASSWORD));
    let session = SessionState::from_handle(&cognito).expect("a signed-in handle");
    assert_debug_hides("SessionState", &session);
    assert_debug_hides("SessionState::new", &SessionState::new("alice", tokens()));
}

#[test]
fn credential_providers_hide_the_keys_they_read() {
    let lookup = |name: &str| match name {
        "AWS_ACCESS_KEY_ID" => Some("AKIDSECRETSTEST00001".to_owned()),
        "AWS_SECRET_ACCESS_KEY" => Some(AWS_SECRET_KEY.to_owned()),
        "AWS_SESSION_TOKEN" => Some(AWS_SESSION_TOKEN.to_owned()),
        _ => None,
    };
    assert_debug_hides("EnvCredentials", &EnvCredentials::with_lookup(lookup));
    assert_debug_hides(
        "DefaultCredentials",
        &DefaultCredentials::with_lookup(lookup),
    );
}

#[test]
fn aws_srp_and_the_srp_values_hide_the_password_and_private_values() {
    let builder = AwsSrp::builder()
        .username("alice")
        .password(PASSWORD)
        .pool_id(POOL_ID)
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .random(|buf: &mut [u8]| {
            buf.fill(0x42);
            Ok(())
        })
        .transport(
            |_req: HttpRequest| -> Result<HttpResponse, TransportError> {
                unreachable!("nothing is sent")
            },
        );
    assert_debug_hides("AwsSrpBuilder", &builder);
    let mut aws = builder.build().unwrap();
    assert_debug_hides("AwsSrp", &aws);
    let params = aws.get_auth_params().unwrap();
    assert_debug_hides("AwsSrp after get_auth_params", &aws);
    assert_debug_hides("AuthParameters", &params);

    let client = SrpClient::from_private_value(&[0x42; SrpClient::PRIVATE_VALUE_LEN]).unwrap();
    assert_debug_hides("SrpClient", &client);
    let who = SrpIdentity::user(POOL_ID, "user-id-for-srp").unwrap();
    let derivation = client.derive(&who, PASSWORD, "a1b2c3", "c0ffee01").unwrap();
    let shown = format!("{derivation:?}");
    assert_hides("Derivation", &shown);
    assert!(
        !shown.contains(&derivation.expose_x_hex()),
        "Derivation shows x: {shown}"
    );
    assert!(
        !shown.contains(&derivation.expose_S_hex()),
        "Derivation shows S: {shown}"
    );
    let key: String = derivation
        .expose_key()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(!shown.contains(&key), "Derivation shows the key: {shown}");

    let verifier = DeviceVerifier::with_random("-SecretsGroupKey", "us-east-1_k", |buf| {
        buf.fill(0x42);
        Ok::<(), String>(())
    })
    .unwrap();
    let shown = format!("{verifier:?}");
    assert!(
        !shown.contains(verifier.expose_device_password()),
        "DeviceVerifier shows the device password: {shown}"
    );
}

#[test]
fn first_factor_hides_the_password() {
    assert_debug_hides("FirstFactor::Password", &FirstFactor::Password(PASSWORD));
    assert_debug_hides(
        "FirstFactor::PasswordSrp",
        &FirstFactor::PasswordSrp(PASSWORD),
    );
}

/// Every request and reply type with a secret member, read from JSON that
/// sets each member to a known secret.
#[test]
fn request_and_reply_types_hide_their_secret_members() {
    macro_rules! check {
        ($($ty:ty => $json:expr),+ $(,)?) => {$(
            let value: $ty = serde_json::from_value($json)
                .unwrap_or_else(|e| panic!("{}: {e}", stringify!($ty)));
            assert_debug_hides(stringify!($ty), &value);
        )+};
    }
    let auth_parameters = json!({"USERNAME": "alice", "PASSWORD": PASSWORD, "SECRET_HASH": SECRET_HASH,
        "REFRESH_TOKEN": REFRESH_TOKEN, "NEW_PASSWORD": NEW_PASSWORD});
    let responses = json!({"USERNAME": "alice", "SMS_MFA_CODE": CODE, "SOFTWARE_TOKEN_MFA_CODE": CODE,
        "EMAIL_OTP_CODE": CODE, "SMS_OTP_CODE": CODE, "ANSWER": CODE, "NEW_PASSWORD": NEW_PASSWORD,
        "PASSWORD": PASSWORD, "SECRET_HASH": SECRET_HASH});
    let result = tokens_reply()["AuthenticationResult"].clone();
    check! {
        InitiateAuthRequest => json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT_ID,
            "AuthParameters": auth_parameters}),
        AdminInitiateAuthRequest => json!({"UserPoolId": POOL_ID, "ClientId": CLIENT_ID,
            "AuthFlow": "ADMIN_USER_PASSWORD_AUTH", "AuthParameters": auth_parameters}),
        RespondToAuthChallengeRequest => json!({"ClientId": CLIENT_ID, "ChallengeName": "SMS_MFA",
            "Session": SESSION, "ChallengeResponses": responses}),
        AdminRespondToAuthChallengeRequest => json!({"UserPoolId": POOL_ID, "ClientId": CLIENT_ID,
            "ChallengeName": "SMS_MFA", "Session": SESSION, "ChallengeResponses": responses}),
        InitiateAuthResponse => json!({"Session": SESSION, "AuthenticationResult": result}),
        AuthenticationResultType => result,
        SignUpRequest => json!({"ClientId": CLIENT_ID, "Username": "alice", "Password": PASSWORD,
            "SecretHash": SECRET_HASH}),
        SignUpResponse => json!({"UserConfirmed": false, "UserSub": "u-1", "Session": SESSION}),
        ConfirmSignUpRequest => json!({"ClientId": CLIENT_ID, "Username": "alice",
            "ConfirmationCode": CODE, "SecretHash": SECRET_HASH, "Session": SESSION}),
        ConfirmSignUpResponse => json!({"Session": SESSION}),
        ResendConfirmationCodeRequest => json!({"ClientId": CLIENT_ID, "Username": "alice",
            "SecretHash": SECRET_HASH}),
        ForgotPasswordRequest => json!({"ClientId": CLIENT_ID, "Username": "alice",
            "SecretHash": SECRET_HASH}),
        ConfirmForgotPasswordRequest => json!({"ClientId": CLIENT_ID, "Username": "alice",
            "ConfirmationCode": CODE, "Password": NEW_PASSWORD, "SecretHash": SECRET_HASH}),
        ChangePasswordRequest => json!({"AccessToken": ACCESS_TOKEN, "PreviousPassword": PASSWORD,
            "ProposedPassword": NEW_PASSWORD}),
        VerifyUserAttributeRequest => json!({"AccessToken": ACCESS_TOKEN, "AttributeName": "email",
            "Code": CODE}),
        GetUserRequest => json!({"AccessToken": ACCESS_TOKEN}),
        GlobalSignOutRequest => json!({"AccessToken": ACCESS_TOKEN}),
        DeleteUserRequest => json!({"AccessToken": ACCESS_TOKEN}),
        AssociateSoftwareTokenRequest => json!({"AccessToken": ACCESS_TOKEN, "Session": SESSION}),
        AssociateSoftwareTokenResponse => json!({"SecretCode": TOTP_SECRET, "Session": SESSION}),
        VerifySoftwareTokenRequest => json!({"AccessToken": ACCESS_TOKEN, "Session": SESSION,
            "UserCode": CODE}),
        VerifySoftwareTokenResponse => json!({"Status": "SUCCESS", "Session": SESSION}),
        GetTokensFromRefreshTokenRequest => json!({"RefreshToken": REFRESH_TOKEN,
            "ClientId": CLIENT_ID, "ClientSecret": CLIENT_SECRET}),
        RevokeTokenRequest => json!({"Token": REFRESH_TOKEN, "ClientId": CLIENT_ID,
            "ClientSecret": CLIENT_SECRET}),
        AdminCreateUserRequest => json!({"UserPoolId": POOL_ID, "Username": "alice",
            "TemporaryPassword": PASSWORD}),
        AdminSetUserPasswordRequest => json!({"UserPoolId": POOL_ID, "Username": "alice",
            "Password": PASSWORD, "Permanent": true}),
        UserPoolClientType => json!({"ClientId": CLIENT_ID, "ClientSecret": CLIENT_SECRET}),
        ConfirmDeviceRequest => json!({"AccessToken": ACCESS_TOKEN, "DeviceKey": "k",
            "DeviceSecretVerifierConfig": {"PasswordVerifier": VERIFIER, "Salt": "c2FsdA=="}}),
        DeviceSecretVerifierConfigType => json!({"PasswordVerifier": VERIFIER, "Salt": "c2FsdA=="}),
    }
}

// ---- challenges and the server side ----------------------------------------------------------

/// Signs in with the password and stops at `name`.
fn challenge(name: &str, parameters: Value) -> (Challenge, Script) {
    let script = Script::default().reply("InitiateAuth", 200, challenge_reply(name, parameters));
    let cognito = handle(&script);
    match cognito.authenticate_user_password(PASSWORD).unwrap() {
        AuthResult::Challenge(c) => (c, script),
        AuthResult::Authenticated => panic!("{name}: signed in"),
    }
}

#[test]
fn every_challenge_and_its_saved_state_hide_the_session() {
    for (name, parameters) in [
        (
            "NEW_PASSWORD_REQUIRED",
            json!({"userAttributes": "{}", "requiredAttributes": "[]"}),
        ),
        (
            "SMS_MFA",
            json!({"CODE_DELIVERY_DESTINATION": "+*******1234"}),
        ),
        ("SOFTWARE_TOKEN_MFA", json!({})),
        ("EMAIL_OTP", json!({})),
        ("SMS_OTP", json!({})),
        (
            "SELECT_MFA_TYPE",
            json!({"MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"}),
        ),
        (
            "MFA_SETUP",
            json!({"MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\"]"}),
        ),
        ("CUSTOM_CHALLENGE", json!({"question": "colour?"})),
        ("SELECT_CHALLENGE", json!({})),
        ("WEB_AUTHN", json!({})),
    ] {
        let (challenge, _) = challenge(name, parameters);
        assert_debug_hides(name, &challenge);
        let pending = PendingSignIn::new(&challenge);
        assert_debug_hides(&format!("PendingSignIn of {name}"), &pending);
    }
}

#[test]
fn the_totp_secret_is_hidden_from_debug() {
    let (challenge, script) = challenge(
        "MFA_SETUP",
        json!({"MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\"]"}),
    );
    script.reply(
        "AssociateSoftwareToken",
        200,
        json!({"SecretCode": TOTP_SECRET, "Session": SESSION}),
    );
    let Challenge::MfaSetup(mut setup) = challenge else {
        panic!("not MFA_SETUP")
    };
    let secret: TotpSecret = setup.associate_software_token().unwrap();
    assert_eq!(secret.secret.expose_secret(), TOTP_SECRET);
    assert_debug_hides("TotpSecret", &secret);
    assert_debug_hides("MfaSetup after associate_software_token", &setup);
}

// ---- errors ----------------------------------------------------------------------------------

#[test]
fn service_srp_and_protocol_errors_hide_the_password() {
    // A wrong password, answered by Cognito.
    let script = Script::default().reply(
        "InitiateAuth",
        400,
        json!({"__type": "NotAuthorizedException", "message": "Incorrect username or password."}),
    );
    let e = handle(&script)
        .authenticate_user_password(PASSWORD)
        .unwrap_err();
    assert!(e.is_not_authorized(), "{e:?}");
    assert_error_hides("NotAuthorizedException", &e);

    // A hostile SRP challenge (B = 0): the SRP error.
    let script = Script::default().reply(
        "InitiateAuth",
        200,
        challenge_reply(
            "PASSWORD_VERIFIER",
            json!({"USER_ID_FOR_SRP": "alice", "SALT": "a1b2", "SRP_B": "00", "SECRET_BLOCK": "c2VjcmV0"}),
        ),
    );
    let e = handle(&script).authenticate(PASSWORD).unwrap_err();
    assert!(matches!(e, Error::Srp(_)), "{e:?}");
    assert_error_hides("Srp error", &e);

    // A challenge that fits no flow: the protocol error.
    let script = Script::default().reply("InitiateAuth", 200, json!({"Session": SESSION}));
    let e = handle(&script)
        .authenticate_user_password(PASSWORD)
        .unwrap_err();
    assert!(matches!(e, Error::Protocol(_)), "{e:?}");
    assert_error_hides("Protocol error", &e);

    // A challenge the caller did not answer.
    let (challenge, _) = challenge("SMS_MFA", json!({}));
    let e = AuthResult::Challenge(challenge).signed_in().unwrap_err();
    assert_error_hides("ChallengeRequired", &e);
}

#[test]
fn a_refused_token_error_does_not_show_the_token() {
    let verifier = cognito::TokenVerifier::builder("us-east-1_TestPool1")
        .client_id("1example23456789abcdefghi0")
        .key_set_json(include_str!("../../fixtures/jwt/jwks.json"))
        .build()
        .unwrap();
    let e = verifier.verify(ACCESS_TOKEN).unwrap_err();
    assert_error_hides("TokenVerifier::verify", &e);
}

#[test]
fn a_refused_bearer_header_does_not_show_the_token_or_credentials() {
    let verifier = cognito::TokenVerifier::builder("us-east-1_TestPool1")
        .client_id("1example23456789abcdefghi0")
        .key_set_json(include_str!("../../fixtures/jwt/jwks.json"))
        .build()
        .unwrap();
    for authorization in [
        format!("Bearer {ACCESS_TOKEN}"),
        format!("Basic {CLIENT_SECRET}"),
        format!("Token {REFRESH_TOKEN}"),
    ] {
        let e =
            cognito::server::bearer_claims(&verifier, [("Authorization", authorization.as_str())])
                .unwrap_err();
        assert_error_hides(&format!("bearer_claims({authorization:.12}…)"), &e);
    }
}

#[test]
fn a_missing_credential_error_does_not_show_the_secret_key_it_found() {
    // The secret key without its key id: the chain finds no credentials.
    let provider = DefaultCredentials::with_lookup(|name| {
        (name == "AWS_SECRET_ACCESS_KEY").then(|| AWS_SECRET_KEY.to_owned())
    });
    let cognito = Cognito::builder()
        .user_pool_id(POOL_ID)
        .client_id(CLIENT_ID)
        .credentials_provider(provider)
        .transport(
            |_req: HttpRequest| -> Result<HttpResponse, TransportError> {
                unreachable!("nothing is sent without credentials")
            },
        )
        .build()
        .unwrap();
    let e = cognito.credentials().unwrap_err();
    assert_error_hides("missing credentials", &e);
}

/// A `credential_process` that fails after printing a secret on its
/// standard error (a helper echoing its input, a debug trace): the error must
/// not carry the text; nor does one whose output holds the keys but is not
/// usable.
#[test]
fn a_failing_credential_process_does_not_put_its_output_in_the_error() {
    let dir = std::env::temp_dir().join(format!("cognito-secrets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config");
    let bad_version = format!(
        r#"{{"Version": 2, "AccessKeyId": "AKIDSECRETSTEST00001", "SecretAccessKey": "{AWS_SECRET_KEY}", "SessionToken": "{AWS_SESSION_TOKEN}"}}"#
    );
    std::fs::write(
        &config,
        format!(
            "[profile stderr]\ncredential_process = sh -c 'echo {AWS_SECRET_KEY} >&2; exit 3'\n\
             [profile version]\ncredential_process = sh -c 'printf %s \"$0\"' '{bad_version}'\n"
        ),
    )
    .unwrap();
    // The usable-looking output first: the stderr case fails until issue 13's fix.
    for profile in ["version", "stderr"] {
        let config = config.clone();
        let provider = DefaultCredentials::with_lookup(move |name| match name {
            "AWS_CONFIG_FILE" => Some(config.display().to_string()),
            "AWS_SHARED_CREDENTIALS_FILE" => Some("/nonexistent/credentials".to_owned()),
            "AWS_PROFILE" => Some(profile.to_owned()),
            _ => None,
        });
        let e = cognito::credentials::ProvideCredentials::provide(&provider).unwrap_err();
        assert_error_hides(&format!("credential_process of profile {profile}"), &e);
        // The process really ran and failed as meant.
        let chain = format!(
            "{e} {:?}",
            std::error::Error::source(&e).map(ToString::to_string)
        );
        let meant = if profile == "version" {
            "Version 2"
        } else {
            "exit status: 3"
        };
        assert!(chain.contains(meant), "{profile}: {chain}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A firewall or proxy page that echoes the request (secrets included) with
/// a non-2xx status: the error's excerpt of the body must not carry them.
#[test]
fn an_error_page_echoing_the_request_is_scrubbed_from_the_error() {
    // What the request really carried: the SECRET_HASH the handle computes.
    let sent_hash = cognito::secret_hash(CLIENT_SECRET, "alice", CLIENT_ID);
    let echo = format!(
        "<html><body>Request blocked. Your request: {{\"AuthParameters\":{{\"PASSWORD\":\"{PASSWORD}\",\
         \"SECRET_HASH\":\"{sent_hash}\"}},\"AccessToken\":\"{ACCESS_TOKEN}\"}}</body></html>"
    );
    let script = Script::default()
        .reply("InitiateAuth", 403, Value::String(echo))
        .reply(
            "InitiateAuth",
            502,
            Value::String(format!("<p>bad gateway; token={ID_TOKEN}</p>")),
        );
    let cognito = handle(&script);
    let e = cognito.authenticate_user_password(PASSWORD).unwrap_err();
    assert!(matches!(e, Error::Http(_)), "{e:?}");
    assert_error_hides("an HTTP error page echoing the request", &e);
    assert!(
        !format!("{e} {e:?}").contains(&sent_hash),
        "the SECRET_HASH sent was echoed into the error: {e:?}"
    );
    let e = cognito.authenticate_user_password(PASSWORD).unwrap_err();
    assert!(matches!(e, Error::Http(_)), "{e:?}");
    assert_error_hides("an HTTP error page holding a token", &e);
}

/// A token where the model expects another type: serde's message quotes the
/// value it refused, which must not reach the error.
#[test]
fn a_token_in_the_wrong_place_is_scrubbed_from_the_parse_error() {
    let script = Script::default().reply(
        "InitiateAuth",
        200,
        json!({"AuthenticationResult": {"AccessToken": ACCESS_TOKEN, "ExpiresIn": REFRESH_TOKEN}}),
    );
    let e = handle(&script)
        .authenticate_user_password(PASSWORD)
        .unwrap_err();
    assert!(matches!(e, Error::Parse(_)), "{e:?}");
    assert_error_hides("a parse error", &e);
}

// ---- recordings ------------------------------------------------------------------------------

/// A conversation with every kind of secret in its requests and replies,
/// through a `RecordingTransport`; the recording as JSON.
fn record(conversation: impl FnOnce(&Cognito, &Script)) -> String {
    let script = Script::default();
    let inner = script.clone();
    let recorder = RecordingTransport::new(move |req: HttpRequest| inner.send(req));
    let cognito = Cognito::builder()
        .user_pool_id(POOL_ID)
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .username("alice")
        .credentials(credentials())
        .clock(|| UNIX_EPOCH + Duration::from_secs(1_700_000_000))
        .random(|buf: &mut [u8]| {
            buf.fill(0x42);
            Ok(())
        })
        .transport(recorder.clone())
        .build()
        .unwrap();
    conversation(&cognito, &script);
    let fixture = recorder.fixture("tests/offline/secrets.rs");
    serde_json::to_string_pretty(&fixture).unwrap()
}

/// Fails naming each recorded member that holds a secret, by its path.
#[track_caller]
fn assert_recording_hides(recorded: &str) {
    fn walk(path: String, value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    walk(format!("{path}.{k}"), v, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(format!("{path}[{i}]"), v, out);
                }
            }
            Value::String(text) => {
                for (name, secret) in ALL {
                    if text.contains(secret) {
                        out.push(format!("{path} ({name})"));
                    }
                }
            }
            _ => {}
        }
    }
    let mut leaks = Vec::new();
    walk(
        String::new(),
        &serde_json::from_str(recorded).unwrap(),
        &mut leaks,
    );
    assert!(
        leaks.is_empty(),
        "a recording keeps secrets in clear at {leaks:#?}"
    );
    assert_hides("a recording", recorded);
}

#[test]
fn recordings_hide_passwords_tokens_sessions_and_client_secrets() {
    let recorded = record(|cognito, script| {
        script
            .clone()
            .reply(
                "InitiateAuth",
                200,
                challenge_reply("NEW_PASSWORD_REQUIRED", json!({})),
            )
            .reply("RespondToAuthChallenge", 200, tokens_reply())
            .reply("ChangePassword", 200, json!({}))
            .reply("AdminSetUserPassword", 200, json!({}))
            .reply("AdminCreateUser", 200, json!({"User": {"Username": "bob"}}))
            .reply(
                "SignUp",
                200,
                json!({"UserConfirmed": false, "UserSub": "u-2", "Session": SESSION}),
            )
            .reply("RevokeToken", 200, json!({}))
            .reply(
                "AssociateSoftwareToken",
                200,
                json!({"SecretCode": TOTP_SECRET, "Session": SESSION}),
            );
        let Some(Challenge::NewPasswordRequired(c)) = cognito
            .authenticate_user_password(PASSWORD)
            .unwrap()
            .into_challenge()
        else {
            panic!("not NEW_PASSWORD_REQUIRED")
        };
        assert!(c.respond(NEW_PASSWORD, &[]).unwrap().is_authenticated());
        for (operation, input) in [
            (
                "ChangePassword",
                json!({"AccessToken": ACCESS_TOKEN, "PreviousPassword": PASSWORD,
                "ProposedPassword": NEW_PASSWORD}),
            ),
            (
                "AdminSetUserPassword",
                json!({"UserPoolId": POOL_ID, "Username": "bob",
                "Password": PASSWORD, "Permanent": true}),
            ),
            (
                "AdminCreateUser",
                json!({"UserPoolId": POOL_ID, "Username": "bob",
                "TemporaryPassword": PASSWORD}),
            ),
            (
                "SignUp",
                json!({"ClientId": CLIENT_ID, "Username": "carol", "Password": PASSWORD,
                "SecretHash": SECRET_HASH}),
            ),
            (
                "RevokeToken",
                json!({"Token": REFRESH_TOKEN, "ClientId": CLIENT_ID,
                "ClientSecret": CLIENT_SECRET}),
            ),
            (
                "AssociateSoftwareToken",
                json!({"AccessToken": ACCESS_TOKEN}),
            ),
        ] {
            cognito.call(operation, &input).unwrap();
        }
    });
    assert_recording_hides(&recorded);
}

/// The codes and challenge answers: `ConfirmationCode`, `Code`, `UserCode`,
/// `ANSWER`, `SMS_MFA_CODE`, `SOFTWARE_TOKEN_MFA_CODE`, `EMAIL_OTP_CODE`,
/// `SMS_OTP_CODE`.
#[test]
fn recordings_hide_codes_and_challenge_answers() {
    let recorded = record(|cognito, script| {
        script
            .clone()
            .reply("InitiateAuth", 200, challenge_reply("SMS_MFA", json!({})))
            .reply("RespondToAuthChallenge", 200, tokens_reply());
        let Some(Challenge::SmsMfa(c)) = cognito
            .authenticate_user_password(PASSWORD)
            .unwrap()
            .into_challenge()
        else {
            panic!("not SMS_MFA")
        };
        assert!(c.respond(CODE).unwrap().is_authenticated());
        let mut calls = vec![
            (
                "ConfirmSignUp",
                json!({"ClientId": CLIENT_ID, "Username": "alice", "ConfirmationCode": CODE}),
            ),
            (
                "ConfirmForgotPassword",
                json!({"ClientId": CLIENT_ID, "Username": "alice",
                "ConfirmationCode": CODE, "Password": NEW_PASSWORD}),
            ),
            (
                "VerifyUserAttribute",
                json!({"AccessToken": ACCESS_TOKEN, "AttributeName": "email", "Code": CODE}),
            ),
            (
                "VerifySoftwareToken",
                json!({"AccessToken": ACCESS_TOKEN, "UserCode": CODE}),
            ),
        ];
        for (name, key) in [
            ("CUSTOM_CHALLENGE", "ANSWER"),
            ("SOFTWARE_TOKEN_MFA", "SOFTWARE_TOKEN_MFA_CODE"),
            ("EMAIL_OTP", "EMAIL_OTP_CODE"),
            ("SMS_OTP", "SMS_OTP_CODE"),
        ] {
            calls.push((
                "RespondToAuthChallenge",
                json!({"ClientId": CLIENT_ID, "ChallengeName": name,
                "Session": SESSION, "ChallengeResponses": {"USERNAME": "alice", key: CODE}}),
            ));
        }
        for (operation, input) in calls {
            script.clone().reply(operation, 200, json!({}));
            cognito.call(operation, &input).unwrap();
        }
    });
    assert_recording_hides(&recorded);
}

/// The device verifier `ConfirmDevice` sends (`PasswordVerifier`), from which
/// the device password can be attacked offline.
#[test]
fn recordings_hide_the_device_password_verifier() {
    let recorded = record(|cognito, script| {
        script.clone().reply(
            "ConfirmDevice",
            200,
            json!({"UserConfirmationNecessary": false}),
        );
        cognito
            .call(
                "ConfirmDevice",
                &json!({"AccessToken": ACCESS_TOKEN, "DeviceKey": "us-east-1_k",
                    "DeviceSecretVerifierConfig": {"PasswordVerifier": VERIFIER, "Salt": "c2FsdA=="}}),
            )
            .unwrap();
    });
    assert_recording_hides(&recorded);
}
