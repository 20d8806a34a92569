//! The server side (`cognito::server`): the backend's create / update /
//! no-create, "no user" on NotAuthorizedException and UserNotFoundException,
//! other errors passed through, a challenge saved as JSON and resumed in a
//! fresh handle, session renewal, and the request helpers.
//!
//! Conversations: fixtures/constructed/server/ (scripts/gen/server_fixtures.py,
//! composed from fixtures/auth/) and fixtures/auth/wrong_password.json;
//! tokens and keys: fixtures/jwt (scripts/gen/test_tokens.py). The clock is
//! fixed; the replay checks every request body (SRP_A and the claim
//! signature, random, are `<redacted>` there).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use cognito::credentials::AwsCredentials;
use cognito::server::{
    api_key, bearer_claims, Backend, BackendConfig, BackendError, BearerError, PendingSignIn,
    SessionState, SignIn, UserStore,
};
use cognito::test_util::ReplayTransport;
use cognito::{
    AuthResult, Challenge, Cognito, CognitoBuilder, Error, ErrorCode, HttpRequest, TokenVerifier,
    Tokens, Transport,
};
use serde_json::Value;

const POOL_ID: &str = "us-east-1_SyNtH3t1c";
const CLIENT_ID: &str = "synthetic0secret0client001";
const CLIENT_SECRET: &str = "test-client-secret-not-real";
const TYPED: &str = "alice@example.com";
const INTERNAL: &str = "alice-internal";
const PASSWORD: &str = "Passw0rd!-not-real";
const NOW: u64 = 1_700_000_000;
const SESSION_2: &str = "synthetic-session-2-not-real-0123456789";

// ---- a user store in memory ----------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct LocalUser {
    id: u32,
    username: String,
    fields: BTreeMap<String, String>,
}

#[derive(Debug)]
struct StoreDown;

impl fmt::Display for StoreDown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the database is down")
    }
}

impl std::error::Error for StoreDown {}

#[derive(Default)]
struct Memory {
    users: Mutex<BTreeMap<String, LocalUser>>,
    calls: Mutex<Vec<String>>,
    down: bool,
}

impl Memory {
    fn with(user: LocalUser) -> Self {
        let memory = Memory::default();
        memory
            .users
            .lock()
            .unwrap()
            .insert(user.username.clone(), user);
        memory
    }

    fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }

    fn user(&self, username: &str) -> Option<LocalUser> {
        self.users.lock().unwrap().get(username).cloned()
    }
}

impl UserStore for Memory {
    type User = LocalUser;
    type Error = StoreDown;

    fn find(&self, username: &str) -> Result<Option<LocalUser>, StoreDown> {
        self.calls.lock().unwrap().push(format!("find {username}"));
        if self.down {
            return Err(StoreDown);
        }
        Ok(self.user(username))
    }

    fn create(
        &self,
        username: &str,
        fields: &BTreeMap<String, String>,
    ) -> Result<LocalUser, StoreDown> {
        self.calls
            .lock()
            .unwrap()
            .push(format!("create {username}"));
        let mut users = self.users.lock().unwrap();
        let user = LocalUser {
            id: users.len() as u32 + 1,
            username: username.to_owned(),
            fields: fields.clone(),
        };
        users.insert(username.to_owned(), user.clone());
        Ok(user)
    }

    fn update(
        &self,
        mut user: LocalUser,
        fields: &BTreeMap<String, String>,
    ) -> Result<LocalUser, StoreDown> {
        self.calls
            .lock()
            .unwrap()
            .push(format!("update {}", user.username));
        user.fields.extend(fields.clone());
        self.users
            .lock()
            .unwrap()
            .insert(user.username.clone(), user.clone());
        Ok(user)
    }
}

// ---- replay --------------------------------------------------------------------------

struct Replay {
    replay: ReplayTransport,
    seen: Arc<Mutex<Vec<HttpRequest>>>,
}

impl Replay {
    fn new(path: &str) -> Self {
        let path = format!("{}/fixtures/{path}.json", env!("CARGO_MANIFEST_DIR"));
        Replay {
            replay: ReplayTransport::from_file(&path).unwrap(),
            seen: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// A handle builder on the replay (shared by every handle built from it).
    fn builder(&self, config: &BackendConfig) -> CognitoBuilder {
        let (forward, record) = (self.replay.clone(), Arc::clone(&self.seen));
        config
            .handle_builder()
            .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
            .environment(|_| None)
            // Each fixture exchange is one reply: the mapping is under test, not retries.
            .retry(cognito::RetryPolicy::none())
            .transport(move |req: HttpRequest| {
                record.lock().unwrap().push(req.clone());
                forward.send(req)
            })
    }

    fn targets(&self) -> Vec<String> {
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

    fn finish(&self) {
        self.replay.finish().unwrap();
    }
}

fn config() -> BackendConfig {
    let mut config = BackendConfig::new(POOL_ID, CLIENT_ID);
    config.client_secret = Some(CLIENT_SECRET.into());
    config.credentials = Some(AwsCredentials::new(
        "AKIDEXAMPLE",
        "synthetic-aws-secret-not-real",
        None,
    ));
    config
}

fn new_backend(replay: &Replay, config: BackendConfig, store: Memory) -> Backend<Memory> {
    let handle = replay.builder(&config).build().unwrap();
    Backend::with_handle(config, handle, store)
}

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn signed_in(
    result: Result<SignIn<LocalUser>, BackendError<StoreDown>>,
) -> (LocalUser, SessionState) {
    match result {
        Ok(SignIn::SignedIn { user, session }) => (user, session),
        other => panic!("not signed in: {other:?}"),
    }
}

// ---- the backend ---------------------------------------------------------------------

#[test]
fn an_unknown_user_is_created_with_the_default_mapping() {
    let replay = Replay::new("constructed/server/srp_get_user");
    let backend = new_backend(&replay, config(), Memory::default());
    let (user, session) = signed_in(backend.authenticate(TYPED, PASSWORD));
    replay.finish();
    assert_eq!(
        replay.targets(),
        ["InitiateAuth", "RespondToAuthChallenge", "GetUser"]
    );
    // Keyed by Cognito's username (not the alias typed), mapped fields only.
    assert_eq!(user.username, INTERNAL);
    assert_eq!(
        user.fields,
        fields(&[
            ("email", "alice@example.com"),
            ("first_name", "Alice"),
            ("last_name", "Example"),
        ])
    );
    assert_eq!(
        backend.store().calls(),
        ["find alice-internal", "create alice-internal"]
    );
    assert_eq!(backend.store().user(INTERNAL), Some(user));
    assert_eq!(session.username, INTERNAL);
    assert!(session.tokens.access_token.is_some() && session.tokens.refresh_token.is_some());
    // The backend's own handle holds nobody's tokens.
    assert!(backend.handle().access_token().is_none());
    assert!(backend.handle().username().is_none());
}

#[test]
fn a_known_user_is_updated_including_custom_attributes() {
    let replay = Replay::new("constructed/server/srp_get_user");
    let mut config = config();
    config
        .attr_mapping
        .insert("custom:team".into(), "team".into());
    let existing = LocalUser {
        id: 7,
        username: INTERNAL.into(),
        fields: fields(&[("email", "old@example.com"), ("nickname", "kept")]),
    };
    let backend = new_backend(&replay, config, Memory::with(existing));
    let (user, _) = signed_in(backend.authenticate(TYPED, PASSWORD));
    replay.finish();
    assert_eq!(
        backend.store().calls(),
        ["find alice-internal", "update alice-internal"]
    );
    assert_eq!(user.id, 7);
    assert_eq!(
        user.fields,
        fields(&[
            ("email", "alice@example.com"),
            ("first_name", "Alice"),
            ("last_name", "Example"),
            ("nickname", "kept"),
            ("team", "blue"),
        ])
    );
}

#[test]
fn without_create_unknown_users_an_unknown_user_is_no_user() {
    let replay = Replay::new("constructed/server/srp_get_user");
    let mut config = config();
    config.create_unknown_users = false;
    let backend = new_backend(&replay, config, Memory::default());
    let result = backend.authenticate(TYPED, PASSWORD);
    assert!(matches!(result, Ok(SignIn::NoUser)), "{result:?}");
    replay.finish();
    assert_eq!(backend.store().calls(), ["find alice-internal"]);
    assert!(backend.store().user(INTERNAL).is_none());

    // A known user is still updated.
    let replay = Replay::new("constructed/server/srp_get_user");
    let mut config = self::config();
    config.create_unknown_users = false;
    let known = LocalUser {
        id: 1,
        username: INTERNAL.into(),
        fields: BTreeMap::new(),
    };
    let backend = new_backend(&replay, config, Memory::with(known));
    let (user, _) = signed_in(backend.authenticate(TYPED, PASSWORD));
    assert_eq!(user.fields["first_name"], "Alice");
    assert_eq!(
        backend.store().calls(),
        ["find alice-internal", "update alice-internal"]
    );
}

#[test]
fn a_wrong_password_or_an_unknown_user_is_no_user() {
    for fixture in ["auth/wrong_password", "constructed/server/user_not_found"] {
        let replay = Replay::new(fixture);
        let backend = new_backend(&replay, config(), Memory::default());
        let result = backend.authenticate(TYPED, PASSWORD);
        assert!(
            matches!(result, Ok(SignIn::NoUser)),
            "{fixture}: {result:?}"
        );
        replay.finish();
        assert!(backend.store().calls().is_empty(), "{fixture}");
    }
}

#[test]
fn other_failures_are_errors() {
    let replay = Replay::new("constructed/server/throttled");
    let backend = new_backend(&replay, config(), Memory::default());
    match backend.authenticate(TYPED, PASSWORD) {
        Err(BackendError::Cognito(e)) => {
            assert_eq!(e.service_code(), Some(&ErrorCode::TooManyRequestsException));
        }
        other => panic!("{other:?}"),
    }
    assert!(backend.store().calls().is_empty());

    // The store's own error comes back as such, its cause kept.
    let replay = Replay::new("constructed/server/srp_get_user");
    let store = Memory {
        down: true,
        ..Memory::default()
    };
    let backend = new_backend(&replay, config(), store);
    let err = match backend.authenticate(TYPED, PASSWORD) {
        Err(e @ BackendError::Store(StoreDown)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(err.to_string(), "the user store failed");
    let source = std::error::Error::source(&err).map(ToString::to_string);
    assert_eq!(source.as_deref(), Some("the database is down"));
}

/// The saved state holds the session but never the password or SRP values.
fn assert_no_secrets(pending: &PendingSignIn) -> String {
    let json = serde_json::to_string(pending).unwrap();
    let debug = format!("{pending:?}");
    for text in [&json, &debug] {
        for secret in [
            PASSWORD,
            "SRP_A",
            "SRP_B",
            "SALT",
            "SECRET_BLOCK",
            "PASSWORD_CLAIM",
            CLIENT_SECRET,
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    assert!(
        json.contains(SESSION_2),
        "the session must serialize: {json}"
    );
    assert!(
        !debug.contains(SESSION_2),
        "Debug shows the session: {debug}"
    );
    json
}

#[test]
fn a_challenge_comes_back_resumable_and_finishes_in_another_backend() {
    let replay = Replay::new("constructed/server/srp_mfa_resume");
    let first = new_backend(&replay, config(), Memory::default());
    let pending = match first.authenticate(TYPED, PASSWORD) {
        Ok(SignIn::Challenge(pending)) => pending,
        other => panic!("{other:?}"),
    };
    assert_eq!(pending.challenge_name(), "SOFTWARE_TOKEN_MFA");
    assert_eq!(pending.username(), INTERNAL);
    assert!(!pending.is_admin());
    let json = assert_no_secrets(&pending);
    assert!(first.store().calls().is_empty());
    drop(first);

    // Another request: a backend of its own, the state from JSON.
    let second = new_backend(&replay, config(), Memory::default());
    let pending: PendingSignIn = serde_json::from_str(&json).unwrap();
    let result = second.answer(pending, |challenge| match challenge {
        Challenge::SoftwareTokenMfa(c) => c.respond("654321"),
        other => panic!("{other:?}"),
    });
    let (user, session) = signed_in(result);
    replay.finish();
    assert_eq!(
        replay.targets(),
        [
            "InitiateAuth",
            "RespondToAuthChallenge",
            "RespondToAuthChallenge",
            "GetUser"
        ]
    );
    assert_eq!(user.username, INTERNAL);
    assert_eq!(session.username, INTERNAL);
    assert_eq!(
        second.store().calls(),
        ["find alice-internal", "create alice-internal"]
    );
}

#[test]
fn srp_sign_in_stopped_at_mfa_resumes_from_json_in_a_fresh_handle() {
    let replay = Replay::new("constructed/server/srp_mfa_resume");
    let config = config();
    let json = {
        let cognito = replay.builder(&config).username(TYPED).build().unwrap();
        let challenge = match cognito.authenticate(PASSWORD).unwrap() {
            AuthResult::Challenge(c) => c,
            other => panic!("{other:?}"),
        };
        let pending = PendingSignIn::new(&challenge);
        assert_eq!(pending.challenge_name(), challenge.name());
        assert_eq!(pending.challenge_parameters(), challenge.parameters());
        assert_no_secrets(&pending)
        // The handle and the challenge are dropped here.
    };
    let fresh = replay.builder(&config).build().unwrap();
    let pending: PendingSignIn = serde_json::from_str(&json).unwrap();
    match pending.resume(&fresh) {
        Challenge::SoftwareTokenMfa(c) => c.respond("654321").unwrap().signed_in().unwrap(),
        other => panic!("{other:?}"),
    }
    // Signed in on the fresh handle: its session can be kept, its tokens work for GetUser.
    let session = SessionState::from_handle(&fresh).unwrap();
    assert_eq!(session.username, INTERNAL);
    assert_eq!(session.tokens, fresh.tokens());
    let user = fresh.get_user().unwrap();
    assert_eq!(user.username, INTERNAL);
    replay.finish();
    let answer: Value = serde_json::from_slice(&replay.seen.lock().unwrap()[2].body).unwrap();
    assert_eq!(answer["Session"], SESSION_2);
    assert_eq!(answer["ChallengeResponses"]["USERNAME"], INTERNAL);
}

#[test]
fn a_saved_device_key_is_sent_when_the_fresh_handle_remembers_none() {
    let json = r#"{"ChallengeName":"SMS_MFA","ChallengeParameters":{},"Session":"s-1",
        "Username":"alice","Admin":false,"DeviceKey":"us-east-1_dev-1"}"#;
    let pending: PendingSignIn = serde_json::from_str(json).unwrap();
    assert_eq!(pending.device_key(), Some("us-east-1_dev-1"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let cognito = Cognito::builder()
        .user_pool_id(POOL_ID)
        .client_id("synthetic0public0client002")
        .environment(|_| None)
        .transport(move |req: HttpRequest| {
            record.lock().unwrap().push(req.body.clone());
            Ok(cognito::HttpResponse::new(
                400,
                br#"{"__type":"CodeMismatchException","message":"Invalid code."}"#.to_vec(),
            ))
        })
        .build()
        .unwrap();
    let err = match pending.resume(&cognito) {
        Challenge::SmsMfa(c) => c.respond("123456").unwrap_err(),
        other => panic!("{other:?}"),
    };
    assert!(err.is_bad_code(), "{err:?}");
    let body: Value = serde_json::from_slice(&seen.lock().unwrap()[0]).unwrap();
    assert_eq!(body["ChallengeResponses"]["DEVICE_KEY"], "us-east-1_dev-1");
    assert_eq!(body["ChallengeResponses"]["SMS_MFA_CODE"], "123456");
    assert_eq!(body["Session"], "s-1");
}

// ---- session state -------------------------------------------------------------------

/// An unsigned token `{"exp": exp}`.
fn unsigned_token(exp: u64) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    format!(
        "eyJhbGciOiJub25lIn0.{}.c2ln",
        URL_SAFE_NO_PAD.encode(format!(r#"{{"exp":{exp}}}"#))
    )
}

#[test]
fn a_session_with_an_expired_token_is_renewed_and_handed_back() {
    let replay = Replay::new("constructed/server/renew");
    // The fixture's tokens are unsigned: this checks what is stored, not verification.
    let base = replay
        .builder(&config())
        .verify_renewed_tokens(false)
        .build()
        .unwrap();
    let held = "synthetic-refresh-token-0-not-real";
    let state = SessionState::new(
        INTERNAL,
        Tokens {
            access_token: Some(unsigned_token(NOW - 10).into()),
            refresh_token: Some(held.into()),
            ..Tokens::default()
        },
    );
    let json = serde_json::to_string(&state).unwrap();
    let state: SessionState = serde_json::from_str(&json).unwrap();
    let restored = state.restore(&base).unwrap();
    replay.finish();
    assert!(restored.renewed);
    assert_eq!(replay.targets(), ["InitiateAuth"]);
    let tokens = &restored.session.tokens;
    assert_ne!(
        tokens.access_token, state.tokens.access_token,
        "a new access token"
    );
    assert_eq!(
        tokens.refresh_token.as_ref().map(|t| t.expose_secret()),
        Some(held)
    );
    assert_eq!(restored.session.username, INTERNAL);
    assert_eq!(restored.cognito.tokens(), restored.session.tokens);
    // The base handle holds nothing of it.
    assert!(base.access_token().is_none());

    // A session still fresh: nothing sent, nothing to store back.
    let fresh = SessionState::new(
        INTERNAL,
        Tokens {
            access_token: Some(unsigned_token(NOW + 600).into()),
            ..Tokens::default()
        },
    );
    let restored = fresh.restore(&base).unwrap();
    assert!(!restored.renewed);
    assert_eq!(restored.session, fresh);
    assert_eq!(replay.targets().len(), 1);
}

#[test]
fn a_session_without_a_refresh_token_is_an_error_when_expired() {
    let base = Cognito::builder()
        .user_pool_id(POOL_ID)
        .client_id(CLIENT_ID)
        .environment(|_| None)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .transport(
            |_req: HttpRequest| -> Result<cognito::HttpResponse, cognito::TransportError> {
                panic!("nothing may be sent")
            },
        )
        .build()
        .unwrap();
    let state = SessionState::new(
        INTERNAL,
        Tokens {
            access_token: Some(unsigned_token(NOW - 10).into()),
            ..Tokens::default()
        },
    );
    let err: Error = state.restore(&base).unwrap_err();
    assert!(!err.to_string().contains("eyJ"), "{err}");
}

// ---- request helpers -----------------------------------------------------------------

const JWT_POOL: &str = "us-east-1_TestPool1";
const JWT_CLIENT: &str = "1example23456789abcdefghi0";
const JWT_NOW: u64 = 1_700_000_100;

fn jwt(name: &str) -> String {
    let text = std::fs::read_to_string(format!(
        "{}/fixtures/jwt/tokens.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    fixture["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no token {name}"))["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn verifier() -> TokenVerifier {
    let jwks = std::fs::read_to_string(format!(
        "{}/fixtures/jwt/jwks.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    TokenVerifier::builder(JWT_POOL)
        .client_id(JWT_CLIENT)
        .key_set_json(jwks)
        .clock(|| UNIX_EPOCH + Duration::from_secs(JWT_NOW))
        .build()
        .unwrap()
}

#[test]
fn the_api_key_comes_from_authorization_id_in_any_case() {
    for name in ["Authorization-ID", "authorization-id", "AUTHORIZATION-ID"] {
        let headers = vec![
            ("Accept".to_owned(), "*/*".to_owned()),
            (name.to_owned(), "key-123".to_owned()),
        ];
        assert_eq!(api_key(headers).as_deref(), Some("key-123"), "{name}");
    }
    assert_eq!(api_key([("Authorization", "Bearer x")]), None);
    assert_eq!(api_key(Vec::<(String, String)>::new()), None);
}

#[test]
fn a_bearer_access_token_is_verified() {
    let v = verifier();
    let bearer = |token: &str| vec![("authorization".to_owned(), format!("Bearer {token}"))];

    let claims = bearer_claims(&v, bearer(&jwt("good_access"))).unwrap();
    assert_eq!(claims.username.as_deref(), Some("alice"));
    // The scheme in any case.
    let lower = [("Authorization", format!("bearer {}", jwt("good_access")))];
    assert!(bearer_claims(&v, lower).is_ok());

    let none: [(&str, &str); 0] = [];
    assert!(matches!(bearer_claims(&v, none), Err(BearerError::Missing)));
    let basic = [("Authorization", "Basic YWxpY2U6cHc=")];
    assert!(matches!(
        bearer_claims(&v, basic),
        Err(BearerError::NotBearer)
    ));
    let empty = [("Authorization", "Bearer ")];
    assert!(matches!(
        bearer_claims(&v, empty),
        Err(BearerError::NotBearer)
    ));

    for refused in [
        "good_id",
        "tampered_payload",
        "tampered_signature",
        "expired",
        "wrong_client_id",
        "wrong_issuer",
        "alg_none",
    ] {
        match bearer_claims(&v, bearer(&jwt(refused))) {
            Err(e @ BearerError::Refused(Error::Token(_))) => {
                assert_eq!(e.to_string(), "the bearer token was refused", "{refused}");
                assert!(std::error::Error::source(&e).is_some(), "{refused}");
            }
            other => panic!("{refused}: {other:?}"),
        }
    }
}
