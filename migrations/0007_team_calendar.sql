-- The team as a decision names it: a Phó trưởng đoàn role, and each member's chức vụ and body (an official of the
-- directory, or someone from elsewhere). Rebuilt because SQLite cannot change a CHECK constraint in place.
CREATE TABLE round_team_new (
    id            INTEGER PRIMARY KEY,
    round_id      TEXT NOT NULL REFERENCES rounds (id),
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('truong-doan', 'pho-doan', 'thanh-vien', 'thu-ky')),
    unit_code     TEXT REFERENCES units (code),
    title         TEXT NOT NULL DEFAULT '',
    unit_name     TEXT NOT NULL DEFAULT '',
    official_code TEXT
) STRICT;
INSERT INTO round_team_new (id, round_id, name, role, unit_code) SELECT id, round_id, name, role, unit_code FROM round_team;
DROP TABLE round_team;
ALTER TABLE round_team_new RENAME TO round_team;
CREATE INDEX round_team_round ON round_team (round_id);

-- Units a round inspects on purpose although they answer for none of its items (`round schedule set --include`).
CREATE TABLE round_included (
    round_id  TEXT NOT NULL REFERENCES rounds (id),
    unit_code TEXT NOT NULL REFERENCES units (code),
    PRIMARY KEY (round_id, unit_code)
) STRICT, WITHOUT ROWID;
