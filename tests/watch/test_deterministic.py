"""The same pushed input gives the same alerts whatever the arrival timing (issue 16, item 7).

A real watch loop with its push endpoint on loopback receives one fixed set of
historical posts (background chatter, three coordinated bursts, a slogan repeated
every 40 seconds), pushed three ways: all at once, in batches of seven back to back, and
in shuffled batches of random sizes with random pauses. Each run starts from an
empty workspace; the alerts and incidents recorded must be identical.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import datetime, timedelta

import httpx

from influscope.store.incidents import list_incidents
from influscope.workspace import Workspace
from tests.watch.helpers import free_port

TOKEN = "determinism"
START = datetime(2026, 1, 5, 8, 0, 0)


def _config(port: int) -> str:
    return f"""
[workspace]
name = "determinism"
[watch]
tick = 0.1
[[sources]]
name = "pushed"
connector = "push"
options = {{ port = {port}, token = "{TOKEN}" }}
[[alerts]]
name = "coordinated"
detector = "coordination"
severity = "critical"
cooldown = "1m"
options = {{ seconds = 60, min_accounts = 5, idle = "60s" }}
"""


def _posts() -> list[dict]:
    rng = random.Random(5)
    words = ["usine", "emploi", "rivière", "robot", "salon", "formation", "hydrogène", "vernay"]
    posts = []

    def add(author: str, text: str, seconds: float) -> None:
        posts.append(
            {
                "id": f"p{len(posts)}",
                "platform": "mastodon",
                "author": author,
                "text": text,
                "published_at": (START + timedelta(seconds=seconds)).isoformat() + "Z",
            }
        )

    for _ in range(400):  # chatter over six hours, some texts repeated by chance
        text = " ".join(rng.sample(words, 3)) + " aujourd'hui à l'atelier"
        add(f"user{rng.randrange(80)}", text, rng.uniform(0, 6 * 3600))
    for k, at in enumerate((3000.0, 9000.0, 15000.0)):  # coordinated bursts
        for j in range(7):
            add(
                f"ring{j}",
                f"https://info-{k}.example/verite Partagez vite la vérité {k}",
                at + 4 * j,
            )
    for j in range(30):  # a slogan surging for twenty minutes, organic pace
        add(f"crowd{j}", "Boycott de la marque après la pollution de la rivière", 18000 + 40 * j)
    add("late", "le dernier message de la journée", 6 * 3600 + 900)
    posts.sort(key=lambda p: p["published_at"])
    return posts


def _run(tmp, batches: list[list[dict]], pauses: list[float]) -> tuple[set, set]:
    port = free_port()
    ws = Workspace.init(tmp, _config(port))
    stop = threading.Event()
    thread = threading.Thread(target=ws.alerts.watch, kwargs={"stop": stop}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/v1/posts"
    headers = {"Authorization": f"Bearer {TOKEN}"}
    try:
        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        for batch, pause in zip(batches, pauses, strict=True):
            answer = httpx.post(url, json={"posts": batch}, headers=headers, timeout=30)
            assert answer.status_code == 200 and answer.json()["accepted"] == len(batch)
            time.sleep(pause)
        last = max(p["published_at"] for b in batches for p in b)[:19]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # until a pass evaluated the whole input
            done = ws.store.cursor("alerts:evaluated:coordinated")
            if done and done[:19] >= last:
                break
            time.sleep(0.2)
        time.sleep(1.0)
    finally:
        stop.set()
        thread.join(30)
    alerts = {
        (a["rule"], a["key"], a["window_start"], a["window_end"], a["observed"])
        for a in ws.alerts.list(limit=500)
    }
    incidents = {
        (i["incident_id"], i["window_start"], i["window_end"], i["alerts"])
        for i in list_incidents(ws.store)
    }
    ws.close()
    return alerts, incidents


def test_same_input_same_alerts_whatever_the_arrival(tmp_path) -> None:
    posts = _posts()
    rng = random.Random(11)
    runs = []
    # all at once
    runs.append(_run(tmp_path / "a", [posts], [0.0]))
    # batches of seven, back to back
    sevens = [posts[i : i + 7] for i in range(0, len(posts), 7)]
    runs.append(_run(tmp_path / "b", sevens, [0.0] * len(sevens)))
    # random sizes, shuffled inside each batch, random pauses
    batches, i = [], 0
    while i < len(posts):
        size = rng.randint(1, 40)
        batch = posts[i : i + size]
        rng.shuffle(batch)
        batches.append(batch)
        i += size
    runs.append(_run(tmp_path / "c", batches, [rng.uniform(0, 0.3) for _ in batches]))
    first_alerts, first_incidents = runs[0]
    print("alerts per run", [len(a) for a, _ in runs])
    # each burst by its link and its text (7 accounts), and the slogan's whole chain (30)
    assert sorted(observed for *_, observed in first_alerts) == [7.0] * 6 + [30.0]
    assert sum(key.split(" ")[1].startswith("link:") for _, key, *_ in first_alerts) == 3
    for alerts, incidents in runs[1:]:
        assert alerts == first_alerts
        assert incidents == first_incidents
