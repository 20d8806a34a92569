//! Known answers for `cognito::srp` from two independent implementations.
//!
//! `fixtures/srp/vectors.json` and `fixtures/srp/device-vectors.json` were written
//! by `scripts/srp/vectors`, which drives pinned pycognito and
//! amazon-cognito-identity-js with a fixed private value and clock. Every
//! intermediate value is checked. With `SRP_VECTORS=FILE` the test reads that
//! one file instead (e.g. from `scripts/srp/vectors --fresh 50 FILE`).

use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use cognito::srp::{DeviceVerifier, PasswordVerifierChallenge, SrpClient, SrpIdentity};
use serde_json::Value;

/// The files to read: `$SRP_VECTORS`, or the committed fixtures.
fn vector_files() -> Vec<PathBuf> {
    match std::env::var_os("SRP_VECTORS") {
        Some(file) => vec![PathBuf::from(file)],
        None => {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/srp");
            vec![dir.join("vectors.json"), dir.join("device-vectors.json")]
        }
    }
}

/// Every vector of one kind (`vectors`, `device_auth`, `device_verifiers`) in the files.
fn vectors(kind: &str) -> Vec<Value> {
    let mut all = Vec::new();
    for file in vector_files() {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
        let doc: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("parsing {}: {e}", file.display()));
        assert!(
            doc["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{} says where it came from",
            file.display()
        );
        if let Some(list) = doc[kind].as_array() {
            all.extend(list.iter().cloned());
        }
    }
    all
}

fn text<'a>(v: &'a Value, key: &str, name: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("vector {name}: `{key}` is missing or not a string"))
}

fn hex_bytes(hex: &str, name: &str) -> Vec<u8> {
    assert!(
        hex.len().is_multiple_of(2),
        "vector {name}: even-length hex expected"
    );
    (0..hex.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or_else(|e| panic!("vector {name}: {e}"))
        })
        .collect()
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks one PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER vector, value by value.
fn check_srp_vector(kind: &str, v: &Value) {
    let name = &format!("{kind}/{}", text(v, "name", "?"));
    let (i, e) = (&v["inputs"], &v["expected"]);

    let client = SrpClient::from_private_value(&hex_bytes(text(i, "a", name), name))
        .unwrap_or_else(|err| panic!("vector {name}: a: {err}"));
    assert_eq!(
        client.srp_a(),
        text(e, "A", name),
        "vector {name}: A (SRP_A)"
    );

    let (who, password) = if i.get("pool_id").is_some() {
        let who = SrpIdentity::user(text(i, "pool_id", name), text(i, "user_id_for_srp", name))
            .unwrap_or_else(|err| panic!("vector {name}: pool id: {err}"));
        (who, text(i, "password", name))
    } else {
        let who = SrpIdentity::device(
            text(i, "device_group_key", name),
            text(i, "device_key", name),
        );
        (who, text(i, "device_password", name))
    };
    let challenge = PasswordVerifierChallenge {
        salt: text(i, "salt", name),
        srp_b: text(i, "srp_b", name),
        secret_block: text(i, "secret_block", name),
    };
    let derivation = client
        .derive(&who, password, challenge.salt, challenge.srp_b)
        .unwrap_or_else(|err| panic!("vector {name}: derive: {err}"));
    assert_eq!(derivation.u_hex(), text(e, "u", name), "vector {name}: u");
    assert_eq!(
        derivation.expose_x_hex(),
        text(e, "x", name),
        "vector {name}: x"
    );
    assert_eq!(
        derivation.expose_S_hex(),
        text(e, "S", name),
        "vector {name}: S"
    );
    assert_eq!(
        to_hex(&derivation.expose_key()),
        text(e, "key", name),
        "vector {name}: key (HKDF)"
    );

    let unix = i["timestamp_unix"]
        .as_i64()
        .unwrap_or_else(|| panic!("vector {name}: timestamp_unix"));
    let now = UNIX_EPOCH
        + Duration::from_secs(
            u64::try_from(unix).unwrap_or_else(|err| panic!("vector {name}: {err}")),
        );
    let claim = derivation
        .password_claim(challenge.secret_block, now)
        .unwrap_or_else(|err| panic!("vector {name}: claim: {err}"));
    assert_eq!(
        claim.timestamp,
        text(e, "timestamp", name),
        "vector {name}: TIMESTAMP"
    );
    assert_eq!(
        claim.signature,
        text(e, "signature", name),
        "vector {name}: PASSWORD_CLAIM_SIGNATURE"
    );
    assert_eq!(
        claim.secret_block, challenge.secret_block,
        "vector {name}: PASSWORD_CLAIM_SECRET_BLOCK sent back unchanged"
    );

    let direct = client
        .password_claim(&who, password, &challenge, now)
        .unwrap_or_else(|err| panic!("vector {name}: password_claim: {err}"));
    assert_eq!(
        direct, claim,
        "vector {name}: SrpClient::password_claim equals derive + claim"
    );
}

#[test]
fn user_srp_vectors() {
    let list = vectors("vectors");
    if std::env::var_os("SRP_VECTORS").is_none() {
        assert!(
            list.len() >= 20,
            "at least 20 user vectors, found {}",
            list.len()
        );
    }
    for v in &list {
        check_srp_vector("user", v);
    }
}

#[test]
fn device_password_verifier_vectors() {
    let list = vectors("device_auth");
    if std::env::var_os("SRP_VECTORS").is_none() {
        assert!(!list.is_empty(), "device auth vectors present");
    }
    for v in &list {
        check_srp_vector("device", v);
    }
}

#[test]
fn device_verifier_vectors() {
    let list = vectors("device_verifiers");
    if std::env::var_os("SRP_VECTORS").is_none() {
        assert!(!list.is_empty(), "device verifier vectors present");
    }
    for v in &list {
        let name = &format!("verifier/{}", text(v, "name", "?"));
        let (i, e) = (&v["inputs"], &v["expected"]);
        let (group_key, device_key) = (
            text(i, "device_group_key", name),
            text(i, "device_key", name),
        );
        let mut draws = vec![
            hex_bytes(text(i, "password_random", name), name),
            hex_bytes(text(i, "salt_random", name), name),
        ]
        .into_iter();
        let verifier = DeviceVerifier::with_random(group_key, device_key, |buf: &mut [u8]| {
            let next = draws.next().ok_or("no more random bytes")?;
            if next.len() != buf.len() {
                return Err("wrong number of random bytes asked");
            }
            buf.copy_from_slice(&next);
            Ok(())
        })
        .unwrap_or_else(|err| panic!("vector {name}: {err}"));
        assert_eq!(
            verifier.expose_device_password(),
            text(e, "device_password", name),
            "vector {name}: device password"
        );
        assert_eq!(
            verifier.salt(),
            text(e, "salt", name),
            "vector {name}: Salt (base64)"
        );
        assert_eq!(
            verifier.password_verifier(),
            text(e, "password_verifier", name),
            "vector {name}: PasswordVerifier (base64)"
        );
    }
}

#[test]
fn selecting_a_file_with_srp_vectors_reads_only_that_file() {
    if let Some(file) = std::env::var_os("SRP_VECTORS") {
        let total = vectors("vectors").len()
            + vectors("device_auth").len()
            + vectors("device_verifiers").len();
        assert!(
            total > 0,
            "{} holds no vectors",
            PathBuf::from(file).display()
        );
    }
}
