"""Benchmark the management reports on the SIMULATED demo: PDF, PPTX and HTML of one axis.

Builds a demo workspace at ``--scale`` documents (20,000 by default: the
figure issue 13 quotes, 49 s for the PDF) with its analyses stored (as
``influscope demo`` leaves it), then times, per format, the whole
``ws.reports.write`` and its parts: gathering the data (the CLI's functions),
the content (charts and map pictures) and the rendering. Run it under the
benchmark lock:

    flock /tmp/bench.lock .venv/bin/python bench/reports.py
    flock /tmp/bench.lock .venv/bin/python bench/reports.py --workspace /tmp/demo20k

``--workspace`` reuses (or builds there, once) the demo workspace.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from influscope.serve.reports import content as report_content
from influscope.serve.reports import html as report_html
from influscope.serve.reports import slides as report_slides
from influscope.workspace import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402


def demo(folder: Path, scale: int) -> Workspace:
    if (folder / "influscope.toml").exists():
        return Workspace.open(folder)
    ws = Workspace.build_demo(folder, scale=scale)
    ws.demo.pipeline()
    return ws


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def one_format(ws: Workspace, axis: str | None, fmt: str, out: Path, lang: str) -> str:
    """The whole write of one format, then its parts timed one by one."""
    start = time.perf_counter()
    ws.reports.write(axis=axis, fmt=fmt, out=out, lang=lang)
    whole = time.perf_counter() - start
    start = time.perf_counter()
    data = ws.reports.data(axis)
    gather = time.perf_counter() - start
    start = time.perf_counter()
    made = report_content.collect(data, lang)
    pictures = time.perf_counter() - start
    start = time.perf_counter()
    if fmt == "pdf":
        from weasyprint import HTML

        HTML(string=report_html.render_html(made)).write_pdf(str(out))
    elif fmt == "pptx":
        report_slides.write_pptx(data, out, lang)  # collects its content itself
    else:
        report_html.render_html(made)
    render = time.perf_counter() - start
    what = "content and slides" if fmt == "pptx" else "rendering"
    return (
        f"{fmt}: {whole:.1f} s in all ({out.stat().st_size / 1e6:.1f} MB); parts: data "
        f"{gather:.1f} s, charts and map {pictures:.1f} s, {what} {render:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=20_000)
    parser.add_argument("--workspace", type=Path, default=None)
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.workspace or Path(tmp) / "demo"
        ws, built = timed(lambda: demo(folder, args.scale))
        try:
            axis = ws.config.axes[0].name if ws.config.axes else None
            documents = ws.store.count("documents")
            lines = [
                f"workspace: {documents:,} documents, axis {axis!r}"
                + (f", built with its analyses in {built:.1f} s" if args.workspace is None else ""),
                f"load average at the start of the timings: {os.getloadavg()[0]:.1f}",
            ]
            # Once, before the timings: the axis' map and journey stored (as 'influscope
            # map/journey --axis' leave them; a report computes them only when missing),
            # and the renderers' modules imported and the store warmed.
            start = time.perf_counter()
            ws.maps.stored(axis)
            ws.journeys.stored(axis)
            lines.append(f"axis map and journey ready in {time.perf_counter() - start:.1f} s")
            start = time.perf_counter()
            one_format(ws, axis, "html", Path(tmp) / "warm.html", args.lang)
            lines.append(f"warm-up (imports, first queries): {time.perf_counter() - start:.1f} s")
            for fmt in ("pdf", "pptx", "html"):
                lines.append(one_format(ws, axis, fmt, Path(tmp) / f"report.{fmt}", args.lang))
            lines.append(f"load average at the end: {os.getloadavg()[0]:.1f}")
        finally:
            ws.close()
    record(
        f"Reports on the demo ({args.scale:,} documents)",
        "flock /tmp/bench.lock .venv/bin/python bench/reports.py",
        lines,
    )


if __name__ == "__main__":
    main()
