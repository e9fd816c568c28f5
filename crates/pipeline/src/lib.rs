//! The stage order of corroborate, in one place: inputs → stored documents (read, per-document
//! stages, copies) → batch dates → stories → per story: roster, quotes, claims, comparisons,
//! timeline → dossiers. The CLI, the server and the tests all call [`analyze`] / [`ingest`];
//! nothing else assembles stages.
//!
//! Invariants: resources load once per [`Resources`]; each per-document stage runs once per
//! document in a run (its results travel with the run, not through the store); a panic in one
//! input or one story becomes that input's or story's error and the rest goes on; the same
//! inputs give the same dossiers byte for byte.

mod analysis;
pub mod fetch;
pub mod inputs;
pub mod parse;
pub mod progress;
pub mod resources;
mod stories;

pub use corroborate_ingest::{InputError, DEFAULT_MAX_BYTES};
pub use corroborate_model::{Document, Span};
pub use corroborate_report::Dossier;
pub use corroborate_timex::{Anchor, Timex};
pub use inputs::{expand, IngestReport, Input};
pub use progress::{Progress, Silent};
pub use resources::{AlignMode, Resources};
pub use stories::{override_stories, story_listing};

use corroborate_entities::alias::Overrides;
use corroborate_report::dossier::CopyLink;
use corroborate_report::DossierBuilder;
use corroborate_store::{Store, StoreError};
use std::collections::HashMap;

/// A document with the source the user gave for it in this run.
type SourcedDoc = (Document, String);

/// What can stop a whole run (a failing input or story does not: it is reported and the run
/// goes on).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("loading {0}")]
    Resource(String),
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("{0} is unreadable")]
    Corrupt(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
}

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Inputs larger than this many bytes are refused.
    pub max_bytes: u64,
    /// Worker threads.
    pub jobs: usize,
    /// Add the new documents to stories now (bulk loads may leave it to a later run).
    pub stories: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            stories: true,
        }
    }
}

/// What to analyze.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    pub ingest: IngestOptions,
    /// Only the dossier of this story (an id or its prefix).
    pub story: Option<String>,
    /// One dossier over all the input instead of one per story.
    pub whole: bool,
}

/// One story whose analysis failed.
#[derive(Debug, Clone)]
pub struct StoryError {
    pub story: String,
    pub message: String,
}

impl std::fmt::Display for StoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "story {}: {}", self.story, self.message)
    }
}

/// What one `analyze` did.
#[derive(Debug)]
pub struct Outcome {
    pub ingest: IngestReport,
    /// One dossier per story of the input (or one over the whole input), in input order.
    pub dossiers: Vec<Dossier>,
    /// Stories whose analysis failed (their dossiers are missing from `dossiers`).
    pub story_errors: Vec<StoryError>,
}

impl Outcome {
    /// Whether every input was read and every story analyzed.
    pub fn is_clean(&self) -> bool {
        self.ingest.errors.is_empty() && self.story_errors.is_empty()
    }
}

/// Reads inputs into the store (documents, time expressions, copy links), infers dates from
/// the batch, and (unless `options.stories` is off) adds the new documents to stories.
pub fn ingest(
    store: &mut Store,
    resources: &Resources,
    inputs: Vec<Input>,
    errors: Vec<InputError>,
    options: &IngestOptions,
    progress: &dyn Progress,
) -> Result<IngestReport, PipelineError> {
    let (report, _) = ingest_run(store, resources, inputs, errors, options, progress)?;
    Ok(report)
}

fn ingest_run(
    store: &mut Store,
    resources: &Resources,
    inputs: Vec<Input>,
    errors: Vec<InputError>,
    options: &IngestOptions,
    progress: &dyn Progress,
) -> Result<(IngestReport, inputs::WorkCache), PipelineError> {
    let (report, mut cache) = inputs::ingest(store, resources, inputs, errors, options, progress)?;
    batch_dates(store, &report, &mut cache)?;
    if options.stories {
        stories::update(store, resources, &cache, progress)?;
    }
    Ok((report, cache))
}

/// Dates learnt from the batch (documents that name days but no year) are stored before
/// stories are formed, and the time expressions that hang on them are resolved again.
fn batch_dates(
    store: &mut Store,
    report: &IngestReport,
    cache: &mut inputs::WorkCache,
) -> Result<(), PipelineError> {
    if report.documents.len() < 2 {
        return Ok(());
    }
    let mut docs: Vec<Document> = report
        .documents
        .iter()
        .map(|(id, _)| store.document(id))
        .collect::<Result<_, _>>()?;
    let before: Vec<_> = docs.iter().map(|d| d.meta.published).collect();
    corroborate_ingest::corpus::infer_dates_from_batch(&mut docs);
    for (d, was) in docs.iter().zip(before) {
        if d.meta.published != was {
            let times = corroborate_timex::extract(&d.text, d.meta.published);
            store.redate(d, &times)?;
            if let Some(w) = cache.get_mut(&d.id.0) {
                w.times = Some(times);
            }
        }
    }
    Ok(())
}

/// Ingests the inputs, then builds the dossier of each story they hold (or one over the
/// whole input, or only one story). With no inputs at all (and no input errors), every stored
/// document is analyzed: that is the server's view of its store. A story whose analysis fails
/// is reported in `story_errors`; the others are still built.
pub fn analyze(
    store: &mut Store,
    resources: &Resources,
    inputs: Vec<Input>,
    errors: Vec<InputError>,
    options: &AnalyzeOptions,
    progress: &dyn Progress,
) -> Result<Outcome, PipelineError> {
    let mut ingest_options = options.ingest.clone();
    ingest_options.stories = true;
    let stored = inputs.is_empty() && errors.is_empty();
    let (mut report, cache) =
        ingest_run(store, resources, inputs, errors, &ingest_options, progress)?;
    if stored {
        report.documents = store
            .documents()?
            .into_iter()
            .map(|d| (d.id, d.source))
            .collect();
    }
    // Group this run's documents by story, in input order.
    let mut groups: Vec<(Option<String>, Vec<SourcedDoc>)> = Vec::new();
    for (id, source) in &report.documents {
        let sid = if options.whole {
            None
        } else {
            store.story_of(id)?
        };
        let d = store.document(id)?;
        match groups.iter_mut().find(|(g, _)| *g == sid) {
            Some((_, v)) => v.push((d, source.clone())),
            None => groups.push((sid, vec![(d, source.clone())])),
        }
    }
    if let Some(want) = &options.story {
        groups.retain(|(g, _)| g.as_deref().is_some_and(|g| g.starts_with(want.as_str())));
        if groups.is_empty() {
            return Err(PipelineError::NotFound(format!(
                "no document of this input is in story {want}; `corroborate stories` lists them"
            )));
        }
    }
    let mut touched: Vec<String> = Vec::new();
    for (id, _) in &report.documents {
        if let Some(sid) = store.story_of(id)? {
            if !touched.contains(&sid) {
                touched.push(sid);
            }
        }
    }
    let story_list = story_listing(store, Some(&touched))?;
    let links = store.duplicates()?;
    let mut story_inputs = Vec::with_capacity(groups.len());
    for (story, docs) in groups {
        let copies: HashMap<String, CopyLink> = links
            .iter()
            .filter(|l| docs.iter().any(|(d, _)| d.id.0 == l.original))
            .map(|l| {
                (
                    l.copy.clone(),
                    CopyLink {
                        original: l.original.clone(),
                        overlap: l.overlap,
                        method: l.method.clone(),
                    },
                )
            })
            .collect();
        let times = docs
            .iter()
            .map(
                |(d, _)| match cache.get(&d.id.0).and_then(|w| w.times.clone()) {
                    Some(t) => Ok(t),
                    None => store.times(&d.id.0),
                },
            )
            .collect::<Result<_, _>>()?;
        story_inputs.push(analysis::StoryInput {
            story,
            docs,
            times,
            copies,
        });
    }
    let overrides = Overrides::parse(&store.overrides()?)
        .map_err(|e| PipelineError::Invalid(format!("the stored entity overrides: {e}")))?;
    let results = analysis::analyze_stories(
        &story_inputs,
        resources,
        &cache,
        &overrides,
        options.ingest.jobs,
        progress,
    );
    let mut dossiers = Vec::new();
    let mut story_errors = Vec::new();
    for (input, result) in story_inputs.iter().zip(results) {
        let work = match result {
            Ok(w) => w,
            Err(message) => {
                story_errors.push(StoryError {
                    story: input
                        .story
                        .clone()
                        .unwrap_or_else(|| "(whole input)".into()),
                    message: format!("internal error (please report it): {message}"),
                });
                continue;
            }
        };
        let texts: HashMap<String, String> = input
            .docs
            .iter()
            .map(|(d, _)| (d.id.0.clone(), d.text.clone()))
            .collect();
        store.replace_roster(input.story.as_deref().unwrap_or(""), &work.roster, &texts)?;
        let mut b = DossierBuilder::new();
        for (d, source) in &input.docs {
            b.document(d, source, input.copies.get(&d.id.0).cloned());
        }
        for ((d, _), t) in input.docs.iter().zip(&input.times) {
            b.times(d, t);
        }
        for ((d, _), q) in input.docs.iter().zip(&work.quotes) {
            b.quotes(d, q);
        }
        let doc_refs: Vec<&Document> = input.docs.iter().map(|(d, _)| d).collect();
        b.entities(&doc_refs, &work.roster);
        b.comparison(&doc_refs, &work.analysis);
        for e in &report.errors {
            b.error(&e.source, &e.message);
        }
        let mut dossier = b.build();
        if let (Some(a), Some(why)) = (dossier.alignment.as_mut(), &resources.fallback) {
            // Embeddings were asked for (`auto`) and could not be had: the dossier says why.
            a.fallback.get_or_insert_with(|| why.clone());
        }
        dossier.stories = story_list.clone();
        dossier.story = input.story.clone();
        dossiers.push(dossier);
    }
    Ok(Outcome {
        ingest: report,
        dossiers,
        story_errors,
    })
}

/// Adds every stored document stories have not seen (after an `ingest` without stories).
pub fn update_stories(
    store: &mut Store,
    resources: &Resources,
    progress: &dyn Progress,
) -> Result<(), PipelineError> {
    stories::update(store, resources, &HashMap::new(), progress)
}

/// Tags a CoNLL file (one token per line, blank line between sentences) with predicted IOB2
/// entity labels as a last column.
pub fn tag_conll(resources: &Resources, input: &str) -> String {
    corroborate_entities::ner::tag_conll(&resources.tagger, input)
}

/// Entity merge overrides as the store keeps them (one directive a line), from `--force A B`
/// pairs, `--veto A B` pairs and the text of an override file.
pub fn override_lines(
    force: &[(String, String)],
    veto: &[(String, String)],
    file: Option<&str>,
) -> Result<Vec<String>, PipelineError> {
    let mut o = Overrides::none();
    for (a, b) in force {
        o.force(a, b);
    }
    for (a, b) in veto {
        o.veto(a, b);
    }
    if let Some(text) = file {
        o.directives.extend(
            Overrides::parse(text)
                .map_err(|e| PipelineError::Invalid(format!("the override file: {e}")))?
                .directives,
        );
    }
    Ok(o.to_string()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// The text of a caught panic.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown")
        .to_string()
}
