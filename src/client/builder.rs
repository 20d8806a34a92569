//! [`CognitoBuilder`]: every setting of a [`Cognito`] handle, with its
//! default; the endpoint is resolved when the handle is built.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::client::attributes::AttrMap;
use crate::client::call_options::{self, CallOptions};
use crate::client::config::{Config, Options};
use crate::client::state::{self, State};
use crate::client::{Cognito, Inner, RememberedDevice};
use crate::clock::Clock;
use crate::credentials::{AwsCredentials, DefaultCredentials, ProvideCredentials};
use crate::error::{ConfigError, Error};
use crate::http::retry::RetryQuota;
use crate::http::ureq_transport::UreqTransport;
use crate::http::Transport;
use crate::protocol::endpoint::{self, plain_http, EndpointConfig};
use crate::secret::SecretString;

/// Where `AWS_*` variables are read from; see [`CognitoBuilder::environment`].
type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Configures a [`Cognito`] handle. Setters take `self` and say their default.
#[derive(Default)]
pub struct CognitoBuilder {
    /// The settings taken as given, already in their final place.
    options: Options,
    /// The username, tokens and device the handle starts with.
    state: State,
    /// What the handle adds to every request that accepts it.
    call: CallOptions,
    // What `build` resolves: the endpoint from these four and the
    // environment; the device name, transport and provider when unset.
    region: Option<String>,
    endpoint: Option<String>,
    fips: Option<bool>,
    dual_stack: Option<bool>,
    env: Option<EnvLookup>,
    device_name: Option<String>,
    transport: Option<Arc<dyn Transport>>,
    provider: Option<Arc<dyn ProvideCredentials>>,
}

impl fmt::Debug for CognitoBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CognitoBuilder")
            .field("user_pool_id", &self.options.user_pool_id)
            .field("client_id", &self.options.client_id)
            .field("client_secret", &self.options.client_secret)
            .field("username", &*state::read(&self.state.username))
            .field("tokens", &*state::read(&self.state.tokens))
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("fips", &self.fips)
            .field("dual_stack", &self.dual_stack)
            .field("call_options", &self.call)
            .field("attr_map", &self.options.attr_map)
            .finish_non_exhaustive()
    }
}

impl CognitoBuilder {
    /// The user pool id, e.g. `us-east-1_AbC123xyz`; its prefix gives the
    /// region unless [`region`](Self::region) is set. No default.
    pub fn user_pool_id(mut self, id: impl Into<String>) -> Self {
        self.options.user_pool_id = Some(id.into());
        self
    }

    /// The app client id. No default.
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.options.client_id = Some(id.into());
        self
    }

    /// The app client secret, for clients that have one. No default; an
    /// empty secret is refused by [`build`](Self::build).
    pub fn client_secret(mut self, secret: impl Into<SecretString>) -> Self {
        self.options.client_secret = Some(secret.into());
        self
    }

    /// The username the handle acts for. No default.
    pub fn username(mut self, username: impl Into<String>) -> Self {
        *state::get_mut(&mut self.state.username) = Some(username.into());
        self
    }

    /// An id token from an earlier sign-in. No default.
    pub fn id_token(mut self, token: impl Into<SecretString>) -> Self {
        state::get_mut(&mut self.state.tokens).id_token = Some(token.into());
        self
    }

    /// An access token from an earlier sign-in. No default.
    pub fn access_token(mut self, token: impl Into<SecretString>) -> Self {
        state::get_mut(&mut self.state.tokens).access_token = Some(token.into());
        self
    }

    /// A refresh token from an earlier sign-in. No default.
    pub fn refresh_token(mut self, token: impl Into<SecretString>) -> Self {
        state::get_mut(&mut self.state.tokens).refresh_token = Some(token.into());
        self
    }

    /// A device remembered by an earlier sign-in. No default.
    pub fn remembered_device(mut self, device: RememberedDevice) -> Self {
        *state::get_mut(&mut self.state.device) = Some(device);
        self
    }

    /// The name new devices are registered under. Defaults to
    /// `cognito-rs on <host name>` (or `cognito-rs`).
    pub fn device_name(mut self, name: impl Into<String>) -> Self {
        self.device_name = Some(name.into());
        self
    }

    /// The region. Defaults to the pool id's prefix. With an endpoint
    /// override any name is accepted (cognito-local's pools are in `local`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// An endpoint override such as `http://127.0.0.1:9229`. Defaults to
    /// `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`, else `AWS_ENDPOINT_URL`,
    /// else the region's Cognito endpoint.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Allow a plain `http://` endpoint or key set URL to any host. Defaults
    /// to `false`: plain HTTP is accepted only to loopback (`localhost`,
    /// `127.0.0.0/8`, `::1`, where emulators run) and to the AWS link-local
    /// credential endpoints (169.254.169.254, 169.254.170.2, 169.254.170.23,
    /// fd00:ec2::254, fd00:ec2::23); anything else is a configuration error,
    /// since passwords and tokens would cross the network unencrypted.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.options.allow_insecure_http = allow;
        self
    }

    /// Use the FIPS endpoint. Defaults to `AWS_USE_FIPS_ENDPOINT`, else
    /// `false`; cannot be combined with an endpoint override.
    pub fn fips(mut self, enabled: bool) -> Self {
        self.fips = Some(enabled);
        self
    }

    /// Use the dual-stack (IPv6) endpoint. Defaults to
    /// `AWS_USE_DUALSTACK_ENDPOINT`, else `false`; cannot be combined with an
    /// endpoint override.
    pub fn dual_stack(mut self, enabled: bool) -> Self {
        self.dual_stack = Some(enabled);
        self
    }

    /// Static AWS credentials for the signed (admin) operations. Defaults to
    /// [`DefaultCredentials`] (environment, then shared files), read on the
    /// first signed call.
    pub fn credentials(mut self, credentials: AwsCredentials) -> Self {
        self.provider = Some(Arc::new(credentials));
        self
    }

    /// A credentials provider for the signed operations. Defaults to
    /// [`DefaultCredentials`], read on the first signed call.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.provider = Some(Arc::new(provider));
        self
    }

    /// The transport. Defaults to a [`UreqTransport`].
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// A shared transport, e.g. one [`UreqTransport`] for many handles.
    pub fn shared_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The clock. Defaults to [`SystemClock`](crate::SystemClock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.options.clock = Arc::new(clock);
        self
    }

    /// Where `AWS_*` variables are read from. Defaults to the process
    /// environment; tests pass a closure.
    pub fn environment(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.env = Some(Arc::new(lookup));
        self
    }

    /// How long before the access token's `exp` it counts as expired, so
    /// [`Cognito::check_token`] renews early. Defaults to zero, as warrant.
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.options.refresh_margin = margin;
        self
    }

    /// Renew with `GetTokensFromRefreshToken` (for app clients with
    /// refresh-token rotation; sends the raw client secret) instead of
    /// `REFRESH_TOKEN_AUTH`. Defaults to `false`.
    pub fn refresh_token_rotation(mut self, enabled: bool) -> Self {
        self.options.refresh_token_rotation = enabled;
        self
    }

    /// Check the access token (and renew it when expired) before every call
    /// that uses it. Defaults to `false`: as warrant, only `change_password`,
    /// `send_verification` and `validate_verification` check first.
    pub fn auto_refresh(mut self, enabled: bool) -> Self {
        self.options.auto_refresh = enabled;
        self
    }

    /// The source of random bytes for SRP private values and device
    /// passwords. Defaults to the operating system's (`getrandom`); tests
    /// pass a seeded source to make SRP requests reproducible.
    pub fn random(
        mut self,
        fill: impl Fn(&mut [u8]) -> Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        self.options.random = Arc::new(fill);
        self
    }

    /// An issuer tokens must carry (call again to allow more), e.g.
    /// cognito-local's `http://127.0.0.1:9229/local_…`. Defaults to both
    /// forms Cognito issues for the pool; an endpoint override does not
    /// change it (moto issues AWS-form issuers).
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.options.issuers.push(issuer.into());
        self
    }

    /// Where token verification gets the pool's keys. Defaults to the
    /// issuer's `/.well-known/jwks.json`, or the endpoint override's
    /// `/{poolId}/.well-known/jwks.json`.
    pub fn key_set_url(mut self, url: impl Into<String>) -> Self {
        self.options.key_source = Some(crate::tokens::verifier::KeySource::Url(url.into()));
        self
    }

    /// The pool's keys as JSON text, for verification without a fetch.
    pub fn key_set_json(mut self, json: impl Into<String>) -> Self {
        self.options.key_source = Some(crate::tokens::verifier::KeySource::Json(json.into()));
        self
    }

    /// Verify renewed tokens against the pool's keys before storing them.
    /// Defaults to `true`.
    pub fn verify_renewed_tokens(mut self, enabled: bool) -> Self {
        self.options.verify_renewed_tokens = enabled;
        self
    }

    /// When to retry throttled or failed calls. Defaults to
    /// [`RetryPolicy::standard`](crate::RetryPolicy::standard) (botocore's
    /// standard mode: 3 attempts, a retry quota shared by the handle's
    /// clones); [`RetryPolicy::none`](crate::RetryPolicy::none) turns
    /// retries off. What is retried, and why that is safe for each family of
    /// operations, is in the [`RetryPolicy`](crate::RetryPolicy) docs.
    pub fn retry(mut self, policy: crate::http::retry::RetryPolicy) -> Self {
        self.options.retry = policy;
        self
    }

    /// The most one call may take, every attempt and backoff included:
    /// each attempt is handed what is left (see
    /// [`HttpRequest::timeout`](crate::HttpRequest::timeout)) and no backoff
    /// is slept that would end past it. Defaults to 30 s; `None` for no
    /// overall deadline (the transport's own timeouts still bound each
    /// attempt).
    pub fn call_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.options.call_timeout = timeout;
        self
    }

    /// The monotonic clock and sleep of the retry loop. Defaults to
    /// [`SystemTimer`](crate::SystemTimer); tests pass one that records
    /// the backoff instead of waiting.
    pub fn timer(mut self, timer: impl crate::http::timer::Timer + 'static) -> Self {
        self.options.timer = Arc::new(timer);
        self
    }

    /// `ClientMetadata` to send in every request that accepts it (see the
    /// table in the [`Cognito`] docs), for the pool's Lambda triggers;
    /// [`Cognito::with_client_metadata`] makes a view with other pairs. No
    /// default: none is sent.
    pub fn client_metadata<K, V>(mut self, metadata: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        self.call.client_metadata = call_options::client_metadata(metadata);
        self
    }

    /// `ValidationData` to send with sign-ups and admin-created users, for
    /// the pre sign-up trigger; see [`Cognito::with_validation_data`]. No
    /// default: none is sent.
    pub fn validation_data<K, V>(mut self, data: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        self.call.validation_data = call_options::validation_data(data);
        self
    }

    /// `UserContextData` to send in every user-side request that accepts it,
    /// for threat protection; see [`Cognito::with_user_context_data`]. No
    /// default: none is sent.
    pub fn user_context_data(mut self, data: crate::types::UserContextDataType) -> Self {
        self.call.user_context_data = Some(data);
        self
    }

    /// `ContextData` to send with admin sign-ins, for threat protection; see
    /// [`Cognito::with_context_data`]. No default: none is sent.
    pub fn context_data(mut self, data: crate::types::ContextDataType) -> Self {
        self.call.context_data = Some(data);
        self
    }

    /// Renames between Cognito's attribute names and yours, used by every
    /// call that reads or writes attributes (`get_user`, `get_users`,
    /// `admin_get_user`, `update_profile`, `register`, …), as warrant's
    /// `attr_map` arguments. Defaults to no renames.
    ///
    /// ```
    /// use cognito::{AttrMap, Cognito};
    ///
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("eu-west-1_AbC123xyz")
    ///     .attr_map(AttrMap::from([("given_name", "first_name")]))
    ///     .build()?;
    /// assert_eq!(cognito.attr_map(), &AttrMap::new().map("given_name", "first_name"));
    /// # Ok::<(), cognito::Error>(())
    /// ```
    pub fn attr_map(mut self, attr_map: AttrMap) -> Self {
        self.options.attr_map = attr_map;
        self
    }

    /// Builds the handle, resolving the endpoint now.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a malformed pool id, no region (neither set nor
    /// in a pool id), a malformed region or endpoint URL, an endpoint
    /// override combined with FIPS or dual-stack, an empty client secret, or
    /// a plain `http://` endpoint or key set URL that
    /// [`allow_insecure_http`](Self::allow_insecure_http) does not allow.
    pub fn build(self) -> Result<Cognito, Error> {
        if self
            .options
            .client_secret
            .as_ref()
            .is_some_and(|s| s.expose_secret().is_empty())
        {
            return Err(ConfigError::new(
                "the client secret is empty: leave .client_secret(…) out for a client without one",
            )
            .into());
        }
        let env: EnvLookup = self
            .env
            .unwrap_or_else(|| Arc::new(|name: &str| std::env::var(name).ok()));
        let config = EndpointConfig {
            pool_id: self.options.user_pool_id.as_deref(),
            region: self.region.as_deref(),
            endpoint: self.endpoint.as_deref(),
            use_fips: self.fips,
            use_dual_stack: self.dual_stack,
        };
        let endpoint = endpoint::resolve(&config, |name| env(name))
            .map_err(|e| ConfigError::with_source("cannot resolve the endpoint", e))?;
        plain_http::check_plain_http(
            &endpoint.url,
            self.options.allow_insecure_http,
            "the endpoint",
        )?;
        if let Some(crate::tokens::verifier::KeySource::Url(url)) = &self.options.key_source {
            plain_http::check_plain_http(url, self.options.allow_insecure_http, "the key set URL")?;
        }
        let provider = match self.provider {
            Some(p) => p,
            None => {
                let env = Arc::clone(&env);
                Arc::new(DefaultCredentials::with_lookup(move |name| env(name)))
            }
        };
        let retry_quota = RetryQuota::new(self.options.retry.quota_capacity());
        let config = Config {
            retry_quota,
            options: self.options,
            endpoint,
            device_name: self.device_name.unwrap_or_else(|| match env("HOSTNAME") {
                Some(host) if !host.is_empty() => format!("cognito-rs on {host}"),
                _ => "cognito-rs".to_owned(),
            }),
            transport: self
                .transport
                .unwrap_or_else(|| Arc::new(UreqTransport::new())),
            provider,
        };
        Ok(Cognito {
            inner: Arc::new(Inner {
                config: Arc::new(config),
                state: self.state,
            }),
            view: Arc::new(self.call),
        })
    }
}
