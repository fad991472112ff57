"""The CLI's promises: one error shape, exit codes, workspace resolution, exports that re-import."""

from __future__ import annotations

import csv
import io

import orjson
import pyarrow.parquet as pq
import pytest
from pptx import Presentation

from influscope.workspace import Workspace


def test_error_shape_and_exit_codes(cli, tmp_path):
    code, out, err = cli("status", workspace=tmp_path / "nowhere")
    assert code == 1 and out == ""
    assert err.startswith("Error: No workspace at")
    assert "\nHint: Create one with 'influscope init" in err
    code, _, err = cli("ingest", "file", "--bogus", workspace=None)
    assert code == 2


def test_french_messages(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("INFLUSCOPE_LANG", "fr")
    code, _, err = cli("status", workspace=tmp_path / "nowhere")
    assert code == 1 and err.startswith("Erreur : ") and "Conseil : " in err


def test_init_writes_the_language_it_was_run_in(cli, tmp_path, english):
    """A workspace made by a French user (--lang fr, or a French locale) speaks French after."""
    french, english_ws = tmp_path / "fr", tmp_path / "en"
    code, _, err = cli("--lang", "fr", "init", str(french), workspace=None)
    assert code == 0 and err.startswith("Espace de travail créé")
    assert cli("init", str(english_ws), workspace=None)[0] == 0  # the C locale: English
    for root, lang in ((french, "fr"), (english_ws, "en")):
        with Workspace.open(root) as ws:
            assert ws.config.workspace.language == lang
    code, out, _ = cli("status", workspace=french)  # no --lang: the workspace's language
    assert code == 0 and "Lignes" in out and "Rows" not in out


def test_status_says_when_nothing_is_enriched_yet(cli, tmp_path):
    """Every document's language 'not detected' read as a fault of the import."""
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    code, _, err = cli("--lang", "en", "status")
    assert code == 0 and "Not enriched yet" not in err  # nothing to enrich
    posts = tmp_path / "posts.jsonl"
    posts.write_text(orjson.dumps(POSTS[0]).decode() + "\n", encoding="utf-8")
    assert cli("ingest", "file", str(posts))[0] == 0
    code, out, err = cli("--lang", "fr", "status")
    assert code == 0 and "non détectée" in out
    assert "Pas encore enrichi : « influscope enrich » détecte la langue" in " ".join(err.split())
    assert cli("enrich")[0] == 0
    code, _, err = cli("--lang", "fr", "status")
    assert code == 0 and "Pas encore enrichi" not in err


def test_workspace_from_environment(cli, tmp_path, monkeypatch):
    root = tmp_path / "envws"
    assert cli("init", str(root), workspace=None)[0] == 0
    monkeypatch.setenv("INFLUSCOPE_WORKSPACE", str(root))
    code, out, _ = cli("status", "--format", "json", workspace=None)
    assert code == 0 and orjson.loads(out)["workspace"] == str(root)


POSTS = [
    {
        "id": "1",
        "platform": "bluesky",
        "author": "Alice",
        "text": "l'usine #Industrie40 @bob https://ex.fr/a?utm_medium=x",
        "published_at": "2026-03-01T08:00:00Z",
        "likes": 4,
    },
    {
        "id": "2",
        "platform": "bluesky",
        "author": "bob",
        "text": "RT @alice: l'usine",
        "published_at": "2026-03-01T09:00:00Z",
        "repost_of": "1",
    },
]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_round_trips_through_import(cli, tmp_path, fmt):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(orjson.dumps(p) for p in POSTS) + b"\n")
    cli("init", str(cli.root), workspace=None)
    assert cli("ingest", "file", str(src))[0] == 0
    out = tmp_path / f"docs.{fmt}"
    code, _, err = cli("export", "documents", "--format", fmt, "-o", str(out))
    assert code == 0 and "2 rows written" in err
    other = tmp_path / "other"
    with Workspace.init(other) as ws:
        summary = ws.ingest.files([out])
        assert summary.rejected == 0, summary.errors
        back = ws.store.to_arrow(ws.store.table("documents").order_by("doc_id")).to_pylist()
    with Workspace.open(cli.root) as ws:
        orig = ws.store.to_arrow(ws.store.table("documents").order_by("doc_id")).to_pylist()
        edges = ws.store.to_arrow(ws.store.table("interactions")).to_pylist()
    keep = (
        "doc_id",
        "platform",
        "native_id",
        "author_id",
        "published_at",
        "text",
        "likes",
        "repost_of",
        "hashtags",
        "mentions",
    )
    assert [{k: r[k] for k in keep} for r in back] == [{k: r[k] for k in keep} for r in orig]
    assert {(e["src"], e["dst"], e["kind"]) for e in edges} == {
        ("bluesky:alice", "bluesky:bob", "mention"),
        ("bluesky:alice", "web:ex.fr", "link"),
        ("bluesky:bob", "bluesky:alice", "repost"),
        ("bluesky:bob", "bluesky:alice", "mention"),
    }
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == 2


def test_export_to_stdout_with_fields(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(orjson.dumps(p) for p in POSTS) + b"\n")
    cli("init", str(cli.root), workspace=None)
    cli("ingest", "file", str(src))
    code, out, _ = cli("export", "documents", "--fields", "doc_id,hashtags")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0] == {"doc_id": "bluesky:1", "hashtags": '["industrie40"]'}
    # A misspelt field is refused, naming what exists: it used to give an empty column.
    code, out, err = cli("export", "documents", "--fields", "doc_id,nosuch")
    assert code == 2 and out == ""
    assert "documents has no field 'nosuch': it is neither a column nor an enrichment" in err
    assert "Columns: doc_id, platform" in err and "Enrichment fields: -" in err


def test_verbs_are_listed_in_flow_order_with_their_own_help():
    import typer

    from influscope.serve.cli.app import VERBS, app, first_paragraph, subcommands

    real = subcommands(typer.main.get_command(app))
    assert [v.name for v in VERBS] == list(real)
    assert [v.name for v in VERBS][:11] == [
        "init", "ingest", "enrich", "map", "journey", "sov", "influence", "watch", "alerts", "serve", "report",
    ]  # fmt: skip
    for verb in VERBS:
        assert verb.help == first_paragraph(real[verb.name].help), verb.name


def test_each_example_of_a_help_text_is_a_paragraph_of_its_own():
    """Click rewraps a paragraph: two examples on consecutive lines would read as one command."""
    import click
    import typer

    from influscope.serve.cli.app import app, subcommands

    def walk(command: click.Command, path: str) -> list[tuple[str, str]]:
        found = [(path, command.help or "")]
        for name, sub in subcommands(command).items():
            found += walk(sub, f"{path} {name}")
        return found

    helps = walk(typer.main.get_command(app), "influscope")
    assert len(helps) > 40
    for path, text in helps:
        for paragraph in text.split("\n\n"):
            assert paragraph.count("Example:") <= 1, (path, paragraph)


def test_help_imports_no_verb_nor_the_workspace():
    import subprocess
    import sys

    probe = (
        "import sys\nfrom influscope.serve.cli.app import main\n"
        "code = main(['--help'])\n"
        "heavy = ['influscope.workspace', 'influscope.serve.cli.sov', 'influscope.serve.cli.ingest',"
        " 'duckdb', 'ibis', 'pyarrow', 'fastapi', 'pydantic', 'rich']\n"
        "print(code, [m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout[-500:]
    assert "init " in done.stdout and "demo " in done.stdout
    assert (
        done.stdout.index("  init ") < done.stdout.index("  ingest ") < done.stdout.index("  sov ")
    )


# Libraries an import of posts or `status` has no use for, each loading in a tenth
# of a second or more (pandas a third: DuckDB's client and Ibis's results would load
# it, store/binding.py and Store.to_arrow keep them from it), or a few hundredths:
# the analyses' (Ibis for brands and share of voice, SciPy, scikit-learn, igraph),
# the HTTP client of the connectors, PyArrow's datasets of the lake and its Parquet
# reader, the encoding detector of files not in UTF-8, the public-suffix list; and the
# services of other verbs.
NOT_FOR_INGEST = [
    "pandas",
    "ibis",
    "httpx",
    "pyarrow.dataset",
    "pyarrow.parquet",
    "charset_normalizer",
    "tld",
    "scipy",
    "sklearn",
    "igraph",
    "influscope.workspace.alerts",
    "influscope.workspace.reports",
]
# status counts in the store's SQL (no Ibis); it writes nothing, so it does not load the
# import's writer either
NOT_FOR_STATUS = [*NOT_FOR_INGEST, "influscope.store.sink"]
# A workspace without brands nor axes has no query to parse: no query parser (Lark).
NO_QUERIES = ["lark", "influscope.query.parser"]


def run_and_list_modules(args: list[str], modules: list[str]) -> list[str]:
    """Run the CLI on ``args`` in a fresh interpreter; its exit code and which of ``modules`` it loaded."""
    import subprocess
    import sys

    probe = (
        "import sys\nfrom influscope.serve.cli.app import main\n"
        f"code = main({args!r})\n"
        f"print(code, [m for m in {modules!r} if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1:]


def test_ingest_file_and_status_load_only_what_they_use(tmp_path):
    # A workspace as `influscope init` makes it: no brands, so an import attributes nothing.
    Workspace.init(tmp_path / "ws").close()
    posts = tmp_path / "posts.jsonl"
    rows = [
        {"id": str(i), "platform": "mastodon", "author": f"user{i}", "text": f"usine {i} @user9",
         "published_at": f"2026-10-0{i + 1}T10:00:00+02:00"}
        for i in range(3)
    ]  # fmt: skip
    posts.write_bytes(b"\n".join(orjson.dumps(r) for r in rows) + b"\n")
    ws = str(tmp_path / "ws")
    ingest = ["-w", ws, "ingest", "file", str(posts)]
    assert run_and_list_modules(ingest, NOT_FOR_INGEST + NO_QUERIES) == ["0 []"]
    with Workspace.open(ws) as opened:  # the import did run, in full
        assert opened.store.count("documents") == 3 and opened.store.count("actors") >= 3
    assert run_and_list_modules(["-w", ws, "status"], NOT_FOR_STATUS + NO_QUERIES) == ["0 []"]
    # A share of voice computes with Ibis (so the probe does see a loaded module), and
    # loads none of the others.
    assert run_and_list_modules(["-w", ws, "sov"], NOT_FOR_INGEST) == ["0 ['ibis']"]


def test_sov_without_brands_says_why_it_has_nothing(cli):
    cli("init", str(cli.root), workspace=None)
    code, out, err = cli("--lang", "en", "sov")
    assert code == 0 and "add [[brands]]" in err
    (cli.root / "influscope.toml").write_text(
        (cli.root / "influscope.toml").read_text() + '\n[[brands]]\nname = "Acme"\n'
    )
    code, out, err = cli("--lang", "fr", "sov")
    assert code == 0 and "Aucun document du périmètre ne cite de marque" in err


def test_brands_without_brands_attributes_nothing(cli, tmp_path):
    """No [[brands]]: attribution is an empty table, written as such (it crashed the writer)."""
    cli("init", str(cli.root), workspace=None)
    path = tmp_path / "posts.csv"
    path.write_text("id,author,text\n1,alice,hello Acme\n")
    assert cli("ingest", "file", str(path), "--platform", "twitter")[0] == 0
    code, out, err = cli("brands", "--format", "json")
    assert code == 0, err
    assert '"attributions": 0' in out and '"documents": 1' in out


def test_posts_without_author_nor_date_get_answers_that_say_so(cli, tmp_path):
    """A file of bare texts (no author, no time): every answer says what is missing.

    The map and the communities said "0 actors" and printed nothing else, the
    profiles asked to import documents first, the report's period read
    "no document" above a count of them.
    """
    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"id": "1", "platform": "twitter", "text": "plain words, no one named"}\n')
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    assert cli("ingest", "file", str(posts))[0] == 0
    drawn_from = "No actor on this map: it is drawn from the interactions between actors"
    code, out, err = cli("map")
    assert code == 0 and out.strip() == "" and drawn_from in err
    code, out, err = cli("communities")
    assert code == 0 and drawn_from in err
    code, _, err = cli("influence", "profile")
    assert code == 0 and "No actor to profile: no document with an author is imported" in err
    # Empty sections are named, not printed as blank lines or a row of blanks.
    code, out, err = cli("influence", "roi")
    assert code == 0, err
    assert "Stance trend: nothing to show." in out and "Campaigns: nothing to show." in out
    assert "No actor of the map is an ally or a detractor of the brand" in err
    code, out, err = cli("influence", "advocacy")
    assert code == 0 and out == ""
    assert "No employee roster: import one with 'influscope ingest roster'" in err
    report = tmp_path / "report.html"
    code, _, err = cli("report", "-o", str(report))
    assert code == 0, err
    html = report.read_text(encoding="utf-8")
    assert "Period: no publication date" in html and "no document" not in html
    # Empty sections say why (no brand configured, no interaction), in the HTML and the slides.
    assert "No brands in influscope.toml: add [[brands]]" in html
    assert f"{drawn_from} (reposts, replies, mentions, links), and none" in html
    assert 'id="map-image"' not in html  # no blank picture of an empty map
    slides = tmp_path / "report.pptx"
    assert cli("report", "-o", str(slides))[0] == 0
    said = {
        shape.text_frame.text
        for slide in Presentation(str(slides)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    }
    assert any(text.startswith("No brands in influscope.toml") for text in said)
    assert any(text.startswith(drawn_from) for text in said)


def test_sov_by_week_names_the_undated_documents(cli, tmp_path):
    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"id": "1", "platform": "twitter", "text": "Acme again"}\n')
    assert cli("init", str(cli.root), workspace=None)[0] == 0
    with (cli.root / "influscope.toml").open("a", encoding="utf-8") as config:
        config.write('\n[[brands]]\nname = "Acme"\naliases = ["Acme"]\nown = true\n')
    assert cli("ingest", "file", str(posts))[0] == 0
    assert cli("enrich", "--only", "brands")[0] == 0
    code, out, err = cli("sov", "--by", "week")
    assert code == 0, err
    assert "Period" in out and "no publication date" in out  # not a table without its period
    code, out, _ = cli("sov", "--by", "week", "--format", "csv")
    assert out.startswith("brand,docs") and "no publication date" not in out  # scripts: as is
