"""Riposte readiness: whether the company is found on the incident's searches, and how fast it answered.

« Dans un cas de fake news, tout se joue avant : il faut disposer d'un
arsenal de riposte (un site bien référencé, un compte Twitter) » — the
article behind the product. Two measures per incident:

- for each of the incident's queries, the **best rank of an owned asset**
  on the captured result pages (a page on one of the company's domains, or a
  profile/post of its accounts) and the number of owned slots in the top 10;
  ``None`` when the company is absent — the reader meets only others' pages;
- the **time to the first owned response**: from the incident's start to the
  first post by one of the company's own accounts or sites in the window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from influscope.ingest.urls import web_entity


@dataclass(frozen=True)
class QueryReadiness:
    """Where the company stands on one query's result page."""

    query: str
    best_owned_rank: int | None
    owned_slots: int
    slots: int
    captured_at: Any = None


def serp_readiness(
    serp: Iterable[dict[str, Any]], queries: Iterable[str], owned: Callable[[str], bool]
) -> list[QueryReadiness]:
    """Per query (case-insensitive), the latest capture's owned positions (module doc)."""
    wanted = {q.strip().lower(): q for q in queries}
    latest: dict[str, Any] = {}
    rows_by_query: dict[str, list[dict[str, Any]]] = {}
    for row in serp:
        key = str(row["query"]).strip().lower()
        if key not in wanted:
            continue
        rows_by_query.setdefault(key, []).append(row)
        if latest.get(key) is None or row["captured_at"] > latest[key]:
            latest[key] = row["captured_at"]
    result = []
    for key, query in wanted.items():
        page = [r for r in rows_by_query.get(key, []) if r["captured_at"] == latest.get(key)]
        top = sorted((r for r in page if int(r["rank"]) <= 10), key=lambda r: int(r["rank"]))
        mine = [int(r["rank"]) for r in top if owned("web:" + web_entity(str(r["url"])))]
        result.append(
            QueryReadiness(query, min(mine) if mine else None, len(mine), len(top), latest.get(key))
        )
    return result


def first_owned_response(
    rows: Iterable[dict[str, Any]], owned: Callable[[str], bool], since: float
) -> float | None:
    """Seconds from ``since`` to the first post of an owned account or site (None: no answer)."""
    times = [
        float(r["t"]) for r in rows if float(r["t"]) >= since and owned(r.get("author_id") or "")
    ]
    return min(times) - since if times else None
