//! App clients (SigV4-signed), for test set-up: a useful subset of
//! CreateUserPoolClient. Members left out here can still be sent through the
//! raw call.

use serde::{Deserialize, Serialize};
use std::time::SystemTime;

use super::timestamp;
use crate::SecretString;

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

/// `TokenValidityUnitsType`: the units of the client's token validities.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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

/// `CreateUserPoolClientRequest`: create an app client (subset of the members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl CreateUserPoolClientRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>, client_name: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            client_name: client_name.into(),
            ..Self::default()
        }
    }
}

/// `UserPoolClientType`: an app client (subset of the members).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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
    pub last_modified_date: Option<SystemTime>,
    /// When the client was created.
    #[serde(
        rename = "CreationDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<SystemTime>,
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
#[non_exhaustive]
pub struct CreateUserPoolClientResponse {
    /// The new client.
    #[serde(
        rename = "UserPoolClient",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_pool_client: Option<UserPoolClientType>,
}
operation! {
    CreateUserPoolClientRequest => "CreateUserPoolClient", CreateUserPoolClientResponse;
}
