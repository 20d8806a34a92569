//! The demo web app of `cognito::server`: warrant's Django demo (a login page
//! and a user-details page) as a blocking web server on SQLite.
//!
//! `scripts/web-demo` runs it against moto. Pages: `/login`, `/` (the user,
//! their Cognito attributes, the local user's row, when the access token
//! expires), `/profile` (updates `given_name`), `/new-password`
//! (`NEW_PASSWORD_REQUIRED`), `/mfa` (a TOTP code), `/logout` (global sign-out)
//! and `GET /api/me` (JSON for `Authorization: Bearer <access token>`).
//!
//! Settings come from the environment only: `COGNITO_USER_POOL_ID`,
//! `COGNITO_APP_ID` (and the other names of [`BackendConfig::from_env`]),
//! `AWS_ENDPOINT_URL` (the emulator), `COGNITO_DEMO_PORT` (default 8000) and
//! `COGNITO_DEMO_DB` (the SQLite file; default an in-memory database) and
//! `COGNITO_DEMO_CHECK_PASSWORD` (`1`: see below).
//!
//! moto does not verify SRP proofs: any password signs in with SRP there. With
//! `COGNITO_DEMO_CHECK_PASSWORD=1` (scripts/web-demo sets it) the app first
//! checks the password with `USER_PASSWORD_AUTH` and answers a refusal as a
//! wrong password, then signs in through the backend (SRP) as usual. Against
//! real Cognito leave it unset: SRP itself refuses a wrong password.
//!
//! The session cookie holds only a random id (`HttpOnly`, `SameSite=Lax`);
//! the tokens and a pending sign-in stay in the SQLite `sessions` table.
//! Every form carries a `csrf_token`; a POST without the session's is 403.

use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use cognito::server::{
    api_key, bearer_claims, Backend, BackendConfig, PendingSignIn, SessionState, SignIn, UserStore,
};
use cognito::{Attributes, AuthResult, Challenge, TokenVerifier};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;
use tiny_http::{Header, Request, Response, Server};

type BoxError = Box<dyn StdError + Send + Sync>;

/// A row of the local `users` table (warrant's Django user).
#[derive(Debug, Clone)]
struct LocalUser {
    id: i64,
    username: String,
    first_name: String,
    last_name: String,
    email: String,
}

/// The local users, in SQLite.
struct Db(Mutex<Connection>);

impl Db {
    fn open(path: &str) -> rusqlite::Result<Self> {
        let conn = Connection::open(path)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS users (
                 id INTEGER PRIMARY KEY AUTOINCREMENT,
                 username TEXT NOT NULL UNIQUE,
                 first_name TEXT NOT NULL DEFAULT '',
                 last_name TEXT NOT NULL DEFAULT '',
                 email TEXT NOT NULL DEFAULT '');
             CREATE TABLE IF NOT EXISTS sessions (
                 id TEXT PRIMARY KEY,
                 csrf TEXT NOT NULL,
                 state TEXT,
                 pending TEXT,
                 error TEXT);",
        )?;
        Ok(Self(Mutex::new(conn)))
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves the connection usable.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn row_to_user(row: &rusqlite::Row<'_>) -> rusqlite::Result<LocalUser> {
    Ok(LocalUser {
        id: row.get(0)?,
        username: row.get(1)?,
        first_name: row.get(2)?,
        last_name: row.get(3)?,
        email: row.get(4)?,
    })
}

fn field(fields: &BTreeMap<String, String>, name: &str) -> String {
    fields.get(name).cloned().unwrap_or_default()
}

impl UserStore for Db {
    type User = LocalUser;
    type Error = rusqlite::Error;

    fn find(&self, username: &str) -> rusqlite::Result<Option<LocalUser>> {
        self.conn()
            .query_row(
                "SELECT id, username, first_name, last_name, email FROM users WHERE username = ?1",
                params![username],
                row_to_user,
            )
            .optional()
    }

    fn create(
        &self,
        username: &str,
        fields: &BTreeMap<String, String>,
    ) -> rusqlite::Result<LocalUser> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO users (username, first_name, last_name, email) VALUES (?1, ?2, ?3, ?4)",
            params![
                username,
                field(fields, "first_name"),
                field(fields, "last_name"),
                field(fields, "email")
            ],
        )?;
        conn.query_row(
            "SELECT id, username, first_name, last_name, email FROM users WHERE id = ?1",
            params![conn.last_insert_rowid()],
            row_to_user,
        )
    }

    fn update(
        &self,
        mut user: LocalUser,
        fields: &BTreeMap<String, String>,
    ) -> rusqlite::Result<LocalUser> {
        if let Some(v) = fields.get("first_name") {
            user.first_name = v.clone();
        }
        if let Some(v) = fields.get("last_name") {
            user.last_name = v.clone();
        }
        if let Some(v) = fields.get("email") {
            user.email = v.clone();
        }
        self.conn().execute(
            "UPDATE users SET first_name = ?1, last_name = ?2, email = ?3 WHERE id = ?4",
            params![user.first_name, user.last_name, user.email, user.id],
        )?;
        Ok(user)
    }
}

/// A browser session: a row of the `sessions` table.
#[derive(Debug, Default)]
struct Session {
    id: String,
    csrf: String,
    state: Option<SessionState>,
    pending: Option<PendingSignIn>,
    error: Option<String>,
}

fn random_hex() -> Result<String, BoxError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
    Ok(bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    }))
}

impl Db {
    fn load_session(&self, id: &str) -> Result<Option<Session>, BoxError> {
        let row = self
            .conn()
            .query_row(
                "SELECT csrf, state, pending, error FROM sessions WHERE id = ?1",
                params![id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                    ))
                },
            )
            .optional()?;
        let Some((csrf, state, pending, error)) = row else {
            return Ok(None);
        };
        Ok(Some(Session {
            id: id.to_owned(),
            csrf,
            state: state.map(|s| serde_json::from_str(&s)).transpose()?,
            pending: pending.map(|s| serde_json::from_str(&s)).transpose()?,
            error,
        }))
    }

    fn save_session(&self, s: &Session) -> Result<(), BoxError> {
        let state = s.state.as_ref().map(serde_json::to_string).transpose()?;
        let pending = s.pending.as_ref().map(serde_json::to_string).transpose()?;
        self.conn().execute(
            "INSERT OR REPLACE INTO sessions (id, csrf, state, pending, error) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![s.id, s.csrf, state, pending, s.error],
        )?;
        Ok(())
    }

    fn new_session(&self) -> Result<Session, BoxError> {
        let s = Session {
            id: random_hex()?,
            csrf: random_hex()?,
            ..Session::default()
        };
        self.save_session(&s)?;
        Ok(s)
    }
}

/// The app: the backend (holding the database) and a shared token verifier.
struct App {
    backend: Backend<Db>,
    verifier: TokenVerifier,
    secure: bool,
    check_password: bool,
}

/// What a handler answers.
enum Reply {
    Html(u16, String),
    Json(u16, serde_json::Value),
    Redirect(&'static str),
    Text(u16, &'static str),
}

fn main() -> Result<(), BoxError> {
    let config = BackendConfig::from_env()?;
    let port: u16 = std::env::var("COGNITO_DEMO_PORT")
        .ok()
        .filter(|p| !p.is_empty())
        .map(|p| p.parse())
        .transpose()
        .map_err(|e| format!("COGNITO_DEMO_PORT is not a port number: {e}"))?
        .unwrap_or(8000);
    let db_path = std::env::var("COGNITO_DEMO_DB").unwrap_or_else(|_| ":memory:".to_owned());
    let db = Db::open(&db_path)?;
    let backend = Backend::new(config, db)?;
    let verifier = backend.handle().token_verifier()?;
    let app = App {
        backend,
        verifier,
        secure: false,
        check_password: std::env::var("COGNITO_DEMO_CHECK_PASSWORD").is_ok_and(|v| v == "1"),
    };
    let server = Server::http(("127.0.0.1", port)).map_err(|e| format!("cannot listen: {e}"))?;
    eprintln!("web_demo: listening on http://127.0.0.1:{port}/");
    for request in server.incoming_requests() {
        let method = request.method().to_string();
        let url = request.url().to_owned();
        if let Err(e) = app.serve(request) {
            eprintln!("web_demo: {method} {url}: {}", chain(&*e));
        }
    }
    Ok(())
}

/// An error with its sources, for the log (never holds secrets: the
/// library's errors redact them).
fn chain(e: &(dyn StdError + 'static)) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let _ = write!(s, ": {c}");
        cur = c.source();
    }
    s
}

fn header_value(request: &Request, name: &'static str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str().to_owned())
}

fn cookie_sid(request: &Request) -> Option<String> {
    let cookies = header_value(request, "Cookie")?;
    cookies.split(';').find_map(|c| {
        let (k, v) = c.trim().split_once('=')?;
        (k == "sid").then(|| v.to_owned())
    })
}

fn url_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn parse_form(body: &str) -> BTreeMap<String, String> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (url_decode(k), url_decode(v))
        })
        .collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{t} · cognito web demo</title>\
         <style>body{{font-family:sans-serif;max-width:46em;margin:2em auto}}\
         table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:.2em .6em;text-align:left}}\
         .error{{color:#b00;font-weight:bold}}input{{margin:.2em 0}}</style></head>\
         <body><h1>{t}</h1>{body}</body></html>",
        t = esc(title)
    )
}

fn csrf_input(s: &Session) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf_token\" value=\"{}\">",
        esc(&s.csrf)
    )
}

fn error_html(s: &mut Session) -> String {
    s.error
        .take()
        .map(|e| format!("<p class=\"error\" id=\"error\">{}</p>", esc(&e)))
        .unwrap_or_default()
}

/// The `exp` claim of a JWT, read without verifying (for display only).
fn jwt_exp(token: &str) -> Option<i64> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()?
        .get("exp")?
        .as_i64()
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl App {
    fn db(&self) -> &Db {
        self.backend.store()
    }

    fn serve(&self, mut request: Request) -> Result<(), BoxError> {
        let method = request.method().to_string();
        let path = request
            .url()
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();
        if path == "/api/me" && method == "GET" {
            let reply = self.api_me(&request);
            return respond(request, reply, None, self.secure);
        }
        let existing = match cookie_sid(&request) {
            Some(id) => self.db().load_session(&id)?,
            None => None,
        };
        let is_new = existing.is_none();
        let mut session = match existing {
            Some(s) => s,
            None => self.db().new_session()?,
        };
        let set_cookie = is_new.then(|| session.id.clone());
        let reply = if method == "POST" {
            let mut body = String::new();
            request.as_reader().read_to_string(&mut body)?;
            let form = parse_form(&body);
            if is_new || form.get("csrf_token") != Some(&session.csrf) {
                Reply::Text(403, "403 Forbidden: missing or wrong csrf_token\n")
            } else {
                self.post(&path, &form, &mut session)?
            }
        } else if method == "GET" {
            self.get(&path, &mut session)?
        } else {
            Reply::Text(405, "405 Method Not Allowed\n")
        };
        self.db().save_session(&session)?;
        respond(request, reply, set_cookie, self.secure)
    }

    fn get(&self, path: &str, s: &mut Session) -> Result<Reply, BoxError> {
        Ok(match path {
            "/login" => Reply::Html(200, self.login_page(s)),
            "/" => match self.home(s)? {
                Some(html) => Reply::Html(200, html),
                None => Reply::Redirect("/login"),
            },
            "/profile" => match &s.state {
                None => Reply::Redirect("/login"),
                Some(_) => {
                    let err = error_html(s);
                    let current = s
                        .state
                        .as_ref()
                        .and_then(|st| self.db().find(&st.username).ok().flatten())
                        .map(|u| u.first_name)
                        .unwrap_or_default();
                    Reply::Html(
                        200,
                        page(
                            "Profile",
                            &format!(
                                "{err}<form method=\"post\" action=\"/profile\">{}\
                                 <label>Given name <input name=\"given_name\" value=\"{}\"></label><br>\
                                 <button type=\"submit\">Save</button></form><p><a href=\"/\">Back</a></p>",
                                csrf_input(s),
                                esc(&current)
                            ),
                        ),
                    )
                }
            },
            "/new-password" => match &s.pending {
                Some(p) if p.challenge_name() == "NEW_PASSWORD_REQUIRED" => {
                    let err = error_html(s);
                    Reply::Html(
                        200,
                        page(
                            "Choose a new password",
                            &format!(
                                "{err}<p>Your password was set by an administrator: choose your own.</p>\
                                 <form method=\"post\" action=\"/new-password\">{}\
                                 <label>New password <input type=\"password\" name=\"new_password\" autocomplete=\"new-password\"></label><br>\
                                 <button type=\"submit\">Set password</button></form>",
                                csrf_input(s)
                            ),
                        ),
                    )
                }
                _ => Reply::Redirect("/login"),
            },
            "/mfa" => match &s.pending {
                Some(p) if is_code_challenge(p.challenge_name()) => {
                    let err = error_html(s);
                    Reply::Html(
                        200,
                        page(
                            "Enter your code",
                            &format!(
                                "{err}<p>Enter the code from your authenticator app.</p>\
                                 <form method=\"post\" action=\"/mfa\">{}\
                                 <label>Code <input name=\"code\" autocomplete=\"one-time-code\"></label><br>\
                                 <button type=\"submit\">Verify</button></form>",
                                csrf_input(s)
                            ),
                        ),
                    )
                }
                _ => Reply::Redirect("/login"),
            },
            "/logout" => Reply::Html(
                200,
                page(
                    "Sign out",
                    &format!(
                        "<form method=\"post\" action=\"/logout\">{}\
                         <button type=\"submit\">Sign out everywhere</button></form>",
                        csrf_input(s)
                    ),
                ),
            ),
            _ => Reply::Text(404, "404 Not Found\n"),
        })
    }

    fn post(
        &self,
        path: &str,
        form: &BTreeMap<String, String>,
        s: &mut Session,
    ) -> Result<Reply, BoxError> {
        let get = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
        Ok(match path {
            "/login" => {
                s.state = None;
                s.pending = None;
                if self.check_password && self.password_refused(get("username"), get("password")) {
                    s.error = Some("Incorrect username or password.".into());
                    return Ok(Reply::Redirect("/login"));
                }
                let result = self.backend.authenticate(get("username"), get("password"));
                self.after_sign_in(s, result, "/login")
            }
            "/new-password" => {
                let Some(pending) = s.pending.take() else {
                    return Ok(Reply::Redirect("/login"));
                };
                let keep = pending.clone();
                let new_password = get("new_password").to_owned();
                let result = self.backend.answer(pending, |c| match c {
                    Challenge::NewPasswordRequired(c) => c.respond(&new_password, &[]),
                    other => Ok(AuthResult::Challenge(other)),
                });
                if result.is_err() {
                    s.pending = Some(keep);
                }
                self.after_sign_in(s, result, "/new-password")
            }
            "/mfa" => {
                let Some(pending) = s.pending.take() else {
                    return Ok(Reply::Redirect("/login"));
                };
                let code = get("code").trim().to_owned();
                let result = self.backend.answer(pending, |c| match c {
                    Challenge::SoftwareTokenMfa(c) | Challenge::SmsMfa(c) => c.respond(&code),
                    other => Ok(AuthResult::Challenge(other)),
                });
                self.after_sign_in(s, result, "/login")
            }
            "/profile" => {
                let Some(state) = s.state.clone() else {
                    return Ok(Reply::Redirect("/login"));
                };
                let restored = match state.restore(self.backend.handle()) {
                    Ok(r) => r,
                    Err(e) => return Ok(self.signed_out(s, &e)),
                };
                s.state = Some(restored.session.clone());
                let given_name = get("given_name").trim();
                if given_name.is_empty() {
                    s.error = Some("The given name cannot be empty.".into());
                    return Ok(Reply::Redirect("/profile"));
                }
                match restored
                    .cognito
                    .update_profile(&Attributes::new().with("given_name", given_name))
                {
                    Ok(_) => {
                        // Bring the local row up to date, as a sign-in would.
                        let user = restored.cognito.get_user()?;
                        let fields = self.local_fields(&user.attributes);
                        let store = self.db();
                        if let Some(local) = store.find(&state.username)? {
                            store.update(local, &fields)?;
                        }
                        Reply::Redirect("/")
                    }
                    Err(e) => {
                        s.error = Some(format!("Cognito refused the change: {e}"));
                        Reply::Redirect("/profile")
                    }
                }
            }
            "/logout" => {
                if let Some(state) = s.state.take() {
                    match state.restore(self.backend.handle()) {
                        Ok(r) => {
                            if let Err(e) = r.cognito.logout() {
                                eprintln!("web_demo: global sign-out: {}", chain(&e));
                            }
                        }
                        Err(e) => eprintln!("web_demo: global sign-out: {}", chain(&e)),
                    }
                }
                s.pending = None;
                Reply::Redirect("/login")
            }
            _ => Reply::Text(404, "404 Not Found\n"),
        })
    }

    fn after_sign_in(
        &self,
        s: &mut Session,
        result: Result<SignIn<LocalUser>, cognito::server::BackendError<rusqlite::Error>>,
        on_error: &'static str,
    ) -> Reply {
        match result {
            Ok(SignIn::SignedIn { session, .. }) => {
                s.state = Some(session);
                s.pending = None;
                Reply::Redirect("/")
            }
            Ok(SignIn::Challenge(pending)) => {
                let name = pending.challenge_name().to_owned();
                s.pending = Some(pending);
                if name == "NEW_PASSWORD_REQUIRED" {
                    Reply::Redirect("/new-password")
                } else if is_code_challenge(&name) {
                    Reply::Redirect("/mfa")
                } else {
                    s.pending = None;
                    s.error = Some(format!("This demo cannot answer the {name} challenge."));
                    Reply::Redirect("/login")
                }
            }
            Ok(SignIn::NoUser) => {
                s.pending = None;
                s.error = Some("Incorrect username or password.".into());
                Reply::Redirect("/login")
            }
            Ok(_) => {
                s.error = Some("Cannot sign in.".into());
                Reply::Redirect("/login")
            }
            Err(e) => {
                eprintln!("web_demo: sign-in: {}", chain(&e));
                s.error = Some(match e.source() {
                    Some(src) => format!("Sign-in failed: {src}"),
                    None => format!("Sign-in failed: {e}"),
                });
                Reply::Redirect(on_error)
            }
        }
    }

    /// `COGNITO_DEMO_CHECK_PASSWORD`: whether Cognito refuses the password
    /// with `USER_PASSWORD_AUTH` (for emulators that do not check SRP proofs).
    fn password_refused(&self, username: &str, password: &str) -> bool {
        let probe = match self
            .backend
            .config()
            .handle_builder()
            .username(username)
            .build()
        {
            Ok(p) => p,
            Err(_) => return false,
        };
        match probe.authenticate_user_password(password) {
            Err(e) => e.is_not_authorized() || e.is_user_not_found(),
            Ok(_) => false,
        }
    }

    fn signed_out(&self, s: &mut Session, e: &cognito::Error) -> Reply {
        eprintln!("web_demo: session ended: {}", chain(e));
        s.state = None;
        s.error = Some("Your session has ended: sign in again.".into());
        Reply::Redirect("/login")
    }

    fn local_fields(&self, attributes: &Attributes) -> BTreeMap<String, String> {
        let mapping = &self.backend.config().attr_mapping;
        attributes
            .iter()
            .filter_map(|(name, value)| Some((mapping.get(name)?.clone(), value.to_owned())))
            .collect()
    }

    fn login_page(&self, s: &mut Session) -> String {
        let err = error_html(s);
        let signed_in = s
            .state
            .as_ref()
            .map(|st| {
                format!(
                    "<p>Signed in as {}: <a href=\"/\">your details</a>.</p>",
                    esc(&st.username)
                )
            })
            .unwrap_or_default();
        page(
            "Sign in",
            &format!(
                "{err}{signed_in}<form method=\"post\" action=\"/login\">{}\
                 <label>Username <input name=\"username\" autocomplete=\"username\"></label><br>\
                 <label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\"></label><br>\
                 <button type=\"submit\">Sign in</button></form>",
                csrf_input(s)
            ),
        )
    }

    fn home(&self, s: &mut Session) -> Result<Option<String>, BoxError> {
        let Some(state) = s.state.clone() else {
            return Ok(None);
        };
        let restored = match state.restore(self.backend.handle()) {
            Ok(r) => r,
            Err(e) => {
                self.signed_out(s, &e);
                return Ok(None);
            }
        };
        s.state = Some(restored.session.clone());
        let user = match restored.cognito.get_user() {
            Ok(u) => u,
            Err(e) if e.is_not_authorized() || e.is_user_not_found() => {
                self.signed_out(s, &e);
                return Ok(None);
            }
            Err(e) => return Err(e.into()),
        };
        let local = self.db().find(&state.username)?;
        let mut attrs = String::new();
        if let Some(sub) = &user.sub {
            let _ = write!(attrs, "<tr><th>sub</th><td>{}</td></tr>", esc(sub));
        }
        if let Some(v) = user.email_verified {
            let _ = write!(attrs, "<tr><th>email_verified</th><td>{v}</td></tr>");
        }
        for (name, value) in user.attributes.iter() {
            let _ = write!(
                attrs,
                "<tr><th>{}</th><td id=\"attr-{}\">{}</td></tr>",
                esc(name),
                esc(&name.replace(':', "-")),
                esc(value)
            );
        }
        let local_html = match local {
            Some(u) => format!(
                "<table id=\"local-user\"><tr><th>id</th><th>username</th><th>first_name</th><th>last_name</th><th>email</th></tr>\
                 <tr><td id=\"local-id\">{}</td><td>{}</td><td id=\"local-first-name\">{}</td><td id=\"local-last-name\">{}</td><td id=\"local-email\">{}</td></tr></table>",
                u.id,
                esc(&u.username),
                esc(&u.first_name),
                esc(&u.last_name),
                esc(&u.email)
            ),
            None => "<p>No local user.</p>".to_owned(),
        };
        let expires = state
            .tokens
            .access_token
            .as_ref()
            .and_then(|t| jwt_exp(t.expose_secret()));
        let expires_html = match expires {
            Some(exp) => {
                let when = time::OffsetDateTime::from_unix_timestamp(exp)
                    .ok()
                    .and_then(|t| {
                        t.format(&time::format_description::well_known::Rfc3339)
                            .ok()
                    })
                    .unwrap_or_else(|| exp.to_string());
                format!(
                    "<p id=\"expires\">The access token expires at {} (in {} s).</p>",
                    esc(&when),
                    exp - now_secs()
                )
            }
            None => "<p id=\"expires\">The access token's expiry is unknown.</p>".to_owned(),
        };
        Ok(Some(page(
            "Your details",
            &format!(
                "<p>Signed in as <strong id=\"username\">{}</strong>.</p>\
                 <h2>Cognito attributes</h2><table id=\"attributes\">{attrs}</table>\
                 <h2>Local user</h2>{local_html}{expires_html}\
                 <p><a href=\"/profile\">Edit profile</a></p>\
                 <form method=\"post\" action=\"/logout\">{}<button type=\"submit\" id=\"logout\">Sign out</button></form>",
                esc(&user.username),
                csrf_input(s)
            ),
        )))
    }

    fn api_me(&self, request: &Request) -> Reply {
        let headers: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|h| (h.field.as_str().to_string(), h.value.as_str().to_owned()))
            .collect();
        let claims = match bearer_claims(&self.verifier, headers.iter().cloned()) {
            Ok(c) => c,
            Err(e) => {
                return Reply::Json(
                    401,
                    json!({"error": "unauthorized", "message": e.to_string()}),
                )
            }
        };
        let Some(username) = claims.username.clone().or(claims.cognito_username.clone()) else {
            return Reply::Json(
                401,
                json!({"error": "unauthorized", "message": "no username in the token"}),
            );
        };
        let email = match self.db().find(&username) {
            Ok(u) => u.map(|u| u.email),
            Err(e) => {
                eprintln!("web_demo: /api/me: {}", chain(&e));
                return Reply::Json(500, json!({"error": "database"}));
            }
        };
        let mut body = json!({"username": username, "email": email});
        if let Some(key) = api_key(headers.iter().cloned()) {
            body["api_key"] = json!(key);
        }
        Reply::Json(200, body)
    }
}

fn is_code_challenge(name: &str) -> bool {
    matches!(name, "SOFTWARE_TOKEN_MFA" | "SMS_MFA")
}

fn hdr(name: &str, value: &str) -> Result<Header, BoxError> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).map_err(|()| "bad header".into())
}

fn respond(
    request: Request,
    reply: Reply,
    set_cookie: Option<String>,
    secure: bool,
) -> Result<(), BoxError> {
    let (status, body, content_type, location) = match reply {
        Reply::Html(code, html) => (code, html, "text/html; charset=utf-8", None),
        Reply::Json(code, v) => (code, v.to_string(), "application/json", None),
        Reply::Redirect(to) => (303, String::new(), "text/plain; charset=utf-8", Some(to)),
        Reply::Text(code, t) => (code, t.to_owned(), "text/plain; charset=utf-8", None),
    };
    let mut response = Response::from_string(body)
        .with_status_code(status)
        .with_header(hdr("Content-Type", content_type)?)
        .with_header(hdr("Cache-Control", "no-store")?);
    if let Some(to) = location {
        response = response.with_header(hdr("Location", to)?);
    }
    if let Some(id) = set_cookie {
        let secure = if secure { "; Secure" } else { "" };
        response = response.with_header(hdr(
            "Set-Cookie",
            &format!("sid={id}; Path=/; HttpOnly; SameSite=Lax{secure}"),
        )?);
    }
    request.respond(response)?;
    Ok(())
}
