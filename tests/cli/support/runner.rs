//! Runs the built `cognito` binary in an isolated environment: no AWS
//! variables, no shared files, no home. Used by the `cli` target and by the
//! live CLI tests.

use std::io::Write;
use std::process::{Command, Stdio};
use std::thread;

use serde_json::Value;

/// What a run of the binary produced.
#[derive(Debug)]
pub(crate) struct Run {
    /// The exit status.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Standard output as JSON.
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    /// Asserts success.
    pub(crate) fn ok(self) -> Self {
        assert_eq!(self.code, 0, "expected success: {self:?}");
        self
    }

    /// Whether `text` appears in either stream.
    pub(crate) fn shows(&self, text: &str) -> bool {
        self.stdout.contains(text) || self.stderr.contains(text)
    }
}

/// A command line to run, in an isolated environment.
pub(crate) struct Cli {
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<String>,
}

impl Cli {
    /// Nothing set.
    pub(crate) fn bare() -> Self {
        Cli {
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
        }
    }

    /// Adds arguments.
    pub(crate) fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| (*a).to_owned()));
        self
    }

    /// Sets a variable.
    pub(crate) fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Static AWS keys for the signed commands.
    pub(crate) fn aws_keys(self) -> Self {
        self.env("AWS_ACCESS_KEY_ID", "AKIDSTUBEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "stub-secret-access-key")
    }

    /// Feeds standard input (otherwise it is empty).
    pub(crate) fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.to_owned());
        self
    }

    /// Runs the binary.
    pub(crate) fn run(&self) -> Run {
        let dir = std::env::temp_dir().join("cognito-cli-tests-nonexistent");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cognito"));
        cmd.args(&self.args)
            .env_clear()
            .env("HOME", &dir)
            .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials"))
            .env("AWS_CONFIG_FILE", dir.join("config"))
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn cognito");
        let stdin = self.stdin.clone().unwrap_or_default();
        let mut pipe = child.stdin.take().expect("stdin");
        let writer = thread::spawn(move || {
            let _ = pipe.write_all(stdin.as_bytes());
        });
        let out = child.wait_with_output().expect("wait for cognito");
        let _ = writer.join();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}
