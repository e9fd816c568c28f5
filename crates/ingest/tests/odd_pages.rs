//! Odd pages of our own (`tests/pages/`): AMP, a `<noscript>` fallback, a script shell, a frame
//! set, pagination, hidden duplicates, misleading page-wide class names, a teaser rail, a
//! gzip-wrapped page, a short linked post beside a sidebar text widget, a blog post under the
//! blog's name and a 5 MB page made in the test. Each says what must be read and what must not.

use corroborate_ingest::{read_bytes, Outcome};
use std::io::Write;

fn read(name: &str) -> Outcome {
    let path = format!("{}/tests/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    read_bytes(name, &std::fs::read(path).unwrap())
}

/// The page gives one document whose text holds every `want` and none of `not`.
fn check(name: &str, want: &[&str], not: &[&str]) -> corroborate_model::Document {
    let out = read(name);
    assert!(out.errors.is_empty(), "{name}: {:?}", out.errors);
    let d = out.documents.into_iter().next().unwrap();
    for w in want {
        assert!(d.text.contains(w), "{name}: {w:?} missing from\n{}", d.text);
    }
    for n in not {
        assert!(!d.text.contains(n), "{name}: {n:?} kept in\n{}", d.text);
    }
    d
}

const FIRST: &str = "Rebels entered the city of Homs on Saturday";
const SECOND: &str = "The army withdrew toward the coast overnight";

#[test]
fn amp_page() {
    let d = check(
        "amp.html",
        &[FIRST, SECOND, "Residents described columns"],
        &["Home", "World", "© 2024", "gtag", "AMP Daily"],
    );
    assert_eq!(d.meta.title.as_deref(), Some("Rebels reach Homs"));
    assert_eq!(d.meta.url.as_deref(), Some("https://daily.test/homs"));
}

#[test]
fn noscript_fallback_is_read_when_nothing_else_is() {
    check("noscript.html", &[FIRST, SECOND], &[]);
}

#[test]
fn script_shell_and_frame_set_have_no_article() {
    for name in ["js-shell.html", "frameset.html"] {
        let out = read(name);
        assert!(out.documents.is_empty(), "{name}");
        assert_eq!(
            out.errors[0].to_string(),
            format!("{name}: no article text left after cleaning")
        );
    }
}

#[test]
fn pagination_byline_and_comments_are_not_text() {
    let d = check(
        "pagination.html",
        &[FIRST, SECOND],
        &[
            "Next page",
            "Continue reading",
            "By Jane Roe",
            "Great piece",
        ],
    );
    assert_eq!(d.meta.author.as_deref(), Some("Jane Roe"));
    let reasons: Vec<&str> = d.removed.iter().map(|r| r.reason.as_str()).collect();
    assert!(
        reasons.contains(&"byline") && reasons.contains(&"headline"),
        "{reasons:?}"
    );
}

#[test]
fn hidden_copies_are_not_read() {
    let d = check("hidden.html", &[FIRST, SECOND], &["Subscribe"]);
    assert_eq!(d.text.matches(FIRST).count(), 1, "{}", d.text);
    assert_eq!(d.text.matches(SECOND).count(), 1, "{}", d.text);
}

#[test]
fn page_wide_class_names_do_not_remove_the_article() {
    check(
        "classnames.html",
        &[FIRST, SECOND, "Residents described columns"],
        &["Tweet"],
    );
}

#[test]
fn a_rail_of_sixty_teasers_does_not_beat_the_article() {
    let d = check(
        "teasers.html",
        &["Saturday (1)", "Saturday (10)"],
        &["A short blurb", "Story number"],
    );
    assert_eq!(d.meta.title.as_deref(), Some("Rebels reach Homs"));
}

#[test]
fn gzip_wrapped_page() {
    let path = format!("{}/tests/pages/amp.html", env!("CARGO_MANIFEST_DIR"));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&std::fs::read(path).unwrap()).unwrap();
    let out = read_bytes("amp.html.gz", &gz.finish().unwrap());
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert!(out.documents[0].text.contains(FIRST));
}

#[test]
fn five_megabyte_page() {
    let article = std::fs::read_to_string(format!(
        "{}/tests/pages/pagination.html",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let comment = "<div class=\"comment\"><p>Another reader comment that goes on for a while, with opinions, and more opinions.</p></div>\n";
    let page = article.replace(
        "</body>",
        &format!(
            "<div id=\"comments\">{}</div></body>",
            comment.repeat(5_000_000 / comment.len())
        ),
    );
    assert!(page.len() > 5_000_000);
    let out = read_bytes("big.html", page.as_bytes());
    let d = &out.documents[0];
    assert!(d.text.contains(FIRST) && !d.text.contains("Another reader comment"));
}

#[test]
fn a_sidebar_text_widget_does_not_outscore_a_short_linked_post() {
    // The sidebar's "About me" box has more plain prose than the post, whose two paragraphs
    // carry many links: the post is the article, and its links do not make it a weak box.
    check(
        "sidebar.html",
        &[FIRST, SECOND],
        &["retired teacher", "About me", "November"],
    );
}

#[test]
fn a_blog_post_title_is_the_headline_not_the_blog_name() {
    // The blog's name in the page's `<h1>` matches part of `<title>`; the post's `<h3>` matches
    // more of it and stands right above the text. A post wrapper whose class names its author
    // is not a byline.
    let d = check(
        "blog-title.html",
        &[FIRST, SECOND],
        &["Jane's Notebook", "Notes on the news"],
    );
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Rebels reach Homs after a night of fighting")
    );
}
