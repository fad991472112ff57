"""The period of an answer is parsed once, for every command and report."""

from __future__ import annotations

from datetime import date

import pytest

from influscope.analyze.sov.scope import parse_period
from influscope.errors import UsageError


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2015", date(2015, 1, 1), date(2016, 1, 1)),
        ("2015-Q1", date(2015, 1, 1), date(2015, 4, 1)),
        ("2015-Q4", date(2015, 10, 1), date(2016, 1, 1)),
        ("2015-02", date(2015, 2, 1), date(2015, 3, 1)),
        ("2015-12", date(2015, 12, 1), date(2016, 1, 1)),
        ("2015-W08", date(2015, 2, 16), date(2015, 2, 23)),
        ("2015-02-17", date(2015, 2, 17), date(2015, 2, 18)),
    ],
)
def test_periods_are_half_open_ranges_of_days(text, start, end):
    period = parse_period(text)
    assert period is not None and (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2015-Q5", "2015-13", "2015-02-30", "last week", "2015-W54"])
def test_other_texts_are_refused_with_the_accepted_forms(text):
    with pytest.raises(UsageError) as refused:
        parse_period(text)
    assert "2015-Q1" in str(refused.value.hint)
