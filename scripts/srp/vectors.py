#!/usr/bin/env python3
"""Known-answer vectors for Cognito SRP from two independent implementations.

Runs pinned pycognito (in this interpreter) and amazon-cognito-identity-js (through
drive.js under node) on the same inputs with a fixed private value `a`, fixed device
randomness and a fixed clock, records every intermediate value from each, and writes
JSON that tests/offline/auth/srp_vectors.rs checks.

Usage (normally through scripts/srp/vectors, which installs the peers):
  vectors.py fixtures OUT_DIR      the committed vectors: OUT_DIR/vectors.json and device-vectors.json
  vectors.py fresh N OUT.json      N user vectors (and N//4+1 of each device kind) on fresh random inputs

Where the two libraries disagree, the vector records both values and takes the
expected one from the library that follows the specification in issue 3, for a
known reason. Any other disagreement, or an error from both, fails the run.
"""
import base64
import builtins
import datetime
import json
import os
import random
import string
import subprocess
import sys
import types
import uuid

import pycognito
import pycognito.aws_srp as srp

import cognito_srp  # scripts/srp/cognito_srp.py, beside this file: the specification's maths

PY = "pycognito"
JS = "amazon-cognito-identity-js"
VALUES = ["A", "u", "x", "S", "key", "timestamp", "signature"]
N = int(srp.N_HEX, 16)
HERE = os.path.dirname(os.path.abspath(__file__))

# ---- pycognito with fixed randomness, a fixed clock and recorded intermediates ----

_queue = []
_rec = {}


def _urandom(n):
    if not _queue or len(_queue[0]) != n:
        raise RuntimeError(f"pycognito asked for {n} random bytes; queue: {[len(b) for b in _queue]}")
    return _queue.pop(0)


def _pow(base, exp, mod=None):
    result = builtins.pow(base, exp, mod)
    _rec.setdefault("pow", []).append((base, exp, mod, result))
    return result


_calculate_u = srp.calculate_u


def _recording_u(big_a, big_b):
    u = _calculate_u(big_a, big_b)
    _rec["u"] = u
    return u


_compute_hkdf = srp.compute_hkdf


def _recording_hkdf(ikm, salt):
    key = _compute_hkdf(ikm, salt)
    _rec["key"] = bytes(key).hex()
    return key


_now = [datetime.datetime(2000, 1, 1)]


class _FixedDatetime(datetime.datetime):
    @classmethod
    def utcnow(cls):
        n = _now[0]
        return cls(n.year, n.month, n.day, n.hour, n.minute, n.second)


srp.os = types.SimpleNamespace(urandom=_urandom)
srp.pow = _pow
srp.calculate_u = _recording_u
srp.compute_hkdf = _recording_hkdf
srp.datetime = types.SimpleNamespace(datetime=_FixedDatetime)


class FakeIdp:
    """Stands in for the boto3 client: answers with the case's challenge and records requests."""

    def __init__(self, challenge_name, challenge):
        self.challenge_name, self.challenge, self.sent = challenge_name, challenge, []

    def initiate_auth(self, **kw):
        self.sent.append(kw)
        return {"ChallengeName": self.challenge_name, "ChallengeParameters": self.challenge, "Session": "s"}

    def respond_to_auth_challenge(self, **kw):
        self.sent.append(kw)
        return {"AuthenticationResult": {"AccessToken": "a", "IdToken": "i", "RefreshToken": "r"}}


def _intermediates(values):
    pows = _rec.get("pow", [])
    # pows: [g^a (constructor)], g^x, (B - k g^x)^(a + u x)
    if len(pows) >= 2:
        values["x"] = f"{pows[-2][1]:x}"
        values["S"] = f"{pows[-1][3]:x}"
    if "u" in _rec:
        values["u"] = f"{_rec['u']:x}"
    if "key" in _rec:
        values["key"] = _rec["key"]
    return values


def py_user(c):
    _rec.clear()
    _queue[:] = [bytes.fromhex(c["a"])]
    _now[0] = datetime.datetime.fromtimestamp(c["timestamp_unix"], datetime.timezone.utc)
    idp = FakeIdp("PASSWORD_VERIFIER", {
        "USER_ID_FOR_SRP": c["user_id_for_srp"], "USERNAME": c["user_id_for_srp"],
        "SALT": c["salt"], "SRP_B": c["srp_b"], "SECRET_BLOCK": c["secret_block"]})
    values, error = {}, None
    try:
        aws = srp.AWSSRP(username=c["username"], password=c["password"], pool_id=c["pool_id"],
                         client_id="vectorsclient0000000000000", client=idp)
        aws.authenticate_user()
    except Exception as e:  # recorded, judged by the caller
        error = f"{type(e).__name__}: {e}"
    if idp.sent:
        values["A"] = idp.sent[0]["AuthParameters"]["SRP_A"]
    if len(idp.sent) > 1:
        r = idp.sent[1]["ChallengeResponses"]
        values["timestamp"] = r["TIMESTAMP"]
        values["signature"] = r["PASSWORD_CLAIM_SIGNATURE"]
    return {"values": _intermediates(values), "error": error}


def py_device_auth(c):
    _rec.clear()
    _queue[:] = [bytes.fromhex(c["a"])]
    _now[0] = datetime.datetime.fromtimestamp(c["timestamp_unix"], datetime.timezone.utc)
    values, error = {}, None
    try:
        aws = srp.AWSSRP(username=c["username"], password="unused", pool_id="us-east-1_vectors",
                         client_id="vectorsclient0000000000000", client=object(),
                         device_key=c["device_key"], device_group_key=c["device_group_key"],
                         device_password=c["device_password"])
        values["A"] = aws.get_auth_params()["SRP_A"]
        r = aws.process_device_challenge({"USERNAME": c["username"], "SALT": c["salt"],
                                          "SRP_B": c["srp_b"], "SECRET_BLOCK": c["secret_block"]})
        values["timestamp"] = r["TIMESTAMP"]
        values["signature"] = r["PASSWORD_CLAIM_SIGNATURE"]
    except Exception as e:
        error = f"{type(e).__name__}: {e}"
    return {"values": _intermediates(values), "error": error}


def py_device_verifier(c):
    _queue[:] = [bytes.fromhex(c["password_random"]), bytes.fromhex(c["salt_random"])]
    password, config = srp.generate_hash_device(c["device_group_key"], c["device_key"])
    return {"values": {"device_password": password, "salt": config["Salt"],
                       "password_verifier": config["PasswordVerifier"]}, "error": None}


def run_js(cases):
    node_path = os.environ.get("SRP_NODE_MODULES")
    env = dict(os.environ, NODE_PATH=node_path) if node_path else os.environ
    out = subprocess.run(["node", os.path.join(HERE, "drive.js")], input=json.dumps(cases),
                         capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        sys.exit(f"drive.js failed:\n{out.stderr}")
    return json.loads(out.stdout)


# ---- judging disagreements ---------------------------------------------------------

def salt_padding_differs(salt_hex):
    """pycognito pads SALT as the received string, keeping leading zero bytes."""
    return bytes.fromhex(srp.pad_hex(salt_hex)) != cognito_srp.pad(int(salt_hex, 16))


def js_reads_secret_block_differently(secret_block):
    """Node's Buffer reads '-' and '_' as base64url digits; Python drops them."""
    return "-" in secret_block or "_" in secret_block


SALT_WHY = ("pycognito pads SALT as the received hex string and keeps its leading zero bytes; "
            "the spec pads the salt's value, as amazon-cognito-identity-js does")
BLOCK_WHY = ("amazon-cognito-identity-js decodes SECRET_BLOCK with Node's Buffer, which reads '-' and '_' "
             "as base64url digits; the spec drops characters outside the base64 alphabet, as pycognito does")
PADDING_WHY = ("pycognito's base64.standard_b64decode raises 'Incorrect padding' on a SECRET_BLOCK without "
               "its final '='; the spec tolerates it, as amazon-cognito-identity-js does")


BOTH_WHY_SOURCE = "scripts/srp/vectors.py (amazon-cognito-identity-js's key, pycognito's SECRET_BLOCK decoding)"


def spec_signature(inputs, key_hex, timestamp):
    """PASSWORD_CLAIM_SIGNATURE from a key, decoding SECRET_BLOCK leniently (the spec)."""
    pool = inputs["pool_id"].split("_", 1)[1]
    return cognito_srp.claim_signature(bytes.fromhex(key_hex), pool, inputs["user_id_for_srp"],
                                       inputs["secret_block"], timestamp)


def judge(name, inputs, py, js, names):
    """Merges two libraries' results into expected values, producers and disagreements."""
    salt_differs = "salt" in inputs and salt_padding_differs(inputs["salt"])
    block_differs = "secret_block" in inputs and js_reads_secret_block_differently(inputs["secret_block"])
    if js["error"]:
        sys.exit(f"{name}: {JS} failed: {js['error']}")
    if py["error"] and not (py["error"].startswith("Error: Incorrect padding") and not block_differs):
        sys.exit(f"{name}: {PY} failed: {py['error']}")
    expected, produced_by, disagreements = {}, {}, []
    for v in names:
        pv, jv = py["values"].get(v), js["values"].get(v)
        if jv is None:
            sys.exit(f"{name}: {JS} gave no {v}")
        if pv == jv:
            expected[v], produced_by[v] = jv, [PY, JS]
            continue
        if pv is None and py["error"]:
            trust, why = JS, PADDING_WHY
        elif v in ("x", "S", "key") and salt_differs:
            trust, why = JS, SALT_WHY
        elif v == "signature" and salt_differs and not block_differs:
            trust, why = JS, SALT_WHY
        elif v == "signature" and block_differs and not salt_differs:
            trust, why = PY, BLOCK_WHY
        elif v == "signature" and block_differs and salt_differs:
            # Neither library follows the spec here: take the key from JS (salt) and decode the
            # block as Python does, and compute the signature from those.
            trust, why = BOTH_WHY_SOURCE, SALT_WHY + "; and " + BLOCK_WHY
            expected[v] = spec_signature(inputs, js["values"]["key"], js["values"]["timestamp"])
            produced_by[v] = [trust]
            disagreements.append({"value": v, PY: pv, JS: jv, "expected_from": trust, "why": why})
            continue
        else:
            sys.exit(f"{name}: unexplained disagreement on {v}: {PY}={pv!r} {JS}={jv!r}")
        expected[v] = jv if trust == JS else pv
        produced_by[v] = [trust]
        disagreements.append({"value": v, PY: pv, JS: jv, "expected_from": trust, "why": why})
    out = {"name": name, "inputs": inputs, "expected": expected, "produced_by": produced_by}
    if py["error"]:
        out[f"{PY}_error"] = py["error"]
    if disagreements:
        out["disagreements"] = disagreements
    return out


# ---- inputs ----------------------------------------------------------------------------

class Inputs:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def hex(self, nbytes):
        return self.rng.randbytes(nbytes).hex()

    def a(self):
        return self.hex(128)

    def uuid(self):
        return str(uuid.UUID(bytes=self.rng.randbytes(16), version=4))

    def moto_pool(self):
        return "us-east-1_" + self.hex(16)

    def real_pool(self, region="eu-west-1"):
        return region + "_" + "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(9))

    def big_b(self):
        return f"{self.rng.randrange(2, N):x}"

    def secret_block(self, nbytes=None):
        n = nbytes if nbytes is not None else self.rng.randrange(700, 1600)
        return base64.b64encode(self.rng.randbytes(n)).decode()

    def timestamp(self):
        return self.rng.randrange(946684800, 4102444800)


def top_bit(h):
    return len(h) % 2 == 0 and h[0] in "89abcdef"


def odd(h):
    return len(h) % 2 == 1


def user_case(gen, name, note, **over):
    c = {"name": name, "note": note, "pool_id": gen.real_pool(), "username": "alice",
         "user_id_for_srp": "alice", "password": "Passw0rd!", "a": gen.a(), "salt": gen.hex(16),
         "srp_b": gen.big_b(), "secret_block": gen.secret_block(), "timestamp_unix": gen.timestamp()}
    c.update(over)
    return c


def search(gen, case, want, key="a", make=None, tries=2000):
    """Redraws case[key] until pycognito's values satisfy `want`."""
    make = make or gen.a
    for _ in range(tries):
        values = py_user(case)["values"]
        if want(values):
            return case
        case[key] = make()
    sys.exit(f"{case['name']}: no input found with the wanted property")


def fixture_user_cases(gen):
    ts = lambda *a: int(datetime.datetime(*a, tzinfo=datetime.timezone.utc).timestamp())  # noqa: E731
    moto_user = gen.uuid()
    cases = [
        user_case(gen, "moto-style", "moto: 42-char pool id, sub as USER_ID_FOR_SRP, 128-bit SRP_B, UUID SECRET_BLOCK",
                  pool_id=gen.moto_pool(), username="alice", user_id_for_srp=moto_user, salt=gen.hex(16),
                  srp_b=gen.hex(16), secret_block=gen.uuid(), timestamp_unix=ts(2025, 11, 5, 3, 4, 5)),
        user_case(gen, "moto-style-double-digit-day", "moto-style, UUID SECRET_BLOCK, day 23",
                  pool_id=gen.moto_pool(), user_id_for_srp=gen.uuid(), srp_b=gen.hex(16),
                  secret_block=gen.uuid(), timestamp_unix=ts(2024, 7, 23, 14, 0, 9)),
        user_case(gen, "cognito-style", "real-Cognito-like sizes: 3072-bit B, 16-byte salt, long base64 SECRET_BLOCK"),
        user_case(gen, "single-digit-day", "TIMESTAMP with an unpadded day: Wed Apr 5 22:42:34 UTC 2017",
                  timestamp_unix=ts(2017, 4, 5, 22, 42, 34)),
        user_case(gen, "new-year", "TIMESTAMP at midnight of a new year", timestamp_unix=ts(2000, 1, 1, 0, 0, 0)),
        user_case(gen, "leap-day", "TIMESTAMP on 29 February", timestamp_unix=ts(2024, 2, 29, 23, 59, 59)),
        user_case(gen, "salt-top-bit", "SALT whose top bit is set: PAD adds a zero byte", salt="f" + gen.hex(16)[1:]),
        user_case(gen, "salt-odd-length", "SALT with an odd number of hex digits", salt=gen.hex(16)[1:]),
        user_case(gen, "salt-odd-length-top-nibble", "odd-length SALT starting with a high nibble",
                  salt="a" + gen.hex(15)),
        user_case(gen, "salt-short", "a one-digit SALT", salt="7"),
        user_case(gen, "salt-one-byte-top-bit", "a one-byte SALT with its top bit set", salt="c3"),
        user_case(gen, "salt-uppercase", "SALT in uppercase hex", salt=gen.hex(16).upper()),
        user_case(gen, "salt-leading-zero-byte", "SALT starting with a zero byte (the peers differ)",
                  salt="00" + "1" + gen.hex(15)[1:]),
        user_case(gen, "B-top-bit", "SRP_B whose top bit is set", srp_b="9" + gen.hex(384)[1:]),
        user_case(gen, "B-odd-length", "SRP_B with an odd number of hex digits", srp_b="1" + gen.hex(383)[1:] + "f"),
        user_case(gen, "B-odd-short", "a three-digit SRP_B: B - k*g^x is negative", srp_b="abc"),
        user_case(gen, "B-one", "SRP_B = 1", srp_b="1"),
        user_case(gen, "B-leading-zeros", "SRP_B with leading zero digits", srp_b="0000" + gen.big_b()),
        user_case(gen, "B-uppercase", "SRP_B in uppercase hex", srp_b=gen.big_b().upper()),
        user_case(gen, "B-above-N", "SRP_B >= N: u uses B as sent, S reduces it", srp_b=f"{N + 12345:x}"),
        user_case(gen, "non-ascii-password", "a password with accents, CJK and an emoji",
                  password="pässwörd ✓ 密码 😀"),
        user_case(gen, "non-ascii-user", "USER_ID_FOR_SRP with non-ASCII letters", username="zoë",
                  user_id_for_srp="zoë-ñandú"),
        user_case(gen, "long-username", "a 128-character USER_ID_FOR_SRP",
                  username="long", user_id_for_srp=("user." * 26)[:127] + "z"),
        user_case(gen, "colon-password", "a password containing ':'", password="a:b:c:"),
        user_case(gen, "alias-login", "typed name (an email) differs from USER_ID_FOR_SRP",
                  username="alice@example.com", user_id_for_srp=gen.uuid()),
        user_case(gen, "secret-block-wrapped", "SECRET_BLOCK with line breaks every 76 characters",
                  secret_block="\n".join((lambda s: [s[i:i + 76] for i in range(0, len(s), 76)])(gen.secret_block()))),
        user_case(gen, "secret-block-short", "a four-character SECRET_BLOCK", secret_block="AAEC"),
        user_case(gen, "secret-block-unpadded", "SECRET_BLOCK without its final '=' (pycognito refuses it)",
                  secret_block=gen.secret_block(100).rstrip("=")),
        user_case(gen, "us-gov-pool", "a pool id with a longer region prefix", pool_id=gen.real_pool("us-gov-west-1")),
    ]
    searched = [
        ("A-top-bit", "A whose top bit is set: PAD(A) gets a zero byte", lambda v: top_bit(v["A"])),
        ("A-no-top-bit", "A of full length whose top bit is clear", lambda v: len(v["A"]) == 768 and not top_bit(v["A"])),
        ("A-odd-hex", "SRP_A with an odd number of hex digits", lambda v: odd(v["A"])),
        ("u-top-bit", "u whose top bit is set", lambda v: top_bit(v["u"])),
        ("u-short", "u with a leading zero nibble (PAD(u) is shorter)", lambda v: len(v["u"]) < 64),
        ("S-top-bit", "S whose top bit is set", lambda v: top_bit(v["S"])),
        ("S-odd-hex", "S with an odd number of hex digits", lambda v: odd(v["S"])),
        ("all-top-bits", "A, u and S all with their top bit set, and a top-bit salt",
         lambda v: top_bit(v["A"]) and top_bit(v["u"]) and top_bit(v["S"])),
    ]
    for name, note, want in searched:
        over = {"salt": "8" + gen.hex(16)[1:]} if name == "all-top-bits" else {}
        cases.append(search(gen, user_case(gen, name, note, **over), want))
    return cases


def fixture_device_cases(gen):
    ts = lambda *a: int(datetime.datetime(*a, tzinfo=datetime.timezone.utc).timestamp())  # noqa: E731
    verifiers = []
    for name, note, pw, salt in [
        ("salt-top-bit", "16 random salt bytes with the top bit set: 17-byte salt", gen.hex(40), "f" + gen.hex(16)[1:]),
        ("salt-no-top-bit", "16 random salt bytes with the top bit clear", gen.hex(40), "3" + gen.hex(16)[1:]),
        ("salt-leading-zero-byte", "a salt starting with a zero byte: 15 bytes after PAD", gen.hex(40),
         "00" + "5" + gen.hex(15)[1:]),
        ("all-ff", "all random bytes 0xff", "ff" * 40, "ff" * 16),
        ("random-1", "random", gen.hex(40), gen.hex(16)),
        ("random-2", "random", gen.hex(40), gen.hex(16)),
    ]:
        verifiers.append({"name": name, "note": note, "device_group_key": "-" + gen.hex(4)[:9],
                          "device_key": "us-east-1_" + gen.uuid(), "password_random": pw, "salt_random": salt})
    auth = []
    for name, note, over in [
        ("basic", "a remembered device signing in", {}),
        ("single-digit-day", "unpadded day in TIMESTAMP", {"timestamp_unix": ts(2023, 3, 7, 8, 9, 10)}),
        ("salt-top-bit", "SALT with its top bit set", {"salt": "e" + gen.hex(16)[1:]}),
        ("B-odd-length", "odd-length SRP_B", {"srp_b": "7" + gen.hex(383)[1:] + "1"}),
        ("B-short", "a short SRP_B", {"srp_b": "1f3"}),
        ("non-ascii-group", "a device group key with non-ASCII characters", {"device_group_key": "-grüppe"}),
    ]:
        c = {"name": name, "note": note, "username": "alice", "device_key": "us-east-1_" + gen.uuid(),
             "device_group_key": "-" + gen.hex(4)[:9], "device_password": base64.b64encode(gen.rng.randbytes(40)).decode(),
             "a": gen.a(), "salt": gen.hex(16), "srp_b": gen.big_b(), "secret_block": gen.secret_block(),
             "timestamp_unix": gen.timestamp()}
        c.update(over)
        auth.append(c)
    return verifiers, auth


def fresh_cases(gen, n):
    users = []
    for i in range(n):
        moto = gen.rng.random() < 0.3
        block = gen.uuid() if moto else gen.secret_block(gen.rng.randrange(1, 1600))
        salt = gen.hex(gen.rng.randrange(1, 33))
        if gen.rng.random() < 0.3:
            salt = salt[1:] or "0"  # odd length
        if not moto and gen.rng.random() < 0.15:
            salt = "00" + salt  # leading zero byte, the peers differ (only with a standard SECRET_BLOCK)
        if gen.rng.random() < 0.2:
            salt = salt.upper()
        b = gen.hex(16) if moto else gen.hex(gen.rng.randrange(1, 385))
        if gen.rng.random() < 0.3:
            b = b[1:] or "1"
        if int(b, 16) % N == 0:
            b = "1" + b
        password = "".join(gen.rng.choice(string.ascii_letters + string.digits + "!:@ äö✓😀密") for _ in range(gen.rng.randrange(1, 40)))
        user_id = gen.uuid() if gen.rng.random() < 0.5 else "".join(gen.rng.choice(string.ascii_letters + ".@_-ëñ") for _ in range(gen.rng.randrange(1, 129)))
        users.append(user_case(gen, f"fresh-{i}", "fresh random inputs", pool_id=gen.moto_pool() if moto else gen.real_pool(),
                               username=user_id, user_id_for_srp=user_id, password=password, salt=salt, srp_b=b,
                               secret_block=block))
    verifiers, auth = [], []
    for i in range(n // 4 + 1):
        verifiers.append({"name": f"fresh-verifier-{i}", "note": "fresh random inputs", "device_group_key": "-" + gen.hex(5)[:9],
                          "device_key": "us-east-1_" + gen.uuid(), "password_random": gen.hex(40), "salt_random": gen.hex(16)})
        auth.append({"name": f"fresh-device-{i}", "note": "fresh random inputs", "username": "alice",
                     "device_key": "us-east-1_" + gen.uuid(), "device_group_key": "-" + gen.hex(5)[:9],
                     "device_password": base64.b64encode(gen.rng.randbytes(40)).decode(), "a": gen.a(),
                     "salt": gen.hex(gen.rng.randrange(1, 17)), "srp_b": gen.big_b(), "secret_block": gen.secret_block(),
                     "timestamp_unix": gen.timestamp()})
    return users, verifiers, auth


# ---- assembling ------------------------------------------------------------------------

def build(users, verifiers, auth):
    js = run_js({"user": users, "device_auth": auth, "device_verifier": verifiers})
    strip = lambda c: {k: v for k, v in c.items() if k not in ("name", "note")}  # noqa: E731
    out_users = [dict(judge(c["name"], strip(c), py_user(c), j, VALUES), note=c["note"])
                 for c, j in zip(users, js["user"])]
    out_auth = [dict(judge(c["name"], strip(c), py_device_auth(c), j, VALUES), note=c["note"])
                for c, j in zip(auth, js["device_auth"])]
    out_verifiers = [dict(judge(c["name"], strip(c), py_device_verifier(c), j,
                                ["device_password", "salt", "password_verifier"]), note=c["note"])
                     for c, j in zip(verifiers, js["device_verifier"])]
    return out_users, out_verifiers, out_auth


def header(what, seed):
    node_version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "source": (f"{what}, generated by scripts/srp/vectors from {PY}=={pycognito_version()} (PyPI) and "
                   f"{JS}@{js_version()} (npm), both driven with fixed random bytes (a; device password and salt) "
                   f"and a fixed clock; inputs drawn from random.Random({seed!r})"),
        "peers": {PY: pycognito_version(), JS: js_version(), "python": sys.version.split()[0], "node": node_version},
        "format": ("hex values are lowercase without padding (A is SRP_A as sent); key is the 16-byte HKDF output in hex; "
                   "timestamp_unix is the clock both libraries saw; produced_by names the libraries whose value "
                   "equals the expected one; disagreements keep both values and the reason"),
    }


def pycognito_version():
    from importlib.metadata import version
    return version("pycognito")


def js_version():
    node_modules = os.environ.get("SRP_NODE_MODULES", "")
    with open(os.path.join(node_modules, "amazon-cognito-identity-js", "package.json")) as f:
        return json.load(f)["version"]


def write(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main(argv):
    if len(argv) == 3 and argv[1] == "fixtures":
        seed = "cognito-srp-vectors-1"
        gen = Inputs(seed)
        users = fixture_user_cases(gen)
        verifiers, auth = fixture_device_cases(gen)
        out_users, out_verifiers, out_auth = build(users, verifiers, auth)
        write(os.path.join(argv[2], "vectors.json"), dict(header("User SRP vectors", seed), vectors=out_users))
        write(os.path.join(argv[2], "device-vectors.json"),
              dict(header("Device SRP vectors (ConfirmDevice verifiers and DEVICE_PASSWORD_VERIFIER)", seed),
                   device_verifiers=out_verifiers, device_auth=out_auth))
        counts = (len(out_users), len(out_verifiers), len(out_auth))
    elif len(argv) == 4 and argv[1] == "fresh":
        # SRP_FRESH_SEED reproduces a run; the seed is printed first so a failure can be replayed.
        seed = int(os.environ.get("SRP_FRESH_SEED") or int.from_bytes(os.urandom(8), "big"))
        print(f"srp/vectors: fresh inputs from seed {seed} (SRP_FRESH_SEED={seed} reproduces them)",
              file=sys.stderr)
        gen = Inputs(seed)
        out_users, out_verifiers, out_auth = build(*fresh_cases(gen, int(argv[2])))
        write(argv[3], dict(header("Fresh SRP vectors", seed), vectors=out_users,
                            device_verifiers=out_verifiers, device_auth=out_auth))
        counts = (len(out_users), len(out_verifiers), len(out_auth))
    else:
        sys.exit(__doc__)
    dis = sum(len(v.get("disagreements", [])) > 0 for v in out_users + out_verifiers + out_auth)
    print(f"srp/vectors: {counts[0]} user, {counts[1]} device-verifier, {counts[2]} device-auth vectors; "
          f"{dis} with a recorded disagreement", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
