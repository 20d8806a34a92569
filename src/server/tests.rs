//! Unit tests of the server module's pure parts: the attribute mapping both
//! ways, the settings read from the environment, `Debug` redaction, the
//! header helpers and the error messages.

use std::collections::BTreeMap;

use super::*;
use crate::client::Tokens;
use crate::types::AttributeType;

fn attr(name: &str, value: &str) -> AttributeType {
    AttributeType {
        name: name.to_owned(),
        value: Some(value.to_owned()),
    }
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn the_default_mapping_is_warrants() {
    let config = BackendConfig::new("us-east-1_AbC123xyz", "client");
    assert_eq!(
        config.attr_mapping,
        map(&[
            ("email", "email"),
            ("given_name", "first_name"),
            ("family_name", "last_name"),
        ])
    );
    assert!(config.create_unknown_users);
    assert!(config.client_secret.is_none() && config.credentials.is_none());
}

#[test]
fn the_mapping_works_both_ways_with_custom_attributes() {
    let mut config = BackendConfig::new("us-east-1_AbC123xyz", "client");
    config
        .attr_mapping
        .insert("custom:team".into(), "team".into());
    let cognito = [
        attr("sub", "uuid"),
        attr("email", "a@example.com"),
        attr("given_name", "Alice"),
        attr("custom:team", "blue"),
        attr("custom:other", "unmapped"),
    ];
    let local = config.to_local(&cognito);
    assert_eq!(
        local,
        map(&[
            ("email", "a@example.com"),
            ("first_name", "Alice"),
            ("team", "blue"),
        ])
    );
    let mut back = config.to_cognito(&local);
    back.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(
        back,
        [
            attr("custom:team", "blue"),
            attr("email", "a@example.com"),
            attr("given_name", "Alice"),
        ]
    );
    // An unmapped local field is not sent.
    let extra = map(&[("nickname", "al"), ("last_name", "Example")]);
    assert_eq!(config.to_cognito(&extra), [attr("family_name", "Example")]);
    // The handle's AttrMap renames the same way.
    let renamed = crate::client::attributes::Attributes::from_cognito(&cognito, &config.attr_map());
    assert_eq!(renamed.get("team"), Some("blue"));
    assert_eq!(renamed.get("first_name"), Some("Alice"));
}

fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    }
}

#[test]
fn settings_come_from_warrants_names() {
    let config = BackendConfig::from_lookup(env(&[
        ("COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz"),
        ("COGNITO_APP_ID", "client"),
    ]))
    .unwrap();
    assert_eq!(config.user_pool_id, "us-east-1_AbC123xyz");
    assert_eq!(config.client_id, "client");
    assert_eq!(config.attr_mapping.len(), 3, "the default mapping");
    assert!(config.create_unknown_users);

    let config = BackendConfig::from_lookup(env(&[
        ("COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz"),
        ("COGNITO_APP_ID", "client"),
        (
            "COGNITO_ATTR_MAPPING",
            r#"{"email": "mail", "custom:team": "team"}"#,
        ),
        ("COGNITO_CREATE_UNKNOWN_USERS", "0"),
    ]))
    .unwrap();
    assert_eq!(
        config.attr_mapping,
        map(&[("email", "mail"), ("custom:team", "team")])
    );
    assert!(!config.create_unknown_users);

    for (flag, want) in [
        ("TRUE", true),
        ("1", true),
        (" false ", false),
        ("False", false),
    ] {
        let lookup = move |name: &str| match name {
            "COGNITO_USER_POOL_ID" => Some("us-east-1_AbC123xyz".to_owned()),
            "COGNITO_APP_ID" => Some("client".to_owned()),
            "COGNITO_CREATE_UNKNOWN_USERS" => Some(flag.to_owned()),
            _ => None,
        };
        assert_eq!(
            BackendConfig::from_lookup(lookup)
                .unwrap()
                .create_unknown_users,
            want,
            "{flag}"
        );
    }
}

#[test]
fn bad_settings_are_config_errors_naming_the_setting() {
    let cases: [(&[(&str, &str)], &str); 5] = [
        (
            &[("COGNITO_APP_ID", "client")],
            "COGNITO_USER_POOL_ID is not set",
        ),
        (
            &[
                ("COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz"),
                ("COGNITO_APP_ID", " "),
            ],
            "COGNITO_APP_ID is not set",
        ),
        (
            &[
                ("COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz"),
                ("COGNITO_APP_ID", "client"),
                ("COGNITO_ATTR_MAPPING", "{'email': 'email'}"),
            ],
            "COGNITO_ATTR_MAPPING is not a JSON object of strings",
        ),
        (
            &[
                ("COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz"),
                ("COGNITO_APP_ID", "client"),
                ("COGNITO_ATTR_MAPPING", r#"{"email": 1}"#),
            ],
            "COGNITO_ATTR_MAPPING is not a JSON object of strings",
        ),
        (
            &[
                ("COGNITO_USER_POOL_ID", "us-east-1_AbC123xyz"),
                ("COGNITO_APP_ID", "client"),
                ("COGNITO_CREATE_UNKNOWN_USERS", "yes"),
            ],
            "COGNITO_CREATE_UNKNOWN_USERS is not true or false",
        ),
    ];
    for (pairs, message) in cases {
        let lookup = |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        };
        let err = BackendConfig::from_lookup(lookup).unwrap_err();
        assert!(matches!(err, crate::Error::Config(_)), "{message}: {err:?}");
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn debug_redacts_the_session_and_the_tokens() {
    let json = r#"{"ChallengeName":"SMS_MFA","ChallengeParameters":{"CODE_DELIVERY_DESTINATION":"+*******1234"},
        "Session":"session-secret","Username":"alice","Admin":true}"#;
    let pending: PendingSignIn = serde_json::from_str(json).unwrap();
    assert_eq!(
        format!("{pending:?}"),
        r#"PendingSignIn { challenge_name: "SMS_MFA", challenge_parameters: ChallengeParameters({"CODE_DELIVERY_DESTINATION": String("+*******1234")}), session: Some([redacted]), username: "alice", admin: true, device_key: None, available_challenges: [] }"#
    );
    assert!(pending.is_admin());
    let written = serde_json::to_string(&pending).unwrap();
    assert!(
        written.contains(r#""Session":"session-secret""#),
        "{written}"
    );
    assert_eq!(
        serde_json::from_str::<PendingSignIn>(&written).unwrap(),
        pending
    );

    let state = SessionState::new(
        "alice",
        Tokens {
            access_token: Some("access-secret".into()),
            refresh_token: Some("refresh-secret".into()),
            ..Tokens::default()
        },
    );
    let debug = format!("{state:?}");
    assert!(!debug.contains("secret"), "{debug}");
}

#[test]
fn header_helpers() {
    let headers = [
        ("X-One", "1"),
        ("authorization", "Bearer t"),
        ("Authorization", "Bearer u"),
    ];
    assert_eq!(
        header(headers, "AUTHORIZATION").as_deref(),
        Some("Bearer t"),
        "the first"
    );
    assert_eq!(header(headers, "X-Two"), None);
    assert_eq!(bearer_token("  BEARER   tok  "), Some("tok"));
    assert_eq!(bearer_token("Bearer"), None);
    assert_eq!(bearer_token("Bearertok"), None);
    assert_eq!(bearer_token("Token tok"), None);
    assert_eq!(API_KEY_HEADER, "Authorization-ID");
}

#[test]
fn error_messages_say_only_their_own_layer() {
    assert_eq!(BearerError::Missing.to_string(), "no authorization header");
    assert_eq!(
        BearerError::NotBearer.to_string(),
        "the authorization header is not a bearer token"
    );
    let err: BackendError<std::fmt::Error> =
        BackendError::Cognito(crate::error::ConfigError::new("boom").into());
    assert_eq!(err.to_string(), "cognito sign-in failed");
    let source = std::error::Error::source(&err).map(ToString::to_string);
    assert_eq!(source.as_deref(), Some("boom"));
}

#[test]
fn a_session_is_taken_from_a_signed_in_handle_only() {
    let build = |b: crate::CognitoBuilder| {
        b.user_pool_id("us-east-1_AbC123xyz")
            .client_id("client")
            .environment(|_| None)
            .build()
            .unwrap()
    };
    let none = build(crate::Cognito::builder().username("bob"));
    assert_eq!(SessionState::from_handle(&none), None, "no access token");
    let nameless = build(crate::Cognito::builder().access_token("a.b.c"));
    assert_eq!(SessionState::from_handle(&nameless), None, "no username");
    let bob = build(
        crate::Cognito::builder()
            .username("bob")
            .access_token("a.b.c"),
    );
    let session = SessionState::from_handle(&bob).unwrap();
    assert_eq!(session.username, "bob");
    assert_eq!(
        session
            .tokens
            .access_token
            .as_ref()
            .map(|t| t.expose_secret()),
        Some("a.b.c")
    );
}
