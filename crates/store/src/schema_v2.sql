-- Schema version 2: time expressions per document (char offsets into documents.text).
CREATE TABLE times (
    doc TEXT NOT NULL REFERENCES documents(id),
    n INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,          -- DATE | TIME | DURATION | SET
    value TEXT NOT NULL,         -- TIMEX3 value
    earliest TEXT,               -- ISO 8601 date-time, or NULL
    latest TEXT,
    precision TEXT NOT NULL,
    modifier TEXT,
    anchor TEXT NOT NULL,        -- none | dct:YYYY-MM-DD | previous:YYYY-MM-DD | event:YYYY-MM-DD
    anchor_date TEXT,            -- the date the expression was resolved against (the publication date for dct)
    timex TEXT NOT NULL,         -- the whole expression as JSON (byte offsets), what the program reads back
    PRIMARY KEY (doc, n)
) WITHOUT ROWID;
