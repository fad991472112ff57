-- Observed transitions (reader journeys, issue 12): how many readers went from
-- one page to the next (a clickstream), or entered a page from outside.
-- src_url is '' for an entry; referrer is then its class (search, external,
-- internal, direct, other) and '' for a page-to-page move. The journey's link
-- step follows these counts instead of splitting a page's onward step evenly
-- over its links (analyze/journey/observed.py). Upserted on the key, so
-- importing a file twice changes nothing.
CREATE TABLE transitions (
    src_url       VARCHAR NOT NULL DEFAULT '',
    dst_url       VARCHAR NOT NULL,
    referrer      VARCHAR NOT NULL DEFAULT '',
    type          VARCHAR,                   -- the source's own type (clickstream: link, external, other)
    period        VARCHAR NOT NULL DEFAULT '',
    clicks        DOUBLE NOT NULL,
    source        VARCHAR,
    source_run    VARCHAR,
    PRIMARY KEY (src_url, dst_url, referrer, period)
);

-- Which rule gave a path's onward step: observed clicks, the share kept for a
-- link without observations on an observed page, or the even split.
ALTER TABLE journey_paths ADD COLUMN link_step VARCHAR;
