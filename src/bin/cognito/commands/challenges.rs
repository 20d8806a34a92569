//! Answers to the challenges `login` can meet. Each answer comes from the
//! environment when it is set (`COGNITO_NEW_PASSWORD`, `COGNITO_MFA_CODE`,
//! `--mfa`, `--attr`), else from a person on the terminal; with neither, the
//! login stops with exit status 3 and the challenge's name on standard error.
//!
//! | challenge | without a terminal | on a terminal |
//! |---|---|---|
//! | `NEW_PASSWORD_REQUIRED` | `COGNITO_NEW_PASSWORD`, `--attr` for required attributes | asks (twice) and asks each missing attribute |
//! | `SMS_MFA`, `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`, `SMS_OTP` | `COGNITO_MFA_CODE` (used once) | asks for the code |
//! | `SELECT_MFA_TYPE` | `--mfa`, or the only option | asks which |
//! | `MFA_SETUP` | exit 3 | shows the secret and an `otpauth://` URI, asks for a code |
//! | others (`CUSTOM_CHALLENGE`, …) | exit 3 | exit 3 |

use cognito::{AuthResult, Challenge, Cognito};

use crate::failure::{Failure, OnHandle};
use crate::prompt::{Input, SecretSpec};

/// What the command line said about answering challenges.
pub(super) struct Answers<'a> {
    /// `--mfa`, as a wire name.
    pub mfa: Option<&'a str>,
    /// `--attr` pairs.
    pub attributes: &'a [(String, String)],
    /// Used once each, so a repeated challenge asks again (or stops).
    pub code_used: bool,
    /// As `code_used`, for the new password.
    pub new_password_used: bool,
}

const NEW_PASSWORD: SecretSpec<'static> = SecretSpec {
    var: "COGNITO_NEW_PASSWORD",
    prompt: "New password: ",
    what: "new password",
    confirm: true,
};

/// Answers one challenge and returns what Cognito said next.
///
/// # Errors
///
/// [`Failure::Challenge`] (exit 3) when there is no answer; the library's
/// errors otherwise.
pub(super) fn answer(
    challenge: Challenge,
    handle: &Cognito,
    input: &mut Input,
    answers: &mut Answers<'_>,
) -> Result<AuthResult, Failure> {
    let name = challenge.name().to_owned();
    let stuck = |hint: &str| Failure::Challenge {
        name: name.clone(),
        hint: hint.to_owned(),
    };
    match challenge {
        Challenge::NewPasswordRequired(c) => {
            input.say("Cognito asks for a new password.");
            let mut values: Vec<(String, String)> = answers.attributes.to_vec();
            let mut missing = Vec::new();
            for attr in c.required_attributes() {
                if values.iter().any(|(n, _)| *n == attr) {
                    continue;
                }
                match input.ask(&format!("{attr}: ")) {
                    Some(Ok(value)) => values.push((attr, value)),
                    Some(Err(e)) => return Err(Failure::config(format!("reading {attr}: {e}"))),
                    None => missing.push(attr),
                }
            }
            let password = match input
                .var(NEW_PASSWORD.var)
                .filter(|_| !answers.new_password_used)
            {
                Some(p) => Some(p.into()),
                None => input.ask_secret(&NEW_PASSWORD).transpose()?,
            };
            answers.new_password_used = true;
            let hint = match (&password, missing.is_empty()) {
                (None, true) => "set COGNITO_NEW_PASSWORD, or run on a terminal".to_owned(),
                (None, false) => format!(
                    "set COGNITO_NEW_PASSWORD and pass --attr NAME=VALUE for {}, or run on a terminal",
                    missing.join(", ")
                ),
                (Some(_), false) => format!(
                    "the pool requires {}: pass --attr NAME=VALUE for each, or run on a terminal",
                    missing.join(", ")
                ),
                (Some(_), true) => String::new(),
            };
            let Some(password) = password.filter(|_| hint.is_empty()) else {
                return Err(stuck(&hint));
            };
            let refs: Vec<(&str, &str)> = values
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            c.respond(password.expose_secret(), &refs).on(handle)
        }
        Challenge::SmsMfa(c)
        | Challenge::SoftwareTokenMfa(c)
        | Challenge::EmailOtp(c)
        | Challenge::SmsOtp(c) => {
            let to = c
                .destination()
                .map(|d| format!(" to {d}"))
                .unwrap_or_default();
            let prompt = match name.as_str() {
                "SOFTWARE_TOKEN_MFA" => "Code from your authenticator app: ".to_owned(),
                "EMAIL_OTP" => format!("Code sent by email{to}: "),
                _ => format!("Code sent by SMS{to}: "),
            };
            let code = match input.var("COGNITO_MFA_CODE").filter(|_| !answers.code_used) {
                Some(code) => code,
                None => match input.ask(&prompt) {
                    Some(answer) => {
                        answer.map_err(|e| Failure::config(format!("reading the code: {e}")))?
                    }
                    None => {
                        return Err(stuck(
                            "set COGNITO_MFA_CODE to the code, or run on a terminal",
                        ))
                    }
                },
            };
            answers.code_used = true;
            c.respond(code.trim()).on(handle)
        }
        Challenge::SelectMfaType(c) => {
            let options = c.options();
            let only = match options.as_slice() {
                [only] if answers.mfa.is_none() => Some(only.clone()),
                _ => None,
            };
            let choice = match (answers.mfa, only) {
                (Some(m), _) if options.is_empty() || options.iter().any(|o| o == m) => {
                    m.to_owned()
                }
                (_, Some(only)) => only,
                _ => match choose(input, &options)? {
                    Some(choice) => choice,
                    None => {
                        return Err(stuck(&format!(
                            "choose with --mfa sms|totp|email (offered: {})",
                            options.join(", ")
                        )))
                    }
                },
            };
            c.choose(&choice).on(handle)
        }
        Challenge::MfaSetup(mut c) => {
            let options = c.options();
            if !options.is_empty() && !options.iter().any(|o| o == "SOFTWARE_TOKEN_MFA") {
                return Err(stuck(&format!(
                    "this command sets up authenticator apps only; the pool offers {}",
                    options.join(", ")
                )));
            }
            if !input.interactive() {
                return Err(stuck(
                    "an authenticator app must be set up: run `cognito login` on a terminal",
                ));
            }
            let secret = c.associate_software_token().on(handle)?;
            let issuer = handle.user_pool_id().unwrap_or("Cognito");
            let account = handle.username().unwrap_or_default();
            input.say(&format!(
                "Set up an authenticator app with this secret:\n  {}\nor scan this URI as a QR code:\n  {}",
                secret.secret.expose_secret(),
                secret.otpauth_uri(issuer, &account)
            ));
            let code = match input.ask("Code from your authenticator app: ") {
                Some(answer) => {
                    answer.map_err(|e| Failure::config(format!("reading the code: {e}")))?
                }
                None => return Err(stuck("no terminal to read the code from")),
            };
            c.verify_software_token(code.trim(), Some("cognito command line"))
                .on(handle)
        }
        _ => Err(stuck("`cognito login` cannot answer this challenge")),
    }
}

/// Asks which option to take (by number or name); `None` without a terminal.
fn choose(input: &mut Input, options: &[String]) -> Result<Option<String>, Failure> {
    if !input.interactive() || options.is_empty() {
        return Ok(None);
    }
    let menu: Vec<String> = options
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{}) {o}", i + 1))
        .collect();
    for _ in 0..3 {
        let Some(answer) = input.ask(&format!("Choose the MFA ({}): ", menu.join(", "))) else {
            return Ok(None);
        };
        let answer = answer.map_err(|e| Failure::config(format!("reading the choice: {e}")))?;
        let answer = answer.trim();
        let picked = answer
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| options.get(i))
            .or_else(|| options.iter().find(|o| o.eq_ignore_ascii_case(answer)));
        if let Some(p) = picked {
            return Ok(Some(p.clone()));
        }
        input.say("Pick one of the numbers shown.");
    }
    Err(Failure::config("no MFA chosen after three attempts"))
}
