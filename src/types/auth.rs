//! Sign-in: InitiateAuth, RespondToAuthChallenge and their admin twins.
//! All four answer with the same members: [`InitiateAuthResponse`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    AnalyticsMetadataType, AuthenticationResultType, ChallengeParameters, ClientMetadata,
    ContextDataType, UserContextDataType,
};
use crate::SecretString;

/// `AuthParametersType`: the inputs of an auth flow (`USERNAME`, `SRP_A`,
/// `SECRET_HASH`, `DEVICE_KEY`…). Every value is a string on the wire and kept
/// secret here.
pub type AuthParameters = BTreeMap<String, SecretString>;

/// `ChallengeResponsesType`: the answers to a challenge (`USERNAME`,
/// `PASSWORD_CLAIM_SIGNATURE`, `SMS_MFA_CODE`…). Values are secret strings.
pub type ChallengeResponses = BTreeMap<String, SecretString>;

model_enum! {
    /// `AuthFlowType`: the authentication flow to start.
    ///
    /// Defaults to `USER_SRP_AUTH`, the flow this crate signs in with.
    #[derive(Default)]
    AuthFlowType {
        /// `USER_SRP_AUTH`: username and SRP password verification.
        #[default]
        UserSrpAuth = "USER_SRP_AUTH",
        /// `REFRESH_TOKEN_AUTH`: new tokens from a refresh token.
        RefreshTokenAuth = "REFRESH_TOKEN_AUTH",
        /// `REFRESH_TOKEN`: alias of `REFRESH_TOKEN_AUTH`.
        RefreshToken = "REFRESH_TOKEN",
        /// `CUSTOM_AUTH`: Lambda-driven custom challenges.
        CustomAuth = "CUSTOM_AUTH",
        /// `ADMIN_NO_SRP_AUTH`: legacy server-side password flow.
        AdminNoSrpAuth = "ADMIN_NO_SRP_AUTH",
        /// `USER_PASSWORD_AUTH`: client-side password sent directly.
        UserPasswordAuth = "USER_PASSWORD_AUTH",
        /// `ADMIN_USER_PASSWORD_AUTH`: server-side password flow (AdminInitiateAuth).
        AdminUserPasswordAuth = "ADMIN_USER_PASSWORD_AUTH",
        /// `USER_AUTH`: choice-based sign-in (passwords, OTPs, WebAuthn).
        UserAuth = "USER_AUTH",
    }
}

model_enum! {
    /// `ChallengeNameType`: a challenge the user must answer next.
    ///
    /// Defaults to `PASSWORD_VERIFIER`, the first challenge of the default
    /// flow (`USER_SRP_AUTH`).
    #[derive(Default)]
    ChallengeNameType {
        /// `SMS_MFA`: a code sent by SMS.
        SmsMfa = "SMS_MFA",
        /// `EMAIL_OTP`: a code sent by email.
        EmailOtp = "EMAIL_OTP",
        /// `SOFTWARE_TOKEN_MFA`: a TOTP code.
        SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA",
        /// `SELECT_MFA_TYPE`: choose among the MFA types in `MFAS_CAN_CHOOSE`.
        SelectMfaType = "SELECT_MFA_TYPE",
        /// `MFA_SETUP`: the user must set up MFA first.
        MfaSetup = "MFA_SETUP",
        /// `PASSWORD_VERIFIER`: the SRP password proof.
        #[default]
        PasswordVerifier = "PASSWORD_VERIFIER",
        /// `CUSTOM_CHALLENGE`: a Lambda-defined challenge.
        CustomChallenge = "CUSTOM_CHALLENGE",
        /// `SELECT_CHALLENGE`: choose among `AvailableChallenges` (USER_AUTH).
        SelectChallenge = "SELECT_CHALLENGE",
        /// `DEVICE_SRP_AUTH`: start SRP for a remembered device.
        DeviceSrpAuth = "DEVICE_SRP_AUTH",
        /// `DEVICE_PASSWORD_VERIFIER`: the device's SRP proof.
        DevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER",
        /// `ADMIN_NO_SRP_AUTH`: legacy admin password challenge.
        AdminNoSrpAuth = "ADMIN_NO_SRP_AUTH",
        /// `NEW_PASSWORD_REQUIRED`: the user must set a new password.
        NewPasswordRequired = "NEW_PASSWORD_REQUIRED",
        /// `SMS_OTP`: passwordless SMS code (USER_AUTH).
        SmsOtp = "SMS_OTP",
        /// `PASSWORD`: plain password (USER_AUTH).
        Password = "PASSWORD",
        /// `WEB_AUTHN`: a passkey assertion (USER_AUTH).
        WebAuthn = "WEB_AUTHN",
        /// `PASSWORD_SRP`: SRP password (USER_AUTH).
        PasswordSrp = "PASSWORD_SRP",
    }
}

/// `InitiateAuthRequest`: start a sign-in from the client side (unsigned).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InitiateAuthRequest {
    /// The flow to start.
    #[serde(rename = "AuthFlow")]
    pub auth_flow: AuthFlowType,
    /// The flow's parameters (`USERNAME`, `SRP_A`, `SECRET_HASH`…).
    #[serde(
        rename = "AuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub auth_parameters: Option<AuthParameters>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
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
    /// The session from ConfirmSignUp, to sign in with USER_AUTH right after sign-up.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
}

impl InitiateAuthRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(auth_flow: AuthFlowType, client_id: impl Into<String>) -> Self {
        Self {
            auth_flow,
            client_id: client_id.into(),
            ..Self::default()
        }
    }
}

/// `AdminInitiateAuthRequest`: start a sign-in from a server (SigV4-signed).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminInitiateAuthRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
    /// The flow to start.
    #[serde(rename = "AuthFlow")]
    pub auth_flow: AuthFlowType,
    /// The flow's parameters (`USERNAME`, `PASSWORD`, `SECRET_HASH`…).
    #[serde(
        rename = "AuthParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub auth_parameters: Option<AuthParameters>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
    /// Pinpoint analytics metadata.
    #[serde(
        rename = "AnalyticsMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub analytics_metadata: Option<AnalyticsMetadataType>,
    /// Server-collected threat-protection context data.
    #[serde(
        rename = "ContextData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context_data: Option<ContextDataType>,
    /// The session from ConfirmSignUp, to sign in with USER_AUTH right after sign-up.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
}

impl AdminInitiateAuthRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        client_id: impl Into<String>,
        auth_flow: AuthFlowType,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            client_id: client_id.into(),
            auth_flow,
            ..Self::default()
        }
    }
}

/// `RespondToAuthChallengeRequest`: answer a challenge (unsigned).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RespondToAuthChallengeRequest {
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
    /// The challenge being answered.
    #[serde(rename = "ChallengeName")]
    pub challenge_name: ChallengeNameType,
    /// The session from the previous step, unchanged.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
    /// The answers (`USERNAME`, `SECRET_HASH`, and the challenge's own keys).
    #[serde(
        rename = "ChallengeResponses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub challenge_responses: Option<ChallengeResponses>,
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

impl RespondToAuthChallengeRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(client_id: impl Into<String>, challenge_name: ChallengeNameType) -> Self {
        Self {
            client_id: client_id.into(),
            challenge_name,
            ..Self::default()
        }
    }
}

/// `AdminRespondToAuthChallengeRequest`: answer a challenge from a server (SigV4-signed).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminRespondToAuthChallengeRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
    /// The challenge being answered.
    #[serde(rename = "ChallengeName")]
    pub challenge_name: ChallengeNameType,
    /// The answers (`USERNAME`, `SECRET_HASH`, and the challenge's own keys).
    #[serde(
        rename = "ChallengeResponses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub challenge_responses: Option<ChallengeResponses>,
    /// The session from the previous step, unchanged.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
    /// Pinpoint analytics metadata.
    #[serde(
        rename = "AnalyticsMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub analytics_metadata: Option<AnalyticsMetadataType>,
    /// Server-collected threat-protection context data.
    #[serde(
        rename = "ContextData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context_data: Option<ContextDataType>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

impl AdminRespondToAuthChallengeRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        client_id: impl Into<String>,
        challenge_name: ChallengeNameType,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            client_id: client_id.into(),
            challenge_name,
            ..Self::default()
        }
    }
}

/// `InitiateAuthResponse`: the next challenge, or the tokens. The other three
/// sign-in operations answer with the same members.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InitiateAuthResponse {
    /// The next challenge; absent on success.
    #[serde(
        rename = "ChallengeName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub challenge_name: Option<ChallengeNameType>,
    /// Session to send back unchanged with the answer.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
    /// The challenge's parameters (`SRP_B`, `SALT`, `MFAS_CAN_CHOOSE`…).
    #[serde(
        rename = "ChallengeParameters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub challenge_parameters: Option<ChallengeParameters>,
    /// The tokens, when no further challenge is needed.
    #[serde(
        rename = "AuthenticationResult",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub authentication_result: Option<AuthenticationResultType>,
    /// The challenges the user may pick from (USER_AUTH).
    #[serde(
        rename = "AvailableChallenges",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub available_challenges: Option<Vec<ChallengeNameType>>,
}

/// `AdminInitiateAuthResponse`: same members as [`InitiateAuthResponse`].
pub type AdminInitiateAuthResponse = InitiateAuthResponse;
/// `RespondToAuthChallengeResponse`: same members as [`InitiateAuthResponse`].
pub type RespondToAuthChallengeResponse = InitiateAuthResponse;
/// `AdminRespondToAuthChallengeResponse`: same members as [`InitiateAuthResponse`].
pub type AdminRespondToAuthChallengeResponse = InitiateAuthResponse;

operation! {
    InitiateAuthRequest => "InitiateAuth", InitiateAuthResponse;
    AdminInitiateAuthRequest => "AdminInitiateAuth", AdminInitiateAuthResponse;
    RespondToAuthChallengeRequest => "RespondToAuthChallenge", RespondToAuthChallengeResponse;
    AdminRespondToAuthChallengeRequest => "AdminRespondToAuthChallenge", AdminRespondToAuthChallengeResponse;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initiate_auth_request_wire_form() {
        let mut params = AuthParameters::new();
        params.insert("USERNAME".into(), "alice".into());
        params.insert("PASSWORD".into(), "Passw0rd!".into());
        let req = InitiateAuthRequest {
            auth_parameters: Some(params),
            ..InitiateAuthRequest::new(AuthFlowType::UserPasswordAuth, "client1")
        };
        let json = serde_json::to_value(&req).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "AuthFlow": "USER_PASSWORD_AUTH",
                "ClientId": "client1",
                "AuthParameters": {"PASSWORD": "Passw0rd!", "USERNAME": "alice"}
            }),
            "wire form, no nulls"
        );
        let debug = format!("{req:?}");
        assert!(
            !debug.contains("Passw0rd!"),
            "password redacted in Debug: {debug}"
        );
    }

    #[test]
    fn auth_response_tokens_redacted_and_optional_members() {
        let body = r#"{"AuthenticationResult":{"AccessToken":"acc.tok.en","IdToken":"id.tok.en",
            "RefreshToken":"refresh-token","NewDeviceMetadata":{"DeviceKey":"k","DeviceGroupKey":"g"}},
            "ChallengeParameters":{},"Extra":true}"#;
        let resp: InitiateAuthResponse = serde_json::from_str(body).unwrap();
        let result = resp.authentication_result.clone().unwrap();
        assert_eq!(
            result.access_token.unwrap().expose_secret(),
            "acc.tok.en",
            "access token"
        );
        assert_eq!(
            result.expires_in, None,
            "ExpiresIn optional (cognito-local)"
        );
        assert_eq!(
            result.token_type, None,
            "TokenType optional (cognito-local)"
        );
        let debug = format!("{resp:?}");
        for secret in ["acc.tok.en", "id.tok.en", "refresh-token"] {
            assert!(
                !debug.contains(secret),
                "{secret} redacted in Debug: {debug}"
            );
        }
    }

    #[test]
    fn unknown_challenge_name_is_kept() {
        let resp: InitiateAuthResponse =
            serde_json::from_str(r#"{"ChallengeName":"EMAIL_MFA","Session":"s"}"#).unwrap();
        assert_eq!(
            resp.challenge_name,
            Some(ChallengeNameType::Unknown("EMAIL_MFA".into())),
            "unknown challenge kept verbatim"
        );
    }
}
