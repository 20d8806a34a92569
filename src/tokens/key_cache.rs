//! The verifier's key-set cache: one fetch in flight at a time, its result
//! (failure included) shared by every caller.
//!
//! | situation | what happens |
//! |---|---|
//! | no set yet, nobody fetching | this caller fetches |
//! | a fetch in flight | wait for it and take its result (no queue of timeouts) |
//! | the last fetch failed less than the penalty ago | its error, without a fetch |
//! | unknown `kid`, never looked for | fetch at once (a rotated key), at most [`FIRST_SIGHT_FETCHES`] such fetches per refetch interval |
//! | unknown `kid` already looked for in a later set | fetch only when the last fetch is older than the refetch interval |
//! | a refetch fails | the cached set is kept |
//!
//! The fetching itself (transport, file) is the verifier's; this module
//! only decides whether to fetch and shares the outcome.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::error::KeySetError;
use crate::tokens::jwks::{JwksError, KeySet};

/// How many fetches unknown key ids seen for the first time may cause per
/// refetch interval: enough for a rotation, too few for a flood of forged
/// ids to make a fetch each.
pub(crate) const FIRST_SIGHT_FETCHES: usize = 5;

/// How many key ids already looked for are remembered (then forgotten all
/// at once), so a flood of forged ids cannot grow memory.
const REMEMBERED_KIDS: usize = 1024;

/// When to fetch again.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FetchPolicy {
    /// The least time between two fetches for an unknown key id already
    /// looked for.
    pub(crate) refetch_interval: Duration,
    /// How long a failed fetch is remembered and answered without fetching.
    pub(crate) failure_penalty: Duration,
}

/// The cached key set and the record of fetches, behind one lock.
#[derive(Debug)]
pub(crate) struct KeyCache {
    state: Mutex<State>,
    /// Signalled when a fetch ends.
    done: Condvar,
    policy: FetchPolicy,
}

#[derive(Debug, Default)]
struct State {
    keys: Option<Arc<KeySet>>,
    /// A fetch is in flight.
    fetching: bool,
    /// Fetches ended so far (success, failure or panic).
    generation: u64,
    /// When the last fetch started.
    last_attempt: Option<Instant>,
    /// The last fetch's failure, if it failed.
    failure: Option<(Instant, KeySetError)>,
    /// When the fetches caused by first-sight key ids started, within the
    /// last refetch interval.
    first_sight: VecDeque<Instant>,
    /// Key ids absent from a set fetched for them.
    looked_for: HashSet<String>,
}

impl KeyCache {
    /// A cache holding `keys` (a set given as JSON), or empty.
    pub(crate) fn new(keys: Option<Arc<KeySet>>, policy: FetchPolicy) -> Self {
        Self {
            state: Mutex::new(State {
                keys,
                ..State::default()
            }),
            done: Condvar::new(),
            policy,
        }
    }

    pub(crate) fn policy(&self) -> FetchPolicy {
        self.policy
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until no fetch is in flight.
    fn settled<'a>(&'a self, state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.done
            .wait_while(state, |s| s.fetching)
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The cached set, fetched with `load` when there is none.
    ///
    /// # Errors
    ///
    /// The fetch's error: this caller's, the one in flight it waited for, or
    /// the last one while its penalty lasts.
    pub(crate) fn keys(
        &self,
        load: impl FnOnce() -> Result<KeySet, KeySetError>,
    ) -> Result<Arc<KeySet>, KeySetError> {
        let mut state = self.lock();
        if let Some(keys) = &state.keys {
            return Ok(Arc::clone(keys));
        }
        if state.fetching {
            let seen = state.generation;
            state = self.settled(state);
            if let Some(keys) = &state.keys {
                return Ok(Arc::clone(keys));
            }
            if state.generation != seen {
                if let Some((_, error)) = &state.failure {
                    return Err(error.clone());
                }
            }
        }
        if let Some((at, error)) = &state.failure {
            if at.elapsed() < self.policy.failure_penalty {
                return Err(error.clone());
            }
        }
        self.fetch(state, load)
    }

    /// A set newer than `seen` for a token whose `kid` is not in `seen`:
    /// the one another caller fetched meanwhile, or one fetched now when the
    /// rules in the module docs allow; `None` otherwise (the token stays
    /// refused for its `kid`; a failed fetch keeps the cached set).
    pub(crate) fn refetch(
        &self,
        kid: &str,
        seen: &Arc<KeySet>,
        load: impl FnOnce() -> Result<KeySet, KeySetError>,
    ) -> Option<Arc<KeySet>> {
        let mut state = self.settled(self.lock());
        if let Some(current) = &state.keys {
            if !Arc::ptr_eq(current, seen) {
                return Some(Arc::clone(current));
            }
        }
        let now = Instant::now();
        if state
            .failure
            .as_ref()
            .is_some_and(|(at, _)| now.duration_since(*at) < self.policy.failure_penalty)
        {
            return None;
        }
        let interval = self.policy.refetch_interval;
        let interval_passed = state
            .last_attempt
            .is_none_or(|at| now.duration_since(at) >= interval);
        while state
            .first_sight
            .front()
            .is_some_and(|at| now.duration_since(*at) >= interval)
        {
            state.first_sight.pop_front();
        }
        let first_sight =
            !state.looked_for.contains(kid) && state.first_sight.len() < FIRST_SIGHT_FETCHES;
        if !interval_passed {
            if !first_sight {
                return None;
            }
            state.first_sight.push_back(now);
        }
        let fresh = self.fetch(state, load).ok()?;
        if matches!(fresh.find(kid), Err(JwksError::UnknownKid)) {
            let mut state = self.lock();
            if state.looked_for.len() >= REMEMBERED_KIDS {
                state.looked_for.clear();
            }
            state.looked_for.insert(kid.to_owned());
        }
        Some(fresh)
    }

    /// Fetches with `load` while others wait, and records the outcome for
    /// them.
    fn fetch(
        &self,
        mut state: MutexGuard<'_, State>,
        load: impl FnOnce() -> Result<KeySet, KeySetError>,
    ) -> Result<Arc<KeySet>, KeySetError> {
        state.fetching = true;
        state.last_attempt = Some(Instant::now());
        drop(state);
        let mut flight = Flight {
            cache: self,
            landed: false,
        };
        let outcome = load().map(Arc::new);
        let mut state = self.lock();
        flight.landed = true;
        state.fetching = false;
        state.generation += 1;
        match &outcome {
            Ok(keys) => {
                state.keys = Some(Arc::clone(keys));
                state.failure = None;
            }
            Err(error) => state.failure = Some((Instant::now(), error.clone())),
        }
        drop(state);
        self.done.notify_all();
        outcome
    }
}

/// Ends a fetch whose `load` panicked, so the waiters do not wait for ever.
struct Flight<'a> {
    cache: &'a KeyCache,
    landed: bool,
}

impl Drop for Flight<'_> {
    fn drop(&mut self) {
        if !self.landed {
            let mut state = self.cache.lock();
            state.fetching = false;
            state.generation += 1;
            drop(state);
            self.cache.done.notify_all();
        }
    }
}
