-- Schema version 3: the entity roster of the latest analysis, its evidence, and the user's
-- merge overrides (kept across analyses and re-applied each time).
CREATE TABLE entities (
    id TEXT PRIMARY KEY,         -- "E" + 16 hex digits, stable for the same kind and name
    name TEXT NOT NULL,
    kind TEXT NOT NULL,          -- person | organization | gpe | location | facility | group | misc
    lat REAL,
    lon REAL,
    country TEXT,
    geonames_id INTEGER,
    place_name TEXT
);
CREATE TABLE entity_aliases (
    entity TEXT NOT NULL REFERENCES entities(id),
    alias TEXT NOT NULL,
    PRIMARY KEY (entity, alias)
) WITHOUT ROWID;
CREATE TABLE entity_mentions (
    entity TEXT NOT NULL REFERENCES entities(id),
    doc TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,      -- char offsets into documents.text
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc, start, end, entity)
) WITHOUT ROWID;
CREATE TABLE merge_evidence (
    entity TEXT NOT NULL REFERENCES entities(id),
    n INTEGER NOT NULL,
    alias TEXT NOT NULL,
    reason TEXT NOT NULL,
    doc TEXT,
    start INTEGER,
    end INTEGER,
    text TEXT,
    PRIMARY KEY (entity, n)
) WITHOUT ROWID;
CREATE TABLE entity_overrides (
    n INTEGER PRIMARY KEY,
    directive TEXT NOT NULL UNIQUE   -- a line of the override file: force "A" = "B" | veto "A" != "B"
);
