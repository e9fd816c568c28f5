//! `corroborate fetch URL...` and `corroborate watch FEED... --every 10m`: pages and feeds over
//! HTTP (through `corroborate-fetch`'s guarded client) into the store.
//!
//! A fetched body goes through `corroborate_pipeline::ingest` as `Input::Fetched`, read exactly
//! like a file, so the dossier stays a function of the stored bytes; the final URL and the fetch
//! time go into the document's metadata only. Validators (ETag, Last-Modified) and the item links a watch has
//! followed are kept in a JSON state file beside the store (`<db>.fetch.json`), so the next run
//! asks conditionally and a 304 stores nothing. One URL's failure is one line on stderr and in
//! the store's errors; the batch goes on, and the exit status is 1 when any URL failed.

use anyhow::{Context, Result};
use corroborate_fetch::{Config, Fetched, Fetcher, State};
use corroborate_pipeline::{IngestOptions, Input, InputError, Resources, Silent};
use corroborate_report::terminal::safe;
use corroborate_store::Store;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Network limits and manners, shared by `fetch` and `watch`.
#[derive(Debug, clap::Args)]
pub struct NetOpts {
    /// Allow loopback, private, link-local and other non-public addresses (refused by default,
    /// after DNS resolution and for every redirect).
    #[arg(long)]
    pub allow_private: bool,
    /// Largest body accepted, after decompression (bytes).
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    pub max_size: u64,
    /// Time limit for one request, redirects and body included (seconds).
    #[arg(long, default_value_t = 30.0, value_name = "SECS")]
    pub timeout: f64,
    /// Least time between two requests to one host (seconds; robots.txt's Crawl-delay can
    /// raise it).
    #[arg(long, default_value_t = 1.0, value_name = "SECS")]
    pub delay: f64,
    /// Retries after a 5xx, a 429 or a timeout, with a doubling wait.
    #[arg(long, default_value_t = 2)]
    pub retries: u32,
    /// Where validators and followed links are kept (default: the store's path + `.fetch.json`).
    #[arg(long, value_name = "PATH")]
    pub state: Option<PathBuf>,
}

impl NetOpts {
    fn config(&self) -> Config {
        let secs = |s: f64| Duration::from_secs_f64(s.clamp(0.0, 86_400.0));
        Config {
            allow_private: self.allow_private,
            max_bytes: self.max_size,
            timeout: secs(self.timeout).max(Duration::from_millis(100)),
            host_delay: secs(self.delay),
            retries: self.retries.min(10),
            ..Config::default()
        }
    }

    fn state_path(&self, db: &Path) -> PathBuf {
        self.state.clone().unwrap_or_else(|| {
            let mut p = db.as_os_str().to_owned();
            p.push(".fetch.json");
            PathBuf::from(p)
        })
    }
}

/// "10m", "90s", "1h", "2d" or plain seconds.
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map_or((s, ""), |i| s.split_at(i));
    let n: f64 = num.parse().map_err(|_| format!("not an interval: {s:?}"))?;
    let k = match unit {
        "" | "s" => 1.0,
        "m" => 60.0,
        "h" => 3600.0,
        "d" => 86_400.0,
        _ => return Err(format!("unknown unit {unit:?} (use s, m, h or d)")),
    };
    let secs = n * k;
    if !(1.0..=30.0 * 86_400.0).contains(&secs) {
        return Err("the interval must be between 1 s and 30 days".into());
    }
    Ok(Duration::from_secs_f64(secs))
}

/// What one URL gave.
enum Stored {
    Documents { new: usize, known: usize },
    NotModified,
}

struct Session<'a> {
    store: &'a mut Store,
    resources: &'a Resources,
    fetcher: Fetcher,
    state: State,
    state_path: PathBuf,
    errors: Vec<InputError>,
    new: usize,
    quiet: bool,
}

impl<'s> Session<'s> {
    fn open(
        store: &'s mut Store,
        resources: &'s Resources,
        net: &NetOpts,
        db: &Path,
        quiet: bool,
    ) -> Result<Session<'s>> {
        let state_path = net.state_path(db);
        let state = State::load(&state_path)
            .with_context(|| format!("reading the fetch state {}", state_path.display()))?;
        Ok(Session {
            store,
            resources,
            fetcher: Fetcher::new(net.config()),
            state,
            state_path,
            errors: Vec::new(),
            new: 0,
            quiet,
        })
    }

    fn save(&self) -> Result<()> {
        self.state
            .save(&self.state_path)
            .with_context(|| format!("writing the fetch state {}", self.state_path.display()))
    }

    /// Ingests through the pipeline (stories are updated once per run, not per URL).
    fn ingest(
        &mut self,
        inputs: Vec<Input>,
        errors: Vec<InputError>,
    ) -> Result<corroborate_pipeline::IngestReport> {
        let options = IngestOptions {
            max_bytes: self.fetcher.config().max_bytes,
            jobs: 1,
            stories: false,
        };
        Ok(corroborate_pipeline::ingest(
            self.store,
            self.resources,
            inputs,
            errors,
            &options,
            &Silent,
        )?)
    }

    fn fail(&mut self, source: &str, message: String) -> Result<()> {
        let e = InputError {
            source: source.to_string(),
            message,
        };
        eprintln!("corroborate: {}: {}", safe(&e.source), safe(&e.message));
        self.ingest(Vec::new(), vec![e.clone()])?;
        self.errors.push(e);
        Ok(())
    }

    /// Fetches one URL and stores what it holds. `Ok(None)` when it failed (reported).
    fn fetch_one(&mut self, url: &str) -> Result<Option<Stored>> {
        let validators = self.state.validators.get(url).cloned();
        let page = match self.fetcher.fetch(url, validators.as_ref()) {
            Ok(Fetched::Fresh(p)) => p,
            Ok(Fetched::NotModified { .. }) => return Ok(Some(Stored::NotModified)),
            Err(e) => {
                self.fail(url, e.to_string())?;
                return Ok(None);
            }
        };
        let stored = self.store_page(&page)?;
        if !page.validators.is_empty() {
            self.state
                .validators
                .insert(url.to_string(), page.validators);
        }
        Ok(stored)
    }

    fn store_page(&mut self, page: &corroborate_fetch::Page) -> Result<Option<Stored>> {
        let input = Input::Fetched {
            url: page.url.clone(),
            bytes: page.bytes.clone(),
            fetched: page.fetched_at.clone(),
        };
        let report = self.ingest(vec![input], Vec::new())?;
        self.new += report.new;
        for e in &report.errors {
            eprintln!("corroborate: {}: {}", safe(&e.source), safe(&e.message));
        }
        let stored = report.new + report.known > 0;
        self.errors.extend(report.errors);
        Ok(stored.then_some(Stored::Documents {
            new: report.new,
            known: report.known,
        }))
    }

    fn say(&self, url: &str, what: &Stored) {
        if self.quiet {
            return;
        }
        match what {
            Stored::Documents { new, known } => {
                eprintln!("{}: {new} new, {known} already stored", safe(url))
            }
            Stored::NotModified => eprintln!("{}: not modified (304), nothing stored", safe(url)),
        }
    }
}

/// `corroborate fetch URL...`
pub fn fetch(
    store: &mut Store,
    resources: &Resources,
    db: &Path,
    urls: &[String],
    net: &NetOpts,
    quiet: bool,
) -> Result<Vec<InputError>> {
    let mut s = Session::open(store, resources, net, db, quiet)?;
    for url in urls {
        if let Some(what) = s.fetch_one(url)? {
            s.say(url, &what);
        }
        s.save()?;
    }
    Ok(s.errors)
}

/// `corroborate watch FEED... --every 10m`: each round fetches every feed (conditionally) and
/// fetches and stores the item links not followed before, every `every` (`None`: one round).
/// Ctrl-C ends it between two fetches.
pub fn watch(
    store: &mut Store,
    resources: &Resources,
    db: &Path,
    feeds: &[String],
    every: Option<Duration>,
    net: &NetOpts,
    quiet: bool,
) -> Result<Vec<InputError>> {
    let stop = Arc::new(AtomicBool::new(false));
    if every.is_some() {
        let flag = stop.clone();
        ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
            .context("installing the Ctrl-C handler")?;
    }
    let mut s = Session::open(store, resources, net, db, quiet)?;
    loop {
        let started = Instant::now();
        let before = s.new;
        for feed in feeds {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            watch_feed(&mut s, feed, &stop)?;
            s.save()?;
        }
        let added = s.new - before;
        if added > 0 {
            // New documents join their stories at the end of each round.
            corroborate_pipeline::update_stories(s.store, resources, &Silent)?;
        }
        if !quiet {
            eprintln!("watch: {added} new documents this round");
        }
        let Some(every) = every else { break };
        if stop.load(Ordering::SeqCst) {
            break;
        }
        while started.elapsed() < every && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(200));
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
    Ok(s.errors)
}

fn watch_feed(s: &mut Session<'_>, feed: &str, stop: &AtomicBool) -> Result<()> {
    let validators = s.state.validators.get(feed).cloned();
    let page = match s.fetcher.fetch(feed, validators.as_ref()) {
        Ok(Fetched::Fresh(p)) => p,
        Ok(Fetched::NotModified { .. }) => {
            s.say(feed, &Stored::NotModified);
            return Ok(());
        }
        Err(e) => return s.fail(feed, e.to_string()),
    };
    let links = match corroborate_fetch::feed_links(&page.url, &page.bytes) {
        Ok(l) => l,
        Err(e) => return s.fail(feed, e.to_string()),
    };
    if !page.validators.is_empty() {
        s.state
            .validators
            .insert(feed.to_string(), page.validators.clone());
    }
    for link in links {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        if s.state
            .seen
            .get(feed)
            .is_some_and(|seen| seen.contains(&link))
        {
            continue;
        }
        if let Some(what) = s.fetch_one(&link)? {
            s.say(&link, &what);
            s.state
                .seen
                .entry(feed.to_string())
                .or_default()
                .insert(link);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_interval("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_interval("1.5h"), Ok(Duration::from_secs(5400)));
        assert!(parse_interval("0s").is_err());
        assert!(parse_interval("10 parsecs").is_err());
    }
}
