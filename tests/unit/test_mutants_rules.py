"""Rules the other tests of `tracking.rules` left unchecked: permissions on cancelled and
reported work, who may see an assignment, boundaries of reminders, pages and digests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from storage.models import (
    AssigneeStatus,
    AssigneeView,
    Person,
    Role,
)
from tests import factories
from tracking.rules import (
    Action,
    Outcome,
    ReminderPolicy,
    SlotKind,
    build_digest,
    clamp_page,
    days_overdue,
    due_slot,
    may_act,
    may_see,
)

MSK = ZoneInfo("Europe/Moscow")
POLICY = ReminderPolicy(
    tz=MSK, reminder_time=dt.time(9, 0), days_before=(7, 3, 1, 0), overdue_every=1
)
CREATED = dt.datetime(2026, 1, 1, 12, 0, tzinfo=MSK)
DEADLINE = dt.date(2026, 1, 20)

ASSIGNEE = 1
CONTROLLER = 9
AUTHOR = 8
STRANGER = 2


def at(day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 1, day, hour, minute, tzinfo=MSK)


def _person(
    pid: int, roles: frozenset[Role] = frozenset(), short_name: str | None = None
) -> Person:
    return factories.person(pid, short_name=short_name, telegram_id=pid * 10, roles=roles)


def _view(
    status: AssigneeStatus = AssigneeStatus.NEW,
    deadline: dt.date | None = DEADLINE,
    *,
    person: Person | None = None,
    controller: int | None = CONTROLLER,
    author: int | None = AUTHOR,
    aid: int = 1,
    cancelled: bool = False,
) -> AssigneeView:
    return factories.view(
        aid=aid,
        status=status,
        deadline=deadline,
        kind="date",
        who=person or _person(ASSIGNEE),
        controller=controller,
        author=author,
        cancelled_at=factories.CREATED + dt.timedelta(days=1) if cancelled else None,
    )


def slot(now: dt.datetime, deadline: dt.date | None, **kw: object) -> object:
    args: dict[str, object] = {
        "deadline": deadline,
        "snoozed_until": None,
        "last_reminder_on": None,
        "created_at": CREATED,
        "now": now,
        "policy": POLICY,
    }
    args.update(kw)
    return due_slot(**args)  # type: ignore[arg-type]


# --- may_act ----------------------------------------------------------------------------------


def test_only_the_assignee_may_ask_for_a_new_deadline() -> None:
    assert may_act(_person(ASSIGNEE), _view(), Action.EXTEND) is Outcome.OK
    assert may_act(_person(CONTROLLER), _view(), Action.EXTEND) is Outcome.FORBIDDEN


@pytest.mark.parametrize(
    ("actor", "action"),
    [
        (ASSIGNEE, Action.REPORT),
        (ASSIGNEE, Action.SNOOZE),
        (ASSIGNEE, Action.EXTEND),
        (CONTROLLER, Action.DECIDE),
        (CONTROLLER, Action.MANAGE),
    ],
)
def test_nothing_may_be_done_on_a_cancelled_assignment(actor: int, action: Action) -> None:
    assert may_act(_person(actor), _view(cancelled=True), action) is Outcome.STALE


def test_cancelled_assignment_still_forbids_strangers_rather_than_calling_it_stale() -> None:
    assert may_act(_person(STRANGER), _view(cancelled=True), Action.REPORT) is Outcome.FORBIDDEN


@pytest.mark.parametrize("action", [Action.SNOOZE, Action.EXTEND])
def test_once_reported_the_assignee_may_neither_snooze_nor_ask_for_more_time(
    action: Action,
) -> None:
    view = _view(AssigneeStatus.REPORTED)
    assert may_act(_person(ASSIGNEE), view, action) is Outcome.STALE


def test_work_in_progress_may_be_reported_snoozed_and_extended() -> None:
    view = _view(AssigneeStatus.IN_PROGRESS)
    for action in (Action.REPORT, Action.SNOOZE, Action.EXTEND):
        assert may_act(_person(ASSIGNEE), view, action) is Outcome.OK


@pytest.mark.parametrize("action", [Action.DECIDE, Action.MANAGE])
@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (AssigneeStatus.NEW, Outcome.OK),
        (AssigneeStatus.IN_PROGRESS, Outcome.OK),
        (AssigneeStatus.RETURNED, Outcome.OK),
        (AssigneeStatus.REPORTED, Outcome.OK),
        (AssigneeStatus.ACCEPTED, Outcome.STALE),
        (AssigneeStatus.CANCELLED, Outcome.STALE),
    ],
)
def test_controller_decides_and_manages_while_the_work_is_open_or_reported(
    action: Action, status: AssigneeStatus, expected: Outcome
) -> None:
    assert may_act(_person(CONTROLLER), _view(status), action) is expected


# --- may_see ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SECRETARY, Role.ADMIN])
def test_overseers_see_any_assignment(role: Role) -> None:
    assert may_see(_person(STRANGER, frozenset({role})), [_view()])


def test_an_executor_or_controller_role_alone_does_not_open_other_assignments() -> None:
    for role in (Role.EXECUTOR, Role.CONTROLLER):
        assert not may_see(_person(STRANGER, frozenset({role})), [_view()])


@pytest.mark.parametrize("pid", [ASSIGNEE, CONTROLLER, AUTHOR])
def test_its_assignee_controller_and_author_see_an_assignment(pid: int) -> None:
    assert may_see(_person(pid), [_view()])


def test_one_assignee_among_several_sees_the_whole_assignment() -> None:
    views = [_view(person=_person(ASSIGNEE)), _view(person=_person(3))]
    assert may_see(_person(3), views)
    assert not may_see(_person(STRANGER), views)


# --- overdue days, horizon, reminder slots ----------------------------------------------------


def test_days_overdue_counts_days_after_the_deadline_and_never_goes_negative() -> None:
    assert days_overdue(DEADLINE, dt.date(2026, 1, 23)) == 3
    assert days_overdue(DEADLINE, DEADLINE) == 0
    assert days_overdue(DEADLINE, dt.date(2026, 1, 15)) == 0


def test_reminder_horizon_reaches_the_earliest_reminder_ahead() -> None:
    # With a reminder seven days before, deadlines a week ahead of this morning may be due.
    assert POLICY.horizon(at(10)) == dt.date(2026, 1, 17)
    # Before the reminder time this morning's slot has not come: the horizon is from yesterday.
    assert POLICY.horizon(at(10, hour=8)) == dt.date(2026, 1, 16)
    no_before = ReminderPolicy(tz=MSK, reminder_time=dt.time(9), days_before=(), overdue_every=1)
    assert no_before.horizon(at(10)) == dt.date(2026, 1, 10)


def test_snooze_wins_a_tie_with_a_deadline_reminder_on_the_same_morning() -> None:
    snoozed = dt.date(2026, 1, 19)  # also the "one day before" slot
    assert slot(at(19), DEADLINE, snoozed_until=snoozed) == (snoozed, SlotKind.SNOOZE)


def test_slot_at_the_very_moment_of_creation_is_skipped() -> None:
    created = at(19, hour=9)  # exactly the morning reminder time
    assert slot(at(19, hour=10), DEADLINE, created_at=created) is None


def test_an_item_created_overdue_gets_no_overdue_reminder_that_morning() -> None:
    # Created at noon five days after its deadline: the card was the news today.
    created = at(25, hour=12)
    assert slot(at(25, hour=13), DEADLINE, created_at=created) is None
    assert slot(at(26), DEADLINE, created_at=created) == (dt.date(2026, 1, 26), SlotKind.OVERDUE)


def test_a_snoozed_day_is_reminded_even_if_it_came_before_the_assignment_was_created() -> None:
    created = at(10, hour=12)
    snoozed = dt.date(2026, 1, 10)
    far = dt.date(2026, 3, 1)
    assert slot(at(10, hour=13), far, created_at=created, snoozed_until=snoozed) == (
        snoozed,
        SlotKind.SNOOZE,
    )


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "total", "size", "expected"),
    [
        (0, 0, 10, (0, 1)),  # an empty list is still one page
        (0, 10, 10, (0, 1)),
        (1, 11, 10, (1, 2)),  # one item more opens a second page
        (5, 11, 10, (1, 2)),  # a stale button past the end shows the last page
        (-3, 11, 10, (0, 2)),  # and one before the start the first
        (3, 0, 10, (0, 1)),
    ],
)
def test_clamp_page_keeps_the_page_within_the_list(
    page: int, total: int, size: int, expected: tuple[int, int]
) -> None:
    assert clamp_page(page, total, size) == expected


# --- digest -----------------------------------------------------------------------------------


def test_digest_with_only_due_soon_items_is_not_empty() -> None:
    digest = build_digest([_view(deadline=dt.date(2026, 1, 21))], at(20), MSK, due_soon_days=3)
    assert not digest.overdue
    assert not digest.empty


def test_digest_with_only_overdue_items_is_not_empty() -> None:
    digest = build_digest([_view(deadline=dt.date(2026, 1, 10))], at(20), MSK, due_soon_days=3)
    assert not digest.due_soon
    assert not digest.empty


def test_due_soon_includes_the_last_day_of_the_window() -> None:
    views = [
        _view(deadline=dt.date(2026, 1, 23), aid=1),
        _view(deadline=dt.date(2026, 1, 24), aid=2),
    ]
    digest = build_digest(views, at(20), MSK, due_soon_days=3)
    assert [(line.view.assignee.id, line.days) for line in digest.due_soon] == [(1, 3)]


def test_due_soon_lists_the_nearest_deadline_first() -> None:
    views = [
        _view(deadline=dt.date(2026, 1, 23), aid=1),
        _view(deadline=dt.date(2026, 1, 20), aid=2),
        _view(deadline=dt.date(2026, 1, 21), aid=3),
    ]
    digest = build_digest(views, at(20), MSK, due_soon_days=3)
    assert [line.view.assignee.id for line in digest.due_soon] == [2, 3, 1]
    assert [line.days for line in digest.due_soon] == [0, 1, 3]


def test_overdue_groups_are_in_alphabetical_order_of_people_not_by_lateness() -> None:
    yakovlev = _person(1, short_name="Яковлев Я.Я.")
    andreev = _person(2, short_name="Андреев А.А.")
    views = [
        _view(deadline=dt.date(2026, 1, 5), person=yakovlev, aid=1),  # the most overdue
        _view(deadline=dt.date(2026, 1, 15), person=andreev, aid=2),
    ]
    digest = build_digest(views, at(20), MSK, due_soon_days=3)
    assert [g.person.short_name for g in digest.overdue] == ["Андреев А.А.", "Яковлев Я.Я."]


def test_digest_counts_overdue_lines_and_people_separately() -> None:
    views = [
        _view(deadline=dt.date(2026, 1, 10), person=_person(1), aid=1),
        _view(deadline=dt.date(2026, 1, 11), person=_person(1), aid=2),
        _view(deadline=dt.date(2026, 1, 12), person=_person(2), aid=3),
    ]
    digest = build_digest(views, at(20), MSK, due_soon_days=3)
    assert digest.overdue_listed == 3
    assert digest.overdue_total == 3
    assert digest.overdue_people == 2


def test_digest_totals_given_for_a_longer_list_are_kept() -> None:
    views = [
        _view(deadline=dt.date(2026, 1, 10), aid=1),
        _view(deadline=dt.date(2026, 1, 21), aid=2),
    ]
    digest = build_digest(
        views,
        at(20),
        MSK,
        due_soon_days=3,
        overdue_total=40,
        overdue_people=12,
        due_soon_total=7,
    )
    assert digest.overdue_listed == 1
    assert (digest.overdue_total, digest.overdue_people, digest.due_soon_total) == (40, 12, 7)


def test_digest_day_is_the_local_day_even_when_the_clock_is_in_utc() -> None:
    # 22:30 UTC on the 20th is already 01:30 on the 21st in Moscow.
    now = dt.datetime(2026, 1, 20, 22, 30, tzinfo=dt.UTC)
    digest = build_digest([_view(deadline=dt.date(2026, 1, 22))], now, MSK, due_soon_days=3)
    assert digest.day == dt.date(2026, 1, 21)
    assert [line.days for line in digest.due_soon] == [1]
