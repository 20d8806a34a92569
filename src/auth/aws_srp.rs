//! [`AwsSrp`]: SRP sign-in on its own, as warrant's `aws_srp.AWSSRP`.
//!
//! For code that wants only the sign-in: name the username, password, pool
//! id, client id and optional client secret ([`AwsSrp::builder`]), or hand it
//! a [`Cognito`] handle and the password ([`AwsSrp::from_cognito`]).
//! `authenticate_user` runs `USER_SRP_AUTH` and returns the tokens, as
//! warrant's returns the `AuthenticationResult`; `authenticate` returns the
//! [`AuthResult`] for callers that answer challenges. `get_auth_params` and
//! `process_challenge` are warrant's two halves, for callers that send the
//! requests themselves; all of them go through the same sign-in steps as
//! [`Cognito::authenticate`].

use std::fmt;
use std::sync::Arc;

use crate::auth::steps::{self, Reply, Request, Start, Step};
use crate::auth::AuthResult;
use crate::client::{Cognito, CognitoBuilder, Tokens};
use crate::clock::Clock;
use crate::error::{ConfigError, Error, ProtocolError};
use crate::http::Transport;
use crate::protocol::srp::SrpClient;
use crate::secret::SecretString;
use crate::types::{
    AuthParameters, ChallengeNameType, ChallengeParameters, ChallengeResponses,
    InitiateAuthResponse,
};

/// SRP sign-in for one user, as warrant's `AWSSRP`.
///
/// ```no_run
/// use cognito::AwsSrp;
///
/// let srp = AwsSrp::builder()
///     .username("alice")
///     .password("Passw0rd!")
///     .pool_id("eu-west-1_AbC123xyz")
///     .client_id("1example23456789")
///     .build()?;
/// let tokens = srp.authenticate_user()?;
/// println!("expires in {:?} s", tokens.expires_in);
/// # Ok::<(), cognito::Error>(())
/// ```
///
/// `Debug` never shows the password.
pub struct AwsSrp {
    cognito: Cognito,
    password: SecretString,
    /// The SRP client of an exchange [`get_auth_params`](Self::get_auth_params)
    /// started, for [`process_challenge`](Self::process_challenge).
    pending: Option<SrpClient>,
}

impl fmt::Debug for AwsSrp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsSrp")
            .field("cognito", &self.cognito)
            .field("password", &self.password)
            .field("exchange_started", &self.pending.is_some())
            .finish()
    }
}

impl AwsSrp {
    /// Starts naming the settings: username, password, pool id, client id
    /// and, for clients that have one, the client secret.
    pub fn builder() -> AwsSrpBuilder {
        AwsSrpBuilder::default()
    }

    /// SRP sign-in through an existing handle: its username, pool, client,
    /// secret, transport, clock and random source are used, and it receives
    /// the tokens. A view made by
    /// [`Cognito::with_client_metadata`] sends its metadata.
    pub fn from_cognito(cognito: Cognito, password: &str) -> Self {
        Self {
            cognito,
            password: password.into(),
            pending: None,
        }
    }

    /// Runs `USER_SRP_AUTH` to the end and returns the tokens (also held by
    /// [`cognito`](Self::cognito)), as warrant's `authenticate_user`.
    ///
    /// # Errors
    ///
    /// [`Error::ChallengeRequired`] naming the challenge when Cognito asks
    /// for more (an MFA code, a new password: use
    /// [`authenticate`](Self::authenticate) to answer it); otherwise as
    /// [`Cognito::authenticate`].
    pub fn authenticate_user(&self) -> Result<Tokens, Error> {
        self.authenticate()?.signed_in()?;
        Ok(self.cognito.tokens())
    }

    /// Runs `USER_SRP_AUTH`: signed in (the tokens are on
    /// [`cognito`](Self::cognito)), or the next challenge to answer.
    ///
    /// # Errors
    ///
    /// As [`Cognito::authenticate`].
    pub fn authenticate(&self) -> Result<AuthResult, Error> {
        self.cognito.authenticate(self.password.expose_secret())
    }

    /// Starts an SRP exchange the caller sends: the `AuthParameters` of a
    /// `USER_SRP_AUTH` `InitiateAuth` (`USERNAME`, `SRP_A`, and `SECRET_HASH`
    /// and `DEVICE_KEY` when the handle has them), as warrant's
    /// `get_auth_params`. The private value is kept for
    /// [`process_challenge`](Self::process_challenge); each call starts afresh.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without a username or client id; [`Error::Srp`]
    /// when the random source fails.
    pub fn get_auth_params(&mut self) -> Result<AuthParameters, Error> {
        self.pending = None;
        let client = self.cognito.app_client()?;
        let username = self.cognito.require_username()?;
        let device = self.cognito.remembered_device();
        let how = Start::UserSrp(self.password.expose_secret());
        let (mut flow, step) = self
            .cognito
            .with_env(|env| steps::start(client, username, device, how, env))?;
        let Step::Send(Request::InitiateAuth(request)) = step else {
            return Err(missing("InitiateAuth", "AuthParameters"));
        };
        self.pending = flow.srp.take();
        Ok(request.auth_parameters.unwrap_or_default())
    }

    /// Answers the `PASSWORD_VERIFIER` challenge that follows
    /// [`get_auth_params`](Self::get_auth_params): the `ChallengeResponses`
    /// for `RespondToAuthChallenge` (`USERNAME`, `PASSWORD_CLAIM_SIGNATURE`,
    /// `PASSWORD_CLAIM_SECRET_BLOCK`, `TIMESTAMP`, and `SECRET_HASH` and
    /// `DEVICE_KEY` when the handle has them), as warrant's
    /// `process_challenge`. It ends the exchange.
    ///
    /// # Errors
    ///
    /// [`Error::Protocol`] when no exchange was started
    /// (`UnexpectedChallenge`) or a parameter is missing; [`Error::Srp`] for
    /// malformed or hostile values.
    pub fn process_challenge(
        &mut self,
        parameters: &ChallengeParameters,
    ) -> Result<ChallengeResponses, Error> {
        let srp = self.pending.take();
        let client = self.cognito.app_client()?;
        let username = self.cognito.require_username()?;
        let device = self.cognito.remembered_device();
        let mut flow = steps::Flow::new(client, false, username, device);
        flow.password = Some(self.password.expose_secret());
        flow.srp = srp;
        let reply = InitiateAuthResponse {
            challenge_name: Some(ChallengeNameType::PasswordVerifier),
            challenge_parameters: Some(parameters.clone()),
            ..Default::default()
        };
        let step = self
            .cognito
            .with_env(|env| steps::next(&mut flow, Reply::Auth(Box::new(reply)), env))?;
        let Step::Send(Request::RespondToAuthChallenge(request)) = step else {
            return Err(missing("RespondToAuthChallenge", "ChallengeResponses"));
        };
        Ok(request.challenge_responses.unwrap_or_default())
    }

    /// The tokens the handle holds (after a sign-in, the new ones).
    pub fn tokens(&self) -> Tokens {
        self.cognito.tokens()
    }

    /// The handle underneath, for everything after sign-in.
    pub fn cognito(&self) -> &Cognito {
        &self.cognito
    }
}

/// A step that did not build the request it always builds.
fn missing(operation: &str, field: &str) -> Error {
    ProtocolError::MissingField {
        operation: operation.into(),
        field: field.into(),
    }
    .into()
}

/// Names the settings of an [`AwsSrp`]; warrant's `AWSSRP(username, password,
/// pool_id, client_id, pool_region, client, client_secret)`. Setters take
/// `self` and say their default.
#[derive(Default)]
pub struct AwsSrpBuilder {
    username: Option<String>,
    password: Option<SecretString>,
    pool_id: Option<String>,
    client_id: Option<String>,
    /// Everything else, straight onto the handle's builder.
    handle: CognitoBuilder,
}

impl fmt::Debug for AwsSrpBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsSrpBuilder")
            .field("username", &self.username)
            .field("password", &self.password)
            .field("pool_id", &self.pool_id)
            .field("client_id", &self.client_id)
            .field("handle", &self.handle)
            .finish()
    }
}

impl AwsSrpBuilder {
    /// The username (or an alias: email, phone number). Required.
    pub fn username(mut self, username: impl Into<String>) -> Self {
        self.username = Some(username.into());
        self
    }

    /// The password; it never leaves the machine. Required.
    pub fn password(mut self, password: impl Into<SecretString>) -> Self {
        self.password = Some(password.into());
        self
    }

    /// The user pool id, e.g. `eu-west-1_AbC123xyz`; its prefix gives the
    /// region unless [`region`](Self::region) is set. Required.
    pub fn pool_id(mut self, pool_id: impl Into<String>) -> Self {
        self.pool_id = Some(pool_id.into());
        self
    }

    /// The app client id. Required.
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    /// The app client secret, for clients that have one. No default.
    pub fn client_secret(mut self, secret: impl Into<SecretString>) -> Self {
        self.handle = self.handle.client_secret(secret);
        self
    }

    /// The region (warrant's `pool_region`), as
    /// [`CognitoBuilder::region`]. Defaults to the pool id's prefix.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.handle = self.handle.region(region);
        self
    }

    /// An endpoint override, as [`CognitoBuilder::endpoint`]. Defaults to
    /// the environment's, else the region's Cognito endpoint.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.handle = self.handle.endpoint(url);
        self
    }

    /// The transport, as [`CognitoBuilder::transport`]. Defaults to a
    /// [`UreqTransport`](crate::UreqTransport).
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.handle = self.handle.transport(transport);
        self
    }

    /// A shared transport, as [`CognitoBuilder::shared_transport`].
    pub fn shared_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.handle = self.handle.shared_transport(transport);
        self
    }

    /// The clock for `TIMESTAMP`, as [`CognitoBuilder::clock`]. Defaults to
    /// [`SystemClock`](crate::SystemClock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.handle = self.handle.clock(clock);
        self
    }

    /// The source of the SRP private value, as [`CognitoBuilder::random`].
    /// Defaults to the operating system's.
    pub fn random(
        mut self,
        fill: impl Fn(&mut [u8]) -> Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        self.handle = self.handle.random(fill);
        self
    }

    /// Builds the sign-in and its handle, resolving the endpoint now.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming a missing username, password, pool id or
    /// client id; as [`CognitoBuilder::build`] otherwise (a malformed pool
    /// id, say).
    pub fn build(self) -> Result<AwsSrp, Error> {
        let required = |value: Option<String>, setting: &str| {
            value.ok_or_else(|| {
                Error::from(ConfigError::new(format!(
                    "AwsSrp needs a {setting}; set it with .{setting}(…)"
                )))
            })
        };
        let username = required(self.username, "username")?;
        let pool_id = required(self.pool_id, "pool_id")?;
        let client_id = required(self.client_id, "client_id")?;
        let password = self
            .password
            .ok_or_else(|| ConfigError::new("AwsSrp needs a password; set it with .password(…)"))?;
        let cognito = self
            .handle
            .username(username)
            .user_pool_id(pool_id)
            .client_id(client_id)
            .build()?;
        Ok(AwsSrp {
            cognito,
            password,
            pending: None,
        })
    }
}
