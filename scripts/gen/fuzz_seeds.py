#!/usr/bin/env python3
"""Write fuzz/corpus/<target>/seed-*: the fuzz targets' committed seed corpus, from fixtures/.

One small file per seed, in each target's input format (see the doc comment at the top of
fuzz/fuzz_targets/<target>.rs):
  jwt    mode byte 0 (access) or 2 (id) + each token of fixtures/jwt/tokens.json;
         mode byte 1 + the claims of each token whose payload is JSON
  jwks   fixtures/jwt/jwks.json whole, each of its keys alone, and an empty set
  wire   status byte + body of every reply in fixtures/errors/ and fixtures/moto/
  srp    SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP, pool id, password (NUL-separated) of each
         user vector of fixtures/srp/vectors.json
  steps  flags byte + the sign-in replies (NUL-separated) of every fixtures/auth/ conversation

Deterministic: running it twice writes the same files. Old seed-* files are removed first.
Usage: python3 scripts/gen/fuzz_seeds.py        (Python standard library only)
"""
import base64
import glob
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
# fuzz/fuzz_targets/wire.rs STATUSES, by index.
STATUSES = [200, 201, 204, 299, 300, 301, 400, 401, 403, 404, 413, 429, 500, 502, 503, 599]
# cognito::__fuzz::StartKind::ALL, by index.
START_KINDS = {
    "USER_SRP_AUTH": 0,
    "USER_PASSWORD_AUTH": 1,
    "ADMIN_USER_PASSWORD_AUTH": 2,
    "CUSTOM_AUTH+SRP": 3,
    "CUSTOM_AUTH": 4,
    "USER_AUTH": 5,
    "USER_AUTH+PASSWORD": 6,
    "USER_AUTH+PASSWORD_SRP": 7,
    "USER_AUTH+EMAIL_OTP": 8,
}
SIGN_IN_OPS = {"InitiateAuth", "AdminInitiateAuth", "RespondToAuthChallenge", "AdminRespondToAuthChallenge"}


def load(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return json.load(f)


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)


def b64url_json(segment):
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def jwt_seeds():
    doc = load("fixtures/jwt/tokens.json")
    for t in doc["tokens"]:
        mode = 2 if t.get("token_use") == "id" else 0
        write("jwt", t["name"], bytes([mode]) + t["token"].encode("utf-8"))
        parts = t["token"].split(".")
        claims = b64url_json(parts[1]) if len(parts) > 1 else None
        if claims is not None:
            # Mode 1 (access) or 3 (id), time bits 32: the fixtures' now.
            write("jwt", t["name"] + "-claims", bytes([(32 << 2) | mode | 1]) + compact(claims))


def jwks_seeds():
    doc = load("fixtures/jwt/jwks.json")
    write("jwks", "fixture", compact({"keys": doc["keys"]}))
    for key in doc["keys"]:
        write("jwks", "key-" + key.get("kid", "none"), compact({"keys": [key]}))
    write("jwks", "empty", b'{"keys":[]}')


def exchanges(pattern):
    for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
        doc = json.load(open(path, encoding="utf-8"))
        name = os.path.splitext(os.path.basename(path))[0]
        yield name, doc.get("exchanges") or []


def body_bytes(body):
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    return compact(body)


def wire_seeds():
    for pattern in ("fixtures/errors/*.json", "fixtures/moto/*.json"):
        for name, exs in exchanges(pattern):
            for i, ex in enumerate(exs):
                resp = ex["response"]
                status = resp["status"]
                idx = STATUSES.index(status) if status in STATUSES else 6
                headers = {k.lower(): v for k, v in (resp.get("headers") or {}).items()}
                sel = idx | (0x20 if "x-amzn-requestid" in headers else 0)
                data = body_bytes(resp.get("body"))
                if "x-amzn-errortype" in headers:
                    sel |= 0x10
                    data = headers["x-amzn-errortype"].encode("utf-8") + b"\n" + data
                write("wire", f"{name}-{i}", bytes([sel]) + data)


def srp_seeds():
    for v in load("fixtures/srp/vectors.json")["vectors"]:
        i = v["inputs"]
        fields = [i["salt"], i["srp_b"], i["secret_block"], i["user_id_for_srp"], i["pool_id"], i["password"]]
        write("srp", v["name"], b"\0".join(f.encode("utf-8") for f in fields))


def start_kind(params, flow):
    if flow == "CUSTOM_AUTH":
        return START_KINDS["CUSTOM_AUTH+SRP" if "SRP_A" in params else "CUSTOM_AUTH"]
    if flow == "USER_AUTH":
        preferred = params.get("PREFERRED_CHALLENGE")
        return START_KINDS["USER_AUTH+" + preferred if preferred else "USER_AUTH"]
    return START_KINDS[flow]


def steps_seeds():
    for name, exs in exchanges("fixtures/auth/*.json"):
        first = next((ex for ex in exs if ex["operation"] in ("InitiateAuth", "AdminInitiateAuth")), None)
        if first is None:
            continue
        body = first["request"]["body"]
        params = body.get("AuthParameters") or {}
        flags = start_kind(params, body["AuthFlow"])
        flags |= 0x10 if "SECRET_HASH" in params else 0
        flags |= 0x20 if "DEVICE_KEY" in params else 0
        replies = [body_bytes(ex["response"].get("body")) for ex in exs
                   if ex["operation"] in SIGN_IN_OPS and ex["response"]["status"] == 200]
        write("steps", name, bytes([flags]) + b"\0".join(replies))


def main():
    for path in glob.glob(os.path.join(CORPUS, "*", "seed-*")):
        os.remove(path)
    jwt_seeds()
    jwks_seeds()
    wire_seeds()
    srp_seeds()
    steps_seeds()
    for target in sorted(os.listdir(CORPUS)):
        files = os.listdir(os.path.join(CORPUS, target))
        size = sum(os.path.getsize(os.path.join(CORPUS, target, f)) for f in files)
        print(f"fuzz/corpus/{target}: {len(files)} seeds, {size} bytes")


if __name__ == "__main__":
    main()
