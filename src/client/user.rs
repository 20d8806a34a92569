//! warrant's `UserObj` and `GroupObj`: a user's attributes with the handy ones
//! lifted out, metadata, and `save`/`delete` that write back through the handle.

use std::fmt;
use std::time::SystemTime;

use crate::client::attributes::Attributes;
use crate::client::Cognito;
use crate::error::Error;
use crate::types::{AttributeType, GroupType, UserStatusType, UserType};

/// What Cognito says about a user besides attributes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserMetadata {
    /// `UserStatus`, e.g. `CONFIRMED`.
    pub status: Option<UserStatusType>,
    /// Whether the user is enabled.
    pub enabled: Option<bool>,
    /// When the user was created.
    pub created: Option<SystemTime>,
    /// When the user was last modified.
    pub modified: Option<SystemTime>,
}

/// A user, as warrant's `UserObj`: attributes (renamed through the handle's
/// [`attr_map`](crate::CognitoBuilder::attr_map), values as the strings
/// Cognito stores) with `sub`, `email_verified` and `phone_number_verified`
/// lifted out, plus metadata.
#[derive(Clone)]
pub struct User {
    /// The username.
    pub username: String,
    /// The `sub` attribute, the user's stable id.
    pub sub: Option<String>,
    /// The `email_verified` attribute, when it is `"true"` or `"false"`
    /// (otherwise it stays among the attributes).
    pub email_verified: Option<bool>,
    /// The `phone_number_verified` attribute, as `email_verified`.
    pub phone_number_verified: Option<bool>,
    /// The other attributes.
    pub attributes: Attributes,
    /// Status, enabled flag and dates, when the call returns them.
    pub metadata: UserMetadata,
    cognito: Cognito,
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("username", &self.username)
            .field("sub", &self.sub)
            .field("email_verified", &self.email_verified)
            .field("phone_number_verified", &self.phone_number_verified)
            .field("attributes", &self.attributes)
            .field("metadata", &self.metadata)
            .finish_non_exhaustive()
    }
}

/// Takes a `"true"`/`"false"` attribute out as a boolean; any other value
/// stays.
fn lift_bool(attributes: &mut Attributes, name: &str) -> Option<bool> {
    let flag = attributes.get_bool(name)?;
    attributes.remove(name);
    Some(flag)
}

impl User {
    /// warrant's `get_user_obj`: builds a user from Cognito's attribute list.
    pub(crate) fn from_parts(
        cognito: Cognito,
        username: String,
        list: &[AttributeType],
        metadata: UserMetadata,
    ) -> Self {
        let mut attributes = Attributes::from_cognito(list, cognito.attr_map());
        let sub = attributes.remove("sub");
        let email_verified = lift_bool(&mut attributes, "email_verified");
        let phone_number_verified = lift_bool(&mut attributes, "phone_number_verified");
        User {
            username,
            sub,
            email_verified,
            phone_number_verified,
            attributes,
            metadata,
            cognito,
        }
    }

    pub(crate) fn from_user_type(cognito: Cognito, user: UserType) -> Self {
        Self::from_parts(
            cognito,
            user.username.unwrap_or_default(),
            user.attributes.as_deref().unwrap_or(&[]),
            UserMetadata {
                status: user.user_status,
                enabled: user.enabled,
                created: user.user_create_date,
                modified: user.user_last_modified_date,
            },
        )
    }

    /// The attributes to write back: the others plus the lifted booleans.
    fn writable(&self) -> Attributes {
        let mut out = self.attributes.clone();
        if let Some(v) = self.email_verified {
            out.insert("email_verified", v);
        }
        if let Some(v) = self.phone_number_verified {
            out.insert("phone_number_verified", v);
        }
        out
    }

    /// Writes the attributes back: as the user (`update_profile`) or as an
    /// administrator (`admin_update_profile`), renamed back through the
    /// handle's `attr_map`. The lifted booleans go as `"true"`/`"false"`.
    ///
    /// # Errors
    ///
    /// As [`Cognito::update_profile`] or [`Cognito::admin_update_profile`].
    pub fn save(&self, admin: bool) -> Result<(), Error> {
        if admin {
            self.cognito
                .admin_update_profile(&self.username, &self.writable())
        } else {
            self.cognito.update_profile(&self.writable()).map(|_| ())
        }
    }

    /// Deletes the user: as the user (`delete_user`) or as an administrator
    /// (`admin_delete_user`).
    ///
    /// # Errors
    ///
    /// As [`Cognito::delete_user`] or [`Cognito::admin_delete_user`].
    pub fn delete(&self, admin: bool) -> Result<(), Error> {
        if admin {
            self.cognito.admin_delete_user(&self.username)
        } else {
            self.cognito.delete_user()
        }
    }
}

impl Cognito {
    /// Builds a [`User`] from Cognito's attribute list and metadata, as
    /// warrant's `get_user_obj`: names are renamed through the handle's
    /// [`attr_map`](crate::CognitoBuilder::attr_map), values stay strings,
    /// and `sub`, `email_verified` and `phone_number_verified` are lifted
    /// out. Its `save` and `delete` go through this handle.
    ///
    /// ```
    /// use cognito::{AttrMap, Cognito, UserMetadata};
    /// use cognito::types::AttributeType;
    ///
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .attr_map(AttrMap::from([("given_name", "first_name")]))
    ///     .build()?;
    /// let user = cognito.get_user_obj(
    ///     "alice",
    ///     &[AttributeType::new("sub", "1234"), AttributeType::new("email_verified", "true"),
    ///       AttributeType::new("given_name", "Alice"), AttributeType::new("custom:vip", "true")],
    ///     UserMetadata::default(),
    /// );
    /// assert_eq!(user.sub.as_deref(), Some("1234"));
    /// assert_eq!(user.email_verified, Some(true));
    /// assert_eq!(user.attributes.get("first_name"), Some("Alice"));
    /// assert_eq!(user.attributes.get("custom:vip"), Some("true"));
    /// # Ok::<(), cognito::Error>(())
    /// ```
    pub fn get_user_obj(
        &self,
        username: &str,
        attributes: &[AttributeType],
        metadata: UserMetadata,
    ) -> User {
        User::from_parts(self.clone(), username.to_owned(), attributes, metadata)
    }

    /// Builds a [`Group`] from Cognito's group record, as warrant's
    /// `get_group_obj`.
    pub fn get_group_obj(&self, group: GroupType) -> Group {
        Group::from(group)
    }
}

/// A group, as warrant's `GroupObj`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// `GroupName`.
    pub group_name: String,
    /// `Description`.
    pub description: Option<String>,
    /// `Precedence`: lower wins when a user is in several groups with roles.
    pub precedence: Option<i32>,
    /// `RoleArn`.
    pub role_arn: Option<String>,
    /// `UserPoolId`.
    pub user_pool_id: Option<String>,
    /// `CreationDate`.
    pub creation_date: Option<SystemTime>,
    /// `LastModifiedDate`.
    pub last_modified_date: Option<SystemTime>,
}

impl From<GroupType> for Group {
    fn from(g: GroupType) -> Self {
        Group {
            group_name: g.group_name.unwrap_or_default(),
            description: g.description,
            precedence: g.precedence,
            role_arn: g.role_arn,
            user_pool_id: g.user_pool_id,
            creation_date: g.creation_date,
            last_modified_date: g.last_modified_date,
        }
    }
}
