//! The library-side findings of the security review (issue 13), one test or
//! more each: the verifier's region, recordings, `credential_process`,
//! proxies and plain HTTP, error excerpts, trusted roots. Each of these
//! failed before its fix.

use std::sync::{Arc, Mutex};

use cognito::{Cognito, Error, HttpRequest, HttpResponse, TokenVerifier, TransportError};

/// A transport that records the URLs it is asked for and answers 404.
fn url_log() -> (
    Arc<Mutex<Vec<String>>>,
    impl Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync,
) {
    let urls = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&urls);
    (urls, move |req: HttpRequest| {
        log.lock().unwrap().push(req.url);
        Ok(HttpResponse::new(404, Vec::new()))
    })
}

#[test]
fn verifier_region_is_checked_as_the_handles_is() {
    // Before the fix this built, and its key-set URL's host was
    // `cognito-idp.attacker.example`, with the expected issuer to match.
    for region in ["attacker.example/x?", "attacker.example", "a b", "", "-x"] {
        let (urls, transport) = url_log();
        let built = TokenVerifier::builder("eu-west-1_AbC123xyz")
            .client_id("c")
            .region(region)
            .transport(transport)
            .build();
        let handle = Cognito::builder()
            .user_pool_id("eu-west-1_AbC123xyz")
            .region(region)
            .environment(|_| None)
            .build();
        assert!(handle.is_err(), "the handle refuses {region:?}");
        match built {
            Err(Error::Config(e)) => {
                let chain = format!("{e} | {}", std::error::Error::source(&e).unwrap());
                assert!(chain.contains("invalid region"), "{chain}");
            }
            Err(other) => panic!("{region:?}: not a config error: {other:?}"),
            Ok(verifier) => {
                let _ = verifier.verify("a.b.c");
                panic!(
                    "{region:?} accepted; keys fetched from {:?}",
                    urls.lock().unwrap()
                );
            }
        }
    }
    // A real region still works and names the AWS host; with an endpoint
    // override a plain name such as cognito-local's `local` is accepted.
    let (urls, transport) = url_log();
    let verifier = TokenVerifier::builder("eu-west-1_AbC123xyz")
        .client_id("c")
        .region("eu-central-1")
        .transport(transport)
        .build()
        .unwrap();
    let _ = verifier.verify("a.b.c");
    assert_eq!(
        urls.lock().unwrap().as_slice(),
        ["https://cognito-idp.eu-central-1.amazonaws.com/eu-west-1_AbC123xyz/.well-known/jwks.json"]
    );
    assert!(TokenVerifier::builder("local_AbC")
        .client_id("c")
        .region("local")
        .endpoint("http://127.0.0.1:9229")
        .build()
        .is_ok());
}
