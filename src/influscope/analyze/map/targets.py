"""Stance of every actor toward each target: the own brand, each competitor, each axis.

"Is this actor an ally of the company?" is answered on what the actor says
*about the company*, not on the mood of everything it writes: a customer
furious at the weather who praises the airline's crew is not a detractor.
For each target (``brand:<name>`` for every brand, ``axis:<name>`` for every
axis, and ``company`` standing for the company when no brand is marked
``own``) an actor's stance comes from, in order:

- ``owned``: the actor is the target brand's own account or site (or, for the
  own brand, an employee on the roster): it speaks *for* the target, so it is
  neither ally nor detractor of it (:mod:`.owned`);
- ``competitor``: the actor is another brand's own account or site;
- ``label``: a user label (field ``stance`` for the company, or
  ``stance:<target>``);
- ``text``: the actor's documents that cite the target (brand attribution in
  ``document_brands``; the axis query for an axis), one label per document:
  a learned ``stance:<target name>`` when the store has one, else the
  document's sentiment as :func:`~influscope.store.chosen.document_sentiment`
  gives it (the single source of a document's sentiment);
- ``offline``: the latest offline note (company target only), which wins
  over a propagated call but not over what the actor says online;
- ``propagated``: for actors with no such document, propagation over the
  interaction graph from the anchors above (:func:`.stance.propagate`); the
  brands' own accounts are left out of it, since everyone who complains to
  an airline is tied to its account, and that tie says nothing about them.

An actor with none of these has no row: its stance is ``unknown``, never
``neutral`` (neutral is something an actor said).

The text call is the plurality label of the actor's citing documents:
negative → detractor, neutral → neutral, positive → ally when at least two
thirds of them are positive, else sympathiser. Confidence is the plurality's
share times ``n / (n + 1)``: one document is weaker evidence than ten.

The results go to ``actor_stance`` (one row per actor and target), which the
map, the actor card, the API, exports and reports read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import ibis
import numpy as np
import pyarrow as pa

from influscope import model
from influscope.analyze.map import stance
from influscope.analyze.map.graph import ActorGraph, axis_documents
from influscope.analyze.map.owned import owned_in_store
from influscope.analyze.map.scope import Scope
from influscope.config import Config
from influscope.store.chosen import document_sentiment
from influscope.store.engine import Store

TABLE = "actor_stance"
SOURCES = ("owned", "competitor", "label", "text", "offline", "propagated")
LABEL_VALUE = {
    "favor": "positive",
    "favour": "positive",
    "against": "negative",
    "none": "neutral",
    "positive": "positive",
    "neutral": "neutral",
    "negative": "negative",
}
SCHEMA = model.spec(TABLE).arrow_schema()


@dataclass(frozen=True)
class Target:
    """Something an actor can be for or against: a brand, an axis, or the company."""

    key: str
    kind: str
    name: str
    own: bool = False
    query: str | None = None


@dataclass(frozen=True)
class Call:
    """One actor's stance toward one target, with where it came from."""

    stance: str
    source: str
    confidence: float
    documents: int = 0
    counts: tuple[int, int, int] = (0, 0, 0)  # positive, neutral, negative
    online: str | None = None
    offline: str | None = None


@dataclass
class Inputs:
    """What every target's computation reads once: owners, labels, notes, roster, merges."""

    owners: dict[str, str]
    labels: dict[str, dict[str, str]]
    offline: dict[str, str]
    roster: set[str]
    merges: dict[str, str] = field(default_factory=dict)


def targets_of(config: Config) -> list[Target]:
    """Every target of a workspace: its brands, its axes, and ``company`` when no brand is own."""
    found = [Target(f"brand:{b.name}", "brand", b.name, b.own) for b in config.brands]
    found += [Target(f"axis:{a.name}", "axis", a.name, query=a.query) for a in config.axes]
    if not any(t.own for t in found):
        found.append(Target("company", "company", "company", own=True))
    return found


def own_target(config: Config) -> Target:
    """The company: the first brand marked ``own``, else the ``company`` pseudo-target."""
    return next(t for t in targets_of(config) if t.own)


def map_target(config: Config, scope: Scope) -> Target:
    """What a map's stance is toward: the own brand; else the map's axis; else the company."""
    own = own_target(config)
    if own.kind == "company" and scope.axis:
        return next(t for t in targets_of(config) if t.key == f"axis:{scope.axis}")
    return own


def cited_documents(store: Store, target: Target) -> Any:
    """The Ibis expression of the documents citing a target (column ``doc_id``)."""
    if target.kind == "brand":
        cites = store.table("document_brands")
        return cites.filter(cites.brand == target.name).select("doc_id").distinct()
    if target.kind == "axis" and target.query:
        return axis_documents(store, target.query).select("doc_id")
    return store.table("documents").select("doc_id").filter(ibis.literal(False))


def document_labels(store: Store, target: Target) -> Any:
    """One label (positive/neutral/negative) per document citing the target, with its author."""
    docs = store.table("documents").select("doc_id", "author_id")
    cited = cited_documents(store, target)
    rows = docs.join(cited, "doc_id")
    feel = document_sentiment(store)
    rows = rows.left_join(feel, rows.doc_id == feel.doc_id).select(
        "doc_id", "author_id", "sentiment"
    )
    enrich = store.table("enrichments")
    learned = enrich.filter(
        (enrich.subject == "document") & (enrich.field == f"stance:{target.name}")
    )
    newest = learned.mutate(
        _rank=ibis.row_number().over(
            group_by=learned.subject_id, order_by=ibis.desc(learned.created_at)
        )
    )
    newest = newest.filter(newest._rank == 0).select(_doc=newest.subject_id, _stance=newest.value)
    rows = rows.left_join(newest, rows.doc_id == newest._doc)
    value = rows._stance.lower().substitute(LABEL_VALUE, else_=None)
    label = value.fill_null(rows.sentiment.lower())
    return rows.select(author_id=rows.author_id, label=label).filter(
        lambda t: t.author_id.notnull() & t.label.isin(["positive", "neutral", "negative"])
    )


def labels_by_target(store: Store, targets: list[Target]) -> Any:
    """:func:`document_labels` of several targets in one expression (column ``target`` added).

    One query instead of one per target: on a lake, where brand attributions
    and axis matches are computed at read time, each target's query repeats
    that work; here the engine does it once for the documents of every target.
    """
    docs = store.table("documents").select("doc_id", "author_id")
    parts = [
        cited_documents(store, t).select(
            "doc_id",
            _target=ibis.literal(t.key, "string"),
            _field=ibis.literal(f"stance:{t.name}", "string"),
        )
        for t in targets
    ]
    cited = ibis.union(*parts, distinct=False) if len(parts) > 1 else parts[0]
    rows = docs.join(cited, "doc_id")
    feel = document_sentiment(store)
    rows = rows.left_join(feel, rows.doc_id == feel.doc_id).select(
        "doc_id", "author_id", "_target", "_field", "sentiment"
    )
    enrich = store.table("enrichments")
    learned = enrich.filter(
        (enrich.subject == "document")
        & enrich.field.isin(sorted({f"stance:{t.name}" for t in targets}))
    )
    newest = learned.mutate(
        _rank=ibis.row_number().over(
            group_by=[learned.subject_id, learned.field], order_by=ibis.desc(learned.created_at)
        )
    )
    newest = newest.filter(newest._rank == 0).select(
        _doc=newest.subject_id, _learned=newest.field, _stance=newest.value
    )
    rows = rows.left_join(newest, (rows.doc_id == newest._doc) & (rows._field == newest._learned))
    value = rows._stance.lower().substitute(LABEL_VALUE, else_=None)
    label = value.fill_null(rows.sentiment.lower())
    return rows.select(target=rows._target, author_id=rows.author_id, label=label).filter(
        lambda t: t.author_id.notnull() & t.label.isin(["positive", "neutral", "negative"])
    )


def text_call(positive: int, neutral: int, negative: int, minimum: int = 1) -> Call | None:
    """The text stance of an actor from its citing documents' labels (module doc).

    >>> text_call(0, 1, 2).stance, text_call(2, 1, 0).stance, text_call(1, 1, 0).stance
    ('detractor', 'ally', 'sympathiser')
    >>> text_call(1, 2, 0).stance, text_call(0, 0, 0) is None
    ('neutral', True)
    """
    n = positive + neutral + negative
    if n == 0 or n < minimum:
        return None
    counts = {"positive": positive, "neutral": neutral, "negative": negative}
    top = max(counts.values())
    winners = [k for k, v in counts.items() if v == top]
    if len(winners) == 1:
        winner = winners[0]
    else:  # a tie is settled by the balance of positive and negative
        winner = (
            "positive" if positive > negative else "negative" if negative > positive else "neutral"
        )
    if winner == "negative":
        call = "detractor"
    elif winner == "neutral":
        call = "neutral"
    else:
        call = "ally" if 3 * positive >= 2 * n else "sympathiser"
    confidence = round(counts[winner] / n * n / (n + 1), 4)
    return Call(call, "text", confidence, n, (positive, neutral, negative))


def text_calls(
    store: Store, target: Target, merges: dict[str, str], minimum: int = 1
) -> dict[str, Call]:
    """Text stances toward a target of every actor with a document citing it."""
    return text_calls_of(store, [target], merges, minimum)[target.key]


def text_calls_of(
    store: Store, targets: list[Target], merges: dict[str, str], minimum: int = 1
) -> dict[str, dict[str, Call]]:
    """Text stances toward each target (``target key -> actor -> call``), in one query.

    The engine counts the labels per target, author and label; Python sees one
    row per (target, actor, label), never the documents.
    """
    out: dict[str, dict[str, Call]] = {t.key: {} for t in targets}
    if not targets:
        return out
    rows = labels_by_target(store, targets)
    grouped = rows.group_by(["target", "author_id", "label"]).aggregate(n=rows.count())
    tally: dict[str, dict[str, dict[str, int]]] = {t.key: {} for t in targets}
    for row in store.to_arrow(grouped).to_pylist():
        actor = merges.get(row["author_id"], row["author_id"])
        per = tally[row["target"]].setdefault(actor, {})
        per[row["label"]] = per.get(row["label"], 0) + int(row["n"])
    for key, by_actor in tally.items():
        for actor in sorted(by_actor):
            per = by_actor[actor]
            positive, neutral = per.get("positive", 0), per.get("neutral", 0)
            call = text_call(positive, neutral, per.get("negative", 0), minimum)
            if call is not None:
                out[key][actor] = call
    return out


def belonging(
    target: Target, owner: str | None, employee: bool, own_name: str | None
) -> str | None:
    """``owned``/``competitor`` when the actor speaks for the target or for another brand.

    Employees on the roster speak for the own brand. Toward an axis or the
    company, the company's own voice is ``owned`` and other brands' voices
    are ``competitor``.

    >>> t = Target("brand:United", "brand", "United")
    >>> belonging(t, "United", False, "American"), belonging(t, "American", False, "American")
    ('owned', 'competitor')
    >>> belonging(t, None, True, "American"), belonging(t, None, False, "American")
    ('competitor', None)
    """
    if employee and owner is None:
        owner = own_name or "company"
    if owner is None:
        return None
    if target.kind == "brand":
        return "owned" if owner == target.name else "competitor"
    return "owned" if owner in (own_name, "company") else "competitor"


def calls_for(
    target: Target,
    text: dict[str, Call],
    inputs: Inputs,
    graph: ActorGraph,
    alpha: float,
    own_name: str | None,
) -> dict[str, Call]:
    """Every call toward one target: owned, competitor, label, text, offline, propagated."""
    labels = inputs.labels.get("stance" if target.own else f"stance:{target.name}", {})
    labels = labels | inputs.labels.get(f"stance:{target.key}", {})
    offline = inputs.offline if target.own else {}
    fixed: dict[str, Call] = {}
    actors = set(inputs.owners) | inputs.roster
    for actor in sorted(actors):
        side = belonging(target, inputs.owners.get(actor), actor in inputs.roster, own_name)
        if side is not None:
            fixed[inputs.merges.get(actor, actor)] = Call(side, side, 1.0)
    online: dict[str, Call] = {}
    for actor, value in sorted(labels.items()):
        online[inputs.merges.get(actor, actor)] = Call(value, "label", 1.0)
    for actor, said in text.items():
        online.setdefault(actor, said)
    for actor in fixed:
        online.pop(actor, None)
    index = graph.index()
    anchors = {index[a]: c.stance for a, c in online.items() if a in index}
    walk_graph = _without(graph, [index[a] for a in fixed if a in index])
    spread, spread_conf = stance.propagate(walk_graph, anchors, alpha)
    fallback_anchors = dict(anchors)
    for actor, value in offline.items():
        if actor in index and actor not in fixed:
            fallback_anchors.setdefault(index[actor], value)
    if len(fallback_anchors) > len(anchors):
        fallback, fallback_conf = stance.propagate(walk_graph, fallback_anchors, alpha)
    else:
        fallback, fallback_conf = spread, spread_conf
    out = dict(fixed)
    everyone = set(online) | set(offline) | set(graph.ids)
    for actor in sorted(everyone - set(fixed)):
        node = index.get(actor)
        call: Call | None = online.get(actor)
        if call is None and node is not None and spread[node] is not None:
            confidence = round(float(spread_conf[node]), 4)
            call = Call(str(spread[node]), "propagated", confidence)
        online_value = call.stance if call else None
        if actor in offline and (call is None or call.source == "propagated"):
            call = Call(offline[actor], "offline", 1.0)
        if call is None and node is not None and fallback[node] is not None:
            confidence = round(float(fallback_conf[node]), 4)
            call = Call(str(fallback[node]), "propagated", confidence)
        if call is not None:
            out[actor] = replace(call, online=online_value, offline=offline.get(actor))
    return out


def _without(graph: ActorGraph, nodes: list[int]) -> ActorGraph:
    """The graph with the propagation ties of some nodes cut (brands' own accounts)."""
    if not nodes:
        return graph
    cut = np.zeros(graph.n, dtype=np.bool_)
    cut[nodes] = True
    touching = cut[graph.src] | cut[graph.dst]
    return replace(graph, prop_weight=np.where(touching, 0.0, graph.prop_weight))


def compute(
    store: Store, config: Config, graph: ActorGraph, inputs: Inputs
) -> dict[str, dict[str, Call]]:
    """Calls toward every target of the workspace (``target key -> actor -> call``)."""
    own = own_target(config)
    own_name = own.name if own.kind == "brand" else None
    settings = config.map
    out: dict[str, dict[str, Call]] = {}
    every = targets_of(config)
    texts = text_calls_of(store, every, inputs.merges, settings.text_min_documents)
    for target in every:
        alpha = settings.propagation_alpha
        out[target.key] = calls_for(target, texts[target.key], inputs, graph, alpha, own_name)
    return out


def gather_inputs(
    store: Store,
    config: Config,
    labels: dict[str, dict[str, str]],
    offline: dict[str, str],
    merges: dict[str, str],
) -> Inputs:
    """Owners of accounts, labels, offline notes and the roster (labels and notes merged)."""
    owners = owned_in_store(store, config.brands)
    roster = {r["actor_id"] for r in store.to_arrow(store.table("roster")).to_pylist()}
    return Inputs(owners, labels, offline, roster, merges)


def rows(calls: dict[str, dict[str, Call]], targets: list[Target], run_id: str) -> pa.Table:
    """The ``actor_stance`` rows of computed calls (sorted: same input, same table)."""
    kinds = {t.key: t.kind for t in targets}
    out: list[dict[str, Any]] = []
    for key in sorted(calls):
        for actor in sorted(calls[key]):
            call = calls[key][actor]
            out.append(
                {
                    "actor_id": actor,
                    "target": key,
                    "target_kind": kinds.get(key, "brand"),
                    "stance": call.stance,
                    "source": call.source,
                    "confidence": call.confidence,
                    "documents": call.documents,
                    "positive": call.counts[0],
                    "neutral": call.counts[1],
                    "negative": call.counts[2],
                    "online_stance": call.online,
                    "offline_stance": call.offline,
                    "run_id": run_id,
                }
            )
    return pa.Table.from_pylist(out, schema=SCHEMA)


def stored(
    store: Store, actor_id: str | None = None, target: str | None = None
) -> list[dict[str, Any]]:
    """Stored stance rows, for one actor and/or one target (sorted by target, then actor)."""
    table = store.table(TABLE)
    if actor_id is not None:
        table = table.filter(table.actor_id == actor_id)
    if target is not None:
        table = table.filter(table.target == target)
    found: list[dict[str, Any]] = store.to_arrow(table.order_by(["target", "actor_id"])).to_pylist()
    return found
