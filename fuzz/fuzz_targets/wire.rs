//! Wire replies and error mapping: a reply from the fuzzer, read as the
//! handle reads one (`wire::parse_reply` into a few operations' outputs) and
//! as an error (`wire::parse_error`), its message and source chain printed.
//!
//! Input: one byte choosing the status (and whether a first line is an
//! `x-amzn-errortype` header), then the body.
//!
//! Checks: no panic; a non-2xx reply is never a success; an error excerpt
//! stays bounded; `normalize_code` returns a part of its input.
#![no_main]

use cognito::types::{GetUserResponse, InitiateAuthResponse, ListUsersResponse};
use cognito::{wire, Error, HttpResponse};
use libfuzzer_sys::fuzz_target;

const STATUSES: [u16; 16] = [
    200, 201, 204, 299, 300, 301, 400, 401, 403, 404, 413, 429, 500, 502, 503, 599,
];

fn check<T: std::fmt::Debug>(operation: &str, reply: &HttpResponse, got: Result<T, Error>) {
    match got {
        Ok(value) => {
            assert!(
                (200..300).contains(&reply.status),
                "{} read as a success",
                reply.status
            );
            let _ = format!("{value:?}");
        }
        Err(e) => show(operation, &e),
    }
}

fn show(operation: &str, e: &Error) {
    let _ = (
        format!("{e} {e:?}"),
        e.service_code(),
        e.status(),
        e.request_id(),
    );
    let _ = (
        e.is_not_authorized(),
        e.is_throttling(),
        e.is_user_not_found(),
    );
    let mut source = std::error::Error::source(e);
    let mut depth = 0;
    while let Some(s) = source {
        let _ = s.to_string();
        depth += 1;
        assert!(depth < 16, "{operation}: a source chain of 16 or more");
        source = s.source();
    }
    if let Error::Http(h) = e {
        assert!(
            h.excerpt().chars().count() <= 256,
            "an excerpt of {} chars",
            h.excerpt().chars().count()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let status = STATUSES[usize::from(sel & 0x0f)];
    let mut reply;
    if sel & 0x10 != 0 {
        let (line, body) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        let line = String::from_utf8_lossy(line);
        let code = wire::normalize_code(&line);
        assert!(line.contains(code), "normalize_code made up {code:?}");
        reply = HttpResponse::new(status, body.to_vec()).with_header("x-amzn-errortype", line);
    } else {
        reply = HttpResponse::new(status, rest.to_vec());
    }
    if sel & 0x20 != 0 {
        reply = reply.with_header("x-amzn-requestid", "fuzz-request-id");
    }
    check(
        "InitiateAuth",
        &reply,
        wire::parse_reply::<InitiateAuthResponse>("InitiateAuth", &reply),
    );
    check(
        "GetUser",
        &reply,
        wire::parse_reply::<GetUserResponse>("GetUser", &reply),
    );
    check(
        "ListUsers",
        &reply,
        wire::parse_reply::<ListUsersResponse>("ListUsers", &reply),
    );
    check(
        "Call",
        &reply,
        wire::parse_reply::<serde_json::Value>("Call", &reply),
    );
    show("InitiateAuth", &wire::parse_error("InitiateAuth", &reply));
});
