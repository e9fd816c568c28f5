//! Prints the comparisons and timeline the comparison finds in a folder of plain-text reports
//! (default: the sample corpus), for review: `cargo run -p corroborate-compare --example compare_sample [DIR]`.

use corroborate_compare::analyze;

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
    let a = analyze(&inputs);
    println!(
        "{} claims, {} comparisons, {} timeline entries\n",
        a.claims.len(),
        a.comparisons.len(),
        a.timeline.len()
    );
    for c in &a.comparisons {
        println!(
            "{} {:?} {:?} {:?} — {}",
            c.id, c.verdict, c.kind, c.degree, c.topic
        );
        for p in &c.positions {
            println!("   [{}] {} source(s)", p.value, p.independent_sources);
            for (cl, sp) in &p.spans {
                let claim = &a.claims[*cl];
                let d = &docs[claim.doc];
                println!(
                    "      doc{} «{}» in: {}",
                    claim.doc + 1,
                    sp.slice(&d.text),
                    claim
                        .sentence
                        .slice(&d.text)
                        .chars()
                        .take(140)
                        .collect::<String>()
                );
            }
        }
    }
    println!("\nTimeline:");
    for e in &a.timeline {
        let c = &a.claims[e.what];
        println!(
            "  {} {} doc{}: {}",
            e.date,
            e.disputed_by.as_deref().unwrap_or(""),
            c.doc + 1,
            c.sentence
                .slice(&docs[c.doc].text)
                .chars()
                .take(120)
                .collect::<String>()
        );
        for s in &e.sources {
            println!("        + doc{}", a.claims[*s].doc + 1);
        }
    }
}
