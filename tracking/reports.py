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


def _span(word: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days one word of a period names: a date, a month (this year's, or last year's if it
    is still ahead) or a year."""
    if (m := _DAY.match(word)) is not None:
        year = int(m["y"]) if m["y"] else today.year
        year += 2000 if year < 100 else 0
        try:
            day = dt.date(year, int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        return day, day
    if (m := _YEAR.match(word)) is not None:
        year = int(m["y"])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = _month(word) if _MONTH_WORD.match(word.lower()) else None
    if month is None:
        return None
    year = today.year if month <= today.month else today.year - 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def report_period(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The period of a report from what follows the command: nothing (this year so far), one
    date, month or year, or two of them («01.01 31.03», «январь февраль», «2025»,
    «01.09.2025 2026»); None when it cannot be read or ends before it starts. A date without
    a year is this year's: a report looks back."""
    words = [w for w in re.split(r"[\s–—-]+", text.strip()) if w and w.lower() not in ("по", "с")]
    if not words:
        return dt.date(today.year, 1, 1), today
    spans = [_span(w, today) for w in words]
    if len(spans) > 2 or any(s is None for s in spans):
        return None
    first, last = spans[0][0], spans[-1][1]  # type: ignore[index]
    if len(spans) == 1 and _DAY.match(words[0]):
        last = today  # one date: from it to today
    return (first, last) if first <= last else None
