"""The SIMULATED demo: the scenario's inputs imported, then every analysis run in flow order.

Each step is a direct call of a service; a step that fails with an
:class:`~influscope.errors.InfluscopeError` is recorded as ``failed`` with its
message and hint, and the next steps still run, so one broken analysis shows
in the summary instead of hiding the others.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from influscope.errors import InfluscopeError
from influscope.workspace.context import Context

if TYPE_CHECKING:
    from influscope.demo import DemoFiles, Highlights
    from influscope.workspace.alerts import AlertService
    from influscope.workspace.enrichment import EnrichService
    from influscope.workspace.influence import InfluenceService
    from influscope.workspace.ingest import IngestService, Progress
    from influscope.workspace.journeys import JourneyService
    from influscope.workspace.maps import MapService
    from influscope.workspace.sov import SovService

# The analyses the demo runs, in flow order (the names the summary and the run log show).
DEMO_STEPS = (
    "attribute_brands",
    "enrich",
    "map",
    "journey",
    "profile",
    "tiers",
    "evaluate_alerts",
)


@dataclass(frozen=True)
class DemoStep:
    """How one step went: ``ok`` (with its time and size) or ``failed`` (message, hint)."""

    step: str
    status: Literal["ok", "failed"]
    seconds: float | None = None
    rows: int | None = None
    error: str | None = None
    hint: str | None = None


def run_step(name: str, action: Callable[[], object]) -> DemoStep:
    """Run one step; an InfluscopeError is recorded as ``failed`` (a bug is raised)."""
    started = time.perf_counter()
    try:
        result = action()
    except InfluscopeError as error:
        return DemoStep(name, "failed", error=error.message, hint=error.hint)
    seconds = round(time.perf_counter() - started, 2)
    rows = len(result) if isinstance(result, list | dict) else None
    return DemoStep(name, "ok", seconds=seconds, rows=rows)


class DemoService:
    """The demo's analyses and what its scenario planted.

    Example:
        >>> [s.status for s in ws.demo.pipeline()]  # doctest: +SKIP
        ['ok', 'ok', 'ok', 'ok', 'ok']
    """

    def __init__(
        self,
        ctx: Context,
        *,
        ingest: IngestService,
        sov: SovService,
        enrich: EnrichService,
        maps: MapService,
        journeys: JourneyService,
        alerts: AlertService,
        influence: InfluenceService,
    ) -> None:
        self.ctx = ctx
        self.influence = influence
        self.ingest = ingest
        self.sov = sov
        self.enrich = enrich
        self.maps = maps
        self.journeys = journeys
        self.alerts = alerts

    def import_inputs(
        self, files: DemoFiles, scale: int, seed: int, progress: Progress | None = None
    ) -> None:
        """Import the scenario's posts, then its side files (roster, notes, labels, search)."""
        with self.ctx.run("demo build", {"scale": scale, "seed": seed}) as run:
            summary = self.ingest.files([files.posts], fmt="jsonl", progress=progress)
            run.counts["posts"] = summary.records
            steps: list[tuple[str, Callable[[], object]]] = [
                ("ingest_roster", lambda: self.ingest.roster(files.roster)),
                ("ingest_notes", lambda: self.ingest.notes(files.notes)),
                ("label_actors", lambda: self.ingest.actor_labels(files.labels_actors)),
                ("label_docs", lambda: self.enrich.label_docs(files.labels_docs)),
                ("ingest_demand", lambda: self.ingest.demand(files.demand)),
                ("ingest_serp", lambda: self.ingest.serp(files.serp)),
                (
                    "ingest_relations",
                    lambda: self.influence.import_relations(files.relations, "demo"),
                ),
            ]
            for name, action in steps:
                step = run_step(name, action)
                run.counts[name] = step
                run.errors += step.status == "failed"

    def highlights(self) -> Highlights | None:
        """What the SIMULATED scenario planted (None for a real workspace)."""
        from influscope import demo as simulated

        if not self.ctx.config.workspace.simulated:
            return None
        return simulated.highlights(self.ctx.root / simulated.INPUT_FOLDER)

    def replay_alerts(self) -> list[dict[str, object]]:
        """Alert rules replayed at the scenario's planted moments, then at its end.

        A single evaluation at the end of the window would not reach the bad
        buzz planted weeks before it.
        """
        from influscope import demo as simulated

        moments: list[datetime] = []
        if self.ctx.config.workspace.simulated:
            moments = simulated.replay_times(self.ctx.root / simulated.INPUT_FOLDER)
        found: list[dict[str, object]] = []
        for moment in moments:
            found += self.alerts.evaluate(now=moment)
        return found + self.alerts.evaluate()

    def pipeline(self) -> list[DemoStep]:
        """Run the analyses in flow order (:data:`DEMO_STEPS`) and record how each went."""
        actions: dict[str, Callable[[], object]] = {
            "attribute_brands": self.sov.attribute_brands,
            "enrich": self.enrich.run,
            "map": lambda: self.maps.compute().rows,
            "journey": self.journeys.compute,
            "profile": self.influence.profile,
            "tiers": lambda: self.influence.tiers(),
            "evaluate_alerts": self.replay_alerts,
        }
        steps: list[DemoStep] = []
        with self.ctx.run("demo pipeline", {}) as run:
            for name in DEMO_STEPS:
                step = run_step(name, actions[name])
                steps.append(step)
                run.errors += step.status == "failed"
            run.counts["steps"] = steps
        return steps


def demo_folder(path: str | Path, scale: int, seed: int) -> tuple[DemoFiles, str]:
    """Prepare ``path`` for a demo and write the scenario's inputs; (files, config text)."""
    from influscope import demo as simulated

    root = Path(path)
    simulated.prepare_folder(root)
    files = simulated.write_scenario(root / simulated.INPUT_FOLDER, scale, seed)
    return files, simulated.demo_config_text(scale, seed)
