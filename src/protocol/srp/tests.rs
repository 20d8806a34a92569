//! Unit tests of `src/protocol/srp/mod.rs`: the SRP client, step by step.

use super::*;
use std::time::{Duration, UNIX_EPOCH};
use time::macros::datetime;

const A_BYTES: [u8; 4] = [0x12, 0x34, 0x56, 0x78];

fn client() -> SrpClient {
    SrpClient::from_private_value(&A_BYTES).unwrap()
}

fn user() -> SrpIdentity<'static> {
    SrpIdentity::user("us-east-1_AbC123", "alice").unwrap()
}

#[test]
fn k_matches_the_value_every_cognito_client_uses() {
    let k = format!("{:x}", group().k);
    assert_eq!(
        k, "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6",
        "k = H(PAD(N) | PAD(g))"
    );
    assert_eq!(group().N.bits(), 3072, "N is the 3072-bit prime");
}

#[test]
fn pad_is_the_shortest_signed_big_endian_form() {
    let cases: [(u64, &[u8]); 8] = [
        (0, &[0x00]),
        (1, &[0x01]),
        (0x7f, &[0x7f]),
        (0x80, &[0x00, 0x80]),
        (0xff, &[0x00, 0xff]),
        (0x0100, &[0x01, 0x00]),
        (0x7fff, &[0x7f, 0xff]),
        (0x8000, &[0x00, 0x80, 0x00]),
    ];
    for (n, want) in cases {
        assert_eq!(pad(&BigUint::from(n)), want, "PAD({n:#x})");
    }
    let padded_n = pad(&group().N);
    assert_eq!(padded_n.len(), 385, "PAD(N): N's top bit is set");
    assert_eq!(padded_n.first(), Some(&0), "PAD(N) starts with a zero byte");
}

#[test]
fn b_congruent_to_zero_is_refused() {
    let n_hex = format!("{:x}", group().N);
    let two_n_hex = format!("{:x}", &group().N * 2u32);
    let long_zero = "0".repeat(10_000);
    for b in [
        "0",
        "00",
        "000",
        n_hex.as_str(),
        &n_hex.to_uppercase(),
        &two_n_hex,
        &long_zero,
    ] {
        let err = client().derive(&user(), "pw", "abcd", b).unwrap_err();
        assert!(
            matches!(err, SrpError::ZeroB),
            "B = {:.20}…: got {err:?}",
            b
        );
    }
}

#[test]
fn zero_u_is_refused() {
    // u = H(PAD(A) | PAD(B)) = 0 cannot be reached through SHA-256, so the check is tested directly.
    assert!(
        matches!(nonzero_u(BigUint::from(0u32)), Err(SrpError::ZeroU)),
        "u = 0"
    );
    assert_eq!(
        nonzero_u(BigUint::from(1u32)).unwrap(),
        BigUint::from(1u32),
        "u = 1"
    );
}

#[test]
fn zero_a_is_refused() {
    assert!(
        matches!(
            SrpClient::from_private_value(&[0; 128]),
            Err(SrpError::ZeroA)
        ),
        "a = 0"
    );
    let n = group().N.to_bytes_be();
    assert!(
        matches!(SrpClient::from_private_value(&n), Err(SrpError::ZeroA)),
        "a = N"
    );
    let all_zero_rng = |buf: &mut [u8]| -> Result<(), &'static str> {
        buf.fill(0);
        Ok(())
    };
    assert!(
        matches!(SrpClient::with_random(all_zero_rng), Err(SrpError::ZeroA)),
        "zero rng"
    );
}

#[test]
fn a_failing_random_source_is_a_typed_error_with_its_source() {
    let err = SrpClient::with_random(|_: &mut [u8]| Err("no entropy")).unwrap_err();
    assert_eq!(err.to_string(), "random number generator failed", "display");
    assert_eq!(
        err.source().map(|e| e.to_string()).as_deref(),
        Some("no entropy"),
        "source"
    );
    let err = DeviceVerifier::with_random("g", "k", |_: &mut [u8]| Err("no entropy")).unwrap_err();
    assert!(matches!(err, SrpError::Random(_)), "device: {err:?}");
}

#[test]
fn random_a_is_128_bytes() {
    let mut asked = Vec::new();
    let client = SrpClient::with_random(|buf: &mut [u8]| -> Result<(), &'static str> {
        asked.push(buf.len());
        buf.fill(0xab);
        Ok(())
    })
    .unwrap();
    assert_eq!(asked, [128], "one draw of 128 bytes");
    assert_eq!(
        client.a,
        BigUint::from_bytes_be(&[0xab; 128]),
        "a is the drawn bytes"
    );
    let a = SrpClient::generate().unwrap();
    let b = SrpClient::generate().unwrap();
    assert_ne!(a.srp_a(), b.srp_a(), "two generated clients differ");
}

#[test]
fn srp_a_is_plain_lowercase_hex() {
    let srp_a = client().srp_a();
    assert!(
        srp_a
            .bytes()
            .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')),
        "{srp_a}"
    );
    assert!(!srp_a.starts_with('0'), "no padding: {srp_a}");
    assert_eq!(
        SrpClient::from_private_value(&[1]).unwrap().srp_a(),
        "2",
        "g^1"
    );
}

#[test]
fn hostile_hex_is_refused() {
    let hostile = [
        "", "0x12", "zz", "12 34", " 12", "12\n", "+12", "-12", "_12", "1_2", "١٢", "ab\u{0}",
        "ａｂ",
    ];
    for bad in hostile {
        let err = client().derive(&user(), "pw", bad, "abcd").unwrap_err();
        assert!(
            matches!(err, SrpError::InvalidHex { field: "SALT" }),
            "SALT {bad:?}: {err:?}"
        );
        let err = client().derive(&user(), "pw", "abcd", bad).unwrap_err();
        assert!(
            matches!(err, SrpError::InvalidHex { field: "SRP_B" }),
            "SRP_B {bad:?}: {err:?}"
        );
    }
}

#[test]
fn hex_of_any_length_and_case_is_accepted() {
    let reference = client().derive(&user(), "pw", "0abc", "0def").unwrap();
    for (salt, b) in [
        ("abc", "def"),
        ("ABC", "DEF"),
        ("000abc", "0000def"),
        ("0AbC", "dEf"),
    ] {
        let d = client().derive(&user(), "pw", salt, b).unwrap();
        assert_eq!(d.expose_key(), reference.expose_key(), "salt {salt}, B {b}");
    }
    assert!(
        client().derive(&user(), "pw", "7", "1").is_ok(),
        "one digit each"
    );
}

#[test]
fn negative_base_is_reduced_into_the_group() {
    // B = 1 makes B − k·g^x negative; S must be the residue in [0, N) that
    // signed arithmetic gives (BigInt::modpow floors).
    use num_bigint::BigInt;
    let c = client();
    let d = c.derive(&user(), "pw", "abcd", "1").unwrap();
    let group = group();
    let kgx = BigInt::from(&group.k * BigUint::from(G).modpow(&d.x, &group.N));
    let base = BigInt::from(1u32) - kgx;
    assert!(
        base < BigInt::from(0u32),
        "the base is negative before reduction"
    );
    let want = base.modpow(
        &BigInt::from(&c.a + &d.u * &d.x),
        &BigInt::from(group.N.clone()),
    );
    assert_eq!(
        BigInt::from(d.S.clone()),
        want,
        "S = (B − k·g^x)^(a + u·x) mod N"
    );
}

#[test]
fn pool_name_is_the_part_after_the_underscore() {
    assert_eq!(
        SrpIdentity::user("eu-west-1_XyZ", "u").unwrap().realm(),
        "XyZ",
        "pool name"
    );
    for bad in ["", "nounderscore", "us-east-1_"] {
        assert!(
            matches!(SrpIdentity::user(bad, "u"), Err(SrpError::InvalidPoolId)),
            "{bad:?}"
        );
    }
    let device = SrpIdentity::device("-group", "us-east-1_dev");
    assert_eq!(
        (device.realm(), device.identity()),
        ("-group", "us-east-1_dev"),
        "device"
    );
}

#[test]
fn timestamps_across_months_weekdays_and_days() {
    let cases: [(u64, &str); 23] = [
        (1609459633, "Fri Jan 1 00:07:13 UTC 2021"),
        (1614474866, "Sun Feb 28 01:14:26 UTC 2021"),
        (1614936099, "Fri Mar 5 09:21:39 UTC 2021"),
        (1619778532, "Fri Apr 30 10:28:52 UTC 2021"),
        (1620563705, "Sun May 9 12:35:05 UTC 2021"),
        (1623368538, "Thu Jun 10 23:42:18 UTC 2021"),
        (1625377771, "Sun Jul 4 05:49:31 UTC 2021"),
        (1630432604, "Tue Aug 31 17:56:44 UTC 2021"),
        (1631045037, "Tue Sep 7 20:03:57 UTC 2021"),
        (1634267410, "Fri Oct 15 03:10:10 UTC 2021"),
        (1635891443, "Tue Nov 2 22:17:23 UTC 2021"),
        (1640438676, "Sat Dec 25 13:24:36 UTC 2021"),
        (1491259354, "Mon Apr 3 22:42:34 UTC 2017"),
        (1491345754, "Tue Apr 4 22:42:34 UTC 2017"),
        (1491432154, "Wed Apr 5 22:42:34 UTC 2017"),
        (1491518554, "Thu Apr 6 22:42:34 UTC 2017"),
        (1491604954, "Fri Apr 7 22:42:34 UTC 2017"),
        (1491691354, "Sat Apr 8 22:42:34 UTC 2017"),
        (1491777754, "Sun Apr 9 22:42:34 UTC 2017"),
        (1709251199, "Thu Feb 29 23:59:59 UTC 2024"),
        (946684799, "Fri Dec 31 23:59:59 UTC 1999"),
        (946684800, "Sat Jan 1 00:00:00 UTC 2000"),
        (2147483648, "Tue Jan 19 03:14:08 UTC 2038"),
    ];
    for (unix, want) in cases {
        let now = UNIX_EPOCH + Duration::from_secs(unix);
        assert_eq!(timestamp(now).unwrap(), want, "unix {unix}");
    }
}

#[test]
fn timestamp_is_written_in_utc_whatever_the_offset() {
    let tokyo = SystemTime::from(datetime!(2017-04-06 07:42:34 +09:00));
    assert_eq!(
        timestamp(tokyo).unwrap(),
        "Wed Apr 5 22:42:34 UTC 2017",
        "+09:00"
    );
    let edge = SystemTime::from(datetime!(9999-12-31 23:59:59 -01:00));
    assert!(
        matches!(timestamp(edge), Err(SrpError::TimestampOutOfRange)),
        "past year 9999"
    );
}

#[test]
fn secret_block_is_decoded_like_python() {
    let cases: [(&str, &[u8]); 9] = [
        ("c2VjcmV0", b"secret"),
        ("c2VjcmV0IQ==", b"secret!"),
        ("c2Vj\ncmV0\r\nIQ==", b"secret!"),
        ("c2VjcmV0IQ", b"secret!"),       // missing padding tolerated
        ("c2VjcmV0IQ==AAAA", b"secret!"), // stops at the padding
        ("c2Vj=cmV0", b"secret"),         // '=' too early is ignored
        ("c2Vj\u{e9}cmV0", b"secret"),    // non-ASCII dropped
        ("", b""),
        ("====", b""),
    ];
    for (input, want) in cases {
        assert_eq!(decode_secret_block(input).unwrap(), want, "{input:?}");
    }
    let uuid = decode_secret_block("0f8fad5b-d9cb-469f-a165-70867728950e").unwrap();
    assert_eq!(uuid.len(), 24, "a UUID: 32 characters without dashes");
    assert_eq!(
        uuid,
        STANDARD.decode("0f8fad5bd9cb469fa16570867728950e").unwrap(),
        "dashes dropped"
    );
    for bad in ["A", "c2VjcmV0I", "AAAAB===", "-_-_-_-_-A"] {
        let err = decode_secret_block(bad).unwrap_err();
        assert!(
            matches!(
                err,
                SrpError::InvalidBase64 {
                    field: "SECRET_BLOCK"
                }
            ),
            "{bad:?}: {err:?}"
        );
    }
}

#[test]
fn the_claim_sends_the_secret_block_back_unchanged() {
    let uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
    let challenge = PasswordVerifierChallenge {
        salt: "abcd",
        srp_b: "1234",
        secret_block: uuid,
    };
    let claim = client()
        .password_claim(
            &user(),
            "pw",
            &challenge,
            SystemTime::from(datetime!(2017-04-05 22:42:34 UTC)),
        )
        .unwrap();
    assert_eq!(claim.secret_block, uuid, "PASSWORD_CLAIM_SECRET_BLOCK");
    assert_eq!(claim.timestamp, "Wed Apr 5 22:42:34 UTC 2017", "TIMESTAMP");
    assert_eq!(
        STANDARD.decode(&claim.signature).unwrap().len(),
        32,
        "HMAC-SHA256 in base64"
    );
}

#[test]
fn device_verifier_draws_40_then_16_bytes() {
    let mut asked = Vec::new();
    let v = DeviceVerifier::with_random(
        "group",
        "us-east-1_dev",
        |buf: &mut [u8]| -> Result<(), &'static str> {
            asked.push(buf.len());
            buf.fill(0xff);
            Ok(())
        },
    )
    .unwrap();
    assert_eq!(asked, [40, 16], "password then salt");
    assert_eq!(
        v.expose_device_password(),
        STANDARD.encode([0xff; 40]),
        "password is base64"
    );
    assert_eq!(
        STANDARD.decode(v.salt()).unwrap().len(),
        17,
        "salt 0xff… gets a zero byte"
    );
    let verifier = STANDARD.decode(v.password_verifier()).unwrap();
    assert!(
        verifier.first().is_some_and(|b| b & 0x80 == 0),
        "verifier is PAD(g^x)"
    );
    let fresh = DeviceVerifier::generate("group", "us-east-1_dev").unwrap();
    assert_ne!(
        fresh.expose_device_password(),
        v.expose_device_password(),
        "fresh password"
    );
    assert_eq!(
        STANDARD
            .decode(fresh.expose_device_password())
            .unwrap()
            .len(),
        40,
        "40 bytes"
    );
}

#[test]
fn secrets_stay_out_of_debug() {
    let c = client();
    let shown = format!("{c:?}");
    assert!(
        shown.contains(&c.srp_a()) && !shown.contains(&format!("{:x}", c.a)),
        "{shown}"
    );
    let d = c.derive(&user(), "hunter2", "abcd", "1234").unwrap();
    let shown = format!("{d:?}");
    for secret in [
        d.expose_x_hex(),
        d.expose_S_hex(),
        STANDARD.encode(d.expose_key()),
    ] {
        assert!(!shown.contains(&secret), "derivation debug leaks {secret}");
    }
    assert!(
        shown.contains("[redacted]") && !shown.contains("hunter2"),
        "{shown}"
    );
    let v = DeviceVerifier::from_parts("g", "k", "device-secret-password", &[1, 2, 3]);
    let shown = format!("{v:?}");
    assert!(!shown.contains("device-secret-password"), "{shown}");
}

#[test]
fn errors_display_short_lowercase_messages() {
    let errors = [
        SrpError::InvalidHex { field: "SRP_B" },
        SrpError::InvalidBase64 {
            field: "SECRET_BLOCK",
        },
        SrpError::InvalidPoolId,
        SrpError::ZeroB,
        SrpError::ZeroU,
        SrpError::ZeroA,
        SrpError::TimestampOutOfRange,
    ];
    for e in errors {
        let text = e.to_string();
        assert!(text.starts_with(|c: char| c.is_ascii_lowercase()), "{text}");
        assert!(e.source().is_none(), "{text} has no source");
    }
}
