//! SRP challenge handling: a `PASSWORD_VERIFIER` challenge from the fuzzer
//! answered by an SRP client with a fixed private value, as a user or as a
//! device, and `SECRET_BLOCK` decoding on its own.
//!
//! Input: fields separated by NUL bytes: SALT, SRP_B, SECRET_BLOCK,
//! USER_ID_FOR_SRP (or the device key), the pool id (or the device group
//! key), the password.
//!
//! Checks: no panic; `Debug` of the client and of a derivation never shows
//! the private values (x, S, the key); a claim sends the secret block back
//! unchanged.
#![no_main]

use std::sync::LazyLock;

use cognito::srp::{self, PasswordVerifierChallenge, SrpClient, SrpIdentity};
use libfuzzer_sys::fuzz_target;

static CLIENT: LazyLock<SrpClient> = LazyLock::new(|| {
    SrpClient::from_private_value(&[0x5c; SrpClient::PRIVATE_VALUE_LEN]).expect("a fixed a")
});

fn field<'a>(fields: &mut impl Iterator<Item = &'a [u8]>) -> &'a str {
    fields
        .next()
        .and_then(|f| std::str::from_utf8(f).ok())
        .unwrap_or("")
}

fuzz_target!(|data: &[u8]| {
    let mut fields = data.split(|&b| b == 0);
    let salt = field(&mut fields);
    let srp_b = field(&mut fields);
    let secret_block = field(&mut fields);
    let identity = field(&mut fields);
    let realm = field(&mut fields);
    let password = field(&mut fields);
    let _ = srp::decode_secret_block(secret_block);
    let client = &*CLIENT;
    let challenge = PasswordVerifierChallenge {
        salt,
        srp_b,
        secret_block,
    };
    let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    // The user's identity (pool id and USER_ID_FOR_SRP) or, when that is refused or the
    // password is empty, a device's (group key and device key).
    let who = match SrpIdentity::user(realm, identity) {
        Ok(user) if !password.is_empty() => user,
        _ => SrpIdentity::device(realm, identity),
    };
    let Ok(d) = client.derive(&who, password, challenge.salt, challenge.srp_b) else {
        return;
    };
    let shown = format!("{d:?} {client:?}");
    for secret in [d.expose_x_hex(), d.expose_S_hex()] {
        assert!(
            !shown.contains(&secret),
            "Debug shows a private SRP value: {shown}"
        );
    }
    let key: String = d.expose_key().iter().map(|b| format!("{b:02x}")).collect();
    assert!(
        !shown.to_lowercase().contains(&key),
        "Debug shows the session key"
    );
    let _ = d.u_hex();
    if let Ok(claim) = d.password_claim(challenge.secret_block, now) {
        assert_eq!(
            claim.secret_block, secret_block,
            "the secret block comes back changed"
        );
    }
});
