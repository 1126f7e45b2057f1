-- Numbered after the consent library's V110: Flyway applies versions in order, and a database
-- already at V110 would refuse a lower new version (the gateway's V1-V9 and the library's V100-V110
-- share one history).
-- The patient's own access is recorded in two appends (docs/audit.md): the access itself, written
-- before anything is released and marked pending, then its outcome (what was released and
-- withheld), written after the release into audit_outcome. Neither row is ever updated. A pending
-- event without an outcome row is read as an access whose outcome is incomplete: the instance
-- stopped after the access was recorded, perhaps after the release.
ALTER TABLE audit_event ADD COLUMN pending BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE audit_outcome (
    event_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
    completed   TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(10)   NOT NULL,
    record      TEXT          NOT NULL
);
