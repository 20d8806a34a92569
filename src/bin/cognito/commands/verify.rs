//! `cognito verify [-]`: checks a token (from standard input or
//! `--token-file`, never an argument) with the library's
//! [`TokenVerifier`] (signature against the pool's keys, issuer, token use,
//! client, times) and prints its claims.

use cognito::jwt::TokenUse;
use cognito::TokenVerifier;
use serde_json::Value;

use crate::context::{Context, Needs};
use crate::failure::{Failure, OnHandle};
use crate::output::Output;
use crate::prompt::TokenMember;

/// `verify`'s options.
pub(super) struct Options {
    /// `--jwks`: a URL or a file.
    pub jwks: Option<String>,
    /// `--issuer`, each accepted.
    pub issuers: Vec<String>,
    /// `--token-use`.
    pub token_use: TokenUse,
    /// `--leeway`.
    pub leeway: Option<u64>,
}

/// Verifies the token (`--token-file`, else standard input) and prints its claims.
///
/// # Errors
///
/// Exit 1 with the failure kind first for an invalid token; 2 when the key
/// set cannot be had or a setting is missing.
pub(super) fn verify(ctx: &mut Context, options: &Options) -> Result<Output, Failure> {
    // The handle resolves the endpoint as every command does (--endpoint,
    // then the AWS_ENDPOINT_URL variables); the verifier takes it from there.
    let handle = ctx.build(ctx.builder(Needs {
        pool_id: true,
        client_id: true,
    })?)?;
    let (Some(pool), Some(client)) = (handle.user_pool_id(), handle.client_id()) else {
        return Err(Failure::config(
            "verify needs the pool id and the client id",
        ));
    };
    let mut builder = TokenVerifier::builder(pool)
        .client_id(client)
        .token_use(options.token_use.clone());
    if let Some(region) = &ctx.region {
        builder = builder.region(region.clone());
    }
    if handle.endpoint().custom_endpoint.is_some() {
        builder = builder.endpoint(handle.endpoint_url());
    }
    for issuer in &options.issuers {
        builder = builder.issuer(issuer.clone());
    }
    builder = match options.jwks.as_deref() {
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
            builder.key_set_url(url)
        }
        Some(file) => builder.key_set_file(file),
        None => builder,
    };
    if let Some(leeway) = options.leeway {
        builder = builder.leeway(leeway);
    }
    if let Some(transport) = &ctx.transport {
        builder = builder.shared_transport(transport.clone());
    }
    let verifier = builder.build().on(&handle)?;
    let member = match options.token_use {
        TokenUse::Id => TokenMember::Id,
        _ => TokenMember::Access,
    };
    let token = match ctx.file_token(member)? {
        Some(token) => token,
        None => ctx.input.stdin_token(member, "token")?,
    };
    let claims = verifier.verify(token.expose_secret()).on(&handle)?;
    Ok(Output::json(Value::Object(claims.raw)))
}
