//! The [`Cognito`] handle and its builder.
//!
//! One handle holds the pool id, client id, optional client secret, username
//! and tokens, plus the endpoint, transport, clock and credentials. It is
//! `Clone + Send + Sync`; clones share the token slot and the credential
//! cache, so a handle can be passed to many threads. Every method takes
//! `&self`.
//!
//! The operations themselves live with their concerns; this file has the
//! settings, the shared state and the one path every call takes:
//! build → sign if the model says so → send → parse.

pub(crate) mod admin;
pub(crate) mod attributes;
pub(crate) mod builder;
pub(crate) mod refresh;
pub(crate) mod self_service;
pub(crate) mod user;

use std::fmt;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use serde::de::DeserializeOwned;
use serde_json::Value;

pub use crate::client::builder::CognitoBuilder;
use crate::clock::{Clock, DebugClock};
use crate::credentials::{AwsCredentials, ProvideCredentials};
use crate::error::{ConfigError, Error};
use crate::http::{HttpRequest, HttpResponse, Transport};
use crate::protocol::endpoint::ResolvedEndpoint;
use crate::protocol::operations;
use crate::protocol::signing::sign_request;
use crate::protocol::wire;
use crate::secret::SecretString;
use crate::types::Operation;

pub(crate) type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Fills a buffer with random bytes; see [`CognitoBuilder::random`].
pub(crate) type RandomSource = Arc<dyn Fn(&mut [u8]) -> Result<(), String> + Send + Sync>;

/// The tokens a handle holds after sign-in.
///
/// `Debug` redacts the tokens themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    /// The id token (a JWT with the user's attributes).
    pub id_token: Option<SecretString>,
    /// The access token (a JWT for the user's own operations).
    pub access_token: Option<SecretString>,
    /// The refresh token (opaque).
    pub refresh_token: Option<SecretString>,
    /// The token type, normally `Bearer`.
    pub token_type: Option<String>,
    /// The lifetime Cognito announced, in seconds; when the reply has none
    /// (cognito-local), the seconds left until the access token's `exp`.
    pub expires_in: Option<u64>,
    /// When the access token expires.
    pub expires_at: Option<SystemTime>,
}

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
#[derive(Clone)]
pub struct Cognito {
    inner: Arc<Inner>,
}

/// Everything a handle is built from; the builder fills it.
pub(crate) struct Settings {
    pub(crate) user_pool_id: Option<String>,
    pub(crate) client_id: Option<String>,
    pub(crate) client_secret: Option<SecretString>,
    pub(crate) username: Option<String>,
    pub(crate) tokens: Tokens,
    pub(crate) device: Option<RememberedDevice>,
    pub(crate) device_name: String,
    pub(crate) endpoint: ResolvedEndpoint,
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) provider: Arc<dyn ProvideCredentials>,
    pub(crate) random: RandomSource,
    pub(crate) refresh_margin: Duration,
    pub(crate) refresh_token_rotation: bool,
    pub(crate) auto_refresh: bool,
    pub(crate) issuers: Vec<String>,
    pub(crate) key_source: Option<crate::tokens::verifier::KeySource>,
    pub(crate) verify_renewed_tokens: bool,
    pub(crate) retry: crate::http::retry::RetryPolicy,
}

struct Inner {
    user_pool_id: Option<String>,
    client_id: Option<String>,
    client_secret: Option<SecretString>,
    username: RwLock<Option<String>>,
    tokens: RwLock<Tokens>,
    device: RwLock<Option<RememberedDevice>>,
    device_name: String,
    endpoint: ResolvedEndpoint,
    transport: Arc<dyn Transport>,
    clock: Arc<dyn Clock>,
    provider: Arc<dyn ProvideCredentials>,
    credentials: Mutex<Option<AwsCredentials>>,
    refresh_lock: Mutex<()>,
    random: RandomSource,
    refresh_margin: Duration,
    refresh_token_rotation: bool,
    auto_refresh: bool,
    issuers: Vec<String>,
    key_source: Option<crate::tokens::verifier::KeySource>,
    verify_renewed_tokens: bool,
    verifier: std::sync::OnceLock<crate::tokens::verifier::TokenVerifier>,
    retry: crate::http::retry::RetryPolicy,
}

impl fmt::Debug for Cognito {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tokens = self.tokens();
        f.debug_struct("Cognito")
            .field("user_pool_id", &self.inner.user_pool_id)
            .field("client_id", &self.inner.client_id)
            .field("client_secret", &self.inner.client_secret)
            .field("username", &self.username())
            .field("region", &self.region())
            .field("endpoint", &self.endpoint_url())
            .field("tokens", &tokens)
            .field("clock", &DebugClock)
            .finish_non_exhaustive()
    }
}

impl Cognito {
    pub(crate) fn from_settings(s: Settings) -> Self {
        Cognito {
            inner: Arc::new(Inner {
                user_pool_id: s.user_pool_id,
                client_id: s.client_id,
                client_secret: s.client_secret,
                username: RwLock::new(s.username),
                tokens: RwLock::new(s.tokens),
                device: RwLock::new(s.device),
                device_name: s.device_name,
                endpoint: s.endpoint,
                transport: s.transport,
                clock: s.clock,
                provider: s.provider,
                credentials: Mutex::new(None),
                refresh_lock: Mutex::new(()),
                random: s.random,
                refresh_margin: s.refresh_margin,
                refresh_token_rotation: s.refresh_token_rotation,
                auto_refresh: s.auto_refresh,
                issuers: s.issuers,
                key_source: s.key_source,
                verify_renewed_tokens: s.verify_renewed_tokens,
                verifier: std::sync::OnceLock::new(),
                retry: s.retry,
            }),
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
        self.inner.user_pool_id.as_deref()
    }

    /// The app client id, if set.
    pub fn client_id(&self) -> Option<&str> {
        self.inner.client_id.as_deref()
    }

    /// The app client secret, if set.
    pub fn client_secret(&self) -> Option<&SecretString> {
        self.inner.client_secret.as_ref()
    }

    /// The region calls are signed for and, without an override, sent to.
    pub fn region(&self) -> &str {
        &self.inner.endpoint.region
    }

    /// The base URL calls go to (no trailing slash).
    pub fn endpoint_url(&self) -> &str {
        &self.inner.endpoint.url
    }

    /// The resolved endpoint: URL, signing region, partition.
    pub fn endpoint(&self) -> &ResolvedEndpoint {
        &self.inner.endpoint
    }

    /// The username the handle acts for, if known.
    pub fn username(&self) -> Option<String> {
        read(&self.inner.username).clone()
    }

    /// Sets the username the handle acts for.
    pub fn set_username(&self, username: impl Into<String>) {
        *write(&self.inner.username) = Some(username.into());
    }

    /// A copy of the tokens the handle holds.
    pub fn tokens(&self) -> Tokens {
        read(&self.inner.tokens).clone()
    }

    /// Replaces the tokens the handle holds.
    pub fn set_tokens(&self, tokens: Tokens) {
        *write(&self.inner.tokens) = tokens;
    }

    /// Changes the tokens under the lock, so concurrent updates do not race.
    pub(crate) fn update_tokens<R>(&self, f: impl FnOnce(&mut Tokens) -> R) -> R {
        f(&mut write(&self.inner.tokens))
    }

    /// The remembered device, if any (set by the builder or by a sign-in
    /// that registered a new device).
    pub fn remembered_device(&self) -> Option<RememberedDevice> {
        read(&self.inner.device).clone()
    }

    /// Replaces the remembered device.
    pub fn set_remembered_device(&self, device: Option<RememberedDevice>) {
        *write(&self.inner.device) = device;
    }

    /// Forgets the remembered device on this handle (Cognito keeps it).
    pub fn forget_remembered_device(&self) {
        self.set_remembered_device(None);
    }

    /// The name a new device is registered under.
    pub(crate) fn device_name(&self) -> String {
        self.inner.device_name.clone()
    }

    /// Serialises renewals: held while a refresh is in flight.
    pub(crate) fn refresh_lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.inner
            .refresh_lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Fills `buf` from the handle's random source (the operating system's
    /// unless the builder set another).
    pub(crate) fn fill_random(&self, buf: &mut [u8]) -> Result<(), String> {
        (self.inner.random)(buf)
    }

    /// A fresh SRP client whose private value comes from the handle's
    /// random source.
    pub(crate) fn new_srp_client(&self) -> Result<crate::protocol::srp::SrpClient, Error> {
        Ok(crate::protocol::srp::SrpClient::with_random(
            |buf: &mut [u8]| self.fill_random(buf),
        )?)
    }

    /// A fresh device verifier (password and salt from the handle's random
    /// source).
    pub(crate) fn new_device_verifier(
        &self,
        device_group_key: &str,
        device_key: &str,
    ) -> Result<crate::protocol::srp::DeviceVerifier, Error> {
        Ok(crate::protocol::srp::DeviceVerifier::with_random(
            device_group_key,
            device_key,
            |buf: &mut [u8]| self.fill_random(buf),
        )?)
    }

    /// How long before `exp` a token counts as expired.
    pub fn refresh_margin(&self) -> Duration {
        self.inner.refresh_margin
    }

    /// Whether renewals use `GetTokensFromRefreshToken` (refresh-token rotation).
    pub fn refresh_token_rotation(&self) -> bool {
        self.inner.refresh_token_rotation
    }

    /// The access token for a call, renewed first when it has expired and
    /// the handle refreshes automatically.
    pub(crate) fn access_token_for_call(&self) -> Result<SecretString, Error> {
        if self.inner.auto_refresh && self.tokens().refresh_token.is_some() {
            self.check_token(true)?;
        }
        self.tokens().access_token.ok_or_else(|| {
            ConfigError::new(
                "this call needs an access token: sign in first, or set one with .access_token(…)",
            )
            .into()
        })
    }

    /// Whether renewed tokens are verified before they are stored.
    pub fn verifies_renewed_tokens(&self) -> bool {
        self.inner.verify_renewed_tokens
    }

    /// The handle's token verifier (built on first use, then shared): the
    /// pool's keys, the handle's client id, the handle's issuer setting (by
    /// default both forms Cognito issues), transport and clock.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without a pool id or client id.
    pub fn token_verifier(&self) -> Result<crate::tokens::verifier::TokenVerifier, Error> {
        if let Some(v) = self.inner.verifier.get() {
            return Ok(v.clone());
        }
        let mut builder =
            crate::tokens::verifier::TokenVerifier::builder(self.require_user_pool_id()?)
                .client_id(self.require_client_id()?)
                .region(self.region())
                .shared_transport(Arc::clone(&self.inner.transport))
                .shared_clock(Arc::clone(&self.inner.clock))
                .key_source(self.inner.key_source.clone());
        for issuer in &self.inner.issuers {
            builder = builder.issuer(issuer.clone());
        }
        if self.inner.endpoint.custom_endpoint.is_some() {
            builder = builder.endpoint(self.endpoint_url());
        }
        let verifier = builder.build()?;
        Ok(self.inner.verifier.get_or_init(|| verifier).clone())
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
    pub fn now(&self) -> SystemTime {
        self.inner.clock.now()
    }

    /// The client id, or a configuration error naming the setting.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the handle has no client id.
    pub fn require_client_id(&self) -> Result<&str, Error> {
        self.client_id().ok_or_else(|| {
            ConfigError::new("this call needs an app client id; set it with .client_id(…)").into()
        })
    }

    /// The pool id, or a configuration error naming the setting.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the handle has no pool id.
    pub fn require_user_pool_id(&self) -> Result<&str, Error> {
        self.user_pool_id().ok_or_else(|| {
            ConfigError::new("this call needs a user pool id; set it with .user_pool_id(…)").into()
        })
    }

    /// Calls any operation with a JSON input and returns the JSON reply: the
    /// escape hatch for operations this crate has no method for (creating
    /// pools in a test, a newer operation). Signed with SigV4 unless the API
    /// model marks the operation unsigned; an operation the model does not
    /// know is signed.
    ///
    /// ```
    /// use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
    /// use serde_json::json;
    ///
    /// let fake = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
    ///     assert!(req.header("authorization").is_none(), "SignUp goes unsigned");
    ///     Ok(HttpResponse::new(200, br#"{"UserConfirmed":false,"UserSub":"1234"}"#.to_vec()))
    /// };
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .client_id("client")
    ///     .transport(fake)
    ///     .build()?;
    /// let reply = cognito.call("SignUp", &json!({"ClientId": "client", "Username": "alice", "Password": "Passw0rd!"}))?;
    /// assert_eq!(reply["UserSub"], "1234");
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a malformed operation name or an input
    /// that is not a JSON object; otherwise as [`Cognito::send`].
    pub fn call(&self, operation: &str, input: &Value) -> Result<Value, Error> {
        if operation.is_empty() || !operation.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(Error::InvalidArgument(format!(
                "{operation:?} is not an operation name"
            )));
        }
        let body = match input {
            Value::Null => b"{}".to_vec(),
            Value::Object(_) => serde_json::to_vec(input).map_err(|e| {
                Error::InvalidArgument(format!("the input could not be serialized: {e}"))
            })?,
            _ => {
                return Err(Error::InvalidArgument(format!(
                    "the input of {operation} must be a JSON object"
                )))
            }
        };
        self.execute(operation, body)
    }

    /// Sends a typed request and returns its typed reply.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] when Cognito answers with an error,
    /// [`Error::Http`]/[`Error::Parse`] for replies that cannot be read,
    /// [`Error::Transport`] when no reply came, [`Error::Credentials`] when a
    /// signed operation finds no AWS credentials, [`Error::Signing`] when it
    /// cannot be signed, [`Error::InvalidArgument`] when the request cannot
    /// be serialized.
    pub fn send<O: Operation>(&self, request: &O) -> Result<O::Output, Error> {
        let body = serde_json::to_vec(request).map_err(|e| {
            Error::InvalidArgument(format!(
                "the {} request could not be serialized: {e}",
                O::NAME
            ))
        })?;
        self.execute(O::NAME, body)
    }

    fn execute<T: DeserializeOwned>(&self, operation: &str, body: Vec<u8>) -> Result<T, Error> {
        let reply = self.round_trip(operation, body)?;
        wire::parse_reply(operation, &reply)
    }

    /// Builds, signs when needed, and sends one request.
    /// Retries as the handle's [`RetryPolicy`](crate::RetryPolicy) allows,
    /// signing each attempt afresh.
    pub(crate) fn round_trip(&self, operation: &str, body: Vec<u8>) -> Result<HttpResponse, Error> {
        let policy = self.inner.retry;
        let mut attempt = 1;
        loop {
            let last = attempt >= policy.attempts();
            // Bodies are small (a few KiB at most); a copy per attempt keeps this simple.
            let mut request =
                wire::build_request(&self.inner.endpoint.url, operation, body.clone());
            if !operations::is_unsigned(operation) {
                self.sign(&mut request)?;
            }
            let outcome = self.inner.transport.send(request);
            if last || !crate::http::retry::RetryPolicy::should_retry(operation, &outcome) {
                return Ok(outcome?);
            }
            std::thread::sleep(policy.delay(attempt, self.jitter()));
            attempt += 1;
        }
    }

    /// A fraction in [0, 1) from the random source (0.5 if it fails).
    fn jitter(&self) -> f64 {
        let mut bytes = [0u8; 4];
        match self.fill_random(&mut bytes) {
            Ok(()) => f64::from(u32::from_be_bytes(bytes)) / (f64::from(u32::MAX) + 1.0),
            Err(_) => 0.5,
        }
    }

    fn sign(&self, request: &mut HttpRequest) -> Result<(), Error> {
        let credentials = self.credentials()?;
        sign_request(request, &credentials, self.region(), self.now())?;
        Ok(())
    }

    /// The AWS credentials for signed calls: resolved on first use, cached
    /// until they expire. Concurrent first uses resolve once.
    ///
    /// # Errors
    ///
    /// [`Error::Credentials`] naming where the provider looked.
    pub fn credentials(&self) -> Result<AwsCredentials, Error> {
        let mut slot = self
            .inner
            .credentials
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(creds) = slot.as_ref() {
            if !creds.is_expired(self.now()) {
                return Ok(creds.clone());
            }
        }
        let fresh = self.inner.provider.provide()?;
        *slot = Some(fresh.clone());
        Ok(fresh)
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
