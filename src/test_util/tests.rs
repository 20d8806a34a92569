//! Unit tests of `src/test_util/mod.rs`: fixtures and the recording and replay transports.

use super::*;
use serde_json::json;

fn fixture() -> Fixture {
    Fixture::from_json(
        &json!({
            "source": "constructed for this unit test",
            "exchanges": [{
                "operation": "InitiateAuth",
                "request": {"method": "POST", "path": "/",
                    "headers": {"x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth"},
                    "body": {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "c",
                             "AuthParameters": {"USERNAME": "alice", "PASSWORD": "<redacted>"}}},
                "response": {"status": 400, "headers": {"x-amzn-requestid": "r1"},
                             "body": {"__type": "NotAuthorizedException", "message": "no"}}
            }]
        })
        .to_string(),
    )
    .unwrap()
}

fn request(username: &str, extra: Option<(&str, &str)>) -> HttpRequest {
    let mut body = json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "c",
            "AuthParameters": {"USERNAME": username, "PASSWORD": "whatever"}});
    if let Some((k, v)) = extra {
        body[k] = json!(v);
    }
    crate::protocol::wire::build_request("https://h", "InitiateAuth", body.to_string().into_bytes())
}

#[test]
fn replays_and_finishes() {
    let replay = ReplayTransport::new(fixture());
    let resp = replay.send(request("alice", None)).unwrap();
    assert_eq!(resp.status, 400);
    assert_eq!(resp.header("x-amzn-requestid"), Some("r1"));
    replay.finish().unwrap();
    let extra = replay.send(request("alice", None)).unwrap_err();
    assert!(
        extra.to_string().contains("unexpected extra request"),
        "{extra}"
    );
}

#[test]
fn reports_a_body_mismatch_with_its_path() {
    let replay = ReplayTransport::new(fixture());
    let err = replay.send(request("bob", None)).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::ReplayMismatch);
    let text = err.to_string();
    assert!(text.contains("exchange 1 of 1"), "{text}");
    assert!(text.contains("body.AuthParameters.USERNAME"), "{text}");
    assert!(
        text.contains("\"alice\"") && text.contains("\"bob\""),
        "{text}"
    );
    assert!(!text.contains("whatever"), "password leaked: {text}");
    assert!(replay.finish().is_err());
}

#[test]
fn never_prints_a_mismatched_secret() {
    let mut fixture = fixture();
    fixture.exchanges[0].request.body["AuthParameters"]["PASSWORD"] = json!("recorded-pw");
    let replay = ReplayTransport::new(fixture);
    let err = replay.send(request("alice", None)).unwrap_err().to_string();
    assert!(
        err.contains("body.AuthParameters.PASSWORD: differs"),
        "{err}"
    );
    assert!(
        !err.contains("whatever") && !err.contains("recorded-pw"),
        "{err}"
    );
}

#[test]
fn reports_extra_fields_and_wrong_target() {
    let replay = ReplayTransport::new(fixture());
    let err = replay
        .send(request("alice", Some(("Session", "s"))))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("body.Session: not in the recorded request"),
        "{err}"
    );
    let wrong = crate::protocol::wire::build_request("https://h", "SignUp", b"{}".to_vec());
    let err = replay.send(wrong).unwrap_err();
    assert!(err.to_string().contains("header x-amz-target"), "{err}");
}

#[test]
fn string_bodies_are_sent_verbatim() {
    let resp = to_response(&RecordedResponse {
        status: 500,
        headers: BTreeMap::new(),
        body: json!("<html>boom</html>"),
    });
    assert_eq!(resp.body, b"<html>boom</html>");
}

#[test]
fn path_of_urls() {
    assert_eq!(path_of("https://h"), "/");
    assert_eq!(
        path_of("http://h:1/x/.well-known/jwks.json"),
        "/x/.well-known/jwks.json"
    );
}

#[test]
fn recording_redacts_and_round_trips() {
    let inner = |_req: HttpRequest| {
        Ok(HttpResponse::new(
                200,
                json!({"AuthenticationResult": {"AccessToken": "aaa.bbb.ccc", "RefreshToken": "opaque"}})
                    .to_string()
                    .into_bytes(),
            ))
    };
    let recorder = RecordingTransport::new(inner);
    recorder.send(request("alice", None)).unwrap();
    let fixture = recorder.fixture("unit test");
    let text = serde_json::to_string(&fixture).unwrap();
    assert!(
        !text.contains("whatever") && !text.contains("opaque") && !text.contains("ccc"),
        "{text}"
    );
    let replay = ReplayTransport::new(Fixture::from_json(&text).unwrap());
    replay.send(request("alice", None)).unwrap();
    replay.finish().unwrap();
}

#[test]
fn a_fixture_needs_a_source() {
    assert!(Fixture::from_json(r#"{"source": " ", "exchanges": []}"#).is_err());
}
