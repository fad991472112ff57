-- Influencers, relationships, employee advocacy and the return on influence (issue 15).

-- One row per actor: what the profiler read about it (kind with its evidence and
-- confidence, languages, activity, audience, topics of expertise). Rebuilt as a
-- whole by each `influscope profile` run; actors.kind/kind_source carry the call.
CREATE TABLE actor_profiles (
    actor_id        VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,
    kind_source     VARCHAR NOT NULL,
    kind_confidence DOUBLE NOT NULL,
    evidence        VARCHAR,          -- JSON list of {kind, source, weight, detail}
    languages       VARCHAR,          -- JSON {lang: share of its documents}
    documents       BIGINT NOT NULL DEFAULT 0,
    originals       BIGINT NOT NULL DEFAULT 0,
    mentioned_in    BIGINT NOT NULL DEFAULT 0,
    first_seen      TIMESTAMP,
    last_seen       TIMESTAMP,
    posts_per_week  DOUBLE,
    followers       BIGINT,
    audience        BIGINT,           -- distinct actors who reposted, quoted, replied to or mentioned it
    topics          VARCHAR,          -- JSON {axis: share of its documents on the axis}
    terms           VARCHAR[],        -- its most distinctive words
    run_id          VARCHAR,
    computed_at     TIMESTAMP
);

-- Influencer tiers by position (analyze/influence/tiers.py), per map scope
-- ('axis|since|until' as in actor_map); a run replaces its scope's rows.
CREATE TABLE actor_tiers (
    scope           VARCHAR NOT NULL,
    actor_id        VARCHAR NOT NULL,
    tier            VARCHAR NOT NULL,   -- mainstream | macro | affinity | micro | none
    community       INTEGER,
    community_rank  INTEGER,
    community_size  INTEGER,
    position        DOUBLE,             -- PageRank share of the map
    position_pct    DOUBLE,
    local_pct       DOUBLE,
    in_weight       DOUBLE,
    outside_share   DOUBLE,
    reach           INTEGER,            -- communities it receives weight from (its own included)
    journey_weight  DOUBLE,
    journey_pct     DOUBLE,
    focus           DOUBLE,
    growth          DOUBLE,             -- last period's attention share vs the earlier ones
    rising          BOOLEAN,
    shares          VARCHAR,            -- JSON list: attention share per period
    reasons         VARCHAR,            -- JSON list of {code, values}
    run_id          VARCHAR,
    computed_at     TIMESTAMP
);

-- The relationship log (issue 15): contacts, meetings, campaigns with an actor,
-- imported from CSV or edited in the dashboard/API. Every write is audited.
CREATE TABLE relationships (
    relation_id     VARCHAR PRIMARY KEY,
    actor_id        VARCHAR NOT NULL,
    date            TIMESTAMP NOT NULL,
    end_date        TIMESTAMP,          -- a campaign's last day
    kind            VARCHAR NOT NULL,   -- contact | meeting | campaign | event | other
    collaboration   VARCHAR,            -- paid | organic
    horizon         VARCHAR,            -- durable | one-shot
    owner           VARCHAR,            -- who in the team holds the relationship
    subject         VARCHAR,
    note            VARCHAR,
    next_step       VARCHAR,
    next_date       TIMESTAMP,
    campaign        VARCHAR,            -- the campaign it belongs to
    source_run      VARCHAR,
    updated_at      TIMESTAMP,
    updated_by      VARCHAR
);

-- Who changed the log, when, how, and the row before and after (JSON).
CREATE TABLE relationship_audit (
    seq             BIGINT NOT NULL,
    relation_id     VARCHAR NOT NULL,
    actor_id        VARCHAR,
    action          VARCHAR NOT NULL,   -- create | update | delete
    by_user         VARCHAR,
    via             VARCHAR,            -- csv | api | dashboard | cli
    changed_at      TIMESTAMP NOT NULL,
    before          VARCHAR,
    after           VARCHAR,
    PRIMARY KEY (seq)
);

