"""The binary and large files of the hostile corpus, written on demand.

Small text cases are committed in ``tests/data/hostile/``; the cases that are
binary (damaged gzip, zstandard, XLSX, Parquet), in an encoding git would
mangle, or large (a 2,000-row CSV) are generated here, byte for byte the same
on every run, so the repository stays small. ``tests/data/hostile/cases.toml``
lists every case with what importing it must give.

Run ``python -m tests.ingest.hostile_corpus DEST`` to write them to DEST (to
look at them, or to feed them to a fuzzer as seeds).
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard
from openpyxl import Workbook

HEADER = "id,author,text,published_at,likes\n"


def _post(i: int, text: str = "", likes: object = None, when: str = "") -> str:
    return (
        f"{i},user{i % 50},{text or f'post {i}'},{when or '2026-01-01T10:00:00Z'},"
        f"{i % 7 if likes is None else likes}\n"
    )


def latin1_line1502(dest: Path) -> None:
    """2,000 UTF-8 rows (accents every tenth) and one latin-1 byte on line 1502."""
    lines = [HEADER.encode()]
    for i in range(1, 2001):
        text = f"post {i} café à l'usine" if i % 10 == 0 else f"post {i}"
        lines.append(_post(i, text).encode())
    lines[1501] = _post(1501, "un caf\xe9 mal encod\xe9").encode("latin-1")
    (dest / "latin1_line1502.csv").write_bytes(b"".join(lines))


def ascii_and_one_latin1(dest: Path) -> None:
    """ASCII but for one latin-1 byte: the file is cp1252/latin-1, and every row reads."""
    body = [HEADER] + [_post(i, "un café" if i == 5 else "") for i in range(1, 21)]
    (dest / "ascii_latin1.csv").write_bytes("".join(body).encode("latin-1"))


def overflow(dest: Path) -> None:
    """500 good rows and 3 values Python or the store cannot hold (lines 100, 300, 502)."""
    rows = [HEADER]
    for i in range(1, 504):
        line = len(rows) + 1
        if line == 100:
            rows.append(_post(i, likes="99999999999999999999999"))
        elif line == 300:
            rows.append(_post(i, likes="1e400"))
        elif line == 502:
            rows.append(_post(i, when="0001-01-01T00:00:00+14:00"))
        else:
            rows.append(_post(i))
    (dest / "overflow.csv").write_text("".join(rows), encoding="utf-8")


def _small_csv() -> bytes:
    return (HEADER + "".join(_post(i) for i in range(1, 11))).encode()


def gzip_bad_crc(dest: Path) -> None:
    """A gzip whose CRC-32 trailer is wrong (the data decompresses; the check fails)."""
    data = bytearray(gzip.compress(_small_csv(), mtime=0))
    data[-8] ^= 0xFF
    (dest / "bad_crc.csv.gz").write_bytes(bytes(data))


def gzip_truncated(dest: Path) -> None:
    """A gzip cut in the middle (an interrupted download): click used to say "Aborted."."""
    data = gzip.compress(_small_csv() * 20, mtime=0)
    (dest / "truncated.csv.gz").write_bytes(data[: len(data) // 2])


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX_ROWS: list[list[object]] = [["id", "author", "text"]] + [
    [i, f"user{i}", f"post {i}"] for i in range(1, 6)
]


def xlsx_truncated(dest: Path) -> None:
    data = _workbook(XLSX_ROWS)
    (dest / "truncated.xlsx").write_bytes(data[: len(data) // 2])


def xlsx_chartsheet_only(dest: Path) -> None:
    """A workbook whose only sheet is a chart sheet (no worksheet: was an IndexError)."""
    book = Workbook()
    book.create_chartsheet("Chart")
    default = book["Sheet"]
    book.remove(default)
    book.save(dest / "chartsheet_only.xlsx")


def xlsx_broken_sheet(dest: Path) -> None:
    """A workbook whose sheet XML is cut short (was an XML ParseError mid-import)."""
    source = zipfile.ZipFile(io.BytesIO(_workbook(XLSX_ROWS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    (dest / "broken_sheet.xlsx").write_bytes(out.getvalue())


def parquet_truncated(dest: Path) -> None:
    out = io.BytesIO()
    pq.write_table(pa.table({"id": ["1", "2"], "text": ["a", "b"]}), out)
    data = out.getvalue()
    (dest / "truncated.parquet").write_bytes(data[: len(data) - 20])


def parquet_year_300000(dest: Path) -> None:
    """Five rows; row 3 has a timestamp in the year 300000 (no Python datetime holds it)."""
    seconds = [int(datetime(2026, 1, d, tzinfo=UTC).timestamp()) for d in range(1, 6)]
    seconds[2] = 300_000 * 365 * 86_400
    table = pa.table(
        {
            "id": [str(i) for i in range(1, 6)],
            "text": [f"post {i}" for i in range(1, 6)],
            "published_at": pa.array(seconds, pa.timestamp("s")),
        }
    )
    pq.write_table(table, dest / "year_300000.parquet")


def zstd_damaged(dest: Path) -> None:
    """A Pushshift-style .zst dump whose compressed data is corrupt in the middle."""
    lines = b"".join(
        json.dumps({"id": f"c{i}", "body": "x" * 50, "created_utc": 1700000000}).encode() + b"\n"
        for i in range(200)
    )
    data = bytearray(zstandard.ZstdCompressor().compress(lines))
    for at in range(len(data) // 2, len(data) // 2 + 16):
        data[at] ^= 0x5A
    (dest / "damaged.zst").write_bytes(bytes(data))


def jsonl_latin1_byte(dest: Path) -> None:
    """UTF-8 JSON Lines with a raw latin-1 byte on line 4 (DuckDB and orjson both refuse it).

    The other lines have accents in UTF-8, so the file is UTF-8 with one damaged
    line (ASCII and one latin-1 byte would be a latin-1 file, read whole).
    """
    lines = [
        json.dumps(
            {"id": str(i), "author": f"u{i}", "text": f"été {i}"}, ensure_ascii=False
        ).encode()
        + b"\n"
        for i in range(1, 11)
    ]
    lines[3] = b'{"id": "4", "author": "u4", "text": "caf\xe9"}\n'
    (dest / "latin1_byte.jsonl").write_bytes(b"".join(lines))


def utf16(dest: Path) -> None:
    """The same 3 rows in UTF-16 with a BOM (Meltwater) and UTF-16-LE without (a TSV)."""
    rows = HEADER + "".join(_post(i, "été à l'usine") for i in range(1, 4))
    (dest / "utf16_bom.csv").write_bytes(rows.encode("utf-16"))
    (dest / "utf16le_nobom.tsv").write_bytes(rows.replace(",", "\t").encode("utf-16-le"))


def deep_json(dest: Path) -> None:
    """A JSON document nested 100,000 deep (the decoder's recursion limit)."""
    (dest / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


GEXF = """<?xml version="1.0" encoding="{encoding}"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="directed">
    <nodes>
      <node id="1" label="Café du Commerce"/>
      <node id="2" label="Élysée"/>
    </nodes>
    <edges>
      <edge source="1" target="2" weight="2"/>
    </edges>
  </graph>
</gexf>
"""


def gexf_encodings(dest: Path) -> None:
    """GEXF files in ISO-8859-1 and UTF-16, as their prologs declare."""
    latin = GEXF.format(encoding="ISO-8859-1").encode("latin-1")
    (dest / "iso8859.gexf").write_bytes(latin)
    (dest / "utf16.gexf").write_bytes(GEXF.format(encoding="UTF-16").encode("utf-16"))


def gml_latin1(dest: Path) -> None:
    text = (
        'graph [\n  node [\n    id 1\n    label "Café"\n  ]\n'
        '  node [\n    id 2\n    label "Élysée"\n  ]\n'
        "  edge [\n    source 1\n    target 2\n  ]\n]\n"
    )
    (dest / "latin1.gml").write_bytes(text.encode("latin-1"))


def csv_graph_latin1(dest: Path) -> None:
    (dest / "latin1_nodes.csv").write_bytes("id,label\n1,Café\n2,Élysée\n".encode("latin-1"))
    (dest / "latin1_edges.csv").write_bytes(b"source,target,weight\n1,2,1\n")


def nul_ids(dest: Path) -> None:
    """NUL bytes in node ids, labels and edge ends (GML, and a CSV pair)."""
    gml = (
        b'graph [\n  node [\n    id 1\n    label "ok"\n  ]\n'
        b'  node [\n    id 2\n    label "nul\x00here"\n  ]\n'
        b'  node [\n    id "3\x00"\n    label "three"\n  ]\n'
        b"  edge [\n    source 1\n    target 2\n  ]\n]\n"
    )
    (dest / "nul_ids.gml").write_bytes(gml)
    (dest / "nul_nodes.csv").write_bytes(b"id,label\n1,one\n2,tw\x00o\n3,three\n")
    (dest / "nul_edges.csv").write_bytes(b"source,target\n1,3\n1\x00,3\n3,1\n")


def roster(dest: Path) -> None:
    (dest / "roster_latin1.csv").write_bytes(
        "actor_id,name,department\ntwitter:jd,Jérôme Dupré,Communication\n"
        "twitter:am,Amélie,Achats\n".encode("latin-1")
    )
    (dest / "roster_nul.csv").write_bytes(
        b"actor_id,name,department\ntwitter:a\x00b,A,X\ntwitter:ok,OK,Y\n"
    )


GENERATORS: list[Callable[[Path], None]] = [
    latin1_line1502,
    ascii_and_one_latin1,
    overflow,
    gzip_bad_crc,
    gzip_truncated,
    xlsx_truncated,
    xlsx_chartsheet_only,
    xlsx_broken_sheet,
    parquet_truncated,
    parquet_year_300000,
    zstd_damaged,
    jsonl_latin1_byte,
    utf16,
    deep_json,
    gexf_encodings,
    gml_latin1,
    csv_graph_latin1,
    nul_ids,
    roster,
]


def generate(dest: Path) -> None:
    """Write every generated case into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for write in GENERATORS:
        write(dest)


if __name__ == "__main__":
    generate(Path(sys.argv[1]))
