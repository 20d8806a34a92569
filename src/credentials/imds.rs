//! EC2 instance metadata (IMDSv2, falling back to IMDSv1 as botocore does).
//!
//! `PUT /latest/api/token` with `x-aws-ec2-metadata-token-ttl-seconds: 21600`
//! gives a session token; `GET /latest/meta-data/iam/security-credentials/`
//! the role name; `GET …/security-credentials/<role>` the credentials
//! (`Code`, `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`), each
//! with `x-aws-ec2-metadata-token`. As botocore: one attempt of each, with
//! the short timeouts of the metadata transport (1 s); a token answer of 403,
//! 404 or 405 (or a timeout) falls back to IMDSv1 (no token) unless
//! `AWS_EC2_METADATA_V1_DISABLED=true`; any other failure means "no
//! credentials here" and the chain goes on. `AWS_EC2_METADATA_DISABLED=true`
//! skips it; `AWS_EC2_METADATA_SERVICE_ENDPOINT` (or
//! `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6`) moves it. Credentials
//! already expired (a metadata service that cannot renew them) are used a
//! while longer, as botocore does: their expiry moves to 21 minutes from now.

use std::time::{Duration, SystemTime};

use super::chain::{Attempt, Ctx};
use super::{AwsCredentials, CredentialsError};
use crate::http::{HttpRequest, TransportErrorKind};
use crate::SecretString;

const DEFAULT_ENDPOINT: &str = "http://169.254.169.254/";
const IPV6_ENDPOINT: &str = "http://[fd00:ec2::254]/";
const ROLE_PATH: &str = "latest/meta-data/iam/security-credentials/";
/// botocore's refresh window for stale instance credentials (15 min) plus the
/// middle of its random 2–10 min jitter.
const STALE_EXTENSION: Duration = Duration::from_secs(21 * 60);

fn is_true(value: Option<String>) -> bool {
    value.is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// Tries the instance metadata service.
pub(crate) fn provide(ctx: &Ctx<'_>) -> Result<Attempt, CredentialsError> {
    if is_true(ctx.var("AWS_EC2_METADATA_DISABLED")) {
        return Ok(Attempt::Skipped(
            "disabled by AWS_EC2_METADATA_DISABLED".to_owned(),
        ));
    }
    let mut base = ctx
        .var("AWS_EC2_METADATA_SERVICE_ENDPOINT")
        .unwrap_or_else(|| {
            match ctx.var("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE") {
                Some(mode) if mode.eq_ignore_ascii_case("ipv6") => IPV6_ENDPOINT,
                _ => DEFAULT_ENDPOINT,
            }
            .to_owned()
        });
    if !base.ends_with('/') {
        base.push('/');
    }
    let skip = |why: String| Ok(Attempt::Skipped(format!("{why} ({base})")));
    let transport = ctx.metadata_transport;
    let token_request = HttpRequest {
        method: "PUT".to_owned(),
        url: format!("{base}latest/api/token"),
        headers: vec![(
            "x-aws-ec2-metadata-token-ttl-seconds".to_owned(),
            "21600".to_owned(),
        )],
        body: Vec::new(),
        timeout: None,
    };
    let token = match transport.send(token_request) {
        Ok(r) if r.status == 200 => Some(SecretString::from(
            String::from_utf8_lossy(&r.body).into_owned(),
        )),
        Ok(r) if matches!(r.status, 403..=405) => None,
        Ok(r) => return skip(format!("the token request answered HTTP {}", r.status)),
        Err(e) if e.kind() == TransportErrorKind::Timeout => None,
        Err(e) => return skip(format!("no answer: {}", e.message())),
    };
    if token.is_none() && is_true(ctx.var("AWS_EC2_METADATA_V1_DISABLED")) {
        return skip("no IMDSv2 token and IMDSv1 is disabled".to_owned());
    }
    let get = |path: String| {
        let mut request = HttpRequest::get(format!("{base}{path}"));
        if let Some(t) = &token {
            request = request.with_header("x-aws-ec2-metadata-token", t.expose_secret());
        }
        match transport.send(request) {
            Ok(r) if r.status == 200 && !r.body.is_empty() => Ok(r.body),
            Ok(r) if r.status == 200 => Err("an empty answer".to_owned()),
            Ok(r) => Err(format!("HTTP {}", r.status)),
            Err(e) => Err(format!("no answer: {}", e.message())),
        }
    };
    let role = match get(ROLE_PATH.to_owned()) {
        Ok(body) => String::from_utf8_lossy(&body).trim().to_owned(),
        Err(why) => return skip(format!("role name: {why}")),
    };
    let role = role.lines().next().unwrap_or("").to_owned();
    let body = match get(format!("{ROLE_PATH}{role}")) {
        Ok(body) => body,
        Err(why) => return skip(format!("credentials of role {role:?}: {why}")),
    };
    match parse_credentials_json(&body, ctx.now, true) {
        Ok(creds) => Ok(Attempt::Found(creds)),
        Err(why) => skip(format!("credentials of role {role:?}: {why}")),
    }
}

/// Reads the metadata services' JSON (`AccessKeyId`, `SecretAccessKey`,
/// `Token`, `Expiration`, optional `Code`). With `extend_stale`, an expiry in
/// the past (or within the extension) becomes [`STALE_EXTENSION`] from `now`.
pub(crate) fn parse_credentials_json(
    body: &[u8],
    now: SystemTime,
    extend_stale: bool,
) -> Result<AwsCredentials, String> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| "the answer is not JSON".to_owned())?;
    if let Some(code) = value.get("Code").and_then(serde_json::Value::as_str) {
        if code != "Success" {
            return Err(format!("the answer's Code is {code:?}"));
        }
    }
    let text = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_str)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| format!("the answer has no {key}"))
    };
    let expiration = text("Expiration")?;
    let mut at = super::sts::parse_time(expiration)
        .ok_or_else(|| format!("Expiration {expiration:?} is not a time"))?;
    if extend_stale && now + STALE_EXTENSION >= at {
        at = now + STALE_EXTENSION;
    }
    Ok(AwsCredentials::new(
        text("AccessKeyId")?,
        text("SecretAccessKey")?,
        Some(SecretString::from(text("Token")?)),
    )
    .with_expiry(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn credentials_json_and_stale_extension() {
        let body = br#"{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIA","SecretAccessKey":"S","Token":"T","Expiration":"2030-01-02T03:04:05Z"}"#;
        let early = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let c = parse_credentials_json(body, early, true).unwrap();
        assert_eq!(
            c.expires_at(),
            Some(UNIX_EPOCH + Duration::from_secs(1_893_553_445))
        );
        let late = UNIX_EPOCH + Duration::from_secs(1_993_553_445);
        let stale = parse_credentials_json(body, late, true).unwrap();
        assert_eq!(stale.expires_at(), Some(late + STALE_EXTENSION));
        let kept = parse_credentials_json(body, late, false).unwrap();
        assert!(kept.is_expired(late));
        assert!(parse_credentials_json(br#"{"Code":"Failure"}"#, early, true).is_err());
        assert!(parse_credentials_json(br#"{"AccessKeyId":"A"}"#, early, true).is_err());
    }
}
