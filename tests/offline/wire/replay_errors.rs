//! Every error form through the whole path (handle → replay transport → parser),
//! from `fixtures/errors/error-replies.json`, plus replay mismatch reports.

use cognito::test_util::ReplayTransport;
use cognito::{Cognito, Error, ErrorCode, TransportErrorKind};
use serde_json::json;

fn handle(replay: &ReplayTransport) -> Cognito {
    Cognito::builder()
        .user_pool_id("us-east-1_AbC123xyz")
        .client_id("client123")
        .transport(replay.clone())
        .credentials(cognito::credentials::AwsCredentials::new(
            "AKIDEXAMPLE",
            "secret",
            None,
        ))
        .environment(|_| None)
        // Each fixture exchange is one reply: the mapping is under test, not retries.
        .retry(cognito::RetryPolicy::none())
        .build()
        .unwrap()
}

#[test]
fn each_error_form_maps_to_its_variant() {
    let replay = ReplayTransport::from_file("fixtures/errors/error-replies.json").unwrap();
    let c = handle(&replay);

    let e = c
        .call(
            "InitiateAuth",
            &json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "client123",
            "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Passw0rd!"}}),
        )
        .unwrap_err();
    assert!(e.is_not_authorized(), "json service error: {e:?}");
    assert_eq!(e.request_id(), Some("moto-request-id-1"));
    assert_eq!(
        e.to_string(),
        "NotAuthorizedException: Incorrect username or password."
    );

    let e = c
        .call(
            "ResendConfirmationCode",
            &json!({"ClientId": "client123", "Username": "alice"}),
        )
        .unwrap_err();
    match &e {
        Error::Http(h) => {
            assert_eq!(h.status(), 500);
            assert!(
                h.excerpt().contains("500 Internal Server Error"),
                "{}",
                h.excerpt()
            );
        }
        other => panic!("html 500: {other:?}"),
    }

    let e = c
        .call("GlobalSignOut", &json!({"AccessToken": "t"}))
        .unwrap_err();
    assert!(
        matches!(&e, Error::Http(h) if h.status() == 502 && h.excerpt().is_empty()),
        "empty body: {e:?}"
    );

    let e = c
        .call(
            "AdminGetUser",
            &json!({"UserPoolId": "us-east-1_AbC123xyz", "Username": "alice"}),
        )
        .unwrap_err();
    assert!(
        matches!(&e, Error::Parse(p) if p.status() == Some(400) && p.body().starts_with(b"{\"__type\"")),
        "truncated error: {e:?}"
    );

    let e = c
        .call("ListUsers", &json!({"UserPoolId": "us-east-1_AbC123xyz"}))
        .unwrap_err();
    assert!(
        matches!(&e, Error::Parse(p) if p.operation() == "ListUsers"),
        "truncated success: {e:?}"
    );

    let e = c
        .call(
            "RevokeToken",
            &json!({"ClientId": "client123", "Token": "t"}),
        )
        .unwrap_err();
    assert_eq!(
        e.service_code(),
        Some(&ErrorCode::Unknown("Unsupported".into())),
        "unknown __type"
    );
    assert_eq!(e.status(), Some(500));

    let e = c.call("GetUser", &json!({"AccessToken": "t"})).unwrap_err();
    assert!(
        matches!(&e, Error::Http(h) if h.status() == 400),
        "json without __type: {e:?}"
    );

    let e = c
        .call(
            "SignUp",
            &json!({"ClientId": "client123", "Username": "alice", "Password": "p"}),
        )
        .unwrap_err();
    assert_eq!(
        e.service_code(),
        Some(&ErrorCode::InvalidPasswordException),
        "namespaced __type"
    );
    assert_eq!(
        e.to_string(),
        "InvalidPasswordException: Password did not conform with policy"
    );

    let ok = c
        .call(
            "ConfirmSignUp",
            &json!({"ClientId": "client123", "Username": "alice", "ConfirmationCode": "123456"}),
        )
        .unwrap();
    assert_eq!(ok, json!({}), "an empty 200 is an empty object");

    replay.finish().unwrap();
}

#[test]
fn a_request_that_differs_is_reported_clearly() {
    let replay = ReplayTransport::from_file("fixtures/errors/error-replies.json").unwrap();
    let c = handle(&replay);
    let e = c
        .call(
            "InitiateAuth",
            &json!({"AuthFlow": "USER_SRP_AUTH", "ClientId": "client123",
            "AuthParameters": {"USERNAME": "alice", "PASSWORD": "x"}}),
        )
        .unwrap_err();
    let Error::Transport(t) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(t.kind(), TransportErrorKind::ReplayMismatch);
    let text = t.to_string();
    assert!(
        text.starts_with("fixtures/errors/error-replies.json: exchange 1 of 9: body.AuthFlow"),
        "{text}"
    );
    assert!(
        text.contains("expected \"USER_PASSWORD_AUTH\", got \"USER_SRP_AUTH\""),
        "{text}"
    );

    let e = c.call("SignUp", &json!({})).unwrap_err();
    assert!(e.to_string().contains("header x-amz-target"), "{e}");
    assert!(replay
        .finish()
        .unwrap_err()
        .contains("exchange 1 of 9 (InitiateAuth) was never requested"));
}
