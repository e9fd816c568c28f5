//! `corroborate export` and `corroborate serve` as a user runs them: every export format of
//! the sample from the command line (the same bytes twice), and the server started on a free
//! loopback port answering its API.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12")
}

#[test]
fn export_writes_every_format_of_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let ok = bin()
        .args(["--quiet", "--db"])
        .arg(&db)
        .arg("ingest")
        .arg(sample())
        .status()
        .unwrap();
    assert!(ok.success());
    let export = |format: &str| {
        let out = bin()
            .args(["--quiet", "--db"])
            .arg(&db)
            .args(["export", "--align", "lexical", "--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let timeline: serde_json::Value = serde_json::from_str(&export("timelinejs")).unwrap();
    assert!(!timeline["events"].as_array().unwrap().is_empty());
    let geo: serde_json::Value = serde_json::from_str(&export("geojson")).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    assert!(geo["features"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["properties"]["country"] == "SY"));
    let reviews: serde_json::Value = serde_json::from_str(&export("claimreview")).unwrap();
    assert!(
        reviews.as_array().unwrap().len() >= 3,
        "one ClaimReview per conflict"
    );
    assert_eq!(reviews[0]["@type"], "ClaimReview");
    let claims = export("csv-claims");
    assert!(claims.starts_with("claim,document,outlet,published,start,end,sentence,"));
    assert!(claims.lines().count() > 50);
    assert!(export("csv-comparisons").starts_with("comparison,topic,verdict,"));
    assert_eq!(export("csv-claims"), claims, "the same bytes twice");

    let bad = bin()
        .args(["--quiet", "--db"])
        .arg(&db)
        .args(["export", "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(
        bad.status.code(),
        Some(2),
        "an unknown format is a usage error"
    );
}

#[test]
fn serve_answers_on_a_free_loopback_port() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let mut child = bin()
        .args(["--quiet", "--db"])
        .arg(&db)
        .args(["serve", "--port", "0", "--align", "lexical"])
        .arg(sample())
        .env_remove("CORROBORATE_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .strip_prefix("corroborate serve: http://")
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    assert!(line.contains("1 stories, 5 documents"), "{line}");
    assert!(line.contains("read-only"), "{line}");
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        s,
        "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("\"documents\":5"), "{reply}");
}
