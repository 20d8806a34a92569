//! `SECRET_HASH`, which app clients with a secret add to every sign-in request.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// `SECRET_HASH` = base64(HMAC-SHA256(key = client secret, message = username | client id)).
///
/// `username` must be exactly the `USERNAME` sent in the same request: the name
/// typed at `InitiateAuth`, the challenge's `USERNAME` in a challenge response.
///
/// ```
/// let hash = cognito::secret_hash("secret", "alice", "client123");
/// assert_eq!(hash, "oKHO337pkuh1r3zUNCZ1oCL3YgM0Yi2nkcAZsKQTIH8=");
/// ```
pub fn secret_hash(client_secret: &str, username: &str, client_id: &str) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(client_secret.as_bytes()) {
        Ok(mac) => mac,
        // HMAC takes keys of any length (long ones are hashed), so this cannot happen.
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test may panic
mod tests {
    use super::secret_hash;

    #[test]
    fn matches_pycognito() {
        // Values from pycognito 2024.5.1 `AWSSRP.get_secret_hash`.
        assert_eq!(
            secret_hash("secret", "alice", "client123"),
            "oKHO337pkuh1r3zUNCZ1oCL3YgM0Yi2nkcAZsKQTIH8=",
            "ascii"
        );
        assert_eq!(
            secret_hash("sécret", "Zoë", "abc"),
            "3nsc7npKWUGuqvLa7h8mtY1i7x/3XZPUyhoovxZf+4A=",
            "utf-8"
        );
        assert_eq!(secret_hash("", "", "").len(), 44, "empty inputs still hash");
    }
}
