"""A server that never blocks: page loads during an axis map, status during a hostile query.

On the SIMULATED demo workspace (``--docs`` posts, built by ``bench/api.py``'s
``prepare`` or reused from ``--keep``), ``influscope serve`` runs as its own
process (as in production: the clients' Python does not share its GIL), and
real HTTP clients (httpx, Bearer tokens) measure two things:

1. **Page loads during an axis map** (issue #13): the axis' stored map is
   dropped, then its map is asked for (``/api/map?axis=…``: a background job,
   202); while that job computes, ``--clients`` clients load pages over and
   over (the page's HTML, then its stored answers: overview, share of voice,
   alerts, status). Every answer is timed: p50/p95 against the 300 ms target,
   and timeouts (30 s) counted. The job's own duration is reported, and only
   requests sent while it was running are counted.
2. **A hostile query** (issue #16): a viewer sends the issue's queries (100
   wildcard terms; a heavy query within the limits) to ``/api/query/preview``;
   each must be refused or cut (400/503) within 2 s, while another client polls
   ``/api/status``, whose p95 must stay ≤ 300 ms.

Usage: python bench/busy_server.py --keep DIR [--docs 1000000] [--clients 20]
(wrap in ``flock /tmp/bench.lock`` at 1M documents)
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api import prepare  # noqa: E402
from common import record  # noqa: E402

BIN = Path(sys.executable).parent
STORED = ("/api/overview", "/api/sov?axis={axis}&by=week", "/api/alerts?limit=20", "/api/status")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(folder: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [str(BIN / "influscope"), "-w", str(folder), "serve", "--port", str(port)],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped: {log.read_text()[-2000:]}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server never answered /api/health")


def timed(client: httpx.Client, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    try:
        status = client.get(path).status_code
    except httpx.TimeoutException:
        status = 0
    except httpx.TransportError:  # refused or reset: counted as a failed load, the client goes on
        status = -1
    return (time.perf_counter() - start) * 1000, status


def drop_axis_map(folder: Path, axis: str) -> None:
    """Forget the stored map of an axis, so asking for it starts a computation."""
    from influscope.analyze.map.scope import Scope
    from influscope.workspace import Workspace

    with Workspace.open(folder) as ws:
        scope = Scope(axis, ws.config.axis(axis).query, None, None)
        with ws.store.transaction() as writer:
            writer.delete("map_runs", "scope", [scope.key])


def page_loads(base: str, token: str, axis: str, clients: int, job: str) -> dict[str, Any]:
    """``clients`` clients loading pages while the job runs; every answer's time and status."""
    samples: list[tuple[float, int, float, str]] = []  # (ms, status, sent at, path)
    lock = threading.Lock()
    running = threading.Event()
    running.set()
    headers = {"Authorization": f"Bearer {token}"}
    paths = ["/", *[p.format(axis=axis) for p in STORED]]

    def client_loop() -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
            while running.is_set():
                for path in paths:
                    sent = time.monotonic()
                    ms, status = timed(client, path)
                    with lock:
                        samples.append((ms, status, sent, path))

    threads = [threading.Thread(target=client_loop, daemon=True) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    finished = None
    with httpx.Client(base_url=base, headers=headers, timeout=30) as poll:
        while time.monotonic() - started < 900:
            state = poll.get(f"/api/jobs/{job}").json()
            if state.get("state") in ("done", "failed"):
                finished = time.monotonic()
                break
            time.sleep(0.5)
    running.clear()
    for thread in threads:
        thread.join(60)
    end = finished or time.monotonic()
    during = [s for s in samples if s[2] < end]
    return {
        "job_seconds": end - started,
        "job_state": state.get("state"),
        "ms": [s[0] for s in during],
        "statuses": [s[1] for s in during],
        "loads": len(during) // len(paths),
        "by_path": {path: [(s[0], s[1]) for s in during if s[3] == path] for path in paths},
    }


def hostile(base: str, viewer: str, admin: str) -> list[str]:
    """Each hostile query's answer and time, with /api/status polled meanwhile."""
    queries = {
        "100 wildcard terms (the issue's)": " OR ".join(f"w{i}*" for i in range(100)),
        "20 one-letter wildcards (within the limits)": " OR ".join(
            f"{c}*" for c in "abcdefghijklmnopqrst"
        ),
        "493 nested parentheses": "(" * 493 + "a" + ")" * 493,
        "32x32 NEAR": " OR ".join(f'"a{i} b{i}"~32' for i in range(32)),
    }
    lines = []
    for label, query in queries.items():
        polled: list[float] = []
        statuses: list[int] = []
        stop = threading.Event()

        def poll_status(
            polled: list[float] = polled, statuses: list[int] = statuses, stop: Any = stop
        ) -> None:
            with httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {admin}"}, timeout=30
            ) as client:
                while not stop.is_set():
                    ms, status = timed(client, "/api/status")
                    polled.append(ms)
                    statuses.append(status)
                    time.sleep(0.05)

        poller = threading.Thread(target=poll_status, daemon=True)
        poller.start()
        time.sleep(0.5)
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {viewer}"}, timeout=60
        ) as client:
            start = time.perf_counter()
            answer = client.get("/api/query/preview", params={"q": query})
            took = time.perf_counter() - start
        time.sleep(0.5)
        stop.set()
        poller.join(30)
        error = answer.json().get("error", "") if answer.status_code >= 400 else "answered"
        verdict = "ok" if took <= 2 and p95(polled) <= 300 else "OVER"
        lines.append(
            f"hostile query, {label} ({len(query)} chars): {answer.status_code} in {took:.2f} s "
            f"({error[:90]}); /api/status meanwhile p50 {statistics.median(polled):.0f} / "
            f"p95 {p95(polled):.0f} ms over {len(polled)} requests, statuses "
            f"{sorted(set(statuses))}; target cut ≤ 2 s and p95 ≤ 300 ms: {verdict}"
        )
        print(lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--keep", type=Path, required=True, help="Workspace folder.")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    from influscope.workspace import Workspace

    origin, lines = prepare(args.keep, args.docs)
    stamp = int(time.time())
    with Workspace.open(args.keep) as ws:
        docs = ws.store.count("documents")
        axis = ws.config.axes[0].name
        admin = ws.accounts.add(f"bench-admin-{stamp}", "admin", token=True).token or ""
        viewer = ws.accounts.add(f"bench-viewer-{stamp}", "viewer", token=True).token or ""
    drop_axis_map(args.keep, axis)
    lines.insert(0, f"workspace: demo, {docs:,} documents ({origin}); axis {axis}")
    log = args.keep / f"bench-serve-{stamp}.log"
    proc, base = start_server(args.keep, log)
    try:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {admin}"}, timeout=300
        ) as client:
            # The stored answers, once: a page load then reads them as a returning user would.
            for path in STORED:
                for _ in range(600):
                    if client.get(path.format(axis=axis)).status_code == 200:
                        break
                    time.sleep(0.5)
            asked = client.get(f"/api/map?axis={axis}&format=columns&limit=20000")
            if asked.status_code != 202:
                raise SystemExit(f"the axis map did not start a job: {asked.status_code}")
            job = asked.json()["job"]["id"]
        loads = page_loads(base, admin, axis, args.clients, job)
        ms, statuses = loads["ms"], loads["statuses"]
        errors = sum(1 for s in statuses if s != 200)
        verdict = "ok" if p95(ms) <= 300 and not errors else "OVER"
        lines.append(
            f"{args.clients} clients loading pages (HTML + {len(STORED)} stored answers) while the "
            f"axis map computed ({loads['job_seconds']:.0f} s, job {loads['job_state']}): "
            f"{len(ms):,} requests, {loads['loads']:,} page loads; p50 "
            f"{statistics.median(ms):.0f} / p95 {p95(ms):.0f} / max {max(ms):.0f} ms; "
            f"{errors} not 200 ({statuses.count(0)} timeouts, {statuses.count(-1)} refused or "
            f"reset); target p95 ≤ 300 ms, no "
            f"timeout: {verdict}"
        )
        print(lines[-1], flush=True)
        for path, answers in loads["by_path"].items():
            times = [ms for ms, _ in answers] or [0.0]
            codes = sorted({code for _, code in answers})
            lines.append(
                f"  {path}: {len(answers):,} requests, p50 {statistics.median(times):.0f} / "
                f"p95 {p95(times):.0f} / max {max(times):.0f} ms, statuses {codes}"
            )
            print(lines[-1], flush=True)
        lines += hostile(base, viewer, admin)
    finally:
        proc.terminate()
        proc.wait(60)
    lines.append(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if args.no_record:
        print("\n".join(lines))
        return
    record(
        f"Server under load: page loads during an axis map, hostile queries, {docs:,} documents",
        f"flock /tmp/bench.lock python bench/busy_server.py --keep {args.keep} --docs {args.docs} "
        f"--clients {args.clients}",
        lines,
    )


if __name__ == "__main__":
    main()
