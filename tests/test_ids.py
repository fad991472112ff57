"""The Python and SQL forms of the id rules agree (influscope.ids), on awkward input too."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influscope import ids

HANDLES = [
    "United",
    "@United",
    "  @AmericanAir\t",
    "@@double",
    "@ spaced",
    "\u00a0@nbsp\u3000",
    "\u2003@EmSpace\u2028",
    "Alice@Mastodon.Social",
    "ÉCOLE_Française",
    "İstanbul",
    "ΟΔΟΣ",
    "ΣΑΣ Σ",
    "Straße",
    "ǅemal",
    "𐐀deseret",
    "www.Example.com",
    "www.example.com:8080",
    "Example.COM:443",
    "@",
    "  ",
    "",
    "x'); DROP TABLE actors; --",
    "emoji🙂Ünïcödé",
]
PLATFORMS = ["twitter", "Twitter", " MASTODON ", "web", "\tYouTube\n"]


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def sql_value(con: duckdb.DuckDBPyConnection, expr: str, **params: str) -> object:
    """Evaluate a builder's expression over named parameters bound as columns."""
    names = list(params)
    select = ", ".join(f"?::VARCHAR AS {name}" for name in names)
    row = con.execute(f"SELECT {expr} FROM (SELECT {select})", list(params.values())).fetchone()
    assert row is not None
    return row[0]


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("handle", HANDLES)
def test_actor_id_sql_agrees(con: duckdb.DuckDBPyConnection, platform: str, handle: str) -> None:
    expected = ids.actor_id(platform, handle)
    got = sql_value(con, ids.actor_id_sql("p", "h"), p=platform, h=handle)
    assert got == expected


@pytest.mark.parametrize("handle", HANDLES)
def test_bare_handle_sql_agrees(con: duckdb.DuckDBPyConnection, handle: str) -> None:
    assert sql_value(con, ids.bare_handle_sql("h"), h=handle) == ids.bare_handle(handle)


@pytest.mark.parametrize("entity", HANDLES)
def test_web_actor_id_sql_agrees(con: duckdb.DuckDBPyConnection, entity: str) -> None:
    assert sql_value(con, ids.web_actor_id_sql("e"), e=entity) == ids.web_actor_id(entity)


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize(
    "native", ["42", " 42 ", "\u00a01760000000000000010\t", "https://www.Example.com:8080/a?b=1"]
)
def test_doc_id_sql_agrees(con: duckdb.DuckDBPyConnection, platform: str, native: str) -> None:
    assert sql_value(con, ids.doc_id_sql("p", "n"), p=platform, n=native) == ids.doc_id(
        platform, native
    )


@pytest.mark.parametrize(
    "value", ["42", " twitter:42 ", "mastodon:7", "Twitter:42", "é:1", "https://x.org/1", "", " "]
)
def test_doc_ref_sql_agrees(con: duckdb.DuckDBPyConnection, value: str) -> None:
    assert sql_value(con, ids.doc_ref_sql("p", "v"), p="twitter", v=value) == ids.doc_ref(
        "twitter", value
    )


@pytest.mark.parametrize(
    "value", ["twitter:42", "web:https://x.org/a:b", "nocolon", ":lead", "trail:", "", "é:ü"]
)
def test_split_sql_agrees(con: duckdb.DuckDBPyConnection, value: str) -> None:
    expr = f"{ids.platform_of_sql('v')}, {ids.native_of_sql('v')}"
    row = con.execute(f"SELECT {expr} FROM (SELECT ?::VARCHAR AS v)", [value]).fetchone()
    assert row == ids.split_id(value) == (ids.platform_of(value), ids.native_of(value))


def test_null_gives_null(con: duckdb.DuckDBPyConnection) -> None:
    row = con.execute(
        f"SELECT {ids.actor_id_sql('p', 'h')}, {ids.doc_ref_sql('p', 'h')} "
        "FROM (SELECT 'twitter' AS p, NULL::VARCHAR AS h)"
    ).fetchone()
    assert row == (None, None)


def test_examples() -> None:
    assert ids.actor_id("Twitter", " @AmericanAir ") == "twitter:americanair"
    assert ids.actor_id("twitter", "@") is None
    assert ids.actor_id("twitter", "İstanbul") == "twitter:istanbul"
    assert ids.actor_id("twitter", "ΟΔΟΣ") == "twitter:οδοσ"
    assert ids.web_actor_id("lemonde.fr") == "web:lemonde.fr"
    assert ids.split_id("web:example.org:8080") == ("web", "example.org:8080")
    assert ids.is_web("web:example.org") and not ids.is_web("twitter:web")


@settings(max_examples=300, deadline=None)
@given(platform=st.sampled_from(PLATFORMS), handle=st.text(max_size=12))
def test_actor_id_sql_agrees_on_any_text(platform: str, handle: str) -> None:
    con = duckdb.connect()
    try:
        got = sql_value(con, ids.actor_id_sql("p", "h"), p=platform, h=handle)
    finally:
        con.close()
    assert got == ids.actor_id(platform, handle)
