//! What happened to one request inside ureq, for the default transport to
//! classify a failure: did the name lookup fail, did any byte of the request
//! leave, did it go out on a reused keep-alive connection, did any byte of
//! the reply come back.
//!
//! ureq runs a request on the calling thread (its connector and transports
//! included), so the record is thread-local: [`begin`] clears it before
//! `Agent::run`, the [`Tracker`] connector (last in the chain, after TCP and
//! TLS) wraps every new connection in a [`Tracked`] transport that writes
//! to it, and [`take`] reads it afterwards. A connection made earlier, by
//! this thread or another, is told apart by the run that first used it.

use std::cell::Cell;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};

/// Run ids, unique in the process; 0 is "never used".
static RUNS: AtomicU64 = AtomicU64::new(1);

/// What one run saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Probe {
    /// The id of the run in progress on this thread.
    run: u64,
    /// The name lookup failed (an error or no address), as opposed to timing out.
    pub(crate) lookup_failed: bool,
    /// Some byte of the request was handed to a connection.
    pub(crate) sent: bool,
    /// That connection had served an earlier run (it came from the pool).
    pub(crate) reused: bool,
    /// Some byte of the reply arrived.
    pub(crate) received: bool,
}

thread_local! {
    static PROBE: Cell<Probe> = Cell::new(Probe::default());
}

fn update(change: impl FnOnce(&mut Probe)) {
    PROBE.with(|p| {
        let mut probe = p.get();
        change(&mut probe);
        p.set(probe);
    });
}

/// Starts a new run on this thread with an empty record.
pub(crate) fn begin() {
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    PROBE.with(|p| {
        p.set(Probe {
            run,
            ..Probe::default()
        });
    });
}

/// The record of the run in progress.
pub(crate) fn take() -> Probe {
    PROBE.with(Cell::get)
}

/// Notes that the name lookup failed.
pub(crate) fn lookup_failed() {
    update(|p| p.lookup_failed = true);
}

/// The last connector of the chain: wraps each new connection in a
/// [`Tracked`] transport.
#[derive(Debug)]
pub(crate) struct Tracker;

impl<In: Transport> Connector<In> for Tracker {
    type Out = Tracked<In>;

    fn connect(
        &self,
        _details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        Ok(chained.map(|inner| Tracked {
            inner,
            first_run: 0,
        }))
    }
}

/// A connection that reports to the probe of the run using it.
pub(crate) struct Tracked<T> {
    inner: T,
    /// The run that first sent on it; 0 before that.
    first_run: u64,
}

impl<T: fmt::Debug> fmt::Debug for Tracked<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl<T: Transport> Transport for Tracked<T> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let run = take().run;
        if self.first_run == 0 {
            self.first_run = run;
        }
        let reused = self.first_run != run;
        update(|p| {
            p.sent = true;
            p.reused |= reused;
        });
        self.inner.transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let progress = self.inner.await_input(timeout);
        if matches!(progress, Ok(true)) {
            update(|p| p.received = true);
        }
        progress
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}
