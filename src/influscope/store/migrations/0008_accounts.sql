-- Accounts of the REST API and dashboard: users with a role, API tokens and
-- browser sessions. Secrets are never stored: passwords as argon2 hashes,
-- tokens and session ids as SHA-256 digests (they are long random strings).
CREATE TABLE users (
    name          VARCHAR PRIMARY KEY,
    role          VARCHAR NOT NULL,          -- admin, analyst or viewer
    password_hash VARCHAR,
    created_at    TIMESTAMP NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE api_tokens (
    token_hash    VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,          -- the user it belongs to
    label         VARCHAR,
    created_at    TIMESTAMP NOT NULL,
    last_used_at  TIMESTAMP
);

CREATE TABLE sessions (
    session_hash  VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    csrf          VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    expires_at    TIMESTAMP NOT NULL
);
