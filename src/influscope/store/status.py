"""What is in the store: counts by platform, language and month; the last runs and their errors."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from influscope import model
from influscope.store.binding import bound
from influscope.store.engine import Store

# Shown elsewhere in the status (last runs) or mirrored from the config file.
CONFIG_AND_LOGS = ("axes", "brands", "runs", "run_errors", "cursors")


#: Prefix of the cursors the watch keeps for each alert rule whose last evaluation failed
#: (a JSON object: error, hint, since); "" once the rule runs again.
FAILING_RULE = "alerts:failing:"


# The overview in the store's own SQL, not Ibis: Ibis and its SQL compilers are a
# quarter of a second to import, most of what ``influscope status`` would cost, for
# five small group-bys of one DuckDB file. Ties are ordered by name, so the same
# store always gives the same overview.
BY_PLATFORM = (
    "SELECT platform, count(*) AS documents FROM documents "
    "GROUP BY platform ORDER BY documents DESC, platform"
)
BY_LANGUAGE = (
    "SELECT coalesce(lang, 'unknown') AS lang, count(*) AS documents FROM documents "
    "GROUP BY 1 ORDER BY documents DESC, lang"
)
# The month as YYYY-MM: the first seven characters of the month's first day.
BY_MONTH = (
    "SELECT coalesce(substring(CAST(CAST(date_trunc('month', published_at) AS DATE) AS VARCHAR), "
    "1, 7), 'undated') AS month, count(*) AS documents FROM documents GROUP BY 1 ORDER BY month"
)
LAST_RUNS = "SELECT * EXCLUDE (params) FROM runs ORDER BY started_at DESC, run_id DESC LIMIT 10"
FAILING = "SELECT name, value FROM cursors WHERE starts_with(name, ?) AND value <> '' ORDER BY name"


def summary(store: Store) -> dict[str, Any]:
    """A JSON-ready overview of the store, read in one snapshot (plain SQL, see above)."""
    with store.snapshot() as con:
        tables = {
            name: store.count(name)
            for name in model.CANONICAL_TABLES
            if name not in CONFIG_AND_LOGS
        }
        return {
            "tables": tables,
            "documents_by_platform": _sql_records(con, BY_PLATFORM),
            "documents_by_language": _sql_records(con, BY_LANGUAGE),
            "documents_by_month": _sql_records(con, BY_MONTH),
            "last_runs": _sql_records(con, LAST_RUNS),
            "failing_rules": _failing(bound(con, FAILING, [FAILING_RULE])),
        }


def _failing(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    rows = result.to_arrow_table().to_pylist()
    return [{"rule": r["name"].removeprefix(FAILING_RULE), **json.loads(r["value"])} for r in rows]


def _sql_records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    """Rows of a statement as dicts, through Arrow (the Python values Ibis's reads give)."""
    found: list[dict[str, Any]] = con.execute(sql).to_arrow_table().to_pylist()
    return found


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
