"""Text that fits its box: measured with the font the deck and the map use.

A slide cannot grow: a text longer than its box runs off the slide. Every
text the deck writes is laid out here first, with the real glyph widths of
DejaVu Sans (the font matplotlib ships, so it is there wherever the package
is installed; the deck names it on every run of text), measured by Pillow:
greedy word wrapping to the box's width, at most ``max_lines`` lines, the last
one cut at a word and ended with "…". Widths are in points; a line is
:data:`LINE_HEIGHT` times the font size tall.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from PIL import ImageFont

FONT_NAME = "DejaVu Sans"
LINE_HEIGHT = 1.2
ELLIPSIS = "…"
# Pillow measures in pixels of a font of integer size: measure at 20 px per point.
_SCALE = 20


def font_path(bold: bool = False) -> Path:
    """DejaVu Sans as matplotlib ships it (found without importing matplotlib)."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations, "matplotlib is a dependency"
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return folder / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


@cache
def _font(size_pt: float, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(bold)), size=round(size_pt * _SCALE))


def width(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of one line of ``text`` in points."""
    return float(_font(size_pt, bold).getlength(text)) / _SCALE


def wrap(text: str, size_pt: float, box_pt: float, bold: bool = False) -> list[str]:
    """``text`` wrapped greedily at spaces into lines no wider than ``box_pt``.

    A word wider than the box is broken between characters. Line breaks in
    the text are kept.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if width(candidate, size_pt, bold) <= box_pt:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for char in word:
                if width(line + char, size_pt, bold) > box_pt and line:
                    lines.append(line)
                    line = ""
                line += char
        lines.append(line)
    return lines


def fit(text: str, size_pt: float, box_pt: float, max_lines: int, bold: bool = False) -> str:
    """``text`` as at most ``max_lines`` lines of ``box_pt`` points, joined by newlines.

    The lines are broken here, not left to the viewer's own wrapping, so the
    deck's text takes the lines measured whatever program opens it.
    """
    lines = wrap(text, size_pt, box_pt, bold)
    if len(lines) <= max_lines:
        return "\n".join(lines)
    kept = lines[:max_lines]
    last = kept[-1]
    while last and width(last + ELLIPSIS, size_pt, bold) > box_pt:
        last = last[:-1] if " " not in last else last.rsplit(" ", 1)[0]
    kept[-1] = last.rstrip() + ELLIPSIS
    return "\n".join(kept)


def height(lines: int, size_pt: float) -> float:
    """The height in points of ``lines`` lines of text of ``size_pt``."""
    return lines * size_pt * LINE_HEIGHT
