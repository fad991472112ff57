-- Health of each live source ([[sources]] in influscope.toml), one row per source:
-- when it last ran, last succeeded, last failed and why, what it fetched, the
-- rate limits its API reported, and when it is due next. The resume cursor
-- itself lives in `cursors` (name 'source:<name>'), committed with each batch.
CREATE TABLE source_state (
    name            VARCHAR PRIMARY KEY,
    connector       VARCHAR NOT NULL,
    last_run_at     TIMESTAMP,
    last_success_at TIMESTAMP,
    last_error_at   TIMESTAMP,
    last_error      VARCHAR,
    last_fetched    BIGINT,
    last_rejected   BIGINT,
    total_fetched   BIGINT DEFAULT 0,
    runs            BIGINT DEFAULT 0,
    failures        BIGINT DEFAULT 0,
    rate_limits     VARCHAR,
    next_run_at     TIMESTAMP
);
