//! Shapes shared by many operations: attributes, code delivery, analytics and
//! context data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `ClientMetadata`: free-form key-value pairs passed to some Lambda triggers.
pub type ClientMetadata = BTreeMap<String, String>;

model_enum! {
    /// `DeliveryMediumType`: how a code or message is delivered.
    DeliveryMediumType {
        /// `SMS`.
        Sms = "SMS",
        /// `EMAIL`.
        Email = "EMAIL",
    }
}

/// `AttributeType`: a user attribute, such as `email` or `custom:department`.
///
/// The model marks `Value` sensitive; it stays a plain string here because
/// attributes are profile data the caller reads and prints.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AttributeType {
    /// Attribute name; custom attributes carry the `custom:` prefix.
    #[serde(rename = "Name")]
    pub name: String,
    /// Attribute value.
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl AttributeType {
    /// An attribute with a value.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: Some(value.into()),
        }
    }
}

/// `CodeDeliveryDetailsType`: where and how a code was sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CodeDeliveryDetailsType {
    /// Masked destination, e.g. `a***@e***.com`.
    #[serde(
        rename = "Destination",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub destination: Option<String>,
    /// Delivery medium.
    #[serde(
        rename = "DeliveryMedium",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delivery_medium: Option<DeliveryMediumType>,
    /// The attribute the code verifies, e.g. `email`.
    #[serde(
        rename = "AttributeName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub attribute_name: Option<String>,
}

/// `AnalyticsMetadataType`: the Amazon Pinpoint endpoint for analytics.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnalyticsMetadataType {
    /// Pinpoint endpoint id.
    #[serde(
        rename = "AnalyticsEndpointId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub analytics_endpoint_id: Option<String>,
}

/// `UserContextDataType`: client-side context data for threat protection
/// (the non-admin operations). The model marks the whole shape sensitive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserContextDataType {
    /// The user's source IP address.
    #[serde(rename = "IpAddress", default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// Encoded device fingerprint from the Cognito context-data collection library.
    #[serde(
        rename = "EncodedData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub encoded_data: Option<String>,
}

/// `ContextDataType`: server-collected context data for threat protection
/// (the admin auth operations).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContextDataType {
    /// The user's source IP address.
    #[serde(rename = "IpAddress")]
    pub ip_address: String,
    /// Name of your application's service endpoint.
    #[serde(rename = "ServerName")]
    pub server_name: String,
    /// Path of your application's service endpoint.
    #[serde(rename = "ServerPath")]
    pub server_path: String,
    /// The HTTP headers of the user's request.
    #[serde(rename = "HttpHeaders")]
    pub http_headers: Vec<HttpHeader>,
    /// Encoded device fingerprint from the Cognito context-data collection library.
    #[serde(
        rename = "EncodedData",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub encoded_data: Option<String>,
}

impl ContextDataType {
    /// A value with the model's required members, in the model's order;
    /// every optional member is `None`.
    pub fn new(
        ip_address: impl Into<String>,
        server_name: impl Into<String>,
        server_path: impl Into<String>,
        http_headers: impl IntoIterator<Item = HttpHeader>,
    ) -> Self {
        Self {
            ip_address: ip_address.into(),
            server_name: server_name.into(),
            server_path: server_path.into(),
            http_headers: http_headers.into_iter().collect(),
            ..Self::default()
        }
    }
}

/// `HttpHeader`: one header of the user's request (camelCase on the wire).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HttpHeader {
    /// Header name.
    #[serde(
        rename = "headerName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub header_name: Option<String>,
    /// Header value.
    #[serde(
        rename = "headerValue",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub header_value: Option<String>,
}

impl HttpHeader {
    /// A header with a name and a value.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            header_name: Some(name.into()),
            header_value: Some(value.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_unknown_fallback_round_trips() {
        let known: DeliveryMediumType = serde_json::from_str(r#""EMAIL""#).unwrap();
        assert_eq!(known, DeliveryMediumType::Email, "known value");
        let unknown: DeliveryMediumType = serde_json::from_str(r#""PIGEON""#).unwrap();
        assert_eq!(
            unknown,
            DeliveryMediumType::Unknown("PIGEON".into()),
            "unknown kept"
        );
        assert_eq!(unknown.as_str(), "PIGEON", "as_str of unknown");
        assert_eq!(unknown.to_string(), "PIGEON", "Display of unknown");
        assert_eq!(
            serde_json::to_string(&unknown).unwrap(),
            r#""PIGEON""#,
            "serialized verbatim"
        );
        assert_eq!(
            DeliveryMediumType::from("SMS"),
            DeliveryMediumType::Sms,
            "From<&str>"
        );
        assert_eq!(
            "SMS".parse::<DeliveryMediumType>(),
            Ok(DeliveryMediumType::Sms),
            "FromStr"
        );
        assert_eq!(DeliveryMediumType::VALUES, ["SMS", "EMAIL"], "VALUES");
    }

    #[test]
    fn http_header_is_camel_case_and_nulls_are_skipped() {
        let h = HttpHeader {
            header_name: Some("User-Agent".into()),
            header_value: None,
        };
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            r#"{"headerName":"User-Agent"}"#,
            "camelCase, no null"
        );
        let a = AttributeType {
            name: "email".into(),
            value: None,
        };
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"Name":"email"}"#,
            "no null Value"
        );
    }
}
