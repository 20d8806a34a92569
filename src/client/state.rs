//! [`State`]: what changes in a handle after it is built, shared by its
//! clones.

use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError, RwLock};
use std::sync::{RwLockReadGuard, RwLockWriteGuard};

use crate::client::renewal::Renewals;
use crate::client::{RememberedDevice, Tokens};
use crate::credentials::AwsCredentials;
use crate::tokens::verifier::TokenVerifier;

/// The mutable half of a handle; the builder fills the first three.
#[derive(Default)]
pub(crate) struct State {
    /// The username the handle acts for.
    pub(crate) username: RwLock<Option<String>>,
    /// The tokens of the last sign-in or renewal.
    pub(crate) tokens: RwLock<Tokens>,
    /// The remembered device, if any.
    pub(crate) device: RwLock<Option<RememberedDevice>>,
    /// AWS credentials, cached until they expire.
    pub(crate) credentials: Mutex<Option<AwsCredentials>>,
    /// The renewal in flight and the last one's result, shared by callers.
    pub(crate) renewals: Renewals,
    /// The token verifier, built on first use.
    pub(crate) verifier: OnceLock<TokenVerifier>,
    /// The domain whose token endpoint issued the held tokens (they are
    /// renewed there); `None` for tokens from the API or set by hand.
    pub(crate) oauth_origin: RwLock<Option<crate::oauth::Domain>>,
}

// A poisoned lock is used as is: writers only assign whole values, so a panic
// on another thread leaves nothing half-written.

pub(crate) fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

/// The value behind a lock nobody else can hold (the builder's).
pub(crate) fn get_mut<T>(lock: &mut RwLock<T>) -> &mut T {
    lock.get_mut().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
