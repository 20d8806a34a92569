//! Verifying a Cognito token: [`verify`] checks one token against a
//! [`KeySet`] and a [`Validation`] at a given time, and returns its typed
//! [`Claims`] or the one reason it was refused.
//!
//! Pure: the key set and the clock come in as arguments. Fetching and
//! caching the key set is the caller's business (the verifier does it).
//!
//! The checks, in order; the first failure is the one reported:
//!
//! | step | refused with |
//! |---|---|
//! | at most 16 KiB, three strict base64url segments, header a JSON object | [`VerifyError::Malformed`] |
//! | `alg` is `RS256` (`none`, `HS*`, `RS512`, … refused before any key is touched) | [`VerifyError::AlgorithmNotAllowed`] |
//! | `kid` present | [`VerifyError::MissingKid`] |
//! | `kid` names a key in the set | [`VerifyError::UnknownKid`] |
//! | that key is a usable RS256 key (2048+ bits, …) | [`VerifyError::KeyUnusable`] |
//! | the signature verifies | [`VerifyError::Signature`] |
//! | the payload is a JSON object with well-typed claims | [`VerifyError::MalformedClaims`] |
//! | `iss` is one of [`Validation::issuers`] | [`VerifyError::WrongIssuer`] |
//! | `token_use` is [`Validation::token_use`] | [`VerifyError::WrongTokenUse`] |
//! | id tokens: `aud`, access tokens: `client_id`, is in [`Validation::client_ids`] | [`VerifyError::WrongAudience`], [`VerifyError::WrongClientId`] |
//! | `exp` present, and `now < exp + leeway` | [`VerifyError::MissingExp`], [`VerifyError::Expired`] |
//! | `nbf`, if present, `<= now + leeway` | [`VerifyError::NotYetValid`] |
//! | `iat`, if present, `<= now + leeway` | [`VerifyError::IssuedInFuture`] |
//! | every [`Validation::required_groups`] in `cognito:groups` | [`VerifyError::MissingGroup`] |
//! | every [`Validation::required_scopes`] in `scope` | [`VerifyError::MissingScope`] |

use std::fmt;

use crate::tokens::jwks::{JwksError, KeyRejection, KeySet};
use crate::tokens::jwt::{self, Claims, Header, JwtError, Segment, TokenUse};
use crate::tokens::rs256::Rs256Error;

/// What a token must satisfy besides its signature. Build one with
/// [`Validation::new`]; the fields are public so each can be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Validation {
    /// Accepted `iss` values, compared exactly. Set by [`Validation::new`];
    /// for a Cognito pool use both forms from [`cognito_issuers`]. An empty
    /// list accepts no token.
    pub issuers: Vec<String>,
    /// Allowed app client ids: an id token's `aud` must contain one, an
    /// access token's `client_id` must be one (for an unknown `token_use`,
    /// either). Set by [`Validation::new`]; an empty list accepts no token.
    pub client_ids: Vec<String>,
    /// The `token_use` the token must carry. Set by [`Validation::new`].
    pub token_use: TokenUse,
    /// Seconds of clock skew allowed on `exp`, `nbf` and `iat`. Defaults to
    /// 60.
    pub leeway: u64,
    /// Groups that must all appear in `cognito:groups`. Defaults to none.
    pub required_groups: Vec<String>,
    /// Scopes that must all appear in `scope`. Defaults to none.
    pub required_scopes: Vec<String>,
}

/// The default [`Validation::leeway`], in seconds.
pub const DEFAULT_LEEWAY: u64 = 60;

impl Validation {
    /// A validation accepting tokens of `token_use` from one of `issuers` for
    /// one of `client_ids`, with a 60-second leeway and no required groups or
    /// scopes.
    ///
    /// ```
    /// use cognito::jwt::TokenUse;
    /// use cognito::verify::{cognito_issuers, Validation};
    ///
    /// let issuers = cognito_issuers("eu-west-1", "amazonaws.com", "eu-west-1_AbC123xyz");
    /// let validation = Validation::new(issuers, ["1example23456789abcdefghi0"], TokenUse::Access);
    /// assert_eq!(validation.issuers[1], "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz");
    /// ```
    pub fn new<I, C>(issuers: I, client_ids: C, token_use: TokenUse) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
        C: IntoIterator,
        C::Item: Into<String>,
    {
        Self {
            issuers: issuers.into_iter().map(Into::into).collect(),
            client_ids: client_ids.into_iter().map(Into::into).collect(),
            token_use,
            leeway: DEFAULT_LEEWAY,
            required_groups: Vec::new(),
            required_scopes: Vec::new(),
        }
    }
}

/// Both issuer forms Cognito uses for a pool: ORIGINAL
/// `https://cognito-idp.{region}.{suffix}/{pool_id}` and UPDATED
/// `https://issuer-cognito-idp.{region}.{suffix}/{pool_id}`, where `suffix` is
/// the partition's DNS suffix (`amazonaws.com`, `amazonaws.com.cn`, …).
pub fn cognito_issuers(region: &str, dns_suffix: &str, pool_id: &str) -> [String; 2] {
    [
        format!("https://cognito-idp.{region}.{dns_suffix}/{pool_id}"),
        format!("https://issuer-cognito-idp.{region}.{dns_suffix}/{pool_id}"),
    ]
}

/// Why a token was refused: one kind per check. No variant holds the token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyError {
    /// The token is too large, or not three strict base64url segments, or
    /// its header is not a JSON object with a string `alg`.
    Malformed(JwtError),
    /// The header's `alg` is not `RS256`.
    AlgorithmNotAllowed {
        /// The `alg` the token named (attacker-controlled text).
        alg: String,
    },
    /// The header has no `kid`.
    MissingKid,
    /// No key in the set has the token's `kid`. The pool may have rotated
    /// its keys: refetch the key set (rate-limited) and try again.
    UnknownKid,
    /// The key the token names cannot verify RS256 (too small, not RSA, …).
    KeyUnusable(KeyRejection),
    /// The signature is the wrong length, out of range, or does not match.
    Signature(Rs256Error),
    /// The signature is good but the payload is not a JSON object with
    /// well-typed claims.
    MalformedClaims(JwtError),
    /// `iss` is missing or not an accepted issuer.
    WrongIssuer,
    /// `token_use` is missing or not the expected one.
    WrongTokenUse {
        /// The expected use.
        expected: TokenUse,
        /// The token's use, if it has one.
        found: Option<TokenUse>,
    },
    /// An id token's `aud` holds no allowed client id.
    WrongAudience,
    /// An access token's `client_id` is missing or not allowed.
    WrongClientId,
    /// The token has no `exp`.
    MissingExp,
    /// `exp` has passed (beyond the leeway).
    Expired,
    /// `nbf` is still ahead (beyond the leeway).
    NotYetValid,
    /// `iat` is ahead of the clock (beyond the leeway).
    IssuedInFuture,
    /// A required group is not in `cognito:groups`.
    MissingGroup {
        /// The group.
        group: String,
    },
    /// A required scope is not in `scope`.
    MissingScope {
        /// The scope.
        scope: String,
    },
}

impl VerifyError {
    /// A stable snake_case name for the failure, for logs, metrics and the
    /// command line: `expired`, `signature_mismatch`, `unknown_kid`, ….
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Malformed(JwtError::TooLarge { .. }) => "too_large",
            Self::Malformed(JwtError::SegmentCount) => "segment_count",
            Self::Malformed(JwtError::Base64(_)) => "base64",
            Self::Malformed(_) => "malformed_header",
            Self::AlgorithmNotAllowed { .. } => "algorithm",
            Self::MissingKid => "missing_kid",
            Self::UnknownKid => "unknown_kid",
            Self::KeyUnusable(KeyRejection::Rsa(Rs256Error::ModulusTooSmall { .. })) => {
                "key_too_small"
            }
            Self::KeyUnusable(_) => "key_unusable",
            Self::Signature(Rs256Error::Mismatch) => "signature_mismatch",
            Self::Signature(Rs256Error::SignatureLength { .. }) => "signature_length",
            Self::Signature(_) => "signature_out_of_range",
            Self::MalformedClaims(_) => "malformed_claims",
            Self::WrongIssuer => "wrong_issuer",
            Self::WrongTokenUse { .. } => "wrong_token_use",
            Self::WrongAudience => "wrong_audience",
            Self::WrongClientId => "wrong_client_id",
            Self::MissingExp => "missing_exp",
            Self::Expired => "expired",
            Self::NotYetValid => "not_yet_valid",
            Self::IssuedInFuture => "issued_in_future",
            Self::MissingGroup { .. } => "missing_group",
            Self::MissingScope { .. } => "missing_scope",
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(_) => f.write_str("malformed token"),
            Self::AlgorithmNotAllowed { .. } => {
                f.write_str("token algorithm not allowed (only rs256)")
            }
            Self::MissingKid => f.write_str("token header has no kid"),
            Self::UnknownKid => f.write_str("no key with the token's kid"),
            Self::KeyUnusable(_) => f.write_str("token key unusable"),
            Self::Signature(_) => f.write_str("bad token signature"),
            Self::MalformedClaims(_) => f.write_str("malformed token claims"),
            Self::WrongIssuer => f.write_str("token issuer not accepted"),
            Self::WrongTokenUse { expected, .. } => write!(f, "token is not an {expected} token"),
            Self::WrongAudience => f.write_str("token audience not allowed"),
            Self::WrongClientId => f.write_str("token client id not allowed"),
            Self::MissingExp => f.write_str("token has no exp"),
            Self::Expired => f.write_str("token expired"),
            Self::NotYetValid => f.write_str("token not yet valid"),
            Self::IssuedInFuture => f.write_str("token issued in the future"),
            Self::MissingGroup { group } => write!(f, "token lacks group {group}"),
            Self::MissingScope { scope } => write!(f, "token lacks scope {scope}"),
        }
    }
}

impl std::error::Error for VerifyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Malformed(e) | Self::MalformedClaims(e) => Some(e),
            Self::KeyUnusable(why) => Some(why),
            Self::Signature(e) => Some(e),
            _ => None,
        }
    }
}

/// Verifies a compact JWT: signature by a key of `keys`, then the claims
/// against `validation` at `now` (compared in whole seconds with the claims'
/// `NumericDate`s). See the [module docs](self) for the order of the checks.
///
/// # Errors
///
/// The [`VerifyError`] of the first check that fails.
pub fn verify(
    token: &str,
    keys: &KeySet,
    validation: &Validation,
    now: std::time::SystemTime,
) -> Result<Claims, VerifyError> {
    let claims = verify_signature(token, keys)?;
    validate(
        &claims,
        validation,
        crate::tokens::verifier::epoch_seconds(now),
    )?;
    Ok(claims)
}

/// The checks that need no key (the first three rows of the table in the
/// [module docs](self)), and the `kid` the token names: the verifier runs
/// them before it fetches any key set.
pub(crate) fn header_kid(token: &str) -> Result<String, VerifyError> {
    let parts = jwt::split(token).map_err(VerifyError::Malformed)?;
    checked_kid(parts.header)
}

fn checked_kid(header: &str) -> Result<String, VerifyError> {
    let header = Header::from_segment(header).map_err(VerifyError::Malformed)?;
    if header.alg != "RS256" {
        return Err(VerifyError::AlgorithmNotAllowed { alg: header.alg });
    }
    header.kid.ok_or(VerifyError::MissingKid)
}

/// The structural and cryptographic half of [`verify`]: no claim is checked.
pub(crate) fn verify_signature(token: &str, keys: &KeySet) -> Result<Claims, VerifyError> {
    let parts = jwt::split(token).map_err(VerifyError::Malformed)?;
    let kid = checked_kid(parts.header)?;
    let key = keys.find(&kid).map_err(|e| match e {
        JwksError::Unusable(why) => VerifyError::KeyUnusable(why),
        _ => VerifyError::UnknownKid,
    })?;
    let signature =
        jwt::decode_segment(parts.signature, Segment::Signature).map_err(VerifyError::Malformed)?;
    key.verify(parts.signing_input.as_bytes(), &signature)
        .map_err(VerifyError::Signature)?;
    Claims::from_segment(parts.payload).map_err(VerifyError::MalformedClaims)
}

/// The claim half of [`verify`].
pub(crate) fn validate(claims: &Claims, v: &Validation, now: i64) -> Result<(), VerifyError> {
    if !claims
        .iss
        .as_ref()
        .is_some_and(|iss| v.issuers.contains(iss))
    {
        return Err(VerifyError::WrongIssuer);
    }
    if claims.token_use.as_ref() != Some(&v.token_use) {
        return Err(VerifyError::WrongTokenUse {
            expected: v.token_use.clone(),
            found: claims.token_use.clone(),
        });
    }
    let aud_ok = v.client_ids.iter().any(|c| claims.has_audience(c));
    let client_ok = claims
        .client_id
        .as_ref()
        .is_some_and(|c| v.client_ids.contains(c));
    match v.token_use {
        TokenUse::Id if !aud_ok => return Err(VerifyError::WrongAudience),
        TokenUse::Access if !client_ok => return Err(VerifyError::WrongClientId),
        TokenUse::Unknown(_) if !aud_ok && !client_ok => return Err(VerifyError::WrongAudience),
        _ => {}
    }
    let leeway = i64::try_from(v.leeway).unwrap_or(i64::MAX);
    let exp = claims.exp.ok_or(VerifyError::MissingExp)?;
    if now.saturating_sub(leeway) >= exp {
        return Err(VerifyError::Expired);
    }
    let latest = now.saturating_add(leeway);
    if claims.nbf.is_some_and(|nbf| nbf > latest) {
        return Err(VerifyError::NotYetValid);
    }
    if claims.iat.is_some_and(|iat| iat > latest) {
        return Err(VerifyError::IssuedInFuture);
    }
    if let Some(group) = v
        .required_groups
        .iter()
        .find(|g| !claims.cognito_groups.contains(g))
    {
        return Err(VerifyError::MissingGroup {
            group: group.clone(),
        });
    }
    if let Some(scope) = v
        .required_scopes
        .iter()
        .find(|s| !claims.scopes().any(|have| have == s.as_str()))
    {
        return Err(VerifyError::MissingScope {
            scope: scope.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
