-- Foundation: settings, catalogues, units, officials, assignments, rounds, team, audit log.
-- Dates are ISO 8601 text (YYYY-MM-DD), timestamps YYYY-MM-DDTHH:MM:SS (local time of the office).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- A catalogue version is stored whole; rounds pin it by hash, so editing the TOML never changes an old round.
CREATE TABLE catalogues (
    hash        TEXT PRIMARY KEY,
    id          TEXT NOT NULL,
    version     TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    content     TEXT NOT NULL,
    loaded_at   TEXT NOT NULL,
    UNIQUE (id, version)
) STRICT;

CREATE TABLE units (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT '',
    name_folded TEXT NOT NULL
) STRICT;

CREATE TABLE officials (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    position    TEXT NOT NULL DEFAULT '',
    unit_code   TEXT NOT NULL REFERENCES units (code),
    name_folded TEXT NOT NULL
) STRICT;
CREATE INDEX officials_unit ON officials (unit_code);

-- Who answers for a criterion: a unit, and optionally one of its officials.
CREATE TABLE assignments (
    criterion     TEXT NOT NULL,
    unit_code     TEXT NOT NULL REFERENCES units (code),
    official_code TEXT REFERENCES officials (code),
    PRIMARY KEY (criterion, unit_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX assignments_unit ON assignments (unit_code);
CREATE INDEX assignments_official ON assignments (official_code);

CREATE TABLE rounds (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('dot1', 'dot2', 'dot-xuat')),
    year           INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    selfreport_due TEXT NOT NULL,
    topic          TEXT,
    reason         TEXT,
    status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'closed')),
    catalogue_hash TEXT NOT NULL REFERENCES catalogues (hash),
    created_at     TEXT NOT NULL,
    UNIQUE (year, kind, seq)
) STRICT;

-- Units an ad-hoc round covers; a round without rows here covers every unit.
CREATE TABLE round_units (
    round_id  TEXT NOT NULL REFERENCES rounds (id),
    unit_code TEXT NOT NULL REFERENCES units (code),
    PRIMARY KEY (round_id, unit_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE round_team (
    id        INTEGER PRIMARY KEY,
    round_id  TEXT NOT NULL REFERENCES rounds (id),
    name      TEXT NOT NULL,
    role      TEXT NOT NULL CHECK (role IN ('truong-doan', 'thanh-vien', 'thu-ky')),
    unit_code TEXT REFERENCES units (code)
) STRICT;
CREATE INDEX round_team_round ON round_team (round_id);

-- Every write a user makes. old_value/new_value are JSON.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    round_id  TEXT,
    old_value TEXT,
    new_value TEXT
) STRICT;
CREATE INDEX audit_log_round ON audit_log (round_id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
