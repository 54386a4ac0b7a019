"""The bot's session keeps the models it parses Telegram's answers with."""

from __future__ import annotations

import gc
import json
import weakref

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.methods import GetMe, GetUpdates, SendDocument, SendMessage
from aiogram.methods.base import Response
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    User,
)

from bot.session import BotSession
from tests.fakebot import FakeTelegramServer

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


async def test_calls_go_as_json_and_uploads_as_multipart() -> None:
    """What the Bot API receives: a JSON object with the keyboard as an object (not a string
    inside a form), Cyrillic as it is; a file still goes multipart."""
    async with FakeTelegramServer() as tg:
        alice = tg.user(1001, "Алиса")
        await alice.send("/start")
        session = BotSession(api=TelegramAPIServer.from_base(tg.base_url))
        bot = Bot(tg.token, session=session, default=DefaultBotProperties(parse_mode="HTML"))
        try:
            markup = InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text="№7", callback_data="open:7")]]
            )
            sent = await bot.send_message(alice.id, "Поручение <b>№7</b>", reply_markup=markup)
            await bot.send_document(
                alice.id, BufferedInputFile(b"report", "отчёт.txt"), caption="Отчёт"
            )
        finally:
            await session.close()
        message, document = tg.calls_of("sendMessage")[0], tg.calls_of("sendDocument")[0]
        assert message.body_type == "application/json"
        assert message.params["reply_markup"] == {
            "inline_keyboard": [[{"text": "№7", "callback_data": "open:7"}]]
        }
        assert message.params["parse_mode"] == "HTML"
        assert "disable_notification" not in message.params
        assert sent.message_id == message.result["message_id"]
        assert (await alice.next_message()).plain_text == "Поручение №7"
        assert document.body_type == "multipart/form-data"
        assert list(document.files.values()) == ["отчёт.txt"]


def test_an_empty_list_is_sent_and_a_false_flag_is_not() -> None:
    """`allowed_updates=[]` asks for every kind of update; leaving it out would keep the last
    setting. Flags that are off are left out, as aiogram's form leaves them."""
    session = BotSession()
    bot = Bot(TOKEN, session=session)
    payload = session.json_payload(bot, GetUpdates(offset=0, timeout=30, allowed_updates=[]))
    assert payload == {"timeout": 30, "allowed_updates": []}
    upload = SendDocument(chat_id=1, document=BufferedInputFile(b"x", "x.txt"))
    assert session.json_payload(bot, upload) is None
