"""aiogram FSM storage in SQLite, so a half-filled form survives a restart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from storage.db import Database


def _key(key: StorageKey) -> str:
    return ":".join(
        str(part)
        for part in (
            key.bot_id,
            key.chat_id,
            key.user_id,
            key.thread_id or "",
            key.business_connection_id or "",
            key.destiny,
        )
    )


class SqliteStorage(BaseStorage):
    def __init__(self, db: Database) -> None:
        self.db = db

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        async with self.db.transaction() as tx:
            await tx.fsm.set_state(_key(key), value)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self.db.read() as tx:
            state, _ = await tx.fsm.get(_key(key))
        return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        async with self.db.transaction() as tx:
            await tx.fsm.set_data(_key(key), dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self.db.read() as tx:
            _, data = await tx.fsm.get(_key(key))
        return data

    async def close(self) -> None:
        """The database is closed by the application, not by the storage."""
