from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties

from tests.fakebot import FakeTelegramServer, PollingRun, make_bot, run_polling

from .demo_bot import build_dispatcher


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegramServer]:
    async with FakeTelegramServer() as server:
        yield server


@pytest.fixture
async def bot(tg: FakeTelegramServer) -> AsyncIterator[Bot]:
    bot = make_bot(tg, default=DefaultBotProperties(parse_mode="HTML"))
    yield bot
    # Polling closes the session itself; this covers tests that only make direct calls.
    await bot.session.close()


@pytest.fixture
async def polling(tg: FakeTelegramServer, bot: Bot) -> AsyncIterator[PollingRun]:
    async with run_polling(build_dispatcher(), bot, tg) as run:
        yield run
