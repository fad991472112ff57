"""An answer cache for the read routes that aggregate a lot (overview, share of voice, map…).

An entry is valid while the workspace's data version (a counter bumped by
every write transaction of the store) is unchanged, and every write through
the API clears the cache too, so a cached answer is never staler than the store. It is small and
per process: the point is that a dashboard opened by ten people, or reloaded,
does not recompute a share of voice over a million documents each time.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import duckdb
from fastapi import FastAPI, Request

from influscope.errors import InfluscopeError
from influscope.workspace import Workspace

log = logging.getLogger("influscope.serve")
T = TypeVar("T")

SIZE = 64


class AnswerCache:
    """A small LRU keyed on (callable, arguments), tagged with the data version."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self.entries: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Any, version: Any) -> tuple[bool, Any]:
        """(found, value) for a key still valid at ``version``."""
        entry = self.entries.get(key)
        if entry is None or entry[0] != version:
            self.misses += 1
            return False, None
        self.entries.move_to_end(key)
        self.hits += 1
        return True, entry[1]

    def put(self, key: Any, version: Any, value: Any) -> None:
        """Store a value computed at ``version``."""
        self.entries[key] = (version, value)
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (after a write)."""
        self.entries.clear()


def cached(request: Request, compute: Callable[..., T], *args: Hashable, **kwargs: Hashable) -> T:
    """``compute(*args, **kwargs)`` under the store lock, or its answer from the cache.

    The key is the callable itself (a service's bound method, or any function
    whose identity names the answer) with its arguments, so a renamed method
    cannot silently miss or share an entry.
    """
    cache: AnswerCache = request.app.state.cache
    key = (compute, args, tuple(sorted(kwargs.items())))
    with request.app.state.lock:
        store = request.app.state.workspace.store
        found, value = cache.get(key, store.generation)
        if found:
            return cast(T, value)
        value = compute(*args, **kwargs)
        # Read the version again: an analysis that persists its results (a
        # write) is cached at the state it left the store in.
        cache.put(key, store.generation, value)
        return value


def warm(app: FastAPI) -> None:
    """Compute the overview into the cache (run in a thread when the server starts).

    The first person to open the dashboard then gets it at once instead of
    waiting for aggregates over the whole store. A failure is logged, and the
    overview route reports it to whoever asks.
    """
    ws: Workspace = app.state.workspace
    try:
        with app.state.lock:
            version = ws.store.generation
            key = (ws.reports.overview, (), ())
            app.state.cache.put(key, version, ws.reports.overview())
    except (InfluscopeError, duckdb.Error):  # e.g. the store closed while serving stopped
        log.exception("warming the overview failed")
