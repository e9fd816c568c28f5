//! schema.org ClaimReview JSON-LD, one per conflict: the claim in dispute, the reports that
//! carry each side as its appearances, and a rating that says the sources conflict (not which
//! is true: corroborate compares reports, it does not check facts).

use super::{as_of, outlets, safe_url};
use crate::dossier::Dossier;
use serde_json::{json, Value};
use std::collections::BTreeSet;

pub(super) fn render(d: &Dossier) -> Value {
    let names = outlets(d);
    let reviews: Vec<Value> = d
        .comparisons
        .iter()
        .filter(|c| c.verdict == "conflict")
        .map(|c| {
            let sides: Vec<String> = c
                .positions
                .iter()
                .map(|p| {
                    let outs: BTreeSet<&str> = p
                        .spans
                        .iter()
                        .filter_map(|s| names.get(s.doc.as_str()).copied())
                        .collect();
                    format!(
                        "“{}” ({})",
                        p.value,
                        outs.into_iter().collect::<Vec<_>>().join(", ")
                    )
                })
                .collect();
            let docs: BTreeSet<&str> = c
                .positions
                .iter()
                .flat_map(|p| p.spans.iter().map(|s| s.doc.as_str()))
                .collect();
            let appearances: Vec<Value> = d
                .documents
                .iter()
                .filter(|x| docs.contains(x.id.as_str()))
                .map(|x| {
                    json!({
                        "@type": "NewsArticle",
                        "headline": x.title,
                        "url": safe_url(x.url.as_deref()),
                        "datePublished": x.published,
                        "publisher": { "@type": "Organization", "name": x.outlet },
                    })
                })
                .collect();
            let kind = c.kind.as_deref().unwrap_or("other");
            let degree = c.degree.as_deref().unwrap_or("tension");
            json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "identifier": c.id,
                "name": format!("Sources conflict on {}", c.topic),
                "claimReviewed": c.topic,
                "reviewBody": sides.join(" versus "),
                "datePublished": as_of(d),
                "author": { "@type": "Organization", "name": "corroborate (automated comparison of reports)" },
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": format!("Conflicting reports ({kind}, {degree})"),
                },
                "itemReviewed": { "@type": "Claim", "appearance": appearances },
            })
        })
        .collect();
    Value::Array(reviews)
}
