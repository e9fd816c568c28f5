//! Issue 17 through the binary: hostile inputs are one clear line each and the batch goes on;
//! the store and the output file are never damaged; nothing from the data reaches the terminal
//! as a control sequence.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("corroborate-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// (exit code, stdout, stderr) of `corroborate --quiet --db DB ARGS...`.
fn run(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin()
        .args(["--quiet", "--db"])
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const ARTICLE: &str = "Rebels Enter Homs\n\nOpposition fighters entered the central city of Homs on Saturday, December 7, 2024, three days after they took Hama, a monitor said.\n";

#[test]
fn devices_are_refused_and_the_batch_goes_on() {
    let d = tempdir("devices");
    let good = d.join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let (code, _, err) = run(
        &d.join("c.db"),
        &[
            "ingest",
            "/dev/zero",
            "/dev/urandom",
            good.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("/dev/zero: is a character device, not a file"),
        "{err}"
    );
    assert!(err.contains("/dev/urandom: is a character device"), "{err}");
    let (_, docs, _) = run(&d.join("c.db"), &["docs"]);
    assert!(docs.contains("Opposition fighters"), "{docs}");
}

#[test]
fn a_newline_or_escape_in_a_file_name_stays_on_one_line() {
    let d = tempdir("names");
    let bad = d.join("bad\nname\u{1b}[2J.txt");
    std::fs::write(&bad, "").unwrap();
    let (code, _, err) = run(&d.join("c.db"), &["ingest", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(
        err.contains("bad\\nname\\u{1b}[2J.txt: empty input"),
        "{err:?}"
    );
    let (_, listed, _) = run(&d.join("c.db"), &["errors"]);
    assert!(
        !listed.contains('\u{1b}') && listed.lines().count() == 1,
        "{listed:?}"
    );
}

#[test]
fn out_never_overwrites_the_store() {
    let d = tempdir("out");
    let db = d.join("c.db");
    let good = d.join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let (code, _, err) = run(
        &db,
        &[
            "analyze",
            good.to_str().unwrap(),
            "--align",
            "lexical",
            "--out",
            db.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("it is the store"), "{err}");
    let (code, docs, err) = run(&db, &["docs"]);
    assert_eq!(code, 0, "{err}");
    assert!(docs.contains("Opposition fighters"), "{docs}");
}

#[test]
fn another_programs_database_is_left_alone() {
    let d = tempdir("foreign");
    let db = d.join("contacts.sqlite");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (name TEXT);")
        .unwrap();
    let good = d.join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let (code, _, err) = run(&db, &["ingest", good.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a corroborate store"), "{err}");
    assert!(!d.join("contacts.sqlite-wal").exists());
}

#[test]
fn absurd_job_counts_are_usage_errors_not_panics() {
    let d = tempdir("jobs");
    let (code, _, err) = run(
        &d.join("c.db"),
        &["ingest", "-j", "18446744073709551615", "x"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn analyze_with_nothing_readable_says_so() {
    let d = tempdir("nothing");
    let bad = d.join("empty.txt");
    std::fs::write(&bad, "").unwrap();
    let (code, _, err) = run(
        &d.join("c.db"),
        &[
            "analyze",
            bad.to_str().unwrap(),
            "--format",
            "json",
            "--align",
            "lexical",
        ],
    );
    assert_ne!(code, 0);
    assert!(!err.contains("EOF while parsing"), "{err}");
    assert!(err.contains("no input could be read"), "{err}");
}

#[test]
fn pinning_to_a_story_that_does_not_exist_fails() {
    let d = tempdir("pin");
    let good = d.join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let db = d.join("c.db");
    assert_eq!(run(&db, &["ingest", good.to_str().unwrap()]).0, 0);
    let (code, _, err) = run(&db, &["stories", "--pin", "1", "nosuchstory"]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("nosuchstory"), "{err}");
}

#[test]
fn concurrent_first_runs_on_a_new_store_all_succeed() {
    let d = tempdir("race");
    let db = d.join("c.db");
    let good = d.join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let children: Vec<_> = (0..4)
        .map(|_| {
            bin()
                .args(["--quiet", "--db"])
                .arg(&db)
                .args(["ingest", "--no-stories"])
                .arg(&good)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let c = c.wait_with_output().unwrap();
        assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    }
}
