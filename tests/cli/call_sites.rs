//! The token JSON across the library and the command line: what `cognito
//! login` prints is `cognito::Tokens` serialized, it parses back into
//! `Tokens`, and `cognito refresh` reads it (Username included) on standard
//! input.

use crate::support as cli_support;

use std::time::{Duration, SystemTime};

use cli_support::{access_token, tokens_reply, Cli, Stub};
use cognito::Tokens;
use serde_json::json;

const PASSWORD: &str = "Corr3ct-Horse!";

#[test]
fn what_login_prints_parses_back_into_tokens() {
    let reply = tokens_reply("alice");
    let stub = Stub::start(&[("InitiateAuth", 200, reply.clone())]);
    let before = SystemTime::now();
    let run = Cli::new(&stub)
        .args(&["login", "alice", "--flow", "password"])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run()
        .ok();
    let tokens: Tokens = serde_json::from_str(&run.stdout).expect("the token JSON");
    let sent = &reply["AuthenticationResult"];
    let exposed =
        |t: &Option<cognito::SecretString>| t.as_ref().map(|t| t.expose_secret().to_owned());
    assert_eq!(
        exposed(&tokens.access_token).as_deref(),
        sent["AccessToken"].as_str()
    );
    assert_eq!(
        exposed(&tokens.id_token).as_deref(),
        sent["IdToken"].as_str()
    );
    assert_eq!(
        exposed(&tokens.refresh_token).as_deref(),
        Some("stub-refresh-token")
    );
    assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
    assert_eq!(
        tokens.username.as_deref(),
        Some("alice"),
        "the login's username"
    );
    let expires_at = tokens.expires_at.expect("ExpiresAt");
    let hour = Duration::from_secs(3600);
    assert!(
        expires_at + Duration::from_secs(5) >= before + hour
            && expires_at <= SystemTime::now() + hour,
        "ExpiresAt about an hour ahead: {}",
        run.stdout
    );
    assert_eq!(
        format!("{}\n", serde_json::to_string_pretty(&tokens).unwrap()),
        run.stdout,
        "printed with the library's serde, member for member"
    );
    let members: Vec<String> =
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&run.stdout)
            .unwrap()
            .keys()
            .cloned()
            .collect();
    let mut expected = [
        "AccessToken",
        "ExpiresAt",
        "ExpiresIn",
        "IdToken",
        "RefreshToken",
        "TokenType",
        "Username",
    ];
    expected.sort_unstable();
    assert_eq!(members, expected, "every member, none null");
}

#[test]
fn refresh_reads_the_token_json_and_keeps_its_username() {
    let stub = Stub::start(&[(
        "InitiateAuth",
        200,
        json!({"AuthenticationResult": {"AccessToken": access_token("alice"), "ExpiresIn": 3600}}),
    )]);
    let piped = Tokens {
        access_token: Some(access_token("alice").into()),
        refresh_token: Some("old-refresh".into()),
        username: Some("alice@example.com".into()),
        ..Tokens::default()
    };
    let run = Cli::new(&stub)
        .args(&["refresh"])
        .stdin(&serde_json::to_string_pretty(&piped).unwrap())
        .run()
        .ok();
    assert_eq!(
        stub.calls("InitiateAuth")[0].body["AuthParameters"]["REFRESH_TOKEN"],
        "old-refresh",
        "the RefreshToken member"
    );
    let tokens: Tokens = serde_json::from_str(&run.stdout).expect("the token JSON");
    assert_eq!(
        tokens.username.as_deref(),
        Some("alice@example.com"),
        "the piped Username, ahead of the token's claim"
    );
    assert_eq!(
        tokens.refresh_token.as_ref().map(|t| t.expose_secret()),
        Some("old-refresh"),
        "no new refresh token: the one used is kept: {}",
        run.stdout
    );
    assert!(tokens.expires_at.is_some(), "{}", run.stdout);
}

#[test]
fn piped_json_that_is_not_the_token_json_is_a_usage_error() {
    let stub = Stub::start(&[]);
    let run = Cli::new(&stub)
        .args(&["whoami"])
        .stdin("{\"AccessToken\": \"eyJ.e30.c2ln\", \"ExpiresAt\": \"next tuesday\"}\n")
        .run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not the token JSON"), "{}", run.stderr);
    assert!(stub.requests().is_empty(), "nothing sent");
}
