//! Entry points for the fuzz targets in `fuzz/` (feature `fuzzing`).
//!
//! **Not part of the API**: hidden from the docs, no semver promise, built
//! only with the `fuzzing` feature. It lends the targets the private halves
//! of token verification and the sign-in step machine; everything else the
//! targets fuzz (`jwks`, `wire`, `srp`, `dangerous`) is public already.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::auth::steps::{self, AppClient, Asked, Env, Flow, Reply, Request, Start, Step};
use crate::auth::FirstFactor;
use crate::client::{RememberedDevice, Tokens};
use crate::error::Error;
use crate::http::HttpResponse;
use crate::tokens::jwks::KeySet;
use crate::tokens::jwt::Claims;
use crate::tokens::verify::{Validation, VerifyError};
use crate::types::{ChallengeNameType, ChallengeResponses, InitiateAuthResponse};

/// The structural and cryptographic half of [`crate::verify::verify`]: no
/// claim is checked.
///
/// # Errors
///
/// As [`crate::verify::verify`], for the checks before the claims.
pub fn verify_signature(token: &str, keys: &KeySet) -> Result<Claims, VerifyError> {
    crate::tokens::verify::verify_signature(token, keys)
}

/// The claims half of [`crate::verify::verify`], at `now` seconds since the
/// epoch.
///
/// # Errors
///
/// As [`crate::verify::verify`], for the claim checks.
pub fn validate(claims: &Claims, validation: &Validation, now: i64) -> Result<(), VerifyError> {
    crate::tokens::verify::validate(claims, validation, now)
}

/// How a fuzzed sign-in starts: one per way the handle starts one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartKind {
    /// `USER_SRP_AUTH`.
    UserSrp,
    /// `USER_PASSWORD_AUTH`.
    UserPassword,
    /// `ADMIN_USER_PASSWORD_AUTH`.
    AdminUserPassword,
    /// `CUSTOM_AUTH` with SRP first.
    CustomSrp,
    /// `CUSTOM_AUTH` without a password.
    Custom,
    /// `USER_AUTH`, letting Cognito offer the choices.
    UserAuthChoose,
    /// `USER_AUTH` with the password sent.
    UserAuthPassword,
    /// `USER_AUTH` with the password through SRP.
    UserAuthPasswordSrp,
    /// `USER_AUTH` with an email code.
    UserAuthEmailOtp,
}

impl StartKind {
    /// Every kind, for picking one from a fuzzer's byte.
    pub const ALL: [StartKind; 9] = [
        StartKind::UserSrp,
        StartKind::UserPassword,
        StartKind::AdminUserPassword,
        StartKind::CustomSrp,
        StartKind::Custom,
        StartKind::UserAuthChoose,
        StartKind::UserAuthPassword,
        StartKind::UserAuthPasswordSrp,
        StartKind::UserAuthEmailOtp,
    ];

    /// Whether the password must never appear in a request of this flow.
    pub fn password_stays_local(self) -> bool {
        matches!(
            self,
            StartKind::UserSrp | StartKind::CustomSrp | StartKind::UserAuthPasswordSrp
        )
    }

    fn start(self, password: &str) -> Start<'_> {
        match self {
            StartKind::UserSrp => Start::UserSrp(password),
            StartKind::UserPassword => Start::UserPassword(password),
            StartKind::AdminUserPassword => Start::AdminUserPassword(password),
            StartKind::CustomSrp => Start::Custom(Some(password)),
            StartKind::Custom => Start::Custom(None),
            StartKind::UserAuthChoose => Start::UserAuth(FirstFactor::Choose),
            StartKind::UserAuthPassword => Start::UserAuth(FirstFactor::Password(password)),
            StartKind::UserAuthPasswordSrp => Start::UserAuth(FirstFactor::PasswordSrp(password)),
            StartKind::UserAuthEmailOtp => Start::UserAuth(FirstFactor::EmailOtp),
        }
    }
}

/// A sign-in to run through the step machine with replies from a fuzzer.
#[derive(Debug, Clone, Copy)]
pub struct SignIn<'a> {
    /// How it starts.
    pub start: StartKind,
    /// Whether the app client has a secret (`SECRET_HASH` on every request).
    pub client_secret: bool,
    /// Whether a device is remembered (`DEVICE_KEY`, device SRP).
    pub device: bool,
    /// The user's password.
    pub password: &'a str,
    /// The code the caller answers every challenge it is asked with.
    pub code: &'a str,
}

/// What a fuzzed sign-in did.
#[derive(Debug)]
pub struct Trace {
    /// Each request the steps asked to send, as the JSON body sent.
    pub requests: Vec<String>,
    /// The challenges the caller was asked, in order.
    pub asked: Vec<String>,
    /// The held tokens at the end.
    pub tokens: Tokens,
    /// How it ended.
    pub outcome: Outcome,
}

/// How a fuzzed sign-in ended.
#[derive(Debug)]
pub enum Outcome {
    /// Signed in; whether a device was to be remembered.
    Done {
        /// A device to remember came with the last step.
        device: bool,
    },
    /// A step failed (or a reply did not parse) with this error.
    Failed(Error),
    /// The replies ran out while a request waited for one.
    OutOfReplies,
    /// More steps than the replies can explain: the machine loops.
    Looped,
}

/// The fixed time of every fuzzed step: Tue Nov 14 22:13:20 UTC 2023.
const NOW: u64 = 1_700_000_000;

/// Runs a sign-in through the pure steps (as `Cognito::run` does, with
/// nothing sent): each request the steps ask for is answered with the next of
/// `replies`, parsed as the handle parses a 200 reply; each challenge the
/// caller is asked is answered with [`SignIn::code`] (a `SELECT_CHALLENGE`
/// with `PASSWORD_SRP`), as a caller would through the typed challenges.
pub fn sign_in<'r>(input: &SignIn<'_>, replies: impl IntoIterator<Item = &'r [u8]>) -> Trace {
    let mut replies = replies.into_iter();
    let mut draws = 0u8;
    let clock = || UNIX_EPOCH + Duration::from_secs(NOW);
    // Deterministic randomness: draw k fills its buffer with k (never 0, so
    // an SRP private value is never 0).
    let mut random = |buf: &mut [u8]| {
        draws = draws.wrapping_add(1).max(1);
        buf.fill(draws);
        Ok(())
    };
    let mut env = Env {
        clock: &clock,
        random: &mut random,
    };
    let client = AppClient {
        pool_id: Some("us-east-1_FuzzPool1".into()),
        client_id: "fuzz0client0id000000001".into(),
        client_secret: input
            .client_secret
            .then(|| "fuzz-client-secret-not-real".into()),
        device_name: "fuzz-host".into(),
        options: Default::default(),
    };
    let device = input.device.then(|| RememberedDevice {
        device_key: "us-east-1_0d15ea5e-fuzz-device-key".into(),
        device_group_key: "-FuzzGroupKey".into(),
        device_password: "fuzz-device-password-not-real".into(),
    });
    let mut trace = Trace {
        requests: Vec::new(),
        asked: Vec::new(),
        tokens: Tokens::default(),
        outcome: Outcome::OutOfReplies,
    };
    let started = steps::start(
        client.clone(),
        "fuzz-user".into(),
        device.clone(),
        input.start.start(input.password),
        &mut env,
    );
    let (mut flow, mut step) = match started {
        Ok(started) => started,
        Err(e) => {
            trace.outcome = Outcome::Failed(e);
            return trace;
        }
    };
    // Each reply, Keep, ConfirmDevice and caller's answer is a step; a step
    // machine that needs more than a few per reply loops.
    let mut budget = 64usize;
    trace.outcome = loop {
        budget = match budget.checked_sub(1) {
            Some(b) => b,
            None => break Outcome::Looped,
        };
        let reply = match step {
            Step::Send(request) => {
                trace.requests.push(body(&request));
                if matches!(request, Request::ConfirmDevice(_)) {
                    Reply::DeviceConfirmed
                } else {
                    let Some(bytes) = replies.next() else {
                        break Outcome::OutOfReplies;
                    };
                    let reply = HttpResponse::new(200, bytes.to_vec());
                    match crate::wire::parse_reply::<InitiateAuthResponse>("InitiateAuth", &reply) {
                        Ok(parsed) => Reply::Auth(Box::new(parsed)),
                        Err(e) => break Outcome::Failed(e),
                    }
                }
            }
            Step::Keep(update) => {
                update.apply(&mut trace.tokens);
                Reply::Kept
            }
            Step::Done(device) => {
                break Outcome::Done {
                    device: device.is_some(),
                }
            }
            Step::Ask(asked) => {
                trace.asked.push(asked.name.as_str().to_owned());
                match answer(&client, device.clone(), asked, input, &mut env) {
                    Ok((answered, first)) => {
                        flow = answered;
                        step = first;
                        continue;
                    }
                    Err(e) => break Outcome::Failed(e),
                }
            }
        };
        step = match steps::next(&mut flow, reply, &mut env) {
            Ok(step) => step,
            Err(e) => break Outcome::Failed(e),
        };
    };
    trace
}

/// The caller's answer to `asked`: `PASSWORD_SRP` to a `SELECT_CHALLENGE`,
/// the code to anything else.
fn answer<'p>(
    client: &AppClient,
    device: Option<RememberedDevice>,
    asked: Asked,
    input: &SignIn<'p>,
    env: &mut Env<'_>,
) -> Result<(Flow<'p>, Step), Error> {
    let mut responses = ChallengeResponses::new();
    let mut srp = None;
    let mut password = None;
    if asked.name == ChallengeNameType::SelectChallenge {
        let client = env.srp_client()?;
        responses.insert("ANSWER".into(), "PASSWORD_SRP".into());
        responses.insert("SRP_A".into(), client.srp_a().into());
        srp = Some(client);
        password = Some(input.password);
    } else {
        responses.insert("ANSWER".into(), input.code.into());
        responses.insert("SMS_MFA_CODE".into(), input.code.into());
    }
    steps::answer(client.clone(), device, asked, responses, password, srp)
}

/// The JSON body a request would be sent with.
fn body(request: &Request) -> String {
    let json = match request {
        Request::InitiateAuth(r) => serde_json::to_string(r),
        Request::AdminInitiateAuth(r) => serde_json::to_string(r),
        Request::RespondToAuthChallenge(r) => serde_json::to_string(r),
        Request::AdminRespondToAuthChallenge(r) => serde_json::to_string(r),
        Request::ConfirmDevice(r) => serde_json::to_string(r),
    };
    json.unwrap_or_else(|e| format!("<unserializable request: {e}>"))
}

/// The time every fuzzed step sees.
pub fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW)
}
