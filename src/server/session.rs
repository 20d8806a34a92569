//! [`SessionState`]: a signed-in user's tokens, to keep in a server-side
//! session between requests.

use serde::{Deserialize, Serialize};

use crate::client::{Cognito, Tokens};
use crate::error::Error;

/// The tokens of a signed-in user and the username they belong to, as a
/// value to keep in a server-side session store.
///
/// Serde writes `{"Username": …, "Tokens": {…}}`, where `Tokens` is the
/// token JSON of [`Tokens`]. `Debug` redacts the tokens. Keep it on the
/// server, never in a cookie or a page.
///
/// ```
/// use cognito::server::SessionState;
/// use cognito::{Cognito, Tokens};
///
/// let state = SessionState::new("alice", Tokens {
///     access_token: Some("eyJ.e30.c2ln".into()),
///     ..Tokens::default()
/// });
/// let json = serde_json::to_string(&state)?;
/// assert_eq!(json, r#"{"Username":"alice","Tokens":{"AccessToken":"eyJ.e30.c2ln"}}"#);
/// assert_eq!(serde_json::from_str::<SessionState>(&json)?, state);
/// assert!(!format!("{state:?}").contains("eyJ"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SessionState {
    /// The Cognito username the tokens belong to (the local user's key).
    pub username: String,
    /// The tokens, in the token JSON.
    pub tokens: Tokens,
}

/// A handle rebuilt by [`SessionState::restore`], and what to store back.
#[derive(Debug)]
#[non_exhaustive]
pub struct Restored {
    /// A handle acting for the session's user, holding its tokens.
    pub cognito: Cognito,
    /// The session as it is now; store it again when `renewed` is true.
    pub session: SessionState,
    /// Whether the access token had expired and was renewed.
    pub renewed: bool,
}

impl SessionState {
    /// A session for `username` holding `tokens`.
    pub fn new(username: impl Into<String>, tokens: Tokens) -> Self {
        Self {
            username: username.into(),
            tokens,
        }
    }

    /// The session of the user `cognito` is signed in as: its username and
    /// tokens. `None` when it holds no access token or no username.
    pub fn from_handle(cognito: &Cognito) -> Option<Self> {
        let tokens = cognito.tokens();
        tokens.access_token.as_ref()?;
        let username = tokens.username.clone().or_else(|| cognito.username())?;
        Some(Self::new(username, tokens))
    }

    /// Rebuilds a handle for this session from `base` (its configuration,
    /// transport and clock; none of its username, tokens or remembered
    /// device), then renews the access token when it has expired, as
    /// [`Cognito::check_token`]: threads sharing the returned handle renew
    /// it once between them.
    ///
    /// ```
    /// # use std::time::{Duration, UNIX_EPOCH};
    /// use cognito::server::SessionState;
    /// use cognito::{Cognito, Tokens};
    ///
    /// // An unsigned test token whose exp is 1_700_000_000.
    /// let token = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3MDAwMDAwMDB9.c2ln";
    /// let base = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .client_id("1example23456789")
    ///     .clock(|| UNIX_EPOCH + Duration::from_secs(1_600_000_000))
    ///     .build()?;
    /// let state = SessionState::new("alice", Tokens { access_token: Some(token.into()), ..Tokens::default() });
    /// let restored = state.restore(&base)?;
    /// assert!(!restored.renewed, "fresh: nothing to store back");
    /// assert_eq!(restored.cognito.username().as_deref(), Some("alice"));
    /// assert!(base.access_token().is_none(), "the base handle is untouched");
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Cognito::check_token`]: [`Error::Token`] when the access token
    /// is missing or unreadable, and the renewal's errors (a refresh token
    /// Cognito refuses gives `NotAuthorizedException`: sign the user in
    /// again).
    pub fn restore(&self, base: &Cognito) -> Result<Restored, Error> {
        let cognito = base.fresh();
        cognito.set_username(self.username.clone());
        cognito.set_tokens(self.tokens.clone());
        let renewed = cognito.check_token()?;
        let tokens = cognito.tokens();
        Ok(Restored {
            session: SessionState::new(self.username.clone(), tokens),
            cognito,
            renewed,
        })
    }
}
