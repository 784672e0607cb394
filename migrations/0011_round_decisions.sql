-- The decision (quyết định) that formed a round's team: its number and date, cited by the decision paper itself and
-- by every unit's minutes of that round. Replaces the one ward-wide `decision_number` setting, which made a second
-- round's minutes cite the first round's decision: a value set there moves to the first round that starts on or
-- after its date ("112/QĐ-UBND ngày 22/06/2026"); a value that does not read so is left in settings, unused.
CREATE TABLE round_decisions (
    round_id   TEXT PRIMARY KEY REFERENCES rounds (id),
    number     TEXT NOT NULL,
    decided_on TEXT NOT NULL
) STRICT;

INSERT INTO round_decisions (round_id, number, decided_on)
SELECT (SELECT r.id FROM rounds r WHERE r.start_date >= d.decided_on ORDER BY r.start_date, r.id LIMIT 1), d.number, d.decided_on
FROM (
    SELECT trim(substr(value, 1, instr(value, ' ngày ') - 1)) AS number,
           substr(value, instr(value, ' ngày ') + 12, 4) || '-' || substr(value, instr(value, ' ngày ') + 9, 2) || '-'
               || substr(value, instr(value, ' ngày ') + 6, 2) AS decided_on
    FROM settings
    WHERE key = 'decision_number' AND value GLOB '*/* ngày [0-3][0-9]/[01][0-9]/[12][0-9][0-9][0-9]*'
) d
WHERE (SELECT r.id FROM rounds r WHERE r.start_date >= d.decided_on LIMIT 1) IS NOT NULL;

DELETE FROM settings
WHERE key = 'decision_number' AND EXISTS (SELECT 1 FROM round_decisions);
