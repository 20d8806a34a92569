//! The live suite (features `live` and `cli`): the library and the `cognito`
//! binary against moto, a TOTP-checking moto, cognito-local and our verifying
//! SRP server, which `scripts/test` starts and names in `COGNITO_TEST_*`
//! variables. The `srp_server`, `soak` and `oauth` modules run in their own
//! stages (`scripts/test srp-server`, `scripts/test soak`, and `scripts/test
//! oauth` against oidc-provider); the `live` stage skips them.

#[path = "../cli/support/runner.rs"]
mod cli_runner;
#[path = "../common/mod.rs"]
mod common;
mod support;

mod cli;
mod cognito_local;
mod credentials;
mod identity;
mod moto;
mod oauth;
mod signin_cognito_local;
mod signin_moto;
mod soak;
mod srp_server;
mod surface_cognito_local;
mod surface_moto;
mod tokens;
