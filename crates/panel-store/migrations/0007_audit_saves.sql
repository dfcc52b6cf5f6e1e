-- The audit trail read as people read it: one entry per save, placed in its case and meeting
-- by a query with an index rather than by following every row's links each time it is read.
--
-- `save` is the same for every row one transaction writes (the id of its first row, which
-- `panel_save` gives: the program resets it as each transaction ends); `case_id` and
-- `meeting_id` are the case and meeting the row concerns, found as the row is written.
ALTER TABLE audit_log ADD COLUMN save INTEGER;
ALTER TABLE audit_log ADD COLUMN case_id INTEGER;
ALTER TABLE audit_log ADD COLUMN meeting_id INTEGER;
-- An event of the whole file sorts after the trail's rows written before it.
ALTER TABLE events ADD COLUMN audit_seq INTEGER;

-- The trail written before: each row placed from what it and the rows it names recorded (the
-- latest entry of each, so rows since deleted are placed too), and its saves found as the runs
-- of rows one person wrote less than a second apart.
DROP TRIGGER audit_log_no_update;
-- What each row of each table last recorded of the rows it names.
CREATE TEMP TABLE audit_latest (
    table_name   TEXT    NOT NULL,
    row_id       INTEGER NOT NULL,
    case_id      INTEGER,
    meeting_id   INTEGER,
    placement_id INTEGER,
    item_id      INTEGER,
    PRIMARY KEY (table_name, row_id)
) WITHOUT ROWID;
INSERT OR REPLACE INTO temp.audit_latest
SELECT table_name, row_id,
       json_extract(coalesce(after, before), '$.case_id'),
       json_extract(coalesce(after, before), '$.meeting_id'),
       json_extract(coalesce(after, before), '$.placement_id'),
       json_extract(coalesce(after, before), '$.item_id')
FROM audit_log ORDER BY id;
CREATE TEMP TABLE audit_placed (
    id         INTEGER PRIMARY KEY,
    save       INTEGER,
    case_id    INTEGER,
    meeting_id INTEGER
);
WITH rows AS (
    SELECT id, table_name, row_id,
           json_extract(coalesce(after, before), '$.case_id') AS case_id,
           json_extract(coalesce(after, before), '$.meeting_id') AS meeting_id,
           json_extract(coalesce(after, before), '$.placement_id') AS placement_id,
           json_extract(coalesce(after, before), '$.split_id') AS split_id,
           json_extract(coalesce(after, before), '$.item_id') AS item_id,
           json_extract(coalesce(after, before), '$.decision_id') AS decision_id,
           CASE WHEN lag(actor) OVER w IS actor
                 AND (julianday(at) - julianday(lag(at) OVER w)) * 86400 < 1 THEN NULL ELSE id END AS starts
    FROM audit_log WINDOW w AS (ORDER BY id)
), numbered AS (
    SELECT *, max(starts) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) AS save FROM rows
), linked AS (
    SELECT n.*,
           (SELECT l.case_id FROM temp.audit_latest l WHERE l.table_name = 'placements' AND l.row_id = n.placement_id) AS placement_case,
           (SELECT p.case_id FROM temp.audit_latest s JOIN temp.audit_latest p ON p.table_name = 'placements' AND p.row_id = s.placement_id
            WHERE s.table_name = 'splits' AND s.row_id = n.split_id) AS split_case,
           (SELECT l.case_id FROM temp.audit_latest l WHERE l.table_name = 'agenda_items' AND l.row_id = n.item_id) AS item_case,
           (SELECT l.meeting_id FROM temp.audit_latest l WHERE l.table_name = 'agenda_items' AND l.row_id = n.item_id) AS item_meeting,
           (SELECT l.case_id FROM temp.audit_latest l WHERE l.table_name = 'decisions' AND l.row_id = n.decision_id) AS decision_case,
           (SELECT i.meeting_id FROM temp.audit_latest d JOIN temp.audit_latest i ON i.table_name = 'agenda_items' AND i.row_id = d.item_id
            WHERE d.table_name = 'decisions' AND d.row_id = n.decision_id) AS decision_meeting
    FROM numbered n
)
INSERT INTO temp.audit_placed (id, save, case_id, meeting_id)
SELECT id, save,
       CASE table_name
           WHEN 'cases' THEN row_id
           WHEN 'placements' THEN case_id
           WHEN 'agenda_items' THEN case_id
           WHEN 'decisions' THEN case_id
           WHEN 'cost_lines' THEN placement_case
           WHEN 'splits' THEN placement_case
           WHEN 'split_shares' THEN split_case
           WHEN 'interests' THEN item_case
           WHEN 'decision_paragraphs' THEN decision_case
           WHEN 'conditions' THEN decision_case
           WHEN 'actions' THEN decision_case
           WHEN 'assents' THEN decision_case
       END,
       CASE table_name
           WHEN 'meetings' THEN row_id
           WHEN 'attendees' THEN meeting_id
           WHEN 'agenda_items' THEN meeting_id
           WHEN 'interests' THEN item_meeting
           WHEN 'decisions' THEN item_meeting
           WHEN 'decision_paragraphs' THEN decision_meeting
           WHEN 'conditions' THEN decision_meeting
           WHEN 'actions' THEN decision_meeting
           WHEN 'assents' THEN decision_meeting
       END
FROM linked;
UPDATE audit_log SET save = p.save, case_id = p.case_id, meeting_id = p.meeting_id
FROM temp.audit_placed p WHERE p.id = audit_log.id;
DROP TABLE temp.audit_placed;
DROP TABLE temp.audit_latest;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;

DROP TRIGGER events_no_update;
UPDATE events SET audit_seq = (SELECT coalesce(max(a.id), 0) FROM audit_log a WHERE a.at <= events.at);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;

CREATE INDEX audit_by_save ON audit_log (save, table_name, action);
CREATE INDEX audit_by_case ON audit_log (case_id, save) WHERE case_id IS NOT NULL;
CREATE INDEX audit_by_meeting ON audit_log (meeting_id, save) WHERE meeting_id IS NOT NULL;
CREATE INDEX audit_by_actor ON audit_log (actor, save);

-- Every table's audit triggers, as before, now writing the save and the row's place.
DROP TRIGGER settings_audit_insert;
CREATE TRIGGER settings_audit_insert AFTER INSERT ON settings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'settings', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'authority', NEW.authority, 'panel_name', NEW.panel_name, 'decision_prefix', NEW.decision_prefix, 'first_review_months', NEW.first_review_months, 'review_months', NEW.review_months, 'notice_months', NEW.notice_months, 'quorum', NEW.quorum),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER settings_audit_update;
CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'settings', NEW.id, 'update', json_object('id', OLD.id, 'authority', OLD.authority, 'panel_name', OLD.panel_name, 'decision_prefix', OLD.decision_prefix, 'first_review_months', OLD.first_review_months, 'review_months', OLD.review_months, 'notice_months', OLD.notice_months, 'quorum', OLD.quorum), json_object('id', NEW.id, 'authority', NEW.authority, 'panel_name', NEW.panel_name, 'decision_prefix', NEW.decision_prefix, 'first_review_months', NEW.first_review_months, 'review_months', NEW.review_months, 'notice_months', NEW.notice_months, 'quorum', NEW.quorum),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER settings_audit_delete;
CREATE TRIGGER settings_audit_delete AFTER DELETE ON settings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'settings', OLD.id, 'delete', json_object('id', OLD.id, 'authority', OLD.authority, 'panel_name', OLD.panel_name, 'decision_prefix', OLD.decision_prefix, 'first_review_months', OLD.first_review_months, 'review_months', OLD.review_months, 'notice_months', OLD.notice_months, 'quorum', OLD.quorum), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER partners_audit_insert;
CREATE TRIGGER partners_audit_insert AFTER INSERT ON partners BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'partners', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'position', NEW.position),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER partners_audit_update;
CREATE TRIGGER partners_audit_update AFTER UPDATE ON partners BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'partners', NEW.id, 'update', json_object('id', OLD.id, 'code', OLD.code, 'name', OLD.name, 'position', OLD.position), json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'position', NEW.position),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER partners_audit_delete;
CREATE TRIGGER partners_audit_delete AFTER DELETE ON partners BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'partners', OLD.id, 'delete', json_object('id', OLD.id, 'code', OLD.code, 'name', OLD.name, 'position', OLD.position), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER agreements_audit_insert;
CREATE TRIGGER agreements_audit_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agreements', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'year_start', NEW.year_start, 'risk_share', NEW.risk_share),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER agreements_audit_update;
CREATE TRIGGER agreements_audit_update AFTER UPDATE ON agreements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agreements', NEW.id, 'update', json_object('id', OLD.id, 'year_start', OLD.year_start, 'risk_share', OLD.risk_share), json_object('id', NEW.id, 'year_start', NEW.year_start, 'risk_share', NEW.risk_share),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER agreements_audit_delete;
CREATE TRIGGER agreements_audit_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agreements', OLD.id, 'delete', json_object('id', OLD.id, 'year_start', OLD.year_start, 'risk_share', OLD.risk_share), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER contributions_audit_insert;
CREATE TRIGGER contributions_audit_insert AFTER INSERT ON contributions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'contributions', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'agreement_id', NEW.agreement_id, 'partner_id', NEW.partner_id, 'amount_pence', NEW.amount_pence),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER contributions_audit_update;
CREATE TRIGGER contributions_audit_update AFTER UPDATE ON contributions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'contributions', NEW.id, 'update', json_object('id', OLD.id, 'agreement_id', OLD.agreement_id, 'partner_id', OLD.partner_id, 'amount_pence', OLD.amount_pence), json_object('id', NEW.id, 'agreement_id', NEW.agreement_id, 'partner_id', NEW.partner_id, 'amount_pence', NEW.amount_pence),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER contributions_audit_delete;
CREATE TRIGGER contributions_audit_delete AFTER DELETE ON contributions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'contributions', OLD.id, 'delete', json_object('id', OLD.id, 'agreement_id', OLD.agreement_id, 'partner_id', OLD.partner_id, 'amount_pence', OLD.amount_pence), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NULL);
END;
DROP TRIGGER cases_audit_insert;
CREATE TRIGGER cases_audit_insert AFTER INSERT ON cases BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cases', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'reference', NEW.reference, 'initials', NEW.initials, 'date_of_birth', NEW.date_of_birth, 'needs', NEW.needs),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.id, NULL);
END;
DROP TRIGGER cases_audit_update;
CREATE TRIGGER cases_audit_update AFTER UPDATE ON cases BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cases', NEW.id, 'update', json_object('id', OLD.id, 'reference', OLD.reference, 'initials', OLD.initials, 'date_of_birth', OLD.date_of_birth, 'needs', OLD.needs), json_object('id', NEW.id, 'reference', NEW.reference, 'initials', NEW.initials, 'date_of_birth', NEW.date_of_birth, 'needs', NEW.needs),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.id, NULL);
END;
DROP TRIGGER cases_audit_delete;
CREATE TRIGGER cases_audit_delete AFTER DELETE ON cases BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cases', OLD.id, 'delete', json_object('id', OLD.id, 'reference', OLD.reference, 'initials', OLD.initials, 'date_of_birth', OLD.date_of_birth, 'needs', OLD.needs), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), OLD.id, NULL);
END;
DROP TRIGGER placements_audit_insert;
CREATE TRIGGER placements_audit_insert AFTER INSERT ON placements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'placements', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'case_id', NEW.case_id, 'position', NEW.position, 'provider', NEW.provider, 'type', NEW.type, 'start_date', NEW.start_date, 'end_date', NEW.end_date),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id, NULL);
END;
DROP TRIGGER placements_audit_update;
CREATE TRIGGER placements_audit_update AFTER UPDATE ON placements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'placements', NEW.id, 'update', json_object('id', OLD.id, 'case_id', OLD.case_id, 'position', OLD.position, 'provider', OLD.provider, 'type', OLD.type, 'start_date', OLD.start_date, 'end_date', OLD.end_date), json_object('id', NEW.id, 'case_id', NEW.case_id, 'position', NEW.position, 'provider', NEW.provider, 'type', NEW.type, 'start_date', NEW.start_date, 'end_date', NEW.end_date),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id, NULL);
END;
DROP TRIGGER placements_audit_delete;
CREATE TRIGGER placements_audit_delete AFTER DELETE ON placements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'placements', OLD.id, 'delete', json_object('id', OLD.id, 'case_id', OLD.case_id, 'position', OLD.position, 'provider', OLD.provider, 'type', OLD.type, 'start_date', OLD.start_date, 'end_date', OLD.end_date), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), OLD.case_id, NULL);
END;
DROP TRIGGER cost_lines_audit_insert;
CREATE TRIGGER cost_lines_audit_insert AFTER INSERT ON cost_lines BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cost_lines', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'placement_id', NEW.placement_id, 'position', NEW.position, 'description', NEW.description, 'per', NEW.per, 'amount_pence', NEW.amount_pence, 'from_date', NEW.from_date, 'to_date', NEW.to_date),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM placements WHERE id = NEW.placement_id), NULL);
END;
DROP TRIGGER cost_lines_audit_update;
CREATE TRIGGER cost_lines_audit_update AFTER UPDATE ON cost_lines BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cost_lines', NEW.id, 'update', json_object('id', OLD.id, 'placement_id', OLD.placement_id, 'position', OLD.position, 'description', OLD.description, 'per', OLD.per, 'amount_pence', OLD.amount_pence, 'from_date', OLD.from_date, 'to_date', OLD.to_date), json_object('id', NEW.id, 'placement_id', NEW.placement_id, 'position', NEW.position, 'description', NEW.description, 'per', NEW.per, 'amount_pence', NEW.amount_pence, 'from_date', NEW.from_date, 'to_date', NEW.to_date),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM placements WHERE id = NEW.placement_id), NULL);
END;
DROP TRIGGER cost_lines_audit_delete;
CREATE TRIGGER cost_lines_audit_delete AFTER DELETE ON cost_lines BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cost_lines', OLD.id, 'delete', json_object('id', OLD.id, 'placement_id', OLD.placement_id, 'position', OLD.position, 'description', OLD.description, 'per', OLD.per, 'amount_pence', OLD.amount_pence, 'from_date', OLD.from_date, 'to_date', OLD.to_date), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM placements WHERE id = OLD.placement_id), NULL);
END;
DROP TRIGGER splits_audit_insert;
CREATE TRIGGER splits_audit_insert AFTER INSERT ON splits BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'splits', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'placement_id', NEW.placement_id, 'from_date', NEW.from_date),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM placements WHERE id = NEW.placement_id), NULL);
END;
DROP TRIGGER splits_audit_update;
CREATE TRIGGER splits_audit_update AFTER UPDATE ON splits BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'splits', NEW.id, 'update', json_object('id', OLD.id, 'placement_id', OLD.placement_id, 'from_date', OLD.from_date), json_object('id', NEW.id, 'placement_id', NEW.placement_id, 'from_date', NEW.from_date),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM placements WHERE id = NEW.placement_id), NULL);
END;
DROP TRIGGER splits_audit_delete;
CREATE TRIGGER splits_audit_delete AFTER DELETE ON splits BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'splits', OLD.id, 'delete', json_object('id', OLD.id, 'placement_id', OLD.placement_id, 'from_date', OLD.from_date), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM placements WHERE id = OLD.placement_id), NULL);
END;
DROP TRIGGER split_shares_audit_insert;
CREATE TRIGGER split_shares_audit_insert AFTER INSERT ON split_shares BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'split_shares', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'split_id', NEW.split_id, 'partner_id', NEW.partner_id, 'basis_points', NEW.basis_points),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT p.case_id FROM splits s JOIN placements p ON p.id = s.placement_id WHERE s.id = NEW.split_id), NULL);
END;
DROP TRIGGER split_shares_audit_update;
CREATE TRIGGER split_shares_audit_update AFTER UPDATE ON split_shares BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'split_shares', NEW.id, 'update', json_object('id', OLD.id, 'split_id', OLD.split_id, 'partner_id', OLD.partner_id, 'basis_points', OLD.basis_points), json_object('id', NEW.id, 'split_id', NEW.split_id, 'partner_id', NEW.partner_id, 'basis_points', NEW.basis_points),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT p.case_id FROM splits s JOIN placements p ON p.id = s.placement_id WHERE s.id = NEW.split_id), NULL);
END;
DROP TRIGGER split_shares_audit_delete;
CREATE TRIGGER split_shares_audit_delete AFTER DELETE ON split_shares BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'split_shares', OLD.id, 'delete', json_object('id', OLD.id, 'split_id', OLD.split_id, 'partner_id', OLD.partner_id, 'basis_points', OLD.basis_points), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT p.case_id FROM splits s JOIN placements p ON p.id = s.placement_id WHERE s.id = OLD.split_id), NULL);
END;
DROP TRIGGER meetings_audit_insert;
CREATE TRIGGER meetings_audit_insert AFTER INSERT ON meetings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'meetings', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'date', NEW.date, 'starts_at', NEW.starts_at, 'venue', NEW.venue, 'chair', NEW.chair, 'minutes_status', NEW.minutes_status),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NEW.id);
END;
DROP TRIGGER meetings_audit_update;
CREATE TRIGGER meetings_audit_update AFTER UPDATE ON meetings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'meetings', NEW.id, 'update', json_object('id', OLD.id, 'date', OLD.date, 'starts_at', OLD.starts_at, 'venue', OLD.venue, 'chair', OLD.chair, 'minutes_status', OLD.minutes_status), json_object('id', NEW.id, 'date', NEW.date, 'starts_at', NEW.starts_at, 'venue', NEW.venue, 'chair', NEW.chair, 'minutes_status', NEW.minutes_status),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NEW.id);
END;
DROP TRIGGER meetings_audit_delete;
CREATE TRIGGER meetings_audit_delete AFTER DELETE ON meetings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'meetings', OLD.id, 'delete', json_object('id', OLD.id, 'date', OLD.date, 'starts_at', OLD.starts_at, 'venue', OLD.venue, 'chair', OLD.chair, 'minutes_status', OLD.minutes_status), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, OLD.id);
END;
DROP TRIGGER attendees_audit_insert;
CREATE TRIGGER attendees_audit_insert AFTER INSERT ON attendees BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'attendees', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'name', NEW.name, 'agency', NEW.agency, 'represents_partner_id', NEW.represents_partner_id, 'role', NEW.role, 'attendance', NEW.attendance),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NEW.meeting_id);
END;
DROP TRIGGER attendees_audit_update;
CREATE TRIGGER attendees_audit_update AFTER UPDATE ON attendees BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'attendees', NEW.id, 'update', json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'name', OLD.name, 'agency', OLD.agency, 'represents_partner_id', OLD.represents_partner_id, 'role', OLD.role, 'attendance', OLD.attendance), json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'name', NEW.name, 'agency', NEW.agency, 'represents_partner_id', NEW.represents_partner_id, 'role', NEW.role, 'attendance', NEW.attendance),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, NEW.meeting_id);
END;
DROP TRIGGER attendees_audit_delete;
CREATE TRIGGER attendees_audit_delete AFTER DELETE ON attendees BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'attendees', OLD.id, 'delete', json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'name', OLD.name, 'agency', OLD.agency, 'represents_partner_id', OLD.represents_partner_id, 'role', OLD.role, 'attendance', OLD.attendance), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NULL, OLD.meeting_id);
END;
DROP TRIGGER agenda_items_audit_insert;
CREATE TRIGGER agenda_items_audit_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agenda_items', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'case_id', NEW.case_id, 'title', NEW.title, 'presenter', NEW.presenter, 'minutes', NEW.minutes, 'ask', NEW.ask, 'notes', NEW.notes, 'ratifies_id', NEW.ratifies_id),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id, NEW.meeting_id);
END;
DROP TRIGGER agenda_items_audit_update;
CREATE TRIGGER agenda_items_audit_update AFTER UPDATE ON agenda_items BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agenda_items', NEW.id, 'update', json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'case_id', OLD.case_id, 'title', OLD.title, 'presenter', OLD.presenter, 'minutes', OLD.minutes, 'ask', OLD.ask, 'notes', OLD.notes, 'ratifies_id', OLD.ratifies_id), json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'case_id', NEW.case_id, 'title', NEW.title, 'presenter', NEW.presenter, 'minutes', NEW.minutes, 'ask', NEW.ask, 'notes', NEW.notes, 'ratifies_id', NEW.ratifies_id),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id, NEW.meeting_id);
END;
DROP TRIGGER agenda_items_audit_delete;
CREATE TRIGGER agenda_items_audit_delete AFTER DELETE ON agenda_items BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agenda_items', OLD.id, 'delete', json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'case_id', OLD.case_id, 'title', OLD.title, 'presenter', OLD.presenter, 'minutes', OLD.minutes, 'ask', OLD.ask, 'notes', OLD.notes, 'ratifies_id', OLD.ratifies_id), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), OLD.case_id, OLD.meeting_id);
END;
DROP TRIGGER interests_audit_insert;
CREATE TRIGGER interests_audit_insert AFTER INSERT ON interests BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'interests', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'item_id', NEW.item_id, 'attendee_id', NEW.attendee_id, 'interest', NEW.interest, 'dispensation', NEW.dispensation),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM agenda_items WHERE id = NEW.item_id), (SELECT meeting_id FROM agenda_items WHERE id = NEW.item_id));
END;
DROP TRIGGER interests_audit_update;
CREATE TRIGGER interests_audit_update AFTER UPDATE ON interests BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'interests', NEW.id, 'update', json_object('id', OLD.id, 'item_id', OLD.item_id, 'attendee_id', OLD.attendee_id, 'interest', OLD.interest, 'dispensation', OLD.dispensation), json_object('id', NEW.id, 'item_id', NEW.item_id, 'attendee_id', NEW.attendee_id, 'interest', NEW.interest, 'dispensation', NEW.dispensation),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM agenda_items WHERE id = NEW.item_id), (SELECT meeting_id FROM agenda_items WHERE id = NEW.item_id));
END;
DROP TRIGGER interests_audit_delete;
CREATE TRIGGER interests_audit_delete AFTER DELETE ON interests BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'interests', OLD.id, 'delete', json_object('id', OLD.id, 'item_id', OLD.item_id, 'attendee_id', OLD.attendee_id, 'interest', OLD.interest, 'dispensation', OLD.dispensation), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM agenda_items WHERE id = OLD.item_id), (SELECT meeting_id FROM agenda_items WHERE id = OLD.item_id));
END;
DROP TRIGGER decisions_audit_insert;
CREATE TRIGGER decisions_audit_insert AFTER INSERT ON decisions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decisions', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'status', NEW.status, 'number', NEW.number, 'year_start', NEW.year_start, 'seq', NEW.seq, 'item_id', NEW.item_id, 'case_id', NEW.case_id, 'placement_id', NEW.placement_id, 'decided_on', NEW.decided_on, 'urgent', NEW.urgent, 'inquorate', NEW.inquorate, 'outcome', NEW.outcome, 'subject', NEW.subject, 'reasons', NEW.reasons, 'alternatives', NEW.alternatives, 'review_date', NEW.review_date, 'effective_from', NEW.effective_from, 'amends_id', NEW.amends_id, 'placement_snapshot', NEW.placement_snapshot),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id, (SELECT meeting_id FROM agenda_items WHERE id = NEW.item_id));
END;
DROP TRIGGER decisions_audit_update;
CREATE TRIGGER decisions_audit_update AFTER UPDATE ON decisions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decisions', NEW.id, 'update', json_object('id', OLD.id, 'status', OLD.status, 'number', OLD.number, 'year_start', OLD.year_start, 'seq', OLD.seq, 'item_id', OLD.item_id, 'case_id', OLD.case_id, 'placement_id', OLD.placement_id, 'decided_on', OLD.decided_on, 'urgent', OLD.urgent, 'inquorate', OLD.inquorate, 'outcome', OLD.outcome, 'subject', OLD.subject, 'reasons', OLD.reasons, 'alternatives', OLD.alternatives, 'review_date', OLD.review_date, 'effective_from', OLD.effective_from, 'amends_id', OLD.amends_id, 'placement_snapshot', OLD.placement_snapshot), json_object('id', NEW.id, 'status', NEW.status, 'number', NEW.number, 'year_start', NEW.year_start, 'seq', NEW.seq, 'item_id', NEW.item_id, 'case_id', NEW.case_id, 'placement_id', NEW.placement_id, 'decided_on', NEW.decided_on, 'urgent', NEW.urgent, 'inquorate', NEW.inquorate, 'outcome', NEW.outcome, 'subject', NEW.subject, 'reasons', NEW.reasons, 'alternatives', NEW.alternatives, 'review_date', NEW.review_date, 'effective_from', NEW.effective_from, 'amends_id', NEW.amends_id, 'placement_snapshot', NEW.placement_snapshot),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), NEW.case_id, (SELECT meeting_id FROM agenda_items WHERE id = NEW.item_id));
END;
DROP TRIGGER decisions_audit_delete;
CREATE TRIGGER decisions_audit_delete AFTER DELETE ON decisions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decisions', OLD.id, 'delete', json_object('id', OLD.id, 'status', OLD.status, 'number', OLD.number, 'year_start', OLD.year_start, 'seq', OLD.seq, 'item_id', OLD.item_id, 'case_id', OLD.case_id, 'placement_id', OLD.placement_id, 'decided_on', OLD.decided_on, 'urgent', OLD.urgent, 'inquorate', OLD.inquorate, 'outcome', OLD.outcome, 'subject', OLD.subject, 'reasons', OLD.reasons, 'alternatives', OLD.alternatives, 'review_date', OLD.review_date, 'effective_from', OLD.effective_from, 'amends_id', OLD.amends_id, 'placement_snapshot', OLD.placement_snapshot), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), OLD.case_id, (SELECT meeting_id FROM agenda_items WHERE id = OLD.item_id));
END;
DROP TRIGGER decision_paragraphs_audit_insert;
CREATE TRIGGER decision_paragraphs_audit_insert AFTER INSERT ON decision_paragraphs BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decision_paragraphs', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'text', NEW.text),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = NEW.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = NEW.decision_id));
END;
DROP TRIGGER decision_paragraphs_audit_update;
CREATE TRIGGER decision_paragraphs_audit_update AFTER UPDATE ON decision_paragraphs BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decision_paragraphs', NEW.id, 'update', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'text', OLD.text), json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'text', NEW.text),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = NEW.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = NEW.decision_id));
END;
DROP TRIGGER decision_paragraphs_audit_delete;
CREATE TRIGGER decision_paragraphs_audit_delete AFTER DELETE ON decision_paragraphs BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decision_paragraphs', OLD.id, 'delete', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'text', OLD.text), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = OLD.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = OLD.decision_id));
END;
DROP TRIGGER conditions_audit_insert;
CREATE TRIGGER conditions_audit_insert AFTER INSERT ON conditions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'conditions', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'text', NEW.text),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = NEW.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = NEW.decision_id));
END;
DROP TRIGGER conditions_audit_update;
CREATE TRIGGER conditions_audit_update AFTER UPDATE ON conditions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'conditions', NEW.id, 'update', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'text', OLD.text), json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'text', NEW.text),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = NEW.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = NEW.decision_id));
END;
DROP TRIGGER conditions_audit_delete;
CREATE TRIGGER conditions_audit_delete AFTER DELETE ON conditions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'conditions', OLD.id, 'delete', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'text', OLD.text), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = OLD.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = OLD.decision_id));
END;
DROP TRIGGER actions_audit_insert;
CREATE TRIGGER actions_audit_insert AFTER INSERT ON actions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'actions', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'action', NEW.action, 'owner', NEW.owner, 'due', NEW.due),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = NEW.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = NEW.decision_id));
END;
DROP TRIGGER actions_audit_update;
CREATE TRIGGER actions_audit_update AFTER UPDATE ON actions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'actions', NEW.id, 'update', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'action', OLD.action, 'owner', OLD.owner, 'due', OLD.due), json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'action', NEW.action, 'owner', NEW.owner, 'due', NEW.due),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = NEW.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = NEW.decision_id));
END;
DROP TRIGGER actions_audit_delete;
CREATE TRIGGER actions_audit_delete AFTER DELETE ON actions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'actions', OLD.id, 'delete', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'action', OLD.action, 'owner', OLD.owner, 'due', OLD.due), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = OLD.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = OLD.decision_id));
END;
DROP TRIGGER assents_audit_insert;
CREATE TRIGGER assents_audit_insert AFTER INSERT ON assents BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'assents', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'partner_id', NEW.partner_id, 'assent', NEW.assent),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = NEW.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = NEW.decision_id));
END;
DROP TRIGGER assents_audit_update;
CREATE TRIGGER assents_audit_update AFTER UPDATE ON assents BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'assents', NEW.id, 'update', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'partner_id', OLD.partner_id, 'assent', OLD.assent), json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'partner_id', NEW.partner_id, 'assent', NEW.assent),
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = NEW.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = NEW.decision_id));
END;
DROP TRIGGER assents_audit_delete;
CREATE TRIGGER assents_audit_delete AFTER DELETE ON assents BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after, save, case_id, meeting_id)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'assents', OLD.id, 'delete', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'partner_id', OLD.partner_id, 'assent', OLD.assent), NULL,
            panel_save((SELECT coalesce(max(id), 0) + 1 FROM audit_log)), (SELECT case_id FROM decisions WHERE id = OLD.decision_id), (SELECT i.meeting_id FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE d.id = OLD.decision_id));
END;
