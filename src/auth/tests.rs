//! Unit tests of the sign-in steps (`steps.rs`, `devices.rs`,
//! `token_update.rs`): each reply in, the step out, with a fixed clock and a
//! counting random source, and nothing sent.

use std::collections::BTreeMap;
use std::time::{Duration, UNIX_EPOCH};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use serde_json::{json, Value};

use super::challenge::{Challenge, Pending};
use super::devices::names_the_device;
use super::steps::{self, AppClient, Env, Flow, Reply, Request, Start, Step};
use super::token_update::TokenUpdate;
use super::FirstFactor;
use crate::client::{Cognito, RememberedDevice, Tokens};
use crate::error::{Error, ProtocolError};
use crate::http::{HttpRequest, HttpResponse, TransportError};
use crate::protocol::secret_hash::secret_hash;
use crate::protocol::srp::{
    DeviceVerifier, PasswordVerifierChallenge, SrpClient, SrpError, SrpIdentity,
};
use crate::types::{ChallengeNameType, ChallengeResponses, RespondToAuthChallengeRequest};

const POOL_ID: &str = "us-east-1_SyNtH3t1c";
const CLIENT_ID: &str = "synthetic0client001";
const CLIENT_SECRET: &str = "test-client-secret-not-real";
const PASSWORD: &str = "Passw0rd!-not-real";
/// Tue Nov 14 22:13:20 UTC 2023.
const NOW: u64 = 1_700_000_000;
const TIMESTAMP: &str = "Tue Nov 14 22:13:20 UTC 2023";
const SALT: &str = "1f2e3d4c5b6a79880123";
const SRP_B: &str = "c0ffee0123456789abcdef";
const SECRET_BLOCK: &str = "c3ludGhldGljIHNlY3JldCBibG9jaw==";
const DEVICE_KEY: &str = "us-east-1_0d15ea5e-synthetic-device-key";
const DEVICE_GROUP_KEY: &str = "-SyntheticGroupKey";
/// RFC 5054's 3072-bit prime N: a B of N is 0 modulo N.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74",
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437",
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05",
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB",
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718",
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33",
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864",
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2",
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

// ---- the test's environment ---------------------------------------------------------------

/// The fixed clock and a random source whose call `k` (from 1) fills its
/// buffer with the byte `k`; `draws` records each buffer's length.
#[derive(Default)]
struct Rig {
    draws: Vec<usize>,
}

impl Rig {
    fn env<R>(&mut self, step: impl FnOnce(&mut Env<'_>) -> R) -> R {
        let clock = || UNIX_EPOCH + Duration::from_secs(NOW);
        let draws = &mut self.draws;
        let mut random = |buf: &mut [u8]| {
            draws.push(buf.len());
            buf.fill(u8::try_from(draws.len()).map_err(|e| e.to_string())?);
            Ok(())
        };
        step(&mut Env {
            clock: &clock,
            random: &mut random,
        })
    }

    fn next(&mut self, flow: &mut Flow<'_>, reply: Reply) -> Result<Step, Error> {
        self.env(|env| steps::next(flow, reply, env))
    }
}

/// The SRP client the rig's `k`th draw makes.
fn srp_from_draw(k: u8) -> SrpClient {
    SrpClient::from_private_value(&[k; SrpClient::PRIVATE_VALUE_LEN]).unwrap()
}

fn app_client(secret: Option<&str>) -> AppClient {
    AppClient {
        pool_id: Some(POOL_ID.into()),
        client_id: CLIENT_ID.into(),
        client_secret: secret.map(Into::into),
        device_name: "synthetic-host".into(),
        options: Default::default(),
    }
}

fn device() -> RememberedDevice {
    RememberedDevice {
        device_key: DEVICE_KEY.into(),
        device_group_key: DEVICE_GROUP_KEY.into(),
        device_password: "synthetic-device-password-not-real".into(),
    }
}

fn auth(reply: Value) -> Reply {
    Reply::Auth(Box::new(serde_json::from_value(reply).unwrap()))
}

fn verifier_reply(name: &str, params: Value, session: &str) -> Reply {
    auth(json!({"ChallengeName": name, "ChallengeParameters": params, "Session": session}))
}

fn user_verifier_params() -> Value {
    json!({"USER_ID_FOR_SRP": "user-id-for-srp", "USERNAME": "alice-internal",
           "SALT": SALT, "SRP_B": SRP_B, "SECRET_BLOCK": SECRET_BLOCK})
}

fn exposed(map: &ChallengeResponses) -> BTreeMap<&str, &str> {
    map.iter()
        .map(|(k, v)| (k.as_str(), v.expose_secret()))
        .collect()
}

fn respond(label: &str, step: Result<Step, Error>) -> RespondToAuthChallengeRequest {
    match step {
        Ok(Step::Send(Request::RespondToAuthChallenge(request))) => request,
        other => panic!("{label}: expected a RespondToAuthChallenge, got {other:?}"),
    }
}

fn now() -> std::time::SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW)
}

/// `PASSWORD_CLAIM_SIGNATURE` computed straight from the SRP module.
fn signature(srp: &SrpClient, who: &SrpIdentity<'_>, password: &str) -> String {
    let challenge = PasswordVerifierChallenge {
        salt: SALT,
        srp_b: SRP_B,
        secret_block: SECRET_BLOCK,
    };
    srp.password_claim(who, password, &challenge, now())
        .unwrap()
        .signature
}

// ---- first requests ------------------------------------------------------------------------

#[test]
fn user_srp_starts_with_a_from_the_random_source_and_the_secret_hash() {
    let mut rig = Rig::default();
    let (_, step) = rig
        .env(|env| {
            steps::start(
                app_client(Some(CLIENT_SECRET)),
                "alice@example.com".into(),
                None,
                Start::UserSrp(PASSWORD),
                env,
            )
        })
        .unwrap();
    let Step::Send(Request::InitiateAuth(request)) = step else {
        panic!("user srp: {step:?}")
    };
    assert_eq!(
        request.auth_flow.as_str(),
        "USER_SRP_AUTH",
        "user srp: flow"
    );
    assert_eq!(request.client_id, CLIENT_ID, "user srp: client id");
    let params = request.auth_parameters.unwrap();
    let want_hash = secret_hash(CLIENT_SECRET, "alice@example.com", CLIENT_ID);
    assert_eq!(
        exposed(&params),
        BTreeMap::from([
            ("USERNAME", "alice@example.com"),
            ("SECRET_HASH", want_hash.as_str()),
            ("SRP_A", srp_from_draw(1).srp_a().as_str()),
        ]),
        "user srp: parameters"
    );
    assert_eq!(rig.draws, [128], "user srp: one 128-byte draw for a");
}

#[test]
fn every_start_builds_its_own_first_request() {
    let start = |how: Start<'static>, device: Option<RememberedDevice>| {
        let mut rig = Rig::default();
        let (flow, step) = rig
            .env(|env| steps::start(app_client(None), "alice".into(), device, how, env))
            .unwrap();
        (flow.admin, step, rig.draws)
    };
    let params = |step: &Step| -> BTreeMap<String, String> {
        let params = match step {
            Step::Send(Request::InitiateAuth(r)) => r.auth_parameters.as_ref(),
            Step::Send(Request::AdminInitiateAuth(r)) => r.auth_parameters.as_ref(),
            other => panic!("not an initiate: {other:?}"),
        };
        params
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.expose_secret().to_owned()))
            .collect()
    };
    let flow = |step: &Step| match step {
        Step::Send(Request::InitiateAuth(r)) => r.auth_flow.as_str().to_owned(),
        Step::Send(Request::AdminInitiateAuth(r)) => {
            assert_eq!(r.user_pool_id, POOL_ID, "admin: pool id");
            format!("admin {}", r.auth_flow.as_str())
        }
        other => panic!("not an initiate: {other:?}"),
    };

    let (admin, step, draws) = start(Start::UserPassword(PASSWORD), Some(device()));
    assert_eq!(flow(&step), "USER_PASSWORD_AUTH");
    let p = params(&step);
    assert_eq!(p["PASSWORD"], PASSWORD, "password: sent as is");
    assert_eq!(p["DEVICE_KEY"], DEVICE_KEY, "password: the device's key");
    assert!(!admin && draws.is_empty(), "password: unsigned, no draw");

    let (admin, step, _) = start(Start::AdminUserPassword(PASSWORD), None);
    assert_eq!(flow(&step), "admin ADMIN_USER_PASSWORD_AUTH");
    assert!(admin, "admin: the flow stays admin for its answers");

    let (_, step, draws) = start(Start::Custom(Some(PASSWORD)), None);
    assert_eq!(flow(&step), "CUSTOM_AUTH");
    let p = params(&step);
    assert_eq!(p["CHALLENGE_NAME"], "SRP_A", "custom srp: SRP first");
    assert_eq!(p["SRP_A"], srp_from_draw(1).srp_a(), "custom srp: A");
    assert!(!p.contains_key("PASSWORD"), "custom srp: no password sent");
    assert_eq!(draws, [128], "custom srp: one draw");

    let (_, step, draws) = start(Start::Custom(None), None);
    assert_eq!(params(&step).keys().collect::<Vec<_>>(), ["USERNAME"]);
    assert!(draws.is_empty(), "pure custom: no draw");

    for (first, preferred, srp) in [
        (FirstFactor::Choose, None, false),
        (FirstFactor::Password(PASSWORD), Some("PASSWORD"), false),
        (
            FirstFactor::PasswordSrp(PASSWORD),
            Some("PASSWORD_SRP"),
            true,
        ),
        (FirstFactor::EmailOtp, Some("EMAIL_OTP"), false),
        (FirstFactor::SmsOtp, Some("SMS_OTP"), false),
    ] {
        let (_, step, draws) = start(Start::UserAuth(first), None);
        assert_eq!(flow(&step), "USER_AUTH");
        let p = params(&step);
        assert_eq!(
            p.get("PREFERRED_CHALLENGE").map(String::as_str),
            preferred,
            "{first:?}: preferred"
        );
        assert_eq!(p.contains_key("SRP_A"), srp, "{first:?}: SRP_A");
        assert_eq!(draws.len(), usize::from(srp), "{first:?}: draws");
    }

    let mut rig = Rig::default();
    let mut no_pool = app_client(None);
    no_pool.pool_id = None;
    let err = rig
        .env(|env| {
            steps::start(
                no_pool,
                "alice".into(),
                None,
                Start::AdminUserPassword(PASSWORD),
                env,
            )
        })
        .err()
        .unwrap();
    assert!(
        matches!(err, Error::Config(_)),
        "admin without pool: {err:?}"
    );
}

// ---- user SRP ------------------------------------------------------------------------------

#[test]
fn password_verifier_step_answers_with_the_claim_over_user_id_for_srp() {
    let mut rig = Rig::default();
    let (mut flow, _) = rig
        .env(|env| {
            steps::start(
                app_client(Some(CLIENT_SECRET)),
                "alice@example.com".into(),
                None,
                Start::UserSrp(PASSWORD),
                env,
            )
        })
        .unwrap();
    let step = rig.next(
        &mut flow,
        verifier_reply("PASSWORD_VERIFIER", user_verifier_params(), "session-1"),
    );
    let request = respond("verifier", step);
    assert_eq!(request.challenge_name, ChallengeNameType::PasswordVerifier);
    assert_eq!(
        request.session.as_ref().map(|s| s.expose_secret()),
        Some("session-1"),
        "verifier: the session goes back"
    );
    let srp = srp_from_draw(1);
    let want = signature(
        &srp,
        &SrpIdentity::user(POOL_ID, "user-id-for-srp").unwrap(),
        PASSWORD,
    );
    let hash = secret_hash(CLIENT_SECRET, "alice-internal", CLIENT_ID);
    assert_eq!(
        exposed(request.challenge_responses.as_ref().unwrap()),
        BTreeMap::from([
            ("USERNAME", "alice-internal"),
            ("SECRET_HASH", hash.as_str()),
            ("PASSWORD_CLAIM_SIGNATURE", want.as_str()),
            ("PASSWORD_CLAIM_SECRET_BLOCK", SECRET_BLOCK),
            ("TIMESTAMP", TIMESTAMP),
        ]),
        "verifier: the challenge's USERNAME is sent, USER_ID_FOR_SRP went into the maths"
    );
    let over_username = signature(
        &srp,
        &SrpIdentity::user(POOL_ID, "alice-internal").unwrap(),
        PASSWORD,
    );
    assert_ne!(want, over_username, "the identity changes the signature");
    assert_eq!(rig.draws, [128], "verifier: no draw beyond a");

    let again = rig.next(
        &mut flow,
        verifier_reply("PASSWORD_VERIFIER", user_verifier_params(), "session-2"),
    );
    assert!(
        matches!(&again, Err(Error::Protocol(ProtocolError::UnexpectedChallenge(n))) if n == "PASSWORD_VERIFIER"),
        "a repeated verifier is refused: {again:?}"
    );
}

#[test]
fn password_verifier_without_username_sends_user_id_for_srp() {
    let mut rig = Rig::default();
    let (mut flow, _) = rig
        .env(|env| {
            steps::start(
                app_client(None),
                "alice@example.com".into(),
                None,
                Start::UserSrp(PASSWORD),
                env,
            )
        })
        .unwrap();
    let mut params = user_verifier_params();
    params.as_object_mut().unwrap().remove("USERNAME");
    let request = respond(
        "no USERNAME",
        rig.next(&mut flow, verifier_reply("PASSWORD_VERIFIER", params, "s")),
    );
    let responses = request.challenge_responses.unwrap();
    assert_eq!(exposed(&responses)["USERNAME"], "user-id-for-srp");
    assert!(!responses.contains_key("SECRET_HASH"), "no secret, no hash");
}

// ---- device SRP ----------------------------------------------------------------------------

#[test]
fn device_srp_auth_then_device_password_verifier() {
    let mut rig = Rig::default();
    let (mut flow, _) = rig
        .env(|env| {
            steps::start(
                app_client(Some(CLIENT_SECRET)),
                "alice".into(),
                Some(device()),
                Start::UserPassword(PASSWORD),
                env,
            )
        })
        .unwrap();
    let reply = auth(
        json!({"ChallengeName": "DEVICE_SRP_AUTH", "Session": "session-2",
                            "ChallengeParameters": {"USERNAME": "alice-internal"}}),
    );
    let request = respond("device srp", rig.next(&mut flow, reply));
    assert_eq!(request.challenge_name, ChallengeNameType::DeviceSrpAuth);
    let device_srp = srp_from_draw(1);
    let hash = secret_hash(CLIENT_SECRET, "alice-internal", CLIENT_ID);
    assert_eq!(
        exposed(request.challenge_responses.as_ref().unwrap()),
        BTreeMap::from([
            ("USERNAME", "alice-internal"),
            ("SECRET_HASH", hash.as_str()),
            ("DEVICE_KEY", DEVICE_KEY),
            ("SRP_A", device_srp.srp_a().as_str()),
        ]),
        "device srp: a fresh A for the device"
    );
    assert_eq!(rig.draws, [128], "device srp: one draw");

    let params = json!({"SALT": SALT, "SRP_B": SRP_B, "SECRET_BLOCK": SECRET_BLOCK});
    let request = respond(
        "device verifier",
        rig.next(
            &mut flow,
            verifier_reply("DEVICE_PASSWORD_VERIFIER", params, "session-3"),
        ),
    );
    assert_eq!(
        request.challenge_name,
        ChallengeNameType::DevicePasswordVerifier
    );
    assert_eq!(
        request.session.as_ref().map(|s| s.expose_secret()),
        Some("session-3")
    );
    let want = signature(
        &device_srp,
        &SrpIdentity::device(DEVICE_GROUP_KEY, DEVICE_KEY),
        device().device_password.expose_secret(),
    );
    assert_eq!(
        exposed(request.challenge_responses.as_ref().unwrap()),
        BTreeMap::from([
            ("USERNAME", "alice-internal"),
            ("SECRET_HASH", hash.as_str()),
            ("DEVICE_KEY", DEVICE_KEY),
            ("PASSWORD_CLAIM_SIGNATURE", want.as_str()),
            ("PASSWORD_CLAIM_SECRET_BLOCK", SECRET_BLOCK),
            ("TIMESTAMP", TIMESTAMP),
        ]),
        "device verifier: the claim over the device's group, key and password"
    );
    assert_eq!(rig.draws, [128], "device verifier: no further draw");

    let again = rig.next(
        &mut flow,
        auth(json!({"ChallengeName": "DEVICE_SRP_AUTH", "Session": "s"})),
    );
    assert!(
        matches!(&again, Err(Error::Protocol(ProtocolError::UnexpectedChallenge(n))) if n == "DEVICE_SRP_AUTH"),
        "a repeated device SRP is refused: {again:?}"
    );
}

#[test]
fn device_challenges_without_a_device_are_unexpected() {
    for name in ["DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"] {
        let mut rig = Rig::default();
        let mut flow = Flow::new(app_client(None), false, "alice".into(), None);
        let params = json!({"SALT": SALT, "SRP_B": SRP_B, "SECRET_BLOCK": SECRET_BLOCK});
        let step = rig.next(&mut flow, verifier_reply(name, params, "s"));
        assert!(
            matches!(&step, Err(Error::Protocol(ProtocolError::UnexpectedChallenge(n))) if n == name),
            "{name} without a device: {step:?}"
        );
        assert!(rig.draws.is_empty(), "{name}: nothing drawn");
    }
}

// ---- challenges for the caller -------------------------------------------------------------

fn handle() -> Cognito {
    Cognito::builder()
        .user_pool_id(POOL_ID)
        .client_id(CLIENT_ID)
        .environment(|_| None)
        .transport(
            |_req: HttpRequest| -> Result<HttpResponse, TransportError> {
                panic!("nothing may be sent")
            },
        )
        .build()
        .unwrap()
}

#[test]
fn a_challenge_without_a_typed_answer_is_asked_as_other() {
    let mut rig = Rig::default();
    let mut flow = Flow::new(app_client(None), true, "alice@example.com".into(), None);
    let reply = auth(json!({
        "ChallengeName": "WEB_AUTHN", "Session": "session-9",
        "ChallengeParameters": {"USERNAME": "alice-internal", "CREDENTIAL_REQUEST_OPTIONS": "{}"},
        "AvailableChallenges": ["WEB_AUTHN", "PASSWORD"]}));
    let Ok(Step::Ask(asked)) = rig.next(&mut flow, reply) else {
        panic!("WEB_AUTHN is for the caller")
    };
    assert_eq!(asked.name, ChallengeNameType::WebAuthn);
    assert_eq!(asked.username, "alice-internal", "ask: Cognito's username");
    assert!(asked.admin, "ask: answered through the admin operation");
    assert_eq!(
        asked.session.as_ref().map(|s| s.expose_secret()),
        Some("session-9")
    );
    assert_eq!(
        asked.available,
        [ChallengeNameType::WebAuthn, ChallengeNameType::Password]
    );
    let challenge = Challenge::from_pending(Pending::new(handle(), asked));
    assert!(
        matches!(challenge, Challenge::Other(_)),
        "as Other: {challenge:?}"
    );
    assert_eq!(challenge.name(), "WEB_AUTHN");
    assert!(challenge
        .parameters()
        .contains_key("CREDENTIAL_REQUEST_OPTIONS"));

    let reply = auth(json!({"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s"}));
    let Ok(Step::Ask(asked)) = rig.next(&mut flow, reply) else {
        panic!("SOFTWARE_TOKEN_MFA is for the caller")
    };
    let challenge = Challenge::from_pending(Pending::new(handle(), asked));
    assert!(
        matches!(challenge, Challenge::SoftwareTokenMfa(_)),
        "typed: {challenge:?}"
    );
    assert!(rig.draws.is_empty(), "asking draws nothing");
}

#[test]
fn an_answer_goes_out_with_username_secret_hash_and_device_key() {
    let mut rig = Rig::default();
    let mut flow = Flow::new(app_client(Some(CLIENT_SECRET)), true, "alice".into(), None);
    let reply = auth(json!({"ChallengeName": "SMS_MFA", "Session": "session-4",
                            "ChallengeParameters": {"USERNAME": "alice-internal"}}));
    let Ok(Step::Ask(asked)) = rig.next(&mut flow, reply) else {
        panic!("SMS_MFA is for the caller")
    };
    let mut responses = ChallengeResponses::new();
    responses.insert("SMS_MFA_CODE".into(), "123456".into());
    let (_, step) = steps::answer(
        app_client(Some(CLIENT_SECRET)),
        Some(device()),
        asked,
        responses,
        None,
        None,
    )
    .unwrap();
    let Step::Send(Request::AdminRespondToAuthChallenge(request)) = step else {
        panic!("admin answer: {step:?}")
    };
    assert_eq!(request.user_pool_id, POOL_ID);
    assert_eq!(request.challenge_name, ChallengeNameType::SmsMfa);
    assert_eq!(
        request.session.as_ref().map(|s| s.expose_secret()),
        Some("session-4")
    );
    let hash = secret_hash(CLIENT_SECRET, "alice-internal", CLIENT_ID);
    assert_eq!(
        exposed(request.challenge_responses.as_ref().unwrap()),
        BTreeMap::from([
            ("USERNAME", "alice-internal"),
            ("SECRET_HASH", hash.as_str()),
            ("DEVICE_KEY", DEVICE_KEY),
            ("SMS_MFA_CODE", "123456"),
        ])
    );
}

#[test]
fn every_sign_in_request_carries_the_call_options() {
    use crate::client::call_options::CallOptions;
    use crate::types::{ContextDataType, UserContextDataType};

    let options = std::sync::Arc::new(CallOptions {
        client_metadata: Some(BTreeMap::from([("invite".into(), "A1B2".into())])),
        validation_data: None,
        user_context_data: Some(UserContextDataType {
            ip_address: None,
            encoded_data: Some("synthetic-encoded".into()),
        }),
        context_data: Some(ContextDataType {
            ip_address: "192.0.2.1".into(),
            server_name: "app.example.com".into(),
            server_path: "/".into(),
            http_headers: Vec::new(),
            encoded_data: None,
        }),
    });
    let client = || AppClient {
        options: std::sync::Arc::clone(&options),
        ..app_client(None)
    };
    let metadata = options.client_metadata.clone();

    // User side: ClientMetadata and UserContextData, first request and answer.
    let mut rig = Rig::default();
    let (mut flow, step) = rig
        .env(|env| {
            steps::start(
                client(),
                "alice".into(),
                None,
                Start::UserSrp(PASSWORD),
                env,
            )
        })
        .unwrap();
    let Step::Send(Request::InitiateAuth(first)) = step else {
        panic!("user: {step:?}")
    };
    assert_eq!(first.client_metadata, metadata, "user: initiate metadata");
    assert_eq!(
        first.user_context_data, options.user_context_data,
        "user: initiate context"
    );
    let answer = respond(
        "user",
        rig.next(
            &mut flow,
            verifier_reply("PASSWORD_VERIFIER", user_verifier_params(), "s"),
        ),
    );
    assert_eq!(answer.client_metadata, metadata, "user: answer metadata");
    assert_eq!(
        answer.user_context_data, options.user_context_data,
        "user: answer context"
    );

    // Admin side: ClientMetadata and ContextData.
    let (mut flow, step) = rig
        .env(|env| {
            steps::start(
                client(),
                "alice".into(),
                None,
                Start::AdminUserPassword(PASSWORD),
                env,
            )
        })
        .unwrap();
    let Step::Send(Request::AdminInitiateAuth(first)) = step else {
        panic!("admin: {step:?}")
    };
    assert_eq!(first.client_metadata, metadata, "admin: initiate metadata");
    assert_eq!(
        first.context_data, options.context_data,
        "admin: initiate context"
    );
    let reply =
        auth(json!({"ChallengeName": "SMS_MFA", "Session": "s", "ChallengeParameters": {}}));
    let Ok(Step::Ask(asked)) = rig.next(&mut flow, reply) else {
        panic!("admin: SMS_MFA is for the caller")
    };
    let (_, step) =
        steps::answer(client(), None, asked, ChallengeResponses::new(), None, None).unwrap();
    let Step::Send(Request::AdminRespondToAuthChallenge(answer)) = step else {
        panic!("admin answer: {step:?}")
    };
    assert_eq!(answer.client_metadata, metadata, "admin: answer metadata");
    assert_eq!(
        answer.context_data, options.context_data,
        "admin: answer context"
    );
}

// ---- hostile replies -----------------------------------------------------------------------

#[test]
fn hostile_replies_are_typed_errors() {
    let srp_flow = || {
        let mut flow = Flow::new(app_client(None), false, "alice".into(), None);
        (flow.password, flow.srp) = (Some(PASSWORD), Some(srp_from_draw(1)));
        flow
    };
    let with = |key: &str, value: Option<&str>| {
        let mut params = user_verifier_params();
        let map = params.as_object_mut().unwrap();
        match value {
            Some(v) => map.insert(key.into(), v.into()),
            None => map.remove(key),
        };
        verifier_reply("PASSWORD_VERIFIER", params, "s")
    };

    let mut rig = Rig::default();
    let step = rig.next(&mut srp_flow(), with("SRP_B", None));
    assert!(
        matches!(&step, Err(Error::Protocol(ProtocolError::MissingParameter { challenge, parameter }))
            if challenge == "PASSWORD_VERIFIER" && parameter == "SRP_B"),
        "missing SRP_B: {step:?}"
    );

    let sixteen_n = format!("{N_HEX}0");
    let lower_n = N_HEX.to_lowercase();
    for b in ["0", "000", N_HEX, &lower_n, &sixteen_n] {
        let step = rig.next(&mut srp_flow(), with("SRP_B", Some(b)));
        assert!(
            matches!(step, Err(Error::Srp(SrpError::ZeroB))),
            "B ≡ 0 mod N ({:.12}…): {step:?}",
            b
        );
    }

    for salt in ["xyz", ""] {
        let step = rig.next(&mut srp_flow(), with("SALT", Some(salt)));
        assert!(
            matches!(
                step,
                Err(Error::Srp(SrpError::InvalidHex { field: "SALT" }))
            ),
            "bad salt {salt:?}: {step:?}"
        );
    }

    let mut password_flow = Flow::new(app_client(None), false, "alice".into(), None);
    password_flow.password = Some(PASSWORD);
    let step = rig.next(&mut password_flow, with("SALT", Some(SALT)));
    assert!(
        matches!(&step, Err(Error::Protocol(ProtocolError::UnexpectedChallenge(n))) if n == "PASSWORD_VERIFIER"),
        "PASSWORD_VERIFIER without SRP: {step:?}"
    );

    let mut device_flow = Flow::new(app_client(None), false, "alice".into(), Some(device()));
    device_flow.srp = Some(srp_from_draw(9));
    let step = rig.next(
        &mut device_flow,
        verifier_reply(
            "DEVICE_PASSWORD_VERIFIER",
            json!({"SRP_B": SRP_B, "SECRET_BLOCK": SECRET_BLOCK}),
            "s",
        ),
    );
    assert!(
        matches!(&step, Err(Error::Protocol(ProtocolError::MissingParameter { challenge, parameter }))
            if challenge == "DEVICE_PASSWORD_VERIFIER" && parameter == "SALT"),
        "device verifier without SALT: {step:?}"
    );

    let mut flow = Flow::new(app_client(None), false, "alice".into(), None);
    let step = rig.next(&mut flow, auth(json!({})));
    assert!(
        matches!(
            step,
            Err(Error::Protocol(ProtocolError::NoResultNoChallenge))
        ),
        "empty reply: {step:?}"
    );
    let step = rig.next(
        &mut flow,
        auth(json!({"ChallengeName": "NOT_A_REAL_CHALLENGE"})),
    );
    assert!(
        matches!(&step, Err(Error::Protocol(ProtocolError::UnknownChallenge(n))) if n == "NOT_A_REAL_CHALLENGE"),
        "a name the model does not know: {step:?}"
    );

    let mut no_pool = app_client(None);
    no_pool.pool_id = None;
    let mut flow = Flow::new(no_pool, false, "alice".into(), None);
    (flow.password, flow.srp) = (Some(PASSWORD), Some(srp_from_draw(9)));
    let step = rig.next(&mut flow, with("SALT", Some(SALT)));
    assert!(
        matches!(step, Err(Error::Config(_))),
        "no pool name for the SRP maths: {step:?}"
    );
}

// ---- tokens and device confirmation --------------------------------------------------------

/// An unsigned token with these claims: what is kept, not verified.
fn token(claims: Value) -> String {
    format!(
        "{}.{}.c2ln",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

#[test]
fn a_new_device_is_confirmed_as_its_own_step_after_the_tokens_are_kept() {
    let mut rig = Rig::default();
    let mut flow = Flow::new(app_client(None), false, "alice".into(), None);
    let access = token(json!({"exp": NOW + 3600}));
    let reply = auth(json!({"AuthenticationResult": {
        "AccessToken": access, "IdToken": "id.tok.en", "RefreshToken": "refresh-token",
        "ExpiresIn": 3600, "TokenType": "Bearer",
        "NewDeviceMetadata": {"DeviceKey": DEVICE_KEY, "DeviceGroupKey": DEVICE_GROUP_KEY}}}));
    let Ok(Step::Keep(update)) = rig.next(&mut flow, reply) else {
        panic!("tokens are kept first")
    };
    let mut held = Tokens::default();
    update.apply(&mut held);
    assert_eq!(
        held.access_token.as_ref().map(|t| t.expose_secret()),
        Some(access.as_str())
    );
    assert_eq!(
        held.expires_at,
        Some(UNIX_EPOCH + Duration::from_secs(NOW + 3600))
    );
    assert!(
        rig.draws.is_empty(),
        "nothing drawn before the tokens are kept"
    );

    let Ok(Step::Send(Request::ConfirmDevice(request))) = rig.next(&mut flow, Reply::Kept) else {
        panic!("then ConfirmDevice")
    };
    assert_eq!(rig.draws, [40, 16], "device password, then salt");
    let device_password = STANDARD.encode([1u8; 40]);
    let verifier =
        DeviceVerifier::from_parts(DEVICE_GROUP_KEY, DEVICE_KEY, &device_password, &[2u8; 16]);
    assert_eq!(request.access_token.expose_secret(), access);
    assert_eq!(request.device_key, DEVICE_KEY);
    assert_eq!(request.device_name.as_deref(), Some("synthetic-host"));
    let config = request.device_secret_verifier_config.unwrap();
    assert_eq!(
        config.password_verifier.as_deref(),
        Some(verifier.password_verifier())
    );
    assert_eq!(config.salt.as_deref(), Some(verifier.salt()));

    let step = rig.next(&mut flow, Reply::DeviceConfirmed);
    let Ok(Step::Done(Some(remembered))) = step else {
        panic!("then done, remembering the device: {step:?}")
    };
    assert_eq!(
        remembered,
        RememberedDevice {
            device_key: DEVICE_KEY.into(),
            device_group_key: DEVICE_GROUP_KEY.into(),
            device_password: device_password.into(),
        }
    );
}

#[test]
fn tokens_without_a_usable_new_device_are_done_once_kept() {
    for (label, result) in [
        ("no metadata", json!({"AccessToken": "a.b.c"})),
        (
            "no access token",
            json!({"NewDeviceMetadata": {"DeviceKey": DEVICE_KEY, "DeviceGroupKey": DEVICE_GROUP_KEY}}),
        ),
        (
            "no group key",
            json!({"AccessToken": "a.b.c", "NewDeviceMetadata": {"DeviceKey": DEVICE_KEY}}),
        ),
    ] {
        let mut rig = Rig::default();
        let mut flow = Flow::new(app_client(None), false, "alice".into(), Some(device()));
        let step = rig.next(&mut flow, auth(json!({ "AuthenticationResult": result })));
        assert!(matches!(step, Ok(Step::Keep(_))), "{label}: keep: {step:?}");
        let step = rig.next(&mut flow, Reply::Kept);
        assert!(
            matches!(step, Ok(Step::Done(None))),
            "{label}: done: {step:?}"
        );
        assert!(rig.draws.is_empty(), "{label}: nothing drawn");
    }
}

#[test]
fn a_token_update_keeps_what_the_reply_lacks() {
    let now = UNIX_EPOCH + Duration::from_secs(NOW);
    let result = serde_json::from_value(json!({
        "AccessToken": token(json!({"exp": NOW + 600})), "IdToken": "new-id"}))
    .unwrap();
    let mut held = Tokens {
        refresh_token: Some("held-refresh".into()),
        access_token: Some("old-access".into()),
        ..Tokens::default()
    };
    TokenUpdate::new(result, now).apply(&mut held);
    assert_eq!(
        held.refresh_token.as_ref().map(|t| t.expose_secret()),
        Some("held-refresh"),
        "a refresh token the reply lacks is kept"
    );
    assert_eq!(
        held.id_token.as_ref().map(|t| t.expose_secret()),
        Some("new-id")
    );
    assert_eq!(
        held.token_type.as_deref(),
        Some("Bearer"),
        "Bearer by default"
    );
    assert_eq!(
        held.expires_in,
        Some(600),
        "without ExpiresIn: until the access token's exp"
    );
    assert_eq!(held.expires_at, Some(now + Duration::from_secs(600)));

    let bare = serde_json::from_value(json!({})).unwrap();
    TokenUpdate::new(bare, now).apply(&mut held);
    assert_eq!(
        held.access_token.as_ref().map(|t| t.expose_secret()),
        Some(token(json!({"exp": NOW + 600})).as_str()),
        "an access token the reply lacks is kept"
    );
    assert_eq!(
        (held.expires_in, held.expires_at),
        (None, None),
        "no lifetime known"
    );
}

// ---- the device fallback -------------------------------------------------------------------

#[test]
fn only_refusals_naming_the_device_drop_it() {
    let refusal = |code: &str, message: &str| {
        let body = json!({"__type": code, "message": message}).to_string();
        crate::protocol::wire::parse_error("InitiateAuth", &HttpResponse::new(400, body.into()))
    };
    for (code, message, drops) in [
        ("ResourceNotFoundException", "Device does not exist.", true),
        ("NotAuthorizedException", "Invalid device key given.", true),
        (
            "NotAuthorizedException",
            "Incorrect username or password.",
            false,
        ),
        (
            "ResourceNotFoundException",
            "User pool client does not exist.",
            false,
        ),
        (
            "InvalidParameterException",
            "device key is malformed",
            false,
        ),
    ] {
        assert_eq!(
            names_the_device(&refusal(code, message)),
            drops,
            "{code}: {message}"
        );
    }
    assert!(!names_the_device(
        &ProtocolError::NoResultNoChallenge.into()
    ));
}
