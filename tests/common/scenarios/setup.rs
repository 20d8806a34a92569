//! Live-only set-up: pools, clients and users made through a separate handle that records
//! nothing, so fixtures hold only what a scenario exercises.

use cognito::credentials::AwsCredentials;
use cognito::Cognito;
use serde_json::{json, Value};

use crate::common::rig::{Context, PASSWORD};

/// What a scenario's set-up hands to its run: the context saved with the fixture, and the
/// secret client's secret (kept out of the fixture).
#[allow(dead_code)] // `client_secret` is read by the live target only
pub(crate) struct Prepared {
    /// Pool and client ids, usernames.
    pub context: Context,
    /// The secret client's secret, when the scenario made one.
    pub client_secret: Option<String>,
}

/// An administrator handle on moto, outside any recording.
pub(crate) struct Setup {
    admin: Cognito,
}

/// The auth flows every client allows (moto does not enforce them; real Cognito would).
const FLOWS: [&str; 4] = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
];

#[allow(dead_code)] // set-up runs live only; the offline target replays what it made
impl Setup {
    /// A set-up handle on the moto at `endpoint`.
    pub(crate) fn new(endpoint: &str) -> Self {
        let admin = Cognito::builder()
            .region("us-east-1")
            .endpoint(endpoint)
            .environment(|_| None)
            .credentials(AwsCredentials::new("testing", "testing", None))
            .build()
            .expect("the set-up handle builds");
        Setup { admin }
    }

    /// Calls `operation`, panicking with its name on failure.
    pub(crate) fn call(&self, operation: &str, input: Value) -> Value {
        self.admin
            .call(operation, &input)
            .unwrap_or_else(|e| panic!("set-up {operation} failed: {e}"))
    }

    /// A pool with a public client and, when `secret`, a client with a secret; `extra` is merged
    /// into CreateUserPool (a schema, username attributes…). The pool always declares the
    /// custom attribute `team`.
    pub(crate) fn pool(&self, name: &str, secret: bool, extra: Value) -> Prepared {
        let mut input = json!({
            "PoolName": name,
            "Schema": [{"Name": "team", "AttributeDataType": "String", "Mutable": true}],
        });
        if let (Some(into), Value::Object(from)) = (input.as_object_mut(), extra) {
            into.extend(from);
        }
        let pool = self.call("CreateUserPool", input);
        let pool_id = text(&pool, "/UserPool/Id");
        let mut context = Context::new();
        context.insert("user_pool_id".into(), pool_id.clone());
        context.insert("client_id".into(), self.client(&pool_id, false).0);
        let mut client_secret = None;
        if secret {
            let (id, secret) = self.client(&pool_id, true);
            context.insert("secret_client_id".into(), id);
            client_secret = secret;
        }
        Prepared {
            context,
            client_secret,
        }
    }

    fn client(&self, pool_id: &str, secret: bool) -> (String, Option<String>) {
        let reply = self.call(
            "CreateUserPoolClient",
            json!({
                "UserPoolId": pool_id,
                "ClientName": if secret { "confidential" } else { "public" },
                "GenerateSecret": secret,
                "ExplicitAuthFlows": FLOWS,
            }),
        );
        let secret = reply
            .pointer("/UserPoolClient/ClientSecret")
            .and_then(Value::as_str)
            .map(str::to_owned);
        (text(&reply, "/UserPoolClient/ClientId"), secret)
    }

    /// A confirmed user with [`PASSWORD`] and the given attributes.
    pub(crate) fn user(&self, pool_id: &str, username: &str, attributes: &[(&str, &str)]) {
        self.created(pool_id, username, attributes);
        self.call(
            "AdminSetUserPassword",
            json!({"UserPoolId": pool_id, "Username": username, "Password": PASSWORD, "Permanent": true}),
        );
    }

    /// A user as AdminCreateUser leaves them (FORCE_CHANGE_PASSWORD, no password on moto).
    pub(crate) fn created(&self, pool_id: &str, username: &str, attributes: &[(&str, &str)]) {
        let attributes: Vec<Value> = attributes
            .iter()
            .map(|(name, value)| json!({"Name": name, "Value": value}))
            .collect();
        self.call(
            "AdminCreateUser",
            json!({"UserPoolId": pool_id, "Username": username, "UserAttributes": attributes,
                   "MessageAction": "SUPPRESS"}),
        );
    }

    /// A user who signed up and is not confirmed.
    pub(crate) fn unconfirmed(&self, client_id: &str, username: &str) {
        self.call(
            "SignUp",
            json!({"ClientId": client_id, "Username": username, "Password": PASSWORD,
                   "UserAttributes": [{"Name": "email", "Value": format!("{username}@example.com")}]}),
        );
    }

    /// A group.
    pub(crate) fn group(&self, pool_id: &str, group_name: &str) {
        self.call(
            "CreateGroup",
            json!({"UserPoolId": pool_id, "GroupName": group_name}),
        );
    }

    /// Puts a user in a group.
    pub(crate) fn add_to_group(&self, pool_id: &str, username: &str, group_name: &str) {
        self.call(
            "AdminAddUserToGroup",
            json!({"UserPoolId": pool_id, "Username": username, "GroupName": group_name}),
        );
    }
}

fn text(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("set-up reply has no string at {pointer}: {value}"))
        .to_owned()
}

/// Adds `username` (and more `key`/value pairs) to a prepared context.
pub(crate) fn with(mut prepared: Prepared, pairs: &[(&str, &str)]) -> Prepared {
    for (key, value) in pairs {
        prepared
            .context
            .insert((*key).to_owned(), (*value).to_owned());
    }
    prepared
}
