//! The module's pure pieces: what `Debug` and `Display` show, the error
//! codes, and the authorize URL's optional parameters.

use super::*;
use crate::error::Error;
use crate::http::HttpResponse;
use crate::oauth::form::*;
use crate::oauth::token::*;
use crate::secret::SecretString;

fn pending() -> PendingAuthorization {
    AuthorizeRequest::new("client-1", "http://localhost:1/cb")
        .scope("openid")
        .idp_identifier("example.com")
        .lang("fr")
        .start_with_random(
            &Domain::custom("auth.example.com").unwrap(),
            |b: &mut [u8]| {
                b.fill(0xAB);
                Ok(())
            },
        )
        .unwrap()
}

#[test]
fn debug_never_shows_verifier_code_or_secret() {
    let p = pending();
    let verifier = p.verifier().expose_secret().to_owned();
    let shown = format!("{p:?} {:?}", AuthorizationCode::new("the-code-value"));
    assert!(!shown.contains(&verifier), "{shown}");
    assert!(!shown.contains("the-code-value"), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
    let source = ClientCredentials::builder(
        Domain::custom("a.example.com").unwrap(),
        "id",
        "s3cr3t-value",
    )
    .build();
    assert!(!format!("{source:?}").contains("s3cr3t-value"));
}

#[test]
fn authorize_url_carries_the_optional_parameters_in_order() {
    let p = pending();
    let url = p.url();
    assert!(url.starts_with(
        "https://auth.example.com/oauth2/authorize?response_type=code&client_id=client-1"
    ));
    assert!(
        url.ends_with("&code_challenge_method=S256&idp_identifier=example.com&lang=fr"),
        "{url}"
    );
    assert!(
        !url.contains(p.verifier().expose_secret()),
        "only the challenge is sent"
    );
    assert!(url.contains(&format!("&code_challenge={}&", p.verifier().challenge())));
    // The three random values are drawn separately.
    assert_eq!(p.state().len(), 22);
    assert_eq!(p.nonce().len(), 22);
    assert_eq!(p.verifier().expose_secret().len(), 43);
}

#[test]
fn a_failing_random_source_is_an_error() {
    let err = AuthorizeRequest::new("c", "http://localhost:1/cb")
        .start_with_random(
            &Domain::custom("a.example.com").unwrap(),
            |_: &mut [u8]| Err("no entropy".to_owned()),
        )
        .unwrap_err();
    assert!(matches!(err, crate::Error::InvalidArgument(_)), "{err:?}");
}

#[test]
fn redirect_with_fragment_and_extra_parameters() {
    let p = pending();
    let redirect = format!(
        "http://localhost:1/cb?iss=https%3A%2F%2Fx&code=abc&state={}#_=_",
        p.state()
    );
    assert_eq!(p.parse_redirect(&redirect).unwrap().expose_secret(), "abc");
}

#[test]
fn error_codes_round_trip_and_display() {
    for code in [
        "invalid_request",
        "invalid_client",
        "invalid_grant",
        "unauthorized_client",
        "unsupported_grant_type",
        "invalid_scope",
        "access_denied",
        "unsupported_response_type",
        "server_error",
        "temporarily_unavailable",
        "unsupported_token_type",
        "invalid_token",
        "state_mismatch",
        "nonce_mismatch",
        "something_new",
    ] {
        assert_eq!(OAuthErrorCode::parse(code).as_str(), code);
    }
    assert_eq!(
        OAuthErrorCode::parse("something_new"),
        OAuthErrorCode::Unknown("something_new".into())
    );
    let e = OAuthError::new(
        OAuthErrorCode::InvalidClient,
        Some(String::new()),
        Some(401),
    );
    assert_eq!(
        e.to_string(),
        "invalid_client",
        "an empty description is none"
    );
    let e: crate::Error = OAuthError::new(
        OAuthErrorCode::AccessDenied,
        Some("User cancelled".into()),
        None,
    )
    .into();
    assert_eq!(e.to_string(), "access_denied: User cancelled");
    assert!(std::error::Error::source(&e).is_none());
}

// ---- form.rs ----

#[test]
fn round_trip() {
    let text = "a b&c=d/é~";
    assert_eq!(encode(text), "a%20b%26c%3Dd%2F%C3%A9~");
    assert_eq!(decode(&encode(text)).as_deref(), Some(text));
    assert_eq!(decode("a+b%2b").as_deref(), Some("a b+"));
    assert_eq!(decode("%zz"), None);
    assert_eq!(decode("%4"), None);
}

#[test]
fn pairs() {
    let body = encode_pairs([("grant_type", "authorization_code"), ("x", "a b")]);
    assert_eq!(body, "grant_type=authorization_code&x=a%20b");
    assert_eq!(
        parse_pairs("code=abc&state=x%2Fy&empty=&bad=%zz&flag"),
        vec![
            ("code".into(), "abc".into()),
            ("state".into(), "x/y".into()),
            ("empty".into(), String::new()),
            ("flag".into(), String::new()),
        ]
    );
}

#[test]
fn basic() {
    // RFC 7617's example pair.
    assert_eq!(
        basic_auth("Aladdin", "open sesame"),
        "Basic QWxhZGRpbjpvcGVuJTIwc2VzYW1l"
    );
    assert_eq!(basic_auth("client", "secret"), "Basic Y2xpZW50OnNlY3JldA==");
}

// ---- token.rs ----

fn domain() -> Domain {
    Domain::custom("auth.example.com").unwrap()
}

#[test]
fn code_request_public_and_secret() {
    let code = AuthorizationCode::new("the-code");
    let verifier = PkceVerifier::from_bytes(&[0; 32]);
    let grant = Grant::Code {
        code: &code,
        verifier: &verifier,
        redirect_uri: "http://localhost:1/cb",
    };
    let public = token_request(
        &domain(),
        ClientAuth {
            client_id: "cid",
            client_secret: None,
        },
        &grant,
    );
    assert_eq!(public.url, "https://auth.example.com/oauth2/token");
    assert_eq!(
        public.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(public.header("authorization"), None);
    assert_eq!(
        String::from_utf8_lossy(&public.body),
        "grant_type=authorization_code&code=the-code&redirect_uri=http%3A%2F%2Flocalhost%3A1%2Fcb\
         &code_verifier=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&client_id=cid"
    );
    let secret = SecretString::from("s3cret");
    let private = token_request(
        &domain(),
        ClientAuth {
            client_id: "cid",
            client_secret: Some(&secret),
        },
        &grant,
    );
    assert_eq!(
        private.header("authorization"),
        Some("Basic Y2lkOnMzY3JldA==")
    );
    assert!(!String::from_utf8_lossy(&private.body).contains("client_id"));
    assert!(!format!("{private:?}").contains("Y2lkOnMzY3JldA"));
}

#[test]
fn errors_from_body_header_or_status() {
    let body = HttpResponse::new(
        400,
        br#"{"error":"invalid_grant","error_description":"bad code"}"#.to_vec(),
    );
    let e = error_reply(&body);
    assert_eq!(e.to_string(), "invalid_grant: bad code");
    assert_eq!(e.oauth_code(), Some(&OAuthErrorCode::InvalidGrant));
    assert_eq!(e.status(), Some(400));
    let header = HttpResponse::new(401, Vec::new()).with_header(
        "WWW-Authenticate",
        r#"Bearer error="invalid_token", error_description="Access token is expired""#,
    );
    assert_eq!(
        error_reply(&header).to_string(),
        "invalid_token: Access token is expired"
    );
    let html = HttpResponse::new(502, b"<html>bad gateway</html>".to_vec());
    assert!(matches!(error_reply(&html), Error::Http(_)));
}

#[test]
fn token_answer_and_unparsable_answer() {
    let ok = HttpResponse::new(
        200,
        br#"{"access_token":"a.b.c","id_token":"i.d.t","refresh_token":"r","expires_in":3600,"token_type":"Bearer"}"#.to_vec(),
    );
    let t = parse_token_response(ok).unwrap();
    assert_eq!(t.expires_in, Some(3600));
    assert!(!format!("{t:?}").contains("a.b.c"));
    let result = t.into_authentication_result();
    assert_eq!(result.expires_in, Some(3600));
    assert_eq!(
        result
            .refresh_token
            .as_ref()
            .map(SecretString::expose_secret),
        Some("r")
    );
    let bad = parse_token_response(HttpResponse::new(200, b"{\"access_tok".to_vec())).unwrap_err();
    assert!(matches!(bad, Error::Parse(_)), "{bad:?}");
}
