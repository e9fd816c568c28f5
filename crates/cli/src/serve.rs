//! `corroborate serve`: the flags turned into a server configuration; the server (API and web
//! UI) is `corroborate-server`.

use crate::cli::AlignMode;
use crate::commands::Status;
use anyhow::{Context, Result};
use std::net::{IpAddr, SocketAddr};
use std::path::Path;

/// The flags of `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeOpts {
    /// Files or folders to ingest into the store before serving (as `corroborate ingest`).
    pub paths: Vec<std::path::PathBuf>,
    /// The port to listen on (0: any free port, printed at start).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on. The default takes connections from this machine only.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The bearer token writes need (uploads, overrides). Without one the server is read-only.
    #[arg(long, env = "CORROBORATE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    pub max_body: usize,
    /// Writes allowed per minute, all clients together.
    #[arg(long, default_value_t = 120)]
    pub writes_per_minute: u32,
    /// How claims of different sources are aligned (as for `analyze`).
    #[arg(long, value_enum, default_value_t = AlignMode::Auto)]
    pub align: AlignMode,
    /// Worker threads for an analysis (default: the number of cores; 1–256).
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
}

pub fn run(db: &Path, o: ServeOpts, quiet: bool) -> Result<Status> {
    if let Some(t) = &o.token {
        anyhow::ensure!(
            t.chars().count() >= 16,
            "the token must be at least 16 characters (it guards every write)"
        );
    }
    let mut config = corroborate_server::Config::new(db.to_path_buf());
    config.token = o.token;
    config.max_body = o.max_body;
    config.writes_per_minute = o.writes_per_minute;
    config.align = o.align.into();
    if let Some(j) = o.jobs {
        config.jobs = usize::from(j);
    }
    let writes = config.token.is_some();
    let progress = crate::progress::Bar::new(quiet);
    let resources = corroborate_pipeline::Resources::load(config.align, &progress)?;
    let mut status = Status::Ok;
    if !o.paths.is_empty() {
        let mut store = corroborate_store::Store::open(db)
            .with_context(|| format!("opening the store {}", db.display()))?;
        let (inputs, errors) = corroborate_pipeline::expand(&o.paths);
        let options = corroborate_pipeline::IngestOptions {
            jobs: config.jobs,
            ..Default::default()
        };
        let report = corroborate_pipeline::ingest(
            &mut store, &resources, inputs, errors, &options, &progress,
        )?;
        for e in &report.errors {
            eprintln!(
                "corroborate: {}",
                corroborate_report::terminal::safe(&e.to_string())
            );
            status = Status::SomeInputsFailed;
        }
    }
    let app = corroborate_server::App::with_resources(config, resources)
        .with_context(|| format!("analyzing the store {}", db.display()))?;
    let view = app.view();
    let (stories, docs) = (
        view.dossiers.len(),
        view.dossiers
            .iter()
            .map(|d| d.documents.len())
            .sum::<usize>(),
    );
    for e in &view.story_errors {
        eprintln!("corroborate: {}", corroborate_report::terminal::safe(e));
    }
    drop(view);
    let addr = SocketAddr::new(o.host, o.port);
    corroborate_server::serve_blocking(app, addr, |at| {
        // The address goes to stdout even with --quiet: scripts that pass --port 0 read it.
        println!(
            "corroborate serve: http://{at}/  ({stories} stories, {docs} documents; {})",
            if writes {
                "writes need the token"
            } else {
                "read-only: no token given"
            }
        );
        if !o.host.is_loopback() && !quiet {
            eprintln!(
                "corroborate: listening on {at}, reachable from other machines; put it behind TLS"
            );
        }
    })
    .with_context(|| format!("serving on {addr}"))?;
    Ok(status)
}
