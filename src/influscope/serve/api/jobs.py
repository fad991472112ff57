"""Background jobs: heavy work (a map, a journey, a report, aggregates) never runs in a request.

A request that needs an answer nobody computed yet submits a :class:`Job` and
waits a moment (``[server] job_wait_seconds``) for it; a quick one answers at
once, a long one answers ``202 Accepted`` with the job, which the page polls at
``/api/jobs/{id}`` (state, steps done, the error if it failed) before asking
again. Identical requests share one job, and the answer lands in the API's
answer cache, so every later request for it is a stored answer.

Jobs run on a small pool of threads (two: the machine this targets has two
cores). Each reads on its own store handle, so stored answers never wait
behind them, and their writes (a computed map is stored) take the store's
write lock only for the transaction. The job threads run at a lower
scheduling priority (Linux schedules threads, so ``setpriority`` on a thread's
id concerns that thread only): on a busy machine the request threads get the
cores first, and a map takes a little longer rather than a page.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel

from influscope.errors import N_, InfluscopeError, NotFound
from influscope.serve.api.deps import Reader
from influscope.serve.i18n import error_text
from influscope.serve.web.pages import lang_of
from influscope.workspace.context import Progress

JobState = Literal["queued", "running", "done", "failed"]
KEEP = 200
# Niceness of the job threads (0 is the request threads'; 19 the lowest priority).
JOB_NICENESS = 10


class JobView(BaseModel):
    """A job as the API shows it."""

    id: str
    label: str
    state: JobState
    done: int
    total: int | None
    seconds: float
    error: str | None = None
    hint: str | None = None


@dataclass
class Job:
    """One piece of background work and how far it got."""

    id: str
    label: str
    key: Hashable
    state: JobState = "queued"
    done: int = 0
    total: int | None = None
    submitted: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    error: InfluscopeError | None = None
    future: Future[Any] = field(default_factory=Future)

    def progress(self, done: int, total: int | None) -> None:
        """Record the steps done (called by the work as it goes)."""
        self.done, self.total = done, total

    def view(self, lang: str | None = None) -> JobView:
        """What ``/api/jobs/{id}`` answers; a failed job's error in ``lang`` (English by default)."""
        end = self.finished or time.monotonic()
        error, hint = error_text(self.error, lang or "en") if self.error else (None, None)
        return JobView(
            id=self.id,
            label=self.label,
            state=self.state,
            done=self.done,
            total=self.total,
            seconds=round(end - (self.started or self.submitted), 3),
            error=error,
            hint=hint,
        )


class JobPending(Exception):
    """Raised by a route whose answer is still being computed: the API answers 202."""

    def __init__(self, job: Job) -> None:
        super().__init__(job.id)
        self.job = job


class Jobs:
    """Runs jobs on a few threads; identical submissions share one job.

    Example:
        >>> job = jobs.submit(("map", "usine"), "map usine", lambda progress: compute())  # doctest: +SKIP
        >>> jobs.wait(job, 0.25)  # doctest: +SKIP
    """

    def __init__(self, workers: int = 2) -> None:
        self.pool = ThreadPoolExecutor(
            workers, thread_name_prefix="influscope-job", initializer=lower_priority
        )
        self.lock = threading.Lock()
        self.running: dict[Hashable, Job] = {}
        self.recent: OrderedDict[str, Job] = OrderedDict()

    def submit(self, key: Hashable, label: str, work: Callable[[Progress], Any]) -> Job:
        """The job for ``key``: the one already queued or running, or a new one."""
        with self.lock:
            found = self.running.get(key)
            if found is not None:
                return found
            job = Job(uuid.uuid4().hex, label, key)
            self.running[key] = job
            self.recent[job.id] = job
            while len(self.recent) > KEEP:
                self.recent.popitem(last=False)
        job.future = self.pool.submit(self._run, job, work)
        return job

    def _run(self, job: Job, work: Callable[[Progress], Any]) -> Any:
        job.state, job.started = "running", time.monotonic()
        try:
            result = work(job.progress)
        except InfluscopeError as error:
            job.state, job.error = "failed", error
            raise
        except BaseException:
            job.state = "failed"
            job.error = InfluscopeError(
                N_("The job failed."), N_("The server log has the details.")
            )
            raise
        else:
            job.state = "done"
            return result
        finally:
            job.finished = time.monotonic()
            with self.lock:
                if self.running.get(job.key) is job:
                    del self.running[job.key]

    def wait(self, job: Job, seconds: float) -> Any:
        """The job's result if it ends within ``seconds`` (its error raised), else JobPending."""
        try:
            return job.future.result(timeout=seconds)
        except TimeoutError:
            raise JobPending(job) from None

    def get(self, job_id: str) -> Job:
        """A recent job by id (NotFound once forgotten)."""
        with self.lock:
            job = self.recent.get(job_id)
        if job is None:
            raise NotFound(
                N_("No job {job}."),
                N_("Jobs are kept for the last 200 submitted."),
                job=repr(job_id),
            )
        return job

    def stop(self) -> None:
        """Drop the queued jobs and wait for the running ones.

        The store is closed after this: a job still reading on its handle while
        the store closes it ended in a segmentation fault inside DuckDB.
        """
        self.pool.shutdown(wait=True, cancel_futures=True)


def lower_priority() -> None:
    """Lower the calling thread's scheduling priority to :data:`JOB_NICENESS`."""
    os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), JOB_NICENESS)


def accepted(job: Job) -> dict[str, Any]:
    """The body of a 202 answer."""
    return {"ok": True, "status": 202, "job": job.view().model_dump()}


router = APIRouter(prefix="/api/jobs", tags=["jobs"])
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="A job id.")]


@router.get("/{job_id}")
def job_status(request: Request, job_id: JobId, user: Reader) -> JobView:
    """A background job: its state, steps done out of its total, and its error if it failed."""
    jobs: Jobs = request.app.state.jobs
    return jobs.get(job_id).view(lang_of(request))
