//! A generated article of unique text with many names, for the scale test and example of alias
//! resolution: made-up people (given + family name, then the family name alone), organizations
//! with their acronyms in brackets, and places, from a fixed-seed generator.

#![allow(dead_code)] // shared by a test and an example

use corroborate_entities::{EntityKind, Mention};
use corroborate_model::Span;

/// A deterministic pseudo-random word: syllables from a fixed-seed linear congruential stream.
struct Words(u64);

impl Words {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn word(&mut self, syllables: usize) -> String {
        const S: [&str; 16] = [
            "ka", "lo", "mi", "ra", "tu", "ve", "so", "ni", "da", "pe", "zu", "ho", "bi", "ge",
            "fa", "wo",
        ];
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(S[(self.next() % 16) as usize]);
        }
        w
    }

    fn name(&mut self, syllables: usize) -> String {
        let w = self.word(syllables);
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }
}

/// About `bytes` of text in paragraphs, and the mentions a recognizer would give.
pub fn article(bytes: usize) -> (String, Vec<Mention>) {
    let mut g = Words(42);
    let mut text = String::from("A generated report\n\n");
    let mut mentions = Vec::new();
    let mut push = |text: &mut String, s: &str, kind: EntityKind| {
        let start = text.len();
        text.push_str(s);
        mentions.push(Mention {
            span: Span::new(start, text.len()),
            kind,
            score: 1.0,
        });
    };
    while text.len() < bytes {
        let (given, family) = (g.name(2), g.name(3));
        let org: Vec<String> = (0..4).map(|_| g.name(2)).collect();
        let acronym: String = org.iter().filter_map(|w| w.chars().next()).collect();
        let place = g.name(3);
        push(&mut text, &format!("{given} {family}"), EntityKind::Person);
        text.push_str(" of the ");
        push(&mut text, &org.join(" "), EntityKind::Organization);
        text.push_str(" (");
        push(&mut text, &acronym, EntityKind::Organization);
        text.push_str(") said in ");
        push(&mut text, &place, EntityKind::Gpe);
        text.push_str(&format!(" that the {} was {}. ", g.word(2), g.word(3)));
        push(&mut text, &family, EntityKind::Person);
        text.push_str(&format!(" added that {} {} ", g.word(3), g.word(2)));
        push(&mut text, &place, EntityKind::Gpe);
        text.push_str(" had waited.\n");
    }
    (text, mentions)
}
