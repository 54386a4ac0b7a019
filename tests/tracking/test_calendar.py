"""Working days, Russian public holidays and working hours."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tracking.calendar import (
    RUSSIA,
    TRANSFERS,
    DayKind,
    Holiday,
    WorkCalendar,
    holiday,
    is_holiday,
    is_working_day,
    next_working_day,
    next_working_moment,
    statutory_transfers,
    within_working_hours,
)

MSK = ZoneInfo("Europe/Moscow")
NINE, SIX = dt.time(9, 0), dt.time(18, 0)
D = dt.date


def working_days_in(year: int, calendar: WorkCalendar = RUSSIA) -> int:
    day, count = D(year, 1, 1), 0
    while day.year == year:
        count += calendar.is_working_day(day)
        day += dt.timedelta(days=1)
    return count


@pytest.mark.parametrize(
    ("year", "official"), [(2023, 247), (2024, 248), (2025, 247), (2026, 247)]
)
def test_working_days_per_year_match_the_official_production_calendar(
    year: int, official: int
) -> None:
    assert working_days_in(year) == official


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 1, 1),
        D(2026, 1, 5),
        D(2026, 1, 7),
        D(2026, 1, 8),
        D(2026, 2, 23),
        D(2025, 3, 8),
        D(2026, 5, 1),
        D(2026, 5, 9),
        D(2026, 6, 12),
        D(2026, 11, 4),
    ],
)
def test_statutory_holidays_are_holidays_and_not_working(day: dt.date) -> None:
    assert is_holiday(day)
    assert not is_working_day(day)


def test_holiday_names_the_holiday_whatever_the_weekday() -> None:
    assert holiday(D(2026, 1, 3)) is Holiday.NEW_YEAR
    assert holiday(D(2026, 1, 7)) is Holiday.CHRISTMAS
    assert holiday(D(2027, 5, 9)) is Holiday.VICTORY
    assert holiday(D(2026, 11, 4)) is Holiday.UNITY
    assert holiday(D(2026, 1, 9)) is None


def test_ordinary_weekend_is_not_a_holiday_but_is_not_working() -> None:
    saturday = D(2026, 3, 14)
    assert RUSSIA.day_kind(saturday) is DayKind.WEEKEND
    assert not is_holiday(saturday)
    assert not is_working_day(saturday)


def test_ordinary_weekday_is_working() -> None:
    assert RUSSIA.day_kind(D(2026, 3, 11)) is DayKind.WORKING


@pytest.mark.parametrize(
    "day", [D(2025, 5, 2), D(2025, 5, 8), D(2025, 6, 13), D(2025, 11, 3), D(2025, 12, 31)]
)
def test_decree_2025_days_off(day: dt.date) -> None:
    assert RUSSIA.day_kind(day) is DayKind.DAY_OFF
    assert not is_holiday(day)


def test_decree_2025_saturday_november_first_is_working() -> None:
    assert is_working_day(D(2025, 11, 1))


def test_decree_2025_moved_february_23_elsewhere_so_february_24_works() -> None:
    assert is_working_day(D(2025, 2, 24))
    assert is_working_day(D(2025, 3, 10))


def test_decree_2024_working_saturdays_and_bridges() -> None:
    for saturday in (D(2024, 4, 27), D(2024, 11, 2), D(2024, 12, 28)):
        assert is_working_day(saturday)
    for bridge in (D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 10), D(2024, 12, 30)):
        assert not is_working_day(bridge)


def test_new_year_holidays_2026_last_until_january_eleventh() -> None:
    assert [is_working_day(D(2026, 1, d)) for d in range(1, 13)] == [False] * 11 + [True]


def test_every_known_decree_day_off_is_a_weekday_and_workday_a_weekend() -> None:
    for transfers in TRANSFERS.values():
        assert all(day.weekday() < 5 for day in transfers.days_off)
        assert all(day.weekday() >= 5 for day in transfers.workdays)


def test_statutory_rule_moves_weekend_holidays_to_the_next_working_day_in_unknown_years() -> None:
    # 2027: 1 May is a Saturday, 9 May a Sunday, 12 June a Saturday.
    assert statutory_transfers(2027).days_off == {D(2027, 5, 3), D(2027, 5, 10), D(2027, 6, 14)}
    assert not is_working_day(D(2027, 5, 3))
    assert is_working_day(D(2027, 5, 4))


def test_statutory_rule_does_not_move_january_holidays() -> None:
    # 2028: 1 and 2 January are a Saturday and a Sunday; only the decree may move them.
    assert all(day.month != 1 for day in statutory_transfers(2028).days_off)


def test_statutory_rule_agrees_with_the_2023_decree_year_where_no_decree_overrode_it() -> None:
    assert statutory_transfers(2023).days_off <= TRANSFERS[2023].days_off


def test_operator_overrides_add_days_off_and_working_days() -> None:
    calendar = RUSSIA.with_overrides(days_off=[D(2027, 1, 11)], workdays=[D(2027, 5, 10)])
    assert calendar.day_kind(D(2027, 1, 11)) is DayKind.DAY_OFF
    assert calendar.is_working_day(D(2027, 5, 10))
    assert is_working_day(D(2027, 1, 11))  # the default calendar is untouched


def test_later_override_wins_for_the_same_date() -> None:
    day = D(2027, 8, 30)
    calendar = RUSSIA.with_overrides(days_off=[day]).with_overrides(workdays=[day])
    assert calendar.is_working_day(day)
    assert not calendar.with_overrides(days_off=[day]).is_working_day(day)


def test_override_can_make_a_holiday_working_but_not_off_twice() -> None:
    day = D(2027, 11, 4)
    assert RUSSIA.with_overrides(workdays=[day]).is_working_day(day)
    assert RUSSIA.with_overrides(days_off=[day]).day_kind(day) is DayKind.HOLIDAY


def test_calendar_refuses_a_date_both_off_and_working() -> None:
    day = D(2027, 8, 30)
    with pytest.raises(ValueError, match="both"):
        WorkCalendar(extra_days_off=frozenset({day}), extra_workdays=frozenset({day}))


def test_functions_accept_a_custom_calendar() -> None:
    day = D(2027, 8, 30)
    calendar = RUSSIA.with_overrides(days_off=[day])
    assert not is_working_day(day, calendar)
    assert next_working_day(D(2027, 8, 27), calendar) == D(2027, 8, 31)


def test_next_working_day_is_strictly_after() -> None:
    assert next_working_day(D(2026, 3, 11)) == D(2026, 3, 12)
    assert next_working_day(D(2026, 3, 13)) == D(2026, 3, 16)  # Friday -> Monday
    assert next_working_day(D(2025, 12, 30)) == D(2026, 1, 12)  # across New Year
    assert RUSSIA.working_day_on_or_after(D(2026, 3, 11)) == D(2026, 3, 11)
    assert RUSSIA.working_day_on_or_after(D(2026, 3, 7)) == D(2026, 3, 10)


def at(day: dt.date, hour: int, minute: int = 0, tz: dt.tzinfo = MSK) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tz)


def test_within_working_hours_is_half_open() -> None:
    wednesday = D(2026, 3, 11)
    assert within_working_hours(at(wednesday, 9), NINE, SIX)
    assert within_working_hours(at(wednesday, 17, 59), NINE, SIX)
    assert not within_working_hours(at(wednesday, 18), NINE, SIX)
    assert not within_working_hours(at(wednesday, 8, 59), NINE, SIX)


def test_no_working_hours_on_a_holiday() -> None:
    assert not within_working_hours(at(D(2026, 6, 12), 12), NINE, SIX)


def test_working_hours_are_read_in_the_moments_own_zone() -> None:
    # 07:00 UTC is 10:00 in Moscow.
    utc = dt.datetime(2026, 3, 11, 7, 0, tzinfo=dt.UTC)
    assert not within_working_hours(utc, NINE, SIX)
    assert within_working_hours(utc.astimezone(MSK), NINE, SIX)


def test_next_working_moment_keeps_a_moment_inside_hours() -> None:
    moment = at(D(2026, 3, 11), 11, 30)
    assert next_working_moment(moment, NINE, SIX) is moment


def test_next_working_moment_early_morning_waits_for_the_start() -> None:
    result = next_working_moment(at(D(2026, 3, 11), 6), NINE, SIX)
    assert result == at(D(2026, 3, 11), 9)
    assert result.tzinfo is MSK


def test_next_working_moment_evening_goes_to_the_next_working_morning() -> None:
    friday_evening = at(D(2026, 3, 6), 19)  # Saturday 7 - Monday 9 March are off
    assert next_working_moment(friday_evening, NINE, SIX) == at(D(2026, 3, 10), 9)


def test_next_working_moment_on_a_holiday_morning_skips_the_holiday() -> None:
    assert next_working_moment(at(D(2026, 6, 12), 6), NINE, SIX) == at(D(2026, 6, 15), 9)


def test_next_working_moment_keeps_the_time_zone_across_a_dst_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    result = next_working_moment(at(D(2026, 3, 27), 20, tz=berlin), NINE, SIX)
    assert result == at(D(2026, 3, 30), 9, tz=berlin)
    assert result.utcoffset() == dt.timedelta(hours=2)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        within_working_hours(dt.datetime(2026, 3, 11, 10), NINE, SIX)  # noqa: DTZ001


def test_an_empty_or_overnight_window_is_refused() -> None:
    with pytest.raises(ValueError, match="start before"):
        next_working_moment(at(D(2026, 3, 11), 10), SIX, NINE)
