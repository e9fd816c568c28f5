//! Issue 17: text from the sources never becomes active in a report. A page whose title,
//! outlet and words carry markup, links, images, table pipes, terminal escapes and bidi
//! overrides is rendered as Markdown and HTML, and none of it acts.

use corroborate_report::{html, markdown, DossierBuilder};

const PAGE: &str = r#"<html><head><title>Breaking <script>alert(1)</script> | report&#x202e;gpj.exe &#x1b;[2J</title>
<meta property="og:site_name" content="Evil | Outlet ![img](https://evil.example/t.png)">
</head><body><article>
<p>Officials said [click here](javascript:alert(document.cookie)) on Monday that <iframe src="https://evil.example"></iframe> the convoy left.</p>
<p>The statement, signed **in bold**, added: <img src=x onerror=alert(2)> &lt;svg onload=alert(3)&gt; and &lt;meta http-equiv="refresh" content="0;url=https://evil.example"&gt; then report&#x202e;gpj.exe and a title that clears the screen &#x1b;[2J.</p>
</article></body></html>"#;

fn dossier() -> corroborate_report::Dossier {
    let out = corroborate_ingest::read_bytes("bad|name\n.html", PAGE.as_bytes());
    let doc = &corroborate_extract::segment::segmented(out.documents[0].clone());
    let mut b = DossierBuilder::new();
    b.document(doc, "bad|name\n.html", None);
    b.error("evil\u{1b}]0;title\u{7}.html", "binary data <b>x</b>");
    b.build()
}

#[test]
fn markdown_shows_source_text_as_text() {
    let md = markdown::render(&dossier());
    for active in [
        "<script",
        "<iframe",
        "<img",
        "<svg",
        "<meta",
        "](javascript",
        "](https://evil",
        "\u{202e}",
        "\u{1b}",
    ] {
        assert!(!md.contains(active), "{active:?} is active in:\n{md}");
    }
    // The Sources table keeps its 8 columns whatever the outlet holds.
    let row = md
        .lines()
        .find(|l| l.starts_with("| 1 |"))
        .unwrap_or_else(|| panic!("no source row in:\n{md}"));
    let cells = row.replace("\\|", "").matches('|').count() - 1;
    assert_eq!(cells, 8, "{row}");
    assert!(md.contains("Evil \\| Outlet"), "{md}");
}

#[test]
fn html_marks_bidi_overrides_inert() {
    let page = html::render_all(&[dossier()]);
    assert!(!page.contains('\u{202e}'));
    assert!(page.contains("&lt;U+202E&gt;"));
    assert!(!page.contains("<script>alert"));
}
