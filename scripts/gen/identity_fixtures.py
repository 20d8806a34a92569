#!/usr/bin/env python3
"""Write fixtures/constructed/identity/*.json: identity-pool refusals and a user's credentials.

moto 5.2.5's cognito-identity checks neither the Logins map nor AllowUnauthenticatedIdentities,
and answers GetCredentialsForIdentity for any identity, so these conversations are constructed
from the Amazon Cognito Identity API reference (GetId, GetCredentialsForIdentity) and its
documented errors. tests/offline/identity.rs replays them. Every value is synthetic.

Usage: python3 scripts/gen/identity_fixtures.py [OUT_DIR]   (default: fixtures/constructed/identity)
Python standard library only.
"""
import base64
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = ("constructed from the Amazon Cognito Identity API reference (GetId, GetCredentialsForIdentity) "
       "because moto 5.2.5 checks neither the Logins map nor AllowUnauthenticatedIdentities; "
       "synthetic values, not a recording")
POOL = "eu-west-1:0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"
IDENTITY = "eu-west-1:11111111-2222-4333-8444-555555555555"
ISSUER_KEY = "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz"
OTHER_KEY = "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other0000"


def b64(value):
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# An id token with a placeholder signature: sub synthetic-sub-alice, exp 1700003600
# (the replays' clock reads 1700000000).
TOKEN = ".".join([
    b64({"alg": "RS256", "kid": "synthetic-key-not-real"}),
    b64({"sub": "synthetic-sub-alice", "token_use": "id",
         "iss": "https://" + ISSUER_KEY, "exp": 1700003600}),
    "UkVEQUNURUQ",
])


def req(op, body):
    return {"method": "POST", "path": "/",
            "headers": {"content-type": "application/x-amz-json-1.1",
                        "x-amz-target": "AWSCognitoIdentityService." + op},
            "body": body}


def resp(status, body, request_id):
    headers = {"content-type": "application/x-amz-json-1.1", "x-amzn-requestid": request_id}
    if status != 200:
        headers["x-amzn-errortype"] = body["__type"]
    return {"status": status, "headers": headers, "body": body}


def exchange(op, body, status, reply, request_id):
    return {"operation": op, "request": req(op, body), "response": resp(status, reply, request_id)}


FIXTURES = {
    "guest_refused": {
        "source": SRC,
        "description": "a guest asks for an identity of a pool whose AllowUnauthenticatedIdentities is false",
        "context": {"identity_pool_id": POOL},
        "exchanges": [exchange("GetId", {"IdentityPoolId": POOL}, 400, {
            "__type": "NotAuthorizedException",
            "message": "Unauthenticated access is not supported for this identity pool."},
            "synthetic-request-1")],
    },
    "wrong_logins_key": {
        "source": SRC,
        "description": "a user's id token sent under a Logins key (another user pool) the identity pool does not trust",
        "context": {"identity_pool_id": POOL, "logins_key": OTHER_KEY, "id_token": TOKEN},
        "exchanges": [exchange("GetId", {"IdentityPoolId": POOL, "Logins": {OTHER_KEY: TOKEN}}, 400, {
            "__type": "NotAuthorizedException",
            "message": "Token is not from a supported provider of this identity pool."},
            "synthetic-request-2")],
    },
    "user_credentials": {
        "source": SRC,
        "description": "a user of eu-west-1_AbC123xyz gets credentials for a role of their choice; "
                       "a second call is served from the cache",
        "context": {"identity_pool_id": POOL, "id_token": TOKEN},
        "exchanges": [
            exchange("GetId", {"IdentityPoolId": POOL, "Logins": {ISSUER_KEY: TOKEN}}, 200,
                     {"IdentityId": IDENTITY}, "synthetic-request-3"),
            exchange("GetCredentialsForIdentity", {
                "IdentityId": IDENTITY, "Logins": {ISSUER_KEY: TOKEN},
                "CustomRoleArn": "arn:aws:iam::123456789012:role/synthetic-uploader"}, 200, {
                "IdentityId": IDENTITY, "Credentials": {
                    "AccessKeyId": "ASIASYNTHETICEXAMPLE",
                    "SecretKey": "synthetic-secret-key-not-real",
                    "SessionToken": "synthetic-session-token-not-real",
                    "Expiration": 1700003600.5}}, "synthetic-request-4"),
        ],
    },
    "role_not_assumable": {
        "source": SRC,
        "description": "the identity pool's role trust policy does not let cognito-identity assume the role",
        "context": {"identity_pool_id": POOL},
        "exchanges": [
            exchange("GetId", {"IdentityPoolId": POOL}, 200, {"IdentityId": IDENTITY}, "synthetic-request-5"),
            exchange("GetCredentialsForIdentity", {"IdentityId": IDENTITY}, 400, {
                "__type": "InvalidIdentityPoolConfigurationException",
                "message": "Invalid identity pool configuration. Check assigned IAM roles for this pool."},
                "synthetic-request-6"),
        ],
    },
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fixtures", "constructed", "identity")
    os.makedirs(out, exist_ok=True)
    for name, fixture in FIXTURES.items():
        with open(os.path.join(out, name + ".json"), "w") as fh:
            json.dump(fixture, fh, indent=2)
            fh.write("\n")


if __name__ == "__main__":
    main()
