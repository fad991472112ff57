"""Property: the engine's folding and tokenising (DuckDB, through Ibis) equal the Python ones.

The engine expressions skip steps a text cannot need (a ligature replace on a
text without ligatures, a replace of single spaces by a space): this pins that
they still give exactly :func:`~influscope.query.normalize.normalize`,
:func:`~influscope.query.normalize.fold` and
:func:`~influscope.query.normalize.padded_list`, on texts made of the cases
those shortcuts are about (runs of spaces, tabs, elisions after one space or at
the start, ligatures, letters only the translate folds, and ``ǿ``/``ǽ``, which
strip_accents turns into a letter still to fold).
"""

from __future__ import annotations

import duckdb
import ibis
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influscope.query.ibis_compiler import (
    fold_expr,
    normalize_expr,
    padded_expr,
    padded_list_expr,
)
from influscope.query.normalize import fold, normalize, padded, padded_list

PIECES = [
    "l'usine", "L'Usine", "d’usine", "qu'il", "jusqu'ici", "aujourd'hui", "l'", "l' ",
    "c'est", "s'", "lourde", "œuvre", "Œ", "æ", "Straße", "ĳ", "ǿ", "ǽ", "øđłħŧıðþ",
    "`", "´", "ʼ", "‘", "élysée", "ÉLYSÉE", "naïve", "4.0", "#Industrie-4.0", "@United",
    "https://a.fr/x?y=1", "«", "»", "…", "—", "  ", "   ", "\t", "\n", " ", "", ",", "!", "'",
]  # fmt: skip
ALPHABET = "abcdeéèçôœæßÉŒ' ’`´-.,!#@|019\t\nǿǽøı"
fragment = st.sampled_from(PIECES) | st.text(ALPHABET, max_size=6)
texts = st.lists(fragment, max_size=10).map(" ".join) | st.lists(fragment, max_size=8).map("".join)


@pytest.fixture(scope="module")
def con() -> ibis.BaseBackend:
    return ibis.duckdb.from_connection(duckdb.connect())


def _engine(con: ibis.BaseBackend, values: list[str | None]) -> dict[str, list[object]]:
    table = ibis.memtable(
        pa.table(
            {
                "n": pa.array(range(len(values)), pa.int64()),
                "text": pa.array(values, pa.string()),
                "title": pa.array(values[::-1], pa.string()),
                "tags": pa.array(
                    [[v] if v is not None else None for v in values], pa.list_(pa.string())
                ),
            }
        )
    )
    expr = table.select(
        "n",
        normal=normalize_expr(table.text),
        folded=fold_expr(table.text),
        padded=padded_expr(table),
        tags=padded_list_expr(table.tags, "tag"),
        mentions=padded_list_expr(table.tags, "mention"),
    ).order_by("n")
    return con.to_pyarrow(expr).to_pydict()


@settings(max_examples=200, deadline=None)
@given(values=st.lists(texts | st.none(), min_size=1, max_size=20))
def test_engine_normalises_like_python(con: ibis.BaseBackend, values: list[str | None]) -> None:
    found = _engine(con, values)
    assert found["normal"] == [normalize(v) for v in values]
    assert found["folded"] == [None if v is None else fold(v) for v in values]
    # A missing title skips its steps in the engine: the form is the same.
    assert found["padded"] == [padded(t, v) for t, v in zip(values[::-1], values, strict=True)]
    assert found["tags"] == [padded_list(None if v is None else [v], "tag") for v in values]
    assert found["mentions"] == [padded_list(None if v is None else [v], "mention") for v in values]


def test_the_shortcut_cases_are_folded_and_split(con: ibis.BaseBackend) -> None:
    """The cases by name: each would come out otherwise if its step were skipped wrongly."""
    values = ["ǿ ǽ", "Œuvre  l'usine", " l'usine", "x\tqu'il", "a  b", "øł’s"]
    assert _engine(con, values)["normal"] == ["o æ", "oeuvre usine", "usine", "x il", "a b", "ol s"]
