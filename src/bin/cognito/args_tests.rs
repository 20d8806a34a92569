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
        args.extend(spec.positionals.iter().map(|_| "x"));
        assert!(
            matches!(run(&args), Ok(Parsed::Run(_))),
            "command {} with its positionals",
            spec.name
        );
    }
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
            username: "alice".into(),
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
        error(&["login"]).contains("needs USERNAME"),
        "missing username"
    );
    assert!(
        error(&["confirm-sign-up", "a"]).contains("needs CODE"),
        "missing code"
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
fn verify_takes_the_token_as_its_argument_or_stdin() {
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
            token: None,
            jwks: None,
            issuers: vec!["a".into(), "b".into()],
            token_use: cognito::jwt::TokenUse::Id,
            leeway: Some(5),
        },
        "stdin, options"
    );
    assert!(
        matches!(command(&["verify", "eyJ.x.y", "--jwks", "k.json"]), Command::Verify { token: Some(t), jwks: Some(j), .. } if t == "eyJ.x.y" && j == "k.json"),
        "argument"
    );
    assert!(
        matches!(command(&["verify"]), Command::Verify { token: None, .. }),
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
