//! [`CallOptions`]: what a handle sends with every request that accepts it,
//! for the pool's Lambda triggers and threat protection; and the `with_*`
//! methods that make a view of a handle with other options.
//!
//! Which operations get which member is tabled in the [`Cognito`] docs.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::client::Cognito;
use crate::types::{AttributeType, ClientMetadata, ContextDataType, UserContextDataType};

/// What a handle (or a view of one) adds to every request that accepts it.
#[derive(Clone, Default)]
pub(crate) struct CallOptions {
    /// `ClientMetadata`: key-value pairs for the pool's Lambda triggers.
    pub(crate) client_metadata: Option<ClientMetadata>,
    /// `ValidationData`: name-value pairs for the pre-sign-up trigger.
    pub(crate) validation_data: Option<Vec<AttributeType>>,
    /// `UserContextData`: the device fingerprint and IP address of the user.
    pub(crate) user_context_data: Option<UserContextDataType>,
    /// `ContextData`: what a server saw of the user's request (admin sign-in).
    pub(crate) context_data: Option<ContextDataType>,
}

/// Names only: metadata and validation values may be personal, and the model
/// marks `UserContextData` sensitive.
impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |set: bool| if set { Some("[redacted]") } else { None };
        f.debug_struct("CallOptions")
            .field(
                "client_metadata",
                &self
                    .client_metadata
                    .as_ref()
                    .map(|m| m.keys().collect::<Vec<_>>()),
            )
            .field(
                "validation_data",
                &self
                    .validation_data
                    .as_ref()
                    .map(|d| d.iter().map(|a| a.name.as_str()).collect::<Vec<_>>()),
            )
            .field(
                "user_context_data",
                &redacted(self.user_context_data.is_some()),
            )
            .field("context_data", &redacted(self.context_data.is_some()))
            .finish()
    }
}

/// `ClientMetadata` from pairs; none for no pairs.
pub(crate) fn client_metadata<K, V>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> Option<ClientMetadata>
where
    K: Into<String>,
    V: Into<String>,
{
    let map: BTreeMap<String, String> = pairs
        .into_iter()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    (!map.is_empty()).then_some(map)
}

/// `ValidationData` from pairs, in the order given; none for no pairs.
pub(crate) fn validation_data<K, V>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> Option<Vec<AttributeType>>
where
    K: Into<String>,
    V: Into<String>,
{
    let list: Vec<AttributeType> = pairs
        .into_iter()
        .map(|(k, v)| AttributeType::new(k, v))
        .collect();
    (!list.is_empty()).then_some(list)
}

impl Cognito {
    /// What this handle adds to every request that accepts it.
    pub(crate) fn call_options(&self) -> &Arc<CallOptions> {
        &self.view
    }

    /// A view of this handle with `options` in place of its own: it shares
    /// everything else (settings, username, tokens, device, caches).
    fn with_options(&self, change: impl FnOnce(&mut CallOptions)) -> Cognito {
        let mut options = CallOptions::clone(&self.view);
        change(&mut options);
        Cognito {
            inner: Arc::clone(&self.inner),
            view: Arc::new(options),
        }
    }

    /// A view of this handle that sends `metadata` as `ClientMetadata` in
    /// every request that accepts it (sign-up, sign-in, challenge answers,
    /// renewals, code-sending calls: see the table in the [`Cognito`] docs),
    /// for the pool's Lambda triggers (pre sign-up, custom message, user
    /// migration, custom auth…).
    ///
    /// The view shares everything else with this handle: settings, username,
    /// tokens, remembered device, caches; signing in through it signs both
    /// in. It replaces the handle's `ClientMetadata` (the builder's
    /// [`client_metadata`](crate::CognitoBuilder::client_metadata), say);
    /// no pairs send none. Challenges and users it returns keep the view.
    ///
    /// ```
    /// use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
    ///
    /// let fake = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
    ///     let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
    ///     assert_eq!(body["ClientMetadata"], serde_json::json!({"invite": "A1B2"}));
    ///     Ok(HttpResponse::new(200, br#"{"CodeDeliveryDetails":{"DeliveryMedium":"EMAIL"}}"#.to_vec()))
    /// };
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .client_id("1example23456789")
    ///     .username("alice")
    ///     .transport(fake)
    ///     .build()?;
    /// cognito
    ///     .with_client_metadata([("invite", "A1B2")])
    ///     .resend_confirmation_code()?;
    /// # Ok::<(), cognito::Error>(())
    /// ```
    #[must_use = "the view is a new handle; this one is unchanged"]
    pub fn with_client_metadata<K, V>(&self, metadata: impl IntoIterator<Item = (K, V)>) -> Cognito
    where
        K: Into<String>,
        V: Into<String>,
    {
        let metadata = client_metadata(metadata);
        self.with_options(|o| o.client_metadata = metadata)
    }

    /// A view of this handle that sends `data` as `ValidationData` (name-value
    /// pairs for the pre sign-up trigger, which Cognito does not store) with
    /// [`register`](Self::register) and
    /// [`admin_create_user`](Self::admin_create_user). Shares everything
    /// else, as [`with_client_metadata`](Self::with_client_metadata); no pairs
    /// send none.
    #[must_use = "the view is a new handle; this one is unchanged"]
    pub fn with_validation_data<K, V>(&self, data: impl IntoIterator<Item = (K, V)>) -> Cognito
    where
        K: Into<String>,
        V: Into<String>,
    {
        let data = validation_data(data);
        self.with_options(|o| o.validation_data = data)
    }

    /// A view of this handle that sends `data` as `UserContextData` (the
    /// `EncodedData` from Cognito's context-data collection library and, if
    /// the app client accepts it, the user's `IpAddress`) in every user-side
    /// request that accepts it, for threat protection: sign-up and its
    /// confirmation, password recovery, sign-in, challenge answers and
    /// `REFRESH_TOKEN_AUTH` renewals. Shares everything else, as
    /// [`with_client_metadata`](Self::with_client_metadata).
    #[must_use = "the view is a new handle; this one is unchanged"]
    pub fn with_user_context_data(&self, data: UserContextDataType) -> Cognito {
        self.with_options(|o| o.user_context_data = Some(data))
    }

    /// A view of this handle that sends `data` as `ContextData` (what a
    /// server saw of the user's request: IP address, server name and path,
    /// headers) with [`admin_authenticate`](Self::admin_authenticate) and its
    /// challenge answers, for threat protection. Shares everything else, as
    /// [`with_client_metadata`](Self::with_client_metadata).
    #[must_use = "the view is a new handle; this one is unchanged"]
    pub fn with_context_data(&self, data: ContextDataType) -> Cognito {
        self.with_options(|o| o.context_data = Some(data))
    }
}
