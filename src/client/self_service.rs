//! The user's own operations (unsigned; the access token or the client id
//! authorises them), under warrant's names: sign-up and confirmation, password
//! recovery and change, profile, attribute verification, sign-out, MFA
//! settings and devices.

use crate::client::attributes::Attributes;
use crate::client::user::User;
use crate::client::Cognito;
use crate::error::{ConfigError, Error};
use crate::secret::SecretString;
use crate::types::{
    AssociateSoftwareTokenRequest, ChangePasswordRequest, CodeDeliveryDetailsType,
    ConfirmForgotPasswordRequest, ConfirmSignUpRequest, DeleteUserAttributesRequest,
    DeleteUserRequest, DeviceRememberedStatusType, DeviceType, EmailMfaSettingsType,
    ForgetDeviceRequest, ForgotPasswordRequest, GetDeviceRequest,
    GetUserAttributeVerificationCodeRequest, GetUserRequest, GlobalSignOutRequest,
    ListDevicesRequest, ResendConfirmationCodeRequest, RevokeTokenRequest, SMSMfaSettingsType,
    SetUserMFAPreferenceRequest, SignUpRequest, SignUpResponse, SoftwareTokenMfaSettingsType,
    UpdateDeviceStatusRequest, UpdateUserAttributesRequest, VerifySoftwareTokenRequest,
    VerifySoftwareTokenResponseType, VerifyUserAttributeRequest,
};

/// Which MFA a user wants: each `Some(true)` enables, `Some(false)`
/// disables, `None` leaves it as it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MfaPreference {
    /// SMS codes.
    pub sms: Option<bool>,
    /// An authenticator app (TOTP).
    pub totp: Option<bool>,
    /// Email codes.
    pub email: Option<bool>,
    /// Which enabled method is preferred.
    pub preferred: Option<MfaMethod>,
}

/// An MFA method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MfaMethod {
    /// SMS codes.
    Sms,
    /// An authenticator app.
    Totp,
    /// Email codes.
    Email,
}

impl MfaPreference {
    pub(crate) fn settings(
        &self,
    ) -> (
        Option<SMSMfaSettingsType>,
        Option<SoftwareTokenMfaSettingsType>,
        Option<EmailMfaSettingsType>,
    ) {
        let preferred = |m| self.preferred.map(|p| p == m);
        (
            self.sms.map(|enabled| SMSMfaSettingsType {
                enabled: Some(enabled),
                preferred_mfa: preferred(MfaMethod::Sms),
            }),
            self.totp.map(|enabled| SoftwareTokenMfaSettingsType {
                enabled: Some(enabled),
                preferred_mfa: preferred(MfaMethod::Totp),
            }),
            self.email.map(|enabled| EmailMfaSettingsType {
                enabled: Some(enabled),
                preferred_mfa: preferred(MfaMethod::Email),
            }),
        )
    }
}

impl Cognito {
    fn secret_hash_secret(&self, username: &str) -> Option<SecretString> {
        self.secret_hash_for(username).map(SecretString::from)
    }

    /// The handle's username, or a configuration error naming `instead`,
    /// the method that takes one, if there is one.
    fn own_username(&self, instead: Option<&str>) -> Result<String, Error> {
        self.username().ok_or_else(|| {
            let or = instead.map_or(String::new(), |m| format!(", or call {m}"));
            ConfigError::new(format!(
                "this call needs the handle's username: set .username(…){or}"
            ))
            .into()
        })
    }

    /// Signs a user up (warrant's `register`): `SignUp` with the attributes
    /// (custom ones prefixed `custom:`, see [`Attributes::with_custom`],
    /// local names renamed back through the handle's
    /// [`attr_map`](crate::CognitoBuilder::attr_map)) and `SECRET_HASH` over
    /// the username given. The handle's own username is left as it is.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UsernameExistsException`,
    /// `InvalidPasswordException`, `InvalidParameterException`…
    pub fn register(
        &self,
        username: &str,
        password: &str,
        attributes: &Attributes,
    ) -> Result<SignUpResponse, Error> {
        self.send(&SignUpRequest {
            client_id: self.require_client_id()?.to_owned(),
            secret_hash: self.secret_hash_secret(username),
            username: username.to_owned(),
            password: Some(password.into()),
            user_attributes: (!attributes.is_empty())
                .then(|| attributes.to_cognito(self.attr_map())),
            client_metadata: self.call_options().client_metadata.clone(),
            validation_data: self.call_options().validation_data.clone(),
            user_context_data: self.call_options().user_context_data.clone(),
            ..Default::default()
        })
    }

    /// Confirms the handle's user's sign-up with the emailed or texted code
    /// (warrant's `confirm_sign_up(code)`); for another user,
    /// [`confirm_sign_up_for`](Self::confirm_sign_up_for).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the handle has no username; [`Error::Service`]
    /// with `CodeMismatchException`, `ExpiredCodeException`…
    pub fn confirm_sign_up(&self, confirmation_code: &str) -> Result<(), Error> {
        let username = self.own_username(Some("confirm_sign_up_for(username, code)"))?;
        self.confirm_sign_up_for(&username, confirmation_code)
    }

    /// Confirms `username`'s sign-up with the emailed or texted code
    /// (warrant's `confirm_sign_up(code, username)`).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `CodeMismatchException`, `ExpiredCodeException`…
    pub fn confirm_sign_up_for(
        &self,
        username: &str,
        confirmation_code: &str,
    ) -> Result<(), Error> {
        self.send(&ConfirmSignUpRequest {
            client_id: self.require_client_id()?.to_owned(),
            secret_hash: self.secret_hash_secret(username),
            username: username.to_owned(),
            confirmation_code: confirmation_code.into(),
            client_metadata: self.call_options().client_metadata.clone(),
            user_context_data: self.call_options().user_context_data.clone(),
            ..Default::default()
        })?;
        Ok(())
    }

    /// Sends the handle's user's sign-up code again; returns where it went.
    /// For another user,
    /// [`resend_confirmation_code_for`](Self::resend_confirmation_code_for).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the handle has no username; [`Error::Service`]
    /// with `UserNotFoundException`, `LimitExceededException`…
    pub fn resend_confirmation_code(&self) -> Result<Option<CodeDeliveryDetailsType>, Error> {
        let username = self.own_username(Some("resend_confirmation_code_for(username)"))?;
        self.resend_confirmation_code_for(&username)
    }

    /// Sends `username`'s sign-up code again; returns where it went.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`, `LimitExceededException`…
    pub fn resend_confirmation_code_for(
        &self,
        username: &str,
    ) -> Result<Option<CodeDeliveryDetailsType>, Error> {
        Ok(self
            .send(&ResendConfirmationCodeRequest {
                client_id: self.require_client_id()?.to_owned(),
                secret_hash: self.secret_hash_secret(username),
                username: username.to_owned(),
                client_metadata: self.call_options().client_metadata.clone(),
                user_context_data: self.call_options().user_context_data.clone(),
                ..Default::default()
            })?
            .code_delivery_details)
    }

    /// Starts password recovery for the handle's user (warrant's
    /// `initiate_forgot_password`); returns where the code went.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`, `LimitExceededException`…
    pub fn initiate_forgot_password(&self) -> Result<Option<CodeDeliveryDetailsType>, Error> {
        let username = self.own_username(None)?;
        Ok(self
            .send(&ForgotPasswordRequest {
                client_id: self.require_client_id()?.to_owned(),
                secret_hash: self.secret_hash_secret(&username),
                username,
                client_metadata: self.call_options().client_metadata.clone(),
                user_context_data: self.call_options().user_context_data.clone(),
                ..Default::default()
            })?
            .code_delivery_details)
    }

    /// Sets a new password with the recovery code.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `CodeMismatchException`, `ExpiredCodeException`,
    /// `InvalidPasswordException`…
    pub fn confirm_forgot_password(
        &self,
        confirmation_code: &str,
        password: &str,
    ) -> Result<(), Error> {
        let username = self.own_username(None)?;
        self.send(&ConfirmForgotPasswordRequest {
            client_id: self.require_client_id()?.to_owned(),
            secret_hash: self.secret_hash_secret(&username),
            username,
            confirmation_code: confirmation_code.into(),
            password: password.into(),
            client_metadata: self.call_options().client_metadata.clone(),
            user_context_data: self.call_options().user_context_data.clone(),
            ..Default::default()
        })?;
        Ok(())
    }

    /// Changes the password (checks the token first, as warrant).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `NotAuthorizedException` for a wrong previous
    /// password, `InvalidPasswordException`…
    pub fn change_password(
        &self,
        previous_password: &str,
        proposed_password: &str,
    ) -> Result<(), Error> {
        self.check_token()?;
        self.send(&ChangePasswordRequest {
            previous_password: Some(previous_password.into()),
            proposed_password: proposed_password.into(),
            access_token: self.access_token_for_call()?,
        })?;
        Ok(())
    }

    /// Updates the user's attributes (warrant's `update_profile`); names are
    /// mapped back through the handle's
    /// [`attr_map`](crate::CognitoBuilder::attr_map). Returns where
    /// verification codes went.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `InvalidParameterException`, `AliasExistsException`…
    pub fn update_profile(
        &self,
        attributes: &Attributes,
    ) -> Result<Vec<CodeDeliveryDetailsType>, Error> {
        Ok(self
            .send(&UpdateUserAttributesRequest {
                user_attributes: attributes.to_cognito(self.attr_map()),
                access_token: self.access_token_for_call()?,
                client_metadata: self.call_options().client_metadata.clone(),
            })?
            .code_delivery_details_list
            .unwrap_or_default())
    }

    /// Deletes attributes of the user.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `InvalidParameterException`…
    pub fn delete_user_attributes(&self, names: &[&str]) -> Result<(), Error> {
        self.send(&DeleteUserAttributesRequest {
            user_attribute_names: names.iter().map(|n| (*n).to_owned()).collect(),
            access_token: self.access_token_for_call()?,
        })?;
        Ok(())
    }

    /// Sends a code to verify `attribute` (`email` or `phone_number`);
    /// checks the token first, as warrant.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `LimitExceededException`,
    /// `InvalidParameterException`…
    pub fn send_verification(
        &self,
        attribute: &str,
    ) -> Result<Option<CodeDeliveryDetailsType>, Error> {
        self.check_token()?;
        Ok(self
            .send(&GetUserAttributeVerificationCodeRequest {
                access_token: self.access_token_for_call()?,
                attribute_name: attribute.to_owned(),
                client_metadata: self.call_options().client_metadata.clone(),
            })?
            .code_delivery_details)
    }

    /// Verifies `attribute` with the code; checks the token first, as warrant.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `CodeMismatchException`, `ExpiredCodeException`…
    pub fn validate_verification(
        &self,
        confirmation_code: &str,
        attribute: &str,
    ) -> Result<(), Error> {
        self.check_token()?;
        self.send(&VerifyUserAttributeRequest {
            access_token: self.access_token_for_call()?,
            attribute_name: attribute.to_owned(),
            code: confirmation_code.into(),
        })?;
        Ok(())
    }

    /// The signed-in user with their attributes (warrant's `get_user`),
    /// renamed through the handle's
    /// [`attr_map`](crate::CognitoBuilder::attr_map).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `NotAuthorizedException` for a bad or revoked token…
    pub fn get_user(&self) -> Result<User, Error> {
        let reply = self.send(&GetUserRequest {
            access_token: self.access_token_for_call()?,
        })?;
        Ok(User::from_parts(
            self.clone(),
            reply.username,
            &reply.user_attributes,
            Default::default(),
        ))
    }

    /// Signs the user out everywhere (`GlobalSignOut`) and drops the tokens;
    /// the username stays.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `NotAuthorizedException` for a revoked token…
    pub fn logout(&self) -> Result<(), Error> {
        self.send(&GlobalSignOutRequest {
            access_token: self.access_token_for_call()?,
        })?;
        self.update_tokens(|tokens| *tokens = crate::Tokens::default());
        Ok(())
    }

    /// Revokes the refresh token (and the tokens issued with it), sending the
    /// raw client secret when there is one; drops the tokens.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without a refresh token; [`Error::Service`]:
    /// `UnauthorizedException`, `UnsupportedTokenTypeException`…
    pub fn revoke_token(&self) -> Result<(), Error> {
        let token = self
            .refresh_token()
            .ok_or_else(|| ConfigError::new("no refresh token to revoke"))?;
        self.send(&RevokeTokenRequest {
            token,
            client_id: self.require_client_id()?.to_owned(),
            client_secret: self.client_secret().cloned(),
            revoke_associated_sessions: None,
        })?;
        self.update_tokens(|tokens| *tokens = crate::Tokens::default());
        Ok(())
    }

    /// Deletes the signed-in user and drops the tokens.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `NotAuthorizedException`…
    pub fn delete_user(&self) -> Result<(), Error> {
        self.send(&DeleteUserRequest {
            access_token: self.access_token_for_call()?,
        })?;
        self.update_tokens(|tokens| *tokens = crate::Tokens::default());
        Ok(())
    }

    /// Starts authenticator-app set-up for the signed-in user; returns the
    /// secret to show (also as an `otpauth://` URI through
    /// [`TotpSecret::otpauth_uri`](crate::challenge::TotpSecret::otpauth_uri)).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `SoftwareTokenMFANotFoundException`…
    pub fn associate_software_token(&self) -> Result<crate::challenge::TotpSecret, Error> {
        let reply = self.send(&AssociateSoftwareTokenRequest {
            access_token: Some(self.access_token_for_call()?),
            session: None,
        })?;
        let secret = reply
            .secret_code
            .ok_or(crate::ProtocolError::MissingField {
                operation: "AssociateSoftwareToken".into(),
                field: "SecretCode".into(),
            })?;
        Ok(crate::challenge::TotpSecret { secret })
    }

    /// Verifies a code from the authenticator app, completing set-up;
    /// returns whether Cognito said `SUCCESS`.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `CodeMismatchException`,
    /// `EnableSoftwareTokenMFAException`…
    pub fn verify_software_token(
        &self,
        code: &str,
        friendly_device_name: Option<&str>,
    ) -> Result<bool, Error> {
        let reply = self.send(&VerifySoftwareTokenRequest {
            access_token: Some(self.access_token_for_call()?),
            session: None,
            user_code: code.into(),
            friendly_device_name: friendly_device_name.map(str::to_owned),
        })?;
        Ok(reply.status == Some(VerifySoftwareTokenResponseType::Success))
    }

    /// Sets which MFA methods are enabled and preferred.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `InvalidParameterException`…
    pub fn set_user_mfa_preference(&self, preference: MfaPreference) -> Result<(), Error> {
        let (sms, totp, email) = preference.settings();
        self.send(&SetUserMFAPreferenceRequest {
            sms_mfa_settings: sms,
            software_token_mfa_settings: totp,
            email_mfa_settings: email,
            web_authn_mfa_settings: None,
            access_token: self.access_token_for_call()?,
        })?;
        Ok(())
    }

    /// The user's remembered devices (all pages).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `InvalidUserPoolConfigurationException` when the
    /// pool does not track devices…
    pub fn list_devices(&self) -> Result<Vec<DeviceType>, Error> {
        let access_token = self.access_token_for_call()?;
        crate::client::admin::Pages::new(|token| {
            let reply = self.send(&ListDevicesRequest {
                access_token: access_token.clone(),
                limit: Some(60),
                pagination_token: token,
            })?;
            Ok((reply.devices.unwrap_or_default(), reply.pagination_token))
        })
        .collect()
    }

    /// One device of the user.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException`…
    pub fn get_device(&self, device_key: &str) -> Result<DeviceType, Error> {
        Ok(self
            .send(&GetDeviceRequest {
                device_key: device_key.to_owned(),
                access_token: Some(self.access_token_for_call()?),
            })?
            .device)
    }

    /// Forgets a device in Cognito (and on this handle, if it is the one
    /// remembered here).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException`…
    pub fn forget_device(&self, device_key: &str) -> Result<(), Error> {
        self.send(&ForgetDeviceRequest {
            access_token: Some(self.access_token_for_call()?),
            device_key: device_key.to_owned(),
        })?;
        if self
            .remembered_device()
            .is_some_and(|d| d.device_key == device_key)
        {
            self.forget_remembered_device();
        }
        Ok(())
    }

    /// Marks a device remembered or not.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException`…
    pub fn update_device_status(&self, device_key: &str, remembered: bool) -> Result<(), Error> {
        self.send(&UpdateDeviceStatusRequest {
            access_token: self.access_token_for_call()?,
            device_key: device_key.to_owned(),
            device_remembered_status: Some(if remembered {
                DeviceRememberedStatusType::Remembered
            } else {
                DeviceRememberedStatusType::NotRemembered
            }),
        })?;
        Ok(())
    }
}
