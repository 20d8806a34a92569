//! Sign-in as a pure step machine: a [`Flow`] (what the sign-in knows) and
//! [`next`], which reads one reply and says what to do: [`Step::Send`] a
//! request, [`Step::Keep`] tokens, [`Step::Done`], or [`Step::Ask`] the caller.
//!
//! No I/O here. The clock and the random source come in through [`Env`], so
//! every byte a step builds is testable; the few lines that send live in
//! `Cognito::run` (`src/auth/mod.rs`).
//!
//! | Reply | [`next`] answers |
//! |---|---|
//! | `AuthenticationResult` | [`Step::Keep`] the tokens; a `NewDeviceMetadata` is held for the next row |
//! | [`Reply::Kept`], a new device held | [`Step::Send`] `ConfirmDevice` with a fresh verifier ([`devices`]) |
//! | [`Reply::Kept`], none | [`Step::Done`] |
//! | [`Reply::DeviceConfirmed`] | [`Step::Done`] with the device to remember |
//! | `PASSWORD_VERIFIER` | [`Step::Send`] the SRP claim (at most once between two answers of the caller) |
//! | `DEVICE_SRP_AUTH` | [`Step::Send`] a fresh device `SRP_A` (at most once, likewise) |
//! | `DEVICE_PASSWORD_VERIFIER` | [`Step::Send`] the device's SRP claim (at most once, likewise) |
//! | any other modelled challenge | [`Step::Ask`] |
//! | a challenge the model does not know | [`ProtocolError::UnknownChallenge`] |
//! | neither tokens nor a challenge | [`ProtocolError::NoResultNoChallenge`] |
//!
//! Every `RespondToAuthChallenge` carries `USERNAME`, `SECRET_HASH` over that
//! username (when the client has a secret) and `DEVICE_KEY` (when a device is
//! remembered); the admin flows send the signed twins of both operations.
//! Every sign-in request carries the handle's `ClientMetadata` and
//! `UserContextData` (`ContextData` for the admin twins), when it has them.

use std::sync::Arc;
use std::time::SystemTime;

use crate::auth::devices::{self, NewDevice};
use crate::auth::token_update::TokenUpdate;
use crate::auth::FirstFactor;
use crate::client::call_options::CallOptions;
use crate::client::RememberedDevice;
use crate::clock::Clock;
use crate::error::{ConfigError, Error, ProtocolError};
use crate::protocol::secret_hash::secret_hash;
use crate::protocol::srp::{PasswordClaim, PasswordVerifierChallenge, SrpClient, SrpIdentity};
use crate::secret::SecretString;
use crate::types::{
    AdminInitiateAuthRequest, AdminRespondToAuthChallengeRequest, AuthFlowType, AuthParameters,
    AuthenticationResultType, ChallengeNameType, ChallengeParameters, ChallengeResponses,
    ConfirmDeviceRequest, InitiateAuthRequest, InitiateAuthResponse, RespondToAuthChallengeRequest,
};

/// What a step may draw on besides its inputs: the handle's clock and random
/// source. Tests pass fixed ones.
pub(crate) struct Env<'e> {
    /// Read once per SRP claim and once when tokens arrive.
    pub(crate) clock: &'e dyn Clock,
    /// Fills a buffer with random bytes: SRP private values, device verifiers.
    pub(crate) random: &'e mut dyn FnMut(&mut [u8]) -> Result<(), String>,
}

impl Env<'_> {
    /// A fresh SRP client whose private value comes from the random source.
    pub(crate) fn srp_client(&mut self) -> Result<SrpClient, Error> {
        Ok(SrpClient::with_random(&mut *self.random)?)
    }
}

/// The app client a sign-in speaks for: what every request is built from.
#[derive(Debug, Clone)]
pub(crate) struct AppClient {
    /// The pool id: for the admin operations and the SRP pool name.
    pub(crate) pool_id: Option<String>,
    /// The app client id.
    pub(crate) client_id: String,
    /// The client secret, for `SECRET_HASH`.
    pub(crate) client_secret: Option<SecretString>,
    /// The name a new device is confirmed under.
    pub(crate) device_name: String,
    /// `ClientMetadata` and context data for every sign-in request.
    pub(crate) options: Arc<CallOptions>,
}

impl AppClient {
    /// `SECRET_HASH` over `username`, when the client has a secret.
    pub(crate) fn secret_hash(&self, username: &str) -> Option<String> {
        let secret = self.client_secret.as_ref()?;
        Some(secret_hash(
            secret.expose_secret(),
            username,
            &self.client_id,
        ))
    }

    /// The pool id, or the configuration error the handle gives without one.
    pub(crate) fn pool_id(&self) -> Result<&str, Error> {
        self.pool_id.as_deref().ok_or_else(|| {
            ConfigError::new("this call needs a user pool id; set it with .user_pool_id(…)").into()
        })
    }
}

/// How a sign-in starts: the flow and what its first request carries.
///
/// No `Debug`: it holds the password.
#[derive(Clone, Copy)]
pub(crate) enum Start<'p> {
    /// `USER_SRP_AUTH` with this password.
    UserSrp(&'p str),
    /// `USER_PASSWORD_AUTH` with this password.
    UserPassword(&'p str),
    /// `ADMIN_USER_PASSWORD_AUTH` (signed) with this password.
    AdminUserPassword(&'p str),
    /// `CUSTOM_AUTH`, SRP first when there is a password.
    Custom(Option<&'p str>),
    /// `USER_AUTH` with this first factor.
    UserAuth(FirstFactor<'p>),
}

/// What a sign-in in progress knows besides the last reply.
///
/// No `Debug`: it borrows the password.
pub(crate) struct Flow<'p> {
    /// The app client the requests are built for.
    pub(crate) client: AppClient,
    /// Whether the requests are the signed admin operations.
    pub(crate) admin: bool,
    /// The `USERNAME` to send in the next challenge response.
    pub(crate) username: String,
    /// The password, for a `PASSWORD_VERIFIER`.
    pub(crate) password: Option<&'p str>,
    /// The SRP client of the exchange under way (the user's, then the device's).
    pub(crate) srp: Option<SrpClient>,
    /// The remembered device, for `DEVICE_KEY` and device SRP.
    pub(crate) device: Option<RememberedDevice>,
    /// The challenges answered here since the caller last answered one: each
    /// at most once, so a server that repeats one cannot keep the client
    /// looping (or reusing its a).
    answered: Vec<ChallengeNameType>,
    /// A device Cognito offered with the tokens, to confirm once they are kept.
    pub(crate) new_device: Option<NewDevice>,
    /// The device a `ConfirmDevice` under way registers, to remember when it succeeds.
    pub(crate) confirming: Option<RememberedDevice>,
}

impl<'p> Flow<'p> {
    /// A flow for `username` with nothing answered yet.
    pub(crate) fn new(
        client: AppClient,
        admin: bool,
        username: String,
        device: Option<RememberedDevice>,
    ) -> Self {
        Self {
            client,
            admin,
            username,
            password: None,
            srp: None,
            device,
            answered: Vec::new(),
            new_device: None,
            confirming: None,
        }
    }

    /// `USERNAME`, `SECRET_HASH` and `DEVICE_KEY` for an `InitiateAuth`.
    fn auth_parameters(&self) -> AuthParameters {
        let mut params = AuthParameters::new();
        params.insert("USERNAME".into(), self.username.as_str().into());
        if let Some(hash) = self.client.secret_hash(&self.username) {
            params.insert("SECRET_HASH".into(), hash.into());
        }
        if let Some(device) = &self.device {
            params.insert("DEVICE_KEY".into(), device.device_key.as_str().into());
        }
        params
    }

    /// `InitiateAuth`, or `AdminInitiateAuth` for an admin flow.
    fn initiate(&self, flow: AuthFlowType, params: AuthParameters) -> Result<Request, Error> {
        let client_id = self.client.client_id.clone();
        let options = &self.client.options;
        if self.admin {
            let mut request =
                AdminInitiateAuthRequest::new(self.client.pool_id()?, client_id, flow);
            request.auth_parameters = Some(params);
            request.client_metadata = options.client_metadata.clone();
            request.context_data = options.context_data.clone();
            Ok(Request::AdminInitiateAuth(request))
        } else {
            let mut request = InitiateAuthRequest::new(flow, client_id);
            request.auth_parameters = Some(params);
            request.client_metadata = options.client_metadata.clone();
            request.user_context_data = options.user_context_data.clone();
            Ok(Request::InitiateAuth(request))
        }
    }

    /// One challenge response, with `USERNAME`, `SECRET_HASH` and (unless the
    /// answer has its own) `DEVICE_KEY` added.
    pub(crate) fn respond(
        &self,
        name: ChallengeNameType,
        mut responses: ChallengeResponses,
        session: Option<SecretString>,
    ) -> Result<Request, Error> {
        responses.insert("USERNAME".into(), self.username.as_str().into());
        if let Some(hash) = self.client.secret_hash(&self.username) {
            responses.insert("SECRET_HASH".into(), hash.into());
        }
        if let Some(device) = &self.device {
            responses
                .entry("DEVICE_KEY".into())
                .or_insert_with(|| device.device_key.as_str().into());
        }
        let client_id = self.client.client_id.clone();
        let options = &self.client.options;
        if self.admin {
            let mut request =
                AdminRespondToAuthChallengeRequest::new(self.client.pool_id()?, client_id, name);
            request.challenge_responses = Some(responses);
            request.session = session;
            request.client_metadata = options.client_metadata.clone();
            request.context_data = options.context_data.clone();
            Ok(Request::AdminRespondToAuthChallenge(request))
        } else {
            let mut request = RespondToAuthChallengeRequest::new(client_id, name);
            request.challenge_responses = Some(responses);
            request.session = session;
            request.client_metadata = options.client_metadata.clone();
            request.user_context_data = options.user_context_data.clone();
            Ok(Request::RespondToAuthChallenge(request))
        }
    }
}

/// A request a step asks to send: the operation is the variant, the value its
/// typed input.
#[derive(Debug)]
pub(crate) enum Request {
    /// `InitiateAuth`.
    InitiateAuth(InitiateAuthRequest),
    /// `AdminInitiateAuth` (signed).
    AdminInitiateAuth(AdminInitiateAuthRequest),
    /// `RespondToAuthChallenge`.
    RespondToAuthChallenge(RespondToAuthChallengeRequest),
    /// `AdminRespondToAuthChallenge` (signed).
    AdminRespondToAuthChallenge(AdminRespondToAuthChallengeRequest),
    /// `ConfirmDevice`, registering a new device.
    ConfirmDevice(ConfirmDeviceRequest),
}

/// What the sender hands back to [`next`].
#[derive(Debug)]
pub(crate) enum Reply {
    /// The reply of any of the four sign-in operations.
    Auth(Box<InitiateAuthResponse>),
    /// The tokens of a [`Step::Keep`] are on the handle.
    Kept,
    /// `ConfirmDevice` succeeded (`UserConfirmationNecessary` is not acted on).
    DeviceConfirmed,
}

/// What to do next.
#[derive(Debug)]
pub(crate) enum Step {
    /// Send this request and give its reply to [`next`].
    Send(Request),
    /// Keep these tokens on the handle, then give [`Reply::Kept`] to [`next`].
    Keep(TokenUpdate),
    /// Signed in; remember this device, if any.
    Done(Option<RememberedDevice>),
    /// The caller must answer a challenge.
    Ask(Asked),
}

/// A challenge for the caller, with what its answer needs.
#[derive(Debug, Clone)]
pub(crate) struct Asked {
    /// Whether the answer goes through the signed admin operation.
    pub(crate) admin: bool,
    /// The `USERNAME` the answer carries.
    pub(crate) username: String,
    /// The challenge.
    pub(crate) name: ChallengeNameType,
    /// The session to send back.
    pub(crate) session: Option<SecretString>,
    /// The challenge's parameters.
    pub(crate) parameters: ChallengeParameters,
    /// `AvailableChallenges` (`USER_AUTH`).
    pub(crate) available: Vec<ChallengeNameType>,
}

/// The first step of a sign-in: the flow and its `InitiateAuth`.
///
/// # Errors
///
/// [`Error::Srp`] when the random source fails; [`Error::Config`] for an
/// admin flow without a pool id.
pub(crate) fn start<'p>(
    client: AppClient,
    username: String,
    device: Option<RememberedDevice>,
    how: Start<'p>,
    env: &mut Env<'_>,
) -> Result<(Flow<'p>, Step), Error> {
    let mut flow = Flow::new(client, false, username, device);
    let mut params = flow.auth_parameters();
    let auth_flow = match how {
        Start::UserSrp(p) => {
            let srp = env.srp_client()?;
            params.insert("SRP_A".into(), srp.srp_a().into());
            (flow.password, flow.srp) = (Some(p), Some(srp));
            AuthFlowType::UserSrpAuth
        }
        Start::UserPassword(p) => {
            flow.password = password(&mut params, p);
            AuthFlowType::UserPasswordAuth
        }
        Start::AdminUserPassword(p) => {
            flow.password = password(&mut params, p);
            flow.admin = true;
            AuthFlowType::AdminUserPasswordAuth
        }
        Start::Custom(p) => {
            if p.is_some() {
                let srp = env.srp_client()?;
                params.insert("CHALLENGE_NAME".into(), "SRP_A".into());
                params.insert("SRP_A".into(), srp.srp_a().into());
                flow.srp = Some(srp);
            }
            flow.password = p;
            AuthFlowType::CustomAuth
        }
        Start::UserAuth(first) => {
            let preferred = match first {
                FirstFactor::Choose => None,
                FirstFactor::Password(p) => {
                    flow.password = password(&mut params, p);
                    Some("PASSWORD")
                }
                FirstFactor::PasswordSrp(p) => {
                    let srp = env.srp_client()?;
                    params.insert("SRP_A".into(), srp.srp_a().into());
                    (flow.password, flow.srp) = (Some(p), Some(srp));
                    Some("PASSWORD_SRP")
                }
                FirstFactor::EmailOtp => Some("EMAIL_OTP"),
                FirstFactor::SmsOtp => Some("SMS_OTP"),
            };
            if let Some(preferred) = preferred {
                params.insert("PREFERRED_CHALLENGE".into(), preferred.into());
            }
            AuthFlowType::UserAuth
        }
    };
    let request = flow.initiate(auth_flow, params)?;
    Ok((flow, Step::Send(request)))
}

/// Puts `PASSWORD` into `params`; the password, for the flow.
fn password<'p>(params: &mut AuthParameters, password: &'p str) -> Option<&'p str> {
    params.insert("PASSWORD".into(), password.into());
    Some(password)
}

/// The caller's answer to an [`Asked`] challenge, as the first step of a
/// flow that goes on from there; `password` and `srp` serve a
/// `PASSWORD_VERIFIER` that may come next.
///
/// # Errors
///
/// [`Error::Config`] for an admin flow without a pool id.
pub(crate) fn answer<'p>(
    client: AppClient,
    device: Option<RememberedDevice>,
    asked: Asked,
    responses: ChallengeResponses,
    password: Option<&'p str>,
    srp: Option<SrpClient>,
) -> Result<(Flow<'p>, Step), Error> {
    let mut flow = Flow::new(client, asked.admin, asked.username, device);
    flow.password = password;
    flow.srp = srp;
    let request = flow.respond(asked.name, responses, asked.session)?;
    Ok((flow, Step::Send(request)))
}

/// Reads one reply and says what to do next.
///
/// # Errors
///
/// [`Error::Protocol`] for a reply that fits no step (see the module table);
/// [`Error::Srp`] for hostile SRP parameters or a failing random source;
/// [`Error::Config`] when a step needs a pool id the handle lacks.
pub(crate) fn next(flow: &mut Flow<'_>, reply: Reply, env: &mut Env<'_>) -> Result<Step, Error> {
    match reply {
        Reply::Auth(mut reply) => match reply.authentication_result.take() {
            Some(result) => Ok(signed_in(flow, result, env.clock.now())),
            None => challenge(flow, *reply, env),
        },
        Reply::Kept => devices::confirm(flow, env),
        Reply::DeviceConfirmed => Ok(Step::Done(flow.confirming.take())),
    }
}

/// Tokens arrived: keep them, holding on to a new device Cognito offers
/// (it needs the access token to be confirmed).
pub(crate) fn signed_in(
    flow: &mut Flow<'_>,
    result: AuthenticationResultType,
    now: SystemTime,
) -> Step {
    flow.new_device = NewDevice::offered(&result);
    Step::Keep(TokenUpdate::new(result, now))
}

/// A reply without tokens: answer its challenge here, or ask the caller.
fn challenge(
    flow: &mut Flow<'_>,
    mut reply: InitiateAuthResponse,
    env: &mut Env<'_>,
) -> Result<Step, Error> {
    let params = reply.challenge_parameters.take().unwrap_or_default();
    if let Some(name) = params.get_str("USERNAME") {
        flow.username = name.to_owned();
    }
    let Some(name) = reply.challenge_name.take() else {
        return Err(ProtocolError::NoResultNoChallenge.into());
    };
    let session = reply.session.take();
    if is_answered_here(&name) {
        if flow.answered.contains(&name) {
            return Err(ProtocolError::UnexpectedChallenge(name.as_str().into()).into());
        }
        flow.answered.push(name.clone());
    }
    let responses = match &name {
        ChallengeNameType::PasswordVerifier => password_verifier(flow, &params, env)?,
        ChallengeNameType::DeviceSrpAuth => devices::device_srp(flow, env)?,
        ChallengeNameType::DevicePasswordVerifier => {
            devices::device_password_verifier(flow, &params, env)?
        }
        ChallengeNameType::Unknown(name) => {
            return Err(ProtocolError::UnknownChallenge(name.clone()).into())
        }
        _ => {
            return Ok(Step::Ask(Asked {
                admin: flow.admin,
                username: std::mem::take(&mut flow.username),
                name,
                session,
                parameters: params,
                available: reply.available_challenges.take().unwrap_or_default(),
            }))
        }
    };
    Ok(Step::Send(flow.respond(name, responses, session)?))
}

/// The answer to `PASSWORD_VERIFIER`. `USER_ID_FOR_SRP` goes into the maths;
/// the challenge's `USERNAME` (else `USER_ID_FOR_SRP`) is sent.
fn password_verifier(
    flow: &mut Flow<'_>,
    params: &ChallengeParameters,
    env: &mut Env<'_>,
) -> Result<ChallengeResponses, Error> {
    let (Some(srp), Some(password)) = (flow.srp.as_ref(), flow.password) else {
        return Err(ProtocolError::UnexpectedChallenge("PASSWORD_VERIFIER".into()).into());
    };
    let user_id = required(params, "PASSWORD_VERIFIER", "USER_ID_FOR_SRP")?;
    let challenge = verifier_challenge(params, "PASSWORD_VERIFIER")?;
    let who = SrpIdentity::user(flow.client.pool_id()?, user_id)?;
    let claim = srp.password_claim(&who, password, &challenge, now(env))?;
    // Send the challenge's USERNAME (already in flow.username), else USER_ID_FOR_SRP.
    if params.get_str("USERNAME").is_none() {
        flow.username = user_id.to_owned();
    }
    Ok(claim_responses(claim))
}

/// `SALT`, `SRP_B` and `SECRET_BLOCK` of a (device) password verifier challenge.
pub(crate) fn verifier_challenge<'a>(
    params: &'a ChallengeParameters,
    challenge: &str,
) -> Result<PasswordVerifierChallenge<'a>, Error> {
    Ok(PasswordVerifierChallenge {
        salt: required(params, challenge, "SALT")?,
        srp_b: required(params, challenge, "SRP_B")?,
        secret_block: required(params, challenge, "SECRET_BLOCK")?,
    })
}

fn required<'a>(
    params: &'a ChallengeParameters,
    challenge: &str,
    parameter: &str,
) -> Result<&'a str, ProtocolError> {
    params
        .get_str(parameter)
        .ok_or_else(|| ProtocolError::MissingParameter {
            challenge: challenge.into(),
            parameter: parameter.into(),
        })
}

/// The clock's time, for `TIMESTAMP`.
pub(crate) fn now(env: &Env<'_>) -> std::time::SystemTime {
    env.clock.now()
}

/// `PASSWORD_CLAIM_SIGNATURE`, `PASSWORD_CLAIM_SECRET_BLOCK` and `TIMESTAMP`: the answer to
/// `PASSWORD_VERIFIER` and, with `DEVICE_KEY` added, to `DEVICE_PASSWORD_VERIFIER`.
pub(crate) fn claim_responses(claim: PasswordClaim) -> ChallengeResponses {
    let mut responses = ChallengeResponses::new();
    responses.insert("PASSWORD_CLAIM_SIGNATURE".into(), claim.signature.into());
    responses.insert(
        "PASSWORD_CLAIM_SECRET_BLOCK".into(),
        claim.secret_block.into(),
    );
    responses.insert("TIMESTAMP".into(), claim.timestamp.into());
    responses
}

/// The challenges [`next`] answers without the caller.
fn is_answered_here(name: &ChallengeNameType) -> bool {
    matches!(
        name,
        ChallengeNameType::PasswordVerifier
            | ChallengeNameType::DeviceSrpAuth
            | ChallengeNameType::DevicePasswordVerifier
    )
}
