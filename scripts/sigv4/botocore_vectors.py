"""Sign fixed Cognito requests with botocore's own SigV4Auth and print the
results as a JSON fixture (fixtures/sigv4/botocore-vectors.json).

botocore is an independent SigV4 implementation; tests/offline/wire/sigv4_botocore.rs checks
that `cognito::sign_request` produces the same headers byte for byte.
Credentials below are AWS's documented example keys, not live secrets.
"""
import datetime
import json
import sys
from unittest import mock

import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

CASES = [
    {"name": "admin-get-user", "region": "eu-west-1", "operation": "AdminGetUser",
     "host": "cognito-idp.eu-west-1.amazonaws.com",
     "body": '{"UserPoolId":"eu-west-1_AbC123xyz","Username":"alice"}',
     "time": [2023, 11, 14, 22, 13, 20], "token": None},
    {"name": "list-users-session-token", "region": "us-east-1", "operation": "ListUsers",
     "host": "cognito-idp.us-east-1.amazonaws.com",
     "body": '{"UserPoolId":"us-east-1_AbC123xyz","Filter":"email ^= \\"al\\"","Limit":2}',
     "time": [2026, 1, 2, 3, 4, 5], "token": "FwoGZXIvYXdzEXAMPLESESSIONTOKEN//+=="},
    {"name": "loopback-port", "region": "us-east-1", "operation": "CreateUserPool",
     "host": "127.0.0.1:5055", "scheme": "http",
     "body": '{"PoolName":"p \\u00e9 \\u2603"}',
     "time": [2025, 2, 28, 23, 59, 59], "token": None},
    {"name": "gov-cloud-empty-body", "region": "us-gov-west-1", "operation": "ListUserPools",
     "host": "cognito-idp.us-gov-west-1.amazonaws.com",
     "body": "{}", "time": [2024, 2, 29, 0, 0, 0], "token": None},
    {"name": "china", "region": "cn-north-1", "operation": "AdminDeleteUser",
     "host": "cognito-idp.cn-north-1.amazonaws.com.cn",
     "body": '{"UserPoolId":"cn-north-1_Xy9","Username":"bob"}',
     "time": [2030, 12, 31, 12, 0, 0], "token": None},
]

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"


def sign(case):
    url = f"{case.get('scheme', 'https')}://{case['host']}/"
    headers = {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": f"AWSCognitoIdentityProviderService.{case['operation']}",
    }
    req = AWSRequest(method="POST", url=url, data=case["body"].encode(), headers=headers)
    creds = Credentials(ACCESS_KEY, SECRET_KEY, case["token"])
    when = datetime.datetime(*case["time"], tzinfo=datetime.timezone.utc)
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        SigV4Auth(creds, "cognito-idp", case["region"]).add_auth(req)
    out = {k.lower(): v for k, v in req.headers.items()}
    return {
        "name": case["name"], "region": case["region"], "url": url,
        "epoch_seconds": int(when.timestamp()),
        "access_key_id": ACCESS_KEY, "secret_access_key": SECRET_KEY,
        "session_token": case["token"], "body": case["body"],
        "headers": {"content-type": headers["Content-Type"], "x-amz-target": headers["X-Amz-Target"]},
        "expected": {k: out[k] for k in ("authorization", "x-amz-date", "x-amz-security-token") if k in out},
    }


json.dump({
    "source": f"botocore {botocore.__version__} SigV4Auth (scripts/sigv4/botocore_vectors.py); "
              "AWS's documented example keys, not live secrets",
    "vectors": [sign(c) for c in CASES],
}, sys.stdout, indent=2, ensure_ascii=False)
sys.stdout.write("\n")
