//! The HTTP API as a client sees it: the sample story through every read route, the token
//! and the limits on writes, stable JSON error codes, path traversal refused, the OpenAPI
//! document covering every route, and hostile text inert in every response and export.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use corroborate_pipeline::{self as pipeline, IngestOptions, Input, Resources, Silent};
use corroborate_server::{router, App, Config, ROUTES};
use corroborate_store::Store;
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789";

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/syria-2024-12")
}

/// A store in a fresh temporary folder, holding `inputs`.
fn store_with(inputs: Vec<Input>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let mut store = Store::open(&db).unwrap();
    let r = Resources::lexical().unwrap();
    pipeline::ingest(
        &mut store,
        &r,
        inputs,
        vec![],
        &IngestOptions::default(),
        &Silent,
    )
    .unwrap();
    (dir, db)
}

fn sample_inputs() -> Vec<Input> {
    pipeline::expand(&[sample()]).0
}

fn start(db: PathBuf, token: Option<&str>, tweak: impl FnOnce(&mut Config)) -> Arc<App> {
    let mut c = Config::new(db);
    c.token = token.map(str::to_string);
    tweak(&mut c);
    Arc::new(App::with_resources(c, Resources::lexical().unwrap()).unwrap())
}

/// One server over the sample, shared by the read-only tests.
fn shared() -> Arc<App> {
    static APP: OnceLock<(tempfile::TempDir, Arc<App>)> = OnceLock::new();
    APP.get_or_init(|| {
        let (dir, db) = store_with(sample_inputs());
        let app = start(db, Some(TOKEN), |_| {});
        (dir, app)
    })
    .1
    .clone()
}

struct Reply {
    status: StatusCode,
    ctype: String,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    /// The stable error code of an error reply.
    fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }
}

async fn send(app: &Arc<App>, req: Request<Body>) -> Reply {
    let res = router(app.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        ctype,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(app: &Arc<App>, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn post(uri: &str, token: Option<&str>, ctype: &str, body: impl Into<Body>) -> Request<Body> {
    let mut r = Request::post(uri).header(header::CONTENT_TYPE, ctype);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(body.into()).unwrap()
}

/// Checks an error reply: its status, its stable code, and the JSON error shape.
fn check_error(r: &Reply, status: StatusCode, code: &str) {
    assert_eq!(r.status, status, "{}", r.body);
    assert!(r.ctype.starts_with("application/json"), "{}", r.ctype);
    assert_eq!(r.code(), code, "{}", r.body);
    assert!(r.json()["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
}

async fn sample_story(app: &Arc<App>) -> String {
    let r = get(app, "/api/stories").await;
    r.json()["stories"][0]["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn the_sample_is_one_story_with_its_counts() {
    let app = shared();
    let r = get(&app, "/api/stories").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.ctype.starts_with("application/json"));
    let v = r.json();
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "{v}");
    let s = &stories[0];
    assert!(s["id"].as_str().unwrap().starts_with("story-"));
    assert_eq!(s["counts"]["documents"], 5);
    assert!(s["counts"]["conflicts"].as_u64().unwrap() >= 1, "{s}");
    assert!(s["counts"]["quotes"].as_u64().unwrap() >= 10, "{s}");
    assert!(!s["outlets"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_story_is_its_dossier() {
    let app = shared();
    let id = sample_story(&app).await;
    let r = get(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let d = r.json();
    assert_eq!(d["schema"], "corroborate.dossier/1");
    assert_eq!(d["story"], id.as_str());
    assert_eq!(d["documents"].as_array().unwrap().len(), 5);
    check_error(
        &get(&app, "/api/stories/story-0123456789abcdef").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    check_error(
        &get(&app, "/api/stories/nonsense").await,
        StatusCode::BAD_REQUEST,
        "bad_id",
    );
}

#[tokio::test]
async fn a_document_comes_with_spans_into_its_text() {
    let app = shared();
    let list = get(&app, "/api/documents").await.json();
    let docs = list["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    let id = docs[0]["id"].as_str().unwrap();
    let r = get(&app, &format!("/api/documents/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let text: Vec<char> = v["document"]["text"].as_str().unwrap().chars().collect();
    let quotes = v["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());
    for q in quotes {
        let c = &q["content"];
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        let sliced: String = text[s..e].iter().collect();
        assert_eq!(
            sliced,
            c["text"].as_str().unwrap(),
            "char offsets slice the text"
        );
    }
    assert!(!v["mentions"].as_array().unwrap().is_empty());
    check_error(
        &get(&app, "/api/documents/0123456789abcdef0123456789abcdef").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
}

#[tokio::test]
async fn path_traversal_is_refused() {
    let app = shared();
    for uri in [
        "/api/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/documents/%2e%2e",
        "/api/stories/..%2Fc.db",
        "/api/stories/story-..%2F..%2Fetc",
    ] {
        let r = get(&app, uri).await;
        check_error(&r, StatusCode::BAD_REQUEST, "bad_id");
    }
    for uri in [
        "/assets/..%2F..%2FCargo.toml",
        "/assets/../../Cargo.toml",
        "/assets/%2e%2e%2fsrc%2flib.rs",
        "/../../etc/passwd",
        "/api/stories/x/../../../Cargo.toml",
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}: {}", r.body);
        assert!(!r.body.contains("[package]") && !r.body.contains("root:"));
    }
    let r = get(&app, "/assets/app.js").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.ctype.starts_with("text/javascript"));
}

#[tokio::test]
async fn writes_need_the_token() {
    let app = shared();
    let body = "A report that must not be stored.";
    check_error(
        &send(&app, post("/api/documents", None, "text/plain", body)).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    check_error(
        &send(
            &app,
            post(
                "/api/documents",
                Some("test-token-0123456788"),
                "text/plain",
                body,
            ),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    check_error(
        &send(
            &app,
            post("/api/documents", Some("test-token"), "text/plain", body),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    check_error(
        &send(
            &app,
            post(
                "/api/overrides",
                None,
                "application/json",
                r#"{"force":[["A","B"]]}"#,
            ),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_eq!(
        get(&app, "/api/documents").await.json()["documents"]
            .as_array()
            .unwrap()
            .len(),
        5
    );

    // A server started without a token takes no writes at all.
    let (_dir, db) = store_with(vec![]);
    let closed = start(db, None, |_| {});
    check_error(
        &send(
            &closed,
            post("/api/documents", Some(TOKEN), "text/plain", body),
        )
        .await,
        StatusCode::FORBIDDEN,
        "writes_disabled",
    );
}

#[tokio::test]
async fn errors_are_json_with_stable_codes() {
    let app = shared();
    check_error(
        &get(&app, "/api/nothing").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    check_error(
        &send(
            &app,
            Request::delete("/api/stories").body(Body::empty()).unwrap(),
        )
        .await,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    );
    let id = sample_story(&app).await;
    check_error(
        &get(&app, &format!("/api/stories/{id}/export?format=pdf")).await,
        StatusCode::BAD_REQUEST,
        "bad_format",
    );
    check_error(
        &send(
            &app,
            post(
                "/api/overrides",
                Some(TOKEN),
                "application/json",
                "{not json",
            ),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "bad_json",
    );
    check_error(
        &send(
            &app,
            post(
                "/api/overrides",
                Some(TOKEN),
                "application/json",
                r#"{"pin":[["../x","story-1"]]}"#,
            ),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "bad_id",
    );
    check_error(
        &send(&app, post("/api/documents", Some(TOKEN), "text/plain", "")).await,
        StatusCode::BAD_REQUEST,
        "empty_body",
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = shared();
    for uri in ["/", "/api/stories", "/api/nothing", "/assets/app.css"] {
        let r = get(&app, uri).await;
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
        assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
    let page = get(&app, "/").await;
    assert!(page.ctype.starts_with("text/html"));
    // The page loads its script from a file: no inline script for the policy to allow.
    assert!(page.body.contains(r#"<script src="/assets/app.js""#));
    assert_eq!(page.body.matches("<script").count(), 1);
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let app = shared();
    let r = get(&app, "/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented: Vec<(String, String)> = v["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(p, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.clone(), p.clone()))
        })
        .collect();
    documented.sort();
    let mut routes: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    routes.sort();
    assert_eq!(documented, routes);
    // And every listed GET route answers (with a real id where it takes one).
    let id = sample_story(&app).await;
    for (m, p) in ROUTES {
        if *m != "get" {
            continue;
        }
        let doc = get(&app, "/api/documents").await.json()["documents"][0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let uri = if p.starts_with("/api/documents/") {
            p.replace("{id}", &doc)
        } else {
            p.replace("{id}", &id)
                + if p.ends_with("/export") {
                    "?format=csv-claims"
                } else {
                    ""
                }
        };
        assert_eq!(get(&app, &uri).await.status, StatusCode::OK, "{uri}");
    }
}

#[tokio::test]
async fn the_body_limit_and_the_write_budget_hold() {
    let (_dir, db) = store_with(vec![]);
    let app = start(db, Some(TOKEN), |c| {
        c.max_body = 2048;
        c.writes_per_minute = 2;
    });
    let big = "Officials said the bridge was closed. ".repeat(200);
    check_error(
        &send(&app, post("/api/documents", Some(TOKEN), "text/plain", big)).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    );
    let small = "Officials said the bridge in Mosul was closed on Monday after the floods.";
    let r = send(
        &app,
        post(
            "/api/documents?source=bridge.txt",
            Some(TOKEN),
            "text/plain",
            small,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    check_error(
        &send(
            &app,
            post("/api/documents", Some(TOKEN), "text/plain", small),
        )
        .await,
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
    );
}

/// Title, outlet, URL and text full of markup, script URLs and spreadsheet formulas.
const HOSTILE: &str = concat!(
    r#"{"title":"<script>alert('title')</script>","outlet":"=cmd|' /C calc'!A0","url":"javascript:alert(1)","published":"2024-12-09","text":"#,
    r#""<img src=x onerror=alert(1)> Rebels said 40 people were killed in Homs on Sunday, officials told Reuters.\n\n=HYPERLINK(\"http://evil.example/\") The army said 12 soldiers died in Homs on Sunday.\n\n@SUM(1+1) Witnesses said <a href=\"javascript:alert(2)\">the convoy</a> reached Damascus on December 8, 2024."}"#,
    "\n",
    r#"{"title":"Homs <b onmouseover=alert(3)>report</b>","outlet":"+Evil <svg onload=alert(4)>","url":"https://example.org/a?x=<script>","published":"2024-12-10","text":"Monitors said 25 people were killed in Homs on Sunday. \"We saw <script>alert(5)</script> nothing,\" said Omar. The army said 15 soldiers died in Homs."}"#,
    "\n"
);

/// Whether `text` holds anything a browser or a spreadsheet would run.
fn active(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    ["<script", "<img", "<svg", "<a ", "<b ", "javascript:"]
        .into_iter()
        .find(|p| lower.contains(p))
}

#[tokio::test]
async fn hostile_text_is_inert_in_responses_and_exports() {
    let (_dir, db) = store_with(vec![]);
    let app = start(db, Some(TOKEN), |_| {});
    let r = send(
        &app,
        post(
            "/api/documents?source=%3Cscript%3Ex%3C%2Fscript%3E.jsonl",
            Some(TOKEN),
            "application/x-ndjson",
            HOSTILE,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert!(r.ctype.starts_with("application/json"));
    let stories = get(&app, "/api/stories").await.json();
    let ids: Vec<String> = stories["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!ids.is_empty());
    // API responses are JSON, never HTML, and no link is a script URL.
    let docs = get(&app, "/api/documents").await;
    assert!(docs.ctype.starts_with("application/json"));
    for d in docs.json()["documents"].as_array().unwrap() {
        let url = d["url"].as_str().unwrap_or("");
        assert!(url.is_empty() || url.starts_with("https://"), "{url}");
        let one = get(
            &app,
            &format!("/api/documents/{}", d["id"].as_str().unwrap()),
        )
        .await;
        assert!(one.ctype.starts_with("application/json"));
        assert!(!one.json()["document"]["url"]
            .as_str()
            .unwrap_or("")
            .starts_with("javascript"));
    }
    let mut outlets_seen = 0;
    for id in &ids {
        for format in corroborate_report::export::Format::NAMES {
            let r = get(&app, &format!("/api/stories/{id}/export?format={format}")).await;
            assert_eq!(r.status, StatusCode::OK, "{format}: {}", r.body);
            if format.starts_with("csv") {
                assert!(r.ctype.starts_with("text/csv"));
                let mut rd = csv::ReaderBuilder::new().from_reader(r.body.as_bytes());
                for rec in rd.records() {
                    for cell in rec.unwrap().iter() {
                        assert!(
                            !cell.starts_with(['=', '+', '-', '@']),
                            "{format}: a cell a spreadsheet would run: {cell}"
                        );
                        if cell.contains("cmd|") {
                            outlets_seen += 1;
                        }
                    }
                }
            } else {
                // JSON exports parse and carry no markup or script URL as text.
                let v: Value = serde_json::from_str(&r.body).unwrap();
                assert!(v.is_object() || v.is_array());
                assert_eq!(active(&r.body), None, "{format}: {}", r.body);
                if *format == "timelinejs" {
                    // TimelineJS renders these fields as HTML: escaped, so they show as text.
                    let decoded = v.to_string();
                    assert_eq!(
                        active(&decoded.replace("\\u003c", "&lt;")),
                        None,
                        "{decoded}"
                    );
                }
            }
        }
    }
    assert!(
        outlets_seen > 0,
        "the hostile outlet reached a CSV, defused"
    );
}
