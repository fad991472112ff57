"""Latency of the watch: push endpoint at ~1,000 posts/s, burst -> webhook notification.

Starts ``influscope watch`` (a subprocess) with a push source, a coordination
rule and a webhook channel pointing at a local receiver. A load generator
pushes background posts at RATE posts/s in batches of BATCH (one request,
hence one store transaction, per batch: the store's per-transaction cost is
~0.5 s here, so forwarders should batch); every few seconds
it mixes in a coordinated burst (ACCOUNTS accounts posting one new message,
all in the same request: the burst happens within a second).
Latency = time the webhook for that burst arrives - time its first post was
sent. Prints p50/p99 and appends them to BENCHMARKS.md.

    .venv/bin/python bench/alerts.py --seconds 60 --rate 1000
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import orjson

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-token"
WORDS = "acme river factory strike price recall leak boss union green plant water court".split()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--accounts", type=int, default=25)
    parser.add_argument("--every", type=float, default=5.0, help="seconds between bursts")
    args = parser.parse_args()

    arrivals: dict[str, float] = {}

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = orjson.loads(self.rfile.read(int(self.headers["Content-Length"])))
            for word in body["text"].split():
                if word.startswith("burstmark"):
                    arrivals.setdefault(word.strip("\"'.,)("), time.monotonic())
            self.send_response(200)
            self.end_headers()

        def log_message(self, *a: object) -> None:
            pass

    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="influscope-bench-alerts-"))
    (work / "ws").mkdir()
    (work / "ws" / "influscope.toml").write_text(
        f"""
[workspace]
name = "bench-alerts"
[watch]
tick = 0.25
[[sources]]
name = "push"
connector = "push"
options = {{ port = {port}, token = "{TOKEN}" }}
[[alerts]]
name = "coordinated"
detector = "coordination"
severity = "critical"
options = {{ seconds = 30, min_accounts = 20 }}
[[channels]]
name = "hook"
kind = "webhook"
options = {{ url = "http://127.0.0.1:{hook.server_address[1]}/hook" }}
"""
    )
    exe = Path(sys.executable).parent / "influscope"
    log = (work / "watch.log").open("wb")
    proc = subprocess.Popen(
        [str(exe), "-w", str(work / "ws"), "watch"], stdout=log, stderr=subprocess.STDOUT
    )
    client = httpx.Client(timeout=30)
    url = f"http://127.0.0.1:{port}/v1/posts"
    for _ in range(300):
        try:
            client.get(f"http://127.0.0.1:{port}/health")
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    rng = random.Random(7)
    sent_first: dict[str, float] = {}
    pending: list[dict] = []
    start = time.monotonic()
    next_burst = start + 2.0
    burst_no = 0
    n = 0
    sent = 0
    interval = args.batch / args.rate
    tick = start
    while time.monotonic() - start < args.seconds:
        now_iso = datetime.now(UTC).isoformat()
        batch = []
        for _ in range(args.batch):
            n += 1
            text = " ".join(rng.choice(WORDS) for _ in range(8)) + f" {n}"
            batch.append(
                {
                    "id": f"bg{n}",
                    "platform": "mastodon",
                    "author": f"u{rng.randrange(50000)}",
                    "text": text,
                    "published_at": now_iso,
                }
            )
        if time.monotonic() >= next_burst:
            burst_no += 1
            mark = "burstmark" + "".join(chr(97 + int(d)) for d in str(burst_no))
            pending = [
                {
                    "id": f"{mark}-{i}",
                    "platform": "mastodon",
                    "author": f"{mark}-acct{i}",
                    "text": f"Everyone must know the truth about acme {mark} share now",
                    "published_at": now_iso,
                }
                for i in range(args.accounts)
            ]
            next_burst += args.every
        if pending:
            take, pending = pending, []
            for post in take:
                mark = post["id"].split("-")[0]
                sent_first.setdefault(mark, time.monotonic())
            batch = take + batch[: len(batch) - len(take)]
        response = client.post(
            url,
            content=orjson.dumps(batch),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )
        response.raise_for_status()
        sent += len(batch)
        tick += interval
        delay = tick - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    elapsed = time.monotonic() - start
    time.sleep(8)
    proc.send_signal(signal.SIGTERM)
    proc.wait(60)
    hook.shutdown()
    latencies = sorted(arrivals[m] - sent_first[m] for m in sent_first if m in arrivals)
    missed = [m for m in sent_first if m not in arrivals]

    def pct(q: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(round(q * (len(latencies) - 1))))]

    rate = sent / elapsed
    lines = [
        f"push rate achieved: {rate:.0f} posts/s ({sent} posts in {elapsed:.1f} s)",
        f"bursts: {len(sent_first)}, notified: {len(latencies)}, missed: {len(missed)}",
        f"burst -> webhook latency: p50 {pct(0.5):.2f} s, p99 {pct(0.99):.2f} s, max {max(latencies or [float('nan')]):.2f} s",
    ]
    print("\n".join(lines))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average at the end {load} (a shared machine)"
    )
    with (ROOT / "BENCHMARKS.md").open("a", encoding="utf-8") as out:
        out.write(
            f"\n## alerts: push endpoint -> coordination rule -> webhook ({datetime.now(UTC):%Y-%m-%d})\n\n"
            f"Machine: {machine}. Command: `.venv/bin/python bench/alerts.py --seconds {args.seconds:g} --rate {args.rate}`\n\n"
            + "\n".join(f"- {line}" for line in lines)
            + "\n"
        )


if __name__ == "__main__":
    main()
