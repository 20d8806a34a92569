//! The command line: global options, the command table, and a parser that
//! turns arguments into a [`Cli`] value without touching the environment.
//!
//! Secrets never come in as arguments: the parser refuses `--password`,
//! `--client-secret`, `--code` and their kin by name, and the old positional
//! forms (`confirm-sign-up USER CODE`, `verify TOKEN`) as too many
//! arguments, with a pointer to the variable or input that takes the secret
//! instead. Its messages never repeat an argument's value (a stray positional
//! may be a password typed in the wrong place).

use std::ffi::OsString;
use std::path::PathBuf;

use cognito::jwt::TokenUse;
use lexopt::Arg;

use crate::help;
use crate::output::Format;

/// Options every command accepts; each falls back to an environment variable
/// later (see `context.rs`), so here they are only what the command line said.
#[derive(Debug, Default)]
pub(crate) struct Globals {
    /// `--pool-id`.
    pub pool_id: Option<String>,
    /// `--client-id`.
    pub client_id: Option<String>,
    /// `--region`.
    pub region: Option<String>,
    /// `--endpoint`.
    pub endpoint: Option<String>,
    /// `--domain`: the user pool domain (OAuth 2.0).
    pub domain: Option<String>,
    /// `--output`.
    pub output: Format,
    /// `--token-file`: not a global option but one of the commands that
    /// read or write tokens (their help lists it); kept here with the
    /// settings because every such command reads it the same way.
    pub token_file: Option<PathBuf>,
}

/// How `login` signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LoginFlow {
    /// `USER_SRP_AUTH`: the password never leaves the machine.
    Srp,
    /// `USER_PASSWORD_AUTH`: the password is sent (over TLS).
    Password,
    /// `ADMIN_USER_PASSWORD_AUTH`: signed with AWS credentials.
    Admin,
}

/// A shell `completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shell {
    /// bash (`complete -F`).
    Bash,
    /// zsh (`compdef`).
    Zsh,
    /// fish (`complete -c`).
    Fish,
}

/// A command and its arguments.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Command {
    /// `login [USERNAME] [--flow F] [--mfa M] [--attr N=V]...`
    Login {
        /// The username (or an alias such as the email); `COGNITO_USERNAME`
        /// when not given.
        username: Option<String>,
        /// The sign-in flow.
        flow: LoginFlow,
        /// The answer to `SELECT_MFA_TYPE`, as a wire name.
        mfa: Option<String>,
        /// Values for attributes `NEW_PASSWORD_REQUIRED` asks for.
        attributes: Vec<(String, String)>,
    },
    /// `sign-up USERNAME [--attr N=V]...`
    SignUp {
        /// The new user's name.
        username: String,
        /// Attributes.
        attributes: Vec<(String, String)>,
    },
    /// `confirm-sign-up USERNAME` (the code from `COGNITO_CODE` or a prompt)
    ConfirmSignUp {
        /// The user.
        username: String,
    },
    /// `forgot-password USERNAME`
    ForgotPassword {
        /// The user.
        username: String,
    },
    /// `confirm-forgot-password USERNAME` (the code from `COGNITO_CODE` or a prompt)
    ConfirmForgotPassword {
        /// The user.
        username: String,
    },
    /// `change-password`
    ChangePassword,
    /// `whoami`
    Whoami,
    /// `refresh [--username U]`
    Refresh {
        /// The Cognito username, for `SECRET_HASH` when the client has a secret.
        username: Option<String>,
    },
    /// `logout`
    Logout,
    /// `admin-get-user USERNAME`
    AdminGetUser {
        /// The user.
        username: String,
    },
    /// `admin-create-user USERNAME [--attr N=V]...`
    AdminCreateUser {
        /// The new user's name.
        username: String,
        /// Attributes.
        attributes: Vec<(String, String)>,
    },
    /// `admin-delete-user USERNAME`
    AdminDeleteUser {
        /// The user.
        username: String,
    },
    /// `admin-confirm-sign-up USERNAME`
    AdminConfirmSignUp {
        /// The user.
        username: String,
    },
    /// `list-users [--filter EXPR]`
    ListUsers {
        /// A ListUsers filter such as `email ^= "al"`.
        filter: Option<String>,
    },
    /// `groups USERNAME`
    Groups {
        /// The user.
        username: String,
    },
    /// `aws-credentials [--identity-pool-id ID] [--guest] [--username U] [--role-arn ARN]`
    AwsCredentials(crate::commands::aws_credentials::Options),
    /// `login --browser [--redirect-uri URL] [--no-open] [--scope S]... [--issuer ISS]... [--jwks URL_OR_FILE]`
    LoginBrowser(crate::commands::oauth::BrowserLogin),
    /// `token [--scope S]... [--issuer ISS]... [--jwks URL_OR_FILE]`
    Token(crate::commands::oauth::TokenOptions),
    /// `create-group GROUP [--description TEXT] [--precedence N]`
    CreateGroup {
        /// The group's name.
        group: String,
        /// `--description`.
        description: Option<String>,
        /// `--precedence`.
        precedence: Option<i32>,
    },
    /// `add-user-to-group USERNAME GROUP`
    AddUserToGroup {
        /// The user.
        username: String,
        /// The group.
        group: String,
    },
    /// `remove-user-from-group USERNAME GROUP`
    RemoveUserFromGroup {
        /// The user.
        username: String,
        /// The group.
        group: String,
    },
    /// `admin-set-user-password USERNAME [--temporary]` (the password from
    /// `COGNITO_NEW_PASSWORD` or a prompt)
    AdminSetUserPassword {
        /// The user.
        username: String,
        /// `--temporary`: the next sign-in asks for a new password.
        temporary: bool,
    },
    /// `admin-reset-user-password USERNAME`
    AdminResetUserPassword {
        /// The user.
        username: String,
    },
    /// `admin-disable-user USERNAME`
    AdminDisableUser {
        /// The user.
        username: String,
    },
    /// `admin-enable-user USERNAME`
    AdminEnableUser {
        /// The user.
        username: String,
    },
    /// `completions bash|zsh|fish`
    Completions {
        /// The shell.
        shell: Shell,
    },
    /// `verify [-] [--jwks URL_OR_FILE] [--issuer ISS]... [--token-use id|access] [--leeway SECONDS]`:
    /// the token from standard input (or `--token-file`), never an argument.
    Verify {
        /// `--jwks`: a URL (`http://`, `https://`) or a file.
        jwks: Option<String>,
        /// `--issuer`, each accepted.
        issuers: Vec<String>,
        /// `--token-use`.
        token_use: TokenUse,
        /// `--leeway`, in seconds.
        leeway: Option<u64>,
    },
}

/// A parsed command line.
#[derive(Debug)]
pub(crate) struct Cli {
    /// The global options.
    pub globals: Globals,
    /// The command.
    pub command: Command,
}

/// What the arguments ask for.
#[derive(Debug)]
pub(crate) enum Parsed {
    /// Run a command.
    Run(Box<Cli>),
    /// Print this help text and exit 0.
    Help(String),
    /// Print the version and exit 0.
    Version,
}

/// A usage error: the message (never containing an argument's value) and the
/// command it concerns, for the "see --help" hint.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct UsageError {
    /// What is wrong.
    pub message: String,
    /// The command, when one was named.
    pub command: Option<&'static str>,
}

impl UsageError {
    fn new(message: impl Into<String>, command: Option<&'static str>) -> Self {
        Self {
            message: message.into(),
            command,
        }
    }
}

/// Option names that would carry a secret: refused with a pointer to where
/// the secret comes from instead.
const SECRET_OPTIONS: &[(&str, &str)] = &[
    ("password", PASSWORD_SOURCES),
    ("new-password", PASSWORD_SOURCES),
    ("temporary-password", PASSWORD_SOURCES),
    ("old-password", PASSWORD_SOURCES),
    ("previous-password", PASSWORD_SOURCES),
    ("access-token", TOKEN_SOURCES),
    ("refresh-token", TOKEN_SOURCES),
    ("id-token", TOKEN_SOURCES),
    ("token", TOKEN_SOURCES),
    ("session", TOKEN_SOURCES),
    ("client-secret", CLIENT_SECRET_SOURCES),
    ("secret", CLIENT_SECRET_SOURCES),
    ("code", CODE_SOURCES),
    ("confirmation-code", CODE_SOURCES),
    ("mfa-code", CODE_SOURCES),
];

const PASSWORD_SOURCES: &str = "passwords are never taken as arguments: set COGNITO_PASSWORD \
     (COGNITO_NEW_PASSWORD for a new one), type it at the prompt, or pipe it on standard input";
const TOKEN_SOURCES: &str = "tokens are never taken as arguments: use --token-file FILE, set \
     COGNITO_ACCESS_TOKEN or COGNITO_REFRESH_TOKEN, or pipe it (or `cognito login`'s output) on \
     standard input";
const VERIFY_SOURCES: &str = "tokens are never taken as arguments: pipe the token (or `cognito \
     login`'s output) on standard input, or use --token-file FILE";
const CODE_SOURCES: &str =
    "codes are never taken as arguments: set COGNITO_CODE (COGNITO_MFA_CODE \
     for a sign-in's MFA code), type it at the prompt, or pipe it on standard input";
const CLIENT_SECRET_SOURCES: &str =
    "the client secret is never taken as an argument: set COGNITO_CLIENT_SECRET";

/// What the loop collects before the command is built.
#[derive(Default)]
struct Matches {
    positionals: Vec<String>,
    options: Vec<(&'static str, String)>,
}

impl Matches {
    fn last(&self, name: &str) -> Option<String> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.options
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// Parses the arguments (without the program name).
///
/// # Errors
///
/// A [`UsageError`] for anything the command table does not allow.
pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Parsed, UsageError> {
    let mut parser = lexopt::Parser::from_args(args);
    let mut globals = Globals::default();
    let mut spec: Option<&'static help::CommandSpec> = None;
    let mut matches = Matches::default();
    let mut help_requested = false;
    loop {
        let cmd = spec.map(|s| s.name);
        let arg = match parser.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => break,
            Err(e) => return Err(lexopt_error(e, cmd)),
        };
        match arg {
            Arg::Long("help") | Arg::Short('h') => help_requested = true,
            Arg::Long("version") | Arg::Short('V') => return Ok(Parsed::Version),
            Arg::Long(name) => {
                let name = name.to_owned();
                parse_long(&mut parser, &name, spec, &mut globals, &mut matches)?;
            }
            Arg::Short(c) => {
                return Err(UsageError::new(
                    format!("unknown option -{c}; options are spelled out, e.g. --pool-id"),
                    cmd,
                ))
            }
            Arg::Value(value) => {
                let value = value
                    .into_string()
                    .map_err(|_| UsageError::new("an argument is not valid UTF-8", cmd))?;
                match spec {
                    None if value == "help" => help_requested = true,
                    None if help_requested => {
                        return Ok(Parsed::Help(match help::find(&value) {
                            Some(s) => help::command_help(s),
                            None => help::overview(),
                        }))
                    }
                    None => {
                        spec = Some(help::find(&value).ok_or_else(|| {
                            UsageError::new(
                                format!(
                                    "unknown command {value:?}; run `cognito --help` for the list"
                                ),
                                None,
                            )
                        })?);
                    }
                    Some(s) => {
                        if matches.positionals.len() >= s.positionals.len() {
                            // Never quote the value: it may be a password.
                            return Err(UsageError::new(
                                format!(
                                    "too many arguments for {} (usage: {}); {}",
                                    s.name,
                                    s.usage,
                                    secret_hint(s)
                                ),
                                Some(s.name),
                            ));
                        }
                        matches.positionals.push(value);
                    }
                }
            }
        }
    }
    if help_requested {
        return Ok(Parsed::Help(match spec {
            Some(s) => help::command_help(s),
            None => help::overview(),
        }));
    }
    let Some(spec) = spec else {
        return Err(UsageError::new(
            "no command given; run `cognito --help` for the list",
            None,
        ));
    };
    let browser = spec.name == "login" && matches.last("browser").is_some();
    if browser && !matches.positionals.is_empty() {
        return Err(UsageError::new(
            "login --browser takes no USERNAME: the browser asks for it",
            Some(spec.name),
        ));
    }
    let required = spec
        .positionals
        .iter()
        .filter(|p| !p.starts_with('[') && !browser)
        .count();
    if matches.positionals.len() < required {
        let missing = spec.positionals[matches.positionals.len()..required].join(" ");
        return Err(UsageError::new(
            format!("{} needs {missing} (usage: {})", spec.name, spec.usage),
            Some(spec.name),
        ));
    }
    globals.token_file = matches.last("token-file").map(PathBuf::from);
    let command = build_command(spec, matches)?;
    Ok(Parsed::Run(Box::new(Cli { globals, command })))
}

fn secret_hint(spec: &help::CommandSpec) -> &'static str {
    match spec.name {
        "whoami" | "refresh" | "logout" | "change-password" => TOKEN_SOURCES,
        "verify" => VERIFY_SOURCES,
        "confirm-sign-up" | "confirm-forgot-password" => CODE_SOURCES,
        _ => PASSWORD_SOURCES,
    }
}

/// One `--name [value]`: a global, a command option, a refused secret, or unknown.
fn parse_long(
    parser: &mut lexopt::Parser,
    name: &str,
    spec: Option<&'static help::CommandSpec>,
    globals: &mut Globals,
    matches: &mut Matches,
) -> Result<(), UsageError> {
    let cmd = spec.map(|s| s.name);
    if let Some((_, why)) = SECRET_OPTIONS.iter().find(|(n, _)| *n == name) {
        return Err(UsageError::new(format!("--{name}: {why}"), cmd));
    }
    if let Some(global) = help::GLOBAL_OPTIONS.iter().find(|o| o.name == name) {
        let value = option_value(parser, global.name, cmd)?;
        match global.name {
            "pool-id" => globals.pool_id = Some(value),
            "client-id" => globals.client_id = Some(value),
            "region" => globals.region = Some(value),
            "endpoint" => globals.endpoint = Some(value),
            "domain" => globals.domain = Some(value),
            _ => {
                globals.output = match value.as_str() {
                    "json" => Format::Json,
                    "text" => Format::Text,
                    _ => return Err(UsageError::new("--output must be json or text", cmd)),
                }
            }
        }
        return Ok(());
    }
    let option = spec.and_then(|s| s.options.iter().find(|o| o.name == name));
    match option {
        // An option without a value placeholder is a flag, such as `--guest`
        // or `--temporary`; never `--temporary=VALUE`.
        Some(option) if option.value.is_empty() => {
            if parser.optional_value().is_some() {
                return Err(UsageError::new(format!("--{name} takes no value"), cmd));
            }
            matches.options.push((option.name, String::new()));
            Ok(())
        }
        Some(option) => {
            let value = option_value(parser, option.name, cmd)?;
            matches.options.push((option.name, value));
            Ok(())
        }
        None => Err(UsageError::new(
            match spec {
                Some(s) => format!("{} has no option --{name}", s.name),
                None => format!("unknown option --{name}"),
            },
            cmd,
        )),
    }
}

fn option_value(
    parser: &mut lexopt::Parser,
    name: &str,
    cmd: Option<&'static str>,
) -> Result<String, UsageError> {
    match parser.value() {
        Ok(v) => v
            .into_string()
            .map_err(|_| UsageError::new(format!("the value of --{name} is not UTF-8"), cmd)),
        Err(_) => Err(UsageError::new(format!("--{name} needs a value"), cmd)),
    }
}

/// lexopt's own messages quote values; these never do.
fn lexopt_error(e: lexopt::Error, cmd: Option<&'static str>) -> UsageError {
    let message = match e {
        lexopt::Error::UnexpectedValue { option, .. } => {
            format!("{option} takes no value")
        }
        lexopt::Error::MissingValue {
            option: Some(option),
        } => format!("{option} needs a value"),
        _ => "the arguments could not be read".to_owned(),
    };
    UsageError::new(message, cmd)
}

fn build_command(spec: &'static help::CommandSpec, m: Matches) -> Result<Command, UsageError> {
    let cmd = Some(spec.name);
    let mut pos = m.positionals.clone().into_iter();
    let mut next = || pos.next().unwrap_or_default();
    let attributes = || -> Result<Vec<(String, String)>, UsageError> {
        m.all("attr")
            .into_iter()
            .map(|pair| match pair.split_once('=') {
                Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
                _ => Err(UsageError::new("--attr needs NAME=VALUE", cmd)),
            })
            .collect()
    };
    Ok(match spec.name {
        "login" | "token" if spec.name == "token" || m.last("browser").is_some() => {
            crate::commands::oauth::command(
                spec.name,
                &m.all("scope"),
                |name| m.last(name),
                m.all("issuer"),
            )
            .map_err(|message| UsageError::new(message, cmd))?
        }
        "login" => Command::Login {
            username: m.positionals.first().cloned(),
            flow: match m.last("flow").as_deref() {
                None | Some("srp") => LoginFlow::Srp,
                Some("password") => LoginFlow::Password,
                Some("admin") => LoginFlow::Admin,
                Some(_) => {
                    return Err(UsageError::new(
                        "--flow must be srp, password or admin",
                        cmd,
                    ))
                }
            },
            mfa: match m.last("mfa").as_deref() {
                None => None,
                Some("sms") => Some("SMS_MFA".to_owned()),
                Some("totp") => Some("SOFTWARE_TOKEN_MFA".to_owned()),
                Some("email") => Some("EMAIL_OTP".to_owned()),
                Some(_) => return Err(UsageError::new("--mfa must be sms, totp or email", cmd)),
            },
            attributes: attributes()?,
        },
        "sign-up" => Command::SignUp {
            username: next(),
            attributes: attributes()?,
        },
        "confirm-sign-up" => Command::ConfirmSignUp { username: next() },
        "forgot-password" => Command::ForgotPassword { username: next() },
        "confirm-forgot-password" => Command::ConfirmForgotPassword { username: next() },
        "change-password" => Command::ChangePassword,
        "whoami" => Command::Whoami,
        "refresh" => Command::Refresh {
            username: m.last("username"),
        },
        "logout" => Command::Logout,
        "admin-get-user" => Command::AdminGetUser { username: next() },
        "admin-create-user" => Command::AdminCreateUser {
            username: next(),
            attributes: attributes()?,
        },
        "admin-delete-user" => Command::AdminDeleteUser { username: next() },
        "admin-confirm-sign-up" => Command::AdminConfirmSignUp { username: next() },
        "list-users" => Command::ListUsers {
            filter: m.last("filter"),
        },
        "aws-credentials" => Command::AwsCredentials(crate::commands::aws_credentials::Options {
            identity_pool_id: m.last("identity-pool-id"),
            guest: m.last("guest").is_some(),
            username: m.last("username"),
            role_arn: m.last("role-arn"),
            basic_flow: m.last("basic-flow").is_some(),
        }),
        "create-group" => Command::CreateGroup {
            group: next(),
            description: m.last("description"),
            precedence: match m.last("precedence") {
                None => None,
                Some(v) => Some(
                    v.parse()
                        .map_err(|_| UsageError::new("--precedence must be a whole number", cmd))?,
                ),
            },
        },
        "add-user-to-group" => Command::AddUserToGroup {
            username: next(),
            group: next(),
        },
        "remove-user-from-group" => Command::RemoveUserFromGroup {
            username: next(),
            group: next(),
        },
        "admin-set-user-password" => Command::AdminSetUserPassword {
            username: next(),
            temporary: m.last("temporary").is_some(),
        },
        "admin-reset-user-password" => Command::AdminResetUserPassword { username: next() },
        "admin-disable-user" => Command::AdminDisableUser { username: next() },
        "admin-enable-user" => Command::AdminEnableUser { username: next() },
        "completions" => Command::Completions {
            shell: match next().as_str() {
                "bash" => Shell::Bash,
                "zsh" => Shell::Zsh,
                "fish" => Shell::Fish,
                _ => return Err(UsageError::new("completions takes bash, zsh or fish", cmd)),
            },
        },
        "verify" if m.positionals.iter().any(|t| t != "-") => {
            // Never quote the value: it is a token.
            return Err(UsageError::new(
                format!("verify takes no TOKEN argument; {VERIFY_SOURCES}"),
                cmd,
            ));
        }
        "verify" => Command::Verify {
            jwks: m.last("jwks"),
            issuers: m.all("issuer"),
            token_use: match m.last("token-use").as_deref() {
                None | Some("access") => TokenUse::Access,
                Some("id") => TokenUse::Id,
                Some(_) => return Err(UsageError::new("--token-use must be id or access", cmd)),
            },
            leeway: match m.last("leeway") {
                None => None,
                Some(v) => Some(v.parse().map_err(|_| {
                    UsageError::new("--leeway must be a whole number of seconds", cmd)
                })?),
            },
        },
        _ => Command::Groups { username: next() },
    })
}
