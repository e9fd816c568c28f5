//! The store on its own: documents round-trip, a rerun writes nothing twice, copy links are
//! kept as decided, the schema and read-only opening protect the file.

use corroborate_ingest::dedup::{self, Fingerprint};
use corroborate_model::Document;
use corroborate_store::*;
use rusqlite::Connection;
use std::path::Path;

/// Stores a document and links its copies the way the pipeline does; the number of copies linked.
fn add(w: &mut Writer<'_>, doc: &Document) -> (Added, usize) {
    let fp = Fingerprint::new(&doc.text, &doc.paragraphs);
    let added = w.add_document(doc, &fp.to_bytes(), &fp.bands()).unwrap();
    let mut copies = std::collections::BTreeSet::new();
    if added == Added::New {
        let mine = doc.meta.published.map(|d| d.to_string());
        for c in w.copy_candidates(&doc.id.0, &fp.bands()).unwrap() {
            let Some(other) = Fingerprint::from_bytes(&c.fingerprint) else {
                continue;
            };
            let other_first = match (&c.published, &mine) {
                (Some(a), Some(b)) => a <= b,
                _ => true,
            };
            if let Some(l) = dedup::link(&c.id, &other, &doc.id.0, &fp, other_first) {
                w.link_copy(&StoredLink {
                    copy: l.copy.clone(),
                    original: l.original,
                    overlap: l.overlap,
                    method: l.method,
                })
                .unwrap();
                copies.insert(l.copy);
            }
        }
    }
    (added, copies.len())
}

fn doc(source: &str, text: &str) -> Document {
    corroborate_extract::segment::segmented(
        corroborate_ingest::read_bytes(source, text.as_bytes())
            .documents
            .remove(0),
    )
}

const A: &str = "Assad Flees to Moscow as Rebels Take Damascus\n\nInsurgent groups have declared Damascus liberated from President Bashar al-Assad after a twelve-day offensive led by a coalition.\n\nAl-Assad, who ruled the country with an iron fist for 24 years, was granted asylum in Russia, according to a Kremlin source quoted by the TASS news agency.";

#[test]
fn round_trips_a_document() {
    let mut s = Store::open_in_memory().unwrap();
    let d = doc("a.txt", A);
    let mut w = s.writer().unwrap();
    assert_eq!(add(&mut w, &d), (Added::New, 0));
    w.commit().unwrap();
    let back = s.document(&d.id.0).unwrap();
    assert_eq!(back, d);
    assert_eq!(s.resolve(&d.id.0[..6]).unwrap(), d.id.0);
    assert_eq!(s.resolve("a.txt").unwrap(), d.id.0);
    assert_eq!(s.resolve("1").unwrap(), d.id.0);
    // Sentence rows slice back with SQLite's own substr over char offsets.
    let ok: i64 = s.connection().query_row("SELECT COUNT(*) FROM sentences s JOIN documents d ON d.id = s.doc WHERE substr(d.text, s.start + 1, s.end - s.start) = s.text", [], |r| r.get(0)).unwrap();
    assert_eq!(ok as usize, d.sentences.len());
}

#[test]
fn rewriting_is_a_no_op_and_copies_link() {
    let mut s = Store::open_in_memory().unwrap();
    let copy_text = format!("Syria Story Republished Here Today\n\nBy EFE\n\n{}\n\nRead more news here on Havana Times.", A.split_once("\n\n").unwrap().1);
    let mut w = s.writer().unwrap();
    add(&mut w, &doc("a.txt", A));
    assert_eq!(add(&mut w, &doc("b.txt", A)).0, Added::Known);
    assert_eq!(add(&mut w, &doc("c.txt", &copy_text)), (Added::New, 1));
    w.add_error("bad.bin", "binary").unwrap();
    w.add_error("bad.bin", "binary").unwrap();
    w.commit().unwrap();
    let counts: std::collections::HashMap<_, _> = s.counts().unwrap().into_iter().collect();
    assert_eq!(counts["documents"], 2);
    assert_eq!(counts["document_sources"], 3);
    assert_eq!(counts["ingest_errors"], 1);
    let dups = s.duplicates().unwrap();
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].original, doc("a.txt", A).id.0);
}

#[test]
fn uncommitted_writes_vanish() {
    let mut s = Store::open_in_memory().unwrap();
    {
        let mut w = s.writer().unwrap();
        add(&mut w, &doc("a.txt", A));
        // dropped without commit: rolled back
    }
    assert_eq!(s.documents().unwrap().len(), 0);
}

#[test]
fn refuses_newer_schema() {
    let dir = std::env::temp_dir().join(format!("corroborate-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("new.db");
    let _ = std::fs::remove_file(&p);
    {
        let s = Store::open(&p).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        s.connection()
            .pragma_update(None, "user_version", 99)
            .unwrap();
    }
    assert!(matches!(
        Store::open(&p),
        Err(StoreError::TooNew { found: 99, .. })
    ));
    std::fs::remove_dir_all(&dir).ok();
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("corroborate-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn open_error(p: &Path) -> String {
    Store::open(p)
        .map(|_| "opened".to_string())
        .unwrap_or_else(|e| e.to_string())
}

/// Issue 17: `--db` on another program's database added 16 tables and switched it to WAL.
#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempdir("foreign");
    let p = dir.join("contacts.sqlite");
    {
        let c = Connection::open(&p).unwrap();
        c.execute_batch("CREATE TABLE contacts (name TEXT); CREATE TABLE calls (n INTEGER);")
            .unwrap();
    }
    let before = std::fs::read(&p).unwrap();
    assert_eq!(
        open_error(&p),
        format!("{} is not a corroborate store (it holds other tables: calls, contacts); it was left untouched: pick another --db", p.display())
    );
    assert_eq!(std::fs::read(&p).unwrap(), before);
    assert!(!dir.join("contacts.sqlite-wal").exists());
    // Another application's id, even with no tables yet.
    let q = dir.join("other.db");
    Connection::open(&q)
        .unwrap()
        .pragma_update(None, "application_id", 42)
        .unwrap();
    assert!(open_error(&q).ends_with("is not a corroborate store (SQLite application id 0x2a); it was left untouched: pick another --db"));
    // Not a database at all.
    let t = dir.join("notes.txt");
    std::fs::write(&t, "x".repeat(4096)).unwrap();
    assert!(open_error(&t).ends_with("notes.txt is not a corroborate store (not a SQLite database); it was left untouched: pick another --db"));
    // An empty file is ours to claim, and is marked as ours.
    let e = dir.join("empty.db");
    std::fs::write(&e, "").unwrap();
    assert_eq!(open_error(&e), "opened");
    let id: i32 = Connection::open(&e)
        .unwrap()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
    std::fs::remove_dir_all(&dir).ok();
}

/// Stores made before the application id existed are still ours (and get marked).
#[test]
fn an_unmarked_store_of_ours_is_adopted() {
    let dir = tempdir("legacy");
    let p = dir.join("old.db");
    {
        let s = Store::open(&p).unwrap();
        s.connection()
            .pragma_update(None, "application_id", 0)
            .unwrap();
    }
    assert_eq!(open_error(&p), "opened");
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 17: two first runs on a new store failed 7 times in 10 with "database is locked"
/// or "table … already exists".
#[test]
fn concurrent_first_opens_all_succeed() {
    for round in 0..5 {
        let dir = tempdir(&format!("race{round}"));
        let p = dir.join("new.db");
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let (p, barrier) = (p.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    let mut s = Store::open(&p).map_err(|e| e.to_string())?;
                    let mut w = s.writer().map_err(|e| e.to_string())?;
                    w.add_error("x", "y").map_err(|e| e.to_string())?;
                    w.commit().map_err(|e| e.to_string())
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), Ok(()), "round {round}");
        }
        assert_eq!(
            Store::open(&p).unwrap().schema_version().unwrap(),
            SCHEMA_VERSION
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn read_only_opens_write_nothing_and_survive_a_missing_wal_index() {
    let dir = tempdir("ro");
    let p = dir.join("s.db");
    let d = doc("a.txt", A);
    {
        let mut s = Store::open(&p).unwrap();
        let mut w = s.writer().unwrap();
        add(&mut w, &d);
        w.commit().unwrap();
    }
    let s = Store::open_read_only(&p).unwrap();
    assert_eq!(s.document(&d.id.0).unwrap(), d);
    assert!(s
        .connection()
        .execute("DELETE FROM documents", [])
        .unwrap_err()
        .to_string()
        .contains("readonly"));
    drop(s);
    // Where SQLite cannot create the WAL index (a read-only folder; here a directory in
    // its place, which stops root too), the store is still read, as an immutable file.
    std::fs::remove_file(dir.join("s.db-shm")).ok();
    std::fs::remove_file(dir.join("s.db-wal")).ok();
    std::fs::create_dir(dir.join("s.db-shm")).unwrap();
    let s = Store::open_read_only(&p).unwrap();
    assert_eq!(s.documents().unwrap().len(), 1);
    let missing = dir.join("none.db");
    assert_eq!(
        Store::open_read_only(&missing).unwrap_err().to_string(),
        format!(
            "{}: no store here yet (run `corroborate ingest PATH...` first)",
            missing.display()
        )
    );
    assert!(!missing.exists());
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 17: an override with a newline or empty names was stored, and every later
/// `analyze` failed.
#[test]
fn bad_overrides_are_refused_when_stored() {
    let mut s = Store::open_in_memory().unwrap();
    let check = |s: &mut Store, line: &str| {
        s.add_overrides(&[line.to_string()])
            .map(|_| "stored".to_string())
            .unwrap_or_else(|e| e.to_string())
    };
    assert_eq!(
        check(&mut s, r#"force "al-Jolani" = "Ahmed al-Sharaa""#),
        "stored"
    );
    assert_eq!(
        check(&mut s, "force \"a\nb\" = \"c\""),
        "override \"force \\\"a\\nb\\\" = \\\"c\\\"\" refused: it holds a control character (a newline, tab or escape)"
    );
    assert!(check(&mut s, r#"veto "" != "Assad""#)
        .ends_with("empty name (expected `force \"A\" = \"B\"` or `veto \"A\" != \"B\"`)"));
    assert!(check(&mut s, "force \"\u{1b}[2J\" = \"x\"").contains("control character"));
    assert!(check(&mut s, "hello").contains("refused"));
    assert_eq!(
        s.overrides().unwrap(),
        "force \"al-Jolani\" = \"Ahmed al-Sharaa\"\n"
    );
}

/// Paragraphs of varied words, different for every `seed`.
fn filler(seed: u64, paragraphs: usize) -> String {
    const W: &[&str] = &[
        "council",
        "river",
        "minister",
        "convoy",
        "harbour",
        "election",
        "border",
        "factory",
        "market",
        "villagers",
        "bridge",
        "court",
        "airport",
        "statement",
        "province",
        "agency",
        "strike",
        "railway",
        "hospital",
        "school",
        "talks",
        "ceasefire",
        "protest",
        "capital",
        "officials",
        "prices",
        "refugees",
        "police",
        "parliament",
        "army",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut out = Vec::new();
    for _ in 0..paragraphs {
        let words: Vec<&str> = (0..40)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                W[(x >> 33) as usize % W.len()]
            })
            .collect();
        out.push(format!("The {}.", words.join(" ")));
    }
    out.join("\n\n")
}

/// Issue 17: the summary's copy-link count differed from the store's. A short piece that
/// two longer, unrelated articles both carry is one copy (one row), not two links.
#[test]
fn reported_links_are_the_stored_links() {
    // Two articles that share a piece of 4 paragraphs out of 9 (too little to be copies of
    // each other), and the piece alone, which copies both.
    let piece = filler(102, 4);
    let one = format!("{piece}\n\n{}", filler(202, 5));
    let two = format!("{piece}\n\n{}", filler(302, 5));
    let mut s = Store::open_in_memory().unwrap();
    let mut w = s.writer().unwrap();
    let mut reported = 0;
    for (name, text) in [("one.txt", &one), ("two.txt", &two), ("piece.txt", &piece)] {
        reported += add(&mut w, &doc(name, text)).1;
    }
    w.commit().unwrap();
    let stored: i64 = s
        .connection()
        .query_row("SELECT COUNT(*) FROM duplicates", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, 1);
    assert_eq!(reported as i64, stored);
}
