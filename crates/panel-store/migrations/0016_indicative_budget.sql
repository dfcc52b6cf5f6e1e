-- The indicative budget (a resource allocation system): a table a financial year of need
-- areas and levels worth points (`areas`, JSON: [{"name", "levels": [{"name", "points"}]}])
-- and what a point is worth a week; the cases' assessments, each keeping the points and the
-- amount per point it was made with; and, with a final decision, the budget set beside its
-- package when it was finalised.
CREATE TABLE allocation_tables (
    year_start      INTEGER PRIMARY KEY CHECK (year_start BETWEEN 1990 AND 2199),
    per_point_pence INTEGER NOT NULL CHECK (per_point_pence BETWEEN 1 AND 100000),
    areas           TEXT    NOT NULL CHECK (json_valid(areas) AND json_type(areas) = 'array')
);
CREATE TRIGGER allocation_tables_audit_insert AFTER INSERT ON allocation_tables BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'allocation_tables', NEW.year_start, 'insert', NULL,
            json_object('year_start', NEW.year_start, 'per_point_pence', NEW.per_point_pence, 'areas', json(NEW.areas)),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
CREATE TRIGGER allocation_tables_audit_update AFTER UPDATE ON allocation_tables BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'allocation_tables', NEW.year_start, 'update',
            json_object('year_start', OLD.year_start, 'per_point_pence', OLD.per_point_pence, 'areas', json(OLD.areas)),
            json_object('year_start', NEW.year_start, 'per_point_pence', NEW.per_point_pence, 'areas', json(NEW.areas)),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
CREATE TRIGGER allocation_tables_audit_delete AFTER DELETE ON allocation_tables BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'allocation_tables', OLD.year_start, 'delete',
            json_object('year_start', OLD.year_start, 'per_point_pence', OLD.per_point_pence, 'areas', json(OLD.areas)), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;

-- `scores`, JSON: [{"area", "level", "points"}], one an area of the table used.
CREATE TABLE assessments (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    assessed_on     TEXT    NOT NULL CHECK (date(assessed_on) IS assessed_on),
    year_start      INTEGER NOT NULL CHECK (year_start BETWEEN 1990 AND 2199),
    per_point_pence INTEGER NOT NULL CHECK (per_point_pence BETWEEN 1 AND 100000),
    scores          TEXT    NOT NULL CHECK (json_valid(scores) AND json_type(scores) = 'array')
);
CREATE INDEX assessments_by_case ON assessments (case_id, assessed_on);
CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments
BEGIN SELECT RAISE(ABORT, 'an assessment is kept as it was made: record a new one instead'); END;
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
BEGIN SELECT RAISE(ABORT, 'an assessment is kept as it was made: record a new one instead'); END;
CREATE TRIGGER assessments_audit_insert AFTER INSERT ON assessments BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'assessments', NEW.id, 'insert', NULL,
            json_object('id', NEW.id, 'case_id', NEW.case_id, 'assessed_on', NEW.assessed_on, 'year_start', NEW.year_start,
                        'per_point_pence', NEW.per_point_pence, 'scores', json(NEW.scores)),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id, NULL);
END;

CREATE TABLE decision_indicatives (
    decision_id     INTEGER PRIMARY KEY REFERENCES decisions (id),
    assessed_on     TEXT    NOT NULL CHECK (date(assessed_on) IS assessed_on),
    year_start      INTEGER NOT NULL CHECK (year_start BETWEEN 1990 AND 2199),
    points          INTEGER NOT NULL CHECK (points >= 0),
    per_point_pence INTEGER NOT NULL CHECK (per_point_pence BETWEEN 1 AND 100000),
    budget_pence    INTEGER NOT NULL CHECK (budget_pence = points * per_point_pence),
    package_pence   INTEGER NOT NULL CHECK (package_pence >= 0)
);
CREATE TRIGGER decision_indicatives_no_update BEFORE UPDATE ON decision_indicatives
BEGIN SELECT RAISE(ABORT, 'a final decision cannot be changed: record an amending decision instead'); END;
CREATE TRIGGER decision_indicatives_no_delete BEFORE DELETE ON decision_indicatives
BEGIN SELECT RAISE(ABORT, 'a final decision cannot be changed: record an amending decision instead'); END;
CREATE TRIGGER decision_indicatives_of_a_final_decision BEFORE INSERT ON decision_indicatives
WHEN (SELECT status FROM decisions WHERE id = NEW.decision_id) IS NOT 'final'
BEGIN SELECT RAISE(ABORT, 'only a final decision keeps the indicative budget set beside it'); END;
CREATE TRIGGER decision_indicatives_audit_insert AFTER INSERT ON decision_indicatives BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decision_indicatives', NEW.decision_id, 'insert', NULL,
            json_object('decision_id', NEW.decision_id, 'assessed_on', NEW.assessed_on, 'year_start', NEW.year_start,
                        'points', NEW.points, 'per_point_pence', NEW.per_point_pence, 'budget_pence', NEW.budget_pence,
                        'package_pence', NEW.package_pence),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)),
            (SELECT case_id FROM decisions WHERE id = NEW.decision_id), NULL);
END;
