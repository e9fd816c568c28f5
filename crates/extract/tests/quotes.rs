//! Behaviour of the quote and attribution extractor, one pattern family per test: a short text
//! in, the attributions out with `[source]`, `{cue}`, `<content>` and `(relay)` bracketed.

use corroborate_extract::quotes::{self, Attribution, AttributionKind, SourceKind};
use corroborate_extract::segment;

fn run(text: &str) -> Vec<Attribution> {
    let (_, sentences) = segment::segment(text);
    quotes::extract(text, &sentences)
}

fn check(name: &str, text: &str) -> Vec<Attribution> {
    let attrs = run(text);
    insta::assert_snapshot!(name, quotes::render(text, &attrs));
    attrs
}

fn slice(text: &str, s: Option<corroborate_model::Span>) -> Option<&str> {
    s.map(|s| s.slice(text))
}

#[test]
fn according_to_a_source_quoted_by_an_agency_keeps_the_chain() {
    let t = "Al-Assad was granted asylum in Russia, according to a Kremlin source quoted by the TASS news agency. “President Assad arrived in Moscow with his family,” the source stated.";
    let a = check("relay_chain", t);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].kind, AttributionKind::Sourcing);
    assert_eq!(slice(t, a[0].source), Some("a Kremlin source"));
    assert_eq!(
        a[0].relayed_by
            .iter()
            .map(|s| s.slice(t))
            .collect::<Vec<_>>(),
        ["the TASS news agency"]
    );
    assert_eq!(a[0].source_kind, SourceKind::Anonymous);
    // "the source" points back to the Kremlin source.
    assert_eq!(a[1].source_kind, SourceKind::Pronoun);
    assert_eq!(slice(t, a[1].resolved_source), Some("a Kremlin source"));
}

#[test]
fn told_an_agency_from_a_place_that() {
    let t = "Hadi al-Bahra, president of the Syrian National Coalition, told EFE from the Doha Forum that the rapid offensive “was expected,” given the army's morale.";
    let a = check("told_efe", t);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].kind, AttributionKind::Mixed);
    assert_eq!(slice(t, a[0].source), Some("Hadi al-Bahra"));
    assert_eq!(slice(t, a[0].cue), Some("told"));
    assert_eq!(
        a[0].relayed_by
            .iter()
            .map(|s| s.slice(t))
            .collect::<Vec<_>>(),
        ["EFE"]
    );
}

#[test]
fn quote_then_speaker_then_he_added() {
    let t = "“They have learned to use drones,” Al-Bahra said.\n\n“They don’t have proper winter clothing. So why should they fight?” he added.";
    let a = check("speaker_after_and_he_added", t);
    assert_eq!(a.len(), 2);
    assert!(a.iter().all(|x| x.kind == AttributionKind::DirectQuote));
    assert_eq!(
        slice(t, Some(a[0].content)),
        Some("They have learned to use drones,")
    );
    assert_eq!(slice(t, a[1].source), Some("he"));
    assert_eq!(slice(t, a[1].resolved_source), Some("Al-Bahra"));
}

#[test]
fn quote_over_two_sentences_with_inverted_speaker_and_participle() {
    let t = "“The opposition fighters have been training. They have learned to plan and strategize,” said the politician, adding that the troops “did not.”";
    let a = check("two_sentence_quote", t);
    assert_eq!(a.len(), 2);
    assert_eq!(
        slice(t, Some(a[0].content)),
        Some(
            "The opposition fighters have been training. They have learned to plan and strategize,"
        )
    );
    assert_eq!(slice(t, a[0].source), Some("the politician"));
    assert_eq!(a[1].kind, AttributionKind::Mixed);
    assert_eq!(slice(t, a[1].cue), Some("adding"));
}

#[test]
fn newspaper_sources() {
    let t = "Some details were uncovered by The National Interest, which stated that the offensive aimed to “deter Russian airstrikes.” The attackers seized Regiment 46, according to The National Interest. Russia opted for emergency meetings, the newspaper reported.";
    let a = check("newspaper", t);
    assert_eq!(a.len(), 3);
    assert_eq!(slice(t, a[0].source), Some("which"));
    assert_eq!(
        slice(t, a[0].resolved_source),
        Some("The National Interest")
    );
    assert_eq!(slice(t, a[2].source), Some("the newspaper"));
    assert_eq!(a[2].source_kind, SourceKind::Media);
    assert_eq!(
        slice(t, a[2].resolved_source),
        Some("The National Interest")
    );
}

#[test]
fn diplomatic_sources_and_reports() {
    let t = "Al-Assad left Damascus by December 7, according to multiple diplomatic sources, and flew to Moscow. Reports indicate that “his brother boarded an aircraft to Baghdad.” Rebels said Damascus was free, as reports say that Assad has fled.";
    let a = check("anonymous_and_unspecified", t);
    let kinds: Vec<SourceKind> = a.iter().map(|x| x.source_kind).collect();
    assert!(kinds.contains(&SourceKind::Anonymous));
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == SourceKind::Unspecified)
            .count(),
        2
    );
    assert_eq!(
        slice(t, Some(a[0].content)),
        Some("Al-Assad left Damascus by December 7")
    );
}

#[test]
fn as_per_media_after_a_quote() {
    let t = "Bashar al-Assad and his family have been granted asylum “for humanitarian reasons.” as per Russian Media.";
    let a = check("as_per", t);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].kind, AttributionKind::Sourcing);
    assert_eq!(a[0].source_kind, SourceKind::Media);
    assert!(slice(t, Some(a[0].content))
        .unwrap()
        .starts_with("Bashar al-Assad and his family"));
}

#[test]
fn security_source_told_outlet_on_a_day() {
    let t = "The fighting has forced thousands of residents to flee, a security source told Soldier of Fortune on Saturday.";
    let a = check("told_outlet_trailing", t);
    assert_eq!(a.len(), 1);
    assert_eq!(slice(t, a[0].source), Some("a security source"));
    assert_eq!(
        a[0].relayed_by
            .iter()
            .map(|s| s.slice(t))
            .collect::<Vec<_>>(),
        ["Soldier of Fortune"]
    );
    assert_eq!(
        slice(t, Some(a[0].content)),
        Some("The fighting has forced thousands of residents to flee")
    );
}

#[test]
fn wrote_on_telegram_and_speaker_before_quote() {
    let t = "“We declare the city free,” the insurgents’ Military Operations Command wrote on Telegram. In a speech, Biden said, “We have taken note of the statements.”";
    let a = check("wrote_and_said_before", t);
    assert_eq!(a.len(), 2);
    assert_eq!(
        slice(t, a[0].source),
        Some("the insurgents’ Military Operations Command")
    );
    assert_eq!(slice(t, a[0].cue), Some("wrote"));
    assert_eq!(slice(t, a[1].source), Some("Biden"));
    assert_eq!(a[1].kind, AttributionKind::DirectQuote);
}

#[test]
fn indirect_speech_with_trailing_speaker() {
    let t = "The Russian Foreign Ministry said on December 8 that Assad decided to resign. Russia did not participate in these negotiations, the ministry said.";
    let a = check("indirect_trailing", t);
    assert_eq!(a.len(), 2);
    assert_eq!(slice(t, a[1].source), Some("the ministry"));
    assert_eq!(
        slice(t, a[1].resolved_source),
        Some("The Russian Foreign Ministry")
    );
}

#[test]
fn typewriter_quotes_and_things_that_are_not_speech() {
    let t = "''It is going to take a lot more,'' he said. The United States “will speak with all groups.” Assad’s whereabouts were not confirmed as of Sunday.";
    let a = check("typewriter_and_negatives", t);
    assert_eq!(a.len(), 1, "only the quote is an attribution");
    assert_eq!(
        slice(t, Some(a[0].content)),
        Some("It is going to take a lot more,")
    );
}

#[test]
fn interrupted_quote_continues_the_same_speaker() {
    let t = "“The job is to keep seeking perfection,” Mr. Lopez-Cantera said. “We are not there yet.”\n\n“Nobody else spoke.”";
    let a = check("continuation", t);
    assert_eq!(
        a.len(),
        2,
        "the quote in the next paragraph has no speaker we can see"
    );
    assert_eq!(slice(t, a[0].source), Some("Mr. Lopez-Cantera"));
    assert_eq!(a[1].source, a[0].source);
    assert_eq!(a[1].cue, a[0].cue);
    assert_eq!(slice(t, Some(a[1].content)), Some("We are not there yet."));
}

#[test]
fn speaker_with_appositive_after_the_quote_or_after_the_verb() {
    let t = "“It takes a long time to process claims,” Bill Frelick, director at Human Rights Watch, said in an interview. The committee is short of money, said former governor Ed Rendell, who chairs it.";
    let a = check("appositive_speakers", t);
    assert_eq!(a.len(), 2);
    assert_eq!(slice(t, a[0].source), Some("Bill Frelick"));
    assert_eq!(slice(t, a[1].source), Some("former governor Ed Rendell"));
    assert_eq!(
        slice(t, Some(a[1].content)),
        Some("The committee is short of money")
    );
}

#[test]
fn participle_after_an_introductory_phrase_takes_the_clause_subject() {
    let t = "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton expanded on her statement, saying that the country should lead. Now, according to the recent poll, some voters are swinging.";
    let a = check("participle_subject", t);
    assert_eq!(a.len(), 2);
    assert_eq!(slice(t, a[0].source), Some("Mrs. Clinton"));
    assert_eq!(
        slice(t, Some(a[0].content)),
        Some("the country should lead")
    );
    assert_eq!(
        slice(t, Some(a[1].content)),
        Some("some voters are swinging")
    );
}

#[test]
fn a_speaker_after_a_quote_already_attributed_relays_it() {
    let t = "Reports indicate that “his brother boarded an aircraft to Baghdad,” said the American newspaper.";
    let a = check("relay_after_quote", t);
    assert_eq!(a.len(), 1);
    assert_eq!(slice(t, a[0].source), Some("Reports"));
    assert_eq!(
        a[0].relayed_by
            .iter()
            .map(|s| s.slice(t))
            .collect::<Vec<_>>(),
        ["the American newspaper"]
    );
}
