//! OAuth 2.0 at the user pool's domain (`--domain`, `COGNITO_DOMAIN`):
//! `cognito login --browser` (authorization code with PKCE through the
//! system browser and a loopback redirect) and `cognito token`
//! (`client_credentials`).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use cognito::oauth::{ClientCredentials, Domain, OAuth, OAuthErrorCode, PendingAuthorization};
use cognito::{Cognito, Error, TokenVerifier};
use serde_json::json;

use crate::args::Command;
use crate::context::{Context, Needs};
use crate::failure::{chain, from_library, Failure};
use crate::output::{self, Output};

/// How long `login --browser` waits for the redirect.
const WAIT: Duration = Duration::from_secs(300);

/// `login --browser`'s options.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct BrowserLogin {
    /// `--redirect-uri` (else `COGNITO_REDIRECT_URI`, else a free port).
    pub redirect_uri: Option<String>,
    /// `--no-open`.
    pub no_open: bool,
    /// `--scope`, each.
    pub scopes: Vec<String>,
    /// `--issuer`, each.
    pub issuers: Vec<String>,
    /// `--jwks`.
    pub jwks: Option<String>,
}

/// `token`'s options.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TokenOptions {
    /// `--scope`, each.
    pub scopes: Vec<String>,
    /// `--issuer`, each.
    pub issuers: Vec<String>,
    /// `--jwks`.
    pub jwks: Option<String>,
}

/// Builds `login --browser` or `token` from the parsed options (pure).
///
/// # Errors
///
/// The usage message.
pub(crate) fn command(
    name: &str,
    scopes: &[String],
    last: impl Fn(&str) -> Option<String>,
    issuers: Vec<String>,
) -> Result<Command, String> {
    if name == "token" {
        return Ok(Command::Token(TokenOptions {
            scopes: scopes.to_vec(),
            issuers,
            jwks: last("jwks"),
        }));
    }
    if let Some(other) = ["flow", "mfa", "attr"]
        .into_iter()
        .find(|o| last(o).is_some())
    {
        return Err(format!(
            "--{other} is for the password sign-in; login --browser signs in at the domain"
        ));
    }
    Ok(Command::LoginBrowser(BrowserLogin {
        redirect_uri: last("redirect-uri"),
        no_open: last("no-open").is_some(),
        scopes: scopes.to_vec(),
        issuers,
        jwks: last("jwks"),
    }))
}

/// The domain from `--domain` or `COGNITO_DOMAIN`.
fn domain(ctx: &Context) -> Result<Domain, Failure> {
    let Some(domain) = &ctx.domain else {
        return Err(Failure::config(
            "this command needs the user pool domain; pass --domain or set COGNITO_DOMAIN \
             (e.g. https://my-app.auth.us-east-1.amazoncognito.com)",
        ));
    };
    Domain::parse(&domain.value)
        .map_err(|e| Failure::config(format!("{} (set by {})", chain(&e), domain.from)))
}

/// A library error from the domain's endpoints, as a failure: OAuth errors
/// and refused tokens exit 1 with their code first.
fn failure(e: Error, domain: &Domain, handle: Option<&Cognito>) -> Failure {
    match &e {
        Error::OAuth(_) => Failure::Service(e.to_string()),
        Error::Transport(_) => Failure::config(format!(
            "cannot reach the domain {}: {}",
            domain.base_url(),
            chain(&e)
        )),
        Error::Http(_) => Failure::Service(format!("{e} (from {})", domain.base_url())),
        Error::Token(v) => Failure::Service(format!("{}: {}", v.kind(), chain(&e))),
        Error::KeySet(_) | Error::Config(_) | Error::InvalidArgument(_) => {
            Failure::config(chain(&e))
        }
        _ => match handle {
            Some(handle) => from_library(e, handle),
            None => Failure::Service(format!("unusable reply: {}", chain(&e))),
        },
    }
}

/// `cognito token`: a `client_credentials` access token, verified with
/// `--pool-id`; prints `access_token`, `expires_in` and `token_type`.
///
/// # Errors
///
/// Exit 1 for an OAuth error or a refused token; 2 for a missing setting or
/// an unreachable domain.
pub(super) fn token(ctx: &mut Context, options: &TokenOptions) -> Result<Output, Failure> {
    let domain = domain(ctx)?;
    let Some(client) = ctx.client_id.as_ref().map(|c| c.value.clone()) else {
        return Err(Failure::config(
            "this command needs the app client id; pass --client-id or set COGNITO_CLIENT_ID",
        ));
    };
    let Some(secret) = ctx.client_secret.clone() else {
        return Err(Failure::config(
            "client_credentials needs the app client's secret; set COGNITO_CLIENT_SECRET",
        ));
    };
    let mut builder = ClientCredentials::builder(domain.clone(), client, secret)
        .scopes(options.scopes.iter().cloned());
    if let Some(transport) = &ctx.transport {
        builder = builder.shared_transport(transport.clone());
    }
    let mut handle = None;
    if ctx.pool_id.is_some() {
        let h = ctx.build(ctx.builder(Needs {
            pool_id: true,
            client_id: true,
        })?)?;
        builder = builder.verify_with(verifier(
            ctx,
            &h,
            &options.issuers,
            options.jwks.as_deref(),
        )?);
        handle = Some(h);
    }
    let token = builder
        .build()
        .token()
        .map_err(|e| failure(e, &domain, handle.as_ref()))?;
    Ok(Output::json(json!({
        "access_token": token.expose_secret(),
        "expires_in": token.expires_in(),
        "token_type": token.token_type(),
    })))
}

/// The pool's verifier as `verify` builds it: keys from the endpoint
/// override if any, the pool's issuers unless `--issuer`, `--jwks`.
fn verifier(
    ctx: &Context,
    handle: &Cognito,
    issuers: &[String],
    jwks: Option<&str>,
) -> Result<TokenVerifier, Failure> {
    let (Some(pool), Some(client)) = (handle.user_pool_id(), handle.client_id()) else {
        return Err(Failure::config(
            "verifying needs the pool id and the client id",
        ));
    };
    let mut builder = TokenVerifier::builder(pool).client_id(client);
    if let Some(region) = &ctx.region {
        builder = builder.region(region.clone());
    }
    if handle.endpoint().custom_endpoint.is_some() {
        builder = builder.endpoint(handle.endpoint_url());
    }
    for issuer in issuers {
        builder = builder.issuer(issuer.clone());
    }
    builder = match jwks {
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
            builder.key_set_url(url)
        }
        Some(file) => builder.key_set_file(file),
        None => builder,
    };
    if let Some(transport) = &ctx.transport {
        builder = builder.shared_transport(transport.clone());
    }
    builder.build().map_err(|e| from_library(e, handle))
}

/// Where the browser is sent back: the URI, and the listener on its port.
struct Callback {
    uri: String,
    path: String,
    listener: TcpListener,
}

/// Binds the loopback redirect: `http://localhost|127.0.0.1|[::1]:PORT/PATH`,
/// or by default `http://localhost:PORT/callback` on a free port.
fn callback(redirect: Option<String>) -> Result<Callback, Failure> {
    let Some(uri) = redirect else {
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|e| Failure::config(format!("cannot listen on a loopback port: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| Failure::config(format!("cannot listen on a loopback port: {e}")))?
            .port();
        return Ok(Callback {
            uri: format!("http://localhost:{port}/callback"),
            path: "/callback".to_owned(),
            listener,
        });
    };
    let bad = || {
        Failure::config(format!(
            "the redirect URI {uri:?} is not a loopback http://localhost:PORT/PATH \
             (or 127.0.0.1, [::1]) registered as a callback of the app client"
        ))
    };
    let rest = uri.strip_prefix("http://").ok_or_else(bad)?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = authority.rsplit_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().map_err(|_| bad())?;
    let bind = match host {
        "localhost" | "127.0.0.1" => "127.0.0.1",
        "[::1]" => "[::1]",
        _ => return Err(bad()),
    };
    if path.contains(['?', '#']) {
        return Err(bad());
    }
    let listener = TcpListener::bind(format!("{bind}:{port}"))
        .map_err(|e| Failure::config(format!("cannot listen on {bind}:{port}: {e}")))?;
    Ok(Callback {
        path: if path.is_empty() { "/" } else { path }.to_owned(),
        uri,
        listener,
    })
}

/// `cognito login --browser`: signs in at the domain through the browser
/// and prints the token JSON as `login` does.
///
/// # Errors
///
/// Exit 1 for an OAuth error, a state mismatch or a refused token; 2 for a
/// missing setting, an unusable redirect URI, an unreachable domain, or no
/// redirect within 300 s.
pub(super) fn browser_login(ctx: &mut Context, options: &BrowserLogin) -> Result<Output, Failure> {
    let domain = domain(ctx)?;
    let mut builder = ctx.builder(Needs {
        pool_id: true,
        client_id: true,
    })?;
    for issuer in &options.issuers {
        builder = builder.issuer(issuer.clone());
    }
    match options.jwks.as_deref() {
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
            builder = builder.key_set_url(url);
        }
        Some(file) => {
            let json = std::fs::read_to_string(file)
                .map_err(|e| Failure::config(format!("cannot read the key set {file}: {e}")))?;
            builder = builder.key_set_json(json);
        }
        None => {}
    }
    let handle = ctx.build(builder)?;
    let redirect = options
        .redirect_uri
        .clone()
        .or_else(|| ctx.input.var("COGNITO_REDIRECT_URI"));
    let callback = callback(redirect)?;
    let oauth = OAuth::new(&handle, domain.clone());
    let request = oauth
        .authorize(callback.uri.clone())
        .map_err(|e| failure(e, &domain, Some(&handle)))?
        .scopes(options.scopes.iter().cloned());
    let pending = oauth
        .start(request)
        .map_err(|e| failure(e, &domain, Some(&handle)))?;
    if options.no_open || !open_browser(pending.url()) {
        eprintln!("{}", pending.url());
    }
    let code =
        wait_for_redirect(&callback, &pending).map_err(|e| failure(e, &domain, Some(&handle)))?;
    oauth
        .exchange_code(&pending, &code)
        .map_err(|e| failure(e, &domain, Some(&handle)))?;
    // As `login`: written to --token-file (mode 0600) when given, else printed.
    let tokens = handle.tokens();
    match ctx.write_token_file(&tokens)? {
        Some(written) => Ok(written),
        None => Ok(output::tokens(&tokens, true)),
    }
}

/// Opens the system browser at `url`; whether that worked.
fn open_browser(url: &str) -> bool {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Answers requests on the callback until the redirect comes (at most
/// [`WAIT`]); other paths get 404.
fn wait_for_redirect(
    callback: &Callback,
    pending: &PendingAuthorization,
) -> Result<cognito::oauth::AuthorizationCode, Error> {
    let deadline = Instant::now() + WAIT;
    callback
        .listener
        .set_nonblocking(true)
        .map_err(|e| Error::InvalidArgument(format!("cannot wait on the callback port: {e}")))?;
    loop {
        match callback.listener.accept() {
            Ok((stream, _)) => {
                if let Some(result) = answer(stream, callback, pending) {
                    return result;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    return Err(cognito::ConfigError::new(format!(
                        "no sign-in redirect to {} within {} s",
                        callback.uri,
                        WAIT.as_secs()
                    ))
                    .into());
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => {
                return Err(Error::InvalidArgument(format!(
                    "cannot accept on the callback port: {e}"
                )))
            }
        }
    }
}

/// Reads one request and answers it; `Some` when it was the redirect.
fn answer(
    mut stream: TcpStream,
    callback: &Callback,
    pending: &PendingAuthorization,
) -> Option<Result<cognito::oauth::AuthorizationCode, Error>> {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 2048];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&buf);
    let target = head
        .lines()
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .unwrap_or("");
    let path = target.split('?').next().unwrap_or("");
    if path != callback.path {
        respond(&mut stream, "404 Not Found", "Not found.");
        return None;
    }
    let result = pending.parse_redirect(target);
    match &result {
        Ok(_) => respond(
            &mut stream,
            "200 OK",
            "Signed in. You can close this tab and return to the terminal.",
        ),
        Err(e) if e.oauth_code() == Some(&OAuthErrorCode::StateMismatch) => respond(
            &mut stream,
            "400 Bad Request",
            "This sign-in was not started here (state mismatch). Nothing was exchanged.",
        ),
        Err(_) => respond(
            &mut stream,
            "400 Bad Request",
            "The sign-in did not complete; see the terminal.",
        ),
    }
    Some(result)
}

fn respond(stream: &mut TcpStream, status: &str, text: &str) {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>cognito</title></head>\
         <body><p>{text}</p></body></html>"
    );
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\nCache-Control: no-store\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;
    use std::sync::{Arc, Mutex};

    use cognito::{HttpRequest, HttpResponse, TransportError};

    use super::*;
    use crate::args::{parse, Globals, Parsed};
    use crate::prompt::testing::input;

    fn parsed(args: &[&str]) -> Result<Command, String> {
        match parse(args.iter().map(OsString::from)) {
            Ok(Parsed::Run(cli)) => Ok(cli.command),
            Ok(other) => Err(format!("{other:?}")),
            Err(e) => Err(e.message),
        }
    }

    #[test]
    fn login_browser_and_token_parse() {
        assert_eq!(
            parsed(&[
                "login",
                "--browser",
                "--no-open",
                "--scope",
                "openid",
                "--scope",
                "email"
            ]),
            Ok(Command::LoginBrowser(BrowserLogin {
                redirect_uri: None,
                no_open: true,
                scopes: vec!["openid".into(), "email".into()],
                issuers: vec![],
                jwks: None,
            }))
        );
        assert_eq!(
            parsed(&[
                "--domain",
                "auth.example.com",
                "token",
                "--scope",
                "orders/read"
            ]),
            Ok(Command::Token(TokenOptions {
                scopes: vec!["orders/read".into()],
                issuers: vec![],
                jwks: None,
            }))
        );
        let with_user = parsed(&["login", "alice", "--browser"]).unwrap_err();
        assert!(with_user.contains("takes no USERNAME"), "{with_user}");
        let with_flow = parsed(&["login", "--browser", "--flow", "srp"]).unwrap_err();
        assert!(with_flow.contains("--flow"), "{with_flow}");
        // The password sign-in takes USERNAME, or COGNITO_USERNAME when run.
        assert!(matches!(
            parsed(&["login"]),
            Ok(Command::Login { username: None, .. })
        ));
    }

    #[test]
    fn callback_uris() {
        let c = callback(None).unwrap();
        assert!(c.uri.starts_with("http://localhost:") && c.uri.ends_with("/callback"));
        for bad in [
            "https://localhost:1/cb",
            "http://example.com:8400/cb",
            "http://localhost/cb",
        ] {
            assert!(callback(Some(bad.into())).is_err(), "{bad}");
        }
    }

    fn context(
        vars: &[(&str, &str)],
        reply: HttpResponse,
    ) -> (Context, Arc<Mutex<Vec<HttpRequest>>>) {
        let (input, _) = input(vars, None, "");
        let mut ctx = Context::new(Globals::default(), input);
        let seen: Arc<Mutex<Vec<HttpRequest>>> = Arc::default();
        let log = Arc::clone(&seen);
        ctx.transport = Some(Arc::new(
            move |req: HttpRequest| -> Result<HttpResponse, TransportError> {
                log.lock().unwrap().push(req);
                Ok(reply.clone())
            },
        ));
        (ctx, seen)
    }

    const VARS: &[(&str, &str)] = &[
        (
            "COGNITO_DOMAIN",
            "https://my-app.auth.us-east-1.amazoncognito.com",
        ),
        ("COGNITO_CLIENT_ID", "m2m"),
        ("COGNITO_CLIENT_SECRET", "test-secret-not-real"),
    ];

    #[test]
    fn token_prints_exactly_three_members() {
        let (mut ctx, seen) = context(
            VARS,
            HttpResponse::new(
                200,
                br#"{"access_token":"eyJ.e30.c2ln","expires_in":3600,"token_type":"Bearer","scope":"orders/read"}"#.to_vec(),
            ),
        );
        let options = TokenOptions {
            scopes: vec!["orders/read".into()],
            issuers: vec![],
            jwks: None,
        };
        let out = token(&mut ctx, &options)
            .unwrap()
            .render(crate::output::Format::Json);
        let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            printed,
            json!({"access_token": "eyJ.e30.c2ln", "expires_in": 3600, "token_type": "Bearer"})
        );
        let req = &seen.lock().unwrap()[0];
        assert_eq!(
            req.url,
            "https://my-app.auth.us-east-1.amazoncognito.com/oauth2/token"
        );
        assert_eq!(
            String::from_utf8_lossy(&req.body),
            "grant_type=client_credentials&scope=orders%2Fread"
        );
    }

    #[test]
    fn oauth_errors_exit_1_with_the_code_first() {
        let (mut ctx, _) = context(
            VARS,
            HttpResponse::new(400, br#"{"error":"invalid_scope"}"#.to_vec()),
        );
        let options = TokenOptions {
            scopes: vec!["orders/delete".into()],
            issuers: vec![],
            jwks: None,
        };
        let failure = token(&mut ctx, &options).unwrap_err();
        assert_eq!(failure.exit_code(), 1);
        assert_eq!(failure.to_string(), "invalid_scope");
        // No domain: a configuration error naming the option and variable.
        let (mut ctx, _) = context(&VARS[1..], HttpResponse::new(200, Vec::new()));
        let failure = token(&mut ctx, &options).unwrap_err();
        assert_eq!(failure.exit_code(), 2);
        assert!(failure.to_string().contains("COGNITO_DOMAIN"), "{failure}");
    }
}
