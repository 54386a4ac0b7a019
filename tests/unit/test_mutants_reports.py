"""What coordinators read (tracking.reports): protocol progress, control-sheet rows, the
discipline tally and the report period, at the edges the other tests did not reach."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from storage.models import (
    AssigneeStatus,
    AssigneeView,
    DeadlineOutcome,
    Person,
    Protocol,
)
from tests import factories
from tracking.reports import (
    DisciplineTally,
    assignment_done,
    by_assignment,
    progress,
    report_period,
    sheet_rows,
)

MSK = ZoneInfo("Europe/Moscow")
S = AssigneeStatus
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=MSK)
PAST = dt.date(2026, 3, 1)
FUTURE = dt.date(2026, 3, 20)
STATUS_NAMES = {s.value: s.value for s in S}


def _person(pid: int, name: str | None = None, org: str | None = None) -> Person:
    return factories.person(pid, full_name=name, short_name=name, organisation=org)


def _view(
    aid: int,
    assignment: int = 1,
    status: AssigneeStatus = S.NEW,
    deadline: dt.date | None = FUTURE,
    *,
    assignment_deadline: dt.date | None = None,
    changed: dt.datetime = NOW,
    cancelled: bool = False,
    person: int | None = None,
) -> AssigneeView:
    return factories.view(
        aid=aid,
        assignment_id=assignment,
        status=status,
        deadline=deadline,
        assignment_deadline=assignment_deadline,
        kind="date",
        item=str(assignment),
        text=f"Поручение {assignment}",
        who=_person(person or aid),
        changed=changed,
        cancelled_at=factories.CREATED if cancelled else None,
    )


# --- progress ---------------------------------------------------------------------------------


def test_assignment_is_done_when_everyone_left_on_it_was_accepted() -> None:
    assert assignment_done([_view(1, status=S.ACCEPTED), _view(2, status=S.CANCELLED)])
    assert not assignment_done([_view(1, status=S.ACCEPTED), _view(2, status=S.REPORTED)])


def test_assignment_whose_every_assignee_was_cancelled_is_not_done() -> None:
    assert not assignment_done([_view(1, status=S.CANCELLED)])
    assert not assignment_done([])


def test_views_are_grouped_by_assignment_whatever_order_they_come_in() -> None:
    views = [_view(3, assignment=2), _view(1, assignment=1), _view(4, assignment=2)]
    views.append(_view(2, assignment=1))
    groups = by_assignment(views)
    assert [[v.assignee.id for v in g] for g in groups] == [[1, 2], [3, 4]]


def test_progress_counts_assignments_not_assignees() -> None:
    views = [
        _view(1, assignment=1, status=S.ACCEPTED),
        _view(2, assignment=1, status=S.ACCEPTED),
        _view(3, assignment=2, deadline=PAST),
        _view(4, assignment=2, deadline=PAST),
        _view(5, assignment=3),
    ]
    stats = progress(None, views, NOW, MSK)
    assert (stats.total, stats.done, stats.overdue) == (3, 1, 1)


def test_progress_leaves_cancelled_assignments_out() -> None:
    views = [
        _view(1, assignment=1, status=S.ACCEPTED),
        _view(2, assignment=2, deadline=PAST, cancelled=True),
    ]
    stats = progress(None, views, NOW, MSK)
    assert (stats.total, stats.done, stats.overdue) == (1, 1, 0)


def test_progress_leaves_out_an_assignment_everyone_was_taken_off() -> None:
    views = [
        _view(1, assignment=1, status=S.ACCEPTED),
        _view(2, assignment=2, status=S.CANCELLED, deadline=PAST),
        _view(3, assignment=2, status=S.CANCELLED),
    ]
    stats = progress(None, views, NOW, MSK)
    assert (stats.total, stats.done, stats.overdue) == (1, 1, 0)


def test_one_late_assignee_makes_the_whole_assignment_overdue() -> None:
    views = [
        _view(1, assignment=1, deadline=PAST),
        _view(2, assignment=1, deadline=FUTURE, assignment_deadline=PAST),  # extended
    ]
    stats = progress(None, views, NOW, MSK)
    assert (stats.total, stats.done, stats.overdue) == (1, 0, 1)


# --- control sheet ----------------------------------------------------------------------------


def test_sheet_rows_follow_the_assignments_then_the_assignees() -> None:
    views = [_view(3, assignment=2), _view(2, assignment=1), _view(1, assignment=1)]
    rows = sheet_rows(views, {}, NOW, MSK, STATUS_NAMES)
    assert [(r.number, r.responsible) for r in rows] == [
        ("1", "Иванов1 И.И."),
        ("1", "Иванов2 И.И."),
        ("2", "Иванов3 И.И."),
    ]


def test_sheet_done_on_is_the_local_day_of_acceptance_and_only_for_accepted() -> None:
    late_evening_utc = dt.datetime(2026, 3, 5, 22, 30, tzinfo=dt.UTC)  # 01:30 on the 6th
    views = [
        _view(1, assignment=1, status=S.ACCEPTED, changed=late_evening_utc),
        _view(2, assignment=2, status=S.REPORTED, changed=late_evening_utc),
    ]
    accepted, reported = sheet_rows(views, {}, NOW, MSK, STATUS_NAMES)
    assert (accepted.done_on, accepted.done) == (dt.date(2026, 3, 6), True)
    assert (reported.done_on, reported.done) == (None, False)


def test_sheet_report_is_looked_up_by_assignee() -> None:
    views = [_view(7, assignment=1), _view(8, assignment=1)]
    rows = sheet_rows(views, {8: "Сделано"}, NOW, MSK, STATUS_NAMES)
    assert [r.report for r in rows] == ["", "Сделано"]


def test_sheet_marks_rows_of_a_cancelled_assignee_or_assignment_as_cancelled() -> None:
    views = [
        _view(1, assignment=1, status=S.CANCELLED),
        _view(2, assignment=2, cancelled=True),
        _view(3, assignment=3),
    ]
    rows = sheet_rows(views, {}, NOW, MSK, STATUS_NAMES)
    assert [r.cancelled for r in rows] == [True, True, False]


def test_sheet_shows_the_assignees_own_deadline_after_an_extension() -> None:
    view = _view(1, deadline=FUTURE, assignment_deadline=PAST)
    (row,) = sheet_rows([view], {}, NOW, MSK, STATUS_NAMES)
    assert row.deadline == FUTURE
    assert not row.overdue


def test_sheet_row_status_is_in_words_and_overdue_is_flagged() -> None:
    names = {s.value: f"«{s.value}»" for s in S}
    late, fresh = sheet_rows(
        [_view(1, assignment=1, deadline=PAST), _view(2, assignment=2)], {}, NOW, MSK, names
    )
    assert (late.status, late.overdue) == ("«new»", True)
    assert (fresh.status, fresh.overdue) == ("«new»", False)


def test_sheet_drops_the_assignments_hour_from_an_extended_deadline() -> None:
    base = _view(1, deadline=FUTURE, assignment_deadline=PAST)
    timed = dataclasses.replace(base.assignment, deadline_time=dt.time(12, 0))
    (row,) = sheet_rows([dataclasses.replace(base, assignment=timed)], {}, NOW, MSK, STATUS_NAMES)
    assert (row.deadline, row.deadline_time) == (FUTURE, None)


def test_progress_keeps_the_protocol_it_was_given() -> None:
    created = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    protocol = Protocol(7, "Совещание", "12", dt.date(2026, 1, 5), None, created)
    assert progress(protocol, [_view(1)], NOW, MSK).protocol is protocol


# --- discipline -------------------------------------------------------------------------------


def _outcome(
    pid: int, status: AssigneeStatus, deadline: dt.date, changed: dt.datetime = NOW
) -> DeadlineOutcome:
    return DeadlineOutcome(0, pid, status, changed.astimezone(dt.UTC), deadline, None)


def test_accepted_after_local_midnight_is_late_though_still_the_deadline_day_in_utc() -> None:
    day = dt.date(2026, 3, 5)
    after_midnight = dt.datetime(2026, 3, 6, 1, 0, tzinfo=MSK)  # 22:00 UTC on the 5th
    tally = DisciplineTally(NOW, MSK)
    tally.add([_outcome(1, S.ACCEPTED, day, after_midnight)])
    (row,), _ = tally.result({1: _person(1)})
    assert (row.on_time, row.late) == (0, 1)


def test_people_missing_from_the_directory_are_skipped_not_the_rest() -> None:
    tally = DisciplineTally(NOW, MSK)
    tally.add([_outcome(pid, S.NEW, FUTURE) for pid in (1, 2, 3)])
    rows, _ = tally.result({1: _person(1), 3: _person(3)})
    assert sorted(r.name for r in rows) == ["Иванов1 И.И.", "Иванов3 И.И."]


def test_discipline_rows_are_by_name_people_and_organisations_alike() -> None:
    people = {
        1: _person(1, "Яковлев Я.Я.", "Школа"),
        2: _person(2, "Андреев А.А.", "Колледж"),
        3: _person(3, "Борисов Б.Б.", "Академия"),
    }
    tally = DisciplineTally(NOW, MSK)
    tally.add([_outcome(pid, S.NEW, FUTURE) for pid in (1, 2, 3)])
    rows, orgs = tally.result(people)
    assert [r.name for r in rows] == ["Андреев А.А.", "Борисов Б.Б.", "Яковлев Я.Я."]
    assert [o.name for o in orgs] == ["Академия", "Колледж", "Школа"]


# --- report period ----------------------------------------------------------------------------

TODAY = dt.date(2026, 3, 2)
D = dt.date


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("май", (D(2025, 5, 1), D(2025, 5, 31))),
        ("мае", (D(2025, 5, 1), D(2025, 5, 31))),
        ("март", (D(2026, 3, 1), D(2026, 3, 31))),  # this month is this year's
        ("марта", (D(2026, 3, 1), D(2026, 3, 31))),
        ("01.02.25", (D(2025, 2, 1), TODAY)),  # a two-digit year is of this century
        ("01.02.25 31.12.25", (D(2025, 2, 1), D(2025, 12, 31))),
        ("15.02.2026 15.02.2026", (D(2026, 2, 15), D(2026, 2, 15))),  # a single day
        ("2025г", (D(2025, 1, 1), D(2025, 12, 31))),
        ("2025г.", (D(2025, 1, 1), D(2025, 12, 31))),
        ("январь-февраль", (D(2026, 1, 1), D(2026, 2, 28))),
        ("январь – февраль", (D(2026, 1, 1), D(2026, 2, 28))),
    ],
)
def test_more_periods(text: str, period: tuple[dt.date, dt.date] | None) -> None:
    assert report_period(text, TODAY) == period


@pytest.mark.parametrize(
    "text",
    [
        "январь февраль март",  # at most two words name a period
        "максимум",  # starts like «май» but is no month
        "март2026",  # a month word glued to a number
    ],
)
def test_what_is_still_not_a_period(text: str) -> None:
    assert report_period(text, TODAY) is None
