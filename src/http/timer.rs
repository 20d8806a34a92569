//! [`Timer`]: the monotonic clock and the sleep the retry loop uses, one
//! injectable seam so that backoff and deadlines are testable without
//! waiting.

use std::time::{Duration, Instant};

/// A monotonic clock and a way to wait, for backoff between attempts and for
/// the per-call deadline.
///
/// Implemented by [`SystemTimer`] (the default). A test implements it to
/// record the backoff asked for and advance a fake "now" instead of sleeping:
///
/// ```
/// use std::sync::Mutex;
/// use std::time::{Duration, Instant};
/// use cognito::Timer;
///
/// struct FakeTimer { start: Instant, elapsed: Mutex<Duration> }
/// impl Timer for FakeTimer {
///     fn now(&self) -> Instant { self.start + *self.elapsed.lock().unwrap() }
///     fn sleep(&self, d: Duration) { *self.elapsed.lock().unwrap() += d; }
/// }
/// let t = FakeTimer { start: Instant::now(), elapsed: Mutex::new(Duration::ZERO) };
/// let before = t.now();
/// t.sleep(Duration::from_secs(20));
/// assert_eq!(t.now() - before, Duration::from_secs(20));
/// ```
pub trait Timer: Send + Sync {
    /// The current instant.
    fn now(&self) -> Instant;
    /// Blocks the calling thread for `duration`.
    fn sleep(&self, duration: Duration);
}

/// [`Instant::now`] and [`std::thread::sleep`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemTimer;

impl Timer for SystemTimer {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// A shared timer, so a test can keep a handle on the one it injects.
impl<T: Timer + ?Sized> Timer for std::sync::Arc<T> {
    fn now(&self) -> Instant {
        (**self).now()
    }

    fn sleep(&self, duration: Duration) {
        (**self).sleep(duration);
    }
}
