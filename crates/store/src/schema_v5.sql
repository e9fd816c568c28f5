-- Schema version 5: the entity roster per story. An analysis replaces only the roster of the
-- story it analyzed ('' for an analysis over the whole input or a roster kept from version 4),
-- so after a run over several stories every story keeps its own.
CREATE TABLE entities_v5 (
    story TEXT NOT NULL,         -- story id, or '' for a dossier over a whole input
    id TEXT NOT NULL,            -- "E" + 16 hex digits, stable for the same kind and name
    name TEXT NOT NULL,
    kind TEXT NOT NULL,          -- person | organization | gpe | location | facility | group | misc
    lat REAL,
    lon REAL,
    country TEXT,
    geonames_id INTEGER,
    place_name TEXT,
    PRIMARY KEY (story, id)
) WITHOUT ROWID;
INSERT INTO entities_v5 SELECT '', id, name, kind, lat, lon, country, geonames_id, place_name FROM entities;
CREATE TABLE entity_aliases_v5 (
    story TEXT NOT NULL,
    entity TEXT NOT NULL,
    alias TEXT NOT NULL,
    PRIMARY KEY (story, entity, alias)
) WITHOUT ROWID;
INSERT INTO entity_aliases_v5 SELECT '', entity, alias FROM entity_aliases;
CREATE TABLE entity_mentions_v5 (
    story TEXT NOT NULL,
    entity TEXT NOT NULL,
    doc TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,      -- char offsets into documents.text
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (story, doc, start, end, entity)
) WITHOUT ROWID;
INSERT INTO entity_mentions_v5 SELECT '', entity, doc, start, end, text FROM entity_mentions;
CREATE TABLE merge_evidence_v5 (
    story TEXT NOT NULL,
    entity TEXT NOT NULL,
    n INTEGER NOT NULL,
    alias TEXT NOT NULL,
    reason TEXT NOT NULL,
    doc TEXT,
    start INTEGER,
    end INTEGER,
    text TEXT,
    PRIMARY KEY (story, entity, n)
) WITHOUT ROWID;
INSERT INTO merge_evidence_v5 SELECT '', entity, n, alias, reason, doc, start, end, text FROM merge_evidence;
DROP TABLE merge_evidence;
DROP TABLE entity_mentions;
DROP TABLE entity_aliases;
DROP TABLE entities;
ALTER TABLE entities_v5 RENAME TO entities;
ALTER TABLE entity_aliases_v5 RENAME TO entity_aliases;
ALTER TABLE entity_mentions_v5 RENAME TO entity_mentions;
ALTER TABLE merge_evidence_v5 RENAME TO merge_evidence;
CREATE INDEX entity_mentions_doc ON entity_mentions(doc);
