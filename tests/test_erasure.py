"""Erasure everywhere (#16): after ``erase``, the handle, name and bio are nowhere.

A simulated demo workspace is built and analysed (map, journey, alerts), side
files name the erased people (notes, roster, labels, the relationship log), and
two tables no code of the erasure knows stand in for tables a branch may add (a
log keyed by ``actor_id``, an incident timeline of free text).
Two actors are erased: one the alerts' evidence names, one the journey paths
and community profiles name. Then the database file's bytes, every table,
every export (each format, plain and pseudonymised) and the HTML, PDF and PPTX
reports are searched for their handles, names and bios; re-importing the
notes, roster, labels, relationship log and posts must not bring them back.
"""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pyarrow.parquet as pq
import pytest

from influscope.store.exports import EXPORTABLE, FORMATS
from influscope.workspace import Workspace

pytestmark = pytest.mark.slow


def _traces(con: Any, actor_id: str) -> list[str]:
    """The handle, name and bio of an actor (the bio only when no one else has it)."""
    row = con.execute(
        "SELECT handle, name, bio, (SELECT count(*) FROM actors b WHERE b.bio = a.bio) "
        "FROM actors a WHERE actor_id = ?",
        [actor_id],
    ).fetchone()
    assert row and row[0] and row[1], actor_id
    own_bio = row[2] and len(row[2]) >= 20 and row[3] == 1
    return [str(row[0]), str(row[1]), *([str(row[2])] if own_bio else [])]


# An actor whose name is their own; the journey's actor has their own bio too
# (a slogan many accounts share as a bio names nobody, and is not scrubbed).
DISTINCT = """a.actor_id LIKE 'twitter:%' AND a.name IS NOT NULL
    AND (SELECT count(*) FROM actors b WHERE b.name = a.name) = 1"""


def _pick(ws: Workspace) -> dict[str, list[str]]:
    """An actor the alerts' evidence names, and one the journey paths and communities name."""
    con = ws.store.con
    in_alerts = con.execute(
        f"""
        SELECT a.actor_id FROM alerts, unnest(from_json(json_extract(evidence, '$.actors'),
               '["json"]')) AS e(item)
        JOIN actors a ON a.actor_id = json_extract_string(item, '$.actor_id')
        WHERE {DISTINCT}
        ORDER BY alert_id, a.actor_id LIMIT 1
        """
    ).fetchone()
    on_paths = con.execute(
        f"""
        SELECT a.actor_id FROM actors a JOIN journey_paths p ON p.page = a.actor_id
        WHERE {DISTINCT} AND length(a.bio) >= 20
          AND (SELECT count(*) FROM actors b WHERE b.bio = a.bio) = 1
          AND EXISTS (SELECT 1 FROM communities c WHERE contains(c.profile, a.actor_id))
          AND a.actor_id <> ?
        GROUP BY a.actor_id ORDER BY count(*) DESC, a.actor_id LIMIT 1
        """,
        [in_alerts[0] if in_alerts else ""],
    ).fetchone()
    assert in_alerts and on_paths, "the demo no longer names actors in alerts or journey paths"
    return {a: _traces(con, a) for a in (in_alerts[0], on_paths[0])}


def _side_files(folder: Path, targets: dict[str, list[str]]) -> list[Path]:
    folder.mkdir()
    notes, roster, labels = folder / "notes.csv", folder / "roster.csv", folder / "labels.csv"
    notes.write_text(
        "actor_id,date,stance,note,owner\n"
        + "".join(
            f"{a},2026-09-01,detractor,Met {t[1]} at the plant,press\n" for a, t in targets.items()
        ),
        "utf-8",
    )
    roster.write_text(
        "actor_id,name,department\n" + "".join(f"{a},{t[1]},Sales\n" for a, t in targets.items()),
        "utf-8",
    )
    labels.write_text(
        "actor_id,field,value\n" + "".join(f"{a},stance,detractor\n" for a in targets), "utf-8"
    )
    relations = folder / "relations.csv"
    relations.write_text(
        "actor_id,date,kind,note\n"
        + "".join(f"{a},2026-09-02,meeting,Coffee with {t[1]}\n" for a, t in targets.items()),
        "utf-8",
    )
    return [notes, roster, labels, relations]


def _import_side_files(cli: Any, root: Path, files: list[Path]) -> None:
    notes, roster, labels, relations = files
    for args in (
        ("ingest", "notes", str(notes)),
        ("ingest", "roster", str(roster)),
        ("label", "actors", str(labels)),
        ("influence", "relations", str(relations), "--by", "alice"),
    ):
        code, _, err = cli(*args, workspace=root)
        assert code == 0, err


def _found(text: str, needles: list[str]) -> list[str]:
    low = html.unescape(text).lower()
    return [n for n in needles if n.lower() in low]


def _in_tables(ws: Workspace, needles: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, needle) of every text cell still holding a needle."""
    con = ws.store.con
    columns = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'main' AND data_type IN ('VARCHAR', 'VARCHAR[]', 'JSON')"
    ).fetchall()
    hits = []
    for table, column in columns:
        for needle in needles:
            row = con.execute(
                f'SELECT count(*) FROM "{table}" WHERE contains(lower(CAST("{column}" AS VARCHAR)), ?)',
                [needle.lower()],
            ).fetchone()
            if row and row[0]:
                hits.append((table, column, needle))
    return hits


def _exports(cli: Any, root: Path, out: Path) -> dict[str, str]:
    """Every exportable table in every format, plain and pseudonymised, as text."""
    texts = {}
    for table in EXPORTABLE:
        for fmt in FORMATS:
            for extra in ([], ["--pseudonymise"]):
                target = out / f"{table}-{fmt}{'-p' if extra else ''}.{fmt}"
                code, _, err = cli(
                    "export", table, "--format", fmt, "-o", str(target), *extra, workspace=root
                )
                assert code == 0, err
                data = target.read_bytes()
                if fmt == "parquet":
                    rows = pq.read_table(io.BytesIO(data)).to_pylist()
                    texts[target.name] = orjson.dumps(rows, default=str).decode()
                else:
                    texts[target.name] = data.decode("utf-8")
    return texts


def _reports(cli: Any, root: Path, out: Path) -> dict[str, str]:
    texts = {}
    for fmt in ("html", "pdf", "pptx"):
        target = out / f"report.{fmt}"
        code, _, err = cli("report", "--format", fmt, "-o", str(target), workspace=root)
        assert code == 0, err
        if fmt == "html":
            texts[fmt] = target.read_text("utf-8")
        elif fmt == "pdf":
            assert shutil.which("pdftotext"), "pdftotext missing: run 'make system-deps'"
            texts[fmt] = subprocess.run(
                ["pdftotext", str(target), "-"], check=True, capture_output=True, text=True
            ).stdout
        else:
            with zipfile.ZipFile(target) as pptx:
                texts[fmt] = "".join(
                    pptx.read(n).decode("utf-8") for n in pptx.namelist() if n.endswith(".xml")
                )
    return texts


def _file_hits(path: Path, needles: list[str]) -> list[str]:
    data = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())
    return [n for n in needles if n.encode() in data or n.lower().encode() in data.lower()]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An analysed demo workspace, the two actors to erase and the side files naming them."""
    root = tmp_path_factory.mktemp("erasure") / "ws"
    with Workspace.build_demo(root, scale=1000, seed=3) as ws:
        ws.demo.pipeline()
        targets = _pick(ws)
        # Tables the erasure code does not list, as other branches add them.
        with ws.store.transaction() as writer:
            writer.con.execute("CREATE TABLE relationship_log (actor_id VARCHAR, note VARCHAR)")
            writer.con.execute("CREATE TABLE incident_timeline (seq INTEGER, detail VARCHAR)")
            for i, (actor, (handle, name, *_)) in enumerate(targets.items()):
                writer.con.execute(
                    "INSERT INTO relationship_log VALUES (?, ?)", [actor, f"Lunch with {name}"]
                )
                writer.con.execute(
                    "INSERT INTO incident_timeline VALUES (?, ?)",
                    [i, f"Escalated: @{handle} ({name}) posted the rumour"],
                )
    return {"root": root, "targets": targets, "side": _side_files(root.parent / "side", targets)}


def test_erased_people_are_nowhere(demo: dict[str, Any], cli: Any, tmp_path: Path) -> None:
    root, targets = demo["root"], demo["targets"]
    needles = [v for traces in targets.values() for v in traces]
    _import_side_files(cli, root, demo["side"])
    database = root / "influscope.duckdb"
    before = _file_hits(database, needles)
    assert before == needles  # each one is in the file: the search below can fail
    with Workspace.open(root) as ws:
        assert {t for t, _, _ in _in_tables(ws, needles)} >= {
            "alerts",
            "journey_paths",
            "communities",
            "offline_notes",
            "roster",
            "actor_labels",
            "relationships",
            "relationship_audit",
            "relationship_log",
            "incident_timeline",
        }

    for actor in targets:
        code, _, err = cli("erase", actor, "--yes", workspace=root)
        assert code == 0, err

    assert _file_hits(database, needles) == []
    with Workspace.open(root) as ws:
        assert _in_tables(ws, needles) == []
        assert ws.store.count("relationship_log") == 0  # rows keyed by the actor: deleted
        assert ws.store.count("incident_timeline") == 2  # free text: scrubbed, kept
    out = tmp_path / "out"
    out.mkdir()
    for name, text in {**_exports(cli, root, out), **_reports(cli, root, out)}.items():
        assert _found(text, needles) == [], name

    # Re-importing the side files and the posts brings nobody back.
    _import_side_files(cli, root, demo["side"])
    code, _, err = cli("ingest", "file", str(root / "demo-input" / "posts.jsonl"), workspace=root)
    assert code == 0, err
    with Workspace.open(root) as ws:
        assert _in_tables(ws, needles) == []
        assert ws.store.count("roster") > 0 and ws.store.count("offline_notes") > 0
        kept = ws.store.con.execute(
            "SELECT count(*) FROM relationships WHERE actor_id IN (SELECT unnest(?))",
            [list(targets)],
        ).fetchone()
        assert kept == (0,)
        counts = ws.store.con.execute(
            "SELECT counts FROM runs WHERE command = 'ingest relations' "
            "ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        assert counts and orjson.loads(counts[0])["erased"] == len(targets)  # counted, not silent
    for name, text in _exports(cli, root, out).items():
        assert _found(text, needles) == [], name
