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

/// Smallest modulus accepted, in bits.
pub const MIN_MODULUS_BITS: u64 = 2048;
/// Largest modulus accepted, in bits.
pub const MAX_MODULUS_BITS: u64 = 8192;

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
        let s = limbs_from_be(signature, self.mont.len());
        if !less_than(&s, &self.mont.n) {
            return Err(Rs256Error::SignatureOutOfRange);
        }
        let m = self.mont.pow_plain(&s, self.e);
        let em = encode_em(digest, self.k).ok_or(Rs256Error::Mismatch)?;
        let expected = limbs_from_be(&em, self.mont.len());
        if m == expected {
            Ok(())
        } else {
            Err(Rs256Error::Mismatch)
        }
    }
}

/// `EMSA-PKCS1-v1_5-ENCODE` for SHA-256 at length `k` (RFC 8017 §9.2), or
/// `None` when `k` is too short for the 8 bytes of `0xFF` padding the RFC
/// requires (impossible with a 2048-bit or larger modulus).
fn encode_em(digest: &[u8; 32], k: usize) -> Option<Vec<u8>> {
    let t_len = SHA256_DIGEST_INFO.len() + digest.len();
    let ps_len = k.checked_sub(t_len + 3).filter(|&ps| ps >= 8)?;
    let mut em = Vec::with_capacity(k);
    em.extend_from_slice(&[0x00, 0x01]);
    em.resize(2 + ps_len, 0xff);
    em.push(0x00);
    em.extend_from_slice(&SHA256_DIGEST_INFO);
    em.extend_from_slice(digest);
    Some(em)
}

/// Big-endian bytes to `len` little-endian 64-bit limbs (the bytes must fit).
fn limbs_from_be(bytes: &[u8], len: usize) -> Vec<u64> {
    let mut limbs = vec![0u64; len];
    for (limb, chunk) in limbs.iter_mut().zip(bytes.rchunks(8)) {
        *limb = chunk.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    }
    limbs
}

/// `a < b` for equal-length little-endian limb slices.
fn less_than(a: &[u64], b: &[u64]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

/// A Montgomery context for one odd modulus `n` with `R = 2^(64·len)`.
#[derive(Clone)]
struct Montgomery {
    /// `n`, little-endian limbs.
    n: Vec<u64>,
    /// `-n^-1 mod 2^64`.
    n0_inv: u64,
    /// `R^2 mod n`, little-endian limbs.
    r2: Vec<u64>,
}

impl Montgomery {
    /// `n` must be odd and at least 64 bits (checked by the caller).
    fn new(n: &BigUint) -> Self {
        let limbs: Vec<u64> = n.iter_u64_digits().collect();
        let len = limbs.len();
        let n0 = limbs.first().copied().unwrap_or(1);
        // Newton's iteration for n0^-1 mod 2^64: n0 is its own inverse mod 8,
        // and each step doubles the number of correct bits (3, 6, …, 96).
        let mut inv = n0;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n0.wrapping_mul(inv)));
        }
        let r2 = (BigUint::from(1u8) << (128 * len)) % n;
        let mut r2: Vec<u64> = r2.iter_u64_digits().collect();
        r2.resize(len, 0);
        Self {
            n: limbs,
            n0_inv: inv.wrapping_neg(),
            r2,
        }
    }

    fn len(&self) -> usize {
        self.n.len()
    }

    /// `s^e mod n` for `s < n` and odd `e >= 3`, as plain (non-Montgomery)
    /// limbs. Left-to-right square-and-multiply in the Montgomery domain; the
    /// final multiplication uses the plain `s`, which also leaves the domain.
    fn pow_plain(&self, s: &[u64], e: u64) -> Vec<u64> {
        let len = self.len();
        let mut scratch = vec![0u64; 2 * len + 1];
        let mut s_mont = vec![0u64; len];
        self.mul(s, &self.r2, &mut s_mont, &mut scratch);
        let mut x = s_mont.clone();
        let mut y = vec![0u64; len];
        let top = 63 - e.leading_zeros();
        for i in (1..top).rev() {
            self.sqr(&x, &mut y, &mut scratch);
            if (e >> i) & 1 == 1 {
                self.mul(&y, &s_mont, &mut x, &mut scratch);
            } else {
                std::mem::swap(&mut x, &mut y);
            }
        }
        // Bit 0 is set (e is odd): square, then multiply by the plain s.
        self.sqr(&x, &mut y, &mut scratch);
        self.mul(&y, s, &mut x, &mut scratch);
        x
    }

    /// `out = a²·R^-1 mod n` for `a < n`: the full square (each cross
    /// product computed once and doubled), then a Montgomery reduction.
    /// `scratch` has `2·len + 1` limbs.
    fn sqr(&self, a: &[u64], out: &mut [u64], scratch: &mut [u64]) {
        let len = self.len();
        let a = &a[..len];
        let t = &mut scratch[..2 * len + 1];
        t.fill(0);
        // Cross products a[i]·a[j], i < j, two rows at a time: row i+1
        // trails row i by one column, giving two independent carry chains.
        let mut i = 0;
        while i + 2 < len {
            let (x0, x1) = (u128::from(a[i]), u128::from(a[i + 1]));
            let v = u128::from(t[2 * i + 1]) + x0 * x1;
            t[2 * i + 1] = v as u64;
            let v = u128::from(t[2 * i + 2]) + x0 * u128::from(a[i + 2]) + (v >> 64);
            t[2 * i + 2] = v as u64;
            let (mut c0, mut c1) = ((v >> 64) as u64, 0u64);
            let both = t[2 * i + 3..i + len]
                .iter_mut()
                .zip(&a[i + 3..])
                .zip(&a[i + 2..]);
            for ((tp, &aj), &aj_1) in both {
                let v0 = u128::from(*tp) + x0 * u128::from(aj) + u128::from(c0);
                c0 = (v0 >> 64) as u64;
                let v1 = u128::from(v0 as u64) + x1 * u128::from(aj_1) + u128::from(c1);
                c1 = (v1 >> 64) as u64;
                *tp = v1 as u64;
            }
            let v = x1 * u128::from(a[len - 1]) + u128::from(c0) + u128::from(c1);
            t[i + len] = v as u64;
            t[i + len + 1] = (v >> 64) as u64;
            i += 2;
        }
        while i + 1 < len {
            let ai = u128::from(a[i]);
            let mut c = 0u64;
            for (tj, &aj) in t[2 * i + 1..i + len].iter_mut().zip(&a[i + 1..]) {
                let v = u128::from(*tj) + ai * u128::from(aj) + u128::from(c);
                *tj = v as u64;
                c = (v >> 64) as u64;
            }
            t[i + len] = c;
            i += 1;
        }
        // Double them, then add the squares a[i]² on the diagonal.
        let mut high = 0u64;
        for tj in t[..2 * len].iter_mut() {
            let next = *tj >> 63;
            *tj = (*tj << 1) | high;
            high = next;
        }
        let mut c = 0u64;
        for (pair, &ai) in t[..2 * len].chunks_exact_mut(2).zip(a) {
            let sq = u128::from(ai) * u128::from(ai);
            let lo = u128::from(pair[0]) + (sq & u128::from(u64::MAX)) + u128::from(c);
            pair[0] = lo as u64;
            let hi = u128::from(pair[1]) + (sq >> 64) + (lo >> 64);
            pair[1] = hi as u64;
            c = (hi >> 64) as u64;
        }
        self.redc(t, out);
    }

    /// Montgomery reduction: `out = t·R^-1 mod n` for `t < n·R` held in the
    /// first `2·len` limbs of `t` (the last limb is working space).
    ///
    /// Rows go in pairs: row `i+1` trails row `i` by one column inside the
    /// same loop, which gives the processor two independent carry chains.
    fn redc(&self, t: &mut [u64], out: &mut [u64]) {
        let n = &self.n[..];
        let len = n.len();
        let t = &mut t[..=2 * len];
        let n0 = n.first().copied().unwrap_or(0);
        let n1 = n.get(1).copied().unwrap_or(0);
        let n_inv = self.n0_inv;
        let mut top = 0u64;
        let mut i = 0;
        while i + 1 < len {
            let row = &mut t[i..=i + len + 1];
            let m0 = u128::from(row[0].wrapping_mul(n_inv));
            let v = u128::from(row[0]) + m0 * u128::from(n0);
            let v = u128::from(row[1]) + m0 * u128::from(n1) + (v >> 64);
            let mut c0 = (v >> 64) as u64;
            let m1 = u128::from((v as u64).wrapping_mul(n_inv));
            let v = u128::from(v as u64) + m1 * u128::from(n0);
            let mut c1 = (v >> 64) as u64;
            for ((tj, &nj), &nj_1) in row[2..len].iter_mut().zip(&n[2..]).zip(&n[1..]) {
                let v0 = u128::from(*tj) + m0 * u128::from(nj) + u128::from(c0);
                c0 = (v0 >> 64) as u64;
                let v1 = u128::from(v0 as u64) + m1 * u128::from(nj_1) + u128::from(c1);
                c1 = (v1 >> 64) as u64;
                *tj = v1 as u64;
            }
            let v0 = u128::from(row[len]) + u128::from(c0) + u128::from(top);
            let v1 = u128::from(v0 as u64) + m1 * u128::from(n[len - 1]) + u128::from(c1);
            row[len] = v1 as u64;
            let v = u128::from(row[len + 1]) + (v0 >> 64) + (v1 >> 64);
            row[len + 1] = v as u64;
            top = (v >> 64) as u64;
            i += 2;
        }
        if i < len {
            // An odd limb count leaves one row.
            let m = u128::from(t[i].wrapping_mul(n_inv));
            let mut c = 0u64;
            for (tj, &nj) in t[i..i + len].iter_mut().zip(n) {
                let v = u128::from(*tj) + m * u128::from(nj) + u128::from(c);
                *tj = v as u64;
                c = (v >> 64) as u64;
            }
            let v = u128::from(t[i + len]) + u128::from(c) + u128::from(top);
            t[i + len] = v as u64;
            top = (v >> 64) as u64;
        }
        t[2 * len] = top;
        self.reduce_once(&t[len..=2 * len], out);
    }

    /// `out = t mod n` for `t < 2n` given as `len + 1` limbs.
    fn reduce_once(&self, t: &[u64], out: &mut [u64]) {
        let n = &self.n[..];
        let len = n.len();
        let out = &mut out[..len];
        if t[len] != 0 || !less_than(&t[..len], n) {
            let mut borrow = 0u64;
            for ((o, &tj), &nj) in out.iter_mut().zip(t).zip(n) {
                let (d1, b1) = tj.overflowing_sub(nj);
                let (d2, b2) = d1.overflowing_sub(borrow);
                *o = d2;
                borrow = u64::from(b1 | b2);
            }
        } else {
            out.copy_from_slice(&t[..len]);
        }
    }

    /// `out = a·b·R^-1 mod n` for `a, b < n` (CIOS with the two inner loops
    /// fused). `scratch` has at least `len + 1` limbs.
    fn mul(&self, a: &[u64], b: &[u64], out: &mut [u64], scratch: &mut [u64]) {
        let n = &self.n[..];
        let len = n.len();
        let (Some(&a0), Some(&n0)) = (a.first(), n.first()) else {
            return;
        };
        let a = &a[..len];
        let t = &mut scratch[..=len];
        t.fill(0);
        for &bi in &b[..len] {
            let bi = u128::from(bi);
            let m = u128::from(
                t[0].wrapping_add(a0.wrapping_mul(bi as u64))
                    .wrapping_mul(self.n0_inv),
            );
            // j = 0: the low word of t0 + a0·bi + m·n0 is zero by choice of m.
            let v1 = u128::from(t[0]) + u128::from(a0) * bi;
            let mut c1 = (v1 >> 64) as u64;
            let v2 = u128::from(v1 as u64) + m * u128::from(n0);
            let mut c2 = (v2 >> 64) as u64;
            for j in 1..len {
                let v1 = u128::from(t[j]) + u128::from(a[j]) * bi + u128::from(c1);
                c1 = (v1 >> 64) as u64;
                let v2 = u128::from(v1 as u64) + m * u128::from(n[j]) + u128::from(c2);
                c2 = (v2 >> 64) as u64;
                t[j - 1] = v2 as u64;
            }
            let v = u128::from(t[len]) + u128::from(c1) + u128::from(c2);
            t[len - 1] = v as u64;
            t[len] = (v >> 64) as u64;
        }
        // t < 2n: one conditional subtraction gives t < n.
        self.reduce_once(t, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    // A 2048-bit key from RFC 7515 appendix A.2 (the JWS RS256 example).
    const RFC7515_N: &str = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
    const RFC7515_E: &str = "AQAB";
    const RFC7515_INPUT: &str = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
    const RFC7515_SIG: &str = "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

    fn b64(s: &str) -> Vec<u8> {
        JWK_BASE64.decode(s).unwrap()
    }

    fn rfc_key() -> Rs256PublicKey {
        Rs256PublicKey::from_jwk(RFC7515_N, RFC7515_E).unwrap()
    }

    #[test]
    fn rfc7515_a2_signature_verifies() {
        let key = rfc_key();
        assert_eq!(key.bits(), 2048, "modulus size");
        assert_eq!(
            key.verify(RFC7515_INPUT.as_bytes(), &b64(RFC7515_SIG)),
            Ok(()),
            "rfc 7515 a.2"
        );
    }

    #[test]
    fn tampered_message_and_signature_are_rejected() {
        let key = rfc_key();
        let mut sig = b64(RFC7515_SIG);
        let mut input = RFC7515_INPUT.as_bytes().to_vec();
        input[5] ^= 1;
        assert_eq!(
            key.verify(&input, &sig),
            Err(Rs256Error::Mismatch),
            "tampered message"
        );
        sig[100] ^= 1;
        assert_eq!(
            key.verify(RFC7515_INPUT.as_bytes(), &sig),
            Err(Rs256Error::Mismatch),
            "tampered sig"
        );
    }

    #[test]
    fn signature_length_and_range_are_checked() {
        let key = rfc_key();
        let sig = b64(RFC7515_SIG);
        let short = &sig[..255];
        assert_eq!(
            key.verify(RFC7515_INPUT.as_bytes(), short),
            Err(Rs256Error::SignatureLength {
                expected: 256,
                actual: 255
            }),
            "short signature"
        );
        let mut long = vec![0u8];
        long.extend_from_slice(&sig);
        assert!(
            matches!(
                key.verify(RFC7515_INPUT.as_bytes(), &long),
                Err(Rs256Error::SignatureLength { .. })
            ),
            "zero-prefixed signature"
        );
        // s = n and s = n + original (mod 2^2048) are out of range.
        let n = b64(RFC7515_N);
        assert_eq!(
            key.verify(b"x", &n),
            Err(Rs256Error::SignatureOutOfRange),
            "s = n"
        );
        assert_eq!(
            key.verify(b"x", &[0xff; 256]),
            Err(Rs256Error::SignatureOutOfRange),
            "s = 2^2048-1"
        );
        assert_eq!(
            key.verify(b"x", &[0; 256]),
            Err(Rs256Error::Mismatch),
            "s = 0"
        );
    }

    #[test]
    fn keys_are_checked() {
        let n = b64(RFC7515_N);
        assert_eq!(
            Rs256PublicKey::from_components(&n[..128], &[1, 0, 1]).err(),
            Some(Rs256Error::ModulusTooSmall { bits: 1024 }),
            "1024-bit modulus"
        );
        let mut even = n.clone();
        even[255] &= 0xfe;
        assert_eq!(
            Rs256PublicKey::from_components(&even, &[1, 0, 1]).err(),
            Some(Rs256Error::EvenModulus),
            "even n"
        );
        for e in [&[][..], &[1], &[2], &[1, 0, 0], &[1, 0, 0, 0, 1]] {
            assert_eq!(
                Rs256PublicKey::from_components(&n, e).err(),
                Some(Rs256Error::InvalidExponent),
                "exponent {e:?}"
            );
        }
        assert!(
            Rs256PublicKey::from_components(&n, &[3]).is_ok(),
            "e = 3 is a valid key"
        );
        let mut huge = vec![0xffu8; 1025];
        huge[0] = 1;
        assert_eq!(
            Rs256PublicKey::from_components(&huge, &[1, 0, 1]).err(),
            Some(Rs256Error::ModulusTooLarge { bits: 8193 }),
            "8193-bit modulus"
        );
        let mut padded = vec![0u8, 0u8];
        padded.extend_from_slice(&n);
        assert_eq!(
            Rs256PublicKey::from_components(&padded, &[0, 1, 0, 1]).map(|k| k.bits()),
            Ok(2048),
            "leading zeros"
        );
        assert_eq!(
            Rs256PublicKey::from_jwk("@@", "AQAB").err(),
            Some(Rs256Error::KeyEncoding),
            "bad base64"
        );
        assert_eq!(
            Rs256PublicKey::from_jwk(&"A".repeat(1401), "AQAB").err(),
            Some(Rs256Error::KeyEncoding),
            "huge n"
        );
        assert!(
            Rs256PublicKey::from_jwk(&format!("{RFC7515_N}=="), "AQAB").is_ok(),
            "padding tolerated in a jwk"
        );
    }

    #[test]
    fn montgomery_power_matches_modpow() {
        let n = BigUint::from_bytes_be(&b64(RFC7515_N));
        let mont = Montgomery::new(&n);
        let mut seed = 0x1234_5678_9abc_def0u64;
        for e in [3u64, 5, 17, 65537, 0xffff_ffff, 0x8000_0001] {
            for _ in 0..4 {
                let bytes: Vec<u8> = (0..255)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        seed as u8
                    })
                    .collect();
                let s = BigUint::from_bytes_be(&bytes);
                let want = s.modpow(&BigUint::from(e), &n);
                let got = mont.pow_plain(&limbs_from_be(&bytes, mont.len()), e);
                assert_eq!(
                    got,
                    limbs_from_be(&want.to_bytes_be(), mont.len()),
                    "s^{e} mod n"
                );
            }
        }
    }

    #[test]
    fn montgomery_matches_modpow_for_many_sizes() {
        let mut seed = 0x0bad_cafe_f00d_1234u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for bits in [64usize, 65, 127, 128, 200, 511, 1000, 1031] {
            let words = bits.div_ceil(64);
            let mut limbs: Vec<u64> = (0..words).map(|_| next()).collect();
            let top = bits - 64 * (words - 1);
            let last = limbs.last_mut().unwrap();
            *last = if top == 64 {
                *last | 1 << 63
            } else {
                (*last & ((1u64 << top) - 1)) | 1 << (top - 1)
            };
            limbs[0] |= 1;
            let n = BigUint::from_slice(
                &limbs
                    .iter()
                    .flat_map(|&l| [l as u32, (l >> 32) as u32])
                    .collect::<Vec<_>>(),
            );
            assert_eq!(n.bits() as usize, bits, "modulus size");
            let mont = Montgomery::new(&n);
            for e in [3u64, 65537, 0xdead_beef | 1] {
                let s = BigUint::from_slice(&[next() as u32, next() as u32, next() as u32]) % &n;
                let want = s.modpow(&BigUint::from(e), &n);
                let got = mont.pow_plain(&limbs_from_be(&s.to_bytes_be(), mont.len()), e);
                assert_eq!(
                    got,
                    limbs_from_be(&want.to_bytes_be(), mont.len()),
                    "{bits}-bit s^{e} mod n"
                );
            }
        }
    }

    #[test]
    fn small_modulus_through_the_test_constructor() {
        let mut n = b64(RFC7515_N)[..128].to_vec();
        n[127] |= 1;
        let key = Rs256PublicKey::with_min_bits(&n, &[1, 0, 1], 512).map(|k| k.bits());
        assert_eq!(key, Ok(1024), "relaxed lower bound");
    }

    #[test]
    fn encoded_message_layout() {
        let digest = [0xab; 32];
        let em = encode_em(&digest, 256).unwrap();
        assert_eq!(em.len(), 256, "length k");
        assert_eq!(&em[..2], &[0, 1], "prefix");
        assert!(em[2..204].iter().all(|&b| b == 0xff), "padding string");
        assert_eq!(em[204], 0, "separator");
        assert_eq!(&em[205..224], &SHA256_DIGEST_INFO, "digest info");
        assert_eq!(&em[224..], &digest, "hash");
        assert!(
            encode_em(&digest, 62).is_some(),
            "8 bytes of padding is the minimum"
        );
        assert_eq!(
            encode_em(&digest, 61),
            None,
            "7 bytes of padding is too few"
        );
        assert_eq!(encode_em(&digest, 8), None, "tiny k");
    }

    #[test]
    fn debug_shows_size_not_limbs() {
        assert_eq!(
            format!("{:?}", rfc_key()),
            "Rs256PublicKey { bits: 2048, e: 65537, .. }",
            "debug"
        );
    }
}
