-- A final decision keeps the placement it was made on as it stood at finalisation (provider,
-- type, dates, cost lines and splits, in the interchange file's encoding), so that its record
-- of decision is costed from that and never changes when the placement later does.
ALTER TABLE decisions ADD COLUMN placement_snapshot TEXT
    CHECK (placement_snapshot IS NULL OR json_valid(placement_snapshot));

-- The audit trail records the new column.
DROP TRIGGER decisions_audit_insert;
DROP TRIGGER decisions_audit_update;
DROP TRIGGER decisions_audit_delete;
CREATE TRIGGER decisions_audit_insert AFTER INSERT ON decisions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decisions', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'status', NEW.status, 'number', NEW.number, 'year_start', NEW.year_start, 'seq', NEW.seq, 'item_id', NEW.item_id, 'case_id', NEW.case_id, 'placement_id', NEW.placement_id, 'decided_on', NEW.decided_on, 'urgent', NEW.urgent, 'inquorate', NEW.inquorate, 'outcome', NEW.outcome, 'subject', NEW.subject, 'reasons', NEW.reasons, 'alternatives', NEW.alternatives, 'review_date', NEW.review_date, 'effective_from', NEW.effective_from, 'amends_id', NEW.amends_id, 'placement_snapshot', NEW.placement_snapshot));
END;
CREATE TRIGGER decisions_audit_update AFTER UPDATE ON decisions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decisions', NEW.id, 'update', json_object('id', OLD.id, 'status', OLD.status, 'number', OLD.number, 'year_start', OLD.year_start, 'seq', OLD.seq, 'item_id', OLD.item_id, 'case_id', OLD.case_id, 'placement_id', OLD.placement_id, 'decided_on', OLD.decided_on, 'urgent', OLD.urgent, 'inquorate', OLD.inquorate, 'outcome', OLD.outcome, 'subject', OLD.subject, 'reasons', OLD.reasons, 'alternatives', OLD.alternatives, 'review_date', OLD.review_date, 'effective_from', OLD.effective_from, 'amends_id', OLD.amends_id, 'placement_snapshot', OLD.placement_snapshot), json_object('id', NEW.id, 'status', NEW.status, 'number', NEW.number, 'year_start', NEW.year_start, 'seq', NEW.seq, 'item_id', NEW.item_id, 'case_id', NEW.case_id, 'placement_id', NEW.placement_id, 'decided_on', NEW.decided_on, 'urgent', NEW.urgent, 'inquorate', NEW.inquorate, 'outcome', NEW.outcome, 'subject', NEW.subject, 'reasons', NEW.reasons, 'alternatives', NEW.alternatives, 'review_date', NEW.review_date, 'effective_from', NEW.effective_from, 'amends_id', NEW.amends_id, 'placement_snapshot', NEW.placement_snapshot));
END;
CREATE TRIGGER decisions_audit_delete AFTER DELETE ON decisions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decisions', OLD.id, 'delete', json_object('id', OLD.id, 'status', OLD.status, 'number', OLD.number, 'year_start', OLD.year_start, 'seq', OLD.seq, 'item_id', OLD.item_id, 'case_id', OLD.case_id, 'placement_id', OLD.placement_id, 'decided_on', OLD.decided_on, 'urgent', OLD.urgent, 'inquorate', OLD.inquorate, 'outcome', OLD.outcome, 'subject', OLD.subject, 'reasons', OLD.reasons, 'alternatives', OLD.alternatives, 'review_date', OLD.review_date, 'effective_from', OLD.effective_from, 'amends_id', OLD.amends_id, 'placement_snapshot', OLD.placement_snapshot), NULL);
END;
