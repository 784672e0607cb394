-- A proposal that repeats an earlier one says so because a person linked them (`finding add --repeats`,
-- `finding link`); reports used to guess the link from the unit and item, and those guesses were never stored, so
-- there is nothing to drop: every link starts empty.
ALTER TABLE findings ADD COLUMN repeats TEXT REFERENCES findings (id);

-- Self points the program computed from the unit's figure (the unit wrote none): reports mark them, and compare
-- self with appraised points only on those the unit entered.
ALTER TABLE selfreport_items ADD COLUMN points_computed INTEGER NOT NULL DEFAULT 0;

-- An official's category (cán bộ, công chức, viên chức, người lao động): each is rated under its own rules, so the
-- year-end classification is checked within each. Empty: taken from the unit's kind.
ALTER TABLE officials ADD COLUMN category TEXT NOT NULL DEFAULT ''
    CHECK (category IN ('', 'can-bo', 'cong-chuc', 'vien-chuc', 'nguoi-lao-dong'));
