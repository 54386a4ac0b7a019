"""Whether an edit would change what the user sees (handlers/feedback.shows_already)."""

from __future__ import annotations

import datetime as dt

from aiogram.types import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message

from handlers.feedback import shows_already


def _markup(data: str, text: str = "Принять") -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=text, callback_data=data)]]
    )


def _received(text: str, entities: list[dict[str, object]], markup: dict[str, object]) -> Message:
    """A message as it comes inside a callback query: parsed from Telegram's JSON."""
    return Message.model_validate(
        {
            "message_id": 7,
            "date": int(dt.datetime(2026, 3, 2, tzinfo=dt.UTC).timestamp()),
            "chat": Chat(id=1, type="private").model_dump(),
            "text": text,
            "entities": entities,
            "reply_markup": markup,
        }
    )


BOLD_CARD = _received(
    "Поручение №3\nСрок: 27.01 & <позже>",
    [{"type": "bold", "offset": 0, "length": 12}],
    {"inline_keyboard": [[{"text": "Принять", "callback_data": "c:accept:3"}]]},
)


def test_the_same_html_and_buttons_show_already() -> None:
    html = "<b>Поручение №3</b>\nСрок: 27.01 &amp; &lt;позже&gt;"
    assert shows_already(BOLD_CARD, html, _markup("c:accept:3"))


def test_any_difference_in_text_formatting_or_buttons_is_an_edit() -> None:
    html = "<b>Поручение №3</b>\nСрок: 27.01 &amp; &lt;позже&gt;"
    assert not shows_already(
        BOLD_CARD, html.replace("<b>", "").replace("</b>", ""), _markup("c:accept:3")
    )
    assert not shows_already(BOLD_CARD, html + ".", _markup("c:accept:3"))
    assert not shows_already(BOLD_CARD, html, _markup("c:accept:4"))
    assert not shows_already(BOLD_CARD, html, _markup("c:accept:3", text="Вернуть"))
    assert not shows_already(BOLD_CARD, html, None)
    two_rows = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Принять", callback_data="c:accept:3")], []]
    )
    assert not shows_already(BOLD_CARD, html, two_rows)


def test_a_message_without_buttons_and_none_asked_shows_already() -> None:
    plain = _received("Готово", [], {"inline_keyboard": []})
    assert shows_already(plain, "Готово", InlineKeyboardMarkup(inline_keyboard=[]))
    bare = Message.model_validate(
        {"message_id": 8, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "Готово"}
    )
    assert shows_already(bare, "Готово", None)
    assert not shows_already(bare, "Готово", _markup("c:accept:3"))


def test_a_card_with_quotes_in_its_text_shows_already_after_a_round_trip() -> None:
    """Telegram gives quotes back raw: a card rendered with them must compare equal."""
    from bot import render

    text = "Направить письмо в ООО \"Ромашка\" и в АО 'Лютик' <срочно> & быстро"
    html = f"<b>{render.esc('Поручение №3')}</b>\n{render.esc(text)}"
    shown = _received(
        f"Поручение №3\n{text}",
        [{"type": "bold", "offset": 0, "length": 12}],
        {"inline_keyboard": [[{"text": "Принять", "callback_data": "c:accept:3"}]]},
    )
    assert shows_already(shown, html, _markup("c:accept:3"))
