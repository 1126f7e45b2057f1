-- The jti of each accepted client assertion (RFC 7523, SMART Backend Services), until the assertion
-- expires, so that a replayed assertion is refused by every gateway instance: the primary key makes
-- the second insert fail. The jti is kept as its SHA-256 hash (hex), whatever its length.
CREATE TABLE client_assertion_jti (
    client_id  VARCHAR(100) NOT NULL,
    jti_hash   VARCHAR(64)  NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, jti_hash)
);
CREATE INDEX client_assertion_jti_expires ON client_assertion_jti (expires_at);
