"""Tables the stages derive from the canonical ones: attribution, labels, maps, journeys, counts.

Every row records the run that produced it (``run_id``); results a stage
recomputes as a whole (a map's scope, a journey's axis, a day of counts) are
deleted and rewritten together, which is why several of them carry no key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from influscope.model.schema import Int32, Vector384, table

# -- brand attribution and search forms (migrations 0002, 0011) -------------------------


@table("document_brands", key=("doc_id", "brand", "via"), keyed="writer")
@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentBrand:
    """A document cites a brand, one row per way: ``alias``, ``handle`` or ``domain``."""

    doc_id: str
    brand: str
    via: str
    run_id: str | None = None


@table("document_search", keyed="none")
@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentSearch:
    """The searchable forms of a document (the query language's normalisation), kept fresh.

    One row per document (the code that maintains it keeps ``doc_id`` unique);
    ``brands`` is the brands-config hash it was last attributed under.
    """

    doc_id: str
    source_run: str | None = None
    text: str | None = None
    tags: str | None = None
    mentions: str | None = None
    brands: str | None = None


@table("sov_counts", keyed="none")
@dataclass(frozen=True, slots=True, kw_only=True)
class SovCount:
    """Share-of-voice counts per axis ('' = all), brand, UTC day and platform; rebuilt by day."""

    axis: str
    brand: str
    day: date | None = None
    platform: str | None = None
    docs: int
    positive: int
    rated: int
    engagement: float


@table("doc_counts", keyed="none")
@dataclass(frozen=True, slots=True, kw_only=True)
class DocCount:
    """Document counts per UTC day and platform ('' field: all; 'sentiment': per value)."""

    day: date | None = None
    platform: str | None = None
    field: str
    value: str | None = None
    docs: int


# -- labels, learned models, themes (migration 0003) -------------------------------------


@table("document_labels", key=("doc_id", "field"))
@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentLabel:
    """A label given by a person on a document; the source of every learned classifier."""

    doc_id: str
    field: str
    value: str
    source_file: str | None = None
    source_line: int | None = None
    source_run: str | None = None
    labelled_at: datetime | None = None


@table("document_vectors", keyed="none")
@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentVector:
    """A document's sentence embedding (migration 0019), kept so no text is encoded twice.

    Keyed in use by ``(model, text_hash)``: the vector depends on the text and
    the encoder only; ``doc_id`` makes erasure and retention take it with its
    document. Appended only (the code skips the keys already stored).
    """

    doc_id: str
    model: str
    text_hash: str
    vector: Vector384


@table("models", key=("field", "version"))
@dataclass(frozen=True, slots=True, kw_only=True)
class TrainedModel:
    """A trained classifier (joblib file under the workspace); the newest of a field applies."""

    field: str
    version: str
    path: str
    kind: str
    labels: int | None = None
    metrics: str | None = None  # JSON
    trained_at: datetime
    run_id: str | None = None


@table("themes", key=("axis", "cluster", "rank"))
@dataclass(frozen=True, slots=True, kw_only=True)
class Theme:
    """A characteristic term of an axis (cluster -1) or of one of its sub-conversations."""

    axis: str
    cluster: Int32
    rank: Int32
    term: str
    score: float | None = None
    documents: int | None = None
    cluster_size: int | None = None
    run_id: str | None = None
    computed_at: datetime | None = None
    label: str | None = None  # the sub-conversation's readable label (migration 0017)


# -- cartography (migrations 0004, 0016); scope = 'axis|since|until' ---------------------------


@table("actor_labels", key=("actor_id", "field"))
@dataclass(frozen=True, slots=True, kw_only=True)
class ActorLabel:
    """A label given by the user on an actor (stance, kind, same…)."""

    actor_id: str
    field: str
    value: str | None = None
    source_run: str | None = None
    labelled_at: datetime | None = None


@table("roster", key=("actor_id",))
@dataclass(frozen=True, slots=True, kw_only=True)
class RosterEntry:
    """One of the company's employees."""

    actor_id: str
    name: str | None = None
    department: str | None = None
    source_run: str | None = None


@table("map_runs", key=("run_id",))
@dataclass(frozen=True, slots=True, kw_only=True)
class MapRun:
    """One map computation of a scope."""

    run_id: str
    scope: str
    axis: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    params: str | None = None
    nodes: int | None = None
    edges: int | None = None
    coarse_resolution: float | None = None
    fine_resolution: float | None = None
    modularity_coarse: float | None = None
    modularity_fine: float | None = None
    seconds: float | None = None
    created_at: datetime | None = None


@table("communities", key=("scope", "level", "community"))
@dataclass(frozen=True, slots=True, kw_only=True)
class Community:
    """A community of a map at one level ('coarse' or 'fine') with its profile (JSON)."""

    scope: str
    level: str
    community: Int32
    parent: Int32 | None = None
    label: str | None = None
    size: int | None = None
    role: str | None = None
    color: str | None = None
    profile: str | None = None
    run_id: str | None = None


@table("community_members", keyed="none")
@dataclass(frozen=True, slots=True, kw_only=True)
class CommunityMember:
    """An actor's community at one level; one per (scope, level, actor_id), rewritten per scope."""

    scope: str
    level: str
    actor_id: str
    community: Int32
    run_id: str | None = None


@table("actor_map", keyed="none")
@dataclass(frozen=True, slots=True, kw_only=True)
class ActorOnMap:
    """Everything a map says about one actor; one per (scope, actor_id), rewritten per scope."""

    scope: str
    actor_id: str
    stance: str | None = None
    stance_source: str | None = None
    stance_confidence: float | None = None
    online_stance: str | None = None
    offline_stance: str | None = None
    role: str | None = None
    roles: str | None = None  # every role, ';'-separated
    tier: str | None = None
    weight: float | None = None
    pagerank: float | None = None
    participation: float | None = None
    cites_brand: bool | None = None
    x: float | None = None
    y: float | None = None
    run_id: str | None = None


@table("actor_stance", keyed="none")
@dataclass(frozen=True, slots=True, kw_only=True)
class ActorStance:
    """An actor's stance toward one target (migration 0016); rewritten whole by each map.

    ``target`` is ``brand:<name>``, ``axis:<name>`` or ``company``; an actor
    with no row for a target has an unknown stance toward it (never neutral).
    """

    actor_id: str
    target: str
    target_kind: str
    stance: str
    source: str
    confidence: float | None = None
    documents: int | None = None
    positive: int | None = None
    neutral: int | None = None
    negative: int | None = None
    online_stance: str | None = None
    offline_stance: str | None = None
    run_id: str | None = None


@table("map_edges", keyed="none")
@dataclass(frozen=True, slots=True, kw_only=True)
class MapEdge:
    """An aggregated, undirected edge of a map; one per (scope, src, dst), rewritten per scope."""

    scope: str
    src: str
    dst: str
    weight: float | None = None
    run_id: str | None = None


# -- influence journey (migrations 0005, 0013) ----------------------------------------------------


@table("crawl_frontier", key=("url",))
@dataclass(frozen=True, slots=True, kw_only=True)
class FrontierEntry:
    """A URL the crawler knows: queued, fetched, skipped or failed."""

    url: str
    host: str | None = None
    depth: Int32 = 0
    state: str = "queued"
    reason: str | None = None
    http_status: Int32 | None = None
    final_url: str | None = None
    content_type: str | None = None
    bytes: int | None = None
    discovered_from: str | None = None
    queued_at: datetime | None = None
    fetched_at: datetime | None = None
    run_id: str | None = None


@table("journey_weights", key=("axis", "level", "node_id"))
@dataclass(frozen=True, slots=True, kw_only=True)
class JourneyWeight:
    """The journey weight of a node ('page') or an actor ('actor') on an axis ('' = all)."""

    axis: str = ""
    level: str
    node_id: str
    actor_id: str | None = None
    url: str | None = None
    weight: float
    rank: Int32 | None = None
    top_queries: list[str] | None = None
    run_id: str | None = None
    computed_at: datetime | None = None


@table("journey_paths", key=("axis", "actor_id", "seq"))
@dataclass(frozen=True, slots=True, kw_only=True)
class JourneyPath:
    """One of the top paths (entry -> result -> next page -> actor) explaining a weight."""

    axis: str = ""
    actor_id: str
    seq: Int32
    entry_kind: str  # search | social
    entry: str
    result: str | None = None
    page: str | None = None
    share: float
    run_id: str | None = None
    link_step: str | None = None  # observed, unobserved or even (the onward step's rule)


@table("transitions", key=("src_url", "dst_url", "referrer", "period"))
@dataclass(frozen=True, slots=True, kw_only=True)
class Transition:
    """Observed readers from one page to the next (a clickstream), or into a page from outside.

    ``src_url`` is '' for an entry, whose ``referrer`` is then its class
    (search, external, internal, direct, other).
    """

    src_url: str = ""
    dst_url: str
    referrer: str = ""
    type: str | None = None
    period: str = ""
    clicks: float
    source: str | None = None
    source_run: str | None = None
