-- Disputes between partners (rule 18) and the adjustment lines that settle them.
--
-- Before this file runs, the agenda's kinds gain 'dispute' (an agenda item that brings a
-- dispute to the panel): the CHECK on agenda_items.kind is loosened in place (see schema.rs).

-- The finance settings: how many days an open dispute runs before it is escalated, the
-- partner that pays providers and invoices the others (printed on statements), and how many
-- months a statement usually covers.
CREATE TABLE finance_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    escalation_days  INTEGER NOT NULL DEFAULT 28 CHECK (escalation_days BETWEEN 1 AND 365),
    lead_partner_id  INTEGER REFERENCES partners (id),
    statement_months INTEGER NOT NULL DEFAULT 1 CHECK (statement_months IN (1, 3))
);
INSERT INTO finance_settings (id) VALUES (1);
CREATE TRIGGER finance_settings_no_delete BEFORE DELETE ON finance_settings
BEGIN SELECT RAISE(ABORT, 'the finance settings are changed, never removed'); END;
CREATE TRIGGER finance_settings_audit_update AFTER UPDATE ON finance_settings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'finance_settings', NEW.id, 'update',
            json_object('id', OLD.id, 'escalation_days', OLD.escalation_days, 'lead_partner_id', OLD.lead_partner_id, 'statement_months', OLD.statement_months),
            json_object('id', NEW.id, 'escalation_days', NEW.escalation_days, 'lead_partner_id', NEW.lead_partner_id, 'statement_months', NEW.statement_months),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;

-- A dispute: a partner disputes a line of an issued statement, or the split of the line's
-- placement, for a reason. Numbered within the financial year it is raised in
-- (`DSP/26-27/001`). It is open until withdrawn or resolved by a panel decision; then it
-- never changes again.
CREATE TABLE disputes (
    id                INTEGER PRIMARY KEY,
    year_start        INTEGER NOT NULL CHECK (year_start BETWEEN 2000 AND 2100),
    seq               INTEGER NOT NULL CHECK (seq >= 1),
    number            TEXT    NOT NULL UNIQUE,
    partner_id        INTEGER NOT NULL REFERENCES partners (id),
    statement_line_id INTEGER NOT NULL REFERENCES statement_lines (id),
    scope             TEXT    NOT NULL CHECK (scope IN ('line', 'split')),
    case_id           INTEGER NOT NULL REFERENCES cases (id),
    placement_id      INTEGER NOT NULL REFERENCES placements (id),
    reason            TEXT    NOT NULL CHECK (reason IN ('split', 'rate', 'no_decision', 'eligibility', 'other')),
    note              TEXT    NOT NULL DEFAULT '',
    raised_on         TEXT    NOT NULL CHECK (date(raised_on) IS raised_on),
    amount_pence      INTEGER NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'withdrawn', 'resolved')),
    agenda_item_id    INTEGER REFERENCES agenda_items (id),
    closed_on         TEXT    CHECK (closed_on IS NULL OR (date(closed_on) IS closed_on AND closed_on >= raised_on)),
    decision_id       INTEGER REFERENCES decisions (id),
    closing_note      TEXT    NOT NULL DEFAULT '',
    UNIQUE (year_start, seq),
    CHECK ((status = 'open') = (closed_on IS NULL)),
    CHECK ((status = 'resolved') = (decision_id IS NOT NULL))
);
CREATE INDEX disputes_by_partner ON disputes (partner_id, status);
CREATE INDEX disputes_by_item ON disputes (agenda_item_id) WHERE agenda_item_id IS NOT NULL;

-- What a dispute holds as disputed, statement by statement: a line's amount, or for a split
-- every line of the placement stated to the partner when it was raised.
CREATE TABLE dispute_holds (
    dispute_id   INTEGER NOT NULL REFERENCES disputes (id),
    statement_id INTEGER NOT NULL REFERENCES statements (id),
    amount_pence INTEGER NOT NULL,
    PRIMARY KEY (dispute_id, statement_id)
);
CREATE INDEX dispute_holds_by_statement ON dispute_holds (statement_id);

CREATE TRIGGER disputes_no_delete BEFORE DELETE ON disputes
BEGIN SELECT RAISE(ABORT, 'a dispute stays on the register'); END;
CREATE TRIGGER disputes_closed_for_good BEFORE UPDATE ON disputes WHEN OLD.status <> 'open'
BEGIN SELECT RAISE(ABORT, 'a dispute withdrawn or resolved cannot change'); END;
CREATE TRIGGER disputes_as_raised BEFORE UPDATE ON disputes
WHEN (NEW.id, NEW.year_start, NEW.seq, NEW.number, NEW.partner_id, NEW.statement_line_id, NEW.scope,
      NEW.case_id, NEW.placement_id, NEW.reason, NEW.note, NEW.raised_on, NEW.amount_pence)
     IS NOT (OLD.id, OLD.year_start, OLD.seq, OLD.number, OLD.partner_id, OLD.statement_line_id, OLD.scope,
             OLD.case_id, OLD.placement_id, OLD.reason, OLD.note, OLD.raised_on, OLD.amount_pence)
BEGIN SELECT RAISE(ABORT, 'a dispute stays as it was raised: only its progress changes'); END;
CREATE TRIGGER dispute_holds_no_update BEFORE UPDATE ON dispute_holds
BEGIN SELECT RAISE(ABORT, 'what a dispute holds is fixed when it is raised'); END;
CREATE TRIGGER dispute_holds_no_delete BEFORE DELETE ON dispute_holds
BEGIN SELECT RAISE(ABORT, 'what a dispute holds is fixed when it is raised'); END;
CREATE TRIGGER dispute_holds_with_their_dispute BEFORE INSERT ON dispute_holds
WHEN NEW.dispute_id IS NOT (SELECT max(id) FROM disputes)
BEGIN SELECT RAISE(ABORT, 'what a dispute holds is fixed when it is raised'); END;

CREATE TRIGGER disputes_audit_insert AFTER INSERT ON disputes BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'disputes', NEW.id, 'insert', NULL,
            json_object('id', NEW.id, 'number', NEW.number, 'partner_id', NEW.partner_id, 'statement_line_id', NEW.statement_line_id, 'scope', NEW.scope, 'case_id', NEW.case_id, 'placement_id', NEW.placement_id, 'reason', NEW.reason, 'note', NEW.note, 'raised_on', NEW.raised_on, 'amount_pence', NEW.amount_pence, 'status', NEW.status, 'agenda_item_id', NEW.agenda_item_id, 'closed_on', NEW.closed_on, 'decision_id', NEW.decision_id, 'closing_note', NEW.closing_note),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id, NULL);
END;
CREATE TRIGGER disputes_audit_update AFTER UPDATE ON disputes BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'disputes', NEW.id, 'update',
            json_object('id', OLD.id, 'number', OLD.number, 'status', OLD.status, 'agenda_item_id', OLD.agenda_item_id, 'closed_on', OLD.closed_on, 'decision_id', OLD.decision_id, 'closing_note', OLD.closing_note),
            json_object('id', NEW.id, 'number', NEW.number, 'status', NEW.status, 'agenda_item_id', NEW.agenda_item_id, 'closed_on', NEW.closed_on, 'decision_id', NEW.decision_id, 'closing_note', NEW.closing_note),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id,
            (SELECT meeting_id FROM agenda_items WHERE id = NEW.agenda_item_id));
END;
CREATE TRIGGER dispute_holds_audit_insert AFTER INSERT ON dispute_holds BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'dispute_holds', NEW.dispute_id, 'insert', NULL,
            json_object('dispute_id', NEW.dispute_id, 'statement_id', NEW.statement_id, 'amount_pence', NEW.amount_pence),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)),
            (SELECT case_id FROM disputes WHERE id = NEW.dispute_id), NULL);
END;

-- An adjustment line corrects a statement already issued (rule 17): it names that statement,
-- and the disputes whose resolution it carries.
ALTER TABLE statement_lines ADD COLUMN adjusts_id INTEGER REFERENCES statements (id);
ALTER TABLE statement_lines ADD COLUMN disputes TEXT NOT NULL DEFAULT '';
CREATE INDEX statement_lines_adjusting ON statement_lines (adjusts_id) WHERE adjusts_id IS NOT NULL;
DROP TRIGGER statement_lines_audit_insert;
CREATE TRIGGER statement_lines_audit_insert AFTER INSERT ON statement_lines BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'statement_lines', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'statement_id', NEW.statement_id, 'position', NEW.position, 'year_start', NEW.year_start, 'line_from', NEW.line_from, 'line_to', NEW.line_to, 'case_id', NEW.case_id, 'placement_id', NEW.placement_id, 'case_reference', NEW.case_reference, 'initials', NEW.initials, 'provider', NEW.provider, 'decisions', NEW.decisions, 'share', NEW.share, 'days', NEW.days, 'amount_pence', NEW.amount_pence, 'adjusts_id', NEW.adjusts_id, 'disputes', NEW.disputes),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id, NULL);
END;
