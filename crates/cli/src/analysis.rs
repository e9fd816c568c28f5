//! Turning stored documents and their annotations into the comparison's input, and running it.

use anyhow::Context;
use corroborate_compare::{Analysis, DocInput, SentenceEncoder, Sourced};
use corroborate_entities::alias::{self, DocMentions, Entity, Overrides};
use corroborate_entities::geo::Gazetteer;
use corroborate_entities::ner::Tagger;
use corroborate_extract::quotes::{self, Attribution, SourceKind};
use corroborate_model::{Document, Span};
use corroborate_report::dossier::CopyLink;
use corroborate_timex::Timex;
use std::collections::HashMap;

/// The per-document annotations the comparison and the dossier need beyond what is stored,
/// and the corpus roster.
pub struct Extracted {
    pub quotes: Vec<Vec<Attribution>>,
    pub roster: Vec<Entity>,
}

/// Attributions of every document, entity mentions, and the roster with its places.
pub fn extract(docs: &[(Document, String)], overrides: &Overrides) -> anyhow::Result<Extracted> {
    let tagger = Tagger::load_default().context("loading the bundled entity tagger")?;
    let gazetteer = Gazetteer::load_default().context("loading the gazetteer (data/gazetteer)")?;
    let mentions: Vec<_> = docs
        .iter()
        .map(|(d, _)| tagger.mentions(&d.text, &d.sentences))
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
    let mut roster = alias::resolve(&per_doc, overrides);
    corroborate_entities::geo::locate(&mut roster, &gazetteer);
    let quotes = docs
        .iter()
        .map(|(d, _)| quotes::extract(&d.text, &d.sentences))
        .collect();
    Ok(Extracted { quotes, roster })
}

/// all-MiniLM-L6-v2 as the comparison's sentence encoder, with a progress bar on long runs.
pub struct Minilm {
    embedder: corroborate_embed::Embedder,
    quiet: bool,
}

impl Minilm {
    /// Loads the model from its default place (`CORROBORATE_MODELS` or `.cache/models`).
    pub fn load(quiet: bool) -> Result<Minilm, corroborate_embed::EmbedError> {
        Ok(Minilm {
            embedder: corroborate_embed::Embedder::load_default()?,
            quiet,
        })
    }
}

impl SentenceEncoder for Minilm {
    fn name(&self) -> String {
        "all-MiniLM-L6-v2".into()
    }

    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        const CHUNK: usize = 64;
        let bar = if self.quiet || sentences.len() < 4 * CHUNK {
            indicatif::ProgressBar::hidden()
        } else {
            let b = indicatif::ProgressBar::new(sentences.len() as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{prefix} {bar:30} {pos}/{len} sentences, {per_sec}, eta {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b.set_prefix("embedding");
            b
        };
        let mut out = Vec::with_capacity(sentences.len());
        for chunk in sentences.chunks(CHUNK) {
            out.extend(self.embedder.embed(chunk).map_err(|e| e.to_string())?);
            bar.inc(chunk.len() as u64);
        }
        bar.finish_and_clear();
        Ok(out)
    }
}

/// The sentence encoder `--align` asks for: none for `lexical`; the model or an error for
/// `embeddings`; the model when it loads for `auto`, else none with one line on stderr.
pub fn encoder(mode: crate::cli::AlignMode, quiet: bool) -> anyhow::Result<Option<Minilm>> {
    use crate::cli::AlignMode;
    match mode {
        AlignMode::Lexical => Ok(None),
        AlignMode::Embeddings => Ok(Some(
            Minilm::load(quiet).context("--align embeddings needs the sentence model")?,
        )),
        AlignMode::Auto => match Minilm::load(quiet) {
            Ok(m) => Ok(Some(m)),
            Err(e) => {
                if !quiet {
                    eprintln!("corroborate: aligning claims lexically: {e}");
                }
                Ok(None)
            }
        },
    }
}

/// Claims, comparisons and timeline over the documents of one dossier; `encoder` adds sentence
/// embeddings to the alignment.
pub fn compare(
    docs: &[(Document, String)],
    times: &[Vec<Timex>],
    copies: &HashMap<String, CopyLink>,
    ex: &Extracted,
    encoder: Option<&dyn SentenceEncoder>,
) -> Analysis {
    let quantities: Vec<_> = docs
        .iter()
        .map(|(d, _)| corroborate_extract::quantities::extract(&d.text))
        .collect();
    let sourced: Vec<Vec<Sourced>> = docs
        .iter()
        .zip(&ex.quotes)
        .map(|((d, _), q)| sourced(&d.text, q))
        .collect();
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, (d, _))| (d.id.0.as_str(), i))
        .collect();
    // Entity ids by document, so that claims meet across spellings ("al-Julani", "al-Golani").
    let mut linked: Vec<Vec<(Span, String)>> = vec![Vec::new(); docs.len()];
    for e in &ex.roster {
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
            copy_of: copies
                .get(&d.id.0)
                .and_then(|c| index.get(c.original.as_str()).copied()),
            ..DocInput::of(d, &times[i], &quantities[i])
        })
        .collect();
    corroborate_compare::analyze_with(&inputs, encoder)
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
