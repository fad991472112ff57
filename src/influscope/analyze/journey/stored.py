"""Reading back the journey that ``influscope journey`` stored (weights and top paths).

Readers (the API, the dashboard) want the last computed journey, not a new
solve of the chain on every request: the weights and explained paths are
persisted per axis by :meth:`Workspace.journey`, and these functions return
them in the same row shapes as the computation (actor rows joined back to
the actors' current name, kind and audience). ``None`` means nothing is
stored for that axis, so the caller knows it has to compute.
"""

from __future__ import annotations

from typing import Any

import orjson

from influscope.analyze.journey.data import JourneyBasis
from influscope.analyze.journey.report import actor_profiles, actor_row, audience_ranks
from influscope.store.engine import Store


def _weights(store: Store, axis: str | None, level: str) -> list[dict[str, Any]]:
    table = store.table("journey_weights")
    expr = table.filter((table.axis == (axis or "")) & (table.level == level)).order_by(
        ["rank", "node_id"]
    )
    rows: list[dict[str, Any]] = store.to_arrow(expr).to_pylist()
    return rows


def stored_rows(store: Store, axis: str | None, level: str) -> list[dict[str, Any]] | None:
    """The stored journey of an axis at ``level`` ('actor' or 'page'), or None if never stored."""
    stored = _weights(store, axis, level)
    if not stored:
        return None
    if level == "page":
        return [
            {
                "node_id": r["node_id"],
                "url": r["url"],
                "actor_id": r["actor_id"],
                "journey_weight": r["weight"],
                "journey_rank": r["rank"],
            }
            for r in stored
        ]
    ids = [r["actor_id"] for r in stored]
    profiles = actor_profiles(store, ids)
    ranks = audience_ranks(store, {a: profiles.get(a, {}).get("followers") for a in ids})
    return [
        actor_row(
            r["actor_id"],
            r["weight"],
            r["rank"],
            profiles.get(r["actor_id"], {}),
            ranks.get(r["actor_id"]),
            list(r["top_queries"] or []),
        )
        for r in stored
    ]


def stored_paths(store: Store, actor_id: str, axis: str | None) -> dict[str, Any] | None:
    """An actor's stored top paths with its weight, or None when none are stored for it.

    Only the heaviest actors get their paths stored (``explained_actors``), so
    None here may just mean the caller has to explain this one afresh.
    """
    paths = store.table("journey_paths")
    rows = store.to_arrow(
        paths.filter((paths.axis == (axis or "")) & (paths.actor_id == actor_id))
        .order_by("seq")
        .select("actor_id", "seq", "entry_kind", "entry", "result", "page", "share", "link_step")
    ).to_pylist()
    if not rows:
        return None
    weights = store.table("journey_weights")
    found = store.to_arrow(
        weights.filter(
            (weights.axis == (axis or ""))
            & (weights.level == "actor")
            & (weights.actor_id == actor_id)
        ).select("weight")
    ).column(0)
    if len(found) == 0:
        return None
    return {"actor_id": actor_id, "journey_weight": found[0].as_py(), "paths": rows}


__all__ = ["stored_paths", "stored_rows"]


def stored_run(store: Store, axis: str | None) -> dict[str, Any] | None:
    """The run that stored an axis' journey (``run_id``, ``computed_at``, ``basis``), or None.

    A report says which journey it shows: the one ``influscope journey``
    stored on that date, or one computed for the report itself. ``basis`` is
    what that journey rested on (:class:`~influscope.analyze.journey.data.JourneyBasis`,
    from the run log; None for a run logged before it was kept). A journey
    that met no actor stores no weight: its run is then found in the run log
    (the last successful ``journey`` of that axis), so an empty journey still
    says what it rested on rather than nothing.
    """
    table = store.table("journey_weights")
    rows = store.to_arrow(
        table.filter((table.axis == (axis or "")) & (table.level == "actor"))
        .select("run_id", "computed_at")
        .order_by(table.computed_at.desc())
        .limit(1)
    ).to_pylist()
    if not rows:
        return _empty_run(store, axis)
    found: dict[str, Any] = rows[0]
    runs = store.table("runs")
    logged = store.to_arrow(
        runs.filter(runs.run_id == found["run_id"]).select("counts")
    ).to_pylist()
    counts = orjson.loads(logged[0]["counts"]) if logged and logged[0]["counts"] else {}
    found["basis"] = JourneyBasis.from_counts(counts)
    return found


def _empty_run(store: Store, axis: str | None) -> dict[str, Any] | None:
    """The last successful journey run of ``axis`` that stored no actor, from the run log."""
    runs = store.table("runs")
    logged = store.to_arrow(
        runs.filter((runs.command == "journey") & (runs.status == "ok"))
        .select("run_id", "params", "finished_at", "counts")
        .order_by([runs.finished_at.desc(), runs.run_id.desc()])
    ).to_pylist()
    for row in logged:
        params = orjson.loads(row["params"]) if row["params"] else {}
        counts = orjson.loads(row["counts"]) if row["counts"] else {}
        if params.get("axis") != axis:
            continue
        if counts.get("actors"):  # it stored weights since replaced: not this journey
            return None
        return {
            "run_id": row["run_id"],
            "computed_at": row["finished_at"],
            "basis": JourneyBasis.from_counts(counts),
        }
    return None
