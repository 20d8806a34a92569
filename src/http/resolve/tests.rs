use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;

fn resolver(calls: &Arc<AtomicUsize>, answer: Vec<SocketAddr>) -> BoundedResolver {
    let calls = Arc::clone(calls);
    let resolve = move |_host: &str, _port: u16| -> io::Result<Vec<SocketAddr>> {
        calls.fetch_add(1, Ordering::SeqCst);
        Ok(answer.clone())
    };
    BoundedResolver::new(Arc::new(resolve), Duration::from_secs(1))
}

fn run(r: &BoundedResolver, uri: &str) -> Result<Vec<SocketAddr>, ureq::Error> {
    let uri: http::Uri = uri.parse().unwrap();
    let config = ureq::config::Config::default();
    Resolver::resolve(r, &uri, &config, NextTimeout::default()).map(|a| a.to_vec())
}

#[test]
fn ip_literals_are_not_looked_up() {
    let calls = Arc::new(AtomicUsize::new(0));
    let r = resolver(&calls, Vec::new());
    assert_eq!(
        run(&r, "https://[::1]/").unwrap(),
        ["[::1]:443".parse::<SocketAddr>().unwrap()]
    );
    assert_eq!(
        run(&r, "http://127.0.0.1:9229/").unwrap(),
        ["127.0.0.1:9229".parse::<SocketAddr>().unwrap()]
    );
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[test]
fn names_are_looked_up_once_then_cached_by_host_and_port() {
    let calls = Arc::new(AtomicUsize::new(0));
    let addr: SocketAddr = "10.0.0.7:443".parse().unwrap();
    let r = resolver(&calls, vec![addr]);
    assert_eq!(run(&r, "https://Cognito-IDP.example/").unwrap(), [addr]);
    assert_eq!(run(&r, "https://cognito-idp.example/x").unwrap(), [addr]);
    assert_eq!(
        calls.load(Ordering::SeqCst),
        1,
        "cached, case-insensitively"
    );
    run(&r, "https://cognito-idp.example:8443/").unwrap();
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "another port is another key"
    );
    // Clones share the cache.
    run(&r.clone(), "https://cognito-idp.example/").unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn an_empty_answer_is_host_not_found() {
    let calls = Arc::new(AtomicUsize::new(0));
    let r = resolver(&calls, Vec::new());
    assert!(matches!(
        run(&r, "https://nowhere.example/"),
        Err(ureq::Error::HostNotFound)
    ));
    // Failures are not cached.
    let _ = run(&r, "https://nowhere.example/");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}
