//! `--token-file FILE`: the one place that reads and writes the token JSON
//! in a file (the shape `cognito login` prints, see `cognito::Tokens`).
//!
//! Writing is atomic and private: the JSON goes to a new file in the same
//! directory, created with mode 0600 on Unix before any byte is written,
//! flushed to disk, then renamed over `FILE`. A reader never sees half a
//! file, and the tokens are never readable by other users, whatever the
//! umask or the old file's mode. (`cognito login > tokens.json` makes a file
//! with the shell's umask, usually readable by everyone.)
//!
//! Messages name the file but never quote its content.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use cognito::Tokens;

use crate::failure::Failure;
use crate::output::{self, Format};

/// A token file is a few kilobytes; anything past this is not one.
const MAX_BYTES: u64 = 1 << 20;

/// The tokens in `path`.
///
/// # Errors
///
/// A configuration failure (exit 2) naming the file when it is missing or
/// unreadable, too big, not JSON, not the token JSON, or holds no token.
pub(crate) fn read(path: &Path) -> Result<Tokens, Failure> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => Failure::config(format!(
            "no token file {shown}: sign in with `cognito login USERNAME --token-file {shown}`"
        )),
        _ => Failure::config(format!("cannot read the token file {shown}: {e}")),
    })?;
    let mut text = String::new();
    file.take(MAX_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| match e.kind() {
            io::ErrorKind::InvalidData => Failure::config(format!(
                "the token file {shown} is not the token JSON (not UTF-8 text)"
            )),
            _ => Failure::config(format!("cannot read the token file {shown}: {e}")),
        })?;
    if text.len() as u64 > MAX_BYTES {
        return Err(Failure::config(format!(
            "the token file {shown} is not the token JSON (larger than {MAX_BYTES} bytes)"
        )));
    }
    let not_token_json = |what: &str| {
        Failure::config(format!(
            "the token file {shown} is not the token JSON ({what}); write it with \
             `cognito login USERNAME --token-file {shown}`"
        ))
    };
    // serde's own text may quote a value, and a value here may be a token:
    // say only what kind of problem and where.
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        not_token_json(&format!(
            "not JSON: line {} column {}",
            e.line(),
            e.column()
        ))
    })?;
    if !value.is_object() {
        return Err(not_token_json("not a JSON object"));
    }
    let tokens: Tokens =
        serde_json::from_value(value).map_err(|_| not_token_json("a member has the wrong type"))?;
    if tokens.id_token.is_none() && tokens.access_token.is_none() && tokens.refresh_token.is_none()
    {
        return Err(Failure::config(format!(
            "the token file {shown} is not the token JSON (no IdToken, AccessToken or \
             RefreshToken)"
        )));
    }
    Ok(tokens)
}

/// Writes `tokens` to `path` atomically, mode 0600 on Unix, in exactly the
/// JSON `cognito login` prints (refresh token included when present).
///
/// # Errors
///
/// A configuration failure (exit 2) naming the file when the directory
/// cannot take a new file or the rename fails; `path` is then unchanged.
pub(crate) fn write(path: &Path, tokens: &Tokens) -> Result<(), Failure> {
    let text = output::tokens(tokens, true).render(Format::Json);
    let fail = |e: io::Error| {
        Failure::config(format!(
            "cannot write the token file {}: {e}",
            path.display()
        ))
    };
    let (temp, mut file) = create_private(path).map_err(fail)?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&temp, path)
        });
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(fail(e));
    }
    sync_directory(path);
    Ok(())
}

/// The directory `path` is in (`.` for a bare file name).
fn directory(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// A new, empty file beside `path`, readable and writable by its owner only.
/// `create_new` refuses an existing name (or a planted symlink), so a few
/// names are tried.
fn create_private(path: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut last = io::Error::new(io::ErrorKind::AlreadyExists, "no free temporary name");
    for _ in 0..16 {
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(
            ".{}.{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let temp = directory(path).join(temp_name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// Makes the rename durable (best effort: some file systems refuse).
fn sync_directory(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(directory(path)) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory under the system's temporary directory, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir()
                .join(format!("cognito-token-file-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Self(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn tokens() -> Tokens {
        Tokens {
            id_token: Some("id.jwt.sig".into()),
            access_token: Some("access.jwt.sig".into()),
            refresh_token: Some("opaque-refresh".into()),
            expires_in: Some(3600),
            token_type: None,
            expires_at: None,
            username: Some("alice".into()),
        }
    }

    #[test]
    fn writes_what_login_prints_and_reads_it_back() {
        let dir = Scratch::new("roundtrip");
        let path = dir.0.join("tokens.json");
        write(&path, &tokens()).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            output::tokens(&tokens(), true).render(Format::Json),
            "login's JSON"
        );
        let back = read(&path).unwrap();
        assert_eq!(
            back,
            Tokens {
                token_type: Some("Bearer".into()),
                ..tokens()
            },
            "round trip"
        );
        assert_eq!(
            fs::read_dir(&dir.0).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private_even_over_a_readable_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = Scratch::new("mode");
        let path = dir.0.join("tokens.json");
        write(&path, &tokens()).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "new file: {mode:o}");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write(&path, &tokens()).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "replaced file: {mode:o}");
    }

    #[test]
    fn a_write_replaces_the_file_instead_of_writing_into_it() {
        let dir = Scratch::new("atomic");
        let path = dir.0.join("tokens.json");
        let old = "x".repeat(10_000);
        fs::write(&path, &old).unwrap();
        // A second name for the old file: an in-place write would change it too.
        let link = dir.0.join("old.json");
        fs::hard_link(&path, &link).unwrap();
        write(&path, &tokens()).unwrap();
        assert_eq!(
            fs::read_to_string(&link).unwrap(),
            old,
            "old file untouched"
        );
        assert!(read(&path).is_ok(), "new file whole");
        let names: Vec<_> = fs::read_dir(&dir.0)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    }

    #[test]
    fn a_failed_write_leaves_nothing_and_names_the_file() {
        let dir = Scratch::new("fail");
        let path = dir.0.join("missing-dir").join("tokens.json");
        let e = write(&path, &tokens()).unwrap_err();
        assert_eq!(e.exit_code(), 2, "usage-class failure");
        assert!(e.to_string().contains("missing-dir"), "{e}");
        assert_eq!(fs::read_dir(&dir.0).unwrap().count(), 0, "nothing left");
    }

    #[test]
    fn bad_files_get_clear_errors_that_quote_nothing() {
        let dir = Scratch::new("bad");
        let path = dir.0.join("tokens.json");
        let e = read(&path).unwrap_err().to_string();
        assert!(
            e.contains("no token file") && e.contains("tokens.json"),
            "{e}"
        );
        assert!(e.contains("cognito login"), "says how to make one: {e}");

        for (content, expected) in [
            ("not json at all", "not JSON"),
            ("{\"AccessToken\": \"abc\"", "not JSON"),
            ("{\"ExpiresIn\": \"eyJsecret.part\"}", "wrong type"),
            ("[\"eyJsecret.part\"]", "not a JSON object"),
            ("{\"Other\": 1}", "no IdToken, AccessToken or RefreshToken"),
        ] {
            fs::write(&path, content).unwrap();
            let f = read(&path).unwrap_err();
            assert_eq!(f.exit_code(), 2, "{content}");
            let e = f.to_string();
            assert!(e.contains("not the token JSON"), "{content}: {e}");
            assert!(e.contains(expected), "{content}: {e}");
            assert!(!e.contains("eyJsecret"), "content quoted: {e}");
        }

        fs::write(&path, vec![b' '; (MAX_BYTES + 1) as usize]).unwrap();
        let e = read(&path).unwrap_err().to_string();
        assert!(e.contains("larger than"), "{e}");
        fs::write(&path, [0xff, 0xfe, b'{']).unwrap();
        let e = read(&path).unwrap_err().to_string();
        assert!(e.contains("not UTF-8"), "{e}");
    }
}
