//! The [`Cognito`] handle and its builder.
//!
//! One handle holds the pool id, client id, optional client secret, username
//! and tokens, plus the endpoint, transport, clock and credentials. It is
//! `Clone + Send + Sync`; clones share the token slot and the credential
//! cache, so a handle can be passed to many threads. Every method takes
//! `&self`.
//!
//! The handle is a [`Config`](config::Config), written once by the builder,
//! beside a [`State`](state::State) its clones share, and the
//! [`CallOptions`](call_options::CallOptions) of this handle or view
//! (`ClientMetadata` and context data; see `call_options.rs`). The
//! operations live with their concerns; every one of them goes through the
//! pipeline in `call.rs`: build → sign if the model says so → send → parse.

pub(crate) mod admin;
pub(crate) mod admin_devices;
pub(crate) mod admin_security;
pub(crate) mod attributes;
pub(crate) mod builder;
pub(crate) mod call;
pub(crate) mod call_options;
pub(crate) mod config;
pub(crate) mod refresh;
pub(crate) mod renewal;
pub(crate) mod self_service;
pub(crate) mod state;
pub(crate) mod tokens;
pub(crate) mod user;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::client::attributes::AttrMap;
pub use crate::client::builder::CognitoBuilder;
use crate::client::call_options::CallOptions;
use crate::client::config::Config;
use crate::client::state::{lock, read, write, State};
pub use crate::client::tokens::Tokens;
use crate::clock::DebugClock;
use crate::credentials::AwsCredentials;
use crate::error::{ConfigError, Error};
use crate::protocol::endpoint::ResolvedEndpoint;
use crate::protocol::operations;
use crate::protocol::secret_hash::secret_hash;
use crate::secret::SecretString;

/// The claims of the tokens [`Cognito::verify_tokens`] checked.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedTokens {
    /// The id token's claims.
    pub id: Option<crate::tokens::jwt::Claims>,
    /// The access token's claims.
    pub access: Option<crate::tokens::jwt::Claims>,
}

/// A remembered device: what to persist after a sign-in that registered one,
/// and give back to later handles so they sign in with device SRP (and skip
/// MFA where the pool allows).
///
/// `Debug` redacts the device password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RememberedDevice {
    /// `DeviceKey`.
    pub device_key: String,
    /// `DeviceGroupKey`.
    pub device_group_key: String,
    /// The random device password whose verifier Cognito holds.
    pub device_password: SecretString,
}

/// A client for one Cognito user pool and app client.
///
/// ```
/// use cognito::Cognito;
///
/// let cognito = Cognito::builder()
///     .user_pool_id("eu-west-1_AbC123xyz")
///     .client_id("1example23456789")
///     .username("alice")
///     .build()
///     .unwrap();
/// assert_eq!(cognito.region(), "eu-west-1");
/// assert_eq!(cognito.endpoint_url(), "https://cognito-idp.eu-west-1.amazonaws.com");
/// ```
///
/// # Data for Lambda triggers and threat protection
///
/// A view made by [`with_client_metadata`](Self::with_client_metadata),
/// [`with_validation_data`](Self::with_validation_data),
/// [`with_user_context_data`](Self::with_user_context_data) or
/// [`with_context_data`](Self::with_context_data) (or a handle built with
/// the builder's defaults) sends them in every request whose operation
/// accepts them in the API model:
///
/// | Member | Operations | Methods |
/// |---|---|---|
/// | `ClientMetadata` | `SignUp`, `ConfirmSignUp`, `ResendConfirmationCode`, `ForgotPassword`, `ConfirmForgotPassword`, `InitiateAuth`, `RespondToAuthChallenge`, `GetTokensFromRefreshToken`, `UpdateUserAttributes`, `GetUserAttributeVerificationCode`, `AdminInitiateAuth`, `AdminRespondToAuthChallenge`, `AdminCreateUser`, `AdminConfirmSignUp`, `AdminResetUserPassword`, `AdminUpdateUserAttributes` | every sign-in, challenge answer and renewal; `register`, `confirm_sign_up`, `resend_confirmation_code`, `initiate_forgot_password`, `confirm_forgot_password`, `update_profile`, `send_verification`, `admin_create_user`, `admin_confirm_sign_up`, `admin_reset_password`, `admin_update_profile` |
/// | `ValidationData` | `SignUp`, `AdminCreateUser` | `register`, `admin_create_user` |
/// | `UserContextData` | `SignUp`, `ConfirmSignUp`, `ResendConfirmationCode`, `ForgotPassword`, `ConfirmForgotPassword`, `InitiateAuth`, `RespondToAuthChallenge` | the user-side sign-ins, their challenge answers and `REFRESH_TOKEN_AUTH` renewals; `register`, `confirm_sign_up`, `resend_confirmation_code`, `initiate_forgot_password`, `confirm_forgot_password` |
/// | `ContextData` | `AdminInitiateAuth`, `AdminRespondToAuthChallenge` | `admin_authenticate` and its challenge answers |
///
/// `GetClientToken` also accepts `ClientMetadata`; no method calls it.
/// [`call`](Self::call) and [`send`](Self::send) send their input as given.
#[derive(Clone)]
pub struct Cognito {
    inner: Arc<Inner>,
    /// What this handle (or view) adds to the requests that accept it.
    view: Arc<CallOptions>,
}

/// A handle's insides: what it was built with, and what changes.
struct Inner {
    config: Arc<Config>,
    state: State,
}

impl fmt::Debug for Cognito {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tokens = self.tokens();
        f.debug_struct("Cognito")
            .field("user_pool_id", &self.user_pool_id())
            .field("client_id", &self.client_id())
            .field("client_secret", &self.client_secret())
            .field("username", &self.username())
            .field("region", &self.region())
            .field("endpoint", &self.endpoint_url())
            .field("tokens", &tokens)
            .field("attr_map", self.attr_map())
            .field("clock", &DebugClock)
            .field("call_options", &self.view)
            .finish_non_exhaustive()
    }
}

impl Cognito {
    pub(crate) fn config(&self) -> &Config {
        &self.inner.config
    }

    fn state(&self) -> &State {
        &self.inner.state
    }

    /// A handle with this one's configuration and call options but a state of
    /// its own: no username, tokens or remembered device, its own renewal
    /// lock. For a server, one per user or request from one base handle.
    pub(crate) fn fresh(&self) -> Cognito {
        Cognito {
            inner: Arc::new(Inner {
                config: Arc::clone(&self.inner.config),
                state: State::default(),
            }),
            view: Arc::clone(&self.view),
        }
    }

    /// Starts configuring a handle.
    pub fn builder() -> CognitoBuilder {
        CognitoBuilder::default()
    }

    /// A handle for `user_pool_id` and `client_id` with every other setting
    /// at its default, as `warrant.Cognito(user_pool_id, client_id)`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the pool id is malformed or the endpoint
    /// settings from the environment are invalid.
    pub fn new(user_pool_id: &str, client_id: &str) -> Result<Self, Error> {
        Self::builder()
            .user_pool_id(user_pool_id)
            .client_id(client_id)
            .build()
    }

    /// Whether `operation` is one of the API model's 153 operations
    /// (botocore 1.44.8).
    pub fn is_modelled_operation(operation: &str) -> bool {
        operations::is_known(operation)
    }

    /// Whether [`call`](Self::call) signs `operation` with SigV4: the API
    /// model leaves 34 user-side operations unsigned; every other name,
    /// including ones the model does not know, is signed.
    pub fn is_signed_operation(operation: &str) -> bool {
        !operations::is_unsigned(operation)
    }

    /// The user pool id, if set.
    pub fn user_pool_id(&self) -> Option<&str> {
        self.config().options.user_pool_id.as_deref()
    }

    /// The app client id, if set.
    pub fn client_id(&self) -> Option<&str> {
        self.config().options.client_id.as_deref()
    }

    /// The app client secret, if set.
    pub fn client_secret(&self) -> Option<&SecretString> {
        self.config().options.client_secret.as_ref()
    }

    /// SECRET_HASH over `username`, when the client has a secret.
    pub(crate) fn secret_hash_for(&self, username: &str) -> Option<String> {
        let secret = self.client_secret()?;
        let client_id = self.client_id()?;
        Some(secret_hash(secret.expose_secret(), username, client_id))
    }

    /// The region calls are signed for and, without an override, sent to.
    pub fn region(&self) -> &str {
        &self.config().endpoint.region
    }

    /// The base URL calls go to (no trailing slash).
    pub fn endpoint_url(&self) -> &str {
        &self.config().endpoint.url
    }

    /// The resolved endpoint: URL, signing region, partition.
    pub fn endpoint(&self) -> &ResolvedEndpoint {
        &self.config().endpoint
    }

    /// The renames between Cognito's attribute names and the caller's, set
    /// with [`CognitoBuilder::attr_map`]; empty by default.
    pub fn attr_map(&self) -> &AttrMap {
        &self.config().options.attr_map
    }

    /// The username the handle acts for, if known.
    pub fn username(&self) -> Option<String> {
        read(&self.state().username).clone()
    }

    /// Sets the username the handle acts for.
    pub fn set_username(&self, username: impl Into<String>) {
        *write(&self.state().username) = Some(username.into());
    }

    /// A copy of the tokens the handle holds.
    pub fn tokens(&self) -> Tokens {
        read(&self.state().tokens).clone()
    }

    /// The access token, if the handle holds one: a copy, so reading it is
    /// one expression.
    ///
    /// ```
    /// use cognito::Cognito;
    ///
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("eu-west-1_AbC123xyz")
    ///     .access_token("eyJ.e30.c2ln")
    ///     .build()?;
    /// let bearer = format!("Bearer {}", cognito.access_token().unwrap().expose_secret());
    /// assert_eq!(bearer, "Bearer eyJ.e30.c2ln");
    /// assert!(cognito.id_token().is_none() && cognito.refresh_token().is_none());
    /// # Ok::<(), cognito::Error>(())
    /// ```
    pub fn access_token(&self) -> Option<SecretString> {
        read(&self.state().tokens).access_token.clone()
    }

    /// The id token, if the handle holds one (a copy).
    pub fn id_token(&self) -> Option<SecretString> {
        read(&self.state().tokens).id_token.clone()
    }

    /// The refresh token, if the handle holds one (a copy).
    pub fn refresh_token(&self) -> Option<SecretString> {
        read(&self.state().tokens).refresh_token.clone()
    }

    /// Replaces the tokens the handle holds. They are renewed through the
    /// API from then on, even if the old ones came from an OAuth domain.
    pub fn set_tokens(&self, tokens: Tokens) {
        *write(&self.state().tokens) = tokens;
        *write(&self.state().oauth_origin) = None;
    }

    /// The OAuth domain whose token endpoint issued the held tokens.
    pub(crate) fn oauth_origin(&self) -> Option<crate::oauth::Domain> {
        read(&self.state().oauth_origin).clone()
    }

    /// Records that the held tokens came from `domain`'s token endpoint.
    pub(crate) fn set_oauth_origin(&self, domain: Option<crate::oauth::Domain>) {
        *write(&self.state().oauth_origin) = domain;
    }

    /// The transport requests go through.
    pub(crate) fn transport(&self) -> &Arc<dyn crate::http::Transport> {
        &self.config().transport
    }

    /// Changes the tokens under the lock, so concurrent updates do not race.
    pub(crate) fn update_tokens<R>(&self, f: impl FnOnce(&mut Tokens) -> R) -> R {
        f(&mut write(&self.state().tokens))
    }

    /// The remembered device, if any (set by the builder or by a sign-in
    /// that registered a new device).
    pub fn remembered_device(&self) -> Option<RememberedDevice> {
        read(&self.state().device).clone()
    }

    /// Replaces the remembered device.
    pub fn set_remembered_device(&self, device: Option<RememberedDevice>) {
        *write(&self.state().device) = device;
    }

    /// Forgets the remembered device on this handle (Cognito keeps it).
    pub fn forget_remembered_device(&self) {
        self.set_remembered_device(None);
    }

    /// The name a new device is registered under.
    pub(crate) fn device_name(&self) -> String {
        self.config().device_name.clone()
    }

    /// Fills `buf` from the handle's random source (the operating system's
    /// unless the builder set another).
    pub(crate) fn fill_random(&self, buf: &mut [u8]) -> Result<(), String> {
        (self.config().options.random)(buf)
    }

    /// A fresh SRP client whose private value comes from the handle's
    /// random source.
    pub(crate) fn new_srp_client(&self) -> Result<crate::protocol::srp::SrpClient, Error> {
        Ok(crate::protocol::srp::SrpClient::with_random(
            |buf: &mut [u8]| self.fill_random(buf),
        )?)
    }

    /// How long before `exp` a token counts as expired.
    pub fn refresh_margin(&self) -> Duration {
        self.config().options.refresh_margin
    }

    /// Whether renewals use `GetTokensFromRefreshToken` (refresh-token rotation).
    pub fn refresh_token_rotation(&self) -> bool {
        self.config().options.refresh_token_rotation
    }

    /// The access token for a call, renewed first when it has expired and
    /// the handle refreshes automatically.
    pub(crate) fn access_token_for_call(&self) -> Result<SecretString, Error> {
        if self.config().options.auto_refresh && self.refresh_token().is_some() {
            self.check_token()?;
        }
        self.access_token().ok_or_else(|| {
            ConfigError::new(
                "this call needs an access token: sign in first, or set one with .access_token(…)",
            )
            .into()
        })
    }

    /// Whether renewed tokens are verified before they are stored.
    pub fn verifies_renewed_tokens(&self) -> bool {
        self.config().options.verify_renewed_tokens
    }

    /// The handle's token verifier (built on first use, then shared): the
    /// pool's keys, the handle's client id, the handle's issuer setting (by
    /// default both forms Cognito issues), transport and clock.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without a pool id or client id.
    pub fn token_verifier(&self) -> Result<crate::tokens::verifier::TokenVerifier, Error> {
        if let Some(v) = self.state().verifier.get() {
            return Ok(v.clone());
        }
        let mut builder =
            crate::tokens::verifier::TokenVerifier::builder(self.require_user_pool_id()?)
                .client_id(self.require_client_id()?)
                .region(self.region())
                .shared_transport(Arc::clone(&self.config().transport))
                .shared_clock(Arc::clone(&self.config().options.clock))
                .allow_insecure_http(self.config().options.allow_insecure_http)
                .key_source(self.config().options.key_source.clone());
        for issuer in &self.config().options.issuers {
            builder = builder.issuer(issuer.clone());
        }
        if self.config().endpoint.custom_endpoint.is_some() {
            builder = builder.endpoint(self.endpoint_url());
        }
        let verifier = builder.build()?;
        Ok(self.state().verifier.get_or_init(|| verifier).clone())
    }

    /// Verifies the held id and access tokens against the pool's keys and
    /// returns their claims (`None` for a token the handle does not hold).
    ///
    /// # Errors
    ///
    /// [`Error::Token`] naming why a token was refused; [`Error::KeySet`]
    /// when the keys cannot be had; [`Error::Config`] without a pool or
    /// client id, or without any token.
    pub fn verify_tokens(&self) -> Result<VerifiedTokens, Error> {
        let tokens = self.tokens();
        if tokens.id_token.is_none() && tokens.access_token.is_none() {
            return Err(ConfigError::new("no tokens to verify: sign in first").into());
        }
        let verifier = self.token_verifier()?;
        let check = |token: &Option<SecretString>, token_use| {
            token
                .as_ref()
                .map(|t| verifier.verify_as(t.expose_secret(), token_use))
                .transpose()
        };
        Ok(VerifiedTokens {
            id: check(&tokens.id_token, crate::tokens::jwt::TokenUse::Id)?,
            access: check(&tokens.access_token, crate::tokens::jwt::TokenUse::Access)?,
        })
    }

    /// The handle's clock's current time.
    pub(crate) fn now(&self) -> SystemTime {
        self.config().options.clock.now()
    }

    /// The client id, or a configuration error naming the setting.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the handle has no client id.
    pub(crate) fn require_client_id(&self) -> Result<&str, Error> {
        self.client_id().ok_or_else(|| {
            ConfigError::new("this call needs an app client id; set it with .client_id(…)").into()
        })
    }

    /// The pool id, or a configuration error naming the setting.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the handle has no pool id.
    pub(crate) fn require_user_pool_id(&self) -> Result<&str, Error> {
        self.user_pool_id().ok_or_else(|| {
            ConfigError::new("this call needs a user pool id; set it with .user_pool_id(…)").into()
        })
    }

    /// The AWS credentials for signed calls: resolved on first use, cached
    /// until they expire. Concurrent first uses resolve once.
    ///
    /// # Errors
    ///
    /// [`Error::Credentials`] naming where the provider looked.
    pub fn credentials(&self) -> Result<AwsCredentials, Error> {
        let mut slot = lock(&self.state().credentials);
        if let Some(creds) = slot.as_ref() {
            if !creds.is_expired(self.now()) {
                return Ok(creds.clone());
            }
        }
        let fresh = self.config().provider.provide()?;
        *slot = Some(fresh.clone());
        Ok(fresh)
    }
}

#[cfg(test)]
mod tests;
