//! User self-service with an access token (unsigned): profile, attributes,
//! password change, sign-out, deletion.

use serde::{Deserialize, Serialize};

use super::{AttributeType, ClientMetadata, CodeDeliveryDetailsType, DeliveryMediumType, Empty};
use crate::SecretString;

/// `MFAOptionType`: a legacy SMS MFA setting (prefer the MFA preference operations).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
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

impl ChangePasswordRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        proposed_password: impl Into<SecretString>,
        access_token: impl Into<SecretString>,
    ) -> Self {
        Self {
            proposed_password: proposed_password.into(),
            access_token: access_token.into(),
            ..Self::default()
        }
    }
}

/// `GetUserRequest`: read the signed-in user's profile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GetUserRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
}

impl GetUserRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(access_token: impl Into<SecretString>) -> Self {
        Self {
            access_token: access_token.into(),
        }
    }
}

/// `GetUserResponse`: the user's name, attributes and MFA settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
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

impl UpdateUserAttributesRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_attributes: impl IntoIterator<Item = AttributeType>,
        access_token: impl Into<SecretString>,
    ) -> Self {
        Self {
            user_attributes: user_attributes.into_iter().collect(),
            access_token: access_token.into(),
            ..Self::default()
        }
    }
}

/// `UpdateUserAttributesResponse`: where verification codes went, if any.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
pub struct DeleteUserAttributesRequest {
    /// Names of the attributes to remove (`custom:` prefix for custom ones).
    #[serde(rename = "UserAttributeNames")]
    pub user_attribute_names: Vec<String>,
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
}

impl DeleteUserAttributesRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_attribute_names: impl IntoIterator<Item = impl Into<String>>,
        access_token: impl Into<SecretString>,
    ) -> Self {
        Self {
            user_attribute_names: user_attribute_names.into_iter().map(Into::into).collect(),
            access_token: access_token.into(),
        }
    }
}

/// `GetUserAttributeVerificationCodeRequest`: send a code to verify an attribute.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl GetUserAttributeVerificationCodeRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(access_token: impl Into<SecretString>, attribute_name: impl Into<String>) -> Self {
        Self {
            access_token: access_token.into(),
            attribute_name: attribute_name.into(),
            ..Self::default()
        }
    }
}

/// `GetUserAttributeVerificationCodeResponse`: where the code went.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
#[non_exhaustive]
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

impl VerifyUserAttributeRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        access_token: impl Into<SecretString>,
        attribute_name: impl Into<String>,
        code: impl Into<SecretString>,
    ) -> Self {
        Self {
            access_token: access_token.into(),
            attribute_name: attribute_name.into(),
            code: code.into(),
        }
    }
}

/// `GlobalSignOutRequest`: revoke all of the signed-in user's tokens.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GlobalSignOutRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
}

impl GlobalSignOutRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(access_token: impl Into<SecretString>) -> Self {
        Self {
            access_token: access_token.into(),
        }
    }
}

/// `DeleteUserRequest`: delete the signed-in user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeleteUserRequest {
    /// The user's access token.
    #[serde(rename = "AccessToken")]
    pub access_token: SecretString,
}

impl DeleteUserRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(access_token: impl Into<SecretString>) -> Self {
        Self {
            access_token: access_token.into(),
        }
    }
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
