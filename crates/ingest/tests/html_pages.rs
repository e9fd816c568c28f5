//! HTML pages of our own making that reproduce real-world clutter (a WordPress post with share
//! buttons, related posts and a comment thread; a news site in windows-1252 with a cookie banner,
//! ads, a newsletter box and a recommendation widget): what is kept, what is removed and why.

use corroborate_ingest::read_bytes;
use corroborate_model::Document;

fn read(name: &str) -> Document {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let out = read_bytes(name, &std::fs::read(path).unwrap());
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    corroborate_extract::segment::segmented(out.documents.into_iter().next().unwrap())
}

fn render(d: &Document) -> String {
    let m = &d.meta;
    let mut s = format!(
        "format: {} ({})\ntitle: {}\noutlet: {}\nauthor: {}\npublished: {} {:?}\nurl: {}\nlanguage: {}\n--- text\n{}\n--- captions\n",
        d.format.as_str(),
        d.encoding,
        m.title.as_deref().unwrap_or("-"),
        m.outlet.as_deref().unwrap_or("-"),
        m.author.as_deref().unwrap_or("-"),
        m.published.map_or("-".into(), |p| p.to_string()),
        m.published_basis.as_ref().map(|b| (b.kind.as_str(), b.field.clone())),
        m.url.as_deref().unwrap_or("-"),
        m.language.as_deref().unwrap_or("-"),
        d.text
    );
    for c in &d.captions {
        s += &format!("{}\n", d.slice(*c));
    }
    s += "--- removed\n";
    for r in &d.removed {
        s += &format!("[{}] {}\n", r.reason.as_str(), r.text);
    }
    s
}

#[test]
fn wordpress_post() {
    insta::assert_snapshot!(render(&read("wordpress.html")));
}

#[test]
fn news_site_in_windows_1252() {
    let d = read("newssite-windows1252.html");
    assert!(d.text.contains("“not in the business of guessing”"));
    insta::assert_snapshot!(render(&d));
}

#[test]
fn kept_html_text_maps_back_into_the_markup() {
    for name in ["wordpress.html", "newssite-windows1252.html"] {
        let d = read(name);
        for s in &d.sentences {
            let r = d
                .offsets
                .raw_span(*s)
                .unwrap_or_else(|| panic!("{name}: {:?} unmapped", s.slice(&d.text)));
            let raw = r.slice(&d.raw);
            // Entities and tags sit between words in the markup; the first word must be where we say.
            let first = s.slice(&d.text).split_whitespace().next().unwrap();
            let probe: String = first.chars().take_while(|c| c.is_alphanumeric()).collect();
            assert!(raw.contains(&probe), "{name}: {probe:?} not in {raw:?}");
        }
    }
}
