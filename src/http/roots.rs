//! Which root certificates the [`UreqTransport`](crate::UreqTransport)
//! trusts.
//!
//! | settings | roots |
//! |---|---|
//! | default | Mozilla's, compiled in (`webpki-roots`) |
//! | `SSL_CERT_FILE` set | the certificates in that file (as OpenSSL and curl read it), whatever else is set |
//! | [`system_trust_store(true)`](crate::UreqTransportBuilder::system_trust_store) | the system's CA bundle file, the first of [`SYSTEM_CA_BUNDLES`] that exists |
//! | [`add_root_certificates_pem`](crate::UreqTransportBuilder::add_root_certificates_pem) | added to the file's certificates; with the default Mozilla roots they are the only roots, since ureq 3.5 cannot add to its compiled-in set |
//!
//! A trust store that cannot be loaded (an `SSL_CERT_FILE` that is missing
//! or holds no certificate, no system bundle) makes every request fail with
//! a [`Tls`](crate::TransportErrorKind::Tls) error: never a silent fallback.
//! Certificates are always verified; there is no switch to turn that off.

use std::path::Path;

use ureq::tls::{Certificate, PemItem, RootCerts};

/// Where the system's CA bundle is looked for, in order: Debian and Ubuntu,
/// Fedora and RHEL, openSUSE, RHEL's extracted bundle, Alpine, macOS and the
/// BSDs (a snapshot of the system roots).
pub(crate) const SYSTEM_CA_BUNDLES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/ca-bundle.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/ssl/cert.pem",
];

/// The certificates in PEM text; other PEM items (keys) are skipped.
///
/// # Errors
///
/// A message when the text is not PEM or holds no certificate.
pub(crate) fn parse_certificates(pem: &[u8]) -> Result<Vec<Certificate<'static>>, String> {
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(pem) {
        match item {
            Ok(PemItem::Certificate(cert)) => certs.push(cert),
            Ok(_) => {}
            Err(e) => return Err(format!("not PEM: {e}")),
        }
    }
    if certs.is_empty() {
        return Err("no PEM certificate in it".to_owned());
    }
    Ok(certs)
}

fn read_bundle(path: &Path) -> Result<Vec<Certificate<'static>>, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_certificates(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The roots for the settings: `env` gives `SSL_CERT_FILE`.
///
/// # Errors
///
/// A message naming the file that could not be used.
pub(crate) fn root_certs(
    extra: &[Certificate<'static>],
    system: bool,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<RootCerts, String> {
    let file = env("SSL_CERT_FILE").filter(|v| !v.is_empty());
    let mut certs = if let Some(file) = file {
        read_bundle(Path::new(&file)).map_err(|e| format!("SSL_CERT_FILE {e}"))?
    } else if system {
        let found = SYSTEM_CA_BUNDLES
            .iter()
            .map(Path::new)
            .find(|p| p.is_file())
            .ok_or_else(|| {
                format!(
                    "no system CA bundle found (looked for {}); set SSL_CERT_FILE",
                    SYSTEM_CA_BUNDLES.join(", ")
                )
            })?;
        read_bundle(found)?
    } else if extra.is_empty() {
        return Ok(RootCerts::WebPki);
    } else {
        Vec::new()
    };
    certs.extend(extra.iter().cloned());
    Ok(RootCerts::new_with_certs(&certs))
}
