//! One function per command: read what it needs, call the library, shape
//! the output. Grouped by concern:
//!
//! | file | commands |
//! |---|---|
//! | `login.rs` | `login` (and `challenges.rs`, the answers to sign-in challenges) |
//! | `account.rs` | `sign-up`, `confirm-sign-up`, `forgot-password`, `confirm-forgot-password`, `change-password` |
//! | `session.rs` | `whoami`, `refresh`, `logout` |
//! | `admin.rs` | `admin-get-user`, `admin-create-user`, `admin-delete-user`, `admin-confirm-sign-up`, `list-users`, `groups`, `create-group`, `add-user-to-group`, `remove-user-from-group`, `admin-set-user-password`, `admin-reset-user-password`, `admin-disable-user`, `admin-enable-user` |
//! | `verify.rs` | `verify` |
//! | `aws_credentials.rs` | `aws-credentials` |
//! | `oauth.rs` | `login --browser`, `token` (OAuth 2.0 at the pool's domain) |

mod account;
mod admin;
pub(crate) mod aws_credentials;
mod challenges;
mod login;
pub(crate) mod oauth;
mod session;
mod verify;

use crate::args::Command;
use crate::context::Context;
use crate::failure::Failure;
use crate::output::Output;

/// Runs `command`.
///
/// # Errors
///
/// A [`Failure`] with the exit status to report.
pub(crate) fn run(command: Command, ctx: &mut Context) -> Result<Output, Failure> {
    match command {
        Command::Login {
            username,
            flow,
            mfa,
            attributes,
        } => {
            let username = match username.or_else(|| ctx.input.var("COGNITO_USERNAME")) {
                Some(name) => name,
                None => {
                    return Err(Failure::Usage {
                        message:
                            "login needs USERNAME or COGNITO_USERNAME (usage: login [USERNAME] \
                                  [--flow srp|password|admin] …)"
                                .into(),
                        command: Some("login"),
                    })
                }
            };
            login::login(ctx, &username, flow, mfa.as_deref(), &attributes)
        }
        Command::SignUp {
            username,
            attributes,
        } => account::sign_up(ctx, &username, &attributes),
        Command::ConfirmSignUp { username } => account::confirm_sign_up(ctx, &username),
        Command::ForgotPassword { username } => account::forgot_password(ctx, &username),
        Command::ConfirmForgotPassword { username } => {
            account::confirm_forgot_password(ctx, &username)
        }
        Command::ChangePassword => account::change_password(ctx),
        Command::Whoami => session::whoami(ctx),
        Command::Refresh { username } => session::refresh(ctx, username.as_deref()),
        Command::Logout => session::logout(ctx),
        Command::AdminGetUser { username } => admin::get_user(ctx, &username),
        Command::AdminCreateUser {
            username,
            attributes,
        } => admin::create_user(ctx, &username, &attributes),
        Command::AdminDeleteUser { username } => admin::delete_user(ctx, &username),
        Command::AdminConfirmSignUp { username } => admin::confirm_sign_up(ctx, &username),
        Command::ListUsers { filter } => admin::list_users(ctx, filter.as_deref()),
        Command::Groups { username } => admin::groups(ctx, &username),
        Command::AwsCredentials(options) => aws_credentials::aws_credentials(ctx, &options),
        Command::LoginBrowser(options) => oauth::browser_login(ctx, &options),
        Command::Token(options) => oauth::token(ctx, &options),
        Command::CreateGroup {
            group,
            description,
            precedence,
        } => admin::create_group(ctx, &group, description.as_deref(), precedence),
        Command::AddUserToGroup { username, group } => {
            admin::add_user_to_group(ctx, &username, &group)
        }
        Command::RemoveUserFromGroup { username, group } => {
            admin::remove_user_from_group(ctx, &username, &group)
        }
        Command::AdminSetUserPassword {
            username,
            temporary,
        } => admin::set_user_password(ctx, &username, temporary),
        Command::AdminResetUserPassword { username } => admin::reset_user_password(ctx, &username),
        Command::AdminDisableUser { username } => admin::set_enabled(ctx, &username, false),
        Command::AdminEnableUser { username } => admin::set_enabled(ctx, &username, true),
        Command::Completions { shell } => Ok(Output::raw(crate::completions::script(shell))),
        Command::Verify {
            jwks,
            issuers,
            token_use,
            leeway,
        } => verify::verify(
            ctx,
            &verify::Options {
                jwks,
                issuers,
                token_use,
                leeway,
            },
        ),
    }
}

/// `--attr` pairs as library attributes.
fn attributes(pairs: &[(String, String)]) -> cognito::Attributes {
    pairs
        .iter()
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect()
}

#[cfg(test)]
mod login_tests;
