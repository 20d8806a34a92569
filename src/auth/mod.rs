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
//!
//! The files: this one has the methods and the loop that sends
//! (`Cognito::run`); `steps.rs` is the sign-in as a pure step
//! machine (`next(flow, reply) → send / keep tokens / done / ask`);
//! `devices.rs` its remembered-device steps (device SRP, `ConfirmDevice`);
//! `token_update.rs` what a sign-in or refresh writes over the held tokens;
//! `challenge.rs` the typed challenges the caller answers, through the same
//! steps; `aws_srp.rs` warrant's `AWSSRP`.

pub(crate) mod aws_srp;
pub(crate) mod challenge;
pub(crate) mod devices;
pub(crate) mod steps;
pub(crate) mod token_update;

#[cfg(test)]
mod tests;

use crate::auth::challenge::{Challenge, Pending};
use crate::auth::steps::{AppClient, Asked, Env, Flow, Reply, Request, Start, Step};
use crate::client::{Cognito, RememberedDevice};
use crate::error::Error;
use crate::protocol::srp::SrpClient;
use crate::types::{AuthenticationResultType, ChallengeResponses};

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

    /// `Ok(())` when signed in; an error naming the challenge otherwise. For
    /// programs that answer no challenge: `cognito.authenticate(pw)?.signed_in()?`.
    ///
    /// ```
    /// use cognito::{Cognito, Error, HttpRequest, HttpResponse, TransportError};
    ///
    /// // A stand-in for Cognito that asks for an authenticator code.
    /// let fake = |_req: HttpRequest| -> Result<HttpResponse, TransportError> {
    ///     Ok(HttpResponse::new(200, br#"{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"s","ChallengeParameters":{}}"#.to_vec()))
    /// };
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .client_id("1example23456789")
    ///     .username("alice")
    ///     .transport(fake)
    ///     .build()?;
    /// let err = cognito.authenticate_user_password("Passw0rd!")?.signed_in().unwrap_err();
    /// assert!(matches!(&err, Error::ChallengeRequired { name } if name == "SOFTWARE_TOKEN_MFA"));
    /// assert_eq!(err.to_string(), "sign-in stopped at challenge SOFTWARE_TOKEN_MFA");
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::ChallengeRequired`] with the challenge's name when the
    /// sign-in stopped at one (the challenge is dropped, unanswered).
    pub fn signed_in(self) -> Result<(), Error> {
        match self {
            AuthResult::Authenticated => Ok(()),
            AuthResult::Challenge(c) => Err(Error::ChallengeRequired {
                name: c.name().to_owned(),
            }),
        }
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
///
/// `Debug` never shows a password:
///
/// ```
/// use cognito::FirstFactor;
/// assert_eq!(format!("{:?}", FirstFactor::Password("Passw0rd!")), "Password([redacted])");
/// ```
#[derive(Clone, Copy)]
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

impl std::fmt::Debug for FirstFactor<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Choose => f.write_str("Choose"),
            Self::Password(_) => f.write_str("Password([redacted])"),
            Self::PasswordSrp(_) => f.write_str("PasswordSrp([redacted])"),
            Self::EmailOtp => f.write_str("EmailOtp"),
            Self::SmsOtp => f.write_str("SmsOtp"),
        }
    }
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
        self.sign_in(Start::UserSrp(password))
    }

    /// Signs in with the password sent to Cognito (`USER_PASSWORD_AUTH`); the
    /// app client must allow it.
    ///
    /// # Errors
    ///
    /// As [`authenticate`](Self::authenticate).
    pub fn authenticate_user_password(&self, password: &str) -> Result<AuthResult, Error> {
        self.sign_in(Start::UserPassword(password))
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
        self.sign_in(Start::AdminUserPassword(password))
    }

    /// Starts a custom (Lambda-driven) sign-in (`CUSTOM_AUTH`). With a
    /// password, SRP runs first (`CHALLENGE_NAME=SRP_A`) and the custom
    /// challenges follow; without one, they start at once.
    ///
    /// # Errors
    ///
    /// As [`authenticate`](Self::authenticate).
    pub fn custom_auth(&self, password: Option<&str>) -> Result<AuthResult, Error> {
        self.sign_in(Start::Custom(password))
    }

    /// Starts a choice-based sign-in (`USER_AUTH`, Essentials tier and up).
    ///
    /// # Errors
    ///
    /// As [`authenticate`](Self::authenticate).
    pub fn user_auth(&self, first: FirstFactor<'_>) -> Result<AuthResult, Error> {
        self.sign_in(Start::UserAuth(first))
    }

    /// Builds the first request, then runs the steps; once more without the
    /// remembered device if Cognito refuses it.
    fn sign_in(&self, how: Start<'_>) -> Result<AuthResult, Error> {
        let username = self.require_username()?;
        self.with_device_fallback(|device| {
            let client = self.app_client()?;
            let (flow, step) = self.with_env(|env| {
                steps::start(client, username.clone(), device.cloned(), how, env)
            })?;
            self.run(flow, step)
        })
    }

    /// Answers a challenge the caller was asked, then runs the steps.
    pub(crate) fn answer_challenge(
        &self,
        asked: Asked,
        responses: ChallengeResponses,
        password: Option<&str>,
        srp: Option<SrpClient>,
    ) -> Result<AuthResult, Error> {
        let device = self.remembered_device();
        let (flow, step) =
            steps::answer(self.app_client()?, device, asked, responses, password, srp)?;
        self.run(flow, step)
    }

    /// The loop that sends: does what each step says and gives the reply to
    /// [`steps::next`], until the sign-in is done or needs the caller.
    fn run(&self, mut flow: Flow<'_>, mut step: Step) -> Result<AuthResult, Error> {
        loop {
            let reply = match step {
                Step::Send(request) => self.send_step(&request)?,
                Step::Keep(tokens) => {
                    self.update_tokens(|held| tokens.apply(held));
                    // Outside the token lock: the username has a lock of its own.
                    let username = self.username_for_tokens(&self.tokens());
                    self.update_tokens(|held| held.username = username);
                    Reply::Kept
                }
                Step::Done(device) => {
                    if device.is_some() {
                        self.set_remembered_device(device);
                    }
                    return Ok(AuthResult::Authenticated);
                }
                Step::Ask(asked) => {
                    let pending = Pending::new(self.clone(), asked);
                    return Ok(AuthResult::Challenge(Challenge::from_pending(pending)));
                }
            };
            step = self.with_env(|env| steps::next(&mut flow, reply, env))?;
        }
    }

    /// Sends a step's request; the reply goes back to the steps.
    fn send_step(&self, request: &Request) -> Result<Reply, Error> {
        let reply = match request {
            Request::InitiateAuth(request) => self.send(request)?,
            Request::AdminInitiateAuth(request) => self.send(request)?,
            Request::RespondToAuthChallenge(request) => self.send(request)?,
            Request::AdminRespondToAuthChallenge(request) => self.send(request)?,
            Request::ConfirmDevice(request) => {
                self.send(request)?;
                return Ok(Reply::DeviceConfirmed);
            }
        };
        Ok(Reply::Auth(Box::new(reply)))
    }

    /// Lends the handle's clock and random source to a step.
    fn with_env<R>(&self, step: impl FnOnce(&mut Env<'_>) -> R) -> R {
        let clock = || self.now();
        let mut random = |buf: &mut [u8]| self.fill_random(buf);
        step(&mut Env {
            clock: &clock,
            random: &mut random,
        })
    }

    /// What every request of a sign-in is built from.
    fn app_client(&self) -> Result<AppClient, Error> {
        Ok(AppClient {
            pool_id: self.user_pool_id().map(str::to_owned),
            client_id: self.require_client_id()?.to_owned(),
            client_secret: self.client_secret().cloned(),
            device_name: self.device_name(),
            options: std::sync::Arc::clone(self.call_options()),
        })
    }

    fn require_username(&self) -> Result<String, Error> {
        self.username().ok_or_else(|| {
            crate::error::ConfigError::new("sign-in needs a username; set it with .username(…)")
                .into()
        })
    }

    /// Runs `attempt` with the remembered device; if Cognito rejects the
    /// device, forgets it and runs `attempt` once more without.
    fn with_device_fallback(
        &self,
        attempt: impl Fn(Option<&RememberedDevice>) -> Result<AuthResult, Error>,
    ) -> Result<AuthResult, Error> {
        let device = self.remembered_device();
        match attempt(device.as_ref()) {
            Err(e) if device.is_some() && devices::names_the_device(&e) => {
                self.forget_remembered_device();
                attempt(None)
            }
            other => other,
        }
    }

    /// Stores the tokens of a successful refresh through the same steps as a
    /// sign-in: keep them, then confirm a new device when Cognito offers one.
    pub(crate) fn store_authentication(
        &self,
        result: AuthenticationResultType,
    ) -> Result<(), Error> {
        let mut flow = Flow::new(self.app_client()?, false, String::new(), None);
        let step = steps::signed_in(&mut flow, result, self.now());
        self.run(flow, step).map(drop)
    }
}
