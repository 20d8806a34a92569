//! Keeping the access token fresh: `check_token` and `renew_access_token`,
//! with single-flight renewal.
//!
//! `check_token()` reads `exp` from the held access token (without
//! verifying it: the token came from Cognito over TLS) and compares it with
//! the handle's clock, minus the early-refresh margin. When many threads find
//! the token expired at once, one renews and the others wait for it and take
//! its result, failure included (see `renewal.rs`): exactly one refresh goes
//! out, and a refused or hanging refresh is not repeated by every waiter.
//! Callers are matched to a renewal by generation, not by looking at the
//! token's expiry again, so a margin longer than the token's lifetime does
//! not make each waiter renew in turn.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::client::Cognito;
use crate::error::{ConfigError, Error, ProtocolError};
use crate::secret::SecretString;
use crate::tokens::dangerous::decode_without_verification;
use crate::tokens::jwt::TokenUse;
use crate::types::{
    AuthFlowType, AuthParameters, GetTokensFromRefreshTokenRequest, InitiateAuthRequest,
};

impl Cognito {
    /// Renews the access token when it has expired (at the handle's clock,
    /// with the early-refresh margin) and returns whether it had: warrant's
    /// `check_token()`, whose `renew` defaults to true. To look without
    /// renewing (warrant's `check_token(renew=False)`), use
    /// [`access_token_expired`](Self::access_token_expired).
    ///
    /// Threads that find the token expired at once renew it once between
    /// them; the others wait for that renewal and return its result (its
    /// error too: a failed renewal is not repeated by each waiter).
    ///
    /// ```
    /// # use std::time::{Duration, UNIX_EPOCH};
    /// # use cognito::Cognito;
    /// // An unsigned test token whose exp is 1_700_000_000.
    /// let token = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3MDAwMDAwMDB9.c2ln";
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .access_token(token)
    ///     .clock(|| UNIX_EPOCH + Duration::from_secs(1_600_000_000))
    ///     .build()?;
    /// assert!(!cognito.check_token()?, "fresh: nothing to renew");
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`access_token_expired`](Self::access_token_expired); as
    /// [`renew_access_token`](Self::renew_access_token) when renewing.
    pub fn check_token(&self) -> Result<bool, Error> {
        // Read before the token: a renewal that ends after this counts.
        let seen = self.state().renewals.generation();
        let expired = self.access_token_expired()?;
        if expired {
            self.state()
                .renewals
                .renew_after(seen, || self.renew_access_token_once())?;
        }
        Ok(expired)
    }

    /// Whether the access token has expired, at the handle's clock with the
    /// early-refresh margin, without renewing it (warrant's
    /// `check_token(renew=False)`). Reads `exp` without verifying the token.
    ///
    /// ```
    /// # use std::time::{Duration, UNIX_EPOCH};
    /// # use cognito::Cognito;
    /// // An unsigned test token whose exp is 1_700_000_000.
    /// let token = "eyJhbGciOiJub25lIn0.eyJleHAiOjE3MDAwMDAwMDB9.c2ln";
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .access_token(token)
    ///     .clock(|| UNIX_EPOCH + Duration::from_secs(1_800_000_000))
    ///     .build()?;
    /// assert!(cognito.access_token_expired()?);
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without an access token; [`Error::Token`]
    /// (`Malformed`) when it is not a JWT; [`Error::Protocol`] when it has
    /// no `exp`.
    pub fn access_token_expired(&self) -> Result<bool, Error> {
        let token = self.access_token().ok_or_else(|| {
            ConfigError::new("no access token: sign in first, or set one with .access_token(…)")
        })?;
        let exp = token_exp(&token)?;
        Ok(self.now() + self.refresh_margin() >= exp)
    }

    /// Gets new id and access tokens with the refresh token
    /// (`REFRESH_TOKEN_AUTH`, or `GetTokensFromRefreshToken` when rotation is
    /// on; for tokens from an OAuth domain's token endpoint, the
    /// `refresh_token` grant there); keeps the refresh token unless a new one
    /// comes back.
    ///
    /// The new tokens are verified against the pool's keys before they are
    /// stored (see [`CognitoBuilder::verify_renewed_tokens`](crate::CognitoBuilder::verify_renewed_tokens)).
    /// `SECRET_HASH` is computed over the Cognito username (the access
    /// token's `username` claim, which is the `sub` in email-login pools), and
    /// `DEVICE_KEY` is sent when a device is remembered.
    ///
    /// Calls from several threads at once make one renewal; each caller gets
    /// its result.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without a refresh token or client id;
    /// [`Error::Service`] (`NotAuthorizedException`) when the refresh token
    /// is revoked or expired; [`Error::Token`] when a renewed token fails
    /// verification (nothing is stored then).
    pub fn renew_access_token(&self) -> Result<(), Error> {
        let seen = self.state().renewals.generation();
        self.state()
            .renewals
            .renew_after(seen, || self.renew_access_token_once())
    }

    /// How many renewals have finished: read it before deciding that the
    /// tokens need one, then pass it to [`renew_after`](Self::renew_after).
    pub(crate) fn renewal_generation(&self) -> u64 {
        self.state().renewals.generation()
    }

    /// Renews unless a renewal finished since `seen` (then its result is
    /// this call's), sharing one in flight with the other callers.
    pub(crate) fn renew_after(&self, seen: u64) -> Result<(), Error> {
        self.state()
            .renewals
            .renew_after(seen, || self.renew_access_token_once())
    }

    /// Runs `renew` as the handle's renewal, unless one is in flight: then
    /// this call waits for it and takes its result.
    pub(crate) fn renew_shared(
        &self,
        renew: impl FnOnce() -> Result<(), Error>,
    ) -> Result<(), Error> {
        let seen = self.renewal_generation();
        self.state().renewals.renew_after(seen, renew)
    }

    /// One renewal; [`Renewals`](crate::client::renewal::Renewals) decides
    /// who runs it.
    fn renew_access_token_once(&self) -> Result<(), Error> {
        // Tokens from the pool's OAuth 2.0 token endpoint renew there.
        if let Some(domain) = self.oauth_origin() {
            return crate::oauth::refresh_locked(self, &domain);
        }
        let tokens = self.tokens();
        let refresh = tokens.refresh_token.clone().ok_or_else(|| {
            ConfigError::new("no refresh token: sign in first, or set one with .refresh_token(…)")
        })?;
        let client_id = self.require_client_id()?.to_owned();
        let device = self.remembered_device();
        let result = if self.refresh_token_rotation() {
            let reply = self.send(&GetTokensFromRefreshTokenRequest {
                refresh_token: refresh,
                client_id,
                client_secret: self.client_secret().cloned(),
                device_key: device.map(|d| d.device_key),
                client_metadata: self.call_options().client_metadata.clone(),
            })?;
            reply.authentication_result
        } else {
            let mut params = AuthParameters::new();
            params.insert("REFRESH_TOKEN".into(), refresh);
            if self.client_secret().is_some() {
                let username = self.cognito_username(&tokens)?;
                if let Some(hash) = self.secret_hash_for(&username) {
                    params.insert("SECRET_HASH".into(), hash.into());
                }
            }
            if let Some(device) = device {
                params.insert("DEVICE_KEY".into(), device.device_key.into());
            }
            let mut request = InitiateAuthRequest::new(AuthFlowType::RefreshTokenAuth, client_id);
            request.auth_parameters = Some(params);
            request.client_metadata = self.call_options().client_metadata.clone();
            request.user_context_data = self.call_options().user_context_data.clone();
            self.send(&request)?.authentication_result
        };
        let result = result.ok_or(ProtocolError::MissingField {
            operation: "refresh".into(),
            field: "AuthenticationResult".into(),
        })?;
        if self.verifies_renewed_tokens() {
            let verifier = self.token_verifier()?;
            if let Some(token) = &result.access_token {
                verifier.verify_as(token.expose_secret(), TokenUse::Access)?;
            }
            if let Some(token) = &result.id_token {
                verifier.verify_as(token.expose_secret(), TokenUse::Id)?;
            }
        }
        self.store_authentication(result)
    }

    /// The username Cognito knows the user by: the access token's `username`
    /// claim, else the id token's `cognito:username`, else the handle's.
    fn cognito_username(&self, tokens: &crate::Tokens) -> Result<String, Error> {
        let from = |token: &Option<SecretString>,
                    claim: fn(&crate::tokens::jwt::Claims) -> Option<&str>| {
            token
                .as_ref()
                .and_then(|t| decode_without_verification(t.expose_secret()).ok())
                .and_then(|t| claim(t.claims()).map(str::to_owned))
        };
        from(&tokens.access_token, |c| c.username.as_deref())
            .or_else(|| from(&tokens.id_token, |c| c.cognito_username.as_deref()))
            .or_else(|| self.username())
            .ok_or_else(|| {
                ConfigError::new("refreshing with a client secret needs the username: hold an access token or set .username(…)").into()
            })
    }
}

/// The `exp` of a token, as a time.
fn token_exp(token: &SecretString) -> Result<SystemTime, Error> {
    // Not a JWT at all (a pasted or truncated value): the token error says
    // which part is wrong, e.g. "token is not three base64url segments".
    let decoded = decode_without_verification(token.expose_secret())
        .map_err(crate::tokens::verify::VerifyError::Malformed)?;
    match decoded
        .claims()
        .exp
        .filter(|exp| *exp >= 0)
        .and_then(|exp| UNIX_EPOCH.checked_add(Duration::from_secs(exp.unsigned_abs())))
    {
        Some(at) => Ok(at),
        None => Err(ProtocolError::MissingField {
            operation: "access token".into(),
            field: "exp".into(),
        }
        .into()),
    }
}
