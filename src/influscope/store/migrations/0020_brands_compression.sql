-- document_brands names its compression, as 0018 did for the other tables an
-- import writes by the million. An import into a workspace with brands writes
-- one row per (document, brand, way): on the 10M-post bench (two brands) that
-- is 13.7M rows, more than the documents themselves. Left to choose, DuckDB
-- tries every method on every segment; it keeps FSST for the ids and a
-- dictionary for the few brand names, ways and runs anyway. Measured on the
-- 1.37M rows of 1M generated posts: writing them 1.19 -> 0.91 s of CPU, and
-- the attribution statement that finds and writes them 2.45 -> 1.63 s. The
-- table is rebuilt with its rows: DuckDB cannot change a column's
-- compression in place.
CREATE TABLE document_brands_0020 (
    doc_id        VARCHAR NOT NULL USING COMPRESSION fsst,
    brand         VARCHAR NOT NULL USING COMPRESSION dictionary,
    via           VARCHAR NOT NULL USING COMPRESSION dictionary,
    run_id        VARCHAR USING COMPRESSION dictionary
);
INSERT INTO document_brands_0020 BY NAME SELECT * FROM document_brands;
DROP TABLE document_brands;
ALTER TABLE document_brands_0020 RENAME TO document_brands;
