//! The credential chain's network sources, live: STS `AssumeRole` and
//! `AssumeRoleWithWebIdentity` and instance metadata against moto, and small
//! loopback servers (std only, below) that follow the documented protocols
//! where moto has no source or does not check: IMDSv2 that refuses a missing
//! or wrong token, IMDSv1 only, stale credentials; the ECS/EKS container
//! endpoint with its authorization token; the IAM Identity Center portal's
//! `GetRoleCredentials`. Each source's credentials then sign an admin call
//! (`ListUsers`) that moto answers, and the signature's access key is checked.
//!
//! What moto does not check (moto 5.2.5): it serves instance metadata on any
//! host, answering the token `PUT`, the role name and fixed credentials
//! (`test-key`) without looking at the method or the token; it accepts any
//! web identity token; it maps assumed-role keys to the role's account.
// Tests say what broke by panicking.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use cognito::credentials::{DefaultCredentials, ProvideCredentials};
use cognito::Cognito;
use serde_json::json;

use crate::support::{self as live_support, moto_endpoint, Spy, MOTO_REGION};

// ---- a loopback HTTP/1.1 server, std only ---------------------------------------------------

/// A request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    headers: HashMap<String, String>,
}

type Handler = dyn Fn(&Seen) -> (u16, String) + Send + Sync;

/// Serves `handler` on 127.0.0.1 (one request per connection) until dropped
/// with the process; records every request.
struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn start(handler: impl Fn(&Seen) -> (u16, String) + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let mut parts = line.split_whitespace();
                let method = parts.next().unwrap_or("").to_owned();
                let path = parts.next().unwrap_or("").to_owned();
                let mut headers = HashMap::new();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                        break;
                    }
                    if let Some((k, v)) = h.split_once(':') {
                        headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
                    }
                }
                let length: usize = headers
                    .get("content-length")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(0);
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let request = Seen {
                    method,
                    path,
                    headers,
                };
                let (status, body) = handler(&request);
                log.lock().unwrap().push(request);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Server { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

// ---- helpers ---------------------------------------------------------------------------------

fn rfc3339_in(seconds: i64) -> String {
    (time::OffsetDateTime::now_utc() + time::Duration::seconds(seconds))
        .replace_nanosecond(0)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

fn credentials_json(key: &str, expires_in: i64) -> String {
    json!({
        "Code": "Success",
        "Type": "AWS-HMAC",
        "AccessKeyId": key,
        "SecretAccessKey": format!("secret-{key}"),
        "Token": format!("token-{key}"),
        "Expiration": rfc3339_in(expires_in),
    })
    .to_string()
}

/// A temporary home with `.aws/`, removed on drop.
struct Home(PathBuf);

impl Home {
    fn new(name: &str) -> Home {
        let dir =
            std::env::temp_dir().join(format!("cognito-live-creds-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".aws/sso/cache")).unwrap();
        Home(dir)
    }

    fn write(&self, file: &str, text: &str) -> String {
        let path = self.0.join(file);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    /// The default chain with `vars` (and this HOME), nothing else from the
    /// process's environment.
    fn chain(&self, vars: &[(&str, &str)]) -> DefaultCredentials {
        let mut map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.insert("HOME".into(), self.0.display().to_string());
        map.entry("AWS_EC2_METADATA_DISABLED".into())
            .or_insert_with(|| "true".into());
        DefaultCredentials::with_lookup(move |name| map.get(name).cloned())
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Makes a pool with the test keys, then lists its users through a handle
/// whose only credentials are `chain`'s; returns the access key the
/// `ListUsers` request was signed with.
fn admin_call_with(chain: DefaultCredentials, pool_name: &str) -> String {
    let setup = live_support::admin(MOTO_REGION, &moto_endpoint());
    let pool = live_support::create_pool(&setup, &json!({ "PoolName": pool_name }));
    let spy = Spy::default();
    let handle = Cognito::builder()
        .region(MOTO_REGION)
        .endpoint(moto_endpoint())
        .environment(|_| None)
        .credentials_provider(chain)
        .transport(spy.transport())
        .build()
        .unwrap();
    let reply = handle
        .call("ListUsers", &json!({ "UserPoolId": pool }))
        .unwrap_or_else(|e| panic!("ListUsers with the chain's credentials: {e:?}"));
    assert!(reply["Users"].is_array(), "{reply}");
    let sent = spy.one("ListUsers");
    let auth = sent.authorization.expect("ListUsers is signed");
    auth.split("Credential=")
        .nth(1)
        .and_then(|c| c.split('/').next())
        .unwrap()
        .to_owned()
}

// ---- STS against moto ------------------------------------------------------------------------

#[test]
fn web_identity_from_the_environment_against_moto() {
    let home = Home::new("web");
    let token = home.write("token.jwt", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln\n");
    let chain = home.chain(&[
        ("AWS_WEB_IDENTITY_TOKEN_FILE", &token),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci"),
        ("AWS_ROLE_SESSION_NAME", "gha-run"),
        ("AWS_ENDPOINT_URL_STS", &moto_endpoint()),
        ("AWS_REGION", MOTO_REGION),
    ]);
    let creds = chain.provide().unwrap();
    assert!(creds.access_key_id().starts_with("ASIA"), "{creds:?}");
    assert!(creds.session_token().is_some());
    assert!(creds.expires_at().is_some());
    let key = creds.access_key_id().to_owned();
    // Cached: the same credentials again.
    assert_eq!(chain.provide().unwrap().access_key_id(), key);
    assert_eq!(admin_call_with(chain, "creds-web-identity"), key);
}

#[test]
fn assume_role_profile_with_a_source_profile_against_moto() {
    let home = Home::new("assume");
    home.write(
        ".aws/credentials",
        "[base]\naws_access_key_id = AKIABASEEXAMPLE\naws_secret_access_key = base-secret\n",
    );
    home.write(
        ".aws/config",
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n\
         role_session_name = live\nexternal_id = ext-42\nduration_seconds = 900\n\
         [profile chained]\nrole_arn = arn:aws:iam::123456789012:role/second\nsource_profile = admin\n",
    );
    let endpoint = moto_endpoint();
    let vars = |profile: &'static str| {
        vec![
            ("AWS_PROFILE", profile),
            ("AWS_ENDPOINT_URL", endpoint.as_str()),
            ("AWS_REGION", MOTO_REGION),
        ]
    };
    let creds = home.chain(&vars("admin")).provide().unwrap();
    assert!(creds.access_key_id().starts_with("ASIA"), "{creds:?}");
    assert_ne!(creds.access_key_id(), "AKIABASEEXAMPLE");
    let chained = home.chain(&vars("chained")).provide().unwrap();
    assert!(chained.access_key_id().starts_with("ASIA"));
    assert_ne!(chained.access_key_id(), creds.access_key_id());

    let chain = home.chain(&vars("admin"));
    let key = chain.provide().unwrap().access_key_id().to_owned();
    assert_eq!(admin_call_with(chain, "creds-assume-role"), key);
}

// ---- instance metadata -----------------------------------------------------------------------

#[test]
fn instance_metadata_served_by_moto() {
    let home = Home::new("imds-moto");
    let chain = home.chain(&[
        ("AWS_EC2_METADATA_DISABLED", "false"),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &moto_endpoint()),
    ]);
    let creds = chain.provide().unwrap();
    assert_eq!(creds.access_key_id(), "test-key");
    assert_eq!(admin_call_with(chain, "creds-imds-moto"), "test-key");
}

/// IMDSv2 as documented: a token from `PUT /latest/api/token` (TTL header
/// required), every GET needs it (401 otherwise).
fn strict_imds(expires_in: i64) -> Server {
    Server::start(move |r| {
        let token_ok = r
            .headers
            .get("x-aws-ec2-metadata-token")
            .map(String::as_str)
            == Some("v2-session-token");
        match (r.method.as_str(), r.path.as_str()) {
            ("PUT", "/latest/api/token") => {
                if r.headers
                    .contains_key("x-aws-ec2-metadata-token-ttl-seconds")
                {
                    (200, "v2-session-token".to_owned())
                } else {
                    (400, String::new())
                }
            }
            ("GET", _) if !token_ok => (401, String::new()),
            ("GET", "/latest/meta-data/iam/security-credentials/") => {
                (200, "instance-role".to_owned())
            }
            ("GET", "/latest/meta-data/iam/security-credentials/instance-role") => {
                (200, credentials_json("ASIAIMDSV2", expires_in))
            }
            _ => (404, String::new()),
        }
    })
}

#[test]
fn imds_v2_token_is_sent_and_required() {
    let server = strict_imds(3600);
    let home = Home::new("imds-v2");
    let chain = home.chain(&[
        ("AWS_EC2_METADATA_DISABLED", "false"),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url),
    ]);
    assert_eq!(admin_call_with(chain, "creds-imds-v2"), "ASIAIMDSV2");
    let seen = server.seen();
    assert_eq!(
        seen.iter()
            .map(|s| format!("{} {}", s.method, s.path))
            .collect::<Vec<_>>(),
        [
            "PUT /latest/api/token",
            "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/instance-role"
        ]
    );
    assert_eq!(
        seen[0].headers["x-aws-ec2-metadata-token-ttl-seconds"],
        "21600"
    );
}

#[test]
fn imds_401_is_no_credentials_and_v1_fallback_works() {
    // A service that hands out a token it then refuses: the chain reports it.
    let refusing = Server::start(|r| match r.method.as_str() {
        "PUT" => (200, "a-token-it-will-refuse".to_owned()),
        _ => (401, String::new()),
    });
    let home = Home::new("imds-401");
    let e = home
        .chain(&[
            ("AWS_EC2_METADATA_DISABLED", "false"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &refusing.url),
        ])
        .provide()
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with(&format!(
            "instance metadata (role name: HTTP 401 ({}/))",
            refusing.url
        )),
        "{e}"
    );
    assert!(!e.contains("a-token-it-will-refuse"), "{e}");

    // IMDSv1 only: the token PUT is answered 405; GETs without a token work.
    let v1 = Server::start(|r| match (r.method.as_str(), r.path.as_str()) {
        ("PUT", _) => (405, String::new()),
        (_, _) if r.headers.contains_key("x-aws-ec2-metadata-token") => (400, String::new()),
        ("GET", "/latest/meta-data/iam/security-credentials/") => (200, "v1-role".to_owned()),
        ("GET", "/latest/meta-data/iam/security-credentials/v1-role") => {
            (200, credentials_json("ASIAIMDSV1", 3600))
        }
        _ => (404, String::new()),
    });
    let chain = home.chain(&[
        ("AWS_EC2_METADATA_DISABLED", "false"),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &v1.url),
    ]);
    assert_eq!(admin_call_with(chain, "creds-imds-v1"), "ASIAIMDSV1");
    // … and not when IMDSv1 is disabled.
    let e = home
        .chain(&[
            ("AWS_EC2_METADATA_DISABLED", "false"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &v1.url),
            ("AWS_EC2_METADATA_V1_DISABLED", "true"),
        ])
        .provide()
        .unwrap_err();
    assert!(e.to_string().contains("IMDSv1 is disabled"), "{e}");
}

#[test]
fn imds_credentials_near_expiry_are_extended_then_cached() {
    // Credentials that expire in 30 s (inside the 60 s margin): botocore uses
    // them a while longer, since the service may be unable to renew them.
    let server = strict_imds(30);
    let home = Home::new("imds-expiry");
    let chain = home.chain(&[
        ("AWS_EC2_METADATA_DISABLED", "false"),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url),
    ]);
    let first = chain.provide().unwrap();
    let at = first.expires_at().unwrap();
    let now = std::time::SystemTime::now();
    assert!(
        at > now + std::time::Duration::from_secs(20 * 60),
        "{first:?}"
    );
    assert_eq!(server.seen().len(), 3);
    chain.provide().unwrap();
    assert_eq!(server.seen().len(), 3, "cached");
}

// ---- container credentials -------------------------------------------------------------------

#[test]
fn container_full_uri_with_a_token_file() {
    let server = Server::start(|r| {
        if r.headers.get("authorization").map(String::as_str) == Some("pod-identity-token") {
            (200, credentials_json("ASIACONTAINER", 3600))
        } else {
            (401, json!({"message": "missing token"}).to_string())
        }
    });
    let home = Home::new("container");
    let token_file = home.write("token", "pod-identity-token");
    let chain = home.chain(&[
        (
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{}/v1/credentials", server.url),
        ),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &token_file),
    ]);
    assert_eq!(admin_call_with(chain, "creds-container"), "ASIACONTAINER");
    let seen = server.seen();
    assert_eq!(seen[0].path, "/v1/credentials");
    assert_eq!(seen[0].headers["accept"], "application/json");

    // Cached until 60 s before expiry, then renewed: credentials that expire
    // in 30 s are fetched on every use, those that last an hour once.
    let short = Server::start(|_| (200, credentials_json("ASIASHORT", 30)));
    let long = Server::start(|_| (200, credentials_json("ASIALONG", 3600)));
    for (server, want) in [(&short, 3), (&long, 1)] {
        let chain = home.chain(&[(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{}/creds", server.url),
        )]);
        for _ in 0..3 {
            chain.provide().unwrap();
        }
        assert_eq!(server.seen().len(), want, "{}", server.url);
    }

    let e = home
        .chain(&[(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &format!("{}/v1/credentials", server.url),
        )])
        .provide()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "container credentials: the endpoint answered HTTP 401"
    );
}

// ---- IAM Identity Center ---------------------------------------------------------------------

#[test]
fn sso_get_role_credentials_from_a_portal() {
    let expiration_ms = (time::OffsetDateTime::now_utc().unix_timestamp() + 3600) * 1000;
    let server = Server::start(move |r| {
        let bearer = r.headers.get("x-amz-sso_bearer_token").map(String::as_str);
        if r.method == "GET"
            && r.path == "/federation/credentials?role_name=AdminAccess&account_id=123456789012"
            && bearer == Some("cached-sso-access-token")
        {
            (
                200,
                json!({"roleCredentials": {
                    "accessKeyId": "ASIASSOPORTAL",
                    "secretAccessKey": "sso-secret",
                    "sessionToken": "sso-session",
                    "expiration": expiration_ms,
                }})
                .to_string(),
            )
        } else {
            (
                401,
                json!({"message": "Session token not found or invalid"}).to_string(),
            )
        }
    });
    let home = Home::new("sso");
    home.write(
        ".aws/config",
        "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = AdminAccess\n\
         [sso-session corp]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = us-east-1\n",
    );
    // hashlib.sha1(b"corp").hexdigest(): the file `aws sso login` writes for this session.
    let cache = ".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json";
    home.write(
        cache,
        &json!({
            "startUrl": "https://d-123.awsapps.com/start",
            "region": "us-east-1",
            "accessToken": "cached-sso-access-token",
            "expiresAt": rfc3339_in(3600),
        })
        .to_string(),
    );
    let vars = [
        ("AWS_PROFILE", "dev"),
        ("AWS_ENDPOINT_URL_SSO", server.url.as_str()),
    ];
    assert_eq!(
        admin_call_with(home.chain(&vars), "creds-sso"),
        "ASIASSOPORTAL"
    );

    // An expired cached token: the error says what to run.
    home.write(
        cache,
        &json!({"accessToken": "old", "expiresAt": rfc3339_in(-60)}).to_string(),
    );
    let e = home.chain(&vars).provide().unwrap_err();
    assert!(e.to_string().contains("run `aws sso login`"), "{e}");
}
