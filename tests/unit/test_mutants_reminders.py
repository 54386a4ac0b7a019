"""Edges of the reminder scan, the digest, their schedule and the delivery worker that no
other test pins down: exact boundaries, whole people per transaction, the outbox keys, the
retry arithmetic and the limits of the delivery worker."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from types import SimpleNamespace
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage
from apscheduler.triggers.interval import IntervalTrigger

from bot.delivery import BATCH, IDLE_WAIT, DeliveryWorker
from bot.notifications import SendText, digest_messages, render_item
from scheduler.jobs import create_scheduler, digest_job, reminders_job
from storage.db import Database
from storage.models import AssigneeStatus, ReportFile, Role
from storage.repos import parse_ts
from tracking.clock import ManualClock
from tracking.rules import ReminderPolicy
from tracking.service import Notice, Tracker

MSK = ZoneInfo("Europe/Moscow")
#: A Monday morning in Moscow, after the reminder time (09:00).
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=MSK)
TODAY = NOW.date()
#: Long before anything here is due: creation never holds a reminder back.
CREATED = dt.datetime(2026, 1, 12, 9, 0, tzinfo=MSK)
POLICY = ReminderPolicy(tz=MSK, reminder_time=dt.time(9), days_before=(3, 1, 0), overdue_every=1)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def _tracker(db: Database, now: dt.datetime = NOW, **options: Any) -> Tracker:
    return Tracker(db=db, clock=ManualClock(now), policy=POLICY, digest_time=dt.time(9), **options)


def _move(tracker: Tracker, when: dt.datetime) -> None:
    clock = tracker.clock
    assert isinstance(clock, ManualClock)
    clock.set(when)


async def _person(
    db: Database,
    name: str,
    telegram_id: int | None,
    roles: tuple[Role, ...] = (Role.EXECUTOR,),
) -> int:
    async with db.transaction() as tx:
        person = await tx.people.add(
            full_name=f"{name} Анна Сергеевна",
            short_name=f"{name} А.С.",
            position=None,
            organisation=None,
            invite_token=None,
            now=CREATED,
            roles=roles,
        )
        if telegram_id is not None:
            await tx.people.link(person.id, telegram_id, None)
        return person.id


async def _assign(
    db: Database,
    person_id: int,
    deadline: dt.date | None,
    *,
    text: str = "Подготовить отчёт",
    status: AssigneeStatus = AssigneeStatus.NEW,
) -> int:
    """An assignment made long ago for one person; their assignee id."""
    async with db.transaction() as tx:
        aid = await tx.assignments.add(
            protocol_id=None,
            item_number=None,
            text=text,
            deadline_date=deadline,
            deadline_time=None,
            deadline_kind="date" if deadline else "none",
            deadline_raw="",
            recommendation=False,
            controller_id=None,
            created_by=None,
            now=CREATED,
        )
        sid = await tx.assignments.add_assignee(aid, person_id, deadline, CREATED)
        if status is not AssigneeStatus.NEW:
            await tx.assignments.set_status(sid, status, CREATED)
        return sid


async def _outbox(db: Database, kind: str | None = None) -> list[tuple[str, int | None, Any]]:
    """(dedupe key, person, payload) of the outbox rows, oldest first."""
    async with db.conn.execute(
        "SELECT kind, dedupe_key, person_id, payload FROM outbox ORDER BY id"
    ) as cur:
        rows = await cur.fetchall()
    return [(r[1], r[2], json.loads(r[3])) for r in rows if kind is None or r[0] == kind]


# --- the reminder scan --------------------------------------------------------------------


@pytest.mark.parametrize(("items", "bundled"), [(3, False), (4, True)])
async def test_exactly_bundle_from_reminders_come_in_one_message(
    db: Database, items: int, bundled: bool
) -> None:
    tracker = _tracker(db)
    assert tracker.bundle_from == 4
    pid = await _person(db, "Хнычева", 501)
    ids = [await _assign(db, pid, day(1), text=f"Дело {n}") for n in range(items)]
    assert await tracker.scan_reminders() == items
    singles = await _outbox(db, Notice.REMINDER)
    bundles = await _outbox(db, Notice.REMINDERS)
    if bundled:
        assert singles == []
        assert bundles == [
            (f"reminders:{pid}:{TODAY.isoformat()}:{ids[0]}", pid, {"assignee_ids": ids})
        ]
    else:
        assert bundles == []
        assert [key for key, _, _ in singles] == [
            f"reminder:{sid}:{TODAY.isoformat()}" for sid in ids
        ]


async def test_a_persons_reminders_are_never_split_between_transactions(db: Database) -> None:
    """Transactions of two: a person due four is still written whole, as one message."""
    tracker = _tracker(db, scan_chunk=2)
    busy = await _person(db, "Хнычева", 501)
    calm = await _person(db, "Матвеев", 502)
    busy_ids = [await _assign(db, busy, day(1), text=f"Дело {n}") for n in range(4)]
    calm_id = await _assign(db, calm, day(1))
    assert await tracker.scan_reminders() == 5
    assert await _outbox(db, Notice.REMINDERS) == [
        (f"reminders:{busy}:{TODAY.isoformat()}:{busy_ids[0]}", busy, {"assignee_ids": busy_ids})
    ]
    assert [(key, person) for key, person, _ in await _outbox(db, Notice.REMINDER)] == [
        (f"reminder:{calm_id}:{TODAY.isoformat()}", calm)
    ]


async def test_a_second_message_of_reminders_the_same_morning_is_not_lost(
    db: Database,
) -> None:
    """Four deadlines moved to tomorrow after the morning's message of four reminders make a
    message of their own: the key of a message of reminders names its first item."""
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    morning = [await _assign(db, pid, day(1), text=f"Утро {n}") for n in range(4)]
    later = [await _assign(db, pid, day(20), text=f"Позже {n}") for n in range(4)]
    assert await tracker.scan_reminders() == 4
    _move(tracker, NOW + dt.timedelta(hours=2))
    async with db.transaction() as tx:
        for sid in later:
            await tx.assignments.set_assignee_deadline(sid, day(1))
    assert await tracker.scan_reminders() == 4
    bundles = await _outbox(db, Notice.REMINDERS)
    assert [payload["assignee_ids"] for _, _, payload in bundles] == [morning, later]


async def test_a_returned_assignment_is_still_reminded(db: Database) -> None:
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    returned = await _assign(db, pid, day(1), status=AssigneeStatus.RETURNED)
    await _assign(db, pid, day(1), status=AssigneeStatus.REPORTED)
    await _assign(db, pid, day(1), status=AssigneeStatus.ACCEPTED)
    assert await tracker.scan_reminders() == 1
    assert [key for key, _, _ in await _outbox(db, Notice.REMINDER)] == [
        f"reminder:{returned}:{TODAY.isoformat()}"
    ]


async def test_nobody_who_has_not_joined_is_reminded(db: Database) -> None:
    """A person not linked yet gets no reminders: they would wait in the outbox and arrive
    all at once, stale, when the person joins."""
    tracker = _tracker(db)
    stranger = await _person(db, "Новикова", None)
    await _assign(db, stranger, day(1))
    await _assign(db, stranger, day(-2))
    assert await tracker.scan_reminders() == 0
    assert await _outbox(db) == []


# --- the digest -----------------------------------------------------------------------------


async def test_the_digest_goes_out_at_its_time_exactly_and_again_the_next_day(
    db: Database,
) -> None:
    await _person(db, "Петрова", 601, roles=(Role.COORDINATOR,))
    at_nine = NOW.replace(hour=9, minute=0)
    tracker = _tracker(db, at_nine - dt.timedelta(microseconds=1))
    assert await tracker.queue_digests() == 0
    _move(tracker, at_nine)
    assert await tracker.queue_digests() == 1
    assert await tracker.queue_digests() == 0
    _move(tracker, at_nine + dt.timedelta(days=1))
    assert await tracker.queue_digests() == 1
    assert [key for key, _, _ in await _outbox(db, Notice.DIGEST)] == [
        f"digest:1:{TODAY.isoformat()}",
        f"digest:1:{day(1).isoformat()}",
    ]


async def test_the_digest_counts_due_soon_up_to_the_last_day_of_the_window(
    db: Database,
) -> None:
    tracker = _tracker(db, due_soon_days=3)
    pid = await _person(db, "Хнычева", 501)
    edge = await _assign(db, pid, day(3), text="На краю окна")
    await _assign(db, pid, day(4), text="За окном")
    digest = await tracker.digest()
    assert [line.view.assignee.id for line in digest.due_soon] == [edge]
    assert [line.days for line in digest.due_soon] == [3]
    assert digest.due_soon_total == 1


async def test_a_short_digest_lists_the_most_overdue_and_the_nearest(db: Database) -> None:
    """With room for two lines of each, the two most overdue are listed whoever they belong
    to (not the first two by name), and the two nearest deadlines; the totals count all."""
    tracker = _tracker(db, digest_lines=2)
    ageeva = await _person(db, "Агеева", 501)
    yakovleva = await _person(db, "Яковлева", 502)
    await _assign(db, ageeva, day(-1), text="Чуть просрочено")
    worst = await _assign(db, yakovleva, day(-5), text="Давно просрочено")
    next_worst = await _assign(db, yakovleva, day(-4), text="Тоже давно")
    soon = [await _assign(db, ageeva, day(n), text=f"Скоро {n}") for n in (2, 1, 3)]
    digest = await tracker.digest()
    listed = [line.view.assignee.id for group in digest.overdue for line in group.lines]
    assert listed == [worst, next_worst]
    assert (digest.overdue_total, digest.overdue_people) == (3, 2)
    assert [line.view.assignee.id for line in digest.due_soon] == [soon[1], soon[0]]
    assert digest.due_soon_total == 3


async def test_the_digest_names_who_cannot_be_reached(db: Database) -> None:
    """Not linked or blocked the bot, and with something open: those are named; someone
    reachable, or with nothing open, is not."""
    tracker = _tracker(db)
    joined = await _person(db, "Агеева", 501)
    stranger = await _person(db, "Борисова", None)
    blocked = await _person(db, "Васильева", 503)
    idle = await _person(db, "Григорьева", None)
    for pid in (joined, stranger, blocked):
        await _assign(db, pid, day(10))
    await _assign(db, idle, day(10), status=AssigneeStatus.ACCEPTED)
    async with db.transaction() as tx:
        await tx.people.set_unreachable(blocked, NOW)
    digest = await tracker.digest()
    assert [p.id for p in digest.not_reached] == [stranger, blocked]


async def test_overdue_people_are_counted_once_each(db: Database) -> None:
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    for n in range(3):
        await _assign(db, pid, day(-1 - n))
    digest = await tracker.digest()
    assert (digest.overdue_total, digest.overdue_people) == (3, 1)


# --- the schedule ---------------------------------------------------------------------------


async def test_the_schedule_scans_every_ten_minutes_and_at_the_set_times(db: Database) -> None:
    tracker = _tracker(db)
    before = dt.datetime.now(MSK)
    scheduler = create_scheduler(tracker, MSK, dt.time(8, 45), dt.time(9, 30))
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"reminders-scan", "reminders-morning", "digest", "digest-catch-up"}
    midnight = dt.datetime.combine(TODAY, dt.time(0), MSK)

    def first_fire(job_id: str) -> dt.datetime:
        fire = jobs[job_id].trigger.get_next_fire_time(None, midnight)
        assert fire is not None
        return fire  # type: ignore[no-any-return]

    assert first_fire("reminders-morning") == midnight.replace(hour=8, minute=45)
    assert first_fire("digest") == midnight.replace(hour=9, minute=30)
    for job_id, func in (
        ("reminders-scan", reminders_job),
        ("reminders-morning", reminders_job),
        ("digest", digest_job),
        ("digest-catch-up", digest_job),
    ):
        job = jobs[job_id]
        assert job.func is func and job.kwargs == {"tracker": tracker}
        # A late or piled-up run is run once, never two of the same at once.
        assert (job.coalesce, job.max_instances) == (True, 1)
    for job_id in ("reminders-scan", "digest-catch-up"):
        job = jobs[job_id]
        assert isinstance(job.trigger, IntervalTrigger)
        assert job.trigger.interval == dt.timedelta(minutes=10)
        # Both also right after start.
        assert before <= job.next_run_time <= dt.datetime.now(MSK)


# --- what the scan reads and writes -----------------------------------------------------------


async def test_a_deadline_on_the_horizon_gets_its_first_reminder(db: Database) -> None:
    """Three days ahead is the furthest reminder: a deadline exactly there is read."""
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    edge = await _assign(db, pid, day(3))
    await _assign(db, pid, day(4))
    assert await tracker.scan_reminders() == 1
    assert await _outbox(db, Notice.REMINDER) == [
        (
            f"reminder:{edge}:{TODAY.isoformat()}",
            pid,
            {"assignee_id": edge, "slot": TODAY.isoformat(), "slot_kind": "before"},
        )
    ]


async def test_what_is_closed_between_the_read_and_the_write_is_not_reminded(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan reads its candidates, then writes under the lock: an assignment closed in
    between (a report accepted by a press that got the database first) is left out."""
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    closed = await _assign(db, pid, day(1), text="Принято")
    cancelled = await _assign(db, pid, day(1), text="Отменено")
    still = await _assign(db, pid, day(1), text="В работе")
    queue = Tracker._queue_reminders

    async def after_a_press(self: Tracker, *args: Any) -> int:
        async with db.transaction() as tx:
            await tx.assignments.set_status(closed, AssigneeStatus.ACCEPTED, NOW)
            await tx.assignments.set_status(cancelled, AssigneeStatus.CANCELLED, NOW)
        return await queue(self, *args)

    monkeypatch.setattr(Tracker, "_queue_reminders", after_a_press)
    assert await tracker.scan_reminders() == 1
    assert [key for key, _, _ in await _outbox(db)] == [f"reminder:{still}:{TODAY.isoformat()}"]
    async with db.read() as tx:
        assert await tx.reminders.count_for(closed) == 0
        assert await tx.reminders.count_for(still) == 1


async def test_a_morning_of_more_than_five_hundred_for_one_person(db: Database) -> None:
    """The recheck reads ids 500 at a time: none is lost at the seam."""
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    ids = [await _assign(db, pid, day(1), text=f"Дело {n}") for n in range(501)]
    assert await tracker.scan_reminders() == 501
    [(_, _, payload)] = await _outbox(db, Notice.REMINDERS)
    assert payload["assignee_ids"] == ids
    assert await tracker.scan_reminders() == 0


async def test_a_snooze_is_spent_by_its_reminder_and_a_later_one_is_kept(db: Database) -> None:
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    spent = await _assign(db, pid, day(30), text="Просили напомнить сегодня")
    kept = await _assign(db, pid, day(1), text="Просили напомнить послезавтра")
    async with db.transaction() as tx:
        await tx.assignments.snooze(spent, TODAY)
        await tx.assignments.snooze(kept, day(2))
    assert await tracker.scan_reminders() == 2
    assert [payload["slot_kind"] for _, _, payload in await _outbox(db, Notice.REMINDER)] == [
        "snooze",
        "before",
    ]
    async with db.read() as tx:
        reminded = await tx.assignments.assignee(spent)
        waiting = await tx.assignments.assignee(kept)
    assert reminded is not None and waiting is not None
    assert (reminded.snoozed_until, reminded.last_reminder_on) == (None, TODAY)
    assert (waiting.snoozed_until, waiting.last_reminder_on) == (day(2), TODAY)


# --- the outbox and the delivery worker ---------------------------------------------------------


class FakeBot:
    """Records what is sent; raises the errors queued in `failures` first, one per call."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.sent: list[tuple[str, int, str]] = []

    def _call(self, method: str, chat_id: int, text: str) -> SimpleNamespace:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((method, chat_id, text))
        return SimpleNamespace(message_id=len(self.sent))

    async def send_message(self, chat_id: int, text: str, **_: object) -> SimpleNamespace:
        return self._call("sendMessage", chat_id, text)

    async def send_photo(self, chat_id: int, photo: str, **_: object) -> SimpleNamespace:
        return self._call("sendPhoto", chat_id, photo)

    async def send_document(self, chat_id: int, document: str, **_: object) -> SimpleNamespace:
        return self._call("sendDocument", chat_id, document)

    async def edit_message_text(self, *, text: str, chat_id: int, **_: object) -> None:
        self._call("editMessageText", chat_id, text)


def _method() -> SendMessage:
    return SendMessage(chat_id=501, text="…")


def _worker(tracker: Tracker, bot: FakeBot) -> DeliveryWorker:
    return DeliveryWorker(cast(Bot, bot), tracker, per_second=1000, per_chat_burst=100)


async def _queue_notice(db: Database, person_id: int, key: str = "controller:1") -> None:
    async with db.transaction() as tx:
        await tx.outbox.add(
            Notice.CONTROLLER,
            dedupe_key=key,
            now=NOW,
            person_id=person_id,
            assignment_id=1,
            by="Петрова А.С.",
        )


async def _row(db: Database, key: str = "controller:1") -> dict[str, Any]:
    async with db.conn.execute(
        "SELECT attempts, not_before, sent_at, failed_at, last_error FROM outbox"
        " WHERE dedupe_key = ?",
        (key,),
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    return {
        "attempts": row[0],
        "not_before": parse_ts(row[1]),
        "sent": row[2] is not None,
        "failed": row[3] is not None,
        "error": row[4],
    }


async def test_server_errors_back_off_exponentially_up_to_a_cap_then_give_up(
    db: Database,
) -> None:
    """Waits of 1, 2, 4 … 256 seconds (the exponent stops at 8), and the twelfth failure is
    the last: the row is given up, not retried for ever."""
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    await _queue_notice(db, pid)
    bot = FakeBot(*[TelegramServerError(_method(), "Bad Gateway") for _ in range(12)])
    worker = _worker(tracker, bot)
    waits = []
    for attempt in range(1, 13):
        assert await worker.drain_once() == 0
        row = await _row(db)
        assert row["attempts"] == attempt and not row["sent"]
        if attempt < 12:
            assert not row["failed"]
            waits.append((row["not_before"] - tracker.now()).total_seconds())
            _move(tracker, row["not_before"])
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 256, 256]
    assert row["failed"] and "Bad Gateway" in row["error"]
    assert await worker.drain_once() == 0
    assert bot.sent == []


async def test_flood_control_waits_exactly_as_long_as_telegram_says(db: Database) -> None:
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    await _queue_notice(db, pid)
    worker = _worker(tracker, FakeBot(TelegramRetryAfter(_method(), "Flood", retry_after=7)))
    assert await worker.drain_once() == 0
    row = await _row(db)
    assert row["not_before"] == NOW + dt.timedelta(seconds=7) and row["attempts"] == 1
    # The worker sleeps until then, not its idle half-minute, and not a second more.
    assert await worker._idle_timeout() == 7
    async with db.read() as tx:
        assert await tx.outbox.next_due_at(NOW) == NOW + dt.timedelta(seconds=7)
    _move(tracker, NOW + dt.timedelta(seconds=7))
    assert await worker.drain_once() == 1
    assert (await _row(db))["sent"]


async def test_the_idle_wait_is_the_nearest_retry_within_half_a_minute(db: Database) -> None:
    tracker = _tracker(db)
    first = await _person(db, "Агеева", 501)
    second = await _person(db, "Борисова", 502)
    await _queue_notice(db, first, "a")
    await _queue_notice(db, second, "b")
    async with db.transaction() as tx:
        await tx.outbox.retry_later(1, NOW + dt.timedelta(seconds=20), "502")
        await tx.outbox.retry_later(2, NOW + dt.timedelta(hours=1), "502")
        assert await tx.outbox.next_due_at(NOW) == NOW + dt.timedelta(seconds=20)
    worker = _worker(tracker, FakeBot())
    assert await worker._idle_timeout() == 20
    _move(tracker, NOW + dt.timedelta(seconds=21))
    assert await worker.drain_once() == 1
    assert await worker._idle_timeout() == IDLE_WAIT  # the next is an hour away


@pytest.mark.parametrize(
    "error",
    [
        TelegramForbiddenError(_method(), "Forbidden: bot was blocked by the user"),
        TelegramBadRequest(_method(), "Bad Request: chat not found"),
    ],
    ids=["blocked", "chat-not-found"],
)
async def test_someone_who_cannot_be_reached_is_flagged_to_the_author(
    db: Database, error: Exception
) -> None:
    """The reminder is given up, the person marked unreachable, and whoever made the
    assignment (not the secretaries) is told, once; one pass settles all that was due."""
    tracker = _tracker(db)
    author = await _person(db, "Петрова", 601, roles=(Role.SECRETARY,))
    await _person(db, "Секретарева", 602, roles=(Role.SECRETARY,))
    pid = await _person(db, "Хнычева", 501)
    sids = [await _assign(db, pid, day(1), text=f"Дело {n}") for n in range(2)]
    async with db.transaction() as tx:
        await tx.conn.execute("UPDATE assignments SET created_by = ?", (author,))
    assert await tracker.scan_reminders() == 2
    bot = FakeBot(error, error)
    worker = _worker(tracker, bot)
    assert await worker.drain_once() == 2
    for sid in sids:
        row = await _row(db, f"reminder:{sid}:{TODAY.isoformat()}")
        assert row["failed"] and not row["sent"]
    person = await tracker.person(pid)
    assert person is not None and person.unreachable_since == NOW
    assert [(key, person_id) for key, person_id, _ in await _outbox(db, Notice.UNREACHABLE)] == [
        (f"unreachable:{pid}:{author}:{TODAY.isoformat()}", author)
    ]
    assert await worker.drain_once() == 1
    assert [chat for _, chat, _ in bot.sent] == [601]


async def test_a_message_telegram_refuses_is_given_up_not_repeated(db: Database) -> None:
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    await _queue_notice(db, pid)
    bot = FakeBot(TelegramBadRequest(_method(), "Bad Request: message is too long"))
    worker = _worker(tracker, bot)
    assert await worker.drain_once() == 1
    row = await _row(db)
    assert row["failed"] and row["error"] == "Bad Request: message is too long"
    assert await worker.drain_once() == 0
    person = await tracker.person(pid)
    assert person is not None and person.unreachable_since is None  # not their fault


async def test_a_delivered_message_shows_the_person_can_be_reached_again(db: Database) -> None:
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    async with db.transaction() as tx:
        await tx.people.set_unreachable(pid, NOW - dt.timedelta(days=1))
    await _queue_notice(db, pid)
    bot = FakeBot()
    assert await _worker(tracker, bot).drain_once() == 1
    assert [chat for _, chat, _ in bot.sent] == [501]
    person = await tracker.person(pid)
    assert person is not None and person.unreachable_since is None


@pytest.mark.parametrize(
    "refusal", ["message is not modified", "message to edit not found"], ids=["same", "gone"]
)
async def test_an_edit_with_nothing_to_change_or_nothing_to_edit_is_done(
    db: Database, refusal: str
) -> None:
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    sid = await _assign(db, pid, day(5))
    async with db.transaction() as tx:
        await tx.assignments.set_card(sid, 501, 77)
        await tx.outbox.add(
            Notice.CARD_REFRESH, dedupe_key="refresh", now=NOW, person_id=pid, assignee_id=sid
        )
    bot = FakeBot(TelegramBadRequest(_method(), f"Bad Request: {refusal}"))
    assert await _worker(tracker, bot).drain_once() == 1
    row = await _row(db, "refresh")
    assert row["sent"] and not row["failed"]


async def test_rate_limits_per_chat_and_overall(db: Database) -> None:
    """Telegram's limits: 30 a second overall, one at a time; a private chat a burst of three
    then one a second; a group twenty a minute."""
    worker = DeliveryWorker(cast(Bot, FakeBot()), _tracker(db))
    overall = worker._global
    assert overall.max_rate == 1 and overall.time_period == pytest.approx(1 / 30)
    private = worker._chat_limiter(501)
    assert (private.max_rate, private.time_period) == (3, 3)
    group = worker._chat_limiter(-100_501)
    assert (group.max_rate, group.time_period) == (20, 60)
    assert worker._chat_limiter(501) is private


async def test_a_failed_message_holds_back_the_rest_of_its_chat_in_the_same_pass(
    db: Database,
) -> None:
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    other = await _person(db, "Матвеев", 502)
    await _queue_notice(db, pid, "first")
    await _queue_notice(db, pid, "second")
    await _queue_notice(db, other, "elsewhere")
    bot = FakeBot(TelegramServerError(_method(), "Bad Gateway"))
    worker = _worker(tracker, bot)
    assert await worker.drain_once() == 1  # only the other chat's
    assert not (await _row(db, "second"))["sent"]
    assert [chat for _, chat, _ in bot.sent] == [502]
    _move(tracker, NOW + dt.timedelta(seconds=1))
    assert await worker.drain_once() == 2
    assert [chat for _, chat, _ in bot.sent] == [502, 501, 501]


async def test_the_last_message_with_a_card_is_where_the_card_is_edited(db: Database) -> None:
    """A card and a reminder each carry the card's buttons: the newest of them is the one
    edited later. Only the card itself is «card sent» in the history."""
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    sid = await _assign(db, pid, day(1))
    async with db.transaction() as tx:
        await tx.outbox.add(
            Notice.CARD, dedupe_key="card", now=NOW, person_id=pid, assignee_id=sid
        )
    bot = FakeBot()
    worker = _worker(tracker, bot)
    assert await worker.drain_once() == 1
    assert await tracker.scan_reminders() == 1
    assert await worker.drain_once() == 1
    assert [method for method, _, _ in bot.sent] == ["sendMessage", "sendMessage"]
    async with db.read() as tx:
        assignee = await tx.assignments.assignee(sid)
        events = await tx.events.for_assignment(1)
    assert assignee is not None
    assert (assignee.card_chat_id, assignee.card_message_id) == (501, 2)
    assert [e.kind for e in events].count("card_sent") == 1


# --- what the reminder and digest messages hold -------------------------------------------------


def _buttons(message: SendText) -> list[str]:
    markup = message.markup
    return [b.text for row in markup.inline_keyboard for b in row] if markup else []


async def test_a_reminder_for_what_was_closed_meanwhile_sends_nothing(db: Database) -> None:
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    closed = await _assign(db, pid, day(1), text="Принято до отправки")
    await _assign(db, pid, day(1), text="Ещё в работе")
    assert await tracker.scan_reminders() == 2
    async with db.transaction() as tx:
        await tx.assignments.set_status(closed, AssigneeStatus.ACCEPTED, NOW)
    bot = FakeBot()
    assert await _worker(tracker, bot).drain_once() == 2
    assert len(bot.sent) == 1 and "Ещё в работе" in bot.sent[0][2]
    assert (await _row(db, f"reminder:{closed}:{TODAY.isoformat()}"))["sent"]


async def test_a_message_of_many_reminders_has_a_button_for_each_listed_one(
    db: Database,
) -> None:
    tracker = _tracker(db)
    pid = await _person(db, "Хнычева", 501)
    for n in range(17):
        await _assign(db, pid, day(1), text=f"Дело {n}")
    assert await tracker.scan_reminders() == 17
    async with db.read() as tx:
        [item] = await tx.outbox.due(NOW, 10)
    [message] = await render_item(tracker, item)
    assert isinstance(message, SendText)
    assert _buttons(message) == [f"№{n}" for n in range(1, 16)]


async def test_the_digest_buttons_open_the_overdue_cards_under_its_last_part(
    db: Database,
) -> None:
    """However long the digest is allowed to be, its last part carries at most fifty buttons,
    one per overdue item (not the ones merely due soon); the other parts carry none."""
    tracker = _tracker(db, digest_lines=60)
    pid = await _person(db, "Хнычева", 501)
    for n in range(60):
        await _assign(db, pid, day(-2), text=f"Пункт {n} " + "очень длинный текст " * 8)
    await _assign(db, pid, day(1), text="Скоро срок")
    messages = await digest_messages(tracker)
    assert len(messages) >= 2
    assert all(m.markup is None for m in messages[:-1])
    assert _buttons(messages[-1]) == [f"№{n}" for n in range(1, 51)]


async def test_report_files_go_to_the_controller_as_what_they_are(db: Database) -> None:
    tracker = _tracker(db)
    controller = await _person(db, "Петрова", 601, roles=(Role.SECRETARY,))
    pid = await _person(db, "Хнычева", 501)
    sid = await _assign(db, pid, day(1))
    async with db.transaction() as tx:
        report_id = await tx.reports.add(
            assignee_id=sid,
            author_id=pid,
            kind="report",
            text="Готово",
            files=[
                ReportFile("photo", "PHOTO-1", "U1"),
                ReportFile("document", "DOC-2", "U2", "отчёт.pdf"),
            ],
            now=NOW,
        )
        await tx.outbox.add(
            Notice.REVIEW,
            dedupe_key="review",
            now=NOW,
            person_id=controller,
            assignee_id=sid,
            report_id=report_id,
        )
    bot = FakeBot()
    assert await _worker(tracker, bot).drain_once() == 1
    assert bot.sent == [("sendPhoto", 601, "PHOTO-1"), ("sendDocument", 601, "DOC-2")]


async def test_a_blocked_message_of_reminders_is_flagged_to_whoever_can_act(
    db: Database,
) -> None:
    """Several reminders in one message: the authors and controllers of those assignments are
    told, as for a single reminder, not every secretary."""
    tracker = _tracker(db)
    author = await _person(db, "Петрова", 601, roles=(Role.SECRETARY,))
    await _person(db, "Секретарева", 602, roles=(Role.SECRETARY,))
    controller = await _person(db, "Контролёва", 603, roles=(Role.COORDINATOR,))
    pid = await _person(db, "Хнычева", 501)
    for n in range(4):
        await _assign(db, pid, day(1), text=f"Дело {n}")
    async with db.transaction() as tx:
        await tx.conn.execute(
            "UPDATE assignments SET created_by = ?, controller_id = ?", (author, controller)
        )
    assert await tracker.scan_reminders() == 4
    assert len(await _outbox(db, Notice.REMINDERS)) == 1
    blocked = TelegramForbiddenError(_method(), "Forbidden: bot was blocked by the user")
    assert await _worker(tracker, FakeBot(blocked)).drain_once() == 1
    told = {person for _, person, _ in await _outbox(db, Notice.UNREACHABLE)}
    assert told == {author, controller}  # as for a single reminder


async def test_the_worker_is_idle_only_when_everything_due_went_out(db: Database) -> None:
    """More than one batch is due: the worker goes straight on to the next batch, and says it
    is idle only once the outbox holds nothing more to send."""
    tracker = _tracker(db)
    people = [await _person(db, f"Иванова{n:03d}", 10_000 + n) for n in range(BATCH + 1)]
    for pid in people:
        await _queue_notice(db, pid, f"notice:{pid}")
    bot = FakeBot()
    worker = _worker(tracker, bot)
    worker.start()
    try:
        await asyncio.wait_for(worker.idle.wait(), 10)
        assert len(bot.sent) == BATCH + 1
    finally:
        await worker.stop()
    async with db.read() as tx:
        assert await tx.outbox.pending_count() == 0
