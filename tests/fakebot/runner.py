"""Run an aiogram Dispatcher's real polling loop against the fake server in a test."""

# Waiting helpers take a `timeout` on purpose: it is the test-facing API.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from .models import FakeTimeoutError
from .server import FakeTelegramServer

__all__ = ["PollingRun", "make_bot", "run_polling"]


def make_bot(server: FakeTelegramServer, **kwargs: Any) -> Bot:
    """A ``Bot`` with the server's token whose session talks to the fake server.

    ``kwargs`` go to ``Bot`` (e.g. ``default=DefaultBotProperties(parse_mode="HTML")``).
    """
    session = AiohttpSession(api=TelegramAPIServer.from_base(server.base_url))
    return Bot(server.token, session=session, **kwargs)


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass(slots=True)
class PollingRun:
    """A running polling loop; ``handler_errors`` are exceptions aiogram logged from handlers."""

    dispatcher: Dispatcher
    bot: Bot
    task: asyncio.Task[None]
    handler_errors: list[logging.LogRecord] = field(default_factory=list)

    async def drain(self, timeout: float = 5.0) -> None:
        """Wait until update handlers that are already running have finished."""
        # aiogram keeps running handler tasks in a private set; there is no public API.
        tasks = set(getattr(self.dispatcher, "_handle_update_tasks", set()))
        if tasks:
            await asyncio.wait(tasks, timeout=timeout)


@asynccontextmanager
async def run_polling(
    dp: Dispatcher,
    bot: Bot,
    server: FakeTelegramServer,
    *,
    polling_timeout: int = 10,
    startup_timeout: float = 5.0,
    raise_handler_errors: bool = True,
    drain_timeout: float = 5.0,
    **kwargs: Any,
) -> AsyncIterator[PollingRun]:
    """Run ``dp.start_polling(bot)`` as a task for the body of the ``async with``.

    Returns once the bot's first getUpdates reached the server, so updates sent by the test
    are picked up. On exit it waits (up to ``drain_timeout``) until queued updates are
    fetched and their handlers finished, stops polling, awaits the task
    (the bot session is closed by aiogram) and, with ``raise_handler_errors``, fails if a
    handler raised. ``kwargs`` go to ``start_polling`` (workflow data, ``allowed_updates`` ...).
    """
    collector = _ErrorCollector()
    event_logger = logging.getLogger("aiogram.event")
    event_logger.addHandler(collector)
    polls_before = server.polls_started
    task: asyncio.Task[None] = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, polling_timeout=polling_timeout, **kwargs),
        name="fakebot-polling",
    )
    run = PollingRun(dp, bot, task, collector.records)
    try:
        first_poll = asyncio.ensure_future(
            server.wait_polling(after=polls_before, timeout=startup_timeout)
        )
        await asyncio.wait({task, first_poll}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            first_poll.cancel()
            with suppress(asyncio.CancelledError, FakeTimeoutError):
                await first_poll
            task.result()  # re-raise why polling died
            raise RuntimeError("polling stopped before it started")
        await first_poll
        yield run
    finally:
        try:
            if not task.done():
                # Let updates already sent by the test reach their handlers and finish, so
                # closing the session does not cut a handler's request in half.
                with suppress(FakeTimeoutError):
                    await server.wait_confirmed(timeout=drain_timeout)
                await run.drain(drain_timeout)
                await dp.stop_polling()
            await task
        finally:
            event_logger.removeHandler(collector)
    if raise_handler_errors and collector.records:
        messages = "\n".join(record.getMessage() for record in collector.records)
        raise AssertionError(f"handlers raised while polling:\n{messages}")
