//! HTTP fetching for corroborate: pages and feeds in, bytes out (which
//! `corroborate_ingest::read_bytes` turns into Documents).
//!
//! [`Fetcher::fetch`] is one guarded GET: the SSRF guard ([`guard`]) on every connection
//! (redirects included), robots.txt and a per-host delay before every request, conditional GET
//! from [`Validators`] (a 304 is [`Fetched::NotModified`]), gzip and brotli, redirects followed
//! by hand (bounded, loops named), retries with backoff on 5xx, 429 and timeouts, a byte limit on
//! the decompressed body, an overall time limit, and a content-type check. Every failure is a
//! [`FetchError`] that says what happened in one line. [`State`] keeps validators and the links
//! a watch has seen, as JSON beside the store.

pub mod guard;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How a fetch went wrong, in one line.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("not a URL: {0}")]
    BadUrl(String),
    #[error("only http and https are fetched, not {0}:")]
    Scheme(String),
    #[error("{0}")]
    Refused(String),
    #[error("robots.txt of {0} disallows it")]
    Robots(String),
    #[error("robots.txt of {host} could not be read ({why}); not fetching, as RFC 9309 asks")]
    RobotsUnavailable { host: String, why: String },
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    #[error("redirect loop back to {0}")]
    RedirectLoop(String),
    #[error("redirect without a usable Location")]
    BadRedirect,
    #[error("HTTP {code} {text}")]
    Status { code: u16, text: String },
    #[error("body over the {0}-byte limit")]
    TooLarge(u64),
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("content type {0} is not a page or a feed")]
    ContentType(String),
    #[error("connection failed: {0}")]
    Connect(String),
    #[error("not a feed: {0}")]
    NotAFeed(String),
}

/// What a fetch gives.
#[derive(Debug)]
pub enum Fetched {
    Fresh(Page),
    /// The server said 304: nothing changed since the validators were stored.
    NotModified {
        url: String,
    },
}

/// A fetched body and what the server said about it.
#[derive(Debug, Clone)]
pub struct Page {
    /// The URL asked for.
    pub requested: String,
    /// The URL the body came from, after redirects.
    pub url: String,
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
    /// When the body was fetched, RFC 3339 UTC (metadata only: never part of derived content).
    pub fetched_at: String,
}

/// Conditional-GET validators of one URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// Limits and manners of a fetcher.
#[derive(Debug, Clone)]
pub struct Config {
    /// Connect to loopback, private, link-local and other non-public addresses.
    pub allow_private: bool,
    /// Largest body accepted, after decompression.
    pub max_bytes: u64,
    /// Overall time for one request (connection, redirects, body).
    pub timeout: Duration,
    pub max_redirects: u32,
    /// Retries after a 5xx, a 429 or a timeout; the wait doubles each time.
    pub retries: u32,
    pub backoff: Duration,
    /// Least time between two requests to one host (robots.txt's Crawl-delay can raise it).
    pub host_delay: Duration,
    pub respect_robots: bool,
    pub user_agent: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            allow_private: false,
            max_bytes: 16 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            retries: 2,
            backoff: Duration::from_millis(500),
            host_delay: Duration::from_secs(1),
            respect_robots: true,
            user_agent: concat!(
                "corroborate/",
                env!("CARGO_PKG_VERSION"),
                " (+https://example.invalid/corroborate)"
            )
            .to_string(),
        }
    }
}

/// The robots.txt token we answer to.
const ROBOTS_AGENT: &str = "corroborate";
/// Longest Crawl-delay honoured.
const MAX_CRAWL_DELAY: Duration = Duration::from_secs(30);

#[derive(Debug, Default)]
struct Host {
    last: Option<Instant>,
    /// `None` until read; `Some(Err)` when robots.txt could not be read.
    robots: Option<Result<Robots, String>>,
}

struct Robots {
    rules: Option<texting_robots::Robot>,
    delay: Option<Duration>,
}

impl std::fmt::Debug for Robots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Robots")
            .field("delay", &self.delay)
            .finish()
    }
}

/// A guarded HTTP client with per-host state.
#[derive(Debug)]
pub struct Fetcher {
    agent: ureq::Agent,
    config: Config,
    hosts: HashMap<String, Host>,
    refusal: Arc<Mutex<Option<String>>>,
}

/// Content types read as pages or feeds (a missing type is sniffed by ingest).
fn acceptable(content_type: &str) -> bool {
    let t = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    matches!(
        t.as_str(),
        "text/html"
            | "application/xhtml+xml"
            | "text/plain"
            | "text/xml"
            | "application/xml"
            | "application/rss+xml"
            | "application/atom+xml"
            | "application/rdf+xml"
            | "application/feed+json"
            | "application/json"
            | "application/x-ndjson"
            | "application/jsonl"
            | ""
    ) || t.ends_with("+xml")
}

impl Fetcher {
    pub fn new(config: Config) -> Fetcher {
        let refusal = Arc::new(Mutex::new(None));
        let agent = ureq::AgentBuilder::new()
            .resolver(guard::GuardedResolver {
                allow_private: config.allow_private,
                refusal: refusal.clone(),
            })
            .redirects(0)
            .timeout(config.timeout)
            .timeout_connect(config.timeout.min(Duration::from_secs(10)))
            .user_agent(&config.user_agent)
            .build();
        Fetcher {
            agent,
            config,
            hosts: HashMap::new(),
            refusal,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// GETs `url`, following redirects, sending `validators` when given.
    pub fn fetch(
        &mut self,
        url: &str,
        validators: Option<&Validators>,
    ) -> Result<Fetched, FetchError> {
        let mut current = parse_url(url)?;
        let mut seen = BTreeSet::new();
        seen.insert(current.to_string());
        let mut hops = 0;
        loop {
            self.before_request(&current)?;
            let resp = self.get_with_retries(&current, validators)?;
            let code = resp.status();
            if matches!(code, 301 | 302 | 303 | 307 | 308) {
                hops += 1;
                if hops > self.config.max_redirects {
                    return Err(FetchError::TooManyRedirects(self.config.max_redirects));
                }
                let next = resp
                    .header("location")
                    .and_then(|l| current.join(l).ok())
                    .ok_or(FetchError::BadRedirect)?;
                check_scheme(&next)?;
                if !seen.insert(next.to_string()) {
                    return Err(FetchError::RedirectLoop(next.to_string()));
                }
                current = next;
                continue;
            }
            if code == 304 {
                return Ok(Fetched::NotModified {
                    url: current.to_string(),
                });
            }
            if !(200..300).contains(&code) {
                return Err(FetchError::Status {
                    code,
                    text: resp.status_text().to_string(),
                });
            }
            let content_type = resp.header("content-type").map(str::to_string);
            if let Some(t) = &content_type {
                if !acceptable(t) {
                    return Err(FetchError::ContentType(t.clone()));
                }
            }
            if let Some(len) = resp
                .header("content-length")
                .and_then(|l| l.trim().parse::<u64>().ok())
            {
                if len > self.config.max_bytes {
                    return Err(FetchError::TooLarge(self.config.max_bytes));
                }
            }
            let v = Validators {
                etag: resp.header("etag").map(str::to_string),
                last_modified: resp.header("last-modified").map(str::to_string),
            };
            let bytes = self.read_body(resp)?;
            return Ok(Fetched::Fresh(Page {
                requested: url.to_string(),
                url: current.to_string(),
                bytes,
                content_type,
                validators: v,
                fetched_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            }));
        }
    }

    /// The body, decompressed, up to the byte limit.
    fn read_body(&self, resp: ureq::Response) -> Result<Vec<u8>, FetchError> {
        let limit = self.config.max_bytes;
        let mut bytes = Vec::new();
        resp.into_reader()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| self.io_error(e))?;
        if bytes.len() as u64 > limit {
            return Err(FetchError::TooLarge(limit));
        }
        Ok(bytes)
    }

    fn io_error(&self, e: std::io::Error) -> FetchError {
        if matches!(
            e.kind(),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
        ) {
            FetchError::Timeout(self.config.timeout)
        } else {
            FetchError::Connect(e.to_string())
        }
    }

    /// One GET with retries on 5xx, 429 and timeouts. Redirect and error statuses come back as
    /// responses.
    fn get_with_retries(
        &mut self,
        url: &url::Url,
        validators: Option<&Validators>,
    ) -> Result<ureq::Response, FetchError> {
        let mut wait = self.config.backoff;
        let mut attempt = 0;
        loop {
            let mut req = self.agent.request_url("GET", url);
            if let Some(v) = validators {
                if let Some(e) = &v.etag {
                    req = req.set("If-None-Match", e);
                }
                if let Some(m) = &v.last_modified {
                    req = req.set("If-Modified-Since", m);
                }
            }
            if let Ok(mut r) = self.refusal.lock() {
                *r = None;
            }
            let result = match req.call() {
                Ok(r) => Ok(r),
                Err(ureq::Error::Status(_, r)) => Ok(r),
                Err(ureq::Error::Transport(t)) => Err(self.transport_error(t)),
            };
            let retry = match &result {
                Ok(r) => r.status() == 429 || (500..600).contains(&r.status()),
                Err(FetchError::Timeout(_)) => true,
                Err(_) => false,
            };
            if !retry || attempt >= self.config.retries {
                return result;
            }
            attempt += 1;
            std::thread::sleep(wait);
            wait *= 2;
            self.mark(url);
        }
    }

    fn transport_error(&self, t: ureq::Transport) -> FetchError {
        if let Some(why) = self.refusal.lock().ok().and_then(|mut r| r.take()) {
            return FetchError::Refused(why);
        }
        let msg = t.to_string();
        let timed_out = t.kind() == ureq::ErrorKind::Io
            && (msg.contains("timed out") || msg.contains("Timeout") || msg.contains("WouldBlock"));
        if timed_out {
            FetchError::Timeout(self.config.timeout)
        } else {
            FetchError::Connect(msg)
        }
    }

    /// Robots.txt and the per-host delay.
    fn before_request(&mut self, url: &url::Url) -> Result<(), FetchError> {
        let key = host_key(url);
        if self.config.respect_robots && url.path() != "/robots.txt" {
            if self.hosts.get(&key).is_none_or(|h| h.robots.is_none()) {
                let robots = self.read_robots(url);
                self.hosts.entry(key.clone()).or_default().robots = Some(robots);
            }
            match self.hosts.get(&key).and_then(|h| h.robots.as_ref()) {
                Some(Ok(r)) => {
                    if let Some(rules) = &r.rules {
                        if !rules.allowed(url.as_str()) {
                            return Err(FetchError::Robots(key));
                        }
                    }
                }
                Some(Err(why)) => {
                    return Err(FetchError::RobotsUnavailable {
                        host: key,
                        why: why.clone(),
                    })
                }
                None => {}
            }
        }
        self.wait_for_host(url);
        Ok(())
    }

    fn delay_for(&self, key: &str) -> Duration {
        let crawl = self
            .hosts
            .get(key)
            .and_then(|h| h.robots.as_ref())
            .and_then(|r| r.as_ref().ok())
            .and_then(|r| r.delay)
            .unwrap_or_default()
            .min(MAX_CRAWL_DELAY);
        self.config.host_delay.max(crawl)
    }

    fn wait_for_host(&mut self, url: &url::Url) {
        let key = host_key(url);
        let delay = self.delay_for(&key);
        if let Some(last) = self.hosts.get(&key).and_then(|h| h.last) {
            let since = last.elapsed();
            if since < delay {
                std::thread::sleep(delay - since);
            }
        }
        self.mark(url);
    }

    fn mark(&mut self, url: &url::Url) {
        self.hosts.entry(host_key(url)).or_default().last = Some(Instant::now());
    }

    /// Reads and parses robots.txt: 4xx means no rules; 5xx or no answer means stay away.
    fn read_robots(&mut self, url: &url::Url) -> Result<Robots, String> {
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        self.wait_for_host(&robots_url);
        let resp = match self.agent.request_url("GET", &robots_url).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(code, _)) if (400..500).contains(&code) => {
                return Ok(Robots {
                    rules: None,
                    delay: None,
                })
            }
            Err(ureq::Error::Status(code, _)) => return Err(format!("HTTP {code}")),
            Err(ureq::Error::Transport(t)) => {
                return Err(match self.transport_error(t) {
                    FetchError::Refused(why) => why,
                    e => e.to_string(),
                })
            }
        };
        if matches!(resp.status(), 301 | 302 | 303 | 307 | 308) {
            // Redirected robots.txt: treat as no rules rather than follow across hosts.
            return Ok(Robots {
                rules: None,
                delay: None,
            });
        }
        let mut body = Vec::new();
        resp.into_reader()
            .take(512 * 1024)
            .read_to_end(&mut body)
            .map_err(|e| e.to_string())?;
        let rules = texting_robots::Robot::new(ROBOTS_AGENT, &body).ok();
        let delay = rules
            .as_ref()
            .and_then(|r| r.delay)
            .filter(|d| d.is_finite() && *d > 0.0)
            .map(|d| Duration::from_secs_f32(d.min(MAX_CRAWL_DELAY.as_secs_f32())));
        Ok(Robots { rules, delay })
    }
}

fn host_key(url: &url::Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn check_scheme(url: &url::Url) -> Result<(), FetchError> {
    match url.scheme() {
        "http" | "https" => Ok(()),
        s => Err(FetchError::Scheme(s.to_string())),
    }
}

fn parse_url(s: &str) -> Result<url::Url, FetchError> {
    let url = url::Url::parse(s).map_err(|e| FetchError::BadUrl(format!("{s} ({e})")))?;
    check_scheme(&url)?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::BadUrl(s.to_string()));
    }
    Ok(url)
}

/// The item links of a feed (RSS, Atom, JSON Feed), absolute, in feed order, without repeats.
pub fn feed_links(feed_url: &str, bytes: &[u8]) -> Result<Vec<String>, FetchError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| FetchError::NotAFeed(e.to_string()))?;
    let base = url::Url::parse(feed_url).ok();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for entry in feed.entries {
        let Some(link) = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
        else {
            continue;
        };
        let abs = match &base {
            Some(b) => b.join(&link.href).map(|u| u.to_string()),
            None => url::Url::parse(&link.href).map(|u| u.to_string()),
        };
        if let Ok(u) = abs {
            if seen.insert(u.clone()) {
                out.push(u);
            }
        }
    }
    Ok(out)
}

/// What fetch and watch remember between runs: validators per URL and the item links a watch
/// has already followed. Kept as JSON next to the store.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct State {
    #[serde(default)]
    pub validators: BTreeMap<String, Validators>,
    #[serde(default)]
    pub seen: BTreeMap<String, BTreeSet<String>>,
}

impl State {
    /// Reads the state file; a missing file is an empty state.
    pub fn load(path: &Path) -> std::io::Result<State> {
        match std::fs::read(path) {
            Ok(b) => serde_json::from_slice(&b)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(e),
        }
    }

    /// Writes the state file through a temporary file and a rename.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(self)?)?;
        std::fs::rename(tmp, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert!(acceptable("text/html; charset=utf-8"));
        assert!(acceptable("application/rss+xml"));
        assert!(acceptable("application/vnd.custom+xml"));
        assert!(!acceptable("image/png"));
        assert!(!acceptable("application/pdf"));
        assert!(!acceptable("application/octet-stream"));
    }

    #[test]
    fn urls() {
        assert!(matches!(parse_url("ftp://x/"), Err(FetchError::Scheme(_))));
        assert!(matches!(
            parse_url("file:///etc/passwd"),
            Err(FetchError::Scheme(_))
        ));
        assert!(matches!(parse_url("not a url"), Err(FetchError::BadUrl(_))));
        assert!(parse_url("https://example.com/a").is_ok());
    }

    #[test]
    fn feed_links_are_absolute_and_unique() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>/a</link></item><item><title>b</title><link>https://x.test/b</link></item>
<item><title>a again</title><link>/a</link></item></channel></rss>"#;
        assert_eq!(
            feed_links("https://x.test/feed.xml", rss).unwrap(),
            vec!["https://x.test/a", "https://x.test/b"]
        );
        assert!(feed_links("https://x.test/", b"<html></html>").is_err());
    }
}
