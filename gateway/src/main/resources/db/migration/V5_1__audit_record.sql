-- Audit events are stored as their compact record (JSON: who, what, why, what was released) and
-- turned into the FHIR AuditEvent when read: building and encoding the resource on every request
-- was a large share of a small request's cost. Rows written before keep their resource.
ALTER TABLE audit_event ADD COLUMN record TEXT;
ALTER TABLE audit_event ALTER COLUMN resource DROP NOT NULL;
