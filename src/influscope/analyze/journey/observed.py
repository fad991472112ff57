"""The link step from observed clicks: how many readers follow each link.

Without reader data, a visited page leads on to each of its links alike (the
crawler keeps each outlink once), so a page's onward step is split evenly. A
clickstream (``influscope ingest transitions``) says how many readers went from
page *u* to page *v*. The rule, per source node *u*:

- *u* has **no observed** transitions: the even split over its known links
  (in proportion to how many times each is linked: an account linking a page
  in five posts leads there five times as often) — step ``even``;
- *u* has observed transitions: each observed destination weighs its clicks
  (summed over periods) — step ``observed``; each *known* link of *u* without
  observations weighs ``unobserved_link_share`` × the smallest count observed
  on *u* — step ``unobserved``. Clickstreams drop rare pairs (Wikimedia: fewer
  than 10 clicks a month), so an unobserved link is likely rarer than the
  rarest observed one, but not never followed.

Only page-to-page moves are link steps. Observed **entries** (clickstream
``other-search``, ``other-external``…) start journeys: search entries become
one pseudo-query, :data:`OBSERVED_SEARCH`, whose "results" are the entered
pages in proportion to their clicks (every such search ended in a click); the
other referrer classes chosen in ``observed_entries`` join the social-exposure
entries (one click, one unit).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from influscope.analyze.journey.nodes import NodeResolver
from influscope.config import JourneySettings
from influscope.store.engine import Store

OBSERVED_SEARCH = "other-search"  # the pseudo-query of observed search entries (clickstream name)
LINK_SCHEMA = pa.schema(
    [("src", pa.string()), ("dst", pa.string()), ("weight", pa.float64()), ("step", pa.string())]
)


@dataclass
class Observed:
    """Observed transitions between nodes, and observed entries per referrer class."""

    moves: dict[tuple[str, str], float] = field(default_factory=dict)
    entries: dict[str, dict[str, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )


def load_observed(store: Store, resolver: NodeResolver, settings: JourneySettings) -> Observed:
    """Transitions summed over periods, their URLs resolved to nodes (shortener hops dropped)."""
    observed = Observed()
    if not settings.observed_clicks:
        return observed
    table = store.table("transitions")
    summed = table.group_by(["src_url", "dst_url", "referrer"]).aggregate(clicks=table.clicks.sum())
    rows = store.to_arrow(summed.order_by(["src_url", "dst_url", "referrer"]))
    wanted_entries = set(settings.observed_entries)
    moves: dict[tuple[str, str], float] = defaultdict(float)
    for src_url, dst_url, referrer, clicks in zip(
        *(rows.column(c).to_pylist() for c in ("src_url", "dst_url", "referrer", "clicks")),
        strict=True,
    ):
        if not clicks or clicks <= 0:
            continue
        dst = resolver.node(dst_url)
        if dst is None:
            continue
        if referrer:
            if referrer in wanted_entries:
                observed.entries[referrer][dst] += float(clicks)
            continue
        src = resolver.node(src_url) if src_url else None
        if src is not None and src != dst:
            moves[(src, dst)] += float(clicks)
    observed.moves = dict(moves)
    return observed


def link_table(known: pa.Table, observed: Observed, share: float) -> pa.Table:
    """The link step's ``src, dst, weight, step`` rows (module doc), sorted for stable output.

    ``known`` holds the known links as ``src, dst, n`` (their multiplicity);
    the rule runs as Arrow joins, so a graph of millions of links never
    becomes Python tuples.
    """
    moves = pa.table(
        {
            "src": pa.array([k[0] for k in observed.moves], pa.string()),
            "dst": pa.array([k[1] for k in observed.moves], pa.string()),
            "weight": pa.array(list(observed.moves.values()), pa.float64()),
        }
    )
    smallest = moves.group_by("src").aggregate([("weight", "min")])
    smallest = smallest.rename_columns(["src", "smallest"])
    candidates = known.select(["src", "dst", "n"]).filter(pc.not_equal(known["src"], known["dst"]))
    counts = pc.cast(candidates["n"], pa.float64())
    weight, step = counts, pa.array(["even"] * candidates.num_rows, pa.string())
    if moves.num_rows:
        candidates = candidates.join(
            moves.select(["src", "dst"]), ["src", "dst"], join_type="left anti"
        )
        candidates = candidates.join(smallest, "src", join_type="left outer")
        counts = pc.cast(candidates["n"], pa.float64())
        has_clicks = pc.is_valid(candidates["smallest"])
        weight = pc.if_else(has_clicks, pc.multiply(candidates["smallest"], share), counts)
        step = pc.if_else(has_clicks, "unobserved", "even")
    rule = pa.table(
        {"src": candidates["src"], "dst": candidates["dst"], "weight": weight, "step": step},
        schema=LINK_SCHEMA,
    )
    seen_rows = moves.append_column(
        "step", pa.array(["observed"] * moves.num_rows, pa.string())
    ).cast(LINK_SCHEMA)
    rows = pa.concat_tables([seen_rows, rule])
    return rows.sort_by([("src", "ascending"), ("dst", "ascending")]).combine_chunks()


def search_entries(observed: Observed) -> tuple[float, list[tuple[str, float]]]:
    """The pseudo-query's volume and its ``(node, click probability)`` slots (clicks shares)."""
    clicks = observed.entries.get("search") or {}
    total = float(sum(clicks.values()))
    if total <= 0:
        return 0.0, []
    return total, [(node, n / total) for node, n in sorted(clicks.items())]


def other_entries(observed: Observed) -> dict[str, float]:
    """Entries from the other chosen referrer classes, as social-exposure units per node."""
    found: dict[str, float] = defaultdict(float)
    for referrer, clicks in sorted(observed.entries.items()):
        if referrer != "search":
            for node, n in clicks.items():
                found[node] += n
    return dict(found)
