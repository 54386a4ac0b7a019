"""The run_polling helper other test modules reuse."""

from __future__ import annotations

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.types import Message

from tests.fakebot import FakeTelegramServer, run_polling


def failing_dispatcher() -> Dispatcher:
    router = Router()

    @router.message()
    async def explode(message: Message) -> None:
        raise RuntimeError("handler bug")

    dp = Dispatcher()
    dp.include_router(router)
    return dp


async def test_handler_errors_fail_the_test(tg: FakeTelegramServer, bot: Bot) -> None:
    alice = tg.user(1001, "Alice")
    with pytest.raises(AssertionError, match="handler bug"):
        async with run_polling(failing_dispatcher(), bot, tg):
            await alice.send("boom")


async def test_handler_errors_can_be_inspected_instead(tg: FakeTelegramServer, bot: Bot) -> None:
    alice = tg.user(1001, "Alice")
    async with run_polling(failing_dispatcher(), bot, tg, raise_handler_errors=False) as run:
        await alice.send("boom")
    assert len(run.handler_errors) == 1


async def test_startup_failure_is_reported(tg: FakeTelegramServer, bot: Bot) -> None:
    tg.faults.add(method="getMe", status=401, description="Unauthorized")
    with pytest.raises(Exception, match="Unauthorized"):
        async with run_polling(failing_dispatcher(), bot, tg):
            pass
