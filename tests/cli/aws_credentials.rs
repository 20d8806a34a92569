//! `cognito aws-credentials`: the `credential_process` JSON and nothing else
//! on standard output, the token sources in order, renewal written back to
//! the token file, the per-service endpoint variable, and refusals. The stub
//! plays both the user pool and the identity pool (the replies are made up
//! after the Cognito Identity API reference).

use crate::support as cli_support;

use std::fs;
use std::path::PathBuf;

use cli_support::{error, id_token, jwt, now, Cli, Stub, CLIENT};
use cognito::Tokens;
use serde_json::{json, Value};

const IDENTITY_POOL: &str = "us-east-1:0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
const IDENTITY: &str = "us-east-1:11111111-2222-4333-8444-555555555555";
const LOGINS_KEY: &str = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Stub";
/// 2026-12-04T18:00:00Z, with a fraction that is rounded down.
const EXPIRATION: f64 = 1_796_407_200.75;

fn identity_replies() -> Vec<(&'static str, u16, Value)> {
    vec![
        ("GetId", 200, json!({ "IdentityId": IDENTITY })),
        (
            "GetCredentialsForIdentity",
            200,
            json!({"IdentityId": IDENTITY, "Credentials": {
                "AccessKeyId": "ASIASTUBEXAMPLE", "SecretKey": "stub-secret-key",
                "SessionToken": "stub-session-token", "Expiration": EXPIRATION}}),
        ),
    ]
}

const EXPECTED: &str = "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"ASIASTUBEXAMPLE\",\n  \
    \"SecretAccessKey\": \"stub-secret-key\",\n  \"SessionToken\": \"stub-session-token\",\n  \
    \"Expiration\": \"2026-12-04T18:00:00Z\"\n}\n";

/// A fresh directory for token files, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "cognito-cli-aws-credentials-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn guest_prints_exactly_the_credential_process_json() {
    let stub = Stub::start(&identity_replies());
    let run = Cli::new(&stub)
        .args(&[
            "aws-credentials",
            "--identity-pool-id",
            IDENTITY_POOL,
            "--guest",
        ])
        .run()
        .ok();
    assert_eq!(run.stdout, EXPECTED);
    assert_eq!(run.stderr, "");
    assert_eq!(stub.ops(), ["GetId", "GetCredentialsForIdentity"]);
    let calls = stub.requests();
    assert_eq!(calls[0].body, json!({ "IdentityPoolId": IDENTITY_POOL }));
    assert_eq!(calls[1].body, json!({ "IdentityId": IDENTITY }));
    assert!(calls.iter().all(|c| c.header("authorization").is_none()));
    // --output text changes nothing: an AWS SDK reads it.
    let stub = Stub::start(&identity_replies());
    let run = Cli::new(&stub)
        .args(&["--output", "text", "aws-credentials", "--guest"])
        .env("COGNITO_IDENTITY_POOL_ID", IDENTITY_POOL)
        .run()
        .ok();
    assert_eq!(run.stdout, EXPECTED);
}

#[test]
fn an_expiring_id_token_in_the_file_is_renewed_and_written_back() {
    let scratch = Scratch::new("renew");
    let file = scratch.file("tokens.json");
    let old_id = jwt(
        json!({"token_use": "id", "cognito:username": "alice", "exp": now() + 60, "sub": "sub-1"}),
    );
    let before = json!({"IdToken": old_id, "RefreshToken": "stub-refresh-1", "Username": "alice"});
    fs::write(&file, before.to_string()).unwrap();
    let new_id = id_token("alice");
    let mut replies = identity_replies();
    replies.push((
        "InitiateAuth",
        200,
        json!({"AuthenticationResult": {"IdToken": new_id, "AccessToken": cli_support::access_token("alice"),
               "ExpiresIn": 3600, "TokenType": "Bearer"}}),
    ));
    let stub = Stub::start(&replies);
    let run = Cli::new(&stub)
        .args(&[
            "aws-credentials",
            "--identity-pool-id",
            IDENTITY_POOL,
            "--token-file",
            file.to_str().unwrap(),
        ])
        .run()
        .ok();
    assert_eq!(run.stdout, EXPECTED);
    assert_eq!(
        stub.ops(),
        ["InitiateAuth", "GetId", "GetCredentialsForIdentity"]
    );
    let renew = &stub.calls("InitiateAuth")[0].body;
    assert_eq!(renew["AuthFlow"], "REFRESH_TOKEN_AUTH");
    assert_eq!(renew["AuthParameters"]["REFRESH_TOKEN"], "stub-refresh-1");
    for call in &stub.requests()[1..] {
        assert_eq!(call.body["Logins"], json!({ LOGINS_KEY: new_id }));
    }
    let after: Tokens = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(after.id_token.unwrap().expose_secret(), new_id);
    assert_eq!(
        after.refresh_token.unwrap().expose_secret(),
        "stub-refresh-1",
        "the refresh token is kept"
    );
    assert_eq!(after.username.as_deref(), Some("alice"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn a_fresh_file_is_left_alone_and_the_environment_comes_after_it() {
    let scratch = Scratch::new("fresh");
    let file = scratch.file("tokens.json");
    let token = id_token("alice");
    let text = json!({"IdToken": token, "RefreshToken": "r"}).to_string();
    fs::write(&file, &text).unwrap();
    let stub = Stub::start(&identity_replies());
    Cli::new(&stub)
        .args(&["aws-credentials", "--identity-pool-id", IDENTITY_POOL])
        .args(&["--token-file", file.to_str().unwrap()])
        .env("COGNITO_ID_TOKEN", "not-this-one")
        .run()
        .ok();
    assert_eq!(fs::read_to_string(&file).unwrap(), text, "untouched");
    assert_eq!(
        stub.calls("GetId")[0].body["Logins"][LOGINS_KEY],
        token.as_str()
    );
    // Without the file: COGNITO_ID_TOKEN.
    let stub = Stub::start(&identity_replies());
    let env_token = id_token("bob");
    Cli::new(&stub)
        .args(&["aws-credentials", "--identity-pool-id", IDENTITY_POOL])
        .env("COGNITO_ID_TOKEN", &env_token)
        .run()
        .ok();
    assert_eq!(
        stub.calls("GetId")[0].body["Logins"][LOGINS_KEY],
        env_token.as_str()
    );
}

#[test]
fn the_identity_endpoint_variable_beats_endpoint() {
    let idp = Stub::start(&[]);
    let identity = Stub::start(&identity_replies());
    Cli::new(&idp)
        .args(&[
            "aws-credentials",
            "--identity-pool-id",
            IDENTITY_POOL,
            "--guest",
        ])
        .env("AWS_ENDPOINT_URL_COGNITO_IDENTITY", &identity.url)
        .run()
        .ok();
    assert!(idp.ops().is_empty(), "{:?}", idp.ops());
    assert_eq!(identity.ops(), ["GetId", "GetCredentialsForIdentity"]);
    // AWS_ENDPOINT_URL alone serves both.
    let both = Stub::start(&identity_replies());
    Cli::bare()
        .args(&[
            "aws-credentials",
            "--identity-pool-id",
            IDENTITY_POOL,
            "--guest",
        ])
        .env("AWS_ENDPOINT_URL", &both.url)
        .run()
        .ok();
    assert_eq!(both.ops(), ["GetId", "GetCredentialsForIdentity"]);
}

#[test]
fn refusals_exit_1_with_the_code_and_no_token() {
    let token = id_token("alice");
    let stub = Stub::start(&[(
        "GetId",
        400,
        error(
            "NotAuthorizedException",
            "Token is not from a supported provider of this identity pool.",
        ),
    )]);
    let run = Cli::new(&stub)
        .args(&["aws-credentials", "--identity-pool-id", IDENTITY_POOL])
        .env("COGNITO_ID_TOKEN", &token)
        .run();
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("NotAuthorizedException: Token is not from"),
        "{run:?}"
    );
    assert!(!run.shows(&token));
}

#[test]
fn missing_settings_exit_2_naming_what_to_set() {
    let stub = Stub::start(&identity_replies());
    let run = Cli::new(&stub).args(&["aws-credentials", "--guest"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("--identity-pool-id")
            && run.stderr.contains("COGNITO_IDENTITY_POOL_ID")
    );
    let run = Cli::new(&stub)
        .args(&["aws-credentials", "--identity-pool-id", IDENTITY_POOL])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    for source in [
        "--guest",
        "--token-file",
        "COGNITO_ID_TOKEN",
        "COGNITO_PASSWORD",
    ] {
        assert!(run.stderr.contains(source), "names {source}: {run:?}");
    }
    let run = Cli::new(&stub)
        .args(&["aws-credentials", "--identity-pool-id", IDENTITY_POOL])
        .env("COGNITO_PASSWORD", "Corr3ct-Horse!")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("COGNITO_USERNAME"), "{run:?}");
    assert!(!run.shows("Corr3ct-Horse!"));
    let expired = jwt(json!({"token_use": "id", "exp": now() - 10, "sub": "s", "aud": CLIENT}));
    let run = Cli::new(&stub)
        .args(&["aws-credentials", "--identity-pool-id", IDENTITY_POOL])
        .env("COGNITO_ID_TOKEN", &expired)
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no refresh token"), "{run:?}");
    let run = Cli::new(&stub)
        .args(&[
            "aws-credentials",
            "--guest=yes",
            "--identity-pool-id",
            IDENTITY_POOL,
        ])
        .run();
    assert_eq!(run.code, 2, "a flag takes no value: {run:?}");
    assert!(stub.ops().is_empty(), "{:?}", stub.ops());
}

#[test]
fn basic_flow_needs_the_role_to_assume() {
    let stub = Stub::start(&identity_replies());
    let run = Cli::new(&stub)
        .args(&[
            "aws-credentials",
            "--identity-pool-id",
            IDENTITY_POOL,
            "--guest",
            "--basic-flow",
        ])
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--role-arn"), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(stub.ops().is_empty(), "nothing sent");
}
