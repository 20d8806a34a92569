//! Cognito's SRP-6a: the maths behind `USER_SRP_AUTH` and remembered devices.
//!
//! Pure: no I/O, no clock and no hidden randomness. The caller passes the time
//! and, if it wants, the source of random bytes; [`SrpClient::generate`] and
//! [`DeviceVerifier::generate`] are the production shortcuts that draw from the
//! operating system.
//!
//! # Message flow
//!
//! | Step | Message | Carries | Here |
//! |---|---|---|---|
//! | 1 | client → `InitiateAuth` (`AuthFlow = USER_SRP_AUTH`) | `USERNAME`, `SRP_A` = A | [`SrpClient::generate`], [`SrpClient::srp_a`] |
//! | 2 | Cognito → challenge `PASSWORD_VERIFIER` | `USER_ID_FOR_SRP`, `SALT`, `SRP_B` = B, `SECRET_BLOCK`, `USERNAME` | [`SrpIdentity::user`], [`PasswordVerifierChallenge`] |
//! | 3 | client → `RespondToAuthChallenge` (`PASSWORD_VERIFIER`) | `PASSWORD_CLAIM_SIGNATURE`, `PASSWORD_CLAIM_SECRET_BLOCK`, `TIMESTAMP`, `USERNAME` | [`SrpClient::password_claim`] → [`PasswordClaim`] |
//! | 4 | Cognito → tokens or the next challenge | `AuthenticationResult` (maybe `NewDeviceMetadata`) | [`DeviceVerifier`] for `ConfirmDevice` |
//!
//! A remembered device signs in the same way, with its own messages:
//! `DEVICE_SRP_AUTH` (`DEVICE_KEY`, `SRP_A`) → challenge `DEVICE_PASSWORD_VERIFIER`
//! → `RespondToAuthChallenge` with the same three claim fields plus `DEVICE_KEY`.
//! Use [`SrpIdentity::device`] and the device password in step 3.
//!
//! # The maths
//!
//! N is the RFC 5054 3072-bit prime, g = 2, H = SHA-256, `|` is concatenation
//! and PAD(n) is the shortest signed big-endian form of n (a leading zero byte
//! when the top bit is set; never padded to the length of N).
//!
//! ```text
//! k   = H(PAD(N) | PAD(g))
//! A   = g^a mod N                        a: 128 random bytes
//! u   = H(PAD(A) | PAD(B))               u = 0 is refused, and so is B ≡ 0 (mod N)
//! x   = H(PAD(salt) | H(poolName | userIdForSrp | ":" | password))
//! S   = (B − k·g^x)^(a + u·x) mod N
//! key = HKDF-SHA256(ikm = PAD(S), salt = PAD(u), info = "Caldera Derived Key")[..16]
//! PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, poolName | userIdForSrp | secretBlock | TIMESTAMP))
//! ```
//!
//! poolName is the part of the pool id after `_`; for a device it is the
//! DeviceGroupKey, and the DeviceKey takes the place of userIdForSrp.
//!
//! ## What is wiped from memory, and what is not
//!
//! Wiped when dropped (the `zeroize` crate): the random bytes a is made
//! from, both SHA-256 hashes of the password that make x, the padded S,
//! the HKDF intermediate values and the session key of a [`Derivation`],
//! and a [`DeviceVerifier`]'s device password and its random bytes.
//!
//! **Not wiped**: a, x and S themselves, and the temporaries of their
//! arithmetic. They are `num-bigint` values, whose digits are private and
//! whose operations allocate and free buffers internally, so they cannot be
//! wiped without `unsafe` code or another bignum library; they stay in
//! freed memory until it is reused. The password `&str` you pass in is
//! yours to wipe.
//!
//! ```
//! use std::time::{Duration, UNIX_EPOCH};
//!
//! use cognito::srp::{PasswordVerifierChallenge, SrpClient, SrpIdentity};
//!
//! # fn main() -> Result<(), cognito::srp::SrpError> {
//! let client = SrpClient::generate()?;
//! let srp_a = client.srp_a(); // send as SRP_A
//! assert!(srp_a.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')));
//!
//! // The PASSWORD_VERIFIER challenge's parameters:
//! let who = SrpIdentity::user("us-east-1_AbCdEf123", "alice")?;
//! let challenge = PasswordVerifierChallenge {
//!     salt: "1f2e3d4c5b6a",
//!     srp_b: "c0ffee",
//!     secret_block: "c2VjcmV0IGJsb2Nr",
//! };
//! let now = UNIX_EPOCH + Duration::from_secs(1_491_432_154); // 2017-04-05 22:42:34 UTC
//! let claim = client.password_claim(&who, "Passw0rd!", &challenge, now)?;
//! assert_eq!(claim.timestamp, "Wed Apr 5 22:42:34 UTC 2017");
//! assert_eq!(claim.secret_block, "c2VjcmV0IGJsb2Nr");
//! # Ok(())
//! # }
//! ```
// The protocol's own symbol names (A, B, S) are kept as they are in the RFCs.
#![allow(non_snake_case)]

use std::error::Error as StdError;
use std::fmt;
use std::sync::OnceLock;
use std::time::SystemTime;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use num_bigint::BigUint;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::secret::SecretString;
use time::{Month, Weekday};

use crate::protocol::bigint::{FixedBase, Montgomery};

/// The RFC 5054 3072-bit group's prime N.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1",
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245",
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D",
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D",
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9",
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64",
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B",
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31",
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);
/// N as bytes, decoded at compile time (so there is no runtime failure path).
const N_BYTES: [u8; 384] = decode_hex_const(N_HEX);
/// The generator g.
const G: u32 = 2;
/// HKDF `info` for the session key.
const HKDF_INFO: &[u8] = b"Caldera Derived Key";

/// Why an SRP step could not be computed.
#[derive(Debug)]
#[non_exhaustive]
pub enum SrpError {
    /// A hex parameter (`SALT`, `SRP_B`) was empty or held a non-hex character.
    InvalidHex {
        /// The challenge parameter's name.
        field: &'static str,
    },
    /// A base64 parameter (`SECRET_BLOCK`) ended in a lone character that
    /// cannot make a byte.
    InvalidBase64 {
        /// The challenge parameter's name.
        field: &'static str,
    },
    /// The pool id has no non-empty part after `_` (expected `region_id`).
    InvalidPoolId,
    /// The server's B is 0 modulo N, which would make the session key guessable.
    /// Abort the sign-in.
    ZeroB,
    /// The scrambling parameter u = H(PAD(A) | PAD(B)) is 0. Start again with a new `a`.
    ZeroU,
    /// The private value a is 0 modulo N.
    ZeroA,
    /// The time cannot be written as a `TIMESTAMP` (it is outside the years
    /// -9999 to 9999).
    TimestampOutOfRange,
    /// The source of random bytes failed.
    Random(Box<dyn StdError + Send + Sync>),
}

impl fmt::Display for SrpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidHex { field } => write!(f, "invalid hex in {field}"),
            Self::InvalidBase64 { field } => write!(f, "invalid base64 in {field}"),
            Self::InvalidPoolId => f.write_str("invalid user pool id"),
            Self::ZeroB => f.write_str("srp B is zero modulo N"),
            Self::ZeroU => f.write_str("srp u is zero"),
            Self::ZeroA => f.write_str("srp a is zero modulo N"),
            Self::TimestampOutOfRange => f.write_str("timestamp out of range"),
            Self::Random(_) => f.write_str("random number generator failed"),
        }
    }
}

impl StdError for SrpError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Self::Random(e) => Some(&**e as &(dyn StdError + 'static)),
            _ => None,
        }
    }
}

/// Who proves knowledge of a password: the realm (poolName, or DeviceGroupKey)
/// and the identity (USER_ID_FOR_SRP, or DeviceKey).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SrpIdentity<'a> {
    realm: &'a str,
    identity: &'a str,
}

impl<'a> SrpIdentity<'a> {
    /// A user of a pool: poolName is the part of `pool_id` after `_`
    /// (`us-east-1_AbC123` → `AbC123`), and `user_id_for_srp` is the challenge's
    /// `USER_ID_FOR_SRP`, not necessarily the name the user typed.
    ///
    /// # Errors
    /// [`SrpError::InvalidPoolId`] when `pool_id` has no non-empty part after `_`.
    pub fn user(pool_id: &'a str, user_id_for_srp: &'a str) -> Result<Self, SrpError> {
        // Both peers take `split('_')[1]`; a real pool id has exactly one `_`.
        match pool_id.split('_').nth(1) {
            Some(pool_name) if !pool_name.is_empty() => Ok(Self {
                realm: pool_name,
                identity: user_id_for_srp,
            }),
            _ => Err(SrpError::InvalidPoolId),
        }
    }

    /// A remembered device: its DeviceGroupKey and DeviceKey.
    pub fn device(device_group_key: &'a str, device_key: &'a str) -> Self {
        Self {
            realm: device_group_key,
            identity: device_key,
        }
    }

    /// The realm: poolName or DeviceGroupKey.
    pub fn realm(&self) -> &'a str {
        self.realm
    }

    /// The identity: USER_ID_FOR_SRP or DeviceKey.
    pub fn identity(&self) -> &'a str {
        self.identity
    }
}

/// The parameters of a `PASSWORD_VERIFIER` (or `DEVICE_PASSWORD_VERIFIER`)
/// challenge that enter the maths, exactly as received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordVerifierChallenge<'a> {
    /// `SALT`: hex of any length, odd included.
    pub salt: &'a str,
    /// `SRP_B`: hex of any length, odd included.
    pub srp_b: &'a str,
    /// `SECRET_BLOCK`: base64 from Cognito, a UUID from moto. Decoded leniently
    /// (see [`decode_secret_block`]) and sent back unchanged.
    pub secret_block: &'a str,
}

/// The answer to a `PASSWORD_VERIFIER` challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordClaim {
    /// `PASSWORD_CLAIM_SIGNATURE`: base64 of the HMAC.
    pub signature: String,
    /// `PASSWORD_CLAIM_SECRET_BLOCK`: the challenge's `SECRET_BLOCK`, byte for byte.
    pub secret_block: String,
    /// `TIMESTAMP`, e.g. `Wed Apr 5 22:42:34 UTC 2017`.
    pub timestamp: String,
}

/// The client side of one SRP exchange: the private value a and A = g^a mod N.
///
/// Its `Debug` shows A only.
pub struct SrpClient {
    a: BigUint,
    A: BigUint,
}

impl SrpClient {
    /// How many random bytes make the private value a.
    pub const PRIVATE_VALUE_LEN: usize = 128;

    /// A fresh client with a drawn from the operating system's random source.
    ///
    /// # Errors
    /// [`SrpError::Random`] when the operating system gives no random bytes.
    pub fn generate() -> Result<Self, SrpError> {
        Self::with_random(|buf: &mut [u8]| getrandom::getrandom(buf).map_err(|e| e.to_string()))
    }

    /// A client whose a is [`PRIVATE_VALUE_LEN`](Self::PRIVATE_VALUE_LEN) bytes
    /// written by `fill`.
    ///
    /// # Errors
    /// [`SrpError::Random`] when `fill` fails; [`SrpError::ZeroA`] when it
    /// writes only zeros.
    pub fn with_random<E>(
        mut fill: impl FnMut(&mut [u8]) -> Result<(), E>,
    ) -> Result<Self, SrpError>
    where
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        let mut a = Zeroizing::new([0u8; Self::PRIVATE_VALUE_LEN]);
        fill(&mut *a).map_err(|e| SrpError::Random(e.into()))?;
        Self::from_private_value(&*a)
    }

    /// A client with a given private value a (big-endian bytes, reduced mod N).
    /// For known-answer tests; sign-ins use [`generate`](Self::generate).
    ///
    /// # Errors
    /// [`SrpError::ZeroA`] when a ≡ 0 (mod N).
    pub fn from_private_value(a: &[u8]) -> Result<Self, SrpError> {
        let group = group();
        let a = BigUint::from_bytes_be(a) % &group.N;
        if is_zero(&a) {
            return Err(SrpError::ZeroA);
        }
        let A = compute_A(&a);
        Ok(Self { a, A })
    }

    /// `SRP_A`: A as plain lowercase hex, without padding.
    pub fn srp_a(&self) -> String {
        format!("{:x}", self.A)
    }

    /// Computes u, x, S and the session key for a challenge.
    ///
    /// # Errors
    /// [`SrpError::InvalidHex`] for a malformed `salt` or `srp_b`,
    /// [`SrpError::ZeroB`] when B ≡ 0 (mod N), [`SrpError::ZeroU`] when u = 0.
    pub fn derive(
        &self,
        who: &SrpIdentity<'_>,
        password: &str,
        salt: &str,
        srp_b: &str,
    ) -> Result<Derivation, SrpError> {
        let B = parse_hex("SRP_B", srp_b)?;
        let salt = parse_hex("SALT", salt)?;
        if is_zero(&(&B % &group().N)) {
            return Err(SrpError::ZeroB);
        }
        let u = compute_u(&self.A, &B)?;
        let x = compute_x(&salt, who.realm, who.identity, password);
        let S = compute_S(&B, &self.a, &u, &x);
        let key = compute_key(&S, &u);
        Ok(Derivation {
            realm: who.realm.to_owned(),
            identity: who.identity.to_owned(),
            u,
            x,
            S,
            key,
        })
    }

    /// Answers a `PASSWORD_VERIFIER` (or `DEVICE_PASSWORD_VERIFIER`) challenge
    /// at time `now`.
    ///
    /// # Errors
    /// As [`derive`](Self::derive), plus [`SrpError::InvalidBase64`] for an
    /// undecodable `SECRET_BLOCK` and [`SrpError::TimestampOutOfRange`].
    pub fn password_claim(
        &self,
        who: &SrpIdentity<'_>,
        password: &str,
        challenge: &PasswordVerifierChallenge<'_>,
        now: SystemTime,
    ) -> Result<PasswordClaim, SrpError> {
        self.derive(who, password, challenge.salt, challenge.srp_b)?
            .password_claim(challenge.secret_block, now)
    }
}

impl fmt::Debug for SrpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SrpClient")
            .field("A", &format_args!("{:x}", self.A))
            .field("a", &format_args!("[redacted]"))
            .finish()
    }
}

/// The values derived from one challenge: u (public), x, S and the session
/// key (secret). Its `Debug` shows the realm, identity and u only; the secret
/// values are reachable through the `expose_*` methods, meant for tests.
pub struct Derivation {
    realm: String,
    identity: String,
    u: BigUint,
    x: BigUint,
    S: BigUint,
    key: [u8; 16],
}

impl Derivation {
    /// u as lowercase hex without padding.
    pub fn u_hex(&self) -> String {
        format!("{:x}", self.u)
    }

    /// x (the salted password hash) as lowercase hex without padding. Secret.
    pub fn expose_x_hex(&self) -> String {
        format!("{:x}", self.x)
    }

    /// S (the shared secret) as lowercase hex without padding. Secret.
    pub fn expose_S_hex(&self) -> String {
        format!("{:x}", self.S)
    }

    /// The 16-byte HKDF session key. Secret.
    pub fn expose_key(&self) -> [u8; 16] {
        self.key
    }

    /// Signs `secret_block` at time `now`.
    ///
    /// # Errors
    /// [`SrpError::InvalidBase64`] for an undecodable `secret_block`,
    /// [`SrpError::TimestampOutOfRange`] for a time outside the years -9999 to
    /// 9999.
    pub fn password_claim(
        &self,
        secret_block: &str,
        now: SystemTime,
    ) -> Result<PasswordClaim, SrpError> {
        let secret_block_bytes = decode_secret_block(secret_block)?;
        let timestamp = timestamp(now)?;
        let signature = compute_signature(
            &self.key,
            &self.realm,
            &self.identity,
            &secret_block_bytes,
            &timestamp,
        );
        Ok(PasswordClaim {
            signature,
            secret_block: secret_block.to_owned(),
            timestamp,
        })
    }
}

impl Drop for Derivation {
    fn drop(&mut self) {
        // x and S are num-bigint values, which cannot be wiped; see the
        // module docs.
        self.key.zeroize();
    }
}

impl fmt::Debug for Derivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Derivation")
            .field("realm", &self.realm)
            .field("identity", &self.identity)
            .field("u", &format_args!("{:x}", self.u))
            .field("x", &format_args!("[redacted]"))
            .field("S", &format_args!("[redacted]"))
            .field("key", &format_args!("[redacted]"))
            .finish()
    }
}

/// What `ConfirmDevice` needs for a new device, and the device password to keep.
///
/// Made as amazon-cognito-identity-js does: the password is 40 random bytes in
/// base64; the salt is PAD of 16 random bytes read as a number; the verifier is
/// PAD(g^x mod N) with x = H(PAD(salt) | H(DeviceGroupKey | DeviceKey | ":" | password)).
/// Its `Debug` hides the password.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceVerifier {
    device_password: SecretString,
    salt: String,
    password_verifier: String,
}

impl DeviceVerifier {
    /// How many random bytes make the device password.
    pub const PASSWORD_LEN: usize = 40;
    /// How many random bytes make the salt.
    pub const SALT_LEN: usize = 16;

    /// A verifier for a new device, with randomness from the operating system.
    ///
    /// # Errors
    /// [`SrpError::Random`] when the operating system gives no random bytes.
    pub fn generate(device_group_key: &str, device_key: &str) -> Result<Self, SrpError> {
        Self::with_random(device_group_key, device_key, |buf: &mut [u8]| {
            getrandom::getrandom(buf).map_err(|e| e.to_string())
        })
    }

    /// A verifier whose password bytes, then salt bytes, are written by `fill`.
    ///
    /// # Errors
    /// [`SrpError::Random`] when `fill` fails.
    pub fn with_random<E>(
        device_group_key: &str,
        device_key: &str,
        mut fill: impl FnMut(&mut [u8]) -> Result<(), E>,
    ) -> Result<Self, SrpError>
    where
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        let mut password = Zeroizing::new([0u8; Self::PASSWORD_LEN]);
        fill(&mut *password).map_err(|e| SrpError::Random(e.into()))?;
        let mut salt = [0u8; Self::SALT_LEN];
        fill(&mut salt).map_err(|e| SrpError::Random(e.into()))?;
        let encoded = Zeroizing::new(STANDARD.encode(*password));
        Ok(Self::from_parts(
            device_group_key,
            device_key,
            &encoded,
            &salt,
        ))
    }

    /// A verifier from a given device password and salt (big-endian bytes, any
    /// length). For known-answer tests.
    pub fn from_parts(
        device_group_key: &str,
        device_key: &str,
        device_password: &str,
        salt: &[u8],
    ) -> Self {
        let group = group();
        let salt = BigUint::from_bytes_be(salt);
        let x = compute_x(&salt, device_group_key, device_key, device_password);
        let verifier = group.g_pow_x(&x);
        Self {
            device_password: SecretString::from(device_password),
            salt: STANDARD.encode(pad(&salt)),
            password_verifier: STANDARD.encode(pad(&verifier)),
        }
    }

    /// The device password to store with the device key. Secret.
    pub fn expose_device_password(&self) -> &str {
        self.device_password.expose_secret()
    }

    /// `DeviceSecretVerifierConfig.Salt`: base64.
    pub fn salt(&self) -> &str {
        &self.salt
    }

    /// `DeviceSecretVerifierConfig.PasswordVerifier`: base64.
    pub fn password_verifier(&self) -> &str {
        &self.password_verifier
    }
}

impl fmt::Debug for DeviceVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceVerifier")
            .field("device_password", &format_args!("[redacted]"))
            .field("salt", &self.salt)
            .field("password_verifier", &self.password_verifier)
            .finish()
    }
}

/// `TIMESTAMP` as Cognito wants it: UTC, English names, day of month not
/// padded, e.g. `Wed Apr 5 22:42:34 UTC 2017`.
///
/// # Errors
/// [`SrpError::TimestampOutOfRange`] when `now` is outside the years -9999 to
/// 9999.
pub fn timestamp(now: SystemTime) -> Result<String, SrpError> {
    let utc = crate::clock::to_offset_date_time(now).ok_or(SrpError::TimestampOutOfRange)?;
    let weekday = match utc.weekday() {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    };
    let month = match utc.month() {
        Month::January => "Jan",
        Month::February => "Feb",
        Month::March => "Mar",
        Month::April => "Apr",
        Month::May => "May",
        Month::June => "Jun",
        Month::July => "Jul",
        Month::August => "Aug",
        Month::September => "Sep",
        Month::October => "Oct",
        Month::November => "Nov",
        Month::December => "Dec",
    };
    Ok(format!(
        "{weekday} {month} {} {:02}:{:02}:{:02} UTC {}",
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second(),
        utc.year()
    ))
}

/// Decodes `SECRET_BLOCK` leniently, as Python's non-validating `b64decode`
/// does: characters outside the base64 alphabet (a UUID's dashes, line breaks,
/// anything non-ASCII) are dropped, and decoding stops at the padding that
/// ends a group. Unlike Python, missing final padding is tolerated.
///
/// # Errors
/// [`SrpError::InvalidBase64`] when the kept characters end in a lone one,
/// which cannot make a byte.
pub fn decode_secret_block(secret_block: &str) -> Result<Vec<u8>, SrpError> {
    let mut out = Vec::with_capacity(secret_block.len() / 4 * 3 + 2);
    let mut quad = 0u8; // position inside the current group of four characters
    let mut left = 0u8; // bits read but not yet written
    let mut pads = 0u8;
    for c in secret_block.bytes() {
        if c == b'=' {
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = base64_value(c) else {
            continue;
        };
        pads = 0;
        match quad {
            0 => {
                left = v;
                quad = 1;
            }
            1 => {
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
                quad = 2;
            }
            2 => {
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
                quad = 3;
            }
            _ => {
                out.push((left << 6) | v);
                left = 0;
                quad = 0;
            }
        }
    }
    if quad == 1 {
        return Err(SrpError::InvalidBase64 {
            field: "SECRET_BLOCK",
        });
    }
    Ok(out)
}

// ---- one small function per step ------------------------------------------

/// Limbs of N, in 64 bits.
const N_LIMBS: usize = 48;
/// The longest exponent of the fixed-base table for `g^a`: a is
/// [`SrpClient::PRIVATE_VALUE_LEN`] bytes.
const A_BITS: usize = 8 * SrpClient::PRIVATE_VALUE_LEN;
/// The longest exponent of the fixed-base table for `g^x`: x is a SHA-256.
const X_BITS: usize = 256;
/// Teeth of the fixed-base table for g^a: 2^7 = 128 entries (48 KiB), 147
/// squarings and multiplications per g^a. Measured (CPU time, 3072-bit N):
/// 5 teeth 1.16 ms, 6 0.99 ms, 7 0.98 ms, 8 1.03 ms; a general
/// exponentiation 3.2 ms.
const A_TEETH: usize = 7;
/// Teeth of the fixed-base table for g^x: 2^5 = 32 entries (12 KiB), 52
/// squarings and multiplications per g^x, and cheap to build.
const X_TEETH: usize = 5;

struct Group {
    N: BigUint,
    k: BigUint,
    /// Montgomery context for N.
    mont: Montgomery,
    /// Comb table for g^a (exponents up to [`A_BITS`]; longer ones fall back).
    g_a: FixedBase,
    /// Comb table for g^x (exponents up to [`X_BITS`]).
    g_x: FixedBase,
}

impl Group {
    /// g^a mod N for the private value a.
    fn g_pow_a(&self, a: &BigUint) -> BigUint {
        from_limbs(&self.g_a.pow(&self.mont, &a.to_u64_digits()))
    }

    /// g^x mod N for the password hash x.
    fn g_pow_x(&self, x: &BigUint) -> BigUint {
        from_limbs(&self.g_x.pow(&self.mont, &x.to_u64_digits()))
    }
}

/// N, g and k, the Montgomery context and the fixed-base tables for g,
/// computed once per process (the tables take about as long as one
/// exponentiation; every sign-in after the first reuses them).
fn group() -> &'static Group {
    static GROUP: OnceLock<Group> = OnceLock::new();
    GROUP.get_or_init(|| {
        let N = BigUint::from_bytes_be(&N_BYTES);
        let g = BigUint::from(G);
        let k = BigUint::from_bytes_be(&sha256(&[&pad(&N), &pad(&g)]));
        let mont = Montgomery::new(&N);
        let g_limbs = to_limbs(&g);
        let g_a = FixedBase::new(&mont, &g_limbs, A_TEETH, A_BITS);
        let g_x = FixedBase::new(&mont, &g_limbs, X_TEETH, X_BITS);
        Group {
            N,
            k,
            mont,
            g_a,
            g_x,
        }
    })
}

/// A number below N as [`N_LIMBS`] little-endian limbs.
fn to_limbs(n: &BigUint) -> Vec<u64> {
    let mut limbs: Vec<u64> = n.iter_u64_digits().collect();
    limbs.resize(N_LIMBS, 0);
    limbs
}

/// Little-endian limbs to a number.
fn from_limbs(limbs: &[u64]) -> BigUint {
    BigUint::new(
        limbs
            .iter()
            .flat_map(|&l| [l as u32, (l >> 32) as u32])
            .collect(),
    )
}

/// A = g^a mod N.
fn compute_A(a: &BigUint) -> BigUint {
    group().g_pow_a(a)
}

/// u = H(PAD(A) | PAD(B)), refused when 0.
fn compute_u(A: &BigUint, B: &BigUint) -> Result<BigUint, SrpError> {
    nonzero_u(BigUint::from_bytes_be(&sha256(&[&pad(A), &pad(B)])))
}

fn nonzero_u(u: BigUint) -> Result<BigUint, SrpError> {
    if is_zero(&u) {
        Err(SrpError::ZeroU)
    } else {
        Ok(u)
    }
}

/// x = H(PAD(salt) | H(realm | identity | ":" | password)).
fn compute_x(salt: &BigUint, realm: &str, identity: &str, password: &str) -> BigUint {
    let inner = Zeroizing::new(sha256(&[
        realm.as_bytes(),
        identity.as_bytes(),
        b":",
        password.as_bytes(),
    ]));
    let x = Zeroizing::new(sha256(&[&pad(salt), &*inner]));
    BigUint::from_bytes_be(&*x)
}

/// S = (B − k·g^x)^(a + u·x) mod N, with B − k·g^x brought into [0, N) first.
fn compute_S(B: &BigUint, a: &BigUint, u: &BigUint, x: &BigUint) -> BigUint {
    let group = group();
    // k·g^x and the subtraction in constant time on limbs; B is public.
    let gx = group.g_x.pow(&group.mont, &x.to_u64_digits());
    let kgx = group.mont.mod_mul(&to_limbs(&group.k), &gx);
    let base = group.mont.mod_sub(&to_limbs(&(B % &group.N)), &kgx);
    let exp = a + u * x;
    from_limbs(&group.mont.pow(&base, &exp.to_u64_digits()))
}

/// key = HKDF-SHA256(ikm = PAD(S), salt = PAD(u), info)[..16]; one HKDF-Expand block.
fn compute_key(S: &BigUint, u: &BigUint) -> [u8; 16] {
    let ikm = pad_secret(S);
    let prk = Zeroizing::new(hmac_sha256(&pad(u), &[&ikm]));
    let okm = Zeroizing::new(hmac_sha256(&*prk, &[HKDF_INFO, &[1]]));
    let mut key = [0u8; 16];
    key.copy_from_slice(&okm[..16]);
    key
}

/// base64(HMAC-SHA256(key, realm | identity | secretBlock | timestamp)).
fn compute_signature(
    key: &[u8; 16],
    realm: &str,
    identity: &str,
    secret_block: &[u8],
    timestamp: &str,
) -> String {
    STANDARD.encode(hmac_sha256(
        key,
        &[
            realm.as_bytes(),
            identity.as_bytes(),
            secret_block,
            timestamp.as_bytes(),
        ],
    ))
}

// ---- encodings ---------------------------------------------------------------

/// PAD(n): big-endian bytes, with a leading zero byte when the top bit is set.
/// PAD(0) is one zero byte.
/// [`pad`] for a secret: every byte buffer it makes is wiped when dropped.
fn pad_secret(n: &BigUint) -> Zeroizing<Vec<u8>> {
    let bytes = Zeroizing::new(n.to_bytes_be());
    let mut padded = Zeroizing::new(Vec::with_capacity(bytes.len() + 1));
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        padded.push(0);
    }
    padded.extend_from_slice(&bytes);
    padded
}

fn pad(n: &BigUint) -> Vec<u8> {
    let bytes = n.to_bytes_be();
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        let mut padded = Vec::with_capacity(bytes.len() + 1);
        padded.push(0);
        padded.extend_from_slice(&bytes);
        padded
    } else {
        bytes
    }
}

/// Hex digits only (either case, any length, odd included); nothing else.
fn parse_hex(field: &'static str, hex: &str) -> Result<BigUint, SrpError> {
    if hex.is_empty() || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return Err(SrpError::InvalidHex { field });
    }
    BigUint::parse_bytes(hex.as_bytes(), 16).ok_or(SrpError::InvalidHex { field })
}

fn is_zero(n: &BigUint) -> bool {
    n.bits() == 0
}

fn base64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part);
    }
    hash.finalize().into()
}

fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        // HMAC takes keys of any length (long ones are hashed), so this cannot happen.
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// Decodes a hex string at compile time; a bad constant fails the build.
const fn decode_hex_const<const L: usize>(hex: &str) -> [u8; L] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => panic!("not a hex digit"),
        }
    }
    let hex = hex.as_bytes();
    assert!(hex.len() == 2 * L, "hex constant has the wrong length");
    let mut out = [0u8; L];
    let mut i = 0;
    while i < L {
        out[i] = (nibble(hex[2 * i]) << 4) | nibble(hex[2 * i + 1]);
        i += 1;
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test may panic
mod tests;
