//! `cognito login USERNAME`: sign in with the chosen flow, answer challenges,
//! print the tokens (or write them to `--token-file`).

use cognito::{AuthResult, Cognito};

use super::challenges::{self, Answers};
use crate::args::LoginFlow;
use crate::context::{Context, Needs};
use crate::failure::{Failure, OnHandle};
use crate::output::{self, Output};
use crate::prompt::SecretSpec;

/// At most this many challenges in one sign-in (new password, MFA choice,
/// code, …); a server that keeps asking is cut off.
const MAX_CHALLENGES: usize = 8;

/// Signs in and prints the token JSON, or writes it to `--token-file` and
/// prints `{"TokenFile": FILE}`.
///
/// # Errors
///
/// Exit 1 when Cognito refuses, 2 for missing settings or password, 3 for a
/// challenge with no answer.
pub(super) fn login(
    ctx: &mut Context,
    username: &str,
    flow: LoginFlow,
    mfa: Option<&str>,
    attributes: &[(String, String)],
) -> Result<Output, Failure> {
    let needs = Needs {
        // SRP needs the pool's name inside its maths; admin calls name the pool.
        pool_id: flow != LoginFlow::Password,
        client_id: true,
    };
    let handle = ctx.build(ctx.builder(needs)?.username(username))?;
    let password = ctx.input.password(&SecretSpec {
        var: "COGNITO_PASSWORD",
        prompt: &format!("Password for {username}: "),
        what: "password",
        confirm: false,
    })?;
    let password = password.expose_secret();
    let mut step = match flow {
        LoginFlow::Srp => handle.authenticate(password),
        LoginFlow::Password => handle.authenticate_user_password(password),
        LoginFlow::Admin => handle.admin_authenticate(password),
    }
    .on(&handle)?;
    let mut answers = Answers {
        mfa,
        attributes,
        code_used: false,
        new_password_used: false,
    };
    for _ in 0..MAX_CHALLENGES {
        step = match step {
            AuthResult::Authenticated => return signed_in(ctx, &handle),
            AuthResult::Challenge(challenge) => {
                challenges::answer(challenge, &handle, &mut ctx.input, &mut answers)?
            }
        };
    }
    match step {
        AuthResult::Authenticated => signed_in(ctx, &handle),
        AuthResult::Challenge(c) => Err(Failure::Challenge {
            name: c.name().to_owned(),
            hint: format!("still challenged after {MAX_CHALLENGES} answers; giving up"),
        }),
    }
}

/// The tokens: written to `--token-file` when given, else printed.
fn signed_in(ctx: &Context, handle: &Cognito) -> Result<Output, Failure> {
    let tokens = handle.tokens();
    match ctx.write_token_file(&tokens)? {
        Some(written) => Ok(written),
        None => Ok(output::tokens(&tokens, true)),
    }
}
