//! The web UI in a real browser: the server runs on a loopback port over the sample and a
//! hostile report, and `scripts/serve/browser/browse.mjs` drives Debian's chromium over the
//! DevTools protocol (playwright-core): story list, a conflict clicked, a quote followed to its
//! highlighted source span, the map, an override applied with the token, keyboard only, phone
//! width, dark mode, hostile text inert.
//! Screenshots go to `target/tmp/browser/`. Without chromium or the npm package this test
//! fails, saying what to install: it never passes quietly.

use corroborate_pipeline::{self as pipeline, IngestOptions, Input, Resources, Silent};
use corroborate_server::{App, Config};
use corroborate_store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const TOKEN: &str = "browser-test-token-0123";

/// A report whose every field is markup, script or formula.
const HOSTILE: &str = r#"{"title":"<script>window.__pwned=1</script> Flood <img src=x onerror=window.__pwned=1>","outlet":"<svg onload=window.__pwned=1>","url":"javascript:window.__pwned=1","published":"2024-03-02","text":"Officials said <img src=x onerror=window.__pwned=1> 40 houses were flooded in Lahore on Friday, the mayor told <b onmouseover=window.__pwned=1>reporters</b>.\n\n\"We saw <script>window.__pwned=1</script> water everywhere,\" said Amina Shah, quoted by the Dawn newspaper."}"#;

#[test]
fn the_ui_in_chromium() {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        chromium.exists(),
        "{} is missing: `apt-get install chromium` (or set CHROMIUM)",
        chromium.display()
    );
    let script_dir = repo().join("scripts/serve/browser");
    assert!(
        script_dir.join("node_modules/playwright-core").is_dir(),
        "playwright-core is missing: `cd scripts/serve/browser && npm ci`"
    );

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    {
        let mut store = Store::open(&db).unwrap();
        let r = Resources::lexical().unwrap();
        let mut inputs = pipeline::expand(&[repo().join("examples/syria-2024-12")]).0;
        inputs.push(Input::Bytes {
            source: "hostile.jsonl".into(),
            bytes: HOSTILE.as_bytes().to_vec(),
        });
        pipeline::ingest(
            &mut store,
            &r,
            inputs,
            vec![],
            &IngestOptions::default(),
            &Silent,
        )
        .unwrap();
    }
    let mut config = Config::new(db);
    config.token = Some(TOKEN.into());
    let app = Arc::new(App::with_resources(config, Resources::lexical().unwrap()).unwrap());
    let view = app.view();
    assert!(
        view.dossiers.len() >= 2,
        "the sample and the hostile report are two stories"
    );
    let hostile = view
        .dossiers
        .iter()
        .find(|d| {
            d.documents
                .iter()
                .any(|x| x.source.starts_with("hostile.jsonl"))
        })
        .and_then(|d| d.story.clone())
        .expect("the hostile report is in a story");
    drop(view);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(corroborate_server::run(listener, app));

    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let status = Command::new("node")
        .arg(script_dir.join("browse.mjs"))
        .arg(format!("http://{addr}"))
        .arg(&out)
        .arg(&hostile)
        .env("CHROMIUM", &chromium)
        .env("CORROBORATE_TOKEN", TOKEN)
        .status()
        .expect("node runs (apt-get install nodejs npm)");
    rt.shutdown_background();
    assert!(
        status.success(),
        "the browser checks failed (see above); screenshots in {}",
        out.display()
    );
    eprintln!("screenshots in {}", out.display());
}
