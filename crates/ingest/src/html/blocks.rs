//! The page cut into text blocks, in one iterative walk of the parsed tree.
//!
//! A block is a maximal run of inline content (text, links, emphasis) between two block-level
//! boundaries; it belongs to its innermost block-level element (its owner). Every block-level
//! element becomes a [`Node`] of a flat arena with its parent, tag and class/id cues, so scoring
//! can walk ancestors without recursion. Scripts, styles, forms controls and hidden elements
//! (`hidden`, `aria-hidden="true"`, `display:none`, `visibility:hidden`) give no blocks.

use super::cues::{cue_of, Cue};
use ego_tree::iter::Edge;
use scraper::{Html, Node as DomNode};

/// A block-level element.
#[derive(Debug)]
pub(super) struct Node {
    pub parent: Option<usize>,
    pub tag: String,
    pub cue: Cue,
    /// The raw `class` attribute, for readability's same-class sibling bonus.
    pub class: String,
    pub has_block_child: bool,
}

/// What kind of element a block's text stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Paragraph,
    Heading(u8),
    Item,
    Cell,
    Caption,
    /// Text directly inside a container (`<div>` with text and `<br>`s).
    Loose,
}

#[derive(Debug)]
pub(super) struct Block {
    pub text: String,
    /// Characters of `text` inside links.
    pub link_chars: usize,
    pub chars: usize,
    pub owner: usize,
    pub kind: Kind,
    /// A `<time>` element or a `datetime` attribute inside the block.
    pub has_time: bool,
}

/// Tags whose subtree holds nothing a reader reads as the article.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "head", "button", "select",
    "option", "input", "textarea", "object", "embed", "canvas", "video", "audio", "map", "title",
    "noframes",
];

fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "span"
            | "em"
            | "strong"
            | "b"
            | "i"
            | "u"
            | "small"
            | "big"
            | "sup"
            | "sub"
            | "abbr"
            | "acronym"
            | "cite"
            | "q"
            | "time"
            | "mark"
            | "code"
            | "s"
            | "strike"
            | "del"
            | "ins"
            | "font"
            | "label"
            | "bdi"
            | "bdo"
            | "wbr"
            | "img"
            | "nobr"
            | "tt"
            | "dfn"
            | "kbd"
            | "samp"
            | "var"
            | "data"
            | "picture"
            | "source"
    )
}

fn kind_of(tag: &str) -> Kind {
    match tag {
        "p" | "blockquote" | "pre" | "address" => Kind::Paragraph,
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "li" | "dd" | "dt" => Kind::Item,
        "td" | "th" => Kind::Cell,
        "figcaption" | "caption" => Kind::Caption,
        _ => Kind::Loose,
    }
}

/// Whether an element is hidden from readers by its attributes.
fn hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Text of one block under construction, whitespace collapsed as it arrives.
#[derive(Default)]
struct Run {
    text: String,
    link_chars: usize,
    chars: usize,
    space: bool,
    has_time: bool,
    /// `<br>`s since the last text: two in a row end the block.
    brs: u8,
}

impl Run {
    fn push(&mut self, t: &str, in_link: bool) {
        for c in t.chars() {
            if c.is_whitespace() {
                self.space = !self.text.is_empty();
            } else {
                if self.space {
                    self.text.push(' ');
                    self.space = false;
                }
                self.text.push(c);
                self.chars += 1;
                self.brs = 0;
                if in_link {
                    self.link_chars += 1;
                }
            }
        }
    }
}

/// The walk's result.
#[derive(Debug, Default)]
pub(super) struct Page {
    pub nodes: Vec<Node>,
    pub blocks: Vec<Block>,
    /// `<frame>`/`<iframe>` sources, for a page that is only a frame set.
    pub frames: Vec<String>,
}

/// Walks the tree once, iteratively. With `noscript` true, `<noscript>` content is read as
/// part of the page (for shells whose only readable text is there).
pub(super) fn walk(doc: &Html, noscript: bool) -> Page {
    let mut page = Page::default();
    let mut open: Vec<usize> = Vec::new();
    let mut run = Run::default();
    let mut skip = 0usize;
    let mut links = 0usize;
    let flush = |run: &mut Run, open: &[usize], page: &mut Page| {
        if run.chars > 0 {
            if let Some(&owner) = open.last() {
                let r = std::mem::take(run);
                page.blocks.push(Block {
                    kind: kind_of(&page.nodes[owner].tag),
                    text: r.text,
                    link_chars: r.link_chars,
                    chars: r.chars,
                    owner,
                    has_time: r.has_time,
                });
                return;
            }
        }
        *run = Run::default();
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                DomNode::Element(e) => {
                    let name = e.name();
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    if name == "frame" || name == "iframe" {
                        page.frames.extend(e.attr("src").map(str::to_string));
                    }
                    if (SKIP_TAGS.contains(&name) && !(noscript && name == "noscript")) || hidden(e)
                    {
                        skip = 1;
                        continue;
                    }
                    if name == "a" {
                        links += 1;
                    }
                    if name == "time" || e.attr("datetime").is_some() {
                        run.has_time = true;
                    }
                    if name == "br" {
                        run.space = !run.text.is_empty();
                        run.brs += 1;
                        if run.brs >= 2 {
                            flush(&mut run, &open, &mut page);
                        }
                        continue;
                    }
                    if is_inline(name) || (noscript && name == "noscript") {
                        continue;
                    }
                    flush(&mut run, &open, &mut page);
                    let parent = open.last().copied();
                    if let Some(p) = parent {
                        page.nodes[p].has_block_child = true;
                    }
                    open.push(page.nodes.len());
                    page.nodes.push(Node {
                        parent,
                        tag: name.to_string(),
                        cue: cue_of(e),
                        class: e.attr("class").unwrap_or_default().trim().to_string(),
                        has_block_child: false,
                    });
                }
                DomNode::Text(t) if skip == 0 => run.push(t, links > 0),
                _ => {}
            },
            Edge::Close(n) => {
                if let DomNode::Element(e) = n.value() {
                    let name = e.name();
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if name == "a" {
                        links = links.saturating_sub(1);
                    }
                    if name == "br" || is_inline(name) || (noscript && name == "noscript") {
                        continue;
                    }
                    flush(&mut run, &open, &mut page);
                    open.pop();
                }
            }
        }
    }
    flush(&mut run, &open, &mut page);
    page
}
