#!/usr/bin/env node
// scripts/gen/oauth_fixtures.js: writes fixtures/oauth/ (the offline OAuth 2.0 replays of
// tests/offline/oauth/) with Node's own crypto; no packages.
//
// Usage: node scripts/gen/oauth_fixtures.js [OUT_DIR]        (default: fixtures/oauth)
//
// Every request and response is shaped as Cognito's documentation of its user pool endpoints
// shows them (Amazon Cognito Developer Guide, "User pool endpoints and managed login reference":
// the authorize, token, userInfo, revoke and logout endpoints; the token claims of "Understanding
// user pool JSON web tokens"). The tokens are signed with a 2048-bit RSA key generated afresh on
// each run (its private half is not written), so every token changes: commit the whole folder,
// then run `cargo test --test offline oauth`.
//
// The tests' random source gives the bytes 0, 1, 2, … in order, so the authorize request's
// state is base64url(0..16), its nonce base64url(16..32) and its PKCE verifier base64url(32..64).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const OUT = process.argv[2] || path.join(__dirname, "..", "..", "fixtures", "oauth");
const POOL = "us-east-1_OAuthPool1";
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`;
const PUBLIC_CLIENT = "4publicclient00000000000aa";
const SECRET_CLIENT = "5secretclient00000000000bb";
const SECRET = "synthetic-client-secret-not-real";
const M2M_CLIENT = "6machineclient0000000000cc";
const REDIRECT = "http://localhost:8400/callback";
const NOW = 1_700_000_000;
const SUB = "a1b2c3d4-0000-4000-8000-00000000beef";
const USERNAME = "alice";
const SOURCE =
  "constructed from the Amazon Cognito Developer Guide's user pool endpoints reference " +
  "(authorize, token, userInfo, revoke, logout) and its token claims; " +
  `signed by scripts/gen/oauth_fixtures.js (Node ${process.version} crypto) with a synthetic key`;

const b64 = (buf) => Buffer.from(buf).toString("base64url");
const seq = (from, to) => Buffer.from(Array.from({ length: to - from }, (_, i) => from + i));
const STATE = b64(seq(0, 16));
const NONCE = b64(seq(16, 32));
const VERIFIER = b64(seq(32, 64));

const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = publicKey.export({ format: "jwk" });
const KID = "oauth-fixture-key";
const JWKS = { keys: [{ alg: "RS256", e: jwk.e, kid: KID, kty: "RSA", n: jwk.n, use: "sig" }] };

function sign(claims) {
  const head = b64(JSON.stringify({ kid: KID, alg: "RS256" }));
  const body = b64(JSON.stringify(claims));
  const sig = crypto.sign("sha256", Buffer.from(`${head}.${body}`), privateKey);
  return `${head}.${body}.${b64(sig)}`;
}

function atHash(token) {
  return b64(crypto.createHash("sha256").update(token).digest().subarray(0, 16));
}

function userTokens(clientId, iat, { nonce, jti, scope = "aws.cognito.signin.user.admin openid email" }) {
  const access = sign({
    sub: SUB, iss: ISSUER, version: 2, client_id: clientId, origin_jti: `origin-${jti}`,
    token_use: "access", scope,
    auth_time: NOW, exp: iat + 3600, iat, jti: `access-${jti}`, username: USERNAME,
  });
  const idClaims = {
    at_hash: atHash(access), sub: SUB, email_verified: true, iss: ISSUER,
    "cognito:username": USERNAME, origin_jti: `origin-${jti}`, aud: clientId,
    token_use: "id", auth_time: NOW, exp: iat + 3600, iat, jti: `id-${jti}`,
    email: "alice@example.com",
  };
  if (nonce) idClaims.nonce = nonce;
  return { access, id: sign(idClaims) };
}

const form = (pairs) =>
  pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
const basic = (id, secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const FORM = "application/x-www-form-urlencoded";
const JSON_HEADERS = { "content-type": "application/json;charset=UTF-8" };

function post(pathName, body, headers = {}) {
  return { method: "POST", path: pathName, headers: { "content-type": FORM, ...headers }, body };
}
function reply(status, body, headers = JSON_HEADERS) {
  return { status, headers, body };
}
const jwksExchange = {
  request: { method: "GET", path: `/${POOL}/.well-known/jwks.json`, headers: {}, body: null },
  response: reply(200, JWKS),
};
const codeForm = (code, extra = []) =>
  form([
    ["grant_type", "authorization_code"], ["code", code], ["redirect_uri", REDIRECT],
    ["code_verifier", VERIFIER], ...extra,
  ]);

function write(name, fixture) {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, name), JSON.stringify({ source: SOURCE, ...fixture }, null, 2) + "\n");
}

const context = {
  user_pool_id: POOL, public_client_id: PUBLIC_CLIENT, secret_client_id: SECRET_CLIENT,
  m2m_client_id: M2M_CLIENT, domain: "https://my-app.auth.us-east-1.amazoncognito.com",
  redirect_uri: REDIRECT, now: String(NOW), state: STATE, nonce: NONCE, username: USERNAME,
};

// 1. A public client's whole life: code → tokens (id token verified, nonce checked) → GetUser
//    with the stored access token → renewal at the token endpoint once expired → userInfo →
//    revoke → the revoked refresh token refused.
const first = userTokens(PUBLIC_CLIENT, NOW, { nonce: NONCE, jti: "1" });
const renewed = userTokens(PUBLIC_CLIENT, NOW + 4000, { jti: "2" });
write("code_flow_public.json", {
  description:
    "authorization code + PKCE for a public client, GetUser on the stored tokens, renewal through " +
    "the token endpoint, userInfo, revocation, then refresh refused with invalid_grant",
  context,
  exchanges: [
    { request: post("/oauth2/token", codeForm("code-public-1", [["client_id", PUBLIC_CLIENT]])),
      response: reply(200, { id_token: first.id, access_token: first.access,
        refresh_token: "synthetic-refresh-token-public", expires_in: 3600, token_type: "Bearer" }) },
    jwksExchange,
    { operation: "GetUser",
      request: { method: "POST", path: "/", headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.GetUser" },
        body: { AccessToken: first.access } },
      response: reply(200, { Username: USERNAME, UserAttributes: [
        { Name: "sub", Value: SUB }, { Name: "email", Value: "alice@example.com" }] },
        { "content-type": "application/x-amz-json-1.1" }) },
    { request: post("/oauth2/token", form([["grant_type", "refresh_token"],
        ["refresh_token", "synthetic-refresh-token-public"], ["client_id", PUBLIC_CLIENT]])),
      response: reply(200, { id_token: renewed.id, access_token: renewed.access,
        expires_in: 3600, token_type: "Bearer" }) },
    { request: { method: "GET", path: "/oauth2/userInfo",
        headers: { authorization: `Bearer ${renewed.access}` }, body: null },
      response: reply(200, { sub: SUB, email_verified: "true", email: "alice@example.com",
        username: USERNAME }) },
    { request: post("/oauth2/revoke", form([["token", "synthetic-refresh-token-public"],
        ["client_id", PUBLIC_CLIENT]])),
      response: reply(200, null, {}) },
    { request: post("/oauth2/token", form([["grant_type", "refresh_token"],
        ["refresh_token", "synthetic-refresh-token-public"], ["client_id", PUBLIC_CLIENT]])),
      response: reply(400, { error: "invalid_grant" }) },
  ],
});

// 2. A client with a secret: HTTP Basic, no client_id in the form; a wrong secret, then the
//    right one; a replayed id token (another nonce) refused.
const secretTokens = userTokens(SECRET_CLIENT, NOW, { nonce: NONCE, jti: "3" });
const replayed = userTokens(SECRET_CLIENT, NOW, { nonce: "some-other-sign-ins-nonce", jti: "4" });
write("code_flow_secret.json", {
  description:
    "a client with a secret authenticates with HTTP Basic: a wrong secret is invalid_client, the " +
    "right one gets tokens; an id token whose nonce is another sign-in's is refused",
  context,
  exchanges: [
    { request: post("/oauth2/token", codeForm("code-secret-1"),
        { authorization: basic(SECRET_CLIENT, "wrong-secret-not-real") }),
      response: reply(400, { error: "invalid_client" }) },
    { request: post("/oauth2/token", codeForm("code-secret-1"),
        { authorization: basic(SECRET_CLIENT, SECRET) }),
      response: reply(200, { id_token: secretTokens.id, access_token: secretTokens.access,
        refresh_token: "synthetic-refresh-token-secret", expires_in: 3600, token_type: "Bearer" }) },
    jwksExchange,
    { request: post("/oauth2/token", codeForm("code-secret-2"),
        { authorization: basic(SECRET_CLIENT, SECRET) }),
      response: reply(200, { id_token: replayed.id, access_token: replayed.access,
        refresh_token: "synthetic-refresh-token-replayed", expires_in: 3600, token_type: "Bearer" }) },
  ],
});

// 3. Refusals as Cognito words them: a reused code at the token endpoint; GetUser with an
//    access token that lacks aws.cognito.signin.user.admin.
const narrow = userTokens(PUBLIC_CLIENT, NOW, { nonce: NONCE, jti: "5", scope: "openid email" });
write("code_flow_refused.json", {
  description:
    "a reused (or expired, or wrongly verified) code is invalid_grant, with no description, as " +
    "Cognito answers; GetUser refuses tokens without the scope aws.cognito.signin.user.admin",
  context,
  exchanges: [
    { request: post("/oauth2/token", codeForm("code-used-once", [["client_id", PUBLIC_CLIENT]])),
      response: reply(400, { error: "invalid_grant" }) },
    { request: post("/oauth2/token", codeForm("code-openid-only", [["client_id", PUBLIC_CLIENT]])),
      response: reply(200, { id_token: narrow.id, access_token: narrow.access,
        refresh_token: "synthetic-refresh-token-narrow", expires_in: 3600, token_type: "Bearer" }) },
    jwksExchange,
    { operation: "GetUser",
      request: { method: "POST", path: "/", headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityProviderService.GetUser" },
        body: { AccessToken: narrow.access } },
      response: reply(400, { __type: "NotAuthorizedException",
        message: "Access Token does not have required scopes" },
        { "content-type": "application/x-amz-json-1.1" }) },
  ],
});

// 4. Client credentials: one request for many callers, renewal after expiry, verification;
//    an unknown scope is invalid_scope.
const m2m = (iat, jti) =>
  sign({ sub: M2M_CLIENT, token_use: "access", scope: "orders/read orders/write", auth_time: iat,
    iss: ISSUER, exp: iat + 3600, iat, version: 2, jti: `m2m-${jti}`, client_id: M2M_CLIENT });
const m2mForm = form([["grant_type", "client_credentials"], ["scope", "orders/read orders/write"]]);
const m2mAuth = { authorization: basic(M2M_CLIENT, SECRET) };
write("client_credentials.json", {
  description:
    "client_credentials with HTTP Basic: one token for many callers, renewed once after expiry, " +
    "verified (client_id, scope); an unknown scope is invalid_scope",
  context,
  exchanges: [
    { request: post("/oauth2/token", m2mForm, m2mAuth),
      response: reply(200, { access_token: m2m(NOW, "1"), expires_in: 3600, token_type: "Bearer" }) },
    jwksExchange,
    { request: post("/oauth2/token", m2mForm, m2mAuth),
      response: reply(200, { access_token: m2m(NOW + 3600, "2"), expires_in: 3600, token_type: "Bearer" }) },
    { request: post("/oauth2/token", form([["grant_type", "client_credentials"], ["scope", "orders/delete"]]), m2mAuth),
      response: reply(400, { error: "invalid_scope" }) },
  ],
});
console.error(`wrote ${OUT}`);
