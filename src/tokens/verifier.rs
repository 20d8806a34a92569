//! [`TokenVerifier`]: checks bearer tokens against a pool's keys, for servers.
//!
//! Build one per pool and app client, share it between threads (it is
//! `Clone + Send + Sync`, clones share the key cache), and call
//! [`TokenVerifier::verify`] on each token: it returns the typed claims or the
//! one reason the token was refused ([`VerifyError`]).
//!
//! The key set comes from `{issuer}/.well-known/jwks.json` by default (with an
//! endpoint override, `{endpoint}/{poolId}/.well-known/jwks.json`, where moto
//! and cognito-local serve it), or from a URL, file or JSON value you give.
//! It is fetched on first use and cached; a malformed token (not three
//! base64url segments, an `alg` other than RS256, no `kid`) is refused before
//! any key is fetched. One fetch is in flight at a time: callers that arrive
//! meanwhile wait for it and share its result, failure included, and a failed
//! fetch is remembered for a short
//! [penalty](TokenVerifierBuilder::fetch_failure_penalty) during which callers
//! get its error without fetching again.
//!
//! A token whose `kid` is not in the cached set is fetched for on first sight,
//! so a rotated key is accepted at once; such first-sight fetches are limited
//! to a few per
//! [`refetch_interval`](TokenVerifierBuilder::refetch_interval), and a `kid`
//! already looked for causes a fetch at most once per interval, so a flood of
//! forged key ids cannot hammer Cognito. A failed refetch keeps the cached set.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::clock::{Clock, SystemClock};
use crate::error::{ConfigError, Error, KeySetError};
use crate::http::ureq_transport::UreqTransport;
use crate::http::{HttpRequest, Transport};
use crate::protocol::endpoint::plain_http::check_plain_http;
use crate::protocol::endpoint::{self, partition_of_region, region_from_pool_id, EndpointConfig};
use crate::tokens::jwks::KeySet;
use crate::tokens::jwt::{Claims, TokenUse};
use crate::tokens::key_cache::{FetchPolicy, KeyCache};
use crate::tokens::verify::{cognito_issuers, header_kid, verify, Validation, VerifyError};

/// The default [`TokenVerifierBuilder::refetch_interval`].
pub(crate) const DEFAULT_REFETCH_INTERVAL: Duration = Duration::from_secs(60);

/// The default [`TokenVerifierBuilder::fetch_failure_penalty`].
pub(crate) const DEFAULT_FAILURE_PENALTY: Duration = Duration::from_secs(5);

/// Where the key set comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// Fetched from a URL through the transport.
    Url(String),
    /// Read from a file (read again on refetch).
    File(PathBuf),
    /// Given as JSON text; never refetched.
    Json(String),
}

/// Verifies Cognito tokens for one pool: signature, issuer, token use,
/// audience or client id, times, and optional groups and scopes.
///
/// ```
/// use cognito::TokenVerifier;
/// use cognito::jwt::TokenUse;
///
/// let verifier = TokenVerifier::builder("eu-west-1_AbC123xyz")
///     .client_id("1example23456789abcdefghi0")
///     .token_use(TokenUse::Access)
///     .key_set_json(r#"{"keys": []}"#)
///     .build()?;
/// let err = verifier.verify("not.a.token").unwrap_err();
/// assert!(matches!(err, cognito::Error::Token(_)));
/// # Ok::<(), cognito::Error>(())
/// ```
#[derive(Clone)]
pub struct TokenVerifier {
    inner: Arc<Inner>,
}

struct Inner {
    validation: Validation,
    source: KeySource,
    transport: Arc<dyn Transport>,
    clock: Arc<dyn Clock>,
    /// The key set, and who fetches it when.
    cache: KeyCache,
}

impl fmt::Debug for TokenVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenVerifier")
            .field("validation", &self.inner.validation)
            .field("source", &self.inner.source)
            .field("fetch_policy", &self.inner.cache.policy())
            .finish_non_exhaustive()
    }
}

impl TokenVerifier {
    /// Starts configuring a verifier for `user_pool_id`.
    pub fn builder(user_pool_id: &str) -> TokenVerifierBuilder {
        TokenVerifierBuilder::new(user_pool_id)
    }

    /// The checks applied.
    pub fn validation(&self) -> &Validation {
        &self.inner.validation
    }

    /// Where the keys come from.
    pub fn key_source(&self) -> &KeySource {
        &self.inner.source
    }

    /// Verifies `token` and returns its claims.
    ///
    /// # Errors
    ///
    /// [`Error::Token`] with the reason the token was refused;
    /// [`Error::KeySet`] when no key set could be had at all (the first fetch
    /// failed, or failed less than the
    /// [penalty](TokenVerifierBuilder::fetch_failure_penalty) ago).
    pub fn verify(&self, token: &str) -> Result<Claims, Error> {
        self.verify_with(token, &self.inner.validation)
    }

    /// Verifies `token` as `token_use` (the other checks as configured):
    /// one verifier, one key cache, for both a user's id and access tokens.
    ///
    /// # Errors
    ///
    /// As [`verify`](Self::verify).
    pub fn verify_as(&self, token: &str, token_use: TokenUse) -> Result<Claims, Error> {
        if token_use == self.inner.validation.token_use {
            return self.verify(token);
        }
        let mut validation = self.inner.validation.clone();
        validation.token_use = token_use;
        self.verify_with(token, &validation)
    }

    fn verify_with(&self, token: &str, validation: &Validation) -> Result<Claims, Error> {
        // Refuse what no key could verify before fetching any.
        let kid = header_kid(token)?;
        let keys = self.inner.cache.keys(|| self.load())?;
        match verify(token, &keys, validation, self.now()) {
            Err(VerifyError::UnknownKid) if !matches!(self.inner.source, KeySource::Json(_)) => {
                match self.inner.cache.refetch(&kid, &keys, || self.load()) {
                    Some(fresh) => Ok(verify(token, &fresh, validation, self.now())?),
                    None => Err(VerifyError::UnknownKid.into()),
                }
            }
            other => Ok(other?),
        }
    }

    fn now(&self) -> SystemTime {
        self.inner.clock.now()
    }

    fn load(&self) -> Result<KeySet, KeySetError> {
        let (bytes, from) = match &self.inner.source {
            KeySource::Json(text) => (text.as_bytes().to_vec(), "the given JSON".to_owned()),
            KeySource::File(path) => (
                std::fs::read(path).map_err(|e| KeySetError::read(path, e))?,
                path.display().to_string(),
            ),
            KeySource::Url(url) => {
                let reply = self
                    .inner
                    .transport
                    .send(HttpRequest::get(url.clone()).with_header("accept", "application/json"))
                    .map_err(|e| KeySetError::fetch(url, e))?;
                if reply.status != 200 {
                    return Err(KeySetError::status(url, reply.status));
                }
                (reply.body, url.clone())
            }
        };
        KeySet::from_json(&bytes).map_err(|e| KeySetError::unusable(&from, e))
    }
}

/// Configures a [`TokenVerifier`].
pub struct TokenVerifierBuilder {
    user_pool_id: String,
    region: Option<String>,
    client_ids: Vec<String>,
    token_use: TokenUse,
    issuers: Option<Vec<String>>,
    source: Option<KeySource>,
    endpoint: Option<String>,
    leeway: Option<u64>,
    required_groups: Vec<String>,
    required_scopes: Vec<String>,
    transport: Option<Arc<dyn Transport>>,
    clock: Option<Arc<dyn Clock>>,
    refetch_interval: Duration,
    failure_penalty: Duration,
    allow_insecure_http: bool,
}

impl fmt::Debug for TokenVerifierBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenVerifierBuilder")
            .field("user_pool_id", &self.user_pool_id)
            .field("client_ids", &self.client_ids)
            .field("token_use", &self.token_use)
            .field("issuers", &self.issuers)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl TokenVerifierBuilder {
    fn new(user_pool_id: &str) -> Self {
        Self {
            user_pool_id: user_pool_id.to_owned(),
            region: None,
            client_ids: Vec::new(),
            token_use: TokenUse::Access,
            issuers: None,
            source: None,
            endpoint: None,
            leeway: None,
            required_groups: Vec::new(),
            required_scopes: Vec::new(),
            transport: None,
            clock: None,
            refetch_interval: DEFAULT_REFETCH_INTERVAL,
            failure_penalty: DEFAULT_FAILURE_PENALTY,
            allow_insecure_http: false,
        }
    }

    /// Allows tokens for this app client (call again to allow more). At
    /// least one is required.
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_ids.push(client_id.into());
        self
    }

    /// The `token_use` tokens must carry. Defaults to [`TokenUse::Access`].
    pub fn token_use(mut self, token_use: TokenUse) -> Self {
        self.token_use = token_use;
        self
    }

    /// The region, when it differs from the pool id's prefix. Defaults to
    /// the prefix. Checked by [`build`](Self::build) as the handle checks
    /// its region: a host label such as `eu-west-1`, or with an
    /// [`endpoint`](Self::endpoint) override a plain name such as `local`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Accepts exactly this issuer (call again to accept more), e.g.
    /// cognito-local's `http://127.0.0.1:9229/local_…`. Defaults to both forms
    /// Cognito issues for the pool:
    /// `https://cognito-idp.{region}.{suffix}/{poolId}` and
    /// `https://issuer-cognito-idp.{region}.{suffix}/{poolId}`.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuers
            .get_or_insert_with(Vec::new)
            .push(issuer.into());
        self
    }

    /// An endpoint override (an emulator): keys come from
    /// `{endpoint}/{poolId}/.well-known/jwks.json`; the expected issuer does
    /// not change. Defaults to none.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Fetch the key set from this URL. Defaults to the issuer's
    /// `/.well-known/jwks.json`.
    pub fn key_set_url(mut self, url: impl Into<String>) -> Self {
        self.source = Some(KeySource::Url(url.into()));
        self
    }

    /// Allow a plain `http://` key set URL or endpoint to any host. Defaults
    /// to `false`: plain HTTP is accepted only to loopback and the AWS
    /// link-local credential endpoints, as
    /// [`CognitoBuilder::allow_insecure_http`](crate::CognitoBuilder::allow_insecure_http)
    /// says; anything else is a configuration error (a key set fetched in
    /// clear can be swapped for an attacker's).
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Read the key set from this file.
    pub fn key_set_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.source = Some(KeySource::File(path.into()));
        self
    }

    /// Use this key set (JSON text); nothing is fetched.
    pub fn key_set_json(mut self, json: impl Into<String>) -> Self {
        self.source = Some(KeySource::Json(json.into()));
        self
    }

    /// Seconds of clock skew allowed on `exp`, `nbf` and `iat`. Defaults to 60.
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = Some(seconds);
        self
    }

    /// A group every token must carry in `cognito:groups`.
    pub fn require_group(mut self, group: impl Into<String>) -> Self {
        self.required_groups.push(group.into());
        self
    }

    /// A scope every token must carry in `scope`.
    pub fn require_scope(mut self, scope: impl Into<String>) -> Self {
        self.required_scopes.push(scope.into());
        self
    }

    /// The transport for fetching keys. Defaults to a [`UreqTransport`].
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// A shared transport, e.g. the handle's.
    pub fn shared_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The clock. Defaults to [`SystemClock`].
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// A shared clock, e.g. the handle's.
    pub fn shared_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    pub(crate) fn key_source(mut self, source: Option<KeySource>) -> Self {
        if source.is_some() {
            self.source = source;
        }
        self
    }

    /// The least time between two fetches for a key id already looked for
    /// and not found; also the window in which key ids seen for the first
    /// time may cause at most a few fetches. Defaults to 60 s.
    pub fn refetch_interval(mut self, interval: Duration) -> Self {
        self.refetch_interval = interval;
        self
    }

    /// How long a failed key-set fetch is remembered: meanwhile every caller
    /// gets its error without fetching again. Defaults to 5 s.
    pub fn fetch_failure_penalty(mut self, penalty: Duration) -> Self {
        self.failure_penalty = penalty;
        self
    }

    /// Builds the verifier. Nothing is fetched yet.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a malformed pool id, a malformed region (as
    /// [`endpoint::resolve`] checks it), no allowed client id, a malformed
    /// endpoint, or a plain `http://` key set URL that
    /// [`allow_insecure_http`](Self::allow_insecure_http) does not allow.
    pub fn build(self) -> Result<TokenVerifier, Error> {
        let pool = &self.user_pool_id;
        let prefix = region_from_pool_id(pool)
            .map_err(|e| ConfigError::with_source("cannot build the token verifier", e))?;
        let region = self.region.as_deref().unwrap_or(prefix);
        // The region goes into the issuer and the key set's host: checked by
        // the same rules as the handle's (a host label, or a plain name with
        // an endpoint override), so it cannot steer either elsewhere.
        let mut settings = EndpointConfig::default()
            .pool_id(pool)
            .region(region)
            .use_fips(false)
            .use_dual_stack(false);
        if let Some(endpoint) = &self.endpoint {
            settings = settings.endpoint(endpoint);
        }
        let resolved = endpoint::resolve(&settings, |_| None)
            .map_err(|e| ConfigError::with_source("cannot resolve the key set endpoint", e))?;
        if self.client_ids.is_empty() {
            return Err(ConfigError::new(
                "a token verifier needs at least one allowed client id; set it with .client_id(…)",
            )
            .into());
        }
        let suffix = partition_of_region(region).dns_suffix;
        let issuers = self
            .issuers
            .unwrap_or_else(|| cognito_issuers(region, suffix, pool).into());
        let source = match (self.source, self.endpoint) {
            (Some(source), _) => source,
            (None, Some(_)) => {
                KeySource::Url(format!("{}/{pool}/.well-known/jwks.json", resolved.url))
            }
            (None, None) => KeySource::Url(format!(
                "{}/.well-known/jwks.json",
                issuers.first().map_or_else(
                    || format!("https://cognito-idp.{region}.{suffix}/{pool}"),
                    Clone::clone
                )
            )),
        };
        if let KeySource::Url(url) = &source {
            check_plain_http(url, self.allow_insecure_http, "the key set URL")?;
        }
        let mut validation = Validation::new(issuers, self.client_ids, self.token_use);
        if let Some(leeway) = self.leeway {
            validation.leeway = leeway;
        }
        validation.required_groups = self.required_groups;
        validation.required_scopes = self.required_scopes;
        let keys = match &source {
            KeySource::Json(text) => Some(Arc::new(
                KeySet::from_json(text.as_bytes())
                    .map_err(|e| ConfigError::with_source("the given key set is not usable", e))?,
            )),
            _ => None,
        };
        Ok(TokenVerifier {
            inner: Arc::new(Inner {
                validation,
                source,
                transport: self
                    .transport
                    .unwrap_or_else(|| Arc::new(UreqTransport::new())),
                clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
                cache: KeyCache::new(
                    keys,
                    FetchPolicy {
                        refetch_interval: self.refetch_interval,
                        failure_penalty: self.failure_penalty,
                    },
                ),
            }),
        })
    }
}

/// Seconds since the epoch of a `SystemTime`, for [`verify`].
pub(crate) fn epoch_seconds(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}
