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
