//! Every sign-in flow and challenge through the handle, replayed from the
//! constructed fixtures in `fixtures/auth/` (written by
//! `scripts/gen/auth_fixtures.py`).
//!
//! The replay checks each request body exactly: USERNAME and SECRET_HASH on
//! every step, the Session carried through, TIMESTAMP at the fixed clock
//! (`Tue Nov 14 22:13:20 UTC 2023`); only SRP_A, PASSWORD_CLAIM_SIGNATURE and
//! the device salt and verifier (random) are `<redacted>` there. The SRP proof
//! itself is checked by `tests/offline/auth/srp_server.rs`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use cognito::credentials::AwsCredentials;
use cognito::dangerous::decode_without_verification;
use cognito::srp::SrpError;
use cognito::test_util::ReplayTransport;
use cognito::{
    AuthResult, Challenge, Cognito, CognitoBuilder, Error, ErrorCode, FirstFactor, HttpRequest,
    ProtocolError, RememberedDevice, Transport,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

// The synthetic identities the fixture script uses.
const POOL_ID: &str = "us-east-1_SyNtH3t1c";
const SECRET_CLIENT_ID: &str = "synthetic0secret0client001";
const PUBLIC_CLIENT_ID: &str = "synthetic0public0client002";
const CLIENT_SECRET: &str = "test-client-secret-not-real";
const TYPED: &str = "alice@example.com";
const INTERNAL: &str = "alice-internal";
const PASSWORD: &str = "Passw0rd!-not-real";
const NEW_PASSWORD: &str = "N3w-Passw0rd!-not-real";
const NOW: u64 = 1_700_000_000; // Tue Nov 14 22:13:20 UTC 2023
const DEVICE_KEY: &str = "us-east-1_0d15ea5e-synthetic-device-key";
const DEVICE_GROUP_KEY: &str = "-SyntheticGroupKey";
const DEVICE_PASSWORD: &str = "synthetic-device-password-not-real";
const DEVICE_NAME: &str = "auth-flows test device";
const SESSION_1: &str = "synthetic-session-1-not-real-0123456789";

/// One replayed conversation: the replay, every request the handle sent, and
/// the handle.
struct Run {
    replay: ReplayTransport,
    seen: Arc<Mutex<Vec<HttpRequest>>>,
    cognito: Cognito,
}

impl Run {
    /// A handle for the secret client, username typed as the alias.
    fn new(fixture: &str) -> Self {
        Self::with(fixture, |b| b)
    }

    /// As [`Run::new`], with more settings.
    fn with(fixture: &str, configure: impl FnOnce(CognitoBuilder) -> CognitoBuilder) -> Self {
        Self::custom(fixture, |b| {
            configure(
                b.client_id(SECRET_CLIENT_ID)
                    .client_secret(CLIENT_SECRET)
                    .username(TYPED),
            )
        })
    }

    /// The public client (no secret) and a plain username, as on moto.
    fn public(fixture: &str, username: &str) -> Self {
        Self::custom(fixture, |b| {
            b.client_id(PUBLIC_CLIENT_ID).username(username)
        })
    }

    /// A handle on the pool, the fixed clock and the replay; `configure` adds the client.
    fn custom(fixture: &str, configure: impl FnOnce(CognitoBuilder) -> CognitoBuilder) -> Self {
        let path = format!(
            "{}/fixtures/auth/{fixture}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let replay = ReplayTransport::from_file(&path).unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (forward, record) = (replay.clone(), Arc::clone(&seen));
        let spy = move |req: HttpRequest| {
            record.lock().unwrap().push(req.clone());
            forward.send(req)
        };
        let builder = Cognito::builder()
            .user_pool_id(POOL_ID)
            .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
            .environment(|_| None)
            .credentials(AwsCredentials::new(
                "AKIDEXAMPLE",
                "synthetic-aws-secret-not-real",
                None,
            ))
            .device_name(DEVICE_NAME)
            .transport(spy);
        let cognito = configure(builder).build().unwrap();
        Self {
            replay,
            seen,
            cognito,
        }
    }

    fn targets(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|r| {
                r.header("x-amz-target")
                    .unwrap_or("")
                    .rsplit('.')
                    .next()
                    .unwrap_or("")
                    .to_owned()
            })
            .collect()
    }

    fn body(&self, index: usize) -> Value {
        serde_json::from_slice(&self.seen.lock().unwrap()[index].body).unwrap()
    }

    /// Every exchange used; user-side calls went unsigned.
    fn finish(&self, label: &str) {
        self.replay
            .finish()
            .unwrap_or_else(|e| panic!("{label}: {e}"));
        for req in self.seen.lock().unwrap().iter() {
            let target = req.header("x-amz-target").unwrap_or("");
            if !target.ends_with(".AdminInitiateAuth")
                && !target.ends_with(".AdminRespondToAuthChallenge")
            {
                assert!(
                    req.header("authorization").is_none(),
                    "{label}: {target} went signed"
                );
            }
        }
    }

    /// The handle holds the fixture's tokens with the given lifetime.
    fn assert_tokens(&self, label: &str, refresh: &str, lifetime: u64) {
        let tokens = self.cognito.tokens();
        let access = tokens
            .access_token
            .as_ref()
            .unwrap_or_else(|| panic!("{label}: no access token"));
        let claims = decode_without_verification(access.expose_secret())
            .unwrap()
            .claims()
            .clone();
        assert_eq!(
            claims.token_use.map(|u| u.to_string()).as_deref(),
            Some("access"),
            "{label}: access token_use"
        );
        let id = tokens
            .id_token
            .as_ref()
            .unwrap_or_else(|| panic!("{label}: no id token"));
        let id_claims = decode_without_verification(id.expose_secret())
            .unwrap()
            .claims()
            .clone();
        assert_eq!(
            id_claims.token_use.map(|u| u.to_string()).as_deref(),
            Some("id"),
            "{label}: id token_use"
        );
        assert_eq!(
            tokens.refresh_token.as_ref().map(|t| t.expose_secret()),
            Some(refresh),
            "{label}: refresh token"
        );
        assert_eq!(
            tokens.token_type.as_deref(),
            Some("Bearer"),
            "{label}: token type"
        );
        assert_eq!(tokens.expires_in, Some(lifetime), "{label}: expires_in");
        assert_eq!(
            tokens.expires_at,
            Some(UNIX_EPOCH + Duration::from_secs(NOW + lifetime)),
            "{label}: expires_at"
        );
    }
}

fn authenticated(label: &str, result: Result<AuthResult, Error>) {
    match result {
        Ok(AuthResult::Authenticated) => {}
        other => panic!("{label}: expected tokens, got {other:?}"),
    }
}

fn challenge(label: &str, result: Result<AuthResult, Error>) -> Challenge {
    match result {
        Ok(AuthResult::Challenge(c)) => c,
        other => panic!("{label}: expected a challenge, got {other:?}"),
    }
}

fn remembered() -> RememberedDevice {
    RememberedDevice {
        device_key: DEVICE_KEY.into(),
        device_group_key: DEVICE_GROUP_KEY.into(),
        device_password: DEVICE_PASSWORD.into(),
    }
}

// ---- SRP ---------------------------------------------------------------------

#[test]
fn srp_alias_login_with_a_secret_client() {
    let run = Run::new("srp_secret_alias");
    authenticated("srp alias", run.cognito.authenticate(PASSWORD));
    run.finish("srp alias");
    assert_eq!(
        run.targets(),
        ["InitiateAuth", "RespondToAuthChallenge"],
        "srp alias: requests"
    );
    run.assert_tokens("srp alias", "synthetic-refresh-token-1-not-real", 3600);
    let srp_a = run.body(0)["AuthParameters"]["SRP_A"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        srp_a.len() > 700
            && srp_a
                .bytes()
                .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')),
        "srp alias: SRP_A is plain lowercase hex of a 3072-bit value: {srp_a}"
    );
    let signature = run.body(1)["ChallengeResponses"]["PASSWORD_CLAIM_SIGNATURE"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        STANDARD.decode(&signature).unwrap().len(),
        32,
        "srp alias: signature is base64 of 32 bytes"
    );
    assert_eq!(
        run.cognito.username().as_deref(),
        Some(TYPED),
        "srp alias: the handle keeps the typed name"
    );
}

#[test]
fn srp_challenge_without_username_falls_back_to_user_id_for_srp() {
    let run = Run::new("srp_no_username");
    authenticated("no USERNAME", run.cognito.authenticate(PASSWORD));
    run.finish("no USERNAME");
    // cognito-local's shape: no ExpiresIn or TokenType; exp is NOW + 1800.
    run.assert_tokens("no USERNAME", "synthetic-refresh-token-1-not-real", 1800);
}

#[test]
fn srp_moto_uuid_secret_block_goes_back_unchanged() {
    let run = Run::public("srp_moto_uuid_secret_block", "alice");
    authenticated("moto uuid", run.cognito.authenticate(PASSWORD));
    run.finish("moto uuid");
    run.assert_tokens("moto uuid", "synthetic-refresh-token-1-not-real", 3600);
}

#[test]
fn wrong_password_surfaces_as_a_service_error() {
    let run = Run::new("wrong_password");
    let err = run.cognito.authenticate(PASSWORD).unwrap_err();
    run.finish("wrong password");
    match &err {
        Error::Service(e) => {
            assert_eq!(
                e.code(),
                &ErrorCode::NotAuthorizedException,
                "wrong password: code"
            );
            assert_eq!(
                e.message(),
                Some("Incorrect username or password."),
                "wrong password: message"
            );
        }
        other => panic!("wrong password: {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "NotAuthorizedException: Incorrect username or password."
    );
    assert_eq!(
        run.cognito.tokens(),
        cognito::Tokens::default(),
        "wrong password: no tokens"
    );
}

// ---- password flows and MFA challenges --------------------------------------------

#[test]
fn new_password_required_with_a_required_attribute() {
    let run = Run::new("password_new_password_required");
    let c = challenge(
        "new password",
        run.cognito.authenticate_user_password(PASSWORD),
    );
    assert_eq!(c.name(), "NEW_PASSWORD_REQUIRED", "new password: name");
    assert_eq!(
        c.username(),
        INTERNAL,
        "new password: the challenge's USERNAME"
    );
    let Challenge::NewPasswordRequired(c) = c else {
        panic!("new password: variant")
    };
    assert_eq!(
        c.required_attributes(),
        ["name"],
        "new password: requiredAttributes from a JSON string"
    );
    assert_eq!(
        c.user_attributes()["email"],
        TYPED,
        "new password: userAttributes from a JSON string"
    );
    authenticated(
        "new password",
        c.respond(NEW_PASSWORD, &[("name", "Alice Synthetic")]),
    );
    run.finish("new password");
    run.assert_tokens("new password", "synthetic-refresh-token-1-not-real", 3600);
}

#[test]
fn code_challenges_after_the_password() {
    for (fixture, name, medium, destination, code) in [
        (
            "mfa_sms_mfa",
            "SMS_MFA",
            Some("SMS"),
            Some("+*******0100"),
            "123456",
        ),
        (
            "mfa_software_token_mfa",
            "SOFTWARE_TOKEN_MFA",
            None,
            None,
            "654321",
        ),
        (
            "mfa_email_otp",
            "EMAIL_OTP",
            Some("EMAIL"),
            Some("a***@e***"),
            "24680135",
        ),
    ] {
        let run = Run::new(fixture);
        let c = challenge(fixture, run.cognito.authenticate_user_password(PASSWORD));
        assert_eq!(c.name(), name, "{fixture}: name");
        let c = match c {
            Challenge::SmsMfa(c) if name == "SMS_MFA" => c,
            Challenge::SoftwareTokenMfa(c) if name == "SOFTWARE_TOKEN_MFA" => c,
            Challenge::EmailOtp(c) if name == "EMAIL_OTP" => c,
            other => panic!("{fixture}: variant {other:?}"),
        };
        assert_eq!(c.delivery_medium(), medium, "{fixture}: medium");
        assert_eq!(c.destination(), destination, "{fixture}: destination");
        authenticated(fixture, c.respond(code));
        run.finish(fixture);
        run.assert_tokens(fixture, "synthetic-refresh-token-1-not-real", 3600);
    }
}

#[test]
fn select_mfa_type_as_json_string_and_native_array() {
    for (fixture, pick) in [
        ("select_mfa_type_string", "SMS_MFA"),
        ("select_mfa_type_array", "SOFTWARE_TOKEN_MFA"),
    ] {
        let run = Run::new(fixture);
        let Challenge::SelectMfaType(c) =
            challenge(fixture, run.cognito.authenticate_user_password(PASSWORD))
        else {
            panic!("{fixture}: variant")
        };
        assert_eq!(
            c.options(),
            ["SMS_MFA", "SOFTWARE_TOKEN_MFA"],
            "{fixture}: MFAS_CAN_CHOOSE"
        );
        let next = challenge(fixture, c.choose(pick));
        assert_eq!(next.name(), pick, "{fixture}: the chosen challenge follows");
        let code = match next {
            Challenge::SmsMfa(c) | Challenge::SoftwareTokenMfa(c) => c,
            other => panic!("{fixture}: {other:?}"),
        };
        authenticated(fixture, code.respond("112233"));
        run.finish(fixture);
        assert_eq!(
            run.targets(),
            [
                "InitiateAuth",
                "RespondToAuthChallenge",
                "RespondToAuthChallenge"
            ],
            "{fixture}: requests"
        );
    }
}

#[test]
fn mfa_setup_associates_verifies_then_answers_with_the_verified_session() {
    let run = Run::new("mfa_setup");
    let Challenge::MfaSetup(mut c) = challenge(
        "mfa setup",
        run.cognito.authenticate_user_password(PASSWORD),
    ) else {
        panic!("mfa setup: variant")
    };
    assert_eq!(
        c.options(),
        ["SOFTWARE_TOKEN_MFA"],
        "mfa setup: MFAS_CAN_SETUP"
    );
    let secret = c.associate_software_token().unwrap();
    assert_eq!(
        secret.secret.expose_secret(),
        "SYNTHETICTOTPSECRETNOTREAL234567",
        "mfa setup: SecretCode"
    );
    assert!(
        !format!("{c:?}").contains("SYNTHETICTOTP"),
        "mfa setup: the TOTP secret stays out of Debug"
    );
    authenticated(
        "mfa setup",
        c.verify_software_token("123456", Some("synthetic phone")),
    );
    run.finish("mfa setup");
    assert_eq!(
        run.targets(),
        [
            "InitiateAuth",
            "AssociateSoftwareToken",
            "VerifySoftwareToken",
            "RespondToAuthChallenge"
        ],
        "mfa setup: AssociateSoftwareToken and VerifySoftwareToken were really sent"
    );
    assert_eq!(
        run.body(1)["Session"],
        SESSION_1,
        "mfa setup: associate carries the challenge's session"
    );
    assert_eq!(
        run.body(2)["Session"],
        "synthetic-session-2-not-real-0123456789",
        "mfa setup: verify carries associate's session"
    );
    assert_eq!(
        run.body(3)["Session"],
        "synthetic-session-3-not-real-0123456789",
        "mfa setup: the answer carries verify's session"
    );
    assert_eq!(
        run.body(3)["ChallengeName"],
        "MFA_SETUP",
        "mfa setup: answered challenge"
    );
    run.assert_tokens("mfa setup", "synthetic-refresh-token-1-not-real", 3600);
}

// ---- custom and choice-based flows ---------------------------------------------------

#[test]
fn custom_auth_pure_and_srp_first() {
    for (fixture, password) in [("custom_auth", None), ("custom_auth_srp", Some(PASSWORD))] {
        let run = Run::new(fixture);
        let Challenge::CustomChallenge(c) = challenge(fixture, run.cognito.custom_auth(password))
        else {
            panic!("{fixture}: variant")
        };
        assert_eq!(
            c.parameters().get_str("question"),
            Some("synthetic: what is 6 x 7?"),
            "{fixture}: parameters"
        );
        authenticated(fixture, c.answer("42"));
        run.finish(fixture);
        run.assert_tokens(fixture, "synthetic-refresh-token-1-not-real", 3600);
    }
}

#[test]
fn user_auth_select_challenge_then_email_otp() {
    let run = Run::new("user_auth_select_email_otp");
    let Challenge::SelectChallenge(c) =
        challenge("select", run.cognito.user_auth(FirstFactor::Choose))
    else {
        panic!("select: variant")
    };
    assert_eq!(
        c.available(),
        ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"],
        "select: AvailableChallenges"
    );
    let Challenge::EmailOtp(otp) = challenge("select", c.choose("EMAIL_OTP")) else {
        panic!("select: EMAIL_OTP follows")
    };
    assert_eq!(otp.delivery_medium(), Some("EMAIL"), "select: medium");
    authenticated("select", otp.respond("86420135"));
    run.finish("select");
    run.assert_tokens("select", "synthetic-refresh-token-1-not-real", 3600);
}

#[test]
fn user_auth_select_challenge_then_password_srp() {
    let run = Run::new("user_auth_select_password_srp");
    let Challenge::SelectChallenge(c) =
        challenge("select srp", run.cognito.user_auth(FirstFactor::Choose))
    else {
        panic!("select srp: variant")
    };
    authenticated("select srp", c.password_srp(PASSWORD));
    run.finish("select srp");
    assert_eq!(
        run.targets().len(),
        3,
        "select srp: initiate, select, verifier"
    );
}

#[test]
fn user_auth_preferred_password_srp_and_password() {
    let run = Run::new("user_auth_password_srp");
    authenticated(
        "PASSWORD_SRP",
        run.cognito.user_auth(FirstFactor::PasswordSrp(PASSWORD)),
    );
    run.finish("PASSWORD_SRP");
    run.assert_tokens("PASSWORD_SRP", "synthetic-refresh-token-1-not-real", 3600);

    let run = Run::new("user_auth_password");
    authenticated(
        "PASSWORD",
        run.cognito.user_auth(FirstFactor::Password(PASSWORD)),
    );
    run.finish("PASSWORD");
    run.assert_tokens("PASSWORD", "synthetic-refresh-token-1-not-real", 3600);
}

#[test]
fn admin_user_password_auth_is_signed() {
    let run = Run::new("admin_password");
    authenticated("admin", run.cognito.admin_authenticate(PASSWORD));
    run.finish("admin");
    let seen = run.seen.lock().unwrap();
    let auth = seen[0].header("authorization").unwrap_or("");
    assert!(
        auth.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/cognito-idp/aws4_request"
        ),
        "admin: signed for the pool's region at the handle's clock: {auth}"
    );
    drop(seen);
    run.assert_tokens("admin", "synthetic-refresh-token-1-not-real", 3600);
}

// ---- remembered devices ---------------------------------------------------------------

#[test]
fn new_device_is_confirmed_and_remembered() {
    let run = Run::new("new_device_confirm");
    assert_eq!(
        run.cognito.remembered_device(),
        None,
        "new device: none before"
    );
    authenticated("new device", run.cognito.authenticate(PASSWORD));
    run.finish("new device");
    let device = run
        .cognito
        .remembered_device()
        .expect("new device: remembered");
    assert_eq!(device.device_key, DEVICE_KEY, "new device: key");
    assert_eq!(
        device.device_group_key, DEVICE_GROUP_KEY,
        "new device: group key"
    );
    let password = STANDARD
        .decode(device.device_password.expose_secret())
        .unwrap();
    assert_eq!(
        password.len(),
        40,
        "new device: password is 40 random bytes in base64"
    );
    let config = &run.body(2)["DeviceSecretVerifierConfig"];
    let salt = STANDARD.decode(config["Salt"].as_str().unwrap()).unwrap();
    assert!(
        (1..=17).contains(&salt.len()),
        "new device: salt is PAD of 16 bytes: {}",
        salt.len()
    );
    let verifier = STANDARD
        .decode(config["PasswordVerifier"].as_str().unwrap())
        .unwrap();
    assert!(
        (300..=385).contains(&verifier.len()),
        "new device: verifier is PAD(g^x mod N): {}",
        verifier.len()
    );
    assert!(
        !format!("{:?} {:?}", device, run.cognito).contains(device.device_password.expose_secret()),
        "new device: the device password stays out of Debug"
    );
}

#[test]
fn remembered_device_answers_device_srp_itself() {
    let run = Run::with("device_srp_signin", |b| b.remembered_device(remembered()));
    authenticated("device srp", run.cognito.authenticate(PASSWORD));
    run.finish("device srp");
    assert_eq!(
        run.targets().len(),
        4,
        "device srp: initiate and three answers"
    );
    let device_a = run.body(2)["ChallengeResponses"]["SRP_A"]
        .as_str()
        .unwrap()
        .to_owned();
    let user_a = run.body(0)["AuthParameters"]["SRP_A"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(device_a, user_a, "device srp: a fresh a for the device");
    assert_eq!(
        run.cognito.remembered_device(),
        Some(remembered()),
        "device srp: still remembered"
    );
    run.assert_tokens("device srp", "synthetic-refresh-token-1-not-real", 3600);
}

#[test]
fn refused_device_is_dropped_and_the_sign_in_retried_without() {
    let run = Run::with("device_refused", |b| b.remembered_device(remembered()));
    authenticated("device refused", run.cognito.authenticate(PASSWORD));
    run.finish("device refused");
    assert_eq!(
        run.targets().len(),
        4,
        "device refused: two attempts of two requests"
    );
    assert_eq!(
        run.cognito.remembered_device(),
        None,
        "device refused: dropped"
    );

    let run = Run::with("device_refused_not_authorized", |b| {
        b.remembered_device(remembered())
    });
    authenticated(
        "device not authorized",
        run.cognito.authenticate_user_password(PASSWORD),
    );
    run.finish("device not authorized");
    assert_eq!(
        run.cognito.remembered_device(),
        None,
        "device not authorized: dropped"
    );
}

#[test]
fn other_refusals_keep_the_device() {
    let run = Run::with("device_kept_on_other_errors", |b| {
        b.remembered_device(remembered())
    });
    let err = run
        .cognito
        .authenticate_user_password(PASSWORD)
        .unwrap_err();
    run.finish("other refusal");
    assert_eq!(
        err.service_code(),
        Some(&ErrorCode::ResourceNotFoundException),
        "other refusal: {err:?}"
    );
    assert_eq!(
        run.cognito.remembered_device(),
        Some(remembered()),
        "other refusal: device kept"
    );
}

// ---- exact SRP values -------------------------------------------------------------------

/// The seeded random source the fixture script mirrors: call `i` of a handle
/// fills its buffer with SHA-256("synthetic random i|0") | SHA-256("…|1") | ….
pub(crate) fn seeded_random() -> impl Fn(&mut [u8]) -> Result<(), String> + Send + Sync + 'static {
    let calls = AtomicUsize::new(0);
    move |buf: &mut [u8]| {
        let call = calls.fetch_add(1, Ordering::SeqCst);
        let mut stream = Vec::new();
        for counter in 0.. {
            if stream.len() >= buf.len() {
                break;
            }
            stream.extend(Sha256::digest(
                format!("synthetic random {call}|{counter}").as_bytes(),
            ));
        }
        buf.copy_from_slice(&stream[..buf.len()]);
        Ok(())
    }
}

#[test]
fn exact_srp_values_match_an_independent_python_client() {
    // SRP_A, PASSWORD_CLAIM_SIGNATURE, the device salt and verifier, the device
    // SRP_A and its signature: every byte was computed by scripts/srp/cognito_srp.py.
    let run = Run::with("exact_srp_new_device", |b| b.random(seeded_random()));
    authenticated("exact new device", run.cognito.authenticate(PASSWORD));
    run.finish("exact new device");
    let device = run
        .cognito
        .remembered_device()
        .expect("exact new device: remembered");

    let run = Run::with("exact_device_srp", |b| {
        b.random(seeded_random()).remembered_device(device.clone())
    });
    authenticated("exact device srp", run.cognito.authenticate(PASSWORD));
    run.finish("exact device srp");
    assert_eq!(
        run.cognito.remembered_device(),
        Some(device),
        "exact device srp: kept"
    );

    let run = Run::custom("exact_srp_moto_uuid", |b| {
        b.client_id(PUBLIC_CLIENT_ID)
            .username("alice")
            .random(seeded_random())
    });
    authenticated("exact moto uuid", run.cognito.authenticate(PASSWORD));
    run.finish("exact moto uuid");
}

// ---- tokens --------------------------------------------------------------------------

#[test]
fn refresh_token_is_kept_when_the_reply_has_none() {
    let held = "synthetic-refresh-token-0-not-real";
    // The fixture's tokens are unsigned: this checks what is stored, not verification.
    let run = Run::with("refresh_token_kept", |b| {
        b.refresh_token(held).verify_renewed_tokens(false)
    });
    authenticated("kept", run.cognito.authenticate_user_password(PASSWORD));
    run.assert_tokens("kept after sign-in", held, 3600);
    run.cognito.renew_access_token().unwrap();
    run.finish("kept");
    run.assert_tokens("kept after refresh", held, 900);
}

// ---- hostile replies -------------------------------------------------------------------

#[test]
fn hostile_replies_are_typed_errors() {
    let run = Run::new("hostile_empty_reply");
    let err = run.cognito.custom_auth(None).unwrap_err();
    assert!(
        matches!(err, Error::Protocol(ProtocolError::NoResultNoChallenge)),
        "empty reply: {err:?}"
    );
    run.finish("empty reply");

    let run = Run::new("hostile_unknown_challenge");
    let err = run
        .cognito
        .authenticate_user_password(PASSWORD)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Protocol(ProtocolError::UnknownChallenge(n)) if n == "NOT_A_REAL_CHALLENGE"),
        "unknown challenge: {err:?}"
    );
    run.finish("unknown challenge");

    let run = Run::new("hostile_missing_srp_b");
    let err = run.cognito.authenticate(PASSWORD).unwrap_err();
    assert!(
        matches!(&err, Error::Protocol(ProtocolError::MissingParameter { challenge, parameter })
            if challenge == "PASSWORD_VERIFIER" && parameter == "SRP_B"),
        "missing SRP_B: {err:?}"
    );
    run.finish("missing SRP_B");

    let run = Run::new("hostile_b_is_n");
    let err = run.cognito.authenticate(PASSWORD).unwrap_err();
    assert!(matches!(err, Error::Srp(SrpError::ZeroB)), "B = N: {err:?}");
    run.finish("B = N");

    let run = Run::new("hostile_bad_salt");
    let err = run.cognito.authenticate(PASSWORD).unwrap_err();
    assert!(
        matches!(err, Error::Srp(SrpError::InvalidHex { field: "SALT" })),
        "bad salt: {err:?}"
    );
    run.finish("bad salt");

    let run = Run::new("hostile_repeated_verifier");
    let err = run.cognito.authenticate(PASSWORD).unwrap_err();
    assert!(
        matches!(&err, Error::Protocol(ProtocolError::UnexpectedChallenge(n)) if n == "PASSWORD_VERIFIER"),
        "repeated verifier: {err:?}"
    );
    run.finish("repeated verifier");
}

#[test]
fn a_sign_in_without_a_username_is_a_config_error() {
    let cognito = Cognito::builder()
        .user_pool_id(POOL_ID)
        .client_id(PUBLIC_CLIENT_ID)
        .environment(|_| None)
        .transport(
            |_req: HttpRequest| -> Result<cognito::HttpResponse, cognito::TransportError> {
                panic!("nothing may be sent")
            },
        )
        .build()
        .unwrap();
    assert!(
        matches!(cognito.authenticate(PASSWORD), Err(Error::Config(_))),
        "no username"
    );
}

// ---- secrets ----------------------------------------------------------------------------

#[test]
fn secrets_never_appear_in_debug() {
    let secrets = [
        PASSWORD,
        NEW_PASSWORD,
        CLIENT_SECRET,
        SESSION_1,
        "synthetic-refresh-token",
        "UkVEQUNURUQ",
    ];
    let clean = |label: &str, text: &str| {
        for s in secrets {
            assert!(!text.contains(s), "{label}: {s} leaked into {text}");
        }
    };

    let run = Run::new("password_new_password_required");
    let result = run.cognito.authenticate_user_password(PASSWORD).unwrap();
    let text = format!("{result:?}");
    assert!(
        text.contains("NEW_PASSWORD_REQUIRED") && text.contains(INTERNAL),
        "challenge debug: {text}"
    );
    clean("challenge debug", &text);
    let Some(Challenge::NewPasswordRequired(c)) = result.into_challenge() else {
        panic!("variant")
    };
    let result = c
        .respond(NEW_PASSWORD, &[("name", "Alice Synthetic")])
        .unwrap();
    clean("result debug", &format!("{result:?}"));
    clean("handle debug", &format!("{:?}", run.cognito));
    clean("tokens debug", &format!("{:?}", run.cognito.tokens()));

    let run = Run::new("custom_auth_srp");
    let result = run.cognito.custom_auth(Some(PASSWORD)).unwrap();
    clean("srp challenge debug", &format!("{result:?}"));
    clean("srp handle debug", &format!("{:?}", run.cognito));

    let run = Run::new("wrong_password");
    let err = run.cognito.authenticate(PASSWORD).unwrap_err();
    clean("error debug", &format!("{err:?}"));
    clean("error display", &err.to_string());
}
