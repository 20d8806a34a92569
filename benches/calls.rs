//! Per-call cost of the crate against bare ureq, on a canned loopback
//! server, and how calls on one handle scale over threads. A program for
//! `scripts/bench` (which pins it and the server to one CPU, interleaves the
//! runs and compares with the official SDK and boto3); each mode prints
//! plain lines:
//!
//! * `calls serve PORT_FILE`: the canned server. It binds 127.0.0.1 on a
//!   free port, writes the port to PORT_FILE and answers every keep-alive
//!   request with a fixed `GetUser` or `AdminGetUser` reply (chosen by
//!   `X-Amz-Target`) until killed.
//! * `calls client WHICH URL TOKEN_FILE CALLS`: one client, WHICH one of
//!   `cognito-get` (`Cognito::get_user`), `ureq-get` (ureq, same request,
//!   body parsed to a `serde_json::Value`), `cognito-admin`
//!   (`Cognito::admin_get_user`, SigV4-signed) and `ureq-sigv4-admin` (ureq
//!   plus aws-sigv4, credentials built once, signed per call). Prints
//!   `check USERNAME`, then after a warm-up `WHICH WALL_US CPU_US` per call
//!   (CPU: this thread's, from `/proc/thread-self/schedstat`).
//! * `calls threads SECONDS`: `get_user` on one handle with an in-process
//!   transport (no I/O), on 1 then 2 threads; then a lock-free control that
//!   does comparable work (serialise a request, parse the reply) with
//!   nothing shared. Prints `threads-1 N`, `threads-2 N`, `control-1 N`,
//!   `control-2 N` in calls per second.
//!
//! Not a `cargo bench` harness: `cargo bench --bench calls` with no mode
//! runs `threads 1`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use cognito::credentials::AwsCredentials;
use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};

const POOL: &str = "us-east-1_BenchPool1";
const CLIENT_ID: &str = "1example23456789abcdefghi0";
const GET_USER: &str = r#"{"Username":"alice","UserAttributes":[{"Name":"sub","Value":"5f2c6e1a-8b3d-4c7e-9a10-2b4d6f8a0c1e"},{"Name":"email","Value":"alice@example.com"},{"Name":"email_verified","Value":"true"},{"Name":"name","Value":"Alice Example"}]}"#;
const ADMIN_GET_USER: &str = r#"{"Username":"alice","UserAttributes":[{"Name":"sub","Value":"5f2c6e1a-8b3d-4c7e-9a10-2b4d6f8a0c1e"},{"Name":"email","Value":"alice@example.com"},{"Name":"email_verified","Value":"true"},{"Name":"name","Value":"Alice Example"}],"Enabled":true,"UserStatus":"CONFIRMED","UserCreateDate":1.764806400E9,"UserLastModifiedDate":1.764806400E9}"#;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--bench")
        .collect();
    match args.as_slice() {
        ["serve", port_file] => serve(port_file),
        ["client", which, url, token_file, calls] => {
            let token = std::fs::read_to_string(token_file).expect("token file");
            client(which, url, token.trim(), calls.parse().expect("calls"));
        }
        ["threads", secs] => threads(secs.parse().expect("seconds")),
        [] => threads(1.0),
        _ => panic!(
            "usage: calls serve PORT_FILE | client WHICH URL TOKEN_FILE CALLS | threads SECONDS"
        ),
    }
}

// ---- the canned server ------------------------------------------------------------------------

fn serve(port_file: &str) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::fs::write(port_file, format!("{port}\n")).expect("port file");
    for stream in listener.incoming().flatten() {
        std::thread::spawn(move || {
            let _ = answer(stream);
        });
    }
}

/// Answers requests on one connection until the client closes it.
fn answer(stream: TcpStream) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let mut line = String::new();
    loop {
        let (mut length, mut admin) = (0usize, false);
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                let name = name.trim().to_ascii_lowercase();
                if name == "content-length" {
                    length = value.trim().parse().unwrap_or(0);
                } else if name == "x-amz-target" {
                    admin = value.contains("AdminGetUser");
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        let reply = if admin { ADMIN_GET_USER } else { GET_USER };
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\nx-amzn-requestid: 00000000-0000-4000-8000-000000000000\r\ncontent-length: {}\r\n\r\n{reply}",
            reply.len()
        );
        writer.write_all(response.as_bytes())?;
        writer.flush()?;
    }
}

// ---- one client -------------------------------------------------------------------------------

fn thread_cpu_ns() -> u64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    s.split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn handle(url: &str, token: &str) -> Cognito {
    Cognito::builder()
        .user_pool_id(POOL)
        .client_id(CLIENT_ID)
        .region("us-east-1")
        .endpoint(url)
        .access_token(token)
        .credentials(AwsCredentials::new(
            "AKIDBENCHEXAMPLE",
            "bench/secret/access/key/EXAMPLEKEY",
            None,
        ))
        .build()
        .expect("handle")
}

fn client(which: &str, url: &str, token: &str, calls: u32) {
    let mut call: Box<dyn FnMut() -> String> = match which {
        "cognito-get" => {
            let c = handle(url, token);
            Box::new(move || c.get_user().expect("get_user").username)
        }
        "cognito-admin" => {
            let c = handle(url, token);
            Box::new(move || c.admin_get_user("alice").expect("admin_get_user").username)
        }
        "ureq-get" => {
            let agent = ureq::Agent::new_with_defaults();
            let (url, token) = (url.to_owned(), token.to_owned());
            Box::new(move || {
                let body =
                    serde_json::to_vec(&serde_json::json!({ "AccessToken": token })).expect("json");
                let mut response = agent
                    .post(&url)
                    .header("content-type", "application/x-amz-json-1.1")
                    .header("x-amz-target", "AWSCognitoIdentityProviderService.GetUser")
                    .send(&body[..])
                    .expect("ureq");
                let reply: serde_json::Value =
                    serde_json::from_slice(&response.body_mut().read_to_vec().expect("body"))
                        .expect("reply");
                reply["Username"].as_str().unwrap_or_default().to_owned()
            })
        }
        "ureq-sigv4-admin" => ureq_sigv4(url),
        other => panic!("unknown client {other}"),
    };
    println!("check {}", call());
    for _ in 0..200 {
        std::hint::black_box(call());
    }
    let (t0, c0) = (Instant::now(), thread_cpu_ns());
    for _ in 0..calls {
        std::hint::black_box(call());
    }
    let wall = t0.elapsed().as_secs_f64() * 1e6 / f64::from(calls);
    let cpu = (thread_cpu_ns() - c0) as f64 / 1e3 / f64::from(calls);
    println!("{which} {wall:.2} {cpu:.2}");
}

/// ureq plus aws-sigv4 as a careful user would write it: the identity built
/// once, the request signed per call with the current time.
fn ureq_sigv4(url: &str) -> Box<dyn FnMut() -> String> {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    use aws_sigv4::sign::v4;
    use aws_smithy_runtime_api::client::identity::Identity;

    let agent = ureq::Agent::new_with_defaults();
    let url = url.to_owned();
    let host = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let identity: Identity = aws_credential_types::Credentials::new(
        "AKIDBENCHEXAMPLE",
        "bench/secret/access/key/EXAMPLEKEY",
        None,
        None,
        "bench",
    )
    .into();
    Box::new(move || {
        let body =
            serde_json::to_vec(&serde_json::json!({ "UserPoolId": POOL, "Username": "alice" }))
                .expect("json");
        let headers = [
            ("content-type", "application/x-amz-json-1.1"),
            (
                "x-amz-target",
                "AWSCognitoIdentityProviderService.AdminGetUser",
            ),
            ("host", host.as_str()),
        ];
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region("us-east-1")
            .name("cognito-idp")
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .expect("params")
            .into();
        let signable = SignableRequest::new(
            "POST",
            &url,
            headers.iter().copied(),
            SignableBody::Bytes(&body),
        )
        .expect("signable");
        let (instructions, _) = sign(signable, &params).expect("sign").into_parts();
        let mut request = agent.post(&url);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        for (name, value) in instructions.headers() {
            request = request.header(name, value);
        }
        let mut response = request.send(&body[..]).expect("ureq");
        let reply: serde_json::Value =
            serde_json::from_slice(&response.body_mut().read_to_vec().expect("body"))
                .expect("reply");
        reply["Username"].as_str().unwrap_or_default().to_owned()
    })
}

// ---- threads on one handle --------------------------------------------------------------------

/// Calls per second of `f` on `threads` threads at once, for `secs`.
fn rate(threads: usize, secs: f64, f: impl Fn() + Sync) -> f64 {
    let stop = Instant::now() + Duration::from_secs_f64(secs);
    let total: u64 = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut n = 0u64;
                    while Instant::now() < stop {
                        for _ in 0..100 {
                            f();
                        }
                        n += 100;
                    }
                    n
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker")).sum()
    });
    total as f64 / secs
}

fn threads(secs: f64) {
    let transport = |_request: HttpRequest| -> Result<HttpResponse, TransportError> {
        let mut response = HttpResponse::new(200, GET_USER.as_bytes().to_vec());
        response.headers = vec![
            (
                "content-type".to_owned(),
                "application/x-amz-json-1.1".to_owned(),
            ),
            (
                "x-amzn-requestid".to_owned(),
                "00000000-0000-4000-8000-000000000000".to_owned(),
            ),
        ];
        Ok(response)
    };
    let handle = Arc::new(
        Cognito::builder()
            .user_pool_id(POOL)
            .client_id(CLIENT_ID)
            .region("us-east-1")
            .access_token("bench-access-token")
            .transport(transport)
            .build()
            .expect("handle"),
    );
    let call = || {
        std::hint::black_box(handle.get_user().expect("get_user"));
    };
    rate(1, 0.2, call); // warm up
    println!("threads-1 {:.0}", rate(1, secs, call));
    println!("threads-2 {:.0}", rate(2, secs, call));
    let control = || {
        let body = serde_json::to_vec(&serde_json::json!({ "AccessToken": "bench-access-token" }))
            .expect("json");
        let response = transport(HttpRequest::post("http://localhost/", body)).expect("canned");
        let reply: serde_json::Value = serde_json::from_slice(&response.body).expect("reply");
        std::hint::black_box(reply);
    };
    println!("control-1 {:.0}", rate(1, secs, control));
    println!("control-2 {:.0}", rate(2, secs, control));
}
