"""aiogram's aiohttp session, sending JSON bodies and holding on to the models it parses
Telegram's answers with."""

from __future__ import annotations

import json
from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
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
from aiogram.types import InputFile
from aiohttp import ClientError, ClientTimeout

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


_JSON_HEADERS = {"Content-Type": "application/json"}


class BotSession(AiohttpSession):
    """Two changes to aiogram's session, both found with `bench/bench_updates.py --profile`:

    * A call without a file goes as a JSON body (the Bot API takes both) rather than an
      urlencoded form: aiohttp percent-encodes a form in Python, character by character,
      which cost 0.4 ms for a list with its keyboard, against 0.15 ms for JSON. Calls that
      upload a file stay multipart, as aiogram sends them.
    * aiogram parses every answer as `Response[<the method's result type>]`. Pydantic keeps
      such parametrized models only weakly, so a garbage collection drops them and the next
      call builds one again: a stall of 50–150 ms in the middle of an update, several times a
      minute under load. This session keeps a reference to every one it has used, and builds
      those of the everyday methods before the first update rather than during it.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for method in EVERYDAY:
            _keep(method.__returning__)

    def json_payload(
        self, bot: Bot, method: TelegramMethod[TelegramType]
    ) -> dict[str, Any] | None:
        """The method's parameters as a JSON object; None when it uploads a file. A parameter
        is left out where aiogram's form leaves it out (None, False, 0, ""), but an empty
        list stays: `allowed_updates=[]` means something else than no `allowed_updates`."""
        files: dict[str, InputFile] = {}
        payload: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files, _dumps_json=False)
            if prepared is None or (not prepared and not isinstance(prepared, list | dict)):
                continue
            payload[key] = prepared
        return None if files else payload

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - aiogram's signature
    ) -> TelegramType:
        payload = self.json_payload(bot, method)
        if payload is None:
            return await super().make_request(bot, method, timeout)
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        try:
            async with session.post(
                url,
                data=json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(),
                headers=_JSON_HEADERS,
                timeout=ClientTimeout(total=self.timeout if timeout is None else timeout),
            ) as resp:
                raw_result = await resp.text()
        except TimeoutError as e:
            raise TelegramNetworkError(method=method, message="Request timeout error") from e
        except ClientError as e:
            raise TelegramNetworkError(method=method, message=f"{type(e).__name__}: {e}") from e
        response = self.check_response(
            bot=bot, method=method, status_code=resp.status, content=raw_result
        )
        return cast(TelegramType, response.result)

    def check_response(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        status_code: int,
        content: str,
    ) -> Response[TelegramType]:
        _keep(method.__returning__)
        return super().check_response(bot, method, status_code, content)
