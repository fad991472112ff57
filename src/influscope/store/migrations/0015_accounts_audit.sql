-- Accounts that can be revoked (issue 16): API tokens expire and can be
-- revoked; every write of the API and every account change is logged.
-- Tokens issued before this migration expire 90 days after their creation
-- (the default of [server] token_days).
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP;
ALTER TABLE api_tokens ADD COLUMN revoked_at TIMESTAMP;
UPDATE api_tokens SET expires_at = created_at + INTERVAL 90 DAY;

-- Who changed what, when: a row per API write (method, path, answer status)
-- and per account change typed on the command line. Never holds a secret.
CREATE TABLE audit_log (
    logged_at     TIMESTAMP NOT NULL,
    actor         VARCHAR NOT NULL,          -- a user name, or 'cli:<login>' for the command line
    action        VARCHAR NOT NULL,          -- 'POST /api/alerts/{id}/ack', 'users.disable', ...
    target        VARCHAR,                   -- what it acted on (a user, an alert id, a path)
    status        INTEGER,                   -- the HTTP status of an API write
    address       VARCHAR                    -- the client address of an API write
);
