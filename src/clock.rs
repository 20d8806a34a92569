//! The handle's clock: one injectable source of "now" for signing, token
//! expiry and verification, so every time-dependent byte is testable.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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

/// Nanoseconds since the Unix epoch, negative before it.
pub(crate) fn unix_nanos(t: SystemTime) -> i128 {
    // A `Duration` holds at most about 1.8e28 ns, far inside `i128`.
    let nanos = |d: Duration| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX);
    match t.duration_since(UNIX_EPOCH) {
        Ok(after) => nanos(after),
        Err(before) => -nanos(before.duration()),
    }
}

/// The time `nanos` nanoseconds after the Unix epoch (before it when
/// negative); `None` when the platform's `SystemTime` cannot hold it.
pub(crate) fn from_unix_nanos(nanos: i128) -> Option<SystemTime> {
    let magnitude = nanos.unsigned_abs();
    let seconds = u64::try_from(magnitude / 1_000_000_000).ok()?;
    let subsec = u32::try_from(magnitude % 1_000_000_000).ok()?;
    let offset = Duration::new(seconds, subsec);
    if nanos >= 0 {
        UNIX_EPOCH.checked_add(offset)
    } else {
        UNIX_EPOCH.checked_sub(offset)
    }
}

/// The time `seconds` whole seconds after the Unix epoch (before it when
/// negative); `None` when the platform's `SystemTime` cannot hold it.
pub(crate) fn from_unix_seconds(seconds: i64) -> Option<SystemTime> {
    from_unix_nanos(i128::from(seconds) * 1_000_000_000)
}

/// `t` as a UTC [`time::OffsetDateTime`], for formatting; `None` outside
/// `time`'s range (years -9999 to 9999).
pub(crate) fn to_offset_date_time(t: SystemTime) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp_nanos(unix_nanos(t)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nanos_both_sides_of_the_epoch() {
        let after = UNIX_EPOCH + Duration::new(1_700_000_000, 123_456_789);
        assert_eq!(unix_nanos(after), 1_700_000_000_123_456_789, "after");
        let before = UNIX_EPOCH - Duration::from_millis(1_500);
        assert_eq!(unix_nanos(before), -1_500_000_000, "before");
        assert_eq!(unix_nanos(UNIX_EPOCH), 0, "epoch");
        for t in [after, before, UNIX_EPOCH] {
            assert_eq!(from_unix_nanos(unix_nanos(t)), Some(t), "round trip");
        }
        assert_eq!(
            from_unix_seconds(-2),
            Some(UNIX_EPOCH - Duration::from_secs(2)),
            "negative seconds"
        );
    }

    #[test]
    fn out_of_range_is_none() {
        assert_eq!(from_unix_nanos(i128::MAX), None, "beyond SystemTime");
        assert_eq!(from_unix_nanos(i128::MIN), None, "before SystemTime");
        let far = UNIX_EPOCH + Duration::from_secs(1 << 40);
        assert_eq!(to_offset_date_time(far), None, "beyond year 9999");
        let t = to_offset_date_time(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
        assert_eq!(
            t.map(|t| t.unix_timestamp()),
            Some(1_700_000_000),
            "in range"
        );
    }
}
