//! Challenges: the steps of a sign-in that need the caller, each a typed value
//! with the method that answers it.
//!
//! ```
//! # use cognito::{AuthResult, Challenge, Cognito};
//! # fn demo(cognito: &Cognito, read_code: impl Fn() -> String) -> Result<(), cognito::Error> {
//! let mut step = cognito.authenticate("Passw0rd!")?;
//! while let AuthResult::Challenge(challenge) = step {
//!     step = match challenge {
//!         Challenge::NewPasswordRequired(c) => c.respond("N3w-Passw0rd!", &[])?,
//!         Challenge::SoftwareTokenMfa(c) | Challenge::SmsMfa(c) => c.respond(&read_code())?,
//!         other => panic!("not handled here: {}", other.name()),
//!     };
//! }
//! # Ok(()) }
//! ```

use std::fmt;

use crate::auth::steps::Asked;
use crate::auth::AuthResult;
use crate::client::Cognito;
use crate::error::{Error, ProtocolError};
use crate::protocol::srp::SrpClient;
use crate::secret::SecretString;
use crate::types::{
    AssociateSoftwareTokenRequest, ChallengeNameType, ChallengeParameters, ChallengeResponses,
    VerifySoftwareTokenRequest, VerifySoftwareTokenResponseType,
};

/// A step of a sign-in that needs the caller.
#[derive(Debug)]
#[non_exhaustive]
pub enum Challenge {
    /// `NEW_PASSWORD_REQUIRED`: the user must choose a new password (an
    /// administrator created them with a temporary one).
    NewPasswordRequired(NewPasswordRequired),
    /// `SMS_MFA`: a code was sent by SMS.
    SmsMfa(CodeChallenge),
    /// `SOFTWARE_TOKEN_MFA`: a code from the user's authenticator app.
    SoftwareTokenMfa(CodeChallenge),
    /// `EMAIL_OTP`: a code was sent by email (email MFA or passwordless).
    EmailOtp(CodeChallenge),
    /// `SMS_OTP`: a passwordless code was sent by SMS.
    SmsOtp(CodeChallenge),
    /// `SELECT_MFA_TYPE`: choose which MFA to use.
    SelectMfaType(SelectMfaType),
    /// `MFA_SETUP`: MFA is required and the user has none yet.
    MfaSetup(MfaSetup),
    /// `CUSTOM_CHALLENGE`: a question from the pool's Lambda triggers.
    CustomChallenge(CustomChallenge),
    /// `SELECT_CHALLENGE`: choose how to sign in (`USER_AUTH`).
    SelectChallenge(SelectChallenge),
    /// Any other challenge the model knows (e.g. `WEB_AUTHN`), answered with
    /// raw responses.
    Other(OtherChallenge),
}

impl Challenge {
    pub(crate) fn from_pending(p: Pending) -> Self {
        match p.asked.name {
            ChallengeNameType::NewPasswordRequired => {
                Challenge::NewPasswordRequired(NewPasswordRequired(p))
            }
            ChallengeNameType::SmsMfa => Challenge::SmsMfa(CodeChallenge(p)),
            ChallengeNameType::SoftwareTokenMfa => Challenge::SoftwareTokenMfa(CodeChallenge(p)),
            ChallengeNameType::EmailOtp => Challenge::EmailOtp(CodeChallenge(p)),
            ChallengeNameType::SmsOtp => Challenge::SmsOtp(CodeChallenge(p)),
            ChallengeNameType::SelectMfaType => Challenge::SelectMfaType(SelectMfaType(p)),
            ChallengeNameType::MfaSetup => Challenge::MfaSetup(MfaSetup {
                pending: p,
                secret: None,
            }),
            ChallengeNameType::CustomChallenge => Challenge::CustomChallenge(CustomChallenge(p)),
            ChallengeNameType::SelectChallenge => Challenge::SelectChallenge(SelectChallenge(p)),
            _ => Challenge::Other(OtherChallenge(p)),
        }
    }

    pub(crate) fn pending(&self) -> &Pending {
        match self {
            Challenge::NewPasswordRequired(c) => &c.0,
            Challenge::SmsMfa(c)
            | Challenge::SoftwareTokenMfa(c)
            | Challenge::EmailOtp(c)
            | Challenge::SmsOtp(c) => &c.0,
            Challenge::SelectMfaType(c) => &c.0,
            Challenge::MfaSetup(c) => &c.pending,
            Challenge::CustomChallenge(c) => &c.0,
            Challenge::SelectChallenge(c) => &c.0,
            Challenge::Other(c) => &c.0,
        }
    }

    /// The challenge's wire name, e.g. `NEW_PASSWORD_REQUIRED`.
    pub fn name(&self) -> &str {
        self.pending().asked.name.as_str()
    }

    /// The challenge's parameters as Cognito sent them.
    pub fn parameters(&self) -> &ChallengeParameters {
        &self.pending().asked.parameters
    }

    /// The username the answer will carry (Cognito's own, after an alias sign-in).
    pub fn username(&self) -> &str {
        &self.pending().asked.username
    }
}

/// The state shared by every challenge: the handle to answer through and
/// what the sign-in's steps asked.
pub(crate) struct Pending {
    cognito: Cognito,
    asked: Asked,
    /// The `DEVICE_KEY` the sign-in started with, when it was resumed from a
    /// saved state (`server::PendingSignIn`); otherwise the handle's
    /// remembered device supplies it.
    device_key: Option<String>,
}

impl fmt::Debug for Pending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Challenge")
            .field("name", &self.asked.name.as_str())
            .field("username", &self.asked.username)
            .field("parameters", &self.asked.parameters)
            .field("session", &self.asked.session)
            .finish_non_exhaustive()
    }
}

impl Pending {
    pub(crate) fn new(cognito: Cognito, asked: Asked) -> Self {
        Self {
            cognito,
            asked,
            device_key: None,
        }
    }

    /// A challenge rebuilt from a saved state, answered through `cognito`
    /// with `device_key` as `DEVICE_KEY` unless the handle remembers a device.
    pub(crate) fn resumed(cognito: Cognito, asked: Asked, device_key: Option<String>) -> Self {
        Self {
            cognito,
            asked,
            device_key,
        }
    }

    /// What the sign-in's steps asked.
    pub(crate) fn asked(&self) -> &Asked {
        &self.asked
    }

    /// The `DEVICE_KEY` the answer will carry, if any.
    pub(crate) fn device_key(&self) -> Option<String> {
        self.cognito
            .remembered_device()
            .map(|d| d.device_key)
            .or_else(|| self.device_key.clone())
    }

    /// Answers with `responses` (USERNAME, SECRET_HASH and DEVICE_KEY are
    /// added) and follows the reply through the sign-in's steps, with
    /// `password` and `srp` for a `PASSWORD_VERIFIER` that may come next.
    fn answer(
        self,
        mut responses: ChallengeResponses,
        password: Option<&str>,
        srp: Option<SrpClient>,
    ) -> Result<AuthResult, Error> {
        if let (Some(key), None) = (self.device_key, self.cognito.remembered_device()) {
            responses
                .entry("DEVICE_KEY".into())
                .or_insert_with(|| key.into());
        }
        self.cognito
            .answer_challenge(self.asked, responses, password, srp)
    }

    /// A list parameter: a JSON array, JSON text holding one (real Cognito),
    /// or the Python list text moto 5.2.5 sends for `MFAS_CAN_SETUP`
    /// (`"['SOFTWARE_TOKEN_MFA']"`).
    fn json_list(&self, key: &str) -> Vec<String> {
        match self.asked.parameters.get_json(key) {
            Ok(Some(serde_json::Value::Array(items))) => items
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            Err(_) => self
                .asked
                .parameters
                .get_str(key)
                .map(python_list)
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// Reads `['A', 'B']` (a Python list of plain strings); anything else is empty.
fn python_list(text: &str) -> Vec<String> {
    let Some(inner) = text
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
    else {
        return Vec::new();
    };
    inner
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.strip_prefix('\'')
                .and_then(|i| i.strip_suffix('\''))
                .or_else(|| item.strip_prefix('"').and_then(|i| i.strip_suffix('"')))
                .map(str::to_owned)
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// `NEW_PASSWORD_REQUIRED`.
#[derive(Debug)]
pub struct NewPasswordRequired(Pending);

impl NewPasswordRequired {
    /// The attributes the pool requires and the user lacks, without the
    /// `userAttributes.` prefix (from `requiredAttributes`).
    pub fn required_attributes(&self) -> Vec<String> {
        self.0
            .json_list("requiredAttributes")
            .into_iter()
            .map(|a| {
                a.strip_prefix("userAttributes.")
                    .map(str::to_owned)
                    .unwrap_or(a)
            })
            .collect()
    }

    /// The user's current attributes (from `userAttributes`), as a JSON object.
    pub fn user_attributes(&self) -> serde_json::Map<String, serde_json::Value> {
        match self.0.asked.parameters.get_json("userAttributes") {
            Ok(Some(serde_json::Value::Object(map))) => map,
            _ => serde_json::Map::new(),
        }
    }

    /// Sets the new password, with values for required attributes (sent as
    /// `userAttributes.<name>`).
    ///
    /// # Errors
    ///
    /// [`Error::Service`] when Cognito refuses the password
    /// (`InvalidPasswordException`) or an attribute; as
    /// [`Cognito::authenticate`] otherwise.
    pub fn respond(
        self,
        new_password: &str,
        attributes: &[(&str, &str)],
    ) -> Result<AuthResult, Error> {
        let mut responses = ChallengeResponses::new();
        responses.insert("NEW_PASSWORD".into(), new_password.into());
        for (name, value) in attributes {
            let key = if name.starts_with("userAttributes.") {
                (*name).to_owned()
            } else {
                format!("userAttributes.{name}")
            };
            responses.insert(key, (*value).into());
        }
        self.0.answer(responses, Some(new_password), None)
    }
}

/// A challenge answered with a one-time code: `SMS_MFA`, `SOFTWARE_TOKEN_MFA`,
/// `EMAIL_OTP` or `SMS_OTP`.
#[derive(Debug)]
pub struct CodeChallenge(Pending);

impl CodeChallenge {
    /// Where the code went, masked (`CODE_DELIVERY_DESTINATION`), if Cognito says.
    pub fn destination(&self) -> Option<&str> {
        self.0.asked.parameters.get_str("CODE_DELIVERY_DESTINATION")
    }

    /// How the code went (`CODE_DELIVERY_DELIVERY_MEDIUM`: `SMS`, `EMAIL`).
    pub fn delivery_medium(&self) -> Option<&str> {
        self.0
            .asked
            .parameters
            .get_str("CODE_DELIVERY_DELIVERY_MEDIUM")
    }

    /// Answers with the code.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `CodeMismatchException` or
    /// `ExpiredCodeException` for a wrong or stale code.
    pub fn respond(self, code: &str) -> Result<AuthResult, Error> {
        let key = match self.0.asked.name {
            ChallengeNameType::SmsMfa => "SMS_MFA_CODE",
            ChallengeNameType::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA_CODE",
            ChallengeNameType::EmailOtp => "EMAIL_OTP_CODE",
            _ => "SMS_OTP_CODE",
        };
        let mut responses = ChallengeResponses::new();
        responses.insert(key.into(), code.into());
        self.0.answer(responses, None, None)
    }
}

/// `SELECT_MFA_TYPE`.
#[derive(Debug)]
pub struct SelectMfaType(Pending);

impl SelectMfaType {
    /// The MFA types to choose from (`MFAS_CAN_CHOOSE`), e.g. `SMS_MFA`,
    /// `SOFTWARE_TOKEN_MFA`.
    pub fn options(&self) -> Vec<String> {
        self.0.json_list("MFAS_CAN_CHOOSE")
    }

    /// Chooses one; the next step is its code challenge.
    ///
    /// # Errors
    ///
    /// As [`Cognito::authenticate`].
    pub fn choose(self, mfa_type: &str) -> Result<AuthResult, Error> {
        let mut responses = ChallengeResponses::new();
        responses.insert("ANSWER".into(), mfa_type.into());
        self.0.answer(responses, None, None)
    }
}

/// `MFA_SETUP`: set up an authenticator app, then verify a code from it.
#[derive(Debug)]
pub struct MfaSetup {
    pending: Pending,
    secret: Option<SecretString>,
}

/// An authenticator-app secret to show the user.
#[derive(Debug, Clone)]
pub struct TotpSecret {
    /// The base32 secret (`SecretCode`).
    pub secret: SecretString,
}

impl TotpSecret {
    /// An `otpauth://totp/…` URI for a QR code. It contains the secret.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}",
            percent_encode(issuer),
            percent_encode(account),
            self.secret.expose_secret(),
            percent_encode(issuer)
        )
    }
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl MfaSetup {
    /// The MFA types the user may set up (`MFAS_CAN_SETUP`).
    pub fn options(&self) -> Vec<String> {
        self.pending.json_list("MFAS_CAN_SETUP")
    }

    /// Asks Cognito for a TOTP secret (AssociateSoftwareToken with the
    /// session) to show the user.
    ///
    /// # Errors
    ///
    /// As [`Cognito::authenticate`]; [`Error::Protocol`] when the reply has
    /// no secret.
    pub fn associate_software_token(&mut self) -> Result<TotpSecret, Error> {
        let reply = self.pending.cognito.send(&AssociateSoftwareTokenRequest {
            access_token: None,
            session: self.pending.asked.session.clone(),
        })?;
        if reply.session.is_some() {
            self.pending.asked.session = reply.session;
        }
        let secret = reply.secret_code.ok_or(ProtocolError::MissingField {
            operation: "AssociateSoftwareToken".into(),
            field: "SecretCode".into(),
        })?;
        self.secret = Some(secret.clone());
        Ok(TotpSecret { secret })
    }

    /// Verifies a code from the authenticator app (VerifySoftwareToken with
    /// the session), then completes the challenge with the session it returns.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] (`CodeMismatchException`,
    /// `EnableSoftwareTokenMFAException`) for a wrong code;
    /// [`Error::Protocol`] when verification reports `ERROR`.
    pub fn verify_software_token(
        mut self,
        code: &str,
        friendly_device_name: Option<&str>,
    ) -> Result<AuthResult, Error> {
        let reply = self.pending.cognito.send(&VerifySoftwareTokenRequest {
            access_token: None,
            session: self.pending.asked.session.clone(),
            user_code: code.into(),
            friendly_device_name: friendly_device_name.map(str::to_owned),
        })?;
        if reply.status == Some(VerifySoftwareTokenResponseType::Error) {
            return Err(ProtocolError::SoftwareTokenNotVerified.into());
        }
        if reply.session.is_some() {
            self.pending.asked.session = reply.session;
        }
        self.pending.answer(ChallengeResponses::new(), None, None)
    }
}

/// `CUSTOM_CHALLENGE`.
#[derive(Debug)]
pub struct CustomChallenge(Pending);

impl CustomChallenge {
    /// The challenge's public parameters, as the Lambda trigger set them.
    pub fn parameters(&self) -> &ChallengeParameters {
        &self.0.asked.parameters
    }

    /// Answers (`ANSWER`).
    ///
    /// # Errors
    ///
    /// As [`Cognito::authenticate`].
    pub fn answer(self, answer: &str) -> Result<AuthResult, Error> {
        let mut responses = ChallengeResponses::new();
        responses.insert("ANSWER".into(), answer.into());
        self.0.answer(responses, None, None)
    }
}

/// `SELECT_CHALLENGE` (choice-based sign-in).
#[derive(Debug)]
pub struct SelectChallenge(Pending);

impl SelectChallenge {
    /// The choices (`AvailableChallenges`), e.g. `PASSWORD`, `EMAIL_OTP`.
    pub fn available(&self) -> Vec<&str> {
        self.0
            .asked
            .available
            .iter()
            .map(ChallengeNameType::as_str)
            .collect()
    }

    /// Signs in with the password, sent as is.
    ///
    /// # Errors
    ///
    /// As [`Cognito::authenticate`].
    pub fn password(self, password: &str) -> Result<AuthResult, Error> {
        let mut responses = ChallengeResponses::new();
        responses.insert("ANSWER".into(), "PASSWORD".into());
        responses.insert("PASSWORD".into(), password.into());
        self.0.answer(responses, Some(password), None)
    }

    /// Signs in with the password through SRP.
    ///
    /// # Errors
    ///
    /// As [`Cognito::authenticate`].
    pub fn password_srp(self, password: &str) -> Result<AuthResult, Error> {
        let srp = self.0.cognito.new_srp_client()?;
        let mut responses = ChallengeResponses::new();
        responses.insert("ANSWER".into(), "PASSWORD_SRP".into());
        responses.insert("SRP_A".into(), srp.srp_a().into());
        self.0.answer(responses, Some(password), Some(srp))
    }

    /// Chooses a factor that sends a code (`EMAIL_OTP`, `SMS_OTP`); the next
    /// step is its code challenge.
    ///
    /// # Errors
    ///
    /// As [`Cognito::authenticate`].
    pub fn choose(self, challenge: &str) -> Result<AuthResult, Error> {
        let mut responses = ChallengeResponses::new();
        responses.insert("ANSWER".into(), challenge.into());
        self.0.answer(responses, None, None)
    }
}

/// A challenge without a typed answer (e.g. `WEB_AUTHN`).
#[derive(Debug)]
pub struct OtherChallenge(Pending);

impl OtherChallenge {
    /// Answers with raw `ChallengeResponses`; USERNAME, SECRET_HASH and
    /// DEVICE_KEY are added.
    ///
    /// # Errors
    ///
    /// As [`Cognito::authenticate`].
    pub fn respond(self, responses: ChallengeResponses) -> Result<AuthResult, Error> {
        self.0.answer(responses, None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_list_text_from_moto() {
        assert_eq!(
            python_list("['SOFTWARE_TOKEN_MFA']"),
            ["SOFTWARE_TOKEN_MFA"]
        );
        assert_eq!(
            python_list("['SMS_MFA', \"SOFTWARE_TOKEN_MFA\"]"),
            ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
        );
        assert!(python_list("[SMS_MFA]").is_empty());
        assert!(python_list("not a list").is_empty());
        assert!(python_list("[]").is_empty());
    }

    #[test]
    fn otpauth_uri_is_encoded() {
        let s = TotpSecret {
            secret: "JBSWY3DPEHPK3PXP".into(),
        };
        assert_eq!(
            s.otpauth_uri("My App", "alice@example.com"),
            "otpauth://totp/My%20App:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=My%20App"
        );
        assert_eq!(format!("{s:?}"), "TotpSecret { secret: [redacted] }");
    }
}
