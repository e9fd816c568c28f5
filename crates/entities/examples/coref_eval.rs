//! Cross-document coreference of named mentions, the job alias resolution does, scored on ECB+
//! and MEANTIME with gold mention spans: MUC, B³, CEAF-e and the CoNLL F1, for
//! `alias::resolve` and for an exact-string + head-word baseline in the same run.
//!
//! Mentions: ECB+ people, organizations and places (HUMAN_PART_PER/ORG/GPE/FAC, LOC_*) and
//! MEANTIME NAM/PRE.NAM mentions of PER/ORG/LOC entities whose span is one name (the CoNLL cut:
//! titles left out, as in `ner_eval`); their kinds are the gold types. Chains: ECB+ cross-document
//! instances (`CROSS_DOC_COREF`), MEANTIME `instance_id`s; a mention in no chain is its own.
//! A capitalized common noun of a title-case headline ("Actress", "Mafia Boss") is no name and
//! is left out ([`cat::heading_word`]). Each story (ECB+ sub-topic: its chains never cross into
//! the topic's other event; MEANTIME corpus) is resolved at once, all its documents together.
//! Splits: ECB+ dev topics 2 5 12 18 21 23 34 35, test 36–45, train the rest; MEANTIME test
//! airbus + gm, dev stock + every other apple article, train the other apple articles.
//!
//! `cargo run --release -p corroborate-entities --example coref_eval -- ../shared/benchmarks
//!  [--split train|dev|test|all] [--errors N] [--fit] [--roster TOPIC] [--no-gazetteer]`
//!
//! Resolution is given the bundled gazetteer, as the pipeline gives it (`--no-gazetteer`:
//! without). `--errors N` lists per topic the N missed and N wrong links that cost the most
//! mention pairs.
//!
//! `--roster TOPIC` prints the entities of the named topics ("ECB+ 34a") with their mentions
//! and evidence, beside the gold chain of each mention.
//!
//! `--fit` fits the spelling-variant model (`alias::variants`) on the gold pairs of the train
//! split (two names of as many content words in one story, of one kind; the same chain or not),
//! prints its weights and its pair precision and recall on dev.

#[path = "ner_cat.rs"]
mod cat;

use corroborate_entities::alias::names::{fold, Name};
use corroborate_entities::alias::score::{score, CorefScores};
use corroborate_entities::alias::variants::{self, N_FEATURES};
use corroborate_entities::alias::{resolve_with, DocMentions, Overrides};
use corroborate_entities::geo::Gazetteer;
use corroborate_entities::{EntityKind, Mention};
use corroborate_model::Span;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const ECB_TEST: std::ops::RangeInclusive<u32> = 36..=45;
const ECB_DEV: [u32; 8] = [2, 5, 12, 18, 21, 23, 34, 35];

/// One document rebuilt as text, with its gold named mentions as byte spans.
struct Doc {
    id: String,
    text: String,
    mentions: Vec<Gold>,
}

struct Gold {
    span: Span,
    kind: EntityKind,
    chain: String,
}

/// All documents of one topic (one story).
struct Topic {
    name: String,
    split: &'static str,
    docs: Vec<Doc>,
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

fn xml_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("listing {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Tokens back into text: the headline on its own line, no space before closing punctuation and
/// clitics or after an opening bracket. A leading web address (ECB+ starts its newer documents
/// with the source's) is written as one, on a line of its own before the headline. Returns the
/// text and each token's byte span.
fn detokenize(doc: &cat::CatDoc) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(doc.tokens.len());
    let address = doc
        .tokens
        .first()
        .is_some_and(|t| t.starts_with("http") || t.starts_with("www"));
    // The sentences that stand on lines of their own: the address and the headline.
    let lines = if address { 2 } else { 1 };
    for (i, t) in doc.tokens.iter().enumerate() {
        if i > 0 {
            if doc.sentence_of[i] != doc.sentence_of[i - 1] {
                // The headline on a line of its own; the body as one paragraph (the corpora
                // keep no paragraph breaks).
                let first = doc.sentence_of[0];
                let headline = doc.sentence_of[i - 1] < first + lines;
                text.push(if headline { '\n' } else { ' ' });
            } else if address && doc.sentence_of[i] == doc.sentence_of[0] {
                // Inside the address: no spaces.
            } else {
                let glue_left = matches!(
                    t.as_str(),
                    "," | "." | ";" | ":" | ")" | "'s" | "’s" | "'" | "n't" | "?" | "!" | "%"
                );
                let glue_right = doc.tokens[i - 1] == "(" || doc.tokens[i - 1] == "$";
                if !glue_left && !glue_right {
                    text.push(' ');
                }
            }
        }
        let s = text.len();
        text.push_str(t);
        spans.push(Span::new(s, text.len()));
    }
    (text, spans)
}

fn kind_of(gold: &str) -> EntityKind {
    match gold {
        "HUMAN_PART_PER" | "PER" => EntityKind::Person,
        "HUMAN_PART_ORG" | "ORG" => EntityKind::Organization,
        "HUMAN_PART_GPE" | "LOC" => EntityKind::Gpe,
        "HUMAN_PART_FAC" | "LOC_FAC" => EntityKind::Facility,
        _ => EntityKind::Location,
    }
}

fn make_doc(id: String, cat: cat::CatDoc, ms: Vec<cat::CorefMention>) -> Doc {
    let (text, spans) = detokenize(&cat);
    let mentions = ms
        .into_iter()
        .map(|m| Gold {
            span: Span::new(spans[m.start].start, spans[m.end - 1].end),
            kind: kind_of(&m.kind),
            chain: m.chain,
        })
        .collect();
    Doc { id, text, mentions }
}

fn load_ecbplus(bench: &Path, lower: &HashSet<String>) -> Result<Vec<Topic>, String> {
    let root = bench.join("ecbplus/ECB+_LREC2014");
    let base = root.join("ECB+");
    // Only the sentences ECB+ lists as annotated for coreference are scored (its mentions
    // elsewhere are in no chain), as in the usual ECB+ evaluation.
    let csv = read(&root.join("ECBplus_coreference_sentences.csv"))?;
    let mut annotated: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        if let [topic, file, sent] = line.trim().split(',').collect::<Vec<_>>()[..] {
            if let Ok(s) = sent.parse() {
                annotated
                    .entry(format!("{topic}_{file}"))
                    .or_default()
                    .insert(s);
            }
        }
    }
    let mut out = Vec::new();
    for t in 1..=45u32 {
        let dir = base.join(t.to_string());
        if !dir.is_dir() {
            continue;
        }
        let split = if ECB_TEST.contains(&t) {
            "test"
        } else if ECB_DEV.contains(&t) {
            "dev"
        } else {
            "train"
        };
        // ECB+ chains never cross a topic's two sub-topics (two events of one kind): each
        // sub-topic is one story, as the story stage makes it.
        let mut subtopics: BTreeMap<bool, Vec<Doc>> = BTreeMap::new();
        for f in xml_files(&dir)? {
            let id = f.file_stem().unwrap().to_string_lossy().to_string();
            let (c, mut ms) = cat::ecbplus_coref(&read(&f)?, &id, lower);
            let keep = annotated.get(&id).cloned().unwrap_or_default();
            ms.retain(|m| keep.contains(&c.sentence_of[m.start]));
            ms.retain(|m| !cat::heading_word(&c, lower, m.start, m.end));
            subtopics
                .entry(id.ends_with("plus"))
                .or_default()
                .push(make_doc(id, c, ms));
        }
        for (plus, docs) in subtopics {
            out.push(Topic {
                name: format!("ECB+ {t}{}", if plus { "b" } else { "a" }),
                split,
                docs,
            });
        }
    }
    Ok(out)
}

fn load_meantime(bench: &Path, lower: &HashSet<String>) -> Result<Vec<Topic>, String> {
    let mut out = Vec::new();
    for corpus in ["corpus_airbus", "corpus_apple", "corpus_gm", "corpus_stock"] {
        let files = xml_files(
            &bench
                .join("meantime/intra_cross-doc_annotation")
                .join(corpus),
        )?;
        let mut by_split: BTreeMap<&'static str, Vec<Doc>> = BTreeMap::new();
        for (i, f) in files.iter().enumerate() {
            let split = match corpus {
                "corpus_airbus" | "corpus_gm" => "test",
                "corpus_stock" => "dev",
                _ if i % 2 == 1 => "dev",
                _ => "train",
            };
            let id = f.file_stem().unwrap().to_string_lossy().to_string();
            let (c, mut ms) = cat::meantime_coref(&read(f)?, &id, lower);
            ms.retain(|m| !cat::heading_word(&c, lower, m.start, m.end));
            by_split.entry(split).or_default().push(make_doc(id, c, ms));
        }
        for (split, docs) in by_split {
            out.push(Topic {
                name: format!("MEANTIME {corpus} {split}"),
                split,
                docs,
            });
        }
    }
    Ok(out)
}

/// Lowercase words of every document (see `cat::named_parts`).
fn lowercase_vocabulary(bench: &Path) -> Result<HashSet<String>, String> {
    let mut texts = Vec::new();
    for corpus in ["corpus_airbus", "corpus_apple", "corpus_gm", "corpus_stock"] {
        for f in xml_files(
            &bench
                .join("meantime/intra_cross-doc_annotation")
                .join(corpus),
        )? {
            texts.push(read(&f)?);
        }
    }
    let ecb = bench.join("ecbplus/ECB+_LREC2014/ECB+");
    for t in 1..=45 {
        if ecb.join(t.to_string()).is_dir() {
            for f in xml_files(&ecb.join(t.to_string()))? {
                texts.push(read(&f)?);
            }
        }
    }
    Ok(cat::lowercase_words(texts.iter().map(String::as_str)))
}

/// The mentions of a topic as the resolver takes them: the gold spans, with their gold kinds.
fn topic_mentions(topic: &Topic) -> Vec<Vec<Mention>> {
    topic
        .docs
        .iter()
        .map(|d| {
            d.mentions
                .iter()
                .map(|g| Mention {
                    span: g.span,
                    kind: g.kind,
                    score: 1.0,
                })
                .collect()
        })
        .collect()
}

/// The roster of one topic: each entity with its mentions (and their gold chains) and evidence.
fn roster_report(topic: &Topic, gaz: Option<&Gazetteer>) -> String {
    let tags = topic_mentions(topic);
    let dm: Vec<DocMentions> = topic
        .docs
        .iter()
        .zip(&tags)
        .map(|(d, m)| DocMentions {
            doc: &d.id,
            text: &d.text,
            mentions: m,
        })
        .collect();
    let gold: BTreeMap<(&str, Span), &str> = topic
        .docs
        .iter()
        .flat_map(|d| {
            d.mentions
                .iter()
                .map(move |g| ((d.id.as_str(), g.span), g.chain.as_str()))
        })
        .collect();
    let text: BTreeMap<&str, &str> = topic
        .docs
        .iter()
        .map(|d| (d.id.as_str(), d.text.as_str()))
        .collect();
    let mut out = String::new();
    for e in resolve_with(&dm, &Overrides::none(), gaz) {
        let _ = writeln!(out, "{} [{:?}] {}", topic.name, e.kind, e.name);
        for (d, s) in &e.mentions {
            let chain = gold.get(&(d.as_str(), *s)).copied().unwrap_or("-");
            let _ = writeln!(out, "    {d} “{}” gold {chain}", s.slice(text[d.as_str()]));
        }
        for ev in &e.evidence {
            let _ = writeln!(out, "    + “{}”: {}", ev.alias, ev.reason);
        }
    }
    out
}

/// The system's chain for each gold mention of a topic: the entity of the resolved mention with
/// the same span, else of the one overlapping it most, else a chain of its own.
fn system_chains(topic: &Topic, gaz: Option<&Gazetteer>) -> Vec<String> {
    let tags = topic_mentions(topic);
    let dm: Vec<DocMentions> = topic
        .docs
        .iter()
        .zip(&tags)
        .map(|(d, m)| DocMentions {
            doc: &d.id,
            text: &d.text,
            mentions: m,
        })
        .collect();
    let roster = resolve_with(&dm, &Overrides::none(), gaz);
    let mut by_doc: BTreeMap<&str, Vec<(Span, &str)>> = BTreeMap::new();
    for e in &roster {
        for (d, s) in &e.mentions {
            by_doc
                .entry(d.as_str())
                .or_default()
                .push((*s, e.id.as_str()));
        }
    }
    let mut out = Vec::new();
    for d in &topic.docs {
        let found = by_doc.get(d.id.as_str());
        for (k, g) in d.mentions.iter().enumerate() {
            let best = found.and_then(|v| {
                v.iter()
                    .filter(|(s, _)| s.start < g.span.end && g.span.start < s.end)
                    .max_by_key(|(s, _)| {
                        (
                            *s == g.span,
                            s.end.min(g.span.end) - s.start.max(g.span.start),
                        )
                    })
            });
            out.push(match best {
                Some((_, id)) => format!("{}:{id}", topic.name),
                None => format!("{}:{}#{k}", topic.name, d.id),
            });
        }
    }
    out
}

/// The baseline: mentions of one topic with the same text, or the same head word (the last
/// word, lower case), and compatible kinds are one chain.
fn baseline_chains(topic: &Topic) -> Vec<String> {
    let mut all: Vec<(String, String, bool)> = Vec::new();
    for d in &topic.docs {
        for g in &d.mentions {
            let s = g.span.slice(&d.text);
            let head = s.split_whitespace().last().unwrap_or("").to_lowercase();
            let place = !matches!(g.kind, EntityKind::Person | EntityKind::Organization);
            all.push((s.to_lowercase(), head, place));
        }
    }
    // Union-find over mentions keyed by (text) and (head, kind family).
    let n = all.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut x = x;
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (s, h, place)) in all.iter().enumerate() {
        for key in [format!("s\u{0}{s}"), format!("h\u{0}{h}\u{0}{place}")] {
            match first.get(&key) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
    }
    (0..n)
        .map(|i| format!("{}:{}", topic.name, find(&mut parent, i)))
        .collect()
}

fn line(name: &str, s: &CorefScores) -> String {
    format!(
        "  {name:<9} B³ P {:.3} R {:.3} F1 {:.3} | MUC F1 {:.3} | CEAF-e F1 {:.3} | CoNLL F1 {:.3}",
        s.b3.p, s.b3.r, s.b3.f, s.muc.f, s.ceafe.f, s.conll
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(bench) = args.first().map(PathBuf::from) else {
        eprintln!("usage: coref_eval BENCHMARKS [--split train|dev|test|all] [--errors N]");
        return ExitCode::from(2);
    };
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let split = opt("--split").unwrap_or_else(|| "all".into());
    let errors: usize = opt("--errors").and_then(|s| s.parse().ok()).unwrap_or(0);
    let roster = opt("--roster");
    let run = || -> Result<(), String> {
        let lower = lowercase_vocabulary(&bench)?;
        // The gazetteer the pipeline passes to alias resolution (`--no-gazetteer`: without).
        let gazetteer = if args.iter().any(|a| a == "--no-gazetteer") {
            None
        } else {
            Some(Gazetteer::load_default().map_err(|e| format!("gazetteer: {e}"))?)
        };
        let gaz = gazetteer.as_ref();
        let corpora = [
            ("ECB+", load_ecbplus(&bench, &lower)?),
            ("MEANTIME", load_meantime(&bench, &lower)?),
        ];
        if args.iter().any(|a| a == "--fit") {
            let of = |sp: &str| -> Vec<_> {
                corpora
                    .iter()
                    .flat_map(|(_, ts)| ts.iter().filter(|t| t.split == sp))
                    .flat_map(variant_pairs)
                    .collect()
            };
            let (train, dev) = (of("train"), of("dev"));
            let w = variants::fit(&train);
            println!("weights {w:?}");
            for (name, set) in [("train", &train), ("dev", &dev)] {
                let (mut tp, mut fp, mut fneg) = (0, 0, 0);
                for (x, y) in set {
                    let z: f64 = w.iter().zip(x).map(|(a, b)| a * b).sum();
                    match (z >= 0.0, *y) {
                        (true, true) => tp += 1,
                        (true, false) => fp += 1,
                        (false, true) => fneg += 1,
                        _ => {}
                    }
                }
                let pos = set.iter().filter(|p| p.1).count();
                println!(
                    "{name}: {} pairs, {pos} variants; at 0.5: {tp} found, {fp} wrong, {fneg} missed",
                    set.len()
                );
            }
            return Ok(());
        }
        let splits: Vec<&str> = if split == "all" {
            vec!["train", "dev", "test"]
        } else {
            vec![split.as_str()]
        };
        for (corpus, topics) in &corpora {
            for sp in &splits {
                let chosen: Vec<&Topic> = topics.iter().filter(|t| t.split == *sp).collect();
                let (mut key, mut sys, mut base) = (Vec::new(), Vec::new(), Vec::new());
                let mut docs = 0;
                let started = Instant::now();
                let mut report = String::new();
                for t in &chosen {
                    if roster.as_deref() == Some(t.name.as_str()) {
                        print!("{}", roster_report(t, gaz));
                    }
                    let s = system_chains(t, gaz);
                    let b = baseline_chains(t);
                    let k: Vec<String> = t
                        .docs
                        .iter()
                        .flat_map(|d| d.mentions.iter().map(|g| g.chain.clone()))
                        .collect();
                    if errors > 0 {
                        report.push_str(&error_report(t, &k, &s, errors));
                    }
                    docs += t.docs.len();
                    key.extend(k);
                    sys.extend(s);
                    base.extend(b);
                }
                let took = started.elapsed().as_secs_f64();
                let chains: BTreeSet<&String> = key.iter().collect();
                println!(
                    "{corpus} {sp}: {} topics, {docs} documents, {} named mentions, {} gold chains ({took:.2} s)",
                    chosen.len(),
                    key.len(),
                    chains.len()
                );
                println!("{}", line("resolve", &score(&key, &sys)));
                println!("{}", line("baseline", &score(&key, &base)));
                print!("{report}");
            }
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("coref_eval: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The labelled name pairs of one story for the variant model: two different names of as many
/// content words (a spelling, not a short form), both people, both organizations or both
/// places; a variant when some mention of each shares a chain.
fn variant_pairs(t: &Topic) -> Vec<([f64; N_FEATURES], bool)> {
    let mut names: BTreeMap<(u8, String), (Name, BTreeSet<String>)> = BTreeMap::new();
    for d in &t.docs {
        for g in &d.mentions {
            let class = match g.kind {
                EntityKind::Person => 0,
                EntityKind::Organization => 1,
                _ => 2,
            };
            let n = Name::parse_with(g.span.slice(&d.text), class == 0);
            if n.is_empty() || n.is_acronym() {
                continue;
            }
            let key = fold(&n.display());
            names
                .entry((class, key))
                .or_insert_with(|| (n, BTreeSet::new()))
                .1
                .insert(g.chain.clone());
        }
    }
    let list: Vec<_> = names.into_iter().collect();
    let mut out = Vec::new();
    for (i, ((ca, ka), (na, sa))) in list.iter().enumerate() {
        for ((cb, kb), (nb, sb)) in &list[i + 1..] {
            if ca != cb || !variants::candidate(na, nb) {
                continue;
            }
            let same = !sa.is_disjoint(sb);
            if std::env::var_os("COREF_PAIRS").is_some() {
                eprintln!("{same}\t{ka}\t{kb}\t{:.2}", variants::probability(na, nb));
            }
            out.push((variants::features(na, nb), same));
        }
    }
    out
}

/// Up to `n` wrong merges and missed links of one topic, as name pairs, the ones that cost the
/// most mention pairs first (with that count); the same name twice counts too (a name split
/// across entities).
fn error_report(t: &Topic, key: &[String], sys: &[String], n: usize) -> String {
    let names: Vec<(String, &str)> = t
        .docs
        .iter()
        .flat_map(|d| {
            d.mentions
                .iter()
                .map(move |g| (g.span.slice(&d.text).to_string(), d.id.as_str()))
        })
        .collect();
    let mut split: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut merged: BTreeMap<(String, String), usize> = BTreeMap::new();
    for i in 0..key.len() {
        for j in i + 1..key.len() {
            let (a, b) = (&names[i].0, &names[j].0);
            let pair = (a.clone().min(b.clone()), a.clone().max(b.clone()));
            match (key[i] == key[j], sys[i] == sys[j]) {
                (true, false) => *split.entry(pair).or_default() += 1,
                (false, true) => *merged.entry(pair).or_default() += 1,
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for (what, set) in [("missed", split), ("wrong ", merged)] {
        let mut list: Vec<_> = set.into_iter().collect();
        list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        for ((a, b), k) in list.into_iter().take(n) {
            let _ = writeln!(out, "    {}: {what}  “{a}” = “{b}” ({k})", t.name);
        }
    }
    out
}
