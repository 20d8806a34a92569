//! SRP through the handle against a verifying server written here, so the
//! proof itself is checked, not just its shape: neither emulator checks it
//! and the replay fixtures must leave the random signature `<redacted>`.
//!
//! The server holds verifiers, as Cognito does, and computes the session key
//! from its side, S = (A·v^u)^b mod N, which the client's
//! S = (B − k·g^x)^(a + u·x) mod N only matches when x came from the right
//! pool name, USER_ID_FOR_SRP (not the alias typed, not the challenge's
//! USERNAME) and password. The device verifier is the one the handle sent in
//! ConfirmDevice, so the remembered-device round trip is checked end to end.

use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use cognito::{AuthResult, Cognito, Error, ErrorCode, HttpRequest, HttpResponse, RememberedDevice};
use hmac::{Hmac, KeyInit, Mac};
use num_bigint::BigUint;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const POOL_ID: &str = "us-east-1_SyNtH3t1c";
const POOL_NAME: &str = "SyNtH3t1c"; // the part after `_`
const CLIENT_ID: &str = "synthetic0secret0client001";
const CLIENT_SECRET: &str = "test-client-secret-not-real";
const TYPED: &str = "alice@example.com";
const INTERNAL: &str = "alice-internal";
const SUB: &str = "sub-uuid";
const PASSWORD: &str = "Passw0rd!-not-real";
const NOW: u64 = 1_700_000_000;
const TIMESTAMP: &str = "Tue Nov 14 22:13:20 UTC 2023";
const DEVICE_KEY: &str = "us-east-1_0d15ea5e-synthetic-device-key";
const DEVICE_GROUP_KEY: &str = "-SyntheticGroupKey";

/// RFC 5054's 3072-bit prime.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74",
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437",
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05",
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB",
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718",
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33",
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864",
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2",
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

// ---- the server side of SRP, written independently of src/protocol/srp/mod.rs ----------------

fn n() -> BigUint {
    BigUint::parse_bytes(N_HEX.as_bytes(), 16).unwrap()
}

fn g() -> BigUint {
    BigUint::from(2u32)
}

fn pad(v: &BigUint) -> Vec<u8> {
    let mut bytes = v.to_bytes_be();
    if bytes[0] & 0x80 != 0 {
        bytes.insert(0, 0);
    }
    bytes
}

fn h(parts: &[&[u8]]) -> Vec<u8> {
    let mut hash = Sha256::new();
    for p in parts {
        hash.update(p);
    }
    hash.finalize().to_vec()
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().to_vec()
}

fn secret_hash(username: &str) -> String {
    STANDARD.encode(hmac(
        CLIENT_SECRET.as_bytes(),
        &[username.as_bytes(), CLIENT_ID.as_bytes()],
    ))
}

/// What the server stores for one SRP identity.
#[derive(Clone)]
struct Verifier {
    realm: String,
    identity: String,
    salt: BigUint,
    v: BigUint,
}

impl Verifier {
    /// A user's verifier, as Cognito makes it when the password is set.
    fn for_password(realm: &str, identity: &str, password: &str, salt: &[u8]) -> Self {
        let salt = BigUint::from_bytes_be(salt);
        let inner = h(&[
            realm.as_bytes(),
            identity.as_bytes(),
            b":",
            password.as_bytes(),
        ]);
        let x = BigUint::from_bytes_be(&h(&[&pad(&salt), &inner]));
        Self {
            realm: realm.into(),
            identity: identity.into(),
            v: g().modpow(&x, &n()),
            salt,
        }
    }

    /// A device's verifier, from ConfirmDevice's DeviceSecretVerifierConfig.
    fn from_confirm_device(config: &Value) -> Self {
        let decode = |key: &str| {
            BigUint::from_bytes_be(&STANDARD.decode(config[key].as_str().unwrap()).unwrap())
        };
        Self {
            realm: DEVICE_GROUP_KEY.into(),
            identity: DEVICE_KEY.into(),
            salt: decode("Salt"),
            v: decode("PasswordVerifier"),
        }
    }
}

/// One exchange in progress: the client's A and the server's b and B.
struct Round {
    verifier: Verifier,
    a_pub: BigUint,
    b: BigUint,
    b_pub: BigUint,
}

impl Round {
    fn start(verifier: &Verifier, srp_a: &str, seed: &str) -> Self {
        let a_pub = BigUint::parse_bytes(srp_a.as_bytes(), 16).unwrap();
        assert_ne!(&a_pub % n(), BigUint::from(0u32), "server: A ≡ 0 (mod N)");
        let k = BigUint::from_bytes_be(&h(&[&pad(&n()), &pad(&g())]));
        let b = BigUint::from_bytes_be(&h(&[b"synthetic server b", seed.as_bytes()]));
        let b_pub = (k * &verifier.v + g().modpow(&b, &n())) % n();
        Self {
            verifier: verifier.clone(),
            a_pub,
            b,
            b_pub,
        }
    }

    /// The challenge parameters: SALT, SRP_B and SECRET_BLOCK.
    fn parameters(&self, secret_block: &str) -> Value {
        json!({"SALT": format!("{:x}", self.verifier.salt), "SRP_B": format!("{:x}", self.b_pub),
               "SECRET_BLOCK": secret_block})
    }

    /// Whether the client's claim proves the password.
    fn verify(&self, responses: &Value) -> bool {
        let u = BigUint::from_bytes_be(&h(&[&pad(&self.a_pub), &pad(&self.b_pub)]));
        let s = (&self.a_pub * self.verifier.v.modpow(&u, &n())).modpow(&self.b, &n());
        let prk = hmac(&pad(&u), &[&pad(&s)]);
        let key = &hmac(&prk, &[b"Caldera Derived Key", &[1]])[..16];
        let block = responses["PASSWORD_CLAIM_SECRET_BLOCK"].as_str().unwrap();
        // Cognito's SECRET_BLOCK is base64; moto's is a UUID, decoded leniently as Python does.
        let kept: String = block
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '/')
            .collect();
        let block_bytes = STANDARD_NO_PAD.decode(kept).unwrap();
        let timestamp = responses["TIMESTAMP"].as_str().unwrap();
        let expected = STANDARD.encode(hmac(
            key,
            &[
                self.verifier.realm.as_bytes(),
                self.verifier.identity.as_bytes(),
                &block_bytes,
                timestamp.as_bytes(),
            ],
        ));
        responses["PASSWORD_CLAIM_SIGNATURE"] == expected.as_str()
    }
}

/// A Cognito stand-in that checks SRP proofs, SECRET_HASH, USERNAME and TIMESTAMP.
struct Server {
    user: Verifier,
    device: Option<Verifier>,
    secret_block: String,
    offer_device: bool,
    round: Option<Round>,
    /// What was verified, in order.
    log: Vec<&'static str>,
}

impl Server {
    fn new(secret_block: &str, offer_device: bool) -> Self {
        let user = Verifier::for_password(
            POOL_NAME,
            SUB,
            PASSWORD,
            &h(&[b"synthetic user salt"])[..16],
        );
        Self {
            user,
            device: None,
            secret_block: secret_block.into(),
            offer_device,
            round: None,
            log: Vec::new(),
        }
    }

    fn handle(&mut self, req: &HttpRequest) -> HttpResponse {
        let body: Value = serde_json::from_slice(&req.body).unwrap();
        let operation = req
            .header("x-amz-target")
            .unwrap()
            .rsplit('.')
            .next()
            .unwrap()
            .to_owned();
        let reply = match operation.as_str() {
            "InitiateAuth" => {
                let p = &body["AuthParameters"];
                assert_eq!(
                    p["USERNAME"], TYPED,
                    "server: InitiateAuth USERNAME is the typed alias"
                );
                assert_eq!(
                    p["SECRET_HASH"],
                    secret_hash(TYPED).as_str(),
                    "server: InitiateAuth SECRET_HASH"
                );
                assert_eq!(
                    p["DEVICE_KEY"].as_str(),
                    self.device.as_ref().map(|_| DEVICE_KEY),
                    "server: DEVICE_KEY"
                );
                let round = Round::start(&self.user, p["SRP_A"].as_str().unwrap(), "user");
                let mut params = round.parameters(&self.secret_block);
                params["USER_ID_FOR_SRP"] = SUB.into();
                params["USERNAME"] = INTERNAL.into();
                self.round = Some(round);
                json!({"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": params,
                       "Session": "synthetic-server-session-1"})
            }
            "RespondToAuthChallenge" => {
                let r = &body["ChallengeResponses"];
                assert_eq!(r["USERNAME"], INTERNAL, "server: challenge USERNAME");
                assert_eq!(
                    r["SECRET_HASH"],
                    secret_hash(INTERNAL).as_str(),
                    "server: challenge SECRET_HASH"
                );
                match body["ChallengeName"].as_str().unwrap() {
                    "PASSWORD_VERIFIER" | "DEVICE_PASSWORD_VERIFIER" => {
                        assert_eq!(r["TIMESTAMP"], TIMESTAMP, "server: TIMESTAMP");
                        assert_eq!(
                            r["PASSWORD_CLAIM_SECRET_BLOCK"],
                            self.secret_block.as_str(),
                            "server: block"
                        );
                        let round = self.round.take().unwrap();
                        if !round.verify(r) {
                            return error(
                                "NotAuthorizedException",
                                "Incorrect username or password.",
                            );
                        }
                        let device_step = round.verifier.identity == DEVICE_KEY;
                        self.log.push(if device_step {
                            "device proof verified"
                        } else {
                            "user proof verified"
                        });
                        if !device_step && self.device.is_some() {
                            assert_eq!(
                                r["DEVICE_KEY"], DEVICE_KEY,
                                "server: DEVICE_KEY on the answer"
                            );
                            json!({"ChallengeName": "DEVICE_SRP_AUTH", "ChallengeParameters": {"USERNAME": INTERNAL},
                                   "Session": "synthetic-server-session-2"})
                        } else {
                            self.tokens(!device_step && self.offer_device)
                        }
                    }
                    "DEVICE_SRP_AUTH" => {
                        assert_eq!(
                            r["DEVICE_KEY"], DEVICE_KEY,
                            "server: DEVICE_SRP_AUTH DEVICE_KEY"
                        );
                        let device = self.device.clone().unwrap();
                        let round = Round::start(&device, r["SRP_A"].as_str().unwrap(), "device");
                        let params = round.parameters(&self.secret_block);
                        self.round = Some(round);
                        json!({"ChallengeName": "DEVICE_PASSWORD_VERIFIER", "ChallengeParameters": params,
                               "Session": "synthetic-server-session-3"})
                    }
                    other => panic!("server: unexpected challenge {other}"),
                }
            }
            "ConfirmDevice" => {
                assert_eq!(body["DeviceKey"], DEVICE_KEY, "server: ConfirmDevice key");
                self.device = Some(Verifier::from_confirm_device(
                    &body["DeviceSecretVerifierConfig"],
                ));
                self.log.push("device confirmed");
                json!({"UserConfirmationNecessary": false})
            }
            other => panic!("server: unexpected operation {other}"),
        };
        HttpResponse::new(200, reply.to_string().into_bytes())
    }

    fn tokens(&self, new_device: bool) -> Value {
        let jwt = |claims: Value| {
            format!(
                "{}.{}.UkVEQUNURUQ",
                URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","kid":"synthetic"}"#),
                URL_SAFE_NO_PAD.encode(claims.to_string())
            )
        };
        let exp = NOW + 3600;
        let access = json!({"token_use": "access", "sub": SUB, "username": INTERNAL, "client_id": CLIENT_ID, "exp": exp});
        let id = json!({"token_use": "id", "sub": SUB, "cognito:username": INTERNAL, "aud": CLIENT_ID, "exp": exp});
        let mut result = json!({"AccessToken": jwt(access), "IdToken": jwt(id),
                                "RefreshToken": "synthetic-refresh-token-not-real",
                                "ExpiresIn": 3600, "TokenType": "Bearer"});
        if new_device {
            result["NewDeviceMetadata"] =
                json!({"DeviceKey": DEVICE_KEY, "DeviceGroupKey": DEVICE_GROUP_KEY});
        }
        json!({"AuthenticationResult": result})
    }
}

fn error(code: &str, message: &str) -> HttpResponse {
    HttpResponse::new(
        400,
        json!({"__type": code, "message": message})
            .to_string()
            .into_bytes(),
    )
}

fn handle(server: &Arc<Mutex<Server>>, password_device: Option<RememberedDevice>) -> Cognito {
    let server = Arc::clone(server);
    let mut builder = Cognito::builder()
        .user_pool_id(POOL_ID)
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET)
        .username(TYPED)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .environment(|_| None)
        .transport(move |req: HttpRequest| Ok(server.lock().unwrap().handle(&req)));
    if let Some(device) = password_device {
        builder = builder.remembered_device(device);
    }
    builder.build().unwrap()
}

#[test]
fn the_proof_verifies_for_an_alias_login_then_for_the_remembered_device() {
    for block in [
        "c3ludGhldGljIFNFQ1JFVF9CTE9DSyBmb3IgdGhlIHZlcmlmeWluZyBzZXJ2ZXI=", // base64, as Cognito
        "5b1f7f9e-0c4e-4c0a-9d8e-53a7e71c0000",                             // a UUID, as moto
    ] {
        let server = Arc::new(Mutex::new(Server::new(block, true)));
        let first = handle(&server, None);
        let result = first.authenticate(PASSWORD).unwrap();
        assert!(
            matches!(result, AuthResult::Authenticated),
            "{block}: first sign-in: {result:?}"
        );
        let device = first
            .remembered_device()
            .expect("the new device is remembered");
        assert_eq!(
            server.lock().unwrap().log,
            ["user proof verified", "device confirmed"],
            "{block}: first"
        );

        // A later handle, given the persisted device, proves the device password
        // against the verifier it registered.
        let later = handle(&server, Some(device.clone()));
        let result = later.authenticate(PASSWORD).unwrap();
        assert!(
            matches!(result, AuthResult::Authenticated),
            "{block}: device sign-in: {result:?}"
        );
        assert_eq!(
            server.lock().unwrap().log,
            [
                "user proof verified",
                "device confirmed",
                "user proof verified",
                "device proof verified"
            ],
            "{block}: device sign-in"
        );
        assert_eq!(
            later.tokens().expires_in,
            Some(3600),
            "{block}: tokens held"
        );
        assert_eq!(
            later.remembered_device(),
            Some(device),
            "{block}: device kept"
        );
    }
}

#[test]
fn a_wrong_password_or_device_password_is_refused() {
    let server = Arc::new(Mutex::new(Server::new("c3ludGhldGlj", true)));
    let err = handle(&server, None)
        .authenticate("Wr0ng-Passw0rd!-not-real")
        .unwrap_err();
    assert!(
        matches!(&err, Error::Service(e) if e.code() == &ErrorCode::NotAuthorizedException),
        "{err:?}"
    );
    assert!(
        server.lock().unwrap().log.is_empty(),
        "wrong password: nothing verified"
    );

    let first = handle(&server, None);
    assert!(
        first.authenticate(PASSWORD).unwrap().is_authenticated(),
        "right password"
    );
    let mut device = first.remembered_device().unwrap();
    device.device_password = "synthetic-wrong-device-password".into();
    let err = handle(&server, Some(device))
        .authenticate(PASSWORD)
        .unwrap_err();
    assert!(
        matches!(&err, Error::Service(e) if e.code() == &ErrorCode::NotAuthorizedException),
        "{err:?}"
    );
    assert_eq!(
        server.lock().unwrap().log,
        [
            "user proof verified",
            "device confirmed",
            "user proof verified"
        ],
        "wrong device password: the device proof fails"
    );
}
