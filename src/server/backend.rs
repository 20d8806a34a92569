//! [`Backend`]: warrant's Django `CognitoBackend` without Django.

use std::collections::BTreeMap;
use std::fmt;

use crate::auth::challenge::Challenge;
use crate::auth::AuthResult;
use crate::client::attributes::AttrMap;
use crate::client::{Cognito, CognitoBuilder};
use crate::credentials::AwsCredentials;
use crate::error::{ConfigError, Error};
use crate::secret::SecretString;
use crate::types::{AttributeType, GetUserRequest};

use super::{PendingSignIn, SessionState};

/// The backend's settings: warrant's Django settings as a value.
///
/// | warrant setting | field | default |
/// |---|---|---|
/// | `COGNITO_USER_POOL_ID` | `user_pool_id` | required |
/// | `COGNITO_APP_ID` | `client_id` | required |
/// | (none) | `client_secret` | none |
/// | `COGNITO_ATTR_MAPPING` | `attr_mapping` | `email`→`email`, `given_name`→`first_name`, `family_name`→`last_name` |
/// | `COGNITO_CREATE_UNKNOWN_USERS` | `create_unknown_users` | `true` |
/// | (boto3's) | `credentials` | none: the standard chain |
///
/// ```
/// use cognito::server::BackendConfig;
///
/// let config = BackendConfig::new("us-east-1_AbC123xyz", "1example23456789");
/// assert_eq!(config.attr_mapping.get("given_name").map(String::as_str), Some("first_name"));
/// assert!(config.create_unknown_users);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BackendConfig {
    /// The user pool id (`COGNITO_USER_POOL_ID`).
    pub user_pool_id: String,
    /// The app client id (`COGNITO_APP_ID`).
    pub client_id: String,
    /// The app client's secret, when it has one. Defaults to none.
    pub client_secret: Option<SecretString>,
    /// Cognito attribute name → local field name (`COGNITO_ATTR_MAPPING`).
    /// Custom attributes keep their prefix: `"custom:team" → "team"`. Only
    /// mapped attributes reach the [`UserStore`]. Defaults to warrant's:
    /// `email`→`email`, `given_name`→`first_name`, `family_name`→`last_name`.
    pub attr_mapping: BTreeMap<String, String>,
    /// Whether a Cognito user with no local user gets one
    /// (`COGNITO_CREATE_UNKNOWN_USERS`). Defaults to `true`; when `false`,
    /// such a user signs in as "no user".
    pub create_unknown_users: bool,
    /// AWS credentials for the handle's signed (admin) calls. Defaults to
    /// none: the standard chain (environment, profile files, …). Sign-in
    /// itself needs none.
    pub credentials: Option<AwsCredentials>,
}

/// warrant's default `COGNITO_ATTR_MAPPING`.
fn default_mapping() -> BTreeMap<String, String> {
    [
        ("email", "email"),
        ("given_name", "first_name"),
        ("family_name", "last_name"),
    ]
    .into_iter()
    .map(|(c, l)| (c.to_owned(), l.to_owned()))
    .collect()
}

impl BackendConfig {
    /// Settings for `user_pool_id` and `client_id`, every other at its default.
    pub fn new(user_pool_id: impl Into<String>, client_id: impl Into<String>) -> Self {
        Self {
            user_pool_id: user_pool_id.into(),
            client_id: client_id.into(),
            client_secret: None,
            attr_mapping: default_mapping(),
            create_unknown_users: true,
            credentials: None,
        }
    }

    /// Reads warrant's Django setting names from the environment:
    /// `COGNITO_USER_POOL_ID` and `COGNITO_APP_ID` (required),
    /// `COGNITO_ATTR_MAPPING` (a JSON object of strings, as warrant's dict:
    /// `{"email": "email", "custom:team": "team"}`; it replaces the default)
    /// and `COGNITO_CREATE_UNKNOWN_USERS` (`true`/`false`, `1`/`0`, any case).
    /// The client secret and credentials are not read: set the fields.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when a required name is unset or empty, or a value
    /// does not parse.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// As [`from_env`](Self::from_env), reading names through `lookup`.
    ///
    /// ```
    /// use cognito::server::BackendConfig;
    ///
    /// let env = |name: &str| match name {
    ///     "COGNITO_USER_POOL_ID" => Some("us-east-1_AbC123xyz".to_owned()),
    ///     "COGNITO_APP_ID" => Some("1example23456789".to_owned()),
    ///     "COGNITO_ATTR_MAPPING" => Some(r#"{"email": "email", "custom:team": "team"}"#.to_owned()),
    ///     "COGNITO_CREATE_UNKNOWN_USERS" => Some("False".to_owned()),
    ///     _ => None,
    /// };
    /// let config = BackendConfig::from_lookup(env)?;
    /// assert_eq!(config.attr_mapping.len(), 2);
    /// assert_eq!(config.attr_mapping["custom:team"], "team");
    /// assert!(!config.create_unknown_users);
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`from_env`](Self::from_env).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let required = |name: &str| {
            lookup(name)
                .filter(|v| !v.trim().is_empty())
                .ok_or_else(|| Error::from(ConfigError::new(format!("{name} is not set"))))
        };
        let mut config = Self::new(
            required("COGNITO_USER_POOL_ID")?,
            required("COGNITO_APP_ID")?,
        );
        if let Some(json) = lookup("COGNITO_ATTR_MAPPING").filter(|v| !v.trim().is_empty()) {
            config.attr_mapping = serde_json::from_str(&json).map_err(|e| {
                ConfigError::with_source("COGNITO_ATTR_MAPPING is not a JSON object of strings", e)
            })?;
        }
        if let Some(flag) = lookup("COGNITO_CREATE_UNKNOWN_USERS") {
            config.create_unknown_users = match flag.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => {
                    return Err(ConfigError::new(
                        "COGNITO_CREATE_UNKNOWN_USERS is not true or false",
                    )
                    .into())
                }
            };
        }
        Ok(config)
    }

    /// A handle builder with the pool, client, secret and credentials set;
    /// add a transport, clock or endpoint, build, and give the handle to
    /// [`Backend::with_handle`].
    pub fn handle_builder(&self) -> CognitoBuilder {
        let mut builder = Cognito::builder()
            .user_pool_id(&self.user_pool_id)
            .client_id(&self.client_id);
        if let Some(secret) = &self.client_secret {
            builder = builder.client_secret(secret.clone());
        }
        if let Some(credentials) = &self.credentials {
            builder = builder.credentials(credentials.clone());
        }
        builder
    }

    /// Cognito's attributes as local fields: each mapped attribute under its
    /// local name; unmapped ones are left out (warrant's `cognito_to_dict`
    /// keeps them under their Cognito names; a local user has fixed fields).
    pub fn to_local(&self, attributes: &[AttributeType]) -> BTreeMap<String, String> {
        attributes
            .iter()
            .filter_map(|a| {
                let local = self.attr_mapping.get(&a.name)?;
                Some((local.clone(), a.value.clone().unwrap_or_default()))
            })
            .collect()
    }

    /// Local fields as Cognito's attributes, for
    /// [`Cognito::update_profile`]-style calls: each mapped field under its
    /// Cognito name (`custom:` included); unmapped ones are left out.
    pub fn to_cognito(&self, fields: &BTreeMap<String, String>) -> Vec<AttributeType> {
        self.attr_mapping
            .iter()
            .filter_map(|(cognito, local)| {
                let value = fields.get(local)?;
                Some(AttributeType {
                    name: cognito.clone(),
                    value: Some(value.clone()),
                })
            })
            .collect()
    }

    /// The mapping as the handle's [`AttrMap`] (Cognito name → local name).
    pub fn attr_map(&self) -> AttrMap {
        self.attr_mapping
            .iter()
            .map(|(c, l)| (c.as_str(), l.as_str()))
            .collect()
    }
}

/// The application's users: what warrant's backend does with Django's user
/// model, for any database. The Cognito username is the key: it never
/// changes (an email or phone alias can).
///
/// Errors are the store's own type ([`UserStore::Error`]); the backend
/// hands them back as [`BackendError::Store`].
pub trait UserStore {
    /// The application's user.
    type User;
    /// The store's error.
    type Error: std::error::Error + Send + Sync + 'static;

    /// The local user for a Cognito username, if there is one.
    ///
    /// # Errors
    ///
    /// When the store cannot be read.
    fn find(&self, username: &str) -> Result<Option<Self::User>, Self::Error>;

    /// Creates the local user for `username` with the mapped fields
    /// (local name → value).
    ///
    /// # Errors
    ///
    /// When the store cannot be written.
    fn create(
        &self,
        username: &str,
        fields: &BTreeMap<String, String>,
    ) -> Result<Self::User, Self::Error>;

    /// Sets the mapped fields on an existing local user and saves it.
    ///
    /// # Errors
    ///
    /// When the store cannot be written.
    fn update(
        &self,
        user: Self::User,
        fields: &BTreeMap<String, String>,
    ) -> Result<Self::User, Self::Error>;
}

/// What a sign-in through the [`Backend`] came to.
#[derive(Debug)]
#[non_exhaustive]
pub enum SignIn<U> {
    /// Signed in: the local user and the session to keep.
    SignedIn {
        /// The local user, created or updated.
        user: U,
        /// The tokens, to keep in the server-side session.
        session: SessionState,
    },
    /// No user: a wrong password, an unknown user, or (with
    /// `create_unknown_users` false) no local user. warrant returns `None`.
    NoUser,
    /// The sign-in stopped at a challenge: keep this, show the form for
    /// [`PendingSignIn::challenge_name`], then call [`Backend::answer`].
    Challenge(PendingSignIn),
}

/// An error from the [`Backend`]: Cognito's (or the transport's), or the
/// store's.
#[derive(Debug)]
#[non_exhaustive]
pub enum BackendError<E> {
    /// Cognito refused, or could not be reached.
    Cognito(Error),
    /// The [`UserStore`] failed.
    Store(E),
}

impl<E> fmt::Display for BackendError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackendError::Cognito(_) => f.write_str("cognito sign-in failed"),
            BackendError::Store(_) => f.write_str("the user store failed"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for BackendError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BackendError::Cognito(e) => Some(e),
            BackendError::Store(e) => Some(e),
        }
    }
}

impl<E> From<Error> for BackendError<E> {
    fn from(e: Error) -> Self {
        BackendError::Cognito(e)
    }
}

/// warrant's `CognitoBackend`: signs users in with SRP and keeps a local
/// user for each through a [`UserStore`].
///
/// One backend serves every request (`Send + Sync` when the store is); each
/// sign-in runs on a fresh copy of its handle, so users never share tokens.
///
/// ```
/// use std::collections::BTreeMap;
/// use std::convert::Infallible;
/// use cognito::server::{Backend, BackendConfig, SignIn, UserStore};
/// use cognito::{HttpRequest, HttpResponse, TransportError};
///
/// struct Users;
/// impl UserStore for Users {
///     type User = String;
///     type Error = Infallible;
///     fn find(&self, _: &str) -> Result<Option<String>, Infallible> { Ok(None) }
///     fn create(&self, u: &str, _: &BTreeMap<String, String>) -> Result<String, Infallible> { Ok(u.into()) }
///     fn update(&self, u: String, _: &BTreeMap<String, String>) -> Result<String, Infallible> { Ok(u) }
/// }
///
/// // A stand-in for Cognito refusing the user; real code uses Backend::new.
/// let refuse = |_req: HttpRequest| -> Result<HttpResponse, TransportError> {
///     Ok(HttpResponse::new(400, br#"{"__type":"UserNotFoundException","message":"User does not exist."}"#.to_vec()))
/// };
/// let config = BackendConfig::new("us-east-1_AbC123xyz", "1example23456789");
/// let handle = config.handle_builder().transport(refuse).build()?;
/// let backend = Backend::with_handle(config, handle, Users);
/// assert!(matches!(backend.authenticate("alice", "Passw0rd!")?, SignIn::NoUser));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Backend<S> {
    config: BackendConfig,
    base: Cognito,
    store: S,
}

impl<S: UserStore> Backend<S> {
    /// A backend on `config`, with a handle built from it (the default
    /// transport, the system clock, the endpoint from the pool id).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the pool id is malformed or the endpoint
    /// settings from the environment are invalid.
    pub fn new(config: BackendConfig, store: S) -> Result<Self, Error> {
        let base = config.handle_builder().build()?;
        Ok(Self::with_handle(config, base, store))
    }

    /// A backend on `config` signing in through `base` (built with
    /// [`BackendConfig::handle_builder`], plus a transport, clock or
    /// endpoint of your own). Each sign-in uses a fresh copy of `base`.
    pub fn with_handle(config: BackendConfig, base: Cognito, store: S) -> Self {
        Self {
            config,
            base,
            store,
        }
    }

    /// The settings.
    pub fn config(&self) -> &BackendConfig {
        &self.config
    }

    /// The base handle (holding no user's tokens), e.g. for
    /// [`SessionState::restore`] or [`Cognito::token_verifier`].
    pub fn handle(&self) -> &Cognito {
        &self.base
    }

    /// The user store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Signs `username` in with SRP (warrant's `authenticate_user`); on
    /// success fetches the user (`GetUser`) and creates or updates the local
    /// user with the mapped attributes.
    ///
    /// # Errors
    ///
    /// [`BackendError::Cognito`] for every Cognito failure but
    /// `NotAuthorizedException` and `UserNotFoundException` (those are
    /// [`SignIn::NoUser`]); [`BackendError::Store`] when the store fails.
    pub fn authenticate(
        &self,
        username: &str,
        password: &str,
    ) -> Result<SignIn<S::User>, BackendError<S::Error>> {
        let cognito = self.base.fresh();
        cognito.set_username(username);
        let result = cognito.authenticate(password);
        self.finish(&cognito, result)
    }

    /// Answers a saved challenge and finishes as
    /// [`authenticate`](Self::authenticate) does. `respond` gets the
    /// challenge back (on a fresh handle) and answers it with its usual
    /// method, e.g. `|c| match c { Challenge::SoftwareTokenMfa(c) => c.respond(code), … }`.
    ///
    /// # Errors
    ///
    /// As [`authenticate`](Self::authenticate); a wrong code is an error
    /// (`CodeMismatchException`), an expired session "no user".
    pub fn answer(
        &self,
        pending: PendingSignIn,
        respond: impl FnOnce(Challenge) -> Result<AuthResult, Error>,
    ) -> Result<SignIn<S::User>, BackendError<S::Error>> {
        let cognito = self.base.fresh();
        cognito.set_username(pending.username());
        let result = respond(pending.resume(&cognito));
        self.finish(&cognito, result)
    }

    fn finish(
        &self,
        cognito: &Cognito,
        result: Result<AuthResult, Error>,
    ) -> Result<SignIn<S::User>, BackendError<S::Error>> {
        match result {
            Ok(AuthResult::Authenticated) => self.signed_in(cognito),
            Ok(AuthResult::Challenge(challenge)) => {
                Ok(SignIn::Challenge(PendingSignIn::new(&challenge)))
            }
            Err(e) if e.is_not_authorized() || e.is_user_not_found() => Ok(SignIn::NoUser),
            Err(e) => Err(e.into()),
        }
    }

    /// `GetUser` with the new access token, then the store (warrant's
    /// `get_user_obj`).
    fn signed_in(&self, cognito: &Cognito) -> Result<SignIn<S::User>, BackendError<S::Error>> {
        let access_token = cognito.access_token_for_call()?;
        let reply = cognito.send(&GetUserRequest::new(access_token))?;
        let fields = self.config.to_local(&reply.user_attributes);
        let user = match self
            .store
            .find(&reply.username)
            .map_err(BackendError::Store)?
        {
            Some(user) => self
                .store
                .update(user, &fields)
                .map_err(BackendError::Store)?,
            None if self.config.create_unknown_users => self
                .store
                .create(&reply.username, &fields)
                .map_err(BackendError::Store)?,
            None => return Ok(SignIn::NoUser),
        };
        let tokens = cognito.tokens();
        Ok(SignIn::SignedIn {
            user,
            session: SessionState::new(reply.username, tokens),
        })
    }
}
