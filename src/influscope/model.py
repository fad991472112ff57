"""The canonical data model: one frozen dataclass per table row.

Field names are the store's column names, so a row moves between layers
without renaming. IDs are ``platform:native_id`` strings and times are naive
UTC datetimes (microsecond precision), the form both DuckDB and Spark read from
a Parquet lake (DESIGN.md §6).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Final, Literal

ACTOR_KINDS: Final[tuple[str, ...]] = (
    "journalist",
    "media",
    "politician",
    "ngo",
    "company",
    "employee",
    "expert",
    "influencer",
    "institution",
    "citizen",
    "unknown",
)

INTERACTION_KINDS: Final[tuple[str, ...]] = ("repost", "reply", "quote", "mention", "link", "cite")

ALERT_STATES: Final[tuple[str, ...]] = ("new", "acked", "closed")

# Personal data (issue 16). In every store table, a column holding an actor id
# is named one of ACTOR_ID_COLUMNS and one holding a document id one of
# DOCUMENT_ID_COLUMNS: erasure deletes the rows that name an erased actor or
# one of their documents there, writes drop incoming rows that name an erased
# actor, and pseudonymised exports hash them. A new table opts in by naming its
# columns so (or by adding a column name here); its free text is scrubbed of
# the erased actor's id, handle, name and bio whatever its columns are named.
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

InteractionKind = Literal["repost", "reply", "quote", "mention", "link", "cite"]


def make_id(platform: str, native_id: str) -> str:
    """Build a canonical id, ``platform:native_id``.

    The platform is lower-cased so ``Twitter:1`` and ``twitter:1`` are one id.

    >>> make_id("Twitter", "42")
    'twitter:42'
    """
    return f"{platform.strip().lower()}:{native_id.strip()}"


def split_id(canonical_id: str) -> tuple[str, str]:
    """Split ``platform:native_id`` back into its two parts.

    >>> split_id("web:example.org")
    ('web', 'example.org')
    """
    platform, _, native = canonical_id.partition(":")
    return platform, native


@dataclass(frozen=True, slots=True)
class Document:
    """A post, comment, article, page or video."""

    doc_id: str
    platform: str
    native_id: str
    author_id: str | None = None
    published_at: datetime | None = None
    text: str | None = None
    title: str | None = None
    url: str | None = None
    lang: str | None = None
    likes: int | None = None
    shares: int | None = None
    replies: int | None = None
    views: int | None = None
    reply_to: str | None = None
    repost_of: str | None = None
    quote_of: str | None = None
    hashtags: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    raw: str | None = None
    source_run: str | None = None
    collected_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """An account, a site/domain, or a person/organisation merged across platforms."""

    actor_id: str
    platform: str
    handle: str | None = None
    name: str | None = None
    bio: str | None = None
    followers: int | None = None
    homepage: str | None = None
    verified: bool | None = None
    kind: str | None = None
    kind_source: str | None = None
    attrs: str | None = None
    raw: str | None = None
    source_run: str | None = None
    collected_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Interaction:
    """A directed edge from one actor (through a document) to another actor or document."""

    src: str
    dst: str
    kind: str
    doc_id: str | None = None
    at: datetime | None = None
    weight: float = 1.0
    source_run: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A URL found in a document, canonicalised, with its web entity (domain)."""

    doc_id: str
    url: str
    domain: str


@dataclass(frozen=True, slots=True)
class RowError:
    """One rejected input item: where it was and why, kept in the run's error log."""

    file: str
    line: int | None
    field: str | None
    reason: str
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class Run:
    """One command execution, for provenance."""

    run_id: str
    command: str
    params: str
    params_hash: str
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"
    counts: str | None = None
    errors: int = 0


@dataclass(frozen=True, slots=True)
class OfflineNote:
    """What a stakeholder said offline, recorded by someone in the team."""

    actor_id: str
    date: datetime
    stance: str | None
    note: str | None
    owner: str | None


def column_names(row_type: type) -> list[str]:
    """The store columns of a model row type, in declaration order."""
    return [f.name for f in fields(row_type)]
