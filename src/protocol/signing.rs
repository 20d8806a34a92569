//! SigV4 signing of the admin operations, through `aws-sigv4`.
//!
//! Pure: the request, credentials, region and time come in, the request goes
//! out with `X-Amz-Date`, `Authorization` (and `X-Amz-Security-Token` for
//! temporary credentials) added. The service name is `cognito-idp` and the
//! signing region is the pool's region.

use std::fmt;
use std::time::SystemTime;

use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use crate::credentials::AwsCredentials;
use crate::http::HttpRequest;

/// The SigV4 service name of Cognito user pools.
pub const SIGNING_NAME: &str = "cognito-idp";

/// Signing failed (a header or URL that SigV4 cannot canonicalise).
///
/// `Display` says which step failed; `aws-sigv4`'s error comes through
/// `source()`.
#[derive(Debug)]
pub struct SigningError {
    step: SigningStep,
    source: Box<dyn std::error::Error + Send + Sync>,
}

/// The step of [`sign_request`] that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SigningStep {
    /// Building the SigV4 parameters (identity, region, name, time).
    Params,
    /// Reading the request's method, URL, headers and body.
    Prepare,
    /// Computing the signature.
    Sign,
}

impl SigningError {
    pub(crate) fn new(
        step: SigningStep,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self {
            step,
            source: Box::new(source),
        }
    }
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.step {
            SigningStep::Params => "invalid signing parameters",
            SigningStep::Prepare => "cannot prepare the request for signing",
            SigningStep::Sign => "cannot sign the request",
        })
    }
}

impl std::error::Error for SigningError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source as &(dyn std::error::Error + 'static))
    }
}

/// Signs `request` in place with SigV4 for `cognito-idp` in `region` at `time`.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use cognito::HttpRequest;
/// use cognito::credentials::AwsCredentials;
/// use cognito::signing::sign_request;
///
/// let mut req = HttpRequest::post("https://cognito-idp.us-east-1.amazonaws.com/", b"{}".to_vec())
///     .with_header("content-type", "application/x-amz-json-1.1");
/// let creds = AwsCredentials::new("AKIDEXAMPLE", "secret", None);
/// let at = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// sign_request(&mut req, &creds, "us-east-1", at).unwrap();
/// assert!(req.header("authorization").unwrap()
///     .contains("Credential=AKIDEXAMPLE/20231114/us-east-1/cognito-idp/aws4_request"));
/// assert_eq!(req.header("x-amz-date"), Some("20231114T221320Z"));
/// ```
///
/// # Errors
///
/// A [`SigningError`] when the URL or a header cannot be signed.
pub fn sign_request(
    request: &mut HttpRequest,
    credentials: &AwsCredentials,
    region: &str,
    time: SystemTime,
) -> Result<(), SigningError> {
    sign_request_for(request, credentials, SIGNING_NAME, region, time)
}

/// Signs `request` in place with SigV4 for any AWS `service` (its signing
/// name, such as `s3`, `execute-api` or `sts`) in `region` at `time`: how a
/// program calls other AWS services with the credentials of an identity
/// pool (see [`identity`](crate::identity)).
///
/// For `s3` and `s3-outposts` the request also gets
/// `x-amz-content-sha256`, and its path is signed as given (not normalised,
/// not encoded twice), as S3 expects; for every other service the settings
/// are `aws-sigv4`'s defaults.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use cognito::HttpRequest;
/// use cognito::credentials::AwsCredentials;
/// use cognito::signing::sign_request_for;
///
/// let mut req = HttpRequest::get("https://example-bucket.s3.eu-west-1.amazonaws.com/photos/cat.jpg");
/// let creds = AwsCredentials::new("ASIAEXAMPLE", "secret", Some("session".into()));
/// let at = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// sign_request_for(&mut req, &creds, "s3", "eu-west-1", at)?;
/// assert!(req.header("authorization").unwrap()
///     .contains("Credential=ASIAEXAMPLE/20231114/eu-west-1/s3/aws4_request"));
/// assert_eq!(req.header("x-amz-security-token"), Some("session"));
/// assert!(req.header("x-amz-content-sha256").is_some());
/// # Ok::<(), cognito::signing::SigningError>(())
/// ```
///
/// # Errors
///
/// A [`SigningError`] when the service name, URL or a header cannot be signed.
pub fn sign_request_for(
    request: &mut HttpRequest,
    credentials: &AwsCredentials,
    service: &str,
    region: &str,
    time: SystemTime,
) -> Result<(), SigningError> {
    let identity: Identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key().expose_secret(),
        credentials
            .session_token()
            .map(|t| t.expose_secret().to_owned()),
        credentials.expires_at(),
        "cognito",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings_for(service))
        .build()
        .map_err(|e| SigningError::new(SigningStep::Params, e))?
        .into();
    let signable = SignableRequest::new(
        &request.method,
        &request.url,
        request
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
        SignableBody::Bytes(&request.body),
    )
    .map_err(|e| SigningError::new(SigningStep::Prepare, e))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| SigningError::new(SigningStep::Sign, e))?
        .into_parts();
    let (headers, _query) = instructions.into_parts();
    for header in headers {
        request
            .headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case(header.name()));
        request
            .headers
            .push((header.name().to_owned(), header.value().to_owned()));
    }
    Ok(())
}

/// `aws-sigv4`'s defaults, with S3's exceptions for `s3` and `s3-outposts`.
fn settings_for(service: &str) -> SigningSettings {
    let mut settings = SigningSettings::default();
    if matches!(service, "s3" | "s3-outposts") {
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    }
    settings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn request() -> HttpRequest {
        HttpRequest::post(
            "https://cognito-idp.eu-west-1.amazonaws.com/",
            br#"{"UserPoolId":"eu-west-1_abc"}"#.to_vec(),
        )
        .with_header("content-type", "application/x-amz-json-1.1")
        .with_header(
            "x-amz-target",
            "AWSCognitoIdentityProviderService.ListUsers",
        )
    }

    #[test]
    fn adds_date_and_authorization_with_scope() {
        let mut req = request();
        let at = UNIX_EPOCH + Duration::from_secs(1_440_938_160); // 2015-08-30T12:36:00Z
        sign_request(
            &mut req,
            &AwsCredentials::new("AKID", "SK", None),
            "eu-west-1",
            at,
        )
        .unwrap();
        assert_eq!(req.header("x-amz-date"), Some("20150830T123600Z"));
        let auth = req.header("authorization").unwrap();
        assert!(
            auth.starts_with("AWS4-HMAC-SHA256 Credential=AKID/20150830/eu-west-1/cognito-idp/aws4_request, SignedHeaders="),
            "{auth}"
        );
        assert!(auth.contains("x-amz-target"), "{auth}");
        assert!(req.header("x-amz-security-token").is_none());
    }

    #[test]
    fn session_token_is_sent() {
        let mut req = request();
        let creds = AwsCredentials::new("AKID", "SK", Some("TOKEN".into()));
        sign_request(
            &mut req,
            &creds,
            "eu-west-1",
            UNIX_EPOCH + Duration::from_secs(1),
        )
        .unwrap();
        assert_eq!(req.header("x-amz-security-token"), Some("TOKEN"));
    }

    #[test]
    fn other_services_sign_with_their_own_name() {
        let at = UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        let creds = AwsCredentials::new("AKID", "SK", None);
        let mut api = HttpRequest::get("https://abc.execute-api.eu-west-1.amazonaws.com/prod/a//b");
        sign_request_for(&mut api, &creds, "execute-api", "eu-west-1", at).unwrap();
        let auth = api.header("authorization").unwrap();
        assert!(
            auth.contains("/20150830/eu-west-1/execute-api/aws4_request"),
            "{auth}"
        );
        assert!(api.header("x-amz-content-sha256").is_none());
        let mut s3 = HttpRequest::get("https://b.s3.eu-west-1.amazonaws.com/a//b");
        sign_request_for(&mut s3, &creds, "s3", "eu-west-1", at).unwrap();
        // SHA-256 of the empty body.
        assert_eq!(
            s3.header("x-amz-content-sha256"),
            Some("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        );
        assert!(s3
            .header("authorization")
            .unwrap()
            .contains("x-amz-content-sha256"));
        // The same request signed for cognito-idp differs only by the name.
        let mut idp = HttpRequest::get("https://b.s3.eu-west-1.amazonaws.com/a//b");
        sign_request(&mut idp, &creds, "eu-west-1", at).unwrap();
        assert_ne!(idp.header("authorization"), s3.header("authorization"));
    }

    #[test]
    fn same_inputs_same_signature() {
        let at = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let creds = AwsCredentials::new("AKID", "SK", None);
        let (mut a, mut b) = (request(), request());
        sign_request(&mut a, &creds, "eu-west-1", at).unwrap();
        sign_request(&mut b, &creds, "eu-west-1", at).unwrap();
        assert_eq!(a.header("authorization"), b.header("authorization"));
    }
}
