-- corroborate store, schema version 1. Offsets in these tables are Unicode scalar (char)
-- offsets, so SQLite's substr(text, start + 1, end - start) slices them back.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,            -- xxh3-128 of the cleaned text (content address)
    seq INTEGER NOT NULL UNIQUE,    -- ingestion order, 1-based
    source TEXT NOT NULL,           -- path or URL as first given
    format TEXT NOT NULL,
    encoding TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    author TEXT,
    url TEXT,
    published TEXT,                 -- YYYY-MM-DD
    published_basis TEXT,           -- metadata | dateline | caption | latest-mention | story-context | ...
    published_inferred INTEGER,
    language TEXT,
    chars INTEGER NOT NULL,
    text TEXT NOT NULL,             -- the cleaned text
    raw TEXT NOT NULL,              -- the decoded input it was cut from
    annotations TEXT NOT NULL,      -- JSON: offsets, removed, captions, paragraphs, sentences, meta, warnings (byte offsets; what the program reads back)
    fingerprint BLOB NOT NULL       -- MinHash signature + paragraph hashes
);
CREATE TABLE document_sources (     -- every input that carried this exact text
    doc TEXT NOT NULL REFERENCES documents(id),
    source TEXT NOT NULL,
    PRIMARY KEY (doc, source)
) WITHOUT ROWID;
CREATE TABLE removed_spans (
    doc TEXT NOT NULL REFERENCES documents(id),
    n INTEGER NOT NULL,
    at INTEGER NOT NULL,            -- char offset in documents.text where the stretch stood
    raw_start INTEGER NOT NULL,     -- char offsets in documents.raw
    raw_end INTEGER NOT NULL,
    reason TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc, n)
) WITHOUT ROWID;
CREATE TABLE sentences (
    doc TEXT NOT NULL REFERENCES documents(id),
    n INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc, n)
) WITHOUT ROWID;
CREATE TABLE duplicates (
    copy TEXT PRIMARY KEY REFERENCES documents(id),
    original TEXT NOT NULL REFERENCES documents(id),
    overlap REAL NOT NULL,          -- share of the copy's text the original carries
    method TEXT NOT NULL            -- near-duplicate | syndicated
);
CREATE TABLE lsh_bands (            -- MinHash LSH buckets for candidate search
    key INTEGER NOT NULL,
    doc TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;
CREATE TABLE ingest_errors (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    message TEXT NOT NULL,
    UNIQUE (source, message)
);
