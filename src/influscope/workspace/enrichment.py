"""Enrichment: the enrichers over new documents, hand labels, learned classifiers, themes.

The work is in :mod:`influscope.enrich.runner`, which is given the config,
the store and the folder (never the workspace); this service records each
command in the run log and keeps the share-of-voice counts fresh after it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from influscope.enrich.pipeline import Progress
from influscope.workspace.context import Context

if TYPE_CHECKING:
    from influscope.workspace.sov import SovService


@dataclass(frozen=True)
class EnricherRun:
    """What one enricher did in a run (``skipped`` says why it did nothing)."""

    name: str
    version: str
    todo: int
    done: int
    written: int
    seconds: float
    skipped: str | None


@dataclass(frozen=True)
class Skipped:
    """An enricher the run left out, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class EnrichSummary:
    """What ``enrich`` did: each enricher run, and those left out."""

    run_id: str
    enrichers: list[EnricherRun]
    skipped: list[Skipped]


class EnrichService:
    """Run enrichers, store labels, train and list classifiers, compute themes.

    Example:
        >>> ws.enrich.run(only="sentiment").enrichers[0].done  # doctest: +SKIP
    """

    def __init__(self, ctx: Context, sov: SovService) -> None:
        self.ctx = ctx
        self.sov = sov

    def run(
        self, only: str | None = None, progress: Progress | None = None, *, force: bool = False
    ) -> EnrichSummary:
        """Run the enrichers on the documents they have not done at their version."""
        from influscope.enrich import runner

        ctx = self.ctx
        with ctx.run("enrich", {"only": only, "force": force}) as run:
            summary = runner.enrich(
                ctx.config, ctx.store, ctx.root, run.run_id, only=only, force=force,
                progress=progress,
            )  # fmt: skip
            run.counts.update({s["name"]: s["done"] for s in summary["enrichers"]})
            run.counts["sov"] = self.sov.refresh_counts()
        return EnrichSummary(
            run_id=summary["run_id"],
            enrichers=[EnricherRun(**s) for s in summary["enrichers"]],
            skipped=[Skipped(**s) for s in summary["skipped"]],
        )

    def label_docs(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Store document labels from a ``doc_id,field,value`` CSV (bad lines are logged)."""
        from influscope.enrich import runner

        with self.ctx.run("label docs", {"path": str(path)}) as run:
            counts = runner.label_docs(self.ctx.store, Path(path), run.run_id)
            run.counts.update({k: v for k, v in counts.items() if k != "errors"})
            run.errors = counts["rejected"]
        return counts

    def train(self, field: str, folds: int = 5, embeddings: bool = False) -> dict[str, Any]:
        """Train a classifier for ``field`` from the labels; returns its cross-validated metrics.

        ``embeddings`` adds sentence-embedding variants to the candidates (the
        ``embeddings`` extra; each document is encoded once more at ``enrich``).
        """
        from influscope.enrich import runner

        params = {"field": field, "folds": folds, "embeddings": embeddings}
        with self.ctx.run("train", params) as run:
            result = runner.train(
                self.ctx.store, self.ctx.root, field, run.run_id, folds=folds, embeddings=embeddings
            )
            run.counts.update({"labels": result["labels"], "macro_f1": result["macro_f1"]})
        return result

    def models(self) -> list[dict[str, Any]]:
        """The newest trained model of each field, with its metrics."""
        from influscope.enrich import models

        return models.latest(self.ctx.store)

    def themes(self, axis: str, top: int = 20) -> list[dict[str, Any]]:
        """Terms and phrases that characterise an axis and its sub-conversations."""
        from influscope.enrich import runner

        with self.ctx.run("themes", {"axis": axis, "top": top}) as run:
            rows = runner.themes(self.ctx.config, self.ctx.store, axis, top, run.run_id)
            run.counts["terms"] = len(rows)
        return rows
