//! Every failure mode of a fetch against a local server on 127.0.0.1 (started in the test):
//! conditional GET, redirects (followed, looping, too many, to another scheme), robots.txt,
//! slow, huge and gzip-bomb bodies, wrong content types, 5xx with retries, malformed responses,
//! and the SSRF guard refusing 127.0.0.1 unless private addresses are allowed.

mod common;

use corroborate_fetch::{Config, FetchError, Fetched, Fetcher, Validators};
use std::time::{Duration, Instant};

fn fetcher() -> Fetcher {
    Fetcher::new(Config {
        allow_private: true,
        max_bytes: 1024 * 1024,
        timeout: Duration::from_secs(2),
        retries: 2,
        backoff: Duration::from_millis(20),
        host_delay: Duration::ZERO,
        ..Config::default()
    })
}

fn page(r: Result<Fetched, FetchError>) -> corroborate_fetch::Page {
    match r {
        Ok(Fetched::Fresh(p)) => p,
        other => panic!("expected a page, got {other:?}"),
    }
}

fn error(r: Result<Fetched, FetchError>) -> String {
    match r {
        Err(e) => e.to_string(),
        Ok(other) => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn conditional_get_gives_not_modified() {
    let s = common::start();
    let mut f = fetcher();
    let p = page(f.fetch(&s.url("/article"), None));
    assert_eq!(p.bytes, common::ARTICLE.as_bytes());
    assert_eq!(p.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        p.validators.last_modified.as_deref(),
        Some("Sat, 07 Dec 2024 10:00:00 GMT")
    );
    assert!(p.fetched_at.ends_with('Z'));
    match f.fetch(&s.url("/article"), Some(&p.validators)).unwrap() {
        Fetched::NotModified { url } => assert_eq!(url, s.url("/article")),
        other => panic!("{other:?}"),
    }
    // Stale validators get the page again.
    let stale = Validators {
        etag: Some("\"v0\"".into()),
        last_modified: None,
    };
    page(f.fetch(&s.url("/article"), Some(&stale)));
}

#[test]
fn redirects_are_followed_and_bounded() {
    let s = common::start();
    let mut f = fetcher();
    let p = page(f.fetch(&s.url("/moved"), None));
    assert_eq!(p.url, s.url("/article"));
    assert_eq!(p.requested, s.url("/moved"));
    assert!(error(f.fetch(&s.url("/loop-a"), None)).starts_with("redirect loop back to"));
    assert_eq!(
        error(f.fetch(&s.url("/chain/0"), None)),
        "more than 5 redirects"
    );
    assert_eq!(s.hits("/chain/5"), 1);
    assert_eq!(s.hits("/chain/6"), 0);
    assert_eq!(
        error(f.fetch(&s.url("/to-file"), None)),
        "only http and https are fetched, not file:"
    );
}

#[test]
fn robots_txt_is_obeyed() {
    let s = common::start();
    let mut f = fetcher();
    let e = error(f.fetch(&s.url("/private/page"), None));
    assert!(e.starts_with("robots.txt of http://127.0.0.1:"), "{e}");
    assert!(e.ends_with("disallows it"), "{e}");
    assert_eq!(s.hits("/private/page"), 0);
    page(f.fetch(&s.url("/article"), None));
    assert_eq!(s.hits("/robots.txt"), 1, "robots.txt is read once per host");
}

#[test]
fn slow_huge_and_bomb_bodies_are_cut_off() {
    let s = common::start();
    let mut f = Fetcher::new(Config {
        retries: 0,
        ..fetcher().config().clone()
    });
    let t = Instant::now();
    assert_eq!(error(f.fetch(&s.url("/slow"), None)), "timed out after 2s");
    assert!(t.elapsed() < Duration::from_secs(8));
    assert_eq!(
        error(f.fetch(&s.url("/huge"), None)),
        "body over the 1048576-byte limit"
    );
    assert_eq!(
        error(f.fetch(&s.url("/huge-declared"), None)),
        "body over the 1048576-byte limit"
    );
    assert_eq!(
        error(f.fetch(&s.url("/gzip-bomb"), None)),
        "body over the 1048576-byte limit"
    );
    let p = page(f.fetch(&s.url("/gzip"), None));
    assert_eq!(p.bytes, common::ARTICLE.as_bytes());
}

#[test]
fn bad_answers_are_one_line_errors() {
    let s = common::start();
    let mut f = fetcher();
    assert_eq!(
        error(f.fetch(&s.url("/image"), None)),
        "content type image/png is not a page or a feed"
    );
    assert_eq!(
        error(f.fetch(&s.url("/missing"), None)),
        "HTTP 404 Not Found"
    );
    assert_eq!(s.hits("/missing"), 1, "a 404 is not retried");
    assert_eq!(
        error(f.fetch(&s.url("/error"), None)),
        "HTTP 503 Service Unavailable"
    );
    assert_eq!(s.hits("/error"), 3, "a 503 is tried three times");
    let e = error(f.fetch(&s.url("/garbage"), None));
    assert!(e.starts_with("connection failed"), "{e}");
    assert!(!e.contains('\n'));
}

#[test]
fn the_guard_refuses_loopback_without_the_flag() {
    let s = common::start();
    let mut f = Fetcher::new(Config {
        host_delay: Duration::ZERO,
        ..Config::default()
    });
    let e = error(f.fetch(&s.url("/article"), None));
    assert!(
        e.contains("127.0.0.1 is 127.0.0.1, a loopback address (use --allow-private to fetch it)"),
        "{e}"
    );
    let e = error(f.fetch("http://localhost:9/", None));
    assert!(e.contains("loopback"), "{e}");
    let e = error(f.fetch("http://169.254.169.254/latest/meta-data/", None));
    assert!(e.contains("cloud metadata"), "{e}");
    let e = error(f.fetch("http://[::ffff:10.0.0.1]/", None));
    assert!(e.contains("private"), "{e}");
    assert_eq!(s.hits("/article") + s.hits("/robots.txt"), 0);
}

#[test]
fn host_delay_spaces_requests() {
    let s = common::start();
    let mut f = Fetcher::new(Config {
        host_delay: Duration::from_millis(300),
        ..fetcher().config().clone()
    });
    let t = Instant::now();
    page(f.fetch(&s.url("/article"), None));
    page(f.fetch(&s.url("/gzip"), None));
    // robots.txt, then two pages: two waits at least.
    assert!(
        t.elapsed() >= Duration::from_millis(600),
        "{:?}",
        t.elapsed()
    );
}
