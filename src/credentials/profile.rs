//! The AWS shared config and credentials files, as botocore reads them.
//!
//! `~/.aws/credentials` (or `AWS_SHARED_CREDENTIALS_FILE`) has sections named
//! after profiles: `[default]`, `[dev]`. `~/.aws/config` (or `AWS_CONFIG_FILE`)
//! names them `[default]` and `[profile dev]`. Lines are `key = value`;
//! `#` and `;` start comments; an indented line continues a nested block
//! (`s3 =` sub-settings), which is skipped. Pure: the caller reads the files.

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
    parse_sections(text, |section| {
        section
            .strip_prefix("sso-session")
            .filter(|rest| rest.starts_with(char::is_whitespace))
            .map(|rest| rest.trim().to_owned())
    })
}

/// Parses the sections `name_of` names (it maps a header to a name, or
/// `None` to skip the section).
fn parse_sections(
    text: &str,
    name_of: impl Fn(&str) -> Option<String>,
) -> BTreeMap<String, Profile> {
    let mut profiles: BTreeMap<String, Profile> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut in_nested = false;
    for raw in text.lines() {
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let indented = raw.starts_with(' ') || raw.starts_with('\t');
        let line = line.trim();
        if line.starts_with('[') {
            in_nested = false;
            current = line
                .strip_prefix('[')
                .and_then(|l| l.strip_suffix(']'))
                .and_then(|name| name_of(name.trim()));
            if let Some(name) = &current {
                profiles.entry(name.clone()).or_default();
            }
            continue;
        }
        let Some(name) = &current else { continue };
        if indented && in_nested {
            continue;
        }
        if let Some((key, value)) = line.split_once('=') {
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            in_nested = value.is_empty();
            if !in_nested {
                if let Some(profile) = profiles.get_mut(name) {
                    profile.insert(key, value.to_owned());
                }
            }
        }
    }
    profiles
}

/// The profile a section header names, or `None` for other sections
/// (`[sso-session x]`, `[services x]`).
fn section_profile(section: &str, kind: FileKind) -> Option<String> {
    match kind {
        FileKind::Credentials => Some(section.to_owned()),
        FileKind::Config if section == "default" => Some("default".to_owned()),
        FileKind::Config => section
            .strip_prefix("profile")
            .filter(|rest| rest.starts_with(char::is_whitespace))
            .map(|rest| rest.trim().to_owned()),
    }
}

/// Drops a `#` or `;` comment that starts the line or follows whitespace.
fn strip_comment(line: &str) -> &str {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') || trimmed.starts_with(';') {
        return "";
    }
    let bytes = line.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if (*b == b'#' || *b == b';') && i > 0 && bytes[i - 1].is_ascii_whitespace() {
            return &line[..i];
        }
    }
    line
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
        assert_eq!(p["default"]["aws_secret_access_key"], "S1");
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
