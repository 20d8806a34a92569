//! User attributes as warrant handles them: a map of names to string values,
//! custom attributes carrying the `custom:` prefix on the wire, and an
//! [`AttrMap`] that renames Cognito's names to yours.
//!
//! Values stay strings, as Cognito stores them; [`Attributes::get_bool`] and
//! [`Attributes::get_parsed`] convert one when asked.

use std::collections::BTreeMap;
use std::str::FromStr;

use crate::types::AttributeType;

/// Renames between Cognito's attribute names and yours: each entry maps a
/// Cognito name (`given_name`) to a local one (`first_name`), as warrant's
/// `attr_map`. A handle has one, set with
/// [`CognitoBuilder::attr_map`](crate::CognitoBuilder::attr_map).
///
/// ```
/// use cognito::AttrMap;
///
/// let map = AttrMap::from([("given_name", "first_name"), ("custom:team", "team")]);
/// let same: AttrMap = [("custom:team", "team"), ("given_name", "first_name")]
///     .into_iter()
///     .collect();
/// assert_eq!(map, same);
/// assert_eq!(map, AttrMap::new().map("given_name", "first_name").map("custom:team", "team"));
/// ```
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

    /// Whether there are no renames.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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

/// `(cognito_name, local_name)` pairs.
impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for AttrMap {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

/// `(cognito_name, local_name)` pairs.
impl<K: Into<String>, V: Into<String>, const N: usize> From<[(K, V); N]> for AttrMap {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

/// Attribute names and their values, as strings.
///
/// ```
/// use cognito::Attributes;
///
/// let attrs = Attributes::new()
///     .with("email", "alice@example.com")
///     .with("email_verified", true)
///     .with_custom("team", "blue")
///     .with_custom("admin", "false");
/// assert_eq!(attrs.get("custom:team"), Some("blue"));
/// assert_eq!(attrs.get("custom:admin"), Some("false"), "a string until asked");
/// assert_eq!(attrs.get_bool("custom:admin"), Some(false));
/// let wire = attrs.to_cognito(&Default::default());
/// assert_eq!(wire[1].name, "custom:team");
/// assert_eq!(wire[3].value.as_deref(), Some("true"));
///
/// let same = Attributes::from([("email", "alice@example.com"), ("email_verified", "true")]);
/// assert_eq!(same.get("email_verified"), attrs.get("email_verified"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes(BTreeMap<String, String>);

impl Attributes {
    /// No attributes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a standard attribute (or any name as given); the value is written
    /// as its text (`true` as `"true"`, `42` as `"42"`).
    pub fn with(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.insert(name, value);
        self
    }

    /// Adds a custom attribute: `name` gets the `custom:` prefix unless it
    /// already has it.
    pub fn with_custom(self, name: &str, value: impl ToString) -> Self {
        let name = if name.starts_with("custom:") {
            name.to_owned()
        } else {
            format!("custom:{name}")
        };
        self.with(name, value)
    }

    /// Sets a value, written as its text.
    pub fn insert(&mut self, name: impl Into<String>, value: impl ToString) {
        self.0.insert(name.into(), value.to_string());
    }

    /// Removes a value.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        self.0.remove(name)
    }

    /// A value by name, as Cognito stores it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// A value read as a boolean: `Some` only for `"true"` and `"false"`.
    pub fn get_bool(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// A value parsed as `T` (`None` when absent, the parse error when it
    /// does not parse).
    ///
    /// ```
    /// use cognito::Attributes;
    ///
    /// let attrs = Attributes::new().with_custom("level", 3).with_custom("team", "blue");
    /// assert_eq!(attrs.get_parsed::<u32>("custom:level"), Some(Ok(3)));
    /// assert!(attrs.get_parsed::<u32>("custom:team").is_some_and(|r| r.is_err()));
    /// assert_eq!(attrs.get_parsed::<u32>("custom:none"), None);
    /// ```
    pub fn get_parsed<T: FromStr>(&self, name: &str) -> Option<Result<T, T::Err>> {
        self.get(name).map(str::parse)
    }

    /// Names and values, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// How many attributes there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Reads Cognito's list, renaming through `attr_map` (warrant's
    /// `cognito_to_dict`, without its turning `"true"`/`"false"` into
    /// booleans).
    pub fn from_cognito(list: &[AttributeType], attr_map: &AttrMap) -> Self {
        Self(
            list.iter()
                .map(|a| {
                    (
                        attr_map.to_local(&a.name).to_owned(),
                        a.value.clone().unwrap_or_default(),
                    )
                })
                .collect(),
        )
    }

    /// Writes Cognito's list, renaming back through `attr_map` (warrant's
    /// `dict_to_cognito`).
    pub fn to_cognito(&self, attr_map: &AttrMap) -> Vec<AttributeType> {
        self.0
            .iter()
            .map(|(name, value)| AttributeType {
                name: attr_map.to_cognito(name).to_owned(),
                value: Some(value.clone()),
            })
            .collect()
    }
}

/// `(name, value)` pairs.
impl<K: Into<String>, V: ToString> FromIterator<(K, V)> for Attributes {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.to_string()))
                .collect(),
        )
    }
}

/// `(name, value)` pairs.
impl<K: Into<String>, V: ToString, const N: usize> From<[(K, V); N]> for Attributes {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
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
    fn round_trip_with_renames_keeps_strings() {
        let map = AttrMap::new().map("given_name", "first_name");
        let attrs = Attributes::from_cognito(
            &[
                attr("given_name", "Alice"),
                attr("email_verified", "true"),
                attr("custom:n", "false"),
            ],
            &map,
        );
        assert_eq!(attrs.get("first_name"), Some("Alice"));
        assert_eq!(attrs.get("email_verified"), Some("true"));
        assert_eq!(attrs.get("custom:n"), Some("false"), "a string, as stored");
        assert_eq!(
            attrs.get_bool("custom:n"),
            Some(false),
            "a boolean when asked"
        );
        assert_eq!(attrs.get_bool("first_name"), None, "not a boolean");
        let back = attrs.to_cognito(&map);
        assert!(back.contains(&attr("given_name", "Alice")));
        assert!(back.contains(&attr("email_verified", "true")));
        assert!(back.contains(&attr("custom:n", "false")));
    }

    #[test]
    fn maps_collect_from_pairs() {
        let pairs = vec![("given_name".to_owned(), "first_name".to_owned())];
        let map: AttrMap = pairs.into_iter().collect();
        assert_eq!(map.to_local("given_name"), "first_name");
        assert_eq!(map.to_cognito("first_name"), "given_name");
        assert_eq!(map.to_cognito("email"), "email", "unmapped names pass");
        assert!(AttrMap::from([("a", "b")]).to_local("a") == "b");
        assert!(AttrMap::new().is_empty() && !map.is_empty());
        let attrs: Attributes = [("email", "a@example.com"), ("custom:n", "1")]
            .into_iter()
            .collect();
        assert_eq!(attrs.len(), 2);
        assert_eq!(attrs.get_parsed::<i64>("custom:n"), Some(Ok(1)));
    }
}
