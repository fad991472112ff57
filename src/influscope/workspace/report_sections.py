"""Sections other analyses add to the management report (an incident, a quarter's influence…).

A section is computed in the workspace, where its analysis lives, and drawn
by every format the same way: a title, key figures shown as cards, and at
most one table. It is language-neutral data: titles, labels and headers are
English sentences of the one message catalogue (mark them with ``N_`` in a
serve module and run ``make i18n``; docs/how-to/translate.md), values are
numbers or text, and a figure says
how it is shown (``count``, ``share`` as a percentage, ``text``), so the
exporters format it in the report's language.

A section builder is a function ``(context, scope) -> ReportSection | None``
(None: nothing to show for this scope), registered as an ``influscope.section``
entry point (:mod:`influscope.plugins`, kind ``section``) or passed to
:func:`build_sections` directly. Builders run in name order, so a report's
sections have a stable order.

Example (``pyproject.toml`` of the plugin):
    [project.entry-points."influscope.section"]
    influence-quarter = "influscope.workspace.influence:quarter_section"
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from influscope.plugins import Group
from influscope.workspace.context import Context

# How a figure's value is shown: a whole number, a share (0-1) as a percentage, or text.
FigureKind = Literal["count", "share", "text"]
Cell = str | int | float | None


@dataclass(frozen=True)
class SectionScope:
    """The scope of the report a section is built for (axis and period, both optional)."""

    axis: str | None
    period: str | None


@dataclass(frozen=True)
class Figure:
    """One key figure of a section: a message key for its label, its value, how to show it."""

    label: str
    value: Cell
    kind: FigureKind = "count"


@dataclass(frozen=True)
class ReportSection:
    """What a section shows: a titled block of key figures and one table (both optional).

    ``key`` names the section in every format (the HTML id, the slide's name);
    ``title``, ``note``, figure labels and ``columns`` are English sentences,
    translated by the report through ``translations`` (the plugin's own gettext
    catalogue of a language, since its sentences are not in influscope's), else
    through influscope's catalogue; ``kinds`` says per column how its cells are
    shown (default: as given).
    """

    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    kinds: list[FigureKind] = field(default_factory=list)
    note: str | None = None
    translations: Callable[[str], gettext.NullTranslations] | None = None


class SectionBuilder(Protocol):
    """A ``section`` plugin (see :mod:`influscope.plugins`): a report section for a scope."""

    def __call__(self, ctx: Context, scope: SectionScope) -> ReportSection | None:
        """The section of this scope, or None when it has nothing to show."""
        ...


SECTIONS: Group[SectionBuilder] = Group("section", SectionBuilder, SectionBuilder)


def registered() -> dict[str, SectionBuilder]:
    """The section builders installed as ``influscope.section`` entry points, by name."""
    return {name: SECTIONS.load(name) for name in SECTIONS.names()}


def build_sections(
    ctx: Context,
    scope: SectionScope,
    builders: Mapping[str, SectionBuilder] | None = None,
) -> list[ReportSection]:
    """Every builder's section for this scope, in builder-name order (None results left out)."""
    chosen = registered() if builders is None else dict(builders)
    found: list[ReportSection] = []
    for name in sorted(chosen):
        section = chosen[name](ctx, scope)
        if section is not None:
            found.append(section)
    return found
