"""Pure rules of the workflow: states, permissions, reminder slots, overdue, digests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from storage.models import AssigneeStatus, AssigneeView, Assignment, Person, Role

S = AssigneeStatus

#: Statuses from which an assignee may report (a report may come straight from `new`).
CAN_REPORT = frozenset({S.NEW, S.IN_PROGRESS, S.RETURNED})
#: Statuses that still get reminders: once reported, the ball is with the controller.
REMINDED = CAN_REPORT
#: Statuses a controller decides on.
CAN_REVIEW = frozenset({S.REPORTED})


class Action(StrEnum):
    REPORT = "report"
    SNOOZE = "snooze"
    REVIEW = "review"
    EXTEND = "extend"  # the assignee asks for a new deadline
    DECIDE = "decide"  # the controller approves or declines it
    MANAGE = "manage"  # change or cancel the assignment


class Outcome(StrEnum):
    OK = "ok"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    STALE = "stale"
    #: Overtaken by a later change: a deadline request whose date the deadline already reached.
    SUPERSEDED = "superseded"
    #: A decision on a report pressed under an earlier report than the assignee's latest.
    OLD_REPORT = "old_report"
    #: Nobody's part of the assignment is open: there is nothing left to cancel.
    NOTHING_OPEN = "nothing_open"
    #: Taking these people off would leave the assignment with nobody on it.
    LAST_ASSIGNEE = "last_assignee"


ALLOWED_FROM: dict[Action, frozenset[AssigneeStatus]] = {
    Action.REPORT: CAN_REPORT,
    Action.SNOOZE: CAN_REPORT,
    Action.REVIEW: CAN_REVIEW,
    Action.EXTEND: CAN_REPORT,
    Action.DECIDE: CAN_REPORT | CAN_REVIEW,
    Action.MANAGE: CAN_REPORT | CAN_REVIEW,
}

CREATORS = (Role.SECRETARY, Role.ADMIN)
DIRECTORY_EDITORS = (Role.SECRETARY, Role.ADMIN)
OVERSEERS = (Role.COORDINATOR, Role.SECRETARY, Role.ADMIN)
DIGEST_RECEIVERS = (Role.COORDINATOR,)
ROLE_EDITORS = (Role.ADMIN,)


def may_manage(actor: Person, assignment: Assignment) -> bool:
    """Who decides on an assignment (accepts or returns reports, moves deadlines, edits or
    cancels it): its controller, a secretary or an administrator."""
    return actor.id == assignment.controller_id or actor.has_any(Role.SECRETARY, Role.ADMIN)


def may_act(actor: Person, view: AssigneeView, action: Action) -> Outcome:
    """Whether `actor` may do `action` on this assignee now. The database state decides."""
    if action in (Action.REPORT, Action.SNOOZE, Action.EXTEND):
        allowed = actor.id == view.assignee.person_id
    else:
        allowed = may_manage(actor, view.assignment)
    if not allowed:
        return Outcome.FORBIDDEN
    if view.assignment.cancelled_at is not None:
        return Outcome.STALE
    if view.assignee.status not in ALLOWED_FROM[action]:
        return Outcome.STALE
    return Outcome.OK


def may_see(actor: Person, views: Sequence[AssigneeView]) -> bool:
    """An assignment's details and history: its people, its controller, its author, overseers."""
    if actor.has_any(*OVERSEERS):
        return True
    return any(
        actor.id in (v.assignee.person_id, v.assignment.controller_id, v.assignment.created_by)
        for v in views
    )


def local_now(now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return now.astimezone(tz)


def is_overdue(view: AssigneeView, now: dt.datetime, tz: ZoneInfo) -> bool:
    """Past the deadline (its end of day, or its time when one is given) and not done."""
    deadline = view.deadline
    if deadline is None or not view.assignee.is_open:
        return False
    return deadline_passed(deadline, view.deadline_time, now, tz)


def deadline_passed(
    deadline: dt.date, time: dt.time | None, now: dt.datetime, tz: ZoneInfo
) -> bool:
    local = local_now(now, tz)
    if time is not None:
        return local > dt.datetime.combine(deadline, time, tz)
    return local.date() > deadline


def days_overdue(deadline: dt.date, today: dt.date) -> int:
    return max((today - deadline).days, 0)


class SlotKind(StrEnum):
    BEFORE = "before"
    OVERDUE = "overdue"
    SNOOZE = "snooze"


@dataclass(frozen=True, slots=True)
class ReminderPolicy:
    tz: ZoneInfo
    reminder_time: dt.time
    days_before: tuple[int, ...]
    overdue_every: int

    def send_instant(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.reminder_time, self.tz)

    def last_reachable_day(self, now: dt.datetime) -> dt.date:
        """The latest day whose morning reminder time has come."""
        local = local_now(now, self.tz)
        today = local.date()
        return today if local.time() >= self.reminder_time else today - dt.timedelta(days=1)

    def horizon(self, now: dt.datetime) -> dt.date:
        """Deadlines up to this day can have a reminder due now."""
        return self.last_reachable_day(now) + dt.timedelta(days=max(self.days_before, default=0))


def due_slot(
    *,
    deadline: dt.date | None,
    snoozed_until: dt.date | None,
    last_reminder_on: dt.date | None,
    created_at: dt.datetime,
    now: dt.datetime,
    policy: ReminderPolicy,
) -> tuple[dt.date, SlotKind] | None:
    """The reminder that should go out now, if any.

    Slots are mornings: `deadline - d` for each d in the policy, then every `overdue_every` days
    after the deadline, plus a snoozed day. Only the latest slot that has come counts (a bot that
    was down for a week sends one reminder, not seven), it must be later than the last reminder
    sent, and later than the moment the assignment was created (its card was the news then).
    """
    last_day = policy.last_reachable_day(now)
    slots: list[tuple[dt.date, SlotKind]] = []
    if deadline is not None:
        slots += [(deadline - dt.timedelta(days=d), SlotKind.BEFORE) for d in policy.days_before]
        first_overdue = deadline + dt.timedelta(days=1)
        if last_day >= first_overdue:
            k = (last_day - first_overdue).days // policy.overdue_every
            slots.append(
                (first_overdue + dt.timedelta(days=k * policy.overdue_every), SlotKind.OVERDUE)
            )
    if snoozed_until is not None:
        slots.append((snoozed_until, SlotKind.SNOOZE))
    reachable = [s for s in slots if s[0] <= last_day]
    if not reachable:
        return None
    # A snooze wins a tie: it is what the person asked for.
    slot = max(reachable, key=lambda s: (s[0], s[1] is SlotKind.SNOOZE))
    if last_reminder_on is not None and slot[0] <= last_reminder_on:
        return None
    if policy.send_instant(slot[0]) <= created_at and slot[1] is not SlotKind.SNOOZE:
        return None
    return slot


@dataclass(frozen=True, slots=True)
class DigestLine:
    view: AssigneeView
    days: int  # days overdue, or days left


@dataclass(frozen=True, slots=True)
class DigestGroup:
    person: Person
    lines: tuple[DigestLine, ...]


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of a long list: its items, how many there are in all, which page of how many."""

    items: tuple[AssigneeView, ...]
    total: int
    page: int
    pages: int
    #: How many assignments the items are parts of, when that differs from `total` matters.
    assignments: int = 0


def clamp_page(page: int, total: int, size: int) -> tuple[int, int]:
    """The page actually shown for a requested one (a stale button may point past the end),
    and the number of pages (at least one)."""
    pages = max((total + size - 1) // size, 1)
    return min(max(page, 0), pages - 1), pages


@dataclass(frozen=True, slots=True)
class Digest:
    day: dt.date
    overdue: tuple[DigestGroup, ...]
    due_soon: tuple[DigestLine, ...]
    not_reached: tuple[Person, ...] = ()  # have open assignments, but the bot cannot reach them
    #: Totals; the lines above may list only the first of them (the most overdue, the nearest).
    overdue_total: int = 0
    overdue_people: int = 0
    overdue_assignments: int = 0
    due_soon_total: int = 0

    @property
    def overdue_listed(self) -> int:
        return sum(len(group.lines) for group in self.overdue)

    @property
    def empty(self) -> bool:
        return not self.overdue and not self.due_soon


def group_by_person(lines: Iterable[DigestLine]) -> tuple[DigestGroup, ...]:
    groups: dict[int, list[DigestLine]] = {}
    people: dict[int, Person] = {}
    for line in lines:
        pid = line.view.person.id
        groups.setdefault(pid, []).append(line)
        people[pid] = line.view.person
    ordered = sorted(groups, key=lambda pid: people[pid].short_name)
    return tuple(DigestGroup(people[pid], tuple(groups[pid])) for pid in ordered)


def build_digest(
    views: Sequence[AssigneeView],
    now: dt.datetime,
    tz: ZoneInfo,
    due_soon_days: int,
    not_reached: Sequence[Person] = (),
    *,
    overdue_total: int | None = None,
    overdue_people: int | None = None,
    overdue_assignments: int | None = None,
    due_soon_total: int | None = None,
) -> Digest:
    """Overdue items by person (most overdue first) and items due within `due_soon_days`.

    `views` may be the first part of a longer list; the totals then say how long it is.
    """
    today = local_now(now, tz).date()
    overdue: list[DigestLine] = []
    soon: list[DigestLine] = []
    for view in views:
        deadline = view.deadline
        if deadline is None or not view.assignee.is_open:
            continue
        if is_overdue(view, now, tz):
            overdue.append(DigestLine(view, days_overdue(deadline, today)))
        elif (deadline - today).days <= due_soon_days:
            soon.append(DigestLine(view, (deadline - today).days))
    overdue.sort(key=lambda line: (-line.days, line.view.assignee.id))
    soon.sort(key=lambda line: (line.days, line.view.assignee.id))
    groups = group_by_person(overdue)
    return Digest(
        day=today,
        overdue=groups,
        due_soon=tuple(soon),
        not_reached=tuple(not_reached),
        overdue_total=len(overdue) if overdue_total is None else overdue_total,
        overdue_people=len(groups) if overdue_people is None else overdue_people,
        overdue_assignments=(
            len({line.view.assignment.id for line in overdue})
            if overdue_assignments is None
            else overdue_assignments
        ),
        due_soon_total=len(soon) if due_soon_total is None else due_soon_total,
    )
