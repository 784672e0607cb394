-- Inspection work: appraised scores and findings with their remediation history.
CREATE TABLE scores (
    round_id   TEXT NOT NULL REFERENCES rounds (id),
    unit_code  TEXT NOT NULL REFERENCES units (code),
    criterion  TEXT NOT NULL,
    points     REAL,
    not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (round_id, unit_code, criterion),
    CHECK (not_applicable = 1 OR points IS NOT NULL)
) STRICT, WITHOUT ROWID;
CREATE INDEX scores_unit ON scores (unit_code);

CREATE TABLE findings (
    id             TEXT PRIMARY KEY,
    round_id       TEXT NOT NULL REFERENCES rounds (id),
    seq            INTEGER NOT NULL,
    unit_code      TEXT NOT NULL REFERENCES units (code),
    criterion      TEXT,
    official_code  TEXT REFERENCES officials (code),
    kind           TEXT NOT NULL CHECK (kind IN ('dien-hinh', 'han-che', 'vi-pham', 'kien-nghi')),
    text           TEXT NOT NULL,
    recommendation TEXT NOT NULL DEFAULT '',
    due_date       TEXT,
    status         TEXT NOT NULL DEFAULT 'mo' CHECK (status IN ('mo', 'dang-khac-phuc', 'da-khac-phuc', 'da-xac-minh')),
    source         TEXT,
    created_at     TEXT NOT NULL,
    UNIQUE (round_id, seq)
) STRICT;
CREATE INDEX findings_unit ON findings (unit_code);
CREATE INDEX findings_status ON findings (status);

-- Each status change of a finding, with the round in which it was checked (carry-over into the next round).
CREATE TABLE finding_events (
    id         INTEGER PRIMARY KEY,
    finding_id TEXT NOT NULL REFERENCES findings (id),
    at         TEXT NOT NULL,
    status     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    evidence   TEXT NOT NULL DEFAULT '',
    round_id   TEXT REFERENCES rounds (id),
    actor      TEXT NOT NULL
) STRICT;
CREATE INDEX finding_events_finding ON finding_events (finding_id);
