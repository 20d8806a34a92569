//! The `cognito` binary (feature `cli`) against a loopback stub of Cognito:
//! every command, the login challenges, errors and exit codes, `verify`,
//! `aws-credentials`.

mod support;

mod aws_credentials;
mod call_sites;
mod commands;
mod errors;
mod login;
mod secrets;
mod verify;
