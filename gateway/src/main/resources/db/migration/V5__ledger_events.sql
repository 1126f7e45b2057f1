-- Staff who sign in through the authorization server: regulators, who review the consent ledger,
-- and the trust center, which alone may re-identify a pseudonym.
CREATE TABLE staff_account (
    username      VARCHAR(100) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT staff_account_role CHECK (role IN ('regulator', 'trust-center'))
);

-- A searchable copy of the consent ledger's entries, filled from ledger_leaf (the ledger itself is
-- the record; this table can be dropped and rebuilt from it at any time).
CREATE TABLE ledger_event (
    leaf_index     BIGINT       NOT NULL PRIMARY KEY,
    entry_type     VARCHAR(30)  NOT NULL,
    event_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    consent_id     VARCHAR(64),
    patient        VARCHAR(100) NOT NULL,
    recipient      VARCHAR(100),
    purposes       TEXT,
    resource_types TEXT,
    hospitals      TEXT
);
CREATE INDEX ledger_event_time ON ledger_event (event_time, leaf_index);
CREATE INDEX ledger_event_consent ON ledger_event (consent_id);

-- One row per (event, hospital), so that searches by hospital use an index.
CREATE TABLE ledger_event_hospital (
    leaf_index BIGINT     NOT NULL,
    hospital   VARCHAR(64) NOT NULL,
    PRIMARY KEY (hospital, leaf_index)
);

-- Consents whose expiry is in the ledger: the marker makes two gateway instances record each
-- expiry once (the second insert conflicts and its transaction, ledger entry included, rolls back).
CREATE TABLE consent_expiry_recorded (
    consent_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The trust center's re-identification table: pseudonym -> person, per recipient domain, written
-- before a pseudonymized release leaves the gateway. Only ever read for a re-identification.
CREATE TABLE pseudonym_index (
    domain      VARCHAR(100) NOT NULL,
    pseudonym   VARCHAR(100) NOT NULL,
    national_id VARCHAR(14)  NOT NULL,
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (domain, pseudonym)
);
