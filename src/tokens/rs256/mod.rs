//! RS256: RSASSA-PKCS1-v1_5 signature verification with SHA-256 (RFC 8017
//! §8.2.2), over `num-bigint` for key set-up and a small Montgomery
//! multiplier for the hot path.
//!
//! Verification never parses the decrypted block. It builds the one encoded
//! message a correct signer would have produced,
//!
//! ```text
//! EM = 0x00 || 0x01 || 0xFF … 0xFF || 0x00 || DigestInfo(SHA-256) || SHA-256(M)
//! ```
//!
//! computes `s^e mod n`, and compares the two whole. That rules out the
//! classic parser bugs (Bleichenbacher's `e = 3` forgeries, garbage after the
//! hash, BER length tricks, missing `NULL`) by construction.
//!
//! Checks, in order: the key (`n` of 2048 to 8192 bits and odd; `e` odd,
//! `3 <= e < 2^32`), then the signature (exactly as long as the modulus,
//! `s < n`), then the comparison.
//!
//! Speed: a [`Rs256PublicKey`] prepares its Montgomery context once (`n` as
//! 64-bit limbs, `-n^-1 mod 2^64`, `R^2 mod n`). With `e = 65537` a
//! verification is one conversion into Montgomery form, 16 squarings and one
//! multiplication by the plain `s`, which leaves the Montgomery domain in the
//! same step.

use std::fmt;

use base64::engine::general_purpose::GeneralPurposeConfig;
use base64::engine::{DecodePaddingMode, GeneralPurpose};
use base64::Engine as _;
use num_bigint::BigUint;
use sha2::{Digest, Sha256};

use crate::protocol::bigint::{less_than, limbs_from_be_into, Montgomery};

/// Smallest modulus accepted, in bits.
pub const MIN_MODULUS_BITS: u64 = 2048;
/// Largest modulus accepted, in bits.
pub const MAX_MODULUS_BITS: u64 = 8192;

/// Limbs of the largest modulus: the stack buffers of a verification.
const MAX_LIMBS: usize = (MAX_MODULUS_BITS / 64) as usize;
/// Bytes of the largest modulus.
const MAX_BYTES: usize = (MAX_MODULUS_BITS / 8) as usize;

/// Longest JWK `n` read, in base64 characters.
const MAX_JWK_N_CHARS: usize = 1400;

/// DER of `DigestInfo { AlgorithmIdentifier { id-sha256, NULL }, OCTET STRING (32) }`
/// without the hash itself (RFC 8017 §9.2, note 1).
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// Base64url for JWK members: padding optional, no stray bits.
const JWK_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Why a key was refused or a signature did not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rs256Error {
    /// A JWK `n` or `e` is not base64url.
    KeyEncoding,
    /// The modulus has fewer than [`MIN_MODULUS_BITS`] bits.
    ModulusTooSmall {
        /// The modulus size in bits.
        bits: u64,
    },
    /// The modulus has more than [`MAX_MODULUS_BITS`] bits.
    ModulusTooLarge {
        /// The modulus size in bits.
        bits: u64,
    },
    /// The modulus is even, so it is not an RSA modulus.
    EvenModulus,
    /// The public exponent is even, below 3 or at least 2^32.
    InvalidExponent,
    /// The signature is not exactly as long as the modulus.
    SignatureLength {
        /// The modulus length in bytes.
        expected: usize,
        /// The signature length in bytes.
        actual: usize,
    },
    /// The signature, read as a number, is not below the modulus.
    SignatureOutOfRange,
    /// The signature does not match the message under this key.
    Mismatch,
}

impl fmt::Display for Rs256Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::KeyEncoding => f.write_str("rsa key member is not base64url"),
            Self::ModulusTooSmall { bits } => write!(f, "rsa modulus too small ({bits} bits)"),
            Self::ModulusTooLarge { bits } => write!(f, "rsa modulus too large ({bits} bits)"),
            Self::EvenModulus => f.write_str("rsa modulus is even"),
            Self::InvalidExponent => f.write_str("invalid rsa public exponent"),
            Self::SignatureLength { expected, actual } => {
                write!(f, "signature is {actual} bytes, expected {expected}")
            }
            Self::SignatureOutOfRange => f.write_str("signature is not below the modulus"),
            Self::Mismatch => f.write_str("signature does not match"),
        }
    }
}

impl std::error::Error for Rs256Error {}

/// An RSA public key prepared for RS256 verification.
///
/// Building one does the per-key work (about one modular reduction); keep it
/// and reuse it. It is `Send + Sync` and cheap to share behind an `Arc`.
#[derive(Clone)]
pub struct Rs256PublicKey {
    mont: Montgomery,
    e: u64,
    /// Modulus length in bytes (`k` in RFC 8017).
    k: usize,
    bits: u64,
}

impl fmt::Debug for Rs256PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rs256PublicKey")
            .field("bits", &self.bits)
            .field("e", &self.e)
            .finish_non_exhaustive()
    }
}

impl Rs256PublicKey {
    /// Builds a key from a JWK's `n` and `e` members (base64url, padding
    /// optional, leading zero bytes tolerated).
    ///
    /// # Errors
    ///
    /// [`Rs256Error::KeyEncoding`] when either is not base64url; otherwise as
    /// [`Rs256PublicKey::from_components`].
    pub fn from_jwk(n: &str, e: &str) -> Result<Self, Rs256Error> {
        // Bound the work before decoding: 8192 bits is 1366 base64 characters
        // (1368 with padding); allow a few leading zero bytes on top.
        if n.len() > MAX_JWK_N_CHARS || e.len() > 64 {
            return Err(Rs256Error::KeyEncoding);
        }
        let n = JWK_BASE64.decode(n).map_err(|_| Rs256Error::KeyEncoding)?;
        let e = JWK_BASE64.decode(e).map_err(|_| Rs256Error::KeyEncoding)?;
        Self::from_components(&n, &e)
    }

    /// Builds a key from the big-endian bytes of the modulus `n` and public
    /// exponent `e`.
    ///
    /// # Errors
    ///
    /// [`Rs256Error::ModulusTooSmall`] under 2048 bits,
    /// [`Rs256Error::ModulusTooLarge`] over 8192 bits,
    /// [`Rs256Error::EvenModulus`], or [`Rs256Error::InvalidExponent`] when `e`
    /// is even, below 3 or at least 2^32.
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, Rs256Error> {
        Self::with_min_bits(n, e, MIN_MODULUS_BITS)
    }

    /// As [`Rs256PublicKey::from_components`] with a different lower bound on
    /// the modulus size. Only for tests of the arithmetic with small keys.
    #[doc(hidden)]
    pub fn with_min_bits(n: &[u8], e: &[u8], min_bits: u64) -> Result<Self, Rs256Error> {
        let n = BigUint::from_bytes_be(n);
        let bits = n.bits();
        if bits > MAX_MODULUS_BITS {
            return Err(Rs256Error::ModulusTooLarge { bits });
        }
        if bits < min_bits.max(64) {
            return Err(Rs256Error::ModulusTooSmall { bits });
        }
        if !n.bit(0) {
            return Err(Rs256Error::EvenModulus);
        }
        let e = BigUint::from_bytes_be(e);
        let e = match u32::try_from(&e) {
            Ok(e) if e >= 3 && e % 2 == 1 => u64::from(e),
            _ => return Err(Rs256Error::InvalidExponent),
        };
        let k =
            usize::try_from(bits.div_ceil(8)).map_err(|_| Rs256Error::ModulusTooLarge { bits })?;
        Ok(Self {
            mont: Montgomery::new(&n),
            e,
            k,
            bits,
        })
    }

    /// Modulus size in bits.
    pub fn bits(&self) -> u64 {
        self.bits
    }

    /// Verifies an RS256 signature over `message` (for a JWT, the ASCII of
    /// `header.payload`).
    ///
    /// # Errors
    ///
    /// [`Rs256Error::SignatureLength`] when the signature is not as long as
    /// the modulus, [`Rs256Error::SignatureOutOfRange`] when it is not below
    /// the modulus, [`Rs256Error::Mismatch`] when it does not verify.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Rs256Error> {
        self.verify_digest(&Sha256::digest(message).into(), signature)
    }

    /// As [`Rs256PublicKey::verify`], given the SHA-256 of the message.
    ///
    /// # Errors
    ///
    /// As [`Rs256PublicKey::verify`].
    pub fn verify_digest(&self, digest: &[u8; 32], signature: &[u8]) -> Result<(), Rs256Error> {
        if signature.len() != self.k {
            return Err(Rs256Error::SignatureLength {
                expected: self.k,
                actual: signature.len(),
            });
        }
        let len = self.mont.len();
        let mut s = [0u64; MAX_LIMBS];
        let s = &mut s[..len];
        limbs_from_be_into(signature, s);
        if !less_than(s, self.mont.modulus()) {
            return Err(Rs256Error::SignatureOutOfRange);
        }
        let mut work = [0u64; 5 * MAX_LIMBS + 1];
        let mut m = [0u64; MAX_LIMBS];
        let m = &mut m[..len];
        self.mont.pow_plain_in(s, self.e, m, &mut work);
        let mut em = [0u8; MAX_BYTES];
        let em = encode_em(digest, &mut em[..self.k]).ok_or(Rs256Error::Mismatch)?;
        let mut expected = [0u64; MAX_LIMBS];
        let expected = &mut expected[..len];
        limbs_from_be_into(em, expected);
        if m == expected {
            Ok(())
        } else {
            Err(Rs256Error::Mismatch)
        }
    }
}

/// `EMSA-PKCS1-v1_5-ENCODE` for SHA-256 into `em` (of length `k`, RFC 8017
/// §9.2), or `None` when `k` is too short for the 8 bytes of `0xFF` padding
/// the RFC requires (impossible with a 2048-bit or larger modulus).
fn encode_em<'a>(digest: &[u8; 32], em: &'a mut [u8]) -> Option<&'a [u8]> {
    let t_len = SHA256_DIGEST_INFO.len() + digest.len();
    let ps_len = em.len().checked_sub(t_len + 3).filter(|&ps| ps >= 8)?;
    let (head, rest) = em.split_at_mut(2 + ps_len + 1);
    head[0] = 0x00;
    head[1] = 0x01;
    head[2..2 + ps_len].fill(0xff);
    head[2 + ps_len] = 0x00;
    let (info, hash) = rest.split_at_mut(SHA256_DIGEST_INFO.len());
    info.copy_from_slice(&SHA256_DIGEST_INFO);
    hash.copy_from_slice(digest);
    Some(em)
}

#[cfg(test)]
mod tests;
