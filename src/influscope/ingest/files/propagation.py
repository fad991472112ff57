"""Rumour propagation trees in Ma et al.'s layout (Twitter15/16): one file of edges per story.

Each line is ``['parent_uid', 'parent_tweet', 'parent_delay']->['uid', 'tweet', 'delay']``
with delays in minutes after the source; the first line comes from
``['ROOT', 'ROOT', '0.0']``. A node is a (user, tweet) pair — a retweet keeps
the source's tweet id, so the user tells two retweets apart. A bad line is
reported with its number and skipped, never guessed.

Two facts of the layout are kept for shape models: whether a post repeats
the source's tweet id (a retweet) or has its own (a reply or quote), and how
many edges named a node already in the tree (re-entries, e.g. an account
retweeting twice).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from influscope.errors import N_, InputError


@dataclass
class PropagationTree:
    """A story's tree: node ids (``uid/tweet``), parent ids, delays in seconds, users."""

    story: str
    ids: list[str] = field(default_factory=list)
    parents: list[str | None] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    reposts: list[bool] = field(default_factory=list)
    reentries: int = 0
    errors: list[str] = field(default_factory=list)


def read_tree(path: Path) -> PropagationTree:
    """Read one tree file; the first occurrence of a node is kept (later edges to it are cross-links)."""
    if not path.exists():
        raise InputError(N_("{path}: no such file."), path=str(path))
    tree = PropagationTree(path.stem)
    seen: set[str] = set()
    source = ""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                left, right = line.split("->", 1)
                parent = ast.literal_eval(left)
                child = ast.literal_eval(right)
                uid, tweet, delay = str(child[0]), str(child[1]), float(child[2])
            except (ValueError, SyntaxError, IndexError) as exc:
                tree.errors.append(f"{path}:{number}: {exc}")
                continue
            node = f"{uid}/{tweet}"
            if node in seen:
                tree.reentries += 1
                continue
            seen.add(node)
            parent_id = None if parent[0] == "ROOT" else f"{parent[0]}/{parent[1]}"
            if parent_id is None and not source:
                source = tweet
            tree.ids.append(node)
            tree.parents.append(parent_id)
            tree.seconds.append(max(delay, 0.0) * 60.0)
            tree.users.append(uid)
            tree.reposts.append(parent_id is not None and tweet == source)
    return tree


def read_labels(path: Path) -> dict[str, str]:
    """``label:story_id`` lines -> {story_id: label}."""
    if not path.exists():
        raise InputError(N_("{path}: no such file."), path=str(path))
    labels: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        label, sep, story = line.strip().partition(":")
        if not sep:
            raise InputError(
                N_("{path}:{line}: expected label:story_id, got {value}."),
                path=str(path),
                line=str(number),
                value=repr(line),
            )
        labels[story] = label
    return labels
