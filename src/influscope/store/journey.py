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

from influscope.model import RowError
from influscope.store.runs import log_errors, now
from influscope.store.writer import WriteCount, Writer

TS = pa.timestamp("us")

DEMAND_SCHEMA = pa.schema(
    [
        ("query", pa.string()),
        ("locale", pa.string()),
        ("period", pa.string()),
        ("volume", pa.float64()),
        ("clicks", pa.float64()),
        ("impressions", pa.float64()),
        ("position", pa.float64()),
        ("source", pa.string()),
        ("source_run", pa.string()),
    ]
)
SERP_SCHEMA = pa.schema(
    [
        ("query", pa.string()),
        ("captured_at", TS),
        ("engine", pa.string()),
        ("rank", pa.int32()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("snippet", pa.string()),
        ("domain", pa.string()),
        ("source_run", pa.string()),
    ]
)
TRANSITION_SCHEMA = pa.schema(
    [
        ("src_url", pa.string()),
        ("dst_url", pa.string()),
        ("referrer", pa.string()),
        ("type", pa.string()),
        ("period", pa.string()),
        ("clicks", pa.float64()),
        ("source", pa.string()),
        ("source_run", pa.string()),
    ]
)
FRONTIER_SCHEMA = pa.schema(
    [
        ("url", pa.string()),
        ("host", pa.string()),
        ("depth", pa.int32()),
        ("state", pa.string()),
        ("reason", pa.string()),
        ("http_status", pa.int32()),
        ("final_url", pa.string()),
        ("content_type", pa.string()),
        ("bytes", pa.int64()),
        ("discovered_from", pa.string()),
        ("queued_at", TS),
        ("fetched_at", TS),
        ("run_id", pa.string()),
    ]
)
WEIGHT_SCHEMA = pa.schema(
    [
        ("axis", pa.string()),
        ("level", pa.string()),
        ("node_id", pa.string()),
        ("actor_id", pa.string()),
        ("url", pa.string()),
        ("weight", pa.float64()),
        ("rank", pa.int32()),
        ("top_queries", pa.list_(pa.string())),
        ("run_id", pa.string()),
        ("computed_at", TS),
    ]
)
PATH_SCHEMA = pa.schema(
    [
        ("axis", pa.string()),
        ("actor_id", pa.string()),
        ("seq", pa.int32()),
        ("entry_kind", pa.string()),
        ("entry", pa.string()),
        ("result", pa.string()),
        ("page", pa.string()),
        ("share", pa.float64()),
        ("run_id", pa.string()),
        ("link_step", pa.string()),
    ]
)


def write_search_rows(
    writer: Writer,
    table: str,
    rows: list[dict[str, Any]],
    errors: list[RowError],
    run_id: str,
) -> WriteCount:
    """Upsert demand, SERP or observed-transition rows and log the rejected ones.

    Runs in the caller's transaction. Rows repeating a key within one file
    (a transitions file listing a pair twice) are summed for transitions, the
    last kept otherwise, so the upsert sees each key once.
    """
    schema = {
        "search_demand": DEMAND_SCHEMA,
        "serp": SERP_SCHEMA,
        "transitions": TRANSITION_SCHEMA,
    }[table]
    for row in rows:
        row["source_run"] = run_id
    if table == "transitions":
        rows = _sum_repeated(rows)
    count = writer.upsert(table, pa.Table.from_pylist(rows, schema=schema), coalesce=False)
    if errors:
        log_errors(writer, run_id, 0, errors)
    return count


def _sum_repeated(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["src_url"], row["dst_url"], row["referrer"], row["period"])
        if key in merged:
            merged[key]["clicks"] += row["clicks"]
        else:
            merged[key] = dict(row)
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
        from influscope.store.sink import StoreSink

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
        from influscope.ingest.batch import Batch
        from influscope.store.ingestion import write_batch

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
    from influscope.store.privacy import actor_hash

    try:
        hashes = {r[0] for r in store.con.execute("SELECT actor_hash FROM erasures").fetchall()}
        row = store.con.execute("SELECT value FROM secrets WHERE name = 'salt'").fetchone()
    except Exception:  # a store without the privacy tables (older schema)
        return None
    if not hashes or not row:
        return None
    salt_value = str(row[0])
    return lambda actor: actor_hash(salt_value, actor) in hashes
