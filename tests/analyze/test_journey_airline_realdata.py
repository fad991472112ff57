"""Acceptance (issue 12, item 4): the airline journey without result pages weighs people, not plumbing."""

from __future__ import annotations

import pytest

from influscope.ingest.hosts import host_kind
from influscope.workspace import Workspace
from tests.conftest import shared_path
from tests.test_ingest_airline import AIRLINE_ARGS

pytestmark = pytest.mark.realdata

AIRLINES = {
    "twitter:united",
    "twitter:usairways",
    "twitter:americanair",
    "twitter:southwestair",
    "twitter:jetblue",
    "twitter:virginamerica",
}


def plumbing(actor_id: str) -> str | None:
    """The plumbing kind of a site actor (shortener, search, social, cdn), None for others."""
    platform, _, handle = actor_id.partition(":")
    return host_kind(handle) if platform == "web" else None


@pytest.fixture(scope="module")
def airline(tmp_path_factory):
    from influscope.serve.cli.app import main

    tweets = shared_path("datasets", "twitter_us_airline_sentiment", "Tweets.csv")
    root = tmp_path_factory.mktemp("airline") / "ws"
    assert main(["init", str(root)]) == 0
    assert main(["-w", str(root), "ingest", "file", str(tweets), *AIRLINE_ARGS]) == 0
    ws = Workspace.open(root)
    yield ws
    ws.close()


def test_no_plumbing_among_the_top_actors(airline):
    links = airline.store.to_arrow(airline.store.table("links")).column("domain").to_pylist()
    assert links.count("t.co") > 1000  # the export has t.co links only, none expanded
    actors = set(
        airline.store.to_arrow(airline.store.table("actors")).column("actor_id").to_pylist()
    )
    assert "web:t.co" not in actors
    rows = airline.journeys.compute()
    print(f"\nairline, default social kinds: {len(rows)} actors; top: "
          + ", ".join(f"{r['actor_id']} {r['journey_weight']:.1%}" for r in rows[:5]))  # fmt: skip
    assert rows and sum(r["journey_weight"] for r in rows) == pytest.approx(1.0)
    assert [r["actor_id"] for r in rows[:50] if plumbing(r["actor_id"])] == []
    # Three retweets of @JetBlue are all there is: the journey says so instead of a bare 100 %.
    basis = airline.journeys.stored_run()["basis"]
    assert (basis.searches, basis.social, basis.thin) == (0, 3.0, True)


def test_with_mentions_as_exposure_the_airlines_lead(airline):
    # Tweets addressed to an airline (no reply ids in this export) as exposure to it.
    airline.config.journey.social_kinds = ["repost", "reply", "quote", "link", "mention"]
    rows = airline.journeys.compute()
    print(f"\nairline, mentions as exposure: {len(rows)} actors; top 10: "
          + ", ".join(f"{r['actor_id']} {r['journey_weight']:.1%}" for r in rows[:10]))  # fmt: skip
    assert len(rows) >= 50
    assert [r["actor_id"] for r in rows[:50] if plumbing(r["actor_id"])] == []
    assert all(r["actor_id"].startswith("twitter:") for r in rows[:50])
    assert {r["actor_id"] for r in rows[:6]} == AIRLINES
    basis = airline.journeys.stored_run()["basis"]
    assert basis.social > 1000 and not basis.thin
