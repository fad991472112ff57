"""Graph kernels in the worker process: the same partition and layout, computed elsewhere.

A map computed by a server job must leave Python's interpreter lock to the
request threads, so a big graph's Leiden and force layout run in a process of
their own (analyze/map/worker.py). These tests force that path on a small
planted graph and compare it with the in-process result, value for value.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from influscope.analyze.map import layout, worker
from influscope.analyze.map.communities import detect
from influscope.analyze.map.graph import ActorGraph, graph_from_arrow
from influscope.config import MapSettings


def planted(camps: int = 3, size: int = 40, seed: int = 3) -> ActorGraph:
    """Dense camps with a few ties between them."""
    rng = np.random.default_rng(seed)
    src, dst = [], []
    for c in range(camps):
        members = [f"twitter:c{c}_{i}" for i in range(size)]
        for _ in range(size * 6):
            a, b = rng.choice(size, 2, replace=False)
            src.append(members[a])
            dst.append(members[b])
    for _ in range(10):
        a, b = rng.choice(camps, 2, replace=False)
        src.append(f"twitter:c{a}_0")
        dst.append(f"twitter:c{b}_1")
    table = pa.table({"src": src, "dst": dst, "kind": ["repost"] * len(src), "w": [1.0] * len(src)})
    return graph_from_arrow(table, MapSettings(), {})


def off_main_thread(fn: Any) -> Any:
    """``fn()`` run on another thread (the worker is only used off the main thread)."""
    out: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: out.setdefault("value", fn()))
    thread.start()
    thread.join(120)
    return out["value"]


def test_the_worker_is_another_process() -> None:
    assert worker.run(True, os.getpid) != os.getpid()
    assert worker.run(False, os.getpid) == os.getpid()


def test_only_big_graphs_off_the_main_thread_are_offloaded() -> None:
    assert not worker.wanted(worker.OFFLOAD_EDGES)  # the main thread (the command line)
    assert off_main_thread(lambda: worker.wanted(worker.OFFLOAD_EDGES))
    assert not off_main_thread(lambda: worker.wanted(worker.OFFLOAD_EDGES - 1))


def test_offloaded_partition_and_layout_equal_the_in_process_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph = planted()
    here = detect(graph, "auto", 1.0, 42)
    spots = layout.layout(graph, here.coarse, 42, 30)
    monkeypatch.setattr(worker, "OFFLOAD_EDGES", 1)
    there = off_main_thread(lambda: detect(graph, "auto", 1.0, 42))
    moved = off_main_thread(lambda: layout.layout(graph, here.coarse, 42, 30))
    assert np.array_equal(here.coarse, there.coarse)
    assert np.array_equal(here.fine, there.fine)
    assert here.coarse_resolution == there.coarse_resolution
    assert int(here.coarse.max()) + 1 == 3  # the planted camps, so the comparison means something
    assert np.array_equal(spots, moved)
