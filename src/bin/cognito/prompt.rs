//! Where secrets and answers come from: the environment first, then a prompt
//! when standard input is a terminal (no echo for secrets), else standard
//! input, one line per secret. Never the command line.
//!
//! Standard input may also hold `cognito login`'s JSON output, the library's
//! token JSON (see `cognito::Tokens`), read with the library's serde; a token
//! is then taken from its `AccessToken`, `RefreshToken` or `IdToken` member,
//! so `cognito login alice | cognito whoami` works.

use std::io::{self, BufRead, Write};
use std::sync::Arc;

use cognito::{SecretString, Tokens};
use serde_json::Value;

use crate::escape::{escape, Style};
use crate::failure::Failure;

/// Reads an environment variable; empty values count as unset.
pub(crate) type Env = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The process environment.
pub(crate) fn process_env() -> Env {
    Arc::new(|name: &str| std::env::var(name).ok().filter(|v| !v.is_empty()))
}

/// A terminal to ask a person on.
pub(crate) trait Terminal {
    /// Asks without echo (passwords, tokens).
    fn hidden(&mut self, prompt: &str) -> io::Result<String>;
    /// Asks with echo (codes, choices, attribute values).
    fn line(&mut self, prompt: &str) -> io::Result<String>;
    /// Tells the person something (on standard error).
    fn say(&mut self, text: &str);
}

/// The real terminal: prompts on standard error (rpassword uses the tty),
/// answers from standard input.
pub(crate) struct Console;

/// Prompts and messages may quote Cognito (a code's destination, attribute
/// names): their control characters are escaped.
impl Terminal for Console {
    fn hidden(&mut self, prompt: &str) -> io::Result<String> {
        rpassword::prompt_password(escape(prompt, Style::Lines))
    }

    fn line(&mut self, prompt: &str) -> io::Result<String> {
        eprint!("{}", escape(prompt, Style::Lines));
        io::stderr().flush()?;
        let mut answer = String::new();
        io::stdin().lock().read_line(&mut answer)?;
        Ok(trim_newline(answer))
    }

    fn say(&mut self, text: &str) {
        eprintln!("{}", escape(text, Style::Lines));
    }
}

fn trim_newline(mut line: String) -> String {
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    line
}

/// A token in the token JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenMember {
    /// `IdToken`.
    Id,
    /// `AccessToken`.
    Access,
    /// `RefreshToken`.
    Refresh,
}

impl TokenMember {
    /// The member's name in the token JSON.
    pub(crate) fn name(self) -> &'static str {
        match self {
            TokenMember::Id => "IdToken",
            TokenMember::Access => "AccessToken",
            TokenMember::Refresh => "RefreshToken",
        }
    }

    /// The token from `tokens`, unless absent or empty.
    pub(crate) fn pick(self, tokens: &Tokens) -> Option<String> {
        let token = match self {
            TokenMember::Id => &tokens.id_token,
            TokenMember::Access => &tokens.access_token,
            TokenMember::Refresh => &tokens.refresh_token,
        };
        token
            .as_ref()
            .map(|t| t.expose_secret())
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    }
}

/// Standard input when it is not a terminal: lines, or `cognito login`'s JSON.
pub(crate) struct Piped {
    reader: Box<dyn BufRead>,
    login_json: Option<Tokens>,
}

impl Piped {
    /// Reads from `reader`.
    pub(crate) fn new(reader: Box<dyn BufRead>) -> Self {
        Self {
            reader,
            login_json: None,
        }
    }

    /// The next line, without its line ending; `None` at the end.
    fn next_line(&mut self) -> io::Result<Option<String>> {
        let mut line = String::new();
        match self.reader.read_line(&mut line)? {
            0 => Ok(None),
            _ => Ok(Some(trim_newline(line))),
        }
    }

    /// A token: a member of piped token JSON, or the next line.
    ///
    /// # Errors
    ///
    /// Reading failed, or the JSON is not the token JSON.
    fn token(&mut self, member: TokenMember) -> io::Result<Option<String>> {
        if self.login_json.is_none() {
            let Some(first) = self.next_line()? else {
                return Ok(None);
            };
            if !first.trim_start().starts_with('{') {
                let token = first.trim();
                return Ok((!token.is_empty()).then(|| token.to_owned()));
            }
            // Pretty-printed JSON spans lines: read until it parses.
            let mut text = first;
            loop {
                if let Ok(object @ Value::Object(_)) = serde_json::from_str::<Value>(&text) {
                    let tokens = serde_json::from_value::<Tokens>(object).map_err(|e| {
                        io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("standard input is not the token JSON: {e}"),
                        )
                    })?;
                    self.login_json = Some(tokens);
                    break;
                }
                match self.next_line()? {
                    Some(line) => {
                        text.push('\n');
                        text.push_str(&line);
                    }
                    None => return Ok(None),
                }
            }
        }
        Ok(self.login_json.as_ref().and_then(|t| member.pick(t)))
    }
}

/// Everything a command may read besides its arguments.
pub(crate) struct Input {
    env: Env,
    terminal: Option<Box<dyn Terminal>>,
    piped: Piped,
}

/// A secret to read.
pub(crate) struct SecretSpec<'a> {
    /// The environment variable that holds it.
    pub var: &'a str,
    /// The prompt on a terminal.
    pub prompt: &'a str,
    /// What it is, for messages ("password").
    pub what: &'a str,
    /// Ask twice on a terminal (a password being chosen).
    pub confirm: bool,
}

impl Input {
    /// Input from `env`, with a terminal when standard input is one, else `piped`.
    pub(crate) fn new(env: Env, terminal: Option<Box<dyn Terminal>>, piped: Piped) -> Self {
        Self {
            env,
            terminal,
            piped,
        }
    }

    /// The real process: its environment, and a terminal when standard input is one.
    pub(crate) fn from_process() -> Self {
        use std::io::IsTerminal;
        let terminal: Option<Box<dyn Terminal>> = if io::stdin().is_terminal() {
            Some(Box::new(Console))
        } else {
            None
        };
        let piped = Piped::new(Box::new(io::BufReader::new(io::stdin())));
        Self::new(process_env(), terminal, piped)
    }

    /// The environment lookup.
    pub(crate) fn env(&self) -> &Env {
        &self.env
    }

    /// An environment variable (empty counts as unset).
    pub(crate) fn var(&self, name: &str) -> Option<String> {
        (self.env)(name).filter(|v| !v.is_empty())
    }

    /// Whether a person can be asked.
    pub(crate) fn interactive(&self) -> bool {
        self.terminal.is_some()
    }

    /// A password: the environment, else the terminal, else a line of standard input.
    ///
    /// # Errors
    ///
    /// A configuration failure when none of them has it.
    pub(crate) fn password(&mut self, spec: &SecretSpec<'_>) -> Result<SecretString, Failure> {
        if let Some(value) = self.var(spec.var) {
            return Ok(value.into());
        }
        if let Some(terminal) = self.terminal.as_mut() {
            return ask_hidden(terminal.as_mut(), spec);
        }
        match self.piped.next_line() {
            Ok(Some(line)) if !line.is_empty() => Ok(line.into()),
            Ok(_) => Err(Failure::config(format!(
                "no {what}: set {var}, type it at the prompt on a terminal, or pipe it on \
                 standard input (one line)",
                what = spec.what,
                var = spec.var
            ))),
            Err(e) => Err(Failure::config(format!(
                "reading the {} failed: {e}",
                spec.what
            ))),
        }
    }

    /// A token: the environment, else the terminal (no echo), else standard
    /// input (the token on a line, or `member` of `cognito login`'s JSON).
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
        if let Some(value) = self.var(var) {
            return Ok(value.into());
        }
        if let Some(terminal) = self.terminal.as_mut() {
            let value = terminal
                .hidden(&format!("{what}: "))
                .map_err(|e| Failure::config(format!("reading the {what} failed: {e}")))?;
            let value = value.trim();
            if !value.is_empty() {
                return Ok(value.into());
            }
        } else {
            match self.piped.token(member) {
                Ok(Some(value)) => return Ok(value.into()),
                Ok(None) => {}
                Err(e) => return Err(Failure::config(format!("reading the {what} failed: {e}"))),
            }
        }
        Err(Failure::config(format!(
            "no {what}: use --token-file FILE, set {var}, or pipe it (or `cognito login`'s \
             output) on standard input"
        )))
    }

    /// A token from standard input only (no variable): the terminal (no
    /// echo), else a piped line or `member` of `cognito login`'s JSON.
    ///
    /// # Errors
    ///
    /// A configuration failure when standard input has none.
    pub(crate) fn stdin_token(
        &mut self,
        member: TokenMember,
        what: &str,
    ) -> Result<SecretString, Failure> {
        let read = match self.terminal.as_mut() {
            Some(t) => t.hidden(&format!("{what}: ")).map(Some),
            None => self.piped.token(member),
        };
        match read {
            Ok(Some(token)) if !token.trim().is_empty() => Ok(token.trim().into()),
            Ok(_) => Err(Failure::config(format!(
                "no {what}: pipe it (or `cognito login`'s output) on standard input, or use \
                 --token-file FILE"
            ))),
            Err(e) => Err(Failure::config(format!("reading the {what} failed: {e}"))),
        }
    }

    /// A token of `cognito login`'s JSON, if standard input held it.
    pub(crate) fn piped_member(&self, member: TokenMember) -> Option<String> {
        self.piped.login_json.as_ref().and_then(|t| member.pick(t))
    }

    /// `cognito login`'s JSON, if standard input held it (and a token was
    /// read from it).
    pub(crate) fn piped_tokens(&self) -> Option<&Tokens> {
        self.piped.login_json.as_ref()
    }

    /// Asks the person a question (echoed); `None` without a terminal.
    pub(crate) fn ask(&mut self, prompt: &str) -> Option<io::Result<String>> {
        self.terminal.as_mut().map(|t| t.line(prompt))
    }

    /// Asks for a secret without echo; `None` without a terminal.
    pub(crate) fn ask_secret(
        &mut self,
        spec: &SecretSpec<'_>,
    ) -> Option<Result<SecretString, Failure>> {
        self.terminal.as_mut().map(|t| ask_hidden(t.as_mut(), spec))
    }

    /// Tells the person something, when there is a terminal.
    pub(crate) fn say(&mut self, text: &str) {
        if let Some(t) = self.terminal.as_mut() {
            t.say(text);
        }
    }
}

/// Asks for a secret, twice when choosing one, up to three attempts.
fn ask_hidden(terminal: &mut dyn Terminal, spec: &SecretSpec<'_>) -> Result<SecretString, Failure> {
    let read = |t: &mut dyn Terminal, prompt: &str| {
        t.hidden(prompt)
            .map_err(|e| Failure::config(format!("reading the {} failed: {e}", spec.what)))
    };
    for _ in 0..3 {
        let first = read(terminal, spec.prompt)?;
        if first.is_empty() {
            terminal.say(&format!("The {} cannot be empty.", spec.what));
            continue;
        }
        if !spec.confirm {
            return Ok(first.into());
        }
        let again = read(terminal, &format!("Repeat {}: ", spec.what))?;
        if again == first {
            return Ok(first.into());
        }
        terminal.say("They do not match; try again.");
    }
    Err(Failure::config(format!(
        "no {} after three attempts",
        spec.what
    )))
}

/// A scripted terminal and input, for the command line's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use std::collections::VecDeque;
    use std::sync::Mutex;

    /// Answers in order; records prompts and messages.
    pub(crate) struct Scripted {
        pub answers: VecDeque<String>,
        pub transcript: Arc<Mutex<Vec<String>>>,
    }

    impl Terminal for Scripted {
        fn hidden(&mut self, prompt: &str) -> io::Result<String> {
            self.line(prompt)
        }

        fn line(&mut self, prompt: &str) -> io::Result<String> {
            self.transcript.lock().unwrap().push(prompt.to_owned());
            self.answers
                .pop_front()
                .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "no more answers"))
        }

        fn say(&mut self, text: &str) {
            self.transcript.lock().unwrap().push(text.to_owned());
        }
    }

    /// Input from `vars`, with a scripted terminal when `answers` is given,
    /// else `stdin` piped.
    pub(crate) fn input(
        vars: &[(&str, &str)],
        answers: Option<&[&str]>,
        stdin: &str,
    ) -> (Input, Arc<Mutex<Vec<String>>>) {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let env: Env = Arc::new(move |name: &str| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        });
        let transcript = Arc::new(Mutex::new(Vec::new()));
        let terminal = answers.map(|a| {
            Box::new(Scripted {
                answers: a.iter().map(|s| (*s).to_owned()).collect(),
                transcript: Arc::clone(&transcript),
            }) as Box<dyn Terminal>
        });
        let piped = Piped::new(Box::new(io::Cursor::new(stdin.as_bytes().to_vec())));
        (Input::new(env, terminal, piped), transcript)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::input;
    use super::*;

    const PASSWORD: SecretSpec<'static> = SecretSpec {
        var: "COGNITO_PASSWORD",
        prompt: "Password: ",
        what: "password",
        confirm: false,
    };

    #[test]
    fn password_sources_in_order() {
        let (mut i, _) = input(
            &[("COGNITO_PASSWORD", "from-env")],
            Some(&["typed"]),
            "piped\n",
        );
        assert_eq!(
            i.password(&PASSWORD).unwrap().expose_secret(),
            "from-env",
            "env first"
        );
        let (mut i, _) = input(&[], Some(&["typed"]), "piped\n");
        assert_eq!(
            i.password(&PASSWORD).unwrap().expose_secret(),
            "typed",
            "then terminal"
        );
        let (mut i, _) = input(&[], None, "piped line\r\nsecond\n");
        assert_eq!(
            i.password(&PASSWORD).unwrap().expose_secret(),
            "piped line",
            "then stdin"
        );
        let (mut i, _) = input(&[], None, "");
        let err = i.password(&PASSWORD).unwrap_err();
        assert_eq!(err.exit_code(), 2, "nothing anywhere");
        assert!(err.to_string().contains("COGNITO_PASSWORD"), "{err}");
    }

    #[test]
    fn a_chosen_password_is_asked_twice() {
        let spec = SecretSpec {
            confirm: true,
            ..PASSWORD
        };
        let (mut i, transcript) = input(&[], Some(&["a1", "b2", "c3", "c3"]), "");
        assert_eq!(
            i.password(&spec).unwrap().expose_secret(),
            "c3",
            "second attempt"
        );
        let t = transcript.lock().unwrap();
        assert!(t.iter().any(|l| l.contains("do not match")), "{t:?}");
        assert!(
            !t.iter().any(|l| l.contains("a1")),
            "no echo of secrets: {t:?}"
        );
    }

    #[test]
    fn tokens_from_a_line_or_login_json() {
        let (mut i, _) = input(&[], None, "  eyJ.token  \n");
        assert_eq!(
            i.token("COGNITO_ACCESS_TOKEN", TokenMember::Access, "access token")
                .unwrap()
                .expose_secret(),
            "eyJ.token",
            "a bare line"
        );
        let json = "{\n  \"AccessToken\": \"acc\",\n  \"RefreshToken\": \"ref\"\n}\n";
        let (mut i, _) = input(&[], None, json);
        assert_eq!(
            i.token(
                "COGNITO_REFRESH_TOKEN",
                TokenMember::Refresh,
                "refresh token"
            )
            .unwrap()
            .expose_secret(),
            "ref",
            "pretty JSON"
        );
        assert_eq!(
            i.piped_member(TokenMember::Access).as_deref(),
            Some("acc"),
            "other member"
        );
        let (mut i, _) = input(&[], None, "{\"IdToken\":\"x\"}");
        let err = i
            .token(
                "COGNITO_REFRESH_TOKEN",
                TokenMember::Refresh,
                "refresh token",
            )
            .unwrap_err();
        assert!(err.to_string().contains("COGNITO_REFRESH_TOKEN"), "{err}");
    }

    #[test]
    fn piped_json_is_read_as_the_library_token_json() {
        let json = "{\"AccessToken\": \"acc\", \"ExpiresAt\": \"2026-01-01T00:00:00Z\", \"Username\": \"alice\"}\n";
        let (mut i, _) = input(&[], None, json);
        assert_eq!(
            i.token("COGNITO_ACCESS_TOKEN", TokenMember::Access, "access token")
                .unwrap()
                .expose_secret(),
            "acc"
        );
        let tokens = i.piped_tokens().expect("the JSON was kept");
        assert_eq!(tokens.username.as_deref(), Some("alice"), "Username");
        assert!(tokens.expires_at.is_some(), "ExpiresAt parsed");
        let (mut i, _) = input(
            &[],
            None,
            "{\"AccessToken\": \"acc\", \"ExpiresAt\": \"soon\"}\n",
        );
        let err = i
            .token("COGNITO_ACCESS_TOKEN", TokenMember::Access, "access token")
            .unwrap_err();
        assert!(err.to_string().contains("not the token JSON"), "{err}");
        assert_eq!(err.exit_code(), 2, "a usage-class failure: {err}");
    }
}
