//! The handle's clock: one injectable source of "now" for signing, token
//! expiry and verification, so every time-dependent byte is testable.

use std::fmt;
use std::time::SystemTime;

/// A source of the current time.
///
/// Implemented for [`SystemClock`] and for any `Fn() -> SystemTime` that is
/// `Send + Sync`:
///
/// ```
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// use cognito::Clock;
///
/// let fixed = || UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// assert_eq!(fixed.now(), UNIX_EPOCH + Duration::from_secs(1_700_000_000));
/// ```
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

impl<F> Clock for F
where
    F: Fn() -> SystemTime + Send + Sync,
{
    fn now(&self) -> SystemTime {
        self()
    }
}

pub(crate) struct DebugClock;

impl fmt::Debug for DebugClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<clock>")
    }
}
