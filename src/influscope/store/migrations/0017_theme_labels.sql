-- Themes (issue 12): each sub-conversation's readable label (two to four of
-- its distinctive words), repeated on its rows; cluster -1 labels the whole axis.
ALTER TABLE themes ADD COLUMN label VARCHAR;
