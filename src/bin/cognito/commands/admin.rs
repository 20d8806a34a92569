//! Administrator commands, signed with AWS credentials: users and groups.

use cognito::CreateUserOptions;
use serde_json::{json, Value};

use crate::context::{Context, Needs};
use crate::failure::{Failure, OnHandle};
use crate::output::{self, Output};
use crate::prompt::SecretSpec;

const POOL: Needs = Needs {
    pool_id: true,
    client_id: false,
};

/// `admin-get-user USERNAME`
///
/// # Errors
///
/// Exit 1 for an unknown user; 2 without AWS credentials.
pub(super) fn get_user(ctx: &mut Context, username: &str) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    let user = handle.admin_get_user(username).on(&handle)?;
    Ok(Output::json(output::user(&user)))
}

/// `admin-create-user USERNAME [--attr NAME=VALUE]...`, the temporary
/// password from `COGNITO_PASSWORD` when it is set.
///
/// # Errors
///
/// Exit 1 when Cognito refuses (`UsernameExistsException`…).
pub(super) fn create_user(
    ctx: &mut Context,
    username: &str,
    attributes: &[(String, String)],
) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    let temporary = ctx.input.var("COGNITO_PASSWORD");
    let options = CreateUserOptions {
        temporary_password: temporary.as_deref(),
        ..CreateUserOptions::default()
    };
    let user = handle
        .admin_create_user(username, &super::attributes(attributes), &options)
        .on(&handle)?;
    Ok(Output::json(output::user(&user)))
}

/// `admin-delete-user USERNAME`
///
/// # Errors
///
/// Exit 1 for an unknown user.
pub(super) fn delete_user(ctx: &mut Context, username: &str) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    handle.admin_delete_user(username).on(&handle)?;
    Ok(Output::with_text(
        json!({"Username": username, "Deleted": true}),
        format!("Deleted {username}."),
    ))
}

/// `admin-confirm-sign-up USERNAME`
///
/// # Errors
///
/// Exit 1 for an unknown user.
pub(super) fn confirm_sign_up(ctx: &mut Context, username: &str) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    handle.admin_confirm_sign_up(username).on(&handle)?;
    Ok(Output::with_text(
        json!({"Username": username, "Confirmed": true}),
        format!("Confirmed {username}."),
    ))
}

/// `list-users [--filter EXPR]`: every page.
///
/// # Errors
///
/// Exit 1 for a filter Cognito refuses.
pub(super) fn list_users(ctx: &mut Context, filter: Option<&str>) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    let users = handle.get_users(filter).on(&handle)?;
    let text: Vec<String> = users
        .iter()
        .map(|u| {
            let status = u.metadata.status.as_ref().map_or("-", |s| s.as_str());
            let email = u.attributes.get("email").unwrap_or("-");
            format!("{}\t{status}\t{email}", u.username)
        })
        .collect();
    let json = json!({"Users": users.iter().map(output::user).collect::<Vec<Value>>()});
    let text = if text.is_empty() {
        "(no users)".to_owned()
    } else {
        text.join("\n")
    };
    Ok(Output::with_text(json, text))
}

/// `groups USERNAME`: every group the user is in.
///
/// # Errors
///
/// Exit 1 for an unknown user.
pub(super) fn groups(ctx: &mut Context, username: &str) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    let groups = handle.admin_list_groups_for_user(username).on(&handle)?;
    let text: Vec<&str> = groups.iter().map(|g| g.group_name.as_str()).collect();
    let json = json!({"Groups": groups.iter().map(output::group).collect::<Vec<Value>>()});
    let text = if text.is_empty() {
        "(no groups)".to_owned()
    } else {
        text.join("\n")
    };
    Ok(Output::with_text(json, text))
}

/// `create-group GROUP [--description TEXT] [--precedence N]`
///
/// # Errors
///
/// Exit 1 when Cognito refuses (`GroupExistsException`…).
pub(super) fn create_group(
    ctx: &mut Context,
    group: &str,
    description: Option<&str>,
    precedence: Option<i32>,
) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    let created = handle
        .create_group(group, description, precedence, None)
        .on(&handle)?;
    Ok(Output::with_text(
        json!({"Group": output::group(&created)}),
        format!("Created group {group}."),
    ))
}

/// `add-user-to-group USERNAME GROUP`
///
/// # Errors
///
/// Exit 1 for an unknown user or group.
pub(super) fn add_user_to_group(
    ctx: &mut Context,
    username: &str,
    group: &str,
) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    handle
        .admin_add_user_to_group(username, group)
        .on(&handle)?;
    Ok(Output::with_text(
        json!({"Username": username, "GroupName": group, "Added": true}),
        format!("Added {username} to {group}."),
    ))
}

/// `remove-user-from-group USERNAME GROUP`
///
/// # Errors
///
/// Exit 1 for an unknown user or group.
pub(super) fn remove_user_from_group(
    ctx: &mut Context,
    username: &str,
    group: &str,
) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    handle
        .admin_remove_user_from_group(username, group)
        .on(&handle)?;
    Ok(Output::with_text(
        json!({"Username": username, "GroupName": group, "Removed": true}),
        format!("Removed {username} from {group}."),
    ))
}

/// `admin-set-user-password USERNAME [--temporary]`, the password from
/// `COGNITO_NEW_PASSWORD`, a prompt (twice) or standard input.
///
/// # Errors
///
/// Exit 1 for a password the pool's policy refuses or an unknown user; 2
/// when no password is to be had.
pub(super) fn set_user_password(
    ctx: &mut Context,
    username: &str,
    temporary: bool,
) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    let password = ctx.input.password(&SecretSpec {
        var: "COGNITO_NEW_PASSWORD",
        prompt: &format!("New password for {username}: "),
        what: "new password",
        confirm: true,
    })?;
    handle
        .admin_set_user_password(username, password.expose_secret(), !temporary)
        .on(&handle)?;
    let kind = if temporary { "temporary" } else { "permanent" };
    Ok(Output::with_text(
        json!({"Username": username, "PasswordSet": true, "Permanent": !temporary}),
        format!("Set a {kind} password for {username}."),
    ))
}

/// `admin-reset-user-password USERNAME`: Cognito sends the user a code.
///
/// # Errors
///
/// Exit 1 for an unknown user.
pub(super) fn reset_user_password(ctx: &mut Context, username: &str) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    handle.admin_reset_password(username).on(&handle)?;
    Ok(Output::with_text(
        json!({"Username": username, "ResetRequired": true}),
        format!("{username} must now reset their password with the code Cognito sent."),
    ))
}

/// `admin-disable-user USERNAME` / `admin-enable-user USERNAME`
///
/// # Errors
///
/// Exit 1 for an unknown user.
pub(super) fn set_enabled(
    ctx: &mut Context,
    username: &str,
    enabled: bool,
) -> Result<Output, Failure> {
    let handle = ctx.build(ctx.builder(POOL)?)?;
    if enabled {
        handle.admin_enable_user(username).on(&handle)?;
    } else {
        handle.admin_disable_user(username).on(&handle)?;
    }
    let word = if enabled { "Enabled" } else { "Disabled" };
    Ok(Output::with_text(
        json!({"Username": username, "Enabled": enabled}),
        format!("{word} {username}."),
    ))
}
