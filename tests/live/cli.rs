//! The `cognito` binary against the emulators: every command runs at least
//! once, with the exit status, the JSON on standard output and, for failures,
//! the first word of standard error asserted; no run ever prints a password.
//!
//! Against moto 5.2.5 (`COGNITO_TEST_MOTO_ENDPOINT`): `login` with each flow,
//! `verify` of the printed tokens against moto's keys with the AWS-form issuer
//! (moto issues AWS issuers and serves its keys on loopback), `whoami`,
//! `refresh` and `verify` of the refreshed tokens, `change-password`,
//! `logout`, `sign-up`, `confirm-sign-up` (moto takes any code),
//! `forgot-password`, `confirm-forgot-password`, the admin commands
//! (signed with dummy keys, which moto accepts), and a token file through
//! `login`, `whoami`, `verify`, `refresh` and `logout` (`--token-file`). Against cognito-local 5.3.0
//! (`COGNITO_TEST_LOCAL_ENDPOINT`, `COGNITO_TEST_LOCAL_CODE`), which checks
//! codes: a wrong and the right confirmation and reset code, `login --flow
//! password`, and `verify` with its loopback issuer given by `--issuer`.
//!
//! `scripts/test live` builds this with `--features "live cli"` and starts
//! both emulators. By hand:
//! `eval "$(scripts/emulators/start-moto)"; eval "$(scripts/emulators/start-cognito-local)"`,
//! then `cargo test --features "live cli" --test live_cli`, then
//! `scripts/emulators/stop-moto $PORT; scripts/emulators/stop-cognito-local $PORT` (your ports
//! only).
//!
//! Each test makes its own pool, so they run in parallel. The binary runs with
//! an empty environment (no AWS variables, no shared files) and piped standard
//! input, so it never prompts.
// Tests say what broke by panicking.

use crate::support as live_support;

use std::ops::RangeInclusive;

use crate::cli_runner::{Cli, Run};
use cognito::types::MessageActionType;
use cognito::{Attributes, Cognito, CreateUserOptions};
use live_support::{
    admin, create_client, create_pool, local_code, local_endpoint, moto_endpoint, pool_admin,
    LOCAL_REGION, MOTO_REGION,
};
use serde_json::{json, Value};

/// Test passwords (not secrets) that meet moto's default policy; no run may print them.
const PASSWORD: &str = "Cli-Passw0rd!";
const NEW_PASSWORD: &str = "Cli-N3w-Passw0rd!";
const TEMPORARY: &str = "Cli-T3mp-Passw0rd!";
const PASSWORDS: [&str; 3] = [PASSWORD, NEW_PASSWORD, TEMPORARY];

/// A pool and an app client on one emulator.
struct Pool {
    endpoint: String,
    region: &'static str,
    id: String,
    client_id: String,
    /// The client's secret, when it has one (given to the binary as COGNITO_CLIENT_SECRET).
    client_secret: Option<String>,
}

impl Pool {
    /// A pool on moto and a public client.
    fn moto(name: &str) -> Self {
        let endpoint = moto_endpoint();
        Self::create(endpoint, MOTO_REGION, json!({"PoolName": name}), false)
    }

    /// A pool on moto whose users sign in by email, and a client with a secret.
    fn moto_email_with_secret(name: &str) -> Self {
        let endpoint = moto_endpoint();
        let request = json!({"PoolName": name, "UsernameAttributes": ["email"]});
        Self::create(endpoint, MOTO_REGION, request, true)
    }

    /// A pool on cognito-local that auto-verifies email (codes go there), and a public client.
    fn local(name: &str) -> Self {
        let endpoint = local_endpoint();
        let request = json!({"PoolName": name, "AutoVerifiedAttributes": ["email"]});
        Self::create(endpoint, LOCAL_REGION, request, false)
    }

    fn create(endpoint: String, region: &'static str, request: Value, secret: bool) -> Self {
        let admin = admin(region, &endpoint);
        let id = create_pool(&admin, &request);
        let client = create_client(
            &admin,
            &json!({"UserPoolId": id, "ClientName": "cli", "GenerateSecret": secret,
                    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH",
                                          "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}),
        );
        Pool {
            endpoint,
            region,
            id,
            client_secret: secret.then(|| client.secret.expect("a generated client secret")),
            client_id: client.id,
        }
    }

    /// The binary aimed at this pool: `--endpoint`, the pool, client and
    /// client secret from their variables.
    fn cli(&self, args: &[&str]) -> Cli {
        let cli = Cli::bare()
            .args(&["--endpoint", &self.endpoint])
            .env("COGNITO_USER_POOL_ID", &self.id)
            .env("COGNITO_CLIENT_ID", &self.client_id)
            .args(args);
        match &self.client_secret {
            Some(secret) => cli.env("COGNITO_CLIENT_SECRET", secret),
            None => cli,
        }
    }

    /// The same with dummy AWS keys, for the signed commands.
    fn signed(&self, args: &[&str]) -> Cli {
        self.cli(args).aws_keys()
    }

    /// A library handle for set-up the commands under test do not do.
    fn admin(&self) -> Cognito {
        pool_admin(self.region, &self.endpoint, &self.id)
    }

    /// A confirmed user with `PASSWORD`, made through the library.
    fn confirmed_user(&self, username: &str) {
        let admin = self.admin();
        admin
            .admin_create_user(
                username,
                &Attributes::new().with("email", format!("{username}@example.com")),
                &CreateUserOptions {
                    message_action: Some(MessageActionType::Suppress),
                    temporary_password: Some(TEMPORARY),
                    ..CreateUserOptions::default()
                },
            )
            .unwrap();
        admin
            .admin_set_user_password(username, PASSWORD, true)
            .unwrap();
    }

    /// The issuer moto puts in its tokens: the AWS form, whatever the endpoint.
    fn aws_issuer(&self) -> String {
        format!(
            "https://cognito-idp.{}.amazonaws.com/{}",
            self.region, self.id
        )
    }
}

fn str_at(value: &Value, pointer: &str) -> String {
    live_support::str_at(value, pointer, "the JSON")
}

/// Runs the binary and checks that no password reached either stream.
fn run(cli: &Cli) -> Run {
    let run = cli.run();
    for password in PASSWORDS {
        assert!(
            !run.shows(password),
            "a password was printed ({password}): {run:?}"
        );
    }
    run
}

/// Runs the binary, expects exit 0 and JSON on standard output.
fn json(cli: &Cli, what: &str) -> Value {
    let out = run(cli);
    assert_eq!(out.code, 0, "{what}: exit status: {out:?}");
    out.json()
}

/// Runs the binary, expects `code` and standard error starting with `first`
/// (a Cognito error code, a failure kind, a challenge name or `error`).
fn fails(cli: &Cli, code: i32, first: &str, what: &str) -> Run {
    let out = run(cli);
    assert_eq!(out.code, code, "{what}: exit status: {out:?}");
    let word = out
        .stderr
        .split(|c: char| c == ':' || c.is_whitespace())
        .next()
        .unwrap_or_default();
    assert_eq!(word, first, "{what}: first word of stderr: {out:?}");
    assert!(out.stdout.is_empty(), "{what}: nothing on stdout: {out:?}");
    out
}

/// `login`'s JSON: all three tokens, as JWTs except the refresh token.
fn assert_tokens(out: &Value, expires_in: RangeInclusive<u64>, what: &str) {
    for key in ["IdToken", "AccessToken"] {
        let token = out[key].as_str().unwrap_or_default();
        assert_eq!(token.split('.').count(), 3, "{what}: {key} is a JWT: {out}");
    }
    assert!(
        out["RefreshToken"].as_str().is_some_and(|t| !t.is_empty()),
        "{what}: a refresh token: {out}"
    );
    let seconds = out["ExpiresIn"].as_u64();
    assert!(
        seconds.is_some_and(|s| expires_in.contains(&s)),
        "{what}: ExpiresIn in {expires_in:?}: {out}"
    );
    assert_eq!(out["TokenType"], "Bearer", "{what}: TokenType");
}

/// Verifies a token from `login` or `refresh` against moto's keys, both ways
/// the command takes it on standard input: the access token on a line, the
/// id token from the JSON.
fn verify_on_moto(pool: &Pool, tokens: &Value, username: &str, what: &str) {
    let access = str_at(tokens, "/AccessToken");
    let claims = json(&pool.cli(&["verify"]).stdin(&format!("{access}\n")), what);
    assert_eq!(claims["iss"], pool.aws_issuer(), "{what}: access iss");
    assert_eq!(claims["token_use"], "access", "{what}: access token_use");
    assert_eq!(
        claims["client_id"],
        pool.client_id.as_str(),
        "{what}: client_id"
    );
    assert_eq!(claims["username"], username, "{what}: username");
    let claims = json(
        &pool
            .cli(&["verify", "--token-use", "id", "-"])
            .stdin(&tokens.to_string()),
        what,
    );
    assert_eq!(claims["iss"], pool.aws_issuer(), "{what}: id iss");
    assert_eq!(claims["token_use"], "id", "{what}: id token_use");
    assert_eq!(claims["aud"], pool.client_id.as_str(), "{what}: aud");
    assert_eq!(
        claims["cognito:username"], username,
        "{what}: cognito:username"
    );
}

#[test]
fn moto_login_with_each_flow_prints_tokens_that_verify_and_refresh() {
    let pool = Pool::moto("cli-login");
    pool.confirmed_user("alice");
    for flow in ["srp", "password", "admin"] {
        let what = format!("login --flow {flow}");
        let login = pool
            .signed(&["login", "alice", "--flow", flow])
            .env("COGNITO_PASSWORD", PASSWORD);
        let tokens = json(&login, &what);
        assert_tokens(&tokens, 3600..=3600, &what);
        verify_on_moto(&pool, &tokens, "alice", &what);

        // whoami: the access token from the environment, and from login's JSON on stdin.
        let user = json(
            &pool
                .cli(&["whoami"])
                .env("COGNITO_ACCESS_TOKEN", &str_at(&tokens, "/AccessToken")),
            "whoami (env)",
        );
        assert_eq!(user["Username"], "alice", "{what}: whoami username");
        assert_eq!(
            user["Attributes"]["email"], "alice@example.com",
            "{what}: whoami attributes"
        );
        assert!(
            user["Attributes"]["sub"].as_str().is_some(),
            "{what}: whoami sub: {user}"
        );
        let piped = json(
            &pool.cli(&["whoami"]).stdin(&tokens.to_string()),
            "whoami (stdin)",
        );
        assert_eq!(piped, user, "{what}: whoami from stdin");

        // refresh: from COGNITO_REFRESH_TOKEN, and from login's JSON on stdin;
        // moto issues no new refresh token, so the one used is printed again.
        let refresh_token = str_at(&tokens, "/RefreshToken");
        let refreshed = json(
            &pool
                .cli(&["refresh"])
                .env("COGNITO_REFRESH_TOKEN", &refresh_token),
            "refresh (env)",
        );
        assert_eq!(
            refreshed["RefreshToken"],
            refresh_token.as_str(),
            "{what}: the refresh token used is kept: {refreshed}"
        );
        assert_eq!(refreshed["ExpiresIn"], 3600, "{what}: refreshed ExpiresIn");
        assert_ne!(
            refreshed["AccessToken"], tokens["AccessToken"],
            "{what}: a new access token"
        );
        verify_on_moto(&pool, &refreshed, "alice", &format!("{what}, refreshed"));
        let refreshed = json(
            &pool.cli(&["refresh"]).stdin(&tokens.to_string()),
            "refresh (stdin)",
        );
        assert_eq!(
            refreshed["RefreshToken"],
            refresh_token.as_str(),
            "{what}: the unchanged refresh token is kept, so the output feeds refresh: {refreshed}"
        );
        verify_on_moto(
            &pool,
            &refreshed,
            "alice",
            &format!("{what}, refreshed from stdin"),
        );
    }
}

#[test]
fn moto_token_file_from_login_to_refresh_to_logout() {
    let pool = Pool::moto("cli-token-file");
    pool.confirmed_user("alice");
    let dir = std::env::temp_dir().join(format!("cognito-live-token-file-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("tokens.json").to_str().unwrap().to_owned();
    let read =
        || -> Value { serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap() };

    let out = json(
        &pool
            .cli(&["login", "alice", "--token-file", &file])
            .env("COGNITO_PASSWORD", PASSWORD),
        "login --token-file",
    );
    assert_eq!(
        out,
        json!({"TokenFile": file}),
        "login prints only the file"
    );
    let tokens = read();
    assert_tokens(&tokens, 3600..=3600, "the token file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "token file mode {mode:o}");
    }
    let user = json(
        &pool.cli(&["whoami", "--token-file", &file]),
        "whoami --token-file",
    );
    assert_eq!(user["Username"], "alice", "whoami --token-file");
    let claims = json(
        &pool.cli(&["verify", "--token-file", &file]),
        "verify --token-file",
    );
    assert_eq!(claims["username"], "alice", "verify --token-file");

    // moto rotates no refresh token: the file keeps the one it had.
    json(
        &pool.cli(&["refresh", "--token-file", &file]),
        "refresh --token-file",
    );
    let refreshed = read();
    assert_eq!(
        refreshed["RefreshToken"], tokens["RefreshToken"],
        "refresh token kept"
    );
    assert_eq!(refreshed["Username"], "alice", "Username kept");
    assert_ne!(
        refreshed["AccessToken"], tokens["AccessToken"],
        "a new access token"
    );
    verify_on_moto(&pool, &refreshed, "alice", "the refreshed token file");

    let out = json(
        &pool.cli(&["logout", "--token-file", &file]),
        "logout --token-file",
    );
    assert_eq!(out, json!({"SignedOut": true}), "logout");
    fails(
        &pool.cli(&["refresh", "--token-file", &file]),
        1,
        "NotAuthorizedException",
        "refresh after logout",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn moto_verify_refuses_another_client_and_the_wrong_token_use() {
    let pool = Pool::moto("cli-verify");
    pool.confirmed_user("alice");
    let tokens = json(
        &pool
            .cli(&["login", "alice", "--flow", "password"])
            .env("COGNITO_PASSWORD", PASSWORD),
        "login",
    );
    let access = str_at(&tokens, "/AccessToken");
    let id = str_at(&tokens, "/IdToken");
    fails(
        &pool
            .cli(&["--client-id", "someotherclient", "verify"])
            .stdin(&access),
        1,
        "wrong_client_id",
        "another client",
    );
    fails(
        &pool.cli(&["verify"]).stdin(&id),
        1,
        "wrong_token_use",
        "an id token as the access token",
    );
    fails(
        &pool.cli(&["verify", "--token-use", "id"]).stdin(&access),
        1,
        "wrong_token_use",
        "an access token as the id token",
    );
    // One character inside the signature (not its last, whose spare bits must stay zero).
    let at = access.len() - 10;
    let swap = if &access[at..=at] == "A" { "B" } else { "A" };
    let tampered = format!("{}{swap}{}", &access[..at], &access[at + 1..]);
    fails(
        &pool.cli(&["verify"]).stdin(&tampered),
        1,
        "signature_mismatch",
        "a tampered signature",
    );
}

#[test]
fn moto_change_password_then_logout() {
    let pool = Pool::moto("cli-session");
    pool.confirmed_user("alice");
    let tokens = json(
        &pool
            .cli(&["login", "alice"])
            .env("COGNITO_PASSWORD", PASSWORD),
        "login (srp)",
    );
    let access = str_at(&tokens, "/AccessToken");

    fails(
        &pool
            .cli(&["change-password"])
            .env("COGNITO_ACCESS_TOKEN", &access)
            .env("COGNITO_PASSWORD", TEMPORARY)
            .env("COGNITO_NEW_PASSWORD", NEW_PASSWORD),
        1,
        "NotAuthorizedException",
        "change-password with a wrong current password",
    );
    let changed = json(
        &pool
            .cli(&["change-password"])
            .env("COGNITO_ACCESS_TOKEN", &access)
            .env("COGNITO_PASSWORD", PASSWORD)
            .env("COGNITO_NEW_PASSWORD", NEW_PASSWORD),
        "change-password",
    );
    assert_eq!(
        changed,
        json!({"PasswordChanged": true}),
        "change-password output"
    );
    fails(
        &pool
            .cli(&["login", "alice", "--flow", "password"])
            .env("COGNITO_PASSWORD", PASSWORD),
        1,
        "NotAuthorizedException",
        "the old password after the change",
    );
    json(
        &pool
            .cli(&["login", "alice", "--flow", "password"])
            .env("COGNITO_PASSWORD", NEW_PASSWORD),
        "the new password after the change",
    );

    // The text form for people.
    let text = run(&pool
        .cli(&["whoami", "--output", "text"])
        .env("COGNITO_ACCESS_TOKEN", &access));
    let text = text.ok();
    assert!(
        text.stdout.contains("Username: alice") && text.stdout.contains("email: alice@example.com"),
        "whoami --output text: {text:?}"
    );
    assert!(
        serde_json::from_str::<Value>(&text.stdout).is_err(),
        "text is not JSON: {text:?}"
    );

    let out = json(&pool.cli(&["logout"]).stdin(&tokens.to_string()), "logout");
    assert_eq!(out, json!({"SignedOut": true}), "logout output");
    fails(
        &pool.cli(&["whoami"]).env("COGNITO_ACCESS_TOKEN", &access),
        1,
        "NotAuthorizedException",
        "whoami after logout",
    );
    fails(
        &pool
            .cli(&["refresh"])
            .env("COGNITO_REFRESH_TOKEN", &str_at(&tokens, "/RefreshToken")),
        1,
        "NotAuthorizedException",
        "refresh after logout",
    );
}

#[test]
fn moto_sign_up_confirm_and_reset_the_password() {
    let pool = Pool::moto("cli-signup");
    let signed_up = json(
        &pool
            .cli(&["sign-up", "carol", "--attr", "email=carol@example.com"])
            .env("COGNITO_PASSWORD", PASSWORD),
        "sign-up",
    );
    assert_eq!(signed_up["UserConfirmed"], false, "sign-up: unconfirmed");
    assert!(
        signed_up["UserSub"].as_str().is_some_and(|s| !s.is_empty()),
        "sign-up: sub: {signed_up}"
    );
    fails(
        &pool
            .cli(&["sign-up", "carol"])
            .stdin(&format!("{PASSWORD}\n")),
        1,
        "UsernameExistsException",
        "sign-up twice (the password from stdin)",
    );
    fails(
        &pool
            .cli(&["login", "carol"])
            .env("COGNITO_PASSWORD", PASSWORD),
        1,
        "UserNotConfirmedException",
        "login before confirming",
    );
    // moto takes any confirmation code.
    let confirmed = json(
        &pool
            .cli(&["confirm-sign-up", "carol"])
            .env("COGNITO_CODE", "000000"),
        "confirm-sign-up",
    );
    assert_eq!(
        confirmed,
        json!({"Username": "carol", "Confirmed": true}),
        "confirm-sign-up output"
    );
    json(
        &pool
            .cli(&["login", "carol"])
            .env("COGNITO_PASSWORD", PASSWORD),
        "login after confirming",
    );

    let sent = json(&pool.cli(&["forgot-password", "carol"]), "forgot-password");
    assert!(
        sent["CodeDeliveryDetails"]["DeliveryMedium"].is_string(),
        "forgot-password: where the code went: {sent}"
    );
    // moto takes any code that does not look like one of its own.
    let reset = json(
        &pool
            .cli(&["confirm-forgot-password", "carol"])
            .env("COGNITO_CODE", "123456")
            .env("COGNITO_NEW_PASSWORD", NEW_PASSWORD),
        "confirm-forgot-password",
    );
    assert_eq!(
        reset,
        json!({"Username": "carol", "PasswordReset": true}),
        "confirm-forgot-password output"
    );
    fails(
        &pool
            .cli(&["login", "carol", "--flow", "password"])
            .env("COGNITO_PASSWORD", PASSWORD),
        1,
        "NotAuthorizedException",
        "the old password after the reset",
    );
    json(
        &pool
            .cli(&["login", "carol", "--flow", "password"])
            .env("COGNITO_PASSWORD", NEW_PASSWORD),
        "the new password after the reset",
    );
}

#[test]
fn moto_admin_create_user_meets_new_password_required() {
    let pool = Pool::moto("cli-admin-create");
    let created = json(
        &pool
            .signed(&[
                "admin-create-user",
                "dave",
                "--attr",
                "email=dave@example.com",
            ])
            .env("COGNITO_PASSWORD", TEMPORARY),
        "admin-create-user",
    );
    assert_eq!(created["Username"], "dave", "created: username");
    assert_eq!(
        created["UserStatus"], "FORCE_CHANGE_PASSWORD",
        "created: status"
    );
    assert_eq!(
        created["Attributes"]["email"], "dave@example.com",
        "created: attributes"
    );
    fails(
        &pool
            .signed(&["admin-create-user", "dave"])
            .env("COGNITO_PASSWORD", TEMPORARY),
        1,
        "UsernameExistsException",
        "admin-create-user twice",
    );

    // Without COGNITO_NEW_PASSWORD and a terminal, the challenge stops the login.
    for flow in ["srp", "password"] {
        let out = fails(
            &pool
                .cli(&["login", "dave", "--flow", flow])
                .env("COGNITO_PASSWORD", TEMPORARY),
            3,
            "NEW_PASSWORD_REQUIRED",
            &format!("login --flow {flow} without a new password"),
        );
        assert!(
            out.stderr.contains("COGNITO_NEW_PASSWORD"),
            "the hint names the variable: {out:?}"
        );
    }
    let tokens = json(
        &pool
            .cli(&["login", "dave"])
            .env("COGNITO_PASSWORD", TEMPORARY)
            .env("COGNITO_NEW_PASSWORD", NEW_PASSWORD),
        "login answering NEW_PASSWORD_REQUIRED",
    );
    assert_tokens(
        &tokens,
        3600..=3600,
        "login answering NEW_PASSWORD_REQUIRED",
    );
    verify_on_moto(&pool, &tokens, "dave", "after NEW_PASSWORD_REQUIRED");
    let user = json(&pool.signed(&["admin-get-user", "dave"]), "admin-get-user");
    assert_eq!(
        user["UserStatus"], "CONFIRMED",
        "confirmed by the new password"
    );
    json(
        &pool
            .cli(&["login", "dave", "--flow", "password"])
            .env("COGNITO_PASSWORD", NEW_PASSWORD),
        "login with the new password",
    );
}

#[test]
fn moto_admin_users_and_groups() {
    let pool = Pool::moto("cli-admin");
    pool.confirmed_user("alice");
    pool.confirmed_user("albert");
    // A self-registered user, confirmed by the administrator.
    json(
        &pool
            .cli(&["sign-up", "bob", "--attr", "email=bob@example.com"])
            .env("COGNITO_PASSWORD", PASSWORD),
        "sign-up",
    );
    let before = json(&pool.signed(&["admin-get-user", "bob"]), "admin-get-user");
    assert_eq!(before["UserStatus"], "UNCONFIRMED", "bob before");
    let confirmed = json(
        &pool.signed(&["admin-confirm-sign-up", "bob"]),
        "admin-confirm-sign-up",
    );
    assert_eq!(
        confirmed,
        json!({"Username": "bob", "Confirmed": true}),
        "admin-confirm-sign-up output"
    );
    let bob = json(&pool.signed(&["admin-get-user", "bob"]), "admin-get-user");
    assert_eq!(bob["Username"], "bob", "bob: username");
    assert_eq!(bob["UserStatus"], "CONFIRMED", "bob: status");
    assert_eq!(bob["Enabled"], true, "bob: enabled");
    assert_eq!(bob["Attributes"]["email"], "bob@example.com", "bob: email");

    let names = |out: &Value| -> Vec<String> {
        let mut names: Vec<String> = out["Users"]
            .as_array()
            .unwrap_or_else(|| panic!("Users: {out}"))
            .iter()
            .map(|u| str_at(u, "/Username"))
            .collect();
        names.sort();
        names
    };
    let all = json(&pool.signed(&["list-users"]), "list-users");
    assert_eq!(names(&all), ["albert", "alice", "bob"], "every user");
    let filtered = json(
        &pool.signed(&["list-users", "--filter", "username ^= \"al\""]),
        "list-users --filter",
    );
    assert_eq!(names(&filtered), ["albert", "alice"], "prefix filter");
    let by_email = json(
        &pool.signed(&["list-users", "--filter", "email = \"bob@example.com\""]),
        "list-users --filter email",
    );
    assert_eq!(names(&by_email), ["bob"], "email filter");
    fails(
        &pool.signed(&["list-users", "--filter", "locale = \"en\""]),
        1,
        "InvalidParameterException",
        "a filter moto refuses",
    );

    let admin = pool.admin();
    admin
        .create_group("admins", Some("the administrators"), Some(1), None)
        .unwrap();
    admin.admin_add_user_to_group("alice", "admins").unwrap();
    let groups = json(&pool.signed(&["groups", "alice"]), "groups");
    assert_eq!(groups["Groups"][0]["GroupName"], "admins", "alice's group");
    assert_eq!(
        groups["Groups"][0]["Description"], "the administrators",
        "the group's description"
    );
    assert_eq!(
        groups["Groups"][0]["Precedence"], 1,
        "the group's precedence"
    );
    assert_eq!(
        json(&pool.signed(&["groups", "bob"]), "groups (none)"),
        json!({"Groups": []}),
        "bob has no groups"
    );
    let text = run(&pool.signed(&["groups", "alice", "--output", "text"]));
    assert_eq!(
        (text.code, text.stdout.as_str()),
        (0, "admins\n"),
        "groups as text"
    );

    let deleted = json(
        &pool.signed(&["admin-delete-user", "bob"]),
        "admin-delete-user",
    );
    assert_eq!(
        deleted,
        json!({"Username": "bob", "Deleted": true}),
        "admin-delete-user output"
    );
    fails(
        &pool.signed(&["admin-get-user", "bob"]),
        1,
        "UserNotFoundException",
        "admin-get-user after the delete",
    );
    fails(
        &pool.signed(&["admin-delete-user", "bob"]),
        1,
        "UserNotFoundException",
        "admin-delete-user twice",
    );
    // Without AWS credentials a signed command stops before sending anything.
    let out = fails(
        &pool.cli(&["admin-get-user", "alice"]),
        2,
        "error",
        "admin-get-user without credentials",
    );
    assert!(
        out.stderr.contains("AWS_ACCESS_KEY_ID"),
        "says where it looked: {out:?}"
    );
}

#[test]
fn moto_admin_groups_passwords_and_enabling_through_the_cli() {
    let pool = Pool::moto("cli-admin-more");
    pool.confirmed_user("carol");
    let created = json(
        &pool.signed(&[
            "create-group",
            "staff",
            "--description",
            "Staff",
            "--precedence",
            "2",
        ]),
        "create-group",
    );
    assert_eq!(
        created["Group"]["GroupName"], "staff",
        "create-group: {created}"
    );
    assert_eq!(created["Group"]["Precedence"], 2, "create-group: {created}");
    fails(
        &pool.signed(&["create-group", "staff"]),
        1,
        "GroupExistsException",
        "create-group twice",
    );
    assert_eq!(
        json(
            &pool.signed(&["add-user-to-group", "carol", "staff"]),
            "add-user-to-group"
        ),
        json!({"Username": "carol", "GroupName": "staff", "Added": true}),
        "add-user-to-group output"
    );
    let groups = json(&pool.signed(&["groups", "carol"]), "groups");
    assert_eq!(
        groups["Groups"][0]["GroupName"], "staff",
        "carol is in staff"
    );
    json(
        &pool.signed(&["remove-user-from-group", "carol", "staff"]),
        "remove-user-from-group",
    );
    assert_eq!(
        json(&pool.signed(&["groups", "carol"]), "groups after removal"),
        json!({"Groups": []}),
        "carol is in no group"
    );

    // A permanent password set by the administrator signs in; the old one does not.
    let set = json(
        &pool
            .signed(&["admin-set-user-password", "carol"])
            .env("COGNITO_NEW_PASSWORD", NEW_PASSWORD),
        "admin-set-user-password",
    );
    assert_eq!(set["Permanent"], true, "permanent by default: {set}");
    let login = |password: &str| {
        pool.cli(&["login", "--flow", "password"])
            .env("COGNITO_USERNAME", "carol")
            .env("COGNITO_PASSWORD", password)
    };
    assert_tokens(
        &json(&login(NEW_PASSWORD), "login with the new password"),
        1..=86_400,
        "login",
    );
    fails(
        &login(PASSWORD),
        1,
        "NotAuthorizedException",
        "the old password",
    );
    // No password anywhere: exit 2 naming the variable, nothing sent.
    let out = fails(
        &pool.signed(&["admin-set-user-password", "carol"]),
        2,
        "error",
        "admin-set-user-password without a password",
    );
    assert!(
        out.stderr.contains("COGNITO_NEW_PASSWORD"),
        "names the variable: {out:?}"
    );
    // A temporary one makes the next sign-in ask for a new password.
    json(
        &pool
            .signed(&["admin-set-user-password", "carol", "--temporary"])
            .env("COGNITO_NEW_PASSWORD", TEMPORARY),
        "admin-set-user-password --temporary",
    );
    fails(
        &login(TEMPORARY),
        3,
        "NEW_PASSWORD_REQUIRED",
        "a temporary password",
    );

    // Disabled users cannot sign in; enabled again, they can.
    json(
        &pool
            .signed(&["admin-set-user-password", "carol"])
            .env("COGNITO_NEW_PASSWORD", PASSWORD),
        "back to a permanent password",
    );
    json(
        &pool.signed(&["admin-disable-user", "carol"]),
        "admin-disable-user",
    );
    let user = json(&pool.signed(&["admin-get-user", "carol"]), "admin-get-user");
    assert_eq!(user["Enabled"], false, "disabled: {user}");
    fails(
        &login(PASSWORD),
        1,
        "NotAuthorizedException",
        "a disabled user",
    );
    json(
        &pool.signed(&["admin-enable-user", "carol"]),
        "admin-enable-user",
    );
    assert_tokens(
        &json(&login(PASSWORD), "login when enabled"),
        1..=86_400,
        "login",
    );

    // Cognito sends the reset code to a verified address: none yet, so it refuses.
    fails(
        &pool.signed(&["admin-reset-user-password", "carol"]),
        1,
        "InvalidParameterException",
        "a reset with no verified email",
    );
    pool.admin()
        .admin_update_profile("carol", &Attributes::new().with("email_verified", "true"))
        .unwrap();
    let reset = json(
        &pool.signed(&["admin-reset-user-password", "carol"]),
        "admin-reset-user-password",
    );
    assert_eq!(reset["ResetRequired"], true, "reset: {reset}");
    let user = json(&pool.signed(&["admin-get-user", "carol"]), "admin-get-user");
    assert_eq!(
        user["UserStatus"], "RESET_REQUIRED",
        "after the reset: {user}"
    );
}

#[test]
fn moto_a_client_with_a_secret_signs_in_by_email_and_refreshes_as_the_sub() {
    // moto checks SECRET_HASH on USER_SRP_AUTH and REFRESH_TOKEN_AUTH; in an
    // email pool the Cognito username (the access token's `username`) is the sub.
    let pool = Pool::moto_email_with_secret("cli-secret");
    let secret = pool.client_secret.clone().unwrap();
    let quiet = |cli: &Cli| {
        let out = run(cli);
        assert!(
            !out.shows(&secret),
            "the client secret was printed: {out:?}"
        );
        out
    };
    let email = "zoe@example.com";
    let signed_up = quiet(
        &pool
            .cli(&["sign-up", email])
            .env("COGNITO_PASSWORD", PASSWORD),
    );
    assert_eq!(signed_up.code, 0, "sign-up: {signed_up:?}");
    let sub = str_at(&signed_up.json(), "/UserSub");
    json(
        &pool.signed(&["admin-confirm-sign-up", email]),
        "admin-confirm-sign-up",
    );
    let login = quiet(
        &pool
            .cli(&["login", email])
            .env("COGNITO_PASSWORD", PASSWORD),
    );
    assert_eq!(login.code, 0, "login (srp) by email: {login:?}");
    let tokens = login.json();
    verify_on_moto(&pool, &tokens, &sub, "login by email");

    let refresh_token = str_at(&tokens, "/RefreshToken");
    let out = quiet(
        &pool
            .cli(&["refresh"])
            .env("COGNITO_REFRESH_TOKEN", &refresh_token),
    );
    assert_eq!(out.code, 2, "refresh without a username: {out:?}");
    assert!(
        out.stderr.starts_with("error:") && out.stderr.contains("--username"),
        "refresh without a username says what to pass: {out:?}"
    );
    for (what, cli) in [
        (
            "refresh --username SUB",
            pool.cli(&["refresh", "--username", &sub])
                .env("COGNITO_REFRESH_TOKEN", &refresh_token),
        ),
        (
            "refresh, the username from login's access token on stdin",
            pool.cli(&["refresh"]).stdin(&tokens.to_string()),
        ),
    ] {
        let out = quiet(&cli);
        assert_eq!(out.code, 0, "{what}: {out:?}");
        verify_on_moto(&pool, &out.json(), &sub, what);
    }
    // SECRET_HASH over the email is not the one moto expects. (moto's message is
    // the hash it computed, so only the code is asserted.)
    let out = quiet(
        &pool
            .cli(&["refresh", "--username", email])
            .env("COGNITO_REFRESH_TOKEN", &refresh_token),
    );
    assert_eq!(out.code, 1, "refresh --username EMAIL: {out:?}");
    assert!(
        out.stderr.starts_with("NotAuthorizedException"),
        "refresh --username EMAIL: {out:?}"
    );
}

#[test]
fn cognito_local_checks_codes_and_verify_takes_its_issuer() {
    let pool = Pool::local("cli-local");
    let code = local_code();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let signed_up = json(
        &pool
            .cli(&["sign-up", "erin", "--attr", "email=erin@example.com"])
            .env("COGNITO_PASSWORD", PASSWORD),
        "sign-up",
    );
    assert_eq!(signed_up["UserConfirmed"], false, "sign-up: unconfirmed");
    assert_eq!(
        signed_up["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL",
        "sign-up: the code went by email: {signed_up}"
    );
    fails(
        &pool
            .cli(&["confirm-sign-up", "erin"])
            .env("COGNITO_CODE", wrong),
        1,
        "CodeMismatchException",
        "confirm-sign-up with a wrong code",
    );
    json(
        &pool
            .cli(&["confirm-sign-up", "erin"])
            .env("COGNITO_CODE", &code),
        "confirm-sign-up with the code",
    );

    let tokens = json(
        &pool
            .cli(&["login", "erin", "--flow", "password"])
            .env("COGNITO_PASSWORD", PASSWORD),
        "login --flow password",
    );
    // cognito-local sends neither ExpiresIn nor TokenType: the library fills
    // them in, ExpiresIn from the access token's exp (a day by default).
    assert_tokens(&tokens, 86_000..=86_400, "login --flow password");
    let issuer = format!("{}/{}", pool.endpoint.trim_end_matches('/'), pool.id);
    let access = str_at(&tokens, "/AccessToken");
    let claims = json(
        &pool.cli(&["verify", "--issuer", &issuer]).stdin(&access),
        "verify --issuer",
    );
    assert_eq!(claims["iss"], issuer.as_str(), "access iss");
    assert_eq!(claims["token_use"], "access", "access token_use");
    assert_eq!(claims["client_id"], pool.client_id.as_str(), "client_id");
    let claims = json(
        &pool
            .cli(&["verify", "--issuer", &issuer, "--token-use", "id"])
            .stdin(&tokens.to_string()),
        "verify --issuer --token-use id",
    );
    assert_eq!(claims["cognito:username"], "erin", "id cognito:username");
    assert_eq!(claims["aud"], pool.client_id.as_str(), "aud");
    fails(
        &pool.cli(&["verify"]).stdin(&access),
        1,
        "wrong_issuer",
        "verify expecting the AWS issuers",
    );

    let text = run(&pool
        .cli(&["whoami", "--output", "text"])
        .stdin(&tokens.to_string()));
    let text = text.ok();
    assert!(
        text.stdout.contains("Username: erin") && text.stdout.contains("email: erin@example.com"),
        "whoami --output text: {text:?}"
    );

    // Password reset, the code checked.
    json(&pool.cli(&["forgot-password", "erin"]), "forgot-password");
    fails(
        &pool
            .cli(&["confirm-forgot-password", "erin"])
            .env("COGNITO_CODE", wrong)
            .env("COGNITO_NEW_PASSWORD", NEW_PASSWORD),
        1,
        "CodeMismatchException",
        "confirm-forgot-password with a wrong code",
    );
    json(
        &pool
            .cli(&["confirm-forgot-password", "erin"])
            .env("COGNITO_CODE", &code)
            .env("COGNITO_NEW_PASSWORD", NEW_PASSWORD),
        "confirm-forgot-password with the code",
    );
    json(
        &pool
            .cli(&["login", "erin", "--flow", "password"])
            .env("COGNITO_PASSWORD", NEW_PASSWORD),
        "login with the reset password",
    );
}
