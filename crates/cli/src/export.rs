//! `corroborate export`: one story's dossier in another tool's format (TimelineJS, GeoJSON,
//! CSV, ClaimReview), through the same exporters as the server's `/api/stories/{id}/export`.

use crate::cli::AlignMode;
use crate::commands::Status;
use anyhow::{bail, Context, Result};
use corroborate_pipeline::{self as pipeline, AnalyzeOptions};
use corroborate_report::export::{self, Format};
use std::path::Path;

pub fn run(
    db: &Path,
    format: &str,
    story: Option<&str>,
    out: Option<&Path>,
    align: AlignMode,
    quiet: bool,
) -> Result<Status> {
    let format = Format::parse(format).context("unknown export format")?;
    let progress = crate::progress::Bar::new(quiet);
    let resources = crate::commands::load_resources(align.into(), &progress)?;
    let mut store = corroborate_store::Store::open(db)
        .with_context(|| format!("opening the store {}", db.display()))?;
    // No inputs: every stored document, one dossier per story.
    let outcome = pipeline::analyze(
        &mut store,
        resources,
        vec![],
        vec![],
        &AnalyzeOptions::default(),
        &progress,
    )?;
    for e in &outcome.story_errors {
        eprintln!(
            "corroborate: {}",
            corroborate_report::terminal::safe(&e.to_string())
        );
    }
    let picked: Vec<_> = match story {
        Some(want) => outcome
            .dossiers
            .iter()
            .filter(|d| d.story.as_deref().is_some_and(|s| s.starts_with(want)))
            .collect(),
        None => outcome.dossiers.iter().collect(),
    };
    let d = match picked.as_slice() {
        [d] => *d,
        [] if outcome.dossiers.is_empty() => {
            bail!(
                "the store {} holds no documents; `corroborate ingest` adds some",
                db.display()
            )
        }
        [] => bail!(
            "no story {}; `corroborate stories` lists them",
            story.unwrap_or("")
        ),
        _ => bail!(
            "the store holds {} stories: name one with --story (`corroborate stories` lists them)",
            picked.len()
        ),
    };
    let text = export::render(d, format);
    match out {
        Some(p) => corroborate_report::output::write_atomically(p, text.as_bytes(), &[db])?,
        None => {
            use std::io::Write;
            std::io::stdout().lock().write_all(text.as_bytes())?;
        }
    }
    Ok(status(outcome.story_errors.is_empty()))
}

fn status(clean: bool) -> Status {
    if clean {
        Status::Ok
    } else {
        Status::SomeInputsFailed
    }
}
