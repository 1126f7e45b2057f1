-- Linkage keys provisioned through the operator API (a key set in the configuration is not here).
-- Each is sealed with AES-256-GCM under a key derived from the at-rest key (hiway.pii.key), the
-- hospital code bound as associated data: a copy of this table opens nothing, and a row moved to
-- another hospital does not open either.
CREATE TABLE hospital_linkage_key (
    hospital_code   VARCHAR(40)   NOT NULL PRIMARY KEY REFERENCES hospital (code),
    sealed          VARCHAR(200)  NOT NULL,
    provisioned_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    provisioned_by  VARCHAR(100)  NOT NULL
);
