"""An answer cache for the read routes that aggregate a lot (overview, share of voice, map…).

An entry is valid while the workspace's data version (a counter bumped by
every write transaction of the store) is unchanged, and every write through
the API clears the cache too, so a cached answer is never staler than the store. It is small and
per process: the point is that a dashboard opened by ten people, or reloaded,
does not recompute a share of voice over a million documents each time.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from fastapi import Request

from influscope.serve.api.deps import call

SIZE = 64


class AnswerCache:
    """A small LRU keyed on (method, arguments), tagged with the data version."""

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


def cached(request: Request, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, or its answer from the cache while the data has not changed."""
    cache: AnswerCache = request.app.state.cache
    with request.app.state.lock:
        version = request.app.state.workspace.data_version()
        found, value = cache.get(key, version)
        if found:
            return value
        value = compute()
        # Read the version again: an analysis that persists its results (a
        # write) is cached at the state it left the store in.
        cache.put(key, request.app.state.workspace.data_version(), value)
        return value


def cached_call(request: Request, method: str, *args: Any, **kwargs: Any) -> Any:
    """:func:`deps.call`, answered from the cache while the data has not changed."""
    key = (method, args, tuple(sorted((k, repr(v)) for k, v in kwargs.items())))
    return cached(request, key, lambda: call(request, method, *args, **kwargs))


def warm(app: Any) -> None:
    """Compute the overview into the cache (run in a thread when the server starts).

    The first person to open the dashboard then gets it at once instead of
    waiting for aggregates over the whole store.
    """
    ws = app.state.workspace
    try:
        with app.state.lock:
            version = ws.data_version()
            app.state.cache.put(("overview", (), ()), version, ws.overview())
    except Exception:  # noqa: BLE001 - warming is best effort; the route reports errors
        return
