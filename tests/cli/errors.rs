//! The command line's exit statuses and messages: usage and configuration
//! errors (2) that say what to set, service errors (1) with the code first,
//! help and version.

use crate::support as cli_support;

use cli_support::{error, Cli, Stub};
use serde_json::json;

#[test]
fn usage_errors_exit_2() {
    for (args, says) in [
        (&[][..], "no command"),
        (&["frobnicate"], "unknown command"),
        (&["admin-get-user"], "needs USERNAME"),
        (&["whoami", "--output", "yaml"], "--output"),
        (&["login", "alice", "--flow", "magic"], "--flow"),
    ] {
        let run = Cli::bare().args(args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(run.stderr.starts_with("error: "), "{args:?}: {run:?}");
        assert!(
            run.stderr.contains(says),
            "{args:?} should say {says}: {run:?}"
        );
        assert!(run.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
}

#[test]
fn a_missing_pool_id_names_the_option_and_the_variable() {
    let run = Cli::bare().args(&["admin-get-user", "alice"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--pool-id"), "{run:?}");
    assert!(run.stderr.contains("COGNITO_USER_POOL_ID"), "{run:?}");
    let run = Cli::bare()
        .args(&["sign-up", "alice"])
        .env("COGNITO_USER_POOL_ID", "us-east-1_Stub")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("--client-id") && run.stderr.contains("COGNITO_CLIENT_ID"),
        "{run:?}"
    );
}

#[test]
fn an_invalid_pool_id_names_where_it_came_from() {
    let run = Cli::bare()
        .args(&["--pool-id", "not a pool", "admin-get-user", "alice"])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("invalid pool id") && run.stderr.contains("--pool-id"),
        "{run:?}"
    );
}

#[test]
fn an_unreachable_endpoint_names_its_url() {
    // A port that was free a moment ago: nothing listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let run = Cli::bare()
        .args(&["confirm-sign-up", "alice", "--endpoint", &url])
        .env("COGNITO_CODE", "123456")
        .env("COGNITO_USER_POOL_ID", "us-east-1_Stub")
        .env("COGNITO_CLIENT_ID", "client-1")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains(&url), "names the URL: {run:?}");
    assert!(
        run.stderr.contains("--endpoint"),
        "and where it came from: {run:?}"
    );
    let run = Cli::bare()
        .args(&["confirm-sign-up", "alice"])
        .env("COGNITO_CODE", "123456")
        .env("COGNITO_USER_POOL_ID", "us-east-1_Stub")
        .env("COGNITO_CLIENT_ID", "client-1")
        .env("AWS_ENDPOINT_URL", &url)
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("AWS_ENDPOINT_URL"),
        "the variable: {run:?}"
    );
}

#[test]
fn a_signed_command_without_credentials_says_where_it_looked() {
    let stub = Stub::start(&[("AdminGetUser", 200, json!({"Username": "alice"}))]);
    let run = Cli::new(&stub).args(&["admin-get-user", "alice"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("AWS_ACCESS_KEY_ID"),
        "the variables: {run:?}"
    );
    assert!(run.stderr.contains("credentials"), "the files: {run:?}");
    assert!(stub.requests().is_empty(), "nothing sent unsigned");
}

#[test]
fn service_errors_exit_1_with_the_code_first() {
    let stub = Stub::start(&[
        (
            "AdminGetUser",
            400,
            error("UserNotFoundException", "User does not exist."),
        ),
        (
            "GetUser",
            400,
            error("NotAuthorizedException", "Access Token has been revoked"),
        ),
    ]);
    let run = Cli::new(&stub)
        .aws_keys()
        .args(&["admin-get-user", "ghost"])
        .run();
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr, "UserNotFoundException: User does not exist.\n",
        "message"
    );
    let revoked = cli_support::jwt(json!({"username": "alice", "marker": "revoked-token-value"}));
    let run = Cli::new(&stub)
        .args(&["whoami"])
        .env("COGNITO_ACCESS_TOKEN", &revoked)
        .run();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.starts_with("NotAuthorizedException: "),
        "{run:?}"
    );
    assert!(!run.shows(&revoked), "token not printed");
}

#[test]
fn a_token_that_is_not_a_jwt_is_refused_before_sending() {
    let stub = Stub::start(&[]);
    for command in ["whoami", "logout"] {
        let run = Cli::new(&stub)
            .args(&[command])
            .env("COGNITO_ACCESS_TOKEN", "pasted-garbage-value")
            .run();
        assert_eq!(run.code, 2, "{command}: {run:?}");
        assert!(
            run.stderr.contains("not a readable JWT"),
            "{command}: {run:?}"
        );
        assert!(
            !run.shows("pasted-garbage-value"),
            "{command}: token not printed"
        );
    }
    assert!(stub.requests().is_empty(), "nothing was sent");
}

#[test]
fn a_non_cognito_error_page_exits_1_and_names_the_endpoint() {
    let stub = Stub::start(&[("ConfirmSignUp", 502, json!("bad gateway"))]);
    let run = Cli::new(&stub)
        .args(&["confirm-sign-up", "alice"])
        .env("COGNITO_CODE", "1")
        .run();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("502") && run.stderr.contains(&stub.url),
        "{run:?}"
    );
}

#[test]
fn a_missing_token_says_where_it_comes_from() {
    let stub = Stub::start(&[]);
    for (command, var) in [
        ("whoami", "COGNITO_ACCESS_TOKEN"),
        ("logout", "COGNITO_ACCESS_TOKEN"),
        ("refresh", "COGNITO_REFRESH_TOKEN"),
    ] {
        let run = Cli::new(&stub).args(&[command]).run();
        assert_eq!(run.code, 2, "{command}: {run:?}");
        assert!(run.stderr.contains(var), "{command}: {run:?}");
    }
}

#[test]
fn help_on_every_command_has_an_example() {
    let overview = Cli::bare().args(&["--help"]).run().ok();
    let commands = [
        "login",
        "sign-up",
        "confirm-sign-up",
        "forgot-password",
        "confirm-forgot-password",
        "change-password",
        "whoami",
        "refresh",
        "logout",
        "admin-get-user",
        "admin-create-user",
        "admin-delete-user",
        "admin-confirm-sign-up",
        "list-users",
        "groups",
        "verify",
    ];
    for command in commands {
        assert!(
            overview.stdout.contains(command),
            "overview lists {command}"
        );
        let run = Cli::bare().args(&[command, "--help"]).run().ok();
        assert!(
            run.stdout.contains(&format!("Usage: cognito {command}")),
            "{command}"
        );
        assert!(
            run.stdout.contains("Example:\n  "),
            "{command} has an example"
        );
        assert!(
            run.stdout.contains("--pool-id"),
            "{command} lists the globals"
        );
    }
    assert!(
        overview.stdout.contains("Exit status"),
        "exit codes documented"
    );
}

#[test]
fn version() {
    let run = Cli::bare().args(&["--version"]).run().ok();
    assert_eq!(
        run.stdout,
        format!("cognito {}\n", env!("CARGO_PKG_VERSION")),
        "version"
    );
}
