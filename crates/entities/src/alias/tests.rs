//! Behaviour tests of alias resolution: small texts in, the roster's groups out.

use super::*;
use crate::EntityKind::{Facility, Gpe, Organization as Org, Person};

/// Mentions for every occurrence of each name in `text` (longest names first, no overlaps, on
/// word boundaries): a stand-in for the recognizer.
pub(crate) fn tag(text: &str, names: &[(&str, EntityKind)]) -> Vec<Mention> {
    let mut names: Vec<&(&str, EntityKind)> = names.iter().collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out: Vec<Mention> = Vec::new();
    for (n, kind) in names {
        for (s, _) in text.match_indices(n) {
            let e = s + n.len();
            let before_ok = text[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[e..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            let span = Span::new(s, e);
            if before_ok && after_ok && !out.iter().any(|m| m.span.overlaps(span)) {
                out.push(Mention {
                    span,
                    kind: *kind,
                    score: 1.0,
                });
            }
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

/// Resolve a few small documents; returns the groups as sorted lists of alias display names.
fn groups(docs: &[(&str, &[(&str, EntityKind)])], ov: &Overrides) -> Vec<Entity> {
    let mentions: Vec<Vec<Mention>> = docs.iter().map(|(t, n)| tag(t, n)).collect();
    let ids: Vec<String> = (0..docs.len()).map(|i| format!("d{i}")).collect();
    let dm: Vec<DocMentions> = docs
        .iter()
        .zip(&mentions)
        .zip(&ids)
        .map(|(((t, _), m), id)| DocMentions {
            doc: id,
            text: t,
            mentions: m,
        })
        .collect();
    resolve(&dm, ov)
}

fn entity<'a>(es: &'a [Entity], name: &str) -> &'a Entity {
    es.iter()
        .find(|e| e.name == name || e.aliases.iter().any(|a| a == name))
        .unwrap_or_else(|| panic!("no entity named {name}: {es:#?}"))
}

fn same(es: &[Entity], a: &str, b: &str) -> bool {
    entity(es, a).id == entity(es, b).id
}

fn reasons(e: &Entity) -> Vec<&str> {
    e.evidence.iter().map(|v| v.reason.as_str()).collect()
}

#[test]
fn acronym_expansion_in_brackets() {
    let t = "A coalition led by Hay’at Tahrir al-Sham (HTS) took the city. HTS said so.";
    let es = groups(
        &[(t, &[("Hay’at Tahrir al-Sham", Org), ("HTS", Org)])],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1);
    assert_eq!(es[0].name, "Hay’at Tahrir al-Sham");
    assert_eq!(es[0].aliases, vec!["HTS"]);
    assert!(reasons(&es[0]).contains(&"acronym-expansion"));
    let (doc, span) = es[0]
        .evidence
        .iter()
        .find(|e| e.reason == "acronym-expansion")
        .unwrap()
        .span
        .clone()
        .unwrap();
    assert_eq!(
        (doc.as_str(), span.slice(t)),
        ("d0", "Hay’at Tahrir al-Sham (HTS")
    );
}

#[test]
fn known_as_pattern() {
    let t = "HTS and its leader Ahmed Hussein al-Shar’a, known as Abu Al-Jolani, advanced.";
    let es = groups(
        &[(
            t,
            &[
                ("Ahmed Hussein al-Shar’a", Person),
                ("Abu Al-Jolani", Person),
            ],
        )],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1);
    assert_eq!(
        es[0].name, "Ahmed Hussein al-Shar’a",
        "the left side of 'known as' is the main name"
    );
    assert!(reasons(&es[0]).contains(&"known-as pattern"));
}

#[test]
fn real_name_pattern_makes_the_real_name_canonical() {
    let t = "Abu Mohammad al-Jolani, whose real name is Ahmed al-Sharaa, spoke.";
    let es = groups(
        &[(
            t,
            &[
                ("Abu Mohammad al-Jolani", Person),
                ("Ahmed al-Sharaa", Person),
            ],
        )],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1);
    assert_eq!(es[0].name, "Ahmed al-Sharaa");
    assert!(reasons(&es[0]).contains(&"real-name pattern"));
}

#[test]
fn rename_pattern_skips_a_modifier() {
    let t = "He led the Al-Nusra Front, the former Al-Qaeda affiliate in Syria, which later transformed into HTS after breaking ties.";
    let es = groups(
        &[(
            t,
            &[
                ("Al-Nusra Front", Org),
                ("Al-Qaeda", Org),
                ("Syria", Gpe),
                ("HTS", Org),
            ],
        )],
        &Overrides::none(),
    );
    assert!(same(&es, "Al-Nusra Front", "HTS"));
    assert!(
        !same(&es, "Al-Qaeda", "HTS"),
        "Al-Qaeda is only a modifier of 'affiliate'"
    );
    assert!(reasons(entity(&es, "HTS"))
        .iter()
        .any(|r| r.starts_with("renamed")));
}

#[test]
fn also_known_as_after_an_acronym() {
    let t = "This organization later evolved into Hayat Tahrir al-Sham (HTS), also known as the Organization for the Liberation of the Levant.";
    let es = groups(
        &[(
            t,
            &[
                ("Hayat Tahrir al-Sham", Org),
                ("HTS", Org),
                ("Organization for the Liberation of the Levant", Org),
            ],
        )],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1);
    assert_eq!(es[0].name, "Hayat Tahrir al-Sham");
}

#[test]
fn short_form_of_unique_full_name() {
    let t = "Hadi al-Bahra, president of the coalition, spoke. Al-Bahra said more.";
    let es = groups(
        &[(t, &[("Hadi al-Bahra", Person), ("Al-Bahra", Person)])],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1);
    assert_eq!(es[0].name, "Hadi al-Bahra");
    assert!(reasons(&es[0])
        .iter()
        .any(|r| r.starts_with("short-form of unique full name")));
}

#[test]
fn titles_are_stripped_for_matching_but_kept_in_mentions() {
    let t = "President Bashar al-Assad fled. Mr. Bashar al-Assad arrived. Assad left.";
    let es = groups(
        &[(
            t,
            &[
                ("President Bashar al-Assad", Person),
                ("Mr. Bashar al-Assad", Person),
                ("Assad", Person),
            ],
        )],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1);
    assert_eq!(es[0].name, "Bashar al-Assad");
    assert_eq!(es[0].mentions[0].1.slice(t), "President Bashar al-Assad");
}

#[test]
fn people_sharing_a_family_name_are_not_merged() {
    let t = "Bashar al-Assad succeeded his father Hafez al-Assad in 2000. Maher al-Assad commands the 4th Division.";
    let es = groups(
        &[(
            t,
            &[
                ("Bashar al-Assad", Person),
                ("Hafez al-Assad", Person),
                ("Maher al-Assad", Person),
            ],
        )],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 3, "{es:#?}");
    // Across documents, too.
    let es = groups(
        &[
            (
                "Bashar al-Assad fled to Moscow.",
                &[("Bashar al-Assad", Person)],
            ),
            (
                "Hafez al-Assad ruled for thirty years.",
                &[("Hafez al-Assad", Person)],
            ),
            (
                "Maher Assad escaped to Baghdad.",
                &[("Maher Assad", Person)],
            ),
        ],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 3, "{es:#?}");
}

#[test]
fn ambiguous_short_form_takes_the_nearest_full_name_in_its_paragraph() {
    let t = "Hafez al-Assad ruled until 2000.\nBashar al-Assad took over. Assad promised reform.\nLater, Assad fled.";
    let es = groups(
        &[(
            t,
            &[
                ("Hafez al-Assad", Person),
                ("Bashar al-Assad", Person),
                ("Assad", Person),
            ],
        )],
        &Overrides::none(),
    );
    let bashar = entity(&es, "Bashar al-Assad");
    let spans: Vec<&str> = bashar.mentions.iter().map(|(_, s)| s.slice(t)).collect();
    assert_eq!(
        spans,
        vec!["Bashar al-Assad", "Assad"],
        "the third-paragraph Assad stays unresolved"
    );
    assert_eq!(entity(&es, "Hafez al-Assad").mentions.len(), 1);
}

#[test]
fn brother_is_not_the_man_himself() {
    let t = "Al-Assad left Damascus. Reports say his brother Maher boarded an aircraft.";
    let es = groups(
        &[(
            t,
            &[("Al-Assad", Person), ("Maher", Person), ("Damascus", Gpe)],
        )],
        &Overrides::none(),
    );
    assert!(!same(&es, "Al-Assad", "Maher"));
    // And a later "Maher" in another document does not become Bashar either.
    let es = groups(
        &[
            ("Bashar al-Assad fled.", &[("Bashar al-Assad", Person)]),
            (t, &[("Al-Assad", Person), ("Maher", Person)]),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Bashar al-Assad", "Al-Assad"));
    assert!(!same(&es, "Bashar al-Assad", "Maher"));
}

#[test]
fn transliterations_merge_across_documents_with_their_rules() {
    let es = groups(
        &[
            (
                "HTS leader Abu Mohammed al-Julani spoke.",
                &[("Abu Mohammed al-Julani", Person)],
            ),
            (
                "Abu Mohammad al-Golani, a leader, emerged.",
                &[("Abu Mohammad al-Golani", Person)],
            ),
            (
                "The coalition is led by Abu Mohammad al-Jolani.",
                &[("Abu Mohammad al-Jolani", Person)],
            ),
            (
                "Russian Foreign Minister Sergei Lavrov declined.",
                &[("Sergei Lavrov", Person)],
            ),
            (
                "Foreign Minister Sergey Lavrov, speaking from Doha",
                &[("Sergey Lavrov", Person)],
            ),
        ],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 2, "{es:#?}");
    let j = entity(&es, "Abu Mohammad al-Jolani");
    let rs = reasons(j);
    assert!(rs.iter().any(|r| r.contains("j/g")), "{rs:?}");
    assert!(rs.iter().any(|r| r.contains("u/o/ou")), "{rs:?}");
    assert!(reasons(entity(&es, "Sergei Lavrov"))
        .iter()
        .any(|r| r.contains("ei/ey/ay")));
}

#[test]
fn kunya_short_form_joins_the_full_kunya() {
    let es = groups(
        &[
            (
                "Its leader Ahmed Hussein al-Shar’a, known as Abu Al-Jolani, advanced.",
                &[
                    ("Ahmed Hussein al-Shar’a", Person),
                    ("Abu Al-Jolani", Person),
                ],
            ),
            (
                "The coalition is led by Abu Mohammad al-Jolani. Jolani is wanted.",
                &[("Abu Mohammad al-Jolani", Person), ("Jolani", Person)],
            ),
        ],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1, "{es:#?}");
    assert!(
        reasons(&es[0]).contains(&"kunya short form “Abu Al-Jolani” of “Abu Mohammad al-Jolani”")
    );
}

#[test]
fn different_names_with_one_letter_apart_stay_apart() {
    let es = groups(
        &[
            (
                "Prime Minister Mohammad Ghazi al-Jalali said.",
                &[("Mohammad Ghazi al-Jalali", Person)],
            ),
            (
                "Abu Mohammad al-Jolani said.",
                &[("Abu Mohammad al-Jolani", Person)],
            ),
        ],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 2);
}

#[test]
fn lone_family_name_in_another_document_joins_the_unique_full_name() {
    let es = groups(
        &[
            (
                "Russian Foreign Minister Sergei Lavrov declined.",
                &[("Sergei Lavrov", Person)],
            ),
            (
                "Lavrov’s meetings with Qatar’s Emir.",
                &[("Lavrov", Person)],
            ),
        ],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1);
    assert_eq!(es[0].name, "Sergei Lavrov");
}

#[test]
fn lone_family_name_with_two_candidates_uses_roles() {
    let es = groups(
        &[
            (
                "President Bashar al-Assad fled to Moscow.",
                &[("Bashar al-Assad", Person), ("Moscow", Gpe)],
            ),
            (
                "Hafez al-Assad died in 2000.",
                &[("Hafez al-Assad", Person)],
            ),
            (
                "President Assad arrived in Moscow.",
                &[("Assad", Person), ("Moscow", Gpe)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Bashar al-Assad", "Assad"));
    assert!(reasons(entity(&es, "Bashar al-Assad"))
        .iter()
        .any(|r| r.contains("context")));
    assert_eq!(entity(&es, "Hafez al-Assad").mentions.len(), 1);
}

#[test]
fn acronym_alone_in_a_document_finds_its_expansion_elsewhere() {
    let es = groups(
        &[
            (
                "The Institute for the Study of War said.",
                &[("Institute for the Study of War", Org)],
            ),
            ("According to the ISW, forces collapsed.", &[("ISW", Org)]),
        ],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1);
    assert!(reasons(&es[0]).contains(&"acronym-expansion (another document)"));
}

#[test]
fn person_and_place_with_one_name_stay_apart() {
    let es = groups(
        &[
            (
                "Jordan said. Jordan closed its border.",
                &[("Jordan", Person)],
            ),
            ("Jordan closed its border.", &[("Jordan", Gpe)]),
        ],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 2);
}

#[test]
fn lists_are_not_appositions() {
    let t = "Joe Biden, Antony Blinken, and Jake Sullivan met.";
    let es = groups(
        &[(
            t,
            &[
                ("Joe Biden", Person),
                ("Antony Blinken", Person),
                ("Jake Sullivan", Person),
            ],
        )],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 3);
}

#[test]
fn overrides_force_and_veto() {
    let docs: [(&str, &[(&str, EntityKind)]); 2] = [
        (
            "Abu Mohammad al-Jolani spoke.",
            &[("Abu Mohammad al-Jolani", Person)],
        ),
        (
            "Ahmed al-Sharaa spoke. Bashar al-Assad fled. Assad left.",
            &[
                ("Ahmed al-Sharaa", Person),
                ("Bashar al-Assad", Person),
                ("Assad", Person),
            ],
        ),
    ];
    let plain = groups(&docs, &Overrides::none());
    assert!(!same(&plain, "Abu Mohammad al-Jolani", "Ahmed al-Sharaa"));
    assert!(same(&plain, "Bashar al-Assad", "Assad"));

    let ov = Overrides::parse("force \"Abu Mohammad al-Jolani\" = \"Ahmed al-Sharaa\"\nveto \"Bashar Assad\" != \"Assad\"\n").unwrap();
    let es = groups(&docs, &ov);
    assert!(same(&es, "Abu Mohammad al-Jolani", "Ahmed al-Sharaa"));
    assert!(reasons(entity(&es, "Ahmed al-Sharaa"))
        .iter()
        .any(|r| r.starts_with("override:force")));
    assert!(
        !same(&es, "Bashar al-Assad", "Assad"),
        "the veto holds, spelled with or without the article"
    );
}

#[test]
fn output_is_deterministic_and_independent_of_document_order() {
    let a: (&str, &[(&str, EntityKind)]) = (
        "Bashar al-Assad fled to Moscow.",
        &[("Bashar al-Assad", Person), ("Moscow", Gpe)],
    );
    let b: (&str, &[(&str, EntityKind)]) = (
        "Assad arrived in Moscow.",
        &[("Assad", Person), ("Moscow", Gpe)],
    );
    let x = groups(&[a, b], &Overrides::none());
    let y = groups(&[a, b], &Overrides::none());
    assert_eq!(x, y);
    // Same documents under swapped ids: the same groups, ids and names.
    let mentions_a = tag(a.0, a.1);
    let mentions_b = tag(b.0, b.1);
    let one = resolve(
        &[
            DocMentions {
                doc: "d0",
                text: a.0,
                mentions: &mentions_a,
            },
            DocMentions {
                doc: "d1",
                text: b.0,
                mentions: &mentions_b,
            },
        ],
        &Overrides::none(),
    );
    let two = resolve(
        &[
            DocMentions {
                doc: "d1",
                text: b.0,
                mentions: &mentions_b,
            },
            DocMentions {
                doc: "d0",
                text: a.0,
                mentions: &mentions_a,
            },
        ],
        &Overrides::none(),
    );
    assert_eq!(one, two);
    assert!(one
        .iter()
        .all(|e| e.id.len() == 17 && e.id.starts_with('E')));
}

#[test]
fn family_uses_are_not_the_person() {
    let t = "Bashar al-Assad fled. It ended the al-Assad family’s rule.";
    let es = groups(
        &[(t, &[("Bashar al-Assad", Person), ("al-Assad", Person)])],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 2);
}

#[test]
fn recognizer_overruns_are_repaired() {
    // A bracketed acronym swallowed into the span, with or without its closing bracket.
    let t = "Hadi al-Bahra, president of the Syrian National Coalition (CNFROS), said.";
    let s = t.find("Syrian").unwrap();
    for end in [t.find("),").unwrap(), t.find("),").unwrap() + 1] {
        let m = [Mention {
            span: Span::new(s, end),
            kind: Org,
            score: 1.0,
        }];
        let es = resolve(
            &[DocMentions {
                doc: "d0",
                text: t,
                mentions: &m,
            }],
            &Overrides::none(),
        );
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].name, "Syrian National Coalition");
        assert_eq!(es[0].aliases, vec!["CNFROS"]);
    }
    // A headline name running on past a possessive.
    let t = "Assad’s Escape and Speculation. Bashar al-Assad fled.";
    let m = [
        Mention {
            span: Span::new(0, t.find(" and").unwrap()),
            kind: Person,
            score: 1.0,
        },
        Mention {
            span: Span::new(t.find("Bashar").unwrap(), t.find(" fled").unwrap()),
            kind: Person,
            score: 1.0,
        },
    ];
    let es = resolve(
        &[DocMentions {
            doc: "d0",
            text: t,
            mentions: &m,
        }],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1, "{es:#?}");
    assert_eq!(es[0].mentions[0].1.slice(t), "Assad");
    // "U.S.-based" describes the institute; it is not part of its name.
    assert_eq!(
        Name::parse_with("U.S.-based Institute for the Study of War", false).bare(),
        "Institute for the Study of War"
    );
}

#[test]
fn acronym_pattern_corrects_a_person_tag() {
    let t = "Led by Hayat Tahrir al-Sham (HTS), the coalition advanced. HTS said.";
    let a = t.find("Hayat").unwrap();
    let m = [
        Mention {
            span: Span::new(a, a + "Hayat Tahrir al-Sham".len()),
            kind: Person,
            score: 0.6,
        },
        Mention {
            span: Span::new(t.find("HTS").unwrap(), t.find("HTS").unwrap() + 3),
            kind: Org,
            score: 0.9,
        },
        Mention {
            span: Span::new(t.rfind("HTS").unwrap(), t.rfind("HTS").unwrap() + 3),
            kind: Org,
            score: 0.9,
        },
    ];
    let es = resolve(
        &[DocMentions {
            doc: "d0",
            text: t,
            mentions: &m,
        }],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1);
    assert_eq!(es[0].kind, Org);
    assert_eq!(es[0].name, "Hayat Tahrir al-Sham");
}

#[test]
fn documents_without_mentions_and_bad_spans_are_fine() {
    let none: [Mention; 0] = [];
    let bad = [Mention {
        span: Span::new(3, 99),
        kind: Person,
        score: 1.0,
    }];
    let es = resolve(
        &[
            DocMentions {
                doc: "d0",
                text: "Nothing here.",
                mentions: &none,
            },
            DocMentions {
                doc: "d1",
                text: "Short",
                mentions: &bad,
            },
        ],
        &Overrides::none(),
    );
    assert!(es.is_empty());
}

fn kind_of(es: &[Entity], name: &str) -> EntityKind {
    entity(es, name).kind
}

fn has(es: &[Entity], name: &str) -> bool {
    es.iter()
        .any(|e| e.name == name || e.aliases.iter().any(|a| a == name))
}

#[test]
fn heading_mentions_are_cut_to_names_the_body_gives() {
    let t = "Bashar al-Assad Flees to Moscow Amid Opposition Surge\n\
             Bashar al-Assad landed in Moscow on Sunday.";
    let es = groups(
        &[(
            t,
            &[
                ("Bashar al-Assad Flees", Person),
                ("Moscow Amid Opposition Surge", Org),
                ("Bashar al-Assad", Person),
                ("Moscow", Gpe),
            ],
        )],
        &Overrides::none(),
    );
    assert!(!has(&es, "Bashar al-Assad Flees"), "{es:#?}");
    assert!(!has(&es, "Moscow Amid Opposition Surge"), "{es:#?}");
    assert_eq!(entity(&es, "Bashar al-Assad").mentions.len(), 2);
    assert_eq!(entity(&es, "Moscow").mentions.len(), 2);
    assert_eq!(kind_of(&es, "Moscow"), Gpe);
}

#[test]
fn heading_words_written_in_lowercase_are_no_names() {
    let t = "Opposition Gains and Government Collapse\n\
             The rebels made gains. Hezbollah Retreats\n\
             Hezbollah Retreats\nFighters left the city.";
    let es = groups(
        &[(t, &[("Gains", Person), ("Hezbollah", Org)])],
        &Overrides::none(),
    );
    assert!(!has(&es, "Gains"), "{es:#?}");
    // A heading name that the texts never write in lowercase stays.
    assert!(has(&es, "Hezbollah"));
    // Outside headings the recognizer is trusted as it is.
    let t = "Officials met Gains on Monday.";
    let es = groups(&[(t, &[("Gains", Person)])], &Overrides::none());
    assert!(has(&es, "Gains"));
}

#[test]
fn a_family_is_a_group_apart_from_its_members() {
    let t = "For 50 years, the Assad family ruled. Bashar al-Assad fled. Assad left.";
    let es = groups(
        &[(t, &[("Assad", Person), ("Bashar al-Assad", Person)])],
        &Overrides::none(),
    );
    let family = entity(&es, "Assad family");
    assert_eq!(family.kind, EntityKind::Group);
    let bashar = entity(&es, "Bashar al-Assad");
    assert_ne!(family.id, bashar.id);
    assert!(bashar.aliases.contains(&"Assad".to_string()));
}

#[test]
fn descriptions_are_dropped_names_kept() {
    let t = "The army relied on its ally, the Lebanese Shiite group Hezbollah.";
    let es = groups(
        &[(t, &[("Lebanese Shiite group", Org), ("Hezbollah", Org)])],
        &Overrides::none(),
    );
    assert!(!has(&es, "Lebanese Shiite group"));
    assert_eq!(kind_of(&es, "Hezbollah"), Org);
}

#[test]
fn kinds_revised_by_head_words_and_the_gazetteer() {
    let t = "He founded Jabhat Fateh al-Sham and the Nour Al-Din Al-Zenki Movement near Aleppo.";
    let es = groups(
        &[(
            t,
            &[
                ("Jabhat Fateh al-Sham", Person),
                ("Nour Al-Din Al-Zenki Movement", Person),
                ("Aleppo", EntityKind::Group),
            ],
        )],
        &Overrides::none(),
    );
    assert_eq!(kind_of(&es, "Jabhat Fateh al-Sham"), Org);
    assert_eq!(kind_of(&es, "Nour Al-Din Al-Zenki Movement"), Org);
    assert_eq!(kind_of(&es, "Aleppo"), Gpe);
    let t = "Rebels captured a second major city, Hama, and advanced.";
    let es = groups(&[(t, &[("Hama", Person)])], &Overrides::none());
    assert_eq!(kind_of(&es, "Hama"), Gpe);
    // No head word: the recognizer's person stays a person.
    let t = "Hadi al-Bahra spoke.";
    let es = groups(&[(t, &[("Hadi al-Bahra", Person)])], &Overrides::none());
    assert_eq!(kind_of(&es, "Hadi al-Bahra"), Person);
}

#[test]
fn a_group_word_that_is_a_persons_family_name_is_that_person() {
    let d1 = "The coalition is led by Abu Mohammad al-Jolani, who spoke on Sunday.";
    let d2 = "The US offered a reward for the capture of Jolani.";
    let es = groups(
        &[
            (d1, &[("Abu Mohammad al-Jolani", Person)]),
            (d2, &[("Jolani", EntityKind::Group)]),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Jolani", "Abu Mohammad al-Jolani"), "{es:#?}");
    // Must not: a nationality word before a noun stays a group, whatever names share it.
    let d1 = "Ali al-Irani spoke on Sunday.";
    let d2 = "Irani influence grew.";
    let es = groups(
        &[
            (d1, &[("Ali al-Irani", Person)]),
            (d2, &[("Irani", EntityKind::Group)]),
        ],
        &Overrides::none(),
    );
    assert!(!same(&es, "Irani", "Ali al-Irani"));
    assert_eq!(kind_of(&es, "Irani"), EntityKind::Group);
}

#[test]
fn truncations_of_an_organization_name_join_it() {
    let d1 = "Hayat Tahrir al-Sham took the city.";
    let d2 = "Fighters of Tahrir al-Sham advanced.";
    let d3 = "Fighters of Hay’at Tahrir al-Sham advanced.";
    let es = groups(
        &[
            (d1, &[("Hayat Tahrir al-Sham", Org)]),
            (d2, &[("Tahrir al-Sham", Person)]),
            (d3, &[("Tahrir al-Sham", Person)]),
        ],
        &Overrides::none(),
    );
    let hts = entity(&es, "Hayat Tahrir al-Sham");
    assert_eq!(es.len(), 1, "{es:#?}");
    assert_eq!(hts.kind, Org);
    assert_eq!(hts.mentions.len(), 3);
    // The words before the cut name complete it: the mention grows over them.
    assert!(hts.aliases.contains(&"Hay’at Tahrir al-Sham".to_string()));
    assert!(reasons(hts)
        .iter()
        .any(|r| r.starts_with("truncation of known name")));
    // Must not: two organizations, one name inside the other, are two organizations.
    let t = "The Free Syrian Army fought the Syrian Army.";
    let es = groups(
        &[(t, &[("Free Syrian Army", Org), ("Syrian Army", Org)])],
        &Overrides::none(),
    );
    assert!(!same(&es, "Free Syrian Army", "Syrian Army"));
    // Must not: a person whose name is no organization's tail.
    let d1 = "Bashar al-Assad University opened.";
    let d2 = "Bashar al-Assad fled.";
    let es = groups(
        &[
            (d1, &[("Bashar al-Assad University", Org)]),
            (d2, &[("Bashar al-Assad", Person)]),
        ],
        &Overrides::none(),
    );
    assert_eq!(kind_of(&es, "Bashar al-Assad"), Person);
}

#[test]
fn cross_document_evidence_names_both_spellings() {
    let es = groups(
        &[
            (
                "HTS leader Abu Mohammed al-Julani spoke.",
                &[("Abu Mohammed al-Julani", Person)],
            ),
            (
                "The coalition is led by Abu Mohammad al-Jolani.",
                &[("Abu Mohammad al-Jolani", Person)],
            ),
        ],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1, "{es:#?}");
    let rs = reasons(&es[0]);
    assert!(
        rs.iter().any(|r| r.contains("u/o/ou")
            && (r.contains("with “Abu Mohammed al-Julani”")
                || r.contains("with “Abu Mohammad al-Jolani”"))),
        "{rs:?}"
    );
}

#[test]
fn short_forms_name_their_full_name() {
    let t = "Hadi al-Bahra spoke in Doha. Al-Bahra said the offensive was expected.";
    let es = groups(
        &[(t, &[("Hadi al-Bahra", Person), ("Al-Bahra", Person)])],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1, "{es:#?}");
    assert!(
        reasons(&es[0]).contains(&"short-form of unique full name “Hadi al-Bahra”"),
        "{:?}",
        reasons(&es[0])
    );
}

#[test]
fn official_qualifier_dropped_is_the_same_organization() {
    let docs: [(&str, &[(&str, EntityKind)]); 3] = [
        (
            "This was compounded by the low morale of the Syrian Army, after losses.",
            &[("Syrian Army", Org)],
        ),
        (
            "Nobody would bolster the Syrian Arab Army in time.",
            &[("Syrian Arab Army", Org)],
        ),
        (
            "The Free Syrian Army advanced; the free press said so.",
            &[("Free Syrian Army", Org)],
        ),
    ];
    let es = groups(&docs, &Overrides::none());
    assert!(same(&es, "Syrian Army", "Syrian Arab Army"));
    assert!(reasons(entity(&es, "Syrian Army")).iter().any(
        |r| r.starts_with("short form “Syrian Army” of “Syrian Arab Army” (leaves out “Arab”)")
    ));
    // Must not: a common word before the name makes another force.
    assert!(!same(&es, "Syrian Army", "Free Syrian Army"));
    // Two longer names it could be: it stays apart from both.
    let mut more = docs.to_vec();
    more.push((
        "The Syrian National Army advanced.",
        &[("Syrian National Army", Org)],
    ));
    let es = groups(&more, &Overrides::none());
    assert!(!same(&es, "Syrian Army", "Syrian National Army"));
    assert!(!same(&es, "Syrian Army", "Syrian Arab Army"));
    assert!(!same(&es, "Free Syrian Army", "Syrian National Army"));
}

#[test]
fn plural_of_a_nationality_is_its_group() {
    use crate::EntityKind::Group;
    let es = groups(
        &[
            (
                "Syrian refugees celebrated; displaced Syrians want to return.",
                &[("Syrian", Group), ("Syrians", Group)],
            ),
            (
                "The Swiss and Iraqi envoys met in Syria.",
                &[("Swiss", Group), ("Iraqi", Group), ("Syria", Gpe)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Syrian", "Syrians"));
    assert!(reasons(entity(&es, "Syrians"))
        .iter()
        .any(|r| r.starts_with("plural of the nationality")));
    // The adjective and its plural are mentions of the country, which keeps its name and kind;
    // "Swiss" is no plural, and no adjective of a place the texts name.
    let syria = entity(&es, "Syria");
    assert!(same(&es, "Syrian", "Syria"));
    assert_eq!((syria.name.as_str(), syria.kind), ("Syria", Gpe));
    assert!(reasons(syria)
        .iter()
        .any(|r| r.starts_with("nationality adjective “Syrian” of “Syria”")));
    assert!(!same(&es, "Swiss", "Iraqi"));
    assert_eq!(es.len(), 3, "{es:#?}");
}

#[test]
fn a_place_after_a_preposition_of_place_is_the_place() {
    let es = groups(
        &[
            (
                "Russia has strategic naval facilities at Tartus, which it uses.",
                &[("Tartus", Org)],
            ),
            (
                "Lavrov spoke of Russia's military base in Tartus.",
                &[("Tartus", Gpe)],
            ),
            (
                "Officials told it to Reuters at Reuters.",
                &[("Reuters", Org)],
            ),
        ],
        &Overrides::none(),
    );
    let tartus = entity(&es, "Tartus");
    assert_eq!(tartus.kind, Gpe);
    assert_eq!(tartus.mentions.len(), 2, "{es:#?}");
    // Must not: a name that is nowhere a place stays what the recognizer said.
    assert_eq!(entity(&es, "Reuters").kind, Org);
}

#[test]
fn documents_and_bare_head_words_are_no_organizations() {
    use crate::EntityKind::Misc;
    let t = "Russia backed meetings at the United Nations Security Council. A process in line \
             with United Nations Security Council Resolution 2254 and the Army of Al-Izza, \
             whose Army fought.";
    let es = groups(
        &[(
            t,
            &[
                ("United Nations Security Council Resolution 2254", Org),
                ("United Nations Security Council", Org),
                ("Army of Al-Izza", Org),
                ("Army", Org),
            ],
        )],
        &Overrides::none(),
    );
    let res = entity(&es, "United Nations Security Council Resolution 2254");
    assert_eq!(res.kind, Misc);
    assert!(!same(
        &es,
        "United Nations Security Council",
        "United Nations Security Council Resolution 2254"
    ));
    assert_eq!(entity(&es, "Army of Al-Izza").mentions.len(), 1);
    assert!(!es.iter().any(|e| e.name == "Army"), "{es:#?}");
}

#[test]
fn rename_pattern_passes_over_a_bracketed_gloss() {
    let t = "In 2016 he set up Jabhat Fateh al-Sham (Front for the Conquest of the Levant), a \
             coalition. This organization later evolved into Hayat Tahrir al-Sham.";
    let es = groups(
        &[(
            t,
            &[
                ("Jabhat Fateh al-Sham", Org),
                ("Front for the Conquest of the Levant", Org),
                ("Hayat Tahrir al-Sham", Org),
            ],
        )],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 1, "{es:#?}");
    let renamed = es[0]
        .evidence
        .iter()
        .find(|e| e.reason.starts_with("renamed"))
        .expect("a rename");
    assert_eq!(renamed.alias, "Jabhat Fateh al-Sham");
    // The gloss is tied to its name by the bracket.
    assert!(reasons(&es[0]).contains(&"parenthetical alias"));
}

#[test]
fn a_name_the_corpus_calls_a_place_more_often_than_misc_is_that_place() {
    use crate::EntityKind::Misc;
    let es = groups(
        &[
            (
                "Opposition forces entered Aleppo on Friday.",
                &[("Aleppo", Misc)],
            ),
            (
                "Aleppo fell. Fighting spread south of Aleppo.",
                &[("Aleppo", Gpe)],
            ),
            (
                "The Aleppo Accord was signed. Critics of Aleppo Accord spoke.",
                &[("Aleppo Accord", Misc)],
            ),
        ],
        &Overrides::default(),
    );
    let aleppo = entity(&es, "Aleppo");
    assert_eq!(aleppo.kind, Gpe);
    assert_eq!(aleppo.mentions.len(), 3, "{es:#?}");
    assert_eq!(entity(&es, "Aleppo Accord").kind, Misc);
}

// Variants, honorifics and adjectives in made-up reports (issue 14).

#[test]
fn spelling_variants_join_when_the_documents_share_names() {
    use crate::EntityKind::Location;
    let es = groups(
        &[
            (
                "Shelling hit Beit Lahiya in northern Gaza overnight, Hamas said.",
                &[("Beit Lahiya", Gpe), ("Gaza", Location), ("Hamas", Org)],
            ),
            (
                "Residents of Beit Lahia fled south as Hamas fighters left.",
                &[("Beit Lahia", Gpe), ("Hamas", Org)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Beit Lahiya", "Beit Lahia"));
    assert!(reasons(entity(&es, "Beit Lahia"))
        .iter()
        .any(|r| r.starts_with("spelling variant") && r.contains("“Hamas”")));
    // Without a name in common, two spellings in unrelated reports stay apart.
    let es = groups(
        &[
            (
                "Shelling hit Beit Lahiya overnight.",
                &[("Beit Lahiya", Gpe)],
            ),
            (
                "Residents of Beit Lahia fled south.",
                &[("Beit Lahia", Gpe)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(!same(&es, "Beit Lahiya", "Beit Lahia"));
}

#[test]
fn transliterations_of_a_name_join() {
    let es = groups(
        &[
            (
                "Hassan Qaddura, the mayor of Tarsis, resigned.",
                &[("Hassan Qaddura", Person), ("Tarsis", Gpe)],
            ),
            (
                "Hasan Kaddoura left Tarsis on Friday.",
                &[("Hasan Kaddoura", Person), ("Tarsis", Gpe)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Hassan Qaddura", "Hasan Kaddoura"));
}

#[test]
fn a_ministry_under_two_spellings_and_word_orders() {
    let es = groups(
        &[
            (
                "The Ministry of Defence in Valmora denied the report.",
                &[("Ministry of Defence", Org), ("Valmora", Gpe)],
            ),
            (
                "Valmora's Defense Ministry later confirmed it.",
                &[("Defense Ministry", Org), ("Valmora", Gpe)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Ministry of Defence", "Defense Ministry"));
}

#[test]
fn nationality_forms_inside_organization_names_and_misspelt_acronyms() {
    let es = groups(
        &[
            (
                "The Somali National Army and the UNHCR reached Baidoa near Mogadishu.",
                &[
                    ("Somali National Army", Org),
                    ("UNHCR", Org),
                    ("Baidoa", Gpe),
                    ("Mogadishu", Gpe),
                ],
            ),
            (
                "Troops of the Somalian National Army and UNCHR staff left Baidoa for Mogadishu.",
                &[
                    ("Somalian National Army", Org),
                    ("UNCHR", Org),
                    ("Baidoa", Gpe),
                    ("Mogadishu", Gpe),
                ],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Somali National Army", "Somalian National Army"));
    assert!(same(&es, "UNHCR", "UNCHR"));
    // One shared name is not enough for a typo.
    let es = groups(
        &[
            (
                "The UNHCR reached Baidoa.",
                &[("UNHCR", Org), ("Baidoa", Gpe)],
            ),
            (
                "UNCHR staff left Baidoa.",
                &[("UNCHR", Org), ("Baidoa", Gpe)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(!same(&es, "UNHCR", "UNCHR"));
}

#[test]
fn honorifics_tie_a_family_name_to_the_one_full_name() {
    let es = groups(
        &[
            (
                "Chidi Okafor, the finance minister, met Anna Lindqvist and Samir Haddad.",
                &[
                    ("Chidi Okafor", Person),
                    ("Anna Lindqvist", Person),
                    ("Samir Haddad", Person),
                ],
            ),
            (
                "Mr Okafor said Ms Lindqvist and Dr. Haddad agreed.",
                &[
                    ("Mr Okafor", Person),
                    ("Ms Lindqvist", Person),
                    ("Dr. Haddad", Person),
                ],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Chidi Okafor", "Okafor"));
    assert!(same(&es, "Anna Lindqvist", "Lindqvist"));
    assert!(same(&es, "Samir Haddad", "Haddad"));
}

#[test]
fn an_honorific_that_could_mean_two_people_stays_apart_and_says_why() {
    let es = groups(
        &[
            ("Chidi Okafor spoke first.", &[("Chidi Okafor", Person)]),
            ("Ngozi Okafor spoke next.", &[("Ngozi Okafor", Person)]),
            ("Mr Okafor declined to comment.", &[("Mr Okafor", Person)]),
        ],
        &Overrides::none(),
    );
    let lone = entity(&es, "Okafor");
    assert!(!same(&es, "Okafor", "Chidi Okafor"));
    assert!(!same(&es, "Okafor", "Ngozi Okafor"));
    assert!(
        reasons(lone).iter().any(|r| r.starts_with("not merged")
            && r.contains("Chidi Okafor")
            && r.contains("Ngozi Okafor")),
        "{:?}",
        reasons(lone)
    );
    // A title shared with one of them decides.
    let es = groups(
        &[
            (
                "President Chidi Okafor spoke first.",
                &[("Chidi Okafor", Person)],
            ),
            ("Ngozi Okafor spoke next.", &[("Ngozi Okafor", Person)]),
            (
                "President Okafor declined to comment.",
                &[("Okafor", Person)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Okafor", "Chidi Okafor"));
}

#[test]
fn a_hyphenated_given_name_keeps_its_hyphen() {
    let t = "Jean-Pierre Okafor arrived. Okafor spoke.";
    let es = groups(
        &[(t, &[("Jean-Pierre Okafor", Person), ("Okafor", Person)])],
        &Overrides::none(),
    );
    let e = entity(&es, "Okafor");
    assert_eq!(e.name, "Jean-Pierre Okafor");
    assert!(t.contains(&e.name));
}

#[test]
fn short_forms_of_organizations_and_places() {
    use crate::EntityKind::Location;
    let es = groups(
        &[
            (
                "The San Diego Chargers beat Apple Inc. in a charity game by the Mediterranean Sea.",
                &[
                    ("San Diego Chargers", Org),
                    ("Apple Inc.", Org),
                    ("Mediterranean Sea", Location),
                ],
            ),
            (
                "The Chargers and Apple met again near the Mediterranean.",
                &[("Chargers", Org), ("Apple", Org), ("Mediterranean", Location)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Chargers", "San Diego Chargers"));
    assert!(same(&es, "Apple", "Apple Inc."));
    assert!(same(&es, "Mediterranean", "Mediterranean Sea"));
    assert!(reasons(entity(&es, "Chargers"))
        .iter()
        .any(|r| r.starts_with("short form “Chargers” of “San Diego Chargers”")));
}

#[test]
fn a_gazetteer_place_that_is_a_persons_family_name_stays_the_person() {
    // "Obama" is also a town in Japan; here the texts name the man.
    let es = groups(
        &[
            (
                "President-elect Barack Obama picked a surgeon general.",
                &[("Barack Obama", Person)],
            ),
            ("Obama made the offer on Tuesday.", &[("Obama", Person)]),
        ],
        &Overrides::none(),
    );
    assert_eq!(kind_of(&es, "Obama"), Person);
    assert!(same(&es, "Barack Obama", "Obama"));
}

#[test]
fn lone_names_across_documents() {
    let es = groups(
        &[
            (
                "Reporters asked Varga about the post.",
                &[("Varga", Person)],
            ),
            ("Varga said yes.", &[("Varga", Person)]),
            (
                "Katie Jenkin was found safe in Millom.",
                &[("Katie Jenkin", Person), ("Millom", Gpe)],
            ),
            ("Katie went home.", &[("Katie", Person)]),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Varga", "Varga") && entity(&es, "Varga").mentions.len() == 2);
    assert!(same(&es, "Katie Jenkin", "Katie"));
    let katie = entity(&es, "Katie");
    assert!(reasons(katie)
        .iter()
        .any(|r| r.contains("given name of unique full name")));
}

#[test]
fn middle_initials_short_given_names_and_generations() {
    let es = groups(
        &[
            (
                "Frederick Cheney LaRue died in Biloxi.",
                &[("Frederick Cheney LaRue", Person), ("Biloxi", Gpe)],
            ),
            (
                "Frederick C. LaRue was 75.",
                &[("Frederick C. LaRue", Person)],
            ),
            ("Fred LaRue served time.", &[("Fred LaRue", Person)]),
            ("W. Mark Felt Sr. died.", &[("W. Mark Felt Sr.", Person)]),
            ("Mark Felt was Deep Throat.", &[("Mark Felt", Person)]),
            ("Gov.Ada Palin spoke.", &[("Gov.Ada Palin", Person)]),
            ("Ada Palin spoke again.", &[("Ada Palin", Person)]),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Frederick Cheney LaRue", "Frederick C. LaRue"));
    assert!(same(&es, "Frederick Cheney LaRue", "Fred LaRue"));
    assert!(same(&es, "W. Mark Felt", "Mark Felt"));
    assert!(same(&es, "Ada Palin", "Ada Palin") && entity(&es, "Ada Palin").mentions.len() == 2);
    // A father and a son stay two people.
    let es = groups(
        &[
            (
                "Tomas Reyes Sr. founded the firm.",
                &[("Tomas Reyes Sr.", Person)],
            ),
            ("Tomas Reyes Jr. runs it.", &[("Tomas Reyes Jr.", Person)]),
        ],
        &Overrides::none(),
    );
    assert_eq!(es.len(), 2);
}

#[test]
fn british_spellings_and_names_placed_by_in() {
    let es = groups(
        &[
            (
                "She entered the Betty Ford Center in Rancho Mirage.",
                &[("Betty Ford Center in Rancho Mirage", Org)],
            ),
            (
                "She left the Betty Ford Centre on Friday.",
                &[("Betty Ford Centre", Org)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Betty Ford Center", "Betty Ford Centre"));
    let e = entity(&es, "Betty Ford Centre");
    assert!(reasons(e).iter().any(|r| r.contains("British/American")));
}

#[test]
fn a_teams_plural_name_after_its_place() {
    let es = groups(
        &[
            (
                "The Kansas City Chiefs lost at home.",
                &[("Kansas City Chiefs", Org)],
            ),
            (
                "The Chiefs said the police chiefs met. Mt Cook was closed.",
                &[("Chiefs", Org)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Kansas City Chiefs", "Chiefs"));
}

#[test]
fn nicknames_of_given_names_join_their_full_names() {
    let es = groups(
        &[
            (
                "William Okonjo opened the new bridge in Lokoja.",
                &[("William Okonjo", Person), ("Lokoja", Gpe)],
            ),
            (
                "Bill Okonjo spoke at the bridge in Lokoja.",
                &[("Bill Okonjo", Person), ("Lokoja", Gpe)],
            ),
            (
                "Margaret Tindall was found safe.",
                &[("Margaret Tindall", Person)],
            ),
            ("Peggy thanked the rescuers.", &[("Peggy", Person)]),
            // "Bob" is no nickname of any "Okonjo" given name: stays apart.
            (
                "Bob Okonjo, a cousin, was not there.",
                &[("Bob Okonjo", Person)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "William Okonjo", "Bill Okonjo"));
    assert!(reasons(entity(&es, "Bill Okonjo"))
        .iter()
        .any(|r| r.contains("nickname")));
    assert!(same(&es, "Margaret Tindall", "Peggy"));
    assert!(reasons(entity(&es, "Peggy"))
        .iter()
        .any(|r| r.contains("nickname “Peggy” of the given name “margaret”")));
    assert!(!same(&es, "William Okonjo", "Bob Okonjo"));
}

#[test]
fn company_names_with_and_without_their_legal_form() {
    let es = groups(
        &[
            (
                "Verdant Inc. said computer sales rose. Verdant Computer was its name before.",
                &[("Verdant Inc.", Org), ("Verdant Computer", Org)],
            ),
            (
                "Shares of Verdant fell; Hollin Group said so.",
                &[("Verdant", Org), ("Hollin Group", Org)],
            ),
            ("Hollin counts the sales.", &[("Hollin", Org)]),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Verdant Inc.", "Verdant"));
    assert!(same(&es, "Verdant", "Verdant Computer"));
    assert!(same(&es, "Hollin", "Hollin Group"));
    assert!(reasons(entity(&es, "Hollin"))
        .iter()
        .any(|r| r.contains("differ only by legal form (“Group”)")));
    assert!(!same(&es, "Verdant", "Hollin"));
}

#[test]
fn hyphenated_names_give_their_acronym_and_long_names_their_short_forms() {
    let es = groups(
        &[
            (
                "Hollis-Varga bought the plant. Morrow Recovery Center said recovery was slow.",
                &[("Hollis-Varga", Org), ("Morrow Recovery Center", Org)],
            ),
            (
                "HV shares rose; Morrow thanked staff. The United States Federal Reserve met.",
                &[
                    ("HV", Org),
                    ("Morrow", Org),
                    ("United States Federal Reserve", Org),
                ],
            ),
            (
                "The Federal Reserve said the federal reserve of cash held.",
                &[("Federal Reserve", Org)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Hollis-Varga", "HV"));
    assert!(same(&es, "Morrow", "Morrow Recovery Center"));
    assert!(same(
        &es,
        "Federal Reserve",
        "United States Federal Reserve"
    ));
    assert!(!same(&es, "Morrow", "Hollis-Varga"));
}

#[test]
fn a_typo_keeps_the_length_of_the_word() {
    // "Vranse" / "Vrankfurt": alike letters, both named with the same places, but no typo.
    let es = groups(
        &[
            (
                "Shares fell in Vranse, Lokoja and Tarim.",
                &[("Vranse", Gpe), ("Lokoja", Gpe), ("Tarim", Gpe)],
            ),
            (
                "Vrankfurt, Lokoja and Tarim closed lower.",
                &[("Vrankfurt", Gpe), ("Lokoja", Gpe), ("Tarim", Gpe)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(!same(&es, "Vranse", "Vrankfurt"));
    assert!(same(&es, "Lokoja", "Lokoja"));
}

#[test]
fn stan_countries_and_their_adjectives() {
    assert!(adjective_of("Turkmen", "Turkmenistan"));
    assert!(adjective_of("Kazakh", "Kazakhstan"));
    assert!(!adjective_of("Turk", "Turkmenistan"));
}

/// A gazetteer of two countries and a town, in the bundled file's format.
fn tiny_gazetteer() -> geo::Gazetteer {
    let text = "1\tUnited States\t38.000\t-97.000\tUS\tA.PCLI\t327167434\t0\tUS|USA|United States of America|America\tCA|MX\n\
                2\tUnited Kingdom\t54.000\t-2.000\tGB\tA.PCLI\t66488991\t0\tUK|Britain|Great Britain\tIE\n\
                3\tLokoja\t7.800\t6.740\tNG\tP.PPL\t60579\t0\t\n";
    geo::Gazetteer::parse(text).unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
}

#[test]
fn names_of_one_country_join_through_the_gazetteer() {
    let docs: [(&str, &[(&str, EntityKind)]); 3] = [
        (
            "Officials in the United States and Britain met in Lokoja.",
            &[("United States", Gpe), ("Britain", Gpe), ("Lokoja", Gpe)],
        ),
        (
            "The U.S. and the UK sent aid.",
            &[("U.S.", Gpe), ("UK", Gpe)],
        ),
        ("America will send more.", &[("America", Gpe)]),
    ];
    let mentions: Vec<Vec<Mention>> = docs.iter().map(|(t, n)| tag(t, n)).collect();
    let dm: Vec<DocMentions> = docs
        .iter()
        .zip(&mentions)
        .enumerate()
        .map(|(i, ((t, _), m))| DocMentions {
            doc: ["d0", "d1", "d2"][i],
            text: t,
            mentions: m,
        })
        .collect();
    let gaz = tiny_gazetteer();
    let es = resolve_with(&dm, &Overrides::none(), Some(&gaz));
    assert!(same(&es, "United States", "U.S."));
    assert!(same(&es, "United States", "America"));
    assert!(same(&es, "Britain", "UK"));
    assert!(!same(&es, "Britain", "America"));
    assert!(!same(&es, "Lokoja", "America"));
    assert!(reasons(entity(&es, "America"))
        .iter()
        .any(|r| r.contains("name one country in the gazetteer (United States")));
    // Without a gazetteer the names stay apart.
    let es = resolve(&dm, &Overrides::none());
    assert!(!same(&es, "United States", "America"));
}

#[test]
fn a_blend_of_a_given_and_a_family_name() {
    let es = groups(
        &[
            (
                "Lindsay Lohan left the clinic in Lokoja.",
                &[("Lindsay Lohan", Person), ("Lokoja", Gpe)],
            ),
            ("LiLo was seen on Friday.", &[("LiLo", Person)]),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Lindsay Lohan", "LiLo"));
    assert!(reasons(entity(&es, "LiLo"))
        .iter()
        .any(|r| r.contains("blend “LiLo”")));
    // Two full names the blend may stand for: it stays apart.
    let es = groups(
        &[
            (
                "Lindsay Lohan and Lisa Lowell left.",
                &[("Lindsay Lohan", Person), ("Lisa Lowell", Person)],
            ),
            ("LiLo was seen on Friday.", &[("LiLo", Person)]),
        ],
        &Overrides::none(),
    );
    assert!(!same(&es, "Lindsay Lohan", "LiLo"));
    assert!(!same(&es, "Lisa Lowell", "LiLo"));
}

#[test]
fn a_relative_named_by_given_name_joins_the_full_name_not_the_speaker() {
    let es = groups(
        &[
            (
                "John Jenkin and Katie Jenkin were in court.",
                &[("John Jenkin", Person), ("Katie Jenkin", Person)],
            ),
            (
                "John Jenkin wept. His daughter Katie said nothing.",
                &[("John Jenkin", Person), ("Katie", Person)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Katie Jenkin", "Katie"));
    assert!(!same(&es, "John Jenkin", "Katie"));
}

#[test]
fn a_city_read_as_an_organization_is_its_one_team() {
    let es = groups(
        &[
            (
                "The Dayton Otters signed a new coach on Monday.",
                &[("Dayton Otters", Org)],
            ),
            (
                "Dayton beat Toledo 3-1, and the Otter coach was pleased.",
                &[("Dayton", Org), ("Toledo", Org)],
            ),
            ("The Dayton Otter won again.", &[("Dayton Otter", Org)]),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Dayton Otters", "Dayton"));
    assert!(same(&es, "Dayton Otters", "Dayton Otter"));
    assert!(reasons(entity(&es, "Dayton"))
        .iter()
        .any(|r| r.contains("the one organization named after it")));
    // No team of Toledo is named: it stays apart.
    assert!(!same(&es, "Dayton Otters", "Toledo"));
}

#[test]
fn a_city_with_two_teams_stays_apart_from_both() {
    let es = groups(
        &[
            (
                "The Dayton Otters and the Dayton Hawks both play downtown.",
                &[("Dayton Otters", Org), ("Dayton Hawks", Org)],
            ),
            ("Dayton lost on Sunday.", &[("Dayton", Org)]),
        ],
        &Overrides::none(),
    );
    assert!(!same(&es, "Dayton", "Dayton Otters"));
    assert!(!same(&es, "Dayton", "Dayton Hawks"));
}

#[test]
fn an_acronym_that_keeps_the_article_of_the_name() {
    let es = groups(
        &[
            (
                "The story was first reported by The Harbour Courier on Friday.",
                &[("Harbour Courier", Org)],
            ),
            ("THC said the actor had left the film.", &[("THC", Org)]),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Harbour Courier", "THC"));
    assert!(reasons(entity(&es, "THC"))
        .iter()
        .any(|r| r.contains("with the article")));
}

#[test]
fn clipped_names_of_teams_and_cities() {
    let es = groups(
        &[
            (
                "The Dayton Marauders beat the Tulsa Thunderhawks on Sunday.",
                &[("Dayton Marauders", Org), ("Tulsa Thunderhawks", Org)],
            ),
            (
                "The Maras lost in Philadelphia. The Hawks had the ball.",
                &[("Maras", Org), ("Philadelphia", Gpe), ("Hawks", Org)],
            ),
            ("Fans in Philly cheered.", &[("Philly", Gpe)]),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Dayton Marauders", "Maras"));
    assert!(reasons(entity(&es, "Maras"))
        .iter()
        .any(|r| r.contains("clipped form “Maras” of “Marauders”")));
    assert!(same(&es, "Tulsa Thunderhawks", "Hawks"));
    assert!(same(&es, "Philadelphia", "Philly"));
}

#[test]
fn a_clipped_form_of_two_names_stays_apart() {
    let es = groups(
        &[
            (
                "The Dayton Marauders and the Marathon Club met.",
                &[("Dayton Marauders", Org), ("Marathon Club", Org)],
            ),
            ("The Maras won.", &[("Maras", Org)]),
            // A place the gazetteer knows is no clipping of a longer one.
            (
                "Niger and Nigeria signed.",
                &[("Niger", Gpe), ("Nigeria", Gpe)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(!same(&es, "Maras", "Dayton Marauders"));
    assert!(!same(&es, "Maras", "Marathon Club"));
    assert!(!same(&es, "Niger", "Nigeria"));
}

#[test]
fn a_spelling_slip_inside_one_report_joins_its_name() {
    // One report writes the name two ways, a sound-alike slip beside a word written alike.
    let es = groups(
        &[
            (
                "Pin-up star Betty Page died in Los Angeles. Her agent said Bettie Page passed away.",
                &[
                    ("Betty Page", Person),
                    ("Los Angeles", Gpe),
                    ("Bettie Page", Person),
                ],
            ),
            (
                "Bettie Page, the pin-up model, died in Los Angeles on Thursday.",
                &[("Bettie Page", Person), ("Los Angeles", Gpe)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(same(&es, "Betty Page", "Bettie Page"));
    // Two names that differ in how a word sounds stay two people, even side by side.
    let es = groups(
        &[(
            "Betty Page and Betty Pace both spoke at the hearing.",
            &[("Betty Page", Person), ("Betty Pace", Person)],
        )],
        &Overrides::none(),
    );
    assert!(!same(&es, "Betty Page", "Betty Pace"));
}

#[test]
fn a_short_given_name_the_nickname_table_lacks_joins_by_context() {
    // "Mo" is no nickname of the table, but one family name, one initial, a role and the
    // places named around both, and a report that writes the family name alone, make one coach.
    let story: &[(&str, &[(&str, EntityKind)])] = &[
        (
            "Mo Cheeks named coach\nThe Denver Nuggets hired Maurice Cheeks on Monday. Cheeks \
             coached in Portland before.",
            &[
                ("Mo Cheeks", Person),
                ("Denver Nuggets", Org),
                ("Maurice Cheeks", Person),
                ("Cheeks", Person),
                ("Portland", Gpe),
            ],
        ),
        (
            "The Denver Nuggets made coach Mo Cheeks their choice after his years in Portland.",
            &[
                ("Denver Nuggets", Org),
                ("Mo Cheeks", Person),
                ("Portland", Gpe),
            ],
        ),
    ];
    let es = groups(story, &Overrides::none());
    assert!(same(&es, "Mo Cheeks", "Maurice Cheeks"));
    // Two census given names with a common start are two people ("Christina" / "Christopher").
    let es = groups(
        &[
            (
                "Christina Dolan spoke for the Denver Nuggets in Portland.",
                &[
                    ("Christina Dolan", Person),
                    ("Denver Nuggets", Org),
                    ("Portland", Gpe),
                ],
            ),
            (
                "Christopher Dolan spoke for the Denver Nuggets in Portland.",
                &[
                    ("Christopher Dolan", Person),
                    ("Denver Nuggets", Org),
                    ("Portland", Gpe),
                ],
            ),
        ],
        &Overrides::none(),
    );
    assert!(!same(&es, "Christina Dolan", "Christopher Dolan"));
    // A report naming both, and never the family name alone, names two people.
    let es = groups(
        &[(
            "Mo Dolan and Maurice Dolan spoke for the Denver Nuggets in Portland.",
            &[
                ("Mo Dolan", Person),
                ("Maurice Dolan", Person),
                ("Denver Nuggets", Org),
                ("Portland", Gpe),
            ],
        )],
        &Overrides::none(),
    );
    assert!(!same(&es, "Mo Dolan", "Maurice Dolan"));
}

#[test]
fn a_name_with_one_qualifying_word_before_its_kind_word_is_the_shorter_name() {
    // "Aoraki Mount Cook" adds one proper word before a name that stands by its kind word;
    // "State Route 94" a region noun before a numbered road.
    let story: &[(&str, &[(&str, EntityKind)])] = &[
        (
            "Two climbers died on Aoraki Mount Cook after leaving State Route 94.",
            &[("Aoraki Mount Cook", Gpe), ("State Route 94", Gpe)],
        ),
        (
            "Rescuers reached Mt Cook on Monday; Route 94 was closed.",
            &[("Mt Cook", Gpe), ("Route 94", Gpe)],
        ),
    ];
    let es = groups(story, &Overrides::none());
    assert!(same(&es, "Aoraki Mount Cook", "Mt Cook"));
    assert!(same(&es, "State Route 94", "Route 94"));
    // A qualifier written in lower case elsewhere is no part of one name ("South Richmond
    // Hill" is not "Richmond Hill"), nor is a name with no kind word of its own.
    let es = groups(
        &[
            (
                "The fire spread in South Richmond Hill near American Red Cross offices.",
                &[("South Richmond Hill", Gpe), ("American Red Cross", Org)],
            ),
            (
                "Crews drove south from Richmond Hill; the Red Cross helped.",
                &[("Richmond Hill", Gpe), ("Red Cross", Org)],
            ),
        ],
        &Overrides::none(),
    );
    assert!(!same(&es, "South Richmond Hill", "Richmond Hill"));
}

#[test]
fn a_facility_run_on_over_its_place_is_the_facility_and_the_place() {
    // The recognizer ran "Promises Treatment Center" on over "in Malibu": the center is the one
    // named elsewhere with the place before it, and Malibu is a place of its own.
    let story: &[(&str, &[(&str, EntityKind)])] = &[
        (
            "The actress entered Promises Treatment Center in Malibu on Friday.",
            &[("Promises Treatment Center in Malibu", Facility)],
        ),
        (
            "She is at the Malibu Promises Treatment Center, a friend said. Malibu is quiet.",
            &[
                ("Malibu Promises Treatment Center", Facility),
                ("Malibu", Gpe),
            ],
        ),
        (
            "Promises Treatment Center declined to comment. Promises is costly.",
            &[
                ("Promises Treatment Center", Facility),
                ("Promises", Facility),
            ],
        ),
    ];
    let es = groups(story, &Overrides::none());
    assert!(same(
        &es,
        "Promises Treatment Center",
        "Malibu Promises Treatment Center"
    ));
    assert!(same(&es, "Promises", "Promises Treatment Center"));
    let malibu = entity(&es, "Malibu");
    assert_eq!(malibu.kind, Gpe);
    assert!(malibu.mentions.iter().any(|(d, _)| d == "d0"));
    // A name whose words after "in" are no place stays whole.
    let es = groups(
        &[(
            "Meeting held\nThe Institute for Research in Cognitive Science met on Monday.",
            &[("Institute for Research in Cognitive Science", Org)],
        )],
        &Overrides::none(),
    );
    assert!(es.iter().all(|e| e.name != "Cognitive Science"));
}
