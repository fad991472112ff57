"""The dashboard's map with a large graph in headless Chromium: load, filter and pan times.

Serves a small workspace whose map is a synthetic graph of ``--nodes`` actors
(positions in 12 communities, 2 edges per node), opens /map in Debian's
Chromium (software WebGL: SwiftShader, so a real GPU does better), and times:
API answer to a drawn graph, a filter change (reducers, no rebuild), and the
frames drawn during a 2-second camera animation.

Usage: python bench/map_browser.py [--nodes 50000]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import record  # noqa: E402

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-gl=angle",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
# Time, inside the page, from choosing a filter to the next frame drawn.
FILTER = """async () => {
  const field = document.getElementById('map-filter-field');
  const value = document.getElementById('map-filter-value');
  const start = performance.now();
  field.value = 'stance';
  field.dispatchEvent(new Event('change'));
  value.value = 'ally';
  value.dispatchEvent(new Event('change'));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - start;
}"""
FRAMES = """async () => {
  const renderer = document.getElementById('map');
  let frames = 0; let done = false;
  const tick = () => { frames += 1; if (!done) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  renderer.dispatchEvent(new WheelEvent('wheel', { deltaY: -200, clientX: 400, clientY: 300, bubbles: true }));
  await new Promise((r) => setTimeout(r, 2000));
  done = true;
  return frames / 2;
}"""


def graph(n: int) -> dict:
    rng = random.Random(9)
    nodes = []
    for i in range(n):
        c = i % 12
        angle = 2 * math.pi * c / 12
        nodes.append(
            {
                "actor_id": f"twitter:u{i}",
                "name": f"User {i}",
                "community": c,
                "community_label": f"community {c}",
                "stance": ["ally", "neutral", "detractor"][i % 3],
                "kind": "citizen",
                "role": "member",
                "weight": rng.random(),
                "x": 100 * math.cos(angle) + rng.gauss(0, 15),
                "y": 100 * math.sin(angle) + rng.gauss(0, 15),
            }
        )
    edges = [
        {"source": f"twitter:u{i}", "target": f"twitter:u{(i * 13 + k) % n}"}
        for i in range(n)
        for k in (1, 7)
    ]
    return {"nodes": nodes, "edges": edges}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=50_000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from tests.serve import webdata
    from tests.serve.conftest import (
        PASSWORD,
        free_port,  # noqa: F401
    )

    with tempfile.TemporaryDirectory() as tmp:
        ws = webdata.build(Path(tmp) / "ws", actors=20)
        big = graph(args.nodes)
        ws.map = lambda axis=None, level="coarse", since=None, until=None: big
        ws.users_add("bench", "viewer", password=PASSWORD)
        import threading

        import uvicorn
        from tests.serve.conftest import free_port as port_of

        from influscope.serve.api.app import create_app

        port = port_of()
        server = uvicorn.Server(
            uvicorn.Config(create_app(ws), host="127.0.0.1", port=port, log_level="warning")
        )
        threading.Thread(target=server.run, daemon=True).start()
        time.sleep(1.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(
                base_url=f"http://127.0.0.1:{port}", viewport={"width": 1280, "height": 900}
            )
            page.goto("/login")
            page.fill("input[name=name]", "bench")
            page.fill("input[name=password]", PASSWORD)
            page.click("#login-button")
            page.wait_for_url("**/")
            start = time.perf_counter()
            page.goto("/map")
            page.wait_for_function(
                "() => document.getElementById('map').dataset.nodes", timeout=120_000
            )
            load = time.perf_counter() - start
            start = time.perf_counter()
            page.select_option("#map-filter-field", "stance")
            page.select_option("#map-filter-value", "ally")
            page.wait_for_function(
                "() => document.getElementById('map').dataset.shown !== undefined"
            )
            filtering = time.perf_counter() - start
            fps = page.evaluate(FRAMES)
            shown = page.get_attribute("#map", "data-shown")
            page.screenshot(path=str(Path(tmp) / "map.png"))
            browser.close()
        server.should_exit = True
        ws.close()
    record(
        f"Map page with {args.nodes:,} nodes in headless Chromium",
        f"python bench/map_browser.py --nodes {args.nodes}",
        [
            f"edges: {2 * args.nodes:,}; software WebGL (SwiftShader), no GPU",
            f"open /map → graph drawn: {load:.2f} s (API, JSON, graphology build, first frame)",
            f"filter stance = ally ({shown} shown): {filtering * 1000:.0f} ms",
            f"frames during a 2 s zoom animation: {fps:.0f} per second",
        ],
    )


if __name__ == "__main__":
    main()
