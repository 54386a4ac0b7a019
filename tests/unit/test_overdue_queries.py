"""The overdue and due-soon lists are counted and paged in SQL; they must agree with the rule
in Python (`tracking.rules.is_overdue`) that cards and reminders use."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from storage.db import Database
from storage.models import AssigneeStatus, AssigneeView
from tracking.rules import is_overdue

MSK = ZoneInfo("Europe/Moscow")
TODAY = dt.date(2026, 3, 4)
CREATED = dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC)
STATUSES = list(AssigneeStatus)


async def _seed(db: Database, rng: random.Random, items: int) -> list[AssigneeView]:
    """Assignments around TODAY: some without a deadline, some with a time of day, some
    assignees with a deadline of their own (an extension), every status."""
    async with db.transaction() as tx:
        people = [
            (
                await tx.people.add(
                    full_name=f"{surname} Анна Сергеевна",
                    short_name=f"{surname} А.С.",
                    position=None,
                    organisation=None,
                    invite_token=None,
                    now=CREATED,
                )
            ).id
            for surname in ("Яковлева", "Агеева", "Ёлкина", "Иванова", "Иванов", "Павлова")
        ]
        for n in range(items):
            deadline = None if rng.random() < 0.1 else TODAY + dt.timedelta(rng.randint(-4, 5))
            time = None
            if rng.random() < 0.4:
                time = dt.time(rng.choice((9, 12, 18)), rng.choice((0, 30)))
            aid = await tx.assignments.add(
                protocol_id=None,
                item_number=None,
                text=f"Пункт {n}",
                deadline_date=deadline,
                deadline_time=time if deadline else None,
                deadline_kind="date" if deadline else "none",
                deadline_raw="",
                recommendation=False,
                controller_id=None,
                created_by=None,
                now=CREATED,
            )
            for person in rng.sample(people, rng.choice((1, 1, 2))):
                own = deadline
                if deadline is not None and rng.random() < 0.2:
                    own = deadline + dt.timedelta(rng.choice((-1, 1, 2)))
                sid = await tx.assignments.add_assignee(aid, person, own, CREATED)
                status = rng.choice(STATUSES)
                if status is not AssigneeStatus.NEW:
                    await tx.assignments.set_status(sid, status, CREATED)
    async with db.read() as tx:
        return await tx.assignments.views_of_protocol(None)


@pytest.mark.parametrize("seed", range(6))
async def test_sql_overdue_and_due_soon_agree_with_the_rule(db: Database, seed: int) -> None:
    rng = random.Random(seed)
    views = await _seed(db, rng, 120)
    for local_time in (dt.time(0, 0), dt.time(9, 0), dt.time(12, 0, 0, 1), dt.time(23, 59, 59)):
        local = dt.datetime.combine(TODAY, local_time, MSK)
        now = local.astimezone(dt.UTC)
        expected = [v for v in views if is_overdue(v, now, MSK)]
        horizon = TODAY + dt.timedelta(days=3)
        soon = [
            v
            for v in views
            if v.assignee.is_open
            and v.deadline is not None
            and TODAY <= v.deadline <= horizon
            and not is_overdue(v, now, MSK)
        ]
        async with db.read() as tx:
            count, people, assignments = await tx.assignments.overdue_count(local)
            by_deadline = await tx.assignments.overdue(local, by_person=False, limit=1000)
            by_person = await tx.assignments.overdue(local, by_person=True, limit=1000)
            soon_count = await tx.assignments.due_soon_count(local, horizon)
            soon_listed = await tx.assignments.due_soon(local, horizon, limit=1000)
        ids = sorted(v.assignee.id for v in expected)
        assert count == len(expected) and expected, local_time
        assert people == len({v.person.id for v in expected})
        assert assignments == len({v.assignment.id for v in expected})
        assert sorted(v.assignee.id for v in by_deadline) == ids
        assert sorted(v.assignee.id for v in by_person) == ids
        assert soon_count == len(soon)
        assert sorted(v.assignee.id for v in soon_listed) == sorted(v.assignee.id for v in soon)
        # Orders: most overdue first; by person (name, then deadline); nearest first.
        keys = [(v.deadline, v.assignee.id) for v in by_deadline]
        assert keys == sorted(keys)
        keys_p = [(v.person.short_name, v.person.id, v.deadline, v.assignee.id) for v in by_person]
        assert keys_p == sorted(keys_p)
        keys_s = [(v.deadline, v.assignee.id) for v in soon_listed]
        assert keys_s == sorted(keys_s)


async def test_pages_cover_the_list_once(db: Database) -> None:
    views = await _seed(db, random.Random(7), 150)
    local = dt.datetime.combine(TODAY, dt.time(13, 0), MSK)
    expected = [v for v in views if is_overdue(v, local, MSK)]
    async with db.read() as tx:
        whole = await tx.assignments.overdue(local, by_person=True, limit=1000)
        pages = [
            await tx.assignments.overdue(local, by_person=True, limit=7, offset=offset)
            for offset in range(0, len(expected) + 7, 7)
        ]
        first = await tx.assignments.overdue(local, by_person=False, limit=5)
    assert [v.assignee.id for page in pages for v in page] == [v.assignee.id for v in whole]
    assert len(whole) == len(expected) > 14
    assert pages[-1] == []
    assert [v.assignee.id for v in first] == [
        v.assignee.id for v in sorted(expected, key=lambda v: (v.deadline, v.assignee.id))[:5]
    ]


async def test_the_lists_read_the_partial_index(db: Database) -> None:
    """SQLite uses a partial index only when the query repeats its condition word for word;
    a change to the open statuses must change migration 0004 with it."""
    local = dt.datetime.combine(TODAY, dt.time(13, 0), MSK)
    from storage.repos import _due_soon_sql, _overdue_sql

    for where, params in (_overdue_sql(local), _due_soon_sql(local, TODAY)):
        async with db.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT count(*) FROM assignees s WHERE {where}", params
        ) as cur:
            plan = " ".join(str(row[3]) for row in await cur.fetchall())
        assert "assignees_open_due" in plan, plan


async def test_a_persons_open_list_pages_in_sql_in_deadline_order(db: Database) -> None:
    """/my reads one page at a time; the pages, put together, are every open item of the
    person once, nearest deadline first (no deadline last), and each carries the total."""
    views = await _seed(db, random.Random(11), 150)
    open_statuses = {
        AssigneeStatus.NEW,
        AssigneeStatus.IN_PROGRESS,
        AssigneeStatus.REPORTED,
        AssigneeStatus.RETURNED,
    }
    for person_id in sorted({v.person.id for v in views}):
        mine = [
            v for v in views if v.person.id == person_id and v.assignee.status in open_statuses
        ]
        expected = sorted(
            mine,
            key=lambda v: (
                v.deadline is None,
                v.deadline or dt.date.min,
                v.assignment.deadline_time or dt.time.min,
                v.assignee.id,
            ),
        )
        async with db.read() as tx:
            pages = [
                await tx.assignments.open_for_person(person_id, limit=4, offset=offset)
                for offset in range(0, len(expected) + 8, 4)
            ]
            count = await tx.assignments.open_count_for_person(person_id)
        assert len(expected) > 8
        assert count == len(expected)
        assert [v.assignee.id for page, _ in pages for v in page] == [
            v.assignee.id for v in expected
        ]
        assert {total for _, total in pages} == {len(expected)}  # past the end as well
