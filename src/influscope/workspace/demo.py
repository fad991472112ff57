"""The demo scenario: a simulated workspace built and analysed in one call.

A mixin of :class:`~influscope.workspace.Workspace`: the methods read
``self.config`` and ``self.store`` and record their runs with ``self.run``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from influscope.errors import InfluscopeError

if TYPE_CHECKING:
    from influscope.workspace import Workspace


class DemoMixin:
    """The :class:`~influscope.workspace.Workspace` methods of this area (module docstring)."""

    # -- demo scenario -------------------------------------------------------------------
    @classmethod
    def build_demo(
        cls,
        path: str | os.PathLike[str],
        scale: int = 20_000,
        seed: int = 7,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> Workspace:
        """Build a workspace from the SIMULATED demo scenario (``demo``).

        Writes the demo ``influscope.toml`` (``simulated = true``), the input files
        under ``<path>/demo-input/``, imports the posts, then the other inputs through
        whichever import methods this version has. A simulated workspace already
        there is rebuilt; a real one is refused.

        Example:
            >>> ws = Workspace.build_demo("demo-workspace", scale=20_000)  # doctest: +SKIP
        """
        from influscope import demo as simulated

        root = Path(path)
        simulated.prepare_folder(root)
        files = simulated.write_scenario(root / simulated.INPUT_FOLDER, scale, seed)
        workspace = cls.init(root, config_text=simulated.demo_config_text(scale, seed))
        with workspace.run("demo build", {"scale": scale, "seed": seed}) as run:
            summary = workspace.ingest_files([files.posts], fmt="jsonl", progress=progress)
            run.counts["posts"] = summary.records
            for method, file in simulated.demo_imports(files):
                run.counts[method] = _call_step(workspace, method, file)
                run.errors += run.counts[method]["status"] == "failed"
        return workspace

    def demo_highlights(self) -> list[str]:
        """What the SIMULATED scenario planted, in a few lines (empty for a real workspace)."""
        from influscope import demo as simulated

        if not self.config.workspace.simulated:
            return []
        return simulated.highlights(self.root / simulated.INPUT_FOLDER)

    def _demo_alerts(self) -> list[dict[str, Any]]:
        """Alert rules replayed at the scenario's planted moments, then at its end."""
        from influscope import demo as simulated

        moments: list[Any] = []
        if self.config.workspace.simulated:
            moments = simulated.replay_times(self.root / simulated.INPUT_FOLDER)
        found: list[dict[str, Any]] = []
        for moment in moments:
            found += self.evaluate_alerts(now=moment)
        return found + self.evaluate_alerts()

    def demo_pipeline(self) -> list[dict[str, Any]]:
        """Run, in flow order, the analyses this version has; record what ran.

        Steps: ``attribute_brands``, ``enrich``, ``map``, ``journey``,
        ``evaluate_alerts`` (each with default arguments; on a simulated workspace
        the alert rules are also replayed just after the planted bad buzz, which a
        single evaluation at the end of the window would not reach). A missing
        method is reported as ``missing``; an :class:`InfluscopeError` as ``failed``.
        """
        steps: list[dict[str, Any]] = []
        with self.run("demo pipeline", {}) as run:
            for method in DEMO_STEPS:
                target = method
                if method == "evaluate_alerts" and callable(getattr(self, method, None)):
                    target = "_demo_alerts"
                step = {"step": method} | _call_step(self, target)
                steps.append(step)
                run.errors += step["status"] == "failed"
            run.counts["steps"] = steps
        return steps


DEMO_STEPS = ("attribute_brands", "enrich", "map", "journey", "evaluate_alerts")


def _call_step(workspace: Workspace, method: str, *args: Any) -> dict[str, Any]:
    """Call ``workspace.method(*args)`` if it exists; how it went, for the run log."""
    function = getattr(workspace, method, None)
    if not callable(function):
        return {"status": "missing"}
    started = time.perf_counter()
    try:
        result = function(*args)
    except InfluscopeError as error:
        return {"status": "failed", "error": error.message, "hint": error.hint}
    seconds = round(time.perf_counter() - started, 2)
    return {"status": "ok", "seconds": seconds, "result": _brief(result)}


def _brief(result: Any) -> Any:
    """A short JSON-ready summary of what a step returned."""
    if result is None or isinstance(result, int | float | str | bool):
        return result
    if isinstance(result, dict):
        return {k: v for k, v in result.items() if isinstance(v, int | float | str | bool)}
    rows = getattr(result, "rows", result)
    try:
        return {"rows": len(rows)}
    except TypeError:
        return type(result).__name__
