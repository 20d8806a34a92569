//! Sign-up, confirmation and password recovery (client-side, unsigned).

use serde::{Deserialize, Serialize};

use super::{
    AnalyticsMetadataType, AttributeType, ClientMetadata, CodeDeliveryDetailsType, Empty,
    UserContextDataType,
};
use crate::SecretString;

/// `SignUpRequest`: register a new user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SignUpRequest {
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
    /// SECRET_HASH over the username, when the client has a secret.
    #[serde(
        rename = "SecretHash",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub secret_hash: Option<SecretString>,
    /// The username (or email/phone in pools that sign in with those).
    #[serde(rename = "Username")]
    pub username: String,
    /// The password; optional only for passwordless pools.
    #[serde(rename = "Password", default, skip_serializing_if = "Option::is_none")]
    pub password: Option<SecretString>,
    /// The user's attributes.
    #[serde(
        rename = "UserAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_attributes: Option<Vec<AttributeType>>,
    /// Temporary data for the pre-sign-up Lambda trigger.
    #[serde(
        rename = "ValidationData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub validation_data: Option<Vec<AttributeType>>,
    /// Pinpoint analytics metadata.
    #[serde(
        rename = "AnalyticsMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub analytics_metadata: Option<AnalyticsMetadataType>,
    /// Threat-protection context data.
    #[serde(
        rename = "UserContextData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_context_data: Option<UserContextDataType>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

impl SignUpRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(client_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            username: username.into(),
            ..Self::default()
        }
    }
}

/// `SignUpResponse`: whether the user is confirmed and where the code went.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SignUpResponse {
    /// Whether the user is already confirmed (e.g. by a Lambda trigger).
    #[serde(rename = "UserConfirmed", default)]
    pub user_confirmed: bool,
    /// Where the confirmation code was sent.
    #[serde(
        rename = "CodeDeliveryDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code_delivery_details: Option<CodeDeliveryDetailsType>,
    /// The new user's `sub`.
    #[serde(rename = "UserSub", default)]
    pub user_sub: String,
    /// Session to pass to ConfirmSignUp.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
}

/// `ConfirmSignUpRequest`: confirm a registration with the code sent to the user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConfirmSignUpRequest {
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
    /// SECRET_HASH over the username, when the client has a secret.
    #[serde(
        rename = "SecretHash",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub secret_hash: Option<SecretString>,
    /// The username.
    #[serde(rename = "Username")]
    pub username: String,
    /// The confirmation code.
    #[serde(rename = "ConfirmationCode")]
    pub confirmation_code: SecretString,
    /// Move an alias (email/phone) from another user to this one.
    #[serde(
        rename = "ForceAliasCreation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub force_alias_creation: Option<bool>,
    /// Pinpoint analytics metadata.
    #[serde(
        rename = "AnalyticsMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub analytics_metadata: Option<AnalyticsMetadataType>,
    /// Threat-protection context data.
    #[serde(
        rename = "UserContextData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_context_data: Option<UserContextDataType>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
    /// The session from SignUp.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
}

impl ConfirmSignUpRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        client_id: impl Into<String>,
        username: impl Into<String>,
        confirmation_code: impl Into<SecretString>,
    ) -> Self {
        Self {
            client_id: client_id.into(),
            username: username.into(),
            confirmation_code: confirmation_code.into(),
            ..Self::default()
        }
    }
}

/// `ConfirmSignUpResponse`: a session for signing in with USER_AUTH right away.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConfirmSignUpResponse {
    /// Session to pass to InitiateAuth.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
}

/// `ResendConfirmationCodeRequest`: send the sign-up confirmation code again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResendConfirmationCodeRequest {
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
    /// SECRET_HASH over the username, when the client has a secret.
    #[serde(
        rename = "SecretHash",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub secret_hash: Option<SecretString>,
    /// Threat-protection context data.
    #[serde(
        rename = "UserContextData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_context_data: Option<UserContextDataType>,
    /// The username.
    #[serde(rename = "Username")]
    pub username: String,
    /// Pinpoint analytics metadata.
    #[serde(
        rename = "AnalyticsMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub analytics_metadata: Option<AnalyticsMetadataType>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

impl ResendConfirmationCodeRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(client_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            username: username.into(),
            ..Self::default()
        }
    }
}

/// `ResendConfirmationCodeResponse`: where the code went.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResendConfirmationCodeResponse {
    /// Where the code was sent.
    #[serde(
        rename = "CodeDeliveryDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code_delivery_details: Option<CodeDeliveryDetailsType>,
}

/// `ForgotPasswordRequest`: send a password-reset code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ForgotPasswordRequest {
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
    /// SECRET_HASH over the username, when the client has a secret.
    #[serde(
        rename = "SecretHash",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub secret_hash: Option<SecretString>,
    /// Threat-protection context data.
    #[serde(
        rename = "UserContextData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_context_data: Option<UserContextDataType>,
    /// The username.
    #[serde(rename = "Username")]
    pub username: String,
    /// Pinpoint analytics metadata.
    #[serde(
        rename = "AnalyticsMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub analytics_metadata: Option<AnalyticsMetadataType>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

impl ForgotPasswordRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(client_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            username: username.into(),
            ..Self::default()
        }
    }
}

/// `ForgotPasswordResponse`: where the code went.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ForgotPasswordResponse {
    /// Where the code was sent.
    #[serde(
        rename = "CodeDeliveryDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code_delivery_details: Option<CodeDeliveryDetailsType>,
}

/// `ConfirmForgotPasswordRequest`: set a new password with the reset code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConfirmForgotPasswordRequest {
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
    /// SECRET_HASH over the username, when the client has a secret.
    #[serde(
        rename = "SecretHash",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub secret_hash: Option<SecretString>,
    /// The username.
    #[serde(rename = "Username")]
    pub username: String,
    /// The code from ForgotPassword.
    #[serde(rename = "ConfirmationCode")]
    pub confirmation_code: SecretString,
    /// The new password.
    #[serde(rename = "Password")]
    pub password: SecretString,
    /// Pinpoint analytics metadata.
    #[serde(
        rename = "AnalyticsMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub analytics_metadata: Option<AnalyticsMetadataType>,
    /// Threat-protection context data.
    #[serde(
        rename = "UserContextData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_context_data: Option<UserContextDataType>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

impl ConfirmForgotPasswordRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        client_id: impl Into<String>,
        username: impl Into<String>,
        confirmation_code: impl Into<SecretString>,
        password: impl Into<SecretString>,
    ) -> Self {
        Self {
            client_id: client_id.into(),
            username: username.into(),
            confirmation_code: confirmation_code.into(),
            password: password.into(),
            ..Self::default()
        }
    }
}

operation! {
    SignUpRequest => "SignUp", SignUpResponse;
    ConfirmSignUpRequest => "ConfirmSignUp", ConfirmSignUpResponse;
    ResendConfirmationCodeRequest => "ResendConfirmationCode", ResendConfirmationCodeResponse;
    ForgotPasswordRequest => "ForgotPassword", ForgotPasswordResponse;
    ConfirmForgotPasswordRequest => "ConfirmForgotPassword", Empty;
}
