"""One exchange of a fixture (fixtures/*/*.json), as the generators in scripts/gen/ write it.

The shape is what src/test_util reads: the request the library must send (method, path,
headers, body) and the reply to give back. Imported by auth_fixtures.py, surface_fixtures.py,
admin_ops_fixtures.py and server_fixtures.py (Python standard library only).
"""

CONTENT_TYPE = "application/x-amz-json-1.1"
TARGET_PREFIX = "AWSCognitoIdentityProviderService."
# What a recorded Authorization header (or any secret) becomes; it matches any value on replay.
REDACTED = "<redacted>"


def exchange(operation, body, response, status=200, *, request_id, signed=False,
             error_header=False):
    """`operation` sent with `body`, answered with `status` and `response`.

    `signed` expects an Authorization header (any value); `error_header` adds
    `x-amzn-errortype` from the reply's `__type` to an error reply.
    """
    headers = {"content-type": CONTENT_TYPE, "x-amz-target": TARGET_PREFIX + operation}
    if signed:
        headers["authorization"] = REDACTED
    reply_headers = {"content-type": CONTENT_TYPE, "x-amzn-requestid": request_id}
    if error_header and status != 200:
        reply_headers["x-amzn-errortype"] = response["__type"]
    return {
        "operation": operation,
        "request": {"method": "POST", "path": "/", "headers": headers, "body": body},
        "response": {"status": status, "headers": reply_headers, "body": response},
    }
