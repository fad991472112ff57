"""The plugin contract: every registered plugin of every group loads and works on a small input.

Groups are declared once with their Protocol (influscope.plugins). Here each
registered plugin is loaded through its group, built the way influscope
builds it, checked against the protocol (isinstance on the runtime-checkable
protocol) and run on a small real input: a preset on a recorded file, a
connector against a loopback server replaying a recorded payload, an
enricher on documents of a real DuckDB store, a detector on a short series
with a planted burst, a notifier against a loopback receiver (or stdout), an
exporter writing a file. A plugin registered without an input here fails:
the contract grows with the registry.
"""

from __future__ import annotations

import dataclasses
import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from importlib.metadata import distribution
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiosmtpd.controller import Controller

from influscope import ids, model, plugins
from influscope.analyze.alerts.base import DETECTORS, Detector, Finding, RuleContext
from influscope.enrich.base import ENRICHERS, ENRICHMENT_SCHEMA, EnrichContext, Enricher
from influscope.ingest.batch import Batch, FieldError, Mapped
from influscope.ingest.http import HttpClient
from influscope.ingest.platforms.connector import poll
from influscope.ingest.platforms.sources import build_connector
from influscope.ingest.plugins import CONNECTORS, PRESETS, Connector, Preset
from influscope.store.sink import StoreSink
from influscope.watch.notifiers import Notice
from influscope.watch.plugins import NOTIFIERS, Notifier
from influscope.workspace import Workspace
from influscope.workspace.report_sections import (
    SECTIONS,
    ReportSection,
    SectionScope,
    build_sections,
)
from influscope.workspace.reports import EXPORTERS
from influscope.workspace.schedules import DIGESTS, NOTICES, DigestData, ReportNotice
from tests.ingest.apiserver import ApiServer, as_json, payload
from tests.watch.helpers import WebhookReceiver, free_port

DATA = Path(__file__).resolve().parent / "data"
GROUPS = {
    "preset": PRESETS,
    "connector": CONNECTORS,
    "enricher": ENRICHERS,
    "detector": DETECTORS,
    "notifier": NOTIFIERS,
    "exporter": EXPORTERS,
    "digest": DIGESTS,
    "notice": NOTICES,
    "section": SECTIONS,
}
# Groups declared for third-party plugins that the package ships none of.
NONE_SHIPPED = {"section"}


def test_every_registered_group_is_declared_once_with_a_protocol() -> None:
    shipped = distribution("influscope").entry_points
    registered = {ep.group for ep in shipped if ep.group.startswith(plugins.PREFIX)}
    declared = plugins.declared()
    assert set(declared) == set(GROUPS)
    shipping = {g.entry_point_group for k, g in declared.items() if k not in NONE_SHIPPED}
    assert shipping == registered
    for kind, group in declared.items():
        assert bool(group.names()) is (kind not in NONE_SHIPPED), kind


# -- presets: a recorded file each ------------------------------------------------------

PRESET_FILES = {
    "bluesky": "bluesky.jsonl",
    "brandwatch": "brandwatch.csv",
    "meltwater": "meltwater.csv",
    "mastodon": "mastodon.jsonl",
    "reddit": "reddit.ndjson",
    "rss": "feed.xml",
    "talkwalker": "talkwalker.csv",
    "twarc2": "twarc2.jsonl",
    "twitter-v1": "twitter_v1.json",
    "visibrain": "visibrain.csv",
}


def _digimind_xlsx(folder: Path) -> Path:
    """Digimind exports XLSX only: a small one with its title block."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Digimind Social — export"])
    sheet.append(["URL", "Date", "Title", "Content", "Source", "Author"])
    sheet.append(
        ["https://www.exemple.fr/a", "2024-02-22 10:00:00", "Titre", "Texte", "exemple.fr", "x"]
    )
    path = folder / "digimind.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("name", PRESETS.names())
def test_preset(name: str, tmp_path: Path) -> None:
    preset = PRESETS.load(name)(platform=None, mapping={})
    assert isinstance(preset, Preset)
    path = _digimind_xlsx(tmp_path) if name == "digimind" else DATA / "presets" / PRESET_FILES[name]
    fmt = preset.detect_format(path)
    assert fmt in preset.formats
    batch = Batch()
    for _, record in preset.records(path, fmt):
        try:
            mapped = preset.map_record(record)
        except FieldError:  # recorded files hold some deliberately bad records
            continue
        assert isinstance(mapped, Mapped)
        batch.documents += mapped.documents
        batch.actors += mapped.actors
        batch.interactions += mapped.interactions
        batch.links += mapped.links
    _check_rows(batch)


def _check_rows(batch: Batch) -> None:
    """Mapped rows fit the model's tables and carry canonical ids."""
    assert batch.documents
    tables = batch.arrow("run", datetime(2026, 1, 1))  # Arrow tables with the model's schemas
    for name, table in tables.items():
        assert table.schema == model.spec(name).arrow_schema()
    for doc in batch.documents:
        assert ids.split_id(doc["doc_id"]) == (doc["platform"], doc["native_id"].strip())
        assert doc["author_id"] is None or ids.platform_of(doc["author_id"]) in {
            doc["platform"],
            ids.WEB,
        }
    for actor in batch.actors:
        platform, handle = ids.split_id(actor["actor_id"])
        assert handle and handle == ids.lower(handle)


# -- connectors: a recorded payload replayed on loopback -------------------------------

BLUESKY, MASTODON, REDDIT, YOUTUBE = (
    payload("bluesky.json"),
    payload("mastodon_tag.json"),
    payload("reddit.json"),
    payload("youtube.json"),
)


def _serve(server: ApiServer, name: str) -> tuple[dict[str, Any], dict[str, str]]:
    """Routes replaying one page for connector ``name``; its options and environment."""
    url = server.url
    if name == "rss":
        feed = (DATA / "presets" / "feed.xml").read_bytes()
        server.routes["/feed.xml"] = lambda r: (200, {"Content-Type": "application/rss+xml"}, feed)
        return {"url": url + "/feed.xml"}, {}
    if name == "mastodon":
        server.routes["/api/v1/timelines/tag/usine"] = lambda r: as_json(
            [] if r.query.get("max_id") else MASTODON["first_page"]
        )
        return {"instance": url, "hashtag": "usine", "max_pages": 1}, {}
    if name == "bluesky":
        server.routes["/xrpc/app.bsky.feed.searchPosts"] = lambda r: as_json(
            BLUESKY["search_page1"]
        )
        return {"base_url": url, "query": "usine", "max_pages": 1}, {}
    if name == "reddit":
        server.routes["/api/v1/access_token"] = lambda r: as_json(REDDIT["token"])
        server.routes["/r/france/new"] = lambda r: as_json(REDDIT["new_page1"])
        options = {"subreddit": "r/france", "auth_url": url + "/api/v1/access_token"}
        env = {"REDDIT_CLIENT_ID": "cid", "REDDIT_CLIENT_SECRET": "secret"}
        return options | {"api_url": url, "max_pages": 1}, env
    if name == "youtube":
        server.routes["/yt/search"] = lambda r: as_json(YOUTUBE["search_page1"])
        server.routes["/yt/videos"] = lambda r: as_json(
            {"items": [YOUTUBE["videos"][i] for i in r.query["id"].split(",")]}
        )
        server.routes["/yt/commentThreads"] = lambda r: as_json({"items": []})
        options = {"query": "usine", "base_url": url + "/yt", "max_pages": 1, "comments": False}
        return options, {"YOUTUBE_API_KEY": "key"}
    raise AssertionError(f"no recorded input for connector {name!r}: add one to this test")


@pytest.mark.parametrize("name", CONNECTORS.names())
def test_connector(name: str, tmp_path: Path) -> None:
    server = ApiServer()
    try:
        options, env = _serve(server, name)
        http = HttpClient(allow_private=True, timeout=5, retries=0)
        connector = build_connector("contract", name, options, env=env, http=http)
        assert isinstance(connector, Connector)
        with Workspace.init(tmp_path / "ws") as ws:
            with ws.ctx.run("contract", {"connector": name}) as run:
                summary = poll(connector, StoreSink(ws.store, run.run_id))
            assert summary.fetched > 0 and summary.requests > 0
            assert ws.store.count("documents") > 0
    finally:
        server.close()


# -- a small workspace with a planted burst: enrichers, detectors, exporters ------------

START = datetime(2026, 3, 1)
BURST = START + timedelta(days=21, hours=10)
CONFIG = """
[workspace]
name = "contract"
[[brands]]
name = "Acme"
aliases = ["acme"]
handles = ["@acme"]
domains = ["acme.example"]
own = true
[[axes]]
name = "usine"
query = "usine OR acme"
"""


# 21 days of four posts a day are a short history: the spike's default bar (a
# 1e-30 tail) is for real volumes; this burst scores about 16.
RULE_OPTIONS = {"spike": "options = { threshold = 10 }\n"}


def _posts() -> Iterator[dict[str, Any]]:
    for day in range(21):  # a quiet baseline: a few posts a day about the brand
        for k in range(4):
            at = START + timedelta(days=day, hours=9 + 2 * k)
            author = f"fan{(day + k) % 6}"
            yield {"id": f"b{day}-{k}", "author": author, "published_at": at.isoformat() + "Z",
                   "text": f"la nouvelle usine @acme est une belle réussite {day} {k} https://acme.example/u{k}"}  # fmt: skip
    for k in range(60):  # the burst: the same angry text from many accounts within minutes
        at = BURST + timedelta(seconds=2 * k)
        yield {"id": f"x{k}", "author": f"angry{k % 15}", "published_at": at.isoformat() + "Z",
               "text": "scandale : l'usine acme pollue la rivière, honte à @acme #boycott",
               "repost_of": "x0" if k % 3 else None}  # fmt: skip


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    root = tmp_path_factory.mktemp("contract")
    rules = "".join(
        f'\n[[alerts]]\nname = "{name}"\ndetector = "{name}"\n{RULE_OPTIONS.get(name, "")}'
        for name in DETECTORS.names()
    )
    workspace = Workspace.init(root / "ws", config_text=CONFIG + rules)
    path = root / "posts.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(p | {"platform": "twitter"}) for p in _posts()))
    workspace.ingest.files([path])
    workspace.enrich.run()
    workspace.maps.compute()
    workspace.journeys.compute()
    yield workspace
    workspace.close()


@pytest.mark.parametrize("name", ENRICHERS.names())
def test_enricher(name: str, ws: Workspace) -> None:
    enricher = ENRICHERS.load(name).from_config(ws.config)
    assert isinstance(enricher, Enricher)
    assert enricher.available() is None, enricher.available()
    table = "documents" if enricher.subject == "document" else "actors"
    key = "doc_id" if table == "documents" else "actor_id"
    columns = list(dict.fromkeys([key, *enricher.columns]))
    rows = ws.store.to_arrow(ws.store.table(table).select(*columns).order_by(key).limit(12))
    with ws.ctx.run("contract", {"enricher": name}) as run:
        context = EnrichContext(ws.config, ws.store, run.run_id, ws.root)
        result = enricher.run(context, rows)
    result = result.select(ENRICHMENT_SCHEMA.names).cast(ENRICHMENT_SCHEMA)
    assert set(result.column("field").to_pylist()) <= set(enricher.fields)
    first = {r["subject_id"] for r in result.to_pylist() if r["field"] == enricher.fields[0]}
    assert first == set(rows.column(key).to_pylist())  # every input row is done
    with ws.store.transaction() as writer:
        enricher.persist(writer, rows, result)


@pytest.mark.parametrize("name", DETECTORS.names())
def test_detector(name: str, ws: Workspace) -> None:
    detector = DETECTORS.load(name)()
    assert isinstance(detector, Detector) and detector.name == name
    rule = next(r for r in ws.config.alerts if r.detector == name)
    now = BURST + timedelta(minutes=30)
    ctx = RuleContext(ws.store, ws.config, rule, now, timedelta(days=3), "fr")
    findings = detector.evaluate(ctx)
    assert isinstance(findings, list)
    for finding in findings:
        assert isinstance(finding, Finding)
        assert (finding.rule, finding.detector) == (name, name)
        assert finding.window_start <= finding.window_end <= now
        assert 0.0 <= finding.probability <= 1.0
    if name in {"spike", "coordination"}:  # what the burst plants
        assert findings, f"{name} misses the planted burst"


ALERT = dataclasses.asdict(
    model.Alert(
        alert_id="a1",
        rule="spike",
        key="brand:Acme",
        severity="critical",
        fired_at=BURST,
        explanation="La règle « spike » a détecté un pic de volume.",
    )
)


NOTICE = Notice("Rapport hebdomadaire", "Le rapport est dans le dossier reports.", "report:w:1")


class _SmtpSink:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(envelope)
        return "250 OK"


def _notify(name: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Send ALERT through notifier ``name`` to a loopback receiver; what arrived, as text."""
    build = NOTIFIERS.load(name)
    if name == "stdout":
        notifier = build({})
        assert isinstance(notifier, Notifier)
        notifier.send(ALERT, 0, "")
        notifier.post(NOTICE)
        return capsys.readouterr().out
    if name == "webhook":
        with WebhookReceiver() as hook:
            notifier = build({"url": hook.url, "allow_private": True})
            assert isinstance(notifier, Notifier)
            notifier.send(ALERT, 0, "")
            notifier.post(NOTICE)
        return json.dumps(hook.received, ensure_ascii=False)
    if name == "email":
        sink, port = _SmtpSink(), free_port()
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            notifier = build({"host": "127.0.0.1", "port": port, "to": ["oncall@example.org"]})
            assert isinstance(notifier, Notifier)
            notifier.send(ALERT, 0, "")
            notifier.post(NOTICE)
        finally:
            controller.stop()
        return "".join(m.content.decode() for m in sink.messages)
    raise AssertionError(f"no receiver for notifier {name!r}: add one to this test")


@pytest.mark.parametrize("name", NOTIFIERS.names())
def test_notifier(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    received = _notify(name, capsys)
    assert "a1:0" in received or "a1.0" in received  # the idempotency key travels
    assert "spike" in received
    assert "Rapport hebdomadaire" in received  # a notice (scheduled report) travels too


CHECK_FILE: dict[str, Callable[[Path], bool]] = {
    "report-html": lambda p: "<html" in p.read_text(encoding="utf-8").lower(),
    "report-pdf": lambda p: p.read_bytes().startswith(b"%PDF"),
    "report-pptx": lambda p: "ppt/presentation.xml" in zipfile.ZipFile(p).namelist(),
}


@pytest.mark.parametrize("name", EXPORTERS.names())
def test_exporter(name: str, ws: Workspace, tmp_path: Path) -> None:
    export = EXPORTERS.load(name)
    out = tmp_path / f"out.{name.rsplit('-', 1)[-1]}"
    export(ws.reports.data(axis="usine"), out, "fr")
    assert out.stat().st_size > 0
    assert name in CHECK_FILE, f"no check for exporter {name!r}: add one to this test"
    assert CHECK_FILE[name](out)


# -- digests, notices and report sections (scheduled reports) ------------------------


@pytest.mark.parametrize("name", DIGESTS.names())
def test_digest(name: str, tmp_path: Path) -> None:
    write = DIGESTS.load(name)
    since, until = BURST - timedelta(days=1), BURST + timedelta(days=1)
    out = tmp_path / "digest.txt"
    title, text = write(DigestData("contract", "daily", since, until, [ALERT]), out, "fr")
    written = out.read_text(encoding="utf-8")
    assert title and title in written and text
    # The scope is shown as a person reads it ("marque Acme"), not as its key ("brand:Acme").
    assert ALERT["rule"] in written and ALERT["key"].split(":", 1)[1] in written


@pytest.mark.parametrize("name", NOTICES.names())
def test_notice(name: str, tmp_path: Path) -> None:
    notice = NOTICES.load(name)
    title, text = notice(
        ReportNotice("contract", "weekly-usine", "usine", "2026-03", tmp_path / "r.pdf"), "fr"
    )
    assert "weekly-usine" in title and "r.pdf" in text


def test_sections(ws: Workspace) -> None:
    """Every registered section builds for a scope (none ship; a builder given directly runs)."""
    scope = SectionScope("usine", None)
    for name in SECTIONS.names():
        section = SECTIONS.load(name)(ws.ctx, scope)
        assert section is None or isinstance(section, ReportSection), name
    extra = ReportSection("contract", "ui.report_title")
    assert build_sections(ws.ctx, scope, {"contract": lambda ctx, s: extra}) == [extra]
