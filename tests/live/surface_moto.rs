//! The surface scenarios (`tests/common/scenarios/`) live against moto 5.2.5.
//!
//! `scripts/test` starts moto and sets `COGNITO_TEST_MOTO_ENDPOINT`; by hand:
//! `eval "$(scripts/emulators/start-moto)"; cargo test --features live --test live_surface_moto;
//! scripts/emulators/stop-moto`.
//! With `COGNITO_RECORD_FIXTURES=1` each scenario saves what it sent and received, redacted, to
//! `fixtures/moto/<scenario>.json`, which `tests/offline/surface_replay.rs` replays offline;
//! `scripts/record-fixtures` does all of that in one command.
//!
//! Each scenario makes its own pool through a set-up handle that records nothing, so they run in
//! parallel and the fixtures hold only the calls under test.
// Tests say what broke by panicking.

use crate::common;
use crate::support as live_support;

use std::sync::Arc;

use cognito::test_util::{RecordingTransport, REDACTED_SIGNATURE};
use cognito::UreqTransport;
use common::rig::{Rig, NEW_PASSWORD, PASSWORD, SOURCE_MOTO, TEMPORARY_PASSWORD};
use common::scenarios::{moto, setup::Setup, MOTO};
use live_support::moto_endpoint as endpoint;
use serde_json::Value;

fn recording() -> bool {
    std::env::var("COGNITO_RECORD_FIXTURES").is_ok_and(|v| v == "1")
}

fn run_live(name: &str) {
    let scenario = moto(name);
    let endpoint = endpoint();
    let prepared = (scenario.setup)(&Setup::new(&endpoint));
    let secret = prepared.client_secret.clone();
    let recorder = RecordingTransport::new(UreqTransport::new());
    let rig = Rig::new(
        prepared.context,
        prepared.client_secret,
        &endpoint,
        Arc::new(recorder.clone()),
    );
    (scenario.run)(&rig);
    if !recording() {
        return;
    }
    let mut fixture = recorder.fixture(SOURCE_MOTO);
    fixture.description = Some(scenario.description.to_owned());
    fixture.context = rig.context().clone();
    let text = serde_json::to_string(&fixture).unwrap();
    let mut secrets = vec![PASSWORD, NEW_PASSWORD, TEMPORARY_PASSWORD];
    secrets.extend(secret.as_deref());
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "{name}: a secret reached the fixture"
        );
    }
    assert_jwts_unsigned(&serde_json::to_value(&fixture).unwrap(), name);
    let path = format!("{}/fixtures/moto/{name}.json", env!("CARGO_MANIFEST_DIR"));
    fixture.save(&path).unwrap();
}

/// Every token in a recorded reply has lost its signature.
fn assert_jwts_unsigned(value: &Value, name: &str) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if let ("AccessToken" | "IdToken", Value::String(token)) = (key.as_str(), v) {
                    assert!(
                        token == "<redacted>" || token.ends_with(REDACTED_SIGNATURE),
                        "{name}: a signed {key} reached the fixture"
                    );
                }
                assert_jwts_unsigned(v, name);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| assert_jwts_unsigned(v, name)),
        _ => {}
    }
}

macro_rules! live {
    ($($name:ident),* $(,)?) => {
        const TESTED: &[&str] = &[$(stringify!($name)),*];
        $( #[test] fn $name() { run_live(stringify!($name)); } )*
    };
}

live!(
    sign_up,
    forgot_password,
    change_password,
    profile,
    logout,
    mfa_settings,
    admin_create,
    admin_disable,
    admin_passwords,
    admin_sign_out,
    list_users,
    groups,
    groups_paging,
    refresh,
);

#[test]
fn every_scenario_runs_live() {
    let names: Vec<&str> = MOTO.iter().map(|s| s.name).collect();
    assert_eq!(names, TESTED, "the live! list and scenarios::MOTO agree");
}
