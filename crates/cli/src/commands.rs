//! What each subcommand does, given its parsed flags.

use crate::cli::{Args, Command, DossierFormat, ListFormat};
use crate::inputs;
use anyhow::{Context, Result};
use corroborate_entities::alias::Overrides;
use corroborate_report::dossier::CopyLink;
use corroborate_report::DossierBuilder;
use corroborate_store::Store;
use std::collections::HashMap;
use std::io::Write;

/// A document with the source the user gave for it in this run.
type SourcedDoc = (corroborate_model::Document, String);

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
            let mut store = open(&args.db)?;
            let (inputs, errors) = inputs::expand(&paths);
            let started = std::time::Instant::now();
            let report = inputs::ingest(
                &mut store,
                inputs,
                errors,
                read.max_input_size,
                jobs(read.jobs),
                quiet,
            )?;
            print_errors(&report.errors);
            if !no_stories {
                crate::stories::update(&mut store)?;
            }
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
            Ok(status(&report.errors))
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
            let encoder = crate::analysis::encoder(align, quiet)?;
            let mut store = open(&args.db)?;
            let (inputs, errors) = inputs::expand(&paths);
            let report = inputs::ingest(
                &mut store,
                inputs,
                errors,
                read.max_input_size,
                jobs(read.jobs),
                quiet,
            )?;
            print_errors(&report.errors);
            let all_docs = inputs::load(&store, &report.documents)?;
            crate::stories::update(&mut store)?;
            // One dossier per story the input holds (or the one asked for).
            let mut groups: Vec<(Option<String>, Vec<SourcedDoc>)> = Vec::new();
            let split = !whole;
            for (d, source) in all_docs {
                let sid = if split {
                    store.story_of(&d.id.0)?
                } else {
                    None
                };
                match groups.iter_mut().find(|(g, _)| *g == sid) {
                    Some((_, v)) => v.push((d, source)),
                    None => groups.push((sid, vec![(d, source)])),
                }
            }
            if let Some(want) = &story {
                groups.retain(|(g, _)| {
                    g.as_deref() == Some(want.as_str())
                        || g.as_deref().is_some_and(|g| g.starts_with(want.as_str()))
                });
                if groups.is_empty() {
                    anyhow::bail!("no document of this input is in story {want}; `corroborate stories` lists them");
                }
            }
            let mut touched: Vec<String> = Vec::new();
            for (_, docs) in &groups {
                for (d, _) in docs {
                    if let Some(sid) = store.story_of(&d.id.0)? {
                        if !touched.contains(&sid) {
                            touched.push(sid);
                        }
                    }
                }
            }
            let story_list = crate::stories::listing(&store, touched.into_iter())?;
            let mut text = String::new();
            let mut pages = Vec::new();
            for (i, (sid, docs)) in groups.into_iter().enumerate() {
                let mut dossier = build_dossier(
                    &mut store,
                    docs,
                    &report.errors,
                    encoder.as_ref().map(|e| e as _),
                )?;
                dossier.stories = story_list.clone();
                dossier.story = sid;
                match format {
                    DossierFormat::Json if i > 0 => text.push_str(&dossier.to_json_line()),
                    DossierFormat::Json => text.push_str(&dossier.to_json_line()),
                    DossierFormat::Md => {
                        text.push_str(&corroborate_report::markdown::render(&dossier))
                    }
                    // One page for all stories, rendered below.
                    DossierFormat::Html => pages.push(dossier),
                }
            }
            if format == DossierFormat::Html {
                text = corroborate_report::html::render_all(&pages);
            }
            if format == DossierFormat::Json && !text.contains("\n{") {
                // A single dossier is printed pretty; several are JSON Lines, one per story.
                let v: serde_json::Value = serde_json::from_str(&text)?;
                text = serde_json::to_string_pretty(&v)? + "\n";
            }
            write_out(out.as_deref(), &text)?;
            Ok(status(&report.errors))
        }
        Command::Stories { format, pin, split } => {
            let mut store = open(&args.db)?;
            // Documents an `ingest --no-stories` left out join first.
            crate::stories::update(&mut store)?;
            if !pin.is_empty() || !split.is_empty() {
                crate::stories::override_(&mut store, &pin, &split)?;
            }
            let all = crate::stories::listing(&store, store.stories()?.into_iter().map(|s| s.0))?;
            match format {
                ListFormat::Json => println!("{}", serde_json::to_string_pretty(&all)?),
                ListFormat::Table => {
                    for s in &all {
                        let n = s.documents.len();
                        let noun = if n == 1 { "document" } else { "documents" };
                        println!("{}  {n} {noun}  {}", s.id, s.label);
                        for d in &s.documents {
                            println!("    {d}");
                        }
                    }
                }
            }
            Ok(Status::Ok)
        }
        Command::Docs { format } => {
            let store = open(&args.db)?;
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
                            clip(d.outlet.as_deref().unwrap_or("-"), 20),
                            copy,
                            clip(d.title.as_deref().unwrap_or(&d.source), 70)
                        )?;
                    }
                }
            }
            Ok(Status::Ok)
        }
        Command::Show { doc, format, raw } => {
            let store = open(&args.db)?;
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
                write!(o, "{}", crate::commands::mark_removed(&d))?;
                return Ok(Status::Ok);
            }
            let m = &d.meta;
            writeln!(o, "id         {}", d.id)?;
            writeln!(o, "source     {}", d.source)?;
            writeln!(o, "format     {} ({})", d.format.as_str(), d.encoding)?;
            writeln!(o, "title      {}", m.title.as_deref().unwrap_or("-"))?;
            writeln!(o, "outlet     {}", m.outlet.as_deref().unwrap_or("-"))?;
            writeln!(o, "author     {}", m.author.as_deref().unwrap_or("-"))?;
            let basis = m.published_basis.as_ref().map_or(String::new(), |b| {
                let ev = b
                    .evidence
                    .map(|e| format!(" “{}”", e.slice(&d.text)))
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
                    s.evidence.slice(&d.text)
                )?;
            }
            writeln!(
                o,
                "sentences  {} in {} paragraphs",
                d.sentences.len(),
                d.paragraphs.len()
            )?;
            for w in &d.warnings {
                writeln!(o, "warning    {w}")?;
            }
            writeln!(o, "\n--- text ---\n{}\n", d.text)?;
            writeln!(o, "--- removed ({}) ---", d.removed.len())?;
            for r in &d.removed {
                writeln!(
                    o,
                    "[{}] at char {}: {}",
                    r.reason.as_str(),
                    d.text[..r.at].chars().count(),
                    clip(
                        &r.text.split_whitespace().collect::<Vec<_>>().join(" "),
                        100
                    )
                )?;
            }
            Ok(Status::Ok)
        }
        Command::Times { doc, format } => {
            let store = open(&args.db)?;
            let id = store.resolve(&doc)?;
            let d = store.document(&id)?;
            let times = store.times(&id)?;
            if format == ListFormat::Json {
                let mut b = DossierBuilder::new();
                b.times(&d, &times);
                println!("{}", serde_json::to_string_pretty(&b.build().times)?);
            } else {
                print!("{}", crate::show::times_aligned(&d, &times));
            }
            Ok(Status::Ok)
        }
        Command::Entities {
            force,
            veto,
            import,
            format,
            evidence,
        } => {
            let mut store = open(&args.db)?;
            let mut lines = Vec::new();
            let mut o = Overrides::none();
            for pair in force.chunks(2) {
                o.force(&pair[0], &pair[1]);
            }
            for pair in veto.chunks(2) {
                o.veto(&pair[0], &pair[1]);
            }
            if let Some(path) = import {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                o.directives.extend(Overrides::parse(&text)?.directives);
            }
            for l in o
                .to_string()
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            {
                lines.push(l.to_string());
            }
            if !lines.is_empty() {
                store.add_overrides(&lines)?;
                eprintln!(
                    "{} override(s) stored; they apply from the next `corroborate analyze`",
                    lines.len()
                );
                return Ok(Status::Ok);
            }
            let roster = store.roster()?;
            if format == ListFormat::Json {
                println!("{}", serde_json::to_string_pretty(&roster)?);
                return Ok(Status::Ok);
            }
            if roster.is_empty() {
                eprintln!("no roster stored yet: run `corroborate analyze PATH...` first");
            }
            for r in &roster {
                let place = r
                    .place
                    .as_deref()
                    .map_or(String::new(), |p| format!("  @ {p}"));
                println!(
                    "{:<18} {:<13} {:>3} mentions in {} docs  {}{place}",
                    r.id, r.kind, r.mentions, r.documents, r.name
                );
                if !r.aliases.is_empty() {
                    println!("{:<18} {:<13} aka {}", "", "", r.aliases);
                }
                if evidence {
                    for (alias, reason, text) in store.evidence(&r.id)? {
                        println!(
                            "{:<18} {:<13} + {alias}: {reason}{}",
                            "",
                            "",
                            text.map(|t| format!(" — “{t}”")).unwrap_or_default()
                        );
                    }
                }
            }
            Ok(Status::Ok)
        }
        Command::Tag { conll } => {
            let tagger = corroborate_entities::ner::Tagger::load_default()
                .context("loading the bundled entity tagger")?;
            let input = if conll.as_os_str() == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
                s
            } else {
                std::fs::read_to_string(&conll)
                    .with_context(|| format!("reading {}", conll.display()))?
            };
            print!("{}", corroborate_entities::ner::tag_conll(&tagger, &input));
            Ok(Status::Ok)
        }
        Command::Errors => {
            let store = open(&args.db)?;
            for (source, message) in store.errors()? {
                println!("{source}: {message}");
            }
            Ok(Status::Ok)
        }
    }
}

/// The raw input with every removed stretch wrapped in `[[reason: …]]`.
pub fn mark_removed(d: &corroborate_model::Document) -> String {
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

/// The dossier of one story's documents: dates from the batch, time expressions, entities,
/// quotes, claims, comparisons and timeline.
fn build_dossier(
    store: &mut Store,
    mut docs: Vec<(corroborate_model::Document, String)>,
    errors: &[corroborate_ingest::InputError],
    encoder: Option<&dyn corroborate_compare::SentenceEncoder>,
) -> Result<corroborate_report::Dossier> {
    // A date learnt from the batch is stored, and the time expressions that hang on it are
    // resolved again.
    {
        let mut just_docs: Vec<_> = docs.iter().map(|(d, _)| d.clone()).collect();
        corroborate_ingest::corpus::infer_dates_from_batch(&mut just_docs);
        for ((d, _), inferred) in docs.iter_mut().zip(just_docs) {
            if inferred.meta.published != d.meta.published {
                let times = corroborate_timex::extract(&inferred.text, inferred.meta.published);
                store.redate(&inferred, &times)?;
            }
            *d = inferred;
        }
    }
    let copies: HashMap<String, CopyLink> = store
        .duplicates()?
        .into_iter()
        .filter(|l| docs.iter().any(|(d, _)| d.id.0 == l.original))
        .map(|l| {
            (
                l.copy,
                CopyLink {
                    original: l.original,
                    overlap: l.overlap,
                    method: l.method,
                },
            )
        })
        .collect();
    let mut b = DossierBuilder::new();
    for (d, source) in &docs {
        b.document(d, source, copies.get(&d.id.0).cloned());
    }
    let times: Vec<_> = docs
        .iter()
        .map(|(d, _)| store.times(&d.id.0))
        .collect::<Result<_, _>>()?;
    for ((d, _), t) in docs.iter().zip(&times) {
        b.times(d, t);
    }
    let overrides = stored_overrides(store)?;
    let extracted = crate::analysis::extract(&docs, &overrides)?;
    let texts: HashMap<String, String> = docs
        .iter()
        .map(|(d, _)| (d.id.0.clone(), d.text.clone()))
        .collect();
    store.replace_roster(&extracted.roster, &texts)?;
    let analysis = crate::analysis::compare(&docs, &times, &copies, &extracted, encoder);
    for ((d, _), q) in docs.iter().zip(&extracted.quotes) {
        b.quotes(d, q);
    }
    let doc_refs: Vec<&corroborate_model::Document> = docs.iter().map(|(d, _)| d).collect();
    b.entities(&doc_refs, &extracted.roster);
    b.comparison(&doc_refs, &analysis);
    for e in errors {
        b.error(&e.source, &e.message);
    }
    Ok(b.build())
}

/// The merge overrides stored with `corroborate entities --force/--veto/--import`.
fn stored_overrides(store: &Store) -> Result<Overrides> {
    Ok(Overrides::parse(&store.overrides()?)?)
}

fn open(path: &std::path::Path) -> Result<Store> {
    Store::open(path).with_context(|| format!("opening the store {}", path.display()))
}

fn jobs(j: Option<usize>) -> usize {
    j.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn print_errors(errors: &[corroborate_ingest::InputError]) {
    for e in errors {
        eprintln!("corroborate: {e}");
    }
}

fn status(errors: &[corroborate_ingest::InputError]) -> Status {
    if errors.is_empty() {
        Status::Ok
    } else {
        Status::SomeInputsFailed
    }
}

fn write_out(path: Option<&std::path::Path>, text: &str) -> Result<()> {
    match path {
        Some(p) => std::fs::write(p, text).with_context(|| format!("writing {}", p.display())),
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
