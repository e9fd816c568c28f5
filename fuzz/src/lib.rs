//! Fuzz targets for every parser of outside input, and the mutator that feeds them.
//!
//! A target is a function of bytes that must return (any result is fine) without panicking,
//! overflowing the stack, running longer than the campaign's time limit or growing past its
//! memory limit. The mutator is deterministic: input `i` of a run with seed `s` is a function
//! of `(s, i)` and the seed corpus alone, so any input a campaign flags can be regenerated
//! (`fuzz replay`) and kept as a regression test under `fuzz/regressions/`.

pub mod mutate;

use corroborate_model::Format;

/// A named fuzz target: the seed folder it starts from and the function under test.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub name: &'static str,
    /// Folder under `fuzz/seeds/` with the inputs mutations start from.
    pub seeds: &'static str,
    pub run: fn(&[u8]),
    /// Tokens the mutator inserts (markup, keywords) to reach deeper states sooner.
    pub dictionary: &'static [&'static str],
}

const MARKUP: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<b>",
    "<table><tr><td>",
    "&amp;",
    "&#x202e;",
    "&#0;",
    "<script>",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<meta charset=\"windows-1251\">",
    "<meta charset=\"utf-16\">",
    "<title>",
    "</title>",
    "<article>",
    "<figcaption>",
    "<br>",
    "<time datetime=\"2024-12-08\">",
    "\u{feff}",
    "\u{202e}",
    "\r\n",
    "\0",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"",
];
const FEED: &[&str] = &[
    "<item>",
    "</item>",
    "<entry>",
    "</entry>",
    "<title>",
    "</title>",
    "<description>",
    "</description>",
    "<pubDate>Sat, 07 Dec 2024 18:00:00 GMT</pubDate>",
    "<channel>",
    "</channel>",
    "<content:encoded><![CDATA[",
    "]]></content:encoded>",
    "&lt;p&gt;",
    "&amp;",
    "<published>2024-12-07T12:00:00Z</published>",
    "xmlns=\"http://www.w3.org/2005/Atom\"",
    "<link href=\"",
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
];
const WARC: &[&str] = &[
    "WARC/1.0\r\n",
    "WARC-Type: response\r\n",
    "Content-Length: ",
    "\r\n\r\n",
    "HTTP/1.1 200 OK\r\n",
    "Content-Type: text/html; charset=",
    "Transfer-Encoding: chunked\r\n",
    "Content-Encoding: gzip\r\n",
    "WARC-Target-URI: ",
    "0\r\n\r\n",
    "ffffffff\r\n",
    "\x1f\u{8b}",
];
const JSONL: &[&str] = &[
    "{\"text\": \"",
    "\"}\n",
    "\"published\": \"",
    "\"outlet\": ",
    "[",
    "]",
    "\\u0000",
    "\\ud800",
    "{\"text\": [",
    "null",
    "1e999",
    "\n",
];
const TIME: &[&str] = &[
    "December 7",
    "last Sunday",
    "2024-12-08",
    "three days later",
    "the 1990s",
    "mid-2024",
    "early Monday",
    "24 years",
    "every Friday",
    "Q3 2023",
    "in 1,000,000,000 years",
    "BC",
    "the day before yesterday",
    "11 days",
    "twelve-day",
    "since 1971",
    "next week",
    "9:30 p.m.",
];
const OVERRIDES: &[&str] = &[
    "force ", "veto ", "\"", "\\\"", " = ", " != ", "#", "\n", "\u{202e}", "\"\"",
];

/// Reads bytes as the pipeline does before its per-document stages: ingest, then sentences.
fn read_and_segment(name: &str, bytes: &[u8]) {
    for mut d in corroborate_ingest::read_bytes(name, bytes).documents {
        corroborate_extract::segment::segment_document(&mut d);
    }
}

/// Every target, in the order a campaign runs them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "read_text",
        seeds: "text",
        run: |b| read_and_segment("fuzz.txt", b),
        dictionary: TIME,
    },
    Target {
        name: "read_html",
        seeds: "html",
        run: |b| read_and_segment("fuzz.html", b),
        dictionary: MARKUP,
    },
    Target {
        name: "read_feed",
        seeds: "feed",
        run: |b| read_and_segment("fuzz.xml", b),
        dictionary: FEED,
    },
    Target {
        name: "read_jsonl",
        seeds: "jsonl",
        run: |b| read_and_segment("fuzz.jsonl", b),
        dictionary: JSONL,
    },
    Target {
        name: "read_warc",
        seeds: "warc",
        run: |b| read_and_segment("fuzz.warc", b),
        dictionary: WARC,
    },
    Target {
        name: "feed",
        seeds: "feed",
        run: feed,
        dictionary: FEED,
    },
    Target {
        name: "warc",
        seeds: "warc",
        run: |b| drop(corroborate_ingest::warc::read_warc("fuzz.warc", b)),
        dictionary: WARC,
    },
    Target {
        name: "timex",
        seeds: "text",
        run: timex,
        dictionary: TIME,
    },
    Target {
        name: "overrides",
        seeds: "overrides",
        run: overrides,
        dictionary: OVERRIDES,
    },
];

/// The target called `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// The feed parser alone, on text (each format it takes).
fn feed(b: &[u8]) {
    let text = String::from_utf8_lossy(b);
    for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
        let _ = corroborate_ingest::feed::read_feed("fuzz.xml", &text, format);
    }
}

/// The time grammar on text, with and without an anchor date; and its invariant: every
/// expression is a slice of the text on char boundaries.
fn timex(b: &[u8]) {
    let text = String::from_utf8_lossy(b);
    let anchor = chrono::NaiveDate::from_ymd_opt(2024, 12, 8);
    for a in [None, anchor] {
        for t in corroborate_timex::extract(&text, a) {
            assert!(
                text.get(t.span.start..t.span.end).is_some(),
                "time expression span {:?} is not a slice of the text",
                t.span
            );
        }
    }
}

/// The override parser, and its round trip: what it parsed prints back to the same directives.
fn overrides(b: &[u8]) {
    use corroborate_entities::alias::Overrides;
    let text = String::from_utf8_lossy(b);
    if let Ok(o) = Overrides::parse(&text) {
        let again = Overrides::parse(&o.to_string())
            .unwrap_or_else(|e| panic!("printed overrides do not parse back: {e}"));
        assert_eq!(again, o, "overrides do not round-trip");
    }
}
