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
- **Nodes** are canonical URLs, except URLs designating a social account, which
  *are* that account; a crawled URL that redirected is its final URL.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from influscope.analyze.journey.model import JourneyGraph
from influscope.config import Config
from influscope.errors import UsageError
from influscope.ingest.profiles import social_actor, social_post
from influscope.ingest.urls import canonical_url, web_entity
from influscope.store.engine import Store
from influscope.store.journey import erased_filter


@dataclass
class JourneyInputs:
    """The graph plus what the reports need to describe it."""

    graph: JourneyGraph
    slots: list[dict[str, Any]] = field(
        default_factory=list
    )  # query, engine, rank, url, node, actor, prob
    volumes: dict[str, float] = field(default_factory=dict)
    node_url: dict[str, str] = field(default_factory=dict)


class NodeResolver:
    """URL → journey node, and node → actor."""

    def __init__(self, redirects: dict[str, str]) -> None:
        self.redirects = redirects
        self._cache: dict[str, str] = {}
        self.actor: dict[str, str] = {}

    def node(self, url: str) -> str:
        """The node a URL stands for (a social account id, or the canonical final URL)."""
        found = self._cache.get(url)
        if found is None:
            canonical = canonical_url(url)
            canonical = self.redirects.get(canonical, canonical)
            account = social_actor(canonical)
            found = account or canonical
            self.actor[found] = account or f"web:{web_entity(canonical)}"
            self._cache[url] = found
        return found


def axis_filters(config: Config, axis: str | None) -> tuple[Any, list[str]]:
    """The axis' document query and crisis queries (None, [] for the whole workspace)."""
    if axis is None:
        return None, []
    spec = config.axis(axis)
    return spec.query, list(spec.crisis_queries)


def _query_module() -> Any:
    import influscope.query as query

    if not hasattr(query, "filter_documents") or not hasattr(query, "compile_matcher"):
        raise UsageError(
            "Filtering the journey by axis needs the query language, not installed in this build.",
            "Run 'influscope journey' without --axis for the whole workspace.",
        )
    return query


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
    resolver = NodeResolver({r["url"]: r["final_url"] for r in moved})
    keep_query = _query_keeper(query_text, crisis)

    demand = _demand(store)
    volumes = {q: v for q, v in demand.items() if keep_query(q)}
    slots = _slots(store, config, resolver, keep_query, demand)
    links, cited = _links(store, resolver)
    social = _social(store, resolver, query_text, settings.social_kinds)
    erased = erased_filter(store)
    if erased is not None:
        slots, links, social, cited = _without_erased(resolver, erased, slots, links, social, cited)
    graph = JourneyGraph(
        demand=pa.table(
            {"query": list(volumes), "volume": [float(v["volume"]) for v in volumes.values()]},
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
        social=social,
        actors=pa.table(
            {"node": list(resolver.actor), "actor": list(resolver.actor.values())},
            schema=pa.schema([("node", pa.string()), ("actor", pa.string())]),
        ),
        cites=pa.table(
            {
                "node": [k[0] for k in cited],
                "actor": [k[1] for k in cited],
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
        slots=slots,
        volumes={q: v["volume"] for q, v in volumes.items()},
        node_url=node_url,
    )


def _without_erased(
    resolver: NodeResolver,
    erased: Any,
    slots: list[dict[str, Any]],
    links: pa.Table,
    social: pa.Table,
    cited: Counter[tuple[str, str]],
) -> tuple[list[dict[str, Any]], pa.Table, pa.Table, Counter[tuple[str, str]]]:
    """Drop every node belonging to an erased actor (and the links touching it)."""
    gone = {node for node, actor in resolver.actor.items() if erased(actor)}
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
    matcher = _query_module().compile_matcher(query_text)
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
    import ibis

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
        owned = [s for s in entries if own(s["actor"])]
        if not owned and stats.get("position"):
            rank = max(int(round(float(stats["position"]))), 1)
            owned = [s for s in entries if int(s["rank"]) == rank]
        for slot in owned:
            slot["prob"] = observed
            slot["observed"] = True


def own_matcher(config: Config, own: bool = True) -> Any:
    """``actor_id -> bool``: does the actor belong to the company (or, own=False, to a competitor)."""
    domains: set[str] = set()
    handles: set[str] = set()
    for brand in config.brands:
        if brand.own == own:
            domains |= {d.lower().removeprefix("www.") for d in brand.domains}
            handles |= {h.lstrip("@").lower() for h in brand.handles}
    return lambda actor: _matches(actor, domains, handles)


def brand_of(config: Config, actor: str) -> str | None:
    """The brand an actor belongs to (by domains and handles), if any."""
    for brand in config.brands:
        domains = {d.lower().removeprefix("www.") for d in brand.domains}
        handles = {h.lstrip("@").lower() for h in brand.handles}
        if _matches(actor, domains, handles):
            return brand.name
    return None


def _matches(actor: str, domains: set[str], handles: set[str]) -> bool:
    platform, _, handle = actor.partition(":")
    if platform == "web":
        return any(handle == d or handle.endswith("." + d) for d in domains)
    return handle.split("@", 1)[0] in handles


def _links(store: Store, resolver: NodeResolver) -> tuple[pa.Table, Counter[tuple[str, str]]]:
    """Onward links between nodes, and the posts web pages embed or quote (node, author)."""
    documents = store.table("documents")
    links = store.table("links")
    joined = documents.join(links, documents.doc_id == links.doc_id).select(
        platform=documents.platform,
        page=documents.url.fill_null(documents.native_id),
        author=documents.author_id,
        target=links.url,
    )
    counts: Counter[tuple[str, str]] = Counter()
    cited: Counter[tuple[str, str]] = Counter()
    for row in store.to_arrow(joined).to_pylist():
        if row["platform"] == "web":
            page = row["page"] or ""
            if not page.lower().startswith(("http://", "https://")):
                continue
            src = resolver.node(page)
            if social_post(row["target"]):
                cited[(src, resolver.actor[resolver.node(row["target"])])] += 1
        elif row["author"]:
            src = row["author"]
            resolver.actor.setdefault(src, src)
        else:
            continue
        counts[(src, resolver.node(row["target"]))] += 1
    interactions = store.table("interactions")
    shared = interactions.filter(interactions.kind.isin(["repost", "quote"]))
    shared = shared.group_by(["src", "dst"]).aggregate(n=shared.count())
    for row in store.to_arrow(shared).to_pylist():
        resolver.actor.setdefault(row["src"], row["src"])
        resolver.actor.setdefault(row["dst"], row["dst"])
        counts[(row["src"], row["dst"])] += int(row["n"])
    table = pa.table(
        {
            "src": [k[0] for k in counts],
            "dst": [k[1] for k in counts],
            "weight": [float(v) for v in counts.values()],
        },
        schema=pa.schema([("src", pa.string()), ("dst", pa.string()), ("weight", pa.float64())]),
    )
    return table, cited


def _social(
    store: Store, resolver: NodeResolver, query_text: str | None, kinds: list[str]
) -> pa.Table:
    documents = store.table("documents")
    audience = documents.filter(documents.platform != "web")
    if query_text is not None:
        audience = _query_module().filter_documents(audience, query_text, store.table("links"))
    doc_ids = audience.select("doc_id")
    entries: Counter[str] = Counter()
    interactions = store.table("interactions")
    actor_kinds = [k for k in kinds if k != "link"]
    if actor_kinds:
        exposed = interactions.filter(interactions.kind.isin(actor_kinds)).semi_join(
            doc_ids, interactions.doc_id == doc_ids.doc_id
        )
        exposed = exposed.group_by("dst").aggregate(n=exposed.count())
        for row in store.to_arrow(exposed).to_pylist():
            resolver.actor.setdefault(row["dst"], row["dst"])
            entries[row["dst"]] += int(row["n"])
    if "link" in kinds:
        links = store.table("links")
        linked = links.semi_join(doc_ids, links.doc_id == doc_ids.doc_id)
        linked = linked.group_by("url").aggregate(n=linked.count())
        for row in store.to_arrow(linked).to_pylist():
            entries[resolver.node(row["url"])] += int(row["n"])
    return pa.table(
        {"node": list(entries), "weight": [float(v) for v in entries.values()]},
        schema=pa.schema([("node", pa.string()), ("weight", pa.float64())]),
    )
