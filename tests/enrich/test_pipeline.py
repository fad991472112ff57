"""The enrichment pipeline: order, incremental runs, provenance, documents.lang."""

from __future__ import annotations

import pytest

from influscope.enrich.base import EnricherBase
from influscope.enrich.pipeline import order, plan
from influscope.errors import UsageError
from influscope.workspace import Workspace
from influscope.workspace.enrichment import Skipped
from tests.enrich.helpers import ENRICH_CONFIG, corpus, write_jsonl


class Fake(EnricherBase):
    def __init__(self, name: str, requires: tuple[str, ...] = (), default: bool = True) -> None:
        self.name, self.requires, self.default = name, requires, default
        self.version, self.fields = "1", ("x",)


def test_order_puts_requirements_first_and_refuses_cycles():
    names = [e.name for e in order([Fake("sentiment", ("language",)), Fake("language"), Fake("a")])]
    assert names.index("language") < names.index("sentiment")
    with pytest.raises(UsageError, match="cycle"):
        order([Fake("x", ("y",)), Fake("y", ("x",))])


def test_plan_only_and_skips():
    found = {"a": Fake("a"), "b": Fake("b", default=False), "c": Fake("c")}
    chosen = plan(found, None, skip=["c"])
    assert [e.name for e in chosen.steps] == ["a"]
    assert {n for n, _ in chosen.skipped} == {"b", "c"}
    assert [e.name for e in plan(found, "b").steps] == ["b"]
    with pytest.raises(UsageError, match="Unknown enricher"):
        plan(found, "nope")


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.init(tmp_path / "ws", ENRICH_CONFIG)
    posts = corpus(40)
    posts[0]["lang"] = "de"  # a source-given language is kept even when wrong
    workspace.ingest.files([write_jsonl(tmp_path / "posts.jsonl", posts)])
    yield workspace
    workspace.close()


def _done(summary, names=("language", "paid", "sentiment")):
    # Other branches' enrichers (e.g. brands) run too; these tests look at this branch's.
    return {s.name: s.done for s in summary.enrichers if s.name in names}


def test_enrich_is_incremental_with_provenance(ws, tmp_path):
    total = ws.store.count("documents")
    seen = []
    first = ws.enrich.run(progress=lambda done, todo: seen.append((done, todo)))
    assert _done(first) == {"language": total, "paid": total, "sentiment": total}
    assert [s.name for s in first.enrichers].index("language") < [
        s.name for s in first.enrichers
    ].index("sentiment")
    assert {s.name for s in first.skipped} == {"entities"}
    steps = len(first.enrichers)  # brands (another branch) counts too
    assert seen[-1] == (steps * total, steps * total)

    e = ws.store.table("enrichments")
    rows = ws.store.to_arrow(e.filter(e.field == "sentiment")).to_pylist()
    assert len(rows) == total
    assert {r["run_id"] for r in rows} == {first.run_id}
    assert {r["producer"] for r in rows} == {"sentiment"}
    assert all(r["producer_version"].startswith("lexicon-") for r in rows)
    runs = ws.store.to_arrow(ws.store.table("runs")).to_pylist()
    assert any(r["run_id"] == first.run_id and r["command"] == "enrich" for r in runs)

    assert _done(ws.enrich.run()) == {"language": 0, "paid": 0, "sentiment": 0}

    write_jsonl(
        tmp_path / "more.jsonl",
        [{"id": "new1", "text": "Quel plaisir, merci !", "platform": "twitter"}],
    )
    ws.ingest.files([tmp_path / "more.jsonl"])
    assert _done(ws.enrich.run()) == {"language": 1, "paid": 1, "sentiment": 1}
    assert _done(ws.enrich.run(only="sentiment", force=True)) == {"sentiment": total + 1}


def test_language_fills_missing_document_lang_only(ws):
    ws.enrich.run(only="language")
    docs = {
        r["doc_id"]: r["lang"] for r in ws.store.to_arrow(ws.store.table("documents")).to_pylist()
    }
    assert docs["twitter:c0"] == "de"  # given by the source: kept
    assert docs["twitter:c1"] == "fr"
    assert docs["twitter:c2"] == "en"
    assert docs["twitter:u0"] == "fr"
    e = ws.store.table("enrichments")
    detected = ws.store.to_arrow(e.filter((e.field == "language") & (e.subject_id == "twitter:c0")))
    assert detected.column("value").to_pylist() == ["en"]  # the detection itself is recorded


def test_enrich_cli_prints_summary_and_unknown_enricher_is_a_usage_error(cli, tmp_path):
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    (cli.root / "influscope.toml").write_text(ENRICH_CONFIG, encoding="utf-8")
    write_jsonl(tmp_path / "p.jsonl", corpus(8))
    assert cli("ingest", "file", str(tmp_path / "p.jsonl"))[0] == 0
    code, out, err = cli("enrich", "--format", "json")
    assert code == 0, err
    assert '"name": "sentiment"' in out
    assert "entities" in err  # skipped, with the reason
    code, _, err = cli("enrich", "--only", "nope")
    assert code == 2 and "Unknown enricher" in err


def test_a_broken_plugin_is_reported_and_the_others_run(ws, monkeypatch):
    from influscope.enrich.base import ENRICHERS

    real_names, real_load = ENRICHERS.names, ENRICHERS.load

    def load(name):
        if name == "broken":
            raise RuntimeError("boom")
        return real_load(name)

    monkeypatch.setattr(ENRICHERS, "names", lambda: [*real_names(), "broken"])
    monkeypatch.setattr(ENRICHERS, "load", load)
    summary = ws.enrich.run()
    assert Skipped("broken", "failed to load: boom") in summary.skipped
    assert _done(summary)["sentiment"] == ws.store.count("documents")


def test_listing_what_to_enrich_does_not_wait_behind_an_open_write(ws):
    """The watch writes pushed posts while an enrichment lists and reads its pages."""
    import threading

    from influscope.enrich.pipeline import pages
    from influscope.enrich.runner import available

    language = available(ws.ctx.config, ws.store, ws.ctx.root)["language"]
    holding, release = threading.Event(), threading.Event()

    def write() -> None:
        with ws.store.transaction() as writer:
            writer.insert("cursors", [{"name": "test:held", "value": "1"}])
            holding.set()
            release.wait(60)

    found: list[int] = []
    writer = threading.Thread(target=write)
    reader = threading.Thread(target=lambda: found.extend(p.num_rows for p in pages(ws.store, language, False, 7)))  # fmt: skip
    writer.start()
    try:
        assert holding.wait(10)
        reader.start()
        reader.join(30)  # a bound for a read that never ends, not a speed test
        assert not reader.is_alive(), "listing the work waited for the open write"
        assert sum(found) == ws.store.count("documents") and max(found) == 7
    finally:
        release.set()
        writer.join(30)
        reader.join(30)
