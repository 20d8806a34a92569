//! IAM Identity Center (SSO): the token `aws sso login` cached under
//! `~/.aws/sso/cache/`, traded for role credentials at the portal's
//! `GetRoleCredentials`.
//!
//! As botocore's `SSOProvider`: a profile names an `[sso-session NAME]`
//! section (`sso_start_url`, `sso_region`) with `sso_session`, or carries the
//! legacy `sso_start_url` and `sso_region` itself; it always needs
//! `sso_account_id` and `sso_role_name`. The cache file is the SHA-1 (hex) of
//! the session name, or of the start URL for the legacy form, plus `.json`;
//! it holds `accessToken` and `expiresAt`. The token is not refreshed here:
//! an expired one is an error that says to run `aws sso login`.

use super::chain::{Attempt, Ctx};
use super::profile::Profile;
use super::{AwsCredentials, CredentialsError};
use crate::http::HttpRequest;
use crate::SecretString;

const LOGIN_HINT: &str = "run `aws sso login` (with this profile) to sign in again";

/// What a profile says about SSO.
struct SsoConfig {
    cache_key: String,
    region: String,
    account_id: String,
    role_name: String,
}

fn config(ctx: &Ctx<'_>, name: &str, profile: &Profile) -> Result<SsoConfig, CredentialsError> {
    let need = |p: &Profile, key: &str, place: &str| {
        p.get(key)
            .filter(|v| !v.is_empty())
            .cloned()
            .ok_or_else(|| CredentialsError::new(format!("SSO: {place} has no {key}")))
    };
    let place = format!("the AWS profile {name:?}");
    let (cache_key, region) = match profile.get("sso_session") {
        Some(session) => {
            let section = ctx.sso_session(session).ok_or_else(|| {
                CredentialsError::new(format!(
                    "SSO: {place} names the sso-session {session:?}, which does not exist"
                ))
            })?;
            let here = format!("the sso-session {session:?}");
            need(section, "sso_start_url", &here)?;
            (session.clone(), need(section, "sso_region", &here)?)
        }
        None => (
            need(profile, "sso_start_url", &place)?,
            need(profile, "sso_region", &place)?,
        ),
    };
    Ok(SsoConfig {
        cache_key,
        region,
        account_id: need(profile, "sso_account_id", &place)?,
        role_name: need(profile, "sso_role_name", &place)?,
    })
}

/// Tries SSO for the profile `name`.
pub(crate) fn provide(ctx: &Ctx<'_>, name: &str) -> Result<Attempt, CredentialsError> {
    let Some(profile) = ctx.profile(name) else {
        return Ok(Attempt::Skipped(format!("no profile {name:?}")));
    };
    if !profile.contains_key("sso_session") && !profile.contains_key("sso_start_url") {
        return Ok(Attempt::Skipped(format!(
            "profile {name:?} has no sso_session or sso_start_url"
        )));
    }
    let config = config(ctx, name, profile)?;
    let token = cached_token(ctx, &config)?;
    let base = ctx
        .var("AWS_ENDPOINT_URL_SSO")
        .or_else(|| ctx.var("AWS_ENDPOINT_URL"))
        .unwrap_or_else(|| format!("https://portal.sso.{}.amazonaws.com", config.region));
    let url = format!(
        "{}/federation/credentials?role_name={}&account_id={}",
        base.trim_end_matches('/'),
        super::sts::encode(&config.role_name),
        super::sts::encode(&config.account_id)
    );
    let request =
        HttpRequest::get(url).with_header("x-amz-sso_bearer_token", token.expose_secret());
    let response = ctx
        .transport
        .send(request)
        .map_err(|e| CredentialsError::with_source("SSO: cannot reach the portal", e))?;
    match response.status {
        200 => parse_role_credentials(&response.body).map(Attempt::Found),
        401 | 403 => Err(CredentialsError::new(format!(
            "SSO: the portal refused the cached token (HTTP {}); {LOGIN_HINT}",
            response.status
        ))),
        other => Err(CredentialsError::new(format!(
            "SSO: GetRoleCredentials answered HTTP {other}"
        ))),
    }
}

fn cached_token(ctx: &Ctx<'_>, config: &SsoConfig) -> Result<SecretString, CredentialsError> {
    let home = ctx
        .home()
        .ok_or_else(|| CredentialsError::new("SSO: no home directory for ~/.aws/sso/cache"))?;
    let path = std::path::PathBuf::from(home)
        .join(".aws")
        .join("sso")
        .join("cache")
        .join(format!("{}.json", hex(&sha1(config.cache_key.as_bytes()))));
    let text = std::fs::read(&path).map_err(|_| {
        CredentialsError::new(format!(
            "SSO: no cached token at {}; {LOGIN_HINT}",
            path.display()
        ))
    })?;
    let value: serde_json::Value = serde_json::from_slice(&text).map_err(|_| {
        CredentialsError::new(format!(
            "SSO: the cached token {} is not JSON",
            path.display()
        ))
    })?;
    let token = value.get("accessToken").and_then(serde_json::Value::as_str);
    let expires = value
        .get("expiresAt")
        .and_then(serde_json::Value::as_str)
        .and_then(super::sts::parse_time);
    match (token, expires) {
        (Some(token), Some(at)) if at > ctx.now => Ok(SecretString::from(token)),
        (Some(_), Some(_)) => Err(CredentialsError::new(format!(
            "SSO: the cached token has expired; {LOGIN_HINT}"
        ))),
        _ => Err(CredentialsError::new(format!(
            "SSO: the cached token {} has no accessToken or expiresAt; {LOGIN_HINT}",
            path.display()
        ))),
    }
}

/// Reads `{"roleCredentials": {accessKeyId, secretAccessKey, sessionToken,
/// expiration (milliseconds since the epoch)}}`.
fn parse_role_credentials(body: &[u8]) -> Result<AwsCredentials, CredentialsError> {
    let bad = || CredentialsError::new("SSO: GetRoleCredentials answered without roleCredentials");
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|_| bad())?;
    let creds = value.get("roleCredentials").ok_or_else(bad)?;
    let text = |key: &str| creds.get(key).and_then(serde_json::Value::as_str);
    let millis = creds
        .get("expiration")
        .and_then(serde_json::Value::as_i64)
        .ok_or_else(bad)?;
    let at = crate::clock::from_unix_nanos(i128::from(millis) * 1_000_000).ok_or_else(bad)?;
    Ok(AwsCredentials::new(
        text("accessKeyId").ok_or_else(bad)?,
        text("secretAccessKey").ok_or_else(bad)?,
        text("sessionToken").map(SecretString::from),
    )
    .with_expiry(at))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-1 (FIPS 180-4), only to name the cache file as botocore does; it
/// protects nothing, so a dependency is not worth it.
fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let mut message = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// The cache file name for a session name or start URL (for tests).
#[cfg(test)]
fn cache_file_name(key: &str) -> String {
    format!("{}.json", hex(&sha1(key.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha1_vectors() {
        assert_eq!(hex(&sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(
            hex(&sha1(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex(&sha1(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
        // Python: hashlib.sha1(b"my-sso-session").hexdigest(), as botocore names the file.
        assert_eq!(
            cache_file_name("my-sso-session"),
            "b755b5ec73400c04400e978208d8559ad1f39053.json"
        );
        assert_eq!(
            cache_file_name("https://d-123.awsapps.com/start"),
            "2b829a45f04c9828cb45b7d092d8e4aa30818393.json"
        );
    }

    #[test]
    fn role_credentials_reply() {
        let c = parse_role_credentials(
            br#"{"roleCredentials":{"accessKeyId":"ASIA","secretAccessKey":"S","sessionToken":"T","expiration":1893553445000}}"#,
        )
        .unwrap();
        assert_eq!(c.access_key_id(), "ASIA");
        assert_eq!(
            c.expires_at(),
            Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_893_553_445))
        );
        assert!(parse_role_credentials(b"{}").is_err());
    }
}
