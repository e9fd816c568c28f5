//! The tag set of the tagger: IOB2 over seven fine entity types, and its mappings.

use super::mention::EntityKind;

/// Fine entity types the model predicts, in tag order.
pub const TYPES: [&str; 7] = ["PER", "ORG", "GPE", "LOC", "FAC", "NORP", "MISC"];

/// Number of tags: `O`, then `B-T`, `I-T` for each type.
pub const N_TAGS: usize = 1 + 2 * TYPES.len();

/// Tag index of `O`.
pub const O: usize = 0;

/// The fine tag names, index-aligned with the model's tags.
pub const TAG_NAMES: [&str; N_TAGS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-GPE", "I-GPE", "B-LOC", "I-LOC", "B-FAC", "I-FAC",
    "B-NORP", "I-NORP", "B-MISC", "I-MISC",
];

/// The CoNLL-2003 (PER, ORG, LOC, MISC) rendering of each fine tag.
pub const CONLL_NAMES: [&str; N_TAGS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-LOC", "I-LOC", "B-LOC", "I-LOC",
    "B-MISC", "I-MISC", "B-MISC", "I-MISC",
];

/// The `B-` tag of type index `t`.
pub fn begin(t: usize) -> usize {
    1 + 2 * t
}

/// Whether tag `tag` is an `I-` tag.
pub fn is_inside(tag: usize) -> bool {
    tag != O && tag.is_multiple_of(2)
}

/// The type index of a non-`O` tag.
pub fn type_of(tag: usize) -> usize {
    (tag - 1) / 2
}

/// IOB2 validity: `I-T` only follows `B-T` or `I-T`.
pub fn allowed_transition(prev: Option<usize>, next: usize) -> bool {
    if !is_inside(next) {
        return true;
    }
    match prev {
        None => false,
        Some(p) => p != O && type_of(p) == type_of(next),
    }
}

/// Parses a fine tag name (`B-GPE`), also accepting `PERSON` spelled the spaCy way.
pub fn parse_tag(name: &str) -> Option<usize> {
    if name == "O" {
        return Some(O);
    }
    let (prefix, ty) = name.split_once('-')?;
    let ty = if ty == "PERSON" { "PER" } else { ty };
    let t = TYPES.iter().position(|x| *x == ty)?;
    match prefix {
        "B" => Some(begin(t)),
        "I" => Some(begin(t) + 1),
        _ => None,
    }
}

/// The entity kind of a fine type index.
pub fn kind_of_type(t: usize) -> EntityKind {
    match TYPES[t] {
        "PER" => EntityKind::Person,
        "ORG" => EntityKind::Organization,
        "GPE" => EntityKind::Gpe,
        "LOC" => EntityKind::Location,
        "FAC" => EntityKind::Facility,
        "NORP" => EntityKind::Group,
        _ => EntityKind::Misc,
    }
}

/// Entity runs `(start, end, type)` over token indices, from a tag sequence (a stray `I-` opens a run).
pub fn runs(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if tags[i] == O {
            i += 1;
            continue;
        }
        let t = type_of(tags[i]);
        let mut j = i + 1;
        while j < tags.len() && is_inside(tags[j]) && type_of(tags[j]) == t {
            j += 1;
        }
        out.push((i, j, t));
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, n) in TAG_NAMES.iter().enumerate() {
            assert_eq!(parse_tag(n), Some(i));
        }
        assert_eq!(parse_tag("B-PERSON"), Some(1));
        assert_eq!(parse_tag("X-PER"), None);
    }

    #[test]
    fn runs_follow_iob2() {
        let t = |n: &str| parse_tag(n).unwrap();
        let tags = [
            t("B-PER"),
            t("I-PER"),
            t("O"),
            t("I-GPE"),
            t("B-ORG"),
            t("B-ORG"),
        ];
        assert_eq!(
            runs(&tags),
            vec![(0, 2, 0), (3, 4, 2), (4, 5, 1), (5, 6, 1)]
        );
        assert!(!allowed_transition(Some(t("B-PER")), t("I-ORG")));
        assert!(allowed_transition(Some(t("B-PER")), t("I-PER")));
        assert!(!allowed_transition(None, t("I-PER")));
    }
}
