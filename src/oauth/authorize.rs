//! The authorization-code grant's first half: the PKCE verifier, the
//! authorize URL, and reading the redirect that comes back. Pure, with the
//! randomness as a parameter.
//!
//! | step | who | what |
//! |---|---|---|
//! | 1 | program | [`AuthorizeRequest::start`]: random `state`, `nonce` and PKCE verifier; the authorize URL carries `S256(verifier)` |
//! | 2 | browser | signs in at `/oauth2/authorize`, is redirected to `redirect_uri?code=…&state=…` |
//! | 3 | program | [`PendingAuthorization::parse_redirect`]: checks `state`, takes the code (or the OAuth error) |
//! | 4 | program | [`OAuth::exchange_code`](super::OAuth::exchange_code): code + verifier at `/oauth2/token`; the id token's `nonce` is checked |

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::oauth::domain::Domain;
use crate::oauth::error::{OAuthError, OAuthErrorCode};
use crate::oauth::form;
use crate::secret::SecretString;

/// A PKCE code verifier (RFC 7636): 43 characters of base64url from 32
/// random bytes. `Debug` redacts it.
#[derive(Clone, PartialEq, Eq)]
pub struct PkceVerifier(SecretString);

impl PkceVerifier {
    /// The verifier of 32 given random bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> Self {
        Self(SecretString::from(URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// The verifier as text, for the token request. Keep it secret.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }

    /// The `S256` challenge: base64url, unpadded, of SHA-256 of the verifier.
    ///
    /// ```
    /// use cognito::oauth::PkceVerifier;
    /// // RFC 7636 appendix B's bytes and challenge.
    /// let bytes = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
    ///     22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
    /// let verifier = PkceVerifier::from_bytes(&bytes);
    /// assert_eq!(verifier.expose_secret(), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    /// assert_eq!(verifier.challenge(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    /// ```
    pub fn challenge(&self) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(self.expose_secret().as_bytes()))
    }
}

impl fmt::Debug for PkceVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PkceVerifier([redacted])")
    }
}

/// An authorization code from a redirect. `Debug` redacts it.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthorizationCode(SecretString);

impl AuthorizationCode {
    /// A code as received.
    pub fn new(code: impl Into<String>) -> Self {
        Self(SecretString::from(code.into()))
    }

    /// The code as text, for the token request. Keep it secret.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthorizationCode([redacted])")
    }
}

/// What goes into the authorize URL besides the random values.
///
/// ```
/// use cognito::oauth::{AuthorizeRequest, Domain};
///
/// let domain = Domain::prefix("my-app", "eu-west-1")?;
/// let pending = AuthorizeRequest::new("1example23456789", "http://localhost:8400/callback")
///     .scope("openid")
///     .scope("email")
///     .identity_provider("Google")
///     .start_with_random(&domain, |buf: &mut [u8]| { buf.fill(7); Ok(()) })?;
/// assert!(pending.url().starts_with(
///     "https://my-app.auth.eu-west-1.amazoncognito.com/oauth2/authorize?response_type=code&client_id=1example23456789\
///      &redirect_uri=http%3A%2F%2Flocalhost%3A8400%2Fcallback&scope=openid%20email&state="));
/// assert!(pending.url().contains("&code_challenge_method=S256&identity_provider=Google"));
/// # Ok::<(), cognito::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizeRequest {
    client_id: String,
    redirect_uri: String,
    scopes: Vec<String>,
    identity_provider: Option<String>,
    idp_identifier: Option<String>,
    lang: Option<String>,
}

impl AuthorizeRequest {
    /// A request for the app client `client_id`, redirecting to
    /// `redirect_uri` (one of the client's callback URLs). No scopes by
    /// default: Cognito then grants every scope the client allows.
    pub fn new(client_id: impl Into<String>, redirect_uri: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            scopes: Vec::new(),
            identity_provider: None,
            idp_identifier: None,
            lang: None,
        }
    }

    /// Asks for a scope (call again for more), e.g. `openid`, `email`,
    /// `aws.cognito.signin.user.admin` (needed for `get_user` and the other
    /// user-side calls), or a resource server's `resource/scope`.
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scopes.push(scope.into());
        self
    }

    /// Asks for these scopes.
    pub fn scopes<I: IntoIterator<Item = S>, S: Into<String>>(mut self, scopes: I) -> Self {
        self.scopes.extend(scopes.into_iter().map(Into::into));
        self
    }

    /// `identity_provider`: go straight to this provider (`Google`,
    /// `COGNITO`, a SAML provider's name). Defaults to none.
    pub fn identity_provider(mut self, name: impl Into<String>) -> Self {
        self.identity_provider = Some(name.into());
        self
    }

    /// `idp_identifier`: pick the provider by one of its identifiers (such as
    /// an email domain). Defaults to none.
    pub fn idp_identifier(mut self, identifier: impl Into<String>) -> Self {
        self.idp_identifier = Some(identifier.into());
        self
    }

    /// `lang`: the managed login pages' language (`en`, `fr`, …). Defaults
    /// to none.
    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// Draws `state`, `nonce` and the PKCE verifier from the operating
    /// system's random source and builds the authorize URL.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when the random source fails.
    pub fn start(self, domain: &Domain) -> Result<PendingAuthorization, Error> {
        self.start_with_random(domain, |buf: &mut [u8]| {
            getrandom::getrandom(buf).map_err(|e| e.to_string())
        })
    }

    /// As [`start`](Self::start), with the random bytes from `random`
    /// (tests pin them).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `random` fails.
    pub fn start_with_random(
        self,
        domain: &Domain,
        mut random: impl FnMut(&mut [u8]) -> Result<(), String>,
    ) -> Result<PendingAuthorization, Error> {
        let mut draw = |n: usize| -> Result<Vec<u8>, Error> {
            let mut buf = vec![0u8; n];
            random(&mut buf)
                .map_err(|e| Error::InvalidArgument(format!("no random bytes: {e}")))?;
            Ok(buf)
        };
        let state = URL_SAFE_NO_PAD.encode(draw(16)?);
        let nonce = URL_SAFE_NO_PAD.encode(draw(16)?);
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(&draw(32)?);
        let verifier = PkceVerifier::from_bytes(&bytes);
        let url = self.url(domain, &state, &nonce, &verifier.challenge());
        Ok(PendingAuthorization {
            url,
            state,
            nonce,
            verifier,
            client_id: self.client_id,
            redirect_uri: self.redirect_uri,
        })
    }

    fn url(&self, domain: &Domain, state: &str, nonce: &str, challenge: &str) -> String {
        let scope = self.scopes.join(" ");
        let mut pairs = vec![
            ("response_type", "code"),
            ("client_id", self.client_id.as_str()),
            ("redirect_uri", self.redirect_uri.as_str()),
        ];
        if !scope.is_empty() {
            pairs.push(("scope", scope.as_str()));
        }
        pairs.extend([
            ("state", state),
            ("nonce", nonce),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256"),
        ]);
        for (name, value) in [
            ("identity_provider", &self.identity_provider),
            ("idp_identifier", &self.idp_identifier),
            ("lang", &self.lang),
        ] {
            if let Some(value) = value {
                pairs.push((name, value.as_str()));
            }
        }
        format!(
            "{}?{}",
            domain.authorize_endpoint(),
            form::encode_pairs(pairs)
        )
    }
}

/// A sign-in under way: the authorize URL to open, and what the redirect
/// and the code exchange are checked against. `Debug` redacts the verifier.
#[derive(Debug, Clone)]
pub struct PendingAuthorization {
    url: String,
    state: String,
    nonce: String,
    verifier: PkceVerifier,
    client_id: String,
    redirect_uri: String,
}

impl PendingAuthorization {
    /// The authorize URL to open in the browser.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The `state` sent; the redirect must carry it back.
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The `nonce` sent; the id token must carry it.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// The PKCE verifier, for the token request.
    pub fn verifier(&self) -> &PkceVerifier {
        &self.verifier
    }

    /// The app client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The redirect URI (the token request repeats it).
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Reads the redirect the browser came back with: a whole URL, or its
    /// query alone.
    ///
    /// ```
    /// # use cognito::oauth::{AuthorizeRequest, Domain, OAuthErrorCode};
    /// let pending = AuthorizeRequest::new("client", "http://localhost:1/cb")
    ///     .start_with_random(&Domain::custom("auth.example.com")?, |b: &mut [u8]| { b.fill(1); Ok(()) })?;
    /// let state = pending.state().to_owned();
    /// let code = pending.parse_redirect(&format!("http://localhost:1/cb?code=abc&state={state}"))?;
    /// assert_eq!(code.expose_secret(), "abc");
    /// let err = pending.parse_redirect("/cb?code=abc&state=forged").unwrap_err();
    /// assert_eq!(err.oauth_code(), Some(&OAuthErrorCode::StateMismatch));
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::OAuth`]: [`OAuthErrorCode::StateMismatch`] when `state` is
    /// missing or not the one sent (checked first, so a forged redirect
    /// cannot pass off an error either); the redirect's own error
    /// (`access_denied`, …) with its description; `invalid_request` when it
    /// has neither a code nor an error.
    pub fn parse_redirect(&self, redirect: &str) -> Result<AuthorizationCode, Error> {
        let query = redirect.split_once('?').map_or(redirect, |(_, q)| q);
        let query = query.split_once('#').map_or(query, |(q, _)| q);
        let pairs = form::parse_pairs(query);
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        if get("state") != Some(self.state.as_str()) {
            return Err(OAuthError::new(
                OAuthErrorCode::StateMismatch,
                Some("the redirect's state is not the one this sign-in sent".into()),
                None,
            )
            .into());
        }
        if let Some(code) = get("error") {
            return Err(OAuthError::new(
                OAuthErrorCode::parse(code),
                get("error_description").map(str::to_owned),
                None,
            )
            .into());
        }
        match get("code") {
            Some(code) if !code.is_empty() => Ok(AuthorizationCode::new(code)),
            _ => Err(OAuthError::new(
                OAuthErrorCode::InvalidRequest,
                Some("the redirect has no code".into()),
                None,
            )
            .into()),
        }
    }
}
