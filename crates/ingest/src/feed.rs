//! RSS 0.9x/1.0/2.0, Atom and JSON Feed: each item becomes a document, with the full content
//! when the feed carries it (else the summary).
//!
//! XML feeds are read item by item ([`for_each_item`]): `quick-xml` finds each top-level
//! `<item>`/`<entry>` and `feed-rs` parses it inside its ancestors' start tags (which carry the
//! namespace declarations), so a feed of 100,000 items never exists as 100,000 parsed entries at
//! once, an item can be stored before the next is parsed, and one broken item is that item's
//! error only. JSON Feeds are parsed whole.

use crate::item::{merge_meta, Item};
use crate::ReadError;
use corroborate_model::{DateBasis, DateBasisKind, Format, Metadata};
use quick_xml::events::Event;
use std::ops::Range;

/// One item of a feed, or why it could not be read: `(item source, message)`.
pub type ItemResult = Result<Item, (String, String)>;

/// Reads every item of a feed. A feed with no items is an error for that input.
pub fn read_feed(source: &str, raw: &str, format: Format) -> Result<Vec<Item>, ReadError> {
    let mut items = Vec::new();
    let mut first_error = None;
    for_each_item(source, raw, format, &mut |r| match r {
        Ok(item) => items.push(item),
        Err((_, message)) => {
            first_error.get_or_insert(message);
        }
    })?;
    match (items.is_empty(), first_error) {
        (true, Some(message)) => Err(ReadError::Malformed(message)),
        _ => Ok(items),
    }
}

/// Hands every item of a feed to `each`, in document order, as soon as it is read. An item
/// that does not parse comes as an error for that item; the feed as a whole fails only when
/// nothing in it can be read (`Err`), and then nothing was handed out.
pub fn for_each_item(
    source: &str,
    raw: &str,
    format: Format,
    each: &mut dyn FnMut(ItemResult),
) -> Result<(), ReadError> {
    if format != Format::JsonFeed {
        if let Some(split) = split_xml(raw) {
            return stream_xml(source, raw, format, &split, each);
        }
    }
    let feed = parse(raw, format)?;
    if feed.entries.is_empty() {
        return Err(ReadError::NoItems);
    }
    let outlet = outlet_of(&feed);
    for (n, e) in feed.entries.into_iter().enumerate() {
        each(Ok(convert(source, n + 1, e, outlet.clone(), format)));
    }
    Ok(())
}

fn parse(raw: &str, format: Format) -> Result<feed_rs::model::Feed, ReadError> {
    feed_rs::parser::parse(raw.as_bytes())
        .map_err(|e| ReadError::Malformed(format!("not a readable {} feed: {e}", format.as_str())))
}

fn outlet_of(feed: &feed_rs::model::Feed) -> Option<String> {
    feed.title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// Where the items of an XML feed are: the start tags of their ancestors (root, `<channel>`),
/// the item ranges, and where the XML stopped being readable, if it did.
#[derive(Debug)]
struct XmlSplit {
    ancestors: Vec<(Range<usize>, String)>,
    items: Vec<Range<usize>>,
    broken: Option<(usize, String)>,
}

/// Finds the top-level items of an RSS or Atom document without building it. `None` when the
/// document is not shaped like a feed we can split (then it is parsed whole).
fn split_xml(raw: &str) -> Option<XmlSplit> {
    let mut reader = quick_xml::Reader::from_str(raw);
    // Open elements above the current position: (start tag range, name).
    let mut open: Vec<(Range<usize>, String)> = Vec::new();
    let mut split: Option<XmlSplit> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let split = split.as_mut()?;
                split.broken = Some((reader.error_position() as usize, e.to_string()));
                break;
            }
        };
        match event {
            Event::Start(start) => {
                let local = start.local_name().into_inner().to_string();
                let parent = open.last().map(|(_, n)| n.as_str());
                let is_item = matches!(
                    (local.as_str(), parent),
                    ("item", Some("channel" | "RDF")) | ("entry", Some("feed"))
                );
                if !is_item {
                    open.push((before..reader.buffer_position() as usize, local));
                    continue;
                }
                let end = start.to_end().into_owned();
                let split = split.get_or_insert_with(|| XmlSplit {
                    ancestors: open.clone(),
                    items: Vec::new(),
                    broken: None,
                });
                if split.ancestors != open {
                    // Items under different parents: not a shape we split.
                    return None;
                }
                if let Err(e) = reader.read_to_end(end.name()) {
                    split.broken = Some((reader.error_position() as usize, e.to_string()));
                    break;
                }
                split.items.push(before..reader.buffer_position() as usize);
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    split
}

fn stream_xml(
    source: &str,
    raw: &str,
    format: Format,
    split: &XmlSplit,
    each: &mut dyn FnMut(ItemResult),
) -> Result<(), ReadError> {
    let opening: String = split
        .ancestors
        .iter()
        .map(|(r, _)| &raw[r.clone()])
        .collect();
    let closing: String = split
        .ancestors
        .iter()
        .rev()
        .map(|(r, _)| format!("</{}>", tag_name(&raw[r.clone()])))
        .collect();
    // The feed's own metadata (its title is the outlet) is what precedes the first item.
    let first = split.items.first().map_or(raw.len(), |r| r.start);
    let head = format!("{}{closing}", &raw[..first]);
    let outlet = parse(&head, format).ok().and_then(|f| outlet_of(&f));
    if split.items.is_empty() {
        return Err(match &split.broken {
            Some((at, e)) => ReadError::Malformed(format!(
                "not a readable {} feed: {e} at byte {at}",
                format.as_str()
            )),
            None => ReadError::NoItems,
        });
    }
    for (n, r) in split.items.iter().enumerate() {
        let one = format!("{opening}{}{closing}", &raw[r.clone()]);
        match parse(&one, format) {
            Ok(feed) => match feed.entries.into_iter().next() {
                Some(e) => each(Ok(convert(source, n + 1, e, outlet.clone(), format))),
                None => each(Err((
                    format!("{source}#{}", n + 1),
                    "feed item could not be read".to_string(),
                ))),
            },
            Err(e) => each(Err((format!("{source}#{}", n + 1), e.to_string()))),
        }
    }
    if let Some((at, e)) = &split.broken {
        each(Err((
            format!("{source}#{}", split.items.len() + 1),
            format!(
                "feed is broken after item {} (byte {at}): {e}; the items before it were read",
                split.items.len()
            ),
        )));
    }
    Ok(())
}

/// `rss` of `<rss version="2.0">`, `rdf:RDF` of `<rdf:RDF xmlns:rdf=…>`.
fn tag_name(start_tag: &str) -> &str {
    let inner = start_tag.trim_start_matches('<');
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(inner.len());
    &inner[..end]
}

/// One parsed entry as an item, numbered `n` (from 1) in its feed.
fn convert(
    source: &str,
    n: usize,
    e: feed_rs::model::Entry,
    outlet: Option<String>,
    format: Format,
) -> Item {
    let date_field = match format {
        Format::Atom => "atom:published",
        Format::JsonFeed => "jsonfeed:date_published",
        _ => "rss:pubDate",
    };
    let body = e
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
        .unwrap_or_default();
    let published = e.published.or(e.updated);
    let meta = Metadata {
        title: e
            .title
            .as_ref()
            .map(|t| t.content.trim().to_string())
            .filter(|t| !t.is_empty()),
        outlet,
        author: {
            let names: Vec<String> = e
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref())
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        },
        url: e.links.first().map(|l| l.href.clone()),
        published: published.map(|d| d.date_naive()),
        published_basis: published.map(|_| DateBasis {
            kind: DateBasisKind::Metadata,
            inferred: false,
            field: Some(
                if e.published.is_some() {
                    date_field
                } else {
                    "updated"
                }
                .to_string(),
            ),
            evidence: None,
        }),
        ..Metadata::default()
    };
    let item_source = format!("{source}#{n}");
    if body.trim().is_empty() {
        let mut item = Item::plain(item_source, format, String::new(), meta);
        item.warnings
            .push("feed item has no content or summary".to_string());
        return item;
    }
    let mut item = Item::from_field(item_source, format, &body, Metadata::default());
    item.meta = merge_meta(meta, item.meta);
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_documents() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire Desk</title>
<item><title>Rebels enter Homs</title><link>https://example.org/homs</link>
<pubDate>Sat, 07 Dec 2024 18:00:00 GMT</pubDate>
<description>&lt;p&gt;The militants entered the central city of Homs on December 7.&lt;/p&gt;</description></item>
<item><title>Assad flees</title><pubDate>Sun, 08 Dec 2024 06:00:00 GMT</pubDate>
<description>Assad has fled Damascus by plane.</description></item>
</channel></rss>"#;
        let items = read_feed("desk.rss", rss, Format::Rss).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0].text,
            "The militants entered the central city of Homs on December 7."
        );
        assert_eq!(items[0].meta.outlet.as_deref(), Some("Wire Desk"));
        assert_eq!(
            items[0].meta.url.as_deref(),
            Some("https://example.org/homs")
        );
        assert_eq!(items[0].meta.published.unwrap().to_string(), "2024-12-07");
        assert_eq!(items[1].source, "desk.rss#2");
        assert_eq!(items[1].text, "Assad has fled Damascus by plane.");
    }

    #[test]
    fn atom_full_content_wins_over_summary() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>x</id><updated>2024-12-08T00:00:00Z</updated>
<entry><title>Talks in Doha</title><id>1</id><updated>2024-12-08T00:00:00Z</updated><published>2024-12-07T12:00:00Z</published>
<summary>Short.</summary><content type="html">&lt;p&gt;The foreign ministers of Russia, Iran and Turkey met in Doha.&lt;/p&gt;</content></entry></feed>"#;
        let items = read_feed("desk.atom", atom, Format::Atom).unwrap();
        assert_eq!(
            items[0].text,
            "The foreign ministers of Russia, Iran and Turkey met in Doha."
        );
        assert_eq!(
            items[0]
                .meta
                .published_basis
                .as_ref()
                .unwrap()
                .field
                .as_deref(),
            Some("atom:published")
        );
    }

    #[test]
    fn json_feed_and_empty_feed() {
        let jf = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_text":"Lavrov spoke in Doha.","date_published":"2024-12-07T10:00:00Z"}]}"#;
        let items = read_feed("j.json", jf, Format::JsonFeed).unwrap();
        assert_eq!(items[0].text, "Lavrov spoke in Doha.");
        let empty =
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>"#;
        assert!(matches!(
            read_feed("e.rss", empty, Format::Rss),
            Err(ReadError::NoItems)
        ));
    }
}
