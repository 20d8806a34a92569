//! Where plain `http://` may go: loopback and the AWS link-local credential
//! endpoints botocore allows; anywhere else only when the caller opts in.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::ConfigError;

/// The link-local addresses botocore's container and instance metadata
/// providers accept over plain HTTP.
const LINK_LOCAL_CREDENTIAL_HOSTS: [IpAddr; 5] = [
    IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254)),
    IpAddr::V4(Ipv4Addr::new(169, 254, 170, 2)),
    IpAddr::V4(Ipv4Addr::new(169, 254, 170, 23)),
    IpAddr::V6(Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254)),
    IpAddr::V6(Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23)),
];

/// Whether `host` (a URL's host: a name, an IPv4 address or a bracketed
/// IPv6 address) may be reached over plain HTTP without an opt-in.
pub(crate) fn plain_http_host_allowed(host: &str) -> bool {
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let ip = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => host.parse::<Ipv4Addr>().ok().map(IpAddr::V4),
    };
    ip.is_some_and(|ip| ip.is_loopback() || LINK_LOCAL_CREDENTIAL_HOSTS.contains(&ip))
}

/// The host of an absolute URL: after `scheme://` and any user info, up to
/// the port, path, query or fragment. `None` when there is no `://`.
fn host_of(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    Some(match authority.find(']') {
        Some(end) if authority.starts_with('[') => authority.get(..=end).unwrap_or(authority),
        _ => authority.split(':').next().unwrap_or(authority),
    })
}

/// Checks that `url` is not plain HTTP to a host other than those
/// [`plain_http_host_allowed`] accepts, unless `allow_insecure` is set.
/// URLs of other schemes pass (the transport refuses what it cannot send).
/// `what` names the setting for the message ("the endpoint", "the key set
/// URL").
///
/// # Errors
///
/// A [`ConfigError`] naming the host and the opt-in.
pub(crate) fn check_plain_http(
    url: &str,
    allow_insecure: bool,
    what: &str,
) -> Result<(), ConfigError> {
    let is_http = url
        .get(..7)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"));
    if !is_http || allow_insecure {
        return Ok(());
    }
    let host = host_of(url).unwrap_or_default();
    if plain_http_host_allowed(host) {
        return Ok(());
    }
    Err(ConfigError::new(format!(
        "{what} is plain http:// to {host:?}, which would carry passwords and tokens \
         unencrypted; plain HTTP is allowed only to loopback (localhost, 127.0.0.0/8, ::1) \
         and the AWS link-local credential endpoints: use https://, or opt in with \
         .allow_insecure_http(true)"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_credential_endpoints_only() {
        for host in [
            "localhost",
            "LOCALHOST",
            "localhost.",
            "127.0.0.1",
            "127.9.8.7",
            "[::1]",
            "169.254.169.254",
            "169.254.170.2",
            "169.254.170.23",
            "[fd00:ec2::254]",
            "[fd00:ec2::23]",
        ] {
            assert!(plain_http_host_allowed(host), "{host}");
        }
        for host in [
            "example.com",
            "localhost.example.com",
            "mylocalhost",
            "169.254.169.253",
            "10.0.0.1",
            "127.1",
            "::1",
            "[fd00:ec2::1]",
            "0.0.0.0",
            "",
        ] {
            assert!(!plain_http_host_allowed(host), "{host}");
        }
    }

    #[test]
    fn urls() {
        let ok = |url| check_plain_http(url, false, "the endpoint").is_ok();
        assert!(ok("https://example.com/"));
        assert!(ok("http://127.0.0.1:9229"));
        assert!(ok("HTTP://[::1]:5000/x"));
        assert!(ok("http://user:pw@localhost:1/"));
        assert!(!ok("http://example.com"));
        assert!(!ok("Http://127.0.0.1.evil.example/"));
        assert!(!ok("http://127.0.0.1@evil.example/"));
        assert!(!ok("http://[::2]:1/"));
        assert!(check_plain_http("http://example.com", true, "the endpoint").is_ok());
        let e = check_plain_http("http://user:pw@example.com:8/x", false, "the endpoint")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("the endpoint is plain http:// to \"example.com\""),
            "{e}"
        );
        assert!(
            e.contains(".allow_insecure_http(true)") && !e.contains("pw"),
            "{e}"
        );
    }
}
