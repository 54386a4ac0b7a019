"""Shared pieces of the security tests: the e2e harness, an error watch, database checks."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, closing
from pathlib import Path
from typing import Any

import pytest

from bot.app import create_app
from bot.texts import core as t
from tests.e2e.conftest import ADMIN_ID, START, Harness, make_settings, tg
from tests.fakebot import FakeTelegramServer, run_polling
from tracking.clock import ManualClock

__all__ = [
    "POLITE",
    "ErrorWatch",
    "consistency_problems",
    "errors",
    "running",
    "settle",
    "snapshot",
    "tg",
]

#: Every answer that refuses, redirects or explains without doing anything.
POLITE = frozenset(
    {
        t.NOT_LINKED,
        t.FORBIDDEN,
        t.PRIVATE_ONLY,
        t.UNKNOWN_INPUT,
        t.GREETING_STRANGER,
        t.NOTHING_TO_CANCEL,
        t.INVITE_INVALID,
        t.INVITE_EXPIRED,
        t.REFUSED_NOT_YOURS,
        t.REFUSED_NOT_CONTROLLER,
        t.REFUSED_STALE,
        t.REFUSED_NOT_FOUND,
        t.DRAFT_NOT_YOURS,
        t.DRAFT_CLOSED,
        t.MANAGE_FORBIDDEN,
        t.MANAGE_NOT_FOUND,
        t.MANAGE_USAGE,
        t.HISTORY_NOT_FOUND,
        t.HISTORY_USAGE,
        t.PROTOCOL_NOT_FOUND,
    }
)


class ErrorWatch(logging.Handler):
    """Collects ERROR records of every logger.

    The app's `on_error` handles handler exceptions itself (it logs «update N failed» on
    `bot.app` and answers INTERNAL_ERROR), so `run_polling(raise_handler_errors=True)`, which
    only listens to `aiogram.event`, never sees them: this watch does.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def since(self, start: int) -> list[logging.LogRecord]:
        return self.records[start:]

    @staticmethod
    def describe(records: list[logging.LogRecord]) -> str:
        lines = []
        for record in records:
            line = f"{record.name}: {record.getMessage()}"
            if record.exc_info and record.exc_info[1] is not None:
                exc = record.exc_info[1]
                line += f" -> {type(exc).__name__}: {exc}"
            lines.append(line)
        return "\n".join(lines)


@pytest.fixture
def errors() -> Iterator[ErrorWatch]:
    watch = ErrorWatch()
    root = logging.getLogger()
    root.addHandler(watch)
    try:
        yield watch
    finally:
        root.removeHandler(watch)


@asynccontextmanager
async def running(
    tg: FakeTelegramServer, tmp_path: Path, **overrides: object
) -> AsyncIterator[Harness]:
    """Like the e2e `harness` fixture, with settings overridden (backups stay in tmp_path)."""
    overrides.setdefault("backup_dir", tmp_path / "backups")
    clock = ManualClock(START)
    app = create_app(make_settings(tg, tmp_path, **overrides), clock=clock, start_scheduler=False)
    admin = tg.user(ADMIN_ID, "Анна", "Админова", "admin")
    async with run_polling(app.dispatcher, app.bot, tg) as run:
        h = Harness(tg, app, clock, run, admin)
        await admin.send("/start")
        await h.expect(admin, "Ваши роли")
        yield h


async def settle(h: Harness, timeout: float = 10.0) -> None:  # noqa: ASYNC109
    """Wait until every update sent so far was fetched and its handler has finished."""
    await h.tg.wait_confirmed(timeout=timeout)
    await h.run.drain(timeout)


def db_path(h: Harness) -> Path:
    return Path(h.settings.database_path)


#: Columns the delivery worker changes in the background; not part of what an action did.
VOLATILE = frozenset(
    {
        "sent_at",
        "failed_at",
        "attempts",
        "last_error",
        "not_before",
        "card_chat_id",
        "card_message_id",
        "unreachable_since",
    }
)
BACKGROUND_EVENTS = frozenset({"card_sent"})


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    )
    return [str(r[0]) for r in rows]


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows without the columns the delivery worker touches."""
    state: dict[str, list[tuple[Any, ...]]] = {}
    with closing(sqlite3.connect(path)) as conn:
        for table in _tables(conn):
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            keep = [i for i, c in enumerate(columns) if c not in VOLATILE]
            kind = columns.index("kind") if table == "events" else None
            rows = [row for row in cursor if kind is None or row[kind] not in BACKGROUND_EVENTS]
            if table == "fsm":  # a cleared form is the same as no form
                rows = [row for row in rows if row[1:] != (None, "{}")]
            state[table] = [tuple(row[i] for i in keep) for row in rows]
    return state


def changed_tables(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]
) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def consistency_problems(path: Path) -> list[str]:
    """What is wrong with the database as a whole (an empty list when it is consistent)."""
    problems: list[str] = []
    with closing(sqlite3.connect(path)) as conn:

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return list(conn.execute(sql))

        integrity = rows("PRAGMA integrity_check")
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:5]}")
        fk = rows("PRAGMA foreign_key_check")
        if fk:
            problems.append(f"foreign_key_check: {fk[:5]}")
        checks = {
            "assignee without its assignment": (
                "SELECT a.id FROM assignees a"
                " LEFT JOIN assignments s ON s.id = a.assignment_id WHERE s.id IS NULL"
            ),
            "assignee without its person": (
                "SELECT a.id FROM assignees a"
                " LEFT JOIN people p ON p.id = a.person_id WHERE p.id IS NULL"
            ),
            "assignee with an unknown status": (
                "SELECT id, status FROM assignees WHERE status NOT IN"
                " ('new', 'in_progress', 'reported', 'accepted', 'returned', 'cancelled')"
            ),
            "reported or accepted without any report": (
                "SELECT a.id, a.status FROM assignees a WHERE a.status IN ('reported', 'accepted')"
                " AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.assignee_id = a.id)"
            ),
            "accepted without an «accepted» event": (
                "SELECT a.id FROM assignees a WHERE a.status = 'accepted' AND NOT EXISTS"
                " (SELECT 1 FROM events e WHERE e.assignee_id = a.id AND e.kind = 'accepted')"
            ),
            "assignment without any assignee": (
                "SELECT s.id FROM assignments s"
                " WHERE NOT EXISTS (SELECT 1 FROM assignees a WHERE a.assignment_id = s.id)"
            ),
            "cancelled assignment with an open assignee": (
                "SELECT a.id FROM assignees a JOIN assignments s ON s.id = a.assignment_id"
                " WHERE s.cancelled_at IS NOT NULL"
                " AND a.status IN ('new', 'in_progress', 'reported', 'returned')"
            ),
            "deadline request with an unknown status": (
                "SELECT id, status FROM deadline_requests"
                " WHERE status NOT IN ('pending', 'approved', 'declined')"
            ),
            "role of an unknown person": (
                "SELECT r.person_id FROM person_roles r"
                " LEFT JOIN people p ON p.id = r.person_id WHERE p.id IS NULL"
            ),
            "report of an unknown assignee": (
                "SELECT r.id FROM reports r"
                " LEFT JOIN assignees a ON a.id = r.assignee_id WHERE a.id IS NULL"
            ),
            "outbox row for an unknown person": (
                "SELECT o.id FROM outbox o LEFT JOIN people p ON p.id = o.person_id"
                " WHERE o.person_id IS NOT NULL AND p.id IS NULL"
            ),
            "draft of an unknown author": (
                "SELECT d.id FROM drafts d"
                " LEFT JOIN people p ON p.id = d.author_id WHERE p.id IS NULL"
            ),
        }
        for name, sql in checks.items():
            found = rows(sql)
            if found:
                problems.append(f"{name}: {found[:5]}")
        for key, data in rows("SELECT key, data FROM fsm"):
            try:
                json.loads(data)
            except ValueError:
                problems.append(f"fsm data of {key} is not JSON: {data[:80]!r}")
    return problems
