//! AWS credentials for the signed (admin) operations.
//!
//! Unsigned operations never look for credentials. A signed call asks the
//! handle's [`ProvideCredentials`] once, caches the answer until it expires,
//! and reports every place it looked when nothing was found.
//!
//! The default chain ([`DefaultCredentials`]) follows botocore's order for the
//! sources it supports: keys given to the builder; `AWS_ACCESS_KEY_ID` /
//! `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`; then the profile named by
//! `AWS_PROFILE` (else `default`) in the shared files: static keys from the
//! credentials file, then `credential_process`, then static keys from the
//! config file. A profile that needs `role_arn`, SSO or web identity is
//! reported as not supported yet. Instance and container credentials are not
//! read.
//!
//! A `credential_process` runs with no standard input, its standard error
//! going to this process's (never into an error value), without the
//! [`PROCESS_REMOVED_VARIABLES`] in its environment. It is killed after
//! [`PROCESS_TIMEOUT`] or once it prints more than [`PROCESS_MAX_OUTPUT`];
//! credentials whose `Expiration` has passed are refused. The handle keeps
//! its credentials lock while the helper runs (so concurrent first uses run
//! it once); the timeout bounds that wait.

mod process;
pub(crate) mod profile;

pub use self::process::{PROCESS_MAX_OUTPUT, PROCESS_REMOVED_VARIABLES, PROCESS_TIMEOUT};

use std::error::Error as StdError;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use self::process::RunError;
use self::profile::{FileKind, Profile};
use crate::SecretString;

/// Reads an environment variable; injectable so tests need no real environment.
type EnvLookup = dyn Fn(&str) -> Option<String> + Send + Sync;

/// An access key, its secret and an optional session token.
///
/// `Debug` shows the access key id only.
///
/// ```
/// use cognito::credentials::AwsCredentials;
///
/// let creds = AwsCredentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None);
/// assert!(!format!("{creds:?}").contains("wJalr"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AwsCredentials {
    access_key_id: String,
    secret_access_key: SecretString,
    session_token: Option<SecretString>,
    expires_at: Option<SystemTime>,
}

impl AwsCredentials {
    /// Static credentials.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<SecretString>,
        session_token: Option<SecretString>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expires_at: None,
        }
    }

    /// Marks the credentials as expiring at `at`; they are fetched again after.
    pub fn with_expiry(mut self, at: SystemTime) -> Self {
        self.expires_at = Some(at);
        self
    }

    /// The access key id (not a secret).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &SecretString {
        &self.secret_access_key
    }

    /// The session token, for temporary credentials.
    pub fn session_token(&self) -> Option<&SecretString> {
        self.session_token.as_ref()
    }

    /// When the credentials expire, if they do.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Whether the credentials are expired at `now` (with a 60 s margin).
    pub fn is_expired(&self, now: SystemTime) -> bool {
        match self.expires_at {
            Some(at) => now + std::time::Duration::from_secs(60) >= at,
            None => false,
        }
    }
}

impl fmt::Debug for AwsCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &self.secret_access_key)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "[redacted]"),
            )
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// No credentials could be found for a signed call.
///
/// The message says where the provider looked, or which step failed; an
/// underlying error (a `credential_process` that cannot start, output that
/// is not JSON) comes through `source()`.
#[derive(Debug, Clone)]
pub struct CredentialsError {
    message: String,
    source: Option<Arc<dyn StdError + Send + Sync>>,
}

impl CredentialsError {
    /// An error with a message saying what was tried.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    /// An error caused by `source`: `message` says what was being done, not
    /// what `source` says.
    pub fn with_source(
        message: impl Into<String>,
        source: impl StdError + Send + Sync + 'static,
    ) -> Self {
        Self {
            message: message.into(),
            source: Some(Arc::new(source)),
        }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for CredentialsError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// A source of AWS credentials for signed operations.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Returns credentials.
    ///
    /// # Errors
    ///
    /// A [`CredentialsError`] naming where the provider looked.
    fn provide(&self) -> Result<AwsCredentials, CredentialsError>;
}

impl ProvideCredentials for AwsCredentials {
    fn provide(&self) -> Result<AwsCredentials, CredentialsError> {
        Ok(self.clone())
    }
}

/// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`
/// through an injectable lookup (the process environment by default).
pub struct EnvCredentials {
    lookup: Box<EnvLookup>,
}

impl EnvCredentials {
    /// Reads the process environment.
    pub fn new() -> Self {
        Self::with_lookup(|name| std::env::var(name).ok())
    }

    /// Reads variables through `lookup` (for tests).
    pub fn with_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self {
            lookup: Box::new(lookup),
        }
    }
}

impl Default for EnvCredentials {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for EnvCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvCredentials")
    }
}

impl ProvideCredentials for EnvCredentials {
    fn provide(&self) -> Result<AwsCredentials, CredentialsError> {
        from_env(&*self.lookup)
    }
}

/// Static keys from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
/// `AWS_SESSION_TOKEN`, read through `lookup`.
fn from_env(lookup: &dyn Fn(&str) -> Option<String>) -> Result<AwsCredentials, CredentialsError> {
    let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
    match (get("AWS_ACCESS_KEY_ID"), get("AWS_SECRET_ACCESS_KEY")) {
        (Some(id), Some(secret)) => Ok(AwsCredentials::new(
            id,
            secret,
            get("AWS_SESSION_TOKEN").map(SecretString::from),
        )),
        (Some(_), None) => Err(CredentialsError::new(
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
        )),
        _ => Err(CredentialsError::new(
            "no AWS credentials: none given to the builder and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set",
        )),
    }
}

/// The default credentials chain: environment variables, then the shared
/// config and credentials files (static keys, session tokens,
/// `credential_process`). Reads variables and files through injectable
/// lookups so tests need no real environment.
pub struct DefaultCredentials {
    env: Box<EnvLookup>,
    process_timeout: std::time::Duration,
    process_max_output: usize,
}

impl fmt::Debug for DefaultCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DefaultCredentials")
    }
}

impl Default for DefaultCredentials {
    fn default() -> Self {
        Self::new()
    }
}

impl DefaultCredentials {
    /// Reads the process environment and the files it points to.
    pub fn new() -> Self {
        Self::with_lookup(|name| std::env::var(name).ok())
    }

    /// Reads variables through `lookup` (for tests); files are still read
    /// from the paths the variables give.
    pub fn with_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        Self {
            env: Box::new(lookup),
            process_timeout: PROCESS_TIMEOUT,
            process_max_output: PROCESS_MAX_OUTPUT,
        }
    }

    /// How long a `credential_process` may run before it is killed.
    /// Defaults to [`PROCESS_TIMEOUT`] (60 s).
    pub fn process_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.process_timeout = timeout;
        self
    }

    /// The most a `credential_process` may print before it is killed.
    /// Defaults to [`PROCESS_MAX_OUTPUT`] (1 MiB).
    pub fn process_max_output(mut self, bytes: usize) -> Self {
        self.process_max_output = bytes;
        self
    }

    fn var(&self, name: &str) -> Option<String> {
        (self.env)(name).filter(|v| !v.is_empty())
    }

    fn shared_file(&self, variable: &str, default_name: &str) -> Option<PathBuf> {
        if let Some(path) = self.var(variable) {
            return Some(expand_home(&path, self.home()));
        }
        self.home()
            .map(|home| PathBuf::from(home).join(".aws").join(default_name))
    }

    fn home(&self) -> Option<String> {
        self.var("HOME").or_else(|| self.var("USERPROFILE"))
    }
}

fn expand_home(path: &str, home: Option<String>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// A shared file as read: its path and profiles (empty when it is missing).
struct SharedFile {
    path: Option<PathBuf>,
    found: bool,
    profiles: std::collections::BTreeMap<String, Profile>,
}

fn read_shared(path: Option<PathBuf>, kind: FileKind) -> SharedFile {
    let text = path.as_ref().and_then(|p| std::fs::read_to_string(p).ok());
    SharedFile {
        found: text.is_some(),
        profiles: text.map(|t| profile::parse(&t, kind)).unwrap_or_default(),
        path,
    }
}

impl SharedFile {
    fn describe(&self) -> Option<String> {
        let path = self.path.as_ref()?;
        Some(if self.found {
            path.display().to_string()
        } else {
            format!("{} (not found)", path.display())
        })
    }
}

/// Where the profile was looked for: both files, or what could not be
/// located without a home directory.
fn describe_files(credentials: &SharedFile, config: &SharedFile) -> String {
    match (credentials.describe(), config.describe()) {
        (Some(a), Some(b)) => format!("{a} and {b}"),
        (Some(a), None) => format!("{a} (no config file: no home directory)"),
        (None, Some(b)) => format!("{b} (no credentials file: no home directory)"),
        (None, None) => "no shared file (neither HOME nor USERPROFILE is set)".to_owned(),
    }
}

impl ProvideCredentials for DefaultCredentials {
    fn provide(&self) -> Result<AwsCredentials, CredentialsError> {
        match from_env(&*self.env) {
            Ok(creds) => return Ok(creds),
            Err(e) if self.var("AWS_ACCESS_KEY_ID").is_some() => return Err(e),
            Err(_) => {}
        }
        let name = self
            .var("AWS_PROFILE")
            .or_else(|| self.var("AWS_DEFAULT_PROFILE"))
            .unwrap_or_else(|| "default".to_owned());
        let credentials_file = read_shared(
            self.shared_file("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
            FileKind::Credentials,
        );
        let config_file = read_shared(
            self.shared_file("AWS_CONFIG_FILE", "config"),
            FileKind::Config,
        );
        let from_credentials = credentials_file.profiles.get(&name);
        let from_config = config_file.profiles.get(&name);
        let looked = format!(
            "explicit keys (none given), AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, and profile {name:?} in {}",
            describe_files(&credentials_file, &config_file)
        );
        if from_credentials.is_none() && from_config.is_none() {
            if name != "default" {
                return Err(CredentialsError::new(format!(
                    "the AWS profile {name:?} does not exist; looked at {looked}"
                )));
            }
            return Err(CredentialsError::new(format!(
                "no AWS credentials found; looked at {looked}"
            )));
        }
        for profile in [from_credentials, from_config].into_iter().flatten() {
            if let Some(kind) = unsupported(profile) {
                return Err(CredentialsError::new(format!(
                    "the AWS profile {name:?} uses {kind}, which is not supported yet; use credential_process"
                )));
            }
        }
        if let Some(creds) = from_credentials.and_then(static_keys) {
            return creds;
        }
        if let Some(command) = [from_credentials, from_config]
            .into_iter()
            .flatten()
            .find_map(|p| p.get("credential_process"))
        {
            return run_credential_process(command, self.process_timeout, self.process_max_output);
        }
        if let Some(creds) = from_config.and_then(static_keys) {
            return creds;
        }
        Err(CredentialsError::new(format!(
            "the AWS profile {name:?} has no credentials; looked at {looked}"
        )))
    }
}

/// The kind of source a profile needs that this crate does not support.
fn unsupported(profile: &Profile) -> Option<&'static str> {
    if profile.contains_key("role_arn") {
        Some("role_arn (assume role)")
    } else if profile.contains_key("sso_session") || profile.contains_key("sso_start_url") {
        Some("SSO")
    } else if profile.contains_key("web_identity_token_file") {
        Some("web identity")
    } else {
        None
    }
}

fn static_keys(profile: &Profile) -> Option<Result<AwsCredentials, CredentialsError>> {
    let id = profile.get("aws_access_key_id").filter(|v| !v.is_empty());
    let secret = profile
        .get("aws_secret_access_key")
        .filter(|v| !v.is_empty());
    match (id, secret) {
        (Some(id), Some(secret)) => Some(Ok(AwsCredentials::new(
            id.clone(),
            secret.as_str(),
            profile
                .get("aws_session_token")
                .filter(|v| !v.is_empty())
                .map(|t| SecretString::from(t.as_str())),
        ))),
        (Some(_), None) => Some(Err(CredentialsError::new(
            "aws_access_key_id is set in the profile but aws_secret_access_key is not",
        ))),
        _ => None,
    }
}

/// Runs a `credential_process` command and reads its JSON (version 1):
/// `AccessKeyId`, `SecretAccessKey`, optional `SessionToken` and `Expiration`.
fn run_credential_process(
    command: &str,
    timeout: std::time::Duration,
    max_output: usize,
) -> Result<AwsCredentials, CredentialsError> {
    let words = profile::split_command(command).map_err(|why| {
        CredentialsError::new(format!(
            "credential_process cannot be split into words: {why}"
        ))
    })?;
    let (program, args) = words
        .split_first()
        .ok_or_else(|| CredentialsError::new("credential_process is an empty command"))?;
    let stdout = process::run_bounded(program, args, timeout, max_output).map_err(|e| match e {
        RunError::Start(e) => {
            CredentialsError::with_source(format!("cannot start credential_process {program:?}"), e)
        }
        RunError::Read(e) => CredentialsError::with_source(
            format!("cannot read the output of credential_process {program:?}"),
            e,
        ),
        RunError::Timeout(limit) => CredentialsError::new(format!(
            "credential_process {program:?} did not finish within {limit:?} and was stopped"
        )),
        RunError::TooLarge(cap) => CredentialsError::new(format!(
            "credential_process {program:?} printed more than {cap} bytes and was stopped"
        )),
        // Its standard error went to ours; it is not copied here, where
        // it could carry a secret into a log.
        RunError::Failed(status) => CredentialsError::new(format!(
            "credential_process {program:?} failed ({status}); see its messages above"
        )),
    })?;
    parse_process_output(&stdout, SystemTime::now()).map_err(|e| {
        CredentialsError::with_source(
            format!("cannot read the output of credential_process {program:?}"),
            e,
        )
    })
}

/// The error inside a `time` parse error, so a chain does not print it twice.
fn unwrap_parse(e: time::error::Parse) -> Box<dyn StdError + Send + Sync> {
    match e {
        time::error::Parse::TryFromParsed(inner) => Box::new(inner),
        time::error::Parse::ParseFromDescription(inner) => Box::new(inner),
        other => Box::new(other),
    }
}

/// Why a `credential_process`'s output gave no credentials.
#[derive(Debug)]
enum ProcessOutputError {
    /// The output is not JSON.
    NotJson(serde_json::Error),
    /// `Version` is missing or not 1.
    Version(Option<u64>),
    /// A required member is missing or not a string.
    Missing(&'static str),
    /// `Expiration` is not an RFC 3339 time. Holds the error inside
    /// `time::error::Parse`, which shows its inner error's text and also
    /// returns it from `source()`.
    Expiration(String, Box<dyn StdError + Send + Sync>),
    /// `Expiration` is a valid time this platform's `SystemTime` cannot hold.
    ExpirationRange(String),
    /// `Expiration` has passed.
    Expired(String),
}

impl fmt::Display for ProcessOutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotJson(_) => f.write_str("not JSON"),
            Self::Version(Some(v)) => write!(f, "unsupported Version {v}; expected 1"),
            Self::Version(None) => f.write_str("no Version; expected 1"),
            Self::Missing(member) => write!(f, "no {member}"),
            Self::Expiration(value, _) => write!(f, "Expiration {value:?} is not RFC 3339"),
            Self::ExpirationRange(value) => write!(f, "Expiration {value:?} is out of range"),
            Self::Expired(value) => write!(f, "the credentials expired at {value}"),
        }
    }
}

impl StdError for ProcessOutputError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Self::NotJson(e) => Some(e),
            Self::Expiration(_, e) => Some(&**e),
            Self::Version(_) | Self::Missing(_) | Self::ExpirationRange(_) | Self::Expired(_) => {
                None
            }
        }
    }
}

/// Reads a `credential_process`'s output at `now`: credentials already
/// expired at `now` are refused.
fn parse_process_output(
    stdout: &[u8],
    now: SystemTime,
) -> Result<AwsCredentials, ProcessOutputError> {
    let value: serde_json::Value =
        serde_json::from_slice(stdout).map_err(ProcessOutputError::NotJson)?;
    let text = |key: &str| value.get(key).and_then(serde_json::Value::as_str);
    match value.get("Version").and_then(serde_json::Value::as_u64) {
        Some(1) => {}
        other => return Err(ProcessOutputError::Version(other)),
    }
    let id = text("AccessKeyId").ok_or(ProcessOutputError::Missing("AccessKeyId"))?;
    let secret = text("SecretAccessKey").ok_or(ProcessOutputError::Missing("SecretAccessKey"))?;
    let mut creds = AwsCredentials::new(id, secret, text("SessionToken").map(SecretString::from));
    if let Some(expiration) = text("Expiration") {
        let at =
            time::OffsetDateTime::parse(expiration, &time::format_description::well_known::Rfc3339)
                .map_err(|e| {
                    ProcessOutputError::Expiration(expiration.to_owned(), unwrap_parse(e))
                })?;
        let at = crate::clock::from_unix_nanos(at.unix_timestamp_nanos())
            .ok_or_else(|| ProcessOutputError::ExpirationRange(expiration.to_owned()))?;
        if at <= now {
            return Err(ProcessOutputError::Expired(expiration.to_owned()));
        }
        creds = creds.with_expiry(at);
    }
    Ok(creds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secret_and_token() {
        let c = AwsCredentials::new("AKID", "SECRETKEY", Some("TOKENVALUE".into()));
        let text = format!("{c:?}");
        assert!(text.contains("AKID"));
        assert!(
            !text.contains("SECRETKEY") && !text.contains("TOKENVALUE"),
            "{text}"
        );
    }

    #[test]
    fn env_provider_reads_injected_variables() {
        let env = EnvCredentials::with_lookup(|n| match n {
            "AWS_ACCESS_KEY_ID" => Some("AKID".into()),
            "AWS_SECRET_ACCESS_KEY" => Some("S".into()),
            _ => None,
        });
        let c = env.provide().unwrap();
        assert_eq!(c.access_key_id(), "AKID");
        assert!(c.session_token().is_none());
        let none = EnvCredentials::with_lookup(|_| None).provide().unwrap_err();
        assert!(none.to_string().contains("AWS_ACCESS_KEY_ID"), "{none}");
    }

    #[test]
    fn process_output() {
        let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        let c = parse_process_output(
            br#"{"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"S","SessionToken":"T","Expiration":"2030-01-02T03:04:05Z"}"#,
            now,
        )
        .unwrap();
        assert_eq!(c.access_key_id(), "AKID");
        assert_eq!(
            c.expires_at(),
            Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_893_553_445))
        );
        assert!(parse_process_output(br#"{"Version":2}"#, now).is_err());
        assert!(parse_process_output(b"not json", now).is_err());
        assert!(parse_process_output(br#"{"Version":1,"AccessKeyId":"A"}"#, now).is_err());
        // Expired at `now` (and before) is refused.
        let at = |secs| std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        let out = br#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2030-01-02T03:04:05Z"}"#;
        assert!(parse_process_output(out, at(1_893_553_444)).is_ok());
        for later in [1_893_553_445, 1_893_553_446] {
            let e = parse_process_output(out, at(later)).unwrap_err();
            assert_eq!(
                e.to_string(),
                "the credentials expired at 2030-01-02T03:04:05Z"
            );
        }
    }
}
