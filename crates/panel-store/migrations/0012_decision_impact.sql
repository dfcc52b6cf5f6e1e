-- What a final decision did to the pool when it was finalised: for its financial year and the
-- next, each partner's contribution and projected spend before and after it. Written with the
-- decision's finalisation and never changed, like the decision.
CREATE TABLE decision_impacts (
    id                 INTEGER PRIMARY KEY,
    decision_id        INTEGER NOT NULL REFERENCES decisions (id),
    year_start         INTEGER NOT NULL CHECK (year_start BETWEEN 1990 AND 2199),
    partner_id         INTEGER NOT NULL REFERENCES partners (id),
    has_agreement      INTEGER NOT NULL CHECK (has_agreement IN (0, 1)),
    contribution_pence INTEGER NOT NULL CHECK (contribution_pence >= 0),
    before_pence       INTEGER NOT NULL,
    after_pence        INTEGER NOT NULL,
    UNIQUE (decision_id, year_start, partner_id)
);
CREATE TRIGGER decision_impacts_no_update BEFORE UPDATE ON decision_impacts
BEGIN SELECT RAISE(ABORT, 'a final decision cannot be changed: record an amending decision instead'); END;
CREATE TRIGGER decision_impacts_no_delete BEFORE DELETE ON decision_impacts
BEGIN SELECT RAISE(ABORT, 'a final decision cannot be changed: record an amending decision instead'); END;
-- Only a final decision has an impact, written as it is finalised (or imported with it).
CREATE TRIGGER decision_impacts_of_a_final_decision BEFORE INSERT ON decision_impacts
WHEN (SELECT status FROM decisions WHERE id = NEW.decision_id) IS NOT 'final'
BEGIN SELECT RAISE(ABORT, 'only a final decision keeps its financial impact'); END;
CREATE TRIGGER decision_impacts_audit_insert AFTER INSERT ON decision_impacts BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decision_impacts', NEW.id, 'insert', NULL,
            json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'year_start', NEW.year_start,
                        'partner_id', NEW.partner_id, 'has_agreement', NEW.has_agreement,
                        'contribution_pence', NEW.contribution_pence, 'before_pence', NEW.before_pence,
                        'after_pence', NEW.after_pence),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)),
            (SELECT case_id FROM decisions WHERE id = NEW.decision_id), NULL);
END;
