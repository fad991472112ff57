"""Store side of the journey: search rows, the crawl frontier, and computed weights.

Search demand and result slots are upserted on their keys, so importing the
same export twice changes nothing. The crawl frontier is one row per canonical
URL; its state moves queued → fetched/skipped/failed in the same transaction as
the page it produced, which is what makes a killed crawl resumable. Journey
results replace the previous ones of the same axis as a whole.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from influscope import model
from influscope.ingest.batch import Batch
from influscope.model import RowError
from influscope.store.ingestion import write_batch
from influscope.store.privacy import actor_hash
from influscope.store.runs import log_errors, now
from influscope.store.sink import StoreSink
from influscope.store.writer import WriteCount, Writer

DEMAND_SCHEMA = model.spec("search_demand").arrow_schema()
SERP_SCHEMA = model.spec("serp").arrow_schema()
TRANSITION_SCHEMA = model.spec("transitions").arrow_schema()
FRONTIER_SCHEMA = model.spec("crawl_frontier").arrow_schema()
WEIGHT_SCHEMA = model.spec("journey_weights").arrow_schema()
PATH_SCHEMA = model.spec("journey_paths").arrow_schema()


def write_search_rows(
    writer: Writer,
    table: str,
    rows: list[dict[str, Any]],
    errors: list[RowError],
    run_id: str,
) -> tuple[WriteCount, int]:
    """Upsert demand, SERP or observed-transition rows and log the rejected ones.

    Runs in the caller's transaction. Rows repeating a key within one file
    (a transitions file listing a pair twice, a demand table with one row per
    region of each query) are summed for transitions, the last in the file
    kept otherwise, so the upsert sees each key once. Returns the write's
    counts and how many rows repeated a key: the import says so rather than
    report rows that vanished.
    """
    schema = {
        "search_demand": DEMAND_SCHEMA,
        "serp": SERP_SCHEMA,
        "transitions": TRANSITION_SCHEMA,
    }[table]
    for row in rows:
        row["source_run"] = run_id
    key = writer.key(table)
    unique = _once(rows, key, summed="clicks" if table == "transitions" else None)
    count = writer.upsert(table, pa.Table.from_pylist(unique, schema=schema), coalesce=False)
    if errors:
        log_errors(writer, run_id, 0, errors)
    return count, len(rows) - len(unique)


def _once(rows: list[dict[str, Any]], key: list[str], summed: str | None) -> list[dict[str, Any]]:
    """One row per key, in the order keys first appear: ``summed`` added up, else the last kept."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        at = tuple(row.get(k) for k in key)
        if at in merged and summed is not None:
            merged[at][summed] += row[summed]
        else:
            merged[at] = dict(row)
    return list(merged.values())


def queue_urls(writer: Writer, rows: list[dict[str, Any]], run_id: str) -> int:
    """Add URLs to the frontier; those already known keep their state."""
    if not rows:
        return 0
    stamp = now()
    for row in rows:
        row.setdefault("state", "queued")
        row.setdefault("queued_at", stamp)
        row["run_id"] = run_id
    table = pa.Table.from_pylist(rows, schema=FRONTIER_SCHEMA)
    before = _count(writer, "crawl_frontier")
    writer.con.register("_incoming_frontier", table)
    try:
        writer.con.execute(
            "INSERT INTO crawl_frontier SELECT * FROM _incoming_frontier "
            "QUALIFY row_number() OVER (PARTITION BY url ORDER BY depth) = 1 "
            "ON CONFLICT DO NOTHING"
        )
    finally:
        writer.con.unregister("_incoming_frontier")
    return _count(writer, "crawl_frontier") - before


def requeue(writer: Writer, urls: list[str], depth: int, run_id: str) -> None:
    """Queue again URLs named explicitly by the user (a new crawl of known pages)."""
    if urls:
        writer.con.execute(
            "UPDATE crawl_frontier SET state = 'queued', depth = ?, run_id = ? "
            "WHERE url IN (SELECT unnest(?)) AND state <> 'queued'",
            [depth, run_id, urls],
        )


def mark_url(writer: Writer, url: str, values: dict[str, Any]) -> None:
    """Record what happened to a frontier URL (state, status, size…)."""
    writer.update("crawl_frontier", {"url": url}, values | {"fetched_at": now()})


def queued_urls(store: Any, limit: int) -> list[dict[str, Any]]:
    """The next queued URLs, shallowest first (breadth-first, stable order)."""
    frontier = store.table("crawl_frontier")
    expr = (
        frontier.filter(frontier.state == "queued")
        .order_by([frontier.depth, frontier.queued_at, frontier.url])
        .limit(limit)
        .select("url", "host", "depth")
    )
    return list(store.to_arrow(expr).to_pylist())


def replace_journey(
    writer: Writer,
    axis: str,
    weights: list[dict[str, Any]],
    paths: list[dict[str, Any]],
    run_id: str,
) -> None:
    """Replace the stored weights and paths of one axis ('' = all)."""
    stamp = now()
    for row in weights:
        row.update(axis=axis, run_id=run_id, computed_at=stamp)
    for row in paths:
        row.update(axis=axis, run_id=run_id)
    writer.con.execute("DELETE FROM journey_weights WHERE axis = ?", [axis])
    writer.con.execute("DELETE FROM journey_paths WHERE axis = ?", [axis])
    for table, rows, schema in (
        ("journey_weights", weights, WEIGHT_SCHEMA),
        ("journey_paths", paths, PATH_SCHEMA),
    ):
        if rows:
            writer.upsert(table, pa.Table.from_pylist(rows, schema=schema), coalesce=False)


def _count(writer: Writer, table: str) -> int:
    row = writer.con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    return int(row[0]) if row else 0


class FrontierSink:
    """The store as the crawler's frontier and page destination (see ``CrawlSink``)."""

    def __init__(self, store: Any, run_id: str) -> None:
        self.store = store
        self.run_id = run_id
        self.pages = StoreSink(store, run_id)

    def queue(self, rows: list[dict[str, Any]]) -> int:
        """Add URLs to the frontier."""
        with self.store.transaction() as writer:
            return queue_urls(writer, rows, self.run_id)

    def requeue(self, urls: list[str]) -> None:
        """Queue again explicitly named URLs at depth 0."""
        with self.store.transaction() as writer:
            requeue(writer, urls, 0, self.run_id)

    def next_urls(self, limit: int) -> list[dict[str, Any]]:
        """Queued URLs, shallowest first."""
        return queued_urls(self.store, limit)

    def record(
        self, url: str, outcome: dict[str, Any], page: Any, found: list[dict[str, Any]]
    ) -> None:
        """One visit: frontier state, page document and new URLs in one transaction."""
        with self.store.transaction() as writer:
            if page is not None:
                batch = Batch(documents=page.documents, actors=page.actors, links=page.links)
                write_batch(writer, batch, self.run_id, now())
            queue_urls(writer, found, self.run_id)
            mark_url(writer, url, outcome | {"run_id": self.run_id})


def erased_filter(store: Any) -> Any:
    """``actor_id -> bool``: was this actor erased (personal data)? None when nobody was.

    The journey rebuilds actors from URLs in result pages and links, which
    erasure does not touch; this keeps erased people out of it.
    """
    erasures = store.table("erasures")
    hashes = set(store.to_arrow(erasures.select("actor_hash")).column(0).to_pylist())
    salt_value = store.secret("salt")
    if not hashes or salt_value is None:
        return None
    return lambda actor: actor_hash(salt_value, actor) in hashes
