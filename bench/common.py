"""Helpers shared by the benchmark scripts: machine description and BENCHMARKS.md output."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "BENCHMARKS.md"


def machine() -> str:
    """One line describing the machine the figures come from."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, load avg {load:.1f} at start"


def record(title: str, command: str, lines: list[str]) -> None:
    """Append a section of results to BENCHMARKS.md (newest last) and print it.

    With ``--no-write`` on the command line, only print the figures (a trial run).
    """
    if "--no-write" in sys.argv:
        sys.stdout.write("\n".join(lines) + "\n")
        return
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = "?"
    section = [
        f"## {title} — {stamp}",
        "",
        f"- machine: {machine()}",
        f"- commit: {commit}",
        f"- command: `{command}`",
        *[f"- {line}" for line in lines],
        "",
    ]
    text = "\n".join(section) + "\n"
    sys.stdout.write(text)
    if not BENCHMARKS.exists():
        BENCHMARKS.write_text(
            "# Benchmarks\n\nFigures written by the scripts in `bench/`; compare ratios within one run (machines are noisy).\n\n"
        )
    with BENCHMARKS.open("a") as handle:
        handle.write(text)
