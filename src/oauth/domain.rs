//! [`Domain`]: where a pool's OAuth 2.0 endpoints live, and their paths.

use crate::error::{ConfigError, Error};
use crate::protocol::endpoint::{partition_of_region, region_from_pool_id};

/// The path of the authorization endpoint.
pub const AUTHORIZE_PATH: &str = "/oauth2/authorize";
/// The path of the token endpoint.
pub const TOKEN_PATH: &str = "/oauth2/token";
/// The path of the userInfo endpoint.
pub const USER_INFO_PATH: &str = "/oauth2/userInfo";
/// The path of the revocation endpoint.
pub const REVOKE_PATH: &str = "/oauth2/revoke";
/// The path of the logout endpoint.
pub const LOGOUT_PATH: &str = "/logout";

/// A user pool domain: a prefix domain
/// (`https://<prefix>.auth.<region>.amazoncognito.com`), a custom domain
/// (`https://auth.example.com`), or any base URL (a test server).
///
/// ```
/// use cognito::oauth::Domain;
///
/// let domain = Domain::prefix("my-app", "eu-west-1")?;
/// assert_eq!(domain.base_url(), "https://my-app.auth.eu-west-1.amazoncognito.com");
/// assert_eq!(domain.token_endpoint(), "https://my-app.auth.eu-west-1.amazoncognito.com/oauth2/token");
/// assert_eq!(Domain::custom("auth.example.com")?.base_url(), "https://auth.example.com");
/// assert_eq!(Domain::parse("http://localhost:9090/")?.base_url(), "http://localhost:9090");
/// # Ok::<(), cognito::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain {
    base: String,
}

impl Domain {
    /// The prefix domain `prefix` in `region`, by partition:
    ///
    /// | partition | domain |
    /// |---|---|
    /// | `aws` | `<prefix>.auth.<region>.amazoncognito.com` |
    /// | `aws-us-gov` | `<prefix>.auth-fips.<region>.amazoncognito.com` (GovCloud serves FIPS endpoints only) |
    /// | `aws-cn` | `<prefix>.auth.<region>.amazoncognito.com.cn` |
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when `prefix` is not 1–63 lowercase letters, digits
    /// and inner hyphens (Cognito's rule), or the region's partition has no
    /// prefix domains we know of (use [`custom`](Self::custom) there).
    pub fn prefix(prefix: &str, region: &str) -> Result<Self, Error> {
        let ok = !prefix.is_empty()
            && prefix.len() <= 63
            && !prefix.starts_with('-')
            && !prefix.ends_with('-')
            && prefix
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(ConfigError::new(format!(
                "domain prefix {prefix:?} is not 1 to 63 lowercase letters, digits and inner hyphens"
            ))
            .into());
        }
        if region.is_empty()
            || !region
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(ConfigError::new(format!("region {region:?} is not a region name")).into());
        }
        let host = match partition_of_region(region).name {
            "aws" => format!("{prefix}.auth.{region}.amazoncognito.com"),
            "aws-us-gov" => format!("{prefix}.auth-fips.{region}.amazoncognito.com"),
            "aws-cn" => format!("{prefix}.auth.{region}.amazoncognito.com.cn"),
            other => {
                return Err(ConfigError::new(format!(
                    "no known prefix domain in partition {other}: give the pool's domain with Domain::custom"
                ))
                .into())
            }
        };
        Ok(Self {
            base: format!("https://{host}"),
        })
    }

    /// A custom domain, by host name (`auth.example.com`), served over HTTPS.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when `host` is empty or holds characters a host
    /// name cannot (a scheme, a path, spaces).
    pub fn custom(host: &str) -> Result<Self, Error> {
        let ok = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if !ok {
            return Err(ConfigError::new(format!("{host:?} is not a host name")).into());
        }
        Ok(Self {
            base: format!("https://{}", host.to_ascii_lowercase()),
        })
    }

    /// Any base URL (`https://…` or `http://…`, no query), such as a test
    /// server's; a trailing `/` is dropped. Text without a scheme is taken
    /// as a custom domain's host name.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a URL with another scheme, no host, a query or
    /// fragment, or whitespace.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let Some((scheme, rest)) = text.split_once("://") else {
            return Self::custom(text);
        };
        let bad =
            |why: &str| -> Error { ConfigError::new(format!("domain URL {text:?} {why}")).into() };
        if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
            return Err(bad("is not http or https"));
        }
        if rest.is_empty() || rest.starts_with('/') {
            return Err(bad("has no host"));
        }
        if rest.contains(['?', '#']) || rest.chars().any(char::is_whitespace) {
            return Err(bad("has a query, fragment or whitespace"));
        }
        Ok(Self {
            base: format!(
                "{}://{}",
                scheme.to_ascii_lowercase(),
                rest.trim_end_matches('/')
            ),
        })
    }

    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// `…/oauth2/authorize`.
    pub fn authorize_endpoint(&self) -> String {
        format!("{}{AUTHORIZE_PATH}", self.base)
    }

    /// `…/oauth2/token`.
    pub fn token_endpoint(&self) -> String {
        format!("{}{TOKEN_PATH}", self.base)
    }

    /// `…/oauth2/userInfo`.
    pub fn user_info_endpoint(&self) -> String {
        format!("{}{USER_INFO_PATH}", self.base)
    }

    /// `…/oauth2/revoke`.
    pub fn revoke_endpoint(&self) -> String {
        format!("{}{REVOKE_PATH}", self.base)
    }

    /// `…/logout`.
    pub fn logout_endpoint(&self) -> String {
        format!("{}{LOGOUT_PATH}", self.base)
    }
}

/// The pool's OpenID discovery document:
/// `https://cognito-idp.<region>.<suffix>/<pool>/.well-known/openid-configuration`
/// (the region from the pool id, the suffix from its partition).
///
/// ```
/// assert_eq!(
///     cognito::oauth::discovery_url("eu-west-1_AbC123xyz")?,
///     "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz/.well-known/openid-configuration"
/// );
/// # Ok::<(), cognito::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Config`] for a malformed pool id.
pub fn discovery_url(user_pool_id: &str) -> Result<String, Error> {
    let region = region_from_pool_id(user_pool_id)
        .map_err(|e| ConfigError::with_source("cannot build the discovery URL", e))?;
    let suffix = partition_of_region(region).dns_suffix;
    Ok(format!(
        "https://cognito-idp.{region}.{suffix}/{user_pool_id}/.well-known/openid-configuration"
    ))
}
