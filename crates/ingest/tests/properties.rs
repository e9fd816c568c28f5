//! Invariants over generated inputs: reading never panics; every sentence, paragraph, caption
//! and removed span of a plain-text document maps back to the raw input verbatim; cleaning a
//! cleaned text changes nothing; segmentation tiles the text.

use corroborate_ingest::read_bytes;
use proptest::prelude::*;

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Share this:".to_string()),
        Just("Related Articles".to_string()),
        Just("Leave a Reply".to_string()),
        Just("Back to top button".to_string()),
        Just("d5d786b8 dea9 49e3 bd18 f590d74ceeec".to_string()),
        Just("Rebels in Homs, December 8, 2024. // Photo: EFE/NAME".to_string()),
        Just("By EFE (Confidencial)".to_string()),
        Just(
            "“We declare the city free,” the command wrote. Mr. Lavrov said U.S. officials left."
                .to_string()
        ),
        "[A-Z][a-z]{2,9}( [a-z]{1,9}){2,14}[.?!]",
        "[A-Za-zé’ ,.]{0,60}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn plain_text_spans_map_back_verbatim(lines in proptest::collection::vec(line(), 1..30), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let out = read_bytes("gen.txt", text.as_bytes());
        for d in out.documents.into_iter().map(corroborate_extract::segment::segmented) {
            for s in d.sentences.iter().chain(&d.paragraphs).chain(&d.captions) {
                let joined: String = d.offsets.raw_pieces(*s).iter().map(|r| r.slice(&d.raw)).collect();
                prop_assert_eq!(joined.as_str(), s.slice(&d.text));
            }
            for r in &d.removed {
                prop_assert_eq!(r.raw.slice(&d.raw), r.text.as_str());
                prop_assert!(r.at <= d.text.len());
            }
            // Reading the cleaned text again removes nothing more.
            let again = read_bytes("again.txt", d.text.as_bytes());
            let d2 = &again.documents[0];
            prop_assert_eq!(&d2.text, &d.text);
            prop_assert!(d2.removed.is_empty(), "{:?}", d2.removed);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let out = read_bytes("junk.bin", &bytes);
        prop_assert!(out.documents.len() + out.errors.len() >= 1);
    }

    #[test]
    fn arbitrary_markup_never_panics(s in "(<(p|div|article|nav|a|script|rss|item|feed|entry|title)( class=\"(share|comment|related)\")?>|</(p|div|article|nav|a|script|rss|item|feed|entry)>|[A-Za-z &;#.]{0,20}){0,40}") {
        let out = read_bytes("gen.html", s.as_bytes());
        for d in out.documents.into_iter().map(corroborate_extract::segment::segmented) {
            for sp in &d.sentences {
                prop_assert!(d.text.is_char_boundary(sp.start) && d.text.is_char_boundary(sp.end));
            }
        }
    }
}
