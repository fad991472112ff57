"""Importing observed transitions: generic src_url,dst_url,clicks and the clickstream layout."""

from __future__ import annotations

import gzip

import pytest

from influscope.errors import ImportRejected
from influscope.ingest.search.transitions import ClickstreamPreset, transitions_preset

DUMP = (
    "other-search\tCafé_au_lait\texternal\t120\n"
    "Coffee\tCafé_au_lait\tlink\t40\n"
    "Coffee\tAT&T?_(company)\tlink\t12\n"
    "Coffee\tTea\tother\t11\n"
    "other-empty\tCoffee\texternal\t300\n"
    "Coffee\tbroken line\n"
    "other-nonsense\tTea\texternal\t10\n"
    "Coffee\tMilk\tlink\tmany\n"
)


def rows(ws):
    table = ws.store.table("transitions")
    return ws.store.to_arrow(table.order_by(["src_url", "dst_url"])).to_pylist()


def test_clickstream_dump_is_read_with_its_referrer_classes(workspace, tmp_path):
    path = tmp_path / "clickstream-frwiki-2024-10.tsv.gz"
    path.write_bytes(gzip.compress(DUMP.encode()))
    summary = workspace.ingest.transitions(path)
    assert summary.preset == "clickstream"
    assert (summary.records, summary.rows, summary.rejected) == (8, 5, 3)
    errors = {(e.line, e.field) for e in summary.errors}
    assert errors == {(6, None), (7, "prev"), (8, "clicks")}
    stored = rows(workspace)
    base = "https://fr.wikipedia.org/wiki/"
    assert {r["period"] for r in stored} == {"2024-10"}
    by_pair = {(r["src_url"], r["dst_url"]): r for r in stored}
    assert by_pair[("", base + "Caf%C3%A9_au_lait")]["referrer"] == "search"
    assert by_pair[("", base + "Coffee")]["referrer"] == "direct"
    link = by_pair[(base + "Coffee", base + "Caf%C3%A9_au_lait")]
    assert (link["referrer"], link["type"], link["clicks"]) == ("", "link", 40.0)
    assert (base + "Coffee", base + "AT%26T%3F_(company)") in by_pair  # as MediaWiki escapes
    assert by_pair[(base + "Coffee", base + "Tea")]["type"] == "other"
    again = workspace.ingest.transitions(path)
    assert (again.inserted, again.updated) == (0, 0)
    assert rows(workspace) == stored


def test_clickstream_table_with_header_and_index_column(workspace, tmp_path):
    path = tmp_path / "sample.csv"
    path.write_text(
        ",prev,curr,type,n\n0,other-search,Zachary_Quinto,external,110695\n1,A,B,link,12\n"
    )
    summary = workspace.ingest.transitions(path, period="2024-10")
    assert summary.preset == "clickstream" and summary.rows == 2
    stored = rows(workspace)
    assert stored[0]["dst_url"] == "https://en.wikipedia.org/wiki/Zachary_Quinto"
    assert stored[1]["src_url"] == "https://en.wikipedia.org/wiki/A"


def test_generic_table_sums_repeated_pairs_and_canonicalises(workspace, tmp_path):
    path = tmp_path / "clicks.csv"
    path.write_text(
        "src_url,dst_url,clicks\n"
        "https://Ex.fr/a?utm_source=x,https://ex.fr/b,10\n"
        "https://ex.fr/a,https://ex.fr/b,5\n"
        "other-search,https://ex.fr/a,70\n"
        "ex.fr/a,https://ex.fr/c,3\n"
        "https://ex.fr/a,https://ex.fr/c,-2\n"
    )
    summary = workspace.ingest.transitions(path)
    assert summary.preset == "generic"
    assert summary.rows == 3 and summary.rejected == 2
    assert {(e.line, e.field) for e in summary.errors} == {(5, "src_url"), (6, "clicks")}
    stored = {(r["src_url"], r["dst_url"], r["referrer"]): r["clicks"] for r in rows(workspace)}
    assert stored == {
        ("https://ex.fr/a", "https://ex.fr/b", ""): 15.0,
        ("", "https://ex.fr/a", "search"): 70.0,
    }


def test_strict_imports_nothing_on_a_bad_row(workspace, tmp_path):
    path = tmp_path / "clicks.csv"
    path.write_text("src_url,dst_url,clicks\nhttps://a.fr/,https://b.fr/,1\nhttps://a.fr/,,2\n")
    with pytest.raises(ImportRejected, match="3"):
        workspace.ingest.transitions(path, strict=True)
    assert rows(workspace) == []


def test_presets_refuse_what_they_cannot_read(tmp_path):
    path = tmp_path / "clicks.csv"
    path.write_text("src_url,dst_url,clicks\n")
    with pytest.raises(Exception, match="clickstream titles only"):
        transitions_preset("generic", path, base_url="https://x/")
    with pytest.raises(Exception, match="Unknown transitions preset"):
        transitions_preset("nope", path)
    preset = ClickstreamPreset(base_url="https://de.wikipedia.org/wiki/")
    assert preset.article("Köln Hbf") == "https://de.wikipedia.org/wiki/K%C3%B6ln_Hbf"


def test_cli_ingest_transitions(cli, tmp_path):
    path = tmp_path / "clickstream-enwiki-2024-09.tsv"
    path.write_text("A\tB\tlink\t20\nother-search\tA\texternal\t50\n")
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    code, _, err = cli("ingest", "transitions", str(path))
    assert code == 0, err
    assert "2 observed transitions" in err
