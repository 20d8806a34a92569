#!/usr/bin/env python3
"""The SRP peers of scripts/bench: `srp_peers.py WHICH ROUNDS`, WHICH `pycognito` or `gmpy2`.

Times the whole client SRP step of one sign-in (draw a, A = g^a, then u, x, S, the key and the
PASSWORD_CLAIM_SIGNATURE) on the inputs of benches/srp.rs. First prints `check KEY_HEX SIGNATURE`
for the fixed vector (a = bytes 1..=128, the time 2017-04-05 22:42:34 UTC), which must equal the
crate's, then `WHICH MEDIAN_MS MIN_MS MAX_MS` over ROUNDS rounds.

pycognito: its own AWSSRP (A = g^a in the constructor, get_auth_params, process_challenge); for the
check its get_password_authentication_key gives the key. gmpy2: the same formulas as
scripts/srp/cognito_srp.py with GMP's powmod for the three exponentiations."""
import base64
import datetime
import hashlib
import hmac
import os
import statistics
import sys
import time
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "srp"))
warnings.filterwarnings("ignore", category=DeprecationWarning)
import cognito_srp as ref  # noqa: E402

POOL, USER, PASSWORD = "us-east-1_AbCdEfGhI", "alice", "Passw0rd!"
SALT = "8f1e2d3c4b5a69788796a5b4c3d2e1f0"
SRP_B = "c1a2e3d4" * 96
SECRET_BLOCK = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3" * 28
FIXED_A = int.from_bytes(bytes(range(1, 129)), "big")
FIXED_TIME = "Wed Apr 5 22:42:34 UTC 2017"
REALM = POOL.split("_")[1]


def signature(key, timestamp):
    return ref.claim_signature(key, REALM, USER, SECRET_BLOCK, timestamp)


def pycognito():
    from pycognito.aws_srp import AWSSRP

    challenge = {"USERNAME": USER, "USER_ID_FOR_SRP": USER, "SALT": SALT, "SRP_B": SRP_B,
                 "SECRET_BLOCK": SECRET_BLOCK}

    def fixed():
        srp = AWSSRP(username=USER, password=PASSWORD, pool_id=POOL, client_id="client", client=object())
        srp.small_a_value = FIXED_A
        srp.large_a_value = pow(ref.g, FIXED_A, ref.N)
        return srp.get_password_authentication_key(USER, PASSWORD, int(SRP_B, 16), SALT)

    def step():
        srp = AWSSRP(username=USER, password=PASSWORD, pool_id=POOL, client_id="client", client=object())
        srp.process_challenge(challenge, srp.get_auth_params())

    return fixed, step


def gmpy2_peer():
    import gmpy2
    from gmpy2 import mpz, powmod

    N, g, k = mpz(ref.N), mpz(ref.g), mpz(ref.k)

    def compute(a, timestamp):
        A = powmod(g, a, N)
        B = mpz(SRP_B, 16)
        u = mpz(ref.compute_u(int(A), int(B)))
        x = mpz(ref.compute_x(int(SALT, 16), REALM, USER, PASSWORD))
        S = powmod((B - k * powmod(g, x, N)) % N, a + u * x, N)
        key = ref.session_key(int(S), int(u))
        return key, signature(key, timestamp)

    def fixed():
        return compute(mpz(FIXED_A), FIXED_TIME)[0]

    def step():
        a = mpz(int.from_bytes(os.urandom(128), "big")) % N
        now = datetime.datetime.now(datetime.timezone.utc)
        compute(a, now.strftime("%a %b %-d %H:%M:%S UTC %Y"))

    assert gmpy2.version()
    return fixed, step


def main():
    which, rounds = sys.argv[1], int(sys.argv[2])
    fixed, step = {"pycognito": pycognito, "gmpy2": gmpy2_peer}[which]()
    key = fixed()
    print(f"check {key.hex()} {signature(key, FIXED_TIME)}", flush=True)
    for _ in range(3):
        step()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    print(f"{which} {statistics.median(times):.3f} {times[0]:.3f} {times[-1]:.3f}")


main()
