//! Unit tests of `src/client/`: what the builder puts into [`Config`] and
//! [`State`], and the bodies the pipeline sends.

use std::sync::Mutex;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::{json, Value};

use super::*;
use crate::client::attributes::{AttrMap, Attributes};
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
    // Retries on by default (issue 12), within a 30 s deadline per call.
    assert_eq!(options.retry, RetryPolicy::standard());
    assert_eq!(options.call_timeout, Some(Duration::from_secs(30)));
    assert!(options.attr_map.is_empty());
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
        .retry(RetryPolicy::none())
        .call_timeout(Some(Duration::from_secs(7)))
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
    assert_eq!(config.options.retry, RetryPolicy::none());
    assert_eq!(config.options.call_timeout, Some(Duration::from_secs(7)));

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

// The token JSON (src/client/tokens.rs).

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

fn full() -> Tokens {
    Tokens {
        id_token: Some("id-token-value".into()),
        access_token: Some("access-token-value".into()),
        refresh_token: Some("refresh-token-value".into()),
        expires_in: Some(3600),
        token_type: Some("Bearer".into()),
        expires_at: Some(at(1_700_003_600)),
        username: Some("alice".into()),
    }
}

#[test]
fn the_exact_json_text() {
    assert_eq!(
        serde_json::to_string(&full()).unwrap(),
        concat!(
            r#"{"IdToken":"id-token-value","AccessToken":"access-token-value","#,
            r#""RefreshToken":"refresh-token-value","ExpiresIn":3600,"TokenType":"Bearer","#,
            r#""ExpiresAt":"2023-11-14T23:13:20Z","Username":"alice"}"#
        )
    );
    assert_eq!(serde_json::to_string(&Tokens::default()).unwrap(), "{}");
}

#[test]
fn round_trips_through_json() {
    for tokens in [
        full(),
        Tokens::default(),
        Tokens {
            refresh_token: Some("r".into()),
            username: Some("bob".into()),
            ..Tokens::default()
        },
    ] {
        let json = serde_json::to_string(&tokens).unwrap();
        assert_eq!(
            serde_json::from_str::<Tokens>(&json).unwrap(),
            tokens,
            "{json}"
        );
    }
}

#[test]
fn reading_is_lenient() {
    let t: Tokens = serde_json::from_str(
        r#"{"AccessToken":"a","IdToken":null,"ExpiresAt":"2023-11-15T00:13:20.5+01:00","Extra":1}"#,
    )
    .unwrap();
    assert_eq!(
        t.access_token.as_ref().map(|s| s.expose_secret()),
        Some("a")
    );
    assert_eq!(t.id_token, None, "null is absent");
    assert_eq!(
        t.expires_at,
        Some(at(1_700_003_600) + Duration::from_millis(500)),
        "any offset, fractions kept"
    );
    let err = serde_json::from_str::<Tokens>(r#"{"ExpiresAt":"tomorrow"}"#).unwrap_err();
    assert!(err.to_string().contains("RFC 3339"), "{err}");
}

#[test]
fn expires_at_is_written_in_whole_seconds_utc() {
    let t = Tokens {
        expires_at: Some(at(1_700_003_600) + Duration::from_millis(999)),
        ..Tokens::default()
    };
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        r#"{"ExpiresAt":"2023-11-14T23:13:20Z"}"#
    );
    let before = Tokens {
        expires_at: Some(UNIX_EPOCH - Duration::from_millis(1500)),
        ..Tokens::default()
    };
    assert_eq!(
        serde_json::to_string(&before).unwrap(),
        r#"{"ExpiresAt":"1969-12-31T23:59:58Z"}"#,
        "rounded down before the epoch too"
    );
    let far = UNIX_EPOCH + Duration::from_secs(400_000_000_000);
    assert!(serde_json::to_string(&Tokens {
        expires_at: Some(far),
        ..Tokens::default()
    })
    .is_err());
}

#[test]
fn debug_shows_no_secret() {
    let debug = format!("{:?}", full());
    for secret in [
        "id-token-value",
        "access-token-value",
        "refresh-token-value",
    ] {
        assert!(!debug.contains(secret), "{secret} leaked: {debug}");
    }
    assert!(
        debug.contains("alice") && debug.contains("[redacted]"),
        "{debug}"
    );
}

// Call sites: token accessors, the handle's attr_map, check_token, confirm_sign_up.

/// What [`answering`] saw: (operation, body) per call.
type Seen = Arc<Mutex<Vec<(String, Value)>>>;

/// A transport answering every call with `reply` and keeping (operation, body).
fn answering(reply: Value) -> (Seen, impl Transport) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let transport = move |req: HttpRequest| {
        let op = req
            .header("x-amz-target")
            .and_then(|t| t.rsplit('.').next())
            .unwrap_or_default()
            .to_owned();
        let body = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
        sink.lock().unwrap().push((op, body));
        Ok(HttpResponse::new(200, reply.to_string().into_bytes()))
    };
    (seen, transport)
}

/// An unsigned JWT with `claims` (read without verification only).
fn unsigned_jwt(claims: Value) -> String {
    use base64::Engine;
    let b64 = |v: &Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string().as_bytes())
    };
    format!("{}.{}.c2ln", b64(&json!({"alg": "none"})), b64(&claims))
}

#[test]
fn each_token_is_one_expression() {
    let cognito = bare()
        .id_token("the id token")
        .access_token("the access token")
        .build()
        .unwrap();
    assert_eq!(
        cognito.access_token().unwrap().expose_secret(),
        "the access token"
    );
    assert_eq!(cognito.id_token().unwrap().expose_secret(), "the id token");
    assert!(cognito.refresh_token().is_none());
    cognito.set_tokens(Tokens {
        refresh_token: Some("the refresh token".into()),
        ..Tokens::default()
    });
    assert_eq!(
        cognito.refresh_token().unwrap().expose_secret(),
        "the refresh token"
    );
    assert!(cognito.access_token().is_none() && cognito.id_token().is_none());
}

#[test]
fn stored_tokens_carry_the_username() {
    let access = unsigned_jwt(json!({"username": "cognito-name", "exp": 1_700_003_600}));
    let reply = json!({"AuthenticationResult": {
        "AccessToken": access, "IdToken": "id", "RefreshToken": "refresh",
        "ExpiresIn": 3600, "TokenType": "Bearer"}});
    let handle = |username: Option<&str>| {
        let (_, transport) = answering(reply.clone());
        let mut builder = bare()
            .client_id("client")
            .refresh_token("old refresh")
            .verify_renewed_tokens(false)
            .transport(transport)
            .clock(|| UNIX_EPOCH + Duration::from_secs(1_700_000_000));
        if let Some(name) = username {
            builder = builder.username(name);
        }
        builder.build().unwrap()
    };
    let alice = handle(Some("alice"));
    assert!(matches!(
        alice.authenticate_user_password("pw").unwrap(),
        crate::auth::AuthResult::Authenticated
    ));
    let tokens = alice.tokens();
    assert_eq!(tokens.username.as_deref(), Some("alice"), "the handle's");
    assert_eq!(tokens.expires_at, Some(at(1_700_003_600)));
    assert_eq!(
        serde_json::to_value(&tokens).unwrap(),
        json!({"IdToken": "id", "AccessToken": access, "RefreshToken": "refresh",
               "ExpiresIn": 3600, "TokenType": "Bearer",
               "ExpiresAt": "2023-11-14T23:13:20Z", "Username": "alice"})
    );
    let nameless = handle(None);
    nameless.renew_access_token().unwrap();
    assert_eq!(
        nameless.tokens().username.as_deref(),
        Some("cognito-name"),
        "else the access token's username claim"
    );
}

#[test]
fn check_token_renews_and_access_token_expired_only_looks() {
    let old = unsigned_jwt(json!({"exp": 1_700_000_000}));
    let new = unsigned_jwt(json!({"exp": 1_700_007_200}));
    let (seen, transport) = answering(json!({"AuthenticationResult": {
        "AccessToken": new, "ExpiresIn": 3600}}));
    let cognito = bare()
        .client_id("client")
        .access_token(old.as_str())
        .refresh_token("refresh")
        .verify_renewed_tokens(false)
        .transport(transport)
        .clock(|| UNIX_EPOCH + Duration::from_secs(1_700_003_600))
        .build()
        .unwrap();
    assert!(cognito.access_token_expired().unwrap());
    assert!(seen.lock().unwrap().is_empty(), "looking does not renew");
    assert!(cognito.check_token().unwrap(), "it had expired");
    assert_eq!(cognito.access_token().unwrap().expose_secret(), new);
    assert_eq!(seen.lock().unwrap().len(), 1, "one renewal");
    assert!(!cognito.check_token().unwrap(), "fresh now");
    assert!(!cognito.access_token_expired().unwrap());
    assert_eq!(seen.lock().unwrap().len(), 1, "no second renewal");
}

#[test]
fn confirm_sign_up_for_the_handle_or_a_named_user() {
    let (seen, transport) = answering(json!({}));
    let cognito = bare()
        .client_id("client")
        .transport(transport)
        .build()
        .unwrap();
    let err = cognito.confirm_sign_up("123456").unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err}");
    assert!(err.to_string().contains("confirm_sign_up_for"), "{err}");
    assert!(
        seen.lock().unwrap().is_empty(),
        "nothing sent without a username"
    );
    cognito.confirm_sign_up_for("bob", "654321").unwrap();
    cognito.set_username("alice");
    cognito.confirm_sign_up("123456").unwrap();
    cognito.resend_confirmation_code().unwrap();
    cognito.resend_confirmation_code_for("carol").unwrap();
    let seen = seen.lock().unwrap();
    let sent: Vec<(&str, &Value)> = seen
        .iter()
        .map(|(op, body)| (op.as_str(), &body["Username"]))
        .collect();
    assert_eq!(
        sent,
        [
            ("ConfirmSignUp", &json!("bob")),
            ("ConfirmSignUp", &json!("alice")),
            ("ResendConfirmationCode", &json!("alice")),
            ("ResendConfirmationCode", &json!("carol")),
        ]
    );
    assert_eq!(seen[1].1["ConfirmationCode"], "123456");
}

#[test]
fn register_renames_through_the_handle_attr_map() {
    let (seen, transport) = answering(json!({"UserConfirmed": false, "UserSub": "sub-1"}));
    let cognito = bare()
        .client_id("client")
        .attr_map(AttrMap::from([
            ("given_name", "first_name"),
            ("custom:team", "team"),
        ]))
        .transport(transport)
        .build()
        .unwrap();
    let reply = cognito
        .register(
            "alice",
            "Passw0rd!",
            &Attributes::from([
                ("first_name", "Alice"),
                ("team", "blue"),
                ("email", "alice@example.com"),
            ]),
        )
        .unwrap();
    assert_eq!(reply.user_sub, "sub-1");
    assert_eq!(
        cognito.username(),
        None,
        "register leaves the handle's username"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].0, "SignUp");
    assert_eq!(
        seen[0].1["UserAttributes"],
        json!([{"Name": "email", "Value": "alice@example.com"},
               {"Name": "given_name", "Value": "Alice"},
               {"Name": "custom:team", "Value": "blue"}]),
        "local names renamed back, in the order of the local names"
    );
}

#[test]
fn reads_and_writes_use_the_handle_attr_map() {
    let (seen, transport) = answering(json!({
        "Username": "alice",
        "UserAttributes": [
            {"Name": "sub", "Value": "sub-1"},
            {"Name": "given_name", "Value": "Alice"},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "custom:vip", "Value": "false"},
        ],
    }));
    let cognito = bare()
        .client_id("client")
        .access_token("token")
        .attr_map(AttrMap::from([("given_name", "first_name")]))
        .transport(transport)
        .build()
        .unwrap();
    let mut user = cognito.get_user().unwrap();
    assert_eq!(user.sub.as_deref(), Some("sub-1"));
    assert_eq!(user.email_verified, Some(true), "lifted");
    assert_eq!(user.attributes.get("first_name"), Some("Alice"), "renamed");
    assert_eq!(
        user.attributes.get("custom:vip"),
        Some("false"),
        "a custom \"false\" stays a string"
    );
    assert_eq!(user.attributes.get_bool("custom:vip"), Some(false));
    user.attributes.insert("first_name", "Alicia");
    user.save(false).unwrap();
    cognito
        .update_profile(&Attributes::new().with("first_name", "Al"))
        .unwrap();
    let seen = seen.lock().unwrap();
    let sent = &seen[1].1["UserAttributes"];
    assert!(
        sent.as_array()
            .unwrap()
            .contains(&json!({"Name": "given_name", "Value": "Alicia"})),
        "save renames back: {sent}"
    );
    assert!(
        sent.as_array()
            .unwrap()
            .contains(&json!({"Name": "custom:vip", "Value": "false"})),
        "the string goes back unchanged: {sent}"
    );
    assert_eq!(
        seen[2].1["UserAttributes"],
        json!([{"Name": "given_name", "Value": "Al"}])
    );
}
