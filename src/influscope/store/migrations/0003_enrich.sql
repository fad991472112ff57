-- Enrichment: labels given by people, classifiers learned from them, themes.

-- One human label per (document, field); the source of every learned classifier.
CREATE TABLE document_labels (
    doc_id        VARCHAR NOT NULL,
    field         VARCHAR NOT NULL,          -- sentiment, stance:<axis>, any categorical field
    value         VARCHAR NOT NULL,
    source_file   VARCHAR,
    source_line   BIGINT,
    source_run    VARCHAR,
    labelled_at   TIMESTAMP,
    PRIMARY KEY (doc_id, field)
);

-- Trained classifiers: the newest row of a field is the one `enrich` applies.
CREATE TABLE models (
    field         VARCHAR NOT NULL,
    version       VARCHAR NOT NULL,          -- hash of labels + settings
    path          VARCHAR NOT NULL,          -- joblib file, relative to the workspace
    kind          VARCHAR NOT NULL,          -- e.g. tfidf-logreg
    labels        BIGINT,
    metrics       VARCHAR,                   -- JSON: cross-validated accuracy, macro-F1, F1 per class
    trained_at    TIMESTAMP NOT NULL,
    run_id        VARCHAR,
    PRIMARY KEY (field, version)
);

-- Characteristic terms of an axis and of its sub-conversations (cluster -1 = the whole axis).
CREATE TABLE themes (
    axis          VARCHAR NOT NULL,
    cluster       INTEGER NOT NULL,
    rank          INTEGER NOT NULL,
    term          VARCHAR NOT NULL,
    score         DOUBLE,
    documents     BIGINT,
    cluster_size  BIGINT,
    run_id        VARCHAR,
    computed_at   TIMESTAMP,
    PRIMARY KEY (axis, cluster, rank)
);
