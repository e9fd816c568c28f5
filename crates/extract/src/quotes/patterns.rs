//! The attribution patterns, read off one paragraph's tokens: direct quotes with the speaker
//! after or before, indirect speech, participles that continue a speaker, and sourcing phrases.

use super::lexicon::{self as lx, is};
use super::tokens::{self, Quote, Token};
use super::AttributionKind;
use corroborate_model::Span;

/// An attribution before its speaker is classified and resolved.
#[derive(Debug, Clone)]
pub struct Raw {
    pub kind: AttributionKind,
    pub content: Span,
    pub cue: Option<Span>,
    pub source: Option<Span>,
    pub relayed_by: Vec<Span>,
    pub sentence: Span,
    /// The antecedent of a relative pronoun speaker, found from the syntax ("…, which stated").
    pub antecedent: Option<Span>,
}

impl Raw {
    /// Document order of the reporting act, which is the order resolution walks in.
    pub fn cue_order(&self) -> usize {
        self.cue.map_or(self.content.start, |c| c.start)
    }
}

/// The longest speaker phrase we accept; longer runs are clauses, not names.
const MAX_NP: usize = 14;
/// How far after a verb "that" may come ("told EFE from the Doha Forum that").
const MAX_TO_THAT: usize = 9;

struct Para<'a> {
    text: &'a str,
    toks: Vec<Token>,
    quotes: Vec<Quote>,
    /// Sentence span and its token range.
    sents: Vec<(Span, usize, usize)>,
    used: Vec<bool>,
}

impl Para<'_> {
    fn s(&self, i: usize) -> &str {
        self.toks[i].span.slice(self.text)
    }
    fn word(&self, i: usize) -> bool {
        self.toks[i].word
    }
    fn is(&self, i: usize, list: &[&str]) -> bool {
        self.toks[i].word && is(list, self.s(i))
    }
    fn eq(&self, i: usize, w: &str) -> bool {
        self.s(i).eq_ignore_ascii_case(w)
    }
    fn capitalized(&self, i: usize) -> bool {
        self.toks[i].word && self.s(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn punct(&self, i: usize, set: &[char]) -> bool {
        !self.toks[i].word && self.s(i).chars().next().is_some_and(|c| set.contains(&c))
    }
    fn is_open(&self, i: usize) -> bool {
        self.quotes.iter().any(|q| q.open == self.toks[i].span)
    }
    fn is_close(&self, i: usize) -> bool {
        self.quotes.iter().any(|q| q.close == self.toks[i].span)
    }
    fn span(&self, a: usize, b: usize) -> Span {
        // tokens a..b (exclusive)
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }
    fn sentence_of(&self, i: usize) -> usize {
        self.sents
            .iter()
            .position(|&(_, a, b)| a <= i && i < b)
            .unwrap_or(0)
    }
    fn tok_at(&self, byte: usize) -> Option<usize> {
        self.toks.iter().position(|t| t.span.start == byte)
    }
    /// A speech verb that is not part of a quotation and, if the word is often a noun, has the
    /// company of a verb.
    fn cue_word(&self, i: usize) -> bool {
        if !self.is(i, lx::SPEECH_VERBS) || self.toks[i].quoted || self.used[i] {
            return false;
        }
        if self.is(i, lx::AMBIGUOUS_NOUN_FORMS) && p_capital_inside(self, i) {
            return false;
        }
        if self.is(i, lx::AMBIGUOUS_NOUN_FORMS) {
            // "whiter states, but" is a noun; "the report states, “…”" is a verb.
            let n = self.toks.len();
            let next_ok = i + 1 < n
                && (self.eq(i + 1, "that")
                    || self.punct(i + 1, &[':'])
                    || self.is_open(i + 1)
                    || (self.punct(i + 1, &[',']) && i + 2 < n && self.is_open(i + 2)));
            let prev_ok = i > 0
                && (self.word(i - 1) || self.punct(i - 1, &['’', '\'', ')']))
                && !self.is(
                    i - 1,
                    &[
                        "the",
                        "a",
                        "an",
                        "his",
                        "her",
                        "its",
                        "their",
                        "our",
                        "new",
                        "these",
                        "those",
                        "amid",
                        "of",
                        "about",
                        "on",
                        "in",
                        "despite",
                        "after",
                        "following",
                        "with",
                        "to",
                        "from",
                        "by",
                        "and",
                        "or",
                        "media",
                        "news",
                        "press",
                        "recent",
                        "latest",
                        "some",
                        "many",
                        "conflicting",
                        "unconfirmed",
                        "initial",
                        "several",
                        "multiple",
                    ],
                );
            return next_ok && prev_ok;
        }
        // A capitalized verb inside a sentence is a name ("the United States").
        if p_capital_inside(self, i) {
            return false;
        }
        // "the said", "is said to" and "to say" are not reports.
        if i > 0 && self.is(i - 1, &["the", "to"]) {
            return false;
        }
        if i + 1 < self.toks.len()
            && i > 0
            && self.eq(i + 1, "to")
            && self.is(i - 1, &["is", "are", "was", "were", "be", "been"])
            && self.is(i, &["said", "thought", "believed", "reported"])
        {
            return false;
        }
        true
    }
}

fn p_capital_inside(p: &Para, i: usize) -> bool {
    p.capitalized(i)
        && !p.sents.iter().any(|&(_, a, _)| a == i)
        && !(i > 0 && (p.is_open(i - 1) || p.punct(i - 1, &[':', '—', '–'])))
}

pub fn paragraph(text: &str, para: Span, sents: &[Span], out: &mut Vec<Raw>) {
    let mut toks = tokens::tokenize(text, para);
    let quotes = tokens::pair_quotes(text, para);
    tokens::mark_quoted(&mut toks, &quotes);
    let mut ranges = Vec::new();
    let mut ti = 0;
    for &s in sents {
        let a = ti;
        while ti < toks.len() && toks[ti].span.start < s.end {
            ti += 1;
        }
        ranges.push((s, a, ti));
    }
    let n = toks.len();
    let mut p = Para {
        text,
        toks,
        quotes,
        sents: ranges,
        used: vec![false; n],
    };
    let start = out.len();
    direct_quotes(&mut p, out);
    sourcing(&mut p, out);
    reporting_verbs(&mut p, out);
    participles(&mut p, out, start);
}

// ---------------------------------------------------------------------------------------------
// Speaker phrases

/// Walks back from token `end` (inclusive) over a speaker phrase; returns its first token.
fn np_back(p: &Para, end: usize, floor: usize) -> Option<usize> {
    if !p.word(end) && !p.punct(end, &[')']) {
        return None;
    }
    if p.is(end, &["who", "which", "that"]) {
        return Some(end);
    }
    let mut i = end;
    let mut count = 0;
    loop {
        let t = i;
        let ok = if p.word(t) {
            !p.is(t, lx::NP_BOUNDARY)
                || (t != end && p.is(t, lx::NP_INNER) && !p.eq(t, "that"))
                || (p.is(t, &["the"]))
        } else {
            p.punct(t, &['’', '\'', '(', ')', '-', '.'])
                && !p.toks[t].quoted
                && !p.is_close(t)
                && !p.is_open(t)
        };
        if !ok || p.toks[t].quoted && t != end {
            i = t + 1;
            break;
        }
        count += 1;
        if t == floor || count >= MAX_NP {
            i = t;
            break;
        }
        i -= 1;
    }
    if i > end {
        return None;
    }
    // Trim leading prepositions and punctuation left by the walk.
    let mut a = i;
    while a <= end
        && (!p.word(a) && !p.punct(a, &['('])
            || p.is(a, &["of", "for", "on", "by", "in", "at", "from", "led"]))
    {
        a += 1;
    }
    // A lowercase first word that is a verb form ends the phrase before it ("whose fall highlighted").
    if a > end {
        return None;
    }
    Some(a)
}

/// Walks forward from `start` over a speaker phrase (after a verb or "according to"); returns the
/// end (exclusive). Stops at punctuation, boundaries and relays ("quoted by").
fn np_fwd(p: &Para, start: usize, limit: usize) -> Option<usize> {
    let mut i = start;
    while i < limit && i - start < MAX_NP {
        let ok = if p.word(i) {
            if i == start {
                !p.is(i, lx::NP_BOUNDARY) || p.is(i, &["the"])
            } else {
                (!p.is(i, lx::NP_BOUNDARY) || p.is(i, &["of", "for", "the"]))
                    && !p.is(
                        i,
                        &[
                            "quoted", "cited", "citing", "who", "which", "said", "says", "told",
                            "adding", "saying",
                        ],
                    )
                    && (!p.is(i, lx::SPEECH_VERBS) || p.is(i, lx::AMBIGUOUS_NOUN_FORMS))
            }
        } else {
            p.punct(i, &['’', '\'', '(', ')', '-']) && !p.is_open(i) && !p.is_close(i)
        };
        if !ok || p.toks[i].quoted {
            break;
        }
        i += 1;
    }
    // Drop a trailing preposition or open parenthesis.
    while i > start && (p.is(i - 1, &["of", "for", "the"]) || p.punct(i - 1, &['(', '-'])) {
        i -= 1;
    }
    // An unbalanced closing parenthesis is not ours.
    (i > start).then_some(i)
}

/// The subject at the start of a sentence: a run of capitalized words, determiners and role
/// nouns ("Russian Foreign Minister Sergei Lavrov", "The exiled opposition leader").
fn subject(p: &Para, start: usize, limit: usize) -> Option<Span> {
    let mut i = start;
    while i < limit && i - start < MAX_NP {
        // "al-Assad" counts as capitalized here.
        let ok = p.capitalized(i)
            || (p.word(i) && p.s(i).contains('-') && p.s(i).chars().any(char::is_uppercase))
            || p.is(i, &["the", "a", "an", "of", "s"])
            || p.punct(i, &['’', '\''])
            || (p.word(i)
                && p.s(i).chars().all(|c| c.is_lowercase())
                && (p.is(i, lx::ROLE_NOUNS)
                    || p.is(i, lx::ANONYMOUS_NOUNS)
                    || i + 1 < limit
                        && (p.is(i + 1, lx::ROLE_NOUNS) || p.capitalized(i + 1))
                        && !p.is(i, lx::NP_BOUNDARY)));
        if !ok || p.toks[i].quoted {
            break;
        }
        i += 1;
    }
    while i > start && (p.is(i - 1, &["of", "the", "a", "an"]) || !p.word(i - 1)) {
        i -= 1;
    }
    (i > start
        && !p.is(
            start,
            &[
                "in", "on", "at", "after", "before", "with", "for", "from", "by", "as", "since",
                "during",
            ],
        ))
    .then(|| p.span(start, i))
}

/// The subject of the main clause before token `limit`, past introductory phrases set off by
/// commas ("At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton tried …").
fn clause_subject(p: &Para, a: usize, limit: usize) -> Option<Span> {
    let intro = p.is(
        a,
        &[
            "in",
            "on",
            "at",
            "after",
            "before",
            "with",
            "for",
            "from",
            "by",
            "as",
            "since",
            "during",
            "while",
            "when",
            "despite",
            "following",
            "asked",
            "speaking",
            "earlier",
            "later",
            "but",
            "and",
            "yet",
            "still",
            "meanwhile",
        ],
    );
    let starts = std::iter::once(a)
        .filter(|_| !intro)
        .chain((a..limit).filter(|&t| p.punct(t, &[','])).map(|t| t + 1));
    for c in starts {
        if c >= limit {
            break;
        }
        if p.is(c, &["he", "she", "they", "we", "i", "it"]) && !p.toks[c].quoted {
            return Some(p.toks[c].span);
        }
        if let Some(sub) = subject(p, c, limit) {
            // A subject is followed by its verb, not by another comma.
            let after = p
                .toks
                .iter()
                .position(|t| t.span.start >= sub.end)
                .unwrap_or(limit);
            if after < limit && p.word(after) {
                return Some(sub);
            }
        }
    }
    None
}

/// Extends a cue backward over auxiliaries and adverbs; returns the first cue token.
fn cue_back(p: &Para, verb: usize, floor: usize) -> usize {
    let mut m = verb;
    while m > floor && p.is(m - 1, lx::CUE_MODIFIERS) && !p.toks[m - 1].quoted {
        m -= 1;
    }
    // "has" alone before a noun phrase is not an auxiliary of this verb when nothing is left.
    m
}

/// The recipient after "told": a capitalized name or an outlet description. Returns its end.
fn recipient(p: &Para, start: usize, limit: usize) -> Option<usize> {
    if start >= limit {
        return None;
    }
    if p.is(
        start,
        &[
            "him",
            "her",
            "them",
            "me",
            "us",
            "you",
            "reporters",
            "journalists",
            "supporters",
            "the",
            "a",
            "an",
        ],
    ) || p.capitalized(start)
    {
        if p.is(
            start,
            &[
                "him",
                "her",
                "them",
                "me",
                "us",
                "you",
                "reporters",
                "journalists",
                "supporters",
            ],
        ) {
            return Some(start + 1);
        }
        return np_fwd(p, start, limit);
    }
    None
}

fn is_relay(p: &Para, a: usize, b: usize) -> bool {
    (a..b).any(|i| p.capitalized(i) || p.is(i, lx::MEDIA_NOUNS))
}

// ---------------------------------------------------------------------------------------------
// Content boundaries

/// The end of indirect content starting at token `a` in sentence `(s, _, b)`: the sentence end,
/// or a comma before a participle cue or a sourcing phrase; stretched to the close of a quote the
/// content runs into.
fn content_end(p: &Para, a: usize, b: usize) -> usize {
    let mut i = a;
    while i < b {
        let comma =
            p.punct(i, &[',', ';', '—', '–']) || p.is_close(i) && i > 0 && p.punct(i - 1, &[',']);
        if !p.toks[i].quoted && comma && i + 1 < b {
            let next = i + 1;
            if p.is(next, lx::PARTICIPLES)
                || p.eq(next, "according")
                || (p.eq(next, "while") && next + 1 < b && p.is(next + 1, lx::PARTICIPLES))
            {
                return i;
            }
            // "…, while 22 percent said …": a new speaker and verb after the comma start a
            // statement of their own.
            let mut j = next;
            while j < b.min(next + 8) && p.word(j) && !p.toks[j].quoted {
                if j > next
                    && p.is(j, lx::SPEECH_VERBS)
                    && !p.is(j, lx::AMBIGUOUS_NOUN_FORMS)
                    && !p.is(j, lx::PARTICIPLES)
                    && !p.is(j - 1, lx::CUE_MODIFIERS)
                {
                    return i;
                }
                j += 1;
            }
        }
        if !p.toks[i].quoted && p.punct(i, &[';']) {
            return i;
        }
        // `that “…,” said the newspaper`: the quote ends the content, its trailer is a relay.
        if p.is_close(i) && i > a {
            let mut k = i + 1;
            if k < b && p.punct(k, &[',']) {
                k += 1;
            }
            let trailer = (k..b.min(k + 7))
                .take_while(|&x| p.word(x) || p.punct(x, &['’', '\'']))
                .any(|x| p.is(x, lx::INVERTIBLE));
            if trailer {
                return i + 1;
            }
        }
        i += 1;
    }
    b
}

/// Trims trailing sentence punctuation (not closing quotes) from a token range; returns the span.
fn content_span(p: &Para, a: usize, mut b: usize) -> Option<Span> {
    while b > a && p.punct(b - 1, &['.', ',', ';', ':', '—', '–', '-']) && !p.is_close(b - 1) {
        b -= 1;
    }
    if b > a && p.punct(a, &[',', ':', '—', '–']) {
        return content_span(p, a + 1, b);
    }
    if b <= a {
        return None;
    }
    let mut sp = p.span(a, b);
    // Content that ends inside a quote runs to the quote's close.
    for q in &p.quotes {
        if q.inner().start <= sp.end
            && sp.end < q.close.end
            && sp.start < q.inner().start + 1 + q.inner().len()
            && q.open.start >= sp.start
        {
            sp.end = q.close.end;
        }
    }
    Some(sp)
}

fn kind_of(p: &Para, content: Span) -> (AttributionKind, Span) {
    for q in &p.quotes {
        if q.open.start == content.start && q.close.end == content.end {
            return (AttributionKind::DirectQuote, q.inner());
        }
        // "…” with the sentence's full stop outside the close.
        if q.open.start == content.start && content.end <= q.close.end + 1 {
            return (AttributionKind::DirectQuote, q.inner());
        }
    }
    if p.quotes
        .iter()
        .any(|q| content.contains(q.open) || content.contains(q.close))
    {
        (AttributionKind::Mixed, content)
    } else {
        (AttributionKind::IndirectSpeech, content)
    }
}

// ---------------------------------------------------------------------------------------------
// Families

/// `“…,” X said`, `“…,” said X`, `X said: “…”`.
fn direct_quotes(p: &mut Para, out: &mut Vec<Raw>) {
    let quotes = p.quotes.clone();
    let first = out.len();
    for q in quotes.iter().copied() {
        let (Some(open), Some(close)) = (p.tok_at(q.open.start), p.tok_at(q.close.start)) else {
            continue;
        };
        let sentence = p.sents[p.sentence_of(open)].0;
        let cs = p.sentence_of(close);
        let (_, _, send) = p.sents[cs];
        // Look after the close, within the sentence the close ends (or the next one when the
        // segmenter split after `.”`).
        let mut k = close + 1;
        if k < p.toks.len() && p.punct(k, &[',']) {
            k += 1;
        }
        let inner_ends_sentence = close > 0 && p.punct(close - 1, &['.']);
        let limit = if k < send {
            send
        } else {
            p.sents.get(cs + 1).map_or(send, |s| s.2)
        };
        if k < limit {
            // After `.”` a speaker and verb belong to the quote only if the sentence ends there
            // ("“…” Trump said."); otherwise they start a statement of their own.
            let found = trailer(p, k, limit, q, sentence);
            let keep = found.as_ref().is_some_and(|r| {
                let cue_end = r.cue.map_or(0, |c| c.end);
                let rest = p
                    .toks
                    .iter()
                    .position(|t| t.span.start >= cue_end)
                    .unwrap_or(limit);
                !inner_ends_sentence
                    || rest >= limit
                    || p.punct(rest, &['.', ','])
                    || trailing_adjunct(p, rest, limit)
            });
            if let (Some(r), false) = (&found, keep) {
                // Give the verb back to the indirect-speech pass.
                let cue = r.cue.unwrap_or(Span::new(0, 0));
                for (t, used) in p.toks.iter().zip(p.used.iter_mut()) {
                    if cue.contains(t.span) {
                        *used = false;
                    }
                }
            }
            if let (Some(r), true) = (found, keep) {
                out.push(r);
                continue;
            }
        }
        // Speaker before: `X said, “…”` / `X said: “…”` / `X said “…”`.
        if open == 0 {
            continue;
        }
        let mut v = open - 1;
        if p.punct(v, &[',', ':']) && v > 0 {
            v -= 1;
        }
        let (s0, _, _) = (p.sents[p.sentence_of(open)].1, 0, 0);
        if v >= s0 && p.cue_word(v) && !p.is(v, lx::PARTICIPLES) {
            let m = cue_back(p, v, s0);
            let src = if m > s0 { np_back(p, m - 1, s0) } else { None };
            let Some(a) = src else { continue };
            p.used[v] = true;
            out.push(Raw {
                kind: AttributionKind::DirectQuote,
                content: q.inner(),
                cue: Some(p.span(m, v + 1)),
                source: Some(p.span(a, m)),
                relayed_by: Vec::new(),
                sentence,
                antecedent: None,
            });
        }
    }
    continuations(p, &quotes, first, out);
}

/// `“A,” he said. “B.”`: a quote left without a speaker that follows an attributed quote in the
/// same paragraph, with no other quote or reporting verb between, is the same speaker going on.
fn continuations(p: &Para, quotes: &[Quote], first: usize, out: &mut Vec<Raw>) {
    let mut extra = Vec::new();
    for (qi, q) in quotes.iter().enumerate() {
        if out[first..].iter().any(|r| r.content == q.inner()) || qi == 0 {
            continue;
        }
        let prev = quotes[qi - 1];
        let Some(r) = out[first..]
            .iter()
            .find(|r| r.content == prev.inner() && r.kind == AttributionKind::DirectQuote)
        else {
            continue;
        };
        // Only a closing trailer between the two quotes ("he said." or nothing).
        let gap = Span::new(prev.close.end, q.open.start);
        let cue_between = r.cue.is_some_and(|c| gap.contains(c))
            || r.cue.is_some_and(|c| c.end <= prev.open.start);
        let gap_words = p
            .toks
            .iter()
            .filter(|t| t.word && gap.contains(t.span))
            .count();
        if !cue_between || gap_words > 8 {
            continue;
        }
        let Some(open) = p.tok_at(q.open.start) else {
            continue;
        };
        // The continuation opens its own sentence, and no other verb reports anything between.
        let starts_sentence = p.sents.iter().any(|&(_, a, _)| a == open)
            || (open > 0 && p.punct(open - 1, &[',']) && r.cue.is_some_and(|c| gap.contains(c)));
        let other_verb = p.toks.iter().any(|t| {
            gap.contains(t.span)
                && t.word
                && is(lx::SPEECH_VERBS, t.span.slice(p.text))
                && !r.cue.is_some_and(|c| c.contains(t.span))
        });
        if !starts_sentence || other_verb {
            continue;
        }
        extra.push(Raw {
            kind: AttributionKind::DirectQuote,
            content: q.inner(),
            cue: r.cue,
            source: r.source,
            relayed_by: r.relayed_by.clone(),
            sentence: p.sents[p.sentence_of(open)].0,
            antecedent: r.antecedent,
        });
    }
    out.extend(extra);
}

fn trailer(p: &mut Para, k: usize, limit: usize, q: Quote, sentence: Span) -> Option<Raw> {
    // `said X`
    if p.is(k, lx::INVERTIBLE) && !p.used[k] {
        let end = np_fwd(p, k + 1, limit)?;
        p.used[k] = true;
        let mut relayed = Vec::new();
        let mut cue_end = k + 1;
        if p.eq(k, "told") {
            // "…,” told X" is rare; the phrase is the recipient, not the speaker.
            relayed.push(p.span(k + 1, end));
            cue_end = k + 1;
        }
        return Some(Raw {
            kind: AttributionKind::DirectQuote,
            content: q.inner(),
            cue: Some(p.span(k, cue_end)),
            source: (!p.eq(k, "told")).then(|| p.span(k + 1, end)),
            relayed_by: relayed,
            sentence,
            antecedent: None,
        });
    }
    // `X said`: a speaker phrase then a verb, nothing else between but an appositive set off by
    // commas ("Bill Frelick, director at Human Rights Watch, said").
    let np_end = np_fwd(p, k, limit)?;
    let mut v = np_end;
    if v < limit && p.punct(v, &[',']) {
        if let Some(c2) = (v + 1..limit.min(v + 16)).find(|&x| p.punct(x, &[',']) || p.is_open(x)) {
            if p.punct(c2, &[',']) && c2 + 1 < limit {
                v = c2 + 1;
            }
        }
    }
    let cue_start = v;
    while v < limit && p.is(v, lx::CUE_MODIFIERS) {
        v += 1;
    }
    if v >= limit || !p.cue_word(v) || p.is(v, lx::PARTICIPLES) {
        return None;
    }
    p.used[v] = true;
    let mut relayed = Vec::new();
    if p.eq(v, "told") || p.eq(v, "tells") {
        if let Some(r) = recipient(p, v + 1, limit) {
            if is_relay(p, v + 1, r) {
                relayed.push(p.span(v + 1, r));
            }
        }
    }
    Some(Raw {
        kind: AttributionKind::DirectQuote,
        content: q.inner(),
        cue: Some(p.span(cue_start, v + 1)),
        source: Some(p.span(k, np_end)),
        relayed_by: relayed,
        sentence,
        antecedent: None,
    })
}

/// `according to X`, `as per X`, `X quoted by Y`.
fn sourcing(p: &mut Para, out: &mut Vec<Raw>) {
    for si in 0..p.sents.len() {
        let (sentence, a, b) = p.sents[si];
        let mut i = a;
        while i + 1 < b {
            let two = (p.eq(i, "according") && p.eq(i + 1, "to"))
                || (p.eq(i, "as") && p.eq(i + 1, "per"));
            if !two || p.toks[i].quoted {
                i += 1;
                continue;
            }
            let cue = p.span(i, i + 2);
            let Some(np_end) = np_fwd(p, i + 2, b) else {
                i += 2;
                continue;
            };
            let mut source = p.span(i + 2, np_end);
            let mut relayed = Vec::new();
            let mut after = np_end;
            // "a Kremlin source quoted by the TASS news agency"
            if after + 1 < b
                && p.is(after, &["quoted", "cited", "interviewed"])
                && p.eq(after + 1, "by")
            {
                if let Some(r) = np_fwd(p, after + 2, b) {
                    relayed.push(p.span(after + 2, r));
                    after = r;
                }
            } else if after + 1 < b
                && p.punct(after, &[','])
                && p.is(after + 1, &["citing", "quoting"])
            {
                // "according to TASS, citing a Kremlin source": the cited one is the source.
                if let Some(r) = np_fwd(p, after + 2, b) {
                    relayed.push(source);
                    source = p.span(after + 2, r);
                    after = r;
                }
            }
            // Content: before the phrase when it trails, after it when it leads (or follows no
            // more than an opener: "Now, according to the poll, some are swinging").
            let words_before = (a..i).filter(|&x| p.word(x)).count();
            let mut rest = after;
            if rest < b && p.punct(rest, &[',']) {
                rest += 1;
            }
            let leads = words_before < 3
                && i > a
                && rest < b
                && (rest..b).filter(|&x| p.word(x)).count() >= 3;
            let content = if leads {
                content_span(p, rest, content_end(p, rest, b))
            } else if i > a && p.punct(i - 1, &[',', '(', '—', '–']) || i > a + 2 {
                content_span(
                    p,
                    a,
                    if p.punct(i - 1, &[',', '(', '—', '–']) {
                        i - 1
                    } else {
                        i
                    },
                )
            } else if after < b && i == a {
                let mut c = after;
                if c < b && p.punct(c, &[',']) {
                    c += 1;
                }
                content_span(p, c, content_end(p, c, b))
            } else if i == a && si > 0 {
                // "as per Russian Media." standing alone after the sentence it sources.
                let (prev, _, _) = p.sents[si - 1];
                Some(prev.trim(p.text)).map(|s| {
                    let t = s.slice(p.text);
                    let cut = t.trim_end_matches(['.', ' ']).len();
                    Span::new(s.start, s.start + cut)
                })
            } else {
                None
            };
            if let Some(content) = content {
                out.push(Raw {
                    kind: AttributionKind::Sourcing,
                    content,
                    cue: Some(cue),
                    source: Some(source),
                    relayed_by: relayed,
                    sentence,
                    antecedent: None,
                });
            }
            i = after.max(i + 2);
        }
    }
}

/// `X said (that) …`, `X told Y (that) …`, `…, X said.`, `…, said X.`, `Y was reported by X`.
fn reporting_verbs(p: &mut Para, out: &mut Vec<Raw>) {
    for si in 0..p.sents.len() {
        let (sentence, a, b) = p.sents[si];
        for v in a..b {
            if !p.cue_word(v) || p.is(v, lx::PARTICIPLES) {
                continue;
            }
            if let Some(r) = passive(p, v, a, b, sentence) {
                p.used[v] = true;
                out.push(r);
                continue;
            }
            let m = cue_back(p, v, a);
            // "were not confirmed" without "by" is a passive: no speaker in the sentence.
            if v > m && p.is(v - 1, &["was", "were", "is", "are", "been", "be", "being"]) {
                continue;
            }
            // Content after the verb: skip the recipient and adjuncts up to "that".
            let mut c = v + 1;
            let mut relayed = Vec::new();
            if p.is(v, &["told", "tells", "tell", "telling"]) {
                if let Some(r) = recipient(p, v + 1, b) {
                    if is_relay(p, v + 1, r) {
                        relayed.push(p.span(v + 1, r));
                    }
                    c = r;
                }
            }
            // "that" after adjuncts only: a comma, a quote or another reporting verb first means
            // the "that" belongs to someone else ("Rebels said X, as reports say that …").
            let window = b.min(c + MAX_TO_THAT);
            let stop = (c..window)
                .find(|&t| {
                    p.punct(t, &[',', ';', ':'])
                        || p.is_open(t)
                        || (t > c && p.is(t, lx::SPEECH_VERBS))
                })
                .unwrap_or(window);
            let that = (c..stop).find(|&t| p.eq(t, "that") && !p.toks[t].quoted);
            let mut head = c;
            if let Some(t) = that {
                // Only adjuncts before "that": no verb-like breaks such as a second comma clause.
                if (c..t).all(|x| !p.punct(x, &['.', ';', ':']) && !p.is_open(x)) {
                    head = t + 1;
                }
            } else if c < b && p.punct(c, &[',', ':']) {
                head = c + 1;
            }
            let tail_is_adjunct = that.is_none() && trailing_adjunct(p, head, b);
            // Verbs that as often take a plain object ("continued making calls", "announced a
            // break") report speech only with a clause after them, or with nothing at all.
            let clause_follows = that.is_some()
                || (c < b && (p.is_open(c) || p.punct(c, &[':'])))
                || (c + 1 < b && p.punct(c, &[',']) && p.is_open(c + 1));
            if p.is(v, lx::WEAK_VERBS) && !clause_follows && !tail_is_adjunct && head < b {
                continue;
            }
            // Speaker: before the verb, or after it when the verb follows a comma.
            let before = if m > a { Some(m - 1) } else { None };
            let comma_before = before.is_some_and(|x| p.punct(x, &[',']));
            let mut source = None;
            let mut content = None;
            let mut antecedent = None;
            // `…, said the ministry.` / `…, said Ed Rendell, who chairs …`: a speaker phrase
            // after the verb that ends the sentence or meets a comma.
            let inverted = (comma_before && that.is_none())
                .then(|| np_fwd(p, v + 1, b))
                .flatten()
                .filter(|&e| {
                    e >= b || p.punct(e, &[',', '.', '(', ';']) || trailing_adjunct(p, e, b)
                });
            if let Some(e) = inverted {
                let x = before.unwrap_or(a);
                source = Some(p.span(v + 1, e));
                content = content_span(p, a, x);
            } else if comma_before && (tail_is_adjunct || head >= b) {
                // `…, said.` with nobody named: not an attribution we can place.
            } else if comma_before {
                // `Hadi al-Bahra, president of …, told EFE that …`: the name before the first comma.
                let first_comma = (a..m).find(|&x| p.punct(x, &[',']) && !p.toks[x].quoted);
                if let Some(fc) = first_comma {
                    if fc > a && fc - a <= 6 && p.capitalized(a) {
                        source = Some(p.span(a, fc));
                    }
                }
                content = content_span(p, head, content_end(p, head, b));
            } else if let Some(x) = before {
                if let Some(s0) = np_back(p, x, a) {
                    source = Some(p.span(s0, m));
                    if s0 == x
                        && p.is(x, &["who", "which"])
                        && x > a
                        && p.punct(x - 1, &[','])
                        && x - 1 > a
                    {
                        antecedent = np_back(p, x - 2, a).map(|mut y| {
                            // "uncovered by The National Interest, which": the name, not the verb.
                            while y < x - 2 && !p.capitalized(y) && !p.is(y, &["the", "a", "an"]) {
                                y += 1;
                            }
                            p.span(y, x - 1)
                        });
                    }
                    if head >= b || tail_is_adjunct {
                        // `…, the ministry said.` / `…, a source told SoF on Saturday.`
                        if s0 > a && p.punct(s0 - 1, &[',']) {
                            content = content_span(p, a, s0 - 1);
                        }
                    } else {
                        content = content_span(p, head, content_end(p, head, b));
                    }
                } else if p.is(x, &["and", "but"]) && head < b && !tail_is_adjunct {
                    // "… shook her head and said, …": the subject of the sentence speaks.
                    source = subject(p, a, x);
                    content = content_span(p, head, content_end(p, head, b));
                }
            }
            let (Some(content), Some(_)) = (content, source) else {
                continue;
            };
            let (kind, content) = kind_of(p, content);
            p.used[v] = true;
            out.push(Raw {
                kind,
                content,
                cue: Some(p.span(m, v + 1)),
                source,
                relayed_by: relayed,
                sentence,
                antecedent,
            });
        }
    }
}

/// After the verb only a short adjunct is left: "on Saturday.", "in a statement.".
fn trailing_adjunct(p: &Para, from: usize, b: usize) -> bool {
    let rest: Vec<usize> = (from..b).filter(|&i| p.word(i)).collect();
    if rest.is_empty() {
        return true;
    }
    rest.len() <= 6
        && (p.is(
            rest[0],
            &[
                "on",
                "in",
                "at",
                "during",
                "late",
                "early",
                "last",
                "this",
                "earlier",
                "yesterday",
                "today",
                "tonight",
                "via",
                "through",
                "after",
            ],
        ) || p.is(rest[0], &crate::calendar::WEEKDAYS))
        && (from..b).all(|i| p.word(i) || p.punct(i, &['.', ',', '!', '?']) && i + 1 >= b - 1)
}

/// `O’Malley’s move was first reported by MSNBC`.
fn passive(p: &Para, v: usize, a: usize, b: usize, sentence: Span) -> Option<Raw> {
    if v + 2 >= b
        || !p.eq(v + 1, "by")
        || !p.is(
            v,
            &[
                "reported",
                "quoted",
                "cited",
                "confirmed",
                "announced",
                "revealed",
                "stated",
                "claimed",
                "described",
                "disclosed",
            ],
        )
    {
        return None;
    }
    let m = cue_back(p, v, a);
    if m == v || !(m..v).any(|x| p.is(x, &["was", "were", "is", "are", "been", "be"])) {
        return None;
    }
    let end = np_fwd(p, v + 2, b)?;
    let content = content_span(p, a, m)?;
    Some(Raw {
        kind: AttributionKind::IndirectSpeech,
        content,
        cue: Some(p.span(m, v + 2)),
        source: Some(p.span(v + 2, end)),
        relayed_by: Vec::new(),
        sentence,
        antecedent: None,
    })
}

/// `…, adding that …` / `…, saying he …`: a second statement by the sentence's speaker.
fn participles(p: &mut Para, out: &mut Vec<Raw>, first: usize) {
    for si in 0..p.sents.len() {
        let (sentence, a, b) = p.sents[si];
        for v in a..b {
            if !p.is(v, lx::PARTICIPLES) || p.toks[v].quoted || p.used[v] || v == a {
                continue;
            }
            let comma_at = |x: usize| {
                p.punct(x, &[',', '—', '–']) || (p.is_close(x) && x > 0 && p.punct(x - 1, &[',']))
            };
            let after_comma =
                comma_at(v - 1) || (v >= a + 2 && p.eq(v - 1, "while") && comma_at(v - 2));
            if !after_comma {
                continue;
            }
            let mut head = v + 1;
            let mut relayed = Vec::new();
            if p.eq(v, "telling") {
                if let Some(r) = recipient(p, head, b) {
                    if is_relay(p, head, r) {
                        relayed.push(p.span(head, r));
                    }
                    head = r;
                }
            }
            if head < b && p.eq(head, "that") {
                head += 1;
            }
            let Some(content) = content_span(p, head, content_end(p, head, b)) else {
                continue;
            };
            // The speaker is the last one attributed in this sentence (or this quote), else the
            // sentence subject.
            let prev = out[first..]
                .iter()
                .rev()
                .find(|r| {
                    let at = p.toks[v].span.start;
                    let cue_here = r
                        .cue
                        .is_some_and(|c| c.start < at && c.start >= sentence.start);
                    // A quote that began sentences earlier and closes just before the participle.
                    let content_here = r.cue.is_some_and(|c| c.start < at)
                        && r.content.end >= sentence.start
                        && r.content.end <= at;
                    (cue_here || content_here) && r.source.is_some()
                })
                .and_then(|r| r.source);
            let source = prev.or_else(|| clause_subject(p, a, v));
            let Some(source) = source else { continue };
            let (kind, content) = kind_of(p, content);
            p.used[v] = true;
            out.push(Raw {
                kind,
                content,
                cue: Some(p.toks[v].span),
                source: Some(source),
                relayed_by: relayed,
                sentence,
                antecedent: None,
            });
        }
    }
}
