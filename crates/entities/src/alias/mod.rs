//! Alias resolution: group mentions within and across documents into entities, with evidence.
//!
//! The work runs in passes, strongest evidence first, over one union-find of all mentions:
//!
//! 1. constraints: kinship cues ("his brother Maher") and override vetoes forbid merges;
//! 2. in each document, explicit patterns (`(HTS)`, "known as", "whose real name is", "later
//!    evolved into", appositions), repeated names, acronyms of names in the document, and short
//!    forms ("Assad" → the one full "… al-Assad" name, or the nearest in the paragraph);
//! 3. across documents, full names equal under the transliteration [`names::Rule`]s, kunya and
//!    given-name subsets ("Abu Al-Jolani" ⊂ "Abu Mohammad al-Jolani"), acronyms, and short forms
//!    of a unique full name (several candidates: roles and co-occurring entities decide);
//! 4. forced merges from the override file.
//!
//! A merge is refused when it would put into one entity two people whose family names match but
//! whose given names do not (Bashar / Maher / Hafez al-Assad), a person and a non-person, or two
//! names the override file vetoes. Every merge records an [`Evidence`]: the name that joined,
//! the rule or pattern, and the span where the text shows it.

mod context;
pub mod kinds;
pub mod names;
mod overrides;
mod patterns;
pub mod score;
pub mod variants;

pub use overrides::{Directive, OverrideError, Overrides};

use crate::{geo, EntityKind, Mention};
use corroborate_model::Span;
use names::{describe, fold, given_fits, name_key, token_key, tokens_match, translit_match, Name};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

/// One document's mentions, as the recognizer (or a test) produced them.
#[derive(Debug, Clone, Copy)]
pub struct DocMentions<'a> {
    /// The document's id.
    pub doc: &'a str,
    pub text: &'a str,
    pub mentions: &'a [Mention],
}

/// One entity of the corpus roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// "E" and 16 hex digits of a hash of kind and canonical name: stable across runs.
    pub id: String,
    /// The canonical name: the main name the texts give, most-written spelling.
    pub name: String,
    pub kind: EntityKind,
    /// The other names and spellings, titles removed, sorted.
    pub aliases: Vec<String>,
    /// Every mention: (document id, byte span), sorted.
    pub mentions: Vec<(String, Span)>,
    /// Why each name belongs here, one record per merge.
    pub evidence: Vec<Evidence>,
    /// Where a place is (filled by [`geo::locate`]).
    pub place: Option<geo::Place>,
}

/// Why a name was merged into an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The name (as written, titles removed) that joined.
    pub alias: String,
    /// The rule or pattern: "acronym-expansion", "transliteration: j/g + article", …
    pub reason: String,
    /// Where the text shows it: (document id, span).
    pub span: Option<(String, Span)>,
}

/// What is known about one mention.
#[derive(Debug, Clone)]
struct M {
    doc: usize,
    span: Span,
    kind: EntityKind,
    name: Name,
    /// Name without titles, articles kept: what aliases show.
    display: String,
    key: String,
    roles: Vec<String>,
    kin: Option<&'static str>,
    para: usize,
    /// Stands before "family"/"clan"/"dynasty": names a family, not one person.
    family: bool,
    /// The text marks this name as the main one (left of "known as", right of "evolved into").
    primary: bool,
    /// A nationality adjective joined to its country ("Syrian" of "Syria"): a mention of the
    /// country, never the entity's name.
    adjective: bool,
    /// The longer organization name this one is the tail of ("Tahrir al-Sham" of "Hayat Tahrir
    /// al-Sham"): a mention index.
    truncates: Option<usize>,
}

/// A mention after the checks of [`checked_mentions`], before its name is parsed.
#[derive(Debug, Clone, Copy)]
struct Raw {
    doc: usize,
    span: Span,
    kind: EntityKind,
    family: bool,
}

/// The recognizer's mentions, repaired and checked: overruns undone ([`repair_span`]), names cut
/// short before their bracketed acronym completed ([`kinds::acronym_completion`]), a family
/// grown over its family word and made a group, descriptions and bare head words ("Army")
/// dropped, kinds revised by their words ([`kinds::revised_kind`]: documents such as "…
/// Resolution 2254" are no organizations), a known place after a preposition of place made one
/// ([`kinds::locative_place`]: "facilities at Tartus"), by a bracketed acronym of their initials (an organization's:
/// [`kinds::own_acronym`], which also restores the acronym when the recognizer passed over it) and by an apposition to a place noun ("a second major city,
/// Hama,": [`kinds::place_apposition`]) or to "the" ("the Levant": [`kinds::article_place`]), and
/// the mentions of headings trusted only as far as a name
/// the body text also gives ("Bashar al-Assad Flees" → "Bashar al-Assad"; "Gains" in
/// "Opposition Gains and Government Collapse" is no name: the texts write "gains").
fn checked_mentions(docs: &[DocMentions], gazetteer: Option<&geo::Gazetteer>) -> Vec<Raw> {
    let lower = kinds::lowercase_words(docs.iter().map(|d| d.text));
    // Names the recognizer reads as places somewhere in the corpus.
    let places: BTreeSet<String> = docs
        .iter()
        .flat_map(|d| {
            d.mentions
                .iter()
                .filter(|m| is_place(m.kind) && m.span.end <= d.text.len())
                .filter_map(|m| d.text.get(m.span.start..m.span.end))
                .map(fold)
        })
        .collect();
    // Family names of the people the recognizer names in full: a place in the gazetteer that is
    // also one ("Obama", a town in Japan, of "Barack Obama") stays the person it was read as.
    let surnames: BTreeSet<String> = docs
        .iter()
        .flat_map(|d| {
            d.mentions
                .iter()
                .filter(|m| m.kind == EntityKind::Person)
                .filter_map(|m| d.text.get(m.span.start..m.span.end))
                .map(Name::parse)
                .filter(|n| n.tokens.len() >= 2)
                .filter_map(|n| n.surname().map(|t| token_key(&t.text)))
        })
        .collect();
    let mut raws: Vec<(Raw, bool)> = Vec::new();
    for (d, dm) in docs.iter().enumerate() {
        let headings = kinds::heading_lines(dm.text);
        let mut sorted: Vec<&Mention> = dm.mentions.iter().collect();
        sorted.sort_by_key(|m| (m.span.start, m.span.end));
        // The largest end among the mentions up to each one (sorted by start): whether a span
        // overlaps any mention is then a binary search.
        let ends: Vec<usize> = sorted
            .iter()
            .scan(0, |e, m| {
                *e = (*e).max(m.span.end);
                Some(*e)
            })
            .collect();
        let overlaps_any = |a: Span| {
            let k = sorted.partition_point(|m| m.span.start < a.end);
            k > 0 && ends[k - 1] > a.start
        };
        for &m in &sorted {
            if m.span.end > dm.text.len()
                || !dm.text.is_char_boundary(m.span.start)
                || !dm.text.is_char_boundary(m.span.end)
            {
                continue; // a span that does not fit its text: skip it rather than panic
            }
            let is_place = |p: &str| {
                kinds::is_known_place(p)
                    || places.contains(&fold(p))
                    || gazetteer.is_some_and(|g| !g.lookup(p).is_empty())
            };
            for (span, kind) in repair_span(dm.text, m.span, m.kind, is_place) {
                let span = kinds::acronym_completion(dm.text, span).unwrap_or(span);
                let (span, kind, family) = match kinds::family_span(dm.text, span) {
                    Some(f) => (f, EntityKind::Group, true),
                    None => (span, kind, false),
                };
                let surface = span.slice(dm.text);
                if kind == EntityKind::Organization
                    && (kinds::is_description(surface) || kinds::is_bare_head(surface))
                {
                    continue;
                }
                let mut kind = match kinds::revised_kind(surface, kind) {
                    Some((EntityKind::Gpe, _))
                        if kind == EntityKind::Person
                            && surnames.contains(&name_key(&Name::parse(surface))) =>
                    {
                        kind
                    }
                    revised => revised.map_or(kind, |k| k.0),
                };
                let acronym = kinds::own_acronym(dm.text, span);
                if kind == EntityKind::Person && acronym.is_some() {
                    kind = EntityKind::Organization;
                }
                if matches!(kind, EntityKind::Person | EntityKind::Group)
                    && kinds::place_apposition(dm.text, span)
                {
                    kind = EntityKind::Gpe;
                }
                if kind == EntityKind::Person && kinds::article_place(dm.text, span) {
                    kind = EntityKind::Location;
                }
                if matches!(kind, EntityKind::Organization | EntityKind::Person)
                    && kinds::locative_place(dm.text, span)
                    && (kinds::is_place_name(surface) || places.contains(&fold(surface)))
                {
                    kind = EntityKind::Gpe;
                }
                if matches!(kind, EntityKind::Person | EntityKind::Misc)
                    && kinds::destination_place(dm.text, span, |o| {
                        kinds::is_place_name(o) || places.contains(&fold(o))
                    })
                {
                    kind = EntityKind::Location;
                }
                let h = headings.partition_point(|h| h.start <= span.start);
                let heading = h > 0 && span.end <= headings[h - 1].end;
                let raw = Raw {
                    doc: d,
                    span,
                    kind,
                    family,
                };
                raws.push((raw, heading));
                // The acronym itself, when the recognizer passed over it.
                if let Some(a) = acronym.filter(|a| !overlaps_any(*a)) {
                    let acro = Raw { span: a, ..raw };
                    raws.push((acro, heading));
                }
            }
        }
    }
    let key = |r: &Raw| {
        let text = docs[r.doc].text;
        name_key(&Name::parse_with(
            r.span.slice(text),
            r.kind == EntityKind::Person,
        ))
    };
    let mut known: BTreeMap<String, EntityKind> = BTreeMap::new();
    for (r, heading) in &raws {
        if !heading {
            known.entry(key(r)).or_insert(r.kind);
        }
    }
    let mut out = Vec::new();
    for (mut r, heading) in raws {
        if !heading || known.contains_key(&key(&r)) {
            out.push(r);
            continue;
        }
        // The longest run of leading words that the body text names.
        let surface = r.span.slice(docs[r.doc].text);
        let prefix = surface
            .char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .find_map(|e| {
                let p = Raw {
                    span: Span::new(r.span.start, r.span.start + e),
                    ..r
                };
                known.get(&key(&p)).map(|k| (p.span, *k))
            });
        if let Some((span, kind)) = prefix {
            r.span = span;
            r.kind = kind;
            out.push(r);
            continue;
        }
        let common = surface.split_whitespace().any(|w| {
            w.chars().all(char::is_alphabetic)
                && w.chars().next().is_some_and(char::is_uppercase)
                && lower.contains(&w.to_lowercase())
        });
        if !common {
            out.push(r);
        }
    }
    out
}

/// Kinds revised with what the whole corpus names: a one-word group, or a one-word place that no
/// gazetteer knows, that is the family name of a person named in full elsewhere and stands as a noun ("the capture of Jolani") is that person's
/// name; a person's name that is the tail of a longer organization name ("Tahrir al-Sham" of
/// "Hayat Tahrir al-Sham") is that organization cut short (when the words before it in the text
/// complete the name, the mention grows over them).
fn revise_by_corpus(docs: &[DocMentions], ms: &mut [M]) {
    // First what each document says: "Hay’at Tahrir al-Sham (HTS)" read as a person before an
    // organization's acronym is an organization (see `within_document`).
    for i in 1..ms.len() {
        let (a, b) = (&ms[i - 1], &ms[i]);
        let kinds = [a.kind, b.kind];
        if a.doc != b.doc
            || !kinds.contains(&EntityKind::Person)
            || !kinds.contains(&EntityKind::Organization)
        {
            continue;
        }
        let text = docs[a.doc].text;
        let link = patterns::link(text, a.span, &a.name, b.span, &b.name);
        if link.is_some_and(|l| l.reason == "acronym-expansion") {
            ms[i - 1].kind = EntityKind::Organization;
            ms[i].kind = EntityKind::Organization;
        }
    }
    let surnames: BTreeSet<String> = ms
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.name.tokens.len() >= 2)
        .filter_map(|m| m.name.surname().map(|t| token_key(&t.text)))
        .collect();
    for m in ms.iter_mut() {
        let text = docs[m.doc].text;
        // A group, or a place no gazetteer knows ("the capture of Jolani" read as a place).
        let misread = m.kind == EntityKind::Group
            || matches!(m.kind, EntityKind::Gpe | EntityKind::Location)
                && !kinds::is_known_place(m.span.slice(text));
        if misread
            && m.name.tokens.len() == 1
            && !m.family
            && !m.name.tokens[0].text.ends_with('s')
            && !context::used_as_modifier(text, m.span)
            && surnames.contains(&token_key(&m.name.tokens[0].text))
        {
            m.kind = EntityKind::Person;
        }
    }
    // Organization names by the keys of their tails (equal keys are what `tokens_match`
    // accepts), the first organization for each: one look-up per person's name.
    let mut tails: BTreeMap<String, (usize, Vec<names::Token>)> = BTreeMap::new();
    for (i, m) in ms.iter().enumerate() {
        if m.kind == EntityKind::Organization && m.name.tokens.len() >= 2 {
            let keys: Vec<String> = m.name.tokens.iter().map(|t| token_key(&t.text)).collect();
            for k in 1..keys.len() {
                tails
                    .entry(keys[keys.len() - k..].join(" "))
                    .or_insert_with(|| (i, m.name.tokens.clone()));
            }
        }
    }
    for m in ms.iter_mut() {
        if m.kind != EntityKind::Person || m.name.tokens.len() < 2 {
            continue;
        }
        let k = m.name.tokens.len();
        let Some((o, long)) = tails.get(&m.key) else {
            continue;
        };
        let text = docs[m.doc].text;
        let before = &text[..m.span.start];
        let mut start = before.trim_end().len();
        for _ in 0..long.len() - k {
            start = before[..start]
                .trim_end()
                .rfind(char::is_whitespace)
                .map_or(0, |p| p + 1);
        }
        let grown = Span::new(start, m.span.end);
        let name = Name::parse_with(grown.slice(text), false);
        if tokens_match(&name.tokens, long).is_some() {
            m.span = grown;
            m.display = name.display();
            m.key = name_key(&name);
            m.name = name;
        }
        m.kind = EntityKind::Organization;
        m.truncates = Some(*o);
    }
}

/// "Abu Mohammad al-Jolani": a kunya (teknonym) names a man by his son, not by his own given
/// name, so "Abu …" against "Mohammad …" is no given-name conflict.
fn has_kunya(n: &Name) -> bool {
    n.given()
        .iter()
        .any(|t| matches!(t.folded.as_str(), "abu" | "abou" | "umm" | "um"))
}

fn is_place(k: EntityKind) -> bool {
    matches!(
        k,
        EntityKind::Gpe | EntityKind::Location | EntityKind::Facility
    )
}

fn compatible(a: EntityKind, b: EntityKind) -> bool {
    a == b || is_place(a) && is_place(b)
}

/// The union-find over all mentions, with the merge constraints.
struct Roster<'a> {
    docs: Vec<DocMentions<'a>>,
    ms: Vec<M>,
    /// Union-find parents, compressed as they are followed (hence `Cell`: `find` takes `&self`).
    parent: Vec<Cell<usize>>,
    /// Per cluster root: does it hold a name of two words or more?
    long: Vec<bool>,
    members: BTreeMap<usize, Vec<usize>>,
    evidence: BTreeMap<usize, Vec<Evidence>>,
    cannot: Vec<(usize, usize)>,
    vetoes: Vec<(String, String)>,
    /// Pairs of full-name keys whose different given names context has shown to be one
    /// person's ([`given_variant_pass`]): the "different given names" veto does not hold them.
    given_ok: BTreeSet<(String, String)>,
    /// Words the documents write in lower case: common words, not parts of names.
    lower: BTreeSet<String>,
    /// Names (folded, articles left out) the corpus reads as places.
    places: BTreeSet<String>,
}

impl<'a> Roster<'a> {
    /// The cluster of `x`, compressing the path on the way (so big corpora stay n·log n).
    fn find(&self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r].get() != r {
            r = self.parent[r].get();
        }
        let mut y = x;
        while self.parent[y].get() != r {
            let next = self.parent[y].get();
            self.parent[y].set(r);
            y = next;
        }
        r
    }

    fn ev(&self, m: usize, reason: String) -> Evidence {
        let x = &self.ms[m];
        Evidence {
            alias: x.display.clone(),
            reason,
            span: Some((self.docs[x.doc].doc.to_string(), x.span)),
        }
    }

    /// Joins each mention a pass found to the mention it names, `(into, mention, reason)`, the
    /// reason kept as the mention's evidence.
    fn join_found(&mut self, found: impl IntoIterator<Item = (usize, usize, String)>) {
        for (into, m, reason) in found {
            let ev = self.ev(m, reason);
            self.union(into, m, ev, false);
        }
    }

    /// Distinct names of a cluster: one mention index per key.
    fn names(&self, root: usize) -> Vec<usize> {
        let mut seen = BTreeSet::new();
        self.members[&root]
            .iter()
            .copied()
            .filter(|m| seen.insert(self.ms[*m].key.clone()))
            .collect()
    }

    /// Why the clusters of `a` and `b` must stay apart, if they must.
    fn conflict(&self, ra: usize, rb: usize) -> Option<String> {
        let (na, nb) = (self.names(ra), self.names(rb));
        for &x in &na {
            for &y in &nb {
                let (p, q) = (&self.ms[x], &self.ms[y]);
                if !compatible(p.kind, q.kind)
                    && (p.kind == EntityKind::Person || q.kind == EntityKind::Person)
                {
                    return Some("person and non-person".into());
                }
                if p.kind == EntityKind::Person
                    && q.kind == EntityKind::Person
                    && p.name.tokens.len() >= 2
                    && q.name.tokens.len() >= 2
                    && !has_kunya(&p.name)
                    && !has_kunya(&q.name)
                    && translit_match(p.name.surname()?, q.name.surname()?).is_some()
                    && given_fits(p.name.given(), q.name.given()).is_none()
                    && given_fits(q.name.given(), p.name.given()).is_none()
                    && !variants::sound_alike(p.name.given(), q.name.given())
                    && !self.given_ok.contains(&(p.key.clone(), q.key.clone()))
                    && !self.given_ok.contains(&(q.key.clone(), p.key.clone()))
                {
                    return Some(format!(
                        "different given names: {} / {}",
                        p.display, q.display
                    ));
                }
                if let (Some(g), Some(h)) = (&p.name.generation, &q.name.generation) {
                    if p.kind == EntityKind::Person
                        && q.kind == EntityKind::Person
                        && fold(g.trim_end_matches('.')) != fold(h.trim_end_matches('.'))
                    {
                        return Some(format!("different generations: {g} / {h}"));
                    }
                }
            }
        }
        for (v, w) in self.vetoes.clone() {
            let has = |names: &[usize], k: &str, ms: &[M]| names.iter().any(|m| ms[*m].key == k);
            if has(&na, &v, &self.ms) && has(&nb, &w, &self.ms)
                || has(&na, &w, &self.ms) && has(&nb, &v, &self.ms)
            {
                return Some("override:veto".into());
            }
        }
        for (x, y) in self.cannot.clone() {
            let (fx, fy) = (self.find(x), self.find(y));
            if fx == ra && fy == rb || fx == rb && fy == ra {
                return Some("kinship".into());
            }
        }
        None
    }

    /// Merge the clusters of `a` and `b` unless a constraint forbids it; true if merged now.
    fn union(&mut self, a: usize, b: usize, ev: Evidence, forced: bool) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        if !forced && self.conflict(ra, rb).is_some() {
            return false;
        }
        let (root, other) = (ra.min(rb), ra.max(rb));
        self.parent[other].set(root);
        self.long[root] |= self.long[other];
        // The smaller list moves into the larger, so every mention moves O(log n) times.
        let mut keep = self.members.remove(&root).unwrap_or_default();
        let mut moved = self.members.remove(&other).unwrap_or_default();
        if moved.len() > keep.len() {
            std::mem::swap(&mut keep, &mut moved);
        }
        keep.extend(moved);
        self.members.insert(root, keep);
        let mut keep = self.evidence.remove(&root).unwrap_or_default();
        let mut moved = self.evidence.remove(&other).unwrap_or_default();
        if moved.len() > keep.len() {
            std::mem::swap(&mut keep, &mut moved);
        }
        keep.extend(moved);
        keep.push(ev);
        self.evidence.insert(root, keep);
        true
    }

    fn roots(&self) -> Vec<usize> {
        self.members.keys().copied().collect()
    }

    fn is_multi_person(&self, m: usize) -> bool {
        self.ms[m].kind == EntityKind::Person && self.ms[m].name.tokens.len() >= 2
    }

    /// Only single-word person names (and acronyms) in this cluster?
    fn only_short(&self, m: usize) -> bool {
        !self.long[self.find(m)]
    }
}

/// Undo three common recognizer overruns, so a mention names one thing: a bracketed alias
/// swallowed into the span ("Syrian National Coalition (CNFROS)" → two mentions, which the
/// bracket pattern then links), a person's name running on past a possessive in a headline
/// ("Assad’s Escape" → "Assad"), and a facility or organization running on over the place it
/// is in ("Promises Treatment Center in Malibu" → the center and the place "Malibu", a place
/// by `is_place`). Each piece comes with its kind.
fn repair_span(
    text: &str,
    span: Span,
    kind: EntityKind,
    is_place: impl Fn(&str) -> bool,
) -> Vec<(Span, EntityKind)> {
    let s = span.slice(text);
    let closed = s.ends_with(')');
    let closes_after = !closed && text[span.end..].starts_with(')');
    if let (Some(open), true) = (s.find(" ("), closed || closes_after) {
        let end = if closed { span.end - 1 } else { span.end };
        let inner = Span::new(span.start + open + 2, end).trim(text);
        let head = Span::new(span.start, span.start + open).trim(text);
        if !inner.is_empty() && !head.is_empty() && !inner.slice(text).contains(['(', ')']) {
            return vec![(head, kind), (inner, kind)];
        }
    }
    if kind == EntityKind::Person {
        for pat in ["’s ", "'s "] {
            if let Some(p) = s.find(pat) {
                if p > 0 {
                    return vec![(Span::new(span.start, span.start + p), kind)];
                }
            }
        }
    }
    if matches!(
        kind,
        EntityKind::Organization | EntityKind::Facility | EntityKind::Location
    ) {
        if let Some(p) = s.rfind(" in ") {
            let head = Span::new(span.start, span.start + p).trim(text);
            let place = Span::new(span.start + p + 4, span.end).trim(text);
            let head_words = head.slice(text).split_whitespace().count();
            let place_text = place.slice(text);
            let capitalized = place_text
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase));
            if head_words >= 2 && capitalized && is_place(place_text) {
                return vec![(head, kind), (place, EntityKind::Gpe)];
            }
        }
    }
    vec![(span, kind)]
}

/// Resolve the mentions of all documents into one roster. Deterministic: documents are taken in
/// order of id, entities come out sorted by kind, name and id. Without a gazetteer: see
/// [`resolve_with`].
pub fn resolve(docs: &[DocMentions], overrides: &Overrides) -> Vec<Entity> {
    resolve_with(docs, overrides, None)
}

/// [`resolve`] with a gazetteer, which also joins the names of one country ("U.S." /
/// "America" / "United States", "Britain" / "UK"): see [`country_pass`].
pub fn resolve_with(
    docs: &[DocMentions],
    overrides: &Overrides,
    gazetteer: Option<&geo::Gazetteer>,
) -> Vec<Entity> {
    let mut docs: Vec<DocMentions> = docs.to_vec();
    docs.sort_by(|a, b| a.doc.cmp(b.doc));
    let mut ms = Vec::new();
    // Line breaks of each text, so a mention's paragraph is a binary search.
    let lines: Vec<Vec<usize>> = docs
        .iter()
        .map(|d| d.text.match_indices('\n').map(|(i, _)| i).collect())
        .collect();
    for raw in checked_mentions(&docs, gazetteer) {
        let text = docs[raw.doc].text;
        let span = raw.span;
        let name = Name::parse_with(span.slice(text), raw.kind == EntityKind::Person);
        if name.is_empty() {
            continue;
        }
        let mut roles = name.titles.clone();
        roles.extend(context::preceding_roles(text, span));
        ms.push(M {
            doc: raw.doc,
            span,
            kind: raw.kind,
            display: name.display(),
            key: name_key(&name),
            name,
            roles,
            kin: context::kinship(text, span),
            para: lines[raw.doc].partition_point(|&nl| nl < span.start),
            family: raw.family,
            primary: false,
            adjective: false,
            truncates: None,
        });
    }
    revise_by_corpus(&docs, &mut ms);
    let lower = kinds::lowercase_words(docs.iter().map(|d| d.text));
    let places: BTreeSet<String> = ms
        .iter()
        .filter(|m| is_place(m.kind))
        .map(|m| fold(&m.name.bare()))
        .collect();
    let n = ms.len();
    let key_of = |s: &str| name_key(&Name::parse(s));
    let long: Vec<bool> = ms.iter().map(|m| m.name.tokens.len() >= 2).collect();
    let mut r = Roster {
        docs,
        ms,
        parent: (0..n).map(Cell::new).collect(),
        long,
        members: (0..n).map(|i| (i, vec![i])).collect(),
        evidence: (0..n).map(|i| (i, Vec::new())).collect(),
        cannot: Vec::new(),
        vetoes: overrides
            .vetoes()
            .map(|(a, b)| (key_of(a), key_of(b)))
            .collect(),
        given_ok: BTreeSet::new(),
        lower,
        places,
    };

    let mut by_doc: Vec<Vec<usize>> = vec![Vec::new(); r.docs.len()];
    for i in 0..n {
        by_doc[r.ms[i].doc].push(i);
    }
    for idx in &by_doc {
        within_document(&mut r, idx);
    }
    across_documents(&mut r);
    if let Some(g) = gazetteer {
        country_pass(&mut r, g);
    }

    for (a, b) in overrides.forces() {
        let (ka, kb) = (key_of(a), key_of(b));
        let x = (0..n).find(|i| r.ms[*i].key == ka);
        let y = (0..n).find(|i| r.ms[*i].key == kb);
        if let (Some(x), Some(y)) = (x, y) {
            let ev = r.ev(y, format!("override:force (\"{a}\" = \"{b}\")"));
            r.union(x, y, ev, true);
        }
    }
    build(&mut r)
}

/// Passes inside one document; `idx` are its mentions in text order.
fn within_document(r: &mut Roster, idx: &[usize]) {
    let Some(&first) = idx.first() else {
        return; // a document without mentions
    };
    let text = r.docs[r.ms[first].doc].text;
    // Kinship: "his brother Maher" is not the person "his" points back to.
    for (pos, &m) in idx.iter().enumerate() {
        if r.ms[m].kin.is_some() {
            if let Some(&ante) = idx[..pos]
                .iter()
                .rev()
                .find(|&&p| r.ms[p].kind == EntityKind::Person && r.ms[p].kin.is_none())
            {
                r.cannot.push((ante, m));
            }
        }
    }
    // Explicit patterns between neighbouring mentions.
    for w in idx.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (sa, sb) = (r.ms[a].span, r.ms[b].span);
        let link = patterns::link(text, sa, &r.ms[a].name, sb, &r.ms[b].name);
        if !compatible(r.ms[a].kind, r.ms[b].kind) {
            // "Hay’at Tahrir al-Sham (HTS)" read as a person by the recognizer: an expansion
            // whose initials are the bracketed acronym is an organization.
            let org_person = [r.ms[a].kind, r.ms[b].kind]
                .iter()
                .all(|k| matches!(k, EntityKind::Person | EntityKind::Organization));
            if org_person
                && link
                    .as_ref()
                    .is_some_and(|l| l.reason == "acronym-expansion")
            {
                r.ms[a].kind = EntityKind::Organization;
                r.ms[b].kind = EntityKind::Organization;
            } else {
                continue;
            }
        }
        if let Some(l) = link {
            let mut ev = r.ev(b, l.reason.to_string());
            ev.span = Some((
                r.docs[r.ms[a].doc].doc.to_string(),
                Span::new(sa.start, sb.end),
            ));
            if r.union(a, b, ev, false) {
                match l.primary {
                    Some(patterns::Primary::Left) => r.ms[a].primary = true,
                    Some(patterns::Primary::Right) => r.ms[b].primary = true,
                    None => {}
                }
            }
        }
    }
    // "… which later transformed into HTS": the earlier name is the nearest fitting mention
    // before, skipping ones used as modifiers ("the former Al-Qaeda affiliate").
    for (pos, &b) in idx.iter().enumerate() {
        // Groups are renamed; people are not ("evolved into" before a person's name is prose).
        if r.ms[b].kind == EntityKind::Person {
            continue;
        }
        let Some(phrase) = patterns::rename_before(text, r.ms[b].span) else {
            continue;
        };
        let limit = r.ms[b].span.start.saturating_sub(400);
        // A bracketed gloss ("Jabhat Fateh al-Sham (Front for the Conquest of the Levant)") is
        // passed over for the name it glosses: the text renamed that one.
        let ante = idx[..pos].iter().rev().copied().find(|&a| {
            r.ms[a].span.start >= limit
                && compatible(r.ms[a].kind, r.ms[b].kind)
                && !context::used_as_modifier(text, r.ms[a].span)
                && !context::bracketed(text, r.ms[a].span)
        });
        if let Some(a) = ante {
            let mut ev = r.ev(a, format!("renamed: '{phrase}'"));
            ev.span = Some((
                r.docs[r.ms[a].doc].doc.to_string(),
                Span::new(r.ms[a].span.start, r.ms[b].span.end),
            ));
            if r.union(b, a, ev, false) {
                r.ms[b].primary = true;
            }
        }
    }
    // The same name again, as written or in another transliteration (earlier mentions by key,
    // one per cluster).
    // A mention that joins one of them is not kept as another to try: the lists stay one
    // mention per cluster.
    let mut earlier: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &b in idx {
        let before = earlier.get(&r.ms[b].key).cloned().unwrap_or_default();
        for &a in &before {
            if !compatible(r.ms[a].kind, r.ms[b].kind) {
                continue;
            }
            if r.ms[b].family != r.ms[a].family {
                continue;
            }
            // A lone family name is left to the short-form pass: two "Assad"s in different
            // paragraphs may be two people.
            if r.ms[b].kind == EntityKind::Person && r.ms[b].name.tokens.len() == 1 {
                continue;
            }
            let rules =
                tokens_match(&r.ms[a].name.tokens, &r.ms[b].name.tokens).unwrap_or_default();
            let reason = if rules.is_empty() {
                "same name in document".to_string()
            } else {
                describe(&rules)
            };
            let ev = r.ev(b, reason);
            if r.union(a, b, ev, false) {
                break;
            }
            if r.find(a) == r.find(b) {
                break;
            }
        }
        if !before.iter().any(|&a| r.find(a) == r.find(b)) {
            earlier.entry(r.ms[b].key.clone()).or_default().push(b);
        }
    }
    // An acronym of a longer name in the same document (names indexed by their initials).
    let mut by_initials: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &a in idx {
        if r.ms[a].name.initials().chars().count() >= 2 && !r.ms[a].name.is_acronym() {
            by_initials
                .entry(r.ms[a].name.initials())
                .or_default()
                .push(a);
        }
    }
    for &b in idx {
        if !r.ms[b].name.is_acronym() || !r.only_short(b) {
            continue;
        }
        let letters: String = r.ms[b].name.tokens[0]
            .text
            .chars()
            .filter(|c| *c != '.')
            .collect();
        let cands: BTreeSet<usize> = by_initials
            .get(&letters)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&a| compatible(r.ms[a].kind, r.ms[b].kind))
            .filter(|&a| patterns::acronym_of(&r.ms[b].name, &r.ms[a].name))
            .map(|a| r.find(a))
            .collect();
        if cands.len() == 1 {
            let a = *cands.iter().next().unwrap();
            let ev = r.ev(b, "acronym of a name in the document".into());
            r.union(a, b, ev, false);
        }
    }
    // Short forms of people: "Assad" → the full "… al-Assad" of the document. Full names are
    // indexed by the keys of their family and first names (equal keys are what
    // `translit_match` accepts).
    let mut full_by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &a in idx {
        if r.is_multi_person(a) {
            let name = &r.ms[a].name;
            let (first, last) = (
                token_key(&name.tokens[0].text),
                token_key(&name.surname().unwrap().text),
            );
            full_by_key.entry(last.clone()).or_default().push(a);
            if first != last {
                full_by_key.entry(first).or_default().push(a);
            }
        }
    }
    for &b in idx {
        let mb = r.ms[b].clone();
        if mb.kind != EntityKind::Person || mb.family || mb.kin.is_some() || !r.only_short(b) {
            continue;
        }
        let tok = &mb.name.tokens[mb.name.tokens.len() - 1];
        let mut by_surname: BTreeMap<usize, (usize, Vec<names::Rule>)> = BTreeMap::new();
        let mut by_given: BTreeSet<usize> = BTreeSet::new();
        let near: &[usize] = full_by_key
            .get(&token_key(&tok.text))
            .map_or(&[], Vec::as_slice);
        for &a in near {
            let ma = &r.ms[a];
            if mb.name.tokens.len() == 1 {
                if let Some(rules) = translit_match(tok, ma.name.surname().unwrap()) {
                    let root = r.find(a);
                    let e = by_surname.entry(root).or_insert((a, rules));
                    // Keep the mention nearest before `b` for the paragraph rule.
                    if r.ms[a].span.start < mb.span.start {
                        e.0 = a;
                    }
                } else if translit_match(tok, &r.ms[a].name.tokens[0]).is_some() {
                    by_given.insert(r.find(a));
                }
            }
        }
        if by_surname.len() == 1 {
            let (&root, (full, rules)) = by_surname.iter().next().unwrap();
            let mut reason = format!("short-form of unique full name “{}”", r.ms[*full].display);
            if !rules.is_empty() {
                reason = format!("{reason} + {}", describe(rules));
            }
            let ev = r.ev(b, reason);
            r.union(root, b, ev, false);
        } else if by_surname.len() > 1 {
            // Several full names share the family name: take the nearest one before it in the
            // same paragraph, else leave it alone.
            let near = by_surname
                .values()
                .filter(|(a, _)| r.ms[*a].para == mb.para && r.ms[*a].span.start < mb.span.start)
                .max_by_key(|(a, _)| r.ms[*a].span.start)
                .map(|(a, _)| *a);
            if let Some(a) = near {
                let reason = format!(
                    "short-form: nearest full name in the paragraph, “{}”",
                    r.ms[a].display
                );
                let ev = r.ev(b, reason);
                r.union(a, b, ev, false);
            }
        } else if by_given.len() == 1 {
            let root = *by_given.iter().next().unwrap();
            let ev = r.ev(b, "given name of unique full name".into());
            r.union(root, b, ev, false);
        }
    }
    // Lone names no full name claimed: the same lone name again in the document is one entity.
    // The first lone mention of each name that is still lone: the one later ones join.
    let mut lone: BTreeMap<(String, bool), usize> = BTreeMap::new();
    for &b in idx {
        if r.ms[b].kind != EntityKind::Person || r.ms[b].name.tokens.len() != 1 {
            continue;
        }
        let slot = (r.ms[b].key.clone(), r.ms[b].family);
        let first = lone.get(&slot).copied().filter(|&a| r.only_short(a));
        if first.is_none() && r.only_short(b) {
            lone.insert(slot, b);
            continue;
        }
        if !r.only_short(b) {
            continue;
        }
        if let Some(&a) = first.iter().find(|&&a| {
            r.ms[a].key == r.ms[b].key
                && r.ms[a].kind == EntityKind::Person
                && r.ms[a].family == r.ms[b].family
                && r.only_short(a)
        }) {
            let ev = r.ev(b, "same name in document".into());
            r.union(a, b, ev, false);
        }
    }
}

/// A proposed cross-document merge and how strong it is (lower sorts first).
struct Candidate {
    strength: (u8, usize),
    a: usize,
    b: usize,
    reason: String,
}

fn across_documents(r: &mut Roster) {
    // Candidate generation: block names by the reduced key of their last word.
    let n = r.ms.len();
    let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for m in 0..n {
        let root = r.find(m);
        if !seen.insert((root, r.ms[m].key.clone())) {
            continue;
        }
        let last = r.ms[m]
            .name
            .tokens
            .last()
            .map(|t| token_key(&t.text))
            .unwrap_or_default();
        blocks.entry(last).or_default().push(m);
    }
    let mut cands = Vec::new();
    for block in blocks.values() {
        // A crowded block (many names ending in one word) is compared only name by equal
        // name, not pair by pair: the subset rules would be ambiguous there anyway.
        let crowded = block.len() > 64;
        let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        if crowded {
            for &m in block {
                by_key.entry(r.ms[m].key.as_str()).or_default().push(m);
            }
        }
        let pairs: Vec<(usize, usize)> = if crowded {
            by_key
                .values()
                .flat_map(|g| g.iter().skip(1).map(move |&b| (g[0], b)))
                .collect()
        } else {
            block
                .iter()
                .enumerate()
                .flat_map(|(i, &a)| block[i + 1..].iter().map(move |&b| (a, b)))
                .collect()
        };
        {
            for (a, b) in pairs {
                let (ma, mb) = (&r.ms[a], &r.ms[b]);
                if !compatible(ma.kind, mb.kind) || ma.family != mb.family {
                    continue;
                }
                let (la, lb) = (ma.name.tokens.len(), mb.name.tokens.len());
                if let Some(rules) = tokens_match(&ma.name.tokens, &mb.name.tokens) {
                    // One-word names of people are short forms, resolved below; except
                    // "the Assad family" in two articles, which is one family.
                    if la >= 2 || ma.kind != EntityKind::Person || ma.family && mb.family {
                        let reason = if rules.is_empty() {
                            "same name".to_string()
                        } else {
                            describe(&rules)
                        };
                        cands.push(Candidate {
                            strength: (0, rules.len()),
                            a,
                            b,
                            reason,
                        });
                    }
                } else if ma.kind == EntityKind::Person && la >= 2 && lb >= 2 {
                    // A shorter form with some of the given names: "Abu Al-Jolani" within
                    // "Abu Mohammad al-Jolani", "Bashar Assad" within "Bashar Hafez al-Assad".
                    let (s, l) = if la < lb { (ma, mb) } else { (mb, ma) };
                    if let (Some(mut g), Some(sr)) = (
                        given_fits(s.name.given(), l.name.given()),
                        translit_match(s.name.surname().unwrap(), l.name.surname().unwrap()),
                    ) {
                        g.extend(sr);
                        g.sort();
                        g.dedup();
                        let mut reason = format!(
                            "given-name subset “{}” of full name “{}”",
                            s.display, l.display
                        );
                        if has_kunya(&s.name) {
                            reason = format!("kunya short form “{}” of “{}”", s.display, l.display);
                        }
                        if !g.is_empty() {
                            reason = format!("{reason} + {}", describe(&g));
                        }
                        cands.push(Candidate {
                            strength: (1, g.len()),
                            a,
                            b,
                            reason,
                        });
                    }
                }
            }
        }
    }
    cands.sort_by(|x, y| {
        x.strength
            .cmp(&y.strength)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    for c in cands {
        let ev = r.ev(c.b, with_other(c.reason, &r.ms[c.b], &r.ms[c.a]));
        r.union(c.a, c.b, ev, false);
    }

    // Plurals of nationalities: "Syrians" is the group "Syrian" names.
    let mut singular: BTreeMap<String, usize> = BTreeMap::new();
    for m in 0..n {
        let x = &r.ms[m];
        if x.kind == EntityKind::Group && x.name.tokens.len() == 1 && !x.family {
            singular.entry(x.key.clone()).or_insert(m);
        }
    }
    for b in 0..n {
        let x = &r.ms[b];
        if !matches!(x.kind, EntityKind::Group | EntityKind::Gpe)
            || x.name.tokens.len() != 1
            || x.family
        {
            continue;
        }
        let Some(stem) = names::plural_stem(&x.name.tokens[0].text) else {
            continue;
        };
        if let Some(&a) = singular.get(&token_key(stem)) {
            let reason = format!("plural of the nationality “{}”", r.ms[a].display);
            let ev = r.ev(b, reason);
            r.union(a, b, ev, false);
        }
    }

    // Organization names cut short by the recognizer: the full name they are the tail of.
    for b in 0..n {
        if let Some(a) = r.ms[b].truncates {
            let reason = format!("truncation of known name “{}”", r.ms[a].display);
            let ev = r.ev(b, reason);
            r.union(a, b, ev, false);
        }
    }

    // Indexes for the two passes below, so they stay linear in the corpus: names of two words
    // or more by their initials, and full names of people by the key of their family name.
    let mut by_initials: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for m in 0..n {
        let name = &r.ms[m].name;
        if name.initials().chars().count() >= 2 && !name.is_acronym() {
            by_initials.entry(name.initials()).or_default().push(m);
        }
        if r.is_multi_person(m) {
            let k = token_key(&name.surname().unwrap().text);
            by_surname.entry(k).or_default().push(m);
        }
    }

    // Acronyms standing alone in a document: the one expansion in the corpus.
    let mut expansion: BTreeMap<(String, EntityKind), Option<(usize, bool)>> = BTreeMap::new();
    for b in 0..n {
        if !r.ms[b].name.is_acronym() || !r.only_short(b) {
            continue;
        }
        let letters: String = r.ms[b].name.tokens[0]
            .text
            .chars()
            .filter(|c| *c != '.')
            .collect();
        // The clusters of the expansions do not change in this loop (only acronym clusters
        // join them), so the answer for a spelling and kind is found once: one mention of the
        // only expansion cluster, or none.
        let kind = r.ms[b].kind;
        // A leading "T" may be the article the text writes before the name ("THR" of "The
        // Hollywood Reporter").
        let after_the = letters
            .strip_prefix('T')
            .filter(|rest| rest.chars().count() >= 2);
        let found = *expansion.entry((letters.clone(), kind)).or_insert_with(|| {
            let plain = by_initials.get(&letters).into_iter().flatten();
            let with_article = after_the
                .and_then(|rest| by_initials.get(rest))
                .into_iter()
                .flatten()
                .filter(|&&a| {
                    let before = &r.docs[r.ms[a].doc].text[..r.ms[a].span.start];
                    before.ends_with("The ") || before.ends_with("the ")
                });
            let mut one: Option<(usize, usize, bool)> = None;
            for (&a, article) in plain
                .map(|a| (a, false))
                .chain(with_article.map(|a| (a, true)))
            {
                if !compatible(r.ms[a].kind, kind) {
                    continue;
                }
                let root = r.find(a);
                match one {
                    None => one = Some((root, a, article)),
                    Some((x, _, _)) if x == root => {}
                    Some(_) => return None,
                }
            }
            one.map(|(_, a, article)| (a, article))
        });
        if let Some((a, article)) = found {
            let reason = if article {
                "acronym-expansion (another document), with the article “The”"
            } else {
                "acronym-expansion (another document)"
            };
            let ev = r.ev(b, reason.into());
            r.union(a, b, ev, false);
        }
    }

    // Family names standing alone in a document: the one full name in the corpus, or the one
    // that the mention's roles and neighbours point to.
    let mut in_doc: Vec<Vec<usize>> = vec![Vec::new(); r.docs.len()];
    let mut at_in_doc = vec![0; n];
    for m in 0..n {
        at_in_doc[m] = in_doc[r.ms[m].doc].len();
        in_doc[r.ms[m].doc].push(m);
    }
    // The entities named near a cluster's mentions: the whole document when it is of news
    // size, otherwise the mentions around the cluster's first few in it, so that a book-length
    // input does not make every ambiguous short name read all of it.
    let neighbours = |r: &Roster, root: usize| -> BTreeSet<usize> {
        let mut sites: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &m in &r.members[&root] {
            sites.entry(r.ms[m].doc).or_default().push(at_in_doc[m]);
        }
        let mut out = BTreeSet::new();
        for (d, mut at) in sites {
            let list = &in_doc[d];
            if list.len() <= 2 * NEIGHBOURHOOD {
                out.extend(list.iter().map(|&m| r.find(m)));
                continue;
            }
            at.sort_unstable();
            let mut done = 0;
            for &p in at.iter().take(NEIGHBOUR_SITES) {
                let lo = p.saturating_sub(NEIGHBOURHOOD).max(done);
                let hi = (p + NEIGHBOURHOOD + 1).min(list.len());
                if lo < hi {
                    out.extend(list[lo..hi].iter().map(|&m| r.find(m)));
                    done = hi;
                }
            }
        }
        out
    };
    given_variant_pass(r, &by_surname, &in_doc, &neighbours);

    for b in 0..n {
        let mb = r.ms[b].clone();
        if mb.kind != EntityKind::Person
            || mb.name.tokens.len() != 1
            || mb.family
            || mb.kin.is_some()
            || !r.only_short(b)
        {
            continue;
        }
        let tok = mb.name.tokens[0].clone();
        let mut cands: BTreeMap<usize, (usize, Vec<names::Rule>)> = BTreeMap::new();
        for &a in by_surname.get(&token_key(&tok.text)).into_iter().flatten() {
            if let Some(rules) = translit_match(&tok, r.ms[a].name.surname().unwrap()) {
                let root = r.find(a);
                cands.entry(root).or_insert((a, rules));
            }
        }
        let rb = r.find(b);
        if cands.len() == 1 {
            let (&root, (full, rules)) = cands.iter().next().unwrap();
            let mut reason = format!(
                "short-form of unique full name “{}” (corpus)",
                r.ms[*full].display
            );
            if !rules.is_empty() {
                reason = format!("{reason} + {}", describe(rules));
            }
            let ev = r.ev(b, reason);
            r.union(root, b, ev, false);
        } else if cands.len() > 1 {
            let roles_b: BTreeSet<String> = r.members[&rb]
                .iter()
                .flat_map(|m| r.ms[*m].roles.clone())
                .map(|s| s.to_lowercase())
                .collect();
            let nb = neighbours(&*r, rb);
            let mut scored: Vec<(usize, usize, String)> = Vec::new();
            for &root in cands.keys() {
                let roles: BTreeSet<String> = r.members[&root]
                    .iter()
                    .flat_map(|m| r.ms[*m].roles.clone())
                    .map(|s| s.to_lowercase())
                    .collect();
                let na = neighbours(&*r, root);
                let shared_roles: Vec<String> = roles.intersection(&roles_b).cloned().collect();
                let shared = na
                    .intersection(&nb)
                    .filter(|x| **x != root && **x != rb)
                    .count();
                let score = shared_roles.len() * 3 + shared;
                let why = format!(
                    "short-form resolved by context: roles [{}], {} co-occurring entities",
                    shared_roles.join(", "),
                    shared
                );
                scored.push((score, root, why));
            }
            scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
            if scored.len() >= 2 && scored[0].0 > scored[1].0 && scored[0].0 > 0 {
                let (_, root, why) = scored.swap_remove(0);
                let ev = r.ev(b, why);
                r.union(root, b, ev, false);
            } else {
                // Kept apart, and the roster says why.
                let fulls: Vec<String> = cands
                    .values()
                    .map(|(full, _)| format!("“{}”", r.ms[*full].display))
                    .collect();
                let why = format!(
                    "not merged: “{}” may be any of {} (no title, role or shared name decides)",
                    mb.display,
                    fulls.join(", ")
                );
                let note = r.ev(b, why);
                let root = r.find(b);
                let notes = r.evidence.get_mut(&root).unwrap();
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
    }

    lone_name_pass(r, &by_surname);

    // Names compared as spellings, short forms of organizations and places, and adjectives of
    // places, after the rules above have made what they can.
    legal_form_pass(r);
    team_pass(r);
    // Again while it joins: a short form that fits two clusters may fit one once a longer name
    // has joined its own short form ("Promises" of "Promises Treatment Center" and of "Malibu
    // Promises Treatment Center").
    for _ in 0..3 {
        let before = r.roots().len();
        short_name_pass(r);
        if r.roots().len() == before {
            break;
        }
    }
    clipped_pass(r);
    variant_pass(r);
    adjective_pass(r);
}

/// Two full names of people with one family name whose given names begin alike but are no
/// known short form of each other ("Mo Cheeks" / "Maurice Cheeks", "Alexis" / "Alexandros
/// Grigoropoulos"): one person when no document names both (two people of one family are named
/// side by side), no third full name of that family has a given name with that first letter,
/// the given names look like a name and its short form (the shorter of at most two letters, or
/// the two sharing their first three letters while not both given names of the census lists:
/// "Christina" / "Christopher" are two names), and their contexts agree: a role word in common or at
/// least two other entities named near both. `in_doc`: each document's mentions; `neighbours`:
/// the clusters named near a cluster.
fn given_variant_pass(
    r: &mut Roster,
    by_surname: &BTreeMap<String, Vec<usize>>,
    in_doc: &[Vec<usize>],
    neighbours: &dyn Fn(&Roster, usize) -> BTreeSet<usize>,
) {
    let first_given = |m: &M| -> Option<String> {
        let g = m.name.given().first()?;
        let letters: String = g.folded.chars().filter(|c| c.is_alphabetic()).collect();
        (letters.chars().count() >= 2).then_some(letters)
    };
    for members in by_surname.values() {
        // One mention per cluster, with the cluster's documents.
        let mut clusters: BTreeMap<usize, (usize, BTreeSet<usize>)> = BTreeMap::new();
        for &m in members {
            let root = r.find(m);
            let e = clusters.entry(root).or_insert((m, BTreeSet::new()));
            e.1.extend(r.members[&root].iter().map(|&x| r.ms[x].doc));
        }
        let list: Vec<(usize, usize, BTreeSet<usize>, String)> = clusters
            .into_iter()
            .filter_map(|(root, (m, docs))| {
                let x = &r.ms[m];
                (!has_kunya(&x.name) && x.kin.is_none())
                    .then_some(())
                    .and_then(|_| first_given(x))
                    .map(|g| (root, m, docs, g))
            })
            .collect();
        for i in 0..list.len() {
            for j in i + 1..list.len() {
                let (ra, a, da, ga) = &list[i];
                let (rb, b, db, gb) = &list[j];
                let initial = |g: &str| g.chars().next();
                if initial(ga) != initial(gb) || ga == gb || r.find(*ra) == r.find(*rb) {
                    continue;
                }
                let same_initial = list
                    .iter()
                    .filter(|(_, _, _, g)| initial(g) == initial(ga))
                    .count();
                let (short, long) = if ga.len() <= gb.len() {
                    (ga, gb)
                } else {
                    (gb, ga)
                };
                let shared_prefix = short
                    .chars()
                    .zip(long.chars())
                    .take_while(|(x, y)| x == y)
                    .count();
                // A document naming both reads them as one person only when it also writes
                // the family name alone, unqualified, and introduces no relative.
                let surname = token_key(&r.ms[*a].name.surname().unwrap().text);
                let one_in_doc = |d: &usize| {
                    let in_d = || in_doc[*d].iter().map(|&m| &r.ms[m]);
                    in_d().any(|m| {
                        m.kind == EntityKind::Person
                            && m.name.tokens.len() == 1
                            && token_key(&m.name.tokens[0].text) == surname
                    }) && !in_d().any(|m| m.kin.is_some())
                };
                if same_initial != 2
                    || !da.intersection(db).all(one_in_doc)
                    || !(short.chars().count() <= 2
                        || shared_prefix >= 3
                            && !(kinds::is_census_given_name(short)
                                && kinds::is_census_given_name(long)))
                {
                    continue;
                }
                let roles = |root: usize| -> BTreeSet<String> {
                    r.members[&root]
                        .iter()
                        .flat_map(|m| r.ms[*m].roles.clone())
                        .map(|s| s.to_lowercase())
                        .collect()
                };
                let shared_roles: Vec<String> =
                    roles(*ra).intersection(&roles(*rb)).cloned().collect();
                let (na, nb) = (neighbours(r, *ra), neighbours(r, *rb));
                let shared = na
                    .intersection(&nb)
                    .filter(|x| **x != *ra && **x != *rb)
                    .count();
                if shared_roles.is_empty() && shared < 2 {
                    continue;
                }
                let (ka, kb) = (r.ms[*a].key.clone(), r.ms[*b].key.clone());
                r.given_ok.insert((ka, kb));
                let why = format!(
                    "given names “{}” / “{}” of one family name, never named together, context \
                     agrees: roles [{}], {} co-occurring entities",
                    r.ms[*a].display,
                    r.ms[*b].display,
                    shared_roles.join(", "),
                    shared
                );
                let ev = r.ev(*b, why);
                r.union(*a, *b, ev, false);
            }
        }
    }
}

/// One-word names of people still alone after the short-form rules ("Gupta", "LiLo"), across
/// documents: the given name of the one full name in the corpus that has it ("Katie" of "Katie
/// Jenkin"), when no full name has it as family name; else, when no full name has it at all,
/// the same word in every document is one person. `by_surname`: full names of people by the key
/// of their family name.
/// The full personal name (several words) in `root`'s group, else `root` itself: what a reason
/// names.
fn full_name_of(r: &Roster, root: usize) -> usize {
    r.members[&r.find(root)]
        .iter()
        .copied()
        .find(|&m| r.is_multi_person(m))
        .unwrap_or(root)
}

fn lone_name_pass(r: &mut Roster, by_surname: &BTreeMap<String, Vec<usize>>) {
    let n = r.ms.len();
    let mut by_given: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for m in 0..n {
        if r.is_multi_person(m) && !has_kunya(&r.ms[m].name) {
            let k = token_key(&r.ms[m].name.tokens[0].text);
            by_given.entry(k).or_default().insert(r.find(m));
        }
    }
    // Full names by the first letters of their given and family names, for blends.
    let mut by_letters: BTreeMap<(char, char), BTreeSet<usize>> = BTreeMap::new();
    for m in 0..n {
        if r.is_multi_person(m) && !has_kunya(&r.ms[m].name) {
            let t = &r.ms[m].name.tokens;
            let first_char = |s: &str| fold(s).chars().next();
            if let (Some(g), Some(f)) = (first_char(&t[0].text), first_char(&t[t.len() - 1].text)) {
                by_letters.entry((g, f)).or_default().insert(m);
            }
        }
    }
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    let mut found = Vec::new();
    for b in 0..n {
        let mb = &r.ms[b];
        if mb.kind != EntityKind::Person
            || mb.name.tokens.len() != 1
            || mb.family
            || !r.only_short(b)
        {
            continue;
        }
        // "his daughter Katie" is not the person "his" points back to (the kinship constraint
        // keeps them apart), but may be the one full name with that given name.
        let kin = mb.kin.is_some();
        let k = token_key(&mb.name.tokens[0].text);
        if by_surname.contains_key(&k) {
            continue; // the short-form rules had their say
        }
        // A blend of the starts of a given and a family name ("LiLo" of "Lindsay Lohan").
        if !kin && !by_given.contains_key(&k) {
            if let Some(root) = blend_root(r, &by_letters, &mb.name.tokens[0].text) {
                let full = full_name_of(r, root);
                let reason = format!(
                    "blend “{}” of the starts of the given and family names of unique full name “{}” (corpus)",
                    mb.display, r.ms[full].display
                );
                found.push((root, b, reason));
                continue;
            }
        }
        // A nickname of a full name's given name ("Katie" of "Kathryn Jenkin").
        let nick = match by_given.get(&k) {
            Some(_) => None,
            None => nickname_root(r, &by_given, &mb.name.tokens[0].folded),
        };
        match by_given.get(&k) {
            Some(roots) if roots.len() == 1 => {
                let root = *roots.iter().next().unwrap();
                let full = full_name_of(r, root);
                let reason = format!(
                    "given name of unique full name “{}” (corpus)",
                    r.ms[full].display
                );
                found.push((root, b, reason));
            }
            Some(_) => {}
            None if nick.is_some() => {
                let (root, given) = nick.unwrap();
                let full = full_name_of(r, root);
                let reason = format!(
                    "nickname “{}” of the given name “{given}” of unique full name “{}” (corpus)",
                    mb.display, r.ms[full].display
                );
                found.push((root, b, reason));
            }
            None if kin => {}
            None => match first.get(&k) {
                Some(&a) => found.push((
                    a,
                    b,
                    "same lone name across documents (no full name in the corpus has it)".into(),
                )),
                None => {
                    first.insert(k, b);
                }
            },
        }
    }
    for (a, b, reason) in found {
        let ev = r.ev(b, reason);
        r.union(a, b, ev, false);
    }
}

/// The two parts of a blended name, split where a capital follows a small letter or at a
/// hyphen or full stop ("LiLo" → "Li", "Lo"; "A-Rod" → "A", "Rod"; "J.Lo" → "J", "Lo"); `None`
/// unless there are exactly two, each starting with a capital, the second of two letters or more.
fn blend_parts(word: &str) -> Option<(String, String)> {
    let mut parts: Vec<String> = vec![String::new()];
    let mut prev_lower = false;
    for c in word.chars() {
        if c == '-' || c == '.' {
            parts.push(String::new());
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            parts.push(String::new());
        }
        prev_lower = c.is_lowercase();
        parts.last_mut().unwrap().push(c);
    }
    parts.retain(|p| !p.is_empty());
    match parts.as_slice() {
        [a, b]
            if a.starts_with(char::is_uppercase)
                && b.starts_with(char::is_uppercase)
                && b.chars().count() >= 2
                && b.chars().skip(1).all(char::is_lowercase) =>
        {
            Some((a.clone(), b.clone()))
        }
        _ => None,
    }
}

/// The one cluster with a full name whose given name starts with the blend's first part and
/// whose family name starts with, and is longer than, its second ("LiLo": "Lindsay Lohan",
/// "A-Rod": "Alex Rodriguez"); `None` when no cluster or several fit.
fn blend_root(
    r: &Roster,
    by_letters: &BTreeMap<(char, char), BTreeSet<usize>>,
    word: &str,
) -> Option<usize> {
    let (a, b) = blend_parts(word)?;
    let (a, b) = (fold(&a), fold(&b));
    let key = (a.chars().next()?, b.chars().next()?);
    let mut found = None;
    for &m in by_letters.get(&key).into_iter().flatten() {
        let t = &r.ms[m].name.tokens;
        let (given, family) = (fold(&t[0].text), fold(&t[t.len() - 1].text));
        if given.starts_with(&a) && family.starts_with(&b) && family.len() > b.len() {
            let root = r.find(m);
            match found {
                Some(x) if x != root => return None,
                _ => found = Some(root),
            }
        }
    }
    found
}

/// The one cluster whose full names have a given name the lone `name` is a nickname of, or
/// that is a nickname of it ([`names::nickname_relatives`]), with that given name; `None`
/// when no cluster or several do.
fn nickname_root(
    r: &Roster,
    by_given: &BTreeMap<String, BTreeSet<usize>>,
    name: &str,
) -> Option<(usize, &'static str)> {
    let mut found: Option<(usize, &'static str)> = None;
    for &rel in names::nickname_relatives(name) {
        for &root in by_given.get(&token_key(rel)).into_iter().flatten() {
            let root = r.find(root);
            match found {
                Some((x, _)) if x != root => return None,
                _ => found = Some((root, rel)),
            }
        }
    }
    found
}

/// Mentions on each side of a name that count as its neighbourhood in a document longer than
/// twice this many mentions (a news article names far fewer).
const NEIGHBOURHOOD: usize = 500;
/// Mentions of a cluster per document whose neighbourhoods are read.
const NEIGHBOUR_SITES: usize = 4;

/// Words of legal form that close a company's name and its short forms leave out ("Apple
/// Inc.", "Microsoft Corp.", "NPD Group").
const LEGAL_FORMS: [&str; 14] = [
    "inc",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "llc",
    "plc",
    "group",
    "holdings",
    "sa",
    "ag",
    "gmbh",
    "limited",
];

/// The key of an organization's name without the words of legal form that close it ("Apple
/// Inc." → "apple", "Reliance Globalcom Ltd." → "reliance globalcom"), and those words; `None`
/// when it ends in none, or is nothing else.
fn legal_core(name: &Name) -> Option<(String, Vec<String>)> {
    let t = &name.tokens;
    let keep = t.iter().rposition(|x| {
        !LEGAL_FORMS.contains(&x.text.trim_end_matches(['.', ',']).to_lowercase().as_str())
    })? + 1;
    if keep == t.len()
        || !t[keep..]
            .iter()
            .all(|x| x.text.starts_with(char::is_uppercase))
    {
        return None;
    }
    let core = t[..keep]
        .iter()
        .map(|x| token_key(&x.text))
        .collect::<Vec<_>>()
        .join(" ");
    Some((core, t[keep..].iter().map(|x| x.text.clone()).collect()))
}

/// Organization names that differ only by the words of legal form closing them ("Apple" /
/// "Apple Inc.", "NPD" / "NPD Group", "Interoute" / "Interoute Plc"): one company, as sources
/// write it with or without the form.
fn legal_form_pass(r: &mut Roster) {
    let names = distinct_names(r);
    // Names by their key less any legal form: the first of each is the one the others join.
    let mut by_core: BTreeMap<String, Vec<(usize, Vec<String>)>> = BTreeMap::new();
    for &(_, m) in &names {
        let x = &r.ms[m];
        if x.kind != EntityKind::Organization || x.family || x.name.tokens.is_empty() {
            continue;
        }
        let (core, forms) = legal_core(&x.name).unwrap_or_else(|| (x.key.clone(), Vec::new()));
        by_core.entry(core).or_default().push((m, forms));
    }
    let mut found = Vec::new();
    for group in by_core.values() {
        let Some((first, first_forms)) = group.first() else {
            continue;
        };
        for (m, forms) in &group[1..] {
            if forms == first_forms {
                continue; // the same form on both sides: the same-name rules had their say
            }
            let differ: Vec<String> = forms
                .iter()
                .chain(first_forms)
                .map(|f| format!("“{f}”"))
                .collect();
            let reason = format!(
                "“{}” and “{}” differ only by legal form ({})",
                r.ms[*m].display,
                r.ms[*first].display,
                differ.join(", ")
            );
            found.push((*first, *m, reason));
        }
    }
    r.join_found(found);
}

/// The last word of a name when it is a capitalized plural ("Colts"), with its singular.
fn plural_last(name: &Name) -> Option<&str> {
    let last = &name.tokens.last()?.text;
    names::plural_stem(last).filter(|_| last.starts_with(char::is_uppercase))
}

/// Teams and other organizations named by a plural: names that differ only by the plural of
/// their last word are one ("Indianapolis Colt" / "Indianapolis Colts", "Colt" / "Colts"), and
/// a place's name read as an organization is the one organization of the corpus whose name is
/// that place before a capitalized plural ("Indianapolis" / "Indianapolis Colts": a city stands
/// for its team); with several such organizations it stays apart.
fn team_pass(r: &mut Roster) {
    let names = distinct_names(r);
    let orgs: Vec<(usize, usize)> = names
        .iter()
        .copied()
        .filter(|&(_, m)| {
            let x = &r.ms[m];
            x.kind == EntityKind::Organization
                && !x.family
                && !x.name.tokens.is_empty()
                && !x.name.is_acronym()
        })
        .collect();
    let mut found = Vec::new();
    // Keys with the last word in the singular: the first name of each is the one others join.
    let mut by_singular: BTreeMap<String, usize> = BTreeMap::new();
    for &(_, m) in &orgs {
        let x = &r.ms[m];
        let singular = match plural_last(&x.name) {
            Some(stem) => {
                let t = &x.name.tokens;
                let mut keys: Vec<String> = t[..t.len() - 1]
                    .iter()
                    .map(|w| token_key(&w.text))
                    .collect();
                keys.push(token_key(stem));
                keys.join(" ")
            }
            None => x.key.clone(),
        };
        match by_singular.get(&singular) {
            None => {
                by_singular.insert(singular, m);
            }
            Some(&a) if r.find(a) != r.find(m) && r.ms[a].key != x.key => {
                let reason = format!(
                    "“{}” and “{}” differ only by the plural of the last word",
                    x.display, r.ms[a].display
                );
                found.push((a, m, reason));
            }
            Some(_) => {}
        }
    }
    r.join_found(found.drain(..));
    // Names ending in a capitalized plural by the key of each run of their leading words.
    let mut by_lead: BTreeMap<String, BTreeMap<usize, usize>> = BTreeMap::new();
    for &(_, m) in &orgs {
        let t = &r.ms[m].name.tokens;
        if t.len() < 2 || plural_last(&r.ms[m].name).is_none() {
            continue;
        }
        for k in 1..t.len() {
            let lead: Vec<String> = t[..k].iter().map(|w| token_key(&w.text)).collect();
            by_lead
                .entry(lead.join(" "))
                .or_default()
                .entry(r.find(m))
                .or_insert(m);
        }
    }
    for &(_, m) in &orgs {
        let x = &r.ms[m];
        let bare = x.name.bare();
        if !(kinds::is_known_place(&bare) || r.places.contains(&fold(&bare))) {
            continue;
        }
        let Some(teams) = by_lead.get(&x.key) else {
            continue;
        };
        let root = r.find(m);
        let others: Vec<usize> = teams
            .iter()
            .filter(|(t, _)| r.find(**t) != root)
            .map(|(_, l)| *l)
            .collect();
        if let [l] = others[..] {
            let reason = format!(
                "the place “{}” for the one organization named after it, “{}”",
                x.display, r.ms[l].display
            );
            found.push((l, m, reason));
        }
    }
    r.join_found(found);
}

/// One mention per distinct name of a cluster, for the passes that compare names: its root,
/// the mention, and the documents of its cluster.
fn distinct_names(r: &Roster) -> Vec<(usize, usize)> {
    let mut seen = BTreeSet::new();
    (0..r.ms.len())
        .filter(|&m| seen.insert((r.find(m), r.ms[m].key.clone())))
        .map(|m| (r.find(m), m))
        .collect()
}

/// Which clusters each document names, and which documents each cluster is named in (a
/// snapshot, for context checks).
struct Context {
    roots_in: Vec<BTreeSet<usize>>,
    docs_of: BTreeMap<usize, BTreeSet<usize>>,
}

impl Context {
    fn new(r: &Roster) -> Context {
        let mut roots_in: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); r.docs.len()];
        let mut docs_of: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for m in 0..r.ms.len() {
            let root = r.find(m);
            roots_in[r.ms[m].doc].insert(root);
            docs_of.entry(root).or_default().insert(r.ms[m].doc);
        }
        Context { roots_in, docs_of }
    }

    /// The other clusters named both in a document of `a` and in a document of `b`; asked only
    /// for the few pairs a model proposes, so the cost stays with them.
    fn shared(&self, a: usize, b: usize) -> Vec<usize> {
        let around = |x: usize| -> BTreeSet<usize> {
            self.docs_of
                .get(&x)
                .into_iter()
                .flatten()
                .flat_map(|d| self.roots_in[*d].iter().copied())
                .filter(|&y| y != a && y != b)
                .collect()
        };
        around(a).intersection(&around(b)).copied().collect()
    }
}

/// The kinds whose names may be each other's variants or short forms: people, organizations,
/// each kind of place on its own ("Paris" is not the "Paris Store").
fn name_class(k: EntityKind) -> u8 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Gpe => 2,
        EntityKind::Location => 3,
        EntityKind::Facility => 4,
        EntityKind::Group => 5,
        EntityKind::Misc => 6,
    }
}

/// How many names a spelling is compared with in the sorted list of phonetic keys (sorted
/// neighbourhood): keeps the pass n·log n however many names a corpus holds.
const VARIANT_WINDOW: usize = 12;

/// Spelling and transliteration variants across documents ([`variants`]): two names the model
/// calls one spelling, never written side by side in one document, whose documents name other
/// entities in common. Names whose words sound alike (equal phonetic keys: "Lahiya" / "Lahia")
/// need one shared neighbour; typos (keys differ: "Turkeminstan") need two.
fn variant_pass(r: &mut Roster) {
    let names = distinct_names(r);
    let context = Context::new(r);
    let mut keyed: Vec<(u8, String, usize)> = names
        .iter()
        .filter(|(_, m)| {
            let x = &r.ms[*m];
            !x.name.is_acronym() && !x.family && x.kind != EntityKind::Misc
        })
        .map(|&(_, m)| {
            let mut words: Vec<String> = variants::content(&r.ms[m].name)
                .iter()
                .map(|w| variants::phonetic(w))
                .collect();
            words.sort();
            (name_class(r.ms[m].kind), words.join(" "), m)
        })
        .collect();
    // Acronyms meet by their letters in order of the alphabet ("UNHCR" and "UNCHR": "CHNRU").
    keyed.extend(
        names
            .iter()
            .filter(|(_, m)| r.ms[*m].name.is_acronym())
            .map(|&(_, m)| {
                let mut letters: Vec<char> = r.ms[m].name.tokens[0]
                    .text
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                letters.sort_unstable();
                (
                    7 + name_class(r.ms[m].kind),
                    letters.into_iter().collect(),
                    m,
                )
            }),
    );
    keyed.sort();
    let mut docs_of_key: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for m in 0..r.ms.len() {
        docs_of_key
            .entry(r.ms[m].key.as_str())
            .or_default()
            .insert(r.ms[m].doc);
    }
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for (i, (class, _, a)) in keyed.iter().enumerate() {
        for (class_b, _, b) in keyed.iter().skip(i + 1).take(VARIANT_WINDOW) {
            if class != class_b {
                break;
            }
            let (ma, mb) = (&r.ms[*a], &r.ms[*b]);
            if ma.name.is_acronym() || mb.name.is_acronym() {
                // Two acronyms one letter apart or with two letters swapped: a typo, taken
                // only with strong context.
                let typo = ma.name.is_acronym()
                    && mb.name.is_acronym()
                    && variants::acronym_typo(&ma.name.tokens[0].text, &mb.name.tokens[0].text)
                    && docs_of_key[ma.key.as_str()].is_disjoint(&docs_of_key[mb.key.as_str()]);
                if !typo {
                    continue;
                }
                let (ra, rb) = (r.find(*a), r.find(*b));
                let shared = context.shared(ra, rb);
                if ra != rb && shared.len() >= 2 {
                    let with: Vec<String> = shared
                        .iter()
                        .take(3)
                        .map(|s| format!("“{}”", r.ms[*s].display))
                        .collect();
                    found.push((
                        *a,
                        *b,
                        format!(
                            "typo variant “{}” of the acronym “{}” (both named with {})",
                            mb.display,
                            ma.display,
                            with.join(", ")
                        ),
                    ));
                }
                continue;
            }
            // Two spellings in one document are two names unless they differ only in how a
            // word is spelt, not how it sounds, beside a word written alike ("Bettie Page" and
            // "Betty Page" in one report: a writer's slip, not a second person).
            if !variants::candidate(&ma.name, &mb.name)
                || !docs_of_key[ma.key.as_str()].is_disjoint(&docs_of_key[mb.key.as_str()])
                    && !variants::one_spelling_slip(&ma.name, &mb.name)
            {
                continue;
            }
            let p = variants::probability(&ma.name, &mb.name);
            if p < 0.5 {
                continue;
            }
            let (ra, rb) = (r.find(*a), r.find(*b));
            if ra == rb {
                continue;
            }
            let shared = context.shared(ra, rb);
            let sounds_alike = variants::features(&ma.name, &mb.name)[3] >= 1.0;
            // A typo changes a letter or two, not the length of a word by more: "France" is
            // no typo of "Frankfurt" however alike their letters start; nor are two places the
            // gazetteer knows under each spelling.
            let (la, lb) = (
                ma.name.bare().chars().count(),
                mb.name.bare().chars().count(),
            );
            if !sounds_alike
                && (la.abs_diff(lb) > 2
                    || kinds::is_known_place(&ma.name.bare())
                        && kinds::is_known_place(&mb.name.bare()))
            {
                continue;
            }
            let needed = if sounds_alike { 1 } else { 2 };
            if shared.len() < needed {
                continue;
            }
            let with: Vec<String> = shared
                .iter()
                .take(3)
                .map(|s| format!("“{}”", r.ms[*s].display))
                .collect();
            let what = if sounds_alike { "spelling" } else { "typo" };
            found.push((
                *a,
                *b,
                format!(
                    "{what} variant “{}” of “{}” (model p = {p:.2}; both named with {})",
                    mb.display,
                    ma.display,
                    with.join(", ")
                ),
            ));
        }
    }
    for (a, b, reason) in found {
        let ev = r.ev(b, reason);
        r.union(a, b, ev, false);
    }
}

/// Whether `w` is a proper word here: the documents never write it in lower case.
fn proper(r: &Roster, w: &str) -> bool {
    !r.lower.contains(&w.to_lowercase())
}

/// Whether `short`'s words are `long`'s with some left out that a short form may leave out:
/// at the start place or other proper words ("San Diego Chargers" → "Chargers", not "Free
/// Syrian Army" → "Syrian Army"), inside proper words ("Syrian Arab Army" → "Syrian Army"), at
/// the end words of legal form or common nouns ("Apple Inc.", "NPD Group", "Sonoma County",
/// "Mediterranean Sea"). The short form keeps a proper word of its own.
fn short_form_of(r: &Roster, short: &Name, long: &Name) -> Option<Vec<String>> {
    let (s, l) = (&short.tokens, &long.tokens);
    if s.is_empty() || s.len() >= l.len() {
        return None;
    }
    // The leftmost placement of the short words inside the long ones.
    let mut at = Vec::with_capacity(s.len());
    let mut j = 0;
    for t in s {
        while j < l.len() && token_key(&l[j].text) != token_key(&t.text) {
            j += 1;
        }
        if j == l.len() {
            return None;
        }
        at.push(j);
        j += 1;
    }
    let (first, last) = (at[0], *at.last().unwrap());
    let plain = |t: &names::Token| t.text.trim_end_matches('.').to_lowercase();
    // The words before the short name, as one name: a place ("San Diego") or nothing.
    let lead: Vec<&str> = l[..first].iter().map(|t| t.text.as_str()).collect();
    let lead = lead.join(" ");
    // A place of several words is one whatever its words are elsewhere ("United States").
    let lead_is_place = lead.is_empty()
        || (r.places.contains(&fold(&lead)) || kinds::is_known_place(&lead))
            && (first >= 2 && kinds::is_known_place(&lead)
                || l[..first].iter().all(|t| proper(r, &plain(t))));
    // One proper word, or a noun of regions ("State"), before a name that stands alone by its
    // own kind word or number ("Aoraki Mount Cook" → "Mount Cook", "State Route 94" → "Route
    // 94"): the longer name only adds a qualifier of the same thing.
    let kind_name = first == 1
        && s.len() >= 2
        && (s.iter().any(|t| t.text.chars().any(|c| c.is_ascii_digit()))
            || kinds::is_feature_word(&plain(&l[first])))
        && (proper(r, &plain(&l[0])) || kinds::is_place_noun(&plain(&l[0])));
    if !lead_is_place && !kind_name {
        return None;
    }
    let mut dropped = Vec::new();
    for (k, t) in l.iter().enumerate() {
        if at.contains(&k) {
            continue;
        }
        let w = plain(t);
        let ok = if k < first {
            true // checked above, as one name
        } else if k > last {
            LEGAL_FORMS.contains(&w.as_str())
                || !proper(r, &w)
                || kinds::is_bare_head(&t.text)
                || kinds::is_place_noun(&w)
                || kinds::is_common_noun(&w)
        } else {
            proper(r, &w) && !matches!(w.as_str(), "of" | "for" | "and" | "the")
        };
        if !ok {
            return None;
        }
        dropped.push(t.text.clone());
    }
    // A plural written capitalized as the rest of a place's team or unit ("Chiefs" of "Kansas
    // City Chiefs") names it however common the word is elsewhere.
    let plural_after_place = first > 0
        && s.len() == 1
        && last + 1 == l.len()
        && names::plural_stem(&s[0].text).is_some()
        && s[0].text.starts_with(char::is_uppercase);
    let keeps_proper = s.iter().any(|t| proper(r, &plain(t)));
    // A name of two capitalized words or more after a place ("Federal Reserve" of "United
    // States Federal Reserve") is a name whatever its words are elsewhere.
    let name_after_place =
        first > 0 && s.len() >= 2 && s.iter().all(|t| t.text.starts_with(char::is_uppercase));
    (keeps_proper || plural_after_place || name_after_place || kind_name).then_some(dropped)
}

/// Short forms of organization and place names across the corpus: a name whose words are a
/// longer name's of the same kind with some left out ([`short_form_of`]) joins it when that
/// longer name is the only one it can be; with several, it stays apart.
fn short_name_pass(r: &mut Roster) {
    let names = distinct_names(r);
    // Long names by the key of each of their words, so a short name meets only the names that
    // share its first word.
    let mut by_word: BTreeMap<(u8, String), Vec<usize>> = BTreeMap::new();
    for &(_, m) in &names {
        let x = &r.ms[m];
        if matches!(
            x.kind,
            EntityKind::Person | EntityKind::Group | EntityKind::Misc
        ) {
            continue;
        }
        let mut seen = BTreeSet::new();
        for t in &x.name.tokens {
            let k = token_key(&t.text);
            if seen.insert(k.clone()) {
                by_word.entry((name_class(x.kind), k)).or_default().push(m);
            }
        }
    }
    let mut found = Vec::new();
    for &(root, m) in &names {
        let x = &r.ms[m];
        if matches!(
            x.kind,
            EntityKind::Person | EntityKind::Group | EntityKind::Misc
        ) || x.name.is_acronym()
            || x.family
        {
            continue;
        }
        let Some(first) = x.name.tokens.first() else {
            continue;
        };
        let Some(posting) = by_word.get(&(name_class(x.kind), token_key(&first.text))) else {
            continue;
        };
        let mut fits: BTreeMap<usize, (usize, Vec<String>)> = BTreeMap::new();
        for &l in posting.iter().take(64) {
            if let Some(d) = short_form_of(r, &x.name, &r.ms[l].name) {
                fits.entry(r.find(l)).or_insert((l, d));
            }
        }
        fits.remove(&root);
        if fits.len() == 1 && posting.len() <= 64 {
            let (_, (l, dropped)) = fits.into_iter().next().unwrap();
            let reason = format!(
                "short form “{}” of “{}” (leaves out {})",
                x.display,
                r.ms[l].display,
                dropped
                    .iter()
                    .map(|d| format!("“{d}”"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            found.push((l, m, reason));
        }
    }
    r.join_found(found);
}

/// Endings a clipped form may add to the front part of the word it clips: "Jag-s" of
/// "Jaguars", "Ind-y" of "Indianapolis", "Phil-ly" of "Philadelphia".
const CLIPPING_ENDINGS: [&str; 7] = ["", "s", "y", "ie", "ies", "ly", "lly"];

/// Whether the one word `short` is a clipped form of the word `long`: it keeps at least the
/// first three letters of `long` and, after them, at most a clipping ending; `long` is at least
/// three letters longer than what `short` keeps.
fn clipping_of(short: &str, long: &str) -> bool {
    let (s, l): (Vec<char>, Vec<char>) =
        (fold(short).chars().collect(), fold(long).chars().collect());
    let p = s.iter().zip(&l).take_while(|(a, b)| a == b).count();
    if p < 3 || l.len() < p + 3 || !s.iter().all(|c| c.is_alphabetic()) {
        return false;
    }
    let rest: String = s[p..].iter().collect();
    CLIPPING_ENDINGS.contains(&rest.as_str())
}

/// Whether the one word `short` is the head of the compound word `long` ("Blazers" of
/// "Trailblazers"): its end, five letters or more, after three letters or more of its own.
fn compound_head_of(short: &str, long: &str) -> bool {
    let (s, l) = (fold(short), fold(long));
    s.chars().count() >= 5 && l.chars().count() >= s.chars().count() + 3 && l.ends_with(&s)
}

/// Clipped one-word names of organizations and places across documents ("Jags" / "Jacksonville
/// Jaguars", "Indy" / "Indianapolis Colts", "Philly" / "Philadelphia", "Blazers" / "Portland
/// Trailblazers"): a proper word that no document writes in lower case and that is no place
/// the gazetteer knows under its own name ("Niger" is no clipping of "Nigeria"), joined to the
/// one cluster of its kind with a name that has a word it clips; with two such clusters it
/// stays apart.
fn clipped_pass(r: &mut Roster) {
    let names = distinct_names(r);
    let eligible = |x: &M| {
        !matches!(
            x.kind,
            EntityKind::Person | EntityKind::Group | EntityKind::Misc
        ) && !x.family
            && !x.name.is_acronym()
    };
    // Names by the first three letters of each of their words.
    let mut by_start: BTreeMap<(u8, String), Vec<usize>> = BTreeMap::new();
    // Names by the last five letters of each of their words.
    let mut by_end: BTreeMap<(u8, String), Vec<usize>> = BTreeMap::new();
    for &(_, m) in &names {
        let x = &r.ms[m];
        if !eligible(x) {
            continue;
        }
        for t in &x.name.tokens {
            let f: Vec<char> = fold(&t.text).chars().collect();
            if f.len() >= 6 {
                let start: String = f[..3].iter().collect();
                let end: String = f[f.len() - 5..].iter().collect();
                by_start
                    .entry((name_class(x.kind), start))
                    .or_default()
                    .push(m);
                by_end.entry((name_class(x.kind), end)).or_default().push(m);
            }
        }
    }
    let mut found = Vec::new();
    for &(root, m) in &names {
        let x = &r.ms[m];
        let [w] = &x.name.tokens[..] else {
            continue;
        };
        let f: Vec<char> = fold(&w.text).chars().collect();
        if !eligible(x)
            || f.len() < 3
            || !w.text.starts_with(char::is_uppercase)
            || !proper(r, &w.text)
            || kinds::is_known_place(&w.text)
        {
            continue;
        }
        let class = name_class(x.kind);
        let start: String = f[..3].iter().collect();
        let end: String = f[f.len().saturating_sub(5)..].iter().collect();
        let mut fits: BTreeMap<usize, (usize, String, &str)> = BTreeMap::new();
        let clipped = by_start.get(&(class, start)).into_iter().flatten();
        let headed = by_end.get(&(class, end)).into_iter().flatten();
        for (&l, how) in clipped
            .map(|l| (l, "clipped form"))
            .chain(headed.map(|l| (l, "head of the compound")))
        {
            let word = r.ms[l].name.tokens.iter().find(|t| {
                proper(r, &t.text)
                    && if how == "clipped form" {
                        clipping_of(&w.text, &t.text)
                    } else {
                        compound_head_of(&w.text, &t.text)
                    }
            });
            if let Some(t) = word {
                fits.entry(r.find(l)).or_insert((l, t.text.clone(), how));
            }
        }
        fits.remove(&root);
        if fits.len() == 1 {
            let (_, (l, word, how)) = fits.into_iter().next().unwrap();
            let reason = format!(
                "{how} “{}” of “{word}” in “{}” (the one name with that word)",
                x.display, r.ms[l].display
            );
            found.push((l, m, reason));
        }
    }
    r.join_found(found);
}

/// Names of places that are one country in the gazetteer ("U.S.", "America", "United States";
/// "Britain", "UK", "United Kingdom"): the most likely place of each name, read with no
/// context, is that country (GeoNames feature `A.PCL*`, its own or alternate name). A name whose
/// likeliest reading is a town or a division ("Georgia" read as the state is not, since the
/// country leads without context; "England" is a division) is not taken.
fn country_pass(r: &mut Roster, gazetteer: &geo::Gazetteer) {
    let names = distinct_names(r);
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    let mut found = Vec::new();
    let mut asked: BTreeMap<String, Option<geo::Place>> = BTreeMap::new();
    for &(_, m) in &names {
        let x = &r.ms[m];
        if !matches!(x.kind, EntityKind::Gpe | EntityKind::Location) || x.family || x.adjective {
            continue;
        }
        let bare = x.name.bare();
        let place = asked
            .entry(bare.clone())
            .or_insert_with(|| {
                gazetteer
                    .geocode_area(&bare, &geo::Context::none())
                    .filter(|p| p.feature.starts_with("A.PCL") && !p.country.is_empty())
            })
            .clone();
        let Some(place) = place else {
            continue;
        };
        match first.get(&place.country) {
            None => {
                first.insert(place.country.clone(), m);
            }
            Some(&a) => {
                if r.find(a) != r.find(m) {
                    let reason = format!(
                        "“{}” and “{}” name one country in the gazetteer ({}, GeoNames {})",
                        x.display, r.ms[a].display, place.name, place.geonames_id
                    );
                    found.push((a, m, reason));
                }
            }
        }
    }
    r.join_found(found);
}

/// Endings that make a nationality or group adjective of a place's name: "Syria" → "Syrian",
/// "Iran" → "Iranian", "Japan" → "Japanese", "Israel" → "Israeli", "Turkey" → "Turkish".
const ADJECTIVE_ENDINGS: [&str; 9] = ["n", "an", "ian", "ean", "ese", "i", "ish", "ic", "ite"];

/// The place whose name a one-word adjective is made from, if the ending fits: the adjective
/// is the name, or the name less its last vowel, plus an ending.
pub(crate) fn adjective_of(adjective: &str, place: &str) -> bool {
    let (a, p) = (fold(adjective), fold(place));
    if p.chars().count() < 3 || !p.chars().all(char::is_alphabetic) {
        return false;
    }
    let mut stems = vec![p.clone()];
    if let Some(stem) = p.strip_suffix(['a', 'e', 'o', 'y', 'i']) {
        stems.push(stem.to_string());
    }
    // "Turkmen" / "Turkmenistan", "Uzbek" / "Uzbekistan", "Kazakh" / "Kazakhstan".
    let stan = p
        .strip_prefix(a.as_str())
        .is_some_and(|rest| matches!(rest, "istan" | "stan"));
    stan || stems.iter().any(|stem| {
        a.strip_prefix(stem.as_str())
            .is_some_and(|rest| ADJECTIVE_ENDINGS.contains(&rest))
    })
}

/// Nationality and group adjectives ("Syrian", "Iranian") are mentions of the country the
/// corpus names, when it names one they are made from ([`adjective_of`]); they stay the
/// country's mentions, not an entity of their own that leads the roster.
fn adjective_pass(r: &mut Roster) {
    let names = distinct_names(r);
    let mut places: BTreeMap<char, Vec<usize>> = BTreeMap::new();
    for &(_, m) in &names {
        let x = &r.ms[m];
        if x.kind == EntityKind::Gpe && x.name.tokens.len() == 1 {
            if let Some(c) = fold(&x.name.tokens[0].text).chars().next() {
                places.entry(c).or_default().push(m);
            }
        }
    }
    let mut found = Vec::new();
    for &(_, m) in &names {
        let x = &r.ms[m];
        if !matches!(x.kind, EntityKind::Group | EntityKind::Gpe)
            || x.name.tokens.len() != 1
            || x.family
        {
            continue;
        }
        let word = &x.name.tokens[0].text;
        let Some(c) = fold(word).chars().next() else {
            continue;
        };
        let fits: BTreeSet<usize> = places
            .get(&c)
            .into_iter()
            .flatten()
            .filter(|&&p| adjective_of(word, &r.ms[p].name.tokens[0].text))
            .map(|&p| r.find(p))
            .collect();
        if fits.len() == 1 {
            let p = *fits.iter().next().unwrap();
            let place = names
                .iter()
                .find(|(root, _)| *root == p)
                .map_or(p, |(_, m)| *m);
            let reason = format!(
                "nationality adjective “{}” of “{}”",
                x.display, r.ms[place].display
            );
            found.push((p, m, reason));
        }
    }
    for (p, m, reason) in found {
        let ev = r.ev(m, reason);
        let key = r.ms[m].key.clone();
        if r.union(p, m, ev, false) {
            let root = r.find(p);
            for x in r.members[&root].clone() {
                if r.ms[x].key == key {
                    r.ms[x].adjective = true;
                }
            }
        }
    }
}

/// A cross-document reason with the name it matched, when that is spelled otherwise ("…, with
/// “Abu Mohammed al-Julani”") and the reason does not name both already: the evidence then says
/// which two names the rule joined.
fn with_other(reason: String, joined: &M, other: &M) -> String {
    if joined.display == other.display || reason.contains('“') {
        reason
    } else {
        format!("{reason}, with “{}”", other.display)
    }
}

/// The spellings of one name key inside a cluster.
#[derive(Default)]
struct KeyGroup {
    /// Only adjectives of the entity's country: never its name.
    adjective: bool,
    mentions: usize,
    primary: bool,
    spellings: BTreeMap<String, usize>,
    tokens: usize,
    acronym: bool,
}

/// Turn the clusters into entities: canonical name, aliases, mentions, evidence, id.
fn build(r: &mut Roster) -> Vec<Entity> {
    let mut out = Vec::new();
    for root in r.roots() {
        let members = r.members[&root].clone();
        // Group spellings by key: count mentions, note primaries.
        let mut by_key: BTreeMap<String, KeyGroup> = BTreeMap::new();
        for &m in &members {
            let x = &r.ms[m];
            let g = by_key.entry(x.key.clone()).or_insert_with(|| KeyGroup {
                adjective: true,
                ..KeyGroup::default()
            });
            g.adjective &= x.adjective;
            g.mentions += 1;
            g.primary |= x.primary;
            *g.spellings.entry(x.display.clone()).or_default() += 1;
            g.tokens = x.name.tokens.len();
            g.acronym = x.name.is_acronym();
        }
        // An acronym the text marks as the main name passes the mark to its expansion.
        let marked_acronyms: Vec<String> = members
            .iter()
            .filter(|m| r.ms[**m].primary && r.ms[**m].name.is_acronym())
            .map(|m| r.ms[*m].name.tokens[0].text.replace('.', ""))
            .collect();
        for &m in &members {
            if marked_acronyms.contains(&r.ms[m].name.initials()) && r.ms[m].name.tokens.len() >= 2
            {
                by_key.get_mut(&r.ms[m].key).unwrap().primary = true;
            }
        }
        // The canonical name: a full name over an acronym, then the one the text marks as
        // main, then a name of two words or more, then the most mentioned.
        let rank = |g: &KeyGroup| {
            (
                !g.adjective,
                !g.acronym,
                g.primary,
                g.tokens >= 2,
                g.mentions,
                g.tokens,
            )
        };
        let best_key = by_key
            .iter()
            .max_by(|(ka, a), (kb, b)| rank(a).cmp(&rank(b)).then(kb.cmp(ka)))
            .map(|(k, _)| k.clone())
            .unwrap();
        let name = by_key[&best_key]
            .spellings
            .iter()
            .max_by(|(da, ca), (db, cb)| ca.cmp(cb).then(db.cmp(da)))
            .map(|(d, _)| d.clone())
            .unwrap();
        // The kind of the names, not of the adjectives made from them.
        let named: Vec<usize> = members
            .iter()
            .copied()
            .filter(|m| !r.ms[*m].adjective)
            .collect();
        let mut kinds: BTreeMap<EntityKind, usize> = BTreeMap::new();
        for &m in if named.is_empty() { &members } else { &named } {
            *kinds.entry(r.ms[m].kind).or_default() += 1;
        }
        let kind = kinds
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| *k)
            .unwrap();
        let aliases: BTreeSet<String> = members
            .iter()
            .map(|m| r.ms[*m].display.clone())
            .filter(|d| *d != name)
            .collect();
        let mut mentions: Vec<(String, Span)> = members
            .iter()
            .map(|m| (r.docs[r.ms[*m].doc].doc.to_string(), r.ms[*m].span))
            .collect();
        mentions.sort();
        let mut evidence = r.evidence[&root].clone();
        evidence.sort_by(|a, b| {
            a.span
                .cmp(&b.span)
                .then(a.alias.cmp(&b.alias))
                .then(a.reason.cmp(&b.reason))
        });
        out.push(Entity {
            id: String::new(),
            name,
            kind,
            aliases: aliases.into_iter().collect(),
            mentions,
            evidence,
            place: None,
        });
    }
    // Ids: hash of kind and canonical key; entities that would share one (two people both only
    // called "Maher" in unlinked documents) add their first mention to the hash.
    let mut counts: BTreeMap<(EntityKind, String), usize> = BTreeMap::new();
    for e in &out {
        *counts
            .entry((e.kind, name_key(&Name::parse(&e.name))))
            .or_default() += 1;
    }
    for e in &mut out {
        let key = name_key(&Name::parse(&e.name));
        let mut basis = format!("{:?}\u{0}{key}", e.kind);
        if counts[&(e.kind, key)] > 1 {
            let (d, s) = &e.mentions[0];
            basis.push_str(&format!("\u{0}{d}:{}", s.start));
        }
        e.id = format!("E{:016x}", xxhash_rust::xxh3::xxh3_64(basis.as_bytes()));
    }
    out.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(a.name.cmp(&b.name))
            .then(a.id.cmp(&b.id))
    });
    out
}

#[cfg(test)]
mod tests;
