//! [`Renewals`]: one token renewal in flight per handle, its result shared.
//!
//! Each renewal that ends (well, badly, or by a panic) advances the
//! *generation*. A caller reads the generation before it looks at the token;
//! if the generation has moved on by the time it would renew, a renewal
//! ended after it looked, and it takes that renewal's result instead of
//! sending another. A caller that arrives while a renewal is in flight waits
//! for it and takes its result, failure included. Coalescing never re-checks
//! expiry, so a refresh margin longer than the token's lifetime (every new
//! token already looks expired) still makes one renewal per burst of callers.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use crate::error::Error;

/// The renewal record of a handle, shared by its clones.
#[derive(Debug, Default)]
pub(crate) struct Renewals {
    state: Mutex<State>,
    /// Signalled when a renewal ends.
    done: Condvar,
}

#[derive(Debug, Default)]
struct State {
    /// Renewals ended so far.
    generation: u64,
    /// A renewal is in flight.
    running: bool,
    /// The last renewal's result; `None` when it panicked.
    last: Option<Result<(), Arc<Error>>>,
}

impl Renewals {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The generation now: read it before looking at the token.
    pub(crate) fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Renews with `renew`, unless a renewal ended after generation `seen`
    /// or one is in flight: then that renewal's result.
    ///
    /// # Errors
    ///
    /// The renewal's error (a copy for each caller that shares it).
    pub(crate) fn renew_after(
        &self,
        seen: u64,
        renew: impl FnOnce() -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut state = self
            .done
            .wait_while(self.lock(), |s| s.running)
            .unwrap_or_else(PoisonError::into_inner);
        if state.generation != seen {
            if let Some(last) = &state.last {
                return copy(last);
            }
        }
        state.running = true;
        drop(state);
        let mut flight = Flight {
            renewals: self,
            landed: false,
        };
        let outcome = renew().map_err(Arc::new);
        flight.landed = true;
        let mut state = self.lock();
        state.running = false;
        state.generation += 1;
        state.last = Some(outcome.clone());
        drop(state);
        self.done.notify_all();
        copy(&outcome)
    }
}

fn copy(outcome: &Result<(), Arc<Error>>) -> Result<(), Error> {
    outcome.as_ref().map_err(Error::shared_copy).copied()
}

/// Ends a renewal whose closure panicked, so the waiters do not wait for
/// ever (they renew themselves).
struct Flight<'a> {
    renewals: &'a Renewals,
    landed: bool,
}

impl Drop for Flight<'_> {
    fn drop(&mut self) {
        if !self.landed {
            let mut state = self.renewals.lock();
            state.running = false;
            state.generation += 1;
            state.last = None;
            drop(state);
            self.renewals.done.notify_all();
        }
    }
}
