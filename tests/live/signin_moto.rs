//! Sign-in flows and challenges live against moto 5.2.5, through the typed API.
//!
//! `scripts/test` (stage `live`) starts two moto servers and sets:
//! - `COGNITO_TEST_MOTO_ENDPOINT`: a plain one;
//! - `COGNITO_TEST_MOTO_TOTP_ENDPOINT`: one started with
//!   `MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true`, which checks TOTP codes (the switch holds for
//!   the whole process). Its secret is `asdfasdfasdf` for every user (60 bits, padded before base32
//!   decoding) and it accepts only the code of the exact current 30 s step, so a code is made
//!   after waiting out the last 3 s of a step.
//!
//! What moto does not check, so these tests assert on what was sent instead (team notes on the
//! peers, pinned version): the SRP proof (any signature passes; the maths is checked by
//! `tests/offline/auth/srp_vectors.rs` and by `scripts/srp/srp_server.py`, see `tests/live/srp_server.rs`),
//! SECRET_HASH except on the SRP InitiateAuth and the MFA answer, and whether
//! AssociateSoftwareToken and VerifySoftwareToken came before an MFA_SETUP answer.
//! Every test makes its own pool, so they run in parallel.
// Tests say what broke by panicking.

use crate::support as live_support;

use cognito::{AuthResult, Challenge, Cognito, Error, ErrorCode, MfaMethod, MfaPreference};
use live_support::{
    authenticated, challenge, create_client, create_pool, credentials, is_jwt, moto_endpoint,
    moto_totp_endpoint, secret_hash, totp, Client, Spy, MOTO_REGION,
};
use serde_json::{json, Value};

const REGION: &str = MOTO_REGION;
/// Meets moto's default password policy (upper, lower, digit, symbol, at least 8).
const PASSWORD: &str = "Passw0rd!";
const NEW_PASSWORD: &str = "N3w-Passw0rd!";
const TEMPORARY_PASSWORD: &str = "Temp-0nly-Passw0rd!";
/// moto's fixed AssociateSoftwareToken secret.
const MOTO_TOTP_SECRET: &str = "asdfasdfasdf";
const FLOWS: [&str; 4] = [
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
];

// ---- set-up through raw calls, so it does not depend on what is under test -----------------

struct Moto {
    endpoint: String,
    admin: Cognito,
}

impl Moto {
    fn plain() -> Self {
        Self::at(moto_endpoint())
    }

    /// The moto process that checks TOTP codes.
    fn totp() -> Self {
        Self::at(moto_totp_endpoint())
    }

    fn at(endpoint: String) -> Self {
        let admin = live_support::admin(REGION, &endpoint);
        Self { endpoint, admin }
    }

    fn call(&self, operation: &str, input: Value) -> Value {
        live_support::call(&self.admin, operation, &input)
    }

    /// A pool; `extra` is merged into CreateUserPool's input.
    fn pool(&self, name: &str, extra: Value) -> String {
        let mut input = json!({ "PoolName": name });
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().cloned().unwrap_or_default());
        create_pool(&self.admin, &input)
    }

    fn client(&self, pool_id: &str, secret: bool) -> Client {
        create_client(
            &self.admin,
            &json!({
                "UserPoolId": pool_id,
                "ClientName": if secret { "confidential" } else { "public" },
                "GenerateSecret": secret,
                "ExplicitAuthFlows": FLOWS,
            }),
        )
    }

    /// Turns authenticator-app MFA on for the pool, as `OPTIONAL` or `ON`.
    fn totp_mfa(&self, pool_id: &str, mode: &str) {
        self.call(
            "SetUserPoolMfaConfig",
            json!({
                "UserPoolId": pool_id,
                "SoftwareTokenMfaConfiguration": { "Enabled": true },
                "MfaConfiguration": mode,
            }),
        );
    }

    /// A user created by an administrator with a temporary password (FORCE_CHANGE_PASSWORD).
    fn invited_user(&self, pool_id: &str, username: &str, attributes: Value) {
        self.call(
            "AdminCreateUser",
            json!({
                "UserPoolId": pool_id,
                "Username": username,
                "TemporaryPassword": TEMPORARY_PASSWORD,
                "MessageAction": "SUPPRESS",
                "UserAttributes": attributes,
            }),
        );
    }

    /// A CONFIRMED user with PASSWORD.
    fn confirmed_user(&self, pool_id: &str, username: &str, attributes: Value) {
        self.invited_user(pool_id, username, attributes);
        self.call(
            "AdminSetUserPassword",
            json!({
                "UserPoolId": pool_id, "Username": username, "Password": PASSWORD, "Permanent": true,
            }),
        );
    }

    /// A user-side handle: pool, client, username; no AWS credentials, no environment.
    fn user(&self, pool_id: &str, client: &Client, username: &str, spy: &Spy) -> Cognito {
        let mut builder = Cognito::builder()
            .user_pool_id(pool_id)
            .client_id(&client.id)
            .username(username)
            .endpoint(&self.endpoint)
            .environment(|_| None)
            .transport(spy.transport());
        if let Some(secret) = &client.secret {
            builder = builder.client_secret(secret.as_str());
        }
        builder.build().expect("the user-side handle builds")
    }
}

// ---- checks --------------------------------------------------------------------------------

/// The handle holds moto's tokens, and GetUser accepts the access token.
fn assert_signed_in(cognito: &Cognito, username: &str, what: &str) {
    let tokens = cognito.tokens();
    for (name, token) in [("id", &tokens.id_token), ("access", &tokens.access_token)] {
        let token = token
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: no {name} token"));
        assert!(
            is_jwt(token.expose_secret()),
            "{what}: the {name} token is a JWT"
        );
    }
    assert!(tokens.refresh_token.is_some(), "{what}: a refresh token");
    assert_eq!(tokens.expires_in, Some(3600), "{what}: moto's ExpiresIn");
    assert_eq!(
        tokens.token_type.as_deref(),
        Some("Bearer"),
        "{what}: TokenType"
    );
    assert!(tokens.expires_at.is_some(), "{what}: the expiry instant");
    let user = cognito
        .get_user()
        .unwrap_or_else(|e| panic!("{what}: GetUser with the new access token: {e:?}"));
    assert_eq!(user.username, username, "{what}: GetUser's username");
}

fn service_code(result: Result<AuthResult, Error>, what: &str) -> ErrorCode {
    match result {
        Err(Error::Service(e)) => e.code().clone(),
        other => panic!("{what}: expected a service error, got {other:?}"),
    }
}

/// Checks a PASSWORD_VERIFIER round: the challenge's USERNAME, SECRET_BLOCK and Session go
/// back as received; the password is never sent.
fn assert_password_verifier_answered(spy: &Spy, password: &str) {
    let initiate = spy
        .sent("InitiateAuth")
        .into_iter()
        .find(|s| s.body["AuthFlow"] == "USER_SRP_AUTH")
        .expect("a USER_SRP_AUTH InitiateAuth");
    let params = &initiate.reply["ChallengeParameters"];
    assert_eq!(
        initiate.reply["ChallengeName"], "PASSWORD_VERIFIER",
        "moto's challenge"
    );
    let srp_a = initiate.body["AuthParameters"]["SRP_A"].as_str().unwrap();
    assert!(
        srp_a
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "SRP_A is plain lowercase hex"
    );
    let respond = spy
        .sent("RespondToAuthChallenge")
        .into_iter()
        .find(|s| s.body["ChallengeName"] == "PASSWORD_VERIFIER")
        .expect("a PASSWORD_VERIFIER answer");
    let answer = &respond.body["ChallengeResponses"];
    assert_eq!(
        answer["USERNAME"], params["USERNAME"],
        "USERNAME as the challenge gave it"
    );
    assert_eq!(
        answer["PASSWORD_CLAIM_SECRET_BLOCK"], params["SECRET_BLOCK"],
        "moto's SECRET_BLOCK (a UUID, its session key) goes back as received"
    );
    assert_eq!(
        respond.body["Session"], initiate.reply["Session"],
        "Session carried"
    );
    let timestamp = answer["TIMESTAMP"].as_str().unwrap();
    assert!(
        timestamp.contains(" UTC ") && !timestamp.contains("  "),
        "TIMESTAMP like `Wed Apr 5 22:42:34 UTC 2017`: {timestamp}"
    );
    for sent in spy.all() {
        assert!(
            !sent.body.to_string().contains(password),
            "{}: the password never leaves the machine in SRP",
            sent.operation
        );
    }
}

// ---- SRP, the password flows, new password, alias ------------------------------------------

#[test]
fn srp_with_a_public_client_gives_tokens_that_get_user_accepts() {
    let moto = Moto::plain();
    let pool = moto.pool("signin-srp-public", json!({}));
    let client = moto.client(&pool, false);
    moto.confirmed_user(&pool, "srp-alice", json!([]));
    let spy = Spy::default();
    let cognito = moto.user(&pool, &client, "srp-alice", &spy);

    authenticated(cognito.authenticate(PASSWORD), "USER_SRP_AUTH");
    assert_eq!(
        spy.operations(),
        ["InitiateAuth", "RespondToAuthChallenge"],
        "two steps"
    );
    assert_password_verifier_answered(&spy, PASSWORD);
    let initiate = spy.one("InitiateAuth");
    let params = &initiate.reply["ChallengeParameters"];
    assert_eq!(params["USERNAME"], "srp-alice", "moto's USERNAME");
    assert_ne!(
        params["USER_ID_FOR_SRP"], "srp-alice",
        "moto's USER_ID_FOR_SRP is the sub, so sending it as USERNAME would fail"
    );
    assert_eq!(
        spy.one("RespondToAuthChallenge").body["ChallengeResponses"]["USERNAME"],
        "srp-alice",
        "the answer's USERNAME"
    );
    assert!(
        initiate.body["AuthParameters"].get("SECRET_HASH").is_none(),
        "no SECRET_HASH for a public client"
    );
    assert!(
        initiate.authorization.is_none(),
        "InitiateAuth is not signed"
    );
    assert_signed_in(&cognito, "srp-alice", "SRP, public client");
}

#[test]
fn srp_with_a_secret_client_sends_secret_hash_on_both_steps() {
    let moto = Moto::plain();
    let pool = moto.pool("signin-srp-secret", json!({}));
    let client = moto.client(&pool, true);
    let secret = client.secret.clone().expect("moto generated a secret");
    moto.confirmed_user(&pool, "srp-bob", json!([]));
    let spy = Spy::default();
    let cognito = moto.user(&pool, &client, "srp-bob", &spy);

    authenticated(
        cognito.authenticate(PASSWORD),
        "USER_SRP_AUTH, secret client",
    );
    assert_password_verifier_answered(&spy, PASSWORD);
    let expected = secret_hash(&secret, "srp-bob", &client.id);
    let initiate = spy.one("InitiateAuth");
    assert_eq!(
        initiate.body["AuthParameters"]["SECRET_HASH"],
        expected.as_str(),
        "InitiateAuth SECRET_HASH (moto checks this one)"
    );
    let respond = spy.one("RespondToAuthChallenge");
    assert_eq!(
        respond.body["ChallengeResponses"]["SECRET_HASH"],
        expected.as_str(),
        "PASSWORD_VERIFIER SECRET_HASH"
    );
    assert_signed_in(&cognito, "srp-bob", "SRP, secret client");

    // moto checks SECRET_HASH on the SRP InitiateAuth: a wrong client secret is refused there.
    let wrong = Client {
        id: client.id.clone(),
        secret: Some("not-the-client-secret".into()),
    };
    let spy = Spy::default();
    let refused = moto
        .user(&pool, &wrong, "srp-bob", &spy)
        .authenticate(PASSWORD);
    assert_eq!(
        service_code(refused, "wrong client secret"),
        ErrorCode::NotAuthorizedException,
        "wrong client secret"
    );
    assert_eq!(
        spy.operations(),
        ["InitiateAuth"],
        "refused at the first step"
    );
}

#[test]
fn admin_user_password_auth_is_signed_and_gives_tokens() {
    let moto = Moto::plain();
    let pool = moto.pool("signin-admin", json!({}));
    let client = moto.client(&pool, true);
    let secret = client.secret.clone().unwrap();
    moto.confirmed_user(&pool, "admin-carol", json!([]));
    let spy = Spy::default();
    let cognito = Cognito::builder()
        .user_pool_id(&pool)
        .client_id(&client.id)
        .client_secret(secret.as_str())
        .username("admin-carol")
        .endpoint(&moto.endpoint)
        .credentials(credentials())
        .environment(|_| None)
        .transport(spy.transport())
        .build()
        .unwrap();

    authenticated(
        cognito.admin_authenticate(PASSWORD),
        "ADMIN_USER_PASSWORD_AUTH",
    );
    let initiate = spy.one("AdminInitiateAuth");
    assert_eq!(
        initiate.body["AuthFlow"], "ADMIN_USER_PASSWORD_AUTH",
        "flow"
    );
    assert_eq!(initiate.body["UserPoolId"], pool.as_str(), "UserPoolId");
    assert_eq!(
        initiate.body["AuthParameters"]["SECRET_HASH"],
        secret_hash(&secret, "admin-carol", &client.id).as_str(),
        "SECRET_HASH (moto does not check it here)"
    );
    let authorization = initiate.authorization.expect("AdminInitiateAuth is signed");
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=testing/")
            && authorization.contains(&format!("/{REGION}/cognito-idp/aws4_request")),
        "SigV4 for cognito-idp in the pool's region: {authorization}"
    );
    assert_signed_in(&cognito, "admin-carol", "admin flow");

    let refused = Cognito::builder()
        .user_pool_id(&pool)
        .client_id(&client.id)
        .client_secret(secret.as_str())
        .username("admin-carol")
        .endpoint(&moto.endpoint)
        .credentials(credentials())
        .environment(|_| None)
        .build()
        .unwrap()
        .admin_authenticate("Wr0ng-Passw0rd!");
    assert_eq!(
        service_code(refused, "admin flow, wrong password"),
        ErrorCode::NotAuthorizedException,
        "admin flow, wrong password"
    );
}

#[test]
fn user_password_auth_gives_tokens_and_refuses_a_wrong_password() {
    let moto = Moto::plain();
    let pool = moto.pool("signin-password", json!({}));
    let client = moto.client(&pool, false);
    moto.confirmed_user(&pool, "pw-dave", json!([]));
    let spy = Spy::default();
    let cognito = moto.user(&pool, &client, "pw-dave", &spy);

    authenticated(
        cognito.authenticate_user_password(PASSWORD),
        "USER_PASSWORD_AUTH",
    );
    let initiate = spy.one("InitiateAuth");
    assert_eq!(initiate.body["AuthFlow"], "USER_PASSWORD_AUTH", "flow");
    assert_eq!(
        initiate.body["AuthParameters"]["USERNAME"], "pw-dave",
        "USERNAME"
    );
    assert_eq!(
        initiate.body["AuthParameters"]["PASSWORD"], PASSWORD,
        "PASSWORD sent as is"
    );
    assert!(initiate.authorization.is_none(), "not signed");
    assert_signed_in(&cognito, "pw-dave", "USER_PASSWORD_AUTH");

    let fresh = moto.user(&pool, &client, "pw-dave", &Spy::default());
    let refused = fresh.authenticate_user_password("Wr0ng-Passw0rd!");
    assert_eq!(
        service_code(refused, "wrong password"),
        ErrorCode::NotAuthorizedException,
        "wrong password"
    );
    assert!(
        fresh.tokens().access_token.is_none(),
        "no tokens after a refusal"
    );
}

#[test]
fn new_password_required_after_admin_create_user_is_answered_through_the_challenge() {
    let moto = Moto::plain();
    let pool = moto.pool("signin-new-password", json!({}));
    let client = moto.client(&pool, false);
    moto.invited_user(
        &pool,
        "invited-erin",
        json!([{ "Name": "email", "Value": "erin@example.com" }]),
    );
    let spy = Spy::default();
    let cognito = moto.user(&pool, &client, "invited-erin", &spy);

    let step = challenge(
        cognito.authenticate(TEMPORARY_PASSWORD),
        "SRP with the temporary password",
    );
    assert_eq!(step.name(), "NEW_PASSWORD_REQUIRED", "challenge name");
    assert_eq!(step.username(), "invited-erin", "the answer's USERNAME");
    let Challenge::NewPasswordRequired(new_password) = step else {
        panic!("a typed NewPasswordRequired");
    };
    assert!(
        new_password.required_attributes().is_empty(),
        "moto requires no attributes: {:?}",
        new_password.required_attributes()
    );
    authenticated(new_password.respond(NEW_PASSWORD, &[]), "the new password");

    let answers = spy.sent("RespondToAuthChallenge");
    assert_eq!(
        answers.len(),
        2,
        "PASSWORD_VERIFIER, then NEW_PASSWORD_REQUIRED"
    );
    let answer = &answers[1];
    assert_eq!(
        answer.body["ChallengeName"], "NEW_PASSWORD_REQUIRED",
        "second answer"
    );
    assert_eq!(
        answer.body["ChallengeResponses"]["NEW_PASSWORD"], NEW_PASSWORD,
        "NEW_PASSWORD"
    );
    assert_eq!(
        answer.body["ChallengeResponses"]["USERNAME"], "invited-erin",
        "USERNAME"
    );
    assert_eq!(
        answer.body["Session"], answers[0].reply["Session"],
        "the Session of the NEW_PASSWORD_REQUIRED challenge"
    );
    assert_signed_in(&cognito, "invited-erin", "after the new password");

    // The new password is the password now (USER_PASSWORD_AUTH: moto checks passwords there).
    let again = moto.user(&pool, &client, "invited-erin", &Spy::default());
    authenticated(
        again.authenticate_user_password(NEW_PASSWORD),
        "the new password signs in",
    );
    let old = moto
        .user(&pool, &client, "invited-erin", &Spy::default())
        .authenticate_user_password(TEMPORARY_PASSWORD);
    assert_eq!(
        service_code(old, "the temporary password"),
        ErrorCode::NotAuthorizedException,
        "the temporary password no longer works"
    );
}

#[test]
fn new_password_required_through_user_password_auth_with_a_secret_client() {
    let moto = Moto::plain();
    let pool = moto.pool("signin-new-password-secret", json!({}));
    let client = moto.client(&pool, true);
    let secret = client.secret.clone().unwrap();
    moto.invited_user(&pool, "invited-fay", json!([]));
    let spy = Spy::default();
    let cognito = moto.user(&pool, &client, "invited-fay", &spy);

    let step = challenge(
        cognito.authenticate_user_password(TEMPORARY_PASSWORD),
        "USER_PASSWORD_AUTH with the temporary password",
    );
    let Challenge::NewPasswordRequired(new_password) = step else {
        panic!("a typed NewPasswordRequired, got {step:?}");
    };
    authenticated(new_password.respond(NEW_PASSWORD, &[]), "the new password");
    let answer = spy.one("RespondToAuthChallenge");
    assert_eq!(
        answer.body["ChallengeResponses"]["SECRET_HASH"],
        secret_hash(&secret, "invited-fay", &client.id).as_str(),
        "SECRET_HASH on the challenge answer"
    );
    assert_eq!(
        answer.body["Session"],
        spy.one("InitiateAuth").reply["Session"],
        "Session carried"
    );
    assert_signed_in(&cognito, "invited-fay", "secret client, new password");
}

#[test]
fn email_as_username_signs_in_by_email_with_the_internal_username_in_the_answer() {
    // moto resolves a typed email for pools with UsernameAttributes=[email] (the username is then
    // a generated id); it does not resolve AliasAttributes (see the next test).
    let moto = Moto::plain();
    let pool = moto.pool(
        "signin-email-username",
        json!({ "UsernameAttributes": ["email"] }),
    );
    let client = moto.client(&pool, true);
    let secret = client.secret.clone().unwrap();
    let email = "gina@example.com";
    moto.confirmed_user(&pool, email, json!([]));
    let spy = Spy::default();
    let cognito = moto.user(&pool, &client, email, &spy);

    authenticated(cognito.authenticate(PASSWORD), "SRP typing the email");
    assert_password_verifier_answered(&spy, PASSWORD);
    let initiate = spy.one("InitiateAuth");
    let internal = initiate.reply["ChallengeParameters"]["USERNAME"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(
        internal, email,
        "moto names the user by its generated username"
    );
    assert_eq!(
        initiate.body["AuthParameters"]["USERNAME"], email,
        "the email typed"
    );
    assert_eq!(
        initiate.body["AuthParameters"]["SECRET_HASH"],
        secret_hash(&secret, email, &client.id).as_str(),
        "InitiateAuth: SECRET_HASH over the email typed"
    );
    let respond = spy.one("RespondToAuthChallenge");
    assert_eq!(
        respond.body["ChallengeResponses"]["USERNAME"],
        internal.as_str(),
        "the answer carries moto's username"
    );
    assert_eq!(
        respond.body["ChallengeResponses"]["SECRET_HASH"],
        secret_hash(&secret, &internal, &client.id).as_str(),
        "PASSWORD_VERIFIER: SECRET_HASH over the USERNAME sent"
    );
    assert_signed_in(&cognito, &internal, "email as username");
}

#[test]
fn moto_does_not_resolve_alias_attributes() {
    // Pins a gap of the peer, so the alias case is tested elsewhere: AliasAttributes=[email]
    // is stored, but moto looks users up by username (or UsernameAttributes) only. The typed
    // alias ≠ USER_ID_FOR_SRP case runs against scripts/srp/srp_server.py
    // (tests/live/srp_server.rs).
    let moto = Moto::plain();
    let pool = moto.pool("signin-alias", json!({ "AliasAttributes": ["email"] }));
    let client = moto.client(&pool, false);
    moto.confirmed_user(
        &pool,
        "alias-hana",
        json!([
            { "Name": "email", "Value": "hana@example.com" },
            { "Name": "email_verified", "Value": "true" },
        ]),
    );
    let by_alias = moto
        .user(&pool, &client, "hana@example.com", &Spy::default())
        .authenticate(PASSWORD);
    assert_eq!(
        service_code(by_alias, "sign-in by alias on moto"),
        ErrorCode::UserNotFoundException,
        "moto 5.2.5 does not find a user by an alias"
    );
    let by_name = moto.user(&pool, &client, "alias-hana", &Spy::default());
    authenticated(by_name.authenticate(PASSWORD), "the same user by username");
}

// ---- MFA on the moto that checks TOTP codes -------------------------------------------------

#[test]
fn software_token_mfa_is_answered_with_a_real_totp_code() {
    let moto = Moto::totp();
    let pool = moto.pool("signin-totp", json!({}));
    moto.totp_mfa(&pool, "OPTIONAL");
    let client = moto.client(&pool, true);
    let secret = client.secret.clone().unwrap();
    moto.confirmed_user(&pool, "totp-ivan", json!([]));

    // Enrol: sign in, AssociateSoftwareToken and VerifySoftwareToken with the access token.
    let enrol = moto.user(&pool, &client, "totp-ivan", &Spy::default());
    authenticated(enrol.authenticate(PASSWORD), "sign-in before MFA");
    let token = enrol
        .associate_software_token()
        .expect("AssociateSoftwareToken");
    assert_eq!(
        token.secret.expose_secret(),
        MOTO_TOTP_SECRET,
        "moto's fixed secret"
    );
    let wrong = enrol.verify_software_token(&totp::wrong_code(MOTO_TOTP_SECRET), Some("phone"));
    match wrong {
        Err(Error::Service(e)) => {
            assert_eq!(
                e.code(),
                &ErrorCode::CodeMismatchException,
                "this moto checks codes"
            )
        }
        other => panic!("a wrong code must be refused by this moto, got {other:?}"),
    }
    let verified = enrol
        .verify_software_token(&totp::code_now(MOTO_TOTP_SECRET), Some("phone"))
        .expect("VerifySoftwareToken with the real code");
    assert!(verified, "VerifySoftwareToken says SUCCESS");
    enrol
        .set_user_mfa_preference(MfaPreference {
            totp: Some(true),
            preferred: Some(MfaMethod::Totp),
            ..Default::default()
        })
        .expect("SetUserMFAPreference");

    // A wrong code is refused at the challenge (so the right one below proves something).
    let refused = moto.user(&pool, &client, "totp-ivan", &Spy::default());
    let step = challenge(refused.authenticate(PASSWORD), "SRP with TOTP enabled");
    let Challenge::SoftwareTokenMfa(code) = step else {
        panic!("a typed SoftwareTokenMfa, got {step:?}");
    };
    assert_eq!(
        service_code(
            code.respond(&totp::wrong_code(MOTO_TOTP_SECRET)),
            "wrong TOTP"
        ),
        ErrorCode::CodeMismatchException,
        "a wrong TOTP code"
    );
    assert!(
        refused.tokens().access_token.is_none(),
        "no tokens after a wrong code"
    );

    let spy = Spy::default();
    let cognito = moto.user(&pool, &client, "totp-ivan", &spy);
    let step = challenge(cognito.authenticate(PASSWORD), "SRP with TOTP enabled");
    assert_eq!(step.name(), "SOFTWARE_TOKEN_MFA", "challenge name");
    let Challenge::SoftwareTokenMfa(code) = step else {
        panic!("a typed SoftwareTokenMfa");
    };
    let now = totp::code_now(MOTO_TOTP_SECRET);
    authenticated(code.respond(&now), "the real TOTP code");

    let answers = spy.sent("RespondToAuthChallenge");
    assert_eq!(
        answers.len(),
        2,
        "PASSWORD_VERIFIER, then SOFTWARE_TOKEN_MFA"
    );
    let answer = &answers[1];
    assert_eq!(
        answer.body["ChallengeName"], "SOFTWARE_TOKEN_MFA",
        "challenge answered"
    );
    let responses = &answer.body["ChallengeResponses"];
    assert_eq!(
        responses["SOFTWARE_TOKEN_MFA_CODE"],
        now.as_str(),
        "the code"
    );
    assert_eq!(responses["USERNAME"], "totp-ivan", "USERNAME");
    assert_eq!(
        responses["SECRET_HASH"],
        secret_hash(&secret, "totp-ivan", &client.id).as_str(),
        "SECRET_HASH (moto checks it at this step)"
    );
    assert_eq!(
        answer.body["Session"], answers[0].reply["Session"],
        "Session carried"
    );
    assert_signed_in(&cognito, "totp-ivan", "after SOFTWARE_TOKEN_MFA");
}

#[test]
fn mfa_setup_really_sends_associate_and_verify_software_token_with_the_session() {
    let moto = Moto::totp();
    let pool = moto.pool("signin-mfa-setup", json!({}));
    moto.totp_mfa(&pool, "ON");
    let client = moto.client(&pool, false);
    moto.confirmed_user(&pool, "setup-judy", json!([]));

    // A wrong code at VerifySoftwareToken is refused by this moto.
    let refused = moto.user(&pool, &client, "setup-judy", &Spy::default());
    let Challenge::MfaSetup(mut setup) = challenge(
        refused.authenticate(PASSWORD),
        "first sign-in, MFA required",
    ) else {
        panic!("a typed MfaSetup");
    };
    setup
        .associate_software_token()
        .expect("AssociateSoftwareToken");
    assert_eq!(
        service_code(
            setup.verify_software_token(&totp::wrong_code(MOTO_TOTP_SECRET), None),
            "wrong code at set-up"
        ),
        ErrorCode::CodeMismatchException,
        "a wrong code at set-up"
    );

    let spy = Spy::default();
    let cognito = moto.user(&pool, &client, "setup-judy", &spy);
    let step = challenge(cognito.authenticate(PASSWORD), "sign-in, MFA required");
    assert_eq!(step.name(), "MFA_SETUP", "challenge name");
    // moto 5.2.5 serialises its Python list into the string map: a Python repr, not JSON
    // (real Cognito sends the JSON text `["SOFTWARE_TOKEN_MFA"]`).
    assert_eq!(
        step.parameters().get("MFAS_CAN_SETUP"),
        Some(&json!("['SOFTWARE_TOKEN_MFA']")),
        "MFAS_CAN_SETUP as moto 5.2.5 sends it"
    );
    let Challenge::MfaSetup(mut setup) = step else {
        panic!("a typed MfaSetup");
    };
    assert_eq!(
        setup.options(),
        ["SOFTWARE_TOKEN_MFA"],
        "the Python list text is read too"
    );
    let secret = setup
        .associate_software_token()
        .expect("AssociateSoftwareToken");
    assert_eq!(
        secret.secret.expose_secret(),
        MOTO_TOTP_SECRET,
        "moto's fixed secret"
    );
    let code = totp::code_now(MOTO_TOTP_SECRET);
    authenticated(
        setup.verify_software_token(&code, Some("laptop")),
        "MFA set up",
    );

    // moto accepts the MFA_SETUP answer whatever came before: assert on what was sent.
    assert_eq!(
        spy.operations(),
        [
            "InitiateAuth",
            "RespondToAuthChallenge",
            "AssociateSoftwareToken",
            "VerifySoftwareToken",
            "RespondToAuthChallenge",
        ],
        "the calls, in order"
    );
    let all = spy.all();
    let (verifier, associate, verify, answer) = (&all[1], &all[2], &all[3], &all[4]);
    assert_eq!(
        verifier.reply["ChallengeName"], "MFA_SETUP",
        "moto asked for set-up"
    );
    assert_eq!(associate.status, 200, "AssociateSoftwareToken succeeded");
    assert_eq!(
        associate.body,
        json!({ "Session": verifier.reply["Session"] }),
        "AssociateSoftwareToken with the challenge's Session and no access token"
    );
    assert_eq!(verify.status, 200, "VerifySoftwareToken succeeded");
    assert_eq!(
        verify.reply["Status"], "SUCCESS",
        "VerifySoftwareToken says SUCCESS"
    );
    assert_eq!(verify.body["UserCode"], code.as_str(), "the TOTP code");
    assert_eq!(
        verify.body["FriendlyDeviceName"], "laptop",
        "the device name"
    );
    assert_eq!(
        verify.body["Session"], associate.reply["Session"],
        "VerifySoftwareToken with AssociateSoftwareToken's Session"
    );
    assert!(
        verify.body.get("AccessToken").is_none(),
        "no access token yet"
    );
    assert_eq!(
        answer.body["ChallengeName"], "MFA_SETUP",
        "then the MFA_SETUP answer"
    );
    assert_eq!(
        answer.body["Session"], verify.reply["Session"],
        "with VerifySoftwareToken's Session"
    );
    assert_eq!(
        answer.body["ChallengeResponses"]["USERNAME"], "setup-judy",
        "USERNAME"
    );
    assert_signed_in(&cognito, "setup-judy", "after MFA_SETUP");

    // Set up for real: the next sign-in asks for a code, and the real one is accepted.
    spy.clear();
    let later = moto.user(&pool, &client, "setup-judy", &spy);
    let Challenge::SoftwareTokenMfa(code) =
        challenge(later.authenticate(PASSWORD), "sign-in after set-up")
    else {
        panic!("SOFTWARE_TOKEN_MFA after set-up");
    };
    authenticated(
        code.respond(&totp::code_now(MOTO_TOTP_SECRET)),
        "the real TOTP code after set-up",
    );
}

/// The TOTP code maker (`tests/live/support/totp.rs`) against RFC 4226 and 6238 and moto.
#[test]
fn rfc_4226_and_6238_vectors_and_moto_secret() {
    use totp::{code_at, decode_base32, hotp, STEP};

    let key = b"12345678901234567890";
    let hotp6 = [
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
        "520489",
    ];
    for (counter, want) in hotp6.iter().enumerate() {
        assert_eq!(
            &hotp(key, counter as u64, 6),
            want,
            "RFC 4226 HOTP({counter})"
        );
    }
    for (t, want) in [
        (59u64, "94287082"),
        (1_111_111_109, "07081804"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
    ] {
        assert_eq!(hotp(key, t / STEP, 8), want, "RFC 6238 SHA1 T={t}");
    }
    assert_eq!(
        decode_base32("JBSWY3DPEHPK3PXP"),
        b"Hello!\xde\xad\xbe\xef",
        "base32"
    );
    // From moto 5.2.5's own cognito_totp("asdfasdfasdf").generate(t) and Python's
    // base64.b32decode("ASDFASDFASDF====").
    assert_eq!(
        decode_base32(MOTO_TOTP_SECRET),
        [0x04, 0x86, 0x50, 0x48, 0x65, 0x04, 0x86],
        "moto's secret, padded"
    );
    assert_eq!(
        code_at(MOTO_TOTP_SECRET, 1_700_000_000),
        "228570",
        "moto T=1700000000"
    );
    assert_eq!(code_at(MOTO_TOTP_SECRET, 59), "653795", "moto T=59");
}
