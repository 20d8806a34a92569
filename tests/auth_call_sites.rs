//! The call sites of sign-in, replayed from `fixtures/`: `AuthResult::signed_in`
//! for programs that answer no challenge.
//!
//! Each run replays a fixture through the handle with the fixed clock of
//! `tests/auth_flows.rs` (`Tue Nov 14 22:13:20 UTC 2023`); the replay checks
//! every request body.
// Tests say what broke by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use cognito::{
    AuthResult, AwsCredentials, Cognito, CognitoBuilder, Error, Fixture, HttpRequest,
    ReplayTransport, Transport,
};
use serde_json::Value;

// The synthetic identities of fixtures/auth/ (scripts/gen/auth_fixtures.py).
const POOL_ID: &str = "us-east-1_SyNtH3t1c";
const SECRET_CLIENT_ID: &str = "synthetic0secret0client001";
const CLIENT_SECRET: &str = "test-client-secret-not-real";
const TYPED: &str = "alice@example.com";
const PASSWORD: &str = "Passw0rd!-not-real";
const NOW: u64 = 1_700_000_000; // Tue Nov 14 22:13:20 UTC 2023

fn fixture(path: &str) -> Fixture {
    let file: PathBuf = [env!("CARGO_MANIFEST_DIR"), "fixtures", path]
        .iter()
        .collect();
    Fixture::from_file(file).unwrap()
}

/// One replayed conversation: the replay, every request as the handle sent
/// it, and the handle.
struct Run {
    replay: ReplayTransport,
    seen: Arc<Mutex<Vec<HttpRequest>>>,
    cognito: Cognito,
}

impl Run {
    /// The secret client of `fixtures/auth/`, the username typed as the alias.
    fn auth(name: &str) -> Self {
        Self::custom(fixture(&format!("auth/{name}.json")), |b| {
            b.user_pool_id(POOL_ID)
                .client_id(SECRET_CLIENT_ID)
                .client_secret(CLIENT_SECRET)
                .username(TYPED)
        })
    }

    /// A handle on the fixed clock and the replay of `fixture`; `configure`
    /// adds the pool, client and user.
    fn custom(fixture: Fixture, configure: impl FnOnce(CognitoBuilder) -> CognitoBuilder) -> Self {
        let replay = ReplayTransport::new(fixture);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (forward, record) = (replay.clone(), Arc::clone(&seen));
        let spy = move |req: HttpRequest| {
            record.lock().unwrap().push(req.clone());
            forward.send(req)
        };
        let builder = Cognito::builder()
            .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
            .environment(|_| None)
            .credentials(AwsCredentials::new(
                "AKIDEXAMPLE",
                "synthetic-aws-secret-not-real",
                None,
            ))
            .transport(spy);
        let cognito = configure(builder).build().unwrap();
        Self {
            replay,
            seen,
            cognito,
        }
    }

    /// The operations sent, in order.
    fn operations(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|r| {
                let target = r.header("x-amz-target").unwrap_or("");
                target.rsplit('.').next().unwrap_or("").to_owned()
            })
            .collect()
    }

    /// The body of request `index` as sent.
    fn body(&self, index: usize) -> Value {
        serde_json::from_slice(&self.seen.lock().unwrap()[index].body).unwrap()
    }

    /// Every exchange of the fixture was used.
    fn finish(&self, label: &str) {
        self.replay
            .finish()
            .unwrap_or_else(|e| panic!("{label}: {e}"));
    }
}

// ---- AuthResult::signed_in ----------------------------------------------------------------

#[test]
fn signed_in_is_ok_once_authenticated() {
    let run = Run::auth("srp_secret_alias");
    run.cognito
        .authenticate(PASSWORD)
        .and_then(AuthResult::signed_in)
        .unwrap();
    run.finish("srp");
    assert!(
        run.cognito.tokens().access_token.is_some(),
        "the handle holds the tokens"
    );
}

#[test]
fn signed_in_names_the_challenge_it_stopped_at() {
    for (name, challenge) in [
        ("mfa_software_token_mfa", "SOFTWARE_TOKEN_MFA"),
        ("mfa_sms_mfa", "SMS_MFA"),
        ("password_new_password_required", "NEW_PASSWORD_REQUIRED"),
    ] {
        let mut fixture = fixture(&format!("auth/{name}.json"));
        fixture.exchanges.truncate(1); // the answer is never sent
        let run = Run::custom(fixture, |b| {
            b.user_pool_id(POOL_ID)
                .client_id(SECRET_CLIENT_ID)
                .client_secret(CLIENT_SECRET)
                .username(TYPED)
        });
        let err = run
            .cognito
            .authenticate_user_password(PASSWORD)
            .unwrap()
            .signed_in()
            .unwrap_err();
        run.finish(name);
        assert!(
            matches!(&err, Error::ChallengeRequired { name } if name == challenge),
            "{name}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!("sign-in stopped at challenge {challenge}"),
            "{name}: message"
        );
        assert!(
            std::error::Error::source(&err).is_none(),
            "{name}: no cause"
        );
        let debug = format!("{err:?}");
        assert!(
            !debug.contains(PASSWORD) && !debug.contains("synthetic-session"),
            "{name}: no password or session in {debug}"
        );
        assert_eq!(run.operations(), ["InitiateAuth"], "{name}: requests");
        assert_eq!(
            run.body(0)["AuthFlow"],
            "USER_PASSWORD_AUTH",
            "{name}: flow"
        );
        assert_eq!(
            run.cognito.tokens(),
            cognito::Tokens::default(),
            "{name}: no tokens"
        );
    }
}
