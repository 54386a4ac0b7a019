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
            )
        )
    return rows


def discipline(
    outcomes: Sequence[DeadlineOutcome],
    people: Mapping[int, Person],
    now: dt.datetime,
    tz: ZoneInfo,
) -> tuple[list[PersonStats], list[PersonStats]]:
    """Per person and per organisation: assigned, on time, late, overdue, still open.

    On time means accepted no later than the deadline day (local time)."""
    by_person: dict[int, list[DeadlineOutcome]] = {}
    for o in outcomes:
        if o.status is not S.CANCELLED and o.person_id in people:
            by_person.setdefault(o.person_id, []).append(o)

    def stats(name: str, organisation: str | None, items: list[DeadlineOutcome]) -> PersonStats:
        on_time = late = overdue = still_open = 0
        for o in items:
            if o.status is S.ACCEPTED:
                if o.status_changed_at.astimezone(tz).date() <= o.deadline:
                    on_time += 1
                else:
                    late += 1
            elif deadline_passed(o.deadline, o.deadline_time, now, tz):
                overdue += 1
            else:
                still_open += 1
        return PersonStats(name, organisation, len(items), on_time, late, overdue, still_open)

    person_rows = sorted(
        (
            stats(people[pid].short_name, people[pid].organisation, items)
            for pid, items in by_person.items()
        ),
        key=lambda s: s.name,
    )
    orgs: dict[str, list[DeadlineOutcome]] = {}
    for pid, items in by_person.items():
        org = people[pid].organisation or "—"
        orgs.setdefault(org, []).extend(items)
    org_rows = [stats(org, None, items) for org, items in sorted(orgs.items())]
    return person_rows, org_rows
