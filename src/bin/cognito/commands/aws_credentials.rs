//! `cognito aws-credentials --identity-pool-id ID`: temporary AWS credentials
//! for the signed-in user (or a guest) from a Cognito identity pool, printed
//! in the `credential_process` JSON and nothing else, so an AWS profile can
//! run as the user:
//!
//! ```text
//! [profile cognito-user]
//! credential_process = cognito aws-credentials --identity-pool-id eu-west-1:… --token-file /home/alice/.cognito/tokens.json
//! ```
//!
//! Where the user comes from, the first that applies:
//!
//! | source | what |
//! |---|---|
//! | `--guest` | an unauthenticated identity, no tokens |
//! | `--token-file FILE` | the JSON `login --token-file` writes; renewed tokens are written back |
//! | `COGNITO_ID_TOKEN` | the id token, with `COGNITO_REFRESH_TOKEN` to renew it |
//! | `COGNITO_PASSWORD` | a sign-in as `login` does (SRP), as `--username` or `COGNITO_USERNAME` |
//!
//! An id token that expires within [`MARGIN`] is renewed first with the
//! refresh token. The identity-pool endpoint is `AWS_ENDPOINT_URL_COGNITO_IDENTITY`,
//! else `--endpoint`, else `AWS_ENDPOINT_URL`, else the region's. Nothing is
//! cached on disk besides the renewed tokens.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cognito::credentials::AwsCredentials;
use cognito::dangerous::decode_without_verification;
use cognito::endpoint::Setting;
use cognito::identity::{IdentityCredentials, IdentityCredentialsBuilder};
use cognito::{AuthResult, Cognito, Error, SecretString, Tokens};
use serde::Serialize;

use super::challenges::{self, Answers};
use crate::context::{Context, Needs};
use crate::failure::{chain, Failure, OnHandle};
use crate::output::Output;

/// How long before its `exp` an id token is renewed.
pub(crate) const MARGIN: Duration = Duration::from_secs(5 * 60);

/// At most this many challenges in one sign-in, as `login`.
const MAX_CHALLENGES: usize = 8;

/// `aws-credentials`' options.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// `--identity-pool-id` (else `COGNITO_IDENTITY_POOL_ID`).
    pub identity_pool_id: Option<String>,
    /// `--guest`.
    pub guest: bool,
    /// `--username` (else `COGNITO_USERNAME`), for a sign-in with `COGNITO_PASSWORD`.
    pub username: Option<String>,
    /// `--role-arn`: `CustomRoleArn`, or with `--basic-flow` the role STS
    /// assumes.
    pub role_arn: Option<String>,
    /// `--basic-flow`: GetOpenIdToken, then STS AssumeRoleWithWebIdentity.
    pub basic_flow: bool,
}

/// The `credential_process` JSON, members in the documented order.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ProcessCredentials<'a> {
    version: u8,
    access_key_id: &'a str,
    secret_access_key: &'a str,
    session_token: Option<&'a str>,
    expiration: String,
}

/// Prints the credentials of the user (or guest).
///
/// # Errors
///
/// Exit 1 when Cognito refuses (the identity pool, or the user pool while
/// signing in or renewing); 2 for missing settings, no token source, or an
/// unreachable endpoint; 3 for a sign-in challenge with no answer.
pub(super) fn aws_credentials(ctx: &mut Context, opts: &Options) -> Result<Output, Failure> {
    let pool_id = opts
        .identity_pool_id
        .clone()
        .or_else(|| ctx.input.var("COGNITO_IDENTITY_POOL_ID"))
        .ok_or_else(|| {
            Failure::config(
                "aws-credentials needs the identity pool id; pass --identity-pool-id or set \
                 COGNITO_IDENTITY_POOL_ID",
            )
        })?;
    let creds = if opts.guest {
        let mut builder = IdentityCredentials::guest(pool_id);
        if let Some(t) = &ctx.transport {
            let t = Arc::clone(t);
            builder = builder.transport(move |req| t.send(req));
        }
        fetch(ctx, builder, opts)?
    } else {
        let (handle, file) = signed_in(ctx, opts)?;
        let builder = IdentityCredentials::for_user(pool_id, &handle);
        let creds = fetch(ctx, builder, opts)?;
        if let Some(before) = file {
            write_back(ctx, &handle, before)?;
        }
        creds
    };
    process_json(&creds)
}

/// Whether `AWS_ENDPOINT_URL_COGNITO_IDENTITY` is in force (it beats `--endpoint`).
fn identity_env_endpoint(ctx: &Context) -> bool {
    let ignored = ctx
        .input
        .var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    !ignored
        && ctx
            .input
            .var(cognito::endpoint::ENV_ENDPOINT_URL_COGNITO_IDENTITY)
            .is_some_and(|v| !v.is_empty())
}

/// Builds the identity source with the run's settings and fetches once.
fn fetch(
    ctx: &Context,
    builder: IdentityCredentialsBuilder,
    opts: &Options,
) -> Result<AwsCredentials, Failure> {
    let env = Arc::clone(ctx.input.env());
    let mut builder = builder.environment(move |name| env(name));
    if let Some(endpoint) = &ctx.endpoint {
        if !identity_env_endpoint(ctx) {
            builder = builder.endpoint(endpoint.clone());
        }
    }
    match (&opts.role_arn, opts.basic_flow) {
        (Some(arn), true) => builder = builder.basic_flow(arn.clone()),
        (None, true) => {
            return Err(Failure::Usage {
                message: "--basic-flow needs --role-arn ARN: the role STS assumes".into(),
                command: Some("aws-credentials"),
            })
        }
        (Some(arn), false) => builder = builder.custom_role_arn(arn.clone()),
        (None, false) => {}
    }
    let aws = builder.build().map_err(|e| Failure::config(chain(&e)))?;
    aws.credentials().map_err(|e| identity_failure(e, &aws))
}

/// A library error from the identity pool, naming its endpoint.
fn identity_failure(e: Error, aws: &IdentityCredentials) -> Failure {
    let url = &aws.endpoint().url;
    let from = match aws.endpoint().custom_endpoint {
        Some(Setting::Endpoint) => "--endpoint".to_owned(),
        Some(other) => other.to_string(),
        None => "the identity pool id's region".to_owned(),
    };
    match &e {
        Error::Service(_) => Failure::Service(e.to_string()),
        Error::Transport(_) => Failure::config(format!(
            "cannot reach the identity pool at {url} (from {from}): {}",
            chain(&e)
        )),
        Error::Http(_) => Failure::Service(format!("{e} (from {url}, set by {from})")),
        Error::Config(_) | Error::InvalidArgument(_) => Failure::config(chain(&e)),
        _ => Failure::Service(format!("unusable reply: {}", chain(&e))),
    }
}

/// A handle holding the user's tokens, the id token valid for longer than
/// [`MARGIN`], and the token file's tokens as read (to write back renewed ones).
fn signed_in(ctx: &mut Context, opts: &Options) -> Result<(Cognito, Option<Tokens>), Failure> {
    let from_file = ctx.file_tokens()?.cloned();
    let env_id = ctx.input.var("COGNITO_ID_TOKEN").filter(|t| !t.is_empty());
    let password = ctx.input.var("COGNITO_PASSWORD");
    let needs = Needs {
        pool_id: true,
        client_id: from_file.is_none() && env_id.is_none(),
    };
    if from_file.is_none() && env_id.is_none() && password.is_none() {
        return Err(Failure::config(
            "aws-credentials needs the user's tokens: pass --guest, --token-file FILE (written by \
             `cognito login USERNAME --token-file FILE`), set COGNITO_ID_TOKEN (with \
             COGNITO_REFRESH_TOKEN to renew it), or set COGNITO_PASSWORD with --username or \
             COGNITO_USERNAME",
        ));
    }
    let builder = ctx
        .builder(needs)?
        .refresh_margin(MARGIN)
        // As `refresh`: the identity pool checks the token it is given.
        .verify_renewed_tokens(false);
    let handle = ctx.build(builder)?;
    let tokens = match (&from_file, env_id) {
        (Some(file), _) => file.clone(),
        (None, Some(id)) => Tokens {
            id_token: Some(id.into()),
            refresh_token: ctx
                .input
                .var("COGNITO_REFRESH_TOKEN")
                .filter(|t| !t.is_empty())
                .map(SecretString::from),
            ..Tokens::default()
        },
        (None, None) => {
            let username = opts
                .username
                .clone()
                .or_else(|| ctx.input.var("COGNITO_USERNAME"))
                .ok_or_else(|| {
                    Failure::config(
                        "signing in with COGNITO_PASSWORD needs the username: pass --username or \
                         set COGNITO_USERNAME",
                    )
                })?;
            let password = SecretString::from(password.unwrap_or_default());
            sign_in(ctx, &handle, &username, &password)?;
            return Ok((handle, None));
        }
    };
    if let Some(name) = &tokens.username {
        handle.set_username(name.clone());
    }
    handle.set_tokens(tokens);
    if id_token_expiring(&handle) {
        if handle.refresh_token().is_none() {
            return Err(Failure::config(
                "the id token has expired (or expires within 5 minutes) and there is no refresh \
                 token to renew it: sign in again with `cognito login USERNAME --token-file FILE`",
            ));
        }
        handle.renew_access_token().on(&handle)?;
    }
    Ok((handle, from_file))
}

/// Whether the handle's id token is missing, unreadable, or expires within [`MARGIN`].
fn id_token_expiring(handle: &Cognito) -> bool {
    let exp = handle
        .id_token()
        .and_then(|t| decode_without_verification(t.expose_secret()).ok())
        .and_then(|t| t.claims().exp)
        .and_then(|exp| u64::try_from(exp).ok())
        .and_then(|exp| UNIX_EPOCH.checked_add(Duration::from_secs(exp)));
    match exp {
        Some(exp) => SystemTime::now() + MARGIN >= exp,
        None => true,
    }
}

/// Signs in with SRP as `login` does, answering challenges from the
/// environment (or a terminal).
fn sign_in(
    ctx: &mut Context,
    handle: &Cognito,
    username: &str,
    password: &SecretString,
) -> Result<(), Failure> {
    handle.set_username(username);
    let mut step = handle.authenticate(password.expose_secret()).on(handle)?;
    let mut answers = Answers {
        mfa: None,
        attributes: &[],
        code_used: false,
        new_password_used: false,
    };
    for _ in 0..MAX_CHALLENGES {
        step = match step {
            AuthResult::Authenticated => return Ok(()),
            AuthResult::Challenge(c) => {
                challenges::answer(c, handle, &mut ctx.input, &mut answers)?
            }
        };
    }
    match step {
        AuthResult::Authenticated => Ok(()),
        AuthResult::Challenge(c) => Err(Failure::Challenge {
            name: c.name().to_owned(),
            hint: format!("still challenged after {MAX_CHALLENGES} answers; giving up"),
        }),
    }
}

/// Rewrites `--token-file` when the tokens were renewed, keeping the
/// refresh token and username it had when Cognito sent none.
fn write_back(ctx: &Context, handle: &Cognito, before: Tokens) -> Result<(), Failure> {
    let mut tokens = handle.tokens();
    if tokens == before {
        return Ok(());
    }
    if tokens.refresh_token.is_none() {
        tokens.refresh_token = before.refresh_token;
    }
    if tokens.username.is_none() {
        tokens.username = before.username;
    }
    match &ctx.token_file {
        Some(path) => crate::token_file::write(path, &tokens),
        None => Ok(()),
    }
}

/// The `credential_process` JSON: `Version` 1, the keys, and `Expiration` in
/// RFC 3339 UTC, whole seconds (rounded down).
fn process_json(creds: &AwsCredentials) -> Result<Output, Failure> {
    let expiration = creds
        .expires_at()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .ok_or_else(|| {
            Failure::Service("unusable reply: the credentials have no expiration".into())
        })?;
    let value = ProcessCredentials {
        version: 1,
        access_key_id: creds.access_key_id(),
        secret_access_key: creds.secret_access_key().expose_secret(),
        session_token: creds.session_token().map(SecretString::expose_secret),
        expiration,
    };
    let mut out = Output::ordered(&value);
    // The same JSON whatever --output says: an AWS SDK reads it.
    out.text = serde_json::to_string_pretty(&value).ok();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_json_has_the_documented_shape() {
        let at = UNIX_EPOCH + Duration::from_millis(1_796_407_200_750); // 2026-12-04T18:00:00.750Z
        let creds =
            AwsCredentials::new("ASIAEXAMPLE", "secret", Some("session".into())).with_expiry(at);
        let out = process_json(&creds).unwrap();
        let text = out.render(crate::output::Format::Json);
        assert_eq!(
            text,
            "{\n  \"Version\": 1,\n  \"AccessKeyId\": \"ASIAEXAMPLE\",\n  \"SecretAccessKey\": \"secret\",\n  \
             \"SessionToken\": \"session\",\n  \"Expiration\": \"2026-12-04T18:00:00Z\"\n}\n"
        );
        assert_eq!(
            out.render(crate::output::Format::Text),
            text,
            "text is the same JSON"
        );
        let none = AwsCredentials::new("A", "S", None);
        assert!(process_json(&none).is_err(), "no expiration");
    }
}
