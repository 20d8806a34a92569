//! The text of every error the crate makes: the `Display` of each variant of
//! each error family and its whole `source()` chain, with no message
//! repeating the text of a cause below it.
//!
//! A case is written as the chain joined with " | caused by: "; its first
//! part is the error's own `Display`.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::credentials::{
    AwsCredentials, CredentialsError, DefaultCredentials, EnvCredentials, ProvideCredentials,
};
use crate::endpoint::{EndpointError, Setting};
use crate::jwks::{JwksError, KeyRejection};
use crate::jwt::TokenUse;
use crate::jwt::{JwtError, Segment};
use crate::protocol::signing::SigningStep;
use crate::rs256::Rs256Error;
use crate::signing::{sign_request, SigningError};
use crate::srp::SrpError;
use crate::test_util::Fixture;
use crate::verify::VerifyError;
use crate::wire::{parse_error, parse_reply};
use crate::{
    Cognito, ConfigError, Error, HttpRequest, HttpResponse, KeySetError, ProtocolError,
    TokenVerifier, TransportError, TransportErrorKind,
};

const CAUSED_BY: &str = " | caused by: ";

/// The messages of `e` and its causes, top first.
fn messages(e: &(dyn StdError + 'static)) -> Vec<String> {
    std::iter::successors(Some(e), |e| (*e).source())
        .map(ToString::to_string)
        .collect()
}

/// The first message that contains the text of a cause below it, with
/// that cause: a wrapper that pastes its source into its message as well as
/// returning it from `source()` prints the same words twice. The text counts
/// only as whole words ("no" is not repeated by "cannot").
fn repeated(messages: &[String]) -> Option<(&str, &str)> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let holds = |message: &str, cause: &str| {
        message.match_indices(cause).any(|(at, _)| {
            !word(message[..at].chars().next_back())
                && !word(message[at + cause.len()..].chars().next())
        })
    };
    messages.iter().enumerate().find_map(|(i, message)| {
        messages[i + 1..]
            .iter()
            .find(|cause| holds(message, cause))
            .map(|cause| (message.as_str(), cause.as_str()))
    })
}

/// `e` and its causes, joined with " | caused by: ". Panics when a message
/// is empty or repeats a cause's text.
fn chain(e: &(dyn StdError + 'static)) -> String {
    let messages = messages(e);
    assert!(
        messages.iter().all(|m| !m.is_empty()),
        "an empty message in {messages:?}"
    );
    if let Some((message, cause)) = repeated(&messages) {
        panic!("{message:?} repeats its cause {cause:?}");
    }
    messages.join(CAUSED_BY)
}

/// Pins `e`'s `Display` (the first part of `want`) and its whole chain.
fn check(e: &(dyn StdError + 'static), want: &str) {
    let display = want.split(CAUSED_BY).next().unwrap_or(want);
    assert_eq!(e.to_string(), display, "display of {e:?}");
    assert_eq!(chain(e), want, "chain of {e:?}");
}

/// A handle whose transport answers every request with `reply`.
fn handle(reply: fn() -> Result<HttpResponse, TransportError>) -> Cognito {
    Cognito::builder()
        .user_pool_id("eu-west-1_AbC123")
        .client_id("client")
        .environment(|_| None)
        .transport(move |_req: HttpRequest| reply())
        .build()
        .unwrap()
}

fn ok() -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse::new(200, b"{}".to_vec()))
}

fn refused() -> TransportError {
    let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused by peer");
    TransportError::new(TransportErrorKind::Connect, "connection refused").with_source(io)
}

fn reply(status: u16, body: &[u8]) -> Error {
    parse_error("SignUp", &HttpResponse::new(status, body.to_vec()))
}

#[test]
fn every_error_variant() {
    let not_authorized =
        br#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#;
    let parse = parse_reply::<Value>("ListUsers", &HttpResponse::new(200, b"{\"Users\":".into()));
    let config = Cognito::builder()
        .user_pool_id("bad")
        .environment(|_| None)
        .build();
    let missing_secret =
        EnvCredentials::with_lookup(|n| (n == "AWS_ACCESS_KEY_ID").then(|| "AKID".into()))
            .provide();
    let signing = SigningError::new(SigningStep::Sign, std::io::Error::other("sigv4 failed"));
    let invalid = handle(ok).call("Get User", &json!({}));
    let cases: Vec<(Error, &str)> = vec![
        (
            reply(400, not_authorized),
            "NotAuthorizedException: Incorrect username or password.",
        ),
        (reply(502, b""), "http status 502 with an empty body"),
        (
            parse.unwrap_err(),
            "could not parse the ListUsers reply (9 bytes) \
             | caused by: EOF while parsing a value at line 1 column 9",
        ),
        (
            refused().into(),
            "connection refused | caused by: refused by peer",
        ),
        (
            config.unwrap_err(),
            "cannot resolve the endpoint \
             | caused by: invalid pool id \"bad\": no `_` between region and id",
        ),
        (
            missing_secret.unwrap_err().into(),
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
        ),
        (
            signing.into(),
            "cannot sign the request | caused by: sigv4 failed",
        ),
        (
            SrpError::ZeroB.into(),
            "srp computation failed | caused by: srp B is zero modulo N",
        ),
        (
            ProtocolError::NoResultNoChallenge.into(),
            "the sign-in reply has neither tokens nor a challenge",
        ),
        (
            VerifyError::Malformed(JwtError::SegmentCount).into(),
            "malformed token | caused by: token must have three segments",
        ),
        (
            KeySetError::fetch("https://h/jwks.json", refused()).into(),
            "cannot fetch the key set from https://h/jwks.json \
             | caused by: connection refused | caused by: refused by peer",
        ),
        (
            invalid.unwrap_err(),
            "invalid argument: \"Get User\" is not an operation name",
        ),
        (
            Error::ChallengeRequired {
                name: "SOFTWARE_TOKEN_MFA".into(),
            },
            "sign-in stopped at challenge SOFTWARE_TOKEN_MFA",
        ),
    ];
    for (e, want) in &cases {
        check(e, want);
    }
}

#[test]
fn service_and_http_errors() {
    let header_only = parse_error(
        "SignUp",
        &HttpResponse::new(400, Vec::new())
            .with_header("x-amzn-ErrorType", "UserNotFoundException:http://x"),
    );
    check(
        &reply(
            400,
            br#"{"__type":"UsernameExistsException","message":"User exists"}"#,
        ),
        "UsernameExistsException: User exists",
    );
    check(
        &reply(
            400,
            br#"{"__type":"CognitoLocal#Unsupported","message":""}"#,
        ),
        "Unsupported",
    );
    check(&header_only, "UserNotFoundException");
    check(
        &reply(500, b"<html> Internal\n\n Server Error </html>"),
        "http status 500: <html> Internal Server Error </html>",
    );
    check(
        &reply(400, br#"{"message":"no type"}"#),
        "http status 400: {\"message\":\"no type\"}",
    );
    let typed = reply(
        400,
        br#"{"__type":"InvalidParameterException","reasonCode":"R"}"#,
    );
    let Error::Service(e) = &typed else {
        panic!("{typed:?}");
    };
    check(e, "InvalidParameterException");
    assert_eq!(e.reason_code(), Some("R"));
}

#[test]
fn parse_errors_name_the_operation_and_keep_the_json_error() {
    let broken = parse_error("GetUser", &HttpResponse::new(400, b"{\"__type\":".to_vec()));
    let Error::Parse(inner) = &broken else {
        panic!("{broken:?}");
    };
    let want = "could not parse the GetUser reply (10 bytes) \
                | caused by: EOF while parsing a value at line 1 column 10";
    check(inner, want);
    check(&broken, want);
    let shape = parse_reply::<u32>("ListUsers", &HttpResponse::new(200, b"{}".to_vec()));
    check(
        &shape.unwrap_err(),
        "could not parse the ListUsers reply (2 bytes) \
         | caused by: invalid type: map, expected u32 at line 1 column 0",
    );
}

#[test]
fn protocol_errors() {
    let s = String::from;
    let cases = [
        (
            ProtocolError::NoResultNoChallenge,
            "the sign-in reply has neither tokens nor a challenge",
        ),
        (
            ProtocolError::UnknownChallenge(s("MAGIC")),
            "unknown challenge \"MAGIC\"",
        ),
        (
            ProtocolError::UnexpectedChallenge(s("DEVICE_SRP_AUTH")),
            "challenge DEVICE_SRP_AUTH cannot be answered in this sign-in",
        ),
        (
            ProtocolError::MissingParameter {
                challenge: s("PASSWORD_VERIFIER"),
                parameter: s("SRP_B"),
            },
            "challenge PASSWORD_VERIFIER has no SRP_B parameter",
        ),
        (
            ProtocolError::MissingField {
                operation: s("SignUp"),
                field: s("UserSub"),
            },
            "the SignUp reply has no UserSub",
        ),
        (
            ProtocolError::SoftwareTokenNotVerified,
            "the authenticator code was not verified",
        ),
        (
            ProtocolError::RepeatedPaginationToken,
            "the service sent a pagination token it had sent before",
        ),
    ];
    for (e, want) in &cases {
        check(e, want);
    }
}

#[test]
fn config_errors() {
    let built = |b: crate::TokenVerifierBuilder| b.build().unwrap_err();
    let verifier = || TokenVerifier::builder("eu-west-1_AbC").client_id("c");
    let bare = Cognito::builder()
        .region("eu-west-1")
        .environment(|_| None)
        .build()
        .unwrap();
    let unnamed = handle(ok);
    check(&ConfigError::new("no region"), "no region");
    check(
        &ConfigError::with_source("cannot load", std::io::Error::other("disk on fire")),
        "cannot load | caused by: disk on fire",
    );
    let ftp = Cognito::builder()
        .region("eu-west-1")
        .endpoint("ftp://h")
        .environment(|_| None)
        .build();
    let cases = [
        (
            ftp.unwrap_err(),
            "cannot resolve the endpoint | caused by: invalid endpoint \"ftp://h\" \
             from the endpoint setting: scheme must be http or https",
        ),
        (
            built(TokenVerifier::builder("nope").client_id("c")),
            "cannot build the token verifier \
             | caused by: invalid pool id \"nope\": no `_` between region and id",
        ),
        (
            built(verifier().endpoint("http://h?q")),
            "cannot resolve the key set endpoint | caused by: invalid endpoint \"http://h?q\" \
             from the endpoint setting: a query is not allowed",
        ),
        (
            built(verifier().key_set_json("[]")),
            "the given key set is not usable | caused by: not a jwk set",
        ),
        (
            built(TokenVerifier::builder("eu-west-1_AbC")),
            "a token verifier needs at least one allowed client id; set it with .client_id(…)",
        ),
        (
            bare.require_user_pool_id().unwrap_err(),
            "this call needs a user pool id; set it with .user_pool_id(…)",
        ),
        (
            bare.require_client_id().unwrap_err(),
            "this call needs an app client id; set it with .client_id(…)",
        ),
        (
            unnamed.verify_tokens().unwrap_err(),
            "no tokens to verify: sign in first",
        ),
        (
            unnamed.authenticate("pw").unwrap_err(),
            "sign-in needs a username; set it with .username(…)",
        ),
    ];
    for (e, want) in &cases {
        assert!(matches!(e, Error::Config(_)), "{e:?}");
        check(e, want);
    }
}

#[test]
fn transport_errors() {
    check(
        &TransportError::new(TransportErrorKind::Timeout, "timed out"),
        "timed out",
    );
    check(
        &refused(),
        "connection refused | caused by: refused by peer",
    );
    assert_eq!(refused().message(), "connection refused");
}

/// A folder for shared AWS files, removed on drop.
struct Home(PathBuf);

impl Home {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("cognito-error-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Home(dir)
    }

    /// What the default chain says over a credentials file holding `text`
    /// (and no config file), with `vars`.
    fn provide(&self, text: &str, vars: &[(&str, &str)]) -> CredentialsError {
        let file = self.0.join("credentials");
        std::fs::write(&file, text).unwrap();
        let mut map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let config = self.0.join("config").display().to_string();
        map.insert(
            "AWS_SHARED_CREDENTIALS_FILE".into(),
            file.display().to_string(),
        );
        map.insert("AWS_CONFIG_FILE".into(), config);
        // No instance metadata: this machine may have an endpoint answering.
        map.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
        DefaultCredentials::with_lookup(move |name| map.get(name).cloned())
            .provide()
            .unwrap_err()
    }

    fn process(&self, command: &str) -> CredentialsError {
        self.provide(&format!("[default]\ncredential_process = {command}\n"), &[])
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn credentials_errors() {
    let home = Home::new("creds");
    // Every source of the chain, in order, and why each was skipped.
    let tried = |profile: &str, exists: bool, files: (&str, &str)| {
        let missing = if exists {
            format!("profile \"{profile}\" has no role_arn")
        } else {
            format!("no profile \"{profile}\"")
        };
        let sso = if exists {
            format!("profile \"{profile}\" has no sso_session or sso_start_url")
        } else {
            format!("no profile \"{profile}\"")
        };
        format!(
            "environment (AWS_ACCESS_KEY_ID is not set); assume role ({missing}); \
             web identity (no AWS_WEB_IDENTITY_TOKEN_FILE or web_identity_token_file); \
             SSO ({sso}); shared credentials file ({}); \
             credential_process (profile \"{profile}\" has no credential_process); \
             config file ({}); container (neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI \
             nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set); \
             instance metadata (disabled by AWS_EC2_METADATA_DISABLED)",
            files.0, files.1
        )
    };
    let credentials = home.0.join("credentials").display().to_string();
    let config = home.0.join("config").display().to_string();
    let in_files = |profile: &str| {
        (
            format!("no keys for profile \"{profile}\" in {credentials}"),
            format!("no keys for profile \"{profile}\" in {config} (not found)"),
        )
    };
    let no_home = "no file: neither HOME nor USERPROFILE is set";
    let (c, f) = in_files("default");
    let cases = [
        (
            EnvCredentials::with_lookup(|_| None).provide().unwrap_err(),
            "no AWS credentials: none given to the builder and \
             AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set"
                .to_owned(),
        ),
        (
            DefaultCredentials::with_lookup(|name| {
                (name == "AWS_EC2_METADATA_DISABLED").then(|| "true".to_owned())
            })
            .provide()
            .unwrap_err(),
            format!(
                "no AWS credentials found for profile \"default\"; tried {}",
                tried("default", false, (no_home, no_home))
            ),
        ),
        (
            home.provide("", &[]),
            format!(
                "no AWS credentials found for profile \"default\"; tried {}",
                tried("default", false, (&c, &f))
            ),
        ),
        (
            home.provide("[default]\n", &[("AWS_PROFILE", "nope")]),
            format!(
                "the AWS profile \"nope\" does not exist; looked at {credentials} and \
                 {config} (not found)"
            ),
        ),
        (
            home.provide("[default]\nregion = eu-west-1\n", &[]),
            format!(
                "no AWS credentials found for profile \"default\"; tried {}",
                tried("default", true, (&c, &f))
            ),
        ),
        (
            home.provide("[default]\nrole_arn = arn:aws:iam::1:role/r\n", &[]),
            "the AWS profile \"default\" has role_arn but neither source_profile nor \
             credential_source"
                .to_owned(),
        ),
        (
            home.provide("[default]\naws_access_key_id = AKID\n", &[]),
            "aws_access_key_id is set in the profile but aws_secret_access_key is not".to_owned(),
        ),
        (
            home.process("helper 'unclosed"),
            "credential_process cannot be split into words: unclosed single quote".to_owned(),
        ),
    ];
    for (e, want) in &cases {
        check(e, want);
    }
    check(
        &CredentialsError::with_source("cannot ask the helper", std::io::Error::other("it hung")),
        "cannot ask the helper | caused by: it hung",
    );
}

#[cfg(unix)]
#[test]
fn credential_process_errors() {
    let home = Home::new("process");
    let missing = "/nonexistent/cognito-credential-helper";
    let output = "cannot read the output of credential_process \"echo\"";
    let cases = [
        (
            home.process(missing),
            format!(
                "cannot start credential_process \"{missing}\" \
                 | caused by: No such file or directory (os error 2)"
            ),
        ),
        (
            home.process("sh -c 'echo token expired >&2; exit 3'"),
            "credential_process \"sh\" failed (exit status: 3); see its messages above"
                .to_owned(),
        ),
        (
            home.process("echo not-json"),
            format!("{output} | caused by: not JSON | caused by: expected ident at line 1 column 2"),
        ),
        (
            home.process(r#"echo '{"Version":2}'"#),
            format!("{output} | caused by: unsupported Version 2; expected 1"),
        ),
        (
            home.process(r#"echo '{"AccessKeyId":"A"}'"#),
            format!("{output} | caused by: no Version; expected 1"),
        ),
        (
            home.process(r#"echo '{"Version":1,"AccessKeyId":"A"}'"#),
            format!("{output} | caused by: no SecretAccessKey"),
        ),
        (
            home.process(r#"echo '{"Version":1,"SecretAccessKey":"S"}'"#),
            format!("{output} | caused by: no AccessKeyId"),
        ),
        (
            home.process(
                r#"echo '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"soon"}'"#,
            ),
            format!(
                "{output} | caused by: Expiration \"soon\" is not RFC 3339 \
                 | caused by: the 'year' component could not be parsed"
            ),
        ),
    ];
    for (e, want) in &cases {
        check(e, want);
    }
}

#[test]
fn signing_errors() {
    let steps = [
        (SigningStep::Params, "invalid signing parameters"),
        (
            SigningStep::Prepare,
            "cannot prepare the request for signing",
        ),
        (SigningStep::Sign, "cannot sign the request"),
    ];
    for (step, display) in steps {
        let e = SigningError::new(step, std::io::Error::other("why"));
        check(&e, &format!("{display} | caused by: why"));
    }
    let e = sign_request(
        &mut HttpRequest::post("not a url", Vec::new()),
        &AwsCredentials::new("AKID", "SECRET", None),
        "eu-west-1",
        std::time::UNIX_EPOCH,
    );
    check(
        &e.unwrap_err(),
        "cannot prepare the request for signing | caused by: failed to create canonical request \
         | caused by: the uri was invalid | caused by: invalid uri character",
    );
}

#[test]
fn srp_errors() {
    let cases = [
        (
            SrpError::InvalidHex { field: "SALT" },
            "invalid hex in SALT",
        ),
        (
            SrpError::InvalidBase64 {
                field: "SECRET_BLOCK",
            },
            "invalid base64 in SECRET_BLOCK",
        ),
        (SrpError::InvalidPoolId, "invalid user pool id"),
        (SrpError::ZeroB, "srp B is zero modulo N"),
        (SrpError::ZeroU, "srp u is zero"),
        (SrpError::ZeroA, "srp a is zero modulo N"),
        (SrpError::TimestampOutOfRange, "timestamp out of range"),
        (
            SrpError::Random("no entropy".into()),
            "random number generator failed | caused by: no entropy",
        ),
    ];
    for (e, want) in &cases {
        check(e, want);
    }
    check(
        &Error::from(SrpError::Random("no entropy".into())),
        "srp computation failed | caused by: random number generator failed \
         | caused by: no entropy",
    );
}

#[test]
fn endpoint_errors() {
    let cases = [
        (
            EndpointError::InvalidPoolId {
                pool_id: "x".into(),
                reason: "empty",
            },
            "invalid pool id \"x\": empty",
        ),
        (
            EndpointError::MissingRegion,
            "missing region: set a region or a pool id",
        ),
        (
            EndpointError::InvalidRegion {
                region: "a b".into(),
                from: Setting::Region,
            },
            "invalid region \"a b\" from the region setting",
        ),
        (
            EndpointError::InvalidEndpoint {
                url: "ftp://h".into(),
                from: Setting::GlobalEnv,
                reason: "scheme must be http or https",
            },
            "invalid endpoint \"ftp://h\" from AWS_ENDPOINT_URL: scheme must be http or https",
        ),
        (
            EndpointError::FipsWithCustomEndpoint {
                fips_from: Setting::UseFipsEnv,
                endpoint_from: Setting::Endpoint,
            },
            "fips cannot be combined with a custom endpoint \
             (fips from AWS_USE_FIPS_ENDPOINT, endpoint from the endpoint setting)",
        ),
        (
            EndpointError::DualStackWithCustomEndpoint {
                dual_stack_from: Setting::UseDualStack,
                endpoint_from: Setting::ServiceEnv,
            },
            "dual-stack cannot be combined with a custom endpoint (dual-stack from the \
             dual-stack setting, endpoint from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER)",
        ),
        (
            EndpointError::UnsupportedByPartition {
                partition: "aws-iso",
                feature: "fips",
            },
            "partition aws-iso does not support fips",
        ),
    ];
    for (e, want) in &cases {
        check(e, want);
    }
}

/// A token that passes the checks made before any key is fetched
/// (`{"alg":"RS256","kid":"k"}`), so verifying it fetches the key set.
const NEEDS_KEYS: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.e30.c2ln";

/// What a verifier fetching `https://h/jwks.json` through `transport` says.
fn fetching(transport: fn(HttpRequest) -> Result<HttpResponse, TransportError>) -> Error {
    TokenVerifier::builder("eu-west-1_AbC")
        .client_id("c")
        .key_set_url("https://h/jwks.json")
        .transport(transport)
        .build()
        .unwrap()
        .verify(NEEDS_KEYS)
        .unwrap_err()
}

#[test]
fn key_set_errors() {
    let missing = std::env::temp_dir().join(format!("cognito-no-jwks-{}", std::process::id()));
    let from_file = TokenVerifier::builder("eu-west-1_AbC")
        .client_id("c")
        .key_set_file(&missing)
        .build()
        .unwrap()
        .verify(NEEDS_KEYS);
    let url = "https://h/jwks.json";
    let cases = [
        (
            fetching(|_| Err(refused())),
            format!(
                "cannot fetch the key set from {url} | caused by: connection refused \
                 | caused by: refused by peer"
            ),
        ),
        (
            fetching(|_| Ok(HttpResponse::new(404, Vec::new()))),
            format!("the key set at {url} answered http status 404"),
        ),
        (
            fetching(|_| Ok(HttpResponse::new(200, b"{}".to_vec()))),
            format!("the key set from {url} is not usable | caused by: not a jwk set"),
        ),
        (
            from_file.unwrap_err(),
            format!(
                "cannot read the key set file {} \
                 | caused by: No such file or directory (os error 2)",
                missing.display()
            ),
        ),
    ];
    for (e, want) in &cases {
        assert!(matches!(e, Error::KeySet(_)), "{e:?}");
        check(e, want);
    }
}

#[test]
fn token_errors() {
    let small = || Rs256Error::ModulusTooSmall { bits: 1024 };
    let cases = [
        (
            VerifyError::Malformed(JwtError::Base64(Segment::Payload)),
            "malformed token | caused by: token payload is not base64url",
        ),
        (
            VerifyError::AlgorithmNotAllowed { alg: "none".into() },
            "token algorithm not allowed (only rs256)",
        ),
        (VerifyError::MissingKid, "token header has no kid"),
        (VerifyError::UnknownKid, "no key with the token's kid"),
        (
            VerifyError::KeyUnusable(KeyRejection::Rsa(small())),
            "token key unusable | caused by: rsa modulus too small (1024 bits)",
        ),
        (
            VerifyError::Signature(Rs256Error::Mismatch),
            "bad token signature | caused by: signature does not match",
        ),
        (
            VerifyError::MalformedClaims(JwtError::InvalidClaim { name: "exp" }),
            "malformed token claims | caused by: claim exp has the wrong type",
        ),
        (VerifyError::WrongIssuer, "token issuer not accepted"),
        (
            VerifyError::WrongTokenUse {
                expected: TokenUse::Id,
                found: Some(TokenUse::Access),
            },
            "token is not an id token",
        ),
        (VerifyError::WrongAudience, "token audience not allowed"),
        (VerifyError::WrongClientId, "token client id not allowed"),
        (VerifyError::MissingExp, "token has no exp"),
        (VerifyError::Expired, "token expired"),
        (VerifyError::NotYetValid, "token not yet valid"),
        (VerifyError::IssuedInFuture, "token issued in the future"),
        (
            VerifyError::MissingGroup {
                group: "admins".into(),
            },
            "token lacks group admins",
        ),
        (
            VerifyError::MissingScope {
                scope: "openid".into(),
            },
            "token lacks scope openid",
        ),
    ];
    for (e, want) in &cases {
        check(e, want);
    }
    // `Error::Token` is transparent: the same chain.
    check(
        &Error::from(VerifyError::KeyUnusable(KeyRejection::Rsa(small()))),
        "token key unusable | caused by: rsa modulus too small (1024 bits)",
    );
}

#[test]
fn jwt_errors() {
    let cases = [
        (
            JwtError::TooLarge { len: 20000 },
            "token too large (20000 bytes)",
        ),
        (JwtError::SegmentCount, "token must have three segments"),
        (
            JwtError::Base64(Segment::Signature),
            "token signature is not base64url",
        ),
        (
            JwtError::NotJsonObject(Segment::Header),
            "token header is not a json object",
        ),
        (JwtError::MissingAlg, "token header has no alg"),
        (
            JwtError::InvalidHeader { name: "kid" },
            "token header member kid has the wrong type",
        ),
        (
            JwtError::InvalidClaim { name: "token_use" },
            "claim token_use has the wrong type",
        ),
    ];
    for (e, want) in &cases {
        check(e, want);
    }
}

#[test]
fn jwks_errors_and_key_rejections() {
    let sets = [
        (JwksError::NotAKeySet, "not a jwk set"),
        (JwksError::UnknownKid, "no key with this kid"),
        (
            JwksError::Unusable(KeyRejection::NotRsa),
            "key unusable | caused by: not an rsa key",
        ),
        (
            JwksError::Unusable(KeyRejection::Rsa(Rs256Error::EvenModulus)),
            "key unusable | caused by: rsa modulus is even",
        ),
    ];
    for (e, want) in &sets {
        check(e, want);
    }
    let keys = [
        (KeyRejection::Malformed, "malformed jwk"),
        (KeyRejection::NotRsa, "not an rsa key"),
        (KeyRejection::NotForSignatures, "not a signing key"),
        (KeyRejection::NotRs256, "not an rs256 key"),
        (KeyRejection::MissingMember, "missing n or e"),
        (
            KeyRejection::Rsa(Rs256Error::InvalidExponent),
            "invalid rsa public exponent",
        ),
    ];
    for (e, want) in &keys {
        check(e, want);
    }
}

#[test]
fn rs256_errors() {
    let cases = [
        (Rs256Error::KeyEncoding, "rsa key member is not base64url"),
        (
            Rs256Error::ModulusTooSmall { bits: 1024 },
            "rsa modulus too small (1024 bits)",
        ),
        (
            Rs256Error::ModulusTooLarge { bits: 16384 },
            "rsa modulus too large (16384 bits)",
        ),
        (Rs256Error::EvenModulus, "rsa modulus is even"),
        (Rs256Error::InvalidExponent, "invalid rsa public exponent"),
        (
            Rs256Error::SignatureLength {
                expected: 256,
                actual: 255,
            },
            "signature is 255 bytes, expected 256",
        ),
        (
            Rs256Error::SignatureOutOfRange,
            "signature is not below the modulus",
        ),
        (Rs256Error::Mismatch, "signature does not match"),
    ];
    for (e, want) in &cases {
        check(e, want);
    }
}

#[test]
fn fixture_errors() {
    let dir = std::env::temp_dir().join(format!("cognito-error-fixture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "[]").unwrap();
    let missing = dir.join("missing.json");
    let fixture = Fixture::from_json(r#"{"source": "a test", "exchanges": []}"#).unwrap();
    let cases = [
        (
            Fixture::from_json("{").unwrap_err(),
            "not a fixture | caused by: EOF while parsing an object at line 1 column 1".to_owned(),
        ),
        (
            Fixture::from_json(r#"{"source": " ", "exchanges": []}"#).unwrap_err(),
            "a fixture must say where it came from in `source`".to_owned(),
        ),
        (
            Fixture::from_file(&missing).unwrap_err(),
            format!(
                "cannot read fixture {} | caused by: No such file or directory (os error 2)",
                missing.display()
            ),
        ),
        (
            Fixture::from_file(&bad).unwrap_err(),
            format!(
                "cannot load fixture {} | caused by: not a fixture | caused by: invalid length 0, \
                 expected struct Fixture with 4 elements at line 1 column 2",
                bad.display()
            ),
        ),
        (
            fixture.save(&dir).unwrap_err(),
            format!(
                "cannot write fixture {} | caused by: Is a directory (os error 21)",
                dir.display()
            ),
        ),
    ];
    let _ = std::fs::remove_dir_all(&dir);
    for (e, want) in &cases {
        check(e, want);
    }
}

#[test]
fn the_chain_helper_catches_a_pasted_cause() {
    // What `ConfigError::with_source(e.to_string(), e)` used to make.
    let cause = EndpointError::InvalidPoolId {
        pool_id: "bad".into(),
        reason: "empty",
    };
    let pasted = ConfigError::with_source(cause.to_string(), cause);
    let text = "invalid pool id \"bad\": empty";
    assert_eq!(repeated(&messages(&pasted)), Some((text, text)));
    let deeper = ["a: b: c".to_owned(), "b".to_owned(), "c".to_owned()];
    assert_eq!(repeated(&deeper), Some(("a: b: c", "b")), "any cause below");
    let clean = ["cannot load".to_owned(), "disk on fire".to_owned()];
    assert_eq!(repeated(&clean), None);
    let inside_a_word = ["cannot ask".to_owned(), "no".to_owned()];
    assert_eq!(repeated(&inside_a_word), None, "whole words only");
}

/// `Result<T, Error>` is returned everywhere; keep it a few words, as ureq's
/// `ensure_error_size` does. `ServiceError` is boxed (its code, message,
/// reason code and request id made `Error` 104 bytes). What is left is at
/// most 64 bytes on 64-bit targets: `ParseError` (operation, body, status,
/// source: 64), `HttpError` and `ProtocolError::MissingParameter` (two
/// strings: 56), `TransportError` (message, boxed source, kind: 48).
#[test]
fn error_stays_small() {
    let size = std::mem::size_of::<Error>();
    assert!(size <= 64, "size_of::<Error>() is {size}");
    assert_eq!(
        std::mem::size_of::<crate::ServiceError>(),
        std::mem::size_of::<usize>(),
        "ServiceError is one pointer"
    );
}
