//! What the stages load once per process: the entity tagger, the sentence-structure parser, the
//! gazetteer and, when it is in place, the sentence encoder.

use crate::progress::Progress;
use crate::PipelineError;
use corroborate_compare::SentenceEncoder;
use corroborate_embed::Embedder;
use corroborate_entities::geo::Gazetteer;
use corroborate_entities::ner::Tagger;
use corroborate_extract::syntax::Parser;

/// How claims of different sources are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlignMode {
    /// Sentence embeddings when the model is in place (or can be fetched), else lexical.
    #[default]
    Auto,
    /// Sentence embeddings; an error without the model.
    Embeddings,
    /// TF-IDF over names and content words, shared terms and predicates only: fast, no model.
    Lexical,
}

/// The loaded resources. Loading is the slow part of a short run: load once, analyze many
/// times (the server keeps one for its lifetime).
pub struct Resources {
    pub(crate) tagger: Tagger,
    /// Parses every sentence once, on the reading threads; the claim frames read the parse.
    pub(crate) parser: &'static Parser,
    /// The process's one copy ([`Gazetteer::shared`]), which `compare` reads too.
    pub(crate) gazetteer: &'static Gazetteer,
    pub(crate) embedder: Option<Embedder>,
    /// Why embeddings are not used, when they were asked for with `auto` and are missing.
    pub fallback: Option<String>,
}

impl std::fmt::Debug for Resources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resources")
            .field("embeddings", &self.embedder.is_some())
            .field("fallback", &self.fallback)
            .finish()
    }
}

impl Resources {
    /// Loads the bundled tagger, parser and gazetteer, and the sentence encoder as `align` asks. With
    /// `Auto`, a missing model is fetched once into the model cache when the machine can
    /// (see [`corroborate_embed::fetch`]); when that fails too, the run goes on lexically and
    /// `fallback` says why (also reported through `progress.note`).
    pub fn load(align: AlignMode, progress: &dyn Progress) -> Result<Resources, PipelineError> {
        let tagger = Tagger::load_default()
            .map_err(|e| PipelineError::Resource(format!("the bundled entity tagger: {e}")))?;
        let parser = Parser::shared().map_err(|e| {
            PipelineError::Resource(format!("the bundled syntax model (data/syntax): {e}"))
        })?;
        let gazetteer = Gazetteer::shared()
            .map_err(|e| PipelineError::Resource(format!("the gazetteer (data/gazetteer): {e}")))?;
        let (embedder, fallback) = match align {
            AlignMode::Lexical => (None, None),
            AlignMode::Embeddings => (
                Some(load_embedder(progress).map_err(|e| {
                    PipelineError::Resource(format!(
                        "--align embeddings needs the sentence model: {e}"
                    ))
                })?),
                None,
            ),
            AlignMode::Auto => match load_embedder(progress) {
                Ok(e) => (Some(e), None),
                Err(e) => {
                    let why = format!("aligning claims lexically: {e}");
                    progress.note(&why);
                    (None, Some(why))
                }
            },
        };
        Ok(Resources {
            tagger,
            parser,
            gazetteer,
            embedder,
            fallback,
        })
    }

    /// Resources without sentence embeddings (lexical alignment), for tests and tools.
    pub fn lexical() -> Result<Resources, PipelineError> {
        Resources::load(AlignMode::Lexical, &crate::progress::Silent)
    }

    /// The entity tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The sentence-structure parser.
    pub fn parser(&self) -> &Parser {
        self.parser
    }

    /// Whether sentence embeddings take part in the alignment.
    pub fn has_embeddings(&self) -> bool {
        self.embedder.is_some()
    }

    /// The encoder for one run, reporting its progress.
    pub(crate) fn encoder<'a>(&'a self, progress: &'a dyn Progress) -> Option<Minilm<'a>> {
        self.embedder
            .as_ref()
            .map(|embedder| Minilm { embedder, progress })
    }
}

/// The model in its place, else fetched there once (verified), else the reason it is missing.
fn load_embedder(progress: &dyn Progress) -> Result<Embedder, String> {
    match Embedder::load_default() {
        Ok(e) => Ok(e),
        Err(missing) => {
            let dir = corroborate_embed::default_dir();
            progress.note(&format!(
                "fetching the sentence model all-MiniLM-L6-v2 once into {} …",
                dir.display()
            ));
            corroborate_embed::fetch::fetch_model(&dir)
                .map_err(|e| format!("{missing}; fetching it failed: {e}"))?;
            Embedder::load_default().map_err(|e| e.to_string())
        }
    }
}

/// all-MiniLM-L6-v2 as the comparison's sentence encoder, reporting progress on long runs.
pub(crate) struct Minilm<'a> {
    embedder: &'a Embedder,
    progress: &'a dyn Progress,
}

impl SentenceEncoder for Minilm<'_> {
    fn name(&self) -> String {
        "all-MiniLM-L6-v2".into()
    }

    fn encode(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, String> {
        const CHUNK: usize = 64;
        let shown = sentences.len() >= 4 * CHUNK;
        if shown {
            self.progress
                .start("embedding sentences", sentences.len() as u64);
        }
        let mut out = Vec::with_capacity(sentences.len());
        for chunk in sentences.chunks(CHUNK) {
            out.extend(self.embedder.embed(chunk).map_err(|e| e.to_string())?);
            if shown {
                self.progress.advance(chunk.len() as u64);
            }
        }
        if shown {
            self.progress.finish();
        }
        Ok(out)
    }
}
