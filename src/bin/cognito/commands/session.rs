//! Commands that use the tokens of an earlier `login`: `whoami`, `refresh`,
//! `logout`. Tokens come from `--token-file`, else `COGNITO_ACCESS_TOKEN` /
//! `COGNITO_REFRESH_TOKEN` or standard input, never from arguments.

use cognito::{Cognito, Error, Tokens};
use serde_json::json;

use crate::context::{Context, Needs};
use crate::failure::{Failure, OnHandle};
use crate::output::{self, Output};
use crate::prompt::TokenMember;

/// A handle holding the access token from the environment or standard
/// input (read after the settings are checked, so their errors come first).
fn with_access_token(ctx: &mut Context) -> Result<Cognito, Failure> {
    let handle = ctx.build(ctx.builder(Needs::default())?)?;
    let token = ctx.token("COGNITO_ACCESS_TOKEN", TokenMember::Access, "access token")?;
    // Checked here, as change-password does: a pasted or truncated value is
    // refused before anything is sent.
    if cognito::dangerous::decode_without_verification(token.expose_secret()).is_err() {
        return Err(Failure::config(
            "the access token (--token-file, COGNITO_ACCESS_TOKEN or standard input) is not a \
             readable JWT",
        ));
    }
    handle.set_tokens(Tokens {
        access_token: Some(token),
        ..Tokens::default()
    });
    Ok(handle)
}

/// `whoami`: GetUser with the access token.
///
/// # Errors
///
/// Exit 1 for a bad, expired or revoked token.
pub(super) fn whoami(ctx: &mut Context) -> Result<Output, Failure> {
    let handle = with_access_token(ctx)?;
    let user = handle.get_user().on(&handle)?;
    Ok(Output::json(output::user(&user)))
}

/// `refresh [--username U] [--token-file FILE]`: new tokens from the
/// refresh token, printed or written back to the file. The refresh token
/// used is kept when Cognito sends no new one, so the output (or the file)
/// feeds the next `refresh`.
///
/// # Errors
///
/// Exit 1 for a revoked or expired refresh token; 2 when a client secret
/// needs a username nobody gave.
pub(super) fn refresh(ctx: &mut Context, username: Option<&str>) -> Result<Output, Failure> {
    let mut builder = ctx.builder(Needs {
        pool_id: false,
        client_id: true,
    })?;
    if let Some(username) = username {
        builder = builder.username(username);
    }
    // As `login`, print what Cognito sent: checking tokens is `cognito
    // verify`'s job (and needs --issuer against cognito-local), so the
    // library's check-before-storing, which guards long-lived handles, is off.
    let handle = ctx.build(builder.verify_renewed_tokens(false))?;
    let refresh = ctx.token(
        "COGNITO_REFRESH_TOKEN",
        TokenMember::Refresh,
        "refresh token",
    )?;
    let from_file = ctx.file_tokens()?.cloned();
    // An access token at hand names the Cognito username for SECRET_HASH.
    let access = match &from_file {
        Some(file) => TokenMember::Access.pick(file),
        None => ctx
            .input
            .var("COGNITO_ACCESS_TOKEN")
            .or_else(|| ctx.input.piped_member(TokenMember::Access)),
    };
    // Without --username, the Username of the file or of piped token JSON,
    // so it carries over.
    if username.is_none() {
        let known = match &from_file {
            Some(file) => file.username.clone(),
            None => ctx.input.piped_tokens().and_then(|t| t.username.clone()),
        };
        if let Some(name) = known {
            handle.set_username(name);
        }
    }
    handle.set_tokens(Tokens {
        access_token: access.map(Into::into),
        refresh_token: Some(refresh.clone()),
        ..Tokens::default()
    });
    match handle.renew_access_token() {
        Err(Error::Config(_)) if handle.client_secret().is_some() => {
            return Err(Failure::Usage {
                message: "with a client secret, refresh needs the Cognito username: pass \
                          --username (the sub in pools that sign in by email), or set \
                          COGNITO_ACCESS_TOKEN"
                    .into(),
                command: Some("refresh"),
            })
        }
        other => other.on(&handle)?,
    }
    // The handle keeps the refresh token it used unless Cognito sent a new one.
    let mut tokens = handle.tokens();
    tokens.refresh_token.get_or_insert(refresh);
    match ctx.write_token_file(&tokens)? {
        Some(written) => Ok(written),
        None => Ok(output::tokens(&tokens, true)),
    }
}

/// `logout`: GlobalSignOut with the access token.
///
/// # Errors
///
/// Exit 1 for a bad or revoked token.
pub(super) fn logout(ctx: &mut Context) -> Result<Output, Failure> {
    let handle = with_access_token(ctx)?;
    handle.logout().on(&handle)?;
    Ok(Output::with_text(
        json!({"SignedOut": true}),
        "Signed out everywhere: the refresh token is revoked.",
    ))
}
