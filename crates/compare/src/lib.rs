//! Claims across sources: claim frames per sentence, alignment of claims that speak about the
//! same thing, agreement or typed conflict between them, independent-source counts, and the
//! dated timeline.
//!
//! The input is per-document annotations (sentences, time expressions, quantities,
//! attributions, copy links); nothing here reads files or the clock, and the same input gives
//! the same output in the same order.
//!
//! Alignment works slot by slot. A *value* (a duration, a date, a count, a rank, a route) is what
//! a source can be wrong about; two values from different documents are compared when they are
//! of one kind and their claims are about the same thing (shared names and content words by
//! TF-IDF cosine, the same measured noun or verb, the same kind of subject). Values that overlap
//! as intervals agree; values that do not are a conflict, typed by the value kind, with a degree
//! that says whether the gap is a flat contradiction or a tension between vague or rounded
//! statements. Sentences that say the same thing without comparable values are aligned too, and
//! called agreement or complement.

pub mod claims;
pub mod eval;
pub mod events;
mod events_fitted;
mod events_fitted_embed;
pub mod frames;
mod lexicon;
mod semantic;
pub mod stance;
pub mod values;

use chrono::NaiveDate;
use claims::Claim;
use corroborate_extract::quantities::Quantity;
use corroborate_extract::syntax::{Parser, SentenceSyntax, Syntax};
use corroborate_model::{Document, Span};
use corroborate_timex::Timex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use values::ValueKind;

/// A span of text attributed to a named or described source.
#[derive(Debug, Clone, Serialize)]
pub struct Sourced {
    pub span: Span,
    /// The source as the text names it ("the TASS news agency", "Russian media").
    pub source: String,
}

/// What the comparison needs of one document.
#[derive(Debug, Clone)]
pub struct DocInput<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub sentences: &'a [Span],
    pub title: Option<Span>,
    pub captions: &'a [Span],
    pub published: Option<NaiveDate>,
    /// Whether the publication date is only the latest full date the text mentions (which may
    /// be a deadline weeks away or a date long past): days counted from it ("on Saturday",
    /// "today") are guesses too.
    pub published_inferred: bool,
    pub times: &'a [Timex],
    pub quantities: &'a [Quantity],
    pub attributions: &'a [Sourced],
    /// The index (in the same input) of the document this one copies.
    pub copy_of: Option<usize>,
    /// Entity mentions resolved to roster ids: claims name these ids, so that spellings of one
    /// name meet. Empty when the entity stage did not run; capitalized words stand in then.
    pub entities: &'a [(Span, String)],
    /// The wire service the document credits ("EFE"): its own-voice claims rest on the wire.
    pub wire: Option<&'a str>,
    /// Dependency parses of the document's sentences (`extract::syntax`), found by sentence
    /// span; a sentence without one is read from its word forms ([`frames::Words::guess`]).
    pub parses: &'a [SentenceSyntax],
}

impl<'a> DocInput<'a> {
    /// The input for a document with its time expressions, quantities and sentence parses: no
    /// attributions, no resolved entities, not a copy (set those fields when the stages that
    /// give them ran).
    pub fn of(
        d: &'a Document,
        times: &'a [Timex],
        quantities: &'a [Quantity],
        parses: &'a Syntax,
    ) -> DocInput<'a> {
        DocInput {
            id: &d.id.0,
            text: &d.text,
            sentences: &d.sentences,
            title: d.meta.title_span,
            captions: &d.captions,
            published: d.meta.published,
            published_inferred: d
                .meta
                .published_basis
                .as_ref()
                .is_some_and(|b| b.kind == corroborate_model::DateBasisKind::LatestMention),
            times,
            quantities,
            attributions: &[],
            entities: &[],
            copy_of: None,
            parses: &parses.sentences,
            wire: d
                .meta
                .syndication
                .iter()
                .find(|s| s.relation == "wire")
                .map(|s| s.credited.as_str()),
        }
    }
}

/// The per-document annotations the comparison reads, computed from the documents alone (time
/// expressions against each document's date, quantities, the parse of each sentence): for
/// callers that have no stored annotations, such as the examples and tests. The pipeline
/// computes the same three with the same functions on its reading threads.
#[derive(Debug, Clone)]
pub struct Annotations {
    pub times: Vec<Vec<Timex>>,
    pub quantities: Vec<Vec<Quantity>>,
    pub parses: Vec<Syntax>,
}

impl Annotations {
    pub fn of(docs: &[Document], parser: &Parser) -> Annotations {
        Annotations {
            times: docs
                .iter()
                .map(|d| corroborate_timex::extract(&d.text, d.meta.published))
                .collect(),
            quantities: docs
                .iter()
                .map(|d| corroborate_extract::quantities::extract(&d.text))
                .collect(),
            parses: docs.iter().map(|d| parser.parse_document(d)).collect(),
        }
    }

    /// [`DocInput::of`] for each document, in order.
    pub fn inputs<'a>(&'a self, docs: &'a [Document]) -> Vec<DocInput<'a>> {
        docs.iter()
            .enumerate()
            .map(|(i, d)| DocInput::of(d, &self.times[i], &self.quantities[i], &self.parses[i]))
            .collect()
    }
}

/// `agree`, `conflict`, `update` or `complement`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Agree,
    Conflict,
    /// A number revised in a later report (a death toll rising from 36 to 53): the positions
    /// are in publication order, the last one latest.
    Update,
    Complement,
}

/// What a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// Percentages and money.
    Number,
    /// How many of something.
    Count,
    Duration,
    Date,
    /// A time of day.
    Time,
    /// A distance, weight, area, volume, speed or magnitude.
    Measure,
    Place,
    Route,
    Rank,
    Actor,
    Negation,
    Other,
}

/// How hard a conflict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Degree {
    /// The values cannot both be true.
    Contradiction,
    /// Rounded, vague or adjacent values that do not overlap: a careful reader would ask, not
    /// call one of them false.
    Tension,
}

/// One side of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Position {
    /// The value as the sources put it ("12 days"); for sentence-level alignments, the claim's
    /// predicate class.
    pub value: String,
    /// Claim indices.
    pub claims: Vec<usize>,
    /// (claim index, span in that claim's document): the words that carry the value.
    pub spans: Vec<(usize, Span)>,
    /// Distinct roots: copies of one original and statements resting on one named source count
    /// once.
    pub independent_sources: usize,
    pub roots: Vec<String>,
    /// The latest publication date among the position's documents, when every one is known.
    pub published: Option<NaiveDate>,
    /// The earliest, likewise.
    #[serde(skip)]
    pub earliest: Option<NaiveDate>,
}

/// An aligned group of claims and what the comparison found.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// `K` and a hash of the slot and the sorted spans: the same group keeps its id whatever
    /// else the alignment finds.
    pub id: String,
    /// What the group is about, in plain words ("how many people were killed").
    pub topic: String,
    pub verdict: Verdict,
    pub kind: Option<ConflictKind>,
    pub degree: Option<Degree>,
    pub positions: Vec<Position>,
    /// The kind of value compared, or `None` for sentence-level alignment.
    pub value_kind: Option<ValueKind>,
}

/// A dated event of the story.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub date: NaiveDate,
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    /// The claim whose sentence describes the event.
    pub what: usize,
    /// Claims of other documents dated to the same event.
    pub sources: Vec<usize>,
    /// The comparison that disputes this date, if one does.
    pub disputed_by: Option<String>,
}

/// Everything the comparison found.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub claims: Vec<Claim>,
    pub comparisons: Vec<Comparison>,
    pub timeline: Vec<TimelineEntry>,
    /// How claims were aligned.
    pub alignment: Alignment,
}

/// How the alignment judged whether two claims speak about the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alignment {
    /// `lexical` (TF-IDF over names and content words, shared names and terms, predicates) or
    /// `embeddings` (the same, with sentence-embedding similarity deciding the pairs the lexical
    /// evidence leaves open).
    pub method: String,
    /// The sentence encoder, when one was used ("all-MiniLM-L6-v2").
    pub model: Option<String>,
    /// Distinct texts the encoder embedded: the sentences of pairs whose decision depends on it
    /// and of event mentions, and the event mentions' lemmas ([`events::EventMention::word`]).
    pub sentences_embedded: usize,
    /// Why the encoder was asked for but not used, when that happened.
    pub fallback: Option<String>,
}

/// Sentence vectors for alignment, supplied by the caller (the embedding model lives outside
/// this crate, so the comparison stays free of it and testable without it).
pub trait SentenceEncoder {
    /// The model's name, recorded in [`Alignment::model`].
    fn name(&self) -> String;
    /// One vector per sentence, in order; vectors are compared by cosine.
    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String>;
}

/// Claims, comparisons and timeline for a set of documents of one story, aligned lexically.
pub fn analyze(docs: &[DocInput<'_>]) -> Analysis {
    analyze_with(docs, None)
}

/// Like [`analyze`], with a sentence encoder deciding the pairs of claims where the lexical
/// evidence alone is not enough either way (see [`semantic`]). When the encoder fails, the
/// alignment falls back to lexical and says why in [`Analysis::alignment`].
pub fn analyze_with(docs: &[DocInput<'_>], encoder: Option<&dyn SentenceEncoder>) -> Analysis {
    let mut claims: Vec<Claim> = docs
        .iter()
        .enumerate()
        .flat_map(|(i, d)| claims::claims_of(i, d))
        .collect();
    let roots: Vec<usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| root_doc(docs, i, d))
        .collect();
    resolve_age_holders(docs, &mut claims);
    let mut sim = Similarity::new(&claims);
    let (mentions, mention_of) = event_mentions(docs, &claims);
    sim.events = event_labels(
        &mentions,
        &mention_of,
        &events::fitted(),
        events::story_similarity(),
    );
    let mut alignment = Alignment {
        method: "lexical".into(),
        model: None,
        sentences_embedded: 0,
        fallback: None,
    };
    if let Some(enc) = encoder {
        let mut wanted = semantic::wanted(&claims, &roots, &sim);
        // The sentences of the event mentions whose clusters can decide a slot, for the event
        // model fitted with embeddings.
        let for_events = event_wanted(&claims, &roots, &sim, &mention_of);
        wanted.extend(&for_events);
        match semantic::embed(docs, &claims, &wanted, enc) {
            Ok((vectors, n)) => {
                let (labels, lemmas) =
                    semantic_event_labels(&mentions, &mention_of, &vectors, &for_events, enc);
                sim.events_semantic = labels;
                sim.semantic = vectors;
                alignment = Alignment {
                    method: "embeddings".into(),
                    model: Some(enc.name()),
                    sentences_embedded: n + lemmas,
                    fallback: None,
                };
            }
            Err(e) => alignment.fallback = Some(e),
        }
    }
    let mut comparisons = value_comparisons(docs, &claims, &roots, &sim);
    drop_revision_dates(&mut comparisons);
    comparisons.extend(sentence_alignments(
        docs,
        &claims,
        &roots,
        &sim,
        &comparisons,
    ));
    // Conflicts first, then by how many independent sources stand behind the group.
    comparisons.sort_by(|a, b| {
        let rank = |c: &Comparison| match c.verdict {
            Verdict::Conflict => 0,
            Verdict::Update => 1,
            Verdict::Agree => 2,
            Verdict::Complement => 3,
        };
        let weight = |c: &Comparison| {
            std::cmp::Reverse(
                c.positions
                    .iter()
                    .map(|p| p.independent_sources)
                    .sum::<usize>(),
            )
        };
        (rank(a), weight(a), first_claim(a)).cmp(&(rank(b), weight(b), first_claim(b)))
    });
    for c in comparisons.iter_mut() {
        c.id = stable_id(docs, &claims, c);
    }
    let timeline = timeline(&claims, &comparisons);
    Analysis {
        claims,
        comparisons,
        timeline,
        alignment,
    }
}

/// Whose age a description gives ("the 39-year-old doctor", "a 60-year-old woman"): the one
/// person of the story named with an age ("Sanjay Gupta, 39", "61-year-old Sharron Smith") whom
/// the description's own document names, when it names exactly one such person and gives that
/// person no other age. Ages of one person are one slot whatever the sentences (an age does not
/// change within a story), so the description's age is set against that person's.
fn resolve_age_holders(docs: &[DocInput<'_>], claims: &mut [Claim]) {
    let is_age = |v: &values::Value| v.unit.as_deref() == Some("age");
    // Named persons with an age, and the ages each document gives each of them.
    let mut named: BTreeMap<&str, Vec<(usize, f64)>> = BTreeMap::new();
    for c in claims.iter() {
        for v in c.values.iter().filter(|v| is_age(v)) {
            if let frames::Agent::Person(p) = &v.agent {
                if values::place_word(p) {
                    continue;
                }
                named.entry(p.as_str()).or_default().push((c.doc, v.lo));
            }
        }
    }
    if named.is_empty() {
        return;
    }
    // Each document's text in lower case, read only when it has a description to resolve.
    let mut lower: HashMap<usize, String> = HashMap::new();
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for (ci, c) in claims.iter().enumerate() {
        for (vi, v) in c.values.iter().enumerate() {
            if !is_age(v)
                || v.agent != frames::Agent::Unknown
                || !v.subject
                || !v.head.as_deref().is_some_and(values::kind_of_person)
            {
                continue;
            }
            let holders: Vec<&str> = named
                .iter()
                .filter(|(p, ages)| {
                    claims::contains_word(
                        lower
                            .entry(c.doc)
                            .or_insert_with(|| docs[c.doc].text.to_lowercase()),
                        p,
                    ) && ages.iter().any(|&(d, _)| d != c.doc)
                        && ages.iter().all(|&(d, age)| d != c.doc || age == v.lo)
                })
                .map(|(p, _)| *p)
                .collect();
            if let [p] = holders[..] {
                found.push((ci, vi, p.to_string()));
            }
        }
    }
    for (ci, vi, p) in found {
        claims[ci].values[vi].agent = frames::Agent::Person(p);
    }
}

/// A toll that rose to 36 on Saturday and to 53 on Monday: the two days date the two
/// revisions of an update, not one event, so they are no date conflict.
fn drop_revision_dates(comparisons: &mut Vec<Comparison>) {
    let revised: std::collections::HashSet<(usize, usize)> = comparisons
        .iter()
        .filter(|c| c.verdict == Verdict::Update)
        .flat_map(cross_pairs)
        .collect();
    comparisons.retain(|c| {
        !(c.verdict == Verdict::Conflict
            && c.kind == Some(ConflictKind::Date)
            && cross_pairs(c).iter().all(|p| revised.contains(p)))
    });
}

/// Pairs of claims (lower index first) on different positions of a comparison.
fn cross_pairs(c: &Comparison) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, p) in c.positions.iter().enumerate() {
        for q in &c.positions[i + 1..] {
            for &x in &p.claims {
                for &y in &q.claims {
                    out.push((x.min(y), x.max(y)));
                }
            }
        }
    }
    out
}

/// `K` and six hex digits of a hash of the compared kind and the sorted (document, start, end)
/// of every span: content-derived, so ids do not move when other groups come or go.
fn stable_id(docs: &[DocInput<'_>], claims: &[Claim], c: &Comparison) -> String {
    let mut spans: Vec<(&str, usize, usize)> = c
        .positions
        .iter()
        .flat_map(|p| p.spans.iter())
        .map(|&(cl, s)| (docs[claims[cl].doc].id, s.start, s.end))
        .collect();
    spans.sort();
    // FNV-1a, 64 bits: small, fixed and the same on every machine.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(format!("{:?}", c.value_kind).as_bytes());
    for (d, a, b) in spans {
        feed(d.as_bytes());
        feed(&a.to_le_bytes());
        feed(&b.to_le_bytes());
    }
    format!("K{:06x}", h >> 40)
}

fn first_claim(c: &Comparison) -> usize {
    c.positions
        .iter()
        .flat_map(|p| p.claims.iter().copied())
        .min()
        .unwrap_or(usize::MAX)
}

fn root_doc(docs: &[DocInput<'_>], mut i: usize, _d: &DocInput<'_>) -> usize {
    let mut hops = 0;
    while let Some(o) = docs[i].copy_of {
        i = o;
        hops += 1;
        if hops > docs.len() {
            break;
        }
    }
    i
}

/// TF-IDF cosine between claims over their names and content terms, and the sentence vectors
/// of the claims the encoder embedded.
struct Similarity {
    /// Per claim, its unit TF-IDF vector as `(term id, weight)` sorted by id: a cosine is one
    /// merge of two short lists, summed in the same order on every run (hashed maps summed in
    /// their own order, which changed from run to run, and cost a fifth of the comparison).
    vectors: Vec<Vec<(u32, f64)>>,
    /// Claim index → unit sentence vector; empty when aligning lexically.
    semantic: HashMap<usize, Vec<f32>>,
    /// Per claim and value, the event cluster of the value's event mention ([`event_labels`]).
    events: Vec<Vec<Option<usize>>>,
    /// The same, clustered with the model fitted with embeddings when an encoder was given
    /// ([`semantic_event_labels`]); empty otherwise.
    events_semantic: Vec<Vec<Option<usize>>>,
}

impl Similarity {
    fn new(claims: &[Claim]) -> Similarity {
        // Term ids in order of first use, and how often each term is used.
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut df: Vec<usize> = Vec::new();
        for c in claims {
            for t in c.terms.iter().chain(&c.names) {
                let next = ids.len() as u32;
                let id = *ids.entry(t.as_str()).or_insert(next);
                if id as usize == df.len() {
                    df.push(0);
                }
                df[id as usize] += 1;
            }
        }
        let n = claims.len().max(1) as f64;
        let vectors = claims
            .iter()
            .map(|c| {
                let mut v: Vec<(u32, f64)> = c
                    .terms
                    .iter()
                    .chain(&c.names)
                    .map(|t| {
                        let id = ids[t.as_str()];
                        let idf = (n / df[id as usize] as f64).ln() + 1.0;
                        // Names carry more identity than common words.
                        let w = if c.names.contains(t) { 1.5 } else { 1.0 };
                        (id, idf * w)
                    })
                    .collect();
                v.sort_by_key(|e| e.0);
                v.dedup_by_key(|e| e.0);
                let norm = v.iter().map(|e| e.1 * e.1).sum::<f64>().sqrt().max(1e-9);
                v.iter_mut().for_each(|e| e.1 /= norm);
                v
            })
            .collect();
        Similarity {
            vectors,
            semantic: HashMap::new(),
            events: Vec::new(),
            events_semantic: Vec::new(),
        }
    }

    /// Whether two values' event mentions are in one event cluster.
    fn same_event(&self, a: (usize, usize), b: (usize, usize)) -> bool {
        one_cluster(&self.events, a, b)
    }

    /// Whether two values' event mentions are in one cluster of the model fitted with
    /// embeddings (never without an encoder).
    fn same_event_semantic(&self, a: (usize, usize), b: (usize, usize)) -> bool {
        one_cluster(&self.events_semantic, a, b)
    }

    /// The closeness two values' sentences are taken to have: their cosine, raised for two
    /// leads' amounts ([`LEAD_COSINE`]) and for two amounts or lengths told of one event
    /// ([`EVENT_COSINE`]): two sentences about one happening may share few words.
    fn value_cosine(&self, claims: &[Claim], a: (usize, usize), b: (usize, usize)) -> f64 {
        let cos = self.cosine(a.0, b.0);
        let (ca, cb) = (&claims[a.0], &claims[b.0]);
        let x = &ca.values[a.1];
        let amount = matches!(
            x.kind,
            ValueKind::Count | ValueKind::Money | ValueKind::Percent | ValueKind::Measure
        ) && x.unit.as_deref() != Some("age");
        // Two leads tell one story's main event: as close as sentences get (amounts only: a
        // lead names several people, their ages, and several days).
        let cos = if ca.lead && cb.lead && amount {
            cos.max(LEAD_COSINE)
        } else {
            cos
        };
        // Two different values are one slot of one event only when both name what they count
        // or measure, and name it alike: one event has many amounts (the yards of two runs of
        // one game, a quake's magnitude and its aftershock's, told with one verb).
        let y = &cb.values[b.1];
        let named = x.has_noun && y.has_noun && same_word(x.head.as_deref(), y.head.as_deref());
        // Counts, measures and lengths: a percentage's or a sum's noun is mostly its unit
        // ("100 percent" of houses, "40 percent" of buildings), which names no thing.
        let counted = counted(x);
        // And one name in both sentences: one verb in one story also tells of other
        // happenings ("killed" by the quake on Qeshm, "killed" by a quake in eastern China).
        // A length measures its happening: two lengths of one event cluster are of one thing
        // ("a twelve-day offensive" / "swept across the country in 11 days").
        let lengths = x.kind == ValueKind::Duration && y.kind == ValueKind::Duration;
        let meet = values_meet(x, y);
        // Meaning (the model fitted with embeddings) joins only values that agree: it never
        // sets two at odds where the rules would not.
        if counted
            && shared_names(ca, cb) >= 1
            && ((named || lengths || meet) && self.same_event(a, b)
                || meet && self.same_event_semantic(a, b))
        {
            cos.max(EVENT_COSINE)
        } else {
            cos
        }
    }

    /// Sentence-embedding cosine, when both claims were embedded.
    fn semantic(&self, a: usize, b: usize) -> Option<f64> {
        let (x, y) = (self.semantic.get(&a)?, self.semantic.get(&b)?);
        Some(x.iter().zip(y).map(|(p, q)| f64::from(p * q)).sum())
    }

    fn cosine(&self, a: usize, b: usize) -> f64 {
        let (x, y) = (&self.vectors[a], &self.vectors[b]);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += x[i].1 * y[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }
}

/// Counts, measures and lengths, not ages: the values whose slots read event clusters.
fn counted(v: &values::Value) -> bool {
    matches!(
        v.kind,
        ValueKind::Count | ValueKind::Measure | ValueKind::Duration
    ) && v.unit.as_deref() != Some("age")
}

/// Whether two values (claim, value) have event mentions with one label.
fn one_cluster(
    labels: &[Vec<Option<usize>>],
    (ca, va): (usize, usize),
    (cb, vb): (usize, usize),
) -> bool {
    let label = |c: usize, v: usize| labels.get(c).and_then(|e| e.get(v).copied().flatten());
    matches!((label(ca, va), label(cb, vb)), (Some(x), Some(y)) if x == y)
}

fn shared_names(a: &Claim, b: &Claim) -> usize {
    a.names.iter().filter(|n| b.names.contains(n)).count()
}

fn shared_terms(a: &Claim, b: &Claim) -> usize {
    a.terms.iter().filter(|n| b.terms.contains(n)).count()
}

/// Union-find over item indices.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let next = self.parent[y];
            self.parent[y] = r;
            y = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index roots the group, so groups come out the same in any order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
    fn members(&mut self) -> BTreeMap<usize, Vec<usize>> {
        let mut out: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.parent.len() {
            let r = self.find(i);
            out.entry(r).or_default().push(i);
        }
        out
    }
}

/// Whether two slot nouns name the same thing: the same lemma, or (WordNet) synonyms,
/// derivations, or one a kind of the other.
fn same_word(a: Option<&str>, b: Option<&str>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if lexicon::same_thing(x, y))
}

/// Whether two verbs can name one happening (WordNet: also two kinds of one action).
fn same_verb(a: Option<&str>, b: Option<&str>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if lexicon::same_action(x, y))
}

/// Whether two values from two claims speak about the same slot: same kind (and dimension or
/// currency), same counted or measured noun or the same verb, agents that can be the same, and
/// claims about the same event (shared names and words, or close sentence vectors).
fn same_slot(
    a: &Claim,
    av: &values::Value,
    b: &Claim,
    bv: &values::Value,
    cos: f64,
    sem: Option<f64>,
) -> bool {
    // One man's years and his family's are different slots; a family's arrival and its head's
    // arrival are one event.
    if av.kind != bv.kind || av.kind != ValueKind::Date && actor(av).differs(actor(bv)) {
        return false;
    }
    let overlap = if av.kind == ValueKind::Time {
        times_meet(av, bv)
    } else {
        av.lo <= bv.hi + 1e-9 && bv.lo <= av.hi + 1e-9
    };
    if (av.agreement_only || bv.agreement_only) && !overlap {
        return false;
    }
    let head = same_word(av.head.as_deref(), bv.head.as_deref());
    let roles = |v: &values::Value| -> Vec<String> {
        v.role.iter().chain(&v.other_roles).cloned().collect()
    };
    let role = roles(av)
        .iter()
        .any(|x| roles(bv).iter().any(|y| same_verb(Some(x), Some(y))));
    // Meaning alone may find two values in agreement, never at odds: a conflict is a stronger
    // statement, and sentences about two different happenings of one story read alike to a
    // sentence encoder ("launched on November 27" / "entered Homs on December 7"). Values at
    // odds need the lexical evidence of their rule; the encoder can only veto it.
    let accept = |t: f64| if overlap { t } else { f64::INFINITY };
    let shared = shared_names(a, b) + shared_terms(a, b);
    // One exact, specific amount ("612 people", "$160 million", "1,098 yards") of one noun in
    // both: seldom a coincidence, so the sentences need little else in common to agree.
    if matches!(
        av.kind,
        ValueKind::Count | ValueKind::Money | ValueKind::Measure | ValueKind::Percent
    ) && av.unit == bv.unit
        && specific(av)
        && (av.lo - bv.lo).abs() < 1e-9
        && (av.hi - bv.hi).abs() < 1e-9
        && (!(av.has_noun && bv.has_noun) || head)
        && shared >= 1
        && semantic::decide(true, sem, semantic::SAME_THING, semantic::VETO)
    {
        return true;
    }
    // The same exact value of one kind and unit, of one noun when both name theirs, in
    // sentences that share words ("two hours", "five boats", "17:06"): values that cannot
    // be at odds need less of the sentences to be one slot than a dispute would.
    let identical = av.lo == av.hi
        && bv.lo == bv.hi
        && (av.lo - bv.lo).abs() < 1e-9
        && av.unit == bv.unit
        && av.kind != ValueKind::Rank;
    if identical
        && matches!(
            av.kind,
            ValueKind::Count | ValueKind::Duration | ValueKind::Time | ValueKind::Measure
        )
        && (!(av.has_noun && bv.has_noun) || head)
        && shared >= 2
        && cos >= 0.1
        && semantic::decide(true, sem, semantic::SAME_THING, semantic::VETO)
    {
        return true;
    }
    match av.kind {
        ValueKind::Duration => {
            // Days-long spans are compared with days-long spans, years with years; the measured
            // thing must be the same, unless the sentences are plainly about the same thing.
            let class = |v: &values::Value| {
                if v.lo.max(v.hi.min(1e6)) <= 120.0 {
                    0
                } else if v.lo >= 300.0 {
                    2
                } else {
                    1
                }
            };
            // An eight-hour shift is not a twelve-day offensive: lengths in one slot are of one order.
            let order = |x: &values::Value, y: &values::Value| {
                x.lo.max(1e-9) <= 4.0 * y.hi && y.lo.max(1e-9) <= 4.0 * x.hi
            };
            // Two lengths of two named things ("a decade of training", "his 24-year rule")
            // are two slots.
            let named_apart = av.has_noun && bv.has_noun && !head;
            class(av) == class(bv)
                && order(av, bv)
                && !named_apart
                && semantic::decide(
                    // What lasted, when a side names it ("his 24-year rule"), must be what
                    // the other side's length is of (a noun, or the verb: "ruled for 24 years").
                    if av.has_noun || bv.has_noun {
                        head
                    } else {
                        head || role || cos >= 0.2
                    },
                    sem,
                    accept(semantic::SAME_THING),
                    semantic::VETO,
                )
        }
        // Dates: the same kind of event (leaving is not arriving, launching is not capturing).
        ValueKind::Date => {
            // Calendar days with calendar days, weekdays with weekdays.
            // One verb (or synonyms) needs little else in common; verbs related more loosely
            // ("crossed" is a kind of "travel") need more of the sentences to agree.
            let one_verb = matches!(
                (av.role.as_deref(), bv.role.as_deref()),
                (Some(x), Some(y)) if lexicon::synonyms(x, y)
            );
            // A month or a year is more often a background event's date than the day of the
            // story's: two that differ are one slot only with one verb and close sentences.
            let coarse =
                |v: &values::Value| v.unit.as_deref() != Some("weekday") && v.hi - v.lo > 2.0;
            // Two different days are set against each other only for one verb (leaving on
            // Friday is not arriving on Saturday) in close sentences.
            let day_gap = if coarse(av) || coarse(bv) { 0.3 } else { 0.1 };
            // Two verbs that take one place the same way ("went to Promises on Tuesday",
            // "checked into Promises Treatment Center on Friday") tell of one happening.
            let one_place = one_place(a, av, b, bv);
            let one_verb = one_verb || one_place;
            if !(overlap || one_verb && cos >= day_gap) {
                return false;
            }
            // The day a source said, announced or reported something is the day it spoke to
            // that outlet: two outlets' different days are two statements, not a dispute.
            let spoken = |v: &values::Value| v.role.as_deref().is_some_and(lexicon::speech_verb);
            if !overlap && (spoken(av) || spoken(bv)) {
                return false;
            }
            // One day in both, or a month or year in both of which one holds the other
            // ("in 2005", "in September 2005"), in sentences about one thing: such dates cannot
            // be at odds, and an agreement needs less than a dispute. A year never meets a day
            // this way: it would bridge two days of one story into a dispute.
            let within = |x: &values::Value, y: &values::Value| x.lo <= y.lo && y.hi <= x.hi;
            let same_day = overlap
                && (!coarse(av) && !coarse(bv)
                    || coarse(av) && coarse(bv) && (within(av, bv) || within(bv, av)))
                && shared >= 2
                && cos >= 0.15;
            // Nor does meaning alone join a year to a day, two years of which neither holds
            // the other, or a date open at one end: "since 2011" and "by December 7" hold
            // every day of the story, and would bridge two of them into one slot.
            let closed = |v: &values::Value| v.lo.is_finite() && v.hi.is_finite();
            let nested = if coarse(av) || coarse(bv) {
                coarse(av) && coarse(bv) && (within(av, bv) || within(bv, av))
            } else {
                true
            };
            let by_meaning = if closed(av) && closed(bv) && nested {
                accept(semantic::SAME_EVENT)
            } else {
                f64::INFINITY
            };
            av.unit == bv.unit
                && (same_day && semantic::decide(true, sem, semantic::SAME_EVENT, semantic::VETO)
                    || (head || role || one_place)
                        && semantic::decide(
                            // One verb and one date in both: that they agree needs little
                            // of the rest of the sentences (not so the day two sources spoke).
                            cos >= match (one_verb, overlap) {
                                (true, true) if !spoken(av) && !spoken(bv) => 0.05,
                                (true, false) => 0.1,
                                _ => 0.2,
                            },
                            sem,
                            by_meaning,
                            semantic::VETO,
                        )
                    || av.head.is_none()
                        && bv.head.is_none()
                        && shared_names(a, b) >= 1
                        && a.predicate.is_some()
                        && same_verb(a.predicate.as_deref(), b.predicate.as_deref())
                        && cos >= 0.15)
        }
        // Times of day: on the same day when both name it, in one clock (both UTC, or both
        // local), of the same happening.
        ValueKind::Time => {
            // One minute of the clock, exactly ("13:36 GMT" both), is seldom a coincidence.
            let same_minute = !av.approx
                && !bv.approx
                && av.lo == av.hi
                && (av.lo - bv.lo).abs() < 1e-9
                && (av.hi - bv.hi).abs() < 1e-9;
            av.unit == bv.unit
                && !matches!((av.day, bv.day), (Some(x), Some(y)) if x != y)
                && !weekdays_apart(av, bv)
                && semantic::decide(
                    (role || head) && cos >= 0.2
                        || shared >= 3 && cos >= 0.35
                        || same_minute && shared >= 2,
                    sem,
                    accept(semantic::SAME_EVENT),
                    semantic::VETO,
                )
        }
        // Ordinals of one noun ("the seventh round") in sentences about one thing.
        ValueKind::Rank if av.unit.as_deref() == Some("ordinal") => {
            av.unit == bv.unit
                && head
                && shared >= 2
                && semantic::decide(
                    (role || cos >= 0.25) && cos >= 0.15,
                    sem,
                    accept(semantic::SAME_THING),
                    semantic::VETO,
                )
        }
        ValueKind::Rank => av.detail == bv.detail && !av.detail.is_empty() && av.unit == bv.unit,
        ValueKind::Count => {
            // "no casualties" against "nine people were killed": a count of none of a noun
            // that covers the other's noun or verb.
            // A noun on at least one side: two verbs alone ("had no timeouts" / "had 7") say
            // too little of what was counted.
            fn words(v: &values::Value) -> [(bool, Option<&str>); 2] {
                [(v.has_noun, v.head.as_deref()), (false, v.role.as_deref())]
            }
            let zero_covers = (av.hi == 0.0) != (bv.hi == 0.0)
                && words(av).iter().any(|&(nx, x)| {
                    words(bv).iter().any(|&(ny, y)| {
                        (nx || ny)
                            && matches!((x, y), (Some(x), Some(y)) if lexicon::covers(x, y) || lexicon::covers(y, x))
                    })
                });
            // A count is of a noun: two counts meet on the same noun (and verbs that can be one
            // act when both hang on one). A bare number ("26", "three") says too little of what
            // it counts to be set against another unless the two sentences say the same thing.
            let same_count = match (av.has_noun, bv.has_noun) {
                // The same noun counted by one act needs less of the rest of the sentences
                // to agree ("injuring five people" / "injured two people").
                // The same number of the same noun needs less still.
                // Two different amounts are set against each other only when they count one
                // kind of thing, not a kind and a wider one ("28 passes", "41 attempts").
                (true, true) => {
                    // The same noun with the same word before it ("a pair of left hooks",
                    // "three consecutive left hooks") names one thing more narrowly than the
                    // noun alone: the sentences need less else in common.
                    let narrow = same_modifier(av, bv);
                    head && (overlap
                        || matches!(
                            (av.head.as_deref(), bv.head.as_deref()),
                            (Some(x), Some(y)) if lexicon::same_kind(x, y)
                        ))
                        && ((role || narrow) && cos >= 0.12
                            || cos >= if overlap { 0.15 } else { 0.25 })
                }
                // Two bare numbers are one slot only on one verb ("injuring 40" / "injured
                // almost 50", "wounding 70" / "injuring 80") in close sentences.
                (false, false) => same_word(av.role.as_deref(), bv.role.as_deref()) && cos >= 0.2,
                _ => false,
            };
            (same_count && !far_apart(av, bv) || zero_covers && cos >= 0.25)
                && shared >= 2
                && semantic::decide(true, sem, accept(semantic::SAME_THING), semantic::VETO)
        }
        // Amounts of money and shares: of one currency, of the same named thing when both name
        // one ("a $2.5 million necklace"), on one verb or in close sentences.
        ValueKind::Percent | ValueKind::Money => {
            av.unit == bv.unit
                && !(av.has_noun && bv.has_noun && !head)
                && !far_apart(av, bv)
                && shared >= 2
                && semantic::decide(
                    (head || role) && cos >= 0.25 || cos >= 0.4,
                    sem,
                    accept(semantic::SAME_THING),
                    semantic::VETO,
                )
        }
        // Ages: of one named person, or of people named alike in close sentences.
        ValueKind::Measure if av.unit.as_deref() == Some("age") => {
            let named = |v: &values::Value| matches!(v.agent, frames::Agent::Person(_));
            bv.unit == av.unit
                && if named(av) && named(bv) {
                    true
                } else if named(av) != named(bv) {
                    // "Eric Allen Kirkpatrick, 61" and "a 61-year-old man": one person only
                    // when the sentences tell of one thing.
                    cos >= if overlap { 0.2 } else { 0.4 }
                } else {
                    (head && cos >= 0.2 || cos >= 0.4)
                        && semantic::decide(true, sem, accept(semantic::SAME_THING), semantic::VETO)
                }
        }
        // Distances from one named place ("940 miles south of Tehran", "1,150 kilometers
        // southeast of Tehran"): one slot in sentences that share words.
        ValueKind::Measure
            if av.has_noun
                && av.head == bv.head
                && av.head.as_deref().is_some_and(|h| h.starts_with("from ")) =>
        {
            av.unit == bv.unit
                && !far_apart(av, bv)
                && shared >= 2
                && semantic::decide(
                    cos >= 0.1,
                    sem,
                    accept(semantic::SAME_THING),
                    semantic::VETO,
                )
        }
        ValueKind::Measure => {
            // Two measures of two named things ("a 45-yard field goal", "a 28-yard pass") are
            // two slots.
            same_dimension(av, bv)
                && !(av.has_noun && bv.has_noun && !head)
                && !far_apart(av, bv)
                && shared >= 2
                && semantic::decide(
                    (head || role) && cos >= if overlap { 0.15 } else { 0.25 } || cos >= 0.4,
                    sem,
                    accept(semantic::SAME_THING),
                    semantic::VETO,
                )
        }
        ValueKind::Route => cos >= 0.05 || shared >= 1,
        // One score or record in sentences about one thing.
        // Two records of one named holder ("Klitschko (52-3)", "Klitschko, 53-3") are one slot.
        ValueKind::Score => {
            let holder = |v: &values::Value| match &v.agent {
                frames::Agent::Person(p) if v.unit.as_deref() == Some("record") => Some(p.clone()),
                _ => None,
            };
            let one_holder = matches!((holder(av), holder(bv)), (Some(x), Some(y)) if x == y);
            (one_holder && shared >= 1 || av.detail == bv.detail && shared >= 2 && cos >= 0.1)
                && semantic::decide(true, sem, semantic::SAME_THING, semantic::VETO)
        }
        // Persons named with a role: one surname with roles of one kind ("Judge", "judge"), or
        // one full name whatever the roles ("publicist Harlan Boll", "spokesman Harlan
        // Boll"); two people named with the same role words ("general manager A.J. Smith",
        // "general manager A.J. Butler") in sentences about one thing are at odds.
        ValueKind::Actor => {
            if values_meet(av, bv) {
                head || av.detail == bv.detail && av.detail.len() >= 2
            } else {
                av.unit == bv.unit
                    && av.detail.len() >= 2
                    && bv.detail.len() >= 2
                    && shared >= 2
                    && cos >= 0.2
                    && semantic::decide(true, sem, f64::INFINITY, semantic::VETO)
            }
        }
        // Places: one relation (where it happened, where from, where to) of the same verb or
        // noun. The same place needs little more; two different places need the sentences to
        // be about one thing (a place in another clause is not the event's place), and names
        // that cannot be told apart are not compared.
        ValueKind::Place => {
            av.unit == bv.unit
                && match values::same_place(&av.detail, &bv.detail) {
                    Some(true) => (head || role || shared_names(a, b) >= 2) && cos >= 0.15,
                    // Two different names hanging on one word were, on the dev gold, mostly a
                    // place and its region or two places of one story (0 of 14 right): they
                    // are set against each other only when the gazetteer knows both as towns
                    // of one area, neither holding the other, said of one named thing.
                    Some(false) | None => {
                        // One noun (a named facility) and one verb in sentences that share
                        // two names need less of the rest of the sentences; a named person's
                        // home town is the person's, in any sentence.
                        let names = shared_names(a, b);
                        (head && av.has_noun || role)
                            && names >= 1
                            && (av.unit.as_deref() == Some("home")
                                || cos >= 0.2
                                || head && av.has_noun && role && names >= 2 && cos >= 0.08)
                            && values::places_apart(av, bv)
                    }
                }
                && semantic::decide(true, sem, accept(semantic::SAME_THING), semantic::VETO)
        }
    }
}

/// Who acts in the statement a value belongs to, as far as the slot is concerned: nobody known
/// when the value hangs on a verb of speaking ("home to 120,000 people, state media said",
/// "..., the U.S. Geological Survey said"), whose subject is the source of the statement, not
/// an actor of what it states. Two sources of one fact do not make it two slots.
fn actor(v: &values::Value) -> &frames::Agent {
    // Only amounts of a named noun: an age or a length describes the person the sentence
    // names ("Bob Currie, 66, said", "Russell, a 20-year veteran, ..."), whoever speaks.
    let amount = matches!(
        v.kind,
        ValueKind::Count | ValueKind::Money | ValueKind::Percent | ValueKind::Measure
    ) && v.has_noun
        && v.unit.as_deref() != Some("age");
    if amount && v.role.as_deref().is_some_and(lexicon::speech_verb) {
        &frames::Agent::Unknown
    } else {
        &v.agent
    }
}

/// Whether two measures are of one dimension: the same unit, or one noun measured where one
/// side does not name its scale ("a 5.6 quake", "a 5.6-magnitude earthquake").
fn same_dimension(a: &values::Value, b: &values::Value) -> bool {
    a.unit == b.unit
        || (a.unit.is_none() || b.unit.is_none())
            && a.unit.as_deref() != Some("age")
            && b.unit.as_deref() != Some("age")
            && a.has_noun
            && b.has_noun
            && same_word(a.head.as_deref(), b.head.as_deref())
}

/// The closeness two leads' claims are taken to have at least (see [`claims::Claim::lead`]).
const LEAD_COSINE: f64 = 0.4;

/// The closeness two amounts or lengths told of one event (their event mentions in one cluster
/// of the fitted event model, [`event_labels`]) are taken to have at least.
const EVENT_COSINE: f64 = 0.25;

/// Verbs that name no happening of their own: a value on "be" or "have" is of what the
/// sentence says around them.
const LIGHT_VERBS: &[&str] = &["be", "have", "do", "get"];

/// The event mentions of the values, and each value's mention (per claim, per value): the noun
/// naming the happening it is of ([`event_noun_of`]), else the verb it hangs on (else its
/// claim's main predicate), lemmatized, not a verb of speaking (a source's "said" is no event
/// of the story) nor a light verb. [`event_labels`] clusters them with the fitted event model
/// ([`events::fitted`]): its pair probability from the lemmas, their WordNet relation and the
/// names and numbers of the two sentences, with two documents of the input taken as two reports
/// of one story ([`events::story_similarity`]).
fn event_mentions(
    docs: &[DocInput<'_>],
    claims: &[Claim],
) -> (Vec<events::EventMention>, Vec<Vec<Option<usize>>>) {
    let mut mentions: Vec<events::EventMention> = Vec::new();
    let mut index: BTreeMap<(usize, String), usize> = BTreeMap::new();
    let mut of: Vec<Vec<Option<usize>>> = Vec::with_capacity(claims.len());
    for (ci, c) in claims.iter().enumerate() {
        let mut here = Vec::with_capacity(c.values.len());
        // Event nouns are looked for only where clusters are read (amounts and lengths).
        let d = &docs[c.doc];
        let words = c
            .values
            .iter()
            .any(counted)
            .then(|| d.parses.iter().find(|p| p.span == c.sentence))
            .flatten()
            .map(|p| frames::Words::from_syntax(d.text, p));
        for v in &c.values {
            let noun = words
                .as_ref()
                .filter(|_| counted(v))
                .and_then(|w| event_noun_of(w, v.span));
            let word = noun
                .as_deref()
                .or(v.role.as_deref())
                .or(c.predicate.as_deref());
            let Some(word) = word.filter(|w| {
                !LIGHT_VERBS.contains(w)
                    && w.chars().any(char::is_alphabetic)
                    && !lexicon::speech_verb(w)
            }) else {
                here.push(None);
                continue;
            };
            let lemma = events::lemma_key(word);
            let m = *index.entry((ci, lemma.clone())).or_insert_with(|| {
                let text = c.sentence.slice(docs[c.doc].text);
                // Names and numbers of the sentence, as the model was fitted on.
                let arguments = events::argument_words(
                    claims::tokens(text)
                        .iter()
                        .map(|t| (t.text, events::lemma_key(t.text) == lemma)),
                );
                mentions.push(events::EventMention {
                    doc: c.doc,
                    sentence: ci,
                    lemma: lemma.clone(),
                    arguments,
                    vector: None,
                    word: None,
                });
                mentions.len() - 1
            });
            here.push(Some(m));
        }
        of.push(here);
    }
    (mentions, of)
}

/// The event cluster of each value's event mention ([`event_mentions`]) under `model`.
fn event_labels(
    mentions: &[events::EventMention],
    of: &[Vec<Option<usize>>],
    model: &events::Model,
    story: f64,
) -> Vec<Vec<Option<usize>>> {
    /// Average-link clustering is cubic in the mentions: past this many, none are clustered.
    const MOST: usize = 600;
    if mentions.is_empty() || mentions.len() > MOST {
        return of.iter().map(|v| vec![None; v.len()]).collect();
    }
    let labels = events::cluster(mentions, &|_, _| story, model);
    of.iter()
        .map(|v| v.iter().map(|m| m.map(|m| labels[m])).collect())
        .collect()
}

/// Claims whose event mentions the model fitted with embeddings may join into a slot: both
/// sides of every cross-document pair of amounts or lengths that agree, with mentions, in
/// sentences that share a name ([`Similarity::value_cosine`]), whose slot would change if they
/// were told of one event. Only these sentences are worth embedding for it.
fn event_wanted(
    claims: &[Claim],
    roots: &[usize],
    sim: &Similarity,
    mention_of: &[Vec<Option<usize>>],
) -> std::collections::BTreeSet<usize> {
    let items: Vec<(usize, usize)> = claims
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| (0..c.values.len()).map(move |vi| (ci, vi)))
        .filter(|&(ci, vi)| mention_of[ci][vi].is_some() && counted(&claims[ci].values[vi]))
        .collect();
    let mut out = std::collections::BTreeSet::new();
    for (i, &(ca, va)) in items.iter().enumerate() {
        for &(cb, vb) in &items[i + 1..] {
            let (a, b) = (&claims[ca], &claims[cb]);
            let (x, y) = (&a.values[va], &b.values[vb]);
            if roots[a.doc] == roots[b.doc]
                || x.kind != y.kind
                || shared_names(a, b) == 0
                || !values_meet(x, y)
            {
                continue;
            }
            let cos = sim.value_cosine(claims, (ca, va), (cb, vb));
            if cos < EVENT_COSINE
                && same_slot(a, x, b, y, cos, None) != same_slot(a, x, b, y, EVENT_COSINE, None)
            {
                out.insert(ca);
                out.insert(cb);
            }
        }
    }
    out
}

/// The event clusters of the model fitted with embeddings ([`events::fitted_with_embeddings`]):
/// each mention given its claim's sentence vector and the vector of its lemma alone (one
/// encoder call for the story's distinct lemmas), with the number of lemmas embedded. All
/// `None` when the encoder fails.
fn semantic_event_labels(
    mentions: &[events::EventMention],
    of: &[Vec<Option<usize>>],
    vectors: &HashMap<usize, Vec<f32>>,
    wanted: &std::collections::BTreeSet<usize>,
    encoder: &dyn SentenceEncoder,
) -> (Vec<Vec<Option<usize>>>, usize) {
    let none = || of.iter().map(|v| vec![None; v.len()]).collect();
    // The mentions of the claims [`event_wanted`] chose, with their sentences' vectors.
    let keep: Vec<usize> = (0..mentions.len())
        .filter(|&m| wanted.contains(&mentions[m].sentence))
        .filter(|&m| vectors.contains_key(&mentions[m].sentence))
        .collect();
    if keep.is_empty() {
        return (none(), 0);
    }
    let lemmas: Vec<String> = keep
        .iter()
        .map(|&m| mentions[m].lemma.clone())
        .collect::<std::collections::BTreeSet<String>>()
        .into_iter()
        .collect();
    let texts: Vec<&str> = lemmas.iter().map(String::as_str).collect();
    let words: HashMap<String, Vec<f32>> = match encoder.encode(&texts) {
        Ok(vs) if vs.len() == lemmas.len() => lemmas.iter().cloned().zip(vs).collect(),
        _ => return (none(), 0),
    };
    let sub: Vec<events::EventMention> = keep
        .iter()
        .map(|&m| events::EventMention {
            vector: vectors.get(&mentions[m].sentence).cloned(),
            word: words.get(&mentions[m].lemma).cloned(),
            ..mentions[m].clone()
        })
        .collect();
    let at: HashMap<usize, usize> = keep.iter().enumerate().map(|(k, &m)| (m, k)).collect();
    let sub_of: Vec<Vec<Option<usize>>> = of
        .iter()
        .map(|v| {
            v.iter()
                .map(|m| m.and_then(|m| at.get(&m).copied()))
                .collect()
        })
        .collect();
    let labels = event_labels(
        &sub,
        &sub_of,
        &events::fitted_with_embeddings(),
        events::story_similarity_with_embeddings(),
    );
    (labels, lemmas.len())
}

/// The noun naming the happening a value at `span` is of, in a parse: up from the value's
/// words, the first noun that names a happening ([`lexicon::event_noun`]: "a twelve-day
/// *offensive*", "three *attacks*") before a verb; or, when that verb only says something was,
/// lasted or was perceived ([`lexicon::support_verb`]), its subject or object that does ("the
/// *tremor* lasted 30 seconds", "sensed a *tremor* for one minute"). `None` leaves the verb.
fn event_noun_of(w: &frames::Words, span: Span) -> Option<String> {
    let ws = w.within(span);
    let mut cur = ws
        .iter()
        .copied()
        .find(|&i| w.words[i].head.is_none_or(|h| !ws.contains(&h)))?;
    for _ in 0..6 {
        let x = &w.words[cur];
        match x.upos {
            "NOUN" if lexicon::event_noun(&x.lemma) => return Some(x.lemma.clone()),
            "VERB" | "AUX" => {
                if !(LIGHT_VERBS.contains(&x.lemma.as_str()) || lexicon::support_verb(&x.lemma)) {
                    return None;
                }
                return (0..w.words.len()).find_map(|k| {
                    let y = &w.words[k];
                    (y.head == Some(cur)
                        && y.upos == "NOUN"
                        && matches!(y.deprel.as_str(), "nsubj" | "nsubj:pass" | "obj")
                        && lexicon::event_noun(&y.lemma))
                    .then(|| y.lemma.clone())
                });
            }
            _ => {}
        }
        cur = x.head?;
    }
    None
}

/// Whether the verbs two values hang on take one place the same way (both "to" Promises, both
/// "at" Qeshm): a sign that they tell of one happening, whatever the verbs.
fn one_place(a: &Claim, av: &values::Value, b: &Claim, bv: &values::Value) -> bool {
    let places = |c: &'_ Claim, v: &values::Value| -> Vec<(Option<String>, Vec<String>)> {
        c.values
            .iter()
            .filter(|p| p.kind == ValueKind::Place && v.role.is_some() && p.role == v.role)
            .map(|p| (p.unit.clone(), p.detail.clone()))
            .collect()
    };
    let theirs = places(b, bv);
    places(a, av).iter().any(|(u, p)| {
        theirs
            .iter()
            .any(|(w, q)| u == w && values::same_place(p, q) == Some(true))
    })
}

/// An exact amount with three significant digits or more: 612, 160 million, 1,098.
fn specific(v: &values::Value) -> bool {
    let digits: String = v.label.chars().filter(char::is_ascii_digit).collect();
    v.lo == v.hi && v.lo.is_finite() && !v.approx && digits.trim_start_matches('0').len() >= 3
}

/// Whether two counts name their noun with the same word before it ("a pair of left hooks",
/// "three consecutive left hooks"): a word of letters, not a number
/// ([`corroborate_extract::quantities::is_number_word`]) or a word of quantity.
fn same_modifier(a: &values::Value, b: &values::Value) -> bool {
    const QUANTITY: &[&str] = &[
        "a",
        "an",
        "the",
        "of",
        "other",
        "more",
        "additional",
        "further",
        "extra",
        "another",
        "some",
        "many",
        "few",
        "several",
        "millions",
        "least",
        "most",
        "than",
        "about",
        "around",
        "nearly",
        "almost",
        "over",
        "under",
        "up",
        "to",
        "and",
        "or",
        "new",
        "all",
        "hundred",
        "pair",
        "couple",
        "handful",
    ];
    let before_head = |v: &values::Value| -> Option<(String, String)> {
        let words: Vec<String> = v
            .label
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        match words.as_slice() {
            [.., m, h]
                if m.chars().all(|c| c.is_alphabetic())
                    && !QUANTITY.contains(&m.as_str())
                    && !corroborate_extract::quantities::is_number_word(m) =>
            {
                Some((m.clone(), h.clone()))
            }
            _ => None,
        }
    };
    a.has_noun
        && b.has_noun
        && matches!((before_head(a), before_head(b)), (Some(x), Some(y)) if x == y)
}

/// Two amounts more than two and a half times apart: rarely one count or measure told two
/// ways (a season's total and a game's, all punches and those landed, a career's yards and a
/// game's), while reports of one amount that differ stay within that.
fn far_apart(a: &values::Value, b: &values::Value) -> bool {
    a.lo.min(b.lo) > 0.0 && a.lo.max(b.lo) > 2.5 * a.hi.min(b.hi)
}

/// Words that make an amount a total over a stretch of time or over several happenings ("14
/// rifles in their five operations so far", "2,000 arrests to date"), not one happening's
/// count: general English, not of one story.
const TOTAL_SCOPE: &[&str] = &[
    "so far",
    "thus far",
    "to date",
    "until now",
    "up to now",
    "in all",
    "in total",
    "a total of",
    "all told",
    "altogether",
    "cumulative",
    "cumulatively",
];

/// Per claim and value, whether the value is a running total: every amount of a sentence that
/// holds a total's scope words. The words need not stand next to the amount ("In their five
/// operations so far, the crew have confiscated 14 rifles"), and a count the same sentence
/// gives of one happening only fails to meet other reports' counts of it.
fn running_totals(docs: &[DocInput<'_>], claims: &[Claim]) -> Vec<Vec<bool>> {
    let amount = |v: &values::Value| {
        matches!(
            v.kind,
            ValueKind::Count | ValueKind::Money | ValueKind::Percent | ValueKind::Measure
        ) && v.unit.as_deref() != Some("age")
    };
    claims
        .iter()
        .map(|c| {
            if !c.values.iter().any(amount) {
                return vec![false; c.values.len()];
            }
            let lower = c.sentence.slice(docs[c.doc].text).to_ascii_lowercase();
            let scoped = TOTAL_SCOPE
                .iter()
                .any(|p| !word_positions(&lower, p).is_empty());
            c.values.iter().map(|v| scoped && amount(v)).collect()
        })
        .collect()
}

/// Byte offsets where `phrase` stands in `text` as whole words.
fn word_positions(text: &str, phrase: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let word = |i: usize| bytes[i].is_ascii_alphanumeric();
    text.match_indices(phrase)
        .map(|(i, _)| i)
        .filter(|&i| {
            let end = i + phrase.len();
            (i == 0 || !word(i - 1)) && (end >= bytes.len() || !word(end))
        })
        .collect()
}

fn value_comparisons(
    docs: &[DocInput<'_>],
    claims: &[Claim],
    roots: &[usize],
    sim: &Similarity,
) -> Vec<Comparison> {
    // Every (claim, value) is an item; items of different documents in one slot are grouped.
    let items: Vec<(usize, usize)> = claims
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| (0..c.values.len()).map(move |vi| (ci, vi)))
        .collect();
    let mut groups = Groups::new(items.len());
    let totals = running_totals(docs, claims);
    // The known agents of each group, by its root; dates join across agents (a family's
    // arrival and its head's are one event).
    let mut agents: Vec<Vec<frames::Agent>> = items
        .iter()
        .map(|&(c, v)| {
            let val = &claims[c].values[v];
            if *actor(val) == frames::Agent::Unknown || val.kind == ValueKind::Date {
                vec![]
            } else {
                vec![actor(val).clone()]
            }
        })
        .collect();
    // Every pair of items in one slot, the closest sentences first: groups grow from their
    // best matches, so a weak link cannot pull a value into a group its own document
    // contradicts.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            let (ca, va) = items[i];
            let (cb, vb) = items[j];
            let (a, b) = (&claims[ca], &claims[cb]);
            if roots[a.doc] == roots[b.doc] {
                continue;
            }
            let (x, y) = (&a.values[va], &b.values[vb]);
            let cos = sim.value_cosine(claims, (ca, va), (cb, vb));
            let sem = sim.semantic(ca, cb);
            // A running total ("14 rifles in their five operations so far") is another
            // slot than one happening's count, whatever the sentences share.
            if totals[ca][va] != totals[cb][vb] {
                continue;
            }
            if same_slot(a, x, b, y, cos, sem) {
                // One exact amount in both is a surer match than any closeness of sentences
                // (not so a length: "30 days" and "eight years" are said of many things).
                let same_amount = x.kind != ValueKind::Duration
                    && !x.approx
                    && !y.approx
                    && x.lo == x.hi
                    && y.lo == y.hi
                    && (x.lo - y.lo).abs() < 1e-9
                    && values_meet(x, y);
                let sure = if same_amount { 1.0 } else { 0.0 };
                pairs.push((sure + sem.unwrap_or(cos), i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let links: Vec<(usize, usize)> = pairs.iter().map(|&(_, i, j)| (i, j)).collect();
    // The members of each group, by its root.
    let mut held: Vec<Vec<usize>> = (0..items.len()).map(|i| vec![i]).collect();
    for (_, i, j) in pairs {
        let (ri, rj) = (groups.find(i), groups.find(j));
        if ri == rj {
            continue;
        }
        // Two groups join only when no agents of theirs differ (a value with no known agent
        // must not bridge one man's years and his family's), and when no document would hold
        // two values of the slot that cannot both be true: a report does not contradict
        // itself, so such values are two slots (a game's total and a season's, the guards
        // killed and the guards wounded).
        let clash = agents[ri]
            .iter()
            .any(|x| agents[rj].iter().any(|y| x.differs(y)));
        let torn = held[ri].iter().any(|&x| {
            held[rj].iter().any(|&y| {
                let (cx, vx) = items[x];
                let (cy, vy) = items[y];
                roots[claims[cx].doc] == roots[claims[cy].doc]
                    && !values_meet(&claims[cx].values[vx], &claims[cy].values[vy])
            })
        });
        // Counts of two nouns neither of which is the other's kind ("firefighters",
        // "residents") are two slots, even when a wider noun ("people") meets both.
        let apart = held[ri].iter().any(|&x| {
            held[rj].iter().any(|&y| {
                let (cx, vx) = items[x];
                let (cy, vy) = items[y];
                let (p, q) = (&claims[cx].values[vx], &claims[cy].values[vy]);
                p.kind == ValueKind::Count
                    && p.has_noun
                    && q.has_noun
                    && !same_word(p.head.as_deref(), q.head.as_deref())
            })
        });
        // A link of two values that agree, one of them vague, joins two groups only when no
        // two values of theirs pin the slot to different points (see [`pinned_apart`]).
        let (ci, vi) = items[i];
        let (cj, vj) = items[j];
        let (p, q) = (&claims[ci].values[vi], &claims[cj].values[vj]);
        let agreeing = values_meet(p, q) && !pinned_apart(p, q);
        let bridged = agreeing
            && (p.lo != p.hi || q.lo != q.hi)
            && held[ri].iter().any(|&x| {
                held[rj].iter().any(|&y| {
                    let (cx, vx) = items[x];
                    let (cy, vy) = items[y];
                    pinned_apart(&claims[cx].values[vx], &claims[cy].values[vy])
                })
            });
        if !clash && !torn && !apart && !bridged {
            groups.union(i, j);
            let root = groups.find(i);
            let other = if root == ri { rj } else { ri };
            let mut merged = std::mem::take(&mut agents[other]);
            agents[root].append(&mut merged);
            let mut members = std::mem::take(&mut held[other]);
            held[root].append(&mut members);
        }
    }
    // Every value of each document (by its root), to see what else a document states.
    let mut by_root: BTreeMap<usize, Vec<(usize, &values::Value)>> = BTreeMap::new();
    for &(c, v) in &items {
        by_root
            .entry(roots[claims[c].doc])
            .or_default()
            .push((c, &claims[c].values[v]));
    }
    let closed = |v: &values::Value| v.lo.is_finite() && v.hi.is_finite();
    // An amount given as a range at least twice as wide at the top as at the bottom
    // ("several", "a few", "dozens"), not a reading with its slack ("about 50").
    let vague = |v: &values::Value| {
        matches!(
            v.kind,
            ValueKind::Count | ValueKind::Money | ValueKind::Measure | ValueKind::Percent
        ) && closed(v)
            && v.lo > 0.0
            && v.hi >= 2.0 * v.lo
    };
    let total_of = |c: usize, v: &values::Value| {
        claims[c]
            .values
            .iter()
            .position(|w| std::ptr::eq(w, v))
            .is_some_and(|k| totals[c][k])
    };
    let mut out = Vec::new();
    for members in groups.members().into_values() {
        // A document that itself states the other side's value (a game's 17 passes and its 34
        // attempts, the day of the raid and the day of the arrests) knows both numbers: they
        // are two slots to it, and its value is not set against the other.
        let knows = |m: usize, n: usize| {
            let (cm, vm) = items[m];
            let (root, mine) = (roots[claims[cm].doc], &claims[cm].values[vm]);
            let (cn, vn) = items[n];
            let theirs = &claims[cn].values[vn];
            roots[claims[cn].doc] != root
                && !values_meet(mine, theirs)
                && by_root[&root].iter().any(|&(oc, other)| {
                    !std::ptr::eq(other, mine)
                        // A running total the report gives beside one happening's count is
                        // another slot: it does not tell the other side's count.
                        && total_of(oc, other) == total_of(cn, theirs)
                        && other.kind == theirs.kind
                        && (other.unit == theirs.unit
                            || other.kind == ValueKind::Measure && same_dimension(other, theirs))
                        && values_meet(other, theirs)
                        // A bound open at one end ("at least 10 people") meets every larger
                        // value without stating any of them; so does a vague amount
                        // ("several residential units", three to nine) every amount it spans.
                        && (closed(other) || !closed(theirs))
                        && (!vague(other) || vague(theirs))
                        && ((other.has_noun && theirs.has_noun
                            || other.kind == ValueKind::Date)
                            && same_word(other.head.as_deref(), theirs.head.as_deref())
                            // A report that names both places (a town and its
                            // county, a venue and its city) does not dispute either.
                            || other.kind == ValueKind::Place
                            // One sentence that states both values ("fronted the
                            // Emmys in 2001 and 2005 (co-hosting them in 2003)",
                            // "the Orioles (seven years) and Nationals (eight
                            // years)") of one word tells of two things.
                            || oc == cm
                                && (other.kind == ValueKind::Date
                                    || other.head == theirs.head
                                    // Two lengths listed for one word ("the
                                    // Orioles (seven years), Nationals (eight
                                    // years)"), whatever the other side hangs on.
                                    || other.kind == ValueKind::Duration
                                        && other.head == mine.head)
                            // An exact length of the other side's verb, or its synonym
                            // ("keep her there for the 90 days", "a 90-day stay ... keep
                            // her"): the report knows that length and tells another.
                            || other.kind == ValueKind::Duration
                                && other.lo == other.hi
                                && matches!(
                                    (other.role.as_deref(), theirs.role.as_deref()),
                                    (Some(x), Some(y)) if lexicon::synonyms(x, y)
                                ))
                })
        };
        // Such a pair is no link of the slot; a value still joined to one it knows through
        // other values is dropped, and what is left of the group stays one slot only where its
        // values were matched to each other ("30 days" of a program and "the 90 days" of a
        // court order met only through a report that states both).
        let kept: Vec<(usize, usize)> = links
            .iter()
            .copied()
            .filter(|&(i, j)| members.binary_search(&i).is_err() || !knows(i, j) && !knows(j, i))
            .collect();
        for part in linked_parts(&members, &kept) {
            let part: Vec<usize> = part
                .iter()
                .copied()
                .filter(|&m| !part.iter().any(|&n| knows(m, n)))
                .collect();
            for members in linked_parts(&part, &kept) {
                out.extend(group_comparison(&members, &items, claims, roots, docs));
            }
        }
    }
    out
}

/// The parts of a group that its values' own links hold together, each sorted.
fn linked_parts(members: &[usize], links: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let index = |m: usize| members.binary_search(&m).ok();
    let mut parts = Groups::new(members.len());
    for &(i, j) in links {
        if let (Some(x), Some(y)) = (index(i), index(j)) {
            parts.union(x, y);
        }
    }
    parts
        .members()
        .into_values()
        .map(|ps| ps.into_iter().map(|p| members[p]).collect())
        .collect()
}

/// The comparison a group of values of one slot makes: agreement, update or conflict, or
/// nothing when the values come from fewer than two documents.
fn group_comparison(
    members: &[usize],
    items: &[(usize, usize)],
    claims: &[Claim],
    roots: &[usize],
    docs: &[DocInput<'_>],
) -> Vec<Comparison> {
    let mut out = Vec::new();
    let docs_in: std::collections::BTreeSet<usize> = members
        .iter()
        .map(|&m| roots[claims[items[m].0].doc])
        .collect();
    if docs_in.len() < 2 {
        return out;
    }
    let vals: Vec<(usize, &values::Value)> = members
        .iter()
        .map(|&m| (items[m].0, &claims[items[m].0].values[items[m].1]))
        .collect();
    let kind = vals[0].1.kind;
    let mut positions = positions_of(&vals, claims, roots, docs);
    // Places are compared for agreement only (see `same_slot`): a group that different
    // names joined through names they share (a clinic and its town, a town and another
    // town's clinic) is one agreement per name that two documents state.
    // Ordinals are compared for agreement only: a story tells of many rounds, quarters and
    // times, and two ordinals of one noun in close sentences are more often two of them
    // than a dispute.
    // Scores too, but for records of one named holder, which cannot differ at one time.
    let records = vals
        .iter()
        .any(|(_, v)| v.unit.as_deref() == Some("record"));
    // Places are at odds only when every two of different positions are two towns apart.
    let towns_apart = |p: &Position, q: &Position| {
        p.spans.iter().all(|&(c, sa)| {
            q.spans.iter().all(|&(d, sb)| {
                let find = |c: usize, s: Span| claims[c].values.iter().find(|v| v.span == s);
                matches!((find(c, sa), find(d, sb)), (Some(x), Some(y)) if values::places_apart(x, y))
            })
        })
    };
    let places_at_odds = kind == ValueKind::Place
        && positions.len() > 1
        && positions
            .iter()
            .enumerate()
            .all(|(i, p)| positions[i + 1..].iter().all(|q| towns_apart(p, q)));
    let agreement_only = kind == ValueKind::Place && !places_at_odds
        || kind == ValueKind::Score && !records
        || kind == ValueKind::Rank && vals[0].1.unit.as_deref() == Some("ordinal");
    if agreement_only && positions.len() > 1 {
        for p in positions {
            let docs_of: std::collections::BTreeSet<usize> =
                p.claims.iter().map(|&c| roots[claims[c].doc]).collect();
            if docs_of.len() >= 2 {
                out.push(Comparison {
                    id: String::new(),
                    topic: slot_title(kind, &vals),
                    verdict: Verdict::Agree,
                    kind: None,
                    degree: None,
                    positions: vec![p],
                    value_kind: Some(kind),
                });
            }
        }
        return out;
    }
    let (verdict, conflict, degree) = if positions.len() == 1 {
        (Verdict::Agree, None, None)
    } else if let Some(order) = revision_order(&positions, kind) {
        // Each later position published after every report of the one before: the number
        // was revised, not disputed.
        let mut sorted: Vec<Position> = Vec::new();
        for i in order {
            sorted.push(positions[i].clone());
        }
        positions = sorted;
        (Verdict::Update, None, None)
    } else {
        let ck = match kind {
            ValueKind::Duration => ConflictKind::Duration,
            ValueKind::Date => ConflictKind::Date,
            ValueKind::Time => ConflictKind::Time,
            ValueKind::Rank => ConflictKind::Rank,
            ValueKind::Route => ConflictKind::Route,
            ValueKind::Place => ConflictKind::Place,
            ValueKind::Actor => ConflictKind::Actor,
            ValueKind::Score => ConflictKind::Other,
            ValueKind::Count => ConflictKind::Count,
            ValueKind::Measure => ConflictKind::Measure,
            ValueKind::Percent | ValueKind::Money => ConflictKind::Number,
        };
        (Verdict::Conflict, Some(ck), Some(degree_of(&vals, kind)))
    };
    out.push(Comparison {
        id: String::new(),
        topic: slot_title(kind, &vals),
        verdict,
        kind: conflict,
        degree,
        positions,
        value_kind: Some(kind),
    });
    out
}

/// Two times of day on two named weekdays ("Tuesday morning", "Saturday afternoon"): of two
/// happenings, whatever the clock.
fn weekdays_apart(a: &values::Value, b: &values::Value) -> bool {
    a.kind == ValueKind::Time
        && b.kind == ValueKind::Time
        && !a.detail.is_empty()
        && !b.detail.is_empty()
        && a.detail != b.detail
}

/// Two values that pin their slot to two different points: both points ("8.49pm", "9pm"; "89",
/// "99") and apart, or two times of day on two named weekdays. A vague value that holds both
/// ("around 9pm", "Friday night") agrees with each, and must not bridge them into one slot:
/// only a link between two values at odds may set two such values against each other.
fn pinned_apart(a: &values::Value, b: &values::Value) -> bool {
    let point = |v: &values::Value| v.lo == v.hi;
    let numeric = !matches!(
        a.kind,
        ValueKind::Place | ValueKind::Actor | ValueKind::Route | ValueKind::Score
    );
    a.kind == b.kind
        && numeric
        && (point(a) && point(b) && !values_meet(a, b) || weekdays_apart(a, b))
}

/// Whether two values of one slot can both be true: their intervals overlap (routes: they
/// share a stop).
fn values_meet(a: &values::Value, b: &values::Value) -> bool {
    match a.kind {
        ValueKind::Route => a.detail.iter().any(|s| b.detail.contains(s)),
        // One person: one surname, or one name's words all in the other's ("Sanjay Gupta",
        // "Sanjay Gupta Surgeon General" of a title-case headline).
        ValueKind::Score => a.detail == b.detail,
        ValueKind::Actor => {
            let within = |x: &[String], y: &[String]| x.iter().all(|w| y.contains(w));
            a.detail.last() == b.detail.last()
                || within(&a.detail, &b.detail)
                || within(&b.detail, &a.detail)
        }
        ValueKind::Place => {
            a.unit == b.unit && values::same_place(&a.detail, &b.detail) == Some(true)
        }
        ValueKind::Time => times_meet(a, b),
        _ => a.lo <= b.hi + 1e-9 && b.lo <= a.hi + 1e-9,
    }
}

/// Minutes of the clock wider than any reading's slack: a part of the day ("Tuesday morning",
/// "late afternoon"), not a reading ("around 9 a.m.", at most an hour wide).
const PART_OF_DAY: f64 = 120.0;

/// Whether two times of day can both be true. A reading falls in a part of the day when the
/// reading itself (not its slack) lies inside the part; two parts meet when they share more
/// than their edge. Noon is the edge of the morning and the afternoon, in neither: "at around
/// noon" and "Thursday morning", "Tuesday morning" and "Tuesday afternoon" are two times.
fn times_meet(a: &values::Value, b: &values::Value) -> bool {
    const NOON: f64 = 720.0;
    let part = |v: &values::Value| v.hi - v.lo > PART_OF_DAY;
    match (part(a), part(b)) {
        (true, true) => a.lo < b.hi - 1e-9 && b.lo < a.hi - 1e-9,
        (true, false) | (false, true) => {
            let (p, r) = if part(a) { (a, b) } else { (b, a) };
            let at = (r.lo + r.hi) / 2.0;
            let edge = |x: f64| (x - at).abs() < 1e-9;
            p.lo - 1e-9 <= at && at <= p.hi + 1e-9 && !(edge(NOON) && (edge(p.lo) || edge(p.hi)))
        }
        (false, false) => a.lo <= b.hi + 1e-9 && b.lo <= a.hi + 1e-9,
    }
}

/// For counts and other numbers that get revised (a toll, a tally), the order of positions by
/// publication when each position's reports all came out after every report of the one before;
/// `None` when the reports interleave or a date is unknown.
fn revision_order(positions: &[Position], kind: ValueKind) -> Option<Vec<usize>> {
    if !matches!(
        kind,
        ValueKind::Count | ValueKind::Percent | ValueKind::Money
    ) {
        return None;
    }
    let mut spans: Vec<(NaiveDate, NaiveDate, usize)> = positions
        .iter()
        .enumerate()
        .map(|(i, p)| Some((p.earliest?, p.published?, i)))
        .collect::<Option<_>>()?;
    spans.sort();
    spans
        .windows(2)
        .all(|w| w[0].1 < w[1].0)
        .then(|| spans.iter().map(|x| x.2).collect())
}

/// The slot of a group of values in plain words: "how many people were killed", "how long the
/// offensive lasted", "what time it struck".
fn slot_title(kind: ValueKind, vals: &[(usize, &values::Value)]) -> String {
    // The most common head and verb among the values.
    let most = |f: &dyn Fn(&values::Value) -> Option<String>| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for (_, v) in vals {
            if let Some(x) = f(v) {
                *counts.entry(x).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|(k, n)| (*n, std::cmp::Reverse(k.clone())))
            .map(|(k, _)| k)
    };
    let noun = most(&|v| v.head.clone().filter(|h| Some(h) != v.role.as_ref()));
    let counted = most(&|v| {
        v.head.as_ref().filter(|h| Some(*h) != v.role.as_ref())?;
        let w = v.label.split_whitespace().last()?.to_lowercase();
        Some(w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
    });
    let verb = most(&|v| v.verb_text.clone());
    match kind {
        ValueKind::Count => match (counted, verb.as_deref()) {
            (Some(n), Some(v)) => format!(
                "how many {n}{}",
                if v.contains(' ') {
                    format!(" {v}")
                } else {
                    format!(" ({v})")
                }
            ),
            (Some(n), None) => format!("how many {n}"),
            (None, _) => format!(
                "the number{}",
                verb.map_or(String::new(), |v| format!(" ({v})"))
            ),
        },
        ValueKind::Duration => match noun {
            Some(n) => format!("how long the {n} lasted"),
            // "how long it ruled", "how long it lasted".
            None => format!(
                "how long it {}",
                verb.as_deref()
                    .and_then(|v| v.rsplit(' ').next())
                    .unwrap_or("lasted")
            ),
        },
        ValueKind::Date => format!(
            "on which day{}",
            verb.map_or(String::new(), |v| format!(
                " it {}",
                v.rsplit(' ').next().unwrap_or(&v)
            ))
        ),
        ValueKind::Time => format!(
            "at what time{}",
            verb.map_or(String::new(), |v| format!(
                " it {}",
                v.rsplit(' ').next().unwrap_or(&v)
            ))
        ),
        ValueKind::Measure => {
            let what = match vals[0].1.unit.as_deref() {
                Some("length") => "how far",
                Some("mass") => "how heavy",
                Some("area") => "how large an area",
                Some("volume") => "how much volume",
                Some("speed") => "how fast",
                Some("magnitude") => "what magnitude",
                Some("age") => "how old",
                _ => "how much",
            };
            format!(
                "{what}{}",
                noun.map_or(String::new(), |n| format!(" ({n})"))
            )
        }
        ValueKind::Percent => format!(
            "what share{}",
            noun.map_or(String::new(), |n| format!(" ({n})"))
        ),
        ValueKind::Money => format!(
            "how much money{}",
            noun.map_or(String::new(), |n| format!(" ({n})"))
        ),
        ValueKind::Rank if vals[0].1.unit.as_deref() == Some("ordinal") => {
            format!(
                "which {}",
                vals[0].1.detail.first().cloned().unwrap_or_default()
            )
        }
        ValueKind::Rank => {
            let name = vals[0].1.detail.get(1).cloned().unwrap_or_default();
            let scale = vals[0].1.detail.first().cloned().unwrap_or_default();
            format!("where {name} ranks ({scale})").replace("  ", " ")
        }
        ValueKind::Route => "which way the journey went".to_string(),
        ValueKind::Score => format!(
            "what the score was{}",
            verb.map_or(String::new(), |v| format!(" ({v})"))
        ),
        ValueKind::Actor => format!(
            "who the {} is",
            vals[0].1.unit.as_deref().unwrap_or("person")
        ),
        ValueKind::Place => {
            let v = verb
                .as_deref()
                .and_then(|v| v.rsplit(' ').next())
                .unwrap_or("happened")
                .to_string();
            match (vals[0].1.unit.as_deref(), noun) {
                (Some("from"), Some(n)) => format!("where the {n} came from"),
                (Some("from"), None) => format!("where it {v} from"),
                (Some("to"), Some(n)) => format!("where the {n} went"),
                (Some("to"), None) => format!("where it {v} to"),
                (_, Some(n)) => format!("where the {n} is"),
                (_, None) => format!("where it {v}"),
            }
        }
    }
}

/// Splits values into positions: values whose intervals overlap (or routes sharing a stop, equal
/// ranks) stand together.
fn positions_of(
    vals: &[(usize, &values::Value)],
    claims: &[Claim],
    roots: &[usize],
    docs: &[DocInput<'_>],
) -> Vec<Position> {
    // Two values stand together when they can both be true. Two different lower bounds ("at
    // least six" / "at least seven") can, but the outlets counted differently: two positions,
    // in tension.
    let together = |a: &values::Value, b: &values::Value| {
        let bounds_differ = a.kind == ValueKind::Count
            && a.hi.is_infinite()
            && b.hi.is_infinite()
            && (a.lo - b.lo).abs() > 1e-9;
        !bounds_differ && values_meet(a, b)
    };
    // Positions are built from the most precise values out, and a value joins a position only
    // when it fits every value there: a vague value ("over a decade") cannot bridge 24 years
    // and two decades into one position.
    let mut order: Vec<usize> = (0..vals.len()).collect();
    order.sort_by(|&i, &j| {
        let w = |v: &values::Value| v.hi - v.lo;
        w(vals[i].1).total_cmp(&w(vals[j].1)).then(i.cmp(&j))
    });
    let mut g = Groups::new(vals.len());
    let mut built: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match built
            .iter_mut()
            .find(|p| p.iter().all(|&j| together(vals[i].1, vals[j].1)))
        {
            Some(p) => {
                g.union(p[0], i);
                p.push(i);
            }
            None => built.push(vec![i]),
        }
    }
    let mut positions: Vec<Position> = g
        .members()
        .into_values()
        .map(|ms| {
            let mut claim_ids: Vec<usize> = ms.iter().map(|&m| vals[m].0).collect();
            claim_ids.dedup();
            let spans: Vec<(usize, Span)> =
                ms.iter().map(|&m| (vals[m].0, vals[m].1.span)).collect();
            // The most precise wording names the position.
            let label = ms
                .iter()
                .map(|&m| vals[m].1)
                .min_by(|a, b| {
                    (
                        a.approx,
                        (a.hi - a.lo).abs().total_cmp(&(b.hi - b.lo).abs()) as i8,
                    )
                        .cmp(&(b.approx, 0))
                })
                .map(|v| v.label.clone())
                .unwrap_or_default();
            position_of(label, claim_ids, spans, claims, roots, docs)
        })
        .collect();
    positions.sort_by(|a, b| {
        b.independent_sources
            .cmp(&a.independent_sources)
            .then(a.claims.cmp(&b.claims))
    });
    positions
}

/// The position held by claims `ms` in the words `spans`: its sources, and the newest and
/// earliest publication dates of its documents (none when a document has no date).
fn position_of(
    value: String,
    ms: Vec<usize>,
    spans: Vec<(usize, Span)>,
    claims: &[Claim],
    roots: &[usize],
    docs: &[DocInput<'_>],
) -> Position {
    let rts = source_roots(&ms, claims, roots, docs);
    let dates: Option<Vec<NaiveDate>> = ms.iter().map(|&c| docs[claims[c].doc].published).collect();
    Position {
        value,
        published: dates.as_ref().and_then(|d| d.iter().max().copied()),
        earliest: dates.as_ref().and_then(|d| d.iter().min().copied()),
        claims: ms,
        spans,
        independent_sources: rts.len(),
        roots: rts,
    }
}

/// Where a claim's authority comes from: the named source it is attributed to, else the
/// original of its document.
/// The independent sources behind some claims: one per original report (copies are their
/// original), and that one is the named source the report cites for the value when it cites
/// one ("according to TASS"), so two reports citing one agency are one source. A report never
/// counts twice, though one of its sentences cites an agency and another does not.
fn source_roots(
    claim_ids: &[usize],
    claims: &[Claim],
    roots: &[usize],
    docs: &[DocInput<'_>],
) -> Vec<String> {
    let mut per_report: BTreeMap<usize, String> = BTreeMap::new();
    for &c in claim_ids {
        let r = source_root(&claims[c], roots, docs);
        let e = per_report
            .entry(roots[claims[c].doc])
            .or_insert_with(|| r.clone());
        // A named source ("source:…") over the report itself ("doc:…"); of two named
        // sources, the same one on every run.
        let named = |x: &str| x.starts_with("source:");
        if named(&r) && (!named(e) || r < *e) {
            *e = r;
        }
    }
    let mut rts: Vec<String> = per_report.into_values().collect();
    rts.sort();
    rts.dedup();
    rts
}

fn source_root(c: &Claim, roots: &[usize], docs: &[DocInput<'_>]) -> String {
    match &c.attribution {
        Some(a) => {
            let n = a.to_lowercase();
            let n = n
                .trim_start_matches("the ")
                .trim_end_matches(" news agency")
                .trim_end_matches(" agency");
            format!("source:{n}")
        }
        None => match docs[roots[c.doc]].wire {
            Some(w) => format!("source:{}", w.to_lowercase()),
            None => format!("doc:{}", docs[roots[c.doc]].id),
        },
    }
}

fn degree_of(vals: &[(usize, &values::Value)], kind: ValueKind) -> Degree {
    // Records of one holder one result apart may be from before and after a bout: a tension.
    if kind == ValueKind::Score {
        let far = vals.iter().enumerate().any(|(i, a)| {
            vals[i + 1..]
                .iter()
                .any(|b| values::record_gap(a.1, b.1) > 1)
        });
        return if far {
            Degree::Contradiction
        } else {
            Degree::Tension
        };
    }
    if matches!(kind, ValueKind::Route | ValueKind::Rank | ValueKind::Actor) {
        return Degree::Contradiction;
    }
    // Two places are at odds only as two towns of one area that the gazetteer knows, neither
    // holding the other (see `group_comparison`): one thing is not in both.
    if kind == ValueKind::Place {
        return Degree::Contradiction;
    }
    // A pair of exact values that do not overlap is a contradiction; so is any pair far apart.
    // Otherwise (vague or rounded values a little apart, days a few hours apart) a tension.
    let mut contradiction = false;
    for (i, a) in vals.iter().enumerate() {
        for b in &vals[i + 1..] {
            let (a, b) = (a.1, b.1);
            let gap = (b.lo - a.hi).max(a.lo - b.hi);
            if gap <= 1e-9 {
                continue;
            }
            let size = a.hi.min(b.hi).abs().max(a.lo.max(b.lo).abs()).max(1e-9);
            let near = match kind {
                // Late on the 7th and on the 8th can be one night seen from two time zones.
                ValueKind::Date => gap <= 1.0,
                _ => (a.approx || b.approx) && gap / size <= 0.25,
            };
            contradiction |= !near;
        }
    }
    if contradiction {
        Degree::Contradiction
    } else {
        Degree::Tension
    }
}

/// Sentence-level alignment of claims without comparable values: the same statement in several
/// documents (agree), or about the same thing with different details (complement); a negated
/// twin is a conflict.
fn sentence_alignments(
    docs: &[DocInput<'_>],
    claims: &[Claim],
    roots: &[usize],
    sim: &Similarity,
    valued: &[Comparison],
) -> Vec<Comparison> {
    // A person named with a role in both says who, not what: such claims still align.
    let in_value_group: std::collections::HashSet<usize> = valued
        .iter()
        .filter(|c| c.value_kind != Some(ValueKind::Actor))
        .flat_map(|c| c.positions.iter().flat_map(|p| p.claims.iter().copied()))
        .collect();
    // Claims on opposite sides of a value conflict never stand together in a sentence group.
    let opposed: std::collections::HashSet<(usize, usize)> = valued
        .iter()
        .filter(|c| c.verdict == Verdict::Conflict)
        .flat_map(|c| {
            c.positions.iter().enumerate().flat_map(move |(i, p)| {
                c.positions[i + 1..].iter().flat_map(move |q| {
                    p.claims
                        .iter()
                        .flat_map(move |&x| q.claims.iter().map(move |&y| (x.min(y), x.max(y))))
                })
            })
        })
        .collect();
    let mut g = Groups::new(claims.len());
    let mut linked = vec![false; claims.len()];
    let mut best: HashMap<(usize, usize), f64> = HashMap::new();
    let pairs = candidate_pairs(claims);
    for &(i, j) in &pairs {
        {
            let (a, b) = (&claims[i], &claims[j]);
            if roots[a.doc] == roots[b.doc]
                || in_value_group.contains(&i) && in_value_group.contains(&j)
                || opposed.contains(&(i, j))
            {
                continue;
            }
            let cos = sim.cosine(i, j);
            let sem = sim.semantic(i, j);
            if same_statement(a, b, cos, sem) {
                g.union(i, j);
                linked[i] = true;
                linked[j] = true;
                best.insert((i, j), sem.unwrap_or(cos));
            }
        }
    }
    let mut out = Vec::new();
    for members in g.members().into_values() {
        if members.len() < 2 || !linked[members[0]] {
            continue;
        }
        let docs_in: std::collections::BTreeSet<usize> =
            members.iter().map(|&m| roots[claims[m].doc]).collect();
        if docs_in.len() < 2 {
            continue;
        }
        let mean_cos = {
            let pairs: Vec<f64> = best
                .iter()
                .filter(|((a, b), _)| members.contains(a) && members.contains(b))
                .map(|(_, c)| *c)
                .collect();
            pairs.iter().sum::<f64>() / pairs.len().max(1) as f64
        };
        // One claim per document in a group: the first.
        let mut seen_docs = std::collections::BTreeSet::new();
        let members: Vec<usize> = members
            .into_iter()
            .filter(|&m| seen_docs.insert(claims[m].doc))
            .collect();
        let negations: std::collections::BTreeSet<bool> =
            members.iter().map(|&m| claims[m].negated).collect();
        // A negated and an affirmed statement conflict only when they are about one event: the
        // same predicate, with agents that can be the same.
        // A source that would not say, or did not comment, refuses to speak: it denies nothing
        // of what another outlet's source said (two unrelated quotes).
        let one_event = members.iter().all(|&m| {
            let (a, b) = (&claims[m], &claims[members[0]]);
            a.predicate.is_some()
                && !a.predicate.as_deref().is_some_and(lexicon::speech_verb)
                && same_verb(a.predicate.as_deref(), b.predicate.as_deref())
                && !a.agent.differs(&b.agent)
        });
        let split_by_negation = negations.len() == 2 && one_event;
        let negations: std::collections::BTreeSet<bool> = if split_by_negation {
            negations
        } else {
            [false].into_iter().collect()
        };
        let mut positions = Vec::new();
        for neg in negations {
            let ms: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&m| !split_by_negation || claims[m].negated == neg)
                .collect();
            let label = claims[ms[0]]
                .predicate
                .clone()
                .unwrap_or_else(|| "statement".to_string());
            let value = if split_by_negation {
                format!("{}{label}", if neg { "not " } else { "" })
            } else {
                label
            };
            let spans = ms.iter().map(|&m| (m, claims[m].sentence)).collect();
            positions.push(position_of(value, ms, spans, claims, roots, docs));
        }
        let first = members[0];
        let verdict = if split_by_negation {
            Verdict::Conflict
        } else if mean_cos
            >= if sim.semantic.is_empty() {
                0.55
            } else {
                semantic::AGREE
            }
        {
            Verdict::Agree
        } else {
            Verdict::Complement
        };
        out.push(Comparison {
            id: String::new(),
            topic: if split_by_negation {
                format!(
                    "whether it happened ({})",
                    claims[first].predicate.as_deref().unwrap_or("statement")
                )
            } else {
                sentence_label(docs[claims[first].doc].text, claims[first].sentence)
            },
            verdict,
            kind: split_by_negation.then_some(ConflictKind::Negation),
            degree: split_by_negation.then_some(Degree::Contradiction),
            positions,
            value_kind: None,
        });
    }
    let told: std::collections::HashSet<(usize, usize)> = out
        .iter()
        .filter(|c| c.verdict == Verdict::Conflict)
        .flat_map(cross_pairs)
        .collect();
    out.extend(polarity_conflicts(docs, claims, roots, &pairs, &told));
    out
}

/// The person a name word stands for in a story: a first or middle name written elsewhere in
/// the story just before a surname ("Lindsay Lohan") stands for that surname, when it stands
/// before only one; other words stand for themselves.
fn full_names(docs: &[DocInput<'_>], claims: &[Claim]) -> HashMap<String, String> {
    let mut seen: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for c in claims {
        let toks = claims::tokens(c.sentence.slice(docs[c.doc].text));
        let cap = |t: &claims::Tok<'_>| {
            t.text.chars().next().is_some_and(char::is_uppercase)
                && t.text.chars().all(char::is_alphabetic)
                && !claims::STOP.contains(&t.text.to_lowercase().as_str())
        };
        let mut i = 0;
        while i < toks.len() {
            let mut j = i;
            while j < toks.len() && cap(&toks[j]) {
                j += 1;
            }
            if j >= i + 2 {
                let last = toks[j - 1].text.to_lowercase();
                for t in &toks[i..j - 1] {
                    seen.entry(t.text.to_lowercase())
                        .or_default()
                        .insert(last.clone());
                }
            }
            i = j.max(i + 1);
        }
    }
    seen.into_iter()
        .filter(|(_, lasts)| lasts.len() == 1)
        .filter_map(|(w, lasts)| lasts.into_iter().next().map(|l| (w, l)))
        .collect()
}

/// An event of a claim: (claim index, index into its events).
type EventAt = (usize, usize);

/// Negation and mood conflicts read from the events claims assert (see [`claims::Event`]):
/// one report tells that an event happened, another that it did not ("she never entered the
/// clinic" / "she had checked into the clinic, her father said"), or only that it is expected
/// ("he has accepted the job" / "he is expected to accept"). The two must tell one event: the
/// same verb (or a WordNet synonym) with at least two of its participants in common (the same
/// person, named in full or by a part of the name, and the same place or thing). A statement
/// that happened against one that did not is a contradiction; against one that is expected, a
/// tension. Only the candidate `pairs` of the sentence alignment are read; those it `told`
/// already are left to it.
fn polarity_conflicts(
    docs: &[DocInput<'_>],
    claims: &[Claim],
    roots: &[usize],
    pairs: &[(usize, usize)],
    told: &std::collections::HashSet<(usize, usize)>,
) -> Vec<Comparison> {
    let names = full_names(docs, claims);
    let canon = |w: &str| names.get(w).cloned().unwrap_or_else(|| w.to_string());
    let parts: Vec<Vec<Vec<String>>> = claims
        .iter()
        .map(|c| {
            c.events
                .iter()
                .map(|e| {
                    let mut p: Vec<String> = e.participants.iter().map(|w| canon(w)).collect();
                    p.sort();
                    p.dedup();
                    p
                })
                .collect()
        })
        .collect();
    // (claim, event) pairs that tell one event with opposite polarity or mood, keyed by the
    // first one's lemma; each key makes one comparison of two positions.
    let mut links: BTreeMap<(String, bool), Vec<(EventAt, EventAt)>> = BTreeMap::new();
    // Claims that tell one act done by two different doers.
    let mut actors: Vec<(usize, usize, String)> = Vec::new();
    for &(i, j) in pairs {
        let (a, b) = (&claims[i], &claims[j]);
        if roots[a.doc] == roots[b.doc] || told.contains(&(i, j)) {
            continue;
        }
        for (ei, ea) in a.events.iter().enumerate() {
            for (ej, eb) in b.events.iter().enumerate() {
                if !ea.negated
                    && !eb.negated
                    && ea.mood == claims::Mood::Done
                    && eb.mood == claims::Mood::Done
                {
                    if other_doers(ea, eb) {
                        actors.push((i, j, ea.lemma.clone()));
                    }
                    continue;
                }
                // A contradiction (done / not done) or a tension (done / expected).
                let contradiction = match (ea.negated, eb.negated, ea.mood, eb.mood) {
                    (true, false, claims::Mood::Done, claims::Mood::Done)
                    | (false, true, claims::Mood::Done, claims::Mood::Done) => true,
                    (false, false, ma, mb) if ma != mb => false,
                    _ => continue,
                };
                let shared = parts[i][ei]
                    .iter()
                    .filter(|p| parts[j][ej].contains(p))
                    .count();
                if shared < 2 || !lexicon::synonyms(&ea.lemma, &eb.lemma) {
                    continue;
                }
                // The side told as done (and not negated) first.
                let first_done = !ea.negated && ea.mood == claims::Mood::Done;
                let (x, y) = if first_done {
                    ((i, ei), (j, ej))
                } else {
                    ((j, ej), (i, ei))
                };
                links
                    .entry((claims[x.0].events[x.1].lemma.clone(), contradiction))
                    .or_default()
                    .push((x, y));
            }
        }
    }
    let mut out = Vec::new();
    for ((lemma, negated), pairs) in links {
        let mut done: Vec<usize> = pairs.iter().map(|p| p.0 .0).collect();
        let mut other: Vec<usize> = pairs.iter().map(|p| p.1 .0).collect();
        done.sort_unstable();
        done.dedup();
        other.sort_unstable();
        other.dedup();
        if done.iter().any(|c| other.contains(c)) {
            continue;
        }
        let position = |ms: Vec<usize>, value: String| {
            let spans = ms.iter().map(|&m| (m, claims[m].sentence)).collect();
            position_of(value, ms, spans, claims, roots, docs)
        };
        out.push(Comparison {
            id: String::new(),
            topic: format!("whether it happened ({lemma})"),
            verdict: Verdict::Conflict,
            kind: Some(ConflictKind::Negation),
            degree: Some(if negated {
                Degree::Contradiction
            } else {
                Degree::Tension
            }),
            positions: vec![
                position(done, lemma.clone()),
                position(
                    other,
                    if negated {
                        format!("not {lemma}")
                    } else {
                        format!("expected to {lemma}")
                    },
                ),
            ],
            value_kind: None,
        });
    }
    actors.sort();
    actors.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    for (i, j, lemma) in actors {
        let position = |m: usize| {
            let who = claims[m]
                .events
                .iter()
                .find(|e| e.lemma == lemma || lexicon::synonyms(&e.lemma, &lemma))
                .map(|e| e.agents.join(" and "))
                .unwrap_or_default();
            position_of(
                who,
                vec![m],
                vec![(m, claims[m].sentence)],
                claims,
                roots,
                docs,
            )
        };
        out.push(Comparison {
            id: String::new(),
            topic: format!("who did it ({lemma})"),
            verdict: Verdict::Conflict,
            kind: Some(ConflictKind::Actor),
            degree: Some(Degree::Tension),
            positions: vec![position(i), position(j)],
            value_kind: None,
        });
    }
    out
}

/// Whether two events of one verb name different doers of one act: both name them with common
/// nouns, share a participant besides them (what was acted on: "found *the bodies*"), no
/// doer of one is or covers one of the other (WordNet), and two of them are kinds of person
/// ("firefighters" / "the landlord's son"; "police" and "officers" are one body and its members).
fn other_doers(a: &claims::Event, b: &claims::Event) -> bool {
    if a.agents.is_empty() || b.agents.is_empty() || !lexicon::synonyms(&a.lemma, &b.lemma) {
        return false;
    }
    if !a.themes.iter().any(|p| b.themes.contains(p)) {
        return false;
    }
    let related = |x: &str, y: &str| {
        lexicon::same_thing(x, y) || lexicon::covers(x, y) || lexicon::covers(y, x)
    };
    let person = |w: &str| {
        corroborate_extract::lexicon::Lexicon::bundled()
            .lexnames(w, Some(corroborate_extract::lexicon::WnPos::Noun))
            .first()
            .is_some_and(|l| *l == "noun.person")
    };
    a.agents
        .iter()
        .all(|x| b.agents.iter().all(|y| !related(x, y)))
        && a.agents
            .iter()
            .any(|x| person(x) && b.agents.iter().any(|y| person(y)))
}

/// Whether two claims without comparable values say the same thing or about the same thing:
/// close in TF-IDF with at least three shared names or terms, or (with sentence vectors) close
/// in meaning with at least two; never with incompatible predicates.
fn same_statement(a: &Claim, b: &Claim, cos: f64, sem: Option<f64>) -> bool {
    let shared = shared_names(a, b) + shared_terms(a, b);
    // Different main verbs need closer wording to be one statement.
    let predicates = a.predicate.is_none()
        || b.predicate.is_none()
        || same_verb(a.predicate.as_deref(), b.predicate.as_deref())
        || cos >= 0.5;
    predicates
        && shared >= 2
        && semantic::decide(
            cos >= 0.42 && shared >= 3,
            sem,
            semantic::SAME_STATEMENT,
            semantic::VETO,
        )
}

/// Pairs of claims that share at least one name or term that few claims have: the only pairs
/// that can reach the alignment threshold, found through an inverted index so that the cost
/// grows with the number of claims, not its square. Sorted, so results do not depend on hash
/// order.
pub(crate) fn candidate_pairs(claims: &[Claim]) -> Vec<(usize, usize)> {
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        for t in c.names.iter().chain(&c.terms) {
            postings.entry(t.as_str()).or_default().push(i);
        }
    }
    // A word in more claims than this says little about which claims match.
    let max_df = (claims.len() / 20).max(50);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for list in postings.values().filter(|l| l.len() <= max_df) {
        for (k, &i) in list.iter().enumerate() {
            for &j in &list[k + 1..] {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The first words of a sentence, up to the first comma after five words.
fn sentence_label(text: &str, s: Span) -> String {
    let words: Vec<&str> = s.slice(text).split_whitespace().collect();
    let mut out = Vec::new();
    for w in words.iter().take(12) {
        out.push(*w);
        if out.len() >= 5 && w.ends_with([',', ';', ':']) {
            break;
        }
    }
    out.join(" ")
        .trim_end_matches([',', ';', ':', '.'])
        .to_string()
}

/// Dated events: claims whose dates are pinned to a day, merged across documents when they
/// describe the same event, in date order.
fn timeline(claims: &[Claim], comparisons: &[Comparison]) -> Vec<TimelineEntry> {
    let disputed: HashMap<usize, String> = comparisons
        .iter()
        .filter(|c| c.verdict == Verdict::Conflict && c.kind == Some(ConflictKind::Date))
        .flat_map(|c| {
            c.positions
                .iter()
                .flat_map(move |p| p.claims.iter().map(move |&cl| (cl, c.id.clone())))
        })
        .collect();
    let aligned = |a: usize, b: usize| {
        comparisons
            .iter()
            .filter(|k| k.verdict == Verdict::Agree)
            .any(|k| {
                let has = |x: usize| k.positions.iter().any(|p| p.claims.contains(&x));
                has(a) && has(b)
            })
    };
    let mut entries: Vec<TimelineEntry> = Vec::new();
    for (ci, c) in claims.iter().enumerate() {
        for v in c.values.iter().filter(|v| {
            v.kind == ValueKind::Date
                && v.unit.is_none()
                && v.lo.is_finite()
                && v.hi.is_finite()
                && v.hi - v.lo < 1.0
        }) {
            let Some(day) = NaiveDate::from_num_days_from_ce_opt(v.lo.floor() as i32) else {
                continue;
            };
            let latest = NaiveDate::from_num_days_from_ce_opt(v.hi.floor() as i32).unwrap_or(day);
            // Same day, same event: another document's claim that an agreement aligned with
            // this one (on this date, or as the same statement). Only such a document is
            // credited: it holds the statement, not merely a sentence with the same verb.
            if let Some(e) = entries
                .iter_mut()
                .find(|e| e.date == day && claims[e.what].doc != c.doc && aligned(e.what, ci))
            {
                if !e.sources.contains(&ci) && e.what != ci {
                    e.sources.push(ci);
                }
                continue;
            }
            if entries.iter().any(|e| e.what == ci && e.date == day) {
                continue;
            }
            entries.push(TimelineEntry {
                date: day,
                earliest: day,
                latest,
                what: ci,
                sources: vec![],
                disputed_by: disputed.get(&ci).cloned(),
            });
        }
    }
    entries.sort_by_key(|e| (e.date, e.what));
    entries
}
