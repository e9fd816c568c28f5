//! The flags of `corroborate fetch URL...` and `corroborate watch FEED... --every 10m`, and
//! the lines they print. The fetching itself is `corroborate_pipeline::fetch`: one URL's
//! failure is one line on stderr and in the store's errors, the batch goes on, and the exit
//! status is 1 when any URL failed.

use anyhow::{Context, Result};
use corroborate_pipeline::fetch::{self, Config, Event, Net};
use corroborate_pipeline::{InputError, Resources};
use corroborate_report::terminal::safe;
use corroborate_store::Store;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

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

    fn net(&self, db: &Path) -> Net {
        Net {
            config: self.config(),
            state_path: self
                .state
                .clone()
                .unwrap_or_else(|| fetch::default_state_path(db)),
        }
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

/// Prints what happens: failures always, the rest unless `quiet`.
fn printer(quiet: bool) -> impl FnMut(Event) {
    move |event| match event {
        Event::Failed(e) => eprintln!("corroborate: {}: {}", safe(&e.source), safe(&e.message)),
        _ if quiet => {}
        Event::Stored { url, new, known } => {
            eprintln!("{}: {new} new, {known} already stored", safe(&url))
        }
        Event::NotModified { url } => {
            eprintln!("{}: not modified (304), nothing stored", safe(&url))
        }
        Event::Round { added } => eprintln!("watch: {added} new documents this round"),
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
    Ok(fetch::fetch(
        store,
        resources,
        urls,
        &net.net(db),
        &mut printer(quiet),
    )?)
}

/// `corroborate watch FEED... --every 10m` (`every` `None`: one round). Ctrl-C ends it between
/// two fetches.
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
    Ok(fetch::watch(
        store,
        resources,
        feeds,
        every,
        &net.net(db),
        &stop,
        &mut printer(quiet),
    )?)
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
