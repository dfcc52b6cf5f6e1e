-- The decisions of a placement, an item or a case, and what amends a decision, are looked up
-- for every decision the rules check (finalising, import, panel check): by index, not by a
-- scan of every decision.
CREATE INDEX decisions_by_placement ON decisions (placement_id) WHERE placement_id IS NOT NULL;
CREATE INDEX decisions_by_item ON decisions (item_id) WHERE item_id IS NOT NULL;
CREATE INDEX decisions_by_case ON decisions (case_id);
CREATE INDEX decisions_by_amended ON decisions (amends_id) WHERE amends_id IS NOT NULL;
