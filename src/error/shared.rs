//! Copies of one [`Error`] for several callers: a renewal that failed is
//! answered to every thread that waited for it with the same error.
//!
//! Most variants are `Clone`. The two whose cause is a boxed foreign error
//! ([`Error::Transport`], [`Error::Config`]) are rebuilt with the same kind
//! and message, and a cause that relays the original's, so a copy prints the
//! same chain. The rest cannot come out of a renewal; they are relayed whole.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use crate::error::{ConfigError, Error};
use crate::http::TransportError;

impl Error {
    /// A copy of a shared error, for one of the callers that share it.
    pub(crate) fn shared_copy(shared: &Arc<Error>) -> Error {
        let cause = || Relayed::cause_of(shared);
        match &**shared {
            Error::Service(e) => Error::Service(e.clone()),
            Error::Http(e) => Error::Http(e.clone()),
            Error::Parse(e) => Error::Parse(e.clone()),
            Error::Credentials(e) => Error::Credentials(e.clone()),
            Error::Protocol(e) => Error::Protocol(e.clone()),
            Error::Token(e) => Error::Token(e.clone()),
            Error::KeySet(e) => Error::KeySet(e.clone()),
            Error::OAuth(e) => Error::OAuth(e.clone()),
            Error::InvalidArgument(m) => Error::InvalidArgument(m.clone()),
            Error::ChallengeRequired { name } => Error::ChallengeRequired { name: name.clone() },
            Error::Transport(e) => {
                let copy = TransportError::new(e.kind(), e.message());
                Error::Transport(match cause() {
                    Some(cause) => copy.with_source(cause),
                    None => copy,
                })
            }
            Error::Config(e) => Error::Config(match cause() {
                Some(cause) => ConfigError::with_source(e.to_string(), cause),
                None => ConfigError::new(e.to_string()),
            }),
            Error::Signing(_) | Error::Srp(_) => Error::Config(ConfigError::with_source(
                "a call shared between threads failed",
                Relayed {
                    shared: Arc::clone(shared),
                    depth: 0,
                },
            )),
        }
    }
}

/// The error `depth` steps down the chain of a shared error: shows its
/// text, continues with its cause.
struct Relayed {
    shared: Arc<Error>,
    depth: usize,
}

impl Relayed {
    /// The cause of a transparent variant's inner error, when it has one.
    fn cause_of(shared: &Arc<Error>) -> Option<Self> {
        shared.source().map(|_| Relayed {
            shared: Arc::clone(shared),
            depth: 1,
        })
    }

    fn target(&self) -> Option<&(dyn StdError + 'static)> {
        let mut at: &(dyn StdError + 'static) = &*self.shared;
        for _ in 0..self.depth {
            at = at.source()?;
        }
        Some(at)
    }
}

impl fmt::Debug for Relayed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.target() {
            Some(e) => fmt::Debug::fmt(e, f),
            None => f.write_str("Relayed"),
        }
    }
}

impl fmt::Display for Relayed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.target() {
            Some(e) => fmt::Display::fmt(e, f),
            None => Ok(()),
        }
    }
}

impl StdError for Relayed {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.target().and_then(StdError::source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::TransportErrorKind;

    fn chain(e: &dyn StdError) -> Vec<String> {
        let mut out = vec![e.to_string()];
        let mut at = e.source();
        while let Some(e) = at {
            out.push(e.to_string());
            at = e.source();
        }
        out
    }

    #[test]
    fn a_copy_prints_the_same_chain() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset by peer");
        let errors = [
            Error::Transport(
                TransportError::new(TransportErrorKind::Io, "cannot read the reply")
                    .with_source(io),
            ),
            Error::Transport(TransportError::new(
                TransportErrorKind::Timeout,
                "timed out",
            )),
            Error::Config(ConfigError::new("no refresh token")),
            Error::Protocol(crate::error::ProtocolError::NoResultNoChallenge),
        ];
        for original in errors {
            let want = chain(&original);
            let kind = match &original {
                Error::Transport(t) => Some(t.kind()),
                _ => None,
            };
            let shared = Arc::new(original);
            let copy = Error::shared_copy(&shared);
            assert_eq!(chain(&copy), want);
            if let Error::Transport(t) = &copy {
                assert_eq!(Some(t.kind()), kind);
            }
        }
    }

    #[test]
    fn other_variants_are_relayed_whole() {
        let shared = Arc::new(Error::Srp(crate::protocol::srp::SrpError::ZeroB));
        let copy = Error::shared_copy(&shared);
        let mut want = vec!["a call shared between threads failed".to_owned()];
        want.extend(chain(&*shared));
        assert_eq!(chain(&copy), want);
    }
}
