"""Webhook mode: an aiohttp server that Telegram calls, with a health endpoint."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any
from urllib.parse import urlsplit

from aiogram import Bot
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app import UPDATES_IN_FLIGHT, App

log = logging.getLogger(__name__)

HEALTH_PATH = "/health"


def webhook_path(url: str) -> str:
    return urlsplit(url).path or "/"


class BoundedRequestHandler(SimpleRequestHandler):
    """aiogram's handler (Telegram is answered at once, the update handled in the background)
    with at most `limit` updates handled at once, as in polling (`UPDATES_IN_FLIGHT`).

    Beyond that the answer to Telegram waits for a slot, and Telegram, which keeps only so
    many requests open to a webhook, waits with it: a burst queues at Telegram instead of
    as thousands of handlers here.
    """

    def __init__(self, *args: Any, limit: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._slots = asyncio.Semaphore(limit)

    async def _handle_request_background(self, bot: Bot, request: web.Request) -> web.Response:
        update = await request.json(loads=bot.session.json_loads)
        await self._slots.acquire()
        task = asyncio.create_task(self._feed_in_slot(bot, update))
        self._background_feed_update_tasks.add(task)
        task.add_done_callback(self._background_feed_update_tasks.discard)
        return web.json_response({}, dumps=bot.session.json_dumps)

    async def _feed_in_slot(self, bot: Bot, update: dict[str, Any]) -> None:
        try:
            await self._background_feed_update(bot=bot, update=update)
        finally:
            self._slots.release()


def create_web_app(app: App) -> web.Application:
    """The aiohttp application: the webhook route (secret checked) and GET /health."""
    settings = app.settings
    assert settings.webhook_url and settings.webhook_secret
    secret = settings.webhook_secret.get_secret_value()
    web_app = web.Application()
    BoundedRequestHandler(
        dispatcher=app.dispatcher, bot=app.bot, secret_token=secret, limit=UPDATES_IN_FLIGHT
    ).register(web_app, path=webhook_path(settings.webhook_url))

    async def health(_: web.Request) -> web.Response:
        ok = await app.db.integrity_ok()
        async with app.db.read() as tx:
            pending = await tx.outbox.pending_count()
        body = {"status": "ok" if ok else "degraded", "database": ok, "outbox_pending": pending}
        return web.json_response(body, status=200 if ok else 503)

    web_app.router.add_get(HEALTH_PATH, health)

    async def register_webhook(**_: object) -> None:
        await app.bot.set_webhook(
            settings.webhook_url or "",
            secret_token=secret,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )
        log.info("webhook set to %s", settings.webhook_url)

    app.dispatcher.startup.register(register_webhook)
    # Starts and stops the dispatcher (database, worker, scheduler) with the web app.
    setup_application(web_app, app.dispatcher, bot=app.bot)
    return web_app


async def start_web(app: App) -> web.AppRunner:
    runner = web.AppRunner(create_web_app(app))
    await runner.setup()
    site = web.TCPSite(runner, app.settings.webhook_listen, app.settings.webhook_port)
    await site.start()
    log.info("listening on %s:%s", app.settings.webhook_listen, app.settings.webhook_port)
    return runner


async def run_webhook(app: App) -> None:
    """Serve until SIGTERM or SIGINT, then stop taking requests and shut down cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    runner = await start_web(app)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
        await app.bot.session.close()
