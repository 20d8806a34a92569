//! Administrator operations (signed with AWS credentials) under warrant's
//! names: users, passwords, status, MFA, listing with pagination, and groups.

use std::collections::{HashSet, VecDeque};

use crate::client::attributes::Attributes;
use crate::client::self_service::MfaPreference;
use crate::client::user::{Group, User, UserMetadata};
use crate::client::Cognito;
use crate::error::{Error, ProtocolError};
use crate::types::{
    AdminAddUserToGroupRequest, AdminConfirmSignUpRequest, AdminCreateUserRequest,
    AdminDeleteUserAttributesRequest, AdminDeleteUserRequest, AdminDisableUserRequest,
    AdminEnableUserRequest, AdminGetUserRequest, AdminListGroupsForUserRequest,
    AdminRemoveUserFromGroupRequest, AdminResetUserPasswordRequest,
    AdminSetUserMFAPreferenceRequest, AdminSetUserPasswordRequest,
    AdminUpdateUserAttributesRequest, AdminUserGlobalSignOutRequest, CreateGroupRequest,
    DeleteGroupRequest, DeliveryMediumType, GetGroupRequest, ListGroupsRequest,
    ListUsersInGroupRequest, ListUsersRequest, MessageActionType, UpdateGroupRequest, UserType,
};

/// Options for [`Cognito::admin_create_user`]; all default to unset.
#[derive(Debug, Clone, Default)]
pub struct CreateUserOptions<'a> {
    /// A temporary password; without one Cognito generates it.
    pub temporary_password: Option<&'a str>,
    /// `RESEND` the invitation, or `SUPPRESS` it.
    pub message_action: Option<MessageActionType>,
    /// Where the invitation goes (`SMS`, `EMAIL`).
    pub delivery_mediums: Vec<DeliveryMediumType>,
    /// Move an email or phone alias from another user to this one.
    pub force_alias_creation: Option<bool>,
}

/// Fetches pages lazily: `fetch(token)` returns a page and the next token.
pub struct Pages<T, F> {
    fetch: F,
    buffer: VecDeque<T>,
    next: Option<String>,
    /// Every token sent so far: one coming back again would loop for ever.
    sent: HashSet<String>,
    /// The error to give once the buffered items are out.
    pending: Option<Error>,
    started: bool,
    failed: bool,
}

impl<T, F> Pages<T, F>
where
    F: FnMut(Option<String>) -> Result<(Vec<T>, Option<String>), Error>,
{
    pub(crate) fn new(fetch: F) -> Self {
        Self {
            fetch,
            buffer: VecDeque::new(),
            next: None,
            sent: HashSet::new(),
            pending: None,
            started: false,
            failed: false,
        }
    }
}

impl<T, F> Iterator for Pages<T, F>
where
    F: FnMut(Option<String>) -> Result<(Vec<T>, Option<String>), Error>,
{
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            if let Some(e) = self.pending.take() {
                return Some(Err(e));
            }
            if self.failed || (self.started && self.next.is_none()) {
                return None;
            }
            self.started = true;
            if let Some(token) = &self.next {
                self.sent.insert(token.clone());
            }
            match (self.fetch)(self.next.take()) {
                Ok((items, next)) => {
                    self.buffer.extend(items);
                    // An empty page may still carry a token: keep going.
                    self.next = next.filter(|t| !t.is_empty());
                    if self.next.as_ref().is_some_and(|t| self.sent.contains(t)) {
                        // botocore raises PaginationError here; so do we,
                        // after this page's items.
                        self.failed = true;
                        self.next = None;
                        self.pending = Some(ProtocolError::RepeatedPaginationToken.into());
                    }
                }
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

impl<T, F> std::fmt::Debug for Pages<T, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("buffered", &self.buffer.len())
            .field("more", &self.next.is_some())
            .finish_non_exhaustive()
    }
}

impl Cognito {
    pub(super) fn pool(&self) -> Result<String, Error> {
        self.require_user_pool_id().map(str::to_owned)
    }

    /// A user by username, as an administrator; attributes renamed through
    /// the handle's [`attr_map`](crate::CognitoBuilder::attr_map).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…; [`Error::Credentials`].
    pub fn admin_get_user(&self, username: &str) -> Result<User, Error> {
        let reply = self.send(&AdminGetUserRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
        })?;
        Ok(User::from_parts(
            self.clone(),
            reply.username,
            reply.user_attributes.as_deref().unwrap_or(&[]),
            UserMetadata {
                status: reply.user_status,
                enabled: reply.enabled,
                created: reply.user_create_date,
                modified: reply.user_last_modified_date,
            },
        ))
    }

    /// Creates a user as an administrator; the temporary password is sent
    /// only when given, attribute names are renamed back through the
    /// handle's [`attr_map`](crate::CognitoBuilder::attr_map).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UsernameExistsException`,
    /// `InvalidPasswordException`…
    pub fn admin_create_user(
        &self,
        username: &str,
        attributes: &Attributes,
        options: &CreateUserOptions<'_>,
    ) -> Result<User, Error> {
        let reply = self.send(&AdminCreateUserRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            user_attributes: (!attributes.is_empty())
                .then(|| attributes.to_cognito(self.attr_map())),
            temporary_password: options.temporary_password.map(Into::into),
            force_alias_creation: options.force_alias_creation,
            message_action: options.message_action.clone(),
            desired_delivery_mediums: (!options.delivery_mediums.is_empty())
                .then(|| options.delivery_mediums.clone()),
            client_metadata: self.call_options().client_metadata.clone(),
            validation_data: self.call_options().validation_data.clone(),
        })?;
        let user = reply.user.unwrap_or_else(|| UserType {
            username: Some(username.to_owned()),
            ..Default::default()
        });
        Ok(User::from_user_type(self.clone(), user))
    }

    /// Updates a user's attributes as an administrator; names are renamed
    /// back through the handle's [`attr_map`](crate::CognitoBuilder::attr_map).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`,
    /// `InvalidParameterException`…
    pub fn admin_update_profile(
        &self,
        username: &str,
        attributes: &Attributes,
    ) -> Result<(), Error> {
        self.send(&AdminUpdateUserAttributesRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            user_attributes: attributes.to_cognito(self.attr_map()),
            client_metadata: self.call_options().client_metadata.clone(),
        })?;
        Ok(())
    }

    /// Deletes attributes of a user as an administrator.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…
    pub fn admin_delete_user_attributes(
        &self,
        username: &str,
        names: &[&str],
    ) -> Result<(), Error> {
        self.send(&AdminDeleteUserAttributesRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            user_attribute_names: names.iter().map(|n| (*n).to_owned()).collect(),
        })?;
        Ok(())
    }

    /// Deletes a user as an administrator.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…
    pub fn admin_delete_user(&self, username: &str) -> Result<(), Error> {
        self.send(&AdminDeleteUserRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
        })?;
        Ok(())
    }

    /// Confirms a user's sign-up without a code.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…
    pub fn admin_confirm_sign_up(&self, username: &str) -> Result<(), Error> {
        self.send(&AdminConfirmSignUpRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            client_metadata: self.call_options().client_metadata.clone(),
        })?;
        Ok(())
    }

    /// Resets a user's password: they must set a new one with a code.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…
    pub fn admin_reset_password(&self, username: &str) -> Result<(), Error> {
        self.send(&AdminResetUserPasswordRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            client_metadata: self.call_options().client_metadata.clone(),
        })?;
        Ok(())
    }

    /// Sets a user's password; `permanent` confirms it, otherwise it is
    /// temporary and the next sign-in asks for a new one.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `InvalidPasswordException`,
    /// `UserNotFoundException`…
    pub fn admin_set_user_password(
        &self,
        username: &str,
        password: &str,
        permanent: bool,
    ) -> Result<(), Error> {
        self.send(&AdminSetUserPasswordRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            password: password.into(),
            permanent: Some(permanent),
        })?;
        Ok(())
    }

    /// Enables a user.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…
    pub fn admin_enable_user(&self, username: &str) -> Result<(), Error> {
        self.send(&AdminEnableUserRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
        })?;
        Ok(())
    }

    /// Disables a user: sign-in is refused until re-enabled.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…
    pub fn admin_disable_user(&self, username: &str) -> Result<(), Error> {
        self.send(&AdminDisableUserRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
        })?;
        Ok(())
    }

    /// Signs a user out everywhere.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…
    pub fn admin_user_global_sign_out(&self, username: &str) -> Result<(), Error> {
        self.send(&AdminUserGlobalSignOutRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
        })?;
        Ok(())
    }

    /// Sets which MFA methods a user has enabled and prefers.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…
    pub fn admin_set_user_mfa_preference(
        &self,
        username: &str,
        preference: MfaPreference,
    ) -> Result<(), Error> {
        let (sms, totp, email) = preference.settings();
        self.send(&AdminSetUserMFAPreferenceRequest {
            sms_mfa_settings: sms,
            software_token_mfa_settings: totp,
            email_mfa_settings: email,
            web_authn_mfa_settings: None,
            username: username.to_owned(),
            user_pool_id: self.pool()?,
        })?;
        Ok(())
    }

    /// Every user of the pool (all pages), optionally filtered
    /// (`email ^= "al"`), as warrant's `get_users`; attributes renamed
    /// through the handle's [`attr_map`](crate::CognitoBuilder::attr_map).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `InvalidParameterException` for a bad filter…
    pub fn get_users(&self, filter: Option<&str>) -> Result<Vec<User>, Error> {
        self.users(filter).collect()
    }

    /// The pool's users, fetched a page at a time as the iterator advances;
    /// a failed page is the last item.
    pub fn users<'a>(
        &'a self,
        filter: Option<&'a str>,
    ) -> impl Iterator<Item = Result<User, Error>> + 'a {
        Pages::new(move |token| {
            let reply = self.send(&ListUsersRequest {
                user_pool_id: self.pool()?,
                attributes_to_get: None,
                limit: Some(60),
                pagination_token: token,
                filter: filter.map(str::to_owned),
            })?;
            let users = reply
                .users
                .unwrap_or_default()
                .into_iter()
                .map(|u| User::from_user_type(self.clone(), u))
                .collect();
            Ok((users, reply.pagination_token))
        })
    }

    /// A group by name.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException`…
    pub fn get_group(&self, group_name: &str) -> Result<Group, Error> {
        let reply = self.send(&GetGroupRequest {
            group_name: group_name.to_owned(),
            user_pool_id: self.pool()?,
        })?;
        Ok(reply.group.map(Group::from).unwrap_or_else(|| {
            Group::from(crate::types::GroupType {
                group_name: Some(group_name.to_owned()),
                ..Default::default()
            })
        }))
    }

    /// Every group of the pool (all pages).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] when Cognito refuses.
    pub fn get_groups(&self) -> Result<Vec<Group>, Error> {
        Pages::new(|token| {
            let reply = self.send(&ListGroupsRequest {
                user_pool_id: self.pool()?,
                limit: Some(60),
                next_token: token,
            })?;
            Ok((reply.groups.unwrap_or_default(), reply.next_token))
        })
        .map(|g| g.map(Group::from))
        .collect()
    }

    /// Creates a group.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `GroupExistsException`…
    pub fn create_group(
        &self,
        group_name: &str,
        description: Option<&str>,
        precedence: Option<i32>,
        role_arn: Option<&str>,
    ) -> Result<Group, Error> {
        let reply = self.send(&CreateGroupRequest {
            group_name: group_name.to_owned(),
            user_pool_id: self.pool()?,
            description: description.map(str::to_owned),
            role_arn: role_arn.map(str::to_owned),
            precedence,
        })?;
        Ok(reply.group.map(Group::from).unwrap_or_else(|| Group {
            group_name: group_name.to_owned(),
            description: description.map(str::to_owned),
            precedence,
            role_arn: role_arn.map(str::to_owned),
            user_pool_id: self.user_pool_id().map(str::to_owned),
            creation_date: None,
            last_modified_date: None,
        }))
    }

    /// Updates a group's description, precedence or role.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException`…
    pub fn update_group(
        &self,
        group_name: &str,
        description: Option<&str>,
        precedence: Option<i32>,
        role_arn: Option<&str>,
    ) -> Result<(), Error> {
        self.send(&UpdateGroupRequest {
            group_name: group_name.to_owned(),
            user_pool_id: self.pool()?,
            description: description.map(str::to_owned),
            role_arn: role_arn.map(str::to_owned),
            precedence,
        })?;
        Ok(())
    }

    /// Deletes a group.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException`…
    pub fn delete_group(&self, group_name: &str) -> Result<(), Error> {
        self.send(&DeleteGroupRequest {
            group_name: group_name.to_owned(),
            user_pool_id: self.pool()?,
        })?;
        Ok(())
    }

    /// Adds a user to a group.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`,
    /// `ResourceNotFoundException`…
    pub fn admin_add_user_to_group(&self, username: &str, group_name: &str) -> Result<(), Error> {
        self.send(&AdminAddUserToGroupRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            group_name: group_name.to_owned(),
        })?;
        Ok(())
    }

    /// Removes a user from a group.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…
    pub fn admin_remove_user_from_group(
        &self,
        username: &str,
        group_name: &str,
    ) -> Result<(), Error> {
        self.send(&AdminRemoveUserFromGroupRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            group_name: group_name.to_owned(),
        })?;
        Ok(())
    }

    /// The groups a user is in (all pages).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…
    pub fn admin_list_groups_for_user(&self, username: &str) -> Result<Vec<Group>, Error> {
        Pages::new(|token| {
            let reply = self.send(&AdminListGroupsForUserRequest {
                username: username.to_owned(),
                user_pool_id: self.pool()?,
                limit: Some(60),
                next_token: token,
            })?;
            Ok((reply.groups.unwrap_or_default(), reply.next_token))
        })
        .map(|g| g.map(Group::from))
        .collect()
    }

    /// The users in a group (all pages); attributes renamed through the
    /// handle's [`attr_map`](crate::CognitoBuilder::attr_map).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException`…
    pub fn list_users_in_group(&self, group_name: &str) -> Result<Vec<User>, Error> {
        Pages::new(|token| {
            let reply = self.send(&ListUsersInGroupRequest {
                user_pool_id: self.pool()?,
                group_name: group_name.to_owned(),
                limit: Some(60),
                next_token: token,
            })?;
            Ok((reply.users.unwrap_or_default(), reply.next_token))
        })
        .map(|u| u.map(|u| User::from_user_type(self.clone(), u)))
        .collect()
    }
}
