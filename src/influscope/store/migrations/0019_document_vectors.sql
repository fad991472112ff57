-- Sentence embeddings kept between runs (the `embeddings` extra): one row per
-- document and text encoded, keyed by the text's hash and the encoder's version,
-- so a retraining or a new model version does not encode the workspace again.
-- `doc_id` ties each vector to its document: erasure and retention remove it
-- with the document (they sweep every doc_id column). Appended, never updated:
-- no PRIMARY KEY (the code skips the keys it already holds).
CREATE TABLE document_vectors (
    doc_id     VARCHAR NOT NULL,
    model      VARCHAR NOT NULL,
    text_hash  VARCHAR NOT NULL,
    vector     FLOAT[384] NOT NULL
);
