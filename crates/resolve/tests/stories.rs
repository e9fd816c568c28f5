//! Behaviour of the story clusterer on small made-up articles: different events stay apart,
//! copies join their original, batches equal one shot, overrides survive later additions; and,
//! when the benchmark is present, the ECB+ quality gate.

use chrono::NaiveDate;
use corroborate_entities::ner::Tagger;
use corroborate_resolve::stories::entities::{document_entities, entity_key};
use corroborate_resolve::stories::{bcubed, ecbplus, Clusterer, Config, StoryDoc, Weighting};
use std::collections::HashMap;

fn doc(id: &str, date: Option<(i32, u32, u32)>, text: &str) -> StoryDoc {
    StoryDoc {
        published: date.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
        ..StoryDoc::new(id, format!("{id}.txt"), text)
    }
}

/// Two earthquakes (Chile 2010, Haiti 2021), two reports each, plus an unrelated election.
fn corpus() -> Vec<StoryDoc> {
    vec![
        doc("chile-a", Some((2010, 2, 27)), "A magnitude 8.8 earthquake struck off the coast of Chile near Concepcion on Saturday, killing hundreds. President Michelle Bachelet declared a state of catastrophe in Maule and Biobio. The earthquake shook Santiago and triggered a tsunami warning across the Pacific."),
        doc("chile-b", Some((2010, 2, 28)), "Chilean rescuers searched collapsed buildings in Concepcion after the magnitude 8.8 earthquake on Saturday. Michelle Bachelet said the death toll in Maule and Biobio would rise. Santiago airport closed after the earthquake damaged the terminal."),
        doc("haiti-a", Some((2021, 8, 14)), "A magnitude 7.2 earthquake struck southwestern Haiti on Saturday near Petit-Trou-de-Nippes, killing hundreds. Prime Minister Ariel Henry declared a state of emergency. The earthquake destroyed homes in Les Cayes and Jeremie."),
        doc("haiti-b", Some((2021, 8, 15)), "Rescuers in Les Cayes dug through rubble after Saturday's magnitude 7.2 earthquake in Haiti. Ariel Henry said aid was flowing to Jeremie and Petit-Trou-de-Nippes, where the earthquake destroyed churches and homes."),
        doc("vote-a", Some((2021, 9, 26)), "German voters went to the polls on Sunday to choose a successor to Angela Merkel. Olaf Scholz and the Social Democrats led Armin Laschet and the CDU in the last surveys before the federal election in Berlin."),
        doc("vote-b", Some((2021, 9, 27)), "Olaf Scholz claimed victory in the German federal election after the Social Democrats narrowly beat Armin Laschet and the CDU. Angela Merkel will stay in Berlin as caretaker until a coalition is formed."),
    ]
}

/// Story membership as sorted groups of ids, for comparisons that ignore ids and order.
fn groups(c: &Clusterer) -> Vec<Vec<String>> {
    let mut g: Vec<Vec<String>> = c
        .stories()
        .into_iter()
        .map(|s| {
            let mut d = s.documents;
            d.sort();
            d
        })
        .collect();
    g.sort();
    g
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn two_earthquakes_in_different_years_and_places_are_two_stories() {
    let mut c = Clusterer::new(Config::default());
    c.add(&corpus());
    assert_eq!(
        groups(&c),
        vec![
            ids(&["chile-a", "chile-b"]),
            ids(&["haiti-a", "haiti-b"]),
            ids(&["vote-a", "vote-b"]),
        ]
    );
}

#[test]
fn story_ids_come_from_the_earliest_member_and_labels_name_it() {
    let mut c = Clusterer::new(Config::default());
    c.add(&corpus());
    let stories = c.stories();
    let chile = stories
        .iter()
        .find(|s| s.documents.contains(&"chile-b".to_string()))
        .unwrap();
    assert_eq!(chile.id, "story-chile-a");
    assert_eq!(chile.documents, ids(&["chile-a", "chile-b"]));
    assert!(
        chile.label.contains("Concepcion") || chile.label.contains("Bachelet"),
        "{}",
        chile.label
    );
    assert_eq!(chile.scores.len(), 2);
    assert!(chile.scores.iter().all(|&s| s > 0.0 && s <= 1.0));
}

#[test]
fn a_syndicated_copy_joins_its_original() {
    let mut c = Clusterer::new(Config::default());
    c.add(&corpus());
    // Short and unlike anything else in words, but marked as a copy of haiti-a.
    let copy = StoryDoc {
        duplicate_of: Some("haiti-a".into()),
        ..doc(
            "haiti-copy",
            Some((2021, 8, 16)),
            "Quake: aid appeal launched.",
        )
    };
    let out = c.add(&[copy]);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].story, "story-haiti-a");
    assert!(out[0].new);
}

#[test]
fn batches_give_the_same_stories_as_one_shot() {
    let all = corpus();
    let mut one = Clusterer::new(Config::default());
    one.add(&all);
    for split in 1..all.len() {
        let mut reversed = all.clone();
        reversed.reverse();
        let mut b = Clusterer::new(Config::default());
        b.add(&reversed[..split]);
        b.add(&reversed[split..]);
        assert_eq!(b.stories(), one.stories(), "split at {split}");
    }
    let mut singles = Clusterer::new(Config::default());
    for d in all.iter().rev() {
        singles.add(std::slice::from_ref(d));
    }
    assert_eq!(singles.stories(), one.stories());
}

#[test]
fn adding_known_documents_again_changes_nothing() {
    let mut c = Clusterer::new(Config::default());
    c.add(&corpus());
    let before = c.stories();
    assert!(c.add(&corpus()).is_empty());
    assert_eq!(c.stories(), before);
}

#[test]
fn pins_and_splits_are_reapplied_on_later_additions() {
    let all = corpus();
    let mut c = Clusterer::new(Config::default());
    c.add(&all[..4]);
    c.pin("vote-a", "story-chile-a"); // not known yet: waits
    c.split_off("haiti-b");
    assert_eq!(c.story_of("haiti-b").unwrap(), "story-haiti-b");
    c.add(&all[4..]);
    assert_eq!(c.story_of("vote-a").unwrap(), "story-chile-a");
    assert_eq!(c.story_of("haiti-b").unwrap(), "story-haiti-b");
    // A later report of the same earthquake still does not pull haiti-b back in.
    c.add(&[doc("haiti-c", Some((2021, 8, 17)), "The death toll from the magnitude 7.2 earthquake in Haiti rose as rescuers reached Jeremie and Les Cayes. Ariel Henry asked for patience near Petit-Trou-de-Nippes.")]);
    assert_eq!(c.story_of("haiti-c").unwrap(), "story-haiti-a");
    assert_eq!(c.story_of("haiti-b").unwrap(), "story-haiti-b");
    // The overrides survive serialization.
    let saved = serde_json::to_string(&c).unwrap();
    let restored: Clusterer = serde_json::from_str(&saved).unwrap();
    assert_eq!(restored.stories(), c.stories());
    // Batches and one shot agree with overrides in place too.
    let mut one = Clusterer::new(Config::default());
    one.pin("vote-a", "story-chile-a");
    one.split_off("haiti-b");
    let mut everything = all.clone();
    everything.push(doc("haiti-c", Some((2021, 8, 17)), "The death toll from the magnitude 7.2 earthquake in Haiti rose as rescuers reached Jeremie and Les Cayes. Ariel Henry asked for patience near Petit-Trou-de-Nippes."));
    one.add(&everything);
    assert_eq!(groups(&one), groups(&c));
}

#[test]
fn new_documents_never_change_the_similarity_of_earlier_ones() {
    let docs = corpus();
    let mut c = Clusterer::new(Config::default());
    c.add(&docs[..2]);
    let before = c.similarity_of("chile-a", "chile-b").unwrap();
    assert!(before > 0.0);
    // Many more reports sharing the pair's words: a weighting by document frequency would
    // make those words weigh less and the pair less alike; background weights do not move.
    let more: Vec<StoryDoc> = (0..40)
        .map(|i| {
            doc(
                &format!("more-{i}"),
                None,
                &format!("Report {i}: an earthquake struck Chile near Concepcion; Michelle Bachelet spoke in Santiago."),
            )
        })
        .collect();
    c.add(&more);
    assert_eq!(c.similarity_of("chile-a", "chile-b").unwrap(), before);
    let shared = c.shared_terms("chile-a", "chile-b", 3);
    assert_eq!(shared.len(), 3);
    assert!(shared.iter().all(|(_, w)| *w > 0.0));
    assert!(shared[0].1 >= shared[1].1);
}

#[test]
fn a_lone_document_joins_a_story_it_is_like_on_average_below_the_pair_threshold() {
    let docs = corpus();
    let mut c = Clusterer::new(Config::default());
    c.add(&docs);
    let ab = c.similarity_of("chile-a", "chile-b").unwrap();
    // A short third report, less like each of them than they are like each other.
    let third = doc(
        "chile-c",
        Some((2010, 3, 1)),
        "Aftershocks rattled Concepcion and Santiago in Chile, where the magnitude 8.8 earthquake of Saturday killed hundreds.",
    );
    let mut all = docs.clone();
    all.push(third);
    let mut c = Clusterer::new(Config::default());
    c.add(&all);
    let ca = c.similarity_of("chile-c", "chile-a").unwrap();
    let cb = c.similarity_of("chile-c", "chile-b").unwrap();
    let avg = (ca + cb) / 2.0;
    assert!(
        avg < ab,
        "the probe must be weaker than the pair: {avg} vs {ab}"
    );
    // Two lone documents need `merge_threshold`; a lone document and a story need
    // `attach_threshold`. Between the two, the third joins only through the attach rule.
    let between = |attach: Option<f32>| Config {
        merge_threshold: (avg + ab) / 2.0,
        attach_threshold: attach,
        ..Config::default()
    };
    let mut strict = Clusterer::new(between(None));
    strict.add(&all);
    assert_ne!(strict.story_of("chile-c"), strict.story_of("chile-a"));
    assert_eq!(strict.story_of("chile-b"), strict.story_of("chile-a"));
    let mut attaching = Clusterer::new(between(Some(avg - 0.01)));
    attaching.add(&all);
    assert_eq!(attaching.story_of("chile-c"), attaching.story_of("chile-a"));
    assert_eq!(attaching.story_of("chile-b"), attaching.story_of("chile-a"));
    // And batches still give what one shot gives.
    let mut batched = Clusterer::new(between(Some(avg - 0.01)));
    batched.add(&all[6..]);
    batched.add(&all[..3]);
    batched.add(&all[3..6]);
    assert_eq!(groups(&batched), groups(&attaching));
}

/// Two quakes on one island are two tight stories alike only on what they share (the island, the
/// city, the word earthquake). With the merge threshold
/// set under their average cross link, average linkage alone joins them; the cohesion bar
/// (their cross link against the links inside each) keeps them apart.
#[test]
fn two_tight_stories_alike_only_on_their_topic_stay_apart() {
    let docs = vec![
        doc("qeshm-a", None, "An earthquake of magnitude 5.9 struck Qeshm island near Bandar Abbas in southern Iran, killing 13 people in the villages of Tonban and Dargahan. Rescuers from the Red Crescent pulled survivors from mud-brick homes as aftershocks rattled the Strait of Hormuz."),
        doc("qeshm-b", None, "Red Crescent teams searched Tonban and Dargahan on Qeshm island after the magnitude 5.9 earthquake near Bandar Abbas killed 13 villagers. Aftershocks shook mud-brick homes along the Strait of Hormuz, Iranian television said."),
        doc("qeshm-c", None, "A magnitude 6.1 earthquake hit Qeshm island near Bandar Abbas in Iran, flattening a school in Kusheh and injuring 40 people. Governor Ahmad Khorram said the port of Laft lost power and water after the earthquake."),
        doc("qeshm-d", None, "Ahmad Khorram, the governor, said 40 people were hurt when the magnitude 6.1 earthquake near Bandar Abbas brought down a school in Kusheh on Qeshm island. Laft port was without power and water, Iranian television said."),
    ];
    let mut c = Clusterer::new(Config::default());
    c.add(&docs);
    let sim = |a: &str, b: &str| c.similarity_of(a, b).unwrap();
    let cross = (sim("qeshm-a", "qeshm-c")
        + sim("qeshm-a", "qeshm-d")
        + sim("qeshm-b", "qeshm-c")
        + sim("qeshm-b", "qeshm-d"))
        / 4.0;
    let cohesion = (sim("qeshm-a", "qeshm-b") + sim("qeshm-c", "qeshm-d")) / 2.0;
    assert!(cross > 0.05 && cross < 0.6 * cohesion, "{cross} {cohesion}");
    let config = |ratio: f32| Config {
        merge_threshold: cross - 0.01,
        attach_threshold: None,
        clique_threshold: None,
        cohesion_ratio: ratio,
        min_link: 0.0,
        ..Config::default()
    };
    let mut plain = Clusterer::new(config(0.0));
    plain.add(&docs);
    assert_eq!(plain.stories().len(), 1, "{:?}", groups(&plain));
    let mut barred = Clusterer::new(config(0.6));
    barred.add(&docs);
    assert_eq!(
        groups(&barred),
        vec![ids(&["qeshm-a", "qeshm-b"]), ids(&["qeshm-c", "qeshm-d"])]
    );
    // Batches agree with one shot under the bar too.
    let mut batched = Clusterer::new(config(0.6));
    batched.add(&docs[2..]);
    batched.add(&docs[..2]);
    assert_eq!(groups(&batched), groups(&barred));
}

/// The sample corpus: five long web pages on the fall of Assad, each padded with its own side
/// matter, so that every pair is only weakly alike on average. Every pair is alike, though: the
/// clique rule makes them one story where average linkage alone makes two.
#[test]
fn the_sample_corpus_is_one_story_because_all_its_pages_are_alike() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12");
    let tagger = Tagger::load_default().unwrap();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the sample corpus is in the repository")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let docs: Vec<StoryDoc> = paths
        .iter()
        .flat_map(|p| {
            let out = corroborate_ingest::read_file(p, &p.display().to_string(), 1 << 20);
            out.documents
                .into_iter()
                .map(corroborate_extract::segment::segmented)
                .map(|d| StoryDoc {
                    title: d.meta.title.clone(),
                    published: d.meta.published,
                    // As the CLI does: the entity stage's names of each document.
                    entities: document_entities(&tagger, &d.text, &d.sentences),
                    ..StoryDoc::new(d.id.0.clone(), d.source.clone(), d.text.clone())
                })
        })
        .collect();
    assert_eq!(docs.len(), 5);
    let mut c = Clusterer::new(Config::default());
    c.add(&docs);
    assert_eq!(c.stories().len(), 1, "{:?}", groups(&c));
    // The label leads with the entity the pages are about, spelt as most of them do, and
    // does not repeat it ("Assad", "Al-Assad family").
    let label = &c.stories()[0].label;
    assert!(label.starts_with("Bashar al-Assad · "), "{label}");
    assert!(
        label
            .split(" · ")
            .skip(1)
            .all(|p| !p.to_lowercase().contains("assad")),
        "{label}"
    );
    // "al-Julani" (000) and "al-Jolani" (003) meet as one entity.
    let shared = c.shared_terms(&docs[0].id, &docs[3].id, 200);
    assert!(
        shared
            .iter()
            .any(|(t, _)| t.starts_with("e:") && t.ends_with(&entity_key("al-Julani"))),
        "{shared:?}"
    );
    let clique = Config::default().clique_threshold.unwrap();
    let mut weakest = f32::MAX;
    for a in &docs {
        for b in &docs {
            if a.id != b.id {
                weakest = weakest.min(c.similarity_of(&a.id, &b.id).unwrap());
            }
        }
    }
    assert!(weakest >= clique, "{weakest}");
    // Without the rule, or with a bar above the links between the two strongest pairs, average
    // linkage keeps two or more.
    for config in [
        Config {
            clique_threshold: None,
            ..Config::default()
        },
        Config {
            clique_threshold: Some(0.3),
            ..Config::default()
        },
    ] {
        let mut c = Clusterer::new(config);
        c.add(&docs);
        assert!(c.stories().len() > 1);
    }
    // In any order and any batches.
    let mut batched = Clusterer::new(Config::default());
    batched.add(&docs[3..]);
    batched.add(&docs[..1]);
    batched.add(&docs[1..3]);
    assert_eq!(batched.stories().len(), 1);
}

/// A state saved by an earlier version (document-frequency weighting, no weighted vectors) is
/// read back, reweighed once, and goes on as before: nothing stored is lost.
#[test]
fn a_state_saved_before_weighted_vectors_loads_and_goes_on() {
    let docs = corpus();
    let old_config = Config {
        weighting: Weighting::Collection,
        attach_threshold: None,
        ..Config::default()
    };
    let mut c = Clusterer::new(old_config);
    c.add(&docs[..4]);
    let before = groups(&c);
    let sim = c.similarity_of("chile-a", "chile-b").unwrap();
    // What an earlier version wrote: no `vector`, no `weighed`, no newer config fields.
    let mut v: serde_json::Value = serde_json::to_value(&c).unwrap();
    v.as_object_mut().unwrap().remove("weighed");
    for d in v["docs"].as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("vector");
    }
    for k in [
        "weighting",
        "attach_threshold",
        "min_link",
        "background_floor",
    ] {
        v["config"].as_object_mut().unwrap().remove(k);
    }
    let mut old: Clusterer = serde_json::from_value(v).unwrap();
    assert_eq!(old.config().weighting, Weighting::Collection);
    old.add(&docs[4..]);
    assert_eq!(old.similarity_of("chile-a", "chile-b").unwrap(), sim);
    let after = groups(&old);
    for g in before {
        assert!(after.contains(&g), "{g:?} lost in {after:?}");
    }
    assert_eq!(old.len(), 6);
}

#[test]
fn ecbplus_quality_gate() {
    // The benchmarks sit in `shared/benchmarks` beside the repository (or beside a folder above it).
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here
        .ancestors()
        .map(|a| a.join("shared/benchmarks/ecbplus"))
        .find(|p| ecbplus::locate(p).is_some())
        .unwrap_or_else(|| {
            panic!(
                "ECB+ not found in shared/benchmarks beside {}",
                here.display()
            )
        });
    let corpus = ecbplus::read_corpus(&root)
        .unwrap_or_else(|e| panic!("ECB+ under {} cannot be read: {e}", root.display()));
    let docs: Vec<StoryDoc> = corpus.iter().map(|d| d.to_story_doc()).collect();
    let mut c = Clusterer::new(Config::default());
    c.add(&docs);
    let mut predicted = HashMap::new();
    for s in c.stories() {
        for d in s.documents {
            predicted.insert(d, s.id.clone());
        }
    }
    let gold: HashMap<String, String> = corpus
        .iter()
        .map(|d| (d.name.clone(), d.gold.clone()))
        .collect();
    let s = bcubed::score(&predicted, &gold);
    assert_eq!(s.items, 982);
    assert!(
        s.f1 >= 0.945,
        "ECB+ whole-corpus B3 F1 dropped to {:.4}",
        s.f1
    );
}

/// A made-up stream: `events` events in topics of two (the two events of a topic share their
/// topic words, as ECB+ sub-topics do), each reported `per_event` times with a different
/// selection and order of the event's sentences.
fn generated(events: usize, per_event: usize) -> Vec<StoryDoc> {
    let syllables = [
        "ka", "lo", "mi", "ren", "sa", "tu", "vor", "ze", "bra", "dun", "fel", "gor",
    ];
    let word = |seed: usize, n: usize| -> String {
        let mut w = String::new();
        let mut x =
            ((seed as u64 * 131 + n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 24) as usize;
        for _ in 0..3 {
            w.push_str(syllables[x % syllables.len()]);
            x /= syllables.len();
        }
        w
    };
    let cap = |w: String| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let mut docs = Vec::new();
    for e in 0..events {
        let topic = e / 2;
        let person = format!("{} {}", cap(word(e, 1)), cap(word(e, 2)));
        let place = cap(word(e, 3));
        let topic_place = cap(word(1000 + topic, 4));
        let sentences: Vec<String> = (0..8)
            .map(|k| {
                format!(
                    "{person} said the {} of the {} in {place} was {} near {topic_place}.",
                    word(1000 + topic, 10 + k % 3),
                    word(e, 20 + k),
                    word(e, 40 + k),
                )
            })
            .collect();
        for r in 0..per_event {
            let text: Vec<&str> = (0..5)
                .map(|k| sentences[(r * 3 + k * (r + 1)) % sentences.len()].as_str())
                .collect();
            docs.push(StoryDoc::new(
                format!("e{e:03}-r{r}"),
                format!("gen/{e}/{r}"),
                text.join(" "),
            ));
        }
    }
    docs
}

#[test]
fn batches_of_a_generated_stream_give_the_same_stories_as_one_shot() {
    let all = generated(40, 6);
    let mut one = Clusterer::new(Config::default());
    one.add(&all);
    let stories = one.stories();
    // The grouping is not trivial: no story mixes topics, and no topic is left in pieces of
    // one or two reports.
    let topic = |d: &str| d[1..4].parse::<usize>().unwrap() / 2;
    for s in &stories {
        assert!(
            s.documents
                .iter()
                .all(|d| topic(d) == topic(&s.documents[0])),
            "{s:?}"
        );
        assert!(s.documents.len() >= 3, "{s:?}");
    }
    assert!(stories.len() >= 20, "{} stories", stories.len());
    for (step, sizes) in [(7usize, [1usize, 5, 30]), (13, [17, 2, 64])] {
        let mut order = all.clone();
        // A fixed permutation: stride `step` through the stream.
        let n = order.len();
        order = (0..n).map(|i| all[(i * step) % n].clone()).collect();
        let mut b = Clusterer::new(Config::default());
        let mut start = 0;
        for size in sizes.iter().cycle() {
            if start >= n {
                break;
            }
            let end = (start + size).min(n);
            b.add(&order[start..end]);
            start = end;
        }
        assert_eq!(b.stories(), stories, "stride {step}");
    }
}
