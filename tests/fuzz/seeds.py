"""Seed inputs of the fuzz targets, and hypothesis strategies that mutate them.

Seeds are the recorded files of the tests (vendor and platform presets,
graphs) and the hostile corpus, generated ones included, so that mutations
start from inputs that reach deep into each reader.
"""

from __future__ import annotations

import io
import tempfile
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import strategies as st

from tests.conftest import DATA
from tests.ingest.hostile_corpus import generate

# Byte strings that break readers: quotes, NUL, encodings, numbers and dates
# out of range, markup, JSON escapes.
TOKENS = [
    b'"', b"'", b"\x00", b"\xe9", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\n", b"\r\n", b",",
    b";", b"\t", b"[", b"]", b"{", b"}", b"<", b">", b"&amp;", b"&#0;", b"1e400", b"-1",
    b"99999999999999999999999", b"1234567890123456789012345678901234567890", b"NaN", b"inf",
    b"0001-01-01T00:00:00+14:00", b"9999-12-31T23:59:59-12:00", b"2026-02-30", b"true",
    b'{"a": 1}', b"\\u0000", b"\\ud800", b"=HYPERLINK(1)", b"@", b"#", b":", b"twitter:",
    b"\x1f\x8b", b"PK\x03\x04", b"\x28\xb5\x2f\xfd", b"]]>", b"<!ENTITY x 'y'>",
]  # fmt: skip

SEEDS_BY_TARGET = {
    "csv": ["hostile/runaway_quote.csv", "gen/overflow.csv", "gen/utf16_bom.csv",
            "gen/bad_crc.csv.gz", "gen/ascii_latin1.csv"],
    "tsv": ["gen/utf16le_nobom.tsv"],
    "jsonl": ["hostile/hostile.jsonl", "gen/latin1_byte.jsonl"],
    "json": ["hostile/items.json", "hostile/truncated.json"],
    "xlsx": ["gen/broken_sheet.xlsx", "gen/chartsheet_only.xlsx", "made/posts.xlsx"],
    "parquet": ["gen/year_300000.parquet", "made/posts.parquet"],
    "gexf": ["graphs/hyphe.gexf", "hostile/hostile.gexf", "gen/iso8859.gexf", "gen/utf16.gexf"],
    "graphml": ["graphs/map.graphml"],
    "gml": ["graphs/quirky.gml", "hostile/hostile.gml", "gen/nul_ids.gml", "gen/latin1.gml"],
    "nodes-csv": ["graphs/nodes.csv", "hostile/hostile_nodes.csv", "gen/nul_nodes.csv"],
    "edges-csv": ["graphs/edges.csv", "hostile/hostile_edges.csv", "gen/nul_edges.csv"],
    "labels": ["made/labels.csv"],
    "roster": ["gen/roster_latin1.csv", "gen/roster_nul.csv"],
    "notes": ["hostile/notes.csv"],
    "demand": ["hostile/demand.csv"],
    "keyword-planner": ["made/planner.csv"],
    "search-console": ["made/queries.csv"],
    "serp": ["hostile/serp.csv"],
    "serpapi": ["made/serpapi.json"],
    "transitions": ["made/transitions.csv"],
    "clickstream": ["made/clickstream.tsv"],
    "talkwalker": ["presets/talkwalker.csv", "hostile/talkwalker.csv"],
    "brandwatch": ["presets/brandwatch.csv"],
    "meltwater": ["presets/meltwater.csv"],
    "visibrain": ["presets/visibrain.csv"],
    "digimind": ["presets/brandwatch.csv"],
    "vendor-xlsx": ["made/talkwalker.xlsx"],
    "twarc2": ["presets/twarc2.jsonl"],
    "twitter-v1": ["presets/twitter_v1.json"],
    "mastodon": ["presets/mastodon.jsonl"],
    "bluesky": ["presets/bluesky.jsonl"],
    "reddit": ["presets/reddit.ndjson"],
    "reddit-zst": ["gen/damaged.zst", "made/reddit.zst"],
    "rss": ["presets/feed.xml"],
}  # fmt: skip


def _made(folder: Path) -> None:
    """Valid binary seeds the corpus lacks (a workbook, a Parquet file, a .zst dump…)."""
    import zstandard
    from openpyxl import Workbook

    rows = [["id", "author", "text", "published_at", "likes"]] + [
        [i, f"user{i}", f"post {i} @bob #tag", "2026-01-01T10:00:00Z", i] for i in range(1, 6)
    ]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(folder / "posts.xlsx")
    vendor = Workbook()
    sheet = vendor.active
    assert sheet is not None
    sheet.append(["Talkwalker export"])
    for line in (DATA / "presets" / "talkwalker.csv").read_text("utf-8").splitlines()[:4]:
        sheet.append(line.split(","))
    vendor.save(folder / "talkwalker.xlsx")
    table = pa.table({name: [r[i] for r in rows[1:]] for i, name in enumerate(rows[0])})
    pq.write_table(table, folder / "posts.parquet")
    (folder / "labels.csv").write_text(
        "actor_id,field,value\ntwitter:a,stance,allié\ntwitter:b,kind,media\n", "utf-8"
    )
    (folder / "planner.csv").write_bytes(
        "Keyword Stats 2026-01-01 at 10_00_00\n1 janv. 2025 - 31 déc. 2025\n"
        "Keyword\tCurrency\tAvg. monthly searches\nusine du futur\tEUR\t1 000\n"
        "cobot\tEUR\t10K – 100K\n".encode("utf-16")
    )
    (folder / "queries.csv").write_text(
        "Top queries,Clicks,Impressions,CTR,Position\nusine,10,100,10%,2.5\n", "utf-8"
    )
    (folder / "serpapi.json").write_text(
        '{"search_parameters": {"q": "usine", "engine": "google"}, '
        '"search_metadata": {"created_at": "2026-01-05 10:00:00 UTC"}, "organic_results": '
        '[{"position": 1, "link": "https://a.fr/x", "title": "A"}, {"position": 2}]}',
        "utf-8",
    )
    (folder / "transitions.csv").write_text(
        "src_url,dst_url,clicks\nhttps://a.fr/x,https://b.fr/y,12\nother-search,https://b.fr/y,1e400\n",
        "utf-8",
    )
    (folder / "clickstream.tsv").write_text(
        "other-search\tUsine\texternal\t120\nUsine\tRobot\tlink\t30\nUsine\tCobot\tlink\tx\n",
        "utf-8",
    )
    lines = (DATA / "presets" / "reddit.ndjson").read_bytes()
    (folder / "reddit.zst").write_bytes(zstandard.ZstdCompressor().compress(lines))


@cache
def seeds(target: str) -> list[bytes]:
    """The seed files of a target, as bytes."""
    with tempfile.TemporaryDirectory(prefix="influscope-seeds-") as tmp:
        root = Path(tmp)
        generate(root / "gen")
        (root / "made").mkdir()
        _made(root / "made")
        places = {"gen": root / "gen", "made": root / "made", "hostile": DATA / "hostile"}
        places |= {"graphs": DATA / "graphs", "presets": DATA / "presets"}
        found = []
        for name in SEEDS_BY_TARGET[target]:
            folder, _, file = name.partition("/")
            found.append((places[folder] / file).read_bytes())
    return found


@st.composite
def mutated(draw: st.DrawFn, target: str) -> bytes:
    """A seed of ``target`` with a few edits: bytes flipped, inserted, deleted, cut, spliced."""
    data = bytearray(draw(st.sampled_from(seeds(target))))
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "cut", "token", "repeat"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "cut":
            del data[at:]
        elif op == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 200))] * draw(st.integers(1, 4))
    return bytes(data)


def inputs(target: str) -> st.SearchStrategy[bytes]:
    """Mutated seeds mostly, some raw bytes, some token soups."""
    soup = st.lists(st.sampled_from(TOKENS) | st.binary(max_size=6), max_size=40).map(b"".join)
    return st.one_of(mutated(target), mutated(target), st.binary(max_size=512), soup)


def xlsx_bytes(cells: list[list[object]]) -> bytes:
    """A workbook holding ``cells`` (for structured XLSX inputs)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in cells:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
