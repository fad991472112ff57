"""Reading the journey's inputs from the store into a :class:`JourneyGraph`.

- **Search entries**: ``search_demand`` volumes per query (the mean over
  periods, summed over locales); the latest capture of each query per engine
  gives the result slots, each clicked with the rank's CTR (split evenly across
  engines). Where Search Console gave clicks and impressions for a query, the
  observed click-through replaces the prior on the company's own slot (or the
  slot at its average position).
- **Social entries**: what the axis' audience reposts, replies to, quotes
  (entry at that account) and links to (entry at that page).
- **Onward links**: a web page leads to what it links to or embeds; an account
  to what its posts link to and to what it reposts or quotes.
- **Embeds**: a web page citing a social *post* (``…/status/…``) shows it, so
  each visit is also an encounter with its author (``embed_encounter``).
- **Weighted links**: ``link`` interactions imported without a document (a
  hyperlink map, a graph file with edge weights) lead on in proportion to
  their weight.
- **Observed clicks**: ``transitions`` replace the even split where present
  and add observed entries (:mod:`.observed`).
- **Nodes** are canonical URLs, except URLs designating a social account, which
  *are* that account; link plumbing is resolved or left actor-less, and a
  brand's accounts and sites are one actor (:mod:`.nodes`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import ibis
import pyarrow as pa
import pyarrow.compute as pc

from influscope import ids
from influscope.analyze.journey.links import read_links
from influscope.analyze.journey.model import JourneyGraph
from influscope.analyze.journey.nodes import NodeResolver
from influscope.analyze.journey.observed import (
    OBSERVED_SEARCH,
    Observed,
    link_table,
    load_observed,
    other_entries,
    search_entries,
)
from influscope.config import Config
from influscope.enrich.axis_filter import matching
from influscope.organisations import Organisations
from influscope.query import compile_matcher
from influscope.store.engine import Store
from influscope.store.journey import erased_filter

# Below this many entries (searches with result pages aside), a journey's shares
# are those of a handful of reposts: one more moves an actor by two points or more.
THIN_SOCIAL = 50


@dataclass(frozen=True)
class JourneyBasis:
    """What a journey rests on, so that a reader can tell 100 % of three reposts from a study.

    ``searches``: queries with search demand and result pages (observed search
    arrivals of a clickstream count as one); ``results``: their result slots;
    ``social``: the audience's exposure units (reposts, replies, quotes, links
    of ``social_kinds``, observed non-search entries); ``observed_pages``:
    pages whose onward step follows observed clicks. ``weighted``: whether
    the searches are weighed by their demand; with result pages and no demand
    at all, the chain counts every search with results the same (and
    ``searches`` counts those).
    """

    searches: int
    results: int
    social: float
    observed_pages: int
    weighted: bool = True

    @property
    def thin(self) -> bool:
        """No search with result pages, and fewer than :data:`THIN_SOCIAL` social entries."""
        return self.searches == 0 and self.social < THIN_SOCIAL

    def counts(self) -> dict[str, float | int]:
        """As the run log keeps it (``journey_`` names beside the run's other counts)."""
        return {
            "journey_searches": self.searches,
            "journey_results": self.results,
            "journey_social": self.social,
            "journey_observed_pages": self.observed_pages,
            "journey_weighted": int(self.weighted),
        }

    @classmethod
    def from_counts(cls, counts: dict[str, Any]) -> JourneyBasis | None:
        """From a run's counts; None for a run logged before the basis was."""
        if "journey_searches" not in counts:
            return None
        return cls(
            int(counts["journey_searches"]),
            int(counts["journey_results"]),
            float(counts["journey_social"]),
            int(counts["journey_observed_pages"]),
            bool(counts.get("journey_weighted", 1)),  # runs logged before it: weighted
        )


@dataclass
class JourneyInputs:
    """The graph plus what the reports need to describe it."""

    graph: JourneyGraph
    slots: list[dict[str, Any]] = field(
        default_factory=list
    )  # query, engine, rank, url, node, actor, prob
    volumes: dict[str, float] = field(default_factory=dict)
    node_url: dict[str, str] = field(default_factory=dict)
    # An organisation's member ids -> the actor id it is shown as (see :mod:`.nodes`).
    merged: dict[str, str] = field(default_factory=dict)
    observed_pages: int = 0  # source pages whose link step follows observed clicks

    def basis(self) -> JourneyBasis:
        """How many searches, result slots and social entries the chain was fed."""
        volumes = dict(zip(
            self.graph.demand["query"].to_pylist(), self.graph.demand["volume"].to_pylist(), strict=True
        ))  # fmt: skip
        queried = self.graph.slots["query"].to_pylist()
        slots = [q for q in queried if volumes.get(q, 0.0) > 0]
        # Result pages and no demand at all: the chain weighs every search with results
        # the same (journey.model), so those are what it rests on.
        weighted = bool(slots) or not queried
        if not weighted:
            slots = queried
        return JourneyBasis(
            searches=len(set(slots)),
            results=len(slots),
            social=float(pc.sum(self.graph.social["weight"]).as_py() or 0.0),
            observed_pages=self.observed_pages,
            weighted=weighted,
        )


def axis_filters(config: Config, axis: str | None) -> tuple[Any, list[str]]:
    """The axis' document query and crisis queries (None, [] for the whole workspace)."""
    if axis is None:
        return None, []
    spec = config.axis(axis)
    return spec.query, list(spec.crisis_queries)


def load_inputs(store: Store, config: Config, axis: str | None = None) -> JourneyInputs:
    """Everything the chain needs, read from the store (see module doc)."""
    settings = config.journey
    query_text, crisis = axis_filters(config, axis)
    frontier = store.table("crawl_frontier")
    moved = store.to_arrow(
        frontier.filter(frontier.final_url.notnull() & (frontier.final_url != frontier.url)).select(
            "url", "final_url"
        )
    ).to_pylist()
    resolver = NodeResolver({r["url"]: r["final_url"] for r in moved}, config)
    keep_query = _query_keeper(query_text, crisis)

    demand = _demand(store)
    volumes = {q: float(v["volume"] or 0.0) for q, v in demand.items() if keep_query(q)}
    slots = _slots(store, config, resolver, keep_query, demand)
    known, cited = read_links(store, resolver)
    observed = load_observed(store, resolver, settings)
    links = link_table(known, observed, settings.unobserved_link_share)
    social = _social(store, resolver, query_text, settings.social_kinds)
    _observed_entries(store, observed, query_text, volumes, slots, social)
    merged = resolver.merge_organisations(_brand_accounts(store, config))
    for slot in slots:
        slot["actor"] = resolver.actor.get(slot["node"])
    social_table = pa.table(
        {"node": list(social), "weight": [float(v) for v in social.values()]},
        schema=pa.schema([("node", pa.string()), ("weight", pa.float64())]),
    )
    erased = erased_filter(store)
    if erased is not None:
        slots, links, social_table, cited = _without_erased(
            resolver, erased, slots, links, social_table, cited
        )
    graph = JourneyGraph(
        demand=pa.table(
            {"query": list(volumes), "volume": list(volumes.values())},
            schema=pa.schema([("query", pa.string()), ("volume", pa.float64())]),
        ),
        slots=pa.table(
            {
                "query": [s["query"] for s in slots],
                "node": [s["node"] for s in slots],
                "prob": [s["prob"] for s in slots],
            },
            schema=pa.schema(
                [("query", pa.string()), ("node", pa.string()), ("prob", pa.float64())]
            ),
        ),
        links=links,
        social=social_table,
        actors=pa.table(
            {"node": list(resolver.actor), "actor": list(resolver.actor.values())},
            schema=pa.schema([("node", pa.string()), ("actor", pa.string())]),
        ),
        cites=pa.table(
            {
                "node": [k[0] for k in cited],
                "actor": [merged.get(k[1], k[1]) for k in cited],
                "weight": [settings.embed_encounter * n for n in cited.values()],
            },
            schema=pa.schema(
                [("node", pa.string()), ("actor", pa.string()), ("weight", pa.float64())]
            ),
        ),
    )
    node_url = {node: node for node in resolver.actor if node.startswith(("http://", "https://"))}
    return JourneyInputs(
        graph=graph,
        slots=[s for s in slots if s["query"] != OBSERVED_SEARCH],
        volumes={q: v for q, v in volumes.items() if q != OBSERVED_SEARCH},
        node_url=node_url,
        merged=merged,
        observed_pages=len({src for src, _ in observed.moves}),
    )


def _observed_entries(
    store: Store,
    observed: Observed,
    query_text: str | None,
    volumes: dict[str, float],
    slots: list[dict[str, Any]],
    social: dict[str, float],
) -> None:
    """Add the observed entries: search ones as the pseudo-query, the others as exposure.

    Observed entries carry no query, so on an axis they count only at pages
    whose stored document matches the axis query. Volumes are searches, and
    each observed search entry is a search that ended on that page.
    """
    if not observed.entries:
        return
    volume, landing = search_entries(observed)
    others = other_entries(observed)
    on_axis = None
    if query_text is not None:
        on_axis = _axis_pages(store, query_text, {n for n, _ in landing} | set(others))
    landing = [(n, p) for n, p in landing if on_axis is None or n in on_axis]
    if landing:
        observed_volume = volume * sum(p for _, p in landing)
        queries = sorted({s["query"] for s in slots})
        if queries and not any(volumes.get(q) for q in queries):
            # Result pages without demand weigh alike among themselves; beside observed
            # search clicks they take as much of the search entries as those clicks.
            for query in queries:
                volumes[query] = observed_volume / len(queries)
        volumes[OBSERVED_SEARCH] = observed_volume
        for node, prob in landing:
            slots.append(
                {"query": OBSERVED_SEARCH, "engine": "", "rank": 0, "url": node, "node": node,
                 "prob": prob, "observed": True}
            )  # fmt: skip
    for node, clicks in others.items():
        if on_axis is None or node in on_axis:
            social[node] += clicks


def _axis_pages(store: Store, query_text: str, candidates: set[str]) -> set[str]:
    """Those of ``candidates`` (page URLs) that are web documents matching the axis query.

    The engine checks the few pages clicks entered at; the axis' own pages,
    possibly millions, stay in it.
    """
    if not candidates:
        return set()
    documents = store.table("documents")
    pages = documents.filter((documents.platform == ids.WEB) & documents.url.notnull())
    matched = matching(store, query_text, pages)
    wanted = ibis.memtable(pa.table({"url": pa.array(sorted(candidates), pa.string())}))
    found = matched.semi_join(wanted, matched.url == wanted.url).select("url")
    return set(store.to_arrow(found).column(0).to_pylist())


def _brand_accounts(store: Store, config: Config) -> list[str]:
    """The store's actor ids that belong to a brand: candidates to show an organisation as."""
    organisations = Organisations(config.brands)
    handles = sorted({ids.normalise_handle(h) for b in config.brands for h in b.handles} - {""})
    if not handles:
        return []
    actors = store.table("actors")
    key = actors.actor_id.re_extract(r"^[^:]*:([^@]*)", 1).lower()
    rows = store.to_arrow(
        actors.filter((actors.platform != ids.WEB) & key.isin(handles))
        .select("actor_id")
        .order_by("actor_id")
    ).column(0)
    return [a for a in rows.to_pylist() if organisations.brand_of(a)]


def _without_erased(
    resolver: NodeResolver,
    erased: Any,
    slots: list[dict[str, Any]],
    links: pa.Table,
    social: pa.Table,
    cited: Counter[tuple[str, str]],
) -> tuple[list[dict[str, Any]], pa.Table, pa.Table, Counter[tuple[str, str]]]:
    """Drop every node belonging to an erased actor (and the links touching it)."""
    gone = {node for node, actor in resolver.actor.items() if actor is not None and erased(actor)}
    if not gone:
        return slots, links, social, cited
    for node in gone:
        del resolver.actor[node]
    blocked = pa.array(sorted(gone), pa.string())
    links = links.filter(
        pc.invert(pc.or_(pc.is_in(links["src"], blocked), pc.is_in(links["dst"], blocked)))
    )
    social = social.filter(pc.invert(pc.is_in(social["node"], blocked)))
    slots = [s for s in slots if s["node"] not in gone]
    cited = Counter({k: v for k, v in cited.items() if k[0] not in gone and not erased(k[1])})
    return slots, links, social, cited


def _query_keeper(query_text: str | None, crisis: list[str]) -> Any:
    if query_text is None:
        return lambda q: True
    matcher = compile_matcher(query_text)
    extra = {" ".join(c.lower().split()) for c in crisis}
    return lambda q: (
        " ".join(q.lower().split()) in extra or bool(matcher({"text": q, "title": None}))
    )


def _demand(store: Store) -> dict[str, dict[str, Any]]:
    table = store.table("search_demand")
    per_locale = table.group_by(["query", "locale"]).aggregate(
        volume=table.volume.mean(),
        clicks=table.clicks.sum(),
        impressions=table.impressions.sum(),
        position=table.position.mean(),
    )
    per_query = per_locale.group_by("query").aggregate(
        volume=per_locale.volume.sum(),
        clicks=per_locale.clicks.sum(),
        impressions=per_locale.impressions.sum(),
        position=per_locale.position.mean(),
    )
    return {r["query"]: r for r in store.to_arrow(per_query).to_pylist()}


def _slots(
    store: Store,
    config: Config,
    resolver: NodeResolver,
    keep_query: Any,
    demand: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    serp = store.table("serp")
    latest = serp.captured_at.max().over(ibis.window(group_by=[serp.query, serp.engine]))
    current = serp.mutate(_latest=latest).filter(lambda t: t.captured_at == t._latest)
    rows = store.to_arrow(
        current.select("query", "engine", "rank", "url").order_by(["query", "engine", "rank"])
    ).to_pylist()
    ctr = list(config.journey.ctr)
    beyond = config.journey.ctr_beyond
    engines: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        engines[row["query"]].add(row["engine"])
    own = own_matcher(config)
    slots = []
    for row in rows:
        if not keep_query(row["query"]):
            continue
        node = resolver.node(row["url"])
        if node is None:  # an unresolved shortener: the click leads nowhere known
            continue
        rank = int(row["rank"])
        prob = ctr[rank - 1] if rank <= len(ctr) else beyond
        slots.append(
            row
            | {
                "node": node,
                "actor": resolver.actor[node],
                "prob": prob / len(engines[row["query"]]),
            }
        )
    _apply_observed_ctr(slots, demand, own, engines)
    return slots


def _apply_observed_ctr(
    slots: list[dict[str, Any]],
    demand: dict[str, dict[str, Any]],
    own: Any,
    engines: dict[str, set[str]],
) -> None:
    """Search Console's clicks/impressions replace the prior on the company's slot."""
    by_query: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for slot in slots:
        by_query[slot["query"]].append(slot)
    for query, entries in by_query.items():
        stats = demand.get(query) or {}
        clicks, impressions = stats.get("clicks"), stats.get("impressions")
        if not clicks or not impressions:
            continue
        observed = min(float(clicks) / float(impressions), 1.0) / len(engines[query])
        owned = [s for s in entries if s["actor"] is not None and own(s["actor"])]
        if not owned and stats.get("position"):
            rank = max(int(round(float(stats["position"]))), 1)
            owned = [s for s in entries if int(s["rank"]) == rank]
        for slot in owned:
            slot["prob"] = observed
            slot["observed"] = True


def own_matcher(config: Config, own: bool = True) -> Any:
    """``actor_id -> bool``: does the actor belong to the company (or, own=False, to a competitor)."""
    organisations = Organisations(config.brands)
    return organisations.is_owned if own else organisations.is_competitor


def brand_of(config: Config, actor: str) -> str | None:
    """The brand an actor belongs to (by domains and handles), if any."""
    return Organisations(config.brands).brand_of(actor)


def _social(
    store: Store, resolver: NodeResolver, query_text: str | None, kinds: list[str]
) -> dict[str, float]:
    documents = store.table("documents")
    audience = documents.filter(documents.platform != ids.WEB)
    if query_text is not None:
        audience = matching(store, query_text, audience)
    doc_ids = audience.select("doc_id")
    entries: dict[str, float] = defaultdict(float)
    interactions = store.table("interactions")
    actor_kinds = [k for k in kinds if k != "link"]
    if actor_kinds:
        exposed = interactions.filter(interactions.kind.isin(actor_kinds)).semi_join(
            doc_ids, interactions.doc_id == doc_ids.doc_id
        )
        exposed = exposed.group_by("dst").aggregate(n=exposed.count())
        for row in store.to_arrow(exposed.order_by("dst")).to_pylist():
            entries[resolver.account(row["dst"])] += int(row["n"])
    if "link" in kinds:
        links = store.table("links")
        linked = links.semi_join(doc_ids, links.doc_id == doc_ids.doc_id)
        linked = linked.group_by("url").aggregate(n=linked.count())
        for row in store.to_arrow(linked.order_by("url")).to_pylist():
            node = resolver.node(row["url"])
            if node is not None:
                entries[node] += int(row["n"])
    return entries
