-- A rejected row's reason as its template and values (JSON, errors.Phrase), beside the
-- English in `reason`, so `status --errors` says it in the reader's language as the import's
-- summary does. NULL for a reason that is a library's own words (and for rows logged before).
ALTER TABLE run_errors ADD COLUMN reason_phrase VARCHAR;
