-- A pooled year's contributions called from each partner and received from it (rule 7): a
-- call asks for part of the contribution the agreement gives; a receipt records money paid
-- in against the calls. Both stay recorded, like the payments against statements.
CREATE TABLE pool_entries (
    id           INTEGER PRIMARY KEY,
    partner_id   INTEGER NOT NULL REFERENCES partners (id),
    year_start   INTEGER NOT NULL CHECK (year_start BETWEEN 1990 AND 2199),
    kind         TEXT    NOT NULL CHECK (kind IN ('call', 'receipt')),
    on_date      TEXT    NOT NULL CHECK (date(on_date) IS on_date),
    amount_pence INTEGER NOT NULL CHECK (amount_pence > 0),
    reference    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pool_entries_by_year ON pool_entries (year_start, partner_id);

CREATE TRIGGER pool_entries_no_update BEFORE UPDATE ON pool_entries
BEGIN SELECT RAISE(ABORT, 'a contribution called or received cannot be changed'); END;
CREATE TRIGGER pool_entries_no_delete BEFORE DELETE ON pool_entries
BEGIN SELECT RAISE(ABORT, 'a contribution called or received cannot be changed'); END;
-- Never more received than called.
CREATE TRIGGER pool_entries_received_within_called BEFORE INSERT ON pool_entries
WHEN NEW.kind = 'receipt' AND NEW.amount_pence
     + (SELECT coalesce(sum(amount_pence), 0) FROM pool_entries
        WHERE partner_id = NEW.partner_id AND year_start = NEW.year_start AND kind = 'receipt')
     > (SELECT coalesce(sum(amount_pence), 0) FROM pool_entries
        WHERE partner_id = NEW.partner_id AND year_start = NEW.year_start AND kind = 'call')
BEGIN SELECT RAISE(ABORT, 'a partner never pays in more than it was called for'); END;

CREATE TRIGGER pool_entries_audit_insert AFTER INSERT ON pool_entries BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'pool_entries', NEW.id, 'insert', NULL,
            json_object('id', NEW.id, 'partner_id', NEW.partner_id, 'year_start', NEW.year_start, 'kind', NEW.kind,
                        'on_date', NEW.on_date, 'amount_pence', NEW.amount_pence, 'reference', NEW.reference),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;

-- Beside each issued statement's lines, for each part of its period in a pooled year: the
-- partner's contribution and its share of the spend to date, and what was called and paid in
-- by the part's last day, as they stood when it was issued. Written with its statement and
-- never changed, like its lines.
CREATE TABLE statement_pool (
    id                 INTEGER PRIMARY KEY,
    statement_id       INTEGER NOT NULL REFERENCES statements (id),
    year_start         INTEGER NOT NULL CHECK (year_start BETWEEN 1990 AND 2199),
    on_date            TEXT    NOT NULL CHECK (date(on_date) IS on_date),
    contribution_pence INTEGER NOT NULL CHECK (contribution_pence >= 0),
    spend_pence        INTEGER NOT NULL,
    called_pence       INTEGER NOT NULL CHECK (called_pence >= 0),
    paid_in_pence      INTEGER NOT NULL CHECK (paid_in_pence BETWEEN 0 AND called_pence),
    UNIQUE (statement_id, year_start)
);
CREATE TRIGGER statement_pool_no_update BEFORE UPDATE ON statement_pool
BEGIN SELECT RAISE(ABORT, 'an issued statement cannot be changed: a correction is an adjustment on a later statement'); END;
CREATE TRIGGER statement_pool_no_delete BEFORE DELETE ON statement_pool
BEGIN SELECT RAISE(ABORT, 'an issued statement cannot be changed: a correction is an adjustment on a later statement'); END;
CREATE TRIGGER statement_pool_with_their_statement BEFORE INSERT ON statement_pool
WHEN NEW.statement_id IS NOT (SELECT max(id) FROM statements)
BEGIN SELECT RAISE(ABORT, 'an issued statement cannot be changed: a correction is an adjustment on a later statement'); END;
CREATE TRIGGER statement_pool_audit_insert AFTER INSERT ON statement_pool BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'statement_pool', NEW.id, 'insert', NULL,
            json_object('id', NEW.id, 'statement_id', NEW.statement_id, 'year_start', NEW.year_start, 'on_date', NEW.on_date,
                        'contribution_pence', NEW.contribution_pence, 'spend_pence', NEW.spend_pence,
                        'called_pence', NEW.called_pence, 'paid_in_pence', NEW.paid_in_pence),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
