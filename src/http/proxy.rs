//! Which proxy a request goes through, from the environment:
//!
//! | request | proxy from (first set) |
//! |---|---|
//! | `https://` | `HTTPS_PROXY`, `https_proxy`, `ALL_PROXY`, `all_proxy` |
//! | `http://` | `http_proxy`, `HTTP_PROXY` (not when `REQUEST_METHOD` is set), `ALL_PROXY`, `all_proxy` |
//!
//! `HTTP_PROXY` never routes HTTPS (a proxy meant for plain HTTP would see
//! every TLS connection's host), and is ignored when `REQUEST_METHOD` is set:
//! in a CGI program a client's `Proxy:` header arrives as `HTTP_PROXY`
//! ("httpoxy"). Hosts listed in `NO_PROXY`/`no_proxy` (comma-separated
//! names, each matching itself and its subdomains; a leading `.` or `*.` is
//! ignored; `*` matches every host) go direct. A value that is not a proxy
//! URL is skipped, as ureq does.

use std::fmt;

/// The proxies read from the environment once, when the transport is built.
#[derive(Clone, Default)]
pub(crate) struct EnvProxies {
    https: Option<ureq::Proxy>,
    http: Option<ureq::Proxy>,
    no_proxy: Vec<String>,
}

impl fmt::Debug for EnvProxies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Proxy URLs may carry a password: only whether each is set.
        f.debug_struct("EnvProxies")
            .field("https", &self.https.is_some())
            .field("http", &self.http.is_some())
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

impl EnvProxies {
    /// Reads the variables through `env`.
    pub(crate) fn from_env(env: &dyn Fn(&str) -> Option<String>) -> Self {
        let first = |names: &[&str]| {
            names.iter().find_map(|name| {
                env(name)
                    .filter(|v| !v.trim().is_empty())
                    .and_then(|v| ureq::Proxy::new(v.trim()).ok())
            })
        };
        let cgi = env("REQUEST_METHOD").is_some();
        let http_names: &[&str] = if cgi {
            &["http_proxy", "ALL_PROXY", "all_proxy"]
        } else {
            &["http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy"]
        };
        let no_proxy = env("NO_PROXY")
            .filter(|v| !v.is_empty())
            .or_else(|| env("no_proxy"))
            .unwrap_or_default()
            .split(',')
            .map(|entry| {
                let entry = entry.trim().to_ascii_lowercase();
                let entry = entry.strip_prefix("*.").unwrap_or(&entry);
                entry.strip_prefix('.').unwrap_or(entry).to_owned()
            })
            .filter(|entry| !entry.is_empty())
            .collect();
        Self {
            https: first(&["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]),
            http: first(http_names),
            no_proxy,
        }
    }

    /// The proxy for a request to `scheme://host`, if any.
    pub(crate) fn for_target(&self, scheme: &str, host: &str) -> Option<&ureq::Proxy> {
        let proxy = if scheme.eq_ignore_ascii_case("https") {
            self.https.as_ref()
        } else if scheme.eq_ignore_ascii_case("http") {
            self.http.as_ref()
        } else {
            None
        }?;
        let host = host.to_ascii_lowercase();
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let bypass = self.no_proxy.iter().any(|entry| {
            entry == "*"
                || [host.as_str(), bare].iter().any(|h| {
                    *h == entry.as_str()
                        || h.strip_suffix(entry.as_str())
                            .is_some_and(|rest| rest.ends_with('.'))
                })
        });
        (!bypass).then_some(proxy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(vars: &[(&str, &str)]) -> EnvProxies {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        EnvProxies::from_env(&move |name: &str| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    fn host_of(p: Option<&ureq::Proxy>) -> Option<String> {
        p.map(|p| p.host().to_owned())
    }

    #[test]
    fn http_proxy_never_routes_https() {
        let p = proxies(&[("HTTP_PROXY", "http://plain:1")]);
        assert_eq!(host_of(p.for_target("https", "cognito-idp.x")), None);
        assert_eq!(host_of(p.for_target("http", "h")).as_deref(), Some("plain"));
        let p = proxies(&[
            ("HTTPS_PROXY", "http://tls:1"),
            ("HTTP_PROXY", "http://plain:1"),
        ]);
        assert_eq!(host_of(p.for_target("https", "h")).as_deref(), Some("tls"));
        let p = proxies(&[("ALL_PROXY", "http://all:1")]);
        assert_eq!(host_of(p.for_target("https", "h")).as_deref(), Some("all"));
        assert_eq!(host_of(p.for_target("http", "h")).as_deref(), Some("all"));
    }

    #[test]
    fn cgi_ignores_http_proxy() {
        let p = proxies(&[("REQUEST_METHOD", "GET"), ("HTTP_PROXY", "http://evil:1")]);
        assert_eq!(host_of(p.for_target("http", "h")), None);
        let p = proxies(&[("REQUEST_METHOD", "GET"), ("http_proxy", "http://mine:1")]);
        assert_eq!(host_of(p.for_target("http", "h")).as_deref(), Some("mine"));
    }

    #[test]
    fn no_proxy_matches_hosts_and_subdomains() {
        let p = proxies(&[
            ("HTTPS_PROXY", "http://tls:1"),
            (
                "NO_PROXY",
                "internal.example, .corp.example,*.lab,127.0.0.1,::1",
            ),
        ]);
        for direct in [
            "internal.example",
            "a.internal.example",
            "x.corp.example",
            "corp.example",
            "b.lab",
            "127.0.0.1",
            "[::1]",
        ] {
            assert_eq!(host_of(p.for_target("https", direct)), None, "{direct}");
        }
        for proxied in ["notinternal.example", "cognito-idp.us-east-1.amazonaws.com"] {
            assert!(p.for_target("https", proxied).is_some(), "{proxied}");
        }
        let all = proxies(&[("HTTPS_PROXY", "http://tls:1"), ("no_proxy", "*")]);
        assert!(all.for_target("https", "anything").is_none());
    }
}
