"""A brand's name outside its aliases: the share of voice says what it may be missing."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson

from influscope.analyze.sov.names import MATERIAL, name_gaps
from influscope.workspace import Workspace

CONFIG = """
[[brands]]
name = "Macron"
own = true
aliases = ["Emmanuel Macron"]

[[brands]]
name = "Acme"
aliases = ["ACME", "Acme Industries"]

[[brands]]
name = "United"
aliases = ["United Airlines"]
"""


def _posts() -> list[dict[str, Any]]:
    texts = (
        ["Emmanuel Macron en visite"] * 2  # attributed through the alias
        + ["Macron parle encore", "le discours de macron", "MACRON démission"]  # the name alone
        + ["Acme recrute"] * 3  # an alias: attributed
        + ["United Airlines retarde mon vol"] * 40  # attributed
        + ["the united nations"]  # the name, as a common word: 1 beside 40
    )
    return [
        {"id": str(i), "platform": "twitter", "author": f"u{i}", "text": text}
        for i, text in enumerate(texts)
    ]


def _workspace(root: Path) -> Workspace:
    path = root.parent / "posts.jsonl"
    path.write_bytes(b"".join(orjson.dumps(p) + b"\n" for p in _posts()))
    ws = Workspace.init(root, config_text=CONFIG)
    ws.ingest.files([path])
    return ws


def test_material_name_gaps_only(tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws")
    try:
        gaps = name_gaps(ws.store, ws.config.brands)
        assert [(g.brand, g.documents, g.cited) for g in gaps] == [("Macron", 3, 2)]
        assert 1 < MATERIAL * 40  # United's one stray "united" is below the bar
    finally:
        ws.close()


def test_sov_warns_on_stderr_under_its_table(cli: Any, tmp_path: Path) -> None:
    _workspace(cli.root).close()
    code, out, err = cli("sov")
    assert code == 0, err
    assert "Macron" in out and "Warning" not in out
    assert '"Macron" is in 3 documents not attributed to Macron (which 2 documents cite)' in err
    assert "United" not in err and "Acme" not in err
    code, out, err = cli("sov", "--format", "csv")  # a script's output: data, no scan
    assert code == 0 and out.splitlines()[0].startswith("brand,") and "Warning" not in err
    code, out, err = cli("--lang", "fr", "brands")
    assert code == 0, err
    assert "« Macron » figure dans 3 documents" in err


def test_sov_table_is_for_a_person(cli: Any, tmp_path: Path) -> None:
    """The table: headers in the language, shares as its percentages; CSV keeps fractions."""
    from influscope.serve.formats import percent

    _workspace(cli.root).close()
    code, out, err = cli("sov", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    code, table, err = cli("--lang", "fr", "sov")
    assert code == 0, err
    assert "Part de voix" in table and "share" not in table
    for row in rows:
        line = next(line for line in table.splitlines() if f" {row['brand']} " in line)
        assert percent(float(row["share"]), "fr") in line
    # No likes, shares or replies in these posts: the engagement share says nothing more.
    assert "la part d'engagement est la part des documents" in err
    # Nor any sentiment (never enriched): the empty tone columns say why.
    assert "lancez influscope enrich pour remplir les colonnes de tonalité" in err


def test_sov_says_nothing_of_tone_once_documents_have_one(cli: Any, tmp_path: Path) -> None:
    ws = _workspace(cli.root)
    ws.enrich.run()
    ws.close()
    code, _, err = cli("sov")
    assert code == 0, err
    assert "run influscope enrich" not in err
