//! The sources of the default chain that need HTTP (STS, SSO, container,
//! instance metadata), through a scripted transport that records every
//! request: precedence, the requests' shape, caching, and the errors.
//! Variables are injected; files live in a temporary home.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cognito::credentials::{CredentialsError, DefaultCredentials, ProvideCredentials};
use cognito::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};

/// How a scripted transport answers a request.
type Answer = dyn Fn(&HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync;

/// Answers requests with a function of the request and records them.
struct Scripted {
    seen: Mutex<Vec<HttpRequest>>,
    answer: Box<Answer>,
}

impl Scripted {
    fn new(
        answer: impl Fn(&HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync + 'static,
    ) -> Arc<Self> {
        Arc::new(Scripted {
            seen: Mutex::new(Vec::new()),
            answer: Box::new(answer),
        })
    }

    fn seen(&self) -> Vec<HttpRequest> {
        self.seen.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let answer = (self.answer)(&request);
        self.seen.lock().unwrap().push(request);
        answer
    }
}

fn body(r: &HttpRequest) -> String {
    String::from_utf8(r.body.clone()).unwrap()
}

fn form(r: &HttpRequest) -> HashMap<String, String> {
    body(r)
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), decode(v)))
        .collect()
}

fn decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn in_an_hour() -> String {
    let t = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    t.replace_nanosecond(0)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// An STS reply with access key `key`.
fn sts_reply(action: &str, key: &str) -> HttpResponse {
    HttpResponse::new(
        200,
        format!(
            "<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result>\
             <Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>secret-{key}</SecretAccessKey>\
             <SessionToken>token-{key}</SessionToken><Expiration>{}</Expiration></Credentials>\
             </{action}Result></{action}Response>",
            in_an_hour()
        )
        .into_bytes(),
    )
}

/// The access key the request was signed with, from `Authorization`.
fn signed_by(r: &HttpRequest) -> String {
    let auth = r.header("authorization").unwrap();
    auth.split("Credential=")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned()
}

struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("cognito-sources-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".aws/sso/cache")).unwrap();
        Home { dir }
    }

    fn write(&self, file: &str, text: &str) -> &Self {
        std::fs::write(self.dir.join(file), text).unwrap();
        self
    }

    fn path(&self, file: &str) -> String {
        self.dir.join(file).display().to_string()
    }

    fn chain(&self, vars: &[(&str, &str)], transport: Arc<Scripted>) -> DefaultCredentials {
        let mut map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.insert("HOME".into(), self.dir.display().to_string());
        DefaultCredentials::with_lookup(move |name| map.get(name).cloned())
            .with_transport(transport)
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn sts() -> Arc<Scripted> {
    Scripted::new(|r| {
        let f = form(r);
        let action = f["Action"].clone();
        let key = match action.as_str() {
            "AssumeRoleWithWebIdentity" => format!("WEB-{}", f["RoleSessionName"]),
            _ => format!("ROLE-{}", f["RoleArn"].rsplit('/').next().unwrap()),
        };
        Ok(sts_reply(&action, &key))
    })
}

fn unreachable() -> Arc<Scripted> {
    Scripted::new(|r| panic!("no request expected, got {r:?}"))
}

fn chain_error(e: &CredentialsError) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(" | caused by: ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

#[test]
fn assume_role_with_source_profile_sends_a_signed_form() {
    let home = Home::new("assume");
    home.write(
        ".aws/credentials",
        "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = basesecret\n",
    )
    .write(
        ".aws/config",
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n\
         external_id = ext-1\nduration_seconds = 1200\nrole_session_name = ci-run\n\
         mfa_serial = arn:aws:iam::123456789012:mfa/me\nregion = eu-west-2\n",
    );
    let transport = sts();
    let asked = Arc::new(Mutex::new(Vec::<String>::new()));
    let asked2 = Arc::clone(&asked);
    let chain = home
        .chain(&[("AWS_PROFILE", "admin")], Arc::clone(&transport))
        .mfa_code(move |serial| {
            asked2.lock().unwrap().push(serial.to_owned());
            Some("123456".to_owned())
        });
    let c = chain.provide().unwrap();
    assert_eq!(c.access_key_id(), "ROLE-admin");
    assert_eq!(
        c.session_token().unwrap().expose_secret(),
        "token-ROLE-admin"
    );
    assert!(c.expires_at().is_some());
    let seen = transport.seen();
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.url, "https://sts.eu-west-2.amazonaws.com/");
    assert_eq!(signed_by(r), "BASEKEY");
    assert!(r
        .header("authorization")
        .unwrap()
        .contains("/eu-west-2/sts/aws4_request"));
    let f = form(r);
    assert_eq!(f["Action"], "AssumeRole");
    assert_eq!(f["Version"], "2011-06-15");
    assert_eq!(f["RoleArn"], "arn:aws:iam::123456789012:role/admin");
    assert_eq!(f["RoleSessionName"], "ci-run");
    assert_eq!(f["ExternalId"], "ext-1");
    assert_eq!(f["DurationSeconds"], "1200");
    assert_eq!(f["SerialNumber"], "arn:aws:iam::123456789012:mfa/me");
    assert_eq!(f["TokenCode"], "123456");
    assert_eq!(*asked.lock().unwrap(), ["arn:aws:iam::123456789012:mfa/me"]);

    // Cached: the second call neither asks STS nor the MFA callback.
    assert_eq!(chain.provide().unwrap().access_key_id(), "ROLE-admin");
    assert_eq!(transport.seen().len(), 1);
    assert_eq!(asked.lock().unwrap().len(), 1);
}

#[test]
fn mfa_without_a_callback_says_so() {
    let home = Home::new("mfa");
    home.write(
        ".aws/config",
        "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n\
         aws_access_key_id = K\naws_secret_access_key = S\nmfa_serial = arn:aws:iam::1:mfa/u\n",
    );
    let e = home.chain(&[], unreachable()).provide().unwrap_err();
    assert!(
        e.to_string()
            .contains("needs an MFA code for arn:aws:iam::1:mfa/u")
            && e.to_string().contains("mfa_code"),
        "{e}"
    );
    let declined = home
        .chain(&[], unreachable())
        .mfa_code(|_| None)
        .provide()
        .unwrap_err();
    assert_eq!(
        declined.to_string(),
        "no MFA code given for arn:aws:iam::1:mfa/u"
    );
}

#[test]
fn role_chains_sign_each_step_with_the_previous_credentials() {
    let home = Home::new("chain");
    home.write(
        ".aws/config",
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n\
         [profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n\
         [profile c]\naws_access_key_id = CKEY\naws_secret_access_key = csecret\n",
    );
    let transport = sts();
    let c = home
        .chain(&[("AWS_PROFILE", "a")], Arc::clone(&transport))
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "ROLE-a");
    let seen = transport.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(form(&seen[0])["RoleArn"], "arn:aws:iam::1:role/b");
    assert_eq!(signed_by(&seen[0]), "CKEY");
    assert_eq!(form(&seen[1])["RoleArn"], "arn:aws:iam::1:role/a");
    assert_eq!(signed_by(&seen[1]), "ROLE-b");
    assert_eq!(seen[1].header("x-amz-security-token"), Some("token-ROLE-b"));
}

#[test]
fn source_profile_loops_are_refused_and_self_reference_with_keys_is_not() {
    let home = Home::new("loop");
    home.write(
        ".aws/config",
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n\
         [profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n\
         [profile self]\nrole_arn = arn:aws:iam::1:role/self\nsource_profile = self\n\
         aws_access_key_id = SELFKEY\naws_secret_access_key = s\n\
         [profile selfless]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = selfless\n\
         [profile both]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = a\ncredential_source = Environment\n\
         [profile ghost]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = nobody\n",
    );
    let e = home
        .chain(&[("AWS_PROFILE", "a")], unreachable())
        .provide()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "the AWS profiles loop through source_profile: a -> b -> a"
    );
    let e = home
        .chain(&[("AWS_PROFILE", "selfless")], unreachable())
        .provide()
        .unwrap_err();
    assert!(e.to_string().contains("loop"), "{e}");
    let e = home
        .chain(&[("AWS_PROFILE", "both")], unreachable())
        .provide()
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("both source_profile and credential_source"),
        "{e}"
    );
    let e = home
        .chain(&[("AWS_PROFILE", "ghost")], unreachable())
        .provide()
        .unwrap_err();
    assert!(e.to_string().contains("\"nobody\""), "{e}");

    let transport = sts();
    let c = home
        .chain(&[("AWS_PROFILE", "self")], Arc::clone(&transport))
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "ROLE-self");
    assert_eq!(signed_by(&transport.seen()[0]), "SELFKEY");
}

#[test]
fn credential_source_environment_and_container() {
    let home = Home::new("named");
    home.write(
        ".aws/config",
        "[profile env]\nrole_arn = arn:aws:iam::1:role/env\ncredential_source = Environment\n\
         [profile ecs]\nrole_arn = arn:aws:iam::1:role/ecs\ncredential_source = EcsContainer\n\
         [profile bad]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = Moon\n",
    );
    // Environment keys win over the profile's role in the chain, so the
    // Environment source is shown through a profile with only a session token.
    let transport = sts();
    let e = home
        .chain(
            &[
                ("AWS_PROFILE", "env"),
                ("AWS_ACCESS_KEY_ID", "ENVKEY"),
                ("AWS_SECRET_ACCESS_KEY", "s"),
            ],
            Arc::clone(&transport),
        )
        .provide()
        .unwrap();
    assert_eq!(e.access_key_id(), "ENVKEY", "environment keys come first");
    assert!(transport.seen().is_empty());

    let transport = Scripted::new(|r| {
        if r.url.starts_with("http://169.254.170.2/") {
            Ok(HttpResponse::new(
                200,
                format!(
                    r#"{{"AccessKeyId":"ECSKEY","SecretAccessKey":"s","Token":"t","Expiration":"{}"}}"#,
                    in_an_hour()
                )
                .into_bytes(),
            ))
        } else {
            Ok(sts_reply("AssumeRole", "ROLE-ecs"))
        }
    });
    let c = home
        .chain(
            &[
                ("AWS_PROFILE", "ecs"),
                (
                    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                    "/v2/credentials/abc",
                ),
            ],
            Arc::clone(&transport),
        )
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "ROLE-ecs");
    let seen = transport.seen();
    assert_eq!(seen[0].url, "http://169.254.170.2/v2/credentials/abc");
    assert_eq!(signed_by(&seen[1]), "ECSKEY");

    let e = home
        .chain(&[("AWS_PROFILE", "bad")], unreachable())
        .provide()
        .unwrap_err();
    assert!(e.to_string().contains("\"Moon\""), "{e}");
}

#[test]
fn web_identity_from_environment_and_profile() {
    let home = Home::new("web");
    home.write("token.jwt", "eyJhbGciOi.env.token\n")
        .write("profile.jwt", "eyJhbGciOi.profile.token")
        .write(
            ".aws/config",
            &format!(
                "[profile ci]\nrole_arn = arn:aws:iam::1:role/from-profile\n\
                 web_identity_token_file = {}\nrole_session_name = prof\n",
                home.path("profile.jwt")
            ),
        );
    let transport = sts();
    let c = home
        .chain(
            &[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", &home.path("token.jwt")),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/from-env"),
                ("AWS_ROLE_SESSION_NAME", "gha"),
                ("AWS_REGION", "ap-south-1"),
            ],
            Arc::clone(&transport),
        )
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "WEB-gha");
    let r = &transport.seen()[0];
    assert_eq!(r.url, "https://sts.ap-south-1.amazonaws.com/");
    assert!(r.header("authorization").is_none(), "unsigned");
    let f = form(r);
    assert_eq!(f["Action"], "AssumeRoleWithWebIdentity");
    assert_eq!(f["RoleArn"], "arn:aws:iam::1:role/from-env");
    assert_eq!(f["WebIdentityToken"], "eyJhbGciOi.env.token");

    // The profile's settings; a profile with a token file is not assume-role.
    let transport = sts();
    let c = home
        .chain(
            &[
                ("AWS_PROFILE", "ci"),
                ("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1/"),
            ],
            Arc::clone(&transport),
        )
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "WEB-prof");
    let r = &transport.seen()[0];
    assert_eq!(r.url, "http://127.0.0.1:1/");
    assert_eq!(form(r)["WebIdentityToken"], "eyJhbGciOi.profile.token");
    assert_eq!(form(r)["RoleArn"], "arn:aws:iam::1:role/from-profile");
}

#[test]
fn sts_errors_are_typed_and_hold_no_secret() {
    let home = Home::new("stserr");
    home.write("token.jwt", "SECRET-JWT-VALUE");
    let transport = Scripted::new(|_| {
        Ok(HttpResponse::new(
            400,
            b"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>\
              <Message>No OpenIDConnect provider found</Message></Error><RequestId>rid</RequestId></ErrorResponse>"
                .to_vec(),
        ))
    });
    let e = home
        .chain(
            &[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", &home.path("token.jwt")),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/r"),
            ],
            transport,
        )
        .provide()
        .unwrap_err();
    let text = chain_error(&e);
    assert_eq!(
        text,
        "web identity: cannot assume arn:aws:iam::1:role/r | caused by: STS refused \
         | caused by: STS InvalidIdentityToken (HTTP 400): No OpenIDConnect provider found"
    );
    assert!(!format!("{e:?}").contains("SECRET-JWT"));
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    let mut found = None;
    while let Some(c) = cause {
        if let Some(sts) = c.downcast_ref::<cognito::credentials::StsError>() {
            found = Some(sts.clone());
        }
        cause = c.source();
    }
    let sts = found.expect("an StsError in the chain");
    assert_eq!(
        sts.code(),
        &cognito::credentials::StsErrorCode::InvalidIdentityToken
    );
    assert_eq!(sts.request_id(), Some("rid"));
}

#[test]
fn precedence_follows_botocore() {
    let home = Home::new("order");
    home.write("t.jwt", "jwt").write(
        ".aws/credentials",
        "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = s\n\
             role_arn = arn:aws:iam::1:role/over-keys\nsource_profile = default\n",
    );
    // Environment keys beat everything.
    let e = home
        .chain(
            &[
                ("AWS_ACCESS_KEY_ID", "ENVKEY"),
                ("AWS_SECRET_ACCESS_KEY", "s"),
                ("AWS_WEB_IDENTITY_TOKEN_FILE", &home.path("t.jwt")),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/web"),
                ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/x"),
            ],
            unreachable(),
        )
        .provide()
        .unwrap();
    assert_eq!(e.access_key_id(), "ENVKEY");
    // Assume role beats web identity from the environment and the profile's own keys.
    let c = home
        .chain(
            &[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", &home.path("t.jwt")),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/web"),
            ],
            sts(),
        )
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "ROLE-over-keys");
    // Without the role, web identity beats the file's keys.
    home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = s\n",
    );
    let c = home
        .chain(
            &[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", &home.path("t.jwt")),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/web"),
                ("AWS_ROLE_SESSION_NAME", "w"),
            ],
            sts(),
        )
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "WEB-w");
    // The file's keys beat the container and instance metadata.
    let c = home
        .chain(
            &[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/x")],
            unreachable(),
        )
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "FILEKEY");
}

fn write_sso_token(home: &Home, key_sha1: &str, expires: &str) {
    home.write(
        &format!(".aws/sso/cache/{key_sha1}.json"),
        &format!(
            r#"{{"startUrl":"https://d-123.awsapps.com/start","region":"eu-central-1","accessToken":"SSO-ACCESS-TOKEN","expiresAt":"{expires}"}}"#
        ),
    );
}

#[test]
fn sso_session_and_legacy_profiles() {
    let home = Home::new("sso");
    home.write(
        ".aws/config",
        "[profile dev]\nsso_session = my-sso-session\nsso_account_id = 111122223333\nsso_role_name = Admin Role\n\
         [sso-session my-sso-session]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = eu-central-1\n\
         [profile legacy]\nsso_start_url = https://d-123.awsapps.com/start\nsso_region = us-west-2\n\
         sso_account_id = 444455556666\nsso_role_name = ReadOnly\n",
    );
    // hashlib.sha1(b"my-sso-session") and hashlib.sha1(b"https://d-123.awsapps.com/start").
    write_sso_token(
        &home,
        "b755b5ec73400c04400e978208d8559ad1f39053",
        &in_an_hour(),
    );
    write_sso_token(
        &home,
        "2b829a45f04c9828cb45b7d092d8e4aa30818393",
        "2020-01-01T00:00:00Z",
    );
    let transport = Scripted::new(|_| {
        Ok(HttpResponse::new(
            200,
            br#"{"roleCredentials":{"accessKeyId":"SSOKEY","secretAccessKey":"s","sessionToken":"t","expiration":4102444800000}}"#.to_vec(),
        ))
    });
    let c = home
        .chain(&[("AWS_PROFILE", "dev")], Arc::clone(&transport))
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "SSOKEY");
    assert_eq!(
        c.expires_at(),
        Some(UNIX_EPOCH + Duration::from_secs(4_102_444_800))
    );
    let r = &transport.seen()[0];
    assert_eq!(r.method, "GET");
    assert_eq!(
        r.url,
        "https://portal.sso.eu-central-1.amazonaws.com/federation/credentials?role_name=Admin%20Role&account_id=111122223333"
    );
    assert_eq!(r.header("x-amz-sso_bearer_token"), Some("SSO-ACCESS-TOKEN"));

    let e = home
        .chain(&[("AWS_PROFILE", "legacy")], unreachable())
        .provide()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "SSO: the cached token has expired; run `aws sso login` (with this profile) to sign in again"
    );
    let refused = Scripted::new(|_| Ok(HttpResponse::new(401, b"{}".to_vec())));
    let e = home
        .chain(&[("AWS_PROFILE", "dev")], refused)
        .provide()
        .unwrap_err();
    assert!(e.to_string().contains("aws sso login"), "{e}");
    assert!(!format!("{e:?}").contains("SSO-ACCESS-TOKEN"));
}

#[test]
fn container_endpoints_and_tokens() {
    let home = Home::new("container");
    home.write("auth", "Bearer from-file");
    let ok = || {
        Scripted::new(|_| {
            Ok(HttpResponse::new(
                200,
                format!(
                    r#"{{"AccessKeyId":"CKEY","SecretAccessKey":"s","Token":"t","Expiration":"{}"}}"#,
                    in_an_hour()
                )
                .into_bytes(),
            ))
        })
    };
    let t = ok();
    let c = home
        .chain(
            &[
                (
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    "http://169.254.170.23/v1/credentials",
                ),
                ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "from-env"),
                ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &home.path("auth")),
            ],
            Arc::clone(&t),
        )
        .provide()
        .unwrap();
    assert_eq!(c.access_key_id(), "CKEY");
    let r = &t.seen()[0];
    assert_eq!(r.url, "http://169.254.170.23/v1/credentials");
    assert_eq!(r.header("authorization"), Some("Bearer from-file"));

    let e = home
        .chain(
            &[(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://attacker.example/creds",
            )],
            unreachable(),
        )
        .provide()
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("\"attacker.example\" is not allowed"),
        "{e}"
    );
    let e = home
        .chain(
            &[
                (
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    "http://127.0.0.1:9/creds",
                ),
                ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "a\r\nX-Injected: 1"),
            ],
            unreachable(),
        )
        .provide()
        .unwrap_err();
    assert!(e.to_string().contains("line break"), "{e}");
    let failing = Scripted::new(|_| Ok(HttpResponse::new(500, b"oops".to_vec())));
    let e = home
        .chain(
            &[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/creds")],
            failing,
        )
        .provide()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "container credentials: the endpoint answered HTTP 500"
    );
}

/// An instance metadata service: `token` answers the PUT; GETs need the
/// token when `need_token`.
fn imds(token_status: u16, need_token: bool, expiration: String) -> Arc<Scripted> {
    Scripted::new(move |r| {
        let path = r.url.trim_start_matches("http://169.254.169.254");
        match (r.method.as_str(), path) {
            ("PUT", "/latest/api/token") => {
                assert_eq!(r.header("x-aws-ec2-metadata-token-ttl-seconds"), Some("21600"));
                Ok(HttpResponse::new(token_status, b"IMDS-TOKEN".to_vec()))
            }
            ("GET", _) if need_token && r.header("x-aws-ec2-metadata-token") != Some("IMDS-TOKEN") => {
                Ok(HttpResponse::new(401, Vec::new()))
            }
            ("GET", "/latest/meta-data/iam/security-credentials/") => {
                Ok(HttpResponse::new(200, b"my-role".to_vec()))
            }
            ("GET", "/latest/meta-data/iam/security-credentials/my-role") => Ok(HttpResponse::new(
                200,
                format!(
                    r#"{{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"IMDSKEY","SecretAccessKey":"s","Token":"t","Expiration":"{expiration}"}}"#
                )
                .into_bytes(),
            )),
            _ => Ok(HttpResponse::new(404, Vec::new())),
        }
    })
}

#[test]
fn instance_metadata_v2_v1_fallback_and_refusals() {
    let home = Home::new("imds");
    let t = imds(200, true, in_an_hour());
    let c = home.chain(&[], Arc::clone(&t)).provide().unwrap();
    assert_eq!(c.access_key_id(), "IMDSKEY");
    let seen = t.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].method, "PUT");
    assert!(seen[1..]
        .iter()
        .all(|r| r.header("x-aws-ec2-metadata-token") == Some("IMDS-TOKEN")));

    // A PUT answered 403/404/405 falls back to IMDSv1 (no token header).
    for status in [403, 404, 405] {
        let t = imds(status, false, in_an_hour());
        assert_eq!(
            home.chain(&[], Arc::clone(&t))
                .provide()
                .unwrap()
                .access_key_id(),
            "IMDSKEY"
        );
        assert!(t.seen()[1..]
            .iter()
            .all(|r| r.header("x-aws-ec2-metadata-token").is_none()));
    }
    // A token request that times out (a hop limit of 1 drops the answer) falls back too.
    let timing_out = Scripted::new(|r| match r.method.as_str() {
        "PUT" => Err(TransportError::new(
            TransportErrorKind::Timeout,
            "timed out",
        )),
        _ if r.header("x-aws-ec2-metadata-token").is_some() => panic!("no token was issued"),
        _ if r.url.ends_with("/security-credentials/") => {
            Ok(HttpResponse::new(200, b"my-role".to_vec()))
        }
        _ => Ok(HttpResponse::new(
            200,
            format!(
                r#"{{"AccessKeyId":"V1KEY","SecretAccessKey":"s","Token":"t","Expiration":"{}"}}"#,
                in_an_hour()
            )
            .into_bytes(),
        )),
    });
    let c = home.chain(&[], Arc::clone(&timing_out)).provide().unwrap();
    assert_eq!(c.access_key_id(), "V1KEY");
    assert_eq!(timing_out.seen().len(), 3);
    // … unless IMDSv1 is disabled.
    let e = home
        .chain(
            &[("AWS_EC2_METADATA_V1_DISABLED", "true")],
            imds(404, false, in_an_hour()),
        )
        .provide()
        .unwrap_err();
    assert!(
        e.to_string().ends_with(
            "instance metadata (no IMDSv2 token and IMDSv1 is disabled (http://169.254.169.254/))"
        ),
        "{e}"
    );
    // A 401 on the GETs (a token the service refuses) is "no credentials here".
    let refusing = Scripted::new(|r| match r.method.as_str() {
        "PUT" => Ok(HttpResponse::new(200, b"STALE".to_vec())),
        _ => Ok(HttpResponse::new(401, Vec::new())),
    });
    let e = home.chain(&[], refusing).provide().unwrap_err();
    assert!(
        e.to_string()
            .ends_with("instance metadata (role name: HTTP 401 (http://169.254.169.254/))"),
        "{e}"
    );
    // Disabled: no request at all.
    let e = home
        .chain(&[("AWS_EC2_METADATA_DISABLED", "TRUE")], unreachable())
        .provide()
        .unwrap_err();
    assert!(
        e.to_string()
            .ends_with("instance metadata (disabled by AWS_EC2_METADATA_DISABLED)"),
        "{e}"
    );
    // Another endpoint.
    let moved = Scripted::new(|r| {
        assert!(r.url.starts_with("http://[fd00:ec2::254]/"), "{}", r.url);
        Err(TransportError::new(TransportErrorKind::Connect, "refused"))
    });
    let e = home
        .chain(
            &[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6")],
            Arc::clone(&moved),
        )
        .provide()
        .unwrap_err();
    assert_eq!(
        moved.seen().len(),
        1,
        "a refused connection ends the attempt"
    );
    assert!(
        e.to_string()
            .contains("instance metadata (no answer: refused"),
        "{e}"
    );
    let t = Scripted::new(|r| {
        assert!(r.url.starts_with("http://127.0.0.1:7/"), "{}", r.url);
        Err(TransportError::new(TransportErrorKind::Connect, "refused"))
    });
    home.chain(
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:7")],
        t,
    )
    .provide()
    .unwrap_err();

    // Stale credentials (already expired) are used a while longer.
    let before = SystemTime::now();
    let c = home
        .chain(&[], imds(200, true, "2020-01-01T00:00:00Z".to_owned()))
        .provide()
        .unwrap();
    let at = c.expires_at().unwrap();
    assert!(
        at > before + Duration::from_secs(20 * 60) && at < before + Duration::from_secs(22 * 60)
    );
}

#[test]
fn nothing_found_lists_every_source_in_order() {
    let home = Home::new("nothing");
    let refused = Scripted::new(|_| {
        Err(TransportError::new(
            TransportErrorKind::Connect,
            "connection refused",
        ))
    });
    let e = home.chain(&[], refused).provide().unwrap_err().to_string();
    let order = [
        "environment (",
        "assume role (",
        "web identity (",
        "SSO (",
        "shared credentials file (",
        "credential_process (",
        "config file (",
        "container (",
        "instance metadata (no answer: connection refused",
    ];
    let mut at = 0;
    for label in order {
        let found = e[at..]
            .find(label)
            .unwrap_or_else(|| panic!("{label} after {at} in {e}"));
        at += found + label.len();
    }
}
