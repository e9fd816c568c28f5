//! A small HTTP/1.1 server on 127.0.0.1 for the fetch tests, started inside the test process:
//! each route reproduces one way a real server misbehaves.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The server's address and how often each path was requested.
pub struct Server {
    pub base: String,
    pub hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

pub const ARTICLE: &str = "<!DOCTYPE html><html><head><title>Rebels reach Homs | Test Daily</title></head><body><article><h1>Rebels reach Homs</h1><p>Rebels entered Homs on Saturday, and by Sunday the government lines had folded, witnesses said.</p><p>The army withdrew to the coast, a spokesman said.</p></article></body></html>";

pub fn start() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let h = hits.clone();
    let b = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let h = h.clone();
            let b = b.clone();
            std::thread::spawn(move || {
                let _ = handle(stream, &h, &b);
            });
        }
    });
    Server { base, hits }
}

fn respond(
    s: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head += &format!("{k}: {v}\r\n");
    }
    head += "\r\n";
    s.write_all(head.as_bytes())?;
    s.write_all(body)?;
    s.flush()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn handle(
    mut s: TcpStream,
    hits: &Mutex<HashMap<String, usize>>,
    base: &str,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(s.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut l = String::new();
        if reader.read_line(&mut l)? == 0 || l == "\r\n" {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    let html = [("Content-Type", "text/html; charset=utf-8")];
    match path.as_str() {
        "/robots.txt" => respond(&mut s, "200 OK", &[("Content-Type", "text/plain")], b"User-agent: *\nDisallow: /private\n"),
        "/article" => {
            if headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
                return respond(&mut s, "304 Not Modified", &[("ETag", "\"v1\"")], b"");
            }
            respond(&mut s, "200 OK", &[("Content-Type", "text/html; charset=utf-8"), ("ETag", "\"v1\""), ("Last-Modified", "Sat, 07 Dec 2024 10:00:00 GMT")], ARTICLE.as_bytes())
        }
        "/private/page" => respond(&mut s, "200 OK", &html, ARTICLE.as_bytes()),
        "/slow" => {
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><body><p>")?;
            for _ in 0..100 {
                std::thread::sleep(Duration::from_millis(100));
                s.write_all(b"slow ")?;
            }
            Ok(())
        }
        "/huge" => {
            // No length announced: the limit must hold while reading.
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")?;
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..64 {
                s.write_all(&chunk)?;
            }
            Ok(())
        }
        "/huge-declared" => {
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 999999999\r\n\r\n<html>")?;
            Ok(())
        }
        "/gzip" => respond(&mut s, "200 OK", &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], &gzip(ARTICLE.as_bytes())),
        "/gzip-bomb" => respond(&mut s, "200 OK", &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")], &gzip(&vec![b' '; 8 * 1024 * 1024])),
        "/loop-a" => respond(&mut s, "302 Found", &[("Location", "/loop-b")], b""),
        "/loop-b" => respond(&mut s, "302 Found", &[("Location", &format!("{base}/loop-a"))], b""),
        p if p.starts_with("/chain/") => {
            let n: usize = p[7..].parse().unwrap_or(0);
            respond(&mut s, "301 Moved Permanently", &[("Location", &format!("/chain/{}", n + 1))], b"")
        }
        "/moved" => respond(&mut s, "301 Moved Permanently", &[("Location", "/article")], b""),
        "/to-file" => respond(&mut s, "302 Found", &[("Location", "file:///etc/passwd")], b""),
        "/image" => respond(&mut s, "200 OK", &[("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n"),
        "/error" => respond(&mut s, "503 Service Unavailable", &html, b"busy"),
        "/missing" => respond(&mut s, "404 Not Found", &html, b"no"),
        "/garbage" => {
            s.write_all(b"HELLO THERE\r\n\r\n")?;
            Ok(())
        }
        "/latin1" => {
            // The header says UTF-8; the bytes are windows-1252, as the page's own meta says.
            let mut body = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9s reopen</title></head><body><p>The caf\xe9 reopened on Monday in Aleppo, its owner said, after the fighting moved on.</p></body></html>".to_vec();
            body.extend_from_slice(b"\n");
            respond(&mut s, "200 OK", &html, &body)
        }
        "/truncated" => respond(&mut s, "200 OK", &html, b"<html><body><article><p>Russia has military sites in Syria, including an air base at Hmeimim, officials said on Sunday.</p><p>The fi"),
        "/feed.xml" => {
            let rss = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test Daily</title><item><title>Rebels reach Homs</title><link>{base}/article</link></item><item><title>Private</title><link>/private/page</link></item><item><title>Gone</title><link>/missing</link></item></channel></rss>");
            respond(&mut s, "200 OK", &[("Content-Type", "application/rss+xml"), ("ETag", "\"f1\"")], rss.as_bytes())
        }
        _ => respond(&mut s, "404 Not Found", &html, b"not here"),
    }
}
