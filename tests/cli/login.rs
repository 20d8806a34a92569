//! `cognito login` against a loopback stub: each flow, challenges answered
//! from the environment or stopped with exit 3, service errors, and
//! passwords refused as arguments.

use crate::support as cli_support;

use cli_support::{challenge, error, tokens_reply, Cli, Stub, POOL};
use serde_json::json;

const PASSWORD: &str = "Corr3ct-Horse!";

fn password_verifier() -> serde_json::Value {
    challenge(
        "PASSWORD_VERIFIER",
        json!({
            "SALT": "8f3a1c",
            "SRP_B": "d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2",
            "SECRET_BLOCK": "c2VjcmV0LWJsb2Nr",
            "USER_ID_FOR_SRP": "alice",
            "USERNAME": "alice",
        }),
    )
}

#[test]
fn srp_login_prints_the_tokens_with_expiry_from_exp() {
    let stub = Stub::start(&[
        ("InitiateAuth", 200, password_verifier()),
        ("RespondToAuthChallenge", 200, tokens_reply("alice")),
    ]);
    let run = Cli::new(&stub)
        .args(&["login", "alice"])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run()
        .ok();
    let out = run.json();
    for key in ["IdToken", "AccessToken", "RefreshToken"] {
        assert!(
            out[key].as_str().is_some_and(|t| !t.is_empty()),
            "{key}: {out}"
        );
    }
    let expires = out["ExpiresIn"].as_u64().unwrap_or(0);
    assert!(
        (3590..=3600).contains(&expires),
        "ExpiresIn from exp: {out}"
    );
    assert_eq!(out["TokenType"], "Bearer", "default token type");
    assert_eq!(
        stub.ops(),
        ["InitiateAuth", "RespondToAuthChallenge"],
        "calls"
    );
    let init = &stub.calls("InitiateAuth")[0].body;
    assert_eq!(init["AuthFlow"], "USER_SRP_AUTH", "flow");
    assert!(init["AuthParameters"]["SRP_A"].is_string(), "SRP_A: {init}");
    let answer = &stub.calls("RespondToAuthChallenge")[0].body;
    assert_eq!(answer["ChallengeName"], "PASSWORD_VERIFIER", "answer");
    let responses = &answer["ChallengeResponses"];
    assert!(
        responses["PASSWORD_CLAIM_SIGNATURE"].is_string(),
        "{responses}"
    );
    assert_eq!(
        responses["PASSWORD_CLAIM_SECRET_BLOCK"], "c2VjcmV0LWJsb2Nr",
        "secret block"
    );
    for r in stub.requests() {
        assert!(
            !r.body.to_string().contains(PASSWORD),
            "the password never leaves with SRP"
        );
    }
    assert!(!run.stderr.contains(PASSWORD), "no password on stderr");
}

#[test]
fn password_flow_reads_the_first_line_of_stdin() {
    let stub = Stub::start(&[("InitiateAuth", 200, tokens_reply("alice"))]);
    Cli::new(&stub)
        .args(&["login", "alice", "--flow", "password"])
        .stdin(&format!("{PASSWORD}\nnot the password\n"))
        .run()
        .ok();
    let init = &stub.calls("InitiateAuth")[0].body;
    assert_eq!(init["AuthFlow"], "USER_PASSWORD_AUTH", "flow");
    assert_eq!(
        init["AuthParameters"]["PASSWORD"], PASSWORD,
        "first line only"
    );
    assert_eq!(init["AuthParameters"]["USERNAME"], "alice", "username");
}

#[test]
fn admin_flow_is_signed() {
    let stub = Stub::start(&[("AdminInitiateAuth", 200, tokens_reply("alice"))]);
    Cli::new(&stub)
        .aws_keys()
        .args(&["login", "alice", "--flow=admin"])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run()
        .ok();
    let call = &stub.calls("AdminInitiateAuth")[0];
    assert_eq!(call.body["AuthFlow"], "ADMIN_USER_PASSWORD_AUTH", "flow");
    assert_eq!(call.body["UserPoolId"], POOL, "pool");
    assert!(
        call.header("authorization")
            .is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256")),
        "signed"
    );
}

#[test]
fn a_client_secret_adds_secret_hash_and_is_never_printed() {
    let stub = Stub::start(&[
        ("InitiateAuth", 200, password_verifier()),
        ("RespondToAuthChallenge", 200, tokens_reply("alice")),
    ]);
    let run = Cli::new(&stub)
        .args(&["login", "alice"])
        .env("COGNITO_PASSWORD", PASSWORD)
        .env("COGNITO_CLIENT_SECRET", "client-secret-value")
        .run()
        .ok();
    assert!(!run.shows("client-secret-value"), "secret printed: {run:?}");
    let init = &stub.calls("InitiateAuth")[0].body;
    let answer = &stub.calls("RespondToAuthChallenge")[0].body;
    assert!(
        init["AuthParameters"]["SECRET_HASH"].is_string(),
        "initiate: {init}"
    );
    assert!(
        answer["ChallengeResponses"]["SECRET_HASH"].is_string(),
        "respond: {answer}"
    );
}

#[test]
fn a_refusal_exits_1_with_the_code_first() {
    let stub = Stub::start(&[(
        "InitiateAuth",
        400,
        error("NotAuthorizedException", "Incorrect username or password."),
    )]);
    let run = Cli::new(&stub)
        .args(&["login", "alice", "--flow", "password"])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run();
    assert_eq!(run.code, 1, "exit 1: {run:?}");
    assert!(
        run.stderr
            .starts_with("NotAuthorizedException: Incorrect username or password."),
        "{run:?}"
    );
    assert!(run.stdout.is_empty(), "nothing on stdout");
    assert!(!run.shows(PASSWORD), "no password printed");
}

#[test]
fn new_password_required_exits_3_without_an_answer() {
    let stub = Stub::start(&[(
        "InitiateAuth",
        200,
        challenge("NEW_PASSWORD_REQUIRED", json!({"userAttributes": "{}"})),
    )]);
    let run = Cli::new(&stub)
        .args(&["login", "alice", "--flow", "password"])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run();
    assert_eq!(run.code, 3, "exit 3: {run:?}");
    assert!(run.stderr.starts_with("NEW_PASSWORD_REQUIRED"), "{run:?}");
    assert!(
        run.stderr.contains("COGNITO_NEW_PASSWORD"),
        "says how: {run:?}"
    );
    assert!(run.stdout.is_empty(), "no tokens");
}

#[test]
fn new_password_from_the_environment() {
    let stub = Stub::start(&[
        (
            "InitiateAuth",
            200,
            challenge(
                "NEW_PASSWORD_REQUIRED",
                json!({"requiredAttributes": "[\"userAttributes.name\"]"}),
            ),
        ),
        ("RespondToAuthChallenge", 200, tokens_reply("alice")),
    ]);
    let run = Cli::new(&stub)
        .args(&[
            "login",
            "alice",
            "--flow",
            "password",
            "--attr",
            "name=Alice",
        ])
        .env("COGNITO_PASSWORD", PASSWORD)
        .env("COGNITO_NEW_PASSWORD", "N3w-Passw0rd!")
        .run()
        .ok();
    let answer = &stub.calls("RespondToAuthChallenge")[0].body;
    assert_eq!(answer["ChallengeName"], "NEW_PASSWORD_REQUIRED", "answered");
    assert_eq!(answer["Session"], "stub-session", "session carried");
    let responses = &answer["ChallengeResponses"];
    assert_eq!(responses["NEW_PASSWORD"], "N3w-Passw0rd!", "new password");
    assert_eq!(
        responses["userAttributes.name"], "Alice",
        "required attribute"
    );
    assert!(!run.shows("N3w-Passw0rd!"), "new password not printed");
}

#[test]
fn mfa_code_from_the_environment() {
    let stub = Stub::start(&[
        ("InitiateAuth", 200, password_verifier()),
        (
            "RespondToAuthChallenge",
            200,
            challenge("SOFTWARE_TOKEN_MFA", json!({})),
        ),
        ("RespondToAuthChallenge", 200, tokens_reply("alice")),
    ]);
    let base = Cli::new(&stub)
        .args(&["login", "alice"])
        .env("COGNITO_PASSWORD", PASSWORD);
    base.env("COGNITO_MFA_CODE", "123456").run().ok();
    let answers = stub.calls("RespondToAuthChallenge");
    assert_eq!(answers.len(), 2, "verifier then code");
    assert_eq!(
        answers[1].body["ChallengeName"], "SOFTWARE_TOKEN_MFA",
        "challenge"
    );
    assert_eq!(
        answers[1].body["ChallengeResponses"]["SOFTWARE_TOKEN_MFA_CODE"], "123456",
        "code"
    );
}

#[test]
fn mfa_without_a_code_exits_3() {
    let stub = Stub::start(&[(
        "InitiateAuth",
        200,
        challenge(
            "SMS_MFA",
            json!({"CODE_DELIVERY_DESTINATION": "+*******0123"}),
        ),
    )]);
    let run = Cli::new(&stub)
        .args(&["login", "alice", "--flow", "password"])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run();
    assert_eq!(run.code, 3, "exit 3: {run:?}");
    assert!(run.stderr.starts_with("SMS_MFA: "), "{run:?}");
    assert!(run.stderr.contains("COGNITO_MFA_CODE"), "{run:?}");
}

#[test]
fn select_mfa_type_with_the_mfa_option() {
    let stub = Stub::start(&[
        (
            "InitiateAuth",
            200,
            challenge(
                "SELECT_MFA_TYPE",
                json!({"MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"}),
            ),
        ),
        (
            "RespondToAuthChallenge",
            200,
            challenge("SMS_MFA", json!({})),
        ),
        ("RespondToAuthChallenge", 200, tokens_reply("alice")),
    ]);
    Cli::new(&stub)
        .args(&["login", "alice", "--flow", "password", "--mfa", "sms"])
        .env("COGNITO_PASSWORD", PASSWORD)
        .env("COGNITO_MFA_CODE", "000000")
        .run()
        .ok();
    let answers = stub.calls("RespondToAuthChallenge");
    assert_eq!(
        answers[0].body["ChallengeResponses"]["ANSWER"], "SMS_MFA",
        "choice"
    );
    assert_eq!(
        answers[1].body["ChallengeResponses"]["SMS_MFA_CODE"], "000000",
        "code"
    );
}

#[test]
fn passwords_are_never_arguments() {
    let stub = Stub::start(&[("InitiateAuth", 200, tokens_reply("alice"))]);
    for args in [
        &["login", "alice", "hunter2-secret"][..],
        &["login", "alice", "--password", "hunter2-secret"],
        &["login", "alice", "--password=hunter2-secret"],
        &["sign-up", "alice", "--password", "hunter2-secret"],
        &["change-password", "--new-password=hunter2-secret"],
    ] {
        let run = Cli::new(&stub).args(args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(
            !run.shows("hunter2-secret"),
            "{args:?} echoed the secret: {run:?}"
        );
        assert!(
            run.stderr.contains("never taken as arguments"),
            "{args:?}: {run:?}"
        );
    }
    assert!(stub.requests().is_empty(), "nothing was sent");
}

#[test]
fn no_password_anywhere_is_a_usage_error() {
    let stub = Stub::start(&[]);
    let run = Cli::new(&stub).args(&["login", "alice"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("COGNITO_PASSWORD"), "{run:?}");
    assert!(stub.requests().is_empty(), "nothing was sent");
}
