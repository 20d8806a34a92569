//! Administration of users (SigV4-signed): read, create, update, delete,
//! confirm, reset, enable/disable, sign out, list.

use serde::{Deserialize, Serialize};
use std::time::SystemTime;

use super::{timestamp, AttributeType, ClientMetadata, DeliveryMediumType, Empty, MFAOptionType};
use crate::SecretString;

model_enum! {
    /// `UserStatusType`: where a user is in its lifecycle.
    UserStatusType {
        /// `UNCONFIRMED`: signed up, not confirmed yet.
        Unconfirmed = "UNCONFIRMED",
        /// `CONFIRMED`: confirmed.
        Confirmed = "CONFIRMED",
        /// `ARCHIVED`: no longer used.
        Archived = "ARCHIVED",
        /// `COMPROMISED`: no longer used.
        Compromised = "COMPROMISED",
        /// `UNKNOWN`: no longer used (not the `Unknown` fallback).
        UnknownStatus = "UNKNOWN",
        /// `RESET_REQUIRED`: must reset the password before signing in.
        ResetRequired = "RESET_REQUIRED",
        /// `FORCE_CHANGE_PASSWORD`: created by an administrator; must set a new password.
        ForceChangePassword = "FORCE_CHANGE_PASSWORD",
        /// `EXTERNAL_PROVIDER`: signed in through a third-party identity provider.
        ExternalProvider = "EXTERNAL_PROVIDER",
    }
}

model_enum! {
    /// `MessageActionType`: what AdminCreateUser does about the invitation message.
    MessageActionType {
        /// `RESEND`: send the invitation again to an existing user.
        Resend = "RESEND",
        /// `SUPPRESS`: send no message.
        Suppress = "SUPPRESS",
    }
}

/// `UserType`: a user as listed or created by an administrator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserType {
    /// The username.
    #[serde(rename = "Username", default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The user's attributes.
    #[serde(
        rename = "Attributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes: Option<Vec<AttributeType>>,
    /// When the user was created.
    #[serde(
        rename = "UserCreateDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_create_date: Option<SystemTime>,
    /// When the user last changed.
    #[serde(
        rename = "UserLastModifiedDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_last_modified_date: Option<SystemTime>,
    /// Whether the user may sign in.
    #[serde(rename = "Enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The user's status.
    #[serde(
        rename = "UserStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_status: Option<UserStatusType>,
    /// Legacy SMS MFA settings.
    #[serde(
        rename = "MFAOptions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub mfa_options: Option<Vec<MFAOptionType>>,
}

/// `AdminGetUserRequest`: read a user by username or alias.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminGetUserRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
}

impl AdminGetUserRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
        }
    }
}

/// `AdminGetUserResponse`: the user's attributes, status and MFA settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminGetUserResponse {
    /// The username.
    #[serde(rename = "Username", default)]
    pub username: String,
    /// The user's attributes.
    #[serde(
        rename = "UserAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_attributes: Option<Vec<AttributeType>>,
    /// When the user was created.
    #[serde(
        rename = "UserCreateDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_create_date: Option<SystemTime>,
    /// When the user last changed.
    #[serde(
        rename = "UserLastModifiedDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_last_modified_date: Option<SystemTime>,
    /// Whether the user may sign in.
    #[serde(rename = "Enabled", default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The user's status.
    #[serde(
        rename = "UserStatus",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_status: Option<UserStatusType>,
    /// Legacy SMS MFA settings.
    #[serde(
        rename = "MFAOptions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub mfa_options: Option<Vec<MFAOptionType>>,
    /// The preferred MFA method.
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

/// `AdminCreateUserRequest`: create a user, normally with a temporary password.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminCreateUserRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username.
    #[serde(rename = "Username")]
    pub username: String,
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
    /// The temporary password; Cognito generates one when absent.
    #[serde(
        rename = "TemporaryPassword",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub temporary_password: Option<SecretString>,
    /// Move an alias (email/phone) from another user to this one.
    #[serde(
        rename = "ForceAliasCreation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub force_alias_creation: Option<bool>,
    /// Resend or suppress the invitation message.
    #[serde(
        rename = "MessageAction",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_action: Option<MessageActionType>,
    /// Where to send the invitation: `SMS`, `EMAIL` or both.
    #[serde(
        rename = "DesiredDeliveryMediums",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub desired_delivery_mediums: Option<Vec<DeliveryMediumType>>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

impl AdminCreateUserRequest {
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

/// `AdminCreateUserResponse`: the new user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminCreateUserResponse {
    /// The new user.
    #[serde(rename = "User", default, skip_serializing_if = "Option::is_none")]
    pub user: Option<UserType>,
}

/// `AdminUpdateUserAttributesRequest`: set a user's attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminUpdateUserAttributesRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
    /// The attributes to set.
    #[serde(rename = "UserAttributes")]
    pub user_attributes: Vec<AttributeType>,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

impl AdminUpdateUserAttributesRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        username: impl Into<String>,
        user_attributes: impl IntoIterator<Item = AttributeType>,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            user_attributes: user_attributes.into_iter().collect(),
            ..Self::default()
        }
    }
}

/// `AdminDeleteUserAttributesRequest`: remove attributes from a user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminDeleteUserAttributesRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
    /// Names of the attributes to remove.
    #[serde(rename = "UserAttributeNames")]
    pub user_attribute_names: Vec<String>,
}

impl AdminDeleteUserAttributesRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        username: impl Into<String>,
        user_attribute_names: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            user_attribute_names: user_attribute_names.into_iter().map(Into::into).collect(),
        }
    }
}

/// `AdminDeleteUserRequest`: delete a user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminDeleteUserRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
}

impl AdminDeleteUserRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
        }
    }
}

/// `AdminConfirmSignUpRequest`: confirm a user without a code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminConfirmSignUpRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

impl AdminConfirmSignUpRequest {
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

/// `AdminResetUserPasswordRequest`: force a password reset (sends a code).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminResetUserPasswordRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
    /// Values for Lambda triggers.
    #[serde(
        rename = "ClientMetadata",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_metadata: Option<ClientMetadata>,
}

impl AdminResetUserPasswordRequest {
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

/// `AdminSetUserPasswordRequest`: set a user's password, temporary or permanent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminSetUserPasswordRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
    /// The new password.
    #[serde(rename = "Password")]
    pub password: SecretString,
    /// True for a permanent password; otherwise the user must change it.
    #[serde(rename = "Permanent", default, skip_serializing_if = "Option::is_none")]
    pub permanent: Option<bool>,
}

impl AdminSetUserPasswordRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<SecretString>,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            password: password.into(),
            ..Self::default()
        }
    }
}

/// `AdminEnableUserRequest`: allow a disabled user to sign in again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminEnableUserRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
}

impl AdminEnableUserRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
        }
    }
}

/// `AdminDisableUserRequest`: stop a user from signing in and revoke its tokens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminDisableUserRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
}

impl AdminDisableUserRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
        }
    }
}

/// `AdminUserGlobalSignOutRequest`: revoke all of a user's tokens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminUserGlobalSignOutRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
}

impl AdminUserGlobalSignOutRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>, username: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
        }
    }
}

/// `ListUsersRequest`: one page of users, optionally filtered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListUsersRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// Attributes to return for each user; all when absent.
    #[serde(
        rename = "AttributesToGet",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attributes_to_get: Option<Vec<String>>,
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
    /// A filter such as `email ^= "alice"`.
    #[serde(rename = "Filter", default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
}

impl ListUsersRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            ..Self::default()
        }
    }
}

/// `ListUsersResponse`: a page of users.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListUsersResponse {
    /// The users; a page may be empty while a token is still returned.
    #[serde(rename = "Users", default, skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<UserType>>,
    /// Token for the next page; absent on the last one.
    #[serde(
        rename = "PaginationToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub pagination_token: Option<String>,
}

operation! {
    AdminGetUserRequest => "AdminGetUser", AdminGetUserResponse;
    AdminCreateUserRequest => "AdminCreateUser", AdminCreateUserResponse;
    AdminUpdateUserAttributesRequest => "AdminUpdateUserAttributes", Empty;
    AdminDeleteUserAttributesRequest => "AdminDeleteUserAttributes", Empty;
    AdminDeleteUserRequest => "AdminDeleteUser", Empty;
    AdminConfirmSignUpRequest => "AdminConfirmSignUp", Empty;
    AdminResetUserPasswordRequest => "AdminResetUserPassword", Empty;
    AdminSetUserPasswordRequest => "AdminSetUserPassword", Empty;
    AdminEnableUserRequest => "AdminEnableUser", Empty;
    AdminDisableUserRequest => "AdminDisableUser", Empty;
    AdminUserGlobalSignOutRequest => "AdminUserGlobalSignOut", Empty;
    ListUsersRequest => "ListUsers", ListUsersResponse;
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn admin_get_user_as_moto_sends_it() {
        let body = r#"{"Username":"alice","UserAttributes":[{"Name":"sub","Value":"0f6c"},
            {"Name":"email","Value":"alice@example.com"}],"UserCreateDate":1795663533.321,
            "UserLastModifiedDate":1795663533.321,"Enabled":true,"UserStatus":"FORCE_CHANGE_PASSWORD",
            "MFAOptions":[],"PreferredMfaSetting":"","UserMFASettingList":[]}"#;
        let user: AdminGetUserResponse = serde_json::from_str(body).unwrap();
        assert_eq!(user.username, "alice", "username");
        assert_eq!(
            user.user_status,
            Some(UserStatusType::ForceChangePassword),
            "status"
        );
        assert_eq!(
            user.user_create_date,
            Some(UNIX_EPOCH + Duration::from_millis(1_795_663_533_321)),
            "float date"
        );
        assert_eq!(user.mfa_options, Some(vec![]), "empty MFAOptions");
        assert_eq!(user.user_attributes.unwrap().len(), 2, "attributes");
    }

    #[test]
    fn admin_get_user_as_cognito_local_sends_it() {
        let body = r#"{"Username":"bob","UserAttributes":[],"UserCreateDate":1700000000,
            "UserLastModifiedDate":1700000001,"Enabled":false,"UserStatus":"CONFIRMED"}"#;
        let user: AdminGetUserResponse = serde_json::from_str(body).unwrap();
        assert_eq!(
            user.user_last_modified_date,
            Some(UNIX_EPOCH + Duration::from_secs(1_700_000_001)),
            "int date"
        );
        assert_eq!(user.enabled, Some(false), "disabled");
        assert_eq!(user.mfa_options, None, "MFAOptions absent");
    }

    #[test]
    fn list_users_request_skips_absent_members() {
        let req = ListUsersRequest {
            user_pool_id: "us-east-1_X".into(),
            filter: Some(r#"email ^= "al""#.into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            serde_json::json!({"UserPoolId": "us-east-1_X", "Filter": "email ^= \"al\""}),
            "no nulls"
        );
    }
}
