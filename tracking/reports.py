"""What coordinators read: protocol progress, control-sheet rows, execution discipline."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from zoneinfo import ZoneInfo

from storage.models import AssigneeStatus, AssigneeView, DeadlineOutcome, Person, Protocol
from tracking.export import PersonStats, SheetRow
from tracking.rules import deadline_passed, is_overdue

S = AssigneeStatus


@dataclass(frozen=True, slots=True)
class Progress:
    protocol: Protocol | None
    total: int  # assignments
    done: int  # every assignee accepted
    overdue: int  # not done, some assignee past the deadline


def assignment_done(views: Sequence[AssigneeView]) -> bool:
    """Done when every assignee who was not cancelled has been accepted."""
    live = [v for v in views if v.assignee.status is not S.CANCELLED]
    return bool(live) and all(v.assignee.status is S.ACCEPTED for v in live)


def by_assignment(views: Iterable[AssigneeView]) -> list[list[AssigneeView]]:
    ordered = sorted(views, key=lambda v: (v.assignment.id, v.assignee.id))
    return [list(g) for _, g in groupby(ordered, key=lambda v: v.assignment.id)]


def progress(
    protocol: Protocol | None, views: Sequence[AssigneeView], now: dt.datetime, tz: ZoneInfo
) -> Progress:
    # Cancelled, or everyone taken off it: nobody is to do it any more.
    groups = [
        g
        for g in by_assignment(views)
        if g[0].assignment.cancelled_at is None
        and any(v.assignee.status is not S.CANCELLED for v in g)
    ]
    done = sum(assignment_done(g) for g in groups)
    overdue = sum(
        not assignment_done(g) and any(is_overdue(v, now, tz) for v in g) for g in groups
    )
    return Progress(protocol, len(groups), done, overdue)


def sheet_rows(
    views: Sequence[AssigneeView],
    reports: Mapping[int, str],
    now: dt.datetime,
    tz: ZoneInfo,
    status_names: Mapping[str, str],
) -> list[SheetRow]:
    """One row per assignee, in the protocol's order."""
    rows = []
    for v in sorted(views, key=lambda v: (v.assignment.id, v.assignee.id)):
        accepted = v.assignee.status is S.ACCEPTED
        rows.append(
            SheetRow(
                number=v.assignment.item_number,
                text=v.assignment.text,
                responsible=v.person.short_name,
                deadline=v.deadline,
                deadline_time=v.deadline_time,
                deadline_raw=v.assignment.deadline_raw,
                status=status_names[v.assignee.status.value],
                done_on=v.assignee.status_changed_at.astimezone(tz).date() if accepted else None,
                report=reports.get(v.assignee.id, ""),
                overdue=is_overdue(v, now, tz),
                done=accepted,
                cancelled=v.assignee.status is S.CANCELLED
                or v.assignment.cancelled_at is not None,
                assignment=v.assignment.id,
            )
        )
    return rows


class DisciplineTally:
    """Per person: assigned, on time, late, overdue, still open, counted as deadlines stream
    by (a report over years of a big region never holds them all at once).

    On time means that the report which was accepted came by the deadline (its day in local
    time, or its hour when one is set): a controller who checks it later does not make the
    assignee late. Not accepted yet: overdue once the deadline has passed, unless a report
    that came in time waits for the controller, which counts with the open ones (it may
    still be sent back). An assignee accepted without any report counts by the acceptance."""

    def __init__(self, now: dt.datetime, tz: ZoneInfo) -> None:
        self.now = now
        self.tz = tz
        #: Per person id, in PersonStats order: assigned, on time, late, overdue, open.
        self._counts: dict[int, list[int]] = {}

    def add(self, outcomes: Iterable[DeadlineOutcome]) -> None:
        for o in outcomes:
            if o.status is S.CANCELLED:
                continue
            if o.status is S.ACCEPTED:
                done_at = o.reported_at or o.status_changed_at
                late = deadline_passed(o.deadline, o.deadline_time, done_at, self.tz)
                column = 2 if late else 1
            elif not deadline_passed(o.deadline, o.deadline_time, self.now, self.tz):
                column = 4
            elif (
                o.status is S.REPORTED
                and o.reported_at is not None
                and not deadline_passed(o.deadline, o.deadline_time, o.reported_at, self.tz)
            ):
                column = 4  # in time, waiting for the controller
            else:
                column = 3
            counts = self._counts.setdefault(o.person_id, [0, 0, 0, 0, 0])
            counts[0] += 1
            counts[column] += 1

    def people(self) -> list[int]:
        return list(self._counts)

    def result(self, people: Mapping[int, Person]) -> tuple[list[PersonStats], list[PersonStats]]:
        """Rows per person (by name) and per organisation (by name, «—» for none)."""
        person_rows = []
        orgs: dict[str, list[int]] = {}
        for pid, counts in self._counts.items():
            person = people.get(pid)
            if person is None:
                continue
            person_rows.append(PersonStats(person.short_name, person.organisation, *counts))
            org = orgs.setdefault(person.organisation or "—", [0, 0, 0, 0, 0])
            for i, n in enumerate(counts):
                org[i] += n
        person_rows.sort(key=lambda s: s.name)
        org_rows = [PersonStats(org, None, *counts) for org, counts in sorted(orgs.items())]
        return person_rows, org_rows


_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
           "октябр", "ноябр", "декабр")  # fmt: skip
_MONTH_WORD = re.compile(r"^(?P<stem>[а-яё]+)$")
_DAY = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?:\.(?P<y>\d{4}|\d{2}))?$")
_YEAR = re.compile(r"^(?P<y>(?:19|20)\d{2})(?:г\.?)?$")


def _month(word: str) -> int | None:
    word = word.lower().replace("ё", "е")
    if word in ("май", "мая", "мае"):
        return 5
    for number, stem in enumerate(_MONTHS, start=1):
        if stem != "ма" and word.startswith(stem):
            return number
    return None


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _date_span(word: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """A date («01.03», «01.03.2026»; without a year, this year's) as the span of its day."""
    m = _DAY.match(word)
    if m is None:
        return None
    year = int(m["y"]) if m["y"] else today.year
    year += 2000 if year < 100 else 0
    try:
        day = dt.date(year, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return day, day


def _months_span(
    months: list[int], year: int | None, today: dt.date, after: dt.date | None = None
) -> list[tuple[dt.date, dt.date]]:
    """One or two months, as typed in a row, with the year printed after them if any: «март
    2025», «январь март 2025», «октябрь март». A range runs forward (October to March crosses
    the new year); without a year, it follows what came before it (`after`: «с января 2025 по
    март» is March 2025), or else starts this year, or last year when its first month is still
    ahead (a report looks back)."""
    first, last = months[0], months[-1]
    if year is not None:
        start_year = year - 1 if last < first else year
    elif after is not None:
        start_year = after.year if first >= after.month else after.year + 1
    else:
        start_year = today.year if first <= today.month else today.year - 1
    end_year = start_year if last >= first else start_year + 1
    spans = [_month_span(start_year, first)]
    if len(months) > 1:
        spans.append(_month_span(end_year, last))
    return spans


def _spans(words: list[str], today: dt.date) -> list[tuple[dt.date, dt.date]] | None:
    """The spans the words of a period name, in order; None when a word cannot be read."""
    spans: list[tuple[dt.date, dt.date]] = []
    months: list[int] = []
    if len(words) > 1 and _YEAR.match(words[0]) and all(_month(w) for w in words[1:]):
        words = [*words[1:], words[0]]  # «2025 март» as «март 2025»
    for word in words:
        if (year := _YEAR.match(word)) is not None:
            if months:  # the months before it are that year's
                spans += _months_span(months, int(year["y"]), today)
                months = []
            else:
                spans.append((dt.date(int(year["y"]), 1, 1), dt.date(int(year["y"]), 12, 31)))
            continue
        month = _month(word) if _MONTH_WORD.match(word.lower()) else None
        if month is not None:
            months.append(month)
            if len(months) > 2:
                return None  # a period is from one thing to another
            continue
        if months:
            spans += _months_span(months, None, today, spans[-1][1] if spans else None)
            months = []
        day = _date_span(word, today)
        if day is None:
            return None
        spans.append(day)
    if months:
        spans += _months_span(months, None, today, spans[-1][1] if spans else None)
    return spans


def report_period(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The period of a report from what follows the command: nothing (this year so far), one
    date, month or year, or two of them («01.01 31.03», «январь март», «март 2025», «январь-март
    2025», «2025», «01.09.2025 2026»); None when it cannot be read or ends before it starts.
    A date without a year is this year's: a report looks back."""
    words = [w for w in re.split(r"[\s–—-]+", text.strip()) if w and w.lower() not in ("по", "с")]
    if not words:
        return dt.date(today.year, 1, 1), today
    spans = _spans(words, today)
    if spans is None or not spans or len(spans) > 2:
        return None
    first, last = spans[0][0], spans[-1][1]
    if len(words) == 1 and _DAY.match(words[0]):
        last = today  # one date: from it to today
    return (first, last) if first <= last else None
