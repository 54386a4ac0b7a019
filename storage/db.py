"""The SQLite connection, migrations and transactions."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from importlib import resources
from pathlib import Path

import aiosqlite

from storage.repos import Tx

log = logging.getLogger(__name__)


def _migrations() -> list[tuple[int, str]]:
    """Numbered migration scripts shipped in `storage/migrations`, in order."""
    found: list[tuple[int, str]] = []
    for entry in resources.files("storage.migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """One aiosqlite connection shared by the whole process.

    SQLite allows one writer at a time and aiosqlite runs every statement of a connection on one
    thread, so transactions are serialised by an asyncio lock: statements of two updates never
    interleave inside one transaction. Transactions are short (no network calls inside).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        self._outbox_listeners: list[Callable[[], None]] = []
        #: Changes, under the lock, at the end of every transaction or statement that wrote to
        #: people or their roles: what was read about people under an older value is stale.
        self.people_generation = 0

    async def connect(self) -> None:
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA synchronous=NORMAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA busy_timeout=5000")
        self._conn = conn
        await self._migrate()

    async def close(self) -> None:
        if self._conn is not None:
            async with self._lock:
                # Keeps the query planner's statistics fresh as the tables grow.
                await self._conn.execute("PRAGMA optimize")
                await self._conn.close()
                self._conn = None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("Database is not connected")
        return self._conn

    def add_outbox_listener(self, listener: Callable[[], None]) -> None:
        """Called after every commit that wrote to the outbox (wakes the delivery worker)."""
        self._outbox_listeners.append(listener)

    async def _migrate(self) -> None:
        conn = self.conn
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        async with conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version") as cur:
            row = await cur.fetchone()
        current = int(row[0]) if row else 0
        for version, script in _migrations():
            if version <= current:
                continue
            log.info("Applying migration %04d", version)
            # executescript commits on its own; the version row goes in the same script.
            stamp = dt.datetime.now(dt.UTC).isoformat()
            await conn.executescript(
                f"BEGIN;\n{script}\n"
                f"INSERT INTO schema_version(version, applied_at) VALUES ({version}, '{stamp}');\n"
                "COMMIT;"
            )

    async def backup_to(self, target: sqlite3.Connection) -> None:
        """Copy the whole database into `target` with SQLite's online backup API."""
        async with self._lock:
            await self.conn.backup(target)

    async def integrity_ok(self) -> bool:
        async with self._lock, self.conn.execute("PRAGMA quick_check") as cur:
            row = await cur.fetchone()
        return row is not None and row[0] == "ok"

    async def schema_version(self) -> int:
        async with self.conn.execute("SELECT MAX(version) FROM schema_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    @contextlib.asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """Reads without BEGIN/COMMIT: every write of this process takes the same lock, so
        holding it is as consistent as a transaction, for two round trips less."""
        async with self._lock:
            tx = Tx(self.conn)
            try:
                yield tx
            finally:
                if tx.people_written:
                    self.people_generation += 1
            if tx.outbox_written:  # pragma: no cover - a programming error
                raise RuntimeError("outbox written outside a transaction")

    def statement(self) -> contextlib.AbstractAsyncContextManager[Tx]:
        """For exactly one write statement, which SQLite makes atomic on its own: held like a
        read, without BEGIN and COMMIT. Nothing that writes to the outbox (that always comes
        with the change that caused it, in a transaction)."""
        return self.read()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """A write transaction: committed on success, rolled back on any exception."""
        async with self._lock:
            conn = self.conn
            await conn.execute("BEGIN IMMEDIATE")
            tx = Tx(conn)
            try:
                yield tx
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            else:
                await conn.execute("COMMIT")
            finally:
                if tx.people_written:
                    self.people_generation += 1
        if tx.outbox_written:
            for listener in self._outbox_listeners:
                listener()
