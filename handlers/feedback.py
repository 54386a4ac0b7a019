"""Small shared answers: refusals for an action's outcome, safe message edits."""

from __future__ import annotations

import contextlib

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.texts import core as t
from tracking.rules import Outcome


def refusal(outcome: Outcome, *, forbidden: str = t.REFUSED_NOT_YOURS) -> str:
    return {
        Outcome.FORBIDDEN: forbidden,
        Outcome.STALE: t.REFUSED_STALE,
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


async def edit(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit text or caption; an unchanged or vanished message is not an error."""
    with contextlib.suppress(TelegramBadRequest):
        if message.text is not None:
            await message.edit_text(text, reply_markup=markup)
        else:
            await message.edit_caption(caption=text, reply_markup=markup)
