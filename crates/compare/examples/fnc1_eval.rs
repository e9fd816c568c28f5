//! FNC-1 stance on the competition test set: `cargo run --release -p corroborate-compare
//! --example fnc1_eval -- ../shared/benchmarks/fnc1`. The snapshot has no training stances, so
//! thresholds are chosen by grid search on the pairs whose body id is even and reported on the
//! pairs whose body id is odd (and, for reference, on all pairs).

use corroborate_compare::stance::{fnc_score, macro_f1, Features, Stance, StanceModel, Thresholds};
use std::collections::HashMap;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/benchmarks/fnc1".into());
    let mut bodies: HashMap<u32, String> = HashMap::new();
    for file in ["competition_test_bodies.csv", "train_bodies.csv"] {
        let mut r = csv::Reader::from_path(format!("{dir}/{file}")).expect("bodies csv");
        for rec in r.records() {
            let rec = rec.expect("record");
            if file.starts_with("competition") {
                bodies.insert(rec[0].parse().expect("id"), rec[1].to_string());
            }
        }
    }
    let mut pairs: Vec<(String, u32, Stance)> = Vec::new();
    let mut r =
        csv::Reader::from_path(format!("{dir}/competition_test_stances.csv")).expect("stances csv");
    for rec in r.records() {
        let rec = rec.expect("record");
        pairs.push((
            rec[0].to_string(),
            rec[1].parse().expect("id"),
            Stance::parse(&rec[2]).expect("label"),
        ));
    }
    let started = std::time::Instant::now();
    let model = StanceModel::fit(bodies.values().map(String::as_str));
    let feats: Vec<(Features, Stance, bool)> = pairs
        .iter()
        .map(|(h, b, g)| (model.features(h, &bodies[b]), *g, b % 2 == 0))
        .collect();
    let secs = started.elapsed().as_secs_f64();
    let eval = |t: &Thresholds, part: Option<bool>| -> (f64, f64) {
        let p: Vec<(Stance, Stance)> = feats
            .iter()
            .filter(|(_, _, even)| part.is_none_or(|e| e == *even))
            .map(|(f, g, _)| (*g, model.classify(f, t)))
            .collect();
        let (s, best) = fnc_score(&p);
        (100.0 * s / best, 100.0 * macro_f1(&p))
    };
    let mut best = (Thresholds::default(), f64::MIN);
    for related in [0.06, 0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20] {
        for refute in [1.0, 2.0, 3.0, 4.0, 6.0] {
            for hedge in [2.0, 4.0, 6.0, 8.0, 12.0] {
                for overlap in [0.4, 0.5, 0.6, 0.7, 0.8] {
                    let t = Thresholds {
                        related,
                        refute,
                        hedge,
                        overlap,
                    };
                    let (s, _) = eval(&t, Some(true));
                    if s > best.1 {
                        best = (t, s);
                    }
                }
            }
        }
    }
    let t = best.0;
    println!("thresholds (chosen on even body ids): {t:?}");
    for (name, part) in [
        ("tuning half (even body ids)", Some(true)),
        ("held-out half (odd body ids)", Some(false)),
        ("all test pairs", None),
    ] {
        let (s, f) = eval(&t, part);
        println!("{name:<32} FNC-1 relative score {s:5.1}   macro-F1 {f:5.1}");
    }
    println!(
        "{} pairs, features in {:.2} s ({:.0} pairs/s)",
        feats.len(),
        secs,
        feats.len() as f64 / secs
    );
}
