//! The server's state: the loaded resources, the store's path, and the last finished analysis
//! (a [`View`]) that readers share while a write re-analyzes.

use crate::ServerError;
use corroborate_pipeline::{
    self as pipeline, AlignMode, AnalyzeOptions, IngestOptions, IngestReport, Input, Progress,
    Resources, Silent,
};
use corroborate_report::Dossier;
use corroborate_store::Store;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The SQLite store (created if missing).
    pub db: PathBuf,
    /// The bearer token writes need; without one, writes are refused.
    pub token: Option<String>,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Writes allowed per minute (all clients together).
    pub writes_per_minute: u32,
    /// How claims are aligned (as `analyze --align`).
    pub align: AlignMode,
    /// Worker threads for an analysis.
    pub jobs: usize,
}

impl Config {
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            token: None,
            max_body: 16 * 1024 * 1024,
            writes_per_minute: 120,
            align: AlignMode::Lexical,
            // One core is left to the readers while a write re-analyzes.
            jobs: std::thread::available_parallelism()
                .map_or(1, |n| n.get().saturating_sub(1).max(1)),
        }
    }
}

/// One finished analysis of the whole store: a dossier per story.
#[derive(Debug, Default)]
pub struct View {
    pub dossiers: Vec<Dossier>,
    /// Each dossier as JSON, serialized once per analysis rather than once per request.
    pub json: Vec<axum::body::Bytes>,
    /// Stories whose analysis failed, one line each.
    pub story_errors: Vec<String>,
    /// Counts the analyses since the server started (the first is 1).
    pub generation: u64,
}

impl View {
    /// The dossier of a story, by its full id.
    pub fn story(&self, id: &str) -> Option<&Dossier> {
        self.dossiers
            .iter()
            .find(|d| d.story.as_deref() == Some(id))
    }

    /// The dossier of a story as JSON.
    pub fn story_json(&self, id: &str) -> Option<axum::body::Bytes> {
        let i = self
            .dossiers
            .iter()
            .position(|d| d.story.as_deref() == Some(id))?;
        self.json.get(i).cloned()
    }

    /// A document and the dossier it is in, by full id.
    pub fn document(
        &self,
        id: &str,
    ) -> Option<(&Dossier, &corroborate_report::dossier::DocumentOut)> {
        self.dossiers
            .iter()
            .find_map(|d| d.documents.iter().find(|x| x.id == id).map(|x| (d, x)))
    }
}

/// The running application.
pub struct App {
    pub config: Config,
    resources: Resources,
    view: RwLock<Arc<View>>,
    /// One write (ingest + analysis) at a time.
    writing: tokio::sync::Mutex<()>,
    /// Fixed one-minute window: (start, writes in it).
    window: Mutex<(Instant, u32)>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("config", &self.config).finish()
    }
}

impl App {
    /// Loads the resources and analyzes the store once (blocking; call it before serving).
    pub fn start(config: Config, progress: &dyn Progress) -> Result<App, ServerError> {
        let resources = Resources::load(config.align, progress)?;
        Self::with_resources(config, resources)
    }

    /// As [`App::start`] with resources already loaded.
    pub fn with_resources(config: Config, resources: Resources) -> Result<App, ServerError> {
        let app = App {
            config,
            resources,
            view: RwLock::new(Arc::new(View::default())),
            writing: tokio::sync::Mutex::new(()),
            window: Mutex::new((Instant::now(), 0)),
        };
        app.reanalyze()?;
        Ok(app)
    }

    /// The last finished analysis.
    pub fn view(&self) -> Arc<View> {
        self.view.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Analyzes every stored document again and makes the result the current view.
    fn reanalyze(&self) -> Result<(), ServerError> {
        let mut store = Store::open(&self.config.db)?;
        let options = AnalyzeOptions {
            ingest: IngestOptions {
                jobs: self.config.jobs,
                ..IngestOptions::default()
            },
            ..AnalyzeOptions::default()
        };
        let out = pipeline::analyze(
            &mut store,
            &self.resources,
            vec![],
            vec![],
            &options,
            &Silent,
        )?;
        let json = out
            .dossiers
            .iter()
            .map(|d| axum::body::Bytes::from(d.to_json()))
            .collect();
        let mut slot = self.view.write().unwrap_or_else(|p| p.into_inner());
        let generation = slot.generation + 1;
        *slot = Arc::new(View {
            dossiers: out.dossiers,
            json,
            story_errors: out.story_errors.iter().map(|e| e.to_string()).collect(),
            generation,
        });
        Ok(())
    }

    /// Stores the inputs and re-analyzes (blocking).
    pub fn ingest(&self, inputs: Vec<Input>) -> Result<IngestReport, ServerError> {
        let mut store = Store::open(&self.config.db)?;
        let options = IngestOptions {
            jobs: self.config.jobs,
            max_bytes: self.config.max_body as u64,
            stories: true,
        };
        let report = pipeline::ingest(
            &mut store,
            &self.resources,
            inputs,
            vec![],
            &options,
            &Silent,
        )?;
        drop(store);
        if report.new > 0 {
            self.reanalyze()?;
        }
        Ok(report)
    }

    /// Stores entity merge overrides (`force`, `veto` pairs) and story overrides (`pin`
    /// document to story, `split` a document out), then re-analyzes (blocking).
    pub fn add_overrides(
        &self,
        force: &[(String, String)],
        veto: &[(String, String)],
        pin: &[(String, String)],
        split: &[String],
    ) -> Result<(), ServerError> {
        let mut store = Store::open(&self.config.db)?;
        if !force.is_empty() || !veto.is_empty() {
            let lines = pipeline::override_lines(force, veto, None)?;
            store.add_overrides(&lines)?;
        }
        if !pin.is_empty() || !split.is_empty() {
            pipeline::override_stories(&mut store, pin, split)?;
        }
        drop(store);
        self.reanalyze()
    }

    /// The stored entity overrides, one directive a line.
    pub fn overrides(&self) -> Result<Vec<String>, ServerError> {
        let store = Store::open_read_only(&self.config.db)?;
        Ok(store.overrides()?.lines().map(str::to_string).collect())
    }

    /// Takes the write lock (one write at a time; readers are never blocked).
    pub(crate) async fn write_lock(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.writing.lock().await
    }

    /// Whether one more write fits in this minute's budget (and counts it if so).
    pub(crate) fn take_write_slot(&self) -> bool {
        let mut w = self.window.lock().unwrap_or_else(|p| p.into_inner());
        if w.0.elapsed() >= Duration::from_secs(60) {
            *w = (Instant::now(), 0);
        }
        if w.1 >= self.config.writes_per_minute {
            return false;
        }
        w.1 += 1;
        true
    }
}
