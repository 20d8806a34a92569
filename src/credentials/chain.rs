//! The default chain, in botocore's order (`create_credential_resolver`):
//!
//! | # | source | when it applies |
//! |---|--------|-----------------|
//! | 1 | environment | `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (`AWS_SESSION_TOKEN`) |
//! | 2 | assume role | the profile has `role_arn` (and no `web_identity_token_file`) |
//! | 3 | web identity | `AWS_WEB_IDENTITY_TOKEN_FILE`, or the profile's `web_identity_token_file` |
//! | 4 | SSO | the profile has `sso_session` or `sso_start_url` |
//! | 5 | shared credentials file | static keys in `~/.aws/credentials` |
//! | 6 | `credential_process` | in either file's profile |
//! | 7 | config file | static keys in `~/.aws/config` |
//! | 8 | container | `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI` |
//! | 9 | instance metadata | unless `AWS_EC2_METADATA_DISABLED=true` |
//!
//! A source that does not apply is skipped with a reason; one that applies
//! and fails ends the chain with its error, which names the source (as
//! botocore raises). When none
//! applies, the error lists every source and why it was skipped. Profiles
//! for sources 2–4 and 6 are the two files merged, the credentials file
//! winning, as botocore's `full_config`.

use std::collections::BTreeMap;
use std::time::SystemTime;

use super::profile::{self, FileKind, Profile};
use super::{
    read_shared, run_credential_process, static_keys, AwsCredentials, CredentialsError,
    DefaultCredentials, MfaCallback, SharedFile,
};
use crate::http::Transport;
use crate::SecretString;

/// What a source found.
pub(crate) enum Attempt {
    /// Credentials.
    Found(AwsCredentials),
    /// The source does not apply; why (no secret in it).
    Skipped(String),
}

/// Everything a source reads: variables, files, transports, time, callback.
pub(crate) struct Ctx<'a> {
    env: &'a dyn Fn(&str) -> Option<String>,
    pub(crate) transport: &'a dyn Transport,
    pub(crate) metadata_transport: &'a dyn Transport,
    pub(crate) now: SystemTime,
    mfa: Option<&'a MfaCallback>,
    /// `credential_process`: how long it may run and print.
    process_limits: (std::time::Duration, usize),
    credentials_file: SharedFile,
    config_file: SharedFile,
    merged: BTreeMap<String, Profile>,
    sso_sessions: BTreeMap<String, Profile>,
}

impl Ctx<'_> {
    /// A non-empty variable.
    pub(crate) fn var(&self, name: &str) -> Option<String> {
        (self.env)(name).filter(|v| !v.is_empty())
    }

    pub(crate) fn home(&self) -> Option<String> {
        self.var("HOME").or_else(|| self.var("USERPROFILE"))
    }

    /// The profile `name`, both files merged (the credentials file wins).
    pub(crate) fn profile(&self, name: &str) -> Option<&Profile> {
        self.merged.get(name)
    }

    /// The `[sso-session NAME]` section of the config file.
    pub(crate) fn sso_session(&self, name: &str) -> Option<&Profile> {
        self.sso_sessions.get(name)
    }

    /// The region for STS: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's
    /// `region`, else `us-east-1`.
    pub(crate) fn region(&self, profile: Option<&Profile>) -> String {
        self.var("AWS_REGION")
            .or_else(|| self.var("AWS_DEFAULT_REGION"))
            .or_else(|| profile.and_then(|p| p.get("region")).cloned())
            .unwrap_or_else(|| super::sts::DEFAULT_REGION.to_owned())
    }

    /// botocore names sessions `botocore-session-<unix seconds>`.
    pub(crate) fn default_session_name(&self) -> String {
        let secs = self
            .now
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        format!("cognito-rs-session-{secs}")
    }

    pub(crate) fn mfa_code(&self, serial: &str) -> Result<SecretString, CredentialsError> {
        super::assume_role::ask_mfa(self.mfa, serial)
    }

    /// The sources a `source_profile` is resolved with (botocore's
    /// `ProfileProviderBuilder.providers`, environment ignored).
    pub(crate) fn profile_sources(&self, name: &str) -> Result<AwsCredentials, CredentialsError> {
        let mut tried = Vec::new();
        for source in [
            Source::WebIdentity,
            Source::Sso,
            Source::CredentialsFile,
            Source::Process,
            Source::ConfigFile,
        ] {
            match source.attempt(self, name, false)? {
                Attempt::Found(creds) => return Ok(creds),
                Attempt::Skipped(why) => tried.push(format!("{} ({why})", source.label())),
            }
        }
        Err(CredentialsError::new(format!("tried {}", tried.join("; "))))
    }
}

/// One source of the chain.
#[derive(Debug, Clone, Copy)]
enum Source {
    Environment,
    AssumeRole,
    WebIdentity,
    Sso,
    CredentialsFile,
    Process,
    ConfigFile,
    Container,
    InstanceMetadata,
}

impl Source {
    const CHAIN: [Source; 9] = [
        Source::Environment,
        Source::AssumeRole,
        Source::WebIdentity,
        Source::Sso,
        Source::CredentialsFile,
        Source::Process,
        Source::ConfigFile,
        Source::Container,
        Source::InstanceMetadata,
    ];

    fn label(self) -> &'static str {
        match self {
            Source::Environment => "environment",
            Source::AssumeRole => "assume role",
            Source::WebIdentity => "web identity",
            Source::Sso => "SSO",
            Source::CredentialsFile => "shared credentials file",
            Source::Process => "credential_process",
            Source::ConfigFile => "config file",
            Source::Container => "container",
            Source::InstanceMetadata => "instance metadata",
        }
    }

    fn attempt(
        self,
        ctx: &Ctx<'_>,
        name: &str,
        use_env: bool,
    ) -> Result<Attempt, CredentialsError> {
        match self {
            Source::Environment => environment(ctx),
            Source::AssumeRole => super::assume_role::provide(ctx, name),
            Source::WebIdentity => super::web_identity::provide(ctx, ctx.profile(name), use_env),
            Source::Sso => super::sso::provide(ctx, name),
            Source::CredentialsFile => file_keys(&ctx.credentials_file, name),
            Source::Process => process(ctx, name),
            Source::ConfigFile => file_keys(&ctx.config_file, name),
            Source::Container => super::container::provide(ctx),
            Source::InstanceMetadata => super::imds::provide(ctx),
        }
    }
}

/// Source 1: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`.
pub(crate) fn environment(ctx: &Ctx<'_>) -> Result<Attempt, CredentialsError> {
    if ctx.var("AWS_ACCESS_KEY_ID").is_none() {
        return Ok(Attempt::Skipped("AWS_ACCESS_KEY_ID is not set".to_owned()));
    }
    super::from_env(ctx.env).map(Attempt::Found)
}

fn file_keys(file: &SharedFile, name: &str) -> Result<Attempt, CredentialsError> {
    match (
        file.profiles.get(name).and_then(static_keys),
        file.describe(),
    ) {
        (Some(found), _) => found.map(Attempt::Found),
        (None, Some(place)) => Ok(Attempt::Skipped(format!(
            "no keys for profile {name:?} in {place}"
        ))),
        (None, None) => Ok(Attempt::Skipped(
            "no file: neither HOME nor USERPROFILE is set".to_owned(),
        )),
    }
}

fn process(ctx: &Ctx<'_>, name: &str) -> Result<Attempt, CredentialsError> {
    match ctx.profile(name).and_then(|p| p.get("credential_process")) {
        Some(command) => {
            let (timeout, max_output) = ctx.process_limits;
            run_credential_process(command, timeout, max_output).map(Attempt::Found)
        }
        None => Ok(Attempt::Skipped(format!(
            "profile {name:?} has no credential_process"
        ))),
    }
}

impl CredentialsError {
    /// This error as the cause of a new one saying what was being done.
    pub(crate) fn context(self, message: impl Into<String>) -> Self {
        Self::with_source(message, self)
    }
}

/// Runs the chain for `chain`'s variables, files and transports.
pub(crate) fn resolve(
    chain: &DefaultCredentials,
    now: SystemTime,
) -> Result<AwsCredentials, CredentialsError> {
    let env = |name: &str| (chain.env)(name);
    let credentials_file = read_shared(
        chain.shared_file("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
        FileKind::Credentials,
    );
    let config_path = chain.shared_file("AWS_CONFIG_FILE", "config");
    let sso_sessions = config_path
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .map(|text| profile::parse_sso_sessions(&text))
        .unwrap_or_default();
    let config_file = read_shared(config_path, FileKind::Config);
    let mut merged = config_file.profiles.clone();
    for (name, values) in &credentials_file.profiles {
        merged
            .entry(name.clone())
            .or_default()
            .extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    let transport = chain.transport();
    let metadata_transport = chain.metadata_transport();
    let ctx = Ctx {
        env: &env,
        transport: &*transport,
        metadata_transport: &*metadata_transport,
        now,
        mfa: chain.mfa.as_ref(),
        process_limits: (chain.process_timeout, chain.process_max_output),
        credentials_file,
        config_file,
        merged,
        sso_sessions,
    };
    let name = ctx
        .var("AWS_PROFILE")
        .or_else(|| ctx.var("AWS_DEFAULT_PROFILE"))
        .unwrap_or_else(|| "default".to_owned());
    let mut tried: Vec<String> = Vec::new();
    for source in Source::CHAIN {
        if matches!(source, Source::AssumeRole) && name != "default" && ctx.profile(&name).is_none()
        {
            return Err(CredentialsError::new(format!(
                "the AWS profile {name:?} does not exist; looked at {}",
                super::describe_files(&ctx.credentials_file, &ctx.config_file)
            )));
        }
        match source.attempt(&ctx, &name, true) {
            Ok(Attempt::Found(creds)) => return Ok(creds),
            Ok(Attempt::Skipped(why)) => tried.push(format!("{} ({why})", source.label())),
            Err(e) => return Err(e),
        }
    }
    Err(CredentialsError::new(format!(
        "no AWS credentials found for profile {name:?}; tried {}",
        tried.join("; ")
    )))
}
