//! User attributes as warrant handles them: a map of names to values where
//! `"true"`/`"false"` are booleans, custom attributes carry the `custom:`
//! prefix on the wire, and an `attr_map` renames Cognito's names to yours.

use std::collections::BTreeMap;
use std::fmt;

use crate::types::AttributeType;

/// An attribute value: Cognito sends strings; `"true"` and `"false"` become
/// booleans, as in warrant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttrValue {
    /// `"true"` or `"false"`.
    Bool(bool),
    /// Anything else.
    Text(String),
}

impl AttrValue {
    /// The value as Cognito stores it (`"true"`/`"false"` for booleans).
    pub fn to_wire(&self) -> String {
        self.to_string()
    }

    /// The text, when it is not a boolean.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AttrValue::Text(s) => Some(s),
            AttrValue::Bool(_) => None,
        }
    }

    /// The boolean, when it is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            AttrValue::Bool(b) => Some(*b),
            AttrValue::Text(_) => None,
        }
    }

    fn from_wire(value: &str) -> Self {
        match value {
            "true" => AttrValue::Bool(true),
            "false" => AttrValue::Bool(false),
            other => AttrValue::Text(other.to_owned()),
        }
    }
}

impl fmt::Display for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttrValue::Bool(b) => write!(f, "{b}"),
            AttrValue::Text(s) => f.write_str(s),
        }
    }
}

impl From<&str> for AttrValue {
    fn from(v: &str) -> Self {
        AttrValue::Text(v.to_owned())
    }
}

impl From<String> for AttrValue {
    fn from(v: String) -> Self {
        AttrValue::Text(v)
    }
}

impl From<bool> for AttrValue {
    fn from(v: bool) -> Self {
        AttrValue::Bool(v)
    }
}

/// Renames between Cognito's attribute names and yours: each entry maps a
/// Cognito name (`given_name`) to a local one (`first_name`), as warrant's
/// `attr_map`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttrMap(BTreeMap<String, String>);

impl AttrMap {
    /// No renames.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a rename: Cognito's `cognito_name` is called `local_name` here.
    pub fn map(mut self, cognito_name: impl Into<String>, local_name: impl Into<String>) -> Self {
        self.0.insert(cognito_name.into(), local_name.into());
        self
    }

    fn to_local<'a>(&'a self, cognito_name: &'a str) -> &'a str {
        self.0
            .get(cognito_name)
            .map_or(cognito_name, String::as_str)
    }

    fn to_cognito<'a>(&'a self, local_name: &'a str) -> &'a str {
        self.0
            .iter()
            .find(|(_, local)| local.as_str() == local_name)
            .map_or(local_name, |(cognito, _)| cognito.as_str())
    }
}

/// Attribute names and values.
///
/// ```
/// use cognito::{Attributes, AttrValue};
///
/// let attrs = Attributes::new()
///     .with("email", "alice@example.com")
///     .with("email_verified", true)
///     .with_custom("team", "blue");
/// assert_eq!(attrs.get("custom:team"), Some(&AttrValue::Text("blue".into())));
/// let wire = attrs.to_cognito(&Default::default());
/// assert_eq!(wire[0].name, "custom:team");
/// assert_eq!(wire[2].value.as_deref(), Some("true"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes(BTreeMap<String, AttrValue>);

impl Attributes {
    /// No attributes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a standard attribute (or any name as given).
    pub fn with(mut self, name: impl Into<String>, value: impl Into<AttrValue>) -> Self {
        self.0.insert(name.into(), value.into());
        self
    }

    /// Adds a custom attribute: `name` gets the `custom:` prefix unless it
    /// already has it.
    pub fn with_custom(self, name: &str, value: impl Into<AttrValue>) -> Self {
        let name = if name.starts_with("custom:") {
            name.to_owned()
        } else {
            format!("custom:{name}")
        };
        self.with(name, value)
    }

    /// Sets a value.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<AttrValue>) {
        self.0.insert(name.into(), value.into());
    }

    /// Removes a value.
    pub fn remove(&mut self, name: &str) -> Option<AttrValue> {
        self.0.remove(name)
    }

    /// A value by name.
    pub fn get(&self, name: &str) -> Option<&AttrValue> {
        self.0.get(name)
    }

    /// A text value by name (`None` for a boolean or an absent name).
    pub fn get_str(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(AttrValue::as_str)
    }

    /// Names and values, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &AttrValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many attributes there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Reads Cognito's list, renaming through `attr_map` and turning
    /// `"true"`/`"false"` into booleans (warrant's `cognito_to_dict`).
    pub fn from_cognito(list: &[AttributeType], attr_map: &AttrMap) -> Self {
        Self(
            list.iter()
                .map(|a| {
                    (
                        attr_map.to_local(&a.name).to_owned(),
                        AttrValue::from_wire(a.value.as_deref().unwrap_or("")),
                    )
                })
                .collect(),
        )
    }

    /// Writes Cognito's list, renaming back through `attr_map` and writing
    /// booleans as `"true"`/`"false"` (warrant's `dict_to_cognito`).
    pub fn to_cognito(&self, attr_map: &AttrMap) -> Vec<AttributeType> {
        self.0
            .iter()
            .map(|(name, value)| AttributeType {
                name: attr_map.to_cognito(name).to_owned(),
                value: Some(value.to_wire()),
            })
            .collect()
    }
}

impl<K: Into<String>, V: Into<AttrValue>> FromIterator<(K, V)> for Attributes {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(name: &str, value: &str) -> AttributeType {
        AttributeType {
            name: name.into(),
            value: Some(value.into()),
        }
    }

    #[test]
    fn round_trip_with_renames_and_booleans() {
        let map = AttrMap::new().map("given_name", "first_name");
        let attrs = Attributes::from_cognito(
            &[
                attr("given_name", "Alice"),
                attr("email_verified", "true"),
                attr("custom:n", "false"),
            ],
            &map,
        );
        assert_eq!(attrs.get_str("first_name"), Some("Alice"));
        assert_eq!(attrs.get("email_verified"), Some(&AttrValue::Bool(true)));
        assert_eq!(attrs.get("custom:n"), Some(&AttrValue::Bool(false)));
        let back = attrs.to_cognito(&map);
        assert!(back.contains(&attr("given_name", "Alice")));
        assert!(back.contains(&attr("email_verified", "true")));
        assert!(back.contains(&attr("custom:n", "false")));
    }
}
