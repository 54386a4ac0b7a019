"""End-to-end harness: the real app, its real polling loop, the fake Bot API server."""

# ruff: noqa: ASYNC109 - waiting helpers take a timeout on purpose
from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import UPDATES_IN_FLIGHT, App, create_app
from bot.config import Settings
from storage.models import Person
from tests.fakebot import FakeTelegramServer, MessageView, PollingRun, UserHandle, run_polling
from tracking.clock import ManualClock

MSK = ZoneInfo("Europe/Moscow")
#: Tests start on a Monday morning in Moscow, after the reminder and digest times.
START = dt.datetime(2026, 3, 2, 10, 0, tzinfo=MSK)
ADMIN_ID = 1000
INVITE = re.compile(r"https://t\.me/\w+\?start=([\w-]+)")


@dataclass
class Harness:
    tg: FakeTelegramServer
    app: App
    clock: ManualClock
    run: PollingRun
    admin: UserHandle
    _next_user: int = field(default=2000)

    @property
    def settings(self) -> Settings:
        return self.app.settings

    async def expect(
        self, user: UserHandle, contains: str, timeout: float = 5.0, *, edits: bool = True
    ) -> MessageView:
        """The next message (or edit, unless `edits` is False) in the user's chat whose text
        contains `contains`."""
        seen: list[str] = []
        while True:
            try:
                view = await user.next_message(timeout=timeout, include_edits=edits)
            except Exception as exc:
                raise AssertionError(
                    f"no message containing {contains!r} for {user}; saw {seen}"
                ) from exc
            if contains in (view.plain_text or ""):
                return view
            seen.append(view.plain_text or "")

    async def message_becomes(
        self, user: UserHandle, message_id: int, contains: str, timeout: float = 5.0
    ) -> MessageView:
        """Wait until the message (e.g. a card edited in place) shows `contains`."""

        def check() -> MessageView | None:
            view = user.chat.message(message_id)
            return view if contains in (view.plain_text or "") else None

        try:
            return await self.tg.changes.wait_for(check, timeout)
        except TimeoutError as exc:
            view = user.chat.message(message_id)
            raise AssertionError(f"message {message_id} is still {view}") from exc

    async def enroll(
        self,
        full_name: str,
        *roles: str,
        position: str = "",
        organisation: str = "",
        link: bool = True,
    ) -> tuple[UserHandle, int]:
        """Add a person through /person as the administrator, open the invite, grant roles."""
        await self.admin.send(f"/person {full_name}; {position}; {organisation}")
        added = await self.expect(self.admin, "Сотрудник добавлен")
        match = INVITE.search(added.plain_text or "")
        assert match, added.plain_text
        person_id = int(re.search(r"ID (\d+)", added.plain_text or "").group(1))  # type: ignore[union-attr]
        self._next_user += 1
        user = self.tg.user(self._next_user, full_name.split()[1], full_name.split()[0])
        if link:
            await user.send(f"/start {match.group(1)}")
            await self.expect(user, "аккаунт подключён")
            await self.expect(user, "Ваши роли")
        for role in roles:
            await self.admin.send(f"/role {person_id} {role}")
            await self.expect(self.admin, "Готово")
        return user, person_id

    async def add_crowd(self, count: int) -> list[int]:
        """`count` people straight into the directory, not linked («Руководителев000 И.П.»,
        ...): a big group without enrolling each one. Returns their ids."""
        async with self.app.db.transaction() as tx:
            return [
                (
                    await tx.people.add(
                        full_name=f"Руководителев{n:03d} Иван Петрович",
                        short_name=f"Руководителев{n:03d} И.П.",
                        position=None,
                        organisation=None,
                        invite_token=None,
                        now=START,
                    )
                ).id
                for n in range(count)
            ]

    async def person(self, person_id: int) -> Person:
        person = await self.app.tracker.person(person_id)
        assert person is not None
        return person


def make_settings(tg: FakeTelegramServer, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "bot_token": tg.token,
        "telegram_api_url": tg.base_url,
        "database_path": tmp_path / "data" / "bot.sqlite3",
        "admin_ids": [ADMIN_ID],
        "timezone": "Europe/Moscow",
        # Flows move the clock across weekends; quiet hours have their own test.
        "working_hours": "",
        "backup_dir": tmp_path / "backups",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegramServer]:
    async with FakeTelegramServer() as server:
        yield server


class HandlerFailures(logging.Handler):
    """The app's error handler answers the user and logs «update N failed»; a test that caused
    one must fail, not pass on the polite answer."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
async def harness(tg: FakeTelegramServer, tmp_path: Path) -> AsyncIterator[Harness]:
    clock = ManualClock(START)
    app = create_app(make_settings(tg, tmp_path), clock=clock, start_scheduler=False)
    admin = tg.user(ADMIN_ID, "Анна", "Админова", "admin")
    failures = HandlerFailures()
    logging.getLogger("bot.app").addHandler(failures)
    try:
        # Polling as bot.app.run does it: with its bound on updates handled at once.
        async with run_polling(
            app.dispatcher, app.bot, tg, tasks_concurrency_limit=UPDATES_IN_FLIGHT
        ) as run:
            h = Harness(tg, app, clock, run, admin)
            await admin.send("/start")
            await h.expect(admin, "Вы назначены администратором")
            await h.expect(admin, "Ваши роли")
            yield h
    finally:
        logging.getLogger("bot.app").removeHandler(failures)
    assert not failures.records, [r.getMessage() for r in failures.records]
