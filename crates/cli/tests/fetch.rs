//! `corroborate fetch` and `watch` against a local HTTP server on 127.0.0.1 (started in the
//! test): the guard refuses it without --allow-private, a page is stored once with its URL and
//! fetch time, a second run is a 304 that stores nothing, a watch round stores the feed's new
//! items and reports the bad ones, and a second round finds nothing new.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

const ARTICLE: &str = "<!DOCTYPE html><html><head><title>Rebels reach Homs | Test Daily</title></head><body><article><h1>Rebels reach Homs</h1><p>Rebels entered Homs on Saturday, and by Sunday the government lines had folded, witnesses said.</p><p>The army withdrew to the coast, a spokesman said on Sunday.</p></article></body></html>";
const SECOND: &str = "<!DOCTYPE html><html><head><title>Assad leaves Damascus</title></head><body><article><h1>Assad leaves Damascus</h1><p>President Bashar al-Assad left Damascus by plane early on Sunday, two officers said, as rebels entered the capital.</p></article></body></html>";

fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let b = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut s = stream;
            let mut reader = BufReader::new(s.try_clone().unwrap());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut etag_match = false;
            loop {
                let mut l = String::new();
                if reader.read_line(&mut l).unwrap_or(0) == 0 || l == "\r\n" {
                    break;
                }
                etag_match |= l.to_ascii_lowercase().starts_with("if-none-match: \"a1\"");
            }
            let (status, ctype, body) = match path.as_str() {
                "/robots.txt" => (
                    "200 OK",
                    "text/plain",
                    "User-agent: *\nDisallow: /private\n".to_string(),
                ),
                "/a" if etag_match => ("304 Not Modified", "text/html", String::new()),
                "/a" => ("200 OK", "text/html", ARTICLE.to_string()),
                "/b" => ("200 OK", "text/html", SECOND.to_string()),
                "/feed.xml" => (
                    "200 OK",
                    "application/rss+xml",
                    format!(
                        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\
                     <item><title>A</title><link>{b}/a</link></item>\
                     <item><title>B</title><link>/b</link></item>\
                     <item><title>P</title><link>/private/x</link></item></channel></rss>"
                    ),
                ),
                _ => ("404 Not Found", "text/html", "no".to_string()),
            };
            let etag = if path == "/a" { "ETag: \"a1\"\r\n" } else { "" };
            let _ = write!(s, "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Type: {ctype}\r\n{etag}Content-Length: {}\r\n\r\n{body}", body.len());
        }
    });
    base
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("corroborate-fetch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(db: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_corroborate"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .args(["--delay", "0", "--timeout", "5"]);
    if args[0] == "fetch" {
        cmd.arg("--no-stories");
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn count(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn fetch_refuses_loopback_then_stores_once() {
    let base = serve();
    let dir = tempdir("once");
    let db = dir.join("f.db");
    let a = format!("{base}/a");
    let (code, err) = run(&db, &["fetch", &a]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("a loopback address (use --allow-private to fetch it)"),
        "{err}"
    );
    let (code, err) = run(
        &db,
        &["fetch", &a, &format!("{base}/nothing"), "--allow-private"],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!("{a}: 1 new, 0 already stored")),
        "{err}"
    );
    assert!(
        err.contains(&format!("corroborate: {base}/nothing: HTTP 404 Not Found")),
        "{err}"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), 1);
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT COUNT(*) FROM documents WHERE url = '{a}' AND title = 'Rebels reach Homs'"
            )
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM documents WHERE annotations LIKE '%\"fetched\":\"20%'"
        ),
        1
    );
    let (code, err) = run(&db, &["fetch", &a, "--allow-private"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("not modified (304), nothing stored"), "{err}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn watch_once_follows_new_items() {
    let base = serve();
    let dir = tempdir("watch");
    let db = dir.join("w.db");
    let feed = format!("{base}/feed.xml");
    let (code, err) = run(&db, &["watch", &feed, "--once", "--allow-private"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("robots.txt of http://127.0.0.1:"), "{err}");
    assert!(err.contains("watch: 2 new documents this round"), "{err}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), 2);
    let (_, err) = run(&db, &["watch", &feed, "--once", "--allow-private"]);
    assert!(err.contains("watch: 0 new documents this round"), "{err}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM documents"), 2);
    std::fs::remove_dir_all(&dir).ok();
}
