//! Named-entity recognition: a trained linear-chain tagger (averaged structured perceptron,
//! IOB2-constrained Viterbi) over word, shape, affix, context, word-cluster, gazetteer and
//! document-context features, predicting PER ORG GPE LOC FAC NORP MISC (mapped to [`mention::EntityKind`]).
//!
//! Module map: [`tokenize`] (raw text → word spans), [`features`], [`gazetteer`], [`model`]
//! (weights, file format, Viterbi, posteriors), [`repair`] (span edges after decoding), [`train`]
//! (the perceptron), [`clusters`] (word clusters: the shipped model's come from MiniLM's input
//! embedding table), [`tags`], [`score`] (CoNLL span scoring for the evaluation tools).
//!
//! The bundled weights are `data/ner/model.bin` (built by `scripts/ner/train.sh`, compiled in with
//! `include_bytes!`); the gazetteer is `data/ner/gazetteer.tsv`. See `data/ner/README.md`.
//!
//! ```
//! use corroborate_entities::{ner::Tagger, EntityKind};
//! use corroborate_model::Span;
//! let tagger = Tagger::load_default().unwrap();
//! let text = "Angela Merkel met Emmanuel Macron in Berlin.";
//! let found = tagger.mentions(text, &[Span::new(0, text.len())]);
//! assert!(found.iter().any(|m| m.kind == EntityKind::Gpe && m.span.slice(text) == "Berlin"));
//! ```

pub mod clusters;
pub mod features;
pub mod gazetteer;
pub mod mention;
pub mod model;
pub mod repair;
pub mod score;
pub mod tags;
pub mod titles;
pub mod tokenize;
pub mod train;

use corroborate_model::Span;
use features::DocContext;
use gazetteer::Gazetteer;
use mention::Mention;
use model::{marginals, viterbi, Model};
use std::collections::HashMap;
use tags::{begin, kind_of_type, runs, CONLL_NAMES, N_TAGS, O, TYPES};

/// Errors loading a model.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("NER model format: {0} (rebuild it with scripts/ner/train.sh)")]
    Format(String),
    #[error("reading NER model {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// The bundled weights; empty until `scripts/ner/train.sh` has built them.
static DEFAULT_MODEL: &[u8] = include_bytes!("../../../../data/ner/model.bin");

/// A loaded tagger: model weights plus gazetteer.
#[derive(Debug)]
pub struct Tagger {
    model: Model,
    gazetteer: Gazetteer,
}

impl Tagger {
    /// The tagger with the bundled weights and gazetteer.
    pub fn load_default() -> Result<Tagger, NerError> {
        Ok(Tagger::new(
            Model::from_bytes(DEFAULT_MODEL)?,
            Gazetteer::bundled(),
        ))
    }

    /// A tagger from a model file (as written by the trainer) and the bundled gazetteer.
    pub fn load(path: &std::path::Path) -> Result<Tagger, NerError> {
        let bytes = std::fs::read(path).map_err(|source| NerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(Tagger::new(
            Model::from_bytes(&bytes)?,
            Gazetteer::bundled(),
        ))
    }

    pub fn new(model: Model, gazetteer: Gazetteer) -> Tagger {
        Tagger { model, gazetteer }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    fn emissions(&self, tokens: &[&str], doc: &DocContext) -> Vec<[f32; N_TAGS]> {
        features::extract_in_doc(tokens, &self.gazetteer, &self.model.clusters, doc)
            .iter()
            .map(|f| self.model.emissions(f))
            .collect()
    }

    /// Fine tag indices (see [`tags::TAG_NAMES`]) of each sentence of one document; the other
    /// sentences are context (how a word is written and used elsewhere in the document).
    pub fn tag_document_indices(&self, sentences: &[Vec<&str>]) -> Vec<Vec<usize>> {
        self.decode_document(sentences, false)
            .into_iter()
            .map(|(path, _)| path)
            .collect()
    }

    /// Best tag path and tag posteriors of each sentence, with [`vote_types`] applied across the
    /// document, the spans repaired ([`repair::repair`]) and [`short_names_follow`] applied.
    /// Posteriors are computed for every sentence that holds a run with `all_posteriors`
    /// (before the vote, or after the repair opens one; a sentence without a run gives the vote
    /// nothing and has no mention to score), otherwise only for those the vote needs; the rest
    /// get an empty vector.
    fn decode_document(
        &self,
        sentences: &[Vec<&str>],
        all_posteriors: bool,
    ) -> Vec<(Vec<usize>, Vec<[f32; N_TAGS]>)> {
        let doc = DocContext::new(sentences.iter().map(Vec::as_slice));
        let emit: Vec<Vec<[f32; N_TAGS]>> = sentences
            .iter()
            .map(|toks| self.emissions(toks, &doc))
            .collect();
        let paths: Vec<Vec<usize>> = emit
            .iter()
            .map(|e| viterbi(e, &self.model.trans, None))
            .collect();
        let need = if all_posteriors {
            paths.iter().map(|p| p.iter().any(|&t| t != O)).collect()
        } else {
            disputed(sentences, &paths)
        };
        let mut decoded: Vec<(Vec<usize>, Vec<[f32; N_TAGS]>)> = paths
            .into_iter()
            .zip(&emit)
            .zip(need)
            .map(|((path, e), need)| {
                let post = if need {
                    marginals(e, &self.model.trans)
                } else {
                    Vec::new()
                };
                (path, post)
            })
            .collect();
        vote_types(sentences, &mut decoded);
        for (toks, (path, _)) in sentences.iter().zip(decoded.iter_mut()) {
            repair::repair(toks, path);
        }
        self.gazetteer_places(sentences, &mut decoded);
        short_names_follow(sentences, &mut decoded);
        courtesy_titles(sentences, &mut decoded);
        surnames_follow(sentences, &mut decoded);
        let terms = defined_terms(sentences);
        if !terms.is_empty() {
            for (toks, (path, _)) in sentences.iter().zip(decoded.iter_mut()) {
                for (s, e, _) in runs(path) {
                    if e - s == 1 && terms.contains(toks[s]) {
                        path[s] = O;
                    }
                }
            }
        }
        if all_posteriors {
            // The repair can open a run in a sentence that had none.
            for ((path, post), e) in decoded.iter_mut().zip(&emit) {
                if post.is_empty() && path.iter().any(|&t| t != O) {
                    *post = marginals(e, &self.model.trans);
                }
            }
        }
        decoded
    }

    /// CoNLL-2003 IOB2 labels (PER, ORG, LOC, MISC) of each sentence of one document.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<&'static str>> {
        self.tag_document_indices(sentences)
            .into_iter()
            .map(|s| s.into_iter().map(|t| CONLL_NAMES[t]).collect())
            .collect()
    }

    /// CoNLL-2003 IOB2 labels (PER, ORG, LOC, MISC) of one sentence's tokens, without context.
    pub fn tag_tokens(&self, tokens: &[&str]) -> Vec<&'static str> {
        self.tag_document(&[tokens.to_vec()])
            .pop()
            .unwrap_or_default()
    }

    /// Mentions in `text` as byte spans with fine kinds, sentence by sentence with the whole of
    /// `sentences` as document context. The score is the mean posterior probability
    /// (forward-backward over the model's scores) of the mention's tags.
    pub fn mentions(&self, text: &str, sentences: &[Span]) -> Vec<Mention> {
        let toks: Vec<Vec<Span>> = sentences
            .iter()
            .map(|sent| {
                tokenize::tokenize(sent.slice(text))
                    .into_iter()
                    .map(|t| Span::new(sent.start + t.start, sent.start + t.end))
                    .collect()
            })
            .collect();
        let words: Vec<Vec<&str>> = toks
            .iter()
            .map(|s| s.iter().map(|t| t.slice(text)).collect())
            .collect();
        let mut out = Vec::new();
        for (spans, (path, post)) in toks.iter().zip(self.decode_document(&words, true)) {
            for (s, e, ty) in runs(&path) {
                let score = (s..e).map(|i| post[i][path[i]]).sum::<f32>() / (e - s) as f32;
                out.push(Mention {
                    span: Span::new(spans[s].start, spans[e - 1].end),
                    kind: kind_of_type(ty),
                    score: score.clamp(0.0, 1.0),
                });
            }
        }
        out
    }
}

/// Words an acronym's letters may pass over in its definition ("driving under the influence").
const DEFINITION_GAPS: [&str; 9] = ["of", "and", "the", "for", "in", "on", "to", "a", "-"];

/// Acronyms the document defines by a phrase of lower-case words before them in brackets: "sea
/// surface salinity (SSS)", "driving under the influence (DUI)", "source text (ST)". They
/// abbreviate a term, not a name ("the National Aeronautics and Space Administration (NASA)" is
/// written in capitals), so no run of the acronym alone is a mention, anywhere in the document.
fn defined_terms<'a>(sentences: &[Vec<&'a str>]) -> std::collections::HashSet<&'a str> {
    let mut out = std::collections::HashSet::new();
    for toks in sentences {
        for i in 1..toks.len().saturating_sub(2) {
            let acronym = toks[i + 1];
            let n = acronym.chars().count();
            if toks[i] != "(" || toks[i + 2] != ")" || !(2..=6).contains(&n) {
                continue;
            }
            if !acronym.chars().all(|c| c.is_ascii_uppercase()) {
                continue;
            }
            // The letters from the last, matched by the initials of the words before the bracket.
            let mut letters = acronym
                .chars()
                .rev()
                .map(|c| c.to_ascii_lowercase())
                .peekable();
            let mut j = i;
            let mut matched = 0;
            while let Some(&want) = letters.peek() {
                if j == 0 {
                    break;
                }
                j -= 1;
                let w = toks[j];
                let first = w.chars().next().unwrap_or(' ');
                if first == want && w.chars().all(|c| c.is_lowercase() || c == '-') {
                    letters.next();
                    matched += 1;
                } else if !DEFINITION_GAPS.contains(&w) {
                    break;
                }
            }
            if letters.peek().is_none() && matched == n {
                out.insert(acronym);
            }
        }
    }
    out
}

/// A person's surname alone, where the tagger left it untagged, is the person when the document
/// names them in full elsewhere: "Galois returned to mathematics" beside "Évariste Galois".
fn surnames_follow(sentences: &[Vec<&str>], decoded: &mut [(Vec<usize>, Vec<[f32; N_TAGS]>)]) {
    const PER: usize = 0;
    let mut last: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut lower: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (k, (path, _)) in decoded.iter().enumerate() {
        for (s, e, t) in runs(path) {
            if t == PER && e - s >= 2 {
                last.insert(sentences[k][e - 1]);
            }
        }
        for w in &sentences[k] {
            if w.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(w.to_string());
            }
        }
    }
    if last.is_empty() {
        return;
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    for (k, (path, _)) in decoded.iter_mut().enumerate() {
        let toks = &sentences[k];
        for i in 0..toks.len() {
            let w = toks[i];
            if path[i] != O
                || !last.contains(w)
                || !capital(w)
                || w.chars().count() < 2
                || lower.contains(&w.to_lowercase())
            {
                continue;
            }
            let free = |j: usize| path[j] == O && !capital(toks[j]);
            if (i > 0 && !free(i - 1)) || (i + 1 < toks.len() && !free(i + 1)) {
                continue;
            }
            path[i] = begin(PER);
        }
    }
}

/// Courtesy titles: written before a name, they make it a person's ("Mr", "Ms", "Mrs", "Dr",
/// matched with or without their dot, also as a token of its own).
const COURTESY: [&str; 4] = ["mr", "mrs", "ms", "dr"];

/// The capitalized words after a courtesy title are a person's name, whatever the tagger read
/// ("because Ms. Goldsmith contacted the foundation": not an organization), and the document's
/// runs of the same words read as an organization or a miscellaneous name are that person too
/// ("Goldsmith 's photograph"), unless a longer organization run of the document opens or ends
/// with them ("Mr Dell" beside "Dell Technologies"). Not before another title ("Mr. Chief
/// Justice", "Mr President"), and "Dr" after a capitalized word may be a street ("Elm Dr").
fn courtesy_titles(sentences: &[Vec<&str>], decoded: &mut [(Vec<usize>, Vec<[f32; N_TAGS]>)]) {
    const PER: usize = 0;
    const ORG: usize = 1;
    const MISC: usize = 6;
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut named: Vec<&[&str]> = Vec::new();
    for (k, (path, _)) in decoded.iter_mut().enumerate() {
        let toks = &sentences[k];
        for i in 0..toks.len() {
            let title = titles::fold(toks[i].trim_end_matches('.'));
            if !COURTESY.contains(&title.as_str()) || !capital(toks[i]) {
                continue;
            }
            if title == "dr" && i > 0 && capital(toks[i - 1]) {
                continue;
            }
            let s = if toks.get(i + 1) == Some(&".") {
                i + 2
            } else {
                i + 1
            };
            let Some(first) = toks.get(s) else { continue };
            if !capital(first)
                || titles::is_title_word(first)
                || !first.chars().any(char::is_alphabetic)
                || tags::is_inside(path[s])
            {
                continue;
            }
            // The tagger's run from here, else the capitalized words from here.
            let e = match runs(path).into_iter().find(|&(rs, _, _)| rs == s) {
                Some((_, re, _)) => re,
                None => {
                    let mut e = s;
                    while e < toks.len() && capital(toks[e]) && path[e] == O {
                        e += 1;
                    }
                    e
                }
            };
            path[s] = begin(PER);
            for t in &mut path[s + 1..e] {
                *t = begin(PER) + 1;
            }
            named.push(&toks[s..e]);
        }
    }
    if named.is_empty() {
        return;
    }
    let longer_org: Vec<&[&str]> = sentences
        .iter()
        .zip(decoded.iter())
        .flat_map(|(toks, (path, _))| {
            runs(path)
                .into_iter()
                .filter(|&(s, e, ty)| e - s >= 2 && ty == ORG)
                .map(move |(s, e, _)| &toks[s..e])
        })
        .collect();
    for (k, (path, _)) in decoded.iter_mut().enumerate() {
        for (s, e, t) in runs(path) {
            let words = &sentences[k][s..e];
            if (t != ORG && t != MISC) || !named.contains(&words) {
                continue;
            }
            let company = longer_org
                .iter()
                .any(|l| l.len() > words.len() && (l.starts_with(words) || l.ends_with(words)));
            if !company {
                path[s] = begin(PER);
                for x in &mut path[s + 1..e] {
                    *x = begin(PER) + 1;
                }
            }
        }
    }
}

/// Which sentences hold a run whose words are tagged with another type elsewhere in the document.
fn disputed(sentences: &[Vec<&str>], paths: &[Vec<usize>]) -> Vec<bool> {
    let mut types: HashMap<&[&str], (usize, bool)> = HashMap::new();
    for (k, path) in paths.iter().enumerate() {
        for (s, e, t) in runs(path) {
            let entry = types.entry(&sentences[k][s..e]).or_insert((t, false));
            entry.1 |= entry.0 != t;
        }
    }
    paths
        .iter()
        .enumerate()
        .map(|(k, path)| {
            runs(path)
                .into_iter()
                .any(|(s, e, _)| types[&sentences[k][s..e]].1)
        })
        .collect()
}

/// One type per name in a document: runs of the same words ("Chrysler") tagged with different
/// types in one document all take the type with the largest summed posterior over them. Names
/// rarely change type within an article, while a single occurrence is often ambiguous out of
/// context ("Chrysler was hardest hit"). Sentences without posteriors are left as they are (they
/// hold no disputed run).
fn vote_types(sentences: &[Vec<&str>], decoded: &mut [(Vec<usize>, Vec<[f32; N_TAGS]>)]) {
    let mut mass: HashMap<&[&str], [f32; TYPES.len()]> = HashMap::new();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (k, (path, post)) in decoded.iter().enumerate() {
        if post.is_empty() {
            continue;
        }
        for (s, e, _) in runs(path) {
            let m = mass.entry(&sentences[k][s..e]).or_default();
            for (t, slot) in m.iter_mut().enumerate() {
                let b = begin(t);
                *slot += post[s][b] + (s + 1..e).map(|i| post[i][b + 1]).sum::<f32>();
            }
            found.push((k, s, e));
        }
    }
    for (k, s, e) in found {
        let m = &mass[&sentences[k][s..e]];
        // Ties go to the lower type index, so the result does not depend on iteration order.
        let best = (0..TYPES.len())
            .max_by(|&a, &b| m[a].total_cmp(&m[b]).then(b.cmp(&a)))
            .unwrap_or(0);
        let path = &mut decoded[k].0;
        path[s] = begin(best);
        for t in &mut path[s + 1..e] {
            *t = begin(best) + 1;
        }
    }
}

/// Prepositions after which a name is mostly a place ("travels north to Skiatook").
const LOCATIVE: [&str; 9] = [
    "in", "to", "from", "near", "through", "via", "at", "outside", "into",
];

impl Tagger {
    /// A run read as an organization whose words are exactly the name of a country, state or
    /// city of the gazetteer, and nobody's first or last name, is that place: "skates in Red
    /// Deer, Innisfail and Edmonton", "Pakistan said" (a country's government speaking is still
    /// the country, as OntoNotes tags it); "Houston" and "Jackson" stay as read, and so does a
    /// run that is the short form of a longer person or organization run of the document
    /// ("Toyota" beside "Toyota Motor": Toyota is a Japanese city too). Runs read as persons
    /// stay, the tagger being surer of them ("Obama" is a Japanese city as well; ECB+ dev lost
    /// 0.7 F1 when they were all included), unless a preposition of place opens them ("through
    /// Broken Arrow").
    fn gazetteer_places(
        &self,
        sentences: &[Vec<&str>],
        decoded: &mut [(Vec<usize>, Vec<[f32; N_TAGS]>)],
    ) {
        const PLACE: u8 = 0b1111;
        const NAME: u8 = 0b11_0000;
        let (per, org) = (0, 1);
        let gpe = begin(2);
        // Longer person and organization runs of the document, whose short forms stay.
        let longer: Vec<&[&str]> = sentences
            .iter()
            .zip(decoded.iter())
            .flat_map(|(toks, (path, _))| {
                runs(path)
                    .into_iter()
                    .filter(|&(s, e, ty)| e - s >= 2 && (ty == per || ty == org))
                    .map(move |(s, e, _)| &toks[s..e])
            })
            .collect();
        for (toks, (path, _)) in sentences.iter().zip(decoded.iter_mut()) {
            // A dateline without an agency: words in capitals opening the sentence before a
            // dash, that the gazetteer lists as a place ("TORRINGTON — A man was"); the repairs
            // need the agency in brackets to tell a dateline from a heading ("NATO – the
            // alliance"), the gazetteer tells it here.
            let caps = |w: &str| {
                w.chars().count() >= 2
                    && w.chars().all(|c| c.is_alphabetic() || c == '.')
                    && !w.chars().any(char::is_lowercase)
            };
            let k = toks.iter().take(4).take_while(|w| caps(w)).count();
            if k > 0
                && toks
                    .get(k)
                    .is_some_and(|d| matches!(*d, "—" | "–" | "-" | "--"))
            {
                let bits = self.gazetteer.lookup(&toks[..k].join(" ").to_lowercase());
                let untagged = path[..k].iter().all(|&t| t == O);
                if untagged && bits & PLACE != 0 && bits & NAME == 0 {
                    path[0] = gpe;
                    for t in &mut path[1..k] {
                        *t = gpe + 1;
                    }
                }
            }
            for (s, e, ty) in runs(path) {
                // A person run after a preposition of place ("to Broken Arrow") is taken too.
                let locative = s > 0 && LOCATIVE.contains(&toks[s - 1]);
                if ty != org && !(ty == per && locative) {
                    continue;
                }
                let words = &toks[s..e];
                let bits = self.gazetteer.lookup(&words.join(" ").to_lowercase());
                if bits & PLACE == 0 || bits & NAME != 0 {
                    continue;
                }
                let short_form = longer
                    .iter()
                    .any(|l| l.len() > words.len() && (l.starts_with(words) || l.ends_with(words)));
                if !short_form {
                    path[s] = gpe;
                    for t in &mut path[s + 1..e] {
                        *t = gpe + 1;
                    }
                }
            }
        }
    }
}

/// A person's or organization's short name takes the type of its full name in the document: a run
/// tagged PER whose words open or close a longer ORG run elsewhere ("Northrop" beside "Northrop
/// Grumman") becomes ORG, and an ORG run closing or opening a PER run ("Gupta" beside "Sanjay
/// Gupta") becomes PER. Only PER and ORG trade places: "Washington" beside "Washington Post"
/// stays a place. When full names of both types contain the run, the more frequent type wins
/// (ties leave it).
fn short_names_follow(sentences: &[Vec<&str>], decoded: &mut [(Vec<usize>, Vec<[f32; N_TAGS]>)]) {
    const PER: usize = 0;
    const ORG: usize = 1;
    // Every proper prefix and suffix of each full name, with the votes of its types: one pass
    // over the names, one look-up per run.
    let mut parts: HashMap<&[&str], [usize; 2]> = HashMap::new();
    for (k, (path, _)) in decoded.iter().enumerate() {
        for (s, e, t) in runs(path) {
            if e - s > 1 && (t == PER || t == ORG) {
                let name = &sentences[k][s..e];
                for l in 1..name.len().min(9) {
                    parts.entry(&name[..l]).or_default()[t] += 1;
                    if name[name.len() - l..] != name[..l] {
                        parts.entry(&name[name.len() - l..]).or_default()[t] += 1;
                    }
                }
            }
        }
    }
    if parts.is_empty() {
        return;
    }
    for (k, (path, _)) in decoded.iter_mut().enumerate() {
        for (s, e, t) in runs(path) {
            if t != PER && t != ORG {
                continue;
            }
            let short = &sentences[k][s..e];
            let votes = parts.get(short).copied().unwrap_or_default();
            let other = 1 - t;
            if votes[other] > votes[t] {
                path[s] = begin(other);
                for x in &mut path[s + 1..e] {
                    *x = begin(other) + 1;
                }
            }
        }
    }
}

/// Tags a CoNLL file: one token per line (first column), blank lines between sentences,
/// `-DOCSTART-` lines kept as they are. Each token line is written back with one more column, the
/// predicted IOB2 label (PER, ORG, LOC, MISC), separated the way the line separates its columns.
pub fn tag_conll(tagger: &Tagger, input: &str) -> String {
    // Lines of the current document: `Ok(token line)` or `Err(line kept as is)`; sentences are
    // tagged together so each sees the rest of its document (between `-DOCSTART-` lines).
    let mut out = String::with_capacity(input.len() + input.len() / 4);
    let mut doc: Vec<Result<&str, &str>> = Vec::new();
    let flush = |doc: &mut Vec<Result<&str, &str>>, out: &mut String| {
        let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
        for line in doc.iter() {
            match line {
                Ok(l) => sentences
                    .last_mut()
                    .unwrap()
                    .push(l.split_whitespace().next().unwrap_or("")),
                Err(_) => sentences.push(Vec::new()),
            }
        }
        let labels: Vec<&str> = tagger
            .tag_document(&sentences)
            .into_iter()
            .flatten()
            .collect();
        let mut labels = labels.into_iter();
        for line in doc.drain(..) {
            match line {
                Ok(l) => {
                    out.push_str(l);
                    out.push(if l.contains('\t') { '\t' } else { ' ' });
                    out.push_str(labels.next().unwrap_or("O"));
                }
                Err(l) => out.push_str(l),
            }
            out.push('\n');
        }
    };
    for line in input.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with("-DOCSTART-") {
            flush(&mut doc, &mut out);
            out.push_str(line);
            out.push('\n');
        } else if line.trim().is_empty() {
            doc.push(Err(line));
        } else {
            doc.push(Ok(line));
        }
    }
    flush(&mut doc, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::mention::EntityKind;
    use super::*;

    fn check(text: &str, expect: &[(&str, EntityKind)]) {
        let tagger = Tagger::load_default().unwrap();
        let found = tagger.mentions(text, &[Span::new(0, text.len())]);
        let got: Vec<(&str, EntityKind)> =
            found.iter().map(|m| (m.span.slice(text), m.kind)).collect();
        for e in expect {
            assert!(got.contains(e), "expected {e:?} in {got:?}");
        }
        for m in &found {
            assert!((0.0..=1.0).contains(&m.score));
        }
    }

    #[test]
    fn bundled_model_loads_and_finds_people_and_places() {
        check(
            "President Barack Obama flew to Chicago on Monday, the White House said.",
            &[
                ("Barack Obama", EntityKind::Person),
                ("Chicago", EntityKind::Gpe),
            ],
        );
    }

    #[test]
    fn finds_organizations_and_groups() {
        check(
            "Boeing and Airbus shares fell after Syrian rebels attacked, officials in France said.",
            &[
                ("Boeing", EntityKind::Organization),
                ("Syrian", EntityKind::Group),
                ("France", EntityKind::Gpe),
            ],
        );
    }

    #[test]
    fn organizations_named_as_gazetteer_places_are_the_places() {
        let tagger = Tagger::load_default().unwrap();
        let sentences = vec![
            vec!["cities", "including", "Red", "Deer", "and", "Edmonton"],
            vec![
                "Toyota", "Motor", "said", "Toyota", "and", "Houston", "rose",
            ],
        ];
        let org = |s: usize, e: usize, path: &mut Vec<usize>| {
            path[s] = begin(1);
            for t in &mut path[s + 1..e] {
                *t = begin(1) + 1;
            }
        };
        let mut decoded: Vec<(Vec<usize>, Vec<[f32; N_TAGS]>)> = sentences
            .iter()
            .map(|s| (vec![O; s.len()], Vec::new()))
            .collect();
        org(2, 4, &mut decoded[0].0);
        org(5, 6, &mut decoded[0].0);
        org(0, 2, &mut decoded[1].0);
        org(3, 4, &mut decoded[1].0);
        org(5, 6, &mut decoded[1].0);
        tagger.gazetteer_places(&sentences, &mut decoded);
        let gpe = begin(2);
        assert_eq!(decoded[0].0, vec![O, O, gpe, gpe + 1, O, gpe]);
        // "Toyota" is the short form of "Toyota Motor"; "Houston" is a surname too.
        let org = begin(1);
        assert_eq!(decoded[1].0, vec![org, org + 1, O, org, O, org, O]);
        // A dateline without an agency, and a heading that is no place.
        let sentences = vec![
            vec!["TORRINGTON", "—", "A", "man", "was", "charged"],
            vec!["NATO", "–", "the", "alliance"],
        ];
        let mut decoded: Vec<(Vec<usize>, Vec<[f32; N_TAGS]>)> = sentences
            .iter()
            .map(|s| (vec![O; s.len()], Vec::new()))
            .collect();
        tagger.gazetteer_places(&sentences, &mut decoded);
        assert_eq!(decoded[0].0, vec![gpe, O, O, O, O, O]);
        assert_eq!(decoded[1].0, vec![O; 4]);
    }

    /// Decodes `sentences` with the given runs `(sentence, start, end, type)` as the tagger's
    /// reading, applies `pass`, and returns each sentence's tag names.
    fn after_pass(
        sentences: &[Vec<&str>],
        found: &[(usize, usize, usize, usize)],
        pass: impl Fn(&[Vec<&str>], &mut [(Vec<usize>, Vec<[f32; N_TAGS]>)]),
    ) -> Vec<String> {
        let mut decoded: Vec<(Vec<usize>, Vec<[f32; N_TAGS]>)> = sentences
            .iter()
            .map(|s| (vec![O; s.len()], Vec::new()))
            .collect();
        for &(k, s, e, ty) in found {
            decoded[k].0[s] = begin(ty);
            for t in &mut decoded[k].0[s + 1..e] {
                *t = begin(ty) + 1;
            }
        }
        pass(sentences, &mut decoded);
        decoded
            .iter()
            .map(|(p, _)| {
                p.iter()
                    .map(|&t| tags::TAG_NAMES[t])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn a_surname_alone_follows_the_full_name() {
        let doc = vec![
            vec!["Évariste", "Galois", "was", "born", "in", "1811"],
            vec!["Galois", "returned", "to", "mathematics"],
            vec!["The", "Galois", "Street", "memorial"],
            vec!["He", "met", "Mr", "Walker", "."],
            vec!["Walker", "said", "walker", "."],
        ];
        let people = [(0, 0, 2, 0), (3, 2, 4, 0)];
        let got = after_pass(&doc, &people, surnames_follow);
        assert_eq!(got[1], "B-PER O O O");
        // Next to another capitalized word it may be part of another name.
        assert_eq!(got[2], "O O O O");
        // A word the document writes in lower case too is left alone.
        assert_eq!(got[4], "O O O O");
    }

    #[test]
    fn a_name_after_a_courtesy_title_is_a_person() {
        let doc = vec![
            vec!["because", "Ms.", "Goldsmith", "called", "."],
            vec!["Goldsmith", "'s", "photograph", "."],
            vec![
                "Dr",
                ".",
                "Anna",
                "Kovac",
                "spoke",
                "to",
                "Mr",
                "President",
                ".",
            ],
            vec!["on", "Elm", "Dr", "Lee", "said"],
            vec!["Mr", "Dell", "of", "Dell", "Technologies", "and", "Dell"],
            vec!["Mr.", "Ortiz", "met", "Ortiz"],
        ];
        let org = [
            (0, 2, 3, 1),
            (1, 0, 1, 1),
            (3, 1, 2, 4),
            (3, 3, 4, 1),
            (4, 1, 2, 1),
            (4, 3, 5, 1),
            (4, 6, 7, 1),
            (5, 3, 4, 2),
        ];
        let got = after_pass(&doc, &org, courtesy_titles);
        assert_eq!(got[0], "O O B-PER O O");
        // The document's other runs of the name follow.
        assert_eq!(got[1], "B-PER O O O");
        // Over the untagged capitalized words; no title after a title.
        assert_eq!(got[2], "O O B-PER I-PER O O O O O");
        // "Dr" after a capitalized word is a street's.
        assert_eq!(got[3], "O B-FAC O B-ORG O");
        // The company's name stays.
        assert_eq!(got[4], "O B-PER O B-ORG I-ORG O B-ORG");
        // Places are left as read.
        assert_eq!(got[5], "O B-PER O B-GPE");
    }

    #[test]
    fn a_person_run_after_a_preposition_of_place_may_be_a_gazetteer_place() {
        let tagger = Tagger::load_default().unwrap();
        let doc = vec![
            vec!["the", "trail", "runs", "to", "Edmonton", "."],
            vec!["Edmonton", "said", "so", "."],
        ];
        let per = [(0, 4, 5, 0), (1, 0, 1, 0)];
        let got = after_pass(&doc, &per, |s, d| tagger.gazetteer_places(s, d));
        assert_eq!(got[0], "O O O O B-GPE O");
        assert_eq!(got[1], "B-PER O O O");
    }

    #[test]
    fn acronyms_of_lower_case_terms_are_no_names() {
        let tagger = Tagger::load_default().unwrap();
        let text = "He was charged with driving under the influence (DUI) in Ohio. \
                    The DUI charge was dropped. The National Aeronautics and Space \
                    Administration (NASA) said so.";
        let found = tagger.mentions(text, &[Span::new(0, text.len())]);
        let names: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
        assert!(!names.contains(&"DUI"), "{names:?}");
        assert!(names.contains(&"Ohio"), "{names:?}");
        let doc = [
            vec!["sea", "surface", "salinity", "(", "SSS", ")"],
            vec!["the", "European", "Space", "Agency", "(", "ESA", ")"],
        ];
        let terms = defined_terms(&doc);
        assert!(terms.contains("SSS") && !terms.contains("ESA"), "{terms:?}");
    }

    #[test]
    fn mention_offsets_are_relative_to_the_document() {
        let tagger = Tagger::load_default().unwrap();
        let text = "Nothing here. Later, Angela Merkel spoke in Berlin.";
        let sents = [Span::new(0, 13), Span::new(14, text.len())];
        let found = tagger.mentions(text, &sents);
        assert!(
            found.iter().any(|m| m.span.slice(text) == "Angela Merkel"),
            "{found:?}"
        );
        assert!(found.iter().all(|m| m.span.start >= 14));
    }

    #[test]
    fn conll_round_trip_adds_one_column() {
        let tagger = Tagger::load_default().unwrap();
        let input =
            "-DOCSTART- -X- O O\n\nJohn NNP\nSmith NNP\nvisited VBD\nLondon NNP\n. .\n\nHe\tPRP\n";
        let out = tag_conll(&tagger, input);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), input.lines().count());
        assert_eq!(lines[0], "-DOCSTART- -X- O O");
        assert_eq!(lines[1], "");
        assert_eq!(lines[2], "John NNP B-PER");
        assert_eq!(lines[3], "Smith NNP I-PER");
        assert_eq!(lines[5], "London NNP B-LOC");
        assert_eq!(lines[8], "He\tPRP\tO");
    }
}
