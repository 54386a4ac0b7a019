"""Requests as other clients send them: urlencoded and JSON bodies, GET with a query."""

from __future__ import annotations

from typing import Any

import aiohttp

from tests.fakebot import FakeTelegramServer


async def call(
    tg: FakeTelegramServer, method: str, token: str | None = None, **kwargs: Any
) -> tuple[int, dict[str, Any]]:
    url = f"{tg.base_url}/bot{token or tg.token}/{method}"
    async with aiohttp.ClientSession() as session, session.post(url, **kwargs) as response:
        body: dict[str, Any] = await response.json()
        return response.status, body


async def test_urlencoded_body_with_json_encoded_markup(tg: FakeTelegramServer) -> None:
    await tg.user(1001, "Alice").send("hi")
    markup = '{"inline_keyboard": [[{"text": "a", "callback_data": "1"}]]}'
    status, body = await call(
        tg,
        "sendMessage",
        data={"chat_id": "1001", "text": "42", "reply_markup": markup, "parse_mode": "HTML"},
    )
    assert status == 200
    assert body["result"]["text"] == "42"
    assert body["result"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "1"
    assert tg.calls[-1].params["chat_id"] == 1001


async def test_json_body_and_query_string(tg: FakeTelegramServer) -> None:
    await tg.user(1001, "Alice").send("hi")
    status, body = await call(tg, "sendMessage", json={"chat_id": 1001, "text": "j"})
    assert (status, body["result"]["text"]) == (200, "j")
    url = f"{tg.base_url}/bot{tg.token}/getMe"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert (await response.json())["result"]["username"] == "decisions_test_bot"


async def test_method_names_are_case_insensitive(tg: FakeTelegramServer) -> None:
    status, body = await call(tg, "getme")
    assert (status, body["ok"]) == (200, True)


async def test_wrong_token_and_unknown_method(tg: FakeTelegramServer) -> None:
    assert await call(tg, "getMe", token="1:nope") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert await call(tg, "sendDice") == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
    )
