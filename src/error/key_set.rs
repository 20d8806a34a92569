//! [`KeySetError`]: no key set could be had to verify tokens with.
//!
//! It lives beside [`Error`](crate::Error), not in the verifier that fetches
//! keys, so the root error type does not depend on the code that does HTTP.

use std::error::Error as StdError;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// No key set could be had: the file cannot be read, the fetch failed or
/// answered an error status, or the JSON is not a usable key set.
///
/// The message names the file or URL; the cause (an I/O error, a
/// [`TransportError`](crate::TransportError), a [`JwksError`](crate::jwks::JwksError))
/// comes through `source()`.
#[derive(Debug, Clone)]
pub struct KeySetError {
    message: String,
    source: Option<Arc<dyn StdError + Send + Sync>>,
}

impl KeySetError {
    /// The key set file at `path` could not be read.
    pub(crate) fn read(path: &Path, cause: std::io::Error) -> Self {
        Self::caused(
            format!("cannot read the key set file {}", path.display()),
            cause,
        )
    }

    /// The transport brought no reply from `url`.
    pub(crate) fn fetch(url: &str, cause: crate::http::TransportError) -> Self {
        Self::caused(format!("cannot fetch the key set from {url}"), cause)
    }

    /// `url` answered with a status other than 200.
    pub(crate) fn status(url: &str, status: u16) -> Self {
        Self {
            message: format!("the key set at {url} answered http status {status}"),
            source: None,
        }
    }

    /// The document from `from` (a path, a URL, "the given JSON") is not a
    /// usable key set.
    pub(crate) fn unusable(from: &str, cause: crate::tokens::jwks::JwksError) -> Self {
        Self::caused(format!("the key set from {from} is not usable"), cause)
    }

    fn caused(message: String, cause: impl StdError + Send + Sync + 'static) -> Self {
        Self {
            message,
            source: Some(Arc::new(cause)),
        }
    }
}

impl fmt::Display for KeySetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for KeySetError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}
