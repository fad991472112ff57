"""The dashboard's map with a large graph in headless Chromium: load, filter and zoom times.

Serves a small workspace whose map is a synthetic graph of ``--nodes`` actors
(positions in 12 communities, 2 edges per node), opens /map in Debian's
Chromium (software WebGL: SwiftShader, so a real GPU does better), and times:
API answer to a drawn graph, a filter change (reducers, no rebuild), and the
frames drawn during a 2-second camera animation.

Every timed step ends with a 1-pixel ``readPixels`` on each WebGL canvas of
the map, which waits until the GPU (here SwiftShader) has drawn everything
queued: counting ``requestAnimationFrame`` callbacks alone reports 60 fps
while the software rasteriser is seconds behind.

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
from tests.conftest import CHROMIUM, FLAGS  # noqa: E402  (the browser tests' launcher flags)

# Wait for the next frame, then for the GPU to have drawn it.
DRAWN = """async () => {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const pixel = new Uint8Array(4);
  for (const canvas of document.querySelectorAll('#map canvas')) {
    const gl = canvas.getContext('webgl2') || canvas.getContext('webgl');
    if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  }
}"""
# Frames sigma draws per second while zooming in and out: wheel events go to
# sigma's mouse layer (the one it listens on) every 200 ms, each animating the
# camera for 250 ms (so the camera never rests). With ``sync`` every frame waits for the GPU as
# above (a floor: no frame overlaps the next); without, the browser paces them.
FRAMES = """async (sync) => {
  const map = document.getElementById('map');
  const mouse = map.querySelector('canvas.sigma-mouse');
  const gls = [...map.querySelectorAll('canvas')]
    .map((c) => c.getContext('webgl2') || c.getContext('webgl')).filter(Boolean);
  const pixel = new Uint8Array(4);
  const box = mouse.getBoundingClientRect();
  const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, cancelable: true };
  let done = false; let wheel = 0;
  const tick = () => {
    if (sync) for (const gl of gls) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    if (!done) requestAnimationFrame(tick);
  };
  const zoom = () => {
    wheel += 1;
    mouse.dispatchEvent(new WheelEvent('wheel', { ...at, deltaY: wheel % 2 ? -240 : 240 }));
  };
  const before = Number(map.dataset.renders || 0);
  const timer = setInterval(zoom, 200);
  zoom();
  requestAnimationFrame(tick);
  await new Promise((r) => setTimeout(r, 2000));
  clearInterval(timer);
  done = true;
  return (Number(map.dataset.renders || 0) - before) / 2;
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
    parser.add_argument("--screenshot", type=Path, help="Save the last view here.")
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
        ws.maps.stored = lambda axis=None, level="coarse", **_: big  # type: ignore[method-assign]
        ws.accounts.add("bench", "viewer", password=PASSWORD)
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
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
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
            page.evaluate(DRAWN)
            load = time.perf_counter() - start
            timings = page.get_attribute("#map", "data-timings")
            allies = sum(1 for n in big["nodes"] if n["stance"] == "ally")
            start = time.perf_counter()
            page.select_option("#map-filter-field", "stance")
            page.select_option("#map-filter-value", "ally")
            page.wait_for_function(
                "(n) => document.getElementById('map').dataset.shown === String(n)", arg=allies
            )
            page.evaluate(DRAWN)
            filtering = time.perf_counter() - start
            builds = page.get_attribute("#map", "data-builds")
            fps = page.evaluate(FRAMES, False)
            fps_synced = page.evaluate(FRAMES, True)
            shown = page.get_attribute("#map", "data-shown")
            start = time.perf_counter()
            page.set_checked("#map-edges", not page.is_checked("#map-edges"))
            page.evaluate(DRAWN)
            toggle = time.perf_counter() - start
            edges_drawn = page.get_attribute("#map", "data-edges")
            detractors = sum(1 for n in big["nodes"] if n["stance"] == "detractor")
            start = time.perf_counter()
            page.select_option("#map-filter-value", "detractor")
            page.wait_for_function(
                "(n) => document.getElementById('map').dataset.shown === String(n)",
                arg=detractors,
            )
            page.evaluate(DRAWN)
            refilter = time.perf_counter() - start
            payload = {
                shape: len(page.request.get(f"/api/map?limit={args.nodes}&format={shape}").body())
                for shape in ("rows", "columns")
            }

            page.screenshot(path=str(args.screenshot or Path(tmp) / "map.png"))
            browser.close()
        server.should_exit = True
        ws.close()
    record(
        f"Map page with {args.nodes:,} nodes in headless Chromium",
        f"python bench/map_browser.py --nodes {args.nodes}",
        [
            f"edges: {2 * args.nodes:,}; software WebGL (SwiftShader), no GPU",
            f"/api/map JSON: {payload['rows'] / 1e6:.1f} MB as rows, "
            f"{payload['columns'] / 1e6:.1f} MB as columns (what the page reads)",
            f"open /map → graph drawn: {load:.2f} s (API, JSON, graphology build, first frame "
            f"drawn by the GPU; in-page {timings})",
            f"filter stance = ally ({shown} shown, graphs built: {builds}): "
            f"{filtering * 1000:.0f} ms to the frame drawn",
            f"zooming in and out for 2 s: {fps:.0f} frames drawn by sigma per second "
            f"({fps_synced:.0f} when each frame is made to wait for the GPU)",
            f"edges checkbox toggled ({edges_drawn} edges now in the graph): {toggle * 1000:.0f} ms",
            f"then filter stance = detractor ({edges_drawn} edges in the graph): {refilter * 1000:.0f} ms",
        ],
    )


if __name__ == "__main__":
    main()
