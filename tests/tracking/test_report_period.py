"""The period of /discipline, read from what follows the command (tracking/reports.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracking.reports import report_period

TODAY = dt.date(2026, 3, 2)
D = dt.date


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("", (D(2026, 1, 1), TODAY)),
        ("01.01.2026 31.03.2026", (D(2026, 1, 1), D(2026, 3, 31))),
        ("01.01 31.03", (D(2026, 1, 1), D(2026, 3, 31))),  # this year's, not next
        ("январь февраль", (D(2026, 1, 1), D(2026, 2, 28))),  # the whole of both months
        ("январь", (D(2026, 1, 1), D(2026, 1, 31))),
        ("декабрь", (D(2025, 12, 1), D(2025, 12, 31))),  # still ahead this year: last year's
        ("2025", (D(2025, 1, 1), D(2025, 12, 31))),
        ("2025 2026", (D(2025, 1, 1), D(2026, 12, 31))),
        ("с 01.09.2025 по 31.12.2025", (D(2025, 9, 1), D(2025, 12, 31))),
        ("01.02.2026", (D(2026, 2, 1), TODAY)),  # one date: from it to today
        # The usage example in February: a range from this January, March included.
        ("январь март", (D(2026, 1, 1), D(2026, 3, 31))),
        ("март 2025", (D(2025, 3, 1), D(2025, 3, 31))),  # a month of a year
        ("январь 2025", (D(2025, 1, 1), D(2025, 1, 31))),
        ("январь-март 2025", (D(2025, 1, 1), D(2025, 3, 31))),  # both months that year
        ("октябрь март", (D(2025, 10, 1), D(2026, 3, 31))),  # across the new year
        ("сентябрь 2025 март 2026", (D(2025, 9, 1), D(2026, 3, 31))),
        ("октябрь март 2026", (D(2025, 10, 1), D(2026, 3, 31))),
        ("с января 2025 по март", (D(2025, 1, 1), D(2025, 3, 31))),  # the start's year
        ("январь 2025 март", (D(2025, 1, 1), D(2025, 3, 31))),
        ("ноябрь 2025 февраль", (D(2025, 11, 1), D(2026, 2, 28))),
        ("2025 март", (D(2025, 3, 1), D(2025, 3, 31))),  # the year first
        ("01.12.2025 февраль", (D(2025, 12, 1), D(2026, 2, 28))),
    ],
)
def test_periods(text: str, period: tuple[dt.date, dt.date] | None) -> None:
    assert report_period(text, TODAY) == period


@pytest.mark.parametrize(
    "text",
    ["вчера", "31.03.2026 01.01.2026", "32.01.2026", "1 2 3", "январь февраль март 2025"],
)
def test_what_is_not_a_period(text: str) -> None:
    assert report_period(text, TODAY) is None


def test_the_usage_example_reads_on_every_day_of_a_year() -> None:
    day = D(2026, 1, 1)
    while day.year == 2026:
        period = report_period("январь март", day)
        assert period is not None and period[0].month == 1 and period[1].month == 3, day
        assert period[0].year == period[1].year, day
        day += dt.timedelta(days=1)
