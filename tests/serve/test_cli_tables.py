"""The CLI's tables: a number is never broken across lines, whatever the terminal's width."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from influscope.serve.cli import output

ROWS = [
    {"brand": "Virgin America", "docs": 41, "share": 0.016571, "positive_rate": 0.073171},
    {"brand": "United", "docs": 651, "share": 0.26301, "positive_rate": 0.016897},
    {"brand": "US Airways", "docs": 570, "share": None, "positive_rate": 0.036842},
]
NUMBERS = ["41", "0.01657", "0.07317", "651", "0.263", "0.0169", "570", "0.03684"]


def _render(monkeypatch: pytest.MonkeyPatch, width: int, terminal: bool) -> list[str]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=terminal, color_system=None)
    monkeypatch.setattr(output.out, "_default", console)
    output.render(ROWS)
    assert console.width == width  # the console is left as it was
    return buffer.getvalue().splitlines()


def _cells(lines: list[str]) -> list[str]:
    return [c.strip() for line in lines for c in re.split(r"[│┃]", line) if c.strip()]


@pytest.mark.parametrize("width", [40, 60, 100])
def test_every_number_is_whole_on_one_line_in_a_terminal(monkeypatch, width):
    cells = _cells(_render(monkeypatch, width, terminal=True))
    for number in NUMBERS:
        assert number in cells, (number, cells)


def test_a_wide_enough_terminal_keeps_the_table_within_it_and_wraps_headers_at_words(
    monkeypatch,
):
    lines = _render(monkeypatch, 62, terminal=True)
    assert max(len(line) for line in lines) <= 62
    header = " ".join(_cells(lines[:4]))
    assert "positive" in header and "rate" in header
    # Text folds, numbers stay right-aligned in their column.
    assert any(line.rstrip().endswith("0.07317 │") for line in lines)


def test_written_to_a_file_the_table_takes_its_natural_width(monkeypatch):
    lines = _render(monkeypatch, 30, terminal=False)
    rows = [line for line in lines if "United" in line or "Virgin" in line]
    assert len(rows) == 2  # one line per row: nothing wrapped
    assert "Virgin America" in rows[0] and "0.07317" in rows[0]
    assert "positive rate" in lines[1]


def test_booleans_and_mixed_columns_are_text(monkeypatch):
    assert output._numeric([1, 2.5, None])
    assert not output._numeric([True, False])
    assert not output._numeric([1, "2 posts"])
    assert not output._numeric(["2017-05-03", "2017-05-04"])  # dates are no numbers
    # A number already written for the language is one: "1,6" beside 1 in French.
    assert output._numeric([1, "1,6", "20\u202f000", "-90,9\u00a0%"])
    assert not output._numeric([None])


HOSTILE = "closing tag [/] then [bold red]RED[/bold red] and [link=http://evil.example]click[/link]"


def test_posts_with_rich_markup_are_shown_as_written(monkeypatch):
    """Untrusted text is never rich markup: no crash on "[/]", no style, no terminal link."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, force_terminal=True, color_system="truecolor")
    monkeypatch.setattr(output.out, "_default", console)
    output.render([{"text": HOSTILE, "author": "[/]"}], title="[/] @handle")
    shown = buffer.getvalue()
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert HOSTILE in plain and "[/] @handle" in plain
    assert "\x1b]8;" not in shown  # no OSC 8 hyperlink
    assert "\x1b[1;31m" not in shown  # no bold red


def test_messages_are_plain_text(monkeypatch):
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, force_terminal=True, color_system="truecolor")
    monkeypatch.setattr(output.err, "_default", console)
    output.err.print(f"Erased {HOSTILE}")
    assert HOSTILE in re.sub(r"\x1b\[[0-9;]*m", "", buffer.getvalue())


def test_times_read_to_the_second_in_a_table_and_exact_in_csv(monkeypatch):
    from datetime import datetime

    when = datetime(2026, 12, 7, 8, 11, 1, 306421)
    buffer = io.StringIO()
    monkeypatch.setattr(output.out, "_default", Console(file=buffer, width=120, color_system=None))
    output.render([{"started_at": when}])
    assert "2026-12-07 08:11:01 " in buffer.getvalue() and ".306421" not in buffer.getvalue()
    csv = io.StringIO()
    output.render([{"started_at": when}], "csv", stream=csv)
    assert "2026-12-07 08:11:01.306421" in csv.getvalue()


def test_flat_lists_and_mappings_read_as_words_in_tables_and_stay_json_in_csv(capsys):
    row = {"stance_mix": {"ally": 3, "unknown": 656}, "top": ["a.fr", "b.fr"], "deep": [{"x": 1}]}
    assert output._cell(row["stance_mix"]) == "ally 3 · unknown 656"
    assert output._cell(row["top"]) == "a.fr, b.fr"
    assert output._cell(row["deep"]) == '[{"x":1}]'  # nested: JSON is the honest form
    output.render([row], "csv")
    assert '"{""ally"":3,""unknown"":656}"' in capsys.readouterr().out


def test_a_commands_floats_are_written_in_its_language(cli, tmp_path, english):
    """Themes' scores in a French workspace: a decimal comma (0,09227 was 0.09227)."""
    import orjson

    assert cli("init", str(cli.root), workspace=None)[0] == 0
    with (cli.root / "influscope.toml").open("a", encoding="utf-8") as config:
        config.write('\n[[axes]]\nname = "usine"\nquery = "usine"\n')
    words = ["robots", "emploi", "climat", "atelier", "énergie", "chaîne"]
    posts = tmp_path / "posts.jsonl"
    posts.write_bytes(
        b"".join(
            orjson.dumps(
                {
                    "id": str(i),
                    "platform": "twitter",
                    "author": f"a{i}",
                    "text": f"usine {words[i % 6]} {words[(i * 5) % 6]} avenir",
                }
            )
            + b"\n"
            for i in range(60)
        )
    )
    assert cli("ingest", "file", str(posts))[0] == 0
    code, out, _ = cli("--lang", "fr", "enrich", "--only", "language")
    # What each enricher did, headed in the language (the field names are for CSV and JSON).
    assert code == 0 and "Enrichisseur" in out and "Valeurs écrites" in out and "todo" not in out
    french = cli("--lang", "fr", "themes", "--axis", "usine")[1]
    english = cli("--lang", "en", "themes", "--axis", "usine")[1]
    scores = re.findall(r"│\s+(0[.,]\d+)\s+│", french)
    assert scores and all("," in s for s in scores), french
    assert re.findall(r"│\s+(0[.,]\d+)\s+│", english) == [s.replace(",", ".") for s in scores]


@pytest.mark.parametrize(("lang", "grouped"), [("fr", "1\u202f250\u202f000"), ("en", "1,250,000")])
def test_counts_are_grouped_in_the_language_and_numbers_that_name_are_not(
    monkeypatch, lang, grouped
):
    from influscope.serve.cli import terminal

    buffer = io.StringIO()
    monkeypatch.setattr(output.out, "_default", Console(file=buffer, width=120, color_system=None))
    terminal.speak(lang)
    try:
        output.render(
            [
                {
                    "file": "posts.jsonl",
                    "line": 12345,
                    "documents": 1_250_000,
                    "rank": 1200,
                    "engagement": 43995.0,  # a summed float: its units, not a round 44000
                }
            ]
        )
        said = output.headed(
            [{"rank": 1200, "posts": 20000}], {"rank": "Rank", "posts": "Posts"}, lang
        )
        output.render(said)
    finally:
        terminal.speak(None)
    cells = _cells(buffer.getvalue().splitlines())
    assert grouped in cells and "12345" in cells and "1200" in cells, cells
    assert ("20\u202f000" if lang == "fr" else "20,000") in cells, cells
    assert ("43\u202f995" if lang == "fr" else "43,995") in cells, cells
    # CSV and JSON keep the numbers as numbers
    buffer.truncate(0)
    output.render([{"documents": 1_250_000}], fmt="csv", stream=buffer)
    assert "1250000" in buffer.getvalue()
