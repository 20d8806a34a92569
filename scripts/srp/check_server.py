#!/usr/bin/env python3
"""Self-test of scripts/srp/srp_server.py with independent clients.

Starts the server on a free loopback port and signs in with pinned pycognito's AWSSRP through
botocore (endpoint_url pointed at the server), and with amazon-cognito-identity-js through node.
Run it through scripts/srp/check-server, which provides the peers. Exit status 0 when every case
passes.
"""
import base64
import datetime
import http.client
import json
import os
import subprocess
import sys
import tempfile
import types

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
import pycognito.aws_srp as aws_srp
from pycognito.aws_srp import AWSSRP

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "srp_server.py")
POOL_ID = "us-east-1_SrpCheck1"
SUB = "9c7cb949-8a7a-4fb6-a811-d645aed59042"
CONFIG = {
    "pool_id": POOL_ID,
    "clients": [{"client_id": "publicclient00000000000000"},
                {"client_id": "secretclient00000000000000", "client_secret": "s3cr3t-client-secret"}],
    "users": [
        # moto-like: USER_ID_FOR_SRP is the sub, and the user signs in with an alias too
        {"username": "alice", "password": "Passw0rd!", "aliases": ["alice@example.com"], "user_id_for_srp": SUB},
        # real-Cognito-like: USER_ID_FOR_SRP is the username
        {"username": "bob", "password": "pässwörd ✓"},
    ],
}
failures = []


def case(name, fn):
    try:
        fn()
        print(f"ok    {name}")
    except Exception as e:  # report every failing case, then exit 1
        failures.append(name)
        print(f"FAIL  {name}: {type(e).__name__}: {e}")


def expect_error(code, fn, message=None):
    try:
        fn()
    except ClientError as e:
        got = e.response["Error"]
        assert got["Code"] == code, f"expected {code}, got {got}"
        assert message is None or got["Message"] == message, f"message {got['Message']!r}"
        return
    raise AssertionError(f"expected {code}, but the call succeeded")


def main():
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(CONFIG, f)
    proc = subprocess.Popen([sys.executable, SERVER, "--config", f.name, "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline())
        run_cases(port)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        os.unlink(f.name)
    print(f"srp_server check: {'all passed' if not failures else str(len(failures)) + ' failed'}")
    return 1 if failures else 0


def run_cases(port):
    endpoint = f"http://127.0.0.1:{port}"
    idp = boto3.client("cognito-idp", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing",
                       config=Config(retries={"max_attempts": 1}))
    public, secret = (c["client_id"] for c in CONFIG["clients"])
    client_secret = CONFIG["clients"][1]["client_secret"]

    def srp(username, password, client_id=public, secret_=None):
        return AWSSRP(username=username, password=password, pool_id=POOL_ID, client_id=client_id,
                      client=idp, client_secret=secret_)

    def requests():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("GET", "/_requests")
        return json.loads(c.getresponse().read())

    def signs_in(username, password, **kw):
        tokens = srp(username, password, **kw).authenticate_user()
        result = tokens["AuthenticationResult"]
        assert result["AccessToken"].count(".") == 2 and result["IdToken"].count(".") == 2, result
        assert result["TokenType"] == "Bearer" and result["ExpiresIn"] == 3600, result

    case("right password is accepted (pycognito)", lambda: signs_in("alice", "Passw0rd!"))
    case("right non-ASCII password is accepted (pycognito)", lambda: signs_in("bob", "pässwörd ✓"))
    case("wrong password is refused", lambda: expect_error(
        "NotAuthorizedException", lambda: srp("alice", "wrong").authenticate_user(), "Incorrect username or password."))

    def alias():
        signs_in("alice@example.com", "Passw0rd!")
        last = requests()[-1]["body"]["ChallengeResponses"]
        assert last["USERNAME"] == "alice", f"USERNAME sent: {last['USERNAME']}"
    case("alias login: typed name differs from USER_ID_FOR_SRP", alias)
    case("unknown user is refused", lambda: expect_error(
        "UserNotFoundException", lambda: srp("nobody", "x").authenticate_user()))
    case("secret client with SECRET_HASH is accepted", lambda: signs_in("alice", "Passw0rd!", client_id=secret,
                                                                          secret_=client_secret))
    case("secret client, alias login", lambda: signs_in("alice@example.com", "Passw0rd!", client_id=secret,
                                                         secret_=client_secret))
    case("secret client with a wrong secret is refused", lambda: expect_error(
        "NotAuthorizedException", lambda: srp("alice", "Passw0rd!", client_id=secret,
                                              secret_="wrong").authenticate_user()))
    case("secret client without SECRET_HASH is refused", lambda: expect_error(
        "NotAuthorizedException", lambda: srp("alice", "Passw0rd!", client_id=secret).authenticate_user()))

    def answer(username, password, tamper, client_id=public):
        """InitiateAuth, then a pycognito-computed answer changed by `tamper`."""
        s = srp(username, password, client_id=client_id)
        params = s.get_auth_params()
        r = idp.initiate_auth(AuthFlow="USER_SRP_AUTH", AuthParameters=params, ClientId=client_id)
        responses = s.process_challenge(r["ChallengeParameters"], params)
        tamper(responses, r)
        return idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
                                             ChallengeResponses=responses, Session=r["Session"])

    case("the untampered answer with its Session is accepted", lambda: answer("alice", "Passw0rd!", lambda r, c: None))
    case("USER_ID_FOR_SRP as USERNAME is refused (as moto does)", lambda: expect_error(
        "UserNotFoundException", lambda: answer("alice", "Passw0rd!", lambda r, c: r.update(USERNAME=SUB))))
    case("a zero-padded day in TIMESTAMP is refused", lambda: expect_error(
        "InvalidParameterException", lambda: answer("alice", "Passw0rd!", lambda r, c: r.update(
            TIMESTAMP="Wed Apr 05 22:42:34 UTC 2017"))))
    case("a wrong weekday in TIMESTAMP is refused", lambda: expect_error(
        "InvalidParameterException", lambda: answer("alice", "Passw0rd!", lambda r, c: r.update(
            TIMESTAMP="Thu Apr 5 22:42:34 UTC 2017"))))
    case("a tampered signature is refused", lambda: expect_error(
        "NotAuthorizedException", lambda: answer("alice", "Passw0rd!", lambda r, c: r.update(
            PASSWORD_CLAIM_SIGNATURE=base64.b64encode(b"\0" * 32).decode())), "Incorrect username or password."))
    case("an unknown secret block is refused", lambda: expect_error(
        "NotAuthorizedException", lambda: answer("alice", "Passw0rd!", lambda r, c: r.update(
            PASSWORD_CLAIM_SECRET_BLOCK=base64.b64encode(b"x" * 30).decode()))))

    def stale():
        real = aws_srp.datetime
        ten_minutes_ago = datetime.datetime.utcnow() - datetime.timedelta(minutes=10)

        class Past(datetime.datetime):
            @classmethod
            def utcnow(cls):
                return ten_minutes_ago
        aws_srp.datetime = types.SimpleNamespace(datetime=Past)
        try:
            expect_error("NotAuthorizedException", lambda: srp("alice", "Passw0rd!").authenticate_user())
        finally:
            aws_srp.datetime = real
    case("a TIMESTAMP 10 minutes old is refused", stale)

    def replay():
        s = srp("alice", "Passw0rd!")
        params = s.get_auth_params()
        r = idp.initiate_auth(AuthFlow="USER_SRP_AUTH", AuthParameters=params, ClientId=public)
        responses = s.process_challenge(r["ChallengeParameters"], params)
        idp.respond_to_auth_challenge(ClientId=public, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses)
        expect_error("NotAuthorizedException", lambda: idp.respond_to_auth_challenge(
            ClientId=public, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses))
    case("a replayed answer is refused", replay)

    def wire_shape():
        s = srp("alice", "wrong")
        params = s.get_auth_params()
        r = idp.initiate_auth(AuthFlow="USER_SRP_AUTH", AuthParameters=params, ClientId=public)
        body = json.dumps({"ClientId": public, "ChallengeName": "PASSWORD_VERIFIER",
                           "ChallengeResponses": s.process_challenge(r["ChallengeParameters"], params)})
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("POST", "/", body=body, headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AWSCognitoIdentityProviderService.RespondToAuthChallenge"})
        resp = c.getresponse()
        doc = json.loads(resp.read())
        assert resp.status == 400, resp.status
        assert doc == {"__type": "NotAuthorizedException", "message": "Incorrect username or password."}, doc
    case("errors are Cognito-shaped JSON with HTTP 400", wire_shape)

    node_modules = os.environ.get("SRP_NODE_MODULES")
    if node_modules:
        def js(username, password, want):
            out = subprocess.run(["node", os.path.join(HERE, "js_login.js"), endpoint, POOL_ID, public, username,
                                  password], capture_output=True, text=True, env=dict(os.environ, NODE_PATH=node_modules),
                                 timeout=60)
            assert out.stdout.strip() == want, f"got {out.stdout.strip()!r} {out.stderr.strip()}"
        case("right password is accepted (amazon-cognito-identity-js)", lambda: js("bob", "pässwörd ✓", "success"))
        case("wrong password is refused (amazon-cognito-identity-js)",
             lambda: js("bob", "wrong", "NotAuthorizedException: Incorrect username or password."))
    else:
        failures.append("amazon-cognito-identity-js cases: SRP_NODE_MODULES is not set")


if __name__ == "__main__":
    sys.exit(main())
