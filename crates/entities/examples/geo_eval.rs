//! Geocoding scorer: accuracy within 161 km, exact GeoNames-id rate and mean error on GeoWebNews
//! and LGL (Gritta et al.'s geoparsing collection), with gold toponym spans.
//!
//! Run: `cargo run --release -p corroborate-entities --example geo_eval -- ../shared/benchmarks/geoparsing_gritta`
//!
//! Each gold toponym's text is geocoded with the document's other gold toponyms as context (no
//! gold coordinates, ids or normalised names are used). A toponym the gazetteer has no entry for
//! counts as a miss for accuracy. Mean error is over the toponyms that got a place.

use corroborate_entities::geo::{distance_km, Gazetteer};
use std::path::Path;
use std::process::ExitCode;

/// One gold toponym: its text and where it is.
struct Gold {
    text: String,
    lat: f64,
    lon: f64,
    id: Option<u64>,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text between `<tag…>` and `</tag>` in `block`, if present and not empty.
fn field<'a>(block: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}");
    let s = block.find(&open)?;
    let s = s + block[s..].find('>')? + 1;
    if block[..s].ends_with("/>") {
        return None;
    }
    let e = s + block[s..].find(&format!("</{tag}>"))?;
    let v = block[s..e].trim();
    (!v.is_empty()).then_some(v)
}

fn attr<'a>(block: &'a str, tag: &str, name: &str) -> Option<&'a str> {
    let s = block.find(&format!("<{tag} "))?;
    let e = s + block[s..].find('>')?;
    let head = &block[s..e];
    let k = head.find(&format!("{name}=\""))? + name.len() + 2;
    let v = &head[k..];
    Some(&v[..v.find('"')?])
}

fn blocks<'a>(text: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(s) = rest.find(&open) {
        let after = &rest[s + open.len()..];
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let Some(e) = rest[s..].find(&close) else {
            break;
        };
        out.push(&rest[s..s + e]);
        rest = &rest[s + e + close.len()..];
    }
    out
}

/// GeoWebNews: toponyms with a GeoNames id (the 2,401 the paper geocodes).
fn gwn(xml: &str) -> Vec<Vec<Gold>> {
    blocks(xml, "article")
        .into_iter()
        .map(|a| {
            blocks(a, "toponym")
                .into_iter()
                .filter_map(|t| {
                    let id = field(t, "geonamesID")?.parse().ok()?;
                    Some(Gold {
                        text: unescape(field(t, "extractedName")?),
                        lat: field(t, "latitude")?.parse().ok()?,
                        lon: field(t, "longitude")?.parse().ok()?,
                        id: Some(id),
                    })
                })
                .collect()
        })
        .collect()
}

/// LGL: toponyms with a gazetteer tag.
fn lgl(xml: &str) -> Vec<Vec<Gold>> {
    blocks(xml, "article")
        .into_iter()
        .map(|a| {
            blocks(a, "toponym")
                .into_iter()
                .filter_map(|t| {
                    let g = blocks(t, "gaztag").into_iter().next()?;
                    Some(Gold {
                        text: unescape(field(t, "phrase")?),
                        lat: field(g, "lat")?.parse().ok()?,
                        lon: field(g, "lon")?.parse().ok()?,
                        id: attr(t, "gaztag", "geonameid").and_then(|v| v.parse().ok()),
                    })
                })
                .collect()
        })
        .collect()
}

/// A benchmark's reader: the XML text in, the gold toponyms of each article out.
type Reader = fn(&str) -> Vec<Vec<Gold>>;

struct Score {
    n: usize,
    found: usize,
    within: usize,
    exact: usize,
    err_sum: f64,
}

fn score(gaz: &Gazetteer, docs: &[Vec<Gold>], show_misses: usize) -> Score {
    let mut s = Score {
        n: 0,
        found: 0,
        within: 0,
        exact: 0,
        err_sum: 0.0,
    };
    let mut shown = 0;
    for doc in docs {
        for (i, g) in doc.iter().enumerate() {
            let others: Vec<&str> = doc
                .iter()
                .enumerate()
                .filter(|(j, o)| *j != i && o.text != g.text)
                .map(|(_, o)| o.text.as_str())
                .collect();
            let ctx = gaz.context(&others);
            s.n += 1;
            let Some(p) = gaz.geocode(&g.text, &ctx) else {
                if shown < show_misses {
                    eprintln!("  no entry: {:?}", g.text);
                    shown += 1;
                }
                continue;
            };
            s.found += 1;
            let d = distance_km((p.lat, p.lon), (g.lat, g.lon));
            s.err_sum += d;
            if d <= 161.0 {
                s.within += 1;
            } else if shown < show_misses {
                let same = if g.id == Some(p.geonames_id) {
                    "same id"
                } else {
                    "other place"
                };
                eprintln!(
                    "  {:>6.0} km off ({same}): {:?} -> {} {} {}",
                    d, g.text, p.name, p.country, p.feature
                );
                shown += 1;
            }
            if g.id == Some(p.geonames_id) {
                s.exact += 1;
            }
        }
    }
    s
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let root = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("../shared/benchmarks/geoparsing_gritta");
    let show: usize = std::env::var("GEO_EVAL_SHOW")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let gaz = match Gazetteer::load_default() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let sets: [(&str, &str, Reader); 2] = [
        ("GeoWebNews", "data/GWN.xml", gwn),
        ("LGL", "data/Corpora/lgl.xml", lgl),
    ];
    println!("gazetteer: {} places", gaz.len());
    println!("| set | toponyms | found | acc@161km | exact id | mean error km (found) |");
    println!("|---|---|---|---|---|---|");
    let mut failed = false;
    for (name, rel, parse) in sets {
        let path = Path::new(root).join(rel);
        let xml = match std::fs::read_to_string(&path) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let docs = parse(&xml);
        let s = score(&gaz, &docs, show);
        println!(
            "| {name} (gold spans) | {} | {:.3} | {:.3} | {:.3} | {:.0} |",
            s.n,
            s.found as f64 / s.n as f64,
            s.within as f64 / s.n as f64,
            s.exact as f64 / s.n as f64,
            s.err_sum / s.found.max(1) as f64
        );
    }
    println!("| end to end from raw text | not measured: needs the recognizer (entities::ner) wired to geocoding |");
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
