//! The rig a scenario runs on: handles that share one transport (recording against moto, or
//! replaying a fixture), a settable clock and a seeded random source, so every request byte
//! (SRP_A, TIMESTAMP, X-Amz-Date) is the same in both modes.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use cognito::credentials::AwsCredentials;
use cognito::dangerous::decode_without_verification;
use cognito::{
    Cognito, CognitoBuilder, Error, HttpRequest, HttpResponse, Transport, TransportError,
};
use serde_json::Value;

/// The `source` of every fixture recorded against moto.
pub(crate) const SOURCE_MOTO: &str = "moto 5.2.5 on loopback (scripts/record-fixtures)";

/// The clock every scenario starts at: Tue Nov 14 22:13:20 UTC 2023. moto issues tokens at its
/// own wall-clock time, so at T0 they look fresh; scenarios move the clock to expire them.
pub(crate) const T0: u64 = 1_700_000_000;
/// The seed of every handle's random source (SRP private values, device passwords).
pub(crate) const SEED: u64 = 0x5eed_c061_1170_0001;

/// Synthetic passwords meeting moto's default policy.
pub(crate) const PASSWORD: &str = "Test-Passw0rd!";
/// The password scenarios change to.
pub(crate) const NEW_PASSWORD: &str = "Test-N3w-Passw0rd!";
/// A temporary password for admin-created users.
pub(crate) const TEMPORARY_PASSWORD: &str = "Test-Temp0rary!";

/// Pool and client ids, usernames: what a fixture's `context` holds (never secrets).
pub(crate) type Context = BTreeMap<String, String>;

/// One request a handle sent, as the scenario saw it.
#[derive(Debug, Clone)]
pub(crate) struct Sent {
    /// The operation (from `X-Amz-Target`).
    pub operation: String,
    /// The JSON body.
    pub body: Value,
}

/// Handles on one transport, with a shared clock and request log.
pub(crate) struct Rig {
    context: Context,
    client_secret: Option<String>,
    endpoint: String,
    transport: Arc<dyn Transport>,
    sent: Arc<Mutex<Vec<Sent>>>,
    clock: Arc<AtomicU64>,
}

impl Rig {
    /// A rig sending through `inner` to `endpoint`; `client_secret` is the secret client's
    /// secret (moto's in live mode, `REPLAY_CLIENT_SECRET` in a replay).
    pub(crate) fn new(
        context: Context,
        client_secret: Option<String>,
        endpoint: &str,
        inner: Arc<dyn Transport>,
    ) -> Self {
        let sent: Arc<Mutex<Vec<Sent>>> = Arc::default();
        let log = Arc::clone(&sent);
        let transport = move |request: HttpRequest| -> Result<HttpResponse, TransportError> {
            let operation = request
                .header("x-amz-target")
                .and_then(|t| t.rsplit('.').next())
                .unwrap_or_default()
                .to_owned();
            let body = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
            log.lock().unwrap().push(Sent { operation, body });
            inner.send(request)
        };
        Rig {
            context,
            client_secret,
            endpoint: endpoint.to_owned(),
            transport: Arc::new(transport),
            sent,
            clock: Arc::new(AtomicU64::new(T0)),
        }
    }

    /// A context value; panics naming the key when it is missing.
    pub(crate) fn ctx(&self, key: &str) -> &str {
        self.context
            .get(key)
            .unwrap_or_else(|| panic!("the scenario's context has no {key:?}: {:?}", self.context))
    }

    /// The context, for saving with a fixture.
    #[allow(dead_code)] // read by the live target, which records fixtures; the offline one replays them
    pub(crate) fn context(&self) -> &Context {
        &self.context
    }

    /// The secret client's secret.
    pub(crate) fn client_secret(&self) -> &str {
        self.client_secret
            .as_deref()
            .expect("this scenario's rig has a client secret")
    }

    /// What every handle shares: the pool, endpoint, transport, clock, seeded randomness and
    /// synthetic AWS keys (moto accepts any), and no environment. Renewed tokens are stored
    /// unverified: a replayed token has lost its signature, and the fixed clock predates moto's
    /// `iat` (verification has its own tests).
    pub(crate) fn builder(&self) -> CognitoBuilder {
        let clock = Arc::clone(&self.clock);
        Cognito::builder()
            .user_pool_id(self.ctx("user_pool_id"))
            .endpoint(&self.endpoint)
            .environment(|_| None)
            .credentials(AwsCredentials::new("testing", "testing", None))
            .clock(move || UNIX_EPOCH + Duration::from_secs(clock.load(Ordering::SeqCst)))
            .random(seeded(SEED))
            .device_name("surface test device")
            .verify_renewed_tokens(false)
            .shared_transport(Arc::clone(&self.transport))
    }

    /// A handle for the administrator: the pool, no client.
    pub(crate) fn admin(&self) -> Cognito {
        self.builder().build().expect("the admin handle builds")
    }

    /// A handle on the public client acting for `username`.
    pub(crate) fn user(&self, username: &str) -> Cognito {
        self.builder()
            .client_id(self.ctx("client_id"))
            .username(username)
            .build()
            .expect("the user handle builds")
    }

    /// A handle on the secret client acting for `username`.
    pub(crate) fn secret_user(&self, username: &str) -> Cognito {
        self.builder()
            .client_id(self.ctx("secret_client_id"))
            .client_secret(self.client_secret())
            .username(username)
            .build()
            .expect("the secret-client handle builds")
    }

    /// Sets the clock, in seconds since the epoch.
    pub(crate) fn set_clock(&self, secs: u64) {
        self.clock.store(secs, Ordering::SeqCst);
    }

    /// Every request sent so far.
    pub(crate) fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }

    /// How many requests have been sent so far (a mark for [`Rig::operations_since`]).
    pub(crate) fn mark(&self) -> usize {
        self.sent.lock().unwrap().len()
    }

    /// The operations sent since `mark`, in order.
    pub(crate) fn operations_since(&self, mark: usize) -> Vec<String> {
        self.sent()
            .into_iter()
            .skip(mark)
            .map(|s| s.operation)
            .collect()
    }

    /// The body of the last request for `operation`.
    pub(crate) fn last_body(&self, operation: &str) -> Value {
        self.sent()
            .into_iter()
            .rev()
            .find(|s| s.operation == operation)
            .unwrap_or_else(|| panic!("no {operation} request was sent"))
            .body
    }
}

/// A deterministic random source (SplitMix64) standing in for the operating system's.
pub(crate) fn seeded(
    seed: u64,
) -> impl Fn(&mut [u8]) -> Result<(), String> + Send + Sync + 'static {
    let state = Mutex::new(seed);
    move |buf: &mut [u8]| {
        let mut s = state.lock().unwrap();
        for chunk in buf.chunks_mut(8) {
            *s = s.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = *s;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
        }
        Ok(())
    }
}

/// The service error code of a failed call; panics when the call succeeded or failed otherwise.
pub(crate) fn service_code<T: std::fmt::Debug>(result: Result<T, Error>, what: &str) -> String {
    match result {
        Ok(v) => panic!("{what}: expected a service error, got {v:?}"),
        Err(e) => match e.service_code() {
            Some(code) => code.as_str().to_owned(),
            None => panic!("{what}: expected a service error, got {e}"),
        },
    }
}

/// A claim of the handle's access token (read without verification: recorded tokens have
/// their signatures replaced).
pub(crate) fn access_claim(cognito: &Cognito, claim: &str) -> Value {
    let tokens = cognito.tokens();
    let token = tokens
        .access_token
        .expect("the handle holds an access token");
    let decoded = decode_without_verification(token.expose_secret()).expect("a readable JWT");
    decoded
        .claims()
        .raw
        .get(claim)
        .cloned()
        .unwrap_or(Value::Null)
}
