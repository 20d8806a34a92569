//! MFA settings: TOTP enrolment and MFA preferences.

use serde::{Deserialize, Serialize};

use super::Empty;
use crate::SecretString;

model_enum! {
    /// `VerifySoftwareTokenResponseType`: the outcome of VerifySoftwareToken.
    VerifySoftwareTokenResponseType {
        /// `SUCCESS`.
        Success = "SUCCESS",
        /// `ERROR`.
        Error = "ERROR",
    }
}

/// `AssociateSoftwareTokenRequest`: start TOTP enrolment, with an access
/// token or with the Session of an MFA_SETUP challenge.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssociateSoftwareTokenRequest {
    /// The user's access token.
    #[serde(
        rename = "AccessToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub access_token: Option<SecretString>,
    /// The session of an MFA_SETUP challenge.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
}

impl AssociateSoftwareTokenRequest {
    /// A request with every member `None`: the model requires none. The
    /// same as `default()`, for symmetry with the other requests.
    pub fn new() -> Self {
        Self::default()
    }
}

/// `AssociateSoftwareTokenResponse`: the TOTP secret to load into an authenticator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssociateSoftwareTokenResponse {
    /// The TOTP secret, base32.
    #[serde(
        rename = "SecretCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub secret_code: Option<SecretString>,
    /// The session to continue the MFA_SETUP challenge with.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
}

/// `VerifySoftwareTokenRequest`: finish TOTP enrolment with a first code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerifySoftwareTokenRequest {
    /// The user's access token.
    #[serde(
        rename = "AccessToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub access_token: Option<SecretString>,
    /// The session from AssociateSoftwareToken (MFA_SETUP).
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
    /// The six-digit TOTP code.
    #[serde(rename = "UserCode")]
    pub user_code: SecretString,
    /// A name for the authenticator.
    #[serde(
        rename = "FriendlyDeviceName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub friendly_device_name: Option<String>,
}

impl VerifySoftwareTokenRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_code: impl Into<SecretString>) -> Self {
        Self {
            user_code: user_code.into(),
            ..Self::default()
        }
    }
}

/// `VerifySoftwareTokenResponse`: the outcome, and a session for MFA_SETUP.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerifySoftwareTokenResponse {
    /// `SUCCESS` or `ERROR`.
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<VerifySoftwareTokenResponseType>,
    /// The session to answer the MFA_SETUP challenge with.
    #[serde(rename = "Session", default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SecretString>,
}

/// `SMSMfaSettingsType`: whether SMS MFA is on and preferred.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SMSMfaSettingsType {
    /// Whether SMS MFA is on.
    #[serde(rename = "Enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Whether SMS MFA is the preferred method.
    #[serde(
        rename = "PreferredMfa",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub preferred_mfa: Option<bool>,
}

/// `SoftwareTokenMfaSettingsType`: whether TOTP MFA is on and preferred.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SoftwareTokenMfaSettingsType {
    /// Whether TOTP MFA is on.
    #[serde(rename = "Enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Whether TOTP MFA is the preferred method.
    #[serde(
        rename = "PreferredMfa",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub preferred_mfa: Option<bool>,
}

/// `EmailMfaSettingsType`: whether email MFA is on and preferred (Essentials tier).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailMfaSettingsType {
    /// Whether email MFA is on.
    #[serde(rename = "Enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Whether email MFA is the preferred method.
    #[serde(
        rename = "PreferredMfa",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub preferred_mfa: Option<bool>,
}

/// `WebAuthnMfaSettingsType`: whether passkeys count as MFA for this user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebAuthnMfaSettingsType {
    /// Whether WebAuthn MFA is on.
    #[serde(rename = "Enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// `SetUserMFAPreferenceRequest`: set the signed-in user's MFA methods.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SetUserMFAPreferenceRequest {
    /// SMS MFA setting.
    #[serde(
        rename = "SMSMfaSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sms_mfa_settings: Option<SMSMfaSettingsType>,
    /// TOTP MFA setting.
    #[serde(
        rename = "SoftwareTokenMfaSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub software_token_mfa_settings: Option<SoftwareTokenMfaSettingsType>,
    /// Email MFA setting.
    #[serde(
        rename = "EmailMfaSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub email_mfa_settings: Option<EmailMfaSettingsType>,
    /// WebAuthn MFA setting.
    #[serde(
        rename = "WebAuthnMfaSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub web_authn_mfa_settings: Option<WebAuthnMfaSettingsType>,
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
}

impl SetUserMFAPreferenceRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(access_token: impl Into<SecretString>) -> Self {
        Self {
            access_token: access_token.into(),
            ..Self::default()
        }
    }
}

/// `AdminSetUserMFAPreferenceRequest`: set a user's MFA methods as an administrator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminSetUserMFAPreferenceRequest {
    /// SMS MFA setting.
    #[serde(
        rename = "SMSMfaSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub sms_mfa_settings: Option<SMSMfaSettingsType>,
    /// TOTP MFA setting.
    #[serde(
        rename = "SoftwareTokenMfaSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub software_token_mfa_settings: Option<SoftwareTokenMfaSettingsType>,
    /// Email MFA setting.
    #[serde(
        rename = "EmailMfaSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub email_mfa_settings: Option<EmailMfaSettingsType>,
    /// WebAuthn MFA setting.
    #[serde(
        rename = "WebAuthnMfaSettings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub web_authn_mfa_settings: Option<WebAuthnMfaSettingsType>,
    /// The username.
    #[serde(rename = "Username")]
    pub username: String,
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
}

impl AdminSetUserMFAPreferenceRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(username: impl Into<String>, user_pool_id: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            user_pool_id: user_pool_id.into(),
            ..Self::default()
        }
    }
}

operation! {
    AssociateSoftwareTokenRequest => "AssociateSoftwareToken", AssociateSoftwareTokenResponse;
    VerifySoftwareTokenRequest => "VerifySoftwareToken", VerifySoftwareTokenResponse;
    SetUserMFAPreferenceRequest => "SetUserMFAPreference", Empty;
    AdminSetUserMFAPreferenceRequest => "AdminSetUserMFAPreference", Empty;
}
