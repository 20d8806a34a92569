#!/usr/bin/env python3
"""Write fixtures/constructed/admin_ops/*.json: one conversation per typed method of the
administrator operations moto 5.2.5 does not implement.

moto 5.2.5 has no AdminDeleteSoftwareToken, AdminDisableProviderForUser, AdminForgetDevice,
AdminGetDevice, AdminGetUserAuthFactors, AdminLinkProviderForUser, AdminListDevices,
AdminListUserAuthEvents, AdminListUserSessions, AdminRevokeUserSession, AdminSetUserSettings,
AdminUpdateAuthEventFeedback or AdminUpdateDeviceStatus (moto/cognitoidp/responses.py has no
handler for them; the server answers HTML 500), and cognito-local has none either. So these
conversations are constructed from the request and response shapes of each operation in the
API model (botocore 1.44.8, cognito-idp 2016-04-18; the trimmed copy is
fixtures/model/cognito-idp.json) and the Cognito API reference. tests/admin_ops.rs replays
them and asserts the requests and the parsed results.

Every value is synthetic and labelled as such; ids follow the model's patterns (device keys
`region_hex`, session ids `tkn`/`sso` + 25 characters). Requests carry the exact expected
values, so a replay checks every member. Admin calls carry no secrets in their bodies.

Usage: python3 scripts/gen/admin_ops_fixtures.py [OUT_DIR]   (default: fixtures/constructed/admin_ops)
Python standard library only.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_json  # noqa: E402  (scripts/gen/fixture_json.py: the shape of one exchange)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

REF = "constructed from the Cognito API reference, "
WHY = (". Constructed because moto 5.2.5 does not implement {ops} (it answers HTML 500): the "
       "exchanges follow the request and response shapes in the API model (botocore 1.44.8).")

# ---- synthetic identities (mirrored in tests/admin_ops.rs) ----------------------------------
POOL_ID = "us-east-1_AdminOpsC0nstr"
USERNAME = "olga@example.com"
NOW = 1_700_000_000
DEVICE_1 = "us-east-1_0a1b2c3d-0000-4000-8000-00000000d001"
DEVICE_2 = "us-east-1_0a1b2c3d-0000-4000-8000-00000000d002"
SESSION_TOKEN = "tkn" + "synthetic0session00000001"
SESSION_SSO = "sso" + "synthetic0session00000002"
EVENT_1 = "synthetic-event-0001"
EVENT_2 = "synthetic-event-0002"
GOOGLE_SUB = "109876543210987654321"
CLIENT_ID = "synthetic0public0client003"

CONTEXT = {"user_pool_id": POOL_ID, "username": USERNAME}

_request_ids = iter(range(1, 1000))


def exchange(operation, body, response, status=200):
    return fixture_json.exchange(operation, body, response, status,
                                 request_id=f"synthetic-admin-request-{next(_request_ids)}",
                                 error_header=True)


def error(code, message):
    return {"__type": code, "message": message}


def user(**more):
    return {"UserPoolId": POOL_ID, "Username": USERNAME, **more}


def device(key, name, remembered):
    return {
        "DeviceKey": key,
        "DeviceAttributes": [
            {"Name": "device_name", "Value": name},
            {"Name": "device_status", "Value": "valid"},
            {"Name": "dev:device_remembered_status", "Value": remembered},
            {"Name": "last_ip_used", "Value": "192.0.2.10"},
        ],
        "DeviceCreateDate": NOW - 86400,
        "DeviceLastModifiedDate": NOW - 3600,
        "DeviceLastAuthenticatedDate": NOW - 60.5,
    }


def full_event():
    """An AuthEventType with every member, at every depth."""
    return {
        "EventId": EVENT_1,
        "EventType": "SignIn",
        "CreationDate": NOW - 1000.25,
        "EventResponse": "Fail",
        "EventRisk": {"RiskDecision": "Block", "RiskLevel": "High",
                      "CompromisedCredentialsDetected": True},
        "ChallengeResponses": [{"ChallengeName": "Password", "ChallengeResponse": "Success"},
                               {"ChallengeName": "Mfa", "ChallengeResponse": "Failure"}],
        "EventContextData": {"IpAddress": "192.0.2.44", "DeviceName": "Firefox on Linux",
                             "Timezone": "+01:00", "City": "Synthetic City",
                             "Country": "Synthetic Country"},
        "EventFeedback": {"FeedbackValue": "Invalid", "Provider": "Admin",
                          "FeedbackDate": NOW - 500},
    }


def full_session():
    """A SessionDescriptionType with every member."""
    return {
        "SessionId": SESSION_TOKEN,
        "SessionType": "TOKEN",
        "ClientId": CLIENT_ID,
        "CreateDate": NOW - 7200,
        "LastActiveDate": NOW - 30.5,
        "DeviceType": "Linux, Firefox 120",
        "LastIPAddress": "192.0.2.44",
        "LastLocation": {"City": "Synthetic City", "Country": "Synthetic Country"},
        "OriginSessionId": SESSION_SSO,
        "IsCurrentSession": False,
    }


def fixtures():
    # ---- devices ------------------------------------------------------------------------
    yield "admin_get_device", "admin_get_device: the device with its attributes and dates; an unknown key is ResourceNotFoundException", [
        exchange("AdminGetDevice", {"DeviceKey": DEVICE_2, "UserPoolId": POOL_ID, "Username": USERNAME},
                 {"Device": device(DEVICE_2, "second synthetic device", "not_remembered")}),
        exchange("AdminGetDevice", {"DeviceKey": DEVICE_1, "UserPoolId": POOL_ID, "Username": USERNAME},
                 error("ResourceNotFoundException", "Device does not exist."), status=400),
    ]
    yield "admin_list_devices", "admin_list_devices over two pages (PaginationToken)", [
        exchange("AdminListDevices", user(Limit=60),
                 {"Devices": [device(DEVICE_1, "synthetic laptop", "remembered")],
                  "PaginationToken": "synthetic-pagination-token-2"}),
        exchange("AdminListDevices", user(Limit=60, PaginationToken="synthetic-pagination-token-2"),
                 {"Devices": [device(DEVICE_2, "second synthetic device", "not_remembered")]}),
    ]
    yield "admin_devices", "admin_devices fetches a page only when the iterator needs it; an error on the second page ends it", [
        exchange("AdminListDevices", user(Limit=60),
                 {"Devices": [device(DEVICE_1, "synthetic laptop", "remembered")],
                  "PaginationToken": "synthetic-pagination-token-2"}),
        exchange("AdminListDevices", user(Limit=60, PaginationToken="synthetic-pagination-token-2"),
                 error("TooManyRequestsException", "Rate exceeded"), status=400),
    ]
    yield "admin_update_device_status", "admin_update_device_status both ways", [
        exchange("AdminUpdateDeviceStatus", user(DeviceKey=DEVICE_2, DeviceRememberedStatus="remembered"), {}),
        exchange("AdminUpdateDeviceStatus", user(DeviceKey=DEVICE_2, DeviceRememberedStatus="not_remembered"), {}),
    ]
    yield "admin_forget_device", "admin_forget_device (no output in the model: an empty body)", [
        exchange("AdminForgetDevice", user(DeviceKey=DEVICE_1), None),
    ]
    # ---- MFA factors --------------------------------------------------------------------
    yield "admin_delete_software_token", "admin_delete_software_token; an unknown user is UserNotFoundException", [
        exchange("AdminDeleteSoftwareToken", user(), {}),
        exchange("AdminDeleteSoftwareToken", {"UserPoolId": POOL_ID, "Username": "nobody"},
                 error("UserNotFoundException", "User does not exist."), status=400),
    ]
    yield "admin_get_user_auth_factors", "admin_get_user_auth_factors with every member", [
        exchange("AdminGetUserAuthFactors", user(),
                 {"Username": "olga-internal", "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA",
                  "UserMFASettingList": ["SMS_MFA", "SOFTWARE_TOKEN_MFA"],
                  "ConfiguredUserAuthFactors": ["PASSWORD", "SMS_OTP", "SOFTWARE_TOKEN"]}),
    ]
    yield "admin_set_user_settings", "admin_set_user_settings: SMS to phone_number, then an empty list", [
        exchange("AdminSetUserSettings",
                 user(MFAOptions=[{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]), {}),
        exchange("AdminSetUserSettings", user(MFAOptions=[]), {}),
    ]
    # ---- identities from external providers ---------------------------------------------
    yield "admin_link_provider_for_user", "admin_link_provider_for_user: a Google subject to a pool user; a sixth link is LimitExceededException", [
        exchange("AdminLinkProviderForUser",
                 {"UserPoolId": POOL_ID,
                  "DestinationUser": {"ProviderName": "Cognito", "ProviderAttributeValue": USERNAME},
                  "SourceUser": {"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject",
                                 "ProviderAttributeValue": GOOGLE_SUB}},
                 {}),
        exchange("AdminLinkProviderForUser",
                 {"UserPoolId": POOL_ID,
                  "DestinationUser": {"ProviderName": "Cognito", "ProviderAttributeValue": USERNAME},
                  "SourceUser": {"ProviderName": "SyntheticSaml", "ProviderAttributeName": "email",
                                 "ProviderAttributeValue": USERNAME}},
                 error("LimitExceededException", "Too many linked identities."), status=400),
    ]
    yield "admin_disable_provider_for_user", "admin_disable_provider_for_user: the Google identity by its subject", [
        exchange("AdminDisableProviderForUser",
                 {"UserPoolId": POOL_ID,
                  "User": {"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject",
                           "ProviderAttributeValue": GOOGLE_SUB}},
                 {}),
    ]
    # ---- threat protection's event log --------------------------------------------------
    yield "admin_list_user_auth_events", "admin_list_user_auth_events over two pages (NextToken), one event with every member; without threat protection, UserPoolAddOnNotEnabledException", [
        exchange("AdminListUserAuthEvents", user(MaxResults=60),
                 {"AuthEvents": [full_event()], "NextToken": "synthetic-next-token-2"}),
        exchange("AdminListUserAuthEvents", user(MaxResults=60, NextToken="synthetic-next-token-2"),
                 {"AuthEvents": [{"EventId": EVENT_2, "EventType": "PasswordChange",
                                  "CreationDate": NOW - 2000, "EventResponse": "Pass"}]}),
        exchange("AdminListUserAuthEvents", {"UserPoolId": POOL_ID, "Username": "nobody", "MaxResults": 60},
                 error("UserPoolAddOnNotEnabledException",
                       "Threat protection is not enabled for this user pool."), status=400),
    ]
    yield "admin_user_auth_events", "admin_user_auth_events: taking the first event fetches one page only", [
        exchange("AdminListUserAuthEvents", user(MaxResults=60),
                 {"AuthEvents": [full_event(), {"EventId": EVENT_2}],
                  "NextToken": "synthetic-next-token-2"}),
    ]
    yield "admin_update_auth_event_feedback", "admin_update_auth_event_feedback Valid and Invalid; an unknown event is ResourceNotFoundException", [
        exchange("AdminUpdateAuthEventFeedback", user(EventId=EVENT_1, FeedbackValue="Valid"), {}),
        exchange("AdminUpdateAuthEventFeedback", user(EventId=EVENT_2, FeedbackValue="Invalid"), {}),
        exchange("AdminUpdateAuthEventFeedback", user(EventId="synthetic-event-9999", FeedbackValue="Invalid"),
                 error("ResourceNotFoundException", "Auth event not found."), status=400),
    ]
    # ---- sessions -----------------------------------------------------------------------
    yield "admin_list_user_sessions", "admin_list_user_sessions: a token session with every member, then (NextToken) an SSO session", [
        exchange("AdminListUserSessions", user(),
                 {"Sessions": [full_session()], "NextToken": "synthetic-next-token-2"}),
        exchange("AdminListUserSessions", user(NextToken="synthetic-next-token-2"),
                 {"Sessions": [{"SessionId": SESSION_SSO, "SessionType": "SSO",
                                "ClientId": CLIENT_ID, "CreateDate": NOW - 9000}]}),
    ]
    yield "admin_revoke_user_session", "admin_revoke_user_session with LINKED and with NONE; a revoked session is ResourceNotFoundException", [
        exchange("AdminRevokeUserSession", user(SessionId=SESSION_TOKEN, RevokeAssociatedSessions="LINKED"), {}),
        exchange("AdminRevokeUserSession", user(SessionId=SESSION_SSO, RevokeAssociatedSessions="NONE"), {}),
        exchange("AdminRevokeUserSession", user(SessionId=SESSION_TOKEN, RevokeAssociatedSessions="NONE"),
                 error("ResourceNotFoundException", "Session not found."), status=400),
    ]


def operations(exchanges):
    seen = []
    for x in exchanges:
        if x["operation"] not in seen:
            seen.append(x["operation"])
    return seen


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fixtures", "constructed", "admin_ops")
    os.makedirs(out, exist_ok=True)
    for name, description, exchanges in fixtures():
        ops = operations(exchanges)
        doc = {
            "source": REF + ", ".join(ops),
            "description": description + WHY.format(ops=", ".join(ops)),
            "context": CONTEXT,
            "exchanges": exchanges,
        }
        with open(os.path.join(out, f"{name}.json"), "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        print(f"wrote {name}.json ({len(exchanges)} exchanges)")


if __name__ == "__main__":
    main()
