-- The register as a chain: each final decision's seal linked to the one before by a SHA-256
-- digest of the previous link's digest, the decision's number and its sealed content. A
-- decision changed or deleted behind the program's back, even with every trigger removed,
-- breaks the chain; a printed record carries its digest, so it can be checked against the
-- register. Seals made before this version are chained by the program when it opens the file.
CREATE TABLE seal_chain (
    position    INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL UNIQUE REFERENCES decisions (id),
    number      TEXT    NOT NULL,
    previous    TEXT    NOT NULL CHECK (length(previous) = 64),
    digest      TEXT    NOT NULL UNIQUE CHECK (length(digest) = 64)
);
CREATE TRIGGER seal_chain_no_update BEFORE UPDATE ON seal_chain
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER seal_chain_no_delete BEFORE DELETE ON seal_chain
BEGIN SELECT RAISE(ABORT, 'a finalised decision cannot be changed: record an amending decision'); END;
CREATE TRIGGER decision_seals_chain AFTER INSERT ON decision_seals
BEGIN
    INSERT INTO seal_chain (decision_id, number, previous, digest)
    SELECT NEW.decision_id, d.number, p.previous,
           panel_sha256(p.previous || char(10) || d.number || char(10) || NEW.content)
    FROM decisions d,
         (SELECT coalesce((SELECT digest FROM seal_chain ORDER BY position DESC LIMIT 1),
                          '0000000000000000000000000000000000000000000000000000000000000000') AS previous) p
    WHERE d.id = NEW.decision_id;
END;
