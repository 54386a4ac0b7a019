"""Telegram's error answers for bad sends and edits, seen through aiogram's exceptions."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramNotFound, TelegramUnauthorizedError
from aiogram.methods import TelegramMethod
from aiogram.types import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from tests.fakebot import FakeTelegramServer, make_bot

NOT_MODIFIED = "message is not modified: specified new message content and reply markup"


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=t) for t in labels]]
    )


@pytest.fixture
async def alice_started(tg: FakeTelegramServer) -> int:
    await tg.user(1001, "Alice").send("/start")
    return 1001


async def test_edit_of_a_missing_message_is_not_found(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="x", chat_id=alice_started, message_id=999)


async def test_edit_of_a_deleted_message_is_not_found(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    sent = await bot.send_message(alice_started, "x")
    assert await bot.delete_message(alice_started, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="y", chat_id=alice_started, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(alice_started, sent.message_id)
    assert tg.user(1001).chat.message(sent.message_id).deleted
    assert [e.kind for e in tg.user(1001).events] == ["sent", "deleted"]


async def test_identical_edit_is_not_modified(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    sent = await bot.send_message(alice_started, "<b>Итог</b>", reply_markup=keyboard("a"))
    with pytest.raises(TelegramBadRequest, match=NOT_MODIFIED):
        await bot.edit_message_text(
            text="<strong>Итог</strong>",  # same rendering counts as the same content
            chat_id=alice_started,
            message_id=sent.message_id,
            reply_markup=keyboard("a"),
        )
    with pytest.raises(TelegramBadRequest, match=NOT_MODIFIED):
        await bot.edit_message_reply_markup(
            chat_id=alice_started, message_id=sent.message_id, reply_markup=keyboard("a")
        )
    edited = await bot.edit_message_reply_markup(
        chat_id=alice_started, message_id=sent.message_id, reply_markup=keyboard("b")
    )
    assert isinstance(edited, type(sent))
    assert edited.edit_date is not None
    assert tg.user(1001).chat.message(sent.message_id).button_texts == [["b"]]


async def test_user_messages_cannot_be_edited(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text(text="hacked", chat_id=alice_started, message_id=1)


async def test_text_length_limits(tg: FakeTelegramServer, bot: Bot, alice_started: int) -> None:
    await bot.send_message(alice_started, "я" * 4096)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(alice_started, "я" * 4097)
    # Markup does not count, only the visible text does.
    await bot.send_message(alice_started, "<b>" + "x" * 4096 + "</b>")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(alice_started, "")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(alice_started, "<b> </b>")


async def test_html_errors_are_cant_parse_entities(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    for bad in ("a < b", "Tom & Jerry", "<b>bold", "<div>x</div>", "<b><i>x</b></i>"):
        with pytest.raises(TelegramBadRequest, match="can't parse entities"):
            await bot.send_message(alice_started, bad)
    sent = await bot.send_message(alice_started, "a &lt; b &amp; <a href='https://x.io'>c</a>")
    assert sent.text == "a < b & c"
    assert sent.entities is not None
    assert sent.entities[0].url == "https://x.io"
    view = tg.user(1001).last_bot_message
    assert view.text == "a &lt; b &amp; <a href='https://x.io'>c</a>"
    assert view.plain_text == "a < b & c"


async def test_html_is_not_checked_without_parse_mode(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    sent = await bot.send_message(alice_started, "a < b & c", parse_mode=None)
    assert sent.text == "a < b & c"


async def test_lenient_ampersand_mode_matches_telegram() -> None:
    async with FakeTelegramServer(strict_html=False) as tg:
        await tg.user(1001, "Alice").send("hi")
        async with make_bot(tg) as bot:
            sent = await bot.send_message(1001, "Tom & Jerry", parse_mode="HTML")
    assert sent.text == "Tom & Jerry"


async def test_invalid_inline_keyboards_are_rejected(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(alice_started, "x", reply_markup=keyboard("я" * 33))
    text_only = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="t")]])
    with pytest.raises(TelegramBadRequest, match="text buttons are unallowed"):
        await bot.send_message(alice_started, "x", reply_markup=text_only)
    bad_url = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="t", url="example.com")]]
    )
    with pytest.raises(TelegramBadRequest, match="Wrong HTTP URL"):
        await bot.send_message(alice_started, "x", reply_markup=bad_url)


async def test_reply_keyboard_is_kept_for_assertions(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    await bot.send_message(
        alice_started,
        "choose",
        reply_markup=ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(text="Да"), KeyboardButton(text="Нет")]]
        ),
    )
    view = tg.user(1001).last_bot_message
    assert view.reply_keyboard == [["Да", "Нет"]]
    assert "reply_markup" not in view.raw  # Telegram returns only inline keyboards


async def test_reply_to_a_missing_message(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(alice_started, "x", reply_to_message_id=77)
    reply = await bot.send_message(alice_started, "to start", reply_to_message_id=1)
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.text == "/start"


async def test_answer_to_an_unknown_callback_query(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query("12345")


async def test_callback_query_can_be_answered_once(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    alice = tg.user(1001)
    sent = await bot.send_message(alice_started, "q", reply_markup=keyboard("ok"))
    query_id = alice.press_nowait(sent.message_id, "ok")
    assert await bot.answer_callback_query(query_id, text="done")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)
    answer = await tg.wait_callback_answer(query_id)
    assert answer.text == "done"


async def test_wrong_token_is_unauthorized(tg: FakeTelegramServer) -> None:
    async with make_bot(tg) as good:
        wrong = type(good)("42:WrongToken", session=good.session)
        with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
            await wrong.get_me()
        assert (await good.get_me()).username == "decisions_test_bot"


class GetStarTransactions(TelegramMethod[bool]):
    __returning__ = bool
    __api_method__ = "getStarTransactions"


async def test_unknown_method_is_not_found(tg: FakeTelegramServer, bot: Bot) -> None:
    with pytest.raises(TelegramNotFound, match="method not found"):
        await bot(GetStarTransactions())
    assert tg.calls[-1].status == 404
    assert tg.calls[-1].method == "getStarTransactions"


async def test_chat_action_and_commands(
    tg: FakeTelegramServer, bot: Bot, alice_started: int
) -> None:
    assert await bot.send_chat_action(alice_started, "typing")
    with pytest.raises(TelegramBadRequest, match="wrong parameter action"):
        await bot.send_chat_action(alice_started, "dancing")
    await bot.set_my_commands(
        [
            BotCommand(command="start", description="Начать"),
            BotCommand(command="my", description="Мои"),
        ]
    )
    assert [c.command for c in await bot.get_my_commands()] == ["start", "my"]
    assert tg.get_commands() == ["start", "my"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad-Name", description="x")])
    assert await bot.delete_my_commands()
    assert await bot.get_my_commands() == []
