//! Prints each claim's frame and values (head, verb, agent) for a folder of plain-text reports
//! (default: the sample corpus), to review what the slots are made of:
//! `cargo run -p corroborate-compare --example frames_debug [DIR]`.

fn main() {
    let parser = corroborate_extract::syntax::Parser::bundled().expect("the bundled syntax model");
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/syria-2024-12").to_string()
    });
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let mut docs: Vec<corroborate_model::Document> = paths
        .iter()
        .flat_map(|p| {
            corroborate_ingest::read_bytes(
                &p.display().to_string(),
                &std::fs::read(p).expect("read"),
            )
            .documents
            .into_iter()
            .map(corroborate_extract::segment::segmented)
        })
        .collect();
    corroborate_ingest::corpus::infer_dates_from_batch(&mut docs);
    let annotations = corroborate_compare::Annotations::of(&docs, &parser);
    let inputs = annotations.inputs(&docs);
    let a = corroborate_compare::analyze(&inputs);
    for c in a.claims.iter().filter(|c| !c.values.is_empty()) {
        let text = &docs[c.doc].text;
        println!(
            "{} pred={:?} agent={:?} neg={} «{}»",
            c.id,
            c.predicate,
            c.agent,
            c.negated,
            c.sentence.slice(text).chars().take(120).collect::<String>()
        );
        for v in &c.values {
            println!(
                "    {:?} «{}» {}..{} head={:?} role={:?} agent={:?} unit={:?}",
                v.kind,
                v.span.slice(text),
                v.lo,
                v.hi,
                v.head,
                v.role,
                v.agent,
                v.unit
            );
        }
    }
}
