//! Why a command failed, and the exit status each reason gets:
//!
//! | status | meaning | standard error starts with |
//! |---|---|---|
//! | 1 | Cognito said no (or answered something unusable) | the Cognito error code |
//! | 1 | `verify`: the token is invalid | the failure kind, e.g. `expired:` |
//! | 2 | usage or configuration: a missing setting, an unreachable endpoint, no AWS credentials | `error:` |
//! | 3 | a sign-in challenge that cannot be answered without a terminal | the challenge name |
//!
//! Library errors are turned into these with the handle at hand, so an
//! unreachable endpoint can name its URL and where it came from. A library
//! error's message says only its own layer, so the whole `source()` chain is
//! printed, joined with `: ` ([`chain`]). No message
//! here ever holds a password, token or secret: the library's errors do not,
//! and the command line's own never quote secret input.

use std::error::Error as StdError;
use std::fmt;

use cognito::endpoint::Setting;
use cognito::{Cognito, Error};

/// A failed command.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Exit 1: Cognito said no. The message is the library's `Code: message`.
    Service(String),
    /// Exit 2: the command line or the settings are wrong.
    Usage {
        /// What is wrong.
        message: String,
        /// The command, for the `--help` hint.
        command: Option<&'static str>,
    },
    /// Exit 2: a setting, the endpoint or the credentials.
    Config(String),
    /// Exit 3: a challenge needs a terminal or an environment variable.
    Challenge {
        /// The challenge's wire name.
        name: String,
        /// How to answer it.
        hint: String,
    },
}

impl Failure {
    /// A configuration error.
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Failure::Config(message.into())
    }

    /// The process exit status.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Failure::Service(_) => 1,
            Failure::Usage { .. } | Failure::Config(_) => 2,
            Failure::Challenge { .. } => 3,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Service(message) => f.write_str(message),
            Failure::Usage { message, command } => {
                write!(f, "error: {message}")?;
                match command {
                    Some(c) => write!(f, "\nRun `cognito {c} --help` for usage."),
                    None => Ok(()),
                }
            }
            Failure::Config(message) => write!(f, "error: {message}"),
            Failure::Challenge { name, hint } => write!(f, "{name}: {hint}"),
        }
    }
}

impl From<crate::args::UsageError> for Failure {
    fn from(e: crate::args::UsageError) -> Self {
        Failure::Usage {
            message: e.message,
            command: e.command,
        }
    }
}

/// Where the handle's endpoint came from, in the user's terms.
fn endpoint_source(handle: &Cognito) -> String {
    match handle.endpoint().custom_endpoint {
        Some(Setting::Endpoint) => "--endpoint".to_owned(),
        Some(other) => other.to_string(),
        None => format!(
            "the default for region {}; set --endpoint for an emulator",
            handle.region()
        ),
    }
}

/// An error and its causes on one line, each joined with `: `
/// (`cannot fetch the key set from …: cannot send the request: io: …`).
pub(crate) fn chain(e: &(dyn StdError + 'static)) -> String {
    let mut text = e.to_string();
    for cause in std::iter::successors(e.source(), |c| (*c).source()) {
        text.push_str(": ");
        text.push_str(&cause.to_string());
    }
    text
}

/// Turns a library error into a failure, with the handle for context.
pub(crate) fn from_library(e: Error, handle: &Cognito) -> Failure {
    match &e {
        // A client with a secret refuses calls without SECRET_HASH: when
        // Cognito's message is bare or speaks of the secret, say where it goes.
        Error::Service(service)
            if e.is_not_authorized()
                && handle.client_secret().is_none()
                && service.message().is_none_or(|m| {
                    m.trim().is_empty() || m.to_ascii_lowercase().contains("secret")
                }) =>
        {
            Failure::Service(format!(
                "{e} (if the app client has a secret, set COGNITO_CLIENT_SECRET)"
            ))
        }
        Error::Service(_) => Failure::Service(e.to_string()),
        // The library's message names the URL; say where it came from.
        Error::Transport(_) => Failure::config(format!(
            "cannot reach Cognito (endpoint from {}): {}",
            endpoint_source(handle),
            chain(&e)
        )),
        Error::Http(_) => Failure::Service(format!(
            "{e} (from {}, set by {})",
            handle.endpoint_url(),
            endpoint_source(handle)
        )),
        Error::Credentials(_) => Failure::config(format!(
            "this command is signed with AWS credentials and none were found: {}",
            chain(&e)
        )),
        Error::Token(v) => Failure::Service(format!("{}: {}", v.kind(), chain(&e))),
        // `invalid_client: …`: the OAuth code first.
        Error::OAuth(_) => Failure::Service(e.to_string()),
        Error::KeySet(_) | Error::Config(_) | Error::Signing(_) | Error::InvalidArgument(_) => {
            Failure::config(chain(&e))
        }
        Error::ChallengeRequired { name } => Failure::Challenge {
            name: name.clone(),
            hint: "answer it with `cognito login`, which asks for every challenge".into(),
        },
        _ => Failure::Service(format!("unusable reply: {}", chain(&e))),
    }
}

/// `.on(&handle)?`: a library result with its errors turned into failures.
pub(crate) trait OnHandle<T> {
    /// Maps the error through [`from_library`].
    fn on(self, handle: &Cognito) -> Result<T, Failure>;
}

impl<T> OnHandle<T> for Result<T, Error> {
    fn on(self, handle: &Cognito) -> Result<T, Failure> {
        self.map_err(|e| from_library(e, handle))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cognito::{HttpRequest, HttpResponse, TransportError, TransportErrorKind};

    fn handle(reply: Result<HttpResponse, TransportErrorKind>) -> Cognito {
        Cognito::builder()
            .user_pool_id("eu-west-1_AbC123")
            .client_id("client")
            .endpoint("http://127.0.0.1:9")
            .environment(|_| None)
            .transport(move |_req: HttpRequest| match &reply {
                Ok(r) => Ok(r.clone()),
                Err(kind) => Err(TransportError::new(*kind, "connection refused")),
            })
            .build()
            .unwrap()
    }

    #[test]
    fn service_errors_start_with_the_code_and_exit_1() {
        let h = handle(Ok(HttpResponse::new(
            400,
            br#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#
                .to_vec(),
        )));
        let f = from_library(h.call("GetUser", &serde_json::json!({})).unwrap_err(), &h);
        assert_eq!(f.exit_code(), 1, "exit code");
        assert_eq!(
            f.to_string(),
            "NotAuthorizedException: Incorrect username or password.",
            "message"
        );
    }

    #[test]
    fn a_refusal_about_the_secret_hints_at_the_variable() {
        for body in [
            &br#"{"__type":"NotAuthorizedException","message":"Client 1abc is configured with secret but SECRET_HASH was not received"}"#[..],
            br#"{"__type":"NotAuthorizedException"}"#,
        ] {
            let h = handle(Ok(HttpResponse::new(400, body.to_vec())));
            let f = from_library(h.call("GetUser", &serde_json::json!({})).unwrap_err(), &h);
            let text = f.to_string();
            assert!(text.starts_with("NotAuthorizedException"), "{text}");
            assert!(text.contains("set COGNITO_CLIENT_SECRET"), "{text}");
        }
    }

    #[test]
    fn an_unreachable_endpoint_names_the_url_and_exits_2() {
        let h = handle(Err(TransportErrorKind::Connect));
        let f = from_library(h.call("GetUser", &serde_json::json!({})).unwrap_err(), &h);
        assert_eq!(f.exit_code(), 2, "exit code");
        let text = f.to_string();
        assert!(text.contains("http://127.0.0.1:9"), "url: {text}");
        assert!(text.contains("--endpoint"), "source: {text}");
    }

    #[test]
    fn token_failures_start_with_the_kind_then_read_the_chain_once() {
        let h = handle(Ok(HttpResponse::new(200, b"{}".to_vec())));
        let wrong_use = cognito::verify::VerifyError::WrongTokenUse {
            expected: cognito::jwt::TokenUse::Id,
            found: None,
        };
        let f = from_library(Error::Token(wrong_use), &h);
        assert_eq!(f.exit_code(), 1, "exit code");
        assert_eq!(f.to_string(), "wrong_token_use: token is not an id token");
        let malformed =
            cognito::verify::VerifyError::Malformed(cognito::jwt::JwtError::SegmentCount);
        assert_eq!(
            from_library(Error::Token(malformed), &h).to_string(),
            "segment_count: malformed token: token must have three segments"
        );
    }

    #[test]
    fn library_errors_print_their_whole_chain_once() {
        let h = handle(Err(TransportErrorKind::Connect));
        let err = h.verify_tokens().unwrap_err();
        assert_eq!(
            from_library(err, &h).to_string(),
            "error: no tokens to verify: sign in first"
        );
        let refused = TransportError::new(TransportErrorKind::Connect, "connection refused")
            .with_source(std::io::Error::other("os error 111"));
        let f = from_library(Error::Transport(refused), &h);
        assert_eq!(
            f.to_string(),
            "error: cannot reach Cognito (endpoint from --endpoint): \
             connection refused: os error 111"
        );
        let srp = from_library(Error::Srp(cognito::srp::SrpError::ZeroB), &h);
        assert_eq!(
            srp.to_string(),
            "unusable reply: srp computation failed: srp B is zero modulo N"
        );
    }

    #[test]
    fn chain_joins_every_cause() {
        let e = cognito::ConfigError::with_source(
            "cannot load",
            cognito::ConfigError::with_source("cannot read", std::io::Error::other("gone")),
        );
        assert_eq!(chain(&e), "cannot load: cannot read: gone");
        assert_eq!(chain(&cognito::ConfigError::new("alone")), "alone");
    }

    #[test]
    fn challenges_exit_3_with_the_name_first() {
        let f = Failure::Challenge {
            name: "NEW_PASSWORD_REQUIRED".into(),
            hint: "set COGNITO_NEW_PASSWORD".into(),
        };
        assert_eq!(f.exit_code(), 3, "exit code");
        assert!(
            f.to_string().starts_with("NEW_PASSWORD_REQUIRED: "),
            "message"
        );
    }
}
