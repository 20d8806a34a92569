//! The server side, framework-agnostic: warrant's Django `CognitoBackend`
//! and `APIKeyMiddleware` for any blocking web server.
//!
//! * [`Backend`] signs users in with SRP and keeps a local user per Cognito
//!   user through your [`UserStore`], configured by a [`BackendConfig`]
//!   (warrant's Django settings; [`BackendConfig::from_env`] reads the same
//!   names).
//! * [`PendingSignIn`]: a sign-in stopped at a challenge (new password, MFA
//!   code), serializable, to answer in a later request or process.
//! * [`SessionState`]: a user's tokens and username, serializable;
//!   [`SessionState::restore`] rebuilds a handle and renews them.
//! * [`api_key`] and [`bearer_claims`]: the `Authorization-ID` API key and a
//!   verified bearer access token from a request's headers.
//!
//! No web framework here: headers come in as `(name, value)` pairs, and the
//! values to keep are serde JSON for your session store. Keep them on the
//! server: they hold tokens or Cognito's session.

mod backend;
mod pending;
mod request;
mod session;
#[cfg(test)]
mod tests;

pub use backend::{Backend, BackendConfig, BackendError, SignIn, UserStore};
pub use pending::PendingSignIn;
pub use request::{api_key, bearer_claims, bearer_token, header, BearerError, API_KEY_HEADER};
pub use session::{Restored, SessionState};
