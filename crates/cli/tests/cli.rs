//! The binary as a user meets it: exit codes, one line per bad input, idempotent reruns, and a
//! kill -9 in the middle of a large ingest.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
}

/// Runs a command, asserts that it succeeded (showing its stderr if not), and gives its output.
fn succeeded(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("corroborate-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12")
}

fn count(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn analyze_sample_is_deterministic_json() {
    let dir = tempdir("analyze");
    let run = |db: &str| {
        let out = succeeded(
            bin()
                .args(["--quiet", "--db"])
                .arg(dir.join(db))
                .arg("analyze")
                .arg(sample())
                .args(["--format", "json"]),
        );
        out.stdout
    };
    let first = run("a.db");
    assert_eq!(first, run("b.db"), "two runs differ");
    assert_eq!(first, run("a.db"), "a rerun on the same store differs");
    let v: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(v["schema"], "corroborate.dossier/1");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    for d in docs {
        let text: Vec<char> = d["text"].as_str().unwrap().chars().collect();
        assert!(d["title"].is_string());
        let published = d["published"].as_str().unwrap();
        assert!(
            ("2024-12-08".."2024-12-15").contains(&published),
            "{published}"
        );
        for c in d["captions"].as_array().unwrap().iter().chain(
            d["syndication"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| &s["span"]),
        ) {
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                text[s..e].iter().collect::<String>(),
                c["text"].as_str().unwrap()
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The Markdown dossier shows the entity roster and why spellings were merged.
#[test]
fn markdown_dossier_shows_the_roster_and_merge_evidence() {
    let dir = tempdir("markdown");
    let out = succeeded(
        bin()
            .args(["--quiet", "--db"])
            .arg(dir.join("m.db"))
            .arg("analyze")
            .arg(sample())
            .args(["--align", "lexical"]),
    );
    let md = String::from_utf8(out.stdout).unwrap();
    let roster = &md[md.find("## Who and what").expect("roster section")..];
    let roster = &roster[..roster.find("## Claims matrix").unwrap_or(roster.len())];
    let line = roster
        .lines()
        .find(|l| l.starts_with("| Bashar al-Assad |"))
        .expect("Bashar al-Assad listed");
    assert!(line.contains("#1 #2 #3 #4 #5"), "{line}");
    assert!(roster.contains("### Why names were merged"));
    assert!(roster.contains("“HTS”: acronym"), "{roster}");
    assert!(roster.contains("al-Golani"), "{roster}");
}

#[test]
fn bad_inputs_get_one_line_each_and_exit_1() {
    let dir = tempdir("bad");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("a-empty.txt"), b"").unwrap();
    std::fs::write(inputs.join("b-binary.pdf"), b"%PDF-1.7\x00\x01binary").unwrap();
    std::fs::write(
        inputs.join("c-empty-feed.xml"),
        br#"<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>"#,
    )
    .unwrap();
    std::fs::write(
        inputs.join("d-good.txt"),
        "Rebels Take Damascus After Swift Advance\n\nRebels entered Damascus on Sunday.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("e-latin1.txt"), b"Caf\xe9 Owners Reopen in Aleppo Old City\n\nThe caf\xe9 reopened on Monday, its owner said.\n").unwrap();
    std::fs::write(inputs.join("f-cut.html"), "<html><body><article><p>Russia has multiple military sites in Syria, including an air base at Hmeimim.</p><p>The fi").unwrap();
    let db = dir.join("c.db");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&inputs)
        .arg(dir.join("missing.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("corroborate: "))
        .collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(lines.iter().any(|l| l.contains("a-empty.txt: empty input")));
    assert!(lines
        .iter()
        .any(|l| l.contains("b-binary.pdf: binary data (PDF document)")));
    assert!(lines
        .iter()
        .any(|l| l.contains("c-empty-feed.xml: feed or archive has no items")));
    assert!(lines.iter().any(|l| l.contains("missing.txt: cannot read")));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), 3);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM ingest_errors"), 4);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM documents WHERE encoding = 'windows-1252' AND text LIKE '%café%'"
        ),
        1
    );
    // A rerun stores nothing twice.
    let out = bin()
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&inputs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), 3);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM ingest_errors"), 4);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn size_limit_and_stdin() {
    let dir = tempdir("limit");
    let big = dir.join("big.txt");
    std::fs::write(
        &big,
        "Headline For A Big File Test\n\n".to_string() + &"Words in a sentence. ".repeat(100),
    )
    .unwrap();
    let out = bin()
        .arg("--db")
        .arg(dir.join("c.db"))
        .args(["ingest", "--max-input-size", "100"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("over the 100-byte input limit"));
    let mut child = bin()
        .arg("--db")
        .arg(dir.join("c.db"))
        .args(["-q", "ingest", "-"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Assad Flees To Moscow Amid Rebel Advance\n\nAssad fled to Moscow.\n")
        .unwrap();
    assert!(child.wait().unwrap().success());
    let out = bin()
        .arg("--db")
        .arg(dir.join("c.db"))
        .args(["show", "-"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Assad fled to Moscow."));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(bin().arg("ingest").output().unwrap().status.code(), Some(2));
    let out = bin()
        .args(["--db", "/nonexistent-dir/x/c.db", "docs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("opening the store"));
}

/// Writes `n` distinct generated articles into `dir`.
fn generate(dir: &Path, n: usize) {
    let places = [
        "Aleppo", "Homs", "Hama", "Damascus", "Idlib", "Tartus", "Latakia", "Daraa",
    ];
    let actors = [
        "rebel fighters",
        "government troops",
        "local officials",
        "aid workers",
        "residents",
    ];
    for i in 0..n {
        let p = places[i % places.len()];
        let a = actors[(i / 8) % actors.len()];
        let text = format!(
            "Report {i} From {p} On The Day's Events\n\nShare this:\n\n{a} in {p} said on Monday that the situation had changed, according to report number {i}.\n\nThe account could not be independently verified; {} people were said to be affected.\n\nRelated Articles\n",
            (i * 7919) % 10007
        );
        std::fs::write(dir.join(format!("doc{i:05}.txt")), text).unwrap();
    }
}

#[test]
fn kill_during_ingest_leaves_a_consistent_store_and_rerun_completes_it() {
    let dir = tempdir("kill");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let n = 3000;
    generate(&inputs, n);
    let db = dir.join("c.db");
    let mut child = bin()
        .arg("--db")
        .arg(&db)
        .args(["-q", "ingest", "-j", "1"])
        .arg(&inputs)
        .spawn()
        .unwrap();
    // Wait until at least one batch is committed, then kill -9 mid-way.
    let start = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(5));
        let stored = if db.exists() {
            rusqlite::Connection::open(&db)
                .ok()
                .and_then(|c| {
                    c.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0))
                        .ok()
                })
                .unwrap_or(0)
        } else {
            0
        };
        if stored > 0 || start.elapsed().as_secs() > 60 {
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
    }
    let killed_mid_way = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let stored = count(&db, "SELECT COUNT(*) FROM documents");
    if killed_mid_way {
        assert!(stored < n as i64, "the ingest finished before the kill");
    }
    // Consistent: integrity holds and every stored document has all its rows.
    let c = rusqlite::Connection::open(&db).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc = d.id)"), 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents d WHERE (SELECT COUNT(*) FROM removed_spans r WHERE r.doc = d.id) != 2"), 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents d WHERE (SELECT COUNT(*) FROM lsh_bands b WHERE b.doc = d.id) = 0"), 0);
    drop(c);
    // The rerun completes the batch without duplicates.
    succeeded(
        bin()
            .arg("--db")
            .arg(&db)
            .args(["-q", "ingest"])
            .arg(&inputs),
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), n as i64);
    assert_eq!(
        count(&db, "SELECT COUNT(DISTINCT source) FROM document_sources"),
        n as i64
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM sentences"),
        count(&db, "SELECT COUNT(*) FROM documents") * 3
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The same document analyzed under a faked system clock on two dates gives the same bytes:
/// nothing in the output depends on the day the program runs. Needs libfaketime (`faketime`);
/// CI installs it, and a run without it fails under CI rather than pass untested.
#[test]
fn output_does_not_depend_on_the_system_clock() {
    let Ok(faketime) = which("faketime") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install faketime (apt-get install faketime)"
        );
        eprintln!("skipping: faketime is not installed");
        return;
    };
    let dir = tempdir("clock");
    let run = |date: &str, db: &str| {
        let out = Command::new(&faketime)
            .arg(date)
            .arg(env!("CARGO_BIN_EXE_corroborate"))
            .args(["--quiet", "--db"])
            .arg(dir.join(db))
            .arg("analyze")
            .arg(sample())
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    // Check the fake clock is in force: `date` under faketime prints the faked year.
    let probe = Command::new(&faketime)
        .args(["1999-06-01 12:00:00", "date", "+%Y"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&probe.stdout).trim(), "1999");
    let a = run("2001-01-01 08:00:00", "a.db");
    let b = run("2031-07-15 23:30:00", "b.db");
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
    let sunday = v["times"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["span"]["text"] == "Sunday")
        .unwrap();
    assert_eq!(sunday["value"], "2024-12-08");
    std::fs::remove_dir_all(&dir).ok();
}

fn which(name: &str) -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .find(|c| c.is_file())
        })
        .ok_or(())
}

/// An article carrying script and markup comes out of the HTML report as text: nothing
/// executes, nothing breaks out of its element, and the page loads nothing from outside.
#[test]
fn html_report_escapes_article_content() {
    let dir = tempdir("html");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let evil = "Rebels Take Homs <script>alert(1)</script> After Advance\n\nThe rebels entered Homs on December 7 <img src=x onerror=alert(2)>, officials said \"</td></table><script>alert(3)</script>\".\n\nThe offensive lasted 11 days, the rebels said.\n";
    std::fs::write(inputs.join("a.txt"), evil).unwrap();
    std::fs::write(inputs.join("b.txt"), "Homs Falls To Opposition Fighters\n\nOpposition fighters entered Homs on December 8, residents said.\n\nThe offensive lasted 12 days, a commander said.\n").unwrap();
    let out = succeeded(
        bin()
            .arg("--db")
            .arg(dir.join("c.db"))
            .args(["-q", "analyze"])
            .arg(&inputs)
            .args(["--format", "html"]),
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        html.matches("<script").count(),
        0,
        "a script tag got through"
    );
    assert!(
        !html.contains("<img"),
        "markup from the article got through"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("default-src 'none'"),
        "the page must forbid loading anything"
    );
    // The tables stay whole: every opened table is closed by the page, not by the article.
    assert_eq!(
        html.matches("<table>").count(),
        html.matches("</table>").count()
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Stories are listed with id, label and member sources; a split and a pin are stored and
/// re-applied when more documents arrive.
#[test]
fn stories_list_and_pins_survive_new_documents() {
    let dir = tempdir("stories");
    let db = dir.join("c.db");
    let files: Vec<PathBuf> = {
        let mut v: Vec<_> = std::fs::read_dir(sample())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["-q", "ingest"])
        .args(&files[..3])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list = |db: &Path| -> serde_json::Value {
        let out = succeeded(
            bin()
                .arg("--db")
                .arg(db)
                .args(["stories", "--format", "json"]),
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let stories = list(&db);
    let all: Vec<String> = stories
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["documents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(all.len(), 3, "{stories}");
    for s in stories.as_array().unwrap() {
        assert!(s["id"].as_str().unwrap().starts_with("story-"));
        assert!(!s["label"].as_str().unwrap().is_empty());
    }
    let story_of = |v: &serde_json::Value, src: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|s| s["documents"].as_array().unwrap().iter().any(|d| d == src))
            .map(|s| s["id"].as_str().unwrap().to_string())
    };
    let (a, b) = (
        files[0].display().to_string(),
        files[2].display().to_string(),
    );
    let overrides = |args: &[&str]| {
        succeeded(bin().arg("--db").arg(&db).arg("stories").args(args));
    };
    let ingest = |files: &[PathBuf]| {
        let out = bin()
            .arg("--db")
            .arg(&db)
            .args(["-q", "ingest"])
            .args(files)
            .output()
            .unwrap();
        assert!(out.status.success());
    };
    // Split one page off: it stands alone, and stays alone as the rest of the sample (one
    // story) arrives.
    overrides(&["--split", &b]);
    let alone = list(&db);
    assert_ne!(story_of(&alone, &a), story_of(&alone, &b));
    ingest(&files[3..4]);
    let after = list(&db);
    assert_ne!(story_of(&after, &a), story_of(&after, &b));
    // Pinned back: together, and still together when the last page arrives.
    overrides(&["--pin", &b, &a]);
    assert_eq!(story_of(&list(&db), &a), story_of(&list(&db), &b));
    ingest(&files[4..]);
    let last = list(&db);
    assert_eq!(story_of(&last, &a), story_of(&last, &b));
    std::fs::remove_dir_all(&dir).ok();
}

/// Documents an `ingest --no-stories` left out join the stories at the next run that updates
/// them (`ingest`, `analyze` or `stories`).
#[test]
fn documents_left_out_of_stories_join_at_the_next_run() {
    let dir = tempdir("deferred");
    let db = dir.join("d.db");
    let mut files: Vec<PathBuf> = std::fs::read_dir(sample())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let run = |args: &[&str], files: &[PathBuf]| {
        let out = succeeded(bin().arg("--db").arg(&db).arg("-q").args(args).args(files));
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["ingest", "--no-stories"], &files[..2]);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM story_members"), 0);
    run(&["ingest"], &files[2..3]);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM story_members"), 3);
    run(&["ingest", "--no-stories"], &files[3..]);
    let listed: serde_json::Value =
        serde_json::from_str(&run(&["stories", "--format", "json"], &[])).unwrap();
    let members: usize = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["documents"].as_array().unwrap().len())
        .sum();
    assert_eq!(members, 5);
    std::fs::remove_dir_all(&dir).ok();
}

/// An input holding two stories gives two dossiers (JSON Lines), each with its own documents and
/// story id; `--whole` gives one over everything; the sample alone is one story.
#[test]
fn analyze_writes_one_dossier_per_story() {
    let dir = tempdir("by-story");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for f in std::fs::read_dir(sample()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, input.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        input.join("quake.txt"),
        "Strong earthquake shakes Hokkaido\n\nA magnitude 6.7 earthquake struck the northern \
         Japanese island of Hokkaido early on Thursday, September 6, 2018, setting off landslides \
         near the town of Atsuma and cutting power to 2.9 million homes, the Japan Meteorological \
         Agency said. Prime Minister Shinzo Abe said 25,000 troops would join the rescue.\n",
    )
    .unwrap();
    let run = |db: &Path, extra: &[&str]| -> Vec<serde_json::Value> {
        let out = succeeded(
            bin()
                .arg("--db")
                .arg(db)
                .args(["-q", "analyze", "--align", "lexical", "--format", "json"])
                .args(extra)
                .arg(&input),
        );
        let text = String::from_utf8(out.stdout).unwrap();
        serde_json::Deserializer::from_str(&text)
            .into_iter::<serde_json::Value>()
            .map(Result::unwrap)
            .collect()
    };
    let dossiers = run(&dir.join("a.db"), &[]);
    assert_eq!(dossiers.len(), 2);
    let mut sizes: Vec<usize> = dossiers
        .iter()
        .map(|d| d["documents"].as_array().unwrap().len())
        .collect();
    sizes.sort();
    assert_eq!(sizes, [1, 5], "the sample is one story, the quake another");
    let ids: Vec<&str> = dossiers
        .iter()
        .map(|d| d["story"].as_str().unwrap())
        .collect();
    assert_ne!(ids[0], ids[1]);
    for d in &dossiers {
        assert_eq!(d["stories"].as_array().unwrap().len(), 2);
    }
    let one = run(&dir.join("b.db"), &["--whole"]);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0]["documents"].as_array().unwrap().len(), 6);
    // HTML: one page, one article per story.
    let out = bin()
        .arg("--db")
        .arg(dir.join("a.db"))
        .args(["-q", "analyze", "--align", "lexical", "--format", "html"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert_eq!(html.matches("<html").count(), 1);
    assert_eq!(html.matches("<article>").count(), 2);
    assert_eq!(html.matches("</article>").count(), 2);
    std::fs::remove_dir_all(&dir).ok();
}

/// A reader that stops early (`corroborate docs | head -1`) is not an error: no panic report,
/// status 0.
#[test]
fn closed_stdout_is_a_quiet_exit() {
    let dir = tempdir("pipe");
    let db = dir.join("p.db");
    let ok = bin()
        .args(["--quiet", "--db"])
        .arg(&db)
        .arg("ingest")
        .arg(sample())
        .status()
        .unwrap();
    assert!(ok.success());
    let mut child = bin()
        .arg("--db")
        .arg(&db)
        .args(["show", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the program writes anything.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
