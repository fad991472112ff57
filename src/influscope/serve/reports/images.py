"""Pictures for reports: Vega-Lite charts through vl-convert, the map through matplotlib.

The map labels only its heaviest actors, and only where a name does not
cover another: names are placed heaviest first, each tried right, left,
above and below its node, and left out when every place overlaps a name
already placed or leaves the drawing. The legend (the camps) sits outside
the drawing, to its right, so it never hides a node. :func:`draw_map` returns
the boxes of what it placed, measured by matplotlib's renderer, so a test can
check them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
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
# Names tried on the map (heaviest first), and how far from its node a name sits (points).
LABELLED = 15
OFFSET = 4.0
LEGEND_CAMPS = 10
# A box in pixels of the PNG: left, bottom, right, top (origin at the bottom-left).
Box = tuple[float, float, float, float]


@dataclass
class MapPicture:
    """The map as PNG bytes, with the pixel boxes of its names, its drawing and its legend."""

    png: bytes
    labels: dict[str, Box] = field(default_factory=dict)
    axes: Box | None = None
    legend: Box | None = None
    size: tuple[int, int] = (0, 0)


def chart_png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    """A Vega-Lite spec as PNG bytes (rendered without a browser)."""
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(spec, scale=scale))


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(a: Box, outer: Box) -> bool:
    """Whether box ``a`` lies within ``outer``."""
    return a[0] >= outer[0] and a[1] >= outer[1] and a[2] <= outer[2] and a[3] <= outer[3]


def _extent(artist: Any, renderer: Any) -> Box:
    box = artist.get_window_extent(renderer)
    return (float(box.x0), float(box.y0), float(box.x1), float(box.y1))


def map_png(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], lang: str = "en") -> bytes:
    """The map as PNG bytes (see :func:`draw_map`)."""
    return draw_map(nodes, edges, lang).png


def draw_map(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], lang: str = "en"
) -> MapPicture:
    """The map from its layout: nodes coloured by camp, sized by weight, top names labelled.

    Names are drawn as plain text (math parsing off), so a name full of ``$``
    or markup is shown as it is.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    placed = [n for n in nodes if n.get("x") is not None and n.get("y") is not None]
    where = {n["actor_id"]: (float(n["x"]), float(n["y"])) for n in placed}
    fig, ax = plt.subplots(figsize=(11.5, 6.2), dpi=120)
    fig.subplots_adjust(left=0.01, right=0.72, top=0.94, bottom=0.01)
    segments = []
    for e in edges[:20000]:
        a = where.get(e.get("source", e.get("src")))
        b = where.get(e.get("target", e.get("dst")))
        if a and b:
            segments.append([a, b])
    # One collection for every edge: thousands of separate lines take seconds to draw.
    ax.add_collection(LineCollection(segments, colors="#d5d9de", linewidths=0.3, zorder=1))
    communities = sorted({_camp(n) for n in placed})
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(communities)}
    top = max([float(n.get("weight") or 0) for n in placed] or [1.0]) or 1.0
    ax.scatter(
        [where[n["actor_id"]][0] for n in placed],
        [where[n["actor_id"]][1] for n in placed],
        s=[8 + 200 * (float(n.get("weight") or 0) / top) for n in placed],
        c=[colour[_camp(n)] for n in placed],
        zorder=2,
        linewidths=0,
    )
    ax.set_axis_off()
    ax.set_title("Cartographie" if lang == "fr" else "Map", fontsize=12)
    legend = None
    if communities:
        for c in communities[:LEGEND_CAMPS]:
            ax.scatter([], [], c=colour[c], label=c[:48])
        legend = ax.legend(
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            borderaxespad=0.0,
            fontsize=8,
            frameon=False,
            title="Camps",
            title_fontsize=9,
        )
        for text in legend.get_texts():
            text.set_parse_math(False)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = _extent(ax, renderer)
    labels = _place_labels(ax, renderer, placed, where, frame)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    picture = MapPicture(
        png=buffer.getvalue(),
        labels=labels,
        axes=frame,
        legend=_extent(legend, renderer) if legend is not None else None,
        size=(int(fig.bbox.width), int(fig.bbox.height)),
    )
    plt.close(fig)
    return picture


def _padded(box: Box, pad: float = 1.5) -> Box:
    """A name's box with a little room around it (two names never touch)."""
    return (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)


def _camp(node: dict[str, Any]) -> str:
    return str(node.get("community_label") or node.get("community"))


def _place_labels(
    ax: Any,
    renderer: Any,
    placed: list[dict[str, Any]],
    where: dict[str, tuple[float, float]],
    frame: Box,
) -> dict[str, Box]:
    """Names of the heaviest actors where they cover no other name and stay in the drawing."""
    from matplotlib import patheffects

    # A white outline keeps a name readable over the nodes (within the padded box).
    halo = [patheffects.withStroke(linewidth=2.0, foreground="white")]
    heaviest = sorted(placed, key=lambda n: (-(float(n.get("weight") or 0)), str(n["actor_id"])))
    taken: dict[str, Box] = {}
    # (offset in points, horizontal and vertical alignment) tried in turn
    spots = [
        ((OFFSET, 0.0), "left", "center"),
        ((-OFFSET, 0.0), "right", "center"),
        ((0.0, OFFSET), "center", "bottom"),
        ((0.0, -OFFSET), "center", "top"),
    ]
    for node in heaviest[:LABELLED]:
        x, y = where[node["actor_id"]]
        name = str(node.get("name") or node["actor_id"])[:32]
        for offset, ha, va in spots:
            text = ax.annotate(
                name,
                (x, y),
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=8,
                zorder=3,
                path_effects=halo,
            )
            text.set_parse_math(False)
            box = _padded(_extent(text, renderer))
            if inside(box, frame) and not any(overlaps(box, b) for b in taken.values()):
                taken[str(node["actor_id"])] = box
                break
            text.remove()
    return taken
