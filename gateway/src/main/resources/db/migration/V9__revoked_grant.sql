-- Grants and tokens revoked before their access tokens expire: a JWT is checked locally by every
-- instance, so each instance keeps this list in memory (loaded at start, then told of every new row
-- by a cluster event) and refuses any token it names. A row can go once its expiry has passed,
-- since every token it names has expired by then. A key is 'grant:{authorization id}' or
-- 'token:{SHA-256 of the access token, hex}'.
CREATE TABLE revoked_grant (
    revoked_key VARCHAR(120) NOT NULL PRIMARY KEY,
    revoked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX revoked_grant_expires ON revoked_grant (expires_at);
