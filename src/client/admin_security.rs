//! A user's security, as an administrator (signed with AWS credentials): MFA
//! factors, identities linked from external providers, the sign-in events
//! threat protection logged (and feedback on them), and sessions.

use crate::client::admin::Pages;
use crate::client::Cognito;
use crate::error::Error;
use crate::types::{
    AdminDeleteSoftwareTokenRequest, AdminDisableProviderForUserRequest,
    AdminGetUserAuthFactorsRequest, AdminGetUserAuthFactorsResponse,
    AdminLinkProviderForUserRequest, AdminListUserAuthEventsRequest, AdminListUserSessionsRequest,
    AdminRevokeUserSessionRequest, AdminSetUserSettingsRequest,
    AdminUpdateAuthEventFeedbackRequest, AuthEventType, FeedbackValueType, MFAOptionType,
    ProviderUserIdentifierType, RevokeAssociatedSessionsType, SessionDescriptionType,
};

impl Cognito {
    /// Deletes a user's authenticator-app (TOTP) factor, for a user who lost
    /// the device; they can set up a new one with
    /// [`associate_software_token`](Self::associate_software_token).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`,
    /// `ResourceNotFoundException`…; [`Error::Credentials`].
    pub fn admin_delete_software_token(&self, username: &str) -> Result<(), Error> {
        self.send(&AdminDeleteSoftwareTokenRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
        })?;
        Ok(())
    }

    /// A user's MFA settings and the factors it can sign in with
    /// (`USER_AUTH`), as an administrator.
    ///
    /// ```
    /// use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
    /// use cognito::credentials::AwsCredentials;
    /// use cognito::types::AuthFactorType;
    ///
    /// let fake = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
    ///     assert_eq!(req.header("x-amz-target"),
    ///                Some("AWSCognitoIdentityProviderService.AdminGetUserAuthFactors"));
    ///     Ok(HttpResponse::new(200, br#"{"Username":"alice","PreferredMfaSetting":"SOFTWARE_TOKEN_MFA",
    ///         "ConfiguredUserAuthFactors":["PASSWORD","SOFTWARE_TOKEN"]}"#.to_vec()))
    /// };
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .credentials(AwsCredentials::new("AKIDEXAMPLE", "secret", None))
    ///     .transport(fake)
    ///     .build()?;
    /// let factors = cognito.admin_get_user_auth_factors("alice")?;
    /// assert_eq!(factors.preferred_mfa_setting.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
    /// assert_eq!(factors.configured_user_auth_factors.unwrap_or_default(),
    ///            [AuthFactorType::Password, AuthFactorType::SoftwareToken]);
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…;
    /// [`Error::Credentials`].
    pub fn admin_get_user_auth_factors(
        &self,
        username: &str,
    ) -> Result<AdminGetUserAuthFactorsResponse, Error> {
        self.send(&AdminGetUserAuthFactorsRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
        })
    }

    /// Sets a user's legacy SMS MFA options (the only valid one is `SMS` to
    /// `phone_number`). Cognito no longer supports this operation beyond
    /// SMS; prefer
    /// [`admin_set_user_mfa_preference`](Self::admin_set_user_mfa_preference).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`,
    /// `InvalidParameterException`…; [`Error::Credentials`].
    pub fn admin_set_user_settings(
        &self,
        username: &str,
        mfa_options: &[MFAOptionType],
    ) -> Result<(), Error> {
        self.send(&AdminSetUserSettingsRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            mfa_options: mfa_options.to_vec(),
        })?;
        Ok(())
    }

    /// Links an external provider's identity (`source`, not yet a user of
    /// the pool) to an existing user (`destination`), who can then sign in
    /// through that provider. Link only providers and attributes you trust.
    ///
    /// ```
    /// use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
    /// use cognito::credentials::AwsCredentials;
    /// use cognito::types::ProviderUserIdentifierType;
    ///
    /// let fake = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
    ///     let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
    ///     assert_eq!(body["DestinationUser"]["ProviderName"], "Cognito");
    ///     assert_eq!(body["SourceUser"]["ProviderAttributeName"], "Cognito_Subject");
    ///     Ok(HttpResponse::new(200, b"{}".to_vec()))
    /// };
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .credentials(AwsCredentials::new("AKIDEXAMPLE", "secret", None))
    ///     .transport(fake)
    ///     .build()?;
    /// cognito.admin_link_provider_for_user(
    ///     &ProviderUserIdentifierType::cognito_user("alice"),
    ///     &ProviderUserIdentifierType::subject("Google", "109876543210987654321"),
    /// )?;
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException` (no destination user),
    /// `AliasExistsException`, `LimitExceededException` (five links at
    /// most)…; [`Error::Credentials`].
    pub fn admin_link_provider_for_user(
        &self,
        destination: &ProviderUserIdentifierType,
        source: &ProviderUserIdentifierType,
    ) -> Result<(), Error> {
        self.send(&AdminLinkProviderForUserRequest {
            user_pool_id: self.pool()?,
            destination_user: destination.clone(),
            source_user: source.clone(),
        })?;
        Ok(())
    }

    /// Stops a user signing in through an external provider, removing a
    /// link; `user` names the linked identity as it was linked (or with
    /// `Cognito_Subject` once the user has signed in through it).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`,
    /// `AliasExistsException`…; [`Error::Credentials`].
    pub fn admin_disable_provider_for_user(
        &self,
        user: &ProviderUserIdentifierType,
    ) -> Result<(), Error> {
        self.send(&AdminDisableProviderForUserRequest {
            user_pool_id: self.pool()?,
            user: user.clone(),
        })?;
        Ok(())
    }

    /// Every authentication event threat protection logged for a user (all
    /// pages, newest first).
    ///
    /// ```
    /// use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
    /// use cognito::credentials::AwsCredentials;
    /// use cognito::types::{EventType, RiskLevelType};
    ///
    /// let fake = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
    ///     assert_eq!(req.header("x-amz-target"),
    ///                Some("AWSCognitoIdentityProviderService.AdminListUserAuthEvents"));
    ///     Ok(HttpResponse::new(200, br#"{"AuthEvents":[{"EventId":"e-1","EventType":"SignIn",
    ///         "EventRisk":{"RiskLevel":"Low"}}]}"#.to_vec()))
    /// };
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .credentials(AwsCredentials::new("AKIDEXAMPLE", "secret", None))
    ///     .transport(fake)
    ///     .build()?;
    /// let events = cognito.admin_list_user_auth_events("alice")?;
    /// assert_eq!(events[0].event_type, Some(EventType::SignIn));
    /// assert_eq!(events[0].event_risk.as_ref().and_then(|r| r.risk_level.clone()),
    ///            Some(RiskLevelType::Low));
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserPoolAddOnNotEnabledException` when
    /// threat protection is off, `UserNotFoundException`…;
    /// [`Error::Credentials`].
    pub fn admin_list_user_auth_events(&self, username: &str) -> Result<Vec<AuthEventType>, Error> {
        self.admin_user_auth_events(username).collect()
    }

    /// A user's logged authentication events, fetched a page at a time as
    /// the iterator advances.
    pub fn admin_user_auth_events<'a>(
        &'a self,
        username: &'a str,
    ) -> impl Iterator<Item = Result<AuthEventType, Error>> + 'a {
        Pages::new(move |token| {
            let reply = self.send(&AdminListUserAuthEventsRequest {
                user_pool_id: self.pool()?,
                username: username.to_owned(),
                max_results: Some(60),
                next_token: token,
            })?;
            Ok((reply.auth_events.unwrap_or_default(), reply.next_token))
        })
    }

    /// Tells threat protection whether a logged event (by its `EventId`) was
    /// the real user (`Valid`) or not (`Invalid`).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserPoolAddOnNotEnabledException`,
    /// `ResourceNotFoundException` (no such event)…; [`Error::Credentials`].
    pub fn admin_update_auth_event_feedback(
        &self,
        username: &str,
        event_id: &str,
        feedback: FeedbackValueType,
    ) -> Result<(), Error> {
        self.send(&AdminUpdateAuthEventFeedbackRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            event_id: event_id.to_owned(),
            feedback_value: feedback,
        })?;
        Ok(())
    }

    /// A user's active sessions, token and SSO (all pages; Cognito sends up
    /// to 125 in one).
    ///
    /// ```
    /// use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
    /// use cognito::credentials::AwsCredentials;
    ///
    /// let fake = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
    ///     assert_eq!(req.header("x-amz-target"),
    ///                Some("AWSCognitoIdentityProviderService.AdminListUserSessions"));
    ///     Ok(HttpResponse::new(200, br#"{"Sessions":[{"SessionId":"tkn0123456789abcdefghijklmno",
    ///         "SessionType":"TOKEN","ClientId":"client"}]}"#.to_vec()))
    /// };
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .credentials(AwsCredentials::new("AKIDEXAMPLE", "secret", None))
    ///     .transport(fake)
    ///     .build()?;
    /// let sessions = cognito.admin_list_user_sessions("alice")?;
    /// assert_eq!(sessions[0].session_id.as_deref(), Some("tkn0123456789abcdefghijklmno"));
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `UserNotFoundException`…;
    /// [`Error::Credentials`].
    pub fn admin_list_user_sessions(
        &self,
        username: &str,
    ) -> Result<Vec<SessionDescriptionType>, Error> {
        Pages::new(|token| {
            let reply = self.send(&AdminListUserSessionsRequest {
                user_pool_id: self.pool()?,
                username: username.to_owned(),
                next_token: token,
            })?;
            Ok((reply.sessions.unwrap_or_default(), reply.next_token))
        })
        .collect()
    }

    /// Revokes one of a user's sessions (its refresh and access tokens);
    /// `associated` [`Linked`](RevokeAssociatedSessionsType::Linked) also
    /// revokes the sessions linked to it, [`None`](RevokeAssociatedSessionsType::None)
    /// only this one.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException` (no such
    /// session), `UserNotFoundException`…; [`Error::Credentials`].
    pub fn admin_revoke_user_session(
        &self,
        username: &str,
        session_id: &str,
        associated: RevokeAssociatedSessionsType,
    ) -> Result<(), Error> {
        self.send(&AdminRevokeUserSessionRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            session_id: session_id.to_owned(),
            revoke_associated_sessions: Some(associated),
        })?;
        Ok(())
    }
}
