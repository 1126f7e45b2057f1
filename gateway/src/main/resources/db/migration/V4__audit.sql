-- Audit events (IHE Basic Audit Log Patterns): one row per access decision or disclosure,
-- written before anything is released. The FHIR AuditEvent is kept whole; the columns beside it
-- are what searches filter on.
CREATE TABLE audit_event (
    id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    recorded       TIMESTAMP WITH TIME ZONE NOT NULL,
    patient_id     VARCHAR(64),
    client_id      VARCHAR(100)  NOT NULL,
    action         VARCHAR(20)   NOT NULL,
    outcome        VARCHAR(10)   NOT NULL,
    purpose        VARCHAR(20),
    resource       TEXT          NOT NULL
);
CREATE INDEX audit_event_patient ON audit_event (patient_id, recorded);
CREATE INDEX audit_event_recorded ON audit_event (recorded);
