-- A final decision's content as one canonical text: the decision's row and every part of it
-- (paragraphs, conditions, actions, partner assents) in a fixed order.
CREATE VIEW decision_content AS
SELECT d.id AS id,
       json_object(
           'decision', json_object('id', d.id, 'status', d.status, 'number', d.number, 'year_start', d.year_start, 'seq', d.seq, 'item_id', d.item_id, 'case_id', d.case_id, 'placement_id', d.placement_id, 'decided_on', d.decided_on, 'urgent', d.urgent, 'inquorate', d.inquorate, 'outcome', d.outcome, 'subject', d.subject, 'reasons', d.reasons, 'alternatives', d.alternatives, 'review_date', d.review_date, 'effective_from', d.effective_from, 'amends_id', d.amends_id, 'placement_snapshot', d.placement_snapshot),
           'paragraphs', (SELECT json_group_array(json_object('id', p.id, 'position', p.position, 'text', p.text) ORDER BY p.position, p.id)
                          FROM decision_paragraphs p WHERE p.decision_id = d.id),
           'conditions', (SELECT json_group_array(json_object('id', c.id, 'position', c.position, 'text', c.text) ORDER BY c.position, c.id)
                          FROM conditions c WHERE c.decision_id = d.id),
           'actions', (SELECT json_group_array(json_object('id', a.id, 'position', a.position, 'action', a.action, 'owner', a.owner, 'due', a.due) ORDER BY a.position, a.id)
                       FROM actions a WHERE a.decision_id = d.id),
           'assents', (SELECT json_group_array(json_object('id', s.id, 'partner_id', s.partner_id, 'assent', s.assent) ORDER BY s.partner_id, s.id)
                       FROM assents s WHERE s.decision_id = d.id)
       ) AS content
FROM decisions d;

-- The seal of each final decision: its content as finalised, written by the schema itself in
-- the finalising transaction. `panel check` compares every decision with its seal, so a change
-- made even with the triggers below removed is found.
CREATE TABLE decision_seals (
    decision_id INTEGER PRIMARY KEY REFERENCES decisions (id),
    sealed_at   TEXT    NOT NULL,
    content     TEXT    NOT NULL CHECK (json_valid(content))
);

CREATE TRIGGER decisions_seal_on_finalise AFTER UPDATE OF status ON decisions
WHEN OLD.status = 'draft' AND NEW.status = 'final'
BEGIN
    INSERT INTO decision_seals (decision_id, sealed_at, content)
    SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), content FROM decision_content WHERE id = NEW.id;
END;
CREATE TRIGGER decisions_seal_on_insert AFTER INSERT ON decisions WHEN NEW.status = 'final'
BEGIN
    INSERT INTO decision_seals (decision_id, sealed_at, content)
    SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), content FROM decision_content WHERE id = NEW.id;
END;
CREATE TRIGGER decision_seals_no_update BEFORE UPDATE ON decision_seals
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER decision_seals_no_delete BEFORE DELETE ON decision_seals
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;

-- Decisions finalised before seals existed are sealed as they stand now.
INSERT INTO decision_seals (decision_id, sealed_at, content)
SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), content FROM decision_content
WHERE id IN (SELECT id FROM decisions WHERE status = 'final');

-- What happened to the database as a whole, beside the audit trail of its rows: encrypted,
-- passphrase changed, restored from a backup. Kept like the audit trail: never changed.
CREATE TABLE events (
    id     INTEGER PRIMARY KEY,
    at     TEXT    NOT NULL,
    actor  TEXT    NOT NULL,
    event  TEXT    NOT NULL CHECK (event IN ('encrypted', 'passphrase_changed', 'restored')),
    detail TEXT    NOT NULL DEFAULT ''
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;

-- The audit screen filters by case and by meeting.
CREATE INDEX audit_by_time ON audit_log (at);
