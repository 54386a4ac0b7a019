"""Reminder slots, overdue and digest rules, without Telegram or a database."""

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
    due_slot,
    is_overdue,
    may_act,
)

MSK = ZoneInfo("Europe/Moscow")
POLICY = ReminderPolicy(
    tz=MSK, reminder_time=dt.time(9, 0), days_before=(7, 3, 1, 0), overdue_every=1
)
CREATED = dt.datetime(2026, 1, 1, 12, 0, tzinfo=MSK)


def at(day: int, hour: int = 10, month: int = 1) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=MSK)


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


DEADLINE = dt.date(2026, 1, 20)


def test_no_reminder_before_the_first_slot() -> None:
    assert slot(at(12), DEADLINE) is None


def test_reminder_seven_days_before_comes_in_the_morning_not_at_midnight() -> None:
    assert slot(at(13, hour=8), DEADLINE) is None
    assert slot(at(13, hour=9), DEADLINE) == (dt.date(2026, 1, 13), SlotKind.BEFORE)


def test_reminder_already_sent_for_the_slot_is_not_repeated() -> None:
    assert slot(at(13), DEADLINE, last_reminder_on=dt.date(2026, 1, 13)) is None


def test_after_downtime_only_the_latest_missed_slot_is_sent() -> None:
    # Down from the 12th to the 19th: the 13th and 17th slots were missed, the 19th is due.
    assert slot(at(19), DEADLINE, last_reminder_on=None) == (dt.date(2026, 1, 19), SlotKind.BEFORE)


def test_deadline_day_reminder() -> None:
    assert slot(at(20), DEADLINE, last_reminder_on=dt.date(2026, 1, 19)) == (
        DEADLINE,
        SlotKind.BEFORE,
    )


def test_overdue_reminders_repeat_every_n_days() -> None:
    every3 = ReminderPolicy(tz=MSK, reminder_time=dt.time(9), days_before=(1,), overdue_every=3)
    assert slot(at(21), DEADLINE, policy=every3) == (dt.date(2026, 1, 21), SlotKind.OVERDUE)
    assert slot(at(23), DEADLINE, policy=every3, last_reminder_on=dt.date(2026, 1, 21)) is None
    assert slot(at(24), DEADLINE, policy=every3, last_reminder_on=dt.date(2026, 1, 21)) == (
        dt.date(2026, 1, 24),
        SlotKind.OVERDUE,
    )


def test_slot_before_creation_is_skipped_the_card_was_the_news() -> None:
    created = at(19, hour=12)
    assert slot(at(19, hour=15), DEADLINE, created_at=created) is None
    assert slot(at(20), DEADLINE, created_at=created) == (DEADLINE, SlotKind.BEFORE)


def test_snooze_gives_a_reminder_tomorrow_morning() -> None:
    far = dt.date(2026, 3, 1)
    tomorrow = dt.date(2026, 1, 10)
    assert slot(at(9, hour=18), far, snoozed_until=tomorrow) is None
    assert slot(at(10, hour=9), far, snoozed_until=tomorrow) == (tomorrow, SlotKind.SNOOZE)


def test_no_deadline_no_reminder() -> None:
    assert slot(at(25), None) is None


def _person(pid: int, roles: frozenset[Role] = frozenset()) -> Person:
    return factories.person(pid, telegram_id=pid * 10, roles=roles)


def _view(
    status: AssigneeStatus = AssigneeStatus.NEW,
    deadline: dt.date | None = DEADLINE,
    time: dt.time | None = None,
    person: int = 1,
    controller: int = 9,
    aid: int = 1,
) -> AssigneeView:
    return factories.view(
        aid=aid,
        status=status,
        deadline=deadline,
        time=time,
        kind="date",
        who=_person(person),
        controller=controller,
        author=controller,
    )


def test_overdue_starts_the_day_after_the_deadline() -> None:
    assert not is_overdue(_view(), at(20, hour=23), MSK)
    assert is_overdue(_view(), at(21, hour=0), MSK)


def test_overdue_with_a_clock_time_starts_at_that_time() -> None:
    view = _view(time=dt.time(12, 0))
    assert not is_overdue(view, at(20, hour=11), MSK)
    assert is_overdue(view, at(20, hour=13), MSK)


def test_accepted_is_never_overdue() -> None:
    assert not is_overdue(_view(AssigneeStatus.ACCEPTED), at(25), MSK)


@pytest.mark.parametrize(
    ("actor", "action", "status", "expected"),
    [
        (1, Action.REPORT, AssigneeStatus.NEW, Outcome.OK),
        (2, Action.REPORT, AssigneeStatus.NEW, Outcome.FORBIDDEN),
        (1, Action.REPORT, AssigneeStatus.REPORTED, Outcome.STALE),
        (1, Action.REPORT, AssigneeStatus.RETURNED, Outcome.OK),
        (9, Action.REVIEW, AssigneeStatus.REPORTED, Outcome.OK),
        (1, Action.REVIEW, AssigneeStatus.REPORTED, Outcome.FORBIDDEN),
        (9, Action.REVIEW, AssigneeStatus.ACCEPTED, Outcome.STALE),
        (2, Action.SNOOZE, AssigneeStatus.NEW, Outcome.FORBIDDEN),
    ],
)
def test_only_the_right_person_may_act(
    actor: int, action: Action, status: AssigneeStatus, expected: Outcome
) -> None:
    assert may_act(_person(actor), _view(status), action) is expected


def test_a_secretary_may_review_any_assignment() -> None:
    secretary = _person(5, frozenset({Role.SECRETARY}))
    assert may_act(secretary, _view(AssigneeStatus.REPORTED), Action.REVIEW) is Outcome.OK


def test_digest_groups_overdue_by_person_and_lists_due_soon() -> None:
    views = [
        _view(deadline=dt.date(2026, 1, 10), person=1, aid=1),
        _view(deadline=dt.date(2026, 1, 15), person=1, aid=2),
        _view(deadline=dt.date(2026, 1, 18), person=2, aid=3),
        _view(deadline=dt.date(2026, 1, 21), person=2, aid=4),
        _view(deadline=dt.date(2026, 1, 30), person=2, aid=5),
        _view(AssigneeStatus.ACCEPTED, deadline=dt.date(2026, 1, 1), person=3, aid=6),
    ]
    digest = build_digest(views, at(20), MSK, due_soon_days=3)
    assert [g.person.id for g in digest.overdue] == [1, 2]
    assert [line.days for line in digest.overdue[0].lines] == [10, 5]
    assert [line.view.assignee.id for line in digest.due_soon] == [4]
    assert not digest.empty


def test_clean_digest_is_empty() -> None:
    assert build_digest([], at(20), MSK, due_soon_days=3).empty
