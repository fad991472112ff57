"""A generic table's columns: what they leave unread is said, a --map naming none is refused.

The shape is the E-FRA stance corpus's (``Tweet``, ``screen_name``, ``date``):
imported as it comes it said "424 documents added, 0 rejected" for documents
with no text, no author and no date.
"""

from __future__ import annotations

import csv

from influscope.ingest.files.columns import looks_like_data, maps, textless, unread
from influscope.workspace import Workspace

HEADER = ["id", "Tweet", "Stance", "screen_name", "user_id", "date"]
ROWS = [
    ["8564", "Macron il va devenir président", "AGAINST", "noizu", "1786", "2017-04-24 11:18:00"],
    ["8565", "Voter blanc au second tour", "NONE", "ana_b", "1787", "2017-04-25 08:02:00"],
]


def _table(tmp_path):
    path = tmp_path / "stance.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


def test_look_alike_columns_are_named_with_the_options_that_read_them():
    found = unread(HEADER, {})
    assert found == {"text": "Tweet", "author": "screen_name", "published_at": "date"}
    assert maps(found) == "--map text=Tweet --map author=screen_name --map published_at=date"
    assert textless(HEADER, {}) and not textless(HEADER, {"text": "Tweet"})
    assert unread(HEADER, {"text": "Tweet", "author": "screen_name", "published_at": "date"}) == {}
    # an export's own names are read: no suggestion for them
    assert unread(["doc_id", "author_id", "text", "tweet_id", "user"], {}) == {}
    assert not textless([], {})  # an empty file is nothing to warn about
    # the airline tweets' export: its handles are in "name"; 14,485 documents had no author
    airline = ["tweet_id", "airline_sentiment", "airline", "name", "retweet_count", "text"]
    assert unread(airline, {})["author"] == "name"
    # beside a handle column, "name" is the display name
    assert unread(["screen_name", "name", "text"], {}) == {
        "author": "screen_name",
        "author_name": "name",
    }
    assert maps({"text": "Le texte"}) == "--map text='Le texte'"


def test_a_map_naming_no_column_is_refused_before_anything_is_written(cli, tmp_path):
    path = _table(tmp_path)
    cli("init", str(cli.root), workspace=None)
    code, _, err = cli("--lang", "en", "ingest", "file", str(path), "--map", "text=Twet")
    assert code == 2
    assert "--map text=Twet: the file has no column Twet." in err
    assert "Its columns: id, Tweet, Stance, screen_name, user_id, date." in err
    with Workspace.open(cli.root) as ws:
        assert ws.store.count("documents") == 0


def test_a_table_read_without_its_columns_says_so_and_the_suggested_maps_read_them(cli, tmp_path):
    path = _table(tmp_path)
    cli("init", str(cli.root), workspace=None)
    code, _, err = cli("--lang", "en", "ingest", "file", str(path))
    assert code == 0
    said = " ".join(err.split())
    assert "no column gives the documents' text" in said and "no query, brand or axis" in said
    assert (
        "its columns Tweet, screen_name, date look like fields this import left empty; to read "
        "them, import it again with: --map text=Tweet --map author=screen_name "
        "--map published_at=date"
    ) in said
    code, _, err = cli(
        "--lang", "fr", "ingest", "file", str(path), *maps(unread(HEADER, {})).split()
    )  # fmt: skip
    assert code == 0 and "2 mis à jour" in err and "ressemblent" not in err, err
    with Workspace.open(cli.root) as ws:
        rows = ws.store.con.execute(
            "SELECT text, author_id, published_at FROM documents ORDER BY native_id"
        ).fetchall()
    assert [r[0] for r in rows] == [ROWS[0][1], ROWS[1][1]]
    assert all(r[1] and r[2] for r in rows), rows


def test_rejected_search_rows_are_told_once_per_reason(cli, tmp_path):
    """A result-page table with its capture times left empty printed ten identical lines."""
    path = tmp_path / "serp.tsv"
    rows = [f"q{i}\t{i}\thttps://ex.fr/{i}\t" for i in range(1, 13)]
    path.write_text("query\trank\turl\tdate\n" + "\n".join(rows) + "\n", encoding="utf-8")
    cli("init", str(cli.root), workspace=None)
    code, _, err = cli("--lang", "en", "ingest", "serp", str(path))
    assert code == 1
    told = [line for line in err.splitlines() if "[captured_at]" in line]
    assert len(told) == 1 and "a column captured_at, date or timestamp" in told[0], err
    assert "and 11 more for the same reason (lines 3, 4, 5, …)" in err


def test_a_table_without_a_header_row_is_told_so(cli, tmp_path):
    """Allociné's reviews have no header: their first review was read as column names."""
    path = tmp_path / "reviews.tsv"
    path.write_text(
        "1\tca commence doucement dans les premiers épisodes mais ensuite\n"
        "0\tune série sans intérêt, on décroche au deuxième épisode\n",
        encoding="utf-8",
    )
    assert looks_like_data(["1", "ca commence doucement dans les premiers épisodes"])
    assert not looks_like_data(HEADER) and not looks_like_data(["Date de publication"])
    cli("init", str(cli.root), workspace=None)
    _, _, err = cli("--lang", "en", "ingest", "file", str(path))
    said = " ".join(err.split())
    assert "Its columns: 1, ca commence doucement dans les premiers…" in said
    assert "Its first line reads like data, not column names" in said
