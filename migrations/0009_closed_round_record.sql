-- What a closed round used, as it stood when it closed: the units (names, kinds), the officials (name, chức vụ,
-- unit, category) and the assignments. The round's reports read these instead of the live directory, so renaming a
-- unit, moving an official or adding an assignment afterwards does not rewrite a report already signed. Written in
-- the transaction that closes the round, removed when it is reopened. `seq` keeps the directory's order.
CREATE TABLE closed_units (
    round_id TEXT NOT NULL REFERENCES rounds (id),
    seq      INTEGER NOT NULL,
    code     TEXT NOT NULL,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    PRIMARY KEY (round_id, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE closed_officials (
    round_id  TEXT NOT NULL REFERENCES rounds (id),
    seq       INTEGER NOT NULL,
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    position  TEXT NOT NULL,
    unit_code TEXT NOT NULL,
    category  TEXT NOT NULL,
    PRIMARY KEY (round_id, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE closed_assignments (
    round_id      TEXT NOT NULL REFERENCES rounds (id),
    criterion     TEXT NOT NULL,
    unit_code     TEXT NOT NULL,
    official_code TEXT,
    PRIMARY KEY (round_id, criterion, unit_code)
) STRICT, WITHOUT ROWID;

-- Rounds closed before this version: their record is the directory as it stands at the upgrade, the closest one
-- there is (what it was on the closing day was never stored).
INSERT INTO closed_units (round_id, seq, code, name, kind)
    SELECT r.id, u.rowid, u.code, u.name, u.kind FROM rounds r CROSS JOIN units u WHERE r.status = 'closed';
INSERT INTO closed_officials (round_id, seq, code, name, position, unit_code, category)
    SELECT r.id, o.rowid, o.code, o.name, o.position, o.unit_code, o.category
    FROM rounds r CROSS JOIN officials o WHERE r.status = 'closed';
INSERT INTO closed_assignments (round_id, criterion, unit_code, official_code)
    SELECT r.id, a.criterion, a.unit_code, a.official_code
    FROM rounds r CROSS JOIN assignments a WHERE r.status = 'closed';
