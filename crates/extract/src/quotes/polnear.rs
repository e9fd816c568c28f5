//! Scorer for the PolNeAR attribution corpus (Newell et al., LREC 2018): reads BRAT standoff
//! annotations beside the article texts and computes precision, recall and F1 of source, cue and
//! content spans, by exact and by overlap match.
//!
//! Conventions, chosen once and kept:
//! - Each `.ann` file is named `<article>_<annotator>.ann`. Most articles have one annotator, a
//!   few several. The main figure scores the prediction against **every** annotator's file and
//!   sums the counts (micro-average over article × annotator pairs), so no annotator is preferred;
//!   [`Convention::FirstAnnotator`] (alphabetically first suffix) is reported beside it.
//! - Only `Source`, `Cue` and `Content` spans count (`Discuss`/`Discard` are annotator notes).
//!   A discontinuous span (`a b;c d`) is scored as the stretch from its first to its last piece.
//! - Before comparing, both gold and predicted spans lose leading and trailing whitespace and
//!   punctuation (quotation marks, commas, full stops, dashes, parentheses) and content loses a
//!   leading "that": PolNeAR puts the marks and the complementizer inside content, our content
//!   stops inside the marks and after "that", and neither choice is a finding.
//! - Attributions that share a cue are joined into one content stretch, as PolNeAR annotates an
//!   interrupted quote ("“A,” he said. “B.”") as one discontinuous content.
//! - Exact: same start and end. Overlap: one-to-one, each predicted span matched to the first
//!   unmatched gold span of the same role it overlaps. Spans predicted twice count once.
//! - BRAT offsets count Unicode characters; they are mapped to bytes with [`CharIndex`].
//!
//! Figures (rules tuned on train and dev only; test run once), every annotator, P/R/F1 in %:
//!
//! | split | span | exact | overlap |
//! |---|---|---|---|
//! | dev | source | 74.2 / 38.9 / 51.0 | 90.3 / 47.3 / 62.1 |
//! | dev | cue | 85.9 / 42.0 / 56.4 | 91.6 / 44.8 / 60.1 |
//! | dev | content | 67.7 / 32.3 / 43.8 | 93.3 / 44.6 / 60.4 |
//! | test | source | 71.4 / 36.8 / 48.6 | 90.4 / 46.7 / 61.5 |
//! | test | cue | 84.7 / 38.6 / 53.0 | 92.4 / 42.1 / 57.8 |
//! | test | content | 71.6 / 32.0 / 44.3 | 94.5 / 42.3 / 58.5 |
//!
//! Recall is bounded by scope: PolNeAR also annotates beliefs, intentions and characterizations
//! ("wants", "called him a liar", "seemed", "Q:"/"A:" interviews), which the rules leave alone, and
//! its sources include appositives ("Paul Porter, a truck driver from Ava"), which ours stop
//! before so that entity linking by overlap gets the name.

use super::Attribution;
use corroborate_model::{CharIndex, Span};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Source,
    Cue,
    Content,
}

pub const ROLES: [Role; 3] = [Role::Source, Role::Cue, Role::Content];

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Cue => "cue",
            Role::Content => "content",
        }
    }
}

/// One annotator's reading of one article.
#[derive(Debug, Clone)]
pub struct Annotation {
    pub annotator: String,
    pub spans: Vec<(Role, Span)>,
}

/// An article and its annotations, first annotator first.
#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub text: String,
    pub annotations: Vec<Annotation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    AllAnnotators,
    FirstAnnotator,
}

/// Reads one split (`data/train`, `data/dev` or `data/test`): `text/*.txt` and
/// `attributions/*.ann`. Articles come sorted by name.
pub fn load_split(dir: &Path) -> std::io::Result<Vec<Article>> {
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut out: Vec<Article> = Vec::new();
    for path in anns {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let Some((name, annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        if out.last().is_none_or(|a| a.name != name) {
            let text = std::fs::read_to_string(dir.join("text").join(format!("{name}.txt")))?;
            out.push(Article {
                name: name.to_string(),
                text,
                annotations: Vec::new(),
            });
        }
        let article = out.last_mut().expect("pushed above");
        let ann = std::fs::read_to_string(&path)?;
        let spans = parse_ann(&article.text, &ann);
        article.annotations.push(Annotation {
            annotator: annotator.to_string(),
            spans,
        });
    }
    Ok(out)
}

/// Parses BRAT text-bound lines (`T1<TAB>Source 201 220<TAB>…`) into byte spans of `text`.
/// Lines that are not text-bound annotations, or whose note text runs over several lines, are
/// skipped or ignored past their offsets.
pub fn parse_ann(text: &str, ann: &str) -> Vec<(Role, Span)> {
    let index = CharIndex::new(text);
    let chars = text.chars().count();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((label, offsets)) = body.split_once(' ') else {
            continue;
        };
        let role = match label {
            "Source" => Role::Source,
            "Cue" => Role::Cue,
            "Content" => Role::Content,
            _ => continue,
        };
        let mut lo = usize::MAX;
        let mut hi = 0;
        for piece in offsets.split(';') {
            let mut it = piece.split(' ').filter_map(|n| n.parse::<usize>().ok());
            if let (Some(a), Some(b)) = (it.next(), it.next()) {
                lo = lo.min(a);
                hi = hi.max(b);
            }
        }
        if lo > hi || hi > chars {
            continue;
        }
        out.push((role, Span::new(index.byte_of(lo), index.byte_of(hi))));
    }
    out
}

/// Predicted spans of each role. Attributions sharing one cue (a quote interrupted by its
/// speaker, "“A,” he said. “B.”") are one attribution to PolNeAR, whose content is the stretch
/// over both parts, so their contents are joined the same way.
pub fn predicted(attrs: &[Attribution]) -> Vec<(Role, Span)> {
    let mut out = Vec::new();
    let mut by_cue: std::collections::BTreeMap<Span, Span> = std::collections::BTreeMap::new();
    for a in attrs {
        if let Some(s) = a.source {
            out.push((Role::Source, s));
        }
        match a.cue {
            Some(c) => {
                out.push((Role::Cue, c));
                let hull = by_cue.entry(c).or_insert(a.content);
                *hull = Span::new(hull.start.min(a.content.start), hull.end.max(a.content.end));
            }
            None => out.push((Role::Content, a.content)),
        }
    }
    out.extend(by_cue.into_values().map(|c| (Role::Content, c)));
    out
}

/// Strips whitespace and punctuation from both ends, and a leading complementizer "that" (the
/// corpus keeps it in content, we leave it out); what is left is what a span claims.
fn normalize(text: &str, s: Span) -> Span {
    let junk = |c: char| c.is_whitespace() || !(c.is_alphanumeric() || c == '$' || c == '%');
    let t = s.slice(text);
    let mut lead = t.len() - t.trim_start_matches(junk).len();
    let rest = &t[lead..];
    if rest
        .get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("that "))
    {
        let after = &rest[5..];
        lead += 5 + (after.len() - after.trim_start_matches(junk).len());
    }
    let rest = &t[lead..];
    let trail = rest.len() - rest.trim_end_matches(junk).len();
    Span::new(s.start + lead, s.end - trail)
}

/// Counts for one role and one match mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub predicted: usize,
    pub gold: usize,
    pub matched: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.predicted += o.predicted;
        self.gold += o.gold;
        self.matched += o.matched;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Exact and overlap counts for each role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Indexed by role, then 0 = exact, 1 = overlap.
    pub counts: [[Counts; 2]; 3],
}

impl Scores {
    pub fn add(&mut self, o: &Scores) {
        for r in 0..3 {
            for m in 0..2 {
                self.counts[r][m].add(o.counts[r][m]);
            }
        }
    }

    pub fn get(&self, role: Role, overlap: bool) -> Counts {
        self.counts[role as usize][usize::from(overlap)]
    }

    /// A Markdown table: one row per role and mode.
    pub fn table(&self) -> String {
        let mut s = String::from(
            "| span | match | P | R | F1 | predicted | gold |\n|---|---|---|---|---|---|---|\n",
        );
        for role in ROLES {
            for overlap in [false, true] {
                let c = self.get(role, overlap);
                let _ = writeln!(
                    s,
                    "| {} | {} | {:.1} | {:.1} | {:.1} | {} | {} |",
                    role.as_str(),
                    if overlap { "overlap" } else { "exact" },
                    100.0 * c.precision(),
                    100.0 * c.recall(),
                    100.0 * c.f1(),
                    c.predicted,
                    c.gold
                );
            }
        }
        s
    }
}

/// Scores predicted spans against one annotator's gold spans of the same text.
pub fn score(text: &str, gold: &[(Role, Span)], pred: &[(Role, Span)]) -> Scores {
    let mut out = Scores::default();
    for role in ROLES {
        let norm = |v: &[(Role, Span)]| {
            let mut x: Vec<Span> = v
                .iter()
                .filter(|(r, _)| *r == role)
                .map(|(_, s)| normalize(text, *s))
                .filter(|s| !s.is_empty())
                .collect();
            x.sort();
            x.dedup();
            x
        };
        let g = norm(gold);
        let p = norm(pred);
        let exact = p.iter().filter(|s| g.binary_search(s).is_ok()).count();
        let mut taken = vec![false; g.len()];
        let mut overlap = 0;
        for s in &p {
            // Prefer the exact partner, then the first overlapping one.
            let hit = g
                .binary_search(s)
                .ok()
                .filter(|&i| !taken[i])
                .or_else(|| (0..g.len()).find(|&i| !taken[i] && g[i].overlaps(*s)));
            if let Some(i) = hit {
                taken[i] = true;
                overlap += 1;
            }
        }
        out.counts[role as usize][0] = Counts {
            predicted: p.len(),
            gold: g.len(),
            matched: exact,
        };
        out.counts[role as usize][1] = Counts {
            predicted: p.len(),
            gold: g.len(),
            matched: overlap,
        };
    }
    out
}

/// Scores one article's prediction under a convention.
pub fn score_article(article: &Article, attrs: &[Attribution], convention: Convention) -> Scores {
    let pred = predicted(attrs);
    let mut out = Scores::default();
    let take = match convention {
        Convention::AllAnnotators => article.annotations.len(),
        Convention::FirstAnnotator => 1,
    };
    for ann in article.annotations.iter().take(take) {
        out.add(&score(&article.text, &ann.spans, &pred));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brat_offsets_are_chars_and_pieces_join() {
        let text = "O’Malley’s campaign says it will shift.";
        let ann = "T1\tSource 0 19\tO’Malley’s campaign\nT2\tCue 20 24\tsays\nT3\tContent 25 31;32 38\tit will shift\nE1\tAttribution:T2\n#1\tAnnotatorNotes T1\tnote\n";
        let spans = parse_ann(text, ann);
        let got: Vec<(Role, &str)> = spans.iter().map(|(r, s)| (*r, s.slice(text))).collect();
        assert_eq!(
            got,
            [
                (Role::Source, "O’Malley’s campaign"),
                (Role::Cue, "says"),
                (Role::Content, "it will shift")
            ]
        );
    }

    #[test]
    fn punctuation_is_not_a_difference_and_overlap_is_one_to_one() {
        let text = "“We won,” he said.";
        let at = |w: &str| {
            let a = text.find(w).unwrap();
            Span::new(a, a + w.len())
        };
        // Gold content keeps the marks, predicted content stops inside them.
        let gold = [(Role::Content, at("“We won,”")), (Role::Source, at("he"))];
        let pred = [
            (Role::Content, at("We won")),
            (Role::Source, at("he said")),
            (Role::Source, at("he")),
        ];
        let s = score(text, &gold, &pred);
        assert_eq!(
            s.get(Role::Content, false),
            Counts {
                predicted: 1,
                gold: 1,
                matched: 1
            }
        );
        assert_eq!(
            s.get(Role::Source, false),
            Counts {
                predicted: 2,
                gold: 1,
                matched: 1
            }
        );
        assert_eq!(s.get(Role::Source, true).matched, 1);
    }
}
