//! The argument parser against the command table: every command, options
//! anywhere, secrets refused without echo, usage errors, help and version.

use std::ffi::OsString;

use crate::args::{parse, Command, LoginFlow, Parsed, UsageError};
use crate::help;
use crate::output::Format;

fn run(args: &[&str]) -> Result<Parsed, UsageError> {
    parse(args.iter().map(OsString::from))
}

fn command(args: &[&str]) -> Command {
    match run(args) {
        Ok(Parsed::Run(cli)) => cli.command,
        other => panic!("{args:?} gave {other:?}"),
    }
}

fn error(args: &[&str]) -> String {
    match run(args) {
        Err(e) => e.message,
        other => panic!("{args:?} should fail, gave {other:?}"),
    }
}

#[test]
fn every_command_in_the_table_parses() {
    for spec in help::COMMANDS {
        let mut args = vec![spec.name];
        // `verify`'s only positional is `-` (standard input).
        args.extend(spec.positionals.iter().map(|p| match *p {
            "[-]" => "-",
            "SHELL" => "bash",
            _ => "x",
        }));
        assert!(
            matches!(run(&args), Ok(Parsed::Run(_))),
            "command {} with its positionals",
            spec.name
        );
    }
}

#[test]
fn admin_commands() {
    assert_eq!(
        command(&[
            "create-group",
            "admins",
            "--precedence",
            "3",
            "--description",
            "A"
        ]),
        Command::CreateGroup {
            group: "admins".into(),
            description: Some("A".into()),
            precedence: Some(3),
        },
        "create-group"
    );
    assert_eq!(
        command(&["add-user-to-group", "alice", "admins"]),
        Command::AddUserToGroup {
            username: "alice".into(),
            group: "admins".into(),
        },
        "add-user-to-group"
    );
    assert_eq!(
        command(&["admin-set-user-password", "alice", "--temporary"]),
        Command::AdminSetUserPassword {
            username: "alice".into(),
            temporary: true,
        },
        "--temporary"
    );
    assert_eq!(
        command(&["admin-set-user-password", "alice"]),
        Command::AdminSetUserPassword {
            username: "alice".into(),
            temporary: false,
        },
        "permanent by default"
    );
}

#[test]
fn command_options() {
    assert_eq!(
        command(&["refresh", "--username", "sub-1"]),
        Command::Refresh {
            username: Some("sub-1".into())
        },
        "refresh --username"
    );
    assert_eq!(
        command(&["list-users", "--filter", "email ^= \"a\""]),
        Command::ListUsers {
            filter: Some("email ^= \"a\"".into())
        },
        "list-users --filter"
    );
    assert_eq!(
        command(&[
            "admin-create-user",
            "bob",
            "--attr",
            "email=b@x",
            "--attr=name="
        ]),
        Command::AdminCreateUser {
            username: "bob".into(),
            attributes: vec![
                ("email".into(), "b@x".into()),
                ("name".into(), String::new())
            ],
        },
        "repeated --attr"
    );
}

#[test]
fn login_options_and_globals_anywhere() {
    let parsed = run(&[
        "--pool-id",
        "us-east-1_abc",
        "login",
        "alice",
        "--flow=password",
        "--mfa",
        "totp",
        "--attr",
        "name=Alice=A",
        "--output",
        "text",
    ]);
    let Ok(Parsed::Run(cli)) = parsed else {
        panic!("login should parse: {parsed:?}")
    };
    assert_eq!(
        cli.globals.pool_id.as_deref(),
        Some("us-east-1_abc"),
        "pool id"
    );
    assert_eq!(cli.globals.output, Format::Text, "output");
    assert_eq!(
        cli.command,
        Command::Login {
            username: Some("alice".into()),
            flow: LoginFlow::Password,
            mfa: Some("SOFTWARE_TOKEN_MFA".into()),
            attributes: vec![("name".into(), "Alice=A".into())],
        },
        "login command"
    );
}

#[test]
fn secrets_as_arguments_are_refused_without_echo() {
    for args in [
        &["login", "alice", "hunter2"][..],
        &["login", "alice", "--password", "hunter2"],
        &["login", "alice", "--password=hunter2"],
        &["whoami", "--access-token=hunter2"],
        &["refresh", "hunter2"],
        &["change-password", "--new-password", "hunter2"],
    ] {
        let message = error(args);
        assert!(!message.contains("hunter2"), "{args:?} echoed: {message}");
        assert!(
            message.contains("never taken as arguments"),
            "{args:?}: {message}"
        );
    }
}

#[test]
fn usage_errors() {
    assert!(error(&[]).contains("no command"), "no command");
    assert!(
        error(&["frobnicate"]).contains("unknown command"),
        "unknown"
    );
    assert!(
        error(&["admin-get-user"]).contains("needs USERNAME"),
        "missing username"
    );
    assert_eq!(
        command(&["login"]),
        Command::Login {
            username: None,
            flow: LoginFlow::Srp,
            mfa: None,
            attributes: vec![],
        },
        "login's username is optional (COGNITO_USERNAME)"
    );
    assert!(
        error(&["add-user-to-group", "alice"]).contains("needs GROUP"),
        "missing group"
    );
    assert!(
        error(&["completions", "powershell"]).contains("bash, zsh or fish"),
        "unknown shell"
    );
    assert!(
        error(&["admin-set-user-password", "alice", "--temporary=yes"]).contains("takes no value"),
        "a switch with a value"
    );
    assert!(
        // The code is no argument (COGNITO_CODE); the username still is.
        error(&["confirm-sign-up"]).contains("needs USERNAME"),
        "missing username"
    );
    assert!(
        error(&["login", "a", "--flow", "x"]).contains("--flow"),
        "bad flow"
    );
    assert!(
        error(&["whoami", "--output", "xml"]).contains("--output"),
        "bad output"
    );
    assert!(
        error(&["whoami", "--filter", "x"]).contains("no option --filter"),
        "foreign option"
    );
    assert!(
        error(&["sign-up", "a", "--attr", "novalue"]).contains("NAME=VALUE"),
        "attr"
    );
    assert!(
        error(&["whoami", "--region"]).contains("needs a value"),
        "missing value"
    );
    assert!(
        !error(&["whoami", "--help=secret"]).contains("secret"),
        "value of a flag"
    );
}

#[test]
fn help_and_version() {
    assert!(
        matches!(run(&["--version"]), Ok(Parsed::Version)),
        "version"
    );
    for args in [&["--help"][..], &["help"], &[]] {
        if args.is_empty() {
            continue;
        }
        let Ok(Parsed::Help(text)) = run(args) else {
            panic!("{args:?} should give help")
        };
        assert!(text.contains("list-users"), "overview lists commands");
    }
    for args in [
        &["login", "--help"][..],
        &["help", "login"],
        &["login", "-h"],
    ] {
        let Ok(Parsed::Help(text)) = run(args) else {
            panic!("{args:?} should give help")
        };
        assert!(text.contains("Example"), "{args:?}: {text}");
        assert!(text.contains("COGNITO_PASSWORD"), "{args:?}: {text}");
    }
}

#[test]
fn verify_takes_the_token_from_stdin_only() {
    assert_eq!(
        command(&[
            "verify",
            "-",
            "--token-use",
            "id",
            "--leeway",
            "5",
            "--issuer",
            "a",
            "--issuer=b"
        ]),
        Command::Verify {
            jwks: None,
            issuers: vec!["a".into(), "b".into()],
            token_use: cognito::jwt::TokenUse::Id,
            leeway: Some(5),
        },
        "stdin, options"
    );
    let refused = error(&["verify", "eyJ.x.y", "--jwks", "k.json"]);
    assert!(
        refused.contains("standard input") && !refused.contains("eyJ.x.y"),
        "argument refused without echo: {refused}"
    );
    assert!(
        matches!(command(&["verify", "--jwks", "k.json"]), Command::Verify { jwks: Some(j), .. } if j == "k.json"),
        "absent"
    );
    assert!(
        error(&["verify", "--leeway", "soon"]).contains("--leeway"),
        "bad leeway"
    );
    assert!(
        error(&["verify", "--token-use", "refresh"]).contains("--token-use"),
        "bad use"
    );
}

#[test]
fn codes_and_the_client_secret_are_refused_without_echo() {
    for (args, variable) in [
        (&["confirm-sign-up", "alice", "hunter2"][..], "COGNITO_CODE"),
        (
            &["confirm-forgot-password", "alice", "hunter2"],
            "COGNITO_CODE",
        ),
        (
            &["confirm-sign-up", "alice", "--code=hunter2"],
            "COGNITO_CODE",
        ),
        (
            &["--client-secret", "hunter2", "whoami"],
            "COGNITO_CLIENT_SECRET",
        ),
        (
            &["whoami", "--client-secret=hunter2"],
            "COGNITO_CLIENT_SECRET",
        ),
    ] {
        let message = error(args);
        assert!(!message.contains("hunter2"), "{args:?} echoed: {message}");
        assert!(message.contains(variable), "{args:?}: {message}");
    }
    assert_eq!(
        command(&["confirm-sign-up", "alice"]),
        Command::ConfirmSignUp {
            username: "alice".into()
        },
        "the username alone"
    );
}

#[test]
fn token_file_is_an_option_of_the_token_commands_only() {
    for cmd in [
        "login",
        "refresh",
        "whoami",
        "logout",
        "change-password",
        "verify",
    ] {
        let mut args = vec![cmd, "--token-file", "t.json"];
        if cmd == "login" {
            args.insert(1, "alice");
        }
        let parsed = run(&args);
        let Ok(Parsed::Run(cli)) = parsed else {
            panic!("{cmd} --token-file should parse: {parsed:?}")
        };
        assert_eq!(
            cli.globals.token_file.as_deref(),
            Some(std::path::Path::new("t.json")),
            "{cmd}"
        );
    }
    assert!(
        error(&["admin-get-user", "alice", "--token-file", "t.json"]).contains("no option"),
        "admin commands"
    );
}
