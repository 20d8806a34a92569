//! Identity-pool credentials (`cognito::identity`, `cognito aws-credentials`)
//! against moto 5.2.5's cognito-identity (`COGNITO_TEST_MOTO_ENDPOINT`).
//!
//! Each test makes its own user pool and an identity pool bound to it
//! (signed `CreateIdentityPool`, dummy keys). What moto does and does not
//! (read in its source, pinned version): it returns a new identity id on
//! every `GetId` and lists them in `ListIdentities`; it checks neither the
//! `Logins` map nor whether guests are allowed (those refusals are replayed
//! from constructed fixtures in `tests/offline/identity.rs`); its credentials
//! are always `TESTACCESSKEY12345` and expire 90 s after they are issued. So
//! caching and renewal are proven by counting requests with an injected
//! clock, and that `aws-credentials` ran by the access key and the identity
//! count.
//!
//! The done-when test runs boto3 (from the pinned moto venv,
//! `.peers/moto-venv`, `scripts/peers/moto-venv.txt`) with a profile whose
//! `credential_process` is the `cognito` binary, calling STS
//! `GetCallerIdentity` on moto through `AWS_ENDPOINT_URL`.
// Tests say what broke by panicking.

use crate::support as live_support;

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use cognito::credentials::AwsCredentials;
use cognito::identity::IdentityCredentials;
use cognito::signing::sign_request_for;
use cognito::{Cognito, HttpRequest, Tokens, Transport, UreqTransport};
use live_support::{admin, moto_endpoint, public_pool, str_at, Pool, Spy, MOTO_REGION};
use serde_json::{json, Value};

use crate::cli_runner::Cli;

const PASSWORD: &str = "Ident-Passw0rd!";
/// The access key moto's GetCredentialsForIdentity always answers.
const MOTO_ACCESS_KEY: &str = "TESTACCESSKEY12345";
const FLOWS: [&str; 3] = [
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
];

/// A signed cognito-identity call for set-up (dummy keys; moto ignores the signature but reads
/// the region from its scope).
fn identity_admin(operation: &str, input: &Value) -> Value {
    let mut request = HttpRequest::post(
        format!("{}/", moto_endpoint()),
        input.to_string().into_bytes(),
    )
    .with_header("content-type", "application/x-amz-json-1.1")
    .with_header(
        "x-amz-target",
        format!("AWSCognitoIdentityService.{operation}"),
    );
    let keys = AwsCredentials::new("testing", "testing", None);
    sign_request_for(
        &mut request,
        &keys,
        "cognito-identity",
        MOTO_REGION,
        SystemTime::now(),
    )
    .expect("the set-up call signs");
    let reply = UreqTransport::new().send(request).expect("moto answers");
    assert_eq!(
        reply.status,
        200,
        "set-up {operation}: {}",
        String::from_utf8_lossy(&reply.body)
    );
    serde_json::from_slice(&reply.body).expect("a JSON reply")
}

/// A user pool with a confirmed user, and an identity pool that trusts it.
struct Setup {
    pool: Pool,
    username: String,
    identity_pool_id: String,
    logins_key: String,
}

fn setup(name: &str, guests: bool) -> Setup {
    let admin = admin(MOTO_REGION, &moto_endpoint());
    let pool = public_pool(&admin, &json!({ "PoolName": name }), &FLOWS);
    let username = format!("{name}-user");
    live_support::call(
        &admin,
        "AdminCreateUser",
        &json!({"UserPoolId": pool.id, "Username": username, "MessageAction": "SUPPRESS",
                "TemporaryPassword": PASSWORD}),
    );
    live_support::call(
        &admin,
        "AdminSetUserPassword",
        &json!({"UserPoolId": pool.id, "Username": username, "Password": PASSWORD, "Permanent": true}),
    );
    let logins_key = format!("cognito-idp.{MOTO_REGION}.amazonaws.com/{}", pool.id);
    let created = identity_admin(
        "CreateIdentityPool",
        &json!({"IdentityPoolName": name.replace('-', "_"), "AllowUnauthenticatedIdentities": guests,
                "CognitoIdentityProviders": [{"ProviderName": logins_key, "ClientId": pool.client_id}]}),
    );
    Setup {
        identity_pool_id: str_at(&created, "/IdentityPoolId", "CreateIdentityPool"),
        pool,
        username,
        logins_key,
    }
}

/// How many identities moto has handed out for the pool (one per GetId).
fn identities(identity_pool_id: &str) -> usize {
    let listed = identity_admin(
        "ListIdentities",
        &json!({"IdentityPoolId": identity_pool_id, "MaxResults": 60}),
    );
    listed["Identities"].as_array().map_or(0, Vec::len)
}

/// A clock that reads the system time plus an offset the test moves.
#[derive(Clone, Default)]
struct Shifted(Arc<AtomicU64>);

impl Shifted {
    fn now(&self) -> SystemTime {
        SystemTime::now() + Duration::from_secs(self.0.load(Ordering::SeqCst))
    }
    fn advance(&self, seconds: u64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

/// The user signed in on a handle through `transport`.
fn signed_in(s: &Setup, transport: impl Transport + 'static, clock: Shifted) -> Cognito {
    let handle = Cognito::builder()
        .user_pool_id(&s.pool.id)
        .client_id(&s.pool.client_id)
        .username(&s.username)
        .endpoint(moto_endpoint())
        .environment(|_| None)
        .transport(transport)
        .clock(move || clock.now())
        .refresh_margin(Duration::from_secs(60))
        .verify_renewed_tokens(false)
        .build()
        .expect("the user's handle builds");
    handle
        .authenticate_user_password(PASSWORD)
        .expect("the user signs in")
        .signed_in()
        .expect("no challenge");
    handle
}

fn claim(token: &str, name: &str) -> Value {
    let payload = token.split('.').nth(1).expect("a JWT");
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    claims[name].clone()
}

#[test]
fn a_signed_in_user_gets_credentials_cached_then_renewed_at_the_margin() {
    let s = setup("identity-user", false);
    let spy = Spy::default();
    let clock = Shifted::default();
    let user = signed_in(&s, spy.transport(), clock.clone());
    let id_token = user
        .id_token()
        .expect("an id token")
        .expose_secret()
        .to_owned();
    assert_eq!(
        claim(&id_token, "iss"),
        format!("https://{}", s.logins_key),
        "the Logins key is moto's issuer without https://"
    );
    let aws = IdentityCredentials::for_user(&s.identity_pool_id, &user)
        .endpoint(moto_endpoint())
        .refresh_margin(Duration::from_secs(30))
        .environment(|_| None)
        .build()
        .expect("the identity source builds");
    assert_eq!(aws.logins_key(), Some(s.logins_key.as_str()));
    spy.clear();

    let first = aws.credentials().expect("credentials for the user");
    assert_eq!(first.access_key_id(), MOTO_ACCESS_KEY);
    assert!(first.session_token().is_some());
    let left = first
        .expires_at()
        .unwrap()
        .duration_since(SystemTime::now())
        .unwrap();
    assert!(
        left <= Duration::from_secs(90) && left > Duration::from_secs(80),
        "{left:?}"
    );
    assert_eq!(spy.operations(), ["GetId", "GetCredentialsForIdentity"]);
    let get_id = spy.one("GetId");
    assert_eq!(get_id.body["Logins"], json!({ &s.logins_key: id_token }));
    assert_eq!(get_id.body["IdentityPoolId"], s.identity_pool_id.as_str());
    assert!(get_id.authorization.is_none(), "unsigned");
    let identity_id = aws.identity_id().expect("the identity id is kept");
    assert!(identity_id.starts_with("us-east-1:"), "{identity_id}");

    // 40 s later: 50 s left, more than the 30 s margin: from the cache, no request.
    clock.advance(40);
    assert_eq!(aws.credentials().unwrap(), first);
    assert_eq!(spy.all().len(), 2, "{:?}", spy.operations());

    // 21 s more: 29 s left, within the margin: one GetCredentialsForIdentity, same identity.
    clock.advance(21);
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let aws = aws.clone();
            std::thread::spawn(move || aws.credentials().expect("renewed credentials"))
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(
        spy.operations(),
        [
            "GetId",
            "GetCredentialsForIdentity",
            "GetCredentialsForIdentity"
        ],
        "one renewal for four threads, and no second GetId"
    );
    assert_eq!(
        spy.sent("GetCredentialsForIdentity")[1].body["IdentityId"],
        identity_id.as_str()
    );
    assert_eq!(identities(&s.identity_pool_id), 1);
}

#[test]
fn an_expired_id_token_is_renewed_before_the_identity_pool_sees_it() {
    let s = setup("identity-renew", false);
    let spy = Spy::default();
    let clock = Shifted::default();
    let user = signed_in(&s, spy.transport(), clock.clone());
    let before = user.id_token().unwrap();
    let aws = IdentityCredentials::for_user(&s.identity_pool_id, &user)
        .endpoint(moto_endpoint())
        .environment(|_| None)
        .build()
        .unwrap();
    // Past the id token's hour (moto's default validity): the handle's clock says it expired.
    clock.advance(3600);
    spy.clear();
    aws.credentials().expect("credentials after renewal");
    assert_eq!(
        spy.operations(),
        ["InitiateAuth", "GetId", "GetCredentialsForIdentity"]
    );
    assert_eq!(
        spy.one("InitiateAuth").body["AuthFlow"],
        "REFRESH_TOKEN_AUTH"
    );
    let renewed = user.id_token().unwrap();
    assert_ne!(renewed, before);
    assert_eq!(
        spy.one("GetCredentialsForIdentity").body["Logins"][&s.logins_key],
        renewed.expose_secret()
    );
}

#[test]
fn a_guest_gets_credentials_without_logins() {
    let s = setup("identity-guest", true);
    let spy = Spy::default();
    let aws = IdentityCredentials::guest(&s.identity_pool_id)
        .endpoint(moto_endpoint())
        .transport(spy.transport())
        .environment(|_| None)
        .build()
        .unwrap();
    let creds = aws.credentials().expect("guest credentials");
    assert_eq!(creds.access_key_id(), MOTO_ACCESS_KEY);
    assert!(spy.all().iter().all(|r| r.body.get("Logins").is_none()));
    assert_eq!(identities(&s.identity_pool_id), 1);
    // The signer works with them (moto's STS accepts any signature).
    let signed = aws
        .sign(
            HttpRequest::post(
                format!("{}/", moto_endpoint()),
                b"Action=GetCallerIdentity&Version=2011-06-15".to_vec(),
            )
            .with_header("content-type", "application/x-www-form-urlencoded"),
            "sts",
            MOTO_REGION,
        )
        .unwrap();
    let reply = UreqTransport::new().send(signed).unwrap();
    let body = String::from_utf8_lossy(&reply.body);
    assert_eq!(reply.status, 200, "{body}");
    assert!(body.contains("<Account>123456789012</Account>"), "{body}");
}

/// A scratch directory, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("cognito-live-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `cognito login` into a token file.
fn login(s: &Setup, file: &str) {
    let run = Cli::bare()
        .args(&[
            "--endpoint",
            &moto_endpoint(),
            "--pool-id",
            &s.pool.id,
            "--client-id",
            &s.pool.client_id,
        ])
        .args(&[
            "login",
            &s.username,
            "--flow",
            "password",
            "--token-file",
            file,
        ])
        .env("COGNITO_PASSWORD", PASSWORD)
        .run();
    assert_eq!(run.code, 0, "login: {run:?}");
}

#[test]
fn cli_renews_an_expired_id_token_in_the_file_and_prints_credentials() {
    let s = setup("identity-cli", false);
    let scratch = Scratch::new("identity-cli");
    let file = scratch.path("tokens.json");
    let file_arg = file.to_str().unwrap();
    login(&s, file_arg);
    // Make the file's id token look expired (moto does not check the Logins token, and the
    // refresh token is real).
    let mut tokens: Tokens =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let id = tokens.id_token.clone().unwrap();
    let parts: Vec<&str> = id.expose_secret().split('.').collect();
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["exp"] = json!(1_000_000_000);
    let expired = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    );
    tokens.id_token = Some(expired.clone().into());
    std::fs::write(&file, serde_json::to_string(&tokens).unwrap()).unwrap();
    let refresh = tokens.refresh_token.clone().unwrap();

    let run = Cli::bare()
        .args(&[
            "--endpoint",
            &moto_endpoint(),
            "--pool-id",
            &s.pool.id,
            "--client-id",
            &s.pool.client_id,
        ])
        .args(&[
            "aws-credentials",
            "--identity-pool-id",
            &s.identity_pool_id,
            "--token-file",
            file_arg,
        ])
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    let out = run.json();
    assert_eq!(out["Version"], 1);
    assert_eq!(out["AccessKeyId"], MOTO_ACCESS_KEY);
    assert!(out["SecretAccessKey"].is_string() && out["SessionToken"].is_string());
    let expiration = out["Expiration"].as_str().unwrap();
    assert!(
        expiration.len() == 20 && expiration.ends_with('Z'),
        "{expiration}"
    );
    let after: Tokens = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let renewed = after.id_token.unwrap();
    assert_ne!(
        renewed.expose_secret(),
        expired,
        "the file has the renewed id token"
    );
    assert_eq!(
        claim(renewed.expose_secret(), "iss"),
        format!("https://{}", s.logins_key)
    );
    assert_eq!(
        after.refresh_token,
        Some(refresh),
        "the refresh token is kept"
    );
    assert_eq!(identities(&s.identity_pool_id), 1);

    // A guest through the CLI, AWS_ENDPOINT_URL for the endpoint.
    let guest = setup("identity-cli-guest", true);
    let run = Cli::bare()
        .args(&[
            "aws-credentials",
            "--guest",
            "--identity-pool-id",
            &guest.identity_pool_id,
        ])
        .env("AWS_ENDPOINT_URL", &moto_endpoint())
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json()["AccessKeyId"], MOTO_ACCESS_KEY);
    assert_eq!(identities(&guest.identity_pool_id), 1);
}

/// The pinned moto venv's Python (boto3 1.44.8), installed by scripts/lib/peers.sh.
fn venv_python() -> PathBuf {
    let python = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".peers/moto-venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `scripts/test live` (it installs the moto venv)",
        python.display()
    );
    python
}

/// boto3 resolves the profile, runs the credential_process, calls STS and prints what it used.
const BOTO3_SCRIPT: &str = r#"
import json, boto3
session = boto3.Session(profile_name="cognito-user")
identity = session.client("sts").get_caller_identity()
frozen = session.get_credentials().get_frozen_credentials()
print(json.dumps({"Account": identity["Account"], "Arn": identity["Arn"],
                  "AccessKey": frozen.access_key, "Method": session.get_credentials().method}))
"#;

#[test]
fn an_aws_sdk_runs_as_the_user_through_credential_process() {
    let s = setup("identity-sdk", false);
    let scratch = Scratch::new("identity-sdk");
    let file = scratch.path("tokens.json");
    login(&s, file.to_str().unwrap());
    let config = scratch.path("config");
    let process = format!(
        "{} --pool-id {} --client-id {} aws-credentials --identity-pool-id {} --token-file {}",
        env!("CARGO_BIN_EXE_cognito"),
        s.pool.id,
        s.pool.client_id,
        s.identity_pool_id,
        file.display()
    );
    std::fs::write(
        &config,
        format!("[profile cognito-user]\nregion = {MOTO_REGION}\ncredential_process = {process}\n"),
    )
    .unwrap();
    assert_eq!(identities(&s.identity_pool_id), 0);
    let out = Command::new(venv_python())
        .args(["-c", BOTO3_SCRIPT])
        .env_clear()
        .env("HOME", scratch.path("home"))
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", scratch.path("credentials"))
        .env("AWS_ENDPOINT_URL", moto_endpoint())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "boto3 failed:\n{stdout}\n{stderr}");
    let result: Value =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(result["Account"], "123456789012", "{result}");
    assert_eq!(result["Method"], "custom-process", "{result}");
    assert_eq!(
        result["AccessKey"], MOTO_ACCESS_KEY,
        "the credentials came from aws-credentials"
    );
    // botocore renews process credentials that expire within 15 minutes on every use, and
    // moto's last 90 s: it may run the process more than once.
    assert!(
        identities(&s.identity_pool_id) >= 1,
        "aws-credentials asked the identity pool"
    );
}

#[test]
fn cli_signs_in_with_srp_when_given_a_password_and_a_username() {
    let s = setup("identity-cli-password", false);
    let run = Cli::bare()
        .args(&["--endpoint", &moto_endpoint(), "--pool-id", &s.pool.id])
        .args(&["aws-credentials", "--identity-pool-id", &s.identity_pool_id])
        .env("COGNITO_CLIENT_ID", &s.pool.client_id)
        .env("COGNITO_USERNAME", &s.username)
        .env("COGNITO_PASSWORD", PASSWORD)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json()["AccessKeyId"], MOTO_ACCESS_KEY);
    assert!(!run.shows(PASSWORD));
    assert_eq!(identities(&s.identity_pool_id), 1);
    // (A wrong password cannot be tried here: moto does not check SRP proofs.)
}

/// The basic (classic) flow against moto: GetId, GetOpenIdToken with the
/// user's id token, then STS AssumeRoleWithWebIdentity (moto implements all
/// three; it checks neither the classic-flow setting nor the role's trust).
#[test]
fn cli_basic_flow_assumes_the_role_through_sts() {
    let s = setup("identity-basic", false);
    let dir = std::env::temp_dir().join(format!("cognito-identity-basic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("tokens.json");
    let file = file.to_str().unwrap();
    login(&s, file);
    let run = Cli::bare()
        .args(&[
            "--pool-id",
            &s.pool.id,
            "--client-id",
            &s.pool.client_id,
            "aws-credentials",
            "--identity-pool-id",
            &s.identity_pool_id,
            "--token-file",
            file,
            "--basic-flow",
            "--role-arn",
            "arn:aws:iam::123456789012:role/Cognito_Basic",
        ])
        .env("AWS_ENDPOINT_URL", &moto_endpoint())
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    let out = run.json();
    assert_eq!(out["Version"], 1, "{out}");
    // STS's keys (ASIA…), not the identity pool's fixed test key.
    let key = out["AccessKeyId"].as_str().unwrap_or_default();
    assert!(key.starts_with("ASIA"), "{out}");
    assert_ne!(key, MOTO_ACCESS_KEY, "{out}");
    assert_eq!(identities(&s.identity_pool_id), 1, "one GetId");
    std::fs::remove_dir_all(&dir).unwrap();
}
