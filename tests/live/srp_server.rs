//! SRP sign-ins checked by a server that really verifies them: `scripts/srp/srp_server.py`.
//!
//! Neither emulator checks the SRP proof (moto accepts any signature; cognito-local has no SRP),
//! so the `srp-server` stage of `scripts/test` starts our own server, which holds password
//! verifiers and recomputes PASSWORD_CLAIM_SIGNATURE, the TIMESTAMP and SECRET_HASH on its side.
//! It writes the server's config (one pool, a public and a secret client, users whose
//! USER_ID_FOR_SRP differs from the username and who sign in by an alias, a non-ASCII password)
//! and sets `COGNITO_TEST_SRP_ENDPOINT` and `COGNITO_TEST_SRP_CONFIG`. By hand:
//! `python3 scripts/srp/srp_server.py --config C.json`, then run this file with
//! `--features "live cli"` and both variables set.
//!
//! A sign-in is accepted only when the client put the pool's name, USER_ID_FOR_SRP (not the
//! name typed, not the challenge's USERNAME) and the password into x, sent the challenge's
//! USERNAME back, and computed SECRET_HASH over exactly the USERNAME of each step. Cases run
//! through the library (`library_*`) and through the `cognito` binary (`cli_*`).
// Tests say what broke by panicking.

use crate::support as live_support;

use cognito::{AuthResult, Cognito, Error, ErrorCode};
#[cfg(feature = "cli")]
use cognito::{HttpRequest, Transport, UreqTransport};
use live_support::{env, is_jwt, secret_hash, Spy};
use serde_json::Value;

/// The server's config, as the stage wrote it.
struct Config {
    endpoint: String,
    pool_id: String,
    public_client: String,
    secret_client: String,
    client_secret: String,
    doc: Value,
}

impl Config {
    fn load() -> Self {
        let path = env("COGNITO_TEST_SRP_CONFIG");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
        let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let clients = doc["clients"].as_array().expect("config: clients");
        let public = clients
            .iter()
            .find(|c| c.get("client_secret").is_none())
            .expect("config: a public client");
        let secret = clients
            .iter()
            .find(|c| c.get("client_secret").is_some())
            .expect("config: a client with a secret");
        Self {
            endpoint: env("COGNITO_TEST_SRP_ENDPOINT"),
            pool_id: doc["pool_id"].as_str().expect("config: pool_id").to_owned(),
            public_client: public["client_id"].as_str().unwrap().to_owned(),
            secret_client: secret["client_id"].as_str().unwrap().to_owned(),
            client_secret: secret["client_secret"].as_str().unwrap().to_owned(),
            doc,
        }
    }

    fn user(&self, username: &str) -> &Value {
        self.doc["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == username)
            .unwrap_or_else(|| panic!("config: no user {username}"))
    }

    fn password(&self, username: &str) -> String {
        self.user(username)["password"].as_str().unwrap().to_owned()
    }

    fn alias(&self, username: &str) -> String {
        self.user(username)["aliases"][0]
            .as_str()
            .unwrap_or_else(|| panic!("config: {username} has no alias"))
            .to_owned()
    }

    fn user_id_for_srp(&self, username: &str) -> String {
        self.user(username)["user_id_for_srp"]
            .as_str()
            .unwrap_or_else(|| panic!("config: {username} has no user_id_for_srp"))
            .to_owned()
    }

    /// What the server received so far (every test's requests, in order).
    #[cfg(feature = "cli")]
    fn received(&self) -> Vec<Value> {
        let response = UreqTransport::new()
            .send(HttpRequest::get(format!("{}/_requests", self.endpoint)))
            .expect("GET /_requests");
        assert_eq!(response.status, 200, "GET /_requests status");
        serde_json::from_slice::<Vec<Value>>(&response.body).expect("GET /_requests is a JSON list")
    }
}

/// A user-side handle: no AWS credentials, no environment.
fn handle(config: &Config, username: &str, secret: bool, spy: &Spy) -> Cognito {
    let mut builder = Cognito::builder()
        .user_pool_id(&config.pool_id)
        .endpoint(&config.endpoint)
        .username(username)
        .environment(|_| None)
        .transport(spy.transport());
    builder = if secret {
        builder
            .client_id(&config.secret_client)
            .client_secret(config.client_secret.as_str())
    } else {
        builder.client_id(&config.public_client)
    };
    builder.build().expect("the handle builds")
}

fn assert_signed_in(cognito: &Cognito, what: &str) {
    let tokens = cognito.tokens();
    for (name, token) in [("id", &tokens.id_token), ("access", &tokens.access_token)] {
        let token = token
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: no {name} token"));
        assert!(
            is_jwt(token.expose_secret()),
            "{what}: the {name} token is a JWT"
        );
    }
    assert!(tokens.refresh_token.is_some(), "{what}: a refresh token");
    assert_eq!(
        tokens.token_type.as_deref(),
        Some("Bearer"),
        "{what}: token type"
    );
    assert_eq!(tokens.expires_in, Some(3600), "{what}: ExpiresIn");
}

fn assert_not_authorized(result: Result<AuthResult, Error>, what: &str) {
    match result {
        Err(Error::Service(e)) => {
            assert_eq!(e.code(), &ErrorCode::NotAuthorizedException, "{what}: code");
            assert_eq!(e.status(), 400, "{what}: status");
        }
        other => panic!("{what}: expected NotAuthorizedException, got {other:?}"),
    }
}

// ---- the library ---------------------------------------------------------------------------

#[test]
fn library_the_right_password_is_accepted_with_the_challenge_values_sent_back() {
    let config = Config::load();
    let spy = Spy::default();
    let cognito = handle(&config, "bob", false, &spy);
    let step = cognito
        .authenticate(&config.password("bob"))
        .expect("the server accepts bob's proof");
    assert!(step.is_authenticated(), "bob is signed in: {step:?}");
    assert_signed_in(&cognito, "bob");

    let initiate = spy.one("InitiateAuth");
    assert_eq!(initiate.body["AuthFlow"], "USER_SRP_AUTH", "flow");
    let srp_a = initiate.body["AuthParameters"]["SRP_A"].as_str().unwrap();
    assert!(
        !srp_a.is_empty()
            && srp_a
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "SRP_A is plain lowercase hex: {srp_a}"
    );
    let respond = spy.one("RespondToAuthChallenge");
    let params = &initiate.reply["ChallengeParameters"];
    let answer = &respond.body["ChallengeResponses"];
    assert_eq!(
        respond.body["ChallengeName"], "PASSWORD_VERIFIER",
        "challenge"
    );
    assert_eq!(
        answer["USERNAME"], params["USERNAME"],
        "USERNAME as the challenge gave it"
    );
    assert_eq!(
        answer["PASSWORD_CLAIM_SECRET_BLOCK"], params["SECRET_BLOCK"],
        "the secret block, byte for byte"
    );
    assert_eq!(
        respond.body["Session"], initiate.reply["Session"],
        "Session carried"
    );
    assert!(
        answer.get("SECRET_HASH").is_none(),
        "no SECRET_HASH for a public client"
    );
    let password = config.password("bob");
    for sent in [&initiate, &respond] {
        assert!(
            !sent.body.to_string().contains(&password),
            "the password never leaves the machine ({})",
            sent.operation
        );
    }
}

#[test]
fn library_a_wrong_password_is_refused_and_leaves_no_tokens() {
    let config = Config::load();
    let spy = Spy::default();
    let cognito = handle(&config, "bob", false, &spy);
    let result = cognito.authenticate("Wr0ng-Passw0rd!");
    match &result {
        Err(Error::Service(e)) => assert_eq!(
            e.message(),
            Some("Incorrect username or password."),
            "the server's message"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_not_authorized(result, "wrong password");
    let tokens = cognito.tokens();
    assert!(
        tokens.access_token.is_none() && tokens.id_token.is_none(),
        "no tokens after a refusal"
    );
    assert_eq!(
        spy.sent("RespondToAuthChallenge").len(),
        1,
        "the proof was sent once and refused, not retried"
    );
}

#[test]
fn library_an_alias_signs_in_with_user_id_for_srp_in_the_proof() {
    let config = Config::load();
    let alias = config.alias("alice");
    let spy = Spy::default();
    let cognito = handle(&config, &alias, false, &spy);
    let step = cognito
        .authenticate(&config.password("alice"))
        .expect("the server accepts alice's proof made with USER_ID_FOR_SRP");
    assert!(
        step.is_authenticated(),
        "alice is signed in by her alias: {step:?}"
    );
    assert_signed_in(&cognito, "alias");

    let initiate = spy.one("InitiateAuth");
    assert_eq!(
        initiate.body["AuthParameters"]["USERNAME"],
        alias.as_str(),
        "typed name"
    );
    let params = &initiate.reply["ChallengeParameters"];
    assert_eq!(params["USERNAME"], "alice", "the server names the user");
    let user_id = config.user_id_for_srp("alice");
    assert_eq!(
        params["USER_ID_FOR_SRP"],
        user_id.as_str(),
        "USER_ID_FOR_SRP"
    );
    assert_ne!(
        user_id, alias,
        "the typed name differs from USER_ID_FOR_SRP"
    );
    assert_ne!(user_id, "alice", "USERNAME differs from USER_ID_FOR_SRP");
    let respond = spy.one("RespondToAuthChallenge");
    assert_eq!(
        respond.body["ChallengeResponses"]["USERNAME"], "alice",
        "the answer carries the challenge's USERNAME"
    );

    // The same alias with a wrong password is refused: the server did check the proof.
    let again = handle(&config, &alias, false, &Spy::default());
    assert_not_authorized(again.authenticate("Al1ce-Wr0ng!"), "alias, wrong password");
}

#[test]
fn library_a_client_with_a_secret_sends_secret_hash_over_each_steps_username() {
    let config = Config::load();
    let alias = config.alias("alice");
    let spy = Spy::default();
    let cognito = handle(&config, &alias, true, &spy);
    let step = cognito
        .authenticate(&config.password("alice"))
        .expect("the server accepts the proof and both SECRET_HASHes");
    assert!(
        step.is_authenticated(),
        "signed in through the secret client: {step:?}"
    );
    assert_signed_in(&cognito, "secret client");

    let initiate = spy.one("InitiateAuth");
    assert_eq!(
        initiate.body["AuthParameters"]["SECRET_HASH"],
        secret_hash(&config.client_secret, &alias, &config.secret_client).as_str(),
        "InitiateAuth: SECRET_HASH over the name typed"
    );
    let respond = spy.one("RespondToAuthChallenge");
    assert_eq!(
        respond.body["ChallengeResponses"]["SECRET_HASH"],
        secret_hash(&config.client_secret, "alice", &config.secret_client).as_str(),
        "RespondToAuthChallenge: SECRET_HASH over the USERNAME sent"
    );
    assert!(
        !initiate.body.to_string().contains(&config.client_secret)
            && !respond.body.to_string().contains(&config.client_secret),
        "the client secret itself is never sent"
    );

    // A wrong client secret: the server refuses the first step.
    let wrong = Cognito::builder()
        .user_pool_id(&config.pool_id)
        .client_id(&config.secret_client)
        .client_secret("not-the-client-secret")
        .endpoint(&config.endpoint)
        .username("bob")
        .environment(|_| None)
        .build()
        .unwrap();
    assert_not_authorized(
        wrong.authenticate(&config.password("bob")),
        "wrong client secret",
    );
}

#[test]
fn library_a_non_ascii_password_is_hashed_as_utf8() {
    let config = Config::load();
    let password = config.password("dora");
    assert!(!password.is_ascii(), "dora's password is not ASCII");
    let cognito = handle(&config, "dora", false, &Spy::default());
    let step = cognito.authenticate(&password).expect("accepted");
    assert!(step.is_authenticated(), "dora is signed in: {step:?}");
    assert_signed_in(&cognito, "non-ASCII password");
}

// ---- the `cognito` binary --------------------------------------------------------------------

#[cfg(feature = "cli")]
mod cli {
    use std::process::{Command, Output, Stdio};

    use super::*;

    /// `cognito [globals] login USERNAME --flow srp`, with a clean environment: only the
    /// password (COGNITO_PASSWORD) and, when given, the client secret (COGNITO_CLIENT_SECRET).
    pub(super) fn login(config: &Config, username: &str, password: &str, secret: bool) -> Output {
        let client = if secret {
            &config.secret_client
        } else {
            &config.public_client
        };
        let mut command = Command::new(env!("CARGO_BIN_EXE_cognito"));
        command
            .env_clear()
            .env("COGNITO_PASSWORD", password)
            .env("NO_PROXY", "127.0.0.1,localhost")
            .args(["--endpoint", &config.endpoint])
            .args(["--pool-id", &config.pool_id])
            .args(["--client-id", client])
            .args(["login", username, "--flow", "srp"])
            .stdin(Stdio::null());
        if secret {
            command.env("COGNITO_CLIENT_SECRET", &config.client_secret);
        }
        command.output().expect("the cognito binary runs")
    }

    pub(super) fn text(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

    /// Exit 0 and the five members, with JWTs; nothing secret but the tokens printed.
    pub(super) fn assert_tokens_printed(out: &Output, config: &Config, password: &str, what: &str) {
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{what}: exit 0; stderr: {stderr}"
        );
        let printed: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{what}: stdout is JSON ({e}): {stdout}"));
        for key in ["IdToken", "AccessToken"] {
            assert!(
                printed[key].as_str().is_some_and(is_jwt),
                "{what}: {key} is a JWT: {printed}"
            );
        }
        assert!(printed["RefreshToken"].is_string(), "{what}: RefreshToken");
        assert_eq!(printed["ExpiresIn"], 3600, "{what}: ExpiresIn");
        assert_eq!(printed["TokenType"], "Bearer", "{what}: TokenType");
        for secret in [password, config.client_secret.as_str()] {
            assert!(
                !stdout.contains(secret) && !stderr.contains(secret),
                "{what}: no password or client secret printed"
            );
        }
    }
}

#[cfg(feature = "cli")]
#[test]
fn cli_the_right_password_prints_the_tokens() {
    let config = Config::load();
    let password = config.password("frank");
    let out = cli::login(&config, "frank", &password, false);
    cli::assert_tokens_printed(&out, &config, &password, "cli, right password");
}

#[cfg(feature = "cli")]
#[test]
fn cli_a_wrong_password_exits_1_with_the_error_code_first() {
    let config = Config::load();
    let out = cli::login(&config, "frank", "Fr4nk-Wr0ng!", false);
    let (stdout, stderr) = (cli::text(&out.stdout), cli::text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "exit 1; stderr: {stderr}");
    assert!(
        stderr.starts_with("NotAuthorizedException: Incorrect username or password."),
        "stderr starts with the code and the server's message: {stderr}"
    );
    assert!(stdout.trim().is_empty(), "nothing on stdout: {stdout}");
    assert!(
        !stderr.contains("Fr4nk-Wr0ng!"),
        "the password is not echoed: {stderr}"
    );
}

#[cfg(feature = "cli")]
#[test]
fn cli_an_alias_signs_in_and_answers_with_the_challenges_username() {
    let config = Config::load();
    let alias = config.alias("erin");
    let password = config.password("erin");
    let out = cli::login(&config, &alias, &password, false);
    cli::assert_tokens_printed(&out, &config, &password, "cli, alias");

    // What the server got from the binary (erin is used by this test only).
    let received = config.received();
    let initiated = received.iter().any(|r| {
        r["target"]
            .as_str()
            .is_some_and(|t| t.ends_with(".InitiateAuth"))
            && r["body"]["AuthParameters"]["USERNAME"] == alias.as_str()
    });
    assert!(initiated, "the binary started with the alias typed");
    let answered: Vec<&Value> = received
        .iter()
        .filter(|r| {
            r["target"]
                .as_str()
                .is_some_and(|t| t.ends_with(".RespondToAuthChallenge"))
                && r["body"]["ChallengeResponses"]["USERNAME"] == "erin"
        })
        .collect();
    assert_eq!(
        answered.len(),
        1,
        "one PASSWORD_VERIFIER answer carrying USERNAME erin (not the alias, not {})",
        config.user_id_for_srp("erin")
    );
}

#[cfg(feature = "cli")]
#[test]
fn cli_a_client_with_a_secret_signs_in_and_a_wrong_secret_exits_1() {
    let config = Config::load();
    let password = config.password("frank");
    let out = cli::login(&config, "frank", &password, true);
    cli::assert_tokens_printed(&out, &config, &password, "cli, secret client");

    let wrong = config_with_secret(&config, "not-the-client-secret");
    let out = cli::login(&wrong, "frank", &password, true);
    let stderr = cli::text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "wrong secret: exit 1; stderr: {stderr}"
    );
    assert!(
        stderr.starts_with("NotAuthorizedException"),
        "wrong secret: the code first: {stderr}"
    );
}

#[cfg(feature = "cli")]
fn config_with_secret(config: &Config, secret: &str) -> Config {
    Config {
        endpoint: config.endpoint.clone(),
        pool_id: config.pool_id.clone(),
        public_client: config.public_client.clone(),
        secret_client: config.secret_client.clone(),
        client_secret: secret.to_owned(),
        doc: config.doc.clone(),
    }
}

/// The CLI half must not vanish silently: the srp-server stage builds with `--features "live cli"`.
#[cfg(not(feature = "cli"))]
#[test]
fn cli_cases_need_the_cli_feature() {
    panic!(
        "tests/live/srp_server.rs was compiled without the `cli` feature, so the `cognito` \
         binary's cases are missing: run it with --features \"live cli\" (scripts/test srp-server)"
    );
}
