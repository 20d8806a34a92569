//! The live suite (features `live` and `cli`): the library and the `cognito`
//! binary against moto, a TOTP-checking moto, cognito-local and our verifying
//! SRP server, which `scripts/test` starts and names in `COGNITO_TEST_*`
//! variables. The `srp_server` module runs in its own stage
//! (`scripts/test srp-server`), and `oauth` in the `oauth` stage (against
//! oidc-provider); the `live` stage skips both.

#[path = "../cli/support/runner.rs"]
mod cli_runner;
#[path = "../common/mod.rs"]
mod common;
mod support;

mod cli;
mod cognito_local;
mod moto;
mod oauth;
mod signin_cognito_local;
mod signin_moto;
mod srp_server;
mod surface_cognito_local;
mod surface_moto;
mod tokens;
