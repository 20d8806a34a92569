#!/usr/bin/env python3
"""Times pycognito's client SRP work for one sign-in, on the same inputs as benches/srp.rs:
AWSSRP() (draws a, A = g^a), SRP_A, then process_challenge (u, x, S, key, signature).
Prints the median, minimum and maximum over 101 rounds."""
import statistics
import sys
import time
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)
from pycognito.aws_srp import AWSSRP  # noqa: E402

ROUNDS = 101
challenge = {
    "USERNAME": "alice", "USER_ID_FOR_SRP": "alice", "SALT": "8f1e2d3c4b5a69788796a5b4c3d2e1f0",
    "SRP_B": "c1a2e3d4" * 96, "SECRET_BLOCK": "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3" * 28,
}
times = []
cpu_start = time.thread_time()
for _ in range(ROUNDS):
    start = time.perf_counter()
    srp = AWSSRP(username="alice", password="Passw0rd!", pool_id="us-east-1_AbCdEfGhI",
                 client_id="client", client=object())
    params = srp.get_auth_params()
    srp.process_challenge(challenge, params)
    times.append(time.perf_counter() - start)
cpu = (time.thread_time() - cpu_start) / ROUNDS
times.sort()
print(f"srp client sign-in compute (pycognito {sys.version.split()[0]}): median {statistics.median(times) * 1e3:.2f} ms, "
      f"min {times[0] * 1e3:.2f} ms, max {times[-1] * 1e3:.2f} ms, cpu mean {cpu * 1e3:.2f} ms over {ROUNDS} rounds")
