//! Tokens: reading JWTs, RS256 signatures, key sets, pure verification and
//! the shared, caching [`TokenVerifier`](crate::TokenVerifier).
//!
//! Everything but [`verifier`] is pure; the verifier fetches the pool's key
//! set through the handle's transport and caches it.

pub mod dangerous;
pub mod jwks;
pub mod jwt;
pub(crate) mod key_cache;
pub mod rs256;
pub(crate) mod verifier;
pub mod verify;
