//! Replies and inputs checked (issue 12, "Protocol hardening"): a 2xx reply
//! without a member the API model marks required is a `Protocol` error
//! naming it; a pagination token that comes back again stops the listing
//! with an error instead of looping for ever; usernames, passwords, codes,
//! pool and client ids beyond the model's limits are refused before
//! anything is sent; an empty client secret is refused when the handle is
//! built.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use cognito::{Attributes, Cognito, Error, HttpRequest, HttpResponse, TransportError};
use serde_json::{json, Value};

const POOL: &str = "eu-west-1_AbC123xyz";

/// A handle whose transport answers `reply` to everything and counts calls.
/// After 1,000 calls it answers `{}`, so a loop that never ends by itself
/// still ends here.
fn answering(reply: Value) -> (Cognito, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let body = reply.to_string().into_bytes();
    let transport = move |_req: HttpRequest| -> Result<HttpResponse, TransportError> {
        if counted.fetch_add(1, Ordering::SeqCst) >= 1_000 {
            return Ok(HttpResponse::new(200, b"{}".to_vec()));
        }
        Ok(HttpResponse::new(200, body.clone()))
    };
    let cognito = Cognito::builder()
        .user_pool_id(POOL)
        .client_id("1example23456789")
        .username("alice")
        .access_token("eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln")
        .credentials(cognito::credentials::AwsCredentials::new(
            "AKIDEXAMPLE",
            "secret-not-real",
            None,
        ))
        .transport(transport)
        .build()
        .unwrap();
    (cognito, calls)
}

#[test]
fn a_reply_without_required_members_is_a_protocol_error_naming_them() {
    for body in [json!({}), json!({"UserAttributes": []})] {
        let (cognito, _) = answering(body.clone());
        match cognito.get_user() {
            Err(Error::Protocol(e)) => {
                assert!(e.to_string().contains("Username"), "{body}: {e}");
                assert!(e.to_string().starts_with("the GetUser reply has no"), "{e}");
            }
            other => panic!("{body}: {other:?}"),
        }
    }
    let (cognito, _) = answering(json!({"UserConfirmed": false}));
    let err = cognito
        .register("alice", "Passw0rd!", &Attributes::new())
        .unwrap_err();
    assert_eq!(err.to_string(), "the SignUp reply has no UserSub");
    let (cognito, _) = answering(json!({}));
    let err = cognito.call(
        "AdminGetUser",
        &json!({"UserPoolId": POOL, "Username": "alice"}),
    );
    assert!(
        matches!(err, Err(Error::Protocol(_))),
        "raw calls too: {err:?}"
    );
}

#[test]
fn a_repeated_pagination_token_stops_with_an_error() {
    let (cognito, calls) = answering(json!({"Users": [], "PaginationToken": "same"}));
    let err = cognito.get_users(None).unwrap_err();
    assert!(matches!(err, Error::Protocol(_)), "{err:?}");
    assert!(err.to_string().contains("pagination token"), "{err}");
    assert_eq!(calls.load(Ordering::SeqCst), 2, "stops at the first repeat");

    let (cognito, calls) = answering(json!({"Devices": [], "PaginationToken": "same"}));
    let err = cognito.list_devices().unwrap_err();
    assert!(matches!(err, Error::Protocol(_)), "{err:?}");
    assert_eq!(calls.load(Ordering::SeqCst), 2);

    let (cognito, calls) = answering(json!({"Groups": [], "NextToken": "same"}));
    assert!(matches!(cognito.get_groups(), Err(Error::Protocol(_))));
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn inputs_beyond_the_model_limits_are_never_sent() {
    let huge = "p".repeat(10 * 1024 * 1024);
    let (cognito, calls) = answering(json!({"UserConfirmed": false, "UserSub": "s"}));
    let err = cognito
        .register("alice", &huge, &Attributes::new())
        .unwrap_err();
    assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "invalid argument: SignUp Password must be at most 256 characters long (the API model's limit)"
    );
    let err = cognito.authenticate_user_password(&huge).unwrap_err();
    assert!(
        err.to_string()
            .contains("AuthParameters.PASSWORD must be at most 256"),
        "{err}"
    );
    let err = cognito.confirm_sign_up("123 456").unwrap_err();
    assert!(
        err.to_string()
            .contains("ConfirmationCode must not contain whitespace"),
        "{err}"
    );
    let err = cognito
        .register("alice smith", "Passw0rd!", &Attributes::new())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("SignUp Username must not contain whitespace"),
        "{err}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 0, "nothing was sent");
    cognito
        .register("alice", &"p".repeat(256), &Attributes::new())
        .expect("256 characters are allowed");
}

#[test]
fn an_empty_client_secret_is_refused_when_the_handle_is_built() {
    let built = Cognito::builder()
        .user_pool_id(POOL)
        .client_id("1example23456789")
        .client_secret("")
        .build();
    match built {
        Err(Error::Config(e)) => assert!(e.to_string().contains("client secret"), "{e}"),
        other => panic!("{other:?}"),
    }
}
