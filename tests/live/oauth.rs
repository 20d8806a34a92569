//! OAuth 2.0 against a real, certified server: scripts/oauth/server.mjs
//! (npm oidc-provider with Cognito's paths, PKCE required, a public and a
//! secret client, 6-second client_credentials tokens), which the `oauth`
//! stage of scripts/test starts and names in `COGNITO_TEST_OAUTH_DOMAIN`.
//!
//! The browser is played over HTTP: a small client follows the server's
//! redirects and fills in its own login and consent forms, with cookies.
//!
//! Where oidc-provider differs from Cognito (see the server's header), the
//! tests say so: its issuer and key set are the server's; its userInfo
//! refuses the JWT access tokens it issues through resource indicators; an
//! unknown client_credentials scope is dropped, not refused, so our
//! verification (which checks every scope asked for) is what refuses it.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use cognito::oauth::{ClientCredentials, Domain, OAuth, OAuthErrorCode};
use cognito::{
    Cognito, Error, HttpRequest, HttpResponse, TokenVerifier, Transport, TransportError,
    UreqTransport,
};

const POOL: &str = "us-east-1_OAuthLive1";
const PUBLIC: &str = "oauth-public-client";
const SECRET_CLIENT: &str = "oauth-secret-client";
const SECRET: &str = "oauth-test-secret-not-real";
const REDIRECT: &str = "http://localhost:8400/callback";

fn domain_url() -> String {
    std::env::var("COGNITO_TEST_OAUTH_DOMAIN")
        .expect("COGNITO_TEST_OAUTH_DOMAIN (scripts/test oauth starts the server)")
}

fn handle(client: &str, secret: Option<&str>) -> Cognito {
    let domain = domain_url();
    let mut builder = Cognito::builder()
        .user_pool_id(POOL)
        .client_id(client)
        // oidc-provider's issuer and key set, where Cognito's would be the pool's.
        .issuer(domain.clone())
        .key_set_url(format!("{domain}/.well-known/jwks.json"));
    if let Some(secret) = secret {
        builder = builder.client_secret(secret);
    }
    builder.build().unwrap()
}

fn oauth(cognito: &Cognito) -> OAuth {
    OAuth::new(cognito, Domain::parse(&domain_url()).unwrap())
}

/// A browser over plain HTTP/1.1: follows redirects, keeps cookies, and
/// submits the first form of a page (filling `login` and `password`).
pub(crate) struct Browser {
    cookies: BTreeMap<String, String>,
}

pub(crate) struct Page {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Browser {
    pub(crate) fn new() -> Self {
        Self {
            cookies: BTreeMap::new(),
        }
    }

    fn request(&mut self, method: &str, url: &str, form: Option<&str>) -> Page {
        let rest = url.strip_prefix("http://").expect("http URL");
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let path = if path.is_empty() { "/" } else { path };
        let mut stream = TcpStream::connect(authority).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nAccept: text/html\r\n");
        if !cookie.is_empty() {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        let body = form.unwrap_or("");
        if form.is_some() {
            head.push_str(&format!(
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header block");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut body = raw[split + 4..].to_vec();
        let mut lines = head.lines();
        let status: u16 = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let mut location = None;
        let mut chunked = false;
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
            match name.as_str() {
                "location" => location = Some(value.to_owned()),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "set-cookie" => {
                    let pair = value.split(';').next().unwrap_or("");
                    if let Some((k, v)) = pair.split_once('=') {
                        if value
                            .to_ascii_lowercase()
                            .contains("expires=thu, 01 jan 1970")
                        {
                            self.cookies.remove(k.trim());
                        } else {
                            self.cookies
                                .insert(k.trim().to_owned(), v.trim().to_owned());
                        }
                    }
                }
                _ => {}
            }
        }
        if chunked {
            body = dechunk(&body);
        }
        Page {
            status,
            location,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    /// Opens `url` and signs in as `username` through the server's own
    /// forms until a redirect to `redirect_prefix`, which it returns
    /// without following.
    pub(crate) fn sign_in(&mut self, url: &str, username: &str, redirect_prefix: &str) -> String {
        let origin = origin_of(url);
        let (mut method, mut next, mut form) = ("GET", url.to_owned(), None::<String>);
        for _ in 0..20 {
            let page = self.request(method, &next, form.as_deref());
            if let Some(location) = page.location {
                let absolute = if location.starts_with("http") {
                    location
                } else {
                    format!("{origin}{location}")
                };
                if absolute.starts_with(redirect_prefix) {
                    return absolute;
                }
                (method, next, form) = ("GET", absolute, None);
                continue;
            }
            assert_eq!(page.status, 200, "{next}: {}", page.body);
            let (action, fields) = first_form(&page.body);
            let pairs: Vec<String> = fields
                .into_iter()
                .map(|(name, value)| {
                    let value = match name.as_str() {
                        "login" => username.to_owned(),
                        "password" => "any-password-the-dev-form-takes".to_owned(),
                        _ => value,
                    };
                    format!("{}={}", enc(&name), enc(&value))
                })
                .collect();
            let action = if action.starts_with("http") {
                action
            } else {
                format!("{origin}{action}")
            };
            (method, next, form) = ("POST", action, Some(pairs.join("&")));
        }
        panic!("no redirect to {redirect_prefix} after 20 steps");
    }
}

fn origin_of(url: &str) -> String {
    let rest = url.strip_prefix("http://").expect("http URL");
    format!("http://{}", &rest[..rest.find('/').unwrap_or(rest.len())])
}

fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut reader = BufReader::new(body);
    loop {
        let mut size = String::new();
        if reader.read_line(&mut size).unwrap_or(0) == 0 {
            break;
        }
        let n =
            usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        let mut chunk = vec![0; n];
        reader.read_exact(&mut chunk).unwrap();
        out.extend(chunk);
        let mut crlf = String::new();
        reader.read_line(&mut crlf).unwrap();
    }
    out
}

/// The first form's action and its named inputs (with their values).
fn first_form(html: &str) -> (String, Vec<(String, String)>) {
    let start = html.find("<form").expect("a form on the page");
    let end = html[start..]
        .find("</form>")
        .map_or(html.len(), |e| start + e);
    let form = &html[start..end];
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!("{name}=\"");
        let at = tag.find(&key)? + key.len();
        Some(tag[at..at + tag[at..].find('"')?].replace("&amp;", "&"))
    };
    let open = &form[..form.find('>').unwrap_or(form.len())];
    let action = attr(open, "action").expect("the form has an action");
    let mut fields = Vec::new();
    for piece in form.split("<input").skip(1) {
        let tag = &piece[..piece.find('>').unwrap_or(piece.len())];
        if let Some(name) = attr(tag, "name") {
            fields.push((name, attr(tag, "value").unwrap_or_default()));
        }
    }
    (action, fields)
}

/// Signs `cognito` in through the browser and returns the redirect.
fn browser_redirect(oauth: &OAuth, pending_url: &str, username: &str) -> String {
    let _ = oauth;
    Browser::new().sign_in(pending_url, username, "http://localhost:8400/callback")
}

#[test]
fn library_code_flow_tokens_on_the_handle_refresh_and_revocation() {
    let cognito = handle(PUBLIC, None);
    let oauth = oauth(&cognito);
    let pending = oauth
        .start(oauth.authorize(REDIRECT).unwrap().scopes([
            "openid",
            "email",
            "aws.cognito.signin.user.admin",
        ]))
        .unwrap();
    let redirect = browser_redirect(&oauth, pending.url(), "alice");
    let tokens = oauth.complete(&pending, &redirect).unwrap();
    assert!(tokens.id_token.is_some() && tokens.refresh_token.is_some());
    assert_eq!(tokens.username.as_deref(), Some("alice"));
    // The handle's own checks work on them.
    let verified = cognito.verify_tokens().unwrap();
    assert_eq!(
        verified.id.unwrap().cognito_username.as_deref(),
        Some("alice")
    );
    let access = verified.access.unwrap();
    assert_eq!(access.client_id.as_deref(), Some(PUBLIC));
    assert!(access
        .scopes()
        .any(|s| s == "aws.cognito.signin.user.admin"));
    assert!(!cognito.check_token().unwrap());

    // Renewal at the token endpoint: a new access token, the same refresh token.
    std::thread::sleep(Duration::from_millis(1100));
    oauth.refresh().unwrap();
    assert_ne!(cognito.access_token(), tokens.access_token);
    assert_eq!(cognito.refresh_token(), tokens.refresh_token);

    // oidc-provider's userInfo refuses the JWT access tokens it issues for a
    // resource (Cognito's accepts its own); the error is typed.
    let info = oauth.user_info().unwrap_err();
    assert!(info.oauth_code().is_some(), "{info:?}");

    // Revocation makes refresh fail.
    oauth.revoke().unwrap();
    let refused = oauth.refresh().unwrap_err();
    assert_eq!(
        refused.oauth_code(),
        Some(&OAuthErrorCode::InvalidGrant),
        "{refused:?}"
    );
}

#[test]
fn library_wrong_state_reused_code_wrong_verifier_wrong_secret() {
    let cognito = handle(PUBLIC, None);
    let oauth = oauth(&cognito);
    let pending = oauth
        .start(oauth.authorize(REDIRECT).unwrap().scope("openid"))
        .unwrap();
    let redirect = browser_redirect(&oauth, pending.url(), "bob");
    // A redirect whose state is not ours is refused before anything is sent.
    let forged = redirect.replace(&format!("state={}", pending.state()), "state=forged");
    let err = oauth.complete(&pending, &forged).unwrap_err();
    assert_eq!(err.oauth_code(), Some(&OAuthErrorCode::StateMismatch));
    // A wrong verifier: the code exchanged with another sign-in's verifier.
    let other = oauth
        .start(oauth.authorize(REDIRECT).unwrap().scope("openid"))
        .unwrap();
    let code = pending.parse_redirect(&redirect).unwrap();
    let err = oauth.exchange_code(&other, &code).unwrap_err();
    assert_eq!(
        err.oauth_code(),
        Some(&OAuthErrorCode::InvalidGrant),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains(code.expose_secret()));

    // A fresh code: exchanged once, refused the second time.
    let pending = oauth
        .start(oauth.authorize(REDIRECT).unwrap().scope("openid"))
        .unwrap();
    let redirect = browser_redirect(&oauth, pending.url(), "bob");
    oauth.complete(&pending, &redirect).unwrap();
    let err = oauth.complete(&pending, &redirect).unwrap_err();
    assert_eq!(
        err.oauth_code(),
        Some(&OAuthErrorCode::InvalidGrant),
        "{err:?}"
    );

    // A client with a secret: a wrong secret is invalid_client, the right one works.
    let wrong = handle(SECRET_CLIENT, Some("not-the-secret"));
    let wrong_oauth = self::oauth(&wrong);
    let pending = wrong_oauth
        .start(wrong_oauth.authorize(REDIRECT).unwrap().scope("openid"))
        .unwrap();
    let redirect = browser_redirect(&wrong_oauth, pending.url(), "carol");
    let err = wrong_oauth.complete(&pending, &redirect).unwrap_err();
    assert_eq!(
        err.oauth_code(),
        Some(&OAuthErrorCode::InvalidClient),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains("not-the-secret"));
    let right = handle(SECRET_CLIENT, Some(SECRET));
    let right_oauth = self::oauth(&right);
    let pending = right_oauth
        .start(right_oauth.authorize(REDIRECT).unwrap().scope("openid"))
        .unwrap();
    let redirect = browser_redirect(&right_oauth, pending.url(), "carol");
    right_oauth.complete(&pending, &redirect).unwrap();
    assert!(right.id_token().is_some());
}

/// Counts the token requests that go out through a real transport.
struct Counting {
    inner: UreqTransport,
    token_requests: Arc<AtomicUsize>,
}

impl Transport for Counting {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        if request.url.ends_with("/oauth2/token") {
            self.token_requests.fetch_add(1, Ordering::SeqCst);
        }
        self.inner.send(request)
    }
}

#[test]
fn library_client_credentials_sixteen_threads_one_request_renewed_once() {
    let domain = domain_url();
    let verifier = TokenVerifier::builder(POOL)
        .client_id(SECRET_CLIENT)
        .issuer(domain.clone())
        .key_set_url(format!("{domain}/.well-known/jwks.json"))
        .build()
        .unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let source = ClientCredentials::builder(Domain::parse(&domain).unwrap(), SECRET_CLIENT, SECRET)
        .scope("orders/read")
        .transport(Counting {
            inner: UreqTransport::new(),
            token_requests: Arc::clone(&count),
        })
        .verify_with(verifier.clone())
        .build();
    let run16 = || {
        std::thread::scope(|s| {
            let all: Vec<_> = (0..16)
                .map(|_| s.spawn(|| source.token().unwrap()))
                .collect();
            all.into_iter()
                .map(|h| h.join().unwrap())
                .collect::<Vec<_>>()
        })
    };
    let first = run16();
    assert_eq!(
        count.load(Ordering::SeqCst),
        1,
        "one token request for 16 threads"
    );
    assert!(first.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(first[0].expires_in(), 6);
    // Renewed when within half its 6-second life of expiry: once, for all threads.
    std::thread::sleep(Duration::from_millis(3500));
    let second = run16();
    assert_eq!(count.load(Ordering::SeqCst), 2, "renewed once");
    assert_ne!(second[0], first[0]);
    assert!(second.windows(2).all(|w| w[0] == w[1]));

    // A wrong secret: invalid_client.
    let wrong = ClientCredentials::builder(Domain::parse(&domain).unwrap(), SECRET_CLIENT, "nope")
        .scope("orders/read")
        .build();
    let err = wrong.token().unwrap_err();
    assert_eq!(
        err.oauth_code(),
        Some(&OAuthErrorCode::InvalidClient),
        "{err:?}"
    );

    // An unknown scope: Cognito answers invalid_scope; oidc-provider drops it
    // silently, so our check of every scope asked for refuses the token.
    let unknown =
        ClientCredentials::builder(Domain::parse(&domain).unwrap(), SECRET_CLIENT, SECRET)
            .scopes(["orders/read", "orders/delete"])
            .verify_with(verifier)
            .build();
    match unknown.token().unwrap_err() {
        Error::Token(e) => assert_eq!(e.kind(), "missing_scope", "{e:?}"),
        other => panic!("expected a missing scope, got {other:?}"),
    }
}

/// The `cognito` binary with a clean environment, the domain and `args`.
#[cfg(feature = "cli")]
fn cognito_cli(args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_cognito"));
    command
        .env_clear()
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("COGNITO_DOMAIN", domain_url())
        .args(args)
        .stdin(std::process::Stdio::null());
    command
}

#[cfg(feature = "cli")]
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(feature = "cli")]
#[test]
fn cli_token_prints_three_members_verifies_and_refuses() {
    let domain = domain_url();
    let jwks = format!("{domain}/.well-known/jwks.json");
    let out = cognito_cli(&[
        "--client-id",
        SECRET_CLIENT,
        "token",
        "--scope",
        "orders/read",
    ])
    .env("COGNITO_CLIENT_SECRET", SECRET)
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = printed
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["access_token", "expires_in", "token_type"]);
    assert_eq!(printed["token_type"], "Bearer");
    assert_eq!(printed["expires_in"], 6);
    assert!(!text(&out.stdout).contains(SECRET) && !text(&out.stderr).contains(SECRET));

    // With --pool-id the token is verified (oidc-provider's issuer and keys).
    let verified = cognito_cli(&[
        "--client-id",
        SECRET_CLIENT,
        "--pool-id",
        POOL,
        "token",
        "--scope",
        "orders/read",
        "--issuer",
        &domain,
        "--jwks",
        &jwks,
    ])
    .env("COGNITO_CLIENT_SECRET", SECRET)
    .output()
    .unwrap();
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}",
        text(&verified.stderr)
    );
    // …and an unknown scope, which oidc-provider drops, is refused by that check.
    let unknown = cognito_cli(&[
        "--client-id",
        SECRET_CLIENT,
        "--pool-id",
        POOL,
        "token",
        "--scope",
        "orders/read",
        "--scope",
        "orders/delete",
        "--issuer",
        &domain,
        "--jwks",
        &jwks,
    ])
    .env("COGNITO_CLIENT_SECRET", SECRET)
    .output()
    .unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        text(&unknown.stderr).starts_with("missing_scope: "),
        "{}",
        text(&unknown.stderr)
    );

    // A wrong secret: exit 1, the OAuth code first, no secret shown.
    let wrong = cognito_cli(&["--client-id", SECRET_CLIENT, "token"])
        .env("COGNITO_CLIENT_SECRET", "wrong-secret-value")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(1));
    let stderr = text(&wrong.stderr);
    assert!(stderr.starts_with("invalid_client: "), "{stderr}");
    assert!(!stderr.contains("wrong-secret-value") && wrong.stdout.is_empty());
}

/// Starts `cognito login --browser --no-open` and returns it with the
/// authorize URL it printed on standard error.
#[cfg(feature = "cli")]
fn start_browser_login(
    extra: &[&str],
) -> (std::process::Child, String, std::thread::JoinHandle<String>) {
    let domain = domain_url();
    let jwks = format!("{domain}/.well-known/jwks.json");
    let mut args = vec![
        "--pool-id",
        POOL,
        "--client-id",
        PUBLIC,
        "login",
        "--browser",
        "--no-open",
        "--scope",
        "openid",
        "--scope",
        "aws.cognito.signin.user.admin",
        "--issuer",
        &domain,
        "--jwks",
        &jwks,
    ];
    args.extend_from_slice(extra);
    let mut child = cognito_cli(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let url = line.trim().to_owned();
    assert!(
        url.starts_with(&format!("{domain}/oauth2/authorize?")),
        "{url}"
    );
    // Keep draining standard error so the child never blocks on it.
    let rest = std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = stderr.read_to_string(&mut rest);
        rest
    });
    (child, url, rest)
}

#[cfg(feature = "cli")]
#[test]
fn cli_login_browser_end_to_end_through_the_servers_forms() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");
    let (child, url, stderr) = start_browser_login(&["--redirect-uri", &redirect_uri]);
    assert!(
        url.contains(&format!("redirect_uri={}", enc(&redirect_uri))),
        "{url}"
    );
    assert!(url.contains("code_challenge_method=S256"), "{url}");
    let mut browser = Browser::new();
    let redirect = browser.sign_in(&url, "dave", &redirect_uri);
    let page = browser.request("GET", &redirect, None);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("You can close this tab"),
        "{}",
        page.body
    );
    let out = child.wait_with_output().unwrap();
    let stderr = stderr.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.is_empty(),
        "only the URL on standard error: {stderr}"
    );
    let tokens: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["IdToken", "AccessToken", "RefreshToken", "ExpiresAt"] {
        assert!(tokens[key].is_string(), "{key}: {tokens}");
    }
    assert_eq!(tokens["Username"], "dave");
    assert_eq!(tokens["TokenType"], "Bearer");
}

#[cfg(feature = "cli")]
#[test]
fn cli_login_browser_refuses_a_redirect_with_another_state() {
    // The default redirect: http://localhost:PORT/callback on a port the system picks.
    let (child, url, stderr) = start_browser_login(&[]);
    let redirect_uri = url
        .split('&')
        .find_map(|p| p.strip_prefix("redirect_uri="))
        .map(|v| v.replace("%3A", ":").replace("%2F", "/"))
        .unwrap();
    assert!(redirect_uri.starts_with("http://localhost:") && redirect_uri.ends_with("/callback"));
    let mut browser = Browser::new();
    let forged = redirect_uri.replace("localhost", "127.0.0.1") + "?code=stolen&state=forged";
    let page = browser.request("GET", &forged, None);
    assert_eq!(page.status, 400, "{}", page.body);
    let out = child.wait_with_output().unwrap();
    let stderr = stderr.join().unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("state_mismatch: "), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing on standard output");
}
