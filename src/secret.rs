//! Secret values: passwords, tokens, client secrets, codes and keys.
//!
//! A [`SecretString`] serializes and deserializes as a plain JSON string, so it
//! can sit inside wire types, but its `Debug` prints `[redacted]` and it has no
//! `Display`. The value is reachable only through [`SecretString::expose_secret`],
//! a name meant to be easy to find in review.
//!
//! Dropping a `SecretString` overwrites its buffer with zeros (the `zeroize`
//! crate's volatile writes, which the compiler cannot remove). Copies made
//! before, such as a request body the value was serialized into and handed
//! to the transport, or a `String` the caller passed in and kept, are not
//! wiped by this.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string that must not leak into logs: its `Debug` is `[redacted]`.
///
/// ```
/// use cognito::SecretString;
///
/// let password = SecretString::new("Passw0rd!");
/// assert_eq!(format!("{password:?}"), "[redacted]");
/// assert_eq!(password.expose_secret(), "Passw0rd!");
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself. Every use of this is a place where the secret leaves
    /// its wrapper; keep them few.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Whether the value is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Drop for SecretString {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl Serialize for SecretString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SecretString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = SecretString::new("hunter2");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some([redacted])");
    }

    #[test]
    fn serde_is_transparent() {
        let s = SecretString::new("tok");
        assert_eq!(serde_json::to_string(&s).ok().as_deref(), Some("\"tok\""));
        let back: SecretString = serde_json::from_str("\"tok\"").unwrap_or_default();
        assert_eq!(back.expose_secret(), "tok");
    }
}
