"""RumourEval 2017 reply stance: two more thread contexts for stage 2, measured (issue 14).

Usage:
    OMP_NUM_THREADS=1 .venv/bin/python bench/reply_stance_variants.py [--no-write]

The product's model (``enrich/reply_stance_model.py``) gives its thread stage
the text stage's scores of the reply, its parent, its source and the mean of
its thread: 0.711 accuracy, macro-F1 0.446 leave-one-event-out at the default
C (``bench/rumours.py rumoureval --default-c``). Two contexts it does not
read, each added to stage 2's input here (the product's code is unchanged
because neither gained):

- **answers**: the mean scores of the posts that answer this one (how the
  thread took it: a claim met by denials), and how many there are;
- **branch**: the mean scores of the ancestors above the parent and the
  grandparent's (the branch of Kochkina et al.'s branch-LSTM), and how many.

Posts are linked by their thread and their parent's text (the flat file's
replies carry no parent id once read). Same split as the product's figure:
leave one event out, C = 0.1, no embeddings, nothing chosen.
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from common import ROOT, record

sys.path.insert(0, str(ROOT))

from tests.analyze.crisis.rumour_data import rumoureval_replies  # noqa: E402

from influscope.enrich import reply_stance_model  # noqa: E402
from influscope.enrich.learned import scores  # noqa: E402
from influscope.enrich.reply_stance import Reply  # noqa: E402

SHARED = Path(os.environ.get("INFLUSCOPE_SHARED", ROOT.parent / "shared")) / "datasets"
PRODUCT = reply_stance_model.stacked_features


def answers(replies: list[Reply], own: np.ndarray) -> np.ndarray:
    by_parent: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(replies):
        if r.parent_text:
            by_parent[(r.thread, r.parent_text)].append(i)
    out = np.zeros((len(replies), own.shape[1] + 1))
    for i, r in enumerate(replies):
        kids = [j for j in by_parent.get((r.thread, r.text), []) if j != i]
        if kids:
            out[i, :-1] = own[kids].mean(axis=0)
        out[i, -1] = np.log1p(len(kids))
    return out


def branch(replies: list[Reply], own: np.ndarray) -> np.ndarray:
    index: dict[tuple[str, str], int] = {}
    for i, r in enumerate(replies):
        index.setdefault((r.thread, r.text), i)
    k = own.shape[1]
    out = np.zeros((len(replies), 2 * k + 1))
    for i, r in enumerate(replies):
        chain: list[int] = []
        current = r
        while current.parent_text and (current.thread, current.parent_text) in index:
            j = index[(current.thread, current.parent_text)]
            if j == i or j in chain:
                break
            chain.append(j)
            current = replies[j]
        above = chain[1:]
        if above:
            out[i, :k] = own[above].mean(axis=0)
            out[i, k:-1] = own[above[0]]
        out[i, -1] = np.log1p(len(above))
    return out


def run(name: str, extra: Callable[[list[Reply], np.ndarray], np.ndarray]) -> str:
    def stacked(
        replies: list[Reply], own: np.ndarray, parent: np.ndarray, source: np.ndarray
    ) -> np.ndarray:
        return np.hstack([PRODUCT(replies, own, parent, source), extra(replies, own)])

    reply_stance_model.stacked_features = stacked  # type: ignore[assignment]
    started = time.time()
    replies, gold, events = rumoureval_replies(SHARED / "rumoureval2017_pheme_threads")
    y = np.array(gold)
    predicted = np.empty(len(y), dtype=object)
    for held in sorted(set(events.tolist())):
        train, test = np.flatnonzero(events != held), np.flatnonzero(events == held)
        model = reply_stance_model.build_model(0.1, False).fit(
            [replies[i] for i in train], list(y[train]), groups=list(events[train])
        )
        predicted[test] = model.predict([replies[i] for i in test])
    reply_stance_model.stacked_features = PRODUCT
    result = scores(gold, list(predicted))
    f1 = result["f1"]
    assert isinstance(f1, dict)
    line = (
        f"stage 2 + {name}, C 0.1: accuracy **{result['accuracy']:.3f}**, macro-F1 "
        f"{result['macro_f1']:.3f} (F1 per class: "
        + ", ".join(f"{c} {v:.2f}" for c, v in sorted(f1.items()))
        + f"); {time.time() - started:.0f} s, load {os.getloadavg()[0]:.1f} at the end"
    )
    print(line, flush=True)
    return line


if __name__ == "__main__":
    lines = [run("answers (mean scores of the replies to the post)", answers)]
    lines.append(run("branch (ancestors above the parent: mean, grandparent)", branch))
    lines.append("4,519 posts, 8 events, leave one event out; product at C 0.1: 0.711 / 0.446")
    record(
        "Rumours: RumourEval 2017 reply stance, stage-2 context variants (issue 14)",
        "OMP_NUM_THREADS=1 .venv/bin/python bench/reply_stance_variants.py",
        lines,
    )
