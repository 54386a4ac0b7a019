"""Injected failures and the flood-limit checker."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from tests.fakebot import FakeTelegramServer, PollingRun, RateLimitConfig, make_bot
from tests.fakebot.faults import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_429_makes_aiogram_raise_retry_after_until_the_fault_is_used_up(
    tg: FakeTelegramServer, bot: Bot
) -> None:
    alice = tg.user(1001, "Alice")
    fault = tg.faults.add(method="sendMessage", status=429, retry_after=2, times=3)
    for _ in range(3):
        with pytest.raises(TelegramRetryAfter) as caught:
            await bot.send_message(1001, "hi")
        assert caught.value.retry_after == 2
    assert tg.calls[-1].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 2",
        "parameters": {"retry_after": 2},
    }
    assert alice.messages == []  # refused requests leave no trace in the chat
    await bot.send_message(1001, "hi")
    assert fault.hits == 3
    assert [m.text for m in alice.messages] == ["hi"]


async def test_server_errors_and_chat_filter(tg: FakeTelegramServer, bot: Bot) -> None:
    tg.user(1001, "Alice")
    tg.user(1002, "Bob")
    tg.faults.add(method="sendMessage", status=502, chat_id=1002, times=None)
    tg.faults.add(method="getMe", status=500)
    with pytest.raises(TelegramServerError, match="Bad Gateway"):
        await bot.send_message(1002, "hi")
    assert (await bot.send_message(1001, "hi")).chat.id == 1001
    with pytest.raises(TelegramServerError, match="Internal Server Error"):
        await bot.get_me()
    tg.faults.clear()
    assert (await bot.send_message(1002, "hi")).chat.id == 1002


async def test_dropped_connection_is_a_network_error(tg: FakeTelegramServer, bot: Bot) -> None:
    tg.user(1001, "Alice")
    tg.faults.add(method="sendMessage", disconnect=True)
    with pytest.raises(TelegramNetworkError):
        await bot.send_message(1001, "hi")
    assert (await bot.send_message(1001, "again")).text == "again"


async def test_polling_survives_a_failing_get_updates(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    tg.faults.add(method="getUpdates", status=502)
    await alice.send("still there?")
    assert (await alice.next_message(timeout=10)).text == "still there?"


async def test_rate_violations_are_recorded_but_not_enforced_by_default() -> None:
    clock = FakeClock()
    async with FakeTelegramServer(clock=clock) as tg:
        await tg.user(1001, "Alice").send("hi")
        async with make_bot(tg) as bot:
            for _ in range(5):
                await bot.send_message(1001, "burst")
    assert [(v.kind, v.count) for v in tg.rate_violations] == [("private", 4), ("private", 5)]


async def test_enforced_rate_limit_answers_429() -> None:
    clock = FakeClock()
    async with FakeTelegramServer(clock=clock, enforce_rate_limits=True) as tg:
        await tg.user(1001, "Alice").send("hi")
        async with make_bot(tg) as bot:
            for _ in range(3):
                await bot.send_message(1001, "ok")
            with pytest.raises(TelegramRetryAfter) as caught:
                await bot.send_message(1001, "too fast")
            assert caught.value.retry_after == 3
            clock.now += 3.01
            await bot.send_message(1001, "later")
    assert len(tg.rate_violations) == 1


def test_one_message_per_second_is_fine_in_a_private_chat() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    for _ in range(20):
        assert limiter.check("sendMessage", 1001, "private") is None
        clock.now += 1.0
    assert limiter.violations == []


def test_group_and_global_limits() -> None:
    clock = FakeClock()
    limiter = RateLimiter(RateLimitConfig(private_max=100), clock=clock)
    for _ in range(20):
        limiter.check("sendMessage", -100, "group")
        clock.now += 1.0
    violation = limiter.check("sendMessage", -100, "group")
    assert violation is not None
    assert violation.kind == "group"
    assert violation.retry_after == 40  # the oldest of the 20 leaves the minute window then

    clock.now += 120
    for user_id in range(30):
        assert limiter.check("sendMessage", user_id, "private") is None
    violation = limiter.check("sendMessage", 99, "private")
    assert violation is not None
    assert (violation.kind, violation.count) == ("global", 31)
