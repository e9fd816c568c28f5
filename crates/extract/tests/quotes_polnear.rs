//! Quality gate on the PolNeAR dev split: fails when source, cue or content overlap F1 drops
//! below what the rules reached when they were last tuned. Skips, saying so, when the corpus is
//! not at `../shared/benchmarks/polnear` (relative to the workspace) or `POLNEAR_DIR`.

use corroborate_extract::quotes::{self, polnear};
use corroborate_extract::segment;
use std::path::PathBuf;

#[test]
fn polnear_dev_overlap_f1_holds() {
    let root = std::env::var_os("POLNEAR_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            // `shared/benchmarks` beside the repository (or beside a folder above it).
            let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            here.ancestors()
                .map(|a| a.join("shared/benchmarks/polnear"))
                .find(|p| p.is_dir())
                .unwrap_or_else(|| {
                    panic!(
                        "PolNeAR not found in shared/benchmarks beside {}: set POLNEAR_DIR",
                        here.display()
                    )
                })
        });
    let dir = root.join("data/dev");
    assert!(
        dir.join("attributions").is_dir(),
        "PolNeAR not found at {}: set POLNEAR_DIR or put the benchmarks at ../shared/benchmarks beside the repository",
        root.display()
    );
    let articles = polnear::load_split(&dir).unwrap();
    assert_eq!(articles.len(), 84, "PolNeAR dev has 84 articles");
    let mut total = polnear::Scores::default();
    for a in &articles {
        let (_, sentences) = segment::segment(&a.text);
        let attrs = quotes::extract(&a.text, &sentences);
        total.add(&polnear::score_article(
            a,
            &attrs,
            polnear::Convention::AllAnnotators,
        ));
    }
    println!("{}", total.table());
    // Floors a few points under the dev figures of this commit (62.2 / 60.1 / 60.6).
    for (role, floor) in [
        (polnear::Role::Source, 0.58),
        (polnear::Role::Cue, 0.56),
        (polnear::Role::Content, 0.56),
    ] {
        let f1 = total.get(role, true).f1();
        assert!(
            f1 >= floor,
            "{} overlap F1 {f1:.3} fell below {floor}\n{}",
            role.as_str(),
            total.table()
        );
    }
}
