//! Geocoding scorer: accuracy within 161 km, exact GeoNames-id rate and mean error on GeoWebNews
//! and LGL (Gritta et al.'s geoparsing collection), with gold toponym spans.
//!
//! Run: `cargo run --release -p corroborate-entities --example geo_eval -- ../shared/benchmarks/geoparsing_gritta`
//!
//! Each gold toponym's text is geocoded with the document's other gold toponyms as context (no
//! gold coordinates, ids or normalised names are used). A toponym the gazetteer has no entry for
//! counts as a miss for accuracy. Mean error is over the toponyms that got a place. End to end,
//! the recognizer (`entities::ner`) finds the place mentions in the raw text instead.
//!
//! `GEO_EVAL_GOLD_ONLY=1` skips the end-to-end rows; `GEO_EVAL_DUMP=file.tsv` writes one line per
//! gold-span toponym with the cause of a miss (no entry, other candidate chosen, right place not a
//! candidate, right id with its point far); `GEO_EVAL_SHOW=n` prints the first n misses;
//! `GEO_EVAL_MISSES=file.tsv` writes, end to end, each gold toponym no found place mention
//! overlaps with what the recognizer made of it (`set, toponym, kind or none, mention`).
//!
//! End to end runs what the pipeline runs on each article alone: the recognizer's mentions, the
//! places inside organization names (`geo::embedded_places`), alias resolution and
//! `geo::locate` (which links nationality words such as "Syrian" to their country); a gold
//! toponym is scored by the shortest placed mention overlapping it. `GEO_EVAL_NO_EMBEDDED=1`
//! leaves out the places inside organization names (to measure them).

use corroborate_entities::alias::{resolve_with, DocMentions, Overrides};
use corroborate_entities::geo::{
    distance_km, embedded_places, locate, lookup_key, Gazetteer, Place,
};
use corroborate_entities::ner::Tagger;
use corroborate_entities::EntityKind;
use corroborate_model::Span;
use std::path::Path;
use std::process::ExitCode;

/// One gold toponym: its text and where it is.
struct Gold {
    text: String,
    /// Character (not byte) offsets into the article text; `usize::MAX` when the file has none.
    start: usize,
    end: usize,
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

/// An article's text as an XML parser gives it: CDATA opened, entities resolved, CRLF as LF.
fn article_text(a: &str) -> String {
    let raw = field(a, "text").unwrap_or("");
    let t = match raw
        .strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
    {
        Some(inner) => inner.to_string(),
        None => unescape(raw),
    };
    t.replace("\r\n", "\n")
}

/// GeoWebNews: toponyms with a GeoNames id (the 2,401 the paper geocodes).
fn gwn(xml: &str) -> Vec<Article> {
    blocks(xml, "article")
        .into_iter()
        .map(|a| {
            let golds = blocks(a, "toponym")
                .into_iter()
                .filter_map(|t| {
                    let id = field(t, "geonamesID")?.parse().ok()?;
                    Some(Gold {
                        text: unescape(field(t, "extractedName")?),
                        start: field(t, "start")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(usize::MAX),
                        end: field(t, "end")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(usize::MAX),
                        lat: field(t, "latitude")?.parse().ok()?,
                        lon: field(t, "longitude")?.parse().ok()?,
                        id: Some(id),
                    })
                })
                .collect();
            Article {
                text: article_text(a),
                golds,
            }
        })
        .collect()
}

/// LGL: toponyms with a gazetteer tag.
fn lgl(xml: &str) -> Vec<Article> {
    blocks(xml, "article")
        .into_iter()
        .map(|a| {
            let golds = blocks(a, "toponym")
                .into_iter()
                .filter_map(|t| {
                    let g = blocks(t, "gaztag").into_iter().next()?;
                    Some(Gold {
                        text: unescape(field(t, "phrase")?),
                        start: field(t, "start")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(usize::MAX),
                        end: field(t, "end")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(usize::MAX),
                        lat: field(g, "lat")?.parse().ok()?,
                        lon: field(g, "lon")?.parse().ok()?,
                        id: attr(t, "gaztag", "geonameid").and_then(|v| v.parse().ok()),
                    })
                })
                .collect();
            Article {
                text: article_text(a),
                golds,
            }
        })
        .collect()
}

/// GeoVirus: `<location>` elements with Wikipedia coordinates and no GeoNames id.
fn geovirus(xml: &str) -> Vec<Article> {
    blocks(xml, "article")
        .into_iter()
        .map(|a| {
            let golds = blocks(a, "location")
                .into_iter()
                .filter_map(|t| {
                    Some(Gold {
                        text: unescape(field(t, "name")?),
                        start: field(t, "start")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(usize::MAX),
                        end: field(t, "end")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(usize::MAX),
                        lat: field(t, "lat")?.parse().ok()?,
                        lon: field(t, "lon")?.parse().ok()?,
                        id: None,
                    })
                })
                .collect();
            Article {
                text: article_text(a),
                golds,
            }
        })
        .collect()
}

/// A benchmark's reader: the XML text in, the gold toponyms of each article out.
type Reader = fn(&str) -> Vec<Article>;

/// One benchmark article: its text and gold toponyms.
struct Article {
    text: String,
    golds: Vec<Gold>,
}

fn print_row(label: &str, s: &Score) {
    let n = s.n.max(1) as f64;
    println!(
        "| {label} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.0} |",
        s.n,
        s.found as f64 / n,
        s.within as f64 / n,
        s.exact as f64 / n,
        s.within_or_id as f64 / n,
        s.err_sum / s.found.max(1) as f64
    );
}

struct Score {
    n: usize,
    found: usize,
    within: usize,
    exact: usize,
    /// Within 161 km, or the right GeoNames id at a point our sources place elsewhere.
    within_or_id: usize,
    err_sum: f64,
}

/// Why a gold toponym was missed (or "ok"), for the error breakdown of `GEO_EVAL_DUMP`.
fn cause(gaz: &Gazetteer, g: &Gold, got: Option<&Place>) -> &'static str {
    let Some(p) = got else {
        return "no entry";
    };
    let d = distance_km((p.lat, p.lon), (g.lat, g.lon));
    if d <= 161.0 {
        return "ok";
    }
    if g.id.is_some() && g.id == Some(p.geonames_id) {
        return "right id, point far";
    }
    let cands = gaz.lookup(&g.text);
    let near = |c: &Place| {
        distance_km((c.lat, c.lon), (g.lat, g.lon)) <= 161.0
            || g.id.is_some() && g.id == Some(c.geonames_id)
    };
    if cands.iter().any(near) {
        "other candidate chosen"
    } else {
        "right place not a candidate"
    }
}

fn score(
    gaz: &Gazetteer,
    docs: &[Article],
    show_misses: usize,
    mut dump: Option<&mut dyn std::io::Write>,
    set: &str,
) -> Score {
    let mut s = Score {
        n: 0,
        found: 0,
        within: 0,
        exact: 0,
        within_or_id: 0,
        err_sum: 0.0,
    };
    let mut shown = 0;
    for (di, doc) in docs.iter().map(|a| &a.golds).enumerate() {
        for (i, g) in doc.iter().enumerate() {
            // Other spellings of the same name ("PORTLAND") are not other places.
            let own = lookup_key(&g.text);
            let others: Vec<&str> = doc
                .iter()
                .enumerate()
                .filter(|(j, o)| *j != i && o.text != g.text && lookup_key(&o.text) != own)
                .map(|(_, o)| o.text.as_str())
                .collect();
            let ctx = gaz.context(&others);
            s.n += 1;
            let got = gaz.geocode_mention(&g.text, &ctx, false);
            if let Some(w) = dump.as_deref_mut() {
                let (name, cc, feat, id, d, plat, plon) = match &got {
                    Some(p) => (
                        p.name.as_str(),
                        p.country.as_str(),
                        p.feature.as_str(),
                        p.geonames_id,
                        distance_km((p.lat, p.lon), (g.lat, g.lon)),
                        p.lat,
                        p.lon,
                    ),
                    None => ("", "", "", 0, -1.0, 0.0, 0.0),
                };
                let _ = writeln!(
                    w,
                    "{set}\t{}\t{}\t{:?}\t{name}\t{cc}\t{feat}\t{id}\t{d:.0}\t{di}\t{:.3},{:.3}\t{plat:.3},{plon:.3}\t{}",
                    cause(gaz, g, got.as_ref()),
                    g.text,
                    g.id,
                    g.lat,
                    g.lon,
                    others.join("|")
                );
            }
            let Some(p) = got else {
                if shown < show_misses {
                    eprintln!("  no entry: {:?} gold:{:?}", g.text, g.id);
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
                    "  {:>6.0} km off ({same}): {:?} -> {} {} {} gold:{:?}",
                    d, g.text, p.name, p.country, p.feature, g.id
                );
                shown += 1;
            }
            if g.id == Some(p.geonames_id) {
                s.exact += 1;
            }
            if d <= 161.0 || g.id == Some(p.geonames_id) {
                s.within_or_id += 1;
            }
        }
    }
    s
}

/// End to end: the recognizer finds the places in the raw text, each is geocoded with the other
/// found places as context, and each gold toponym is scored by the found mention overlapping it
/// (none: a miss). Returns the score and how many gold toponyms a found place mention overlapped.
fn score_end_to_end(
    gaz: &Gazetteer,
    tagger: &Tagger,
    docs: &[Article],
    mut misses: Option<&mut dyn std::io::Write>,
    set: &str,
) -> (Score, usize) {
    let mut s = Score {
        n: 0,
        found: 0,
        within: 0,
        exact: 0,
        within_or_id: 0,
        err_sum: 0.0,
    };
    let mut detected = 0;
    let no_embedded = std::env::var_os("GEO_EVAL_NO_EMBEDDED").is_some();
    for (k, a) in docs.iter().enumerate() {
        let text = a.text.as_str();
        let byte_of: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let mut sentences = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let span = Span::new(at, at + line.len()).trim(text);
            if !span.is_empty() {
                sentences.push(span);
            }
            at += line.len();
        }
        // As the pipeline does: the recognizer's mentions and the places inside organization
        // names, resolved into a roster, whose places `geo::locate` finds.
        let mut mentions = tagger.mentions(text, &sentences);
        if !no_embedded {
            let inner = embedded_places(text, &mentions, gaz);
            mentions.extend(inner);
        }
        let id = format!("{set}-{k}");
        let dm = [DocMentions {
            doc: &id,
            text,
            mentions: &mentions,
        }];
        let mut roster = resolve_with(&dm, &Overrides::none(), Some(gaz));
        locate(&mut roster, gaz);
        // Each placed mention, shortest first: the place inside an organization's name
        // before the name.
        let mut placed: Vec<(Span, &Place)> = roster
            .iter()
            .filter_map(|e| Some((e, e.place.as_ref()?)))
            .flat_map(|(e, p)| e.mentions.iter().map(move |(_, s)| (*s, p)))
            .collect();
        placed.sort_by_key(|(s, _)| (s.end - s.start, s.start));
        // Mentions the roster holds as places, placed or not.
        let place_spans: Vec<Span> = roster
            .iter()
            .filter(|e| {
                e.place.is_some()
                    || matches!(
                        e.kind,
                        EntityKind::Gpe | EntityKind::Location | EntityKind::Facility
                    )
            })
            .flat_map(|e| e.mentions.iter().map(|(_, s)| *s))
            .collect();
        for g in &a.golds {
            s.n += 1;
            let (Some(&b0), Some(&b1)) = (byte_of.get(g.start), byte_of.get(g.end)) else {
                continue;
            };
            let gold = Span::new(b0, b1);
            if place_spans.iter().any(|s| s.overlaps(gold)) {
                detected += 1;
            }
            let Some((_, p)) = placed.iter().find(|(s, _)| s.overlaps(gold)) else {
                if let Some(out) = misses.as_mut() {
                    // What the recognizer made of the toponym instead, if anything.
                    let other = mentions.iter().find(|m| m.span.overlaps(gold));
                    let (kind, found) = other.map_or(("none".to_string(), ""), |m| {
                        (format!("{:?}", m.kind), m.span.slice(text))
                    });
                    let _ = writeln!(out, "{set}\t{}\t{kind}\t{found}", gold.slice(text));
                }
                continue;
            };
            s.found += 1;
            let d = distance_km((p.lat, p.lon), (g.lat, g.lon));
            s.err_sum += d;
            if d <= 161.0 {
                s.within += 1;
            }
            if g.id == Some(p.geonames_id) {
                s.exact += 1;
            }
            if d <= 161.0 || g.id == Some(p.geonames_id) {
                s.within_or_id += 1;
            }
        }
    }
    (s, detected)
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
    // GeoWebNews and LGL are the reported sets; TR-News and GeoVirus are the ones to look at
    // while tuning (GeoVirus' points are Wikipedia's, not GeoNames').
    let sets: [(&str, &str, Reader); 4] = [
        ("GeoWebNews", "data/GWN.xml", gwn),
        ("LGL", "data/Corpora/lgl.xml", lgl),
        ("TR-News (dev)", "data/Corpora/TR-News.xml", lgl),
        ("GeoVirus (dev)", "data/Corpora/GeoVirus.xml", geovirus),
    ];
    let mut dump_file = std::env::var_os("GEO_EVAL_DUMP")
        .map(|p| std::fs::File::create(p).map(std::io::BufWriter::new));
    if let Some(Err(e)) = &dump_file {
        eprintln!("error: GEO_EVAL_DUMP: {e}");
        return ExitCode::FAILURE;
    }
    println!("gazetteer: {} places", gaz.len());
    // Build the lazy transliteration index now, so the first set's speed does not include it.
    let _ = gaz.lookup("zzzz qqqq");
    println!("| set | toponyms | found | acc@161km | exact id | acc@161km or exact id | mean error km (found) |");
    println!("|---|---|---|---|---|---|---|");
    let mut failed = false;
    let mut loaded = Vec::new();
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
        let started = std::time::Instant::now();
        let dump = match dump_file.as_mut() {
            Some(Ok(f)) => Some(f as &mut dyn std::io::Write),
            _ => None,
        };
        let s = score(&gaz, &docs, show, dump, name);
        eprintln!(
            "{name}: {:.0} toponyms/s (gold spans, context included)",
            s.n as f64 / started.elapsed().as_secs_f64().max(1e-9)
        );
        print_row(&format!("{name} (gold spans)"), &s);
        loaded.push((name, docs));
    }
    if std::env::var_os("GEO_EVAL_GOLD_ONLY").is_some() {
        return if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    match Tagger::load_default() {
        Ok(tagger) => {
            let mut misses = std::env::var_os("GEO_EVAL_MISSES").map(std::fs::File::create);
            for (name, docs) in &loaded {
                let out = match misses.as_mut() {
                    Some(Ok(f)) => Some(f as &mut dyn std::io::Write),
                    _ => None,
                };
                let (s, detected) = score_end_to_end(&gaz, &tagger, docs, out, name);
                print_row(&format!("{name} (end to end, entities::ner)"), &s);
                println!(
                    "|   recognizer overlap with gold toponyms | {detected} of {} ({:.3}) |",
                    s.n,
                    detected as f64 / s.n.max(1) as f64
                );
            }
        }
        Err(e) => {
            println!("| end to end from raw text | not measured: recognizer not loaded ({e}) |")
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
