//! The cross-document stages of one story's dossier: quotes, the roster with its places,
//! claims, comparisons and timeline. Pure work on loaded documents (no store), so stories run
//! in parallel and a panic in one becomes that story's error.

use crate::inputs::WorkCache;
use crate::progress::Progress;
use crate::Resources;
use corroborate_compare::{Analysis, DocInput, SentenceEncoder, Sourced};
use corroborate_entities::alias::{self, DocMentions, Entity, Overrides};
use corroborate_entities::Mention;
use corroborate_extract::quotes::{self, Attribution, SourceKind};
use corroborate_extract::syntax::Syntax;
use corroborate_model::{Document, Span};
use corroborate_report::dossier::CopyLink;
use corroborate_timex::Timex;
use std::collections::HashMap;

static EMPTY: Syntax = Syntax {
    sentences: Vec::new(),
};

/// One story's documents, loaded, with what the run already knows of them.
pub(crate) struct StoryInput {
    /// The story id (`None` for a dossier over a whole input).
    pub story: Option<String>,
    /// Documents with the source given for each in this run.
    pub docs: Vec<(Document, String)>,
    /// Time expressions of each document, in the same order.
    pub times: Vec<Vec<Timex>>,
    /// Copy links among the stored documents whose original is one of `docs`.
    pub copies: HashMap<String, CopyLink>,
}

/// What the cross-document stages made of one story.
pub(crate) struct StoryWork {
    pub quotes: Vec<Vec<Attribution>>,
    pub roster: Vec<Entity>,
    pub analysis: Analysis,
}

/// Runs the cross-document stages over one story.
pub(crate) fn analyze_story(
    input: &StoryInput,
    resources: &Resources,
    cache: &WorkCache,
    overrides: &Overrides,
    encoder: Option<&dyn SentenceEncoder>,
) -> StoryWork {
    let docs = &input.docs;
    // Mentions found while reading are reused; documents read in an earlier run are tagged now.
    let tagged: Vec<Option<Vec<Mention>>> = docs
        .iter()
        .map(|(d, _)| match cache.get(&d.id.0) {
            Some(w) if w.mentions.is_some() => None,
            _ => Some(resources.tagger.mentions(&d.text, &d.sentences)),
        })
        .collect();
    let mentions: Vec<&[Mention]> = docs
        .iter()
        .zip(&tagged)
        .map(|((d, _), t)| match t {
            Some(m) => m.as_slice(),
            None => cache
                .get(&d.id.0)
                .and_then(|w| w.mentions.as_deref())
                .unwrap_or_default(),
        })
        .collect();
    // The place inside an organization's name is a place mention of its own ("Kentucky" of
    // "Kentucky State Police"): geocoded, and context for the document's other places.
    let mentions: Vec<Vec<Mention>> = docs
        .iter()
        .zip(&mentions)
        .map(|((d, _), m)| {
            let mut all = m.to_vec();
            all.extend(corroborate_entities::geo::embedded_places(
                &d.text,
                m,
                resources.gazetteer,
            ));
            all
        })
        .collect();
    let per_doc: Vec<DocMentions<'_>> = docs
        .iter()
        .zip(&mentions)
        .map(|((d, _), m)| DocMentions {
            doc: &d.id.0,
            text: &d.text,
            mentions: m,
        })
        .collect();
    let mut roster = alias::resolve_with(&per_doc, overrides, Some(resources.gazetteer));
    corroborate_entities::geo::locate(&mut roster, resources.gazetteer);
    let quotes: Vec<Vec<Attribution>> = docs
        .iter()
        .map(|(d, _)| quotes::extract(&d.text, &d.sentences))
        .collect();
    // Parses made while reading are reused; documents read in an earlier run, or past the
    // run's memory budget for parses, are parsed now.
    let parsed: Vec<Option<Syntax>> = docs
        .iter()
        .map(|(d, _)| match cache.get(&d.id.0) {
            Some(w) if w.syntax.is_some() => None,
            _ => Some(resources.parser.parse_document(d)),
        })
        .collect();
    let parses: Vec<&Syntax> = docs
        .iter()
        .zip(&parsed)
        .map(|((d, _), p)| match p {
            Some(s) => s,
            None => cache
                .get(&d.id.0)
                .and_then(|w| w.syntax.as_ref())
                .unwrap_or(&EMPTY),
        })
        .collect();
    let analysis = compare(input, &quotes, &roster, &parses, encoder);
    StoryWork {
        quotes,
        roster,
        analysis,
    }
}

/// Claims, comparisons and timeline over the documents of one dossier; `encoder` adds sentence
/// embeddings to the alignment.
fn compare(
    input: &StoryInput,
    quotes: &[Vec<Attribution>],
    roster: &[Entity],
    parses: &[&Syntax],
    encoder: Option<&dyn SentenceEncoder>,
) -> Analysis {
    let docs = &input.docs;
    let quantities: Vec<_> = docs
        .iter()
        .map(|(d, _)| corroborate_extract::quantities::extract(&d.text))
        .collect();
    let sourced: Vec<Vec<Sourced>> = docs
        .iter()
        .zip(quotes)
        .map(|((d, _), q)| sourced(&d.text, q))
        .collect();
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, (d, _))| (d.id.0.as_str(), i))
        .collect();
    // Entity ids by document, so that claims meet across spellings ("al-Julani", "al-Golani").
    let mut linked: Vec<Vec<(Span, String)>> = vec![Vec::new(); docs.len()];
    for e in roster {
        for (doc, span) in &e.mentions {
            if let Some(&i) = index.get(doc.as_str()) {
                linked[i].push((*span, e.id.clone()));
            }
        }
    }
    linked.iter_mut().for_each(|l| l.sort());
    let inputs: Vec<DocInput<'_>> = docs
        .iter()
        .enumerate()
        .map(|(i, (d, _))| DocInput {
            attributions: &sourced[i],
            entities: &linked[i],
            copy_of: input
                .copies
                .get(&d.id.0)
                .and_then(|c| index.get(c.original.as_str()).copied()),
            ..DocInput::of(d, &input.times[i], &quantities[i], parses[i])
        })
        .collect();
    corroborate_compare::analyze_with(&inputs, encoder)
}

/// Runs `analyze_story` over every story with `jobs` threads; each result comes back in input
/// order, a panic as its message.
pub(crate) fn analyze_stories(
    inputs: &[StoryInput],
    resources: &Resources,
    cache: &WorkCache,
    overrides: &Overrides,
    jobs: usize,
    progress: &dyn Progress,
) -> Vec<Result<StoryWork, String>> {
    let encoder = resources.encoder(progress);
    let shown = inputs.len() >= 2;
    if shown {
        progress.start("analyzing stories", inputs.len() as u64);
    }
    let one = |input: &StoryInput| {
        let enc = encoder.as_ref().map(|e| e as &dyn SentenceEncoder);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analyze_story(input, resources, cache, overrides, enc)
        }))
        .map_err(|p| crate::panic_message(&*p));
        if shown {
            progress.advance(1);
        }
        r
    };
    // The encoder batches and threads its own work: stories go one at a time with it.
    let jobs = if encoder.is_some() { 1 } else { jobs.max(1) };
    let results: Vec<Result<StoryWork, String>> = if jobs == 1 || inputs.len() < 2 {
        inputs.iter().map(one).collect()
    } else {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let slots: Vec<std::sync::Mutex<Option<Result<StoryWork, String>>>> =
            inputs.iter().map(|_| std::sync::Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..jobs.min(inputs.len()) {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let r = one(input);
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(r);
                    }
                });
            }
        });
        slots
            .into_iter()
            .map(|s| {
                s.into_inner()
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| Err("the worker analyzing this story stopped".into()))
            })
            .collect()
    };
    if shown {
        progress.finish();
    }
    results
}

/// What each attributed stretch rests on, for counting independent sources: the outermost
/// relay when there is one ("a Kremlin source quoted by TASS" rests on TASS), else the named
/// source (or the name a pronoun points back to). Unnamed sources ("reports say", "a security
/// source") are not a shared root and are left out.
fn sourced(text: &str, quotes: &[Attribution]) -> Vec<Sourced> {
    quotes
        .iter()
        .filter_map(|a| {
            let who = a.relayed_by.last().copied().or(match a.source_kind {
                SourceKind::Named | SourceKind::Media => a.source,
                SourceKind::Pronoun => a.resolved_source,
                SourceKind::Anonymous | SourceKind::Unspecified => None,
            })?;
            let span = Span::new(
                a.sentence.start.min(a.content.start),
                a.sentence.end.max(a.content.end),
            );
            Some(Sourced {
                span,
                source: root_name(who.slice(text)),
            })
        })
        .collect()
}

/// "the TASS news agency", "Russian state news agency TASS" → "TASS": an acronym when the
/// phrase has one, else its capitalized words.
fn root_name(phrase: &str) -> String {
    let words: Vec<&str> = phrase
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '/'))
        .collect();
    if let Some(acronym) = words.iter().find(|w| {
        w.len() >= 2
            && w.chars().all(|c| c.is_uppercase() || c == '/' || c == '-')
            && w.chars().any(char::is_alphabetic)
    }) {
        return acronym.to_string();
    }
    let caps: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    if caps.is_empty() {
        phrase.trim().to_lowercase()
    } else {
        caps.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_of_sources() {
        assert_eq!(root_name("the TASS news agency"), "TASS");
        assert_eq!(root_name("Russian state news agency TASS"), "TASS");
        assert_eq!(root_name("The National Interest"), "The National Interest");
        assert_eq!(root_name("Hadi al-Bahra"), "Hadi");
    }
}
