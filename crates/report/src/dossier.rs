//! Dossier types (schema `corroborate.dossier/1`) and their construction from documents.

use corroborate_compare::Analysis;
use corroborate_entities::alias::Entity;
use corroborate_extract::quotes::Attribution;
use corroborate_model::{CharIndex, Document, Span};
use corroborate_timex::{Anchor, Timex};
use serde::Serialize;

/// The schema identifier every dossier carries.
pub const SCHEMA: &str = "corroborate.dossier/1";

/// Everything `corroborate analyze` says about a set of documents.
#[derive(Debug, Clone, Serialize)]
pub struct Dossier {
    pub schema: &'static str,
    pub generator: Generator,
    /// The story this dossier is about (`story-…`), when stories were computed.
    pub story: Option<String>,
    /// The stories the analyzed input holds, each with its label and member sources.
    pub stories: Vec<StoryOut>,
    pub documents: Vec<DocumentOut>,
    /// The entity roster: every person, organization, place and group, with its aliases, its
    /// mentions and the evidence for each merge.
    pub entities: Vec<EntityOut>,
    /// Time expressions of every document, in document then text order.
    pub times: Vec<TimeOut>,
    /// Quotes, reported speech and sourcing phrases, with who said it and who relayed it.
    pub quotes: Vec<QuoteOut>,
    /// Claim frames, one per sentence of article text.
    pub claims: Vec<ClaimOut>,
    /// How claims were aligned: lexically, or with sentence embeddings (and which model).
    pub alignment: Option<corroborate_compare::Alignment>,
    /// Aligned groups of claims: agreement, typed conflict or complement. Conflicts first.
    pub comparisons: Vec<ComparisonOut>,
    /// Dated events in order, each with its sources.
    pub timeline: Vec<TimelineOut>,
    /// Inputs that gave no document, one line each.
    pub errors: Vec<ErrorOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Generator {
    pub name: &'static str,
    pub version: &'static str,
}

/// A story: documents reporting one real-world event.
#[derive(Debug, Clone, Serialize)]
pub struct StoryOut {
    pub id: String,
    /// Its most salient names and terms.
    pub label: String,
    /// The `source` of each member, as given at ingest.
    pub documents: Vec<String>,
}

/// A span shown to a user: `text` is exactly `documents[doc].text` sliced by char offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpanOut {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentOut {
    pub id: String,
    pub source: String,
    pub format: String,
    pub encoding: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// `YYYY-MM-DD` or null.
    pub published: Option<String>,
    /// Where `published` came from: `metadata:<field>`, `dateline`, `caption`,
    /// `latest-mention`, `story-context`, `time-expressions`; null when there is no date.
    pub published_basis: Option<String>,
    pub published_inferred: bool,
    pub published_evidence: Option<SpanOut>,
    pub language: Option<String>,
    /// The id of the document this one copies, or null.
    pub duplicate_of: Option<String>,
    pub duplicate: Option<DuplicateOut>,
    pub syndication: Vec<SyndicationOut>,
    pub text: String,
    pub removed: Vec<RemovedOut>,
    pub captions: Vec<SpanOut>,
    /// `[start, end]` char ranges.
    pub paragraphs: Vec<[usize; 2]>,
    pub sentences: Vec<[usize; 2]>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DuplicateOut {
    pub original: String,
    /// Share of this document's text that the original carries, in [0, 1].
    pub overlap: f64,
    pub method: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SyndicationOut {
    pub credited: String,
    pub relation: String,
    pub span: SpanOut,
}

/// A stretch of the input left out of `text`. `start == end` is the char offset in `text`
/// where it stood (the removed words are not in `text`); `raw_start`/`raw_end` are char offsets
/// into the raw input; `text` is what was removed.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedOut {
    pub start: usize,
    pub end: usize,
    pub reason: String,
    pub raw_start: usize,
    pub raw_end: usize,
    pub text: String,
}

/// A time expression pinned to the calendar.
#[derive(Debug, Clone, Serialize)]
pub struct TimeOut {
    pub span: SpanOut,
    /// TIMEX3 type: DATE, TIME, DURATION, SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value: `2024-12-08`, `2024-W49`, `P12D`, `XXXX-11-27`.
    pub value: String,
    /// The calendar interval covered, ISO 8601 date-times (closed), or null.
    pub earliest: Option<String>,
    pub latest: Option<String>,
    pub precision: String,
    pub anchor: AnchorOut,
    /// TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN, …
    pub modifier: Option<String>,
    /// Duration bounds, ISO 8601 (`P50Y`); `max` null when open-ended.
    pub min: Option<String>,
    pub max: Option<String>,
    /// The linking word before the expression ("by", "since"), which bounds the event it times.
    pub signal: Option<String>,
}

/// What a relative time expression was resolved against.
#[derive(Debug, Clone, Serialize)]
pub struct AnchorOut {
    /// `none` (absolute or unresolvable), `publication` (the document's date), `previous` (an
    /// earlier expression), `event` (an event the text dated earlier).
    pub kind: String,
    pub date: Option<String>,
    /// The expression or event mention it hangs on.
    pub span: Option<SpanOut>,
}

/// One entity of the roster.
#[derive(Debug, Clone, Serialize)]
pub struct EntityOut {
    pub id: String,
    pub name: String,
    /// person | organization | gpe | location | facility | group | misc
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<SpanOut>,
    pub evidence: Vec<EvidenceOut>,
    /// For places found in the gazetteer.
    pub place: Option<PlaceOut>,
}

/// Why a name joined an entity.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceOut {
    pub alias: String,
    pub reason: String,
    pub span: Option<SpanOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlaceOut {
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub geonames_id: u64,
    /// The gazetteer's name and feature code.
    pub name: String,
    pub feature: String,
}

/// A statement and who it is attributed to.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteOut {
    /// direct | indirect | sourcing | mixed
    pub kind: String,
    /// What was said (for direct quotes, inside the marks).
    pub content: SpanOut,
    /// The reporting words: "said", "told", "according to".
    pub cue: Option<SpanOut>,
    /// Who, as the text names them.
    pub source: Option<SpanOut>,
    /// named | pronoun | anonymous | media | unspecified
    pub source_kind: String,
    /// The earlier named source a pronoun or description refers to.
    pub resolved_source: Option<SpanOut>,
    /// Who passed the statement on, outermost last ("quoted by the TASS news agency").
    pub relayed_by: Vec<SpanOut>,
    pub sentence: SpanOut,
}

/// A claim frame.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimOut {
    pub id: String,
    pub sentence: SpanOut,
    pub predicate: Option<String>,
    /// Names the claim is about, normalized.
    pub names: Vec<String>,
    pub values: Vec<ValueOut>,
    /// confirmed | reported | speculated | denied
    pub modality: String,
    pub negated: bool,
    /// The source the claim rests on, as the text names it.
    pub attribution: Option<String>,
}

/// A value a claim commits to.
#[derive(Debug, Clone, Serialize)]
pub struct ValueOut {
    /// duration | date | time | count | percent | money | measure | rank | route | place
    pub kind: String,
    pub span: SpanOut,
    pub label: String,
    /// The interval allowed (days for durations, day numbers for dates); null when unbounded.
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// One aligned group and its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonOut {
    pub id: String,
    pub topic: String,
    /// agree | conflict | update | complement
    pub verdict: String,
    /// For conflicts: count | number | duration | date | time | measure | place | route | rank |
    /// actor | negation | other.
    pub kind: Option<String>,
    /// For conflicts: contradiction | tension.
    pub degree: Option<String>,
    pub positions: Vec<PositionOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PositionOut {
    pub value: String,
    /// Claim ids.
    pub claims: Vec<String>,
    /// The words that carry the value, in each claim's document.
    pub spans: Vec<SpanOut>,
    pub independent_sources: usize,
    /// The latest publication date (`YYYY-MM-DD`) of the position's reports, when every one is
    /// known: for an update, which report is later.
    pub published: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineOut {
    /// `YYYY-MM-DD`
    pub date: String,
    pub earliest: String,
    pub latest: String,
    /// The sentence that describes the event.
    pub what: SpanOut,
    /// Every source dated to the event, `what` first.
    pub sources: Vec<SpanOut>,
    /// The id of the comparison that disputes the date, if one does.
    pub disputed_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorOut {
    pub source: String,
    pub message: String,
}

/// A copy link as the builder needs it.
#[derive(Debug, Clone)]
pub struct CopyLink {
    pub original: String,
    pub overlap: f64,
    pub method: String,
}

/// Builds a dossier document by document, converting byte spans to char spans.
#[derive(Debug, Default)]
pub struct DossierBuilder {
    documents: Vec<DocumentOut>,
    entities: Vec<EntityOut>,
    times: Vec<TimeOut>,
    quotes: Vec<QuoteOut>,
    claims: Vec<ClaimOut>,
    alignment: Option<corroborate_compare::Alignment>,
    comparisons: Vec<ComparisonOut>,
    timeline: Vec<TimelineOut>,
    errors: Vec<ErrorOut>,
}

impl DossierBuilder {
    pub fn new() -> Self {
        DossierBuilder::default()
    }

    /// Adds a document; `source` is the path or URL the user gave for it in this run.
    pub fn document(&mut self, doc: &Document, source: &str, copy: Option<CopyLink>) -> &mut Self {
        let idx = CharIndex::new(&doc.text);
        let raw_idx = CharIndex::new(&doc.raw);
        let span = |s: Span| span_out(doc, &idx, s);
        let m = &doc.meta;
        let basis = m.published_basis.as_ref();
        self.documents.push(DocumentOut {
            id: doc.id.0.clone(),
            source: source.to_string(),
            format: doc.format.as_str().to_string(),
            encoding: doc.encoding.clone(),
            title: m.title.clone(),
            outlet: m.outlet.clone(),
            author: m.author.clone(),
            url: m.url.clone(),
            published: m.published.map(|d| d.format("%Y-%m-%d").to_string()),
            published_basis: basis.map(|b| match &b.field {
                Some(f) => format!("{}:{f}", b.kind.as_str()),
                None => b.kind.as_str().to_string(),
            }),
            published_inferred: basis.is_some_and(|b| b.inferred),
            published_evidence: basis.and_then(|b| b.evidence).map(span),
            language: m.language.clone(),
            duplicate_of: copy.as_ref().map(|c| c.original.clone()),
            duplicate: copy.map(|c| DuplicateOut {
                original: c.original,
                overlap: c.overlap,
                method: c.method,
            }),
            syndication: m
                .syndication
                .iter()
                .map(|s| SyndicationOut {
                    credited: s.credited.clone(),
                    relation: s.relation.clone(),
                    span: span(s.evidence),
                })
                .collect(),
            text: doc.text.clone(),
            removed: doc
                .removed
                .iter()
                .map(|r| {
                    let at = idx.char_of(r.at);
                    RemovedOut {
                        start: at,
                        end: at,
                        reason: r.reason.as_str().to_string(),
                        raw_start: raw_idx.char_of(r.raw.start),
                        raw_end: raw_idx.char_of(r.raw.end),
                        text: r.text.clone(),
                    }
                })
                .collect(),
            captions: doc.captions.iter().map(|c| span(*c)).collect(),
            paragraphs: doc
                .paragraphs
                .iter()
                .map(|p| [idx.char_of(p.start), idx.char_of(p.end)])
                .collect(),
            sentences: doc
                .sentences
                .iter()
                .map(|s| [idx.char_of(s.start), idx.char_of(s.end)])
                .collect(),
            warnings: doc.warnings.clone(),
        });
        self
    }

    /// Adds the time expressions found in `doc`.
    pub fn times(&mut self, doc: &Document, times: &[Timex]) -> &mut Self {
        let idx = CharIndex::new(&doc.text);
        let iso = |d: chrono::NaiveDateTime| d.format("%Y-%m-%dT%H:%M:%S").to_string();
        for t in times {
            let (kind, date, span) = match &t.anchor {
                Anchor::None => ("none", None, None),
                Anchor::Dct { date } => ("publication", Some(*date), None),
                Anchor::Previous { span, date } => ("previous", Some(*date), Some(*span)),
                Anchor::Event { span, date, .. } => ("event", Some(*date), Some(*span)),
            };
            self.times.push(TimeOut {
                span: span_out(doc, &idx, t.span),
                kind: t.kind.as_timeml().to_string(),
                value: t.value.clone(),
                earliest: t.earliest.map(iso),
                latest: t.latest.map(iso),
                precision: format!("{:?}", t.precision).to_lowercase(),
                anchor: AnchorOut {
                    kind: kind.to_string(),
                    date: date.map(|d| d.to_string()),
                    span: span.map(|s| span_out(doc, &idx, s)),
                },
                modifier: t.modifier.clone(),
                min: t.min.clone(),
                max: t.max.clone(),
                signal: t.signal.as_ref().map(|s| s.word.clone()),
            });
        }
        self
    }

    /// Adds the roster; `docs` are the documents its mentions point into.
    pub fn entities(&mut self, docs: &[&Document], roster: &[Entity]) -> &mut Self {
        let idx: std::collections::HashMap<&str, (usize, CharIndex)> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.0.as_str(), (i, CharIndex::new(&d.text))))
            .collect();
        let span = |doc: &str, s: Span| idx.get(doc).map(|(i, ci)| span_out(docs[*i], ci, s));
        for e in roster {
            self.entities.push(EntityOut {
                id: e.id.clone(),
                name: e.name.clone(),
                kind: kind_name(&e.kind),
                aliases: e.aliases.clone(),
                mentions: e.mentions.iter().filter_map(|(d, s)| span(d, *s)).collect(),
                evidence: e
                    .evidence
                    .iter()
                    .map(|ev| EvidenceOut {
                        alias: ev.alias.clone(),
                        reason: ev.reason.clone(),
                        span: ev.span.as_ref().and_then(|(d, s)| span(d, *s)),
                    })
                    .collect(),
                place: e.place.as_ref().map(|p| PlaceOut {
                    lat: p.lat,
                    lon: p.lon,
                    country: p.country.clone(),
                    geonames_id: p.geonames_id,
                    name: p.name.clone(),
                    feature: p.feature.clone(),
                }),
            });
        }
        self
    }

    /// Adds the attributions found in `doc`.
    pub fn quotes(&mut self, doc: &Document, quotes: &[Attribution]) -> &mut Self {
        let idx = CharIndex::new(&doc.text);
        let span = |s: Span| span_out(doc, &idx, s);
        for q in quotes {
            self.quotes.push(QuoteOut {
                kind: q.kind.as_str().to_string(),
                content: span(q.content),
                cue: q.cue.map(span),
                source: q.source.map(span),
                source_kind: q.source_kind.as_str().to_string(),
                resolved_source: q.resolved_source.map(span),
                relayed_by: q.relayed_by.iter().map(|s| span(*s)).collect(),
                sentence: span(q.sentence),
            });
        }
        self
    }

    /// Adds the comparison's claims, comparisons and timeline; `docs` are the documents the
    /// analysis indices refer to.
    pub fn comparison(&mut self, docs: &[&Document], a: &Analysis) -> &mut Self {
        let idx: Vec<CharIndex> = docs.iter().map(|d| CharIndex::new(&d.text)).collect();
        let span = |doc: usize, s: Span| span_out(docs[doc], &idx[doc], s);
        let finite = |x: f64| x.is_finite().then_some(x);
        self.alignment = Some(a.alignment.clone());
        for c in &a.claims {
            self.claims.push(ClaimOut {
                id: c.id.clone(),
                sentence: span(c.doc, c.sentence),
                predicate: c.predicate.clone(),
                names: c.names.clone(),
                values: c
                    .values
                    .iter()
                    .map(|v| ValueOut {
                        kind: kind_name(&v.kind),
                        span: span(c.doc, v.span),
                        label: v.label.clone(),
                        low: finite(v.lo),
                        high: finite(v.hi),
                    })
                    .collect(),
                modality: kind_name(&c.modality),
                negated: c.negated,
                attribution: c.attribution.clone(),
            });
        }
        for k in &a.comparisons {
            self.comparisons.push(ComparisonOut {
                id: k.id.clone(),
                topic: k.topic.clone(),
                verdict: kind_name(&k.verdict),
                kind: k.kind.as_ref().map(kind_name),
                degree: k.degree.as_ref().map(kind_name),
                positions: k
                    .positions
                    .iter()
                    .map(|p| PositionOut {
                        value: p.value.clone(),
                        claims: p.claims.iter().map(|&c| a.claims[c].id.clone()).collect(),
                        spans: p
                            .spans
                            .iter()
                            .map(|&(c, s)| span(a.claims[c].doc, s))
                            .collect(),
                        independent_sources: p.independent_sources,
                        published: p.published.map(|d| d.to_string()),
                    })
                    .collect(),
            });
        }
        for e in &a.timeline {
            let what = &a.claims[e.what];
            let mut sources = vec![span(what.doc, what.sentence)];
            sources.extend(
                e.sources
                    .iter()
                    .map(|&c| span(a.claims[c].doc, a.claims[c].sentence)),
            );
            self.timeline.push(TimelineOut {
                date: e.date.to_string(),
                earliest: e.earliest.to_string(),
                latest: e.latest.to_string(),
                what: span(what.doc, what.sentence),
                sources,
                disputed_by: e.disputed_by.clone(),
            });
        }
        self
    }

    pub fn error(&mut self, source: &str, message: &str) -> &mut Self {
        self.errors.push(ErrorOut {
            source: source.to_string(),
            message: message.to_string(),
        });
        self
    }

    pub fn build(self) -> Dossier {
        Dossier {
            schema: SCHEMA,
            generator: Generator {
                name: "corroborate",
                version: env!("CARGO_PKG_VERSION"),
            },
            story: None,
            stories: Vec::new(),
            documents: self.documents,
            entities: self.entities,
            times: self.times,
            quotes: self.quotes,
            claims: self.claims,
            alignment: self.alignment,
            comparisons: self.comparisons,
            timeline: self.timeline,
            errors: self.errors,
        }
    }
}

/// The serde name of a unit enum variant ("conflict", "duration").
fn kind_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn span_out(doc: &Document, idx: &CharIndex, s: Span) -> SpanOut {
    SpanOut {
        doc: doc.id.0.clone(),
        start: idx.char_of(s.start),
        end: idx.char_of(s.end),
        text: s.slice(&doc.text).to_string(),
    }
}

impl Dossier {
    /// Agreements, most independent sources first: what the reports lead their summary with.
    pub fn most_corroborated(&self) -> Vec<&ComparisonOut> {
        let mut agreed: Vec<&ComparisonOut> = self
            .comparisons
            .iter()
            .filter(|c| c.verdict == "agree")
            .collect();
        agreed.sort_by_key(|c| {
            std::cmp::Reverse(
                c.positions
                    .iter()
                    .map(|p| p.independent_sources)
                    .sum::<usize>(),
            )
        });
        agreed
    }

    /// One line of JSON (for JSON Lines of several dossiers).
    pub fn to_json_line(&self) -> String {
        let mut s = serde_json::to_string(self).expect("dossier serializes");
        s.push('\n');
        s
    }

    /// Pretty JSON with a final newline; the same dossier always gives the same bytes.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("dossier serializes");
        s.push('\n');
        s
    }
}
