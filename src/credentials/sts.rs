//! AWS STS through the query protocol: `AssumeRole` (signed with the source
//! credentials) and `AssumeRoleWithWebIdentity` (unsigned).
//!
//! Pure: [`assume_role_request`] and [`web_identity_request`] build the form
//! POST, [`parse_reply`] reads the XML answer (credentials, or an
//! `<ErrorResponse>` mapped to [`StsError`]). [`Sts::call`] is the one line
//! that sends, through the handle's [`Transport`].
//!
//! The endpoint is the regional one, `https://sts.<region>.amazonaws.com`,
//! unless `AWS_ENDPOINT_URL_STS` or `AWS_ENDPOINT_URL` overrides it (as
//! botocore does).

use std::fmt;
use std::time::SystemTime;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{AwsCredentials, CredentialsError};
use crate::http::{HttpRequest, HttpResponse, Transport};
use crate::SecretString;

/// The STS API version the query protocol names.
const VERSION: &str = "2011-06-15";

/// The region used when none is configured (botocore's STS default).
pub(crate) const DEFAULT_REGION: &str = "us-east-1";

/// Where STS is called and how its signature is scoped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StsEndpoint {
    /// The URL the form is posted to.
    pub(crate) url: String,
    /// The signing region.
    pub(crate) region: String,
}

impl StsEndpoint {
    /// The regional endpoint, or the override from `AWS_ENDPOINT_URL_STS`,
    /// else `AWS_ENDPOINT_URL`, read through `var`.
    pub(crate) fn resolve(region: &str, var: &dyn Fn(&str) -> Option<String>) -> Self {
        let url = var("AWS_ENDPOINT_URL_STS")
            .or_else(|| var("AWS_ENDPOINT_URL"))
            .unwrap_or_else(|| format!("https://sts.{region}.amazonaws.com"));
        Self {
            url: with_slash(url),
            region: region.to_owned(),
        }
    }
}

fn with_slash(mut url: String) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    if !url[after_scheme..].contains('/') {
        url.push('/');
    }
    url
}

/// The parameters of `AssumeRole`.
#[derive(Clone, Default)]
pub(crate) struct AssumeRoleParams {
    pub(crate) role_arn: String,
    pub(crate) role_session_name: String,
    pub(crate) external_id: Option<String>,
    pub(crate) serial_number: Option<String>,
    pub(crate) token_code: Option<SecretString>,
    pub(crate) duration_seconds: Option<u32>,
}

/// Percent-encodes a form or query value (RFC 3986 unreserved characters kept).
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

fn post(endpoint: &StsEndpoint, body: Vec<u8>) -> HttpRequest {
    HttpRequest::post(endpoint.url.clone(), body).with_header(
        "content-type",
        "application/x-www-form-urlencoded; charset=utf-8",
    )
}

/// The unsigned `AssumeRole` request; the caller signs it for `sts`.
pub(crate) fn assume_role_request(endpoint: &StsEndpoint, p: &AssumeRoleParams) -> HttpRequest {
    let duration = p.duration_seconds.map(|d| d.to_string());
    let mut pairs = vec![
        ("Action", "AssumeRole"),
        ("Version", VERSION),
        ("RoleArn", p.role_arn.as_str()),
        ("RoleSessionName", p.role_session_name.as_str()),
    ];
    if let Some(d) = &duration {
        pairs.push(("DurationSeconds", d));
    }
    if let Some(id) = &p.external_id {
        pairs.push(("ExternalId", id));
    }
    if let Some(serial) = &p.serial_number {
        pairs.push(("SerialNumber", serial));
    }
    if let Some(code) = &p.token_code {
        pairs.push(("TokenCode", code.expose_secret()));
    }
    post(endpoint, form(&pairs))
}

/// The `AssumeRoleWithWebIdentity` request (never signed).
pub(crate) fn web_identity_request(
    endpoint: &StsEndpoint,
    role_arn: &str,
    role_session_name: &str,
    token: &SecretString,
    duration_seconds: Option<u32>,
) -> HttpRequest {
    let duration = duration_seconds.map(|d| d.to_string());
    let mut pairs = vec![
        ("Action", "AssumeRoleWithWebIdentity"),
        ("Version", VERSION),
        ("RoleArn", role_arn),
        ("RoleSessionName", role_session_name),
        ("WebIdentityToken", token.expose_secret()),
    ];
    if let Some(d) = &duration {
        pairs.push(("DurationSeconds", d));
    }
    post(endpoint, form(&pairs))
}

/// An STS error code, from `<Error><Code>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StsErrorCode {
    /// The caller may not assume the role (or the trust policy refuses).
    AccessDenied,
    /// The web identity token or MFA code has expired.
    ExpiredToken,
    /// The web identity token is malformed or its signature is wrong.
    InvalidIdentityToken,
    /// The identity provider refused the token's claims.
    IdpRejectedClaim,
    /// STS could not reach the identity provider.
    IdpCommunicationError,
    /// The access key id of the source credentials is unknown.
    InvalidClientTokenId,
    /// The request signature does not match.
    SignatureDoesNotMatch,
    /// A parameter is malformed (a bad ARN, a duration out of range).
    ValidationError,
    /// STS is not enabled in this region for the account.
    RegionDisabled,
    /// Any other code, as STS sent it.
    Unknown(String),
}

impl StsErrorCode {
    fn parse(code: &str) -> Self {
        match code {
            "AccessDenied" => Self::AccessDenied,
            "ExpiredTokenException" | "ExpiredToken" => Self::ExpiredToken,
            "InvalidIdentityToken" => Self::InvalidIdentityToken,
            "IDPRejectedClaim" => Self::IdpRejectedClaim,
            "IDPCommunicationError" => Self::IdpCommunicationError,
            "InvalidClientTokenId" => Self::InvalidClientTokenId,
            "SignatureDoesNotMatch" => Self::SignatureDoesNotMatch,
            "ValidationError" => Self::ValidationError,
            "RegionDisabledException" => Self::RegionDisabled,
            other => Self::Unknown(other.to_owned()),
        }
    }

    /// The code as STS spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::AccessDenied => "AccessDenied",
            Self::ExpiredToken => "ExpiredTokenException",
            Self::InvalidIdentityToken => "InvalidIdentityToken",
            Self::IdpRejectedClaim => "IDPRejectedClaim",
            Self::IdpCommunicationError => "IDPCommunicationError",
            Self::InvalidClientTokenId => "InvalidClientTokenId",
            Self::SignatureDoesNotMatch => "SignatureDoesNotMatch",
            Self::ValidationError => "ValidationError",
            Self::RegionDisabled => "RegionDisabledException",
            Self::Unknown(code) => code,
        }
    }
}

/// STS answered with an error, or with something that is not its reply.
///
/// `Display` gives the code, HTTP status and STS's message (at most 200
/// characters); no request value (token, MFA code, keys) is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StsError {
    code: StsErrorCode,
    message: String,
    status: u16,
    request_id: Option<String>,
}

impl StsError {
    /// The error code.
    pub fn code(&self) -> &StsErrorCode {
        &self.code
    }

    /// STS's message (shortened to 200 characters).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id, when STS sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    fn malformed(status: u16, why: &str) -> Self {
        Self {
            code: StsErrorCode::Unknown("MalformedReply".to_owned()),
            message: why.to_owned(),
            status,
            request_id: None,
        }
    }
}

impl fmt::Display for StsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "STS {} (HTTP {})", self.code.as_str(), self.status)?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for StsError {}

/// Every element's text by its path of local names joined with `/`
/// (`AssumeRoleResponse/AssumeRoleResult/Credentials/AccessKeyId`), in
/// document order. Entity and character references are resolved.
pub(crate) fn xml_leaves(body: &str) -> Result<Vec<(String, String)>, String> {
    let mut reader = Reader::from_str(body);
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut leaves = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                path.push(e.local_name().as_ref().to_owned());
                text.clear();
            }
            Ok(Event::Empty(e)) => {
                let name = e.local_name().as_ref().to_owned();
                let mut full = path.join("/");
                full.push('/');
                full.push_str(&name);
                leaves.push((full.trim_start_matches('/').to_owned(), String::new()));
            }
            Ok(Event::Text(t)) => text.push_str(&t.xml10_content()),
            Ok(Event::CData(t)) => text.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
                    text.push(c);
                } else {
                    let name: &str = &r;
                    let value = quick_xml::escape::resolve_predefined_entity(name)
                        .ok_or_else(|| format!("unknown entity &{name};"))?;
                    text.push_str(value);
                }
            }
            Ok(Event::End(_)) => {
                leaves.push((path.join("/"), std::mem::take(&mut text)));
                path.pop();
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("not XML: {e}")),
        }
    }
    if !path.is_empty() {
        return Err("XML ends inside an element".to_owned());
    }
    Ok(leaves)
}

fn leaf<'a>(leaves: &'a [(String, String)], suffix: &str) -> Option<&'a str> {
    leaves
        .iter()
        .find(|(path, _)| path == suffix || path.ends_with(&format!("/{suffix}")))
        .map(|(_, v)| v.trim())
}

/// Reads an STS reply: the credentials of a 2xx `…Result`, or the typed
/// error of an `<ErrorResponse>`.
///
/// # Errors
///
/// An [`StsError`] for an error reply, or one with code `MalformedReply`
/// when the body is not STS's XML.
pub(crate) fn parse_reply(response: &HttpResponse) -> Result<AwsCredentials, StsError> {
    let status = response.status;
    let body = std::str::from_utf8(&response.body)
        .map_err(|_| StsError::malformed(status, "the reply is not UTF-8"))?;
    let leaves = xml_leaves(body).map_err(|why| StsError::malformed(status, &why))?;
    if !(200..300).contains(&status) {
        let code = leaf(&leaves, "Error/Code")
            .ok_or_else(|| StsError::malformed(status, "an error reply without Error/Code"))?;
        return Err(StsError {
            code: StsErrorCode::parse(code),
            message: leaf(&leaves, "Error/Message")
                .unwrap_or("")
                .chars()
                .take(200)
                .collect(),
            status,
            request_id: leaf(&leaves, "RequestId").map(str::to_owned),
        });
    }
    let get = |name: &str| {
        leaf(&leaves, &format!("Credentials/{name}"))
            .filter(|v| !v.is_empty())
            .ok_or_else(|| StsError::malformed(status, &format!("no Credentials/{name}")))
    };
    let expiration = get("Expiration")?;
    let at = parse_time(expiration)
        .ok_or_else(|| StsError::malformed(status, "Credentials/Expiration is not a time"))?;
    Ok(AwsCredentials::new(
        get("AccessKeyId")?,
        get("SecretAccessKey")?,
        Some(SecretString::from(get("SessionToken")?)),
    )
    .with_expiry(at))
}

/// An ISO 8601 / RFC 3339 time as STS and the metadata services write it.
pub(crate) fn parse_time(text: &str) -> Option<SystemTime> {
    let at =
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
    crate::clock::from_unix_nanos(at.unix_timestamp_nanos())
}

/// An STS client over a transport.
pub(crate) struct Sts<'a> {
    pub(crate) transport: &'a dyn Transport,
    pub(crate) endpoint: StsEndpoint,
}

impl Sts<'_> {
    /// `AssumeRoleWithWebIdentity`, unsigned.
    pub(crate) fn assume_role_with_web_identity(
        &self,
        role_arn: &str,
        role_session_name: &str,
        token: &SecretString,
    ) -> Result<AwsCredentials, CredentialsError> {
        self.call(web_identity_request(
            &self.endpoint,
            role_arn,
            role_session_name,
            token,
            None,
        ))
    }

    /// `AssumeRole`, signed with `source` at `now`.
    pub(crate) fn assume_role(
        &self,
        params: &AssumeRoleParams,
        source: &AwsCredentials,
        now: SystemTime,
    ) -> Result<AwsCredentials, CredentialsError> {
        let mut request = assume_role_request(&self.endpoint, params);
        crate::protocol::signing::sign_request_for(
            &mut request,
            source,
            "sts",
            &self.endpoint.region,
            now,
        )
        .map_err(|e| CredentialsError::with_source("cannot sign the STS request", e))?;
        self.call(request)
    }

    fn call(&self, request: HttpRequest) -> Result<AwsCredentials, CredentialsError> {
        let response = self
            .transport
            .send(request)
            .map_err(|e| CredentialsError::with_source("cannot reach STS", e))?;
        parse_reply(&response).map_err(|e| CredentialsError::with_source("STS refused", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPLY: &str = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/s</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:s</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalr&amp;XUtn</SecretAccessKey>
      <SessionToken><![CDATA[FwoGZX&token]]></SessionToken>
      <Expiration>2030-01-02T03:04:05Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe</RequestId></ResponseMetadata>
</AssumeRoleResponse>"#;

    #[test]
    fn credentials_reply() {
        let c = parse_reply(&HttpResponse::new(200, REPLY.as_bytes().to_vec())).unwrap();
        assert_eq!(c.access_key_id(), "ASIAEXAMPLE");
        assert_eq!(c.secret_access_key().expose_secret(), "wJalr&XUtn");
        assert_eq!(
            c.session_token().map(SecretString::expose_secret),
            Some("FwoGZX&token")
        );
        assert_eq!(
            c.expires_at(),
            Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_893_553_445))
        );
    }

    #[test]
    fn error_reply_is_typed() {
        let body = r#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>Couldn&apos;t retrieve verification key</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"#;
        let e = parse_reply(&HttpResponse::new(400, body.as_bytes().to_vec())).unwrap_err();
        assert_eq!(e.code(), &StsErrorCode::InvalidIdentityToken);
        assert_eq!(e.message(), "Couldn't retrieve verification key");
        assert_eq!(e.request_id(), Some("r-1"));
        assert_eq!(
            e.to_string(),
            "STS InvalidIdentityToken (HTTP 400): Couldn't retrieve verification key"
        );
        let other = parse_reply(&HttpResponse::new(
            403,
            b"<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>".to_vec(),
        ))
        .unwrap_err();
        assert_eq!(other.code(), &StsErrorCode::Unknown("Throttling".into()));
    }

    #[test]
    fn malformed_replies() {
        for (status, body) in [
            (200, "<a><b></a>"),
            (200, "<AssumeRoleResponse/>"),
            (500, "<html>gateway</html>"),
            (200, "<x>&bogus;</x>"),
            (200, "<open>"),
        ] {
            let e = parse_reply(&HttpResponse::new(status, body.as_bytes().to_vec())).unwrap_err();
            assert_eq!(
                e.code(),
                &StsErrorCode::Unknown("MalformedReply".into()),
                "{body}"
            );
        }
    }

    #[test]
    fn requests_are_form_posts() {
        let endpoint = StsEndpoint::resolve("eu-west-1", &|_| None);
        assert_eq!(endpoint.url, "https://sts.eu-west-1.amazonaws.com/");
        let r = assume_role_request(
            &endpoint,
            &AssumeRoleParams {
                role_arn: "arn:aws:iam::1:role/a b".into(),
                role_session_name: "s".into(),
                external_id: Some("ext".into()),
                serial_number: Some("arn:aws:iam::1:mfa/u".into()),
                token_code: Some("123456".into()),
                duration_seconds: Some(900),
            },
        );
        assert_eq!(r.method, "POST");
        assert_eq!(
            String::from_utf8(r.body.clone()).unwrap(),
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b&RoleSessionName=s&DurationSeconds=900&ExternalId=ext&SerialNumber=arn%3Aaws%3Aiam%3A%3A1%3Amfa%2Fu&TokenCode=123456"
        );
        assert!(r
            .header("content-type")
            .unwrap()
            .starts_with("application/x-www-form-urlencoded"));
        let w = web_identity_request(&endpoint, "arn", "n", &"jwt.x.y".into(), None);
        assert_eq!(
            String::from_utf8(w.body.clone()).unwrap(),
            "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn&RoleSessionName=n&WebIdentityToken=jwt.x.y"
        );
        assert!(w.header("authorization").is_none());
    }

    #[test]
    fn endpoint_overrides() {
        let vars = |name: &str| match name {
            "AWS_ENDPOINT_URL" => Some("http://127.0.0.1:5000".to_owned()),
            _ => None,
        };
        assert_eq!(
            StsEndpoint::resolve("us-east-2", &vars).url,
            "http://127.0.0.1:5000/"
        );
        let sts_first = |name: &str| match name {
            "AWS_ENDPOINT_URL_STS" => Some("http://sts.local/x".to_owned()),
            "AWS_ENDPOINT_URL" => Some("http://127.0.0.1:5000".to_owned()),
            _ => None,
        };
        assert_eq!(
            StsEndpoint::resolve("us-east-2", &sts_first).url,
            "http://sts.local/x"
        );
    }
}
