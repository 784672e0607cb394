-- What the review reads of every round (`cchc review`, and the count each report's notice gives): the scores marked
-- not applicable and the self points the program computed, a few among hundreds of thousands on a national
-- database. Each index holds only those rows and every column the review reads of them, so that it is read instead
-- of the whole round: the planner takes an index that answers the query alone and matches more of its equalities.
CREATE INDEX scores_not_applicable ON scores (round_id, not_applicable, unit_code, criterion, points, note)
    WHERE not_applicable = 1;
CREATE INDEX selfreport_items_computed ON selfreport_items (selfreport_id, points_computed, self_points, figure,
    evidence, proposal) WHERE points_computed = 1;
