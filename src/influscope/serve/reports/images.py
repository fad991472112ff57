"""Pictures for reports: Vega-Lite charts through vl-convert, the map through matplotlib."""

from __future__ import annotations

import io
from typing import Any

PALETTE = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
]


def chart_png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    """A Vega-Lite spec as PNG bytes (rendered without a browser)."""
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(spec, scale=scale))


def map_png(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], lang: str = "en") -> bytes:
    """The map from its layout: nodes coloured by community and sized by weight, top names labelled.

    Names are drawn as plain text (math parsing off), so a name full of ``$``
    or markup is shown as it is.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    placed = [n for n in nodes if n.get("x") is not None and n.get("y") is not None]
    where = {n["actor_id"]: (float(n["x"]), float(n["y"])) for n in placed}
    fig, ax = plt.subplots(figsize=(8, 6), dpi=120)
    for e in edges[:20000]:
        a = where.get(e.get("source", e.get("src")))
        b = where.get(e.get("target", e.get("dst")))
        if a and b:
            ax.plot([a[0], b[0]], [a[1], b[1]], color="#d5d9de", linewidth=0.3, zorder=1)
    communities = sorted({str(n.get("community_label") or n.get("community")) for n in placed})
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(communities)}
    top = max([float(n.get("weight") or 0) for n in placed] or [1.0]) or 1.0
    ax.scatter(
        [where[n["actor_id"]][0] for n in placed],
        [where[n["actor_id"]][1] for n in placed],
        s=[8 + 200 * (float(n.get("weight") or 0) / top) for n in placed],
        c=[colour[str(n.get("community_label") or n.get("community"))] for n in placed],
        zorder=2,
        linewidths=0,
    )
    for n in sorted(placed, key=lambda n: -(n.get("weight") or 0))[:12]:
        x, y = where[n["actor_id"]]
        ax.text(
            x, y, str(n.get("name") or n["actor_id"])[:40], fontsize=7, parse_math=False, zorder=3
        )
    for c in communities[:10]:
        ax.scatter([], [], c=colour[c], label=c[:40].replace("$", r"\$"))
    if communities:
        ax.legend(loc="lower right", fontsize=7, frameon=False)
    ax.set_axis_off()
    ax.set_title("Cartographie" if lang == "fr" else "Map", fontsize=11)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()
