//! Alias resolution on a large generated article: the result is what the small cases give
//! (each person's family name joins the full name, each bracketed acronym its organization),
//! at any size. Speed is measured by `examples/alias_scale.rs`, not asserted here.

mod generated;

use corroborate_entities::alias::{resolve, DocMentions, Overrides};
use corroborate_entities::EntityKind;

#[test]
fn a_large_article_resolves_like_a_small_one() {
    let (text, mentions) = generated::article(200_000);
    let es = resolve(
        &[DocMentions {
            doc: "big",
            text: &text,
            mentions: &mentions,
        }],
        &Overrides::none(),
    );
    // Every entity's mentions are spans of the text, and each person has its short form.
    let people: Vec<_> = es.iter().filter(|e| e.kind == EntityKind::Person).collect();
    assert!(people.len() > 1000, "{}", people.len());
    let with_short = people.iter().filter(|e| e.mentions.len() >= 2).count();
    assert!(
        with_short * 10 >= people.len() * 9,
        "{with_short} of {}",
        people.len()
    );
    let orgs_with_acronym = es
        .iter()
        .filter(|e| e.kind == EntityKind::Organization && !e.aliases.is_empty())
        .count();
    assert!(orgs_with_acronym * 10 >= people.len() * 9);
    for e in &es {
        for (_, s) in &e.mentions {
            assert!(s.end <= text.len());
        }
    }
}
