//! Reading many inputs at once: a feed larger than one chunk is stored whole and in order
//! between the inputs around it, a broken item is that item's error, and a rerun stores
//! nothing twice.

use corroborate_pipeline::{ingest, IngestOptions, Input, Resources, Silent};
use corroborate_store::Store;
use std::sync::OnceLock;

fn resources() -> &'static Resources {
    static R: OnceLock<Resources> = OnceLock::new();
    R.get_or_init(|| Resources::lexical().expect("bundled resources load"))
}

fn text(source: &str, body: &str) -> Input {
    Input::Bytes {
        source: source.into(),
        bytes: body.as_bytes().to_vec(),
    }
}

/// An RSS feed of `n` items, each a distinct short report; item `broken` (if any) has no text.
fn feed(n: usize, broken: Option<usize>) -> Input {
    let mut xml = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>\
         <link>https://wire.example/</link><description>d</description>",
    );
    for i in 0..n {
        let body = if broken == Some(i) {
            String::new()
        } else {
            format!(
                "Officials in district {i} said {i} homes were damaged by the storm on Monday. \
                 Crews worked through the night in district {i}."
            )
        };
        xml.push_str(&format!(
            "<item><title>Storm report {i}</title><link>https://wire.example/{i}</link>\
             <description>{body}</description></item>"
        ));
    }
    xml.push_str("</channel></rss>");
    Input::Bytes {
        source: "wire.rss".into(),
        bytes: xml.into_bytes(),
    }
}

fn options(jobs: usize) -> IngestOptions {
    IngestOptions {
        jobs,
        stories: false,
        ..IngestOptions::default()
    }
}

#[test]
fn a_feed_of_many_chunks_is_stored_in_order_between_its_neighbours() {
    let n = 600; // over two chunks
    let mut store = Store::open_in_memory().unwrap();
    let inputs = vec![
        text(
            "first.txt",
            "The first report says the bridge closed on Monday.",
        ),
        feed(n, Some(301)),
        text(
            "last.txt",
            "The last report says the bridge reopened on Friday.",
        ),
    ];
    let report = ingest(
        &mut store,
        resources(),
        inputs,
        vec![],
        &options(2),
        &Silent,
    )
    .unwrap();
    assert_eq!(report.new, n - 1 + 2, "{:?}", report.errors);
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(
        report.errors[0].source.contains("wire.rss"),
        "{:?}",
        report.errors
    );
    let sources: Vec<&str> = report.documents.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(sources.first(), Some(&"first.txt"));
    assert_eq!(sources.last(), Some(&"last.txt"));
    // The feed's items keep their order: item i's source names item i.
    let items: Vec<&str> = sources[1..sources.len() - 1].to_vec();
    assert_eq!(items.len(), n - 1);
    let numbers: Vec<usize> = items
        .iter()
        .map(|s| {
            s.rsplit(|c: char| !c.is_ascii_digit())
                .find(|t| !t.is_empty())
                .and_then(|t| t.parse().ok())
                .unwrap_or_else(|| panic!("no item number in {s}"))
        })
        .collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
    assert_eq!(store.documents().unwrap().len(), n - 1 + 2);

    // A rerun (as after a crash) finds everything stored and stores nothing twice.
    let again = ingest(
        &mut store,
        resources(),
        vec![feed(n, Some(301))],
        vec![],
        &options(1),
        &Silent,
    )
    .unwrap();
    assert_eq!((again.new, again.known), (0, n - 1));
    assert_eq!(store.documents().unwrap().len(), n - 1 + 2);
}
