-- Self-reports: a unit's own check before a round. Each distinct file content for one unit and round is a revision;
-- the newest revision is the current one, earlier ones stay for history.
CREATE TABLE selfreports (
    id           INTEGER PRIMARY KEY,
    round_id     TEXT NOT NULL REFERENCES rounds (id),
    unit_code    TEXT NOT NULL REFERENCES units (code),
    revision     INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    received_on  TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    is_current   INTEGER NOT NULL CHECK (is_current IN (0, 1)),
    UNIQUE (round_id, unit_code, revision)
) STRICT;
CREATE UNIQUE INDEX selfreports_current ON selfreports (round_id, unit_code) WHERE is_current = 1;

CREATE TABLE selfreport_items (
    selfreport_id INTEGER NOT NULL REFERENCES selfreports (id),
    criterion     TEXT NOT NULL,
    self_points   REAL,
    figure        TEXT,
    figure_pct    REAL,
    result        TEXT NOT NULL DEFAULT '',
    evidence      TEXT NOT NULL DEFAULT '',
    proposal      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (selfreport_id, criterion)
) STRICT, WITHOUT ROWID;
