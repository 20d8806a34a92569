// scripts/browser/web_demo.js: drives the demo web app (examples/web_demo, started by
// scripts/web-demo) in headless Debian chromium through playwright-core. The browser stage of
// scripts/test runs it; it exits non-zero, loudly, at the first check that fails, and within
// WEB_DEMO_TIMEOUT_S seconds (default 240) whatever happens.
//
// Environment (from scripts/web-demo's six lines; the password never goes on a command line):
//   WEB_DEMO_APP, WEB_DEMO_USER, WEB_DEMO_PASSWORD, WEB_DEMO_EMULATOR, WEB_DEMO_POOL, WEB_DEMO_CLIENT
//   WEB_DEMO_SCREENSHOTS   the folder for <page>.png
//   BROWSER_NODE_MODULES   .peers/browser-node/node_modules (playwright-core, as locked)
//
// The journey: wrong password shows the error; the demo user signs in and / shows their email
// and local user row; /profile updates given_name; an admin-created user goes through
// /new-password; a user with TOTP enabled (set up with AssociateSoftwareToken and
// VerifySoftwareToken against moto started with TOTP checking) goes through /mfa with a real
// code; logout returns to /login and / then redirects there; /api/me answers 401 without a token
// and with the id token, 200 with the access token, echoing Authorization-ID.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (scripts/test's browser stage sets it)`);
  return v;
};
const APP = env('WEB_DEMO_APP').replace(/\/$/, '');
const USER = env('WEB_DEMO_USER');
const PASSWORD = env('WEB_DEMO_PASSWORD');
const EMULATOR = env('WEB_DEMO_EMULATOR');
const POOL = env('WEB_DEMO_POOL');
const CLIENT = env('WEB_DEMO_CLIENT');
const SHOTS = env('WEB_DEMO_SCREENSHOTS');
const { chromium } = require(path.join(env('BROWSER_NODE_MODULES'), 'playwright-core'));

const TIMEOUT_S = Number(process.env.WEB_DEMO_TIMEOUT_S || 240);
setTimeout(() => {
  console.error(`browser: FAILED: the journey took more than ${TIMEOUT_S} s`);
  process.exit(1);
}, TIMEOUT_S * 1000).unref();

const log = (msg) => console.error(`browser: ${msg}`);
function check(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
  log(`ok: ${what}`);
}

// ---- moto's JSON API (admin set-up; moto checks no signature) ---------------------------------
async function cognito(action, body) {
  const res = await fetch(EMULATOR + '/', {
    method: 'POST',
    headers: {
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
      'Content-Type': 'application/x-amz-json-1.1',
      Authorization:
        'AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${action}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

// ---- RFC 6238 TOTP (SHA-1, 6 digits, 30 s) ---------------------------------------------------
function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of s.toUpperCase().replace(/=+$/, '')) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
function totpAt(secret, unixSeconds) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(off) & 0x7fffffff) % 1000000;
  return String(n).padStart(6, '0');
}
// moto accepts only the code of the exact current step: never make one in a step's last 3 s.
async function freshTotp(secret) {
  const inStep = (Date.now() / 1000) % 30;
  if (inStep > 27) await new Promise((r) => setTimeout(r, (30 - inStep + 0.2) * 1000));
  return totpAt(secret, Date.now() / 1000);
}

async function shot(page, name) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log(`screenshot ${path.relative(process.cwd(), file)}`);
}

async function signIn(page, username, password) {
  await page.goto(APP + '/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
  await page.waitForLoadState('load');
}

async function main() {
  // Self-check of the TOTP maths against RFC 6238 and moto's own codes.
  check(
    totpAt('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59) === '287082' &&
      totpAt('asdfasdfasdf', 59) === '653795' &&
      totpAt('asdfasdfasdf', 1700000000) === '228570',
    'TOTP in Node matches RFC 6238 and moto',
  );
  fs.mkdirSync(SHOTS, { recursive: true });

  // ---- set-up: an admin-created user and a TOTP user -----------------------------------------
  const invited = 'invited-user';
  const temporary = 'Temp-' + crypto.randomBytes(9).toString('base64url') + '-1aA!';
  const chosen = 'New-' + crypto.randomBytes(9).toString('base64url') + '-1aA!';
  await cognito('AdminCreateUser', {
    UserPoolId: POOL,
    Username: invited,
    TemporaryPassword: temporary,
    MessageAction: 'SUPPRESS',
    UserAttributes: [
      { Name: 'email', Value: 'invited@example.com' },
      { Name: 'given_name', Value: 'Ivy' },
    ],
  });
  const totpUser = 'totp-user';
  const totpPassword = 'Totp-' + crypto.randomBytes(9).toString('base64url') + '-1aA!';
  await cognito('AdminCreateUser', {
    UserPoolId: POOL,
    Username: totpUser,
    MessageAction: 'SUPPRESS',
    TemporaryPassword: totpPassword + 'x',
    UserAttributes: [
      { Name: 'email', Value: 'totp@example.com' },
      { Name: 'given_name', Value: 'Tess' },
    ],
  });
  await cognito('AdminSetUserPassword', {
    UserPoolId: POOL,
    Username: totpUser,
    Password: totpPassword,
    Permanent: true,
  });
  const totpAuth = (
    await cognito('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT,
      AuthParameters: { USERNAME: totpUser, PASSWORD: totpPassword },
    })
  ).AuthenticationResult;
  const { SecretCode: secret } = await cognito('AssociateSoftwareToken', {
    AccessToken: totpAuth.AccessToken,
  });
  check(typeof secret === 'string' && secret.length > 0, 'AssociateSoftwareToken gave a secret');
  const verified = await cognito('VerifySoftwareToken', {
    AccessToken: totpAuth.AccessToken,
    UserCode: await freshTotp(secret),
  });
  check(verified.Status === 'SUCCESS', 'VerifySoftwareToken accepted a real code');
  await cognito('SetUserMFAPreference', {
    AccessToken: totpAuth.AccessToken,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });

  // ---- the browser ---------------------------------------------------------------------------
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-demo-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1000, height: 800 },
  });
  try {
    context.setDefaultTimeout(20000);
    const page = context.pages()[0] || (await context.newPage());
    page.on('console', (m) => log(`page console: ${m.text()}`));

    // /login, and a wrong password
    await page.goto(APP + '/login');
    check(page.url() === APP + '/login', 'GET /login answers');
    await shot(page, 'login');
    const cookies = await context.cookies(APP);
    const sid = cookies.find((c) => c.name === 'sid');
    check(sid && sid.httpOnly && sid.sameSite === 'Lax', 'the session cookie is HttpOnly and SameSite=Lax');
    check((await page.locator('input[name=csrf_token]').count()) === 1, 'the login form carries a csrf_token');
    await signIn(page, USER, PASSWORD + '-wrong');
    check(page.url() === APP + '/login', 'a wrong password stays on /login');
    const error = await page.locator('.error').innerText();
    check(/incorrect username or password/i.test(error), `a wrong password shows the error ("${error}")`);
    await shot(page, 'login-error');

    // a POST without the CSRF token is 403 (with the browser's own cookie)
    const forged = await page.request.post(APP + '/login', {
      form: { username: USER, password: PASSWORD },
      maxRedirects: 0,
    });
    check(forged.status() === 403, 'a POST without the csrf_token is answered 403');

    // the demo user signs in
    await signIn(page, USER, PASSWORD);
    check(page.url() === APP + '/', 'a correct sign-in reaches /');
    const body = await page.content();
    check(await page.locator('#username').innerText() === USER, '/ shows the username');
    check((await page.locator('#attr-email').innerText()) === `${USER}@example.com`, '/ shows the email attribute');
    check((await page.locator('#local-email').innerText()) === `${USER}@example.com`, '/ shows the local user row (email)');
    check(/^\d+$/.test(await page.locator('#local-id').innerText()), '/ shows the local user row (id)');
    check((await page.locator('#expires').innerText()).includes('expires at'), '/ shows when the access token expires');
    check(!/eyJ[A-Za-z0-9_-]{10,}/.test(body), 'no token in the page');
    const cookieValues = (await context.cookies(APP)).map((c) => c.value).join(' ');
    check(!cookieValues.includes('eyJ'), 'no token in the cookies');
    await shot(page, 'home');

    // /profile updates given_name
    await page.goto(APP + '/profile');
    await shot(page, 'profile');
    const newName = 'Grace-' + crypto.randomBytes(3).toString('hex');
    await page.fill('input[name=given_name]', newName);
    await Promise.all([page.waitForURL(APP + '/'), page.click('button[type=submit]')]);
    check((await page.locator('#attr-given_name').innerText()) === newName, '/ shows the new given_name attribute');
    check((await page.locator('#local-first-name').innerText()) === newName, 'the local row has the new first_name');
    await shot(page, 'home-updated');

    // logout: back to /login, and / redirects there
    await page.goto(APP + '/logout');
    await shot(page, 'logout');
    await Promise.all([page.waitForURL(APP + '/login'), page.click('button[type=submit]')]);
    check(page.url() === APP + '/login', 'logout returns to the login page');
    await page.goto(APP + '/');
    check(page.url() === APP + '/login', 'after logout, / redirects to /login');

    // an admin-created user through /new-password
    await signIn(page, invited, temporary);
    check(page.url() === APP + '/new-password', 'an admin-created user is sent to /new-password');
    await shot(page, 'new-password');
    await page.fill('input[name=new_password]', chosen);
    await Promise.all([page.waitForURL(APP + '/'), page.click('button[type=submit]')]);
    check((await page.locator('#username').innerText()) === invited, 'the new password signs the invited user in');
    check((await page.locator('#local-email').innerText()) === 'invited@example.com', "the invited user's local row");
    await Promise.all([page.waitForURL(APP + '/login'), page.click('#logout')]);

    // a TOTP user through /mfa with a real code
    await signIn(page, totpUser, totpPassword);
    check(page.url() === APP + '/mfa', 'a TOTP user is sent to /mfa');
    await shot(page, 'mfa');
    await page.fill('input[name=code]', await freshTotp(secret));
    await Promise.all([page.waitForURL(APP + '/'), page.click('button[type=submit]')]);
    check((await page.locator('#username').innerText()) === totpUser, 'a real TOTP code signs the user in');
    check((await page.locator('#local-email').innerText()) === 'totp@example.com', "the TOTP user's local row");
    await Promise.all([page.waitForURL(APP + '/login'), page.click('#logout')]);

    // /api/me
    const tokens = (
      await cognito('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: CLIENT,
        AuthParameters: { USERNAME: USER, PASSWORD: PASSWORD },
      })
    ).AuthenticationResult;
    const me = (headers) => page.request.get(APP + '/api/me', { headers });
    let r = await me({});
    check(r.status() === 401, '/api/me without a token: 401');
    r = await me({ Authorization: `Bearer ${tokens.IdToken}` });
    check(r.status() === 401, '/api/me with the id token: 401');
    r = await me({ Authorization: `Bearer ${tokens.AccessToken.slice(0, -4)}AAAA` });
    check(r.status() === 401, '/api/me with a tampered access token: 401');
    r = await me({ Authorization: `Bearer ${tokens.AccessToken}`, 'Authorization-ID': 'demo-api-key-42' });
    const json = await r.json();
    check(r.status() === 200, '/api/me with the access token: 200');
    check(json.username === USER && json.email === `${USER}@example.com`, '/api/me gives the username and email');
    check(json.api_key === 'demo-api-key-42', '/api/me echoes Authorization-ID');
    r = await me({ Authorization: `Bearer ${tokens.AccessToken}` });
    check(!('api_key' in (await r.json())), '/api/me has no api_key without Authorization-ID');
    await page.goto(APP + '/api/me');
    await shot(page, 'api-me');
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  log('the whole journey passed');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`browser: FAILED: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  },
);
