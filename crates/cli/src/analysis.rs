//! Turning stored documents and their annotations into the comparison's input, and running it.

use corroborate_compare::{Analysis, DocInput};
use corroborate_model::Document;
use corroborate_report::dossier::CopyLink;
use corroborate_timex::Timex;
use std::collections::HashMap;

/// Claims, comparisons and timeline over the documents of one dossier.
pub fn compare(
    docs: &[(Document, String)],
    times: &[Vec<Timex>],
    copies: &HashMap<String, CopyLink>,
) -> Analysis {
    let quantities: Vec<_> = docs
        .iter()
        .map(|(d, _)| corroborate_extract::quantities::extract(&d.text))
        .collect();
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, (d, _))| (d.id.0.as_str(), i))
        .collect();
    let inputs: Vec<DocInput<'_>> = docs
        .iter()
        .enumerate()
        .map(|(i, (d, _))| DocInput {
            id: &d.id.0,
            text: &d.text,
            sentences: &d.sentences,
            title: d.meta.title_span,
            captions: &d.captions,
            published: d.meta.published,
            times: &times[i],
            quantities: &quantities[i],
            attributions: &[],
            copy_of: copies
                .get(&d.id.0)
                .and_then(|c| index.get(c.original.as_str()).copied()),
        })
        .collect();
    corroborate_compare::analyze(&inputs)
}
