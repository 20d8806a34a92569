//! AWS credentials for the signed (admin) operations.
//!
//! Unsigned operations never look for credentials. A signed call asks the
//! handle's [`ProvideCredentials`] once, caches the answer until shortly
//! before it expires, and reports every place it looked when nothing was
//! found.
//!
//! The default chain ([`DefaultCredentials`]) follows botocore's order: keys
//! given to the builder; `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` /
//! `AWS_SESSION_TOKEN`; then, for the profile named by `AWS_PROFILE` (else
//! `default`) in the shared files: an assume-role profile (STS
//! `AssumeRole`), web identity (STS `AssumeRoleWithWebIdentity`), IAM
//! Identity Center (SSO), static keys from the credentials file,
//! `credential_process`, static keys from the config file; then container
//! credentials and EC2 instance metadata (IMDSv2).
//!
//! A `credential_process` runs with no standard input, its standard error
//! going to this process's (never into an error value), without the
//! [`PROCESS_REMOVED_VARIABLES`] in its environment. It is killed after
//! [`PROCESS_TIMEOUT`] or once it prints more than [`PROCESS_MAX_OUTPUT`];
//! credentials whose `Expiration` has passed are refused. The chain keeps
//! its cache lock while the helper runs (so concurrent first uses run it
//! once); the timeout bounds that wait.

mod assume_role;
mod chain;
mod container;
mod imds;
mod process;
pub(crate) mod profile;
mod sso;
pub(crate) mod sts;
mod web_identity;

pub use sts::{StsError, StsErrorCode};

pub use self::process::{PROCESS_MAX_OUTPUT, PROCESS_REMOVED_VARIABLES, PROCESS_TIMEOUT};

use std::error::Error as StdError;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use self::process::RunError;
use self::profile::{FileKind, Profile};
use crate::http::Transport;
use crate::SecretString;

/// Reads an environment variable; injectable so tests need no real environment.
type EnvLookup = dyn Fn(&str) -> Option<String> + Send + Sync;

/// Answers an MFA code for the device (`mfa_serial`) an assumed role needs.
type MfaCallback = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

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

/// The default credentials chain, in botocore's order: environment
/// variables, an assume-role profile, web identity, SSO, the shared
/// credentials file, `credential_process`, the config file, container
/// credentials, EC2 instance metadata. Reads variables and files through
/// injectable lookups and sends through an injectable [`Transport`], so
/// tests need no real environment.
///
/// What it finds is cached until 60 s before it expires; concurrent callers
/// wait for one renewal. When nothing is found, the error names every source
/// and why it did not apply; no secret is in it.
///
/// ```
/// use cognito::credentials::{DefaultCredentials, ProvideCredentials};
///
/// let chain = DefaultCredentials::with_lookup(|name| match name {
///     "AWS_ACCESS_KEY_ID" => Some("AKIDEXAMPLE".to_owned()),
///     "AWS_SECRET_ACCESS_KEY" => Some("secret".to_owned()),
///     _ => None,
/// })
/// // Asked only by an assume-role profile with mfa_serial.
/// .mfa_code(|_serial| Some("123456".to_owned()));
/// assert_eq!(chain.provide()?.access_key_id(), "AKIDEXAMPLE");
/// # Ok::<(), cognito::credentials::CredentialsError>(())
/// ```
pub struct DefaultCredentials {
    env: Box<EnvLookup>,
    process_timeout: Duration,
    process_max_output: usize,
    transport: Option<Arc<dyn Transport>>,
    default_transports: OnceLock<(Arc<dyn Transport>, Arc<dyn Transport>)>,
    mfa: Option<MfaCallback>,
    cache: Mutex<Option<AwsCredentials>>,
}

impl fmt::Debug for DefaultCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DefaultCredentials")
    }
}

/// The timeout of each phase of an instance or container metadata request
/// (botocore's `metadata_service_timeout`).
const METADATA_TIMEOUT: Duration = Duration::from_secs(1);

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
            transport: None,
            default_transports: OnceLock::new(),
            mfa: None,
            cache: Mutex::new(None),
        }
    }

    /// Sends STS, SSO, container and instance-metadata requests through
    /// `transport`. Defaults to a [`UreqTransport`](crate::UreqTransport),
    /// with 1 s timeouts and no proxy for the metadata endpoints. The
    /// handle's own transport is not used: give the handle a chain with
    /// [`CognitoBuilder::credentials_provider`](crate::CognitoBuilder::credentials_provider)
    /// to choose this one.
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Where an assume-role profile with `mfa_serial` gets its code: the
    /// callback gets the device's serial (or ARN) and returns the current
    /// code, or `None` to give up. No default: such a profile fails, saying
    /// so.
    pub fn mfa_code(
        mut self,
        callback: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.mfa = Some(Arc::new(callback));
        self
    }

    fn defaults(&self) -> &(Arc<dyn Transport>, Arc<dyn Transport>) {
        self.default_transports.get_or_init(|| {
            let metadata = crate::UreqTransport::builder()
                .connect_timeout(METADATA_TIMEOUT)
                .send_timeout(METADATA_TIMEOUT)
                .receive_timeout(METADATA_TIMEOUT)
                .proxy_from_env(false)
                .build();
            (Arc::new(crate::UreqTransport::new()), Arc::new(metadata))
        })
    }

    fn transport(&self) -> Arc<dyn Transport> {
        match &self.transport {
            Some(t) => Arc::clone(t),
            None => Arc::clone(&self.defaults().0),
        }
    }

    fn metadata_transport(&self) -> Arc<dyn Transport> {
        match &self.transport {
            Some(t) => Arc::clone(t),
            None => Arc::clone(&self.defaults().1),
        }
    }

    /// How long a `credential_process` may run before it is killed.
    /// Defaults to [`PROCESS_TIMEOUT`] (60 s).
    pub fn process_timeout(mut self, timeout: Duration) -> Self {
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
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let now = SystemTime::now();
        if let Some(creds) = cache.as_ref().filter(|c| !c.is_expired(now)) {
            return Ok(creds.clone());
        }
        let fresh = chain::resolve(self, now)?;
        *cache = Some(fresh.clone());
        Ok(fresh)
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
