//! Keeping stories up to date in the store: the incremental clusterer's state is loaded, the
//! documents it has not seen are added (with the entity names the per-document stage found),
//! and the result is saved with the stories it gives.

use crate::inputs::WorkCache;
use crate::progress::Progress;
use crate::{PipelineError, Resources};
use corroborate_report::dossier::StoryOut;
use corroborate_resolve::stories::entities::document_entities_of;
use corroborate_resolve::stories::{Clusterer, Config, StoryDoc};
use corroborate_store::Store;

fn load(store: &Store) -> Result<Clusterer, PipelineError> {
    match store.story_state()? {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| PipelineError::Corrupt(format!("the stored story state: {e}"))),
        None => Ok(Clusterer::new(Config::default())),
    }
}

fn save(store: &mut Store, c: &Clusterer) -> Result<(), PipelineError> {
    let stories: Vec<corroborate_store::StoryRows> = c
        .stories()
        .into_iter()
        .map(|s| {
            (
                s.id,
                s.label,
                s.documents.into_iter().zip(s.scores).collect(),
            )
        })
        .collect();
    let state = serde_json::to_string(c)
        .map_err(|e| PipelineError::Corrupt(format!("the story state: {e}")))?;
    store.save_stories(&state, &stories)?;
    Ok(())
}

/// Adds every stored document the clusterer has not seen yet: this run's, and any an earlier
/// `ingest --no-stories` left out (new documents join existing stories or open new ones;
/// nothing is reclustered from scratch). Mentions found earlier in the run are reused.
pub(crate) fn update(
    store: &mut Store,
    resources: &Resources,
    cache: &WorkCache,
    progress: &dyn Progress,
) -> Result<(), PipelineError> {
    let mut c = load(store)?;
    let unseen: Vec<String> = store
        .documents()?
        .into_iter()
        .map(|d| d.id)
        .filter(|id| c.story_of(id).is_none())
        .collect();
    if unseen.is_empty() && store.story_state()?.is_some() {
        return Ok(());
    }
    let dups: std::collections::HashMap<String, String> = store
        .duplicates()?
        .into_iter()
        .map(|l| (l.copy, l.original))
        .collect();
    let shown = unseen.len() >= 50;
    if shown {
        progress.start("grouping into stories", unseen.len() as u64);
    }
    // In batches, so a bulk load is not held in memory at once; batches give the stories one
    // batch would.
    for ids in unseen.chunks(BATCH) {
        let mut fresh = Vec::with_capacity(ids.len());
        for id in ids {
            let d = store.document(id)?;
            let mut s = StoryDoc::new(d.id.0.clone(), d.source.clone(), d.text.clone());
            s.title = d.meta.title.clone();
            s.published = d.meta.published;
            s.duplicate_of = dups.get(&d.id.0).cloned();
            // Found when the document was read in this run, and anchored on the date it has now.
            s.times = cache.get(id).and_then(|w| w.times.clone());
            // The entity stage's names of each document ("Assad" is Bashar al-Assad there),
            // which meet across spellings in the clusterer.
            s.entities = match cache.get(id).and_then(|w| w.mentions.as_deref()) {
                Some(m) => document_entities_of(&d.text, m),
                None => {
                    let mentions = resources.tagger.mentions(&d.text, &d.sentences);
                    document_entities_of(&d.text, &mentions)
                }
            };
            fresh.push(s);
        }
        c.add(&fresh);
        if shown {
            progress.advance(ids.len() as u64);
        }
    }
    if shown {
        progress.finish();
    }
    save(store, &c)
}

/// Documents added to the clusterer at a time.
const BATCH: usize = 5000;

/// Stores pins and splits, re-applied by the clusterer from now on. A story that is neither a
/// stored story id nor a document is an error.
pub fn override_stories(
    store: &mut Store,
    pin: &[(String, String)],
    split: &[String],
) -> Result<(), PipelineError> {
    let mut c = load(store)?;
    let known: Vec<String> = store.stories()?.into_iter().map(|s| s.0).collect();
    for (doc, story) in pin {
        let doc = store.resolve(doc)?;
        let target = match store.resolve(story) {
            Ok(d) => d,
            Err(_) if known.iter().any(|k| k == story) => story.clone(),
            Err(_) => {
                return Err(PipelineError::NotFound(format!(
                    "no story or document {story}; `corroborate stories` lists them"
                )))
            }
        };
        c.pin(&doc, &target);
    }
    for d in split {
        let doc = store.resolve(d)?;
        c.split_off(&doc);
    }
    save(store, &c)
}

/// The stories with these ids (all stored stories for `None`), as the dossier shows them
/// (member sources as given at ingest).
pub fn story_listing(
    store: &Store,
    ids: Option<&[String]>,
) -> Result<Vec<StoryOut>, PipelineError> {
    let mut out = Vec::new();
    for (id, label, docs) in store.stories()? {
        if ids.is_some_and(|w| !w.contains(&id)) {
            continue;
        }
        let documents = docs
            .iter()
            .map(|d| store.source_of(d).map(|s| s.unwrap_or_else(|| d.clone())))
            .collect::<Result<_, _>>()?;
        out.push(StoryOut {
            id,
            label,
            documents,
        });
    }
    Ok(out)
}
