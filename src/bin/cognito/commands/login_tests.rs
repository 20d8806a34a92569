//! `login`'s challenge answers with a scripted terminal and a fake Cognito:
//! the interactive paths the binary tests cannot reach without a terminal.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use base64::Engine;
use cognito::{HttpRequest, HttpResponse, TransportError};
use serde_json::{json, Value};

use super::login::login;
use crate::args::{Globals, LoginFlow};
use crate::context::Context;
use crate::failure::Failure;
use crate::output::Format;
use crate::prompt::testing::input;

type Requests = Arc<Mutex<Vec<(String, Value)>>>;

/// A JWT with `exp` an hour away (unsigned: nothing here verifies it).
fn jwt(use_: &str) -> String {
    let b64 = |v: Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let exp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    format!(
        "{}.{}.c2ln",
        b64(json!({"alg": "RS256", "kid": "k"})),
        b64(json!({"exp": exp, "token_use": use_, "username": "alice"}))
    )
}

fn tokens_reply() -> Value {
    json!({"AuthenticationResult": {
        "IdToken": jwt("id"), "AccessToken": jwt("access"), "RefreshToken": "refresh-1"
    }})
}

/// A context whose Cognito answers `script` in order, recording requests.
fn context(
    script: Vec<(&'static str, Value)>,
    vars: &[(&str, &str)],
    answers: Option<&[&str]>,
) -> (Context, Requests, Arc<Mutex<Vec<String>>>) {
    let mut all = vec![
        ("COGNITO_USER_POOL_ID", "us-east-1_Test"),
        ("COGNITO_CLIENT_ID", "client-1"),
    ];
    all.extend_from_slice(vars);
    let (input, transcript) = input(&all, answers, "");
    let mut ctx = Context::new(Globals::default(), input);
    let requests: Requests = Arc::default();
    let seen = Arc::clone(&requests);
    let script = Mutex::new(VecDeque::from(script));
    ctx.transport = Some(Arc::new(
        move |req: HttpRequest| -> Result<HttpResponse, TransportError> {
            let op = req
                .header("x-amz-target")
                .and_then(|t| t.rsplit('.').next())
                .unwrap_or_default()
                .to_owned();
            let body: Value = serde_json::from_slice(&req.body).unwrap();
            seen.lock().unwrap().push((op.clone(), body));
            let reply = match script.lock().unwrap().pop_front() {
                Some((expected, reply)) if expected == op => (200, reply),
                other => (
                    400,
                    json!({"__type": "InvalidParameterException", "message": format!("script expected {other:?}, got {op}")}),
                ),
            };
            Ok(HttpResponse::new(reply.0, reply.1.to_string().into_bytes()))
        },
    ));
    (ctx, requests, transcript)
}

fn challenge(name: &str, params: Value) -> Value {
    json!({"ChallengeName": name, "Session": "session-1", "ChallengeParameters": params})
}

fn responses(requests: &Requests, index: usize) -> Value {
    requests.lock().unwrap()[index].1["ChallengeResponses"].clone()
}

#[test]
fn new_password_with_a_required_attribute_on_a_terminal() {
    let (mut ctx, requests, transcript) = context(
        vec![
            (
                "InitiateAuth",
                challenge(
                    "NEW_PASSWORD_REQUIRED",
                    json!({"requiredAttributes": "[\"userAttributes.name\"]", "userAttributes": "{}"}),
                ),
            ),
            ("RespondToAuthChallenge", tokens_reply()),
        ],
        &[("COGNITO_PASSWORD", "Temp0rary!")],
        Some(&["Alice", "N3w-Passw0rd!", "N3w-Passw0rd!"]),
    );
    let out = login(&mut ctx, "alice", LoginFlow::Password, None, &[]).unwrap();
    let r = responses(&requests, 1);
    assert_eq!(r["NEW_PASSWORD"], "N3w-Passw0rd!", "new password sent");
    assert_eq!(r["userAttributes.name"], "Alice", "required attribute sent");
    assert_eq!(r["USERNAME"], "alice", "username");
    let t = transcript.lock().unwrap().join("\n");
    assert!(
        t.contains("name: ") && t.contains("Repeat new password"),
        "prompts: {t}"
    );
    assert!(!t.contains("N3w-Passw0rd!"), "no echo: {t}");
    let printed = out.render(Format::Json);
    assert!(
        printed.contains("\"RefreshToken\": \"refresh-1\""),
        "{printed}"
    );
    assert!(
        printed.contains("\"ExpiresIn\": 3"),
        "expires from exp: {printed}"
    );
}

#[test]
fn new_password_without_a_terminal_needs_every_attribute() {
    let script = || {
        vec![
            (
                "InitiateAuth",
                challenge(
                    "NEW_PASSWORD_REQUIRED",
                    json!({"requiredAttributes": "[\"userAttributes.name\"]"}),
                ),
            ),
            ("RespondToAuthChallenge", tokens_reply()),
        ]
    };
    let vars = [
        ("COGNITO_PASSWORD", "Temp0rary!"),
        ("COGNITO_NEW_PASSWORD", "N3w-Passw0rd!"),
    ];
    let (mut ctx, _, _) = context(script(), &vars, None);
    let err = login(&mut ctx, "alice", LoginFlow::Password, None, &[]).unwrap_err();
    assert_eq!(err.exit_code(), 3, "exit 3");
    let text = err.to_string();
    assert!(
        text.starts_with("NEW_PASSWORD_REQUIRED: ") && text.contains("--attr"),
        "{text}"
    );
    let (mut ctx, requests, _) = context(script(), &vars, None);
    let attrs = [("name".to_owned(), "Alice".to_owned())];
    login(&mut ctx, "alice", LoginFlow::Password, None, &attrs).unwrap();
    assert_eq!(
        responses(&requests, 1)["userAttributes.name"],
        "Alice",
        "--attr sent"
    );
}

#[test]
fn mfa_choice_then_code_on_a_terminal() {
    let (mut ctx, requests, transcript) = context(
        vec![
            (
                "InitiateAuth",
                challenge(
                    "SELECT_MFA_TYPE",
                    json!({"MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"}),
                ),
            ),
            (
                "RespondToAuthChallenge",
                challenge("SOFTWARE_TOKEN_MFA", json!({})),
            ),
            ("RespondToAuthChallenge", tokens_reply()),
        ],
        &[("COGNITO_PASSWORD", "Passw0rd!")],
        Some(&["7", "2", "123456"]),
    );
    login(&mut ctx, "alice", LoginFlow::Password, None, &[]).unwrap();
    assert_eq!(
        responses(&requests, 1)["ANSWER"],
        "SOFTWARE_TOKEN_MFA",
        "choice by number"
    );
    assert_eq!(
        responses(&requests, 2)["SOFTWARE_TOKEN_MFA_CODE"],
        "123456",
        "code"
    );
    let t = transcript.lock().unwrap().join("\n");
    assert!(t.contains("1) SMS_MFA, 2) SOFTWARE_TOKEN_MFA"), "menu: {t}");
    assert!(t.contains("Pick one"), "a bad choice is asked again: {t}");
}

#[test]
fn mfa_choice_without_a_terminal() {
    let script = || {
        vec![
            (
                "InitiateAuth",
                challenge(
                    "SELECT_MFA_TYPE",
                    json!({"MFAS_CAN_CHOOSE": "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]"}),
                ),
            ),
            (
                "RespondToAuthChallenge",
                challenge(
                    "SMS_MFA",
                    json!({"CODE_DELIVERY_DESTINATION": "+*******0123"}),
                ),
            ),
            ("RespondToAuthChallenge", tokens_reply()),
        ]
    };
    let (mut ctx, _, _) = context(script(), &[("COGNITO_PASSWORD", "Passw0rd!")], None);
    let err = login(&mut ctx, "alice", LoginFlow::Password, None, &[]).unwrap_err();
    assert_eq!(err.exit_code(), 3, "exit 3");
    assert!(
        err.to_string()
            .starts_with("SELECT_MFA_TYPE: choose with --mfa"),
        "{err}"
    );
    let vars = [
        ("COGNITO_PASSWORD", "Passw0rd!"),
        ("COGNITO_MFA_CODE", "654321"),
    ];
    let (mut ctx, requests, _) = context(script(), &vars, None);
    login(&mut ctx, "alice", LoginFlow::Password, Some("SMS_MFA"), &[]).unwrap();
    assert_eq!(responses(&requests, 1)["ANSWER"], "SMS_MFA", "--mfa");
    assert_eq!(
        responses(&requests, 2)["SMS_MFA_CODE"],
        "654321",
        "COGNITO_MFA_CODE"
    );
}

#[test]
fn authenticator_set_up_on_a_terminal() {
    let (mut ctx, requests, transcript) = context(
        vec![
            (
                "InitiateAuth",
                challenge(
                    "MFA_SETUP",
                    json!({"MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\"]"}),
                ),
            ),
            (
                "AssociateSoftwareToken",
                json!({"SecretCode": "JBSWY3DPEHPK3PXP", "Session": "session-2"}),
            ),
            (
                "VerifySoftwareToken",
                json!({"Status": "SUCCESS", "Session": "session-3"}),
            ),
            ("RespondToAuthChallenge", tokens_reply()),
        ],
        &[("COGNITO_PASSWORD", "Passw0rd!")],
        Some(&["123456"]),
    );
    let out = login(&mut ctx, "alice", LoginFlow::Password, None, &[]).unwrap();
    let r = requests.lock().unwrap().clone();
    assert_eq!(
        r[1].1["Session"], "session-1",
        "associate with the challenge's session"
    );
    assert_eq!(r[2].1["UserCode"], "123456", "verify the code");
    assert_eq!(
        r[3].1["Session"], "session-3",
        "answer with verify's session"
    );
    let t = transcript.lock().unwrap().join("\n");
    assert!(
        t.contains("JBSWY3DPEHPK3PXP"),
        "secret shown on the terminal: {t}"
    );
    assert!(
        t.contains("otpauth://totp/us-east-1_Test:alice?secret=JBSWY3DPEHPK3PXP"),
        "uri: {t}"
    );
    assert!(
        !out.render(Format::Json).contains("JBSWY3DPEHPK3PXP"),
        "not on stdout"
    );
}

#[test]
fn authenticator_set_up_without_a_terminal_exits_3() {
    let (mut ctx, _, _) = context(
        vec![(
            "InitiateAuth",
            challenge(
                "MFA_SETUP",
                json!({"MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\"]"}),
            ),
        )],
        &[("COGNITO_PASSWORD", "Passw0rd!"), ("COGNITO_MFA_CODE", "1")],
        None,
    );
    let err = login(&mut ctx, "alice", LoginFlow::Password, None, &[]).unwrap_err();
    assert!(
        matches!(&err, Failure::Challenge { name, .. } if name == "MFA_SETUP"),
        "{err:?}"
    );
}

#[test]
fn email_code_prompt_names_the_destination() {
    let (mut ctx, requests, transcript) = context(
        vec![
            (
                "InitiateAuth",
                challenge(
                    "EMAIL_OTP",
                    json!({"CODE_DELIVERY_DESTINATION": "a***@e***.com", "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL"}),
                ),
            ),
            ("RespondToAuthChallenge", tokens_reply()),
        ],
        &[("COGNITO_PASSWORD", "Passw0rd!")],
        Some(&[" 98765 "]),
    );
    login(&mut ctx, "alice", LoginFlow::Password, None, &[]).unwrap();
    assert_eq!(
        responses(&requests, 1)["EMAIL_OTP_CODE"],
        "98765",
        "trimmed code"
    );
    let t = transcript.lock().unwrap().join("\n");
    assert!(t.contains("Code sent by email to a***@e***.com"), "{t}");
}

#[test]
fn a_custom_challenge_cannot_be_answered() {
    let (mut ctx, _, _) = context(
        vec![(
            "InitiateAuth",
            challenge("CUSTOM_CHALLENGE", json!({"q": "?"})),
        )],
        &[("COGNITO_PASSWORD", "Passw0rd!")],
        Some(&[]),
    );
    let err = login(&mut ctx, "alice", LoginFlow::Password, None, &[]).unwrap_err();
    assert_eq!(err.exit_code(), 3, "exit 3");
    assert!(err.to_string().starts_with("CUSTOM_CHALLENGE: "), "{err}");
}
