//! User pools (SigV4-signed), for test set-up: CreateUserPool (a useful
//! subset of its members) and DeleteUserPool. Members left out here can still
//! be sent through the raw call.

use serde::{Deserialize, Serialize};
use std::time::SystemTime;

use super::{timestamp, Empty};

model_enum! {
    /// `UserPoolMfaType`: the pool's MFA requirement.
    UserPoolMfaType {
        /// `OFF`.
        Off = "OFF",
        /// `ON`: required for every user.
        On = "ON",
        /// `OPTIONAL`: per user.
        Optional = "OPTIONAL",
    }
}

model_enum! {
    /// `VerifiedAttributeType`: an attribute Cognito verifies automatically.
    VerifiedAttributeType {
        /// `phone_number`.
        PhoneNumber = "phone_number",
        /// `email`.
        Email = "email",
    }
}

model_enum! {
    /// `UsernameAttributeType`: an attribute users sign in with instead of a username.
    UsernameAttributeType {
        /// `phone_number`.
        PhoneNumber = "phone_number",
        /// `email`.
        Email = "email",
    }
}

model_enum! {
    /// `AliasAttributeType`: an attribute usable as an alias of the username.
    AliasAttributeType {
        /// `phone_number`.
        PhoneNumber = "phone_number",
        /// `email`.
        Email = "email",
        /// `preferred_username`.
        PreferredUsername = "preferred_username",
    }
}

model_enum! {
    /// `AttributeDataType`: the type of a schema attribute.
    AttributeDataType {
        /// `String`.
        String = "String",
        /// `Number`.
        Number = "Number",
        /// `DateTime`.
        DateTime = "DateTime",
        /// `Boolean`.
        Boolean = "Boolean",
    }
}

/// `PasswordPolicyType`: the pool's password rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PasswordPolicyType {
    /// Minimum length.
    #[serde(
        rename = "MinimumLength",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub minimum_length: Option<i32>,
    /// Require an upper-case letter.
    #[serde(
        rename = "RequireUppercase",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub require_uppercase: Option<bool>,
    /// Require a lower-case letter.
    #[serde(
        rename = "RequireLowercase",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub require_lowercase: Option<bool>,
    /// Require a digit.
    #[serde(
        rename = "RequireNumbers",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub require_numbers: Option<bool>,
    /// Require a symbol.
    #[serde(
        rename = "RequireSymbols",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub require_symbols: Option<bool>,
    /// How many previous passwords may not be reused (Plus tier).
    #[serde(
        rename = "PasswordHistorySize",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub password_history_size: Option<i32>,
    /// Days an administrator-set temporary password stays valid.
    #[serde(
        rename = "TemporaryPasswordValidityDays",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub temporary_password_validity_days: Option<i32>,
}

/// `UserPoolPolicyType`: the pool's policies (subset: the password policy).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserPoolPolicyType {
    /// The password policy.
    #[serde(
        rename = "PasswordPolicy",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub password_policy: Option<PasswordPolicyType>,
}

/// `StringAttributeConstraintsType`: length limits of a string attribute.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StringAttributeConstraintsType {
    /// Minimum length, as a decimal string.
    #[serde(rename = "MinLength", default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<String>,
    /// Maximum length, as a decimal string.
    #[serde(rename = "MaxLength", default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<String>,
}

/// `NumberAttributeConstraintsType`: range of a number attribute.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NumberAttributeConstraintsType {
    /// Minimum value, as a decimal string.
    #[serde(rename = "MinValue", default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<String>,
    /// Maximum value, as a decimal string.
    #[serde(rename = "MaxValue", default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<String>,
}

/// `SchemaAttributeType`: a standard or custom attribute of the pool's schema.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SchemaAttributeType {
    /// Attribute name, without `custom:` when creating a custom one.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Data type.
    #[serde(
        rename = "AttributeDataType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attribute_data_type: Option<AttributeDataType>,
    /// Legacy: only administrators may write it.
    #[serde(
        rename = "DeveloperOnlyAttribute",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub developer_only_attribute: Option<bool>,
    /// Whether it can change after creation.
    #[serde(rename = "Mutable", default, skip_serializing_if = "Option::is_none")]
    pub mutable: Option<bool>,
    /// Whether every user must have it (standard attributes only).
    #[serde(rename = "Required", default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Limits of a number attribute.
    #[serde(
        rename = "NumberAttributeConstraints",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub number_attribute_constraints: Option<NumberAttributeConstraintsType>,
    /// Limits of a string attribute.
    #[serde(
        rename = "StringAttributeConstraints",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub string_attribute_constraints: Option<StringAttributeConstraintsType>,
}

/// `CreateUserPoolRequest`: create a user pool (subset of the members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateUserPoolRequest {
    /// The pool's name.
    #[serde(rename = "PoolName")]
    pub pool_name: String,
    /// Password policy.
    #[serde(rename = "Policies", default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<UserPoolPolicyType>,
    /// Attributes verified automatically on sign-up.
    #[serde(
        rename = "AutoVerifiedAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub auto_verified_attributes: Option<Vec<VerifiedAttributeType>>,
    /// Aliases users may sign in with.
    #[serde(
        rename = "AliasAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub alias_attributes: Option<Vec<AliasAttributeType>>,
    /// Attributes users sign in with instead of a username.
    #[serde(
        rename = "UsernameAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub username_attributes: Option<Vec<UsernameAttributeType>>,
    /// MFA requirement.
    #[serde(
        rename = "MfaConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub mfa_configuration: Option<UserPoolMfaType>,
    /// Standard and custom attributes.
    #[serde(rename = "Schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Vec<SchemaAttributeType>>,
}

impl CreateUserPoolRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(pool_name: impl Into<String>) -> Self {
        Self {
            pool_name: pool_name.into(),
            ..Self::default()
        }
    }
}

/// `UserPoolType`: a user pool (subset of the members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserPoolType {
    /// The pool id, e.g. `us-east-1_AbC123xyz`.
    #[serde(rename = "Id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The pool's name.
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The pool's ARN.
    #[serde(rename = "Arn", default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// Password policy.
    #[serde(rename = "Policies", default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<UserPoolPolicyType>,
    /// Attributes verified automatically.
    #[serde(
        rename = "AutoVerifiedAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub auto_verified_attributes: Option<Vec<VerifiedAttributeType>>,
    /// Aliases users may sign in with.
    #[serde(
        rename = "AliasAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub alias_attributes: Option<Vec<AliasAttributeType>>,
    /// Attributes users sign in with instead of a username.
    #[serde(
        rename = "UsernameAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub username_attributes: Option<Vec<UsernameAttributeType>>,
    /// MFA requirement.
    #[serde(
        rename = "MfaConfiguration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub mfa_configuration: Option<UserPoolMfaType>,
    /// Standard and custom attributes.
    #[serde(
        rename = "SchemaAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub schema_attributes: Option<Vec<SchemaAttributeType>>,
    /// Approximate number of users.
    #[serde(
        rename = "EstimatedNumberOfUsers",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub estimated_number_of_users: Option<i32>,
    /// When the pool was created.
    #[serde(
        rename = "CreationDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<SystemTime>,
    /// When the pool last changed.
    #[serde(
        rename = "LastModifiedDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_date: Option<SystemTime>,
}

/// `CreateUserPoolResponse`: the new pool.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateUserPoolResponse {
    /// The new pool.
    #[serde(rename = "UserPool", default, skip_serializing_if = "Option::is_none")]
    pub user_pool: Option<UserPoolType>,
}

/// `DeleteUserPoolRequest`: delete a user pool and everything in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeleteUserPoolRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
}

impl DeleteUserPoolRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
        }
    }
}

operation! {
    CreateUserPoolRequest => "CreateUserPool", CreateUserPoolResponse;
    DeleteUserPoolRequest => "DeleteUserPool", Empty;
}
