-- Rate limits shared by every instance: Bucket4j's token buckets (state serialized by Bucket4j,
-- expires_at in epoch milliseconds, after which a bucket is full again and its row may go).
CREATE TABLE rate_limit_bucket (
    id         VARCHAR(300) NOT NULL PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

-- Failed sign-ins of one account from one address: after a few, the next try must wait, the wait
-- doubling with each further failure up to a cap; a success clears the row.
CREATE TABLE sign_in_failure (
    attempt_key  VARCHAR(300) NOT NULL PRIMARY KEY,
    failures     INTEGER      NOT NULL,
    retry_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failure TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failure_last ON sign_in_failure (last_failure);
