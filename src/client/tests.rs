//! Unit tests of `src/client/`: what the builder puts into [`Config`] and
//! [`State`], and the bodies the pipeline sends.

use std::sync::Mutex;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::{json, Value};

use super::*;
use crate::http::retry::RetryPolicy;
use crate::http::{HttpRequest, HttpResponse, Transport, TransportError};
use crate::tokens::verifier::KeySource;

/// A transport that answers every call with `{}` and keeps the bodies.
fn recorder() -> (Arc<Mutex<Vec<Vec<u8>>>>, impl Transport) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let transport = move |req: HttpRequest| {
        sink.lock().unwrap().push(req.body);
        Ok(HttpResponse::new(200, b"{}".to_vec()))
    };
    (seen, transport)
}

fn bare() -> CognitoBuilder {
    Cognito::builder()
        .user_pool_id("eu-west-1_AbC123xyz")
        .environment(|_| None)
        .transport(
            |_req: HttpRequest| -> Result<HttpResponse, TransportError> {
                Ok(HttpResponse::new(200, b"{}".to_vec()))
            },
        )
}

#[test]
fn defaults_land_in_the_config() {
    let cognito = bare().build().unwrap();
    let options = &cognito.config().options;
    assert_eq!(options.client_id, None);
    assert!(options.client_secret.is_none());
    assert_eq!(options.refresh_margin, Duration::ZERO);
    assert!(!options.refresh_token_rotation);
    assert!(!options.auto_refresh);
    assert!(options.issuers.is_empty());
    assert!(options.key_source.is_none());
    assert!(options.verify_renewed_tokens);
    assert_eq!(options.retry, RetryPolicy::none());
    assert_eq!(cognito.config().device_name, "cognito-rs");
    assert_eq!(
        cognito.config().endpoint.url,
        "https://cognito-idp.eu-west-1.amazonaws.com"
    );
    assert_eq!(cognito.username(), None);
    assert_eq!(cognito.tokens(), Tokens::default());
    assert_eq!(cognito.remembered_device(), None);
}

#[test]
fn setters_land_in_config_and_state() {
    let device = RememberedDevice {
        device_key: "eu-west-1_dev".into(),
        device_group_key: "group".into(),
        device_password: "device password".into(),
    };
    let cognito = bare()
        .client_id("client")
        .client_secret("secret")
        .username("alice")
        .id_token("id")
        .access_token("access")
        .refresh_token("refresh")
        .remembered_device(device.clone())
        .device_name("laptop")
        .clock(|| UNIX_EPOCH + Duration::from_secs(42))
        .random(|buf: &mut [u8]| {
            buf.fill(7);
            Ok(())
        })
        .refresh_margin(Duration::from_secs(60))
        .refresh_token_rotation(true)
        .auto_refresh(true)
        .issuer("https://issuer.example/one")
        .issuer("https://issuer.example/two")
        .key_set_json("{\"keys\":[]}")
        .verify_renewed_tokens(false)
        .retry(RetryPolicy::standard())
        .build()
        .unwrap();
    let config = cognito.config();
    assert_eq!(config.options.client_id.as_deref(), Some("client"));
    assert_eq!(
        config
            .options
            .client_secret
            .as_ref()
            .map(|s| s.expose_secret()),
        Some("secret")
    );
    assert_eq!(config.device_name, "laptop");
    assert_eq!(cognito.now(), UNIX_EPOCH + Duration::from_secs(42));
    let mut bytes = [0u8; 3];
    cognito.fill_random(&mut bytes).unwrap();
    assert_eq!(bytes, [7, 7, 7]);
    assert_eq!(config.options.refresh_margin, Duration::from_secs(60));
    assert!(config.options.refresh_token_rotation);
    assert!(config.options.auto_refresh);
    assert_eq!(
        config.options.issuers,
        ["https://issuer.example/one", "https://issuer.example/two"]
    );
    assert!(matches!(&config.options.key_source, Some(KeySource::Json(j)) if j == "{\"keys\":[]}"));
    assert!(!config.options.verify_renewed_tokens);
    assert_eq!(config.options.retry, RetryPolicy::standard());

    assert_eq!(cognito.username().as_deref(), Some("alice"));
    let tokens = cognito.tokens();
    let expose = |t: &Option<SecretString>| t.as_ref().map(|t| t.expose_secret().to_owned());
    assert_eq!(expose(&tokens.id_token).as_deref(), Some("id"));
    assert_eq!(expose(&tokens.access_token).as_deref(), Some("access"));
    assert_eq!(expose(&tokens.refresh_token).as_deref(), Some("refresh"));
    assert_eq!(cognito.remembered_device(), Some(device));
}

#[test]
fn the_device_name_defaults_from_the_builder_environment() {
    let named = |host: &'static str| {
        bare()
            .environment(move |name| (name == "HOSTNAME").then(|| host.to_owned()))
            .build()
            .unwrap()
            .device_name()
    };
    assert_eq!(named("box"), "cognito-rs on box");
    assert_eq!(named(""), "cognito-rs");
}

#[test]
fn the_default_provider_reads_the_builder_environment() {
    let cognito = bare()
        .environment(|name| match name {
            "AWS_ACCESS_KEY_ID" => Some("AKIDFROMLOOKUP".into()),
            "AWS_SECRET_ACCESS_KEY" => Some("from the lookup".into()),
            _ => None,
        })
        .build()
        .unwrap();
    assert_eq!(
        cognito.credentials().unwrap().access_key_id(),
        "AKIDFROMLOOKUP"
    );
    // A provider set on the builder wins over the environment.
    let cognito = bare()
        .environment(|name| (name == "AWS_ACCESS_KEY_ID").then(|| "AKIDFROMLOOKUP".into()))
        .credentials(AwsCredentials::new("AKIDSET", "set", None))
        .build()
        .unwrap();
    assert_eq!(cognito.credentials().unwrap().access_key_id(), "AKIDSET");
}

#[test]
fn the_builder_environment_resolves_the_endpoint() {
    let cognito = bare()
        .environment(|name| {
            (name == "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")
                .then(|| "http://127.0.0.1:9229".into())
        })
        .build()
        .unwrap();
    assert_eq!(cognito.endpoint_url(), "http://127.0.0.1:9229");
    assert_eq!(cognito.region(), "eu-west-1");
}

#[test]
fn builder_debug_names_the_settings_and_hides_secrets() {
    let builder = bare()
        .client_id("client")
        .client_secret("client secret value")
        .username("alice")
        .access_token("access token value")
        .region("eu-west-1");
    let debug = format!("{builder:?}");
    for shown in ["eu-west-1_AbC123xyz", "client", "alice", "region"] {
        assert!(debug.contains(shown), "{shown} missing from {debug}");
    }
    for hidden in ["client secret value", "access token value"] {
        assert!(!debug.contains(hidden), "{hidden} leaked: {debug}");
    }
}

#[test]
fn both_entry_points_send_the_same_body() {
    let (seen, transport) = recorder();
    let cognito = bare().transport(transport).build().unwrap();
    let request = crate::types::ForgotPasswordRequest {
        client_id: "client".into(),
        username: "alice".into(),
        ..Default::default()
    };
    cognito.send(&request).unwrap();
    cognito
        .call("ForgotPassword", &serde_json::to_value(&request).unwrap())
        .unwrap();
    cognito.call("ForgotPassword", &Value::Null).unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0], seen[1]);
    assert_eq!(
        serde_json::from_slice::<Value>(&seen[0]).unwrap(),
        json!({"ClientId": "client", "Username": "alice"})
    );
    assert_eq!(seen[2], b"{}");
}
