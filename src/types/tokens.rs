//! Tokens: the result of a sign-in, refresh with rotation
//! (GetTokensFromRefreshToken), and revocation (RevokeToken).

use serde::{Deserialize, Serialize};

use super::{ClientMetadata, Empty};
use crate::SecretString;

model_enum! {
    /// `RevokeAssociatedSessionsType`: what else RevokeToken revokes.
    RevokeAssociatedSessionsType {
        /// `NONE`: only the token session of the refresh token.
        None = "NONE",
        /// `LINKED`: also the SSO session it came through.
        Linked = "LINKED",
    }
}

/// `AuthenticationResultType`: the tokens of a successful sign-in or refresh.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthenticationResultType {
    /// The access token.
    #[serde(
        rename = "AccessToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub access_token: Option<SecretString>,
    /// Lifetime of the access token in seconds (cognito-local omits it).
    #[serde(rename = "ExpiresIn", default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<i32>,
    /// Token type, normally `Bearer` (cognito-local omits it).
    #[serde(rename = "TokenType", default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    /// The refresh token; refresh flows normally return none.
    #[serde(
        rename = "RefreshToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub refresh_token: Option<SecretString>,
    /// The ID token.
    #[serde(rename = "IdToken", default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<SecretString>,
    /// A new device to confirm with ConfirmDevice (device tracking).
    #[serde(
        rename = "NewDeviceMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub new_device_metadata: Option<NewDeviceMetadataType>,
}

/// `NewDeviceMetadataType`: the key and group key of a newly seen device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewDeviceMetadataType {
    /// Device key.
    #[serde(rename = "DeviceKey", default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
    /// Device group key.
    #[serde(
        rename = "DeviceGroupKey",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub device_group_key: Option<String>,
}

/// `GetTokensFromRefreshTokenRequest`: new tokens from a refresh token, with
/// refresh-token rotation when the client has it (unsigned).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GetTokensFromRefreshTokenRequest {
    /// The refresh token.
    #[serde(rename = "RefreshToken")]
    pub refresh_token: SecretString,
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
    /// The raw client secret (not a SECRET_HASH), when the client has one.
    #[serde(
        rename = "ClientSecret",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_secret: Option<SecretString>,
    /// The remembered device's key, when device tracking is on.
    #[serde(rename = "DeviceKey", default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

impl GetTokensFromRefreshTokenRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(refresh_token: impl Into<SecretString>, client_id: impl Into<String>) -> Self {
        Self {
            refresh_token: refresh_token.into(),
            client_id: client_id.into(),
            ..Self::default()
        }
    }
}

/// `GetTokensFromRefreshTokenResponse`: the new tokens.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GetTokensFromRefreshTokenResponse {
    /// The tokens; a new refresh token when rotation is on.
    #[serde(
        rename = "AuthenticationResult",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub authentication_result: Option<AuthenticationResultType>,
}

/// `RevokeTokenRequest`: revoke a refresh token and its access tokens (unsigned).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RevokeTokenRequest {
    /// The refresh token to revoke.
    #[serde(rename = "Token")]
    pub token: SecretString,
    /// The app client id.
    #[serde(rename = "ClientId")]
    pub client_id: String,
    /// The raw client secret (not a SECRET_HASH), when the client has one.
    #[serde(
        rename = "ClientSecret",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_secret: Option<SecretString>,
    /// Whether to also revoke the linked SSO session (`NONE` by default).
    #[serde(
        rename = "RevokeAssociatedSessions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revoke_associated_sessions: Option<RevokeAssociatedSessionsType>,
}

impl RevokeTokenRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(token: impl Into<SecretString>, client_id: impl Into<String>) -> Self {
        Self {
            token: token.into(),
            client_id: client_id.into(),
            ..Self::default()
        }
    }
}

operation! {
    GetTokensFromRefreshTokenRequest => "GetTokensFromRefreshToken", GetTokensFromRefreshTokenResponse;
    RevokeTokenRequest => "RevokeToken", Empty;
}
