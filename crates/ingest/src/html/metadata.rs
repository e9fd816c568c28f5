//! Page metadata from the head and JSON-LD, in order of trust: JSON-LD, OpenGraph/article meta,
//! plain meta, `<time>`, `<title>`.

use super::collapse;
use crate::item::MetaField;
use corroborate_model::{DateBasis, DateBasisKind, Metadata};
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// Metadata from the page head and JSON-LD, in order of trust: JSON-LD, OpenGraph/article
/// meta, plain meta, `<time>`, `<title>`.
/// The metadata, and whether its title is the JSON-LD headline (trusted over the visible one).
pub(super) fn metadata(doc: &Html) -> (Metadata, bool, Option<String>) {
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
    let title_from_json_ld = m.title.is_some();
    // Every <meta> once: (attribute, name as written, content). Looking each key up with a
    // selector would walk the whole page once per key and attribute.
    let metas: Vec<(&str, &str, &str)> = doc
        .select(&sel("meta[content]"))
        .flat_map(|el| {
            let v = el.value();
            let content = v.attr("content").map(str::trim).unwrap_or_default();
            ["property", "name", "itemprop"]
                .into_iter()
                .filter_map(move |a| v.attr(a).map(|k| (a, k, content)))
        })
        .filter(|(_, _, c)| !c.is_empty())
        .collect();
    let meta = |keys: &[&str]| -> Option<(String, String)> {
        for k in keys {
            for attr in ["property", "name", "itemprop"] {
                if let Some((_, _, c)) = metas.iter().find(|(a, key, _)| *a == attr && key == k) {
                    return Some((k.to_string(), c.to_string()));
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
    let page_title = doc
        .select(&sel("title"))
        .next()
        .map(|t| collapse(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    if m.title.is_none() {
        m.title = page_title
            .as_deref()
            .map(without_site_name)
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
    (m, title_from_json_ld, page_title)
}

/// `<title>` usually adds the site's name ("Headline | Site", "Site - Headline"): as
/// readability does, keep the part before the last separator when it has three words or more,
/// else the part after the first one, else the whole.
fn without_site_name(title: &str) -> String {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " / ", " \\ "];
    let last = SEPARATORS
        .iter()
        .filter_map(|s| title.rfind(s).map(|i| (i, s.len())))
        .max();
    let first = SEPARATORS
        .iter()
        .filter_map(|s| title.find(s).map(|i| (i, s.len())))
        .min();
    let (Some((last, _)), Some((first, len))) = (last, first) else {
        return title.to_string();
    };
    let words = |s: &str| s.split_whitespace().count();
    let before = title[..last].trim();
    if words(before) >= 3 {
        return before.to_string();
    }
    let after = title[first + len..].trim();
    if words(after) >= 3 {
        return after.to_string();
    }
    title.to_string()
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

#[cfg(test)]
#[test]
fn site_names_come_off_titles() {
    assert_eq!(
        without_site_name("Assad flees to Moscow | The Daily"),
        "Assad flees to Moscow"
    );
    assert_eq!(
        without_site_name("The Daily - Assad flees to Moscow"),
        "Assad flees to Moscow"
    );
    assert_eq!(without_site_name("Assad flees"), "Assad flees");
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
