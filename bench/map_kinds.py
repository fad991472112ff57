"""Benchmark: how the coarse level should weigh interaction kinds, cross-validated.

Endorsements (reposts, quotes, links) carry camp membership; replies and
mentions are often conversation or conflict. The coarse level gives every
endorsement kind weight 1 and replies/mentions a lighter weight λ
(``[map] coarse_weights``). This script measures the NMI between the coarse
communities and the real camps for each λ on every network at hand, then
chooses λ by leave-one-network-out: for each network, λ is the best on the
others, and the figure reported for it is the NMI it then gets. The default
is the λ best on all networks together; the LOO figures say how well such a
choice carries over to a network it was not chosen on.

Networks:

- ``polblogs`` (../shared/datasets/polblogs): hyperlinks only, so λ changes
  nothing; it checks that the endorsement layer alone still finds the camps;
- ``demo``: the simulated scenario (its camps planted, half of its replies
  and mentions crossing camps);
- ``timme`` (optional, ``--timme DIR``): the TIMME "PureP" network of 583
  US politicians on Twitter (retweets incl. quotes, mentions, replies, with
  party labels; Xiao et al., KDD 2020, github.com/PatriciaXiao/TIMME
  ``data/PureP``: ``dict.csv``, ``retweet_list.csv``, ``mention_list.csv``,
  ``reply_list.csv``). Not stored in the repository or in ../shared.

The "all kinds equal" weighting (λ = 1) is the behaviour before kinds were
weighed by meaning. λ = 0 is not a candidate: it leaves actors who only
reply or mention without any tie at the coarse level (each its own camp), and
the map must place every actor (on TIMME it fell to NMI 0.05).

Usage: python bench/map_kinds.py [--timme DIR] [--scale 20000] [--record]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
from sklearn.metrics import normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, record  # noqa: E402

from influscope.analyze.map import communities as comm  # noqa: E402
from influscope.analyze.map.graph import edge_table, graph_from_arrow  # noqa: E402
from influscope.analyze.map.scope import Scope  # noqa: E402
from influscope.config import MapSettings  # noqa: E402

GRID = (0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)
ENDORSEMENT = ("repost", "quote", "link", "cite")
CONVERSATION = ("reply", "mention")


def weights(light: float) -> dict[str, float]:
    """Endorsement kinds at 1, conversation kinds at ``light``."""
    return {**dict.fromkeys(ENDORSEMENT, 1.0), **dict.fromkeys(CONVERSATION, light)}


def score(table: pa.Table, truth: dict[str, str], light: float, seed: int = 42) -> float:
    """NMI of the coarse level against the camps, over the actors that have one."""
    settings = MapSettings(coarse_weights=weights(light))
    graph = graph_from_arrow(table, settings, {})
    part = comm.detect(graph, "auto", settings.fine_resolution, seed)
    known = [i for i, a in enumerate(graph.ids) if a in truth]
    labels = [truth[graph.ids[i]] for i in known]
    return float(normalized_mutual_info_score(labels, part.coarse[known]))


def polblogs(shared: Path) -> tuple[pa.Table, dict[str, str]]:
    """The polblogs hyperlinks as ``link`` edges, with the two camps."""
    folder = shared / "datasets" / "polblogs"
    with (folder / "polblogs_nodes.csv").open(encoding="utf-8") as handle:
        truth = {f"b:{r['id']}": r["leaning"] for r in csv.DictReader(handle)}
    src, dst = [], []
    with (folder / "polblogs_edges.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            a, b = line.split()
            src.append(f"b:{a}")
            dst.append(f"b:{b}")
    table = pa.table({"src": src, "dst": dst, "kind": ["link"] * len(src), "w": [1.0] * len(src)})
    return table, truth


def demo(scale: int, seed: int) -> tuple[pa.Table, dict[str, str]]:
    """The demo scenario's aggregated interactions (as the map reads them) and its camps."""
    from influscope.workspace import Workspace

    root = Path(tempfile.mkdtemp(prefix="map-kinds-")) / "ws"
    ws = Workspace.build_demo(root, scale=scale, seed=seed)
    try:
        settings = MapSettings()
        table = ws.store.to_arrow(edge_table(ws.store, Scope(), settings))
    finally:
        ws.close()
    truth = json.loads((root / "demo-input" / "ground_truth.json").read_text("utf-8"))
    return table, dict(truth["communities"])


def timme(folder: Path) -> tuple[pa.Table, dict[str, str]]:
    """TIMME PureP: retweets as reposts, mentions, replies; party (D/R) as the camps."""
    with (folder / "dict.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        truth = {f"t:{r['twitter_id']}": r["party"] for r in rows if r["party"] in ("D", "R")}
    src, dst, kind, w = [], [], [], []
    for name, as_kind in (("retweet", "repost"), ("mention", "mention"), ("reply", "reply")):
        with (folder / f"{name}_list.csv").open(encoding="utf-8") as handle:
            reader = csv.reader(handle, delimiter="\t")
            next(reader)
            for a, b, count in reader:
                src.append(f"t:{a}")
                dst.append(f"t:{b}")
                kind.append(as_kind)
                w.append(float(count))
    return pa.table({"src": src, "dst": dst, "kind": kind, "w": w}), truth


def main() -> None:
    """Measure every network at every λ, then leave one network out at a time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timme", type=Path, help="folder of TIMME data/PureP")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--scale", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--record", action="store_true", help="append to BENCHMARKS.md")
    args = parser.parse_args()
    networks = {"polblogs": polblogs(args.shared), "demo": demo(args.scale, args.seed)}
    if args.timme:
        networks["timme"] = timme(args.timme)
    table = {
        name: {light: score(t, truth, light) for light in GRID}
        for name, (t, truth) in networks.items()
    }
    lines = ["NMI of the coarse level against the real camps, per conversation weight λ:"]
    for name, row in table.items():
        cells = ", ".join(f"λ={light:g}: {row[light]:.3f}" for light in GRID)
        lines.append(f"{name}: {cells}")
    names = sorted(table)
    for held in names:
        others = [n for n in names if n != held]
        best = max(GRID, key=lambda light: (sum(table[n][light] for n in others), -light))
        lines.append(
            f"leave {held} out: λ={best:g} chosen on {', '.join(others)}; "
            f"{held} NMI {table[held][best]:.3f} (all kinds equal: {table[held][1.0]:.3f})"
        )
    overall = max(GRID, key=lambda light: (sum(table[n][light] for n in names), -light))
    lines.append(f"best on all networks together: λ={overall:g}")
    command = "python bench/map_kinds.py" + (" --timme DIR" if args.timme else "")
    if args.record:
        record("Coarse level: interaction kinds weighed, leave-one-network-out", command, lines)
    else:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
