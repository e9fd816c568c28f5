//! HTML pages: main-text extraction with a real HTML parser, and metadata from `<title>`,
//! `<meta>`, OpenGraph, JSON-LD (`NewsArticle`/`Article`) and `<time>`.
//!
//! Main text is found the way readability-style extractors do it: the page is cut into text
//! blocks (paragraphs, headings, list items, captions); blocks inside clutter (share widgets,
//! comment threads, related links, navigation, cookie banners, footers) are removed with that
//! reason, judged by their own and their ancestors' tag, `class`, `id` and `role`; of the rest,
//! the container holding the most paragraph text is the article and blocks outside it are
//! boilerplate. Every kept and removed block is mapped back to its place in the raw markup.

use crate::item::{Item, MetaField};
use corroborate_model::{
    DateBasis, DateBasisKind, Format, Metadata, OffsetMap, RemovalReason, Removed, Span,
};
use scraper::{ElementRef, Html, Node, Selector};

/// Extracts the article from one HTML page.
pub fn read_html(source: &str, raw: &str) -> Item {
    let doc = Html::parse_document(raw);
    let mut warnings = Vec::new();
    if !doc.errors.is_empty() && !raw.is_empty() && !raw.to_ascii_lowercase().contains("</html>") {
        warnings.push("HTML looks truncated (no closing </html>); read what was there".to_string());
    }
    let meta = metadata(&doc);
    let mut blocks = Vec::new();
    collect_blocks(doc.root_element(), &mut Vec::new(), &mut 0, &mut blocks);
    let main = main_container(&blocks);
    let mut text = String::new();
    let mut offsets = OffsetMap::new();
    let mut removed = Vec::new();
    let mut captions = Vec::new();
    let mut finder = RawFinder::new(raw);
    for b in &blocks {
        let words = finder.words(&b.text);
        let raw_span = words
            .first()
            .zip(words.last())
            .map(|(f, l)| Span::new(f.1.start, l.1.end));
        let reason = b.clutter.or_else(|| {
            let outside = main.as_ref().is_some_and(|m| !b.path.starts_with(m));
            let link_heavy =
                b.link_chars * 2 > b.text.chars().count() && b.text.chars().count() < 200;
            if (outside && !b.is_title) || link_heavy {
                Some(RemovalReason::Boilerplate)
            } else {
                None
            }
        });
        if let Some(reason) = reason {
            removed.push(Removed {
                raw: raw_span.unwrap_or(Span::new(finder.cursor, finder.cursor)),
                at: text.len(),
                reason,
                text: b.text.clone(),
            });
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&b.text);
        let clean = Span::new(start, text.len());
        for (c, r) in words {
            offsets.push(Span::new(start + c.start, start + c.end), r);
        }
        if b.caption {
            captions.push(clean);
        }
    }
    if text.trim().is_empty() {
        warnings.push("no article text found in the page".to_string());
    }
    Item {
        source: source.to_string(),
        format: Format::Html,
        raw: raw.to_string(),
        text,
        offsets,
        removed,
        captions,
        meta,
        warnings,
        encoding: "UTF-8".to_string(),
        needs_line_cleaning: false,
    }
}

/// One text block of the page in reading order.
#[derive(Debug)]
struct Block {
    text: String,
    link_chars: usize,
    /// Element ids (tree positions) from the root down to the block element.
    path: Vec<usize>,
    clutter: Option<RemovalReason>,
    caption: bool,
    is_title: bool,
    paragraph: bool,
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "figcaption",
    "td",
    "th",
    "dd",
    "dt",
    "caption",
    "address",
];
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "button", "select",
    "option", "input", "textarea",
];

#[derive(Debug, Clone, Copy)]
struct Frame {
    clutter: Option<RemovalReason>,
}

/// Walks the tree in reading order. `stack` holds the open elements, each numbered in visiting
/// order (`next_id`), so a block's path identifies its ancestors.
fn collect_blocks(
    el: ElementRef<'_>,
    stack: &mut Vec<(usize, Frame)>,
    next_id: &mut usize,
    out: &mut Vec<Block>,
) {
    let name = el.value().name();
    if SKIP_TAGS.contains(&name) {
        return;
    }
    let clutter = clutter_of(el).or_else(|| stack.last().and_then(|(_, f)| f.clutter));
    *next_id += 1;
    stack.push((*next_id, Frame { clutter }));
    if BLOCK_TAGS.contains(&name) {
        let mut text = String::new();
        let mut link_chars = 0;
        inline_text(el, false, &mut text, &mut link_chars);
        let text = collapse(&text);
        if !text.is_empty() {
            out.push(Block {
                link_chars,
                path: stack.iter().map(|(k, _)| *k).collect(),
                clutter,
                caption: name == "figcaption" || name == "caption",
                is_title: name == "h1",
                paragraph: name == "p" || name == "blockquote",
                text,
            });
        }
        stack.pop();
        return;
    }
    // Loose text directly inside a container (a <div> with text and <br>s) is a block too.
    let mut loose = String::new();
    let mut loose_links = 0;
    let flush = |loose: &mut String,
                 links: &mut usize,
                 stack: &Vec<(usize, Frame)>,
                 out: &mut Vec<Block>| {
        let t = collapse(loose);
        if !t.is_empty() {
            out.push(Block {
                link_chars: *links,
                path: stack.iter().map(|(k, _)| *k).collect(),
                clutter,
                caption: false,
                is_title: false,
                paragraph: t.chars().count() > 80,
                text: t,
            });
        }
        loose.clear();
        *links = 0;
    };
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                loose.push_str(t);
            }
            Node::Element(e) => {
                let child_el = ElementRef::wrap(child).expect("element node");
                if is_inline(e.name()) {
                    inline_text(child_el, false, &mut loose, &mut loose_links);
                } else {
                    if e.name() == "br" {
                        loose.push('\n');
                        continue;
                    }
                    flush(&mut loose, &mut loose_links, stack, out);
                    collect_blocks(child_el, stack, next_id, out);
                }
            }
            _ => {}
        }
    }
    flush(&mut loose, &mut loose_links, stack, out);
    stack.pop();
}

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
            | "sup"
            | "sub"
            | "abbr"
            | "cite"
            | "q"
            | "time"
            | "mark"
            | "code"
            | "s"
            | "del"
            | "ins"
            | "font"
            | "label"
            | "bdi"
            | "wbr"
    )
}

fn inline_text(el: ElementRef<'_>, in_link: bool, out: &mut String, links: &mut usize) {
    let in_link = in_link || el.value().name() == "a";
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                out.push_str(t);
                if in_link {
                    *links += t.trim().chars().count();
                }
            }
            Node::Element(e) => {
                if SKIP_TAGS.contains(&e.name()) {
                    continue;
                }
                if e.name() == "br" {
                    out.push(' ');
                    continue;
                }
                let c = ElementRef::wrap(child).expect("element node");
                inline_text(c, in_link, out, links);
                if !is_inline(e.name()) {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}

/// Collapses runs of whitespace into single spaces and trims.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The clutter an element announces by its tag, class, id or role.
fn clutter_of(el: ElementRef<'_>) -> Option<RemovalReason> {
    let v = el.value();
    // The tag says what the element is for when its class and id do not say more.
    let by_tag = match v.name() {
        "nav" => Some(RemovalReason::Navigation),
        "footer" => Some(RemovalReason::Footer),
        "aside" => Some(RemovalReason::RelatedLinks),
        "form" => Some(RemovalReason::CommentThread),
        _ => None,
    };
    let mut hay = String::new();
    for a in ["class", "id", "role", "aria-label", "data-component"] {
        if let Some(x) = v.attr(a) {
            hay.push(' ');
            hay.push_str(&x.to_ascii_lowercase());
        }
    }
    if hay.is_empty() {
        return by_tag;
    }
    const RULES: &[(&[&str], RemovalReason)] = &[
        (
            &["cookie", "consent", "gdpr", "cmp-"],
            RemovalReason::CookieBanner,
        ),
        (
            &[
                "share",
                "social",
                "sharing",
                "sharedaddy",
                "addtoany",
                "sociable",
            ],
            RemovalReason::ShareWidget,
        ),
        (
            &["comment", "disqus", "respond", "reply"],
            RemovalReason::CommentThread,
        ),
        (
            &[
                "related",
                "recommend",
                "more-stories",
                "read-more",
                "readmore",
                "outbrain",
                "taboola",
                "most-popular",
                "trending",
                "jp-relatedposts",
            ],
            RemovalReason::RelatedLinks,
        ),
        (
            &[
                "newsletter",
                "subscribe",
                "subscription",
                "signup",
                "sign-up",
                "paywall",
                "mailing",
            ],
            RemovalReason::Subscription,
        ),
        (
            &[
                "advert",
                "ad-slot",
                "ad-container",
                "adsbygoogle",
                "sponsor",
                "promo",
                "dfp",
            ],
            RemovalReason::Advertisement,
        ),
        (
            &[
                "breadcrumb",
                "navbar",
                "nav-",
                "menu",
                "masthead",
                "skip-link",
                "site-header",
                "topbar",
                "navigation",
                "back-to-top",
            ],
            RemovalReason::Navigation,
        ),
        (&["footer", "copyright", "colophon"], RemovalReason::Footer),
    ];
    for (needles, reason) in RULES {
        if needles.iter().any(|n| hay.contains(n)) {
            // "comment" inside an article-body class name (e.g. "commentary") is not a thread.
            if *reason == RemovalReason::CommentThread && hay.contains("commentary") {
                continue;
            }
            return Some(*reason);
        }
    }
    by_tag
}

/// The tree path of the container that holds the most paragraph text among non-clutter blocks:
/// the deepest ancestor holding at least 60% of it.
fn main_container(blocks: &[Block]) -> Option<Vec<usize>> {
    let body: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.clutter.is_none() && b.paragraph)
        .collect();
    let total: usize = body.iter().map(|b| b.text.len()).sum();
    if total == 0 {
        return None;
    }
    let mut path: Vec<usize> = Vec::new();
    let depth = body.iter().map(|b| b.path.len()).max().unwrap_or(0);
    for d in 0..depth {
        // Which child at depth d holds the most text under the current path?
        let mut best: Option<(usize, usize)> = None;
        let mut tally: Vec<(usize, usize)> = Vec::new();
        for b in &body {
            if b.path.len() > d + 1 && b.path.starts_with(&path) {
                let k = b.path[d];
                match tally.iter_mut().find(|(key, _)| *key == k) {
                    Some(t) => t.1 += b.text.len(),
                    None => tally.push((k, b.text.len())),
                }
            }
        }
        for (k, n) in tally {
            if best.is_none_or(|(_, bn)| n > bn) {
                best = Some((k, n));
            }
        }
        match best {
            Some((k, n)) if n * 10 >= total * 6 => path.push(k),
            _ => break,
        }
    }
    Some(path)
}

/// Finds the words of extracted blocks in the raw markup, moving forward through it, so that
/// every word that appears verbatim in the markup maps back exactly.
struct RawFinder<'a> {
    raw: &'a str,
    cursor: usize,
}

/// How far ahead of the cursor a word is looked for before it is given up as unmappable.
const SEARCH_WINDOW: usize = 64 * 1024;

impl<'a> RawFinder<'a> {
    fn new(raw: &'a str) -> Self {
        RawFinder { raw, cursor: 0 }
    }

    /// (range in `block`, range in raw) for every word of `block` found in the markup, in order.
    /// Words whose markup differs (entities) map by their longest verbatim alphanumeric run.
    fn words(&mut self, block: &str) -> Vec<(Span, Span)> {
        let mut out = Vec::new();
        let mut pos = 0;
        for w in block.split(' ') {
            let start = pos;
            pos += w.len() + 1;
            if w.is_empty() {
                continue;
            }
            let (probe_start, probe) =
                if w.contains(['&', '<', '>', '"', '\'', '\u{a0}']) || !w.is_ascii() {
                    match longest_alnum_run(w) {
                        Some(x) => x,
                        None => continue,
                    }
                } else {
                    (0, w)
                };
            if let Some(at) = self.find_in_text(probe) {
                let clean = Span::new(start + probe_start, start + probe_start + probe.len());
                out.push((clean, Span::new(at, at + probe.len())));
                self.cursor = at + probe.len();
            }
        }
        out
    }

    /// The next occurrence of `needle` in character data (not inside a tag) within the window.
    fn find_in_text(&self, needle: &str) -> Option<usize> {
        let end = (self.cursor + SEARCH_WINDOW).min(self.raw.len());
        let end = (end..=self.raw.len()).find(|&e| self.raw.is_char_boundary(e))?;
        let hay = &self.raw[self.cursor..end];
        let mut from = 0;
        while let Some(i) = hay[from..].find(needle) {
            let at = self.cursor + from + i;
            let before = &self.raw[..at];
            let in_tag = before
                .rfind('<')
                .is_some_and(|lt| before.rfind('>').is_none_or(|gt| gt < lt));
            if !in_tag {
                return Some(at);
            }
            from += i + needle.len();
        }
        None
    }
}

/// The longest run of alphanumeric characters in `w`, with its byte offset.
fn longest_alnum_run(w: &str) -> Option<(usize, &str)> {
    let mut best: Option<(usize, &str)> = None;
    let mut start = None;
    for (i, c) in w.char_indices().chain(std::iter::once((w.len(), ' '))) {
        if c.is_alphanumeric() && c.is_ascii() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            if best.is_none_or(|(_, b)| i - s > b.len()) {
                best = Some((s, &w[s..i]));
            }
        }
    }
    best
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// Metadata from the page head and JSON-LD, in order of trust: JSON-LD, OpenGraph/article
/// meta, plain meta, `<time>`, `<title>`.
fn metadata(doc: &Html) -> Metadata {
    let mut m = Metadata::default();
    let mut date: Option<MetaField> = None;
    for script in doc.select(&sel("script[type='application/ld+json']")) {
        let body: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&body) {
            for obj in article_objects(&v) {
                let s = |k: &str| obj.get(k).and_then(json_str);
                m.title = m.title.or(s("headline")).or(s("name"));
                m.url = m.url.or(s("url"));
                m.author = m.author.or_else(|| obj.get("author").and_then(json_name));
                m.outlet = m
                    .outlet
                    .or_else(|| obj.get("publisher").and_then(json_name));
                if date.is_none() {
                    date = s("datePublished").map(|v| MetaField::new("json-ld:datePublished", v));
                }
            }
        }
    }
    let meta = |keys: &[&str]| -> Option<(String, String)> {
        for k in keys {
            for attr in ["property", "name", "itemprop"] {
                if let Some(el) = doc.select(&sel(&format!("meta[{attr}='{k}']"))).next() {
                    if let Some(c) = el
                        .value()
                        .attr("content")
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                    {
                        return Some((k.to_string(), c.to_string()));
                    }
                }
            }
        }
        None
    };
    m.title = m
        .title
        .or_else(|| meta(&["og:title", "twitter:title"]).map(|x| x.1));
    m.outlet = m
        .outlet
        .or_else(|| meta(&["og:site_name", "application-name"]).map(|x| x.1));
    m.author = m
        .author
        .or_else(|| meta(&["author", "article:author", "byl", "dc.creator"]).map(|x| x.1));
    m.url = m
        .url
        .or_else(|| meta(&["og:url"]).map(|x| x.1))
        .or_else(|| {
            doc.select(&sel("link[rel='canonical']"))
                .next()
                .and_then(|e| e.value().attr("href").map(str::to_string))
        });
    if date.is_none() {
        date = meta(&[
            "article:published_time",
            "og:article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
        ])
        .map(|(k, v)| MetaField::new(&format!("meta:{k}"), v));
    }
    if date.is_none() {
        date = doc
            .select(&sel("time[datetime]"))
            .next()
            .and_then(|t| t.value().attr("datetime"))
            .map(|v| MetaField::new("time[datetime]", v.to_string()));
    }
    if m.title.is_none() {
        m.title = doc
            .select(&sel("title"))
            .next()
            .map(|t| collapse(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty());
    }
    if let Some(f) = date {
        if let Some(d) = crate::meta::parse_date_value(&f.value) {
            m.published = Some(d);
            m.published_basis = Some(DateBasis {
                kind: DateBasisKind::Metadata,
                inferred: false,
                field: Some(f.field),
                evidence: None,
            });
        }
    }
    if let Some(l) = doc.root_element().value().attr("lang") {
        let code = l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase();
        if !code.is_empty() {
            m.language = Some(code);
        }
    }
    m
}

fn article_objects(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    let mut out = Vec::new();
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
            serde_json::Value::Object(o) => {
                let is_article = match o.get("@type") {
                    Some(serde_json::Value::String(t)) => t.ends_with("Article"),
                    Some(serde_json::Value::Array(ts)) => ts
                        .iter()
                        .any(|t| t.as_str().is_some_and(|t| t.ends_with("Article"))),
                    _ => false,
                };
                if is_article {
                    out.push(v);
                }
                if let Some(g) = o.get("@graph") {
                    stack.push(g);
                }
            }
            _ => {}
        }
    }
    out
}

fn json_str(v: &serde_json::Value) -> Option<String> {
    v.as_str().map(collapse).filter(|s| !s.is_empty())
}

fn json_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => json_str(&serde_json::Value::String(s.clone())),
        serde_json::Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(json_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        serde_json::Value::Object(o) => o.get("name").and_then(json_str),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html><html lang="en"><head>
<title>Assad flees | The Daily</title>
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2024-12-08T10:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Assad flees to Moscow","author":{"@type":"Person","name":"Jane Roe"}}</script>
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p></div>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Assad flees to Moscow</h1>
<p>Rebels declared Damascus free on Sunday after a twelve-day offensive &amp; a swift advance.</p>
<figure><img src="x.jpg"><figcaption>Rebels in Homs, December 8, 2024.</figcaption></figure>
<div class="share-buttons"><a href="#">Share on Facebook</a><a href="#">Tweet</a></div>
<p>The Kremlin said he was granted asylum.</p></article>
<section id="comments"><h3>2 comments</h3><p>Great article, thanks for sharing this with us all.</p></section>
<aside class="related-posts"><h4>Related Articles</h4><p><a href="/a">Other story</a></p></aside>
<footer><p>© 2024 The Daily. All rights reserved.</p></footer>
</body></html>"##;

    #[test]
    fn keeps_article_and_names_clutter() {
        let item = read_html("page.html", PAGE);
        assert_eq!(
            item.text,
            "Assad flees to Moscow\n\nRebels declared Damascus free on Sunday after a twelve-day offensive & a swift advance.\n\nRebels in Homs, December 8, 2024.\n\nThe Kremlin said he was granted asylum."
        );
        let reasons: Vec<(&str, &str)> = item
            .removed
            .iter()
            .map(|r| (r.reason.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (
                    "cookie-banner",
                    "We use cookies to improve your experience."
                ),
                ("navigation", "Home"),
                ("navigation", "World"),
                ("share-widget", "Share on FacebookTweet"),
                ("comment-thread", "2 comments"),
                (
                    "comment-thread",
                    "Great article, thanks for sharing this with us all."
                ),
                ("related-links", "Related Articles"),
                ("related-links", "Other story"),
                ("footer", "© 2024 The Daily. All rights reserved."),
            ]
        );
        assert_eq!(item.captions.len(), 1);
        assert_eq!(
            item.captions[0].slice(&item.text),
            "Rebels in Homs, December 8, 2024."
        );
    }

    #[test]
    fn metadata_from_json_ld_and_og() {
        let item = read_html("page.html", PAGE);
        assert_eq!(item.meta.title.as_deref(), Some("Assad flees to Moscow"));
        assert_eq!(item.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(item.meta.outlet.as_deref(), Some("The Daily"));
        assert_eq!(
            item.meta.published.map(|d| d.to_string()).as_deref(),
            Some("2024-12-08")
        );
        let basis = item.meta.published_basis.unwrap();
        assert_eq!(basis.field.as_deref(), Some("meta:article:published_time"));
        assert_eq!(item.meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn kept_text_maps_back_to_markup() {
        let item = read_html("page.html", PAGE);
        for p in item.offsets.pieces() {
            let clean = p.clean.slice(&item.text);
            let raw = p.raw.slice(&item.raw);
            if p.is_verbatim() {
                assert_eq!(clean, raw);
            } else {
                assert!(raw.starts_with(&clean[..4]), "{raw:?} vs {clean:?}");
            }
        }
        let kremlin = item.text.find("The Kremlin").unwrap();
        let at = item.offsets.to_raw_start(kremlin).unwrap();
        assert!(item.raw[at..].starts_with("The Kremlin"));
    }

    #[test]
    fn truncated_html_still_reads() {
        let item = read_html("cut.html", "<html><body><article><p>Rebels entered Homs on December 7 and began to encircle the capital, according to reports from inside the embattled country.</p><p>The fight");
        assert!(item.text.starts_with("Rebels entered Homs"));
        assert!(item.warnings.iter().any(|w| w.contains("truncated")));
    }
}
