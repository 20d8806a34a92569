//! The AWS shared config and credentials files, as botocore reads them.
//!
//! `~/.aws/credentials` (or `AWS_SHARED_CREDENTIALS_FILE`) has sections named
//! after profiles: `[default]`, `[dev]`. `~/.aws/config` (or `AWS_CONFIG_FILE`)
//! names them `[default]` and `[profile dev]`. Lines are `key = value`; a
//! line starting with `#` or `;` is a comment, but text after a value is
//! part of it, as botocore (configparser) reads it; nested blocks (`s3 =`
//! sub-settings) are skipped. Pure: the caller reads the files.

use std::collections::BTreeMap;

/// One profile's settings, keys lowercased.
pub(crate) type Profile = BTreeMap<String, String>;

/// Which file a text came from: they name sections differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `~/.aws/config`: `[default]` and `[profile NAME]`.
    Config,
    /// `~/.aws/credentials`: `[NAME]`.
    Credentials,
}

/// Parses a shared file into profiles by name. Malformed lines are skipped,
/// as botocore does with what it cannot read.
pub(crate) fn parse(text: &str, kind: FileKind) -> BTreeMap<String, Profile> {
    parse_sections(text, |name| section_profile(name, kind))
}

/// The `[sso-session NAME]` sections of the config file, by name.
pub(crate) fn parse_sso_sessions(text: &str) -> BTreeMap<String, Profile> {
    parse_sections(text, |section| prefixed(section, "sso-session"))
}

/// `[PREFIX NAME]` as botocore reads it: the header split into words as a
/// POSIX shell would (`shlex.split`), exactly two, the first `PREFIX`.
fn prefixed(section: &str, prefix: &str) -> Option<String> {
    if !section.starts_with(prefix) {
        return None;
    }
    match split_command(section).ok()?.as_slice() {
        [first, name] if first == prefix => Some(name.clone()),
        _ => None,
    }
}

/// One option being read: its key and its lines so far.
struct Pending {
    key: String,
    indent: usize,
    lines: Vec<String>,
}

/// Parses the sections `name_of` names (it maps a header to a name, or
/// `None` to skip the section), as Python's `configparser.RawConfigParser`
/// and botocore's `raw_config_parse` do: only whole-line comments (`#` or
/// `;` after optional indentation), so a value keeps any `#` or `;` text
/// after it; `=` or `:` separates key and value (the first one); a more
/// indented line continues the value (`a\nb`); a value whose first line is
/// empty and has more lines is a nested block (`s3 =` sub-settings), which is
/// dropped; an empty value is kept. A section seen again replaces the first,
/// as botocore's profile map does.
fn parse_sections(
    text: &str,
    name_of: impl Fn(&str) -> Option<String>,
) -> BTreeMap<String, Profile> {
    let mut profiles: BTreeMap<String, Profile> = BTreeMap::new();
    let mut current: Option<(Option<String>, Profile)> = None;
    let mut pending: Option<Pending> = None;
    let finish = |pending: &mut Option<Pending>,
                  section: &mut Option<(Option<String>, Profile)>| {
        if let (Some(p), Some((_, values))) = (pending.take(), section.as_mut()) {
            let value = p.lines.join("\n");
            let value = value.trim_end();
            if !value.starts_with('\n') {
                values.insert(p.key, value.to_owned());
            }
        }
    };
    let close = |section: Option<(Option<String>, Profile)>,
                 profiles: &mut BTreeMap<String, Profile>| {
        if let Some((Some(name), values)) = section {
            profiles.insert(name, values);
        }
    };
    for raw in text.lines() {
        let stripped = raw.trim();
        if stripped.starts_with('#') || stripped.starts_with(';') {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        if stripped.is_empty() {
            if let Some(p) = pending.as_mut() {
                p.lines.push(String::new());
            }
            continue;
        }
        if let Some(p) = pending.as_mut().filter(|p| indent > p.indent) {
            p.lines.push(stripped.to_owned());
            continue;
        }
        finish(&mut pending, &mut current);
        if let Some(header) = stripped
            .strip_prefix('[')
            .and_then(|rest| rest.rfind(']').map(|end| &rest[..end]))
            .filter(|h| !h.is_empty())
        {
            close(current.take(), &mut profiles);
            current = Some((name_of(header), Profile::new()));
            continue;
        }
        if current.is_none() {
            continue;
        }
        let Some(at) = stripped.find(['=', ':']) else {
            continue;
        };
        let key = stripped[..at].trim_end().to_lowercase();
        if key.is_empty() {
            continue;
        }
        let value = stripped[at + 1..].trim();
        pending = Some(Pending {
            key,
            indent,
            lines: vec![value.to_owned()],
        });
    }
    finish(&mut pending, &mut current);
    close(current, &mut profiles);
    profiles
}

/// The profile a section header names, or `None` for other sections
/// (`[sso-session x]`, `[services x]`, `[profilex]`).
fn section_profile(section: &str, kind: FileKind) -> Option<String> {
    match kind {
        FileKind::Credentials => Some(section.to_owned()),
        FileKind::Config if section.starts_with("profile") => prefixed(section, "profile"),
        FileKind::Config if section == "default" => Some("default".to_owned()),
        FileKind::Config => None,
    }
}

/// Splits a `credential_process` command line the way a POSIX shell would
/// split words (quotes and backslashes), without running a shell.
pub(crate) fn split_command(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => word.push(ch),
                        None => return Err("unclosed single quote".to_owned()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(ch @ ('"' | '\\' | '$' | '`')) => word.push(ch),
                            Some(ch) => {
                                word.push('\\');
                                word.push(ch);
                            }
                            None => return Err("unclosed double quote".to_owned()),
                        },
                        Some(ch) => word.push(ch),
                        None => return Err("unclosed double quote".to_owned()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(ch) = chars.next() {
                    word.push(ch);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    if words.is_empty() {
        return Err("empty command".to_owned());
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_file_sections() {
        let p = parse(
            "[default]\naws_access_key_id = AKID1\naws_secret_access_key=S1 ; comment\n\n# c\n[dev]\nAWS_ACCESS_KEY_ID = AKID2\n",
            FileKind::Credentials,
        );
        assert_eq!(p["default"]["aws_access_key_id"], "AKID1");
        // botocore keeps text after a value: only whole lines are comments.
        assert_eq!(p["default"]["aws_secret_access_key"], "S1 ; comment");
        assert_eq!(p["dev"]["aws_access_key_id"], "AKID2");
    }

    #[test]
    fn config_file_sections_and_nested_blocks() {
        let p = parse(
            "[default]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 10\ncredential_process = /bin/echo hi\n[profile dev]\nrole_arn = arn:aws:iam::1:role/x\n[sso-session s]\nsso_region = x\n[dev]\nignored = yes\n",
            FileKind::Config,
        );
        assert_eq!(p["default"]["region"], "us-east-1");
        assert!(!p["default"].contains_key("max_concurrent_requests"));
        assert_eq!(p["default"]["credential_process"], "/bin/echo hi");
        assert_eq!(p["dev"]["role_arn"], "arn:aws:iam::1:role/x");
        assert!(!p["dev"].contains_key("ignored"));
        assert_eq!(p.len(), 2);
    }

    /// The crate's parser against what botocore reads from the same files
    /// (fixtures/credentials/profiles/expected.json, written by
    /// scripts/gen/credential_profiles from the pinned botocore).
    #[test]
    fn same_profiles_as_botocore() {
        let expected: serde_json::Value = serde_json::from_str(include_str!(
            "../../fixtures/credentials/profiles/expected.json"
        ))
        .unwrap();
        let files = [
            (
                "config-edge.ini",
                include_str!("../../fixtures/credentials/profiles/config-edge.ini"),
                FileKind::Config,
            ),
            (
                "credentials-edge.ini",
                include_str!("../../fixtures/credentials/profiles/credentials-edge.ini"),
                FileKind::Credentials,
            ),
        ];
        assert_eq!(
            expected["files"].as_object().unwrap().len(),
            files.len(),
            "every fixture file is checked"
        );
        for (name, text, kind) in files {
            let want = &expected["files"][name];
            let profiles = serde_json::to_value(parse(text, kind)).unwrap();
            assert_eq!(profiles, want["profiles"], "{name}: profiles");
            let sessions = match kind {
                FileKind::Config => serde_json::to_value(parse_sso_sessions(text)).unwrap(),
                FileKind::Credentials => serde_json::json!({}),
            };
            assert_eq!(sessions, want["sso_sessions"], "{name}: sso-sessions");
        }
    }

    #[test]
    fn command_splitting() {
        assert_eq!(
            split_command(r#"/usr/bin/helper --profile "my dev" 'a b' c\ d"#).unwrap(),
            ["/usr/bin/helper", "--profile", "my dev", "a b", "c d"]
        );
        assert!(split_command("  ").is_err());
        assert!(split_command("x 'open").is_err());
    }
}
