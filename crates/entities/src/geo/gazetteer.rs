//! The gazetteer: loading the bundled file, the name indexes, and candidate ranking.

use super::{distance_km, Context, Place};
use crate::alias::names::{fold, is_apostrophe, token_key};
// Fx: the gazetteer's names are hashed half a million times at load (SipHash was a third of it).
use rustc_hash::FxHashMap as HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The gazetteer could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error("gazetteer {path}: {source} (build it with scripts/gazetteer/build.sh, or set CORROBORATE_GAZETTEER)")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("gazetteer {path} line {line}: {message}")]
    Format {
        path: String,
        line: usize,
        message: String,
    },
}

/// At most this many distinct names, the most often named, make a document's context: far more
/// than a news story names, few enough that reading each in the context of the others stays
/// cheap (see `Gazetteer::context_counted`).
pub const MAX_CONTEXT_NAMES: usize = 48;
/// Names with more town candidates than this say too little about where a document is.
const MAX_NEIGHBOUR_CANDIDATES: usize = 40;
/// How near a reading of another name must be to count as support, and what each is worth.
const NEIGHBOUR_KM: f64 = 100.0;
const NEIGHBOUR_WEIGHT: f64 = 1.0;
/// What a county named by its bare name gains when the document names other counties of its
/// state (it makes up the alternate-name penalty).
const COUNTY_LIST_BONUS: f64 = 3.0;
/// What the document's share of country votes for a bordering country is worth (its own
/// country's share is worth 6).
const BORDER_WEIGHT: f64 = 2.0;
/// What a county gains when another name of the document may be a town in it, and a town
/// when another name may be its county: more than sharing a state (2.5), a narrower fact.
const CONTAINMENT_BONUS: f64 = 3.0;
/// A first-level division gains this much per other name of the document read as a division of
/// its country, when there are at least [`SIBLING_MIN`] of them (a list of states), counting at
/// most [`SIBLING_CAP`]. Dev TR-News / GeoVirus, gold spans: 0.833 / 0.724 → 0.835 / 0.727.
const SIBLING_WEIGHT: f64 = 1.0;
const SIBLING_MIN: f64 = 2.0;
const SIBLING_CAP: f64 = 3.0;
/// Towns under this population, in a country with less than this share of the document's
/// country votes and far from its places, are not taken (see `Gazetteer::implausible`).
const IMPLAUSIBLE_POP: u64 = 10_000;
const IMPLAUSIBLE_SHARE: f64 = 0.2;

/// A town or county inside a longer name that has no entry of its own is taken only from this
/// population on ("Manchester City": Manchester; not "Police" of "Apple Police Department").
/// Dev rows (gold spans / end to end): 50,000 gave TR-News 0.833 / 0.724 and GeoVirus 0.724 /
/// 0.664; 10,000 gives 0.833 / 0.725 and 0.724 / 0.664.
const INNER_POP: u64 = 10_000;
/// Words that alone name no place inside a longer name: compass points and the generic heads
/// and modifiers of names ("North Africa", "West Wing", "Soviet Union", "Convention Centre").
const INNER_GENERIC: [&str; 46] = [
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "upper",
    "lower",
    "new",
    "great",
    "greater",
    "city",
    "state",
    "county",
    "union",
    "centre",
    "center",
    "national",
    "royal",
    // Kind words of features the gazetteer lacks: "Lake Titicaca" is not Uniontown (whose
    // alternate name is "Lake"), "Neches River" not New Brunswick, "Fort Detrick" not Augusta
    // ("The Fort"), "Waiheke Island" not Iceland ("Ísland").
    "fort",
    "island",
    "islands",
    "isle",
    "mountain",
    "mountains",
    "mount",
    "lake",
    "lakes",
    "river",
    "valley",
    "park",
    "bay",
    "beach",
    "hill",
    "hills",
    "springs",
    "falls",
    "heights",
    "harbor",
    "harbour",
    "port",
    "point",
    "camp",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Feature {
    Continent,
    /// A region made of countries ("European Union").
    Region,
    Country,
    Admin1,
    Admin2,
    City,
    Capital,
    Airport,
    /// A military airfield ("Ramstein Air Base").
    AirBase,
    /// A body of water from Natural Earth's marine areas: an ocean, sea, gulf, bay, strait,
    /// channel, sound, lake or river mouth (the index into [`WATER_CODES`]).
    Water(u8),
}

/// The GeoNames feature codes of [`Feature::Water`].
const WATER_CODES: [&str; 9] = [
    "H.OCN", "H.SEA", "H.GULF", "H.BAY", "H.STRT", "H.CHN", "H.SD", "H.LK", "H.STM",
];

impl Feature {
    fn parse(s: &str) -> Option<Feature> {
        Some(match s {
            "L.CONT" => Feature::Continent,
            "L.RGN" => Feature::Region,
            "A.PCLI" => Feature::Country,
            "A.ADM1" => Feature::Admin1,
            "A.ADM2" => Feature::Admin2,
            "P.PPL" => Feature::City,
            "P.PPLC" => Feature::Capital,
            "S.AIRP" => Feature::Airport,
            "S.AIRB" => Feature::AirBase,
            _ => Feature::Water(WATER_CODES.iter().position(|c| *c == s)? as u8),
        })
    }

    fn code(self) -> &'static str {
        match self {
            Feature::Continent => "L.CONT",
            Feature::Region => "L.RGN",
            Feature::Country => "A.PCLI",
            Feature::Admin1 => "A.ADM1",
            Feature::Admin2 => "A.ADM2",
            Feature::City => "P.PPL",
            Feature::Capital => "P.PPLC",
            Feature::Airport => "S.AIRP",
            Feature::AirBase => "S.AIRB",
            Feature::Water(i) => WATER_CODES[i as usize],
        }
    }

    /// How much more often news means this kind of place when a name is ambiguous; `main` is
    /// whether the name matched is the place's own name rather than an alternate one.
    fn prior(self, main: bool) -> f64 {
        match (self, main) {
            (Feature::Continent, _) => 7.0,
            (Feature::Region, _) => 6.0,
            (Feature::Country, _) => 6.0,
            (Feature::Admin1, true) => 2.5,
            (Feature::Admin1, false) => 1.0,
            // "Richmond" is far more often the town than "Richmond County".
            (Feature::Admin2, true) => -0.5,
            (Feature::Admin2, false) => -3.0,
            (Feature::Capital, _) => 3.5,
            (Feature::City, true) => 1.5,
            (Feature::City, false) => 0.0,
            (Feature::Airport, _) => -1.0,
            // Named by their full name ("Hmeimim Air Base"), which nothing else shares.
            (Feature::AirBase, _) => 1.0,
            // An area people name by its full name ("Red Sea", "Strait of Hormuz"), or by the
            // adjective alone ("the Mediterranean"), which a town rarely bears.
            (Feature::Water(_), _) => 6.0,
        }
    }
}

#[derive(Debug, Clone)]
struct Rec {
    id: u64,
    name: String,
    lat: f32,
    lon: f32,
    cc: String,
    feature: Feature,
    pop: u64,
    admin1: u64,
    /// GeoNames id of the second-level division a town lies in (0 when unknown or not a town).
    admin2: u64,
}

/// The loaded gazetteer: places and two name indexes.
#[derive(Debug)]
pub struct Gazetteer {
    recs: Vec<Rec>,
    /// Folded name → places, and whether the name is the place's main name.
    by_name: NameIndex,
    /// Transliteration key (every spelling rule applied) → places; the fallback index, built
    /// from `by_name` on first use (most look-ups never need it).
    by_key: OnceLock<KeyIndex>,
    /// Upper-case codes of at most three letters ("US", "UK", "DAM"): matched only as written.
    by_code: HashMap<String, Vec<u32>>,
    /// Country code → the codes of the countries it borders.
    borders: HashMap<String, Vec<String>>,
    /// Initials of the countries' multi-word names ("UAE", "DRC", "KSA") → countries.
    by_initials: HashMap<String, Vec<u32>>,
}

/// The lookup form of a name: folded, apostrophes and dots gone, hyphens as spaces, no "the".
pub fn lookup_key(name: &str) -> String {
    if name.is_ascii() {
        return ascii_lookup_key(name);
    }
    unicode_lookup_key(name)
}

/// [`lookup_key`] of any name, character by character.
fn unicode_lookup_key(name: &str) -> String {
    let f = fold(name.trim());
    let cleaned: String = f
        .chars()
        .filter(|c| !is_apostrophe(*c) && *c != '.')
        .map(|c| if c == '-' || c == ',' { ' ' } else { c })
        .collect();
    let w: Vec<&str> = cleaned.split_whitespace().collect();
    let w = if w.len() > 1 && w[0] == "the" {
        &w[1..]
    } else {
        &w[..]
    };
    w.join(" ")
}

/// [`lookup_key`] of an ASCII name in one pass (most gazetteer names): lower case, apostrophes
/// and dots gone, hyphens and commas as spaces, one space between words, no leading "the".
fn ascii_lookup_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_ascii_lookup_key(name, &mut out);
    out
}

/// Appends [`ascii_lookup_key`] of `name` to `out` (the gazetteer's names go into one string).
fn push_ascii_lookup_key(name: &str, out: &mut String) {
    let start = out.len();
    let mut gap = false;
    for b in name.bytes() {
        match b {
            b'\'' | b'`' | b'.' => {}
            b'-' | b',' => gap = true,
            b if (b as char).is_whitespace() => gap = true,
            b => {
                if gap && out.len() > start {
                    out.push(' ');
                }
                gap = false;
                out.push(b.to_ascii_lowercase() as char);
            }
        }
    }
    if out[start..].starts_with("the ") {
        out.replace_range(start..start + 4, "");
    }
}

/// The key with its abbreviations written out ("mt pleasant" → "mount pleasant"); the same
/// key when it has none. A fallback only: the gazetteer spells many places "St." itself.
fn expand_abbreviations(key: &str) -> String {
    let w: Vec<&str> = key.split(' ').collect();
    let n = w.len();
    w.iter()
        .map(|t| match *t {
            "st" if n > 1 => "saint",
            "ste" if n > 1 => "sainte",
            "mt" if n > 1 => "mount",
            "ft" if n > 1 => "fort",
            "twp" if n > 1 => "township",
            "co" if n > 1 => "county",
            t => t,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The transliteration key of a name: its lookup key with each word (the Arabic article
/// written apart left out) reduced by every spelling rule, joined by spaces.
fn translit_key(name: &str) -> String {
    let k = lookup_key(name);
    let keys: Vec<String> = k
        .split(' ')
        .filter(|t| !is_translit_article(t))
        .map(token_key)
        .collect();
    keys.join(" ")
}

/// The places under each name's lookup key: every `(key, place)` pair once, in one array
/// sorted by a 128-bit digest of the key, the keys themselves one after another in one
/// string. Loading makes no allocation per name (a map of a million key strings, each with
/// its own list, was most of the gazetteer's load time), and sorting and grouping compare
/// digests, not strings (two keys meeting in 128 bits is beyond any real odds; a look-up
/// still compares the key itself).
#[derive(Debug, Default)]
struct NameIndex {
    /// The lookup keys, one after another.
    keys: String,
    /// Sorted by key hash, then place, then not-main before main; one per key and place.
    entries: Vec<NameEntry>,
}

#[derive(Debug, Clone, Copy)]
struct NameEntry {
    hash: u128,
    place: u32,
    main: bool,
    /// Where the key lies in [`NameIndex::keys`].
    start: u32,
    len: u32,
}

impl NameIndex {
    /// Indexes `name` under its [`lookup_key`] (a name whose key is empty is left out).
    fn push_name(&mut self, name: &str, place: u32, main: bool) {
        let at = self.keys.len();
        let start = u32::try_from(at).expect("gazetteer names fit in 4 GB");
        if name.is_ascii() {
            push_ascii_lookup_key(name, &mut self.keys);
        } else {
            self.keys.push_str(&unicode_lookup_key(name));
        }
        let key = &self.keys[at..];
        if key.is_empty() {
            return;
        }
        self.entries.push(NameEntry {
            hash: xxhash_rust::xxh3::xxh3_128(key.as_bytes()),
            place,
            main,
            start,
            len: key.len() as u32,
        });
    }

    /// Sorts the entries (by key digest, place, not-main before main) and keeps one per key
    /// and place: the first, so a place that has a key both as its main name and as another
    /// name counts it as another name.
    fn finish(&mut self) {
        self.entries
            .sort_unstable_by_key(|e| (e.hash, e.place, e.main));
        self.entries
            .dedup_by(|b, a| a.hash == b.hash && a.place == b.place);
    }

    fn key(&self, e: &NameEntry) -> &str {
        key_at(&self.keys, e)
    }

    /// The places named `key`, in place order, with whether it is their main name.
    fn get<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (u32, bool)> + 'a {
        let hash = xxhash_rust::xxh3::xxh3_128(key.as_bytes());
        let from = self.entries.partition_point(|e| e.hash < hash);
        self.entries[from..]
            .iter()
            .take_while(move |e| e.hash == hash)
            .filter(move |e| self.key(e) == key)
            .map(|e| (e.place, e.main))
    }

    /// Every key once, with its entries in place order.
    fn groups(&self) -> impl Iterator<Item = (&str, &[NameEntry])> + '_ {
        self.entries
            .chunk_by(|a, b| a.hash == b.hash)
            .map(move |run| (self.key(&run[0]), run))
    }
}

fn key_at<'a>(keys: &'a str, e: &NameEntry) -> &'a str {
    &keys[e.start as usize..(e.start + e.len) as usize]
}

/// The places under each transliteration key, the key held as a 128-bit digest: building
/// the index then allocates nothing per name (it holds 600,000 names, and a map of key
/// strings took a second and 180 MB). Two different keys meeting in 128 bits is beyond
/// any real odds.
#[derive(Debug, Default)]
struct KeyIndex {
    /// `(digest of the key, place)`, sorted, without repeats.
    entries: Vec<(u128, u32)>,
}

impl KeyIndex {
    /// The places whose key is `key`, in place order.
    fn get(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        let d = key_digest(key);
        let from = self.entries.partition_point(|e| e.0 < d);
        self.entries[from..]
            .iter()
            .take_while(move |e| e.0 == d)
            .map(|e| e.1)
    }
}

/// The 128-bit digest (XXH3-128) a transliteration key is held as.
fn key_digest(key: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(key.as_bytes())
}

/// Words of a name the transliteration key leaves out: the Arabic article written apart, and
/// the English one inside a name ("Democratic Republic of Congo" / "… of the Congo").
fn is_translit_article(t: &str) -> bool {
    t.len() <= 3
        && matches!(
            t,
            "al" | "el" | "ad" | "as" | "ash" | "an" | "ar" | "at" | "az" | "the"
        )
}

/// Words a name's initials leave out ("Democratic Republic of the Congo" → DRC).
const NOT_INITIALED: [&str; 6] = ["of", "the", "and", "de", "du", "la"];

/// The initials of a multi-word name written out in full ("United Arab Emirates" → "UAE"); none for
/// a one-word name, or one that holds an abbreviation itself ("DR Congo") or is inverted ("Congo,
/// The Democratic Republic of the").
fn initials_of(name: &str) -> Option<String> {
    if name.contains(',') {
        return None;
    }
    let words: Vec<&str> = name
        .split([' ', '-'])
        .filter(|w| !w.is_empty() && !NOT_INITIALED.contains(&w.to_lowercase().as_str()))
        .collect();
    let full = |w: &&str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase)
            && c.clone().count() > 0
            && c.all(char::is_lowercase)
    };
    (words.len() >= 2 && words.iter().all(full))
        .then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

fn code_of(name: &str) -> Option<String> {
    // Most names are no code: they are turned away before anything is copied.
    let mut letters = 0;
    for ch in name.chars().filter(|c| *c != '.') {
        if !ch.is_ascii_uppercase() || letters == 3 {
            return None;
        }
        letters += 1;
    }
    (letters >= 2).then(|| name.chars().filter(|c| *c != '.').collect())
}

impl Gazetteer {
    /// The bundled gazetteer: `$CORROBORATE_GAZETTEER`, else `data/gazetteer/gazetteer.tsv.gz` of
    /// this source tree, else the same path under the current directory.
    pub fn load_default() -> Result<Gazetteer, GeoError> {
        Gazetteer::load(&Gazetteer::default_path())
    }

    /// The bundled gazetteer ([`Gazetteer::load_default`]), read once per process and shared by
    /// every stage that needs it (the pipeline's entity stage, the place comparisons of
    /// `compare`): reading it takes seconds and a copy holds hundreds of thousands of places.
    pub fn shared() -> Result<&'static Gazetteer, GeoError> {
        static SHARED: std::sync::OnceLock<Result<Gazetteer, String>> = std::sync::OnceLock::new();
        SHARED
            .get_or_init(|| Gazetteer::load_default().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| GeoError::Format {
                path: Gazetteer::default_path().display().to_string(),
                line: 0,
                message: e.clone(),
            })
    }

    /// Where [`Gazetteer::load_default`] looks.
    pub fn default_path() -> PathBuf {
        if let Some(p) = std::env::var_os("CORROBORATE_GAZETTEER") {
            return PathBuf::from(p);
        }
        let built =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/gazetteer/gazetteer.tsv.gz");
        if built.exists() {
            return built;
        }
        PathBuf::from("data/gazetteer/gazetteer.tsv.gz")
    }

    /// Load a gazetteer file (gzip-compressed TSV as written by `scripts/gazetteer/convert.py`).
    pub fn load(path: &Path) -> Result<Gazetteer, GeoError> {
        let io = |source| GeoError::Io {
            path: path.display().to_string(),
            source,
        };
        let bytes = std::fs::read(path).map_err(io)?;
        // The gzip trailer's last four bytes are the text's length (modulo 4 GiB): the text is
        // read into one allocation instead of a doubling series of them.
        let size = bytes.len().checked_sub(4).map_or(0, |at| {
            u32::from_le_bytes(bytes[at..].try_into().expect("four bytes"))
        });
        let mut text = String::with_capacity(size as usize);
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_string(&mut text)
            .map_err(io)?;
        Gazetteer::parse(&text).map_err(|(line, message)| GeoError::Format {
            path: path.display().to_string(),
            line,
            message,
        })
    }

    /// Parse the uncompressed file text.
    pub fn parse(text: &str) -> Result<Gazetteer, (usize, String)> {
        // Sized for every name at once (a line's main name and its "|"-separated others):
        // growing the map rehashes all the names seen so far, again and again.
        let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
        let names = lines + text.bytes().filter(|&b| b == b'|').count();
        let mut g = Gazetteer {
            recs: Vec::with_capacity(lines),
            by_name: NameIndex {
                keys: String::with_capacity(text.len()),
                entries: Vec::with_capacity(names),
            },
            by_key: OnceLock::new(),
            by_code: HashMap::default(),
            borders: HashMap::default(),
            by_initials: HashMap::default(),
        };
        let mut prev: i64 = 0;
        for (i, line) in text.lines().enumerate() {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 9 && f.len() != 10 {
                return Err((i + 1, format!("{} fields, expected 9 or 10", f.len())));
            }
            let num = |s: &str, what: &str| {
                s.parse::<f64>()
                    .map_err(|_| (i + 1, format!("bad {what} {s:?}")))
            };
            let delta: i64 = f[0]
                .parse()
                .map_err(|_| (i + 1, format!("bad id {:?}", f[0])))?;
            prev += delta;
            let feature = Feature::parse(f[5])
                .ok_or_else(|| (i + 1, format!("unknown feature {:?}", f[5])))?;
            let admin2 = match (feature, f.get(9)) {
                (Feature::City | Feature::Capital, Some(v)) => v
                    .parse()
                    .map_err(|_| (i + 1, format!("bad admin2 {v:?}")))?,
                _ => 0,
            };
            let rec = Rec {
                id: prev as u64,
                name: f[1].to_string(),
                lat: num(f[2], "latitude")? as f32,
                lon: num(f[3], "longitude")? as f32,
                cc: f[4].to_string(),
                feature,
                pop: num(f[6], "population")? as u64,
                admin1: num(f[7], "admin1")? as u64,
                admin2,
            };
            if let (Feature::Country, Some(n)) = (feature, f.get(9)) {
                let borders: Vec<String> = n
                    .split('|')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect();
                g.borders.insert(f[4].to_string(), borders);
            }
            let idx = g.recs.len() as u32;
            if feature == Feature::Country {
                let names = std::iter::once(f[1]).chain(f[8].split('|'));
                for initials in names.filter_map(initials_of) {
                    let v = g.by_initials.entry(initials).or_default();
                    if !v.contains(&idx) {
                        v.push(idx);
                    }
                }
            }
            g.index(idx, f[1], true);
            for alt in f[8].split('|').filter(|a| !a.is_empty()) {
                g.index(idx, alt, false);
            }
            g.recs.push(rec);
        }
        g.by_name.finish();
        // Bordering goes both ways, whichever side the file names it on.
        let pairs: Vec<(String, String)> = g
            .borders
            .iter()
            .flat_map(|(a, bs)| bs.iter().map(move |b| (b.clone(), a.clone())))
            .collect();
        for (b, a) in pairs {
            let v = g.borders.entry(b).or_default();
            if !v.contains(&a) {
                v.push(a);
            }
        }
        // Sorted, so sums over them never depend on hash order.
        for v in g.borders.values_mut() {
            v.sort();
        }
        Ok(g)
    }

    fn index(&mut self, idx: u32, name: &str, main: bool) {
        if let Some(code) = code_of(name) {
            self.by_code.entry(code).or_default().push(idx);
            return;
        }
        self.by_name.push_name(name, idx, main);
    }

    /// Every name's lookup key (for tests of the name rules over real names).
    #[cfg(test)]
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.groups().map(|(k, _)| k)
    }

    fn by_key(&self) -> &KeyIndex {
        self.by_key.get_or_init(|| {
            // Names share most of their words ("new", "san", "city"): each word's key is
            // made once (the spelling rules are most of the cost of building this index),
            // found by a 64-bit digest of the word (half a million words: two meeting in 64
            // bits is beyond any real odds, and a probe compares no strings).
            let mut words: HashMap<u64, String> = HashMap::with_capacity_and_hasher(
                self.by_name.entries.len() * 2 / 3,
                Default::default(),
            );
            let mut entries: Vec<(u128, u32)> = Vec::with_capacity(self.by_name.entries.len());
            // Each name's key is written into one buffer and hashed at once (a streaming digest
            // fed word by word copied every part into its own buffer first).
            let mut key = String::new();
            for (name, v) in self.by_name.groups() {
                key.clear();
                if name.starts_with("the ") {
                    // The one name that is not its own lookup key: "the the hague".
                    key.push_str(&translit_key(name));
                } else {
                    for (n, t) in name
                        .split(' ')
                        .filter(|t| !is_translit_article(t))
                        .enumerate()
                    {
                        if n > 0 {
                            key.push(' ');
                        }
                        key.push_str(
                            words
                                .entry(xxhash_rust::xxh3::xxh3_64(t.as_bytes()))
                                .or_insert_with(|| token_key(t)),
                        );
                    }
                }
                if !key.is_empty() {
                    let d = key_digest(&key);
                    entries.extend(v.iter().map(|e| (d, e.place)));
                }
            }
            entries.sort_unstable();
            entries.dedup();
            KeyIndex { entries }
        })
    }

    /// The one country whose multi-word name (main or alternate) has these initials: "UAE",
    /// "U.A.E." (United Arab Emirates), "DRC"; none for a code that is no one's initials ("GBR")
    /// or the initials of several countries.
    pub fn country_of_initials(&self, name: &str) -> Option<Place> {
        let letters: String = name.chars().filter(|c| *c != '.').collect();
        if !(2..=5).contains(&letters.len()) || !letters.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        match self.by_initials.get(&letters)?.as_slice() {
            [one] => Some(self.place(*one)),
            _ => None,
        }
    }

    /// How many places it holds.
    pub fn len(&self) -> usize {
        self.recs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    /// Candidate places for a name: (record, is main name, matched by transliteration key only).
    fn candidates(&self, name: &str) -> Vec<(u32, bool, bool)> {
        let mut out: Vec<(u32, bool, bool)> = Vec::new();
        if let Some(c) = code_of(name) {
            // "EU", "US": a code is only ever a code, never the town "Eu".
            out.extend(
                self.by_code
                    .get(&c)
                    .into_iter()
                    .flatten()
                    .map(|i| (*i, true, false)),
            );
            return out;
        }
        let key = lookup_key(name);
        let mut tries = vec![key.clone()];
        for suf in [" s", "s"] {
            // "Syria's" folds to "syrias"; "Syrians" is a plural demonym.
            if let Some(s) = key.strip_suffix(suf) {
                tries.push(s.to_string());
            }
        }
        for pre in ["al ", "el "] {
            if let Some(s) = key.strip_prefix(pre) {
                tries.push(s.to_string());
            }
        }
        let expanded = expand_abbreviations(&key);
        if expanded != key {
            tries.push(expanded);
        }
        for t in &tries {
            out.extend(self.by_name.get(t).map(|(i, m)| (i, m, false)));
            if !out.is_empty() {
                break;
            }
        }
        if out.is_empty() {
            let key = translit_key(name);
            if !key.is_empty() {
                out.extend(self.by_key().get(&key).map(|i| (i, false, true)));
            }
        }
        if out.is_empty() {
            out = self.demonym_candidates(&key);
        }
        out
    }

    /// "Ohioans", "Dagestani", "Ontarians", "Philippine": an adjective or people of a country or first-level
    /// division, by the regular English suffixes. Only countries, divisions and continents are
    /// taken (nobody writes "Springfieldians").
    fn demonym_candidates(&self, key: &str) -> Vec<(u32, bool, bool)> {
        // The last two add letters: "Philippine" (Philippines), "Abkhaz" (Abkhazia).
        const SUFFIXES: [(&str, &str); 11] = [
            ("ians", "ia"),
            ("ian", "ia"),
            ("ans", "a"),
            ("ans", ""),
            ("an", "a"),
            ("an", ""),
            ("ns", ""),
            ("is", ""),
            ("i", ""),
            ("", "s"),
            ("", "ia"),
        ];
        for (suf, repl) in SUFFIXES {
            let Some(stem) = key.strip_suffix(suf) else {
                continue;
            };
            if stem.len() < 3 {
                continue;
            }
            let base = format!("{stem}{repl}");
            let found: Vec<(u32, bool, bool)> = self
                .by_name
                .get(&base)
                .filter(|(i, _)| {
                    matches!(
                        self.recs[*i as usize].feature,
                        Feature::Country | Feature::Admin1 | Feature::Continent
                    )
                })
                .map(|(i, m)| (i, m, false))
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    fn score(&self, rec: &Rec, main: bool, fuzzy: bool, ctx: &Context) -> f64 {
        let mut s = ((rec.pop as f64) + 10.0).log10() + rec.feature.prior(main);
        if fuzzy {
            s -= 2.0;
        }
        let total: f64 = ctx.countries.values().sum();
        if total > 0.0 {
            s += 6.0 * ctx.countries.get(&rec.cc).copied().unwrap_or(0.0) / total;
            // A neighbour of the document's countries is likelier than a country far away
            // ("Gaza" in an article about Israel and Egypt is not the province of Mozambique).
            let near: f64 = self
                .borders
                .get(&rec.cc)
                .into_iter()
                .flatten()
                .filter_map(|c| ctx.countries.get(c))
                .sum();
            s += BORDER_WEIGHT * near / total;
        }
        if rec.feature == Feature::Admin2 && !main && ctx.admin2_in.contains_key(&rec.admin1) {
            s += COUNTY_LIST_BONUS;
        }
        // "Henry County" next to "Paris": the Henry County that holds a Paris; "Paris" next to
        // "Henry County": the Paris in a Henry County.
        let holds = rec.feature == Feature::Admin2 && ctx.holding.contains_key(&rec.id);
        let held = rec.admin2 != 0 && ctx.holding_named.contains_key(&rec.admin2);
        if holds || held {
            s += CONTAINMENT_BONUS;
        }
        let a1 = if rec.feature == Feature::Admin1 {
            rec.id
        } else {
            rec.admin1
        };
        if a1 != 0 && ctx.admin1.contains_key(&a1) && rec.feature != Feature::Admin1 {
            s += 2.5;
        }
        if !ctx.points.is_empty()
            && matches!(
                rec.feature,
                Feature::City
                    | Feature::Capital
                    | Feature::Admin2
                    | Feature::Airport
                    | Feature::AirBase
                    | Feature::Admin1
            )
        {
            let p = (rec.lat as f64, rec.lon as f64);
            let near = ctx
                .points
                .iter()
                .map(|q| distance_km(p, *q))
                .fold(f64::INFINITY, f64::min);
            if near < 50.0 {
                s += 2.0;
            } else if near < 250.0 {
                s += 1.0;
            }
        }
        if matches!(
            rec.feature,
            Feature::City | Feature::Capital | Feature::Admin2
        ) {
            let p = (rec.lat as f64, rec.lon as f64);
            let support = ctx
                .neighbours
                .iter()
                .filter(|pts| pts.iter().any(|q| distance_km(p, *q) < NEIGHBOUR_KM))
                .count();
            s += NEIGHBOUR_WEIGHT * (support.min(3) as f64);
        }
        s
    }

    fn place(&self, i: u32) -> Place {
        let r = &self.recs[i as usize];
        Place {
            lat: r.lat as f64,
            lon: r.lon as f64,
            country: r.cc.clone(),
            geonames_id: r.id,
            name: r.name.clone(),
            feature: r.feature.code().to_string(),
        }
    }

    /// Every place `name` may mean (the candidates [`Gazetteer::geocode`] ranks), in file order.
    pub fn lookup(&self, name: &str) -> Vec<Place> {
        self.candidates(name)
            .into_iter()
            .map(|(i, _, _)| self.place(i))
            .collect()
    }

    /// The most likely place for `name` given the document's `context`; `None` if no place of
    /// the gazetteer has that name.
    pub fn geocode(&self, name: &str, context: &Context) -> Option<Place> {
        self.geocode_as(name, context, false)
    }

    /// [`Gazetteer::geocode`] for a name the text uses for a region, sea or other area rather
    /// than a settlement (the recognizer's LOC, not GPE: "the Middle East", "Africa"): a small
    /// town or county that merely bears the name is no answer (the gazetteer has no regions, and
    /// "Middle East" is then a neighbourhood of Baltimore); continents, countries, divisions and
    /// large cities still are.
    pub fn geocode_area(&self, name: &str, context: &Context) -> Option<Place> {
        self.geocode_as(name, context, true)
    }

    /// [`Gazetteer::geocode`] (or, for an `area`, [`Gazetteer::geocode_area`]) of a mention's
    /// name; a name no place bears that holds the name of a notable place is that place ("Colorado
    /// State University": Colorado; "Bank of Japan": Japan; "British Embassy": the United Kingdom;
    /// see [`Gazetteer::inner_place`]).
    pub fn geocode_mention(&self, name: &str, context: &Context, area: bool) -> Option<Place> {
        if self.candidates(name).is_empty() {
            return self.inner_place(name, context, area);
        }
        self.geocode_as(name, context, area)
    }

    /// The longest run of words inside `name` (fewer words than the name) that starts with a
    /// capital, is not made of generic words only ("North", "City", "Union") and names a
    /// country, first-level division, continent, capital, or a town or county of at least
    /// [`INNER_POP`] people; geocoded as itself.
    fn inner_place(&self, name: &str, context: &Context, area: bool) -> Option<Place> {
        let words: Vec<&str> = name.split_whitespace().collect();
        for n in (1..words.len()).rev() {
            for run in words.windows(n) {
                let joined = run.join(" ");
                let phrase = joined.trim_end_matches(['.', ',', '\'', '’']);
                if !phrase.starts_with(char::is_uppercase)
                    || run
                        .iter()
                        .all(|w| INNER_GENERIC.contains(&lookup_key(w).as_str()))
                {
                    continue;
                }
                if self.notability(phrase) > 0 {
                    return self.geocode_as(phrase, context, area);
                }
            }
        }
        None
    }

    /// How notable a place `name` names, by its places of that name (transliterations aside):
    /// 2 for a country, first-level division, continent or region; 1 for a capital, or a town
    /// or county of at least [`INNER_POP`] people; 0 otherwise.
    pub fn notability(&self, name: &str) -> u8 {
        self.candidates(name)
            .iter()
            .filter(|c| !c.2)
            .map(|c| {
                let r = &self.recs[c.0 as usize];
                match r.feature {
                    Feature::Country | Feature::Admin1 | Feature::Continent | Feature::Region => 2,
                    Feature::Capital => 1,
                    Feature::City | Feature::Admin2 if r.pop >= INNER_POP => 1,
                    _ => 0,
                }
            })
            .max()
            .unwrap_or(0)
    }

    /// Whether `word` is a compass or generic word that alone names no place inside a longer
    /// name ("North", "City", "Union").
    pub fn is_generic_word(word: &str) -> bool {
        INNER_GENERIC.contains(&lookup_key(word).as_str())
    }

    /// Every candidate of `name` with its score in `context`, best first (what
    /// [`Gazetteer::geocode`] ranks, before its checks; for error analysis).
    pub fn ranked(&self, name: &str, context: &Context) -> Vec<(Place, f64)> {
        let mut v: Vec<(f64, u32)> = self.scored(name, context);
        v.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(self.recs[a.1 as usize].id.cmp(&self.recs[b.1 as usize].id))
        });
        v.into_iter().map(|(s, i)| (self.place(i), s)).collect()
    }

    fn geocode_as(&self, name: &str, context: &Context, area: bool) -> Option<Place> {
        let mut best: Option<(f64, u32)> = None;
        for (s, i) in self.scored(name, context) {
            // Ties go to the lower GeoNames id, so the answer never depends on file order.
            let better = match best {
                None => true,
                Some((bs, bi)) => {
                    s > bs || s == bs && self.recs[i as usize].id < self.recs[bi as usize].id
                }
            };
            if better {
                best = Some((s, i));
            }
        }
        let (_, i) = best?;
        let rec = &self.recs[i as usize];
        if self.implausible(rec, context) {
            return None;
        }
        if area
            && matches!(rec.feature, Feature::City | Feature::Admin2)
            && rec.pop < IMPLAUSIBLE_POP
        {
            return None;
        }
        Some(self.place(i))
    }

    /// The candidates of `name`, each with its score in `context`.
    fn scored(&self, name: &str, context: &Context) -> Vec<(f64, u32)> {
        let mut out = Vec::new();
        let cands = self.candidates(name);
        // When some place has this as its own name, places that merely list it among their
        // alternate names ("Paris" for a Georgia town once called so) step back.
        let some_main = cands.iter().any(|c| c.1);
        // A division named after its main town ("Tartus", "Istanbul", "Idlib") is meant as the
        // town unless the context says otherwise: the division steps back.
        // Only towns that bear the name as their own count ("Minneota", once spelled
        // "Minnesota", does not make the state step back).
        let town_of: Vec<u64> = cands
            .iter()
            .filter(|c| c.1)
            .map(|c| &self.recs[c.0 as usize])
            .filter(|r| matches!(r.feature, Feature::City | Feature::Capital) && r.pop >= 1000)
            .map(|r| r.admin1)
            .collect();
        let capital_of: Vec<&str> = cands
            .iter()
            .map(|c| &self.recs[c.0 as usize])
            .filter(|r| r.feature == Feature::Capital)
            .map(|r| r.cc.as_str())
            .collect();
        for &(i, main, fuzzy) in &cands {
            let rec = &self.recs[i as usize];
            let mut s = self.score(rec, main, fuzzy, context);
            if some_main && !main {
                s -= 2.0;
            }
            if rec.feature == Feature::Admin1 && town_of.contains(&rec.id) {
                s -= 3.0;
            }
            // A name among other first-level divisions of its country ("Indiana" next to
            // "Ohio" and "Utah") is likelier one too; but a country's capital keeps its
            // reading ("Washington" next to "Virginia" and "Maryland" is the capital).
            if rec.feature == Feature::Admin1 && !capital_of.contains(&rec.cc.as_str()) {
                let n = context.divisions_named.get(&rec.cc).copied().unwrap_or(0.0);
                if n >= SIBLING_MIN {
                    s += SIBLING_WEIGHT * n.min(SIBLING_CAP);
                }
            }
            out.push((s, i));
        }
        out
    }

    /// A small town in a country the document hardly names, far from every place it names: in
    /// an article about Syria, "Middle East" is not the hamlet of Maryland that bears the name
    /// (the gazetteer has no regions), and no answer is better than that one.
    fn implausible(&self, rec: &Rec, ctx: &Context) -> bool {
        let total: f64 = ctx.countries.values().sum();
        if total == 0.0
            || ctx.points.is_empty()
            || !matches!(rec.feature, Feature::City | Feature::Admin2)
            || rec.pop >= IMPLAUSIBLE_POP
        {
            return false;
        }
        let share = ctx.countries.get(&rec.cc).copied().unwrap_or(0.0) / total;
        let p = (rec.lat as f64, rec.lon as f64);
        share < IMPLAUSIBLE_SHARE && ctx.points.iter().all(|q| distance_km(p, *q) > 250.0)
    }

    /// Build the context of a document from the names of its other places: each is geocoded,
    /// and votes for its country and first-level division; unambiguous names (one candidate)
    /// and countries themselves vote more.
    ///
    /// A name given several times (once per mention) votes that many times: an article that
    /// names Syria thirty times and Miami once is about Syria.
    ///
    /// Two passes: the first reads each name on its own, the second reads each name in the
    /// context the other names built in the first ("Plymouth County" next to "Massachusetts" is
    /// the one there, and then votes for Massachusetts, not for Iowa).
    pub fn context(&self, names: &[&str]) -> Context {
        let mut counts: Vec<(&str, f64)> = Vec::new();
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for n in names {
            match index.get(n) {
                Some(&k) => counts[k].1 += 1.0,
                None => {
                    index.insert(n, counts.len());
                    counts.push((n, 1.0));
                }
            }
        }
        self.context_counted(&counts)
    }

    /// [`Gazetteer::context`] from distinct names with their mention counts. Only the
    /// [`MAX_CONTEXT_NAMES`] most often named build it (the first named first among equals):
    /// each name is read in the context of all the others, which costs the square of their
    /// number, and a document naming thousands of places would otherwise cost minutes.
    pub fn context_counted(&self, counts: &[(&str, f64)]) -> Context {
        let mut order: Vec<usize> = (0..counts.len()).collect();
        if counts.len() > MAX_CONTEXT_NAMES {
            order.sort_by(|a, b| counts[*b].1.total_cmp(&counts[*a].1).then(a.cmp(b)));
            order.truncate(MAX_CONTEXT_NAMES);
            order.sort_unstable();
        }
        let counts: Vec<(&str, f64)> = order.iter().map(|&i| counts[i]).collect();
        let none = Context::none();
        let first: Vec<Option<Vote>> = counts
            .iter()
            .map(|(n, times)| self.vote(n, *times, &none))
            .collect();
        let mut ctx = Context::none();
        for (i, (n, times)) in counts.iter().enumerate() {
            let mut others = Context::none();
            for (j, v) in first.iter().enumerate() {
                if let (true, Some(v)) = (i != j, v) {
                    v.add_to(&mut others);
                }
            }
            if let Some(v) = self.vote(n, *times, &others) {
                v.add_to(&mut ctx);
            }
        }
        ctx
    }

    /// What one name of a document says about where the document is, read in `context`.
    fn vote(&self, name: &str, times: f64, context: &Context) -> Option<Vote> {
        let cands = self.candidates(name);
        if cands.is_empty() {
            return None;
        }
        let p = self.geocode(name, context)?;
        let i = cands
            .iter()
            .map(|c| c.0)
            .find(|i| {
                self.recs[*i as usize].id == p.geonames_id && self.recs[*i as usize].name == p.name
            })
            .unwrap_or(cands[0].0);
        let local: Vec<(f64, f64)> = cands
            .iter()
            .map(|c| &self.recs[c.0 as usize])
            .filter(|r| {
                matches!(
                    r.feature,
                    Feature::City | Feature::Capital | Feature::Admin2
                )
            })
            .map(|r| (r.lat as f64, r.lon as f64))
            .collect();
        let rec = &self.recs[i as usize];
        // Only names that mean a town here say where the document is local to: "China" and
        // "Lebanon" are countries, not the towns of Maine that share their names.
        let town = matches!(
            rec.feature,
            Feature::City | Feature::Capital | Feature::Admin2
        );
        let weight = times * if cands.len() == 1 { 2.0 } else { 1.0 };
        let holding: Vec<u64> = cands
            .iter()
            .map(|c| self.recs[c.0 as usize].admin2)
            .filter(|a| *a != 0)
            .collect();
        let holding_named: Vec<u64> = cands
            .iter()
            .map(|c| &self.recs[c.0 as usize])
            .filter(|r| r.feature == Feature::Admin2)
            .map(|r| r.id)
            .collect();
        Some(Vote {
            division: (rec.feature == Feature::Admin1).then(|| rec.cc.clone()),
            holding,
            holding_named,
            admin2_in: (rec.feature == Feature::Admin2 && rec.admin1 != 0).then_some(rec.admin1),
            country: rec.cc.clone(),
            weight,
            admin1: match rec.feature {
                Feature::Admin1 => Some((rec.id, weight)),
                _ if town && rec.admin1 != 0 => Some((rec.admin1, weight * 0.5)),
                _ => None,
            },
            point: town.then_some((rec.lat as f64, rec.lon as f64)),
            neighbours: (town && !local.is_empty() && local.len() <= MAX_NEIGHBOUR_CANDIDATES)
                .then_some(local),
        })
    }
}

/// One name's share of a [`Context`].
struct Vote {
    /// The country of the first-level division this name was read as.
    division: Option<String>,
    /// The second-level divisions holding some town this name may be.
    holding: Vec<u64>,
    /// The second-level divisions this name may be.
    holding_named: Vec<u64>,
    admin2_in: Option<u64>,
    country: String,
    weight: f64,
    admin1: Option<(u64, f64)>,
    point: Option<(f64, f64)>,
    neighbours: Option<Vec<(f64, f64)>>,
}

impl Vote {
    fn add_to(&self, ctx: &mut Context) {
        if !self.country.is_empty() {
            *ctx.countries.entry(self.country.clone()).or_default() += self.weight;
        }
        if let Some((id, w)) = self.admin1 {
            *ctx.admin1.entry(id).or_default() += w;
        }
        if let Some(p) = self.point {
            ctx.points.push(p);
        }
        for a in &self.holding {
            *ctx.holding.entry(*a).or_default() += 1.0;
        }
        for a in &self.holding_named {
            *ctx.holding_named.entry(*a).or_default() += 1.0;
        }
        if let Some(cc) = &self.division {
            *ctx.divisions_named.entry(cc.clone()).or_default() += 1.0;
        }
        if let Some(a1) = self.admin2_in {
            *ctx.admin2_in.entry(a1).or_default() += self.weight;
        }
        if let Some(n) = &self.neighbours {
            ctx.neighbours.push(n.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::Context;

    // Ids are written as deltas: 170654, 4352728, 5722088, 163843, 163345, 6254928.
    const SAMPLE: &str = "\
170654\tDamascus\t33.510\t36.291\tSY\tP.PPL\t1569394\t170652\tDamas|Damasco|DAM
4182074\tDamascus\t39.288\t-77.204\tUS\tP.PPL\t15257\t4361885\tBlack Ankle
1369360\tDamascus\t45.418\t-122.459\tUS\tP.PPL\t10952\t5744337\tCity of Damascus
-5558245\tSyria\t35.000\t38.000\tSY\tA.PCLI\t22198110\t0\tSyrian Arab Republic|Syrian|SY
-498\tŢarţūs\t34.889\t35.887\tSY\tP.PPL\t458327\t0\tTartus|Tartous
6091583\tVirginia\t37.548\t-77.447\tUS\tA.ADM1\t8000000\t6254928\tCommonwealth of Virginia|VA
";

    fn gaz() -> Gazetteer {
        Gazetteer::parse(SAMPLE).unwrap()
    }

    /// The fallback index finds what comparing every name's key would.
    #[test]
    fn the_key_index_is_every_names_key() {
        let g = gaz();
        for q in [
            "Tartoos",
            "Tarṭūs",
            "Damaskus",
            "Virjinia",
            "Siria",
            "Dimashq",
        ] {
            let mut direct: Vec<u32> = g
                .by_name
                .groups()
                .filter(|(k, _)| translit_key(k) == translit_key(q))
                .flat_map(|(_, v)| v.iter().map(|e| e.place))
                .collect();
            direct.sort_unstable();
            direct.dedup();
            let indexed: Vec<u32> = g.by_key().get(&translit_key(q)).collect();
            assert_eq!(indexed, direct, "{q}");
        }
        assert!(g.by_key().get(&translit_key("Tartoos")).next().is_some());
        assert_eq!(g.by_key().get(&translit_key("Xqzzyville Qorth")).count(), 0);
    }

    /// The one-pass key of ASCII names is the general key.
    #[test]
    fn ascii_keys_are_lookup_keys() {
        let g = Gazetteer::load_default().expect("the bundled gazetteer");
        let ascii: Vec<&str> = g
            .recs
            .iter()
            .step_by(7)
            .map(|r| r.name.as_str())
            .filter(|n| n.is_ascii())
            .collect();
        assert!(ascii.len() > 10_000, "only {} names", ascii.len());
        let odd = [
            "The",
            "the  Hague ",
            "-the-x",
            " St. John's,Newfoundland",
            "a\x0bb\tc",
            "U.S.",
            "",
            "the",
        ];
        for n in ascii.into_iter().chain(odd) {
            assert_eq!(ascii_lookup_key(n), unicode_lookup_key(n), "{n:?}");
        }
    }

    #[test]
    fn lookup_keys_fold_spelling() {
        assert_eq!(lookup_key("Ţarţūs"), "tartus");
        assert_eq!(lookup_key("the Hague"), "hague");
        assert_eq!(lookup_key("Hay’at"), "hayat");
        assert_eq!(lookup_key("U.S."), "us");
    }

    #[test]
    fn ids_are_delta_encoded() {
        let ids: Vec<u64> = gaz().recs.iter().map(|r| r.id).collect();
        assert_eq!(ids, vec![170654, 4352728, 5722088, 163843, 163345, 6254928]);
    }

    #[test]
    fn population_wins_without_context() {
        let p = gaz().geocode("Damascus", &Context::none()).unwrap();
        assert_eq!((p.geonames_id, p.country.as_str()), (170654, "SY"));
        assert_eq!(
            gaz().geocode("Tartous", &Context::none()).unwrap().name,
            "Ţarţūs"
        );
        assert_eq!(
            gaz().geocode("Syrian", &Context::none()).unwrap().feature,
            "A.PCLI"
        );
        assert!(gaz().geocode("Hmeimim", &Context::none()).is_none());
        // Demonyms by suffix, only for countries and divisions.
        assert_eq!(
            gaz().geocode("Virginians", &Context::none()).unwrap().name,
            "Virginia"
        );
        assert!(gaz().geocode("Damascans", &Context::none()).is_none());
    }

    #[test]
    fn an_area_is_no_small_town() {
        // The only "Middle East" of GeoNames' towns is a Baltimore neighbourhood.
        let g = Gazetteer::parse(
            "11980025\tMiddle East\t39.302\t-76.590\tUS\tP.PPL\t1872\t4361885\t\n",
        )
        .unwrap();
        assert!(g.geocode("Middle East", &Context::none()).is_some());
        assert!(g.geocode_area("Middle East", &Context::none()).is_none());
        // Must not: countries and large towns read as areas are still found.
        let g = gaz();
        assert_eq!(
            g.geocode_area("Syria", &Context::none()).unwrap().country,
            "SY"
        );
        assert_eq!(
            g.geocode_area("Damascus", &Context::none())
                .unwrap()
                .country,
            "SY"
        );
    }

    #[test]
    fn seas_are_water_and_outrank_a_town_of_their_name() {
        // Made-up lines: a sea (no GeoNames id in its source: id 0) named by its adjective
        // too, and a town that bears the adjective.
        let g = Gazetteer::parse(
            "0\tMediterranean Sea\t35.000\t18.000\t\tH.SEA\t0\t0\tMediterranean\n\
             4000000\tMediterranean\t40.000\t-80.000\tUS\tP.PPL\t900\t0\t\n\
             -4000000\tStrait of Hormuz\t26.600\t56.400\t\tH.STRT\t0\t0\t\n",
        )
        .unwrap();
        let p = g.geocode_area("Mediterranean", &Context::none()).unwrap();
        assert_eq!(
            (p.name.as_str(), p.feature.as_str()),
            ("Mediterranean Sea", "H.SEA")
        );
        assert_eq!(
            g.geocode("Strait of Hormuz", &Context::none())
                .unwrap()
                .feature,
            "H.STRT"
        );
        // An unknown feature code is still an error naming the line.
        assert!(Gazetteer::parse("0\tX\t0\t0\t\tH.NOPE\t0\t0\t\n").is_err());
    }

    #[test]
    fn context_moves_the_choice() {
        let g = gaz();
        let ctx = g.context(&["Virginia"]);
        let p = g.geocode("Damascus", &ctx).unwrap();
        assert_eq!(p.country, "US");
        assert_eq!(p.geonames_id, 4352728, "the Damascus nearest Virginia");
    }

    #[test]
    fn codes_match_only_in_capitals() {
        let g = gaz();
        assert_eq!(g.geocode("VA", &Context::none()).unwrap().name, "Virginia");
        assert_eq!(g.geocode("SY", &Context::none()).unwrap().name, "Syria");
        assert!(g.geocode("va", &Context::none()).is_none());
    }

    #[test]
    fn abbreviations_adjectives_and_air_bases() {
        let g = Gazetteer::parse(
            "4587999\tMount Pleasant\t32.794\t-79.862\tUS\tP.PPL\t67843\t4597040\t\n\
             -2893312\tPhilippines\t13.000\t122.000\tPH\tA.PCLI\t100981437\t0\t\n\
             -1694687\tRamstein Air Base\t49.437\t7.600\tDE\tS.AIRB\t0\t0\tRamstein Airbase|ETAR\n",
        )
        .unwrap();
        let none = Context::none();
        assert_eq!(
            g.geocode("Mt. Pleasant", &none).unwrap().name,
            "Mount Pleasant"
        );
        assert_eq!(g.geocode("Philippine", &none).unwrap().name, "Philippines");
        let base = g.geocode("Ramstein Airbase", &none).unwrap();
        assert_eq!(
            (base.feature.as_str(), base.country.as_str()),
            ("S.AIRB", "DE")
        );
        // A name no place has stays unknown, however it is abbreviated.
        assert!(g.geocode("St. Nowhere", &none).is_none());
    }

    #[test]
    fn the_second_context_pass_reads_names_in_context() {
        // Alone, "Damascus" is the Syrian city; next to "Virginia" it is the town in the state,
        // and the context then votes for the United States rather than Syria.
        let g = gaz();
        let ctx = g.context(&["Damascus", "Virginia", "Virginia"]);
        assert!(ctx.countries.get("US").copied().unwrap_or(0.0) > 0.0);
        assert_eq!(ctx.countries.get("SY"), None);
    }

    #[test]
    fn a_county_list_reads_bare_names_as_counties() {
        // Clay, Kentucky (a town) and Clay County, Minnesota, whose alternate name is "Clay".
        let g = Gazetteer::parse(
            "4288809\tClay\t37.476\t-87.820\tUS\tP.PPL\t20000\t6254925\t\n\
             740418\tClay County\t46.892\t-96.491\tUS\tA.ADM2\t60000\t5037779\tClay\n\
             1\tOtter Tail County\t46.409\t-95.714\tUS\tA.ADM2\t57000\t5037779\tOtter Tail\n",
        )
        .unwrap();
        assert_eq!(
            g.geocode("Clay", &Context::none()).unwrap().feature,
            "P.PPL"
        );
        let ctx = g.context(&["Otter Tail County"]);
        assert_eq!(g.geocode("Clay", &ctx).unwrap().name, "Clay County");
    }

    #[test]
    fn a_far_hamlet_is_no_answer() {
        let g = Gazetteer::parse(&format!(
            "{SAMPLE}-1890795\tMiddle East\t39.302\t-76.590\tUS\tP.PPL\t1872\t4361885\t\n"
        ))
        .unwrap();
        assert!(g.geocode("Middle East", &Context::none()).is_some());
        let syria = g.context(&["Syria", "Damascus", "Tartus"]);
        assert!(g.geocode("Middle East", &syria).is_none());
        // A town of the document's own country or near its places is still taken.
        let maryland = g.context(&["Damascus", "Virginia", "Virginia"]);
        assert_eq!(g.geocode("Middle East", &maryland).unwrap().country, "US");
    }

    #[test]
    fn a_neighbour_of_the_documents_country_is_likelier() {
        // Gaza the city (Palestine) and Gaza the province (Mozambique); Israel borders Palestine.
        let g = Gazetteer::parse(
            "281133\tGaza\t31.502\t34.467\tPS\tP.PPL\t410000\t0\t\n\
             13731\tIsrael\t31.500\t34.750\tIL\tA.PCLI\t8900000\t0\t\tEG|JO|LB|PS|SY\n\
             731558\tGaza\t-23.000\t33.000\tMZ\tA.ADM1\t1400000\t0\t\n",
        )
        .unwrap();
        assert_eq!(g.geocode("Gaza", &Context::none()).unwrap().country, "MZ");
        let ctx = g.context(&["Israel", "Israel"]);
        assert_eq!(g.geocode("Gaza", &ctx).unwrap().country, "PS");
    }

    #[test]
    fn a_name_among_divisions_is_a_division_unless_a_capital() {
        // Made-up country "XQ": towns Marlow and Hartley (its capital) share their names with
        // first-level divisions; Brenton and Calder are divisions only.
        let g = Gazetteer::parse(
            "100\tMarlow\t10.000\t10.000\tXQ\tP.PPL\t300000\t104\t\n\
             1\tMarlow\t12.000\t12.000\tXQ\tA.ADM1\t10000\t0\t\n\
             1\tBrenton\t14.000\t14.000\tXQ\tA.ADM1\t10000\t0\t\n\
             1\tCalder\t16.000\t16.000\tXQ\tA.ADM1\t10000\t0\t\n\
             1\tAshford\t10.000\t10.000\tXQ\tA.ADM1\t10000\t0\t\n\
             1\tHartley\t18.000\t18.000\tXQ\tP.PPLC\t30000\t104\t\n\
             1\tHartley\t20.000\t20.000\tXQ\tA.ADM1\t10000\t0\t\n",
        )
        .unwrap();
        let check = |name: &str, others: &[&str], expect: &str| {
            let got = g.geocode(name, &g.context(others)).unwrap().feature;
            assert_eq!(got, expect, "{name} next to {others:?}");
        };
        check("Marlow", &[], "P.PPL");
        check("Marlow", &["Brenton"], "P.PPL");
        check("Marlow", &["Brenton", "Calder"], "A.ADM1");
        check("Hartley", &["Brenton", "Calder"], "P.PPLC");
    }

    #[test]
    fn a_county_holding_a_town_of_the_document_is_likelier() {
        // Two Henry Counties; Paris, Tennessee lies in the second.
        let g = Gazetteer::parse(
            "4196586\tHenry County\t33.453\t-84.154\tUS\tA.ADM2\t2400000\t4197000\tHenry\n\
             430050\tHenry County\t36.332\t-88.301\tUS\tA.ADM2\t32000\t4662168\tHenry\n\
             20000\tParis\t36.302\t-88.327\tUS\tP.PPL\t10000\t4662168\t\t4626636\n\
             -1658136\tParis\t48.853\t2.349\tFR\tP.PPLC\t2138551\t3012874\t\n",
        )
        .unwrap();
        let none = Context::none();
        assert_eq!(
            g.geocode("Henry County", &none).unwrap().geonames_id,
            4196586
        );
        let ctx = g.context(&["Paris"]);
        assert_eq!(
            g.geocode("Henry County", &ctx).unwrap().geonames_id,
            4626636
        );
        let ctx = g.context(&["Henry County"]);
        assert_eq!(g.geocode("Paris", &ctx).unwrap().country, "US");
    }

    #[test]
    fn countries_by_the_initials_of_their_names() {
        let g = Gazetteer::load_default().expect("the bundled gazetteer");
        let of = |n: &str| g.country_of_initials(n).map(|p| p.country);
        assert_eq!(of("UAE").as_deref(), Some("AE"));
        assert_eq!(of("U.A.E.").as_deref(), Some("AE"));
        assert_eq!(of("DRC").as_deref(), Some("CD"));
        assert_eq!(of("UK").as_deref(), Some("GB"));
        // An ISO code is no one's initials ("ARE" is: the Arab Republic of Egypt); a name in
        // lower case is no acronym.
        assert_eq!(of("GBR"), None);
        assert_eq!(of("ARE").as_deref(), Some("EG"));
        assert_eq!(of("Uae"), None);
    }

    /// The place `geocode_mention` finds for each name, as (name, country), over made-up lines.
    fn check_inner(expect: &[(&str, Option<&str>)]) {
        let g = Gazetteer::parse(
            "5417618\tColorado\t39.000\t-105.500\tUS\tA.ADM1\t5000000\t0\t\n\
             -5000000\tAfrica\t7.190\t21.094\t\tL.CONT\t1000000000\t0\t\n\
             1000\tNorth\t9.300\t13.400\tCM\tA.ADM1\t2000000\t0\t\n\
             2000000\tPolice\t54.560\t16.390\tPL\tP.PPL\t3000\t0\t\n\
             1\tUniontown\t39.900\t-79.716\tUS\tP.PPL\t20000\t0\tLake|The Fort\n",
        )
        .unwrap();
        for (name, cc) in expect {
            let got = g.geocode_mention(name, &Context::none(), false);
            assert_eq!(got.as_ref().map(|p| p.country.as_str()), *cc, "{name}");
        }
    }

    #[test]
    fn a_name_no_place_bears_is_the_notable_place_inside_it() {
        check_inner(&[
            ("Colorado State University", Some("US")),
            // A name that has entries of its own is read as itself.
            ("North", Some("CM")),
            // A compass word is no place inside a name; the continent is.
            ("North Africa", Some("")),
            // A small town inside a name is not taken.
            ("Apple Police Department", None),
            ("Quux Zorb", None),
            // Nor is a kind word, even when a notable place bears it as a name of its own.
            ("Lake", Some("US")),
            ("Lake Quux", None),
            ("Fort Zorb", None),
            ("Quux River", None),
        ]);
        // Plain geocoding does not look inside names.
        let g = Gazetteer::parse("5417618\tColorado\t39.000\t-105.500\tUS\tA.ADM1\t5000000\t0\t\n")
            .unwrap();
        assert!(g
            .geocode("Colorado State University", &Context::none())
            .is_none());
    }

    #[test]
    fn bad_lines_are_reported() {
        assert_eq!(Gazetteer::parse("1\tX\n").unwrap_err().0, 1);
        assert!(Gazetteer::parse("1\tX\t1\t1\tSY\tZ.ZZZ\t0\t0\t\n").is_err());
    }
}
