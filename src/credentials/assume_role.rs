//! Assume-role profiles: `role_arn` with `source_profile` or
//! `credential_source`, through STS `AssumeRole` signed with the source's
//! credentials.
//!
//! As botocore's `AssumeRoleProvider`: a profile with `web_identity_token_file`
//! is left to web identity; `source_profile` and `credential_source` are
//! exclusive; a source profile with static keys (or without `role_arn`) is
//! resolved by the profile sources (web identity, SSO, keys, process) with
//! the environment ignored, otherwise it assumes its own role first (a
//! chain). A profile seen twice is a loop, except a profile naming itself
//! when it holds static keys. `credential_source` is `Environment`,
//! `Ec2InstanceMetadata` or `EcsContainer`. `mfa_serial` asks the MFA-code
//! callback given to [`DefaultCredentials`](super::DefaultCredentials).

use super::chain::{Attempt, Ctx};
use super::profile::Profile;
use super::sts::{AssumeRoleParams, Sts, StsEndpoint};
use super::{AwsCredentials, CredentialsError};
use crate::SecretString;

/// Whether `profile` is an assume-role profile for this source.
pub(crate) fn applies(profile: &Profile) -> bool {
    profile.contains_key("role_arn") && !profile.contains_key("web_identity_token_file")
}

fn has_static_keys(profile: &Profile) -> bool {
    profile.contains_key("aws_access_key_id") || profile.contains_key("aws_secret_access_key")
}

/// Tries the assume-role source for the profile `name`.
pub(crate) fn provide(ctx: &Ctx<'_>, name: &str) -> Result<Attempt, CredentialsError> {
    match ctx.profile(name) {
        Some(p) if applies(p) => {
            let mut visited = vec![name.to_owned()];
            assume(ctx, name, &mut visited).map(Attempt::Found)
        }
        Some(_) => Ok(Attempt::Skipped(format!(
            "profile {name:?} has no role_arn"
        ))),
        None => Ok(Attempt::Skipped(format!("no profile {name:?}"))),
    }
}

fn assume(
    ctx: &Ctx<'_>,
    name: &str,
    visited: &mut Vec<String>,
) -> Result<AwsCredentials, CredentialsError> {
    let profile = ctx
        .profile(name)
        .ok_or_else(|| CredentialsError::new(format!("the AWS profile {name:?} does not exist")))?;
    let role_arn = profile.get("role_arn").cloned().unwrap_or_default();
    let source = match (
        profile.get("source_profile"),
        profile.get("credential_source"),
    ) {
        (Some(_), Some(_)) => {
            return Err(CredentialsError::new(format!(
                "the AWS profile {name:?} has both source_profile and credential_source"
            )))
        }
        (None, None) => {
            return Err(CredentialsError::new(format!(
                "the AWS profile {name:?} has role_arn but neither source_profile nor credential_source"
            )))
        }
        (None, Some(source)) => from_named_source(ctx, name, source)?,
        (Some(source), None) => from_source_profile(ctx, name, source, visited)?,
    };
    let params = AssumeRoleParams {
        role_arn: role_arn.clone(),
        role_session_name: profile
            .get("role_session_name")
            .cloned()
            .unwrap_or_else(|| ctx.default_session_name()),
        external_id: profile.get("external_id").cloned(),
        serial_number: profile.get("mfa_serial").cloned(),
        token_code: match profile.get("mfa_serial") {
            Some(serial) => Some(ctx.mfa_code(serial)?),
            None => None,
        },
        duration_seconds: profile.get("duration_seconds").and_then(|d| d.parse().ok()),
    };
    let sts = Sts {
        transport: ctx.transport,
        endpoint: StsEndpoint::resolve(&ctx.region(Some(profile)), &|n| ctx.var(n)),
    };
    sts.assume_role(&params, &source, ctx.now)
        .map_err(|e| e.context(format!("profile {name:?}: cannot assume {role_arn}")))
}

fn from_source_profile(
    ctx: &Ctx<'_>,
    parent: &str,
    source: &str,
    visited: &mut Vec<String>,
) -> Result<AwsCredentials, CredentialsError> {
    let profile = ctx.profile(source).ok_or_else(|| {
        CredentialsError::new(format!(
            "the source_profile {source:?} of the AWS profile {parent:?} does not exist"
        ))
    })?;
    if visited.iter().any(|v| v == source) && !(source == parent && has_static_keys(profile)) {
        return Err(CredentialsError::new(format!(
            "the AWS profiles loop through source_profile: {} -> {source}",
            visited.join(" -> ")
        )));
    }
    visited.push(source.to_owned());
    if has_static_keys(profile) || !applies(profile) {
        return ctx.profile_sources(source).map_err(|e| {
            e.context(format!(
                "the source_profile {source:?} of the AWS profile {parent:?} has no credentials"
            ))
        });
    }
    assume(ctx, source, visited)
}

fn from_named_source(
    ctx: &Ctx<'_>,
    parent: &str,
    source: &str,
) -> Result<AwsCredentials, CredentialsError> {
    let attempt = match source {
        "Environment" => super::chain::environment(ctx)?,
        "Ec2InstanceMetadata" => super::imds::provide(ctx)?,
        "EcsContainer" => super::container::provide(ctx)?,
        other => {
            return Err(CredentialsError::new(format!(
                "the credential_source {other:?} of the AWS profile {parent:?} is not one of Environment, Ec2InstanceMetadata, EcsContainer"
            )))
        }
    };
    match attempt {
        Attempt::Found(creds) => Ok(creds),
        Attempt::Skipped(why) => Err(CredentialsError::new(format!(
            "the credential_source {source:?} of the AWS profile {parent:?} gave no credentials: {why}"
        ))),
    }
}

/// The MFA code callback's answer, or an error naming the device.
pub(crate) fn ask_mfa(
    callback: Option<&super::MfaCallback>,
    serial: &str,
) -> Result<SecretString, CredentialsError> {
    let callback = callback.ok_or_else(|| {
        CredentialsError::new(format!(
            "the role needs an MFA code for {serial} and no MFA-code callback is set (DefaultCredentials::mfa_code)"
        ))
    })?;
    callback(serial)
        .filter(|code| !code.is_empty())
        .map(SecretString::from)
        .ok_or_else(|| CredentialsError::new(format!("no MFA code given for {serial}")))
}
