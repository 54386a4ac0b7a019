"""The SQLite FSM storage and its write-through cache."""

from __future__ import annotations

import asyncio
import datetime as dt
import random

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.fsm_storage import SqliteStorage, _key
from storage.db import Database


def key(user: int) -> StorageKey:
    return StorageKey(bot_id=1, chat_id=user, user_id=user)


async def test_state_and_data_survive_a_restart_and_read_the_same(db: Database) -> None:
    storage = SqliteStorage(db)
    await storage.set_state(key(1), "Report:text")
    await storage.set_data(key(1), {"assignee": 5, "pair": (1, 2), "note": "отчёт"})
    cached = (await storage.get_state(key(1)), await storage.get_data(key(1)))
    fresh = SqliteStorage(db)  # a restarted process: nothing cached
    reloaded = (await fresh.get_state(key(1)), await fresh.get_data(key(1)))
    assert cached == reloaded == ("Report:text", {"assignee": 5, "pair": [1, 2], "note": "отчёт"})
    assert await fresh.get_state(key(2)) is None and await fresh.get_data(key(2)) == {}


async def test_reads_come_from_memory_once_seen(db: Database) -> None:
    storage = SqliteStorage(db)
    await storage.set_state(key(1), "A")
    assert await storage.get_state(key(1)) == "A"
    # Changed behind its back (never happens in production: this process is the only writer),
    # the cached value shows that the read did not go to the database.
    async with db.transaction() as tx:
        await tx.fsm.set_state("1:1:1:::default", "B", None)
    assert await storage.get_state(key(1)) == "A"
    assert await SqliteStorage(db).get_state(key(1)) == "B"


async def test_returned_data_is_a_copy(db: Database) -> None:
    storage = SqliteStorage(db)
    await storage.set_data(key(1), {"items": [1]})
    data = await storage.get_data(key(1))
    data["items"].append(2)
    assert await storage.get_data(key(1)) == {"items": [1]}


async def test_the_cache_is_bounded(db: Database) -> None:
    storage = SqliteStorage(db, cache_size=3)
    for user in range(10):
        await storage.set_state(key(user), f"S{user}")
        assert await storage.get_state(key(user)) == f"S{user}"
    assert len(storage._cache) == 3
    assert [await storage.get_state(key(user)) for user in range(10)] == [
        f"S{user}" for user in range(10)
    ]


@pytest.mark.parametrize("seed", range(5))
async def test_interleaved_changes_leave_memory_equal_to_the_database(
    db: Database, seed: int
) -> None:
    rng = random.Random(seed)
    storage = SqliteStorage(db, cache_size=4)

    async def act(step: int) -> None:
        user = rng.randrange(6)
        roll = rng.random()
        if roll < 0.35:
            await storage.set_state(key(user), rng.choice((None, "A", "B", f"S{step}")))
        elif roll < 0.7:
            await storage.set_data(key(user), {"step": step})
        elif roll < 0.85:
            await storage.get_state(key(user))
        else:
            await storage.get_data(key(user))

    await asyncio.gather(*(act(step) for step in range(300)))
    fresh = SqliteStorage(db)
    for user in range(6):
        assert await storage.get_state(key(user)) == await fresh.get_state(key(user))
        assert await storage.get_data(key(user)) == await fresh.get_data(key(user))


async def test_a_change_that_changes_nothing_is_not_written(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """aiogram's `clear()` is `set_state(None)` and `set_data({})`; for a chat with no state
    (most chats, most of the time) neither needs the database."""
    storage = SqliteStorage(db)
    writes: list[str] = []
    statement = db.statement

    def counted() -> object:
        writes.append("statement")
        return statement()

    monkeypatch.setattr(db, "statement", counted)
    assert await storage.get_state(key(1)) is None
    await storage.set_state(key(1), None)
    await storage.set_data(key(1), {})
    assert writes == []
    await storage.set_state(key(1), "Report:text")
    await storage.set_state(key(1), "Report:text")
    await storage.set_data(key(1), {"assignee": 5})
    await storage.set_data(key(1), {"assignee": 5})
    assert writes == ["statement", "statement"]
    fresh = SqliteStorage(db)
    assert await fresh.get_state(key(1)) == "Report:text"
    assert await fresh.get_data(key(1)) == {"assignee": 5}
    await storage.set_state(key(1), None)
    await storage.set_data(key(1), {})
    assert len(writes) == 4
    fresh = SqliteStorage(db)
    assert await fresh.get_state(key(1)) is None and await fresh.get_data(key(1)) == {}


def test_the_stored_name_of_a_key_stays_as_databases_hold_it() -> None:
    """Forms half-filled before an upgrade are found under the same names after it."""
    assert _key(key(5)) == "1:5:5:::default"
    full = StorageKey(
        bot_id=1, chat_id=-100, user_id=7, thread_id=3, business_connection_id="b", destiny="x"
    )
    assert _key(full) == "1:-100:7:3:b:x"


async def test_a_form_left_longer_than_its_time_has_expired(db: Database) -> None:
    now = [dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)]
    storage = SqliteStorage(db, clock=lambda: now[0], state_ttl=dt.timedelta(hours=3))
    await storage.set_state(key(1), "Flow:reason")
    await storage.set_data(key(1), {"assignee_id": 7})
    now[0] += dt.timedelta(hours=2, minutes=59)
    assert await storage.get_state(key(1)) == "Flow:reason"
    now[0] += dt.timedelta(minutes=2)
    assert await storage.get_state(key(1)) is None  # expired: cleared, data too
    assert await storage.get_data(key(1)) == {}
    restarted = SqliteStorage(db, clock=lambda: now[0], state_ttl=dt.timedelta(hours=3))
    assert await restarted.get_state(key(1)) is None and await restarted.get_data(key(1)) == {}
    # A new form starts its own time.
    await storage.set_state(key(1), "Flow:report")
    now[0] += dt.timedelta(hours=1)
    assert await storage.get_state(key(1)) == "Flow:report"
    # Without a time limit a form waits for ever (as before).
    patient = SqliteStorage(db, clock=lambda: now[0])
    now[0] += dt.timedelta(days=30)
    assert await patient.get_state(key(1)) == "Flow:report"
