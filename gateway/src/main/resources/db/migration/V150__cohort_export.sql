-- FHIR Bulk Data cohort exports (docs/export.md). A job row is the export's whole state, so any
-- instance answers its status; the work runs on the instance that took the kick-off and beats
-- updated_at while it runs. A job that stopped beating (its instance died) is failed by the next
-- kick-off or poll.
CREATE TABLE export_job (
    id            VARCHAR(64)              PRIMARY KEY,
    recipient     VARCHAR(100)             NOT NULL,
    state         VARCHAR(20)              NOT NULL,
    request       VARCHAR(2000)            NOT NULL,
    types         VARCHAR(400)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    persons_total INTEGER                  NOT NULL DEFAULT 0,
    persons_done  INTEGER                  NOT NULL DEFAULT 0,
    -- The risk report (JSON), once the cohort is assessed; the reviewer's decision, if any.
    risk          TEXT,
    reviewer      VARCHAR(100),
    error         VARCHAR(400),
    CONSTRAINT export_job_state CHECK (CASE state WHEN 'in-progress' THEN 1
        WHEN 'awaiting-review' THEN 1 WHEN 'complete' THEN 1 WHEN 'failed' THEN 1
        WHEN 'rejected' THEN 1 ELSE 0 END = 1)
);

-- One running export per recipient: a second kick-off is refused (429) by this key. (A table, not
-- a partial unique index, which the demo's H2 does not have.) Its row goes when the job stops.
CREATE TABLE export_running (
    recipient  VARCHAR(100) PRIMARY KEY,
    job_id     VARCHAR(64)  NOT NULL
);

-- The output: one row per person and type (that person's NDJSON lines of that type), so that a
-- person suppressed to reach k is left out of every file without rewriting any. Deleted with the
-- job.
CREATE TABLE export_part (
    job_id      VARCHAR(64) NOT NULL REFERENCES export_job (id) ON DELETE CASCADE,
    seq         INTEGER     NOT NULL,
    type        VARCHAR(40) NOT NULL,
    lines       TEXT        NOT NULL,
    count       INTEGER     NOT NULL,
    suppressed  BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT export_part_pk PRIMARY KEY (job_id, type, seq)
);
