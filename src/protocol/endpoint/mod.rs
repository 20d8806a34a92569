//! Where requests go: the `cognito-idp` endpoint rule set, as a pure function.
//!
//! [`resolve`] turns the handle's settings into a [`ResolvedEndpoint`] the way
//! botocore 1.44.8 does for `cognito-idp`:
//!
//! 1. The pool id, when given, must match the model's pattern
//!    `[\w-]+_[0-9a-zA-Z]+` and be at most 55 characters ([`validate_pool_id`]).
//! 2. The region is the explicit setting, else the pool id's prefix
//!    ([`region_from_pool_id`]); with neither it is an error.
//! 3. An override URL comes from the explicit endpoint setting, else
//!    `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`, else `AWS_ENDPOINT_URL`;
//!    `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` turns the two variables off.
//!    FIPS or dual-stack together with an override is an error (rule set
//!    rule 1). An override accepts any region name, such as cognito-local's
//!    `local`; without one the region must be a valid host label.
//! 4. Otherwise the partition of the region ([`partition_of_region`]) gives
//!    the host, by this table from `endpoint-rule-set-1.json`:
//!
//! | FIPS | dual-stack | URL |
//! |---|---|---|
//! | off | off | `https://cognito-idp.{region}.{dnsSuffix}` |
//! | on | off | `https://cognito-idp-fips.{region}.{dnsSuffix}` |
//! | off | on | `aws`: `https://cognito-idp.{region}.amazonaws.com`; others: `https://cognito-idp.{region}.{dualStackDnsSuffix}` |
//! | on | on | us-east-1/2, us-west-1/2: `https://cognito-idp-fips.{region}.amazonaws.com`; others: `https://cognito-idp-fips.{region}.{dualStackDnsSuffix}` |
//!
//! The environment is a parameter (a `Fn(&str) -> Option<String>`), so tests
//! never touch the process environment; [`process_env`] is the real one.

use std::fmt;

/// The service-specific override variable botocore derives from the service
/// id "Cognito Identity Provider".
pub const ENV_ENDPOINT_URL_SERVICE: &str = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER";
/// The service-specific override variable botocore derives from the service
/// id "Cognito Identity" (identity pools, [`resolve_identity`]).
pub const ENV_ENDPOINT_URL_COGNITO_IDENTITY: &str = "AWS_ENDPOINT_URL_COGNITO_IDENTITY";
/// The global override variable, used when the service-specific one is unset.
pub const ENV_ENDPOINT_URL: &str = "AWS_ENDPOINT_URL";
/// When `true` (any case), both override variables are ignored.
pub const ENV_IGNORE_CONFIGURED_ENDPOINT_URLS: &str = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
/// Turns FIPS on when `true` (any case) and the FIPS setting is unset.
pub const ENV_USE_FIPS_ENDPOINT: &str = "AWS_USE_FIPS_ENDPOINT";
/// Turns dual-stack on when `true` (any case) and the dual-stack setting is unset.
pub const ENV_USE_DUALSTACK_ENDPOINT: &str = "AWS_USE_DUALSTACK_ENDPOINT";
/// The model's maximum length of a `UserPoolIdType`.
pub const POOL_ID_MAX_LEN: usize = 55;

/// An AWS partition: a group of regions sharing DNS suffixes.
#[derive(Debug, PartialEq, Eq)]
pub struct Partition {
    /// The partition id, such as `aws`, `aws-cn` or `aws-us-gov`.
    pub name: &'static str,
    /// The DNS suffix of regional endpoints, such as `amazonaws.com`.
    pub dns_suffix: &'static str,
    /// The DNS suffix of dual-stack endpoints, such as `api.aws`.
    pub dual_stack_dns_suffix: &'static str,
    /// Whether the partition offers FIPS endpoints.
    pub supports_fips: bool,
    /// Whether the partition offers dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// The region that global operations use in this partition.
    pub implicit_global_region: &'static str,
    /// `regionRegex` as literal prefixes: a region matches when it is one of
    /// them followed by `\w+\-\d+` (ASCII).
    region_prefixes: &'static [&'static str],
    /// The regions the partition lists by name.
    regions: &'static [&'static str],
}

mod partitions;
pub(crate) mod plain_http;
use self::partitions::PARTITIONS;

/// `aws`, where unmatched regions go (indexed at compile time).
const DEFAULT_PARTITION: &Partition = &PARTITIONS[0];

impl Partition {
    /// Every partition, in botocore's order; the first is the default.
    pub fn all() -> &'static [Partition] {
        PARTITIONS
    }

    /// Whether this partition claims `region`, by name or by `regionRegex`.
    fn claims(&self, region: &str) -> bool {
        self.regions.contains(&region)
            || self.region_prefixes.iter().any(|prefix| {
                region
                    .strip_prefix(prefix)
                    .and_then(|rest| rest.split_once('-'))
                    .is_some_and(|(word, digits)| {
                        !word.is_empty()
                            && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                            && !digits.is_empty()
                            && digits.bytes().all(|b| b.is_ascii_digit())
                    })
            })
    }
}

/// The partition of `region`, as the rule set's `aws.partition` computes it.
///
/// Partitions are tried in order; one matches when it lists the region by
/// name or its `regionRegex` matches. Anything else, such as `local`, falls
/// back to `aws`. The regexes' `\w` and `\d` are matched as ASCII, which only
/// differs from botocore for names that are not valid regions anyway.
///
/// ```
/// use cognito::endpoint::partition_of_region;
/// assert_eq!(partition_of_region("cn-north-1").dns_suffix, "amazonaws.com.cn");
/// assert_eq!(partition_of_region("us-gov-west-1").name, "aws-us-gov");
/// assert_eq!(partition_of_region("local").name, "aws");
/// ```
pub fn partition_of_region(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| p.claims(region))
        .unwrap_or(DEFAULT_PARTITION)
}

/// Checks a pool id against the model: `[\w-]+_[0-9a-zA-Z]+`, 1 to 55 characters.
///
/// `\w` is ASCII letters, digits and `_`, so the id matches when the part
/// after its last `_` is non-empty ASCII alphanumerics and the part before
/// it is non-empty ASCII alphanumerics, `_` and `-`.
///
/// # Errors
/// [`EndpointError::InvalidPoolId`], saying which part is wrong.
///
/// ```
/// use cognito::endpoint::validate_pool_id;
/// assert!(validate_pool_id("us-east-1_AbC123xyz").is_ok());
/// assert!(validate_pool_id("local_4YzBvdOp").is_ok());
/// assert!(validate_pool_id("us-east-1").is_err());
/// ```
pub fn validate_pool_id(pool_id: &str) -> Result<(), EndpointError> {
    let invalid = |reason| {
        Err(EndpointError::InvalidPoolId {
            pool_id: pool_id.to_owned(),
            reason,
        })
    };
    if pool_id.is_empty() {
        return invalid("empty");
    }
    if pool_id.chars().count() > POOL_ID_MAX_LEN {
        return invalid("longer than 55 characters");
    }
    let Some((head, tail)) = pool_id.rsplit_once('_') else {
        return invalid("no `_` between region and id");
    };
    if head.is_empty() {
        return invalid("nothing before the `_`");
    }
    if tail.is_empty() {
        return invalid("nothing after the last `_`");
    }
    if !head
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return invalid("only ASCII letters, digits, `_` and `-` may come before the last `_`");
    }
    if !tail.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return invalid("only ASCII letters and digits may come after the last `_`");
    }
    Ok(())
}

/// The region a pool id names: everything before its first `_`.
///
/// Real pool ids are `<region>_<id>` and region names have no `_`; this is
/// also what pycognito and amazon-cognito-identity-js take. The region is not
/// checked here: [`resolve`] does that, knowing whether an override is set.
///
/// # Errors
/// [`EndpointError::InvalidPoolId`] when the id fails [`validate_pool_id`].
///
/// ```
/// use cognito::endpoint::region_from_pool_id;
/// assert_eq!(region_from_pool_id("eusc-de-east-1_AbC123xyz").unwrap(), "eusc-de-east-1");
/// assert_eq!(region_from_pool_id("local_4YzBvdOp").unwrap(), "local");
/// ```
pub fn region_from_pool_id(pool_id: &str) -> Result<&str, EndpointError> {
    validate_pool_id(pool_id)?;
    Ok(pool_id
        .split_once('_')
        .map_or(pool_id, |(region, _)| region))
}

/// What [`resolve`] reads besides the environment. Every field defaults to unset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EndpointConfig<'a> {
    /// The user pool id; its prefix is the region when `region` is unset.
    pub pool_id: Option<&'a str>,
    /// The region; wins over the pool id's prefix.
    pub region: Option<&'a str>,
    /// An override URL; wins over the environment variables.
    pub endpoint: Option<&'a str>,
    /// FIPS endpoints; unset reads `AWS_USE_FIPS_ENDPOINT` (off unless `true`).
    pub use_fips: Option<bool>,
    /// Dual-stack endpoints; unset reads `AWS_USE_DUALSTACK_ENDPOINT` (off unless `true`).
    pub use_dual_stack: Option<bool>,
}

impl<'a> EndpointConfig<'a> {
    /// Sets [`pool_id`](Self::pool_id).
    pub fn pool_id(mut self, pool_id: &'a str) -> Self {
        self.pool_id = Some(pool_id);
        self
    }
    /// Sets [`region`](Self::region).
    pub fn region(mut self, region: &'a str) -> Self {
        self.region = Some(region);
        self
    }
    /// Sets [`endpoint`](Self::endpoint).
    pub fn endpoint(mut self, endpoint: &'a str) -> Self {
        self.endpoint = Some(endpoint);
        self
    }
    /// Sets [`use_fips`](Self::use_fips).
    pub fn use_fips(mut self, on: bool) -> Self {
        self.use_fips = Some(on);
        self
    }
    /// Sets [`use_dual_stack`](Self::use_dual_stack).
    pub fn use_dual_stack(mut self, on: bool) -> Self {
        self.use_dual_stack = Some(on);
        self
    }
}

/// Where a value came from; errors and [`ResolvedEndpoint`] name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Setting {
    /// The pool id, or the region taken from its prefix.
    PoolId,
    /// The explicit region setting.
    Region,
    /// The explicit endpoint setting.
    Endpoint,
    /// `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`.
    ServiceEnv,
    /// `AWS_ENDPOINT_URL`.
    GlobalEnv,
    /// `AWS_ENDPOINT_URL_COGNITO_IDENTITY` (identity pools only).
    IdentityServiceEnv,
    /// The explicit FIPS setting.
    UseFips,
    /// `AWS_USE_FIPS_ENDPOINT`.
    UseFipsEnv,
    /// The explicit dual-stack setting.
    UseDualStack,
    /// `AWS_USE_DUALSTACK_ENDPOINT`.
    UseDualStackEnv,
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Setting::PoolId => "the pool id",
            Setting::Region => "the region setting",
            Setting::Endpoint => "the endpoint setting",
            Setting::ServiceEnv => ENV_ENDPOINT_URL_SERVICE,
            Setting::GlobalEnv => ENV_ENDPOINT_URL,
            Setting::IdentityServiceEnv => ENV_ENDPOINT_URL_COGNITO_IDENTITY,
            Setting::UseFips => "the fips setting",
            Setting::UseFipsEnv => ENV_USE_FIPS_ENDPOINT,
            Setting::UseDualStack => "the dual-stack setting",
            Setting::UseDualStackEnv => ENV_USE_DUALSTACK_ENDPOINT,
        })
    }
}

/// The outcome of [`resolve`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResolvedEndpoint {
    /// Base URL without a trailing slash; operations are `POST {url}/`.
    pub url: String,
    /// The region: the SigV4 signing region and the rule set's `Region`.
    pub region: String,
    /// Where the region came from: [`Setting::Region`] or [`Setting::PoolId`].
    pub region_from: Setting,
    /// The partition of `region` (`aws` for unknown names such as `local`).
    pub partition: &'static Partition,
    /// Which override supplied `url`; `None` when the rule set built it.
    pub custom_endpoint: Option<Setting>,
    /// Whether FIPS was on.
    pub use_fips: bool,
    /// Whether dual-stack was on.
    pub use_dual_stack: bool,
}

/// Why the settings give no endpoint. Messages name the value and its setting.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    /// The pool id does not match `[\w-]+_[0-9a-zA-Z]+` in 1 to 55 characters.
    InvalidPoolId {
        /// The rejected pool id.
        pool_id: String,
        /// Which part is wrong.
        reason: &'static str,
    },
    /// Neither a region nor a pool id was set.
    MissingRegion,
    /// The region is not a valid host label (no override), or not a plain
    /// name of letters, digits, `-`, `_` and `.` (with an override).
    InvalidRegion {
        /// The rejected region.
        region: String,
        /// The region setting or the pool id.
        from: Setting,
    },
    /// The override is not an `http`/`https` URL with a host and no query or
    /// fragment. Any user info in `url` is replaced by `<redacted>`.
    InvalidEndpoint {
        /// The rejected URL.
        url: String,
        /// The endpoint setting or the variable it came from.
        from: Setting,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// FIPS with an override ("FIPS and custom endpoint are not supported").
    FipsWithCustomEndpoint {
        /// Where FIPS was turned on.
        fips_from: Setting,
        /// Where the override came from.
        endpoint_from: Setting,
    },
    /// Dual-stack with an override ("Dualstack and custom endpoint are not supported").
    DualStackWithCustomEndpoint {
        /// Where dual-stack was turned on.
        dual_stack_from: Setting,
        /// Where the override came from.
        endpoint_from: Setting,
    },
    /// The partition lacks FIPS or dual-stack; no partition in botocore
    /// 1.44.8 does, but the rule set has these branches.
    UnsupportedByPartition {
        /// The partition's name.
        partition: &'static str,
        /// `fips`, `dual-stack`, or `fips and dual-stack`.
        feature: &'static str,
    },
}

/// Quotes a value for a message: escaped, cut after 64 characters.
struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(64) {
            Some((cut, _)) => write!(f, "{:?}…", self.0.get(..cut).unwrap_or_default()),
            None => write!(f, "{:?}", self.0),
        }
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidPoolId { pool_id, reason } => {
                write!(f, "invalid pool id {}: {reason}", Shown(pool_id))
            }
            Self::MissingRegion => f.write_str("missing region: set a region or a pool id"),
            Self::InvalidRegion { region, from } => {
                write!(f, "invalid region {} from {from}", Shown(region))
            }
            Self::InvalidEndpoint { url, from, reason } => {
                write!(f, "invalid endpoint {} from {from}: {reason}", Shown(url))
            }
            Self::FipsWithCustomEndpoint {
                fips_from,
                endpoint_from,
            } => write!(
                f,
                "fips cannot be combined with a custom endpoint \
                 (fips from {fips_from}, endpoint from {endpoint_from})"
            ),
            Self::DualStackWithCustomEndpoint {
                dual_stack_from,
                endpoint_from,
            } => write!(
                f,
                "dual-stack cannot be combined with a custom endpoint \
                 (dual-stack from {dual_stack_from}, endpoint from {endpoint_from})"
            ),
            Self::UnsupportedByPartition { partition, feature } => {
                write!(f, "partition {partition} does not support {feature}")
            }
        }
    }
}

impl std::error::Error for EndpointError {}

/// The process environment, for [`resolve`]'s `env` parameter. Unset and
/// non-UTF-8 variables read as `None`.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Resolves the endpoint for `config`, reading variables through `env`.
///
/// Empty override variables count as unset. Flags read as on only when
/// they equal `true` in any case, as botocore reads them.
///
/// # Errors
/// [`EndpointError`] for a bad pool id, a missing or bad region, a bad
/// override URL, or FIPS or dual-stack combined with an override.
///
/// ```
/// use cognito::endpoint::{resolve, EndpointConfig};
/// let no_env = |_: &str| None;
///
/// let config = EndpointConfig::default().pool_id("eu-west-1_AbC123xyz");
/// let ep = resolve(&config, no_env)?;
/// assert_eq!(ep.url, "https://cognito-idp.eu-west-1.amazonaws.com");
/// assert_eq!(ep.region, "eu-west-1");
///
/// let local = |name: &str| {
///     (name == "AWS_ENDPOINT_URL").then(|| "http://127.0.0.1:9229/".to_string())
/// };
/// let ep = resolve(&EndpointConfig::default().pool_id("local_4YzBvdOp"), local)?;
/// assert_eq!((ep.url.as_str(), ep.region.as_str()), ("http://127.0.0.1:9229", "local"));
/// # Ok::<(), cognito::endpoint::EndpointError>(())
/// ```
pub fn resolve<F>(config: &EndpointConfig<'_>, env: F) -> Result<ResolvedEndpoint, EndpointError>
where
    F: Fn(&str) -> Option<String>,
{
    resolve_service(&COGNITO_IDP, config, env)
}

/// The endpoint of Cognito identity pools (`cognito-identity`), resolved as
/// [`resolve`] does with the host `cognito-identity` in place of
/// `cognito-idp` and `AWS_ENDPOINT_URL_COGNITO_IDENTITY` in place of
/// `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`. `config.pool_id` is a user
/// pool id as in [`resolve`]; an identity pool's region is passed as
/// `config.region`.
///
/// # Errors
/// As [`resolve`].
///
/// ```
/// use cognito::endpoint::{resolve_identity, EndpointConfig};
/// let ep = resolve_identity(&EndpointConfig::default().region("eu-west-1"), |_: &str| None)?;
/// assert_eq!(ep.url, "https://cognito-identity.eu-west-1.amazonaws.com");
/// let env = |name: &str| (name == "AWS_ENDPOINT_URL_COGNITO_IDENTITY").then(|| "http://127.0.0.1:5000".to_string());
/// let ep = resolve_identity(&EndpointConfig::default().region("eu-west-1"), env)?;
/// assert_eq!(ep.url, "http://127.0.0.1:5000");
/// # Ok::<(), cognito::endpoint::EndpointError>(())
/// ```
pub fn resolve_identity<F>(
    config: &EndpointConfig<'_>,
    env: F,
) -> Result<ResolvedEndpoint, EndpointError>
where
    F: Fn(&str) -> Option<String>,
{
    resolve_service(&COGNITO_IDENTITY, config, env)
}

/// What differs between the services [`resolve_service`] knows.
struct Service {
    /// The host's first label, `-fips` appended for FIPS.
    host: &'static str,
    /// The service-specific override variable.
    env_var: &'static str,
    /// That variable as a [`Setting`].
    env_setting: Setting,
}

const COGNITO_IDP: Service = Service {
    host: "cognito-idp",
    env_var: ENV_ENDPOINT_URL_SERVICE,
    env_setting: Setting::ServiceEnv,
};

const COGNITO_IDENTITY: Service = Service {
    host: "cognito-identity",
    env_var: ENV_ENDPOINT_URL_COGNITO_IDENTITY,
    env_setting: Setting::IdentityServiceEnv,
};

fn resolve_service<F>(
    service: &Service,
    config: &EndpointConfig<'_>,
    env: F,
) -> Result<ResolvedEndpoint, EndpointError>
where
    F: Fn(&str) -> Option<String>,
{
    let from_pool = match config.pool_id {
        Some(pool_id) => Some(region_from_pool_id(pool_id)?),
        None => None,
    };
    let (region, region_from) = match (config.region, from_pool) {
        (Some(region), _) => (region, Setting::Region),
        (None, Some(region)) => (region, Setting::PoolId),
        (None, None) => return Err(EndpointError::MissingRegion),
    };
    let flag = |explicit: Option<bool>, setting, var, env_setting| match explicit {
        Some(on) => (on, setting),
        None => (
            env(var).is_some_and(|v| v.eq_ignore_ascii_case("true")),
            env_setting,
        ),
    };
    let (use_fips, fips_from) = flag(
        config.use_fips,
        Setting::UseFips,
        ENV_USE_FIPS_ENDPOINT,
        Setting::UseFipsEnv,
    );
    let (use_dual_stack, dual_stack_from) = flag(
        config.use_dual_stack,
        Setting::UseDualStack,
        ENV_USE_DUALSTACK_ENDPOINT,
        Setting::UseDualStackEnv,
    );
    let custom = configured_endpoint(service, config.endpoint, &env);
    let region_ok = match custom {
        Some(_) => is_plain_name(region),
        None => is_valid_host_label(region),
    };
    if !region_ok {
        return Err(EndpointError::InvalidRegion {
            region: region.to_owned(),
            from: region_from,
        });
    }
    let partition = partition_of_region(region);
    let url = match &custom {
        Some((raw, endpoint_from)) => {
            let endpoint_from = *endpoint_from;
            if use_fips {
                return Err(EndpointError::FipsWithCustomEndpoint {
                    fips_from,
                    endpoint_from,
                });
            }
            if use_dual_stack {
                return Err(EndpointError::DualStackWithCustomEndpoint {
                    dual_stack_from,
                    endpoint_from,
                });
            }
            normalize_endpoint_url(raw, endpoint_from)?
        }
        None => rule_set_url(service.host, region, partition, use_fips, use_dual_stack)?,
    };
    Ok(ResolvedEndpoint {
        url,
        region: region.to_owned(),
        region_from,
        partition,
        custom_endpoint: custom.map(|(_, from)| from),
        use_fips,
        use_dual_stack,
    })
}

/// The override and its origin: the explicit setting, else the variables
/// unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`.
fn configured_endpoint<F>(
    service: &Service,
    explicit: Option<&str>,
    env: &F,
) -> Option<(String, Setting)>
where
    F: Fn(&str) -> Option<String>,
{
    if let Some(url) = explicit {
        return Some((url.to_owned(), Setting::Endpoint));
    }
    if env(ENV_IGNORE_CONFIGURED_ENDPOINT_URLS).is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return None;
    }
    [
        (service.env_var, service.env_setting),
        (ENV_ENDPOINT_URL, Setting::GlobalEnv),
    ]
    .into_iter()
    .find_map(|(var, from)| env(var).filter(|v| !v.is_empty()).map(|v| (v, from)))
}

/// Rule set rules 3 onward, for a region in `partition`.
fn rule_set_url(
    host: &str,
    region: &str,
    partition: &Partition,
    fips: bool,
    dual_stack: bool,
) -> Result<String, EndpointError> {
    let unsupported = |feature| {
        Err(EndpointError::UnsupportedByPartition {
            partition: partition.name,
            feature,
        })
    };
    let fips_host = format!("{host}-fips");
    let (service, suffix) = match (fips, dual_stack) {
        (true, true) if !(partition.supports_fips && partition.supports_dual_stack) => {
            return unsupported("fips and dual-stack")
        }
        (true, true)
            if matches!(
                region,
                "us-east-1" | "us-east-2" | "us-west-1" | "us-west-2"
            ) =>
        {
            (fips_host.as_str(), "amazonaws.com")
        }
        (true, true) => (fips_host.as_str(), partition.dual_stack_dns_suffix),
        (true, false) if !partition.supports_fips => return unsupported("fips"),
        (true, false) => (fips_host.as_str(), partition.dns_suffix),
        (false, true) if !partition.supports_dual_stack => return unsupported("dual-stack"),
        (false, true) if partition.name == "aws" => (host, "amazonaws.com"),
        (false, true) => (host, partition.dual_stack_dns_suffix),
        (false, false) => (host, partition.dns_suffix),
    };
    Ok(format!("https://{service}.{region}.{suffix}"))
}

/// botocore's region check: 1 to 63 ASCII letters, digits and `-`, not
/// starting or ending with `-`, not all digits.
fn is_valid_host_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
        && !label.bytes().all(|b| b.is_ascii_digit())
}

/// A region an override accepts: 1 to 63 ASCII letters, digits, `-`, `_`
/// and `.`, so it stays one safe field of the SigV4 credential scope.
fn is_plain_name(region: &str) -> bool {
    (1..=63).contains(&region.len())
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Checks an override URL and returns `scheme://host[:port][/path]`: scheme
/// and host lowercased, IPv6 canonical, trailing slashes removed.
fn normalize_endpoint_url(raw: &str, from: Setting) -> Result<String, EndpointError> {
    let invalid = |reason| EndpointError::InvalidEndpoint {
        url: redact_user_info(raw),
        from,
        reason,
    };
    let (scheme, rest) = raw
        .split_once("://")
        .ok_or_else(|| invalid("expected http:// or https://"))?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(invalid("scheme must be http or https"));
    }
    if rest.contains('?') {
        return Err(invalid("a query is not allowed"));
    }
    if rest.contains('#') {
        return Err(invalid("a fragment is not allowed"));
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return Err(invalid("user info is not allowed"));
    }
    let (host, port) = split_host_port(authority).ok_or_else(|| invalid("bad host or port"))?;
    if !path.split('/').all(is_path_segment) {
        return Err(invalid("path has characters that need percent-encoding"));
    }
    let path = path.trim_end_matches('/');
    let port = port.map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!("{scheme}://{host}{port}{path}"))
}

/// Splits `host[:port]`: a DNS name or IPv4 address (lowercased), or a
/// bracketed IPv6 address (canonical), and a port from 1 to 65535.
fn split_host_port(authority: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (ip, after) = bracketed.split_once(']')?;
        let ip: std::net::Ipv6Addr = ip.parse().ok()?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        (format!("[{ip}]"), port)
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let name = host.strip_suffix('.').unwrap_or(host);
        let dns_ok = name.len() <= 255
            && name.split('.').all(|label| {
                (1..=63).contains(&label.len())
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            });
        if !dns_ok {
            return None;
        }
        (host.to_ascii_lowercase(), port)
    };
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok().filter(|&p| p != 0)?)
        }
        Some(_) => return None,
    };
    Some((host, port))
}

/// RFC 3986 `segment`: unreserved, sub-delims, `:`, `@` and `%XX`.
fn is_path_segment(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| match b {
        b'%' => bytes
            .get(i + 1..i + 3)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)),
        _ => b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b),
    })
}

/// The URL with anything before an `@` in its authority replaced.
fn redact_user_info(raw: &str) -> String {
    let start = raw.find("://").map_or(0, |i| i + 3);
    let rest = raw.get(start..).unwrap_or_default();
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest.get(..authority_end).and_then(|a| a.rfind('@')) {
        Some(at) => format!(
            "{}<redacted>{}",
            raw.get(..start).unwrap_or_default(),
            rest.get(at..).unwrap_or_default()
        ),
        None => raw.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_matcher_follows_the_shape() {
        let aws = DEFAULT_PARTITION;
        for (region, expected) in [
            ("us-east-1", true),
            ("mx-central-12", true),
            ("us-ea_st-1", true),
            ("us-east", false),
            ("us--1", false),
            ("us-east-1a", false),
            ("us-gov-west-1", false),
            ("xx-east-1", false),
            ("us-east-", false),
        ] {
            assert_eq!(aws.claims(region), expected, "aws claims {region}");
        }
    }

    #[test]
    fn host_label_rules() {
        for good in ["us-east-1", "local", "a", "1a", &"a".repeat(63)] {
            assert!(is_valid_host_label(good), "host label {good}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "123",
            "a_b",
            "a.b",
            "é",
            "a b",
            &"a".repeat(64),
        ] {
            assert!(!is_valid_host_label(bad), "not a host label {bad:?}");
        }
    }
}
