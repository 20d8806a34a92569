//! [`ClientCredentials`]: machine-to-machine access tokens (the
//! `client_credentials` grant) for a confidential app client, cached and
//! renewed before they expire.
//!
//! Renewal is single-flight, as [`Cognito::check_token`](crate::Cognito::check_token):
//! the cache sits behind one lock that is held while a token is fetched, so
//! when many threads find the token stale at once the first fetches and the
//! others wake to the fresh token. One request goes out.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use crate::clock::{Clock, SystemClock};
use crate::error::Error;
use crate::http::ureq_transport::UreqTransport;
use crate::http::Transport;
use crate::oauth::domain::Domain;
use crate::oauth::token::{self, ClientAuth, Grant};
use crate::secret::SecretString;
use crate::tokens::dangerous::decode_without_verification;
use crate::tokens::jwt::TokenUse;
use crate::tokens::verifier::TokenVerifier;
use crate::tokens::verify::VerifyError;

/// The default [`ClientCredentialsBuilder::renew_before`].
pub const DEFAULT_RENEW_BEFORE: Duration = Duration::from_secs(60);

/// An access token from the `client_credentials` grant. `Debug` redacts
/// the token.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    token: SecretString,
    expires_in: u64,
    expires_at: SystemTime,
    token_type: String,
    scope: Option<String>,
}

impl AccessToken {
    /// The token, for an `Authorization: Bearer …` header. Keep it secret.
    pub fn expose_secret(&self) -> &str {
        self.token.expose_secret()
    }

    /// The token as a [`SecretString`].
    pub fn secret(&self) -> &SecretString {
        &self.token
    }

    /// The lifetime the server announced, in seconds (else the seconds to
    /// the token's `exp` when it was received).
    pub fn expires_in(&self) -> u64 {
        self.expires_in
    }

    /// When the token expires.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// The token type, normally `Bearer`.
    pub fn token_type(&self) -> &str {
        &self.token_type
    }

    /// The scopes the server said it granted, if it said.
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &self.token)
            .field("expires_in", &self.expires_in)
            .field("expires_at", &self.expires_at)
            .field("token_type", &self.token_type)
            .field("scope", &self.scope)
            .finish()
    }
}

/// A cached source of `client_credentials` access tokens for one app
/// client and set of scopes. `Clone + Send + Sync`; clones share the cache.
///
/// ```
/// use cognito::{HttpRequest, HttpResponse, TransportError};
/// use cognito::oauth::{ClientCredentials, Domain};
///
/// // A stand-in token endpoint; the token is an unsigned JWT with an `exp`.
/// let endpoint = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
///     assert_eq!(req.url, "https://auth.example.com/oauth2/token");
///     Ok(HttpResponse::new(200, br#"{"access_token":"eyJhbGciOiJub25lIn0.eyJleHAiOjR9.c2ln","expires_in":3600,"token_type":"Bearer"}"#.to_vec()))
/// };
/// let source = ClientCredentials::builder(Domain::custom("auth.example.com")?, "client", "secret")
///     .scope("orders/read")
///     .transport(endpoint)
///     .build();
/// let token = source.token()?;
/// assert_eq!(token.expires_in(), 3600);
/// assert_eq!(source.token()?, token, "cached");
/// # Ok::<(), cognito::Error>(())
/// ```
#[derive(Clone)]
pub struct ClientCredentials {
    inner: Arc<Inner>,
}

struct Inner {
    domain: Domain,
    client_id: String,
    client_secret: SecretString,
    scopes: Vec<String>,
    transport: Arc<dyn Transport>,
    clock: Arc<dyn Clock>,
    renew_before: Duration,
    verifier: Option<TokenVerifier>,
    /// The cached token; held while one is fetched.
    cache: Mutex<Option<AccessToken>>,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("domain", &self.inner.domain)
            .field("client_id", &self.inner.client_id)
            .field("client_secret", &self.inner.client_secret)
            .field("scopes", &self.inner.scopes)
            .field("renew_before", &self.inner.renew_before)
            .finish_non_exhaustive()
    }
}

impl ClientCredentials {
    /// Starts configuring a source for the app client `client_id` with its
    /// secret, at `domain`.
    pub fn builder(
        domain: Domain,
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
    ) -> ClientCredentialsBuilder {
        ClientCredentialsBuilder {
            domain,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scopes: Vec::new(),
            transport: None,
            clock: None,
            renew_before: DEFAULT_RENEW_BEFORE,
            verifier: None,
        }
    }

    /// The scopes asked for.
    pub fn scopes(&self) -> &[String] {
        &self.inner.scopes
    }

    /// The cached token, or a new one when there is none or it is within
    /// [`renew_before`](ClientCredentialsBuilder::renew_before) of expiry
    /// (at most half its lifetime). Concurrent callers share one request.
    ///
    /// # Errors
    ///
    /// [`Error::OAuth`] (`invalid_client`, `invalid_scope`,
    /// `unauthorized_client`, …); with a verifier, [`Error::Token`] when the
    /// token is refused or lacks a scope asked for, [`Error::KeySet`];
    /// [`Error::Transport`], [`Error::Http`], [`Error::Parse`]. Nothing is
    /// cached then.
    pub fn token(&self) -> Result<AccessToken, Error> {
        let mut cache = self.lock();
        if let Some(token) = cache.as_ref() {
            if !self.stale(token) {
                return Ok(token.clone());
            }
        }
        let fresh = self.fetch()?;
        *cache = Some(fresh.clone());
        Ok(fresh)
    }

    /// Forgets the cached token; the next [`token`](Self::token) fetches.
    pub fn clear(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> MutexGuard<'_, Option<AccessToken>> {
        self.inner
            .cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn stale(&self, token: &AccessToken) -> bool {
        let margin = self
            .inner
            .renew_before
            .min(Duration::from_secs(token.expires_in / 2));
        self.inner.clock.now() + margin >= token.expires_at
    }

    fn fetch(&self) -> Result<AccessToken, Error> {
        let inner = &self.inner;
        let now = inner.clock.now();
        let request = token::token_request(
            &inner.domain,
            ClientAuth {
                client_id: &inner.client_id,
                client_secret: Some(&inner.client_secret),
            },
            &Grant::ClientCredentials {
                scopes: &inner.scopes,
            },
        );
        let reply = token::parse_token_response(inner.transport.send(request)?)?;
        if let Some(verifier) = &inner.verifier {
            let claims =
                verifier.verify_as(reply.access_token.expose_secret(), TokenUse::Access)?;
            if claims.client_id.as_deref() != Some(inner.client_id.as_str()) {
                return Err(VerifyError::WrongClientId.into());
            }
            for scope in &inner.scopes {
                if !claims.scopes().any(|s| s == scope) {
                    return Err(VerifyError::MissingScope {
                        scope: scope.clone(),
                    }
                    .into());
                }
            }
        }
        let exp = decode_without_verification(reply.access_token.expose_secret())
            .ok()
            .and_then(|t| t.claims().expires_at());
        let (expires_in, expires_at) = match (reply.expires_in, exp) {
            (Some(secs), _) => (secs, now + Duration::from_secs(secs)),
            (None, Some(at)) => (at.duration_since(now).map_or(0, |d| d.as_secs()), at),
            (None, None) => (0, now),
        };
        Ok(AccessToken {
            token: reply.access_token,
            expires_in,
            expires_at,
            token_type: reply.token_type.unwrap_or_else(|| "Bearer".to_owned()),
            scope: reply.scope,
        })
    }
}

/// Configures a [`ClientCredentials`].
pub struct ClientCredentialsBuilder {
    domain: Domain,
    client_id: String,
    client_secret: SecretString,
    scopes: Vec<String>,
    transport: Option<Arc<dyn Transport>>,
    clock: Option<Arc<dyn Clock>>,
    renew_before: Duration,
    verifier: Option<TokenVerifier>,
}

impl fmt::Debug for ClientCredentialsBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentialsBuilder")
            .field("domain", &self.domain)
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

impl ClientCredentialsBuilder {
    /// Asks for a scope (call again for more), e.g. a resource server's
    /// `orders/read`. Defaults to none: every scope the client may have.
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scopes.push(scope.into());
        self
    }

    /// Asks for these scopes.
    pub fn scopes<I: IntoIterator<Item = S>, S: Into<String>>(mut self, scopes: I) -> Self {
        self.scopes.extend(scopes.into_iter().map(Into::into));
        self
    }

    /// The transport. Defaults to a [`UreqTransport`].
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// A shared transport, e.g. a handle's.
    pub fn shared_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The clock. Defaults to [`SystemClock`].
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// How long before expiry a token is renewed (at most half its
    /// lifetime). Defaults to 60 s.
    pub fn renew_before(mut self, margin: Duration) -> Self {
        self.renew_before = margin;
        self
    }

    /// Verifies each new token with `verifier` as an access token, and
    /// checks that its `client_id` is this client's and its `scope` holds
    /// every scope asked for. Defaults to no verification.
    pub fn verify_with(mut self, verifier: TokenVerifier) -> Self {
        self.verifier = Some(verifier);
        self
    }

    /// Builds the source. Nothing is fetched yet.
    pub fn build(self) -> ClientCredentials {
        ClientCredentials {
            inner: Arc::new(Inner {
                domain: self.domain,
                client_id: self.client_id,
                client_secret: self.client_secret,
                scopes: self.scopes,
                transport: self
                    .transport
                    .unwrap_or_else(|| Arc::new(UreqTransport::new())),
                clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
                renew_before: self.renew_before,
                verifier: self.verifier,
                cache: Mutex::new(None),
            }),
        }
    }
}
