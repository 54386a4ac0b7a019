"""The discipline report's counting (tracking.reports.DisciplineTally)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from storage.models import AssigneeStatus, DeadlineOutcome, Person
from tests import factories
from tracking.reports import DisciplineTally

MSK = ZoneInfo("Europe/Moscow")
S = AssigneeStatus
NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=MSK)


def person(pid: int, name: str, org: str | None) -> Person:
    return factories.person(pid, full_name=name, short_name=name, organisation=org)


def outcome(
    pid: int,
    status: AssigneeStatus,
    deadline: dt.date,
    changed: dt.datetime = NOW,
    time: dt.time | None = None,
) -> DeadlineOutcome:
    return DeadlineOutcome(0, pid, status, changed.astimezone(dt.UTC), deadline, time)


def test_each_deadline_counts_once_by_how_it_went() -> None:
    people = {
        1: person(1, "Агеева А.А.", "Колледж"),
        2: person(2, "Борисов Б.Б.", "Колледж"),
        3: person(3, "Волков В.В.", None),
    }
    day = dt.date(2026, 3, 5)
    outcomes = [
        # Accepted at 23:30 Moscow on the deadline day (20:30 UTC): on time.
        outcome(1, S.ACCEPTED, day, dt.datetime(2026, 3, 5, 23, 30, tzinfo=MSK)),
        # Accepted the next morning: late.
        outcome(1, S.ACCEPTED, day, dt.datetime(2026, 3, 6, 9, 0, tzinfo=MSK)),
        outcome(1, S.REPORTED, day),  # past the deadline, not accepted: overdue
        outcome(1, S.CANCELLED, day),  # not counted at all
        outcome(2, S.NEW, dt.date(2026, 3, 10), time=dt.time(11, 0)),  # today 11:00: overdue
        outcome(2, S.NEW, dt.date(2026, 3, 10), time=dt.time(13, 0)),  # today 13:00: open
        outcome(3, S.IN_PROGRESS, dt.date(2026, 3, 20)),  # still open
    ]
    tally = DisciplineTally(NOW, MSK)
    tally.add(outcomes[:3])  # as the service feeds it: a chunk at a time
    tally.add(outcomes[3:])
    rows, orgs = tally.result(people)
    table = {r.name: (r.assigned, r.on_time, r.late, r.overdue, r.open) for r in rows}
    assert table == {
        "Агеева А.А.": (3, 1, 1, 1, 0),
        "Борисов Б.Б.": (2, 0, 0, 1, 1),
        "Волков В.В.": (1, 0, 0, 0, 1),
    }
    assert [(o.name, o.assigned, o.overdue) for o in orgs] == [("Колледж", 5, 2), ("—", 1, 0)]


def test_the_report_not_the_acceptance_decides_on_time() -> None:
    """The assignee is judged by when the accepted report came; the hour counts when the
    deadline has one; a report waiting for the controller is late only if it came late."""
    day = dt.date(2026, 3, 5)
    at = dt.datetime(2026, 3, 5, 17, 0, tzinfo=MSK)
    next_week = dt.datetime(2026, 3, 12, 9, 0, tzinfo=MSK)

    def reported(
        status: AssigneeStatus, when: dt.datetime, time: dt.time | None = None
    ) -> DeadlineOutcome:
        plain = outcome(1, status, day, next_week, time)
        return DeadlineOutcome(
            plain.assignee_id,
            plain.person_id,
            plain.status,
            plain.status_changed_at,
            plain.deadline,
            plain.deadline_time,
            when.astimezone(dt.UTC),
        )

    def counts(*outcomes: DeadlineOutcome) -> tuple[int, int, int, int, int]:
        tally = DisciplineTally(dt.datetime(2026, 3, 20, 12, 0, tzinfo=MSK), MSK)
        tally.add(outcomes)
        (row,), _ = tally.result({1: person(1, "Агеева А.А.", None)})
        return row.assigned, row.on_time, row.late, row.overdue, row.open

    assert counts(reported(S.ACCEPTED, at)) == (1, 1, 0, 0, 0)  # accepted a week later
    assert counts(reported(S.ACCEPTED, at + dt.timedelta(days=1))) == (1, 0, 1, 0, 0)
    assert counts(reported(S.ACCEPTED, at, dt.time(12, 0))) == (1, 0, 1, 0, 0)  # after 12:00
    assert counts(reported(S.ACCEPTED, at, dt.time(18, 0))) == (1, 1, 0, 0, 0)
    assert counts(reported(S.REPORTED, at)) == (1, 0, 0, 0, 1)  # waits for the controller
    assert counts(reported(S.REPORTED, at + dt.timedelta(days=1))) == (1, 0, 0, 1, 0)
    # Sent back: the report in time does not count; the deadline has passed.
    assert counts(reported(S.RETURNED, at)) == (1, 0, 0, 1, 0)
    # Accepted with no report at all: by the acceptance.
    assert counts(outcome(1, S.ACCEPTED, day, next_week)) == (1, 0, 1, 0, 0)
