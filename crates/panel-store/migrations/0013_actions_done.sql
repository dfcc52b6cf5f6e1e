-- An action of a final decision done: the day and what was said. Recorded once and never
-- changed, like the decision whose action it is.
CREATE TABLE actions_done (
    id        INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL UNIQUE REFERENCES actions (id),
    done_on   TEXT    NOT NULL CHECK (date(done_on) IS done_on),
    note      TEXT    NOT NULL DEFAULT ''
);
CREATE TRIGGER actions_done_no_update BEFORE UPDATE ON actions_done
BEGIN SELECT RAISE(ABORT, 'an action recorded as done stays done'); END;
CREATE TRIGGER actions_done_no_delete BEFORE DELETE ON actions_done
BEGIN SELECT RAISE(ABORT, 'an action recorded as done stays done'); END;
CREATE TRIGGER actions_done_of_a_final_decision BEFORE INSERT ON actions_done
WHEN (SELECT d.status FROM actions a JOIN decisions d ON d.id = a.decision_id WHERE a.id = NEW.action_id) IS NOT 'final'
BEGIN SELECT RAISE(ABORT, 'only the actions of a final decision are done'); END;
CREATE TRIGGER actions_done_audit_insert AFTER INSERT ON actions_done BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'actions_done', NEW.id, 'insert', NULL,
            json_object('id', NEW.id, 'action_id', NEW.action_id, 'done_on', NEW.done_on, 'note', NEW.note),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)),
            (SELECT d.case_id FROM actions a JOIN decisions d ON d.id = a.decision_id WHERE a.id = NEW.action_id), NULL);
END;
