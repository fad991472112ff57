"""A brand's declared handles and domains are one organisation."""

from __future__ import annotations

import pytest

from influscope.config import Brand
from influscope.organisations import Organisations

BRANDS = [
    Brand(
        name="Ardent Industrie",
        own=True,
        handles=["@ardent_industrie", "@ArdentIndustrie", "@ardent-industrie.bsky.social"],
        domains=["www.ardent-industrie.fr"],
    ),
    Brand(name="Valmeca", handles=["@valmeca"], domains=["valmeca.com"]),
    Brand(name="Sans site", handles=["@sanssite"]),
]


@pytest.mark.parametrize(
    ("actor", "brand"),
    [
        ("twitter:ardent_industrie", "Ardent Industrie"),
        ("youtube:ardentindustrie", "Ardent Industrie"),
        ("bluesky:ardent-industrie.bsky.social", "Ardent Industrie"),
        ("mastodon:ardent_industrie@piaille.fr", "Ardent Industrie"),
        ("web:ardent-industrie.fr", "Ardent Industrie"),
        ("web:carrieres.ardent-industrie.fr", "Ardent Industrie"),
        ("twitter:valmeca", "Valmeca"),
        ("web:valmeca.com", "Valmeca"),
        ("web:notvalmeca.com", None),  # a suffix of the name is not a subdomain
        ("web:valmeca.com.evil.fr", None),
        ("twitter:ardent", None),
        ("web:com", None),
        ("nonsense", None),
    ],
)
def test_brand_of(actor, brand):
    assert Organisations(BRANDS).brand_of(actor) == brand


def test_owned_and_competitor():
    orgs = Organisations(BRANDS)
    assert orgs.is_owned("web:ardent-industrie.fr") and not orgs.is_competitor(
        "web:ardent-industrie.fr"
    )
    assert orgs.is_competitor("twitter:valmeca") and not orgs.is_owned("twitter:valmeca")
    assert not orgs.is_owned("twitter:someone") and not orgs.is_competitor("twitter:someone")


def test_representative_prefers_the_first_declared_handle_then_the_first_domain():
    orgs = Organisations(BRANDS)
    known = ["youtube:ardentindustrie", "web:ardent-industrie.fr", "twitter:ardent_industrie"]
    assert orgs.representative("Ardent Industrie", known) == "twitter:ardent_industrie"
    assert orgs.representative("Ardent Industrie", known[:2]) == "youtube:ardentindustrie"
    assert orgs.representative("Ardent Industrie", []) == "web:ardent-industrie.fr"
    assert orgs.representative("Sans site", ["twitter:sanssite"]) == "twitter:sanssite"
    with pytest.raises(KeyError):
        orgs.representative("Sans site", [])
    with pytest.raises(KeyError):
        orgs.representative("Unknown", known)


def test_merge_map_gives_one_actor_per_organisation():
    orgs = Organisations(BRANDS)
    ids = [
        "web:ardent-industrie.fr",
        "twitter:ardent_industrie",
        "youtube:ardentindustrie",
        "web:valmeca.com",
        "twitter:someone",
    ]
    merge = orgs.merge_map(ids)
    assert {merge[a] for a in ids[:3]} == {"twitter:ardent_industrie"}
    assert merge["web:valmeca.com"] == "web:valmeca.com"
    assert "twitter:someone" not in merge
    assert orgs.members(ids) == {
        "Ardent Industrie": sorted(ids[:3]),
        "Valmeca": ["web:valmeca.com"],
    }
