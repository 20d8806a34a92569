// js_login.js ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD
// Signs in with amazon-cognito-identity-js (USER_SRP_AUTH) against ENDPOINT and prints
// "success" or "<code>: <message>". Used by check_server.py.
'use strict';
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require('amazon-cognito-identity-js');

const [endpoint, poolId, clientId, username, password] = process.argv.slice(2);
const storage = { data: {}, setItem(k, v) { this.data[k] = v; }, getItem(k) { return this.data[k] ?? null; },
  removeItem(k) { delete this.data[k]; }, clear() { this.data = {}; } };
const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint, Storage: storage });
const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
  onSuccess() { console.log('success'); },
  onFailure(err) { console.log(`${err.code || err.name}: ${err.message}`); },
});
