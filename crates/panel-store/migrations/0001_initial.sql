-- Complex Needs Panel: initial schema.
-- Money is whole pence (INTEGER); dates are ISO text (YYYY-MM-DD); percentages are basis points
-- (hundredths of a percent). Constraints live here as well as in the program.

CREATE TABLE settings (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    authority           TEXT    NOT NULL CHECK (length(trim(authority)) > 0),
    panel_name          TEXT    NOT NULL CHECK (length(trim(panel_name)) > 0),
    decision_prefix     TEXT    NOT NULL CHECK (length(decision_prefix) BETWEEN 1 AND 10),
    first_review_months INTEGER NOT NULL CHECK (first_review_months BETWEEN 1 AND 120),
    review_months       INTEGER NOT NULL CHECK (review_months BETWEEN 1 AND 120),
    notice_months       INTEGER NOT NULL CHECK (notice_months BETWEEN 0 AND 24),
    quorum              TEXT    NOT NULL CHECK (quorum IN ('all_partners'))
);
INSERT INTO settings VALUES (1, 'Local authority', 'Complex Needs Panel', 'CNP', 6, 6, 3, 'all_partners');

CREATE TABLE partners (
    id       INTEGER PRIMARY KEY,
    code     TEXT    NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 16),
    name     TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    position INTEGER NOT NULL UNIQUE CHECK (position >= 0)
);

CREATE TABLE agreements (
    id         INTEGER PRIMARY KEY,
    year_start INTEGER NOT NULL UNIQUE CHECK (year_start BETWEEN 1990 AND 2199),
    risk_share TEXT    NOT NULL CHECK (risk_share IN ('contributions', 'as_incurred'))
);

CREATE TABLE contributions (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id),
    partner_id   INTEGER NOT NULL REFERENCES partners (id),
    amount_pence INTEGER NOT NULL CHECK (amount_pence BETWEEN 0 AND 100000000000000),
    UNIQUE (agreement_id, partner_id)
);

CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    reference     TEXT NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 32),
    initials      TEXT NOT NULL CHECK (length(initials) BETWEEN 1 AND 16),
    date_of_birth TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) IS date_of_birth),
    needs         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE placements (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    position   INTEGER NOT NULL CHECK (position >= 0),
    provider   TEXT    NOT NULL CHECK (length(trim(provider)) > 0),
    type       TEXT    NOT NULL CHECK (type IN ('residential', 'residential_school', 'day_school',
                   'fostering', 'care_package', 'short_breaks', 'direct_payment', 'supported_living', 'other')),
    start_date TEXT    NOT NULL CHECK (date(start_date) IS start_date),
    end_date   TEXT    CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),
    UNIQUE (case_id, position)
);
CREATE INDEX placements_by_dates ON placements (start_date, end_date);

CREATE TABLE cost_lines (
    id           INTEGER PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements (id),
    position     INTEGER NOT NULL CHECK (position >= 0),
    description  TEXT    NOT NULL CHECK (length(trim(description)) > 0),
    per          TEXT    NOT NULL CHECK (per IN ('week', 'day', 'year', 'once')),
    amount_pence INTEGER NOT NULL CHECK (abs(amount_pence) <= 100000000000000),
    from_date    TEXT    NOT NULL CHECK (date(from_date) IS from_date),
    to_date      TEXT    CHECK (to_date IS NULL OR (date(to_date) IS to_date AND to_date >= from_date)),
    UNIQUE (placement_id, position)
);

CREATE TABLE splits (
    id           INTEGER PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements (id),
    from_date    TEXT    NOT NULL CHECK (date(from_date) IS from_date),
    UNIQUE (placement_id, from_date)
);

CREATE TABLE split_shares (
    id           INTEGER PRIMARY KEY,
    split_id     INTEGER NOT NULL REFERENCES splits (id),
    partner_id   INTEGER NOT NULL REFERENCES partners (id),
    basis_points INTEGER NOT NULL CHECK (basis_points BETWEEN 0 AND 10000),
    UNIQUE (split_id, partner_id)
);

CREATE TABLE meetings (
    id             INTEGER PRIMARY KEY,
    date           TEXT NOT NULL UNIQUE CHECK (date(date) IS date),
    venue          TEXT NOT NULL DEFAULT '',
    chair          TEXT NOT NULL CHECK (length(trim(chair)) > 0),
    minutes_status TEXT NOT NULL DEFAULT 'draft'
                   CHECK (minutes_status IN ('draft', 'circulated', 'approved', 'locked'))
);

CREATE TABLE attendees (
    id                    INTEGER PRIMARY KEY,
    meeting_id            INTEGER NOT NULL REFERENCES meetings (id),
    position              INTEGER NOT NULL CHECK (position >= 0),
    name                  TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    agency                TEXT    NOT NULL CHECK (length(trim(agency)) > 0),
    represents_partner_id INTEGER REFERENCES partners (id),
    role                  TEXT    NOT NULL DEFAULT '',
    attendance            TEXT    NOT NULL CHECK (attendance IN ('present', 'apologies')),
    UNIQUE (meeting_id, position),
    UNIQUE (meeting_id, name)
);

CREATE TABLE agenda_items (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    position   INTEGER NOT NULL CHECK (position >= 0),
    kind       TEXT    NOT NULL CHECK (kind IN ('new_referral', 'review', 'change', 'ending', 'ratification', 'information')),
    case_id    INTEGER REFERENCES cases (id),
    title      TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    presenter  TEXT    NOT NULL DEFAULT '',
    minutes    INTEGER NOT NULL DEFAULT 15 CHECK (minutes BETWEEN 0 AND 480),
    ask        TEXT    NOT NULL DEFAULT '',
    notes      TEXT    NOT NULL DEFAULT '',
    UNIQUE (meeting_id, position)
);

CREATE TABLE interests (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES agenda_items (id),
    attendee_id  INTEGER NOT NULL REFERENCES attendees (id),
    interest     TEXT    NOT NULL CHECK (length(trim(interest)) > 0),
    dispensation TEXT
);

CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY,
    status         TEXT    NOT NULL CHECK (status IN ('draft', 'final')),
    number         TEXT    UNIQUE,
    year_start     INTEGER,
    seq            INTEGER CHECK (seq IS NULL OR seq >= 1),
    item_id        INTEGER REFERENCES agenda_items (id),
    case_id        INTEGER NOT NULL REFERENCES cases (id),
    placement_id   INTEGER REFERENCES placements (id),
    decided_on     TEXT    NOT NULL CHECK (date(decided_on) IS decided_on),
    urgent         INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    inquorate      INTEGER NOT NULL DEFAULT 0 CHECK (inquorate IN (0, 1)),
    outcome        TEXT    NOT NULL CHECK (outcome IN ('approved', 'approved_with_conditions', 'declined', 'deferred', 'noted')),
    subject        TEXT    NOT NULL CHECK (length(trim(subject)) > 0),
    reasons        TEXT    NOT NULL DEFAULT '',
    alternatives   TEXT    NOT NULL DEFAULT '',
    review_date    TEXT    CHECK (review_date IS NULL OR date(review_date) IS review_date),
    effective_from TEXT    CHECK (effective_from IS NULL OR date(effective_from) IS effective_from),
    amends_id      INTEGER REFERENCES decisions (id),
    -- A final decision has its number; a draft has none (rule 8).
    CHECK ((status = 'final') = (number IS NOT NULL AND year_start IS NOT NULL AND seq IS NOT NULL)),
    CHECK (status = 'final' OR (number IS NULL AND year_start IS NULL AND seq IS NULL)),
    UNIQUE (year_start, seq)
);

CREATE TABLE decision_paragraphs (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    position    INTEGER NOT NULL CHECK (position >= 0),
    text        TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    UNIQUE (decision_id, position)
);

CREATE TABLE conditions (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    position    INTEGER NOT NULL CHECK (position >= 0),
    text        TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    UNIQUE (decision_id, position)
);

CREATE TABLE actions (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    position    INTEGER NOT NULL CHECK (position >= 0),
    action      TEXT    NOT NULL CHECK (length(trim(action)) > 0),
    owner       TEXT    NOT NULL CHECK (length(trim(owner)) > 0),
    due         TEXT    CHECK (due IS NULL OR date(due) IS due),
    UNIQUE (decision_id, position)
);

CREATE TABLE assents (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    partner_id  INTEGER NOT NULL REFERENCES partners (id),
    assent      TEXT    NOT NULL CHECK (assent IN ('agree', 'disagree')),
    UNIQUE (decision_id, partner_id)
);

-- The audit trail (rule 9): who, when, what before, what after, for every change to every
-- table above, written by the triggers below in the same transaction as the change.
-- `panel_actor()` is defined by the program on each connection, so a change made outside
-- the program fails rather than going unrecorded.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    table_name TEXT    NOT NULL,
    row_id     INTEGER NOT NULL,
    action     TEXT    NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before     TEXT,
    after      TEXT
);
CREATE INDEX audit_by_row ON audit_log (table_name, row_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;

-- Finalised decisions do not change (rule 9): not the decision, nor anything of it.
CREATE TRIGGER decisions_final_no_update BEFORE UPDATE ON decisions WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER decisions_final_no_delete BEFORE DELETE ON decisions WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be deleted'); END;

CREATE TRIGGER decision_paragraphs_final_no_insert BEFORE INSERT ON decision_paragraphs
WHEN (SELECT status FROM decisions WHERE id = NEW.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER decision_paragraphs_final_no_update BEFORE UPDATE ON decision_paragraphs
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER decision_paragraphs_final_no_delete BEFORE DELETE ON decision_paragraphs
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER conditions_final_no_insert BEFORE INSERT ON conditions
WHEN (SELECT status FROM decisions WHERE id = NEW.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER conditions_final_no_update BEFORE UPDATE ON conditions
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER conditions_final_no_delete BEFORE DELETE ON conditions
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER actions_final_no_insert BEFORE INSERT ON actions
WHEN (SELECT status FROM decisions WHERE id = NEW.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER actions_final_no_update BEFORE UPDATE ON actions
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER actions_final_no_delete BEFORE DELETE ON actions
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER assents_final_no_insert BEFORE INSERT ON assents
WHEN (SELECT status FROM decisions WHERE id = NEW.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER assents_final_no_update BEFORE UPDATE ON assents
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER assents_final_no_delete BEFORE DELETE ON assents
WHEN (SELECT status FROM decisions WHERE id = OLD.decision_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;

-- Locked minutes do not change (rule 16).
CREATE TRIGGER meetings_locked_no_update BEFORE UPDATE ON meetings WHEN OLD.minutes_status = 'locked'
BEGIN SELECT RAISE(ABORT, 'the minutes of this meeting are locked'); END;
CREATE TRIGGER meetings_locked_no_delete BEFORE DELETE ON meetings WHEN OLD.minutes_status = 'locked'
BEGIN SELECT RAISE(ABORT, 'the minutes of this meeting are locked'); END;
CREATE TRIGGER attendees_locked_no_insert BEFORE INSERT ON attendees
WHEN (SELECT minutes_status FROM meetings WHERE id = NEW.meeting_id) = 'locked'
BEGIN SELECT RAISE(ABORT, 'the minutes of this meeting are locked'); END;
CREATE TRIGGER attendees_locked_no_update BEFORE UPDATE ON attendees
WHEN (SELECT minutes_status FROM meetings WHERE id = OLD.meeting_id) = 'locked'
BEGIN SELECT RAISE(ABORT, 'the minutes of this meeting are locked'); END;
CREATE TRIGGER attendees_locked_no_delete BEFORE DELETE ON attendees
WHEN (SELECT minutes_status FROM meetings WHERE id = OLD.meeting_id) = 'locked'
BEGIN SELECT RAISE(ABORT, 'the minutes of this meeting are locked'); END;
CREATE TRIGGER agenda_items_locked_no_insert BEFORE INSERT ON agenda_items
WHEN (SELECT minutes_status FROM meetings WHERE id = NEW.meeting_id) = 'locked'
BEGIN SELECT RAISE(ABORT, 'the minutes of this meeting are locked'); END;
CREATE TRIGGER agenda_items_locked_no_update BEFORE UPDATE ON agenda_items
WHEN (SELECT minutes_status FROM meetings WHERE id = OLD.meeting_id) = 'locked'
BEGIN SELECT RAISE(ABORT, 'the minutes of this meeting are locked'); END;
CREATE TRIGGER agenda_items_locked_no_delete BEFORE DELETE ON agenda_items
WHEN (SELECT minutes_status FROM meetings WHERE id = OLD.meeting_id) = 'locked'
BEGIN SELECT RAISE(ABORT, 'the minutes of this meeting are locked'); END;

-- Audit triggers, one set a table.
CREATE TRIGGER settings_audit_insert AFTER INSERT ON settings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'settings', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'authority', NEW.authority, 'panel_name', NEW.panel_name, 'decision_prefix', NEW.decision_prefix, 'first_review_months', NEW.first_review_months, 'review_months', NEW.review_months, 'notice_months', NEW.notice_months, 'quorum', NEW.quorum));
END;
CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'settings', NEW.id, 'update', json_object('id', OLD.id, 'authority', OLD.authority, 'panel_name', OLD.panel_name, 'decision_prefix', OLD.decision_prefix, 'first_review_months', OLD.first_review_months, 'review_months', OLD.review_months, 'notice_months', OLD.notice_months, 'quorum', OLD.quorum), json_object('id', NEW.id, 'authority', NEW.authority, 'panel_name', NEW.panel_name, 'decision_prefix', NEW.decision_prefix, 'first_review_months', NEW.first_review_months, 'review_months', NEW.review_months, 'notice_months', NEW.notice_months, 'quorum', NEW.quorum));
END;
CREATE TRIGGER settings_audit_delete AFTER DELETE ON settings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'settings', OLD.id, 'delete', json_object('id', OLD.id, 'authority', OLD.authority, 'panel_name', OLD.panel_name, 'decision_prefix', OLD.decision_prefix, 'first_review_months', OLD.first_review_months, 'review_months', OLD.review_months, 'notice_months', OLD.notice_months, 'quorum', OLD.quorum), NULL);
END;
CREATE TRIGGER partners_audit_insert AFTER INSERT ON partners BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'partners', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'position', NEW.position));
END;
CREATE TRIGGER partners_audit_update AFTER UPDATE ON partners BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'partners', NEW.id, 'update', json_object('id', OLD.id, 'code', OLD.code, 'name', OLD.name, 'position', OLD.position), json_object('id', NEW.id, 'code', NEW.code, 'name', NEW.name, 'position', NEW.position));
END;
CREATE TRIGGER partners_audit_delete AFTER DELETE ON partners BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'partners', OLD.id, 'delete', json_object('id', OLD.id, 'code', OLD.code, 'name', OLD.name, 'position', OLD.position), NULL);
END;
CREATE TRIGGER agreements_audit_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agreements', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'year_start', NEW.year_start, 'risk_share', NEW.risk_share));
END;
CREATE TRIGGER agreements_audit_update AFTER UPDATE ON agreements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agreements', NEW.id, 'update', json_object('id', OLD.id, 'year_start', OLD.year_start, 'risk_share', OLD.risk_share), json_object('id', NEW.id, 'year_start', NEW.year_start, 'risk_share', NEW.risk_share));
END;
CREATE TRIGGER agreements_audit_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agreements', OLD.id, 'delete', json_object('id', OLD.id, 'year_start', OLD.year_start, 'risk_share', OLD.risk_share), NULL);
END;
CREATE TRIGGER contributions_audit_insert AFTER INSERT ON contributions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'contributions', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'agreement_id', NEW.agreement_id, 'partner_id', NEW.partner_id, 'amount_pence', NEW.amount_pence));
END;
CREATE TRIGGER contributions_audit_update AFTER UPDATE ON contributions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'contributions', NEW.id, 'update', json_object('id', OLD.id, 'agreement_id', OLD.agreement_id, 'partner_id', OLD.partner_id, 'amount_pence', OLD.amount_pence), json_object('id', NEW.id, 'agreement_id', NEW.agreement_id, 'partner_id', NEW.partner_id, 'amount_pence', NEW.amount_pence));
END;
CREATE TRIGGER contributions_audit_delete AFTER DELETE ON contributions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'contributions', OLD.id, 'delete', json_object('id', OLD.id, 'agreement_id', OLD.agreement_id, 'partner_id', OLD.partner_id, 'amount_pence', OLD.amount_pence), NULL);
END;
CREATE TRIGGER cases_audit_insert AFTER INSERT ON cases BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cases', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'reference', NEW.reference, 'initials', NEW.initials, 'date_of_birth', NEW.date_of_birth, 'needs', NEW.needs));
END;
CREATE TRIGGER cases_audit_update AFTER UPDATE ON cases BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cases', NEW.id, 'update', json_object('id', OLD.id, 'reference', OLD.reference, 'initials', OLD.initials, 'date_of_birth', OLD.date_of_birth, 'needs', OLD.needs), json_object('id', NEW.id, 'reference', NEW.reference, 'initials', NEW.initials, 'date_of_birth', NEW.date_of_birth, 'needs', NEW.needs));
END;
CREATE TRIGGER cases_audit_delete AFTER DELETE ON cases BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cases', OLD.id, 'delete', json_object('id', OLD.id, 'reference', OLD.reference, 'initials', OLD.initials, 'date_of_birth', OLD.date_of_birth, 'needs', OLD.needs), NULL);
END;
CREATE TRIGGER placements_audit_insert AFTER INSERT ON placements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'placements', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'case_id', NEW.case_id, 'position', NEW.position, 'provider', NEW.provider, 'type', NEW.type, 'start_date', NEW.start_date, 'end_date', NEW.end_date));
END;
CREATE TRIGGER placements_audit_update AFTER UPDATE ON placements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'placements', NEW.id, 'update', json_object('id', OLD.id, 'case_id', OLD.case_id, 'position', OLD.position, 'provider', OLD.provider, 'type', OLD.type, 'start_date', OLD.start_date, 'end_date', OLD.end_date), json_object('id', NEW.id, 'case_id', NEW.case_id, 'position', NEW.position, 'provider', NEW.provider, 'type', NEW.type, 'start_date', NEW.start_date, 'end_date', NEW.end_date));
END;
CREATE TRIGGER placements_audit_delete AFTER DELETE ON placements BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'placements', OLD.id, 'delete', json_object('id', OLD.id, 'case_id', OLD.case_id, 'position', OLD.position, 'provider', OLD.provider, 'type', OLD.type, 'start_date', OLD.start_date, 'end_date', OLD.end_date), NULL);
END;
CREATE TRIGGER cost_lines_audit_insert AFTER INSERT ON cost_lines BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cost_lines', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'placement_id', NEW.placement_id, 'position', NEW.position, 'description', NEW.description, 'per', NEW.per, 'amount_pence', NEW.amount_pence, 'from_date', NEW.from_date, 'to_date', NEW.to_date));
END;
CREATE TRIGGER cost_lines_audit_update AFTER UPDATE ON cost_lines BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cost_lines', NEW.id, 'update', json_object('id', OLD.id, 'placement_id', OLD.placement_id, 'position', OLD.position, 'description', OLD.description, 'per', OLD.per, 'amount_pence', OLD.amount_pence, 'from_date', OLD.from_date, 'to_date', OLD.to_date), json_object('id', NEW.id, 'placement_id', NEW.placement_id, 'position', NEW.position, 'description', NEW.description, 'per', NEW.per, 'amount_pence', NEW.amount_pence, 'from_date', NEW.from_date, 'to_date', NEW.to_date));
END;
CREATE TRIGGER cost_lines_audit_delete AFTER DELETE ON cost_lines BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'cost_lines', OLD.id, 'delete', json_object('id', OLD.id, 'placement_id', OLD.placement_id, 'position', OLD.position, 'description', OLD.description, 'per', OLD.per, 'amount_pence', OLD.amount_pence, 'from_date', OLD.from_date, 'to_date', OLD.to_date), NULL);
END;
CREATE TRIGGER splits_audit_insert AFTER INSERT ON splits BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'splits', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'placement_id', NEW.placement_id, 'from_date', NEW.from_date));
END;
CREATE TRIGGER splits_audit_update AFTER UPDATE ON splits BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'splits', NEW.id, 'update', json_object('id', OLD.id, 'placement_id', OLD.placement_id, 'from_date', OLD.from_date), json_object('id', NEW.id, 'placement_id', NEW.placement_id, 'from_date', NEW.from_date));
END;
CREATE TRIGGER splits_audit_delete AFTER DELETE ON splits BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'splits', OLD.id, 'delete', json_object('id', OLD.id, 'placement_id', OLD.placement_id, 'from_date', OLD.from_date), NULL);
END;
CREATE TRIGGER split_shares_audit_insert AFTER INSERT ON split_shares BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'split_shares', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'split_id', NEW.split_id, 'partner_id', NEW.partner_id, 'basis_points', NEW.basis_points));
END;
CREATE TRIGGER split_shares_audit_update AFTER UPDATE ON split_shares BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'split_shares', NEW.id, 'update', json_object('id', OLD.id, 'split_id', OLD.split_id, 'partner_id', OLD.partner_id, 'basis_points', OLD.basis_points), json_object('id', NEW.id, 'split_id', NEW.split_id, 'partner_id', NEW.partner_id, 'basis_points', NEW.basis_points));
END;
CREATE TRIGGER split_shares_audit_delete AFTER DELETE ON split_shares BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'split_shares', OLD.id, 'delete', json_object('id', OLD.id, 'split_id', OLD.split_id, 'partner_id', OLD.partner_id, 'basis_points', OLD.basis_points), NULL);
END;
CREATE TRIGGER meetings_audit_insert AFTER INSERT ON meetings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'meetings', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'date', NEW.date, 'venue', NEW.venue, 'chair', NEW.chair, 'minutes_status', NEW.minutes_status));
END;
CREATE TRIGGER meetings_audit_update AFTER UPDATE ON meetings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'meetings', NEW.id, 'update', json_object('id', OLD.id, 'date', OLD.date, 'venue', OLD.venue, 'chair', OLD.chair, 'minutes_status', OLD.minutes_status), json_object('id', NEW.id, 'date', NEW.date, 'venue', NEW.venue, 'chair', NEW.chair, 'minutes_status', NEW.minutes_status));
END;
CREATE TRIGGER meetings_audit_delete AFTER DELETE ON meetings BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'meetings', OLD.id, 'delete', json_object('id', OLD.id, 'date', OLD.date, 'venue', OLD.venue, 'chair', OLD.chair, 'minutes_status', OLD.minutes_status), NULL);
END;
CREATE TRIGGER attendees_audit_insert AFTER INSERT ON attendees BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'attendees', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'name', NEW.name, 'agency', NEW.agency, 'represents_partner_id', NEW.represents_partner_id, 'role', NEW.role, 'attendance', NEW.attendance));
END;
CREATE TRIGGER attendees_audit_update AFTER UPDATE ON attendees BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'attendees', NEW.id, 'update', json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'name', OLD.name, 'agency', OLD.agency, 'represents_partner_id', OLD.represents_partner_id, 'role', OLD.role, 'attendance', OLD.attendance), json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'name', NEW.name, 'agency', NEW.agency, 'represents_partner_id', NEW.represents_partner_id, 'role', NEW.role, 'attendance', NEW.attendance));
END;
CREATE TRIGGER attendees_audit_delete AFTER DELETE ON attendees BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'attendees', OLD.id, 'delete', json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'name', OLD.name, 'agency', OLD.agency, 'represents_partner_id', OLD.represents_partner_id, 'role', OLD.role, 'attendance', OLD.attendance), NULL);
END;
CREATE TRIGGER agenda_items_audit_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agenda_items', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'case_id', NEW.case_id, 'title', NEW.title, 'presenter', NEW.presenter, 'minutes', NEW.minutes, 'ask', NEW.ask, 'notes', NEW.notes));
END;
CREATE TRIGGER agenda_items_audit_update AFTER UPDATE ON agenda_items BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agenda_items', NEW.id, 'update', json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'case_id', OLD.case_id, 'title', OLD.title, 'presenter', OLD.presenter, 'minutes', OLD.minutes, 'ask', OLD.ask, 'notes', OLD.notes), json_object('id', NEW.id, 'meeting_id', NEW.meeting_id, 'position', NEW.position, 'kind', NEW.kind, 'case_id', NEW.case_id, 'title', NEW.title, 'presenter', NEW.presenter, 'minutes', NEW.minutes, 'ask', NEW.ask, 'notes', NEW.notes));
END;
CREATE TRIGGER agenda_items_audit_delete AFTER DELETE ON agenda_items BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'agenda_items', OLD.id, 'delete', json_object('id', OLD.id, 'meeting_id', OLD.meeting_id, 'position', OLD.position, 'kind', OLD.kind, 'case_id', OLD.case_id, 'title', OLD.title, 'presenter', OLD.presenter, 'minutes', OLD.minutes, 'ask', OLD.ask, 'notes', OLD.notes), NULL);
END;
CREATE TRIGGER interests_audit_insert AFTER INSERT ON interests BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'interests', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'item_id', NEW.item_id, 'attendee_id', NEW.attendee_id, 'interest', NEW.interest, 'dispensation', NEW.dispensation));
END;
CREATE TRIGGER interests_audit_update AFTER UPDATE ON interests BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'interests', NEW.id, 'update', json_object('id', OLD.id, 'item_id', OLD.item_id, 'attendee_id', OLD.attendee_id, 'interest', OLD.interest, 'dispensation', OLD.dispensation), json_object('id', NEW.id, 'item_id', NEW.item_id, 'attendee_id', NEW.attendee_id, 'interest', NEW.interest, 'dispensation', NEW.dispensation));
END;
CREATE TRIGGER interests_audit_delete AFTER DELETE ON interests BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'interests', OLD.id, 'delete', json_object('id', OLD.id, 'item_id', OLD.item_id, 'attendee_id', OLD.attendee_id, 'interest', OLD.interest, 'dispensation', OLD.dispensation), NULL);
END;
CREATE TRIGGER decisions_audit_insert AFTER INSERT ON decisions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decisions', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'status', NEW.status, 'number', NEW.number, 'year_start', NEW.year_start, 'seq', NEW.seq, 'item_id', NEW.item_id, 'case_id', NEW.case_id, 'placement_id', NEW.placement_id, 'decided_on', NEW.decided_on, 'urgent', NEW.urgent, 'inquorate', NEW.inquorate, 'outcome', NEW.outcome, 'subject', NEW.subject, 'reasons', NEW.reasons, 'alternatives', NEW.alternatives, 'review_date', NEW.review_date, 'effective_from', NEW.effective_from, 'amends_id', NEW.amends_id));
END;
CREATE TRIGGER decisions_audit_update AFTER UPDATE ON decisions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decisions', NEW.id, 'update', json_object('id', OLD.id, 'status', OLD.status, 'number', OLD.number, 'year_start', OLD.year_start, 'seq', OLD.seq, 'item_id', OLD.item_id, 'case_id', OLD.case_id, 'placement_id', OLD.placement_id, 'decided_on', OLD.decided_on, 'urgent', OLD.urgent, 'inquorate', OLD.inquorate, 'outcome', OLD.outcome, 'subject', OLD.subject, 'reasons', OLD.reasons, 'alternatives', OLD.alternatives, 'review_date', OLD.review_date, 'effective_from', OLD.effective_from, 'amends_id', OLD.amends_id), json_object('id', NEW.id, 'status', NEW.status, 'number', NEW.number, 'year_start', NEW.year_start, 'seq', NEW.seq, 'item_id', NEW.item_id, 'case_id', NEW.case_id, 'placement_id', NEW.placement_id, 'decided_on', NEW.decided_on, 'urgent', NEW.urgent, 'inquorate', NEW.inquorate, 'outcome', NEW.outcome, 'subject', NEW.subject, 'reasons', NEW.reasons, 'alternatives', NEW.alternatives, 'review_date', NEW.review_date, 'effective_from', NEW.effective_from, 'amends_id', NEW.amends_id));
END;
CREATE TRIGGER decisions_audit_delete AFTER DELETE ON decisions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decisions', OLD.id, 'delete', json_object('id', OLD.id, 'status', OLD.status, 'number', OLD.number, 'year_start', OLD.year_start, 'seq', OLD.seq, 'item_id', OLD.item_id, 'case_id', OLD.case_id, 'placement_id', OLD.placement_id, 'decided_on', OLD.decided_on, 'urgent', OLD.urgent, 'inquorate', OLD.inquorate, 'outcome', OLD.outcome, 'subject', OLD.subject, 'reasons', OLD.reasons, 'alternatives', OLD.alternatives, 'review_date', OLD.review_date, 'effective_from', OLD.effective_from, 'amends_id', OLD.amends_id), NULL);
END;
CREATE TRIGGER decision_paragraphs_audit_insert AFTER INSERT ON decision_paragraphs BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decision_paragraphs', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'text', NEW.text));
END;
CREATE TRIGGER decision_paragraphs_audit_update AFTER UPDATE ON decision_paragraphs BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decision_paragraphs', NEW.id, 'update', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'text', OLD.text), json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'text', NEW.text));
END;
CREATE TRIGGER decision_paragraphs_audit_delete AFTER DELETE ON decision_paragraphs BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'decision_paragraphs', OLD.id, 'delete', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'text', OLD.text), NULL);
END;
CREATE TRIGGER conditions_audit_insert AFTER INSERT ON conditions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'conditions', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'text', NEW.text));
END;
CREATE TRIGGER conditions_audit_update AFTER UPDATE ON conditions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'conditions', NEW.id, 'update', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'text', OLD.text), json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'text', NEW.text));
END;
CREATE TRIGGER conditions_audit_delete AFTER DELETE ON conditions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'conditions', OLD.id, 'delete', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'text', OLD.text), NULL);
END;
CREATE TRIGGER actions_audit_insert AFTER INSERT ON actions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'actions', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'action', NEW.action, 'owner', NEW.owner, 'due', NEW.due));
END;
CREATE TRIGGER actions_audit_update AFTER UPDATE ON actions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'actions', NEW.id, 'update', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'action', OLD.action, 'owner', OLD.owner, 'due', OLD.due), json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'position', NEW.position, 'action', NEW.action, 'owner', NEW.owner, 'due', NEW.due));
END;
CREATE TRIGGER actions_audit_delete AFTER DELETE ON actions BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'actions', OLD.id, 'delete', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'position', OLD.position, 'action', OLD.action, 'owner', OLD.owner, 'due', OLD.due), NULL);
END;
CREATE TRIGGER assents_audit_insert AFTER INSERT ON assents BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'assents', NEW.id, 'insert', NULL, json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'partner_id', NEW.partner_id, 'assent', NEW.assent));
END;
CREATE TRIGGER assents_audit_update AFTER UPDATE ON assents BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'assents', NEW.id, 'update', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'partner_id', OLD.partner_id, 'assent', OLD.assent), json_object('id', NEW.id, 'decision_id', NEW.decision_id, 'partner_id', NEW.partner_id, 'assent', NEW.assent));
END;
CREATE TRIGGER assents_audit_delete AFTER DELETE ON assents BEGIN
    INSERT INTO audit_log (at, actor, table_name, row_id, action, before, after)
    VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), panel_actor(), 'assents', OLD.id, 'delete', json_object('id', OLD.id, 'decision_id', OLD.decision_id, 'partner_id', OLD.partner_id, 'assent', OLD.assent), NULL);
END;
