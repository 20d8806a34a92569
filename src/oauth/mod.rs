//! OAuth 2.0 on the user pool's domain
//! (`https://<prefix>.auth.<region>.amazoncognito.com` or a custom domain):
//! browser sign-in with the authorization-code grant and PKCE, token
//! renewal, revocation, userInfo and logout, and machine-to-machine tokens.
//!
//! * [`Domain`]: the domain and its endpoint paths ([`discovery_url`] for the
//!   pool's OpenID discovery document).
//! * [`OAuth`]: a [`Cognito`](crate::Cognito) handle's app client at a
//!   domain. [`OAuth::start`] gives a [`PendingAuthorization`] (the authorize
//!   URL with `state`, `nonce` and an S256 PKCE challenge);
//!   [`OAuth::complete`] checks the redirect's `state`, exchanges the code,
//!   verifies the id token (signature, issuer, audience, `nonce`) and stores
//!   the tokens on the handle, so `check_token`, `get_user` (with the scope
//!   `aws.cognito.signin.user.admin`) and the rest work on them, and
//!   renewals go to the token endpoint.
//! * [`ClientCredentials`]: `client_credentials` access tokens for a
//!   confidential client, cached, renewed before expiry, single-flight.
//! * [`OAuthError`]: an endpoint's error (`invalid_grant`, …) with its
//!   description; it reaches callers as [`Error::OAuth`](crate::Error::OAuth).
//!
//! Secrets (client secret, codes, verifiers, tokens) never appear in
//! `Debug`, `Display` or errors.
//!
//! A client with a secret authenticates to the token and revocation
//! endpoints with HTTP Basic, as Cognito requires; a public client sends
//! its `client_id` in the form.

mod authorize;
mod client;
mod client_credentials;
mod domain;
mod error;
mod form;
mod token;

#[cfg(test)]
mod tests;

pub use self::authorize::{
    AuthorizationCode, AuthorizeRequest, PendingAuthorization, PkceVerifier,
};
pub(crate) use self::client::refresh_locked;
pub use self::client::OAuth;
pub use self::client_credentials::{
    AccessToken, ClientCredentials, ClientCredentialsBuilder, DEFAULT_RENEW_BEFORE,
};
pub use self::domain::{
    discovery_url, Domain, AUTHORIZE_PATH, LOGOUT_PATH, REVOKE_PATH, TOKEN_PATH, USER_INFO_PATH,
};
pub use self::error::{OAuthError, OAuthErrorCode};
