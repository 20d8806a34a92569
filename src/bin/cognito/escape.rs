//! Control characters made visible before they reach a terminal.
//!
//! Attribute values, Cognito's error messages and other service text can
//! hold escape sequences (`ESC ]0;…BEL` retitles the window, `ESC [2J`
//! clears it, `U+009B` is a one-character CSI) and bidirectional overrides
//! that reorder what is shown. [`escape`] is the one function that turns
//! them into visible text; it is applied where the command line prints
//! (standard output in `main.rs` through [`crate::output::Output::render`],
//! standard error in `main.rs`, prompts in `prompt.rs`).

use std::borrow::Cow;
use std::fmt::Write as _;

/// What [`escape`] leaves alone and how it writes the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Text for people: line feeds and tabs are kept (the text's own
    /// layout), every other control character becomes `\u{1b}`.
    Lines,
    /// One value inside text: line feeds and tabs are escaped too, so a
    /// value cannot start a line of its own.
    Value,
    /// Serialized JSON: line feeds are kept (pretty-printing), the
    /// characters JSON leaves raw (DEL, C1, bidirectional controls) become
    /// `\u009b`, an escape inside a JSON string that keeps its value.
    Json,
}

/// Whether `c` must not reach a terminal raw.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with its control characters escaped per `style`; borrowed when
/// nothing needed escaping.
pub(crate) fn escape(text: &str, style: Style) -> Cow<'_, str> {
    let keep = |c: char| match style {
        Style::Lines => c == '\n' || c == '\t',
        Style::Value => false,
        Style::Json => c == '\n',
    };
    if !text.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !is_unsafe(c) || keep(c) {
            out.push(c);
        } else if style == Style::Json {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        let text = "Username: alice\n\temail: a@example.com é ✓";
        assert!(matches!(escape(text, Style::Lines), Cow::Borrowed(_)));
        assert!(matches!(escape("alice", Style::Value), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_become_visible() {
        let evil = "a\u{1b}]0;t\u{7}\u{1b}[2J\r\u{9b}1m\u{7f}\u{202e}b\nc\td";
        assert_eq!(
            escape(evil, Style::Lines),
            "a\\u{1b}]0;t\\u{7}\\u{1b}[2J\\u{d}\\u{9b}1m\\u{7f}\\u{202e}b\nc\td"
        );
        assert_eq!(escape("a\nb\tc", Style::Value), "a\\u{a}b\\u{9}c");
    }

    #[test]
    fn json_escapes_keep_the_value() {
        let value = "x\u{9b}y\u{7f}\u{202e}z";
        let json = serde_json::to_string_pretty(&serde_json::json!({ "v": value })).unwrap();
        assert!(
            json.contains('\u{9b}'),
            "serde_json leaves C1 raw: {json:?}"
        );
        let safe = escape(&json, Style::Json);
        assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{safe:?}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["v"], value, "same value");
    }
}
