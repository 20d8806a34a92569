//! [`PendingSignIn`]: a sign-in stopped at a challenge, saved between two
//! requests.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::auth::challenge::{Challenge, Pending};
use crate::auth::steps::Asked;
use crate::client::Cognito;
use crate::secret::SecretString;
use crate::types::{ChallengeNameType, ChallengeParameters};

/// A sign-in stopped at a challenge, as a value to keep between HTTP
/// requests (or processes) and answer later.
///
/// It holds what the answer needs and nothing more: Cognito's `Session`,
/// the `USERNAME` the answer carries, the challenge's name and parameters,
/// whether the sign-in went through the admin operations, and the
/// `DEVICE_KEY` of the remembered device it started with. It never holds the
/// password or the SRP values (a `PASSWORD_VERIFIER` is answered inside the
/// sign-in, before a challenge reaches the caller). The `Session` is a
/// [`SecretString`]: `Debug` redacts it, serde writes it, so keep the JSON
/// on the server (a server-side session store), never in a cookie or a page.
///
/// Serde writes one JSON object:
///
/// | member | type | what |
/// |---|---|---|
/// | `ChallengeName` | string | e.g. `SOFTWARE_TOKEN_MFA` |
/// | `ChallengeParameters` | object | as Cognito sent them |
/// | `Session` | string | Cognito's session (left out when none) |
/// | `Username` | string | the `USERNAME` the answer carries |
/// | `Admin` | bool | answered with `AdminRespondToAuthChallenge` |
/// | `DeviceKey` | string | the remembered device's key (left out when none) |
/// | `AvailableChallenges` | array | `USER_AUTH`'s choices (left out when empty) |
///
/// ```
/// use cognito::server::PendingSignIn;
/// use cognito::{Challenge, Cognito};
///
/// let json = r#"{"ChallengeName":"SOFTWARE_TOKEN_MFA","ChallengeParameters":{},
///     "Session":"opaque-session","Username":"alice","Admin":false}"#;
/// let pending: PendingSignIn = serde_json::from_str(json)?;
/// assert_eq!(pending.challenge_name(), "SOFTWARE_TOKEN_MFA");
/// assert!(!format!("{pending:?}").contains("opaque-session"));
///
/// // Later, in another request: a handle of its own, then the usual answer.
/// let cognito = Cognito::new("us-east-1_AbC123xyz", "1example23456789")?;
/// match pending.resume(&cognito) {
///     Challenge::SoftwareTokenMfa(code) => { /* code.respond("123456")? */ }
///     other => panic!("unexpected {}", other.name()),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PendingSignIn {
    challenge_name: String,
    #[serde(default)]
    challenge_parameters: ChallengeParameters,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    session: Option<SecretString>,
    username: String,
    #[serde(default)]
    admin: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    device_key: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    available_challenges: Vec<String>,
}

impl fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingSignIn")
            .field("challenge_name", &self.challenge_name)
            .field("challenge_parameters", &self.challenge_parameters)
            .field("session", &self.session)
            .field("username", &self.username)
            .field("admin", &self.admin)
            .field("device_key", &self.device_key)
            .field("available_challenges", &self.available_challenges)
            .finish()
    }
}

impl PendingSignIn {
    /// The state of `challenge`, to save and [`resume`](Self::resume) later.
    ///
    /// For `MFA_SETUP`, save it after
    /// [`associate_software_token`](crate::challenge::MfaSetup::associate_software_token)
    /// has shown the secret: the state keeps the session that call renewed
    /// (not the TOTP secret), and the resumed challenge's
    /// [`verify_software_token`](crate::challenge::MfaSetup::verify_software_token)
    /// carries on from it.
    pub fn new(challenge: &Challenge) -> Self {
        let pending = challenge.pending();
        let asked = pending.asked();
        PendingSignIn {
            challenge_name: asked.name.as_str().to_owned(),
            challenge_parameters: asked.parameters.clone(),
            session: asked.session.clone(),
            username: asked.username.clone(),
            admin: asked.admin,
            device_key: pending.device_key(),
            available_challenges: asked
                .available
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
        }
    }

    /// The challenge again, answered through `cognito` with the challenge
    /// value's usual methods; the tokens land on `cognito`.
    ///
    /// Give it a handle for the same pool and app client (and client
    /// secret), holding no other user's tokens: a fresh one per request, or
    /// a [`SessionState::restore`](super::SessionState::restore)-style copy
    /// of a base handle. When `cognito` remembers a device, its key is sent;
    /// otherwise the saved `DEVICE_KEY`, if any.
    pub fn resume(self, cognito: &Cognito) -> Challenge {
        let asked = Asked {
            admin: self.admin,
            username: self.username,
            name: ChallengeNameType::from(self.challenge_name.as_str()),
            session: self.session,
            parameters: self.challenge_parameters,
            available: self
                .available_challenges
                .iter()
                .map(|c| ChallengeNameType::from(c.as_str()))
                .collect(),
        };
        Challenge::from_pending(Pending::resumed(cognito.clone(), asked, self.device_key))
    }

    /// The challenge's wire name, e.g. `SOFTWARE_TOKEN_MFA`: which form to show.
    pub fn challenge_name(&self) -> &str {
        &self.challenge_name
    }

    /// The challenge's parameters as Cognito sent them (e.g.
    /// `CODE_DELIVERY_DESTINATION`).
    pub fn challenge_parameters(&self) -> &ChallengeParameters {
        &self.challenge_parameters
    }

    /// The `USERNAME` the answer carries (Cognito's own, after an alias sign-in).
    pub fn username(&self) -> &str {
        &self.username
    }

    /// Whether the answer goes through `AdminRespondToAuthChallenge`.
    pub fn is_admin(&self) -> bool {
        self.admin
    }

    /// The `DEVICE_KEY` the sign-in started with, if any.
    pub fn device_key(&self) -> Option<&str> {
        self.device_key.as_deref()
    }
}
