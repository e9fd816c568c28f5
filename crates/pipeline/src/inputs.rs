//! Turning the paths a user gave into inputs, and reading them in parallel into the store in a
//! deterministic order, with the per-document stages run once on the reading threads.

use crate::progress::Progress;
use crate::{panic_message, PipelineError, Resources};
use corroborate_entities::Mention;
use corroborate_extract::syntax::Syntax;
use corroborate_ingest::dedup::Fingerprint;
use corroborate_ingest::InputError;
use corroborate_model::{DateBasis, DateBasisKind, Document};
use corroborate_store::{Added, Store, StoredLink};
use corroborate_timex::Timex;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc;

/// One thing to read: a file (with the name to show for it), standard input, or bytes the
/// caller already holds (an upload, a fetched page).
#[derive(Debug, Clone)]
pub enum Input {
    File {
        path: PathBuf,
        source: String,
    },
    Stdin,
    Bytes {
        source: String,
        bytes: Vec<u8>,
    },
    /// A body fetched over HTTP (`corroborate fetch`/`watch`): read like `Bytes` under its final
    /// URL, and each document gets that URL (when it names none) and the fetch time as metadata.
    Fetched {
        url: String,
        bytes: Vec<u8>,
        fetched: String,
    },
}

impl Input {
    /// The name this input is reported under.
    pub fn source(&self) -> &str {
        match self {
            Input::File { source, .. } | Input::Bytes { source, .. } => source,
            Input::Fetched { url, .. } => url,
            Input::Stdin => "-",
        }
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
pub struct IngestReport {
    /// Documents of this run in input order (id, the source given for it), each once.
    pub documents: Vec<(String, String)>,
    /// Documents stored for the first time.
    pub new: usize,
    /// Documents whose text was already stored.
    pub known: usize,
    /// Copy links made between new documents and stored ones.
    pub links: usize,
    /// Inputs (or items of an input) that failed, each with one line saying why.
    pub errors: Vec<InputError>,
    /// Bytes read.
    pub bytes: u64,
}

/// What the per-document stages found in one document, kept for the rest of the run so no
/// stage runs twice on a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocWork {
    /// Time expressions, for a document stored in this run (a document stored before keeps
    /// the ones stored with it, which a batch date may have re-anchored).
    pub times: Option<Vec<Timex>>,
    /// Entity mentions; `None` when the run does not group stories (`ingest --no-stories`:
    /// the later run that does tags the document then).
    pub mentions: Option<Vec<Mention>>,
    /// The parse of every sentence, for the claim frames; `None` once the run holds
    /// [`SYNTAX_TOKENS`] parsed words (the analysis parses such a document again: memory stays
    /// bounded however many documents a run reads).
    pub syntax: Option<Syntax>,
}

/// Parsed words the per-document results of one run keep at most (about 250 bytes each: some
/// 300 MB; all 982 ECB+ documents hold 0.4 million).
pub(crate) const SYNTAX_TOKENS: usize = 1_500_000;

/// The per-document results of a run, by document id.
pub(crate) type WorkCache = HashMap<String, DocWork>;

/// A run of documents of one input, with what the reading thread computed for each. A large
/// input (a feed, an archive) arrives as several chunks in order; `last` marks its final one,
/// which also carries the number of bytes the input held.
struct ReadChunk {
    documents: Vec<Document>,
    annotations: Vec<(Fingerprint, DocWork)>,
    errors: Vec<InputError>,
    last: Option<u64>,
}

/// Documents of one input handed to the writer at a time: a 100,000-item feed is stored as it
/// is read, and its memory is bounded by the chunks in flight, not by the feed.
const CHUNK: usize = 256;

/// The publication date from time expressions when nothing else gave one, and the time
/// expressions anchored on it.
pub(crate) fn date_and_times(doc: &mut Document) -> Vec<Timex> {
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
    times
}

/// Per-document work done on the reading thread, in stage order: sentences, dates and time
/// expressions, entity mentions, the parse of each sentence, and the fingerprint for copy
/// detection.
fn annotate(
    resources: &Resources,
    doc: &mut Document,
    tag_and_parse: bool,
) -> (Fingerprint, DocWork) {
    corroborate_extract::segment::segment_document(doc);
    let times = date_and_times(doc);
    // Mentions and parses serve stories and analysis in this run; a bulk load without stories
    // leaves them to the run that needs them.
    let mentions = tag_and_parse.then(|| resources.tagger.mentions(&doc.text, &doc.sentences));
    let syntax = tag_and_parse.then(|| resources.parser.parse_document(doc));
    (
        Fingerprint::new(&doc.text, &doc.paragraphs),
        DocWork {
            times: Some(times),
            mentions,
            syntax,
        },
    )
}

/// Documents are committed in transactions of about this many inputs and documents: a crash
/// loses at most the open one, and a rerun completes it (stored documents are recognized by
/// their text, so nothing is stored twice).
const BATCH: usize = 500;

/// Reads `inputs` with `jobs` threads and writes them to `store` in input order. A panic while
/// reading or annotating one input becomes that input's error; the batch goes on.
pub(crate) fn ingest(
    store: &mut Store,
    resources: &Resources,
    inputs: Vec<Input>,
    mut errors: Vec<InputError>,
    options: &crate::IngestOptions,
    progress: &dyn Progress,
) -> Result<(IngestReport, WorkCache), PipelineError> {
    let (max_bytes, jobs) = (options.max_bytes, options.jobs);
    // Entity mentions and parses serve stories and the analysis of this run.
    let tag_and_parse = options.stories;
    let mut report = IngestReport::default();
    let mut cache = WorkCache::new();
    let mut syntax_room = SYNTAX_TOKENS;
    let shown = inputs.len() >= 2;
    if shown {
        progress.start("reading", inputs.len() as u64);
    }
    let stdin_bytes = if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        let mut b = Vec::new();
        std::io::stdin()
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut b)
            .map_err(|e| PipelineError::Io("reading standard input".into(), e))?;
        Some(b)
    } else {
        None
    };
    let n = inputs.len();
    let jobs = jobs.clamp(1, 256);
    let (tx, rx) = mpsc::sync_channel::<(usize, ReadChunk)>(jobs * 8);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| -> Result<(), PipelineError> {
        for _ in 0..jobs {
            let tx = tx.clone();
            let inputs = &inputs;
            let next = &next;
            let stdin_bytes = &stdin_bytes;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                if !read_input(
                    resources,
                    input,
                    i,
                    stdin_bytes.as_deref(),
                    max_bytes,
                    tag_and_parse,
                    &tx,
                ) {
                    break;
                }
            });
        }
        drop(tx);
        // The writer: chunks arrive interleaved across inputs (in order within one input) and
        // are written in input order; the chunks of the input being written go straight in.
        let mut pending: BTreeMap<usize, std::collections::VecDeque<ReadChunk>> = BTreeMap::new();
        let mut written = 0;
        let mut writer = store.writer()?;
        let mut in_batch = 0;
        for (i, chunk) in rx.iter() {
            pending.entry(i).or_default().push_back(chunk);
            while let Some(chunk) = pending.get_mut(&written).and_then(|q| q.pop_front()) {
                in_batch += chunk.documents.len();
                let last = chunk.last;
                write_chunk(
                    &mut writer,
                    chunk,
                    &mut report,
                    &mut cache,
                    &mut syntax_room,
                )?;
                if let Some(size) = last {
                    report.bytes += size;
                    pending.remove(&written);
                    written += 1;
                    in_batch += 1;
                    if shown {
                        progress.advance(1);
                    }
                }
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
    if shown {
        progress.finish();
    }
    errors.append(&mut report.errors);
    report.errors = errors;
    Ok((report, cache))
}

/// Reads input `i` on this thread and sends its documents to the writer in chunks of
/// [`CHUNK`], each annotated here. A panic while reading or annotating becomes the input's
/// error (documents already sent stay). Returns false when the writer has gone away.
fn read_input(
    resources: &Resources,
    input: &Input,
    i: usize,
    stdin: Option<&[u8]>,
    max_bytes: u64,
    tag_and_parse: bool,
    tx: &mpsc::SyncSender<(usize, ReadChunk)>,
) -> bool {
    let mut chunk = ReadChunk {
        documents: Vec::new(),
        annotations: Vec::new(),
        errors: Vec::new(),
        last: None,
    };
    let mut open = true;
    let mut flush = |chunk: &mut ReadChunk, last: Option<u64>| {
        let full = std::mem::replace(
            chunk,
            ReadChunk {
                documents: Vec::new(),
                annotations: Vec::new(),
                errors: Vec::new(),
                last: None,
            },
        );
        open = open && tx.send((i, ReadChunk { last, ..full })).is_ok();
        open
    };
    // A bug on one input must not take the batch down: it becomes that input's error.
    let work = std::panic::AssertUnwindSafe(|| {
        read_each(input, stdin, max_bytes, &mut |r| match r {
            Ok(mut doc) => {
                chunk
                    .annotations
                    .push(annotate(resources, &mut doc, tag_and_parse));
                chunk.documents.push(doc);
                if chunk.documents.len() >= CHUNK {
                    flush(&mut chunk, None);
                }
            }
            Err(e) => chunk.errors.push(e),
        })
    });
    let size = match std::panic::catch_unwind(work) {
        Ok(size) => size,
        Err(panic) => {
            // The document being annotated when it failed is dropped with its chunk-mates that
            // were not annotated yet; documents sent before stay stored.
            chunk.documents.truncate(chunk.annotations.len());
            chunk.errors.push(InputError {
                source: input.source().to_string(),
                message: format!(
                    "internal error while reading (please report it): {}",
                    panic_message(&*panic)
                ),
            });
            0
        }
    };
    flush(&mut chunk, Some(size))
}

/// Hands each document of one input (or each problem) to `each` as it is built, and returns
/// the number of bytes the input held.
fn read_each(
    input: &Input,
    stdin: Option<&[u8]>,
    max_bytes: u64,
    each: &mut dyn FnMut(Result<Document, InputError>),
) -> u64 {
    // The same budget bounds what decompression (gzip, WARC members) may produce.
    let limits = corroborate_ingest::Limits::with_max_bytes(max_bytes);
    let fail = |each: &mut dyn FnMut(Result<Document, InputError>), message: String| {
        each(Err(InputError {
            source: input.source().to_string(),
            message,
        }))
    };
    let owned;
    let bytes = match input {
        Input::File { path, .. } => {
            match corroborate_ingest::read_source(corroborate_ingest::Source::Path(path), &limits) {
                Ok(b) => {
                    owned = b;
                    owned.as_slice()
                }
                Err(e) => {
                    fail(each, e.to_string());
                    return 0;
                }
            }
        }
        Input::Stdin => stdin.unwrap_or_default(),
        Input::Bytes { bytes, .. } | Input::Fetched { bytes, .. } => bytes.as_slice(),
    };
    if bytes.len() as u64 > max_bytes {
        fail(
            each,
            format!("over the {max_bytes}-byte input limit (raise it with --max-input-size)"),
        );
        return 0;
    }
    match input {
        Input::Fetched { url, fetched, .. } => {
            corroborate_ingest::read_each(url, bytes, &limits, &mut |r| {
                each(r.map(|mut d| {
                    d.meta.url.get_or_insert_with(|| url.clone());
                    d.meta.fetched = Some(fetched.clone());
                    d
                }))
            })
        }
        _ => corroborate_ingest::read_each(input.source(), bytes, &limits, each),
    }
    bytes.len() as u64
}

fn write_chunk(
    w: &mut corroborate_store::Writer<'_>,
    chunk: ReadChunk,
    report: &mut IngestReport,
    cache: &mut WorkCache,
    syntax_room: &mut usize,
) -> Result<(), PipelineError> {
    for (doc, (fp, mut work)) in chunk.documents.iter().zip(chunk.annotations) {
        let buckets = fp.bands();
        match w.add_document(doc, &fp.to_bytes(), &buckets)? {
            Added::New => {
                let links = link_copies(w, doc, &fp, &buckets)?;
                w.replace_times(doc, work.times.as_deref().unwrap_or_default())?;
                report.new += 1;
                report.links += links;
            }
            Added::Known => {
                work.times = None;
                report.known += 1;
            }
        }
        if !cache.contains_key(&doc.id.0) {
            let words: usize = work
                .syntax
                .iter()
                .flat_map(|s| &s.sentences)
                .map(|s| s.tokens.len())
                .sum();
            if words <= *syntax_room {
                *syntax_room -= words;
            } else {
                work.syntax = None;
                *syntax_room = 0;
            }
            report
                .documents
                .push((doc.id.0.clone(), doc.source.clone()));
            cache.insert(doc.id.0.clone(), work);
        }
    }
    for e in &chunk.errors {
        w.add_error(&e.source, &e.message)?;
        report.errors.push(e.clone());
    }
    Ok(())
}

/// Copy detection for a document just stored: the stored documents sharing a bucket with it
/// are compared by `ingest::dedup`, and each copy found is linked to its original (the earlier
/// one when both copy each other). Returns the number of copies linked.
fn link_copies(
    w: &mut corroborate_store::Writer<'_>,
    doc: &Document,
    fp: &Fingerprint,
    buckets: &[u64],
) -> Result<usize, PipelineError> {
    let mine = doc.meta.published.map(|d| d.to_string());
    // One link per copy: a new document that copies two stored ones is one copy.
    let mut copies = std::collections::BTreeSet::new();
    for c in w.copy_candidates(&doc.id.0, buckets)? {
        let Some(other) = Fingerprint::from_bytes(&c.fingerprint) else {
            continue;
        };
        let other_first = match (&c.published, &mine) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        if let Some(l) = corroborate_ingest::dedup::link(&c.id, &other, &doc.id.0, fp, other_first)
        {
            w.link_copy(&StoredLink {
                copy: l.copy.clone(),
                original: l.original,
                overlap: l.overlap,
                method: l.method,
            })?;
            copies.insert(l.copy);
        }
    }
    Ok(copies.len())
}
