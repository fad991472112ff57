"""Axes, brands, queries, share of voice, enrichment and learned classifiers.

A mixin of :class:`~influscope.workspace.Workspace`: the methods read
``self.config`` and ``self.store`` and record their runs with ``self.run``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


class AxesMixin:
    """The :class:`~influscope.workspace.Workspace` methods of this area (module docstring)."""

    # -- axes, brands, queries and share of voice ----------------------------------------
    def query(
        self, q: str, count: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]] | int:
        """Run one ad hoc query over the documents: their number, or the matching rows.

        Example:
            >>> ws.query('"usine du futur" AND lang:fr', count=True)  # doctest: +SKIP
            42
        """
        import ibis

        from influscope.query import filter_documents

        expr = filter_documents(self.store.table("documents"), q, self.store.table("links"))
        if count:
            return int(expr.count().execute())
        columns = [
            "doc_id",
            "platform",
            "author_id",
            "published_at",
            "lang",
            "url",
            "title",
            "text",
        ]
        expr = expr.select(*columns).order_by([ibis.desc("published_at"), "doc_id"])
        if limit:
            expr = expr.limit(limit)
        return self.store.to_arrow(expr).to_pylist()

    def attribute_brands(self, force: bool = True) -> dict[str, Any]:
        """Recompute which brands every document cites (``force=False``: only those not done)."""
        from influscope.enrich import brands as brand_attribution

        with self.run(
            "attribute brands", {"brands": brand_attribution.config_hash(self.config.brands)}
        ) as run:
            counts = brand_attribution.attribute(
                self.store, self.config.brands, run.run_id, force=force
            )
            run.counts.update(counts)
            from influscope.analyze.sov import counts as sov_counts

            run.counts["sov"] = sov_counts.refresh(self.store, self.config)
        return counts

    def share_of_voice(
        self, axis: str | None = None, by: str | None = None, split: str | None = None
    ) -> list[dict[str, Any]]:
        """Share of voice per brand among the documents of an axis (or all), see analyze.share_of_voice."""
        from influscope.analyze.sov import share as share_of_voice

        chosen = self.config.axis(axis) if axis else None
        return share_of_voice.share_of_voice(self.store, self.config, chosen, by=by, split=split)

    # -- enrichment and learned classifiers ----------------------------------------------
    def enrich(
        self,
        only: str | None = None,
        progress: Callable[[int, int | None], None] | None = None,
        *,
        force: bool = False,
    ) -> dict[str, Any]:
        """Run the enrichers on the documents they have not done at their version.

        Example:
            >>> ws.enrich(only="sentiment")["enrichers"][0]["done"]  # doctest: +SKIP
        """
        from influscope.enrich import runner

        with self.run("enrich", {"only": only, "force": force}) as run:
            summary = runner.enrich(self, run.run_id, only=only, force=force, progress=progress)
            run.counts.update({s["name"]: s["done"] for s in summary["enrichers"]})
            from influscope.analyze.sov import counts as sov_counts

            run.counts["sov"] = sov_counts.refresh(self.store, self.config)
        return summary

    def label_docs(self, path: str | os.PathLike[str]) -> dict[str, Any]:
        """Store document labels from a ``doc_id,field,value`` CSV (bad lines are logged)."""
        from influscope.enrich import runner

        with self.run("label docs", {"path": str(path)}) as run:
            counts = runner.label_docs(self, Path(path), run.run_id)
            run.counts.update({k: v for k, v in counts.items() if k != "errors"})
            run.errors = counts["rejected"]
        return counts

    def train(self, field: str, folds: int = 5) -> dict[str, Any]:
        """Train a classifier for ``field`` from the labels; returns its cross-validated metrics."""
        from influscope.enrich import runner

        with self.run("train", {"field": field, "folds": folds}) as run:
            result = runner.train(self, field, run.run_id, folds=folds)
            run.counts.update({"labels": result["labels"], "macro_f1": result["macro_f1"]})
        return result

    def models(self) -> list[dict[str, Any]]:
        """The newest trained model of each field, with its metrics."""
        from influscope.enrich import models

        return models.latest(self.store)

    def themes(self, axis: str, top: int = 20) -> list[dict[str, Any]]:
        """Terms and phrases that characterise an axis and its sub-conversations."""
        from influscope.enrich import runner

        with self.run("themes", {"axis": axis, "top": top}) as run:
            rows = runner.themes(self, axis, top, run.run_id)
            run.counts["terms"] = len(rows)
        return rows
