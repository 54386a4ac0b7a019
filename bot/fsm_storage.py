"""aiogram FSM storage in SQLite, so a half-filled form survives a restart."""

from __future__ import annotations

import copy
import json
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from storage.db import Database


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
    """

    def __init__(self, db: Database, cache_size: int = 10_000) -> None:
        self.db = db
        self.cache_size = cache_size
        self._cache: OrderedDict[str, tuple[str | None, dict[str, Any]]] = OrderedDict()

    async def _load(self, key: str) -> tuple[str | None, dict[str, Any]]:
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
        async with self.db.statement() as tx:
            await tx.fsm.set_state(name, value)
        cached = self._cache.get(name)
        if cached is not None:
            self._cache[name] = (value, cached[1])

    async def get_state(self, key: StorageKey) -> str | None:
        state, _ = await self._load(_key(key))
        return state

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
            self._cache[name] = (cached[0], stored)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, data = await self._load(_key(key))
        return copy.deepcopy(data)

    async def close(self) -> None:
        """The database is closed by the application, not by the storage."""
