// scripts/oauth/server.mjs: a real, certified OAuth 2.0 / OpenID Connect server (npm oidc-provider,
// pinned by scripts/peers/oauth-node/, installed into .peers/oauth-node) dressed as a Cognito user
// pool domain, for the oauth stage of scripts/test and scripts/emulators/start-oauth.
//
// Usage: node scripts/oauth/server.mjs        (environment below; logs to stderr)
//   OAUTH_HOST, OAUTH_PORT    where to listen (127.0.0.1, required port)
//   OAUTH_MODULES             the node_modules folder holding oidc-provider
//   OAUTH_CC_TTL              seconds a client_credentials token lives (default 6)
//
// As Cognito: the paths /oauth2/authorize, /oauth2/token, /oauth2/userInfo, /oauth2/revoke and
// /logout; PKCE (S256) required for every client; refresh tokens for the authorization-code grant
// that are not rotated (rotateRefreshToken: false) and outlive the browser session; the
// client_credentials grant; JWT access tokens carrying Cognito's token_use, client_id, scope and
// username, and id tokens carrying token_use and cognito:username; RS256 with a kid, a fresh
// 2048-bit key per start, served at /.well-known/jwks.json.
//
// oidc-provider 9 warns at start that it wants Node.js 22; it runs on the machine's Node.js 20.
//
// Where it differs from Cognito (the tests and the docs say so; the client code follows Cognito):
//   - JWT access tokens need oidc-provider's resource indicators, and its userInfo then refuses
//     them (Cognito's userInfo takes its access tokens);
//   - an unknown client_credentials scope is silently dropped, where Cognito answers invalid_scope;
//   - its /logout takes post_logout_redirect_uri, where Cognito's takes client_id and logout_uri;
//   - the issuer is this server's URL, not https://cognito-idp.<region>.amazonaws.com/<pool>;
//   - its redirect also carries iss (RFC 9207), which Cognito's does not;
//   - the login and consent pages are oidc-provider's development forms (any username, any
//     password), not managed login.
//
// Clients (ids and the secret are test values, not secrets):
//   oauth-public-client   public (no secret), authorization_code + refresh_token
//   oauth-secret-client   secret oauth-test-secret-not-real sent by HTTP Basic,
//                         authorization_code + refresh_token + client_credentials
// Both are native clients with the callbacks http://localhost/callback and
// http://127.0.0.1/callback, on any port (RFC 8252 §7.3).
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";

const host = process.env.OAUTH_HOST || "127.0.0.1";
const port = Number(process.env.OAUTH_PORT);
if (!port) throw new Error("OAUTH_PORT is required");
const modules = process.env.OAUTH_MODULES;
if (!modules) throw new Error("OAUTH_MODULES is required");
const ccTtl = Number(process.env.OAUTH_CC_TTL || 6);
const { default: Provider } = await import(
  pathToFileURL(path.join(modules, "oidc-provider", "lib", "index.js")).href
);

const issuer = `http://${host}:${port}`;
const RESOURCE = "urn:cognito:user-pool";
const RESOURCE_SCOPES = "aws.cognito.signin.user.admin orders/read orders/write";
const callbacks = ["http://localhost/callback", "http://127.0.0.1/callback"];

const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "oauth-test-key", alg: "RS256", use: "sig" };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "oauth-public-client",
      token_endpoint_auth_method: "none",
      application_type: "native",
      redirect_uris: callbacks,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    },
    {
      client_id: "oauth-secret-client",
      client_secret: "oauth-test-secret-not-real",
      token_endpoint_auth_method: "client_secret_basic",
      application_type: "native",
      redirect_uris: callbacks,
      grant_types: ["authorization_code", "refresh_token", "client_credentials"],
      response_types: ["code"],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
  routes: {
    authorization: "/oauth2/authorize",
    token: "/oauth2/token",
    userinfo: "/oauth2/userInfo",
    revocation: "/oauth2/revoke",
    end_session: "/logout",
    jwks: "/.well-known/jwks.json",
  },
  pkce: { required: () => true },
  scopes: ["openid", "email", "profile", "offline_access", ...RESOURCE_SCOPES.split(" ")],
  claims: {
    openid: ["sub", "token_use", "cognito:username"],
    email: ["email", "email_verified"],
  },
  async findAccount(_ctx, sub) {
    return {
      accountId: sub,
      async claims(use) {
        return {
          sub,
          token_use: use === "id_token" ? "id" : undefined,
          "cognito:username": sub,
          email: `${sub}@example.com`,
          email_verified: true,
        };
      },
    };
  },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    revocation: { enabled: true },
    userinfo: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx) => ({
        scope: RESOURCE_SCOPES,
        audience: RESOURCE,
        accessTokenFormat: "jwt",
        accessTokenTTL: ctx.oidc.params?.grant_type === "client_credentials" ? ccTtl : 3600,
        jwt: { sign: { alg: "RS256" } },
      }),
    },
  },
  async extraTokenClaims(_ctx, token) {
    if (token.kind === "ClientCredentials") return { token_use: "access" };
    if (token.kind === "AccessToken") return { token_use: "access", username: token.accountId };
    return undefined;
  },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
  rotateRefreshToken: false,
  expiresWithSession: async () => false,
  ttl: { AuthorizationCode: 60, IdToken: 3600, RefreshToken: 86400, ClientCredentials: ccTtl },
});
provider.on("server_error", (_ctx, err) => console.error("server_error", err));
provider.listen(port, host, () => console.error(`oidc-provider listening on ${issuer}`));
