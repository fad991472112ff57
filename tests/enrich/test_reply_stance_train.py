"""``influscope train reply_stance``: the thread-aware model through the usual label/train/enrich flow."""

from __future__ import annotations

import csv
import io
import random
import re

import orjson
import pytest

from influscope.enrich.reply_context import replies_of
from influscope.workspace import Workspace
from tests.enrich.helpers import ENRICH_CONFIG, write_jsonl
from tests.enrich.test_learned import write_labels

CLAIMS = [
    "BREAKING: the {x} factory closes tomorrow, 500 jobs lost",
    "L'usine de {x} ferme demain, 500 emplois supprimés",
    "Officials confirm the {x} bridge will be shut for a year",
]
REPLIES = {
    "support": ["yes confirmed, my cousin works there", "true, the union said the same",
                "c'est confirmé, triste nouvelle", "exactly, it was announced this morning"],
    "deny": ["this is false, the company denied it", "fake news, nothing is closing",
             "c'est faux, la direction dément", "not true at all, stop spreading this"],
    "query": ["is this true? any source?", "source svp ?", "really? who said that?",
              "vraiment ? c'est confirmé par qui ?"],
    "comment": ["what a day", "ma ville mérite mieux", "so many memories of that place",
                "the weather is awful today"],
}  # fmt: skip


def threads(n: int = 24, seed: int = 3) -> tuple[list[dict[str, object]], dict[str, str]]:
    """``n`` threads: a claim and six replies (two answering a reply), with their stance."""
    rng = random.Random(seed)
    posts: list[dict[str, object]] = []
    truth: dict[str, str] = {}
    for t in range(n):
        source = f"s{t}"
        posts.append({"id": source, "text": rng.choice(CLAIMS).format(x=f"town{t}")})
        truth[f"twitter:{source}"] = "support"
        for r in range(6):
            stance = rng.choice(sorted(REPLIES))
            parent = source if r < 4 else f"r{t}_{r - 4}"
            post_id = f"r{t}_{r}"
            text = f"{rng.choice(REPLIES[stance])} {t}"
            posts.append({"id": post_id, "text": text, "reply_to": parent})
            truth[f"twitter:{post_id}"] = stance
    for i, post in enumerate(posts):
        post.update(platform="twitter", author=f"user{i % 17}", lang=None)
        post["published_at"] = f"2024-05-01T10:{i % 60:02d}:00Z"
    return posts, truth


@pytest.mark.parametrize("extra", [(), ("--embeddings",)], ids=["ngrams", "embeddings"])
def test_train_reply_stance_reads_threads_and_enrich_fills_the_rest(cli, tmp_path, extra):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    (cli.root / "influscope.toml").write_text(ENRICH_CONFIG, encoding="utf-8")
    posts, truth = threads()
    assert cli("ingest", "file", str(write_jsonl(tmp_path / "t.jsonl", posts)))[0] == 0
    labelled = sorted(d for d in truth if int(re.findall(r"\d+", d)[0]) < 16)
    path = write_labels(tmp_path / "l.csv", [(d, "reply_stance", truth[d]) for d in labelled])
    assert cli("label", "docs", str(path))[0] == 0

    code, out, err = cli("train", "reply_stance", "--folds", "3", "--format", "json", *extra)
    assert code == 0, err
    metrics = orjson.loads(out)
    assert metrics["features"] == ("ngrams+embeddings" if extra else "ngrams")
    assert metrics["labels"] == len(labelled) and metrics["folds"] == 3
    assert metrics["classes"] == ["comment", "deny", "query", "support"]
    assert metrics["accuracy"] > 0.7, metrics  # grouped by thread: unseen threads

    code, out, err = cli("enrich", "--format", "json")
    assert code == 0, err
    code, out, err = cli("export", "documents", "--fields", "doc_id,reply_stance")
    assert code == 0, err
    exported = {r["doc_id"]: r["reply_stance"] for r in csv.DictReader(io.StringIO(out))}
    unseen = [d for d in truth if d not in set(labelled)]
    right = sum(exported[d] == truth[d] for d in unseen)
    assert right / len(unseen) > 0.75, (right, len(unseen))  # four classes: chance 0.25

    with Workspace.open(cli.root) as ws:
        [model] = ws.enrich.models()
        assert model["field"] == "reply_stance" and model["kind"] == "reply-stance-thread"
        reply, deep, source, unknown = replies_of(
            ws.store, ["twitter:r0_1", "twitter:r0_4", "twitter:s0", "twitter:nope"]
        )
    claim = next(p["text"] for p in posts if p["id"] == "s0")
    assert (reply.depth, reply.answers_source, reply.parent_text) == (1, True, claim)
    assert (deep.depth, deep.source_text, deep.thread) == (2, claim, "twitter:s0")
    assert deep.parent_text == next(p["text"] for p in posts if p["id"] == "r0_0")
    assert deep.seconds_after_source is not None and deep.seconds_after_source > 0
    assert (source.is_source, source.depth, source.parent_text) == (True, 0, "")
    assert unknown.text == "" and unknown.thread == "twitter:nope"
