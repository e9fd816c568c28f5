//! JSON Lines: one object per line with at least `text`, and optional `url`, `title`,
//! `outlet`, `published`, `author`. A bad line is reported and the rest are read.

use crate::item::Item;
use crate::meta::parse_date_value;
use corroborate_model::{DateBasis, DateBasisKind, Format, Metadata};

/// Items and per-line problems (`source#LINE: problem`).
pub fn read_jsonl(source: &str, raw: &str) -> (Vec<Item>, Vec<(String, String)>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    // A single JSON array of objects is accepted too.
    if raw.trim_start().starts_with('[') {
        match serde_json::from_str::<Vec<serde_json::Value>>(raw) {
            Ok(values) => {
                for (i, v) in values.iter().enumerate() {
                    push(source, i + 1, v, &mut items, &mut errors);
                }
            }
            Err(e) => errors.push((
                source.to_string(),
                format!("not a JSON array of objects: {e}"),
            )),
        }
        return (items, errors);
    }
    for (i, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => push(source, i + 1, &v, &mut items, &mut errors),
            Err(e) => errors.push((
                format!("{source}#{}", i + 1),
                format!("line is not valid JSON: {e}"),
            )),
        }
    }
    (items, errors)
}

fn push(
    source: &str,
    line: usize,
    v: &serde_json::Value,
    items: &mut Vec<Item>,
    errors: &mut Vec<(String, String)>,
) {
    let here = format!("{source}#{line}");
    let Some(obj) = v.as_object() else {
        errors.push((here, "not a JSON object".to_string()));
        return;
    };
    let s = |k: &str| {
        obj.get(k)
            .and_then(|x| x.as_str())
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
    };
    let Some(text) = s("text").or_else(|| s("content")).or_else(|| s("body")) else {
        errors.push((here, "object has no \"text\" field".to_string()));
        return;
    };
    let published_raw = s("published").or_else(|| s("date"));
    let published = published_raw.as_deref().and_then(parse_date_value);
    let meta = Metadata {
        title: s("title"),
        outlet: s("outlet").or_else(|| s("source")),
        author: s("author"),
        url: s("url"),
        published,
        published_basis: published.map(|_| DateBasis {
            kind: DateBasisKind::Metadata,
            inferred: false,
            field: Some("jsonl:published".to_string()),
            evidence: None,
        }),
        ..Metadata::default()
    };
    let mut item = Item::from_field(here, Format::Jsonl, &text, meta);
    if published_raw.is_some() && published.is_none() {
        item.warnings.push(format!(
            "could not read the date {:?}",
            published_raw.unwrap_or_default()
        ));
    }
    items.push(item);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_objects_and_reports_bad_lines() {
        let raw = "{\"text\": \"Assad fled.\", \"outlet\": \"RFE/RL\", \"published\": \"2024-12-08\"}\nnot json\n{\"title\": \"no text\"}\n\n{\"text\": \"Homs fell.\", \"published\": \"yesterday\"}\n";
        let (items, errors) = read_jsonl("in.jsonl", raw);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].source, "in.jsonl#1");
        assert_eq!(items[0].meta.outlet.as_deref(), Some("RFE/RL"));
        assert_eq!(items[0].meta.published.unwrap().to_string(), "2024-12-08");
        assert!(items[1].warnings[0].contains("yesterday"));
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].0, "in.jsonl#2");
        assert!(errors[1].1.contains("no \"text\""));
    }
}
