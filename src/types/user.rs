//! User self-service with an access token (unsigned): profile, attributes,
//! password change, sign-out, deletion.

use serde::{Deserialize, Serialize};

use super::{AttributeType, ClientMetadata, CodeDeliveryDetailsType, DeliveryMediumType, Empty};
use crate::SecretString;

/// `MFAOptionType`: a legacy SMS MFA setting (prefer the MFA preference operations).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MFAOptionType {
    /// Delivery medium; only `SMS` is valid.
    #[serde(
        rename = "DeliveryMedium",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delivery_medium: Option<DeliveryMediumType>,
    /// The attribute the code goes to; only `phone_number` is valid.
    #[serde(
        rename = "AttributeName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attribute_name: Option<String>,
}

/// `ChangePasswordRequest`: change the signed-in user's password.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangePasswordRequest {
    /// The current password; optional only for users without one.
    #[serde(
        rename = "PreviousPassword",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub previous_password: Option<SecretString>,
    /// The new password.
    #[serde(rename = "ProposedPassword")]
    pub proposed_password: SecretString,
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
}

/// `GetUserRequest`: read the signed-in user's profile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GetUserRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
}

/// `GetUserResponse`: the user's name, attributes and MFA settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetUserResponse {
    /// The username (a UUID in pools that sign in with email or phone).
    #[serde(rename = "Username", default)]
    pub username: String,
    /// The user's attributes.
    #[serde(rename = "UserAttributes", default)]
    pub user_attributes: Vec<AttributeType>,
    /// Legacy SMS MFA settings.
    #[serde(
        rename = "MFAOptions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub mfa_options: Option<Vec<MFAOptionType>>,
    /// The preferred MFA method, e.g. `SOFTWARE_TOKEN_MFA`.
    #[serde(
        rename = "PreferredMfaSetting",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub preferred_mfa_setting: Option<String>,
    /// The MFA methods the user has on.
    #[serde(
        rename = "UserMFASettingList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_mfa_setting_list: Option<Vec<String>>,
}

/// `UpdateUserAttributesRequest`: change the signed-in user's attributes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateUserAttributesRequest {
    /// The attributes to set.
    #[serde(rename = "UserAttributes")]
    pub user_attributes: Vec<AttributeType>,
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

/// `UpdateUserAttributesResponse`: where verification codes went, if any.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateUserAttributesResponse {
    /// One entry per attribute that needs verification.
    #[serde(
        rename = "CodeDeliveryDetailsList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code_delivery_details_list: Option<Vec<CodeDeliveryDetailsType>>,
}

/// `DeleteUserAttributesRequest`: remove attributes from the signed-in user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteUserAttributesRequest {
    /// Names of the attributes to remove (`custom:` prefix for custom ones).
    #[serde(rename = "UserAttributeNames")]
    pub user_attribute_names: Vec<String>,
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
}

/// `GetUserAttributeVerificationCodeRequest`: send a code to verify an attribute.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GetUserAttributeVerificationCodeRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
    /// The attribute to verify, e.g. `email`.
    #[serde(rename = "AttributeName")]
    pub attribute_name: String,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

/// `GetUserAttributeVerificationCodeResponse`: where the code went.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GetUserAttributeVerificationCodeResponse {
    /// Where the code was sent.
    #[serde(
        rename = "CodeDeliveryDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code_delivery_details: Option<CodeDeliveryDetailsType>,
}

/// `VerifyUserAttributeRequest`: verify an attribute with its code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VerifyUserAttributeRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
    /// The attribute being verified, e.g. `email`.
    #[serde(rename = "AttributeName")]
    pub attribute_name: String,
    /// The verification code.
    #[serde(rename = "Code")]
    pub code: SecretString,
}

/// `GlobalSignOutRequest`: revoke all of the signed-in user's tokens.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GlobalSignOutRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
}

/// `DeleteUserRequest`: delete the signed-in user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteUserRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
}

operation! {
    ChangePasswordRequest => "ChangePassword", Empty;
    GetUserRequest => "GetUser", GetUserResponse;
    UpdateUserAttributesRequest => "UpdateUserAttributes", UpdateUserAttributesResponse;
    DeleteUserAttributesRequest => "DeleteUserAttributes", Empty;
    GetUserAttributeVerificationCodeRequest => "GetUserAttributeVerificationCode", GetUserAttributeVerificationCodeResponse;
    VerifyUserAttributeRequest => "VerifyUserAttribute", Empty;
    GlobalSignOutRequest => "GlobalSignOut", Empty;
    DeleteUserRequest => "DeleteUser", Empty;
}
