-- A meeting's start time, so that its agenda has clock times: `hh:mm` on the 24-hour clock,
-- or NULL where nobody has said (meetings recorded before it existed).
ALTER TABLE meetings ADD COLUMN starts_at TEXT
    CHECK (starts_at IS NULL OR (starts_at GLOB '[0-2][0-9]:[0-5][0-9]' AND starts_at < '24:00'));
