//! Settings from the global options and their environment variables, and the
//! library handle built from them, with errors that name the option or
//! variable to set.
//!
//! | setting | option | variable |
//! |---|---|---|
//! | pool id | `--pool-id` | `COGNITO_USER_POOL_ID` |
//! | client id | `--client-id` | `COGNITO_CLIENT_ID` |
//! | client secret | none: a secret is never an argument | `COGNITO_CLIENT_SECRET` |
//! | region | `--region` | none: the pool id's prefix (`AWS_REGION` is not read) |
//! | endpoint | `--endpoint` | `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`, `AWS_ENDPOINT_URL` (read by the library) |
//! | tokens | `--token-file` (the commands that use tokens) | `COGNITO_ACCESS_TOKEN`, `COGNITO_REFRESH_TOKEN` (see `prompt.rs`) |
//! | identity pool (`aws-credentials`) | `--identity-pool-id`, `--username` | `COGNITO_IDENTITY_POOL_ID`, `COGNITO_USERNAME`, `COGNITO_ID_TOKEN` (see `commands/aws_credentials.rs`) |
//! | user pool domain (OAuth 2.0) | `--domain` | `COGNITO_DOMAIN` |
//! | OAuth redirect URI (`login --browser`) | `--redirect-uri` | `COGNITO_REDIRECT_URI` (read in `commands/oauth.rs`) |
//!
//! The variables for passwords and codes are read where they are used
//! (`prompt.rs`, `commands/`); `help.rs` lists every variable.

use std::error::Error as _;
use std::path::PathBuf;
use std::sync::Arc;

use cognito::endpoint::{EndpointError, Setting};
use cognito::{Cognito, CognitoBuilder, SecretString, Tokens, Transport};

use crate::args::Globals;
use crate::failure::Failure;
use crate::output::Format;
use crate::prompt::{Input, TokenMember};

/// A setting and where it came from (an option or a variable name).
#[derive(Debug, Clone)]
pub(crate) struct Sourced {
    /// The value.
    pub value: String,
    /// `--pool-id` or `COGNITO_USER_POOL_ID`.
    pub from: &'static str,
}

/// What a command needs before it can build a handle.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Needs {
    /// The pool id (SRP, admin commands); otherwise a region will do.
    pub pool_id: bool,
    /// The app client id.
    pub client_id: bool,
}

/// The run's settings and input.
pub(crate) struct Context {
    /// The pool id.
    pub pool_id: Option<Sourced>,
    /// The client id.
    pub client_id: Option<Sourced>,
    /// The client secret.
    pub client_secret: Option<SecretString>,
    /// `--region`.
    pub region: Option<String>,
    /// `--endpoint`.
    pub endpoint: Option<String>,
    /// The user pool domain: `--domain`, else `COGNITO_DOMAIN`.
    pub domain: Option<Sourced>,
    /// `--output`.
    pub output: Format,
    /// `--token-file`: where the tokens are read from and written to.
    pub token_file: Option<PathBuf>,
    /// The token file's tokens, once read.
    file_tokens: Option<Tokens>,
    /// Environment, terminal and standard input.
    pub input: Input,
    /// A transport for tests; the library's default otherwise.
    pub transport: Option<Arc<dyn Transport>>,
}

fn sourced(
    option: Option<String>,
    option_name: &'static str,
    input: &Input,
    var: &'static str,
) -> Option<Sourced> {
    match option {
        Some(value) => Some(Sourced {
            value,
            from: option_name,
        }),
        None => input.var(var).map(|value| Sourced { value, from: var }),
    }
}

impl Context {
    /// The settings: each option, else its variable.
    pub(crate) fn new(globals: Globals, input: Input) -> Self {
        Self {
            pool_id: sourced(globals.pool_id, "--pool-id", &input, "COGNITO_USER_POOL_ID"),
            client_id: sourced(
                globals.client_id,
                "--client-id",
                &input,
                "COGNITO_CLIENT_ID",
            ),
            client_secret: input.var("COGNITO_CLIENT_SECRET").map(SecretString::from),
            region: globals.region,
            endpoint: globals.endpoint,
            domain: sourced(globals.domain, "--domain", &input, "COGNITO_DOMAIN"),
            output: globals.output,
            token_file: globals.token_file,
            file_tokens: None,
            input,
            transport: None,
        }
    }

    /// A builder with the settings, after checking `needs`.
    ///
    /// # Errors
    ///
    /// A configuration failure naming the option and variable that set what
    /// is missing.
    pub(crate) fn builder(&self, needs: Needs) -> Result<CognitoBuilder, Failure> {
        if self.pool_id.is_none() && (needs.pool_id || self.region.is_none()) {
            let why = if needs.pool_id {
                "this command needs the user pool id"
            } else {
                "no region: the pool id's prefix names it"
            };
            return Err(Failure::config(format!(
                "{why}; pass --pool-id or set COGNITO_USER_POOL_ID{}",
                if needs.pool_id {
                    ""
                } else {
                    " (or pass --region)"
                }
            )));
        }
        if needs.client_id && self.client_id.is_none() {
            return Err(Failure::config(
                "this command needs the app client id; pass --client-id or set COGNITO_CLIENT_ID",
            ));
        }
        let env = Arc::clone(self.input.env());
        let mut b = Cognito::builder().environment(move |name| env(name));
        if let Some(p) = &self.pool_id {
            b = b.user_pool_id(p.value.clone());
        }
        if let Some(c) = &self.client_id {
            b = b.client_id(c.value.clone());
        }
        if let Some(s) = &self.client_secret {
            b = b.client_secret(s.clone());
        }
        if let Some(r) = &self.region {
            b = b.region(r.clone());
        }
        if let Some(e) = &self.endpoint {
            b = b.endpoint(e.clone());
        }
        if let Some(t) = &self.transport {
            b = b.shared_transport(Arc::clone(t));
        }
        Ok(b)
    }

    /// The tokens in `--token-file`, read once; `None` without the option.
    ///
    /// # Errors
    ///
    /// A configuration failure naming the file (missing, not the token JSON).
    pub(crate) fn file_tokens(&mut self) -> Result<Option<&Tokens>, Failure> {
        let Some(path) = &self.token_file else {
            return Ok(None);
        };
        if self.file_tokens.is_none() {
            self.file_tokens = Some(crate::token_file::read(path)?);
        }
        Ok(self.file_tokens.as_ref())
    }

    /// One token of `--token-file`; `None` without the option.
    ///
    /// # Errors
    ///
    /// A configuration failure when the file cannot be read or lacks the token.
    pub(crate) fn file_token(
        &mut self,
        member: TokenMember,
    ) -> Result<Option<SecretString>, Failure> {
        let Some(tokens) = self.file_tokens()? else {
            return Ok(None);
        };
        match member.pick(tokens) {
            Some(token) => Ok(Some(token.into())),
            None => {
                let path = self
                    .token_file
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                Err(Failure::config(format!(
                    "the token file {path} has no {}: sign in again with \
                     `cognito login USERNAME --token-file {path}`",
                    member.name()
                )))
            }
        }
    }

    /// A token: from `--token-file` when it is given (the option beats the
    /// variable), else `var`, a prompt or standard input (see
    /// [`Input::token`]).
    ///
    /// # Errors
    ///
    /// A configuration failure when none of them has it.
    pub(crate) fn token(
        &mut self,
        var: &str,
        member: TokenMember,
        what: &str,
    ) -> Result<SecretString, Failure> {
        match self.file_token(member)? {
            Some(token) => Ok(token),
            None => self.input.token(var, member, what),
        }
    }

    /// Writes `tokens` to `--token-file`, when it is given, and says so.
    ///
    /// # Errors
    ///
    /// A configuration failure naming the file when it cannot be written.
    pub(crate) fn write_token_file(
        &self,
        tokens: &Tokens,
    ) -> Result<Option<crate::output::Output>, Failure> {
        let Some(path) = &self.token_file else {
            return Ok(None);
        };
        crate::token_file::write(path, tokens)?;
        let shown = path.display().to_string();
        Ok(Some(crate::output::Output::with_text(
            serde_json::json!({ "TokenFile": shown }),
            format!("The tokens are in {shown} (readable by you only)."),
        )))
    }

    /// Builds the handle.
    ///
    /// # Errors
    ///
    /// A configuration failure naming where the bad value came from.
    pub(crate) fn build(&self, builder: CognitoBuilder) -> Result<Cognito, Failure> {
        builder.build().map_err(|e| {
            let endpoint = std::iter::successors(e.source(), |s| (*s).source())
                .find_map(|s| s.downcast_ref::<EndpointError>());
            let from = match endpoint {
                Some(EndpointError::InvalidPoolId { .. }) => {
                    self.pool_id.as_ref().map(|p| p.from.to_owned())
                }
                Some(EndpointError::InvalidRegion {
                    from: Setting::Region,
                    ..
                }) => Some("--region".to_owned()),
                Some(EndpointError::InvalidEndpoint {
                    from: Setting::Endpoint,
                    ..
                }) => Some("--endpoint".to_owned()),
                _ => None,
            };
            let text = crate::failure::chain(&e);
            match from {
                Some(from) => Failure::config(format!("{text} (set by {from})")),
                None => Failure::config(text),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::testing::input;

    fn context(globals: Globals, vars: &[(&str, &str)]) -> Context {
        Context::new(globals, input(vars, None, "").0)
    }

    #[test]
    fn options_override_variables() {
        let globals = Globals {
            pool_id: Some("eu-west-1_Opt".into()),
            ..Globals::default()
        };
        let c = context(
            globals,
            &[
                ("COGNITO_USER_POOL_ID", "us-east-1_Env"),
                ("COGNITO_CLIENT_ID", "cid"),
            ],
        );
        let p = c.pool_id.as_ref().unwrap();
        assert_eq!(
            (p.value.as_str(), p.from),
            ("eu-west-1_Opt", "--pool-id"),
            "pool id"
        );
        assert_eq!(
            c.client_id.as_ref().unwrap().from,
            "COGNITO_CLIENT_ID",
            "client id"
        );
        let h = c.build(c.builder(Needs::default()).unwrap()).unwrap();
        assert_eq!(h.region(), "eu-west-1", "region from the pool id");
    }

    #[test]
    fn aws_region_does_not_override_the_pool() {
        let c = context(
            Globals::default(),
            &[
                ("COGNITO_USER_POOL_ID", "us-east-1_Abc"),
                ("AWS_REGION", "eu-west-1"),
            ],
        );
        let h = c.build(c.builder(Needs::default()).unwrap()).unwrap();
        assert_eq!(h.region(), "us-east-1", "pool's region");
        assert_eq!(
            h.endpoint_url(),
            "https://cognito-idp.us-east-1.amazonaws.com",
            "url"
        );
    }

    #[test]
    fn missing_settings_name_option_and_variable() {
        let c = context(Globals::default(), &[]);
        let needs = Needs {
            pool_id: true,
            client_id: true,
        };
        let e = c.builder(needs).unwrap_err().to_string();
        assert!(
            e.contains("--pool-id") && e.contains("COGNITO_USER_POOL_ID"),
            "{e}"
        );
        let c = context(
            Globals::default(),
            &[("COGNITO_USER_POOL_ID", "us-east-1_Abc")],
        );
        let e = c.builder(needs).unwrap_err().to_string();
        assert!(
            e.contains("--client-id") && e.contains("COGNITO_CLIENT_ID"),
            "{e}"
        );
        let c = context(Globals::default(), &[("COGNITO_USER_POOL_ID", "bad pool")]);
        let e = c
            .build(c.builder(Needs::default()).unwrap())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("COGNITO_USER_POOL_ID"),
            "bad pool id names its source: {e}"
        );
    }
}
