//! Running a `credential_process` helper within bounds: a time limit, a
//! cap on its output, no secret variables in its environment, and its
//! standard error left to the terminal instead of copied into errors.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a `credential_process` may run before it is killed: 60 s.
pub const PROCESS_TIMEOUT: Duration = Duration::from_secs(60);

/// The most a `credential_process` may print: 1 MiB. Real helpers print
/// under 4 KiB.
pub const PROCESS_MAX_OUTPUT: usize = 1024 * 1024;

/// Variables removed from a `credential_process`'s environment: the secrets
/// the `cognito` command line reads from its own environment. A helper that
/// needs one of them is misconfigured.
pub const PROCESS_REMOVED_VARIABLES: &[&str] = &[
    "COGNITO_PASSWORD",
    "COGNITO_NEW_PASSWORD",
    "COGNITO_MFA_CODE",
    "COGNITO_CODE",
    "COGNITO_CLIENT_SECRET",
    "COGNITO_ACCESS_TOKEN",
    "COGNITO_ID_TOKEN",
    "COGNITO_REFRESH_TOKEN",
];

/// Why a bounded run gave no output.
#[derive(Debug)]
pub(crate) enum RunError {
    /// The program could not be started.
    Start(std::io::Error),
    /// Its output could not be read.
    Read(std::io::Error),
    /// It ran longer than the limit and was killed.
    Timeout(Duration),
    /// It printed more than the cap and was killed.
    TooLarge(usize),
    /// It exited unsuccessfully.
    Failed(ExitStatus),
}

/// Runs `program` with `args`: no standard input, standard error inherited,
/// the [`PROCESS_REMOVED_VARIABLES`] removed; returns its standard output
/// once it exits successfully within `timeout` having printed at most
/// `max_output` bytes.
pub(crate) fn run_bounded(
    program: &str,
    args: &[String],
    timeout: Duration,
    max_output: usize,
) -> Result<Vec<u8>, RunError> {
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for name in PROCESS_REMOVED_VARIABLES {
        command.env_remove(name);
    }
    let mut child = command.spawn().map_err(RunError::Start)?;
    let deadline = Instant::now() + timeout;
    let Some(stdout) = child.stdout.take() else {
        stop(&mut child);
        return Err(RunError::Read(std::io::Error::other("no stdout pipe")));
    };
    // The reader stops after one byte over the cap; a helper holding its
    // pipe open past the deadline leaves only this thread waiting.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let limit = u64::try_from(max_output)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let read = stdout.take(limit).read_to_end(&mut out).map(|_| out);
        let _ = tx.send(read);
    });
    let out = match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(Ok(out)) if out.len() > max_output => {
            stop(&mut child);
            return Err(RunError::TooLarge(max_output));
        }
        Ok(Ok(out)) => out,
        Ok(Err(e)) => {
            stop(&mut child);
            return Err(RunError::Read(e));
        }
        Err(_) => {
            stop(&mut child);
            return Err(RunError::Timeout(timeout));
        }
    };
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(out),
            Ok(Some(status)) => return Err(RunError::Failed(status)),
            Ok(None) if Instant::now() >= deadline => {
                stop(&mut child);
                return Err(RunError::Timeout(timeout));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                stop(&mut child);
                return Err(RunError::Read(e));
            }
        }
    }
}

/// Kills and reaps `child`, ignoring a child that already exited.
fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}
