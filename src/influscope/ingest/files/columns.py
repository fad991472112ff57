"""A generic table's columns, checked against the fields they must give before anything is written.

A CSV whose text is in a column named ``Tweet`` imported "424 documents
added, 0 rejected": 424 documents with no text, no author and no date, and
every query then found nothing. A generic table is read by column names
(``text``, ``author``, ``published_at``, or the ``--map`` given), so its
header is read first: a ``--map`` naming a column the file does not have is
refused before anything is written; a file with no column giving a
document's content (:func:`textless`), or leaving look-alike columns unread
(:func:`unread`), is named by the command with the ``--map`` options that
read them ("--map text=Tweet --map published_at=date").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

from influscope.errors import N_, UsageError

# Fields of which a document needs one: what it says, where it is, or what it reposts.
CONTENT = ("text", "title", "url", "links", "repost_of", "quote_of")
# Column names (lower case) that usually hold a field, as exports name them.
LOOKALIKES: dict[str, tuple[str, ...]] = {
    "text": ("tweet", "full_text", "content", "body", "message", "post", "texte", "contenu"),
    "title": ("headline", "titre", "subject"),
    "url": ("link", "permalink", "lien", "post_url", "tweet_url"),
    "id": ("tweet_id", "status_id", "post_id", "id_str", "message_id"),
    # "name" last: the handle in the airline tweets' export, the display name where
    # a handle column (found first) sits beside it.
    "author": (
        "screen_name",
        "username",
        "user_name",
        "user",
        "handle",
        "auteur",
        "account",
        "name",
    ),
    "author_name": ("display_name", "user_display_name", "name"),
    "published_at": (
        "date",
        "created_at",
        "timestamp",
        "datetime",
        "time",
        "published",
        "tweet_created",
        "publication_date",
        "date_publication",
    ),
    "likes": ("favorite_count", "like_count", "favorites"),
    "shares": ("retweet_count", "share_count", "retweets"),
    "replies": ("reply_count",),
    "followers": ("followers_count", "user_followers_count"),
    "lang": ("language", "langue"),
}
# Other names the generic mapper reads a field from (an export's columns).
ALSO = {"id": ("native_id", "doc_id"), "author": ("author_id",)}
PROBE = 1000  # records read to learn a JSON file's keys (a table's header is in its first)


def columns_of(records: Iterator[tuple[int, dict[str, Any]]]) -> list[str]:
    """The column names of a file's first records, in their order (internal keys left out)."""
    seen: dict[str, None] = {}
    for _, record in islice(records, PROBE):
        for key in record:
            if not key.startswith("__"):
                seen.setdefault(key, None)
    return list(seen)


def unread(columns: Collection[str], mapping: Mapping[str, str]) -> dict[str, str]:
    """Field -> column, for each field the file leaves unread and a column of it looks like.

    A field is unread when neither its own name nor its ``--map`` column is in
    the file. Each column is suggested for one field at most.
    """
    present = set(columns)
    lowered = {column.strip().lower(): column for column in columns}
    found: dict[str, str] = {}
    taken: set[str] = set(mapping.values())
    for field, names in LOOKALIKES.items():
        if mapping.get(field, field) in present or present & set(ALSO.get(field, ())):
            continue
        for name in names:
            column = lowered.get(name)
            if column is not None and column not in taken and column not in found.values():
                found[field] = column
                break
    return found


def looks_like_data(columns: Collection[str]) -> bool:
    """Whether a header reads like a row of data: a number, or a sentence, for a column name.

    A file without a header row gives its first record's values as column
    names (``1``, ``ca commence doucement dans les premiers épisodes…``).
    """
    return any(
        column.strip().replace(".", "", 1).lstrip("-").isdigit() or len(column.split()) > 4
        for column in columns
    )


def shown(columns: Collection[str], width: int = 40) -> str:
    """Column names for a message, each cut to ``width`` characters."""
    return ", ".join(c if len(c) <= width else c[: width - 1] + "…" for c in columns)


def maps(fields: Mapping[str, str]) -> str:
    """``--map`` options for field -> column pairs, as a command line reads them."""
    return " ".join(f"--map {field}={_quoted(column)}" for field, column in fields.items())


def _quoted(column: str) -> str:
    return column if column.replace("_", "").replace("-", "").isalnum() else repr(column)


def check_columns(label: str, columns: Collection[str], mapping: Mapping[str, str]) -> None:
    """Refuse a ``--map`` naming a column the file does not have, before anything is written.

    Raises:
        UsageError: naming the file's columns.
    """
    present = set(columns)
    for field, column in mapping.items():
        if columns and column not in present:
            raise UsageError(
                N_("{path}: --map {field}={column}: the file has no column {column}."),
                N_("Its columns: {columns}."),
                path=label,
                field=field,
                column=column,
                columns=", ".join(columns),
            )


def textless(columns: Collection[str], mapping: Mapping[str, str]) -> bool:
    """Whether no column gives a document's content (text, title, address, links, a repost).

    Such a file still imports (a table of counts updates the documents it
    names), but its new documents are found by no query, brand or axis: the
    command says so, with the ``--map`` options of its look-alike columns.
    """
    present = set(columns)
    return bool(columns) and not any(mapping.get(field, field) in present for field in CONTENT)


def checked_records(
    path: str,
    records: Iterable[tuple[int, dict[str, Any]]],
    needed: Mapping[str, Sequence[str]],
    hint: str = "",
) -> Iterator[tuple[int, dict[str, Any]]]:
    """A table's records, its columns checked by :func:`require_columns` on the first readable one.

    Raises:
        UsageError: from :func:`require_columns`, before the first record is yielded.
    """
    checked = False
    for line, record in records:
        if not checked and "__error__" not in record:
            checked = True
            columns = [str(k) for k in record if not str(k).startswith("__")]
            require_columns(path, columns, needed, hint)
        yield line, record


def require_columns(
    path: str,
    columns: Sequence[str],
    needed: Mapping[str, Sequence[str]],
    hint: str = "",
) -> None:
    """Refuse a table with no column for a field each row must give, before anything is written.

    ``needed`` maps each field to the column names it is read from (lower
    case; a column matches in any case). Without this, a file whose first line
    is data (read as its header) or whose columns are named otherwise had every
    row rejected for the same missing field, 9,999 times. ``hint`` says what to
    do about a real header that lacks them; a header that reads like data gets
    its own hint (add a header row).

    Raises:
        UsageError: naming the missing fields, the names they are read from and
            the file's columns.
    """
    present = {column.strip().lower() for column in columns}
    missing = {field: names for field, names in needed.items() if not present & set(names)}
    if not missing:
        return
    if looks_like_data(columns):
        hint = N_(
            "Its first line reads like data, not column names: add a header row naming the columns."
        )
    raise UsageError(
        N_("{path}: no column gives {fields}; its columns are {columns}."),
        hint or N_("Rename the columns in the file (any case)."),
        path=path,
        fields="; ".join(f"{field} ({', '.join(names)})" for field, names in missing.items()),
        columns=shown(columns),
    )
