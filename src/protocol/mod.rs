//! The pure protocol pieces: values in, values out, no I/O.
//!
//! SRP-6a as Cognito does it, `SECRET_HASH`, the JSON envelope and error
//! mapping, SigV4 signing, endpoint resolution (with the generated partition
//! table) and the list of operations. Everything above (the handle, sign-in,
//! the transport) calls into these; nothing here calls back up.

pub(crate) mod bigint;
pub(crate) mod checks;
mod checks_table;
pub mod endpoint;
pub(crate) mod operations;
pub(crate) mod secret_hash;
pub mod signing;
pub mod srp;
pub mod wire;
