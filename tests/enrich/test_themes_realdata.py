"""Acceptance (issue 12, item 6): themes a person can read, on real English and French tweets.

On the airline tweets: no term has a word under three letters, no handle, no
URL piece. On the French Macron tweets: no accent is stripped — every word of
every term is written as the tweets write it (an unaccented "president" where
the tweets say "président" fails), and accented terms do show.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import orjson
import pytest

from influscope.enrich.terms import words
from tests.conftest import shared_path
from tests.test_ingest_airline import AIRLINE_ARGS

pytestmark = pytest.mark.realdata
HANDLES = {"americanair", "usairways", "southwestair", "jetblue", "virginamerica", "delta"}


def themes(cli: Any, data: Path, args: list[str], axis: str) -> list[dict[str, Any]]:
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    config = cli.root / "influscope.toml"
    config.write_text(config.read_text(encoding="utf-8") + axis, encoding="utf-8")
    code, _, err = cli("ingest", "file", str(data), *args)
    assert code == 0, err
    assert cli("enrich")[0] == 0
    name = re.search(r'name = "([^"]+)"', axis).group(1)  # type: ignore[union-attr]
    code, out, err = cli("themes", "--axis", name, "--top", "20", "--format", "json")
    assert code == 0, err
    rows: list[dict[str, Any]] = orjson.loads(out)
    assert rows
    return rows


def test_airline_themes_have_no_fragments_or_handles(cli: Any, capsys: Any) -> None:
    tweets = shared_path("datasets", "twitter_us_airline_sentiment", "Tweets.csv")
    axis = '\n[[axes]]\nname = "delays"\nquery = \'delay* OR late OR "Late Flight" OR wait*\'\n'
    rows = themes(cli, tweets, AIRLINE_ARGS, axis)
    with capsys.disabled():
        for cluster in sorted({r["cluster"] for r in rows}):
            terms = [r["term"] for r in rows if r["cluster"] == cluster]
            label = next(r["label"] for r in rows if r["cluster"] == cluster)
            print(f"\nairline delays cluster {cluster}: {label!r} <- {terms[:10]}")
    for row in rows:
        for word in row["term"].split():
            assert sum(ch.isalpha() for ch in word) >= 3, row
            assert "@" not in word and "http" not in word and word not in HANDLES, row
            assert not word.startswith(("delay", "wait")), row  # the query's own words
    labels = {r["cluster"]: r["label"] for r in rows}
    assert all(2 <= len(label.replace(" · ", " ").split()) <= 4 for label in labels.values())


def test_french_themes_keep_their_accents(cli: Any, capsys: Any) -> None:
    tweets = shared_path("datasets", "fr_stance_macron_lepen_2017", "macron_fr_train.csv")
    args = ["--format", "csv", "--platform", "twitter", "--map", "id=id", "--map", "text=Tweet"]
    args += ["--map", "author=screen_name", "--map", "published_at=date"]
    axis = '\n[[axes]]\nname = "macron"\nquery = "macron OR emmanuelmacron"\n'
    rows = themes(cli, tweets, args, axis)
    written: set[str] = set()
    import csv

    with tweets.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            written |= set(words(record["Tweet"]))
    with capsys.disabled():
        print(f"\nmacron themes: {[r['term'] for r in rows if r['cluster'] == -1]}")
    accented = 0
    for row in rows:
        for word in row["term"].split():
            assert sum(ch.isalpha() for ch in word) >= 3, row
            folded = "".join(
                c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
            )
            if folded == word:  # unaccented: the tweets must write it so (or a lemma of it)
                assert word in written or any(w.startswith(word[:-1]) for w in written), row
            else:
                accented += 1
    assert accented >= 5
