"""Small shared answers: refusals for an action's outcome, safe message edits."""

from __future__ import annotations

import contextlib
import io

import aiohttp
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message
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


async def edit(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit text or caption; an unchanged or vanished message is not an error."""
    with contextlib.suppress(TelegramBadRequest):
        if message.text is not None:
            await message.edit_text(text, reply_markup=markup)
        else:
            await message.edit_caption(caption=text, reply_markup=markup)
