//! Web identity (OIDC, e.g. GitHub Actions or EKS): a token file and a role,
//! traded through STS `AssumeRoleWithWebIdentity`, unsigned.
//!
//! As botocore: each of `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and
//! `AWS_ROLE_SESSION_NAME` wins over the profile's `web_identity_token_file`,
//! `role_arn` and `role_session_name` (unless the profile is a source
//! profile, where the variables are not read). The token file is read again
//! on every renewal, because its owner rotates it.

use super::chain::{Attempt, Ctx};
use super::profile::Profile;
use super::sts::{Sts, StsEndpoint};
use super::CredentialsError;
use crate::SecretString;

/// Tries web identity for `profile`; `use_env` is false for source profiles.
pub(crate) fn provide(
    ctx: &Ctx<'_>,
    profile: Option<&Profile>,
    use_env: bool,
) -> Result<Attempt, CredentialsError> {
    let get = |var: &str, key: &str| {
        use_env
            .then(|| ctx.var(var))
            .flatten()
            .or_else(|| profile.and_then(|p| p.get(key)).cloned())
            .filter(|v| !v.is_empty())
    };
    let Some(token_file) = get("AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file") else {
        return Ok(Attempt::Skipped(
            "no AWS_WEB_IDENTITY_TOKEN_FILE or web_identity_token_file".to_owned(),
        ));
    };
    let role_arn = get("AWS_ROLE_ARN", "role_arn").ok_or_else(|| {
        CredentialsError::new(
            "web identity: a token file is set but no role (AWS_ROLE_ARN or role_arn)",
        )
    })?;
    let session_name = get("AWS_ROLE_SESSION_NAME", "role_session_name")
        .unwrap_or_else(|| ctx.default_session_name());
    let path = super::expand_home(&token_file, ctx.home());
    let token = std::fs::read_to_string(&path).map_err(|e| {
        CredentialsError::with_source(
            format!(
                "web identity: cannot read the token file {}",
                path.display()
            ),
            e,
        )
    })?;
    let token = SecretString::from(token.trim());
    let sts = Sts {
        transport: ctx.transport,
        endpoint: StsEndpoint::resolve(&ctx.region(profile), &|n| ctx.var(n)),
    };
    sts.assume_role_with_web_identity(&role_arn, &session_name, &token)
        .map(Attempt::Found)
        .map_err(|e| e.context(format!("web identity: cannot assume {role_arn}")))
}
