//! Every command other than `login`, against a loopback stub: the request it
//! sends and what it prints.

use crate::support as cli_support;

use cli_support::{access_token, jwt, now, tokens_reply, Cli, Stub, CLIENT, POOL};
use serde_json::{json, Value};

fn attribute(body: &Value, list: &str, name: &str) -> Option<String> {
    body[list]
        .as_array()?
        .iter()
        .find(|a| a["Name"] == name)
        .and_then(|a| a["Value"].as_str().map(str::to_owned))
}

#[test]
fn sign_up() {
    let stub = Stub::start(&[(
        "SignUp",
        200,
        json!({"UserConfirmed": false, "UserSub": "sub-1", "Session": "not-printed",
               "CodeDeliveryDetails": {"Destination": "a***@e***.com", "DeliveryMedium": "EMAIL", "AttributeName": "email"}}),
    )]);
    let run = Cli::new(&stub)
        .args(&["sign-up", "alice", "--attr", "email=alice@example.com"])
        .env("COGNITO_PASSWORD", "Passw0rd!")
        .run()
        .ok();
    let body = &stub.calls("SignUp")[0].body;
    assert_eq!(body["Username"], "alice", "username");
    assert_eq!(body["Password"], "Passw0rd!", "password");
    assert_eq!(body["ClientId"], CLIENT, "client");
    assert_eq!(
        attribute(body, "UserAttributes", "email").as_deref(),
        Some("alice@example.com"),
        "attribute"
    );
    let out = run.json();
    assert_eq!(out["UserSub"], "sub-1", "sub");
    assert_eq!(out["UserConfirmed"], false, "confirmed");
    assert_eq!(
        out["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL",
        "delivery"
    );
    assert!(
        !run.shows("not-printed") && !run.shows("Passw0rd!"),
        "no secrets: {run:?}"
    );
}

#[test]
fn confirm_sign_up() {
    let stub = Stub::start(&[("ConfirmSignUp", 200, json!({}))]);
    let run = Cli::new(&stub)
        .args(&["confirm-sign-up", "alice"])
        .env("COGNITO_CODE", "123456")
        .run()
        .ok();
    let body = &stub.calls("ConfirmSignUp")[0].body;
    assert_eq!(
        (body["Username"].as_str(), body["ConfirmationCode"].as_str()),
        (Some("alice"), Some("123456")),
        "request"
    );
    assert_eq!(run.json()["Confirmed"], true, "output");
}

#[test]
fn forgot_password() {
    let stub = Stub::start(&[(
        "ForgotPassword",
        200,
        json!({"CodeDeliveryDetails": {"Destination": "+*******0123", "DeliveryMedium": "SMS"}}),
    )]);
    let run = Cli::new(&stub)
        .args(&["forgot-password", "alice", "--output", "text"])
        .run()
        .ok();
    assert_eq!(
        stub.calls("ForgotPassword")[0].body["Username"],
        "alice",
        "request"
    );
    assert_eq!(
        run.stdout, "A code was sent by SMS to +*******0123.\n",
        "text output"
    );
}

#[test]
fn confirm_forgot_password() {
    let stub = Stub::start(&[("ConfirmForgotPassword", 200, json!({}))]);
    let run = Cli::new(&stub)
        .args(&["confirm-forgot-password", "alice"])
        .env("COGNITO_CODE", "654321")
        .env("COGNITO_NEW_PASSWORD", "N3w-Passw0rd!")
        .run()
        .ok();
    let body = &stub.calls("ConfirmForgotPassword")[0].body;
    assert_eq!(body["Password"], "N3w-Passw0rd!", "new password");
    assert_eq!(body["ConfirmationCode"], "654321", "code");
    assert_eq!(run.json()["PasswordReset"], true, "output");
    assert!(!run.shows("N3w-Passw0rd!"), "not printed");
}

#[test]
fn change_password_from_the_environment_and_from_stdin() {
    let token = access_token("alice");
    let stub = Stub::start(&[("ChangePassword", 200, json!({}))]);
    let run = Cli::new(&stub)
        .args(&["change-password"])
        .env("COGNITO_ACCESS_TOKEN", &token)
        .env("COGNITO_PASSWORD", "0ld-Passw0rd!")
        .env("COGNITO_NEW_PASSWORD", "N3w-Passw0rd!")
        .run()
        .ok();
    assert_eq!(run.json()["PasswordChanged"], true, "output");
    // The token first, then the current and new passwords, one a line.
    Cli::new(&stub)
        .args(&["change-password"])
        .stdin(&format!("{token}\n0ld-from-stdin\nN3w-from-stdin\n"))
        .run()
        .ok();
    let calls = stub.calls("ChangePassword");
    assert_eq!(calls.len(), 2, "two calls");
    for (call, (old, new)) in calls.iter().zip([
        ("0ld-Passw0rd!", "N3w-Passw0rd!"),
        ("0ld-from-stdin", "N3w-from-stdin"),
    ]) {
        assert_eq!(call.body["AccessToken"], token.as_str(), "token");
        assert_eq!(call.body["PreviousPassword"], old, "previous");
        assert_eq!(call.body["ProposedPassword"], new, "proposed");
    }
}

#[test]
fn change_password_with_an_expired_token_says_what_to_do() {
    let stub = Stub::start(&[("ChangePassword", 200, json!({}))]);
    let expired = jwt(json!({"token_use": "access", "username": "alice", "exp": now() - 60}));
    let run = Cli::new(&stub)
        .args(&["change-password"])
        .env("COGNITO_ACCESS_TOKEN", &expired)
        .env("COGNITO_PASSWORD", "a")
        .env("COGNITO_NEW_PASSWORD", "b")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("expired") && run.stderr.contains("COGNITO_REFRESH_TOKEN"),
        "{run:?}"
    );
    assert!(stub.requests().is_empty(), "nothing sent");
}

fn get_user_reply() -> Value {
    json!({"Username": "alice", "UserAttributes": [
        {"Name": "sub", "Value": "sub-1"},
        {"Name": "email", "Value": "alice@example.com"},
        {"Name": "email_verified", "Value": "true"},
    ]})
}

#[test]
fn whoami_with_login_json_on_stdin() {
    let stub = Stub::start(&[("GetUser", 200, get_user_reply())]);
    let token = access_token("alice");
    let login_output = serde_json::to_string_pretty(
        &json!({"IdToken": "id", "AccessToken": token, "RefreshToken": "r", "ExpiresIn": 3600}),
    )
    .unwrap();
    let run = Cli::new(&stub)
        .args(&["whoami"])
        .stdin(&login_output)
        .run()
        .ok();
    let sent = &stub.calls("GetUser")[0].body["AccessToken"];
    assert_eq!(sent, token.as_str(), "the AccessToken member");
    let out = run.json();
    assert_eq!(out["Username"], "alice", "username");
    assert_eq!(out["Attributes"]["email"], "alice@example.com", "attribute");
    assert_eq!(
        out["Attributes"]["email_verified"], "true",
        "flag as stored"
    );
    assert_eq!(out["Attributes"]["sub"], "sub-1", "sub");
    assert!(!run.stdout.contains("eyJ"), "no token printed");
}

#[test]
fn whoami_in_text() {
    let stub = Stub::start(&[("GetUser", 200, get_user_reply())]);
    let run = Cli::new(&stub)
        .args(&["--output", "text", "whoami"])
        .env("COGNITO_ACCESS_TOKEN", &access_token("alice"))
        .run()
        .ok();
    assert!(run.stdout.contains("Username: alice\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains("  email: alice@example.com\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn refresh_prints_new_tokens_and_keeps_an_unrotated_refresh_token() {
    let stub = Stub::start(&[(
        "InitiateAuth",
        200,
        json!({"AuthenticationResult": {
            "IdToken": cli_support::id_token("alice"),
            "AccessToken": access_token("alice"),
            "ExpiresIn": 3600, "TokenType": "Bearer"
        }}),
    )]);
    let run = Cli::new(&stub)
        .args(&["refresh"])
        .env("COGNITO_REFRESH_TOKEN", "stub-refresh-token")
        .run()
        .ok();
    let body = &stub.calls("InitiateAuth")[0].body;
    assert_eq!(body["AuthFlow"], "REFRESH_TOKEN_AUTH", "flow");
    assert_eq!(
        body["AuthParameters"]["REFRESH_TOKEN"], "stub-refresh-token",
        "token sent"
    );
    let out = run.json();
    assert_eq!(out["ExpiresIn"], 3600, "expires");
    assert!(
        out["AccessToken"].is_string() && out["IdToken"].is_string(),
        "{out}"
    );
    assert_eq!(
        out["RefreshToken"], "stub-refresh-token",
        "the one used, so the output feeds the next refresh: {out}"
    );
}

#[test]
fn refresh_with_a_secret_hashes_the_username_from_piped_tokens() {
    let stub = Stub::start(&[("InitiateAuth", 200, tokens_reply("alice"))]);
    let piped =
        json!({"AccessToken": access_token("cognito-user-1"), "RefreshToken": "old-refresh"});
    let run = Cli::new(&stub)
        .args(&["refresh"])
        .env("COGNITO_CLIENT_SECRET", "shh-secret")
        .stdin(&piped.to_string())
        .run()
        .ok();
    let body = &stub.calls("InitiateAuth")[0].body;
    assert_eq!(
        body["AuthParameters"]["REFRESH_TOKEN"], "old-refresh",
        "from stdin JSON"
    );
    let expected = cognito::secret_hash("shh-secret", "cognito-user-1", CLIENT);
    assert_eq!(
        body["AuthParameters"]["SECRET_HASH"],
        expected.as_str(),
        "hash over the username claim"
    );
    assert_eq!(
        run.json()["RefreshToken"],
        "stub-refresh-token",
        "a new refresh token is printed"
    );
    assert!(!run.shows("shh-secret"), "secret not printed");
}

#[test]
fn refresh_with_a_secret_and_no_username_is_a_usage_error() {
    let stub = Stub::start(&[("InitiateAuth", 200, tokens_reply("alice"))]);
    let run = Cli::new(&stub)
        .args(&["refresh"])
        .env("COGNITO_CLIENT_SECRET", "shh-secret")
        .env("COGNITO_REFRESH_TOKEN", "r")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--username"), "{run:?}");
    Cli::new(&stub)
        .args(&["refresh", "--username", "alice"])
        .env("COGNITO_CLIENT_SECRET", "shh-secret")
        .env("COGNITO_REFRESH_TOKEN", "r")
        .run()
        .ok();
}

#[test]
fn logout() {
    let stub = Stub::start(&[("GlobalSignOut", 200, json!({}))]);
    let token = access_token("alice");
    let run = Cli::new(&stub)
        .args(&["logout"])
        .env("COGNITO_ACCESS_TOKEN", &token)
        .run()
        .ok();
    assert_eq!(
        stub.calls("GlobalSignOut")[0].body["AccessToken"],
        token.as_str(),
        "token"
    );
    assert_eq!(run.json()["SignedOut"], true, "output");
}

fn signed(stub: &Stub, op: &str) -> Value {
    let call = &stub.calls(op)[0];
    assert!(
        call.header("authorization")
            .is_some_and(|a| a.contains("Credential=AKIDSTUBEXAMPLE/")),
        "{op} is signed"
    );
    assert_eq!(call.body["UserPoolId"], POOL, "{op} names the pool");
    call.body.clone()
}

#[test]
fn admin_get_user() {
    let stub = Stub::start(&[(
        "AdminGetUser",
        200,
        json!({"Username": "alice", "UserStatus": "CONFIRMED", "Enabled": true,
               "UserCreateDate": 1700000000.0,
               "UserAttributes": [{"Name": "email", "Value": "alice@example.com"}]}),
    )]);
    let run = Cli::new(&stub)
        .aws_keys()
        .args(&["admin-get-user", "alice"])
        .run()
        .ok();
    assert_eq!(
        signed(&stub, "AdminGetUser")["Username"],
        "alice",
        "request"
    );
    let out = run.json();
    assert_eq!(out["Username"], "alice", "username");
    assert_eq!(out["UserStatus"], "CONFIRMED", "status");
    assert_eq!(out["Enabled"], true, "enabled");
    assert_eq!(out["UserCreateDate"], "2023-11-14T22:13:20Z", "date");
    assert_eq!(
        out["Attributes"]["email"], "alice@example.com",
        "attributes"
    );
    assert!(
        !run.shows("stub-secret-access-key"),
        "no AWS secret printed"
    );
}

#[test]
fn admin_create_user_with_and_without_a_temporary_password() {
    let reply = json!({"User": {"Username": "bob", "UserStatus": "FORCE_CHANGE_PASSWORD", "Enabled": true,
                                "Attributes": [{"Name": "email", "Value": "bob@example.com"}]}});
    let stub = Stub::start(&[("AdminCreateUser", 200, reply)]);
    let run = Cli::new(&stub)
        .aws_keys()
        .args(&[
            "admin-create-user",
            "bob",
            "--attr",
            "email=bob@example.com",
        ])
        .env("COGNITO_PASSWORD", "Temp0rary!")
        .run()
        .ok();
    Cli::new(&stub)
        .aws_keys()
        .args(&["admin-create-user", "bob"])
        .run()
        .ok();
    let calls = stub.calls("AdminCreateUser");
    assert_eq!(
        calls[0].body["TemporaryPassword"], "Temp0rary!",
        "from COGNITO_PASSWORD"
    );
    assert_eq!(
        attribute(&calls[0].body, "UserAttributes", "email").as_deref(),
        Some("bob@example.com"),
        "attribute"
    );
    assert!(
        calls[1].body.get("TemporaryPassword").is_none(),
        "left to Cognito: {}",
        calls[1].body
    );
    assert_eq!(run.json()["UserStatus"], "FORCE_CHANGE_PASSWORD", "output");
    assert!(!run.shows("Temp0rary!"), "not printed");
}

#[test]
fn admin_delete_user_and_confirm_sign_up() {
    let stub = Stub::start(&[
        ("AdminDeleteUser", 200, json!({})),
        ("AdminConfirmSignUp", 200, json!({})),
    ]);
    let deleted = Cli::new(&stub)
        .aws_keys()
        .args(&["admin-delete-user", "bob"])
        .run()
        .ok();
    let confirmed = Cli::new(&stub)
        .aws_keys()
        .args(&["admin-confirm-sign-up", "alice"])
        .run()
        .ok();
    assert_eq!(
        signed(&stub, "AdminDeleteUser")["Username"],
        "bob",
        "delete"
    );
    assert_eq!(
        signed(&stub, "AdminConfirmSignUp")["Username"],
        "alice",
        "confirm"
    );
    assert_eq!(deleted.json()["Deleted"], true, "delete output");
    assert_eq!(confirmed.json()["Confirmed"], true, "confirm output");
}

#[test]
fn list_users_follows_every_page() {
    let user = |name: &str| {
        json!({"Username": name, "UserStatus": "CONFIRMED", "Enabled": true,
               "Attributes": [{"Name": "email", "Value": format!("{name}@example.com")}]})
    };
    let stub = Stub::start(&[
        (
            "ListUsers",
            200,
            json!({"Users": [user("alice")], "PaginationToken": "page-2"}),
        ),
        ("ListUsers", 200, json!({"Users": [user("alan")]})),
    ]);
    let run = Cli::new(&stub)
        .aws_keys()
        .args(&["list-users", "--filter", "email ^= \"al\""])
        .run()
        .ok();
    let calls = stub.calls("ListUsers");
    assert_eq!(calls.len(), 2, "two pages");
    assert_eq!(calls[0].body["Filter"], "email ^= \"al\"", "filter");
    assert_eq!(calls[1].body["PaginationToken"], "page-2", "next page");
    let out = run.json();
    let names: Vec<&str> = out["Users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["Username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice", "alan"], "both pages");
}

#[test]
fn list_users_in_text() {
    let stub = Stub::start(&[(
        "ListUsers",
        200,
        json!({"Users": [{"Username": "alice", "UserStatus": "CONFIRMED",
                          "Attributes": [{"Name": "email", "Value": "alice@example.com"}]}]}),
    )]);
    let run = Cli::new(&stub)
        .aws_keys()
        .args(&["list-users", "--output=text"])
        .run()
        .ok();
    assert_eq!(
        run.stdout, "alice\tCONFIRMED\talice@example.com\n",
        "one line a user"
    );
}

#[test]
fn groups() {
    let stub = Stub::start(&[(
        "AdminListGroupsForUser",
        200,
        json!({"Groups": [{"GroupName": "admins", "Precedence": 1, "UserPoolId": POOL},
                          {"GroupName": "readers", "Description": "read only"}]}),
    )]);
    let run = Cli::new(&stub)
        .aws_keys()
        .args(&["groups", "alice"])
        .run()
        .ok();
    assert_eq!(
        signed(&stub, "AdminListGroupsForUser")["Username"],
        "alice",
        "request"
    );
    let out = run.json();
    assert_eq!(out["Groups"][0]["GroupName"], "admins", "first");
    assert_eq!(out["Groups"][0]["Precedence"], 1, "precedence");
    assert_eq!(out["Groups"][1]["Description"], "read only", "second");
}
