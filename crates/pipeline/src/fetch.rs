//! Pages and feeds over HTTP into the store: what `corroborate fetch URL...` and `corroborate
//! watch FEED...` run (and what a server would), through `corroborate-fetch`'s guarded client.
//!
//! A fetched body goes through [`crate::ingest`] as [`Input::Fetched`], read exactly like a
//! file, so the dossier stays a function of the stored bytes; the final URL and the fetch time
//! go into the document's metadata only. Validators (ETag, Last-Modified) and the item links a
//! watch has followed are kept in a JSON state file (by default beside the store,
//! `<db>.fetch.json`), saved after every URL, so the next run asks conditionally and a 304
//! stores nothing. One URL's failure is that URL's error (stored, and told as an
//! [`Event::Failed`]); the batch goes on. What happens is told through events: this module
//! prints nothing.

use crate::{ingest, IngestOptions, IngestReport, Input, InputError, PipelineError, Resources};
pub use corroborate_fetch::{Config, Validators};
use corroborate_fetch::{Fetched, Fetcher, Page, State};
use corroborate_store::Store;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What happened to one URL, feed or round, as it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A page was read and stored: `new` documents added, `known` already in the store.
    Stored {
        url: String,
        new: usize,
        known: usize,
    },
    /// The server answered 304: nothing changed since the last fetch, nothing stored.
    NotModified { url: String },
    /// A URL, a feed or a document in it failed (the error is stored too).
    Failed(InputError),
    /// A watch round ended with this many new documents.
    Round { added: usize },
}

/// How to fetch: the client's limits and manners, and where validators and followed links
/// are kept between runs.
#[derive(Debug, Clone)]
pub struct Net {
    pub config: Config,
    pub state_path: PathBuf,
}

/// The state file's default place: the store's path with `.fetch.json` added.
pub fn default_state_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".fetch.json");
    PathBuf::from(p)
}

struct Session<'a> {
    store: &'a mut Store,
    resources: &'a Resources,
    fetcher: Fetcher,
    state: State,
    state_path: PathBuf,
    errors: Vec<InputError>,
    new: usize,
    events: &'a mut dyn FnMut(Event),
}

impl<'s> Session<'s> {
    fn open(
        store: &'s mut Store,
        resources: &'s Resources,
        net: &Net,
        events: &'s mut dyn FnMut(Event),
    ) -> Result<Session<'s>, PipelineError> {
        let state_path = &net.state_path;
        let state = State::load(state_path).map_err(|e| {
            PipelineError::Io(
                format!("reading the fetch state {}", state_path.display()),
                e,
            )
        })?;
        Ok(Session {
            store,
            resources,
            fetcher: Fetcher::new(net.config.clone()),
            state,
            state_path: state_path.clone(),
            errors: Vec::new(),
            new: 0,
            events,
        })
    }

    fn save(&self) -> Result<(), PipelineError> {
        self.state.save(&self.state_path).map_err(|e| {
            PipelineError::Io(
                format!("writing the fetch state {}", self.state_path.display()),
                e,
            )
        })
    }

    /// Ingests through the pipeline (stories are updated once per run, not per URL).
    fn ingest(
        &mut self,
        inputs: Vec<Input>,
        errors: Vec<InputError>,
    ) -> Result<IngestReport, PipelineError> {
        let options = IngestOptions {
            max_bytes: self.fetcher.config().max_bytes,
            jobs: 1,
            stories: false,
        };
        ingest(
            self.store,
            self.resources,
            inputs,
            errors,
            &options,
            &crate::Silent,
        )
    }

    fn fail(&mut self, source: &str, message: String) -> Result<(), PipelineError> {
        let e = InputError {
            source: source.to_string(),
            message,
        };
        self.ingest(Vec::new(), vec![e.clone()])?;
        (self.events)(Event::Failed(e.clone()));
        self.errors.push(e);
        Ok(())
    }

    /// Fetches one URL and stores what it holds; whether anything came of it (a failure is
    /// told and kept, not returned).
    fn fetch_one(&mut self, url: &str) -> Result<bool, PipelineError> {
        let validators = self.state.validators.get(url).cloned();
        let page = match self.fetcher.fetch(url, validators.as_ref()) {
            Ok(Fetched::Fresh(p)) => p,
            Ok(Fetched::NotModified { .. }) => {
                (self.events)(Event::NotModified {
                    url: url.to_string(),
                });
                return Ok(true);
            }
            Err(e) => {
                self.fail(url, e.to_string())?;
                return Ok(false);
            }
        };
        let stored = self.store_page(url, &page)?;
        if !page.validators.is_empty() {
            self.state
                .validators
                .insert(url.to_string(), page.validators);
        }
        Ok(stored)
    }

    fn store_page(&mut self, url: &str, page: &Page) -> Result<bool, PipelineError> {
        let input = Input::Fetched {
            url: page.url.clone(),
            bytes: page.bytes.clone(),
            fetched: page.fetched_at.clone(),
        };
        let report = self.ingest(vec![input], Vec::new())?;
        self.new += report.new;
        for e in &report.errors {
            (self.events)(Event::Failed(e.clone()));
        }
        let stored = report.new + report.known > 0;
        self.errors.extend(report.errors);
        if stored {
            (self.events)(Event::Stored {
                url: url.to_string(),
                new: report.new,
                known: report.known,
            });
        }
        Ok(stored)
    }

    fn watch_feed(&mut self, feed: &str, stop: &AtomicBool) -> Result<(), PipelineError> {
        let validators = self.state.validators.get(feed).cloned();
        let page = match self.fetcher.fetch(feed, validators.as_ref()) {
            Ok(Fetched::Fresh(p)) => p,
            Ok(Fetched::NotModified { .. }) => {
                (self.events)(Event::NotModified {
                    url: feed.to_string(),
                });
                return Ok(());
            }
            Err(e) => return self.fail(feed, e.to_string()),
        };
        let links = match corroborate_fetch::feed_links(&page.url, &page.bytes) {
            Ok(l) => l,
            Err(e) => return self.fail(feed, e.to_string()),
        };
        if !page.validators.is_empty() {
            self.state
                .validators
                .insert(feed.to_string(), page.validators.clone());
        }
        for link in links {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            if self
                .state
                .seen
                .get(feed)
                .is_some_and(|seen| seen.contains(&link))
            {
                continue;
            }
            if self.fetch_one(&link)? {
                self.state
                    .seen
                    .entry(feed.to_string())
                    .or_default()
                    .insert(link);
            }
        }
        Ok(())
    }
}

/// Fetches each URL in turn and stores what it holds (no story update: the caller runs
/// [`crate::update_stories`] once at the end). Returns the URLs' and documents' errors, which
/// are also stored and told.
pub fn fetch(
    store: &mut Store,
    resources: &Resources,
    urls: &[String],
    net: &Net,
    events: &mut dyn FnMut(Event),
) -> Result<Vec<InputError>, PipelineError> {
    let mut s = Session::open(store, resources, net, events)?;
    for url in urls {
        s.fetch_one(url)?;
        s.save()?;
    }
    Ok(s.errors)
}

/// Watches feeds: each round fetches every feed (conditionally) and fetches and stores the item
/// links not followed before, then adds the new documents to their stories; a round starts
/// every `every` (`None`: one round). Setting `stop` ends the watch between two fetches.
pub fn watch(
    store: &mut Store,
    resources: &Resources,
    feeds: &[String],
    every: Option<Duration>,
    net: &Net,
    stop: &AtomicBool,
    events: &mut dyn FnMut(Event),
) -> Result<Vec<InputError>, PipelineError> {
    let mut s = Session::open(store, resources, net, events)?;
    loop {
        let started = Instant::now();
        let before = s.new;
        for feed in feeds {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            s.watch_feed(feed, stop)?;
            s.save()?;
        }
        let added = s.new - before;
        if added > 0 {
            // New documents join their stories at the end of each round.
            crate::update_stories(s.store, resources, &crate::Silent)?;
        }
        (s.events)(Event::Round { added });
        let Some(every) = every else { break };
        while started.elapsed() < every && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(200));
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
    Ok(s.errors)
}
