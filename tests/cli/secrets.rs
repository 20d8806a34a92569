//! Secrets and the terminal (security issue): no secret is taken from the
//! command line, tokens go to a private file with `--token-file`, `refresh`
//! output feeds `refresh`, and control characters from Cognito never reach
//! the terminal raw.

use crate::support as cli_support;

use std::fs;
use std::path::PathBuf;

use cli_support::{access_token, error, id_token, tokens_reply, Cli, Stub};
use cognito::Tokens;
use serde_json::json;

const PASSWORD: &str = "Corr3ct-Horse!";
/// A value that must never be echoed.
const SECRET: &str = "s3cret-value-42";

/// A fresh directory for token files, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("cognito-cli-secrets-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn refused(run: &cli_support::Run, variable: &str, what: &str) {
    assert_eq!(run.code, 2, "{what}: {run:?}");
    assert!(
        run.stderr.contains(variable),
        "{what} names {variable}: {run:?}"
    );
    assert!(!run.shows(SECRET), "{what} echoed the secret: {run:?}");
}

#[test]
fn codes_are_never_arguments() {
    let stub = Stub::start(&[
        ("ConfirmSignUp", 200, json!({})),
        ("ConfirmForgotPassword", 200, json!({})),
    ]);
    for args in [
        &["confirm-sign-up", "alice", SECRET][..],
        &["confirm-forgot-password", "alice", SECRET],
        &["confirm-sign-up", "alice", "--code", SECRET],
        &["confirm-sign-up", "alice", &format!("--code={SECRET}")],
    ] {
        let run = Cli::new(&stub)
            .args(args)
            .env("COGNITO_NEW_PASSWORD", PASSWORD)
            .run();
        refused(&run, "COGNITO_CODE", &format!("{args:?}"));
    }
    assert!(stub.requests().is_empty(), "nothing sent");
}

#[test]
fn codes_come_from_cognito_code_or_standard_input() {
    let stub = Stub::start(&[
        ("ConfirmSignUp", 200, json!({})),
        ("ConfirmForgotPassword", 200, json!({})),
    ]);
    Cli::new(&stub)
        .args(&["confirm-sign-up", "alice"])
        .env("COGNITO_CODE", "123456")
        .run()
        .ok();
    Cli::new(&stub)
        .args(&["confirm-sign-up", "alice"])
        .stdin("234567\n")
        .run()
        .ok();
    // The code first, then the new password, one a line.
    Cli::new(&stub)
        .args(&["confirm-forgot-password", "alice"])
        .stdin(&format!("345678\n{PASSWORD}\n"))
        .run()
        .ok();
    let codes: Vec<_> = stub
        .requests()
        .iter()
        .map(|r| r.body["ConfirmationCode"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["123456", "234567", "345678"], "codes");
    assert_eq!(
        stub.calls("ConfirmForgotPassword")[0].body["Password"],
        PASSWORD,
        "password after the code"
    );
    let run = Cli::new(&stub).args(&["confirm-sign-up", "alice"]).run();
    assert_eq!(run.code, 2, "no code anywhere: {run:?}");
    assert!(run.stderr.contains("COGNITO_CODE"), "{run:?}");
}

#[test]
fn the_client_secret_is_never_an_argument() {
    let stub = Stub::start(&[("InitiateAuth", 200, tokens_reply("alice"))]);
    for args in [
        &["--client-secret", SECRET, "login", "alice"][..],
        &["login", "alice", &format!("--client-secret={SECRET}")],
    ] {
        let run = Cli::new(&stub)
            .args(args)
            .env("COGNITO_PASSWORD", PASSWORD)
            .run();
        refused(&run, "COGNITO_CLIENT_SECRET", &format!("{args:?}"));
    }
    assert!(stub.requests().is_empty(), "nothing sent");
}

#[test]
fn verify_takes_the_token_only_from_standard_input() {
    let stub = Stub::start(&[]);
    let token = format!("eyJ{SECRET}.e30.c2ln");
    let run = Cli::new(&stub).args(&["verify", &token]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("standard input"), "{run:?}");
    assert!(!run.shows(SECRET), "echoed: {run:?}");
    assert!(stub.requests().is_empty(), "nothing fetched");
}

#[test]
fn login_token_file_is_private_and_holds_what_login_prints() {
    let dir = Scratch::new("login");
    let path = dir.file("tokens.json");
    let stub = Stub::start(&[("InitiateAuth", 200, tokens_reply("alice"))]);
    let printed = Cli::new(&stub)
        .args(&["login", "alice", "--flow", "password"])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run()
        .ok();
    let run = Cli::new(&stub)
        .args(&[
            "login",
            "alice",
            "--flow",
            "password",
            "--token-file",
            &path,
        ])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run()
        .ok();
    assert!(!run.stdout.contains("eyJ"), "no token on stdout: {run:?}");
    assert_eq!(run.json()["TokenFile"], path.as_str(), "names the file");
    let written: Tokens = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    let shown: Tokens = serde_json::from_str(&printed.stdout).unwrap();
    assert_eq!(written.access_token, shown.access_token, "access token");
    assert_eq!(written.refresh_token, shown.refresh_token, "refresh token");
    assert_eq!(written.username.as_deref(), Some("alice"), "username");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
    }
    // A second login replaces the file whole.
    Cli::new(&stub)
        .args(&[
            "login",
            "alice",
            "--flow",
            "password",
            "--token-file",
            &path,
        ])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run()
        .ok();
    let again: Tokens = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(again.username.as_deref(), Some("alice"), "rewritten");
}

fn renewed_without_rotation() -> serde_json::Value {
    json!({"AuthenticationResult": {
        "IdToken": id_token("alice"),
        "AccessToken": access_token("alice"),
        "ExpiresIn": 3600, "TokenType": "Bearer"
    }})
}

#[test]
fn refresh_token_file_is_rewritten_keeping_the_refresh_token_and_username() {
    let dir = Scratch::new("refresh");
    let path = dir.file("tokens.json");
    let old = Tokens {
        access_token: Some("old-access".into()),
        refresh_token: Some("kept-refresh".into()),
        username: Some("alice@example.com".into()),
        ..Tokens::default()
    };
    fs::write(&path, serde_json::to_string(&old).unwrap()).unwrap();
    let stub = Stub::start(&[("InitiateAuth", 200, renewed_without_rotation())]);
    let run = Cli::new(&stub)
        .args(&["refresh", "--token-file", &path])
        .run()
        .ok();
    assert!(!run.stdout.contains("eyJ"), "no token on stdout: {run:?}");
    assert_eq!(
        stub.calls("InitiateAuth")[0].body["AuthParameters"]["REFRESH_TOKEN"],
        "kept-refresh",
        "read from the file"
    );
    let new: Tokens = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        new.refresh_token.as_ref().map(|t| t.expose_secret()),
        Some("kept-refresh"),
        "refresh token kept"
    );
    assert_eq!(
        new.username.as_deref(),
        Some("alice@example.com"),
        "username kept"
    );
    assert_eq!(
        new.access_token
            .as_ref()
            .map(|t| t.expose_secret().to_owned()),
        Some(access_token("alice")),
        "new access token"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
    }
}

#[test]
fn refresh_output_feeds_refresh() {
    let stub = Stub::start(&[("InitiateAuth", 200, renewed_without_rotation())]);
    let first = Cli::new(&stub)
        .args(&["refresh"])
        .env("COGNITO_REFRESH_TOKEN", "kept-refresh")
        .run()
        .ok();
    assert_eq!(
        first.json()["RefreshToken"],
        "kept-refresh",
        "kept when not rotated"
    );
    Cli::new(&stub)
        .args(&["refresh"])
        .stdin(&first.stdout)
        .run()
        .ok();
    let calls = stub.calls("InitiateAuth");
    assert_eq!(
        calls[1].body["AuthParameters"]["REFRESH_TOKEN"], "kept-refresh",
        "the second refresh read the first's output"
    );
}

#[test]
fn token_commands_read_a_token_file() {
    let dir = Scratch::new("readers");
    let path = dir.file("tokens.json");
    let token = access_token("alice");
    let tokens = Tokens {
        access_token: Some(token.clone().into()),
        refresh_token: Some("r".into()),
        ..Tokens::default()
    };
    fs::write(&path, serde_json::to_string(&tokens).unwrap()).unwrap();
    let stub = Stub::start(&[
        (
            "GetUser",
            200,
            json!({"Username": "alice", "UserAttributes": []}),
        ),
        ("GlobalSignOut", 200, json!({})),
        ("ChangePassword", 200, json!({})),
    ]);
    for (args, op) in [
        (&["whoami", "--token-file", &path][..], "GetUser"),
        (
            &["change-password", "--token-file", &path],
            "ChangePassword",
        ),
        (&["logout", "--token-file", &path], "GlobalSignOut"),
    ] {
        Cli::new(&stub)
            .args(args)
            // Ignored: the file is the token source.
            .env("COGNITO_ACCESS_TOKEN", "not-this-one")
            .env("COGNITO_PASSWORD", PASSWORD)
            .env("COGNITO_NEW_PASSWORD", "N3w-Passw0rd!")
            .run()
            .ok();
        assert_eq!(
            stub.calls(op)[0].body["AccessToken"],
            token.as_str(),
            "{op}"
        );
    }
    // An expired access token and no refresh token in the file: nothing sent.
    let expired = cli_support::jwt(
        json!({"token_use": "access", "username": "alice", "exp": cli_support::now() - 60}),
    );
    let stale = dir.file("stale.json");
    fs::write(
        &stale,
        serde_json::to_string(&json!({"AccessToken": expired})).unwrap(),
    )
    .unwrap();
    let before = stub.requests().len();
    let run = Cli::new(&stub)
        .args(&["change-password", "--token-file", &stale])
        .env("COGNITO_PASSWORD", PASSWORD)
        .env("COGNITO_NEW_PASSWORD", "N3w-Passw0rd!")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("stale.json") && run.stderr.contains("sign in again"),
        "{run:?}"
    );
    assert_eq!(stub.requests().len(), before, "nothing sent");

    let missing = dir.file("missing.json");
    let run = Cli::new(&stub)
        .args(&["whoami", "--token-file", &missing])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("missing.json") && run.stderr.contains("cognito login"),
        "{run:?}"
    );
    let run = Cli::new(&stub)
        .aws_keys()
        .args(&["admin-get-user", "alice", "--token-file", &path])
        .run();
    assert_eq!(run.code, 2, "not an option of admin commands: {run:?}");
}

#[test]
fn control_characters_are_escaped_in_text_output() {
    let stub = Stub::start(&[(
        "GetUser",
        200,
        json!({"Username": "alice", "UserAttributes": [
            {"Name": "name", "Value": "\u{1b}]0;owned\u{7}\u{1b}[2J evil\u{9b}1m"},
        ]}),
    )]);
    let run = Cli::new(&stub)
        .args(&["--output", "text", "whoami"])
        .env("COGNITO_ACCESS_TOKEN", &access_token("alice"))
        .run()
        .ok();
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'),
        "raw escapes: {:?}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{9b}'), "raw C1: {:?}", run.stdout);
    assert!(
        run.stdout
            .contains("name: \\u{1b}]0;owned\\u{7}\\u{1b}[2J evil\\u{9b}1m\n"),
        "visible: {:?}",
        run.stdout
    );
    // JSON keeps the value, escaped the JSON way.
    let run = Cli::new(&stub)
        .args(&["whoami"])
        .env("COGNITO_ACCESS_TOKEN", &access_token("alice"))
        .run()
        .ok();
    assert!(!run.stdout.contains('\u{9b}'), "raw C1: {:?}", run.stdout);
    assert_eq!(
        run.json()["Attributes"]["name"],
        "\u{1b}]0;owned\u{7}\u{1b}[2J evil\u{9b}1m",
        "same value"
    );
}

#[test]
fn control_characters_are_escaped_in_service_messages() {
    let stub = Stub::start(&[(
        "InitiateAuth",
        400,
        error(
            "NotAuthorizedException",
            "Incorrect\u{1b}[8m username\u{7} or\r password.",
        ),
    )]);
    let run = Cli::new(&stub)
        .args(&["login", "alice", "--flow", "password"])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        !run.stderr.contains('\u{1b}')
            && !run.stderr.contains('\u{7}')
            && !run.stderr.contains('\r'),
        "raw escapes: {:?}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Incorrect\\u{1b}[8m username\\u{7} or\\u{d} password."),
        "visible: {:?}",
        run.stderr
    );
}
