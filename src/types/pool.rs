//! User pools and app clients (SigV4-signed), for test set-up: a useful
//! subset of CreateUserPool, CreateUserPoolClient and DeleteUserPool. Members
//! left out here can still be sent through the raw call.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{timestamp, Empty};
use crate::SecretString;

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

model_enum! {
    /// `ExplicitAuthFlowsType`: an auth flow an app client allows.
    ExplicitAuthFlowsType {
        /// `ADMIN_NO_SRP_AUTH` (legacy name).
        AdminNoSrpAuth = "ADMIN_NO_SRP_AUTH",
        /// `CUSTOM_AUTH_FLOW_ONLY` (legacy name).
        CustomAuthFlowOnly = "CUSTOM_AUTH_FLOW_ONLY",
        /// `USER_PASSWORD_AUTH` (legacy name).
        UserPasswordAuth = "USER_PASSWORD_AUTH",
        /// `ALLOW_ADMIN_USER_PASSWORD_AUTH`.
        AllowAdminUserPasswordAuth = "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        /// `ALLOW_CUSTOM_AUTH`.
        AllowCustomAuth = "ALLOW_CUSTOM_AUTH",
        /// `ALLOW_USER_PASSWORD_AUTH`.
        AllowUserPasswordAuth = "ALLOW_USER_PASSWORD_AUTH",
        /// `ALLOW_USER_SRP_AUTH`.
        AllowUserSrpAuth = "ALLOW_USER_SRP_AUTH",
        /// `ALLOW_REFRESH_TOKEN_AUTH`.
        AllowRefreshTokenAuth = "ALLOW_REFRESH_TOKEN_AUTH",
        /// `ALLOW_USER_AUTH`.
        AllowUserAuth = "ALLOW_USER_AUTH",
        /// `ALLOW_TOKEN_EXCHANGE_DELEGATION`.
        AllowTokenExchangeDelegation = "ALLOW_TOKEN_EXCHANGE_DELEGATION",
        /// `ALLOW_TOKEN_EXCHANGE_IMPERSONATION`.
        AllowTokenExchangeImpersonation = "ALLOW_TOKEN_EXCHANGE_IMPERSONATION",
    }
}

model_enum! {
    /// `TimeUnitsType`: the unit of a token validity.
    TimeUnitsType {
        /// `seconds`.
        Seconds = "seconds",
        /// `minutes`.
        Minutes = "minutes",
        /// `hours`.
        Hours = "hours",
        /// `days`.
        Days = "days",
    }
}

model_enum! {
    /// `PreventUserExistenceErrorTypes`: whether errors reveal that a user exists.
    PreventUserExistenceErrorTypes {
        /// `LEGACY`: UserNotFoundException and friends are returned.
        Legacy = "LEGACY",
        /// `ENABLED`: generic errors instead.
        Enabled = "ENABLED",
    }
}

/// `PasswordPolicyType`: the pool's password rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// `TokenValidityUnitsType`: the units of the client's token validities.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenValidityUnitsType {
    /// Unit of `AccessTokenValidity` (default hours).
    #[serde(
        rename = "AccessToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub access_token: Option<TimeUnitsType>,
    /// Unit of `IdTokenValidity` (default hours).
    #[serde(rename = "IdToken", default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<TimeUnitsType>,
    /// Unit of `RefreshTokenValidity` (default days).
    #[serde(
        rename = "RefreshToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub refresh_token: Option<TimeUnitsType>,
}

/// `CreateUserPoolRequest`: create a user pool (subset of the members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// `UserPoolType`: a user pool (subset of the members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    pub creation_date: Option<OffsetDateTime>,
    /// When the pool last changed.
    #[serde(
        rename = "LastModifiedDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_date: Option<OffsetDateTime>,
}

/// `CreateUserPoolResponse`: the new pool.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateUserPoolResponse {
    /// The new pool.
    #[serde(rename = "UserPool", default, skip_serializing_if = "Option::is_none")]
    pub user_pool: Option<UserPoolType>,
}

/// `CreateUserPoolClientRequest`: create an app client (subset of the members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateUserPoolClientRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The client's name.
    #[serde(rename = "ClientName")]
    pub client_name: String,
    /// Whether to generate a client secret.
    #[serde(
        rename = "GenerateSecret",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub generate_secret: Option<bool>,
    /// Refresh-token lifetime, in `TokenValidityUnits.RefreshToken`.
    #[serde(
        rename = "RefreshTokenValidity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub refresh_token_validity: Option<i32>,
    /// Access-token lifetime, in `TokenValidityUnits.AccessToken`.
    #[serde(
        rename = "AccessTokenValidity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub access_token_validity: Option<i32>,
    /// ID-token lifetime, in `TokenValidityUnits.IdToken`.
    #[serde(
        rename = "IdTokenValidity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub id_token_validity: Option<i32>,
    /// Units of the token validities.
    #[serde(
        rename = "TokenValidityUnits",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub token_validity_units: Option<TokenValidityUnitsType>,
    /// The auth flows the client allows.
    #[serde(
        rename = "ExplicitAuthFlows",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub explicit_auth_flows: Option<Vec<ExplicitAuthFlowsType>>,
    /// Whether errors may reveal that a user exists.
    #[serde(
        rename = "PreventUserExistenceErrors",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub prevent_user_existence_errors: Option<PreventUserExistenceErrorTypes>,
    /// Whether RevokeToken works for this client.
    #[serde(
        rename = "EnableTokenRevocation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_token_revocation: Option<bool>,
    /// Minutes an auth session (challenge chain) stays valid, 3 to 15.
    #[serde(
        rename = "AuthSessionValidity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub auth_session_validity: Option<i32>,
}

/// `UserPoolClientType`: an app client (subset of the members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPoolClientType {
    /// The user pool id.
    #[serde(
        rename = "UserPoolId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_pool_id: Option<String>,
    /// The client's name.
    #[serde(
        rename = "ClientName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_name: Option<String>,
    /// The client id.
    #[serde(rename = "ClientId", default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The client secret, when one was generated.
    #[serde(
        rename = "ClientSecret",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_secret: Option<SecretString>,
    /// When the client last changed.
    #[serde(
        rename = "LastModifiedDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_date: Option<OffsetDateTime>,
    /// When the client was created.
    #[serde(
        rename = "CreationDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<OffsetDateTime>,
    /// Refresh-token lifetime.
    #[serde(
        rename = "RefreshTokenValidity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub refresh_token_validity: Option<i32>,
    /// Access-token lifetime.
    #[serde(
        rename = "AccessTokenValidity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub access_token_validity: Option<i32>,
    /// ID-token lifetime.
    #[serde(
        rename = "IdTokenValidity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub id_token_validity: Option<i32>,
    /// Units of the token validities.
    #[serde(
        rename = "TokenValidityUnits",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub token_validity_units: Option<TokenValidityUnitsType>,
    /// The auth flows the client allows.
    #[serde(
        rename = "ExplicitAuthFlows",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub explicit_auth_flows: Option<Vec<ExplicitAuthFlowsType>>,
    /// Whether errors may reveal that a user exists.
    #[serde(
        rename = "PreventUserExistenceErrors",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub prevent_user_existence_errors: Option<PreventUserExistenceErrorTypes>,
    /// Whether RevokeToken works for this client.
    #[serde(
        rename = "EnableTokenRevocation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_token_revocation: Option<bool>,
    /// Minutes an auth session stays valid.
    #[serde(
        rename = "AuthSessionValidity",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub auth_session_validity: Option<i32>,
}

/// `CreateUserPoolClientResponse`: the new client, with its id and secret.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateUserPoolClientResponse {
    /// The new client.
    #[serde(
        rename = "UserPoolClient",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_pool_client: Option<UserPoolClientType>,
}

/// `DeleteUserPoolRequest`: delete a user pool and everything in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteUserPoolRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
}

operation! {
    CreateUserPoolRequest => "CreateUserPool", CreateUserPoolResponse;
    CreateUserPoolClientRequest => "CreateUserPoolClient", CreateUserPoolClientResponse;
    DeleteUserPoolRequest => "DeleteUserPool", Empty;
}
