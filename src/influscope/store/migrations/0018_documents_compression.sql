-- Each column of documents names its compression. Left to choose, DuckDB
-- tries every method on every segment it writes (a dictionary of a million
-- distinct texts included) before keeping the one it always keeps for that
-- column here: measured on 1M generated posts, the choosing was a sixth of
-- the CPU of writing them (2.9 s -> 2.5 s; 55 -> 63 MB, as ids and the
-- run's constant columns lose the constant and dictionary forms they would
-- get in some segments). Identifiers and texts are FSST (distinct short
-- strings), platform, language and run dictionaries, numbers and times
-- bit-packed. The table is rebuilt with its rows (DuckDB cannot change a
-- column's compression in place).
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
INSERT INTO documents_0018 SELECT * FROM documents;
DROP TABLE documents;
ALTER TABLE documents_0018 RENAME TO documents;
