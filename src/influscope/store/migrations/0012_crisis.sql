-- Crisis mode (issue 14): incidents group the alerts of one event; claims are
-- narratives a person marked (false, with fact-check links); the crisis
-- analyses of a window are stored with their run.

-- One incident: an event the on-call person acknowledges and resolves once,
-- whatever number of alerts it raised. window_* is the union of its alerts'
-- event windows; state goes open -> acknowledged -> resolved.
CREATE TABLE incidents (
    incident_id     VARCHAR PRIMARY KEY,
    title           VARCHAR,
    scopes          VARCHAR,                 -- JSON list of the alerts' scopes
    severity        VARCHAR NOT NULL DEFAULT 'warning',
    state           VARCHAR NOT NULL DEFAULT 'open',
    owner           VARCHAR,
    window_start    TIMESTAMP NOT NULL,
    window_end      TIMESTAMP NOT NULL,
    opened_at       TIMESTAMP NOT NULL,      -- wall clock
    acknowledged_at TIMESTAMP,
    resolved_at     TIMESTAMP,
    updated_at      TIMESTAMP,
    evidence        VARCHAR                  -- JSON: pooled actors, links, documents
);

-- Which incident an alert belongs to (an alert is in one incident).
CREATE TABLE incident_alerts (
    alert_id        VARCHAR PRIMARY KEY,
    incident_id     VARCHAR NOT NULL,
    added_at        TIMESTAMP NOT NULL
);

-- The timeline: opened, alert added, acknowledged, owner set, note, resolved.
CREATE TABLE incident_events (
    incident_id     VARCHAR NOT NULL,
    seq             INTEGER NOT NULL,
    happened_at     TIMESTAMP NOT NULL,
    kind            VARCHAR NOT NULL,
    by_user         VARCHAR,
    detail          VARCHAR,
    PRIMARY KEY (incident_id, seq)
);

-- A claim: a narrative someone named (a query, or the documents of a detected
-- narrative), possibly marked false with its fact-check links and the time of
-- the debunk (its spread after that moment is tracked).
CREATE TABLE claims (
    claim_id        VARCHAR PRIMARY KEY,
    title           VARCHAR NOT NULL,
    query           VARCHAR,
    verdict         VARCHAR NOT NULL DEFAULT 'unverified',   -- unverified | false | true | misleading
    fact_checks     VARCHAR,                                  -- JSON list of URLs
    debunked_at     TIMESTAMP,
    created_at      TIMESTAMP NOT NULL,
    incident_id     VARCHAR
);

-- Narratives found in a window (near-duplicate and paraphrase clusters), one
-- row per narrative of a run, and their documents.
CREATE TABLE narratives (
    run_id          VARCHAR NOT NULL,
    narrative_id    VARCHAR NOT NULL,
    label           VARCHAR,
    first_seen      TIMESTAMP,
    last_seen       TIMESTAMP,
    origin_doc      VARCHAR,
    origin_actor    VARCHAR,
    documents       BIGINT,
    accounts        BIGINT,
    facts           VARCHAR,                 -- JSON: languages, growth, communities, spreaders, cascade
    PRIMARY KEY (run_id, narrative_id)
);

CREATE TABLE narrative_documents (
    run_id          VARCHAR NOT NULL,
    narrative_id    VARCHAR NOT NULL,
    doc_id          VARCHAR NOT NULL,
    method          VARCHAR NOT NULL,        -- copy (MinHash) | paraphrase | cascade
    PRIMARY KEY (run_id, doc_id)
);

-- Coordinated accounts of a run (group number, score) and defenders of an incident.
CREATE TABLE coordinated_accounts (
    run_id          VARCHAR NOT NULL,
    actor_id        VARCHAR NOT NULL,
    group_id        INTEGER NOT NULL,
    score           DOUBLE,
    PRIMARY KEY (run_id, actor_id)
);

CREATE TABLE incident_defenders (
    incident_id     VARCHAR NOT NULL,
    actor_id        VARCHAR NOT NULL,
    first_at        TIMESTAMP,
    documents       BIGINT,
    relation        VARCHAR,                 -- owned | employee | ally | independent
    reach_detractors DOUBLE,
    journey_weight  DOUBLE,
    PRIMARY KEY (incident_id, actor_id)
);
