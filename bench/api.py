"""API latency on the demo workspace: overview and share of voice, and the map graph.

Builds the SIMULATED demo workspace at ``--docs`` posts (``Workspace.build_demo``)
and runs its real pipeline (``demo_pipeline``: brand attribution, enrichment,
map, journey, alerts), or reuses one built before in ``--keep DIR``. Then, for
each endpoint, a real uvicorn server on loopback is started on a freshly
opened workspace and a real HTTP client (httpx, Bearer token) times:

- ``cold``: the first request after the server started (answer cache empty,
  nothing computed in this process yet; the server is not warmed);
- ``warm``: the next ``--runs`` requests (answered from the API's cache while
  the data is unchanged), p50 and p95;
- ``uncached``: ``--runs`` requests with the answer cache emptied before each,
  so each is computed again (what a request costs after a write), p50 and p95.

Figures include authentication, the workspace lock, JSON serialisation and
transport. Targets (issue 6): overview and share of voice p95 ≤ 300 ms, a
20k-node map graph ≤ 2 s.

Usage: python bench/api.py [--docs 1000000] [--nodes 20000] [--runs 40] [--keep DIR] [--rebuild]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402

PIPELINE = "demo pipeline"


def prepare(folder: Path, docs: int, rebuild: bool = False) -> tuple[str, list[str]]:
    """Build the demo workspace and run its pipeline, unless ``folder`` already has both.

    On a reused one, the aggregates are brought up to date (``rebuild``: from
    scratch, timed).
    """
    from influscope.workspace import Workspace

    if (folder / "influscope.toml").exists():
        with Workspace.open(folder) as ws:
            runs = ws.store.table("runs")
            done = runs.filter((runs.command == PIPELINE) & runs.finished_at.notnull())
            if int(done.count().execute()):
                import orjson

                last = ws.store.to_arrow(done.order_by(runs.started_at.desc()).limit(1))
                row = last.to_pylist()[0]
                steps = orjson.loads(row["counts"] or "{}").get("steps", [])
                spent = ", ".join(f"{x['step']} {x.get('seconds', x['status'])} s" for x in steps)
                took_all = (row["finished_at"] - row["started_at"]).total_seconds()
                pipeline = f"demo pipeline run {row['run_id']}: {took_all:.0f} s ({spent})"
                # What the analysis steps keep up to date (a no-op when they did).
                from influscope.analyze.sov import counts as sov_counts

                start = time.perf_counter()
                did = sov_counts.refresh(ws.store, ws.config, full=rebuild)
                took = time.perf_counter() - start
                what = "rebuilt from scratch" if rebuild else "checked"
                return "reused", [
                    pipeline,
                    f"share-of-voice aggregates {what}: {did['mode']}, {did['rows']:,} rows, "
                    f"{took:.1f} s",
                ]
    lines = []
    start = time.perf_counter()
    ws = Workspace.build_demo(folder, scale=docs, seed=7)
    lines.append(
        f"demo build (generate + import + attribution): {time.perf_counter() - start:.0f} s"
    )
    start = time.perf_counter()
    steps = ws.demo.pipeline()
    detail = ", ".join(f"{s.step} {s.seconds or s.status}" for s in steps)
    lines.append(f"demo pipeline {time.perf_counter() - start:.0f} s ({detail} s)")
    ws.close()
    return "built", lines


def serve(folder: Path) -> tuple[str, Any, Any, Any]:
    """Open the workspace and start a server on it; returns (base URL, server, app, workspace)."""
    import uvicorn

    from influscope.serve.api.app import create_app
    from influscope.workspace import Workspace

    ws = Workspace.open(folder)
    app = create_app(ws)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    for _ in range(4000):
        try:
            httpx.get(base + "/api/health", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.01)
    app.state.ready_ms = (time.perf_counter() - started) * 1000
    return base, server, app, ws


def stop(server: Any, ws: Any) -> None:
    server.should_exit = True
    for _ in range(200):
        if not server.started:
            break
        time.sleep(0.05)
    time.sleep(0.2)
    ws.close()


def get(client: httpx.Client, path: str) -> tuple[float, httpx.Response]:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    response.raise_for_status()
    return elapsed, response


def _count(part: Any, column: str) -> int:
    """Rows of a map payload part: a list of objects, or columns (``format=columns``)."""
    return len(part[column]) if isinstance(part, dict) else len(part)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def measure(folder: Path, token: str, path: str, runs: int) -> dict[str, Any]:
    """Cold, warm and uncached timings of one route on a freshly started server."""
    base, server, app, ws = serve(folder)
    try:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=300
        ) as client:
            ready = app.state.ready_ms
            cold, response = get(client, path)
            body = response.json()
            warm = [get(client, path)[0] for _ in range(runs)]
            uncached = []
            for _ in range(runs):
                app.state.cache.clear()
                uncached.append(get(client, path)[0])
    finally:
        stop(server, ws)
    return {
        "ready": ready,
        "cold": cold,
        "warm": warm,
        "uncached": uncached,
        "bytes": len(response.content),
        "body": body,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", type=Path, help="Workspace folder to build or reuse.")
    parser.add_argument("--no-record", action="store_true", help="Print, do not append.")
    parser.add_argument(
        "--rebuild", action="store_true", help="Rebuild the aggregates of a reused workspace."
    )
    args = parser.parse_args()
    from influscope.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "ws"
        start = time.perf_counter()
        origin, lines = prepare(folder, args.docs, args.rebuild)
        built = time.perf_counter() - start
        with Workspace.open(folder) as ws:
            docs = ws.store.count("documents")
            actors = ws.store.count("actors")
            axis = ws.config.axes[0].name
            token = ws.accounts.add(f"bench{int(time.time())}", "viewer", token=True).token
        lines.insert(
            0,
            f"workspace: demo, {docs:,} documents, {actors:,} actors ({origin}, {built:.0f} s)",
        )
        routes = [
            ("GET /api/overview", "/api/overview", 300),
            (f"GET /api/sov?axis={axis}&by=week", f"/api/sov?axis={axis}&by=week", 300),
            (f"GET /api/sov/totals?axis={axis}", f"/api/sov/totals?axis={axis}", 300),
            (f"GET /api/map?limit={args.nodes}", f"/api/map?limit={args.nodes}", 2000),
            (
                f"GET /api/map?limit={args.nodes}&format=columns (the dashboard's)",
                f"/api/map?limit={args.nodes}&format=columns",
                2000,
            ),
        ]
        for label, path, limit in routes:
            runs = args.runs if "map" not in path else max(5, args.runs // 4)
            result = measure(folder, token, path, runs)
            warm, uncached = result["warm"], result["uncached"]
            worst = max(p95(warm), p95(uncached), result["cold"])
            verdict = "ok" if worst <= limit else "OVER"
            extra = ""
            if "map" in path:
                body = result["body"]
                extra = (
                    f"; graph: {_count(body['nodes'], 'id'):,} nodes of {body['total']:,}, "
                    f"{_count(body['edges'], 'source'):,} edges"
                )
            lines.append(
                f"{label}: server ready in {result['ready']:.0f} ms (start-up primes the store), "
                f"then cold {result['cold']:.0f} ms; warm p50 {statistics.median(warm):.0f} / "
                f"p95 {p95(warm):.0f} ms; uncached p50 {statistics.median(uncached):.0f} / "
                f"p95 {p95(uncached):.0f} ms ({runs} runs each, {result['bytes'] / 1e6:.2f} MB)"
                f"{extra}; target ≤ {limit} ms for all three: {verdict}"
            )
            print(lines[-1], flush=True)
    if args.no_record:
        print("\n".join(lines))
        return
    record(
        f"API latency on the demo workspace, {docs:,} documents",
        f"python bench/api.py --docs {args.docs} --nodes {args.nodes} --runs {args.runs}"
        + (f" --keep {args.keep}" if args.keep else "")
        + (" --rebuild" if args.rebuild else ""),
        lines,
    )


if __name__ == "__main__":
    main()
