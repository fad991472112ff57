-- Crisis mode (issue 14): incidents group the alerts of one event, with
-- their state, owner and timeline. (The crisis analyses of an incident —
-- narratives, cascade, coordination, defenders — are computed on demand from
-- its window, not stored.)

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

-- A claim: a narrative someone named (a query, or the origin post of a
-- detected narrative), its verdict with the fact-checks behind it and the
-- data time it was debunked, so its spread after the debunk can be followed.
CREATE TABLE claims (
    claim_id        VARCHAR PRIMARY KEY,
    label           VARCHAR NOT NULL,
    query           VARCHAR,
    origin_doc      VARCHAR,                 -- origin document of a detected narrative (emptied if erased)
    verdict         VARCHAR,                 -- false, misleading, true (NULL: not checked)
    fact_checks     VARCHAR,                 -- JSON list of canonical URLs
    debunked_at     TIMESTAMP,               -- data time of the debunk
    created_by      VARCHAR,
    created_at      TIMESTAMP NOT NULL,      -- wall clock
    updated_at      TIMESTAMP
);
