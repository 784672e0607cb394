-- The secretary's text for a report's assessment sections (đánh giá chung, kiến nghị, phương hướng), per round
-- or per year. `confirmed_draft = 1`: the text is the program's draft, accepted as it stood when confirmed.
CREATE TABLE report_texts (
    scope           TEXT NOT NULL,
    section         TEXT NOT NULL CHECK (section IN ('uu-diem', 'han-che', 'nguyen-nhan', 'kien-nghi', 'phuong-huong')),
    text            TEXT NOT NULL,
    confirmed_draft INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_draft IN (0, 1)),
    updated_at      TEXT NOT NULL,
    actor           TEXT NOT NULL,
    PRIMARY KEY (scope, section)
) STRICT, WITHOUT ROWID;

-- A unit's proposal (a `kien-nghi` finding) is answered, not remediated: the level it is addressed to and the
-- answer given. Only proposals have a row here.
CREATE TABLE proposal_answers (
    finding_id   TEXT PRIMARY KEY REFERENCES findings (id),
    addressed_to TEXT CHECK (addressed_to IN ('phuong', 'tinh')),
    answer       TEXT,
    answered_on  TEXT,
    updated_at   TEXT NOT NULL,
    actor        TEXT NOT NULL
) STRICT;

-- Until now a proposal was "answered" by moving it to da-khac-phuc with the answer as the note: that note becomes
-- its answer, and the proposal leaves the remediation statuses (it is never "chưa khắc phục" nor "đã khắc phục").
INSERT INTO proposal_answers (finding_id, answer, answered_on, updated_at, actor)
SELECT f.id, e.note, substr(e.at, 1, 10), e.at, e.actor
FROM findings f
JOIN finding_events e ON e.id = (SELECT MAX(id) FROM finding_events WHERE finding_id = f.id)
WHERE f.kind = 'kien-nghi' AND f.status IN ('da-khac-phuc', 'da-xac-minh') AND trim(e.note) <> '';
UPDATE findings SET status = 'mo' WHERE kind = 'kien-nghi';
