//! Endpoint resolution: every partition and variant against botocore, overrides and their
//! precedence, configuration errors, pool-id forms and override URL checks.
//!
//! `BOTOCORE_CASES` is generated (`scripts/gen/partitions --cases`; `--check` verifies it);
//! `NOTES_EXAMPLES` and `SUFFIXES` are typed in from the team's API notes (§2.1, §2.2), which
//! were made with botocore 1.44.8's `EndpointProvider` and `partitions.json`.

// A test that panics on a surprise is the point of a test.

use std::error::Error as _;

use cognito::endpoint::{
    partition_of_region, region_from_pool_id, resolve, validate_pool_id, EndpointConfig,
    EndpointError, Partition, ResolvedEndpoint, Setting,
};

/// An environment holding exactly `vars`.
fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_string())
    }
}

fn no_env(_: &str) -> Option<String> {
    None
}

/// The four variants in the order of the tables: default, FIPS, dual-stack, both.
const VARIANTS: [(bool, bool); 4] = [(false, false), (true, false), (false, true), (true, true)];

fn resolve_region(region: &str, (fips, dual_stack): (bool, bool)) -> ResolvedEndpoint {
    let config = EndpointConfig::default()
        .region(region)
        .use_fips(fips)
        .use_dual_stack(dual_stack);
    resolve(&config, no_env).unwrap_or_else(|e| panic!("{region} fips={fips} ds={dual_stack}: {e}"))
}

#[test]
fn every_region_and_variant_matches_botocore() {
    let mut partitions_seen = Vec::new();
    for (region, partition, urls) in BOTOCORE_CASES {
        assert_eq!(
            partition_of_region(region).name,
            *partition,
            "partition of {region}"
        );
        for (variant, expected) in VARIANTS.into_iter().zip(urls) {
            let ep = resolve_region(region, variant);
            assert_eq!(ep.url, *expected, "{region} {variant:?}");
            assert_eq!(
                ep.partition.name, *partition,
                "{region} {variant:?} partition"
            );
            assert_eq!(ep.region, *region, "{region} signing region");
            assert_eq!((ep.use_fips, ep.use_dual_stack), variant, "{region} flags");
            assert_eq!(ep.custom_endpoint, None, "{region} not custom");
        }
        if !partitions_seen.contains(partition) {
            partitions_seen.push(*partition);
        }
    }
    let all: Vec<&str> = Partition::all().iter().map(|p| p.name).collect();
    assert_eq!(
        partitions_seen, all,
        "cases cover every partition, in order"
    );
}

/// Typed in from cognito-api-notes.md §2.2 (hosts; every URL is https).
#[rustfmt::skip]
const NOTES_EXAMPLES: &[(&str, [&str; 4])] = &[
    ("us-east-1", [
        "cognito-idp.us-east-1.amazonaws.com", "cognito-idp-fips.us-east-1.amazonaws.com",
        "cognito-idp.us-east-1.amazonaws.com", "cognito-idp-fips.us-east-1.amazonaws.com",
    ]),
    ("eu-west-1", [
        "cognito-idp.eu-west-1.amazonaws.com", "cognito-idp-fips.eu-west-1.amazonaws.com",
        "cognito-idp.eu-west-1.amazonaws.com", "cognito-idp-fips.eu-west-1.api.aws",
    ]),
    ("us-gov-west-1", [
        "cognito-idp.us-gov-west-1.amazonaws.com", "cognito-idp-fips.us-gov-west-1.amazonaws.com",
        "cognito-idp.us-gov-west-1.api.aws", "cognito-idp-fips.us-gov-west-1.api.aws",
    ]),
    ("us-gov-east-1", [
        "cognito-idp.us-gov-east-1.amazonaws.com", "cognito-idp-fips.us-gov-east-1.amazonaws.com",
        "cognito-idp.us-gov-east-1.api.aws", "cognito-idp-fips.us-gov-east-1.api.aws",
    ]),
    ("cn-north-1", [
        "cognito-idp.cn-north-1.amazonaws.com.cn",
        "cognito-idp-fips.cn-north-1.amazonaws.com.cn",
        "cognito-idp.cn-north-1.api.amazonwebservices.com.cn",
        "cognito-idp-fips.cn-north-1.api.amazonwebservices.com.cn",
    ]),
];

#[test]
#[rustfmt::skip]
fn notes_examples_resolve_from_pool_ids() {
    for (region, hosts) in NOTES_EXAMPLES {
        let pool_id = format!("{region}_AbC123xyz");
        for ((fips, dual_stack), host) in VARIANTS.into_iter().zip(hosts) {
            let config = EndpointConfig::default().pool_id(&pool_id).use_fips(fips).use_dual_stack(dual_stack);
            let ep = resolve(&config, no_env).unwrap();
            assert_eq!(ep.url, format!("https://{host}"), "{pool_id} fips={fips} ds={dual_stack}");
            assert_eq!((ep.region.as_str(), ep.region_from), (*region, Setting::PoolId), "{pool_id}");
        }
    }
    let config = EndpointConfig::default().pool_id("eusc-de-east-1_AbC123xyz");
    let [default, fips, dual_stack] = [(false, false), (true, false), (false, true)]
        .map(|(f, d)| resolve(&config.use_fips(f).use_dual_stack(d), no_env).unwrap().url);
    assert_eq!(default, "https://cognito-idp.eusc-de-east-1.amazonaws.eu", "eusc default");
    assert_eq!(fips, "https://cognito-idp-fips.eusc-de-east-1.amazonaws.eu", "eusc fips");
    assert_eq!(dual_stack, "https://cognito-idp.eusc-de-east-1.api.amazonwebservices.eu", "eusc ds");
}

/// cognito-api-notes.md §2.1 (dual-stack suffixes of the ISO partitions from partitions.json).
const SUFFIXES: &[(&str, &str, &str)] = &[
    ("aws", "amazonaws.com", "api.aws"),
    ("aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn"),
    ("aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu"),
    ("aws-iso", "c2s.ic.gov", "api.aws.ic.gov"),
    ("aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud"),
    ("aws-iso-e", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk"),
    ("aws-iso-f", "csp.hci.ic.gov", "api.aws.hci.ic.gov"),
    ("aws-us-gov", "amazonaws.com", "api.aws"),
];

#[test]
fn partition_table() {
    let got: Vec<_> = Partition::all()
        .iter()
        .map(|p| (p.name, p.dns_suffix, p.dual_stack_dns_suffix))
        .collect();
    assert_eq!(got, SUFFIXES, "partitions and suffixes");
    for p in Partition::all() {
        assert!(
            p.supports_fips && p.supports_dual_stack,
            "{} supports both",
            p.name
        );
        assert_eq!(
            partition_of_region(p.implicit_global_region).name,
            p.name,
            "{} global",
            p.name
        );
    }
    for (region, partition) in [
        ("aws-us-gov-global", "aws-us-gov"), // listed by name only: the regex does not match
        ("aws-iso-b-global", "aws-iso-b"),
        ("us-isob-east-9", "aws-iso-b"),
        ("eusc-fr-east-1", "aws"), // the eusc regex only has `de`
        ("local", "aws"),
        ("", "aws"),
        ("us-éast-1", "aws"),
    ] {
        assert_eq!(
            partition_of_region(region).name,
            partition,
            "partition of {region:?}"
        );
    }
}

const SERVICE_ENV: &str = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER";
const GLOBAL_ENV: &str = "AWS_ENDPOINT_URL";
const IGNORE_ENV: &str = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

fn resolve_with(
    config: EndpointConfig<'_>,
    vars: &[(&str, &str)],
) -> Result<ResolvedEndpoint, EndpointError> {
    resolve(&config, env(vars))
}

#[test]
fn override_precedence() {
    let pool = EndpointConfig::default().pool_id("us-east-1_AbC123xyz");
    let both = [
        (SERVICE_ENV, "http://service:1"),
        (GLOBAL_ENV, "http://global:2"),
    ];
    let ep = resolve_with(pool.endpoint("http://builder:3"), &both).unwrap();
    assert_eq!(
        (ep.url.as_str(), ep.custom_endpoint),
        ("http://builder:3", Some(Setting::Endpoint)),
        "builder wins"
    );
    let ep = resolve_with(pool, &both).unwrap();
    assert_eq!(
        (ep.url.as_str(), ep.custom_endpoint),
        ("http://service:1", Some(Setting::ServiceEnv)),
        "service var next"
    );
    let ep = resolve_with(pool, &both[1..]).unwrap();
    assert_eq!(
        (ep.url.as_str(), ep.custom_endpoint),
        ("http://global:2", Some(Setting::GlobalEnv)),
        "global var last"
    );
    let ep = resolve_with(pool, &[(SERVICE_ENV, ""), (GLOBAL_ENV, "http://global:2")]).unwrap();
    assert_eq!(
        ep.custom_endpoint,
        Some(Setting::GlobalEnv),
        "an empty variable is unset"
    );
    let ep = resolve_with(pool, &[(GLOBAL_ENV, "")]).unwrap();
    assert_eq!(
        ep.url, "https://cognito-idp.us-east-1.amazonaws.com",
        "empty global is unset"
    );
    let ep = resolve_with(pool, &[("AWS_ENDPOINT_URL_COGNITO_IDP", "http://wrong:1")]).unwrap();
    assert_eq!(
        ep.custom_endpoint, None,
        "only the standard variable name counts"
    );
    assert_eq!(ep.region, "us-east-1", "signing region unchanged");
}

#[test]
fn ignore_configured_endpoint_urls() {
    let pool = EndpointConfig::default().pool_id("us-east-1_AbC123xyz");
    for value in ["true", "TRUE", "True"] {
        let vars = [
            (IGNORE_ENV, value),
            (SERVICE_ENV, "http://service:1"),
            (GLOBAL_ENV, "http://g:2"),
        ];
        let ep = resolve_with(pool, &vars).unwrap();
        assert_eq!(
            ep.url, "https://cognito-idp.us-east-1.amazonaws.com",
            "ignored with {value}"
        );
        let ep = resolve_with(pool.endpoint("http://builder:3"), &vars).unwrap();
        assert_eq!(
            ep.url, "http://builder:3",
            "the builder's endpoint is never ignored ({value})"
        );
    }
    for value in ["false", "1", "yes", ""] {
        let ep = resolve_with(pool, &[(IGNORE_ENV, value), (GLOBAL_ENV, "http://g:2")]).unwrap();
        assert_eq!(ep.url, "http://g:2", "botocore reads {value:?} as false");
    }
}

#[test]
fn override_accepts_any_region_name() {
    let local = [(GLOBAL_ENV, "http://127.0.0.1:9229")];
    let ep = resolve_with(EndpointConfig::default().pool_id("local_4YzBvdOp"), &local).unwrap();
    assert_eq!(ep.url, "http://127.0.0.1:9229", "cognito-local url");
    assert_eq!(
        (ep.region.as_str(), ep.region_from),
        ("local", Setting::PoolId),
        "cognito-local region"
    );
    assert_eq!(ep.partition.name, "aws", "unknown regions fall back to aws");
    for region in ["local", "my_region", "eu.test", "123", "-x-"] {
        let ep = resolve_with(EndpointConfig::default().region(region), &local).unwrap();
        assert_eq!(ep.region, region, "override accepts {region:?}");
    }
    for region in ["", "us east 1", "us/east", "x\n", "é", &"a".repeat(64)] {
        let err = resolve_with(EndpointConfig::default().region(region), &local).unwrap_err();
        assert!(
            matches!(
                err,
                EndpointError::InvalidRegion {
                    from: Setting::Region,
                    ..
                }
            ),
            "{region:?}: {err}"
        );
    }
}

#[test]
fn without_override_the_region_must_be_a_host_label() {
    let ep = resolve(&EndpointConfig::default().pool_id("local_4YzBvdOp"), no_env).unwrap();
    assert_eq!(
        ep.url, "https://cognito-idp.local.amazonaws.com",
        "the rules build a host for any label"
    );
    for region in [
        "my_region",
        "eu.test",
        "123",
        "-x",
        "x-",
        "",
        "us east 1",
        &"a".repeat(64),
    ] {
        let err = resolve(&EndpointConfig::default().region(region), no_env).unwrap_err();
        assert_eq!(
            err,
            EndpointError::InvalidRegion {
                region: region.to_string(),
                from: Setting::Region
            },
            "{region:?}"
        );
    }
    let err = resolve(&EndpointConfig::default().pool_id("-x_AbC"), no_env).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid region \"-x\" from the pool id",
        "pool id region"
    );
}

#[test]
fn explicit_region_wins_over_the_pool_id() {
    let config = EndpointConfig::default()
        .pool_id("us-east-1_AbC123xyz")
        .region("eu-west-1");
    let ep = resolve(&config, no_env).unwrap();
    assert_eq!(ep.url, "https://cognito-idp.eu-west-1.amazonaws.com", "url");
    assert_eq!(
        (ep.region.as_str(), ep.region_from),
        ("eu-west-1", Setting::Region),
        "region"
    );
    let bad_pool = EndpointConfig::default()
        .pool_id("no-underscore")
        .region("eu-west-1");
    assert!(
        matches!(
            resolve(&bad_pool, no_env),
            Err(EndpointError::InvalidPoolId { .. })
        ),
        "pool id still checked"
    );
}

#[test]
fn missing_region() {
    let err = resolve(&EndpointConfig::default(), no_env).unwrap_err();
    assert_eq!(err, EndpointError::MissingRegion, "variant");
    assert_eq!(
        err.to_string(),
        "missing region: set a region or a pool id",
        "message"
    );
    let err = resolve(&EndpointConfig::default().endpoint("http://h:1"), no_env).unwrap_err();
    assert_eq!(
        err,
        EndpointError::MissingRegion,
        "an override still needs a signing region"
    );
}

#[test]
fn override_with_fips_or_dual_stack_is_an_error() {
    let base = EndpointConfig::default().pool_id("us-east-1_AbC123xyz");
    let err = resolve_with(base.endpoint("http://h:1").use_fips(true), &[]).unwrap_err();
    assert_eq!(
        err,
        EndpointError::FipsWithCustomEndpoint {
            fips_from: Setting::UseFips,
            endpoint_from: Setting::Endpoint
        },
        "explicit fips"
    );
    assert_eq!(
        err.to_string(),
        "fips cannot be combined with a custom endpoint (fips from the fips setting, endpoint from the endpoint setting)",
        "message"
    );
    let vars = [
        ("AWS_USE_FIPS_ENDPOINT", "true"),
        (SERVICE_ENV, "http://h:1"),
    ];
    let err = resolve_with(base, &vars).unwrap_err();
    assert_eq!(
        err,
        EndpointError::FipsWithCustomEndpoint {
            fips_from: Setting::UseFipsEnv,
            endpoint_from: Setting::ServiceEnv
        },
        "fips from the environment"
    );
    let err = resolve_with(base.endpoint("http://h:1").use_dual_stack(true), &[]).unwrap_err();
    assert_eq!(
        err,
        EndpointError::DualStackWithCustomEndpoint {
            dual_stack_from: Setting::UseDualStack,
            endpoint_from: Setting::Endpoint
        },
        "dual-stack"
    );
    let err = resolve_with(
        base.endpoint("http://h:1")
            .use_fips(true)
            .use_dual_stack(true),
        &[],
    )
    .unwrap_err();
    assert!(
        matches!(err, EndpointError::FipsWithCustomEndpoint { .. }),
        "fips is checked first, as in the rules"
    );
    let ep = resolve_with(base.endpoint("http://h:1").use_fips(false), &vars).unwrap();
    assert_eq!(
        ep.url, "http://h:1",
        "explicit false beats AWS_USE_FIPS_ENDPOINT"
    );
}

#[test]
fn fips_and_dual_stack_from_the_environment() {
    let base = EndpointConfig::default().pool_id("eu-west-1_AbC123xyz");
    let ep = resolve_with(
        base,
        &[
            ("AWS_USE_FIPS_ENDPOINT", "TRUE"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "true"),
        ],
    )
    .unwrap();
    assert_eq!(
        ep.url, "https://cognito-idp-fips.eu-west-1.api.aws",
        "both on"
    );
    let ep = resolve_with(base, &[("AWS_USE_FIPS_ENDPOINT", "1")]).unwrap();
    assert_eq!(
        ep.url, "https://cognito-idp.eu-west-1.amazonaws.com",
        "only `true` turns it on"
    );
}

#[test]
fn pool_id_forms() {
    let moto = format!("us-east-1_{}", "0123456789abcdef0123456789abcdef");
    let max = format!("us-east-1_{}", "A".repeat(45));
    for (pool_id, region) in [
        ("us-east-1_AbC123xyz", "us-east-1"),
        ("cn-north-1_AbC123xyz", "cn-north-1"),
        ("us-gov-west-1_AbC123xyz", "us-gov-west-1"),
        ("eusc-de-east-1_AbC123xyz", "eusc-de-east-1"),
        (moto.as_str(), "us-east-1"),
        ("local_4YzBvdOp", "local"),
        ("a_b_c", "a"),
        ("x_1", "x"),
        (max.as_str(), "us-east-1"),
    ] {
        assert_eq!(validate_pool_id(pool_id), Ok(()), "{pool_id} is valid");
        assert_eq!(region_from_pool_id(pool_id), Ok(region), "{pool_id} region");
    }
    assert_eq!(max.len(), 55, "55 characters is the limit");
    let too_long = format!("{max}B");
    for (pool_id, reason) in [
        ("", "empty"),
        ("us-east-1", "no `_` between region and id"),
        ("us-east-1_", "nothing after the last `_`"),
        ("_AbC123", "nothing before the `_`"),
        (
            "us-east-1_AbC-123",
            "only ASCII letters and digits may come after the last `_`",
        ),
        (
            "us-east-1_AbC 123",
            "only ASCII letters and digits may come after the last `_`",
        ),
        (
            "us east-1_AbC123",
            "only ASCII letters, digits, `_` and `-` may come before the last `_`",
        ),
        (
            "us-east-1_AbC123é",
            "only ASCII letters and digits may come after the last `_`",
        ),
        (
            "ús-east-1_AbC123",
            "only ASCII letters, digits, `_` and `-` may come before the last `_`",
        ),
        (
            " us-east-1_AbC123",
            "only ASCII letters, digits, `_` and `-` may come before the last `_`",
        ),
        (
            "us-east-1_AbC123\n",
            "only ASCII letters and digits may come after the last `_`",
        ),
        (too_long.as_str(), "longer than 55 characters"),
    ] {
        let expected = EndpointError::InvalidPoolId {
            pool_id: pool_id.to_string(),
            reason,
        };
        assert_eq!(
            validate_pool_id(pool_id),
            Err(expected.clone()),
            "{pool_id:?}"
        );
        assert_eq!(
            region_from_pool_id(pool_id),
            Err(expected.clone()),
            "{pool_id:?} region"
        );
        let config = EndpointConfig::default().pool_id(pool_id);
        assert_eq!(
            resolve_with(config, &[(GLOBAL_ENV, "http://h:1")]),
            Err(expected),
            "{pool_id:?} even with an override"
        );
    }
    let non_ascii_len = format!("us-east-1_{}", "é".repeat(45));
    assert_eq!(
        non_ascii_len.chars().count(),
        55,
        "55 characters, 100 bytes"
    );
    assert!(
        validate_pool_id(&non_ascii_len)
            .unwrap_err()
            .to_string()
            .contains("after the last"),
        "counted in characters"
    );
}

fn url_of(endpoint: &str) -> Result<String, EndpointError> {
    let config = EndpointConfig::default()
        .region("us-east-1")
        .endpoint(endpoint);
    resolve(&config, no_env).map(|ep| ep.url)
}

#[test]
fn override_urls_are_normalized() {
    for (raw, expected) in [
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000"),
        ("http://127.0.0.1:5000/", "http://127.0.0.1:5000"),
        ("HTTP://LocalHost:9229/", "http://localhost:9229"),
        (
            "https://proxy.example/cognito//",
            "https://proxy.example/cognito",
        ),
        (
            "https://proxy.example/a/%7Eb",
            "https://proxy.example/a/%7Eb",
        ),
        ("http://[::0001]:5000", "http://[::1]:5000"),
        ("http://[2001:DB8::1]", "http://[2001:db8::1]"),
        ("http://h.example.:080", "http://h.example.:80"),
        (
            "https://cognito-idp.eu-west-1.amazonaws.com",
            "https://cognito-idp.eu-west-1.amazonaws.com",
        ),
    ] {
        assert_eq!(url_of(raw).as_deref(), Ok(expected), "{raw}");
    }
}

#[test]
fn bad_override_urls() {
    let host = "bad host or port";
    let path = "path has characters that need percent-encoding";
    for (raw, reason) in [
        ("", "expected http:// or https://"),
        ("localhost:9229", "expected http:// or https://"),
        ("ftp://h", "scheme must be http or https"),
        ("http://h/?a=1", "a query is not allowed"),
        ("http://h?", "a query is not allowed"),
        ("http://h#x", "a fragment is not allowed"),
        ("http://", host),
        ("http://:80", host),
        ("http://h:", host),
        ("http://h:0", host),
        ("http://h:65536", host),
        ("http://h:+80", host),
        ("http://h:1:2", host),
        ("http://h_x", host),
        ("http://-h", host),
        ("http://h..x", host),
        ("http://[::1", host),
        ("http://[::1]x", host),
        ("http://[zz::1]", host),
        ("http://[fe80::1%25eth0]", host),
        ("http://bücher.example", host),
        ("http://h x", host),
        (" http://h", "scheme must be http or https"),
        ("http://h/a b", path),
        ("http://h/%zz", path),
        ("http://h/%4", path),
        ("http://h/\n", path),
        ("http://h/\\x", path),
    ] {
        assert_eq!(
            url_of(raw),
            Err(EndpointError::InvalidEndpoint {
                url: raw.to_string(),
                from: Setting::Endpoint,
                reason
            }),
            "{raw:?}"
        );
    }
}

#[test]
fn messages_name_the_value_and_the_setting() {
    let err = resolve_with(
        EndpointConfig::default().region("us-east-1"),
        &[(GLOBAL_ENV, "ftp://h")],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid endpoint \"ftp://h\" from AWS_ENDPOINT_URL: scheme must be http or https",
        "env url"
    );
    let err = resolve_with(
        EndpointConfig::default().region("us-east-1"),
        &[(SERVICE_ENV, "http://h?x")],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid endpoint \"http://h?x\" from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: a query is not allowed",
        "service url"
    );
    let err = validate_pool_id("us-east-1").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid pool id \"us-east-1\": no `_` between region and id",
        "pool id"
    );
    let err = resolve(&EndpointConfig::default().region("us_east"), no_env).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid region \"us_east\" from the region setting",
        "region"
    );
    let err = validate_pool_id("x\u{1b}[31m_A").unwrap_err();
    assert!(
        err.to_string().contains("\"x\\u{1b}[31m_A\""),
        "control characters escaped: {err}"
    );
    let err = validate_pool_id(&"x".repeat(100)).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "invalid pool id \"{}\"…: longer than 55 characters",
            "x".repeat(64)
        ),
        "long values cut at 64 characters"
    );
    assert!(err.source().is_none(), "no underlying cause");
}

#[test]
fn user_info_in_an_override_is_never_shown() {
    let err = url_of("https://admin:hunter2@h.example/x").unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(
        !text.contains("hunter2") && !text.contains("admin"),
        "credentials leaked: {text}"
    );
    assert!(
        text.contains("https://<redacted>@h.example/x"),
        "redacted url: {text}"
    );
    let err = url_of("http://a@b@h/p@q").unwrap_err();
    assert!(
        err.to_string().contains("\"http://<redacted>@h/p@q\""),
        "last @ of the authority: {err}"
    );
}

// BEGIN GENERATED CASES
// Generated by scripts/gen/partitions --cases: botocore==1.44.8 EndpointProvider on its
// cognito-idp endpoint-rule-set-1.json.gz and partitions.json.
// (region, partition, [default, fips, dual_stack, fips_and_dual_stack])
#[rustfmt::skip]
const BOTOCORE_CASES: &[(&str, &str, [&str; 4])] = &[
    ("af-south-1", "aws", [
        "https://cognito-idp.af-south-1.amazonaws.com",
        "https://cognito-idp-fips.af-south-1.amazonaws.com",
        "https://cognito-idp.af-south-1.amazonaws.com",
        "https://cognito-idp-fips.af-south-1.api.aws",
    ]),
    ("ap-east-1", "aws", [
        "https://cognito-idp.ap-east-1.amazonaws.com",
        "https://cognito-idp-fips.ap-east-1.amazonaws.com",
        "https://cognito-idp.ap-east-1.amazonaws.com",
        "https://cognito-idp-fips.ap-east-1.api.aws",
    ]),
    ("ap-east-2", "aws", [
        "https://cognito-idp.ap-east-2.amazonaws.com",
        "https://cognito-idp-fips.ap-east-2.amazonaws.com",
        "https://cognito-idp.ap-east-2.amazonaws.com",
        "https://cognito-idp-fips.ap-east-2.api.aws",
    ]),
    ("ap-northeast-1", "aws", [
        "https://cognito-idp.ap-northeast-1.amazonaws.com",
        "https://cognito-idp-fips.ap-northeast-1.amazonaws.com",
        "https://cognito-idp.ap-northeast-1.amazonaws.com",
        "https://cognito-idp-fips.ap-northeast-1.api.aws",
    ]),
    ("ap-northeast-2", "aws", [
        "https://cognito-idp.ap-northeast-2.amazonaws.com",
        "https://cognito-idp-fips.ap-northeast-2.amazonaws.com",
        "https://cognito-idp.ap-northeast-2.amazonaws.com",
        "https://cognito-idp-fips.ap-northeast-2.api.aws",
    ]),
    ("ap-northeast-3", "aws", [
        "https://cognito-idp.ap-northeast-3.amazonaws.com",
        "https://cognito-idp-fips.ap-northeast-3.amazonaws.com",
        "https://cognito-idp.ap-northeast-3.amazonaws.com",
        "https://cognito-idp-fips.ap-northeast-3.api.aws",
    ]),
    ("ap-south-1", "aws", [
        "https://cognito-idp.ap-south-1.amazonaws.com",
        "https://cognito-idp-fips.ap-south-1.amazonaws.com",
        "https://cognito-idp.ap-south-1.amazonaws.com",
        "https://cognito-idp-fips.ap-south-1.api.aws",
    ]),
    ("ap-south-2", "aws", [
        "https://cognito-idp.ap-south-2.amazonaws.com",
        "https://cognito-idp-fips.ap-south-2.amazonaws.com",
        "https://cognito-idp.ap-south-2.amazonaws.com",
        "https://cognito-idp-fips.ap-south-2.api.aws",
    ]),
    ("ap-southeast-1", "aws", [
        "https://cognito-idp.ap-southeast-1.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-1.amazonaws.com",
        "https://cognito-idp.ap-southeast-1.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-1.api.aws",
    ]),
    ("ap-southeast-2", "aws", [
        "https://cognito-idp.ap-southeast-2.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-2.amazonaws.com",
        "https://cognito-idp.ap-southeast-2.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-2.api.aws",
    ]),
    ("ap-southeast-3", "aws", [
        "https://cognito-idp.ap-southeast-3.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-3.amazonaws.com",
        "https://cognito-idp.ap-southeast-3.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-3.api.aws",
    ]),
    ("ap-southeast-4", "aws", [
        "https://cognito-idp.ap-southeast-4.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-4.amazonaws.com",
        "https://cognito-idp.ap-southeast-4.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-4.api.aws",
    ]),
    ("ap-southeast-5", "aws", [
        "https://cognito-idp.ap-southeast-5.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-5.amazonaws.com",
        "https://cognito-idp.ap-southeast-5.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-5.api.aws",
    ]),
    ("ap-southeast-6", "aws", [
        "https://cognito-idp.ap-southeast-6.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-6.amazonaws.com",
        "https://cognito-idp.ap-southeast-6.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-6.api.aws",
    ]),
    ("ap-southeast-7", "aws", [
        "https://cognito-idp.ap-southeast-7.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-7.amazonaws.com",
        "https://cognito-idp.ap-southeast-7.amazonaws.com",
        "https://cognito-idp-fips.ap-southeast-7.api.aws",
    ]),
    ("aws-global", "aws", [
        "https://cognito-idp.aws-global.amazonaws.com",
        "https://cognito-idp-fips.aws-global.amazonaws.com",
        "https://cognito-idp.aws-global.amazonaws.com",
        "https://cognito-idp-fips.aws-global.api.aws",
    ]),
    ("ca-central-1", "aws", [
        "https://cognito-idp.ca-central-1.amazonaws.com",
        "https://cognito-idp-fips.ca-central-1.amazonaws.com",
        "https://cognito-idp.ca-central-1.amazonaws.com",
        "https://cognito-idp-fips.ca-central-1.api.aws",
    ]),
    ("ca-west-1", "aws", [
        "https://cognito-idp.ca-west-1.amazonaws.com",
        "https://cognito-idp-fips.ca-west-1.amazonaws.com",
        "https://cognito-idp.ca-west-1.amazonaws.com",
        "https://cognito-idp-fips.ca-west-1.api.aws",
    ]),
    ("eu-central-1", "aws", [
        "https://cognito-idp.eu-central-1.amazonaws.com",
        "https://cognito-idp-fips.eu-central-1.amazonaws.com",
        "https://cognito-idp.eu-central-1.amazonaws.com",
        "https://cognito-idp-fips.eu-central-1.api.aws",
    ]),
    ("eu-central-2", "aws", [
        "https://cognito-idp.eu-central-2.amazonaws.com",
        "https://cognito-idp-fips.eu-central-2.amazonaws.com",
        "https://cognito-idp.eu-central-2.amazonaws.com",
        "https://cognito-idp-fips.eu-central-2.api.aws",
    ]),
    ("eu-north-1", "aws", [
        "https://cognito-idp.eu-north-1.amazonaws.com",
        "https://cognito-idp-fips.eu-north-1.amazonaws.com",
        "https://cognito-idp.eu-north-1.amazonaws.com",
        "https://cognito-idp-fips.eu-north-1.api.aws",
    ]),
    ("eu-south-1", "aws", [
        "https://cognito-idp.eu-south-1.amazonaws.com",
        "https://cognito-idp-fips.eu-south-1.amazonaws.com",
        "https://cognito-idp.eu-south-1.amazonaws.com",
        "https://cognito-idp-fips.eu-south-1.api.aws",
    ]),
    ("eu-south-2", "aws", [
        "https://cognito-idp.eu-south-2.amazonaws.com",
        "https://cognito-idp-fips.eu-south-2.amazonaws.com",
        "https://cognito-idp.eu-south-2.amazonaws.com",
        "https://cognito-idp-fips.eu-south-2.api.aws",
    ]),
    ("eu-west-1", "aws", [
        "https://cognito-idp.eu-west-1.amazonaws.com",
        "https://cognito-idp-fips.eu-west-1.amazonaws.com",
        "https://cognito-idp.eu-west-1.amazonaws.com",
        "https://cognito-idp-fips.eu-west-1.api.aws",
    ]),
    ("eu-west-2", "aws", [
        "https://cognito-idp.eu-west-2.amazonaws.com",
        "https://cognito-idp-fips.eu-west-2.amazonaws.com",
        "https://cognito-idp.eu-west-2.amazonaws.com",
        "https://cognito-idp-fips.eu-west-2.api.aws",
    ]),
    ("eu-west-3", "aws", [
        "https://cognito-idp.eu-west-3.amazonaws.com",
        "https://cognito-idp-fips.eu-west-3.amazonaws.com",
        "https://cognito-idp.eu-west-3.amazonaws.com",
        "https://cognito-idp-fips.eu-west-3.api.aws",
    ]),
    ("il-central-1", "aws", [
        "https://cognito-idp.il-central-1.amazonaws.com",
        "https://cognito-idp-fips.il-central-1.amazonaws.com",
        "https://cognito-idp.il-central-1.amazonaws.com",
        "https://cognito-idp-fips.il-central-1.api.aws",
    ]),
    ("me-central-1", "aws", [
        "https://cognito-idp.me-central-1.amazonaws.com",
        "https://cognito-idp-fips.me-central-1.amazonaws.com",
        "https://cognito-idp.me-central-1.amazonaws.com",
        "https://cognito-idp-fips.me-central-1.api.aws",
    ]),
    ("me-south-1", "aws", [
        "https://cognito-idp.me-south-1.amazonaws.com",
        "https://cognito-idp-fips.me-south-1.amazonaws.com",
        "https://cognito-idp.me-south-1.amazonaws.com",
        "https://cognito-idp-fips.me-south-1.api.aws",
    ]),
    ("me-west-1", "aws", [
        "https://cognito-idp.me-west-1.amazonaws.com",
        "https://cognito-idp-fips.me-west-1.amazonaws.com",
        "https://cognito-idp.me-west-1.amazonaws.com",
        "https://cognito-idp-fips.me-west-1.api.aws",
    ]),
    ("mx-central-1", "aws", [
        "https://cognito-idp.mx-central-1.amazonaws.com",
        "https://cognito-idp-fips.mx-central-1.amazonaws.com",
        "https://cognito-idp.mx-central-1.amazonaws.com",
        "https://cognito-idp-fips.mx-central-1.api.aws",
    ]),
    ("sa-east-1", "aws", [
        "https://cognito-idp.sa-east-1.amazonaws.com",
        "https://cognito-idp-fips.sa-east-1.amazonaws.com",
        "https://cognito-idp.sa-east-1.amazonaws.com",
        "https://cognito-idp-fips.sa-east-1.api.aws",
    ]),
    ("sa-west-1", "aws", [
        "https://cognito-idp.sa-west-1.amazonaws.com",
        "https://cognito-idp-fips.sa-west-1.amazonaws.com",
        "https://cognito-idp.sa-west-1.amazonaws.com",
        "https://cognito-idp-fips.sa-west-1.api.aws",
    ]),
    ("us-east-1", "aws", [
        "https://cognito-idp.us-east-1.amazonaws.com",
        "https://cognito-idp-fips.us-east-1.amazonaws.com",
        "https://cognito-idp.us-east-1.amazonaws.com",
        "https://cognito-idp-fips.us-east-1.amazonaws.com",
    ]),
    ("us-east-2", "aws", [
        "https://cognito-idp.us-east-2.amazonaws.com",
        "https://cognito-idp-fips.us-east-2.amazonaws.com",
        "https://cognito-idp.us-east-2.amazonaws.com",
        "https://cognito-idp-fips.us-east-2.amazonaws.com",
    ]),
    ("us-west-1", "aws", [
        "https://cognito-idp.us-west-1.amazonaws.com",
        "https://cognito-idp-fips.us-west-1.amazonaws.com",
        "https://cognito-idp.us-west-1.amazonaws.com",
        "https://cognito-idp-fips.us-west-1.amazonaws.com",
    ]),
    ("us-west-2", "aws", [
        "https://cognito-idp.us-west-2.amazonaws.com",
        "https://cognito-idp-fips.us-west-2.amazonaws.com",
        "https://cognito-idp.us-west-2.amazonaws.com",
        "https://cognito-idp-fips.us-west-2.amazonaws.com",
    ]),
    ("aws-cn-global", "aws-cn", [
        "https://cognito-idp.aws-cn-global.amazonaws.com.cn",
        "https://cognito-idp-fips.aws-cn-global.amazonaws.com.cn",
        "https://cognito-idp.aws-cn-global.api.amazonwebservices.com.cn",
        "https://cognito-idp-fips.aws-cn-global.api.amazonwebservices.com.cn",
    ]),
    ("cn-north-1", "aws-cn", [
        "https://cognito-idp.cn-north-1.amazonaws.com.cn",
        "https://cognito-idp-fips.cn-north-1.amazonaws.com.cn",
        "https://cognito-idp.cn-north-1.api.amazonwebservices.com.cn",
        "https://cognito-idp-fips.cn-north-1.api.amazonwebservices.com.cn",
    ]),
    ("cn-northwest-1", "aws-cn", [
        "https://cognito-idp.cn-northwest-1.amazonaws.com.cn",
        "https://cognito-idp-fips.cn-northwest-1.amazonaws.com.cn",
        "https://cognito-idp.cn-northwest-1.api.amazonwebservices.com.cn",
        "https://cognito-idp-fips.cn-northwest-1.api.amazonwebservices.com.cn",
    ]),
    ("eusc-de-east-1", "aws-eusc", [
        "https://cognito-idp.eusc-de-east-1.amazonaws.eu",
        "https://cognito-idp-fips.eusc-de-east-1.amazonaws.eu",
        "https://cognito-idp.eusc-de-east-1.api.amazonwebservices.eu",
        "https://cognito-idp-fips.eusc-de-east-1.api.amazonwebservices.eu",
    ]),
    ("aws-iso-global", "aws-iso", [
        "https://cognito-idp.aws-iso-global.c2s.ic.gov",
        "https://cognito-idp-fips.aws-iso-global.c2s.ic.gov",
        "https://cognito-idp.aws-iso-global.api.aws.ic.gov",
        "https://cognito-idp-fips.aws-iso-global.api.aws.ic.gov",
    ]),
    ("us-iso-east-1", "aws-iso", [
        "https://cognito-idp.us-iso-east-1.c2s.ic.gov",
        "https://cognito-idp-fips.us-iso-east-1.c2s.ic.gov",
        "https://cognito-idp.us-iso-east-1.api.aws.ic.gov",
        "https://cognito-idp-fips.us-iso-east-1.api.aws.ic.gov",
    ]),
    ("us-iso-west-1", "aws-iso", [
        "https://cognito-idp.us-iso-west-1.c2s.ic.gov",
        "https://cognito-idp-fips.us-iso-west-1.c2s.ic.gov",
        "https://cognito-idp.us-iso-west-1.api.aws.ic.gov",
        "https://cognito-idp-fips.us-iso-west-1.api.aws.ic.gov",
    ]),
    ("aws-iso-b-global", "aws-iso-b", [
        "https://cognito-idp.aws-iso-b-global.sc2s.sgov.gov",
        "https://cognito-idp-fips.aws-iso-b-global.sc2s.sgov.gov",
        "https://cognito-idp.aws-iso-b-global.api.aws.scloud",
        "https://cognito-idp-fips.aws-iso-b-global.api.aws.scloud",
    ]),
    ("us-isob-east-1", "aws-iso-b", [
        "https://cognito-idp.us-isob-east-1.sc2s.sgov.gov",
        "https://cognito-idp-fips.us-isob-east-1.sc2s.sgov.gov",
        "https://cognito-idp.us-isob-east-1.api.aws.scloud",
        "https://cognito-idp-fips.us-isob-east-1.api.aws.scloud",
    ]),
    ("us-isob-west-1", "aws-iso-b", [
        "https://cognito-idp.us-isob-west-1.sc2s.sgov.gov",
        "https://cognito-idp-fips.us-isob-west-1.sc2s.sgov.gov",
        "https://cognito-idp.us-isob-west-1.api.aws.scloud",
        "https://cognito-idp-fips.us-isob-west-1.api.aws.scloud",
    ]),
    ("aws-iso-e-global", "aws-iso-e", [
        "https://cognito-idp.aws-iso-e-global.cloud.adc-e.uk",
        "https://cognito-idp-fips.aws-iso-e-global.cloud.adc-e.uk",
        "https://cognito-idp.aws-iso-e-global.api.cloud-aws.adc-e.uk",
        "https://cognito-idp-fips.aws-iso-e-global.api.cloud-aws.adc-e.uk",
    ]),
    ("eu-isoe-west-1", "aws-iso-e", [
        "https://cognito-idp.eu-isoe-west-1.cloud.adc-e.uk",
        "https://cognito-idp-fips.eu-isoe-west-1.cloud.adc-e.uk",
        "https://cognito-idp.eu-isoe-west-1.api.cloud-aws.adc-e.uk",
        "https://cognito-idp-fips.eu-isoe-west-1.api.cloud-aws.adc-e.uk",
    ]),
    ("aws-iso-f-global", "aws-iso-f", [
        "https://cognito-idp.aws-iso-f-global.csp.hci.ic.gov",
        "https://cognito-idp-fips.aws-iso-f-global.csp.hci.ic.gov",
        "https://cognito-idp.aws-iso-f-global.api.aws.hci.ic.gov",
        "https://cognito-idp-fips.aws-iso-f-global.api.aws.hci.ic.gov",
    ]),
    ("us-isof-east-1", "aws-iso-f", [
        "https://cognito-idp.us-isof-east-1.csp.hci.ic.gov",
        "https://cognito-idp-fips.us-isof-east-1.csp.hci.ic.gov",
        "https://cognito-idp.us-isof-east-1.api.aws.hci.ic.gov",
        "https://cognito-idp-fips.us-isof-east-1.api.aws.hci.ic.gov",
    ]),
    ("us-isof-south-1", "aws-iso-f", [
        "https://cognito-idp.us-isof-south-1.csp.hci.ic.gov",
        "https://cognito-idp-fips.us-isof-south-1.csp.hci.ic.gov",
        "https://cognito-idp.us-isof-south-1.api.aws.hci.ic.gov",
        "https://cognito-idp-fips.us-isof-south-1.api.aws.hci.ic.gov",
    ]),
    ("aws-us-gov-global", "aws-us-gov", [
        "https://cognito-idp.aws-us-gov-global.amazonaws.com",
        "https://cognito-idp-fips.aws-us-gov-global.amazonaws.com",
        "https://cognito-idp.aws-us-gov-global.api.aws",
        "https://cognito-idp-fips.aws-us-gov-global.api.aws",
    ]),
    ("us-gov-east-1", "aws-us-gov", [
        "https://cognito-idp.us-gov-east-1.amazonaws.com",
        "https://cognito-idp-fips.us-gov-east-1.amazonaws.com",
        "https://cognito-idp.us-gov-east-1.api.aws",
        "https://cognito-idp-fips.us-gov-east-1.api.aws",
    ]),
    ("us-gov-west-1", "aws-us-gov", [
        "https://cognito-idp.us-gov-west-1.amazonaws.com",
        "https://cognito-idp-fips.us-gov-west-1.amazonaws.com",
        "https://cognito-idp.us-gov-west-1.api.aws",
        "https://cognito-idp-fips.us-gov-west-1.api.aws",
    ]),
    ("ap-east-9", "aws", [
        "https://cognito-idp.ap-east-9.amazonaws.com",
        "https://cognito-idp-fips.ap-east-9.amazonaws.com",
        "https://cognito-idp.ap-east-9.amazonaws.com",
        "https://cognito-idp-fips.ap-east-9.api.aws",
    ]),
    ("cn-south-3", "aws-cn", [
        "https://cognito-idp.cn-south-3.amazonaws.com.cn",
        "https://cognito-idp-fips.cn-south-3.amazonaws.com.cn",
        "https://cognito-idp.cn-south-3.api.amazonwebservices.com.cn",
        "https://cognito-idp-fips.cn-south-3.api.amazonwebservices.com.cn",
    ]),
    ("eusc-de-north-2", "aws-eusc", [
        "https://cognito-idp.eusc-de-north-2.amazonaws.eu",
        "https://cognito-idp-fips.eusc-de-north-2.amazonaws.eu",
        "https://cognito-idp.eusc-de-north-2.api.amazonwebservices.eu",
        "https://cognito-idp-fips.eusc-de-north-2.api.amazonwebservices.eu",
    ]),
    ("us-iso-north-4", "aws-iso", [
        "https://cognito-idp.us-iso-north-4.c2s.ic.gov",
        "https://cognito-idp-fips.us-iso-north-4.c2s.ic.gov",
        "https://cognito-idp.us-iso-north-4.api.aws.ic.gov",
        "https://cognito-idp-fips.us-iso-north-4.api.aws.ic.gov",
    ]),
    ("us-isob-south-5", "aws-iso-b", [
        "https://cognito-idp.us-isob-south-5.sc2s.sgov.gov",
        "https://cognito-idp-fips.us-isob-south-5.sc2s.sgov.gov",
        "https://cognito-idp.us-isob-south-5.api.aws.scloud",
        "https://cognito-idp-fips.us-isob-south-5.api.aws.scloud",
    ]),
    ("eu-isoe-east-6", "aws-iso-e", [
        "https://cognito-idp.eu-isoe-east-6.cloud.adc-e.uk",
        "https://cognito-idp-fips.eu-isoe-east-6.cloud.adc-e.uk",
        "https://cognito-idp.eu-isoe-east-6.api.cloud-aws.adc-e.uk",
        "https://cognito-idp-fips.eu-isoe-east-6.api.cloud-aws.adc-e.uk",
    ]),
    ("us-isof-west-7", "aws-iso-f", [
        "https://cognito-idp.us-isof-west-7.csp.hci.ic.gov",
        "https://cognito-idp-fips.us-isof-west-7.csp.hci.ic.gov",
        "https://cognito-idp.us-isof-west-7.api.aws.hci.ic.gov",
        "https://cognito-idp-fips.us-isof-west-7.api.aws.hci.ic.gov",
    ]),
    ("us-gov-north-8", "aws-us-gov", [
        "https://cognito-idp.us-gov-north-8.amazonaws.com",
        "https://cognito-idp-fips.us-gov-north-8.amazonaws.com",
        "https://cognito-idp.us-gov-north-8.api.aws",
        "https://cognito-idp-fips.us-gov-north-8.api.aws",
    ]),
    ("local", "aws", [
        "https://cognito-idp.local.amazonaws.com",
        "https://cognito-idp-fips.local.amazonaws.com",
        "https://cognito-idp.local.amazonaws.com",
        "https://cognito-idp-fips.local.api.aws",
    ]),
    ("xx-west-1", "aws", [
        "https://cognito-idp.xx-west-1.amazonaws.com",
        "https://cognito-idp-fips.xx-west-1.amazonaws.com",
        "https://cognito-idp.xx-west-1.amazonaws.com",
        "https://cognito-idp-fips.xx-west-1.api.aws",
    ]),
];
// END GENERATED CASES
