"""APScheduler set-up: jobs read what is due from the database, so a restart loses nothing."""

from __future__ import annotations

import datetime as dt
import logging
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


def create_scheduler(
    tracker: Tracker, tz: ZoneInfo, reminder_time: dt.time, digest_time: dt.time
) -> AsyncIOScheduler:
    """Reminders at the morning time and every few minutes (to catch up after downtime and
    snoozes), the digest at its time; both also run once right after start."""
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
    scheduler.add_job(digest_job, id="digest-catch-up", next_run_time=start, **common)
    return scheduler
