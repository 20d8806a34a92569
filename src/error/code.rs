//! Cognito's error codes: one variant for each of the API model's 60 exceptions.
//!
//! Written from the exception shapes of the `cognito-idp` model (botocore 1.44.8);
//! `tests/offline/wire/model_conformance.rs` checks the list against `fixtures/model/cognito-idp.json`.

use std::fmt;

/// The code of an error Cognito answered with, named as in the API model.
///
/// A code the model does not know (an emulator's own, a newer service
/// exception) is kept in [`ErrorCode::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The caller lacks permission for the operation.
    AccessDeniedException,
    /// The email or phone number is already an alias of another user.
    AliasExistsException,
    /// No cached client-metadata document exists for the URL.
    CachedCIMDURLDoesNotExistException,
    /// The SMS or email code could not be delivered.
    CodeDeliveryFailureException,
    /// The verification or MFA code is wrong.
    CodeMismatchException,
    /// A conflicting change happened at the same time.
    ConcurrentModificationException,
    /// The device key is already confirmed.
    DeviceKeyExistsException,
    /// The identity provider already exists in the pool.
    DuplicateProviderException,
    /// The TOTP code did not match while enabling TOTP MFA.
    EnableSoftwareTokenMFAException,
    /// The code has expired.
    ExpiredCodeException,
    /// The feature needs a higher feature plan.
    FeatureUnavailableInTierException,
    /// AWS WAF blocked the request.
    ForbiddenException,
    /// The group name is taken.
    GroupExistsException,
    /// Cognito failed internally (a server fault).
    InternalErrorException,
    /// Cognito failed internally (a server fault; client-secret operations).
    InternalServerException,
    /// The pool cannot use its SES identity.
    InvalidEmailRoleAccessPolicyException,
    /// A trigger Lambda returned invalid output.
    InvalidLambdaResponseException,
    /// The app client's OAuth flow configuration is invalid.
    InvalidOAuthFlowException,
    /// A parameter failed validation.
    InvalidParameterException,
    /// The password violates the pool's policy.
    InvalidPasswordException,
    /// The SMS role cannot publish through SNS.
    InvalidSmsRoleAccessPolicyException,
    /// The SMS role's trust relationship or external id is wrong.
    InvalidSmsRoleTrustRelationshipException,
    /// The pool's configuration does not allow the request.
    InvalidUserPoolConfigurationException,
    /// A resource or attempt limit was reached.
    LimitExceededException,
    /// No MFA method is available for the user.
    MFAMethodNotFoundException,
    /// The app client already has a branding style.
    ManagedLoginBrandingExistsException,
    /// Bad credentials, token or secret hash, a disabled user, or a disallowed request.
    NotAuthorizedException,
    /// The operation is not available for this pool or region.
    OperationNotEnabledException,
    /// The new password reuses a recent one.
    PasswordHistoryPolicyViolationException,
    /// The user must reset their password.
    PasswordResetRequiredException,
    /// A precondition of the request failed.
    PreconditionNotMetException,
    /// The refresh token was invalidated by rotation.
    RefreshTokenReuseException,
    /// The pool, client or other resource does not exist.
    ResourceNotFoundException,
    /// An OAuth scope is not defined.
    ScopeDoesNotExistException,
    /// An account service quota was exceeded.
    ServiceQuotaExceededException,
    /// TOTP MFA is not set up or not enabled.
    SoftwareTokenMFANotFoundException,
    /// The app client already has terms with that name.
    TermsExistsException,
    /// The feature-plan change is not permitted.
    TierChangeNotAllowedException,
    /// Too many failed attempts.
    TooManyFailedAttemptsException,
    /// The request rate was throttled.
    TooManyRequestsException,
    /// The token is not valid for this operation.
    UnauthorizedException,
    /// Invoking a trigger Lambda failed.
    UnexpectedLambdaException,
    /// The identity provider is not supported for the app client.
    UnsupportedIdentityProviderException,
    /// The operation or flow is not enabled for the app client.
    UnsupportedOperationException,
    /// The token type is not accepted.
    UnsupportedTokenTypeException,
    /// The user's state does not allow the request.
    UnsupportedUserStateException,
    /// A user import job is running and the pool is locked.
    UserImportInProgressException,
    /// A trigger Lambda rejected the request.
    UserLambdaValidationException,
    /// The user is not confirmed.
    UserNotConfirmedException,
    /// The user does not exist.
    UserNotFoundException,
    /// The threat-protection add-on is off.
    UserPoolAddOnNotEnabledException,
    /// Setting or updating tags failed.
    UserPoolTaggingException,
    /// The username is taken.
    UsernameExistsException,
    /// The passkey registration challenge expired or was not found.
    WebAuthnChallengeNotFoundException,
    /// The token comes from another client than the registration start.
    WebAuthnClientMismatchException,
    /// No relying-party id or domain is configured.
    WebAuthnConfigurationMissingException,
    /// The authenticator or provider is not supported.
    WebAuthnCredentialNotSupportedException,
    /// Passkeys are off for the pool.
    WebAuthnNotEnabledException,
    /// The credential's origin does not match the relying-party id.
    WebAuthnOriginNotAllowedException,
    /// The credential is bound to another relying-party id.
    WebAuthnRelyingPartyMismatchException,
    /// A code that is not in the API model, kept as received.
    Unknown(String),
}

impl ErrorCode {
    /// Every code of the API model, in alphabetical order.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::AccessDeniedException,
        ErrorCode::AliasExistsException,
        ErrorCode::CachedCIMDURLDoesNotExistException,
        ErrorCode::CodeDeliveryFailureException,
        ErrorCode::CodeMismatchException,
        ErrorCode::ConcurrentModificationException,
        ErrorCode::DeviceKeyExistsException,
        ErrorCode::DuplicateProviderException,
        ErrorCode::EnableSoftwareTokenMFAException,
        ErrorCode::ExpiredCodeException,
        ErrorCode::FeatureUnavailableInTierException,
        ErrorCode::ForbiddenException,
        ErrorCode::GroupExistsException,
        ErrorCode::InternalErrorException,
        ErrorCode::InternalServerException,
        ErrorCode::InvalidEmailRoleAccessPolicyException,
        ErrorCode::InvalidLambdaResponseException,
        ErrorCode::InvalidOAuthFlowException,
        ErrorCode::InvalidParameterException,
        ErrorCode::InvalidPasswordException,
        ErrorCode::InvalidSmsRoleAccessPolicyException,
        ErrorCode::InvalidSmsRoleTrustRelationshipException,
        ErrorCode::InvalidUserPoolConfigurationException,
        ErrorCode::LimitExceededException,
        ErrorCode::MFAMethodNotFoundException,
        ErrorCode::ManagedLoginBrandingExistsException,
        ErrorCode::NotAuthorizedException,
        ErrorCode::OperationNotEnabledException,
        ErrorCode::PasswordHistoryPolicyViolationException,
        ErrorCode::PasswordResetRequiredException,
        ErrorCode::PreconditionNotMetException,
        ErrorCode::RefreshTokenReuseException,
        ErrorCode::ResourceNotFoundException,
        ErrorCode::ScopeDoesNotExistException,
        ErrorCode::ServiceQuotaExceededException,
        ErrorCode::SoftwareTokenMFANotFoundException,
        ErrorCode::TermsExistsException,
        ErrorCode::TierChangeNotAllowedException,
        ErrorCode::TooManyFailedAttemptsException,
        ErrorCode::TooManyRequestsException,
        ErrorCode::UnauthorizedException,
        ErrorCode::UnexpectedLambdaException,
        ErrorCode::UnsupportedIdentityProviderException,
        ErrorCode::UnsupportedOperationException,
        ErrorCode::UnsupportedTokenTypeException,
        ErrorCode::UnsupportedUserStateException,
        ErrorCode::UserImportInProgressException,
        ErrorCode::UserLambdaValidationException,
        ErrorCode::UserNotConfirmedException,
        ErrorCode::UserNotFoundException,
        ErrorCode::UserPoolAddOnNotEnabledException,
        ErrorCode::UserPoolTaggingException,
        ErrorCode::UsernameExistsException,
        ErrorCode::WebAuthnChallengeNotFoundException,
        ErrorCode::WebAuthnClientMismatchException,
        ErrorCode::WebAuthnConfigurationMissingException,
        ErrorCode::WebAuthnCredentialNotSupportedException,
        ErrorCode::WebAuthnNotEnabledException,
        ErrorCode::WebAuthnOriginNotAllowedException,
        ErrorCode::WebAuthnRelyingPartyMismatchException,
    ];

    /// Maps a wire code (already stripped of any `namespace#` prefix and
    /// `:suffix`) to its variant; anything else becomes [`ErrorCode::Unknown`].
    pub fn from_code(code: &str) -> Self {
        use ErrorCode::*;
        match code {
            "AccessDeniedException" => AccessDeniedException,
            "AliasExistsException" => AliasExistsException,
            "CachedCIMDURLDoesNotExistException" => CachedCIMDURLDoesNotExistException,
            "CodeDeliveryFailureException" => CodeDeliveryFailureException,
            "CodeMismatchException" => CodeMismatchException,
            "ConcurrentModificationException" => ConcurrentModificationException,
            "DeviceKeyExistsException" => DeviceKeyExistsException,
            "DuplicateProviderException" => DuplicateProviderException,
            "EnableSoftwareTokenMFAException" => EnableSoftwareTokenMFAException,
            "ExpiredCodeException" => ExpiredCodeException,
            "FeatureUnavailableInTierException" => FeatureUnavailableInTierException,
            "ForbiddenException" => ForbiddenException,
            "GroupExistsException" => GroupExistsException,
            "InternalErrorException" => InternalErrorException,
            "InternalServerException" => InternalServerException,
            "InvalidEmailRoleAccessPolicyException" => InvalidEmailRoleAccessPolicyException,
            "InvalidLambdaResponseException" => InvalidLambdaResponseException,
            "InvalidOAuthFlowException" => InvalidOAuthFlowException,
            "InvalidParameterException" => InvalidParameterException,
            "InvalidPasswordException" => InvalidPasswordException,
            "InvalidSmsRoleAccessPolicyException" => InvalidSmsRoleAccessPolicyException,
            "InvalidSmsRoleTrustRelationshipException" => InvalidSmsRoleTrustRelationshipException,
            "InvalidUserPoolConfigurationException" => InvalidUserPoolConfigurationException,
            "LimitExceededException" => LimitExceededException,
            "MFAMethodNotFoundException" => MFAMethodNotFoundException,
            "ManagedLoginBrandingExistsException" => ManagedLoginBrandingExistsException,
            "NotAuthorizedException" => NotAuthorizedException,
            "OperationNotEnabledException" => OperationNotEnabledException,
            "PasswordHistoryPolicyViolationException" => PasswordHistoryPolicyViolationException,
            "PasswordResetRequiredException" => PasswordResetRequiredException,
            "PreconditionNotMetException" => PreconditionNotMetException,
            "RefreshTokenReuseException" => RefreshTokenReuseException,
            "ResourceNotFoundException" => ResourceNotFoundException,
            "ScopeDoesNotExistException" => ScopeDoesNotExistException,
            "ServiceQuotaExceededException" => ServiceQuotaExceededException,
            "SoftwareTokenMFANotFoundException" => SoftwareTokenMFANotFoundException,
            "TermsExistsException" => TermsExistsException,
            "TierChangeNotAllowedException" => TierChangeNotAllowedException,
            "TooManyFailedAttemptsException" => TooManyFailedAttemptsException,
            "TooManyRequestsException" => TooManyRequestsException,
            "UnauthorizedException" => UnauthorizedException,
            "UnexpectedLambdaException" => UnexpectedLambdaException,
            "UnsupportedIdentityProviderException" => UnsupportedIdentityProviderException,
            "UnsupportedOperationException" => UnsupportedOperationException,
            "UnsupportedTokenTypeException" => UnsupportedTokenTypeException,
            "UnsupportedUserStateException" => UnsupportedUserStateException,
            "UserImportInProgressException" => UserImportInProgressException,
            "UserLambdaValidationException" => UserLambdaValidationException,
            "UserNotConfirmedException" => UserNotConfirmedException,
            "UserNotFoundException" => UserNotFoundException,
            "UserPoolAddOnNotEnabledException" => UserPoolAddOnNotEnabledException,
            "UserPoolTaggingException" => UserPoolTaggingException,
            "UsernameExistsException" => UsernameExistsException,
            "WebAuthnChallengeNotFoundException" => WebAuthnChallengeNotFoundException,
            "WebAuthnClientMismatchException" => WebAuthnClientMismatchException,
            "WebAuthnConfigurationMissingException" => WebAuthnConfigurationMissingException,
            "WebAuthnCredentialNotSupportedException" => WebAuthnCredentialNotSupportedException,
            "WebAuthnNotEnabledException" => WebAuthnNotEnabledException,
            "WebAuthnOriginNotAllowedException" => WebAuthnOriginNotAllowedException,
            "WebAuthnRelyingPartyMismatchException" => WebAuthnRelyingPartyMismatchException,
            other => Unknown(other.to_owned()),
        }
    }

    /// The code as it appears on the wire, e.g. `"NotAuthorizedException"`.
    pub fn as_str(&self) -> &str {
        use ErrorCode::*;
        match self {
            AccessDeniedException => "AccessDeniedException",
            AliasExistsException => "AliasExistsException",
            CachedCIMDURLDoesNotExistException => "CachedCIMDURLDoesNotExistException",
            CodeDeliveryFailureException => "CodeDeliveryFailureException",
            CodeMismatchException => "CodeMismatchException",
            ConcurrentModificationException => "ConcurrentModificationException",
            DeviceKeyExistsException => "DeviceKeyExistsException",
            DuplicateProviderException => "DuplicateProviderException",
            EnableSoftwareTokenMFAException => "EnableSoftwareTokenMFAException",
            ExpiredCodeException => "ExpiredCodeException",
            FeatureUnavailableInTierException => "FeatureUnavailableInTierException",
            ForbiddenException => "ForbiddenException",
            GroupExistsException => "GroupExistsException",
            InternalErrorException => "InternalErrorException",
            InternalServerException => "InternalServerException",
            InvalidEmailRoleAccessPolicyException => "InvalidEmailRoleAccessPolicyException",
            InvalidLambdaResponseException => "InvalidLambdaResponseException",
            InvalidOAuthFlowException => "InvalidOAuthFlowException",
            InvalidParameterException => "InvalidParameterException",
            InvalidPasswordException => "InvalidPasswordException",
            InvalidSmsRoleAccessPolicyException => "InvalidSmsRoleAccessPolicyException",
            InvalidSmsRoleTrustRelationshipException => "InvalidSmsRoleTrustRelationshipException",
            InvalidUserPoolConfigurationException => "InvalidUserPoolConfigurationException",
            LimitExceededException => "LimitExceededException",
            MFAMethodNotFoundException => "MFAMethodNotFoundException",
            ManagedLoginBrandingExistsException => "ManagedLoginBrandingExistsException",
            NotAuthorizedException => "NotAuthorizedException",
            OperationNotEnabledException => "OperationNotEnabledException",
            PasswordHistoryPolicyViolationException => "PasswordHistoryPolicyViolationException",
            PasswordResetRequiredException => "PasswordResetRequiredException",
            PreconditionNotMetException => "PreconditionNotMetException",
            RefreshTokenReuseException => "RefreshTokenReuseException",
            ResourceNotFoundException => "ResourceNotFoundException",
            ScopeDoesNotExistException => "ScopeDoesNotExistException",
            ServiceQuotaExceededException => "ServiceQuotaExceededException",
            SoftwareTokenMFANotFoundException => "SoftwareTokenMFANotFoundException",
            TermsExistsException => "TermsExistsException",
            TierChangeNotAllowedException => "TierChangeNotAllowedException",
            TooManyFailedAttemptsException => "TooManyFailedAttemptsException",
            TooManyRequestsException => "TooManyRequestsException",
            UnauthorizedException => "UnauthorizedException",
            UnexpectedLambdaException => "UnexpectedLambdaException",
            UnsupportedIdentityProviderException => "UnsupportedIdentityProviderException",
            UnsupportedOperationException => "UnsupportedOperationException",
            UnsupportedTokenTypeException => "UnsupportedTokenTypeException",
            UnsupportedUserStateException => "UnsupportedUserStateException",
            UserImportInProgressException => "UserImportInProgressException",
            UserLambdaValidationException => "UserLambdaValidationException",
            UserNotConfirmedException => "UserNotConfirmedException",
            UserNotFoundException => "UserNotFoundException",
            UserPoolAddOnNotEnabledException => "UserPoolAddOnNotEnabledException",
            UserPoolTaggingException => "UserPoolTaggingException",
            UsernameExistsException => "UsernameExistsException",
            WebAuthnChallengeNotFoundException => "WebAuthnChallengeNotFoundException",
            WebAuthnClientMismatchException => "WebAuthnClientMismatchException",
            WebAuthnConfigurationMissingException => "WebAuthnConfigurationMissingException",
            WebAuthnCredentialNotSupportedException => "WebAuthnCredentialNotSupportedException",
            WebAuthnNotEnabledException => "WebAuthnNotEnabledException",
            WebAuthnOriginNotAllowedException => "WebAuthnOriginNotAllowedException",
            WebAuthnRelyingPartyMismatchException => "WebAuthnRelyingPartyMismatchException",
            Unknown(code) => code,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        assert_eq!(ErrorCode::ALL.len(), 60);
        for code in ErrorCode::ALL {
            assert_eq!(
                &ErrorCode::from_code(code.as_str()),
                code,
                "round trip of {code}"
            );
        }
    }

    #[test]
    fn unknown_is_kept() {
        let code = ErrorCode::from_code("Unsupported");
        assert_eq!(code, ErrorCode::Unknown("Unsupported".into()));
        assert_eq!(code.to_string(), "Unsupported");
    }
}
