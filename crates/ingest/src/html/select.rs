//! Which blocks are the article: readability's candidate scoring, rebuilt over our block arena
//! with per-block verdicts instead of inherited ones, then headline, byline and caption roles.
//!
//! 1. Every paragraph-like block of 25+ characters scores `1 + commas + min(chars/100, 3)`,
//!    scaled by how much of it is not link text, and adds that to its parent, half to its
//!    grandparent, a third of a level to the ones above (five levels).
//! 2. A scored element starts from its tag (`div` +5, lists and forms −3, headings −5) and its
//!    class/id cue (±25 per attribute, whole tokens); its final score is scaled by
//!    `1 − link density` of its whole subtree. The best element is the article's container; it
//!    moves up to an ancestor that holds several near-best candidates, or whose score is not far
//!    below (an article split into sections).
//! 3. Siblings of the container join it when they score well enough or read like paragraphs.
//! 4. Clutter cues apply per element and never from `<html>`, `<body>`, the container or its
//!    ancestors, or a wrapper holding most of the page's paragraph text and the first paragraph
//!    after the headline; inside the container they remove their own blocks only. A heading
//!    that opens the comments ("46 Comments", "Leave a Reply") ends the article in its box.

use super::blocks::{Block, Kind, Page};
use corroborate_model::RemovalReason;

/// What a block is in the extracted document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Body,
    Caption,
    Removed(RemovalReason),
}

/// How much of readability's ±25 class/id weight a candidate gets: the full weight lets a
/// small box named `content` in a sidebar beat a short article (tuned on the Dragnet dev split).
const CUE_SHARE: f64 = 0.6;

/// A body block this long that repeats an earlier one is dropped.
const MIN_DUPLICATE: usize = 50;

/// Paragraph blocks shorter than this do not vote for a container.
const MIN_CHARS: usize = 25;

fn scorable(b: &Block) -> bool {
    matches!(
        b.kind,
        Kind::Paragraph | Kind::Loose | Kind::Cell | Kind::Heading(2..=6)
    ) && b.chars >= MIN_CHARS
}

fn tag_base(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn commas(s: &str) -> usize {
    s.chars().filter(|c| matches!(c, ',' | '，' | '、')).count()
}

/// The role of every block of `page`, and the index of the headline block if one was found.
/// `title_hint` is the page's metadata title and `page_title` its raw `<title>`, used to
/// recognize its visible headline.
pub(super) fn select(
    page: &Page,
    title_hint: Option<&str>,
    page_title: Option<&str>,
) -> (Vec<Role>, Option<usize>) {
    let hints: Vec<&str> = title_hint.into_iter().chain(page_title).collect();
    let nodes = &page.nodes;
    let blocks = &page.blocks;
    let n = nodes.len();
    // Subtree totals, children before parents (the arena is in pre-order).
    let mut chars = vec![0usize; n];
    let mut links = vec![0usize; n];
    let mut para = vec![0usize; n];
    for b in blocks {
        chars[b.owner] += b.chars;
        links[b.owner] += b.link_chars;
        if scorable(b) && b.link_chars * 2 < b.chars {
            para[b.owner] += b.chars;
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in (0..n).rev() {
        if let Some(p) = nodes[i].parent {
            chars[p] += chars[i];
            links[p] += links[i];
            para[p] += para[i];
        }
    }
    for (i, node) in nodes.iter().enumerate() {
        if let Some(p) = node.parent {
            children[p].push(i);
        }
    }
    let total_para: usize = blocks
        .iter()
        .filter(|b| scorable(b) && b.link_chars * 2 < b.chars)
        .map(|b| b.chars)
        .sum();
    // The article's first paragraph, when the headline is found: the first paragraph after
    // it. An element that does not hold it is not the article's wrapper, however much text it
    // holds (a comment thread ten times the post's length).
    let mut holds_first = vec![false; n];
    let no_clutter = vec![None; n];
    let first = titled_heading(blocks, &hints, &no_clutter).and_then(|h| {
        blocks[h + 1..]
            .iter()
            .take(30)
            .find(|b| scorable(b) && b.link_chars * 2 < b.chars)
    });
    let mut at = first.map(|b| b.owner);
    while let Some(a) = at {
        holds_first[a] = true;
        at = nodes[a].parent;
    }
    // Clutter each element announces, unless it is the page itself or wraps most of the page
    // (and the article's first paragraph, when known).
    let own_clutter: Vec<Option<RemovalReason>> = (0..n)
        .map(|i| {
            let node = &nodes[i];
            let c = node.cue.clutter?;
            if matches!(node.tag.as_str(), "html" | "body") {
                return None;
            }
            if first.is_some() && !holds_first[i] {
                return Some(c);
            }
            let share = if total_para == 0 {
                0.0
            } else {
                para[i] as f64 / total_para as f64
            };
            let limit = if c == RemovalReason::CommentThread {
                0.9
            } else {
                0.5
            };
            (share < limit).then_some(c)
        })
        .collect();
    let mut clutter_in: Vec<Option<RemovalReason>> = vec![None; n];
    for i in 0..n {
        clutter_in[i] = own_clutter[i].or_else(|| nodes[i].parent.and_then(|p| clutter_in[p]));
    }
    // Regions beside the article (sidebars, pop-ups), under the same guard: a text widget in a
    // sidebar can outscore a short article, and a page that names its main column `rail` or
    // puts everything in an overlay still has its article read.
    let mut aside_in = vec![false; n];
    for i in 0..n {
        let share = if total_para == 0 {
            0.0
        } else {
            para[i] as f64 / total_para as f64
        };
        aside_in[i] =
            (nodes[i].cue.region && share < 0.9) || nodes[i].parent.is_some_and(|p| aside_in[p]);
    }

    // 1–2: candidate scores.
    let mut score = vec![0.0f64; n];
    let mut scored = vec![false; n];
    for b in blocks {
        if !scorable(b) || clutter_in[b.owner].is_some() || aside_in[b.owner] {
            continue;
        }
        let s = (1.0 + commas(&b.text) as f64 + (b.chars as f64 / 100.0).min(3.0))
            * (1.0 - b.link_chars as f64 / b.chars as f64);
        let first = if b.kind == Kind::Loose && nodes[b.owner].has_block_child {
            Some(b.owner)
        } else {
            nodes[b.owner].parent
        };
        let mut at = first;
        for level in 0..5 {
            let Some(a) = at else { break };
            if !scored[a] {
                scored[a] = true;
                score[a] = tag_base(&nodes[a].tag) + nodes[a].cue.weight as f64 * CUE_SHARE;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[a] += s / divider;
            at = nodes[a].parent;
        }
    }
    let link_density = |i: usize| {
        if chars[i] == 0 {
            0.0
        } else {
            links[i] as f64 / chars[i] as f64
        }
    };
    let mut finals: Vec<(f64, usize)> = (0..n)
        .filter(|&i| scored[i])
        .map(|i| (score[i] * (1.0 - link_density(i)), i))
        .collect();
    for (s, i) in finals.iter_mut() {
        score[*i] = *s;
    }
    finals.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut roles = vec![Role::Removed(RemovalReason::Boilerplate); blocks.len()];
    let Some(&(top_score, mut top)) = finals.first() else {
        // Nothing reads like paragraphs: keep what is not clutter or links.
        for (k, b) in blocks.iter().enumerate() {
            roles[k] = match clutter_in[b.owner] {
                Some(r) => Role::Removed(r),
                None if b.link_chars * 2 > b.chars => Role::Removed(RemovalReason::Boilerplate),
                None => Role::Body,
            };
        }
        let headline = headline(page, &roles, &hints, &clutter_in);
        finish_roles(
            page,
            &mut roles,
            headline,
            &clutter_in,
            &vec![false; n],
            &chars,
        );
        return (roles, headline);
    };
    // The article follows its headline: when the headline that matches the metadata title is
    // found, a candidate holding the first paragraph after it wins unless it scores far lower.
    // A heading that is one link is a site name linking home or a teaser more often than the
    // article's own headline; it does not anchor.
    if let Some(h) = titled_heading(blocks, &hints, &clutter_in)
        .filter(|&h| blocks[h].link_chars < blocks[h].chars)
    {
        let next = blocks[h + 1..].iter().take(30).find(|b| {
            scorable(b)
                && clutter_in[b.owner].is_none()
                && !aside_in[b.owner]
                && b.link_chars * 2 < b.chars
        });
        if let Some(b) = next {
            let mut best: Option<usize> = None;
            let mut at = Some(b.owner);
            while let Some(a) = at {
                if scored[a] && best.is_none_or(|x| score[a] > score[x]) {
                    best = Some(a);
                }
                at = nodes[a].parent;
            }
            if let Some(x) = best {
                if x != top && score[x] >= top_score * 0.5 {
                    top = x;
                }
            }
        }
    }
    let is_ancestor = |a: usize, mut d: usize| {
        while let Some(p) = nodes[d].parent {
            if p == a {
                return true;
            }
            d = p;
        }
        false
    };
    // An ancestor holding three or more near-best candidates is the article.
    let alternatives: Vec<usize> = finals
        .iter()
        .skip(1)
        .take(4)
        .filter(|(s, _)| *s >= top_score * 0.75)
        .map(|(_, i)| *i)
        .collect();
    if alternatives.len() >= 3 {
        let mut at = nodes[top].parent;
        while let Some(a) = at {
            if matches!(nodes[a].tag.as_str(), "body" | "html") {
                break;
            }
            if alternatives.iter().filter(|&&c| is_ancestor(a, c)).count() >= 3 {
                top = a;
                if !scored[a] {
                    scored[a] = true;
                    score[a] = tag_base(&nodes[a].tag);
                }
                break;
            }
            at = nodes[a].parent;
        }
    }
    let mut aside_chars = vec![0usize; n];
    for b in blocks {
        if aside_in[b.owner] {
            aside_chars[b.owner] += b.chars;
        }
    }
    for i in (0..n).rev() {
        if let Some(p) = nodes[i].parent {
            aside_chars[p] += aside_chars[i];
        }
    }
    // Climb while the parent scores close to or above the container.
    let mut last = score[top];
    let threshold = last / 3.0;
    let mut at = nodes[top].parent;
    while let Some(a) = at {
        if matches!(nodes[a].tag.as_str(), "body" | "html") {
            break;
        }
        if !scored[a] {
            at = nodes[a].parent;
            continue;
        }
        // Not up into a wrapper that also holds a sidebar or pop-up of any size: the class
        // weight of an outer `content-wrapper` can outscore the column it wraps.
        if score[a] < threshold || aside_chars[a] * 4 > chars[top] {
            break;
        }
        if score[a] > last {
            top = a;
            break;
        }
        last = score[a];
        at = nodes[a].parent;
    }
    // A container that is its parent's only child stands for the parent.
    while let Some(p) = nodes[top].parent {
        if matches!(nodes[p].tag.as_str(), "body" | "html")
            || children[p].len() != 1
            || chars[p] != chars[top]
        {
            break;
        }
        top = p;
    }

    // 3: siblings.
    let mut root = vec![false; n];
    root[top] = true;
    let top_score = score[top].max(0.0);
    let sibling_threshold = (top_score * 0.2).max(10.0);
    let parent = nodes[top].parent;
    if let Some(p) = parent.filter(|&p| !matches!(nodes[p].tag.as_str(), "html")) {
        // Once per page, not once per sibling: a parent of 20,000 children made this quadratic.
        let ends_sentence = ends_sentence(blocks, n);
        for &c in &children[p] {
            if c == top || clutter_in[c].is_some() {
                continue;
            }
            let bonus = if !nodes[c].class.is_empty() && nodes[c].class == nodes[top].class {
                top_score * 0.2
            } else {
                0.0
            };
            let ld = link_density(c);
            // A sibling that scores well joins unless it names itself clutter-like or is a rail
            // of links (a teaser column can outscore a short article's threshold).
            let ok = if scored[c] && score[c] + bonus >= sibling_threshold {
                nodes[c].cue.weight >= 0 && ld < 0.25
            } else if nodes[c].tag == "p" || (!nodes[c].has_block_child && chars[c] > 0) {
                (ld < 0.25 && chars[c] > 80) || (chars[c] < 80 && ld == 0.0 && ends_sentence[c])
            } else {
                false
            };
            root[c] |= ok;
        }
    }
    let mut in_sel = vec![false; n];
    for i in 0..n {
        in_sel[i] = root[i] || nodes[i].parent.is_some_and(|p| in_sel[p]);
    }
    // 4: clutter below the selected roots only, and readability's conditional cleaning of
    // the boxes inside the article (tables, lists, divs with few commas): a box goes when its
    // cue and score are negative, it has more list items than paragraphs without being a list,
    // it is nearly empty, or it is mostly links. (readability also drops boxes with more list
    // items than paragraphs, and its link limit is 0.2; on the Dragnet dev split both cost more
    // recall than they gain precision.)
    let mut box_commas = vec![0usize; n];
    for b in blocks {
        box_commas[b.owner] += commas(&b.text);
    }
    for i in (0..n).rev() {
        if let Some(p) = nodes[i].parent {
            box_commas[p] += box_commas[i];
        }
    }
    // A box holding most of the selection's paragraph text is the article itself, however
    // many links its text carries (a deals post is mostly links): link density does not make
    // it a weak box.
    // Paragraph text outside clutter (a comment thread inside the selection does not count).
    let mut clean_para = vec![0usize; n];
    for b in blocks {
        if scorable(b) && b.link_chars * 2 < b.chars && clutter_in[b.owner].is_none() {
            clean_para[b.owner] += b.chars;
        }
    }
    for i in (0..n).rev() {
        if let Some(p) = nodes[i].parent {
            clean_para[p] += clean_para[i];
        }
    }
    let sel_para: usize = (0..n).filter(|&i| root[i]).map(|i| clean_para[i]).sum();
    let weak_box = |i: usize| {
        if !matches!(
            nodes[i].tag.as_str(),
            "table" | "ul" | "ol" | "div" | "section" | "aside" | "form" | "dl"
        ) || box_commas[i] >= 10
        {
            return false;
        }
        let weight = nodes[i].cue.weight as f64;
        let own = if scored[i] { score[i] } else { 0.0 };
        let ld = link_density(i);
        let most = clean_para[i] * 2 > sel_para;
        weight + own < 0.0
            || chars[i] < 25
            || (!most && weight < 25.0 && ld > 0.6)
            || (!most && weight >= 25.0 && ld > 0.5)
    };
    let mut clutter_below: Vec<Option<RemovalReason>> = vec![None; n];
    for i in 0..n {
        clutter_below[i] = if root[i] {
            None
        } else {
            own_clutter[i]
                .or_else(|| nodes[i].parent.and_then(|p| clutter_below[p]))
                .or((in_sel[i] && weak_box(i)).then_some(RemovalReason::Boilerplate))
        };
    }
    for (k, b) in blocks.iter().enumerate() {
        let loose_in_parent = parent == Some(b.owner)
            && b.kind == Kind::Loose
            && b.link_chars * 4 < b.chars
            && b.chars > 80;
        roles[k] = if in_sel[b.owner] || loose_in_parent {
            match clutter_below[b.owner] {
                Some(r) if in_sel[b.owner] => Role::Removed(r),
                _ if b.link_chars * 2 > b.chars && b.chars < 200 && !linked_sentence(b) => {
                    Role::Removed(RemovalReason::Boilerplate)
                }
                _ => Role::Body,
            }
        } else {
            Role::Removed(clutter_in[b.owner].unwrap_or(RemovalReason::Boilerplate))
        };
    }
    comment_section(page, &mut roles);
    let headline = headline(page, &roles, &hints, &clutter_in);
    finish_roles(page, &mut roles, headline, &clutter_in, &in_sel, &chars);
    (roles, headline)
}

/// Whether a heading opens the readers' comments: "Comments", "46 Comments", "12 Responses to
/// …", "3 thoughts on …", "Leave a Reply". A bare "Comment" or "Response" is a column's name.
fn comment_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim().to_lowercase();
    let rest = t
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    let counted = rest.len() < t.len();
    let first = rest.split_whitespace().next().unwrap_or("");
    let plural = matches!(
        first,
        "comments" | "responses" | "replies" | "thoughts" | "reactions"
    );
    let single = matches!(
        first,
        "comment" | "response" | "reply" | "thought" | "reaction"
    );
    (plural && (rest == first || counted))
        || (counted && single)
        || matches!(
            rest,
            "leave a reply"
                | "leave a comment"
                | "post a comment"
                | "add a comment"
                | "reader comments"
        )
}

/// Once a heading in the article opens the readers' comments, the rest of its box is the
/// thread, whatever the site names it (comments laid out as plain paragraphs after an
/// `<h2>Comments</h2>`).
fn comment_section(page: &Page, roles: &mut [Role]) {
    let blocks = &page.blocks;
    let nodes = &page.nodes;
    let body_before = |k: usize| roles[..k].contains(&Role::Body);
    let Some(h) = (0..blocks.len()).find(|&k| {
        roles[k] == Role::Body
            && matches!(blocks[k].kind, Kind::Heading(2..=4))
            && comment_heading(&blocks[k].text)
            && body_before(k)
    }) else {
        return;
    };
    let Some(scope) = nodes[blocks[h].owner].parent else {
        return;
    };
    let within = |mut i: usize| loop {
        if i == scope {
            return true;
        }
        match nodes[i].parent {
            Some(p) => i = p,
            None => return false,
        }
    };
    for k in h..blocks.len() {
        if matches!(roles[k], Role::Body | Role::Caption) && within(blocks[k].owner) {
            roles[k] = Role::Removed(RemovalReason::CommentThread);
        }
    }
}

/// A paragraph that reads as a sentence even though most of it is link text ("This week's
/// game is <a>a silly party game called Say Anything</a>."): prose with links, not a link list.
fn linked_sentence(b: &Block) -> bool {
    let words = b.text.split_whitespace().count();
    let lower = b
        .text
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .count();
    b.kind == Kind::Paragraph
        && words >= 8
        && lower * 3 >= words
        && b.text.ends_with(['.', '!', '?', '"', '\u{201d}'])
}

/// For every node: does one of its own blocks end a sentence?
fn ends_sentence(blocks: &[Block], n: usize) -> Vec<bool> {
    let mut out = vec![false; n];
    for b in blocks {
        if b.text.ends_with('.') || b.text.contains(". ") {
            out[b.owner] = true;
        }
    }
    out
}

/// Lowercase word tokens, for comparing a heading with the metadata title.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The `<h1>` (else `<h2>`) whose words best match one of the page's titles (the metadata
/// title, the raw `<title>`), if one matches well.
fn titled_heading(
    blocks: &[Block],
    hints: &[&str],
    clutter_in: &[Option<RemovalReason>],
) -> Option<usize> {
    let hints: Vec<Vec<String>> = hints
        .iter()
        .map(|h| words(h))
        .filter(|w| !w.is_empty())
        .collect();
    if hints.is_empty() {
        return None;
    }
    for level in [1u8, 2] {
        let mut best: Option<(f64, usize)> = None;
        for (k, b) in blocks.iter().enumerate() {
            // A heading that is all link is a logo or a teaser, not the page's headline.
            if b.kind != Kind::Heading(level) || clutter_in[b.owner].is_some() {
                continue;
            }
            let w = words(&b.text);
            if w.is_empty() {
                continue;
            }
            let sim = hints
                .iter()
                .map(|h| title_similarity(&w, h))
                .fold(0.0, f64::max);
            if sim >= 0.6 && best.is_none_or(|(bs, _)| sim > bs) {
                best = Some((sim, k));
            }
        }
        if let Some((_, k)) = best {
            return Some(k);
        }
    }
    None
}

/// How well a heading's words match a title: the share of its words the title holds, times
/// the square root of their length ratio (a site name covering a few of the title's words
/// matches less than the headline covering most of them).
fn title_similarity(heading: &[String], title: &[String]) -> f64 {
    if heading.is_empty() || title.is_empty() {
        return 0.0;
    }
    let shared = heading.iter().filter(|x| title.contains(x)).count() as f64;
    shared / heading.len() as f64
        * (heading.len().min(title.len()) as f64 / heading.len().max(title.len()) as f64).sqrt()
}

/// The visible headline: the `<h1>`–`<h3>` that best matches one of the page's titles (the
/// metadata title, the raw `<title>`) and stands closest to the start of the article. A blog's
/// name in an `<h1>` at the top of the page matches part of the title too, but the post's
/// own `<h2>`/`<h3>` title matches more of it and sits right above the body. With no title
/// at all, the `<h1>` nearest the article.
fn headline(
    page: &Page,
    roles: &[Role],
    hints: &[&str],
    clutter_in: &[Option<RemovalReason>],
) -> Option<usize> {
    let blocks = &page.blocks;
    let first_body = roles.iter().position(|r| *r == Role::Body);
    let hints: Vec<Vec<String>> = hints
        .iter()
        .map(|h| words(h))
        .filter(|w| !w.is_empty())
        .collect();
    let mut best: Option<(f64, usize)> = None;
    for (k, b) in blocks.iter().enumerate() {
        let Kind::Heading(level @ 1..=3) = b.kind else {
            continue;
        };
        if clutter_in[b.owner].is_some() {
            continue;
        }
        let w = words(&b.text);
        if w.is_empty() {
            continue;
        }
        let sim = hints
            .iter()
            .map(|h| title_similarity(&w, h))
            .fold(0.0, f64::max);
        // Closeness to the first body block, before it counting more than after.
        let dist = match first_body {
            Some(f) if k <= f => (f - k) as f64,
            Some(f) => 2.0 * (k - f) as f64,
            None => k as f64,
        };
        let ok = if hints.is_empty() {
            level == 1 && b.link_chars * 2 <= b.chars
        } else {
            // A weak match only counts for an `<h1>` close to the body.
            sim >= 0.6
                || (level == 1 && b.link_chars * 2 <= b.chars && sim * 10.0 > dist.min(40.0) / 4.0)
        };
        if !ok {
            continue;
        }
        let s = sim * 10.0 - dist.min(40.0) / 2.0;
        if best.is_none_or(|(bs, _)| s > bs) {
            best = Some((s, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Headline, byline and caption roles.
fn finish_roles(
    page: &Page,
    roles: &mut [Role],
    headline: Option<usize>,
    clutter_in: &[Option<RemovalReason>],
    in_sel: &[bool],
    chars: &[usize],
) {
    let blocks = &page.blocks;
    let nodes = &page.nodes;
    if let Some(h) = headline {
        roles[h] = Role::Removed(RemovalReason::Headline);
    }
    let mut nblocks = vec![0usize; nodes.len()];
    for b in blocks {
        nblocks[b.owner] += 1;
    }
    for i in (0..nodes.len()).rev() {
        if let Some(p) = nodes[i].parent {
            nblocks[p] += nblocks[i];
        }
    }
    let mut holds_headline = vec![false; nodes.len()];
    let mut at = headline.map(|h| blocks[h].owner);
    while let Some(a) = at {
        holds_headline[a] = true;
        at = nodes[a].parent;
    }
    let cue_up = |owner: usize, f: &dyn Fn(&super::cues::Cue) -> bool| {
        let mut at = Some(owner);
        for _ in 0..4 {
            let Some(a) = at else { return false };
            if in_sel[a] && !in_sel[owner] {
                return false;
            }
            // A byline or caption element is small; a wrapper named `post-author-…` or a
            // short post's `date-outer` holding headline, text and footer is not, nor a post
            // wrapper whose classes name its author (`entry-author-jane`).
            if chars[a] > 300 || nblocks[a] > 3 || holds_headline[a] {
                return false;
            }
            if f(&nodes[a].cue) {
                return true;
            }
            at = nodes[a].parent;
        }
        false
    };
    // Bylines and date lines: short blocks right after the headline or at the top of the body.
    let first_body = roles.iter().position(|r| *r == Role::Body);
    let start = headline.map_or(first_body.unwrap_or(0), |h| h + 1);
    let mut body_seen = 0;
    for k in start..blocks.len() {
        let b = &blocks[k];
        if roles[k] == Role::Body {
            body_seen += 1;
        }
        if body_seen > 2 || k > start + 8 {
            break;
        }
        if b.chars > 150 || clutter_in[b.owner].is_some() && roles[k] != Role::Body {
            continue;
        }
        let by =
            b.text.starts_with("By ") || b.text.starts_with("by ") || b.text.starts_with("BY ");
        if by || b.has_time || cue_up(b.owner, &|c| c.byline) {
            if roles[k] == Role::Body {
                body_seen -= 1;
            }
            roles[k] = Role::Removed(RemovalReason::Byline);
        }
    }
    // An author box after the article ("About Jane Roe: …") is not the article.
    let mut body_seen = 0;
    for k in 0..blocks.len() {
        if roles[k] != Role::Body {
            continue;
        }
        body_seen += 1;
        if body_seen > 3 && cue_up(blocks[k].owner, &|c| c.byline && !c.caption) {
            roles[k] = Role::Removed(RemovalReason::Boilerplate);
        }
    }
    for (k, b) in blocks.iter().enumerate() {
        if roles[k] == Role::Body && (b.kind == Kind::Caption || cue_up(b.owner, &|c| c.caption)) {
            roles[k] = Role::Caption;
        }
    }
    // A paragraph the page repeats word for word (a teaser or print copy of the article
    // beside it) is read once.
    let mut seen = std::collections::HashSet::new();
    for (k, b) in blocks.iter().enumerate() {
        if roles[k] == Role::Body && b.chars >= MIN_DUPLICATE && !seen.insert(b.text.as_str()) {
            roles[k] = Role::Removed(RemovalReason::Boilerplate);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block {
            text: text.to_string(),
            link_chars: text.chars().filter(|c| !c.is_whitespace()).count(),
            chars: text.chars().filter(|c| !c.is_whitespace()).count(),
            owner: 0,
            kind: Kind::Paragraph,
            has_time: false,
        }
    }

    #[test]
    fn headings_that_open_the_comments() {
        for t in [
            "Comments",
            "46 Comments",
            "1 Comment",
            "16 comments:",
            "12 Responses to “Quickies”",
            "3 thoughts on “City chic”",
            "Leave a Reply",
        ] {
            assert!(comment_heading(t), "{t}");
        }
        for t in [
            "Comment",
            "Response",
            "Comments on the budget are due Friday",
            "Commentary",
        ] {
            assert!(!comment_heading(t), "{t}");
        }
    }

    #[test]
    fn linked_prose_is_a_sentence_and_a_link_list_is_not() {
        assert!(linked_sentence(&para(
            "This week's new Tabletop is a really fun, quick and silly party game called Say Anything."
        )));
        assert!(!linked_sentence(&para(
            "Related Posts: Miley Cyrus Busts Out Her Bikini Scarlett Johansson Drops Jessica Alba In A Swimsuit!"
        )));
        assert!(!linked_sentence(&para(
            "Listed below are links to weblogs that reference this post:"
        )));
        assert!(!linked_sentence(&para("Read the full story here.")));
    }
}
