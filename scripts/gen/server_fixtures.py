#!/usr/bin/env python3
"""Write fixtures/constructed/server/*.json: the conversations tests/offline/server.rs
replays through the server backend (src/server/).

Each is composed from the constructed sign-in fixtures in fixtures/auth/ (written by
scripts/gen/auth_fixtures.py; their SRP values, SECRET_HASHes, sessions and tokens are
reused as they are), plus GetUser exchanges and error replies constructed from the
Cognito API reference (GetUser, InitiateAuth errors). Every value is synthetic. The
tests run with the clock fixed at 1_700_000_000, as the auth fixtures.

Usage: python3 scripts/gen/server_fixtures.py   (Python standard library only)
"""
import copy
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_json  # noqa: E402  (scripts/gen/fixture_json.py: the shape of one exchange)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AUTH = os.path.join(ROOT, "fixtures", "auth")
OUT = os.path.join(ROOT, "fixtures", "constructed", "server")
SESSION_2 = "synthetic-session-2-not-real-0123456789"


def exchanges(name):
    with open(os.path.join(AUTH, name + ".json")) as f:
        return copy.deepcopy(json.load(f)["exchanges"])


def exchange(operation, body, response, status=200):
    return fixture_json.exchange(operation, body, response, status,
                                 request_id="synthetic-request-" + operation)


def get_user(signed_in):
    """GetUser with the access token `signed_in` (an exchange) returned."""
    token = signed_in["response"]["body"]["AuthenticationResult"]["AccessToken"]
    return exchange("GetUser", {"AccessToken": token}, {
        "Username": "alice-internal",
        "UserAttributes": [
            {"Name": "sub", "Value": "sub-uuid"},
            {"Name": "email", "Value": "alice@example.com"},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "given_name", "Value": "Alice"},
            {"Name": "family_name", "Value": "Example"},
            {"Name": "custom:team", "Value": "blue"},
            {"Name": "locale", "Value": "en"},
        ],
    })


def write(name, source, description, exs):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump({"source": source, "description": description, "exchanges": exs}, f, indent=2)
        f.write("\n")


REF = "constructed from the Cognito API reference"
FROM = "composed by scripts/gen/server_fixtures.py from fixtures/auth/{} (" + REF + ", synthetic values)"

srp = exchanges("srp_secret_alias")
write("srp_get_user", FROM.format("srp_secret_alias.json") + " plus GetUser (" + REF + ")",
      "SRP sign-in as the alias, then GetUser with the new access token", srp + [get_user(srp[1])])

# SRP, then SOFTWARE_TOKEN_MFA after the password verifier; the code is answered in a
# second handle (the resumed state).
mfa = exchanges("mfa_software_token_mfa")
start = exchanges("srp_secret_alias")
start[1]["response"]["body"] = {
    "ChallengeName": "SOFTWARE_TOKEN_MFA",
    "ChallengeParameters": {"USERNAME": "alice-internal"},
    "Session": SESSION_2,
}
answer = mfa[1]
answer["request"]["body"]["Session"] = SESSION_2
write("srp_mfa_resume",
      FROM.format("srp_secret_alias.json and mfa_software_token_mfa.json")
      + " plus GetUser (" + REF + ")",
      "SRP sign-in stopping at SOFTWARE_TOKEN_MFA, answered after a resume, then GetUser",
      start + [answer, get_user(answer)])

first = exchanges("srp_secret_alias")[0]
write("user_not_found", REF + ", InitiateAuth (USER_SRP_AUTH) errors: UserNotFoundException; synthetic values",
      "an unknown user", [exchange("InitiateAuth", first["request"]["body"],
                                   {"__type": "UserNotFoundException", "message": "User does not exist."}, 400)])
write("throttled", REF + ", InitiateAuth (USER_SRP_AUTH) errors: TooManyRequestsException; synthetic values",
      "a failure that is not 'no user'", [exchange("InitiateAuth", first["request"]["body"],
                                                   {"__type": "TooManyRequestsException", "message": "Rate exceeded"}, 400)])

renew = exchanges("refresh_token_kept")[1]
write("renew", FROM.format("refresh_token_kept.json"),
      "REFRESH_TOKEN_AUTH for alice-internal (the reply keeps the refresh token)", [renew])
