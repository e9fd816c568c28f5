//! Quotes and attributions: who said what, with the cue and the chain of relays, each part a span
//! into the document text.
//!
//! Rule-based and deterministic. Per paragraph, quotation marks are paired first (so a quote may
//! run over several sentences), then four families of patterns are read off the tokens:
//!
//! - direct quotes with the speaker after (`“…,” Al-Bahra said`, `“…,” said the politician`) or
//!   before (`Biden said, “…”`);
//! - indirect speech (`X said that …`, `X told EFE from the Doha Forum that …`, `…, the ministry
//!   said.`), with a partial quote inside making it [`AttributionKind::Mixed`], and participles
//!   that add a second statement from the same speaker (`…, adding that …`);
//! - sourcing phrases (`according to X`, `as per X`, `reported by X`), where `X quoted by Y`
//!   keeps Y as a relay;
//! - unspecified sources (`reports say that …`, `Reports indicate that …`).
//!
//! Speakers are then classified ([`SourceKind`]) and pronouns and anaphoric descriptions ("he",
//! "the source", "the newspaper", "which") are resolved to an earlier named source when one is
//! near ([`Attribution::resolved_source`]). Linking to the entity roster is not done here: it is
//! done downstream by span overlap, which is why source spans are trimmed to the noun phrase.
//!
//! Not for: thoughts and intentions ("wants", "hopes") beyond a few stance verbs, nested
//! attributions inside quotes, or quotes that run over paragraph breaks.
//!
//! [`polnear`] scores the output against the PolNeAR corpus.

mod lexicon;
mod patterns;
pub mod polnear;
mod resolve;
mod tokens;

use corroborate_model::Span;

/// What kind of attribution this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttributionKind {
    /// Words inside quotation marks, attributed to a speaker.
    DirectQuote,
    /// Reported speech without quotation marks: "X said that …".
    IndirectSpeech,
    /// A sourcing phrase: "according to X", "as per X", "reported by X".
    Sourcing,
    /// Indirect speech with a partial quotation inside it.
    Mixed,
}

impl AttributionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::DirectQuote => "direct",
            AttributionKind::IndirectSpeech => "indirect",
            AttributionKind::Sourcing => "sourcing",
            AttributionKind::Mixed => "mixed",
        }
    }
}

/// Who the source is, as far as the words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// A named person or organisation: "Hadi al-Bahra", "The Russian Foreign Ministry".
    Named,
    /// A pronoun or a description pointing back: "he", "who", "the politician", "the source".
    Pronoun,
    /// Unnamed people: "a Kremlin source", "multiple diplomatic sources", "experts".
    Anonymous,
    /// An outlet: "TASS", "the newspaper", "Russian media".
    Media,
    /// No one in particular, or no source at all: "reports say", "posts on social media".
    Unspecified,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Named => "named",
            SourceKind::Pronoun => "pronoun",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Media => "media",
            SourceKind::Unspecified => "unspecified",
        }
    }
}

/// One statement and who it is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attribution {
    pub kind: AttributionKind,
    /// What was said. For direct quotes the text inside the marks (it may span sentences).
    pub content: Span,
    /// The reporting words: "said", "told", "according to", "quoted by", "has also said".
    pub cue: Option<Span>,
    /// Who: "Hadi al-Bahra", "the source", "he", "a Kremlin source", "Russian media".
    pub source: Option<Span>,
    pub source_kind: SourceKind,
    /// An earlier named source that a pronoun or description refers to.
    pub resolved_source: Option<Span>,
    /// Who passed the statement on, outermost last: "a Kremlin source quoted by the TASS news
    /// agency" has `["the TASS news agency"]`; "told EFE" has `["EFE"]`.
    pub relayed_by: Vec<Span>,
    /// The (first) sentence holding the attribution, as evidence.
    pub sentence: Span,
}

/// Finds the attributions of a document. `sentences` come from
/// [`crate::segment::segment`]; the output is sorted by `content.start` (then cue) and the same
/// input always gives the same output.
pub fn extract(text: &str, sentences: &[Span]) -> Vec<Attribution> {
    let paragraphs = crate::segment::paragraphs(text);
    let mut found = Vec::new();
    let mut si = 0;
    for para in paragraphs {
        // Sentences of this paragraph (segmentation guarantees each lies in one paragraph).
        let mut sents = Vec::new();
        while si < sentences.len() && sentences[si].end <= para.end {
            if sentences[si].start >= para.start {
                sents.push(sentences[si]);
            }
            si += 1;
        }
        if sents.is_empty() {
            continue;
        }
        patterns::paragraph(text, para, &sents, &mut found);
    }
    found.sort_by_key(|r| (r.cue_order(), r.content.start));
    let mut out = resolve::finish(text, found);
    out.sort_by_key(|a| (a.content.start, a.content.end, a.cue.map(|c| c.start)));
    out.dedup_by(|b, a| a.content == b.content && a.cue == b.cue);
    fold_relays(out)
}

/// `Reports indicate that “…,” said the newspaper`: one quote with a speaker before it and
/// another after it is one statement passed on, so the speaker after the quote becomes a relay
/// of the one before instead of a second attribution.
fn fold_relays(mut out: Vec<Attribution>) -> Vec<Attribution> {
    let mut drop = vec![false; out.len()];
    for i in 0..out.len() {
        let (Some(cue), Some(relay)) = (out[i].cue, out[i].source) else {
            continue;
        };
        if out[i].kind != AttributionKind::DirectQuote || cue.start < out[i].content.end {
            continue;
        }
        let inner = (0..out.len()).find(|&j| {
            j != i
                && !drop[j]
                && out[j].content == out[i].content
                && out[j].cue.is_some_and(|c| c.end <= out[j].content.start)
        });
        if let Some(j) = inner {
            out[j].relayed_by.push(relay);
            drop[i] = true;
        }
    }
    let mut keep = drop.iter().map(|d| !d);
    out.retain(|_| keep.next().unwrap_or(true));
    out
}

/// Writes each attribution on its own lines with the parts bracketed in the sentence, for tests
/// and for reading output: `[source]{cue}<content>`, then the relays and resolution.
pub fn render(text: &str, attrs: &[Attribution]) -> String {
    let mut out = String::new();
    for a in attrs {
        // The sentence, stretched over every part: a quote may start sentences before its cue.
        let parts = [Some(a.content), a.cue, a.source]
            .into_iter()
            .flatten()
            .chain(a.relayed_by.iter().copied());
        let start = parts
            .clone()
            .map(|s| s.start)
            .fold(a.sentence.start, usize::min);
        let end = parts.map(|s| s.end).fold(a.sentence.end, usize::max);
        let mut marks: Vec<(usize, u8, &str)> = Vec::new();
        let mut add = |s: Span, open: &'static str, close: &'static str| {
            marks.push((s.start, 1, open));
            marks.push((s.end, 0, close));
        };
        add(a.content, "<", ">");
        if let Some(c) = a.cue {
            add(c, "{", "}");
        }
        if let Some(s) = a.source {
            add(s, "[", "]");
        }
        for r in &a.relayed_by {
            add(*r, "(", ")");
        }
        marks.sort_by_key(|m| (m.0, m.1));
        let mut line = String::new();
        let mut pos = start;
        for (at, _, m) in marks {
            if at < start || at > end {
                continue;
            }
            line.push_str(&text[pos..at]);
            line.push_str(m);
            pos = at;
        }
        line.push_str(&text[pos..end]);
        out.push_str(&format!(
            "{} {}: {}\n",
            a.kind.as_str(),
            a.source_kind.as_str(),
            line
        ));
        if let Some(r) = a.resolved_source {
            out.push_str(&format!("    source resolves to: {}\n", r.slice(text)));
        }
    }
    out
}
