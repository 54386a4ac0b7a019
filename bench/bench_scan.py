"""Digest, /overdue, the reminder scan, /export and /discipline on big databases: time per call
and peak memory.

Run as ``.venv/bin/python bench/bench_scan.py`` (1k, 10k and 100k assignments) or with
``--quick`` (1k and 10k, fewer repeats). Each size is seeded in one child process and measured
in a fresh one, so the peak RSS printed is that of a process that only opened the database and
ran the calls, the way the bot does (``create_app`` builds the real app; no polling).

The data has the shape of a bot used for two years (seeded with a fixed random seed):
deadlines spread from 700 days ago to 120 days ahead (8 % without one); items whose deadline
passed more than 30 days ago are 97 % accepted, those of the last 30 days 60 %, future ones
10 % (15 % reported); 15 % of assignments have two assignees; a protocol per 10 items; one
person per 100 assignments (at least 50), 95 % linked; every assignee has its «created» and
«assigned» events and a delivered card in the outbox; items that were due a reminder were
reminded yesterday. The scan is timed as the morning scan of five consecutive days (each
queues that morning's reminders) and as the idle scan every 10 minutes (queues nothing).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

from common import (
    ADMIN_TG,
    BENCH_NOW,
    BENCH_TOKEN,
    OPEN_MIX,
    ROOT,
    S,
    add_assignment,
    add_person,
    assignment_text,
    current_rss_mb,
    mark_history_sent,
    maxrss_mb,
    person_name,
    print_header,
    print_table,
)

from storage.db import Database
from storage.models import Role

COORDINATOR_TG = 1001
BATCH = 2000
FULL_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)


# --- seeding (child process) ----------------------------------------------------------------


def _status_for(offset: int | None, rng: random.Random) -> S:
    """The status an item with a deadline `offset` days from today has after two years."""
    if offset is None:
        return S.ACCEPTED if rng.random() < 0.7 else rng.choice(OPEN_MIX)
    if offset < -30:
        return S.ACCEPTED if rng.random() < 0.97 else rng.choice(OPEN_MIX)
    if offset < 0:
        return S.ACCEPTED if rng.random() < 0.6 else rng.choice(OPEN_MIX)
    roll = rng.random()
    if roll < 0.10:
        return S.ACCEPTED
    if roll < 0.25:
        return S.REPORTED
    return rng.choice((S.NEW, S.NEW, S.IN_PROGRESS, S.IN_PROGRESS, S.RETURNED))


async def seed(path: Path, size: int) -> dict[str, Any]:
    rng = random.Random(20260302 + size)
    started = time.perf_counter()
    db = Database(path)
    await db.connect()
    now = BENCH_NOW
    today = now.date()
    yesterday = today - dt.timedelta(days=1)
    long_ago = now - dt.timedelta(days=800)
    people_count = max(50, size // 100)
    assignees = 0
    async with db.transaction() as tx:
        admin = await add_person(
            tx,
            "Админова Анна Сергеевна",
            telegram_id=ADMIN_TG,
            now=long_ago,
            roles=(Role.ADMIN, Role.SECRETARY),
        )
        await add_person(
            tx,
            "Петрова Анна Сергеевна",
            telegram_id=COORDINATOR_TG,
            now=long_ago,
            roles=(Role.COORDINATOR,),
        )
        people = [
            await add_person(
                tx,
                person_name(rng, n),
                telegram_id=100_000 + n if rng.random() < 0.95 else None,
                now=long_ago,
            )
            for n in range(people_count)
        ]
    protocol_id: int | None = None
    for start in range(0, size, BATCH):
        async with db.transaction() as tx:
            for number in range(start, min(start + BATCH, size)):
                offset = None if rng.random() < 0.08 else rng.randint(-700, 120)
                deadline = today + dt.timedelta(days=offset) if offset is not None else None
                if deadline is not None:
                    created = dt.datetime.combine(
                        deadline - dt.timedelta(days=rng.randint(7, 60)), dt.time(11), now.tzinfo
                    )
                else:
                    created = now - dt.timedelta(days=rng.randint(1, 700))
                created = min(created, now - dt.timedelta(hours=1))
                if number % 10 == 0:
                    protocol_id = await tx.protocols.add(
                        title=f"Протокол заседания совета кластера № {number // 10 + 1}",
                        number=str(number // 10 + 1),
                        meeting_date=created.date(),
                        source_text="РЕШИЛИ: " + " ".join(_OBJECT_WORDS) * 8,
                        source_hash=f"h{number}",
                        created_by=admin,
                        now=created,
                    )
                doers = rng.sample(people, 2 if rng.random() < 0.15 else 1)
                status = _status_for(offset, rng)
                seeded = await add_assignment(
                    tx,
                    text=assignment_text(rng, number),
                    person_ids=doers,
                    deadline=deadline,
                    status=status,
                    created_at=created,
                    creator_id=admin,
                    protocol_id=protocol_id,
                    item_number=f"{number % 10 + 1}.",
                )
                assignees += len(seeded.assignee_ids)
                reminded = status in (S.NEW, S.IN_PROGRESS, S.RETURNED)
                if reminded and deadline is not None and deadline <= today + dt.timedelta(days=7):
                    for assignee_id in seeded.assignee_ids:
                        await tx.assignments.set_last_reminders([(assignee_id, yesterday)])
                        await tx.reminders.add(assignee_id, yesterday, "overdue", now)
                if reminded and rng.random() < 0.01:
                    for assignee_id in seeded.assignee_ids:
                        await tx.assignments.snooze(assignee_id, today)
    async with db.transaction() as tx:
        await mark_history_sent(tx)
    await db.close()
    return {
        "people": people_count,
        "assignees": assignees,
        "seconds": time.perf_counter() - started,
    }


_OBJECT_WORDS = "о ходе реализации мероприятий по подготовке кадров для экономики региона".split()


# --- measuring (fresh child process) --------------------------------------------------------


async def _median_ms(call: Callable[[], Awaitable[Any]], runs: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        result = await call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


async def _traced_peak_mb(call: Callable[[], Awaitable[Any]]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        await call()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


async def measure(path: Path, runs: int, mornings: int) -> dict[str, Any]:
    from bot.app import create_app, settle_heap
    from bot.config import Settings
    from handlers.lists import PAGE_SIZE
    from tracking.clock import ManualClock

    settings = Settings(
        _env_file=None,
        bot_token=BENCH_TOKEN,
        database_path=path,
        admin_ids=[ADMIN_TG],
        timezone="Europe/Moscow",
    )
    clock = ManualClock(BENCH_NOW)
    app = create_app(settings, clock=clock, start_scheduler=False)
    settle_heap()  # as bot.app.run does
    tracker = app.tracker
    await app.db.connect()
    try:
        coordinator = await tracker.actor(COORDINATOR_TG)
        assert coordinator is not None
        gc.collect()
        base_rss = current_rss_mb()
        base_peak = maxrss_mb()
        out: dict[str, Any] = {"base_rss": base_rss, "base_maxrss": base_peak}

        digest_ms, digest = await _median_ms(tracker.digest, runs)
        out["digest_ms"] = digest_ms
        out["digest_rows"] = digest.overdue_total + digest.due_soon_total

        async def overdue() -> Any:
            return await tracker.overdue_page(coordinator, 0, PAGE_SIZE)

        overdue_ms, views = await _median_ms(overdue, runs)
        out["overdue_ms"] = overdue_ms
        out["overdue_rows"] = views.total
        out["digest_trace_mb"] = await _traced_peak_mb(tracker.digest)
        out["overdue_trace_mb"] = await _traced_peak_mb(overdue)

        # The coordinator's files: /export (the open protocols, at most 100) and /discipline
        # over the two years the data spans. Once each: they take a second or so.
        from bot.exports import control_workbook, discipline_workbook

        started = time.perf_counter()
        await control_workbook(tracker, everything=True)
        out["export_ms"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        await discipline_workbook(
            tracker, BENCH_NOW.date() - dt.timedelta(days=730), BENCH_NOW.date()
        )
        out["discipline_ms"] = (time.perf_counter() - started) * 1000

        # The scan writes a morning in transactions of `scan_chunk` candidates; the longest
        # one is how long a user's button can wait behind it.
        chunk_ms: list[float] = []
        transaction = app.db.transaction

        @contextlib.asynccontextmanager
        async def timed_transaction() -> AsyncIterator[Any]:
            started = time.perf_counter()
            try:
                async with transaction() as tx:
                    yield tx
            finally:
                chunk_ms.append((time.perf_counter() - started) * 1000)

        app.db.transaction = timed_transaction  # type: ignore[method-assign]
        morning_ms: list[float] = []
        queued: list[int] = []
        for day in range(mornings):
            clock.set(BENCH_NOW + dt.timedelta(days=day))
            gc.collect()
            started = time.perf_counter()
            queued.append(await tracker.scan_reminders())
            morning_ms.append((time.perf_counter() - started) * 1000)
        out["morning_ms"] = statistics.median(morning_ms)
        out["morning_queued"] = int(statistics.median(queued))
        out["chunk_max_ms"] = max(chunk_ms)
        idle_ms, idle_queued = await _median_ms(tracker.scan_reminders, runs)
        assert idle_queued == 0, idle_queued
        out["idle_ms"] = idle_ms
        out["scan_trace_mb"] = await _traced_peak_mb(tracker.scan_reminders)
        out["maxrss"] = maxrss_mb()
        return out
    finally:
        await app.db.close()
        await app.bot.session.close()


# --- driver -------------------------------------------------------------------------------


def _child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k, 3 runs each")
    parser.add_argument("--sizes", type=str, help="comma-separated sizes, e.g. 1000,50000")
    parser.add_argument("--runs", type=int, help="repeats per call (median is printed)")
    parser.add_argument("--keep", type=Path, help="keep the seeded databases in this directory")
    parser.add_argument("--seed-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 7)
    mornings = 3 if args.quick else 5
    if args.seed_only:
        seeded = asyncio.run(seed(args.seed_only, args.size))
        seeded["mb"] = args.seed_only.stat().st_size / 1e6
        print(json.dumps(seeded))
        return 0
    if args.measure_only:
        print(json.dumps(asyncio.run(measure(args.measure_only, runs, mornings))))
        return 0

    if args.sizes:
        sizes = tuple(int(s) for s in args.sizes.split(","))
    else:
        sizes = QUICK_SIZES if args.quick else FULL_SIZES
    print_header(
        "bench_scan: digest, /overdue, reminder scan, /export and /discipline by database size",
        f"sizes={','.join(map(str, sizes))} assignments; median of {runs} calls "
        f"(morning scan: median of {mornings} consecutive mornings); goals: <100 ms per call "
        "and <150 MB peak RSS at 100k",
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-scan-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            path = folder / f"scan-{size}.sqlite3"
            for leftover in folder.glob(f"scan-{size}.sqlite3*"):
                leftover.unlink()
            seeded = _child("--seed-only", str(path), "--size", str(size))
            flags = ["--quick"] if args.quick else []
            result = _child("--measure-only", str(path), "--runs", str(runs), *flags) | seeded
            rows.append((size, result))
            print(
                f"  seeded {size:,} assignments ({seeded['assignees']:,} assignees, "
                f"{seeded['people']:,} people, {seeded['mb']:.0f} MB) in "
                f"{seeded['seconds']:.1f} s",
                flush=True,
            )
    print_table(
        [
            "assignments",
            "digest ms",
            "overdue+soon",
            "/overdue page ms",
            "overdue",
            "scan morning ms",
            "queued",
            "longest scan tx ms",
            "scan idle ms",
            "/export ms",
            "/discipline 2y ms",
            "base RSS MB",
            "peak RSS MB",
            "tracemalloc MB d/o/s",
        ],
        [
            (
                f"{size:,}",
                r["digest_ms"],
                r["digest_rows"],
                r["overdue_ms"],
                r["overdue_rows"],
                r["morning_ms"],
                r["morning_queued"],
                r["chunk_max_ms"],
                r["idle_ms"],
                r["export_ms"],
                r["discipline_ms"],
                r["base_rss"],
                r["maxrss"],
                f"{r['digest_trace_mb']:.0f}/{r['overdue_trace_mb']:.0f}/{r['scan_trace_mb']:.0f}",
            )
            for size, r in rows
        ],
    )
    eager = _framework_floor_mb("import aiogram.types")
    lean = _framework_floor_mb("import bot.app")
    print(
        f"floor: importing aiogram as usual peaks at {eager:.0f} MB RSS (every Telegram type's "
        f"validator built at import; aiogram issue #1513); importing the whole bot, which "
        f"imports aiogram with the types built on first use (bot/aiogram_lazy.py), {lean:.0f} MB"
    )
    big = [r for size, r in rows if size >= 100_000]
    if big:
        r = big[-1]
        verdicts = ", ".join(
            f"{label} {r[key]:.0f} ms {'met' if r[key] < 100 else 'MISSED'}"
            for label, key in (
                ("digest", "digest_ms"),
                ("overdue", "overdue_ms"),
                (f"morning scan of {r['morning_queued']:,} reminders in all", "morning_ms"),
                ("its longest transaction", "chunk_max_ms"),
                ("idle scan", "idle_ms"),
            )
        )
        print(f"goal <100 ms per call at 100k: {verdicts}")
        print(
            f"goal <150 MB peak at 100k: {'met' if r['maxrss'] < 150 else 'MISSED'} "
            f"({r['maxrss']:.0f} MB; {r['maxrss'] - r['base_rss']:.0f} MB above the opened app)"
        )
    return 0


def _framework_floor_mb(statement: str) -> float:
    code = f"{statement}; from common import maxrss_mb; print(maxrss_mb())"
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "bench")},
    )
    return float(done.stdout.strip())


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
