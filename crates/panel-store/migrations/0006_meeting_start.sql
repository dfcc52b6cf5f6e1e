-- A meeting's start time, so that its agenda has clock times: `hh:mm` on the 24-hour clock,
-- or NULL where nobody has said (meetings recorded before it existed).
ALTER TABLE meetings ADD COLUMN starts_at TEXT
    CHECK (starts_at IS NULL OR (starts_at GLOB '[0-2][0-9]:[0-5][0-9]' AND starts_at < '24:00'));

-- The audit trail records the start time with the rest of the meeting.
DROP TRIGGER meetings_audit_insert;
DROP TRIGGER meetings_audit_update;
DROP TRIGGER meetings_audit_delete;
CREATE TRIGGER meetings_audit_insert AFTER INSERT ON meetings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'meetings', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'date', NEW.date, 'starts_at', NEW.starts_at, 'venue', NEW.venue, 'chair', NEW.chair, 'minutes_status', NEW.minutes_status));
END;
CREATE TRIGGER meetings_audit_update AFTER UPDATE ON meetings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'meetings', NEW.id, 'update', json_object('id', OLD.id, 'date', OLD.date, 'starts_at', OLD.starts_at, 'venue', OLD.venue, 'chair', OLD.chair, 'minutes_status', OLD.minutes_status), json_object('id', NEW.id, 'date', NEW.date, 'starts_at', NEW.starts_at, 'venue', NEW.venue, 'chair', NEW.chair, 'minutes_status', NEW.minutes_status));
END;
CREATE TRIGGER meetings_audit_delete AFTER DELETE ON meetings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'meetings', OLD.id, 'delete', json_object('id', OLD.id, 'date', OLD.date, 'starts_at', OLD.starts_at, 'venue', OLD.venue, 'chair', OLD.chair, 'minutes_status', OLD.minutes_status), NULL);
END;
