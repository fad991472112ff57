"""The canonical tables (DESIGN.md §3, migration 0001): what every stage reads and writes.

IDs are ``platform:native_id`` strings built by :mod:`influscope.ids`; times
are naive UTC datetimes (microseconds), the form DuckDB and Spark both read
from a Parquet lake (DESIGN.md §6). ``source_run`` and ``collected_at`` say
which run brought a row and when (provenance); the writer does not count a
change in them alone as a new version of the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from influscope.model.schema import Int32, table

# The actor kinds of DESIGN.md §3, the values of ``actors.kind``.
ACTOR_KINDS = (
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


@table("documents", key=("doc_id",), keyed="writer")
@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A post, comment, article, page or video; ``raw`` is the source record verbatim."""

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
    hashtags: list[str] | None = None
    mentions: list[str] | None = None
    raw: str | None = None
    source_run: str | None = None
    collected_at: datetime | None = None


@table("actors", key=("actor_id",), keyed="writer")
@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """An account, a site (``web:<entity>``), or a person/organisation merged across platforms."""

    actor_id: str
    platform: str
    handle: str | None = None
    name: str | None = None
    bio: str | None = None
    followers: int | None = None
    homepage: str | None = None
    verified: bool | None = None
    kind: str | None = None  # one of ACTOR_KINDS (or a source's own, e.g. "bot")
    kind_source: str | None = None
    attrs: str | None = None  # JSON
    raw: str | None = None
    source_run: str | None = None
    collected_at: datetime | None = None


@table("interactions", key=("kind", "src", "dst", "doc_id"), keyed="writer")
@dataclass(frozen=True, slots=True, kw_only=True)
class Interaction:
    """A directed edge between actors; ``doc_id`` is '' for edges of no document (graph files)."""

    src: str
    dst: str
    kind: str  # repost, reply, quote, mention, link or cite
    doc_id: str = ""
    at: datetime | None = None
    weight: float | None = 1.0
    source_run: str | None = None


@table("links", key=("doc_id", "url"), keyed="writer")
@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A URL found in a document, canonicalised, with its web entity (``domain``)."""

    doc_id: str
    url: str
    domain: str | None = None


@table("search_demand", key=("query", "locale", "period"))
@dataclass(frozen=True, slots=True, kw_only=True)
class SearchDemand:
    """A search query with its volume (keyword planners, Search Console)."""

    query: str
    locale: str = ""
    period: str = ""
    volume: float | None = None
    clicks: float | None = None
    impressions: float | None = None
    position: float | None = None
    source: str | None = None
    source_run: str | None = None


@table("serp", key=("query", "captured_at", "engine", "rank"))
@dataclass(frozen=True, slots=True, kw_only=True)
class SerpSlot:
    """One result slot of a search engine result page."""

    query: str
    captured_at: datetime
    engine: str = ""
    rank: Int32
    url: str
    title: str | None = None
    snippet: str | None = None
    domain: str | None = None
    source_run: str | None = None


@table("enrichments", key=("subject", "subject_id", "field", "producer"), keyed="writer")
@dataclass(frozen=True, slots=True, kw_only=True)
class Enrichment:
    """A derived value of a document or an actor, with its producer (provenance)."""

    subject: str  # 'document' or 'actor'
    subject_id: str
    field: str  # sentiment, stance:<axis>, theme…
    value: str | None = None
    score: float | None = None
    producer: str
    producer_version: str
    run_id: str | None = None
    created_at: datetime | None = None


@table("axes", key=("name",))
@dataclass(frozen=True, slots=True, kw_only=True)
class StoredAxis:
    """An axis of ``influscope.toml``, mirrored for joins."""

    name: str
    query: str
    label: str | None = None
    competitors: list[str] | None = None


@table("brands", key=("name",))
@dataclass(frozen=True, slots=True, kw_only=True)
class StoredBrand:
    """A brand of ``influscope.toml``, mirrored for joins."""

    name: str
    aliases: list[str] | None = None
    handles: list[str] | None = None
    domains: list[str] | None = None
    exclude: str | None = None
    own: bool | None = None


@table("offline_notes", key=("actor_id", "date", "owner"))
@dataclass(frozen=True, slots=True, kw_only=True)
class OfflineNote:
    """What a stakeholder said offline, recorded by someone in the team."""

    actor_id: str
    date: datetime
    stance: str | None = None
    note: str | None = None
    owner: str
    source_run: str | None = None


@table("alerts", key=("alert_id",))
@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    """One alert occurrence with its numbers, evidence (JSON) and state."""

    alert_id: str
    rule: str
    key: str
    severity: str | None = None
    fired_at: datetime
    window_start: datetime | None = None
    window_end: datetime | None = None
    observed: float | None = None
    expected: float | None = None
    probability: float | None = None
    score: float | None = None
    explanation: str | None = None
    evidence: str | None = None
    state: str = "new"  # new, acked or closed
    state_by: str | None = None
    state_at: datetime | None = None
    detector: str | None = None
    recorded_at: datetime | None = None
    dedupe_start: datetime | None = None


@table("runs", key=("run_id",))
@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """One command execution, for provenance."""

    run_id: str
    command: str
    params: str | None = None
    params_hash: str | None = None
    started_at: datetime
    finished_at: datetime | None = None
    status: str
    counts: str | None = None
    errors: Int32 | None = 0


@table("run_errors", key=("run_id", "seq"))
@dataclass(frozen=True, slots=True, kw_only=True)
class RunError:
    """One item a run rejected, numbered within the run (see :class:`RowError`)."""

    run_id: str
    seq: Int32
    file: str | None = None
    line: int | None = None
    field: str | None = None
    reason: str
    raw: str | None = None
    reason_phrase: str | None = None


@table("cursors", key=("name",))
@dataclass(frozen=True, slots=True, kw_only=True)
class Cursor:
    """Where a long import or a live source stopped, so a restart resumes."""

    name: str
    value: str | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RowError:
    """One rejected input item: where it was and why, kept in the run's error log."""

    file: str
    line: int | None
    field: str | None
    reason: str
    raw: str | None = None
