//! `corroborate parse`: plain text and CoNLL-U in, CoNLL-U out with our annotation columns.

use std::path::PathBuf;
use std::process::Command;

fn parse(args: &[&str], input: &str, name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("corroborate-parse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file: PathBuf = dir.join(name);
    std::fs::write(&file, input).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .arg("parse")
        .args(args)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Word lines of CoNLL-U output as columns.
fn words(conllu: &str) -> Vec<Vec<String>> {
    conllu
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn plain_text_becomes_conllu() {
    let out = parse(
        &[],
        "Three missiles were fired.\nNo one was hurt.\u{7}\n",
        "news.txt",
    );
    assert!(
        out.starts_with("# sent_id = 1\n# text = Three missiles were fired.\n"),
        "{out}"
    );
    assert!(
        out.contains("# sent_id = 2\n# text = No one was hurt.\n"),
        "{out}"
    );
    let w = words(&out);
    assert!(w.iter().all(|c| c.len() == 10));
    let missiles = w.iter().find(|c| c[1] == "missiles").unwrap();
    assert_eq!(
        (
            missiles[2].as_str(),
            missiles[3].as_str(),
            missiles[6].as_str(),
            missiles[7].as_str()
        ),
        ("missile", "NOUN", "4", "nsubj:pass")
    );
    let fired = w.iter().find(|c| c[1] == "fired").unwrap();
    assert!(
        fired[5].contains("Voice=Pass") && fired[9] == "SpaceAfter=No|TokenRange=20:25",
        "{fired:?}"
    );
    assert!(w
        .iter()
        .any(|c| c[1] == "fired" && c[9].contains("TokenRange")));
}

#[test]
fn conllu_keeps_tokens_and_multiword_lines() {
    let input = "# sent_id = a\n# text = They don't know.\n1\tThey\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n4\tknow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let out = parse(&["--conllu"], input, "in.conllu");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(&lines[..2], ["# sent_id = a", "# text = They don't know."]);
    assert!(lines[3].starts_with("2-3\tdon't\t_"), "{out}");
    let w = words(&out);
    let forms: Vec<&str> = w.iter().map(|c| c[1].as_str()).collect();
    assert_eq!(forms, ["They", "don't", "do", "n't", "know", "."]);
    let know = &w[4];
    assert_eq!(
        (
            know[3].as_str(),
            know[6].as_str(),
            know[7].as_str(),
            know[9].as_str()
        ),
        ("VERB", "0", "root", "SpaceAfter=No")
    );
    let not = &w[3];
    assert_eq!((not[2].as_str(), not[6].as_str()), ("not", "4"));
}

#[test]
fn bad_conllu_is_one_clear_error() {
    let dir = std::env::temp_dir().join(format!("corroborate-parse-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.conllu");
    std::fs::write(&file, "1\tonly\ttwo\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(["parse", "--conllu"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.conllu") && err.contains("line 1"),
        "{err}"
    );
}
