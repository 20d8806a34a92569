//! TokenVerifier: the key-set cache (one fetch, shared by threads), the
//! rate-limited refetch on unknown key ids, a failed refetch keeping the
//! cached set, where keys are fetched from, and the handle's verify_tokens.
//! Keys and tokens: fixtures/jwt (scripts/gen/test_tokens.py, synthetic).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use cognito::jwt::TokenUse;
use cognito::verify::VerifyError;
use cognito::{
    Cognito, Error, HttpRequest, HttpResponse, TokenVerifier, TransportError, TransportErrorKind,
};
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(&std::fs::read_to_string("fixtures/jwt/tokens.json").unwrap()).unwrap()
}

fn token(name: &str) -> String {
    fixture()["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no token {name}"))["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn jwks() -> Vec<u8> {
    std::fs::read("fixtures/jwt/jwks.json").unwrap()
}

const NOW: u64 = 1_700_000_100;
const POOL: &str = "us-east-1_TestPool1";
const CLIENT: &str = "1example23456789abcdefghi0";

/// A key-set server: counts fetches, records URLs, can be made to fail.
#[derive(Clone, Default)]
struct KeyServer {
    fetches: Arc<AtomicUsize>,
    urls: Arc<Mutex<Vec<String>>>,
    down: Arc<AtomicBool>,
}

impl KeyServer {
    fn transport(
        &self,
    ) -> impl Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync {
        let me = self.clone();
        move |req: HttpRequest| {
            me.fetches.fetch_add(1, Ordering::SeqCst);
            me.urls.lock().unwrap().push(req.url.clone());
            assert_eq!(req.method, "GET");
            if me.down.load(Ordering::SeqCst) {
                return Err(TransportError::new(
                    TransportErrorKind::Connect,
                    "connection refused",
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
            Ok(HttpResponse::new(200, jwks()))
        }
    }

    fn verifier(&self) -> TokenVerifier {
        TokenVerifier::builder(POOL)
            .client_id(CLIENT)
            .transport(self.transport())
            .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
            .build()
            .unwrap()
    }
}

#[test]
fn fetches_once_from_the_issuer_and_caches() {
    let server = KeyServer::default();
    let v = server.verifier();
    let claims = v.verify(&token("good_access")).unwrap();
    assert_eq!(claims.username.as_deref(), Some("alice"));
    v.verify(&token("good_access_k2")).unwrap();
    v.verify_as(&token("good_id"), TokenUse::Id).unwrap();
    assert_eq!(server.fetches.load(Ordering::SeqCst), 1);
    assert_eq!(
        server.urls.lock().unwrap()[0],
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1/.well-known/jwks.json"
    );
}

#[test]
fn threads_share_one_fetch() {
    let server = KeyServer::default();
    let v = server.verifier();
    let good = token("good_access");
    std::thread::scope(|s| {
        for _ in 0..16 {
            let (v, good) = (v.clone(), good.clone());
            s.spawn(move || v.verify(&good).unwrap());
        }
    });
    assert_eq!(server.fetches.load(Ordering::SeqCst), 1);
}

#[test]
fn unknown_kid_floods_refetch_at_most_once_per_interval() {
    let server = KeyServer::default();
    let v = server.verifier();
    v.verify(&token("good_access")).unwrap();
    let forged = token("unknown_kid");
    for _ in 0..100 {
        match v.verify(&forged) {
            Err(Error::Token(VerifyError::UnknownKid)) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        server.fetches.load(Ordering::SeqCst),
        2,
        "a kid is fetched for on first sight (a rotated key), then not again within the interval"
    );

    let quick = TokenVerifier::builder(POOL)
        .client_id(CLIENT)
        .transport(server.transport())
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .refetch_interval(Duration::ZERO)
        .build()
        .unwrap();
    quick.verify(&token("good_access")).unwrap();
    let before = server.fetches.load(Ordering::SeqCst);
    assert!(quick.verify(&forged).is_err());
    assert_eq!(
        server.fetches.load(Ordering::SeqCst),
        before + 1,
        "an unknown kid refetches once the interval allows"
    );
}

#[test]
fn a_failed_refetch_keeps_the_cached_set() {
    let server = KeyServer::default();
    let v = TokenVerifier::builder(POOL)
        .client_id(CLIENT)
        .transport(server.transport())
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .refetch_interval(Duration::ZERO)
        .build()
        .unwrap();
    v.verify(&token("good_access")).unwrap();
    server.down.store(true, Ordering::SeqCst);
    assert!(matches!(
        v.verify(&token("unknown_kid")),
        Err(Error::Token(VerifyError::UnknownKid))
    ));
    v.verify(&token("good_access"))
        .expect("the cached set still verifies");
}

#[test]
fn no_key_set_at_all_is_a_key_set_error() {
    let server = KeyServer::default();
    server.down.store(true, Ordering::SeqCst);
    let err = server.verifier().verify(&token("good_access")).unwrap_err();
    assert!(matches!(err, Error::KeySet(_)), "{err:?}");
    assert!(err.to_string().contains("/.well-known/jwks.json"), "{err}");
}

#[test]
fn endpoint_override_fetches_from_the_emulator_but_keeps_the_aws_issuer() {
    let server = KeyServer::default();
    let v = TokenVerifier::builder(POOL)
        .client_id(CLIENT)
        .endpoint("http://127.0.0.1:5000")
        .transport(server.transport())
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .build()
        .unwrap();
    v.verify(&token("good_access")).unwrap();
    assert_eq!(
        server.urls.lock().unwrap()[0],
        "http://127.0.0.1:5000/us-east-1_TestPool1/.well-known/jwks.json"
    );
    assert!(matches!(
        v.verify(&token("wrong_issuer")),
        Err(Error::Token(VerifyError::WrongIssuer))
    ));
}

#[test]
fn builder_checks() {
    assert!(
        matches!(TokenVerifier::builder(POOL).build(), Err(Error::Config(_))),
        "a client id is required"
    );
    assert!(matches!(
        TokenVerifier::builder("nope").client_id(CLIENT).build(),
        Err(Error::Config(_))
    ));
    let custom = TokenVerifier::builder("local_4YzBvdOp")
        .client_id(CLIENT)
        .issuer("http://127.0.0.1:9229/local_4YzBvdOp")
        .key_set_json(String::from_utf8(jwks()).unwrap())
        .build()
        .unwrap();
    assert_eq!(
        custom.validation().issuers,
        ["http://127.0.0.1:9229/local_4YzBvdOp"]
    );
}

#[test]
fn the_handle_verifies_its_tokens() {
    let cognito = Cognito::builder()
        .user_pool_id(POOL)
        .client_id(CLIENT)
        .id_token(token("good_id"))
        .access_token(token("good_access"))
        .key_set_json(String::from_utf8(jwks()).unwrap())
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .build()
        .unwrap();
    let verified = cognito.verify_tokens().unwrap();
    assert_eq!(verified.access.unwrap().token_use, Some(TokenUse::Access));
    assert_eq!(
        verified.id.unwrap().email.as_deref(),
        Some("alice@example.com")
    );

    let swapped = Cognito::builder()
        .user_pool_id(POOL)
        .client_id(CLIENT)
        .access_token(token("good_id"))
        .key_set_json(String::from_utf8(jwks()).unwrap())
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .build()
        .unwrap();
    assert!(matches!(
        swapped.verify_tokens(),
        Err(Error::Token(VerifyError::WrongTokenUse { .. }))
    ));
}
