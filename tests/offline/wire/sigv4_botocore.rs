//! `sign_request` against botocore's own SigV4 signer: for fixed requests,
//! credentials and times, the headers must be byte-for-byte the same.
//! The vectors come from `scripts/sigv4/run` (pinned botocore 1.44.8).

use std::time::{Duration, UNIX_EPOCH};

use cognito::credentials::AwsCredentials;
use cognito::signing::sign_request;
use cognito::wire::build_request;
use serde_json::Value;

#[test]
fn authorization_matches_botocore() {
    let text = std::fs::read_to_string("fixtures/sigv4/botocore-vectors.json").unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    assert!(fixture["source"]
        .as_str()
        .unwrap()
        .contains("botocore 1.44.8"));
    let vectors = fixture["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 5);
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let target = v["headers"]["x-amz-target"].as_str().unwrap();
        let operation = target.rsplit('.').next().unwrap();
        let url = v["url"].as_str().unwrap().trim_end_matches('/');
        let mut req = build_request(
            url,
            operation,
            v["body"].as_str().unwrap().as_bytes().to_vec(),
        );
        assert_eq!(
            req.header("content-type"),
            v["headers"]["content-type"].as_str(),
            "{name}"
        );
        let creds = AwsCredentials::new(
            v["access_key_id"].as_str().unwrap(),
            v["secret_access_key"].as_str().unwrap(),
            v["session_token"].as_str().map(Into::into),
        );
        let at = UNIX_EPOCH + Duration::from_secs(v["epoch_seconds"].as_u64().unwrap());
        sign_request(&mut req, &creds, v["region"].as_str().unwrap(), at).unwrap();
        for (header, want) in v["expected"].as_object().unwrap() {
            assert_eq!(
                req.header(header),
                want.as_str(),
                "vector {name}: header {header}"
            );
        }
    }
}
