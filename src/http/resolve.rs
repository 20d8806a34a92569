//! Host-name lookup with a deadline: the system's resolver (or one a test
//! injects, see [`UreqTransportBuilder::resolver`](crate::UreqTransportBuilder::resolver))
//! runs on a helper thread and the caller waits for it at most the lookup
//! timeout. There is no resolver crate: `getaddrinfo` itself has no timeout,
//! so a stalled lookup is left to finish on its thread while the call fails
//! with [`TransportErrorKind::Timeout`](crate::TransportErrorKind::Timeout).
//!
//! One lookup per host and port is in flight at a time: callers that come
//! while it runs wait for its result instead of starting their own, so a
//! stalled DNS server costs one thread, not one per call. Successful results
//! are cached for [`DNS_TTL`] (ureq resolves on every request, even over a
//! pooled connection); failures are not cached. IP literals are not looked
//! up.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use ureq::http;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use crate::http::probe;

/// How long a resolved address list is reused.
pub(crate) const DNS_TTL: Duration = Duration::from_secs(30);

/// Looks up the addresses of a host name.
///
/// Implemented for any `Fn(&str, u16) -> io::Result<Vec<SocketAddr>>` that is
/// `Send + Sync`, so a test's resolver is a closure:
///
/// ```
/// use std::io;
/// use std::net::SocketAddr;
/// use cognito::Resolve;
///
/// let no_such_name = |host: &str, _port: u16| -> io::Result<Vec<SocketAddr>> {
///     Err(io::Error::new(io::ErrorKind::NotFound, format!("{host}: Name or service not known")))
/// };
/// assert!(no_such_name.resolve("cognito-idp.example", 443).is_err());
/// ```
///
/// An error is reported as [`TransportErrorKind::HostNotFound`](crate::TransportErrorKind::HostNotFound)
/// with the error as its source, an empty list likewise; a lookup that
/// outlasts the lookup timeout as a [`Timeout`](crate::TransportErrorKind::Timeout).
pub trait Resolve: Send + Sync {
    /// The addresses of `host` (a name, never an IP literal) at `port`.
    ///
    /// # Errors
    ///
    /// Any I/O error: the name does not exist, or the lookup failed.
    fn resolve(&self, host: &str, port: u16) -> io::Result<Vec<SocketAddr>>;
}

impl<F> Resolve for F
where
    F: Fn(&str, u16) -> io::Result<Vec<SocketAddr>> + Send + Sync,
{
    fn resolve(&self, host: &str, port: u16) -> io::Result<Vec<SocketAddr>> {
        self(host, port)
    }
}

/// The system's resolver (`getaddrinfo` through the standard library).
pub(crate) fn system_resolve(host: &str, port: u16) -> io::Result<Vec<SocketAddr>> {
    (host, port).to_socket_addrs().map(Iterator::collect)
}

type Key = (String, u16);
/// A lookup's outcome; `io::Error` is not `Clone`, so its kind and text.
type Outcome = Result<Vec<SocketAddr>, (io::ErrorKind, String)>;

/// One lookup in flight, and the callers waiting for it.
struct Lookup {
    started: Instant,
    outcome: Mutex<Option<Outcome>>,
    done: Condvar,
}

/// The ureq [`Resolver`] of the default transport; clones share the cache
/// and the lookups in flight.
#[derive(Clone)]
pub(crate) struct BoundedResolver {
    resolve: Arc<dyn Resolve>,
    timeout: Duration,
    cache: Arc<Mutex<HashMap<Key, (Instant, ResolvedSocketAddrs)>>>,
    in_flight: Arc<Mutex<HashMap<Key, Arc<Lookup>>>>,
}

impl BoundedResolver {
    pub(crate) fn new(resolve: Arc<dyn Resolve>, timeout: Duration) -> Self {
        Self {
            resolve,
            timeout,
            cache: Arc::default(),
            in_flight: Arc::default(),
        }
    }

    /// Joins the lookup of `key` in flight, or starts one on a helper thread.
    /// A lookup stuck for longer than [`DNS_TTL`] is not joined but
    /// replaced, so a resolver that never returns costs one thread per host
    /// every 30 s at most.
    fn lookup(&self, key: &Key) -> Arc<Lookup> {
        let mut in_flight = self
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(lookup) = in_flight.get(key) {
            if lookup.started.elapsed() < DNS_TTL {
                return Arc::clone(lookup);
            }
        }
        let lookup = Arc::new(Lookup {
            started: Instant::now(),
            outcome: Mutex::new(None),
            done: Condvar::new(),
        });
        in_flight.insert(key.clone(), Arc::clone(&lookup));
        drop(in_flight);
        let (resolve, shared, registry, key) = (
            Arc::clone(&self.resolve),
            Arc::clone(&lookup),
            Arc::clone(&self.in_flight),
            key.clone(),
        );
        let (host, port) = key.clone();
        let finish = move |outcome: Outcome| {
            let mut in_flight = registry.lock().unwrap_or_else(PoisonError::into_inner);
            // Only its own entry: a stuck lookup may have been replaced.
            if in_flight.get(&key).is_some_and(|l| Arc::ptr_eq(l, &shared)) {
                in_flight.remove(&key);
            }
            drop(in_flight);
            *shared
                .outcome
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(outcome);
            shared.done.notify_all();
        };
        let spawned = std::thread::Builder::new()
            .name("cognito-dns".to_owned())
            .spawn({
                let finish = finish.clone();
                move || {
                    // A panicking resolver must not leave its waiters stuck.
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        resolve.resolve(&host, port)
                    }))
                    .unwrap_or_else(|_| Err(io::Error::other("the resolver panicked")))
                    .map_err(|e| (e.kind(), e.to_string()));
                    finish(outcome);
                }
            });
        if let Err(e) = spawned {
            finish(Err((e.kind(), e.to_string())));
        }
        lookup
    }
}

impl fmt::Debug for BoundedResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoundedResolver")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Resolver for BoundedResolver {
    fn resolve(
        &self,
        uri: &http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (Some(authority), Some(scheme)) = (uri.authority(), uri.scheme_str()) else {
            return Err(ureq::Error::BadUri(format!("{uri} has no host")));
        };
        let port = match (authority.port_u16(), scheme) {
            (Some(port), _) => port,
            (None, "https") => 443,
            (None, "http") => 80,
            (None, other) => return Err(ureq::Error::BadUri(format!("unknown scheme: {other}"))),
        };
        let host = authority.host();
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let addrs: Vec<SocketAddr> = if let Ok(ip) = bare.parse::<IpAddr>() {
            vec![SocketAddr::new(ip, port)]
        } else {
            let key = (host.to_ascii_lowercase(), port);
            if let Some(hit) = self.cached(&key) {
                return Ok(hit);
            }
            let (wait, reason) = if *timeout.after < self.timeout {
                (*timeout.after, timeout.reason)
            } else {
                (self.timeout, ureq::Timeout::Resolve)
            };
            let lookup = self.lookup(&key);
            let deadline = Instant::now() + wait;
            let mut outcome = lookup
                .outcome
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            while outcome.is_none() {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(ureq::Error::Timeout(reason));
                }
                outcome = lookup
                    .done
                    .wait_timeout(outcome, left)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
            match outcome.clone() {
                Some(Ok(addrs)) => addrs,
                Some(Err((kind, text))) => {
                    probe::lookup_failed();
                    return Err(ureq::Error::Io(io::Error::new(kind, text)));
                }
                None => return Err(ureq::Error::Timeout(reason)),
            }
        };
        let mut result = self.empty();
        for addr in config.ip_family().keep_wanted(addrs.into_iter()).take(16) {
            result.push(addr);
        }
        if result.is_empty() {
            probe::lookup_failed();
            return Err(ureq::Error::HostNotFound);
        }
        if bare.parse::<IpAddr>().is_err() {
            self.store((host.to_ascii_lowercase(), port), &result);
        }
        Ok(result)
    }
}

impl BoundedResolver {
    fn cached(&self, key: &Key) -> Option<ResolvedSocketAddrs> {
        let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache
            .get(key)
            .filter(|(at, _)| at.elapsed() < DNS_TTL)
            .map(|(_, addrs)| addrs.clone())
    }

    fn store(&self, key: Key, addrs: &ResolvedSocketAddrs) {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if cache.len() > 64 {
            cache.clear();
        }
        cache.insert(key, (Instant::now(), addrs.clone()));
    }
}

#[cfg(test)]
mod tests;
