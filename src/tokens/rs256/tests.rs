//! Unit tests of `src/rs256.rs`: the RS256 verifier.

use super::*;
use crate::protocol::bigint::limbs_from_be;
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
    let em = encode(&digest, 256).unwrap();
    assert_eq!(em.len(), 256, "length k");
    assert_eq!(&em[..2], &[0, 1], "prefix");
    assert!(em[2..204].iter().all(|&b| b == 0xff), "padding string");
    assert_eq!(em[204], 0, "separator");
    assert_eq!(&em[205..224], &SHA256_DIGEST_INFO, "digest info");
    assert_eq!(&em[224..], &digest, "hash");
    assert!(
        encode(&digest, 62).is_some(),
        "8 bytes of padding is the minimum"
    );
    assert_eq!(encode(&digest, 61), None, "7 bytes of padding is too few");
    assert_eq!(encode(&digest, 8), None, "tiny k");
}

#[test]
fn debug_shows_size_not_limbs() {
    assert_eq!(
        format!("{:?}", rfc_key()),
        "Rs256PublicKey { bits: 2048, e: 65537, .. }",
        "debug"
    );
}

/// [`encode_em`] into a buffer of length `k`, as an owned value.
fn encode(digest: &[u8; 32], k: usize) -> Option<Vec<u8>> {
    let mut em = vec![0u8; k];
    encode_em(digest, &mut em).map(<[u8]>::to_vec)
}
