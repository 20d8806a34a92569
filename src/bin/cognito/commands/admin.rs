//! Administrator commands, signed with AWS credentials: users and groups.

use cognito::CreateUserOptions;
use serde_json::{json, Value};

use crate::context::{Context, Needs};
use crate::failure::{Failure, OnHandle};
use crate::output::{self, Output};

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
