"""Write docs/sample/: the small SIMULATED export the getting-started page works on.

Everything comes from the demo generator (``influscope.demo``) at a small scale
and a fixed seed, so the files are invented (no real person, company or post)
and the same on every run: ``tests/test_docs_sample.py`` regenerates them and
compares. Usage: ``python scripts/docs_sample.py [FOLDER]`` (default
docs/sample). The CC0 text beside them (LICENSE) is not generated.
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
import tempfile
from pathlib import Path

import orjson

from influscope.demo import demo_config_text, write_scenario
from influscope.ingest.files.generic import FIELDS

ROOT = Path(__file__).resolve().parents[1]
SCALE = 2_000
SEED = 7
COPIED = ["demand.csv", "serp.csv", "labels_actors.csv"]
README = f"""\
# Sample export (SIMULATED)

The files the [getting-started page](../getting-started.md) works on. They are
**simulated**: `scripts/docs_sample.py` wrote them with influscope's demo
generator (`influscope.demo`, scale {SCALE}, seed {SEED}). The company
« Ardent Industrie », its competitors, the people, sites and posts are
invented; nothing describes real people or events.
*Données simulées : personnes, entreprises, sites et messages sont inventés.*

| File | What it is |
|---|---|
| [posts.csv](posts.csv) | {{posts}} posts and web pages, one per row, in influscope's generic columns (`ingest file` needs no `--map`) |
| [brands-and-axes.toml](brands-and-axes.toml) | the company, its competitors, three axes and three alert rules, to append to a new workspace's `influscope.toml` |
| [labels_actors.csv](labels_actors.csv) | a few known stances (`actor_id,field,value`) that seed the map |
| [demand.csv](demand.csv) | monthly search volumes per query (`query,volume,locale,period`) |
| [serp.csv](serp.csv) | the result pages of those queries (`query,captured_at,rank,url,title,snippet,engine`) |

## Licence

These files are dedicated to the public domain under
[CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/) (text in [LICENSE](LICENSE)):
copy, change and share them freely.
"""


def brands_and_axes() -> str:
    """The demo configuration's brands, axes and alert rules (no workspace settings)."""
    text = demo_config_text(SCALE, SEED)
    start = text.index("# --- Brands")
    end = text.index("[[channels]]")
    header = "# SIMULATED sample: append to the influscope.toml that `influscope init` wrote.\n\n"
    return header + text[start:end].rstrip() + "\n"


def posts_csv(jsonl: Path) -> tuple[str, int]:
    """The generated posts as a CSV in the generic columns, and their count."""
    out = io.StringIO()
    # The generic columns of `influscope ingest file`: the sample needs no --map.
    writer = csv.DictWriter(out, FIELDS, extrasaction="raise", lineterminator="\n")
    writer.writeheader()
    count = 0
    for line in jsonl.read_bytes().splitlines():
        record = orjson.loads(line)
        writer.writerow({k: "" if record.get(k) is None else record[k] for k in FIELDS})
        count += 1
    return out.getvalue(), count


def write_sample(folder: Path) -> None:
    """Write every file of the sample into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        files = write_scenario(Path(tmp) / "demo-input", scale=SCALE, seed=SEED)
        posts, count = posts_csv(files.posts)
        (folder / "posts.csv").write_text(posts, encoding="utf-8")
        for name in COPIED:
            shutil.copyfile(files.folder / name, folder / name)
    (folder / "brands-and-axes.toml").write_text(brands_and_axes(), encoding="utf-8")
    (folder / "README.md").write_text(README.replace("{posts}", f"{count:,}"), encoding="utf-8")


if __name__ == "__main__":
    write_sample(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "sample")
