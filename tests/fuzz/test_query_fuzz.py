"""Property-based fuzzing of the query parser: a tree, or a QueryError naming a column.

Random text over the language's own characters, and token soups of its
operators, fields, phrases and wildcards; each parsed query is compiled for
the Python matcher and run on a document. No other exception may escape.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influscope.errors import QueryError
from influscope.query.parser import MAX_DEPTH, parse
from tests.fuzz.targets import run_query

EXAMPLES = int(os.environ.get("INFLUSCOPE_FUZZ_EXAMPLES", "30")) * 10

ALPHABET = "abcéÉ019 ()\"*:#@/'’-.,!\t\n\x00\u202e" + "ANDORTNE"
TOKENS = [
    "AND", "OR", "NOT", "(", ")", '"', "NEAR/3", "NEAR/0", "NEAR/999", "NEAR/", "NEAR",
    "lang:", "platform:", "author:", "domain:", "url:", "hashtag:", "mention:", "nofield:",
    "#", "@", "*", "usine", "l'usine", "Élysée", "4.0", "fu*", "*x", "\"usine du futur\"",
    " ", "  ", "\x00", "'", "-", "twitter:jd",
]  # fmt: skip

queries = st.one_of(
    st.text(ALPHABET, max_size=80),
    st.lists(st.sampled_from(TOKENS), max_size=30).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=30).map("".join),
    st.text(max_size=40),
)


@settings(max_examples=EXAMPLES)
@given(query=queries)
def test_query_parses_or_names_the_column(query: str) -> None:
    message = run_query(query)  # raises on anything but a QueryError with a column
    if message is not None:
        column = int(message.split(":", 1)[0].removeprefix("column "))
        assert 1 <= column <= len(query) + 1


@pytest.mark.parametrize(
    "query",
    [
        "NOT " * 2000 + "a",
        "(" * 5000 + "a" + ")" * 5000,
        "(" * 493 + "a" + ")" * 493,
        "NOT " * 160 + "a",
    ],
    ids=["2000 NOT", "5000 parentheses", "493 parentheses", "160 NOT"],
)
def test_deep_queries_are_refused_with_a_column(query: str) -> None:
    with pytest.raises(QueryError, match=rf"column \d+: the query nests deeper than {MAX_DEPTH}"):
        parse(query)


def test_nesting_within_the_limit_parses() -> None:
    depth = MAX_DEPTH // 2
    assert parse("NOT " * depth + "(" * depth + "usine" + ")" * depth) is not None
