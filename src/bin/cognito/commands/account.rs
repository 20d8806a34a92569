//! The user's own account, without signing in (sign-up, confirmation,
//! password reset) or with an access token (change-password).

use cognito::SecretString;
use serde_json::{json, Map, Value};

use crate::context::{Context, Needs};
use crate::failure::{Failure, OnHandle};
use crate::output::Output;
use crate::prompt::{SecretSpec, TokenMember};

const CLIENT: Needs = Needs {
    pool_id: false,
    client_id: true,
};

/// Where a code went, as a sentence.
fn delivered(details: Option<&Value>) -> String {
    match details {
        Some(d) => format!(
            "A code was sent by {} to {}.",
            d["DeliveryMedium"].as_str().unwrap_or("an unnamed medium"),
            d["Destination"]
                .as_str()
                .unwrap_or("an undisclosed destination")
        ),
        None => "Cognito did not say where the code went.".to_owned(),
    }
}

/// `sign-up USERNAME [--attr NAME=VALUE]...`
///
/// # Errors
///
/// Exit 1 when Cognito refuses (`UsernameExistsException`, `InvalidPasswordException`…).
pub(super) fn sign_up(
    ctx: &mut Context,
    username: &str,
    attributes: &[(String, String)],
) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(CLIENT)?)?;
    let password = ctx.input.password(&SecretSpec {
        var: "COGNITO_PASSWORD",
        prompt: &format!("Password for {username}: "),
        what: "password",
        confirm: true,
    })?;
    let reply = handle
        .register(
            username,
            password.expose_secret(),
            &super::attributes(attributes),
        )
        .on(&handle)?;
    let mut json = Map::new();
    json.insert("UserConfirmed".into(), Value::Bool(reply.user_confirmed));
    json.insert("UserSub".into(), Value::String(reply.user_sub.clone()));
    if let Some(details) = &reply.code_delivery_details {
        json.insert("CodeDeliveryDetails".into(), json!(details));
    }
    let text = if reply.user_confirmed {
        format!(
            "Signed up {username} (sub {}); already confirmed.",
            reply.user_sub
        )
    } else {
        format!(
            "Signed up {username} (sub {}). {}",
            reply.user_sub,
            delivered(json.get("CodeDeliveryDetails"))
        )
    };
    Ok(Output::with_text(Value::Object(json), text))
}

/// The code Cognito sent: `COGNITO_CODE`, a prompt without echo, or a line
/// of standard input; never an argument.
fn code(ctx: &mut Context, username: &str) -> Result<SecretString, Failure> {
    let code = ctx.input.password(&SecretSpec {
        var: "COGNITO_CODE",
        prompt: &format!("Code sent for {username}: "),
        what: "code",
        confirm: false,
    })?;
    Ok(code.expose_secret().trim().into())
}

/// `confirm-sign-up USERNAME`, the code from `COGNITO_CODE`, a prompt or
/// standard input.
///
/// # Errors
///
/// Exit 1 for a wrong or expired code; 2 without a code.
pub(super) fn confirm_sign_up(ctx: &mut Context, username: &str) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(CLIENT)?)?;
    let code = code(ctx, username)?;
    handle
        .confirm_sign_up_for(username, code.expose_secret())
        .on(&handle)?;
    Ok(Output::with_text(
        json!({"Username": username, "Confirmed": true}),
        format!("Confirmed {username}."),
    ))
}

/// `forgot-password USERNAME`
///
/// # Errors
///
/// Exit 1 when Cognito refuses.
pub(super) fn forgot_password(ctx: &mut Context, username: &str) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(CLIENT)?.username(username))?;
    let details = handle.initiate_forgot_password().on(&handle)?;
    let json = match &details {
        Some(d) => json!({"CodeDeliveryDetails": d}),
        None => json!({}),
    };
    let text = delivered(json.get("CodeDeliveryDetails"));
    Ok(Output::with_text(json, text))
}

/// `confirm-forgot-password USERNAME`, the code from `COGNITO_CODE` and
/// the new password from `COGNITO_NEW_PASSWORD`, else prompts or standard
/// input (code first).
///
/// # Errors
///
/// Exit 1 for a wrong code or a refused password; 2 without them.
pub(super) fn confirm_forgot_password(
    ctx: &mut Context,
    username: &str,
) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(CLIENT)?.username(username))?;
    let code = code(ctx, username)?;
    let password = ctx.input.password(&SecretSpec {
        var: "COGNITO_NEW_PASSWORD",
        prompt: &format!("New password for {username}: "),
        what: "new password",
        confirm: true,
    })?;
    handle
        .confirm_forgot_password(code.expose_secret(), password.expose_secret())
        .on(&handle)?;
    Ok(Output::with_text(
        json!({"Username": username, "PasswordReset": true}),
        format!("Set a new password for {username}."),
    ))
}

/// `change-password`: the access token from `--token-file` (with its
/// refresh token), else the environment, a prompt or standard input; the
/// current and new password from the environment, a prompt, or standard
/// input (in that order, one a line). The token file is only read.
///
/// # Errors
///
/// Exit 1 when Cognito refuses (a wrong current password, a revoked token…).
pub(super) fn change_password(ctx: &mut Context) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(Needs::default())?)?;
    let access = ctx.token("COGNITO_ACCESS_TOKEN", TokenMember::Access, "access token")?;
    let refresh = match ctx.file_tokens()? {
        Some(file) => file.refresh_token.clone(),
        None => ctx.input.var("COGNITO_REFRESH_TOKEN").map(Into::into),
    };
    handle.set_tokens(cognito::Tokens {
        access_token: Some(access),
        refresh_token: refresh,
        ..cognito::Tokens::default()
    });
    // The library checks the token first, as warrant does; say here what to do.
    match handle.access_token_expired() {
        Ok(true) if handle.refresh_token().is_none() => {
            return Err(Failure::config(match &ctx.token_file {
                Some(path) => format!(
                    "the access token in {} has expired and the file has no refresh token: \
                     sign in again",
                    path.display()
                ),
                None => "the access token has expired: sign in again, or set \
                         COGNITO_REFRESH_TOKEN to renew it"
                    .to_owned(),
            }))
        }
        Ok(_) => {}
        Err(_) => {
            return Err(Failure::config(
                "the access token (--token-file, COGNITO_ACCESS_TOKEN or standard input) is not \
                 a readable JWT",
            ))
        }
    }
    let previous = ctx.input.password(&SecretSpec {
        var: "COGNITO_PASSWORD",
        prompt: "Current password: ",
        what: "current password",
        confirm: false,
    })?;
    let proposed = ctx.input.password(&SecretSpec {
        var: "COGNITO_NEW_PASSWORD",
        prompt: "New password: ",
        what: "new password",
        confirm: true,
    })?;
    handle
        .change_password(previous.expose_secret(), proposed.expose_secret())
        .on(&handle)?;
    Ok(Output::with_text(
        json!({"PasswordChanged": true}),
        "Password changed.",
    ))
}
