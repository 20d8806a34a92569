//! The sign-in step machine (src/auth/steps.rs): a sign-in started one of
//! nine ways, every request answered with the next reply from the fuzzer,
//! every question to the caller answered with a code, through
//! `cognito::__fuzz::sign_in`.
//!
//! Input: one flags byte (bits 0-3: how it starts, bit 4: the client has a
//! secret, bit 5: a device is remembered), then the replies' JSON bodies
//! separated by NUL bytes.
//!
//! Checks: no panic; the machine never loops (every step is paid for by a
//! reply, a kept token or an answer); in an SRP flow no request carries the
//! password; no request carries the client secret or the device password; no
//! error shows the password.
#![no_main]

use cognito::__fuzz::{self, Outcome, SignIn, StartKind};
use libfuzzer_sys::fuzz_target;

const PASSWORD: &str = "Fuzz-Passw0rd!-not-real";
const CLIENT_SECRET: &str = "fuzz-client-secret-not-real";
const DEVICE_PASSWORD: &str = "fuzz-device-password-not-real";

fn has(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let start = StartKind::ALL[usize::from(flags & 0x0f) % StartKind::ALL.len()];
    let input = SignIn {
        start,
        client_secret: flags & 0x10 != 0,
        device: flags & 0x20 != 0,
        password: PASSWORD,
        code: "123456",
    };
    let trace = __fuzz::sign_in(&input, rest.split(|&b| b == 0));
    assert!(
        !matches!(trace.outcome, Outcome::Looped),
        "the step machine loops: {trace:?}"
    );
    // A secret the replies themselves carry may be echoed; one they do not, never.
    for request in &trace.requests {
        if start.password_stays_local() && !has(rest, PASSWORD) {
            assert!(
                !request.contains(PASSWORD),
                "an SRP flow sent the password: {request}"
            );
        }
        assert!(
            !request.contains(CLIENT_SECRET),
            "a request carries the client secret"
        );
        assert!(
            !request.contains(DEVICE_PASSWORD),
            "a request carries the device password"
        );
    }
    if let Outcome::Failed(e) = &trace.outcome {
        if !has(rest, PASSWORD) {
            let shown = format!("{e} {e:?}");
            assert!(
                !shown.contains(PASSWORD),
                "an error shows the password: {shown}"
            );
        }
    }
    let _ = format!("{:?}", trace.tokens);
});
