-- The other names each partner goes by in the headings of a council's spreadsheets ("CCG",
-- "LA"), beyond those the application knows for its kind: a JSON array of texts.
ALTER TABLE partners ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(aliases) AND json_type(aliases) = 'array');
DROP TRIGGER IF EXISTS partners_audit_insert;
CREATE TRIGGER partners_audit_insert AFTER INSERT ON partners BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'partners', NEW.id, 'insert', NULL,
            json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'position', NEW.position, 'aliases', json(NEW.aliases)),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER IF EXISTS partners_audit_update;
CREATE TRIGGER partners_audit_update AFTER UPDATE ON partners BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'partners', NEW.id, 'update',
            json_object('id', OLD.id, 'code', OLD.code, 'name', OLD.name, 'position', OLD.position, 'aliases', json(OLD.aliases)),
            json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'position', NEW.position, 'aliases', json(NEW.aliases)),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER IF EXISTS partners_audit_delete;
CREATE TRIGGER partners_audit_delete AFTER DELETE ON partners BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'partners', OLD.id, 'delete',
            json_object('id', OLD.id, 'code', OLD.code, 'name', OLD.name, 'position', OLD.position, 'aliases', json(OLD.aliases)), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
