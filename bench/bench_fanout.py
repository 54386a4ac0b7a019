"""Reminder fan-out: 1,000 people due a reminder, the real delivery worker, Telegram's limits.

Run as ``.venv/bin/python bench/bench_fanout.py`` (1,000 people) or ``--quick`` (300).

1,000 linked people each have an assignment due tomorrow (created ten days ago), so the
morning ``Tracker.scan_reminders()`` queues 1,000 reminders. The real app (``create_app``,
its polling loop, its ``DeliveryWorker``) then sends them to the in-project fake Bot API server,
whose flood-limit checker counts every message over 30/s overall or over its per-chat limit.
Two runs: with the checker only watching (violations are counted, messages still accepted),
and with ``enforce_rate_limits=True`` (a violating message is refused with 429 and
``retry_after``, as Telegram does, and the worker has to retry it). The clock is real time
shifted to a Monday 10:00 in Moscow, so ``retry_after`` delays pass.

``--per-person N`` gives everyone N reminders at once (the per-chat limit then matters too).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from common import (
    ADMIN_TG,
    BENCH_NOW,
    S,
    ShiftedClock,
    add_assignment,
    add_person,
    mark_history_sent,
    print_header,
    print_table,
)

from bot.app import create_app, settle_heap
from bot.config import Settings
from storage.db import Database
from storage.models import Role
from tests.fakebot import FakeTelegramServer, run_polling

LIMIT = 30.0
FIRST_TG = 200_000


async def seed(path: Path, people: int, per_person: int) -> None:
    db = Database(path)
    await db.connect()
    today = BENCH_NOW.date()
    created = BENCH_NOW - dt.timedelta(days=10)
    async with db.transaction() as tx:
        admin = await add_person(
            tx,
            "Админова Анна Сергеевна",
            telegram_id=ADMIN_TG,
            now=created,
            roles=(Role.ADMIN, Role.SECRETARY),
        )
        for n in range(people):
            person = await add_person(
                tx, f"Исполнитель{n} Иван Иванович", telegram_id=FIRST_TG + n, now=created
            )
            for k in range(per_person):
                await add_assignment(
                    tx,
                    text=f"Представить отчёт о работе за квартал (пункт {n}.{k})",
                    person_ids=[person],
                    deadline=today + dt.timedelta(days=1),
                    status=S.NEW,
                    created_at=created,
                    creator_id=admin,
                )
        await mark_history_sent(tx)
    await db.close()


@dataclass
class RunResult:
    enforced: bool
    queued: int
    scan_ms: float
    delivered: int
    seconds: float
    rate: float
    sustained: float
    max_in_1s: int
    http_429: int
    violations: Counter[str]
    duplicates: int
    failed: int


async def _settled_pending(db: Database) -> int:
    """Rows still unsent once the worker has recorded its last send (it marks after it)."""
    deadline = time.monotonic() + 5
    while True:
        async with db.transaction() as tx:
            pending = await tx.outbox.pending_count()
        if pending == 0 or time.monotonic() > deadline:
            return pending
        await asyncio.sleep(0.05)


def _max_in_window(stamps: list[float], window: float = 1.0) -> int:
    best = start = 0
    for end, stamp in enumerate(stamps):
        while stamps[start] <= stamp - window:
            start += 1
        best = max(best, end - start + 1)
    return best


async def run_once(people: int, per_person: int, *, enforce: bool, folder: Path) -> RunResult:
    path = folder / f"fanout-{'enforced' if enforce else 'checked'}.sqlite3"
    await seed(path, people, per_person)
    async with FakeTelegramServer(enforce_rate_limits=enforce) as tg:
        for n in range(people):
            tg.user(FIRST_TG + n, f"Исполнитель{n}", "Иванов")
        settings = Settings(
            _env_file=None,
            bot_token=tg.token,
            telegram_api_url=tg.base_url,
            database_path=path,
            admin_ids=[ADMIN_TG],
            timezone="Europe/Moscow",
        )
        app = create_app(settings, clock=ShiftedClock(BENCH_NOW), start_scheduler=False)
        settle_heap()  # as bot.app.run does
        async with run_polling(app.dispatcher, app.bot, tg, drain_timeout=2.0):
            await asyncio.wait_for(app.worker.idle.wait(), 10)  # startup work done
            first_call = len(tg.calls)
            started = time.perf_counter()
            queued = await app.tracker.scan_reminders()
            scan_ms = (time.perf_counter() - started) * 1000
            wall_start = time.time()
            targets = set(range(FIRST_TG, FIRST_TG + people))
            delivered: list[float] = []
            per_chat: Counter[int] = Counter()
            http_429 = 0
            cursor = first_call

            def progress() -> bool:
                nonlocal cursor, http_429
                calls = tg.calls
                while cursor < len(calls):
                    call = calls[cursor]
                    cursor += 1
                    if call.method.lower() != "sendmessage":
                        continue
                    chat = int(call.params.get("chat_id", 0))
                    if chat not in targets:
                        continue
                    if call.status == 429:
                        http_429 += 1
                    elif call.ok:
                        delivered.append(call.timestamp)
                        per_chat[chat] += 1
                return len(delivered) >= queued

            budget = queued / LIMIT * 3 + 30
            try:
                await tg.changes.wait_for(progress, budget)
            except TimeoutError:
                print(f"  timeout: {len(delivered)} of {queued} delivered in {budget:.0f} s")
            failed = await _settled_pending(app.db)
        seconds = (delivered[-1] - wall_start) if delivered else float("nan")
        span = (delivered[-1] - delivered[0]) if len(delivered) > 1 else float("nan")
        return RunResult(
            enforced=enforce,
            queued=queued,
            scan_ms=scan_ms,
            delivered=len(delivered),
            seconds=seconds,
            rate=len(delivered) / seconds if delivered else 0.0,
            sustained=(len(delivered) - 1) / span if len(delivered) > 1 else 0.0,
            max_in_1s=_max_in_window(sorted(delivered)),
            http_429=http_429,
            violations=Counter(v.kind for v in tg.rate_violations),
            duplicates=sum(max(count - per_person, 0) for count in per_chat.values()),
            failed=failed,
        )


async def main_async(people: int, per_person: int) -> list[RunResult]:
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        for enforce in (False, True):
            results.append(await run_once(people, per_person, enforce=enforce, folder=Path(tmp)))
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 people instead of 1,000")
    parser.add_argument("--people", type=int, help="how many people get reminders")
    parser.add_argument(
        "--per-person", type=int, default=1, help="reminders per person (per-chat limit)"
    )
    args = parser.parse_args(argv)
    people = args.people or (300 if args.quick else 1000)
    print_header(
        "bench_fanout: reminder fan-out through the real DeliveryWorker",
        f"people={people}, {args.per_person} reminder(s) each; "
        f"Telegram limit {LIMIT:.0f} msg/s overall, "
        "fake server limits: 30 per 1 s sliding window, private chat 3 per 3 s; "
        "goal >= 0.9 of the limit and zero 429s / violations",
    )
    # The worker logs every 429 as a warning; the table counts them instead.
    logging.basicConfig(level=logging.ERROR)
    results = asyncio.run(main_async(people, args.per_person))
    print_table(
        [
            "fake server",
            "queued",
            "scan ms",
            "delivered",
            "seconds",
            "msg/s",
            "x limit",
            "steady msg/s",
            "max in 1 s",
            "429s",
            "violations",
            "dupes",
            "unsent",
        ],
        [
            (
                "enforcing (429)" if r.enforced else "checking only",
                r.queued,
                r.scan_ms,
                r.delivered,
                r.seconds,
                r.rate,
                f"{r.rate / LIMIT:.2f}",
                r.sustained,
                r.max_in_1s,
                r.http_429,
                ", ".join(f"{k} {v}" for k, v in sorted(r.violations.items())) or "0",
                r.duplicates,
                r.failed,
            )
            for r in results
        ],
    )
    for r in results:
        mode = "enforcing" if r.enforced else "checking"
        rate_ok = r.rate >= 0.9 * LIMIT
        clean = r.http_429 == 0 and not r.violations
        print(
            f"{mode}: rate goal (>= {0.9 * LIMIT:.0f} msg/s) {'met' if rate_ok else 'MISSED'}; "
            f"zero 429s/violations {'met' if clean else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
