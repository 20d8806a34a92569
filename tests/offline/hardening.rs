//! The library-side findings of the security review (issue 13), one test or
//! more each: the verifier's region, recordings, `credential_process`,
//! proxies and plain HTTP, error excerpts, trusted roots. Each of these
//! failed before its fix.

use std::sync::{Arc, Mutex};

use cognito::{Cognito, Error, HttpRequest, HttpResponse, TokenVerifier, TransportError};

/// The URLs a [`url_log`] transport was asked for.
type Urls = Arc<Mutex<Vec<String>>>;

/// A transport that records the URLs it is asked for and answers 404.
fn url_log() -> (
    Urls,
    impl Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync,
) {
    let urls = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&urls);
    (urls, move |req: HttpRequest| {
        log.lock().unwrap().push(req.url);
        Ok(HttpResponse::new(404, Vec::new()))
    })
}

#[test]
fn verifier_region_is_checked_as_the_handles_is() {
    // Before the fix this built, and its key-set URL's host was
    // `cognito-idp.attacker.example`, with the expected issuer to match.
    for region in ["attacker.example/x?", "attacker.example", "a b", "", "-x"] {
        let (urls, transport) = url_log();
        let built = TokenVerifier::builder("eu-west-1_AbC123xyz")
            .client_id("c")
            .region(region)
            .transport(transport)
            .build();
        let handle = Cognito::builder()
            .user_pool_id("eu-west-1_AbC123xyz")
            .region(region)
            .environment(|_| None)
            .build();
        assert!(handle.is_err(), "the handle refuses {region:?}");
        match built {
            Err(Error::Config(e)) => {
                let chain = format!("{e} | {}", std::error::Error::source(&e).unwrap());
                assert!(chain.contains("invalid region"), "{chain}");
            }
            Err(other) => panic!("{region:?}: not a config error: {other:?}"),
            Ok(verifier) => {
                let _ = verifier.verify(WELL_FORMED);
                panic!(
                    "{region:?} accepted; keys fetched from {:?}",
                    urls.lock().unwrap()
                );
            }
        }
    }
    // A real region still works and names the AWS host; with an endpoint
    // override a plain name such as cognito-local's `local` is accepted.
    let (urls, transport) = url_log();
    let verifier = TokenVerifier::builder("eu-west-1_AbC123xyz")
        .client_id("c")
        .region("eu-central-1")
        .transport(transport)
        .build()
        .unwrap();
    let _ = verifier.verify(WELL_FORMED);
    assert_eq!(
        urls.lock().unwrap().as_slice(),
        ["https://cognito-idp.eu-central-1.amazonaws.com/eu-west-1_AbC123xyz/.well-known/jwks.json"]
    );
    assert!(TokenVerifier::builder("local_AbC")
        .client_id("c")
        .region("local")
        .endpoint("http://127.0.0.1:9229")
        .build()
        .is_ok());
}

#[test]
fn recordings_redact_every_code_and_challenge_answer() {
    use cognito::test_util::{RecordingTransport, REDACTED};
    use serde_json::json;
    let recorder =
        RecordingTransport::new(|_req: HttpRequest| Ok(HttpResponse::new(200, b"{}".to_vec())));
    let cognito = Cognito::builder()
        .user_pool_id("eu-west-1_AbC123xyz")
        .client_id("c")
        .environment(|_| None)
        .transport(recorder.clone())
        .build()
        .unwrap();
    // One secret value per place a code, answer or proof can sit.
    let answers = [
        "ANSWER",
        "SMS_MFA_CODE",
        "SOFTWARE_TOKEN_MFA_CODE",
        "EMAIL_OTP_CODE",
        "SMS_OTP_CODE",
        "NEW_PASSWORD",
        "PASSWORD_CLAIM_SIGNATURE",
        "PASSWORD_CLAIM_SECRET_BLOCK",
        "SOME_FUTURE_ANSWER",
    ];
    let mut responses = serde_json::Map::new();
    responses.insert("USERNAME".into(), json!("alice"));
    for (i, name) in answers.iter().enumerate() {
        responses.insert((*name).into(), json!(format!("secret-{i}")));
    }
    let calls = [
        (
            "RespondToAuthChallenge",
            json!({"ClientId": "c", "ChallengeName": "CUSTOM_CHALLENGE", "ChallengeResponses": responses}),
        ),
        (
            "InitiateAuth",
            json!({"ClientId": "c", "AuthFlow": "USER_SRP_AUTH",
                   "AuthParameters": {"USERNAME": "alice", "SRP_A": "public-a", "PASSWORD": "secret-p"}}),
        ),
        (
            "ConfirmSignUp",
            json!({"ClientId": "c", "Username": "alice", "ConfirmationCode": "secret-cc"}),
        ),
        (
            "VerifyUserAttribute",
            json!({"AttributeName": "email", "Code": "secret-code"}),
        ),
        // A code within the model's limits (6 digits), so that it is sent.
        ("VerifySoftwareToken", json!({"UserCode": "918273"})),
        (
            "ConfirmDevice",
            json!({"DeviceKey": "dk", "DeviceSecretVerifierConfig": {"PasswordVerifier": "secret-verifier", "Salt": "s"}}),
        ),
    ];
    for (operation, body) in &calls {
        cognito.call(operation, body).unwrap();
    }
    let fixture = recorder.fixture("test");
    let text = serde_json::to_string(
        &fixture
            .exchanges
            .iter()
            .map(|e| &e.request.body)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(!text.contains("secret-"), "a secret was recorded: {text}");
    assert!(
        !text.contains("918273"),
        "the TOTP code was recorded: {text}"
    );
    let first = &fixture.exchanges[0].request.body["ChallengeResponses"];
    assert_eq!(first["USERNAME"], "alice");
    assert_eq!(first["SOME_FUTURE_ANSWER"], REDACTED);
    assert_eq!(
        fixture.exchanges[1].request.body["AuthParameters"]["SRP_A"],
        "public-a"
    );
}

/// A token the verifier reads far enough to fetch keys for (RS256 and a
/// `kid`; malformed ones are refused before any fetch).
const WELL_FORMED: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.e30.c2ln";

/// A profile whose `credential_process` is the shell script `body`, in a
/// fresh home directory; the chain reads only `HOME` from `vars`.
#[cfg(unix)]
struct ProcessHome(std::path::PathBuf);

#[cfg(unix)]
impl ProcessHome {
    fn new(name: &str, body: &str) -> Self {
        use std::os::unix::fs::PermissionsExt;
        let dir =
            std::env::temp_dir().join(format!("cognito-hardening-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        let script = dir.join("helper.sh");
        std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(
            dir.join(".aws/config"),
            format!("[default]\ncredential_process = {}\n", script.display()),
        )
        .unwrap();
        ProcessHome(dir)
    }

    fn chain(&self) -> cognito::credentials::DefaultCredentials {
        let home = self.0.display().to_string();
        cognito::credentials::DefaultCredentials::with_lookup(move |name| {
            (name == "HOME").then(|| home.clone())
        })
    }
}

#[cfg(unix)]
impl Drop for ProcessHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
#[test]
fn credential_process_is_stopped_after_its_timeout() {
    use cognito::credentials::ProvideCredentials;
    let home = ProcessHome::new("timeout", "sleep 20");
    let started = std::time::Instant::now();
    let err = home
        .chain()
        .process_timeout(std::time::Duration::from_millis(300))
        .provide()
        .unwrap_err();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{err}"
    );
    assert!(
        err.to_string().contains("did not finish within 300ms"),
        "{err}"
    );
    assert_eq!(
        cognito::credentials::PROCESS_TIMEOUT,
        std::time::Duration::from_secs(60)
    );
}

#[cfg(unix)]
#[test]
fn credential_process_output_is_capped() {
    use cognito::credentials::ProvideCredentials;
    // 2 MiB of spaces then valid JSON: accepted before the cap existed.
    let home = ProcessHome::new(
        "cap",
        r#"head -c 2097152 /dev/zero | tr '\0' ' '; echo '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S"}'"#,
    );
    let err = home.chain().provide().unwrap_err();
    assert!(
        err.to_string().contains("printed more than 1048576 bytes"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn credential_process_expired_credentials_are_refused() {
    use cognito::credentials::ProvideCredentials;
    let home = ProcessHome::new(
        "expired",
        r#"echo '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2001-01-01T00:00:00Z"}'"#,
    );
    let err = home.chain().provide().unwrap_err();
    let chain = format!("{err} | {}", std::error::Error::source(&err).unwrap());
    assert!(
        chain.contains("the credentials expired at 2001-01-01T00:00:00Z"),
        "{chain}"
    );
}

/// Run by [`credential_process_gets_no_cognito_secrets`] in a child test
/// process whose environment holds the secret variables.
#[cfg(unix)]
#[test]
#[ignore = "run by credential_process_gets_no_cognito_secrets"]
fn credential_process_env_probe() {
    use cognito::credentials::ProvideCredentials;
    // The helper puts the secret variables it can see into AccessKeyId.
    let mut seen = String::from("seen");
    for name in cognito::credentials::PROCESS_REMOVED_VARIABLES {
        assert_eq!(std::env::var(name).as_deref(), Ok("probe-secret"), "{name}");
        seen.push_str(&format!(":${{{name}:-}}"));
    }
    let home = ProcessHome::new(
        "env",
        &format!(
            r#"printf '{{"Version":1,"AccessKeyId":"%s:%s","SecretAccessKey":"S"}}' "{seen}" "$COGNITO_OTHER""#
        ),
    );
    let creds = home.chain().provide().unwrap();
    assert_eq!(
        creds.access_key_id(),
        format!(
            "seen{}:kept",
            ":".repeat(cognito::credentials::PROCESS_REMOVED_VARIABLES.len())
        )
    );
}

#[cfg(unix)]
#[test]
fn credential_process_gets_no_cognito_secrets() {
    let mut probe = std::process::Command::new(std::env::current_exe().unwrap());
    probe.args([
        "--exact",
        "hardening::credential_process_env_probe",
        "--ignored",
        "--nocapture",
    ]);
    for name in cognito::credentials::PROCESS_REMOVED_VARIABLES {
        probe.env(name, "probe-secret");
    }
    let names = cognito::credentials::PROCESS_REMOVED_VARIABLES;
    for required in [
        "COGNITO_PASSWORD",
        "COGNITO_NEW_PASSWORD",
        "COGNITO_MFA_CODE",
        "COGNITO_CODE",
        "COGNITO_CLIENT_SECRET",
    ] {
        assert!(names.contains(&required), "{required}");
    }
    let out = probe.env("COGNITO_OTHER", "kept").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("1 passed"),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn plain_http_only_to_loopback_unless_opted_in() {
    let handle = |endpoint: &str, allow: Option<bool>| {
        let mut builder = Cognito::builder()
            .user_pool_id("eu-west-1_AbC123xyz")
            .endpoint(endpoint)
            .environment(|_| None);
        if let Some(allow) = allow {
            builder = builder.allow_insecure_http(allow);
        }
        builder.build()
    };
    for endpoint in [
        "http://127.0.0.1:9229",
        "http://localhost:5000",
        "http://[::1]:5000",
        "http://169.254.169.254",
        "http://[fd00:ec2::23]",
        "https://cognito.example.com",
    ] {
        assert!(handle(endpoint, None).is_ok(), "{endpoint}");
    }
    for endpoint in ["http://cognito.example.com", "http://10.0.0.1:9229"] {
        match handle(endpoint, None) {
            Err(Error::Config(e)) => {
                assert!(e.to_string().contains(".allow_insecure_http(true)"), "{e}")
            }
            other => panic!("{endpoint}: {other:?}"),
        }
        assert!(handle(endpoint, Some(false)).is_err(), "{endpoint}");
        assert!(handle(endpoint, Some(true)).is_ok(), "{endpoint}");
    }
    // The same rule for the endpoint from AWS_ENDPOINT_URL and for key sets.
    let from_env = Cognito::builder()
        .user_pool_id("eu-west-1_AbC123xyz")
        .environment(|name| (name == "AWS_ENDPOINT_URL").then(|| "http://moto.example:5000".into()))
        .build();
    assert!(matches!(from_env, Err(Error::Config(_))), "{from_env:?}");
    let verifier = |url: &str, allow: bool| {
        TokenVerifier::builder("eu-west-1_AbC123xyz")
            .client_id("c")
            .key_set_url(url)
            .allow_insecure_http(allow)
            .build()
    };
    assert!(matches!(
        verifier("http://keys.example/jwks.json", false),
        Err(Error::Config(_))
    ));
    assert!(verifier("http://keys.example/jwks.json", true).is_ok());
    assert!(verifier("http://127.0.0.1:9229/jwks.json", false).is_ok());
    let handle_keys = Cognito::builder()
        .user_pool_id("eu-west-1_AbC123xyz")
        .key_set_url("http://keys.example/jwks.json")
        .environment(|_| None)
        .build();
    assert!(
        matches!(handle_keys, Err(Error::Config(_))),
        "{handle_keys:?}"
    );
}

/// Sends one request to `COGNITO_PROBE_URL` through a default
/// [`cognito::UreqTransport`], which reads the real process environment;
/// run by [`proxies_follow_the_scheme_and_ignore_cgi_http_proxy`].
#[test]
#[ignore = "run by proxies_follow_the_scheme_and_ignore_cgi_http_proxy"]
fn proxy_probe() {
    use cognito::Transport;
    let url = std::env::var("COGNITO_PROBE_URL").unwrap();
    let _ = cognito::UreqTransport::new().send(HttpRequest::get(url));
}

#[test]
fn proxies_follow_the_scheme_and_ignore_cgi_http_proxy() {
    use std::io::{BufRead, BufReader, Write};
    // A proxy that records each request line and refuses it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            let _ = BufReader::new(&stream).read_line(&mut line);
            log.lock().unwrap().push(line.trim_end().to_owned());
            let _ = (&stream).write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let probe = |vars: &[(&str, &str)], url: &str| {
        seen.lock().unwrap().clear();
        let mut child = std::process::Command::new(std::env::current_exe().unwrap());
        child.args(["--exact", "hardening::proxy_probe", "--ignored"]);
        for name in [
            "HTTPS_PROXY",
            "https_proxy",
            "HTTP_PROXY",
            "http_proxy",
            "ALL_PROXY",
            "all_proxy",
            "NO_PROXY",
            "no_proxy",
            "REQUEST_METHOD",
        ] {
            child.env_remove(name);
        }
        child
            .envs(vars.iter().copied())
            .env("COGNITO_PROBE_URL", url);
        let out = child.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        seen.lock().unwrap().clone()
    };
    let https = "https://cognito-idp.example.invalid/";
    let http = "http://emulator.example.invalid/";
    // HTTP_PROXY is for plain HTTP only: HTTPS goes direct.
    assert_eq!(
        probe(&[("HTTP_PROXY", &proxy)], https),
        Vec::<String>::new()
    );
    assert_eq!(
        probe(&[("HTTP_PROXY", &proxy)], http),
        // ureq tunnels plain HTTP through the proxy too.
        ["CONNECT emulator.example.invalid:80 HTTP/1.1"]
    );
    // In a CGI program HTTP_PROXY may be a client's `Proxy:` header.
    assert_eq!(
        probe(&[("HTTP_PROXY", &proxy), ("REQUEST_METHOD", "POST")], http),
        Vec::<String>::new()
    );
    // HTTPS_PROXY and ALL_PROXY do route HTTPS; NO_PROXY still wins.
    for var in ["HTTPS_PROXY", "ALL_PROXY"] {
        assert_eq!(
            probe(&[(var, &proxy)], https),
            ["CONNECT cognito-idp.example.invalid:443 HTTP/1.1"],
            "{var}"
        );
    }
    assert_eq!(
        probe(
            &[("HTTPS_PROXY", &proxy), ("NO_PROXY", "example.invalid")],
            https
        ),
        Vec::<String>::new()
    );
}

/// An HTTPS server on loopback with a certificate from the test CA in
/// `fixtures/tls` (see `gen.sh` there), answering 200 to every request.
fn tls_server() -> String {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use std::io::{Read, Write};
    let certs = CertificateDer::pem_file_iter("fixtures/tls/server.pem")
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file("fixtures/tls/server.key").unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap(),
    );
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let config = Arc::clone(&config);
            std::thread::spawn(move || {
                let conn = rustls::ServerConnection::new(config).unwrap();
                let mut tls = rustls::StreamOwned::new(conn, tcp);
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    match tls.read(&mut byte) {
                        Ok(1) => head.push(byte[0]),
                        _ => return,
                    }
                }
                let _ = tls.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                );
                let _ = tls.flush();
            });
        }
    });
    format!("https://localhost:{port}/")
}

#[test]
fn trusted_roots_from_ssl_cert_file_the_system_or_pem() {
    use cognito::{Transport, TransportErrorKind, UreqTransport};
    let url = tls_server();
    let ca = std::fs::read("fixtures/tls/ca.pem").unwrap();
    let send = |t: UreqTransport| t.send(HttpRequest::get(url.clone()));
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    // The default roots (Mozilla's) do not know the private CA.
    let plain = send(UreqTransport::builder().environment(|_| None).build());
    assert!(plain.is_err(), "{plain:?}");
    // SSL_CERT_FILE is honoured, alone or with the system store.
    const CA_FILE: &[(&str, &str)] = &[("SSL_CERT_FILE", "fixtures/tls/ca.pem")];
    let reply = send(UreqTransport::builder().environment(env(CA_FILE)).build()).unwrap();
    assert_eq!(
        (reply.status, reply.body.as_slice()),
        (200, b"{}".as_slice())
    );
    let with_system = UreqTransport::builder()
        .environment(env(CA_FILE))
        .system_trust_store(true)
        .build();
    assert_eq!(send(with_system).unwrap().status, 200);
    // Extra roots from PEM.
    let extra = UreqTransport::builder()
        .environment(|_| None)
        .add_root_certificates_pem(&ca)
        .unwrap()
        .build();
    assert_eq!(send(extra).unwrap().status, 200);
    // The system store alone does not know the test CA.
    let system = send(
        UreqTransport::builder()
            .environment(|_| None)
            .system_trust_store(true)
            .build(),
    );
    assert!(system.is_err(), "{system:?}");
    // A trust store that cannot be loaded fails every request, never
    // falling back to other roots.
    const MISSING: &[(&str, &str)] = &[("SSL_CERT_FILE", "/nonexistent/ca.pem")];
    let err = send(UreqTransport::builder().environment(env(MISSING)).build()).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Tls, "{err}");
    assert!(
        err.to_string()
            .starts_with("cannot load the trusted root certificates: SSL_CERT_FILE cannot read /nonexistent/ca.pem"),
        "{err}"
    );
    let bad = UreqTransport::builder().add_root_certificates_pem(b"not a certificate");
    assert!(matches!(bad, Err(Error::Config(_))), "{bad:?}");
}

/// Fetches `COGNITO_PROBE_URL` through a default transport and expects 200;
/// run by [`ssl_cert_file_from_the_process_environment`].
#[test]
#[ignore = "run by ssl_cert_file_from_the_process_environment"]
fn tls_probe() {
    use cognito::Transport;
    let url = std::env::var("COGNITO_PROBE_URL").unwrap();
    let reply = cognito::UreqTransport::new().send(HttpRequest::get(url));
    assert_eq!(reply.map(|r| r.status).map_err(|e| e.to_string()), Ok(200));
}

#[test]
fn ssl_cert_file_from_the_process_environment() {
    let url = tls_server();
    let run = |ca: Option<&str>| {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap());
        child
            .args(["--exact", "hardening::tls_probe", "--ignored"])
            .env("COGNITO_PROBE_URL", &url)
            .env_remove("SSL_CERT_FILE");
        for name in ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
            child.env_remove(name);
        }
        if let Some(ca) = ca {
            child.env("SSL_CERT_FILE", ca);
        }
        child.output().unwrap().status.success()
    };
    assert!(
        run(Some("fixtures/tls/ca.pem")),
        "SSL_CERT_FILE was not honoured"
    );
    assert!(!run(None), "the test CA was trusted without SSL_CERT_FILE");
}

/// The message of `err` and of every cause.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(c) = cause {
        text.push_str(&format!(" | {c}"));
        cause = c.source();
    }
    text
}

#[test]
fn error_text_is_scrubbed_of_tokens_and_the_requests_secrets() {
    use cognito::types::GetUserRequest;
    use cognito::HttpResponse;
    const JWT: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    const ACCESS: &str = "opaque-access-token-value";
    let handle = |status: u16, body: String| {
        Cognito::builder()
            .user_pool_id("eu-west-1_AbC123xyz")
            .client_id("c")
            .environment(|_| None)
            .transport(move |_req: HttpRequest| {
                Ok(HttpResponse::new(status, body.clone().into_bytes()))
            })
            .build()
            .unwrap()
    };
    // A firewall page echoing the request and a token it saw.
    let page = format!(
        "<html><body>Request blocked. You sent {{\"AccessToken\":\"{ACCESS}\"}} \
         with Authorization: Bearer {JWT}</body></html>"
    );
    let err = handle(403, page)
        .send(&GetUserRequest::new(ACCESS))
        .unwrap_err();
    let text = chain(&err);
    assert!(matches!(err, Error::Http(_)), "{err:?}");
    assert!(!text.contains(ACCESS) && !text.contains("eyJ"), "{text}");
    assert!(text.contains("Request blocked"), "{text}");
    // serde quotes the value it choked on: here the request's own token and
    // a JWT, where the reply should have had attributes.
    for wrong in [ACCESS, JWT] {
        let body = format!("{{\"Username\":\"alice\",\"UserAttributes\":\"{wrong}\"}}");
        let err = handle(200, body)
            .send(&GetUserRequest::new(ACCESS))
            .unwrap_err();
        let text = chain(&err);
        assert!(matches!(err, Error::Parse(_)), "{err:?}");
        assert!(!text.contains(wrong), "{text}");
        assert!(
            text.contains("invalid type: string \"<redacted>\""),
            "{text}"
        );
    }
    // The pure parser scrubs what looks like a token.
    let reply = HttpResponse::new(200, format!("\"{JWT}\"").into_bytes());
    let err = cognito::wire::parse_reply::<u32>("GetUser", &reply).unwrap_err();
    assert!(!chain(&err).contains("eyJ"), "{}", chain(&err));
}

/// How many places in this process's writable memory hold `needle`. The
/// needle is kept XOR-ed with 0x5a, so the search never finds its own copy;
/// memory is read through one buffer, zeroed after each chunk, so the
/// search leaves no copies of what it saw either.
#[cfg(target_os = "linux")]
fn copies_in_memory(needle_xored: &[u8]) -> usize {
    use std::io::{Read, Seek, SeekFrom};
    const CHUNK: u64 = 1 << 16;
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let mut mem = std::fs::File::open("/proc/self/mem").unwrap();
    let mut buf = vec![0u8; CHUNK as usize];
    let overlap = needle_xored.len() as u64 - 1;
    let mut found = 0;
    for line in maps.lines() {
        let mut fields = line.split_whitespace();
        let (Some(range), Some(perms)) = (fields.next(), fields.next()) else {
            continue;
        };
        // Heap and anonymous mappings (thread arenas), not files or stacks.
        let path = fields.nth(3).unwrap_or("");
        if !perms.starts_with("rw") || !(path.is_empty() || path == "[heap]") {
            continue;
        }
        let (start, end) = range.split_once('-').unwrap();
        let (start, end) = (
            u64::from_str_radix(start, 16).unwrap(),
            u64::from_str_radix(end, 16).unwrap(),
        );
        // Not the buffer itself: reading it into itself would copy what it
        // holds along.
        let (hole_start, hole_end) = (buf.as_ptr() as u64, buf.as_ptr() as u64 + CHUNK);
        for (mut pos, end) in [(start, end.min(hole_start)), (start.max(hole_end), end)] {
            while pos < end {
                let len = CHUNK.min(end - pos) as usize;
                let chunk = &mut buf[..len];
                if mem.seek(SeekFrom::Start(pos)).is_ok() && mem.read_exact(chunk).is_ok() {
                    found += chunk
                        .windows(needle_xored.len())
                        .filter(|w| w.iter().zip(needle_xored).all(|(a, b)| a ^ 0x5a == *b))
                        .count();
                }
                chunk.fill(0);
                std::hint::black_box(&chunk);
                if pos + len as u64 >= end {
                    break;
                }
                pos += len as u64 - overlap;
            }
        }
    }
    found
}

/// Runs [`wipe_probe`] in a process of its own: in this one, the other
/// tests' threads own gigabytes of arenas, and scanning them takes a minute.
#[cfg(target_os = "linux")]
#[test]
fn dropped_secrets_are_wiped_from_memory() {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "hardening::wipe_probe",
            "--ignored",
            "--test-threads=1",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 passed"),
        "the probe did not run: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Dropped secrets leave no copy in this process's memory; run by
/// [`dropped_secrets_are_wiped_from_memory`].
#[cfg(target_os = "linux")]
#[test]
#[ignore = "run by dropped_secrets_are_wiped_from_memory"]
fn wipe_probe() {
    use cognito::SecretString;
    // A marker made at run time, never as plain bytes in the binary: 48
    // letters; the allocator reuses a freed block's first 16 bytes for its
    // own lists, so the search looks at the last 32.
    let xored: Vec<u8> = (0..48u8).map(|i| (b'A' + i % 26) ^ 0x5a).collect();
    let plain = || -> String { xored.iter().map(|b| char::from(b ^ 0x5a)).collect() };
    let tail = &xored[16..];
    let secret = SecretString::new(plain());
    assert_eq!(copies_in_memory(tail), 1, "the live secret is found");
    drop(secret);
    assert_eq!(
        copies_in_memory(tail),
        0,
        "a dropped SecretString left its value"
    );
    // The same for a handle holding a client secret and a password prompt's
    // value moved into the handle.
    let handle = Cognito::builder()
        .user_pool_id("eu-west-1_AbC123xyz")
        .client_id("c")
        .client_secret(plain())
        .environment(|_| None)
        .build()
        .unwrap();
    assert!(copies_in_memory(tail) >= 1);
    drop(handle);
    assert_eq!(
        copies_in_memory(tail),
        0,
        "a dropped handle left its client secret"
    );
}
