-- The trust center's re-identification requests: one officer asks, with a reason (and a legal
-- basis where the person's research consent is no longer in force); a second officer approves;
-- then the first receives the answer. The person is never stored here: only the pseudonym.
CREATE TABLE reidentification_request (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    requester       VARCHAR(200) NOT NULL,
    domain          VARCHAR(100) NOT NULL,
    pseudonym       VARCHAR(100) NOT NULL,
    reason          VARCHAR(500) NOT NULL,
    legal_basis     VARCHAR(40),
    legal_reference VARCHAR(200),
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    approver        VARCHAR(200),
    approved_at     TIMESTAMP WITH TIME ZONE
);
