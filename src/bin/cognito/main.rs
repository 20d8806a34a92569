//! The `cognito` command line (cargo feature `cli`): sign in with SRP, manage
//! a user's account, and administer a pool, from scripts or by hand.
//!
//! Files, read top-down:
//!
//! | file | concern |
//! |---|---|
//! | `args.rs` | the command line → a [`args::Cli`] value (pure) |
//! | `help.rs` | the command table and help texts |
//! | `completions.rs` | bash, zsh and fish completion scripts from that table |
//! | `context.rs` | settings from options and environment → a library handle |
//! | `prompt.rs` | secrets and answers: environment, terminal, standard input |
//! | `commands/` | one function per command |
//! | `output.rs` | JSON or text on standard output |
//! | `token_file.rs` | `--token-file`: the token JSON in a private file, written atomically |
//! | `failure.rs` | errors → exit status 1, 2 or 3 |
//! | `escape.rs` | control characters made visible before they are printed |

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod args;
#[cfg(test)]
mod args_tests;
mod commands;
mod completions;
mod context;
mod escape;
mod failure;
mod help;
mod output;
mod prompt;
mod token_file;

use std::io::Write;
use std::process::ExitCode;

use crate::args::Parsed;
use crate::context::Context;
use crate::failure::Failure;
use crate::prompt::Input;

fn main() -> ExitCode {
    match run(std::env::args_os().skip(1)) {
        Ok(text) => {
            // A closed pipe (`cognito … | head -1`) is not an error worth a panic.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let text = failure.to_string();
            eprintln!("{}", escape::escape(&text, escape::Style::Lines));
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Parses, runs and renders: what to print on standard output, or the failure.
fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<String, Failure> {
    let cli = match args::parse(args)? {
        Parsed::Help(text) => return Ok(text),
        Parsed::Version => return Ok(format!("cognito {}\n", env!("CARGO_PKG_VERSION"))),
        Parsed::Run(cli) => *cli,
    };
    let mut ctx = Context::new(cli.globals, Input::from_process());
    let output = commands::run(cli.command, &mut ctx)?;
    Ok(output.render(ctx.output))
}
