//! The quote and attribution extractor over the five sample articles in `examples/syria-2024-12`:
//! every attribution printed with its parts bracketed, as a snapshot a reviewer can read.

use corroborate_extract::{quotes, segment};
use std::path::Path;

#[test]
fn sample_corpus_attributions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "the sample corpus has five articles");
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let (_, sentences) = segment::segment(&text);
        let attrs = quotes::extract(&text, &sentences);
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        for a in &attrs {
            // Every span is a slice of the document on char boundaries.
            for s in [Some(a.content), a.cue, a.source, a.resolved_source]
                .into_iter()
                .flatten()
                .chain(a.relayed_by.iter().copied())
            {
                assert!(
                    text.is_char_boundary(s.start)
                        && text.is_char_boundary(s.end)
                        && s.start < s.end
                );
            }
        }
        insta::assert_snapshot!(
            name,
            format!(
                "{} attributions\n\n{}",
                attrs.len(),
                quotes::render(&text, &attrs)
            )
        );
    }
}
