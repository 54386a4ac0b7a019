"""aiogram's aiohttp session, holding on to the models it parses Telegram's answers with."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    GetUpdates,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import Response, TelegramType

#: What the bot calls on almost every update; their answer models are built at start.
EVERYDAY = (
    GetUpdates,
    SendMessage,
    EditMessageText,
    EditMessageReplyMarkup,
    AnswerCallbackQuery,
    SendDocument,
    SendPhoto,
)


#: One per result type, for the life of the process (a few dozen at most).
_RESPONSES: dict[Any, type[Response[Any]]] = {}


def _keep(returning: Any) -> None:
    if returning not in _RESPONSES:
        _RESPONSES[returning] = Response[returning]


class BotSession(AiohttpSession):
    """aiogram parses every answer as `Response[<the method's result type>]`. Pydantic keeps
    such parametrized models only weakly, so a garbage collection drops them and the next call
    builds one again: a stall of 50–150 ms in the middle of an update, several times a minute
    under load (seen in `bench/bench_updates.py --profile`). This session keeps a reference
    to every one it has used, and builds those of the everyday methods before the first
    update rather than during it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for method in EVERYDAY:
            _keep(method.__returning__)

    def check_response(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        status_code: int,
        content: str,
    ) -> Response[TelegramType]:
        _keep(method.__returning__)
        return super().check_response(bot, method, status_code, content)
