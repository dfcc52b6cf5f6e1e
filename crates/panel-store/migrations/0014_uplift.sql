-- The uplift assumed for next year's projection (a decision's financial impact, next year
-- committed), in basis points of a percent: 0 by default, at most 100%.
ALTER TABLE finance_settings ADD COLUMN uplift_bp INTEGER NOT NULL DEFAULT 0 CHECK (uplift_bp BETWEEN 0 AND 10000);
DROP TRIGGER finance_settings_audit_update;
CREATE TRIGGER finance_settings_audit_update AFTER UPDATE ON finance_settings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'finance_settings', NEW.id, 'update',
            json_object('id', OLD.id, 'escalation_days', OLD.escalation_days, 'lead_partner_id', OLD.lead_partner_id, 'statement_months', OLD.statement_months, 'uplift_bp', OLD.uplift_bp),
            json_object('id', NEW.id, 'escalation_days', NEW.escalation_days, 'lead_partner_id', NEW.lead_partner_id, 'statement_months', NEW.statement_months, 'uplift_bp', NEW.uplift_bp),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
