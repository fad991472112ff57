-- The columns of the tables an import writes by the million (documents,
-- interactions, document_search) name their compression. Left to choose,
-- DuckDB tries every method on every segment it writes (a dictionary of a
-- million distinct texts included) before keeping the one it keeps for that
-- column here anyway. Measured on 1M generated posts: writing the documents
-- 2.4-2.7 s -> 1.8 s of CPU (55 -> 63 MB: ids lose the constant and
-- dictionary forms a few segments would get); 1M edges 1.1-1.3 -> 0.7-0.9 s,
-- 1M search forms 1.1 -> 0.8 s (same size). Identifiers and texts are FSST
-- (distinct short strings); platform, language, kind, run and brands hash
-- are dictionaries (few values); numbers and times keep DuckDB's choice
-- (cheap to make). Each table is rebuilt with its rows: DuckDB cannot change
-- a column's compression in place.
CREATE TABLE documents_0018 (
    doc_id        VARCHAR NOT NULL USING COMPRESSION fsst,
    platform      VARCHAR NOT NULL USING COMPRESSION dictionary,
    native_id     VARCHAR NOT NULL USING COMPRESSION fsst,
    author_id     VARCHAR USING COMPRESSION fsst,
    published_at  TIMESTAMP,
    text          VARCHAR USING COMPRESSION fsst,
    title         VARCHAR USING COMPRESSION fsst,
    url           VARCHAR USING COMPRESSION fsst,
    lang          VARCHAR USING COMPRESSION dictionary,
    likes         BIGINT,
    shares        BIGINT,
    replies       BIGINT,
    views         BIGINT,
    reply_to      VARCHAR USING COMPRESSION fsst,
    repost_of     VARCHAR USING COMPRESSION fsst,
    quote_of      VARCHAR USING COMPRESSION fsst,
    hashtags      VARCHAR[],
    mentions      VARCHAR[],
    raw           VARCHAR USING COMPRESSION fsst,
    source_run    VARCHAR USING COMPRESSION dictionary,
    collected_at  TIMESTAMP
);
INSERT INTO documents_0018 BY NAME SELECT * FROM documents;
DROP TABLE documents;
ALTER TABLE documents_0018 RENAME TO documents;

CREATE TABLE interactions_0018 (
    src           VARCHAR NOT NULL USING COMPRESSION fsst,
    dst           VARCHAR NOT NULL USING COMPRESSION fsst,
    kind          VARCHAR NOT NULL USING COMPRESSION dictionary,
    doc_id        VARCHAR NOT NULL DEFAULT '' USING COMPRESSION fsst,
    "at"          TIMESTAMP,
    weight        DOUBLE DEFAULT 1.0,
    source_run    VARCHAR USING COMPRESSION dictionary
);
INSERT INTO interactions_0018 BY NAME SELECT * FROM interactions;
DROP TABLE interactions;
ALTER TABLE interactions_0018 RENAME TO interactions;

CREATE TABLE document_search_0018 (
    doc_id        VARCHAR NOT NULL USING COMPRESSION fsst,
    source_run    VARCHAR USING COMPRESSION dictionary,
    text          VARCHAR USING COMPRESSION fsst,
    tags          VARCHAR USING COMPRESSION fsst,
    mentions      VARCHAR USING COMPRESSION fsst,
    brands        VARCHAR USING COMPRESSION dictionary
);
INSERT INTO document_search_0018 BY NAME SELECT * FROM document_search;
DROP TABLE document_search;
ALTER TABLE document_search_0018 RENAME TO document_search;
