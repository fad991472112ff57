"""Clause-level rules tried on the sentiment scorer, measured leave one set out (none kept).

Usage: .venv/bin/python bench/sentiment_rules.py [--no-write]

The error analysis of the default (docs/how-to/enrich.md) suggested rules a
lexicon scorer could add: a "thanks"/"merci" inside a complaint is sarcasm or
politeness, not praise; a question asks more than it judges; the contrast
rule ("but"/"mais" halves what comes before, raises what follows) might want
other weights. Each rule is applied here to a copy of the product's
combination step (:func:`influscope.enrich.sentiment._combine`), with the
shipped lexicons and adapter settings, on the four sets of
``bench/sentiment_quality.py`` (labels only read to score). For each set, the
variant with the best mean macro-F1 on the other three is applied to it: the
held-out figure. A rule would ship only if it won held out.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from common import record
from sentiment_quality import SETS
from sklearn.metrics import accuracy_score, f1_score

from influscope.enrich import adapt
from influscope.enrich import sentiment as lexicon
from influscope.enrich.sentiment_tokens import Tokens, tokenize

GRATITUDE = {"thanks", "thank", "thx", "ty", "appreciate", "appreciated", "merci", "grateful"}
Rule = dict[str, float | tuple[float, float]]
VARIANTS: dict[str, Rule] = {
    "none (shipped)": {},
    "question: total ×0.5 when the text has '?'": {"question": 0.5},
    "question: total ×0.75": {"question": 0.75},
    "thanks beside a negative word ×0": {"gratitude": 0.0},
    "thanks beside a negative word ×-0.5": {"gratitude": -0.5},
    "contrast off (×1 before and after)": {"contrast": (1.0, 1.0)},
    "contrast ×0.25 before, ×1.5 after": {"contrast": (0.25, 1.5)},
    "contrast ×0.5 before, ×2 after": {"contrast": (0.5, 2.0)},
}


def combine(values: np.ndarray, doc: np.ndarray, n: int, rule: Rule, tokens: Tokens) -> np.ndarray:
    """The product's negation/booster/contrast step with the rule's changes; sum per text."""
    valence, negator, booster, contrast = (values[:, i] for i in range(4))
    size = len(valence)
    negated = np.zeros(size, dtype=bool)
    boost = np.zeros(size)
    for k, decay in ((1, 1.0), (2, 0.95), (3, 0.9)):
        if size <= k:
            break
        same = doc[k:] == doc[:-k]
        negated[k:] |= negator[:-k].astype(bool) & same
        if k < 3:
            boost[k:] += np.where(same, booster[:-k] * decay, 0.0)
    value = valence + np.sign(valence) * boost
    value = np.where(value < 0, value * lexicon.NEGATIVITY, value)
    value = np.where(negated, value * lexicon.NEGATION, value)
    if "gratitude" in rule:
        thanks = np.array([w in GRATITUDE for w in tokens.words])[tokens.index] & (value > 0)
        negative = np.bincount(doc, weights=np.minimum(value, 0) * ~thanks, minlength=n)
        value = np.where(thanks & (negative[doc] < 0), value * float(rule["gratitude"]), value)  # type: ignore[arg-type]
    before, after = rule.get("contrast", (0.5, 1.5))  # type: ignore[misc]
    seen = np.cumsum(contrast)
    starts = np.searchsorted(doc, np.arange(n))
    seen_here = seen - np.concatenate([[0], seen])[starts][doc]
    has = np.bincount(doc, weights=contrast, minlength=n)[doc] > 0
    factor = np.where(has & (seen_here == 0), before, np.where(seen_here > 0, after, 1.0))
    return np.bincount(doc, weights=value * factor, minlength=n)


def scorer(rule: Rule) -> Callable[[pa.Array, pa.Array, Tokens], np.ndarray]:
    """A compound scorer like :func:`influscope.enrich.sentiment.score` with the rule applied."""

    def score(text: pa.Array, langs: pa.Array, tokens: Tokens) -> np.ndarray:
        n = len(text)
        is_fr = pc.fill_null(pc.equal(langs, "fr"), False).to_numpy(zero_copy_only=False)
        english = lexicon.valences("en").lookup(tokens.words)
        french = lexicon.valences("fr").lookup(tokens.words)
        rows = np.where(is_fr[tokens.doc][:, None], french[tokens.index], english[tokens.index])
        total = combine(rows, tokens.doc, n, rule, tokens)
        filled = pc.fill_null(text, "")
        bangs = pc.count_substring(filled, "!").to_numpy(zero_copy_only=False)
        total += np.sign(total) * 0.292 * np.minimum(bangs, 4)
        if "question" in rule:
            asks = pc.count_substring(filled, "?").to_numpy(zero_copy_only=False) > 0
            total = np.where(asks, total * float(rule["question"]), total)  # type: ignore[arg-type]
        compound: np.ndarray = total / np.sqrt(total * total + 15.0)
        return compound

    return score


def main() -> None:
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    scores: dict[tuple[str, str], tuple[float, float]] = {}
    for set_name, (loader, lang) in SETS.items():
        texts, gold = loader()
        text, langs = pa.array(texts), pa.array([lang] * len(texts))
        tokens = tokenize(text)
        classes = sorted(set(gold))
        shipped = lexicon.score(text, langs, tokens)
        for name, rule in VARIANTS.items():
            compound = scorer(rule)(text, langs, tokens)
            if not rule:
                assert np.allclose(compound, shipped), "the bench's copy drifted from the product"
            model = adapt.fit(tokens, compound)
            predicted = (
                lexicon.labels(compound) if model is None else model.predict(tokens, compound)[0]
            )
            macro = f1_score(gold, predicted, labels=classes, average="macro", zero_division=0)
            scores[(name, set_name)] = (accuracy_score(gold, predicted), macro)
    lines = []
    for name in VARIANTS:
        cells = ", ".join(
            f"{s} acc {scores[(name, s)][0]:.3f} / F1 {scores[(name, s)][1]:.3f}" for s in SETS
        )
        mean = np.mean([scores[(name, s)][1] for s in SETS])
        lines.append(f"{name}: {cells}; mean macro-F1 {mean:.3f}")
    held = []
    for set_name in SETS:
        others = [s for s in SETS if s != set_name]
        chosen = max(VARIANTS, key=lambda v: np.mean([scores[(v, s)][1] for s in others]))
        accuracy, macro = scores[(chosen, set_name)]
        held.append(macro)
        lines.append(
            f"held out {set_name}: chosen on the other three [{chosen}] → "
            f"**accuracy {accuracy:.3f}, macro-F1 {macro:.3f}**"
        )
    lines.append(f"leave-one-set-out mean macro-F1: **{np.mean(held):.3f}**")
    lines.append(
        f"{len(VARIANTS)} variants × {len(SETS)} sets in {time.perf_counter() - started:.0f} s; "
        f"1-min load average {load_before:.1f} on {os.cpu_count()} cores at start"
    )
    command = ".venv/bin/python bench/sentiment_rules.py"
    record("enrich: clause-level sentiment rules, leave one set out", command, lines)


if __name__ == "__main__":
    main()
