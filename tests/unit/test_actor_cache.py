"""The acting person is remembered between updates until people change in the database."""

from __future__ import annotations

import datetime as dt
import inspect
from zoneinfo import ZoneInfo

import pytest

from storage import repos
from storage.db import Database
from storage.models import Role
from tracking.clock import ManualClock
from tracking.rules import ReminderPolicy
from tracking.service import Tracker

NOW = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
TG = 4242


def _tracker(db: Database) -> Tracker:
    policy = ReminderPolicy(
        tz=ZoneInfo("Europe/Moscow"), reminder_time=dt.time(9), days_before=(1,), overdue_every=1
    )
    return Tracker(db=db, clock=ManualClock(NOW), policy=policy, digest_time=dt.time(8))


async def _add(db: Database, telegram_id: int | None = TG) -> int:
    async with db.transaction() as tx:
        person = await tx.people.add(
            full_name="Хнычева Дарья Сергеевна",
            short_name="Хнычева Д.С.",
            position=None,
            organisation=None,
            invite_token=None,
            now=NOW,
            telegram_id=telegram_id,
        )
    return person.id


async def test_a_change_to_people_is_seen_by_the_next_update(db: Database) -> None:
    tracker = _tracker(db)
    assert await tracker.actor(TG) is None  # a stranger, remembered as such
    person_id = await _add(db)
    found = await tracker.actor(TG)
    assert found is not None and found.roles == {Role.EXECUTOR}

    async with db.transaction() as tx:
        await tx.people.add_role(person_id, Role.SECRETARY)
    found = await tracker.actor(TG)
    assert found is not None and found.roles == {Role.EXECUTOR, Role.SECRETARY}

    async with db.statement() as tx:
        await tx.people.set_unreachable(person_id, NOW)
    found = await tracker.actor(TG)
    assert found is not None and found.unreachable_since == NOW

    async with db.transaction() as tx:
        await tx.people.remove(person_id, NOW)
    assert await tracker.actor(TG) is None


async def test_a_rolled_back_change_leaves_nothing_stale(db: Database) -> None:
    tracker = _tracker(db)
    person_id = await _add(db)
    assert await tracker.actor(TG) is not None
    with pytest.raises(RuntimeError):
        async with db.transaction() as tx:
            await tx.people.remove(person_id, NOW)
            raise RuntimeError("the handler failed after the write")
    found = await tracker.actor(TG)
    assert found is not None and found.id == person_id


async def test_the_person_is_read_from_memory_until_people_change(db: Database) -> None:
    tracker = _tracker(db)
    person_id = await _add(db)
    assert await tracker.actor(TG) is not None
    # Written behind the repositories' back (nothing in the project does this), the change
    # is not seen: the answer came from memory.
    await db.conn.execute("UPDATE people SET removed_at = '2026-03-02' WHERE id = ?", (person_id,))
    assert await tracker.actor(TG) is not None
    async with db.transaction() as tx:  # any write through the repository drops the memory
        await tx.people.set_unreachable(person_id, None)
    assert await tracker.actor(TG) is None


async def test_memory_is_bounded(db: Database) -> None:
    tracker = _tracker(db)
    tracker.actor_cache_size = 3
    for telegram_id in range(10):
        await tracker.actor(telegram_id)
    assert list(tracker._actors) == [7, 8, 9]


async def test_every_write_of_the_people_repository_marks_people_changed(db: Database) -> None:
    source = inspect.getsource(repos.PeopleRepo)
    assert "self.conn.execute(" not in source.replace("await self.conn.execute(sql, params)", "")
    person_id = await _add(db, telegram_id=None)
    writes = {
        "link": lambda p: p.link(person_id, TG, "khn"),
        "add_role": lambda p: p.add_role(person_id, Role.CONTROLLER),
        "remove_role": lambda p: p.remove_role(person_id, Role.CONTROLLER),
        "update_details": lambda p: p.update_details(
            person_id, position="методист", organisation=None, username=None, phone=None
        ),
        "set_invite": lambda p: p.set_invite(person_id, "tok", NOW),
        "set_unreachable": lambda p: p.set_unreachable(person_id, NOW),
        "remove": lambda p: p.remove(person_id, NOW),
        "set_username": lambda p: p.set_username(person_id, "khn2"),
        "drop_username": lambda p: p.drop_username("khn2", keep=0),
    }
    public = {
        name
        for name, member in vars(repos.PeopleRepo).items()
        if inspect.iscoroutinefunction(member) and not name.startswith("_")
    }
    reads = {"get", "by_ids", "by_telegram", "by_invite", "active", "with_role"}
    reads |= {"unlinked_by_username", "phones", "not_reached", "invited_not_linked"}
    reads |= {"invite_expires_at"}
    assert public == reads | set(writes) | {"add"}  # a new method is classified here
    for name, write in writes.items():
        before = db.people_generation
        async with db.transaction() as tx:
            await write(tx.people)
        assert db.people_generation == before + 1, name
