//! Shared by the `cli_*` tests: a loopback stub of Cognito and a runner for
//! the built `cognito` binary.
//!
//! The stub is a std `TcpListener` on 127.0.0.1 answering each request with
//! the next canned reply for its `X-Amz-Target` operation (the last reply for
//! an operation repeats) and recording every request. The replies are made up
//! here after the shapes in the Cognito API reference; nothing is recorded
//! from a live service.

mod runner;

pub(crate) use runner::{Cli, Run};

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use base64::Engine;
use serde_json::{json, Value};

/// The pool the tests use.
pub(crate) const POOL: &str = "us-east-1_Stub";
/// The app client the tests use.
pub(crate) const CLIENT: &str = "client-1";

/// One request the stub received.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    /// The operation, from `X-Amz-Target`.
    pub op: String,
    /// Lower-cased header names and their values.
    pub headers: Vec<(String, String)>,
    /// The JSON body.
    pub body: Value,
}

impl Recorded {
    /// A header by lower-case name.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

type Replies = HashMap<String, VecDeque<(u16, String)>>;
type Paths = HashMap<String, String>;

/// A Cognito stand-in on loopback.
pub(crate) struct Stub {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Stub {
    /// Starts a stub answering `(operation, status, body)` replies, in order per operation.
    pub(crate) fn start(replies: &[(&str, u16, Value)]) -> Stub {
        Stub::start_with_paths(replies, &[])
    }

    /// As [`Stub::start`], also answering GET requests for `(path, body)`
    /// (a key set at `/{poolId}/.well-known/jwks.json`); other GETs get 404.
    pub(crate) fn start_with_paths(replies: &[(&str, u16, Value)], paths: &[(&str, &str)]) -> Stub {
        let paths: Paths = paths
            .iter()
            .map(|(p, b)| ((*p).to_owned(), (*b).to_owned()))
            .collect();
        let mut table: Replies = HashMap::new();
        for (op, status, body) in replies {
            table
                .entry((*op).to_owned())
                .or_default()
                .push_back((*status, body.to_string()));
        }
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        let table = Mutex::new(table);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let _ = serve(stream, &table, &paths, &seen);
            }
        });
        Stub { url, requests }
    }

    /// Every request so far.
    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// The requests for one operation.
    pub(crate) fn calls(&self, op: &str) -> Vec<Recorded> {
        self.requests().into_iter().filter(|r| r.op == op).collect()
    }

    /// The operations called, in order.
    pub(crate) fn ops(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.op).collect()
    }
}

fn serve(
    stream: TcpStream,
    table: &Mutex<Replies>,
    paths: &Paths,
    seen: &Mutex<Vec<Recorded>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut headers = Vec::new();
    let mut line = String::new();
    reader.read_line(&mut line)?; // request line
    let request_line = line.clone();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.trim_end().split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let op = headers
        .iter()
        .find(|(n, _)| n == "x-amz-target")
        .and_then(|(_, v)| v.rsplit('.').next())
        .unwrap_or("")
        .to_owned();
    seen.lock().unwrap().push(Recorded {
        op: op.clone(),
        headers,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    });
    let get = request_line
        .strip_prefix("GET ")
        .and_then(|rest| rest.split(' ').next());
    let (status, reply) = if let Some(path) = get {
        seen.lock().unwrap().last_mut().unwrap().op = format!("GET {path}");
        match paths.get(path) {
            Some(body) => (200, body.clone()),
            None => (404, "not found".to_owned()),
        }
    } else {
        let mut table = table.lock().unwrap();
        match table.get_mut(&op) {
            Some(queue) if queue.len() > 1 => queue.pop_front().unwrap(),
            Some(queue) if !queue.is_empty() => queue[0].clone(),
            _ => (
                400,
                json!({"__type": "InvalidParameterException", "message": format!("the stub has no reply for {op}")})
                    .to_string(),
            ),
        }
    };
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status} Stub\r\nContent-Type: application/x-amz-json-1.1\r\n\
         x-amzn-RequestId: stub-request\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
        reply.len()
    )?;
    stream.flush()
}

/// A command line aimed at a stub.
impl Cli {
    /// Aimed at `stub` with `--endpoint`, the pool and client from the environment.
    pub(crate) fn new(stub: &Stub) -> Self {
        Cli::bare()
            .args(&["--endpoint", &stub.url])
            .env("COGNITO_USER_POOL_ID", POOL)
            .env("COGNITO_CLIENT_ID", CLIENT)
    }
}

/// An unsigned JWT with `claims` (nothing in these tests verifies signatures).
pub(crate) fn jwt(claims: Value) -> String {
    let b64 = |v: Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.c2lnbmF0dXJl",
        b64(json!({"alg": "RS256", "kid": "stub-key"})),
        b64(claims)
    )
}

/// Seconds since the epoch.
pub(crate) fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// An access token for `username`, valid for an hour.
pub(crate) fn access_token(username: &str) -> String {
    jwt(
        json!({"token_use": "access", "username": username, "client_id": CLIENT, "exp": now() + 3600, "sub": "sub-1"}),
    )
}

/// An id token for `username`, valid for an hour.
pub(crate) fn id_token(username: &str) -> String {
    jwt(
        json!({"token_use": "id", "cognito:username": username, "aud": CLIENT, "exp": now() + 3600, "sub": "sub-1"}),
    )
}

/// A sign-in success without `ExpiresIn` or `TokenType` (as cognito-local answers).
pub(crate) fn tokens_reply(username: &str) -> Value {
    json!({"AuthenticationResult": {
        "IdToken": id_token(username),
        "AccessToken": access_token(username),
        "RefreshToken": "stub-refresh-token",
    }})
}

/// A challenge reply.
pub(crate) fn challenge(name: &str, params: Value) -> Value {
    json!({"ChallengeName": name, "Session": "stub-session", "ChallengeParameters": params})
}

/// A Cognito error reply body.
pub(crate) fn error(code: &str, message: &str) -> Value {
    json!({"__type": code, "message": message})
}
