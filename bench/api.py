"""API latency on a large workspace: overview and share-of-voice p95, and the 20k-node map graph.

A real uvicorn server on loopback answers a real HTTP client (httpx), with a
Bearer token, so the figures include authentication, the workspace lock,
JSON serialisation and transport.

The workspace is the demo's when ``Workspace.build_demo`` exists, otherwise
``--docs`` generated posts (three brands, two axes' words) imported with the
generic importer. Analyses missing from this build are replaced by stand-ins
that say so in the output: share of voice by an Ibis count of brand citations
per week over the axis' documents (computed on every request, no cache), and
the map by a synthetic graph of ``--nodes`` actors held in memory (what a
persisted map table read gives), so the map figure measures the API's paging,
serialisation and transport of a graph that size, not the layout.

Usage: python bench/api.py [--docs 1000000] [--nodes 20000] [--runs 40] [--keep DIR]
"""

from __future__ import annotations

import argparse
import math
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402

CONFIG = """
[workspace]
name = "bench"
[[brands]]
name = "Acme"
own = true
aliases = ["acme"]
[[brands]]
name = "Rival"
aliases = ["rival"]
[[brands]]
name = "Globex"
aliases = ["globex"]
[[axes]]
name = "usine"
query = "usine"
competitors = ["Rival", "Globex"]
[[axes]]
name = "climat"
query = "climat"
competitors = ["Rival"]
"""
WORDS = "usine futur industrie robotique énergie climat emploi innovation atelier numérique".split()


def generate(path: Path, n: int, seed: int = 5) -> None:
    """Posts citing zero or one brand, over three months."""
    rng = random.Random(seed)
    brands = ["acme", "rival", "globex", "", ""]
    with path.open("wb") as handle:
        lines = []
        for i in range(n):
            text = (
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16)))
                + " "
                + rng.choice(brands)
            )
            lines.append(
                orjson.dumps(
                    {
                        "id": str(i),
                        "platform": rng.choice(["twitter", "mastodon", "bluesky"]),
                        "author": f"user{rng.randint(0, 50000)}",
                        "text": text,
                        "published_at": f"2026-{rng.randint(8, 10):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z",
                        "lang": "fr",
                    }
                )
            )
            if len(lines) == 100_000:
                handle.write(b"\n".join(lines) + b"\n")
                lines = []
        if lines:
            handle.write(b"\n".join(lines) + b"\n")


def open_workspace(folder: Path, docs: int) -> Any:
    from influscope.workspace import Workspace

    if (folder / "influscope.toml").exists():
        return Workspace.open(folder), "reused"
    if hasattr(Workspace, "build_demo"):
        return Workspace.build_demo(folder, scale=docs, seed=7), "demo"
    ws = Workspace.init(folder, CONFIG)
    data = folder / "posts.jsonl"
    generate(data, docs)
    ws.ingest_files([data])
    data.unlink()
    return ws, "generated"


def stand_ins(ws: Any, nodes: int) -> list[str]:
    """Attach stand-ins for the analyses this build lacks; returns their names."""
    used = []
    if not callable(getattr(ws, "share_of_voice", None)):
        import ibis

        def share_of_voice(
            axis: str | None = None, by: str | None = None, split: str | None = None
        ) -> list[dict[str, Any]]:
            docs = ws.store.table("documents")
            word = ws.config.axis(axis).query if axis else "usine"
            text = docs.text.lower()
            on_axis = docs.filter(text.contains(word))
            brand = ibis.cases(
                *[
                    (on_axis.text.lower().contains(b.name.lower()), b.name)
                    for b in ws.config.brands
                ],
                else_=None,
            )
            week = on_axis.published_at.truncate("W").date().cast("string")
            expr = (
                on_axis.mutate(brand=brand, period=week)
                .filter(lambda t: t.brand.notnull())
                .group_by(["period", "brand"])
                .agg(mentions=lambda t: t.count())
                .order_by(["period", "brand"])
            )
            return ws.store.to_arrow(expr).to_pylist()

        ws.share_of_voice = share_of_voice
        used.append("share_of_voice (Ibis count per week and brand, per request)")
    if not callable(getattr(ws, "map", None)):
        rng = random.Random(3)
        graph_nodes = [
            {
                "actor_id": f"twitter:user{i}",
                "name": f"User {i}",
                "community": i % 12,
                "community_label": f"community {i % 12}",
                "role": "member",
                "stance": ["ally", "sympathiser", "neutral", "detractor"][i % 4],
                "stance_source": "model",
                "stance_confidence": 0.7,
                "kind": "citizen",
                "kind_source": "rule",
                "tier": "micro",
                "weight": rng.random(),
                "x": math.cos(i) * rng.random() * 100,
                "y": math.sin(i) * rng.random() * 100,
            }
            for i in range(nodes)
        ]
        edges = [
            {
                "source": f"twitter:user{rng.randrange(nodes)}",
                "target": f"twitter:user{rng.randrange(nodes)}",
                "weight": 1.0,
            }
            for _ in range(nodes * 4)
        ]
        ws.map = lambda axis=None, level="coarse", since=None, until=None: {
            "nodes": graph_nodes,
            "edges": edges,
        }
        used.append(f"map (synthetic {nodes:,} nodes / {nodes * 4:,} edges in memory)")
    return used


def serve(ws: Any) -> tuple[str, Any]:
    import uvicorn

    from influscope.serve.api.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(ws), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(base + "/api/health", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.05)
    return base, server


def timed(client: httpx.Client, path: str, runs: int) -> tuple[list[float], int, float]:
    times, size = [], 0
    start = time.perf_counter()
    client.get(path).raise_for_status()  # the first answer computes; the next come from the cache
    first = (time.perf_counter() - start) * 1000
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
        size = len(response.content)
    return times, size, first


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", type=Path, help="Workspace folder to build or reuse.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "ws"
        start = time.perf_counter()
        ws, origin = open_workspace(folder, args.docs)
        built = time.perf_counter() - start
        docs = ws.store.count("documents")
        used = stand_ins(ws, args.nodes)
        token = ws.users_add(f"bench{int(time.time())}", "viewer", token=True)["token"]
        base, server = serve(ws)
        lines = [f"workspace: {docs:,} documents ({origin}, {built:.0f} s)"]
        if used:
            lines.append("stand-ins for analyses missing from this build: " + "; ".join(used))
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
        ) as client:
            for label, path, runs, limit in (
                ("GET /api/overview", "/api/overview", args.runs, 300),
                ("GET /api/sov?axis=usine&by=week", "/api/sov?axis=usine&by=week", args.runs, 300),
                ("GET /api/sov/totals?axis=usine", "/api/sov/totals?axis=usine", args.runs, 300),
                (
                    f"GET /api/map?limit={args.nodes}",
                    f"/api/map?limit={args.nodes}",
                    max(5, args.runs // 4),
                    2000,
                ),
                (
                    f"GET /api/map?limit={args.nodes}&format=columns (the dashboard's)",
                    f"/api/map?limit={args.nodes}&format=columns",
                    max(5, args.runs // 4),
                    2000,
                ),
            ):
                times, size, first = timed(client, path, runs)
                worst = max(times) if "map" in path else p95(times)
                verdict = "ok" if worst <= limit else "OVER"
                kind = "max" if "map" in path else "p95"
                lines.append(
                    f"{label}: median {statistics.median(times):.0f} ms, {kind} {worst:.0f} ms "
                    f"(target ≤ {limit} ms: {verdict}), {runs} runs, {size / 1e6:.2f} MB; "
                    f"first request (computed, not cached) {first:.0f} ms"
                )
        server.should_exit = True
        ws.close()
    record(
        f"API latency on {docs:,} documents",
        f"python bench/api.py --docs {args.docs} --nodes {args.nodes} --runs {args.runs}",
        lines,
    )


if __name__ == "__main__":
    main()
