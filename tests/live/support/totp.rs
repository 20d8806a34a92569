//! RFC 6238 TOTP (HMAC-SHA1, 30 s steps), written here so the live tests make real codes for
//! the emulators that check them (moto started with `MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true`,
//! and cognito-local). The vectors are tested in `tests/live/signin_moto.rs`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// The time step, seconds.
pub(crate) const STEP: u64 = 30;
/// A code is made only this far from the end of its step (moto has no tolerance window).
const MARGIN: f64 = 3.0;

/// RFC 4648 base32, after padding to a multiple of 8 characters as moto does
/// (`asdfasdfasdf` is 12 characters, 60 bits, unpadded).
pub(crate) fn decode_base32(secret: &str) -> Vec<u8> {
    let mut padded = secret.to_ascii_uppercase();
    while !padded.len().is_multiple_of(8) {
        padded.push('=');
    }
    let (mut bits, mut count, mut out) = (0u32, 0u32, Vec::new());
    for c in padded.bytes().take_while(|&c| c != b'=') {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => panic!("not base32: {:?}", c as char),
        };
        bits = (bits << 5) | u32::from(value);
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

/// RFC 4226 HOTP.
pub(crate) fn hotp(key: &[u8], counter: u64, digits: u32) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).unwrap();
    mac.update(&counter.to_be_bytes());
    let mac = mac.finalize().into_bytes();
    let offset = usize::from(mac[19] & 0x0f);
    let binary = u32::from_be_bytes(mac[offset..offset + 4].try_into().unwrap()) & 0x7fff_ffff;
    format!(
        "{:0width$}",
        binary % 10u32.pow(digits),
        width = digits as usize
    )
}

/// The 6-digit TOTP code for `secret` at `unix` seconds.
pub(crate) fn code_at(secret: &str, unix: u64) -> String {
    hotp(&decode_base32(secret), unix / STEP, 6)
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// The current code, after waiting out the last seconds of a step if need be, so it is still
/// current when the server checks it.
pub(crate) fn code_now(secret: &str) -> String {
    let into = now() % STEP as f64;
    if into > STEP as f64 - MARGIN {
        std::thread::sleep(Duration::from_secs_f64(STEP as f64 - into + 0.05));
    }
    code_at(secret, now() as u64)
}

/// A code that is none of those of the previous, current and next step (moto accepts only the
/// current one, cognito-local all three).
pub(crate) fn wrong_code(secret: &str) -> String {
    let t = now() as u64;
    let near: Vec<String> = [t - STEP, t, t + STEP]
        .iter()
        .map(|&t| code_at(secret, t))
        .collect();
    (0..)
        .map(|n: u32| format!("{:06}", (123_456 + n) % 1_000_000))
        .find(|c| !near.contains(c))
        .unwrap()
}
