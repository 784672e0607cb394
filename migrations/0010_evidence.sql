-- Evidence files, clarifications (giải trình) and sampled case files (bóc mẫu hồ sơ).

-- SQLite's own archive table, exactly as `sqlite3 FILE -A` creates it, so that tool lists and extracts the files.
-- Each entry is named by its content's SHA-256 (`sha256/<hex>`): a file sent twice is stored once. Data are stored
-- uncompressed (sz = length(data)), which the format allows, so they stream in and out without holding a file.
CREATE TABLE IF NOT EXISTS sqlar (name TEXT PRIMARY KEY, mode INT, mtime INT, sz INT, data BLOB);

-- A question the team asks a unit, optionally on an item, and the unit's answer.
CREATE TABLE clarifications (
    id          TEXT PRIMARY KEY,
    round_id    TEXT NOT NULL REFERENCES rounds (id),
    seq         INTEGER NOT NULL,
    unit_code   TEXT NOT NULL REFERENCES units (code),
    criterion   TEXT,
    question    TEXT NOT NULL,
    due_date    TEXT,
    -- The days the request was made and answered (on paper, perhaps before they were recorded here).
    asked_on    TEXT NOT NULL,
    answered_on TEXT,
    asked_at    TEXT NOT NULL,
    asked_by    TEXT NOT NULL,
    answer      TEXT,
    answered_at TEXT,
    answered_by TEXT,
    UNIQUE (round_id, seq)
) STRICT;
CREATE INDEX clarifications_unit ON clarifications (round_id, unit_code);

-- Which round, unit and item a stored file supports, under which name it came, and who added it when.
CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    round_id      TEXT NOT NULL REFERENCES rounds (id),
    unit_code     TEXT NOT NULL REFERENCES units (code),
    criterion     TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    received_on   TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    clarification TEXT REFERENCES clarifications (id),
    added_at      TEXT NOT NULL,
    added_by      TEXT NOT NULL,
    UNIQUE (round_id, unit_code, criterion, sha256)
) STRICT;
CREATE INDEX evidence_sha256 ON evidence (sha256);

-- A sample of a unit's case files for one item: the list's hash and the seed make the draw reproducible.
CREATE TABLE samples (
    id         INTEGER PRIMARY KEY,
    round_id   TEXT NOT NULL REFERENCES rounds (id),
    unit_code  TEXT NOT NULL REFERENCES units (code),
    criterion  TEXT NOT NULL,
    list_name  TEXT NOT NULL,
    list_hash  TEXT NOT NULL,
    list_size  INTEGER NOT NULL,
    seed       TEXT NOT NULL,
    seed_given INTEGER NOT NULL CHECK (seed_given IN (0, 1)),
    drawn_at   TEXT NOT NULL,
    drawn_by   TEXT NOT NULL,
    UNIQUE (round_id, unit_code, criterion)
) STRICT;

-- The drawn case files in draw order, the list's other columns kept (JSON [[header, value], …]), and the team's finding on each.
CREATE TABLE sample_files (
    sample_id INTEGER NOT NULL REFERENCES samples (id),
    position  INTEGER NOT NULL,
    code      TEXT NOT NULL,
    details   TEXT NOT NULL DEFAULT '[]',
    compliant INTEGER CHECK (compliant IN (0, 1)),
    note      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sample_id, position),
    UNIQUE (sample_id, code)
) STRICT;
