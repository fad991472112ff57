-- Derived tables that keep the share of voice fast on large workspaces (issue 6).

-- The searchable forms of each document, computed once with the query
-- language's own normalisation (influscope.query.ibis_compiler): the padded
-- token string ' title | text ', hashtags and mentions as ' a b c '. A row is
-- redone when its document's source_run changes (an import changed the
-- document). `brands` is the [[brands]] config hash the document was last
-- attributed under (NULL: not attributed yet), so attribution only looks at
-- documents it has not done under the current config.
-- No PRIMARY KEY (bulk rewrites; the maintaining code keeps doc_id unique).
CREATE TABLE document_search (
    doc_id        VARCHAR NOT NULL,
    source_run    VARCHAR,
    text          VARCHAR,
    tags          VARCHAR,
    mentions      VARCHAR,
    brands        VARCHAR
);

-- Share-of-voice counts per axis ('' = all documents), brand, UTC day
-- (NULL: undated documents) and platform: documents citing the brand, those
-- with a positive sentiment, those with any sentiment, and the engagement
-- (likes + shares + replies + 1) summed. Periods and shares are computed from
-- these on read; rebuilt when the axes or brands change, and by day as new
-- documents, attributions or sentiments arrive (see analyze/sov_counts.py).
CREATE TABLE sov_counts (
    axis          VARCHAR NOT NULL,
    brand         VARCHAR NOT NULL,
    day           DATE,
    platform      VARCHAR,
    docs          BIGINT NOT NULL,
    positive      BIGINT NOT NULL,
    rated         BIGINT NOT NULL,
    engagement    DOUBLE NOT NULL
);


-- Document counts per UTC day (NULL: undated, or an enrichment whose document
-- is gone) and platform, for the overview: field '' counts every document
-- (value NULL); field 'sentiment' counts the documents carrying each
-- sentiment value from any producer (as the sentiment mix always counted).
CREATE TABLE doc_counts (
    day           DATE,
    platform      VARCHAR,
    field         VARCHAR NOT NULL,
    value         VARCHAR,
    docs          BIGINT NOT NULL
);

-- document_brands loses its PRIMARY KEY: DuckDB deletes from that index very
-- slowly (160k attributions: 16 s to delete, 0.3 s to insert), and a brands
-- config change deletes them all. Attribution deletes a document's rows
-- before writing its new ones, and the writer keys the table on
-- (doc_id, brand, via) (store/writer.py KEYS), like the other high-volume tables.
CREATE TABLE document_brands_unkeyed (
    doc_id        VARCHAR NOT NULL,
    brand         VARCHAR NOT NULL,
    via           VARCHAR NOT NULL,
    run_id        VARCHAR
);
INSERT INTO document_brands_unkeyed SELECT doc_id, brand, via, run_id FROM document_brands;
DROP TABLE document_brands;
ALTER TABLE document_brands_unkeyed RENAME TO document_brands;
