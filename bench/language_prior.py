"""Language identification with the workspace's shares of languages: how much they should weigh.

Each text's reading by fastText is weighed by the workspace's estimated shares
raised to a power (``enrich.language.PRIOR_WEIGHT``: 0 is the model alone, 1
the full correction of Saerens et al.). The gold is the language of each
labelled set of ``../shared/datasets`` (French: DEFT 2017, MLMA hate speech,
E-FRA, Allociné; English: the airline tweets, SemEval-2016), every set read
as one workspace, and mixed workspaces where one language is a small minority
(300 posts of one set among thousands of another: the case the prior can
harm). A multilingual workspace comes from the archived result pages: each
title's language is read on its title and snippet together (kept where the
model alone is at least 0.9 sure) and predicted on the title alone.

The figure of a workspace is the mean, over its languages, of the share of
posts read wrongly (a minority counts as much as the majority). The weight is
chosen leaving one labelled set out: for each set, the weight with the lowest
mean figure over the workspaces without it; that weight's figures on the
workspaces with it are the held-out ones.

Usage: python bench/language_prior.py [--no-write]
"""

from __future__ import annotations

import csv
import html
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import record  # noqa: E402

from influscope.enrich.language import (  # noqa: E402
    Readings,
    candidates,
    choose,
    prepare,
    workspace_prior,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets"
WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
MINORITY = 300
csv.field_size_limit(1 << 30)


def _rows(path: Path, delimiter: str = ",", encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def labelled_sets() -> dict[str, tuple[list[str], str]]:
    """Each monolingual set: its texts and their language."""
    deft = DATA / "fr_umsab_deft2017_sentiment"
    allocine = (DATA / "fr_allocine_tv_reviews_dongdemelo" / "dev.tsv").read_text(encoding="utf-8")
    return {
        "DEFT 2017": (
            [
                t
                for part in ("train", "val")
                for t in (deft / f"{part}_text.txt").read_text(encoding="utf-8").split("\n")
            ],
            "fr",
        ),
        "MLMA": (
            [r["tweet"] for r in _rows(DATA / "fr_mlma_hate_speech_tweets" / "fr_dataset.csv")],
            "fr",
        ),
        "E-FRA": (
            [
                r["Tweet"]
                for r in _rows(DATA / "fr_stance_macron_lepen_2017" / "macron_fr_train.csv")
            ],
            "fr",
        ),
        "Allociné": (
            [line.split("\t", 1)[1] for line in allocine.split("\n") if "\t" in line],
            "fr",
        ),
        "airline": (
            [r["text"] for r in _rows(DATA / "twitter_us_airline_sentiment" / "Tweets.csv")],
            "en",
        ),
        "SemEval-2016": (
            [
                r["Tweet"]
                for r in _rows(
                    DATA / "semeval2016_task6_stance" / "trainingdata-all-annotations.txt",
                    delimiter="\t",
                    encoding="latin-1",
                )
            ],
            "en",
        ),
    }


def result_titles() -> tuple[Readings, list[str]]:
    """Readings of result titles alone, and the language of title and snippet together."""
    tags = re.compile(r"<[^>]+>")
    rows = _rows(DATA / "serp_archive_query_log_annotated" / "serp_results.tsv", delimiter="\t")
    titles = [html.unescape(tags.sub("", r["title"] or "")) for r in rows]
    both = [
        t + " " + html.unescape(tags.sub("", r["snippet"] or ""))
        for t, r in zip(titles, rows, strict=True)
    ]
    long_read = candidates(prepare(pa.array(both)))
    codes, scores = choose(long_read, {}, 0.0)
    keep = [
        i
        for i, (code, score) in enumerate(zip(codes, scores, strict=True))
        if code and score is not None and score >= 0.9 and len(both[i]) > 80
    ]
    short = candidates(prepare(pa.array([titles[i] for i in keep])))
    return short, [str(codes[i]) for i in keep]


def joined(parts: list[tuple[Readings, list[int]]]) -> Readings:
    """The chosen rows of several readings as one workspace's (their languages merged)."""
    languages = sorted({code for found, _ in parts for code in found.languages})
    index = {code: i for i, code in enumerate(languages)}
    slots, probs = [], []
    for found, rows in parts:
        remap = np.array([index[code] for code in found.languages], dtype=np.int32)
        slots.append(remap[found.slots[rows]] if len(remap) else found.slots[rows])
        probs.append(found.probs[rows])
    return Readings(tuple(languages), np.concatenate(slots), np.concatenate(probs))


def workspace_error(readings: Readings, gold: list[str], weight: float) -> tuple[float, int]:
    """Mean over the workspace's languages of the share read wrongly; posts read wrongly."""
    predicted, _ = choose(readings, workspace_prior(readings, None, weight), weight)
    wrong: dict[str, list[int]] = {}
    for code, truth in zip(predicted, gold, strict=True):
        tally = wrong.setdefault(truth, [0, 0])
        tally[0] += code != truth
        tally[1] += 1
    return sum(w / n for w, n in wrong.values()) / len(wrong), sum(w for w, _ in wrong.values())


def main() -> None:
    started = time.time()
    sets = labelled_sets()
    read = {name: candidates(prepare(pa.array(texts))) for name, (texts, _) in sets.items()}
    workspaces: list[tuple[str, set[str], Readings, list[str]]] = []
    for name, (texts, lang) in sets.items():
        workspaces.append((name, {name}, read[name], [lang] * len(texts)))
    rng = random.Random(0)
    for big, small in (
        ("airline", "MLMA"),
        ("airline", "DEFT 2017"),
        ("SemEval-2016", "E-FRA"),
        ("MLMA", "airline"),
        ("DEFT 2017", "SemEval-2016"),
    ):
        pick = rng.sample(range(len(read[small])), MINORITY)
        readings = joined([(read[big], list(range(len(read[big])))), (read[small], pick)])
        gold = [sets[big][1]] * len(read[big]) + [sets[small][1]] * MINORITY
        workspaces.append((f"{big} + {MINORITY} of {small}", {big, small}, readings, gold))
    titles, title_gold = result_titles()
    workspaces.append(("result titles (multilingual)", set(), titles, title_gold))

    measured = {
        (label, weight): workspace_error(readings, gold, weight)
        for label, _, readings, gold in workspaces
        for weight in WEIGHTS
    }
    errors = {key: value[0] for key, value in measured.items()}
    lines = [
        f"{len(workspaces)} workspaces; the figure is the mean over a workspace's languages of the "
        "share of its posts read wrongly (a minority weighs as much as the majority)",
        f"result titles: {len(titles):,} titles in {len(set(title_gold))} languages "
        "(the language of title and snippet read with ≥ 0.9)",
    ]
    for label, _, readings, _ in workspaces:
        figures = ", ".join(
            f"{w:g}: {errors[(label, w)]:.4f} ({measured[(label, w)][1]:,} posts)" for w in WEIGHTS
        )
        lines.append(
            f"{label} ({len(readings):,} posts): error (posts read wrongly) by weight {figures}"
        )
    for weight in WEIGHTS:
        mean = sum(errors[(label, weight)] for label, *_ in workspaces) / len(workspaces)
        worst = max(errors[(label, weight)] for label, *_ in workspaces)
        lines.append(f"weight {weight:g}: mean error {mean:.4f}, worst workspace {worst:.4f}")
    held: list[float] = []
    alone: list[float] = []
    for name in sets:
        inside = [label for label, names, *_ in workspaces if name in names]
        outside = [label for label, names, *_ in workspaces if name not in names]
        chosen = min(
            WEIGHTS, key=lambda w: (sum(errors[(label, w)] for label in outside) / len(outside), w)
        )
        figures = [errors[(label, chosen)] for label in inside]
        held.extend(figures)
        before = [errors[(label, 0.0)] for label in inside]
        alone.extend(before)
        lines.append(
            f"leave {name} out: weight {chosen:g} chosen on the others; its workspaces "
            f"{', '.join(f'{f:.4f}' for f in figures)} (model alone {', '.join(f'{b:.4f}' for b in before)})"
        )
    lines.append(
        f"held-out mean error {sum(held) / len(held):.4f} (model alone on the same workspaces "
        f"{sum(alone) / len(alone):.4f}); {time.time() - started:.0f} s"
    )
    record(
        "Language identification: the workspace's shares of languages as a prior",
        "python bench/language_prior.py",
        lines,
    )


if __name__ == "__main__":
    main()
