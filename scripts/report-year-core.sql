-- The core queries of `cchc report year` (src/store/reports_year.rs, `core_queries`), for the sqlite3 shell:
-- the floor scripts/bench.sh measures the year report against, on the same database in the same run.
-- Parameters: ?1 = the year, ?2 = NULL (every round of the year), e.g.
--   sqlite3 -cmd '.parameter set ?1 2026' -cmd '.parameter set ?2 NULL' cchc.db < scripts/report-year-core.sql
-- A test (store::reports_year) checks that this file holds exactly these queries, in this order.

SELECT unit_code, criterion, official_code FROM assignments;

SELECT s.round_id, s.unit_code, s.criterion, s.points, s.not_applicable FROM scores s
WHERE s.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2));

SELECT s.round_id, i.criterion, i.self_points, c.points
FROM selfreports s JOIN selfreport_items i ON i.selfreport_id = s.id
JOIN scores c ON c.round_id = s.round_id AND c.unit_code = s.unit_code AND c.criterion = i.criterion
WHERE s.is_current = 1 AND i.self_points IS NOT NULL AND i.points_computed = 0 AND c.not_applicable = 0
  AND c.points IS NOT NULL AND s.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2));

SELECT f.id, f.round_id, f.seq, f.unit_code, f.criterion, f.official_code, f.kind,
    f.text, f.recommendation, f.due_date, f.status, f.source, f.created_at, f.repeats
FROM findings f JOIN rounds r ON r.id = f.round_id
WHERE f.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2))
ORDER BY r.start_date, r.id, f.seq;

SELECT e.finding_id, e.at, e.status, e.note, '', NULL, '' FROM finding_events e
JOIN findings f ON f.id = e.finding_id
WHERE f.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2))
ORDER BY e.finding_id, e.at, e.id;

SELECT DISTINCT a.criterion, a.unit_code, '', a.official_code, NULL
FROM findings f JOIN assignments a ON a.criterion = f.criterion AND a.unit_code = f.unit_code
WHERE f.official_code IS NULL AND a.official_code IS NOT NULL
  AND f.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2));

SELECT x.round_id, x.unit_code FROM round_units x JOIN units u ON u.code = x.unit_code
WHERE x.round_id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2))
ORDER BY x.round_id, u.rowid;

SELECT id FROM rounds r WHERE NOT EXISTS (SELECT 1 FROM round_units x WHERE x.round_id = r.id)
  AND id IN (SELECT id FROM rounds WHERE year = ?1 AND (?2 IS NULL OR id = ?2));
