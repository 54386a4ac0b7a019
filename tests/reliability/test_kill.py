"""The bot process is killed (SIGKILL) again and again during a burst of reminders.

Every reminder must arrive; a duplicate is only possible for a message that Telegram had
accepted in the instant before the kill, before the bot could record it (the Bot API has no
idempotency key), and the test counts those against the kills that can explain them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import signal
import sqlite3
import sys
from asyncio.subprocess import Process
from collections import Counter
from pathlib import Path

import pytest

from storage.db import Database
from storage.models import Role
from tests.fakebot import FakeTelegramServer
from tracking.clock import ManualClock
from tracking.rules import ReminderPolicy
from tracking.service import NewAssignment, Tracker

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = int(os.environ.get("KILL_TEST_PEOPLE", "200"))
FIRST_USER = 50_000
MSK = "Europe/Moscow"


async def _seed(path: Path) -> None:
    """People linked to Telegram, each with an assignment due tomorrow, made two days ago."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(MSK)
    db = Database(path)
    await db.connect()
    two_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    tracker = Tracker(
        db=db,
        clock=ManualClock(two_days_ago),
        policy=ReminderPolicy(
            tz=tz, reminder_time=dt.time(0, 0), days_before=(1,), overdue_every=1
        ),
        digest_time=dt.time(23, 59),
    )
    tomorrow = dt.datetime.now(tz).date() + dt.timedelta(days=1)
    async with db.transaction() as tx:
        secretary = await tx.people.add(
            full_name="Секретарева Ольга Петровна",
            short_name="Секретарева О.П.",
            position=None,
            organisation=None,
            invite_token=None,
            now=two_days_ago,
            roles=(Role.SECRETARY,),
            telegram_id=FIRST_USER - 1,
        )
        ids = []
        for n in range(PEOPLE):
            person = await tx.people.add(
                full_name=f"Сотрудник{n} Иван Иванович",
                short_name=f"Сотрудник{n} И.И.",
                position=None,
                organisation=None,
                invite_token=None,
                now=two_days_ago,
                telegram_id=FIRST_USER + n,
            )
            ids.append(person.id)
    await tracker.create(
        secretary,
        [
            NewAssignment(f"Поручение {n}", tomorrow, None, "date", "", (pid,))
            for n, pid in enumerate(ids)
        ],
    )
    # The cards went out long ago: only the reminders are left to send.
    await db.conn.execute("UPDATE outbox SET sent_at = created_at")
    await db.close()


def _env(tg: FakeTelegramServer, path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        BOT_TOKEN=tg.token,
        TELEGRAM_API_URL=tg.base_url,
        DATABASE_PATH=str(path),
        TIMEZONE=MSK,
        REMINDER_TIME="00:00",
        REMINDER_DAYS_BEFORE="1",
        DIGEST_TIME="23:59",
        WORKING_HOURS="",
        BACKUP_DIR=str(path.parent / "backups"),
        LOG_LEVEL="WARNING",
    )
    return env


def _reminders(tg: FakeTelegramServer) -> Counter[int]:
    return Counter(
        int(c.params["chat_id"])
        for c in tg.calls
        if c.method == "sendMessage" and c.ok and "Напоминание" in str(c.params.get("text"))
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
async def test_sigkill_during_a_reminder_burst_loses_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("KILL_TEST_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    path = tmp_path / "bot.sqlite3"
    await _seed(path)
    kills = 0
    async with FakeTelegramServer() as tg:
        for n in range(PEOPLE):
            tg.user(FIRST_USER + n, f"Иван{n}")
        env = _env(tg, path)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 240
        while len(_reminders(tg)) < PEOPLE:
            assert loop.time() < deadline, f"stuck; seed={seed}"
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                env=env,
                cwd=tmp_path,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            before = sum(_reminders(tg).values())
            try:
                # Kill at a random moment once this run has started sending.
                def started(before: int = before, process: Process = process) -> bool:
                    return sum(_reminders(tg).values()) > before or process.returncode is not None

                await tg.changes.wait_for(started, 60)
                await asyncio.sleep(rng.uniform(0.0, 1.2))
            finally:
                if process.returncode is None:
                    if len(_reminders(tg)) < PEOPLE:
                        process.send_signal(signal.SIGKILL)
                        kills += 1
                    else:
                        process.send_signal(signal.SIGTERM)
                await process.wait()
            if process.returncode not in (-signal.SIGKILL, -signal.SIGTERM, 0):
                stderr = await process.stderr.read() if process.stderr else b""
                raise AssertionError(f"the bot failed: {stderr.decode()[-2000:]}")
        counts = _reminders(tg)
    duplicates = sum(c - 1 for c in counts.values())
    print(f"\nkill test: seed={seed} kills={kills} people={PEOPLE} duplicates={duplicates}")
    assert set(counts) == {FIRST_USER + n for n in range(PEOPLE)}, f"seed={seed}"
    # At most the messages in flight at each kill (the worker keeps at most 4).
    assert duplicates <= kills * 4, f"seed={seed}"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        pending = conn.execute(
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
        ).fetchone()[0]
        reminders = conn.execute("SELECT COUNT(*) FROM reminders").fetchone()[0]
    assert reminders == PEOPLE  # each slot recorded once, however many restarts
    assert pending == 0 or kills == 0
