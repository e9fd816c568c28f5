//! What each subcommand does, given its parsed flags.

use crate::cli::{Args, Command, DossierFormat, ListFormat};
use anyhow::{Context, Result};
use corroborate_pipeline::{self as pipeline, AlignMode, AnalyzeOptions, IngestOptions, Resources};
use corroborate_report::terminal::{safe, safe_text};
use corroborate_report::DossierBuilder;
use corroborate_store::Store;
use std::io::Write;

/// How the run ended, as the exit code will say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    SomeInputsFailed,
}

impl From<Status> for std::process::ExitCode {
    fn from(s: Status) -> Self {
        match s {
            Status::Ok => std::process::ExitCode::SUCCESS,
            Status::SomeInputsFailed => std::process::ExitCode::from(1),
        }
    }
}

pub fn run(args: Args) -> Result<Status> {
    let quiet = args.quiet;
    match args.command {
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut crate::cli::command(),
                "corroborate",
                &mut std::io::stdout(),
            );
            Ok(Status::Ok)
        }
        Command::Ingest {
            paths,
            read,
            no_stories,
        } => {
            let progress = crate::progress::Bar::new(quiet);
            let resources = load_resources(AlignMode::Lexical, &progress)?;
            let mut store = open(&args.db)?;
            let (inputs, errors) = pipeline::expand(&paths);
            let started = std::time::Instant::now();
            let options = IngestOptions {
                max_bytes: read.max_input_size,
                jobs: jobs(read.jobs),
                stories: !no_stories,
            };
            let report =
                pipeline::ingest(&mut store, resources, inputs, errors, &options, &progress)?;
            print_errors(&report.errors);
            if !quiet {
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                eprintln!(
                    "{} new, {} already stored, {} copy links, {} failed; {:.0} documents/s, {:.1} MB/s → {}",
                    report.new,
                    report.known,
                    report.links,
                    report.errors.len(),
                    (report.new + report.known) as f64 / secs,
                    report.bytes as f64 / 1e6 / secs,
                    args.db.display()
                );
            }
            Ok(status(report.errors.is_empty()))
        }
        Command::Fetch {
            urls,
            net,
            no_stories,
        } => {
            let progress = crate::progress::Bar::new(quiet);
            let resources = load_resources(AlignMode::Lexical, &progress)?;
            let mut store = open(&args.db)?;
            let errors = crate::fetch::fetch(&mut store, resources, &args.db, &urls, &net, quiet)?;
            if !no_stories {
                pipeline::update_stories(&mut store, resources, &progress)?;
            }
            Ok(status(errors.is_empty()))
        }
        Command::Watch {
            feeds,
            every,
            once,
            net,
        } => {
            let progress = crate::progress::Bar::new(quiet);
            let resources = load_resources(AlignMode::Lexical, &progress)?;
            let mut store = open(&args.db)?;
            let errors = crate::fetch::watch(
                &mut store,
                resources,
                &args.db,
                &feeds,
                (!once).then_some(every),
                &net,
                quiet,
            )?;
            Ok(status(errors.is_empty()))
        }
        Command::Analyze {
            paths,
            read,
            format,
            out,
            story,
            whole,
            by_story: _,
            align,
        } => {
            let progress = crate::progress::Bar::new(quiet);
            let resources = load_resources(align.into(), &progress)?;
            let mut store = open(&args.db)?;
            let (inputs, errors) = pipeline::expand(&paths);
            let options = AnalyzeOptions {
                ingest: IngestOptions {
                    max_bytes: read.max_input_size,
                    jobs: jobs(read.jobs),
                    stories: true,
                },
                story,
                whole,
            };
            let outcome =
                pipeline::analyze(&mut store, resources, inputs, errors, &options, &progress)?;
            print_errors(&outcome.ingest.errors);
            for e in &outcome.story_errors {
                eprintln!("corroborate: {}", safe(&e.to_string()));
            }
            if outcome.dossiers.is_empty() && outcome.ingest.documents.is_empty() {
                anyhow::bail!("no input could be read, so there is nothing to analyze");
            }
            let text = match format {
                DossierFormat::Md => outcome
                    .dossiers
                    .iter()
                    .map(corroborate_report::markdown::render)
                    .collect::<String>(),
                // One page for all stories.
                DossierFormat::Html => corroborate_report::html::render_all(&outcome.dossiers),
                // A single dossier is printed pretty; several are JSON Lines, one per story.
                DossierFormat::Json if outcome.dossiers.len() == 1 => {
                    serde_json::to_string_pretty(&outcome.dossiers[0])? + "\n"
                }
                DossierFormat::Json => outcome
                    .dossiers
                    .iter()
                    .map(|d| d.to_json_line())
                    .collect::<String>(),
            };
            write_out(out.as_deref(), &text, &args.db)?;
            Ok(status(outcome.is_clean()))
        }
        Command::Stories { format, pin, split } => {
            let progress = crate::progress::Bar::new(quiet);
            let resources = load_resources(AlignMode::Lexical, &progress)?;
            let mut store = open(&args.db)?;
            // Documents an `ingest --no-stories` left out join first.
            pipeline::update_stories(&mut store, resources, &progress)?;
            if !pin.is_empty() || !split.is_empty() {
                let pins: Vec<(String, String)> = pin
                    .chunks(2)
                    .map(|p| (p[0].clone(), p[1].clone()))
                    .collect();
                pipeline::override_stories(&mut store, &pins, &split)?;
            }
            let all = pipeline::story_listing(&store, None)?;
            match format {
                ListFormat::Json => println!("{}", serde_json::to_string_pretty(&all)?),
                ListFormat::Table => {
                    for s in &all {
                        let n = s.documents.len();
                        let noun = if n == 1 { "document" } else { "documents" };
                        println!("{}  {n} {noun}  {}", s.id, safe(&s.label));
                        for d in &s.documents {
                            println!("    {}", safe(d));
                        }
                    }
                }
            }
            Ok(Status::Ok)
        }
        Command::Docs { format } => {
            let store = open_read(&args.db)?;
            let docs = store.documents()?;
            let mut o = std::io::stdout().lock();
            match format {
                ListFormat::Json => writeln!(o, "{}", serde_json::to_string_pretty(&docs)?)?,
                ListFormat::Table => {
                    writeln!(
                        o,
                        "{:>4}  {:<12}  {:<10}  {:<20}  {:<6}  title",
                        "#", "id", "published", "outlet", "copy"
                    )?;
                    for d in &docs {
                        let copy = d.duplicate_of.as_ref().map_or("", |c| &c[..6]);
                        writeln!(
                            o,
                            "{:>4}  {:<12}  {:<10}  {:<20}  {:<6}  {}",
                            d.seq,
                            &d.id[..12],
                            d.published.as_deref().unwrap_or("-"),
                            clip(&safe(d.outlet.as_deref().unwrap_or("-")), 20),
                            copy,
                            clip(&safe(d.title.as_deref().unwrap_or(&d.source)), 70)
                        )?;
                    }
                }
            }
            Ok(Status::Ok)
        }
        Command::Show { doc, format, raw } => {
            let store = open_read(&args.db)?;
            let id = store.resolve(&doc)?;
            let d = store.document(&id)?;
            let mut o = std::io::stdout().lock();
            if format == ListFormat::Json {
                let mut b = DossierBuilder::new();
                b.document(&d, &d.source, None);
                let dossier = b.build();
                writeln!(
                    o,
                    "{}",
                    serde_json::to_string_pretty(&dossier.documents[0])?
                )?;
                return Ok(Status::Ok);
            }
            if raw {
                write!(o, "{}", safe_text(&crate::commands::mark_removed(&d)))?;
                return Ok(Status::Ok);
            }
            let m = &d.meta;
            writeln!(o, "id         {}", d.id)?;
            // Everything below comes from the input: control characters are shown, not obeyed.
            writeln!(o, "source     {}", safe(&d.source))?;
            writeln!(o, "format     {} ({})", d.format.as_str(), d.encoding)?;
            writeln!(o, "title      {}", safe(m.title.as_deref().unwrap_or("-")))?;
            writeln!(o, "outlet     {}", safe(m.outlet.as_deref().unwrap_or("-")))?;
            writeln!(o, "author     {}", safe(m.author.as_deref().unwrap_or("-")))?;
            let basis = m.published_basis.as_ref().map_or(String::new(), |b| {
                let ev = b
                    .evidence
                    .map(|e| format!(" “{}”", safe(e.slice(&d.text))))
                    .unwrap_or_default();
                format!(
                    " ({}{}{ev})",
                    b.kind.as_str(),
                    if b.inferred { ", inferred" } else { "" }
                )
            });
            writeln!(
                o,
                "published  {}{basis}",
                m.published.map_or("-".to_string(), |p| p.to_string())
            )?;
            writeln!(o, "language   {}", m.language.as_deref().unwrap_or("-"))?;
            for s in &m.syndication {
                writeln!(
                    o,
                    "credit     {} “{}”",
                    s.relation,
                    safe(s.evidence.slice(&d.text))
                )?;
            }
            writeln!(
                o,
                "sentences  {} in {} paragraphs",
                d.sentences.len(),
                d.paragraphs.len()
            )?;
            for w in &d.warnings {
                writeln!(o, "warning    {}", safe(w))?;
            }
            writeln!(o, "\n--- text ---\n{}\n", safe_text(&d.text))?;
            writeln!(o, "--- removed ({}) ---", d.removed.len())?;
            for r in &d.removed {
                writeln!(
                    o,
                    "[{}] at char {}: {}",
                    r.reason.as_str(),
                    d.text[..r.at].chars().count(),
                    clip(
                        &safe(&r.text.split_whitespace().collect::<Vec<_>>().join(" ")),
                        100
                    )
                )?;
            }
            Ok(Status::Ok)
        }
        Command::Times { doc, format } => {
            let store = open_read(&args.db)?;
            let id = store.resolve(&doc)?;
            let d = store.document(&id)?;
            let times = store.times(&id)?;
            if format == ListFormat::Json {
                let mut b = DossierBuilder::new();
                b.times(&d, &times);
                println!("{}", serde_json::to_string_pretty(&b.build().times)?);
            } else {
                print!("{}", safe_text(&crate::show::times_aligned(&d, &times)));
            }
            Ok(Status::Ok)
        }
        Command::Entities {
            force,
            veto,
            import,
            format,
            evidence,
            story,
        } => {
            let mut store = open(&args.db)?;
            let pairs = |v: &[String]| -> Vec<(String, String)> {
                v.chunks(2).map(|p| (p[0].clone(), p[1].clone())).collect()
            };
            let file = match &import {
                Some(path) => Some(
                    std::fs::read_to_string(path)
                        .with_context(|| format!("reading {}", path.display()))?,
                ),
                None => None,
            };
            let lines = pipeline::override_lines(&pairs(&force), &pairs(&veto), file.as_deref())?;
            if !lines.is_empty() {
                store.add_overrides(&lines)?;
                eprintln!(
                    "{} override(s) stored; they apply from the next `corroborate analyze`",
                    lines.len()
                );
                return Ok(Status::Ok);
            }
            let roster = store.roster(story.as_deref())?;
            if format == ListFormat::Json {
                println!("{}", serde_json::to_string_pretty(&roster)?);
                return Ok(Status::Ok);
            }
            if roster.is_empty() {
                eprintln!("no roster stored yet: run `corroborate analyze PATH...` first");
            }
            let mut current: Option<&str> = None;
            for r in &roster {
                if current != Some(r.story.as_str()) {
                    current = Some(r.story.as_str());
                    let name = if r.story.is_empty() {
                        "whole input"
                    } else {
                        r.story.as_str()
                    };
                    println!("== {name}");
                }
                let place = r
                    .place
                    .as_deref()
                    .map_or(String::new(), |p| format!("  @ {p}"));
                println!(
                    "{:<18} {:<13} {:>3} mentions in {} docs  {}{place}",
                    r.id,
                    r.kind,
                    r.mentions,
                    r.documents,
                    safe(&r.name)
                );
                if !r.aliases.is_empty() {
                    println!("{:<18} {:<13} aka {}", "", "", safe(&r.aliases));
                }
                if evidence {
                    for (alias, reason, text) in store.evidence(&r.story, &r.id)? {
                        println!(
                            "{:<18} {:<13} + {}: {}{}",
                            "",
                            "",
                            safe(&alias),
                            safe(&reason),
                            text.map(|t| format!(" — “{}”", safe(&t)))
                                .unwrap_or_default()
                        );
                    }
                }
            }
            Ok(Status::Ok)
        }
        Command::Tag { conll } => {
            let resources = Resources::lexical()?;
            let input = if conll.as_os_str() == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
                s
            } else {
                std::fs::read_to_string(&conll)
                    .with_context(|| format!("reading {}", conll.display()))?
            };
            print!("{}", pipeline::tag_conll(&resources, &input));
            Ok(Status::Ok)
        }
        Command::Parse { file, conllu } => crate::parse::run(&file, conllu),
        Command::Serve(opts) => crate::serve::run(&args.db, opts, quiet),
        Command::Export {
            format,
            story,
            out,
            align,
        } => crate::export::run(
            &args.db,
            &format,
            story.as_deref(),
            out.as_deref(),
            align,
            quiet,
        ),
        Command::Errors => {
            let store = open_read(&args.db)?;
            for (source, message) in store.errors()? {
                println!("{}: {}", safe(&source), safe(&message));
            }
            Ok(Status::Ok)
        }
    }
}

/// The raw input with every removed stretch wrapped in `[[reason: …]]`.
pub fn mark_removed(d: &pipeline::Document) -> String {
    let mut out = String::new();
    let mut pos = 0;
    let mut removed: Vec<_> = d
        .removed
        .iter()
        .filter(|r| r.raw.end <= d.raw.len() && r.raw.start >= pos)
        .collect();
    removed.sort_by_key(|r| r.raw.start);
    for r in removed {
        if r.raw.start < pos {
            continue;
        }
        out.push_str(&d.raw[pos..r.raw.start]);
        out.push_str(&format!(
            "[[{}: {}]]",
            r.reason.as_str(),
            &d.raw[r.raw.range()]
        ));
        pos = r.raw.end;
    }
    out.push_str(&d.raw[pos..]);
    out.push('\n');
    out
}

fn open(path: &std::path::Path) -> Result<Store> {
    Store::open(path).with_context(|| format!("opening the store {}", path.display()))
}

/// For commands that only read: an existing store is opened read-only (so a store in a
/// read-only folder can be read, and nothing is written); a missing one, or one that needs a
/// migration first, is opened as usual.
fn open_read(path: &std::path::Path) -> Result<Store> {
    if path.is_file() {
        match Store::open_read_only(path) {
            Ok(s) => return Ok(s),
            Err(corroborate_store::StoreError::Unavailable { .. }) => {}
            Err(e) => {
                return Err(e).with_context(|| format!("opening the store {}", path.display()))
            }
        }
    }
    open(path)
}

fn jobs(j: Option<u16>) -> usize {
    j.map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 256)
}

fn print_errors(errors: &[pipeline::InputError]) {
    for e in errors {
        // One line per input, whatever its name holds (a newline, an escape sequence).
        eprintln!("corroborate: {}", safe(&e.to_string()));
    }
}

fn status(clean: bool) -> Status {
    if clean {
        Status::Ok
    } else {
        Status::SomeInputsFailed
    }
}

/// Standard output, or a file written whole through a temporary file and never over the store.
fn write_out(path: Option<&std::path::Path>, text: &str, db: &std::path::Path) -> Result<()> {
    match path {
        Some(p) => Ok(corroborate_report::output::write_atomically(
            p,
            text.as_bytes(),
            &[db],
        )?),
        None => {
            let mut o = std::io::stdout().lock();
            o.write_all(text.as_bytes())?;
            Ok(())
        }
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

/// The resources of this command, kept until the process ends: a command loads them once and
/// exits, and freeing their tables one by one at the end costs more than half a second of CPU
/// that the system's release of the whole process does not.
pub(crate) fn load_resources(
    align: AlignMode,
    progress: &dyn pipeline::Progress,
) -> Result<&'static Resources, pipeline::PipelineError> {
    Ok(Box::leak(Box::new(Resources::load(align, progress)?)))
}
