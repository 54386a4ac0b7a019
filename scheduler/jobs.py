"""APScheduler set-up: jobs read what is due from the database, so a restart loses nothing."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from tracking.service import Tracker

log = logging.getLogger(__name__)

REMINDER_SCAN_MINUTES = 10
MISFIRE_GRACE = 3600


async def reminders_job(tracker: Tracker) -> int:
    queued = await tracker.scan_reminders()
    if queued:
        log.info("queued %d reminders", queued)
    return queued


async def digest_job(tracker: Tracker) -> int:
    queued = await tracker.queue_digests()
    if queued:
        log.info("queued %d digests", queued)
    return queued


async def backup_job(backup: Callable[[], Awaitable[Path]]) -> Path:
    path = await backup()
    log.info("database backed up to %s", path)
    return path


def create_scheduler(
    tracker: Tracker,
    tz: ZoneInfo,
    reminder_time: dt.time,
    digest_time: dt.time,
    *,
    backup: Callable[[], Awaitable[Path]] | None = None,
    backup_time: dt.time = dt.time(3, 0),
) -> AsyncIOScheduler:
    """Reminders at the morning time and every few minutes (to catch up after downtime and
    snoozes), the digest at its time and every few minutes after it until it went out (both
    also right after start), a nightly backup."""
    scheduler = AsyncIOScheduler(timezone=tz)
    common = {
        "kwargs": {"tracker": tracker},
        "replace_existing": True,
        "coalesce": True,
        "max_instances": 1,
        "misfire_grace_time": MISFIRE_GRACE,
    }
    start = dt.datetime.now(tz)
    scheduler.add_job(
        reminders_job,
        IntervalTrigger(minutes=REMINDER_SCAN_MINUTES, timezone=tz),
        id="reminders-scan",
        next_run_time=start,
        **common,
    )
    scheduler.add_job(
        reminders_job,
        CronTrigger(hour=reminder_time.hour, minute=reminder_time.minute, timezone=tz),
        id="reminders-morning",
        **common,
    )
    scheduler.add_job(
        digest_job,
        CronTrigger(hour=digest_time.hour, minute=digest_time.minute, timezone=tz),
        id="digest",
        **common,
    )
    # Right after start and then with every scan: a digest missed while the bot was down, or
    # held back because its time fell outside working hours, goes out at the first chance
    # (once a day per person: the outbox key says so).
    scheduler.add_job(
        digest_job,
        IntervalTrigger(minutes=REMINDER_SCAN_MINUTES, timezone=tz),
        id="digest-catch-up",
        next_run_time=start,
        **common,
    )
    if backup is not None:
        scheduler.add_job(
            backup_job,
            CronTrigger(hour=backup_time.hour, minute=backup_time.minute, timezone=tz),
            id="backup",
            **{**common, "kwargs": {"backup": backup}},
        )
    return scheduler
