//! Remembered devices: the user's own (unsigned, with the access token)
//! and any user's as an administrator (SigV4-signed).

use serde::{Deserialize, Serialize};
use std::time::SystemTime;

use super::{timestamp, AttributeType, Empty};
use crate::SecretString;

model_enum! {
    /// `DeviceRememberedStatusType`: whether a device is remembered.
    DeviceRememberedStatusType {
        /// `remembered`.
        Remembered = "remembered",
        /// `not_remembered`.
        NotRemembered = "not_remembered",
    }
}

/// `DeviceType`: a device a user signed in from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeviceType {
    /// Device key.
    #[serde(rename = "DeviceKey", default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
    /// Device attributes such as `device_name` and `last_ip_used`.
    #[serde(
        rename = "DeviceAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub device_attributes: Option<Vec<AttributeType>>,
    /// When the device was first seen.
    #[serde(
        rename = "DeviceCreateDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub device_create_date: Option<SystemTime>,
    /// When the device record last changed.
    #[serde(
        rename = "DeviceLastModifiedDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub device_last_modified_date: Option<SystemTime>,
    /// When the user last signed in from the device.
    #[serde(
        rename = "DeviceLastAuthenticatedDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub device_last_authenticated_date: Option<SystemTime>,
}

/// `DeviceSecretVerifierConfigType`: the device's SRP verifier and salt, base64.
///
/// `Debug` hides the verifier: with the salt it lets the device password be
/// guessed offline.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeviceSecretVerifierConfigType {
    /// The SRP password verifier, base64.
    #[serde(
        rename = "PasswordVerifier",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub password_verifier: Option<String>,
    /// The SRP salt, base64.
    #[serde(rename = "Salt", default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
}

impl std::fmt::Debug for DeviceSecretVerifierConfigType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceSecretVerifierConfigType")
            .field(
                "password_verifier",
                &self
                    .password_verifier
                    .as_ref()
                    .map(|_| SecretString::default()),
            )
            .field("salt", &self.salt)
            .finish()
    }
}

/// `ConfirmDeviceRequest`: register a new device's verifier to remember it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConfirmDeviceRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
    /// The device key from `NewDeviceMetadata`.
    #[serde(rename = "DeviceKey")]
    pub device_key: String,
    /// The device's SRP verifier and salt.
    #[serde(
        rename = "DeviceSecretVerifierConfig",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub device_secret_verifier_config: Option<DeviceSecretVerifierConfigType>,
    /// A name for the device.
    #[serde(
        rename = "DeviceName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub device_name: Option<String>,
}

impl ConfirmDeviceRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(access_token: impl Into<SecretString>, device_key: impl Into<String>) -> Self {
        Self {
            access_token: access_token.into(),
            device_key: device_key.into(),
            ..Self::default()
        }
    }
}

/// `ConfirmDeviceResponse`: whether the user must still choose to remember it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConfirmDeviceResponse {
    /// True when the pool asks the user whether to remember the device.
    #[serde(
        rename = "UserConfirmationNecessary",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_confirmation_necessary: Option<bool>,
}

/// `ListDevicesRequest`: one page of the signed-in user's devices.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListDevicesRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
    /// Page size, at most 60.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
    /// The previous page's `PaginationToken`.
    #[serde(
        rename = "PaginationToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pagination_token: Option<String>,
}

impl ListDevicesRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(access_token: impl Into<SecretString>) -> Self {
        Self {
            access_token: access_token.into(),
            ..Self::default()
        }
    }
}

/// `ListDevicesResponse`: a page of devices.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListDevicesResponse {
    /// The devices.
    #[serde(rename = "Devices", default, skip_serializing_if = "Option::is_none")]
    pub devices: Option<Vec<DeviceType>>,
    /// Token for the next page; absent on the last one.
    #[serde(
        rename = "PaginationToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pagination_token: Option<String>,
}

/// `GetDeviceRequest`: one device of the signed-in user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GetDeviceRequest {
    /// The device key.
    #[serde(rename = "DeviceKey")]
    pub device_key: String,
    /// The user's access token.
    #[serde(
        rename = "AccessToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub access_token: Option<SecretString>,
}

impl GetDeviceRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(device_key: impl Into<String>) -> Self {
        Self {
            device_key: device_key.into(),
            ..Self::default()
        }
    }
}

/// `GetDeviceResponse`: the device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GetDeviceResponse {
    /// The device.
    #[serde(rename = "Device", default)]
    pub device: DeviceType,
}

/// `ForgetDeviceRequest`: forget one of the signed-in user's devices.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ForgetDeviceRequest {
    /// The user's access token.
    #[serde(
        rename = "AccessToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub access_token: Option<SecretString>,
    /// The device key.
    #[serde(rename = "DeviceKey")]
    pub device_key: String,
}

impl ForgetDeviceRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(device_key: impl Into<String>) -> Self {
        Self {
            device_key: device_key.into(),
            ..Self::default()
        }
    }
}

/// `UpdateDeviceStatusRequest`: mark a device remembered or not.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdateDeviceStatusRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
    /// The device key.
    #[serde(rename = "DeviceKey")]
    pub device_key: String,
    /// The new status.
    #[serde(
        rename = "DeviceRememberedStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub device_remembered_status: Option<DeviceRememberedStatusType>,
}

impl UpdateDeviceStatusRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(access_token: impl Into<SecretString>, device_key: impl Into<String>) -> Self {
        Self {
            access_token: access_token.into(),
            device_key: device_key.into(),
            ..Self::default()
        }
    }
}

operation! {
    ConfirmDeviceRequest => "ConfirmDevice", ConfirmDeviceResponse;
    ListDevicesRequest => "ListDevices", ListDevicesResponse;
    GetDeviceRequest => "GetDevice", GetDeviceResponse;
    ForgetDeviceRequest => "ForgetDevice", Empty;
    UpdateDeviceStatusRequest => "UpdateDeviceStatus", Empty;
}

/// `AdminGetDeviceRequest`: one device of a user, as an administrator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminGetDeviceRequest {
    /// The device key.
    #[serde(rename = "DeviceKey")]
    pub device_key: String,
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username (or an alias).
    #[serde(rename = "Username")]
    pub username: String,
}

impl AdminGetDeviceRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        device_key: impl Into<String>,
        user_pool_id: impl Into<String>,
        username: impl Into<String>,
    ) -> Self {
        Self {
            device_key: device_key.into(),
            user_pool_id: user_pool_id.into(),
            username: username.into(),
        }
    }
}

/// `AdminGetDeviceResponse`: the device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminGetDeviceResponse {
    /// The device.
    #[serde(rename = "Device", default)]
    pub device: DeviceType,
}

/// `AdminListDevicesRequest`: one page of a user's devices, as an
/// administrator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminListDevicesRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username (or an alias).
    #[serde(rename = "Username")]
    pub username: String,
    /// Page size, at most 60.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
    /// The previous page's `PaginationToken`.
    #[serde(
        rename = "PaginationToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pagination_token: Option<String>,
}

impl AdminListDevicesRequest {
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

/// `AdminListDevicesResponse`: a page of devices.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminListDevicesResponse {
    /// The devices.
    #[serde(rename = "Devices", default, skip_serializing_if = "Option::is_none")]
    pub devices: Option<Vec<DeviceType>>,
    /// Token for the next page; absent on the last one.
    #[serde(
        rename = "PaginationToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pagination_token: Option<String>,
}

/// `AdminForgetDeviceRequest`: forget a user's device, as an administrator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminForgetDeviceRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username (or an alias).
    #[serde(rename = "Username")]
    pub username: String,
    /// The device key.
    #[serde(rename = "DeviceKey")]
    pub device_key: String,
}

impl AdminForgetDeviceRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        username: impl Into<String>,
        device_key: impl Into<String>,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            device_key: device_key.into(),
        }
    }
}

/// `AdminUpdateDeviceStatusRequest`: mark a user's device remembered or not,
/// as an administrator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminUpdateDeviceStatusRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username (or an alias).
    #[serde(rename = "Username")]
    pub username: String,
    /// The device key.
    #[serde(rename = "DeviceKey")]
    pub device_key: String,
    /// The new status.
    #[serde(
        rename = "DeviceRememberedStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub device_remembered_status: Option<DeviceRememberedStatusType>,
}

impl AdminUpdateDeviceStatusRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        username: impl Into<String>,
        device_key: impl Into<String>,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            device_key: device_key.into(),
            ..Self::default()
        }
    }
}

operation! {
    AdminGetDeviceRequest => "AdminGetDevice", AdminGetDeviceResponse;
    AdminListDevicesRequest => "AdminListDevices", AdminListDevicesResponse;
    AdminForgetDeviceRequest => "AdminForgetDevice", Empty;
    AdminUpdateDeviceStatusRequest => "AdminUpdateDeviceStatus", Empty;
}
