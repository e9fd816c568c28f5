-- Schema version 4: stories. The incremental clusterer's state is kept whole (JSON) so new
-- documents join existing stories without reclustering everything; the tables below are its
-- current result, rewritten after every change.
CREATE TABLE story_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL
);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,           -- "story-" + the id of its earliest member
    label TEXT NOT NULL,           -- most salient names and terms
    size INTEGER NOT NULL
);
CREATE TABLE story_members (
    story TEXT NOT NULL REFERENCES stories(id),
    doc TEXT NOT NULL REFERENCES documents(id),
    score REAL NOT NULL,           -- mean similarity to the other members (1 when alone)
    PRIMARY KEY (story, doc)
) WITHOUT ROWID;
CREATE INDEX story_members_doc ON story_members(doc);
