//! Groups (SigV4-signed): create, read, update, delete, membership, listings.

use serde::{Deserialize, Serialize};
use std::time::SystemTime;

use super::{timestamp, Empty, UserType};

/// `GroupType`: a user-pool group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupType {
    /// The group's name.
    #[serde(rename = "GroupName", default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// The user pool id.
    #[serde(
        rename = "UserPoolId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_pool_id: Option<String>,
    /// A description.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The IAM role for the group's members (identity pools).
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Rank among the user's groups; lower wins for `cognito:preferred_role`.
    #[serde(
        rename = "Precedence",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub precedence: Option<i32>,
    /// When the group last changed.
    #[serde(
        rename = "LastModifiedDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_date: Option<SystemTime>,
    /// When the group was created.
    #[serde(
        rename = "CreationDate",
        default,
        with = "timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<SystemTime>,
}

/// `GetGroupResponse`: one group. CreateGroup and UpdateGroup answer with the
/// same members.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GetGroupResponse {
    /// The group.
    #[serde(rename = "Group", default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupType>,
}

/// `CreateGroupResponse`: same members as [`GetGroupResponse`].
pub type CreateGroupResponse = GetGroupResponse;
/// `UpdateGroupResponse`: same members as [`GetGroupResponse`].
pub type UpdateGroupResponse = GetGroupResponse;

/// `GetGroupRequest`: read a group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GetGroupRequest {
    /// The group's name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
}

impl GetGroupRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(group_name: impl Into<String>, user_pool_id: impl Into<String>) -> Self {
        Self {
            group_name: group_name.into(),
            user_pool_id: user_pool_id.into(),
        }
    }
}

/// `ListGroupsRequest`: one page of the pool's groups.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListGroupsRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// Page size, at most 60.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
    /// The previous page's `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl ListGroupsRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            ..Self::default()
        }
    }
}

/// `ListGroupsResponse`: a page of groups.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListGroupsResponse {
    /// The groups.
    #[serde(rename = "Groups", default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupType>>,
    /// Token for the next page; absent on the last one.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `AdminListGroupsForUserResponse`: same members as [`ListGroupsResponse`].
pub type AdminListGroupsForUserResponse = ListGroupsResponse;

/// `CreateGroupRequest`: create a group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateGroupRequest {
    /// The group's name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// A description.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The IAM role for the group's members.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Rank among the user's groups; lower wins.
    #[serde(
        rename = "Precedence",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub precedence: Option<i32>,
}

impl CreateGroupRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(group_name: impl Into<String>, user_pool_id: impl Into<String>) -> Self {
        Self {
            group_name: group_name.into(),
            user_pool_id: user_pool_id.into(),
            ..Self::default()
        }
    }
}

/// `UpdateGroupRequest`: change a group's description, role or precedence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdateGroupRequest {
    /// The group's name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// A new description.
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// A new IAM role.
    #[serde(rename = "RoleArn", default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// A new precedence.
    #[serde(
        rename = "Precedence",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub precedence: Option<i32>,
}

impl UpdateGroupRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(group_name: impl Into<String>, user_pool_id: impl Into<String>) -> Self {
        Self {
            group_name: group_name.into(),
            user_pool_id: user_pool_id.into(),
            ..Self::default()
        }
    }
}

/// `DeleteGroupRequest`: delete a group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeleteGroupRequest {
    /// The group's name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
}

impl DeleteGroupRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(group_name: impl Into<String>, user_pool_id: impl Into<String>) -> Self {
        Self {
            group_name: group_name.into(),
            user_pool_id: user_pool_id.into(),
        }
    }
}

/// `AdminAddUserToGroupRequest`: add a user to a group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminAddUserToGroupRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
    /// The group's name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
}

impl AdminAddUserToGroupRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        username: impl Into<String>,
        group_name: impl Into<String>,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            group_name: group_name.into(),
        }
    }
}

/// `AdminRemoveUserFromGroupRequest`: remove a user from a group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminRemoveUserFromGroupRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
    /// The group's name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
}

impl AdminRemoveUserFromGroupRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        user_pool_id: impl Into<String>,
        username: impl Into<String>,
        group_name: impl Into<String>,
    ) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            username: username.into(),
            group_name: group_name.into(),
        }
    }
}

/// `AdminListGroupsForUserRequest`: one page of a user's groups.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdminListGroupsForUserRequest {
    /// The username or an alias.
    #[serde(rename = "Username")]
    pub username: String,
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// Page size, at most 60.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
    /// The previous page's `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl AdminListGroupsForUserRequest {
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

/// `ListUsersInGroupRequest`: one page of a group's members.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListUsersInGroupRequest {
    /// The user pool id.
    #[serde(rename = "UserPoolId")]
    pub user_pool_id: String,
    /// The group's name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
    /// Page size, at most 60.
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
    /// The previous page's `NextToken`.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

impl ListUsersInGroupRequest {
    /// A request with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(user_pool_id: impl Into<String>, group_name: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            group_name: group_name.into(),
            ..Self::default()
        }
    }
}

/// `ListUsersInGroupResponse`: a page of members.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListUsersInGroupResponse {
    /// The members.
    #[serde(rename = "Users", default, skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<UserType>>,
    /// Token for the next page; absent on the last one.
    #[serde(rename = "NextToken", default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

operation! {
    GetGroupRequest => "GetGroup", GetGroupResponse;
    ListGroupsRequest => "ListGroups", ListGroupsResponse;
    CreateGroupRequest => "CreateGroup", CreateGroupResponse;
    UpdateGroupRequest => "UpdateGroup", UpdateGroupResponse;
    DeleteGroupRequest => "DeleteGroup", Empty;
    AdminAddUserToGroupRequest => "AdminAddUserToGroup", Empty;
    AdminRemoveUserFromGroupRequest => "AdminRemoveUserFromGroup", Empty;
    AdminListGroupsForUserRequest => "AdminListGroupsForUser", AdminListGroupsForUserResponse;
    ListUsersInGroupRequest => "ListUsersInGroup", ListUsersInGroupResponse;
}
