//! The roster of the five sample articles (../shared/corpus/syria-2024-12), checked the way a
//! careful reader would: alias groups joined, people who share a family name kept apart, and
//! every merge explained. The articles are the repository's copy in `examples/syria-2024-12`.

mod sample_mentions;

use corroborate_entities::alias::{resolve, DocMentions, Entity, Overrides};
use corroborate_entities::EntityKind;

/// (document id, text) of each sample article.
type Docs = Vec<(String, String)>;

fn roster() -> (Docs, Vec<Entity>) {
    let docs = sample_mentions::load();
    let mentions: Vec<_> = docs.iter().map(|(_, t)| sample_mentions::tag(t)).collect();
    let dm: Vec<DocMentions> = docs
        .iter()
        .zip(&mentions)
        .map(|((id, text), m)| DocMentions {
            doc: id,
            text,
            mentions: m,
        })
        .collect();
    let es = resolve(&dm, &Overrides::none());
    (docs, es)
}

fn find<'a>(es: &'a [Entity], name: &str) -> &'a Entity {
    es.iter()
        .find(|e| e.name == name || e.aliases.iter().any(|a| a == name))
        .unwrap_or_else(|| panic!("no entity has the name {name:?}"))
}

fn names(e: &Entity) -> Vec<&str> {
    let mut v: Vec<&str> = e.aliases.iter().map(String::as_str).collect();
    v.push(&e.name);
    v
}

#[test]
fn sample_corpus_roster() {
    let (docs, es) = roster();
    let text_of = |doc: &str| &docs.iter().find(|(d, _)| d == doc).unwrap().1;

    // One man under four names and their spellings.
    let sharaa = find(&es, "Abu Mohammad al-Jolani");
    for n in [
        "Abu Mohammed al-Julani",
        "Mohammad al-Golani",
        "Ahmed Hussein al-Shar’a",
        "Abu Al-Jolani",
        "Jolani",
        "Al-Julani",
    ] {
        assert!(
            names(sharaa).contains(&n),
            "{n} missing from {:?}",
            names(sharaa)
        );
    }
    assert_eq!(sharaa.kind, EntityKind::Person);
    let docs_of = |e: &Entity| {
        let mut d: Vec<&str> = e.mentions.iter().map(|(d, _)| d.as_str()).collect();
        d.dedup();
        d.len()
    };
    assert_eq!(docs_of(sharaa), 4, "named in four of the five articles");

    // HTS and its expansion in both spellings, in the four articles that name it.
    let hts = find(&es, "HTS");
    assert!(names(hts).contains(&"Hay’at Tahrir al-Sham"));
    assert!(names(hts).contains(&"Hayat Tahrir al-Sham"));
    assert_eq!(hts.name, "Hayat Tahrir al-Sham");
    assert_eq!(docs_of(hts), 4);
    assert!(
        !names(hts).contains(&"Al-Qaeda"),
        "an affiliate's parent is not the group"
    );

    // Bashar al-Assad, with every short form, in all five articles; Maher apart.
    let bashar = find(&es, "Bashar al-Assad");
    assert_eq!(bashar.name, "Bashar al-Assad");
    assert_eq!(docs_of(bashar), 5);
    for n in [
        "Assad",
        "Al-Assad",
        "al-Assad",
        "Bashar Assad",
        "Bashar Al-Assad",
    ] {
        assert!(
            names(bashar).contains(&n),
            "{n} missing from {:?}",
            names(bashar)
        );
    }
    let maher = find(&es, "Maher");
    assert_ne!(maher.id, bashar.id, "his brother Maher is not him");
    // The "Assad family" is not the man.
    for (d, s) in &bashar.mentions {
        let after = &text_of(d)[s.end..];
        assert!(
            !after.trim_start().starts_with("family"),
            "{d} {s:?} is the family"
        );
    }

    // Short forms and transliterations of other people.
    assert_eq!(find(&es, "Al-Bahra").name, "Hadi al-Bahra");
    let lavrov = find(&es, "Lavrov");
    assert!(names(lavrov).contains(&"Sergei Lavrov") && names(lavrov).contains(&"Sergey Lavrov"));
    assert_eq!(find(&es, "Jalali").name, "Mohammad Ghazi al-Jalali");
    assert_ne!(
        find(&es, "Jalali").id,
        sharaa.id,
        "al-Jalali is not al-Jolani"
    );
    assert_ne!(
        find(&es, "Saddam Hussein").id,
        sharaa.id,
        "sharing 'Hussein' is not enough"
    );
    assert_eq!(find(&es, "Biden").name, "Joe Biden");
    assert_eq!(find(&es, "ISW").name, "Institute for the Study of War");

    // Every entity with more than one name says why, and every evidence span is in its text.
    for e in &es {
        if !e.aliases.is_empty() {
            assert!(
                !e.evidence.is_empty(),
                "{} has aliases but no evidence",
                e.name
            );
        }
        for ev in &e.evidence {
            assert!(!ev.reason.is_empty());
            let (d, s) = ev.span.as_ref().expect("automatic merges point at text");
            assert!(s.end <= text_of(d).len());
        }
    }
    // Ids are unique.
    let mut ids: Vec<&str> = es.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), es.len());
}

#[test]
fn sample_corpus_places() {
    let (_, mut es) = roster();
    let gaz = match corroborate_entities::geo::Gazetteer::load_default() {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    };
    corroborate_entities::geo::locate(&mut es, &gaz);
    let country = |n: &str| find(&es, n).place.as_ref().map(|p| p.country.clone());
    for (n, cc) in [
        ("Damascus", "SY"),
        ("Homs", "SY"),
        ("Aleppo", "SY"),
        ("Tartus", "SY"),
        ("Idlib", "SY"),
        ("Moscow", "RU"),
        ("Doha", "QA"),
        ("Baghdad", "IQ"),
        ("Syria", "SY"),
        ("Washington", "US"),
        ("U.S.", "US"),
    ] {
        assert_eq!(country(n).as_deref(), Some(cc), "{n}");
    }
    assert_eq!(find(&es, "Syria").place.as_ref().unwrap().feature, "A.PCLI");
    // "UAE", which the recognizer reads as an organization, is the country.
    let uae = find(&es, "UAE");
    assert_eq!(uae.kind, EntityKind::Gpe);
    assert_eq!(country("UAE").as_deref(), Some("AE"));
    // The byline's agency is no alias of the outlet that ran its story ("By EFE (Confidencial)").
    let efe = find(&es, "EFE");
    assert!(!names(efe).contains(&"Confidencial"), "{:?}", names(efe));
    // Where Assad flew from Damascus is a place.
    assert!(matches!(
        find(&es, "Hmeimim").kind,
        EntityKind::Gpe | EntityKind::Location | EntityKind::Facility
    ));
}
