//! A short end-to-end demo against an emulator: `scripts/demo` starts moto, runs this with
//! `COGNITO_DEMO_ENDPOINT` set, and stops moto.
//!
//! 1. creates a user pool and an app client (signed admin calls through [`Cognito::call`]);
//! 2. signs a user up from a handle that has no AWS credentials (SignUp goes unsigned);
//! 3. confirms the user (AdminConfirmSignUp, signed);
//! 4. reads the user back (AdminGetUser, signed).
//!
//! It refuses to run without `COGNITO_DEMO_ENDPOINT`, so it never talks to real AWS.

use std::error::Error as StdError;

use cognito::{AwsCredentials, Cognito};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn StdError>> {
    let endpoint = std::env::var("COGNITO_DEMO_ENDPOINT").map_err(|_| {
        "COGNITO_DEMO_ENDPOINT is not set: run scripts/demo, which starts moto and sets it"
    })?;
    let username = "demo-user";
    let password = "Passw0rd!";
    let email = "demo-user@example.com";

    // The admin side: static keys (moto accepts any), signed calls.
    let admin = Cognito::builder()
        .region("us-east-1")
        .endpoint(&endpoint)
        .credentials(AwsCredentials::new("testing", "testing", None))
        .build()?;

    let pool = admin.call("CreateUserPool", &json!({ "PoolName": "demo-pool" }))?;
    let pool_id = text(&pool, "/UserPool/Id")?;
    println!("1. created user pool {pool_id} (CreateUserPool, signed)");

    let client = admin.call(
        "CreateUserPoolClient",
        &json!({
            "UserPoolId": pool_id,
            "ClientName": "demo-app",
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
    )?;
    let client_id = text(&client, "/UserPoolClient/ClientId")?;
    println!("2. created app client {client_id} (CreateUserPoolClient, signed)");

    // The user side: pool and client only, and no AWS credentials anywhere.
    let app = Cognito::builder()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .endpoint(&endpoint)
        .build()?;
    let signed_up = app.call(
        "SignUp",
        &json!({
            "ClientId": client_id,
            "Username": username,
            "Password": password,
            "UserAttributes": [{ "Name": "email", "Value": email }],
        }),
    )?;
    println!(
        "3. signed up {username}: sub {}, confirmed {} (SignUp, unsigned, no AWS credentials)",
        text(&signed_up, "/UserSub")?,
        signed_up["UserConfirmed"]
    );

    admin.call(
        "AdminConfirmSignUp",
        &json!({ "UserPoolId": pool_id, "Username": username }),
    )?;
    println!("4. confirmed {username} (AdminConfirmSignUp, signed)");

    let user = admin.call(
        "AdminGetUser",
        &json!({ "UserPoolId": pool_id, "Username": username }),
    )?;
    let email_read = user["UserAttributes"]
        .as_array()
        .and_then(|attrs| attrs.iter().find(|a| a["Name"] == "email"))
        .and_then(|a| a["Value"].as_str())
        .unwrap_or("(none)");
    println!(
        "5. read back {}: status {}, email {email_read}, enabled {} (AdminGetUser, signed)",
        text(&user, "/Username")?,
        text(&user, "/UserStatus")?,
        user["Enabled"]
    );
    Ok(())
}

/// The string at `pointer` in a reply, or an error naming what is missing.
fn text(value: &Value, pointer: &str) -> Result<String, String> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("the reply has no {pointer}: {value}"))
}
