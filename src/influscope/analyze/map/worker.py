"""Graph kernels in a worker process, so that a server keeps answering while a map computes.

Leiden (leidenalg) and igraph's force layout are C++ calls that hold Python's
global interpreter lock for their whole run: 18 s for the communities of the
1M-document demo's graph, over 100 s on a dense random graph of 600k edges.
In ``influscope serve`` a map is a background job on a thread of the server's
process, so for that long no request thread could run, and every page load
waited behind the map. Run in a process of their own, the kernels leave the
lock to the request threads.

Only big graphs computed off the main thread go to the worker: on the main
thread (the command line) nobody else needs the lock, and a small graph is
done before a process would have started. The worker is started on first use
with ``spawn`` (a ``fork`` of a threaded server can inherit a held lock) and
kept for later maps, at a lower scheduling priority. The kernels are deterministic functions of their
arguments, so the result is the same in either process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import ParamSpec, TypeVar

# Edges from which a graph's kernels are worth a process (start-up ~1 s against
# about a second of Leiden at this size on this machine).
OFFLOAD_EDGES = 50_000

# The worker's niceness: it computes for a background job, behind the requests.
NICENESS = 10

P = ParamSpec("P")
R = TypeVar("R")

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def wanted(edges: int) -> bool:
    """Whether a kernel on a graph of ``edges`` edges goes to the worker process."""
    return edges >= OFFLOAD_EDGES and threading.current_thread() is not threading.main_thread()


def run(offload: bool, kernel: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``kernel(*args, **kwargs)``, in the worker process when ``offload``.

    ``kernel`` must be a module-level function and its arguments picklable
    (numpy arrays, numbers). A worker that died (killed, out of memory) is
    replaced on the next call; the call that saw it die raises.
    """
    if not offload:
        return kernel(*args, **kwargs)
    pool = _worker()
    try:
        return pool.submit(kernel, *args, **kwargs).result()
    except BrokenProcessPool:
        _forget(pool)
        raise


def _worker() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=os.nice,
                initargs=(NICENESS,),
            )
        return _pool


def _forget(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)
