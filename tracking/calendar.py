"""Working days and Russian public holidays, for quiet hours and for flagging deadlines.

The holidays are those of the Labour Code, art. 112 part 1: 1–6 and 8 January (New Year
holidays), 7 January (Christmas), 23 February, 8 March, 1 May, 9 May, 12 June, 4 November.

Which weekends become working days and which weekdays become days off is decided every year by
a government decree. `TRANSFERS` holds the decrees known for certain (2023–2026, checked against
the official working-day counts 247, 248, 247, 247). For any other year the statutory rule of
art. 112 part 2 applies: a holiday other than the January ones that falls on a weekend gives a
day off on the next working day. A decree may move days differently, so an operator who knows
better extends the calendar with `WorkCalendar.with_overrides` (regional holidays go there too).

Shortened pre-holiday days are not modelled: they change hours, not whether a day is working.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Holiday(StrEnum):
    """Non-working public holidays by law; the bot names them in its own texts."""

    NEW_YEAR = "new_year"
    CHRISTMAS = "christmas"
    DEFENDER = "defender_of_the_fatherland"
    WOMEN = "international_womens_day"
    LABOUR = "spring_and_labour"
    VICTORY = "victory"
    RUSSIA = "russia"
    UNITY = "national_unity"


class DayKind(StrEnum):
    WORKING = "working"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    #: A weekday made a day off: by a decree or because a holiday fell on a weekend.
    DAY_OFF = "day_off"


_HOLIDAYS: dict[tuple[int, int], Holiday] = {
    **{(1, d): Holiday.NEW_YEAR for d in (1, 2, 3, 4, 5, 6, 8)},
    (1, 7): Holiday.CHRISTMAS,
    (2, 23): Holiday.DEFENDER,
    (3, 8): Holiday.WOMEN,
    (5, 1): Holiday.LABOUR,
    (5, 9): Holiday.VICTORY,
    (6, 12): Holiday.RUSSIA,
    (11, 4): Holiday.UNITY,
}

#: January holidays that fall on a weekend are not moved by the statutory rule (art. 112
#: part 2); the yearly decree spreads them over the year.
_JANUARY = frozenset({Holiday.NEW_YEAR, Holiday.CHRISTMAS})


@dataclass(frozen=True, slots=True)
class YearTransfers:
    """The effective result of a year's decree plus the statutory moves of that year."""

    days_off: frozenset[dt.date]
    workdays: frozenset[dt.date]


def _dates(year: int, *month_days: tuple[int, int]) -> frozenset[dt.date]:
    return frozenset(dt.date(year, m, d) for m, d in month_days)


#: Government decrees on transfers (постановления Правительства РФ о переносе выходных дней).
TRANSFERS: dict[int, YearTransfers] = {
    # No. 1505 of 29.08.2022: 1 Jan -> 24 Feb, 8 Jan -> 8 May; 4 Nov (Sat) -> 6 Nov by law.
    2023: YearTransfers(days_off=_dates(2023, (2, 24), (5, 8), (11, 6)), workdays=frozenset()),
    # No. 1314 of 10.08.2023: 6 Jan -> 10 May, 7 Jan -> 31 Dec, 27 Apr -> 29 Apr,
    # 2 Nov -> 30 Apr, 28 Dec -> 30 Dec.
    2024: YearTransfers(
        days_off=_dates(2024, (4, 29), (4, 30), (5, 10), (12, 30), (12, 31)),
        workdays=_dates(2024, (4, 27), (11, 2), (12, 28)),
    ),
    # No. 1335 of 04.10.2024: 4 Jan -> 2 May, 5 Jan -> 31 Dec, 23 Feb -> 8 May,
    # 8 Mar -> 13 Jun, 1 Nov -> 3 Nov.
    2025: YearTransfers(
        days_off=_dates(2025, (5, 2), (5, 8), (6, 13), (11, 3), (12, 31)),
        workdays=_dates(2025, (11, 1)),
    ),
    # No. 1466 of 24.09.2025: 3 Jan -> 9 Jan, 4 Jan -> 31 Dec; 8 Mar (Sun) -> 9 Mar and
    # 9 May (Sat) -> 11 May by law.
    2026: YearTransfers(
        days_off=_dates(2026, (1, 9), (3, 9), (5, 11), (12, 31)),
        workdays=frozenset(),
    ),
}


def holiday(day: dt.date) -> Holiday | None:
    """The public holiday that `day` is by law, if any (whatever the weekday)."""
    return _HOLIDAYS.get((day.month, day.day))


def _is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


def statutory_transfers(year: int) -> YearTransfers:
    """Days off that art. 112 part 2 alone gives in `year`, without any decree."""
    days_off: set[dt.date] = set()
    for (month, day_of_month), name in sorted(_HOLIDAYS.items()):
        day = dt.date(year, month, day_of_month)
        if name in _JANUARY or not _is_weekend(day):
            continue
        candidate = day + dt.timedelta(days=1)
        while _is_weekend(candidate) or holiday(candidate) is not None or candidate in days_off:
            candidate += dt.timedelta(days=1)
        days_off.add(candidate)
    return YearTransfers(days_off=frozenset(days_off), workdays=frozenset())


def _require_aware(moment: dt.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("an aware datetime is required")


def _require_window(start: dt.time, end: dt.time) -> None:
    if not start < end:
        raise ValueError("working hours must start before they end on the same day")


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """The production calendar: law, known decrees, and the operator's own overrides."""

    extra_days_off: frozenset[dt.date] = field(default_factory=frozenset)
    extra_workdays: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        clash = self.extra_days_off & self.extra_workdays
        if clash:
            raise ValueError(f"dates both off and working: {sorted(clash)}")

    def with_overrides(
        self, days_off: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()
    ) -> WorkCalendar:
        """A calendar with more days off (a new decree, a regional holiday) or working days.

        A later override wins over an earlier one for the same date.
        """
        off, work = frozenset(days_off), frozenset(workdays)
        return WorkCalendar(
            extra_days_off=(self.extra_days_off - work) | off,
            extra_workdays=(self.extra_workdays - off) | work,
        )

    def day_kind(self, day: dt.date) -> DayKind:
        if day in self.extra_workdays:
            return DayKind.WORKING
        if holiday(day) is not None:
            return DayKind.HOLIDAY
        if day in self.extra_days_off:
            return DayKind.DAY_OFF
        transfers = _transfers(day.year)
        if day in transfers.workdays:
            return DayKind.WORKING
        if day in transfers.days_off:
            return DayKind.DAY_OFF
        return DayKind.WEEKEND if _is_weekend(day) else DayKind.WORKING

    def is_working_day(self, day: dt.date) -> bool:
        return self.day_kind(day) is DayKind.WORKING

    def is_holiday(self, day: dt.date) -> bool:
        """A public holiday by law, not overridden into a working day by the operator."""
        return self.day_kind(day) is DayKind.HOLIDAY

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        return self.working_day_on_or_after(day + dt.timedelta(days=1))

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def within_working_hours(self, moment: dt.datetime, start: dt.time, end: dt.time) -> bool:
        """Whether `moment`, read in its own time zone, is on a working day in [start, end)."""
        _require_aware(moment)
        _require_window(start, end)
        return self.is_working_day(moment.date()) and start <= moment.time() < end

    def next_working_moment(
        self, moment: dt.datetime, start: dt.time, end: dt.time
    ) -> dt.datetime:
        """`moment` itself if within working hours, else the next start of working hours.

        The result is in `moment`'s time zone.
        """
        if self.within_working_hours(moment, start, end):
            return moment
        day = moment.date()
        if not (self.is_working_day(day) and moment.time() < start):
            day = self.next_working_day(day)
        return _at(day, start, moment)


def _at(day: dt.date, when: dt.time, like: dt.datetime) -> dt.datetime:
    tz = like.tzinfo
    naive = dt.datetime.combine(day, when)
    # Through UTC and back so that a wall time in a DST gap becomes a real instant.
    return naive.replace(tzinfo=tz).astimezone(dt.UTC).astimezone(tz)


@functools.cache
def _transfers(year: int) -> YearTransfers:
    known = TRANSFERS.get(year)
    return known if known is not None else statutory_transfers(year)


#: Russia as the law and the known decrees have it, without operator overrides.
RUSSIA = WorkCalendar()


def is_working_day(day: dt.date, calendar: WorkCalendar = RUSSIA) -> bool:
    return calendar.is_working_day(day)


def is_holiday(day: dt.date, calendar: WorkCalendar = RUSSIA) -> bool:
    return calendar.is_holiday(day)


def next_working_day(day: dt.date, calendar: WorkCalendar = RUSSIA) -> dt.date:
    return calendar.next_working_day(day)


def within_working_hours(
    moment: dt.datetime, start: dt.time, end: dt.time, calendar: WorkCalendar = RUSSIA
) -> bool:
    return calendar.within_working_hours(moment, start, end)


def next_working_moment(
    moment: dt.datetime, start: dt.time, end: dt.time, calendar: WorkCalendar = RUSSIA
) -> dt.datetime:
    return calendar.next_working_moment(moment, start, end)
