//! RSS 0.9x/1.0/2.0, Atom and JSON Feed: each item becomes a document, with the full content
//! when the feed carries it (else the summary).

use crate::item::{merge_meta, Item};
use crate::ReadError;
use corroborate_model::{DateBasis, DateBasisKind, Format, Metadata};

/// Reads every item of a feed. A feed with no items is an error for that input.
pub fn read_feed(source: &str, raw: &str, format: Format) -> Result<Vec<Item>, ReadError> {
    let feed = feed_rs::parser::parse(raw.as_bytes()).map_err(|e| {
        ReadError::Malformed(format!("not a readable {} feed: {e}", format.as_str()))
    })?;
    if feed.entries.is_empty() {
        return Err(ReadError::NoItems);
    }
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    let date_field = match format {
        Format::Atom => "atom:published",
        Format::JsonFeed => "jsonfeed:date_published",
        _ => "rss:pubDate",
    };
    let mut items = Vec::new();
    for (n, e) in feed.entries.into_iter().enumerate() {
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
            outlet: outlet.clone(),
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
        let item_source = format!("{source}#{}", n + 1);
        if body.trim().is_empty() {
            let mut item = Item::plain(item_source, format, String::new(), meta);
            item.warnings
                .push("feed item has no content or summary".to_string());
            items.push(item);
            continue;
        }
        let mut item = Item::from_field(item_source, format, &body, Metadata::default());
        item.meta = merge_meta(meta, item.meta);
        items.push(item);
    }
    Ok(items)
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
