-- The inspection schedule: the day (and session) each unit is inspected within a round. A unit's self-report is
-- due five days before its slot (plan, section IV.1.c); one slot per unit and round.
CREATE TABLE round_schedule (
    round_id  TEXT NOT NULL REFERENCES rounds (id),
    unit_code TEXT NOT NULL REFERENCES units (code),
    day       TEXT NOT NULL,
    session   TEXT CHECK (session IN ('sang', 'chieu')),
    place     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (round_id, unit_code)
) STRICT, WITHOUT ROWID;
