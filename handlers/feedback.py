"""Small shared answers: refusals for an action's outcome, safe message edits."""

from __future__ import annotations

import contextlib
import io

import aiohttp
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError
from aiogram.types import (
    CallbackQuery,
    InaccessibleMessage,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.callback_answer import CallbackAnswer

from bot import render
from bot.config import Settings
from bot.texts import core as t
from tracking.rules import Outcome

MAX_ID = 2**63 - 1


def parse_id(text: str | None) -> int | None:
    """A database id typed by a user («12», «№12»); None for anything that is not a number
    (exotic digits included). A number too big to be an id is 0, which matches nothing."""
    value = (text or "").strip().lstrip("№").strip()
    if not value.isascii() or not value.isdecimal():
        return None
    if len(value) > 19 or int(value) > MAX_ID:
        return 0
    return int(value)


def refusal(outcome: Outcome, *, forbidden: str = t.REFUSED_NOT_YOURS) -> str:
    return {
        Outcome.FORBIDDEN: forbidden,
        Outcome.STALE: t.REFUSED_STALE,
        Outcome.SUPERSEDED: t.REFUSED_SUPERSEDED,
        Outcome.OLD_REPORT: t.REFUSED_OLD_REPORT,
        Outcome.NOT_FOUND: t.REFUSED_NOT_FOUND,
    }.get(outcome, t.REFUSED_NOT_FOUND)


def refuse(answer: CallbackAnswer, text: str) -> None:
    answer.text = text
    answer.show_alert = True


def pressed_message(callback: CallbackQuery) -> Message | None:
    message = callback.message
    if message is None or isinstance(message, InaccessibleMessage):
        return None
    return message


async def download(message: Message, bot: Bot, settings: Settings) -> bytes | None:
    """The message's document within the size limit, or None after telling the user why."""
    document = message.document
    assert document is not None
    if (document.file_size or 0) > settings.max_file_bytes:
        await message.answer(render.esc(t.FILE_TOO_LARGE.format(mb=settings.max_file_mb)))
        return None
    buffer = io.BytesIO()
    try:
        await bot.download(document, destination=buffer)
    except (TelegramBadRequest, TelegramNetworkError, aiohttp.ClientError, TimeoutError):
        await message.answer(render.esc(t.FILE_DOWNLOAD_FAILED))
        return None
    data = buffer.getvalue()
    if len(data) > settings.max_file_bytes:
        await message.answer(render.esc(t.FILE_TOO_LARGE.format(mb=settings.max_file_mb)))
        return None
    return data


def _button(button: InlineKeyboardButton) -> tuple[tuple[str, object], ...]:
    """The fields a button has, by name (however it was built or parsed)."""
    return tuple(
        (name, value)
        for name in sorted(button.model_fields_set)
        if (value := getattr(button, name)) is not None
    )


def _buttons(markup: InlineKeyboardMarkup | None) -> tuple[tuple[object, ...], ...]:
    if markup is None:
        return ()
    return tuple(tuple(_button(b) for b in row) for row in markup.inline_keyboard)


def shows_already(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> bool:
    """Whether the message, as the pressed button's update shows it, has this HTML text and
    these buttons. Telegram refuses an edit that changes nothing («message is not modified»):
    a second tap on «Напомнить завтра», a double tap on a page button."""
    return message.html_text == text and _buttons(message.reply_markup) == _buttons(markup)


async def edit(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit text or caption; an unchanged or vanished message is not an error, and an edit
    that would change nothing is not sent."""
    if shows_already(message, text, markup):
        return
    with contextlib.suppress(TelegramBadRequest):
        if message.text is not None:
            await message.edit_text(text, reply_markup=markup)
        else:
            await message.edit_caption(caption=text, reply_markup=markup)
