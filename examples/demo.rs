//! The library's user journey against a local Cognito: `scripts/demo` starts
//! moto, runs this with `COGNITO_DEMO_ENDPOINT` set, and stops moto.
//!
//! One readable line a step: register, confirm, SRP sign-in, get_user,
//! update_profile, verify both tokens against the emulator's keys, renew with
//! `check_token`, change the password, show the old password refused and the
//! new one accepted, list users as admin, log out and show the access token
//! refused. Where moto does not check something, the line says so.
//!
//! It refuses to run without `COGNITO_DEMO_ENDPOINT`, so it never talks to AWS.

use std::error::Error as StdError;
use std::time::Duration;

use cognito::credentials::AwsCredentials;
use cognito::{Attributes, AuthResult, Cognito};
use serde_json::{json, Value};

const USERNAME: &str = "demo-user";
const PASSWORD: &str = "Demo-Passw0rd!"; // synthetic, for the emulator only
const NEW_PASSWORD: &str = "Demo-N3w-Passw0rd!";

/// Runs the journey; a failure prints its message and causes (never Rust's
/// `Debug` dump) and exits 1.
fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let mut message = format!("demo failed: {e}");
            let mut cause = e.source();
            while let Some(c) = cause {
                message.push_str(&format!(": {c}"));
                cause = c.source();
            }
            eprintln!("{message}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn StdError>> {
    let endpoint = std::env::var("COGNITO_DEMO_ENDPOINT").map_err(|_| {
        "COGNITO_DEMO_ENDPOINT is not set: run scripts/demo, which starts moto and sets it"
    })?;

    // Set-up through the raw escape hatch: signed admin calls (moto accepts any keys).
    let admin_setup = Cognito::builder()
        .region("us-east-1")
        .endpoint(&endpoint)
        .credentials(AwsCredentials::new("testing", "testing", None))
        .build()?;
    let pool = admin_setup.call("CreateUserPool", &json!({"PoolName": "demo-pool"}))?;
    let pool_id = text(&pool, "/UserPool/Id")?;
    let client = admin_setup.call(
        "CreateUserPoolClient",
        &json!({
            "UserPoolId": pool_id,
            "ClientName": "demo-app",
            "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
    )?;
    let client_id = text(&client, "/UserPoolClient/ClientId")?;
    step(
        0,
        &format!("set up pool {pool_id} and app client {client_id} (raw signed calls)"),
    );

    // The user side: no AWS credentials anywhere. moto's tokens always live
    // 3600 s and it ignores lifetime settings, so an early-refresh margin of
    // 3700 s makes check_token renew on demand.
    let user = Cognito::builder()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .username(USERNAME)
        .endpoint(&endpoint)
        .refresh_margin(Duration::from_secs(3700))
        .build()?;

    let signed_up = user.register(
        USERNAME,
        PASSWORD,
        &Attributes::new()
            .with("email", "demo-user@example.com")
            .with("name", "Demo"),
    )?;
    step(
        1,
        &format!(
            "register: {USERNAME} signed up, sub {} (SignUp, unsigned)",
            signed_up.user_sub
        ),
    );

    user.confirm_sign_up("123456")?;
    step(2, "confirm_sign_up: confirmed (moto accepts any code; cognito-local checks them in the tests)");

    match user.authenticate(PASSWORD)? {
        AuthResult::Authenticated => {}
        AuthResult::Challenge(c) => return Err(format!("unexpected challenge {}", c.name()).into()),
    }
    step(3, "authenticate: SRP sign-in done (moto does not check the SRP proof; offline vectors and our verifying server do)");

    let me = user.get_user()?;
    step(
        4,
        &format!(
            "get_user: {} email={} name={}",
            me.username,
            me.attributes.get("email").unwrap_or("?"),
            me.attributes.get("name").unwrap_or("?")
        ),
    );

    user.update_profile(&Attributes::new().with("name", "Demo Renamed"))?;
    let me = user.get_user()?;
    step(
        5,
        &format!(
            "update_profile: name is now {}",
            me.attributes.get("name").unwrap_or("?")
        ),
    );

    let verified = user.verify_tokens()?;
    let access = verified.access.ok_or("no access token")?;
    let id = verified.id.ok_or("no id token")?;
    step(6, &format!(
        "verify_tokens: RS256 signatures, issuer {}, client and token use checked against moto's key set (access for {}, id for {})",
        id.iss.as_deref().unwrap_or("?"),
        access.username.as_deref().unwrap_or("?"),
        id.cognito_username.as_deref().unwrap_or("?"),
    ));

    let old_access = user.access_token();
    let renewed = user.check_token()?;
    let changed = user.access_token() != old_access;
    step(7, &format!(
        "check_token: inside the 3700 s margin, so expired={renewed}; renewed with the refresh token, new tokens verified first (new access token: {changed})"
    ));

    user.change_password(PASSWORD, NEW_PASSWORD)?;
    step(8, "change_password: done");

    let probe = Cognito::builder()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .username(USERNAME)
        .endpoint(&endpoint)
        .build()?;
    match probe.authenticate_user_password(PASSWORD) {
        Err(e) if e.is_not_authorized() => step(9, &format!("old password refused: {e}")),
        Err(e) => return Err(e.into()),
        Ok(_) => return Err("the old password was accepted".into()),
    }
    match probe.authenticate_user_password(NEW_PASSWORD)? {
        AuthResult::Authenticated => step(10, "new password accepted (USER_PASSWORD_AUTH)"),
        AuthResult::Challenge(c) => return Err(format!("unexpected challenge {}", c.name()).into()),
    }

    let admin = Cognito::builder()
        .user_pool_id(&pool_id)
        .endpoint(&endpoint)
        .credentials(AwsCredentials::new("testing", "testing", None))
        .build()?;
    let users = admin.get_users(None)?;
    let names: Vec<String> = users
        .iter()
        .map(|u| {
            format!(
                "{} ({})",
                u.username,
                u.metadata.status.as_ref().map_or("?", |s| s.as_str())
            )
        })
        .collect();
    step(
        11,
        &format!("get_users (admin, signed): {}", names.join(", ")),
    );

    let old_access = user.access_token().ok_or("no access token")?;
    user.logout()?;
    let replay = Cognito::builder()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .endpoint(&endpoint)
        .access_token(old_access)
        .build()?;
    match replay.get_user() {
        Err(e) if e.is_not_authorized() => step(
            12,
            &format!("logout: signed out everywhere; the old access token is refused ({e})"),
        ),
        Err(e) => return Err(e.into()),
        Ok(_) => return Err("the access token still works after logout".into()),
    }
    Ok(())
}

fn step(n: u32, line: &str) {
    println!("{n:>2}. {line}");
}

fn text(value: &Value, pointer: &str) -> Result<String, Box<dyn StdError>> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("the reply has no {pointer}").into())
}
