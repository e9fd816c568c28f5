//! Every input a fuzz campaign flagged, kept under `fuzz/regressions/TARGET/`, runs through its
//! target again: it must return (no panic, no abort).

#[test]
fn flagged_inputs_stay_fixed() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let mut ran = 0;
    for t in corroborate_fuzz::TARGETS {
        let dir = root.join(t.name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let input = std::fs::read(&p).unwrap();
            (t.run)(&input);
            ran += 1;
        }
    }
    assert!(ran > 0, "no regression inputs under {}", root.display());
}

#[test]
fn every_target_runs_on_its_seeds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for t in corroborate_fuzz::TARGETS {
        let dir = root.join(t.seeds);
        let seeds: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        assert!(!seeds.is_empty(), "{}: no seeds", dir.display());
        for p in seeds {
            (t.run)(&std::fs::read(&p).unwrap());
        }
    }
}
