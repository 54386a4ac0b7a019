"""The application factory: everything is built here, nothing at import time."""

from __future__ import annotations

import datetime as dt
import gc
import logging
from dataclasses import dataclass
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ChatType, ParseMode
from aiogram.types import BotCommand, ErrorEvent, Message
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from apscheduler.schedulers.asyncio import AsyncIOScheduler

import handlers
from bot import render
from bot.config import Settings
from bot.delivery import DeliveryWorker
from bot.fsm_storage import SqliteStorage
from bot.middlewares import AccessMiddleware, ActorMiddleware, InFlightMiddleware
from bot.session import BotSession
from bot.texts import core as t
from handlers.menu import menu
from scheduler.jobs import create_scheduler
from storage.backup import make_backup
from storage.db import Database
from tracking.clock import Clock, SystemClock
from tracking.rules import ReminderPolicy
from tracking.service import Tracker

log = logging.getLogger(__name__)

#: Seconds that updates still being handled get at shutdown.
SHUTDOWN_GRACE = 20.0
#: A form (a prompt waiting for an answer) left this long expires: the next message is new
#: input, not an answer to a question asked hours ago.
FORM_TTL = dt.timedelta(hours=3)
#: Updates handled at once in long polling. Without a bound aiogram fetches every pending
#: update and starts them all: after a downtime or in a burst, thousands of handlers queue on
#: the database at once (the bot peaked at 364 MB handling a backlog of 6,000 updates, 120 MB
#: with this bound, at the same rate: `bench/bench_updates.py`). Polling pauses while this
#: many are running, so the rest wait at Telegram, in order.
UPDATES_IN_FLIGHT = 64


@dataclass(slots=True)
class App:
    settings: Settings
    bot: Bot
    dispatcher: Dispatcher
    db: Database
    tracker: Tracker
    worker: DeliveryWorker
    scheduler: AsyncIOScheduler


def create_bot(settings: Settings) -> Bot:
    session = (
        BotSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
        if settings.telegram_api_url
        else BotSession()
    )
    return Bot(
        settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def create_app(
    settings: Settings, *, clock: Clock | None = None, start_scheduler: bool = True
) -> App:
    """Wire the bot; the database opens and the scheduler and worker start with polling."""
    db = Database(settings.database_path)
    tracker = Tracker(
        db=db,
        clock=clock or SystemClock(),
        policy=ReminderPolicy(
            tz=settings.tz,
            reminder_time=settings.reminder_time,
            days_before=tuple(settings.reminder_days_before),
            overdue_every=settings.overdue_reminder_every_days,
        ),
        digest_time=settings.digest_time,
        due_soon_days=settings.due_soon_days,
        admin_ids=frozenset(settings.admin_ids),
        invite_ttl_days=settings.invite_ttl_days,
        working_hours=settings.hours,
    )
    bot = create_bot(settings)
    worker = DeliveryWorker(bot, tracker)
    db.add_outbox_listener(worker.wake)

    async def backup() -> Path:
        return await make_backup(db, settings.backup_dir, settings.backup_keep, tracker.now())

    scheduler = create_scheduler(
        tracker,
        settings.tz,
        settings.reminder_time,
        settings.digest_time,
        backup=backup,
        backup_time=settings.backup_time,
    )

    storage = SqliteStorage(db, clock=tracker.now, state_ttl=FORM_TTL)
    dp = Dispatcher(storage=storage, tracker=tracker, settings=settings, backup=backup)
    inflight = InFlightMiddleware()
    dp.update.outer_middleware(inflight)
    dp.update.outer_middleware(ActorMiddleware())
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.message.middleware(AccessMiddleware())
    dp.callback_query.middleware(AccessMiddleware())
    dp.include_routers(*handlers.routers())
    dp.errors.register(on_error)

    app = App(settings, bot, dp, db, tracker, worker, scheduler)

    async def on_startup() -> None:
        await db.connect()
        await bot.set_my_commands([BotCommand(command=c, description=d) for c, d in menu()])
        worker.start()
        if start_scheduler:
            scheduler.start()
        log.info("bot started, database %s", settings.database_path)

    async def on_shutdown() -> None:
        # Polling has stopped; let handlers in flight finish, then the jobs and the worker.
        await inflight.wait_idle(SHUTDOWN_GRACE)
        if scheduler.running:
            scheduler.shutdown(wait=False)
        await worker.stop()
        await db.close()
        log.info("updates handled at once: at most %d", inflight.peak)
        log.info("bot stopped")

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    return app


async def on_error(event: ErrorEvent) -> bool:
    """Log with the update id; tell the user the action did not happen."""
    log.error("update %s failed", event.update.update_id, exc_info=event.exception)
    update = event.update
    # A callback query was already answered by CallbackAnswerMiddleware; write in the chat.
    message = update.message
    if message is None and update.callback_query is not None:
        pressed = update.callback_query.message
        message = pressed if isinstance(pressed, Message) else None
    if message is not None and message.chat.type == ChatType.PRIVATE:
        try:
            await message.answer(render.esc(t.INTERNAL_ERROR))
        except Exception:  # the error path must not raise again
            log.warning("could not report the error to the user", exc_info=True)
    return True


def settle_heap() -> None:
    """Hide what start-up built from the garbage collector for good.

    Start-up leaves about 130,000 tracked objects (aiogram's routers and pydantic models, the
    parser's tables), and they live as long as the process. Every full collection walked them
    all, stalling the event loop for some 70 ms in the middle of a burst of updates or of the
    morning reminder scan. Frozen, they are never walked again; what the bot allocates
    afterwards is collected as before.
    """
    gc.collect()
    gc.freeze()


async def run(settings: Settings) -> None:
    """Long polling, or webhook mode when WEBHOOK_URL is set; both stop cleanly on SIGTERM."""
    app = create_app(settings)
    settle_heap()
    if settings.webhook_url:
        from bot.webhook import run_webhook

        await run_webhook(app)
        return
    try:
        await app.bot.delete_webhook(drop_pending_updates=False)
        await app.dispatcher.start_polling(
            app.bot,
            handle_signals=True,
            close_bot_session=True,
            tasks_concurrency_limit=UPDATES_IN_FLIGHT,
        )
    finally:
        await app.bot.session.close()
