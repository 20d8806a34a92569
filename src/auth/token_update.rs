//! What a sign-in or refresh writes over the held tokens: the [`Step::Keep`]
//! of the sign-in steps. Pure: the time comes in.
//!
//! [`Step::Keep`]: super::steps::Step::Keep

use std::time::{Duration, SystemTime};

use crate::client::Tokens;
use crate::secret::SecretString;
use crate::tokens::dangerous::decode_without_verification;
use crate::types::AuthenticationResultType;

/// The tokens of a sign-in or refresh, as they go onto the handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TokenUpdate {
    id_token: Option<SecretString>,
    access_token: Option<SecretString>,
    refresh_token: Option<SecretString>,
    token_type: String,
    expires_in: Option<u64>,
    expires_at: Option<SystemTime>,
}

impl TokenUpdate {
    /// The update for `result` received at `now`: the lifetime is `ExpiresIn`
    /// or, without it (cognito-local), what is left until the access token's `exp`.
    pub(crate) fn new(result: AuthenticationResultType, now: SystemTime) -> Self {
        let access_exp = result
            .access_token
            .as_ref()
            .and_then(|t| decode_without_verification(t.expose_secret()).ok())
            .and_then(|t| t.claims().exp);
        // Checked: an `exp` or `ExpiresIn` beyond what this platform's
        // `SystemTime` holds is treated as unknown, never a panic.
        let expires_at = match (result.expires_in, access_exp) {
            (Some(seconds), _) if seconds >= 0 => {
                now.checked_add(Duration::from_secs(seconds.unsigned_abs().into()))
            }
            (_, Some(exp)) if exp >= 0 => {
                SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(exp.unsigned_abs()))
            }
            _ => None,
        };
        let expires_in = match (result.expires_in, expires_at) {
            (Some(seconds), _) if seconds >= 0 => Some(seconds.unsigned_abs().into()),
            (_, Some(at)) => Some(at.duration_since(now).map_or(0, |d| d.as_secs())),
            _ => None,
        };
        Self {
            id_token: result.id_token,
            access_token: result.access_token,
            refresh_token: result.refresh_token,
            token_type: result.token_type.unwrap_or_else(|| "Bearer".to_owned()),
            expires_in,
            expires_at,
        }
    }

    /// Writes the update over `tokens`: a token the reply lacks is kept.
    pub(crate) fn apply(self, tokens: &mut Tokens) {
        tokens.id_token = self.id_token.or(tokens.id_token.take());
        tokens.access_token = self.access_token.or(tokens.access_token.take());
        if self.refresh_token.is_some() {
            tokens.refresh_token = self.refresh_token;
        }
        tokens.token_type = Some(self.token_type);
        tokens.expires_in = self.expires_in;
        tokens.expires_at = self.expires_at;
    }
}
