-- Cartography (issue 4): labels given by the user, the employee roster, and the
-- persisted results of `influscope map` so the API and dashboard read them fast.
-- A map is computed for a *scope* (axis, time window); `scope` is the text key
-- 'axis|since|until' (empty parts for "all"), and each run replaces its scope:
-- the per-actor and per-edge result tables carry no PRIMARY KEY (deleting and
-- re-inserting a million keyed rows in DuckDB is slow); the map writer deletes
-- the scope and appends, which keeps (scope, level, actor_id) and
-- (scope, src, dst) unique.

-- Labels given by the user on actors (`influscope label actors FILE.csv`):
-- field = stance | kind | same (merge group) | any other field.
CREATE TABLE actor_labels (
    actor_id      VARCHAR NOT NULL,
    field         VARCHAR NOT NULL,
    value         VARCHAR,
    source_run    VARCHAR,
    labelled_at   TIMESTAMP,
    PRIMARY KEY (actor_id, field)
);

-- The company's employees (`influscope ingest roster FILE.csv`).
CREATE TABLE roster (
    actor_id      VARCHAR PRIMARY KEY,
    name          VARCHAR,
    department    VARCHAR,
    source_run    VARCHAR
);

-- One row per map computation.
CREATE TABLE map_runs (
    run_id        VARCHAR PRIMARY KEY,
    scope         VARCHAR NOT NULL,
    axis          VARCHAR,
    since         TIMESTAMP,
    until         TIMESTAMP,
    params        VARCHAR,
    nodes         BIGINT,
    edges         BIGINT,
    coarse_resolution DOUBLE,
    fine_resolution   DOUBLE,
    modularity_coarse DOUBLE,
    modularity_fine   DOUBLE,
    seconds       DOUBLE,
    created_at    TIMESTAMP
);

-- Community profiles per level ('coarse' or 'fine'); ids are stable across
-- runs of a scope (matched to the previous run's communities by overlap).
CREATE TABLE communities (
    scope         VARCHAR NOT NULL,
    level         VARCHAR NOT NULL,
    community     INTEGER NOT NULL,
    parent        INTEGER,
    label         VARCHAR,
    size          BIGINT,
    role          VARCHAR,
    color         VARCHAR,
    profile       VARCHAR,          -- JSON: top actors/terms/hashtags/domains, kinds, stance mix, sentiment, growth
    run_id        VARCHAR,
    PRIMARY KEY (scope, level, community)
);

CREATE TABLE community_members (
    scope         VARCHAR NOT NULL,
    level         VARCHAR NOT NULL,
    actor_id      VARCHAR NOT NULL,
    community     INTEGER NOT NULL,
    run_id        VARCHAR
);

-- Everything the map says about one actor in a scope.
CREATE TABLE actor_map (
    scope         VARCHAR NOT NULL,
    actor_id      VARCHAR NOT NULL,
    stance        VARCHAR,
    stance_source VARCHAR,          -- seed | offline | text | propagated
    stance_confidence DOUBLE,
    online_stance VARCHAR,          -- stance ignoring offline notes (for divergence)
    offline_stance VARCHAR,
    role          VARCHAR,
    roles         VARCHAR,          -- every role, ';'-separated
    tier          VARCHAR,
    weight        DOUBLE,           -- weighted degree in the map graph
    pagerank      DOUBLE,
    participation DOUBLE,
    cites_brand   BOOLEAN,
    x             DOUBLE,
    y             DOUBLE,
    run_id        VARCHAR
);

-- The aggregated, undirected edges of the map (for drawing it).
CREATE TABLE map_edges (
    scope         VARCHAR NOT NULL,
    src           VARCHAR NOT NULL,
    dst           VARCHAR NOT NULL,
    weight        DOUBLE,
    run_id        VARCHAR
);
