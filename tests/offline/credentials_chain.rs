//! The default credentials chain against real files in a temporary folder and
//! a real `credential_process` script. Variables are injected, never read
//! from the test process's environment.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use cognito::credentials::{DefaultCredentials, ProvideCredentials};

struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("cognito-creds-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        Home { dir }
    }

    fn write(&self, file: &str, text: &str) -> &Self {
        std::fs::write(self.dir.join(".aws").join(file), text).unwrap();
        self
    }

    fn chain(&self, vars: &[(&str, &str)]) -> DefaultCredentials {
        let mut map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.insert("HOME".into(), self.dir.display().to_string());
        // No instance metadata: this machine may have an endpoint answering.
        map.entry("AWS_EC2_METADATA_DISABLED".into())
            .or_insert_with(|| "true".into());
        DefaultCredentials::with_lookup(move |name| map.get(name).cloned())
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn environment_wins() {
    let home = Home::new("env");
    home.write(
        "credentials",
        "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = S\n",
    );
    let c = home
        .chain(&[
            ("AWS_ACCESS_KEY_ID", "ENVKEY"),
            ("AWS_SECRET_ACCESS_KEY", "S"),
            ("AWS_SESSION_TOKEN", "T"),
        ])
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "ENVKEY");
    assert_eq!(c.session_token().map(|t| t.expose_secret()), Some("T"));
}

#[test]
fn credentials_file_then_config_file_with_profiles() {
    let home = Home::new("files");
    home.write(
        "credentials",
        "[default]\naws_access_key_id = DEFAULTKEY\naws_secret_access_key = S\n[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = S\naws_session_token = DEVTOKEN\n",
    )
    .write("config", "[profile cfg]\naws_access_key_id = CFGKEY\naws_secret_access_key = S\n");
    assert_eq!(
        home.chain(&[]).provide().unwrap().access_key_id(),
        "DEFAULTKEY"
    );
    let dev = home.chain(&[("AWS_PROFILE", "dev")]).provide().unwrap();
    assert_eq!(dev.access_key_id(), "DEVKEY");
    assert_eq!(
        dev.session_token().map(|t| t.expose_secret()),
        Some("DEVTOKEN")
    );
    assert_eq!(
        home.chain(&[("AWS_PROFILE", "cfg")])
            .provide()
            .unwrap()
            .access_key_id(),
        "CFGKEY"
    );
    let missing = home
        .chain(&[("AWS_PROFILE", "nope")])
        .provide()
        .unwrap_err()
        .to_string();
    assert!(missing.contains("\"nope\" does not exist"), "{missing}");
}

#[test]
fn explicit_file_variables() {
    let home = Home::new("vars");
    let other = home.dir.join("elsewhere");
    std::fs::write(
        &other,
        "[default]\naws_access_key_id = ELSEWHERE\naws_secret_access_key = S\n",
    )
    .unwrap();
    let c = home
        .chain(&[("AWS_SHARED_CREDENTIALS_FILE", other.to_str().unwrap())])
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "ELSEWHERE");
}

#[test]
fn nothing_found_names_where_it_looked() {
    let home = Home::new("none");
    let e = home.chain(&[]).provide().unwrap_err().to_string();
    assert!(e.contains("AWS_ACCESS_KEY_ID"), "{e}");
    assert!(e.contains(".aws/credentials (not found)"), "{e}");
    assert!(e.contains(".aws/config (not found)"), "{e}");
}

#[test]
fn role_sso_and_web_identity_profiles_are_used_and_say_what_is_missing() {
    // These were "not supported yet"; now each source applies and says
    // precisely what its profile lacks (tests/offline/credentials_sources.rs
    // has the working cases).
    let home = Home::new("unsupported");
    home.write(
        "config",
        "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = default\n[profile sso]\nsso_session = corp\n[profile web]\nweb_identity_token_file = /nonexistent/t\nrole_arn = r\n",
    );
    for (profile, want) in [
        (
            "role",
            "the source_profile \"default\" of the AWS profile \"role\" does not exist",
        ),
        (
            "sso",
            "SSO: the AWS profile \"sso\" names the sso-session \"corp\", which does not exist",
        ),
        (
            "web",
            "web identity: cannot read the token file /nonexistent/t",
        ),
    ] {
        let e = home
            .chain(&[("AWS_PROFILE", profile)])
            .provide()
            .unwrap_err()
            .to_string();
        assert_eq!(e, want, "{profile}");
    }
}

#[cfg(unix)]
#[test]
fn credential_process_runs_and_expiry_is_read() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new("process");
    let script = home.dir.join("helper.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"PROCKEY\", \"SecretAccessKey\": \"S\", \"SessionToken\": \"PT\", \"Expiration\": \"2031-05-06T07:08:09Z\"}'\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    home.write(
        "config",
        &format!(
            "[default]\ncredential_process = {} --flag 'two words'\n",
            script.display()
        ),
    );
    let c = home.chain(&[]).provide().unwrap();
    assert_eq!(c.access_key_id(), "PROCKEY");
    assert_eq!(
        c.expires_at(),
        Some(UNIX_EPOCH + Duration::from_secs(1_935_817_689))
    );

    let failing = home.dir.join("fail.sh");
    std::fs::write(
        &failing,
        "#!/bin/sh\necho 'token expired, run login' >&2\nexit 3\n",
    )
    .unwrap();
    std::fs::set_permissions(&failing, std::fs::Permissions::from_mode(0o755)).unwrap();
    home.write(
        "config",
        &format!("[default]\ncredential_process = {}\n", failing.display()),
    );
    let e = home.chain(&[]).provide().unwrap_err().to_string();
    // Its standard error goes to ours, never into the error value.
    assert!(!e.contains("token expired"), "{e}");
    assert!(
        e.ends_with("failed (exit status: 3); see its messages above"),
        "{e}"
    );
}
