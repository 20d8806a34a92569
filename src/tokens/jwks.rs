//! JSON Web Key sets (RFC 7517) as Cognito publishes them at
//! `{issuer}/.well-known/jwks.json`, and the [`KeySet`] of prepared RS256 keys
//! built from one.
//!
//! Pure: parsing and lookup only. Fetching, caching and refetching belong to
//! the verifier.
//!
//! A set is read leniently, a key strictly. Unknown members are ignored, and
//! a key that cannot be used (another `kty`, `use` other than `sig`, `alg`
//! other than `RS256`, a missing or malformed `n`/`e`, a modulus under 2048
//! bits) does not spoil the set: it is kept aside with the reason, so looking
//! its `kid` up says why it was refused rather than that it is unknown.

use std::fmt;

use serde::Deserialize;
use serde_json::Value;

use crate::tokens::rs256::{Rs256Error, Rs256PublicKey};

/// A JWK set: `{"keys": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct JwkSet {
    /// The keys, each as sent (read one by one, so one odd key cannot make
    /// the whole set unreadable).
    pub keys: Vec<Value>,
}

/// One JSON Web Key, the members this crate reads. Others are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Jwk {
    /// Key type: `RSA` for Cognito.
    pub kty: String,
    /// Key id, matched against a token header's `kid`.
    #[serde(default)]
    pub kid: Option<String>,
    /// Intended algorithm: `RS256` for Cognito.
    #[serde(default)]
    pub alg: Option<String>,
    /// Intended use: `sig` for Cognito.
    #[serde(default, rename = "use")]
    pub use_: Option<String>,
    /// RSA modulus, base64url big-endian.
    #[serde(default)]
    pub n: Option<String>,
    /// RSA public exponent, base64url big-endian.
    #[serde(default)]
    pub e: Option<String>,
}

/// Why a key set could not be read, or a key could not be found or used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwksError {
    /// The document is not JSON of the form `{"keys": [...]}`.
    NotAKeySet,
    /// No key in the set has this `kid`. The set may have rotated: fetch it
    /// again (at most once per interval) and retry.
    UnknownKid,
    /// The key with this `kid` cannot verify RS256 signatures.
    Unusable(KeyRejection),
}

impl fmt::Display for JwksError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAKeySet => f.write_str("not a jwk set"),
            Self::UnknownKid => f.write_str("no key with this kid"),
            Self::Unusable(_) => f.write_str("key unusable"),
        }
    }
}

impl std::error::Error for JwksError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Unusable(why) => Some(why),
            Self::NotAKeySet | Self::UnknownKid => None,
        }
    }
}

/// Why one key of a set was set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyRejection {
    /// The key's members have the wrong JSON types.
    Malformed,
    /// `kty` is not `RSA`.
    NotRsa,
    /// `use` is present and not `sig`.
    NotForSignatures,
    /// `alg` is present and not `RS256`.
    NotRs256,
    /// `n` or `e` is missing.
    MissingMember,
    /// `n`/`e` do not make an acceptable RSA key (too small, too large,
    /// even, bad exponent, not base64url).
    Rsa(Rs256Error),
}

impl fmt::Display for KeyRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed => f.write_str("malformed jwk"),
            Self::NotRsa => f.write_str("not an rsa key"),
            Self::NotForSignatures => f.write_str("not a signing key"),
            Self::NotRs256 => f.write_str("not an rs256 key"),
            Self::MissingMember => f.write_str("missing n or e"),
            Self::Rsa(e) => fmt::Display::fmt(e, f),
        }
    }
}

/// A leaf: [`KeyRejection::Rsa`] shows the RSA error's text in place of it.
impl std::error::Error for KeyRejection {}

/// Prepared RS256 keys by `kid`, built once from a [`JwkSet`] and shared.
///
/// ```
/// use cognito::jwks::{JwksError, KeySet};
///
/// let set = KeySet::from_json(br#"{"keys": [{"kty": "EC", "kid": "e1", "crv": "P-256"}]}"#)?;
/// assert_eq!(set.len(), 0);
/// assert!(matches!(set.find("e1"), Err(JwksError::Unusable(_))));
/// assert_eq!(set.find("nope").err(), Some(JwksError::UnknownKid));
/// # Ok::<(), JwksError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct KeySet {
    usable: Vec<(String, Rs256PublicKey)>,
    rejected: Vec<(String, KeyRejection)>,
}

impl KeySet {
    /// Reads a JWK set document.
    ///
    /// # Errors
    ///
    /// [`JwksError::NotAKeySet`] when it is not JSON of the form
    /// `{"keys": [...]}`. Individual bad keys are not errors.
    pub fn from_json(json: &[u8]) -> Result<Self, JwksError> {
        let set: JwkSet = serde_json::from_slice(json).map_err(|_| JwksError::NotAKeySet)?;
        Ok(Self::from_set(&set))
    }

    /// Prepares every usable key of a set; keys without a `kid` are skipped
    /// (a token names its key by `kid`, so they could never be chosen).
    pub fn from_set(set: &JwkSet) -> Self {
        let mut keys = Self::default();
        for value in &set.keys {
            let Some(kid) = value.get("kid").and_then(Value::as_str) else {
                continue;
            };
            match prepare(value) {
                Ok(key) => keys.usable.push((kid.to_owned(), key)),
                Err(why) => keys.rejected.push((kid.to_owned(), why)),
            }
        }
        keys
    }

    /// The key for a token's `kid`. When several keys share a `kid`, the
    /// first usable one wins.
    ///
    /// # Errors
    ///
    /// [`JwksError::UnknownKid`] when no key has this `kid`;
    /// [`JwksError::Unusable`] when the only keys with it were set aside.
    pub fn find(&self, kid: &str) -> Result<&Rs256PublicKey, JwksError> {
        if let Some((_, key)) = self.usable.iter().find(|(k, _)| k == kid) {
            return Ok(key);
        }
        match self.rejected.iter().find(|(k, _)| k == kid) {
            Some((_, why)) => Err(JwksError::Unusable(why.clone())),
            None => Err(JwksError::UnknownKid),
        }
    }

    /// The `kid`s of the usable keys, in set order.
    pub fn kids(&self) -> impl Iterator<Item = &str> {
        self.usable.iter().map(|(kid, _)| kid.as_str())
    }

    /// The number of usable keys.
    pub fn len(&self) -> usize {
        self.usable.len()
    }

    /// Whether no key is usable.
    pub fn is_empty(&self) -> bool {
        self.usable.is_empty()
    }
}

fn prepare(value: &Value) -> Result<Rs256PublicKey, KeyRejection> {
    let jwk = Jwk::deserialize(value).map_err(|_| KeyRejection::Malformed)?;
    if jwk.kty != "RSA" {
        return Err(KeyRejection::NotRsa);
    }
    if jwk.use_.as_deref().is_some_and(|u| u != "sig") {
        return Err(KeyRejection::NotForSignatures);
    }
    if jwk.alg.as_deref().is_some_and(|a| a != "RS256") {
        return Err(KeyRejection::NotRs256);
    }
    let (Some(n), Some(e)) = (jwk.n.as_deref(), jwk.e.as_deref()) else {
        return Err(KeyRejection::MissingMember);
    };
    Rs256PublicKey::from_jwk(n, e).map_err(KeyRejection::Rsa)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // RFC 7515 appendix A.2's 2048-bit key.
    const N: &str = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";

    fn set(keys: Value) -> KeySet {
        KeySet::from_json(json!({ "keys": keys }).to_string().as_bytes()).unwrap()
    }

    #[test]
    fn cognito_shaped_set_is_read() {
        let keys = set(json!([
            {"alg": "RS256", "e": "AQAB", "kid": "k1", "kty": "RSA", "n": N, "use": "sig"},
            {"e": "AQAB", "kid": "k2", "kty": "RSA", "n": N, "x5t": "ignored"},
        ]));
        assert_eq!(keys.kids().collect::<Vec<_>>(), ["k1", "k2"], "kids");
        assert_eq!(keys.find("k1").map(|k| k.bits()), Ok(2048), "lookup");
        assert_eq!(
            keys.find("k3").err(),
            Some(JwksError::UnknownKid),
            "unknown kid"
        );
    }

    #[test]
    fn unusable_keys_are_kept_aside_with_a_reason() {
        let small = &N[..172]; // 129 bytes: a 1032-bit modulus
        let keys = set(json!([
            {"kty": "EC", "kid": "ec", "crv": "P-256", "x": "AA", "y": "AA"},
            {"kty": "RSA", "kid": "enc", "use": "enc", "n": N, "e": "AQAB"},
            {"kty": "RSA", "kid": "rs512", "alg": "RS512", "n": N, "e": "AQAB"},
            {"kty": "RSA", "kid": "no-n", "e": "AQAB"},
            {"kty": "RSA", "kid": "small", "n": small, "e": "AQAB"},
            {"kty": "RSA", "kid": "bad-b64", "n": "!!", "e": "AQAB"},
            {"kty": 5, "kid": "typed"},
            {"kty": "RSA", "n": N, "e": "AQAB"},
            "not an object",
            {"kty": "RSA", "kid": "good", "n": N, "e": "AQAB"},
        ]));
        assert_eq!(keys.len(), 1, "only one usable");
        let reason = |kid: &str| match keys.find(kid) {
            Err(JwksError::Unusable(why)) => Some(why),
            _ => None,
        };
        assert_eq!(reason("ec"), Some(KeyRejection::NotRsa), "ec");
        assert_eq!(reason("enc"), Some(KeyRejection::NotForSignatures), "enc");
        assert_eq!(reason("rs512"), Some(KeyRejection::NotRs256), "rs512");
        assert_eq!(reason("no-n"), Some(KeyRejection::MissingMember), "no n");
        assert!(
            matches!(
                reason("small"),
                Some(KeyRejection::Rsa(Rs256Error::ModulusTooSmall { .. }))
            ),
            "1024-bit"
        );
        assert_eq!(
            reason("bad-b64"),
            Some(KeyRejection::Rsa(Rs256Error::KeyEncoding)),
            "bad base64"
        );
        assert_eq!(
            reason("typed"),
            Some(KeyRejection::Malformed),
            "wrong types"
        );
        assert!(keys.find("good").is_ok(), "good key still found");
    }

    #[test]
    fn duplicate_kid_prefers_a_usable_key() {
        let keys = set(json!([
            {"kty": "RSA", "kid": "k", "n": "AQAB", "e": "AQAB"},
            {"kty": "RSA", "kid": "k", "n": N, "e": "AQAB"},
        ]));
        assert!(keys.find("k").is_ok(), "usable wins");
    }

    #[test]
    fn documents_that_are_not_sets_fail() {
        for bad in [&b"[]"[..], b"{}", b"{\"keys\": {}}", b"nope", b""] {
            assert_eq!(
                KeySet::from_json(bad).err(),
                Some(JwksError::NotAKeySet),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        assert!(
            KeySet::from_json(br#"{"keys": []}"#).is_ok_and(|k| k.is_empty()),
            "empty set"
        );
    }
}
