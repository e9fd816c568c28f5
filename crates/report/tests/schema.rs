//! The written JSON Schema and the dossier the code emits say the same thing: every member the
//! code writes is declared, and every required member is written.

use corroborate_report::DossierBuilder;
use serde_json::Value;

fn schema() -> Value {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/dossier.schema.json"
    );
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(
            root,
            root.pointer(r.trim_start_matches('#'))
                .unwrap_or_else(|| panic!("bad $ref {r}")),
        ),
        None => node,
    }
}

/// Walks `value` against `node`, checking declared and required members of objects.
fn check(root: &Value, node: &Value, value: &Value, path: &str) {
    let node = resolve(root, node);
    if let Some(alts) = node.get("oneOf").and_then(Value::as_array) {
        // Pick the alternative whose type fits.
        let fits = alts.iter().map(|a| resolve(root, a)).find(|a| {
            match (a.get("type").and_then(Value::as_str), value) {
                (Some("null"), Value::Null) => true,
                (Some("null"), _) | (_, Value::Null) => false,
                _ => true,
            }
        });
        let alt = fits.unwrap_or_else(|| panic!("{path}: no alternative fits {value}"));
        return check(root, alt, value, path);
    }
    match value {
        Value::Object(map) => {
            let props = node
                .get("properties")
                .and_then(Value::as_object)
                .unwrap_or_else(|| panic!("{path}: object not described"));
            for k in map.keys() {
                assert!(
                    props.contains_key(k),
                    "{path}.{k} is written but not in the schema"
                );
            }
            for r in node
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                assert!(
                    map.contains_key(r.as_str().unwrap()),
                    "{path}.{r} is required but not written"
                );
            }
            for (k, v) in map {
                check(root, &props[k], v, &format!("{path}.{k}"));
            }
        }
        Value::Array(items) => {
            if let Some(item) = node.get("items") {
                for (i, v) in items.iter().enumerate() {
                    check(root, item, v, &format!("{path}[{i}]"));
                }
            }
        }
        Value::String(s) => {
            if let Some(allowed) = node.get("enum").and_then(Value::as_array) {
                assert!(
                    allowed.iter().any(|a| a == s),
                    "{path}: {s:?} not in the schema's enum"
                );
            }
        }
        _ => {}
    }
}

#[test]
fn dossier_of_the_sample_matches_the_schema() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/syria-2024-12");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut b = DossierBuilder::new();
    for p in &paths {
        let out =
            corroborate_ingest::read_bytes(&p.display().to_string(), &std::fs::read(p).unwrap());
        for d in out
            .documents
            .into_iter()
            .map(corroborate_extract::segment::segmented)
        {
            b.document(&d, &d.source, None);
            b.times(&d, &corroborate_timex::extract(&d.text, d.meta.published));
        }
    }
    b.error("broken.bin", "binary data (NUL bytes), not text");
    let dossier = b.build();
    assert!(
        dossier.times.len() > 20,
        "the sample has dates and durations"
    );
    let v: Value = serde_json::from_str(&dossier.to_json()).unwrap();
    let root = schema();
    check(&root, &root, &v, "$");
}
