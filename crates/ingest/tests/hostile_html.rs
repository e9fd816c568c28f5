//! Hostile HTML made in the test (issue 17): pathological nesting and entity floods must give a
//! document (or one clear error), never a stack overflow, and in time linear in their size
//! (timings are measured by `scripts/extraction/hostile.sh`, not asserted here).

use corroborate_ingest::read_bytes;

/// Reads `page` and returns the document's text; the page must give exactly one document.
fn text_of(name: &str, page: &str) -> String {
    let out = read_bytes(name, page.as_bytes());
    assert!(out.errors.is_empty(), "{name}: {:?}", out.errors);
    assert_eq!(out.documents.len(), 1, "{name}");
    let d = &out.documents[0];
    for p in d.offsets.pieces() {
        if p.is_verbatim() {
            assert_eq!(p.clean.slice(&d.text), p.raw.slice(&d.raw), "{name}");
        }
    }
    d.text.clone()
}

const ARTICLE: &str = "<p>Rebels entered Homs on Saturday, and by Sunday the government lines had folded, witnesses said.</p>";

fn nested(open: &str, close: &str, n: usize) -> String {
    format!(
        "<html><body>{}{ARTICLE}{}</body></html>",
        open.repeat(n),
        close.repeat(n)
    )
}

#[test]
fn seven_thousand_nested_divs() {
    let t = text_of("divs.html", &nested("<div>", "</div>", 7_000));
    assert!(t.contains("Rebels entered Homs"), "{t}");
}

#[test]
fn hundred_thousand_nested_divs() {
    let t = text_of("divs.html", &nested("<div>", "</div>", 100_000));
    assert!(t.contains("Rebels entered Homs"), "{t}");
}

#[test]
fn hundred_thousand_nested_bold() {
    let t = text_of("b.html", &nested("<b>", "</b>", 100_000));
    assert!(t.contains("Rebels entered Homs"), "{t}");
}

#[test]
fn twenty_thousand_nested_tables() {
    let t = text_of(
        "tables.html",
        &nested("<table><tr><td>", "</td></tr></table>", 20_000),
    );
    assert!(t.contains("Rebels entered Homs"), "{t}");
}

#[test]
fn unclosed_nesting_ten_thousand_deep() {
    let page = format!(
        "<html><body>{}{ARTICLE}",
        "<div><span><section>".repeat(10_000)
    );
    let t = text_of("unclosed.html", &page);
    assert!(t.contains("Rebels entered Homs"), "{t}");
}

#[test]
fn a_megabyte_and_a_half_of_ampersands() {
    let words = "&amp; ".repeat(240_000);
    let page = format!("<html><body><p>Rebels said {words} and left.</p>{ARTICLE}</body></html>");
    let t = text_of("amp.html", &page);
    assert!(t.contains("Rebels entered Homs"));
    let glued = format!(
        "<html><body><p>{}</p>{ARTICLE}</body></html>",
        "&amp;".repeat(280_000)
    );
    let t = text_of("amp2.html", &glued);
    assert!(t.contains("Rebels entered Homs"));
}
