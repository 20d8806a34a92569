//! Checks the wire types and the operation table against the trimmed service
//! model in `fixtures/model/cognito-idp.json` (made by `scripts/gen/model` from
//! botocore 1.44.8).
//!
//! For every request and response type:
//! - **names**: a tracing deserializer lists every struct reachable from the
//!   type with its serde field names; each struct must be a model structure of
//!   the same name and each field one of its members;
//! - **full**: a sample with every model member filled (at every depth)
//!   deserializes into the type and serializes back unchanged, so no member is
//!   missing or misnamed (a few pool/client members are left out on purpose,
//!   listed in `SUBSETS`);
//! - **minimal**: a sample with only the required members (at every depth)
//!   round-trips unchanged, so optional members are `Option`s never sent as
//!   `null`;
//! - **required** (requests): dropping any required member makes the request
//!   fail to deserialize, so required members are not `Option`s;
//! - **operation**: `Operation::NAME` is a model operation whose input shape is
//!   the request type and whose output matches `Operation::Output` (`Empty` for
//!   operations with no output members);
//! - **secrets**: `Debug` of the full instance shows no value of a member the
//!   model marks sensitive, except the few kept plain on purpose (`SENSITIVE_PLAIN`).

use std::any::type_name;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt::Debug;

use cognito::types::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

#[allow(dead_code)] // only part of the table's API is read here
#[path = "../../../src/protocol/operations.rs"]
mod operations;

/// Members we model on purpose for the shapes we cover only in part: every
/// other member of these shapes is left out of the samples.
const SUBSETS: &[(&str, &[&str])] = &[
    (
        "CreateUserPoolRequest",
        &[
            "PoolName",
            "Policies",
            "AutoVerifiedAttributes",
            "AliasAttributes",
            "UsernameAttributes",
            "MfaConfiguration",
            "Schema",
        ],
    ),
    ("UserPoolPolicyType", &["PasswordPolicy"]),
    (
        "UserPoolType",
        &[
            "Id",
            "Name",
            "Arn",
            "Policies",
            "AutoVerifiedAttributes",
            "AliasAttributes",
            "UsernameAttributes",
            "MfaConfiguration",
            "SchemaAttributes",
            "EstimatedNumberOfUsers",
            "CreationDate",
            "LastModifiedDate",
        ],
    ),
    (
        "CreateUserPoolClientRequest",
        &[
            "UserPoolId",
            "ClientName",
            "GenerateSecret",
            "RefreshTokenValidity",
            "AccessTokenValidity",
            "IdTokenValidity",
            "TokenValidityUnits",
            "ExplicitAuthFlows",
            "PreventUserExistenceErrors",
            "EnableTokenRevocation",
            "AuthSessionValidity",
        ],
    ),
    (
        "UserPoolClientType",
        &[
            "UserPoolId",
            "ClientName",
            "ClientId",
            "ClientSecret",
            "LastModifiedDate",
            "CreationDate",
            "RefreshTokenValidity",
            "AccessTokenValidity",
            "IdTokenValidity",
            "TokenValidityUnits",
            "ExplicitAuthFlows",
            "PreventUserExistenceErrors",
            "EnableTokenRevocation",
            "AuthSessionValidity",
        ],
    ),
];

/// Sensitive in the model but plain strings here (documented in `types`):
/// member names, and shapes.
// `LastIPAddress` (a session's last IP address) is PII, not a credential, like the
// `last_ip_used` device attribute.
const SENSITIVE_PLAIN_MEMBERS: &[&str] =
    &["Username", "ClientId", "UserContextData", "LastIPAddress"];
const SENSITIVE_PLAIN_SHAPES: &[&str] = &["AttributeValueType"];

fn model() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/model/cognito-idp.json"
    );
    let text = std::fs::read_to_string(path).expect("read the trimmed model");
    serde_json::from_str(&text).expect("parse the trimmed model")
}

fn structure<'m>(model: &'m Value, name: &str) -> Option<&'m Map<String, Value>> {
    model["structures"].get(name).and_then(Value::as_object)
}

fn members<'m>(model: &'m Value, name: &str) -> &'m Map<String, Value> {
    structure(model, name)
        .and_then(|s| s["members"].as_object())
        .unwrap_or_else(|| panic!("model structure {name}"))
}

fn required(model: &Value, name: &str) -> BTreeSet<String> {
    structure(model, name)
        .and_then(|s| s["required"].as_array())
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn kept(shape: &str, member: &str) -> bool {
    SUBSETS
        .iter()
        .find(|(s, _)| *s == shape)
        .is_none_or(|(_, keep)| keep.contains(&member))
}

/// Builds sample JSON from the model: every member, or only required ones.
struct Sampler<'m> {
    model: &'m Value,
    full: bool,
    counter: RefCell<usize>,
    /// Strings placed under sensitive members (to look for in `Debug`).
    secrets: RefCell<Vec<String>>,
}

impl<'m> Sampler<'m> {
    fn new(model: &'m Value, full: bool) -> Self {
        Self {
            model,
            full,
            counter: RefCell::new(0),
            secrets: RefCell::new(Vec::new()),
        }
    }

    fn structure(&self, shape: &str, secret: bool) -> Value {
        let req = required(self.model, shape);
        let mut out = Map::new();
        for (name, entry) in members(self.model, shape) {
            if !kept(shape, name) || !(self.full || req.contains(name)) {
                continue;
            }
            let plain = SENSITIVE_PLAIN_MEMBERS.contains(&name.as_str())
                || SENSITIVE_PLAIN_SHAPES.contains(&entry["shape"].as_str().unwrap_or(""));
            let sensitive = (secret || entry["sensitive"] == json!(true)) && !plain;
            let value = self.of(
                entry["shape"].as_str().unwrap(),
                entry["type"].as_str().unwrap(),
                name,
                sensitive,
            );
            out.insert(name.clone(), value);
        }
        Value::Object(out)
    }

    fn of(&self, shape: &str, ty: &str, label: &str, secret: bool) -> Value {
        match ty {
            "structure" => self.structure(shape, secret),
            "list" => {
                let l = &self.model["lists"][shape];
                let (item, item_ty) = (l["member"].as_str().unwrap(), l["type"].as_str().unwrap());
                json!([self.of(item, item_ty, label, secret)])
            }
            "map" => {
                let m = &self.model["maps"][shape];
                let secret = secret || m["sensitive"] == json!(true);
                let (v, v_ty) = (
                    m["value"].as_str().unwrap(),
                    m["value_type"].as_str().unwrap(),
                );
                json!({ "key-1": self.of(v, v_ty, label, secret) })
            }
            "enum" => self.model["enums"][shape][0].clone(),
            "string" => {
                let mut n = self.counter.borrow_mut();
                *n += 1;
                let s = format!("<{label}#{n}>");
                if secret {
                    self.secrets.borrow_mut().push(s.clone());
                }
                json!(s)
            }
            "integer" | "long" => json!(7),
            "boolean" => json!(true),
            "timestamp" => json!(1_700_000_000.5),
            other => panic!("sample for member type {other} ({shape}) not written yet"),
        }
    }
}

/// Problems found, one line each.
type Problems = Vec<String>;

/// Full and minimal round trips plus the secrets check for one type whose
/// model shape is `shape`.
fn round_trips<T>(model: &Value, shape: &str, problems: &mut Problems)
where
    T: Serialize + DeserializeOwned + Debug,
{
    for full in [true, false] {
        let sampler = Sampler::new(model, full);
        let sample = sampler.structure(shape, false);
        let kind = if full { "full" } else { "minimal" };
        let value: T = match serde_json::from_value(sample.clone()) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{shape}: {kind} sample does not deserialize: {e}"));
                continue;
            }
        };
        let back = serde_json::to_value(&value).expect("serialize");
        if back != sample {
            problems.push(format!(
                "{shape}: {kind} round trip differs\n  model:  {sample}\n  ours:   {back}"
            ));
        }
        let debug = format!("{value:?}");
        for secret in sampler.secrets.borrow().iter() {
            if debug.contains(secret.as_str()) {
                problems.push(format!("{shape}: Debug shows sensitive value {secret}"));
            }
        }
    }
}

/// The model shape a Rust type deserializes as, and every struct reachable
/// from it, checked against the model's member names.
fn traced<T: DeserializeOwned>(
    model: &Value,
    problems: &mut Problems,
) -> (String, BTreeSet<String>) {
    let trace = tracer::trace::<T>().unwrap_or_else(|e| panic!("trace {}: {e}", type_name::<T>()));
    for (name, fields) in &trace.structs {
        if *name == "Empty" {
            continue;
        }
        let Some(s) = structure(model, name) else {
            problems.push(format!(
                "{}: struct {name} is not a model structure",
                type_name::<T>()
            ));
            continue;
        };
        for field in fields.iter() {
            if s["members"].get(*field).is_none() {
                problems.push(format!("{name}: field {field} is not a model member"));
            }
        }
    }
    let root = trace.root.unwrap_or_default().to_owned();
    (
        root,
        trace.structs.keys().map(|s| (*s).to_owned()).collect(),
    )
}

/// Whether two model structures have the same members and required list.
fn same_shape(model: &Value, a: &str, b: &str) -> bool {
    let (sa, sb) = (structure(model, a), structure(model, b));
    sa.is_some()
        && sa.map(|s| (&s["members"], &s["required"]))
            == sb.map(|s| (&s["members"], &s["required"]))
}

#[derive(Default)]
struct Report {
    problems: Problems,
    checked: BTreeSet<String>,
    reachable: BTreeSet<String>,
    operations: BTreeSet<&'static str>,
}

impl Report {
    fn shape<T: Serialize + DeserializeOwned + Debug>(&mut self, model: &Value) {
        let (root, reachable) = traced::<T>(model, &mut self.problems);
        round_trips::<T>(model, &root, &mut self.problems);
        self.checked.insert(root);
        self.reachable.extend(reachable);
    }

    fn operation<T>(&mut self, model: &Value)
    where
        T: Operation + DeserializeOwned + Debug,
        T::Output: Serialize + Debug + 'static,
    {
        let name = T::NAME;
        self.operations.insert(name);
        let Some(op) = model["operations"].get(name) else {
            self.problems.push(format!("{name}: not a model operation"));
            return;
        };
        let input = op["input"].as_str().unwrap_or_default();
        let (root, _) = traced::<T>(model, &mut self.problems);
        if root != input {
            self.problems.push(format!(
                "{name}: request type is {root}, model input is {input}"
            ));
        }
        self.shape::<T>(model);

        // Required members are plain fields: a request without one is invalid.
        let full = Sampler::new(model, true).structure(input, false);
        for member in required(model, input) {
            let mut without = full.clone();
            without.as_object_mut().unwrap().remove(&member);
            if serde_json::from_value::<T>(without).is_ok() {
                self.problems.push(format!(
                    "{name}: required member {member} is optional in {root}"
                ));
            }
        }

        // The reply type.
        let (out_root, _) = traced::<T::Output>(model, &mut self.problems);
        match op["output"].as_str() {
            None => {
                if out_root != "Empty" {
                    self.problems.push(format!(
                        "{name}: no output in the model, Output is {out_root}"
                    ));
                }
            }
            Some(output) if members(model, output).is_empty() => {
                if out_root != "Empty" {
                    self.problems.push(format!(
                        "{name}: empty output {output}, Output is {out_root}"
                    ));
                }
            }
            Some(output) if out_root != output && !same_shape(model, &out_root, output) => {
                self.problems.push(format!(
                    "{name}: Output is {out_root}, model output is {output}"
                ));
            }
            Some(output) => {
                round_trips::<T::Output>(model, output, &mut self.problems);
                self.shape::<T::Output>(model);
            }
        }
    }
}

#[test]
fn types_conform_to_the_model() {
    let model = model();
    let mut r = Report::default();
    macro_rules! operations {
        ($($t:ty),+ $(,)?) => { $( r.operation::<$t>(&model); )+ };
    }
    macro_rules! shapes {
        ($($t:ty),+ $(,)?) => { $( r.shape::<$t>(&model); )+ };
    }
    operations!(
        InitiateAuthRequest,
        RespondToAuthChallengeRequest,
        AdminInitiateAuthRequest,
        AdminRespondToAuthChallengeRequest,
        SignUpRequest,
        ConfirmSignUpRequest,
        ResendConfirmationCodeRequest,
        ForgotPasswordRequest,
        ConfirmForgotPasswordRequest,
        ChangePasswordRequest,
        GetUserRequest,
        UpdateUserAttributesRequest,
        DeleteUserAttributesRequest,
        GetUserAttributeVerificationCodeRequest,
        VerifyUserAttributeRequest,
        GlobalSignOutRequest,
        RevokeTokenRequest,
        DeleteUserRequest,
        GetTokensFromRefreshTokenRequest,
        AssociateSoftwareTokenRequest,
        VerifySoftwareTokenRequest,
        SetUserMFAPreferenceRequest,
        AdminSetUserMFAPreferenceRequest,
        ConfirmDeviceRequest,
        ListDevicesRequest,
        GetDeviceRequest,
        ForgetDeviceRequest,
        UpdateDeviceStatusRequest,
        AdminGetUserRequest,
        AdminCreateUserRequest,
        AdminUpdateUserAttributesRequest,
        AdminDeleteUserAttributesRequest,
        AdminDeleteUserRequest,
        AdminConfirmSignUpRequest,
        AdminResetUserPasswordRequest,
        AdminSetUserPasswordRequest,
        AdminEnableUserRequest,
        AdminDisableUserRequest,
        AdminUserGlobalSignOutRequest,
        ListUsersRequest,
        GetGroupRequest,
        ListGroupsRequest,
        CreateGroupRequest,
        UpdateGroupRequest,
        DeleteGroupRequest,
        AdminAddUserToGroupRequest,
        AdminRemoveUserFromGroupRequest,
        AdminListGroupsForUserRequest,
        ListUsersInGroupRequest,
        CreateUserPoolRequest,
        CreateUserPoolClientRequest,
        DeleteUserPoolRequest,
        AdminGetDeviceRequest,
        AdminListDevicesRequest,
        AdminForgetDeviceRequest,
        AdminUpdateDeviceStatusRequest,
        AdminDeleteSoftwareTokenRequest,
        AdminGetUserAuthFactorsRequest,
        AdminSetUserSettingsRequest,
        AdminLinkProviderForUserRequest,
        AdminDisableProviderForUserRequest,
        AdminListUserAuthEventsRequest,
        AdminUpdateAuthEventFeedbackRequest,
        AdminListUserSessionsRequest,
        AdminRevokeUserSessionRequest,
    );
    // Nested shapes, each checked on its own so that its optional members
    // are also seen absent (minimal) at the top.
    shapes!(
        AttributeType,
        CodeDeliveryDetailsType,
        AnalyticsMetadataType,
        UserContextDataType,
        ContextDataType,
        HttpHeader,
        AuthenticationResultType,
        NewDeviceMetadataType,
        MFAOptionType,
        SMSMfaSettingsType,
        SoftwareTokenMfaSettingsType,
        EmailMfaSettingsType,
        WebAuthnMfaSettingsType,
        DeviceType,
        DeviceSecretVerifierConfigType,
        UserType,
        GroupType,
        PasswordPolicyType,
        UserPoolPolicyType,
        StringAttributeConstraintsType,
        NumberAttributeConstraintsType,
        SchemaAttributeType,
        TokenValidityUnitsType,
        UserPoolType,
        UserPoolClientType,
        ProviderUserIdentifierType,
        AuthEventType,
        EventRiskType,
        ChallengeResponseType,
        EventContextDataType,
        EventFeedbackType,
        SessionDescriptionType,
        SessionLocationType,
    );

    assert_eq!(r.operations.len(), 65, "operations covered");
    let unchecked: Vec<_> = r
        .reachable
        .difference(&r.checked)
        .filter(|s| *s != "Empty")
        .collect();
    assert!(
        unchecked.is_empty(),
        "nested structs without their own check: {unchecked:?}"
    );
    assert!(
        r.problems.is_empty(),
        "{} problems:\n{}",
        r.problems.len(),
        r.problems.join("\n")
    );
}

#[test]
fn subsets_name_real_members() {
    let model = model();
    for (shape, keep) in SUBSETS {
        let m = members(&model, shape);
        for member in *keep {
            assert!(
                m.contains_key(*member),
                "SUBSETS: {shape}.{member} is not a model member"
            );
        }
        for req in required(&model, shape) {
            assert!(
                keep.contains(&req.as_str()),
                "SUBSETS: {shape} must keep required {req}"
            );
        }
    }
}

#[test]
fn enums_match_the_model() {
    let model = model();
    let ours: &[(&str, &[&str])] = &[
        ("AuthFlowType", AuthFlowType::VALUES),
        ("ChallengeNameType", ChallengeNameType::VALUES),
        ("DeliveryMediumType", DeliveryMediumType::VALUES),
        ("UserStatusType", UserStatusType::VALUES),
        ("MessageActionType", MessageActionType::VALUES),
        (
            "DeviceRememberedStatusType",
            DeviceRememberedStatusType::VALUES,
        ),
        (
            "VerifySoftwareTokenResponseType",
            VerifySoftwareTokenResponseType::VALUES,
        ),
        ("UserPoolMfaType", UserPoolMfaType::VALUES),
        ("VerifiedAttributeType", VerifiedAttributeType::VALUES),
        ("UsernameAttributeType", UsernameAttributeType::VALUES),
        ("AliasAttributeType", AliasAttributeType::VALUES),
        ("AttributeDataType", AttributeDataType::VALUES),
        ("ExplicitAuthFlowsType", ExplicitAuthFlowsType::VALUES),
        ("TimeUnitsType", TimeUnitsType::VALUES),
        (
            "PreventUserExistenceErrorTypes",
            PreventUserExistenceErrorTypes::VALUES,
        ),
        (
            "RevokeAssociatedSessionsType",
            RevokeAssociatedSessionsType::VALUES,
        ),
        ("AuthFactorType", AuthFactorType::VALUES),
        ("EventType", EventType::VALUES),
        ("EventResponseType", EventResponseType::VALUES),
        ("RiskDecisionType", RiskDecisionType::VALUES),
        ("RiskLevelType", RiskLevelType::VALUES),
        ("ChallengeName", ChallengeName::VALUES),
        ("ChallengeResponse", ChallengeResponse::VALUES),
        ("FeedbackValueType", FeedbackValueType::VALUES),
        ("SessionTypeType", SessionTypeType::VALUES),
    ];
    for (name, values) in ours {
        let wire: Vec<&str> = model["enums"][name]
            .as_array()
            .unwrap_or_else(|| panic!("model enum {name}"))
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(&wire, values, "enum {name}");
    }
    // Every known value parses to a named variant and prints back unchanged.
    for value in ChallengeNameType::VALUES {
        let parsed = ChallengeNameType::from(*value);
        assert!(
            !matches!(parsed, ChallengeNameType::Unknown(_)),
            "{value} is a named variant"
        );
        assert_eq!(parsed.as_str(), *value, "{value} round trip");
    }
    for value in UserStatusType::VALUES {
        assert!(
            !matches!(UserStatusType::from(*value), UserStatusType::Unknown(_)),
            "{value} named"
        );
    }
}

#[test]
fn operation_table_matches_the_model() {
    let model = model();
    let ops = model["operations"].as_object().expect("operations");
    assert_eq!(ops.len(), 153, "model operations");
    assert_eq!(operations::OPERATIONS.len(), ops.len(), "table length");
    let mut unsigned = 0;
    for (name, auth) in operations::OPERATIONS {
        let op = ops
            .get(name)
            .unwrap_or_else(|| panic!("{name} not in the model"));
        let want = if op["auth"] == "unsigned" {
            operations::Auth::Unsigned
        } else {
            operations::Auth::SigV4
        };
        assert_eq!(auth, want, "auth of {name}");
        assert_eq!(
            operations::is_unsigned(name),
            want == operations::Auth::Unsigned,
            "is_unsigned({name})"
        );
        assert!(operations::is_known(name), "is_known({name})");
        unsigned += usize::from(want == operations::Auth::Unsigned);
    }
    assert_eq!(unsigned, 34, "unsigned operations");
    assert_eq!(operations::UNSIGNED_COUNT, 34, "UNSIGNED_COUNT");
    assert!(!operations::is_known("NotAnOperation"), "unknown name");
    assert!(
        !operations::is_unsigned("NotAnOperation"),
        "unknown names are signed"
    );
}

#[test]
fn model_fixture_says_where_it_came_from() {
    let model = model();
    assert_eq!(
        model["source"]["package"], "botocore==1.44.8 (PyPI)",
        "source package"
    );
    assert_eq!(
        model["metadata"]["targetPrefix"], "AWSCognitoIdentityProviderService",
        "targetPrefix"
    );
    assert_eq!(model["metadata"]["jsonVersion"], "1.1", "jsonVersion");
    assert_eq!(
        model["metadata"]["signingName"], "cognito-idp",
        "signingName"
    );
    assert_eq!(
        model["errors"].as_array().map(Vec::len),
        Some(60),
        "error shapes"
    );
}

#[test]
fn typed_values_hide_secrets_in_debug() {
    let mut responses = ChallengeResponses::new();
    responses.insert("PASSWORD_CLAIM_SIGNATURE".into(), "sig-VALUE-1".into());
    let mut req = AdminRespondToAuthChallengeRequest::new(
        "us-east-1_X",
        "client",
        ChallengeNameType::PasswordVerifier,
    );
    req.challenge_responses = Some(responses);
    req.session = Some("session-VALUE-2".into());
    let pw = AdminSetUserPasswordRequest::new("us-east-1_X", "alice", "pw-VALUE-3");
    let debug = format!("{req:?} {pw:?}");
    for secret in ["sig-VALUE-1", "session-VALUE-2", "pw-VALUE-3"] {
        assert!(!debug.contains(secret), "{secret} hidden: {debug}");
    }
    assert!(debug.contains("[redacted]"), "redaction marker shown");
    assert!(
        debug.contains("PASSWORD_CLAIM_SIGNATURE"),
        "map keys stay visible"
    );
}

/// A deserializer that invents a value for everything it is asked for and
/// records each struct's name and serde field names on the way.
mod tracer {
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    use serde::de::value::Error;
    use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
    use serde::forward_to_deserialize_any;

    /// What a trace found.
    #[derive(Default)]
    pub(super) struct Trace {
        /// The first struct asked for: the type's own name.
        pub root: Option<&'static str>,
        /// Every struct reachable, with its field names.
        pub structs: BTreeMap<&'static str, &'static [&'static str]>,
    }

    /// Traces `T`.
    pub(super) fn trace<T: DeserializeOwned>() -> Result<Trace, Error> {
        let cell = RefCell::new(Trace::default());
        T::deserialize(Tracer(&cell))?;
        Ok(cell.into_inner())
    }

    struct Tracer<'a>(&'a RefCell<Trace>);

    impl<'de> de::Deserializer<'de> for Tracer<'_> {
        type Error = Error;

        /// Numbers for anything self-describing (timestamps, JSON values).
        fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_u64(1)
        }
        fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_bool(true)
        }
        fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_i64(1)
        }
        fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_i64(1)
        }
        fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_i64(1)
        }
        fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_i64(1)
        }
        fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_f64(1.0)
        }
        fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_str("x")
        }
        fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_string("x".to_owned())
        }
        fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_some(self)
        }
        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            v: V,
        ) -> Result<V::Value, Error> {
            v.visit_newtype_struct(self)
        }
        fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_seq(One {
                tracer: self.0,
                done: false,
            })
        }
        fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_map(Fields {
                tracer: self.0,
                fields: &["k"],
                next: 0,
            })
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            fields: &'static [&'static str],
            v: V,
        ) -> Result<V::Value, Error> {
            {
                let mut t = self.0.borrow_mut();
                t.root.get_or_insert(name);
                t.structs.insert(name, fields);
            }
            v.visit_map(Fields {
                tracer: self.0,
                fields,
                next: 0,
            })
        }

        forward_to_deserialize_any! {
            i128 u8 u16 u32 u64 u128 f32 char bytes byte_buf unit unit_struct
            tuple tuple_struct enum identifier ignored_any
        }
    }

    /// A sequence of one element.
    struct One<'a> {
        tracer: &'a RefCell<Trace>,
        done: bool,
    }

    impl<'de> de::SeqAccess<'de> for One<'_> {
        type Error = Error;

        fn next_element_seed<S: DeserializeSeed<'de>>(
            &mut self,
            seed: S,
        ) -> Result<Option<S::Value>, Error> {
            if self.done {
                return Ok(None);
            }
            self.done = true;
            seed.deserialize(Tracer(self.tracer)).map(Some)
        }
    }

    /// A map whose keys are the given names.
    struct Fields<'a> {
        tracer: &'a RefCell<Trace>,
        fields: &'static [&'static str],
        next: usize,
    }

    impl<'de> de::MapAccess<'de> for Fields<'_> {
        type Error = Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, Error> {
            match self.fields.get(self.next) {
                None => Ok(None),
                Some(name) => seed.deserialize((*name).into_deserializer()).map(Some),
            }
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
            self.next += 1;
            seed.deserialize(Tracer(self.tracer))
        }
    }
}
