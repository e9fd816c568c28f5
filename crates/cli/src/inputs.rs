//! Turning the paths a user gave into inputs, and reading them in parallel into the store in
//! a deterministic order.

use anyhow::{Context, Result};
use corroborate_ingest::dedup::Fingerprint;
use corroborate_ingest::{InputError, Outcome};
use corroborate_model::{DateBasis, DateBasisKind, Document};
use corroborate_store::{Added, Store};
use corroborate_timex::Timex;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// One thing to read: a file (with the name to show for it) or standard input.
#[derive(Debug, Clone)]
pub enum Input {
    File { path: PathBuf, source: String },
    Stdin,
}

fn input_source(input: &Input) -> &str {
    match input {
        Input::File { source, .. } => source,
        Input::Stdin => "-",
    }
}

/// Expands folders (recursively, sorted by name, hidden files skipped). Paths that cannot be
/// walked come back as errors.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if !p.is_dir() {
            inputs.push(Input::File {
                path: p.clone(),
                source: p.display().to_string(),
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => inputs.push(Input::File {
                    path: e.path().to_path_buf(),
                    source: e.path().display().to_string(),
                }),
                Ok(_) => {}
                Err(e) => errors.push(InputError {
                    source: e
                        .path()
                        .map_or_else(|| p.display().to_string(), |x| x.display().to_string()),
                    message: format!(
                        "cannot read: {}",
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string())
                    ),
                }),
            }
        }
    }
    (inputs, errors)
}

/// What one ingest run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Documents of this run in input order, with the source given for each.
    pub documents: Vec<(String, String)>,
    pub new: usize,
    pub known: usize,
    pub links: usize,
    pub errors: Vec<InputError>,
    pub bytes: u64,
}

/// One input's documents, with the fingerprints computed on the reading thread.
struct ReadInput {
    outcome: Outcome,
    annotations: Vec<(Fingerprint, Vec<Timex>)>,
}

/// Per-document work done on the reading thread: the publication date from time expressions
/// when nothing else gave one, the time expressions themselves, and the fingerprint.
pub fn annotate(doc: &mut Document) -> (Fingerprint, Vec<Timex>) {
    let mut times = corroborate_timex::extract(&doc.text, doc.meta.published);
    if doc.meta.published.is_none() {
        if let Some((date, span)) = corroborate_timex::infer_document_date(&doc.text, &times) {
            doc.meta.published = Some(date);
            doc.meta.published_basis = Some(DateBasis {
                kind: DateBasisKind::TimeExpressions,
                inferred: true,
                field: None,
                evidence: Some(span),
            });
            times = corroborate_timex::extract(&doc.text, Some(date));
        }
    }
    (Fingerprint::new(&doc.text, &doc.paragraphs), times)
}

/// Documents are committed in transactions of this many inputs: a crash loses at most the open
/// one, and a rerun completes it.
const BATCH: usize = 500;

/// Reads `inputs` with `jobs` threads and writes them to `store` in input order.
pub fn ingest(
    store: &mut Store,
    inputs: Vec<Input>,
    mut errors: Vec<InputError>,
    max_bytes: u64,
    jobs: usize,
    quiet: bool,
) -> Result<Report> {
    let mut report = Report::default();
    let bar = if quiet || inputs.len() < 2 {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(inputs.len() as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} inputs {wide_bar} {per_sec} eta {eta}")
            .expect("template"),
    );
    let stdin_bytes = if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .context("reading standard input")?;
        Some(b)
    } else {
        None
    };
    let n = inputs.len();
    let (tx, rx) = mpsc::sync_channel::<(usize, ReadInput, u64)>(jobs * 64);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..jobs.max(1) {
            let tx = tx.clone();
            let inputs = &inputs;
            let next = &next;
            let stdin_bytes = &stdin_bytes;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                // A bug on one input must not take the batch down: it becomes that input's error.
                let read = std::panic::AssertUnwindSafe(|| match input {
                    Input::File { path, source } => (corroborate_ingest::read_file(path, source, max_bytes), file_len(path)),
                    Input::Stdin => {
                        let b = stdin_bytes.as_deref().unwrap_or_default();
                        if b.len() as u64 > max_bytes {
                            (Outcome { documents: vec![], errors: vec![InputError { source: "-".into(), message: format!("{} bytes is over the {max_bytes}-byte input limit (raise it with --max-input-size)", b.len()) }] }, 0)
                        } else {
                            (corroborate_ingest::read_bytes("-", b), b.len() as u64)
                        }
                    }
                });
                let (outcome, size) = std::panic::catch_unwind(read).unwrap_or_else(|panic| {
                    let what = panic.downcast_ref::<String>().map(String::as_str).or_else(|| panic.downcast_ref::<&str>().copied()).unwrap_or("unknown");
                    let message = format!("internal error while reading (please report it): {what}");
                    (Outcome { documents: vec![], errors: vec![InputError { source: input_source(input).to_string(), message }] }, 0)
                });
                let mut outcome = outcome;
                let annotations = outcome.documents.iter_mut().map(annotate).collect();
                if tx.send((i, ReadInput { outcome, annotations }, size)).is_err() {

                    break;
                }
            });
        }
        drop(tx);
        // The writer: outcomes arrive in any order and are written in input order.
        let mut pending: BTreeMap<usize, (ReadInput, u64)> = BTreeMap::new();
        let mut written = 0;
        let mut writer = store.writer()?;
        let mut in_batch = 0;
        for (i, outcome, size) in rx.iter() {
            pending.insert(i, (outcome, size));
            while let Some((outcome, size)) = pending.remove(&written) {
                report.bytes += size;
                write_outcome(&mut writer, &outcome, &mut report)?;
                written += 1;
                in_batch += 1;
                bar.inc(1);
                if in_batch >= BATCH {
                    writer.commit()?;
                    writer = store.writer()?;
                    in_batch = 0;
                }
            }
        }
        for e in &errors {
            writer.add_error(&e.source, &e.message)?;
        }
        writer.commit()?;
        debug_assert_eq!(written, n);
        Ok(())
    })?;
    bar.finish_and_clear();
    errors.append(&mut report.errors);
    report.errors = errors;
    Ok(report)
}

fn write_outcome(
    w: &mut corroborate_store::Writer<'_>,
    read: &ReadInput,
    report: &mut Report,
) -> Result<()> {
    let outcome = &read.outcome;
    for (doc, (fp, times)) in outcome.documents.iter().zip(&read.annotations) {
        match w.add_fingerprinted(doc, fp)? {
            Added::New { links } => {
                w.replace_times(doc, times)?;
                report.new += 1;
                report.links += links;
            }
            Added::Known => report.known += 1,
        }
        report
            .documents
            .push((doc.id.0.clone(), doc.source.clone()));
    }
    for e in &outcome.errors {
        w.add_error(&e.source, &e.message)?;
        report.errors.push(e.clone());
    }
    Ok(())
}

fn file_len(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

/// Documents of a run, read back from the store, with the source given in this run.
pub fn load(store: &Store, docs: &[(String, String)]) -> Result<Vec<(Document, String)>> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (id, source) in docs {
        if seen.insert(id.clone()) {
            out.push((store.document(id)?, source.clone()));
        }
    }
    Ok(out)
}
