"""Hand-written cases of the query language, checked on both compilers."""

from __future__ import annotations

import pytest

from influscope.errors import QueryError
from influscope.query import parse
from influscope.query.ast import render
from influscope.store.engine import Store
from tests.query.docstore import both, complete, load

DOCS = complete(
    [
        {"doc_id": "t:usine", "text": "Visite de l'usine du futur à Lyon", "lang": "fr"},
        {"doc_id": "t:elysee", "text": "Réunion à l’Élysée sur l'industrie 4.0", "lang": "fr-FR"},
        {"doc_id": "t:dind", "text": "Le ministre d'industrie parle", "lang": "fr"},
        {"doc_id": "t:jusqu", "text": "jusqu'ici tout va bien, qu'il dit", "lang": "fr"},
        {"doc_id": "t:near", "text": "industrie lourde et innovante 4.0 demain", "lang": "fr"},
        {"doc_id": "t:far", "text": "industrie a b c d e f 4.0", "lang": "fr"},
        {"doc_id": "t:de", "text": "Industrie 4.0 in Deutschland", "lang": "de"},
        {"doc_id": "t:œ", "text": "Une ŒUVRE et un Café", "lang": "fr", "platform": "web"},
        {
            "doc_id": "t:tags",
            "text": "Go #Industrie40 with @United and @jane@mastodon.social",
            "hashtags": ["Industrie40", "sponsorisé"],
            "mentions": ["united", "jane@mastodon.social"],
            "author_id": "twitter:JDupont",
            "platform": "twitter",
            "lang": "en",
        },
        {
            "doc_id": "t:links",
            "title": "Industrial news",
            "text": "read this",
            "url": "https://blog.example.org/post",
            "links": ["https://www.lemonde.fr/eco/article", "https://news.bbc.co.uk/x"],
            "domains": ["lemonde.fr", "news.bbc.co.uk"],
            "lang": "en",
            "platform": "web",
        },
        {"doc_id": "t:split", "title": "usine", "text": "futur proche", "lang": "fr"},
        {"doc_id": "t:empty", "text": None, "lang": None},
    ]
)

CASES = [
    ("usine", {"t:usine", "t:split"}),
    ("l'usine", {"t:usine", "t:split"}),
    ('"usine du futur"', {"t:usine"}),
    ('"l\'usine du futur"', {"t:usine"}),
    ("USINE futur", {"t:usine", "t:split"}),  # implicit AND over title and text
    ('"usine futur"', set()),  # a phrase never spans title and text
    ("Élysée", {"t:elysee"}),
    ("elysee", {"t:elysee"}),
    ("d'industrie", {"t:elysee", "t:dind", "t:near", "t:far", "t:de"}),
    ("industrie", {"t:elysee", "t:dind", "t:near", "t:far", "t:de"}),
    ("ici", {"t:jusqu"}),
    ("il", {"t:jusqu"}),
    ("oeuvre", {"t:œ"}),
    ("œuvre AND cafe", {"t:œ"}),
    ("indus*", {"t:elysee", "t:dind", "t:near", "t:far", "t:de", "t:links", "t:tags"}),
    ('"usine du fut*"', {"t:usine"}),
    ('"usin* du futur"', {"t:usine"}),
    ('industrie NEAR/3 "4.0"', {"t:elysee", "t:near", "t:de"}),
    ('"4.0" NEAR/3 industrie', {"t:elysee", "t:near", "t:de"}),
    ('industrie NEAR/6 "4.0"', {"t:elysee", "t:near", "t:de", "t:far"}),
    ("industrie NEAR/0 lourde", {"t:near"}),
    ("lourde NEAR/0 industrie", {"t:near"}),
    ("indus* NEAR/2 innov*", {"t:near"}),
    ("indus* NEAR/1 innov*", set()),
    ("usine NEAR/5 proche", set()),  # NEAR stays within one field
    ('(lourde OR elysee) NEAR/2 ("4.0" OR innov*)', {"t:near", "t:elysee"}),
    ('industrie NEAR/3 "4.0" AND NOT lang:de', {"t:elysee", "t:near"}),
    ("lang:fr", {"t:usine", "t:elysee", "t:dind", "t:jusqu", "t:near", "t:far", "t:œ", "t:split"}),
    ("lang:fr-fr", {"t:elysee"}),
    ("NOT lang:fr AND NOT lang:de", {"t:tags", "t:links", "t:empty"}),
    ("platform:WEB", {"t:œ", "t:links"}),
    ("platform:tw*", {"t:tags"}),
    ("author:jdupont", {"t:tags"}),
    ("author:@JDupont", {"t:tags"}),
    ("author:twitter:jdupont", {"t:tags"}),
    ("author:mastodon:jdupont", set()),
    ("author:jdu*", {"t:tags"}),
    ("#industrie40", {"t:tags"}),
    ("hashtag:Industrie-4.0", {"t:tags"}),
    ("#sponsorise", {"t:tags"}),
    ("#indus*", {"t:tags"}),
    ("@united", {"t:tags"}),
    ("mention:UNITED", {"t:tags"}),
    ("@jane", {"t:tags"}),
    ("@unit*", {"t:tags"}),
    ("@unite", set()),
    ("domain:lemonde.fr", {"t:links"}),
    ("domain:bbc.co.uk", {"t:links"}),
    ("domain:monde.fr", set()),
    ("domain:lemon*", {"t:links"}),
    ("url:lemonde.fr/eco", {"t:links"}),
    ("url:blog.example", {"t:links"}),
    ("industrial", {"t:links"}),
    ("(usine OR elysee) AND lang:fr*", {"t:usine", "t:split", "t:elysee"}),
    ("usine OR elysee AND lang:de", {"t:usine", "t:split"}),  # AND binds tighter
    ("NOT usine AND NOT industrie AND NOT lang:fr*", {"t:empty", "t:tags", "t:links"}),
    ("lang:*", None),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    store = Store.open(tmp_path_factory.mktemp("query") / "q.duckdb")
    load(store, DOCS)
    yield store
    store.close()


@pytest.mark.parametrize("portable", [False, True], ids=["strip_accents", "translate"])
@pytest.mark.parametrize(("query", "expected"), CASES)
def test_both_compilers_find_the_expected_documents(store, query, expected, portable):
    if expected is None:
        with pytest.raises(QueryError):
            parse(query)
        return
    engine, python = both(store, DOCS, query, portable)
    assert set(python) == expected, f"python matcher on {query!r}"
    assert set(engine) == expected, f"ibis on {query!r}"


@pytest.mark.parametrize(
    ("query", "column", "words"),
    [
        ("usine AND", 10, "expected a term after AND"),
        ("usine du futur AND OR x", 20, "expected a term after AND"),
        ("(a OR b", 8, "expected ')' to close the '(' at column 1"),
        ("a OR b)", 7, "unmatched ')'"),
        ('"usine du futur', 1, "unterminated phrase"),
        ("OR usine", 1, "expected a term before OR"),
        ("usine ()", 8, "empty parentheses"),
        ("langue:fr", 1, "unknown field 'langue:'"),
        ("lang: ", 6, "expected a value after lang:"),
        ("a NEAR b", 3, "NEAR needs a distance"),
        ("a NEAR/2 lang:fr", 3, "NEAR/n joins two words or phrases"),
        ("a NEAR/2 (b AND c)", 3, "NEAR/n joins two words or phrases"),
        ("a NEAR/2", 9, "expected a word or phrase after NEAR/2"),
        ("lang:fr NEAR/2 a", 9, "NEAR/n joins two words or phrases"),
        ("a NEAR/2 b NEAR/2 c", 12, "NEAR/n joins two words or phrases"),
        ("us*ne", 3, "a wildcard * may only end a word"),
        ("#", 1, "has no letter or digit"),
        ("   ", 1, "the query is empty"),
        ("NOT", 4, "expected a term after NOT"),
    ],
)
def test_malformed_queries_point_at_the_column(query, column, words):
    with pytest.raises(QueryError) as caught:
        parse(query)
    assert caught.value.message.startswith(f"column {column}: "), caught.value.message
    assert words in caught.value.message
    assert caught.value.column == column


def test_precedence_and_normalisation_are_visible_in_the_tree():
    tree = parse('("Usine du futur" OR industrie NEAR/3 "4.0" OR #Industrie40) AND NOT lang:DE')
    assert render(tree) == (
        '(("usine du futur" OR (industrie NEAR/3 "4 0") OR hashtag:industrie40) AND NOT lang:de)'
    )
    assert render(parse("a b OR c NOT d")) == "((a AND b) OR (c AND NOT d))"
    assert render(parse("ANDROID ORacle")) == "(android AND oracle)"
