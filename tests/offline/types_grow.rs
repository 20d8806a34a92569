//! The model types can grow: every struct in `cognito::types` is
//! `#[non_exhaustive]` with a `Default`, and every request has a `new` taking
//! the model's required members. Callers outside the crate build values with
//! `new`/`default()` and assign fields, never with struct literals, so a member
//! AWS adds to the model is not a breaking change.

use std::fs;
use std::path::{Path, PathBuf};

use cognito::types::{
    AdminCreateUserRequest, AdminGetUserRequest, AdminInitiateAuthRequest, AttributeType,
    AuthFlowType, ChallengeNameType, ContextDataType, DeleteUserAttributesRequest,
    DeliveryMediumType, HttpHeader, InitiateAuthRequest, ListUsersRequest, Operation,
    RespondToAuthChallengeRequest, UpdateUserAttributesRequest, UserType,
};
use serde_json::json;

fn wire<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn requests_in_one_expression() {
    assert_eq!(
        wire(&AdminGetUserRequest::new("us-east-1_X", "alice")),
        json!({"UserPoolId": "us-east-1_X", "Username": "alice"}),
        "AdminGetUser: both required members"
    );
    assert_eq!(
        wire(&ListUsersRequest::new(String::from("us-east-1_X"))),
        json!({"UserPoolId": "us-east-1_X"}),
        "ListUsers: optional members absent, not null"
    );
    assert_eq!(
        wire(&DeleteUserAttributesRequest::new(
            ["email", "custom:team"],
            "access-token"
        )),
        json!({"UserAttributeNames": ["email", "custom:team"], "AccessToken": "access-token"}),
        "DeleteUserAttributes: a list of names and a secret"
    );
    assert_eq!(
        wire(&UpdateUserAttributesRequest::new(
            vec![AttributeType::new("email", "a@example.com")],
            String::from("access-token")
        )),
        json!({"UserAttributes": [{"Name": "email", "Value": "a@example.com"}],
               "AccessToken": "access-token"}),
        "UpdateUserAttributes: a list of attributes"
    );
    assert_eq!(
        wire(&RespondToAuthChallengeRequest::new(
            "client",
            ChallengeNameType::SmsMfa
        )),
        json!({"ClientId": "client", "ChallengeName": "SMS_MFA"}),
        "RespondToAuthChallenge"
    );
    assert_eq!(
        AdminCreateUserRequest::NAME,
        "AdminCreateUser",
        "still an Operation"
    );
}

#[test]
fn optional_members_by_assignment() {
    let mut create = AdminCreateUserRequest::new("us-east-1_X", "bob");
    create.temporary_password = Some("Temp0rary!".into());
    create.desired_delivery_mediums = Some(vec![DeliveryMediumType::Email]);
    assert_eq!(
        wire(&create),
        json!({"UserPoolId": "us-east-1_X", "Username": "bob",
               "TemporaryPassword": "Temp0rary!", "DesiredDeliveryMediums": ["EMAIL"]}),
        "assigned members are sent"
    );
    assert!(
        !format!("{create:?}").contains("Temp0rary!"),
        "the password stays redacted"
    );

    let mut admin =
        AdminInitiateAuthRequest::new("us-east-1_X", "client", AuthFlowType::AdminUserPasswordAuth);
    admin.context_data = Some(ContextDataType::new(
        "192.0.2.1",
        "app.example.com",
        "/login",
        [HttpHeader::new("User-Agent", "test")],
    ));
    assert_eq!(
        wire(&admin)["ContextData"],
        json!({"IpAddress": "192.0.2.1", "ServerName": "app.example.com",
               "ServerPath": "/login",
               "HttpHeaders": [{"headerName": "User-Agent", "headerValue": "test"}]}),
        "nested shapes built with their own new"
    );
}

#[test]
fn default_then_assign_from_another_crate() {
    // The form the module docs promise: `default()`, then public fields.
    let mut get = AdminGetUserRequest::default();
    get.user_pool_id = "us-east-1_X".into();
    get.username = "bob".into();
    assert_eq!(
        get,
        AdminGetUserRequest::new("us-east-1_X", "bob"),
        "same as new"
    );

    let mut user = UserType::default();
    assert_eq!(user.username, None, "a response shape defaults to empty");
    user.username = Some("bob".into());
    assert_eq!(user.username.as_deref(), Some("bob"), "fields stay public");

    assert_eq!(
        InitiateAuthRequest::default().auth_flow,
        AuthFlowType::UserSrpAuth,
        "AuthFlowType defaults to USER_SRP_AUTH"
    );
    assert_eq!(
        ChallengeNameType::default(),
        ChallengeNameType::PasswordVerifier,
        "ChallengeNameType defaults to PASSWORD_VERIFIER"
    );
}

// ---- the convention, checked over the source of src/types ----

fn types_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/types")
}

/// Each `.rs` file of `src/types`, with its name and text.
fn type_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(types_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The name of the type declared on `line` after `keyword` (`pub struct`,
/// `pub enum`), if any.
fn declared<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(keyword)?.strip_prefix(' ')?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The doc comments and attributes right above line `at`: the lines up to
/// the previous blank line.
fn attributes_above(lines: &[&str], at: usize) -> String {
    let start = lines[..at]
        .iter()
        .rposition(|l| l.trim().is_empty())
        .map_or(0, |blank| blank + 1);
    lines[start..at].join("\n")
}

fn derives_default(attributes: &str) -> bool {
    attributes.split("#[derive(").skip(1).any(|rest| {
        let list = &rest[..rest.find(")]").unwrap_or(rest.len())];
        list.split(',').any(|d| d.trim() == "Default")
    })
}

/// The body of `impl Name {` in `text`, up to its closing brace at column 0.
fn inherent_impl<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let start = text.find(&format!("\nimpl {name} {{\n"))?;
    let body = &text[start + 1..];
    Some(&body[..body.find("\n}\n")?])
}

#[test]
fn every_type_struct_is_non_exhaustive_with_default_and_requests_have_new() {
    let mut structs = 0;
    let mut requests = 0;
    let mut problems = Vec::new();
    for (file, text) in type_files() {
        let lines: Vec<&str> = text.lines().collect();
        for (at, line) in lines.iter().enumerate() {
            if let Some(name) = declared(line, "pub enum") {
                problems.push(format!(
                    "{file}: pub enum {name} outside model_enum! (declare it with the macro, which makes it #[non_exhaustive])"
                ));
            }
            let Some(name) = declared(line, "pub struct") else {
                continue;
            };
            structs += 1;
            let attributes = attributes_above(&lines, at);
            if !attributes.lines().any(|l| l.trim() == "#[non_exhaustive]") {
                problems.push(format!("{file}: {name} is not #[non_exhaustive]"));
            }
            if !derives_default(&attributes) && !text.contains(&format!("impl Default for {name} "))
            {
                problems.push(format!("{file}: {name} has no Default"));
            }
            if name.ends_with("Request") {
                requests += 1;
                if !inherent_impl(&text, name).is_some_and(|body| body.contains("    pub fn new("))
                {
                    problems.push(format!("{file}: {name} has no new(required members…)"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "convention broken:\n{}",
        problems.join("\n")
    );
    // Guards against a scan that silently finds nothing.
    assert!(structs >= 100, "only {structs} structs found in src/types");
    assert!(
        requests >= 45,
        "only {requests} requests found in src/types"
    );
}

#[test]
fn model_enums_are_non_exhaustive() {
    let macros = fs::read_to_string(types_dir().join("macros.rs")).unwrap();
    assert!(
        macros.contains("#[non_exhaustive]\n        pub enum $name"),
        "model_enum! declares #[non_exhaustive] enums"
    );
}

#[test]
fn the_scan_sees_what_it_checks() {
    // The helpers above on small inputs, so a broken helper cannot pass the
    // convention test vacuously.
    let good = "\n/// Doc.\n#[derive(Clone, Default)]\n#[non_exhaustive]\npub struct A {\n}";
    let lines: Vec<&str> = good.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("pub struct"))
        .unwrap();
    assert_eq!(declared(lines[at], "pub struct"), Some("A"), "name");
    let attributes = attributes_above(&lines, at);
    assert!(attributes.contains("#[non_exhaustive]"), "attributes found");
    assert!(derives_default(&attributes), "Default found");
    assert!(
        !derives_default("#[derive(Clone, DefaultLike)]"),
        "whole names only"
    );
    let bad = "\n#[derive(Clone)]\npub struct B;\n\n#[non_exhaustive]\nconst C: u8 = 0;";
    let lines: Vec<&str> = bad.lines().collect();
    assert!(
        !attributes_above(&lines, 2).contains("#[non_exhaustive]"),
        "an attribute after a blank line belongs to something else"
    );
    let text = "\nimpl R {\n    /// Doc.\n    pub fn new(a: u8) -> Self {\n    }\n}\n";
    assert!(
        inherent_impl(text, "R").is_some_and(|b| b.contains("    pub fn new(")),
        "new found"
    );
    assert!(
        inherent_impl(text, "S").is_none(),
        "other types not matched"
    );
}
