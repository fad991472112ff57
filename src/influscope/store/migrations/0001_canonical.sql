-- The canonical tables of DESIGN.md §3. Times are naive UTC TIMESTAMP (µs).
-- The high-volume tables (documents, actors, interactions, links, enrichments)
-- have no PRIMARY KEY constraint: DuckDB's index made bulk imports 3x slower
-- (measured: commit 4.5 s vs 1.3 s for 200k rows). Their keys are declared in
-- store/writer.py (KEYS) and enforced by the one writer, which only ever
-- inserts keys it has checked are absent.
CREATE TABLE documents (
    doc_id        VARCHAR NOT NULL,
    platform      VARCHAR NOT NULL,
    native_id     VARCHAR NOT NULL,
    author_id     VARCHAR,
    published_at  TIMESTAMP,
    text          VARCHAR,
    title         VARCHAR,
    url           VARCHAR,
    lang          VARCHAR,
    likes         BIGINT,
    shares        BIGINT,
    replies       BIGINT,
    views         BIGINT,
    reply_to      VARCHAR,
    repost_of     VARCHAR,
    quote_of      VARCHAR,
    hashtags      VARCHAR[],
    mentions      VARCHAR[],
    raw           VARCHAR,
    source_run    VARCHAR,
    collected_at  TIMESTAMP
);

CREATE TABLE actors (
    actor_id      VARCHAR NOT NULL,
    platform      VARCHAR NOT NULL,
    handle        VARCHAR,
    name          VARCHAR,
    bio           VARCHAR,
    followers     BIGINT,
    homepage      VARCHAR,
    verified      BOOLEAN,
    kind          VARCHAR,
    kind_source   VARCHAR,
    attrs         VARCHAR,
    raw           VARCHAR,
    source_run    VARCHAR,
    collected_at  TIMESTAMP
);

-- One edge per (kind, src, dst, doc_id); edges without a document (imported
-- graphs) use doc_id = '' so the key stays total.
CREATE TABLE interactions (
    src           VARCHAR NOT NULL,
    dst           VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    doc_id        VARCHAR NOT NULL DEFAULT '',
    "at"          TIMESTAMP,
    weight        DOUBLE DEFAULT 1.0,
    source_run    VARCHAR
);

CREATE TABLE links (
    doc_id        VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    domain        VARCHAR
);

CREATE TABLE search_demand (
    query         VARCHAR NOT NULL,
    locale        VARCHAR NOT NULL DEFAULT '',
    period        VARCHAR NOT NULL DEFAULT '',
    volume        DOUBLE,
    clicks        DOUBLE,
    impressions   DOUBLE,
    position      DOUBLE,
    source        VARCHAR,
    source_run    VARCHAR,
    PRIMARY KEY (query, locale, period)
);

CREATE TABLE serp (
    query         VARCHAR NOT NULL,
    captured_at   TIMESTAMP NOT NULL,
    engine        VARCHAR NOT NULL DEFAULT '',
    rank          INTEGER NOT NULL,
    url           VARCHAR NOT NULL,
    title         VARCHAR,
    snippet       VARCHAR,
    domain        VARCHAR,
    source_run    VARCHAR,
    PRIMARY KEY (query, captured_at, engine, rank)
);

CREATE TABLE enrichments (
    subject       VARCHAR NOT NULL,          -- 'document' or 'actor'
    subject_id    VARCHAR NOT NULL,
    field         VARCHAR NOT NULL,
    value         VARCHAR,
    score         DOUBLE,
    producer      VARCHAR NOT NULL,
    producer_version VARCHAR NOT NULL,
    run_id        VARCHAR,
    created_at    TIMESTAMP
);

CREATE TABLE axes (
    name          VARCHAR PRIMARY KEY,
    query         VARCHAR NOT NULL,
    label         VARCHAR,
    competitors   VARCHAR[]
);

CREATE TABLE brands (
    name          VARCHAR PRIMARY KEY,
    aliases       VARCHAR[],
    handles       VARCHAR[],
    domains       VARCHAR[],
    exclude       VARCHAR,
    own           BOOLEAN
);

CREATE TABLE offline_notes (
    actor_id      VARCHAR NOT NULL,
    date          TIMESTAMP NOT NULL,
    stance        VARCHAR,
    note          VARCHAR,
    owner         VARCHAR,
    source_run    VARCHAR,
    PRIMARY KEY (actor_id, date, owner)
);

CREATE TABLE alerts (
    alert_id      VARCHAR PRIMARY KEY,
    rule          VARCHAR NOT NULL,
    key           VARCHAR NOT NULL,
    severity      VARCHAR,
    fired_at      TIMESTAMP NOT NULL,
    window_start  TIMESTAMP,
    window_end    TIMESTAMP,
    observed      DOUBLE,
    expected      DOUBLE,
    probability   DOUBLE,
    score         DOUBLE,
    explanation   VARCHAR,
    evidence      VARCHAR,
    state         VARCHAR NOT NULL DEFAULT 'new',
    state_by      VARCHAR,
    state_at      TIMESTAMP
);

CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,
    command       VARCHAR NOT NULL,
    params        VARCHAR,
    params_hash   VARCHAR,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    status        VARCHAR NOT NULL,
    counts        VARCHAR,
    errors        INTEGER DEFAULT 0
);

CREATE TABLE run_errors (
    run_id        VARCHAR NOT NULL,
    seq           INTEGER NOT NULL,
    file          VARCHAR,
    line          BIGINT,
    field         VARCHAR,
    reason        VARCHAR NOT NULL,
    raw           VARCHAR,
    PRIMARY KEY (run_id, seq)
);

-- Where a long import or a live source stopped, so a restart resumes.
CREATE TABLE cursors (
    name          VARCHAR PRIMARY KEY,
    value         VARCHAR,
    updated_at    TIMESTAMP
);
