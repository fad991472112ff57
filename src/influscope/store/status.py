"""What is in the store: counts by platform, language and month; the last runs and their errors."""

from __future__ import annotations

import json
from typing import Any

from influscope import model
from influscope.store.engine import Store

# Shown elsewhere in the status (last runs) or mirrored from the config file.
CONFIG_AND_LOGS = ("axes", "brands", "runs", "run_errors", "cursors")


#: Prefix of the cursors the watch keeps for each alert rule whose last evaluation failed
#: (a JSON object: error, hint, since); "" once the rule runs again.
FAILING_RULE = "alerts:failing:"


def summary(store: Store) -> dict[str, Any]:
    """A JSON-ready overview of the store (read through Ibis)."""
    import ibis  # noqa: PLC0415

    docs = store.table("documents")
    by_platform = (
        docs.group_by("platform")
        .agg(documents=lambda t: t.count())
        .order_by(ibis.desc("documents"))
    )
    by_lang = (
        docs.mutate(lang=docs.lang.fill_null("unknown"))
        .group_by("lang")
        .agg(documents=lambda t: t.count())
        .order_by(ibis.desc("documents"))
    )
    month = docs.published_at.truncate("M").date().cast("string").substr(0, 7)
    by_month = (
        docs.mutate(month=month.fill_null("undated"))
        .group_by("month")
        .agg(documents=lambda t: t.count())
        .order_by("month")
    )
    runs = store.table("runs").order_by(ibis.desc("started_at")).limit(10)
    tables = {
        name: store.count(name) for name in model.CANONICAL_TABLES if name not in CONFIG_AND_LOGS
    }
    return {
        "tables": tables,
        "documents_by_platform": _records(store, by_platform),
        "documents_by_language": _records(store, by_lang),
        "documents_by_month": _records(store, by_month),
        "last_runs": _records(store, runs.drop("params")),
        "failing_rules": failing_rules(store),
    }


def failing_rules(store: Store) -> list[dict[str, Any]]:
    """The alert rules whose last evaluation by the watch failed, by rule name."""
    cursors = store.table("cursors")
    found = cursors.filter(cursors.name.startswith(FAILING_RULE) & (cursors.value != ""))
    rows = _records(store, found.select("name", "value").order_by("name"))
    return [{"rule": r["name"].removeprefix(FAILING_RULE), **json.loads(r["value"])} for r in rows]


def run_errors(store: Store, run_id: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    """Rejected items of a run (default: the most recent run that rejected any)."""
    import ibis  # noqa: PLC0415

    if run_id is None:
        runs = store.table("runs")
        last = runs.filter(runs.errors > 0).order_by(ibis.desc("started_at")).limit(1)
        rows = _records(store, last.select("run_id"))
        if not rows:
            return []
        run_id = rows[0]["run_id"]
    errors = store.table("run_errors")
    return _records(store, errors.filter(errors.run_id == run_id).order_by("seq").limit(limit))


def _records(store: Store, expr: Any) -> list[dict[str, Any]]:
    return store.rows(expr)
