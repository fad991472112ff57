"""Does the journey with observed clicks predict where readers go next better than the even split?

What is computed, on one clickstream sample (see docs/journey.md, "Checks"):

1. **Rows**: the sample's article-to-article ``link`` rows ``(prev, curr, n)``.
   The *link structure* is the set of ``prev -> curr`` pairs: what a crawl of
   ``prev`` would find (each outlink once). It is known to both models.
2. **Held-out clicks**: every row's ``n`` clicks are split at random, each click
   independently, into a *fit* half and a *test* half (binomial thinning,
   p = 1/2, seeded). For Poisson counts the two halves are independent, so the
   test half is never the numbers the model was given.
3. **Workspace**: the pages are imported as web documents with their outlinks
   (the crawl's output); the fit half is imported with ``ingest transitions``
   in the clickstream layout (rows whose fit half is 0 are not observed). With
   ``threshold`` = 10, the fit half is published as Wikimedia publishes a
   month (only pairs with at least 10 clicks): a page's rarer links are then
   known but unobserved, and the partial-observation rule predicts them.
4. **Prediction**: each evaluated page's row of the journey's transition matrix
   (the product's own chain, ``analyze.journey.report.compute``), normalised
   to a distribution over the page's links; the even split is the same journey
   with ``observed_clicks = false``.
5. **Metric**: total variation distance between the predicted distribution and
   the test half's distribution over the page's links, for every page with at
   least two links and test clicks; reported as the mean over pages and the
   mean weighted by the page's test clicks.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson

from influscope.analyze.journey import report as jr
from influscope.ingest.search.transitions import ClickstreamPreset
from influscope.workspace import Workspace

SEED = 12


@dataclass(frozen=True)
class Split:
    """A sample's link rows with their fit and test halves."""

    links: dict[str, list[tuple[str, int, int]]]  # prev -> [(curr, fit, test)]

    def evaluated(self) -> list[str]:
        """Pages with two links or more and test clicks, sorted."""
        return sorted(
            p for p, rows in self.links.items() if len(rows) >= 2 and sum(r[2] for r in rows) > 0
        )


def read_links(path: Path) -> list[tuple[str, str, int]]:
    """The ``link`` rows of a clickstream sample (the dump TSV or the sample CSV)."""
    csv.field_size_limit(sys.maxsize)
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix == ".tsv":
            for line in handle:
                prev, curr, kind, n = line.rstrip("\n").split("\t")
                if kind == "link":
                    rows.append((prev, curr, int(n)))
        else:
            for record in csv.DictReader(handle):
                if record["type"] == "link":
                    rows.append((record["prev"], record["curr"], int(record["n"])))
    return rows


def thin(rows: list[tuple[str, str, int]], seed: int = SEED) -> Split:
    """Each click to the fit or the test half with probability 1/2 (seeded, in file order)."""
    rng = np.random.default_rng(seed)
    links: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for prev, curr, n in rows:
        fit = int(rng.binomial(n, 0.5))
        links[prev].append((curr, fit, n - fit))
    return Split(dict(links))


def build(root: Path, split: Split, threshold: int = 1) -> Workspace:
    """A workspace holding the link structure and the observed fit half (module doc, step 3)."""
    article = ClickstreamPreset().article
    ws = Workspace.init(root)
    pages = root.parent / f"{root.name}-pages.jsonl"
    with pages.open("wb") as handle:
        for prev, rows in sorted(split.links.items()):
            record = {
                "id": prev,
                "platform": "web",
                "author": "en.wikipedia.org",
                "url": article(prev),
                "links": [article(c) for c, _, _ in rows],
            }
            handle.write(orjson.dumps(record) + b"\n")
    ws.ingest.files([pages])
    clicks = root.parent / f"{root.name}-clickstream-enwiki.tsv"
    with clicks.open("w", encoding="utf-8") as handle:
        for prev, rows in sorted(split.links.items()):
            for curr, fit, _ in rows:
                if fit >= threshold:
                    handle.write(f"{prev}\t{curr}\tlink\t{fit}\n")
    summary = ws.ingest.transitions(clicks)
    assert summary.rejected == 0, summary.errors[:3]
    return ws


def distances(ws: Workspace, split: Split) -> tuple[float, float, int]:
    """(mean TV over pages, click-weighted mean TV, pages) of the workspace's current journey."""
    article = ClickstreamPreset().article
    result = jr.compute(ws.store, ws.config).result
    index = {node: i + result.n_queries for i, node in enumerate(result.nodes)}
    per_page, weights = [], []
    for prev in split.evaluated():
        rows = split.links[prev]
        row = result.transition[index[article(prev)]]
        predicted = np.array([row[0, index[article(c)]] for c, _, _ in rows], dtype=np.float64)
        observed = np.array([t for _, _, t in rows], dtype=np.float64)
        predicted /= predicted.sum()
        observed /= observed.sum()
        per_page.append(0.5 * float(np.abs(predicted - observed).sum()))
        weights.append(sum(t for _, _, t in rows))
    tv = np.array(per_page)
    return float(tv.mean()), float(np.average(tv, weights=weights)), len(per_page)


def even_and_observed(ws: Workspace, split: Split) -> dict[str, tuple[float, float, int]]:
    """The even split's and the observed-clicks journey's distances on one workspace."""
    ws.config.journey.observed_clicks = False
    even = distances(ws, split)
    ws.config.journey.observed_clicks = True
    return {"even": even, "observed": distances(ws, split)}
