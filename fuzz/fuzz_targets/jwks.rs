//! Key sets: the JSON of a JWKS from the fuzzer, through `KeySet::from_json`,
//! then every key it kept tried on a signature and on a fixture token.
//!
//! Checks: no panic; every listed kid is found; `len` and `is_empty` agree
//! with the kids; a kept key is 2048 to 8192 bits; the fixture token (signed
//! by `k1`) verifies only against a set that lists `k1`.
#![no_main]

use std::sync::LazyLock;

use cognito::__fuzz;
use cognito::jwks::KeySet;
use libfuzzer_sys::fuzz_target;

/// fixtures/jwt/tokens.json `good_access`, signed by kid `k1`.
static TOKEN: LazyLock<String> = LazyLock::new(|| {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("../../fixtures/jwt/tokens.json")).expect("tokens.json");
    doc["tokens"][0]["token"]
        .as_str()
        .expect("good_access's token")
        .to_owned()
});

fuzz_target!(|data: &[u8]| {
    let Ok(set) = KeySet::from_json(data) else {
        return;
    };
    let kids: Vec<&str> = set.kids().collect();
    assert_eq!(kids.len(), set.len(), "len() counts the kids");
    assert_eq!(set.is_empty(), kids.is_empty());
    for kid in &kids {
        let key = set.find(kid).expect("a listed kid is found");
        assert!(
            (2048..=8192).contains(&key.bits()),
            "a kept key of {} bits",
            key.bits()
        );
        let _ = key.verify(b"signing input", &[0x5a; 256]);
    }
    let _ = format!("{set:?}");
    if __fuzz::verify_signature(&TOKEN, &set).is_ok() {
        assert!(
            kids.contains(&"k1"),
            "verified by a key whose kid is not k1"
        );
    }
});
