//! The remembered-device steps of the sign-in machine: device SRP, and
//! confirming a new device after the tokens are kept. Pure, as
//! [`steps`].
//!
//! | Step | Request | Carries |
//! |---|---|---|
//! | challenge `DEVICE_SRP_AUTH` | `RespondToAuthChallenge` | `DEVICE_KEY`, a fresh `SRP_A` |
//! | challenge `DEVICE_PASSWORD_VERIFIER` | `RespondToAuthChallenge` | the claim over DeviceGroupKey, DeviceKey and the device password, `DEVICE_KEY` |
//! | tokens with `NewDeviceMetadata`, once kept | `ConfirmDevice` | the access token, a fresh verifier and salt, the device name |
//! | `ConfirmDevice` answered | — | the device is remembered |

use crate::auth::steps::{self, Env, Flow, Request, Step};
use crate::client::RememberedDevice;
use crate::error::{Error, ProtocolError};
use crate::protocol::srp::{DeviceVerifier, SrpIdentity};
use crate::secret::SecretString;
use crate::types::{
    AuthenticationResultType, ChallengeParameters, ChallengeResponses, ConfirmDeviceRequest,
    DeviceSecretVerifierConfigType,
};

/// A device Cognito offered with the tokens (`NewDeviceMetadata`), waiting
/// for its `ConfirmDevice`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewDevice {
    access_token: SecretString,
    device_key: String,
    device_group_key: String,
}

impl NewDevice {
    /// The device `result` offers: both keys and an access token to confirm it with.
    pub(crate) fn offered(result: &AuthenticationResultType) -> Option<Self> {
        let meta = result.new_device_metadata.as_ref()?;
        Some(Self {
            access_token: result.access_token.clone()?,
            device_key: meta.device_key.clone()?,
            device_group_key: meta.device_group_key.clone()?,
        })
    }
}

/// The answer to `DEVICE_SRP_AUTH`: a fresh SRP client for the device.
pub(crate) fn device_srp(
    flow: &mut Flow<'_>,
    env: &mut Env<'_>,
) -> Result<ChallengeResponses, Error> {
    let Some(device) = &flow.device else {
        return Err(ProtocolError::UnexpectedChallenge("DEVICE_SRP_AUTH".into()).into());
    };
    let srp = env.srp_client()?;
    let mut responses = ChallengeResponses::new();
    responses.insert("DEVICE_KEY".into(), device.device_key.as_str().into());
    responses.insert("SRP_A".into(), srp.srp_a().into());
    flow.srp = Some(srp);
    Ok(responses)
}

/// The answer to `DEVICE_PASSWORD_VERIFIER`: the claim with the device password.
pub(crate) fn device_password_verifier(
    flow: &mut Flow<'_>,
    params: &ChallengeParameters,
    env: &mut Env<'_>,
) -> Result<ChallengeResponses, Error> {
    let (Some(device), Some(srp)) = (&flow.device, flow.srp.as_ref()) else {
        return Err(ProtocolError::UnexpectedChallenge("DEVICE_PASSWORD_VERIFIER".into()).into());
    };
    let challenge = steps::verifier_challenge(params, "DEVICE_PASSWORD_VERIFIER")?;
    let who = SrpIdentity::device(&device.device_group_key, &device.device_key);
    let claim = srp.password_claim(
        &who,
        device.device_password.expose_secret(),
        &challenge,
        steps::now(env),
    )?;
    let mut responses = steps::claim_responses(claim);
    responses.insert("DEVICE_KEY".into(), device.device_key.as_str().into());
    Ok(responses)
}

/// After the tokens are kept: `ConfirmDevice` for a new device (with a fresh
/// verifier from the random source), or done.
pub(crate) fn confirm(flow: &mut Flow<'_>, env: &mut Env<'_>) -> Result<Step, Error> {
    let Some(new) = flow.new_device.take() else {
        return Ok(Step::Done(None));
    };
    let verifier =
        DeviceVerifier::with_random(&new.device_group_key, &new.device_key, &mut *env.random)?;
    let request = ConfirmDeviceRequest {
        access_token: new.access_token,
        device_key: new.device_key.clone(),
        device_secret_verifier_config: Some(DeviceSecretVerifierConfigType {
            password_verifier: Some(verifier.password_verifier().to_owned()),
            salt: Some(verifier.salt().to_owned()),
        }),
        device_name: Some(flow.client.device_name.clone()),
    };
    flow.confirming = Some(RememberedDevice {
        device_key: new.device_key,
        device_group_key: new.device_group_key,
        device_password: verifier.expose_device_password().into(),
    });
    Ok(Step::Send(Request::ConfirmDevice(request)))
}

/// Whether Cognito's refusal is about the remembered device: a
/// `ResourceNotFoundException` or `NotAuthorizedException` whose message
/// names the device ("Device does not exist."). Other refusals, such as an
/// unknown app client, keep the device.
pub(crate) fn names_the_device(error: &Error) -> bool {
    match error {
        Error::Service(e) => {
            matches!(
                e.code(),
                crate::ErrorCode::ResourceNotFoundException
                    | crate::ErrorCode::NotAuthorizedException
            ) && e
                .message()
                .is_some_and(|m| m.to_ascii_lowercase().contains("device"))
        }
        _ => false,
    }
}
