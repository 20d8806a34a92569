//! Account security as an administrator (SigV4-signed): identities from
//! external providers linked to a user, the threat-protection log of sign-in
//! events and its feedback, and a user's sessions.

use serde::{Deserialize, Serialize};
use std::time::SystemTime;

use super::{timestamp, Empty, RevokeAssociatedSessionsType};

model_enum! {
    /// `EventType`: what a logged authentication event was.
    EventType {
        /// `SignIn`.
        SignIn = "SignIn",
        /// `SignUp`.
        SignUp = "SignUp",
        /// `ForgotPassword`.
        ForgotPassword = "ForgotPassword",
        /// `PasswordChange`.
        PasswordChange = "PasswordChange",
        /// `ResendCode`.
        ResendCode = "ResendCode",
    }
}

model_enum! {
    /// `EventResponseType`: how a logged authentication event ended.
    EventResponseType {
        /// `Pass`.
        Pass = "Pass",
        /// `Fail`.
        Fail = "Fail",
        /// `InProgress`.
        InProgress = "InProgress",
    }
}

model_enum! {
    /// `RiskDecisionType`: what threat protection did about an event.
    RiskDecisionType {
        /// `NoRisk`: nothing.
        NoRisk = "NoRisk",
        /// `AccountTakeover`: the pool's configured automatic response.
        AccountTakeover = "AccountTakeover",
        /// `Block`: the attempt was refused.
        Block = "Block",
    }
}

model_enum! {
    /// `RiskLevelType`: the risk threat protection assessed.
    RiskLevelType {
        /// `Low`.
        Low = "Low",
        /// `Medium`.
        Medium = "Medium",
        /// `High`.
        High = "High",
    }
}

model_enum! {
    /// `ChallengeName`: a challenge of a logged authentication event.
    ChallengeName {
        /// `Password`.
        Password = "Password",
        /// `Mfa`.
        Mfa = "Mfa",
    }
}

model_enum! {
    /// `ChallengeResponse`: how the user answered a logged challenge.
    ChallengeResponse {
        /// `Success`.
        Success = "Success",
        /// `Failure`.
        Failure = "Failure",
    }
}

model_enum! {
    /// `FeedbackValueType`: whether an event was the real user.
    ///
    /// Defaults to `Valid`, the model's first value, so that the request
    /// that requires one has a `Default`; say which you mean.
    #[derive(Default)]
    FeedbackValueType {
        /// `Valid`: the user's own attempt, safer than rated.
        #[default]
        Valid = "Valid",
        /// `Invalid`: not the user, riskier than rated.
        Invalid = "Invalid",
    }
}

model_enum! {
    /// `SessionTypeType`: the kind of a user's session.
    SessionTypeType {
        /// `TOKEN`: a session of refresh and access tokens.
        Token = "TOKEN",
        /// `SSO`: a session with the pool's managed login.
        Sso = "SSO",
    }
}

/// `ProviderUserIdentifierType`: a user as an identity provider knows it:
/// the provider's name, the attribute that identifies the user and its
/// value.
///
/// For a user of the pool itself the provider is `Cognito`; for a social
/// provider the attribute is `Cognito_Subject` and the value the provider's
/// subject (`sub`, `id` or `user_id`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProviderUserIdentifierType {
    /// The provider's name in the pool: `Cognito`, `Facebook`, `Google`,
    /// `LoginWithAmazon`, `SignInWithApple`, or a SAML or OIDC provider's.
    #[serde(
        rename = "ProviderName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub provider_name: Option<String>,
    /// The attribute that identifies the user, such as `Cognito_Subject`
    /// or `NameID`.
    #[serde(
        rename = "ProviderAttributeName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub provider_attribute_name: Option<String>,
    /// The attribute's value: the username of a pool user, the subject of
    /// an external one.
    #[serde(
        rename = "ProviderAttributeValue",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub provider_attribute_value: Option<String>,
}

impl ProviderUserIdentifierType {
    /// A value with all three members.
    pub fn new(
        provider_name: impl Into<String>,
        provider_attribute_name: impl Into<String>,
        provider_attribute_value: impl Into<String>,
    ) -> Self {
        Self {
            provider_name: Some(provider_name.into()),
            provider_attribute_name: Some(provider_attribute_name.into()),
            provider_attribute_value: Some(provider_attribute_value.into()),
        }
    }

    /// A user of the pool itself, by username (`ProviderName` `Cognito`),
    /// as AdminLinkProviderForUser's `DestinationUser`, which ignores the
    /// attribute name.
    pub fn cognito_user(username: impl Into<String>) -> Self {
        Self {
            provider_name: Some("Cognito".to_owned()),
            provider_attribute_name: None,
            provider_attribute_value: Some(username.into()),
        }
    }

    /// A user of an external provider by its subject
    /// (`ProviderAttributeName` `Cognito_Subject`), the form social
    /// providers require.
    pub fn subject(provider_name: impl Into<String>, subject: impl Into<String>) -> Self {
        Self::new(provider_name, "Cognito_Subject", subject)
    }
}

/// `AdminLinkProviderForUserRequest`: link an external provider's identity
/// (the source) to an existing user (the destination), who can then sign
/// in through that provider.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminLinkProviderForUserRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The existing user, normally
    /// [`ProviderUserIdentifierType::cognito_user`].
    #[serde(rename = "DestinationUser")]
    pub destination_user: ProviderUserIdentifierType,
    /// The external identity, not yet a user of the pool.
    #[serde(rename = "SourceUser")]
    pub source_user: ProviderUserIdentifierType,
}

impl AdminLinkProviderForUserRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        destination_user: ProviderUserIdentifierType,
        source_user: ProviderUserIdentifierType,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            destination_user,
            source_user,
        }
    }
}

/// `AdminDisableProviderForUserRequest`: stop a user signing in through an
/// external provider, removing the link AdminLinkProviderForUser made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminDisableProviderForUserRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The linked identity, as it was linked (or `Cognito_Subject` with the
    /// subject once the user has signed in through it).
    #[serde(rename = "User")]
    pub user: ProviderUserIdentifierType,
}

impl AdminDisableProviderForUserRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>, user: ProviderUserIdentifierType) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            user,
        }
    }
}

/// `EventRiskType`: threat protection's assessment of an event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventRiskType {
    /// What threat protection did.
    #[serde(
        rename = "RiskDecision",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub risk_decision: Option<RiskDecisionType>,
    /// The risk it assessed.
    #[serde(rename = "RiskLevel", default, skip_serializing_if = "Option::is_none")]
    pub risk_level: Option<RiskLevelType>,
    /// Whether the credentials were found among leaked ones.
    #[serde(
        rename = "CompromisedCredentialsDetected",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub compromised_credentials_detected: Option<bool>,
}

/// `ChallengeResponseType`: one challenge of an event and how it was
/// answered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChallengeResponseType {
    /// The challenge.
    #[serde(
        rename = "ChallengeName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub challenge_name: Option<ChallengeName>,
    /// The outcome.
    #[serde(
        rename = "ChallengeResponse",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub challenge_response: Option<ChallengeResponse>,
}

/// `EventContextDataType`: where an event came from, from the context data
/// the app sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventContextDataType {
    /// The user's source IP address.
    #[serde(rename = "IpAddress", default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// The user's device name.
    #[serde(
        rename = "DeviceName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub device_name: Option<String>,
    /// The user's time zone.
    #[serde(rename = "Timezone", default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The user's city.
    #[serde(rename = "City", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The user's country.
    #[serde(rename = "Country", default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// `EventFeedbackType`: feedback given on an event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventFeedbackType {
    /// Whether the event was the real user.
    #[serde(rename = "FeedbackValue", default)]
    pub feedback_value: FeedbackValueType,
    /// Who gave it, e.g. `Admin` from the console.
    #[serde(rename = "Provider", default)]
    pub provider: String,
    /// When it was given.
    #[serde(
        rename = "FeedbackDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub feedback_date: Option<SystemTime>,
}

/// `AuthEventType`: one authentication event threat protection logged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthEventType {
    /// The event id, to give feedback on.
    #[serde(rename = "EventId", default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// What the event was.
    #[serde(rename = "EventType", default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<EventType>,
    /// When it happened.
    #[serde(
        rename = "CreationDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<SystemTime>,
    /// How it ended.
    #[serde(
        rename = "EventResponse",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_response: Option<EventResponseType>,
    /// The risk assessment.
    #[serde(rename = "EventRisk", default, skip_serializing_if = "Option::is_none")]
    pub event_risk: Option<EventRiskType>,
    /// The challenges asked and their outcomes.
    #[serde(
        rename = "ChallengeResponses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub challenge_responses: Option<Vec<ChallengeResponseType>>,
    /// Where the request came from.
    #[serde(
        rename = "EventContextData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_context_data: Option<EventContextDataType>,
    /// Feedback given on the event.
    #[serde(
        rename = "EventFeedback",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_feedback: Option<EventFeedbackType>,
}

/// `AdminListUserAuthEventsRequest`: one page of a user's logged
/// authentication events (threat protection must be on).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminListUserAuthEventsRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username (or an alias).
    #[serde(rename = "Username")]
    pub username: String,
    /// Page size, at most 60 (also when 0 or absent).
    #[serde(
        rename = "MaxResults",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_results: Option<i32>,
    /// The previous page's `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl AdminListUserAuthEventsRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            ..Self::default()
        }
    }
}

/// `AdminListUserAuthEventsResponse`: a page of events, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminListUserAuthEventsResponse {
    /// The events.
    #[serde(
        rename = "AuthEvents",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub auth_events: Option<Vec<AuthEventType>>,
    /// Token for the next page; absent on the last one.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `AdminUpdateAuthEventFeedbackRequest`: say whether a logged event was the
/// real user, to train threat protection.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminUpdateAuthEventFeedbackRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username (or an alias).
    #[serde(rename = "Username")]
    pub username: String,
    /// The event's `EventId`.
    #[serde(rename = "EventId")]
    pub event_id: String,
    /// The feedback.
    #[serde(rename = "FeedbackValue")]
    pub feedback_value: FeedbackValueType,
}

impl AdminUpdateAuthEventFeedbackRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        username: impl Into<String>,
        event_id: impl Into<String>,
        feedback_value: FeedbackValueType,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            event_id: event_id.into(),
            feedback_value,
        }
    }
}

/// `SessionLocationType`: where a session was last used, from its IP
/// address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionLocationType {
    /// The city, when known.
    #[serde(rename = "City", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The country's name in English (not a code), or `unknown`.
    #[serde(rename = "Country", default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// `SessionDescriptionType`: one active session of a user.
///
/// The model marks `LastIPAddress` sensitive; it stays a plain string here,
/// like the `last_ip_used` device attribute: it is not a credential.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionDescriptionType {
    /// The session id: `tkn` or `sso` and 25 more characters; pass it to
    /// AdminRevokeUserSession.
    #[serde(rename = "SessionId", default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// A token session or an SSO session.
    #[serde(
        rename = "SessionType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub session_type: Option<SessionTypeType>,
    /// The app client the session belongs to.
    #[serde(rename = "ClientId", default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// When the session started.
    #[serde(
        rename = "CreateDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub create_date: Option<SystemTime>,
    /// When the session was last used.
    #[serde(
        rename = "LastActiveDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_active_date: Option<SystemTime>,
    /// The device last used, from its user agent, or `unknown`.
    #[serde(
        rename = "DeviceType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub device_type: Option<String>,
    /// The IP address last used.
    #[serde(
        rename = "LastIPAddress",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_ip_address: Option<String>,
    /// Where the session was last used.
    #[serde(
        rename = "LastLocation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub last_location: Option<SessionLocationType>,
    /// For a token session, the SSO session it came through.
    #[serde(
        rename = "OriginSessionId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub origin_session_id: Option<String>,
    /// Whether this is the caller's session; always false for
    /// AdminListUserSessions.
    #[serde(
        rename = "IsCurrentSession",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub is_current_session: Option<bool>,
}

/// `AdminListUserSessionsRequest`: a user's active sessions (Cognito
/// returns up to 125 in one page).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminListUserSessionsRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username (or an alias).
    #[serde(rename = "Username")]
    pub username: String,
    /// The previous page's `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl AdminListUserSessionsRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            ..Self::default()
        }
    }
}

/// `AdminListUserSessionsResponse`: the sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminListUserSessionsResponse {
    /// The sessions.
    #[serde(rename = "Sessions", default, skip_serializing_if = "Option::is_none")]
    pub sessions: Option<Vec<SessionDescriptionType>>,
    /// Token for the next page; absent on the last one.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `AdminRevokeUserSessionRequest`: revoke one session of a user (its
/// refresh and access tokens), as an administrator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminRevokeUserSessionRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username (or an alias).
    #[serde(rename = "Username")]
    pub username: String,
    /// The session's `SessionId`.
    #[serde(rename = "SessionId")]
    pub session_id: String,
    /// `LINKED` also revokes the linked sessions; `NONE`, the default, only
    /// this one.
    #[serde(
        rename = "RevokeAssociatedSessions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revoke_associated_sessions: Option<RevokeAssociatedSessionsType>,
}

impl AdminRevokeUserSessionRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        username: impl Into<String>,
        session_id: impl Into<String>,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            session_id: session_id.into(),
            ..Self::default()
        }
    }
}

operation! {
    AdminLinkProviderForUserRequest => "AdminLinkProviderForUser", Empty;
    AdminDisableProviderForUserRequest => "AdminDisableProviderForUser", Empty;
    AdminListUserAuthEventsRequest => "AdminListUserAuthEvents", AdminListUserAuthEventsResponse;
    AdminUpdateAuthEventFeedbackRequest => "AdminUpdateAuthEventFeedback", Empty;
    AdminListUserSessionsRequest => "AdminListUserSessions", AdminListUserSessionsResponse;
    AdminRevokeUserSessionRequest => "AdminRevokeUserSession", Empty;
}
