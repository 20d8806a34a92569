//! The call sites of sign-in, replayed from `fixtures/`: `AuthResult::signed_in`
//! for programs that answer no challenge; `AwsSrp`, warrant's `AWSSRP`; and
//! the `ClientMetadata`, `ValidationData`, `UserContextData` and `ContextData`
//! a handle view sends.
//!
//! Each run replays a fixture through the handle with the fixed clock of
//! `tests/offline/auth/flows.rs` (`Tue Nov 14 22:13:20 UTC 2023`); the replay checks
//! every request body. The fixtures were recorded without those four members,
//! so a run that sends them takes them out of each request before the replay
//! sees it and checks them itself, against the API model: present exactly in
//! the operations whose input has them, with the values the view was given.
// Tests say what broke by panicking.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, UNIX_EPOCH};

use cognito::credentials::AwsCredentials;
use cognito::test_util::{Fixture, ReplayTransport};
use cognito::types::{ContextDataType, UserContextDataType};
use cognito::{
    Attributes, AuthResult, AwsSrp, Challenge, Cognito, CognitoBuilder, CreateUserOptions, Error,
    HttpRequest, ProtocolError, RememberedDevice, Tokens, Transport,
};
use serde_json::{json, Value};

use super::flows::seeded_random;

// The synthetic identities of fixtures/auth/ (scripts/gen/auth_fixtures.py).
const POOL_ID: &str = "us-east-1_SyNtH3t1c";
const SECRET_CLIENT_ID: &str = "synthetic0secret0client001";
const PUBLIC_CLIENT_ID: &str = "synthetic0public0client002";
const CLIENT_SECRET: &str = "test-client-secret-not-real";
const TYPED: &str = "alice@example.com";
const PASSWORD: &str = "Passw0rd!-not-real";
const NOW: u64 = 1_700_000_000; // Tue Nov 14 22:13:20 UTC 2023
const DEVICE_NAME: &str = "auth-flows test device";
// fixtures/constructed/ (scripts/gen/surface_fixtures.py).
const SURFACE_POOL_ID: &str = "us-east-1_SurfaceC0nstr";
const SURFACE_SECRET_CLIENT_ID: &str = "synthetic0secret0client004";
const SURFACE_CLIENT_SECRET: &str = "replay-client-secret-not-real";
const OLGA: &str = "olga@example.com";

/// The members a view adds to the requests that accept them.
const MEMBERS: [&str; 4] = [
    "ClientMetadata",
    "ValidationData",
    "UserContextData",
    "ContextData",
];

fn fixture(path: &str) -> Fixture {
    let file: PathBuf = [env!("CARGO_MANIFEST_DIR"), "fixtures", path]
        .iter()
        .collect();
    Fixture::from_file(file).unwrap()
}

/// `path` with only the exchanges at `picks`, in that order.
fn exchanges(path: &str, picks: &[usize]) -> Fixture {
    let mut fixture = fixture(path);
    fixture.exchanges = picks
        .iter()
        .map(|&i| fixture.exchanges[i].clone())
        .collect();
    fixture
}

/// `request` without the four members, as the fixtures recorded it.
fn without_members(mut request: HttpRequest) -> HttpRequest {
    if let Ok(Value::Object(mut body)) = serde_json::from_slice::<Value>(&request.body) {
        for member in MEMBERS {
            body.remove(member);
        }
        request.body = serde_json::to_vec(&body).unwrap();
    }
    request
}

/// One replayed conversation: the replay, every request as the handle sent
/// it, and the handle.
struct Run {
    replay: ReplayTransport,
    seen: Arc<Mutex<Vec<HttpRequest>>>,
    cognito: Cognito,
}

impl Run {
    /// The secret client of `fixtures/auth/`, the username typed as the alias.
    fn auth(name: &str) -> Self {
        Self::custom(fixture(&format!("auth/{name}.json")), |b| {
            b.user_pool_id(POOL_ID)
                .client_id(SECRET_CLIENT_ID)
                .client_secret(CLIENT_SECRET)
                .username(TYPED)
        })
    }

    /// A handle on the fixed clock and the replay of `fixture`; `configure`
    /// adds the pool, client and user.
    fn custom(fixture: Fixture, configure: impl FnOnce(CognitoBuilder) -> CognitoBuilder) -> Self {
        Self::spying(fixture, false, configure)
    }

    /// As [`Run::custom`], the four members taken out of each request before
    /// the replay sees it (recorded as sent).
    fn stripping(
        fixture: Fixture,
        configure: impl FnOnce(CognitoBuilder) -> CognitoBuilder,
    ) -> Self {
        Self::spying(fixture, true, configure)
    }

    fn spying(
        fixture: Fixture,
        strip: bool,
        configure: impl FnOnce(CognitoBuilder) -> CognitoBuilder,
    ) -> Self {
        let replay = ReplayTransport::new(fixture);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (forward, record) = (replay.clone(), Arc::clone(&seen));
        let spy = move |req: HttpRequest| {
            record.lock().unwrap().push(req.clone());
            forward.send(if strip { without_members(req) } else { req })
        };
        let builder = Cognito::builder()
            .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
            .environment(|_| None)
            .credentials(AwsCredentials::new(
                "AKIDEXAMPLE",
                "synthetic-aws-secret-not-real",
                None,
            ))
            .transport(spy);
        let cognito = configure(builder).build().unwrap();
        Self {
            replay,
            seen,
            cognito,
        }
    }

    /// The operations sent, in order.
    fn operations(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|r| {
                let target = r.header("x-amz-target").unwrap_or("");
                target.rsplit('.').next().unwrap_or("").to_owned()
            })
            .collect()
    }

    /// The body of request `index` as sent.
    fn body(&self, index: usize) -> Value {
        serde_json::from_slice(&self.seen.lock().unwrap()[index].body).unwrap()
    }

    /// Every exchange of the fixture was used.
    fn finish(&self, label: &str) {
        self.replay
            .finish()
            .unwrap_or_else(|e| panic!("{label}: {e}"));
    }

    /// Every request sent carries exactly the members its operation accepts
    /// in the API model, with `want`'s values.
    fn assert_all_members(&self, label: &str, want: &Members) {
        self.assert_members(label, 0..self.operations().len(), want);
    }

    /// Every request in `requests` carries exactly the members its
    /// operation accepts in the API model, with `want`'s values.
    fn assert_members(&self, label: &str, requests: Range<usize>, want: &Members) {
        let operations = self.operations();
        assert!(
            requests.end <= operations.len(),
            "{label}: {requests:?} sent"
        );
        for (i, operation) in operations.iter().enumerate() {
            if !requests.contains(&i) {
                continue;
            }
            let body = self.body(i);
            for member in MEMBERS {
                let expected = accepts(operation, member)
                    .then(|| want.get(member).cloned())
                    .flatten();
                assert_eq!(
                    body.get(member),
                    expected.as_ref(),
                    "{label}: {operation} (request {i}) {member}"
                );
            }
        }
    }
}

/// What a view sends, by member name.
type Members = BTreeMap<&'static str, Value>;

/// Whether the API model's input of `operation` has `member`.
fn accepts(operation: &str, member: &str) -> bool {
    static MODEL: OnceLock<Value> = OnceLock::new();
    let model = MODEL.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/model/cognito-idp.json"
        ))
        .unwrap();
        serde_json::from_str(&text).unwrap()
    });
    let input = model["operations"][operation]["input"]
        .as_str()
        .unwrap_or_else(|| panic!("{operation} is not in the model"));
    model["structures"][input]["members"].get(member).is_some()
}

/// The user's context data the views send (built from its wire form).
fn user_context_data() -> UserContextDataType {
    serde_json::from_value(full_members()["UserContextData"].clone()).unwrap()
}

/// The server's context data the views send with admin sign-ins.
fn context_data() -> ContextDataType {
    serde_json::from_value(full_members()["ContextData"].clone()).unwrap()
}

/// `cognito` with all four members set.
fn full_view(cognito: &Cognito) -> Cognito {
    cognito
        .with_client_metadata([("invite", "A1B2"), ("source", "auth_call_sites")])
        .with_validation_data([("captcha", "passed")])
        .with_user_context_data(user_context_data())
        .with_context_data(context_data())
}

/// What [`full_view`] sends, on the wire.
fn full_members() -> Members {
    Members::from([
        (
            "ClientMetadata",
            json!({"invite": "A1B2", "source": "auth_call_sites"}),
        ),
        (
            "ValidationData",
            json!([{"Name": "captcha", "Value": "passed"}]),
        ),
        (
            "UserContextData",
            json!({"IpAddress": "192.0.2.10", "EncodedData": "synthetic-encoded-fingerprint"}),
        ),
        (
            "ContextData",
            json!({"IpAddress": "192.0.2.20", "ServerName": "app.example.com",
                   "ServerPath": "/sign-in",
                   "HttpHeaders": [{"headerName": "User-Agent", "headerValue": "synthetic-agent/1.0"}]}),
        ),
    ])
}

// ---- AuthResult::signed_in ----------------------------------------------------------------

#[test]
fn signed_in_is_ok_once_authenticated() {
    let run = Run::auth("srp_secret_alias");
    run.cognito
        .authenticate(PASSWORD)
        .and_then(AuthResult::signed_in)
        .unwrap();
    run.finish("srp");
    assert!(
        run.cognito.tokens().access_token.is_some(),
        "the handle holds the tokens"
    );
}

#[test]
fn signed_in_names_the_challenge_it_stopped_at() {
    for (name, challenge) in [
        ("mfa_software_token_mfa", "SOFTWARE_TOKEN_MFA"),
        ("mfa_sms_mfa", "SMS_MFA"),
        ("password_new_password_required", "NEW_PASSWORD_REQUIRED"),
    ] {
        let mut fixture = fixture(&format!("auth/{name}.json"));
        fixture.exchanges.truncate(1); // the answer is never sent
        let run = Run::custom(fixture, |b| {
            b.user_pool_id(POOL_ID)
                .client_id(SECRET_CLIENT_ID)
                .client_secret(CLIENT_SECRET)
                .username(TYPED)
        });
        let err = run
            .cognito
            .authenticate_user_password(PASSWORD)
            .unwrap()
            .signed_in()
            .unwrap_err();
        run.finish(name);
        assert!(
            matches!(&err, Error::ChallengeRequired { name } if name == challenge),
            "{name}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!("sign-in stopped at challenge {challenge}"),
            "{name}: message"
        );
        assert!(
            std::error::Error::source(&err).is_none(),
            "{name}: no cause"
        );
        let debug = format!("{err:?}");
        assert!(
            !debug.contains(PASSWORD) && !debug.contains("synthetic-session"),
            "{name}: no password or session in {debug}"
        );
        assert_eq!(run.operations(), ["InitiateAuth"], "{name}: requests");
        assert_eq!(
            run.body(0)["AuthFlow"],
            "USER_PASSWORD_AUTH",
            "{name}: flow"
        );
        assert_eq!(
            run.cognito.tokens(),
            cognito::Tokens::default(),
            "{name}: no tokens"
        );
    }
}

// ---- ClientMetadata, ValidationData, UserContextData, ContextData ------------------------

#[test]
fn sign_in_and_every_challenge_answer_carry_the_views_data() {
    // SRP: PASSWORD_VERIFIER is answered by the steps, through the view.
    let run = Run::stripping(fixture("auth/srp_secret_alias.json"), |b| {
        b.user_pool_id(POOL_ID)
            .client_id(SECRET_CLIENT_ID)
            .client_secret(CLIENT_SECRET)
            .username(TYPED)
    });
    full_view(&run.cognito)
        .authenticate(PASSWORD)
        .unwrap()
        .signed_in()
        .unwrap();
    run.finish("srp");
    assert_eq!(
        run.operations(),
        ["InitiateAuth", "RespondToAuthChallenge"],
        "srp: requests"
    );
    run.assert_all_members("srp", &full_members());
    assert!(
        run.cognito.tokens().access_token.is_some(),
        "srp: the original handle holds the view's tokens"
    );

    // A code challenge the caller answers: the challenge keeps the view.
    let run = Run::stripping(fixture("auth/mfa_software_token_mfa.json"), |b| {
        b.user_pool_id(POOL_ID)
            .client_id(SECRET_CLIENT_ID)
            .client_secret(CLIENT_SECRET)
            .username(TYPED)
    });
    let step = full_view(&run.cognito)
        .authenticate_user_password(PASSWORD)
        .unwrap();
    let Some(Challenge::SoftwareTokenMfa(code)) = step.into_challenge() else {
        panic!("mfa: expected SOFTWARE_TOKEN_MFA")
    };
    code.respond("654321").unwrap().signed_in().unwrap();
    run.finish("mfa");
    assert_eq!(
        run.operations(),
        ["InitiateAuth", "RespondToAuthChallenge"],
        "mfa: requests"
    );
    run.assert_all_members("mfa", &full_members());

    // A custom challenge after SRP: Lambda triggers read ClientMetadata at each step.
    let run = Run::stripping(fixture("auth/custom_auth_srp.json"), |b| {
        b.user_pool_id(POOL_ID)
            .client_id(SECRET_CLIENT_ID)
            .client_secret(CLIENT_SECRET)
            .username(TYPED)
    });
    let step = full_view(&run.cognito).custom_auth(Some(PASSWORD)).unwrap();
    let Some(Challenge::CustomChallenge(question)) = step.into_challenge() else {
        panic!("custom: expected CUSTOM_CHALLENGE")
    };
    question.answer("42").unwrap().signed_in().unwrap();
    run.finish("custom");
    assert_eq!(run.operations().len(), 3, "custom: requests");
    run.assert_all_members("custom", &full_members());
}

#[test]
fn admin_sign_in_carries_client_metadata_and_context_data() {
    let run = Run::stripping(fixture("auth/admin_password.json"), |b| {
        b.user_pool_id(POOL_ID)
            .client_id(SECRET_CLIENT_ID)
            .client_secret(CLIENT_SECRET)
            .username(TYPED)
    });
    full_view(&run.cognito)
        .admin_authenticate(PASSWORD)
        .unwrap()
        .signed_in()
        .unwrap();
    run.finish("admin");
    assert_eq!(run.operations(), ["AdminInitiateAuth"], "admin: requests");
    run.assert_all_members("admin", &full_members());
    let body = run.body(0);
    assert!(
        body.get("ContextData").is_some() && body.get("UserContextData").is_none(),
        "admin: ContextData, not UserContextData: {body}"
    );
}

#[test]
fn confirm_device_carries_nothing_and_renewals_carry_the_views_data() {
    // ConfirmDevice accepts none of the four.
    let run = Run::stripping(fixture("auth/new_device_confirm.json"), |b| {
        b.user_pool_id(POOL_ID)
            .client_id(SECRET_CLIENT_ID)
            .client_secret(CLIENT_SECRET)
            .username(TYPED)
            .device_name(DEVICE_NAME)
    });
    full_view(&run.cognito)
        .authenticate(PASSWORD)
        .unwrap()
        .signed_in()
        .unwrap();
    run.finish("new device");
    assert_eq!(
        run.operations(),
        ["InitiateAuth", "RespondToAuthChallenge", "ConfirmDevice"],
        "new device: requests"
    );
    run.assert_all_members("new device", &full_members());

    // REFRESH_TOKEN_AUTH through a view; the original sends nothing.
    let run = Run::stripping(fixture("auth/refresh_token_kept.json"), |b| {
        b.user_pool_id(POOL_ID)
            .client_id(SECRET_CLIENT_ID)
            .client_secret(CLIENT_SECRET)
            .username(TYPED)
            .refresh_token("synthetic-refresh-token-0-not-real")
            .verify_renewed_tokens(false)
    });
    run.cognito
        .authenticate_user_password(PASSWORD)
        .unwrap()
        .signed_in()
        .unwrap();
    full_view(&run.cognito).renew_access_token().unwrap();
    run.finish("refresh");
    assert_eq!(
        run.operations(),
        ["InitiateAuth", "InitiateAuth"],
        "refresh: requests"
    );
    run.assert_members("refresh: the original", 0..1, &Members::new());
    run.assert_members("refresh: the view", 1..2, &full_members());
    assert_eq!(
        run.body(1)["AuthFlow"],
        "REFRESH_TOKEN_AUTH",
        "refresh: flow"
    );

    // GetTokensFromRefreshToken (rotation) accepts ClientMetadata only.
    let run = Run::stripping(
        exchanges("constructed/refresh_token_rotation.json", &[0]),
        |b| {
            b.user_pool_id(SURFACE_POOL_ID)
                .client_id(SURFACE_SECRET_CLIENT_ID)
                .client_secret(SURFACE_CLIENT_SECRET)
                .username(OLGA)
                .refresh_token("synthetic-refresh-token-1-not-real")
                .remembered_device(RememberedDevice {
                    device_key: "us-east-1_synthetic-device-key-1".into(),
                    device_group_key: "-SyntheticGroupKey1".into(),
                    device_password: "synthetic-device-password-not-real".into(),
                })
                .refresh_token_rotation(true)
                .verify_renewed_tokens(false)
        },
    );
    full_view(&run.cognito).renew_access_token().unwrap();
    run.finish("rotation");
    assert_eq!(
        run.operations(),
        ["GetTokensFromRefreshToken"],
        "rotation: requests"
    );
    run.assert_all_members("rotation", &full_members());
}

#[test]
fn sign_up_confirmation_and_code_sending_carry_the_views_data() {
    // SignUp, ResendConfirmationCode (twice), ConfirmSignUp.
    let run = Run::stripping(fixture("constructed/resend_confirmation_code.json"), |b| {
        b.user_pool_id(SURFACE_POOL_ID)
            .client_id(SURFACE_SECRET_CLIENT_ID)
            .client_secret(SURFACE_CLIENT_SECRET)
            .username(OLGA)
    });
    let view = full_view(&run.cognito);
    view.register(
        OLGA,
        PASSWORD,
        &Attributes::new().with("email", "olga@example.com"),
    )
    .unwrap();
    view.resend_confirmation_code().unwrap();
    let err = view.resend_confirmation_code_for("olga.alias").unwrap_err();
    assert!(err.is_user_not_found(), "resend for another name: {err}");
    view.confirm_sign_up("123456").unwrap();
    run.finish("sign-up");
    assert_eq!(
        run.operations(),
        [
            "SignUp",
            "ResendConfirmationCode",
            "ResendConfirmationCode",
            "ConfirmSignUp"
        ],
        "sign-up: requests"
    );
    run.assert_all_members("sign-up", &full_members());
    assert!(
        run.body(0).get("ValidationData").is_some(),
        "sign-up: ValidationData goes with SignUp"
    );

    // ForgotPassword, ConfirmForgotPassword.
    let moto = fixture("moto/forgot_password.json").context;
    let run = Run::stripping(exchanges("moto/forgot_password.json", &[0, 1]), |b| {
        b.user_pool_id(&moto["user_pool_id"])
            .client_id(&moto["client_id"])
            .username(&moto["username"])
    });
    let view = full_view(&run.cognito);
    view.initiate_forgot_password().unwrap();
    view.confirm_forgot_password("123456", "N3w-Passw0rd!-not-real")
        .unwrap();
    run.finish("forgot password");
    assert_eq!(
        run.operations(),
        ["ForgotPassword", "ConfirmForgotPassword"],
        "forgot password: requests"
    );
    run.assert_all_members("forgot password", &full_members());

    // GetUserAttributeVerificationCode (with the fixture's own fresh token).
    let recorded = fixture("constructed/attribute_verification.json");
    let token = recorded.exchanges[0].request.body["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let run = Run::stripping(
        exchanges("constructed/attribute_verification.json", &[0]),
        |b| {
            b.user_pool_id(SURFACE_POOL_ID)
                .client_id("synthetic0public0client003")
                .username(OLGA)
                .access_token(token)
        },
    );
    full_view(&run.cognito).send_verification("email").unwrap();
    run.finish("send verification");
    run.assert_all_members("send verification", &full_members());

    // UpdateUserAttributes.
    let moto = fixture("moto/profile.json").context;
    let run = Run::stripping(exchanges("moto/profile.json", &[2]), |b| {
        b.user_pool_id(&moto["user_pool_id"])
            .client_id(&moto["client_id"])
            .username(&moto["username"])
            .access_token("synthetic-access-token-not-real")
    });
    full_view(&run.cognito)
        .update_profile(&Attributes::new().with("given_name", "David"))
        .unwrap();
    run.finish("update profile");
    assert_eq!(
        run.operations(),
        ["UpdateUserAttributes"],
        "update profile: requests"
    );
    run.assert_all_members("update profile", &full_members());
}

#[test]
fn admin_calls_carry_the_views_client_metadata_and_validation_data() {
    let admin = |path: &str, picks: &[usize]| {
        let moto = fixture(path).context;
        Run::stripping(exchanges(path, picks), |b| {
            b.user_pool_id(&moto["user_pool_id"])
                .client_id(&moto["client_id"])
        })
    };

    let run = admin("moto/admin_create.json", &[1]);
    full_view(&run.cognito)
        .admin_create_user("grace", &Attributes::new(), &CreateUserOptions::default())
        .unwrap();
    run.finish("admin create");
    assert_eq!(run.operations(), ["AdminCreateUser"], "admin create");
    run.assert_all_members("admin create", &full_members());
    assert!(
        run.body(0).get("ValidationData").is_some(),
        "admin create: ValidationData goes with AdminCreateUser"
    );

    let run = admin("moto/admin_passwords.json", &[1, 10]);
    let view = full_view(&run.cognito);
    view.admin_confirm_sign_up("ivan").unwrap();
    view.admin_reset_password("helen").unwrap();
    run.finish("admin passwords");
    assert_eq!(
        run.operations(),
        ["AdminConfirmSignUp", "AdminResetUserPassword"],
        "admin passwords"
    );
    run.assert_all_members("admin passwords", &full_members());

    let run = admin("moto/profile.json", &[7]);
    full_view(&run.cognito)
        .admin_update_profile("dave", &Attributes::new().with("given_name", "D."))
        .unwrap();
    run.finish("admin update");
    assert_eq!(
        run.operations(),
        ["AdminUpdateUserAttributes"],
        "admin update"
    );
    run.assert_all_members("admin update", &full_members());
}

#[test]
fn builder_defaults_go_everywhere_and_a_view_replaces_them() {
    let builder_metadata = json!({"app": "builder-default"});
    let run = Run::stripping(
        exchanges("constructed/resend_confirmation_code.json", &[1, 1, 1]),
        |b| {
            b.user_pool_id(SURFACE_POOL_ID)
                .client_id(SURFACE_SECRET_CLIENT_ID)
                .client_secret(SURFACE_CLIENT_SECRET)
                .username(OLGA)
                .client_metadata([("app", "builder-default")])
                .user_context_data(user_context_data())
        },
    );
    run.cognito.resend_confirmation_code().unwrap();
    // A view replaces the ClientMetadata and keeps the rest.
    run.cognito
        .with_client_metadata([("app", "view")])
        .resend_confirmation_code()
        .unwrap();
    // No pairs: no ClientMetadata at all.
    run.cognito
        .with_client_metadata(Vec::<(String, String)>::new())
        .resend_confirmation_code()
        .unwrap();
    run.finish("defaults");
    let ucd = full_members()["UserContextData"].clone();
    run.assert_members(
        "defaults: the handle",
        0..1,
        &Members::from([
            ("ClientMetadata", builder_metadata),
            ("UserContextData", ucd.clone()),
        ]),
    );
    assert_eq!(
        run.body(1)["ClientMetadata"],
        json!({"app": "view"}),
        "defaults: the view's metadata"
    );
    assert_eq!(
        run.body(1)["UserContextData"],
        ucd,
        "defaults: the view keeps the rest"
    );
    let body = run.body(2);
    assert!(
        body.get("ClientMetadata").is_none() && body.get("UserContextData") == Some(&ucd),
        "defaults: no pairs send no ClientMetadata: {body}"
    );
}

#[test]
fn a_view_shares_the_handle_and_keeps_its_data_out_of_debug() {
    let cognito = Cognito::builder()
        .user_pool_id(POOL_ID)
        .client_id(SECRET_CLIENT_ID)
        .environment(|_| None)
        .build()
        .unwrap();
    let view = full_view(&cognito);
    view.set_username("shared-user");
    view.set_tokens(cognito::Tokens {
        access_token: Some("synthetic-access-token-not-real".into()),
        ..Default::default()
    });
    assert_eq!(
        cognito.username().as_deref(),
        Some("shared-user"),
        "the username is shared"
    );
    assert_eq!(cognito.tokens(), view.tokens(), "the tokens are shared");
    let debug = format!("{view:?}");
    for hidden in [
        "A1B2",
        "passed",
        "192.0.2.10",
        "synthetic-encoded-fingerprint",
        "192.0.2.20",
        "synthetic-agent",
    ] {
        assert!(!debug.contains(hidden), "{hidden} in {debug}");
    }
    assert!(
        debug.contains("invite") && debug.contains("captcha"),
        "names are shown: {debug}"
    );
    fn send_sync<T: Send + Sync + Clone>(_: &T) {}
    send_sync(&view);
}

// ---- AwsSrp ------------------------------------------------------------------------------

/// A transport that replays `fixture` and records what was sent.
fn replay_spy(
    fixture: Fixture,
) -> (
    ReplayTransport,
    Arc<Mutex<Vec<HttpRequest>>>,
    impl Transport + 'static,
) {
    let replay = ReplayTransport::new(fixture);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (forward, record) = (replay.clone(), Arc::clone(&seen));
    let spy = move |req: HttpRequest| {
        record.lock().unwrap().push(req.clone());
        forward.send(req)
    };
    (replay, seen, spy)
}

/// The fixture's `AuthenticationResult` as the handle stores it.
fn assert_fixture_tokens(label: &str, fixture: &Fixture, tokens: &Tokens) {
    let last = &fixture.exchanges.last().unwrap().response.body["AuthenticationResult"];
    let expose =
        |t: &Option<cognito::SecretString>| t.as_ref().map(|t| t.expose_secret().to_owned());
    assert_eq!(
        expose(&tokens.access_token).as_deref(),
        last["AccessToken"].as_str(),
        "{label}: access token"
    );
    assert_eq!(
        expose(&tokens.id_token).as_deref(),
        last["IdToken"].as_str(),
        "{label}: id token"
    );
    assert_eq!(
        expose(&tokens.refresh_token).as_deref(),
        last["RefreshToken"].as_str(),
        "{label}: refresh token"
    );
    assert_eq!(tokens.expires_in, Some(3600), "{label}: expires_in");
    assert_eq!(
        tokens.expires_at,
        Some(UNIX_EPOCH + Duration::from_secs(NOW + 3600)),
        "{label}: expires_at"
    );
}

#[test]
fn aws_srp_from_named_settings_returns_the_tokens() {
    // Every byte of SRP_A and the signature was computed by an independent
    // Python client from the seeded random source.
    let recorded = fixture("auth/exact_srp_moto_uuid.json");
    let (replay, seen, spy) = replay_spy(recorded.clone());
    let srp = AwsSrp::builder()
        .username("alice")
        .password(PASSWORD)
        .pool_id(POOL_ID)
        .client_id(PUBLIC_CLIENT_ID)
        .transport(spy)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .random(seeded_random())
        .build()
        .unwrap();
    let tokens = srp.authenticate_user().unwrap();
    replay.finish().unwrap();
    assert_eq!(
        seen.lock().unwrap().len(),
        2,
        "InitiateAuth, RespondToAuthChallenge"
    );
    assert_fixture_tokens("builder", &recorded, &tokens);
    assert_eq!(tokens, srp.tokens(), "the handle holds them too");
    assert_eq!(tokens, srp.cognito().tokens(), "on the handle underneath");
    assert_eq!(
        srp.cognito().region(),
        "us-east-1",
        "region from the pool id"
    );

    // With a client secret: SECRET_HASH over the typed name, then over the
    // challenge's USERNAME (the replay checks both).
    let recorded = fixture("auth/srp_secret_alias.json");
    let (replay, _, spy) = replay_spy(recorded.clone());
    let srp = AwsSrp::builder()
        .username(TYPED)
        .password(PASSWORD)
        .pool_id(POOL_ID)
        .client_id(SECRET_CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .transport(spy)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .build()
        .unwrap();
    let tokens = srp.authenticate_user().unwrap();
    replay.finish().unwrap();
    assert_fixture_tokens("secret client", &recorded, &tokens);
}

#[test]
fn aws_srp_from_a_handle_stops_at_a_challenge_with_its_name() {
    // srp_secret_alias, but Cognito asks for an authenticator code after the verifier.
    let mut recorded = fixture("auth/srp_secret_alias.json");
    recorded.exchanges[1].response.body = json!({
        "ChallengeName": "SOFTWARE_TOKEN_MFA",
        "Session": "synthetic-session-2-not-real",
        "ChallengeParameters": {"USERNAME": "alice-internal"}
    });
    for answer_it in [false, true] {
        let run = Run::custom(recorded.clone(), |b| {
            b.user_pool_id(POOL_ID)
                .client_id(SECRET_CLIENT_ID)
                .client_secret(CLIENT_SECRET)
                .username(TYPED)
        });
        let srp = AwsSrp::from_cognito(run.cognito.clone(), PASSWORD);
        if answer_it {
            match srp.authenticate().unwrap() {
                AuthResult::Challenge(c) => {
                    assert_eq!(
                        c.name(),
                        "SOFTWARE_TOKEN_MFA",
                        "authenticate: the challenge"
                    );
                    assert_eq!(c.username(), "alice-internal", "authenticate: its USERNAME");
                }
                AuthResult::Authenticated => panic!("authenticate: expected a challenge"),
            }
        } else {
            let err = srp.authenticate_user().unwrap_err();
            assert!(
                matches!(&err, Error::ChallengeRequired { name } if name == "SOFTWARE_TOKEN_MFA"),
                "authenticate_user: {err:?}"
            );
            assert_eq!(
                err.to_string(),
                "sign-in stopped at challenge SOFTWARE_TOKEN_MFA"
            );
        }
        run.finish("challenge");
        assert_eq!(
            run.operations(),
            ["InitiateAuth", "RespondToAuthChallenge"],
            "challenge: requests"
        );
        assert_eq!(
            run.cognito.tokens(),
            Tokens::default(),
            "challenge: no tokens"
        );
    }
}

#[test]
fn aws_srp_halves_build_what_the_sign_in_sends() {
    // warrant's get_auth_params / process_challenge, the requests sent by the
    // caller: byte for byte what exact_srp_moto_uuid recorded.
    let recorded = fixture("auth/exact_srp_moto_uuid.json");
    let (replay, _, spy) = replay_spy(recorded.clone());
    let mut srp = AwsSrp::builder()
        .username("alice")
        .password(PASSWORD)
        .pool_id(POOL_ID)
        .client_id(PUBLIC_CLIENT_ID)
        .transport(spy)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .random(seeded_random())
        .build()
        .unwrap();
    let err = srp
        .process_challenge(&cognito::types::ChallengeParameters::default())
        .unwrap_err();
    assert!(
        matches!(&err, Error::Protocol(ProtocolError::UnexpectedChallenge(n)) if n == "PASSWORD_VERIFIER"),
        "no exchange started: {err:?}"
    );

    let params = srp.get_auth_params().unwrap();
    let exposed = |m: &std::collections::BTreeMap<String, cognito::SecretString>| -> Value {
        m.iter()
            .map(|(k, v)| (k.clone(), Value::from(v.expose_secret())))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    assert_eq!(
        exposed(&params),
        recorded.exchanges[0].request.body["AuthParameters"],
        "get_auth_params: USERNAME and SRP_A exactly"
    );
    let mut initiate = cognito::types::InitiateAuthRequest::new(
        cognito::types::AuthFlowType::from("USER_SRP_AUTH"),
        PUBLIC_CLIENT_ID,
    );
    initiate.auth_parameters = Some(params);
    let reply = srp.cognito().send(&initiate).unwrap();

    let responses = srp
        .process_challenge(reply.challenge_parameters.as_ref().unwrap())
        .unwrap();
    assert_eq!(
        exposed(&responses),
        recorded.exchanges[1].request.body["ChallengeResponses"],
        "process_challenge: the claim exactly"
    );
    let mut respond = cognito::types::RespondToAuthChallengeRequest::new(
        PUBLIC_CLIENT_ID,
        reply.challenge_name.clone().unwrap(),
    );
    respond.challenge_responses = Some(responses);
    respond.session = reply.session.clone();
    let done = srp.cognito().send(&respond).unwrap();
    replay.finish().unwrap();
    assert!(done.authentication_result.is_some(), "tokens came back");

    let again = srp
        .process_challenge(reply.challenge_parameters.as_ref().unwrap())
        .unwrap_err();
    assert!(
        matches!(
            &again,
            Error::Protocol(ProtocolError::UnexpectedChallenge(_))
        ),
        "the exchange ended: {again:?}"
    );
}

#[test]
fn aws_srp_builder_names_what_is_missing_and_hides_the_password() {
    let complete = || {
        AwsSrp::builder()
            .username("alice")
            .password(PASSWORD)
            .pool_id(POOL_ID)
            .client_id(PUBLIC_CLIENT_ID)
    };
    assert!(complete().build().is_ok(), "complete settings build");
    for (missing, builder) in [
        (
            "username",
            AwsSrp::builder()
                .password(PASSWORD)
                .pool_id(POOL_ID)
                .client_id(PUBLIC_CLIENT_ID),
        ),
        (
            "password",
            AwsSrp::builder()
                .username("alice")
                .pool_id(POOL_ID)
                .client_id(PUBLIC_CLIENT_ID),
        ),
        (
            "pool_id",
            AwsSrp::builder()
                .username("alice")
                .password(PASSWORD)
                .client_id(PUBLIC_CLIENT_ID),
        ),
        (
            "client_id",
            AwsSrp::builder()
                .username("alice")
                .password(PASSWORD)
                .pool_id(POOL_ID),
        ),
    ] {
        let err = builder.build().unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{missing}: {err:?}");
        assert_eq!(
            err.to_string(),
            format!("AwsSrp needs a {missing}; set it with .{missing}(…)"),
            "{missing}: message"
        );
    }
    let err = complete().pool_id("not-a-pool-id").build().unwrap_err();
    assert!(
        matches!(err, Error::Config(_)),
        "malformed pool id: {err:?}"
    );

    let builder = complete().client_secret(CLIENT_SECRET);
    let debug = format!("{builder:?}");
    assert!(
        !debug.contains(PASSWORD) && !debug.contains(CLIENT_SECRET),
        "builder: {debug}"
    );
    let mut srp = builder.build().unwrap();
    let debug = format!("{srp:?}");
    assert!(
        !debug.contains(PASSWORD) && !debug.contains(CLIENT_SECRET),
        "AwsSrp: {debug}"
    );
    srp.get_auth_params().unwrap();
    assert!(
        format!("{srp:?}").contains("exchange_started: true"),
        "the started exchange shows, not its private value"
    );
}
