"""The answer cache of the read routes that aggregate a lot (overview, share of voice, map…).

An entry is valid while the workspace's data version (a counter bumped by
every write transaction of the store) is unchanged, and every write through
the API clears the cache too, so a cached answer is never staler than the
store. It is small and per process: the point is that a dashboard opened by ten
people, or reloaded, does not recompute a share of voice over a million
documents each time.

A missing answer is computed by a background job (:mod:`influscope.serve.api.jobs`),
never inside the request: :func:`answer` waits a moment for it, then answers
202 with the job to poll. The cache takes no store lock: a stored answer is a
dictionary look-up, whatever the jobs and the writers are doing.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import duckdb
from fastapi import FastAPI, Request

from influscope.errors import InfluscopeError
from influscope.serve.api.jobs import JobPending, Jobs
from influscope.workspace import Workspace
from influscope.workspace.context import Progress

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
        self.mutex = threading.Lock()

    def get(self, key: Any, version: Any) -> tuple[bool, Any]:
        """(found, value) for a key still valid at ``version``."""
        with self.mutex:
            entry = self.entries.get(key)
            if entry is None or entry[0] != version:
                self.misses += 1
                return False, None
            self.entries.move_to_end(key)
            self.hits += 1
            return True, entry[1]

    def stale(self, key: Any) -> tuple[bool, Any]:
        """(found, value) for a key whatever the version it was computed at."""
        with self.mutex:
            entry = self.entries.get(key)
            return (False, None) if entry is None else (True, entry[1])

    def put(self, key: Any, version: Any, value: Any) -> None:
        """Store a value computed at ``version``."""
        with self.mutex:
            self.entries[key] = (version, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (after a write)."""
        with self.mutex:
            self.entries.clear()


def remembered(request: Request, compute: Callable[..., T], *args: Hashable) -> T:
    """``compute(*args)`` kept until the next write: a cheap read computed in the request.

    For answers that take milliseconds to read but are asked for by every page
    load (the alerts inbox): no job, no 202, never a stale answer. The version
    is read before computing, so a write landing meanwhile makes the next
    request read again.
    """
    cache: AnswerCache = request.app.state.cache
    version = request.app.state.workspace.store.generation
    key = (compute, args)
    found, value = cache.get(key, version)
    if found:
        return cast(T, value)
    value = compute(*args)
    cache.put(key, version, value)
    return value


def answer(
    request: Request,
    compute: Callable[..., T],
    *args: Hashable,
    steps: bool = False,
    **kwargs: Hashable,
) -> T:
    """``compute(*args, **kwargs)`` from the cache, or computed by a job (202 while it runs).

    When the data changed since an answer was cached and the job recomputing
    it does not end within the wait, the previous answer is given (with an
    ``X-Influscope-Job`` header naming the job), so a request never waits on
    a busy store.

    The key is the callable itself (a service's bound method, or any function
    whose identity names the answer) with its arguments, so a renamed method
    cannot silently miss or share an entry. With ``steps``, ``compute`` takes
    a ``progress(done, total)`` keyword, which the job's status shows.
    """
    app = request.app
    cache: AnswerCache = app.state.cache
    jobs: Jobs = app.state.jobs
    store = app.state.workspace.store
    key = (compute, args, tuple(sorted(kwargs.items())))
    found, value = cache.get(key, store.generation)
    if found:
        return cast(T, value)

    def work(progress: Progress) -> T:
        version = store.generation
        hit, known = cache.get(key, version)
        if hit:
            return cast(T, known)
        extra: dict[str, Any] = {"progress": progress} if steps else {}
        writes = store.writes_here()
        result = compute(*args, **kwargs, **extra)
        # An analysis that stores its results (a write of this job's thread) is
        # cached at the state it left the store in; any other at the version it
        # read, so a write by someone else meanwhile (a report storing an axis'
        # map) makes the next request compute it again.
        wrote = store.writes_here() != writes
        cache.put(key, store.generation if wrote else version, result)
        return result

    job = jobs.submit(key, _label(compute, args, kwargs), work)
    try:
        return cast(T, jobs.wait(job, app.state.job_wait))
    except JobPending:
        # The data changed since the last answer and the new one takes a while:
        # the last answer now (the job replaces it when done), never a wait.
        known, value = cache.stale(key)
        if known:
            request.state.stale_job = job.id
            return cast(T, value)
        raise


def _label(compute: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """What a job computes, for people: the method's name and its arguments."""
    name = getattr(compute, "__qualname__", "job")
    shown = [repr(a) for a in args if not isinstance(a, Workspace)]
    shown += [f"{k}={v!r}" for k, v in sorted(kwargs.items()) if v is not None]
    return f"{name}({', '.join(shown)})"


def warm(app: FastAPI) -> None:
    """Compute the overview into the cache (run in a thread when the server starts).

    The first person to open the dashboard then gets it at once instead of
    waiting for aggregates over the whole store. A failure is logged, and the
    overview route reports it to whoever asks.
    """
    ws: Workspace = app.state.workspace
    try:
        version = ws.store.generation
        key = (ws.reports.overview, (), ())
        app.state.cache.put(key, version, ws.reports.overview())
    except (InfluscopeError, duckdb.Error):  # e.g. the store closed while serving stopped
        log.exception("warming the overview failed")
