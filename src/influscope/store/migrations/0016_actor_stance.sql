-- Stance toward each target (issue 12): one row per actor and target, the one
-- source the map, actor cards, API, exports and reports read.
-- target = 'brand:<name>' | 'axis:<name>' | 'company' (when no brand is own);
-- stance = ally | sympathiser | neutral | detractor | owned | competitor;
-- source = owned | competitor | label | text | offline | propagated.
-- An actor with no row for a target has an unknown stance toward it (never neutral).
-- Recomputed whole by `influscope map` (delete and append), so no PRIMARY KEY.
CREATE TABLE actor_stance (
    actor_id       VARCHAR NOT NULL,
    target         VARCHAR NOT NULL,
    target_kind    VARCHAR NOT NULL,
    stance         VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    confidence     DOUBLE,
    documents      BIGINT,           -- documents of the actor citing the target
    positive       BIGINT,
    neutral        BIGINT,
    negative       BIGINT,
    online_stance  VARCHAR,          -- the stance ignoring offline notes
    offline_stance VARCHAR,          -- the latest offline note, when any
    run_id         VARCHAR
);
