-- Patients' consents. A consent is a chain of immutable versions: consent_version rows are only
-- ever inserted, never updated or deleted, and a revocation is the next version with status
-- 'inactive'. The consent row holds what does not change (owner, creation) and which version is
-- current; a writer locks it (SELECT ... FOR UPDATE) so that concurrent writers take turns, and the
-- primary key (id, version) refuses a duplicate version should one slip past the lock.
CREATE TABLE consent (
    id              VARCHAR(64)              PRIMARY KEY,
    patient_id      VARCHAR(64)              NOT NULL,
    current_version BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT consent_current_version_positive CHECK (current_version >= 1)
);

CREATE INDEX consent_patient_idx ON consent (patient_id);

-- fhir_json is the canonical FHIR R4 Consent of the version, the source of truth; the other
-- columns copy from it what queries select on.
CREATE TABLE consent_version (
    id          VARCHAR(64)              NOT NULL,
    version     BIGINT                   NOT NULL,
    patient_id  VARCHAR(64)              NOT NULL,
    recipient   VARCHAR(64)              NOT NULL,
    status      VARCHAR(20)              NOT NULL,
    valid_from  TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_to    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    fhir_json   TEXT                     NOT NULL,
    CONSTRAINT consent_version_pk PRIMARY KEY (id, version),
    CONSTRAINT consent_version_consent_fk FOREIGN KEY (id) REFERENCES consent (id),
    CONSTRAINT consent_version_positive CHECK (version >= 1),
    CONSTRAINT consent_version_validity CHECK (valid_from < valid_to),
    -- A CASE, not IN (...): H2 2.4 evaluates an IN-list check in the session that created it,
    -- and fails every insert once that session (Flyway's) is closed.
    CONSTRAINT consent_version_status CHECK (CASE status WHEN 'draft' THEN 1 WHEN 'proposed' THEN 1
        WHEN 'active' THEN 1 WHEN 'rejected' THEN 1 WHEN 'inactive' THEN 1
        WHEN 'entered-in-error' THEN 1 ELSE 0 END = 1)
);

CREATE INDEX consent_version_patient_recipient_idx ON consent_version (patient_id, recipient);
CREATE INDEX consent_version_status_idx ON consent_version (patient_id, status);
CREATE INDEX consent_version_validity_idx ON consent_version (valid_from, valid_to);
CREATE INDEX consent_version_created_idx ON consent_version (created_at);
