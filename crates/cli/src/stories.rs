//! Keeping stories up to date in the store: the incremental clusterer's state is loaded, the
//! documents it has not seen are added, and the result is saved with the stories it gives.

use anyhow::{Context, Result};
use corroborate_entities::ner::Tagger;
use corroborate_report::dossier::StoryOut;
use corroborate_resolve::stories::entities::document_entities;
use corroborate_resolve::stories::{Clusterer, Config, StoryDoc};
use corroborate_store::Store;

fn load(store: &Store) -> Result<Clusterer> {
    match store.story_state()? {
        Some(json) => serde_json::from_str(&json).context("the stored story state is unreadable"),
        None => Ok(Clusterer::new(Config::default())),
    }
}

fn save(store: &mut Store, c: &Clusterer) -> Result<()> {
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
    store.save_stories(&serde_json::to_string(c)?, &stories)?;
    Ok(())
}

/// Adds every stored document the clusterer has not seen yet: this run's, and any an earlier
/// `ingest --no-stories` left out (new documents join existing stories or open new ones;
/// nothing is reclustered from scratch).
pub fn update(store: &mut Store) -> Result<()> {
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
    // The entity stage's names of each document ("Assad" is Bashar al-Assad there), which meet
    // across spellings in the clusterer.
    let tagger = match unseen.is_empty() {
        true => None,
        false => Some(Tagger::load_default().context("loading the bundled entity tagger")?),
    };
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
            if let Some(t) = &tagger {
                s.entities = document_entities(t, &d.text, &d.sentences);
            }
            fresh.push(s);
        }
        c.add(&fresh);
    }
    save(store, &c)
}

/// Documents added to the clusterer at a time.
const BATCH: usize = 5000;

/// Stores pins and splits, re-applied by the clusterer from now on.
pub fn override_(store: &mut Store, pin: &[String], split: &[String]) -> Result<()> {
    let mut c = load(store)?;
    for p in pin.chunks(2) {
        let doc = store.resolve(&p[0])?;
        let target = match store.resolve(&p[1]) {
            Ok(d) => d,
            Err(_) => p[1].clone(),
        };
        c.pin(&doc, &target);
    }
    for d in split {
        let doc = store.resolve(d)?;
        c.split_off(&doc);
    }
    save(store, &c)
}

/// The stories with these ids, as the dossier shows them (member sources as given at ingest).
pub fn listing(store: &Store, ids: impl Iterator<Item = String>) -> Result<Vec<StoryOut>> {
    let wanted: Vec<String> = ids.collect();
    let mut out = Vec::new();
    for (id, label, docs) in store.stories()? {
        if !wanted.contains(&id) {
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
