//! HTML pages: main-text extraction with a real HTML parser, and metadata from `<title>`,
//! `<meta>`, OpenGraph, JSON-LD (`NewsArticle`/`Article`) and `<time>`.
//!
//! The page goes through five steps, each linear in its size:
//! - [`depth`]: tags nested deeper than a limit are blanked (same length), so neither the parser
//!   nor anything after it sees a pathological tree;
//! - the parser (html5ever, scripting off so `<noscript>` holds elements);
//! - [`blocks`]: one iterative walk cuts the page into text blocks owned by block-level elements,
//!   with class/id cues read as whole tokens ([`cues`]) and hidden elements left out;
//! - [`select`]: readability-style container scoring with text and link density, tag and cue
//!   weights, sibling joining, per-block clutter verdicts, and the headline, byline and caption
//!   roles;
//! - [`locate`]: every kept word is found in the raw markup, so offsets stay exact.
//!
//! The headline becomes the title (not body text) and is listed in `removed` as `headline`;
//! bylines and date lines likewise as `byline`; captions stay in the text and are marked.

mod blocks;
mod cues;
mod depth;
mod locate;
mod metadata;
mod select;

use crate::item::Item;
use corroborate_model::{Format, OffsetMap, RemovalReason, Removed, Span};
use html5ever::tendril::TendrilSink;
use scraper::{Html, HtmlTreeSink};
use select::Role;

/// Extracts the article from one HTML page.
pub fn read_html(source: &str, raw: &str) -> Item {
    let limited = depth::limit_depth(raw);
    let doc = parse(&limited);
    let mut warnings = Vec::new();
    if matches!(limited, std::borrow::Cow::Owned(_)) {
        warnings.push(format!(
            "HTML nests deeper than {} elements; the deeper tags were read as flat text",
            depth::MAX_DEPTH
        ));
    }
    if !doc.errors.is_empty() && !raw.is_empty() && !has_html_end(raw) {
        warnings.push("HTML looks truncated (no closing </html>); read what was there".to_string());
    }
    let (mut meta, title_from_json_ld, page_title) = metadata::metadata(&doc);
    let mut page = blocks::walk(&doc, false);
    let (mut roles, mut headline) =
        select::select(&page, meta.title.as_deref(), page_title.as_deref());
    if !roles.contains(&Role::Body) {
        // A script shell may keep its only readable text in <noscript>.
        let alt = blocks::walk(&doc, true);
        let (alt_roles, alt_headline) =
            select::select(&alt, meta.title.as_deref(), page_title.as_deref());
        if alt_roles.contains(&Role::Body) {
            (page, roles, headline) = (alt, alt_roles, alt_headline);
        }
    }
    if !roles.contains(&Role::Body) {
        // A page with a headline and a byline and nothing else (a photo post): they are its
        // text, rather than no document at all.
        for r in roles.iter_mut() {
            if matches!(
                r,
                Role::Removed(RemovalReason::Headline | RemovalReason::Byline)
            ) {
                *r = Role::Body;
            }
        }
    }
    if let Some(h) = headline {
        if !title_from_json_ld {
            meta.title = Some(page.blocks[h].text.clone());
        }
    }
    let mut text = String::new();
    let mut offsets = OffsetMap::new();
    let mut removed = Vec::new();
    let mut captions = Vec::new();
    let mut finder = locate::Finder::new(raw);
    for (b, role) in page.blocks.iter().zip(&roles) {
        let cursor = finder.raw_cursor();
        let words = finder.words(&b.text);
        if let Role::Removed(reason) = *role {
            let raw_span = words
                .first()
                .zip(words.last())
                .map_or(Span::new(cursor, cursor), |(f, l)| {
                    Span::new(f.1.start, l.1.end)
                });
            if reason == RemovalReason::Byline && meta.author.is_none() {
                meta.author = author_of(&b.text);
            }
            removed.push(Removed {
                raw: raw_span,
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
        for (c, r) in words {
            offsets.push(Span::new(start + c.start, start + c.end), r);
        }
        if *role == Role::Caption {
            captions.push(Span::new(start, text.len()));
        }
    }
    if text.trim().is_empty() {
        if page.frames.is_empty() {
            warnings.push("no article text found in the page".to_string());
        } else {
            warnings.push(format!(
                "no article text found in the page; it is a frame set (frames: {})",
                page.frames.join(", ")
            ));
        }
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

/// Parses with scripting off, as a reader without JavaScript sees the page.
fn parse(raw: &str) -> Html {
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::parse_document(HtmlTreeSink::new(Html::new_document()), opts).one(raw)
}

/// Whether `</html>` occurs (ASCII case-insensitively) near the end of the page.
fn has_html_end(raw: &str) -> bool {
    let b = raw.as_bytes();
    let tail = &b[b.len().saturating_sub(64 * 1024)..];
    tail.windows(7).any(|w| w.eq_ignore_ascii_case(b"</html>"))
}

/// "By Jane Roe, Staff Writer | 8 Dec" → "Jane Roe".
fn author_of(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
        .or_else(|| line.strip_prefix("BY "))?;
    let cut = rest
        .find([',', '|', '•', '·', '—', '–', '\n'])
        .unwrap_or(rest.len());
    let name: Vec<&str> = rest[..cut]
        .split_whitespace()
        .take_while(|w| !w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .take(6)
        .collect();
    (!name.is_empty()).then(|| name.join(" "))
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
            "Rebels declared Damascus free on Sunday after a twelve-day offensive & a swift advance.\n\nRebels in Homs, December 8, 2024.\n\nThe Kremlin said he was granted asylum."
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
                ("headline", "Assad flees to Moscow"),
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
                // Only character references are rewritten, each as a whole.
                assert!(
                    raw.starts_with('&') && raw.ends_with(';'),
                    "{raw:?} vs {clean:?}"
                );
            }
        }
        let kremlin = item.text.find("The Kremlin").unwrap();
        let at = item.offsets.to_raw_start(kremlin).unwrap();
        assert!(item.raw[at..].starts_with("The Kremlin"));
    }

    #[test]
    fn a_paragraph_the_page_repeats_is_read_once() {
        let para = "<p>The ratings firm lowered its outlook on Germany late on Monday, citing the cost of a breakup.</p>";
        let page = format!(
            "<html><body><div class='teaser'>{para}</div><article>{para}<p>Markets fell around the world on fears about Europe, and bond yields rose.</p></article></body></html>"
        );
        let item = read_html("twice.html", &page);
        assert_eq!(
            item.text.matches("The ratings firm").count(),
            1,
            "{}",
            item.text
        );
        assert!(item.text.contains("Markets fell"));
    }

    #[test]
    fn truncated_html_still_reads() {
        let item = read_html("cut.html", "<html><body><article><p>Rebels entered Homs on December 7 and began to encircle the capital, according to reports from inside the embattled country.</p><p>The fight");
        assert!(item.text.starts_with("Rebels entered Homs"));
        assert!(item.warnings.iter().any(|w| w.contains("truncated")));
    }
}
