"""The test-side user API driving the demo bot through real polling."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from tests.fakebot import FakeTelegramServer, FakeTimeoutError, PollingRun


async def test_command_message_carries_a_bot_command_entity(tg: FakeTelegramServer) -> None:
    alice = tg.user(1001, "Алиса")
    sent = await alice.send("/start abc123")
    assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert sent["chat"] == {"id": 1001, "type": "private", "first_name": "Алиса"}
    assert sent["from"]["id"] == 1001


async def test_deep_link_payload_reaches_the_start_handler(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, first_name="Алиса", last_name="Петрова", username="alice")
    await alice.send("/start abc123")
    reply = await alice.next_message(timeout=5)
    assert reply.text == "Привет, <b>Алиса</b>! payload=abc123"
    assert reply.plain_text == "Привет, Алиса! payload=abc123"
    assert reply.entities == ({"type": "bold", "offset": 8, "length": 5},)
    assert reply.from_bot
    assert not reply.edited


async def test_numeric_text_is_not_json_decoded(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send("00123")
    assert (await alice.next_message()).text == "00123"


async def test_message_ids_increase_per_chat(tg: FakeTelegramServer, polling: PollingRun) -> None:
    alice = tg.user(1001, "Alice")
    bob = tg.user(1002, "Bob")
    first = await alice.send("a")
    reply = await alice.next_message()
    await bob.send("b")
    bob_reply = await bob.next_message()
    assert (first["message_id"], reply.message_id) == (1, 2)
    assert bob_reply.message_id == 2
    assert [m.message_id for m in alice.chat.messages] == [1, 2]


async def test_pressing_a_button_answers_and_edits_the_message(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send("/menu")
    menu = await alice.next_message()
    assert menu.button_texts == [["💾 Сохранить", "Отмена", "Сайт"]]
    assert menu.button("Сайт").url == "https://example.com"
    assert menu.button("Отмена").callback_data == "ch:cancel"

    answer = await alice.press(menu, "Сохранить")
    assert answer.text == "Сохранено"
    assert not answer.show_alert

    edited = await alice.next_message()
    assert edited.edited
    assert edited.message_id == menu.message_id
    assert edited.text == "Сохранено ✅"
    assert edited.buttons == []  # editMessageText without reply_markup drops the keyboard
    assert alice.chat.message(menu.message_id).text == "Сохранено ✅"
    assert menu.text == "Что сделать?"  # views are snapshots
    await alice.expect_no_message()


async def test_press_by_callback_data_and_alert_answer(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send("/menu")
    menu = await alice.next_message()
    answer = await alice.press(menu, "ch:cancel")
    assert (answer.text, answer.show_alert) == ("Отменено", True)


async def test_press_rejects_url_buttons_and_unknown_texts(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send("/menu")
    menu = await alice.next_message()
    with pytest.raises(AssertionError, match="no callback_data"):
        await alice.press(menu, "Сайт")
    with pytest.raises(AssertionError, match="no button matches"):
        await alice.press(menu, "Удалить")


async def test_press_times_out_when_nobody_answers(tg: FakeTelegramServer, bot: Bot) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send("hi")
    question = await bot.send_message(
        1001,
        "q",
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="x", callback_data="x")]]
        ),
    )
    with pytest.raises(FakeTimeoutError, match="did not answer"):
        await alice.press(question.message_id, "x", timeout=0.2)


async def test_next_message_times_out_with_a_helpful_message(tg: FakeTelegramServer) -> None:
    alice = tg.user(1001, "Alice")
    with pytest.raises(FakeTimeoutError, match="sent nothing to chat 1001"):
        await alice.next_message(timeout=0.1)


async def test_expect_no_message_fails_when_the_bot_answers(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send("ping")
    with pytest.raises(AssertionError, match="expected no message"):
        await alice.expect_no_message(within=2)


async def test_group_messages_are_answered_in_the_group(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    group = tg.group(-100500, title="Planning")
    sent = await group.send(alice, "/start@decisions_test_bot")
    assert sent["chat"] == {"id": -100500, "type": "group", "title": "Planning"}
    assert sent["entities"][0]["length"] == len("/start@decisions_test_bot")
    reply = await group.next_message()
    assert reply.chat_id == -100500
    assert reply.plain_text == "Привет, Alice! payload=-"
    await alice.expect_no_message(within=0.1)


async def test_unknown_and_not_started_users_are_chat_not_found(
    tg: FakeTelegramServer, bot: Bot
) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(424242, "hello")
    carol = tg.user(1003, "Carol", started=False)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(1003, "hello")
    await carol.send("hi")
    assert (await bot.send_message(1003, "hello")).chat.id == 1003


async def test_blocked_user_gets_forbidden_and_a_member_update(
    tg: FakeTelegramServer, bot: Bot
) -> None:
    tg.user(1001, "Alice")
    tg.block(1001)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(1001, "hello")
    updates = await bot.get_updates()
    member_update = updates[-1].my_chat_member
    assert member_update is not None
    assert member_update.new_chat_member.status == "kicked"
    tg.unblock(1001)
    assert (await bot.send_message(1001, "welcome back")).text == "welcome back"


async def test_bot_removed_from_group_gets_forbidden(tg: FakeTelegramServer, bot: Bot) -> None:
    tg.group(-1001234567890, title="Team")
    tg.block(-1001234567890)
    with pytest.raises(TelegramForbiddenError, match="bot was kicked from the supergroup chat"):
        await bot.send_message(-1001234567890, "hello")


async def test_wait_for_call_matches_params(tg: FakeTelegramServer, polling: PollingRun) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send("ping")
    call = await tg.wait_for_call(
        "sendMessage", chat_id=1001, predicate=lambda c: c.params["text"] == "ping"
    )
    assert call.ok
    assert call.result["chat"]["id"] == 1001
    assert len(tg.calls_of("sendMessage", chat_id=1001)) == 1
    with pytest.raises(FakeTimeoutError):
        await tg.wait_for_call("sendMessage", chat_id=1002, timeout=0.1)


async def test_chat_member_and_chat_info(tg: FakeTelegramServer, bot: Bot) -> None:
    alice = tg.user(1001, "Alice")
    bob = tg.user(1002, "Bob")
    group = tg.group(
        -1001234567890, title="Team", admins=[alice], members=[bob], bot_is_admin=True
    )
    assert (await bot.get_chat_member(-1001234567890, 1001)).status == "administrator"
    assert (await bot.get_chat_member(-1001234567890, 1002)).status == "member"
    group.add_member(bob, "left")
    assert (await bot.get_chat_member(-1001234567890, 1002)).status == "left"
    admins = await bot.get_chat_administrators(-1001234567890)
    assert {a.user.id for a in admins} == {1001, tg.bot.id}
    chat = await bot.get_chat(-1001234567890)
    assert (chat.type, chat.title) == ("supergroup", "Team")


async def test_user_reply_to_a_bot_message(tg: FakeTelegramServer, bot: Bot) -> None:
    alice = tg.user(1001, "Alice")
    await alice.send("hi")
    question = await bot.send_message(1001, "Как назвать задачу?")
    sent = await alice.send("Отчёт", reply_to=question.message_id)
    assert sent["reply_to_message"]["text"] == "Как назвать задачу?"
    assert sent["reply_to_message"]["from"]["is_bot"] is True


async def test_privacy_mode_hides_plain_group_chatter(tg: FakeTelegramServer, bot: Bot) -> None:
    alice = tg.user(1001, "Alice")
    group = tg.group(-100500, title="Team")
    await group.send(alice, "just chatting")
    await group.send(alice, "/my@other_bot")
    await group.send(alice, "/my")
    await group.send(alice, "hey @Decisions_Test_Bot")
    question = await bot.send_message(-100500, "Что решили?")
    await group.send(alice, "Перенести релиз", reply_to=question.message_id)
    seen = [u.message.text for u in await bot.get_updates() if u.message]
    assert seen == ["/my", "hey @Decisions_Test_Bot", "Перенести релиз"]
    assert [m["text"] for m in tg.privacy_filtered] == ["just chatting", "/my@other_bot"]


async def test_admin_bot_and_disabled_privacy_see_everything(tg: FakeTelegramServer) -> None:
    alice = tg.user(1001, "Alice")
    admin_group = tg.group(-100501, bot_is_admin=True)
    await admin_group.send(alice, "just chatting")
    assert tg.privacy_filtered == []
    async with FakeTelegramServer(privacy_mode=False) as open_tg:
        await open_tg.group(-100502).send(open_tg.user(1001), "just chatting")
        assert open_tg.privacy_filtered == []
        assert len(open_tg.updates) == 1


async def test_message_dates_follow_the_injected_wall_clock() -> None:
    async with FakeTelegramServer(wall_clock=lambda: 1_700_000_000.0) as tg:
        sent = await tg.user(1001, "Alice").send("hi")
        assert sent["date"] == 1_700_000_000


async def test_group_button_press_and_stale_callback(
    tg: FakeTelegramServer, polling: PollingRun
) -> None:
    alice = tg.user(1001, "Alice")
    group = tg.group(-100500, title="Team")
    await group.send(alice, "/menu")
    menu = await group.next_message()
    answer = await group.press(alice, menu, "Сохранить")
    assert answer.text == "Сохранено"
    edited = await group.next_message()
    assert edited.buttons == []
    # A double tap delivered after the edit still reaches the bot with the old data.
    query_id = group.send_callback(alice, menu, "ch:cancel")
    stale = await tg.wait_callback_answer(query_id)
    assert stale.show_alert
