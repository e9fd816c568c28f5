//! The entity stage's view of one document, as the story stage uses it: the names of the people,
//! organizations, places and groups it mentions after within-document alias resolution
//! ("Assad" is "Bashar al-Assad" there), and the key under which spellings of one name meet
//! across documents ("al-Julani", "al-Golani" and "al-Jolani" share one).

use corroborate_entities::alias::names::{name_key, Name};
use corroborate_entities::alias::{self, DocMentions, Overrides};
use corroborate_entities::ner::Tagger;
use corroborate_entities::{EntityKind, Mention};
use corroborate_model::Span;

/// Canonical names of the entities one document mentions, each once, in name order. Only what
/// names a participant counts: people, organizations, places and facilities, and groups
/// (nationalities, movements); not works, events or other miscellany.
pub fn document_entities(tagger: &Tagger, text: &str, sentences: &[Span]) -> Vec<String> {
    document_entities_of(text, &tagger.mentions(text, sentences))
}

/// [`document_entities`] from mentions the entity stage already found, so that a pipeline which
/// has tagged a document does not tag it again.
pub fn document_entities_of(text: &str, mentions: &[Mention]) -> Vec<String> {
    let doc = DocMentions {
        doc: "d",
        text,
        mentions,
    };
    let mut names: Vec<String> = alias::resolve(&[doc], &Overrides::default())
        .into_iter()
        .filter(|e| e.kind != EntityKind::Misc)
        .map(|e| e.name)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The key under which spellings of one name meet: titles and articles set aside, each word
/// reduced by the transliteration rules of the entity stage (vowels, j/g, doubled letters,
/// apostrophes for ayn and hamza). Empty when nothing of a name is left.
pub fn entity_key(name: &str) -> String {
    name_key(&Name::parse(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_share_a_key() {
        assert_eq!(entity_key("al-Julani"), entity_key("al-Golani"));
        assert_eq!(
            entity_key("Abu Mohammad al-Jolani"),
            entity_key("Abu Mohammed al-Julani")
        );
        assert_eq!(
            entity_key("President Bashar al-Assad"),
            entity_key("Bashar Assad")
        );
        assert_ne!(entity_key("Bashar al-Assad"), entity_key("Maher al-Assad"));
        assert_ne!(entity_key("Damascus"), entity_key("Aleppo"));
    }

    #[test]
    fn a_document_names_its_entities_once_each() {
        let tagger = Tagger::load_default().unwrap();
        let text = "President Bashar al-Assad fled Damascus. Assad landed in Moscow, where Vladimir Putin granted him asylum.";
        let sentences = [Span::new(0, 40), Span::new(41, text.len())];
        let names = document_entities(&tagger, text, &sentences);
        assert!(names.contains(&"Bashar al-Assad".to_string()), "{names:?}");
        assert!(names.contains(&"Damascus".to_string()), "{names:?}");
        assert!(names.contains(&"Vladimir Putin".to_string()), "{names:?}");
        assert!(
            !names.contains(&"Assad".to_string()),
            "resolved within the document: {names:?}"
        );
    }
}
