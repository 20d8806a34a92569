//! What the live tests (`tests/live_*.rs`) share: the variables `scripts/test` sets, admin
//! handles with dummy keys, pools and clients made through raw calls, a spy on the transport,
//! and small checks. Each live file includes it with `mod live_support;`.
// Each live test binary uses a different part of this module.

pub(crate) mod totp;

use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use cognito::credentials::AwsCredentials;
use cognito::{
    AuthResult, Challenge, Cognito, Error, HttpRequest, HttpResponse, Transport, TransportError,
    UreqTransport,
};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

/// moto's region: the admin calls are signed for it, and moto picks its backend by it.
pub(crate) const MOTO_REGION: &str = "us-east-1";
/// cognito-local's region: its pool ids are `local_…`.
pub(crate) const LOCAL_REGION: &str = "local";

// ---- the variables scripts/test sets -------------------------------------------------------

/// The variable `name`; panics, saying how to get it set, when it is missing or empty.
pub(crate) fn env(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!("{name} is not set: {}", how_to_set(name)),
    }
}

fn how_to_set(name: &str) -> &'static str {
    match name {
        "COGNITO_TEST_MOTO_ENDPOINT" => {
            "these live tests need a moto 5.2.5 server. Run scripts/test live or \
             scripts/record-fixtures (they start one and set it), or \
             eval \"$(scripts/emulators/start-moto)\" first"
        }
        "COGNITO_TEST_MOTO_TOTP_ENDPOINT" => {
            "these live tests need a moto 5.2.5 server started with \
             MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true. Run scripts/test live (it starts one \
             and sets it)"
        }
        "COGNITO_TEST_LOCAL_ENDPOINT" | "COGNITO_TEST_LOCAL_CODE" => {
            "these live tests need a cognito-local 5.3.0 server started with a fixed CODE (the \
             SELECT_MFA_TYPE tests also need its database seeded from \
             fixtures/cognito-local/sms-mfa-seed.json). Run scripts/test live (it does both and \
             sets COGNITO_TEST_LOCAL_ENDPOINT and COGNITO_TEST_LOCAL_CODE), or \
             eval \"$(scripts/emulators/start-cognito-local)\" first"
        }
        "COGNITO_TEST_SRP_ENDPOINT" | "COGNITO_TEST_SRP_CONFIG" => {
            "these tests need scripts/srp/srp_server.py running. Run scripts/test srp-server (it \
             starts the server and sets COGNITO_TEST_SRP_ENDPOINT and COGNITO_TEST_SRP_CONFIG)"
        }
        _ => "run scripts/test, which sets it",
    }
}

/// `http://127.0.0.1:PORT` of a plain moto.
pub(crate) fn moto_endpoint() -> String {
    env("COGNITO_TEST_MOTO_ENDPOINT")
}

/// The moto that checks TOTP codes.
pub(crate) fn moto_totp_endpoint() -> String {
    env("COGNITO_TEST_MOTO_TOTP_ENDPOINT")
}

/// `http://127.0.0.1:PORT` of cognito-local.
pub(crate) fn local_endpoint() -> String {
    env("COGNITO_TEST_LOCAL_ENDPOINT")
}

/// The CODE cognito-local was started with: every confirmation, reset and SMS code equals it.
pub(crate) fn local_code() -> String {
    let code = env("COGNITO_TEST_LOCAL_CODE");
    assert!(
        code.bytes().all(|b| b.is_ascii_digit()),
        "COGNITO_TEST_LOCAL_CODE is digits: {code:?}"
    );
    code
}

// ---- handles, pools and clients ------------------------------------------------------------

/// Dummy AWS keys: the emulators ignore signatures (moto maps every key to account
/// 123456789012).
pub(crate) fn credentials() -> AwsCredentials {
    AwsCredentials::new("testing", "testing", None)
}

/// An admin handle: dummy keys, `region`, `endpoint`; no pool, no environment.
pub(crate) fn admin(region: &str, endpoint: &str) -> Cognito {
    Cognito::builder()
        .region(region)
        .endpoint(endpoint)
        .credentials(credentials())
        .environment(|_| None)
        .build()
        .expect("the admin handle builds")
}

/// An admin handle on `pool_id`, for the typed admin operations.
pub(crate) fn pool_admin(region: &str, endpoint: &str, pool_id: &str) -> Cognito {
    Cognito::builder()
        .user_pool_id(pool_id)
        .region(region)
        .endpoint(endpoint)
        .credentials(credentials())
        .environment(|_| None)
        .build()
        .expect("the pool's admin handle builds")
}

/// A raw call for set-up; panics naming the operation.
pub(crate) fn call(admin: &Cognito, operation: &str, input: &Value) -> Value {
    admin
        .call(operation, input)
        .unwrap_or_else(|e| panic!("set-up {operation} failed: {e:?}"))
}

/// CreateUserPool with `input`; the new pool's id.
pub(crate) fn create_pool(admin: &Cognito, input: &Value) -> String {
    let reply = call(admin, "CreateUserPool", input);
    str_at(&reply, "/UserPool/Id", "CreateUserPool")
}

/// An app client: its id, and its secret when it has one.
#[derive(Debug, Clone)]
pub(crate) struct Client {
    pub id: String,
    pub secret: Option<String>,
}

/// CreateUserPoolClient with `input`.
pub(crate) fn create_client(admin: &Cognito, input: &Value) -> Client {
    let reply = call(admin, "CreateUserPoolClient", input);
    Client {
        id: str_at(&reply, "/UserPoolClient/ClientId", "CreateUserPoolClient"),
        secret: reply
            .pointer("/UserPoolClient/ClientSecret")
            .and_then(Value::as_str)
            .map(str::to_owned),
    }
}

/// A pool and its public client.
#[derive(Debug, Clone)]
pub(crate) struct Pool {
    pub id: String,
    pub client_id: String,
}

/// A pool made with `input` (CreateUserPool's) and a public client named `public` that allows
/// `flows` (none given: the emulator's default).
pub(crate) fn public_pool(admin: &Cognito, input: &Value, flows: &[&str]) -> Pool {
    let id = create_pool(admin, input);
    let mut client = json!({ "UserPoolId": id, "ClientName": "public", "GenerateSecret": false });
    if !flows.is_empty() {
        client["ExplicitAuthFlows"] = json!(flows);
    }
    let client_id = create_client(admin, &client).id;
    Pool { id, client_id }
}

// ---- a spy on the transport ----------------------------------------------------------------

/// One request the library sent and the reply it got.
#[derive(Debug, Clone)]
pub(crate) struct Sent {
    pub operation: String,
    pub body: Value,
    pub reply: Value,
    pub status: u16,
    pub authorization: Option<String>,
}

/// Notes every request that got a reply, through the default transport.
#[derive(Clone, Default)]
pub(crate) struct Spy(Arc<Mutex<Vec<Sent>>>);

impl Spy {
    /// The default transport, noting every request and reply.
    pub(crate) fn transport(&self) -> impl Transport + 'static {
        let log = Arc::clone(&self.0);
        let inner = UreqTransport::new();
        move |request: HttpRequest| -> Result<HttpResponse, TransportError> {
            let operation = request
                .header("x-amz-target")
                .and_then(|t| t.rsplit('.').next())
                .unwrap_or_default()
                .to_owned();
            let authorization = request.header("authorization").map(str::to_owned);
            let body = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
            let response = inner.send(request)?;
            log.lock().unwrap().push(Sent {
                operation,
                body,
                reply: serde_json::from_slice(&response.body).unwrap_or(Value::Null),
                status: response.status,
                authorization,
            });
            Ok(response)
        }
    }

    /// Everything noted, in order.
    pub(crate) fn all(&self) -> Vec<Sent> {
        self.0.lock().unwrap().clone()
    }

    /// The operations noted, in order.
    pub(crate) fn operations(&self) -> Vec<String> {
        self.all().into_iter().map(|s| s.operation).collect()
    }

    /// The requests for `operation`, in order.
    pub(crate) fn sent(&self, operation: &str) -> Vec<Sent> {
        self.all()
            .into_iter()
            .filter(|s| s.operation == operation)
            .collect()
    }

    /// The one request for `operation`; panics when there are none or several.
    pub(crate) fn one(&self, operation: &str) -> Sent {
        let found = self.sent(operation);
        assert_eq!(found.len(), 1, "exactly one {operation}: {found:#?}");
        found.into_iter().next().unwrap()
    }

    /// Forgets what was noted.
    pub(crate) fn clear(&self) {
        self.0.lock().unwrap().clear();
    }
}

// ---- checks --------------------------------------------------------------------------------

/// The string at `pointer` in `what`'s reply; panics showing the reply when there is none.
pub(crate) fn str_at(value: &Value, pointer: &str, what: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{what} reply has no string at {pointer}: {value}"))
        .to_owned()
}

/// Three non-empty dot-separated parts.
pub(crate) fn is_jwt(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty())
}

/// SECRET_HASH, computed here independently of the library: Base64(HMAC-SHA256(secret,
/// username ‖ client_id)).
pub(crate) fn secret_hash(secret: &str, username: &str, client_id: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// Expects a sign-in that ended with tokens.
pub(crate) fn authenticated(result: Result<AuthResult, Error>, what: &str) {
    match result {
        Ok(AuthResult::Authenticated) => {}
        other => panic!("{what}: expected tokens, got {other:?}"),
    }
}

/// Expects a sign-in step that is a challenge.
pub(crate) fn challenge(result: Result<AuthResult, Error>, what: &str) -> Challenge {
    match result {
        Ok(AuthResult::Challenge(c)) => c,
        other => panic!("{what}: expected a challenge, got {other:?}"),
    }
}
