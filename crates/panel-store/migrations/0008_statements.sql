-- Partner statements (rule 17), as issued: numbered per partner and financial year
-- (`HE/26-27/03`), each line with the evidence it was issued on. An issued statement never
-- changes and is never removed: a later correction is an adjustment line on a later one.
CREATE TABLE statements (
    id          INTEGER PRIMARY KEY,
    partner_id  INTEGER NOT NULL REFERENCES partners (id),
    year_start  INTEGER NOT NULL CHECK (year_start BETWEEN 2000 AND 2100),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    number      TEXT    NOT NULL UNIQUE,
    period_from TEXT    NOT NULL CHECK (date(period_from) IS period_from),
    period_to   TEXT    NOT NULL CHECK (date(period_to) IS period_to AND period_to >= period_from),
    issued_on   TEXT    NOT NULL CHECK (date(issued_on) IS issued_on),
    total_pence INTEGER NOT NULL,
    UNIQUE (partner_id, year_start, seq)
);
CREATE INDEX statements_by_partner ON statements (partner_id, period_from);

CREATE TABLE statement_lines (
    id             INTEGER PRIMARY KEY,
    statement_id   INTEGER NOT NULL REFERENCES statements (id),
    position       INTEGER NOT NULL CHECK (position >= 0),
    year_start     INTEGER NOT NULL,
    line_from      TEXT    NOT NULL CHECK (date(line_from) IS line_from),
    line_to        TEXT    NOT NULL CHECK (date(line_to) IS line_to AND line_to >= line_from),
    case_id        INTEGER NOT NULL REFERENCES cases (id),
    placement_id   INTEGER NOT NULL REFERENCES placements (id),
    case_reference TEXT    NOT NULL,
    initials       TEXT    NOT NULL,
    provider       TEXT    NOT NULL,
    decisions      TEXT    NOT NULL DEFAULT '',
    share          TEXT    NOT NULL DEFAULT '',
    days           INTEGER NOT NULL CHECK (days >= 0),
    amount_pence   INTEGER NOT NULL,
    UNIQUE (statement_id, position)
);
CREATE INDEX statement_lines_by_placement ON statement_lines (placement_id);

CREATE TRIGGER statements_no_update BEFORE UPDATE ON statements
BEGIN SELECT RAISE(ABORT, 'an issued statement cannot be changed: a correction is an adjustment on a later statement'); END;
CREATE TRIGGER statements_no_delete BEFORE DELETE ON statements
BEGIN SELECT RAISE(ABORT, 'an issued statement cannot be changed: a correction is an adjustment on a later statement'); END;
CREATE TRIGGER statement_lines_no_update BEFORE UPDATE ON statement_lines
BEGIN SELECT RAISE(ABORT, 'an issued statement cannot be changed: a correction is an adjustment on a later statement'); END;
CREATE TRIGGER statement_lines_no_delete BEFORE DELETE ON statement_lines
BEGIN SELECT RAISE(ABORT, 'an issued statement cannot be changed: a correction is an adjustment on a later statement'); END;
-- A line is written with its statement, never added to one issued before.
CREATE TRIGGER statement_lines_with_their_statement BEFORE INSERT ON statement_lines
WHEN NEW.statement_id IS NOT (SELECT max(id) FROM statements)
BEGIN SELECT RAISE(ABORT, 'an issued statement cannot be changed: a correction is an adjustment on a later statement'); END;

CREATE TRIGGER statements_audit_insert AFTER INSERT ON statements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'statements', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'partner_id', NEW.partner_id, 'year_start', NEW.year_start, 'seq', NEW.seq, 'number', NEW.number, 'period_from', NEW.period_from, 'period_to', NEW.period_to, 'issued_on', NEW.issued_on, 'total_pence', NEW.total_pence),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
CREATE TRIGGER statement_lines_audit_insert AFTER INSERT ON statement_lines BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'statement_lines', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'statement_id', NEW.statement_id, 'position', NEW.position, 'year_start', NEW.year_start, 'line_from', NEW.line_from, 'line_to', NEW.line_to, 'case_id', NEW.case_id, 'placement_id', NEW.placement_id, 'case_reference', NEW.case_reference, 'initials', NEW.initials, 'provider', NEW.provider, 'decisions', NEW.decisions, 'share', NEW.share, 'days', NEW.days, 'amount_pence', NEW.amount_pence),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id, NULL);
END;
