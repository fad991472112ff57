"""Readers of the two shared rumour datasets, for the realdata tests and ``bench/rumours.py``.

- Twitter16: one :class:`~influscope.analyze.crisis.veracity.Story` per tree,
  with its repost flags and re-entries (no text exists in the folder).
- RumourEval 2017 traindev: one :class:`~influscope.enrich.reply_stance.Reply`
  per post with its thread context, and its **event**. The flat file does not
  name events; they are the source tweets' time clusters — the threads of one
  event were posted within days of each other, events weeks apart, and a gap
  of four days splits them into the eight events the dataset describes.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from influscope.analyze.crisis.cascades import Cascade
from influscope.analyze.crisis.veracity import Story
from influscope.enrich.reply_stance import Reply
from influscope.ingest.files.propagation import read_labels, read_tree

EVENT_GAP_SECONDS = 4 * 86400


def twitter16_stories(folder: Path) -> tuple[list[Story], list[str], list[str]]:
    """Stories, their verdicts and their source tweet ids, in story id order."""
    base = folder / "twitter16"
    labels = read_labels(base / "label.txt")
    stories, gold, ids = [], [], []
    for story_id, label in sorted(labels.items()):
        tree = read_tree(base / "tree" / f"{story_id}.txt")
        if tree.errors:
            raise AssertionError(tree.errors[:3])
        cascade = Cascade.build(tree.ids, tree.parents, tree.seconds, tree.users)
        stories.append(Story.of(cascade, tree.reposts, tree.reentries))
        gold.append(label)
        ids.append(story_id)
    return stories, gold, ids


def rumoureval_replies(folder: Path) -> tuple[list[Reply], list[str], NDArray[np.int64]]:
    """Every traindev post with its context, its stance and its event number."""
    path = folder / "traindev_posts_flat.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sources = {r["thread_id"]: float(r["time_unix"]) for r in rows if r["is_source"] == "1"}
    event: dict[str, int] = {}
    number, previous = 0, None
    for thread in sorted(sources, key=lambda t: (sources[t], t)):
        if previous is not None and sources[thread] - previous > EVENT_GAP_SECONDS:
            number += 1
        event[thread] = number
        previous = sources[thread]
    by_id = {r["post_id"]: r for r in rows}

    def depth(row: dict[str, str]) -> int:
        steps = 0
        while row["parent_id"] in by_id and steps < len(rows):
            row = by_id[row["parent_id"]]
            steps += 1
        return steps

    replies = []
    for r in rows:
        parent = by_id.get(r["parent_id"])
        source = by_id[r["thread_id"]]
        t = float(r["time_unix"])
        replies.append(
            Reply(
                r["text"],
                parent["text"] if parent else "",
                r["is_source"] == "1",
                r["parent_id"] == r["thread_id"],
                source_text=source["text"] if r["is_source"] != "1" else "",
                depth=depth(r),
                seconds_after_parent=t - float(parent["time_unix"]) if parent else None,
                seconds_after_source=t - float(source["time_unix"]),
                thread=r["thread_id"],
            )
        )
    stances = [r["stance"] for r in rows]
    return replies, stances, np.array([event[r["thread_id"]] for r in rows])
