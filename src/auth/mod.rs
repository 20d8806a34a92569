//! Sign-in: every auth flow, driven to tokens or to a [`Challenge`] the caller answers.
//!
//! | Method | Flow | Steps the crate answers itself |
//! |---|---|---|
//! | [`Cognito::authenticate`] | `USER_SRP_AUTH` | `PASSWORD_VERIFIER`, device SRP |
//! | [`Cognito::authenticate_user_password`] | `USER_PASSWORD_AUTH` | device SRP |
//! | [`Cognito::admin_authenticate`] | `ADMIN_USER_PASSWORD_AUTH` (signed) | device SRP |
//! | [`Cognito::custom_auth`] | `CUSTOM_AUTH`, pure or SRP first | `PASSWORD_VERIFIER` |
//! | [`Cognito::user_auth`] | `USER_AUTH` (choice-based) | `PASSWORD_VERIFIER` |
//!
//! Every request carries `SECRET_HASH` when the client has a secret, computed
//! over exactly the `USERNAME` it sends, and `DEVICE_KEY` when a device is
//! remembered; the `Session` is carried through every step. In a
//! `PASSWORD_VERIFIER` answer, `USER_ID_FOR_SRP` goes into the SRP maths and
//! the challenge's `USERNAME` (falling back to `USER_ID_FOR_SRP`) is sent.
//! A step that needs the caller (a new password, an MFA code, a choice) comes
//! back as [`AuthResult::Challenge`]; the password is never stored.

pub(crate) mod aws_srp;
pub(crate) mod challenge;

use std::time::{Duration, SystemTime};

use crate::auth::challenge::{Challenge, Pending};
use crate::client::{Cognito, RememberedDevice};
use crate::error::{Error, ProtocolError};
use crate::protocol::srp::{PasswordClaim, PasswordVerifierChallenge, SrpClient, SrpIdentity};
use crate::secret::SecretString;
use crate::types::{
    AdminInitiateAuthRequest, AdminRespondToAuthChallengeRequest, AuthFlowType, AuthParameters,
    AuthenticationResultType, ChallengeNameType, ChallengeParameters, ChallengeResponses,
    ConfirmDeviceRequest, DeviceSecretVerifierConfigType, InitiateAuthRequest,
    InitiateAuthResponse, RespondToAuthChallengeRequest,
};

/// The outcome of a sign-in step.
#[must_use = "a sign-in may stop at a challenge that must be answered"]
#[derive(Debug)]
pub enum AuthResult {
    /// Signed in: the handle now holds the tokens.
    Authenticated,
    /// Cognito asks for something more; answer it through the challenge.
    Challenge(Challenge),
}

impl AuthResult {
    /// Whether the sign-in is complete.
    pub fn is_authenticated(&self) -> bool {
        matches!(self, AuthResult::Authenticated)
    }

    /// The challenge, if the sign-in stopped at one.
    pub fn into_challenge(self) -> Option<Challenge> {
        match self {
            AuthResult::Challenge(c) => Some(c),
            AuthResult::Authenticated => None,
        }
    }
}

/// How to start a choice-based (`USER_AUTH`) sign-in.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum FirstFactor<'a> {
    /// Let Cognito offer the choices (a `SELECT_CHALLENGE`).
    Choose,
    /// Sign in with the password, sent as is (`PREFERRED_CHALLENGE=PASSWORD`).
    Password(&'a str),
    /// Sign in with the password through SRP (`PASSWORD_SRP`).
    PasswordSrp(&'a str),
    /// A one-time code by email (`EMAIL_OTP`).
    EmailOtp,
    /// A one-time code by SMS (`SMS_OTP`).
    SmsOtp,
}

/// What a sign-in in progress knows besides the last reply.
pub(crate) struct Flow<'p> {
    pub(crate) admin: bool,
    pub(crate) password: Option<&'p str>,
    pub(crate) srp: Option<SrpClient>,
    /// The USERNAME to send in the next challenge response.
    pub(crate) username: String,
}

impl Cognito {
    /// Signs in with the password through SRP (`USER_SRP_AUTH`), as warrant's
    /// `authenticate`. The password never leaves the machine.
    ///
    /// ```
    /// # use cognito::{Cognito, AuthResult};
    /// # fn demo(cognito: &Cognito) -> Result<(), cognito::Error> {
    /// match cognito.authenticate("Passw0rd!")? {
    ///     AuthResult::Authenticated => println!("signed in"),
    ///     AuthResult::Challenge(challenge) => println!("cognito asks for {}", challenge.name()),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without a username or client id; [`Error::Service`]
    /// when Cognito refuses (e.g. `NotAuthorizedException` for a wrong
    /// password); [`Error::Srp`] for a malformed or hostile challenge;
    /// [`Error::Protocol`] for a reply that fits no flow.
    pub fn authenticate(&self, password: &str) -> Result<AuthResult, Error> {
        let username = self.require_username()?;
        self.with_device_fallback(|device| {
            let srp = self.new_srp_client()?;
            let mut params = self.auth_parameters(&username, device);
            params.insert("SRP_A".into(), srp.srp_a().into());
            let reply = self.initiate(AuthFlowType::UserSrpAuth, params, false)?;
            self.drive(
                reply,
                Flow {
                    admin: false,
                    password: Some(password),
                    srp: Some(srp),
                    username: username.clone(),
                },
            )
        })
    }

    /// Signs in with the password sent to Cognito (`USER_PASSWORD_AUTH`); the
    /// app client must allow it.
    ///
    /// # Errors
    ///
    /// As [`authenticate`](Self::authenticate).
    pub fn authenticate_user_password(&self, password: &str) -> Result<AuthResult, Error> {
        self.password_flow(password, AuthFlowType::UserPasswordAuth, false)
    }

    /// Signs in as an administrator would (`ADMIN_USER_PASSWORD_AUTH`, signed
    /// with AWS credentials), as warrant's `admin_authenticate`.
    ///
    /// # Errors
    ///
    /// As [`authenticate`](Self::authenticate), plus [`Error::Credentials`]
    /// without AWS credentials and [`Error::Config`] without a pool id.
    pub fn admin_authenticate(&self, password: &str) -> Result<AuthResult, Error> {
        self.require_user_pool_id()?;
        self.password_flow(password, AuthFlowType::AdminUserPasswordAuth, true)
    }

    fn password_flow(
        &self,
        password: &str,
        flow: AuthFlowType,
        admin: bool,
    ) -> Result<AuthResult, Error> {
        let username = self.require_username()?;
        self.with_device_fallback(|device| {
            let mut params = self.auth_parameters(&username, device);
            params.insert("PASSWORD".into(), password.into());
            let reply = self.initiate(flow.clone(), params, admin)?;
            self.drive(
                reply,
                Flow {
                    admin,
                    password: Some(password),
                    srp: None,
                    username: username.clone(),
                },
            )
        })
    }

    /// Starts a custom (Lambda-driven) sign-in (`CUSTOM_AUTH`). With a
    /// password, SRP runs first (`CHALLENGE_NAME=SRP_A`) and the custom
    /// challenges follow; without one, they start at once.
    ///
    /// # Errors
    ///
    /// As [`authenticate`](Self::authenticate).
    pub fn custom_auth(&self, password: Option<&str>) -> Result<AuthResult, Error> {
        let username = self.require_username()?;
        self.with_device_fallback(|device| {
            let mut params = self.auth_parameters(&username, device);
            let srp = match password {
                Some(_) => {
                    let srp = self.new_srp_client()?;
                    params.insert("CHALLENGE_NAME".into(), "SRP_A".into());
                    params.insert("SRP_A".into(), srp.srp_a().into());
                    Some(srp)
                }
                None => None,
            };
            let reply = self.initiate(AuthFlowType::CustomAuth, params, false)?;
            self.drive(
                reply,
                Flow {
                    admin: false,
                    password,
                    srp,
                    username: username.clone(),
                },
            )
        })
    }

    /// Starts a choice-based sign-in (`USER_AUTH`, Essentials tier and up).
    ///
    /// # Errors
    ///
    /// As [`authenticate`](Self::authenticate).
    pub fn user_auth(&self, first: FirstFactor<'_>) -> Result<AuthResult, Error> {
        let username = self.require_username()?;
        self.with_device_fallback(|device| {
            let mut params = self.auth_parameters(&username, device);
            let (preferred, password, srp) = match first {
                FirstFactor::Choose => (None, None, None),
                FirstFactor::Password(p) => {
                    params.insert("PASSWORD".into(), p.into());
                    (Some("PASSWORD"), Some(p), None)
                }
                FirstFactor::PasswordSrp(p) => {
                    let srp = self.new_srp_client()?;
                    params.insert("SRP_A".into(), srp.srp_a().into());
                    (Some("PASSWORD_SRP"), Some(p), Some(srp))
                }
                FirstFactor::EmailOtp => (Some("EMAIL_OTP"), None, None),
                FirstFactor::SmsOtp => (Some("SMS_OTP"), None, None),
            };
            if let Some(preferred) = preferred {
                params.insert("PREFERRED_CHALLENGE".into(), preferred.into());
            }
            let reply = self.initiate(AuthFlowType::UserAuth, params, false)?;
            self.drive(
                reply,
                Flow {
                    admin: false,
                    password,
                    srp,
                    username: username.clone(),
                },
            )
        })
    }

    fn require_username(&self) -> Result<String, Error> {
        self.username().ok_or_else(|| {
            crate::error::ConfigError::new("sign-in needs a username; set it with .username(…)")
                .into()
        })
    }

    /// USERNAME, SECRET_HASH and DEVICE_KEY for an InitiateAuth.
    fn auth_parameters(&self, username: &str, device: Option<&RememberedDevice>) -> AuthParameters {
        let mut params = AuthParameters::new();
        params.insert("USERNAME".into(), username.into());
        if let Some(hash) = self.secret_hash_for(username) {
            params.insert("SECRET_HASH".into(), hash.into());
        }
        if let Some(device) = device {
            params.insert("DEVICE_KEY".into(), device.device_key.as_str().into());
        }
        params
    }

    /// Runs `attempt` with the remembered device; if Cognito rejects the
    /// device, forgets it and runs `attempt` once more without.
    fn with_device_fallback(
        &self,
        attempt: impl Fn(Option<&RememberedDevice>) -> Result<AuthResult, Error>,
    ) -> Result<AuthResult, Error> {
        let device = self.remembered_device();
        match attempt(device.as_ref()) {
            Err(e) if device.is_some() && names_the_device(&e) => {
                self.forget_remembered_device();
                attempt(None)
            }
            other => other,
        }
    }

    fn initiate(
        &self,
        flow: AuthFlowType,
        params: AuthParameters,
        admin: bool,
    ) -> Result<InitiateAuthResponse, Error> {
        let client_id = self.require_client_id()?.to_owned();
        if admin {
            let mut request =
                AdminInitiateAuthRequest::new(self.require_user_pool_id()?, client_id, flow);
            request.auth_parameters = Some(params);
            self.send(&request)
        } else {
            let mut request = InitiateAuthRequest::new(flow, client_id);
            request.auth_parameters = Some(params);
            self.send(&request)
        }
    }

    /// Sends one challenge response; adds USERNAME, SECRET_HASH and DEVICE_KEY.
    pub(crate) fn respond_to_challenge(
        &self,
        admin: bool,
        name: ChallengeNameType,
        username: &str,
        mut responses: ChallengeResponses,
        session: Option<SecretString>,
    ) -> Result<InitiateAuthResponse, Error> {
        responses.insert("USERNAME".into(), username.into());
        if let Some(hash) = self.secret_hash_for(username) {
            responses.insert("SECRET_HASH".into(), hash.into());
        }
        if let Some(device) = self.remembered_device() {
            responses
                .entry("DEVICE_KEY".into())
                .or_insert_with(|| device.device_key.as_str().into());
        }
        let client_id = self.require_client_id()?.to_owned();
        if admin {
            let mut request = AdminRespondToAuthChallengeRequest::new(
                self.require_user_pool_id()?,
                client_id,
                name,
            );
            request.challenge_responses = Some(responses);
            request.session = session;
            self.send(&request)
        } else {
            let mut request = RespondToAuthChallengeRequest::new(client_id, name);
            request.challenge_responses = Some(responses);
            request.session = session;
            self.send(&request)
        }
    }

    /// Follows replies until tokens arrive or the caller is needed. Each step
    /// the crate answers itself is answered at most once, so a server that
    /// repeats one cannot keep the client looping (or reusing its SRP `a`).
    pub(crate) fn drive(
        &self,
        mut reply: InitiateAuthResponse,
        mut flow: Flow<'_>,
    ) -> Result<AuthResult, Error> {
        let mut answered: Vec<ChallengeNameType> = Vec::new();
        loop {
            if let Some(result) = reply.authentication_result.take() {
                self.store_authentication(result)?;
                return Ok(AuthResult::Authenticated);
            }
            let params = reply.challenge_parameters.take().unwrap_or_default();
            if let Some(name) = params.get_str("USERNAME") {
                flow.username = name.to_owned();
            }
            let name = match reply.challenge_name.take() {
                Some(name) => name,
                None => return Err(ProtocolError::NoResultNoChallenge.into()),
            };
            let session = reply.session.take();
            if is_answered_here(&name) {
                if answered.contains(&name) {
                    return Err(ProtocolError::UnexpectedChallenge(name.as_str().into()).into());
                }
                answered.push(name.clone());
            }
            reply = match name {
                ChallengeNameType::PasswordVerifier => {
                    self.answer_password_verifier(&params, session, &mut flow)?
                }
                ChallengeNameType::DeviceSrpAuth => self.answer_device_srp(session, &mut flow)?,
                ChallengeNameType::DevicePasswordVerifier => {
                    self.answer_device_verifier(&params, session, &flow)?
                }
                ChallengeNameType::Unknown(name) => {
                    return Err(ProtocolError::UnknownChallenge(name).into())
                }
                name => {
                    let available = reply.available_challenges.take().unwrap_or_default();
                    let pending = Pending::new(
                        self.clone(),
                        flow.admin,
                        flow.username,
                        name,
                        session,
                        params,
                        available,
                    );
                    return Ok(AuthResult::Challenge(Challenge::from_pending(pending)));
                }
            };
        }
    }

    fn answer_password_verifier(
        &self,
        params: &ChallengeParameters,
        session: Option<SecretString>,
        flow: &mut Flow<'_>,
    ) -> Result<InitiateAuthResponse, Error> {
        let (Some(srp), Some(password)) = (flow.srp.as_ref(), flow.password) else {
            return Err(ProtocolError::UnexpectedChallenge("PASSWORD_VERIFIER".into()).into());
        };
        let required = |key: &str| {
            params
                .get_str(key)
                .ok_or_else(|| ProtocolError::MissingParameter {
                    challenge: "PASSWORD_VERIFIER".into(),
                    parameter: key.into(),
                })
        };
        let user_id = required("USER_ID_FOR_SRP")?;
        let challenge = PasswordVerifierChallenge {
            salt: required("SALT")?,
            srp_b: required("SRP_B")?,
            secret_block: required("SECRET_BLOCK")?,
        };
        let pool_id = self.require_user_pool_id()?;
        let who = SrpIdentity::user(pool_id, user_id)?;
        let claim = srp.password_claim(&who, password, &challenge, self.now().into())?;
        // Send the challenge's USERNAME (already in flow.username), else USER_ID_FOR_SRP.
        if params.get_str("USERNAME").is_none() {
            flow.username = user_id.to_owned();
        }
        let responses = claim_responses(claim);
        self.respond_to_challenge(
            flow.admin,
            ChallengeNameType::PasswordVerifier,
            &flow.username,
            responses,
            session,
        )
    }

    fn answer_device_srp(
        &self,
        session: Option<SecretString>,
        flow: &mut Flow<'_>,
    ) -> Result<InitiateAuthResponse, Error> {
        let Some(device) = self.remembered_device() else {
            return Err(ProtocolError::UnexpectedChallenge("DEVICE_SRP_AUTH".into()).into());
        };
        let srp = self.new_srp_client()?;
        let mut responses = ChallengeResponses::new();
        responses.insert("DEVICE_KEY".into(), device.device_key.as_str().into());
        responses.insert("SRP_A".into(), srp.srp_a().into());
        flow.srp = Some(srp);
        self.respond_to_challenge(
            flow.admin,
            ChallengeNameType::DeviceSrpAuth,
            &flow.username,
            responses,
            session,
        )
    }

    fn answer_device_verifier(
        &self,
        params: &ChallengeParameters,
        session: Option<SecretString>,
        flow: &Flow<'_>,
    ) -> Result<InitiateAuthResponse, Error> {
        let (Some(device), Some(srp)) = (self.remembered_device(), flow.srp.as_ref()) else {
            return Err(
                ProtocolError::UnexpectedChallenge("DEVICE_PASSWORD_VERIFIER".into()).into(),
            );
        };
        let required = |key: &str| {
            params
                .get_str(key)
                .ok_or_else(|| ProtocolError::MissingParameter {
                    challenge: "DEVICE_PASSWORD_VERIFIER".into(),
                    parameter: key.into(),
                })
        };
        let challenge = PasswordVerifierChallenge {
            salt: required("SALT")?,
            srp_b: required("SRP_B")?,
            secret_block: required("SECRET_BLOCK")?,
        };
        let who = SrpIdentity::device(&device.device_group_key, &device.device_key);
        let claim = srp.password_claim(
            &who,
            device.device_password.expose_secret(),
            &challenge,
            self.now().into(),
        )?;
        let mut responses = claim_responses(claim);
        responses.insert("DEVICE_KEY".into(), device.device_key.as_str().into());
        self.respond_to_challenge(
            flow.admin,
            ChallengeNameType::DevicePasswordVerifier,
            &flow.username,
            responses,
            session,
        )
    }

    /// Stores the tokens of a successful sign-in or refresh; remembers a new
    /// device when Cognito offers one.
    pub(crate) fn store_authentication(
        &self,
        result: AuthenticationResultType,
    ) -> Result<(), Error> {
        let now = self.now();
        let access_exp = result
            .access_token
            .as_ref()
            .and_then(|t| {
                crate::tokens::dangerous::decode_without_verification(t.expose_secret()).ok()
            })
            .and_then(|t| t.claims().exp);
        let expires_at = match (result.expires_in, access_exp) {
            (Some(seconds), _) if seconds >= 0 => {
                Some(now + Duration::from_secs(seconds.unsigned_abs().into()))
            }
            (_, Some(exp)) if exp >= 0 => {
                Some(SystemTime::UNIX_EPOCH + Duration::from_secs(exp.unsigned_abs()))
            }
            _ => None,
        };
        let expires_in = match (result.expires_in, expires_at) {
            (Some(seconds), _) if seconds >= 0 => Some(seconds.unsigned_abs().into()),
            (_, Some(at)) => Some(at.duration_since(now).map_or(0, |d| d.as_secs())),
            _ => None,
        };
        let new_device = result.new_device_metadata.clone();
        let access_token = result.access_token.clone();
        self.update_tokens(|tokens| {
            tokens.id_token = result.id_token.or(tokens.id_token.take());
            tokens.access_token = result.access_token.or(tokens.access_token.take());
            if result.refresh_token.is_some() {
                tokens.refresh_token = result.refresh_token;
            }
            tokens.token_type = Some(result.token_type.unwrap_or_else(|| "Bearer".to_owned()));
            tokens.expires_in = expires_in;
            tokens.expires_at = expires_at;
            tokens.username = self.username_for_tokens(tokens);
        });
        if let (Some(meta), Some(access_token)) = (new_device, access_token) {
            if let (Some(key), Some(group)) = (meta.device_key, meta.device_group_key) {
                self.confirm_new_device(&access_token, key, group)?;
            }
        }
        Ok(())
    }

    /// Registers a new device (ConfirmDevice with a fresh verifier) and
    /// remembers it on the handle.
    fn confirm_new_device(
        &self,
        access_token: &SecretString,
        device_key: String,
        device_group_key: String,
    ) -> Result<(), Error> {
        let verifier = self.new_device_verifier(&device_group_key, &device_key)?;
        let request = ConfirmDeviceRequest {
            access_token: access_token.clone(),
            device_key: device_key.clone(),
            device_secret_verifier_config: Some(DeviceSecretVerifierConfigType {
                password_verifier: Some(verifier.password_verifier().to_owned()),
                salt: Some(verifier.salt().to_owned()),
            }),
            device_name: Some(self.device_name()),
        };
        self.send(&request)?;
        self.set_remembered_device(Some(RememberedDevice {
            device_key,
            device_group_key,
            device_password: verifier.expose_device_password().into(),
        }));
        Ok(())
    }
}

/// `PASSWORD_CLAIM_SIGNATURE`, `PASSWORD_CLAIM_SECRET_BLOCK` and `TIMESTAMP`: the answer to
/// `PASSWORD_VERIFIER` and, with `DEVICE_KEY` added, to `DEVICE_PASSWORD_VERIFIER`.
fn claim_responses(claim: PasswordClaim) -> ChallengeResponses {
    let mut responses = ChallengeResponses::new();
    responses.insert("PASSWORD_CLAIM_SIGNATURE".into(), claim.signature.into());
    responses.insert(
        "PASSWORD_CLAIM_SECRET_BLOCK".into(),
        claim.secret_block.into(),
    );
    responses.insert("TIMESTAMP".into(), claim.timestamp.into());
    responses
}

/// The challenges [`Cognito::drive`] answers without the caller.
fn is_answered_here(name: &ChallengeNameType) -> bool {
    matches!(
        name,
        ChallengeNameType::PasswordVerifier
            | ChallengeNameType::DeviceSrpAuth
            | ChallengeNameType::DevicePasswordVerifier
    )
}

/// Whether Cognito's refusal is about the remembered device: a
/// `ResourceNotFoundException` or `NotAuthorizedException` whose message
/// names the device ("Device does not exist."). Other refusals, such as an
/// unknown app client, keep the device.
fn names_the_device(error: &Error) -> bool {
    match error {
        Error::Service(e) => {
            matches!(
                e.code(),
                crate::ErrorCode::ResourceNotFoundException
                    | crate::ErrorCode::NotAuthorizedException
            ) && e
                .message()
                .is_some_and(|m| m.to_ascii_lowercase().contains("device"))
        }
        _ => false,
    }
}
