"""Working days and working hours (tracking.calendar): the edges the calendar tests left open."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tracking.calendar import (
    RUSSIA,
    is_holiday,
    next_working_moment,
    within_working_hours,
)

MSK = ZoneInfo("Europe/Moscow")
BERLIN = ZoneInfo("Europe/Berlin")
NINE, SIX = dt.time(9, 0), dt.time(18, 0)
D = dt.date


def at(day: dt.date, hour: int, minute: int = 0, tz: dt.tzinfo = MSK) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tz)


class _NoOffset(dt.tzinfo):
    """A time zone that does not know its offset: a datetime in it is naive all the same."""

    def utcoffset(self, _: dt.datetime | None) -> dt.timedelta | None:
        return None

    def dst(self, _: dt.datetime | None) -> dt.timedelta | None:
        return None

    def tzname(self, _: dt.datetime | None) -> str | None:
        return None


def test_a_datetime_whose_zone_gives_no_offset_counts_as_naive() -> None:
    moment = dt.datetime(2026, 3, 11, 10, tzinfo=_NoOffset())
    with pytest.raises(ValueError, match="aware"):
        within_working_hours(moment, NINE, SIX)


def test_an_empty_window_is_refused() -> None:
    with pytest.raises(ValueError, match="start before"):
        within_working_hours(at(D(2026, 3, 11), 10), NINE, NINE)


def test_a_holiday_the_operator_made_working_is_no_longer_a_holiday() -> None:
    day = D(2027, 11, 4)
    calendar = RUSSIA.with_overrides(workdays=[day])
    assert not calendar.is_holiday(day)
    assert not is_holiday(day, calendar)
    assert is_holiday(day)  # the default calendar keeps it


def test_working_day_is_taken_from_the_moments_own_date_not_the_utc_one() -> None:
    # 01:30 on Monday in Moscow is still Sunday in UTC.
    monday_night = at(D(2026, 3, 16), 1, 30)
    assert within_working_hours(monday_night, dt.time(1, 0), SIX)
    # And 23:30 on Friday in UTC is already Saturday in Moscow.
    friday_utc = dt.datetime(2026, 3, 13, 23, 30, tzinfo=dt.UTC)
    assert within_working_hours(friday_utc, dt.time(23, 0), dt.time(23, 59))
    assert not within_working_hours(friday_utc.astimezone(MSK), dt.time(0, 0), SIX)


def test_module_functions_use_the_given_calendar_for_hours_and_moments() -> None:
    wednesday = D(2027, 9, 1)
    calendar = RUSSIA.with_overrides(days_off=[wednesday])
    morning = at(wednesday, 10)
    assert within_working_hours(morning, NINE, SIX)
    assert not within_working_hours(morning, NINE, SIX, calendar)
    assert next_working_moment(morning, NINE, SIX) is morning
    assert next_working_moment(morning, NINE, SIX, calendar) == at(D(2027, 9, 2), 9)


def test_a_start_of_hours_in_a_dst_gap_becomes_the_real_instant_after_it() -> None:
    # Clocks in Berlin jump from 02:00 to 03:00 on Sunday 29 March 2026; the operator made that
    # Sunday working and hours start at 02:30, a time that does not exist that day.
    sunday = D(2026, 3, 29)
    calendar = RUSSIA.with_overrides(workdays=[sunday])
    saturday_evening = at(D(2026, 3, 28), 20, tz=BERLIN)
    result = next_working_moment(saturday_evening, dt.time(2, 30), SIX, calendar)
    assert (result.date(), result.time()) == (sunday, dt.time(3, 30))
    assert result.utcoffset() == dt.timedelta(hours=2)
    assert result.tzinfo is BERLIN


def test_next_working_moment_waits_for_the_start_of_the_moments_own_day() -> None:
    # 01:00 on Tuesday in Moscow is still Monday in UTC: the answer is Tuesday morning.
    tuesday_night = at(D(2026, 3, 17), 1)
    assert next_working_moment(tuesday_night, NINE, SIX) == at(D(2026, 3, 17), 9)
