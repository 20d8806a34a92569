//! AWS credentials for a user pool's users, from a Cognito identity pool.
//!
//! An identity pool trades a user pool's id token (or nothing, for a guest)
//! for temporary AWS credentials, so a signed-in user can call S3, API
//! Gateway with IAM authorization, or any AWS service their role allows.
//! [`IdentityCredentials`] does the enhanced (simplified) flow of the
//! `cognito-identity` JSON protocol, unsigned:
//!
//! | step | call | sends | caches |
//! |---|---|---|---|
//! | 1 | `GetId` | `IdentityPoolId`, `Logins` | the identity id, per user |
//! | 2 | `GetCredentialsForIdentity` | `IdentityId`, `Logins`, `CustomRoleArn` | the credentials, until shortly before `Expiration` |
//!
//! `Logins` has one entry: the user pool's issuer without `https://`
//! (`cognito-idp.<region>.amazonaws.com/<user pool id>`) mapped to the
//! user's id token. Before step 2 the id token is renewed with the refresh
//! token when it has expired (the handle's clock and refresh margin, as
//! [`Cognito::check_token`](crate::Cognito::check_token)). A guest sends no
//! `Logins` and gets the pool's unauthenticated role, where the pool allows
//! guests.
//!
//! Credentials are cached until [`refresh_margin`](IdentityCredentialsBuilder::refresh_margin)
//! before they expire. Threads that need new ones at once wait for one of
//! them to fetch: one `GetCredentialsForIdentity` goes out, and the waiters
//! take what it brought while it has not expired, even within the margin.
//! (Credentials that live shorter than the margin, such as moto's 90 s, are
//! otherwise fetched anew on every call.) The identity id is
//! kept for as long as the same user (the id token's `sub`) is signed in on
//! the handle, and fetched again if the identity pool no longer knows it.
//!
//! The basic (classic) flow, for pools that allow it (`AllowClassicFlow`),
//! is [`IdentityCredentialsBuilder::basic_flow`]: `GetId`, then
//! `GetOpenIdToken`, then STS `AssumeRoleWithWebIdentity` with the OpenID
//! token and a role the caller names (unsigned; the STS endpoint is
//! `AWS_ENDPOINT_URL_STS`, else `AWS_ENDPOINT_URL`, else the region's). The
//! credentials are cached and renewed as the enhanced flow's.
//!
//! ```
//! use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
//! use cognito::identity::IdentityCredentials;
//!
//! // A stand-in for the identity pool; real code leaves the transport at its default.
//! let fake = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
//!     let body: &[u8] = match req.header("x-amz-target") {
//!         Some("AWSCognitoIdentityService.GetId") => br#"{"IdentityId":"eu-west-1:0a1b2c3d-0000-4000-8000-000000000001"}"#,
//!         _ => br#"{"IdentityId":"eu-west-1:0a1b2c3d-0000-4000-8000-000000000001","Credentials":{
//!             "AccessKeyId":"ASIAEXAMPLE","SecretKey":"secret","SessionToken":"session","Expiration":4102444800}}"#,
//!     };
//!     Ok(HttpResponse::new(200, body.to_vec()))
//! };
//! let aws = IdentityCredentials::guest("eu-west-1:0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d")
//!     .transport(fake)
//!     .build()?;
//! let creds = aws.credentials()?;
//! assert_eq!(creds.access_key_id(), "ASIAEXAMPLE");
//! assert_eq!(aws.identity_id().as_deref(), Some("eu-west-1:0a1b2c3d-0000-4000-8000-000000000001"));
//!
//! // Sign a request to another AWS service with them.
//! let signed = aws.sign(HttpRequest::get("https://my-bucket.s3.eu-west-1.amazonaws.com/a.txt"), "s3", "eu-west-1")?;
//! assert!(signed.header("authorization").unwrap().contains("/eu-west-1/s3/aws4_request"));
//! # Ok::<(), cognito::Error>(())
//! ```

mod wire;

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::client::state::lock;
use crate::client::Cognito;
use crate::clock::{Clock, SystemClock};
use crate::credentials::sts::{Sts, StsEndpoint};
use crate::credentials::{AwsCredentials, CredentialsError, ProvideCredentials};
use crate::error::code::ErrorCode;
use crate::error::{ConfigError, Error, ProtocolError};
use crate::http::ureq_transport::UreqTransport;
use crate::http::{HttpRequest, Transport};
use crate::protocol::endpoint::{self, EndpointConfig, ResolvedEndpoint};
use crate::protocol::signing::sign_request_for;
use crate::secret::SecretString;
use crate::tokens::dangerous::decode_without_verification;

use self::wire::Logins;

/// Reads an environment variable (injectable for tests).
type EnvLookup = dyn Fn(&str) -> Option<String> + Send + Sync;

/// The STS session name of the basic flow's assumed role.
const SESSION_NAME: &str = "cognito-rs-identity-pool";

/// The longest identity pool id the API model allows.
const POOL_ID_MAX_LEN: usize = 55;

/// The default [`refresh_margin`](IdentityCredentialsBuilder::refresh_margin).
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// The `Logins` key of a user pool: its issuer without `https://`, such as
/// `cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz`.
///
/// `dns_suffix` is the partition's (`amazonaws.com`, `amazonaws.com.cn`, …).
///
/// ```
/// assert_eq!(
///     cognito::identity::logins_key("eu-west-1", "amazonaws.com", "eu-west-1_AbC123xyz"),
///     "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz"
/// );
/// ```
pub fn logins_key(region: &str, dns_suffix: &str, user_pool_id: &str) -> String {
    format!("cognito-idp.{region}.{dns_suffix}/{user_pool_id}")
}

/// Checks an identity pool id as the model does, `[\w-]+:[0-9a-f-]+` in at
/// most 55 characters, and returns its region (the part before the `:`).
fn region_of_pool_id(id: &str) -> Result<&str, Error> {
    let bad = |why: &str| -> Error {
        ConfigError::new(format!("invalid identity pool id {id:?}: {why}")).into()
    };
    if id.chars().count() > POOL_ID_MAX_LEN {
        return Err(bad("longer than 55 characters"));
    }
    let Some((region, tail)) = id.split_once(':') else {
        return Err(bad("expected <region>:<id>"));
    };
    if region.is_empty()
        || !region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(bad("the region part must be letters, digits, `_` or `-`"));
    }
    if tail.is_empty()
        || !tail
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b'-')
    {
        return Err(bad(
            "the part after `:` must be lowercase hex digits and `-`",
        ));
    }
    Ok(region)
}

/// Whose credentials these are.
enum Source {
    /// An unauthenticated identity.
    Guest,
    /// The user signed in on a handle, under a `Logins` key.
    User {
        cognito: Cognito,
        logins_key: String,
    },
}

/// What is remembered between calls, for one owner.
#[derive(Default)]
struct Cache {
    /// Whose the rest is: `guest`, or the `Logins` key and the user's `sub`.
    owner: Option<String>,
    identity_id: Option<String>,
    credentials: Option<AwsCredentials>,
}

struct Inner {
    identity_pool_id: String,
    endpoint: ResolvedEndpoint,
    source: Source,
    custom_role_arn: Option<String>,
    /// The basic flow: the role to assume and where STS is.
    basic: Option<(String, StsEndpoint)>,
    refresh_margin: Duration,
    transport: Arc<dyn Transport>,
    clock: Arc<dyn Clock>,
    /// Held while credentials are fetched, so one fetch goes out at a time.
    cache: Mutex<Cache>,
    /// How many fetches have completed, so a thread that waited knows one did.
    fetches: AtomicU64,
}

/// Temporary AWS credentials from a Cognito identity pool, for a signed-in
/// user or a guest: cached, renewed before they expire, one fetch at a time.
///
/// `Clone` (clones share the cache), `Send` and `Sync`. `Debug` shows the
/// pool, the endpoint and whose credentials these are, never a credential or
/// token. See the [module docs](self) for the calls it makes.
#[derive(Clone)]
pub struct IdentityCredentials {
    inner: Arc<Inner>,
}

impl fmt::Debug for IdentityCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = match &self.inner.source {
            Source::Guest => "guest".to_owned(),
            Source::User { logins_key, .. } => format!("user of {logins_key}"),
        };
        f.debug_struct("IdentityCredentials")
            .field("identity_pool_id", &self.inner.identity_pool_id)
            .field("endpoint", &self.inner.endpoint.url)
            .field("source", &who)
            .field("custom_role_arn", &self.inner.custom_role_arn)
            // Never waits for a fetch in flight.
            .field(
                "identity_id",
                &match self.inner.cache.try_lock() {
                    Ok(cache) => cache.identity_id.clone(),
                    Err(_) => Some("<being fetched>".to_owned()),
                },
            )
            .finish_non_exhaustive()
    }
}

/// Configures [`IdentityCredentials`]; made by
/// [`IdentityCredentials::for_user`] or [`IdentityCredentials::guest`].
pub struct IdentityCredentialsBuilder {
    identity_pool_id: String,
    user: Option<Cognito>,
    logins_key: Option<String>,
    custom_role_arn: Option<String>,
    basic_role_arn: Option<String>,
    refresh_margin: Duration,
    region: Option<String>,
    endpoint: Option<String>,
    env: Option<Box<EnvLookup>>,
    transport: Option<Arc<dyn Transport>>,
    clock: Option<Arc<dyn Clock>>,
}

impl fmt::Debug for IdentityCredentialsBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdentityCredentialsBuilder")
            .field("identity_pool_id", &self.identity_pool_id)
            .field("guest", &self.user.is_none())
            .field("logins_key", &self.logins_key)
            .field("custom_role_arn", &self.custom_role_arn)
            .field("refresh_margin", &self.refresh_margin)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl IdentityCredentials {
    /// Credentials for the user signed in on `cognito`, whose id token the
    /// identity pool `identity_pool_id` (such as
    /// `eu-west-1:0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d`) trusts. The transport
    /// and clock default to the handle's.
    pub fn for_user(
        identity_pool_id: impl Into<String>,
        cognito: &Cognito,
    ) -> IdentityCredentialsBuilder {
        IdentityCredentialsBuilder::new(identity_pool_id.into(), Some(cognito.clone()))
    }

    /// Credentials of an unauthenticated (guest) identity of
    /// `identity_pool_id`; the pool must allow guests.
    pub fn guest(identity_pool_id: impl Into<String>) -> IdentityCredentialsBuilder {
        IdentityCredentialsBuilder::new(identity_pool_id.into(), None)
    }

    /// The identity pool id.
    pub fn identity_pool_id(&self) -> &str {
        &self.inner.identity_pool_id
    }

    /// Where the identity-pool calls go.
    pub fn endpoint(&self) -> &ResolvedEndpoint {
        &self.inner.endpoint
    }

    /// The `Logins` key sent for a user; `None` for a guest.
    pub fn logins_key(&self) -> Option<&str> {
        match &self.inner.source {
            Source::Guest => None,
            Source::User { logins_key, .. } => Some(logins_key),
        }
    }

    /// The identity id, once a call has fetched it (it is not a secret).
    pub fn identity_id(&self) -> Option<String> {
        lock(&self.inner.cache).identity_id.clone()
    }

    /// Forgets the cached identity id and credentials (after a sign-out, say).
    pub fn forget(&self) {
        *lock(&self.inner.cache) = Cache::default();
    }

    fn now(&self) -> SystemTime {
        self.inner.clock.now()
    }

    /// Credentials for the user (or guest): the cached ones while they are
    /// valid for longer than the refresh margin, else new ones. Renews the
    /// user's id token first when it has expired.
    ///
    /// # Errors
    ///
    /// * [`Error::Config`] when the handle holds no id token (sign in
    ///   first), or its id token has expired and it holds no refresh token;
    /// * [`Error::Service`] when the identity pool (or the user pool, while
    ///   renewing the id token) refuses: `NotAuthorizedException` for a guest
    ///   when the pool does not allow guests, for a token from a provider the
    ///   pool does not trust, or for an expired token;
    ///   `ResourceNotFoundException` for an unknown pool;
    ///   `InvalidIdentityPoolConfigurationException` (as
    ///   [`ErrorCode::Unknown`]) when the pool's roles cannot be assumed;
    /// * [`Error::Token`] when a renewed id token fails verification;
    /// * [`Error::Http`], [`Error::Parse`], [`Error::Protocol`] or
    ///   [`Error::Transport`] when no usable reply came.
    pub fn credentials(&self) -> Result<AwsCredentials, Error> {
        let fetches_before = self.inner.fetches.load(Ordering::SeqCst);
        let mut cache = lock(&self.inner.cache);
        // The owner as the held token says, expired or not: enough to know
        // whether the cache is this user's.
        self.own(&mut cache, self.owner(None));
        if let Some(creds) = &cache.credentials {
            // Fresh, or fetched by another thread while this one waited (and
            // not yet expired: credentials shorter-lived than the margin are
            // used once per wait, not fetched again by every waiter).
            let fetched_meanwhile = self.inner.fetches.load(Ordering::SeqCst) != fetches_before;
            let now = self.now();
            if self.fresh(creds)
                || (fetched_meanwhile && creds.expires_at().is_none_or(|at| now < at))
            {
                return Ok(creds.clone());
            }
        }
        let logins = self.logins()?;
        // Renewing may have brought another user's tokens (or the first ones).
        let token = logins.values().next().cloned();
        self.own(&mut cache, self.owner(token.as_ref()));
        let (identity_id, was_cached) = match cache.identity_id.clone() {
            Some(id) => (id, true),
            None => (self.get_id(&logins)?, false),
        };
        cache.identity_id = Some(identity_id.clone());
        let fetched = match self.get_credentials(&identity_id, &logins) {
            Err(e)
                if was_cached
                    && e.service_code() == Some(&ErrorCode::ResourceNotFoundException) =>
            {
                // The pool forgot the identity (deleted, or merged): start again.
                cache.identity_id = None;
                let identity_id = self.get_id(&logins)?;
                cache.identity_id = Some(identity_id.clone());
                self.get_credentials(&identity_id, &logins)
            }
            other => other,
        };
        let (named_id, creds) = fetched?;
        if let Some(id) = named_id {
            cache.identity_id = Some(id);
        }
        cache.credentials = Some(creds.clone());
        self.inner.fetches.fetch_add(1, Ordering::SeqCst);
        Ok(creds)
    }

    /// Empties `cache` unless it is `owner`'s.
    fn own(&self, cache: &mut Cache, owner: String) {
        if cache.owner.as_deref() != Some(owner.as_str()) {
            *cache = Cache {
                owner: Some(owner),
                ..Cache::default()
            };
        }
    }

    /// Signs `request` with SigV4 for AWS `service` (its signing name, such
    /// as `s3` or `execute-api`) in `region`, with [`credentials`](Self::credentials)
    /// at the clock's time, and returns it with `X-Amz-Date`,
    /// `X-Amz-Security-Token` and `Authorization` added; send it with any
    /// HTTP client. See [`sign_request_for`] for the signing settings.
    ///
    /// # Errors
    ///
    /// As [`credentials`](Self::credentials); [`Error::Signing`] when the
    /// request cannot be signed.
    pub fn sign(
        &self,
        mut request: HttpRequest,
        service: &str,
        region: &str,
    ) -> Result<HttpRequest, Error> {
        let creds = self.credentials()?;
        sign_request_for(&mut request, &creds, service, region, self.now())?;
        Ok(request)
    }

    /// Whether `creds` stay valid for longer than the margin.
    fn fresh(&self, creds: &AwsCredentials) -> bool {
        match creds.expires_at() {
            Some(at) => self.now() + self.inner.refresh_margin < at,
            None => true,
        }
    }

    /// Whose credentials: `guest`, or the `Logins` key and the `sub` of
    /// `token` (else of the handle's id token, expired or not).
    fn owner(&self, token: Option<&SecretString>) -> String {
        let Source::User {
            cognito,
            logins_key,
        } = &self.inner.source
        else {
            return "guest".to_owned();
        };
        let token = token.cloned().or_else(|| cognito.id_token());
        let sub = token
            .as_ref()
            .and_then(|t| decode_without_verification(t.expose_secret()).ok())
            .and_then(|t| t.claims().sub.clone())
            .unwrap_or_default();
        format!("{logins_key} {sub}")
    }

    /// The `Logins` to send, with an id token valid now.
    fn logins(&self) -> Result<Logins, Error> {
        let mut logins = Logins::new();
        if let Source::User {
            cognito,
            logins_key,
        } = &self.inner.source
        {
            logins.insert(logins_key.clone(), fresh_id_token(cognito)?);
        }
        Ok(logins)
    }

    fn get_id(&self, logins: &Logins) -> Result<String, Error> {
        let request = wire::get_id_request(
            &self.inner.endpoint.url,
            &self.inner.identity_pool_id,
            logins,
        )?;
        wire::parse_get_id(&self.inner.transport.send(request)?)
    }

    fn get_credentials(
        &self,
        identity_id: &str,
        logins: &Logins,
    ) -> Result<(Option<String>, AwsCredentials), Error> {
        if let Some((role_arn, sts)) = &self.inner.basic {
            let request =
                wire::get_open_id_token_request(&self.inner.endpoint.url, identity_id, logins)?;
            let (named_id, token) =
                wire::parse_open_id_token(&self.inner.transport.send(request)?)?;
            let sts = Sts {
                transport: &*self.inner.transport,
                endpoint: sts.clone(),
            };
            let creds = sts.assume_role_with_web_identity(role_arn, SESSION_NAME, &token)?;
            return Ok((named_id, creds));
        }
        let request = wire::get_credentials_request(
            &self.inner.endpoint.url,
            identity_id,
            logins,
            self.inner.custom_role_arn.as_deref(),
        )?;
        wire::parse_credentials(&self.inner.transport.send(request)?)
    }
}

impl ProvideCredentials for IdentityCredentials {
    fn provide(&self) -> Result<AwsCredentials, CredentialsError> {
        self.credentials().map_err(|e| {
            CredentialsError::with_source("cannot get credentials from the identity pool", e)
        })
    }
}

/// The handle's id token, renewed first (once between threads) when it has
/// expired at the handle's clock with its refresh margin.
fn fresh_id_token(cognito: &Cognito) -> Result<SecretString, Error> {
    let valid = |token: &SecretString| -> Result<bool, Error> {
        Ok(cognito.now() + cognito.refresh_margin() < id_token_exp(token)?)
    };
    // Read before looking at the token: a renewal another thread finishes
    // after this point is then this call's too (no second renewal).
    let seen = cognito.renewal_generation();
    match cognito.id_token() {
        Some(token) if valid(&token)? => return Ok(token),
        None if cognito.refresh_token().is_none() => {
            return Err(ConfigError::new(
                "identity-pool credentials for a user need an id token: sign in first, or set one with .id_token(…)",
            )
            .into())
        }
        _ => {}
    }
    cognito.renew_after(seen)?;
    cognito.id_token().ok_or_else(|| {
        ProtocolError::MissingField {
            operation: "refresh".into(),
            field: "IdToken".into(),
        }
        .into()
    })
}

/// The `exp` of an id token, read without verifying it.
fn id_token_exp(token: &SecretString) -> Result<SystemTime, Error> {
    let missing = |field: &str| -> Error {
        ProtocolError::MissingField {
            operation: "id token".into(),
            field: field.into(),
        }
        .into()
    };
    let decoded = decode_without_verification(token.expose_secret())
        .map_err(|_| missing("a readable JWT"))?;
    decoded
        .claims()
        .exp
        .filter(|exp| *exp >= 0)
        .and_then(|exp| UNIX_EPOCH.checked_add(Duration::from_secs(exp.unsigned_abs())))
        .ok_or_else(|| missing("exp"))
}

impl IdentityCredentialsBuilder {
    fn new(identity_pool_id: String, user: Option<Cognito>) -> Self {
        Self {
            identity_pool_id,
            user,
            logins_key: None,
            custom_role_arn: None,
            basic_role_arn: None,
            refresh_margin: DEFAULT_REFRESH_MARGIN,
            region: None,
            endpoint: None,
            env: None,
            transport: None,
            clock: None,
        }
    }

    /// Uses the basic (classic) flow: `GetOpenIdToken`, then STS
    /// `AssumeRoleWithWebIdentity` for `role_arn` (unsigned), instead of
    /// `GetCredentialsForIdentity`. Only for identity pools that allow it
    /// (`AllowClassicFlow`; otherwise `GetOpenIdToken`'s credentials are
    /// refused by STS or the pool answers `InvalidParameterException`); the
    /// role's trust policy names the identity pool. A
    /// [`custom_role_arn`](Self::custom_role_arn) is not used in this flow.
    pub fn basic_flow(mut self, role_arn: impl Into<String>) -> Self {
        self.basic_role_arn = Some(role_arn.into());
        self
    }

    /// The `Logins` key for the user's id token. Defaults to the handle's
    /// user pool issuer without `https://`, as [`logins_key`] builds it.
    pub fn logins_key(mut self, key: impl Into<String>) -> Self {
        self.logins_key = Some(key.into());
        self
    }

    /// The role to ask for (`CustomRoleArn`), when the pool's role rules
    /// give the user a choice. Defaults to none: the pool's choice.
    pub fn custom_role_arn(mut self, arn: impl Into<String>) -> Self {
        self.custom_role_arn = Some(arn.into());
        self
    }

    /// How long before their expiration credentials are fetched anew.
    /// Defaults to [`DEFAULT_REFRESH_MARGIN`] (5 minutes).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// The region of the identity-pool endpoint. Defaults to the identity
    /// pool id's prefix.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// An endpoint URL for the identity-pool calls (an emulator, a proxy).
    /// Defaults to `AWS_ENDPOINT_URL_COGNITO_IDENTITY`, else
    /// `AWS_ENDPOINT_URL`, else `https://cognito-identity.<region>.<suffix>`
    /// (see [`endpoint::resolve_identity`]).
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Where `AWS_*` variables are read from. Defaults to the process
    /// environment; tests pass a closure.
    pub fn environment(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.env = Some(Box::new(lookup));
        self
    }

    /// How requests are sent. Defaults to the handle's transport for a user,
    /// a [`UreqTransport`](crate::UreqTransport::new) for a guest.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The clock credentials' expiry is judged by. Defaults to the handle's
    /// clock for a user, the system clock for a guest. (The id token's expiry
    /// is always judged by the handle's clock.)
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Builds the credentials source, resolving the endpoint now.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a malformed identity pool id, region or
    /// endpoint URL, or a user handle without a user pool id.
    pub fn build(self) -> Result<IdentityCredentials, Error> {
        let pool_region = region_of_pool_id(&self.identity_pool_id)?;
        let region = self.region.as_deref().unwrap_or(pool_region);
        let (use_fips, use_dual_stack) = self.user.as_ref().map_or((None, None), |c| {
            (
                Some(c.endpoint().use_fips),
                Some(c.endpoint().use_dual_stack),
            )
        });
        let config = EndpointConfig {
            pool_id: None,
            region: Some(region),
            endpoint: self.endpoint.as_deref(),
            use_fips,
            use_dual_stack,
        };
        let resolved = match &self.env {
            Some(env) => endpoint::resolve_identity(&config, |name| env(name)),
            None => endpoint::resolve_identity(&config, endpoint::process_env),
        }
        .map_err(|e| ConfigError::with_source("cannot resolve the identity-pool endpoint", e))?;
        let basic = self.basic_role_arn.map(|role| {
            let sts = match &self.env {
                Some(env) => StsEndpoint::resolve(region, &|name: &str| env(name)),
                None => StsEndpoint::resolve(region, &|name: &str| std::env::var(name).ok()),
            };
            (role, sts)
        });
        let (source, transport, clock) = match self.user {
            None => (
                Source::Guest,
                self.transport
                    .unwrap_or_else(|| Arc::new(UreqTransport::new())),
                self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
            ),
            Some(cognito) => {
                let logins_key = match self.logins_key {
                    Some(key) => key,
                    None => {
                        let pool = cognito.require_user_pool_id()?;
                        let ep = cognito.endpoint();
                        logins_key(&ep.region, ep.partition.dns_suffix, pool)
                    }
                };
                let transport = self
                    .transport
                    .unwrap_or_else(|| Arc::clone(&cognito.config().transport));
                let clock = self
                    .clock
                    .unwrap_or_else(|| Arc::clone(&cognito.config().options.clock));
                (
                    Source::User {
                        cognito,
                        logins_key,
                    },
                    transport,
                    clock,
                )
            }
        };
        Ok(IdentityCredentials {
            inner: Arc::new(Inner {
                identity_pool_id: self.identity_pool_id,
                endpoint: resolved,
                source,
                custom_role_arn: self.custom_role_arn,
                basic,
                refresh_margin: self.refresh_margin,
                transport,
                clock,
                cache: Mutex::new(Cache::default()),
                fetches: AtomicU64::new(0),
            }),
        })
    }
}

#[cfg(test)]
mod tests;
