//! [`AwsSrp`]: SRP sign-in on its own, as warrant's `aws_srp.AWSSRP`.
//!
//! For code that wants only the sign-in: give it the username, password,
//! pool id, client id and optional client secret; `authenticate_user` runs
//! `USER_SRP_AUTH` and returns tokens or the next challenge. It drives a
//! [`Cognito`] handle underneath, reachable through [`AwsSrp::cognito`].

use std::fmt;

use crate::auth::AuthResult;
use crate::client::{Cognito, Tokens};
use crate::error::Error;
use crate::http::Transport;
use crate::secret::SecretString;

/// SRP sign-in for one user, as warrant's `AWSSRP`.
///
/// ```no_run
/// use cognito::{AwsSrp, AuthResult};
///
/// let srp = AwsSrp::new("alice", "Passw0rd!", "eu-west-1_AbC123xyz", "1example23456789", None)?;
/// if let AuthResult::Authenticated = srp.authenticate_user()? {
///     let tokens = srp.tokens();
///     println!("expires in {:?} s", tokens.expires_in);
/// }
/// # Ok::<(), cognito::Error>(())
/// ```
#[derive(Clone)]
pub struct AwsSrp {
    cognito: Cognito,
    password: SecretString,
}

impl fmt::Debug for AwsSrp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AwsSrp")
            .field("cognito", &self.cognito)
            .field("password", &self.password)
            .finish()
    }
}

impl AwsSrp {
    /// SRP sign-in with the default transport and the pool id's region.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a malformed pool id.
    pub fn new(
        username: &str,
        password: &str,
        pool_id: &str,
        client_id: &str,
        client_secret: Option<&str>,
    ) -> Result<Self, Error> {
        let mut builder = Cognito::builder()
            .user_pool_id(pool_id)
            .client_id(client_id)
            .username(username);
        if let Some(secret) = client_secret {
            builder = builder.client_secret(secret);
        }
        Ok(Self::from_handle(builder.build()?, password))
    }

    /// As [`new`](Self::new), with a transport (a test double, a shared agent).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a malformed pool id.
    pub fn with_transport(
        username: &str,
        password: &str,
        pool_id: &str,
        client_id: &str,
        client_secret: Option<&str>,
        transport: impl Transport + 'static,
    ) -> Result<Self, Error> {
        let mut builder = Cognito::builder()
            .user_pool_id(pool_id)
            .client_id(client_id)
            .username(username)
            .transport(transport);
        if let Some(secret) = client_secret {
            builder = builder.client_secret(secret);
        }
        Ok(Self::from_handle(builder.build()?, password))
    }

    /// SRP sign-in through an existing handle (its username is used).
    pub fn from_handle(cognito: Cognito, password: &str) -> Self {
        Self {
            cognito,
            password: password.into(),
        }
    }

    /// Runs `USER_SRP_AUTH`: tokens (held by the handle, see
    /// [`tokens`](Self::tokens)) or the next challenge.
    ///
    /// # Errors
    ///
    /// As [`Cognito::authenticate`].
    pub fn authenticate_user(&self) -> Result<AuthResult, Error> {
        self.cognito.authenticate(self.password.expose_secret())
    }

    /// The tokens after a successful sign-in.
    pub fn tokens(&self) -> Tokens {
        self.cognito.tokens()
    }

    /// The handle underneath, for everything after sign-in.
    pub fn cognito(&self) -> &Cognito {
        &self.cognito
    }
}
