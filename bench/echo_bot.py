"""The baseline of `bench_updates.py`: a bare aiogram echo bot, as aiogram ships.

It imports aiogram and the standard library only. Importing anything of the project would
bring in the bot's adjustments to aiogram (`bot/__init__.py`), and the baseline would no
longer be bare aiogram. It answers every text with its text and every button with an empty
answer, with the bot's `Bot` settings, logging at INFO to stderr as the bot does.

Run by `bench_updates.py` as
``python bench/echo_bot.py --url URL --token TOKEN [--profile FILE]``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import CallbackQuery, Message


async def poll(dp: Dispatcher, bot: Bot, profile: Path | None, **options: Any) -> None:
    """Long polling with `start_polling`'s `options`; with `profile`, cProfile between SIGUSR1
    and SIGUSR2 (sent by the driver around the timed round)."""
    if profile is None:
        await dp.start_polling(bot, handle_signals=True, close_bot_session=True, **options)
        return
    import cProfile

    profiler = cProfile.Profile()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, profiler.enable)

    def stop() -> None:
        profiler.disable()
        profiler.dump_stats(profile)

    loop.add_signal_handler(signal.SIGUSR2, stop)
    await dp.start_polling(bot, handle_signals=True, close_bot_session=True, **options)


async def serve(url: str, token: str, profile: Path | None) -> None:
    logging.basicConfig(
        level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s"
    )
    bot = Bot(
        token,
        session=AiohttpSession(api=TelegramAPIServer.from_base(url)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    router = Router(name="echo")

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "…", parse_mode=None)

    @router.callback_query()
    async def on_button(callback: CallbackQuery) -> None:
        await callback.answer()

    dp = Dispatcher()
    dp.include_router(router)
    await poll(dp, bot, profile)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args(argv)
    asyncio.run(serve(args.url, args.token, args.profile))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
