-- Hospital onboarding: the operator role, and the certificates the gateway CA issued to hospitals.

ALTER TABLE staff_account DROP CONSTRAINT staff_account_role;
ALTER TABLE staff_account ADD CONSTRAINT staff_account_role
    CHECK (role IN ('regulator', 'trust-center', 'operator'));

-- One row per certificate issued to a hospital's adapter. A certificate is valid for TLS from
-- not_before to not_after unless revoked_at is set; several may be valid at once during a rotation.
-- The keys stay with the hospitals: only the certificate is kept.
CREATE TABLE hospital_certificate (
    serial            VARCHAR(64)   NOT NULL PRIMARY KEY,
    hospital_code     VARCHAR(40)   NOT NULL REFERENCES hospital (code),
    subject           VARCHAR(400)  NOT NULL,
    host              VARCHAR(255)  NOT NULL,
    sha256            VARCHAR(64)   NOT NULL UNIQUE,
    not_before        TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after         TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at        TIMESTAMP WITH TIME ZONE,
    revocation_reason VARCHAR(40),
    pem               VARCHAR(8000) NOT NULL
);
CREATE INDEX hospital_certificate_hospital ON hospital_certificate (hospital_code);
