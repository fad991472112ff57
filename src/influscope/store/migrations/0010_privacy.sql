-- Erased actors are remembered by a keyed hash only, so a later import of the
-- same export does not bring them back, without keeping who they were.
CREATE TABLE erasures (
    actor_hash    VARCHAR PRIMARY KEY,
    erased_at     TIMESTAMP NOT NULL,
    run_id        VARCHAR,
    documents     BIGINT,
    rows_deleted  BIGINT
);

-- Workspace-private values (the salt of pseudonymisation hashes); never exported.
CREATE TABLE secrets (
    name          VARCHAR PRIMARY KEY,
    value         VARCHAR NOT NULL
);
INSERT INTO secrets SELECT 'salt', md5(random()::VARCHAR) || md5(random()::VARCHAR);
