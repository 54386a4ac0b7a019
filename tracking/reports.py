"""What coordinators read: protocol progress, control-sheet rows, execution discipline."""

from __future__ import annotations

import datetime as dt
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
    groups = [g for g in by_assignment(views) if g[0].assignment.cancelled_at is None]
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
            )
        )
    return rows


class DisciplineTally:
    """Per person: assigned, on time, late, overdue, still open, counted as deadlines stream
    by (a report over years of a big region never holds them all at once).

    On time means accepted no later than the deadline day (local time)."""

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
                on_time = o.status_changed_at.astimezone(self.tz).date() <= o.deadline
                column = 1 if on_time else 2
            elif deadline_passed(o.deadline, o.deadline_time, self.now, self.tz):
                column = 3
            else:
                column = 4
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
