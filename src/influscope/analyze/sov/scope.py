"""The scope of an answer: an axis and a period, and what the data holds inside it.

A report, ``influscope sov --period`` and ``influscope status --axis
--period`` answer for the same scope, so they say the same numbers: the
period is parsed once here (a year ``2015``, a quarter ``2015-Q1``, a month
``2015-02``, an ISO week ``2015-W08`` or a day ``2015-02-17``, as UTC
half-open ranges of days), the documents in scope are counted once here, and
the period a report shows is the one the data covers (first and last
publication in scope), never the day the report was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import ibis.expr.types as ir

from influscope.config import Axis
from influscope.enrich.search import current_forms
from influscope.errors import N_, UsageError
from influscope.query.ibis_compiler import filter_documents

PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")
QUARTER_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True)
class Period:
    """A year, quarter, month, week or day: the days ``start`` (included) to ``end`` (excluded), UTC."""

    name: str
    start: date
    end: date


@dataclass(frozen=True)
class ScopeCount:
    """Documents in scope and the publication dates they span (None when there are none)."""

    axis: str | None
    period: str | None
    documents: int
    first: datetime | None
    last: datetime | None


def parse_period(text: str | None) -> Period | None:
    """A year, quarter, month, ISO week or day as a :class:`Period`; None for None.

    ``2015``, ``2015-Q1``, ``2015-02``, ``2015-W08`` (Monday to Sunday) or ``2015-02-17``.

    Raises:
        UsageError: for any other text, or a month, week or day that does not exist.
    """
    if text is None:
        return None
    name = text.strip()
    try:
        quarter = QUARTER_PATTERN.match(name)
        if quarter is not None:
            q_year, first_month = int(quarter.group(1)), 3 * int(quarter.group(2)) - 2
            end = date(q_year + 1, 1, 1) if first_month == 10 else date(q_year, first_month + 3, 1)
            return Period(name, date(q_year, first_month, 1), end)
        week = WEEK_PATTERN.match(name)
        if week is not None:
            start = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            return Period(name, start, start + timedelta(days=7))
        found = PERIOD_PATTERN.match(name)
        if found is not None:
            year, month, day = found.groups()
            if day is not None:
                start = date(int(year), int(month), int(day))
                return Period(name, start, start + timedelta(days=1))
            if month is not None:
                start = date(int(year), int(month), 1)
                following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
                return Period(name, start, following)
            return Period(name, date(int(year), 1, 1), date(int(year) + 1, 1, 1))
    except ValueError:
        pass
    raise UsageError(
        N_("Period {period} is not a year, a quarter, a month, an ISO week or a day."),
        N_(
            "Give a year (2015), a quarter (2015-Q1), a month (2015-02), a week (2015-W08) "
            "or a day (2015-02-17)."
        ),
        period=repr(text),
    )


def in_period(day: ir.Value, period: Period | None) -> ir.BooleanValue | None:
    """A filter keeping the rows whose ``day`` (a date) falls in ``period``."""
    if period is None:
        return None
    kept: ir.BooleanValue = (day >= period.start) & (day < period.end)
    return kept


def scoped_documents(store: Any, axis: Axis | None, period: Period | None) -> ir.Table:
    """The documents matching the axis query (all without an axis) published in the period."""
    docs: ir.Table = store.table("documents")
    if axis is not None:
        docs = filter_documents(docs, axis.query, store.table("links"), search=current_forms(store))
    kept = in_period(docs.published_at.date(), period)
    return docs if kept is None else docs.filter(kept)


def count_scope(store: Any, axis: Axis | None, period: Period | None) -> ScopeCount:
    """How many documents are in scope, and their first and last publication."""
    docs = scoped_documents(store, axis, period)
    row = store.to_arrow(
        docs.aggregate(
            documents=docs.doc_id.count(),
            first=docs.published_at.min(),
            last=docs.published_at.max(),
        )
    ).to_pylist()[0]
    return ScopeCount(
        axis=axis.name if axis is not None else None,
        period=period.name if period is not None else None,
        documents=int(row["documents"] or 0),
        first=row["first"],
        last=row["last"],
    )
