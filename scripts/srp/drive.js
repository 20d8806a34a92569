// drive.js: runs amazon-cognito-identity-js (the pinned copy in .peers/srp-node)
// on SRP cases with fixed random bytes and a fixed clock, and prints every value it
// computes. Input on stdin, output on stdout, both JSON:
//   in:  {"user": [case], "device_auth": [case], "device_verifier": [case]}
//   out: {"user": [result], "device_auth": [result], "device_verifier": [result]}
// Only the library's random source (WordArray.prototype.random), the clock (Date)
// and its network client are replaced; every SRP step runs the library's own code.
'use strict';

const lib = require('amazon-cognito-identity-js');
const { CognitoUserPool, CognitoUser, AuthenticationDetails, AuthenticationHelper, WordArray } = lib;

// ---- fixed random bytes ------------------------------------------------------
let randomQueue = [];
WordArray.prototype.random = function random(nBytes) {
  const hex = randomQueue.shift();
  if (hex === undefined || hex.length !== 2 * nBytes) {
    throw new Error(`drive.js: library asked for ${nBytes} random bytes, queue had ${hex === undefined ? 'nothing' : hex.length / 2}`);
  }
  const words = [];
  for (let i = 0; i < nBytes; i += 4) {
    words.push(parseInt(hex.substr(2 * i, 8).padEnd(8, '0'), 16) | 0);
  }
  return new WordArray(words, nBytes);
};

// ---- fixed clock ---------------------------------------------------------------
const RealDate = Date;
function withClock(unixSeconds, fn) {
  const ms = unixSeconds * 1000;
  global.Date = class extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(ms); else super(...args);
    }
    static now() { return ms; }
  };
  try { return fn(); } finally { global.Date = RealDate; }
}

// ---- recording the intermediates -------------------------------------------------
let rec = {};
const origCalculateS = AuthenticationHelper.prototype.calculateS;
AuthenticationHelper.prototype.calculateS = function calculateS(xValue, serverBValue, callback) {
  rec.x = xValue.toString(16);
  rec.u = this.UValue.toString(16);
  rec.A = this.largeAValue.toString(16);
  return origCalculateS.call(this, xValue, serverBValue, (err, sValue) => {
    if (!err) rec.S = sValue.toString(16);
    callback(err, sValue);
  });
};
const origHkdf = AuthenticationHelper.prototype.computehkdf;
AuthenticationHelper.prototype.computehkdf = function computehkdf(ikm, salt) {
  const key = origHkdf.call(this, ikm, salt);
  rec.key = Buffer.from(key).toString('hex');
  return key;
};

// ---- a fake service -----------------------------------------------------------------
function memoryStorage() {
  const data = {};
  return {
    setItem(k, v) { data[k] = v; return v; },
    getItem(k) { return Object.prototype.hasOwnProperty.call(data, k) ? data[k] : null; },
    removeItem(k) { delete data[k]; },
    clear() { for (const k of Object.keys(data)) delete data[k]; },
  };
}
function b64url(obj) {
  return Buffer.from(JSON.stringify(obj)).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}
function fakeTokens(extra) {
  const jwt = (claims) => `${b64url({ alg: 'none' })}.${b64url(claims)}.c2ln`;
  return Object.assign({
    IdToken: jwt({ token_use: 'id', exp: 4102444800, iat: 1 }),
    AccessToken: jwt({ token_use: 'access', exp: 4102444800, iat: 1 }),
    RefreshToken: 'refresh',
    ExpiresIn: 3600,
    TokenType: 'Bearer',
  }, extra || {});
}
function newUser(poolId, username, handler) {
  const storage = memoryStorage();
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: 'vectorsclient0000000000000', Storage: storage });
  pool.client = { request: handler, requestWithRetry: handler };
  return new CognitoUser({ Username: username, Pool: pool, Storage: storage });
}
function outcome(run) {
  let result = null;
  let error = null;
  const callback = {
    onSuccess() { result = 'success'; },
    onFailure(err) { error = String(err && err.message ? err.message : err); },
  };
  try { run(callback); } catch (e) { error = String(e && e.message ? e.message : e); }
  return { result, error };
}

// ---- the cases ---------------------------------------------------------------------------
function runUser(c) {
  rec = {};
  randomQueue = [c.a];
  const sent = {};
  const user = newUser(c.pool_id, c.username, (op, params, cb) => {
    if (op === 'InitiateAuth') {
      sent.SRP_A = params.AuthParameters.SRP_A;
      return cb(null, {
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: 'session',
        ChallengeParameters: {
          USER_ID_FOR_SRP: c.user_id_for_srp, USERNAME: c.user_id_for_srp,
          SALT: c.salt, SRP_B: c.srp_b, SECRET_BLOCK: c.secret_block,
        },
      });
    }
    if (op === 'RespondToAuthChallenge') {
      sent.challenge_responses = params.ChallengeResponses;
      return cb(null, { AuthenticationResult: fakeTokens() });
    }
    return cb(new Error(`unexpected ${op}`));
  });
  const { result, error } = withClock(c.timestamp_unix, () => outcome((callback) => {
    user.authenticateUser(new AuthenticationDetails({ Username: c.username, Password: c.password }), callback);
  }));
  const r = sent.challenge_responses || {};
  return {
    name: c.name, result, error,
    values: { A: sent.SRP_A, u: rec.u, x: rec.x, S: rec.S, key: rec.key, timestamp: r.TIMESTAMP, signature: r.PASSWORD_CLAIM_SIGNATURE },
    sent_secret_block: r.PASSWORD_CLAIM_SECRET_BLOCK,
  };
}

function runDeviceAuth(c) {
  rec = {};
  randomQueue = [c.a];
  const sent = {};
  let step = 0;
  const user = newUser('us-east-1_vectors', c.username, (op, params, cb) => {
    if (op === 'RespondToAuthChallenge' && step === 0) {
      step = 1;
      sent.SRP_A = params.ChallengeResponses.SRP_A;
      return cb(null, {
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: 'session2',
        ChallengeParameters: { USERNAME: c.username, SALT: c.salt, SRP_B: c.srp_b, SECRET_BLOCK: c.secret_block },
      });
    }
    if (op === 'RespondToAuthChallenge' && step === 1) {
      sent.challenge_responses = params.ChallengeResponses;
      return cb(null, { AuthenticationResult: fakeTokens() });
    }
    return cb(new Error(`unexpected ${op}`));
  });
  user.deviceKey = c.device_key;
  user.deviceGroupKey = c.device_group_key;
  user.randomPassword = c.device_password;
  user.Session = 'session1';
  const { result, error } = withClock(c.timestamp_unix, () => outcome((callback) => user.getDeviceResponse(callback)));
  const r = sent.challenge_responses || {};
  return {
    name: c.name, result, error,
    values: { A: sent.SRP_A, u: rec.u, x: rec.x, S: rec.S, key: rec.key, timestamp: r.TIMESTAMP, signature: r.PASSWORD_CLAIM_SIGNATURE },
    sent_secret_block: r.PASSWORD_CLAIM_SECRET_BLOCK,
  };
}

function runDeviceVerifier(c) {
  // The helper's constructor draws a (128 bytes) first; generateHashDevice then
  // draws the password (40 bytes) and the salt (16 bytes).
  randomQueue = ['00'.repeat(127) + '01', c.password_random, c.salt_random];
  let confirm = null;
  const user = newUser('us-east-1_vectors', 'device-owner', (op, params, cb) => {
    if (op === 'ConfirmDevice') {
      confirm = params;
      return cb(null, { UserConfirmationNecessary: false });
    }
    return cb(new Error(`unexpected ${op}`));
  });
  const helper = new AuthenticationHelper(c.device_group_key);
  const { result, error } = outcome((callback) => user.authenticateUserInternal({
    AuthenticationResult: fakeTokens({ NewDeviceMetadata: { DeviceKey: c.device_key, DeviceGroupKey: c.device_group_key } }),
  }, helper, callback));
  return {
    name: c.name, result, error,
    values: {
      device_password: helper.getRandomPassword(),
      salt_hex: helper.getSaltDevices(),
      verifier_hex: helper.getVerifierDevices(),
      salt: confirm && confirm.DeviceSecretVerifierConfig.Salt,
      password_verifier: confirm && confirm.DeviceSecretVerifierConfig.PasswordVerifier,
    },
  };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const cases = JSON.parse(input);
  const out = {
    user: (cases.user || []).map(runUser),
    device_auth: (cases.device_auth || []).map(runDeviceAuth),
    device_verifier: (cases.device_verifier || []).map(runDeviceVerifier),
  };
  process.stdout.write(JSON.stringify(out));
});
