//! The cognito-idp JSON wire format, in one place.
//!
//! Every operation is `POST /` with `Content-Type: application/x-amz-json-1.1`,
//! `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>` and a JSON
//! object body (`{}` when empty). A success is any 2xx; an empty body counts as
//! `{}`. An error reply is parsed the way botocore does it: the code from the
//! body's `__type` (the part before any `:`, then after the last `#`), else from
//! the `x-amzn-errortype` header; the message from `message` or `Message`; the
//! request id from `x-amzn-requestid`. A body that is not a JSON object, or a
//! JSON object with no code anywhere, is an [`HttpError`] with an excerpt.
//!
//! Pure functions only: [`build_request`] and [`parse_reply`] take and return
//! values; sending sits between them in the handle.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::code::ErrorCode;
use crate::error::scrub::{scrub, JsonError};
use crate::error::{Error, HttpError, ParseError, ServiceError};
use crate::http::{HttpRequest, HttpResponse};
use crate::protocol::checks;

/// The `Content-Type` of every request.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// The prefix of the `X-Amz-Target` header.
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService";

/// How much of a non-JSON error body is kept in an [`HttpError`].
const EXCERPT_CHARS: usize = 200;

/// Builds the request for `operation` with a JSON `body` to the endpoint
/// base URL `endpoint` (the path is always `/`).
///
/// ```
/// let req = cognito::wire::build_request("https://cognito-idp.us-east-1.amazonaws.com", "GetUser", b"{}".to_vec());
/// assert_eq!(req.url, "https://cognito-idp.us-east-1.amazonaws.com/");
/// assert_eq!(req.header("x-amz-target"), Some("AWSCognitoIdentityProviderService.GetUser"));
/// assert_eq!(req.header("content-type"), Some("application/x-amz-json-1.1"));
/// ```
pub fn build_request(endpoint: &str, operation: &str, body: Vec<u8>) -> HttpRequest {
    let body = if body.is_empty() {
        b"{}".to_vec()
    } else {
        body
    };
    let url = if endpoint.ends_with('/') {
        endpoint.to_owned()
    } else {
        format!("{endpoint}/")
    };
    HttpRequest::post(url, body)
        .with_header("content-type", CONTENT_TYPE)
        .with_header("x-amz-target", format!("{TARGET_PREFIX}.{operation}"))
}

/// Reads the reply to `operation` into `T`, or maps it to an [`Error`].
///
/// ```
/// use cognito::{Error, ErrorCode, HttpResponse};
/// use cognito::wire::parse_reply;
///
/// let ok: serde_json::Value = parse_reply("ConfirmSignUp", &HttpResponse::new(200, Vec::new())).unwrap();
/// assert_eq!(ok, serde_json::json!({}));
///
/// let reply = HttpResponse::new(400, br#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#.to_vec());
/// let err = parse_reply::<serde_json::Value>("InitiateAuth", &reply).unwrap_err();
/// assert_eq!(err.service_code(), Some(&ErrorCode::NotAuthorizedException));
/// assert_eq!(err.to_string(), "NotAuthorizedException: Incorrect username or password.");
/// ```
///
/// # Errors
///
/// [`Error::Service`] for Cognito's error replies, [`Error::Http`] for other
/// error statuses, [`Error::Parse`] for a reply that is not valid JSON of the
/// expected shape, [`Error::Protocol`] for a 2xx reply without a member the
/// API model marks required (`GetUser` answering `{}`).
pub fn parse_reply<T: DeserializeOwned>(operation: &str, reply: &HttpResponse) -> Result<T, Error> {
    parse_reply_scrubbed(operation, reply, &Vec::new)
}

/// [`parse_reply`], scrubbing the values `secrets` gives (the request's
/// own, asked for only on an error) from the error's excerpt or message.
pub(crate) fn parse_reply_scrubbed<T: DeserializeOwned>(
    operation: &str,
    reply: &HttpResponse,
    secrets: &dyn Fn() -> Vec<String>,
) -> Result<T, Error> {
    if !(200..300).contains(&reply.status) {
        return Err(parse_error_scrubbed(operation, reply, &secrets()));
    }
    let body: &[u8] = if reply.body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        &reply.body
    };
    let parsed = serde_json::from_slice(body)
        .map_err(|e| parse_failure(operation, reply, &e, &secrets()))?;
    checks::check_reply_body(operation, body)?;
    Ok(parsed)
}

/// Maps an error reply (any status) to an [`Error`]. Anything shaped like
/// a token is scrubbed from an [`HttpError`]'s excerpt and a
/// [`ParseError`]'s message.
pub fn parse_error(operation: &str, reply: &HttpResponse) -> Error {
    parse_error_scrubbed(operation, reply, &[])
}

/// [`parse_error`], also scrubbing `secrets`.
fn parse_error_scrubbed(operation: &str, reply: &HttpResponse, secrets: &[String]) -> Error {
    let request_id = reply.header("x-amzn-requestid").map(str::to_owned);
    let header_code = reply
        .header("x-amzn-errortype")
        .map(normalize_code)
        .filter(|c| !c.is_empty());
    let trimmed = trim_ascii(&reply.body);
    if trimmed.first() == Some(&b'{') {
        match serde_json::from_slice::<Value>(trimmed) {
            Ok(Value::Object(body)) => {
                let body_code = body
                    .get("__type")
                    .and_then(Value::as_str)
                    .map(normalize_code)
                    .filter(|c| !c.is_empty());
                if let Some(code) = body_code.or(header_code) {
                    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
                    return Error::Service(ServiceError::new(
                        ErrorCode::from_code(code),
                        text("message").or_else(|| text("Message")),
                        text("reasonCode"),
                        reply.status,
                        request_id,
                    ));
                }
            }
            Ok(_) => {}
            Err(e) => return parse_failure(operation, reply, &e, secrets),
        }
    } else if let Some(code) = header_code {
        return Error::Service(ServiceError::new(
            ErrorCode::from_code(code),
            None,
            None,
            reply.status,
            request_id,
        ));
    }
    Error::Http(HttpError {
        status: reply.status,
        excerpt: excerpt(&reply.body, secrets),
        request_id,
    })
}

/// Strips a wire error code to its bare name: the part before any `:`, then
/// the part after the last `#`.
///
/// ```
/// assert_eq!(cognito::wire::normalize_code("aws.cognito#NotAuthorizedException:http://internal"), "NotAuthorizedException");
/// assert_eq!(cognito::wire::normalize_code("CognitoLocal#Unsupported"), "Unsupported");
/// ```
pub fn normalize_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    before_colon
        .rsplit('#')
        .next()
        .unwrap_or(before_colon)
        .trim()
}

fn parse_failure(
    operation: &str,
    reply: &HttpResponse,
    e: &serde_json::Error,
    secrets: &[String],
) -> Error {
    Error::Parse(ParseError {
        operation: operation.to_owned(),
        status: Some(reply.status),
        body: reply.body.clone(),
        source: std::sync::Arc::new(JsonError::new(e, secrets)),
    })
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or(&[])
}

/// The start of `body`, whitespace collapsed, scrubbed before it is cut.
pub(crate) fn excerpt(body: &[u8], secrets: &[String]) -> String {
    let text = scrub(&String::from_utf8_lossy(body), secrets);
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.chars().count() >= EXCERPT_CHARS {
            break;
        }
    }
    match out.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &out[..cut]),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, body: &str) -> HttpResponse {
        HttpResponse::new(status, body.as_bytes().to_vec())
    }

    fn err(r: &HttpResponse) -> Error {
        parse_reply::<Value>("GetUser", r).unwrap_err()
    }

    #[test]
    fn request_shape() {
        let req = build_request("http://127.0.0.1:5000/", "SignUp", Vec::new());
        assert_eq!(req.method, "POST");
        assert_eq!(req.url, "http://127.0.0.1:5000/");
        assert_eq!(req.body, b"{}");
        assert_eq!(
            req.header("X-Amz-Target"),
            Some("AWSCognitoIdentityProviderService.SignUp")
        );
        assert!(req.header("authorization").is_none());
    }

    #[test]
    fn empty_and_brace_bodies_are_success() {
        for body in ["", "{}", "  \n"] {
            let v: Value = parse_reply("GlobalSignOut", &reply(200, body)).unwrap();
            assert_eq!(v, serde_json::json!({}), "body {body:?}");
        }
    }

    #[test]
    fn json_service_error_with_request_id() {
        let r = reply(
            400,
            r#"{"__type":"UserNotFoundException","message":"User does not exist."}"#,
        )
        .with_header("x-amzn-RequestId", "req-1");
        match err(&r) {
            Error::Service(e) => {
                assert_eq!(e.code(), &ErrorCode::UserNotFoundException);
                assert_eq!(e.message(), Some("User does not exist."));
                assert_eq!(e.status(), 400);
                assert_eq!(e.request_id(), Some("req-1"));
            }
            other => panic!("expected a service error, got {other:?}"),
        }
    }

    #[test]
    fn namespaced_type_and_capital_message() {
        let r = reply(
            400,
            r#"{"__type":"com.amazonaws#InvalidParameterException:extra","Message":"bad","reasonCode":"X"}"#,
        );
        match err(&r) {
            Error::Service(e) => {
                assert_eq!(e.code(), &ErrorCode::InvalidParameterException);
                assert_eq!(e.message(), Some("bad"));
                assert_eq!(e.reason_code(), Some("X"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_type_is_kept() {
        let e = err(&reply(
            500,
            r#"{"__type":"CognitoLocal#Unsupported","message":"Cognito Local unsupported feature"}"#,
        ));
        assert_eq!(
            e.service_code(),
            Some(&ErrorCode::Unknown("Unsupported".into()))
        );
        assert_eq!(e.status(), Some(500));
    }

    #[test]
    fn header_code_when_body_has_none() {
        let r = reply(400, "{}").with_header("X-Amzn-ErrorType", "NotAuthorizedException:http://x");
        assert!(err(&r).is_not_authorized());
        let html = reply(400, "<html>no</html>")
            .with_header("x-amzn-errortype", "TooManyRequestsException");
        assert!(err(&html).is_throttling());
    }

    #[test]
    fn html_500_is_an_http_error_with_excerpt() {
        let body = format!(
            "<!doctype html>\n<html><title>500 Internal Server Error</title>{}</html>",
            "x".repeat(1000)
        );
        match err(&reply(500, &body)) {
            Error::Http(e) => {
                assert_eq!(e.status(), 500);
                assert!(
                    e.excerpt().starts_with("<!doctype html> <html><title>500"),
                    "{}",
                    e.excerpt()
                );
                assert!(e.excerpt().chars().count() <= EXCERPT_CHARS + 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn error_status_with_empty_body() {
        match err(&reply(503, "")) {
            Error::Http(e) => assert_eq!(e.to_string(), "http status 503 with an empty body"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn json_without_type_is_an_http_error() {
        let e = err(&reply(400, r#"{"message":"Missing x-amz-target header"}"#));
        assert!(matches!(e, Error::Http(_)), "{e:?}");
    }

    #[test]
    fn malformed_and_truncated_json_keep_the_body() {
        for (status, body) in [
            (200, r#"{"AuthenticationResult":{"AccessToken":"eyJ"#),
            (200, "not json"),
            (400, r#"{"__type": "NotAuth"#),
            (200, "[1,2]"),
        ] {
            match parse_reply::<std::collections::BTreeMap<String, Value>>(
                "InitiateAuth",
                &reply(status, body),
            ) {
                Err(Error::Parse(p)) => {
                    assert_eq!(p.body(), body.as_bytes());
                    assert_eq!(p.status(), Some(status));
                    assert!(!p.to_string().contains("eyJ"), "{p}");
                    assert!(!format!("{p:?}").contains("eyJ"), "{p:?}");
                }
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn wrong_shape_is_a_parse_error() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Needs {
            #[serde(rename = "Username")]
            username: String,
        }
        let e = parse_reply::<Needs>("AdminGetUser", &reply(200, "{}")).unwrap_err();
        assert!(matches!(e, Error::Parse(_)), "{e:?}");
    }

    #[test]
    fn normalize() {
        assert_eq!(
            normalize_code("NotAuthorizedException"),
            "NotAuthorizedException"
        );
        assert_eq!(normalize_code("a#b#C:d:e"), "C");
        assert_eq!(normalize_code(""), "");
    }
}
