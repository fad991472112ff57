"""The influence section of the quarterly report: the figures it prints, as one value.

Gathered by :meth:`influscope.workspace.influence.InfluenceService.report_section`
from the same calls the API answers (``/api/influence/roi``, ``/tiers``,
``/advocacy``, ``/worth``), so a figure in the report is the figure a client
reads; the report engine only renders it (:mod:`influscope.serve.reports.influence`).
"""

from __future__ import annotations

from dataclasses import dataclass

from influscope.analyze.advocacy.program import AdvocacyReport
from influscope.analyze.influence.stored import StoredTier
from influscope.analyze.relations.worth import WorthRow
from influscope.analyze.roi.report import ReturnOnInfluence


@dataclass(frozen=True)
class InfluenceSection:
    """The quarterly report's influence section: every figure from the service's own calls.

    The report renders it; the API answers the same calls, so the figures the
    report prints are those a client reads (``/api/influence/roi``, ``/tiers``,
    ``/advocacy``, ``/worth``).
    """

    axis: str | None
    period: str | None
    roi: ReturnOnInfluence
    mainstream: list[StoredTier]
    affinity: list[StoredTier]
    macro: list[StoredTier]  # top by position, heard in one community or focused on none
    micro: list[StoredTier]
    rising: list[StoredTier]
    advocacy: AdvocacyReport
    worth: list[WorthRow]
