"""Property: the Ibis compiler (on a real DuckDB store) and the Python matcher agree."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from influscope.query.normalize import tokens
from influscope.store.engine import Store
from tests.query.docstore import both, complete, load

WORDS = [
    "usine", "Usine", "USINE", "l'usine", "d’usine", "futur", "Futur", "élysée", "ELYSÉE",
    "Elysee", "industrie", "d'industrie", "4.0", "œuvre", "oeuvre", "qu'il", "jusqu'ici",
    "café", "cafe", "été", "ete", "lourde", "la", "le", "du", "#Industrie40", "@United",
    "l'", "aujourd'hui", "naïve", "Straße", "strasse", "x", "-", ",", "!", "...", "'", "|",
]  # fmt: skip
QUERY_WORDS = [
    "usine", "l'usine", "futur", "Élysée", "elysee", "industrie", "d'industrie", "4.0",
    "oeuvre", "œuvre", "il", "ici", "cafe", "été", "lourde", "du", "aujourd'hui", "naive",
    "strasse", "x", "hui",
]  # fmt: skip
ALPHABET = "abcdeéèêëàâçôöùûüîïœæßÉÈÀÇŒ' ’-.,!#@|0123456789\n"

fragment = st.sampled_from(WORDS) | st.text(ALPHABET, max_size=8)
text = st.lists(fragment, max_size=12).map(" ".join) | st.lists(fragment, max_size=6).map("".join)
documents = st.lists(
    st.fixed_dictionaries(
        {
            "text": st.none() | text,
            "title": st.none() | text,
            "lang": st.sampled_from([None, "fr", "en", "de", "fr-FR", "FR"]),
            "platform": st.sampled_from(["twitter", "web", "mastodon"]),
            "author_id": st.sampled_from([None, "twitter:jdupont", "web:lemonde.fr", "x:JD"]),
            "url": st.sampled_from([None, "https://lemonde.fr/a", "https://example.org/B"]),
            "hashtags": st.none()
            | st.lists(st.sampled_from(["industrie40", "Sponsorisé", "IA"]), max_size=2),
            "mentions": st.none()
            | st.lists(st.sampled_from(["united", "jane@mastodon.social", "@acme"]), max_size=2),
            "links": st.sampled_from(
                [
                    ([], []),
                    (["https://www.lemonde.fr/x"], ["lemonde.fr"]),
                    (
                        ["https://news.bbc.co.uk/y", "https://acme.com/z"],
                        ["news.bbc.co.uk", "acme.com"],
                    ),
                ]
            ),
        }
    ),
    min_size=1,
    max_size=12,
)


def _word(seen: list[str]) -> st.SearchStrategy[str]:
    """Query words, half of them taken from the documents' own words (so they match)."""
    usable = [w for w in seen if tokens(w) and "*" not in w and ":" not in w and w[0] not in "#@"]
    vocabulary = QUERY_WORDS + usable
    plain = st.sampled_from([w for w in vocabulary if tokens(w)])
    wild = plain.filter(lambda w: bool(tokens(w[:3]))).map(lambda w: w[:3] + "*")
    phrase = st.lists(plain | wild, min_size=2, max_size=3).map(
        lambda ws: '"' + " ".join(ws).replace('"', "") + '"'
    )
    window = st.integers(0, max(len(seen) - 1, 0)).map(lambda i: seen[i : i + 3])
    taken = window.filter(lambda ws: len(ws) > 1 and bool(tokens(" ".join(ws)))).map(
        lambda ws: '"' + " ".join(ws).replace('"', "").replace("*", "") + '"'
    )
    return plain | wild | phrase | taken


FIELDS = st.sampled_from(
    [
        "lang:fr", "lang:en", "lang:f*", "platform:web", "author:jdupont", "author:web:lemonde.fr",
        "author:j*", "domain:lemonde.fr", "domain:bbc.co.uk", "domain:acme*", "url:lemonde",
        "url:example.org/b", "#industrie40", "#sponsorise", "#ind*", "@united", "@jane", "@acme",
        "@uni*", "mention:JANE",
    ]
)  # fmt: skip


def _atom(seen: list[str]) -> st.SearchStrategy[str]:
    word = _word(seen)
    side = word | st.tuples(word, word).map(lambda t: f"({t[0]} OR {t[1]})")
    near = st.tuples(side, st.integers(0, 4), side).map(lambda t: f"{t[0]} NEAR/{t[1]} {t[2]}")
    return word | FIELDS | near


def queries(seen: list[str]) -> st.SearchStrategy[str]:
    return st.recursive(
        _atom(seen),
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from([" AND ", " OR ", " "]), inner).map(
                lambda t: f"({t[0]}{t[1]}{t[2]})"
            ),
            inner.map(lambda q: f"NOT {q}"),
        ),
        max_leaves=5,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    store = Store.open(tmp_path_factory.mktemp("agree") / "agree.duckdb")
    yield store
    store.close()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(docs=documents, data=st.data())
def test_ibis_and_python_agree(store, docs, data):
    seen = [w for d in docs for w in f"{d['title'] or ''} {d['text'] or ''}".split()]
    query = data.draw(queries(seen), label="query")
    rows = complete(
        [
            {k: v for k, v in d.items() if k != "links"}
            | {"links": d["links"][0], "domains": d["links"][1]}
            for d in docs
        ]
    )
    load(store, rows)
    engine, python = both(store, rows, query)
    assert engine == python, query
    MATCHED.append(len(python))


MATCHED: list[int] = []


def test_the_property_saw_matches_and_misses():
    """Guard against a vacuous property: run after it, some queries must have matched."""
    if not MATCHED:
        pytest.skip("agreement property not run")
    assert any(MATCHED) and not all(MATCHED)
