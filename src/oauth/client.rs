//! [`OAuth`]: a [`Cognito`] handle's app client at the pool's domain. The
//! code exchange stores its tokens on the handle, so `check_token`,
//! `get_user` and the rest work on them, and renewals go back to the token
//! endpoint.

use crate::client::{Cognito, Tokens};
use crate::error::{ConfigError, Error};
use crate::oauth::authorize::{AuthorizationCode, AuthorizeRequest, PendingAuthorization};
use crate::oauth::domain::Domain;
use crate::oauth::error::{OAuthError, OAuthErrorCode};
use crate::oauth::form;
use crate::oauth::token::{self, ClientAuth, Grant, TokenResponse};
use crate::secret::SecretString;
use crate::tokens::jwt::TokenUse;

/// The OAuth 2.0 endpoints of a pool's domain, for the app client of a
/// [`Cognito`] handle (its client id and, if set, its secret).
///
/// Cheap to clone; clones share the handle.
///
/// ```no_run
/// use cognito::Cognito;
/// use cognito::oauth::{Domain, OAuth};
///
/// let cognito = Cognito::new("eu-west-1_AbC123xyz", "1example23456789")?;
/// let oauth = OAuth::new(&cognito, Domain::prefix("my-app", "eu-west-1")?);
/// let pending = oauth.start(
///     oauth.authorize("http://localhost:8400/callback")?
///         .scopes(["openid", "email", "aws.cognito.signin.user.admin"]),
/// )?;
/// println!("open {}", pending.url());
/// // … the browser comes back to http://localhost:8400/callback?code=…&state=…
/// # let redirect = String::new();
/// oauth.complete(&pending, &redirect)?;
/// let user = cognito.get_user()?;
/// # Ok::<(), cognito::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct OAuth {
    cognito: Cognito,
    domain: Domain,
}

impl OAuth {
    /// The endpoints of `domain` for `cognito`'s app client; tokens go onto
    /// `cognito` (this holds a clone, which shares its tokens).
    pub fn new(cognito: &Cognito, domain: Domain) -> Self {
        Self {
            cognito: cognito.clone(),
            domain,
        }
    }

    /// The domain.
    pub fn domain(&self) -> &Domain {
        &self.domain
    }

    /// The handle tokens go onto.
    pub fn cognito(&self) -> &Cognito {
        &self.cognito
    }

    fn client(&self) -> Result<ClientAuth<'_>, Error> {
        Ok(ClientAuth {
            client_id: self.cognito.require_client_id()?,
            client_secret: self.cognito.client_secret(),
        })
    }

    /// An [`AuthorizeRequest`] for the handle's client and `redirect_uri`;
    /// add scopes and options, then [`start`](Self::start) it.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the handle has no client id.
    pub fn authorize(&self, redirect_uri: impl Into<String>) -> Result<AuthorizeRequest, Error> {
        Ok(AuthorizeRequest::new(
            self.cognito.require_client_id()?,
            redirect_uri,
        ))
    }

    /// Starts a sign-in: `state`, `nonce` and the PKCE verifier from the
    /// handle's random source, and the authorize URL to open.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when the random source fails.
    pub fn start(&self, request: AuthorizeRequest) -> Result<PendingAuthorization, Error> {
        request.start_with_random(&self.domain, |buf: &mut [u8]| self.cognito.fill_random(buf))
    }

    /// Reads the redirect the browser came back with and exchanges its code:
    /// [`PendingAuthorization::parse_redirect`], then
    /// [`exchange_code`](Self::exchange_code).
    ///
    /// # Errors
    ///
    /// As those two.
    pub fn complete(
        &self,
        pending: &PendingAuthorization,
        redirect: &str,
    ) -> Result<Tokens, Error> {
        let code = pending.parse_redirect(redirect)?;
        self.exchange_code(pending, &code)
    }

    /// Exchanges `code` at the token endpoint with the PKCE verifier (a
    /// client with a secret authenticates with HTTP Basic), verifies the id
    /// token (signature, issuer, audience, and that its `nonce` is the one
    /// sent) and the access token with the handle's
    /// [`token_verifier`](Cognito::token_verifier), and stores the tokens on
    /// the handle in place of any it held. Returns a copy of them.
    ///
    /// # Errors
    ///
    /// [`Error::OAuth`]: the endpoint's error (`invalid_grant` for a wrong,
    /// used or expired code or a wrong verifier; `invalid_client` for a
    /// wrong secret); [`OAuthErrorCode::NonceMismatch`] when the id token
    /// lacks the nonce. [`Error::Token`] or [`Error::KeySet`] when a token
    /// fails verification (nothing is stored then); [`Error::Config`]
    /// without a pool or client id; [`Error::Transport`], [`Error::Http`],
    /// [`Error::Parse`].
    pub fn exchange_code(
        &self,
        pending: &PendingAuthorization,
        code: &AuthorizationCode,
    ) -> Result<Tokens, Error> {
        let grant = Grant::Code {
            code,
            verifier: pending.verifier(),
            redirect_uri: pending.redirect_uri(),
        };
        let reply = self.send_token(&grant)?;
        self.verify(&reply, Some(pending.nonce()))?;
        self.cognito.set_tokens(Tokens::default());
        self.cognito
            .store_authentication(reply.into_authentication_result())?;
        self.cognito.set_oauth_origin(Some(self.domain.clone()));
        Ok(self.cognito.tokens())
    }

    /// Renews the handle's tokens with its refresh token at the token
    /// endpoint (the `refresh_token` grant) and stores them, verified as the
    /// handle's [`verify_renewed_tokens`](crate::CognitoBuilder::verify_renewed_tokens)
    /// says; the refresh token is kept unless a new one comes back. From then
    /// on the handle's own renewals ([`Cognito::check_token`]) go here too.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without a refresh token; [`Error::OAuth`]
    /// `invalid_grant` for a revoked or expired refresh token; as
    /// [`exchange_code`](Self::exchange_code) otherwise.
    pub fn refresh(&self) -> Result<(), Error> {
        // Shared with the handle's own renewals: one in flight at a time.
        self.cognito
            .renew_shared(|| refresh_locked(&self.cognito, &self.domain))
    }

    /// Revokes the handle's refresh token (and the access tokens issued
    /// with it) at `/oauth2/revoke`. The handle keeps the now useless
    /// tokens; forget them with `set_tokens(Tokens::default())`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without a refresh token; [`Error::OAuth`]
    /// (`invalid_client`, `unsupported_token_type`, …); [`Error::Transport`],
    /// [`Error::Http`].
    pub fn revoke(&self) -> Result<(), Error> {
        let refresh = self
            .cognito
            .refresh_token()
            .ok_or_else(|| ConfigError::new("no refresh token to revoke: sign in first"))?;
        self.revoke_token(&refresh)
    }

    /// Revokes `refresh_token` at `/oauth2/revoke`.
    ///
    /// # Errors
    ///
    /// As [`revoke`](Self::revoke).
    pub fn revoke_token(&self, refresh_token: &SecretString) -> Result<(), Error> {
        let request = token::revoke_request(&self.domain, self.client()?, refresh_token);
        token::parse_revoke_response(&self.cognito.transport().send(request)?)
    }

    /// The user's claims from `/oauth2/userInfo`, with the handle's access
    /// token (renewed first when the handle refreshes automatically).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] without an access token; [`Error::OAuth`]
    /// (`invalid_token` for an expired or revoked token);
    /// [`Error::Transport`], [`Error::Http`], [`Error::Parse`].
    pub fn user_info(&self) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
        let access = self.cognito.access_token_for_call()?;
        let request = token::user_info_request(&self.domain, &access);
        token::parse_user_info_response(self.cognito.transport().send(request)?)
    }

    /// The logout URL that ends the user's managed-login session and sends
    /// the browser to `logout_uri` (one of the client's sign-out URLs):
    /// `…/logout?client_id=…&logout_uri=…`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the handle has no client id.
    pub fn logout_url(&self, logout_uri: &str) -> Result<String, Error> {
        Ok(format!(
            "{}?{}",
            self.domain.logout_endpoint(),
            form::encode_pairs([
                ("client_id", self.cognito.require_client_id()?),
                ("logout_uri", logout_uri),
            ])
        ))
    }

    fn send_token(&self, grant: &Grant<'_>) -> Result<TokenResponse, Error> {
        send_token(&self.cognito, &self.domain, grant)
    }

    fn verify(&self, reply: &TokenResponse, nonce: Option<&str>) -> Result<(), Error> {
        verify_reply(&self.cognito, reply, nonce)
    }
}

fn send_token(
    cognito: &Cognito,
    domain: &Domain,
    grant: &Grant<'_>,
) -> Result<TokenResponse, Error> {
    let client = ClientAuth {
        client_id: cognito.require_client_id()?,
        client_secret: cognito.client_secret(),
    };
    let request = token::token_request(domain, client, grant);
    token::parse_token_response(cognito.transport().send(request)?)
}

/// Verifies the tokens of a reply; the id token must carry `nonce` when
/// one is given.
fn verify_reply(
    cognito: &Cognito,
    reply: &TokenResponse,
    nonce: Option<&str>,
) -> Result<(), Error> {
    let verifier = cognito.token_verifier()?;
    verifier.verify_as(reply.access_token.expose_secret(), TokenUse::Access)?;
    if let Some(id) = &reply.id_token {
        let claims = verifier.verify_as(id.expose_secret(), TokenUse::Id)?;
        if let Some(nonce) = nonce {
            if claims.raw.get("nonce").and_then(|v| v.as_str()) != Some(nonce) {
                return Err(OAuthError::new(
                    OAuthErrorCode::NonceMismatch,
                    Some("the id token's nonce is not the one this sign-in sent".into()),
                    None,
                )
                .into());
            }
        }
    }
    Ok(())
}

/// The token-endpoint renewal, with the handle's renewal lock held.
pub(crate) fn refresh_locked(cognito: &Cognito, domain: &Domain) -> Result<(), Error> {
    let refresh = cognito.refresh_token().ok_or_else(|| {
        ConfigError::new("no refresh token: sign in first, or set one with .refresh_token(…)")
    })?;
    let reply = send_token(
        cognito,
        domain,
        &Grant::Refresh {
            refresh_token: &refresh,
        },
    )?;
    if cognito.verifies_renewed_tokens() {
        verify_reply(cognito, &reply, None)?;
    }
    cognito.store_authentication(reply.into_authentication_result())?;
    cognito.set_oauth_origin(Some(domain.clone()));
    Ok(())
}
