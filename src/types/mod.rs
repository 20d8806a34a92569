//! Request and response types for the Cognito user-pools operations this crate
//! calls, named exactly as in the service model (botocore 1.44.8,
//! `cognito-idp` 2016-04-18).
//!
//! Conventions, the same for every type here:
//! - Struct and field names follow the model; every field carries an explicit
//!   `#[serde(rename = "...")]` because the model's casing is irregular
//!   (`MFAOptions`, `UserMFASettingList`, `headerName`).
//! - Requests: required members are plain fields, optional ones `Option` and
//!   never sent as `null`.
//! - Every struct is `#[non_exhaustive]` and implements `Default`; its fields
//!   stay public, to read and to assign. Every request has a `new` taking the
//!   model's required members in the model's order (strings as
//!   `impl Into<String>`, secrets as `impl Into<SecretString>`, lists as
//!   iterators); set the optional members by assignment afterwards (see
//!   below). Other shapes start from `default()`, or from their own `new`
//!   where the model requires members ([`AttributeType::new`],
//!   [`ContextDataType::new`]). Why: AWS adds members to the model over time.
//!   `#[non_exhaustive]` stops other crates from writing struct literals (and
//!   patterns without `..`) of these types, so a new member is one more public
//!   field that defaults to `None`, and adding it does not break any caller.
//! - Responses: every optional member is an `Option`; required ones default
//!   when an emulator leaves them out; unknown fields are ignored.
//! - Enums keep values this crate does not know in an `Unknown(String)` variant.
//!   The two a request requires have a `Default` so their requests can have
//!   one: [`AuthFlowType`] defaults to `USER_SRP_AUTH`, [`ChallengeNameType`]
//!   to `PASSWORD_VERIFIER` (the first challenge of that flow).
//! - Timestamps are epoch seconds on the wire (integer or fractional, kept to
//!   the microsecond) and [`SystemTime`](std::time::SystemTime) here.
//! - Passwords, tokens, sessions, secret hashes, client secrets, codes and the
//!   values of `AuthParameters` / `ChallengeResponses` are
//!   [`SecretString`](crate::SecretString)s, so `Debug` prints `[redacted]`.
//!   The model also marks `Username`, `ClientId`, attribute values and
//!   `UserContextData` sensitive; those stay plain strings (they are needed in
//!   messages and are not credentials), so do not log the types holding them
//!   where that matters.
//!
//! Each request type implements [`Operation`], which ties it to its wire name
//! and its reply type.
//!
//! A request in one expression, then optional members by assignment:
//!
//! ```
//! use cognito::types::{AdminGetUserRequest, ListUsersRequest};
//!
//! let get = AdminGetUserRequest::new("us-east-1_AbC123xyz", "alice");
//! assert_eq!(get.username, "alice");
//!
//! let mut list = ListUsersRequest::new("us-east-1_AbC123xyz");
//! list.filter = Some(r#"email ^= "alice""#.into());
//! list.limit = Some(10);
//! ```

#[macro_use]
mod macros;

mod admin;
mod auth;
mod challenge;
mod client;
mod common;
mod device;
mod group;
mod mfa;
mod pool;
mod security;
mod signup;
pub(crate) mod timestamp;
mod tokens;
mod user;

pub use admin::*;
pub use auth::*;
pub use challenge::ChallengeParameters;
pub use client::*;
pub use common::*;
pub use device::*;
pub use group::*;
pub use mfa::*;
pub use pool::*;
pub use security::*;
pub use signup::*;
pub use tokens::*;
pub use user::*;

use serde::{Deserialize, Serialize};

/// A Cognito operation: its request type, wire name and reply type.
pub trait Operation: serde::Serialize {
    /// Wire name, e.g. "InitiateAuth".
    const NAME: &'static str;
    /// Reply type.
    type Output: serde::de::DeserializeOwned;
}

/// The reply of an operation with no output, or an output without members.
///
/// Deserializes from `{}` and from any object (members are ignored); the wire
/// layer turns an empty body into `{}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Empty {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_from_braces_and_from_extra_members() {
        let e: Empty = serde_json::from_str("{}").unwrap();
        assert_eq!(e, Empty {}, "from {{}}");
        let e: Empty = serde_json::from_str(r#"{"Unexpected":1}"#).unwrap();
        assert_eq!(e, Empty {}, "unknown members ignored");
        assert_eq!(
            serde_json::to_string(&Empty {}).unwrap(),
            "{}",
            "written as {{}}"
        );
        assert!(
            serde_json::from_str::<Empty>("").is_err(),
            "empty body is the wire layer's job"
        );
    }
}
