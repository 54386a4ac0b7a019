"""The bot's session keeps the models it parses Telegram's answers with."""

from __future__ import annotations

import gc
import json
import weakref

from aiogram import Bot
from aiogram.methods import GetMe, SendMessage
from aiogram.methods.base import Response
from aiogram.types import Message, User

from bot.session import BotSession

TOKEN = "123456789:AAFakeTokenForTests_abcdefghijklmnopq"


def test_answer_models_outlive_a_garbage_collection() -> None:
    session = BotSession()
    bot = Bot(TOKEN, session=session)
    answer = {"ok": True, "result": {"id": 1, "is_bot": True, "first_name": "Бот"}}
    me = session.check_response(bot, GetMe(), 200, json.dumps(answer))
    assert me.result is not None and me.result.first_name == "Бот"
    model = weakref.ref(type(me))
    assert model() is Response[User]
    del me
    for _ in range(3):
        gc.collect()
    # Pydantic alone holds it weakly: without the session's reference it would be gone and
    # built again (50-150 ms) by the next getMe.
    assert model() is not None


def test_everyday_answer_models_are_built_before_the_first_update() -> None:
    BotSession()
    assert SendMessage.__returning__ is Message
    model = weakref.ref(Response[Message])
    gc.collect()
    built = model()
    assert built is not None and built.__pydantic_complete__
