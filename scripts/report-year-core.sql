-- Every statement `cchc report year` runs, for the sqlite3 shell: the floor scripts/bench.sh measures the year
-- report against, on the same database in the same run ("the same work in the sqlite3 shell"). The report's own
-- log of its statements (`CCHC_SQL_LOG=FILE cchc report year …`) is what a test (tests/cli/scale.rs) compares this
-- file with: a statement added to the report and not here, or left here and no longer run, fails it.
--
-- Parameters: ?1 = the year, ?2 = NULL (every round of the year), e.g.
--   sqlite3 -cmd '.parameter set ?1 2026' -cmd '.parameter set ?2 NULL' cchc.db < scripts/report-year-core.sql
-- The few statements the report runs with other parameters (a round's id, a catalogue's hash and the program's
-- form of it, NULL for every official) get them from the dot-commands below. The statements the review runs once per
-- round, the round in ?2, run here once with ?2 = NULL, over every round of the year: the same rows. Those it runs
-- per round by the round's id (its team, its listed units, its requests for clarification: a few rows each) run here
-- once, for Đợt 1.
.parameter set @year "(SELECT value FROM temp.sqlite_parameters WHERE key = '?1')"

-- Opening the database (each of the two connections), the catalogue versions still without this program's parsed
-- form (none, once the first command has kept them), and the read transaction's start.
SELECT count(*), count(*) FILTER (WHERE type = 'table' AND name IN ('settings', 'audit_log', 'units')) FROM
    sqlite_schema;
SELECT count(*) FROM sqlite_schema;
.parameter set ?1 "(SELECT format FROM catalogue_parsed LIMIT 1)"
SELECT hash FROM catalogues c WHERE NOT EXISTS (SELECT 1 FROM catalogue_parsed p WHERE p.hash = c.hash AND p.format
    = ?1);
.parameter set ?1 "(SELECT value FROM temp.sqlite_parameters WHERE key = '@year')"

-- The directory: the year's rounds, their units and catalogues, the units and the officials.
SELECT id, kind, year, start_date, end_date, selfreport_due, topic, reason, status, catalogue_hash FROM rounds WHERE
    ?1 IS NULL OR year = ?1 ORDER BY start_date, id;
.parameter set ?1 "(SELECT id FROM rounds WHERE year = (SELECT value FROM temp.sqlite_parameters WHERE key = '@year') AND kind = 'dot1')"
SELECT x.unit_code FROM round_included x JOIN units u ON u.code = x.unit_code WHERE x.round_id = ?1 ORDER BY u.rowid;
SELECT id, round_id, name, role, unit_code, title, unit_name, official_code FROM round_team WHERE round_id = ?1
    ORDER BY CASE role WHEN 'truong-doan' THEN 0 WHEN 'pho-doan' THEN 1 WHEN 'thu-ky' THEN 3 ELSE 2 END, id;
SELECT id, round_id, unit_code, criterion, question, due_date, asked_on, answer, answered_on FROM clarifications
    WHERE (?1 IS NULL OR round_id = ?1) AND (?2 IS NULL OR unit_code = ?2) ORDER BY round_id, seq;
.parameter set ?1 "(SELECT catalogue_hash FROM rounds WHERE year = (SELECT value FROM temp.sqlite_parameters WHERE key = '@year') AND kind = 'dot1')"
.parameter set ?2 "(SELECT format FROM catalogue_parsed LIMIT 1)"
SELECT parsed FROM catalogue_parsed WHERE hash = ?1 AND format = ?2;
.parameter set ?2 NULL
SELECT code, name, kind FROM units ORDER BY rowid;
.parameter set ?1 NULL
SELECT code, name, position, unit_code, category FROM officials WHERE ?1 IS NULL OR unit_code = ?1 ORDER BY rowid;
.parameter set ?1 "(SELECT value FROM temp.sqlite_parameters WHERE key = '@year')"

-- The sums, on the second connection: who answers for each item, the scores and, merged with them, the self
-- points.
SELECT unit_code, criterion, official_code FROM assignments;
SELECT s.round_id, s.unit_code, s.criterion, s.points, s.not_applicable FROM scores s WHERE s.round_id IN (SELECT id
    FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)) ORDER BY s.round_id, s.unit_code, s.criterion;
SELECT s.round_id, s.unit_code, i.criterion, i.self_points FROM selfreports s JOIN selfreport_items i ON
    i.selfreport_id = s.id WHERE s.is_current = 1 AND i.self_points IS NOT NULL AND i.points_computed = 0 AND
    s.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)) ORDER BY s.round_id,
    s.unit_code, i.criterion;

-- The findings, their latest status changes, who answers for those recorded without an official, the rounds'
-- scopes, the answers to proposals.
SELECT DISTINCT a.criterion, a.unit_code, '', a.official_code, NULL FROM findings f JOIN assignments a ON
    a.criterion = f.criterion AND a.unit_code = f.unit_code WHERE f.official_code IS NULL AND a.official_code IS NOT
    NULL AND f.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2));
SELECT x.round_id, x.unit_code FROM round_units x JOIN units u ON u.code = x.unit_code WHERE x.round_id IN (SELECT
    id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)) ORDER BY x.round_id, u.rowid;
SELECT id FROM rounds r WHERE NOT EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = r.id) AND id IN (SELECT id
    FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2));
SELECT p.finding_id, p.addressed_to, p.answer, p.answered_on FROM proposal_answers p JOIN findings f ON f.id =
    p.finding_id JOIN rounds r ON r.id = f.round_id WHERE r.year = ?1 ORDER BY p.finding_id;
SELECT COUNT(*) FROM findings f WHERE f.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id =
    ?2)) AND f.kind IN ('han-che', 'vi-pham');
SELECT e.finding_id, e.at, e.status, e.note, '', NULL, '' FROM finding_events e JOIN findings f ON f.id =
    e.finding_id WHERE f.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)) ORDER BY
    e.finding_id, e.at, e.id;

-- The findings of the year (the report's) and of the previous years still open (the carry-over).
SELECT f.id, f.round_id, f.seq, f.unit_code, f.criterion, f.official_code, f.kind, f.text, f.recommendation,
    f.due_date, f.status, f.source, f.created_at, f.repeats FROM findings f JOIN rounds r ON r.id = f.round_id WHERE
    f.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)) ORDER BY r.start_date, r.id,
    f.seq;
SELECT f.id, f.round_id, f.seq, f.unit_code, f.criterion, f.official_code, f.kind, f.text, f.recommendation,
    f.due_date, f.status, f.source, f.created_at, f.repeats FROM findings f JOIN rounds r ON r.id = f.round_id WHERE
    f.round_id IN (SELECT id FROM rounds WHERE year < ?1) AND f.kind NOT IN ('dien-hinh', 'kien-nghi') AND NOT EXISTS
    (SELECT 1 FROM finding_events e WHERE e.finding_id = f.id AND e.status = 'da-xac-minh' AND e.at < ?2) ORDER BY
    r.start_date, r.id, f.seq;

-- The review (`cchc review`), on the second connection: what each round scored, the scores and self-report
-- items its checks read.
SELECT DISTINCT unit_code FROM assignments;
SELECT r.id, u.code, u.rowid FROM rounds r CROSS JOIN units u WHERE r.year = ?1 AND (?2 IS NULL OR r.id = ?2) AND
    NOT EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = r.id) UNION ALL SELECT x.round_id, x.unit_code, u.rowid
    FROM round_units x JOIN units u ON u.code = x.unit_code WHERE x.round_id IN (SELECT id FROM rounds WHERE year = ?1
    AND (?2 IS NULL OR id = ?2)) ORDER BY 1, 3;
SELECT DISTINCT round_id, unit_code FROM scores WHERE round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS
    NULL OR id = ?2));
SELECT round_id, unit_code, criterion, points, not_applicable, note FROM scores WHERE round_id IN (SELECT id FROM
    rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)) AND not_applicable = 1;
SELECT s.round_id, s.unit_code, i.criterion, i.self_points, i.figure, i.evidence, i.proposal, i.points_computed FROM
    selfreports s JOIN selfreport_items i ON i.selfreport_id = s.id WHERE s.is_current = 1 AND s.round_id IN (SELECT
    id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)) AND i.points_computed = 1 UNION SELECT s.round_id,
    s.unit_code, i.criterion, i.self_points, i.figure, i.evidence, i.proposal, i.points_computed FROM scores c CROSS
    JOIN selfreports s ON s.round_id = c.round_id AND s.unit_code = c.unit_code JOIN selfreport_items i ON
    i.selfreport_id = s.id AND i.criterion = c.criterion WHERE s.is_current = 1 AND c.round_id IN (SELECT id FROM
    rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)) AND c.not_applicable = 1 ORDER BY 1, 2, 3;

-- The findings the review checks and the scores of their items, which it reads a lot at a time (a round's findings
-- numbered after ?3, at most ?4 of them): here every lot at once.
.parameter set ?3 0
.parameter set ?4 -1
SELECT f.id, f.round_id, f.seq, f.unit_code, f.criterion, f.official_code, f.kind, f.text, f.recommendation,
    f.due_date, f.status, f.source, f.created_at, f.repeats FROM findings f JOIN rounds r ON r.id = f.round_id WHERE
    f.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)) AND (f.criterion IS NOT NULL
    OR f.kind = 'kien-nghi') AND f.seq > ?3 ORDER BY f.round_id, f.seq LIMIT ?4;
.parameter set ?4 9223372036854775807
SELECT s.round_id, s.unit_code, s.criterion, s.points, s.not_applicable, s.note FROM findings f JOIN scores s ON
    s.round_id = f.round_id AND s.unit_code = f.unit_code AND s.criterion = f.criterion WHERE f.round_id IN (SELECT id
    FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2)) AND f.seq > ?3 AND f.seq <= ?4 AND s.not_applicable = 0;

-- The assessment's texts and the report's settings.
SELECT section, text, confirmed_draft, updated_at, actor FROM report_texts WHERE scope = ?1 ORDER BY section;
SELECT key, value FROM settings ORDER BY key;
