//! A user's remembered devices, as an administrator (signed with AWS
//! credentials): list, read, mark remembered or not, forget. The user's own
//! view of them, with an access token, is in `self_service.rs`.

use crate::client::admin::Pages;
use crate::client::Cognito;
use crate::error::Error;
use crate::types::{
    AdminForgetDeviceRequest, AdminGetDeviceRequest, AdminListDevicesRequest,
    AdminUpdateDeviceStatusRequest, DeviceRememberedStatusType, DeviceType,
};

impl Cognito {
    /// Every device of a user (all pages), as an administrator.
    ///
    /// ```
    /// use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
    /// use cognito::credentials::AwsCredentials;
    ///
    /// let fake = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
    ///     assert_eq!(req.header("x-amz-target"), Some("AWSCognitoIdentityProviderService.AdminListDevices"));
    ///     assert!(req.header("authorization").is_some(), "signed");
    ///     Ok(HttpResponse::new(200, br#"{"Devices":[{"DeviceKey":"us-east-1_0a1b2c3d"}]}"#.to_vec()))
    /// };
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .credentials(AwsCredentials::new("AKIDEXAMPLE", "secret", None))
    ///     .transport(fake)
    ///     .build()?;
    /// let devices = cognito.admin_list_devices("alice")?;
    /// assert_eq!(devices[0].device_key.as_deref(), Some("us-east-1_0a1b2c3d"));
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `InvalidUserPoolConfigurationException` when
    /// the pool does not track devices, `ResourceNotFoundException`…;
    /// [`Error::Credentials`].
    pub fn admin_list_devices(&self, username: &str) -> Result<Vec<DeviceType>, Error> {
        self.admin_devices(username).collect()
    }

    /// A user's devices, fetched a page at a time as the iterator advances.
    pub fn admin_devices<'a>(
        &'a self,
        username: &'a str,
    ) -> impl Iterator<Item = Result<DeviceType, Error>> + 'a {
        Pages::new(move |token| {
            let reply = self.send(&AdminListDevicesRequest {
                user_pool_id: self.pool()?,
                username: username.to_owned(),
                limit: Some(60),
                pagination_token: token,
            })?;
            Ok((reply.devices.unwrap_or_default(), reply.pagination_token))
        })
    }

    /// One device of a user, as an administrator.
    ///
    /// ```
    /// use cognito::{Cognito, HttpRequest, HttpResponse, TransportError};
    /// use cognito::credentials::AwsCredentials;
    ///
    /// let fake = |req: HttpRequest| -> Result<HttpResponse, TransportError> {
    ///     assert_eq!(req.header("x-amz-target"), Some("AWSCognitoIdentityProviderService.AdminGetDevice"));
    ///     let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
    ///     assert_eq!(body["DeviceKey"], "us-east-1_0a1b2c3d");
    ///     Ok(HttpResponse::new(200, br#"{"Device":{"DeviceKey":"us-east-1_0a1b2c3d",
    ///         "DeviceAttributes":[{"Name":"device_name","Value":"laptop"}]}}"#.to_vec()))
    /// };
    /// let cognito = Cognito::builder()
    ///     .user_pool_id("us-east-1_AbC123xyz")
    ///     .credentials(AwsCredentials::new("AKIDEXAMPLE", "secret", None))
    ///     .transport(fake)
    ///     .build()?;
    /// let device = cognito.admin_get_device("alice", "us-east-1_0a1b2c3d")?;
    /// let attributes = device.device_attributes.unwrap_or_default();
    /// assert_eq!(attributes[0].value.as_deref(), Some("laptop"));
    /// # Ok::<(), cognito::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException`…;
    /// [`Error::Credentials`].
    pub fn admin_get_device(&self, username: &str, device_key: &str) -> Result<DeviceType, Error> {
        Ok(self
            .send(&AdminGetDeviceRequest {
                device_key: device_key.to_owned(),
                user_pool_id: self.pool()?,
                username: username.to_owned(),
            })?
            .device)
    }

    /// Marks a user's device remembered or not, as an administrator.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException`,
    /// `UserNotFoundException`…; [`Error::Credentials`].
    pub fn admin_update_device_status(
        &self,
        username: &str,
        device_key: &str,
        remembered: bool,
    ) -> Result<(), Error> {
        self.send(&AdminUpdateDeviceStatusRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            device_key: device_key.to_owned(),
            device_remembered_status: Some(if remembered {
                DeviceRememberedStatusType::Remembered
            } else {
                DeviceRememberedStatusType::NotRemembered
            }),
        })?;
        Ok(())
    }

    /// Forgets a user's device in Cognito, as an administrator. Unlike
    /// [`forget_device`](Self::forget_device) it leaves the device this
    /// handle remembers alone: an administrator's handle acts for others.
    ///
    /// # Errors
    ///
    /// [`Error::Service`] with `ResourceNotFoundException`,
    /// `UserNotFoundException`…; [`Error::Credentials`].
    pub fn admin_forget_device(&self, username: &str, device_key: &str) -> Result<(), Error> {
        self.send(&AdminForgetDeviceRequest {
            user_pool_id: self.pool()?,
            username: username.to_owned(),
            device_key: device_key.to_owned(),
        })?;
        Ok(())
    }
}
