//! Container credentials (ECS tasks, EKS Pod Identity): a local HTTP
//! endpoint the platform names in the environment.
//!
//! As botocore's `ContainerProvider`: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
//! is a path on `http://169.254.170.2`; otherwise
//! `AWS_CONTAINER_CREDENTIALS_FULL_URI` is used if it is `https`, or its host
//! is a loopback address or one of `169.254.170.2`, `169.254.170.23`,
//! `fd00:ec2::23` and `localhost`. The `Authorization` header comes from the
//! file `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on every renewal), else
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN`; a value with a line break is refused.
//! The answer is JSON: `AccessKeyId`, `SecretAccessKey`, `Token`,
//! `Expiration`. One attempt (botocore makes three, a second apart).

use std::net::IpAddr;

use super::chain::{Attempt, Ctx};
use super::CredentialsError;
use crate::http::HttpRequest;

const ECS_HOST: &str = "169.254.170.2";
const ALLOWED_HOSTS: [&str; 4] = [ECS_HOST, "169.254.170.23", "fd00:ec2::23", "localhost"];

/// Tries the container endpoint.
pub(crate) fn provide(ctx: &Ctx<'_>) -> Result<Attempt, CredentialsError> {
    let url = if let Some(relative) = ctx.var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
        format!("http://{ECS_HOST}{relative}")
    } else if let Some(full) = ctx.var("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
        full
    } else {
        return Ok(Attempt::Skipped(
            "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set"
                .to_owned(),
        ));
    };
    check_url(&url)?;
    let mut request = HttpRequest::get(url).with_header("accept", "application/json");
    if let Some(token) = auth_token(ctx)? {
        request = request.with_header("authorization", token);
    }
    let response = ctx.metadata_transport.send(request).map_err(|e| {
        CredentialsError::with_source("container credentials: cannot reach the endpoint", e)
    })?;
    if response.status != 200 {
        return Err(CredentialsError::new(format!(
            "container credentials: the endpoint answered HTTP {}",
            response.status
        )));
    }
    super::imds::parse_credentials_json(&response.body, ctx.now, false)
        .map(Attempt::Found)
        .map_err(|why| CredentialsError::new(format!("container credentials: {why}")))
}

fn auth_token(ctx: &Ctx<'_>) -> Result<Option<String>, CredentialsError> {
    let token = if let Some(path) = ctx.var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
        Some(std::fs::read_to_string(&path).map_err(|e| {
            CredentialsError::with_source(
                format!("container credentials: cannot read the token file {path}"),
                e,
            )
        })?)
    } else {
        ctx.var("AWS_CONTAINER_AUTHORIZATION_TOKEN")
    };
    match token {
        Some(t) if t.contains('\r') || t.contains('\n') => Err(CredentialsError::new(
            "container credentials: the authorization token has a line break",
        )),
        other => Ok(other),
    }
}

/// botocore's rule for the full URI: `https`, a loopback address, or an
/// allowed host.
pub(crate) fn check_url(url: &str) -> Result<(), CredentialsError> {
    let refuse = |why: &str| {
        CredentialsError::new(format!(
            "container credentials: {why}; the URI must be https, or on a loopback address or one of {}",
            ALLOWED_HOSTS.join(", ")
        ))
    };
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| refuse("the URI has no scheme"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        authority.split(':').next().unwrap_or("")
    };
    if scheme.eq_ignore_ascii_case("https") {
        return Ok(());
    }
    if !scheme.eq_ignore_ascii_case("http") {
        return Err(refuse(&format!("unsupported scheme {scheme:?}")));
    }
    let loopback = host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if loopback || ALLOWED_HOSTS.contains(&host) {
        Ok(())
    } else {
        Err(refuse(&format!("the host {host:?} is not allowed")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_checks_follow_botocore() {
        for ok in [
            "https://anything.example/creds",
            "http://127.0.0.1:8080/creds",
            "http://127.1.2.3/creds",
            "http://[::1]:80/creds",
            "http://localhost:9/x",
            "http://169.254.170.2/v2/credentials/id",
            "http://169.254.170.23/v1/credentials",
            "http://[fd00:ec2::23]/v1/credentials",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/creds",
            "http://169.254.169.254/latest",
            "http://localhost.evil.example/x",
            "http://user@10.0.0.1/x",
            "ftp://127.0.0.1/x",
            "no-scheme",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
