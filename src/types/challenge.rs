//! `ChallengeParameters`: the parameters of a challenge, read leniently.
//!
//! The model types them `map<string,string>`, and real Cognito and
//! cognito-local send list- and object-valued parameters (`MFAS_CAN_CHOOSE`,
//! `MFAS_CAN_SETUP`, `requiredAttributes`, `userAttributes`,
//! `CREDENTIAL_REQUEST_OPTIONS`) as strings holding JSON. moto sends some of
//! them as native JSON arrays. Values are therefore kept as JSON values, and
//! [`ChallengeParameters::get_json`] reads either form.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `ChallengeParametersType`: a challenge's parameters, each a JSON value
/// (normally a string).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
#[non_exhaustive]
pub struct ChallengeParameters(pub BTreeMap<String, Value>);

impl ChallengeParameters {
    /// The value of `key` when it is a JSON string (`SRP_B`, `SALT`, `USERNAME`…).
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    /// The raw JSON value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// The value of `key` as parsed JSON: a string is parsed as JSON text
    /// (real Cognito, cognito-local), any other value is returned as is (moto).
    /// `Ok(None)` when the key is absent.
    ///
    /// # Errors
    /// When the value is a string that is not valid JSON.
    pub fn get_json(&self, key: &str) -> Result<Option<Value>, serde_json::Error> {
        match self.0.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => serde_json::from_str(text).map(Some),
            Some(other) => Ok(Some(other.clone())),
        }
    }

    /// The value of `key` parsed as in [`get_json`](Self::get_json), then
    /// converted to `T`, e.g. `Vec<String>` for `MFAS_CAN_CHOOSE`.
    ///
    /// # Errors
    /// When the value is a string that is not valid JSON, or the JSON does not
    /// fit `T`.
    pub fn get_json_as<T: DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, serde_json::Error> {
        match self.get_json(key)? {
            None => Ok(None),
            Some(value) => serde_json::from_value(value).map(Some),
        }
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// The parameter names, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<BTreeMap<String, Value>> for ChallengeParameters {
    fn from(map: BTreeMap<String, Value>) -> Self {
        Self(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn string_encoded_json_as_cognito_sends_it() {
        let p: ChallengeParameters = serde_json::from_str(
            r#"{"MFAS_CAN_CHOOSE":"[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]",
                "userAttributes":"{\"email\":\"a@example.com\"}",
                "USER_ID_FOR_SRP":"alice"}"#,
        )
        .unwrap();
        assert_eq!(
            p.get_json("MFAS_CAN_CHOOSE").unwrap(),
            Some(json!(["SMS_MFA", "SOFTWARE_TOKEN_MFA"])),
            "array from a JSON string"
        );
        assert_eq!(
            p.get_json_as::<Vec<String>>("MFAS_CAN_CHOOSE").unwrap(),
            Some(vec!["SMS_MFA".to_owned(), "SOFTWARE_TOKEN_MFA".to_owned()]),
            "typed list from a JSON string"
        );
        assert_eq!(
            p.get_json("userAttributes").unwrap(),
            Some(json!({"email": "a@example.com"})),
            "object from a JSON string"
        );
        assert_eq!(p.get_str("USER_ID_FOR_SRP"), Some("alice"), "plain string");
    }

    #[test]
    fn native_json_as_moto_sends_it() {
        let p: ChallengeParameters = serde_json::from_str(
            r#"{"MFAS_CAN_SETUP":["SOFTWARE_TOKEN_MFA"],"requiredAttributes":[]}"#,
        )
        .unwrap();
        assert_eq!(
            p.get_json_as::<Vec<String>>("MFAS_CAN_SETUP").unwrap(),
            Some(vec!["SOFTWARE_TOKEN_MFA".to_owned()]),
            "native array"
        );
        assert_eq!(
            p.get_json("requiredAttributes").unwrap(),
            Some(json!([])),
            "native empty array"
        );
        assert_eq!(
            p.get_str("MFAS_CAN_SETUP"),
            None,
            "get_str only for strings"
        );
    }

    #[test]
    fn absent_and_malformed() {
        let p: ChallengeParameters = serde_json::from_str(r#"{"bad":"[not json"}"#).unwrap();
        assert_eq!(p.get_json("missing").unwrap(), None, "absent key");
        assert!(
            p.get_json("bad").is_err(),
            "malformed JSON text is an error"
        );
        assert!(
            p.get_json_as::<Vec<String>>("bad").is_err(),
            "malformed JSON text is an error (typed)"
        );
        let p: ChallengeParameters = serde_json::from_str(r#"{"n":"{\"a\":1}"}"#).unwrap();
        assert!(
            p.get_json_as::<Vec<String>>("n").is_err(),
            "wrong shape is an error"
        );
        assert!(p.contains_key("n"), "contains_key");
        assert_eq!(p.keys().collect::<Vec<_>>(), ["n"], "keys");
        assert!(
            ChallengeParameters::default().is_empty(),
            "default is empty"
        );
    }
}
