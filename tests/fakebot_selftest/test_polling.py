"""getUpdates semantics: offsets, long polling, allowed_updates, conflicts, shutdown."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from tests.fakebot import FakeTelegramServer, PollingRun, run_polling

from .demo_bot import build_dispatcher


@pytest.fixture
async def http(tg: FakeTelegramServer) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def get_updates(
    http: aiohttp.ClientSession, tg: FakeTelegramServer, **params: Any
) -> dict[str, Any]:
    async with http.post(f"{tg.base_url}/bot{tg.token}/getUpdates", json=params) as response:
        body: dict[str, Any] = await response.json()
        return body


async def test_updates_stay_until_confirmed_by_offset(
    tg: FakeTelegramServer, http: aiohttp.ClientSession
) -> None:
    alice = tg.user(1001, "Alice")
    for text in ("one", "two", "three"):
        await alice.send(text)

    first = (await get_updates(http, tg))["result"]
    again = (await get_updates(http, tg))["result"]
    assert [u["message"]["text"] for u in first] == ["one", "two", "three"]
    assert again == first  # not confirmed yet

    limited = (await get_updates(http, tg, offset=first[0]["update_id"] + 1, limit=1))["result"]
    assert [u["message"]["text"] for u in limited] == ["two"]
    rest = (await get_updates(http, tg, offset=first[-1]["update_id"] + 1))["result"]
    assert rest == []


async def test_update_ids_increase_monotonically(
    tg: FakeTelegramServer, http: aiohttp.ClientSession
) -> None:
    alice = tg.user(1001, "Alice")
    for index in range(5):
        await alice.send(f"m{index}")
    ids = [u["update_id"] for u in (await get_updates(http, tg))["result"]]
    assert ids == sorted(ids)
    assert len(set(ids)) == 5


async def test_negative_offset_keeps_only_the_latest_updates(
    tg: FakeTelegramServer, http: aiohttp.ClientSession
) -> None:
    alice = tg.user(1001, "Alice")
    for text in ("a", "b", "c"):
        await alice.send(text)
    latest = (await get_updates(http, tg, offset=-1))["result"]
    assert [u["message"]["text"] for u in latest] == ["c"]
    assert len((await get_updates(http, tg))["result"]) == 1


async def test_long_poll_wakes_promptly_when_an_update_is_queued(
    tg: FakeTelegramServer, http: aiohttp.ClientSession
) -> None:
    alice = tg.user(1001, "Alice")
    loop = asyncio.get_running_loop()
    poll = asyncio.create_task(get_updates(http, tg, timeout=20))
    await tg.wait_polling()
    started = loop.time()
    await alice.send("wake up")
    body = await poll
    assert loop.time() - started < 1.0
    assert [u["message"]["text"] for u in body["result"]] == ["wake up"]


async def test_long_poll_returns_empty_list_after_timeout(
    tg: FakeTelegramServer, http: aiohttp.ClientSession
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    body = await get_updates(http, tg, timeout=1)
    assert body == {"ok": True, "result": []}
    assert 0.9 <= loop.time() - started < 3


async def test_newer_get_updates_terminates_the_older_with_conflict(
    tg: FakeTelegramServer, http: aiohttp.ClientSession
) -> None:
    older = asyncio.create_task(get_updates(http, tg, timeout=20))
    await tg.wait_polling()
    newer = asyncio.create_task(get_updates(http, tg, timeout=0))
    assert (await older)["error_code"] == 409
    assert "terminated by other getUpdates request" in (await older)["description"]
    assert (await newer)["ok"] is True


async def test_get_updates_is_refused_while_a_webhook_is_set(
    tg: FakeTelegramServer, bot: Bot
) -> None:
    await bot.set_webhook("https://example.com/hook")
    assert (await bot.get_webhook_info()).url == "https://example.com/hook"
    assert tg.webhook_url == "https://example.com/hook"
    with pytest.raises(Exception, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == []


async def test_allowed_updates_drops_updates_of_other_types(
    tg: FakeTelegramServer, http: aiohttp.ClientSession, bot: Bot
) -> None:
    alice = tg.user(1001, "Alice")
    await get_updates(http, tg, allowed_updates=["message"])
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="ok", callback_data="ok")]]
    )
    question = await bot.send_message(1001, "q", reply_markup=markup)
    alice.press_nowait(question.message_id, "ok")
    await alice.send("kept")

    result = (await get_updates(http, tg))["result"]
    assert [u["message"]["text"] for u in result] == ["kept"]
    assert [u.type for u in tg.dropped_updates] == ["callback_query"]


async def test_press_fails_fast_when_bot_does_not_poll_callback_queries(
    tg: FakeTelegramServer, bot: Bot
) -> None:
    alice = tg.user(1001, "Alice")
    async with run_polling(build_dispatcher(), bot, tg, allowed_updates=["message"]):
        await alice.send("/menu")
        menu = await alice.next_message()
        with pytest.raises(AssertionError, match="dropped"):
            await alice.press(menu, "Сохранить", timeout=5)


async def test_every_update_reaches_the_bot_exactly_once(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    texts = [f"message {index}" for index in range(25)]
    for text in texts:
        await alice.send(text)
    replies = [await alice.next_message() for _ in texts]
    assert sorted(r.plain_text or "" for r in replies) == sorted(texts)
    await alice.expect_no_message(within=0.3)
    delivered = [
        update["update_id"] for call in tg.calls_of("getUpdates") for update in call.result or []
    ]
    assert len(delivered) == len(set(delivered)) == 25


async def test_polling_stops_cleanly_during_a_long_poll(tg: FakeTelegramServer, bot: Bot) -> None:
    async with run_polling(build_dispatcher(), bot, tg, polling_timeout=30) as run:
        assert tg.polls_started == 1  # the bot sits in a 30 s long poll now
    assert run.task.done()
    assert run.task.exception() is None
    session = getattr(bot.session, "_session", None)
    assert session is None or session.closed
