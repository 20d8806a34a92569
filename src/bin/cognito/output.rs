//! What a command prints: a JSON value for scripts (the default) or lines of
//! text for people, and the JSON shapes shared by several commands (tokens,
//! users, groups). Control characters in either form are escaped
//! ([`crate::escape`]): values come from Cognito and may hold terminal
//! escape sequences.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_json::{json, Map, Value};
use time::format_description::well_known::Rfc3339;

use cognito::{Group, Tokens, User};

use crate::escape::{escape, Style};

/// `--output`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Format {
    /// Pretty-printed JSON.
    #[default]
    Json,
    /// `Key: value` lines, or a command's own summary.
    Text,
}

/// A command's result.
#[derive(Debug)]
pub(crate) struct Output {
    /// The JSON value (also the source of the generic text form).
    pub json: Value,
    /// The JSON as printed, when members must keep their order.
    ordered: Option<String>,
    /// The text printed with `--output text`; `None` renders the JSON as lines.
    pub text: Option<String>,
}

impl Output {
    /// A result rendered generically in text mode.
    pub(crate) fn json(json: Value) -> Self {
        Self {
            json,
            ordered: None,
            text: None,
        }
    }

    /// A result with its own text form.
    pub(crate) fn with_text(json: Value, text: impl Into<String>) -> Self {
        Self {
            json,
            ordered: None,
            text: Some(text.into()),
        }
    }

    /// Text printed as it is in either format (a shell script).
    pub(crate) fn raw(text: String) -> Self {
        Self {
            json: Value::Null,
            ordered: Some(text.trim_end().to_owned()),
            text: Some(text),
        }
    }

    /// A result whose JSON members keep `value`'s declaration order.
    pub(crate) fn ordered<T: Serialize>(value: &T) -> Self {
        Self {
            json: serde_json::to_value(value).unwrap_or(Value::Null),
            ordered: serde_json::to_string_pretty(value).ok(),
            text: None,
        }
    }

    /// The output in `format`, ending with a newline, control characters
    /// escaped.
    pub(crate) fn render(&self, format: Format) -> String {
        match (format, &self.text) {
            (Format::Text, Some(text)) => {
                format!("{}\n", escape(text.trim_end(), Style::Lines))
            }
            (Format::Text, None) => {
                let mut out = String::new();
                text_lines(&mut out, &self.json, 0);
                escape(&out, Style::Lines).into_owned()
            }
            (Format::Json, _) => {
                let mut out = match &self.ordered {
                    Some(text) => text.clone(),
                    None => serde_json::to_string_pretty(&self.json)
                        .unwrap_or_else(|_| self.json.to_string()),
                };
                out.push('\n');
                escape(&out, Style::Json).into_owned()
            }
        }
    }
}

/// Renders JSON as indented `Key: value` lines.
fn text_lines(out: &mut String, value: &Value, depth: usize) {
    let pad = "  ".repeat(depth);
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let key = escape(key, Style::Value);
                match v {
                    Value::Object(m) if m.is_empty() => {}
                    Value::Array(a) if a.is_empty() => out.push_str(&format!("{pad}{key}: none\n")),
                    Value::Object(_) | Value::Array(_) => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        text_lines(out, v, depth + 1);
                    }
                    other => out.push_str(&format!("{pad}{key}: {}\n", scalar(other))),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if item.is_object() {
                    if i > 0 {
                        out.push('\n');
                    }
                    text_lines(out, item, depth);
                } else {
                    out.push_str(&format!("{pad}- {}\n", scalar(item)));
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => escape(s, Style::Value).into_owned(),
        Value::Null => "-".to_owned(),
        other => other.to_string(),
    }
}

/// The tokens in the library's token JSON (see [`Tokens`]): `IdToken`,
/// `AccessToken`, `RefreshToken`, `ExpiresIn`, `TokenType`, `ExpiresAt`,
/// `Username`, absent members left out. `RefreshToken` is left out when
/// `with_refresh` is false (`login` and `refresh` print it, `refresh` the one
/// it used when Cognito sent none); `TokenType` is `Bearer` when Cognito
/// named none. These (and `aws-credentials`' AWS keys) are the only secrets
/// the command line prints, and `--token-file` writes exactly this
/// (`token_file.rs`).
pub(crate) fn tokens(tokens: &Tokens, with_refresh: bool) -> Output {
    let mut shown = tokens.clone();
    if !with_refresh {
        shown.refresh_token = None;
    }
    shown.token_type.get_or_insert_with(|| "Bearer".to_owned());
    Output::ordered(&shown)
}

/// RFC 3339 in UTC; `None` for a time outside `time`'s range.
fn date(t: Option<SystemTime>) -> Option<String> {
    let nanos = match t?.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).ok()?,
        Err(before) => -i128::try_from(before.duration().as_nanos()).ok()?,
    };
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()?;
    t.format(&Rfc3339).ok()
}

/// A user: Username, UserStatus and Enabled where known, dates, and every
/// attribute as Cognito stores it (a string), `sub` and the verified flags
/// included.
pub(crate) fn user(u: &User) -> Value {
    let mut attributes = Map::new();
    if let Some(sub) = &u.sub {
        attributes.insert("sub".into(), Value::String(sub.clone()));
    }
    for (name, flag) in [
        ("email_verified", u.email_verified),
        ("phone_number_verified", u.phone_number_verified),
    ] {
        if let Some(flag) = flag {
            attributes.insert(name.into(), Value::String(flag.to_string()));
        }
    }
    for (name, value) in u.attributes.iter() {
        attributes.insert(name.to_owned(), Value::String(value.to_owned()));
    }
    let mut out = Map::new();
    out.insert("Username".into(), Value::String(u.username.clone()));
    let m = &u.metadata;
    if let Some(status) = &m.status {
        out.insert(
            "UserStatus".into(),
            Value::String(status.as_str().to_owned()),
        );
    }
    if let Some(enabled) = m.enabled {
        out.insert("Enabled".into(), Value::Bool(enabled));
    }
    if let Some(created) = date(m.created) {
        out.insert("UserCreateDate".into(), Value::String(created));
    }
    if let Some(modified) = date(m.modified) {
        out.insert("UserLastModifiedDate".into(), Value::String(modified));
    }
    out.insert("Attributes".into(), Value::Object(attributes));
    Value::Object(out)
}

/// A group's fields, Cognito's names.
pub(crate) fn group(g: &Group) -> Value {
    let mut out = Map::new();
    out.insert("GroupName".into(), json!(g.group_name));
    let optional = [
        ("Description", g.description.clone().map(Value::String)),
        ("Precedence", g.precedence.map(Value::from)),
        ("RoleArn", g.role_arn.clone().map(Value::String)),
        ("CreationDate", date(g.creation_date).map(Value::String)),
        (
            "LastModifiedDate",
            date(g.last_modified_date).map(Value::String),
        ),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            out.insert(key.into(), value);
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_renders_nested_values() {
        let out = Output::json(json!({
            "Username": "alice",
            "Enabled": true,
            "Attributes": {"email": "a@example.com"},
            "Groups": [],
        }));
        assert_eq!(
            out.render(Format::Text),
            "Attributes:\n  email: a@example.com\nEnabled: true\nGroups: none\nUsername: alice\n",
            "text form"
        );
        assert!(out.render(Format::Json).ends_with("}\n"), "json form");
    }

    #[test]
    fn tokens_keep_the_spec_order_and_hide_an_unrenewed_refresh_token() {
        let t = Tokens {
            id_token: Some("id".into()),
            access_token: Some("access".into()),
            refresh_token: Some("refresh".into()),
            token_type: None,
            expires_in: Some(60),
            expires_at: None,
            username: None,
        };
        let shown = tokens(&t, true).render(Format::Json);
        let order: Vec<usize> = [
            "IdToken",
            "AccessToken",
            "RefreshToken",
            "ExpiresIn",
            "TokenType",
        ]
        .iter()
        .map(|k| shown.find(k).unwrap_or(usize::MAX))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "order: {shown}");
        assert!(shown.contains("\"Bearer\""), "default token type: {shown}");
        let hidden = tokens(&t, false).render(Format::Json);
        assert!(!hidden.contains("refresh"), "no refresh token: {hidden}");
    }
}
