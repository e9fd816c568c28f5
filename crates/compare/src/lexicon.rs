//! Relations between the words of two slots: whether two lemmas name one thing ("fire" /
//! "launch") and whether one covers the other ("casualty" covers "kill" and "wound"). Until the
//! WordNet lexicon is in the tree, only equal lemmas relate.

/// Whether two lemmas name the same thing.
pub(crate) fn close(a: &str, b: &str) -> bool {
    a == b
}

/// Whether `general` covers `specific`.
pub(crate) fn covers(general: &str, specific: &str) -> bool {
    general == specific
}
