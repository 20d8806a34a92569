#!/usr/bin/env python3
"""boto3 as the GetUser peer of scripts/bench: `boto3_get_user.py URL TOKEN_FILE CALLS`.

One client (GetUser is unsigned; the dummy keys only spare a credential lookup). Prints
`check USERNAME`, warms up, then `boto3 WALL_US CPU_US` per call (CPU: this thread's)."""
import sys
import time

import boto3

url, token_file, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
token = open(token_file).read().strip()
client = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=url,
                      aws_access_key_id="AKIDBENCHEXAMPLE", aws_secret_access_key="bench")
print(f"check {client.get_user(AccessToken=token)['Username']}", flush=True)
for _ in range(50):
    client.get_user(AccessToken=token)
t0, c0 = time.perf_counter(), time.thread_time()
for _ in range(calls):
    client.get_user(AccessToken=token)
wall = (time.perf_counter() - t0) * 1e6 / calls
cpu = (time.thread_time() - c0) * 1e6 / calls
print(f"boto3 {wall:.2f} {cpu:.2f}")
