"""Which columns hold personal data: what erasure, re-imports and pseudonymised exports act on.

In every store table, a column holding an actor id is named one of
:data:`ACTOR_ID_COLUMNS` and one holding a document id one of
:data:`DOCUMENT_ID_COLUMNS`. Erasure deletes the rows that name an erased
actor or one of their documents there, writes drop incoming rows that name an
erased actor, and pseudonymised exports hash them. A new table opts in by
naming its columns so (or by adding a column name here); its free text is
scrubbed of the erased actor's id, handle, name and bio whatever its columns
are named (issue 16).
"""

from __future__ import annotations

from typing import Final

ACTOR_ID_COLUMNS: Final[tuple[str, ...]] = (
    "actor_id",
    "author_id",
    "src",
    "dst",
    "subject_id",
    "member_id",
)
DOCUMENT_ID_COLUMNS: Final[tuple[str, ...]] = ("doc_id", "subject_id")
# Columns that point at another document: kept, but emptied when it is erased.
DOCUMENT_REF_COLUMNS: Final[tuple[str, ...]] = ("reply_to", "repost_of", "quote_of", "origin_doc")
