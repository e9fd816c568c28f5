//! GUM (CoNLL-U with entity brackets in the MISC column) as NER gold for `ner_eval`: its split, its
//! named entity mentions and their types. The same rules as `gum_split` / `gum_names` in
//! `scripts/ner/make_corpus.py`, which reads the train split as training gold.
//!
//! A mention is named when its head (its first word whose syntactic head lies outside it) is a
//! proper noun (NNP, NNPS); the name is the run of capitalized words around the head ("United
//! States": UD tags "United" an adjective), bridged by "of", "de", "&", "-", "the" between them
//! ("Daughters of the American Revolution"); a person's never runs into a mention nested in it
//! that does not hold the head ("the United States" in "U.S. Ambassador to the United States
//! Hamdullah Mohib") and leaves out titles (`ner_cat::person_name`); no leading "The". Types:
//! person → PER (a plural proper noun, "Muslims", is a group: MISC), organization → ORG, place →
//! LOC (our GPE/LOC/FAC), event/object/abstract → MISC; time, substance, animal and plant names
//! are not scored as anything.

use std::path::{Path, PathBuf};

/// Words that join proper nouns inside one name.
const LINK: [&str; 5] = ["of", "de", "&", "-", "the"];

/// The benchmark's fixed split: sorted file names, the 5th, 10th, … are test, the one after each
/// test file dev, the rest train.
pub fn gum_split(dir: &Path) -> Result<Vec<(PathBuf, &'static str)>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("listing {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    Ok(files
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let split = if i % 5 == 4 {
                "test"
            } else if i % 5 == 0 && i > 0 {
                "dev"
            } else {
                "train"
            };
            (p, split)
        })
        .collect())
}

/// One GUM sentence: its words and named mentions `(start, end, CoNLL type)`.
pub struct GumSentence {
    pub words: Vec<String>,
    pub names: Vec<(usize, usize, String)>,
}

enum Mark {
    Open {
        id: String,
        ty: String,
        single: bool,
    },
    Close(String),
}

/// Opens and closes of a MISC column's `Entity=` value, in order ("(4-abstract-…(5-object-…)").
fn entity_marks(misc: &str) -> Vec<Mark> {
    let val = misc
        .split('|')
        .find_map(|f| f.strip_prefix("Entity="))
        .unwrap_or("");
    let b = val.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let j = (i + 1..b.len())
                .find(|&j| b[j] == b'(' || b[j] == b')')
                .unwrap_or(b.len());
            let mut parts = val[i + 1..j].split('-');
            let id = parts.next().unwrap_or("").to_string();
            let ty = parts.next().unwrap_or("").to_string();
            let single = j < b.len() && b[j] == b')';
            out.push(Mark::Open { id, ty, single });
            i = if single { j + 1 } else { j };
        } else if b[i].is_ascii_digit() {
            let j = (i..b.len())
                .find(|&j| !b[j].is_ascii_digit())
                .unwrap_or(b.len());
            out.push(Mark::Close(val[i..j].to_string()));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn conll_type(gum: &str) -> Option<&'static str> {
    match gum {
        "person" => Some("PER"),
        "organization" => Some("ORG"),
        "place" => Some("LOC"),
        "event" | "object" | "abstract" => Some("MISC"),
        _ => None,
    }
}

/// The sentences of one GUM file with their named mentions.
pub fn gum_sentences(text: &str) -> Vec<GumSentence> {
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let (mut words, mut xpos, mut heads) = (Vec::new(), Vec::new(), Vec::new());
        let mut mentions: Vec<(usize, usize, String)> = Vec::new();
        let mut open: Vec<(String, usize, String)> = Vec::new();
        for line in block.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#')
                || cols.len() < 10
                || !cols[0].bytes().all(|c| c.is_ascii_digit())
            {
                continue; // comments, multiword token ranges, empty nodes
            }
            let i = words.len();
            words.push(cols[1].to_string());
            xpos.push(cols[4].to_string());
            heads.push(cols[6].parse::<usize>().ok().and_then(|h| h.checked_sub(1)));
            for m in entity_marks(cols[9]) {
                match m {
                    Mark::Open {
                        ty, single: true, ..
                    } => mentions.push((i, i + 1, ty)),
                    Mark::Open { id, ty, .. } => open.push((id, i, ty)),
                    Mark::Close(id) => {
                        if let Some(k) = open.iter().rposition(|o| o.0 == id) {
                            let (_, a, ty) = open.remove(k);
                            mentions.push((a, i + 1, ty));
                        }
                    }
                }
            }
        }
        if words.is_empty() {
            continue;
        }
        let names = names_of(&words, &xpos, &heads, &mentions);
        out.push(GumSentence { words, names });
    }
    out
}

fn names_of(
    words: &[String],
    xpos: &[String],
    heads: &[Option<usize>],
    mentions: &[(usize, usize, String)],
) -> Vec<(usize, usize, String)> {
    let proper = |i: usize| xpos[i] == "NNP" || xpos[i] == "NNPS";
    let mut spans = Vec::new();
    for (a, b, ty) in mentions {
        let (a, b) = (*a, *b);
        let Some(mut label) = conll_type(ty) else {
            continue;
        };
        let Some(head) = (a..b).find(|&i| !heads[i].is_some_and(|h| (a..b).contains(&h))) else {
            continue;
        };
        if !proper(head) {
            continue;
        }
        // A person's name never runs into a mention nested in it that does not hold its head.
        let mut blocked = vec![false; b - a];
        if label == "PER" {
            for &(a2, b2, _) in mentions {
                if a <= a2 && b2 <= b && (a2, b2) != (a, b) && !(a2..b2).contains(&head) {
                    blocked[a2 - a..b2 - a].iter_mut().for_each(|x| *x = true);
                }
            }
        }
        let name_word = |i: usize| {
            !blocked[i - a]
                && (words[i].chars().next().is_some_and(char::is_uppercase) || proper(i))
        };
        let link = |i: usize| !blocked[i - a] && LINK.contains(&words[i].to_lowercase().as_str());
        let (mut s, mut e) = (head, head + 1);
        while s > a && name_word(s - 1) {
            s -= 1;
        }
        while e < b {
            if name_word(e) {
                e += 1;
                continue;
            }
            let mut k = e;
            while k < b && link(k) {
                k += 1;
            }
            if k > e && k < b && name_word(k) {
                e = k + 1;
                continue;
            }
            break;
        }
        if label == "PER" {
            if xpos[head] == "NNPS" {
                label = "MISC"; // a group ("Muslims"): NORP, scored as MISC
            } else {
                let Some((ps, pe)) = super::cat::person_name(words, s, s, e) else {
                    continue;
                };
                (s, e) = (ps, pe);
            }
        }
        while s < e && (words[s] == "The" || words[s] == "the") {
            s += 1;
        }
        if s < e {
            spans.push((s, e, label.to_string()));
        }
    }
    super::cat::dedupe(spans)
}
