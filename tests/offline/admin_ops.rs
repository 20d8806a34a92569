//! The administrator methods of the thirteen `Admin*` operations moto 5.2.5 does not implement
//! (devices, MFA factors, provider links, threat protection's event log, sessions), each replayed
//! from its fixture in `fixtures/constructed/admin_ops/` (written by
//! `scripts/gen/admin_ops_fixtures.py` from the API model's shapes).
//!
//! The replay transport checks every request against its fixture (target, content type and the
//! whole body); on top of that each test asserts, from what the handle really sent, that the
//! request went to the right operation, was signed with SigV4 for the pool's region, and carried
//! the members the method was given, and then asserts the parsed result, every member of it
//! (a result serializes back to exactly the fixture's reply).
// Tests say what broke by panicking.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use cognito::credentials::AwsCredentials;
use cognito::test_util::{Fixture, ReplayTransport};
use cognito::types::{
    AuthFactorType, ChallengeName, ChallengeResponse, DeliveryMediumType, EventResponseType,
    EventType, FeedbackValueType, MFAOptionType, ProviderUserIdentifierType,
    RevokeAssociatedSessionsType, RiskDecisionType, RiskLevelType, SessionTypeType,
};
use cognito::{
    Cognito, Error, HttpRequest, HttpResponse, RememberedDevice, SecretString, Transport,
    TransportError,
};
use serde::Serialize;
use serde_json::{json, Value};

/// Mirrors of `scripts/gen/admin_ops_fixtures.py`.
const POOL_ID: &str = "us-east-1_AdminOpsC0nstr";
const USERNAME: &str = "olga@example.com";
const DEVICE_1: &str = "us-east-1_0a1b2c3d-0000-4000-8000-00000000d001";
const DEVICE_2: &str = "us-east-1_0a1b2c3d-0000-4000-8000-00000000d002";
const SESSION_TOKEN: &str = "tknsynthetic0session00000001";
const SESSION_SSO: &str = "ssosynthetic0session00000002";
const EVENT_1: &str = "synthetic-event-0001";
const EVENT_2: &str = "synthetic-event-0002";
const GOOGLE_SUB: &str = "109876543210987654321";

/// How every constructed fixture's `source` starts; the operations it constructs follow.
const SOURCE_CONSTRUCTED: &str = "constructed from the Cognito API reference, ";
/// The handle's clock: Tue Nov 14 22:13:20 UTC 2023.
const T0: u64 = 1_700_000_000;
/// The synthetic AWS key the handle signs with.
const ACCESS_KEY: &str = "AKIDSYNTHETICADMIN";
/// What the Authorization header of every request starts with: SigV4 with the key, the date of
/// [`T0`], the pool's region and Cognito's signing name.
const SIGNED_PREFIX: &str =
    "AWS4-HMAC-SHA256 Credential=AKIDSYNTHETICADMIN/20231114/us-east-1/cognito-idp/aws4_request, ";

/// Each method, the operation it sends and the fixture that replays it.
const METHODS: &[(&str, &str, &str)] = &[
    ("admin_get_device", "AdminGetDevice", "admin_get_device"),
    (
        "admin_list_devices",
        "AdminListDevices",
        "admin_list_devices",
    ),
    ("admin_devices", "AdminListDevices", "admin_devices"),
    (
        "admin_update_device_status",
        "AdminUpdateDeviceStatus",
        "admin_update_device_status",
    ),
    (
        "admin_forget_device",
        "AdminForgetDevice",
        "admin_forget_device",
    ),
    (
        "admin_delete_software_token",
        "AdminDeleteSoftwareToken",
        "admin_delete_software_token",
    ),
    (
        "admin_get_user_auth_factors",
        "AdminGetUserAuthFactors",
        "admin_get_user_auth_factors",
    ),
    (
        "admin_set_user_settings",
        "AdminSetUserSettings",
        "admin_set_user_settings",
    ),
    (
        "admin_link_provider_for_user",
        "AdminLinkProviderForUser",
        "admin_link_provider_for_user",
    ),
    (
        "admin_disable_provider_for_user",
        "AdminDisableProviderForUser",
        "admin_disable_provider_for_user",
    ),
    (
        "admin_list_user_auth_events",
        "AdminListUserAuthEvents",
        "admin_list_user_auth_events",
    ),
    (
        "admin_user_auth_events",
        "AdminListUserAuthEvents",
        "admin_user_auth_events",
    ),
    (
        "admin_update_auth_event_feedback",
        "AdminUpdateAuthEventFeedback",
        "admin_update_auth_event_feedback",
    ),
    (
        "admin_list_user_sessions",
        "AdminListUserSessions",
        "admin_list_user_sessions",
    ),
    (
        "admin_revoke_user_session",
        "AdminRevokeUserSession",
        "admin_revoke_user_session",
    ),
];

/// One request as the handle sent it.
#[derive(Debug, Clone)]
struct Sent {
    operation: String,
    authorization: Option<String>,
    body: Value,
}

/// A handle replaying one fixture, and what it sent.
struct Replay {
    cognito: Cognito,
    fixture: Fixture,
    replay: ReplayTransport,
    sent: Arc<Mutex<Vec<Sent>>>,
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/constructed/admin_ops")
}

fn fixture_path(name: &str) -> PathBuf {
    fixture_dir().join(format!("{name}.json"))
}

impl Replay {
    /// An administrator's handle on the fixture's pool, with synthetic AWS keys, a fixed clock
    /// and no environment, sending through the fixture's replay.
    fn new(name: &str) -> Self {
        Self::with(name, |b| b)
    }

    fn with(
        name: &str,
        more: impl FnOnce(cognito::CognitoBuilder) -> cognito::CognitoBuilder,
    ) -> Self {
        let path = fixture_path(name);
        let fixture = Fixture::from_file(&path)
            .unwrap_or_else(|e| panic!("{e} (regenerate with scripts/gen/admin_ops_fixtures.py)"));
        let replay = ReplayTransport::from_file(&path).unwrap();
        let sent: Arc<Mutex<Vec<Sent>>> = Arc::default();
        let log = Arc::clone(&sent);
        let inner = replay.clone();
        let transport = move |request: HttpRequest| -> Result<HttpResponse, TransportError> {
            log.lock().unwrap().push(Sent {
                operation: request
                    .header("x-amz-target")
                    .and_then(|t| t.strip_prefix("AWSCognitoIdentityProviderService."))
                    .unwrap_or_default()
                    .to_owned(),
                authorization: request.header("authorization").map(str::to_owned),
                body: serde_json::from_slice(&request.body).unwrap_or(Value::Null),
            });
            inner.send(request)
        };
        let builder = Cognito::builder()
            .user_pool_id(&fixture.context["user_pool_id"])
            .endpoint("https://replay.invalid")
            .environment(|_| None)
            .credentials(AwsCredentials::new(
                ACCESS_KEY,
                "synthetic-secret-key",
                None,
            ))
            .clock(|| UNIX_EPOCH + Duration::from_secs(T0))
            // Each fixture exchange is one reply: the mapping is under test, not retries.
            .retry(cognito::RetryPolicy::none())
            .transport(transport);
        let cognito = more(builder).build().unwrap();
        Replay {
            cognito,
            fixture,
            replay,
            sent,
        }
    }

    /// Every request sent so far.
    fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }

    /// The `index`th request: to `operation`, signed, with the handle's pool; its body.
    fn request(&self, index: usize, operation: &str) -> Value {
        let sent = self.sent();
        let s = sent
            .get(index)
            .unwrap_or_else(|| panic!("request {index} was not sent: {sent:?}"));
        assert_eq!(s.operation, operation, "request {index}: X-Amz-Target");
        let authorization = s
            .authorization
            .as_deref()
            .unwrap_or_else(|| panic!("request {index} ({operation}): no Authorization header"));
        assert!(
            authorization.starts_with(SIGNED_PREFIX)
                && authorization.contains("SignedHeaders=")
                && authorization.contains("Signature="),
            "request {index} ({operation}): signed with SigV4 for us-east-1: {authorization}"
        );
        assert_eq!(s.body["UserPoolId"], POOL_ID, "request {index}: UserPoolId");
        s.body.clone()
    }

    /// The reply body of the fixture's `index`th exchange.
    fn reply(&self, index: usize) -> &Value {
        &self.fixture.exchanges[index].response.body
    }

    /// Checks that exactly the fixture's exchanges were used.
    fn finish(&self) {
        self.replay.finish().unwrap();
        assert_eq!(
            self.sent().len(),
            self.fixture.exchanges.len(),
            "one request per exchange"
        );
    }
}

/// `value` serialized, to compare with a fixture's reply member by member.
fn json_of<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// The service error code and status of a failed call.
fn service_error<T: std::fmt::Debug>(result: Result<T, Error>, what: &str) -> (String, u16) {
    match result {
        Ok(v) => panic!("{what}: expected a service error, got {v:?}"),
        Err(e) => match (e.service_code(), e.status()) {
            (Some(code), Some(status)) => (code.as_str().to_owned(), status),
            _ => panic!("{what}: expected a service error, got {e}"),
        },
    }
}

#[test]
fn admin_get_device() {
    let r = Replay::new("admin_get_device");
    let device = r
        .cognito
        .admin_get_device(USERNAME, DEVICE_2)
        .expect("admin_get_device succeeds");
    let body = r.request(0, "AdminGetDevice");
    assert_eq!(body["Username"], USERNAME, "Username");
    assert_eq!(body["DeviceKey"], DEVICE_2, "DeviceKey");
    assert_eq!(device.device_key.as_deref(), Some(DEVICE_2), "DeviceKey");
    let name = device
        .device_attributes
        .as_deref()
        .unwrap_or_default()
        .iter()
        .find(|a| a.name == "device_name")
        .and_then(|a| a.value.as_deref());
    assert_eq!(name, Some("second synthetic device"), "device_name");
    assert_eq!(
        json_of(&device),
        r.reply(0)["Device"],
        "every member parsed"
    );

    let (code, status) = service_error(
        r.cognito.admin_get_device(USERNAME, DEVICE_1),
        "an unknown device",
    );
    assert_eq!((code.as_str(), status), ("ResourceNotFoundException", 400));
    assert_eq!(r.request(1, "AdminGetDevice")["DeviceKey"], DEVICE_1);
    r.finish();
}

#[test]
fn admin_list_devices() {
    let r = Replay::new("admin_list_devices");
    let devices = r
        .cognito
        .admin_list_devices(USERNAME)
        .expect("admin_list_devices succeeds");
    let first = r.request(0, "AdminListDevices");
    assert_eq!(first["Username"], USERNAME, "Username");
    assert_eq!(first["Limit"], 60, "the largest page");
    assert!(first.get("PaginationToken").is_none(), "no token at first");
    let second = r.request(1, "AdminListDevices");
    assert_eq!(
        second["PaginationToken"], "synthetic-pagination-token-2",
        "the first page's token"
    );
    let keys: Vec<&str> = devices
        .iter()
        .filter_map(|d| d.device_key.as_deref())
        .collect();
    assert_eq!(keys, [DEVICE_1, DEVICE_2], "both pages, in order");
    assert_eq!(
        json_of(&devices[0]),
        r.reply(0)["Devices"][0],
        "page 1 parsed"
    );
    assert_eq!(
        json_of(&devices[1]),
        r.reply(1)["Devices"][0],
        "page 2 parsed"
    );
    r.finish();
}

#[test]
fn admin_devices() {
    let r = Replay::new("admin_devices");
    let mut devices = r.cognito.admin_devices(USERNAME);
    let first = devices
        .next()
        .expect("a first item")
        .expect("page 1 succeeds");
    assert_eq!(first.device_key.as_deref(), Some(DEVICE_1), "DeviceKey");
    assert_eq!(r.sent().len(), 1, "one page fetched for one item");
    let (code, _) = service_error(devices.next().expect("a second item"), "page 2");
    assert_eq!(code, "TooManyRequestsException", "page 2's error");
    assert_eq!(
        r.request(1, "AdminListDevices")["PaginationToken"],
        "synthetic-pagination-token-2",
        "page 2 asked with page 1's token"
    );
    assert!(devices.next().is_none(), "an error ends the iterator");
    r.finish();
}

#[test]
fn admin_update_device_status() {
    let r = Replay::new("admin_update_device_status");
    r.cognito
        .admin_update_device_status(USERNAME, DEVICE_2, true)
        .expect("remembered succeeds");
    r.cognito
        .admin_update_device_status(USERNAME, DEVICE_2, false)
        .expect("not remembered succeeds");
    for (i, status) in [(0, "remembered"), (1, "not_remembered")] {
        let body = r.request(i, "AdminUpdateDeviceStatus");
        assert_eq!(body["Username"], USERNAME, "Username");
        assert_eq!(body["DeviceKey"], DEVICE_2, "DeviceKey");
        assert_eq!(body["DeviceRememberedStatus"], status, "request {i}");
    }
    r.finish();
}

#[test]
fn admin_forget_device() {
    // The handle remembers DEVICE_1 for its own user; forgetting another user's device of the
    // same key as an administrator leaves that alone.
    let r = Replay::with("admin_forget_device", |b| {
        b.remembered_device(RememberedDevice {
            device_key: DEVICE_1.to_owned(),
            device_group_key: "-SyntheticGroupKey".to_owned(),
            device_password: SecretString::new("synthetic-device-password-not-real"),
        })
    });
    r.cognito
        .admin_forget_device(USERNAME, DEVICE_1)
        .expect("admin_forget_device succeeds on an empty reply");
    let body = r.request(0, "AdminForgetDevice");
    assert_eq!(body["Username"], USERNAME, "Username");
    assert_eq!(body["DeviceKey"], DEVICE_1, "DeviceKey");
    assert_eq!(
        r.cognito.remembered_device().map(|d| d.device_key),
        Some(DEVICE_1.to_owned()),
        "the handle's own device is kept"
    );
    r.finish();
}

#[test]
fn admin_delete_software_token() {
    let r = Replay::new("admin_delete_software_token");
    r.cognito
        .admin_delete_software_token(USERNAME)
        .expect("admin_delete_software_token succeeds");
    assert_eq!(
        r.request(0, "AdminDeleteSoftwareToken"),
        json!({"UserPoolId": POOL_ID, "Username": USERNAME}),
        "the pool and the user, nothing else"
    );
    let (code, status) = service_error(
        r.cognito.admin_delete_software_token("nobody"),
        "an unknown user",
    );
    assert_eq!((code.as_str(), status), ("UserNotFoundException", 400));
    assert_eq!(
        r.request(1, "AdminDeleteSoftwareToken")["Username"],
        "nobody"
    );
    r.finish();
}

#[test]
fn admin_get_user_auth_factors() {
    let r = Replay::new("admin_get_user_auth_factors");
    let factors = r
        .cognito
        .admin_get_user_auth_factors(USERNAME)
        .expect("admin_get_user_auth_factors succeeds");
    assert_eq!(
        r.request(0, "AdminGetUserAuthFactors"),
        json!({"UserPoolId": POOL_ID, "Username": USERNAME}),
        "the pool and the user"
    );
    assert_eq!(factors.username, "olga-internal", "Username");
    assert_eq!(
        factors.preferred_mfa_setting.as_deref(),
        Some("SOFTWARE_TOKEN_MFA"),
        "PreferredMfaSetting"
    );
    assert_eq!(
        factors.user_mfa_setting_list.as_deref().unwrap_or_default(),
        ["SMS_MFA", "SOFTWARE_TOKEN_MFA"],
        "UserMFASettingList"
    );
    assert_eq!(
        factors
            .configured_user_auth_factors
            .as_deref()
            .unwrap_or_default(),
        [
            AuthFactorType::Password,
            AuthFactorType::SmsOtp,
            AuthFactorType::SoftwareToken
        ],
        "ConfiguredUserAuthFactors"
    );
    assert_eq!(json_of(&factors), *r.reply(0), "every member parsed");
    r.finish();
}

#[test]
// Field by field, as callers outside the crate must once the types are `#[non_exhaustive]`.
#[allow(clippy::field_reassign_with_default)]
fn admin_set_user_settings() {
    let r = Replay::new("admin_set_user_settings");
    let mut sms = MFAOptionType::default();
    sms.delivery_medium = Some(DeliveryMediumType::Sms);
    sms.attribute_name = Some("phone_number".to_owned());
    r.cognito
        .admin_set_user_settings(USERNAME, &[sms])
        .expect("SMS to phone_number succeeds");
    r.cognito
        .admin_set_user_settings(USERNAME, &[])
        .expect("an empty list succeeds");
    let on = r.request(0, "AdminSetUserSettings");
    assert_eq!(on["Username"], USERNAME, "Username");
    assert_eq!(
        on["MFAOptions"],
        json!([{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]),
        "MFAOptions"
    );
    assert_eq!(
        r.request(1, "AdminSetUserSettings")["MFAOptions"],
        json!([]),
        "MFAOptions is required: an empty list is sent, not left out"
    );
    r.finish();
}

#[test]
fn admin_link_provider_for_user() {
    let r = Replay::new("admin_link_provider_for_user");
    let olga = ProviderUserIdentifierType::cognito_user(USERNAME);
    r.cognito
        .admin_link_provider_for_user(
            &olga,
            &ProviderUserIdentifierType::subject("Google", GOOGLE_SUB),
        )
        .expect("admin_link_provider_for_user succeeds");
    let body = r.request(0, "AdminLinkProviderForUser");
    assert_eq!(
        body["DestinationUser"],
        json!({"ProviderName": "Cognito", "ProviderAttributeValue": USERNAME}),
        "DestinationUser: a pool user by username, no attribute name"
    );
    assert_eq!(
        body["SourceUser"],
        json!({"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject",
               "ProviderAttributeValue": GOOGLE_SUB}),
        "SourceUser: the Google subject"
    );

    let saml = ProviderUserIdentifierType::new("SyntheticSaml", "email", USERNAME);
    let (code, status) = service_error(
        r.cognito.admin_link_provider_for_user(&olga, &saml),
        "a sixth link",
    );
    assert_eq!((code.as_str(), status), ("LimitExceededException", 400));
    assert_eq!(
        r.request(1, "AdminLinkProviderForUser")["SourceUser"]["ProviderAttributeName"],
        "email",
        "any attribute name for SAML"
    );
    r.finish();
}

#[test]
fn admin_disable_provider_for_user() {
    let r = Replay::new("admin_disable_provider_for_user");
    r.cognito
        .admin_disable_provider_for_user(&ProviderUserIdentifierType::subject("Google", GOOGLE_SUB))
        .expect("admin_disable_provider_for_user succeeds");
    assert_eq!(
        r.request(0, "AdminDisableProviderForUser"),
        json!({"UserPoolId": POOL_ID,
               "User": {"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject",
                        "ProviderAttributeValue": GOOGLE_SUB}}),
        "the pool and the linked identity"
    );
    r.finish();
}

#[test]
fn admin_list_user_auth_events() {
    let r = Replay::new("admin_list_user_auth_events");
    let events = r
        .cognito
        .admin_list_user_auth_events(USERNAME)
        .expect("admin_list_user_auth_events succeeds");
    let first = r.request(0, "AdminListUserAuthEvents");
    assert_eq!(first["Username"], USERNAME, "Username");
    assert_eq!(first["MaxResults"], 60, "the largest page");
    assert!(first.get("NextToken").is_none(), "no token at first");
    assert_eq!(
        r.request(1, "AdminListUserAuthEvents")["NextToken"],
        "synthetic-next-token-2",
        "the first page's token"
    );

    assert_eq!(events.len(), 2, "both pages");
    let e = &events[0];
    assert_eq!(e.event_id.as_deref(), Some(EVENT_1), "EventId");
    assert_eq!(e.event_type, Some(EventType::SignIn), "EventType");
    assert_eq!(
        e.event_response,
        Some(EventResponseType::Fail),
        "EventResponse"
    );
    let risk = e.event_risk.as_ref().expect("EventRisk");
    assert_eq!(
        risk.risk_decision,
        Some(RiskDecisionType::Block),
        "RiskDecision"
    );
    assert_eq!(risk.risk_level, Some(RiskLevelType::High), "RiskLevel");
    assert_eq!(
        risk.compromised_credentials_detected,
        Some(true),
        "compromised"
    );
    let challenges = e.challenge_responses.as_deref().unwrap_or_default();
    assert_eq!(
        challenges
            .iter()
            .map(|c| (c.challenge_name.clone(), c.challenge_response.clone()))
            .collect::<Vec<_>>(),
        [
            (
                Some(ChallengeName::Password),
                Some(ChallengeResponse::Success)
            ),
            (Some(ChallengeName::Mfa), Some(ChallengeResponse::Failure)),
        ],
        "ChallengeResponses"
    );
    let context = e.event_context_data.as_ref().expect("EventContextData");
    assert_eq!(
        context.ip_address.as_deref(),
        Some("192.0.2.44"),
        "IpAddress"
    );
    let feedback = e.event_feedback.as_ref().expect("EventFeedback");
    assert_eq!(
        feedback.feedback_value,
        FeedbackValueType::Invalid,
        "FeedbackValue"
    );
    assert_eq!(feedback.provider, "Admin", "Provider");
    assert!(e.creation_date.is_some(), "CreationDate");
    assert_eq!(
        json_of(e),
        r.reply(0)["AuthEvents"][0],
        "every member parsed"
    );
    assert_eq!(
        events[1].event_type,
        Some(EventType::PasswordChange),
        "page 2"
    );
    assert_eq!(
        json_of(&events[1]),
        r.reply(1)["AuthEvents"][0],
        "page 2 parsed"
    );

    let (code, status) = service_error(
        r.cognito.admin_list_user_auth_events("nobody"),
        "a pool without threat protection",
    );
    assert_eq!(
        (code.as_str(), status),
        ("UserPoolAddOnNotEnabledException", 400)
    );
    r.finish();
}

#[test]
fn admin_user_auth_events() {
    let r = Replay::new("admin_user_auth_events");
    let first: Vec<_> = r
        .cognito
        .admin_user_auth_events(USERNAME)
        .take(1)
        .collect::<Result<_, _>>()
        .expect("page 1 succeeds");
    assert_eq!(first.len(), 1, "one event taken");
    assert_eq!(
        first[0].event_id.as_deref(),
        Some(EVENT_1),
        "the newest first"
    );
    assert_eq!(r.request(0, "AdminListUserAuthEvents")["MaxResults"], 60);
    // The page carried a NextToken, but nothing asked for more.
    r.finish();
}

#[test]
fn admin_update_auth_event_feedback() {
    let r = Replay::new("admin_update_auth_event_feedback");
    r.cognito
        .admin_update_auth_event_feedback(USERNAME, EVENT_1, FeedbackValueType::Valid)
        .expect("Valid succeeds");
    r.cognito
        .admin_update_auth_event_feedback(USERNAME, EVENT_2, FeedbackValueType::Invalid)
        .expect("Invalid succeeds");
    for (i, event, value) in [(0, EVENT_1, "Valid"), (1, EVENT_2, "Invalid")] {
        let body = r.request(i, "AdminUpdateAuthEventFeedback");
        assert_eq!(body["Username"], USERNAME, "Username");
        assert_eq!(body["EventId"], event, "request {i}: EventId");
        assert_eq!(body["FeedbackValue"], value, "request {i}: FeedbackValue");
    }
    let (code, status) = service_error(
        r.cognito.admin_update_auth_event_feedback(
            USERNAME,
            "synthetic-event-9999",
            FeedbackValueType::Invalid,
        ),
        "an unknown event",
    );
    assert_eq!((code.as_str(), status), ("ResourceNotFoundException", 400));
    r.finish();
}

#[test]
fn admin_list_user_sessions() {
    let r = Replay::new("admin_list_user_sessions");
    let sessions = r
        .cognito
        .admin_list_user_sessions(USERNAME)
        .expect("admin_list_user_sessions succeeds");
    assert_eq!(
        r.request(0, "AdminListUserSessions"),
        json!({"UserPoolId": POOL_ID, "Username": USERNAME}),
        "no page size: the operation has none"
    );
    assert_eq!(
        r.request(1, "AdminListUserSessions")["NextToken"],
        "synthetic-next-token-2",
        "the first page's token"
    );
    let ids: Vec<&str> = sessions
        .iter()
        .filter_map(|s| s.session_id.as_deref())
        .collect();
    assert_eq!(ids, [SESSION_TOKEN, SESSION_SSO], "both pages, in order");
    let token = &sessions[0];
    assert_eq!(
        token.session_type,
        Some(SessionTypeType::Token),
        "SessionType"
    );
    assert_eq!(
        token.origin_session_id.as_deref(),
        Some(SESSION_SSO),
        "OriginSessionId"
    );
    assert_eq!(
        token.last_ip_address.as_deref(),
        Some("192.0.2.44"),
        "LastIPAddress"
    );
    assert_eq!(token.is_current_session, Some(false), "IsCurrentSession");
    assert_eq!(
        token
            .last_location
            .as_ref()
            .and_then(|l| l.country.as_deref()),
        Some("Synthetic Country"),
        "LastLocation"
    );
    assert_eq!(
        json_of(token),
        r.reply(0)["Sessions"][0],
        "every member parsed"
    );
    assert_eq!(
        sessions[1].session_type,
        Some(SessionTypeType::Sso),
        "page 2"
    );
    assert_eq!(
        json_of(&sessions[1]),
        r.reply(1)["Sessions"][0],
        "page 2 parsed"
    );
    r.finish();
}

#[test]
fn admin_revoke_user_session() {
    let r = Replay::new("admin_revoke_user_session");
    r.cognito
        .admin_revoke_user_session(
            USERNAME,
            SESSION_TOKEN,
            RevokeAssociatedSessionsType::Linked,
        )
        .expect("LINKED succeeds");
    r.cognito
        .admin_revoke_user_session(USERNAME, SESSION_SSO, RevokeAssociatedSessionsType::None)
        .expect("NONE succeeds");
    for (i, session, associated) in [(0, SESSION_TOKEN, "LINKED"), (1, SESSION_SSO, "NONE")] {
        let body = r.request(i, "AdminRevokeUserSession");
        assert_eq!(body["Username"], USERNAME, "Username");
        assert_eq!(body["SessionId"], session, "request {i}: SessionId");
        assert_eq!(
            body["RevokeAssociatedSessions"], associated,
            "request {i}: RevokeAssociatedSessions"
        );
    }
    let (code, status) = service_error(
        r.cognito.admin_revoke_user_session(
            USERNAME,
            SESSION_TOKEN,
            RevokeAssociatedSessionsType::None,
        ),
        "a revoked session",
    );
    assert_eq!((code.as_str(), status), ("ResourceNotFoundException", 400));
    r.finish();
}

#[test]
fn every_fixture_is_replayed_and_says_where_it_came_from() {
    let on_disk: Vec<String> = {
        let mut names: Vec<String> = std::fs::read_dir(fixture_dir())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let mut tested: Vec<String> = METHODS.iter().map(|(_, _, f)| (*f).to_owned()).collect();
    tested.sort();
    assert_eq!(on_disk, tested, "one fixture per method, each in METHODS");

    for (method, operation, name) in METHODS {
        let fixture = Fixture::from_file(fixture_path(name)).unwrap();
        assert_eq!(
            fixture.source,
            format!("{SOURCE_CONSTRUCTED}{operation}"),
            "{name}: the source names what it constructs"
        );
        let description = fixture.description.as_deref().unwrap_or_default();
        assert!(
            description.contains(&format!("moto 5.2.5 does not implement {operation}")),
            "{name}: the description says why it is constructed: {description}"
        );
        assert!(
            description.starts_with(method),
            "{name}: the description names {method}"
        );
        assert_eq!(fixture.context["user_pool_id"], POOL_ID, "{name}: context");
        for exchange in &fixture.exchanges {
            assert_eq!(
                exchange.operation.as_deref(),
                Some(*operation),
                "{name}: every exchange is {operation}"
            );
        }
    }
}

#[test]
fn the_thirteen_operations_are_modelled_signed_and_covered() {
    let operations = [
        "AdminDeleteSoftwareToken",
        "AdminDisableProviderForUser",
        "AdminForgetDevice",
        "AdminGetDevice",
        "AdminGetUserAuthFactors",
        "AdminLinkProviderForUser",
        "AdminListDevices",
        "AdminListUserAuthEvents",
        "AdminListUserSessions",
        "AdminRevokeUserSession",
        "AdminSetUserSettings",
        "AdminUpdateAuthEventFeedback",
        "AdminUpdateDeviceStatus",
    ];
    for operation in operations {
        assert!(
            Cognito::is_modelled_operation(operation),
            "{operation} is in the API model"
        );
        assert!(
            Cognito::is_signed_operation(operation),
            "{operation} is signed"
        );
        assert!(
            METHODS.iter().any(|(_, op, _)| *op == operation),
            "{operation} has a method in METHODS"
        );
    }
    assert!(
        METHODS.iter().all(|(_, op, _)| operations.contains(op)),
        "METHODS lists only these operations"
    );
}
