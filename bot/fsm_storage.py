"""aiogram FSM storage in SQLite, so a half-filled form survives a restart."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from storage.db import Database

#: A chat's state, data and when the state was entered.
_Entry = tuple[str | None, dict[str, Any], dt.datetime | None]


def _key(key: StorageKey) -> str:
    """The stored name of a key: its parts joined by ":" (read on every update: one format)."""
    return (
        f"{key.bot_id}:{key.chat_id}:{key.user_id}:{key.thread_id or ''}"
        f":{key.business_connection_id or ''}:{key.destiny}"
    )


class SqliteStorage(BaseStorage):
    """Write-through: every change is committed to SQLite, and the state and data of recently
    seen chats are also kept in memory, because aiogram reads the state of every update.

    This process is the database's only writer. The cache changes only while the database
    lock is held (a load) or right after a commit, with no await in between (a change), so no
    interleaving of updates can leave an older value in it than in the database. Data goes
    through JSON on its way in, so it reads back the same from memory and after a restart.
    Each change is one statement, and one that the cache shows would change nothing is not
    written at all.

    With `state_ttl`, a form (a state) entered longer ago than that has expired: it reads as
    no state and is cleared, so a prompt left unanswered does not take a message sent hours
    later as its answer (aiogram's Redis storage has the same option).
    """

    def __init__(
        self,
        db: Database,
        cache_size: int = 10_000,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        state_ttl: dt.timedelta | None = None,
    ) -> None:
        self.db = db
        self.cache_size = cache_size
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.state_ttl = state_ttl
        self._cache: OrderedDict[str, _Entry] = OrderedDict()

    async def _load(self, key: str) -> _Entry:
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        async with self.db.read() as tx:
            loaded = await tx.fsm.get(key)
            self._cache[key] = loaded
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return loaded

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        name = _key(key)
        cached = self._cache.get(name)
        if cached is not None and cached[0] == value:
            return  # the database holds it already (`clear()` of a chat with no state)
        since = self.clock() if value is not None else None
        async with self.db.statement() as tx:
            await tx.fsm.set_state(name, value, since)
        cached = self._cache.get(name)
        if cached is not None:
            self._cache[name] = (value, cached[1], since)

    async def get_state(self, key: StorageKey) -> str | None:
        name = _key(key)
        state, _, since = await self._load(name)
        if state is not None and self._expired(since):
            async with self.db.statement() as tx:
                await tx.fsm.clear(name)
            if name in self._cache:
                self._cache[name] = (None, {}, None)
            return None
        return state

    def _expired(self, since: dt.datetime | None) -> bool:
        if self.state_ttl is None or since is None:
            return False
        return self.clock() - since > self.state_ttl

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        name = _key(key)
        stored = json.loads(json.dumps(dict(data), ensure_ascii=False))
        cached = self._cache.get(name)
        if cached is not None and cached[1] == stored:
            return
        async with self.db.statement() as tx:
            await tx.fsm.set_data(name, stored)
        cached = self._cache.get(name)
        if cached is not None:
            self._cache[name] = (cached[0], stored, cached[2])

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, data, _ = await self._load(_key(key))
        return copy.deepcopy(data)

    async def close(self) -> None:
        """The database is closed by the application, not by the storage."""
