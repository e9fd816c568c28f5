//! SQLite persistence: a versioned schema with migrations, WAL mode, one writer.
//!
//! Useful for: keeping documents and their annotations between runs, finding near-duplicate
//! candidates (LSH buckets), and browsing with any SQLite tool (the tables are plain and use
//! char offsets). Not useful for: full-text search (not indexed) or concurrent writers.
//!
//! Invariants: a document is written with all its rows in one transaction, so a crash leaves
//! either all of it or none; documents are content-addressed, so writing the same text again is
//! a no-op (its source is remembered); the `annotations` column is what the program reads back,
//! the other tables are derived from the same `Document` in the same write.

use corroborate_entities::alias::Entity;
use corroborate_model::{CharIndex, DocId, Document, Format, Metadata, OffsetMap, Removed, Span};
use corroborate_timex::{Anchor, Timex};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// At most this many earlier documents are compared with a new one (the earliest first).
const MAX_CANDIDATES: usize = 64;

/// The schema version this build writes. Older stores are migrated on open.
pub const SCHEMA_VERSION: i64 = 5;

/// `PRAGMA application_id` of every corroborate store ("CRBR"): how a store is told from
/// another program's SQLite file before anything is written to it.
pub const APPLICATION_ID: i32 = 0x4352_4252;

/// Migrations: entry `i` brings a store from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("schema.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
    include_str!("schema_v5.sql"),
];

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("the store at {path} has schema version {found}, newer than this build's {SCHEMA_VERSION}; upgrade corroborate")]
    TooNew { path: String, found: i64 },
    #[error("stored annotations of {0} are unreadable: {1}")]
    Corrupt(String, String),
    #[error("{0}")]
    NotFound(String),
    /// The file is another program's database (or not a database at all): never touched.
    #[error("{path} is not a corroborate store ({why}); it was left untouched: pick another --db")]
    NotOurs { path: String, why: String },
    /// A read-only open of a store that does not exist or needs a migration first.
    #[error("{path}: {why}")]
    Unavailable { path: String, why: String },
    /// An override that would break every later analysis.
    #[error("override {line:?} refused: {why}")]
    BadOverride { line: String, why: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The part of a Document kept as JSON.
#[derive(Serialize, Deserialize)]
struct Annotations {
    offsets: OffsetMap,
    removed: Vec<Removed>,
    captions: Vec<Span>,
    paragraphs: Vec<Span>,
    sentences: Vec<Span>,
    meta: Metadata,
    warnings: Vec<String>,
}

/// A story as stored: (id, label, [(member document, score)]).
pub type StoryRows = (String, String, Vec<(String, f32)>);

/// A row of the stored entity roster.
#[derive(Debug, Clone, Serialize)]
pub struct RosterRow {
    /// The story this roster belongs to ('' for an analysis over a whole input).
    pub story: String,
    pub id: String,
    pub name: String,
    pub kind: String,
    pub place: Option<String>,
    pub aliases: String,
    pub mentions: i64,
    pub documents: i64,
}

/// A row of the document list.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub id: String,
    pub seq: i64,
    pub source: String,
    pub format: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub published_basis: Option<String>,
    pub language: Option<String>,
    pub chars: i64,
    pub duplicate_of: Option<String>,
}

/// What happened to a document handed to the writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Stored for the first time.
    New,
    /// The same text was already stored (perhaps from another source): nothing changed but
    /// the list of sources.
    Known,
}

/// A stored copy link: `copy` repeats `overlap` (a share of its text) of `original`. Copy
/// detection is a stage of its own (`ingest::dedup`, run by the pipeline); the store keeps what
/// it decided.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredLink {
    pub copy: String,
    pub original: String,
    pub overlap: f64,
    /// `near-duplicate` or `syndicated`.
    pub method: String,
}

/// A stored document that shares a copy-detection bucket with a new one: its id, publication
/// date and the fingerprint stored with it (opaque bytes to the store).
#[derive(Debug, Clone)]
pub struct CopyCandidate {
    pub id: String,
    pub published: Option<String>,
    pub fingerprint: Vec<u8>,
}

pub struct Store {
    conn: Connection,
    path: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating and migrating as needed) the store at `path`.
    ///
    /// A file that is another program's database is refused untouched (unless it is empty);
    /// the schema is created under one `BEGIN IMMEDIATE` transaction, so concurrent first runs
    /// on a new store wait for each other instead of failing.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        // Before anything that writes (journal mode, schema): other runs may be creating it.
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let mut store = Store {
            conn,
            path: path.display().to_string(),
        };
        store.claim()?;
        store.configure()?;
        Ok(store)
    }

    /// Opens an existing store for reading only: nothing is created, migrated or written, and a
    /// store in a read-only folder (where SQLite cannot create the WAL index `-shm`) is read
    /// as an immutable file.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        if !path.is_file() {
            return Err(StoreError::Unavailable {
                path: name,
                why: "no store here yet (run `corroborate ingest PATH...` first)".to_string(),
            });
        }
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let mut store = Store { conn, path: name };
        if let Err(e) = store.check_ours(false) {
            if !matches!(e, StoreError::Sql(_)) {
                return Err(e);
            }
            // Typically "unable to open database file": WAL needs `-shm` beside the store. A
            // store closed cleanly has everything in the main file, which immutable mode reads.
            let uri = format!("file:{}?immutable=1", uri_path(path));
            store.conn =
                Connection::open_with_flags(uri, flags | rusqlite::OpenFlags::SQLITE_OPEN_URI)?;
            store.check_ours(false)?;
        }
        let version = store.schema_version()?;
        if version != SCHEMA_VERSION {
            return Err(if version > SCHEMA_VERSION {
                StoreError::TooNew {
                    path: store.path.clone(),
                    found: version,
                }
            } else {
                StoreError::Unavailable {
                    path: store.path.clone(),
                    why: format!("schema version {version} needs migrating to {SCHEMA_VERSION}; run any writing command (e.g. `corroborate ingest`) once"),
                }
            });
        }
        store.conn.pragma_update(None, "cache_size", -65_536)?;
        Ok(store)
    }

    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: ":memory:".into(),
        };
        store.claim()?;
        store.configure()?;
        Ok(store)
    }

    /// Is this file ours? `Ok(true)` when it is an empty database we may claim.
    fn check_ours(&self, may_claim: bool) -> Result<bool> {
        let not_ours = |why: String| StoreError::NotOurs {
            path: self.path.clone(),
            why,
        };
        let id: i32 = match self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
        {
            Ok(id) => id,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                return Err(not_ours("not a SQLite database".to_string()))
            }
            Err(e) => return Err(e.into()),
        };
        if id == APPLICATION_ID {
            return Ok(false);
        }
        if id != 0 {
            return Err(not_ours(format!("SQLite application id {id:#x}")));
        }
        let tables: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if tables.is_empty() {
            return Ok(may_claim);
        }
        // Stores made before the application id was set: our own tables and schema version.
        let version = self.schema_version()?;
        let ours = ["documents", "document_sources", "ingest_errors"]
            .iter()
            .all(|t| tables.iter().any(|x| x == t));
        if ours && (1..=SCHEMA_VERSION.max(version)).contains(&version) {
            return Ok(may_claim);
        }
        let mut shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
        if tables.len() > 5 {
            shown.push("…");
        }
        Err(not_ours(format!(
            "it holds other tables: {}",
            shown.join(", ")
        )))
    }

    /// Checks the file is ours (or empty), then creates or migrates the schema, all under one
    /// immediate transaction so a concurrent first run waits and then finds the work done.
    fn claim(&mut self) -> Result<()> {
        self.check_ours(true)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Checked again under the lock: another run may have created the store meanwhile.
        let id: i32 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
            });
        }
        for sql in MIGRATIONS.iter().skip(version as usize) {
            tx.execute_batch(sql)?;
        }
        if version < SCHEMA_VERSION {
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        }
        if id != APPLICATION_ID {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn configure(&self) -> Result<()> {
        self.use_wal()?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Rows are keyed by content hashes, so inserts land all over the B-trees: a page cache
        // far above SQLite's 2 MB default keeps large ingests from turning into random I/O.
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }

    /// Switches the store to write-ahead logging (a setting kept in the file, so usually only
    /// the first run does it). The switch needs the file to itself, and SQLite answers "database
    /// is locked" at once, without waiting, when two first runs try it together (each holds the
    /// read lock the other must see go); so it is retried here, for as long as the busy timeout.
    fn use_wal(&self) -> Result<()> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let mut pause = std::time::Duration::from_millis(1);
        loop {
            let mode = self
                .conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
            match mode {
                Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if matches!(
                        e.code,
                        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                    ) && std::time::Instant::now() < deadline => {}
                // Some file systems cannot share memory for the WAL index: SQLite keeps the
                // rollback journal, which is slower but just as safe.
                Ok(_) => return Ok(()),
                Err(e) => return Err(e.into()),
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(std::time::Duration::from_millis(50));
        }
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Starts a write transaction; everything written through it lands at `commit` or not at all.
    pub fn writer(&mut self) -> Result<Writer<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let next_seq: i64 =
            tx.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents", [], |r| {
                r.get(0)
            })?;
        Ok(Writer { tx, next_seq })
    }

    /// All documents in ingestion order.
    pub fn documents(&self) -> Result<Vec<DocSummary>> {
        let mut st = self.conn.prepare(
            "SELECT d.id, d.seq, d.source, d.format, d.title, d.outlet, d.published, d.published_basis, d.language, d.chars, u.original
             FROM documents d LEFT JOIN duplicates u ON u.copy = d.id ORDER BY d.seq",
        )?;
        let rows = st.query_map([], |r| {
            Ok(DocSummary {
                id: r.get(0)?,
                seq: r.get(1)?,
                source: r.get(2)?,
                format: r.get(3)?,
                title: r.get(4)?,
                outlet: r.get(5)?,
                published: r.get(6)?,
                published_basis: r.get(7)?,
                language: r.get(8)?,
                chars: r.get(9)?,
                duplicate_of: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Finds a document by id, unique id prefix (at least 4 hex digits), ingestion number or
    /// source.
    pub fn resolve(&self, key: &str) -> Result<String> {
        let by_source: Option<String> = self
            .conn
            .query_row(
                "SELECT doc FROM document_sources WHERE source = ?1 ORDER BY doc LIMIT 1",
                [key],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = by_source {
            return Ok(id);
        }
        if let Ok(seq) = key.parse::<i64>() {
            if let Some(id) = self
                .conn
                .query_row("SELECT id FROM documents WHERE seq = ?1", [seq], |r| {
                    r.get(0)
                })
                .optional()?
            {
                return Ok(id);
            }
        }
        if key.len() >= 4 && key.chars().all(|c| c.is_ascii_hexdigit()) {
            let mut st = self.conn.prepare(
                "SELECT id FROM documents WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2",
            )?;
            let ids: Vec<String> = st
                .query_map([key.to_ascii_lowercase()], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            match ids.len() {
                1 => return Ok(ids[0].clone()),
                2 => {
                    return Err(StoreError::NotFound(format!(
                        "{key} matches several documents; give more digits"
                    )))
                }
                _ => {}
            }
        }
        Err(StoreError::NotFound(format!("no stored document matches {key:?} (an id prefix, a number from `corroborate docs`, or a source)")))
    }

    /// Reads a whole document back.
    pub fn document(&self, id: &str) -> Result<Document> {
        self.conn
            .query_row(
                "SELECT id, source, format, encoding, text, raw, annotations FROM documents WHERE id = ?1",
                [id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, String>(5)?, r.get::<_, String>(6)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no document {id}")))
            .and_then(|(id, source, format, encoding, text, raw, ann)| {
                let a: Annotations = serde_json::from_str(&ann).map_err(|e| StoreError::Corrupt(id.clone(), e.to_string()))?;
                let format: Format = serde_json::from_value(serde_json::Value::String(format)).map_err(|e| StoreError::Corrupt(id.clone(), e.to_string()))?;
                Ok(Document {
                    id: DocId(id),
                    source,
                    format,
                    raw,
                    encoding,
                    text,
                    offsets: a.offsets,
                    removed: a.removed,
                    captions: a.captions,
                    paragraphs: a.paragraphs,
                    sentences: a.sentences,
                    meta: a.meta,
                    warnings: a.warnings,
                })
            })
    }

    /// Every document in ingestion order.
    pub fn all_documents(&self) -> Result<Vec<Document>> {
        let ids: Vec<String> = self
            .conn
            .prepare("SELECT id FROM documents ORDER BY seq")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.iter().map(|id| self.document(id)).collect()
    }

    /// Documents by id, in the order given.
    pub fn documents_by_id(&self, ids: &[String]) -> Result<Vec<Document>> {
        ids.iter().map(|id| self.document(id)).collect()
    }

    /// Copy links, by copy id.
    pub fn duplicates(&self) -> Result<Vec<StoredLink>> {
        let mut st = self
            .conn
            .prepare("SELECT copy, original, overlap, method FROM duplicates ORDER BY copy")?;
        let rows = st.query_map([], |r| {
            Ok(StoredLink {
                copy: r.get(0)?,
                original: r.get(1)?,
                overlap: r.get(2)?,
                method: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The stored time expressions of a document, in text order.
    pub fn times(&self, id: &str) -> Result<Vec<Timex>> {
        let mut st = self
            .conn
            .prepare("SELECT timex FROM times WHERE doc = ?1 ORDER BY n")?;
        let rows = st.query_map([id], |r| r.get::<_, String>(0))?;
        rows.map(|r| {
            let j = r?;
            serde_json::from_str(&j).map_err(|e| StoreError::Corrupt(id.to_string(), e.to_string()))
        })
        .collect()
    }

    /// Updates a document's publication date (an inference made with other documents in view)
    /// and replaces its time expressions, which hang on that date.
    pub fn redate(&mut self, doc: &Document, times: &[Timex]) -> Result<()> {
        let tx = self.conn.transaction()?;
        let basis = doc.meta.published_basis.as_ref();
        let ann: Option<String> = tx
            .query_row(
                "SELECT annotations FROM documents WHERE id = ?1",
                [&doc.id.0],
                |r| r.get(0),
            )
            .optional()?;
        let Some(ann) = ann else {
            return Err(StoreError::NotFound(format!("no document {}", doc.id)));
        };
        let mut a: Annotations = serde_json::from_str(&ann)
            .map_err(|e| StoreError::Corrupt(doc.id.0.clone(), e.to_string()))?;
        a.meta.published = doc.meta.published;
        a.meta.published_basis = doc.meta.published_basis.clone();
        tx.execute(
            "UPDATE documents SET published = ?2, published_basis = ?3, published_inferred = ?4, annotations = ?5 WHERE id = ?1",
            params![doc.id.0, doc.meta.published.map(|d| d.to_string()), basis.map(|b| b.kind.as_str()), basis.map(|b| b.inferred), serde_json::to_string(&a).expect("annotations serialize")],
        )?;
        write_times(&tx, &doc.id.0, &doc.text, times)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the stored roster of one story (`''` for an analysis over a whole input) with
    /// `entities`; the rosters of other stories stay.
    pub fn replace_roster(
        &mut self,
        story: &str,
        entities: &[Entity],
        texts: &std::collections::HashMap<String, String>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for t in [
            "merge_evidence",
            "entity_mentions",
            "entity_aliases",
            "entities",
        ] {
            tx.execute(&format!("DELETE FROM {t} WHERE story = ?1"), [story])?;
        }
        let mut idx: std::collections::HashMap<&str, CharIndex> = std::collections::HashMap::new();
        for e in entities {
            let kind = serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let p = e.place.as_ref();
            tx.prepare_cached(
                "INSERT INTO entities (story, id, name, kind, lat, lon, country, geonames_id, place_name) VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?.execute(
                params![e.id, e.name, kind, p.map(|p| p.lat), p.map(|p| p.lon), p.map(|p| p.country.clone()), p.map(|p| p.geonames_id as i64), p.map(|p| p.name.clone()), story],
            )?;
            for a in &e.aliases {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO entity_aliases (story, entity, alias) VALUES (?3, ?1, ?2)",
                )?.execute(
                    params![e.id, a, story],
                )?;
            }
            let mut char_span = |doc: &str, sp: Span| -> Option<(i64, i64, String)> {
                let text = texts.get(doc)?;
                let ci = idx
                    .entry(texts.get_key_value(doc)?.0.as_str())
                    .or_insert_with(|| CharIndex::new(text));
                Some((
                    ci.char_of(sp.start) as i64,
                    ci.char_of(sp.end) as i64,
                    sp.slice(text).to_string(),
                ))
            };
            for (doc, sp) in &e.mentions {
                if let Some((a, b, t)) = char_span(doc, *sp) {
                    tx.prepare_cached("INSERT OR IGNORE INTO entity_mentions (story, entity, doc, start, end, text) VALUES (?6, ?1, ?2, ?3, ?4, ?5)")?.execute(params![e.id, doc, a, b, t, story])?;
                }
            }
            for (n, ev) in e.evidence.iter().enumerate() {
                let (doc, a, b, t) = match &ev.span {
                    Some((doc, sp)) => match char_span(doc, *sp) {
                        Some((a, b, t)) => (Some(doc.clone()), Some(a), Some(b), Some(t)),
                        None => (None, None, None, None),
                    },
                    None => (None, None, None, None),
                };
                tx.prepare_cached(
                    "INSERT INTO merge_evidence (story, entity, n, alias, reason, doc, start, end, text) VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?.execute(
                    params![e.id, n as i64, ev.alias, ev.reason, doc, a, b, t, story],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The stored rosters, story by story (in story order, `''` first), each in order of the
    /// number of documents and mentions; only one story's with `Some(story)`.
    pub fn roster(&self, story: Option<&str>) -> Result<Vec<RosterRow>> {
        let mut st = self.conn.prepare(
            "SELECT e.id, e.name, e.kind, e.place_name, e.country, e.lat, e.lon,
                    (SELECT group_concat(alias, ' | ') FROM (SELECT alias FROM entity_aliases a WHERE a.story = e.story AND a.entity = e.id ORDER BY alias)),
                    (SELECT COUNT(*) FROM entity_mentions m WHERE m.story = e.story AND m.entity = e.id),
                    (SELECT COUNT(DISTINCT doc) FROM entity_mentions m WHERE m.story = e.story AND m.entity = e.id),
                    e.story
             FROM entities e WHERE ?1 IS NULL OR e.story = ?1 ORDER BY e.story, 10 DESC, 9 DESC, e.name",
        )?;
        let rows = st.query_map([story], |r| {
            Ok(RosterRow {
                story: r.get(10)?,
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                place: r.get::<_, Option<String>>(3)?.map(|p| {
                    format!(
                        "{p}, {} ({:.3}, {:.3})",
                        r.get::<_, Option<String>>(4)
                            .ok()
                            .flatten()
                            .unwrap_or_default(),
                        r.get::<_, f64>(5).unwrap_or(0.0),
                        r.get::<_, f64>(6).unwrap_or(0.0)
                    )
                }),
                aliases: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                mentions: r.get(8)?,
                documents: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The evidence recorded for one entity of one story's roster: (alias, reason, quoted text).
    pub fn evidence(
        &self,
        story: &str,
        entity: &str,
    ) -> Result<Vec<(String, String, Option<String>)>> {
        let mut st = self.conn.prepare(
            "SELECT alias, reason, text FROM merge_evidence WHERE story = ?1 AND entity = ?2 ORDER BY n",
        )?;
        let rows = st.query_map([story, entity], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The stored merge overrides, as override-file text.
    pub fn overrides(&self) -> Result<String> {
        let mut st = self
            .conn
            .prepare("SELECT directive FROM entity_overrides ORDER BY n")?;
        let lines: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(lines.iter().map(|l| format!("{l}\n")).collect())
    }

    /// Adds override lines; a line already stored is kept once. Each line must be one
    /// directive of the override file (`force "A" = "B"` / `veto "A" != "B"`) with non-empty
    /// names and no control characters: a bad line stored would make every later analysis
    /// fail, so nothing is stored when one is bad.
    pub fn add_overrides(&mut self, lines: &[String]) -> Result<()> {
        for l in lines {
            validate_override(l)?;
        }
        let tx = self.conn.transaction()?;
        for l in lines {
            tx.execute(
                "INSERT OR IGNORE INTO entity_overrides (directive) VALUES (?1)",
                [l],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The saved story clusterer state (JSON), if stories were ever computed.
    pub fn story_state(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT state FROM story_state WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Saves the clusterer state and rewrites the story tables from `stories`, in one
    /// transaction: (id, label, [(doc, score)]).
    pub fn save_stories(&mut self, state: &str, stories: &[StoryRows]) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("INSERT INTO story_state (id, state) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET state = excluded.state", [state])?;
        tx.execute("DELETE FROM story_members", [])?;
        tx.execute("DELETE FROM stories", [])?;
        for (id, label, members) in stories {
            tx.execute(
                "INSERT INTO stories (id, label, size) VALUES (?1, ?2, ?3)",
                params![id, label, members.len() as i64],
            )?;
            for (doc, score) in members {
                tx.execute(
                    "INSERT INTO story_members (story, doc, score) VALUES (?1, ?2, ?3)",
                    params![id, doc, *score as f64],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Stored stories, largest first: (id, label, member ids in stored order).
    pub fn stories(&self) -> Result<Vec<(String, String, Vec<String>)>> {
        let mut st = self
            .conn
            .prepare("SELECT id, label FROM stories ORDER BY size DESC, id")?;
        let heads: Vec<(String, String)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut members = self.conn.prepare("SELECT m.doc FROM story_members m JOIN documents d ON d.id = m.doc WHERE m.story = ?1 ORDER BY d.seq")?;
        heads
            .into_iter()
            .map(|(id, label)| {
                let docs: Vec<String> = members
                    .query_map([&id], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                Ok((id, label, docs))
            })
            .collect()
    }

    /// The story a document belongs to.
    pub fn story_of(&self, doc: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT story FROM story_members WHERE doc = ?1",
                [doc],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The source a document was first stored under.
    pub fn source_of(&self, doc: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT source FROM documents WHERE id = ?1", [doc], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Recorded ingest errors, oldest first.
    pub fn errors(&self) -> Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare("SELECT source, message FROM ingest_errors ORDER BY id")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The id a source was stored under, if any.
    pub fn id_of_source(&self, source: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT doc FROM document_sources WHERE source = ?1 ORDER BY doc LIMIT 1",
                [source],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Row counts per table, for reports and tests.
    pub fn counts(&self) -> Result<Vec<(&'static str, i64)>> {
        [
            "documents",
            "document_sources",
            "removed_spans",
            "sentences",
            "duplicates",
            "lsh_bands",
            "ingest_errors",
            "times",
        ]
        .into_iter()
        .map(|t| {
            Ok((
                t,
                self.conn
                    .query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?,
            ))
        })
        .collect()
    }

    /// Raw access for checks that need SQL (tests, `corroborate` diagnostics).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// One write transaction.
pub struct Writer<'a> {
    tx: rusqlite::Transaction<'a>,
    next_seq: i64,
}

impl std::fmt::Debug for Writer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("next_seq", &self.next_seq)
            .finish()
    }
}

impl Writer<'_> {
    /// Stores a document with all its rows, its copy-detection fingerprint (opaque bytes) and
    /// the buckets it is indexed under; a text already stored only gains a source. Linking it
    /// to its copies is the caller's: [`Writer::copy_candidates`], then [`Writer::link_copy`].
    pub fn add_document(
        &mut self,
        doc: &Document,
        fingerprint: &[u8],
        buckets: &[u64],
    ) -> Result<Added> {
        let id = &doc.id.0;
        let exists: bool = self
            .tx
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
            .exists([id])?;
        if exists {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO document_sources (doc, source) VALUES (?1, ?2)",
                )?
                .execute(params![id, doc.source])?;
            return Ok(Added::Known);
        }
        let ann = Annotations {
            offsets: doc.offsets.clone(),
            removed: doc.removed.clone(),
            captions: doc.captions.clone(),
            paragraphs: doc.paragraphs.clone(),
            sentences: doc.sentences.clone(),
            meta: doc.meta.clone(),
            warnings: doc.warnings.clone(),
        };
        let m = &doc.meta;
        let basis = m.published_basis.as_ref();
        self.tx
            .prepare_cached(
                "INSERT INTO documents (id, seq, source, format, encoding, title, outlet, author, url, published, published_basis, published_inferred, language, chars, text, raw, annotations, fingerprint)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?
            .execute(params![
                id,
                self.next_seq,
                doc.source,
                doc.format.as_str(),
                doc.encoding,
                m.title,
                m.outlet,
                m.author,
                m.url,
                m.published.map(|d| d.to_string()),
                basis.map(|b| b.kind.as_str()),
                basis.map(|b| b.inferred),
                m.language,
                doc.text.chars().count() as i64,
                doc.text,
                doc.raw,
                serde_json::to_string(&ann).expect("annotations serialize"),
                fingerprint,
            ])?;
        self.tx
            .prepare_cached("INSERT OR IGNORE INTO document_sources (doc, source) VALUES (?1, ?2)")?
            .execute(params![id, doc.source])?;
        self.next_seq += 1;
        let text_idx = CharIndex::new(&doc.text);
        let raw_idx = CharIndex::new(&doc.raw);
        {
            let mut st = self.tx.prepare_cached(
                "INSERT INTO sentences (doc, n, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (n, s) in doc.sentences.iter().enumerate() {
                st.execute(params![
                    id,
                    n as i64,
                    text_idx.char_of(s.start) as i64,
                    text_idx.char_of(s.end) as i64,
                    s.slice(&doc.text)
                ])?;
            }
            let mut st = self.tx.prepare_cached("INSERT INTO removed_spans (doc, n, at, raw_start, raw_end, reason, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
            for (n, r) in doc.removed.iter().enumerate() {
                st.execute(params![
                    id,
                    n as i64,
                    text_idx.char_of(r.at) as i64,
                    raw_idx.char_of(r.raw.start) as i64,
                    raw_idx.char_of(r.raw.end) as i64,
                    r.reason.as_str(),
                    r.text
                ])?;
            }
        }
        let mut st = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO lsh_bands (key, doc) VALUES (?1, ?2)")?;
        for key in buckets {
            st.execute(params![*key as i64, id])?;
        }
        Ok(Added::New)
    }

    /// Stored documents other than `id` sharing one of `buckets`, in storage order, at most
    /// 64. Known copies are not candidates (a copy links to the original, not to its sibling
    /// copies), which keeps the work per document bounded when one text is syndicated
    /// thousands of times.
    pub fn copy_candidates(&mut self, id: &str, buckets: &[u64]) -> Result<Vec<CopyCandidate>> {
        let placeholders = vec!["?"; buckets.len()].join(",");
        let sql = format!(
            "SELECT d.id, d.published, d.fingerprint FROM documents d
             WHERE d.id IN (SELECT doc FROM lsh_bands WHERE key IN ({placeholders}))
               AND d.id != ?
               AND NOT EXISTS (SELECT 1 FROM duplicates x WHERE x.copy = d.id)
             ORDER BY d.seq LIMIT {MAX_CANDIDATES}"
        );
        let mut st = self.tx.prepare_cached(&sql)?;
        let params = buckets
            .iter()
            .map(|b| rusqlite::types::Value::Integer(*b as i64))
            .chain(std::iter::once(rusqlite::types::Value::Text(
                id.to_string(),
            )));
        let rows = st.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(CopyCandidate {
                id: r.get(0)?,
                published: r.get(1)?,
                fingerprint: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that `link.copy` copies `link.original`. One row per copy: a document that
    /// copies two stored ones keeps the link with the larger overlap.
    pub fn link_copy(&mut self, link: &StoredLink) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO duplicates (copy, original, overlap, method) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (copy) DO UPDATE SET original = excluded.original, overlap = excluded.overlap, method = excluded.method
                 WHERE excluded.overlap > duplicates.overlap",
            )?
            .execute(params![link.copy, link.original, link.overlap, link.method])?;
        Ok(())
    }

    /// Replaces the stored time expressions of a document.
    pub fn replace_times(&mut self, doc: &Document, times: &[Timex]) -> Result<()> {
        write_times(&self.tx, &doc.id.0, &doc.text, times)
    }

    /// Records a failed input (idempotent: the same problem with the same input is kept once).
    pub fn add_error(&mut self, source: &str, message: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO ingest_errors (source, message) VALUES (?1, ?2)",
            )?
            .execute(params![source, message])?;
        Ok(())
    }

    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}

fn validate_override(line: &str) -> Result<()> {
    let bad = |why: &str| StoreError::BadOverride {
        line: line.to_string(),
        why: why.to_string(),
    };
    if line.chars().any(char::is_control) {
        return Err(bad(
            "it holds a control character (a newline, tab or escape)",
        ));
    }
    let parsed =
        corroborate_entities::alias::Overrides::parse(line).map_err(|e| bad(&e.to_string()))?;
    match parsed.directives.as_slice() {
        [corroborate_entities::alias::Directive::Force(a, b)
        | corroborate_entities::alias::Directive::Veto(a, b)] => {
            if a.trim().is_empty() || b.trim().is_empty() {
                return Err(bad("a name is empty"));
            }
            Ok(())
        }
        _ => Err(bad("it is not one directive")),
    }
}

/// `path` for an SQLite `file:` URI: absolute, with `?`, `#` and `%` escaped.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    abs.display()
        .to_string()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23")
}

fn write_times(conn: &Connection, doc: &str, text: &str, times: &[Timex]) -> Result<()> {
    conn.prepare_cached("DELETE FROM times WHERE doc = ?1")?
        .execute([doc])?;
    let idx = CharIndex::new(text);
    let mut st = conn.prepare_cached(
        "INSERT INTO times (doc, n, start, end, text, type, value, earliest, latest, precision, modifier, anchor, anchor_date, timex)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (n, t) in times.iter().enumerate() {
        let (anchor, anchor_date) = match &t.anchor {
            Anchor::None => ("none", None),
            Anchor::Dct { date } => ("dct", Some(*date)),
            Anchor::Previous { date, .. } => ("previous", Some(*date)),
            Anchor::Event { date, .. } => ("event", Some(*date)),
        };
        st.execute(params![
            doc,
            n as i64,
            idx.char_of(t.span.start) as i64,
            idx.char_of(t.span.end) as i64,
            t.span.slice(text),
            t.kind.as_timeml(),
            t.value,
            t.earliest
                .map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string()),
            t.latest.map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string()),
            format!("{:?}", t.precision).to_lowercase(),
            t.modifier,
            anchor,
            anchor_date.map(|d| d.to_string()),
            serde_json::to_string(t).expect("timex serializes"),
        ])?;
    }
    Ok(())
}
