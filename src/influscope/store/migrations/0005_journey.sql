-- Influence journey (parcours): the crawl frontier and the computed journey weights.

-- One row per URL the crawler knows: queued, fetched, skipped or failed. A
-- restarted crawl picks up the 'queued' rows, so a killed crawl resumes.
CREATE TABLE crawl_frontier (
    url           VARCHAR PRIMARY KEY,       -- canonical URL
    host          VARCHAR,
    depth         INTEGER NOT NULL DEFAULT 0,
    state         VARCHAR NOT NULL DEFAULT 'queued',  -- queued|fetched|skipped|failed
    reason        VARCHAR,
    http_status   INTEGER,
    final_url     VARCHAR,
    content_type  VARCHAR,
    bytes         BIGINT,
    discovered_from VARCHAR,
    queued_at     TIMESTAMP,
    fetched_at    TIMESTAMP,
    run_id        VARCHAR
);

-- Journey weight per node (a page URL or an account) and per actor, by axis
-- ('' = the whole workspace). level is 'page' or 'actor'.
CREATE TABLE journey_weights (
    axis          VARCHAR NOT NULL DEFAULT '',
    level         VARCHAR NOT NULL,
    node_id       VARCHAR NOT NULL,
    actor_id      VARCHAR,
    url           VARCHAR,
    weight        DOUBLE NOT NULL,
    rank          INTEGER,
    top_queries   VARCHAR[],
    run_id        VARCHAR,
    computed_at   TIMESTAMP,
    PRIMARY KEY (axis, level, node_id)
);

-- The top paths (entry -> result -> next page -> actor) explaining a weight.
CREATE TABLE journey_paths (
    axis          VARCHAR NOT NULL DEFAULT '',
    actor_id      VARCHAR NOT NULL,
    seq           INTEGER NOT NULL,
    entry_kind    VARCHAR NOT NULL,          -- search | social
    entry         VARCHAR NOT NULL,          -- the query, or the social exposure source
    result        VARCHAR,                   -- the SERP result (or social entry node)
    page          VARCHAR,                   -- the next node visited, when the path goes on
    share         DOUBLE NOT NULL,           -- share of the actor's encounters
    run_id        VARCHAR,
    PRIMARY KEY (axis, actor_id, seq)
);
