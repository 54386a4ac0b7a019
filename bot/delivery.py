"""The delivery worker: sends what the outbox holds, within Telegram's limits.

Rows are committed by the services before anything is sent; the worker marks each row sent
after Telegram accepted it. A crash in between re-sends that one row after restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections import defaultdict

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import Message
from aiolimiter import AsyncLimiter

from bot.notifications import Outgoing, SendFile, SendText, render_item
from storage.models import OutboxItem
from tracking.service import Notice, Tracker

log = logging.getLogger(__name__)

BATCH = 100
IDLE_WAIT = 30.0
MAX_ATTEMPTS = 12
UNREACHABLE_MARKERS = ("chat not found", "bot was blocked", "user is deactivated")


class DeliveryWorker:
    """One task that drains the outbox; woken by commits that wrote to it."""

    def __init__(
        self,
        bot: Bot,
        tracker: Tracker,
        *,
        per_second: float = 30,
        per_chat_burst: int = 3,
        parallel: int = 4,
    ) -> None:
        self.bot = bot
        self.tracker = tracker
        # One message every 1/per_second seconds: a bucket of 30 would let 60 out in the
        # first second (its burst, then its rate).
        self._global = AsyncLimiter(1, 1 / per_second)
        self._per_chat_burst = per_chat_burst
        # Messages Telegram may have accepted but we have not yet recorded as sent: a crash can
        # repeat at most these, so keep them few (the rate limit, not parallelism, sets speed).
        self._in_flight = asyncio.Semaphore(parallel)
        self._chat_limiters: dict[int, AsyncLimiter] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self.idle = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._run(), name="delivery-worker")

    async def stop(self) -> None:
        """Finish the message in flight, then stop."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            task, self._task = self._task, None
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                sent = await self.drain_once()
            except Exception:
                log.exception("delivery pass failed")
                sent = 0
            if sent or self._stopping:
                continue
            self.idle.set()
            timeout = await self._idle_timeout()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
            self.idle.clear()

    async def _idle_timeout(self) -> float:
        async with self.tracker.db.read() as tx:
            next_at = await tx.outbox.next_due_at(self.tracker.now())
        if next_at is None:
            return IDLE_WAIT
        delay = (next_at - self.tracker.now()).total_seconds()
        return min(max(delay, 0.05), IDLE_WAIT)

    async def drain_once(self) -> int:
        """Send one batch of due rows; chats in parallel, each chat's rows in order."""
        async with self.tracker.db.read() as tx:
            items = await tx.outbox.due(self.tracker.now(), BATCH)
        by_chat: dict[int, list[OutboxItem]] = defaultdict(list)
        for item in items:
            if item.chat_id is not None:
                by_chat[item.chat_id].append(item)
        results = await asyncio.gather(*(self._chat(chat, rows) for chat, rows in by_chat.items()))
        return sum(results)

    async def _chat(self, chat_id: int, items: list[OutboxItem]) -> int:
        done = 0
        for item in items:
            if self._stopping:
                break
            await self._chat_limiter(chat_id).acquire()
            async with self._in_flight:
                delivered = await self._deliver(chat_id, item)
            if not delivered:
                break  # keep this chat's order: the rest waits for the failed one
            done += 1
        return done

    async def _deliver(self, chat_id: int, item: OutboxItem) -> bool:
        now = self.tracker.now()
        try:
            outgoing = await render_item(self.tracker, item)
            card_message: Message | None = None
            card_of: int | None = None
            # A notification of several messages goes on after those an earlier attempt sent.
            for number, out in enumerate(outgoing[item.parts_sent :], start=item.parts_sent + 1):
                message = await self._send(chat_id, out)
                if isinstance(out, SendText) and out.card_of is not None:
                    card_message, card_of = message, out.card_of
                if number < len(outgoing):
                    async with self.tracker.db.transaction() as tx:
                        await tx.outbox.set_parts_sent(item.id, number)
        except TelegramRetryAfter as exc:
            log.warning("outbox %s: flood control, retry after %s s", item.id, exc.retry_after)
            await self._retry(item, dt.timedelta(seconds=exc.retry_after), str(exc))
            return False
        except TelegramForbiddenError as exc:
            await self._unreachable(item, str(exc))
            return True
        except TelegramBadRequest as exc:
            if any(marker in exc.message.lower() for marker in UNREACHABLE_MARKERS):
                await self._unreachable(item, str(exc))
            else:
                log.error("outbox %s (%s) rejected: %s", item.id, item.kind, exc.message)
                async with self.tracker.db.transaction() as tx:
                    await tx.outbox.mark_failed(item.id, now, exc.message)
            return True
        except (TelegramNetworkError, TelegramServerError, OSError) as exc:
            backoff = dt.timedelta(seconds=min(2 ** min(item.attempts, 8), 300))
            await self._retry(item, backoff, repr(exc))
            return False
        async with self.tracker.db.transaction() as tx:
            await tx.outbox.mark_sent(item.id, self.tracker.now())
            if card_message is not None and card_of is not None:
                await tx.assignments.set_card(card_of, chat_id, card_message.message_id)
                assignee = await tx.assignments.assignee(card_of)
                if item.kind == Notice.CARD and assignee is not None:
                    await tx.events.add(
                        "card_sent",
                        now=self.tracker.now(),
                        assignment_id=assignee.assignment_id,
                        assignee_id=card_of,
                    )
            if item.person_id is not None:
                await tx.people.set_unreachable(item.person_id, None)
        return True

    async def _send(self, chat_id: int, out: Outgoing) -> Message | None:
        await self._global.acquire()
        if isinstance(out, SendText):
            return await self.bot.send_message(chat_id, out.text, reply_markup=out.markup)
        if isinstance(out, SendFile):
            if out.kind == "photo":
                return await self.bot.send_photo(
                    chat_id, out.file_id, caption=out.caption or None, reply_markup=out.markup
                )
            return await self.bot.send_document(
                chat_id, out.file_id, caption=out.caption or None, reply_markup=out.markup
            )
        try:
            await self.bot.edit_message_text(
                text=out.text,
                chat_id=out.chat_id,
                message_id=out.message_id,
                reply_markup=out.markup,
            )
        except TelegramBadRequest as exc:
            text = exc.message.lower()
            # Nothing to change, or the card is gone: either way the row is done.
            if "message is not modified" not in text and "message to edit not found" not in text:
                raise
        return None

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chat_limiters.get(chat_id)
        if limiter is None:
            # Groups may take 20 a minute; private chats one a second after a short burst.
            burst = self._per_chat_burst
            limiter = AsyncLimiter(20, 60) if chat_id < 0 else AsyncLimiter(burst, burst)
            self._chat_limiters[chat_id] = limiter
        return limiter

    async def _retry(self, item: OutboxItem, delay: dt.timedelta, error: str) -> None:
        async with self.tracker.db.transaction() as tx:
            if item.attempts + 1 >= MAX_ATTEMPTS:
                await tx.outbox.mark_failed(item.id, self.tracker.now(), error)
            else:
                await tx.outbox.retry_later(item.id, self.tracker.now() + delay, error)

    async def _unreachable(self, item: OutboxItem, error: str) -> None:
        log.warning("outbox %s: recipient unreachable: %s", item.id, error)
        async with self.tracker.db.transaction() as tx:
            await tx.outbox.mark_failed(item.id, self.tracker.now(), error)
        if item.person_id is not None:
            # One assignee's message, or several reminders in one («assignee_ids»).
            one = item.payload.get("assignee_id")
            many = item.payload.get("assignee_ids")
            ids = [one] if isinstance(one, int) else many if isinstance(many, list) else []
            await self.tracker.mark_unreachable(
                item.person_id, [i for i in ids if isinstance(i, int)]
            )
