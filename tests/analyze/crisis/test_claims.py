"""Claims: the demo's false rumour named, marked false with a fact-check, followed after it."""

from __future__ import annotations

from datetime import datetime, timedelta

import orjson
import pyarrow as pa
import pytest

from influscope.analyze.claims import claim_spread
from influscope.errors import NotFound, QueryError, UsageError
from influscope.workspace import Workspace


def _stance(row: dict[str, object]) -> str:
    return "deny" if row["text"] == "faux" else "comment"


def _row(i: int, t: float) -> dict[str, object]:
    return {"doc_id": f"d{i}", "author_id": f"a{i % 3}", "t": t, "text": "x", "relation": None}


def test_spread_splits_at_the_debunk_and_counts_denials_and_fact_check_shares() -> None:
    rows = [_row(i, 600.0 * i) for i in range(6)]  # a0..a2 spread it in the first hour
    rows += [
        {**_row(6, 7200.0), "author_id": "late"},
        {**_row(7, 7300.0), "relation": "reply", "text": "faux", "author_id": "d1"},
        {**_row(8, 7400.0), "relation": "reply", "text": "so what", "author_id": "c1"},
        {**_row(9, 7500.0), "urls": ["https://check.example/x"], "author_id": "d2"},
    ]
    spread = claim_spread(rows, {"https://check.example/x"}, 3600.0, _stance)
    assert (spread.before, spread.after) == (6, 2)  # the non-denying reply carries nothing
    assert spread.new_accounts_after == 2 and spread.accounts_before == 3
    assert spread.denials_after == 1 and spread.fact_check_shares == 1
    assert (spread.peak_hourly_before, spread.peak_hourly_after) == (6, 2)
    assert spread.slowed is True
    assert [h.posts for h in spread.hours] == [6, 2] and [h.denials for h in spread.hours] == [0, 1]
    undebunked = claim_spread(rows, set(), None, lambda _: "comment")
    assert undebunked.after == 0 and undebunked.slowed is None


def test_the_demo_rumour_as_a_claim_marked_false(crisis_demo: Workspace, truth: dict) -> None:
    ws = crisis_demo
    rumour = truth["rumour"]
    claim = ws.claims.add("Vernay closing", origin=rumour["root"], by="alice")
    assert (
        ws.claims.add("same origin, other words", origin=rumour["root"]).claim_id == claim.claim_id
    )
    assert claim.verdict is None and ws.claims.spread(claim.claim_id).spread.after == 0
    start = datetime.fromisoformat(rumour["start"].replace("Z", ""))
    # The company denies it six hours in (when the planted defenders start answering).
    debunk_at = start + timedelta(hours=6)
    marked = ws.claims.debunk(
        claim.claim_id, [rumour["denial_page"] + "?utm_source=x"], at=debunk_at
    )
    assert marked.verdict == "false" and marked.debunked_at == debunk_at
    assert marked.fact_checks == (rumour["denial_page"],)  # canonical form, tracking dropped
    found = ws.claims.spread(claim.claim_id).spread
    # the planted spread (root + reposts/quotes) carries it, and little else (none of the defence)
    planted = rumour["spread_documents"] + 1
    assert planted <= found.documents <= 1.03 * planted, (found.documents, planted)
    defence = len(rumour["defence_documents"])
    assert found.denials_after >= 0.9 * defence, (found.denials_after, defence)
    assert found.before > found.after and found.slowed is True
    assert [c.claim_id for c in ws.claims.list()] == [claim.claim_id]
    # A team's learned reply-stance labels win over the cues: mark the defence "comment".
    learned = [
        {
            "subject": "document",
            "subject_id": doc_id,
            "field": "reply_stance",
            "value": "comment",
            "score": 1.0,
            "producer": "learned:reply_stance",
            "producer_version": "test",
        }
        for doc_id in rumour["defence_documents"]
    ]
    with ws.store.transaction() as writer:
        writer.upsert("enrichments", pa.Table.from_pylist(learned))
    try:
        assert ws.claims.spread(claim.claim_id).spread.denials_after == 0
    finally:
        with ws.store.transaction() as writer:
            writer.con.execute("DELETE FROM enrichments WHERE field = 'reply_stance'")


def test_a_claim_by_query_and_bad_definitions(crisis_demo: Workspace, truth: dict) -> None:
    ws = crisis_demo
    claim = ws.claims.add("Secret layoff plan", query='"plan social secret" OR "800 licenciements"')
    found = ws.claims.spread(claim.claim_id)
    assert found.claim.query and found.spread.documents >= 1
    assert found.spread.documents == found.spread.before  # no debunk yet
    with pytest.raises(UsageError):
        ws.claims.add("neither")
    with pytest.raises(UsageError):
        ws.claims.add("both", query="x", origin="twitter:1")
    with pytest.raises(QueryError):
        ws.claims.add("broken", query="(vernay AND")
    with pytest.raises(NotFound):
        ws.claims.add("gone", origin="twitter:does-not-exist")
    with pytest.raises(UsageError):
        ws.claims.debunk(claim.claim_id, [], verdict="fake")
    with pytest.raises(NotFound):
        ws.claims.spread("c-none")


CHECK = "https://factuel.example.org/vernay-ne-ferme-pas"
THREAD = [
    ("1", "a1", "10:00", "Ardent ferme l'usine de Vernay : 800 licenciements", {}),
    ("2", "a2", "10:20", "Ardent ferme l'usine de Vernay : 800 licenciements !", {"quote_of": "1"}),
    ("3", "a3", "11:05", "Ardent ferme l'usine de Vernay, 800 licenciements", {}),
    (
        "4",
        "d1",
        "12:30",
        "C'est faux, l'usine ne ferme pas " + CHECK,
        {"reply_to": "1", "links": [CHECK]},
    ),
    ("5", "a4", "13:10", "Ardent ferme l'usine de Vernay ? 800 licenciements", {}),
    ("6", "d2", "13:40", "Fake news : voir " + CHECK, {"reply_to": "3", "links": [CHECK]}),
]


def test_claims_on_the_command_line_fr_and_en(cli, tmp_path) -> None:
    feed = tmp_path / "thread.jsonl"
    posts = [
        {"id": i, "platform": "twitter", "author": a, "text": text,
         "published_at": f"2026-03-02T{at}:00Z"} | extra
        for i, a, at, text, extra in THREAD
    ]  # fmt: skip
    feed.write_bytes(b"\n".join(orjson.dumps(p) for p in posts) + b"\n")
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    assert cli("ingest", "file", str(feed))[0] == 0
    code, _, err = cli("--lang", "fr", "claims", "list")
    assert code == 0 and "Aucune allégation pour l'instant" in err
    code, out, err = cli("claims", "add", "Usine fermée", "--query", '"ferme l\'usine"')
    assert code == 0, err
    claim_id = out.strip()
    assert f"Claim {claim_id} recorded: 4 posts carry it." in err  # a query matching nothing shows
    code, _, err = cli(
        "--lang", "fr", "claims", "debunk", claim_id, "--link", CHECK + "?utm_source=x"
    )
    assert code == 0 and "démentie le 2026-03-02 12:30" in err, err  # the first post citing it
    assert "Attention" not in err
    code, out, err = cli("--lang", "fr", "claims", "spread", claim_id, "--format", "json")
    assert code == 0 and "3 messages avant le démenti, 1 après" in err, err
    spread = orjson.loads(out)["spread"]
    assert (spread["denials_after"], spread["fact_check_shares"]) == (2, 2)
    assert (spread["new_accounts_after"], spread["peak_hourly_after"]) == (1, 1)
    code, out, err = cli("--lang", "en", "claims", "spread", claim_id)
    assert code == 0 and "3 posts before the debunk, 1 after" in err, err
    code, out, _ = cli("claims", "list", "--format", "csv")
    assert code == 0 and claim_id in out and "false" in out
    # For a person: headers and verdict in words, the fact-checks as links, not a tuple.
    code, out, _ = cli("--lang", "fr", "claims", "list")
    assert "Verdict" in out and "fausse" in out and "Vérifications" in out
    assert "('" not in out and "fact_checks" not in out
    code, _, err = cli("claims", "add", "x", "--query", "(a AND")
    assert code != 0 and "Traceback" not in err
    # A fact-check no post links: the debunk is dated now, and the command says so.
    code, out, err = cli("claims", "add", "Usine vendue", "--query", "usine")
    assert code == 0, err
    code, _, err = cli("claims", "debunk", out.strip(), "--link", "https://example.org/nowhere")
    assert code == 0 and "Warning: no post links the fact-check, so the debunk is dated now" in err


def test_a_claims_origin_is_emptied_when_its_author_is_erased(cli, tmp_path) -> None:
    feed = tmp_path / "thread.jsonl"
    posts = [
        {"id": i, "platform": "twitter", "author": a, "text": text,
         "published_at": f"2026-03-02T{at}:00Z"} | extra
        for i, a, at, text, extra in THREAD
    ]  # fmt: skip
    feed.write_bytes(b"\n".join(orjson.dumps(p) for p in posts) + b"\n")
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    assert cli("ingest", "file", str(feed))[0] == 0
    code, out, err = cli("claims", "add", "Origin", "--origin", "twitter:1")
    assert code == 0, err
    by_origin = out.strip()
    assert cli("claims", "spread", by_origin)[0] == 0
    assert cli("erase", "twitter:a1", "--yes")[0] == 0
    code, out, _ = cli("claims", "list", "--format", "json")
    assert code == 0 and "twitter:1" not in out and "a1" not in out
    code, _, err = cli("claims", "spread", by_origin)
    assert code != 0 and "erased" in err and "Traceback" not in err
