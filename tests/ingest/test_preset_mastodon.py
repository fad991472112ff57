from __future__ import annotations

from datetime import datetime

from influscope.ingest.platforms.html import html_text
from tests.ingest.presets_helpers import (
    PRESETS,
    counts,
    docs_by_id,
    edges,
    rows,
    run_errors,
    run_import,
)


def test_mastodon_statuses(cli):
    code, err = run_import(cli, PRESETS / "mastodon.jsonl", "mastodon")
    assert code == 1
    assert {(e.line, e.field) for e in run_errors(cli.root)} == {(4, "account")}
    docs = docs_by_id(cli.root)
    assert set(docs) == {f"mastodon:11190000000000000{i}" for i in (1, 2, 3)}
    first = docs["mastodon:111900000000000001"]
    assert first["text"].startswith(
        "Belle visite chez Acme avec @marc #UsineDuFutur\nCompte rendu : "
    )
    assert "https://lea-robot.eu/blog/visite-acme" in first["text"]
    assert first["hashtags"] == ["usinedufutur"]
    assert first["mentions"] == ["marc@mastodon.social"]
    reply = docs["mastodon:111900000000000002"]
    assert reply["published_at"] == datetime(2024, 2, 20, 9, 0)
    assert reply["reply_to"] == "mastodon:111900000000000001"
    assert reply["text"] == "@lea et les conditions de travail ? & les cadences ?"
    boost = docs["mastodon:111900000000000003"]
    assert boost["repost_of"] == "mastodon:111900000000000001"
    found = edges(cli.root)
    assert ("mention", "mastodon:lea@piaille.fr", "mastodon:marc@mastodon.social") in found
    assert ("reply", "mastodon:marc@mastodon.social", "mastodon:lea@piaille.fr") in found
    assert ("repost", "mastodon:veillebot@piaille.fr", "mastodon:lea@piaille.fr") in found
    assert ("link", "mastodon:lea@piaille.fr", "web:lea-robot.eu") in found
    links = {r["url"] for r in rows(cli.root, "links")}
    assert "https://lea-robot.eu/blog/visite-acme" in links
    actors = {a["actor_id"]: a for a in rows(cli.root, "actors")}
    lea = actors["mastodon:lea@piaille.fr"]
    assert lea["bio"] == "Roboticienne. lea-robot.eu" and lea["homepage"] == "https://lea-robot.eu"
    assert lea["verified"] is True and lea["followers"] == 2300
    assert actors["mastodon:veillebot@piaille.fr"]["kind"] == "bot"
    before = counts(cli.root)
    run_import(cli, PRESETS / "mastodon.jsonl", "mastodon")
    assert counts(cli.root) == before


def test_html_text_keeps_full_urls_and_drops_markup():
    text, hrefs = html_text(
        '<p>a<br>b</p><p><a class="mention hashtag" href="/t">#x</a></p><script>x</script>'
    )
    assert text == "a\nb\n#x"
    assert hrefs == []
