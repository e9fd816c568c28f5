//! `analyze --align embeddings` through the real all-MiniLM-L6-v2, fetched the way a user
//! fetches it (`scripts/models/fetch-minilm.sh`; set `CORROBORATE_SKIP_MODEL_TESTS=1` to skip):
//! the dossier records the method and model, keeps the sample's conflicts and adds none, adds the
//! launch-date agreement the words alone miss, and is byte-identical across runs.

use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn analyze(db: &std::path::Path, align: &str) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(["--quiet", "--db"])
        .arg(db)
        .arg("analyze")
        .arg(repo().join("examples/syria-2024-12"))
        .args(["--format", "json", "--align", align])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn sample_dossier_with_sentence_embeddings() {
    if std::env::var("CORROBORATE_SKIP_MODEL_TESTS").as_deref() == Ok("1") {
        eprintln!("CORROBORATE_SKIP_MODEL_TESTS=1: skipped");
        return;
    }
    let status = Command::new("bash")
        .arg(repo().join("scripts/models/fetch-minilm.sh"))
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the model could not be fetched");
    let dir = std::env::temp_dir().join(format!("corroborate-embed-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    let d = analyze(&dir.join("a.db"), "embeddings");
    assert_eq!(d["alignment"]["method"], "embeddings");
    assert_eq!(d["alignment"]["model"], "all-MiniLM-L6-v2");
    let embedded = d["alignment"]["sentences_embedded"].as_u64().unwrap();
    let claims = d["claims"].as_array().unwrap().len() as u64;
    assert!(
        embedded > 0 && embedded < claims,
        "{embedded} of {claims} sentences embedded"
    );

    let comparisons = d["comparisons"].as_array().unwrap();
    let conflicts: Vec<&str> = comparisons
        .iter()
        .filter(|c| c["verdict"] == "conflict")
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    // The four the words alone find, and nothing more: meaning alone never sets two values at
    // odds ("since 2011" and "by December 7" once made two conflicts out of background years).
    let mut kinds = conflicts.clone();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        ["date", "duration", "rank", "route"],
        "conflicts: {conflicts:?}"
    );
    // Both reports that date the launch to November 27 stand together.
    let launch = comparisons
        .iter()
        .find(|c| {
            c["positions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["value"] == "2024-11-27")
        })
        .expect("the launch date is aligned");
    assert_eq!(launch["verdict"], "agree");
    assert_eq!(launch["positions"][0]["independent_sources"], 2);

    let lexical = analyze(&dir.join("b.db"), "lexical");
    assert_eq!(lexical["alignment"]["method"], "lexical");
    assert_eq!(lexical["alignment"]["sentences_embedded"], 0);

    // Same input, same bytes, with the model too.
    assert_eq!(d, analyze(&dir.join("c.db"), "embeddings"));
    let _ = std::fs::remove_dir_all(&dir);
}
