use serde_json::json;

use super::*;

/// The generated tables, derived again from the committed model in Rust:
/// the table cannot drift from the model unnoticed.
#[test]
fn tables_match_the_model() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/model/cognito-idp.json"
    ))
    .unwrap();
    let model: Value = serde_json::from_str(&text).unwrap();
    let structures = &model["structures"];
    fn required(
        model: &Value,
        shape: &str,
        path: &[String],
        seen: &[String],
        out: &mut Vec<String>,
    ) {
        let step = |next: &str, segment: &str, out: &mut Vec<String>| {
            if !seen.iter().any(|s| s == next) {
                let mut p = path.to_vec();
                p.push(segment.to_owned());
                let mut s = seen.to_vec();
                s.push(next.to_owned());
                required(model, next, &p, &s, out);
            }
        };
        if let Some(structure) = model["structures"].get(shape) {
            for member in structure["required"].as_array().unwrap() {
                let mut p = path.to_vec();
                p.push(member.as_str().unwrap().to_owned());
                out.push(p.join("."));
            }
            // serde_json's map is sorted by key, as the generator sorts members.
            for (member, r) in structure["members"].as_object().unwrap() {
                step(r["shape"].as_str().unwrap(), member, out);
            }
        } else if let Some(list) = model["lists"].get(shape) {
            step(list["member"].as_str().unwrap(), "[]", out);
        } else if let Some(map) = model["maps"].get(shape) {
            step(map["value"].as_str().unwrap(), "{}", out);
        }
    }
    let checked = |shape: &str| match shape {
        "UsernameType" => Some(Input::Username),
        "PasswordType" => Some(Input::Password),
        "ConfirmationCodeType" => Some(Input::ConfirmationCode),
        "SoftwareTokenMFAUserCodeType" => Some(Input::TotpCode),
        "UserPoolIdType" => Some(Input::UserPoolId),
        "ClientIdType" => Some(Input::ClientId),
        _ => None,
    };
    let mut want_required = Vec::new();
    let mut want_inputs = Vec::new();
    for (name, op) in model["operations"].as_object().unwrap() {
        if let Some(output) = op["output"].as_str() {
            let mut out = Vec::new();
            required(&model, output, &[], &[output.to_owned()], &mut out);
            if !out.is_empty() {
                want_required.push((name.clone(), out));
            }
        }
        if let Some(input) = op["input"].as_str() {
            let members: Vec<(String, Input)> = structures[input]["members"]
                .as_object()
                .unwrap()
                .iter()
                .filter_map(|(m, r)| checked(r["shape"].as_str()?).map(|i| (m.clone(), i)))
                .collect();
            if !members.is_empty() {
                want_inputs.push((name.clone(), members));
            }
        }
    }
    let have_required: Vec<(String, Vec<String>)> = REQUIRED_REPLY_MEMBERS
        .iter()
        .map(|(op, paths)| {
            (
                op.to_string(),
                paths.iter().map(|p| p.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(have_required, want_required, "run scripts/gen/checks");
    let have_inputs: Vec<(String, Vec<(String, Input)>)> = CHECKED_INPUTS
        .iter()
        .map(|(op, m)| {
            (
                op.to_string(),
                m.iter().map(|(n, i)| (n.to_string(), *i)).collect(),
            )
        })
        .collect();
    assert_eq!(have_inputs, want_inputs, "run scripts/gen/checks");
    assert!(
        REQUIRED_REPLY_MEMBERS.windows(2).all(|w| w[0].0 < w[1].0),
        "sorted"
    );
    assert!(CHECKED_INPUTS.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
}

fn reply_error(operation: &str, reply: Value) -> Option<String> {
    check_reply(operation, &reply).err().map(|e| e.to_string())
}

#[test]
fn replies_without_required_members_are_refused() {
    assert_eq!(
        reply_error("GetUser", json!({})).as_deref(),
        Some("the GetUser reply has no UserAttributes, Username")
    );
    assert_eq!(
        reply_error("GetUser", json!({"Username": null, "UserAttributes": []})).as_deref(),
        Some("the GetUser reply has no Username"),
        "null is missing"
    );
    assert_eq!(
        reply_error(
            "ListUsers",
            json!({"Users": [{"Attributes": [{"Name": "sub", "Value": "1"}]}, {"Attributes": [{"Value": "x"}]}]})
        )
        .as_deref(),
        Some("the ListUsers reply has no Users[1].Attributes[0].Name"),
        "nested, with indexes"
    );
    assert_eq!(
        reply_error("GetUser", json!({"Username": "a", "UserAttributes": []})),
        None
    );
    assert_eq!(
        reply_error("ListUsers", json!({})),
        None,
        "a nested member only when its parent is there"
    );
    assert_eq!(
        reply_error("ConfirmSignUp", json!({})),
        None,
        "nothing required"
    );
    assert_eq!(reply_error("NoSuchOperation", json!({})), None);
    assert!(matches!(
        check_reply("SignUp", &json!({"UserSub": "s"})),
        Err(Error::Protocol(ProtocolError::MissingField { .. }))
    ));
}

fn request_error(operation: &str, body: Value) -> Option<String> {
    check_request(operation, &body).err().map(|e| e.to_string())
}

#[test]
fn requests_beyond_the_model_limits_are_refused() {
    let huge = "p".repeat(10 * 1024 * 1024);
    let err = request_error(
        "SignUp",
        json!({"ClientId": "c", "Username": "alice", "Password": huge}),
    )
    .unwrap();
    assert_eq!(
        err,
        "invalid argument: SignUp Password must be at most 256 characters long (the API model's limit)"
    );
    let cases = [
        ("SignUp", json!({"Username": "alice smith"}), Some("SignUp Username must not contain whitespace or control characters")),
        ("SignUp", json!({"Username": ""}), Some("SignUp Username must be 1 to 128 characters long")),
        ("SignUp", json!({"Username": "u".repeat(129)}), Some("SignUp Username must be 1 to 128 characters long")),
        ("SignUp", json!({"Username": "é".repeat(128)}), None),
        ("SignUp", json!({"Username": "alice@example.com", "Password": "inner space ok 1!"}), None),
        ("SignUp", json!({"Password": "p".repeat(256)}), None),
        ("ConfirmSignUp", json!({"ConfirmationCode": "123 456"}), Some("ConfirmSignUp ConfirmationCode must not contain whitespace")),
        ("ConfirmSignUp", json!({"ConfirmationCode": ""}), Some("ConfirmSignUp ConfirmationCode must be 1 to 2048 characters long")),
        ("VerifySoftwareToken", json!({"UserCode": "12345a"}), Some("VerifySoftwareToken UserCode must be digits")),
        ("VerifySoftwareToken", json!({"UserCode": "1234567"}), Some("VerifySoftwareToken UserCode must be 6 characters long")),
        ("AdminGetUser", json!({"UserPoolId": "us-east-1", "Username": "a"}), Some("AdminGetUser UserPoolId must look like region_Id (letters, digits, '-' and '_')")),
        ("AdminGetUser", json!({"UserPoolId": "local_4YzBvdOp", "Username": "a"}), None),
        ("AdminGetUser", json!({"UserPoolId": "us-east-1_AbC123xyz", "Username": "a"}), None),
        ("InitiateAuth", json!({"ClientId": "client id"}), Some("InitiateAuth ClientId must not contain whitespace or control characters")),
        ("InitiateAuth", json!({"ClientId": "1example23456789", "AuthParameters": {"USERNAME": "a", "PASSWORD": "x".repeat(257)}}), Some("InitiateAuth AuthParameters.PASSWORD must be at most 256 characters long")),
        ("RespondToAuthChallenge", json!({"ClientId": "c", "ChallengeResponses": {"USERNAME": "a b"}}), Some("RespondToAuthChallenge ChallengeResponses.USERNAME must not contain whitespace or control characters")),
        ("RespondToAuthChallenge", json!({"ClientId": "c", "ChallengeResponses": {"USERNAME": "a", "NEW_PASSWORD": "n".repeat(300)}}), Some("RespondToAuthChallenge ChallengeResponses.NEW_PASSWORD must be at most 256 characters long")),
        ("GetUser", json!({"AccessToken": "t"}), None),
    ];
    for (operation, body, want) in cases {
        let got = request_error(operation, body.clone());
        let want = want.map(|w| format!("invalid argument: {w} (the API model's limit)"));
        assert_eq!(got, want, "{operation} {body}");
    }
}

#[test]
fn request_errors_never_hold_the_value() {
    let secret = "hunter2 hunter2";
    for body in [
        json!({"Username": secret}),
        json!({"ConfirmationCode": secret}),
    ] {
        let op = if body.get("Username").is_some() {
            "SignUp"
        } else {
            "ConfirmSignUp"
        };
        let err = request_error(op, body).unwrap();
        assert!(!err.contains("hunter2"), "{err}");
    }
}
