-- Rule 15: a ratification item names the chair's action it brings to the panel.
ALTER TABLE agenda_items ADD COLUMN ratifies_id INTEGER REFERENCES decisions (id);
CREATE INDEX agenda_items_ratifies ON agenda_items (ratifies_id) WHERE ratifies_id IS NOT NULL;

-- The audit trail records the new column.
DROP TRIGGER agenda_items_audit_insert;
DROP TRIGGER agenda_items_audit_update;
DROP TRIGGER agenda_items_audit_delete;
CREATE TRIGGER agenda_items_audit_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agenda_items', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'case_id', NEW.case_id, 'title', NEW.title, 'presenter', NEW.presenter, 'minutes', NEW.minutes, 'ask', NEW.ask, 'notes', NEW.notes, 'ratifies_id', NEW.ratifies_id));
END;
CREATE TRIGGER agenda_items_audit_update AFTER UPDATE ON agenda_items BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agenda_items', NEW.id, 'update', json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'case_id', OLD.case_id, 'title', OLD.title, 'presenter', OLD.presenter, 'minutes', OLD.minutes, 'ask', OLD.ask, 'notes', OLD.notes, 'ratifies_id', OLD.ratifies_id), json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'case_id', NEW.case_id, 'title', NEW.title, 'presenter', NEW.presenter, 'minutes', NEW.minutes, 'ask', NEW.ask, 'notes', NEW.notes, 'ratifies_id', NEW.ratifies_id));
END;
CREATE TRIGGER agenda_items_audit_delete AFTER DELETE ON agenda_items BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agenda_items', OLD.id, 'delete', json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'case_id', OLD.case_id, 'title', OLD.title, 'presenter', OLD.presenter, 'minutes', OLD.minutes, 'ask', OLD.ask, 'notes', OLD.notes, 'ratifies_id', OLD.ratifies_id), NULL);
END;
