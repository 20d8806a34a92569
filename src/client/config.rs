//! [`Config`]: a handle's configuration, written once.
//!
//! The builder's setters fill [`Options`] as given; `build` adds what has to
//! be resolved first (the endpoint, the device name, the default transport and
//! credentials provider, which read the environment). A built handle holds one
//! `Config` beside its [`State`](crate::client::state::State) and never
//! changes it.

use std::sync::Arc;
use std::time::Duration;

use crate::client::attributes::AttrMap;
use crate::clock::{Clock, SystemClock};
use crate::credentials::ProvideCredentials;
use crate::http::retry::{RetryPolicy, RetryQuota};
use crate::http::timer::{SystemTimer, Timer};
use crate::http::Transport;
use crate::protocol::endpoint::ResolvedEndpoint;
use crate::secret::SecretString;
use crate::tokens::verifier::KeySource;

/// Fills a buffer with random bytes; see [`CognitoBuilder::random`](crate::CognitoBuilder::random).
pub(crate) type RandomSource = Arc<dyn Fn(&mut [u8]) -> Result<(), String> + Send + Sync>;

/// Everything a built handle is configured with.
pub(crate) struct Config {
    /// What the builder's setters set.
    pub(crate) options: Options,
    /// Where calls go and the region they are signed for.
    pub(crate) endpoint: ResolvedEndpoint,
    /// The name a new device is registered under.
    pub(crate) device_name: String,
    /// How requests are sent.
    pub(crate) transport: Arc<dyn Transport>,
    /// Where signed calls get AWS credentials.
    pub(crate) provider: Arc<dyn ProvideCredentials>,
    /// The retry quota, filled to the policy's capacity when the handle is
    /// built; the one counter in here, shared by the handle's clones.
    pub(crate) retry_quota: RetryQuota,
}

/// The default overall deadline of one call, all attempts and backoff
/// included.
pub(crate) const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// The settings the builder takes as given; each default is the one its
/// setter on [`CognitoBuilder`](crate::CognitoBuilder) names.
pub(crate) struct Options {
    pub(crate) user_pool_id: Option<String>,
    pub(crate) client_id: Option<String>,
    pub(crate) client_secret: Option<SecretString>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) random: RandomSource,
    pub(crate) refresh_margin: Duration,
    pub(crate) refresh_token_rotation: bool,
    pub(crate) auto_refresh: bool,
    /// Issuers tokens must carry; empty means both forms Cognito issues.
    pub(crate) issuers: Vec<String>,
    pub(crate) key_source: Option<KeySource>,
    pub(crate) verify_renewed_tokens: bool,
    pub(crate) retry: RetryPolicy,
    /// The monotonic clock and sleep of the retry loop.
    pub(crate) timer: Arc<dyn Timer>,
    /// The overall deadline of one call; `None` for none.
    pub(crate) call_timeout: Option<Duration>,
    /// Renames between Cognito's attribute names and the caller's.
    pub(crate) attr_map: AttrMap,
    /// Plain `http://` to any host, not only loopback.
    pub(crate) allow_insecure_http: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            user_pool_id: None,
            client_id: None,
            client_secret: None,
            clock: Arc::new(SystemClock),
            random: Arc::new(|buf: &mut [u8]| getrandom::getrandom(buf).map_err(|e| e.to_string())),
            refresh_margin: Duration::ZERO,
            refresh_token_rotation: false,
            auto_refresh: false,
            issuers: Vec::new(),
            key_source: None,
            verify_renewed_tokens: true,
            retry: RetryPolicy::standard(),
            timer: Arc::new(SystemTimer),
            call_timeout: Some(DEFAULT_CALL_TIMEOUT),
            attr_map: AttrMap::new(),
            allow_insecure_http: false,
        }
    }
}
