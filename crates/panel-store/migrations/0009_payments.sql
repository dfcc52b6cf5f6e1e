-- Payments received against issued statements: when, how much, and the partner's reference.
-- A payment recorded stays recorded, like the statement it pays.
CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements (id),
    received_on  TEXT    NOT NULL CHECK (date(received_on) IS received_on),
    amount_pence INTEGER NOT NULL CHECK (amount_pence > 0),
    reference    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX payments_by_statement ON payments (statement_id);

CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'a payment recorded cannot be changed'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'a payment recorded cannot be changed'); END;
-- Never more than the statement's total in all.
CREATE TRIGGER payments_within_the_total BEFORE INSERT ON payments
WHEN NEW.amount_pence + (SELECT coalesce(sum(amount_pence), 0) FROM payments WHERE statement_id = NEW.statement_id)
     > (SELECT total_pence FROM statements WHERE id = NEW.statement_id)
BEGIN SELECT RAISE(ABORT, 'a statement is never paid more than its total'); END;

CREATE TRIGGER payments_audit_insert AFTER INSERT ON payments BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'payments', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'statement_id', NEW.statement_id, 'received_on', NEW.received_on, 'amount_pence', NEW.amount_pence, 'reference', NEW.reference),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
