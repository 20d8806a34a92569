#!/usr/bin/env python3
"""srp_server.py: a small Cognito-like server that really checks SRP sign-ins.

Neither emulator checks the SRP proof (moto accepts any signature; cognito-local has no
SRP), so this server holds a password verifier per user and speaks just enough of the
Cognito user-pools wire (HTTP POST, x-amz-json-1.1, X-Amz-Target) for USER_SRP_AUTH:

  InitiateAuth            AuthFlow=USER_SRP_AUTH, AuthParameters USERNAME, SRP_A [, SECRET_HASH]
                          -> PASSWORD_VERIFIER challenge: SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP, USERNAME
  RespondToAuthChallenge  ChallengeName=PASSWORD_VERIFIER, ChallengeResponses USERNAME,
                          PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE, TIMESTAMP [, SECRET_HASH]
                          -> AuthenticationResult with JWT-shaped (not verifiable) tokens

What it checks, with Cognito-shaped errors (HTTP 400, {"__type": ..., "message": ...}):
  * the client id; SECRET_HASH on both steps for a client with a secret, over the USERNAME of that step;
  * the user, by username or alias; the challenge's USERNAME is the internal username, and the answer
    must send exactly that (anything else: UserNotFoundException, as moto does);
  * A mod N != 0; the secret block was issued here, is unused and at most 5 minutes old; the Session,
    when sent, is the one issued with it;
  * TIMESTAMP: `Wed Apr 5 22:42:34 UTC 2017` exactly (English names, unpadded day, the right weekday),
    within --timestamp-tolerance seconds of the server's clock;
  * PASSWORD_CLAIM_SIGNATURE, computed server-side: B = k*v + g^b, S = (A * v^u)^b mod N.
Wrong password: NotAuthorizedException "Incorrect username or password.".

Usage:
  srp_server.py --config CONFIG.json [--port PORT]
  srp_server.py --pool-id ID --client-id ID [--client-secret S] --user NAME:PASSWORD[:ALIAS[:USER_ID_FOR_SRP]]... [--port PORT]
Port 0 (the default) lets the kernel choose. When ready, the port number is printed on stdout.
CONFIG.json:
  {"pool_id": "us-east-1_Example1",
   "clients": [{"client_id": "public1"}, {"client_id": "secret1", "client_secret": "s3cr3t"}],
   "users": [{"username": "alice", "password": "Passw0rd!", "aliases": ["alice@example.com"],
              "user_id_for_srp": "6b2f...", "sub": "optional"}]}
("client_id"/"client_secret" at the top level are accepted for a single client.)
GET /_requests returns the requests received so far (target and JSON body), for tests to assert on.
Python standard library only; the SRP maths is scripts/srp/cognito_srp.py, beside this file.
"""
import argparse
import base64
import calendar
import hashlib
import hmac
import json
import re
import secrets
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cognito_srp import N, claim_signature, compute_u, compute_x, g, k, secret_hash, session_key

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
SESSION_LIFETIME = 300
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TIMESTAMP_RE = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$")


def parse_timestamp(text):
    """Seconds since the epoch for a Cognito TIMESTAMP, or None when it is malformed."""
    m = TIMESTAMP_RE.match(text)
    if not m:
        return None
    wd, mon, day, hh, mm, ss, year = m.groups()
    try:
        t = time.struct_time((int(year), MONTHS.index(mon) + 1, int(day), int(hh), int(mm), int(ss), 0, 0, 0))
        epoch = calendar.timegm(t)
        check = time.gmtime(epoch)
    except (ValueError, OverflowError):
        return None
    if (check.tm_mday, check.tm_mon) != (int(day), MONTHS.index(mon) + 1) or WEEKDAYS[check.tm_wday] != wd:
        return None  # 31 Feb, or a weekday that does not match the date
    return epoch


# ---- state -----------------------------------------------------------------------------

class ServiceError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


class User:
    def __init__(self, pool_name, spec):
        self.username = spec["username"]
        self.aliases = list(spec.get("aliases", [])) + ([spec["alias"]] if spec.get("alias") else [])
        self.user_id_for_srp = spec.get("user_id_for_srp") or self.username
        self.sub = spec.get("sub") or str(uuid.uuid4())
        self.salt = int(spec["salt"], 16) if spec.get("salt") else int.from_bytes(secrets.token_bytes(16), "big")
        # Only the verifier is kept, never the password.
        self.verifier = pow(g, compute_x(self.salt, pool_name, self.user_id_for_srp, spec["password"]), N)


class State:
    def __init__(self, config, tolerance):
        self.pool_id = config["pool_id"]
        if "_" not in self.pool_id:
            raise SystemExit("pool_id must look like region_id")
        self.pool_name = self.pool_id.split("_")[1]
        self.region = self.pool_id.split("_")[0]
        clients = list(config.get("clients", []))
        if config.get("client_id"):
            clients.append({"client_id": config["client_id"], "client_secret": config.get("client_secret")})
        if not clients:
            raise SystemExit("configure at least one client")
        self.clients = {c["client_id"]: c.get("client_secret") for c in clients}
        self.users = [User(self.pool_name, u) for u in config.get("users", [])]
        self.tolerance = tolerance
        self.pending = {}  # SECRET_BLOCK -> sign-in in progress
        self.requests = []
        self.lock = threading.Lock()
        self.token_key = secrets.token_bytes(32)

    def client_secret(self, client_id):
        if client_id not in self.clients:
            raise ServiceError("ResourceNotFoundException", f"User pool client {client_id} does not exist.")
        return self.clients[client_id]

    def check_secret_hash(self, client_id, username, sent):
        secret = self.client_secret(client_id)
        if secret is None:
            return
        if not sent or not hmac.compare_digest(sent, secret_hash(secret, username, client_id)):
            raise ServiceError("NotAuthorizedException", f"Unable to verify secret hash for client {client_id}")

    def find_user(self, name):
        for u in self.users:
            if name == u.username or name in u.aliases:
                return u
        raise ServiceError("UserNotFoundException", "User does not exist.")

    # -- operations --

    def initiate_auth(self, body):
        client_id = body.get("ClientId", "")
        self.client_secret(client_id)
        if body.get("AuthFlow") != "USER_SRP_AUTH":
            raise ServiceError("InvalidParameterException", "This server supports only AuthFlow USER_SRP_AUTH.")
        params = body.get("AuthParameters") or {}
        typed = params.get("USERNAME")
        if not typed or not params.get("SRP_A"):
            raise ServiceError("InvalidParameterException", "Missing required parameter USERNAME or SRP_A")
        self.check_secret_hash(client_id, typed, params.get("SECRET_HASH"))
        user = self.find_user(typed)
        try:
            A = int(params["SRP_A"], 16)
        except ValueError:
            raise ServiceError("InvalidParameterException", "SRP_A is not hex") from None
        if A % N == 0:
            raise ServiceError("InvalidParameterException", "SRP_A mod N is zero")
        b = int.from_bytes(secrets.token_bytes(32), "big")
        B = (k * user.verifier + pow(g, b, N)) % N
        u = compute_u(A, B)
        if u == 0 or B == 0:
            raise ServiceError("InternalErrorException", "degenerate SRP values; retry")
        S = pow(A * pow(user.verifier, u, N), b, N)
        secret_block = base64.b64encode(secrets.token_bytes(1024)).decode()
        session = base64.b64encode(secrets.token_bytes(96)).decode()
        with self.lock:
            self.pending[secret_block] = {"user": user, "client_id": client_id, "key": session_key(S, u),
                                          "session": session, "issued": time.time()}
        return {"ChallengeName": "PASSWORD_VERIFIER", "Session": session, "ChallengeParameters": {
            "SALT": f"{user.salt:x}", "SRP_B": f"{B:x}", "SECRET_BLOCK": secret_block,
            "USER_ID_FOR_SRP": user.user_id_for_srp, "USERNAME": user.username}}

    def respond_to_auth_challenge(self, body):
        client_id = body.get("ClientId", "")
        self.client_secret(client_id)
        if body.get("ChallengeName") != "PASSWORD_VERIFIER":
            raise ServiceError("InvalidParameterException", "This server supports only the PASSWORD_VERIFIER challenge.")
        r = body.get("ChallengeResponses") or {}
        for key in ("USERNAME", "PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "TIMESTAMP"):
            if not r.get(key):
                raise ServiceError("InvalidParameterException", f"Missing required parameter {key}")
        with self.lock:
            pending = self.pending.pop(r["PASSWORD_CLAIM_SECRET_BLOCK"], None)  # one answer per challenge
        if pending is None or time.time() - pending["issued"] > SESSION_LIFETIME:
            raise ServiceError("NotAuthorizedException", "Invalid session for the user, session is expired.")
        if body.get("Session") is not None and body["Session"] != pending["session"]:
            raise ServiceError("NotAuthorizedException", "Invalid session for the user.")
        if client_id != pending["client_id"]:
            raise ServiceError("NotAuthorizedException", "Invalid session for the user.")
        user = pending["user"]
        if r["USERNAME"] != user.username:
            raise ServiceError("UserNotFoundException", "User does not exist.")
        self.check_secret_hash(client_id, r["USERNAME"], r.get("SECRET_HASH"))
        when = parse_timestamp(r["TIMESTAMP"])
        if when is None:
            raise ServiceError("InvalidParameterException", f"Invalid TIMESTAMP: {r['TIMESTAMP']!r}")
        if abs(time.time() - when) > self.tolerance:
            raise ServiceError("NotAuthorizedException", "TIMESTAMP is too far from the server's clock.")
        expected = claim_signature(pending["key"], self.pool_name, user.user_id_for_srp,
                                   r["PASSWORD_CLAIM_SECRET_BLOCK"], r["TIMESTAMP"])
        if not hmac.compare_digest(expected, r["PASSWORD_CLAIM_SIGNATURE"]):
            raise ServiceError("NotAuthorizedException", "Incorrect username or password.")
        return {"ChallengeParameters": {}, "AuthenticationResult": self.tokens(user, client_id)}

    def tokens(self, user, client_id):
        now = int(time.time())
        iss = f"https://cognito-idp.{self.region}.amazonaws.com/{self.pool_id}"
        common = {"sub": user.sub, "iss": iss, "auth_time": now, "iat": now, "exp": now + 3600,
                  "event_id": str(uuid.uuid4()), "jti": str(uuid.uuid4()), "origin_jti": str(uuid.uuid4())}
        access = dict(common, token_use="access", client_id=client_id, username=user.username,
                      scope="aws.cognito.signin.user.admin")
        id_token = dict(common, token_use="id", aud=client_id, **{"cognito:username": user.username})
        return {"AccessToken": self.jwt(access), "IdToken": self.jwt(id_token),
                "RefreshToken": base64.urlsafe_b64encode(secrets.token_bytes(48)).decode().rstrip("="),
                "ExpiresIn": 3600, "TokenType": "Bearer"}

    def jwt(self, claims):
        enc = lambda obj: base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")  # noqa: E731
        head = enc({"kid": "srp-server", "alg": "HS256"}) + "." + enc(claims)
        sig = hmac.new(self.token_key, head.encode(), hashlib.sha256).digest()
        return head + "." + base64.urlsafe_b64encode(sig).decode().rstrip("=")


# ---- HTTP --------------------------------------------------------------------------------

def make_handler(state, verbose):
    operations = {"InitiateAuth": state.initiate_auth, "RespondToAuthChallenge": state.respond_to_auth_challenge}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            if verbose:
                sys.stderr.write("srp_server: " + (fmt % args) + "\n")

        def send_json(self, status, doc, error_type=None):
            body = json.dumps(doc).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            if error_type:
                self.send_header("x-amzn-ErrorType", f"{error_type}:")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/_requests":
                with state.lock:
                    return self.send_json(200, list(state.requests))
            self.send_json(404, {"__type": "UnknownOperationException", "message": "not found"}, "UnknownOperationException")

        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            target = self.headers.get("X-Amz-Target", "")
            op = target[len(TARGET_PREFIX):] if target.startswith(TARGET_PREFIX) else None
            try:
                body = json.loads(raw or b"{}")
                if not isinstance(body, dict):
                    raise ValueError("not an object")
            except ValueError:
                return self.send_json(400, {"__type": "SerializationException", "message": "Malformed JSON body"},
                                      "SerializationException")
            with state.lock:
                state.requests.append({"target": target, "body": body})
            if op not in operations:
                return self.send_json(400, {"__type": "UnknownOperationException",
                                            "message": f"This server does not implement {target!r}"},
                                      "UnknownOperationException")
            try:
                self.send_json(200, operations[op](body))
            except ServiceError as e:
                self.send_json(400, {"__type": e.code, "message": e.message}, e.code)

    return Handler


def parse_args(argv):
    ap = argparse.ArgumentParser(description="A Cognito-like server that checks SRP proofs (loopback only).")
    ap.add_argument("--config", help="JSON config file (see the module doc)")
    ap.add_argument("--pool-id")
    ap.add_argument("--client-id")
    ap.add_argument("--client-secret")
    ap.add_argument("--user", action="append", default=[], help="NAME:PASSWORD[:ALIAS[:USER_ID_FOR_SRP]]")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--timestamp-tolerance", type=int, default=300, help="seconds (default 300)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("port_arg", nargs="?", type=int, help="the port, as an alternative to --port")
    a = ap.parse_args(argv)
    if a.config:
        with open(a.config, encoding="utf-8") as f:
            config = json.load(f)
    else:
        if not (a.pool_id and a.client_id and a.user):
            ap.error("give --config, or --pool-id, --client-id and at least one --user")
        users = []
        for spec in a.user:
            parts = spec.split(":")
            if len(parts) < 2:
                ap.error(f"--user {spec!r}: expected NAME:PASSWORD[:ALIAS[:USER_ID_FOR_SRP]]")
            u = {"username": parts[0], "password": parts[1]}
            if len(parts) > 2 and parts[2]:
                u["aliases"] = [parts[2]]
            if len(parts) > 3 and parts[3]:
                u["user_id_for_srp"] = parts[3]
            users.append(u)
        config = {"pool_id": a.pool_id, "client_id": a.client_id, "client_secret": a.client_secret, "users": users}
    port = a.port_arg if a.port_arg is not None else a.port
    return config, port, a.timestamp_tolerance, a.verbose


def main(argv):
    config, port, tolerance, verbose = parse_args(argv)
    state = State(config, tolerance)
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(state, verbose))
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main(sys.argv[1:])
