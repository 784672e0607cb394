-- The self points the year report sets beside the appraised points: the items with points the unit wrote (not
-- computed from a figure), every current revision of every unit, a few hundred thousand rows on a national
-- database. The index holds only those rows and the columns the report reads of them (the items' key and the
-- points), so that the report reads it instead of every item with its results, evidence and proposals; as in
-- 0013, it leads with the columns the query fixes, so that the planner takes it without statistics.
CREATE INDEX selfreport_items_points ON selfreport_items (selfreport_id, points_computed, criterion, self_points)
    WHERE points_computed = 0 AND self_points IS NOT NULL;
