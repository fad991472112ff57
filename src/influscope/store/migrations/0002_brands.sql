-- Brand attribution (issue 3): which brands each document cites, and how.
-- One row per (document, brand, way): via = 'alias' (a brand alias found in the
-- title or text with the query rules), 'handle' (an @handle of the brand among
-- the document's mentions, any platform) or 'domain' (a link to one of the
-- brand's domains). Documents matching the brand's `exclude` query get no row
-- for that brand. Recomputed for all documents when the [[brands]] config
-- changes (its hash is kept in `cursors` under 'brands.config_hash').
CREATE TABLE document_brands (
    doc_id        VARCHAR NOT NULL,
    brand         VARCHAR NOT NULL,
    via           VARCHAR NOT NULL,
    run_id        VARCHAR,
    PRIMARY KEY (doc_id, brand, via)
);
